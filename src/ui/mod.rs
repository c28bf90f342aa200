//! Drawing the state: one function per part of the screen. Reads [`App`],
//! never changes it; the time shown is `app.now`.

mod bottom;
mod header;
pub mod help;
mod log;
mod overlay;
mod question;
mod side;
mod theme;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};

use crate::app::{App, Mode};

/// The side pane appears from this width on (when not hidden with Ctrl+T).
const SIDE_FROM_WIDTH: u16 = 60;

pub fn render(app: &App, frame: &mut Frame) {
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
    match app.side {
        Some(pane) if body.width >= SIDE_FROM_WIDTH => {
            let side_width = if body.width >= 120 { 40 } else { 30 };
            let [log_area, side_area] =
                Layout::horizontal([Constraint::Fill(1), Constraint::Length(side_width)])
                    .areas(body);
            log::render(app, frame, log_area);
            side::render(app, pane, frame, side_area);
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
