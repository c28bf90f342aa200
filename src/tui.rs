//! The terminal: setup and restore, the event loop, signals.

use std::io::{self, IsTerminal};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::crossterm::execute;

use crate::app::{self, Action, App};
use crate::store::OpenSession;

/// How often the clocks on screen move on when nothing else happens.
const TICK: Duration = Duration::from_millis(250);

/// Runs the app until the user quits or a signal (SIGTERM, SIGHUP: the
/// terminal window was closed; SIGINT) asks it to stop. The session is
/// handed back even when the terminal failed, so that it is always closed
/// and saved. The terminal is restored however this ends, a panic included.
pub fn run(mut app: App) -> (OpenSession, io::Result<()>) {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        let err =
            io::Error::other("not a terminal; run minutes in a terminal, or use `minutes export`");
        return (app.store, Err(err));
    }
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        if let Err(e) = signal_hook::flag::register(signal, Arc::clone(&stop)) {
            return (app.store, Err(e));
        }
    }
    let mut terminal = match ratatui::try_init() {
        Ok(t) => t,
        Err(e) => return (app.store, Err(e)),
    };
    let _ = execute!(io::stdout(), EnableBracketedPaste);
    let result = event_loop(&mut terminal, &mut app, &stop);
    let _ = execute!(io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    (app.store, result)
}

fn now() -> crate::model::Timestamp {
    chrono::Local::now().fixed_offset()
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    stop: &AtomicBool,
) -> io::Result<()> {
    while !app.quit && !stop.load(Ordering::Relaxed) {
        terminal.draw(|frame| crate::ui::render(app, frame))?;
        if !event::poll(TICK)? {
            app::update(app, Action::Tick, now());
            continue;
        }
        let action = match event::read()? {
            Event::Key(key) => crate::keymap::action_for(key, app),
            Event::Paste(text) => Some(Action::Paste(text)),
            _ => None,
        };
        if let Some(action) = action {
            app::update(app, action, now());
        }
    }
    Ok(())
}
