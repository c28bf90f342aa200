use serde::{Deserialize, Serialize};

use super::Timestamp;

/// Stable identifier of an attendee, unchanged when the roster is reordered
/// or others are removed. New ids are one above the highest in use, so only
/// a deleted highest id is ever given again, and a person can only be
/// deleted when nothing in the session refers to them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AttendeeId(pub u32);

/// An organisation taking part, referred to by its short code (`"NUS"`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// Short code shown in tight columns; unique within a session.
    pub code: String,
    /// Full name used in exported minutes.
    pub name: String,
}

/// Whether, and when, an attendee took part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Attendance {
    /// On the roster, not (yet) seen.
    #[default]
    Expected,
    /// Joined on time.
    Present,
    /// Joined after the start and its grace period (see
    /// [`grace`](super::attendance::grace)); `joined_at` says when.
    Late,
    /// Was there and left before the end; `left_at` says when. Whether
    /// they came on time is read from their first arrival.
    Left,
    /// Did not attend (excused or not).
    Absent,
}

impl Attendance {
    pub fn label(self) -> &'static str {
        match self {
            Attendance::Expected => "expected",
            Attendance::Present => "present",
            Attendance::Late => "late",
            Attendance::Left => "left",
            Attendance::Absent => "absent",
        }
    }

    /// Whether the person was at the meeting at some point.
    pub fn attended(self) -> bool {
        matches!(
            self,
            Attendance::Present | Attendance::Late | Attendance::Left
        )
    }
}

/// A person on the roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attendee {
    pub id: AttendeeId,
    /// As the person writes it: `"王丽"`, `"José Álvarez"`.
    pub name: String,
    /// Code of one of the session's organisations, if any.
    #[serde(default)]
    pub organisation: Option<String>,
    /// Free text: "Professor", "Rapporteur", "Observer".
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub attendance: Attendance,
    /// The latest stay: when they came (back), and left.
    #[serde(default)]
    pub joined_at: Option<Timestamp>,
    #[serde(default)]
    pub left_at: Option<Timestamp>,
    /// The stays before the latest, oldest first, of someone who left and
    /// came back. Left out of the file when empty, as older files have it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub earlier: Vec<Stay>,
}

/// A time someone was at the meeting. Either end may be unknown: a
/// departure marked without the arrival, or a file edited by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stay {
    #[serde(default)]
    pub joined_at: Option<Timestamp>,
    #[serde(default)]
    pub left_at: Option<Timestamp>,
}

impl Attendee {
    /// Someone of no organisation or role, never arrived or left.
    pub fn new(id: AttendeeId, name: impl Into<String>, attendance: Attendance) -> Attendee {
        Attendee {
            id,
            name: name.into(),
            organisation: None,
            role: String::new(),
            attendance,
            joined_at: None,
            left_at: None,
            earlier: Vec::new(),
        }
    }

    /// The same person on the roster of another meeting: expected, with no
    /// times of arrival or departure.
    pub fn as_expected(&self) -> Attendee {
        Attendee {
            attendance: Attendance::Expected,
            joined_at: None,
            left_at: None,
            earlier: Vec::new(),
            ..self.clone()
        }
    }

    /// Here now: arrived and not left.
    pub fn is_here(&self) -> bool {
        matches!(self.attendance, Attendance::Present | Attendance::Late)
    }

    /// Every stay, oldest first: the earlier ones, then the latest if they
    /// came at all.
    pub fn stays(&self) -> impl Iterator<Item = Stay> + '_ {
        let latest = Stay {
            joined_at: self.joined_at,
            left_at: self.left_at,
        };
        let came = self.attendance.attended() || latest.joined_at.is_some();
        self.earlier.iter().copied().chain(came.then_some(latest))
    }

    /// When they first arrived, if known: what decides on time or late.
    pub fn first_arrival(&self) -> Option<Timestamp> {
        match self.earlier.first() {
            Some(first) => first.joined_at,
            None => self.joined_at,
        }
    }
}

/// What a credited person contributed to the minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CreditRole {
    Text,
    Photos,
    Editing,
    Other(String),
}

impl CreditRole {
    pub fn label(&self) -> &str {
        match self {
            CreditRole::Text => "Text",
            CreditRole::Photos => "Photos",
            CreditRole::Editing => "Editing",
            CreditRole::Other(s) => s,
        }
    }

    /// The role a word names, in any case (`text`, `photos`, `editing` and
    /// their near forms); another word is a role of its own, capitalised,
    /// with `_` as a space (`sound_engineering` → "Sound engineering").
    pub fn from_word(word: &str) -> CreditRole {
        match word.to_lowercase().as_str() {
            "text" | "texts" | "writing" | "words" => CreditRole::Text,
            "photos" | "photo" | "photography" | "pictures" => CreditRole::Photos,
            "editing" | "edit" | "edited" | "editor" => CreditRole::Editing,
            _ => {
                let word = word.replace('_', " ");
                let mut chars = word.chars();
                let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
                CreditRole::Other(format!("{}{}", first.unwrap_or_default(), chars.as_str()))
            }
        }
    }

    /// The same role, whatever the case it was typed in.
    pub fn same_as(&self, other: &CreditRole) -> bool {
        self.label().to_lowercase() == other.label().to_lowercase()
    }
}

/// "Text by …", "Photos by …" at the end of the minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Credit {
    pub role: CreditRole,
    pub name: String,
}

/// The credits role by role, in the order each role first appears, with
/// the names of each role in their order: "Text by Anna Li, Bob".
pub fn credits_by_role(credits: &[Credit]) -> Vec<(&CreditRole, Vec<&str>)> {
    let mut roles: Vec<(&CreditRole, Vec<&str>)> = Vec::new();
    for c in credits {
        match roles.iter_mut().find(|(role, _)| role.same_as(&c.role)) {
            Some((_, names)) => names.push(&c.name),
            None => roles.push((&c.role, vec![&c.name])),
        }
    }
    roles
}
