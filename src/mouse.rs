//! The mouse, when switched on (`mouse: true` in the config, or `--mouse`):
//! a terminal's mouse event as an [`Action`], measured against the layout
//! the screen is drawn with ([`crate::ui::hit`]). No terminal here.
//!
//! Off by default: while a program reads the mouse, the terminal's own
//! selection (to copy from the call's chat) needs Shift held.

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

use crate::app::mouse::Spot;
use crate::app::{Action, App, Mode};

/// How many rows the help and the statistics scroll per turn of the wheel.
const WHEEL_PAGE: isize = 3;

/// What a mouse event does: a left click on a list focuses it (and acts on
/// the row there: see [`crate::app::mouse::click`]), the wheel moves in the
/// list under the pointer. `None` with the mouse off, over the overlays
/// (pickers, menus, questions) but for the help's scrolling, and for
/// everything else (other buttons, releases, drags, moves).
pub fn action(event: &MouseEvent, app: &App) -> Option<Action> {
    if !app.mouse {
        return None;
    }
    let delta = match event.kind {
        MouseEventKind::ScrollUp => -1,
        MouseEventKind::ScrollDown => 1,
        MouseEventKind::Down(MouseButton::Left) => 0,
        _ => return None,
    };
    match app.mode {
        Mode::Help if delta != 0 => return Some(Action::Move(delta * WHEEL_PAGE)),
        Mode::Entry | Mode::Browse | Mode::Review => {}
        _ => return None,
    }
    let (width, height) = app.viewport;
    let area = Rect::new(0, 0, width, height);
    let (spot, row) = crate::ui::hit(app, area, event.column, event.row)?;
    Some(match (delta, spot) {
        (0, _) => Action::Click(spot, row),
        (_, Spot::Stats) => Action::Wheel(spot, delta * WHEEL_PAGE),
        (_, Spot::Input) => return None,
        _ => Action::Wheel(spot, delta),
    })
}
