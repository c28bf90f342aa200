//! The application state and the one function that changes it. No terminal
//! here: [`update`] is tested directly.

use crate::model::{Change, Edit, Entry, EntryKind, Timestamp};
use crate::store::OpenSession;

/// Everything the screen shows.
#[derive(Debug)]
pub struct App {
    pub store: OpenSession,
    /// The quick-entry line.
    pub input: String,
    /// The last thing to tell the user (recovery, an error).
    pub message: Option<String>,
    /// Log rows scrolled up from the newest (0: following the tail).
    pub scroll: usize,
    pub quit: bool,
}

/// Everything the user can do, whatever key does it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Type(String),
    Backspace,
    /// Log the quick-entry line as a note.
    Submit,
    ScrollUp(usize),
    ScrollDown(usize),
    Quit,
}

impl App {
    pub fn new(store: OpenSession) -> App {
        let message = store.recovery().message();
        App {
            store,
            input: String::new(),
            message,
            scroll: 0,
            quit: false,
        }
    }
}

/// Applies an action; `now` timestamps whatever it logs.
pub fn update(app: &mut App, action: Action, now: Timestamp) {
    match action {
        Action::Type(text) => app.input.push_str(&text),
        Action::Backspace => {
            app.input.pop();
        }
        Action::Submit => {
            let text = app.input.trim().to_string();
            if text.is_empty() {
                return;
            }
            let session = app.store.session();
            let entry = Entry {
                id: session.next_entry_id(),
                at: now,
                agenda_item: session.current_agenda_item().map(|a| a.id),
                kind: EntryKind::Note,
                text,
            };
            let index = session.entries.len();
            match app
                .store
                .apply(Change::Entry(Edit::Insert { index, item: entry }))
            {
                Ok(_) => {
                    app.input.clear();
                    app.scroll = 0;
                    app.message = app.store.last_error().map(str::to_string);
                }
                // The text stays in the input line: nothing typed is lost.
                Err(e) => app.message = Some(e.to_string()),
            }
        }
        Action::ScrollUp(n) => {
            app.scroll = (app.scroll + n).min(app.store.session().entries.len().saturating_sub(1));
        }
        Action::ScrollDown(n) => app.scroll = app.scroll.saturating_sub(n),
        Action::Quit => app.quit = true,
    }
}
