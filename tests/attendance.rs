//! Attendance as it really happens: on time within a grace period after the
//! start, every stay of someone who leaves and comes back, who is here in
//! the header, arrivals and departures in the log, and the roll call.

mod common;

use common::drive::{app_on, ctrl, enter, key, press, said, screen};

use chrono::{DateTime, FixedOffset};
use common::t;
use common::tmux::{Tmux, command};
use minutes::app::{self, Action, App, Mode, Purpose};
use minutes::export::{Format, export};
use minutes::model::meeting::{arrive, join, set_attendance};
use minutes::model::timeline::{Happening, placed};
use minutes::model::*;
use minutes::store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

const WANG: AttendeeId = AttendeeId(1);
const ZOE: AttendeeId = AttendeeId(10);

/// The sample's roster and agenda before the meeting, the meeting started
/// at 14:00.
fn started() -> Session {
    let mut s = common::before_meeting();
    s.started_at = Some(t(0, 0));
    s
}

/// Applies what `op` computes from the session as it is.
fn apply(s: &mut Session, op: impl FnOnce(&Session) -> Option<Change>) {
    op(s)
        .expect("something to change")
        .apply(s)
        .expect("it applies");
}

fn attendance_of(s: &Session, id: AttendeeId) -> Attendance {
    s.attendee(id).unwrap().attendance
}

/// Wang arriving at `at` in a meeting started at 14:00.
fn wang_arriving_at(at: DateTime<FixedOffset>) -> Attendance {
    let mut s = started();
    apply(&mut s, |s| arrive(s, WANG, at));
    attendance_of(&s, WANG)
}

// ------------------------------------------------------------ the rules

#[test]
fn an_arrival_before_the_start_is_present() {
    assert_eq!(wang_arriving_at(t(-1, 0)), Attendance::Present);
    let mut s = common::before_meeting();
    apply(&mut s, |s| arrive(s, WANG, t(30, 0)));
    assert_eq!(attendance_of(&s, WANG), Attendance::Present, "not started");
}

#[test]
fn an_arrival_4_59_after_the_start_is_present() {
    assert_eq!(wang_arriving_at(t(4, 59)), Attendance::Present);
}

#[test]
fn an_arrival_5_01_after_the_start_is_late() {
    assert_eq!(wang_arriving_at(t(5, 1)), Attendance::Late);
}

#[test]
fn ten_people_ticked_off_just_after_the_start_are_all_present() {
    let mut s = started();
    for (i, a) in s.attendees.clone().iter().take(10).enumerate() {
        apply(&mut s, |s| arrive(s, a.id, t(0, 20 * i as i64 + 10)));
    }
    let present = s
        .attendees
        .iter()
        .filter(|a| a.attendance == Attendance::Present)
        .count();
    assert_eq!(present, 10);
}

#[test]
fn leaving_and_coming_back_keeps_both_stays_and_stays_present() {
    let mut s = started();
    apply(&mut s, |s| arrive(s, WANG, t(1, 0)));
    apply(&mut s, |s| {
        Some(set_attendance(
            s,
            &Derived::of(s),
            WANG,
            Attendance::Left,
            t(20, 0),
        ))
    });
    apply(&mut s, |s| arrive(s, WANG, t(30, 0)));
    let wang = s.attendee(WANG).unwrap();
    assert_eq!(wang.attendance, Attendance::Present, "not late: back");
    let stays: Vec<_> = wang
        .stays()
        .map(|stay| (stay.joined_at, stay.left_at))
        .collect();
    assert_eq!(
        stays,
        [(Some(t(1, 0)), Some(t(20, 0))), (Some(t(30, 0)), None)]
    );
}

#[test]
fn someone_late_who_comes_back_is_late_as_first_decided() {
    let mut s = started();
    apply(&mut s, |s| arrive(s, WANG, t(12, 0)));
    apply(&mut s, |s| {
        Some(set_attendance(
            s,
            &Derived::of(s),
            WANG,
            Attendance::Left,
            t(20, 0),
        ))
    });
    apply(&mut s, |s| arrive(s, WANG, t(30, 0)));
    assert_eq!(attendance_of(&s, WANG), Attendance::Late);
    assert_eq!(s.attendee(WANG).unwrap().first_arrival(), Some(t(12, 0)));
}

#[test]
fn coming_back_twice_keeps_every_stay_in_order() {
    let mut s = started();
    for (arrival, departure) in [(1, 10), (15, 20), (25, 30)] {
        apply(&mut s, |s| arrive(s, WANG, t(arrival, 0)));
        apply(&mut s, |s| {
            Some(set_attendance(
                s,
                &Derived::of(s),
                WANG,
                Attendance::Left,
                t(departure, 0),
            ))
        });
    }
    let wang = s.attendee(WANG).unwrap();
    assert_eq!(wang.earlier.len(), 2);
    let joined: Vec<_> = wang.stays().map(|stay| stay.joined_at).collect();
    assert_eq!(joined, [Some(t(1, 0)), Some(t(15, 0)), Some(t(25, 0))]);
}

#[test]
fn someone_marked_absent_has_no_stays() {
    let mut s = started();
    apply(&mut s, |s| arrive(s, WANG, t(1, 0)));
    apply(&mut s, |s| {
        Some(set_attendance(
            s,
            &Derived::of(s),
            WANG,
            Attendance::Left,
            t(2, 0),
        ))
    });
    apply(&mut s, |s| arrive(s, WANG, t(3, 0)));
    apply(&mut s, |s| {
        Some(set_attendance(
            s,
            &Derived::of(s),
            WANG,
            Attendance::Absent,
            t(4, 0),
        ))
    });
    assert_eq!(s.attendee(WANG).unwrap().stays().count(), 0);
}

#[test]
fn who_is_here_counts_present_and_late_but_not_who_left() {
    let mut s = started();
    apply(&mut s, |s| arrive(s, WANG, t(1, 0)));
    apply(&mut s, |s| arrive(s, AttendeeId(2), t(12, 0)));
    apply(&mut s, |s| arrive(s, AttendeeId(3), t(1, 0)));
    apply(&mut s, |s| {
        Some(set_attendance(
            s,
            &Derived::of(s),
            AttendeeId(3),
            Attendance::Left,
            t(9, 0),
        ))
    });
    assert_eq!(attendance::here_count(&s), (2, 12));
    assert_eq!(attendance::presence(&s), "2/12 present");
}

#[test]
fn joining_after_the_end_records_the_arrival_after_the_meeting() {
    let mut s = started();
    s.ended_at = Some(t(60, 0));
    apply(&mut s, |s| {
        Some(join(s, "Kim".into(), None, String::new(), true, t(65, 0)))
    });
    let kim = s.attendees.last().unwrap();
    assert_eq!(kim.joined_at, Some(t(65, 0)));
    assert!(attendance::came_after_the_end(&s, kim));
    let text = export(&s, Format::Text);
    assert!(text.contains("joined 15:05 after the end"), "{text}");
    assert!(
        text.contains("0 of 13 people on the roster attended"),
        "{text}"
    );
}

// ------------------------------------------------------------ the file

/// A version-1 file as builds before this one wrote it.
const OLD_FILE: &str = r#"#![enable(implicit_some)]
(
    version: 1,
    title: "Board",
    started_at: "2026-11-19T14:00:00+01:00",
    attendees: [
        (id: 1, name: "Tom Brandl", attendance: Left,
         joined_at: "2026-11-19T14:02:00+01:00", left_at: "2026-11-19T14:30:00+01:00"),
        (id: 2, name: "王丽", attendance: Late, joined_at: "2026-11-19T14:12:00+01:00"),
    ],
)
"#;

#[test]
fn an_old_file_with_joined_at_and_left_at_loads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.ron");
    std::fs::write(&path, OLD_FILE).unwrap();
    let s = store::load(&path).unwrap();
    let tom = s.attendee(AttendeeId(1)).unwrap();
    assert!(tom.earlier.is_empty());
    assert_eq!(
        tom.stays().collect::<Vec<_>>(),
        [Stay {
            joined_at: Some(common::at("2026-11-19T14:02:00+01:00")),
            left_at: Some(common::at("2026-11-19T14:30:00+01:00")),
        }]
    );
    let text = export(&s, Format::Text);
    assert!(text.contains("present, left 14:30"), "{text}");
    assert!(text.contains("late, joined 14:12"), "{text}");
}

#[test]
fn a_roster_without_a_return_is_written_as_before() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    store::save(&path, &common::sample()).unwrap();
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(!written.contains("earlier"), "{written}");
}

#[test]
fn every_stay_is_written_and_read_back() {
    let mut s = started();
    apply(&mut s, |s| arrive(s, WANG, t(1, 0)));
    apply(&mut s, |s| {
        Some(set_attendance(
            s,
            &Derived::of(s),
            WANG,
            Attendance::Left,
            t(20, 0),
        ))
    });
    apply(&mut s, |s| arrive(s, WANG, t(30, 0)));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    store::save(&path, &s).unwrap();
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.contains("earlier: ["), "{written}");
    assert_eq!(store::load(&path).unwrap(), s);
}

// ------------------------------------------------------------ the log's events

#[test]
fn events_go_before_the_first_entry_logged_at_or_after_them() {
    let mut s = started();
    apply(&mut s, |s| arrive(s, WANG, t(-2, 0)));
    let note = |s: &Session, at| meeting::log(s, EntryKind::Note, "n".into(), at);
    apply(&mut s, |s| Some(note(s, t(1, 0))));
    apply(&mut s, |s| arrive(s, ZOE, t(7, 0)));
    apply(&mut s, |s| Some(note(s, t(7, 0))));
    let events: Vec<(usize, Happening)> = placed(&s).iter().map(|(i, e)| (*i, e.what)).collect();
    assert_eq!(
        events,
        [
            (
                0,
                Happening::Arrived {
                    who: WANG,
                    late: false,
                    back: false
                }
            ),
            (0, Happening::Started),
            (
                1,
                Happening::Arrived {
                    who: ZOE,
                    late: true,
                    back: false
                }
            ),
        ]
    );
}

#[test]
fn events_among_entries_out_of_time_order_are_each_placed_once() {
    let mut s = started();
    for (i, minute) in [10, 2, 30, 1, 20].into_iter().enumerate() {
        s.entries.push(Entry {
            id: EntryId(i as u32 + 1),
            at: t(minute, 0),
            agenda_item: None,
            kind: EntryKind::Note,
            text: format!("at {minute}"),
            confidential: false,
            carried_over: None,
        });
    }
    for (id, minute) in [(1, 3), (2, 15), (3, 25), (4, 40)] {
        apply(&mut s, |s| arrive(s, AttendeeId(id), t(minute, 0)));
    }
    let events = placed(&s);
    assert_eq!(events.len(), 5, "the start and four arrivals");
    assert!(events.windows(2).all(|w| w[0].0 <= w[1].0), "in log order");
    let shown: usize = (0..=s.entries.len())
        .map(|i| minutes::model::timeline::before(&events, i).len())
        .sum();
    assert_eq!(shown, 5, "none lost, none twice");
}

// ------------------------------------------------------------ the app

fn names(app: &App) -> Vec<String> {
    let s = app.store.session();
    app.picker_matches()
        .iter()
        .map(|id| s.attendee_name(*id))
        .collect()
}

fn roll_call_open(app: &App) -> bool {
    matches!(&app.mode, Mode::Pick(p) if p.purpose == Purpose::RollCall)
}

/// The sample's roster cut to ten people, before the meeting.
fn ten() -> Session {
    let mut s = common::before_meeting();
    s.attendees.truncate(10);
    s
}

#[test]
fn the_arrival_picker_offers_only_people_not_here() {
    let (_dir, mut app) = app_on(started());
    enter(&mut app, "/here 王丽", t(1, 0));
    enter(&mut app, "/here zoe", t(1, 0));
    enter(&mut app, "/left zoe", t(2, 0));
    press(&mut app, &[ctrl('a')], t(3, 0));
    let offered = names(&app);
    assert!(!offered.contains(&"王丽".to_string()), "{offered:?}");
    assert!(offered.contains(&"Zoë Brandtner".to_string()), "left: back");
    assert_eq!(offered.len(), 11, "{offered:?}");
}

#[test]
fn the_departure_picker_offers_only_people_here() {
    let (_dir, mut app) = app_on(started());
    enter(&mut app, "/here 王丽", t(1, 0));
    enter(&mut app, "/here zoe", t(1, 0));
    press(&mut app, &[ctrl('l')], t(3, 0));
    assert_eq!(names(&app), ["王丽", "Zoë Brandtner"]);
}

#[test]
fn a_name_typed_in_the_arrival_picker_for_someone_here_says_since_when() {
    let (_dir, mut app) = app_on(started());
    enter(&mut app, "/here zoe", t(1, 0));
    press(&mut app, &[ctrl('a')], t(3, 0));
    app::update(&mut app, Action::Paste("zoe".into()), t(3, 0));
    assert!(names(&app).is_empty());
    press(&mut app, &[key(KeyCode::Enter)], t(3, 0));
    assert_eq!(said(&app), "Zoë Brandtner is already here, since 14:01");
    assert_eq!(app.mode, Mode::Entry);
}

#[test]
fn coming_back_is_said_and_shown_in_the_log() {
    let (_dir, mut app) = app_on(started());
    enter(&mut app, "/here zoe", t(1, 0));
    enter(&mut app, "/left zoe", t(20, 0));
    press(&mut app, &[ctrl('a')], t(30, 0));
    app::update(&mut app, Action::Paste("zoe".into()), t(30, 0));
    press(&mut app, &[key(KeyCode::Enter)], t(30, 0));
    assert_eq!(said(&app), "Zoë Brandtner: back at 14:30");
    let screen = screen(&app, 80, 24);
    assert!(
        screen.contains("14:20 ← Zoë Brandtner (UNIVIE) left"),
        "{screen}"
    );
    assert!(
        screen.contains("14:30 → Zoë Brandtner (UNIVIE) came back"),
        "{screen}"
    );
}

#[test]
fn an_arrival_in_the_grace_period_is_said_to_be_on_time() {
    let (_dir, mut app) = app_on(started());
    enter(&mut app, "/here 王丽", t(3, 0));
    assert_eq!(
        said(&app),
        "王丽: present, joined 14:03 (on time until 14:05)"
    );
}

#[test]
fn join_after_the_end_says_the_arrival_is_after_the_meeting() {
    let mut s = started();
    s.ended_at = Some(t(60, 0));
    let (_dir, mut app) = app_on(s);
    enter(&mut app, "/join Kim Min-jun, SNU", t(62, 0));
    assert_eq!(
        said(&app),
        "Kim Min-jun added to the roster, joined 15:02, after the end of the meeting (15:00)"
    );
    let kim = app.store.session().attendees.last().unwrap();
    assert_eq!(kim.joined_at, Some(t(62, 0)), "recorded, not expected");
}

#[test]
fn each_attendance_step_is_undone_on_its_own() {
    let (_dir, mut app) = app_on(started());
    enter(&mut app, "/here zoe", t(1, 0));
    enter(&mut app, "/left zoe", t(20, 0));
    enter(&mut app, "/here zoe", t(30, 0));
    let zoe = |app: &App| app.store.session().attendee(ZOE).unwrap().clone();
    assert_eq!(zoe(&app).stays().count(), 2);
    press(&mut app, &[ctrl('z')], t(31, 0));
    assert_eq!(
        said(&app),
        "Undone (Ctrl+Y redoes): Zoë Brandtner marked left again"
    );
    assert_eq!(
        (zoe(&app).attendance, zoe(&app).earlier.len()),
        (Attendance::Left, 0)
    );
    press(&mut app, &[ctrl('z')], t(31, 0));
    assert_eq!(
        (zoe(&app).attendance, zoe(&app).left_at),
        (Attendance::Present, None)
    );
    press(&mut app, &[ctrl('z')], t(31, 0));
    assert_eq!(zoe(&app).attendance, Attendance::Expected);
    press(&mut app, &[ctrl('y'), ctrl('y'), ctrl('y')], t(32, 0));
    assert_eq!(zoe(&app).stays().count(), 2, "redone");
}

// ------------------------------------------------------------ the roll call

#[test]
fn f8_opens_the_roll_call_of_the_expected_in_roster_order() {
    let (_dir, mut app) = app_on(ten());
    enter(&mut app, "/here zoe", t(-5, 0));
    press(&mut app, &[key(KeyCode::F(8))], t(-4, 0));
    assert!(roll_call_open(&app));
    let listed = names(&app);
    assert_eq!(listed.len(), 9);
    assert_eq!(listed[..3], ["王丽", "张伟", "陈静"]);
    assert_eq!(
        said(&app),
        "Roll call of 9, before the start: present; Esc when done"
    );
}

#[test]
fn the_roll_command_opens_the_roll_call() {
    let (_dir, mut app) = app_on(ten());
    enter(&mut app, "/roll", t(-4, 0));
    assert!(roll_call_open(&app));
    assert_eq!(app.input.value(), "");
}

#[test]
fn enter_marks_present_and_the_roll_call_stays_on_the_next_person() {
    let (_dir, mut app) = app_on(ten());
    press(&mut app, &[key(KeyCode::F(8))], t(-4, 0));
    press(&mut app, &[key(KeyCode::Down)], t(-4, 0));
    press(&mut app, &[key(KeyCode::Enter)], t(-3, 0));
    let s = app.store.session();
    assert_eq!(attendance_of(s, AttendeeId(2)), Attendance::Present);
    assert!(roll_call_open(&app));
    assert_eq!(said(&app), "张伟: present (1/10 present)");
    press(&mut app, &[key(KeyCode::Enter)], t(-3, 0));
    assert_eq!(
        attendance_of(app.store.session(), AttendeeId(3)),
        Attendance::Present,
        "the next in the roster: 陈静"
    );
}

#[test]
fn letters_typed_in_the_roll_call_find_the_person_and_are_cleared_after() {
    let (_dir, mut app) = app_on(ten());
    press(&mut app, &[key(KeyCode::F(8))], t(-4, 0));
    app::update(&mut app, Action::Paste("zoe".into()), t(-4, 0));
    press(&mut app, &[key(KeyCode::Enter)], t(-4, 0));
    assert_eq!(attendance_of(app.store.session(), ZOE), Attendance::Present);
    let Mode::Pick(picker) = &app.mode else {
        panic!("the roll call closed");
    };
    assert_eq!(picker.query.value(), "");
}

#[test]
fn delete_in_the_roll_call_marks_absent() {
    let (_dir, mut app) = app_on(ten());
    press(
        &mut app,
        &[key(KeyCode::F(8)), key(KeyCode::Delete)],
        t(-4, 0),
    );
    assert_eq!(attendance_of(app.store.session(), WANG), Attendance::Absent);
    assert_eq!(said(&app), "王丽: absent (0/10 present)");
    assert_eq!(names(&app)[0], "张伟");
}

#[test]
fn ctrl_a_in_the_roll_call_marks_everyone_listed_as_one_change() {
    let (_dir, mut app) = app_on(ten());
    press(
        &mut app,
        &[key(KeyCode::F(8)), key(KeyCode::Delete)],
        t(-4, 0),
    );
    press(&mut app, &[ctrl('a')], t(-3, 0));
    assert_eq!(
        said(&app),
        "Roll call: 9 marked present at once (Ctrl+Z undoes all 9); 9/10 present, everyone called"
    );
    assert_eq!(app.mode, Mode::Entry, "no one left to call");
    press(&mut app, &[ctrl('z')], t(-2, 0));
    assert_eq!(
        said(&app),
        "Undone (Ctrl+Y redoes): the attendance of 9 people as it was"
    );
    assert_eq!(attendance::here_count(app.store.session()), (0, 10));
    assert_eq!(
        attendance_of(app.store.session(), WANG),
        Attendance::Absent,
        "the mark before stays"
    );
}

#[test]
fn the_roll_call_just_after_the_start_marks_present_and_later_late() {
    let mut s = ten();
    s.started_at = Some(t(0, 0));
    let (_dir, mut app) = app_on(s);
    press(&mut app, &[key(KeyCode::F(8))], t(4, 0));
    assert_eq!(
        said(&app),
        "Roll call of 10, present until 14:05; Esc when done"
    );
    press(&mut app, &[key(KeyCode::Enter)], t(4, 59));
    assert_eq!(
        attendance_of(app.store.session(), WANG),
        Attendance::Present
    );
    press(&mut app, &[key(KeyCode::Enter)], t(5, 1));
    assert_eq!(
        attendance_of(app.store.session(), AttendeeId(2)),
        Attendance::Late
    );
    assert_eq!(said(&app), "张伟: late, joined 14:05 (2/10 present)");
}

#[test]
fn esc_closes_the_roll_call_saying_who_is_here() {
    let (_dir, mut app) = app_on(ten());
    press(&mut app, &[key(KeyCode::F(8))], t(-4, 0));
    for _ in 0..9 {
        press(&mut app, &[key(KeyCode::Enter)], t(-3, 0));
    }
    press(&mut app, &[key(KeyCode::Esc)], t(-3, 0));
    assert_eq!(said(&app), "Roll call: 9/10 present, 1 not called");
    assert_eq!(app.mode, Mode::Entry);
}

#[test]
fn the_roll_call_closes_itself_when_everyone_is_called() {
    let (_dir, mut app) = app_on(ten());
    press(&mut app, &[key(KeyCode::F(8))], t(-4, 0));
    for _ in 0..10 {
        press(&mut app, &[key(KeyCode::Enter)], t(-3, 0));
    }
    assert_eq!(app.mode, Mode::Entry);
    assert_eq!(
        said(&app),
        "Zoë Brandtner: present. Roll call done: 10/10 present"
    );
}

#[test]
fn undo_during_the_roll_call_puts_the_person_back_on_the_list() {
    let (_dir, mut app) = app_on(ten());
    press(
        &mut app,
        &[key(KeyCode::F(8)), key(KeyCode::Enter)],
        t(-4, 0),
    );
    assert_eq!(names(&app).len(), 9);
    press(&mut app, &[ctrl('z')], t(-4, 0));
    assert!(roll_call_open(&app));
    assert_eq!(names(&app).len(), 10);
    assert_eq!(
        said(&app),
        "Undone (Ctrl+Y redoes): 王丽 marked expected again"
    );
}

#[test]
fn the_roll_call_says_where_someone_already_marked_is() {
    let (_dir, mut app) = app_on(ten());
    enter(&mut app, "/absent zoe", t(-5, 0));
    press(&mut app, &[key(KeyCode::F(8))], t(-4, 0));
    app::update(&mut app, Action::Paste("zoe".into()), t(-4, 0));
    press(&mut app, &[key(KeyCode::Enter)], t(-4, 0));
    assert_eq!(said(&app), "Zoë Brandtner is marked absent");
    assert!(roll_call_open(&app), "open for the next name");
    assert!(!app.bell);
}

#[test]
fn quitting_during_the_roll_call_keeps_the_letters_typed() {
    let (_dir, mut app) = app_on(ten());
    press(&mut app, &[key(KeyCode::F(8))], t(-4, 0));
    app::update(
        &mut app,
        Action::Paste("nobody by that name".into()),
        t(-4, 0),
    );
    let kept = app::keep_unsent(&mut app, t(-4, 0));
    assert_eq!(kept, ["[unsent] nobody by that name"]);
}

#[test]
fn the_roll_call_draws_at_any_size() {
    let (_dir, mut app) = app_on(ten());
    press(&mut app, &[key(KeyCode::F(8))], t(-3, 0));
    app::update(&mut app, Action::Paste("王丽王丽王丽".into()), t(-3, 0));
    for width in 0..50 {
        for height in 0..14 {
            let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
            terminal
                .draw(|frame| minutes::ui::render(&app, frame))
                .unwrap();
        }
    }
}

#[test]
fn a_read_only_session_has_no_roll_call() {
    let (_dir, path) = common::sample_copy();
    let open = store::OpenSession::open(&path, store::Mode::ReadOnly).unwrap();
    let mut app = App::new(open, t(0, 0));
    press(&mut app, &[key(KeyCode::F(8))], t(0, 0));
    assert!(!roll_call_open(&app));
}

#[test]
fn the_help_lists_the_roll_call_keys_and_command() {
    let (_dir, app) = app_on(common::before_meeting());
    let text: String = minutes::ui::help::lines(&app, 98)
        .iter()
        .map(|l| l.to_string() + "\n")
        .collect();
    assert!(text.contains("Roll call (F8 or /roll)"), "{text}");
    assert!(text.contains("/roll"), "{text}");
    assert!(text.contains("everyone listed present"), "{text}");
}

// ------------------------------------------------------------ the screen

/// Ten expected; nine called before the start, Zoë not; Jürgen leaves
/// and comes back.
fn roll_called() -> (tempfile::TempDir, App) {
    let (dir, mut app) = app_on(ten());
    press(&mut app, &[key(KeyCode::F(8))], t(-3, 0));
    for _ in 0..9 {
        press(&mut app, &[key(KeyCode::Enter)], t(-2, 0));
    }
    press(&mut app, &[key(KeyCode::Esc), ctrl('n')], t(0, 0));
    enter(&mut app, "Quorum reached", t(1, 0));
    enter(&mut app, "/left jurgen", t(8, 0));
    press(&mut app, &[ctrl('n')], t(10, 0));
    enter(&mut app, "/here jurgen", t(12, 0));
    enter(
        &mut app,
        "d: Minutes of the last meeting approved",
        t(14, 0),
    );
    app.now = t(15, 0);
    (dir, app)
}

#[test]
fn the_events_kept_between_frames_are_those_of_the_session() {
    let (_dir, mut app) = roll_called();
    let fresh = |app: &App| placed(app.store.session());
    assert_eq!(app.log_events().into_owned(), fresh(&app));
    for keys in [[ctrl('z')], [ctrl('z')], [ctrl('y')]] {
        press(&mut app, &keys, t(16, 0));
        assert_eq!(app.log_events().into_owned(), fresh(&app));
    }
}

#[test]
fn who_is_here_and_when_they_came_at_80x24() {
    let (_dir, app) = roll_called();
    let screen = screen(&app, 80, 24);
    assert!(screen.contains("9/10 present"), "{screen}");
    assert!(screen.contains("13:58 → 王丽 (PKU) arrived"), "{screen}");
    assert!(screen.contains("14:00 ● Meeting started"), "{screen}");
    assert!(screen.contains("14:10 ■ Topic 2/6:"), "{screen}");
    assert_screen!(screen);
}

#[test]
fn who_is_here_at_40x12() {
    let (_dir, app) = roll_called();
    let screen = screen(&app, 40, 12);
    assert!(screen.contains("9/10"), "{screen}");
    assert_screen!(screen);
}

#[test]
fn the_roll_call_at_80x24() {
    let (_dir, mut app) = app_on(ten());
    press(&mut app, &[key(KeyCode::F(8))], t(-3, 0));
    press(
        &mut app,
        &[key(KeyCode::Enter), key(KeyCode::Delete)],
        t(-2, 0),
    );
    let screen = screen(&app, 80, 24);
    assert!(screen.contains("Roll call: 1/10 present"), "{screen}");
    assert!(screen.contains("Enter  present"), "{screen}");
    assert_screen!(screen);
}

#[test]
fn the_minutes_list_every_stay() {
    let mut s = started();
    s.ended_at = Some(t(90, 0));
    apply(&mut s, |s| arrive(s, WANG, t(1, 0)));
    apply(&mut s, |s| arrive(s, ZOE, t(5, 0)));
    for (away, back) in [(30, 45), (70, 80)] {
        apply(&mut s, |s| {
            Some(set_attendance(
                s,
                &Derived::of(s),
                ZOE,
                Attendance::Left,
                t(away, 0),
            ))
        });
        apply(&mut s, |s| arrive(s, ZOE, t(back, 0)));
    }
    apply(&mut s, |s| arrive(s, AttendeeId(3), t(12, 0)));
    apply(&mut s, |s| {
        Some(set_attendance(
            s,
            &Derived::of(s),
            AttendeeId(3),
            Attendance::Left,
            t(20, 0),
        ))
    });
    apply(&mut s, |s| arrive(s, AttendeeId(3), t(25, 0)));
    apply(&mut s, |s| {
        Some(set_attendance(
            s,
            &Derived::of(s),
            AttendeeId(3),
            Attendance::Left,
            t(50, 0),
        ))
    });
    let md = export(&s, Format::Markdown);
    for row in [
        "| Zoë Brandtner | present, left 14:30, back 14:45–15:10, back 15:20 |",
        "| 陈静 | late, joined 14:12, left 14:20, back 14:25–14:50 |",
    ] {
        assert!(md.contains(row), "{row} in {md}");
    }
    // The text's table wraps its cells: each stay is there.
    let text = export(&s, Format::Text);
    for stay in ["left 14:30", "14:45–15:10", "back 15:20", "14:25–14:50"] {
        assert!(text.contains(stay), "{stay} in {text}");
    }
}

// ------------------------------------------------------------ end to end

/// A session file like the sample before the meeting, its start `minutes`
/// before now (`None`: not started).
fn session_file(started_minutes_ago: Option<i64>) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("board.ron");
    let mut s = ten();
    let now = chrono::Local::now().fixed_offset();
    s.started_at = started_minutes_ago.map(|m| now - chrono::Duration::minutes(m));
    store::save(&path, &s).unwrap();
    (dir, path)
}

/// Quits (twice while the meeting runs) and reads the file back.
fn quit(tmux: &Tmux, path: &std::path::Path) -> Session {
    tmux.send(&["C-q"]);
    std::thread::sleep(std::time::Duration::from_millis(200));
    if tmux.run(&["has-session", "-t", "t"]).status.success() {
        tmux.send(&["C-q"]);
    }
    tmux.wait_for_exit();
    store::load(path).unwrap()
}

#[test]
fn tmux_a_roll_call_before_and_just_after_the_start_marks_present() {
    let (_dir, path) = session_file(None);
    let tmux = Tmux::start(&command("open", &path));
    tmux.wait_for("Enter  log");
    tmux.wait_for("0/10 present");
    tmux.send(&["F8"]);
    tmux.wait_for("Roll call: 0/10 present");
    tmux.wait_for("Enter  present");
    tmux.send(&["Enter"]);
    tmux.wait_for("王丽: present (1/10 present)");
    tmux.send(&["Enter"]);
    tmux.wait_for("张伟: present (2/10 present)");
    tmux.pick("Escape", "Roll call: 2/10 present, 8 not called", "/start");
    tmux.wait_for("Meeting started at");
    // Just after the start: on time.
    tmux.pick("F8", "present until", "zoe");
    tmux.wait_for("Zoë Brandtner: present, joined");
    tmux.send(&["C-a"]);
    tmux.wait_for("Roll call: 7 marked present at once");
    tmux.wait_for("10/10 present");
    let s = quit(&tmux, &path);
    assert!(
        s.attendees
            .iter()
            .all(|a| a.attendance == Attendance::Present),
        "{:?}",
        s.attendees
    );
}

#[test]
fn tmux_a_roll_call_long_after_the_start_marks_late() {
    let (_dir, path) = session_file(Some(10));
    let tmux = Tmux::start(&command("open", &path));
    tmux.wait_for("Enter  log");
    tmux.pick("F8", "Roll call of 10, late now", "jos");
    tmux.wait_for("José Álvarez Núñez: late, joined");
    tmux.wait_for("Roll call: 1/10 present ─");
    tmux.send(&["Escape"]);
    tmux.wait_for("Roll call: 1/10 present, 9 not called");
    tmux.wait_for("→ José Álvarez Núñez (USAL) arrived (late)");
    let s = quit(&tmux, &path);
    assert_eq!(attendance_of(&s, AttendeeId(5)), Attendance::Late);
}

#[test]
fn tmux_leaving_and_coming_back_is_in_the_file_and_the_minutes() {
    let (_dir, path) = session_file(Some(3));
    let tmux = Tmux::start(&command("open", &path));
    tmux.wait_for("Enter  log");
    // A late arrival: Ctrl+A, letters, Enter.
    tmux.pick("C-a", "Who has arrived?", "zoe");
    tmux.wait_for("Zoë Brandtner: present, joined");
    tmux.pick("C-l", "Who has left?", "zoe");
    tmux.wait_for("Zoë Brandtner: left at");
    tmux.wait_for("← Zoë Brandtner (UNIVIE) left");
    tmux.pick("C-a", "Who has arrived?", "zoe");
    tmux.wait_for("Zoë Brandtner: back at");
    tmux.wait_for("→ Zoë Brandtner (UNIVIE) came back");
    tmux.type_text("/end");
    tmux.send(&["Enter"]);
    tmux.wait_for("Meeting ended at");
    let s = quit(&tmux, &path);
    let zoe = s.attendee(ZOE).unwrap();
    let stays: Vec<Stay> = zoe.stays().collect();
    assert_eq!(stays.len(), 2, "{zoe:?}");
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.contains("earlier: ["), "{written}");
    let hm = |t: Option<DateTime<FixedOffset>>| t.unwrap().format("%H:%M").to_string();
    let expected = format!(
        "present, left {}, back {}",
        hm(stays[0].left_at),
        hm(stays[1].joined_at)
    );
    for format in ["txt", "md"] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_minutes"))
            .args(["export", "-f", format])
            .arg(&path)
            .output()
            .unwrap();
        let minutes = String::from_utf8(out.stdout).unwrap();
        assert!(minutes.contains(&expected), "{expected:?} in {minutes}");
    }
}

// ------------------------------------------------- from a hostile tester

#[test]
fn absent_is_refused_for_someone_who_was_here_and_their_stays_kept() {
    let (_dir, mut app) = app_on(started());
    enter(&mut app, "/here zoe", t(1, 0));
    enter(&mut app, "/left zoe", t(10, 0));
    enter(&mut app, "/here zoe", t(20, 0));
    enter(&mut app, "/absent zoe", t(30, 0));
    assert!(
        said(&app).contains("/left marks a departure"),
        "{}",
        said(&app)
    );
    assert_eq!(app.input.value(), "/absent zoe", "kept, to be corrected");
    let s = app.store.session();
    let zoe = s
        .attendees
        .iter()
        .find(|a| a.name == "Zoë Brandtner")
        .unwrap();
    assert_eq!(zoe.stays().count(), 2);
    // Someone who never came can be marked absent.
    app.input.reset();
    enter(&mut app, "/absent anna", t(30, 0));
    let s = app.store.session();
    let anna = s
        .attendees
        .iter()
        .find(|a| a.name == "Anna Schäfer")
        .unwrap();
    assert_eq!(anna.attendance, Attendance::Absent);
}

#[test]
fn join_of_someone_invited_is_their_arrival_not_a_second_person() {
    let (_dir, mut app) = app_on(started());
    let before = app.store.session().attendees.len();
    enter(&mut app, "/invite Frank Ocean, UNIVIE", t(0, 0));
    enter(&mut app, "/join frank ocean", t(12, 0));
    let s = app.store.session();
    assert_eq!(s.attendees.len(), before + 1, "one Frank");
    let frank = s.attendees.last().unwrap();
    assert_eq!(frank.attendance, Attendance::Late);
    assert!(
        said(&app).ends_with("(on the roster already)"),
        "{}",
        said(&app)
    );
    enter(&mut app, "/invite Frank Ocean", t(13, 0));
    assert_eq!(app.store.session().attendees.len(), before + 1);
    assert!(said(&app).starts_with("On the roster already: Frank Ocean is already here"));
    // Another organisation is another person.
    enter(&mut app, "/join Frank Ocean, PKU", t(14, 0));
    assert_eq!(app.store.session().attendees.len(), before + 2);
}

#[test]
fn an_arrival_after_the_end_is_not_said_to_be_on_time() {
    let (_dir, mut app) = app_on(started());
    enter(&mut app, "/end", t(2, 0));
    enter(&mut app, "/here zoe", t(3, 0));
    assert!(!said(&app).contains("on time"), "{}", said(&app));
    assert!(
        said(&app).contains("after the end of the meeting"),
        "{}",
        said(&app)
    );
}

#[test]
fn on_time_until_is_said_to_the_second_when_the_start_was_between_minutes() {
    let (_dir, mut app) = app_on(common::before_meeting());
    enter(&mut app, "/start", t(0, 34));
    enter(&mut app, "/here zoe", t(2, 0));
    assert!(
        said(&app).ends_with("(on time until 14:05:34)"),
        "{}",
        said(&app)
    );
}

#[test]
fn a_clock_stepped_back_between_leaving_and_coming_back_keeps_stays_in_order() {
    let mut s = started();
    let zoe = minutes::model::meeting::find_attendees(&s, "zoe")[0];
    apply(&mut s, |s| arrive(s, zoe, t(1, 0)));
    set_attendance(&s, &Derived::of(&s), zoe, Attendance::Left, t(10, 0))
        .apply(&mut s)
        .unwrap();
    // The clock is set back two minutes by a time sync.
    apply(&mut s, |s| arrive(s, zoe, t(8, 0)));
    assert_eq!(s.problems(), vec![], "the session stays savable");
    let dir = tempfile::tempdir().unwrap();
    store::save(&dir.path().join("s.ron"), &s).unwrap();
}

#[test]
fn letters_naming_someone_not_listed_better_than_anyone_listed_mark_no_one() {
    let (_dir, mut app) = app_on(started());
    enter(&mut app, "/join Maximiliane von Hohenzollern", t(1, 0));
    enter(&mut app, "/here zoe", t(1, 0));
    enter(&mut app, "/left zoe", t(5, 0));
    // z, o and e are scattered through Hohenzollern, who is here; Zoë,
    // whose name starts so, has left.
    press(&mut app, &[ctrl('l')], t(6, 0));
    app::update(&mut app, Action::Paste("zoë".into()), t(6, 0));
    // Said before Enter, in the picker, with no row highlighted.
    let shown = screen(&app, 100, 30);
    assert!(
        shown.contains("› zoë  Zoë Brandtner has left, at 14:05"),
        "{shown}"
    );
    press(&mut app, &[key(KeyCode::Enter)], t(6, 0));
    let s = app.store.session();
    assert!(
        s.attendees
            .iter()
            .find(|a| a.name.starts_with("Maximiliane"))
            .unwrap()
            .is_here()
    );
    assert!(
        said(&app).starts_with("Zoë Brandtner has left"),
        "{}",
        said(&app)
    );
}

#[test]
fn someone_who_never_came_cannot_leave() {
    let (_dir, mut app) = app_on(started());
    enter(&mut app, "/left anna", t(5, 0));
    let s = app.store.session();
    let anna = s
        .attendees
        .iter()
        .find(|a| a.name == "Anna Schäfer")
        .unwrap();
    assert_eq!(anna.attendance, Attendance::Expected);
    assert!(said(&app).ends_with("nothing to leave"), "{}", said(&app));
}

#[test]
fn a_meeting_ends_after_it_started_even_if_the_clock_stepped_back() {
    let (_dir, mut app) = app_on(common::before_meeting());
    enter(&mut app, "/start", t(10, 0));
    enter(&mut app, "/end", t(5, 0));
    let s = app.store.session();
    assert!(s.ended_at >= s.started_at);
}

#[test]
fn join_of_a_name_like_one_on_the_roster_says_who_may_have_been_meant() {
    let (_dir, mut app) = app_on(started());
    enter(&mut app, "/join Chen Jing, PKU", t(1, 0));
    assert!(
        said(&app).contains("(on the roster already: 陈静;"),
        "{}",
        said(&app)
    );
    enter(&mut app, "/join Anna", t(1, 0));
    assert!(
        said(&app).contains("on the roster already: Anna Schäfer"),
        "{}",
        said(&app)
    );
    enter(&mut app, "/join Kim Lee", t(1, 0));
    assert!(!said(&app).contains("already"), "{}", said(&app));
}

#[test]
fn join_with_an_organisation_or_extra_spaces_finds_the_person_on_the_roster() {
    let (_dir, mut app) = app_on(started());
    enter(&mut app, "/invite Hana Sato", t(0, 0));
    enter(&mut app, "/invite Tamo Omar, PKU", t(0, 0));
    let before = app.store.session().attendees.len();
    enter(&mut app, "/join Hana  Sato, XYZ", t(1, 0));
    enter(&mut app, "/join tamo omar, PKU", t(1, 0));
    let s = app.store.session();
    assert_eq!(s.attendees.len(), before, "no duplicates");
    assert!(
        s.attendees
            .iter()
            .filter(|a| a.name.contains("Sato") || a.name.contains("Omar"))
            .all(|a| a.is_here())
    );
    // Another organisation than theirs: another person.
    enter(&mut app, "/join Tamo Omar, USAL", t(2, 0));
    assert_eq!(app.store.session().attendees.len(), before + 1);
}
