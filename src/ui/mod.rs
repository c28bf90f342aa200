//! Drawing the state. Reads [`App`], never changes it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::app::App;
use crate::keymap;
use crate::model::stats::format_duration;
use crate::model::{Entry, EntryKind, Session};
use crate::text;

pub fn render(app: &App, frame: &mut Frame) {
    let [header, message, log, input, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(u16::from(app.message.is_some())),
        Constraint::Fill(1),
        Constraint::Length(u16::from(!app.store.is_read_only())),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    render_header(app, frame, header);
    if let Some(msg) = &app.message {
        frame.render_widget(Line::from(msg.as_str()).fg(Color::Yellow), message);
    }
    render_log(app, frame, log);
    render_input(app, frame, input);
    render_hints(app, frame, hints);
}

fn render_header(app: &App, frame: &mut Frame, area: Rect) {
    let session = app.store.session();
    let mut spans = vec![Span::from(session.title.as_str()).bold()];
    if app.store.is_read_only() {
        spans.push(Span::from("  [read-only]").fg(Color::Yellow));
    }
    let name = app
        .store
        .path()
        .file_name()
        .unwrap_or_default()
        .to_string_lossy();
    let path = format!("  {name}");
    spans.push(Span::from(path).dark_gray());
    frame.render_widget(Line::from(spans).reversed(), area);
}

fn render_log(app: &App, frame: &mut Frame, area: Rect) {
    let entries = &app.store.session().entries;
    let height = usize::from(area.height);
    // Only the rows that fit are built: newest at the bottom, `scroll` rows up.
    let end = entries.len().saturating_sub(app.scroll);
    let start = end.saturating_sub(height);
    if entries.is_empty() {
        let hint = "No entries yet. Type a note below and press Enter.";
        frame.render_widget(Paragraph::new(hint).dark_gray(), area);
        return;
    }
    let lines: Vec<Line> = entries[start..end]
        .iter()
        .map(|e| entry_line(app.store.session(), e, usize::from(area.width)))
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

fn kind_style(kind: &EntryKind) -> Style {
    let color = match kind {
        EntryKind::Note => Color::Gray,
        EntryKind::Speech { .. } => Color::Cyan,
        EntryKind::Discussion => Color::Blue,
        EntryKind::Question { .. } => Color::Magenta,
        EntryKind::Decision => Color::Green,
        EntryKind::Conclusion => Color::LightGreen,
        EntryKind::Action { .. } => Color::Yellow,
    };
    Style::new().fg(color)
}

fn entry_line<'a>(session: &Session, e: &'a Entry, width: usize) -> Line<'a> {
    let time = e.at.format("%H:%M ").to_string();
    let label = format!("{:<10} ", e.kind.label());
    let mut detail = match &e.kind {
        EntryKind::Speech { speaker, .. } => {
            let length = e
                .speech_duration()
                .map_or_else(|| "…".into(), format_duration);
            format!("{} {length}  ", session.attendee_name(*speaker))
        }
        EntryKind::Action { owner, due, done } => {
            let mut d = String::from(if *done { "[x] " } else { "[ ] " });
            if let Some(o) = owner {
                d.push_str(&format!("@{} ", session.attendee_name(*o)));
            }
            if let Some(due) = due {
                d.push_str(&format!("due {due} "));
            }
            d
        }
        _ => String::new(),
    };
    detail.push_str(&e.text);
    let room = width.saturating_sub(time.width() + label.width());
    Line::from(vec![
        Span::from(time).dark_gray(),
        Span::styled(label, kind_style(&e.kind).add_modifier(Modifier::BOLD)),
        Span::from(text::fit(&detail.replace('\n', " "), room)),
    ])
}

fn render_input(app: &App, frame: &mut Frame, area: Rect) {
    if app.store.is_read_only() {
        return;
    }
    let prompt = "› ";
    let room = usize::from(area.width).saturating_sub(prompt.width() + 1);
    // Keep the end of a long line, where the cursor is, in view.
    let visible = text::tail_fit(&app.input, room);
    let x = area.x + (prompt.width() + visible.width()) as u16;
    frame.render_widget(
        Line::from(vec![Span::from(prompt).bold(), Span::from(visible)]),
        area,
    );
    frame.set_cursor_position(Position::new(x.min(area.right().saturating_sub(1)), area.y));
}

fn render_hints(app: &App, frame: &mut Frame, area: Rect) {
    let keys = if app.store.is_read_only() {
        keymap::READ_ONLY_KEYS
    } else {
        keymap::KEYS
    };
    let mut spans = Vec::new();
    for b in keys {
        spans.push(Span::from(format!(" {} ", b.keys)).reversed());
        spans.push(Span::from(format!(" {}  ", b.what)));
    }
    frame.render_widget(Line::from(spans), area);
}
