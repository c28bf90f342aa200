//! The screen, drawn on ratatui's TestBackend, and the actions behind it.

mod common;

use minutes::app::{self, Action, App};
use minutes::keymap::action_for;
use minutes::model::EntryKind;
use minutes::store::{Mode, OpenSession};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn app(mode: Mode) -> (tempfile::TempDir, App) {
    let (dir, path) = common::sample_copy();
    (dir, App::new(OpenSession::open(&path, mode).unwrap()))
}

fn draw(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| minutes::ui::render(app, frame))
        .unwrap();
    terminal
}

fn screen(app: &App, width: u16, height: u16) -> String {
    draw(app, width, height).backend().to_string()
}

const NOW: &str = "2026-11-19T16:10:00+01:00";

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

#[test]
fn sample_read_only_at_80x24() {
    let (_dir, app) = app(Mode::ReadOnly);
    insta::assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn typing_a_note_with_chinese_text_at_80x24() {
    let (_dir, mut app) = app(Mode::ReadWrite);
    app::update(
        &mut app,
        Action::Type("会议结束 — next: Vienna".into()),
        common::at(NOW),
    );
    let typing = screen(&app, 80, 24);
    assert!(typing.contains("› 会议结束 — next: Vienna"), "{typing}");
    app::update(&mut app, Action::Submit, common::at(NOW));
    insta::assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn sample_at_40x12_stays_legible() {
    let (_dir, app) = app(Mode::ReadWrite);
    insta::assert_snapshot!(screen(&app, 40, 12));
}

#[test]
fn tiny_terminals_do_not_panic() {
    let (_dir, mut app) = app(Mode::ReadWrite);
    app.message = Some("Recovered 3 changes made after the last save.".into());
    app::update(
        &mut app,
        Action::Type("王丽王丽王丽王丽".into()),
        common::at(NOW),
    );
    for w in 0..12 {
        for h in 0..6 {
            draw(&app, w, h);
        }
    }
}

#[test]
fn submit_logs_a_timestamped_note_and_clears_the_line() {
    let (_dir, mut app) = app(Mode::ReadWrite);
    let before = app.store.session().entries.len();
    app::update(
        &mut app,
        Action::Type("  Li Na will join next time  ".into()),
        common::at(NOW),
    );
    app::update(&mut app, Action::Submit, common::at(NOW));
    let entries = &app.store.session().entries;
    assert_eq!(entries.len(), before + 1);
    let last = entries.last().unwrap();
    assert_eq!(
        (last.text.as_str(), last.kind.clone(), last.at),
        (
            "Li Na will join next time",
            EntryKind::Note,
            common::at(NOW)
        )
    );
    assert_eq!(last.id.0 as usize, before + 1);
    assert!(app.input.is_empty());
}

#[test]
fn an_empty_line_logs_nothing() {
    let (_dir, mut app) = app(Mode::ReadWrite);
    let before = app.store.session().clone();
    app::update(&mut app, Action::Type("   ".into()), common::at(NOW));
    app::update(&mut app, Action::Submit, common::at(NOW));
    assert_eq!(app.store.session(), &before);
}

#[test]
fn a_note_that_cannot_be_logged_stays_in_the_input_line() {
    let (_dir, mut app) = app(Mode::ReadOnly);
    app::update(&mut app, Action::Type("keep me".into()), common::at(NOW));
    app::update(&mut app, Action::Submit, common::at(NOW));
    assert_eq!(app.input, "keep me");
    assert_eq!(
        app.message.as_deref(),
        Some("the session is open read-only")
    );
}

#[test]
fn backspace_removes_a_whole_wide_character() {
    let (_dir, mut app) = app(Mode::ReadWrite);
    app::update(&mut app, Action::Type("王丽".into()), common::at(NOW));
    app::update(&mut app, Action::Backspace, common::at(NOW));
    assert_eq!(app.input, "王");
}

#[test]
fn scrolling_stays_within_the_log() {
    let (_dir, mut app) = app(Mode::ReadOnly);
    let n = app.store.session().entries.len();
    app::update(&mut app, Action::ScrollUp(1000), common::at(NOW));
    assert_eq!(app.scroll, n - 1);
    let top = screen(&app, 80, 24);
    assert!(top.contains("Welcomed the participants"), "{top}");
    app::update(&mut app, Action::ScrollDown(1000), common::at(NOW));
    assert_eq!(app.scroll, 0);
}

#[test]
fn q_quits_on_an_empty_line_but_is_a_letter_in_text() {
    let (_dir, mut app) = app(Mode::ReadWrite);
    assert_eq!(
        action_for(key(KeyCode::Char('q')), &app),
        Some(Action::Quit)
    );
    app.input.push('a');
    assert_eq!(
        action_for(key(KeyCode::Char('q')), &app),
        Some(Action::Type("q".into()))
    );
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(
        action_for(ctrl_c, &app),
        Some(Action::Quit),
        "Ctrl+C quits (and saves) too"
    );
}

#[test]
fn the_hint_bar_shows_the_keymap_table() {
    let (_dir, app) = app(Mode::ReadWrite);
    let bottom = screen(&app, 120, 24).lines().last().unwrap().to_string();
    for binding in minutes::keymap::KEYS {
        assert!(
            bottom.contains(binding.keys) && bottom.contains(binding.what),
            "{bottom}"
        );
    }
}
