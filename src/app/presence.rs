//! Who is here. The roll call: the people expected, in roster order, in a
//! picker that stays open. Enter marks the selected person present (late
//! after the grace period), Delete absent, Ctrl+A everyone listed; each is
//! one change, undone as one, and said on the status line with the count of
//! those here. And what the arrival and departure pickers and commands say.

use tui_input::Input;

use super::{App, Mode, Picker, Purpose, back_mode};
use crate::model::attendance::{self, presence};
use crate::model::meeting;
use crate::model::{Attendance, Attendee, AttendeeId, Change, Session, Timestamp};

/// Opens the roll call, unless no one is left to call.
pub(super) fn open(app: &mut App, now: Timestamp) {
    if super::refused_read_only(app) {
        return;
    }
    let s = app.store.session();
    let to_call = to_call(s);
    if to_call == 0 {
        let said = format!("Roll call: no one left to call, {}", presence(s));
        app.info(said);
        return;
    }
    // Whether those called will be present or late is not obvious: said.
    let rule = match s.started_at {
        None => "before the start: present".to_string(),
        Some(start) if attendance::is_late(s, now) => {
            format!("late now (the meeting started {})", start.format("%H:%M"))
        }
        Some(start) => format!(
            "present until {}",
            to_the_second(start + attendance::grace(s))
        ),
    };
    let said = format!("Roll call of {to_call}, {rule}; Esc when done");
    app.mode = Mode::Pick(Picker {
        purpose: Purpose::RollCall,
        query: Input::default(),
        selected: 0,
        moved: false,
    });
    app.info(said);
}

/// Marks the person at roster position `i` present (or late) or absent,
/// and moves on to the next person to call.
pub(super) fn mark(app: &mut App, i: usize, attendance: Attendance, now: Timestamp) {
    if !calling(app) {
        return;
    }
    let s = app.store.session();
    let a = &s.attendees[i];
    let (change, said) = match attendance {
        Attendance::Absent => (
            meeting::set_attendance(s, app.store.derived(), a.id, Attendance::Absent, now),
            format!("{}: absent", a.name),
        ),
        _ => match meeting::arrive(s, a.id, now) {
            Some(change) => (change, arrival_said(s, a, now)),
            None => return,
        },
    };
    if app.apply(change) {
        let done = !next(app, i);
        let s = app.store.session();
        let said = if done {
            format!("{said}. Roll call done: {}", presence(s))
        } else {
            format!("{said} ({})", presence(s))
        };
        app.info(said);
    }
}

/// Marks everyone listed present (or late), as one change.
pub(super) fn all_present(app: &mut App, now: Timestamp) {
    if !calling(app) {
        return;
    }
    let rows = app.picker_rows().into_owned();
    let s = app.store.session();
    let changes: Vec<Change> = rows
        .iter()
        .filter_map(|&i| meeting::arrive(s, s.attendees[i].id, now))
        .collect();
    let count = changes.len();
    let how = match s.started_at {
        Some(start) if attendance::is_late(s, now) => {
            format!("late (the meeting started {})", start.format("%H:%M"))
        }
        _ => "present".to_string(),
    };
    let change = match count {
        0 => {
            app.error("no one listed to mark: Backspace clears the letters typed");
            return;
        }
        1 => changes.into_iter().next().expect("one change"),
        _ => Change::Batch(changes),
    };
    if app.apply(change) {
        let open = next(app, rows[0]);
        let s = app.store.session();
        let said = format!(
            "Roll call: {count} marked {how} at once ({} undoes {}); {}{}",
            app.undo_key(),
            if count == 1 {
                "it".to_string()
            } else {
                format!("all {count}")
            },
            presence(s),
            if open { "" } else { ", everyone called" }
        );
        app.info(said);
    }
}

/// Closes the roll call, saying how many are here.
pub(super) fn close(app: &mut App) {
    app.mode = back_mode(app);
    let s = app.store.session();
    let said = match to_call(s) {
        0 => format!("Roll call: {}", presence(s)),
        n => format!("Roll call: {}, {n} not called", presence(s)),
    };
    app.info(said);
}

/// How many people the roll call has still to call.
fn to_call(s: &Session) -> usize {
    s.attendees
        .iter()
        .filter(|a| Purpose::RollCall.offers(a))
        .count()
}

fn calling(app: &App) -> bool {
    matches!(
        app.mode,
        Mode::Pick(Picker {
            purpose: Purpose::RollCall,
            ..
        })
    )
}

/// After marking the person at roster position `marked`: the letters typed
/// cleared for the next name and the next person in the roster selected;
/// with no one left to call, the roll call closed. False if it closed.
fn next(app: &mut App, marked: usize) -> bool {
    if let Mode::Pick(p) = &mut app.mode {
        p.query = Input::default();
    }
    app.refresh_searches();
    // With no letters typed, the list is in roster order.
    let at = {
        let rows = app.picker_rows();
        let at = rows.partition_point(|&i| i < marked);
        (!rows.is_empty()).then(|| at.min(rows.len() - 1))
    };
    match (at, &mut app.mode) {
        (Some(at), Mode::Pick(p)) => {
            p.selected = at;
            true
        }
        _ => {
            app.mode = back_mode(app);
            false
        }
    }
}

/// The person selected in the picker (their place in the roster). With no
/// one listed, the one the letters typed name among those not offered: the
/// picker then does what the command would (`/here NAME` says who is
/// already here); in a roll call, `None`, with where they are said and the
/// letters cleared for the next name. `None` too, and an error, if the
/// letters name no one.
pub(super) fn picked(app: &mut App) -> Option<usize> {
    let Mode::Pick(picker) = &app.mode else {
        return None;
    };
    let purpose = picker.purpose;
    let listed = !app.picker_rows().is_empty();
    let found = match meant(app) {
        Meant::Listed(i) => return Some(i),
        Meant::Unlisted(b) => Some(b),
        Meant::NoOne => None,
    };
    match found {
        // Listed people passed over for someone not listed, or a roll call
        // (which marks only those it calls): where they are is said, no one
        // is marked, and the letters are cleared for the next name.
        Some(b) if listed || purpose == Purpose::RollCall => {
            let s = app.store.session();
            let said = whereabouts(s, &s.attendees[b]);
            app.info(said);
            if let Mode::Pick(p) = &mut app.mode {
                p.query = Input::default();
            }
            None
        }
        Some(b) => Some(b),
        None => {
            app.error("no one matches: type less, or add them with /join");
            None
        }
    }
}

/// Whom the picker's letters mean.
pub(super) enum Meant {
    /// The person selected among those listed (their place in the roster).
    Listed(usize),
    /// Someone not listed, named better than anyone listed (`zoë` for Zoë,
    /// who has left, against z-o-e scattered through another name in the
    /// departure picker), or the only one named.
    Unlisted(usize),
    NoOne,
}

pub(super) fn meant(app: &App) -> Meant {
    let Mode::Pick(picker) = &app.mode else {
        return Meant::NoOne;
    };
    let (purpose, selected) = (picker.purpose, picker.selected);
    let query = picker.query.value().trim();
    let rows = app.picker_rows();
    let s = app.store.session();
    let listed = rows
        .get(selected.min(rows.len().saturating_sub(1)))
        .copied();
    let roster = app.roster();
    let best = app.picker_best().filter(|_| !query.is_empty());
    match (listed, best) {
        (Some(i), Some(b))
            if !purpose.offers(&s.attendees[b])
                && roster.rank(b, query) < roster.rank(i, query) =>
        {
            Meant::Unlisted(b)
        }
        (Some(i), _) => Meant::Listed(i),
        (None, Some(b)) => Meant::Unlisted(b),
        (None, None) => Meant::NoOne,
    }
}

/// Where someone is, for a picker that does not list them: "Zoë Brandtner
/// is already here, since 14:31".
pub(super) fn whereabouts(s: &Session, a: &Attendee) -> String {
    let name = &a.name;
    let since = |t: Option<Timestamp>| t.map(|t| t.format("%H:%M").to_string());
    match a.attendance {
        Attendance::Present | Attendance::Late => match since(a.joined_at) {
            Some(t) => format!("{name} is already here, since {t}"),
            None => format!("{name} is already here"),
        },
        Attendance::Left => match since(a.left_at) {
            Some(t) => format!("{name} has left, at {t}"),
            None => format!("{name} has left"),
        },
        Attendance::Absent => format!("{name} is marked absent"),
        Attendance::Expected if s.started_at.is_some() => format!("{name} has not arrived"),
        Attendance::Expected => format!("{name} is expected, not yet here"),
    }
}

/// The change marking someone absent, or `None` (and the user told why)
/// for someone who was here: their stays would be lost, and a departure
/// is what was meant.
pub(super) fn absence(app: &mut App, id: AttendeeId, now: Timestamp) -> Option<Change> {
    let s = app.store.session();
    match s.attendee(id) {
        Some(a) if a.attendance.attended() => {
            let since = a
                .first_arrival()
                .map(|t| format!(" (since {})", t.format("%H:%M")))
                .unwrap_or_default();
            let said = format!(
                "{} was here{since}: absent would drop when they came and went; /left marks a departure",
                a.name
            );
            app.error(said);
            None
        }
        _ => Some(meeting::set_attendance(
            s,
            app.store.derived(),
            id,
            Attendance::Absent,
            now,
        )),
    }
}

/// The change marking a departure, or `None` (and the user told when) for
/// someone who has left already: marking them again would lose the time.
pub(super) fn departure(app: &mut App, id: AttendeeId, now: Timestamp) -> Option<Change> {
    let s = app.store.session();
    match s.attendee(id) {
        Some(a) if a.attendance == Attendance::Left => {
            let said = whereabouts(s, a);
            app.info(said);
            None
        }
        // Someone who never came cannot leave: marking it would count them
        // as having attended, with no time of arrival.
        Some(a) if !a.attendance.attended() => {
            let said = format!("{}: nothing to leave", whereabouts(s, a));
            app.error(said);
            None
        }
        _ => Some(meeting::set_attendance(
            s,
            app.store.derived(),
            id,
            Attendance::Left,
            now,
        )),
    }
}

/// What marking `a` arrived at `now` does, in words: "Tom Brandl: late,
/// joined 14:12"; said before the change is made.
pub(super) fn arrival_said(s: &Session, a: &Attendee, now: Timestamp) -> String {
    let (name, time) = (&a.name, now.format("%H:%M"));
    let after = match s.ended_at {
        Some(end) if now > end => {
            format!(", after the end of the meeting ({})", end.format("%H:%M"))
        }
        _ => String::new(),
    };
    let back = a.attendance == Attendance::Left;
    match (back, attendance::arriving(s, a, now)) {
        (true, Attendance::Late) => format!("{name}: back at {time}{after} (late at first)"),
        (true, _) => format!("{name}: back at {time}{after}"),
        (false, Attendance::Late) => format!("{name}: late, joined {time}{after}"),
        // Present after the start is not obvious: the grace period says why.
        (false, _) if !after.is_empty() => format!("{name}: joined {time}{after}"),
        (false, _) => match s.started_at {
            Some(start) if now > start => format!(
                "{name}: present, joined {time} (on time until {})",
                to_the_second(start + attendance::grace(s))
            ),
            _ => format!("{name}: present"),
        },
    }
}

/// Someone on the roster with this very name (accents and case aside) and,
/// if one is given, this organisation: who `/join NAME` means when the
/// name is there already.
pub(super) fn on_the_roster(
    s: &Session,
    name: &str,
    organisation: Option<&str>,
) -> Option<AttendeeId> {
    // Spaces aside: `Hana  Sato` is Hana Sato.
    let words = |n: &str| {
        meeting::fold(n)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let name = words(name);
    let org = organisation.map(|o| meeting::find_organisation(s, o).map(|o| o.code.as_str()));
    // One organisation given and another on the roster: another person.
    s.attendees
        .iter()
        .find(|a| {
            words(&a.name) == name
                && match (org, a.organisation.as_deref()) {
                    (Some(given), Some(theirs)) => given == Some(theirs),
                    _ => true,
                }
        })
        .map(|a| a.id)
}

/// `/join` (`here`) or `/invite` of someone on the roster already: their
/// arrival, or what there is to say. True: the line is done with.
pub(super) fn join_again(app: &mut App, id: AttendeeId, here: bool, now: Timestamp) -> bool {
    let s = app.store.session();
    let Some(a) = s.attendee(id) else {
        return false;
    };
    if !here || a.is_here() {
        let said = format!("On the roster already: {}", whereabouts(s, a));
        app.info(said);
        return true;
    }
    let said = format!("{} (on the roster already)", arrival_said(s, a, now));
    let Some(change) = meeting::arrive(s, id, now) else {
        return false;
    };
    let made = app.apply(change);
    if made {
        app.info(said);
    }
    made
}

/// A moment to the minute, or to the second when it falls between minutes:
/// "on time until 14:05" must not read as on time at 14:05:40.
fn to_the_second(t: Timestamp) -> String {
    use chrono::Timelike;
    if t.second() == 0 {
        t.format("%H:%M").to_string()
    } else {
        t.format("%H:%M:%S").to_string()
    }
}

/// " (on the roster already: 陈静, if that is who was meant: Ctrl+Z, then
/// /here 陈静)" when someone's name, or its pinyin, is `name` or starts
/// with it; else nothing. `undo` is the undo key in force.
pub(super) fn like_named(
    s: &Session,
    roster: &meeting::FoldedRoster,
    name: &str,
    undo: &str,
) -> String {
    let like = roster
        .find(s, name)
        .into_iter()
        .find(|i| roster.rank(*i, name).is_some_and(|r| r <= 3));
    match like {
        Some(i) => {
            let other = &s.attendees[i].name;
            format!(
                " (on the roster already: {other}; if that is who came, {undo}, then /here {other})"
            )
        }
        None => String::new(),
    }
}
