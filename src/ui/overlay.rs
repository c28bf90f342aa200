//! Boxes drawn over the screen: the person picker and the help.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::help;
use crate::app::{Action, App, Picker, Purpose};
use crate::model::attendance::presence;
use crate::text::{fit, pad};
use unicode_width::UnicodeWidthStr;

/// A `width` x `height` rectangle in the middle of `area` (no larger).
pub(super) fn centered(area: Rect, width: u16, height: u16) -> Rect {
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
    // The roll call counts as it goes.
    let title = match picker.purpose {
        Purpose::RollCall => format!(" Roll call: {} ", presence(s)),
        purpose => format!(" {} ", purpose.title()),
    };
    let block = Block::bordered().title(Span::from(title).bold());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 {
        return;
    }
    let width = usize::from(inner.width);
    let query = format!("› {}", picker.query.value());
    // With nothing typed, Enter chooses no one by chance: say what it does.
    // Letters naming someone the picker does not list: who, and where they
    // are, instead of a highlighted row that Enter would not choose.
    let unlisted = app.picker_unlisted();
    let key = |action| app.key(&action);
    let prompt = match picker.purpose {
        _ if unlisted.is_some() => String::new(),
        _ if !picker.query.value().is_empty() || picker.moved => String::new(),
        Purpose::Speaker if !s.queue.is_empty() => {
            format!(
                "{}: first in the queue, or type a name",
                key(Action::Choose)
            )
        }
        Purpose::RollCall => format!(
            "{} here, {} absent, {} all",
            key(Action::Choose),
            key(Action::MarkAbsent),
            key(Action::AllPresent)
        ),
        _ => "type a few letters of the name".to_string(),
    };
    let mut first = vec![Span::from(query), Span::styled(prompt, app.theme.dim)];
    if let Some(unlisted) = &unlisted {
        first.push(Span::styled(format!("  {unlisted}"), app.theme.info));
    }
    frame.render_widget(Line::from(first), Rect { height: 1, ..inner });
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
        vec![Line::from(picker.purpose.nobody()).dim()]
    } else {
        // Only the rows that show: there may be 100,000 matches.
        matches
            .iter()
            .enumerate()
            .skip(skip)
            .take(usize::from(list.height))
            .map(|(i, at)| {
                let a = &s.attendees[*at];
                let (mark, style) = app.theme.attendance(a.attendance);
                // Their place in the queue, where choosing them takes them
                // out of it (asks to speak) or gives them the floor.
                let queued = match picker.purpose {
                    Purpose::Queue | Purpose::Speaker => s
                        .queue
                        .iter()
                        .position(|q| *q == a.id)
                        .map(|p| format!(" queued {}", p + 1)),
                    _ => None,
                }
                .unwrap_or_default();
                let org = organisation_beside(&a.name, a.organisation.as_deref(), width);
                let room = width.saturating_sub(org.width() + queued.width() + 3);
                let name = fit(&a.name, room.saturating_sub(1));
                let line = Line::from(vec![
                    Span::styled(format!("{mark} "), style),
                    Span::from(name.clone()),
                    Span::styled(
                        pad(&queued, room + queued.width() - name.width()),
                        app.theme.dim,
                    ),
                    Span::from(org).dim(),
                ]);
                if i == selected && unlisted.is_none() {
                    line.style(app.theme.selected)
                } else {
                    line
                }
            })
            .collect()
    };
    frame.render_widget(Paragraph::new(lines), list);
}

/// The organisation as a picker row of `width` columns shows it beside
/// `name`: the name comes first (Enter marks the person whose name shows),
/// so the organisation gets the room the name leaves, a third of the row
/// at most, cut with `…`, or nothing where not even two characters fit.
fn organisation_beside(name: &str, organisation: Option<&str>, width: usize) -> String {
    let Some(org) = organisation else {
        return String::new();
    };
    // The mark and its space, the space between, one column at the end.
    let room = width.saturating_sub(4 + name.width()).min(width / 3);
    if org.width() <= room {
        org.to_string()
    } else if room >= 3 {
        fit(org, room)
    } else {
        String::new()
    }
}

/// The help's title, with the keys in force.
fn help_title(app: &App) -> String {
    use crate::keymap::{Keys, label};
    let keys = |action: Action| {
        let b = app.keymap.bindings(Keys::Help).find(|b| b.action == action);
        b.map_or_else(String::new, |b| {
            b.keys.iter().map(label).collect::<Vec<_>>().join("/")
        })
    };
    format!(
        " Help: {}/{} {}/{} {}/{} scroll, {} closes ",
        keys(Action::Move(-1)),
        keys(Action::Move(1)),
        keys(Action::Move(-10)),
        keys(Action::Move(10)).split('/').next().unwrap_or_default(),
        keys(Action::First),
        keys(Action::Last),
        app.keymap.key_for(Keys::Help, &Action::Cancel),
    )
}

pub fn render_help(app: &App, frame: &mut Frame, area: Rect) {
    let area = centered(area, help::MAX_WIDTH, area.height);
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .title(Span::from(help_title(app)).bold())
        .borders(Borders::ALL);
    let lines = help::lines(app, help::inner_width(frame.area().width));
    let last = help::last_scroll_of(lines.len(), frame.area().height);
    let text = Paragraph::new(lines)
        .block(block)
        .scroll((app.help_scroll.min(last), 0));
    frame.render_widget(text, area);
}
