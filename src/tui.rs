//! The terminal: setup and restore, the event loop, signals.
//!
//! One thread reads the terminal and nothing else: every event it reads is
//! stamped with the time it arrived and handed to the event loop in order,
//! so that no key waits for another, a key's entry gets the time it was
//! typed, and nothing is applied after `Quit`.

use std::io::{self, IsTerminal};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, Event,
};
use ratatui::crossterm::execute;

use crate::app::{self, Action, App};
use crate::model::Timestamp;

/// How often the clocks on screen move on when nothing else happens.
const TICK: Duration = Duration::from_millis(250);

/// How long the reader waits for input before it looks at its stop flag
/// and at whether the terminal is still there.
const READER_POLL: Duration = Duration::from_millis(50);

/// The signals that ask `minutes` to save and stop: SIGTERM, SIGHUP (the
/// terminal window was closed), SIGINT, and those whose default would end
/// the process with the terminal left raw and nothing saved: SIGQUIT,
/// SIGUSR1/2, SIGALRM, SIGXCPU, and SIGPWR (a UPS says the power is going).
fn stop_signals() -> Vec<i32> {
    use signal_hook::consts::*;
    #[allow(unused_mut)]
    let mut signals = vec![
        SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGXCPU,
    ];
    #[cfg(target_os = "linux")]
    signals.push(libc::SIGPWR);
    signals
}

/// Runs the app until the user quits or a signal asks it to stop. The app,
/// and so the session, is handed back even when the terminal failed, so
/// that it is always closed and saved. The terminal is restored however
/// this ends, a panic included.
pub fn run(mut app: App) -> (App, io::Result<()>) {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        let err =
            io::Error::other("not a terminal; run minutes in a terminal, or use `minutes export`");
        return (app, Err(err));
    }
    let stop = Arc::new(AtomicBool::new(false));
    for signal in stop_signals() {
        if let Err(e) = signal_hook::flag::register(signal, Arc::clone(&stop)) {
            return (app, Err(e));
        }
    }
    let mut terminal = match ratatui::try_init() {
        Ok(t) => t,
        Err(e) => return (app, Err(e)),
    };
    let _ = execute!(io::stdout(), EnableBracketedPaste);
    if app.mouse {
        capture_mouse();
    }
    // An earlier run killed (kill -9) left its screen in the alternate
    // screen: the first frame draws only what differs from a blank one, so
    // clear what is there first.
    let _ = terminal.clear();
    if let Ok(size) = terminal.size() {
        app.viewport = (size.width, size.height);
    }
    let reader = Reader::start(Arc::clone(&stop));
    let result = event_loop(&mut terminal, &mut app, &stop, &reader.events);
    // Keys typed from now on belong to the shell, not to us.
    reader.stop();
    release_mouse();
    let _ = execute!(io::stdout(), DisableBracketedPaste);
    // Not `ratatui::restore()`: it prints its error, and printing to a
    // terminal that is gone panics.
    let _ = ratatui::try_restore();
    (app, result)
}

/// Whether the terminal was asked for the mouse's events: then it must be
/// told to stop, however the run ends, or it is left sending them to the
/// shell (clicks typed as `^[[<0;12;5M`, its own selection gone).
static MOUSE_CAPTURED: AtomicBool = AtomicBool::new(false);

/// Asks the terminal for the mouse's events, and makes sure a panic gives
/// them back (ratatui's panic hook restores the rest of the terminal).
fn capture_mouse() {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            release_mouse();
            previous(info);
        }));
    });
    // Marked first: even a write that failed half-way is undone.
    MOUSE_CAPTURED.store(true, Ordering::SeqCst);
    // Presses, releases and the wheel (1000), in SGR form (1006), which
    // holds any column; not crossterm's `EnableMouseCapture`, which asks
    // for every move of the pointer too, each a frame redrawn for nothing.
    let mut out = io::stdout();
    let _ = io::Write::write_all(&mut out, b"\x1b[?1000h\x1b[?1006h");
    let _ = io::Write::flush(&mut out);
}

/// Gives the mouse back to the terminal, if it was taken (once): every
/// mode of mouse reporting off, whichever a terminal took.
fn release_mouse() {
    if MOUSE_CAPTURED.swap(false, Ordering::SeqCst) {
        let _ = execute!(io::stdout(), DisableMouseCapture);
    }
}

fn now() -> Timestamp {
    chrono::Local::now().fixed_offset()
}

/// What the reader thread hands over.
enum Input {
    /// An event, and when it arrived.
    Event(Event, Timestamp),
    /// The terminal hung up: nothing will ever come.
    Gone,
    Failed(io::Error),
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    stop: &AtomicBool,
    events: &Receiver<Input>,
) -> io::Result<()> {
    while !app.quit && !stop.load(Ordering::Relaxed) {
        if std::mem::take(&mut app.bell) {
            // Heard, not seen: the terminal's bell (BEL) for an error.
            let _ = io::Write::write_all(&mut io::stdout(), b"\x07");
        }
        // A save written in the background may have ended: its result
        // is applied here, not only at ticks, which typing holds off.
        app::poll_save(app);
        terminal.draw(|frame| crate::ui::render(app, frame))?;
        let first = match events.recv_timeout(TICK) {
            Ok(input) => input,
            Err(RecvTimeoutError::Timeout) => {
                app::update(app, Action::Tick, now());
                continue;
            }
            // The reader is gone without a word: the terminal with it.
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        };
        // Everything that has arrived, in order, then draw once; nothing
        // after a quit.
        let mut next = Some(first);
        while let Some(input) = next.take() {
            match input {
                Input::Event(event, at) => handle(app, event, at),
                // The terminal is gone (window closed): stop, and save.
                Input::Gone => return Ok(()),
                Input::Failed(e) => return Err(e),
            }
            if app.quit || stop.load(Ordering::Relaxed) {
                break;
            }
            next = events.try_recv().ok();
        }
    }
    Ok(())
}

fn handle(app: &mut App, event: Event, at: Timestamp) {
    let action = match event {
        Event::Key(key) => crate::keymap::action_for(key, app),
        Event::Paste(text) => Some(Action::Paste(text)),
        // Only read with the mouse switched on; nothing if off.
        Event::Mouse(mouse) => crate::mouse::action(&mouse, app),
        // Redrawn after every batch; the app keeps the size for scrolling.
        Event::Resize(width, height) => Some(Action::Resize(width, height)),
        _ => None,
    };
    if let Some(action) = action {
        app::update(app, action, at);
    }
}

/// The thread that reads the terminal.
struct Reader {
    events: Receiver<Input>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Reader {
    fn start(app_stop: Arc<AtomicBool>) -> Reader {
        let (tx, events) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let thread_stop = Arc::clone(&stop);
        let thread = std::thread::Builder::new()
            .name("terminal reader".into())
            .spawn(move || read_terminal(&tx, &thread_stop, &app_stop))
            .ok();
        Reader {
            events,
            stop,
            thread,
        }
    }

    fn stop(mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn read_terminal(tx: &Sender<Input>, stop: &AtomicBool, app_stop: &AtomicBool) {
    while !stop.load(Ordering::Relaxed) {
        // crossterm keeps retrying a terminal that hung up (it reads end of
        // file for ever, crossterm-rs/crossterm#793), so ask the terminal
        // ourselves between short waits.
        if terminal_hung_up() {
            let _ = tx.send(Input::Gone);
            return;
        }
        let input = match event::poll(READER_POLL) {
            Ok(false) => continue,
            Ok(true) => match event::read() {
                Ok(event) => Input::Event(event, now()),
                Err(e) => Input::Failed(e),
            },
            // A signal interrupted the wait: the event loop sees its flag.
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => Input::Failed(e),
        };
        let last = matches!(input, Input::Failed(_));
        if tx.send(input).is_err() || last || app_stop.load(Ordering::Relaxed) {
            return;
        }
    }
}

/// Whether the terminal on standard input has hung up (window closed).
#[cfg(unix)]
fn terminal_hung_up() -> bool {
    let mut fd = libc::pollfd {
        fd: libc::STDIN_FILENO,
        // No events asked for: hang-up and errors are always reported, and
        // nothing is taken from the input.
        events: 0,
        revents: 0,
    };
    // SAFETY: one valid pollfd, and its count; no waiting.
    let ready = unsafe { libc::poll(&mut fd, 1, 0) };
    ready > 0 && fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

#[cfg(not(unix))]
fn terminal_hung_up() -> bool {
    false
}
