//! The bottom lines: the quick-entry line, the status line, the key hints.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Style, Stylize};
use ratatui::text::{Line, Span};

use crate::app::quick::Intent;
use crate::app::{App, Editing, Mode};
use crate::keymap::{self, Keys};
use crate::text::fit;

/// What Enter would do with the line as typed: shown before the prompt.
fn preview(app: &App) -> (String, Style) {
    if let Some(editing) = app.editing {
        return (editing_label(app, editing), app.theme.editing);
    }
    let line = app.input.value();
    if line.trim().is_empty() {
        return ("note".into(), app.theme.dim);
    }
    match app.intent().as_ref() {
        Ok(Intent::Log { kind, .. }) => (kind.label().to_lowercase(), app.theme.kind(kind)),
        Ok(Intent::Summary {
            previous: false, ..
        }) => ("summary".into(), app.theme.speaking),
        Ok(Intent::Summary { previous: true, .. }) => {
            ("previous summary".into(), app.theme.speaking)
        }
        Ok(_) => ("command".into(), Style::new().bold()),
        // Not an error until Enter: the line may still be half typed.
        Err(_) => ("…".into(), app.theme.dim),
    }
}

/// What is being edited, as the prompt says it: "editing 14:32 Decision".
fn editing_label(app: &App, editing: Editing) -> String {
    let s = app.store.session();
    let what = match editing {
        Editing::Entry(id) => s
            .entry(id)
            .map(|e| format!("{} {}", e.at.format("%H:%M"), e.kind.label())),
        Editing::Attendee(id) => s.attendee(id).map(|a| a.name.clone()),
        Editing::Topic(id) => s.agenda_item(id).map(|t| format!("topic {}", t.title)),
    };
    let what = what.unwrap_or_default();
    format!("editing {}", fit(&what, 30))
}

pub fn render_input(app: &App, frame: &mut Frame, area: Rect) {
    if area.height == 0 {
        return;
    }
    let (label, style) = preview(app);
    let prompt = format!("{label} › ");
    let prompt_width = unicode_width::UnicodeWidthStr::width(prompt.as_str());
    let room = usize::from(area.width).saturating_sub(prompt_width + 1);
    let scroll = app.input.visual_scroll(room);
    let visible: String = {
        // Skip `scroll` columns, then take what fits (and one more, for
        // `fit` to mark the cut): the line may be a long paste.
        let (mut used, mut taken) = (0, 0);
        let mut out = String::new();
        for c in app.input.value().chars() {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if used >= scroll {
                if taken > room {
                    break;
                }
                out.push(c);
                taken += w;
            }
            used += w;
        }
        fit(&out, room)
    };
    frame.render_widget(
        Line::from(vec![Span::styled(prompt, style), Span::from(visible)]),
        area,
    );
    if app.mode == Mode::Entry {
        let x = area.x as usize + prompt_width + app.input.visual_cursor().saturating_sub(scroll);
        let x = (x as u16).min(area.right().saturating_sub(1));
        frame.set_cursor_position(Position::new(x, area.y));
    }
}

/// The most lines the status line grows to for a message that matters.
const STATUS_MAX_LINES: usize = 4;

/// What the status line says, shown whole (wrapped, growing up to
/// [`STATUS_MAX_LINES`]): on a narrow terminal a confirmation's end ("Alt+N:
/// make it a note") matters as much as its start.
fn status(app: &App) -> Option<(String, Style)> {
    if app.store.unsaved() > 0 {
        let text = app.store.last_error().unwrap_or("changes not on disk yet");
        return Some((format!(" NOT SAVED: {text}"), app.theme.error));
    }
    let msg = app.status_message()?;
    let style = match (&msg.kind, msg.error) {
        (_, true) => app.theme.error,
        (Some(kind), false) => app.theme.kind(kind),
        (None, false) => app.theme.info,
    };
    Some((format!(" {}", msg.text), style))
}

fn wrapped(text: &str, width: usize) -> Vec<String> {
    textwrap::wrap(text, textwrap::Options::new(width.max(1)).break_words(true))
        .into_iter()
        .map(|l| l.into_owned())
        .collect()
}

/// How many lines the status line needs at this width.
pub fn status_height(app: &App, width: u16) -> u16 {
    match status(app) {
        Some((text, _)) => wrapped(&text, usize::from(width))
            .len()
            .clamp(1, STATUS_MAX_LINES) as u16,
        None => 1,
    }
}

pub fn render_status(app: &App, frame: &mut Frame, area: Rect) {
    let width = usize::from(area.width);
    let lines: Vec<Line> = match status(app) {
        Some((text, style)) => {
            let mut lines = wrapped(&text, width);
            let rows = usize::from(area.height).max(1);
            if lines.len() > rows {
                lines.truncate(rows);
                if let Some(last) = lines.last_mut() {
                    *last = fit(&format!("{last} …"), width);
                }
            }
            lines
                .into_iter()
                .map(|l| Line::from(Span::styled(crate::text::pad(&l, width), style)))
                .collect()
        }
        None => {
            let where_ = match (app.store.is_read_only(), app.saved_at) {
                (true, _) => "read-only".to_string(),
                (false, None) => "every change on disk".to_string(),
                (false, Some(t)) => {
                    format!("every change on disk, file saved {}", t.format("%H:%M"))
                }
            };
            vec![Line::from(vec![
                Span::from(fit(
                    &format!(" {} · {where_}", app.store.path().display()),
                    width,
                ))
                .dim(),
            ])]
        }
    };
    frame.render_widget(ratatui::widgets::Paragraph::new(lines), area);
}

pub fn render_hints(app: &App, frame: &mut Frame, area: Rect) {
    let read_only = app.store.is_read_only();
    let mut hints: Vec<(String, &str)> = Vec::new();
    // While editing, Enter and Esc mean save and cancel: said first.
    let editing = app.mode == Mode::Entry && app.editing.is_some();
    if editing {
        hints.push(("Enter".into(), "save edit"));
        hints.push(("Esc".into(), "cancel edit"));
    }
    for b in app.keymap.bindings(Keys::of(&app.mode)) {
        let Some(hint) = b.hint else { continue };
        let replaced = editing && matches!(hint, "log" | "browse");
        // A mode's own key first (`?` help), not again as a global one (F1).
        if (read_only && keymap::changes_the_session(&b.action))
            || replaced
            || hints.iter().any(|(_, h)| *h == hint)
        {
            continue;
        }
        hints.push((keymap::keys_label(b), hint));
    }
    let width = |(keys, what): &(String, &str)| {
        unicode_width::UnicodeWidthStr::width(keys.as_str()) + what.len() + 4
    };
    // The way to the help always fits: room is kept for it.
    let help = hints.iter().find(|(_, h)| *h == "help").map_or(0, width);
    let mut room = usize::from(area.width).saturating_sub(help);
    let mut spans = Vec::new();
    for hint in &hints {
        let w = width(hint);
        let room_for_it = if hint.1 == "help" { room + help } else { room };
        // A shorter hint after one that does not fit may still fit.
        if w > room_for_it {
            continue;
        }
        if hint.1 == "help" {
            room += help;
        }
        room -= w;
        spans.push(Span::from(format!(" {} ", hint.0)).reversed());
        spans.push(Span::from(format!(" {} ", hint.1)));
    }
    frame.render_widget(Line::from(spans), area);
}
