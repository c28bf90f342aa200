//! `minutes export --format ics`: the action items as iCalendar to-dos,
//! read back with the crate that writes them.

mod common;

use std::str::FromStr;

use assert_cmd::Command;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use common::{at, attendee};
use icalendar::{Calendar, Class, Component, DatePerhapsTime, Todo, TodoStatus};
use minutes::export::ics;
use minutes::export::{Format, Options, TemplateRef};
use minutes::model::{AgendaId, Attendance, Entry, EntryId, EntryKind, Session};

fn minutes() -> Command {
    let mut cmd = Command::cargo_bin("minutes").unwrap();
    // Never the user's own templates or sessions.
    let none = std::env::temp_dir().join("minutes-ics-test-no-config");
    cmd.env("MINUTES_CONFIG_DIR", &none)
        .env_remove("MINUTES_DATA_DIR");
    cmd
}

/// When the tests say the file was made.
fn made() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 9, 30, 0).unwrap()
}

fn action(id: u32, when: &str, owner: Option<u32>, due: Option<&str>, text: &str) -> Entry {
    Entry {
        id: EntryId(id),
        at: at(when),
        agenda_item: Some(AgendaId(2)),
        kind: EntryKind::Action {
            owner: owner.map(minutes::model::AttendeeId),
            due: due.map(|d| d.parse().unwrap()),
            done: false,
        },
        text: text.to_string(),
        confidential: false,
        carried_over: None,
    }
}

const LONG_CHINESE: &str = "整理北京大学数字人文中心的馆藏元数据，并与萨拉曼卡大学和维也纳大学的合作伙伴共享映射表；每一条记录都要核对版权状态，截止日期前提交给秘书处审阅。";

/// Owners with Chinese, accented and emoji names; texts with commas,
/// semicolons, backslashes, newlines, long Chinese and emoji.
fn hostile() -> Session {
    let mut s = common::before_meeting();
    s.started_at = Some(at("2026-11-19T14:03:00+01:00"));
    s.attendees
        .push(attendee(20, "欧阳娜娜", Attendance::Present));
    s.attendees
        .push(attendee(21, "Zoë Ñúñez-Ørsted 🦊", Attendance::Present));
    s.attendees.push(attendee(
        22,
        "🎻🎻🎻🎻🎻🎻🎻🎻🎻🎻🎻🎻🎻🎻🎻🎻🎻🎻",
        Attendance::Present,
    ));
    let mut done = action(
        2,
        "2026-11-19T14:41:00+01:00",
        Some(21),
        Some("2027-01-15"),
        "Draft the policy; images, sound, video — and \\ back\\slashes",
    );
    done.kind = EntryKind::Action {
        owner: Some(minutes::model::AttendeeId(21)),
        due: Some(NaiveDate::from_ymd_opt(2027, 1, 15).unwrap()),
        done: true,
    };
    let mut secret = action(
        4,
        "2026-11-19T15:00:00+01:00",
        Some(1),
        Some("2026-12-01"),
        "Ask the ministry, quietly",
    );
    secret.confidential = true;
    s.entries = [
        action(
            1,
            "2026-11-19T14:40:00+01:00",
            Some(20),
            Some("2026-12-10"),
            LONG_CHINESE,
        ),
        done,
        action(
            3,
            "2026-11-19T14:50:00+01:00",
            Some(22),
            None,
            "First line, with a comma;\nsecond line 🎉\n\nthird: done?",
        ),
        secret,
        // Two logged in the same minute (a hand-written file): told apart.
        action(
            5,
            "2026-11-19T15:10:00+01:00",
            None,
            Some("2026-12-24"),
            "Book the room",
        ),
        action(
            6,
            "2026-11-19T15:10:00+01:00",
            Some(5),
            Some("2026-12-24"),
            "Order coffee",
        ),
    ]
    .into_iter()
    .collect();
    s
}

fn parse(text: &str) -> Calendar {
    Calendar::from_str(text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn todos(cal: &Calendar) -> Vec<&Todo> {
    cal.todos().collect()
}

fn due(todo: &Todo) -> Option<NaiveDate> {
    match todo.get_due()? {
        DatePerhapsTime::Date(d) => Some(d),
        other => panic!("a due date is a day, not {other:?}"),
    }
}

#[test]
fn the_action_items_read_back_as_they_were_written() {
    let text = ics::calendar(&hostile(), Options::default(), made());
    let cal = parse(&text);
    let todos = todos(&cal);
    assert_eq!(todos.len(), 6, "{text}");

    let summaries: Vec<&str> = todos.iter().map(|t| t.get_summary().unwrap()).collect();
    assert_eq!(
        summaries,
        [
            format!("欧阳娜娜: {LONG_CHINESE}").as_str(),
            "Zoë Ñúñez-Ørsted 🦊: Draft the policy; images, sound, video — and \\ back\\slashes",
            "🎻🎻🎻🎻🎻🎻🎻🎻🎻🎻🎻🎻🎻🎻🎻🎻🎻🎻: First line, with a comma; second line 🎉 third: done?",
            "王丽: Ask the ministry, quietly",
            "Book the room",
            "José Álvarez Núñez: Order coffee",
        ]
    );
    let dues: Vec<Option<NaiveDate>> = todos.iter().map(|t| due(t)).collect();
    let day = |s: &str| Some(s.parse::<NaiveDate>().unwrap());
    assert_eq!(
        dues,
        [
            day("2026-12-10"),
            day("2027-01-15"),
            None,
            day("2026-12-01"),
            day("2026-12-24"),
            day("2026-12-24"),
        ]
    );
    let statuses: Vec<Option<TodoStatus>> = todos.iter().map(|t| t.get_status()).collect();
    assert_eq!(statuses[1], Some(TodoStatus::Completed));
    assert_eq!(todos[1].get_percent_complete(), Some(100));
    for i in [0, 2, 3, 4, 5] {
        assert_eq!(statuses[i], Some(TodoStatus::NeedsAction), "{i}");
        assert_eq!(todos[i].get_percent_complete(), None, "{i}");
    }
    let uids: Vec<&str> = todos.iter().map(|t| t.get_uid().unwrap()).collect();
    assert_eq!(
        uids,
        [
            "20261119T134000Z@minutes",
            "20261119T134100Z@minutes",
            "20261119T135000Z@minutes",
            "20261119T140000Z@minutes",
            "20261119T141000Z-1@minutes",
            "20261119T141000Z-2@minutes",
        ]
    );
    for t in &todos {
        assert_eq!(t.get_timestamp(), Some(made()));
    }
    assert_eq!(
        todos[0].get_created(),
        Some(at("2026-11-19T14:40:00+01:00").to_utc())
    );
    // The text of several lines is whole in the description, newlines and all.
    let description = todos[2].get_description().unwrap();
    assert!(
        description.starts_with("First line, with a comma;\nsecond line 🎉\n\nthird: done?\n\n"),
        "{description:?}"
    );
    assert!(
        description.contains("Owner: 🎻🎻🎻🎻🎻🎻🎻🎻🎻🎻🎻🎻🎻🎻🎻🎻🎻🎻\n"),
        "{description:?}"
    );
    let first = todos[0].get_description().unwrap();
    for line in [
        "Owner: 欧阳娜娜",
        "Meeting: Open Data for Museum Collections, Thursday 19 November 2026",
        "Series: Asia–Europe Digital Heritage Symposium",
        "Topic: 2. Report: the PKU open-collections pilot",
    ] {
        assert!(first.lines().any(|l| l == line), "{line:?} in {first:?}");
    }
    assert!(
        todos[4]
            .get_description()
            .unwrap()
            .starts_with("Owner: nobody named\n")
    );
    // The confidential one says so, to the calendar and in words.
    assert_eq!(todos[3].get_class(), Some(Class::Confidential));
    assert!(
        todos[3]
            .get_description()
            .unwrap()
            .ends_with("\nConfidential")
    );
    assert_eq!(todos[0].get_class(), None);
}

#[test]
fn a_due_date_is_a_day_and_an_action_without_one_has_no_due() {
    let text = ics::calendar(&hostile(), Options::default(), made());
    assert!(text.contains("\r\nDUE;VALUE=DATE:20261210\r\n"), "{text}");
    let third = text.split("BEGIN:VTODO").nth(3).unwrap();
    assert!(third.contains("UID:20261119T135000Z@minutes"), "{third}");
    assert!(!third.contains("DUE"), "{third}");
}

#[test]
fn no_line_is_longer_than_75_octets_nor_split_inside_a_character() {
    // Texts of every length around the folds, in characters of one to
    // four bytes, so that a fold falls at every offset inside them.
    let mut s = hostile();
    for (i, piece) in ["a", "é", "王", "🦊", "a,", "王;"].into_iter().enumerate() {
        for n in 1..=90 {
            let id = 100 + 100 * i as u32 + n;
            let mut e = action(id, "2026-11-19T16:00:00+01:00", Some(21), None, "");
            e.at += chrono::Duration::seconds(i64::from(id));
            e.text = piece.repeat(n as usize);
            s.entries.push(e);
        }
    }
    let text = ics::calendar(&s, Options::default(), made());
    let bytes = text.as_bytes();
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    let mut lines = 0;
    for line in bytes.split(|&b| b == b'\n') {
        if line.is_empty() {
            continue; // after the last CRLF
        }
        lines += 1;
        let line = line
            .strip_suffix(b"\r")
            .unwrap_or_else(|| panic!("a bare LF: {:?}", String::from_utf8_lossy(line)));
        assert!(!line.contains(&b'\r'), "a bare CR");
        assert!(
            line.len() <= 75,
            "{} octets: {}",
            line.len(),
            String::from_utf8_lossy(line)
        );
        // Each line on its own is whole UTF-8: no fold inside a character.
        assert!(
            std::str::from_utf8(line).is_ok(),
            "split inside a character: {line:?}"
        );
    }
    assert!(lines > 6 * 90 * 8, "{lines} lines");
    // And unfolded, every text is whole again.
    let cal = parse(&text);
    let summaries: Vec<&str> = cal.todos().map(|t| t.get_summary().unwrap()).collect();
    for (i, piece) in ["a", "é", "王", "🦊", "a,", "王;"].into_iter().enumerate() {
        for n in 1..=90 {
            let want = format!("Zoë Ñúñez-Ørsted 🦊: {}", piece.repeat(n));
            assert_eq!(summaries[6 + i * 90 + n - 1], want);
        }
    }
}

#[test]
fn public_leaves_the_confidential_action_items_out_and_names_the_others_alike() {
    let s = hostile();
    let full = parse(&ics::calendar(&s, Options::default(), made()));
    let public = Options {
        public: true,
        ..Options::default()
    };
    let public = ics::calendar(&s, public, made());
    assert!(!public.contains("ministry"), "{public}");
    assert!(!public.contains("CONFIDENTIAL"), "{public}");
    let public = parse(&public);
    let uids = |cal: &Calendar| -> Vec<String> {
        cal.todos()
            .map(|t| t.get_uid().unwrap().to_string())
            .collect()
    };
    let mut expected = uids(&full);
    expected.remove(3);
    assert_eq!(uids(&public), expected);
}

/// Importing again updates the to-dos: the same UIDs whenever it is
/// exported and whatever is edited; and an action item carried over to
/// the next meeting is the same to-do there.
#[test]
fn uids_stay_the_same_across_exports_edits_and_the_next_meeting() {
    let s = hostile();
    let uids = |s: &Session, now: DateTime<Utc>| -> Vec<String> {
        parse(&ics::calendar(s, Options::default(), now))
            .todos()
            .map(|t| t.get_uid().unwrap().to_string())
            .collect()
    };
    let first = uids(&s, made());
    let mut edited = s.clone();
    edited.title = "Another title".into();
    let mut rewritten = edited.entries[0].clone();
    rewritten.text = "Rewritten".into();
    edited.entries.replace(0, rewritten);
    edited.entries.push(common::note(50, "a note"));
    assert_eq!(uids(&edited, made() + chrono::Duration::days(3)), first);

    // The next meeting: the open ones carried over, renumbered.
    let next = minutes::model::meeting::follow_up(&s, "Next meeting".into());
    let carried = parse(&ics::calendar(&next, Options::default(), made()));
    let carried: Vec<&Todo> = carried.todos().collect();
    let carried_uids: Vec<&str> = carried.iter().map(|t| t.get_uid().unwrap()).collect();
    // The done one is not carried; the two logged in one minute are told
    // apart by their order there, which `--from` keeps (their entry ids,
    // which it renumbers, made them new to-dos).
    assert_eq!(carried.len(), 5);
    let open: Vec<&String> = first
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != 1)
        .map(|(_, u)| u)
        .collect();
    assert_eq!(carried_uids, open);
    assert!(
        carried[0]
            .get_description()
            .unwrap()
            .contains("Carried over from the meeting of 2026-11-19"),
        "{:?}",
        carried[0].get_description()
    );
}

#[test]
fn the_sample_as_icalendar() {
    let text = ics::calendar(&common::sample(), Options::default(), made());
    insta::assert_snapshot!("sample_ics", text.replace("\r\n", "⏎\n"));
}

#[test]
fn render_writes_icalendar_for_the_built_in_names_and_refuses_any_template() {
    let s = common::sample();
    for name in ["minutes", "actions"] {
        let text = minutes::export::render(
            &s,
            Format::Ics,
            &TemplateRef::Named(name.into()),
            Options::default(),
        )
        .unwrap();
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n"), "{text}");
        let stamp = parse(&text)
            .todos()
            .next()
            .unwrap()
            .get_timestamp()
            .unwrap();
        assert!((Utc::now() - stamp).num_seconds().abs() < 60, "{stamp}");
    }
    for template in [
        TemplateRef::parse("report"),
        TemplateRef::parse("mine.md.j2"),
    ] {
        let e = minutes::export::render(&s, Format::Ics, &template, Options::default())
            .unwrap_err()
            .to_string();
        assert!(e.contains("without templates"), "{e}");
        assert!(e.contains("--template"), "{e}");
    }
}

#[test]
fn export_to_an_ics_file_writes_icalendar() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("follow-ups.ics");
    minutes()
        .arg("export")
        .arg(common::sample_path())
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let text = std::fs::read_to_string(&out).unwrap();
    let cal = parse(&text);
    assert_eq!(cal.todos().count(), 6);
    // --actions-only and --format say the same.
    let said = minutes()
        .arg("export")
        .arg(common::sample_path())
        .args(["--format", "ics", "--actions-only"])
        .output()
        .unwrap();
    assert!(said.status.success());
    let stdout = String::from_utf8(said.stdout).unwrap();
    let uids = |cal: &Calendar| -> Vec<String> {
        cal.todos()
            .map(|t| t.get_uid().unwrap().to_string())
            .collect()
    };
    assert_eq!(uids(&parse(&stdout)), uids(&cal));
}

/// A calendar with no to-do is not valid iCalendar (RFC 5545 wants a
/// component): a session without action items writes none, and says why.
#[test]
fn a_session_without_action_items_writes_no_calendar() {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("s.ron");
    minutes::store::save(&session, &common::before_meeting()).unwrap();
    let out = dir.path().join("none.ics");
    minutes()
        .arg("export")
        .arg(&session)
        .arg("-o")
        .arg(&out)
        .assert()
        .failure()
        .stderr(predicates::str::contains(
            "no action items to put in a calendar",
        ));
    assert!(!out.exists());
}

#[test]
fn a_template_with_ics_is_an_error_that_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("follow-ups.ics");
    let said = minutes()
        .arg("export")
        .arg(common::sample_path())
        .args(["-t", "report", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(said.status.code(), Some(1));
    let stderr = String::from_utf8(said.stderr).unwrap();
    assert!(
        stderr.contains("iCalendar (ics) is written without templates")
            && stderr.contains("leave out --template (it says \"report\")"),
        "{stderr}"
    );
    assert!(!out.exists());
}

/// The review's export menu: `x c` writes `<stem>.actions.ics` beside the
/// session, and its help says so.
#[test]
fn the_review_writes_the_action_items_beside_the_session_as_a_calendar() {
    use common::drive::{ch, press, said};
    use minutes::store::{Mode as Open, OpenSession};
    let (dir, path) = common::sample_copy();
    let now = common::t(130, 0);
    let mut app = minutes::app::App::new(OpenSession::open(&path, Open::ReadOnly).unwrap(), now);
    minutes::app::review::open(&mut app, false);
    press(&mut app, &[ch('x'), ch('c')], now);
    let out = dir.path().join("meeting.actions.ics");
    assert!(
        said(&app).contains(&out.display().to_string()) && !said(&app).contains("FAILED"),
        "{}",
        said(&app)
    );
    let cal = parse(&std::fs::read_to_string(&out).unwrap());
    assert_eq!(cal.todos().count(), 6);
    let help: String = minutes::ui::help::lines(&app, 98)
        .iter()
        .map(|l| l.to_string() + "\n")
        .collect();
    assert!(help.contains("<session>.actions.ics"), "{help}");
}
