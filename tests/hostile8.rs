//! What a hostile tester found in issue 8: the schedule's offset and day,
//! `/credit` unlike the other details, control characters in details,
//! stays never checked, dates at the end of a sentence, names hidden by
//! organisations in the pickers.

mod common;

use chrono::{NaiveDate, Timelike};
use common::drive::{app_on, enter, said};
use minutes::app::dates::day;
use minutes::export::{Format, export};
use minutes::model::Session;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The sample's Thursday.
fn today() -> NaiveDate {
    date(2026, 11, 19)
}

/// 13:00 on the sample's day on a computer whose clock is at UTC: 14:00
/// in the meeting's +01:00.
fn utc_clock() -> chrono::DateTime<chrono::FixedOffset> {
    common::at("2026-11-19T13:00:00Z")
}

fn scheduled(s: &Session) -> String {
    s.scheduled_start.unwrap().to_rfc3339()
}

// ------------------------------------------------------------ 1. the schedule

#[test]
fn a_time_scheduled_on_a_utc_clock_is_at_the_meetings_offset() {
    let (_dir, mut app) = app_on(common::sample());
    enter(&mut app, "/schedule 14:00", utc_clock());
    assert_eq!(scheduled(app.store.session()), "2026-11-19T14:00:00+01:00");
    assert!(
        said(&app).contains("(UTC+01:00), at the meeting's UTC offset; 13:00 on your clock"),
        "{}",
        said(&app)
    );
    let text = export(app.store.session(), Format::Text);
    assert!(text.contains("(UTC+01:00)"), "{text}");
    assert!(!text.contains("Scheduled: 14:00 (UTC+00:00)"), "{text}");
    enter(&mut app, "/schedule fri 9:30", utc_clock());
    assert_eq!(scheduled(app.store.session()), "2026-11-20T09:30:00+01:00");
}

#[test]
fn a_meeting_with_no_time_yet_is_scheduled_at_the_clocks_offset() {
    let mut s = common::before_meeting();
    s.scheduled_start = None;
    let (_dir, mut app) = app_on(s);
    enter(&mut app, "/schedule 19:00", utc_clock());
    assert_eq!(scheduled(app.store.session()), "2026-11-19T19:00:00+00:00");
    assert!(
        said(&app).contains("at your clock's UTC offset"),
        "{}",
        said(&app)
    );
}

#[test]
fn a_time_alone_is_on_the_day_the_meeting_started_not_an_old_schedule() {
    let mut s = common::sample();
    s.scheduled_start = Some(common::at("1900-01-01T10:00:00+01:00"));
    let (_dir, mut app) = app_on(s);
    enter(&mut app, "/schedule 0:00", utc_clock());
    assert_eq!(scheduled(app.store.session()), "2026-11-19T00:00:00+01:00");
}

#[test]
fn a_time_alone_on_a_schedule_decades_off_is_refused() {
    let mut s = common::before_meeting();
    s.scheduled_start = Some(common::at("1900-01-01T10:00:00+01:00"));
    let (_dir, mut app) = app_on(s);
    enter(&mut app, "/schedule 0:00", utc_clock());
    assert!(
        said(&app).contains("more than ten years ago"),
        "{}",
        said(&app)
    );
    assert_eq!(app.store.session().scheduled_start.unwrap().hour(), 10);
}

#[test]
fn dates_more_than_ten_years_either_way_are_refused() {
    let why = |text| day(text, today()).unwrap_err();
    assert!(
        why("1.1.1900").contains("more than ten years ago"),
        "{}",
        why("1.1.1900")
    );
    assert!(why("1900-01-01").contains("more than ten years ago"));
    assert!(why("1.1.2040").contains("more than ten years ahead"));
    assert!(why("2040-01-01").contains("more than ten years ahead"));
    assert_eq!(day("1.1.2017", today()), Ok(date(2017, 1, 1)));
    assert_eq!(day("1.1.2036", today()), Ok(date(2036, 1, 1)));
    let (_dir, mut app) = app_on(common::sample());
    let before = app.store.session().scheduled_start;
    enter(&mut app, "/schedule 1.1.1900 10:00", utc_clock());
    assert!(
        said(&app).contains("more than ten years ago"),
        "{}",
        said(&app)
    );
    assert_eq!(app.store.session().scheduled_start, before);
}

// ------------------------------------------------------------ 2. /credit as the other details

fn credit_pairs(s: &Session) -> Vec<(String, String)> {
    s.credits
        .iter()
        .map(|c| (c.role.label().to_string(), c.name.clone()))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(r, n)| (r.to_string(), n.to_string()))
        .collect()
}

#[test]
fn credit_role_dash_removes_the_role_and_credits_no_one_named_dash() {
    let (_dir, mut app) = app_on(common::sample());
    enter(&mut app, "/credit text -", common::t(0, 0));
    assert_eq!(
        credit_pairs(app.store.session()),
        pairs(&[("Editing", "José Álvarez Núñez"), ("Photos", "张伟")])
    );
    assert_eq!(said(&app), "Text credit removed (Ctrl+Z undoes)");
}

#[test]
fn credit_dash_alone_removes_every_credit() {
    let (_dir, mut app) = app_on(common::sample());
    enter(&mut app, "/credit -", common::t(0, 0));
    assert!(app.store.session().credits.is_empty());
    assert_eq!(said(&app), "Credits removed (Ctrl+Z undoes)");
}

#[test]
fn credit_with_a_role_alone_shows_it_and_changes_nothing() {
    let (_dir, mut app) = app_on(common::sample());
    let before = app.store.session().credits.clone();
    enter(&mut app, "/credit text", common::t(0, 0));
    assert_eq!(app.store.session().credits, before);
    assert!(
        said(&app).starts_with("Text by Anna Schäfer (/credit text NAME, NAME changes it"),
        "{}",
        said(&app)
    );
}

#[test]
fn a_role_of_several_words_is_written_before_a_colon() {
    let (_dir, mut app) = app_on(common::sample());
    enter(&mut app, "/credit sound design: Bob, Anna", common::t(0, 0));
    let list = credit_pairs(app.store.session());
    assert_eq!(
        list[3..],
        pairs(&[("Sound design", "Bob"), ("Sound design", "Anna")])
    );
    assert_eq!(said(&app), "Sound design by Bob, Anna (Ctrl+Z undoes)");
    enter(&mut app, "/credit sound design:", common::t(0, 0));
    assert!(said(&app).starts_with("Sound design by Bob, Anna (/credit sound design: NAME"));
    enter(&mut app, "/credit Sound Design: -", common::t(0, 0));
    assert_eq!(app.store.session().credits.len(), 3);
}

#[test]
fn a_known_role_with_a_colon_is_that_role() {
    let (_dir, mut app) = app_on(common::sample());
    enter(&mut app, "/credit text: Anna", common::t(0, 0));
    let s = app.store.session();
    assert_eq!(s.credits[0].role, minutes::model::CreditRole::Text);
    assert_eq!(s.credits[0].name, "Anna");
    assert_eq!(
        s.credits.len(),
        3,
        "Text replaced, not a role \"Text:\" added"
    );
}

// ------------------------------------------------------------ 3. control characters in details

#[test]
fn control_characters_pasted_into_details_are_not_kept() {
    let (_dir, mut app) = app_on(common::sample());
    for line in [
        "/title Board\u{1b}[31m meeting\u{7}\u{0}",
        "/series AEDF\u{1b}",
        "/theme Open\u{9b}data\u{202e}",
        "/platform Zoom\u{7}",
        "/credit photos\u{1b}: Chen\u{0}, Sam\u{1b}[2J",
    ] {
        enter(&mut app, line, common::t(0, 0));
    }
    let s = app.store.session();
    assert_eq!(s.title, "Board[31m meeting");
    assert_eq!(s.series.as_deref(), Some("AEDF"));
    assert_eq!(s.theme.as_deref(), Some("Opendata"));
    assert_eq!(s.platform.as_deref(), Some("Zoom"));
    assert_eq!(
        credit_pairs(s)[2..],
        pairs(&[("Photos", "Chen"), ("Photos", "Sam[2J")])
    );
    let text = export(s, Format::Text);
    assert!(!text.contains("\\u{"), "{text}");
}

#[test]
fn a_detail_of_controls_only_is_refused_as_blank() {
    let (_dir, mut app) = app_on(common::sample());
    enter(&mut app, "/title \u{1b}\u{7}", common::t(0, 0));
    assert_eq!(app.store.session().title, common::sample().title);
    // The paste loses its controls first: `/title` alone, which shows it.
    assert!(said(&app).starts_with("Title: "), "{}", said(&app));
}

// ------------------------------------------------------------ 4. earlier stays checked

use minutes::model::{Attendance, Stay};

fn stay(joined: &str, left: &str) -> Stay {
    Stay {
        joined_at: Some(common::at(joined)),
        left_at: Some(common::at(left)),
    }
}

/// The sample with attendee `i` (0-based) changed by `edit`: its problems.
fn problems_after(i: usize, edit: impl FnOnce(&mut minutes::model::Attendee)) -> Vec<String> {
    let mut s = common::sample();
    edit(s.attendees.get_mut(i).unwrap());
    s.problems().into_iter().map(|p| p.0).collect()
}

#[test]
fn an_earlier_stay_that_ends_before_it_begins_is_a_problem() {
    let problems = problems_after(0, |a| {
        a.earlier = vec![stay(
            "2026-11-19T14:00:00+01:00",
            "2026-11-19T13:00:00+01:00",
        )];
    });
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains("ends (2026-11-19T13:00:00+01:00) before it begins"),
        "{problems:?}"
    );
}

#[test]
fn earlier_stays_out_of_time_order_are_a_problem() {
    // After the latest arrival.
    let problems = problems_after(0, |a| {
        a.earlier = vec![stay(
            "2026-11-19T17:00:00+01:00",
            "2026-11-19T17:30:00+01:00",
        )];
    });
    assert!(
        problems.iter().any(|p| p.contains("out of time order")),
        "{problems:?}"
    );
    // Two earlier stays the wrong way round.
    let problems = problems_after(0, |a| {
        a.earlier = vec![
            stay("2026-11-19T13:40:00+01:00", "2026-11-19T13:50:00+01:00"),
            stay("2026-11-19T13:00:00+01:00", "2026-11-19T13:10:00+01:00"),
        ];
    });
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("out of time order"), "{problems:?}");
    // In order: no problem.
    let problems = problems_after(0, |a| {
        a.earlier = vec![
            stay("2026-11-19T13:00:00+01:00", "2026-11-19T13:10:00+01:00"),
            stay("2026-11-19T13:40:00+01:00", "2026-11-19T13:50:00+01:00"),
        ];
    });
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn earlier_stays_on_someone_absent_or_expected_are_a_problem() {
    for attendance in [Attendance::Absent, Attendance::Expected] {
        let problems = problems_after(0, |a| {
            a.attendance = attendance;
            a.joined_at = None;
            a.left_at = None;
            a.earlier = vec![stay(
                "2026-11-19T13:00:00+01:00",
                "2026-11-19T13:10:00+01:00",
            )];
        });
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].contains(&format!(
                "is {} but has `earlier` stays",
                attendance.label()
            )),
            "{problems:?}"
        );
    }
}

#[test]
fn a_file_with_a_bad_stay_is_refused_at_the_attendees_line() {
    let mut s = common::sample();
    s.attendees.get_mut(2).unwrap().earlier = vec![stay(
        "2026-11-19T14:00:00+01:00",
        "2026-11-19T13:00:00+01:00",
    )];
    let text = minutes::store::file::to_ron(&s).unwrap();
    let attendees = text.lines().position(|l| l.contains("attendees:")).unwrap();
    let id = s.attendees[2].id.0;
    // The attendee's opening parenthesis is on the line before its id.
    let id_line = attendees
        + text
            .lines()
            .skip(attendees)
            .position(|l| l.trim() == format!("id: {id},"))
            .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.ron");
    std::fs::write(&path, &text).unwrap();
    let err = minutes::store::load(&path).unwrap_err().to_string();
    let err = err.replace(&dir.path().display().to_string(), "DIR");
    assert!(
        err.starts_with(&format!("DIR/bad.ron:{id_line}:9: ")),
        "{err}"
    );
    assert!(err.contains("before it begins"), "{err}");
}

// ------------------------------------------------------------ 5. dates as sentences end them

#[test]
fn a_due_date_at_the_end_of_a_sentence_keeps_its_punctuation_out() {
    assert_eq!(day("fri.", today()), Ok(date(2026, 11, 20)));
    assert_eq!(day("fri,", today()), Ok(date(2026, 11, 20)));
    assert_eq!(day("tomorrow;", today()), Ok(date(2026, 11, 20)));
    assert_eq!(day("2026-12-15).", today()), Ok(date(2026, 12, 15)));
    assert_eq!(day("+3d.", today()), Ok(date(2026, 11, 22)));
    assert_eq!(day("15.12.2026.", today()), Ok(date(2026, 12, 15)));
    let (_dir, mut app) = app_on(common::before_meeting());
    enter(
        &mut app,
        "a: send the report @jose due:fri.",
        common::t(0, 0),
    );
    assert!(said(&app).contains("due Fri 2026-11-20"), "{}", said(&app));
}

#[test]
fn the_dot_of_15_12_is_its_own_and_a_full_stop_may_follow_it() {
    assert_eq!(day("15.12.", today()), Ok(date(2026, 12, 15)));
    assert_eq!(day("15.12..", today()), Ok(date(2026, 12, 15)));
    assert_eq!(day("15.12.,", today()), Ok(date(2026, 12, 15)));
    assert!(day(".", today()).is_err());
    assert!(
        day("31.2..", today())
            .unwrap_err()
            .contains("there is no 31 February")
    );
}

#[test]
fn an_iso_date_the_month_lacks_is_refused_as_such() {
    let why = day("2026-02-30", today()).unwrap_err();
    assert_eq!(why, "there is no 30 February 2026");
    assert_eq!(day("2026-13-01", today()).unwrap_err(), "13 is not a month");
    assert!(
        day("2026-02-30.", today())
            .unwrap_err()
            .contains("no 30 February 2026")
    );
    assert!(
        day("2026-1x-01", today())
            .unwrap_err()
            .contains("2026-12-15")
    );
}

#[test]
fn the_29th_of_february_with_no_year_is_the_next_one_there_is() {
    assert_eq!(day("29.02.", today()), Ok(date(2028, 2, 29)));
    assert_eq!(day("29.2.", date(2028, 2, 29)), Ok(date(2028, 2, 29)));
    assert_eq!(day("29.2.", date(2028, 3, 1)), Ok(date(2032, 2, 29)));
}

// ------------------------------------------------------------ 6. the name before the organisation

const LONG_ORG: &str = "北京大学很长的组织名称测试";

/// Before the meeting, with 欧阳娜娜 of a very long organisation first on
/// the roster, and the roll call open.
fn roll_call_with_a_long_organisation() -> (tempfile::TempDir, minutes::app::App) {
    let mut s = common::before_meeting();
    s.organisations.push(minutes::model::Organisation {
        code: LONG_ORG.into(),
        name: LONG_ORG.into(),
    });
    let mut a = s.attendees[0].clone();
    a.id = s.next_attendee_id();
    a.name = "欧阳娜娜".into();
    a.organisation = Some(LONG_ORG.into());
    s.attendees.insert(0, a).expect("a new id");
    let (dir, mut app) = app_on(s);
    enter(&mut app, "/roll", common::t(0, 0));
    (dir, app)
}

/// The picker's row that shows 欧阳娜娜 (the one with 欧, whole or cut),
/// as it reads: the picker's columns only (48 at most, centred), wide
/// characters once, the border and the mark taken off.
fn picker_row(app: &minutes::app::App, w: u16, h: u16) -> String {
    use unicode_width::UnicodeWidthStr;
    let terminal = common::drive::draw(app, w, h);
    let buffer = terminal.backend().buffer();
    let width = w.min(48);
    let x0 = (w - width) / 2;
    (0..h)
        .map(|y| {
            let mut row = String::new();
            let mut skip = 0;
            for x in x0..x0 + width {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let symbol = buffer[(x, y)].symbol();
                skip = symbol.width().saturating_sub(1);
                row.push_str(symbol);
            }
            row
        })
        .find(|row| row.contains('欧'))
        .map(|row| row.trim_matches(['│', ' ']).to_string())
        .unwrap_or_default()
}

#[test]
fn the_roll_call_shows_the_whole_name_beside_a_long_organisation() {
    let (_dir, app) = roll_call_with_a_long_organisation();
    for (w, h) in [(120, 40), (80, 24), (40, 12)] {
        let row = picker_row(&app, w, h);
        assert!(
            row.contains("欧阳娜娜"),
            "{w}x{h}: the name is hidden: {row:?}\n{}",
            common::drive::screen(&app, w, h)
        );
    }
}

#[test]
fn a_long_organisation_takes_at_most_a_third_of_the_row() {
    use unicode_width::UnicodeWidthStr;
    let (_dir, app) = roll_call_with_a_long_organisation();
    for (w, h) in [(120, 40), (80, 24), (40, 12)] {
        let row = picker_row(&app, w, h);
        let org = row.find('北').map_or("", |at| row[at..].trim());
        let third = usize::from(w.min(48)) / 3;
        assert!(org.width() <= third, "{w}x{h}: {org:?} in {row:?}");
        assert!(
            org.is_empty() || org.starts_with("北京") && org.ends_with('…'),
            "{w}x{h}: {org:?} in {row:?}"
        );
    }
}

#[test]
fn a_role_of_several_words_without_its_colon_is_refused_not_misread() {
    let (_dir, mut app) = app_on(common::sample());
    let before = app.store.session().credits.clone();
    for line in [
        "/credit sound design Bob",
        "/credit sound design -",
        "/credit sound design",
    ] {
        enter(&mut app, line, common::t(0, 0));
        assert_eq!(app.store.session().credits, before, "{line}");
        assert!(
            said(&app).contains("takes a colon"),
            "{line}: {}",
            said(&app)
        );
        app.input.reset();
    }
    enter(&mut app, "/credit photos by Bob", common::t(0, 0));
    let s = app.store.session();
    assert!(s.credits.iter().any(|c| c.name == "Bob"), "{:?}", s.credits);
}

#[test]
fn a_credited_role_of_several_words_is_shown_and_removed_without_its_colon() {
    let (_dir, mut app) = app_on(common::sample());
    enter(&mut app, "/credit sound design: Bob", common::t(0, 0));
    enter(&mut app, "/credit sound design", common::t(0, 1));
    assert!(said(&app).contains("Bob"), "{}", said(&app));
    enter(&mut app, "/credit sound design -", common::t(0, 2));
    let s = app.store.session();
    assert!(
        !s.credits.iter().any(|c| c.name == "Bob"),
        "{:?}",
        s.credits
    );
}

#[test]
fn by_is_neither_a_role_nor_a_name() {
    let (_dir, mut app) = app_on(common::sample());
    enter(&mut app, "/credit photos by: Dan", common::t(0, 0));
    enter(&mut app, "/credit editing by", common::t(0, 1));
    let s = app.store.session();
    assert!(
        s.credits
            .iter()
            .any(|c| c.name == "Dan" && c.role.label() == "Photos"),
        "{:?}",
        s.credits
    );
    assert!(!s.credits.iter().any(|c| c.name == "by"), "{:?}", s.credits);
}
