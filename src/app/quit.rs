//! Quitting while changes exist only in memory: the journal could not be
//! written (a full disk) and neither could the file. `minutes` never ends
//! then without saying so and offering a way out.

use std::path::PathBuf;

use tui_input::Input;

use super::{App, Mode};

/// The question asked on quit when changes are only in memory.
#[derive(Debug, Clone, Default)]
pub struct Unsaved {
    /// What the user types: `retry`, `rescue` or `discard`.
    pub answer: Input,
    /// What the last answer led to, shown in the question itself (the
    /// status line is busy saying what is not on disk).
    pub feedback: Option<String>,
}

impl PartialEq for Unsaved {
    fn eq(&self, other: &Unsaved) -> bool {
        self.answer.value() == other.answer.value()
            && self.answer.cursor() == other.answer.cursor()
            && self.feedback == other.feedback
    }
}

impl Eq for Unsaved {}

/// The words the question takes, and what each does.
pub const ANSWERS: [(&str, &str); 3] = [
    (
        "retry",
        "write the journal and the file again, and quit if it works",
    ),
    (
        "rescue",
        "write the whole session to a new file elsewhere, then quit",
    ),
    ("discard", "quit, losing the changes that are not on disk"),
];

/// How the run ended, for what is said after the screen closes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Ending {
    #[default]
    Normal,
    /// A rescue copy was written here from the question.
    Rescued(PathBuf),
    /// The user typed `discard`.
    Discarded,
}

/// How soon a second Ctrl+Q must follow the first while the meeting runs.
pub const QUIT_AGAIN_SECONDS: i64 = 5;

/// Quit, unless changes are only in memory: then try once more to write
/// them, and ask if that fails.
pub(super) fn request(app: &mut App) {
    // Ctrl+C is also "copy" to many people: mid-meeting it takes two.
    let armed = app
        .quit_armed
        .is_some_and(|at| (app.now - at).num_seconds() < QUIT_AGAIN_SECONDS);
    if app.meeting_running() && !app.store.is_read_only() && !armed {
        app.quit_armed = Some(app.now);
        app.info("The meeting is still running: press it again to save and quit (nothing is lost); /end ends the meeting");
        return;
    }
    // A save being written in the background ends first (its result is
    // said), so that what is saved at the end is only what it lacks.
    super::wait_for_save(app);
    if app.store.is_read_only() || nothing_only_in_memory(app) {
        app.quit = true;
        return;
    }
    app.mode = Mode::Unsaved(Unsaved::default());
    app.error(format!(
        "{} change{} are only in memory: the disk is full or failing",
        app.store.unsaved(),
        if app.store.unsaved() == 1 { "" } else { "s" }
    ));
}

/// Writes what it can; true when nothing is left only in memory.
fn nothing_only_in_memory(app: &mut App) -> bool {
    // The journal first; else the whole file, which holds everything.
    app.store.unsaved() == 0 || app.store.flush() || app.store.save().is_ok()
}

/// Enter in the question.
pub(super) fn answer(app: &mut App) {
    let Mode::Unsaved(question) = &app.mode else {
        return;
    };
    let word = question.answer.value().trim().to_lowercase();
    match word.as_str() {
        "" | "retry" => {
            if nothing_only_in_memory(app) {
                app.quit = true;
            } else {
                let why = app.store.last_error().unwrap_or("the disk refuses writes");
                let why = format!("still cannot write: {why}");
                reply(app, why);
            }
        }
        "rescue" => match app.store.write_rescue(&app.rescue_dirs) {
            Ok(path) => {
                app.ending = Ending::Rescued(path);
                app.quit = true;
            }
            Err(why) => reply(app, format!("no rescue copy could be written: {why}")),
        },
        "discard" => {
            app.ending = Ending::Discarded;
            app.quit = true;
        }
        other => {
            let why = format!(
                "{other:?} is not an answer: type retry, rescue or discard in full, then Enter"
            );
            reply(app, why);
        }
    }
}

/// Says what came of an answer, and clears it for the next.
fn reply(app: &mut App, text: String) {
    if let Mode::Unsaved(question) = &mut app.mode {
        question.answer.reset();
        question.feedback = Some(text);
    }
}
