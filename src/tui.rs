//! The terminal: setup and restore, and the event loop.

use std::io::{self, IsTerminal};
use std::time::Duration;

use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::crossterm::execute;

use crate::app::{self, Action, App};
use crate::store::OpenSession;

/// Runs the app until the user quits; hands back the session to be closed.
/// The terminal is restored however this ends, a panic included.
pub fn run(mut app: App) -> io::Result<OpenSession> {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        return Err(io::Error::other(
            "not a terminal; run minutes in a terminal, or use `minutes export`",
        ));
    }
    let mut terminal = ratatui::try_init()?;
    let _ = execute!(io::stdout(), EnableBracketedPaste);
    let result = event_loop(&mut terminal, &mut app);
    let _ = execute!(io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    result.map(|()| app.store)
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, app: &mut App) -> io::Result<()> {
    while !app.quit {
        terminal.draw(|frame| crate::ui::render(app, frame))?;
        if !event::poll(Duration::from_millis(500))? {
            // Idle: retry journal writes that failed (disk full).
            if app.store.unsaved() > 0 && app.store.flush() {
                app.message = None;
            }
            continue;
        }
        let action = match event::read()? {
            Event::Key(key) => crate::keymap::action_for(key, app),
            Event::Paste(text) => Some(Action::Type(text)),
            _ => None,
        };
        if let Some(action) = action {
            app::update(app, action, chrono::Local::now().fixed_offset());
        }
    }
    Ok(())
}
