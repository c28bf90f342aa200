//! The review screen: the chair's questions answered in a few keys.

mod common;

use common::drive::{app_on, ch, ctrl, key, press, said, screen};
use common::t;
use minutes::app::review::{self, Focus, Topic};
use minutes::app::{self, Action, App, Mode};
use minutes::model::{EntryKind, Session};
use minutes::store::{self, Mode as Open, OpenSession};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The sample, opened read-only, on the review screen as `minutes review` starts.
fn reviewing() -> (tempfile::TempDir, std::path::PathBuf, App) {
    let (dir, path) = common::sample_copy();
    let mut app = App::new(OpenSession::open(&path, Open::ReadOnly).unwrap(), t(130, 0));
    review::open(&mut app, false);
    (dir, path, app)
}

fn alt(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT)
}

fn now() -> chrono::DateTime<chrono::FixedOffset> {
    t(130, 0)
}

/// The texts of the entries the review shows.
fn shown(app: &App) -> Vec<String> {
    let s = app.store.session();
    let r = app.review.as_ref().unwrap();
    r.rows(s)
        .iter()
        .map(|&i| s.entries[i].text.clone())
        .collect()
}

fn shown_kinds(app: &App) -> Vec<EntryKind> {
    let s = app.store.session();
    let r = app.review.as_ref().unwrap();
    r.rows(s)
        .iter()
        .map(|&i| s.entries[i].kind.clone())
        .collect()
}

fn selected_text(app: &App) -> String {
    let s = app.store.session();
    let r = app.review.as_ref().unwrap();
    r.selected_entry(s)
        .map(|i| s.entries[i].text.clone())
        .unwrap_or_default()
}

fn id_of(s: &Session, name: &str) -> minutes::model::AttendeeId {
    s.attendees.iter().find(|a| a.name == name).unwrap().id
}

#[test]
fn what_was_decided_on_topic_3_is_its_one_decision() {
    let (_dir, _path, mut app) = reviewing();
    press(
        &mut app,
        &[ch('3'), ch('f'), ch('d'), key(KeyCode::Esc)],
        now(),
    );
    assert_eq!(app.mode, Mode::Review);
    assert_eq!(
        shown(&app),
        ["Metadata published by the project will be released under CC0 by all three partners."]
    );
    assert_eq!(
        app.review.as_ref().unwrap().topic(app.store.session()),
        Topic::Item(2)
    );
}

#[test]
fn a_digit_beyond_the_agenda_is_refused_and_0_is_all_topics() {
    let (_dir, _path, mut app) = reviewing();
    press(&mut app, &[ch('9')], now());
    assert!(said(&app).contains("no topic 9"), "{}", said(&app));
    press(&mut app, &[ch('2'), ch('0')], now());
    assert_eq!(shown(&app).len(), app.store.session().entries.len());
}

#[test]
fn open_actions_of_a_person_are_those_not_done_that_they_own() {
    let (_dir, _path, mut app) = reviewing();
    // 陈静 owns one action, done: none open. José owns one, open.
    press(&mut app, &[ch('f'), ch('o'), ch('p')], now());
    assert!(matches!(app.mode, Mode::Pick(_)));
    app::update(&mut app, Action::Paste("jose".into()), now());
    press(&mut app, &[key(KeyCode::Enter)], now());
    assert_eq!(app.mode, Mode::Review, "{}", said(&app));
    assert_eq!(
        shown(&app),
        ["Circulate a two-page concept note and a draft work-package table"]
    );
    let s = app.store.session();
    let jose = id_of(s, "José Álvarez Núñez");
    assert_eq!(app.review.as_ref().unwrap().filters.person, Some(jose));

    press(&mut app, &[ch('p')], now());
    app::update(&mut app, Action::Paste("陈静".into()), now());
    press(&mut app, &[key(KeyCode::Enter)], now());
    assert!(shown(&app).is_empty(), "{:?}", shown(&app));
    // Actions, done or not: hers shows.
    press(
        &mut app,
        &[ch('f'), ch('o'), ch('a'), key(KeyCode::Enter)],
        now(),
    );
    assert_eq!(
        shown(&app),
        ["Send the dynasty-date mapping tables to UNIVIE"]
    );
}

#[test]
fn who_spoke_is_a_person_filter_on_speeches() {
    let (_dir, _path, mut app) = reviewing();
    press(&mut app, &[ch('f'), ch('s'), key(KeyCode::Esc)], now());
    assert!(
        shown_kinds(&app)
            .iter()
            .all(|k| matches!(k, EntryKind::Speech { .. }))
    );
    let speeches = shown(&app).len();
    assert!(speeches > 5);
    // Plus the PKU organisation: only their speeches.
    press(&mut app, &[ch('g')], now());
    assert_eq!(
        app.review.as_ref().unwrap().filters.organisation.as_deref(),
        Some("PKU")
    );
    let s = app.store.session();
    let r = app.review.as_ref().unwrap();
    let rows = r.rows(s);
    assert!(!rows.is_empty() && rows.len() < speeches);
    for &i in rows.iter() {
        let EntryKind::Speech { speaker, .. } = s.entries[i].kind else {
            panic!("not a speech")
        };
        assert_eq!(
            s.attendee(speaker).unwrap().organisation.as_deref(),
            Some("PKU")
        );
    }
}

#[test]
fn filters_combine_with_the_topic() {
    let (_dir, _path, mut app) = reviewing();
    press(
        &mut app,
        &[ch('4'), ch('f'), ch('d'), ch('a'), key(KeyCode::Esc)],
        now(),
    );
    let kinds = shown_kinds(&app);
    assert_eq!(kinds.len(), 3, "one decision and two actions: {kinds:?}");
    assert!(
        kinds
            .iter()
            .all(|k| matches!(k, EntryKind::Decision | EntryKind::Action { .. }))
    );
}

#[test]
fn esc_clears_every_filter_the_topic_and_the_search_at_once() {
    let (_dir, _path, mut app) = reviewing();
    press(
        &mut app,
        &[
            ch('3'),
            ch('f'),
            ch('d'),
            ch('g'),
            key(KeyCode::Esc),
            ch('/'),
            ch('c'),
        ],
        now(),
    );
    press(&mut app, &[key(KeyCode::Enter)], now());
    assert_ne!(shown(&app).len(), app.store.session().entries.len());
    press(&mut app, &[key(KeyCode::Esc)], now());
    assert_eq!(said(&app), "Filters cleared");
    let r = app.review.as_ref().unwrap();
    assert!(r.filters.is_empty() && r.topic == 0 && r.query.value().is_empty());
    assert_eq!(shown(&app).len(), app.store.session().entries.len());
}

#[test]
fn the_search_jumps_as_typed_and_n_goes_round() {
    let (_dir, _path, mut app) = reviewing();
    press(&mut app, &[ch('/')], now());
    assert_eq!(app.mode, Mode::ReviewSearch);
    for c in "linked art".chars() {
        press(&mut app, &[ch(c)], now());
    }
    assert!(selected_text(&app).to_lowercase().contains("linked art"));
    let first = selected_text(&app);
    assert!(said(&app).starts_with("match 1 of "), "{}", said(&app));
    let count: usize = said(&app).rsplit(' ').next().unwrap().parse().unwrap();
    assert!(count >= 3, "{count}");
    press(&mut app, &[key(KeyCode::Enter)], now());
    assert_eq!(app.mode, Mode::Review);
    for _ in 1..count {
        press(&mut app, &[ch('n')], now());
    }
    assert_eq!(said(&app), format!("match {count} of {count}"));
    press(&mut app, &[ch('n')], now());
    assert_eq!(
        said(&app),
        format!("match 1 of {count} (from the top again)")
    );
    assert_eq!(selected_text(&app), first);
    press(&mut app, &[ch('N')], now());
    assert_eq!(
        said(&app),
        format!("match {count} of {count} (from the bottom again)")
    );
}

#[test]
fn the_search_ignores_case_and_accents_and_esc_gives_back_the_selection() {
    let (_dir, _path, mut app) = reviewing();
    press(
        &mut app,
        &[key(KeyCode::Down), key(KeyCode::Down), ch('/')],
        now(),
    );
    // Íñigo's speech (the name is searched too), typed without accents;
    // then the note that names him.
    for c in "INIGO".chars() {
        press(&mut app, &[ch(c)], now());
    }
    assert!(selected_text(&app).starts_with("Explained that Spanish archive law"));
    assert_eq!(said(&app), "match 1 of 2");
    press(&mut app, &[key(KeyCode::Enter), ch('n')], now());
    assert!(
        selected_text(&app).contains("Íñigo Etxeberria left"),
        "{}",
        selected_text(&app)
    );
    let before = app.review.as_ref().unwrap().selected;
    press(&mut app, &[ch('/'), ch('I')], now());
    press(&mut app, &[ch('z'), ch('z')], now());
    assert_eq!(said(&app), "no match");
    press(&mut app, &[key(KeyCode::Esc)], now());
    let r = app.review.as_ref().unwrap();
    assert_eq!(
        (r.selected, r.query.value()),
        (before, "INIGO"),
        "as kept before"
    );
}

#[test]
fn read_only_review_refuses_every_change() {
    let (_dir, path, mut app) = reviewing();
    let before = std::fs::read(&path).unwrap();
    let seq = app.store.session().journal_seq;
    for k in [
        key(KeyCode::Enter),
        key(KeyCode::Delete),
        alt('d'),
        alt('x'),
        ch(' '),
        ctrl('z'),
    ] {
        app.message = None;
        press(&mut app, &[k], now());
        assert_eq!(said(&app), "Read-only: press e to edit", "{k:?}");
        assert_eq!(app.mode, Mode::Review);
    }
    assert_eq!(app.store.session().journal_seq, seq);
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn editing_reopens_the_file_for_writing_and_changes_are_journalled_and_undone() {
    let (_dir, path, mut app) = reviewing();
    assert!(app.store.is_read_only());
    press(
        &mut app,
        &[ch('3'), ch('f'), ch('d'), key(KeyCode::Esc), ch('e')],
        now(),
    );
    assert!(!app.store.is_read_only(), "{}", said(&app));
    assert!(store::lock_path(&path).exists());
    let id = {
        let s = app.store.session();
        s.entries[app.review.as_ref().unwrap().selected_entry(s).unwrap()].id
    };

    // Alt+X: confidential, journalled.
    press(&mut app, &[alt('x')], now());
    assert!(said(&app).contains("is confidential"), "{}", said(&app));
    assert!(app.store.session().entry(id).unwrap().confidential);
    assert!(std::fs::metadata(store::journal_path(&path)).unwrap().len() > 0);
    press(&mut app, &[ctrl('z')], now());
    assert!(!app.store.session().entry(id).unwrap().confidential);
    assert!(said(&app).ends_with("as it was"), "{}", said(&app));
    // Redone, it is as changed, not "as it was".
    press(&mut app, &[ctrl('y')], now());
    assert!(app.store.session().entry(id).unwrap().confidential);
    assert!(said(&app).ends_with("as changed"), "{}", said(&app));
    press(&mut app, &[ctrl('z')], now());

    // Enter: the edit line, and back to the review.
    press(&mut app, &[key(KeyCode::Enter)], now());
    assert_eq!(app.mode, Mode::Entry);
    assert!(app.editing.is_some());
    app::update(&mut app, Action::Paste(" (unanimous)".into()), now());
    press(&mut app, &[key(KeyCode::Enter)], now());
    assert_eq!(app.mode, Mode::Review, "{}", said(&app));
    assert!(
        app.store
            .session()
            .entry(id)
            .unwrap()
            .text
            .ends_with("(unanimous)")
    );

    // Alt+N: a note now; the decisions filter no longer shows it.
    press(&mut app, &[alt('n')], now());
    assert_eq!(app.store.session().entry(id).unwrap().kind, EntryKind::Note);
    assert!(shown(&app).is_empty());
    press(&mut app, &[ctrl('z')], now());
    assert_eq!(shown(&app).len(), 1);

    // Delete, and back.
    press(&mut app, &[key(KeyCode::Delete)], now());
    assert!(app.store.session().entry(id).is_none());
    assert!(said(&app).starts_with("Deleted"), "{}", said(&app));
    press(&mut app, &[ctrl('z')], now());
    assert!(app.store.session().entry(id).is_some());

    // On disk: the session reopened has the edit.
    app::update(&mut app, Action::ReviewQuit, now());
    assert!(app.quit);
    let App { store, .. } = app;
    store.close().unwrap();
    let saved = store::load(&path).unwrap();
    assert!(saved.entry(id).unwrap().text.ends_with("(unanimous)"));
}

#[test]
fn editing_is_refused_while_the_live_recorder_holds_the_session() {
    let (_dir, path) = common::sample_copy();
    let _live = OpenSession::open(&path, Open::ReadWrite).unwrap();
    let mut app = App::new(OpenSession::open(&path, Open::ReadOnly).unwrap(), now());
    review::open(&mut app, false);
    press(&mut app, &[ch('e')], now());
    assert!(app.store.is_read_only());
    assert!(!app.review.as_ref().unwrap().editing);
    assert!(said(&app).contains("still read-only"), "{}", said(&app));
    assert!(app.status_message().unwrap().error);
}

#[test]
fn space_marks_an_action_done_when_editing() {
    let (_dir, _path, mut app) = reviewing();
    press(
        &mut app,
        &[ch('e'), ch('f'), ch('o'), key(KeyCode::Esc)],
        now(),
    );
    let before = shown(&app).len();
    press(&mut app, &[ch(' ')], now());
    assert!(said(&app).starts_with("Action item done"), "{}", said(&app));
    assert_eq!(shown(&app).len(), before - 1, "no longer open");
}

#[test]
fn export_writes_beside_the_session_and_says_where() {
    let (dir, _path, mut app) = reviewing();
    press(&mut app, &[ch('x')], now());
    assert_eq!(app.mode, Mode::ReviewExport);
    press(&mut app, &[ch('m')], now());
    let out = dir.path().join("meeting.minutes.md");
    assert_eq!(app.mode, Mode::Review);
    assert!(
        said(&app).contains(&out.display().to_string()),
        "{}",
        said(&app)
    );
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("Open Data for Museum Collections"));
    // Again: the file is there, so it is replaced only when asked twice.
    std::fs::write(&out, "edited by hand").unwrap();
    press(&mut app, &[ch('x'), ch('m')], now());
    assert!(
        said(&app).contains("exists: press m again to replace it"),
        "{}",
        said(&app)
    );
    assert_eq!(app.mode, Mode::ReviewExport);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "edited by hand");
    // Another key, or Esc, asks afresh: nothing is replaced by the way.
    press(&mut app, &[key(KeyCode::Esc), ch('x'), ch('m')], now());
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "edited by hand");
    press(&mut app, &[ch('m')], now());
    assert!(std::fs::read_to_string(&out).unwrap().contains("Open Data"));
    assert_eq!(app.mode, Mode::Review);
    press(&mut app, &[ch('x'), ch('t')], now());
    assert!(dir.path().join("meeting.minutes.txt").exists());
    assert!(!said(&app).contains("FAILED"));
}

#[test]
fn export_menu_writes_html_minutes_and_the_written_report() {
    let (dir, _path, mut app) = reviewing();
    press(&mut app, &[ch('x'), ch('h')], now());
    let html = std::fs::read_to_string(dir.path().join("meeting.minutes.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    press(&mut app, &[ch('x'), ch('r')], now());
    let out = dir.path().join("meeting.report.html");
    assert!(
        said(&app).contains(&out.display().to_string()),
        "{}",
        said(&app)
    );
    let report = std::fs::read_to_string(&out).unwrap();
    assert!(
        report.contains("José Álvarez Núñez opened the meeting"),
        "{report}"
    );
}

/// The minutes to send to the partners: without what is confidential.
#[test]
fn export_menu_writes_public_minutes_without_confidential_entries() {
    let (dir, path, _) = reviewing();
    let mut s = store::load(&path).unwrap();
    let i = s
        .entries
        .iter()
        .position(|e| e.text.starts_with("PKU can take part"))
        .unwrap();
    s.entries.get_mut(i).unwrap().confidential = true;
    store::save(&path, &s).unwrap();
    let mut app = App::new(OpenSession::open(&path, Open::ReadOnly).unwrap(), now());
    review::open(&mut app, false);
    press(&mut app, &[ch('x'), ch('p'), ch('x'), ch('h')], now());
    let public = std::fs::read_to_string(dir.path().join("meeting.minutes.public.html")).unwrap();
    let full = std::fs::read_to_string(dir.path().join("meeting.minutes.html")).unwrap();
    assert!(!public.contains("PKU can take part"), "{public}");
    assert!(full.contains("PKU can take part") && full.contains("(confidential)"));
}

#[test]
fn a_failed_export_is_said_loudly() {
    let (dir, _path, mut app) = reviewing();
    std::fs::create_dir(dir.path().join("meeting.minutes.txt")).unwrap();
    press(&mut app, &[ch('x'), ch('t'), ch('t')], now());
    let m = app.status_message().unwrap();
    assert!(m.error && m.text.starts_with("EXPORT FAILED"), "{}", m.text);
}

#[test]
fn f9_opens_the_review_from_the_live_screen_and_q_goes_back_without_quitting() {
    let (_dir, mut app) = app_on(common::sample());
    assert_eq!(app.mode, Mode::Entry);
    press(&mut app, &[key(KeyCode::F(9))], now());
    assert_eq!(app.mode, Mode::Review);
    assert!(app.review.is_some());
    press(&mut app, &[ch('q')], now());
    assert!(!app.quit);
    assert!(app.review.is_none());
    assert_eq!(app.mode, Mode::Entry);
    press(&mut app, &[key(KeyCode::F(9)), key(KeyCode::F(9))], now());
    assert!(app.review.is_none() && !app.quit);
}

#[test]
fn q_quits_a_review_started_from_the_command_line() {
    let (_dir, _path, mut app) = reviewing();
    press(&mut app, &[ch('q')], now());
    assert!(app.quit);
}

#[test]
fn alt_x_in_the_live_log_marks_the_selected_entry_confidential() {
    let (_dir, mut app) = app_on(common::sample());
    press(
        &mut app,
        &[key(KeyCode::Esc), key(KeyCode::Up), alt('x')],
        now(),
    );
    let s = app.store.session();
    let i = app.selection(minutes::app::Pane::Log).unwrap();
    assert!(s.entries[i].confidential, "{}", said(&app));
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("(conf.)"), "{shown}");
    press(&mut app, &[ctrl('z')], now());
    assert!(!app.store.session().entries[i].confidential);
}

#[test]
fn stats_view_scrolls_with_the_arrows() {
    let (_dir, _path, mut app) = reviewing();
    press(
        &mut app,
        &[ch('s'), key(KeyCode::Down), key(KeyCode::Down)],
        now(),
    );
    let r = app.review.as_ref().unwrap();
    assert_eq!(r.view, review::View::Stats);
    assert_eq!(r.stats_scroll, 2);
    let first = screen(&app, 80, 24);
    assert!(!first.contains("Speaking time by person"), "{first}");
    // At the end, ↑ moves at once: the scroll stops at the last row.
    press(&mut app, &[key(KeyCode::End)], now());
    let end = screen(&app, 80, 24);
    press(&mut app, &[key(KeyCode::Up)], now());
    assert_ne!(screen(&app, 80, 24), end, "↑ after End scrolls");
    press(&mut app, &[key(KeyCode::Home)], now());
    assert!(screen(&app, 80, 24).contains("Speaking time by person"));
    press(&mut app, &[ch('s')], now());
    assert_eq!(app.review.as_ref().unwrap().view, review::View::Topics);
}

#[test]
fn focus_moves_between_the_agenda_and_the_entries() {
    let (_dir, _path, mut app) = reviewing();
    press(
        &mut app,
        &[key(KeyCode::Left), key(KeyCode::Down), key(KeyCode::Down)],
        now(),
    );
    let r = app.review.as_ref().unwrap();
    assert_eq!((r.focus, r.topic), (Focus::Agenda, 2));
    press(&mut app, &[key(KeyCode::Tab), key(KeyCode::End)], now());
    let r = app.review.as_ref().unwrap();
    assert_eq!(r.focus, Focus::Entries);
    assert_eq!(r.selected + 1, shown(&app).len());
}

#[test]
fn the_help_lists_the_review_keys() {
    let (_dir, app) = app_on(common::sample());
    let lines: Vec<String> = minutes::ui::help::lines(&app, 98)
        .iter()
        .map(|l| l.to_string())
        .collect();
    let help = lines.join("\n");
    for what in [
        "Review (minutes review FILE, or F9)",
        "filter menu",
        "open actions",
        "Markdown",
    ] {
        assert!(help.contains(what), "{what}");
    }
}

// ------------------------------------------------------------ snapshots

#[test]
fn review_by_topic_at_80x24() {
    let (_dir, _path, mut app) = reviewing();
    press(&mut app, &[ch('3')], now());
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Review · read-only"), "{shown}");
    assert!(
        shown.contains("┐ 3 Licensing and rights statements"),
        "{shown}"
    );
    assert!(
        shown.contains("│ planned 20 min, took 23 · 14:42–15:05 · 6 entries"),
        "{shown}"
    );
    assert_screen!(shown);
}

#[test]
fn review_by_topic_at_120x40() {
    let (_dir, _path, mut app) = reviewing();
    press(
        &mut app,
        &[ch('5'), key(KeyCode::Down), key(KeyCode::Down)],
        now(),
    );
    assert_screen!(screen(&app, 120, 40));
}

#[test]
fn the_filter_menu_at_80x24() {
    let (_dir, _path, mut app) = reviewing();
    press(&mut app, &[ch('f'), ch('d'), ch('o')], now());
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("[x]  d  decisions"), "{shown}");
    assert!(shown.contains("[ ]  a  actions"), "{shown}");
    assert_screen!(shown);
}

#[test]
fn open_actions_of_a_person_at_80x24() {
    let (_dir, _path, mut app) = reviewing();
    press(&mut app, &[ch('f'), ch('o'), ch('p')], now());
    app::update(&mut app, Action::Paste("maria".into()), now());
    press(&mut app, &[key(KeyCode::Enter)], now());
    let shown = screen(&app, 80, 24);
    assert!(
        shown.contains("Filter: open actions · María Fernández  Esc clears"),
        "{shown}"
    );
    assert!(
        shown.contains("☐ Draft a one-page rights policy"),
        "{shown}"
    );
    assert_screen!(shown);
}

#[test]
fn a_search_with_highlights_at_80x24() {
    let (_dir, _path, mut app) = reviewing();
    press(&mut app, &[ch('/')], now());
    for c in "cc0".chars() {
        press(&mut app, &[ch(c)], now());
    }
    let terminal = common::drive::draw(&app, 80, 24);
    let shown = terminal.backend().to_string();
    assert!(shown.contains("/cc0  match 1 of"), "{shown}");
    // The matches are drawn highlighted: "CC0" in the cells of the text.
    let buffer = terminal.backend().buffer();
    let lit: Vec<String> = (0..24)
        .map(|y| {
            (0..80)
                .filter(|&x| buffer[(x, y)].bg == ratatui::style::Color::Yellow)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect()
        })
        .filter(|s: &String| !s.is_empty())
        .collect();
    assert!(
        !lit.is_empty()
            && lit
                .iter()
                .all(|l| l.len() % 3 == 0 && l.to_lowercase().replace("cc0", "").is_empty()),
        "{lit:?}"
    );
    assert_screen!(shown);
}

#[test]
fn a_highlight_maps_folded_matches_back_to_accented_and_wide_text() {
    use minutes::model::meeting::fold;
    let spans = minutes::ui::review_highlighted("José Núñez 王丽 jose", &fold("NUNEZ 王"));
    let lit: Vec<String> = spans
        .iter()
        .filter(|s| s.style.bg.is_some())
        .map(|s| s.content.to_string())
        .collect();
    assert_eq!(lit, ["Núñez 王"]);
    let spans = minutes::ui::review_highlighted("José Núñez 王丽 jose", "jose");
    let lit: Vec<String> = spans
        .iter()
        .filter(|s| s.style.bg.is_some())
        .map(|s| s.content.to_string())
        .collect();
    assert_eq!(lit, ["José", "jose"]);
}

#[test]
fn review_at_40x10_shows_the_entries_alone() {
    let (_dir, _path, mut app) = reviewing();
    press(&mut app, &[ch('3')], now());
    let shown = screen(&app, 40, 10);
    assert!(shown.contains("Licensing"), "{shown}");
    assert_screen!(shown);
    press(&mut app, &[key(KeyCode::Left)], now());
    assert!(screen(&app, 40, 10).contains("All topics"));
}

#[test]
fn tiny_review_screens_do_not_panic() {
    let (_dir, _path, mut app) = reviewing();
    for keys in [
        vec![],
        vec![ch('/'), ch('c')],
        vec![key(KeyCode::Enter), ch('f')],
        vec![key(KeyCode::Esc), ch('x')],
        vec![key(KeyCode::Esc), ch('s')],
        vec![ch('s'), key(KeyCode::Left)],
        vec![key(KeyCode::F(1))],
    ] {
        press(&mut app, &keys, now());
        for w in 0..24 {
            for h in 0..12 {
                common::drive::draw(&app, w, h);
            }
        }
    }
}

// ------------------------------------------------------------ 100,000 entries

#[path = "../examples/synth/gen.rs"]
mod synth;

/// Each key on a 100,000-entry session, with the frame after it, in
/// release mode (`cargo test --release --test review -- --ignored`).
#[test]
#[ignore = "a measurement: run in release mode"]
fn review_of_100000_entries_stays_instant() {
    use std::time::{Duration, Instant};
    let session = synth::session(&synth::Params::entries(100_000));
    let (_dir, mut app) = app_on(session);
    let timed = |app: &mut App, keys: &[KeyEvent]| {
        let start = Instant::now();
        press(app, keys, now());
        common::drive::draw(app, 120, 40);
        start.elapsed()
    };
    let mut worst = Duration::ZERO;
    let steps: Vec<(&str, Vec<KeyEvent>)> = vec![
        ("F9", vec![key(KeyCode::F(9))]),
        ("End", vec![key(KeyCode::End)]),
        ("Up", vec![key(KeyCode::Up)]),
        ("PgUp", vec![key(KeyCode::PageUp)]),
        ("Home", vec![key(KeyCode::Home)]),
        ("Down", vec![key(KeyCode::Down)]),
        ("topic 3", vec![ch('3')]),
        ("f d", vec![ch('f'), ch('d'), key(KeyCode::Enter)]),
        ("Esc", vec![key(KeyCode::Esc)]),
        ("/ (folds every entry)", vec![ch('/')]),
        ("/a", vec![ch('a')]),
        ("/ab", vec![ch('b')]),
        ("Enter", vec![key(KeyCode::Enter)]),
        ("n", vec![ch('n')]),
        ("N", vec![ch('N')]),
        ("Down again", vec![key(KeyCode::Down)]),
        ("Esc again", vec![key(KeyCode::Esc)]),
    ];
    for (what, keys) in steps {
        let took = timed(&mut app, &keys);
        println!("{what:>40}: {took:?}");
        if !what.contains("folds") && what != "F9" {
            worst = worst.max(took);
        }
    }
    // A frame at 60 Hz; the first search and opening once are allowed more.
    assert!(worst < Duration::from_millis(16), "{worst:?}");
}

#[test]
fn a_paste_in_the_review_types_nothing_anywhere() {
    let (_dir, mut app) = app_on(common::sample());
    press(&mut app, &[key(KeyCode::F(9))], now());
    for menu in [None, Some(ch('f')), Some(ch('x'))] {
        press(&mut app, &menu.into_iter().collect::<Vec<_>>(), now());
        app::update(&mut app, Action::Paste("pasted".into()), now());
        assert_eq!(app.input.value(), "", "{:?}", app.mode);
        press(&mut app, &[key(KeyCode::Esc)], now());
    }
}

#[test]
fn editing_an_entry_in_the_review_at_80x24() {
    let (_dir, _path, mut app) = reviewing();
    press(
        &mut app,
        &[
            ch('3'),
            ch('f'),
            ch('d'),
            key(KeyCode::Enter),
            ch('e'),
            alt('x'),
        ],
        now(),
    );
    press(&mut app, &[key(KeyCode::Enter)], now());
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Review · editing"), "{shown}");
    assert!(shown.contains("Decision   (conf.) Metadata"), "{shown}");
    assert!(shown.contains("editing 15:03 Decision › "), "{shown}");
    assert_screen!(shown);
}

#[test]
fn minutes_review_without_a_terminal_fails_cleanly_and_takes_no_lock() {
    let (_dir, path) = common::sample_copy();
    let before = std::fs::read(&path).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_minutes"))
        .arg("review")
        .arg(&path)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a terminal"));
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!store::lock_path(&path).exists());
}

#[test]
fn with_a_filter_the_agenda_counts_what_passes_it() {
    let (_dir, _path, mut app) = reviewing();
    press(&mut app, &[ch('f'), ch('d'), key(KeyCode::Enter)], now());
    let s = app.store.session();
    let counts = app.review.as_ref().unwrap().filtered_counts(s).into_owned();
    assert_eq!((counts.per_item, counts.all), (vec![0, 0, 1, 1, 1, 0], 3));
    let shown = screen(&app, 80, 24);
    assert!(shown.contains(" 3 Licensing and … 23/20m   1│"), "{shown}");
    press(&mut app, &[key(KeyCode::Esc)], now());
    assert!(screen(&app, 80, 24).contains(" 3 Licensing and … 23/20m   6│"));
}

/// The topic lists come from `model::Derived`, kept change by change; what
/// they show is what going through the log finds, whatever was changed:
/// a topic taken off the agenda, an entry moved to another topic, one
/// logged late with an earlier time, one deleted.
#[test]
fn topic_rows_and_counts_from_derived_state_are_what_the_log_says() {
    use minutes::app::review::{Filters, KindFilter};
    use minutes::model::{AgendaId, Change, Edit};
    let (_dir, path) = common::sample_copy();
    let mut store = OpenSession::open(&path, Open::ReadWrite).unwrap();
    let check = |store: &OpenSession| {
        let (s, d) = (store.session(), store.derived());
        assert_eq!(
            review::count_per_topic(s, d),
            review::count_per_topic_where(s, |_| true)
        );
        let mut decisions = Filters::default();
        decisions.toggle(KindFilter::Decisions);
        let topics = (0..s.agenda.len())
            .map(Topic::Item)
            .chain([Topic::All, Topic::Outside]);
        for topic in topics {
            for filters in [Filters::default(), decisions.clone()] {
                assert_eq!(
                    review::shown_entries_of(s, d, topic, &filters),
                    review::shown_entries(s, topic, &filters),
                    "{topic:?} {filters:?}"
                );
            }
        }
    };
    check(&store);
    let s = store.session();
    let mut moved = s.entries[3].clone();
    moved.agenda_item = Some(AgendaId(5));
    let mut early = common::note(s.next_entry_id().0, "logged late, said early");
    early.at = s.entries[10].at;
    early.agenda_item = Some(AgendaId(3));
    let second = s
        .entries
        .iter()
        .find(|e| e.agenda_item == Some(AgendaId(4)))
        .unwrap()
        .id;
    let changes = [
        Change::Agenda(Edit::Remove(AgendaId(2))),
        Change::Entry(Edit::Replace(moved)),
        Change::Entry(Edit::Insert {
            index: s.entries.len(),
            item: early,
        }),
        Change::Entry(Edit::Remove(second)),
    ];
    for change in changes {
        store.apply(change).unwrap();
        check(&store);
    }
}

/// The help opened in review begins at the review's keys, not thirteen
/// pages of recording keys above them.
#[test]
fn help_in_review_opens_at_the_reviews_keys() {
    let (_dir, _path, mut app) = reviewing();
    press(&mut app, &[key(KeyCode::F(1))], now());
    assert_eq!(app.mode, Mode::Help);
    let shown = screen(&app, 80, 24);
    let top: Vec<&str> = shown.lines().take(3).collect();
    assert!(
        top.iter()
            .any(|l| l.contains("Review (minutes review FILE, or F9)")),
        "{shown}"
    );
    // The export menu's help names the files it writes.
    let help: String = minutes::ui::help::lines(&app, 98)
        .iter()
        .map(|l| l.to_string() + "\n")
        .collect();
    assert!(help.contains("<session>.report.html"), "{help}");
    assert!(help.contains("<session>.minutes.public.html"), "{help}");
}

/// The statistics are of the whole meeting: the header says so rather
/// than show the topics' keys or filters that do not apply to them.
#[test]
fn the_statistics_header_says_they_are_of_the_whole_meeting() {
    let (_dir, _path, mut app) = reviewing();
    press(&mut app, &[ch('3'), ch('s')], now());
    let shown = screen(&app, 100, 30);
    let second = shown.lines().nth(1).unwrap();
    assert!(
        second.contains("Statistics of the whole meeting"),
        "{shown}"
    );
    assert!(!shown.contains("Filter: Topic 3"), "{shown}");
}

/// A paste into the search goes in in one step: a character at a time it
/// copied the query once per character, and a megabyte froze the screen.
#[test]
fn a_large_paste_into_the_search_is_taken_whole() {
    let (_dir, _path, mut app) = reviewing();
    press(&mut app, &[ch('/')], now());
    assert_eq!(app.mode, Mode::ReviewSearch);
    let pasted = "IIIF 王丽 ".repeat(40_000);
    app::update(&mut app, Action::Paste(pasted.clone()), now());
    let r = app.review.as_ref().unwrap();
    assert_eq!(r.query.value(), pasted);
    assert!(r.matches(app.store.session()).is_empty());
}

/// After "press t again to replace it", any other key withdraws the
/// question: only the same key, right after, replaces the file.
#[test]
fn only_the_same_key_right_after_replaces_an_export() {
    let (dir, _path, mut app) = reviewing();
    let out = dir.path().join("meeting.minutes.txt");
    std::fs::write(&out, "edited by hand").unwrap();
    for between in [ch('a'), ch('x'), key(KeyCode::Enter), key(KeyCode::Up)] {
        press(&mut app, &[ch('x'), ch('t'), between], now());
        if app.mode != Mode::ReviewExport {
            press(&mut app, &[ch('x')], now());
        }
        press(&mut app, &[ch('t')], now());
        assert_eq!(
            std::fs::read_to_string(&out).unwrap(),
            "edited by hand",
            "{between:?}"
        );
        assert!(said(&app).contains("press t again"), "{}", said(&app));
        press(&mut app, &[key(KeyCode::Esc)], now());
    }
}

/// A pipe there would block the screen until read; a directory cannot be
/// replaced: both refused at once, without asking to replace them.
#[cfg(unix)]
#[test]
fn the_export_menu_writes_files_only() {
    let (dir, _path, mut app) = reviewing();
    std::fs::create_dir(dir.path().join("meeting.minutes.md")).unwrap();
    let fifo = dir.path().join("meeting.minutes.txt");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    for k in ['m', 't'] {
        press(&mut app, &[ch('x'), ch(k)], now());
        let m = app.status_message().unwrap();
        assert!(m.error && m.text.contains("is not a file"), "{}", m.text);
        assert_eq!(app.mode, Mode::Review);
    }
}

/// Reviewing read-only while the session changes elsewhere (recorded, or
/// edited in another review): the export is of the session as it is now,
/// so an entry made confidential meanwhile stays out of the report.
#[test]
fn a_read_only_review_exports_the_session_as_it_is_now() {
    let (dir, path, mut app) = reviewing();
    let mut other = OpenSession::open(&path, Open::ReadWrite).unwrap();
    let mut e = other.session().entries[0].clone();
    assert!(e.text.starts_with("Welcomed the participants"));
    e.confidential = true;
    other
        .apply(minutes::model::Change::Entry(
            minutes::model::Edit::Replace(e),
        ))
        .unwrap();
    press(&mut app, &[ch('x'), ch('r')], now());
    let report = std::fs::read_to_string(dir.path().join("meeting.report.html")).unwrap();
    assert!(!report.contains("Welcomed the participants"), "{report}");
    drop(other);
}
