//! The config file: defaults, each setting, rebinding keys, themes and
//! `NO_COLOR`, and the errors of a broken file.

mod common;

use std::path::Path;

use assert_cmd::Command;
use common::drive::{app_on, ch, ctrl, draw, key, press, said, screen};
use common::t;
use minutes::app::{Action, Purpose};
use minutes::config::{Config, ConfigError};
use minutes::keymap::{Key, Keymap, label};
use predicates::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier};

fn parse(text: &str) -> Result<Config, ConfigError> {
    Config::parse(Path::new("config.ron"), text.as_bytes())
}

fn error_of(text: &str) -> String {
    parse(text)
        .expect_err("the config should be refused")
        .to_string()
}

fn minutes(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("minutes").unwrap();
    cmd.env("MINUTES_DATA_DIR", dir.join("data"))
        .env("MINUTES_CONFIG_DIR", dir.join("config"))
        .env_remove("MINUTES_CONFIG")
        .env_remove("NO_COLOR");
    cmd
}

#[test]
fn the_defaults_round_trip_through_the_file_minutes_config_prints() {
    let config = Config::default();
    assert_eq!(parse(&config.to_ron()).unwrap(), config);
}

#[test]
fn an_empty_file_or_one_of_comments_alone_is_the_defaults() {
    assert_eq!(parse("").unwrap(), Config::default());
    assert_eq!(parse("// nothing yet\n\n").unwrap(), Config::default());
}

#[test]
fn the_commented_default_file_is_the_defaults_and_its_keys_uncommented_too() {
    let file = minutes::config::default_file();
    assert_eq!(parse(&file).unwrap(), Config::default());
    // Every binding listed, uncommented: each action given its own
    // default keys, which changes nothing.
    let mut in_keys = false;
    let uncommented: String = file
        .lines()
        .map(|line| {
            if line.trim_start().starts_with("keys: {") {
                in_keys = true;
            }
            match line.trim_start().strip_prefix("// ") {
                Some(rest)
                    if in_keys
                        && (rest.trim_end().ends_with('{')
                            || rest.trim() == "},"
                            || rest.contains("],")) =>
                {
                    format!("        {rest}\n")
                }
                _ => format!("{line}\n"),
            }
        })
        .collect();
    let config = parse(&uncommented).unwrap_or_else(|e| panic!("{e}\n{uncommented}"));
    assert!(
        config.keys.0.rebound().len() > 100,
        "every binding is listed"
    );
    for (b, default) in config.keys.0.all().iter().zip(Keymap::default().all()) {
        assert_eq!(b.keys, default.keys, "{:?}", b.action);
    }
}

#[test]
fn every_key_reads_back_as_the_help_writes_it() {
    for b in Keymap::default().all() {
        for k in b.keys.iter() {
            assert_eq!(label(k).parse::<Key>().as_ref(), Ok(k), "{}", label(k));
        }
    }
    let k = |s: &str| s.parse::<Key>().unwrap();
    assert_eq!(k("ctrl+p"), k("Ctrl+P"));
    assert_eq!(k("Shift+Tab").code, KeyCode::BackTab);
    assert_eq!(k("PageDown"), k("PgDn"));
    assert_eq!(k("+").code, KeyCode::Char('+'));
    assert_eq!(
        k("Alt++"),
        Key {
            code: KeyCode::Char('+'),
            mods: KeyModifiers::ALT
        }
    );
    // Every modifier is said: no two keys read alike (Ctrl+Alt+Z read as
    // Ctrl+Z, Shift+Del as Del, so that a message named the quit key as
    // the undo key).
    for (written, said) in [
        ("Shift+Del", "Shift+Del"),
        ("Alt+Shift+F2", "Alt+Shift+F2"),
        ("ctrl+alt+left", "Ctrl+Alt+←"),
    ] {
        assert_eq!(label(&k(written)), said);
    }
    assert_eq!(k("N").code, KeyCode::Char('N'));
    for bad in [
        "",
        "Ctrl+",
        "Hyper+x",
        "F13",
        "F0",
        "Shift+n",
        "Enterr",
        "ctrl+pp",
        // What a terminal sends as Tab, Enter, Backspace and Esc.
        "Ctrl+I",
        "Ctrl+m",
        "Ctrl+J",
        "Ctrl+H",
        "Ctrl+[",
        // What a terminal does not send at all, or as something else:
        // AltGr's characters, most Ctrl+digits and signs, Shift or Ctrl
        // with Enter, Esc, Backspace or Tab, Shift with a character.
        "Ctrl+Alt+z",
        "Ctrl++",
        "Ctrl+2",
        "Ctrl+/",
        "Shift+Space",
        "Shift+Enter",
        "Ctrl+Enter",
        "Ctrl+Backspace",
        "Ctrl+Tab",
        "Ctrl+Shift+Tab",
        "Shift+Esc",
    ] {
        assert!(bad.parse::<Key>().is_err(), "{bad:?} should be refused");
    }
}

#[test]
fn the_default_keys_have_no_conflict() {
    assert_eq!(Keymap::default().conflict(), None);
}

#[test]
fn a_rebound_action_takes_its_new_keys_and_leaves_its_old_ones() {
    let config = parse(r#"(keys: { Entry: { Pick(Speaker): ["Ctrl+O"] } })"#).unwrap();
    let (_dir, mut app) = app_on(common::before_meeting());
    app.configure(&config, false);
    let action = |app: &minutes::app::App, k: KeyEvent| minutes::keymap::action_for(k, app);
    assert_eq!(
        action(&app, ctrl('o')),
        Some(Action::Pick(Purpose::Speaker))
    );
    assert_eq!(action(&app, ctrl('p')), None, "Ctrl+P is no longer bound");
    // F2 was the other default key; the config gave only Ctrl+O.
    assert_eq!(action(&app, key(KeyCode::F(2))), None);
    // Browse mode keeps its own binding: the config named Entry only.
    press(&mut app, &[key(KeyCode::Esc)], t(0, 0));
    assert_eq!(
        action(&app, ctrl('p')),
        Some(Action::Pick(Purpose::Speaker))
    );
}

#[test]
fn the_hint_bar_and_the_help_show_the_keys_in_force() {
    let config = parse(
        r#"(keys: { Entry: { Pick(Speaker): ["Ctrl+O", "F2"], RollCall: ["F10"] }, Global: { Quit: ["Ctrl+X"], Undo: ["Ctrl+B"] } })"#,
    )
    .unwrap();
    let (_dir, mut app) = app_on(common::before_meeting());
    app.configure(&config, false);
    let bottom = screen(&app, 200, 24).lines().last().unwrap().to_string();
    assert!(bottom.contains("Ctrl+O/F2  speaker"), "{bottom}");
    assert!(bottom.contains("Ctrl+X  quit"), "{bottom}");
    assert!(!bottom.contains("Ctrl+P"), "{bottom}");
    press(&mut app, &[key(KeyCode::F(1))], t(0, 0));
    let help = screen(&app, 100, 400);
    assert!(help.contains("Ctrl+O/F2"), "{help}");
    assert!(help.contains("Ctrl+X"), "{help}");
    assert!(!help.contains("Ctrl+Q/Ctrl+C"), "{help}");
    // The keys its sentences name in passing too.
    assert!(help.contains("delete it (Ctrl+B brings it back)"), "{help}");
    assert!(help.contains("Roll call (F10 or /roll)"), "{help}");
    assert!(!help.contains("Ctrl+Z"), "{help}");
}

#[test]
fn keys_can_be_swapped_within_a_mode() {
    let config =
        parse(r#"(keys: { Entry: { Pick(Speaker): ["Ctrl+N"], NextTopic: ["Ctrl+P"] } })"#)
            .unwrap();
    let (_dir, mut app) = app_on(common::before_meeting());
    app.configure(&config, false);
    assert_eq!(
        minutes::keymap::action_for(ctrl('n'), &app),
        Some(Action::Pick(Purpose::Speaker))
    );
    assert_eq!(
        minutes::keymap::action_for(ctrl('p'), &app),
        Some(Action::NextTopic)
    );
}

/// A key moved from a mode to a global action, and the mode's action to
/// another: refused whichever was written first, until the conflict was
/// checked once all were read.
#[test]
fn keys_can_be_swapped_between_a_mode_and_the_global_ones() {
    for text in [
        r#"(keys: {
            Entry: { Review: ["Ctrl+Z"] }, Browse: { Review: ["Ctrl+Z"] },
            Review: { Review: ["Ctrl+Z"] }, Global: { Undo: ["F9"] },
        })"#,
        r#"(keys: {
            Global: { Undo: ["F9"] }, Entry: { Review: ["Ctrl+Z"] },
            Browse: { Review: ["Ctrl+Z"] }, Review: { Review: ["Ctrl+Z"] },
        })"#,
    ] {
        let config = parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        let (_dir, mut app) = app_on(common::before_meeting());
        app.configure(&config, false);
        assert_eq!(
            minutes::keymap::action_for(ctrl('z'), &app),
            Some(Action::Review)
        );
        assert_eq!(
            minutes::keymap::action_for(key(KeyCode::F(9)), &app),
            Some(Action::Undo)
        );
        // The help's sentences: Undo is F9, the review Ctrl+Z, each once.
        press(&mut app, &[key(KeyCode::F(1))], t(0, 0));
        let help = screen(&app, 100, 400);
        assert!(help.contains("delete it (F9 brings it back)"), "{help}");
    }
}

/// The export menu's letters are its formats: none may be bound there.
#[test]
fn a_letter_of_the_export_menu_cannot_be_bound() {
    let e = error_of(r#"(keys: { ReviewExport: { Cancel: ["t", "Esc"] } })"#);
    assert!(e.contains("taken for a format"), "{e}");
}

/// The help's title names the keys that scroll and close it.
#[test]
fn the_helps_title_names_the_key_that_closes_it() {
    let config = parse(r#"(keys: { Help: { Cancel: ["F10"] } })"#).unwrap();
    let (_dir, mut app) = app_on(common::before_meeting());
    app.configure(&config, false);
    press(&mut app, &[key(KeyCode::F(1))], t(0, 0));
    let top = screen(&app, 100, 30).lines().next().unwrap().to_string();
    assert!(top.contains("F10 closes"), "{top}");
    assert!(!top.contains("Esc closes"), "{top}");
}

#[test]
fn a_conflict_names_the_key_both_actions_and_where() {
    let e = error_of("(\n  keys: {\n    Entry: { Pick(Speaker): [\"Ctrl+N\"] },\n  },\n)");
    // Said at the end of `keys`, once every rebinding is in.
    assert!(e.starts_with("config file config.ron:4:"), "{e}");
    assert!(
        e.contains("Ctrl+N is bound twice in Entry: to Pick(Speaker) and to NextTopic")
            || e.contains("Ctrl+N is bound twice in Entry: to NextTopic and to Pick(Speaker)"),
        "{e}"
    );
    // A global key taken by a mode's action conflicts in that mode.
    let e = error_of(r#"(keys: { Entry: { Pick(Speaker): ["Ctrl+Z"] } })"#);
    assert!(e.contains("Ctrl+Z is bound twice in Entry"), "{e}");
}

#[test]
fn what_cannot_be_rebound_is_refused_with_line_and_column() {
    let cases = [
        // Unknown names: serde's message, at the name.
        (
            "(keys: { Entri: {} })",
            "1:",
            "`Entri` is not a mode (did you mean Entry?)",
        ),
        (
            "(keys: { Entry: { Submitt: [\"Enter\"] } })",
            "1:",
            "`Submitt` is not an action (did you mean Submit?)",
        ),
        // An action the mode does not have.
        (
            "(keys: {\n Review: { Submit: [\"Enter\"] } })",
            "2:",
            "Review has no Submit to rebind",
        ),
        // A plain letter would be typed as text while typing.
        (
            "(keys: { Entry: { Undo: [\"u\"] } })",
            "1:",
            "would be typed as text",
        ),
        (
            "(keys: { Global: { Undo: [\"u\"] } })",
            "1:",
            "would be typed as text",
        ),
        (
            "(keys: { Entry: { Undo: [] } })",
            "1:",
            "needs at least one key",
        ),
        (
            "(keys: { Review: { ReviewTopic(0): [\"x\"] } })",
            "1:",
            "digits",
        ),
        (
            "(keys: { Entry: { Submit: [\"Hyper+Enter\"] } })",
            "1:",
            "is not a key",
        ),
        (
            "(keys: { Entry: { Submit: [\"F2\", \"F2\"] } })",
            "1:",
            "twice",
        ),
    ];
    for (text, at, what) in cases {
        let e = error_of(text);
        assert!(
            e.starts_with(&format!("config file config.ron:{at}")),
            "{text}: {e}"
        );
        assert!(e.contains(what), "{text}: {e}");
    }
    // In the review, letters are commands: a plain letter may be bound.
    let config = parse(r#"(keys: { Review: { ReviewSearch: ["k"] } })"#).unwrap();
    assert_eq!(config.keys.0.rebound().len(), 1);
}

#[test]
fn a_broken_file_is_one_error_with_line_and_column() {
    for (text, at, what) in [
        ("(\n  theme: Purple,\n)", "2:", "`Purple` is not a theme"),
        ("(theme: light)", "1:", "did you mean Light?"),
        ("(\n  mouse: yes,\n)", "2:", ""),
        ("(\n  late_after_minuts: 3,\n)", "2:", "late_after_minuts"),
        (
            "(\n  colours: { Decision: \"purplish\" },\n)",
            "2:",
            "`purplish` is not a colour",
        ),
        ("(\n  theme: Dark,\n", "", ""),
        ("(version: 2)", "1:", "newer"),
        (
            "(\n  theme: Dark,\n  autosave_minutes: 0,\n)",
            "3:21:",
            "at least 1",
        ),
        ("(late_after_minutes: 100000)", "1:", "at most"),
        ("(data_dir: Some(\"\"))", "1:", "empty"),
    ] {
        let e = error_of(text);
        assert!(
            e.starts_with(&format!("config file config.ron:{at}")),
            "{text}: {e}"
        );
        assert!(e.contains(what), "{text}: {e}");
    }
    let e = Config::parse(Path::new("c.ron"), b"(theme: \"\xff\")").unwrap_err();
    assert!(e.to_string().contains("c.ron:1:10: not UTF-8"), "{e}");
}

#[test]
fn a_broken_config_stops_every_command_but_config_default() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.ron");
    std::fs::write(&file, "(\n  theme: Purple,\n)").unwrap();
    let sample = common::sample_path();
    minutes(dir.path())
        .arg("--config")
        .arg(&file)
        .arg("export")
        .arg(&sample)
        .assert()
        .failure()
        .stdout("")
        .stderr(predicate::str::contains("bad.ron:2:"));
    // The environment variable names it as --config does.
    minutes(dir.path())
        .env("MINUTES_CONFIG", &file)
        .arg("list")
        .assert()
        .failure()
        .stderr(predicate::str::contains("bad.ron:2:"));
    minutes(dir.path())
        .arg("--config")
        .arg(&file)
        .args(["config", "--default"])
        .assert()
        .success()
        .stdout(predicate::str::contains("keys: {"));
    // Not read without end.
    minutes(dir.path())
        .args(["--config", "/dev/zero", "list"])
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .failure()
        .stderr(predicate::str::contains("not a config file"));
    // /dev/null: no settings, as git and tmux read it.
    minutes(dir.path())
        .args(["--config", "/dev/null", "config"])
        .assert()
        .success()
        .stdout(predicate::str::contains("theme: Dark"));
    let big = dir.path().join("big.ron");
    std::fs::write(&big, format!("({})", " ".repeat(2 << 20))).unwrap();
    minutes(dir.path())
        .arg("--config")
        .arg(&big)
        .arg("list")
        .assert()
        .failure()
        .stderr(predicate::str::contains("not a config file"));
    // A pipe no one writes to: said, not waited on for ever.
    let fifo = dir.path().join("fifo.ron");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    minutes(dir.path())
        .arg("--config")
        .arg(&fifo)
        .arg("list")
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "a pipe or socket, not a config file",
        ));
    // A file asked for by name must be there.
    minutes(dir.path())
        .arg("--config")
        .arg(dir.path().join("none.ron"))
        .arg("list")
        .assert()
        .failure()
        .stderr(predicate::str::contains("none.ron"));
}

#[test]
fn minutes_config_says_where_and_prints_the_settings_in_force() {
    let dir = tempfile::tempdir().unwrap();
    minutes(dir.path())
        .arg("config")
        .assert()
        .success()
        .stdout(predicate::str::contains("No config file at"))
        .stdout(predicate::str::contains("config.ron"));
    std::fs::create_dir_all(dir.path().join("config")).unwrap();
    std::fs::write(
        dir.path().join("config/config.ron"),
        "(theme: Light, keys: { Global: { Undo: [\"Ctrl+B\"] } })",
    )
    .unwrap();
    let out = minutes(dir.path())
        .arg("config")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("The settings in force, from"), "{text}");
    assert!(text.contains("theme: Light"), "{text}");
    assert!(text.contains("NO_COLOR is set"), "{text}");
    assert!(text.contains(r#"Undo: ["Ctrl+B"]"#), "{text}");
    // What it prints is itself a config file, with the same settings.
    let printed = parse(&text).unwrap();
    assert_eq!(printed.theme, minutes::ui::theme::Base::Light);
    assert_eq!(printed.keys.0.rebound().len(), 1);
}

#[test]
fn the_config_sets_the_data_dir_and_the_exports_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let sessions = dir.path().join("elsewhere");
    std::fs::create_dir_all(&sessions).unwrap();
    std::fs::copy(common::sample_path(), sessions.join("forum.ron")).unwrap();
    let config = dir.path().join("c.ron");
    std::fs::write(
        &config,
        format!(
            "(data_dir: Some({:?}), export: (format: Some(Md), template: \"actions\"))",
            sessions.display().to_string()
        ),
    )
    .unwrap();
    let mut list = minutes(dir.path());
    list.env_remove("MINUTES_DATA_DIR");
    list.arg("--config").arg(&config).arg("list");
    list.assert()
        .success()
        .stdout(predicate::str::contains("forum.ron"));
    // The name `list` prints, found in the config's data dir; Markdown,
    // the action items.
    let mut export = minutes(dir.path());
    export.env_remove("MINUTES_DATA_DIR");
    let out = export
        .arg("--config")
        .arg(&config)
        .args(["export", "forum"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.starts_with("# Action items"), "{text}");
    // The command line wins over the config.
    let mut export = minutes(dir.path());
    export.env_remove("MINUTES_DATA_DIR");
    let out = export
        .arg("--config")
        .arg(&config)
        .args(["export", "forum", "--format", "txt", "-t", "minutes"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.starts_with('#'), "{text}");
}

#[test]
fn the_grace_period_is_the_sessions_own() {
    use minutes::model::attendance::is_late;
    let mut s = common::before_meeting();
    s.started_at = Some(t(0, 0));
    assert!(!is_late(&s, t(5, 0)));
    assert!(is_late(&s, t(5, 1)));
    s.late_after_minutes = Some(10);
    assert!(!is_late(&s, t(10, 0)));
    assert!(is_late(&s, t(10, 1)));
    // Kept in the file, and a file without it is read as before.
    let text = ron::to_string(&s).unwrap();
    assert!(text.contains("late_after_minutes:Some(10)"), "{text}");
}

#[test]
fn a_session_with_an_impossible_grace_is_refused_not_panicked_on() {
    let mut s = common::before_meeting();
    s.late_after_minutes = Some(u32::MAX);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    std::fs::write(&path, ron::to_string(&s).unwrap()).unwrap();
    let Err(e) = minutes::store::OpenSession::open(&path, minutes::store::Mode::ReadOnly) else {
        panic!("a grace of u32::MAX minutes is refused");
    };
    assert!(e.to_string().contains("late_after_minutes"), "{e}");
}

#[test]
fn autosave_follows_the_config() {
    let config = parse("(autosave_minutes: 1)").unwrap();
    let (_dir, mut app) = app_on(common::before_meeting());
    app.configure(&config, false);
    assert_eq!(app.autosave_minutes, 1);
    common::drive::enter(&mut app, "a note", t(0, 0));
    minutes::app::update(&mut app, Action::Tick, t(0, 1));
    assert!(app.store.has_unsaved_changes());
    minutes::app::update(&mut app, Action::Tick, t(1, 2));
    common::drive::settled(&mut app);
    assert!(!app.store.has_unsaved_changes(), "{}", said(&app));
}

/// Each run of styled cells as `row col..col: fg bg modifiers`, for a
/// snapshot of how a screen looks beyond its characters.
fn styles(terminal: &ratatui::Terminal<ratatui::backend::TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut run: Option<(u16, String)> = None;
        for x in 0..=buffer.area.width {
            let style = (x < buffer.area.width).then(|| {
                let c = &buffer[(x, y)];
                format!("{:?} {:?} {:?}", c.fg, c.bg, c.modifier)
            });
            let plain = format!(
                "{:?} {:?} {:?}",
                Color::Reset,
                Color::Reset,
                Modifier::empty()
            );
            match (&run, &style) {
                (Some((_, s)), Some(n)) if s == n => {}
                _ => {
                    if let Some((from, s)) = run.take()
                        && s != plain
                    {
                        out.push_str(&format!("{y:>2} {from:>2}..{:>2}: {s}\n", x - 1));
                    }
                    run = style.map(|s| (x, s));
                }
            }
        }
    }
    out
}

fn meeting_going_on() -> (tempfile::TempDir, minutes::app::App) {
    let (dir, mut app) = app_on(common::sample());
    app.store.session();
    press(&mut app, &[key(KeyCode::Esc)], t(0, 0));
    (dir, app)
}

#[test]
fn no_color_draws_no_colour_and_marks_by_bold_and_reverse() {
    let (_dir, mut app) = meeting_going_on();
    app.configure(&Config::default(), true);
    let terminal = draw(&app, 80, 24);
    let buffer = terminal.backend().buffer();
    for cell in buffer.content() {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{cell:?}");
    }
    let shown = styles(&terminal);
    assert!(
        shown.contains("REVERSED"),
        "the selection and bars stand out:\n{shown}"
    );
    let screen = terminal.backend().to_string();
    insta::with_settings!({ filters => vec![(r"/tmp/\.tmp[A-Za-z0-9]+/", "[TMP]/")] }, {
        insta::assert_snapshot!(format!("{screen}\n{shown}"));
    });
    // Colours from the config are not used either.
    let config = parse(r#"(colours: { Decision: "red" })"#).unwrap();
    app.configure(&config, true);
    let terminal = draw(&app, 80, 24);
    assert!(
        terminal
            .backend()
            .buffer()
            .content()
            .iter()
            .all(|c| c.fg == Color::Reset)
    );
}

#[test]
fn the_light_theme_has_no_light_text() {
    let (_dir, mut app) = meeting_going_on();
    app.configure(&parse("(theme: Light)").unwrap(), false);
    for view in [None, Some('s')] {
        if let Some(c) = view {
            press(&mut app, &[key(KeyCode::F(9)), ch(c)], t(0, 0));
        }
        let terminal = draw(&app, 80, 24);
        for cell in terminal.backend().buffer().content() {
            let washed_out = [Color::Gray, Color::Yellow, Color::LightGreen, Color::White];
            if cell.bg == Color::Reset {
                assert!(
                    !washed_out.contains(&cell.fg),
                    "{cell:?} on a light background"
                );
            }
        }
    }
}

#[test]
fn a_kind_takes_the_colour_the_config_gives_it() {
    let config = parse(r##"(colours: { Note: "#112233", Decision: "light-red" })"##).unwrap();
    let theme = config.theme(false);
    let note = minutes::model::EntryKind::Note;
    assert_eq!(theme.kind(&note).fg, Some(Color::Rgb(0x11, 0x22, 0x33)));
    assert_eq!(
        theme.kind(&minutes::model::EntryKind::Decision).fg,
        Some(Color::LightRed)
    );
    // Shown so in the log.
    let (_dir, mut app) = app_on(common::before_meeting());
    app.configure(&config, false);
    common::drive::enter(&mut app, "d: we agree", t(0, 0));
    let terminal = draw(&app, 80, 24);
    assert!(
        terminal
            .backend()
            .buffer()
            .content()
            .iter()
            .any(|c| c.fg == Color::LightRed),
        "the decision is light red"
    );
}

#[test]
fn the_manual_and_help_say_where_the_config_is_and_what_the_environment_sets() {
    let dir = tempfile::tempdir().unwrap();
    for args in [&["man"][..], &["--help"][..]] {
        let out = minutes(dir.path()).args(args).output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        for name in [
            "config.ron",
            "MINUTES_CONFIG",
            "MINUTES_DATA_DIR",
            "NO_COLOR",
        ] {
            assert!(text.contains(name), "{args:?} misses {name}:\n{text}");
        }
    }
}

/// The README's example config is a config this build reads, and does what
/// its comments say.
#[test]
fn the_readmes_example_config_is_read_as_it_says() {
    let readme = include_str!("../README.md");
    let section = &readme[readme.find("## Configuration").unwrap()..];
    let start = section.find("```ron\n").unwrap() + "```ron\n".len();
    let example = &section[start..start + section[start..].find("```").unwrap()];
    let config = parse(example).unwrap_or_else(|e| panic!("{e}\n{example}"));
    assert_eq!(config.theme, minutes::ui::theme::Base::Light);
    let (_dir, mut app) = app_on(common::before_meeting());
    app.configure(&config, false);
    // Ctrl+A is free wherever the secretary types or browses.
    assert_eq!(minutes::keymap::action_for(ctrl('a'), &app), None);
    press(&mut app, &[key(KeyCode::Esc)], t(0, 0));
    assert_eq!(minutes::keymap::action_for(ctrl('a'), &app), None);
    press(&mut app, &[key(KeyCode::F(8))], t(0, 0));
    assert_eq!(minutes::keymap::action_for(ctrl('a'), &app), None);
}

/// The next meeting of a series, or one from a template, keeps the series'
/// rule for lateness (the config's is for sessions with none).
#[test]
fn a_follow_up_or_a_template_keeps_the_grace_period() {
    let mut s = common::sample();
    s.late_after_minutes = Some(12);
    let next = minutes::model::meeting::follow_up(&s, "Next".into());
    assert_eq!(next.late_after_minutes, Some(12));
    let prepared = minutes::model::meeting::from_template(&s, "Prepared".into());
    assert_eq!(prepared.late_after_minutes, Some(12));
}

/// `MINUTES_CONFIG=` (set to nothing) stopped every command with "a value
/// is required for '--config'": it is as good as unset, as NO_COLOR's is.
#[test]
fn an_empty_environment_variable_is_as_good_as_unset() {
    let dir = tempfile::tempdir().unwrap();
    minutes(dir.path())
        .env("MINUTES_CONFIG", "")
        .arg("config")
        .assert()
        .success()
        .stdout(predicate::str::contains("No config file at"));
    minutes(dir.path())
        .env("MINUTES_CONFIG", "")
        .env("MINUTES_DATA_DIR", "")
        .env("HOME", dir.path())
        .arg("list")
        .assert()
        .success();
}
