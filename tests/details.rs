//! The meeting's details set from the line (`/title`, `/schedule`,
//! `/credit` …), names as people type them (the first match everywhere,
//! pinyin) and days as people say them (`due:fri`). The clock is the
//! sample's: Thursday 19 November 2026, 14:00 (+01:00).

mod common;

use common::drive::{app_on, said};

use chrono::NaiveDate;
use common::t;
use minutes::app::dates::{day, time};
use minutes::app::quick::{self, Intent};
use minutes::app::{self, Action, App};
use minutes::export::{Format, export};
use minutes::model::meeting::{FoldedRoster, find_attendees};
use minutes::model::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The sample's Thursday.
fn today() -> NaiveDate {
    date(2026, 11, 19)
}

fn parse_on(s: &Session, line: &str) -> Result<Intent, String> {
    quick::parse(line, s, &FoldedRoster::new(s), t(0, 0))
}

fn parse(line: &str) -> Result<Intent, String> {
    parse_on(&common::before_meeting(), line)
}

/// Types `text` and presses Enter.
fn enter(app: &mut App, text: &str) {
    app::update(app, Action::Paste(text.into()), t(0, 0));
    app::update(app, Action::Submit, t(0, 0));
}

// ------------------------------------------------------------ days as people say them

#[test]
fn a_weekday_is_the_next_such_day_after_today() {
    assert_eq!(day("fri", today()), Ok(date(2026, 11, 20)));
    assert_eq!(day("Monday", today()), Ok(date(2026, 11, 23)));
    assert_eq!(day("WED", today()), Ok(date(2026, 11, 25)));
}

#[test]
fn todays_weekday_is_a_week_later() {
    assert_eq!(day("thu", today()), Ok(date(2026, 11, 26)));
    assert_eq!(day("thursday", today()), Ok(date(2026, 11, 26)));
}

#[test]
fn today_and_tomorrow() {
    assert_eq!(day("today", today()), Ok(today()));
    assert_eq!(day("Tomorrow", today()), Ok(date(2026, 11, 20)));
}

#[test]
fn plus_days_and_weeks_count_from_today() {
    assert_eq!(day("+7d", today()), Ok(date(2026, 11, 26)));
    assert_eq!(day("+2w", today()), Ok(date(2026, 12, 3)));
    assert_eq!(day("+0d", today()), Ok(today()));
}

#[test]
fn a_day_and_month_is_this_year_or_next_if_passed() {
    assert_eq!(day("15.12.", today()), Ok(date(2026, 12, 15)));
    assert_eq!(day("15.12", today()), Ok(date(2026, 12, 15)));
    assert_eq!(day("19.11.", today()), Ok(today()), "today has not passed");
    assert_eq!(day("18.11.", today()), Ok(date(2027, 11, 18)));
    assert_eq!(day("1.1.", today()), Ok(date(2027, 1, 1)));
}

#[test]
fn a_full_date_with_dots_or_in_iso() {
    assert_eq!(day("15.12.2026", today()), Ok(date(2026, 12, 15)));
    assert_eq!(day("2026-12-15", today()), Ok(date(2026, 12, 15)));
    assert_eq!(
        day("1.3.2025", today()),
        Ok(date(2025, 3, 1)),
        "a day past, when asked for"
    );
}

#[test]
fn a_29_february_is_the_next_one_there_is() {
    assert_eq!(day("29.2.", date(2027, 3, 1)), Ok(date(2028, 2, 29)));
    assert_eq!(
        day("29.2.", today()),
        Ok(date(2028, 2, 29)),
        "2027 has none"
    );
}

#[test]
fn impossible_days_are_refused_with_the_reason() {
    let why = |text| day(text, today()).unwrap_err();
    assert!(
        why("31.2.").contains("there is no 31 February"),
        "{}",
        why("31.2.")
    );
    assert!(why("31.4.2027").contains("no 31 April 2027"));
    assert!(why("1.13.").contains("13 is not a month"));
    assert!(why("15.12.26").contains("year in full"));
    assert!(why("+99999d").contains("more than ten years"));
    assert!(why("+99999999999999999999999d").contains("+ counts days"));
    assert!(why("+3y").contains("+ counts days"));
    assert!(why("2026-02-30").contains("there is no 30 February 2026"));
    assert!(why("2026-12").contains("2026-12-15"));
    assert!(why("someday").contains("not a day"));
    assert!(why("").contains("no day"));
}

#[test]
fn times_of_day() {
    assert_eq!(time("19:00").unwrap().to_string(), "19:00:00");
    assert_eq!(time("9:30").unwrap().to_string(), "09:30:00");
    for bad in ["25:00", "19:60", "24:00", "7pm", "19:5", "19:000", ":30"] {
        assert!(time(bad).unwrap_err().contains("19:00"), "{bad}");
    }
}

#[test]
fn due_fri_is_stored_as_the_date_it_means() {
    let Ok(Intent::Log { kind, text }) = parse("a: send the report @jose due:fri") else {
        panic!()
    };
    assert_eq!(
        kind,
        EntryKind::Action {
            owner: Some(AttendeeId(5)),
            due: Some(date(2026, 11, 20)),
            done: false
        }
    );
    assert_eq!(text, "send the report");
}

#[test]
fn a_bad_due_date_is_refused_with_the_forms_that_work() {
    let why = parse("a: send it due:31.2.").unwrap_err();
    assert!(why.contains("there is no 31 February"), "{why}");
    assert!(
        why.contains("due:fri") && why.contains("due:+3d") && why.contains("due:2026-12-15"),
        "{why}"
    );
}

#[test]
fn the_status_line_shows_the_due_date_understood() {
    let (_dir, mut app) = app_on(common::before_meeting());
    enter(&mut app, "a: send the report @jose due:fri");
    assert!(said(&app).contains("due Fri 2026-11-20"), "{}", said(&app));
}

#[test]
fn a_line_with_a_bad_date_stays() {
    let (_dir, mut app) = app_on(common::before_meeting());
    enter(&mut app, "a: send the report due:+99999d");
    assert_eq!(app.input.value(), "a: send the report due:+99999d");
    assert!(app.message.as_ref().unwrap().error);
}

// ------------------------------------------------------------ the meeting's details

fn detail(line: &str) -> Field {
    match parse(line) {
        Ok(Intent::Detail { field, .. }) => field,
        other => panic!("{line}: {other:?}"),
    }
}

fn told(line: &str) -> String {
    match parse(line) {
        Ok(Intent::Tell(text)) => text,
        other => panic!("{line}: {other:?}"),
    }
}

#[test]
fn title_series_theme_and_platform_are_set_by_their_commands() {
    assert_eq!(
        detail("/title Board 董事会"),
        Field::Title("Board 董事会".into())
    );
    assert_eq!(detail("/series AEDF"), Field::Series(Some("AEDF".into())));
    assert_eq!(
        detail("/theme Open data"),
        Field::Theme(Some("Open data".into()))
    );
    assert_eq!(
        detail("/platform Zoom"),
        Field::Platform(Some("Zoom".into()))
    );
}

#[test]
fn a_detail_command_alone_tells_what_is_set() {
    assert!(told("/theme").starts_with("Theme: Session 4: publishing collections openly"));
    assert!(told("/title").starts_with("Title: Open Data for Museum Collections"));
    assert!(told("/schedule").starts_with("Schedule: Thu 19 Nov 2026 14:00"));
    let mut s = common::before_meeting();
    s.platform = None;
    let Ok(Intent::Tell(text)) = parse_on(&s, "/platform") else {
        panic!()
    };
    assert!(
        text.starts_with("No platform set (/platform TEXT sets it"),
        "{text}"
    );
}

#[test]
fn a_dash_clears_a_detail_but_not_the_title() {
    assert_eq!(detail("/theme -"), Field::Theme(None));
    assert_eq!(detail("/schedule -"), Field::ScheduledStart(None));
    assert!(parse("/title -").unwrap_err().contains("keeps a title"));
    assert!(parse("/theme \u{200b}").is_err(), "an invisible theme");
}

#[test]
fn detail_commands_are_typed_whole() {
    let why = parse("/the meeting went well").unwrap_err();
    assert!(
        why.contains("/theme") && why.contains("typed whole"),
        "{why}"
    );
    assert!(parse("/ti x").is_err());
    // The starts that worked before still do.
    assert_eq!(parse("/se jose"), Ok(Intent::Secretary(AttendeeId(5))));
    assert_eq!(parse("/c jose"), Ok(Intent::Chair(AttendeeId(5))));
    assert_eq!(parse("/p"), Err("/p is not a command; /platform sets a detail of the meeting, so it is typed whole (Tab completes it)".into()));
}

#[test]
fn tab_completes_detail_commands_and_keeps_the_old_starts() {
    let s = common::before_meeting();
    let complete = |line| quick::complete(line, &s, &FoldedRoster::new(&s));
    assert_eq!(complete("/th").as_deref(), Some("/theme "));
    assert_eq!(complete("/sch").as_deref(), Some("/schedule "));
    assert_eq!(complete("/se").as_deref(), Some("/secretary "));
    assert_eq!(complete("/ser").as_deref(), Some("/series "));
    assert_eq!(complete("/c").as_deref(), Some("/chair "));
    assert_eq!(complete("/cr").as_deref(), Some("/credit "));
}

#[test]
fn schedule_takes_a_day_and_a_time_in_the_clocks_offset() {
    assert_eq!(
        detail("/schedule 2026-12-03 19:00"),
        Field::ScheduledStart(Some(common::at("2026-12-03T19:00:00+01:00")))
    );
    assert_eq!(
        detail("/schedule 15.12. 19:00"),
        Field::ScheduledStart(Some(common::at("2026-12-15T19:00:00+01:00")))
    );
    assert_eq!(
        detail("/schedule fri 9:30"),
        Field::ScheduledStart(Some(common::at("2026-11-20T09:30:00+01:00")))
    );
    assert_eq!(
        detail("/schedule 19:00 tomorrow"),
        Field::ScheduledStart(Some(common::at("2026-11-20T19:00:00+01:00")))
    );
}

#[test]
fn a_time_alone_is_on_the_meetings_day() {
    let mut s = common::before_meeting();
    s.scheduled_start = Some(common::at("2026-12-03T18:50:00+01:00"));
    let scheduled = |s: &Session| match parse_on(s, "/schedule 19:00") {
        Ok(Intent::Detail {
            field: Field::ScheduledStart(Some(t)),
            ..
        }) => t,
        other => panic!("{other:?}"),
    };
    assert_eq!(scheduled(&s), common::at("2026-12-03T19:00:00+01:00"));
    s.scheduled_start = None;
    assert_eq!(
        scheduled(&s),
        common::at("2026-11-19T19:00:00+01:00"),
        "no day known: today"
    );
}

#[test]
fn a_bad_schedule_is_refused_with_the_forms_that_work() {
    for line in [
        "/schedule 25:00",
        "/schedule 2026-12-03",
        "/schedule 31.2. 19:00",
        "/schedule 19:00 20:00",
        "/schedule next week 19:00",
    ] {
        let why = parse(line).unwrap_err();
        assert!(why.contains("/schedule 2026-12-03 19:00"), "{line}: {why}");
    }
}

#[test]
fn the_schedule_is_confirmed_as_understood() {
    let (_dir, mut app) = app_on(common::before_meeting());
    enter(&mut app, "/schedule 2026-12-03 19:00");
    assert_eq!(
        said(&app),
        "Schedule: Thu 3 Dec 2026 19:00 (UTC+01:00), at the meeting's UTC offset (Ctrl+Z undoes)"
    );
}

fn credits(line: &str) -> Vec<(String, String)> {
    match detail(line) {
        Field::Credits(list) => list
            .into_iter()
            .map(|c| (c.role.label().to_string(), c.name))
            .collect(),
        other => panic!("{other:?}"),
    }
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(r, n)| (r.to_string(), n.to_string()))
        .collect()
}

#[test]
fn credit_sets_a_roles_names_where_the_role_stood() {
    // The sample credits Text, Editing and Photos, one name each.
    assert_eq!(
        credits("/credit text Anna Li, Bob"),
        pairs(&[
            ("Text", "Anna Li"),
            ("Text", "Bob"),
            ("Editing", "José Álvarez Núñez"),
            ("Photos", "张伟"),
        ])
    );
}

#[test]
fn credit_for_another_role_is_added_at_the_end() {
    let list = credits("/credit sound_engineering Sam 🌻, 🎤");
    assert_eq!(
        list.last(),
        Some(&("Sound engineering".to_string(), "🎤".to_string()))
    );
    assert_eq!(list.len(), 5);
}

#[test]
fn credit_with_a_role_and_a_dash_removes_it() {
    assert_eq!(
        credits("/credit PHOTOS -"),
        pairs(&[("Text", "Anna Schäfer"), ("Editing", "José Álvarez Núñez")])
    );
    assert!(
        parse("/credit translation -")
            .unwrap_err()
            .contains("no one is credited for Translation")
    );
    assert!(
        parse("/credit text , ,")
            .unwrap_err()
            .contains("needs names")
    );
}

#[test]
fn credit_with_a_role_alone_tells_that_roles_names() {
    assert!(
        told("/credit PHOTOS").starts_with("Photos by 张伟 (/credit PHOTOS NAME, NAME changes it"),
        "{}",
        told("/credit PHOTOS")
    );
    assert!(
        told("/credit translation").starts_with("No one is credited for Translation"),
        "{}",
        told("/credit translation")
    );
}

#[test]
fn credit_confirms_what_the_role_now_is() {
    let (_dir, mut app) = app_on(common::before_meeting());
    enter(&mut app, "/credit photos Chen 陈, Sam 🌻");
    assert_eq!(said(&app), "Photos by Chen 陈, Sam 🌻 (Ctrl+Z undoes)");
    enter(&mut app, "/credit photos -");
    assert_eq!(said(&app), "Photos credit removed (Ctrl+Z undoes)");
}

#[test]
fn credit_alone_tells_the_credits() {
    assert!(
        told("/credit").starts_with(
            "Credits: Text by Anna Schäfer; Editing by José Álvarez Núñez; Photos by 张伟"
        ),
        "{}",
        told("/credit")
    );
}

#[test]
fn a_detail_is_undone_in_one_step_and_the_undo_says_what_came_back() {
    let (_dir, mut app) = app_on(common::before_meeting());
    for (line, back) in [
        (
            "/theme Budget",
            "Theme: Session 4: publishing collections openly",
        ),
        ("/title Board", "Title: Open Data for Museum Collections"),
        (
            "/schedule 19:00",
            "Schedule: Thu 19 Nov 2026 14:00 (UTC+01:00)",
        ),
        (
            "/credit text Bob",
            "Credits: Text by Anna Schäfer; Editing by José Álvarez Núñez; Photos by 张伟",
        ),
        ("/platform -", "Platform: Zoom (meeting ID 834 2291 0457)"),
        (
            "/credit photos -",
            "Credits: Text by Anna Schäfer; Editing by José Álvarez Núñez; Photos by 张伟",
        ),
    ] {
        let before = app.store.session().clone();
        enter(&mut app, line);
        assert_ne!(app.store.session(), &before, "{line}");
        app::update(&mut app, Action::Undo, t(0, 0));
        let mut after = app.store.session().clone();
        after.journal_seq = before.journal_seq;
        assert_eq!(after, before, "{line}");
        assert_eq!(said(&app), format!("Undone (Ctrl+Y redoes): {back}"));
    }
}

#[test]
fn undoing_a_detail_that_was_empty_says_it_is_empty_again() {
    let mut s = common::before_meeting();
    s.series = None;
    let (_dir, mut app) = app_on(s);
    enter(&mut app, "/series AEDF");
    app::update(&mut app, Action::Undo, t(0, 0));
    assert_eq!(said(&app), "Undone (Ctrl+Y redoes): No series now");
}

#[test]
fn a_new_session_has_no_schedule_and_its_minutes_say_no_time() {
    let s = Session::new("Board");
    let text = export(&s, Format::Text);
    assert!(!text.contains("Date") && !text.contains("Time") && !text.contains("Scheduled"));
}

#[test]
fn the_schedule_and_credits_reach_the_minutes() {
    let mut s = common::before_meeting();
    for line in ["/schedule 2026-12-03 19:00", "/credit text Anna Li, Bob"] {
        let Ok(Intent::Detail { field, .. }) = parse_on(&s, line) else {
            panic!("{line}")
        };
        Change::Set(field).apply(&mut s).unwrap();
    }
    let text = export(&s, Format::Text);
    assert!(
        text.contains("Date:      Thursday 3 December 2026"),
        "{text}"
    );
    assert!(text.contains("scheduled 19:00 (UTC+01:00)"), "{text}");
    assert!(text.contains("Text by:    Anna Li, Bob"), "{text}");
    let md = export(&s, Format::Markdown);
    assert!(md.contains("- **Text by:** Anna Li, Bob"), "{md}");
    assert!(md.contains("scheduled 19:00"), "{md}");
    // Started on another day than scheduled: the day it was scheduled for.
    s.started_at = Some(common::at("2026-12-04T19:05:00+01:00"));
    let text = export(&s, Format::Text);
    assert!(
        text.contains("Scheduled: Thursday 3 December 2026, 19:00"),
        "{text}"
    );
}

// ------------------------------------------------------------ names as people type them

/// Tom Brandl and Tomás Ruiz, both here; Tom Brandl first on the roster.
fn two_toms() -> Session {
    let mut s = common::before_meeting();
    for (id, name) in [(20, "Tom Brandl"), (21, "Tomás Ruiz")] {
        s.attendees.push(Attendee {
            joined_at: Some(t(0, 0)),
            ..common::attendee(id, name, Attendance::Present)
        });
    }
    s
}

#[test]
fn the_picker_at_name_and_tab_take_the_same_first_match() {
    let s = two_toms();
    let roster = FoldedRoster::new(&s);
    assert_eq!(find_attendees(&s, "tom"), [AttendeeId(20), AttendeeId(21)]);
    assert_eq!(
        parse_on(&s, "/here tom"),
        Ok(Intent::Arrived(AttendeeId(20)))
    );
    let Ok(Intent::Log { kind, .. }) = parse_on(&s, "a: send it @tom") else {
        panic!()
    };
    assert!(matches!(
        kind,
        EntryKind::Action {
            owner: Some(AttendeeId(20)),
            ..
        }
    ));
    assert_eq!(
        quick::complete("a: send it @tom", &s, &roster).as_deref(),
        Some("a: send it @Tom_Brandl ")
    );
}

#[test]
fn a_name_matching_others_too_says_who_was_taken_and_who_else() {
    let (_dir, mut app) = app_on(two_toms());
    enter(&mut app, "a: send the report @tom due:fri");
    assert_eq!(
        said(&app),
        "Action item logged: owner Tom Brandl, due Fri 2026-11-20 (Alt+N: make it a note) \
         (also: Tomás Ruiz — type more of the name)"
    );
    enter(&mut app, "/s tom");
    assert_eq!(
        said(&app),
        "Tom Brandl has the floor (also: Tomás Ruiz — type more of the name)"
    );
}

#[test]
fn a_whole_name_typed_with_its_space_after_at_is_that_person() {
    let s = two_toms();
    let roster = FoldedRoster::new(&s);
    let parsed = |line: &str| quick::parse(line, &s, &roster, t(0, 0)).unwrap();
    let tom = find_attendees(&s, "Tom Brandl")[0];
    assert_eq!(
        parsed("/topic Membership fees 15 @Tom Brandl"),
        Intent::AddTopic {
            title: "Membership fees".into(),
            minutes: 15,
            presenter: Some(tom),
        }
    );
    let Intent::Log { kind, text } = parsed("a: @Tomás Ruiz, send the report due:fri") else {
        panic!("an action item")
    };
    let tomas = find_attendees(&s, "Tomás Ruiz")[0];
    assert!(matches!(kind, EntryKind::Action { owner: Some(o), .. } if o == tomas));
    assert_eq!(text, ", send the report");
    // A word after a name that is not the rest of a name stays in the text.
    let Intent::Log { text, .. } = parsed("q: @tom will check the figures") else {
        panic!("a question")
    };
    assert_eq!(text, "will check the figures");
}

#[test]
fn the_picker_says_who_else_matched_too() {
    let (_dir, mut app) = app_on(two_toms());
    app::update(&mut app, Action::Pick(app::Purpose::Departure), t(0, 0));
    app::update(&mut app, Action::Paste("tom".into()), t(0, 0));
    app::update(&mut app, Action::Choose, t(0, 0));
    assert_eq!(
        said(&app),
        "Tom Brandl: left at 14:00 (also: Tomás Ruiz — type more of the name)"
    );
}

#[test]
fn the_whole_name_typed_is_taken_without_a_word_on_others() {
    let (_dir, mut app) = app_on(two_toms());
    enter(&mut app, "/left Tom_Brandl");
    assert_eq!(said(&app), "Tom Brandl: left at 14:00");
}

/// 王丽 (id 1) and others: the sample's roster, as before the meeting.
const WANG: AttendeeId = AttendeeId(1);

#[test]
fn pinyin_finds_a_chinese_name_whole_by_syllables_or_initials() {
    let s = common::before_meeting();
    for query in ["wangli", "wang li", "Wáng Lì", "wang", "wl", "wangl", "wli"] {
        assert_eq!(find_attendees(&s, query).first(), Some(&WANG), "{query}");
    }
    assert_eq!(parse("/here wangli"), Ok(Intent::Arrived(WANG)));
}

#[test]
fn a_later_syllable_finds_a_name_after_those_it_starts() {
    let s = common::before_meeting();
    // 李娜 (li na) starts with li; 王丽 has it second.
    let li = find_attendees(&s, "li");
    let (lina, wang) = (
        li.iter().position(|id| *id == AttendeeId(4)).unwrap(),
        li.iter().position(|id| *id == WANG).unwrap(),
    );
    assert!(lina < wang, "{li:?}");
}

fn roster_of(names: &[&str]) -> Session {
    let mut s = Session::new("Names");
    s.attendees = names
        .iter()
        .enumerate()
        .map(|(i, name)| common::attendee(i as u32 + 1, name, Attendance::Present))
        .collect();
    s
}

fn ids(s: &Session, query: &str) -> Vec<u32> {
    find_attendees(s, query).iter().map(|id| id.0).collect()
}

#[test]
fn the_whole_pinyin_ranks_just_after_the_very_name_typed() {
    // The name typed whole first (a hostile tester's `Wang Li` took 王丽),
    // then the whole pinyin, then a name that only starts with the query.
    let s = roster_of(&["Wanglio Rossi", "王丽", "Wangli"]);
    assert_eq!(ids(&s, "wangli"), [3, 2, 1]);
    assert!(FoldedRoster::new(&s).is_exact(1, "wangli"));
}

#[test]
fn a_latin_name_is_not_read_as_pinyin() {
    // Were "Wang Li" read by syllables, `wl` would find it first.
    let s = roster_of(&["Wang Li", "王丽"]);
    assert_eq!(ids(&s, "wl"), [2, 1]);
}

#[test]
fn a_mixed_name_is_found_by_its_characters_words_and_pinyin() {
    let s = roster_of(&["Li 李 Wei", "Bob"]);
    for query in ["李", "li", "wei", "liliwei", "li wei"] {
        assert_eq!(ids(&s, query), [1], "{query}");
    }
    assert!(FoldedRoster::new(&s).is_exact(0, "liliwei"));
}

#[test]
fn a_surnames_other_reading_and_u_umlaut_as_v_find_the_name() {
    let s = roster_of(&["曾伟", "吕芳"]);
    assert_eq!(ids(&s, "zengwei"), [1], "曾 is céng or zēng");
    assert_eq!(ids(&s, "lvfang"), [2]);
    assert_eq!(ids(&s, "lufang"), [2]);
}

// ------------------------------------------------------------ in a real terminal

mod terminal {
    use std::path::Path;
    use std::process::Command;

    use super::common::tmux::{Tmux, command};
    use minutes::model::{EntryKind, Session};
    use minutes::store;

    /// A session before the meeting (the sample's roster and agenda) in a
    /// fresh file, opened in tmux.
    fn open_before_meeting() -> (tempfile::TempDir, std::path::PathBuf, Tmux) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("meeting.ron");
        store::save(&path, &super::common::before_meeting()).unwrap();
        let tmux = Tmux::start(&command("open", &path));
        tmux.wait_for("Open Data for Museum Collections");
        (dir, path, tmux)
    }

    /// Types a line, presses Enter and waits for `then_see`.
    fn enter(tmux: &Tmux, line: &str, then_see: &str) {
        tmux.type_text(line);
        tmux.send(&["Enter"]);
        tmux.wait_for(then_see);
    }

    fn quit(tmux: &Tmux, path: &Path) -> Session {
        tmux.send(&["C-q"]);
        tmux.wait_for_exit();
        store::load(path).unwrap()
    }

    fn export(path: &Path, format: &str) -> String {
        let out = Command::new(env!("CARGO_BIN_EXE_minutes"))
            .args(["export", "--format", format])
            .arg(path)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    }

    #[test]
    fn credit_and_schedule_typed_in_the_app_reach_the_export() {
        let (_dir, path, tmux) = open_before_meeting();
        enter(
            &tmux,
            "/schedule 2026-12-03 19:00",
            "Schedule: Thu 3 Dec 2026 19:00",
        );
        enter(
            &tmux,
            "/credit photos Chen 陈, Sam 🌻",
            "Photos by Chen 陈, Sam 🌻 (Ctrl+Z",
        );
        // Undone and redone: one step each.
        tmux.send(&["C-z"]);
        tmux.wait_for("Undone (Ctrl+Y redoes): Credits: Text by Anna Schäfer;");
        tmux.send(&["C-y"]);
        tmux.wait_for("Redone: Credits:");
        let s = quit(&tmux, &path);
        // 19:00 at the clock's offset, whatever the machine's time zone.
        let scheduled = s.scheduled_start.unwrap().naive_local();
        assert_eq!(scheduled.to_string(), "2026-12-03 19:00:00");
        let text = export(&path, "txt");
        assert!(text.contains("Thursday 3 December 2026"), "{text}");
        assert!(text.contains("scheduled 19:00"), "{text}");
        assert!(text.contains("Photos by:  Chen 陈, Sam 🌻"), "{text}");
        let md = export(&path, "md");
        assert!(md.contains("- **Photos by:** Chen 陈, Sam 🌻"), "{md}");
        assert!(md.contains("scheduled 19:00"), "{md}");
    }

    #[test]
    fn wangli_finds_wang_li_in_the_speaker_picker() {
        let (_dir, path, tmux) = open_before_meeting();
        tmux.send(&["C-p"]);
        tmux.wait_for("Who is speaking?");
        tmux.type_text("wangli");
        tmux.wait_until("王丽 first in the list", |screen| {
            let rows: Vec<&str> = screen.lines().filter(|l| l.contains("│")).collect();
            rows.iter().position(|l| l.contains("王丽"))
                < rows
                    .iter()
                    .position(|l| l.contains("张伟") || l.contains("李娜"))
                && screen.contains("王丽")
        });
        tmux.send(&["Enter"]);
        tmux.wait_for("▶ 王丽");
        let s = quit(&tmux, &path);
        let speech = s.entries.last().unwrap();
        assert!(
            matches!(speech.kind, EntryKind::Speech { speaker, .. } if s.attendee_name(speaker) == "王丽"),
            "{speech:?}"
        );
    }

    #[test]
    fn due_fri_is_stored_as_a_date_in_the_file() {
        let (_dir, path, tmux) = open_before_meeting();
        let today = chrono::Local::now().date_naive();
        let friday = minutes::app::dates::day("fri", today).unwrap();
        enter(
            &tmux,
            "a: send the report @jose due:fri",
            &format!("due {}", friday.format("%a %Y-%m-%d")),
        );
        let s = quit(&tmux, &path);
        assert!(
            matches!(s.entries.last().unwrap().kind, EntryKind::Action { due, .. } if due == Some(friday))
        );
        let ron = std::fs::read_to_string(&path).unwrap();
        assert!(
            ron.contains(&format!("due: Some(\"{friday}\")"))
                || ron.contains(&format!("due: \"{friday}\"")),
            "{ron}"
        );
    }

    #[test]
    fn a_new_session_is_not_scheduled_at_the_time_it_was_made() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("board.ron");
        let tmux = Tmux::start(&format!(
            "exec '{}' new 'Board' --file '{}'",
            env!("CARGO_BIN_EXE_minutes"),
            path.display()
        ));
        tmux.wait_for("No entries yet");
        let s = quit(&tmux, &path);
        assert_eq!(s.scheduled_start, None);
        assert!(!export(&path, "txt").contains("cheduled"));
    }
}

#[test]
fn tab_says_whom_it_took_when_others_matched_too() {
    let (_dir, mut app) = app_on(two_toms());
    app::update(&mut app, Action::Paste("a: send it @tom".into()), t(0, 0));
    app::update(&mut app, Action::Complete, t(0, 0));
    assert_eq!(app.input.value(), "a: send it @Tom_Brandl ");
    assert_eq!(
        said(&app),
        "Tom Brandl (also: Tomás Ruiz — type more of the name)"
    );
}

#[test]
fn host_is_set_shown_and_cleared_and_h_still_marks_an_arrival() {
    assert_eq!(detail("/host PKU"), Field::Host(Some("PKU".into())));
    assert_eq!(detail("/host -"), Field::Host(None));
    assert!(told("/host").starts_with("Host: USAL"));
    let mut s = common::before_meeting();
    s.host = None;
    let Ok(Intent::Tell(text)) = parse_on(&s, "/host") else {
        panic!()
    };
    assert!(
        text.starts_with("No host set (/host TEXT sets it"),
        "{text}"
    );
    assert!(
        matches!(parse("/h jose"), Ok(Intent::Arrived(_))),
        "{:?}",
        parse("/h jose")
    );
    assert!(parse("/ho PKU").is_err(), "a detail is typed whole");
}

#[test]
fn setting_the_host_is_journalled_and_undone_in_one_step() {
    let (_dir, mut app) = common::drive::app_on(common::before_meeting());
    enter(&mut app, "/host Universidad de Salamanca");
    assert_eq!(
        app.store.session().host.as_deref(),
        Some("Universidad de Salamanca")
    );
    common::drive::press(&mut app, &[common::drive::ctrl('z')], t(0, 1));
    assert_eq!(app.store.session().host.as_deref(), Some("USAL"));
}
