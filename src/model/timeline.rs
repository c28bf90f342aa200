//! What happened when, read from the session's timestamps rather than
//! logged: the start and end, each topic taken up, each arrival and
//! departure. The log shows them among the entries; they are not entries
//! (nothing to edit there: the roster, the agenda and the clock are).

use super::attendance::came_late;
use super::{AgendaId, AttendeeId, Entry, Session, Timestamp};

/// Something that happened at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Event {
    pub at: Timestamp,
    pub what: Happening,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Happening {
    Started,
    /// The topic was taken up.
    Topic(AgendaId),
    /// `late`: the first arrival, after the grace period; `back`: an
    /// arrival after leaving.
    Arrived {
        who: AttendeeId,
        late: bool,
        back: bool,
    },
    Left(AttendeeId),
    Ended,
}

impl Happening {
    /// At one moment: the start, then the topic, people, the end.
    fn rank(self) -> u8 {
        match self {
            Happening::Started => 0,
            Happening::Topic(_) => 1,
            Happening::Arrived { .. } | Happening::Left(_) => 2,
            Happening::Ended => 3,
        }
    }
}

/// The session's events in time order, each with the number of entries
/// logged before it (where it goes in the log): O(roster + agenda) events,
/// each placed by a binary search of the entries. Entries are in time order
/// unless a file was edited by hand; then each event is still placed once.
pub fn placed(s: &Session) -> Vec<(usize, Event)> {
    let mut events = Vec::new();
    let mut push = |at: Option<Timestamp>, what| {
        if let Some(at) = at {
            events.push(Event { at, what });
        }
    };
    push(s.started_at, Happening::Started);
    for item in &s.agenda {
        push(item.started_at, Happening::Topic(item.id));
    }
    for a in &s.attendees {
        let late = came_late(s, a);
        for (i, stay) in a.stays().enumerate() {
            let (who, back) = (a.id, i > 0);
            let late = late && !back;
            push(stay.joined_at, Happening::Arrived { who, late, back });
            push(stay.left_at, Happening::Left(who));
        }
    }
    push(s.ended_at, Happening::Ended);
    events.sort_by_key(|e| (e.at, e.what.rank()));
    let mut placed: Vec<(usize, Event)> = events
        .into_iter()
        .map(|e| (position(&s.entries, &e), e))
        .collect();
    // In log order; the same as time order when the entries are.
    placed.sort_by_key(|(i, _)| *i);
    placed
}

/// How many entries come before `e`: those logged before it; for the end,
/// those logged at that moment too (what comes after is after the meeting).
fn position(entries: &[Entry], e: &Event) -> usize {
    match e.what {
        Happening::Ended => entries.partition_point(|x| x.at <= e.at),
        _ => entries.partition_point(|x| x.at < e.at),
    }
}

/// The events that go just before entry `i` (`i` = the number of entries:
/// after the last), from events [`placed`].
pub fn before(placed: &[(usize, Event)], i: usize) -> &[(usize, Event)] {
    let start = placed.partition_point(|(p, _)| *p < i);
    let end = placed.partition_point(|(p, _)| *p <= i);
    &placed[start..end]
}
