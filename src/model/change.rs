//! Every edit to a session is a [`Change`]: the journal records them, and
//! applying one returns its inverse, which is what undo needs.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::list::KeyedList;
use super::{
    AgendaId, AgendaItem, Attendee, AttendeeId, Credit, Entry, EntryId, Organisation, Session,
    Timestamp,
};

/// A record with a stable key within its list.
pub trait Keyed {
    type Key: Ord + Clone + std::fmt::Debug;
    fn key(&self) -> Self::Key;
}

impl Keyed for Attendee {
    type Key = AttendeeId;
    fn key(&self) -> AttendeeId {
        self.id
    }
}

impl Keyed for AgendaItem {
    type Key = AgendaId;
    fn key(&self) -> AgendaId {
        self.id
    }
}

impl Keyed for Entry {
    type Key = EntryId;
    fn key(&self) -> EntryId {
        self.id
    }
}

impl Keyed for Organisation {
    type Key = String;
    fn key(&self) -> String {
        self.code.clone()
    }
}

/// An edit to one list of keyed records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Edit<T, K> {
    /// Put `item` at `index` (clamped to the list's length).
    Insert { index: usize, item: T },
    /// Replace the record with the same key.
    Replace(T),
    /// Remove the record with this key.
    Remove(K),
}

/// One of the session's single-valued fields, with its new value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Field {
    Title(String),
    Series(Option<String>),
    Theme(Option<String>),
    Platform(Option<String>),
    Host(Option<String>),
    ScheduledStart(Option<Timestamp>),
    StartedAt(Option<Timestamp>),
    EndedAt(Option<Timestamp>),
    Chair(Option<AttendeeId>),
    Secretary(Option<AttendeeId>),
    Credits(Vec<Credit>),
    Queue(Vec<AttendeeId>),
    SpeechLimitSeconds(Option<u32>),
}

/// One edit to a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    Set(Field),
    Organisation(Edit<Organisation, String>),
    Attendee(Edit<Attendee, AttendeeId>),
    Agenda(Edit<AgendaItem, AgendaId>),
    Entry(Edit<Entry, EntryId>),
    /// Several changes that stand or fall together (one user action).
    Batch(Vec<Change>),
}

/// Why a change could not be applied; the session is left as it was.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ChangeError {
    #[error("there is already a {what} with the key {key}")]
    Duplicate { what: &'static str, key: String },
    #[error("there is no {what} with the key {key}")]
    Missing { what: &'static str, key: String },
}

impl Change {
    /// Applies the change and returns the change that undoes it. On error
    /// the session is unchanged (a failed batch is rolled back).
    pub fn apply(self, session: &mut Session) -> Result<Change, ChangeError> {
        Ok(match self {
            Change::Set(field) => Change::Set(set_field(session, field)),
            Change::Organisation(e) => {
                Change::Organisation(edit(&mut session.organisations, e, "organisation")?)
            }
            Change::Attendee(e) => Change::Attendee(edit(&mut session.attendees, e, "attendee")?),
            Change::Agenda(e) => Change::Agenda(edit(&mut session.agenda, e, "agenda item")?),
            Change::Entry(e) => Change::Entry(edit(&mut session.entries, e, "entry")?),
            Change::Batch(changes) => {
                let mut undo = Vec::with_capacity(changes.len());
                for change in changes {
                    match change.apply(session) {
                        Ok(inverse) => undo.push(inverse),
                        Err(err) => {
                            for inverse in undo.into_iter().rev() {
                                // Inverses of changes just applied always apply.
                                let _ = inverse.apply(session);
                            }
                            return Err(err);
                        }
                    }
                }
                undo.reverse();
                Change::Batch(undo)
            }
        })
    }
}

fn set_field(s: &mut Session, field: Field) -> Field {
    use std::mem::replace;
    match field {
        Field::Title(v) => Field::Title(replace(&mut s.title, v)),
        Field::Series(v) => Field::Series(replace(&mut s.series, v)),
        Field::Theme(v) => Field::Theme(replace(&mut s.theme, v)),
        Field::Platform(v) => Field::Platform(replace(&mut s.platform, v)),
        Field::Host(v) => Field::Host(replace(&mut s.host, v)),
        Field::ScheduledStart(v) => Field::ScheduledStart(replace(&mut s.scheduled_start, v)),
        Field::StartedAt(v) => Field::StartedAt(replace(&mut s.started_at, v)),
        Field::EndedAt(v) => Field::EndedAt(replace(&mut s.ended_at, v)),
        Field::Chair(v) => Field::Chair(replace(&mut s.chair, v)),
        Field::Secretary(v) => Field::Secretary(replace(&mut s.secretary, v)),
        Field::Credits(v) => Field::Credits(replace(&mut s.credits, v)),
        Field::Queue(v) => Field::Queue(replace(&mut s.queue, v)),
        Field::SpeechLimitSeconds(v) => {
            Field::SpeechLimitSeconds(replace(&mut s.speech_limit_seconds, v))
        }
    }
}

fn edit<T: Keyed>(
    list: &mut KeyedList<T>,
    edit: Edit<T, T::Key>,
    what: &'static str,
) -> Result<Edit<T, T::Key>, ChangeError> {
    match edit {
        Edit::Insert { index, item } => {
            let key = item.key();
            if list.insert(index, item).is_err() {
                return Err(ChangeError::Duplicate {
                    what,
                    key: format!("{key:?}"),
                });
            }
            Ok(Edit::Remove(key))
        }
        Edit::Replace(item) => {
            let key = item.key();
            let i = list.position(&key).ok_or_else(|| ChangeError::Missing {
                what,
                key: format!("{key:?}"),
            })?;
            Ok(Edit::Replace(list.replace(i, item)))
        }
        Edit::Remove(key) => {
            let index = list.position(&key).ok_or_else(|| ChangeError::Missing {
                what,
                key: format!("{key:?}"),
            })?;
            Ok(Edit::Insert {
                index,
                item: list.remove(index),
            })
        }
    }
}
