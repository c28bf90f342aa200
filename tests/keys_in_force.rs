//! What the status line and the screen say name the keys in force: a key
//! the user rebound (the config file's `keys`) is named as they bound it,
//! never as the default.

mod common;

use common::drive::{app_on, ch, enter, key, press, said, screen};
use common::t;
use minutes::app::quick::Marked;
use minutes::app::{Action, App, Purpose};
use minutes::keymap::{Key, Keys};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn keys(names: &[&str]) -> Vec<Key> {
    names.iter().map(|n| n.parse().unwrap()).collect()
}

/// Undo on Ctrl+B, a note on Alt+M, the next topic on F12, the speaker
/// picker on F11.
fn rebound() -> (tempfile::TempDir, App) {
    let (dir, mut app) = app_on(common::before_meeting());
    let map = &mut app.keymap;
    map.rebind(Keys::Global, Action::Undo, keys(&["Ctrl+B"]))
        .unwrap();
    map.rebind(Keys::Entry, Action::Mark(Marked::Note), keys(&["Alt+M"]))
        .unwrap();
    map.rebind(Keys::Entry, Action::NextTopic, keys(&["F12"]))
        .unwrap();
    map.rebind(
        Keys::Entry,
        Action::Pick(Purpose::Speaker),
        keys(&["F11", "Ctrl+O"]),
    )
    .unwrap();
    (dir, app)
}

/// No message names a default key that was rebound.
fn no_default_key_in(all: &[String]) {
    for said in all {
        for default in ["Ctrl+Z", "Alt+N", "Ctrl+N", "Ctrl+P"] {
            assert!(!said.contains(default), "{default} named in {said:?}");
        }
    }
}

#[test]
fn the_status_line_names_the_rebound_undo_and_note_keys() {
    let (_dir, mut app) = rebound();
    let mut all = Vec::new();

    enter(&mut app, "d: Metadata under CC0 — 数据开放 🌻", t(1, 0));
    all.push(said(&app));
    assert_eq!(said(&app), "Decision logged (Alt+M: make it a note)");

    enter(&mut app, "q: Who pays for the servers? @Zoë", t(2, 0));
    all.push(said(&app));
    assert!(
        said(&app).ends_with("(Alt+M: make it a note)"),
        "{}",
        said(&app)
    );

    // The rebound key does it, and says so.
    let alt_m = KeyEvent::new(KeyCode::Char('m'), KeyModifiers::ALT);
    press(&mut app, &[alt_m], t(2, 10));
    all.push(said(&app));
    assert!(said(&app).contains("is now a note"), "{}", said(&app));
    assert!(said(&app).contains("Ctrl+B"), "{}", said(&app));

    // Browse the log and delete the last entry.
    let count = app.store.session().entries.len();
    press(
        &mut app,
        &[key(KeyCode::Esc), key(KeyCode::Delete)],
        t(3, 0),
    );
    all.push(said(&app));
    assert_eq!(app.store.session().entries.len(), count - 1);
    assert_eq!(said(&app), "deleted (Ctrl+B undoes)");

    // Ctrl+B undoes it; the redo key is still the default one.
    let ctrl_b = KeyEvent::new(KeyCode::Char('b'), KeyModifiers::CONTROL);
    press(&mut app, &[ctrl_b], t(3, 5));
    all.push(said(&app));
    assert_eq!(app.store.session().entries.len(), count);
    assert!(
        said(&app).starts_with("Undone (Ctrl+Y redoes)"),
        "{}",
        said(&app)
    );

    // A detail of the meeting.
    press(&mut app, &[key(KeyCode::Esc)], t(4, 0));
    enter(&mut app, "/theme Open data 开放数据", t(4, 0));
    all.push(said(&app));
    assert!(said(&app).ends_with("(Ctrl+B undoes)"), "{}", said(&app));

    // With text in the line, the undo key is refused by its own name.
    enter(&mut app, "a note to take back", t(5, 0));
    let typed: Vec<KeyEvent> = "half 一半".chars().map(ch).collect();
    press(&mut app, &typed, t(5, 0));
    press(&mut app, &[ctrl_b], t(5, 0));
    all.push(said(&app));
    assert!(
        said(&app).starts_with("Ctrl+B undoes what was logged"),
        "{}",
        said(&app)
    );

    no_default_key_in(&all);
}

#[test]
fn screen_texts_name_the_rebound_keys() {
    let (_dir, mut app) = rebound();
    let shown = screen(&app, 80, 24);
    assert!(
        shown.contains("No topic yet: F12 starts the first"),
        "{shown}"
    );
    assert!(!shown.contains("Ctrl+N"), "{shown}");

    enter(&mut app, "s: Welcome", t(1, 0));
    assert_eq!(
        said(&app),
        "no one is speaking: give someone the floor first (F11), or s-: adds to the last speech"
    );
    no_default_key_in(&[said(&app)]);
}

#[test]
fn the_review_the_roll_call_and_an_unknown_command_name_the_rebound_keys() {
    let (_dir, mut app) = app_on(common::before_meeting());
    let map = &mut app.keymap;
    map.rebind(Keys::Entry, Action::Review, keys(&["F10"]))
        .unwrap();
    map.rebind(Keys::Review, Action::Review, keys(&["F10"]))
        .unwrap();
    map.rebind(Keys::Review, Action::ReviewFilters, keys(&["F"]))
        .unwrap();
    map.rebind(
        Keys::Review,
        Action::Mark(Marked::Decision),
        keys(&["Ctrl+D"]),
    )
    .unwrap();
    map.rebind(Keys::Global, Action::Help, keys(&["Ctrl+O"]))
        .unwrap();
    map.rebind(Keys::RollCall, Action::AllPresent, keys(&["Ctrl+E"]))
        .unwrap();
    enter(&mut app, "Agenda agreed, 议程通过 ✅", t(1, 0));

    press(&mut app, &[key(KeyCode::F(10))], t(2, 0));
    assert_eq!(
        said(&app),
        "Review: 1-9 topic, F filter, / search, s statistics; F10 or q: back"
    );
    press(&mut app, &[ch('e')], t(2, 5));
    assert_eq!(
        said(&app),
        "Editing on: Enter edit, Del delete, Ctrl+D/Alt+C/Alt+P/Alt+Q/Alt+A/Alt+N kind, \
         Space done, Alt+X confidential, Ctrl+Z undo"
    );
    press(&mut app, &[key(KeyCode::F(10))], t(2, 10));
    assert_eq!(
        said(&app),
        "Back to the live screen (F10: the review again)"
    );

    enter(&mut app, "/zzz", t(3, 0));
    assert_eq!(
        said(&app),
        "/zzz is not a command; press Ctrl+O for the list"
    );

    press(&mut app, &[key(KeyCode::F(8))], t(4, 0));
    let shown = screen(&app, 80, 24);
    assert!(
        shown.contains("Enter here, Del absent, Ctrl+E all"),
        "{shown}"
    );
}
