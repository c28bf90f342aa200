//! Drawing the state: one function per part of the screen. Reads [`App`],
//! never changes it; the time shown is `app.now`.

mod bottom;
mod header;
pub mod help;
mod log;
mod overlay;
mod question;
mod review;
mod side;
pub mod stats;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};

use crate::app::mouse::Spot;
use crate::app::{App, Mode, Pane};

/// The side pane's width on a screen this wide; `None` below 80 columns,
/// where it would leave the log too little room (the header still names who
/// is speaking). The log keeps 51 columns at least, a text column of 34
/// after the time and kind; at 80 columns the roster's names get 18, enough
/// for "José Álvarez Núñez".
fn side_width(width: u16) -> Option<u16> {
    match width {
        120.. => Some(40),
        100.. => Some(30),
        80.. => Some(28),
        _ => None,
    }
}

/// The review's highlighting of a search's matches in a line (for tests).
pub fn review_highlighted(line: &str, folded_query: &str) -> Vec<ratatui::text::Span<'static>> {
    review::highlighted(line, folded_query, theme::Theme::default().matched)
}

/// Where each part of the live screen is on a terminal of `area`: what
/// [`render`] draws in, and what a click is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    /// The log and the side pane, or the one list shown.
    pub body: Rect,
    /// The quick-entry line (no rows when read-only and not editing).
    pub input: Rect,
    pub status: Rect,
    pub hints: Rect,
    /// The log, when shown.
    pub log: Option<Rect>,
    /// The list shown beside the log (true), or alone in its place (false).
    pub side: Option<(Pane, Rect, bool)>,
}

/// The live screen's layout (see [`Areas`]).
pub fn layout(app: &App, area: Rect) -> Areas {
    let [header, body, input, status, hints] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Fill(1),
        Constraint::Length(u16::from(
            !app.store.is_read_only() || app.editing.is_some(),
        )),
        Constraint::Length(bottom::status_height(app, area.width)),
        Constraint::Length(1),
    ])
    .areas(area);
    let (log, side) = match (app.side, side_width(body.width)) {
        (Some(pane), Some(side_width)) => {
            // A column between them: the log's text does not run into the line.
            let [log_area, side_area] =
                Layout::horizontal([Constraint::Fill(1), Constraint::Length(side_width)])
                    .spacing(1)
                    .areas(body);
            (Some(log_area), Some((pane, side_area, true)))
        }
        // Too narrow for both: the list being browsed takes the log's place.
        (_, None) if app.mode == Mode::Browse && app.focus != Pane::Log => {
            (None, Some((app.focus, body, false)))
        }
        _ => (Some(body), None),
    };
    Areas {
        header,
        body,
        input,
        status,
        hints,
        log,
        side,
    }
}

/// What is under the cell at (`x`, `y`) of a terminal `area`: a list and
/// the row of it there (an entry of the log, a person of the roster or the
/// queue, a topic), or the line typed in. For the mouse: measured with the
/// layout the screen is drawn with.
pub fn hit(app: &App, area: Rect, x: u16, y: u16) -> Option<(Spot, Option<usize>)> {
    let at = Position { x, y };
    if let Some(r) = &app.review {
        return review::hit(app, r, area, at);
    }
    let areas = layout(app, area);
    if areas.input.contains(at) {
        return Some((Spot::Input, None));
    }
    if let Some((pane, side_area, beside_log)) = areas.side
        && side_area.contains(at)
    {
        return side::hit(app, pane, side_area, beside_log, at)
            .map(|(pane, row)| (Spot::Pane(pane), row));
    }
    match areas.log {
        Some(log_area) if log_area.contains(at) => {
            Some((Spot::Pane(Pane::Log), log::entry_at(app, log_area, at.y)))
        }
        _ => None,
    }
}

pub fn render(app: &App, frame: &mut Frame) {
    if let Some(r) = &app.review {
        return review::render(app, r, frame);
    }
    let area = frame.area();
    let areas = layout(app, area);
    header::render(app, frame, areas.header);
    if let Some(log_area) = areas.log {
        log::render(app, frame, log_area);
    }
    if let Some((pane, side_area, beside_log)) = areas.side {
        side::render(app, pane, frame, side_area, beside_log);
    }
    bottom::render_input(app, frame, areas.input);
    bottom::render_status(app, frame, areas.status);
    bottom::render_hints(app, frame, areas.hints);
    let body = areas.body;
    match &app.mode {
        Mode::Pick(picker) => overlay::render_picker(app, picker, frame, body),
        Mode::Help => overlay::render_help(app, frame, area),
        Mode::Unsaved(q) => question::render_unsaved(app, q, frame, body),
        _ => {}
    }
}
