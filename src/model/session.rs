use std::collections::HashSet;
use std::fmt;

use super::attendance::MAX_GRACE_MINUTES;

use serde::{Deserialize, Serialize};

use super::{
    Attendee, AttendeeId, Credit, Entry, EntryId, EntryKind, KeyedList, Organisation, Timestamp,
};

/// The version of the file format this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// Stable identifier of an agenda item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AgendaId(pub u32);

/// Where an agenda item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum AgendaStatus {
    #[default]
    Pending,
    /// Being discussed now; at most one item is current.
    Current,
    Done,
    Skipped,
}

/// One topic of the agenda, in the order the items are listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgendaItem {
    pub id: AgendaId,
    pub title: String,
    #[serde(default)]
    pub presenter: Option<AttendeeId>,
    /// Time set aside for the item, in minutes (0: not planned).
    #[serde(default)]
    pub planned_minutes: u32,
    #[serde(default)]
    pub started_at: Option<Timestamp>,
    #[serde(default)]
    pub ended_at: Option<Timestamp>,
    #[serde(default)]
    pub status: AgendaStatus,
}

impl AgendaItem {
    /// Time actually spent on the item, if it was started and ended.
    pub fn actual_duration(&self) -> Option<chrono::Duration> {
        Some((self.ended_at? - self.started_at?).max(chrono::Duration::zero()))
    }
}

/// A whole meeting: what a session file holds.
///
/// Field order here is the order in the file; new fields must come with
/// `#[serde(default)]` so that files written by older builds keep loading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// Format version, [`FORMAT_VERSION`] for files this build writes.
    pub version: u32,
    pub title: String,
    /// The series the meeting belongs to ("Asia–Europe Digital Forum").
    #[serde(default)]
    pub series: Option<String>,
    /// This meeting's theme within the series.
    #[serde(default)]
    pub theme: Option<String>,
    /// "Zoom", "Teams", a room.
    #[serde(default)]
    pub platform: Option<String>,
    /// Who hosts the meeting: an organisation's code, or a name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    #[serde(default)]
    pub scheduled_start: Option<Timestamp>,
    #[serde(default)]
    pub started_at: Option<Timestamp>,
    #[serde(default)]
    pub ended_at: Option<Timestamp>,
    #[serde(default)]
    pub organisations: KeyedList<Organisation>,
    #[serde(default)]
    pub attendees: KeyedList<Attendee>,
    #[serde(default)]
    pub chair: Option<AttendeeId>,
    #[serde(default)]
    pub secretary: Option<AttendeeId>,
    #[serde(default)]
    pub agenda: KeyedList<AgendaItem>,
    #[serde(default)]
    pub entries: KeyedList<Entry>,
    #[serde(default)]
    pub credits: Vec<Credit>,
    /// Who asked to speak and waits for the floor, first in line first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub queue: Vec<AttendeeId>,
    /// How long one speech may last, in seconds (`None`: no limit). The
    /// clock of the speech going on counts down to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speech_limit_seconds: Option<u32>,
    /// After how many minutes from the start an arrival is late (`None`:
    /// [`DEFAULT_GRACE_MINUTES`](super::attendance::DEFAULT_GRACE_MINUTES)).
    /// Set when the session is created, from the config file, and kept:
    /// the session is read the same way wherever it is opened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub late_after_minutes: Option<u32>,
    /// Bookkeeping for crash recovery: the sequence number of the last
    /// journal record already folded into this file. Leave it alone.
    #[serde(default)]
    pub journal_seq: u64,
}

/// Something inconsistent in a session, such as two attendees with one id:
/// what, and where in the session (for the file's line and column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem(pub String, pub Option<Place>);

/// Where a problem is: a field of the session, or an item of one of its lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Field(&'static str),
    /// A list field of the session, and the index of the item in it.
    Item(&'static str, usize),
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Session {
    /// An empty session with the given title, in the current format version.
    pub fn new(title: impl Into<String>) -> Self {
        Session {
            version: FORMAT_VERSION,
            title: title.into(),
            series: None,
            theme: None,
            platform: None,
            host: None,
            scheduled_start: None,
            started_at: None,
            ended_at: None,
            organisations: KeyedList::new(),
            attendees: KeyedList::new(),
            chair: None,
            secretary: None,
            agenda: KeyedList::new(),
            entries: KeyedList::new(),
            credits: Vec::new(),
            queue: Vec::new(),
            speech_limit_seconds: None,
            late_after_minutes: None,
            journal_seq: 0,
        }
    }

    pub fn attendee(&self, id: AttendeeId) -> Option<&Attendee> {
        self.attendees.get_by_key(&id)
    }

    /// Where entry `id` is in the log.
    pub fn entry_index(&self, id: EntryId) -> Option<usize> {
        self.entries.position(&id)
    }

    pub fn entry(&self, id: EntryId) -> Option<&Entry> {
        self.entries.get_by_key(&id)
    }

    pub fn agenda_item(&self, id: AgendaId) -> Option<&AgendaItem> {
        self.agenda.get_by_key(&id)
    }

    pub fn organisation(&self, code: &str) -> Option<&Organisation> {
        self.organisations.get_by_key(code)
    }

    /// The attendee's name, or a placeholder that still says which id was meant.
    pub fn attendee_name(&self, id: AttendeeId) -> String {
        match self.attendee(id) {
            Some(a) => a.name.clone(),
            None => format!("(unknown attendee #{})", id.0),
        }
    }

    /// The first attendee id not in use.
    pub fn next_attendee_id(&self) -> AttendeeId {
        AttendeeId(self.attendees.max_key().map_or(1, |id| id.0 + 1))
    }

    pub fn next_agenda_id(&self) -> AgendaId {
        AgendaId(self.agenda.max_key().map_or(1, |id| id.0 + 1))
    }

    pub fn next_entry_id(&self) -> EntryId {
        EntryId(self.entries.max_key().map_or(1, |id| id.0 + 1))
    }

    /// The agenda item being discussed now, if any.
    pub fn current_agenda_item(&self) -> Option<&AgendaItem> {
        self.agenda
            .iter()
            .find(|a| a.status == AgendaStatus::Current)
    }

    /// Inconsistencies a hand edit can introduce: duplicate ids, references
    /// to attendees, organisations or agenda items that do not exist, and
    /// `earlier` stays out of order or on someone who never came.
    pub fn problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        if let Some(m) = self.late_after_minutes
            && m > MAX_GRACE_MINUTES
        {
            problems.push(Problem(
                format!("`late_after_minutes: {m}` is more than a day ({MAX_GRACE_MINUTES})"),
                Some(Place::Field("late_after_minutes")),
            ));
        }
        let mut seen = HashSet::new();
        for (i, o) in self.organisations.iter().enumerate() {
            if !seen.insert(o.code.as_str()) {
                problems.push(Problem(
                    format!("two organisations have the code {:?}", o.code),
                    Some(Place::Item("organisations", i)),
                ));
            }
        }
        let mut people = HashSet::new();
        for (i, a) in self.attendees.iter().enumerate() {
            let place = Some(Place::Item("attendees", i));
            if !people.insert(a.id) {
                problems.push(Problem(
                    format!("two attendees have the id {}", a.id.0),
                    place,
                ));
            }
            for why in stay_problems(a) {
                problems.push(Problem(
                    format!("attendee {} ({}) {why}", a.id.0, a.name),
                    place,
                ));
            }
            if let Some(code) = &a.organisation
                && !seen.contains(code.as_str())
            {
                problems.push(Problem(
                    format!(
                        "attendee {} ({}) belongs to organisation {:?}, which is not in `organisations`",
                        a.id.0, a.name, code
                    ),
                    place,
                ));
            }
        }
        let person = |id: AttendeeId, what: &str, place: Place, problems: &mut Vec<Problem>| {
            if !people.contains(&id) {
                problems.push(Problem(
                    format!("{what} names attendee {}, who is not in `attendees`", id.0),
                    Some(place),
                ));
            }
        };
        if let Some(id) = self.chair {
            person(id, "`chair`", Place::Field("chair"), &mut problems);
        }
        if let Some(id) = self.secretary {
            person(id, "`secretary`", Place::Field("secretary"), &mut problems);
        }
        let mut queued = HashSet::new();
        for id in &self.queue {
            person(*id, "`queue`", Place::Field("queue"), &mut problems);
            if !queued.insert(*id) {
                problems.push(Problem(
                    format!("`queue` names attendee {} twice", id.0),
                    Some(Place::Field("queue")),
                ));
            }
        }
        let mut topics = HashSet::new();
        for (i, item) in self.agenda.iter().enumerate() {
            let place = Place::Item("agenda", i);
            if !topics.insert(item.id) {
                problems.push(Problem(
                    format!("two agenda items have the id {}", item.id.0),
                    Some(place),
                ));
            }
            if let Some(p) = item.presenter {
                let what = format!("agenda item {}", item.id.0);
                person(p, &what, place, &mut problems);
            }
        }
        let mut entries = HashSet::new();
        for (i, e) in self.entries.iter().enumerate() {
            let place = Place::Item("entries", i);
            if !entries.insert(e.id) {
                problems.push(Problem(
                    format!("two entries have the id {}", e.id.0),
                    Some(place),
                ));
            }
            if let Some(t) = e.agenda_item
                && !topics.contains(&t)
            {
                problems.push(Problem(
                    format!(
                        "entry {} belongs to agenda item {}, which is not in `agenda`",
                        e.id.0, t.0
                    ),
                    Some(place),
                ));
            }
            let what = format!("entry {}", e.id.0);
            match &e.kind {
                EntryKind::Speech { speaker, .. } => person(*speaker, &what, place, &mut problems),
                EntryKind::Question { by: Some(p) } => person(*p, &what, place, &mut problems),
                EntryKind::Action { owner: Some(p), .. } => person(*p, &what, place, &mut problems),
                _ => {}
            }
        }
        problems
    }
}

/// What is wrong with an attendee's `earlier` stays, as the end of a
/// sentence about them. The app writes a stay there only when someone who
/// left comes back, and clears them when someone is marked expected or
/// absent; so a stay there on someone expected or absent, one that ends
/// before it begins, or stays out of time order are hand edits. (The
/// latest stay, `joined_at`/`left_at`, is not checked against itself:
/// files in the wild have it any way round.)
fn stay_problems(a: &Attendee) -> Vec<String> {
    use super::Attendance;
    let mut problems = Vec::new();
    if a.earlier.is_empty() {
        return problems;
    }
    if matches!(a.attendance, Attendance::Expected | Attendance::Absent) {
        problems.push(format!(
            "is {} but has `earlier` stays: someone who came is left, present or late",
            a.attendance.label()
        ));
    }
    for stay in &a.earlier {
        if let (Some(joined), Some(left)) = (stay.joined_at, stay.left_at)
            && left < joined
        {
            problems.push(format!(
                "has an earlier stay that ends ({}) before it begins ({})",
                left.to_rfc3339(),
                joined.to_rfc3339()
            ));
        }
    }
    // Each stay's last known time, then the next one's first: in order.
    let stays: Vec<_> = a.stays().collect();
    for pair in stays.windows(2) {
        let end = pair[0].left_at.or(pair[0].joined_at);
        let next = pair[1].joined_at.or(pair[1].left_at);
        if let (Some(end), Some(next)) = (end, next)
            && next < end
        {
            problems.push(format!(
                "has stays out of time order: one ends at {} after the next begins at {} \
                 (`earlier` is oldest first, before `joined_at`)",
                end.to_rfc3339(),
                next.to_rfc3339()
            ));
        }
    }
    problems
}
