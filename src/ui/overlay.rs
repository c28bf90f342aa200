//! Boxes drawn over the screen: the person picker and the help.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::theme;
use crate::app::quick::{COMMANDS, PREFIXES};
use crate::app::{App, Picker};
use crate::keymap::{self, Keys};
use crate::text::{fit, pad};

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

pub fn render_picker(app: &App, picker: &Picker, frame: &mut Frame, area: Rect) {
    let s = app.store.session();
    let matches = app.picker_rows();
    let rows = matches.len().clamp(1, 12) as u16;
    let area = centered(area, 48, rows + 3);
    frame.render_widget(Clear, area);
    let block = Block::bordered().title(Span::from(format!(" {} ", picker.purpose.title())).bold());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 {
        return;
    }
    let width = usize::from(inner.width);
    let query = format!("› {}", picker.query.value());
    frame.render_widget(Line::from(query.clone()), Rect { height: 1, ..inner });
    let cursor_x = inner.x + 2 + picker.query.visual_cursor() as u16;
    frame.set_cursor_position(Position::new(
        cursor_x.min(inner.right().saturating_sub(1)),
        inner.y,
    ));
    let list = Rect {
        y: inner.y + 1,
        height: inner.height - 1,
        ..inner
    };
    let selected = picker.selected.min(matches.len().saturating_sub(1));
    let skip = (selected + 1).saturating_sub(usize::from(list.height));
    let lines: Vec<Line> = if matches.is_empty() {
        vec![Line::from("No one matches; /join NAME, ORG, ROLE adds someone").dim()]
    } else {
        // Only the rows that show: there may be 100,000 matches.
        matches
            .iter()
            .enumerate()
            .skip(skip)
            .take(usize::from(list.height))
            .map(|(i, at)| {
                let a = &s.attendees[*at];
                let (mark, style) = theme::attendance(a.attendance);
                let org = a.organisation.clone().unwrap_or_default();
                let name = pad(
                    &fit(&a.name, width.saturating_sub(org.len() + 4)),
                    width.saturating_sub(org.len() + 3),
                );
                let line = Line::from(vec![
                    Span::styled(format!("{mark} "), style),
                    Span::from(name),
                    Span::from(org).dim(),
                ]);
                if i == selected {
                    line.style(theme::SELECTED)
                } else {
                    line
                }
            })
            .collect()
    };
    frame.render_widget(Paragraph::new(lines), list);
}

/// The help is built from the key table and the command table, so it is
/// always the keys and commands that work.
/// `text` padded to `width` columns, and always followed by a space.
fn column(text: &str, width: usize) -> String {
    pad(&format!("{text} "), width)
}

pub fn help_lines() -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::from("minutes: record the meeting as it happens. Every entry is timestamped and on disk at once.").bold(),
        Line::from("Type a line and press Enter. Its first letter says what it is; a / makes it a command."),
        Line::from(""),
        Line::from("Quick entry").bold().underlined(),
    ];
    for (example, what) in PREFIXES {
        lines.push(Line::from(vec![
            Span::from(column(example, 30)).green(),
            Span::from(*what),
        ]));
    }
    lines.push(Line::from(""));
    lines.push(
        Line::from("Commands (Tab completes; a unique start is enough)")
            .bold()
            .underlined(),
    );
    for c in COMMANDS {
        let mut usage = format!("/{}", c.name);
        for part in [
            c.args.to_string(),
            c.alias.map(|a| format!("(/{a})")).unwrap_or_default(),
        ] {
            if !part.is_empty() {
                usage = format!("{usage} {part}");
            }
        }
        lines.push(Line::from(vec![
            Span::from(column(&usage, 30)).green(),
            Span::from(c.what),
        ]));
    }
    lines.push(Line::from(""));
    for mode in [
        Keys::Entry,
        Keys::Browse,
        Keys::Pick,
        Keys::Global,
        Keys::Help,
        Keys::Unsaved,
    ] {
        lines.push(Line::from(mode.title()).bold().underlined());
        for b in keymap::BINDINGS.iter().filter(|b| b.mode == mode) {
            lines.push(Line::from(vec![
                Span::from(column(&keymap::keys_label(b), 18)).cyan(),
                Span::from(b.help),
            ]));
        }
        if mode == Keys::Entry {
            lines.push(Line::from(vec![
                Span::from(pad("any text", 18)).cyan(),
                Span::from("typed into the line"),
            ]));
        }
        lines.push(Line::from(""));
    }
    lines
}

pub fn render_help(app: &App, frame: &mut Frame, area: Rect) {
    let area = centered(area, 100, area.height);
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .title(Span::from(" Help: ↑/↓ scroll, Esc closes ").bold())
        .borders(Borders::ALL);
    let lines = help_lines();
    // Scrolling stops at the last page (lines are rarely wrapped at 80 columns).
    let last_page = (lines.len() as u16).saturating_sub(area.height.saturating_sub(2));
    let text = Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false })
        .scroll((app.help_scroll.min(last_page), 0));
    frame.render_widget(text, area);
}
