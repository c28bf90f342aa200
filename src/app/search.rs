//! Searches of the roster kept from one frame to the next: the roster folded
//! for matching, the picker's matches and what the typed line would do.
//! With a large roster each is a pass over every attendee, too slow to
//! repeat on every frame, so they are made again only when the session, the
//! picker's query or the line changes. (A stopgap, until derived state is
//! kept beside the session.)

use std::borrow::Cow;

use super::Purpose;
use super::quick::{self, Intent};
use crate::model::meeting::FoldedRoster;
use crate::model::{AttendeeId, Change, Session, Timestamp};

#[derive(Debug, Default)]
pub(super) struct Searches {
    /// The session the roster was folded from: its `journal_seq` and the
    /// roster's length. Every change applied moves `journal_seq` on.
    seq: u64,
    len: usize,
    roster: FoldedRoster,
    /// The picker's search, for the roster above.
    picker: Option<PickerSearch>,
    /// The line, and what Enter would make of it, for the session at
    /// `journal_seq` (a command may depend on more than the roster) and
    /// the clock's day (`due:fri` depends on it).
    line: Option<(u64, Day, String, Result<Intent, String>)>,
}

/// A picker's query and purpose, who comes first whatever it is (the queue),
/// and what they find (positions in the roster).
#[derive(Debug, Clone)]
struct PickerSearch {
    query: String,
    purpose: Purpose,
    front: Vec<AttendeeId>,
    /// Who matches among those the picker offers, best first.
    found: Vec<usize>,
    /// Who matches best in the whole roster, offered or not.
    best: Option<usize>,
}

impl PickerSearch {
    fn new(
        s: &Session,
        roster: &FoldedRoster,
        query: &str,
        purpose: Purpose,
        front: &[AttendeeId],
    ) -> PickerSearch {
        let all = roster.find(s, query);
        PickerSearch {
            best: all.first().copied(),
            found: first_these(s, front, offered(s, all, purpose)),
            query: query.to_string(),
            purpose,
            front: front.to_vec(),
        }
    }

    fn is_for(&self, query: &str, purpose: Purpose, front: &[AttendeeId]) -> bool {
        self.query == query && self.purpose == purpose && self.front == front
    }
}

impl Searches {
    fn roster_is_for(&self, s: &Session) -> bool {
        self.seq == s.journal_seq && self.len == s.attendees.len()
    }

    /// Brings everything up to date with the session, the picker's query
    /// and purpose and those it lists first (if the picker is open), and
    /// the typed line.
    pub(super) fn refresh(
        &mut self,
        s: &Session,
        query: Option<(&str, Purpose, &[AttendeeId])>,
        line: &str,
        now: Timestamp,
    ) {
        if !self.roster_is_for(s) {
            self.roster = FoldedRoster::new(s);
            self.seq = s.journal_seq;
            self.len = s.attendees.len();
            self.picker = None;
        }
        match query {
            Some((q, purpose, front))
                if self
                    .picker
                    .as_ref()
                    .is_none_or(|p| !p.is_for(q, purpose, front)) =>
            {
                self.picker = Some(PickerSearch::new(s, &self.roster, q, purpose, front));
            }
            Some(_) => {}
            None => self.picker = None,
        }
        if self.line.as_ref().is_none_or(|(seq, day, old, _)| {
            *seq != s.journal_seq || *day != day_of(now) || old != line
        }) {
            let intent = quick::parse(line, s, &self.roster, now);
            self.line = Some((s.journal_seq, day_of(now), line.to_string(), intent));
        }
    }

    /// Keeps the folded roster (and the picker's matches) for the session
    /// after `change`, applied to the session at `before`, when it did not
    /// touch the roster: logging an entry does not fold 100,000 names again.
    pub(super) fn applied(&mut self, change: &Change, before: u64, s: &Session) {
        if self.seq == before && self.len == s.attendees.len() && !edits_roster(change) {
            self.seq = s.journal_seq;
        }
    }

    /// The roster of `s` folded; folded afresh if this is not up to date.
    pub(super) fn roster(&self, s: &Session) -> Cow<'_, FoldedRoster> {
        if self.roster_is_for(s) {
            Cow::Borrowed(&self.roster)
        } else {
            Cow::Owned(FoldedRoster::new(s))
        }
    }

    /// The picker's search for `query`, kept or made afresh.
    fn picker(
        &self,
        s: &Session,
        query: &str,
        purpose: Purpose,
        front: &[AttendeeId],
    ) -> Cow<'_, PickerSearch> {
        match &self.picker {
            Some(p) if p.is_for(query, purpose, front) && self.roster_is_for(s) => Cow::Borrowed(p),
            _ => Cow::Owned(PickerSearch::new(s, &self.roster(s), query, purpose, front)),
        }
    }

    /// Who matches `query` in `s`'s roster among those a picker for
    /// `purpose` offers, best first, after those of `front` who match.
    pub(super) fn matches(
        &self,
        s: &Session,
        query: &str,
        purpose: Purpose,
        front: &[AttendeeId],
    ) -> Cow<'_, [usize]> {
        match self.picker(s, query, purpose, front) {
            Cow::Borrowed(p) => Cow::Borrowed(&p.found),
            Cow::Owned(p) => Cow::Owned(p.found),
        }
    }

    /// Who matches `query` best in the whole roster, offered or not.
    pub(super) fn best(
        &self,
        s: &Session,
        query: &str,
        purpose: Purpose,
        front: &[AttendeeId],
    ) -> Option<usize> {
        self.picker(s, query, purpose, front).best
    }

    /// What Enter would make of `line`.
    pub(super) fn intent(
        &self,
        s: &Session,
        line: &str,
        now: Timestamp,
    ) -> Cow<'_, Result<Intent, String>> {
        match &self.line {
            Some((seq, day, l, intent))
                if *seq == s.journal_seq && *day == day_of(now) && l == line =>
            {
                Cow::Borrowed(intent)
            }
            _ => Cow::Owned(quick::parse(line, s, &self.roster(s), now)),
        }
    }
}

/// `found` (positions in the roster) with those of `front` it holds first,
/// in `front`'s order.
fn first_these(s: &Session, front: &[AttendeeId], mut found: Vec<usize>) -> Vec<usize> {
    if front.is_empty() {
        return found;
    }
    let first: Vec<usize> = front
        .iter()
        .filter_map(|id| s.attendees.iter().position(|a| a.id == *id))
        .filter(|i| found.contains(i))
        .collect();
    found.retain(|i| !first.contains(i));
    [first, found].concat()
}

/// What a line's meaning can depend on of the clock: the day (`due:fri`)
/// and the offset (`/schedule 19:00`).
type Day = (chrono::NaiveDate, i32);

fn day_of(now: Timestamp) -> Day {
    (now.date_naive(), now.offset().local_minus_utc())
}

/// Of the positions `found` in `s`'s roster, those a picker for `purpose` offers.
fn offered(s: &Session, mut found: Vec<usize>, purpose: Purpose) -> Vec<usize> {
    found.retain(|&i| purpose.offers(&s.attendees[i]));
    found
}

fn edits_roster(change: &Change) -> bool {
    match change {
        Change::Attendee(_) => true,
        Change::Batch(changes) => changes.iter().any(edits_roster),
        _ => false,
    }
}
