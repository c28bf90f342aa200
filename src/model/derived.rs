//! What the screens need from the whole log, kept up to date change by
//! change instead of recomputed every frame: at 100,000 entries adding up
//! the speeches took most of a keystroke, and the review screen lists a
//! topic's entries without looking through the others.
//!
//! [`Derived::applied`] follows each [`Change`] with the inverse its
//! application returned (which holds what it replaced or removed), so it
//! never looks through the log; [`Derived::of`] computes the same thing
//! from scratch, once, after a session is loaded. A proptest checks the one
//! against the other, and both against [`stats::speaking_time`](super::stats::speaking_time).

use std::collections::HashMap;

use chrono::Duration;

use super::{AgendaId, AttendeeId, Change, Edit, Entry, EntryId, EntryKind, Session, Timestamp};

/// Time on the floor and the number of speeches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    pub total: Duration,
    pub speeches: usize,
}

/// A speech that has not ended yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenSpeech {
    pub id: EntryId,
    pub speaker: AttendeeId,
    /// When the speaker started.
    pub at: Timestamp,
}

/// State derived from a session's log, updated by the same changes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Derived {
    /// Finished speeches by speaker; nobody is here with no speech.
    finished: HashMap<AttendeeId, Tally>,
    /// All of `finished` added up.
    finished_total: Duration,
    /// Speeches not ended, in log order: one at most, but for hand edits.
    open: Vec<OpenSpeech>,
    /// Each topic's entries (`None`: logged outside the agenda), in time
    /// order, ties by id. A topic with no entries is not here.
    topics: HashMap<Option<AgendaId>, Vec<(Timestamp, EntryId)>>,
}

impl Derived {
    /// Computes everything from the whole log.
    pub fn of(session: &Session) -> Derived {
        let mut derived = Derived::default();
        for entry in &session.entries {
            derived.count_speech(entry);
            let list = derived.topics.entry(entry.agenda_item).or_default();
            list.push((entry.at, entry.id));
        }
        // Sorted once: a log out of time order (hand edits) would make
        // inserting each in its place quadratic.
        for list in derived.topics.values_mut() {
            list.sort_unstable();
        }
        derived
    }

    /// Follows `change`, which was just applied to the session and returned
    /// `inverse`; `after` is the session as it left it.
    pub fn applied(&mut self, change: &Change, inverse: &Change, after: &Session) {
        let mut opened = false;
        if !self.follow(change, inverse, &mut opened) {
            // Not the shape `Change::apply` gives: trust nothing followed.
            *self = Derived::of(after);
            return;
        }
        if opened && self.open.len() > 1 {
            // Only with speeches left open by hand: their order in the log
            // says which one is going on.
            self.open = after.entries.iter().filter_map(open_speech).collect();
        }
    }

    /// The speech going on now: the last in the log that has not ended.
    pub fn current_speech(&self) -> Option<&OpenSpeech> {
        self.open.last()
    }

    /// The entries logged under `topic` (`None`: outside the agenda), in
    /// time order, ties by id. Entries keep the topic they were logged
    /// under, even one since removed from the agenda.
    pub fn topic_entries(&self, topic: Option<AgendaId>) -> &[(Timestamp, EntryId)] {
        self.topics.get(&topic).map_or(&[], Vec::as_slice)
    }

    /// The topics that have entries, `None` for outside the agenda; in no
    /// particular order.
    pub fn topics_with_entries(&self) -> impl Iterator<Item = Option<AgendaId>> + '_ {
        self.topics.keys().copied()
    }

    /// Who has the floor now.
    pub fn current_speaker(&self) -> Option<AttendeeId> {
        self.current_speech().map(|s| s.speaker)
    }

    /// What `who` has spoken, a speech not ended counting until `now`;
    /// `None` if they have not spoken.
    pub fn spoken(&self, who: AttendeeId, now: Timestamp) -> Option<Tally> {
        let mut tally = self.finished.get(&who).copied().unwrap_or_default();
        for speech in self.open.iter().filter(|s| s.speaker == who) {
            tally.total += running(speech, now);
            tally.speeches += 1;
        }
        (tally.speeches > 0).then_some(tally)
    }

    /// Everyone who has spoken, once each, with what they have spoken
    /// (speeches not ended counting until `now`), in no particular order.
    /// Speakers not on the roster are here too: their time is in
    /// [`total_spoken`](Self::total_spoken).
    pub fn tallies(&self, now: Timestamp) -> impl Iterator<Item = (AttendeeId, Tally)> + '_ {
        let finished = self.finished.iter().map(move |(who, tally)| {
            let mut tally = *tally;
            for speech in self.open.iter().filter(|s| s.speaker == *who) {
                tally.total += running(speech, now);
                tally.speeches += 1;
            }
            (*who, tally)
        });
        // Those whose only speeches are going on, each once.
        let open_only = self.open.iter().enumerate().filter_map(move |(i, s)| {
            let first = !self.open[..i].iter().any(|o| o.speaker == s.speaker);
            (first && !self.finished.contains_key(&s.speaker))
                .then(|| (s.speaker, self.spoken(s.speaker, now).unwrap_or_default()))
        });
        finished.chain(open_only)
    }

    /// All the time spoken, speeches not ended counting until `now`.
    pub fn total_spoken(&self, now: Timestamp) -> Duration {
        self.open
            .iter()
            .fold(self.finished_total, |sum, s| sum + running(s, now))
    }

    /// Time spoken by organisation code (`None`: people of none, and
    /// speakers not on the roster), speeches not ended counting until
    /// `now`. Looks through the roster once, not the log.
    pub fn by_organisation<'s>(
        &self,
        session: &'s Session,
        now: Timestamp,
    ) -> HashMap<Option<&'s str>, Duration> {
        // The first attendee with an id is the one `Session::attendee` finds.
        let mut organisation = HashMap::with_capacity(session.attendees.len());
        for a in &session.attendees {
            organisation
                .entry(a.id)
                .or_insert_with(|| a.organisation.as_deref());
        }
        let mut times: HashMap<Option<&str>, Duration> = HashMap::new();
        let mut add = |who: AttendeeId, time: Duration| {
            let org = organisation.get(&who).copied().flatten();
            *times.entry(org).or_insert_with(Duration::zero) += time;
        };
        for (who, tally) in &self.finished {
            add(*who, tally.total);
        }
        for speech in &self.open {
            add(speech.speaker, running(speech, now));
        }
        times
    }

    /// Follows one change; false if it and its inverse do not match.
    fn follow(&mut self, change: &Change, inverse: &Change, opened: &mut bool) -> bool {
        match (change, inverse) {
            (Change::Entry(edit), Change::Entry(undo)) => match (edit, undo) {
                (Edit::Insert { item, .. }, Edit::Remove(_)) => {
                    *opened |= self.add(item);
                }
                (Edit::Replace(new), Edit::Replace(old)) => {
                    self.take(old);
                    *opened |= self.add(new);
                }
                (Edit::Remove(_), Edit::Insert { item, .. }) => self.take(item),
                _ => return false,
            },
            (Change::Batch(changes), Change::Batch(undos)) => {
                // A batch's inverse undoes its changes last first.
                if changes.len() != undos.len() {
                    return false;
                }
                for (change, undo) in changes.iter().zip(undos.iter().rev()) {
                    if !self.follow(change, undo, opened) {
                        return false;
                    }
                }
            }
            (Change::Entry(_) | Change::Batch(_), _) | (_, Change::Entry(_) | Change::Batch(_)) => {
                return false;
            }
            // Nothing else is in the log; who belongs to which organisation
            // is looked up when the times are shown.
            _ => {}
        }
        true
    }

    /// Counts an entry now in the log; true if it is a speech not ended.
    fn add(&mut self, entry: &Entry) -> bool {
        let list = self.topics.entry(entry.agenda_item).or_default();
        let key = (entry.at, entry.id);
        // Entries come in time order but for edits: the end, mostly.
        let place = list.partition_point(|k| *k <= key);
        list.insert(place, key);
        self.count_speech(entry)
    }

    /// Counts a speech in the tallies; true if it has not ended.
    fn count_speech(&mut self, entry: &Entry) -> bool {
        let EntryKind::Speech { speaker, ended_at } = entry.kind else {
            return false;
        };
        match ended_at {
            Some(end) => {
                let length = length(entry.at, end);
                let tally = self.finished.entry(speaker).or_default();
                tally.total += length;
                tally.speeches += 1;
                self.finished_total += length;
                false
            }
            None => {
                self.open.extend(open_speech(entry));
                true
            }
        }
    }

    /// Stops counting an entry no longer in the log (or about to change).
    fn take(&mut self, entry: &Entry) {
        if let Some(list) = self.topics.get_mut(&entry.agenda_item) {
            let key = (entry.at, entry.id);
            let place = list.partition_point(|k| *k < key);
            if list.get(place) == Some(&key) {
                list.remove(place);
            }
            if list.is_empty() {
                self.topics.remove(&entry.agenda_item);
            }
        }
        let EntryKind::Speech { speaker, ended_at } = entry.kind else {
            return;
        };
        match ended_at {
            Some(end) => {
                let length = length(entry.at, end);
                if let Some(tally) = self.finished.get_mut(&speaker) {
                    tally.total -= length;
                    tally.speeches -= 1;
                    if tally.speeches == 0 {
                        self.finished.remove(&speaker);
                    }
                }
                self.finished_total -= length;
            }
            None => {
                if let Some(i) = self.open.iter().rposition(|s| s.id == entry.id) {
                    self.open.remove(i);
                }
            }
        }
    }
}

fn open_speech(entry: &Entry) -> Option<OpenSpeech> {
    match entry.kind {
        EntryKind::Speech {
            speaker,
            ended_at: None,
        } => Some(OpenSpeech {
            id: entry.id,
            speaker,
            at: entry.at,
        }),
        _ => None,
    }
}

/// A finished speech's length, as `stats::speaking_time` counts it.
fn length(start: Timestamp, end: Timestamp) -> Duration {
    (end - start).max(Duration::zero())
}

/// How long a speech not ended has gone on at `now`.
fn running(speech: &OpenSpeech, now: Timestamp) -> Duration {
    length(speech.at, now)
}
