//! The speaker queue and speaking-time limits: who asked to speak, the
//! floor given to the next with one key, the clock counting down.

mod common;

use common::drive::{app_on, ctrl, enter, key, press, said, screen};
use minutes::model::Derived;

use common::t;
use minutes::app::{self, Action, App, Mode, Pane, Purpose};
use minutes::model::meeting;
use minutes::model::{Attendance, AttendeeId, Change, Field, Session};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

// ----------------------------------------------------------------- model

fn id(s: &Session, name: &str) -> AttendeeId {
    meeting::find_attendees(s, name)[0]
}

/// Applies what `what` makes of the session, which must be a change.
fn applied(s: &mut Session, what: impl FnOnce(&Session) -> Option<Change>) {
    what(s).expect("a change").apply(s).unwrap();
}

#[test]
fn asking_to_speak_queues_at_the_end_once() {
    let mut s = common::before_meeting();
    let (anna, tom) = (id(&s, "anna"), id(&s, "jurgen"));
    applied(&mut s, |s| meeting::request_floor(s, anna));
    applied(&mut s, |s| meeting::request_floor(s, tom));
    assert_eq!(s.queue, [anna, tom]);
    assert_eq!(meeting::request_floor(&s, anna), None);
}

#[test]
fn the_floor_goes_to_the_head_of_the_queue_who_leaves_it() {
    let mut s = common::before_meeting();
    let (anna, jurgen, zoe) = (id(&s, "anna"), id(&s, "jurgen"), id(&s, "zoe"));
    applied(&mut s, |s| {
        meeting::switch_speaker(s, &Derived::of(s), Some(zoe), t(1, 0))
    });
    for who in [anna, jurgen] {
        applied(&mut s, |s| meeting::request_floor(s, who));
    }
    let change = meeting::next_from_queue(&s, &Derived::of(&s), t(2, 0)).unwrap();
    let undo = change.apply(&mut s).unwrap();
    assert_eq!(Derived::of(&s).current_speaker(), Some(anna));
    assert_eq!(s.queue, [jurgen]);
    // Zoë's speech ended when Anna got the floor.
    let zoes = s.entries.iter().find(|e| e.speech_duration().is_some());
    assert_eq!(zoes.unwrap().speech_duration().unwrap().num_seconds(), 60);
    // One undo step puts the queue and the floor back.
    undo.apply(&mut s).unwrap();
    assert_eq!(Derived::of(&s).current_speaker(), Some(zoe));
    assert_eq!(s.queue, [anna, jurgen]);
}

#[test]
fn an_empty_queue_gives_the_floor_to_no_one() {
    let s = common::before_meeting();
    assert_eq!(
        meeting::next_from_queue(&s, &Derived::of(&s), t(1, 0)),
        None
    );
}

#[test]
fn given_the_floor_any_way_takes_someone_out_of_the_queue() {
    let mut s = common::before_meeting();
    let (anna, jurgen) = (id(&s, "anna"), id(&s, "jurgen"));
    for who in [anna, jurgen] {
        applied(&mut s, |s| meeting::request_floor(s, who));
    }
    applied(&mut s, |s| {
        meeting::switch_speaker(s, &Derived::of(s), Some(jurgen), t(1, 0))
    });
    assert_eq!(s.queue, [anna]);
}

#[test]
fn someone_who_leaves_no_longer_waits_to_speak() {
    let mut s = common::before_meeting();
    let anna = id(&s, "anna");
    applied(&mut s, |s| meeting::arrive(s, anna, t(0, 0)));
    applied(&mut s, |s| meeting::request_floor(s, anna));
    let left = meeting::set_attendance(&s, &Derived::of(&s), anna, Attendance::Left, t(5, 0));
    left.apply(&mut s).unwrap();
    assert!(s.queue.is_empty());
}

#[test]
fn the_queue_is_reordered_within_its_ends() {
    let mut s = common::before_meeting();
    let ids: Vec<AttendeeId> = ["anna", "jurgen", "zoe"].map(|n| id(&s, n)).to_vec();
    for who in &ids {
        applied(&mut s, |s| meeting::request_floor(s, *who));
    }
    applied(&mut s, |s| meeting::move_in_queue(s, ids[2], -1));
    assert_eq!(s.queue, [ids[0], ids[2], ids[1]]);
    applied(&mut s, |s| meeting::move_in_queue(s, ids[0], 10));
    assert_eq!(s.queue, [ids[2], ids[1], ids[0]]);
    assert_eq!(meeting::move_in_queue(&s, ids[2], -1), None);
}

#[test]
fn a_queue_naming_someone_not_on_the_roster_is_a_problem() {
    let mut s = common::before_meeting();
    s.queue = vec![AttendeeId(999), id(&s, "anna"), id(&s, "anna")];
    let problems: Vec<String> = s.problems().iter().map(|p| p.to_string()).collect();
    assert!(
        problems
            .iter()
            .any(|p| p.contains("`queue` names attendee 999")),
        "{problems:?}"
    );
    assert!(problems.iter().any(|p| p.contains("twice")), "{problems:?}");
}

#[test]
fn a_file_without_queue_or_limit_loads_and_one_with_them_round_trips() {
    let s = common::sample();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    minutes::store::save(&path, &s).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.contains("queue:") && !text.contains("speech_limit"));
    let mut s = s;
    s.queue = vec![id(&s, "anna")];
    s.speech_limit_seconds = Some(180);
    minutes::store::save(&path, &s).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("speech_limit_seconds: 180,"), "{text}");
    assert_eq!(minutes::store::load(&path).unwrap(), s);
}

// ------------------------------------------------------------------- app

fn speaker(app: &App) -> Option<String> {
    let s = app.store.session();
    Derived::of(s)
        .current_speaker()
        .map(|id| s.attendee_name(id))
}

/// The meeting started at 14:00, Zoë speaking, Anna and Jürgen queued
/// with Ctrl+R and a few letters.
fn queued() -> (tempfile::TempDir, App) {
    let (dir, mut app) = app_on(common::before_meeting());
    enter(&mut app, "/start", t(0, 0));
    enter(&mut app, "/s zoe", t(0, 10));
    for name in ["anna", "jurgen"] {
        press(&mut app, &[ctrl('r')], t(1, 0));
        app::update(&mut app, Action::Paste(name.into()), t(1, 0));
        press(&mut app, &[key(KeyCode::Enter)], t(1, 0));
    }
    (dir, app)
}

#[test]
fn ctrl_r_and_a_few_letters_queue_someone_and_say_where() {
    let (_dir, app) = queued();
    let s = app.store.session();
    let names: Vec<String> = s.queue.iter().map(|id| s.attendee_name(*id)).collect();
    assert_eq!(names, ["Anna Schäfer", "Jürgen Müller"]);
    assert_eq!(
        said(&app),
        "Jürgen Müller asks to speak: 2nd in the queue (not marked here)"
    );
    assert_eq!(app.mode, Mode::Entry);
}

#[test]
fn ctrl_g_gives_the_floor_to_the_first_in_the_queue() {
    let (_dir, mut app) = queued();
    press(&mut app, &[ctrl('g')], t(3, 0));
    assert_eq!(speaker(&app).as_deref(), Some("Anna Schäfer"));
    assert_eq!(
        said(&app),
        "Anna Schäfer has the floor (marked present); next: Jürgen Müller"
    );
    press(
        &mut app,
        &[KeyEvent::new(KeyCode::F(7), KeyModifiers::NONE)],
        t(4, 0),
    );
    assert_eq!(speaker(&app).as_deref(), Some("Jürgen Müller"));
    assert_eq!(
        said(&app),
        "Jürgen Müller has the floor (marked present); the queue is empty"
    );
    press(&mut app, &[ctrl('g')], t(5, 0));
    assert!(
        said(&app).starts_with("no one is in the queue"),
        "{}",
        said(&app)
    );
    assert_eq!(speaker(&app).as_deref(), Some("Jürgen Müller"));
    // Ctrl+Z gives the floor and the queue back as they were, one step each.
    press(&mut app, &[ctrl('z')], t(5, 0));
    assert_eq!(speaker(&app).as_deref(), Some("Anna Schäfer"));
    assert_eq!(app.store.session().queue.len(), 1);
}

#[test]
fn ctrl_p_enter_with_nothing_typed_gives_the_floor_to_the_head_of_the_queue() {
    let (_dir, mut app) = queued();
    press(&mut app, &[ctrl('p'), key(KeyCode::Enter)], t(3, 0));
    assert_eq!(speaker(&app).as_deref(), Some("Anna Schäfer"));
    assert_eq!(app.mode, Mode::Entry);
}

#[test]
fn ctrl_p_enter_with_nothing_typed_and_no_queue_gives_the_floor_to_no_one() {
    let (_dir, mut app) = app_on(common::before_meeting());
    enter(&mut app, "/start", t(0, 0));
    press(&mut app, &[ctrl('p'), key(KeyCode::Enter)], t(1, 0));
    assert_eq!(speaker(&app), None);
    assert!(matches!(app.mode, Mode::Pick(_)), "the picker stays open");
    assert!(
        said(&app).starts_with("no one is in the queue: type a few letters"),
        "{}",
        said(&app)
    );
    // Moving to someone by hand is a choice.
    press(
        &mut app,
        &[key(KeyCode::Down), key(KeyCode::Enter)],
        t(1, 0),
    );
    assert!(speaker(&app).is_some());
}

#[test]
fn ctrl_r_on_someone_queued_takes_them_out() {
    let (_dir, mut app) = queued();
    press(&mut app, &[ctrl('r')], t(2, 0));
    app::update(&mut app, Action::Paste("anna".into()), t(2, 0));
    press(&mut app, &[key(KeyCode::Enter)], t(2, 0));
    assert_eq!(app.store.session().queue.len(), 1);
    assert_eq!(
        said(&app),
        "Anna Schäfer is out of the queue; next: Jürgen Müller"
    );
}

#[test]
fn the_speaker_is_not_queued_while_speaking() {
    let (_dir, mut app) = queued();
    enter(&mut app, "/queue zoe", t(2, 0));
    assert_eq!(app.store.session().queue.len(), 2);
    assert!(said(&app).contains("has the floor now"), "{}", said(&app));
    assert_eq!(app.input.value(), "", "a refusal that loses nothing");
}

#[test]
fn slash_queue_and_unqueue_edit_the_queue_and_slash_queue_alone_shows_it() {
    let (_dir, mut app) = queued();
    enter(&mut app, "/queue", t(2, 0));
    assert_eq!(said(&app), "Queue: 1 Anna Schäfer, 2 Jürgen Müller");
    enter(&mut app, "/unqueue anna", t(2, 0));
    enter(&mut app, "/q zoe", t(2, 0));
    assert!(said(&app).contains("has the floor"));
    enter(&mut app, "/q anna", t(2, 0));
    enter(&mut app, "/q", t(2, 0));
    assert_eq!(said(&app), "Queue: 1 Jürgen Müller, 2 Anna Schäfer");
    enter(&mut app, "/q anna", t(2, 0));
    assert_eq!(said(&app), "Anna Schäfer is in the queue already");
}

#[test]
fn the_queue_is_browsed_reordered_and_emptied_from_its_pane() {
    let (_dir, mut app) = queued();
    press(&mut app, &[key(KeyCode::Esc), key(KeyCode::Tab)], t(2, 0));
    assert_eq!((app.mode.clone(), app.focus), (Mode::Browse, Pane::Queue));
    press(
        &mut app,
        &[
            key(KeyCode::Down),
            KeyEvent::new(KeyCode::Up, KeyModifiers::ALT),
        ],
        t(2, 0),
    );
    let s = app.store.session();
    assert_eq!(s.attendee_name(s.queue[0]), "Jürgen Müller");
    assert_eq!(
        app.selection(Pane::Queue),
        Some(0),
        "the selection moves along"
    );
    // Enter gives the selected person the floor; Delete takes one out.
    press(&mut app, &[key(KeyCode::Enter)], t(3, 0));
    assert_eq!(speaker(&app).as_deref(), Some("Jürgen Müller"));
    assert_eq!(said(&app), "Jürgen Müller has the floor (marked present)");
    press(&mut app, &[key(KeyCode::Delete)], t(3, 0));
    assert!(app.store.session().queue.is_empty());
    assert_eq!(app.focus, Pane::Attendees, "an empty queue is not browsed");
}

#[test]
fn someone_in_the_queue_cannot_be_deleted_from_the_roster() {
    let (_dir, mut app) = app_on(common::before_meeting());
    enter(&mut app, "/invite Rosa Ruiz", t(0, 0));
    enter(&mut app, "/queue rosa", t(0, 0));
    app::update(&mut app, Action::Browse, t(0, 0));
    app::update(&mut app, Action::CycleFocus, t(0, 0));
    app::update(&mut app, Action::CycleFocus, t(0, 0));
    app::update(&mut app, Action::Move(isize::MAX), t(0, 0));
    app::update(&mut app, Action::DeleteSelected, t(0, 0));
    let s = app.store.session();
    assert!(s.attendees.iter().any(|a| a.name == "Rosa Ruiz"));
    assert!(said(&app).contains("the queue"), "{}", said(&app));
}

#[test]
fn slash_limit_understands_minutes_seconds_and_off() {
    let (_dir, mut app) = app_on(common::before_meeting());
    for (typed, limit) in [
        ("/limit 3", Some(180)),
        ("/limit 1:30", Some(90)),
        ("/limit 90s", Some(90)),
        ("/limit 2.5", Some(150)),
        ("/limit 2min", Some(120)),
        ("/limit off", None),
        ("/limit 4m", Some(240)),
        ("/limit 0", None),
    ] {
        enter(&mut app, typed, t(0, 0));
        assert_eq!(
            app.store.session().speech_limit_seconds,
            limit,
            "{typed}: {}",
            said(&app)
        );
    }
    enter(&mut app, "/limit 3", t(0, 0));
    assert_eq!(
        said(&app),
        "Each speech is limited to 03:00: the speaker's clock counts down"
    );
    for refused in ["/limit soon", "/limit 1:75", "/limit -3", "/limit 9999999"] {
        enter(&mut app, refused, t(0, 0));
        assert_eq!(app.input.value(), refused, "kept to be corrected");
        assert!(app.status_message().unwrap().error, "{refused}");
        app.input.reset();
    }
    assert_eq!(app.store.session().speech_limit_seconds, Some(180));
    press(&mut app, &[ctrl('z')], t(0, 0));
    assert_eq!(app.store.session().speech_limit_seconds, None, "undone");
}

#[test]
fn the_queue_changes_are_journalled_and_survive_a_reopen() {
    let (dir, mut app) = queued();
    enter(&mut app, "/limit 2", t(2, 0));
    let queue = app.store.session().queue.clone();
    drop(app);
    let reopened = minutes::store::OpenSession::open(
        &dir.path().join("live.ron"),
        minutes::store::Mode::ReadWrite,
    )
    .unwrap();
    assert_eq!(reopened.session().queue, queue);
    assert_eq!(reopened.session().speech_limit_seconds, Some(120));
}

#[test]
fn set_fields_of_the_queue_undo_to_what_they_were() {
    let mut s = common::before_meeting();
    let undo = Change::Set(Field::Queue(vec![id(&s, "anna")]))
        .apply(&mut s)
        .unwrap();
    assert_eq!(undo, Change::Set(Field::Queue(vec![])));
}

// ---------------------------------------------------------------- screen

#[test]
fn the_queue_shows_above_the_roster_and_next_in_the_header() {
    let (_dir, mut app) = queued();
    app.now = t(2, 0);
    let screen = screen(&app, 100, 24);
    assert!(screen.contains("Queue (2)"), "{screen}");
    assert!(screen.contains("1 Anna Schäfer"), "{screen}");
    assert!(screen.contains("next: Anna Schäfer +1"), "{screen}");
    assert_screen!(screen);
}

#[test]
fn the_browsed_queue_at_80x24() {
    let (_dir, mut app) = queued();
    press(
        &mut app,
        &[key(KeyCode::Esc), key(KeyCode::Tab), key(KeyCode::Down)],
        t(2, 0),
    );
    assert_screen!(screen(&app, 80, 24));
}

#[test]
fn the_picker_with_nothing_typed_lists_the_queue_first_and_says_so() {
    let (_dir, mut app) = queued();
    press(&mut app, &[ctrl('p')], t(2, 0));
    assert_eq!(
        app.mode.clone(),
        Mode::Pick(match app.mode.clone() {
            Mode::Pick(p) => {
                assert_eq!(p.purpose, Purpose::Speaker);
                p
            }
            _ => unreachable!(),
        })
    );
    let names: Vec<String> = app
        .picker_matches()
        .iter()
        .take(2)
        .map(|id| app.store.session().attendee_name(*id))
        .collect();
    assert_eq!(names, ["Anna Schäfer", "Jürgen Müller"]);
    let screen = screen(&app, 80, 24);
    assert!(screen.contains("Enter: first in the queue"), "{screen}");
    assert!(screen.contains("Anna Schäfer queued 1"), "{screen}");
    assert!(screen.contains("Jürgen Müller queued 2"), "{screen}");
}

#[test]
fn the_speakers_clock_counts_down_warns_and_says_how_far_over() {
    let (_dir, mut app) = queued();
    enter(&mut app, "/limit 1", t(0, 10));
    let header = |app: &App| screen(app, 80, 6).lines().nth(1).unwrap().to_string();
    app.now = t(0, 40);
    assert!(
        header(&app).contains("Zoë Brandtner (UNIVIE) 00:30 left"),
        "{}",
        header(&app)
    );
    app.now = t(1, 10) + chrono::Duration::milliseconds(500);
    assert!(header(&app).contains("00:00 left"), "{}", header(&app));
    app.now = t(1, 20);
    assert!(header(&app).contains("00:10 over"), "{}", header(&app));
    // The colours: plain, then the warning, then red.
    let style_at = |app: &App, text: &str| {
        let terminal = {
            let mut t = Terminal::new(TestBackend::new(80, 6)).unwrap();
            t.draw(|f| minutes::ui::render(app, f)).unwrap();
            t
        };
        let buffer = terminal.backend().buffer().clone();
        let row: String = (0..80)
            .map(|x| buffer[(x, 1)].symbol().to_string())
            .collect();
        let x = row.find(text).map(|b| row[..b].chars().count()).unwrap();
        buffer[(x as u16 + 1, 1)].style()
    };
    app.now = t(0, 20);
    assert_eq!(
        style_at(&app, " 00:50 left").bg,
        Some(ratatui::style::Color::Reset)
    );
    app.now = t(0, 45);
    assert_eq!(
        style_at(&app, " 00:25 left").bg,
        Some(ratatui::style::Color::Yellow)
    );
    app.now = t(1, 20);
    assert_eq!(
        style_at(&app, " 00:10 over").fg,
        Some(ratatui::style::Color::Red)
    );
}

// ------------------------------------------------------------- terminal

/// The real binary in tmux: queue two people with Ctrl+R, give the floor
/// with Ctrl+G, limit speeches and watch the clock run over.
#[test]
fn in_the_terminal_the_queue_gives_the_floor_and_the_limit_warns() {
    use common::tmux::{Tmux, command};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.ron");
    minutes::store::save(&path, &common::before_meeting()).unwrap();
    let tmux = Tmux::start(&command("open", &path));
    tmux.wait_for("Enter  log");
    tmux.type_text("/start");
    tmux.send(&["Enter"]);
    tmux.wait_for("Meeting started");
    tmux.send(&["C-p"]);
    tmux.type_text("zoe");
    tmux.send(&["Enter"]);
    tmux.wait_for("▶ Zoë Brandtner");
    for name in ["anna", "jurgen"] {
        tmux.pick("C-r", "Who asks to speak?", name);
        tmux.wait_for("asks to speak");
    }
    tmux.wait_for("Queue (2)");
    tmux.pick(
        "C-g",
        "Anna Schäfer has the floor (marked present); next: Jürgen Müller",
        "/limit 3s",
    );
    tmux.send(&["C-g"]);
    tmux.wait_for("Jürgen Müller has the floor (marked present); the queue is empty");
    // The second line of the screen with its colours, once it shows `what`.
    let header = |what: &str| {
        tmux.wait_for(what);
        let coloured = tmux.run(&["capture-pane", "-p", "-e", "-t", "t"]);
        let coloured = String::from_utf8_lossy(&coloured.stdout).into_owned();
        coloured.lines().nth(1).unwrap().to_string()
    };
    // Three seconds left at once: the warning colour (a yellow background).
    let left = header(" left");
    assert!(left.contains("Jürgen Müller (UNIVIE)"), "{left:?}");
    assert!(
        left.contains("43m") || left.contains("48;5;3m"),
        "yellow: {left:?}"
    );
    let over = header(" over");
    assert!(
        over.contains("00:01 over") || over.contains("00:02 over"),
        "{over:?}"
    );
    assert!(
        over.contains("31m") || over.contains("38;5;1m"),
        "red: {over:?}"
    );
    tmux.send(&["C-q", "C-q"]);
    tmux.wait_for_exit();
    let saved = minutes::store::load(&path).unwrap();
    assert!(saved.queue.is_empty());
    assert_eq!(saved.speech_limit_seconds, Some(3));
    let speakers: Vec<String> = saved
        .entries
        .iter()
        .filter_map(|e| match e.kind {
            minutes::model::EntryKind::Speech { speaker, .. } => Some(saved.attendee_name(speaker)),
            _ => None,
        })
        .collect();
    assert_eq!(speakers, ["Zoë Brandtner", "Anna Schäfer", "Jürgen Müller"]);
}

#[test]
fn a_browsed_queue_emptied_by_undo_hands_the_focus_to_the_roster() {
    let (_dir, mut app) = app_on(common::before_meeting());
    enter(&mut app, "/queue anna", t(0, 0));
    press(&mut app, &[key(KeyCode::Esc), key(KeyCode::Tab)], t(0, 0));
    assert_eq!(app.focus, Pane::Queue);
    press(&mut app, &[ctrl('z')], t(0, 0));
    assert!(app.store.session().queue.is_empty());
    assert_eq!(app.focus, Pane::Attendees);
}

// ------------------------------------------------- from a hostile tester

#[test]
fn queueing_and_giving_the_floor_to_someone_not_here_says_so() {
    let (_dir, mut app) = app_on(common::before_meeting());
    enter(&mut app, "/start", t(0, 0));
    enter(&mut app, "/queue anna", t(1, 0));
    assert!(said(&app).contains("(not marked here)"), "{}", said(&app));
    press(&mut app, &[ctrl('g')], t(9, 0));
    assert!(
        said(&app).starts_with("Anna Schäfer has the floor (marked late)"),
        "{}",
        said(&app)
    );
}

#[test]
fn leaving_says_it_takes_someone_out_of_the_queue() {
    let (_dir, mut app) = queued();
    enter(&mut app, "/here anna", t(2, 0));
    enter(&mut app, "/left anna", t(3, 0));
    assert!(
        said(&app).ends_with("(out of the queue too)"),
        "{}",
        said(&app)
    );
}

#[test]
fn no_limit_to_lift_says_so_and_a_limit_of_nothing_is_none() {
    let (_dir, mut app) = queued();
    enter(&mut app, "/limit off", t(2, 0));
    assert_eq!(said(&app), "Speeches have no time limit");
    let mut s = app.store.session().clone();
    s.speech_limit_seconds = Some(0);
    let (_dir, mut app) = app_on(s);
    app.now = t(2, 0);
    let header = screen(&app, 80, 6).lines().nth(1).unwrap().to_string();
    assert!(header.contains("Zoë Brandtner (UNIVIE) 01:50"), "{header}");
}

#[test]
fn undoing_the_queue_or_the_limit_says_what_came_back() {
    let (_dir, mut app) = app_on(common::before_meeting());
    enter(&mut app, "/queue anna", t(0, 0));
    press(&mut app, &[ctrl('z')], t(0, 1));
    assert_eq!(said(&app), "Undone (Ctrl+Y redoes): the queue empty again");
    enter(&mut app, "/limit 3", t(0, 2));
    press(&mut app, &[ctrl('z')], t(0, 3));
    assert_eq!(said(&app), "Undone (Ctrl+Y redoes): no time limit again");
    enter(&mut app, "/invite Rosa Ruiz", t(0, 4));
    press(&mut app, &[ctrl('z')], t(0, 5));
    assert_eq!(
        said(&app),
        "Undone (Ctrl+Y redoes): Rosa Ruiz taken off the roster"
    );
}

#[test]
fn undoing_a_change_of_speaker_names_the_speech_by_its_speaker() {
    let (_dir, mut app) = queued();
    enter(&mut app, "/s jose", t(3, 0));
    press(&mut app, &[ctrl('z')], t(3, 5));
    assert!(
        said(&app).contains("José Álvarez Núñez's speech at 14:03 taken out"),
        "{}",
        said(&app)
    );
}
