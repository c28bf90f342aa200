//! Keys to actions. [`KEYS`] is the single table the key handler and the
//! hint bar both read, so the hints cannot drift from the real keys.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::{Action, App};

/// A key binding as shown to the user.
pub struct Binding {
    pub keys: &'static str,
    pub what: &'static str,
}

pub const KEYS: &[Binding] = &[
    Binding {
        keys: "Enter",
        what: "log note",
    },
    Binding {
        keys: "↑/↓ PgUp/PgDn",
        what: "scroll",
    },
    Binding {
        keys: "Esc/Ctrl+Q",
        what: "save & quit",
    },
];

pub const READ_ONLY_KEYS: &[Binding] = &[
    Binding {
        keys: "↑/↓ PgUp/PgDn",
        what: "scroll",
    },
    Binding {
        keys: "q/Esc",
        what: "quit",
    },
];

/// The action for a key press, if any.
pub fn action_for(key: KeyEvent, app: &App) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let read_only = app.store.is_read_only();
    Some(match key.code {
        KeyCode::Char('q' | 'c') if ctrl => Action::Quit,
        KeyCode::Esc => Action::Quit,
        KeyCode::Char('q') if read_only || app.input.is_empty() => Action::Quit,
        KeyCode::Up => Action::ScrollUp(1),
        KeyCode::Down => Action::ScrollDown(1),
        KeyCode::PageUp => Action::ScrollUp(10),
        KeyCode::PageDown => Action::ScrollDown(10),
        _ if read_only => return None,
        KeyCode::Char(c) if !ctrl => Action::Type(c.to_string()),
        KeyCode::Backspace => Action::Backspace,
        KeyCode::Enter => Action::Submit,
        _ => return None,
    })
}
