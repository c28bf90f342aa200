//! The log: one row an entry, newest at the bottom, following the tail
//! unless an entry is selected. Only the visible rows are built.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::layout::{Constraint, Layout};
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::theme;
use crate::app::{App, Mode, Pane};
use crate::model::stats::format_duration;
use crate::model::{Entry, EntryKind, Session};
use crate::text::fit;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let s = app.store.session();
    let browsing = app.mode == Mode::Browse && app.focus == Pane::Log;
    // While browsing, the selected entry is shown whole below the list:
    // rows are cut to the width of the screen.
    let mut area = area;
    if let Some(i) = app
        .selection(Pane::Log)
        .filter(|_| browsing && area.height >= 8)
    {
        let [list, detail] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(4)]).areas(area);
        render_detail(app, &s.entries[i], frame, detail);
        area = list;
    }
    let height = usize::from(area.height);
    if s.entries.is_empty() {
        let hint = if app.store.is_read_only() {
            "No entries."
        } else {
            "No entries yet. Type a note and press Enter; F1 shows all keys."
        };
        frame.render_widget(Paragraph::new(hint).dark_gray(), area);
        return;
    }
    // The window of rows to draw: the tail, or around the selection.
    let selected = if browsing {
        app.selection(Pane::Log)
    } else {
        None
    };
    let end = match selected {
        Some(i) => (i + 1)
            .max(height.min(s.entries.len()))
            .min(s.entries.len()),
        None => s.entries.len(),
    };
    let start = end.saturating_sub(height);
    let width = usize::from(area.width);
    let lines: Vec<Line> = s.entries[start..end]
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let line = row(s, e, width, app.now);
            if selected == Some(start + i) {
                line.style(theme::SELECTED)
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines).block(Block::new().borders(Borders::NONE)),
        area,
    );
}

/// An entry's time, kind label, and everything it says on one line.
fn describe(s: &Session, e: &Entry, now: crate::model::Timestamp) -> (String, String, String) {
    let time = e.at.format("%H:%M ").to_string();
    let label = format!("{:<10} ", e.kind.label());
    let mut detail = match &e.kind {
        EntryKind::Speech { speaker, ended_at } => {
            let length = format_duration(ended_at.unwrap_or(now) - e.at);
            let live = if ended_at.is_none() { "▶ " } else { "" };
            format!("{live}{} {length}  ", s.attendee_name(*speaker))
        }
        EntryKind::Question { by: Some(by) } => format!("{}: ", s.attendee_name(*by)),
        EntryKind::Action { owner, due, done } => {
            let mut d = String::from(if *done { "[x] " } else { "[ ] " });
            if let Some(o) = owner {
                d.push_str(&format!("@{} ", s.attendee_name(*o)));
            }
            if let Some(due) = due {
                d.push_str(&format!("due {due}  "));
            }
            d
        }
        _ => String::new(),
    };
    detail.push_str(&e.text);
    (time, label, detail.replace('\n', " "))
}

fn row<'a>(s: &Session, e: &'a Entry, width: usize, now: crate::model::Timestamp) -> Line<'a> {
    let (time, label, detail) = describe(s, e, now);
    let room = width.saturating_sub(time.width() + label.width());
    Line::from(vec![
        Span::styled(time, theme::DIM),
        Span::styled(label, theme::kind(&e.kind)),
        Span::from(fit(&detail, room)),
    ])
}

fn render_detail(app: &App, e: &Entry, frame: &mut Frame, area: Rect) {
    let (time, label, detail) = describe(app.store.session(), e, app.now);
    let text = Line::from(vec![
        Span::styled(time, theme::DIM),
        Span::styled(label.trim_end().to_string() + " ", theme::kind(&e.kind)),
        Span::from(detail),
    ]);
    let block = Block::new().borders(Borders::TOP).border_style(theme::DIM);
    frame.render_widget(
        Paragraph::new(text).block(block).wrap(Wrap { trim: true }),
        area,
    );
}
