//! The application state and the one function that changes it. No terminal
//! here: [`update`] is tested directly, with the time passed in.

pub mod dates;
mod details;
mod history;
mod key_names;
pub mod mouse;
mod presence;
pub mod quick;
pub mod quit;
pub mod review;
mod search;
mod timeline;

use std::borrow::Cow;

pub use history::{History, Step};
use tui_input::{Input, InputRequest};

use crate::keymap::Keys;
use crate::model::attendance;
use crate::model::meeting::{self, FoldedRoster};
use crate::model::stats::format_duration;
use crate::model::timeline::Event;
use crate::model::{
    AgendaId, Attendance, Attendee, AttendeeId, Change, Edit, EntryId, EntryKind, Field, Timestamp,
};
use crate::store::OpenSession;
use quick::Intent;
use search::Searches;
use timeline::Timeline;

/// What the keys are doing now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// Typing in the quick-entry line (the default while recording).
    Entry,
    /// Moving through the log, the roster or the agenda to edit or delete.
    Browse,
    /// Choosing a person from a list filtered as you type.
    Pick(Picker),
    Help,
    /// Asked on quit while changes exist only in memory.
    Unsaved(quit::Unsaved),
    /// The review screen (`app.review`): letters are commands, as in a pager.
    Review,
    /// Typing the review's search (`/`).
    ReviewSearch,
    /// The review's filter menu (`f`).
    ReviewFilter,
    /// The review's export menu (`x`).
    ReviewExport,
}

/// A list of attendees filtered by `query`.
#[derive(Debug, Clone)]
pub struct Picker {
    pub purpose: Purpose,
    pub query: Input,
    pub selected: usize,
    /// Whether the selection was moved by hand (↑/↓): only then does Enter
    /// with nothing typed choose, not the first of the roster by chance.
    pub moved: bool,
}

impl PartialEq for Picker {
    fn eq(&self, other: &Picker) -> bool {
        (
            self.purpose,
            self.query.value(),
            self.query.cursor(),
            self.selected,
            self.moved,
        ) == (
            other.purpose,
            other.query.value(),
            other.query.cursor(),
            other.selected,
            other.moved,
        )
    }
}

impl Eq for Picker {}

/// What a chosen person is picked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Purpose {
    Speaker,
    Arrival,
    Departure,
    /// Someone asks to speak: into the queue (or out, if in it).
    Queue,
    /// Marking the people expected present (or absent) one after another:
    /// the list stays open.
    RollCall,
    /// The review shows only the entries of the person chosen.
    ReviewPerson,
}

impl Purpose {
    pub fn title(self) -> &'static str {
        match self {
            Purpose::Speaker => "Who is speaking?",
            Purpose::Queue => "Who asks to speak?",
            Purpose::Arrival => "Who has arrived?",
            Purpose::Departure => "Who has left?",
            Purpose::RollCall => "Roll call: who is here?",
            Purpose::ReviewPerson => "Entries of whom?",
        }
    }

    /// Whether the picker lists `a`: anyone to speak, those not here to
    /// arrive, those here to leave, those not yet seen to be called.
    pub fn offers(self, a: &Attendee) -> bool {
        match self {
            Purpose::Speaker | Purpose::Queue | Purpose::ReviewPerson => true,
            Purpose::Arrival => !a.is_here(),
            Purpose::Departure => a.is_here(),
            Purpose::RollCall => a.attendance == Attendance::Expected,
        }
    }

    /// What the picker says when it lists no one.
    pub fn nobody(self) -> &'static str {
        match self {
            Purpose::Speaker | Purpose::Queue => {
                "No one matches; /join NAME, ORG, ROLE adds someone"
            }
            Purpose::Arrival => "No one still away matches; /join NAME, ORG, ROLE adds someone",
            Purpose::Departure => "No one here matches",
            Purpose::RollCall => "No one still to call matches",
            Purpose::ReviewPerson => "No one on the roster matches",
        }
    }
}

/// The lists that can be browsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Pane {
    Log,
    /// Those who asked to speak, shown above the roster.
    Queue,
    Attendees,
    Agenda,
}

/// What the quick-entry line is editing, when not a new entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Editing {
    Entry(EntryId),
    Attendee(AttendeeId),
    Topic(AgendaId),
}

/// A line for the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    /// Errors stay until something succeeds; other messages fade.
    pub error: bool,
    /// Stays until replaced, like an error, without being one.
    pub sticky: bool,
    pub at: Timestamp,
    /// The kind of entry it confirms, shown in that kind's colour.
    pub kind: Option<EntryKind>,
}

/// How long an informational message stays on the status line.
pub const MESSAGE_SECONDS: i64 = 6;

impl Message {
    pub fn visible(&self, now: Timestamp) -> bool {
        self.error || self.sticky || (now - self.at).num_seconds() < MESSAGE_SECONDS
    }
}

/// Everything the screen shows.
#[derive(Debug)]
pub struct App {
    pub store: OpenSession,
    pub input: Input,
    pub mode: Mode,
    /// The list that browse mode moves in.
    pub focus: Pane,
    /// What the side pane shows; `None`: hidden.
    pub side: Option<Pane>,
    /// The selected row of each list in browse mode.
    pub selected: [usize; 4],
    pub message: Option<Message>,
    /// News that stays (what recovery found), put aside while a newer
    /// message shows.
    pub news: Option<Message>,
    pub history: History,
    pub editing: Option<Editing>,
    /// The line put aside while editing, given back afterwards.
    pub draft: Option<String>,
    /// The line an edit started from, to tell a changed edit from an
    /// untouched one.
    pub edit_started_with: String,
    /// Whether the edit started from browse mode (and goes back there).
    edit_from_browse: bool,
    /// The entry the secretary last logged or added to in this run: what
    /// ↑ on an empty line edits, and Alt+D (and the others) re-kinds.
    pub last_typed: Option<EntryId>,
    /// When quit was asked for once while the meeting runs: asking again
    /// soon after, with no other key between, quits.
    pub quit_armed: Option<Timestamp>,
    /// The terminal's size (columns, rows), for what scrolls by pages.
    pub viewport: (u16, u16),
    pub now: Timestamp,
    /// The line as it was before the last change to it in one step
    /// (Ctrl+U, Ctrl+W, Ctrl+K, a paste, Tab, a marker key): what Ctrl+Z
    /// gives back before it undoes anything logged.
    line_undo: Option<Input>,
    /// Ctrl+Z was refused because the line had text: once the line is
    /// cleared (Ctrl+U), the next Ctrl+Z undoes what was logged, as asked,
    /// rather than give the line back.
    undo_asked: bool,
    /// How far the help overlay is scrolled.
    pub help_scroll: u16,
    /// The help was opened by `?` on an empty line: if a letter follows,
    /// the `?` was the start of a line, and both are typed.
    pub help_from_question: bool,
    /// When this run last wrote the whole file (journalling aside).
    pub saved_at: Option<Timestamp>,
    /// Since when the file has lacked changes (seen at a tick), for autosave.
    dirty_since: Option<Timestamp>,
    /// Ctrl+S was pressed with the session at this `journal_seq`: "Saved"
    /// is said when a save holding it ends.
    save_asked: Option<u64>,
    /// Searches of the roster, kept between frames.
    searches: Searches,
    /// The log's event rows, kept between frames.
    timeline: Timeline,
    /// The log's entries as wrapped for the screen, kept between frames.
    pub wraps: crate::text::WrapMemo,
    pub quit: bool,
    /// An error to be heard: the secretary's eyes are on the call, and a
    /// line refused stays in the input, where the next one would join it.
    pub bell: bool,
    /// Where a rescue copy may be written, in order (see `store::rescue_dirs`).
    pub rescue_dirs: Vec<std::path::PathBuf>,
    /// How the run ended, for what is said after the screen closes.
    pub ending: quit::Ending,
    /// The review screen, shown instead of the live one while `Some`.
    pub review: Option<review::Review>,
    /// The keys in force: the defaults with the config file's rebindings.
    pub keymap: crate::keymap::Keymap,
    /// The colours in force (the config file's, or none with `NO_COLOR`).
    pub theme: crate::ui::theme::Theme,
    /// How often the file is rewritten while changes wait (the config's).
    pub autosave_minutes: i64,
    /// Whether clicks and the wheel are read (the config's or `--mouse`).
    pub mouse: bool,
}

/// Everything the user can do, whatever key does it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Action {
    /// Cursor movement and editing in the line being typed.
    Edit(InputRequest),
    Paste(String),
    Submit,
    Complete,
    /// Entry mode -> browse mode, from the last entry.
    Browse,
    /// Back to typing.
    Type,
    Pick(Purpose),
    PickMove(isize),
    Choose,
    /// Opens the roll call (a picker of the people expected).
    RollCall,
    /// In the roll call: the selected person is absent.
    MarkAbsent,
    /// In the roll call: everyone listed is here.
    AllPresent,
    Cancel,
    NextTopic,
    Undo,
    Redo,
    Move(isize),
    /// To the first of the list (or the top of the help): `Move` as far
    /// as it goes, named so that a config file can say it.
    First,
    /// To the last (the bottom).
    Last,
    CycleFocus,
    ToggleSide,
    EditSelected,
    /// Edit the secretary's last entry (↑ on an empty line).
    EditLast,
    /// While an untouched edit: edit the entry before / after instead.
    EditPrevious,
    EditNext,
    /// Make the line being typed, or the last entry (the selected one
    /// when browsing), this kind.
    Mark(quick::Marked),
    DeleteSelected,
    /// On the agenda: make the selected topic current. On the roster or
    /// the queue: give the selected person the floor.
    Activate,
    /// Give the floor to the first in the queue.
    NextFromQueue,
    /// Queue: move the selected person this many places back (up when
    /// negative).
    Reorder(isize),
    /// Roster: the selected person asks to speak (or no longer does).
    QueueSelected,
    MarkSelected(Attendance),
    ToggleDone,
    Help,
    /// `?` on an empty line: the help, unless a letter follows.
    HelpOnQuestionMark,
    Save,
    /// Time passes: clocks move on, failed writes are retried.
    Tick,
    /// The terminal's new size.
    Resize(u16, u16),
    Quit,
    /// The entry's `confidential` flag (left out of public exports) flips.
    ToggleConfidential,
    /// F9: the review screen from the live one, or back.
    Review,
    /// Review: topic N of the agenda (0: all topics).
    ReviewTopic(usize),
    ReviewFocus(review::Focus),
    /// Review: the statistics, or the topics again.
    ReviewView,
    /// Review: the filter menu.
    ReviewFilters,
    ReviewKind(review::KindFilter),
    /// Review: only the entries of a person, chosen in a picker.
    ReviewPerson,
    /// Review: only the entries of the next organisation.
    ReviewOrganisation,
    /// Review: type a search.
    ReviewSearch,
    /// Review: keep the search typed.
    ReviewSearchDone,
    /// Review: the next match (false: the previous).
    ReviewNext(bool),
    /// Review: editing on or off.
    ReviewEditing,
    /// Review: the export menu.
    ReviewExport,
    /// Review: export in the format of this key of the export menu.
    ExportAs(char),
    /// Review: back to the live screen, or quit when there is none.
    ReviewQuit,
    /// The mouse: a click on a list, on this row of it when on one
    /// (see [`mouse::click`]).
    Click(mouse::Spot, Option<usize>),
    /// The mouse's wheel over a list: its selection moves this many rows.
    Wheel(mouse::Spot, isize),
}

impl Pane {
    fn index(self) -> usize {
        match self {
            Pane::Log => 0,
            Pane::Attendees => 1,
            Pane::Agenda => 2,
            Pane::Queue => 3,
        }
    }
}

impl App {
    /// The user's settings: keys, colours (none with `no_color`), autosave,
    /// mouse.
    pub fn configure(&mut self, config: &crate::config::Config, no_color: bool) {
        self.keymap = config.keys.0.clone();
        self.theme = config.theme(no_color);
        self.autosave_minutes = i64::from(config.autosave_minutes.max(1));
        self.mouse = config.mouse;
    }

    pub fn new(store: OpenSession, now: Timestamp) -> App {
        // Recovery is news worth keeping on screen until the user acts.
        let message = store.recovery().message().map(|text| Message {
            error: store.recovery().is_problem(),
            sticky: true,
            text,
            at: now,
            kind: None,
        });
        let read_only = store.is_read_only();
        let mut app = App {
            input: Input::default(),
            mode: if read_only { Mode::Browse } else { Mode::Entry },
            focus: Pane::Log,
            side: Some(Pane::Attendees),
            selected: [0; 4],
            message,
            news: None,
            history: History::default(),
            editing: None,
            draft: None,
            edit_started_with: String::new(),
            edit_from_browse: false,
            last_typed: None,
            quit_armed: None,
            viewport: (80, 24),
            now,
            line_undo: None,
            undo_asked: false,
            help_scroll: 0,
            help_from_question: false,
            saved_at: None,
            dirty_since: None,
            save_asked: None,
            searches: Searches::default(),
            timeline: Timeline::default(),
            wraps: Default::default(),
            quit: false,
            bell: false,
            rescue_dirs: crate::store::rescue_dirs(store.path(), None),
            ending: quit::Ending::Normal,
            review: None,
            keymap: crate::keymap::Keymap::default(),
            theme: crate::ui::theme::Theme::default(),
            autosave_minutes: AUTOSAVE_MINUTES,
            mouse: false,
            store,
        };
        app.selected[0] = app.store.session().entries.len().saturating_sub(1);
        app.refresh_searches();
        app
    }

    fn len(&self, pane: Pane) -> usize {
        let s = self.store.session();
        match pane {
            Pane::Log => s.entries.len(),
            Pane::Attendees => s.attendees.len(),
            Pane::Agenda => s.agenda.len(),
            Pane::Queue => s.queue.len(),
        }
    }

    /// The selected row of a list, kept within it.
    pub fn selection(&self, pane: Pane) -> Option<usize> {
        let len = self.len(pane);
        (len > 0).then(|| self.selected[pane.index()].min(len - 1))
    }

    /// The attendees the picker shows, best match first.
    pub fn picker_matches(&self) -> Vec<AttendeeId> {
        let s = self.store.session();
        self.picker_rows()
            .iter()
            .map(|i| s.attendees[*i].id)
            .collect()
    }

    /// Where the attendees the picker shows are in the roster, best match
    /// first. Kept from one frame to the next while the query and the roster
    /// stay the same.
    pub fn picker_rows(&self) -> Cow<'_, [usize]> {
        match &self.mode {
            Mode::Pick(p) => self.searches.matches(
                self.store.session(),
                p.query.value(),
                p.purpose,
                picker_front(self.store.session(), p),
            ),
            _ => Cow::Borrowed(&[]),
        }
    }

    /// Who the picker's letters match best in the whole roster, listed or
    /// not (kept between frames with the picker's rows).
    fn picker_best(&self) -> Option<usize> {
        match &self.mode {
            Mode::Pick(p) => self.searches.best(
                self.store.session(),
                p.query.value(),
                p.purpose,
                picker_front(self.store.session(), p),
            ),
            _ => None,
        }
    }

    /// Where the person the picker's letters name is, when the picker does
    /// not list them and Enter would say so rather than choose ("Zoë
    /// Brandtner has left, at 14:30").
    pub fn picker_unlisted(&self) -> Option<String> {
        match presence::meant(self) {
            presence::Meant::Unlisted(b) if !self.picker_rows().is_empty() => {
                let s = self.store.session();
                Some(presence::whereabouts(s, &s.attendees[b]))
            }
            _ => None,
        }
    }

    /// The events the log shows among its entries, each with the number of
    /// entries before it (see [`crate::model::timeline::placed`]).
    pub fn log_events(&self) -> Cow<'_, [(usize, Event)]> {
        self.timeline.placed(self.store.session())
    }

    /// What Enter would make of the line typed (parsed once per change of
    /// the line or the session, not on every frame).
    pub fn intent(&self) -> Cow<'_, Result<Intent, String>> {
        self.searches
            .intent(self.store.session(), self.input.value(), self.now)
    }

    /// The roster folded for finding people by name.
    fn roster(&self) -> Cow<'_, FoldedRoster> {
        self.searches.roster(self.store.session())
    }

    fn refresh_searches(&mut self) {
        let query = match &self.mode {
            Mode::Pick(p) => Some((
                p.query.value(),
                p.purpose,
                picker_front(self.store.session(), p),
            )),
            _ => None,
        };
        self.searches
            .refresh(self.store.session(), query, self.input.value(), self.now);
        self.timeline.refresh(self.store.session());
        if let Some(review) = &mut self.review {
            review.refresh(self.store.session(), self.store.derived());
        }
    }

    fn info(&mut self, text: impl Into<String>) {
        self.say(text, false, None);
    }

    fn error(&mut self, text: impl Into<String>) {
        self.say(text, true, None);
        self.bell = true;
    }

    /// A confirmation in the colour of the kind of entry it is about.
    fn confirm(&mut self, text: impl Into<String>, kind: &EntryKind) {
        self.say(text, false, Some(kind.clone()));
    }

    fn say(&mut self, text: impl Into<String>, error: bool, kind: Option<EntryKind>) {
        // A problem found on opening (a damaged journal) comes back once
        // this message has faded; plain news ("Recovered 58 changes") has
        // been on screen until now, and would only read as stale later.
        if let Some(news) = self.message.take_if(|m| m.sticky)
            && news.error
        {
            self.news = Some(news);
        }
        self.message = Some(Message {
            text: text.into(),
            error,
            sticky: false,
            at: self.now,
            kind,
        });
    }

    /// What the status line shows: the latest message while it is visible,
    /// else the news that stays.
    pub fn status_message(&self) -> Option<&Message> {
        self.message
            .as_ref()
            .filter(|m| m.visible(self.now))
            .or(self.news.as_ref())
    }

    /// Whether the meeting clock runs: started and not ended.
    pub fn meeting_running(&self) -> bool {
        let s = self.store.session();
        s.started_at.is_some() && s.ended_at.is_none()
    }

    /// Applies a change for the user: journalled, undoable. True if made.
    fn apply(&mut self, change: Change) -> bool {
        let before = self.store.session().journal_seq;
        match self.store.apply(change.clone()) {
            Ok(inverse) => {
                self.searches.applied(&change, before, self.store.session());
                self.history.record(inverse);
                self.after_write();
                true
            }
            Err(e) => {
                self.error(e.to_string());
                false
            }
        }
    }

    fn after_write(&mut self) {
        match self.store.last_error() {
            Some(e) => self.error(e.to_string()),
            None => {
                // A write that works clears a write error, not news that
                // must stay until read (what recovery found).
                if self.message.as_ref().is_some_and(|m| m.error && !m.sticky) {
                    self.message = None;
                }
            }
        }
    }
}

/// Applies an action at time `now`.
pub fn update(app: &mut App, action: Action, now: Timestamp) {
    let action = match action {
        Action::First => Action::Move(isize::MIN),
        Action::Last => Action::Move(isize::MAX),
        other => other,
    };
    review::before(app, &action);
    act(app, action, now);
    // Whatever emptied the queue (an undo, too), it is no longer browsed.
    leave_empty_queue(app);
    app.refresh_searches();
}

fn act(app: &mut App, action: Action, now: Timestamp) {
    app.now = now;
    let read_only = app.store.is_read_only();
    // A second quit must follow the first: any other key takes it back.
    if !matches!(action, Action::Quit | Action::Tick | Action::Resize(..)) {
        app.quit_armed = None;
    }
    let one_step = app.mode == Mode::Entry
        && match &action {
            Action::Edit(r) => matches!(
                r,
                InputRequest::DeleteLine
                    | InputRequest::DeleteTillEnd
                    | InputRequest::DeletePrevWord
                    | InputRequest::DeleteNextWord
            ),
            Action::Paste(_) | Action::Complete | Action::Mark(_) => true,
            _ => false,
        };
    let line_before = one_step.then(|| app.input.clone());
    if !matches!(action, Action::Undo | Action::Tick | Action::Resize(..)) {
        app.line_undo = None;
    }
    let clearing = matches!(action, Action::Edit(InputRequest::DeleteLine));
    if !(clearing || matches!(action, Action::Undo | Action::Tick | Action::Resize(..))) {
        app.undo_asked = false;
    }
    if review::in_review(app) && review::act(app, &action) {
        return;
    }
    match action {
        // (`update` makes these moves before the review sees them.)
        Action::First => act(app, Action::Move(isize::MIN), now),
        Action::Last => act(app, Action::Move(isize::MAX), now),
        // Text typed or pasted while browsing or reading the help goes back
        // to typing, into the line: none is lost or taken as a command.
        Action::Edit(InputRequest::InsertChar(_)) | Action::Paste(_)
            if matches!(app.mode, Mode::Browse | Mode::Help) =>
        {
            if read_only {
                app.error("the session is open read-only: browse, search and export only");
            } else {
                if app.mode == Mode::Help && app.help_from_question {
                    app.input.handle(InputRequest::InsertChar('?'));
                }
                app.mode = Mode::Entry;
                act(app, action, now);
            }
        }
        Action::Edit(request) => match &mut app.mode {
            Mode::Pick(picker) => {
                picker.query.handle(request);
                picker.selected = 0;
                picker.moved = false;
            }
            Mode::Unsaved(question) => {
                question.answer.handle(request);
            }
            _ => {
                app.input.handle(request);
            }
        },
        Action::Paste(text) => {
            // A pasted passage becomes one line: entries are single lines on
            // screen; what a terminal would act on (ESC, bidi overrides) goes.
            let text = text.replace("\r\n", "\n");
            let text = crate::text::without_controls(&text).into_owned();
            match &mut app.mode {
                Mode::Pick(picker) => {
                    insert(&mut picker.query, &text);
                    picker.selected = 0;
                    picker.moved = false;
                }
                Mode::Unsaved(question) => insert(&mut question.answer, &text),
                _ => insert(&mut app.input, &text),
            }
        }
        Action::Submit => submit(app, now),
        Action::Complete => {
            let s = app.store.session();
            let line = app.input.value();
            let completed = quick::complete(line, s, &app.roster());
            // The name Tab took, said with who else matched, as Enter would.
            let query = match line.strip_prefix('/').and_then(|l| l.split_once(' ')) {
                Some((_, arg)) => Some(arg),
                None => line.rsplit(' ').next().and_then(|w| w.strip_prefix('@')),
            };
            let also = query.filter(|q| !q.is_empty()).and_then(|q| {
                let roster = app.roster();
                quick::also_matched(&roster.find(s, q), q, s, &roster)
            });
            if let Some(line) = completed {
                app.input = Input::new(line);
                if let Some(also) = also {
                    let s = app.store.session();
                    let said = format!("{} ({})", s.attendee_name(also.chosen), also.sentence(s));
                    app.info(said);
                }
            }
        }
        Action::Browse if app.editing.is_some() => {
            app.info(app.edit_end_keys("the edit"));
        }
        Action::Browse => {
            app.mode = Mode::Browse;
            app.focus = Pane::Log;
            app.selected[0] = app.len(Pane::Log).saturating_sub(1);
        }
        Action::Type => {
            if read_only {
                app.error("the session is open read-only: browse, search and export only");
            } else {
                app.mode = Mode::Entry;
            }
        }
        Action::Pick(Purpose::Speaker) if refused_after_the_end(app) => {}
        Action::Pick(purpose) => {
            if !refused_read_only(app) {
                app.mode = Mode::Pick(Picker {
                    purpose,
                    query: Input::default(),
                    selected: 0,
                    moved: false,
                });
            }
        }
        Action::PickMove(delta) => {
            let n = app.picker_rows().len();
            if let Mode::Pick(p) = &mut app.mode {
                p.selected = step(p.selected, delta, n);
                p.moved = true;
            }
        }
        Action::Choose => choose(app, now),
        Action::RollCall => presence::open(app, now),
        Action::MarkAbsent => {
            if let Some(i) = presence::picked(app) {
                presence::mark(app, i, Attendance::Absent, now);
            }
        }
        Action::AllPresent => presence::all_present(app, now),
        Action::Cancel => cancel(app),
        Action::NextTopic => {
            if refused_after_the_end(app) {
                return;
            }
            let s = app.store.session();
            match meeting::next_topic(s, app.store.derived(), now) {
                Some(change) => {
                    if app.apply(change) {
                        let title = app
                            .store
                            .session()
                            .current_agenda_item()
                            .map(|a| a.title.clone());
                        app.info(match title {
                            Some(t) => format!("Now: {t}"),
                            None => "Agenda done: no topic left".into(),
                        });
                    }
                }
                None if s.agenda.is_empty() => {
                    app.error("the agenda is empty: add a topic with /topic TITLE")
                }
                None => app.error("no topic left on the agenda"),
            }
        }
        // The line first: Ctrl+Z after Ctrl+U gives the line back; with
        // text in the line it undoes nothing logged (the secretary meant
        // the typing), and nothing during an edit (the entry is in hand).
        Action::Undo if app.mode == Mode::Entry && app.line_undo.is_some() && !app.undo_asked => {
            if let Some(line) = app.line_undo.take() {
                app.input = line;
                app.info("the line is back as it was");
            }
        }
        Action::Undo | Action::Redo if app.editing.is_some() => {
            app.error(format!(
                "finish the edit first: {}",
                app.edit_end_keys("it")
            ));
        }
        Action::Undo | Action::Redo
            if app.mode == Mode::Entry && !app.input.value().trim().is_empty() =>
        {
            let clear = app.key_in(Keys::Entry, &Action::Edit(InputRequest::DeleteLine));
            app.error(if action == Action::Undo {
                format!(
                    "{} undoes what was logged, on an empty line: enter or clear ({clear}) this one first",
                    app.undo_key()
                )
            } else {
                format!(
                    "{} redoes what was undone, on an empty line: enter or clear ({clear}) this one first",
                    app.key_in(Keys::Global, &Action::Redo)
                )
            });
            app.undo_asked = action == Action::Undo;
        }
        Action::Undo => step_history(app, Step::Undo),
        Action::Redo => step_history(app, Step::Redo),
        Action::Move(delta) if app.mode == Mode::Help => {
            // Scrolling: the help was wanted, not a `?` at a line's start.
            app.help_from_question = false;
            let (width, height) = app.viewport;
            let last = crate::ui::help::last_scroll(app, width, height);
            let at = app.help_scroll.min(last) as isize;
            app.help_scroll = at.saturating_add(delta).clamp(0, last as isize) as u16;
        }
        Action::Move(delta) => {
            let pane = app.focus;
            let n = app.len(pane);
            let i = pane.index();
            app.selected[i] = step(app.selected[i].min(n.saturating_sub(1)), delta, n);
        }
        Action::CycleFocus => {
            app.focus = match app.focus {
                // The queue is above the roster, when anyone is in it.
                Pane::Log if app.len(Pane::Queue) > 0 => Pane::Queue,
                Pane::Log | Pane::Queue => Pane::Attendees,
                Pane::Attendees => Pane::Agenda,
                Pane::Agenda => Pane::Log,
            };
            if app.focus != Pane::Log {
                app.side = Some(side_of(app.focus));
            }
        }
        Action::ToggleSide => {
            app.side = match app.side {
                Some(Pane::Attendees) => Some(Pane::Agenda),
                Some(_) => None,
                None => Some(Pane::Attendees),
            };
            if app.focus != Pane::Log && app.side != Some(side_of(app.focus)) {
                app.focus = app.side.unwrap_or(Pane::Log);
            }
        }
        Action::EditSelected => edit_selected(app),
        Action::EditLast => match last_entry(app) {
            Some(id) => start_edit_entry(app, id, false),
            None => app.info("nothing to edit yet"),
        },
        Action::EditPrevious | Action::EditNext => edit_neighbour(app, action == Action::EditNext),
        Action::Mark(marked) => mark(app, marked),
        Action::Resize(width, height) => app.viewport = (width, height),
        Action::DeleteSelected => delete_selected(app),
        Action::Activate => activate(app, now),
        Action::NextFromQueue => next_from_queue(app, now),
        Action::Reorder(delta) => reorder(app, delta),
        Action::QueueSelected => {
            if app.focus == Pane::Attendees
                && let Some(i) = app.selection(Pane::Attendees)
            {
                let id = app.store.session().attendees[i].id;
                toggle_queue(app, id);
            }
        }
        Action::MarkSelected(attendance) => {
            if app.focus != Pane::Attendees {
                return;
            }
            let Some(i) = app.selection(Pane::Attendees) else {
                return;
            };
            let s = app.store.session();
            let id = s.attendees[i].id;
            let change = match attendance {
                Attendance::Present | Attendance::Late => arrival(app, id, now),
                Attendance::Absent => presence::absence(app, id, now),
                Attendance::Left => presence::departure(app, id, now),
                other => Some(meeting::set_attendance(
                    s,
                    app.store.derived(),
                    id,
                    other,
                    now,
                )),
            };
            if let Some(change) = change {
                app.apply(change);
            }
        }
        Action::ToggleDone => {
            let Some(i) = app.selection(Pane::Log).filter(|_| app.focus == Pane::Log) else {
                return;
            };
            let mut entry = app.store.session().entries[i].clone();
            if let EntryKind::Action { done, .. } = &mut entry.kind {
                *done = !*done;
                app.apply(Change::Entry(Edit::Replace(entry)));
            }
        }
        Action::HelpOnQuestionMark => {
            act(app, Action::Help, now);
            app.help_from_question = app.mode == Mode::Help;
        }
        Action::Help => {
            app.help_from_question = false;
            // In review, the help opens at the review's keys.
            app.help_scroll = match app.mode {
                Mode::Review | Mode::ReviewSearch | Mode::ReviewFilter | Mode::ReviewExport => {
                    crate::ui::help::section_start(app, app.viewport.0, crate::keymap::Keys::Review)
                }
                _ => 0,
            };
            app.mode = if app.mode == Mode::Help {
                back_mode(app)
            } else {
                Mode::Help
            };
        }
        Action::Save => save(app),
        Action::Tick => {
            poll_save(app);
            if app.store.unsaved() > 0 && app.store.flush() {
                app.info("the journal is written again: everything is on disk");
            }
            if let Some(done) = app.store.watch() {
                app.info(done);
            }
            if !read_only {
                autosave(app);
            }
        }
        Action::Quit => quit::request(app),
        Action::ToggleConfidential => {
            if refused_read_only(app) {
                return;
            }
            match app.selection(Pane::Log).filter(|_| app.focus == Pane::Log) {
                Some(i) if app.mode == Mode::Browse => toggle_confidential(app, i),
                _ => app.error(format!(
                    "{} marks an entry confidential: browse the log ({}) first",
                    app.key_in(Keys::Browse, &Action::ToggleConfidential),
                    app.key_in(Keys::Entry, &Action::Cancel)
                )),
            }
        }
        Action::Review => review::toggle(app),
        // The review's own, handled there while it is shown.
        Action::ReviewTopic(_)
        | Action::ReviewFocus(_)
        | Action::ReviewView
        | Action::ReviewFilters
        | Action::ReviewKind(_)
        | Action::ReviewPerson
        | Action::ReviewOrganisation
        | Action::ReviewSearch
        | Action::ReviewSearchDone
        | Action::ReviewNext(_)
        | Action::ReviewEditing
        | Action::ReviewExport
        | Action::ExportAs(_)
        | Action::ReviewQuit => {}
        Action::Click(spot, row) => mouse::click(app, spot, row, now),
        Action::Wheel(spot, delta) => mouse::wheel(app, spot, delta, now),
    }
    if let Some(before) = line_before
        && app.input.value() != before.value()
    {
        app.line_undo = Some(before);
    }
}

/// The side pane that shows a list: the queue is shown above the roster.
fn side_of(pane: Pane) -> Pane {
    match pane {
        Pane::Queue => Pane::Attendees,
        other => other,
    }
}

/// Who the picker lists first: the queue, when asked who speaks with
/// nothing typed (Enter gives the head of the queue the floor).
fn picker_front<'a>(s: &'a crate::model::Session, picker: &Picker) -> &'a [AttendeeId] {
    match picker.purpose {
        Purpose::Speaker if picker.query.value().trim().is_empty() => &s.queue,
        _ => &[],
    }
}

fn back_mode(app: &App) -> Mode {
    if app.review.is_some() {
        Mode::Review
    } else if app.store.is_read_only() {
        Mode::Browse
    } else {
        Mode::Entry
    }
}

/// Inserts `text` at the cursor in one step, the cursor after it: typing
/// it char by char would copy the line once per char.
pub(super) fn insert(input: &mut Input, text: &str) {
    if text.is_empty() {
        return;
    }
    let value = input.value();
    let cursor = input.cursor();
    let at = value
        .char_indices()
        .nth(cursor)
        .map_or(value.len(), |(i, _)| i);
    let line = format!("{}{text}{}", &value[..at], &value[at..]);
    *input = Input::new(line).with_cursor(cursor + text.chars().count());
}

fn step(current: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    current.saturating_add_signed(delta).min(len - 1)
}

/// Every change is journalled at once; the whole file is rewritten this
/// often too (by default: the config file's `autosave_minutes`), so that it
/// is up to date for anyone reading it meanwhile.
pub const AUTOSAVE_MINUTES: i64 = 5;

/// What Ctrl+S says until the save ends.
const SAVING: &str = "Saving…";

/// Ctrl+S: the file is written by another thread from a copy of the
/// session, and "Saved" said when it is (see `poll_save`).
fn save(app: &mut App) {
    match app.store.start_save() {
        Ok(_) => {
            app.save_asked = Some(app.store.session().journal_seq);
            app.info(SAVING);
        }
        Err(e) => app.error(e.to_string()),
    }
}

fn autosave(app: &mut App) {
    if app.store.is_saving() {
        return;
    }
    if !app.store.has_unsaved_changes() {
        app.dirty_since = None;
        return;
    }
    let since = *app.dirty_since.get_or_insert(app.now);
    if (app.now - since).num_minutes() < app.autosave_minutes {
        return;
    }
    // Said nothing when it works: its result is applied by `poll_save`.
    if let Err(e) = app.store.start_save() {
        // Tried again after the same wait; the journal has every change.
        app.dirty_since = Some(app.now);
        app.error(e.to_string());
    }
}

/// Applies the result of a save written in the background, if it has
/// ended; never waits. Called on every tick, and after every batch of
/// keys (a fast typist leaves no time for ticks).
pub fn poll_save(app: &mut App) {
    while let Some(outcome) = app.store.poll_save() {
        save_ended(app, outcome.seq, outcome.result);
    }
}

/// Waits for the save being written in the background (and one asked for
/// meanwhile), and applies its result: before quitting, and in tests.
pub fn wait_for_save(app: &mut App) {
    while let Some(outcome) = app.store.wait_for_save() {
        save_ended(app, outcome.seq, outcome.result);
    }
}

/// A save that holds every change up to `seq` ended with `result`.
fn save_ended(app: &mut App, seq: u64, result: Result<(), crate::store::SaveError>) {
    match result {
        Ok(()) => {
            app.saved_at = Some(app.now);
            app.dirty_since = None;
            if app.save_asked.is_some_and(|asked| seq >= asked) {
                app.save_asked = None;
                // Unless something else was said since (an entry's undo
                // hint, the quit question): the status line's "file saved
                // HH:MM" says it once that goes.
                if app.message.as_ref().is_none_or(|m| m.text == SAVING) {
                    app.info(format!("Saved {}", app.store.path().display()));
                }
            }
        }
        Err(e) => {
            // Tried again after the autosave's wait; the journal has every change.
            app.dirty_since = Some(app.now);
            if !app.store.is_saving() {
                app.save_asked = None;
            }
            app.error(e.to_string());
        }
    }
}

fn submit(app: &mut App, now: Timestamp) {
    let line = app.input.value().trim().to_string();
    if line.is_empty() {
        if app.editing.is_some() {
            cancel(app);
        }
        return;
    }
    let done = match app.editing {
        Some(target) => {
            let saved = submit_edit(app, target, &line);
            if saved {
                app.info(edit_saved(app, target));
            }
            saved
        }
        None => submit_new(app, &line, now),
    };
    if done {
        app.input.reset();
        if app.editing.take().is_some() {
            // Back where the edit started, the edited row still selected.
            app.input = Input::new(app.draft.take().unwrap_or_default());
            if app.edit_from_browse {
                app.mode = after_edit(app);
            }
        } else {
            app.selected[0] = app.store.session().entries.len().saturating_sub(1);
        }
    }
}

/// What a saved edit says: "Edit saved: 14:05 Decision (Ctrl+Z undoes)".
fn edit_saved(app: &App, target: Editing) -> String {
    let undo = app.undo_hint();
    match target {
        Editing::Entry(id) => {
            app.store
                .session()
                .entry(id)
                .map_or(format!("Edit saved {undo}"), |e| {
                    format!(
                        "Edit saved: {} {} {undo}",
                        e.at.format("%H:%M"),
                        e.kind.label()
                    )
                })
        }
        _ => format!("Edit saved {undo}"),
    }
}

/// A new line: an entry or a command. False (line kept) if it failed.
fn submit_new(app: &mut App, line: &str, now: Timestamp) -> bool {
    let s = app.store.session();
    let parsed = quick::parse_noting(line, s, &app.roster(), now);
    let (intent, also) = match parsed {
        Ok(i) => i,
        Err(e) => {
            let e = match e.strip_suffix(quick::FOR_THE_LIST) {
                Some(head) => format!("{head}; press {} for the list", app.help_key()),
                None => e,
            };
            app.error(e);
            return false;
        }
    };
    let said_before = app.message.clone();
    let done = carry_out(app, intent, now);
    if done && let Some(also) = also {
        say_also(app, &also, said_before);
    }
    done
}

/// A name matched others besides the one taken: said after what the line
/// did, or after the name taken if it said nothing.
fn say_also(app: &mut App, also: &quick::AlsoMatched, said_before: Option<Message>) {
    let s = app.store.session();
    let sentence = also.sentence(s);
    let said = app
        .message
        .take_if(|m| Some(&*m) != said_before.as_ref() && !m.error);
    let (text, kind) = match said {
        Some(m) => (format!("{} ({sentence})", m.text), m.kind),
        None => (
            format!("{} chosen ({sentence})", s.attendee_name(also.chosen)),
            None,
        ),
    };
    app.say(text, false, kind);
}

/// Does what a parsed new line asks. False (line kept) if it failed.
fn carry_out(app: &mut App, intent: Intent, now: Timestamp) -> bool {
    // After the end, notes are still taken (marked as after the meeting);
    // the floor and the agenda no longer move.
    let moves_the_meeting = matches!(intent, Intent::Speaker(_) | Intent::NextTopic);
    if moves_the_meeting && refused_after_the_end(app) {
        return false;
    }
    let s = app.store.session();
    // `/join Frank` for the Frank invited: his arrival, not a second Frank.
    if let Intent::Join {
        name,
        organisation,
        here,
        ..
    } = &intent
        && let Some(id) = presence::on_the_roster(s, name, organisation.as_deref())
    {
        return presence::join_again(app, id, *here, now);
    }
    let said = confirmation(&intent, s, now);
    // Someone of a like name already there (陈静 for `Chen Jing`, Alice
    // Ames for `Alice`) may be who was meant: said, not guessed.
    let said = match &intent {
        Intent::Join { name, .. } => {
            let like = presence::like_named(s, &app.roster(), name, &app.undo_key());
            said.map(|said| format!("{said}{like}"))
        }
        Intent::Detail { .. } => said.map(|said| format!("{said} {}", app.undo_hint())),
        _ => said,
    };
    let change = match intent {
        Intent::Log { kind, text } => {
            let change = meeting::log(s, kind.clone(), text, now);
            if let Change::Entry(Edit::Insert { item, .. }) = &change {
                let id = item.id;
                if app.apply(change) {
                    app.last_typed = Some(id);
                    logged(app, &kind);
                    return true;
                }
            }
            return false;
        }
        Intent::Summary { text, previous } => {
            let speech = if previous {
                meeting::previous_speech(s)
            } else {
                let open = app.store.derived().current_speech();
                open.and_then(|speech| s.entry(speech.id))
            };
            let Some(speech) = speech else {
                app.error(if previous {
                    "no speech before this one to add to".to_string()
                } else {
                    format!(
                        "no one is speaking: give someone the floor first ({}), or s-: adds to the last speech",
                        app.key(&Action::Pick(Purpose::Speaker))
                    )
                });
                return false;
            };
            let (id, who) = (speech.id, speech_of(s, speech));
            if app.apply(meeting::add_to_summary(speech, &text)) {
                app.last_typed = Some(id);
                let kind = app.store.session().entry(id).map(|e| e.kind.clone());
                if let Some(kind) = kind {
                    app.confirm(format!("Added to the summary of {who}"), &kind);
                }
                return true;
            }
            return false;
        }
        Intent::Speaker(id) => {
            let change = meeting::switch_speaker(s, app.store.derived(), id, now);
            if change.is_none() {
                // Nothing to change: say what is so, not what was asked.
                let said = match id {
                    Some(id) => format!("{} has the floor already", s.attendee_name(id)),
                    None => "No one has the floor".to_string(),
                };
                app.info(said);
                return true;
            }
            change
        }
        Intent::NextTopic => {
            act(app, Action::NextTopic, now);
            return true;
        }
        Intent::AddTopic {
            title,
            minutes,
            presenter,
        } => Some(meeting::add_topic(s, title, minutes, presenter)),
        Intent::Join {
            name,
            organisation,
            role,
            here,
        } => Some(meeting::join(s, name, organisation, role, here, now)),
        Intent::Organisation { code, name } => Some(Change::Organisation(Edit::Insert {
            index: s.organisations.len(),
            item: crate::model::Organisation { code, name },
        })),
        Intent::Arrived(id) => match arrival(app, id, now) {
            Some(change) => Some(change),
            None => return true,
        },
        Intent::Left(id) => match presence::departure(app, id, now) {
            Some(change) => Some(change),
            None => return true,
        },
        Intent::RollCall => {
            presence::open(app, now);
            return true;
        }
        Intent::Absent(id) => match presence::absence(app, id, now) {
            Some(change) => Some(change),
            None => return false,
        },
        Intent::Chair(id) => Some(Change::Set(Field::Chair(Some(id)))),
        Intent::Secretary(id) => Some(Change::Set(Field::Secretary(Some(id)))),
        Intent::Start => {
            match meeting::start_meeting(s, now).or_else(|| meeting::reopen_meeting(s)) {
                Some(c) => Some(c),
                None => {
                    app.info("the meeting has already started");
                    return true;
                }
            }
        }
        Intent::Queue(Some(id)) | Intent::Unqueue(id)
            if matches!(intent, Intent::Unqueue(_)) != s.queue.contains(&id) =>
        {
            // `/queue` of someone queued, `/unqueue` of someone not: nothing
            // to toggle.
            app.info(match intent {
                Intent::Unqueue(_) => format!("{} is not in the queue", s.attendee_name(id)),
                _ => format!("{} is in the queue already", s.attendee_name(id)),
            });
            return true;
        }
        Intent::Queue(Some(id)) | Intent::Unqueue(id) => {
            toggle_queue(app, id);
            return true;
        }
        Intent::Queue(None) => {
            let said = match s.queue.as_slice() {
                [] => format!(
                    "The queue is empty: /queue NAME (or {}) adds someone",
                    app.key(&Action::Pick(Purpose::Queue))
                ),
                queue => {
                    let names: Vec<String> = queue
                        .iter()
                        .enumerate()
                        .map(|(i, id)| format!("{} {}", i + 1, s.attendee_name(*id)))
                        .collect();
                    format!("Queue: {}", names.join(", "))
                }
            };
            app.info(said);
            return true;
        }
        Intent::Limit(None) => {
            app.info(match s.speech_limit_seconds {
                Some(limit) => format!(
                    "Each speech is limited to {} (/limit off removes the limit)",
                    format_duration(chrono::Duration::seconds(limit.into()))
                ),
                None => "Speeches have no time limit: /limit 3 sets one of 3 minutes".into(),
            });
            return true;
        }
        Intent::Limit(Some(None)) if s.speech_limit_seconds.is_none() => {
            app.info("Speeches have no time limit");
            return true;
        }
        Intent::Limit(Some(limit)) if limit == s.speech_limit_seconds => {
            app.info("That is the limit already");
            return true;
        }
        Intent::Limit(Some(limit)) => Some(Change::Set(Field::SpeechLimitSeconds(limit))),
        Intent::End => match meeting::end_meeting(s, app.store.derived(), now) {
            Some(c) => Some(c),
            None => {
                app.info("the meeting has already ended");
                return true;
            }
        },
        Intent::Detail { field, .. } => Some(Change::Set(field)),
        Intent::Tell(text) => {
            app.info(text);
            return true;
        }
    };
    let Some(change) = change else { return true };
    let made = app.apply(change);
    if made && let Some(said) = said {
        app.info(said);
    }
    made
}

/// Nothing changes a session opened read-only: true (and the user told so)
/// if this one is.
fn refused_read_only(app: &mut App) -> bool {
    if !app.store.is_read_only() {
        return false;
    }
    app.error("the session is open read-only");
    true
}

/// After `/end`, no one gets the floor and the agenda stays where it is
/// until `/start` reopens the meeting: true (and the user told so) if the
/// meeting has ended.
fn refused_after_the_end(app: &mut App) -> bool {
    let Some(end) = app.store.session().ended_at else {
        return false;
    };
    app.error(format!(
        "the meeting ended at {}: /start reopens it",
        end.format("%H:%M")
    ));
    true
}

/// "Tom Brandl's speech at 14:32".
fn speech_of(s: &crate::model::Session, speech: &crate::model::Entry) -> String {
    let who = match speech.kind {
        EntryKind::Speech { speaker, .. } => s.attendee_name(speaker),
        _ => "?".into(),
    };
    format!("{who}'s speech at {}", speech.at.format("%H:%M"))
}

/// Says what was logged unless a note: a misfiled line must not go unseen.
/// So is a line logged after the end of the meeting.
fn logged(app: &mut App, kind: &EntryKind) {
    let s = app.store.session();
    if let Some(end) = s.ended_at {
        let said = format!(
            "{} logged after the end of the meeting ({}), marked so; /start reopens it",
            capitalised(&a_kind(kind)),
            end.format("%H:%M")
        );
        app.confirm(said, kind);
        return;
    }
    let said = match kind {
        EntryKind::Note => {
            // A confirmation of the line before would read as this one's.
            if app.message.as_ref().is_some_and(|m| !m.error && !m.sticky) {
                app.message = None;
            }
            return;
        }
        EntryKind::Action { owner, due, .. } => {
            let owner = owner.map_or("no owner".to_string(), |o| {
                format!("owner {}", s.attendee_name(o))
            });
            let due = due.map_or("no due date".to_string(), |d| {
                format!("due {}", dates::weekday_and_date(d))
            });
            format!("Action item logged: {owner}, {due} {}", app.note_hint())
        }
        EntryKind::Question { by: Some(by) } => {
            format!(
                "Question logged, asked by {} {}",
                s.attendee_name(*by),
                app.note_hint()
            )
        }
        other => format!("{} logged {}", kind_name(other), app.note_hint()),
    };
    let said = capitalised(&said);
    app.confirm(said, kind);
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The change marking an arrival, or `None` (and the user told why) for
/// someone already here.
fn arrival(app: &mut App, id: AttendeeId, now: Timestamp) -> Option<Change> {
    let s = app.store.session();
    let change = meeting::arrive(s, id, now);
    if change.is_none()
        && let Some(a) = s.attendee(id)
    {
        let said = presence::whereabouts(s, a);
        app.info(said);
    }
    change
}

/// What to tell the user once a command has done its work.
fn confirmation(intent: &Intent, s: &crate::model::Session, now: Timestamp) -> Option<String> {
    let name = |id: &AttendeeId| s.attendee_name(*id);
    let out_of_queue = |id: &AttendeeId| {
        if s.queue.contains(id) {
            " (out of the queue too)"
        } else {
            ""
        }
    };
    let time = now.format("%H:%M");
    Some(match intent {
        Intent::AddTopic {
            title, minutes: 0, ..
        } => format!("Topic added: {title}"),
        Intent::AddTopic { title, minutes, .. } => format!("Topic added: {title} ({minutes} min)"),
        Intent::Join {
            name, here: true, ..
        } => match s.ended_at {
            Some(end) if now > end => format!(
                "{name} added to the roster, joined {time}, after the end of the meeting ({})",
                end.format("%H:%M")
            ),
            _ if attendance::is_late(s, now) => {
                format!("{name} added to the roster, late, joined {time}")
            }
            _ => format!("{name} added to the roster, here from {time}"),
        },
        Intent::Join {
            name, here: false, ..
        } => format!("{name} added to the roster, expected"),
        Intent::Organisation { code, name } => format!("Organisation added: {name} ({code})"),
        Intent::Arrived(id) => presence::arrival_said(s, s.attendee(*id)?, now),
        Intent::Left(id) => format!("{}: left at {time}{}", name(id), out_of_queue(id)),
        Intent::Absent(id) => format!("{}: absent{}", name(id), out_of_queue(id)),
        Intent::Chair(id) => format!("Chair: {}", name(id)),
        Intent::Secretary(id) => format!("Secretary: {}", name(id)),
        Intent::Start => match s.ended_at {
            Some(end) => format!(
                "Meeting reopened (it had ended at {}); /end ends it again",
                end.format("%H:%M")
            ),
            None => format!("Meeting started at {time}"),
        },
        Intent::End => format!("Meeting ended at {time}"),
        // Given the floor, someone not marked here is marked arrived.
        Intent::Speaker(Some(id)) => match s.attendee(*id).filter(|a| !a.is_here()) {
            Some(a) => format!(
                "{} has the floor (marked {})",
                a.name,
                attendance::arriving(s, a, now).label()
            ),
            None => format!("{} has the floor", name(id)),
        },
        Intent::Speaker(None) => "No one has the floor".into(),
        Intent::Limit(Some(Some(limit))) => format!(
            "Each speech is limited to {}: the speaker's clock counts down",
            format_duration(chrono::Duration::seconds((*limit).into()))
        ),
        Intent::Limit(Some(None)) => "Speeches have no time limit now".into(),
        Intent::Detail { said, .. } => said.clone(),
        _ => return None,
    })
}

/// An edited line replaces what it was editing.
fn submit_edit(app: &mut App, target: Editing, line: &str) -> bool {
    let s = app.store.session();
    let change = match target {
        Editing::Entry(id) => {
            let Some(old) = s.entry(id) else {
                return true;
            };
            let mut entry = old.clone();
            if let EntryKind::Speech { .. } = old.kind {
                entry.text = line.to_string();
            } else {
                let parsed = quick::parse(line, s, &app.roster(), app.now);
                match parsed {
                    Ok(Intent::Log { kind, text }) => {
                        entry.kind = match (kind, &old.kind) {
                            // Editing keeps an action's done flag.
                            (
                                EntryKind::Action { owner, due, .. },
                                EntryKind::Action { done, .. },
                            ) => EntryKind::Action {
                                owner,
                                due,
                                done: *done,
                            },
                            (kind, _) => kind,
                        };
                        entry.text = text;
                    }
                    Ok(_) => {
                        app.error("an entry cannot become a command; Esc cancels the edit");
                        return false;
                    }
                    Err(e) => {
                        app.error(e);
                        return false;
                    }
                }
            }
            Change::Entry(Edit::Replace(entry))
        }
        Editing::Attendee(id) => {
            let Some(old) = s.attendee(id) else {
                return true;
            };
            let mut parts = line.splitn(3, ',').map(str::trim);
            let mut a = old.clone();
            a.name = parts.next().unwrap_or_default().to_string();
            let org = parts.next().unwrap_or_default();
            a.organisation = if org.is_empty() {
                None
            } else {
                match meeting::find_organisation(s, org) {
                    Some(o) => Some(o.code.clone()),
                    None => {
                        app.error(format!(
                            "no organisation {org:?}: use one of the codes, or /join to add one"
                        ));
                        return false;
                    }
                }
            };
            a.role = parts.next().unwrap_or_default().to_string();
            if crate::text::is_blank(&a.name) {
                app.error("a name is needed: NAME, ORG, ROLE");
                return false;
            }
            Change::Attendee(Edit::Replace(a))
        }
        Editing::Topic(id) => {
            let Some(old) = s.agenda_item(id) else {
                return true;
            };
            let mut item = old.clone();
            let parsed = quick::parse(&format!("/topic {line}"), s, &app.roster(), app.now);
            match parsed {
                Ok(Intent::AddTopic {
                    title,
                    minutes,
                    presenter,
                }) => {
                    item.title = title;
                    item.planned_minutes = minutes;
                    item.presenter = presenter;
                }
                Err(e) => {
                    app.error(e);
                    return false;
                }
                Ok(_) => return false,
            }
            Change::Agenda(Edit::Replace(item))
        }
    };
    app.apply(change)
}

fn choose(app: &mut App, now: Timestamp) {
    if matches!(app.mode, Mode::Unsaved(_)) {
        return quit::answer(app);
    }
    let Mode::Pick(picker) = &app.mode else {
        return;
    };
    let (purpose, selected) = (picker.purpose, picker.selected);
    let unchosen = picker.query.value().trim().is_empty() && !picker.moved;
    let query = picker.query.value().to_string();
    if purpose == Purpose::Speaker && refused_after_the_end(app) {
        app.mode = Mode::Entry;
        return;
    }
    // Enter with nothing typed takes no one by chance, the first of the
    // roster least of all: only the head of the queue, who is first here.
    // (The roll call calls the roster in its order: its first is meant.)
    // Nor is a list of one: its one person is meant.
    let head_of_queue = purpose == Purpose::Speaker && !app.store.session().queue.is_empty();
    let only_one = app.picker_rows().len() == 1;
    if unchosen && !head_of_queue && !only_one && purpose != Purpose::RollCall {
        app.error(match purpose {
            Purpose::Speaker => {
                "no one is in the queue: type a few letters of the name (or ↓ to choose)"
            }
            _ => "type a few letters of the name (or ↓ to choose)",
        });
        return;
    }
    let Some(i) = presence::picked(app) else {
        return;
    };
    if purpose == Purpose::RollCall {
        return presence::mark(app, i, Attendance::Present, now);
    }
    let id = app.store.session().attendees[i].id;
    if purpose == Purpose::ReviewPerson {
        return review::person_chosen(app, id);
    }
    // Enter on the first match, as `@name` takes it: said if others matched.
    let also = {
        let rows = app.picker_rows();
        (selected == 0)
            .then(|| quick::also_matched(&rows, &query, app.store.session(), &app.roster()))
            .flatten()
    };
    app.mode = Mode::Entry;
    let s = app.store.session();
    let (change, intent) = match purpose {
        Purpose::Speaker => (
            meeting::switch_speaker(s, app.store.derived(), Some(id), now),
            Some(Intent::Speaker(Some(id))),
        ),
        Purpose::Queue => return toggle_queue(app, id),
        Purpose::Arrival | Purpose::RollCall => (arrival(app, id, now), Some(Intent::Arrived(id))),
        Purpose::Departure => (presence::departure(app, id, now), Some(Intent::Left(id))),
        Purpose::ReviewPerson => return,
    };
    // Said as the command would say it: a roster mark is easy to miss.
    let said = intent.and_then(|i| confirmation(&i, app.store.session(), now));
    let said_before = app.message.clone();
    if let Some(change) = change
        && app.apply(change)
    {
        if let Some(said) = said {
            app.info(said);
        }
        if let Some(also) = also {
            say_also(app, &also, said_before);
        }
    }
}

fn cancel(app: &mut App) {
    match app.mode {
        Mode::Pick(Picker {
            purpose: Purpose::RollCall,
            ..
        }) => presence::close(app),
        Mode::Pick(_) | Mode::Help | Mode::Unsaved(_) => app.mode = back_mode(app),
        Mode::Entry if app.editing.is_some() => {
            app.editing = None;
            app.input = Input::new(app.draft.take().unwrap_or_default());
            if app.edit_from_browse {
                app.mode = after_edit(app);
            }
            app.info("edit cancelled: nothing changed");
        }
        Mode::Entry => app.mode = Mode::Browse,
        Mode::Browse => {}
        Mode::Review | Mode::ReviewSearch | Mode::ReviewFilter | Mode::ReviewExport => {
            app.mode = Mode::Review
        }
    }
}

/// Undoes or redoes one step; the step itself is journalled like any change.
fn step_history(app: &mut App, step: Step) {
    let (none, done, failed) = match step {
        Step::Undo => (
            "nothing to undo",
            format!("Undone {}", app.redo_hint()),
            "cannot undo",
        ),
        Step::Redo => ("nothing to redo", "Redone".to_string(), "cannot redo"),
    };
    let Some(change) = app.history.take(step) else {
        app.info(none);
        return;
    };
    let what = undone(&change, app.store.session()).map(|what| match step {
        Step::Undo => what,
        // Redone, an entry or the attendance is as it was changed, not as
        // it was before.
        Step::Redo => what.replace(" as it was", " as changed"),
    });
    let before = app.store.session().journal_seq;
    match app.store.apply(change.clone()) {
        Ok(back) => {
            app.searches.applied(&change, before, app.store.session());
            app.history.taken(step, back);
            app.info(match what {
                Some(what) => format!("{done}: {what}"),
                None => done.to_string(),
            });
            app.after_write();
        }
        Err(e) => {
            app.history.put_back(step, change);
            app.error(format!("{failed}: {e}"));
        }
    }
}

/// What undoing or redoing `change` does to an entry or to someone's
/// attendance, in words: "the 14:40 note “entry A important” taken out",
/// "Tom Brandl marked expected again". `None` for other changes.
fn undone(change: &Change, s: &crate::model::Session) -> Option<String> {
    let entry = |e: &crate::model::Entry| match e.kind {
        // A speech is its speaker's (its summary is often empty).
        EntryKind::Speech { speaker, .. } => {
            format!(
                "{}'s speech at {}",
                s.attendee_name(speaker),
                e.at.format("%H:%M")
            )
        }
        _ => format!(
            "the {} {} “{}”",
            e.at.format("%H:%M"),
            e.kind.label().to_lowercase(),
            crate::text::fit(&e.text, 30)
        ),
    };
    match change {
        Change::Entry(Edit::Remove(id)) => s.entry(*id).map(|e| format!("{} taken out", entry(e))),
        Change::Entry(Edit::Insert { item, .. }) => Some(format!("{} back", entry(item))),
        Change::Entry(Edit::Replace(e)) => Some(format!("{} as it was", entry(e))),
        // Said for a change of attendance, not of a name or role.
        Change::Attendee(Edit::Replace(a)) => s
            .attendee(a.id)
            .filter(|now| (now.attendance, now.joined_at) != (a.attendance, a.joined_at))
            .map(|_| format!("{} marked {} again", a.name, a.attendance.label())),
        // A whole roll call at once.
        Change::Batch(changes)
            if changes.len() > 1
                && changes
                    .iter()
                    .all(|c| matches!(c, Change::Attendee(Edit::Replace(_)))) =>
        {
            Some(format!(
                "the attendance of {} people as it was",
                changes.len()
            ))
        }
        Change::Batch(changes) => changes.iter().find_map(|c| undone(c, s)),
        Change::Set(Field::Queue(queue)) => Some(match queue.len() {
            0 => "the queue empty again".to_string(),
            n => format!("the queue as it was ({n} waiting)"),
        }),
        Change::Set(Field::SpeechLimitSeconds(limit)) => Some(match limit {
            Some(l) => format!(
                "speeches limited to {} again",
                format_duration(chrono::Duration::seconds((*l).into()))
            ),
            None => "no time limit again".to_string(),
        }),
        Change::Set(Field::StartedAt(None)) => Some("the meeting not started again".into()),
        Change::Set(Field::EndedAt(None)) => Some("the meeting not ended again".into()),
        Change::Attendee(Edit::Remove(id)) => s
            .attendee(*id)
            .map(|a| format!("{} taken off the roster", a.name)),
        Change::Set(field) => details::now_set(field),
        _ => None,
    }
}

fn edit_selected(app: &mut App) {
    if refused_read_only(app) {
        return;
    }
    let s = app.store.session();
    let Some(i) = app.selection(app.focus) else {
        return;
    };
    let (target, line) = match app.focus {
        Pane::Log => return start_edit_entry(app, s.entries[i].id, true),
        // Nothing to edit in the queue: Enter gives the floor.
        Pane::Queue => return activate(app, app.now),
        Pane::Attendees => {
            let a = &s.attendees[i];
            let line = format!(
                "{}, {}, {}",
                a.name,
                a.organisation.clone().unwrap_or_default(),
                a.role
            );
            (
                Editing::Attendee(a.id),
                line.trim_end_matches([',', ' ']).to_string(),
            )
        }
        Pane::Agenda => {
            let t = &s.agenda[i];
            let minutes = if t.planned_minutes > 0 {
                format!(" {}", t.planned_minutes)
            } else {
                String::new()
            };
            let presenter = t
                .presenter
                .and_then(|p| s.attendee(p))
                .map(|a| format!(" @{}", a.name.replace(' ', "_")))
                .unwrap_or_default();
            (
                Editing::Topic(t.id),
                format!("{}{minutes}{presenter}", t.title),
            )
        }
    };
    start_edit(app, target, line, true);
}

/// Puts `line` in the quick-entry line to edit `target`; the line typed so
/// far is put aside and given back afterwards.
fn start_edit(app: &mut App, target: Editing, line: String, from_browse: bool) {
    if app.editing.is_none() {
        app.draft = Some(app.input.value().to_string());
        app.edit_from_browse = from_browse;
    }
    app.editing = Some(target);
    app.edit_started_with = line.clone();
    app.input = Input::new(line);
    app.mode = Mode::Entry;
}

/// Edits entry `id`, selected in the log so that it shows.
fn start_edit_entry(app: &mut App, id: EntryId, from_browse: bool) {
    let s = app.store.session();
    let Some(i) = s.entry_index(id) else {
        return;
    };
    let e = &s.entries[i];
    let line = quick::unparse(&e.kind, &e.text, s);
    app.selected[Pane::Log.index()] = i;
    start_edit(app, Editing::Entry(id), line, from_browse);
}

/// The secretary's last entry: the one last logged or added to in this run
/// if it is still there, else the last entry with something typed in it
/// (not a speech no one has summarised).
fn last_entry(app: &App) -> Option<EntryId> {
    let s = app.store.session();
    app.last_typed
        .filter(|id| s.entry(*id).is_some())
        .or_else(|| {
            s.entries
                .iter()
                .rev()
                .find(|e| !(matches!(e.kind, EntryKind::Speech { .. }) && e.text.is_empty()))
                .map(|e| e.id)
        })
}

/// ↑/↓ during an edit not yet changed: edit the entry before or after.
fn edit_neighbour(app: &mut App, next: bool) {
    let Some(Editing::Entry(id)) = app.editing else {
        return;
    };
    if app.input.value() != app.edit_started_with {
        app.info(app.edit_end_keys("the edit"));
        return;
    }
    let s = app.store.session();
    let Some(i) = s.entry_index(id) else {
        return;
    };
    let j = if next { i + 1 } else { i.wrapping_sub(1) };
    match s.entries.get(j) {
        Some(e) => {
            let id = e.id;
            start_edit_entry(app, id, app.edit_from_browse);
        }
        None => app.info(if next {
            "that is the last entry"
        } else {
            "that is the first entry"
        }),
    }
}

/// Alt+D and the others: the line being typed gets the marker; on an empty
/// line, the last entry (the selected one when browsing) gets the kind.
fn mark(app: &mut App, marked: quick::Marked) {
    let s = app.store.session();
    let editing_text = match app.editing {
        Some(Editing::Entry(id)) => s
            .entry(id)
            .is_some_and(|e| !matches!(e.kind, EntryKind::Speech { .. })),
        Some(_) => false,
        None => true,
    };
    if app.mode == Mode::Entry && !editing_text {
        app.error("only a note, decision, question… has a kind to change: this edit has none");
        return;
    }
    if app.mode == Mode::Entry && (!app.input.value().is_empty() || app.editing.is_some()) {
        let old = app.input.value().to_string();
        let line = quick::with_marker(&old, marked);
        let cursor = app.input.cursor() + line.chars().count();
        let cursor = cursor.saturating_sub(old.chars().count());
        app.input = Input::new(line).with_cursor(cursor);
        if let Some(kind) = marked.convert(&EntryKind::Note) {
            app.confirm(
                format!(
                    "The line will be {} ({}: as it was)",
                    a_kind(&kind),
                    app.undo_key()
                ),
                &kind,
            );
        }
        return;
    }
    if refused_read_only(app) {
        return;
    }
    let target = match app.mode {
        Mode::Browse if app.focus == Pane::Log => app
            .selection(Pane::Log)
            .map(|i| app.store.session().entries[i].id),
        Mode::Browse => {
            app.error(format!(
                "{} and the others change the kind of an entry: browse the log ({})",
                app.key_in(Keys::Browse, &Action::Mark(quick::Marked::Decision)),
                app.key_in(Keys::Browse, &Action::CycleFocus)
            ));
            return;
        }
        Mode::Review => app.review.as_ref().and_then(|r| {
            let s = app.store.session();
            r.selected_entry(s).map(|i| s.entries[i].id)
        }),
        _ => last_entry(app),
    };
    let s = app.store.session();
    let Some(entry) = target.and_then(|id| s.entry(id)) else {
        app.info("no entry to change yet");
        return;
    };
    let Some(kind) = marked.convert(&entry.kind) else {
        app.error("a speech stays a speech; its summary can be edited (Enter)");
        return;
    };
    let named = format!(
        "The {} entry “{}”",
        entry.at.format("%H:%M"),
        crate::text::fit(&entry.text, 24)
    );
    let what = a_kind(&kind);
    if kind == entry.kind {
        app.confirm(format!("{named} already is {what}"), &kind);
        return;
    }
    // What the new kind has no place for is said, not dropped in silence.
    let undo = app.undo_key();
    let dropped = match (&entry.kind, &kind) {
        (EntryKind::Action { due: Some(_), .. }, k) if !matches!(k, EntryKind::Action { .. }) => {
            format!(" (its owner and due date dropped; {undo} brings them back)")
        }
        (EntryKind::Action { owner: Some(_), .. }, k)
            if !matches!(k, EntryKind::Question { .. } | EntryKind::Action { .. }) =>
        {
            format!(" (its owner dropped; {undo} brings it back)")
        }
        (EntryKind::Question { by: Some(_) }, k)
            if !matches!(k, EntryKind::Question { .. } | EntryKind::Action { .. }) =>
        {
            format!(" (who asked dropped; {undo} brings it back)")
        }
        _ => format!(" {}", app.undo_hint()),
    };
    let mut changed = entry.clone();
    changed.kind = kind.clone();
    if app.apply(Change::Entry(Edit::Replace(changed))) {
        app.confirm(format!("{named} is now {what}{dropped}"), &kind);
    }
}

/// Where a finished edit goes back to: the review, or the log browsed.
fn after_edit(app: &App) -> Mode {
    if app.review.is_some() {
        Mode::Review
    } else {
        Mode::Browse
    }
}

/// Alt+X: entry `i` confidential (left out of public exports), or no longer.
fn toggle_confidential(app: &mut App, i: usize) {
    let mut entry = app.store.session().entries[i].clone();
    entry.confidential = !entry.confidential;
    let named = format!(
        "The {} entry “{}”",
        entry.at.format("%H:%M"),
        crate::text::fit(&entry.text, 24)
    );
    let undo = app.undo_hint();
    let said = if entry.confidential {
        format!("{named} is confidential: left out of public exports {undo}")
    } else {
        format!("{named} is no longer confidential {undo}")
    };
    if app.apply(Change::Entry(Edit::Replace(entry))) {
        app.info(said);
    }
}

/// "a decision", "an action item".
fn a_kind(kind: &EntryKind) -> String {
    match kind {
        EntryKind::Action { .. } => "an action item".into(),
        other => format!("a {}", kind_name(other)),
    }
}

/// "decision", "action item": a kind in a sentence.
fn kind_name(kind: &EntryKind) -> String {
    match kind {
        EntryKind::Action { .. } => "action item".into(),
        EntryKind::Discussion => "discussion point".into(),
        other => other.label().to_lowercase(),
    }
}

/// Lines typed but never entered when the run ends (the quick-entry line,
/// the line put aside during an edit, a changed edit) are logged as notes
/// marked `[unsent]`, so that no typed word is lost. Returns what was kept.
pub fn keep_unsent(app: &mut App, now: Timestamp) -> Vec<String> {
    if app.store.is_read_only() {
        return Vec::new();
    }
    let typed = app.input.value().trim().to_string();
    let mut lines = Vec::new();
    // Text typed into a picker may be a line typed blind after a name that
    // matched no one.
    if let Mode::Pick(picker) = &app.mode
        && picker.purpose != Purpose::ReviewPerson
        && !picker.query.value().trim().is_empty()
    {
        lines.push(format!("[unsent] {}", picker.query.value().trim()));
    }
    match app.editing {
        Some(_) if typed != app.edit_started_with.trim() && !typed.is_empty() => {
            lines.push(format!("[unsent edit] {typed}"));
        }
        Some(_) => {}
        None if !typed.is_empty() => lines.push(format!("[unsent] {typed}")),
        None => {}
    }
    if app.editing.is_some()
        && let Some(draft) = app
            .draft
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
    {
        lines.push(format!("[unsent] {draft}"));
    }
    let mut kept = Vec::new();
    for line in lines {
        let change = meeting::log(app.store.session(), EntryKind::Note, line.clone(), now);
        if app.store.apply(change).is_ok() {
            kept.push(line);
        }
    }
    app.input.reset();
    kept
}

fn delete_selected(app: &mut App) {
    let s = app.store.session();
    let Some(i) = app.selection(app.focus) else {
        return;
    };
    let change = match app.focus {
        Pane::Log => Change::Entry(Edit::Remove(s.entries[i].id)),
        Pane::Queue => {
            let id = s.queue[i];
            return toggle_queue(app, id);
        }
        Pane::Attendees => {
            let a = &s.attendees[i];
            if s.entries.iter().any(|e| mentions(&e.kind, a.id))
                || s.queue.contains(&a.id)
                || s.chair == Some(a.id)
                || s.secretary == Some(a.id)
                || s.agenda.iter().any(|t| t.presenter == Some(a.id))
            {
                app.error(format!(
                    "{} is named in the minutes or the queue, and stays on the roster (/left marks a departure, /absent someone who never came)",
                    a.name
                ));
                return;
            }
            Change::Attendee(Edit::Remove(a.id))
        }
        Pane::Agenda => {
            let t = &s.agenda[i];
            if s.entries.iter().any(|e| e.agenda_item == Some(t.id)) {
                app.error(format!(
                    "{:?} has entries; edit its title instead (e)",
                    t.title
                ));
                return;
            }
            Change::Agenda(Edit::Remove(t.id))
        }
    };
    if app.apply(change) {
        app.info(format!("deleted {}", app.undo_hint()));
    }
}

fn mentions(kind: &EntryKind, id: AttendeeId) -> bool {
    match kind {
        EntryKind::Speech { speaker, .. } => *speaker == id,
        EntryKind::Question { by } => *by == Some(id),
        EntryKind::Action { owner, .. } => *owner == Some(id),
        _ => false,
    }
}

fn activate(app: &mut App, now: Timestamp) {
    if app.focus != Pane::Log && refused_after_the_end(app) {
        return;
    }
    let s = app.store.session();
    let speaker = match app.focus {
        Pane::Attendees => app.selection(Pane::Attendees).map(|i| s.attendees[i].id),
        Pane::Queue => app.selection(Pane::Queue).map(|i| s.queue[i]),
        _ => None,
    };
    let change = match app.focus {
        Pane::Agenda => app
            .selection(Pane::Agenda)
            .and_then(|i| meeting::start_topic(s, app.store.derived(), s.agenda[i].id, now)),
        Pane::Attendees | Pane::Queue => {
            speaker.and_then(|id| meeting::switch_speaker(s, app.store.derived(), Some(id), now))
        }
        Pane::Log => return edit_selected(app),
    };
    let said = speaker.and_then(|id| confirmation(&Intent::Speaker(Some(id)), s, now));
    if let Some(change) = change
        && app.apply(change)
        && let Some(said) = said
    {
        app.info(said);
    }
}

/// Browsing a queue that has just emptied: the roster under it instead.
fn leave_empty_queue(app: &mut App) {
    if app.focus == Pane::Queue && app.len(Pane::Queue) == 0 {
        app.focus = Pane::Attendees;
    }
}

/// Someone asks to speak: to the end of the queue; someone in it already
/// is taken out (they no longer ask). Said on the status line either way.
fn toggle_queue(app: &mut App, id: AttendeeId) {
    if refused_read_only(app) {
        return;
    }
    let s = app.store.session();
    let name = s.attendee_name(id);
    if let Some(change) = meeting::withdraw(s, id) {
        if app.apply(change) {
            app.info(format!("{name} is out of the queue{}", queue_after(app)));
        }
        return;
    }
    if app.store.derived().current_speaker() == Some(id) {
        app.error(format!(
            "{name} has the floor now; queue them once they are done"
        ));
        return;
    }
    if let Some(change) = meeting::request_floor(s, id)
        && app.apply(change)
    {
        let s = app.store.session();
        let away = match s.attendee(id) {
            Some(a) if !a.is_here() => " (not marked here)",
            _ => "",
        };
        let said = match s.queue.len() {
            1 => format!(
                "{name} asks to speak: first in the queue{away} ({} gives them the floor)",
                app.key(&Action::NextFromQueue)
            ),
            n => format!("{name} asks to speak: {} in the queue{away}", ordinal(n)),
        };
        app.info(said);
    }
}

/// "1st", "2nd", "3rd", "11th".
fn ordinal(n: usize) -> String {
    crate::export::prose::ordinal_number(n)
}

/// "; next: Tom Brandl (2 waiting)", or "; the queue is empty".
fn queue_after(app: &App) -> String {
    let s = app.store.session();
    match s.queue.as_slice() {
        [] => "; the queue is empty".into(),
        [next] => format!("; next: {}", s.attendee_name(*next)),
        [next, ..] => format!(
            "; next: {} ({} waiting)",
            s.attendee_name(*next),
            s.queue.len()
        ),
    }
}

/// The first in the queue gets the floor.
fn next_from_queue(app: &mut App, now: Timestamp) {
    if refused_read_only(app) {
        return;
    }
    if refused_after_the_end(app) {
        return;
    }
    let s = app.store.session();
    let Some(&first) = s.queue.first() else {
        app.error(format!(
            "no one is in the queue: {} adds someone who asks to speak",
            app.key(&Action::Pick(Purpose::Queue))
        ));
        return;
    };
    let said = confirmation(&Intent::Speaker(Some(first)), s, now).unwrap_or_default();
    if let Some(change) = meeting::next_from_queue(s, app.store.derived(), now)
        && app.apply(change)
    {
        app.info(format!("{said}{}", queue_after(app)));
    }
}

/// Moves the selected person of the queue up or down, the selection with them.
fn reorder(app: &mut App, delta: isize) {
    if app.focus != Pane::Queue || app.store.is_read_only() {
        return;
    }
    let Some(i) = app.selection(Pane::Queue) else {
        return;
    };
    let s = app.store.session();
    let id = s.queue[i];
    if let Some(change) = meeting::move_in_queue(s, id, delta)
        && app.apply(change)
    {
        let s = app.store.session();
        if let Some(at) = s.queue.iter().position(|q| *q == id) {
            app.selected[Pane::Queue.index()] = at;
            app.info(format!(
                "{} is now {} in the queue",
                s.attendee_name(id),
                ordinal(at + 1)
            ));
        }
    }
}
