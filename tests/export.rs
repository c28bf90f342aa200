//! Exports through the built-in templates: every format of each on the
//! sample and on a hostile session (snapshots), and what a first reader
//! found wrong, each in a test of its own.

mod common;

use chrono::NaiveDate;
use minutes::export::{self, ExportError, Format, Minutes, Options, Order, TemplateRef};
use minutes::model::{
    AgendaId, Attendance, Attendee, AttendeeId, Entry, EntryKind, Organisation, Session,
};
use unicode_width::UnicodeWidthStr;

use common::{sample, t};

const FORMATS: [Format; 3] = [Format::Text, Format::Markdown, Format::Html];
const BUILTINS: [&str; 3] = ["minutes", "actions", "report"];

/// `s` through the built-in `template` (never one of the configuration
/// directory's: see the `cli_` tests for those).
fn render(s: &Session, format: Format, template: &str, options: Options) -> String {
    let template = TemplateRef::Builtin(template.into());
    export::render(s, format, &template, options).expect("a built-in template renders")
}

fn minutes(s: &Session, format: Format) -> String {
    render(s, format, "minutes", Options::default())
}

fn public() -> Options {
    Options {
        public: true,
        ..Options::default()
    }
}

fn by_kind() -> Options {
    Options {
        order: Order::Kind,
        ..Options::default()
    }
}

fn entry(s: &Session, at: chrono::DateTime<chrono::FixedOffset>, kind: EntryKind) -> Entry {
    Entry {
        id: s.next_entry_id(),
        at,
        agenda_item: Some(AgendaId(1)),
        kind,
        text: String::new(),
        confidential: false,
        carried_over: None,
    }
}

fn push(s: &mut Session, e: Entry) {
    s.entries.push(e);
}

/// What an export must survive: markup and quotes in names and notes,
/// Chinese and emoji, ESC and BEL, an organisation with a very long name
/// ending in emoji with their presentation selector, two columns each on
/// a terminal where textwrap counts one (its speaking time too), a confidential note and speech, an action
/// carried over from the last meeting.
fn hostile() -> Session {
    let mut s = sample();
    s.title = "<script>alert('x')</script> & \"Minutes\" \u{1b}[31mred".into();
    s.platform = Some("Room <b>&\"'</b>".into());
    s.organisations.push(Organisation {
        code: "ICDH<&>".into(),
        name: format!(
            "{} International Consortium for the Digital Heritage of Museums, Libraries & Archives 国际数字遗产联盟 {}",
            "❤️".repeat(20),
            "❤️".repeat(40)
        ),
    });
    let id = AttendeeId(99);
    s.attendees.push(Attendee {
        organisation: Some("ICDH<&>".into()),
        role: "Chair".into(),
        joined_at: Some(t(0, 0)),
        ..Attendee::new(
            id,
            "<b>Bold</b> & \"Quoted\" 'O'Neil' 🌻 王小明 \u{1b}]0;pwned\u{7}",
            Attendance::Present,
        )
    });
    s.chair = Some(id);
    let mut speech = entry(
        &s,
        t(20, 0),
        EntryKind::Speech {
            speaker: id,
            ended_at: Some(t(29, 0)),
        },
    );
    speech.agenda_item = Some(AgendaId(2));
    speech.text = "Said <i>this</i> & \"that\";\n- 数据共享需要更多时间讨论。\u{1b}[2J".into();
    push(&mut s, speech);
    let mut secret = entry(&s, t(21, 0), EntryKind::Note);
    secret.agenda_item = Some(AgendaId(2));
    secret.text = "SECRET-NOTE about the budget".into();
    secret.confidential = true;
    push(&mut s, secret);
    let mut secret_speech = entry(
        &s,
        t(22, 0),
        EntryKind::Speech {
            speaker: AttendeeId(2),
            ended_at: Some(t(52, 0)),
        },
    );
    secret_speech.agenda_item = Some(AgendaId(2));
    secret_speech.text = "SECRET-SPEECH on salaries".into();
    secret_speech.confidential = true;
    push(&mut s, secret_speech);
    let mut carried = entry(
        &s,
        common::at("2026-10-15T15:00:00+02:00"),
        EntryKind::Action {
            owner: Some(AttendeeId(3)),
            due: NaiveDate::from_ymd_opt(2026, 11, 30),
            done: false,
        },
    );
    carried.agenda_item = None;
    carried.text = "CARRIED-ACTION: circulate the glossary".into();
    carried.carried_over = NaiveDate::from_ymd_opt(2026, 10, 15);
    push(&mut s, carried);
    s
}

/// A session with nothing in it but its title: no roster, agenda or log.
fn empty() -> Session {
    Session::new("Nothing yet")
}

#[test]
fn every_format_of_every_built_in_template_on_the_sample() {
    for template in BUILTINS {
        for format in FORMATS {
            let out = render(&sample(), format, template, Options::default());
            insta::assert_snapshot!(format!("sample_{template}_{}", format.extension()), out);
        }
    }
}

#[test]
fn every_format_of_every_built_in_template_on_a_hostile_session() {
    for template in BUILTINS {
        for format in FORMATS {
            let out = render(&hostile(), format, template, Options::default());
            insta::assert_snapshot!(format!("hostile_{template}_{}", format.extension()), out);
        }
    }
}

#[test]
fn the_sample_grouped_by_kind() {
    for format in FORMATS {
        let out = render(&sample(), format, "minutes", by_kind());
        insta::assert_snapshot!(format!("sample_by_kind_{}", format.extension()), out);
    }
}

#[test]
fn an_empty_session_renders_in_every_format() {
    for template in BUILTINS {
        for format in FORMATS {
            let out = render(&empty(), format, template, Options::default());
            insta::assert_snapshot!(format!("empty_{template}_{}", format.extension()), out);
            assert!(out.contains("Nothing yet"), "{out}");
            assert!(
                !out.contains("Attendance"),
                "no roster, no attendance: {out}"
            );
            assert!(!out.contains("Agenda"), "{out}");
            assert!(!out.contains("Speaking time"), "{out}");
        }
    }
}

#[test]
fn html_escapes_markup_ampersands_and_quotes_in_user_text() {
    for template in BUILTINS {
        let html = render(&hostile(), Format::Html, template, Options::default());
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert!(!html.contains("<i>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(html.contains("&amp; &quot;Minutes&quot;"), "{html}");
        assert!(html.contains("&#x27;x&#x27;"), "{html}");
    }
    let html = minutes(&hostile(), Format::Html);
    // minijinja escapes `/` too.
    assert!(
        html.contains("&lt;b&gt;Bold&lt;&#x2f;b&gt; &amp; &quot;Quoted&quot; &#x27;O&#x27;Neil")
    );
    assert!(html.contains("Said &lt;i&gt;this&lt;&#x2f;i&gt; &amp; &quot;that&quot;"));
}

#[test]
fn a_note_of_several_lines_stays_in_its_list_item() {
    let md = minutes(&hostile(), Format::Markdown);
    // Indented into the item, and its `-` not starting a list of its own.
    assert!(md.contains("\"that\";\n  \\- 数据共享"), "{md}");
    let text = minutes(&hostile(), Format::Text);
    assert!(text.contains("\"that\";\n    - 数据共享"), "{text}");
}

#[test]
fn a_template_named_html_escapes_whatever_the_format_asked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.html.j2");
    std::fs::write(&path, "<p>{{ meeting.title }}</p>\n").unwrap();
    let out = export::render(
        &hostile(),
        Format::Text,
        &TemplateRef::File(path),
        Options::default(),
    )
    .unwrap();
    assert!(out.starts_with("<p>&lt;script&gt;"), "{out}");
}

#[test]
fn html_is_one_page_with_nothing_to_fetch_or_run() {
    let html = minutes(&sample(), Format::Html);
    for needed in [
        "<!DOCTYPE html>",
        "<meta charset=\"utf-8\">",
        "<html lang=\"en\">",
        "<style>",
        "@media print",
        "break-inside: avoid",
        "break-before: page",
        "max-width",
        "Noto Sans CJK",
        "<table>",
        "☐",
        "☑",
    ] {
        assert!(html.contains(needed), "{needed} is missing");
    }
    for forbidden in [
        "<script", "<link", "src=", "http://", "https://", "@import", "url(", "<input",
    ] {
        assert!(!html.contains(forbidden), "{forbidden} is there");
    }
}

#[test]
fn text_has_no_control_characters_only_their_escapes() {
    for template in BUILTINS {
        let text = render(&hostile(), Format::Text, template, Options::default());
        assert!(!text.contains('\u{1b}'), "{text}");
        assert!(!text.contains('\u{7}'), "{text}");
        assert!(text.contains("\\u{1b}"), "{text}");
    }
}

#[test]
fn public_minutes_leave_out_confidential_entries_everywhere() {
    let s = hostile();
    for template in BUILTINS {
        for format in FORMATS {
            let all = render(&s, format, template, Options::default());
            let public = render(&s, format, template, public());
            if template == "minutes" {
                assert!(all.contains("SECRET-NOTE"), "{all}");
                assert!(all.contains("SECRET-SPEECH"), "{all}");
                // The full minutes say what a public export leaves out.
                assert_eq!(all.matches("(confidential)").count(), 2, "{all}");
            }
            assert!(!public.contains("SECRET"), "{public}");
            assert!(!public.contains("(confidential)"), "{public}");
        }
    }
}

#[test]
fn public_speaking_time_does_not_count_a_confidential_speech() {
    let s = hostile();
    let speeches = |m: &Minutes| {
        let speaking = m.speaking.as_ref().unwrap();
        let zhang = speaking
            .people
            .iter()
            .find(|p| p.name.starts_with("张伟"))
            .unwrap();
        (zhang.speeches, zhang.seconds, speaking.seconds)
    };
    let all = speeches(&Minutes::of(&s, Options::default()));
    let public = speeches(&Minutes::of(&s, public()));
    assert_eq!(all.0, public.0 + 1);
    assert_eq!(all.1, public.1 + 30 * 60);
    assert_eq!(all.2, public.2 + 30 * 60);
}

/// Every line of every text export at most 80 columns wide, a Chinese
/// character two: the sample, the hostile session (a very long
/// organisation name, in the speaking time too), an empty one, a
/// synthetic one, in both orders.
#[test]
fn every_text_line_fits_in_80_columns() {
    let mut long_names = hostile();
    for o in long_names.organisations.iter_mut() {
        o.name = format!(
            "{} {} ❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️",
            o.name,
            "非常长的组织名称".repeat(6)
        );
    }
    for a in long_names.attendees.iter_mut() {
        a.name = format!(
            "{} Maximiliane-Theodora-von-Hohenzollern-Sigmaringen",
            a.name
        );
    }
    let sessions = [
        sample(),
        hostile(),
        long_names,
        empty(),
        common::before_meeting(),
    ];
    for s in &sessions {
        for template in BUILTINS {
            for options in [Options::default(), by_kind(), public()] {
                let text = render(s, Format::Text, template, options);
                for line in text.lines() {
                    assert!(line.width() <= 80, "{} columns: {line}", line.width());
                }
            }
        }
    }
}

#[test]
fn a_long_organisation_name_keeps_the_speaking_time_within_80_columns() {
    let text = minutes(&hostile(), Format::Text);
    let table: Vec<&str> = text
        .lines()
        .skip_while(|l| *l != "Speaking time")
        .take_while(|l| *l != "Credits")
        .collect();
    assert!(table.iter().any(|l| l.contains("Consortium")), "{text}");
    for line in table {
        assert!(line.width() <= 80, "{} columns: {line}", line.width());
    }
}

#[test]
fn notes_are_not_filed_under_discussion() {
    let s = sample();
    for options in [Options::default(), by_kind()] {
        for format in FORMATS {
            let out = render(&s, format, "minutes", options);
            assert!(!out.contains("(note)"), "{out}");
        }
    }
    let text = render(&s, Format::Text, "minutes", by_kind());
    let topic: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("1. Opening"))
        .take_while(|l| !l.starts_with("2. "))
        .collect();
    let notes = topic
        .iter()
        .position(|l| *l == "Notes")
        .expect("a Notes group");
    assert_eq!(
        topic[notes + 1],
        "  - 14:11: Agenda adopted without changes. Li Na (PKU) sent apologies."
    );
    assert!(!topic.contains(&"Discussion"), "{topic:#?}");
}

/// A question at 19:19 logged after a speech that began at 19:20.
fn question_logged_late() -> Session {
    let mut s = Session::new("Evening");
    let base = common::at("2026-11-19T19:00:00+01:00");
    s.started_at = Some(base);
    s.attendees
        .push(Attendee::new(AttendeeId(1), "Ann", Attendance::Present));
    s.attendees
        .push(Attendee::new(AttendeeId(2), "Bo", Attendance::Present));
    s.agenda.push(minutes::model::AgendaItem {
        id: AgendaId(1),
        title: "Budget".into(),
        presenter: None,
        planned_minutes: 0,
        started_at: Some(base),
        ended_at: None,
        status: minutes::model::AgendaStatus::Current,
    });
    let mut speech = entry(
        &s,
        base + chrono::Duration::minutes(20),
        EntryKind::Speech {
            speaker: AttendeeId(1),
            ended_at: Some(base + chrono::Duration::minutes(22)),
        },
    );
    speech.text = "SPEECH".into();
    push(&mut s, speech);
    let mut question = entry(
        &s,
        base + chrono::Duration::minutes(19),
        EntryKind::Question {
            by: Some(AttendeeId(2)),
        },
    );
    question.text = "QUESTION".into();
    push(&mut s, question);
    s
}

#[test]
fn entries_of_a_topic_are_in_time_order_by_default() {
    let s = question_logged_late();
    for format in FORMATS {
        let out = minutes(&s, format);
        let question = out.find("QUESTION").unwrap();
        let speech = out.find("SPEECH").unwrap();
        assert!(question < speech, "{out}");
    }
    let text = minutes(&s, Format::Text);
    assert!(text.contains("  - 19:19 Question, Bo: QUESTION"), "{text}");
}

#[test]
fn order_kind_groups_the_entries_of_a_topic() {
    let s = question_logged_late();
    let text = render(&s, Format::Text, "minutes", by_kind());
    let speeches = text.find("Speeches\n  - 19:20 Ann, 02:00: SPEECH").unwrap();
    let questions = text.find("Questions\n  - 19:19 Bo: QUESTION").unwrap();
    assert!(speeches < questions, "{text}");
}

#[test]
fn markdown_action_items_have_a_box_not_escaped_brackets() {
    for options in [Options::default(), by_kind()] {
        // The written report tells the next steps in words, without boxes.
        for template in ["minutes", "actions"] {
            let md = render(&sample(), Format::Markdown, template, options);
            assert!(!md.contains("\\["), "{md}");
            assert!(
                md.contains("- ☐ **张伟 (PKU), due 2026-12-10:** Share"),
                "{md}"
            );
            assert!(md.contains("- ☑ **陈静 (PKU), due 2026-12-20:**"), "{md}");
        }
    }
}

#[test]
fn a_carried_over_action_is_listed_once_under_the_day_it_comes_from() {
    let s = hostile();
    for template in BUILTINS {
        for options in [Options::default(), by_kind()] {
            for format in FORMATS {
                let out = render(&s, format, template, options);
                assert_eq!(out.matches("CARRIED-ACTION").count(), 1, "{out}");
                assert!(!out.contains("(from "), "{out}");
                if template == "report" {
                    // A next step among the others, saying where it comes from.
                    let flat = out.split_whitespace().collect::<Vec<_>>().join(" ");
                    assert!(
                        flat.contains("glossary.” (carried over from 15 October 2026)"),
                        "{out}"
                    );
                    continue;
                }
                let heading = out
                    .find("Carried over from 2026-10-15")
                    .expect("its heading");
                let action = out.find("CARRIED-ACTION").unwrap();
                assert!(heading < action, "{out}");
            }
        }
    }
    let text = minutes(&s, Format::Text);
    let section = text.split("Action items\n------------").nth(1).unwrap();
    assert!(
        section.contains("CARRIED-ACTION"),
        "in the action items: {text}"
    );
}

#[test]
fn scheduled_only_when_a_schedule_was_set() {
    let mut s = sample();
    let text = minutes(&s, Format::Text);
    assert!(text.contains("\nScheduled: 14:00\n"), "{text}");
    s.scheduled_start = None;
    for format in FORMATS {
        let out = minutes(&s, format);
        assert!(!out.contains("Scheduled"), "{out}");
    }
}

#[test]
fn the_chairs_role_is_not_said_twice() {
    let text = minutes(&hostile(), Format::Text);
    assert!(text.contains("Chair"), "{text}");
    assert!(!text.contains("Chair, chair"), "{text}");
}

#[test]
fn actions_only_lists_owner_due_status_and_topic() {
    let text = render(&sample(), Format::Text, "actions", Options::default());
    assert!(text.starts_with("Action items: Open Data for Museum Collections\n"));
    assert!(text.contains(
        "  - [ ] 张伟 (PKU), due 2026-12-10: Share the usage dashboard definitions with\n    the partners (item 2: Report: the PKU open-collections pilot)"
    ), "{text}");
    assert!(!text.contains("Speaking time"), "{text}");
    assert!(!text.contains("Attendance"), "{text}");
}

fn template_file(dir: &tempfile::TempDir, name: &str, source: &str) -> TemplateRef {
    let path = dir.path().join(name);
    std::fs::write(&path, source).unwrap();
    TemplateRef::File(path)
}

#[test]
fn an_undefined_value_in_a_template_names_the_template_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let template = template_file(
        &dir,
        "mine.md.j2",
        "# {{ meeting.title }}\n{{ meeting.colour }}\n",
    );
    let err =
        export::render(&sample(), Format::Markdown, &template, Options::default()).unwrap_err();
    let ExportError::Template { name, line, .. } = &err else {
        panic!("{err}");
    };
    assert!(name.ends_with("mine.md.j2"), "{name}");
    assert_eq!(*line, Some(2));
    let message = err.to_string();
    assert!(message.contains("line 2"), "{message}");
    assert!(message.contains("undefined"), "{message}");
}

#[test]
fn a_syntax_error_in_a_template_names_the_template_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let template = template_file(&dir, "broken.txt.j2", "ok\n\n{% for x in %}\n");
    let err = export::render(&sample(), Format::Text, &template, Options::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("broken.txt.j2, line 3: syntax error"), "{err}");
}

#[test]
fn a_template_file_tells_its_format_by_its_inner_extension() {
    let format = |arg: &str| TemplateRef::parse(arg).format();
    assert_eq!(format("my.md.j2"), Some(Format::Markdown));
    assert_eq!(format("dir/report.html.j2"), Some(Format::Html));
    assert_eq!(format("x.txt.j2"), Some(Format::Text));
    assert_eq!(format("x.j2"), None);
    assert_eq!(
        TemplateRef::parse("minutes"),
        TemplateRef::Named("minutes".into())
    );
    assert_eq!(format("minutes"), None);
}

#[test]
fn an_unknown_template_name_says_where_it_was_looked_for() {
    let err = export::render(
        &sample(),
        Format::Text,
        &TemplateRef::Builtin("nonesuch".into()),
        Options::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("\"nonesuch\""), "{err}");
    assert!(err.contains("minutes, actions"), "{err}");
}

/// `minutes export` with `args`, its configuration in `config`: stdout,
/// stderr, success.
fn cli(config: &std::path::Path, args: &[&str]) -> (String, String, bool) {
    let out = assert_cmd::Command::cargo_bin("minutes")
        .unwrap()
        .env("MINUTES_DATA_DIR", "/nonexistent-minutes-test-dir")
        .env("MINUTES_CONFIG_DIR", config)
        .arg("export")
        .args(args)
        .arg(common::sample_path())
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.success(),
    )
}

#[test]
fn cli_formats_and_options_reach_the_export() {
    let config = tempfile::tempdir().unwrap();
    let (html, _, ok) = cli(config.path(), &["-f", "html"]);
    assert!(ok && html.starts_with("<!DOCTYPE html>"), "{html}");
    let (actions, _, ok) = cli(config.path(), &["--actions-only", "-f", "md"]);
    assert!(
        ok && actions.starts_with("# Action items: Open Data"),
        "{actions}"
    );
    let (grouped, _, ok) = cli(config.path(), &["--order", "kind"]);
    assert!(ok && grouped.contains("\nSpeeches\n"), "{grouped}");
    let (public, _, ok) = cli(config.path(), &["--public"]);
    assert!(ok && public.contains("Action items"), "{public}");
}

#[test]
fn cli_template_by_name_is_looked_up_in_the_config_dir() {
    let config = tempfile::tempdir().unwrap();
    std::fs::create_dir(config.path().join("templates")).unwrap();
    std::fs::write(
        config.path().join("templates/brief.md.j2"),
        "Brief: {{ meeting.title|md }} ({{ topics|length }} topics)\n",
    )
    .unwrap();
    let (out, err, ok) = cli(config.path(), &["-t", "brief", "-f", "md"]);
    assert!(ok, "{err}");
    assert_eq!(out, "Brief: Open Data for Museum Collections (6 topics)\n");
    // There in one format only, it is for that format.
    let (out, err, ok) = cli(config.path(), &["-t", "brief"]);
    assert!(ok, "{err}");
    assert_eq!(out, "Brief: Open Data for Museum Collections (6 topics)\n");
    // In two, the format is to be given: text is the default.
    std::fs::write(config.path().join("templates/brief.html.j2"), "<p>x</p>\n").unwrap();
    let (_, err, ok) = cli(config.path(), &["-t", "brief"]);
    assert!(!ok);
    assert!(err.contains("no template \"brief\" for txt"), "{err}");
}

#[test]
fn cli_template_file_gives_the_format_unless_told() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.html.j2");
    std::fs::write(&path, "<h1>{{ meeting.title }}</h1>\n{{ 'a & b' }}\n").unwrap();
    let path = path.to_str().unwrap();
    let (out, err, ok) = cli(dir.path(), &["--template", path]);
    assert!(ok, "{err}");
    assert_eq!(
        out,
        "<h1>Open Data for Museum Collections</h1>\na &amp; b\n"
    );
}

#[test]
fn cli_template_error_is_reported_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.txt.j2");
    std::fs::write(&path, "{{ meeting.title }}\n{{ nothing.here }}\n").unwrap();
    let (_, err, ok) = cli(dir.path(), &["--template", path.to_str().unwrap()]);
    assert!(!ok);
    assert!(err.contains("bad.txt.j2, line 2: undefined value"), "{err}");
}

#[test]
fn the_model_serialises_as_plain_data_beyond_templates() {
    let model = Minutes::of(&sample(), Options::default());
    let ron = ron::to_string(&model).unwrap();
    assert!(
        ron.contains("lead:\"14:03 José Álvarez Núñez (USAL), 04:00\""),
        "{ron}"
    );
    assert!(
        ron.contains("who:Some((name:\"José Álvarez Núñez\",org:Some(\"USAL\")"),
        "{ron}"
    );
}

/// What a hostile tester found Markdown making of user text: a `>` escaped
/// twice (shown as `\>`), a later line starting `1.` made a numbered list,
/// an entity shown as the character it names.
#[test]
fn markdown_shows_user_text_as_typed() {
    use minutes::export::markdown::escape;
    assert_eq!(escape(">Metadata"), "\\>Metadata");
    assert_eq!(escape("  > quoted"), "  \\> quoted");
    assert_eq!(
        escape("plans:\n1. first\n12) second"),
        "plans:\n1\\. first\n12\\) second"
    );
    assert_eq!(escape("# not a heading"), "\\# not a heading");
    assert_eq!(escape("&copy; &lt;b&gt;"), "\\&copy; \\&lt;b\\&gt;");
    assert_eq!(escape("1999 was a year"), "1999 was a year");
    assert_eq!(escape("plain 王丽"), "plain 王丽");
}
