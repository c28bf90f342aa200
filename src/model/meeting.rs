//! What a secretary does during a meeting, as [`Change`]s: each function
//! looks at the session and `now` and says what to change, so that one user
//! action is one change, journalled and undone as a whole.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::{
    AgendaId, AgendaItem, AgendaStatus, Attendance, Attendee, AttendeeId, Change, Derived, Edit,
    Entry, EntryKind, Field, Organisation, Session, Stay, Timestamp, attendance,
};

/// The speech before the one going on, or the last speech when no one has
/// the floor: where a summary goes that the secretary finishes after giving
/// someone else the floor.
pub fn previous_speech(s: &Session) -> Option<&Entry> {
    let mut speeches = s
        .entries
        .iter()
        .rev()
        .filter(|e| matches!(e.kind, EntryKind::Speech { .. }));
    let last = speeches.next()?;
    match last.kind {
        EntryKind::Speech { ended_at: None, .. } => speeches.next(),
        _ => Some(last),
    }
}

/// `speech` with `text` added to its summary as a sentence of its own
/// (`"92% collected. Hall rent rises 8%"`, not `"92% collected Hall rent…"`).
pub fn add_to_summary(speech: &Entry, text: &str) -> Change {
    let mut speech = speech.clone();
    let before = speech.text.trim_end();
    speech.text = match before.chars().last() {
        None => text.to_string(),
        Some('.' | '!' | '?' | '…' | ':' | ';' | '。' | '！' | '？') => {
            format!("{before} {text}")
        }
        Some(_) => format!("{before}. {text}"),
    };
    Change::Entry(Edit::Replace(speech))
}

/// Ends the speech going on (as [`Derived`] knows it: no search of the log).
fn end_speech(s: &Session, d: &Derived, now: Timestamp) -> Option<Change> {
    let mut speech = s.entry(d.current_speech()?.id)?.clone();
    if let EntryKind::Speech { ended_at, .. } = &mut speech.kind {
        *ended_at = Some(now.max(speech.at));
    }
    Some(Change::Entry(Edit::Replace(speech)))
}

fn batch(changes: Vec<Change>) -> Option<Change> {
    match changes.len() {
        0 => None,
        1 => changes.into_iter().next(),
        _ => Some(Change::Batch(changes)),
    }
}

/// A new entry under the current topic.
pub fn log(s: &Session, kind: EntryKind, text: String, now: Timestamp) -> Change {
    let item = Entry {
        id: s.next_entry_id(),
        at: now,
        agenda_item: s.current_agenda_item().map(|a| a.id),
        kind,
        text,
        confidential: false,
        carried_over: None,
    };
    Change::Entry(Edit::Insert {
        index: s.entries.len(),
        item,
    })
}

/// Gives `speaker` the floor (`None`: nobody), ending the speech going on.
/// Someone who speaks is at the meeting: an attendee not yet marked as
/// arrived is marked so. `None` when there is nothing to change.
pub fn switch_speaker(
    s: &Session,
    d: &Derived,
    speaker: Option<AttendeeId>,
    now: Timestamp,
) -> Option<Change> {
    if d.current_speaker() == speaker {
        return None;
    }
    // Each step reads the session as it is: ending the speech going on
    // replaces one entry, so the arrival, the new entry's id, place and
    // topic are the same before and after it. (Computing them on a copy of
    // the session cost most of a switch at 100,000 entries.)
    let mut changes: Vec<Change> = end_speech(s, d, now).into_iter().collect();
    if let Some(id) = speaker {
        if let Some(a) = s.attendee(id)
            && !a.is_here()
        {
            changes.extend(arrive(s, id, now));
        }
        changes.push(log(
            s,
            EntryKind::Speech {
                speaker: id,
                ended_at: None,
            },
            String::new(),
            now,
        ));
        // Given the floor, they no longer wait for it.
        changes.extend(withdraw(s, id));
    }
    batch(changes)
}

/// Adds `id` to the end of the queue of those who asked to speak; `None`
/// if they are in it already.
pub fn request_floor(s: &Session, id: AttendeeId) -> Option<Change> {
    if s.queue.contains(&id) {
        return None;
    }
    let mut queue = s.queue.clone();
    queue.push(id);
    Some(Change::Set(Field::Queue(queue)))
}

/// Takes `id` out of the queue; `None` if they are not in it.
pub fn withdraw(s: &Session, id: AttendeeId) -> Option<Change> {
    let at = s.queue.iter().position(|q| *q == id)?;
    let mut queue = s.queue.clone();
    queue.remove(at);
    Some(Change::Set(Field::Queue(queue)))
}

/// Moves `id` `delta` places towards the end of the queue (back to the
/// front when negative), within it; `None` if that changes nothing.
pub fn move_in_queue(s: &Session, id: AttendeeId, delta: isize) -> Option<Change> {
    let at = s.queue.iter().position(|q| *q == id)?;
    let to = at.saturating_add_signed(delta).min(s.queue.len() - 1);
    if to == at {
        return None;
    }
    let mut queue = s.queue.clone();
    let who = queue.remove(at);
    queue.insert(to, who);
    Some(Change::Set(Field::Queue(queue)))
}

/// Gives the floor to the first in the queue, ending the speech going on;
/// `None` if no one is waiting.
pub fn next_from_queue(s: &Session, d: &Derived, now: Timestamp) -> Option<Change> {
    let first = *s.queue.first()?;
    if d.current_speaker() == Some(first) {
        // Asked again while speaking (a hand-edited file): they have it.
        return withdraw(s, first);
    }
    switch_speaker(s, d, Some(first), now)
}

/// Marks the meeting as started now, if it has not started.
pub fn start_meeting(s: &Session, now: Timestamp) -> Option<Change> {
    s.started_at
        .is_none()
        .then_some(Change::Set(Field::StartedAt(Some(now))))
}

fn set_topic(item: &AgendaItem, status: AgendaStatus, now: Timestamp) -> Change {
    let mut item = item.clone();
    match status {
        AgendaStatus::Current => {
            item.started_at = item.started_at.or(Some(now));
            item.ended_at = None;
        }
        AgendaStatus::Done => item.ended_at = Some(now),
        _ => {}
    }
    item.status = status;
    Change::Agenda(Edit::Replace(item))
}

/// Moves to topic `id` (the next one, or any other): ends the speech going
/// on and the current topic, and starts the meeting if it had not started.
pub fn start_topic(s: &Session, d: &Derived, id: AgendaId, now: Timestamp) -> Option<Change> {
    let target = s.agenda_item(id)?;
    if target.status == AgendaStatus::Current {
        return None;
    }
    let mut changes: Vec<Change> = end_speech(s, d, now).into_iter().collect();
    changes.extend(start_meeting(s, now));
    if let Some(current) = s.current_agenda_item() {
        changes.push(set_topic(current, AgendaStatus::Done, now));
    }
    changes.push(set_topic(target, AgendaStatus::Current, now));
    batch(changes)
}

/// The next topic: the first pending one after the current (or the first
/// pending one at all). With none left, the current topic is closed.
pub fn next_topic(s: &Session, d: &Derived, now: Timestamp) -> Option<Change> {
    let from = s
        .agenda
        .iter()
        .position(|a| a.status == AgendaStatus::Current);
    let next = s
        .agenda
        .iter()
        .skip(from.map_or(0, |i| i + 1))
        .chain(s.agenda.iter())
        .find(|a| a.status == AgendaStatus::Pending);
    match next {
        Some(item) => start_topic(s, d, item.id, now),
        None => {
            let current = s.current_agenda_item()?;
            let mut changes: Vec<Change> = end_speech(s, d, now).into_iter().collect();
            changes.push(set_topic(current, AgendaStatus::Done, now));
            batch(changes)
        }
    }
}

/// Adds a topic at the end of the agenda.
pub fn add_topic(
    s: &Session,
    title: String,
    planned_minutes: u32,
    presenter: Option<AttendeeId>,
) -> Change {
    let item = AgendaItem {
        id: s.next_agenda_id(),
        title,
        presenter,
        planned_minutes,
        started_at: None,
        ended_at: None,
        status: AgendaStatus::Pending,
    };
    Change::Agenda(Edit::Insert {
        index: s.agenda.len(),
        item,
    })
}

/// Ends the meeting: the speech, the current topic, and the meeting itself.
pub fn end_meeting(s: &Session, d: &Derived, now: Timestamp) -> Option<Change> {
    if s.ended_at.is_some() {
        return None;
    }
    // A meeting ends after it started, even if the clock stepped back.
    let now = s.started_at.map_or(now, |start| now.max(start));
    let mut changes: Vec<Change> = end_speech(s, d, now).into_iter().collect();
    if let Some(current) = s.current_agenda_item() {
        changes.push(set_topic(current, AgendaStatus::Done, now));
    }
    changes.extend(start_meeting(s, now));
    changes.push(Change::Set(Field::EndedAt(Some(now))));
    batch(changes)
}

/// Reopens a meeting that has ended (`/start` after `/end`): the clock runs
/// again from the first start; `None` unless it has ended.
pub fn reopen_meeting(s: &Session) -> Option<Change> {
    s.ended_at.map(|_| Change::Set(Field::EndedAt(None)))
}

fn with_attendance(a: &Attendee, attendance: Attendance, now: Timestamp) -> Attendee {
    let mut a = a.clone();
    // Stays follow one another even if the clock steps back (a time sync
    // between a departure and a return): out of order, the session would
    // not be saved.
    let after_the_last = a.left_at.max(a.joined_at).map_or(now, |t| now.max(t));
    match attendance {
        Attendance::Present | Attendance::Late => {
            // Back after leaving: the stay that ended is kept.
            if a.attendance == Attendance::Left {
                a.earlier.push(Stay {
                    joined_at: a.joined_at,
                    left_at: a.left_at,
                });
            }
            a.joined_at = Some(after_the_last);
            a.left_at = None;
        }
        Attendance::Left => a.left_at = Some(after_the_last),
        Attendance::Absent | Attendance::Expected => {
            a.joined_at = None;
            a.left_at = None;
            a.earlier.clear();
        }
    }
    a.attendance = attendance;
    a
}

/// Marks an arrival: present before the start and within its grace period,
/// late after it; someone coming back is present or late as they first
/// came. `None` for someone already here: marking them again would
/// overwrite the time they joined.
pub fn arrive(s: &Session, id: AttendeeId, now: Timestamp) -> Option<Change> {
    let attendance = match s.attendee(id) {
        Some(a) if a.is_here() => return None,
        Some(a) => attendance::arriving(s, a, now),
        // Unknown ids are reported by apply.
        None => Attendance::Present,
    };
    Some(mark(s, id, attendance, now))
}

/// Sets an attendee's attendance, timestamped now. Someone who leaves while
/// speaking stops speaking.
pub fn set_attendance(
    s: &Session,
    d: &Derived,
    id: AttendeeId,
    attendance: Attendance,
    now: Timestamp,
) -> Change {
    let change = mark(s, id, attendance, now);
    if !matches!(attendance, Attendance::Left | Attendance::Absent) {
        return change;
    }
    // Someone who is not here neither speaks nor waits to.
    let mut changes = Vec::new();
    if d.current_speaker() == Some(id) {
        changes.extend(end_speech(s, d, now));
    }
    changes.push(change);
    changes.extend(withdraw(s, id));
    batch(changes).expect("at least the attendee")
}

/// The attendee with `attendance` from now, and nothing else.
fn mark(s: &Session, id: AttendeeId, attendance: Attendance, now: Timestamp) -> Change {
    let Some(a) = s.attendee(id) else {
        // Unknown ids are reported by apply.
        let missing = Attendee::new(id, "", attendance);
        return Change::Attendee(Edit::Replace(missing));
    };
    Change::Attendee(Edit::Replace(with_attendance(a, attendance, now)))
}

/// Adds someone to the roster: with `here`, present (or late) from now,
/// even after the end; without, expected. An organisation named by a code or name the session
/// does not know is added too.
pub fn join(
    s: &Session,
    name: String,
    organisation: Option<String>,
    role: String,
    here: bool,
    now: Timestamp,
) -> Change {
    let mut changes = Vec::new();
    let code = organisation.map(|org| match find_organisation(s, &org) {
        Some(o) => o.code.clone(),
        None => {
            let code = org.trim().to_string();
            changes.push(Change::Organisation(Edit::Insert {
                index: s.organisations.len(),
                item: Organisation {
                    code: code.clone(),
                    name: code.clone(),
                },
            }));
            code
        }
    });
    let mut attendee = Attendee {
        id: s.next_attendee_id(),
        name,
        organisation: code,
        role,
        attendance: Attendance::Expected,
        joined_at: None,
        left_at: None,
        earlier: Vec::new(),
    };
    // After the end too: the arrival is recorded, and shows as after the
    // meeting, as a line logged then does.
    if here {
        let attendance = attendance::arriving(s, &attendee, now);
        attendee = with_attendance(&attendee, attendance, now);
    }
    changes.push(Change::Attendee(Edit::Insert {
        index: s.attendees.len(),
        item: attendee,
    }));
    batch(changes).expect("at least the attendee")
}

/// An organisation by code or name, ignoring case and accents.
pub fn find_organisation<'a>(s: &'a Session, query: &str) -> Option<&'a Organisation> {
    let q = fold(query);
    s.organisations
        .iter()
        .find(|o| fold(&o.code) == q || fold(&o.name) == q)
}

/// Text folded for matching: lower case, accents removed, `_` as a space
/// (`Núñez` and `nunez` match).
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == '_' { ' ' } else { c })
        .collect()
}

/// Attendees whose name matches `query`, best first: the whole name, the
/// start of the name, the start of a word, anywhere in the name, the
/// query's letters in order, then the start of their organisation's code or
/// of a word of their role. People at the meeting come before others.
///
/// This folds the whole roster; to search it often, keep a [`FoldedRoster`].
pub fn find_attendees(s: &Session, query: &str) -> Vec<AttendeeId> {
    FoldedRoster::new(s)
        .find(s, query)
        .into_iter()
        .map(|i| s.attendees[i].id)
        .collect()
}

/// An attendee's name, organisation code and role, [`fold`]ed.
#[derive(Debug, Clone, PartialEq, Eq)]
struct FoldedAttendee {
    name: String,
    organisation: Option<String>,
    role: String,
    /// The name read as pinyin, for names with Chinese characters (empty
    /// for others: they cost nothing more).
    pinyin: Vec<Syllable>,
}

/// A piece of a name read as pinyin.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Syllable {
    /// A Chinese character, with its readings without tones (more than one
    /// for some: 曾 is céng or zēng, and the surname is Zeng).
    Han(Vec<String>),
    /// A word in another script, as it is (`Li 李 Wei`).
    Word(String),
}

/// The roster folded for matching, attendee by attendee in roster order.
/// Folding is most of the cost of a search, so one kept while the roster
/// does not change makes searching a large roster cheap.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FoldedRoster(Vec<FoldedAttendee>);

impl FoldedRoster {
    pub fn new(s: &Session) -> FoldedRoster {
        FoldedRoster(
            s.attendees
                .iter()
                .map(|a| {
                    let name = fold(&a.name);
                    FoldedAttendee {
                        pinyin: pinyin_of(&name),
                        name,
                        organisation: a.organisation.as_deref().map(fold),
                        role: fold(&a.role),
                    }
                })
                .collect(),
        )
    }

    /// The folded name of the attendee at `index` in the roster.
    pub fn name(&self, index: usize) -> Option<&str> {
        self.0.get(index).map(|a| a.name.as_str())
    }

    /// Whether someone on the roster has the very name `query` gives
    /// (accents, case and `_` for spaces aside).
    pub fn has_name(&self, query: &str) -> bool {
        let q = fold(query.trim());
        self.0.iter().any(|f| f.name == q)
    }

    /// Whether the attendee at `index` has the very name `query` gives.
    pub fn is_named(&self, index: usize, query: &str) -> bool {
        let q = fold(query.trim());
        self.0.get(index).is_some_and(|f| f.name == q)
    }

    /// Whether the attendee at `index` has the very name `query` gives, or
    /// its whole pinyin (`wangli` for 王丽).
    pub fn is_exact(&self, index: usize, query: &str) -> bool {
        let q = fold(query.trim());
        self.0
            .get(index)
            .is_some_and(|f| f.name == q || f.pinyin_rank(&spelled(&q)) == Some(0))
    }

    /// [`find_attendees`] on `s`, the session this was folded from: the
    /// positions in `s.attendees` of those who match, best first.
    pub fn find(&self, s: &Session, query: &str) -> Vec<usize> {
        debug_assert_eq!(
            self.0.len(),
            s.attendees.len(),
            "folded from another roster"
        );
        let q = fold(query.trim());
        let pinyin = spelled(&q);
        // One list per rank, each here-first, in roster order: the order a
        // sort by (rank, not here, position) gives, without sorting.
        let mut ranked: [Vec<usize>; 14] = Default::default();
        for (i, (a, f)) in s.attendees.iter().zip(&self.0).enumerate() {
            let Some(rank) = f.rank(&q, &pinyin) else {
                continue;
            };
            let away = !a.attendance.attended() || a.attendance == Attendance::Left;
            ranked[rank * 2 + usize::from(away)].push(i);
        }
        ranked.concat()
    }

    /// How well the attendee at `index` matches `query`: 0 for the very
    /// name, more for weaker matches (letters scattered through the name:
    /// 5); `None` for no match. The order of [`FoldedRoster::find`].
    pub fn rank(&self, index: usize, query: &str) -> Option<usize> {
        let q = fold(query.trim());
        self.0.get(index)?.rank(&q, &spelled(&q))
    }
}

impl FoldedAttendee {
    /// How well this attendee matches the folded query `q` (`pinyin`: `q`
    /// as pinyin is typed); see [`FoldedRoster::rank`].
    fn rank(&self, q: &str, pinyin: &str) -> Option<usize> {
        let by_name = if q.is_empty() {
            Some(5)
        } else if self.name == q {
            Some(0)
        } else if self.name.starts_with(q) {
            Some(2)
        } else if self.name.split_whitespace().any(|w| w.starts_with(q)) {
            Some(3)
        } else if self.name.contains(q) {
            Some(4)
        } else if is_subsequence(q, &self.name) {
            Some(5)
        } else {
            None
        };
        // The whole pinyin ranks just after the very name typed (`Wang
        // Li` is Wang Li before 王丽), its start as the name's start, a
        // later syllable's as a word's.
        match (by_name, self.pinyin_rank(pinyin).map(|r| r + 1)) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (Some(rank), None) | (None, Some(rank)) => Some(rank),
            // `pku` finds 王丽 when Chinese cannot be typed quickly.
            (None, None) if self.matches_affiliation(q) => Some(6),
            (None, None) => None,
        }
    }
}

/// A folded query as pinyin is typed: letters only, without spaces
/// (`wang li` is `wangli`); empty if it has no Latin letters to spell with.
fn spelled(q: &str) -> String {
    if !q.chars().any(|c| c.is_ascii_alphabetic()) {
        return String::new();
    }
    q.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A folded name read as pinyin: each Chinese character a syllable, each
/// run of other letters a word; empty for a name with no Chinese character.
fn pinyin_of(name: &str) -> Vec<Syllable> {
    use pinyin::ToPinyinMulti;
    if !name.chars().any(|c| c.to_pinyin_multi().is_some()) {
        return Vec::new();
    }
    let mut syllables = Vec::new();
    for word in name.split_whitespace() {
        let mut other = String::new();
        for c in word.chars() {
            let Some(readings) = c.to_pinyin_multi() else {
                other.push(c);
                continue;
            };
            if !other.is_empty() {
                syllables.push(Syllable::Word(std::mem::take(&mut other)));
            }
            let mut plain: Vec<String> = Vec::new();
            for r in readings {
                // ü is typed u or, as on Chinese keyboards, v (吕: lu, lv).
                for r in [fold(r.plain()), r.plain().replace('ü', "v")] {
                    if !plain.contains(&r) {
                        plain.push(r);
                    }
                }
            }
            syllables.push(Syllable::Han(plain));
        }
        if !other.is_empty() {
            syllables.push(Syllable::Word(other));
        }
    }
    syllables
}

/// Whether `q` spells `syllables` from the first on: with `whole`, every
/// one of them, each whole; else as many as it needs, each whole or by its
/// start (`wl`, `wangl` and `wangli` spell 王丽). Kept as the set of how
/// much of `q` the syllables so far can spell, so a long name costs no more
/// than its length times the query's.
fn spells(q: &str, syllables: &[Syllable], whole: bool) -> bool {
    let mut reached = vec![0];
    for syllable in syllables {
        if !whole && reached.contains(&q.len()) {
            return true;
        }
        let mut next = Vec::new();
        for &at in &reached {
            let rest = &q[at..];
            let readings = match syllable {
                Syllable::Han(readings) => readings.as_slice(),
                Syllable::Word(word) => std::slice::from_ref(word),
            };
            for r in readings {
                if whole || matches!(syllable, Syllable::Word(_)) {
                    if rest.starts_with(r.as_str()) {
                        next.push(at + r.len());
                    }
                    continue;
                }
                // Every start of the reading the query goes on with.
                let common = rest
                    .char_indices()
                    .zip(r.chars())
                    .take_while(|((_, a), b)| a == b)
                    .map(|((i, a), _)| i + a.len_utf8());
                next.extend(common.map(|n| at + n));
            }
        }
        next.sort_unstable();
        next.dedup();
        if next.is_empty() {
            return false;
        }
        reached = next;
    }
    reached.contains(&q.len())
}

impl FoldedAttendee {
    /// How `q` (as [`spelled`]) matches the name read as pinyin: 0 it
    /// spells the whole name, 1 the start of the Chinese name it starts
    /// with, 2 the start of a later syllable of Chinese (`li` for 王丽).
    /// A word in another script is matched by the name's own rules.
    fn pinyin_rank(&self, q: &str) -> Option<usize> {
        if self.pinyin.is_empty() || q.is_empty() {
            return None;
        }
        if spells(q, &self.pinyin, true) {
            return Some(0);
        }
        // Each run of Chinese characters, spelled from any of its syllables.
        let han = |s: &Syllable| matches!(s, Syllable::Han(_));
        (0..self.pinyin.len())
            .filter(|&k| han(&self.pinyin[k]))
            .find(|&k| {
                let run = self.pinyin[k..].iter().take_while(|s| han(s)).count();
                spells(q, &self.pinyin[k..k + run], false)
            })
            .map(|k| if k == 0 { 1 } else { 2 })
    }

    fn matches_affiliation(&self, q: &str) -> bool {
        self.organisation
            .as_deref()
            .is_some_and(|o| o.starts_with(q))
            || self.role.split_whitespace().any(|w| w.starts_with(q))
    }
}

fn is_subsequence(needle: &str, hay: &str) -> bool {
    let mut hay = hay.chars();
    needle
        .chars()
        .filter(|c| !c.is_whitespace())
        .all(|c| hay.any(|h| h == c))
}

/// A new session titled `title` of the same series, platform,
/// organisations, roster (attendance reset to expected), chair, secretary
/// and rule for lateness as `from`, and nothing else.
fn same_people(from: &Session, title: String) -> Session {
    let mut s = Session::new(title);
    s.series = from.series.clone();
    s.platform = from.platform.clone();
    s.organisations = from.organisations.clone();
    s.attendees = from.attendees.iter().map(Attendee::as_expected).collect();
    s.chair = from.chair;
    s.secretary = from.secretary;
    s.late_after_minutes = from.late_after_minutes;
    s
}

/// A new session that follows `previous` in its series: the same series,
/// platform, organisations, roster (attendance reset to expected), chair
/// and secretary, and the action items still open, carried over with
/// their owner and due date. The agenda and the log start empty.
pub fn follow_up(previous: &Session, title: String) -> Session {
    let mut s = same_people(previous, title);
    // Carried over once: an action the previous meeting itself carried
    // keeps the day it was first agreed.
    let held = previous
        .started_at
        .or(previous.scheduled_start)
        .map(|t| t.date_naive());
    s.entries = previous
        .entries
        .iter()
        .filter(|e| matches!(e.kind, EntryKind::Action { done: false, .. }))
        .enumerate()
        .map(|(i, e)| Entry {
            id: super::EntryId(i as u32 + 1),
            agenda_item: None,
            // A meeting never started nor scheduled: the day it was logged.
            carried_over: e.carried_over.or(held).or(Some(e.at.date_naive())),
            ..e.clone()
        })
        .collect();
    s
}

/// A new session prepared from `template` (a template file or any earlier
/// session): its series, platform, host, organisations, roster (everyone
/// expected, no one arrived), chair, secretary, speaking-time limit and
/// agenda (every topic pending, none started). No entries, no schedule.
pub fn from_template(template: &Session, title: String) -> Session {
    let mut s = same_people(template, title);
    s.host = template.host.clone();
    s.speech_limit_seconds = template.speech_limit_seconds;
    s.agenda = template
        .agenda
        .iter()
        .map(|item| AgendaItem {
            started_at: None,
            ended_at: None,
            status: AgendaStatus::Pending,
            ..item.clone()
        })
        .collect();
    s
}
