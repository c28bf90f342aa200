//! The chair's statistics view (review mode): speaking time by person and
//! organisation, the agenda planned against actual, attendance over time.

mod common;

use chrono::{DateTime, Duration, FixedOffset};
use minutes::model::stats::{self, format_duration};
use minutes::model::{
    AgendaId, AgendaItem, AgendaStatus, Attendance, Attendee, AttendeeId, Derived, Entry, EntryId,
    EntryKind, Organisation, Session,
};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;

/// Half an hour after the sample meeting ended: nothing there changes with it.
fn after_sample() -> DateTime<FixedOffset> {
    common::at("2026-11-19T16:34:00+01:00")
}

fn draw(
    s: &Session,
    now: DateTime<FixedOffset>,
    scroll: u16,
    width: u16,
    height: u16,
) -> Terminal<TestBackend> {
    let derived = Derived::of(s);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| {
            let area = frame.area();
            minutes::ui::stats::render_stats(
                s,
                &derived,
                now,
                &Default::default(),
                scroll,
                frame,
                area,
            )
        })
        .unwrap();
    terminal
}

fn view(s: &Session, now: DateTime<FixedOffset>, scroll: u16, width: u16, height: u16) -> Buffer {
    draw(s, now, scroll, width, height)
        .backend()
        .buffer()
        .clone()
}

/// The screen as text, for snapshots.
fn screen(s: &Session, now: DateTime<FixedOffset>, scroll: u16, width: u16, height: u16) -> String {
    draw(s, now, scroll, width, height).backend().to_string()
}

/// Each row as a terminal shows it: a wide character once, not followed by
/// the cell it covers; without the scroll bar, if there is one.
fn rows(buffer: &Buffer) -> Vec<String> {
    let area = buffer.area;
    let scroll_bar = area.width > 1
        && (0..area.height).all(|y| matches!(buffer[(area.width - 1, y)].symbol(), "║" | "█"));
    let width = area.width - u16::from(scroll_bar);
    (0..area.height)
        .map(|y| {
            let mut row = String::new();
            let mut x = 0;
            while x < width {
                let symbol = buffer[(x, y)].symbol();
                row.push_str(symbol);
                x += symbol.width().max(1) as u16;
            }
            row
        })
        .collect()
}

/// The column at which `needle` starts in `row`, counted in cells.
fn column(row: &str, needle: &str) -> Option<usize> {
    row.find(needle).map(|i| row[..i].width())
}

/// What the view shows for a person or organisation: `12:30 ·  31% · 4×`.
fn figures(total: Duration, of: Duration, speeches: usize) -> String {
    let percent = (total.num_milliseconds() as f64 * 100.0 / of.num_milliseconds() as f64).round();
    format!("{} · {percent:>3}% · {speeches}×", format_duration(total))
}

fn person(id: u32, name: &str, org: Option<&str>) -> Attendee {
    let mut a = Attendee::new(AttendeeId(id), name, Attendance::Present);
    a.organisation = org.map(str::to_string);
    a.joined_at = Some(common::t(0, 0));
    a
}

fn speech(id: u32, speaker: u32, from: (i64, i64), to: Option<(i64, i64)>) -> Entry {
    Entry {
        id: EntryId(id),
        at: common::t(from.0, from.1),
        agenda_item: None,
        kind: EntryKind::Speech {
            speaker: AttendeeId(speaker),
            ended_at: to.map(|(m, s)| common::t(m, s)),
        },
        text: String::new(),
        confidential: false,
        carried_over: None,
    }
}

/// A meeting going on since 14:00 of people with wide names and an
/// organisation whose name is longer than any screen.
fn wide_names() -> Session {
    let mut s = Session::new("Wide names");
    s.started_at = Some(common::t(0, 0));
    s.organisations = [
        Organisation {
            code: "IFLA".into(),
            name: "Internationale Vereinigung der Bibliotheken und Archive für das digitale \
                   Kulturerbe 国际图书馆与档案馆数字文化遗产联合会"
                .into(),
        },
        Organisation {
            code: "東大".into(),
            name: "東京大学".into(),
        },
    ]
    .into_iter()
    .collect();
    s.attendees = [
        person(1, "王丽", Some("IFLA")),
        person(2, "Zoë 🌻 Brandtner", Some("IFLA")),
        person(
            3,
            "👩‍🔬 Ngozi Adichie-Okonkwo, Chair of the Steering Committee",
            None,
        ),
        person(
            4,
            "山田太郎山田太郎山田太郎山田太郎山田太郎山田太郎",
            Some("東大"),
        ),
    ]
    .into_iter()
    .collect();
    s.entries = [
        speech(1, 1, (0, 0), Some((3, 0))),
        speech(2, 2, (3, 0), Some((4, 30))),
        speech(3, 3, (4, 30), Some((10, 0))),
        speech(4, 4, (10, 0), Some((12, 0))),
        speech(5, 1, (12, 0), None),
    ]
    .into_iter()
    .collect();
    s
}

#[test]
fn sample_at_80x24() {
    let s = common::sample();
    assert_screen!(screen(&s, after_sample(), 0, 80, 24));
}

#[test]
fn sample_at_120x40() {
    let s = common::sample();
    assert_screen!(screen(&s, after_sample(), 0, 120, 40));
}

#[test]
fn sample_scrolled_past_the_end_shows_the_last_rows_at_80x24() {
    let s = common::sample();
    let screen = screen(&s, after_sample(), u16::MAX, 80, 24);
    assert!(screen.contains("ended 16:04"), "{screen}");
    assert_screen!(screen);
}

#[test]
fn empty_session_says_no_speeches_at_80x24() {
    let s = Session::new("Nothing yet");
    let screen = screen(&s, common::t(0, 0), 0, 80, 24);
    assert!(screen.contains("No speeches recorded yet."), "{screen}");
    assert!(screen.contains("No agenda."), "{screen}");
    assert!(screen.contains("The meeting has not started."), "{screen}");
    assert_screen!(screen);
}

#[test]
fn before_the_meeting_every_topic_is_not_started_with_its_plan() {
    let s = common::before_meeting();
    let buffer = view(&s, common::t(0, 0), 0, 80, 24);
    let rows = rows(&buffer);
    let topics: Vec<&String> = rows.iter().filter(|r| r.contains("not started/")).collect();
    assert_eq!(topics.len(), s.agenda.len(), "{rows:#?}");
    assert!(topics[0].contains("not started/10:00"), "{rows:#?}");
    // The plan is drawn as planned time, none of it spent.
    assert!(
        topics[0].contains('░') && !topics[0].contains('█'),
        "{rows:#?}"
    );
}

#[test]
fn wide_names_are_cut_to_one_label_column() {
    let s = wide_names();
    let now = common::t(15, 0);
    let buffer = view(&s, now, 0, 60, 16);
    let rows = rows(&buffer);
    let bars: Vec<&String> = rows.iter().filter(|r| r.ends_with('×')).collect();
    assert_eq!(bars.len(), 4 + 3, "{rows:#?}");
    // Every figure starts in the same column: no label pushed its bar.
    let columns: Vec<Option<usize>> = bars.iter().map(|r| column(r, " · ")).collect();
    assert!(
        columns.iter().all(|c| c.is_some() && *c == columns[0]),
        "{rows:#?}"
    );
    assert!(
        rows.iter()
            .any(|r| r.starts_with("Internationale") && r.contains('…')),
        "{rows:#?}"
    );
    assert!(
        rows.iter()
            .any(|r| r.starts_with("山田太郎") && r.contains('…')),
        "{rows:#?}"
    );
    assert_screen!(screen(&s, now, 0, 60, 16));
}

#[test]
fn the_first_bar_is_whoever_spoke_longest() {
    let s = common::sample();
    let log = stats::speaking_time(&s, Some(after_sample()));
    let longest = &log.by_attendee[0];
    // Longest by a margin: the test means something.
    assert!(longest.total > log.by_attendee[1].total);
    let name = s.attendee_name(longest.who);
    let rows = rows(&view(&s, after_sample(), 0, 80, 24));
    assert!(rows[0].starts_with("Speaking time by person"), "{rows:#?}");
    assert!(rows[1].starts_with(&name), "{rows:#?}");
    assert!(
        rows[1].ends_with(&figures(longest.total, log.total, longest.speeches)),
        "{rows:#?}"
    );
}

#[test]
fn every_figure_shown_is_what_the_log_says() {
    let s = common::sample();
    let now = after_sample();
    let log = stats::speaking_time(&s, Some(now));
    let rows = rows(&view(&s, now, 0, 120, 40));
    let title = rows
        .iter()
        .position(|r| r.starts_with("Speaking time by person"))
        .unwrap();
    assert!(
        rows[title].contains(&format!("{} in ", format_duration(log.total))),
        "{rows:#?}"
    );
    assert_eq!(
        rows[title + 1 + log.by_attendee.len()].trim(),
        "",
        "{rows:#?}"
    );
    for share in &log.by_attendee {
        let name = s.attendee_name(share.who);
        let row = rows[title + 1..]
            .iter()
            .find(|r| r.starts_with(&name))
            .unwrap();
        assert!(
            row.ends_with(&figures(share.total, log.total, share.speeches)),
            "{row}"
        );
    }
    let title = rows
        .iter()
        .position(|r| r.starts_with("Speaking time by organisation"))
        .unwrap();
    for share in &log.by_organisation {
        let name = share.who.as_deref().map_or(stats::NO_ORGANISATION, |code| {
            &s.organisation(code).unwrap().name
        });
        let row = rows[title + 1..]
            .iter()
            .find(|r| r.starts_with(name))
            .unwrap();
        assert!(
            row.ends_with(&figures(share.total, log.total, share.speeches)),
            "{row}"
        );
    }
}

#[test]
fn a_speech_going_on_counts_until_now() {
    let s = wide_names();
    // 王丽: 3:00 finished, and speaking since 14:12.
    let row = |now| {
        rows(&view(&s, now, 0, 80, 24))
            .into_iter()
            .find(|r| r.starts_with("王丽"))
            .unwrap()
    };
    assert!(
        row(common::t(13, 0)).contains("04:00 ·"),
        "{}",
        row(common::t(13, 0))
    );
    assert!(
        row(common::t(20, 0)).contains("11:00 ·"),
        "{}",
        row(common::t(20, 0))
    );
    assert!(row(common::t(20, 0)).ends_with("2×"));
}

#[test]
fn scrolling_moves_the_rows_up() {
    let s = common::sample();
    let all = rows(&view(&s, after_sample(), 0, 80, 60));
    let scrolled = rows(&view(&s, after_sample(), 3, 80, 10));
    // The names: the bars are a column shorter beside the scroll bar.
    let cut = |r: &String| r.chars().take(18).collect::<String>();
    assert_eq!(cut(&scrolled[0]), cut(&all[3]));
    assert_eq!(cut(&scrolled[9]), cut(&all[12]));
}

#[test]
fn the_height_is_every_row_and_fits_without_a_scroll_bar() {
    let s = common::sample();
    let height = minutes::ui::stats::height(&s, &Derived::of(&s), after_sample());
    let rows = rows(&view(&s, after_sample(), 0, 80, height));
    assert!(rows.last().unwrap().contains("ended 16:04"), "{rows:#?}");
    // No scroll bar: the last column is blank on the first row.
    assert!(rows[0].ends_with(' '), "{rows:#?}");
}

#[test]
fn agenda_over_time_is_marked_without_colour() {
    let mut s = common::sample();
    s.agenda = [
        AgendaItem {
            id: AgendaId(1),
            title: "Over".into(),
            presenter: None,
            planned_minutes: 10,
            started_at: Some(common::t(0, 0)),
            ended_at: Some(common::t(15, 0)),
            status: AgendaStatus::Done,
        },
        AgendaItem {
            id: AgendaId(2),
            title: "Under".into(),
            presenter: None,
            planned_minutes: 10,
            started_at: Some(common::t(15, 0)),
            ended_at: Some(common::t(20, 0)),
            status: AgendaStatus::Done,
        },
        AgendaItem {
            id: AgendaId(3),
            title: "Dropped".into(),
            presenter: None,
            planned_minutes: 5,
            started_at: None,
            ended_at: None,
            status: AgendaStatus::Skipped,
        },
    ]
    .into_iter()
    .collect();
    let rows = rows(&view(&s, after_sample(), u16::MAX, 80, 24));
    let row = |title: &str| rows.iter().find(|r| r.contains(title)).unwrap().clone();
    assert!(row("1. Over").ends_with("15:00/10:00 +05:00"), "{rows:#?}");
    assert!(row("1. Over").contains('▓'), "{rows:#?}");
    assert!(row("2. Under").ends_with("05:00/10:00 -05:00"), "{rows:#?}");
    assert!(row("2. Under").contains('░') && !row("2. Under").contains('▓'));
    assert!(
        row("3. Dropped").trim_end().ends_with("skipped"),
        "{rows:#?}"
    );
}

#[test]
fn attendance_shows_the_peak_and_the_meetings_span() {
    let s = common::sample();
    let rows = rows(&view(&s, after_sample(), u16::MAX, 80, 24));
    let p = stats::presence(&s, after_sample(), 100).unwrap();
    let title = rows
        .iter()
        .position(|r| r.starts_with("Attendance over time"))
        .unwrap();
    assert!(
        rows[title].contains(&format!("at most {} of", p.peak)),
        "{rows:#?}"
    );
    assert!(
        rows[title + 1]
            .trim_start()
            .starts_with(&p.peak.to_string())
    );
    assert!(rows[title + 5].contains("14:03") && rows[title + 5].contains("ended 16:04"));
}

#[test]
fn the_apps_view_reads_its_session_at_its_time() {
    let (_dir, app) = common::drive::app_on(common::sample());
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|frame| {
            let area = frame.area();
            minutes::ui::stats::render(&app, frame, area)
        })
        .unwrap();
    let rows = rows(terminal.backend().buffer());
    assert!(rows[0].starts_with("Speaking time by person"), "{rows:#?}");
    assert!(rows[1].starts_with("王丽"), "{rows:#?}");
}

#[test]
fn tiny_sizes_do_not_panic() {
    let sessions = [
        common::sample(),
        Session::new(""),
        common::before_meeting(),
        wide_names(),
    ];
    for s in &sessions {
        // Every size up to 30x6, and a few long thin ones.
        let sizes = (0..=30).flat_map(|w| (0..=6).map(move |h| (w, h)));
        for (w, h) in sizes.chain([(1, 40), (5, 20), (200, 1)]) {
            for scroll in [0, 7, u16::MAX] {
                view(s, common::t(30, 0), scroll, w, h);
            }
        }
    }
    // Something is still said at 20x5.
    let rows = rows(&view(&sessions[0], after_sample(), 0, 20, 5));
    assert!(rows[0].starts_with("Speaking time by"), "{rows:#?}");
    assert!(rows[1].starts_with("王"), "{rows:#?}");
    // The time at least, when all the figures do not fit.
    assert!(rows[1].ends_with(" 23:00"), "{rows:#?}");
    let rows = self::rows(&view(&sessions[0], after_sample(), 0, 28, 5));
    assert!(rows[1].ends_with(" 23:00  24%"), "{rows:#?}");
}

#[test]
fn tiny_view_at_20x5() {
    assert_screen!(screen(&common::sample(), after_sample(), 0, 20, 5));
}

#[test]
fn the_topic_going_on_counts_until_now_and_says_so() {
    let mut s = wide_names();
    s.agenda = [AgendaItem {
        id: AgendaId(1),
        title: "Budget".into(),
        presenter: None,
        planned_minutes: 0,
        started_at: Some(common::t(5, 0)),
        ended_at: None,
        status: AgendaStatus::Current,
    }]
    .into_iter()
    .collect();
    let row = |s: &Session| {
        rows(&view(s, common::t(17, 30), 0, 80, 40))
            .into_iter()
            .find(|r| r.contains("1. Budget"))
            .unwrap()
    };
    assert!(row(&s).starts_with("> 1. Budget"), "{}", row(&s));
    assert!(row(&s).ends_with("12:30 now"), "{}", row(&s));
    // Once the meeting ended, the topic is not going on "now" any more:
    // it ran until the end.
    s.ended_at = Some(common::t(10, 0));
    assert!(row(&s).ends_with(" 05:00"), "{}", row(&s));
}
