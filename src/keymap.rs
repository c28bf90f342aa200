//! Keys to actions, per mode. [`BINDINGS`] is the default table; a
//! [`Keymap`] is that table with the user's rebindings (the config file's
//! `keys`) applied, and is the one that the key handler, the hint bar and
//! the help overlay all read, so what the help says is what the keys do.

use std::borrow::Cow;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use tui_input::InputRequest as Req;

use crate::app::quick::Marked;
use crate::app::{Action, App, Mode, Pane, Purpose};
use crate::model::Attendance;

/// The modes a binding can belong to (named so in the config file).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Keys {
    /// Every mode but the overlays' text fields.
    Global,
    Entry,
    Browse,
    Pick,
    /// The roll call: a picker that stays open.
    RollCall,
    Help,
    /// The question asked on quit while changes are only in memory.
    Unsaved,
    /// The review screen: a pager, whose letters are commands.
    Review,
    ReviewSearch,
    ReviewFilter,
    ReviewExport,
}

/// One key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn key(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

/// Keys that do one thing, with what the help says of it.
#[derive(Debug, Clone)]
pub struct Binding {
    pub mode: Keys,
    /// The defaults, or the user's (see [`Keymap::rebind`]).
    pub keys: Cow<'static, [Key]>,
    pub action: Action,
    pub help: &'static str,
    /// Shown in the one-line hint bar, in these words.
    pub hint: Option<&'static str>,
}

const fn bind(
    mode: Keys,
    keys: &'static [Key],
    action: Action,
    help: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        mode,
        keys: Cow::Borrowed(keys),
        action,
        help,
        hint,
    }
}

const fn hint(words: &'static str) -> Option<&'static str> {
    Some(words)
}

use KeyCode::{
    Backspace, Delete, Down, End, Enter, Esc, F, Home, Left, PageDown, PageUp, Right, Tab, Up,
};
use Keys::{
    Browse as B, Entry as E, Global as G, Help as H, Pick as P, Review as RV, ReviewExport as RX,
    ReviewFilter as RF, ReviewSearch as RS, RollCall as R, Unsaved as U,
};

use crate::app::review::{Focus, KindFilter};

const fn alt(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::ALT,
    }
}

/// Alt+letter: the kind of the line being typed, or of the last entry.
macro_rules! mark {
    ($mode:expr, $c:literal, $marked:expr, $help:literal) => {
        bind($mode, &[alt($c)], Action::Mark($marked), $help, None)
    };
}

/// A key of the review's filter menu that switches a kind on or off.
macro_rules! kind {
    ($c:literal, $kind:ident, $help:literal) => {
        bind(
            RF,
            &[ch($c)],
            Action::ReviewKind(KindFilter::$kind),
            $help,
            None,
        )
    };
}

// Browse mode binds no printable key: a letter typed there goes back to
// typing, in the line. The secretary types without looking at the screen,
// so no text may delete, edit or quit.
pub static BINDINGS: &[Binding] = &[
    // While typing.
    bind(
        E,
        &[key(Enter)],
        Action::Submit,
        "log the line (or run the /command; while editing: save)",
        hint("log"),
    ),
    bind(
        E,
        &[ctrl('p'), key(F(2))],
        Action::Pick(Purpose::Speaker),
        "who is speaking: pick a person",
        hint("speaker"),
    ),
    bind(
        E,
        &[ctrl('n'), key(F(3))],
        Action::NextTopic,
        "next agenda topic",
        hint("next topic"),
    ),
    bind(
        E,
        &[ctrl('r'), key(F(6))],
        Action::Pick(Purpose::Queue),
        "someone asks to speak: into the queue (someone in it: out)",
        None,
    ),
    bind(
        E,
        &[ctrl('g'), key(F(7))],
        Action::NextFromQueue,
        "give the floor to the first in the queue",
        None,
    ),
    bind(
        E,
        &[ctrl('a'), key(F(4))],
        Action::Pick(Purpose::Arrival),
        "someone arrived: pick a person",
        None,
    ),
    bind(
        E,
        &[ctrl('l'), key(F(5))],
        Action::Pick(Purpose::Departure),
        "someone left: pick a person",
        None,
    ),
    bind(
        E,
        &[key(F(8))],
        Action::RollCall,
        "roll call: mark the people expected, one key each (also /roll)",
        None,
    ),
    bind(
        E,
        &[key(F(9))],
        Action::Review,
        "review: the entries by topic, filtered, searched (F9 again: back)",
        None,
    ),
    bind(
        E,
        &[key(Up)],
        Action::EditLast,
        "empty line: edit your last entry (again: the one before)",
        None,
    ),
    bind(
        E,
        &[key(Down)],
        Action::EditNext,
        "while an untouched edit: edit the entry after",
        None,
    ),
    mark!(
        E,
        'd',
        Marked::Decision,
        "make it a decision: the line, or (empty line) your last entry"
    ),
    mark!(
        E,
        'c',
        Marked::Conclusion,
        "make it a conclusion (the same way)"
    ),
    mark!(E, 'p', Marked::Discussion, "make it a discussion point"),
    mark!(E, 'q', Marked::Question, "make it a question"),
    mark!(E, 'a', Marked::Action, "make it an action item"),
    mark!(E, 'n', Marked::Note, "make it a note"),
    bind(
        E,
        &[key(Tab)],
        Action::Complete,
        "complete a /command or @name",
        None,
    ),
    bind(
        E,
        &[key(Esc)],
        Action::Cancel,
        "browse the log, roster and agenda (while editing: cancel the edit)",
        hint("browse"),
    ),
    bind(
        E,
        &[key(PageUp)],
        Action::Browse,
        "browse the log from the last entry",
        None,
    ),
    bind(
        E,
        &[ch('?')],
        Action::Help,
        "on an empty line: this help",
        None,
    ),
    bind(
        E,
        &[key(Left)],
        Action::Edit(Req::GoToPrevChar),
        "cursor left",
        None,
    ),
    bind(
        E,
        &[key(Right)],
        Action::Edit(Req::GoToNextChar),
        "cursor right",
        None,
    ),
    bind(
        E,
        &[Key {
            code: Left,
            mods: KeyModifiers::CONTROL,
        }],
        Action::Edit(Req::GoToPrevWord),
        "word left",
        None,
    ),
    bind(
        E,
        &[Key {
            code: Right,
            mods: KeyModifiers::CONTROL,
        }],
        Action::Edit(Req::GoToNextWord),
        "word right",
        None,
    ),
    bind(
        E,
        &[key(Home)],
        Action::Edit(Req::GoToStart),
        "start of line",
        None,
    ),
    bind(
        E,
        &[key(End), ctrl('e')],
        Action::Edit(Req::GoToEnd),
        "end of line",
        None,
    ),
    bind(
        E,
        &[key(Backspace)],
        Action::Edit(Req::DeletePrevChar),
        "delete back",
        None,
    ),
    bind(
        E,
        &[key(Delete)],
        Action::Edit(Req::DeleteNextChar),
        "delete forward",
        None,
    ),
    bind(
        E,
        &[ctrl('w')],
        Action::Edit(Req::DeletePrevWord),
        "delete a word back",
        None,
    ),
    bind(
        E,
        &[ctrl('u')],
        Action::Edit(Req::DeleteLine),
        "clear the line",
        None,
    ),
    bind(
        E,
        &[ctrl('k')],
        Action::Edit(Req::DeleteTillEnd),
        "delete to end of line",
        None,
    ),
    // Browsing.
    bind(
        B,
        &[key(Esc)],
        Action::Type,
        "back to typing (so does any letter, typed into the line)",
        hint("type"),
    ),
    bind(
        B,
        &[key(Enter)],
        Action::EditSelected,
        "edit the selected entry, person or topic",
        hint("edit"),
    ),
    bind(B, &[key(Up)], Action::Move(-1), "select up", None),
    bind(B, &[key(Down)], Action::Move(1), "select down", None),
    bind(B, &[key(PageUp)], Action::Move(-10), "page up", None),
    bind(B, &[key(PageDown)], Action::Move(10), "page down", None),
    bind(B, &[key(Home)], Action::First, "first", None),
    bind(B, &[key(End)], Action::Last, "last", None),
    bind(
        B,
        &[key(Tab)],
        Action::CycleFocus,
        "next list: log, queue (when anyone waits), roster, agenda",
        hint("next list"),
    ),
    bind(
        B,
        &[key(Delete)],
        Action::DeleteSelected,
        "delete it (Ctrl+Z brings it back)",
        hint("delete"),
    ),
    bind(
        B,
        &[ctrl('d')],
        Action::ToggleDone,
        "log: action item done / not done",
        None,
    ),
    bind(
        B,
        &[ctrl('p'), key(F(2))],
        Action::Pick(Purpose::Speaker),
        "who is speaking (roster: give the selected person the floor)",
        None,
    ),
    bind(
        B,
        &[ctrl('n'), key(F(3))],
        Action::NextTopic,
        "next agenda topic (agenda: make the selected topic current)",
        None,
    ),
    bind(
        B,
        &[ctrl('a'), key(F(4))],
        Action::Pick(Purpose::Arrival),
        "someone arrived (roster: the selected person)",
        None,
    ),
    bind(
        B,
        &[ctrl('r'), key(F(6))],
        Action::Pick(Purpose::Queue),
        "someone asks to speak (roster: the selected person; queue: out)",
        None,
    ),
    bind(
        B,
        &[ctrl('g'), key(F(7))],
        Action::NextFromQueue,
        "give the floor to the first in the queue",
        None,
    ),
    bind(
        B,
        &[Key {
            code: Up,
            mods: KeyModifiers::ALT,
        }],
        Action::Reorder(-1),
        "queue: move the selected person up",
        None,
    ),
    bind(
        B,
        &[Key {
            code: Down,
            mods: KeyModifiers::ALT,
        }],
        Action::Reorder(1),
        "queue: move the selected person down",
        None,
    ),
    bind(
        B,
        &[ctrl('l'), key(F(5))],
        Action::Pick(Purpose::Departure),
        "someone left (roster: the selected person)",
        None,
    ),
    bind(
        B,
        &[key(F(8))],
        Action::RollCall,
        "roll call: mark the people expected, one key each",
        None,
    ),
    bind(
        B,
        &[key(F(9))],
        Action::Review,
        "review: the entries by topic, filtered, searched (F9 again: back)",
        None,
    ),
    bind(
        B,
        &[alt('x')],
        Action::ToggleConfidential,
        "log: the selected entry confidential (left out of public exports), or not",
        None,
    ),
    mark!(
        B,
        'd',
        Marked::Decision,
        "log: make the selected entry a decision"
    ),
    mark!(B, 'c', Marked::Conclusion, "… a conclusion"),
    mark!(B, 'p', Marked::Discussion, "… a discussion point"),
    mark!(B, 'q', Marked::Question, "… a question"),
    mark!(B, 'a', Marked::Action, "… an action item"),
    mark!(B, 'n', Marked::Note, "… a note"),
    // In a picker.
    bind(P, &[key(Enter)], Action::Choose, "choose", hint("choose")),
    bind(P, &[key(Up)], Action::PickMove(-1), "up", hint("up")),
    bind(P, &[key(Down)], Action::PickMove(1), "down", hint("down")),
    bind(
        P,
        &[key(Backspace)],
        Action::Edit(Req::DeletePrevChar),
        "delete back",
        None,
    ),
    bind(P, &[key(Esc)], Action::Cancel, "cancel", hint("cancel")),
    // The roll call: letters filter the list, as in a picker.
    bind(
        R,
        &[key(Enter)],
        Action::Choose,
        "present (late after the start's grace period); on to the next",
        hint("present"),
    ),
    bind(
        R,
        &[key(Delete)],
        Action::MarkAbsent,
        "absent",
        hint("absent"),
    ),
    bind(
        R,
        &[ctrl('a')],
        Action::AllPresent,
        "everyone listed present, as one change",
        hint("all present"),
    ),
    bind(
        R,
        &[key(Esc)],
        Action::Cancel,
        "done: says how many are here",
        hint("done"),
    ),
    // The question on quit while changes are only in memory: an answer
    // is typed in full, so that no stray key can lose anything.
    bind(U, &[key(Enter)], Action::Choose, "answer", hint("answer")),
    bind(
        U,
        &[key(Backspace)],
        Action::Edit(Req::DeletePrevChar),
        "delete back",
        None,
    ),
    bind(
        U,
        &[key(Esc)],
        Action::Cancel,
        "back to the meeting",
        hint("back to the meeting"),
    ),
    // In the help.
    bind(
        H,
        &[key(Esc), ch('?'), key(F(1))],
        Action::Cancel,
        "close the help (any other letter: close it and type)",
        hint("close"),
    ),
    bind(H, &[key(Up)], Action::Move(-1), "scroll up", hint("scroll")),
    bind(H, &[key(Down)], Action::Move(1), "scroll down", None),
    bind(H, &[key(PageUp)], Action::Move(-10), "page up", None),
    bind(
        H,
        &[key(PageDown), ch(' ')],
        Action::Move(10),
        "page down",
        None,
    ),
    bind(H, &[key(Home)], Action::First, "top", None),
    bind(H, &[key(End)], Action::Last, "bottom", None),
    // Review: a pager; letters are commands, nothing is typed but a search.
    bind(
        RV,
        &[ch('/')],
        Action::ReviewSearch,
        "search (as you type)",
        hint("search"),
    ),
    bind(
        RV,
        &[ch('f')],
        Action::ReviewFilters,
        "filter menu: kinds, person, organisation",
        hint("filter"),
    ),
    bind(
        RV,
        &[key(Esc)],
        Action::Cancel,
        "clear every filter, the topic and the search",
        hint("clear"),
    ),
    bind(
        RV,
        &[ch('x')],
        Action::ReviewExport,
        "export menu: written beside the session file",
        hint("export"),
    ),
    bind(
        RV,
        &[ch('e')],
        Action::ReviewEditing,
        "editing on (off again)",
        hint("edit"),
    ),
    bind(
        RV,
        &[ch('q')],
        Action::ReviewQuit,
        "back to the live screen (from `minutes review`: quit)",
        hint("close"),
    ),
    bind(
        RV,
        &[ch('?'), key(F(1))],
        Action::Help,
        "help",
        hint("help"),
    ),
    bind(
        RV,
        &[
            ch('1'),
            ch('2'),
            ch('3'),
            ch('4'),
            ch('5'),
            ch('6'),
            ch('7'),
            ch('8'),
            ch('9'),
            ch('0'),
        ],
        Action::ReviewTopic(0),
        "topic N of the agenda; 0: all topics",
        None,
    ),
    bind(RV, &[ch('n')], Action::ReviewNext(true), "next match", None),
    bind(
        RV,
        &[ch('N')],
        Action::ReviewNext(false),
        "previous match",
        None,
    ),
    bind(
        RV,
        &[ch('p')],
        Action::ReviewPerson,
        "only the entries of a person (picker)",
        None,
    ),
    bind(
        RV,
        &[ch('g')],
        Action::ReviewOrganisation,
        "only the entries of an organisation (again: the next)",
        None,
    ),
    bind(
        RV,
        &[ch('s')],
        Action::ReviewView,
        "statistics (again: the topics)",
        None,
    ),
    bind(
        RV,
        &[key(Up)],
        Action::Move(-1),
        "up (statistics: scroll)",
        None,
    ),
    bind(RV, &[key(Down)], Action::Move(1), "down", None),
    bind(RV, &[key(PageUp)], Action::Move(-10), "page up", None),
    bind(RV, &[key(PageDown)], Action::Move(10), "page down", None),
    bind(RV, &[key(Home)], Action::First, "first", None),
    bind(RV, &[key(End)], Action::Last, "last", None),
    bind(
        RV,
        &[key(Tab)],
        Action::CycleFocus,
        "agenda / entries",
        None,
    ),
    bind(
        RV,
        &[key(Left)],
        Action::ReviewFocus(Focus::Agenda),
        "the agenda",
        None,
    ),
    bind(
        RV,
        &[key(Right)],
        Action::ReviewFocus(Focus::Entries),
        "the entries",
        None,
    ),
    bind(
        RV,
        &[key(F(9))],
        Action::Review,
        "back to the live screen",
        None,
    ),
    bind(
        RV,
        &[key(Enter)],
        Action::EditSelected,
        "editing: edit the selected entry",
        None,
    ),
    bind(
        RV,
        &[key(Delete)],
        Action::DeleteSelected,
        "editing: delete it (Ctrl+Z brings it back)",
        None,
    ),
    bind(
        RV,
        &[ch(' ')],
        Action::ToggleDone,
        "editing: action item done / not done",
        None,
    ),
    bind(
        RV,
        &[alt('x')],
        Action::ToggleConfidential,
        "editing: confidential (left out of public exports), or not",
        None,
    ),
    mark!(RV, 'd', Marked::Decision, "editing: make it a decision"),
    mark!(RV, 'c', Marked::Conclusion, "… a conclusion"),
    mark!(RV, 'p', Marked::Discussion, "… a discussion point"),
    mark!(RV, 'q', Marked::Question, "… a question"),
    mark!(RV, 'a', Marked::Action, "… an action item"),
    mark!(RV, 'n', Marked::Note, "… a note"),
    // Typing the review's search.
    bind(
        RS,
        &[key(Enter)],
        Action::ReviewSearchDone,
        "keep the search (n/N: next, previous)",
        hint("keep"),
    ),
    bind(
        RS,
        &[key(Esc)],
        Action::Cancel,
        "cancel the search",
        hint("cancel"),
    ),
    bind(
        RS,
        &[key(Backspace)],
        Action::Edit(Req::DeletePrevChar),
        "delete back",
        None,
    ),
    bind(
        RS,
        &[key(Left)],
        Action::Edit(Req::GoToPrevChar),
        "cursor left",
        None,
    ),
    bind(
        RS,
        &[key(Right)],
        Action::Edit(Req::GoToNextChar),
        "cursor right",
        None,
    ),
    // The review's filter menu.
    kind!('d', Decisions, "decisions"),
    kind!('a', Actions, "actions"),
    kind!('o', OpenActions, "open actions"),
    kind!('q', Questions, "questions"),
    kind!('s', Speeches, "speeches"),
    kind!('c', Conclusions, "conclusions"),
    kind!('i', Discussion, "discussion"),
    kind!('n', Notes, "notes"),
    bind(
        RF,
        &[ch('p')],
        Action::ReviewPerson,
        "a person (picker)",
        None,
    ),
    bind(
        RF,
        &[ch('g')],
        Action::ReviewOrganisation,
        "an organisation (again: the next)",
        None,
    ),
    bind(
        RF,
        &[key(Esc), key(Enter)],
        Action::Cancel,
        "close the menu",
        hint("close"),
    ),
    // The review's export menu: its letters are in `app::review::EXPORTS`.
    bind(RX, &[key(Esc)], Action::Cancel, "no export", hint("cancel")),
    // Everywhere.
    bind(G, &[key(F(1))], Action::Help, "help", hint("help")),
    bind(G, &[ctrl('z')], Action::Undo, "undo", hint("undo")),
    bind(G, &[ctrl('y')], Action::Redo, "redo", None),
    bind(
        G,
        &[ctrl('t')],
        Action::ToggleSide,
        "side pane: roster, agenda, none",
        None,
    ),
    bind(
        G,
        &[ctrl('s')],
        Action::Save,
        "save now (changes are journalled anyway)",
        None,
    ),
    bind(
        G,
        &[ctrl('q'), ctrl('c')],
        Action::Quit,
        "save and quit (while the meeting runs: press twice)",
        hint("quit"),
    ),
];

impl Keys {
    pub fn of(mode: &Mode) -> Keys {
        match mode {
            Mode::Entry => Keys::Entry,
            Mode::Browse => Keys::Browse,
            Mode::Pick(p) if p.purpose == Purpose::RollCall => Keys::RollCall,
            Mode::Pick(_) => Keys::Pick,
            Mode::Unsaved(_) => Keys::Unsaved,
            Mode::Help => Keys::Help,
            Mode::Review => Keys::Review,
            Mode::ReviewSearch => Keys::ReviewSearch,
            Mode::ReviewFilter => Keys::ReviewFilter,
            Mode::ReviewExport => Keys::ReviewExport,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Keys::Global => "Everywhere",
            Keys::Entry => "Typing (the quick-entry line)",
            Keys::Browse => "Browsing (Esc from typing)",
            Keys::Pick => "Picking a person",
            Keys::RollCall => "Roll call (F8 or /roll)",
            Keys::Help => "This help",
            Keys::Unsaved => "Quitting with changes only in memory",
            Keys::Review => "Review (minutes review FILE, or F9)",
            Keys::ReviewSearch => "Review: typing a search (/)",
            Keys::ReviewFilter => "Review: the filter menu (f); filters combine",
            Keys::ReviewExport => "Review: the export menu (x)",
        }
    }
}

/// The key table in force: [`BINDINGS`] with the user's rebindings.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<Binding>,
    /// What the user changed, in the order given: what `minutes config`
    /// prints back.
    rebound: Vec<(Keys, Action, Vec<Key>)>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            bindings: BINDINGS.to_vec(),
            rebound: Vec::new(),
        }
    }
}

/// The modes where a plain character is typed (into the line, a picker's
/// filter, a search): no rebinding may take one there.
fn types_text(mode: Keys) -> bool {
    !matches!(
        mode,
        Keys::Help | Keys::Review | Keys::ReviewFilter | Keys::ReviewExport
    )
}

impl Keymap {
    /// The bindings of a mode, its own first, then the global ones. The roll
    /// call is a picker that stays open: the picker's keys that it does not
    /// bind itself (↑, ↓, Backspace) work there too.
    pub fn bindings(&self, mode: Keys) -> impl Iterator<Item = &Binding> {
        let all = &self.bindings;
        let own = all.iter().filter(move |b| b.mode == mode);
        let bound_here = move |b: &Binding| {
            all.iter()
                .any(|o| o.mode == mode && o.keys.iter().any(|k| b.keys.contains(k)))
        };
        let picker = all
            .iter()
            .filter(move |b| mode == Keys::RollCall && b.mode == Keys::Pick && !bound_here(b));
        let global = all
            .iter()
            .filter(move |b| b.mode == Keys::Global && mode != Keys::Help);
        own.chain(picker).chain(global)
    }

    /// Every binding, mode by mode as [`BINDINGS`] has them.
    pub fn all(&self) -> &[Binding] {
        &self.bindings
    }

    /// `text` from the default table (a help line, a mode's title) with
    /// the keys it names by the way ("Ctrl+Z brings it back", "F9 again")
    /// said as they are now bound.
    pub fn in_force<'t>(&self, text: &'t str) -> Cow<'t, str> {
        if self.rebound.is_empty() {
            return Cow::Borrowed(text);
        }
        // In one pass: a key put in by one rule is not taken for another's
        // (Undo moved to F9 and the review to F11: "F9 brings it back").
        let now: Vec<(&str, String)> = NAMED_IN_TEXTS
            .iter()
            .map(|(default, mode, action)| (*default, self.key_for(*mode, action)))
            .collect();
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        'scan: while let Some(c) = rest.chars().next() {
            for (default, key) in &now {
                let whole = rest
                    .strip_prefix(default)
                    .is_some_and(|after| !after.starts_with(|c: char| c.is_ascii_alphanumeric()));
                if whole {
                    out.push_str(key);
                    rest = &rest[default.len()..];
                    continue 'scan;
                }
            }
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
        Cow::Owned(out)
    }

    /// The rebindings applied, in order.
    pub fn rebound(&self) -> &[(Keys, Action, Vec<Key>)] {
        &self.rebound
    }

    /// The first key that does `action` in `mode` (or everywhere), as the
    /// help shows it: for the sentences that name a key ("Ctrl+Z undoes").
    pub fn key_for(&self, mode: Keys, action: &Action) -> String {
        self.bindings(mode)
            .find(|b| &b.action == action)
            .and_then(|b| b.keys.first())
            .map_or_else(|| "(no key)".into(), label)
    }

    /// `action` in `mode` done by `keys` instead of its default keys.
    /// Refused, saying why: an action that `mode` does not have, no key, a
    /// plain character where characters are typed, the topic digits.
    pub fn rebind(&mut self, mode: Keys, action: Action, keys: Vec<Key>) -> Result<(), String> {
        let action_name = ron::to_string(&action).unwrap_or_else(|_| format!("{action:?}"));
        if matches!(action, Action::ReviewTopic(_)) {
            return Err(
                "the review's topics are the digits 1-9 and 0: they cannot be rebound".into(),
            );
        }
        if keys.is_empty() {
            return Err(format!(
                "{action_name} in {mode:?} needs at least one key (an action with none could not be done)"
            ));
        }
        // `?` is the help on an empty line by default: what a default is
        // stays allowed.
        let defaults: Vec<Key> = BINDINGS
            .iter()
            .filter(|b| b.mode == mode && b.action == action)
            .flat_map(|b| b.keys.iter().copied())
            .collect();
        for (i, k) in keys.iter().enumerate() {
            if keys[..i].contains(k) {
                return Err(format!("{} is given twice for {action_name}", label(k)));
            }
            if mode == Keys::ReviewExport && is_plain_character(k) {
                return Err(format!(
                    "`{}` in the export menu is taken for a format (its letters are the exports'): bind {action_name} with a key such as Esc",
                    label(k)
                ));
            }
            if types_text(mode) && is_plain_character(k) && !defaults.contains(k) {
                return Err(format!(
                    "`{}` would be typed as text in {mode:?}: bind {action_name} with Ctrl, Alt or a key such as F2",
                    label(k)
                ));
            }
        }
        let mut found = false;
        for b in self
            .bindings
            .iter_mut()
            .filter(|b| b.mode == mode && b.action == action)
        {
            b.keys = Cow::Owned(keys.clone());
            found = true;
        }
        if !found {
            let known: Vec<String> = self
                .bindings
                .iter()
                .filter(|b| b.mode == mode && !matches!(b.action, Action::ReviewTopic(_)))
                .map(|b| ron::to_string(&b.action).unwrap_or_default())
                .collect();
            return Err(format!(
                "{mode:?} has no {action_name} to rebind; its actions are: {}",
                known.join(", ")
            ));
        }
        self.rebound
            .retain(|(m, a, _)| !(*m == mode && *a == action));
        self.rebound.push((mode, action, keys));
        Ok(())
    }

    /// A key that does two different things in one mode (the global keys
    /// count in every mode but the help's), said with both actions.
    pub fn conflict(&self) -> Option<String> {
        for mode in MODES {
            let bound: Vec<&Binding> = self.bindings(mode).collect();
            for (i, b) in bound.iter().enumerate() {
                for other in &bound[..i] {
                    if other.action == b.action {
                        continue;
                    }
                    if let Some(k) = b.keys.iter().find(|k| other.keys.contains(k)) {
                        let name = |a: &Action| ron::to_string(a).unwrap_or_default();
                        return Some(format!(
                            "{} is bound twice in {mode:?}: to {} and to {}",
                            label(k),
                            name(&other.action),
                            name(&b.action)
                        ));
                    }
                }
            }
        }
        None
    }
}

/// The keys the default table's help texts and titles name in passing,
/// and what they do.
const NAMED_IN_TEXTS: [(&str, Keys, Action); 3] = [
    ("Ctrl+Z", Keys::Global, Action::Undo),
    ("F9", Keys::Entry, Action::Review),
    ("F8", Keys::Entry, Action::RollCall),
];

/// Every mode, in the order the help shows them.
pub const MODES: [Keys; 11] = [
    Keys::Entry,
    Keys::Browse,
    Keys::Pick,
    Keys::RollCall,
    Keys::Unsaved,
    Keys::Review,
    Keys::ReviewSearch,
    Keys::ReviewFilter,
    Keys::ReviewExport,
    Keys::Help,
    Keys::Global,
];

fn is_plain_character(k: &Key) -> bool {
    matches!(k.code, KeyCode::Char(_)) && k.mods.is_empty()
}

/// The action for a key press in the app's current mode, if any.
pub fn action_for(event: KeyEvent, app: &App) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    // Shift is part of the character itself (`G`, `?`), not a modifier to
    // match; Alt+Shift+D is Alt+D.
    let (code, mods) = match event.code {
        KeyCode::Char(c) if event.modifiers.contains(KeyModifiers::ALT) => (
            KeyCode::Char(c.to_ascii_lowercase()),
            event.modifiers - KeyModifiers::SHIFT,
        ),
        KeyCode::Char(_) => (event.code, event.modifiers - KeyModifiers::SHIFT),
        _ => (event.code, event.modifiers),
    };
    let pressed = Key { code, mods };
    let mode = Keys::of(&app.mode);
    let typing = |c: char| {
        // AltGr arrives as Ctrl+Alt on some terminals: it types characters.
        (mods.is_empty() || mods == KeyModifiers::ALT | KeyModifiers::CONTROL)
            .then_some(Action::Edit(Req::InsertChar(c)))
    };
    let found = app
        .keymap
        .bindings(mode)
        .find(|b| b.keys.contains(&pressed))
        .map(|b| b.action.clone());
    let empty_line = app.input.value().is_empty() && app.editing.is_none();
    match (mode, found) {
        // `?` is help only on an empty line; else it is text.
        (Keys::Entry, Some(Action::Help)) if code == KeyCode::Char('?') => {
            if empty_line {
                Some(Action::HelpOnQuestionMark)
            } else {
                typing('?')
            }
        }
        // Help opened by a `?` that began a line: a letter after it is the
        // rest of the line (`?unclear`), typed with the `?`.
        (Keys::Help, _)
            if app.help_from_question
                && mods.is_empty()
                && matches!(code, KeyCode::Char(c) if c != '?') =>
        {
            match code {
                KeyCode::Char(c) => typing(c),
                _ => None,
            }
        }
        (Keys::Entry, Some(Action::EditLast)) if app.editing.is_some() => {
            Some(Action::EditPrevious)
        }
        (Keys::Entry, Some(Action::EditLast)) if !empty_line => None,
        (Keys::Entry, Some(Action::EditNext)) if app.editing.is_none() => None,
        (Keys::Browse, Some(Action::NextTopic)) if app.focus == Pane::Agenda => {
            Some(Action::Activate)
        }
        // On the roster, the picker's keys act on the selected person.
        (Keys::Browse, Some(Action::Pick(purpose))) if app.focus == Pane::Attendees => {
            Some(match purpose {
                Purpose::Speaker => Action::Activate,
                Purpose::Arrival => Action::MarkSelected(Attendance::Present),
                Purpose::Departure => Action::MarkSelected(Attendance::Left),
                Purpose::Queue => Action::QueueSelected,
                Purpose::RollCall => Action::RollCall,
                Purpose::ReviewPerson => Action::ReviewPerson,
            })
        }
        // In the queue: Ctrl+P gives the selected person the floor, Ctrl+R
        // and Delete take them out.
        (Keys::Browse, Some(Action::Pick(Purpose::Speaker))) if app.focus == Pane::Queue => {
            Some(Action::Activate)
        }
        (Keys::Browse, Some(Action::Pick(Purpose::Queue))) if app.focus == Pane::Queue => {
            Some(Action::DeleteSelected)
        }
        (Keys::Review, Some(Action::ReviewTopic(_))) => match code {
            KeyCode::Char(d) => d.to_digit(10).map(|n| Action::ReviewTopic(n as usize)),
            _ => None,
        },
        (_, Some(action)) => Some(action),
        // The export menu's letters are its formats.
        // Any other key closes it: after "press t again to replace it",
        // only t replaces, whatever came between.
        (Keys::ReviewExport, None) => match code {
            KeyCode::Char(c) if mods.is_empty() => Some(Action::ExportAs(c)),
            _ => Some(Action::Cancel),
        },
        // Nothing is typed in the review but its search.
        (Keys::Review | Keys::ReviewFilter, None) => None,
        // Over the review, `q` closes the help; no letter is typed.
        (Keys::Help, None) if app.review.is_some() => {
            (code == KeyCode::Char('q')).then_some(Action::Cancel)
        }
        // Read-only, `q` closes the help, as a pager's does; else it is
        // typed, as any letter is (`q: …` typed with the help open).
        (Keys::Help, None) if app.store.is_read_only() && code == KeyCode::Char('q') => {
            Some(Action::Cancel)
        }
        // Read-only, nothing can be typed or changed: `q` quits, as a
        // pager's does.
        (Keys::Browse, None) if app.store.is_read_only() && code == KeyCode::Char('q') => {
            Some(Action::Quit)
        }
        (_, None) => match code {
            KeyCode::Char(c) => typing(c),
            _ => None,
        },
    }
}

/// Whether an action edits the session (not offered when read-only).
pub fn changes_the_session(action: &Action) -> bool {
    matches!(
        action,
        Action::Type
            | Action::RollCall
            | Action::EditSelected
            | Action::DeleteSelected
            | Action::Undo
            | Action::Redo
            | Action::Save
    )
}

/// A key as the help shows it: `Ctrl+Z`, `F1`, `Enter`.
pub fn label(key: &Key) -> String {
    let name = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c)
            if key
                .mods
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            c.to_ascii_uppercase().to_string()
        }
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift+Tab".into(),
        KeyCode::Insert => "Ins".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::Delete => "Del".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        other => format!("{other:?}"),
    };
    // Every modifier, so that two keys never read alike ("Ctrl+Alt+Z" is
    // not "Ctrl+Z"); Shift only where the character does not carry it.
    let mut label = String::new();
    for (m, said) in [
        (KeyModifiers::CONTROL, "Ctrl+"),
        (KeyModifiers::ALT, "Alt+"),
        (KeyModifiers::SHIFT, "Shift+"),
    ] {
        if key.mods.contains(m) && !(m == KeyModifiers::SHIFT && key.code == KeyCode::BackTab) {
            label.push_str(said);
        }
    }
    label.push_str(&name);
    label
}

/// The names a key may be written with, as [`label`] shows it or spelt
/// out; any case. Single characters are themselves.
const NAMED: &[(&[&str], KeyCode)] = &[
    (&["enter", "return"], KeyCode::Enter),
    (&["esc", "escape"], KeyCode::Esc),
    (&["tab"], KeyCode::Tab),
    (&["backspace"], KeyCode::Backspace),
    (&["del", "delete"], KeyCode::Delete),
    (&["ins", "insert"], KeyCode::Insert),
    (&["↑", "up"], KeyCode::Up),
    (&["↓", "down"], KeyCode::Down),
    (&["←", "left"], KeyCode::Left),
    (&["→", "right"], KeyCode::Right),
    (&["home"], KeyCode::Home),
    (&["end"], KeyCode::End),
    (&["pgup", "pageup"], KeyCode::PageUp),
    (&["pgdn", "pagedown"], KeyCode::PageDown),
    (&["space"], KeyCode::Char(' ')),
];

/// The forms a key is written in, for the error that refuses one.
pub const KEY_FORMS: &str = "a character (`?`, `N`), F1-F12, Enter, Esc, Tab, Backspace, Del, Ins, Up, Down, Left, Right, Home, End, PgUp, PgDn or Space, after Ctrl+, Alt+ or Shift+ (Shift+Tab, Shift+F2)";

impl std::str::FromStr for Key {
    type Err = String;

    /// `Ctrl+P`, `Alt+d`, `F2`, `Shift+Tab`, `PgDn`, `?`: as the help
    /// shows keys ([`label`]), any case but a plain character's.
    fn from_str(text: &str) -> Result<Key, String> {
        let refused = || format!("`{text}` is not a key: write {KEY_FORMS}");
        // The last `+` that is not the key itself separates the key.
        let (mods_text, name) = match text.strip_suffix('+') {
            Some(rest) if rest.is_empty() || rest.ends_with('+') => {
                (rest.strip_suffix('+').unwrap_or(""), "+")
            }
            _ => text.rsplit_once('+').unwrap_or(("", text)),
        };
        let mut mods = KeyModifiers::NONE;
        for m in mods_text.split('+').filter(|_| !mods_text.is_empty()) {
            mods |= match m.trim().to_lowercase().as_str() {
                "ctrl" | "control" => KeyModifiers::CONTROL,
                "alt" | "meta" | "option" => KeyModifiers::ALT,
                "shift" => KeyModifiers::SHIFT,
                _ => return Err(refused()),
            };
        }
        let lower = name.to_lowercase();
        let mut chars = name.chars();
        let code = if let Some((_, code)) = NAMED
            .iter()
            .find(|(names, _)| names.contains(&lower.as_str()))
        {
            *code
        } else if let (Some(c), None) = (chars.next(), chars.clone().next()) {
            if c.is_control() {
                return Err(refused());
            }
            KeyCode::Char(c)
        } else if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
            if !(1..=12).contains(&n) {
                return Err(refused());
            }
            KeyCode::F(n)
        } else {
            return Err(refused());
        };
        let arrives_as = |is: &str| {
            Err(format!(
                "`{text}` arrives as {is} from a terminal, or not at all: choose another key"
            ))
        };
        let code = match code {
            // Shift is part of the character: `N`, `?`.
            KeyCode::Char(_) if mods.contains(KeyModifiers::SHIFT) => {
                return Err(format!(
                    "`{text}`: Shift is part of the character; write the character it types (`N`, `?`)"
                ));
            }
            // AltGr arrives as Ctrl+Alt on some terminals: it types.
            KeyCode::Char(_) if mods.contains(KeyModifiers::CONTROL | KeyModifiers::ALT) => {
                return arrives_as("a character typed with AltGr");
            }
            // With Ctrl, a terminal sends a letter (or Space) as a byte of
            // its own, but for these, which are other keys' bytes; and
            // most digits and signs not at all.
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
                match c.to_ascii_lowercase() {
                    'i' => return arrives_as("Tab"),
                    'm' | 'j' => return arrives_as("Enter"),
                    'h' => return arrives_as("Backspace"),
                    '[' => return arrives_as("Esc"),
                    c if c.is_ascii_lowercase() || c == ' ' => KeyCode::Char(c),
                    _ => return arrives_as("another key"),
                }
            }
            KeyCode::Tab if mods == KeyModifiers::SHIFT => {
                mods = KeyModifiers::NONE;
                KeyCode::BackTab
            }
            // Enter, Esc, Backspace and Tab with Shift or Ctrl arrive as
            // themselves (Alt+ is Esc first, which terminals do send).
            KeyCode::Enter | KeyCode::Esc | KeyCode::Backspace | KeyCode::Tab
                if mods.intersects(KeyModifiers::SHIFT | KeyModifiers::CONTROL) =>
            {
                return arrives_as("the key alone");
            }
            // Matched as typed lowercase (see `action_for`): Alt+D is Alt+d.
            KeyCode::Char(c) if mods.contains(KeyModifiers::ALT) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            code => code,
        };
        Ok(Key { code, mods })
    }
}

impl serde::Serialize for Key {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&label(self))
    }
}

impl<'de> serde::Deserialize<'de> for Key {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Key, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// All the keys of a binding: `Ctrl+P/F2`.
pub fn keys_label(b: &Binding) -> String {
    if matches!(b.action, Action::ReviewTopic(_)) {
        return "1-9, 0".into();
    }
    b.keys.iter().map(label).collect::<Vec<_>>().join("/")
}
