//! The mouse (`--mouse`, `mouse: true`): clicks and the wheel turned into
//! actions, measured against the screen as drawn on ratatui's TestBackend,
//! with no terminal. The real terminal's side is in tests/tmux.rs.

mod common;

use common::drive::{app_on, ctrl, key, press, said, screen};
use common::t;
use minutes::app::review::Focus;
use minutes::app::{self, Action, App, Mode, Pane};
use minutes::model::AgendaStatus;
use ratatui::crossterm::event::{KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use unicode_width::UnicodeWidthStr;

const WIDTH: u16 = 100;
const HEIGHT: u16 = 30;

/// The sample's people and agenda with the meeting started at 14:00, on a
/// terminal of 100 × 30, the mouse on.
fn running() -> (tempfile::TempDir, App) {
    let mut s = common::before_meeting();
    s.started_at = Some(t(0, 0));
    on_screen(s)
}

fn on_screen(s: minutes::model::Session) -> (tempfile::TempDir, App) {
    let (dir, mut app) = app_on(s);
    app.mouse = true;
    app.viewport = (WIDTH, HEIGHT);
    (dir, app)
}

/// The cell (column, row) where `text` starts on screen, searched from
/// column `from` on: its first occurrence.
fn find(app: &App, text: &str, from: u16) -> (u16, u16) {
    let screen = screen(app, WIDTH, HEIGHT);
    for (y, line) in screen.lines().enumerate() {
        // TestBackend's lines are quoted: `"…"`.
        let line = line.trim_start_matches('"');
        let mut x = 0;
        for (i, c) in line.char_indices() {
            if x >= usize::from(from) && line[i..].starts_with(text) {
                return (x as u16, y as u16);
            }
            x += c.to_string().width();
        }
    }
    panic!("{text:?} not on screen from column {from}:\n{screen}");
}

fn event(kind: MouseEventKind, (column, row): (u16, u16)) -> MouseEvent {
    MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }
}

/// What the mouse event would do, then done, at 14:10.
fn mouse(app: &mut App, kind: MouseEventKind, at: (u16, u16)) -> Option<Action> {
    let action = minutes::mouse::action(&event(kind, at), app);
    if let Some(a) = &action {
        app::update(app, a.clone(), t(10, 0));
    }
    action
}

fn click(app: &mut App, at: (u16, u16)) -> Option<Action> {
    mouse(app, MouseEventKind::Down(MouseButton::Left), at)
}

/// A click where `text` starts on screen (from column `from`).
fn click_on(app: &mut App, text: &str, from: u16) -> Option<Action> {
    let at = find(app, text, from);
    click(app, at)
}

/// The side pane starts at column 70 on a terminal 100 wide (30 columns).
const SIDE: u16 = 70;

#[test]
fn a_click_on_a_name_on_the_roster_gives_them_the_floor_and_undo_takes_it_back() {
    let (_dir, mut app) = running();
    let jose = app.store.session().attendees[4].id;
    assert_eq!(app.store.session().attendees[4].name, "José Álvarez Núñez");
    let at = find(&app, "José Álvarez Núñez", SIDE);
    assert_eq!(
        click(&mut app, at),
        Some(Action::Click(
            app::mouse::Spot::Pane(Pane::Attendees),
            Some(4)
        ))
    );
    assert_eq!(app.store.derived().current_speaker(), Some(jose));
    assert!(
        said(&app).contains("José Álvarez Núñez has the floor"),
        "{}",
        said(&app)
    );
    assert_eq!(
        (app.mode.clone(), app.focus),
        (Mode::Browse, Pane::Attendees)
    );
    assert_eq!(app.selection(Pane::Attendees), Some(4));
    // Again: nothing changes, and it is said why.
    let entries = app.store.session().entries.len();
    click_on(&mut app, "José Álvarez Núñez", SIDE);
    assert_eq!(app.store.session().entries.len(), entries);
    assert_eq!(said(&app), "José Álvarez Núñez has the floor already");

    // A Chinese name, two columns a character: the row is what counts.
    let wang = app.store.session().attendees[0].id;
    assert_eq!(app.store.session().attendees[0].name, "王丽");
    click_on(&mut app, "王丽", SIDE);
    assert_eq!(app.store.derived().current_speaker(), Some(wang));

    press(&mut app, &[ctrl('z')], t(10, 1));
    assert_eq!(app.store.derived().current_speaker(), Some(jose));
    press(&mut app, &[ctrl('z')], t(10, 2));
    assert_eq!(app.store.derived().current_speaker(), None);
}

#[test]
fn with_the_mouse_off_clicks_and_the_wheel_do_nothing() {
    let (_dir, mut app) = running();
    app.mouse = false;
    let at = find(&app, "José Álvarez Núñez", SIDE);
    for kind in [
        MouseEventKind::Down(MouseButton::Left),
        MouseEventKind::Up(MouseButton::Left),
        MouseEventKind::ScrollDown,
        MouseEventKind::ScrollUp,
    ] {
        assert_eq!(mouse(&mut app, kind, at), None);
    }
    assert_eq!(app.store.derived().current_speaker(), None);
    assert_eq!(app.mode, Mode::Entry);
    assert_eq!(app.input.value(), "");
}

#[test]
fn a_click_on_a_title_or_the_legend_focuses_the_list_and_gives_no_one_the_floor() {
    let (_dir, mut app) = running();
    // The organisation's title row.
    let at = find(&app, "USAL", SIDE);
    assert_eq!(
        click(&mut app, at),
        Some(Action::Click(app::mouse::Spot::Pane(Pane::Attendees), None))
    );
    assert_eq!(
        (app.mode.clone(), app.focus),
        (Mode::Browse, Pane::Attendees)
    );
    // The legend under the roster.
    let at = find(&app, "+ here", SIDE);
    click(&mut app, at);
    // The pane's title.
    click_on(&mut app, "Roster", SIDE);
    assert_eq!(app.store.derived().current_speaker(), None);
    assert!(app.store.session().entries.is_empty());
}

#[test]
fn a_click_on_an_agenda_topic_makes_it_current_and_says_so() {
    let (_dir, mut app) = running();
    app.side = Some(Pane::Agenda);
    let title = app.store.session().agenda[2].title.clone();
    let at = find(&app, &format!("3. {}", &title[..10]), SIDE);
    assert_eq!(
        click(&mut app, at),
        Some(Action::Click(app::mouse::Spot::Pane(Pane::Agenda), Some(2)))
    );
    let s = app.store.session();
    assert_eq!(s.agenda[2].status, AgendaStatus::Current);
    assert_eq!(said(&app), format!("Now: {title}"));
    click(&mut app, at);
    assert_eq!(said(&app), format!("{title} is the current topic already"));
    press(&mut app, &[ctrl('z')], t(10, 1));
    assert_eq!(app.store.session().agenda[2].status, AgendaStatus::Pending);
}

#[test]
fn a_click_on_someone_in_the_queue_gives_them_the_floor() {
    let mut s = common::before_meeting();
    s.started_at = Some(t(0, 0));
    let id = |name: &str| s.attendees.iter().find(|a| a.name == name).unwrap().id;
    let (anna, zoe) = (id("Anna Schäfer"), id("Zoë Brandtner"));
    s.queue = vec![anna, zoe];
    let (_dir, mut app) = on_screen(s);
    let name = app.store.session().attendee_name(zoe);
    assert_eq!(name, "Zoë Brandtner");
    // The queue is above the roster: the first "Zoë" from the top.
    let at = find(&app, "Zoë Brandtner", SIDE);
    assert_eq!(
        click(&mut app, at),
        Some(Action::Click(app::mouse::Spot::Pane(Pane::Queue), Some(1)))
    );
    assert_eq!(app.store.derived().current_speaker(), Some(zoe));
    assert_eq!(app.store.session().queue, vec![anna]);
}

#[test]
fn a_click_on_a_log_entry_selects_it_where_it_is() {
    let (_dir, mut app) = on_screen(common::sample());
    let decision = app
        .store
        .session()
        .entries
        .iter()
        .position(|e| e.text.starts_with("The three partners will prepare"))
        .unwrap();
    let at = find(&app, "15:50 Decision", 0);
    // On the entry's second row: the same entry.
    let action = click(&mut app, (30, at.1 + 1));
    assert_eq!(
        action,
        Some(Action::Click(
            app::mouse::Spot::Pane(Pane::Log),
            Some(decision)
        ))
    );
    assert_eq!((app.mode.clone(), app.focus), (Mode::Browse, Pane::Log));
    assert_eq!(app.selection(Pane::Log), Some(decision));
    // It stays where it was clicked.
    assert_eq!(find(&app, "15:50 Decision", 0), at);
    // Nothing was edited or deleted, nothing typed.
    assert_eq!(
        app.store.session().entries.len(),
        common::sample().entries.len()
    );
    assert_eq!(app.editing, None);
    // An event's row (a topic taken up) focuses the log, selects nothing else.
    click_on(&mut app, "■ Topic 6/6", 0);
    assert_eq!(app.selection(Pane::Log), Some(decision));
    // The line typed in: back to typing.
    click_on(&mut app, "note ›", 0);
    assert_eq!(app.mode, Mode::Entry);
}

#[test]
fn the_wheel_moves_the_selection_of_the_list_under_the_pointer() {
    let (_dir, mut app) = running();
    let at = find(&app, "José Álvarez Núñez", SIDE);
    assert_eq!(
        mouse(&mut app, MouseEventKind::ScrollDown, at),
        Some(Action::Wheel(app::mouse::Spot::Pane(Pane::Attendees), 1))
    );
    assert_eq!(
        (app.mode.clone(), app.focus),
        (Mode::Browse, Pane::Attendees)
    );
    mouse(&mut app, MouseEventKind::ScrollDown, at);
    assert_eq!(app.selection(Pane::Attendees), Some(2));
    mouse(&mut app, MouseEventKind::ScrollUp, at);
    assert_eq!(app.selection(Pane::Attendees), Some(1));
    // No one was given the floor by scrolling.
    assert_eq!(app.store.derived().current_speaker(), None);

    // Over the log: browsing it from the last entry up.
    let (_dir, mut app) = on_screen(common::sample());
    let last = app.store.session().entries.len() - 1;
    mouse(&mut app, MouseEventKind::ScrollUp, (10, 5));
    assert_eq!((app.mode.clone(), app.focus), (Mode::Browse, Pane::Log));
    assert_eq!(app.selection(Pane::Log), Some(last - 1));
}

#[test]
fn clicks_on_the_help_and_pickers_do_nothing_and_the_wheel_scrolls_the_help() {
    let (_dir, mut app) = running();
    let roster_row = find(&app, "José Álvarez Núñez", SIDE);
    press(&mut app, &[key(KeyCode::F(1))], t(1, 0));
    assert_eq!(app.mode, Mode::Help);
    assert_eq!(click(&mut app, roster_row), None);
    assert_eq!(
        mouse(&mut app, MouseEventKind::ScrollDown, roster_row),
        Some(Action::Move(3))
    );
    assert_eq!(app.help_scroll, 3);
    press(&mut app, &[key(KeyCode::Esc)], t(1, 0));

    press(&mut app, &[ctrl('p')], t(1, 0));
    assert!(matches!(app.mode, Mode::Pick(_)));
    assert_eq!(click(&mut app, roster_row), None);
    assert_eq!(
        mouse(&mut app, MouseEventKind::ScrollDown, roster_row),
        None
    );
    assert!(matches!(app.mode, Mode::Pick(_)));
    assert_eq!(app.store.derived().current_speaker(), None);
}

#[test]
fn the_help_says_what_the_mouse_does_or_how_to_switch_it_on() {
    let (_dir, mut app) = running();
    app.viewport = (WIDTH, 400);
    press(&mut app, &[key(KeyCode::F(1))], t(1, 0));
    let help = screen(&app, WIDTH, 400);
    assert!(help.contains("click a list to browse it"), "{help}");
    assert!(!help.contains("--mouse turns it on"));
    app.mouse = false;
    let help = screen(&app, WIDTH, 400);
    assert!(help.contains("--mouse turns it on"), "{help}");
    assert!(!help.contains("click a list to browse it"));
}

#[test]
fn a_click_while_an_entry_is_edited_leaves_the_edit_alone() {
    let (_dir, mut app) = on_screen(common::sample());
    press(&mut app, &[key(KeyCode::Esc), key(KeyCode::Enter)], t(1, 0));
    assert!(app.editing.is_some());
    let line = app.input.value().to_string();
    click_on(&mut app, "15:50 Decision", 0);
    assert!(app.editing.is_some());
    assert_eq!(app.input.value(), line);
    assert_eq!(said(&app), "Enter saves the edit, Esc cancels it");
}

#[test]
fn on_a_narrow_terminal_the_log_takes_the_clicks() {
    let (_dir, mut app) = on_screen(common::sample());
    app.viewport = (70, HEIGHT);
    // No side pane at 70 columns: its place is the log's.
    let action = minutes::mouse::action(
        &event(MouseEventKind::Down(MouseButton::Left), (65, 5)),
        &app,
    );
    assert!(
        matches!(
            action,
            Some(Action::Click(app::mouse::Spot::Pane(Pane::Log), _))
        ),
        "{action:?}"
    );
}

#[test]
fn in_the_review_a_click_chooses_a_topic_and_the_wheel_moves_in_the_entries() {
    let (_dir, mut app) = on_screen(common::sample());
    press(&mut app, &[key(KeyCode::F(9))], t(1, 0));
    assert_eq!(app.mode, Mode::Review);
    let title = app.store.session().agenda[1].title.clone();
    let at = find(&app, &title[..12], 0);
    assert_eq!(
        click(&mut app, at),
        Some(Action::Click(
            app::mouse::Spot::Review(Focus::Agenda),
            Some(2)
        ))
    );
    let r = app.review.as_ref().unwrap();
    assert_eq!((r.topic, r.focus), (2, Focus::Agenda));
    assert_eq!(said(&app), format!("Topic 2: {title}"));

    // The wheel over the entries: they get the arrows, the selection moves.
    let over_entries = (60, 10);
    assert_eq!(
        mouse(&mut app, MouseEventKind::ScrollDown, over_entries),
        Some(Action::Wheel(app::mouse::Spot::Review(Focus::Entries), 1))
    );
    let r = app.review.as_ref().unwrap();
    assert_eq!((r.topic, r.focus, r.selected), (2, Focus::Entries, 1));

    // "All topics", the agenda's first row.
    click_on(&mut app, "All topics", 0);
    assert_eq!(app.review.as_ref().unwrap().topic, 0);
    // Nothing changed in the session.
    assert_eq!(app.store.session().entries, common::sample().entries);
}

#[test]
fn a_click_on_a_scrolled_roster_gives_the_floor_to_the_name_clicked() {
    let (_dir, mut app) = running();
    app.viewport = (WIDTH, 12);
    // Browsing the roster down to its last: it scrolls.
    app.mode = Mode::Browse;
    app.focus = Pane::Attendees;
    let last = app.store.session().attendees.len() - 1;
    app::update(&mut app, Action::Move(last as isize), t(1, 0));
    let screen = screen(&app, WIDTH, 12);
    assert!(
        !screen.contains("王丽"),
        "scrolled past the first:\n{screen}"
    );
    let name = "Ömer Yıldız";
    let (x, y) = {
        let screen: Vec<&str> = screen.lines().collect();
        let y = screen.iter().position(|l| l.contains(name)).unwrap();
        (SIDE + 5, y as u16)
    };
    click(&mut app, (x, y));
    let s = app.store.session();
    let omer = s.attendees.iter().find(|a| a.name == name).unwrap().id;
    assert_eq!(app.store.derived().current_speaker(), Some(omer));
}

#[test]
fn on_a_narrow_terminal_the_roster_browsed_in_the_logs_place_takes_the_clicks() {
    let (_dir, mut app) = running();
    app.viewport = (70, HEIGHT);
    app.mode = Mode::Browse;
    app.focus = Pane::Attendees;
    // Alone, without the line on its left: the name starts further left.
    let screen = screen(&app, 70, HEIGHT);
    let y = screen
        .lines()
        .position(|l| l.contains("María Fernández"))
        .unwrap();
    click(&mut app, (10, y as u16));
    let s = app.store.session();
    let maria = s.attendees.iter().find(|a| a.name == "María Fernández");
    assert_eq!(app.store.derived().current_speaker(), maria.map(|a| a.id));
}
