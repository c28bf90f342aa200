//! Colours and symbols, in one place.

use ratatui::style::{Color, Modifier, Style};
use serde::{Deserialize, Serialize};

use crate::model::{AgendaStatus, Attendance, EntryKind};

/// The kinds of entry, as the config file names them to colour them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Kind {
    Note,
    Speech,
    Discussion,
    Question,
    Decision,
    Conclusion,
    Action,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Note,
        Kind::Speech,
        Kind::Discussion,
        Kind::Question,
        Kind::Decision,
        Kind::Conclusion,
        Kind::Action,
    ];

    pub fn of(kind: &EntryKind) -> Kind {
        match kind {
            EntryKind::Note => Kind::Note,
            EntryKind::Speech { .. } => Kind::Speech,
            EntryKind::Discussion => Kind::Discussion,
            EntryKind::Question { .. } => Kind::Question,
            EntryKind::Decision => Kind::Decision,
            EntryKind::Conclusion => Kind::Conclusion,
            EntryKind::Action { .. } => Kind::Action,
        }
    }
}

/// The built-in themes (`theme:` in the config file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Base {
    /// Light text on a dark terminal.
    #[default]
    Dark,
    /// Dark text on a light terminal: no light grey or yellow text.
    Light,
    /// No colour at all, only bold, dim and reverse (what `NO_COLOR` in
    /// the environment chooses, whatever the config says).
    NoColor,
}

/// Every style the screen draws with, by what it marks.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    kinds: [Style; 7],
    present: Style,
    late: Style,
    left: Style,
    absent: Style,
    expected: Style,
    current: Style,
    done: Style,
    skipped: Style,
    pub speaking: Style,
    /// Time nearly up (a speech near its limit).
    pub warning: Style,
    pub over_time: Style,
    pub error: Style,
    pub info: Style,
    pub dim: Style,
    pub selected: Style,
    pub bar: Style,
    /// The bars of the statistics view: speaking time by person, time
    /// spent on a topic.
    pub chart: Style,
    /// Speaking time by organisation.
    pub chart_organisation: Style,
    /// How many are present, over time.
    pub presence: Style,
    /// What the line is while it edits an entry.
    pub editing: Style,
    /// A match of the review's search.
    pub matched: Style,
    /// In the help: what is typed (markers, commands, dates).
    pub typed: Style,
    /// In the help: keys and marks.
    pub key: Style,
}

impl Default for Theme {
    fn default() -> Self {
        Theme::new(Base::Dark)
    }
}

const BOLD: Modifier = Modifier::BOLD;

impl Theme {
    pub fn new(base: Base) -> Theme {
        match base {
            Base::Dark => Theme::dark(),
            Base::Light => Theme::light(),
            Base::NoColor => Theme::no_color(),
        }
    }

    fn dark() -> Theme {
        let fg = |c: Color| Style::new().fg(c);
        Theme {
            kinds: [
                Color::Gray,
                Color::Cyan,
                Color::Blue,
                Color::Magenta,
                Color::Green,
                Color::LightGreen,
                Color::Yellow,
            ]
            .map(|c| fg(c).add_modifier(BOLD)),
            present: fg(Color::Green),
            late: fg(Color::Yellow),
            left: fg(Color::DarkGray),
            absent: fg(Color::DarkGray),
            expected: fg(Color::Gray),
            current: fg(Color::Cyan).add_modifier(BOLD),
            done: fg(Color::DarkGray),
            skipped: fg(Color::DarkGray),
            speaking: fg(Color::Cyan).add_modifier(BOLD),
            warning: fg(Color::Black).bg(Color::Yellow).add_modifier(BOLD),
            over_time: fg(Color::Red).add_modifier(BOLD),
            error: fg(Color::White).bg(Color::Red).add_modifier(BOLD),
            info: fg(Color::Yellow),
            dim: fg(Color::DarkGray),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            bar: fg(Color::Black).bg(Color::Gray),
            chart: fg(Color::Cyan),
            chart_organisation: fg(Color::Blue),
            presence: fg(Color::Green),
            editing: fg(Color::Yellow).add_modifier(BOLD),
            matched: fg(Color::Black).bg(Color::Yellow).add_modifier(BOLD),
            typed: fg(Color::Green),
            key: fg(Color::Cyan),
        }
    }

    /// For a light background: the dark theme less its light grey, yellow
    /// and light green text, which a white background washes out.
    fn light() -> Theme {
        let fg = |c: Color| Style::new().fg(c);
        Theme {
            kinds: [
                Color::Reset,
                Color::Blue,
                Color::Indexed(24),
                Color::Magenta,
                Color::Green,
                Color::Indexed(22),
                Color::Indexed(130),
            ]
            .map(|c| fg(c).add_modifier(BOLD)),
            late: fg(Color::Indexed(130)),
            expected: Style::new(),
            current: fg(Color::Blue).add_modifier(BOLD),
            speaking: fg(Color::Blue).add_modifier(BOLD),
            info: fg(Color::Indexed(130)),
            bar: fg(Color::White).bg(Color::DarkGray),
            chart: fg(Color::Blue),
            chart_organisation: fg(Color::Magenta),
            editing: fg(Color::Indexed(130)).add_modifier(BOLD),
            key: fg(Color::Blue),
            ..Theme::dark()
        }
    }

    /// No colour (no-color.org): what stands out does so by bold, dim and
    /// reverse video alone.
    fn no_color() -> Theme {
        let plain = Style::new();
        let bold = plain.add_modifier(BOLD);
        let dim = plain.add_modifier(Modifier::DIM);
        let reversed = plain.add_modifier(Modifier::REVERSED);
        Theme {
            kinds: [bold; 7],
            present: plain,
            late: plain,
            left: dim,
            absent: dim,
            expected: plain,
            current: bold,
            done: dim,
            skipped: dim,
            speaking: bold,
            warning: reversed.add_modifier(BOLD),
            over_time: bold,
            error: reversed.add_modifier(BOLD),
            info: plain,
            dim,
            selected: reversed,
            bar: reversed,
            chart: plain,
            chart_organisation: plain,
            presence: plain,
            editing: bold,
            matched: reversed.add_modifier(BOLD),
            typed: bold,
            key: bold,
        }
    }

    /// The colour of a kind of entry (the config file's `colours`).
    pub fn set_colour(&mut self, kind: Kind, colour: Color) {
        self.kinds[kind as usize] = Style::new().fg(colour).add_modifier(BOLD);
    }

    pub fn kind(&self, kind: &EntryKind) -> Style {
        self.kinds[Kind::of(kind) as usize]
    }

    /// A one-column mark (ASCII: wide and ambiguous-width symbols misalign
    /// in some terminals) and its colour. Late is `~`, not `L`, which reads
    /// as "left".
    pub fn attendance(&self, a: Attendance) -> (&'static str, Style) {
        match a {
            Attendance::Present => ("+", self.present),
            Attendance::Late => ("~", self.late),
            Attendance::Left => ("-", self.left),
            Attendance::Absent => ("x", self.absent),
            Attendance::Expected => (" ", self.expected),
        }
    }

    pub fn topic(&self, status: AgendaStatus) -> (&'static str, Style) {
        match status {
            AgendaStatus::Current => (">", self.current),
            AgendaStatus::Done => ("=", self.done),
            AgendaStatus::Skipped => ("-", self.skipped),
            AgendaStatus::Pending => (" ", Style::new()),
        }
    }
}

/// The marks a roster's legend explains, in the order it does: when the
/// pane is narrow, the last are left out. Expected (blank) needs no word.
pub const ATTENDANCE_LEGEND: [(Attendance, &str); 4] = [
    (Attendance::Present, "here"),
    (Attendance::Late, "late"),
    (Attendance::Left, "left"),
    (Attendance::Absent, "absent"),
];

/// The marks an agenda's legend explains, like [`ATTENDANCE_LEGEND`].
pub const TOPIC_LEGEND: [(AgendaStatus, &str); 3] = [
    (AgendaStatus::Current, "now"),
    (AgendaStatus::Done, "done"),
    (AgendaStatus::Skipped, "skipped"),
];
