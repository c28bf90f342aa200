//! Who is at the meeting: on time or late, here now or not. The roll call
//! takes a few minutes, so an arrival just after the start is on time.

use chrono::TimeDelta;

use super::{Attendance, Attendee, Session, Timestamp};

/// How long after the start an arrival still counts as on time, in
/// minutes, for a session that does not say (the config file sets it for
/// new sessions: `late_after_minutes`).
pub const DEFAULT_GRACE_MINUTES: u32 = 5;

/// The longest grace a session or config may give: a day.
pub const MAX_GRACE_MINUTES: u32 = 24 * 60;

/// How long after the start an arrival still counts as on time in `s`.
pub fn grace(s: &Session) -> TimeDelta {
    TimeDelta::minutes(i64::from(
        s.late_after_minutes
            .unwrap_or(DEFAULT_GRACE_MINUTES)
            .min(MAX_GRACE_MINUTES),
    ))
}

/// Whether someone arriving at `at` is late: after the start and its
/// [`grace`]. Before the meeting has started, no one is.
pub fn is_late(s: &Session, at: Timestamp) -> bool {
    s.started_at.is_some_and(|start| at > start + grace(s))
}

/// Whether `a` came late. Their first arrival decides: marked present or
/// late when they came, and read from its time for someone who has left.
pub fn came_late(s: &Session, a: &Attendee) -> bool {
    match a.attendance {
        Attendance::Late => true,
        Attendance::Left => a.first_arrival().is_some_and(|t| is_late(s, t)),
        _ => false,
    }
}

/// How someone arriving at `now` is marked: present or late, by their first
/// arrival if they were here before (coming back is not coming late).
pub fn arriving(s: &Session, a: &Attendee, now: Timestamp) -> Attendance {
    let first = match a.attendance {
        Attendance::Left => a.first_arrival().unwrap_or(now),
        _ => now,
    };
    if is_late(s, first) {
        Attendance::Late
    } else {
        Attendance::Present
    }
}

/// Whether `a` first came once the meeting had ended: on the roster,
/// not at the meeting.
pub fn came_after_the_end(s: &Session, a: &Attendee) -> bool {
    match (s.ended_at, a.first_arrival()) {
        (Some(end), Some(first)) => first > end,
        _ => false,
    }
}

/// How many people are here now (for a quorum), and how many are on the roster.
pub fn here_count(s: &Session) -> (usize, usize) {
    let here = s.attendees.iter().filter(|a| a.is_here()).count();
    (here, s.attendees.len())
}

/// "9/10 present": how many are here now, of the whole roster.
pub fn presence(s: &Session) -> String {
    let (here, all) = here_count(s);
    format!("{here}/{all} present")
}
