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
    // Not `ratatui::restore()`: it prints its error, and printing to a
    // terminal that is gone panics.
    let _ = ratatui::try_restore();
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
        match wait_for_input(TICK)? {
            // The terminal is gone (window closed): stop, and save.
            Input::Gone => return Ok(()),
            Input::Idle => app::update(app, Action::Tick, now()),
            Input::Ready => {
                // Everything that arrived, then draw once.
                while event::poll(Duration::ZERO)? {
                    let action = match event::read()? {
                        Event::Key(key) => crate::keymap::action_for(key, app),
                        Event::Paste(text) => Some(Action::Paste(text)),
                        _ => None,
                    };
                    if let Some(action) = action {
                        app::update(app, action, now());
                    }
                }
            }
        }
    }
    Ok(())
}

/// What the terminal has for us.
enum Input {
    Ready,
    Idle,
    /// Hung up: nothing will ever come.
    Gone,
}

/// Waits up to `timeout` for input on the terminal.
///
/// crossterm spins for ever, at full CPU, inside `event::poll` once the
/// terminal has hung up (crossterm-rs/crossterm#793: its reader retries a
/// read that keeps returning end of file). So the terminal is asked first,
/// and crossterm is only called when there is something to read.
#[cfg(unix)]
fn wait_for_input(timeout: Duration) -> io::Result<Input> {
    let mut fd = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    };
    let millis = i32::try_from(timeout.as_millis()).unwrap_or(i32::MAX);
    // SAFETY: one valid pollfd, and its count.
    let ready = unsafe { libc::poll(&mut fd, 1, millis) };
    if ready < 0 {
        let err = io::Error::last_os_error();
        // A signal (SIGTERM, a resize) is no input; the loop checks the flags.
        return if err.kind() == io::ErrorKind::Interrupted {
            Ok(Input::Idle)
        } else {
            Err(err)
        };
    }
    if fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
        return Ok(Input::Gone);
    }
    Ok(if ready == 0 {
        Input::Idle
    } else {
        Input::Ready
    })
}

#[cfg(not(unix))]
fn wait_for_input(timeout: Duration) -> io::Result<Input> {
    Ok(if event::poll(timeout)? {
        Input::Ready
    } else {
        Input::Idle
    })
}
