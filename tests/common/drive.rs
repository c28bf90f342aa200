//! Driving the app as a user would, without a terminal: keys as the
//! terminal delivers them, lines typed and entered, the screen drawn on
//! ratatui's TestBackend.

use chrono::{DateTime, FixedOffset};
use minutes::app::{self, Action, App};
use minutes::keymap::action_for;
use minutes::model::Session;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// An app on a live copy of `s`, at 14:00.
pub fn app_on(s: Session) -> (tempfile::TempDir, App) {
    let (dir, open) = super::live_session(s);
    (dir, App::new(open, super::t(0, 0)))
}

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

pub fn ch(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

pub fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// Presses keys as the terminal would deliver them, at time `at`.
pub fn press(app: &mut App, keys: &[KeyEvent], at: DateTime<FixedOffset>) {
    for k in keys {
        if let Some(action) = action_for(*k, app) {
            app::update(app, action, at);
        }
    }
}

/// Types text (as a paste: one action) and presses Enter.
pub fn enter(app: &mut App, text: &str, at: DateTime<FixedOffset>) {
    app::update(app, Action::Paste(text.into()), at);
    app::update(app, Action::Submit, at);
}

/// What the status line says.
pub fn said(app: &App) -> String {
    app.status_message()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

pub fn draw(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| minutes::ui::render(app, frame))
        .unwrap();
    terminal
}

pub fn screen(app: &App, width: u16, height: u16) -> String {
    draw(app, width, height).backend().to_string()
}

/// Snapshots a screen with the temporary directory's name taken out.
#[macro_export]
macro_rules! assert_screen {
    ($screen:expr) => {
        insta::with_settings!({ filters => vec![(r"/tmp/\.tmp[A-Za-z0-9]+/", "[TMP]/")] }, {
            insta::assert_snapshot!($screen);
        })
    };
}

/// Waits for the save being written in the background (Ctrl+S, autosave)
/// and applies its result as the next tick would: "Saved", or the error.
pub fn settled(app: &mut App) {
    app::wait_for_save(app);
}
