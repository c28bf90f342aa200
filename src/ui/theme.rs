//! Colours and symbols, in one place.

use ratatui::style::{Color, Modifier, Style};

use crate::model::{AgendaStatus, Attendance, EntryKind};

pub fn kind(kind: &EntryKind) -> Style {
    let color = match kind {
        EntryKind::Note => Color::Gray,
        EntryKind::Speech { .. } => Color::Cyan,
        EntryKind::Discussion => Color::Blue,
        EntryKind::Question { .. } => Color::Magenta,
        EntryKind::Decision => Color::Green,
        EntryKind::Conclusion => Color::LightGreen,
        EntryKind::Action { .. } => Color::Yellow,
    };
    Style::new().fg(color).add_modifier(Modifier::BOLD)
}

/// A one-column mark (ASCII: wide and ambiguous-width symbols misalign in
/// some terminals) and its colour. Late is `~`, not `L`, which reads as "left".
pub fn attendance(a: Attendance) -> (&'static str, Style) {
    match a {
        Attendance::Present => ("+", Style::new().fg(Color::Green)),
        Attendance::Late => ("~", Style::new().fg(Color::Yellow)),
        Attendance::Left => ("-", Style::new().fg(Color::DarkGray)),
        Attendance::Absent => ("x", Style::new().fg(Color::DarkGray)),
        Attendance::Expected => (" ", Style::new().fg(Color::Gray)),
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

pub fn topic(status: AgendaStatus) -> (&'static str, Style) {
    match status {
        AgendaStatus::Current => (
            ">",
            Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
        ),
        AgendaStatus::Done => ("=", Style::new().fg(Color::DarkGray)),
        AgendaStatus::Skipped => ("-", Style::new().fg(Color::DarkGray)),
        AgendaStatus::Pending => (" ", Style::new()),
    }
}

/// The marks an agenda's legend explains, like [`ATTENDANCE_LEGEND`].
pub const TOPIC_LEGEND: [(AgendaStatus, &str); 3] = [
    (AgendaStatus::Current, "now"),
    (AgendaStatus::Done, "done"),
    (AgendaStatus::Skipped, "skipped"),
];

pub const SPEAKING: Style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
/// Time nearly up (a speech near its limit).
pub const WARNING: Style = Style::new()
    .fg(Color::Black)
    .bg(Color::Yellow)
    .add_modifier(Modifier::BOLD);
pub const OVER_TIME: Style = Style::new().fg(Color::Red).add_modifier(Modifier::BOLD);
pub const ERROR: Style = Style::new()
    .fg(Color::White)
    .bg(Color::Red)
    .add_modifier(Modifier::BOLD);
pub const INFO: Style = Style::new().fg(Color::Yellow);
pub const DIM: Style = Style::new().fg(Color::DarkGray);
pub const SELECTED: Style = Style::new().add_modifier(Modifier::REVERSED);
pub const BAR: Style = Style::new().fg(Color::Black).bg(Color::Gray);

/// The bars of the statistics view: speaking time by person, time spent on
/// a topic.
pub const CHART: Style = Style::new().fg(Color::Cyan);
/// Speaking time by organisation.
pub const CHART_ORGANISATION: Style = Style::new().fg(Color::Blue);
/// How many are present, over time.
pub const PRESENCE: Style = Style::new().fg(Color::Green);
