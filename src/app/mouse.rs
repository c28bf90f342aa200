//! The mouse (off unless `mouse: true` or `--mouse`): what a click or the
//! wheel does to the state. Which list and row is under the pointer is
//! measured by the screen's own layout (`crate::ui::hit`); the event itself
//! is turned into an [`Action`](super::Action) by `crate::mouse`.

use super::review::{Focus, View};
use super::{App, Mode, Pane, Timestamp};

/// Where on the screen a click or the wheel is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Spot {
    /// A list of the live screen.
    Pane(Pane),
    /// The line typed in.
    Input,
    /// A list of the review.
    Review(Focus),
    /// The review's statistics.
    Stats,
}

/// A click on `spot`, on row `row` of its list when on one: the list is
/// browsed (focused), the row selected; a person clicked on the roster or
/// the queue is given the floor, a topic clicked on the agenda becomes the
/// current one, as Enter on them would; in the review, a topic clicked is
/// chosen. A click never edits nor deletes.
pub(super) fn click(app: &mut App, spot: Spot, row: Option<usize>, now: Timestamp) {
    if app.review.is_some() {
        return review(app, spot, row, 0);
    }
    if !matches!(app.mode, Mode::Entry | Mode::Browse) {
        return;
    }
    let pane = match spot {
        Spot::Pane(pane) => pane,
        Spot::Input => return super::act(app, super::Action::Type, now),
        Spot::Review(_) | Spot::Stats => return,
    };
    if !focus(app, pane) {
        return;
    }
    let Some(row) = row.filter(|&r| r < app.len(pane)) else {
        return;
    };
    app.selected[pane.index()] = row;
    let s = app.store.session();
    match pane {
        Pane::Log => {}
        Pane::Agenda => {
            let item = &s.agenda[row];
            let said = format!("Now: {}", item.title);
            if s.current_agenda_item().is_some_and(|c| c.id == item.id) {
                let said = format!("{} is the current topic already", item.title);
                return app.info(said);
            }
            let before = s.journal_seq;
            super::activate(app, now);
            if app.store.session().journal_seq != before {
                app.info(said);
            }
        }
        Pane::Attendees | Pane::Queue => {
            let id = match pane {
                Pane::Queue => s.queue[row],
                _ => s.attendees[row].id,
            };
            if app.store.derived().current_speaker() == Some(id) && s.ended_at.is_none() {
                let said = format!("{} has the floor already", s.attendee_name(id));
                return app.info(said);
            }
            super::activate(app, now);
        }
    }
}

/// The wheel over `spot`: the selection of the list there moves `delta`
/// rows (the list is browsed); the review's statistics scroll.
pub(super) fn wheel(app: &mut App, spot: Spot, delta: isize, now: Timestamp) {
    if app.review.is_some() {
        return review(app, spot, None, delta);
    }
    if !matches!(app.mode, Mode::Entry | Mode::Browse) {
        return;
    }
    if let Spot::Pane(pane) = spot
        && focus(app, pane)
    {
        super::act(app, super::Action::Move(delta), now);
    }
}

/// Browses `pane`, as Esc and Tab would reach it; false (and said why) if
/// an edit is in hand.
fn focus(app: &mut App, pane: Pane) -> bool {
    if app.editing.is_some() {
        app.info("Enter saves the edit, Esc cancels it");
        return false;
    }
    if pane == Pane::Log && !(app.mode == Mode::Browse && app.focus == Pane::Log) {
        // From the last entry, as Esc browses.
        app.selected[Pane::Log.index()] = app.len(Pane::Log).saturating_sub(1);
    }
    app.mode = Mode::Browse;
    app.focus = pane;
    if pane != Pane::Log {
        app.side = Some(super::side_of(pane));
    }
    true
}

/// The review: a click chooses the list (and its row: a topic, an entry),
/// the wheel moves in it.
fn review(app: &mut App, spot: Spot, row: Option<usize>, delta: isize) {
    if app.mode != Mode::Review {
        return;
    }
    let (s, d) = (app.store.session(), app.store.derived());
    let Some(r) = app.review.as_mut() else {
        return;
    };
    r.refresh(s, d);
    match spot {
        Spot::Review(focus) if r.view == View::Topics => r.focus = focus,
        Spot::Stats if r.view == View::Stats => {}
        _ => return,
    }
    if delta != 0 {
        super::review::act(app, &super::Action::Move(delta));
        return;
    }
    let Some(row) = row else {
        return;
    };
    match spot {
        Spot::Review(Focus::Agenda) => {
            let topics = r.topics(s);
            if row >= topics.len() || row == r.topic {
                return;
            }
            r.topic = row;
            r.selected = 0;
            r.top.set(0);
            let said = match topics[row] {
                super::review::Topic::All => "All topics".to_string(),
                super::review::Topic::Item(i) => format!("Topic {}: {}", i + 1, s.agenda[i].title),
                super::review::Topic::Outside => "Outside the agenda".to_string(),
            };
            app.info(said);
        }
        Spot::Review(Focus::Entries) => r.selected = row.min(r.rows(s).len().saturating_sub(1)),
        _ => {}
    }
}
