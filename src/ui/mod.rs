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
use ratatui::layout::{Constraint, Layout};

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

pub fn render(app: &App, frame: &mut Frame) {
    if let Some(r) = &app.review {
        return review::render(app, r, frame);
    }
    let area = frame.area();
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
    header::render(app, frame, header);
    match (app.side, side_width(body.width)) {
        (Some(pane), Some(side_width)) => {
            // A column between them: the log's text does not run into the line.
            let [log_area, side_area] =
                Layout::horizontal([Constraint::Fill(1), Constraint::Length(side_width)])
                    .spacing(1)
                    .areas(body);
            log::render(app, frame, log_area);
            side::render(app, pane, frame, side_area, true);
        }
        // Too narrow for both: the list being browsed takes the log's place.
        (_, None) if app.mode == Mode::Browse && app.focus != Pane::Log => {
            side::render(app, app.focus, frame, body, false)
        }
        _ => log::render(app, frame, body),
    }
    bottom::render_input(app, frame, input);
    bottom::render_status(app, frame, status);
    bottom::render_hints(app, frame, hints);
    match &app.mode {
        Mode::Pick(picker) => overlay::render_picker(app, picker, frame, body),
        Mode::Help => overlay::render_help(app, frame, area),
        Mode::Unsaved(q) => question::render_unsaved(app, q, frame, body),
        _ => {}
    }
}
