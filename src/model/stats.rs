//! Speaking-time statistics.

use chrono::Duration;

use super::{AttendeeId, EntryKind, Session, Timestamp};

/// Time on the floor for one attendee or organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Share<K> {
    pub who: K,
    pub total: Duration,
    pub speeches: usize,
}

/// Who spoke how long, longest first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SpeakingTime {
    pub by_attendee: Vec<Share<AttendeeId>>,
    /// By organisation code; `None` for attendees without one.
    pub by_organisation: Vec<Share<Option<String>>>,
    pub total: Duration,
}

/// Adds up speeches. A speech still going on counts until `now`, if given,
/// and not at all otherwise.
pub fn speaking_time(session: &Session, now: Option<Timestamp>) -> SpeakingTime {
    let mut people: Vec<Share<AttendeeId>> = Vec::new();
    for entry in &session.entries {
        let EntryKind::Speech { speaker, ended_at } = &entry.kind else {
            continue;
        };
        let Some(end) = ended_at.or(now) else {
            continue;
        };
        let length = (end - entry.at).max(Duration::zero());
        match people.iter_mut().find(|s| s.who == *speaker) {
            Some(s) => {
                s.total += length;
                s.speeches += 1;
            }
            None => people.push(Share {
                who: *speaker,
                total: length,
                speeches: 1,
            }),
        }
    }
    let mut orgs: Vec<Share<Option<String>>> = Vec::new();
    for share in &people {
        let org = session
            .attendee(share.who)
            .and_then(|a| a.organisation.clone());
        match orgs.iter_mut().find(|s| s.who == org) {
            Some(s) => {
                s.total += share.total;
                s.speeches += share.speeches;
            }
            None => orgs.push(Share {
                who: org,
                total: share.total,
                speeches: share.speeches,
            }),
        }
    }
    // Longest first; ties keep the order of first appearance (stable sort).
    people.sort_by_key(|s| std::cmp::Reverse(s.total));
    orgs.sort_by_key(|s| std::cmp::Reverse(s.total));
    let total = people.iter().map(|s| s.total).sum();
    SpeakingTime {
        by_attendee: people,
        by_organisation: orgs,
        total,
    }
}

/// `mm:ss`, or `h:mm:ss` from an hour on.
pub fn format_duration(d: Duration) -> String {
    let secs = d.num_seconds().max(0);
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m:02}:{s:02}")
    }
}
