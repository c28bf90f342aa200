use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{AgendaId, AttendeeId, Timestamp};

/// Stable identifier of a log entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EntryId(pub u32);

/// One timestamped line of the meeting log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub id: EntryId,
    /// When it was logged; for a speech, when the speaker started.
    pub at: Timestamp,
    /// The agenda item that was current when it was logged.
    #[serde(default)]
    pub agenda_item: Option<AgendaId>,
    pub kind: EntryKind,
    /// The note itself; for a speech, a summary of what was said.
    #[serde(default)]
    pub text: String,
    /// Left out of public exports (`minutes export --public`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub confidential: bool,
    /// An action item still open at the end of the previous meeting of the
    /// series (`minutes new --from`): the day of that meeting. Not part of
    /// any topic of this one; `at` is when it was first logged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried_over: Option<NaiveDate>,
}

/// What kind of entry, with what only that kind carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum EntryKind {
    Note,
    /// Someone had the floor from the entry's `at` until `ended_at`
    /// (`None` while they are still speaking).
    Speech {
        speaker: AttendeeId,
        #[serde(default)]
        ended_at: Option<Timestamp>,
    },
    Discussion,
    Question {
        #[serde(default)]
        by: Option<AttendeeId>,
    },
    Decision,
    Conclusion,
    Action {
        #[serde(default)]
        owner: Option<AttendeeId>,
        #[serde(default)]
        due: Option<NaiveDate>,
        #[serde(default)]
        done: bool,
    },
}

impl EntryKind {
    /// The word used in exported minutes and on screen.
    pub fn label(&self) -> &'static str {
        match self {
            EntryKind::Note => "Note",
            EntryKind::Speech { .. } => "Speech",
            EntryKind::Discussion => "Discussion",
            EntryKind::Question { .. } => "Question",
            EntryKind::Decision => "Decision",
            EntryKind::Conclusion => "Conclusion",
            EntryKind::Action { .. } => "Action",
        }
    }
}

impl Entry {
    /// How long a finished speech lasted; `None` for other kinds and for a
    /// speech still going on.
    pub fn speech_duration(&self) -> Option<chrono::Duration> {
        match &self.kind {
            EntryKind::Speech {
                ended_at: Some(end),
                ..
            } => Some((*end - self.at).max(chrono::Duration::zero())),
            _ => None,
        }
    }
}
