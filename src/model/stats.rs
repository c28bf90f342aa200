//! Speaking-time statistics.

use std::collections::HashMap;

use chrono::Duration;

use super::{AgendaStatus, AttendeeId, Derived, EntryKind, Session, Timestamp};

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

/// What the chair's statistics view shows, read from [`Derived`] and the
/// roster and agenda, never from the log: it is built for every frame.
#[derive(Debug, Clone, PartialEq)]
pub struct Statistics {
    /// One row per person who spoke, longest first, ties by name.
    pub by_person: Vec<Speaking>,
    /// One row per organisation whose people spoke ("No organisation" for
    /// the others), longest first, ties by name.
    pub by_organisation: Vec<Speaking>,
    /// All the time spoken: the sum of either list.
    pub total: Duration,
    /// All the speeches: the sum of either list's `speeches`.
    pub speeches: usize,
    /// The agenda in its order.
    pub agenda: Vec<TopicRow>,
}

/// Time on the floor of one person or organisation, by name.
#[derive(Debug, Clone, PartialEq)]
pub struct Speaking {
    /// The attendee's name, or the organisation's full name.
    pub name: String,
    pub total: Duration,
    /// Number of speeches (interventions).
    pub speeches: usize,
    /// Fraction of all the time spoken, 0 to 1 (0 while nobody spoke).
    pub share: f64,
}

impl Speaking {
    /// The share as a whole percentage.
    pub fn percent(&self) -> u32 {
        (self.share * 100.0).round() as u32
    }
}

/// What the organisation row of attendees of none is called.
pub const NO_ORGANISATION: &str = "No organisation";

/// One topic of the agenda: planned against actual.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicRow {
    /// Its place in the agenda, from 1.
    pub number: usize,
    pub title: String,
    /// Time set aside; `None` if none was.
    pub planned: Option<Duration>,
    pub progress: Progress,
}

/// How far a topic got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    NotStarted,
    Skipped,
    /// Being discussed, for this long so far.
    Ongoing(Duration),
    /// Started and ended, after this long.
    Done(Duration),
}

impl TopicRow {
    /// Time spent on it, so far if still going on.
    pub fn actual(&self) -> Option<Duration> {
        match self.progress {
            Progress::Ongoing(d) | Progress::Done(d) => Some(d),
            Progress::NotStarted | Progress::Skipped => None,
        }
    }

    /// Actual minus planned: positive over time, negative under; `None`
    /// unless both are known.
    pub fn over(&self) -> Option<Duration> {
        Some(self.actual()? - self.planned?)
    }
}

impl Statistics {
    /// The statistics at `now`: a speech not ended counts until then, as
    /// [`Derived`] counts it. Costs one look-up per speaker and per topic.
    pub fn of(session: &Session, derived: &Derived, now: Timestamp) -> Statistics {
        let mut by_person = Vec::new();
        let mut orgs: HashMap<Option<&str>, (Duration, usize)> = HashMap::new();
        for (who, tally) in derived.tallies(now) {
            let attendee = session.attendee(who);
            let name = attendee.map_or_else(|| session.attendee_name(who), |a| a.name.clone());
            let org = attendee.and_then(|a| a.organisation.as_deref());
            let sum = orgs.entry(org).or_insert((Duration::zero(), 0));
            sum.0 += tally.total;
            sum.1 += tally.speeches;
            by_person.push(Speaking {
                name,
                total: tally.total,
                speeches: tally.speeches,
                share: 0.0,
            });
        }
        let mut by_organisation: Vec<Speaking> = orgs
            .into_iter()
            .map(|(code, (total, speeches))| Speaking {
                name: match code {
                    Some(code) => session
                        .organisation(code)
                        .map_or_else(|| code.to_string(), |o| o.name.clone()),
                    None => NO_ORGANISATION.to_string(),
                },
                total,
                speeches,
                share: 0.0,
            })
            .collect();
        let total: Duration = by_person.iter().map(|s| s.total).sum();
        let speeches = by_person.iter().map(|s| s.speeches).sum();
        for rows in [&mut by_person, &mut by_organisation] {
            for row in rows.iter_mut() {
                row.share = share(row.total, total);
            }
            // Then by speeches, for rows alike in both to keep one order
            // from frame to frame (Derived's tallies come in no order).
            rows.sort_by(|a, b| {
                (b.total.cmp(&a.total))
                    .then_with(|| a.name.cmp(&b.name))
                    .then_with(|| a.speeches.cmp(&b.speeches))
            });
        }
        let agenda = session
            .agenda
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let progress = match (item.status, item.started_at, item.ended_at) {
                    (AgendaStatus::Skipped, ..) => Progress::Skipped,
                    (_, Some(start), Some(end)) => {
                        Progress::Done((end - start).max(Duration::zero()))
                    }
                    // Not ended: until the meeting's end, or now.
                    (_, Some(start), None) => {
                        let end = session.ended_at.unwrap_or(now);
                        Progress::Ongoing((end - start).max(Duration::zero()))
                    }
                    (_, None, _) => Progress::NotStarted,
                };
                TopicRow {
                    number: i + 1,
                    title: item.title.clone(),
                    planned: (item.planned_minutes > 0)
                        .then(|| Duration::minutes(i64::from(item.planned_minutes))),
                    progress,
                }
            })
            .collect();
        Statistics {
            by_person,
            by_organisation,
            total,
            speeches,
            agenda,
        }
    }
}

fn share(part: Duration, whole: Duration) -> f64 {
    match whole.num_milliseconds() {
        0 => 0.0,
        whole => part.num_milliseconds() as f64 / whole as f64,
    }
}

/// How many were present over the meeting, sampled evenly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Presence {
    /// The meeting's start.
    pub from: Timestamp,
    /// Its end, or now while it goes on.
    pub to: Timestamp,
    /// Whether `to` is now: the meeting has not ended.
    pub ongoing: bool,
    /// How many were present at each of `samples` moments from `from` to
    /// `to`, both included.
    pub counts: Vec<usize>,
    /// The most present at any sample.
    pub peak: usize,
}

/// Attendance over time: how many were present at `samples` evenly spaced
/// moments from the meeting's start to its end (or `now`), from everyone's
/// stays. A stay's unknown arrival counts from the start, an unknown
/// departure until the end. `None` before the meeting has started. Costs
/// one pass over the roster and one over the samples (no sorting): each
/// stay adds one to the range of samples it covers.
pub fn presence(session: &Session, now: Timestamp, samples: usize) -> Option<Presence> {
    let from = session.started_at?;
    let to = session.ended_at.unwrap_or(now).max(from);
    let samples = samples.max(1);
    let span = (to - from).num_milliseconds() as i128;
    let steps = (samples - 1) as i128;
    // The first sample at or after `t`, and the last at or before it:
    // sample k is at from + span * k / steps.
    let first_at_or_after = |t: Timestamp| -> i128 {
        let d = (t - from).num_milliseconds() as i128;
        if span == 0 || steps == 0 {
            return if d <= 0 { 0 } else { samples as i128 };
        }
        (d * steps + span - 1).div_euclid(span)
    };
    let last_at_or_before = |t: Timestamp| -> i128 {
        let d = (t - from).num_milliseconds() as i128;
        if span == 0 || steps == 0 {
            return if d >= 0 { steps } else { -1 };
        }
        (d * steps).div_euclid(span)
    };
    let mut change = vec![0i64; samples + 1];
    for a in session.attendees.iter() {
        for stay in a.stays() {
            let joined = stay.joined_at.unwrap_or(from);
            let left = stay.left_at.unwrap_or(to);
            if left < joined {
                continue;
            }
            let first = first_at_or_after(joined).max(0);
            let last = last_at_or_before(left).min(steps);
            if first > last {
                continue;
            }
            change[first as usize] += 1;
            change[last as usize + 1] -= 1;
        }
    }
    let mut here = 0i64;
    let counts: Vec<usize> = change[..samples]
        .iter()
        .map(|c| {
            here += c;
            here.max(0) as usize
        })
        .collect();
    let peak = counts.iter().copied().max().unwrap_or(0);
    Some(Presence {
        from,
        to,
        ongoing: session.ended_at.is_none(),
        counts,
        peak,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Attendance, Attendee, AttendeeId, Stay};

    fn at(min: i64) -> Timestamp {
        chrono::DateTime::parse_from_rfc3339("2026-11-19T14:00:00+01:00").unwrap()
            + Duration::minutes(min)
    }

    fn meeting(from: i64, to: Option<i64>, people: Vec<Attendee>) -> Session {
        let mut s = Session::new("m");
        s.started_at = Some(at(from));
        s.ended_at = to.map(at);
        s.attendees = people.into_iter().collect();
        s
    }

    fn came(id: u32, joined: Option<i64>, left: Option<i64>) -> Attendee {
        let mut a = Attendee::new(
            AttendeeId(id),
            format!("p{id}"),
            if left.is_some() {
                Attendance::Left
            } else {
                Attendance::Present
            },
        );
        a.joined_at = joined.map(at);
        a.left_at = left.map(at);
        a
    }

    #[test]
    fn presence_follows_arrivals_and_departures_minute_by_minute() {
        // 0..=10 minutes in 11 samples: one a minute.
        let s = meeting(
            0,
            Some(10),
            vec![
                came(1, Some(0), None),
                came(2, Some(3), Some(6)),
                came(3, None, Some(2)),
            ],
        );
        let p = presence(&s, at(99), 11).unwrap();
        assert_eq!(p.counts, [2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1]);
        assert_eq!(p.peak, 2);
        assert!(!p.ongoing);
    }

    #[test]
    fn presence_counts_each_stay_of_someone_who_came_back() {
        let mut a = came(1, Some(6), None);
        a.earlier = vec![Stay {
            joined_at: Some(at(0)),
            left_at: Some(at(2)),
        }];
        let s = meeting(0, None, vec![a]);
        let p = presence(&s, at(10), 11).unwrap();
        assert_eq!(p.counts, [1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1]);
        assert!(p.ongoing);
        assert_eq!(p.to, at(10));
    }

    #[test]
    fn presence_before_the_start_is_none_and_a_zero_span_has_one_moment() {
        let mut s = meeting(0, None, vec![came(1, Some(0), None)]);
        let p = presence(&s, at(0), 5).unwrap();
        assert_eq!(p.counts, [1, 1, 1, 1, 1]);
        s.started_at = None;
        assert_eq!(presence(&s, at(0), 5), None);
    }

    #[test]
    fn agenda_rows_say_planned_against_actual() {
        let mut s = meeting(0, None, vec![]);
        let item = |id, planned, start: Option<i64>, end: Option<i64>, status| AgendaItem {
            id: crate::model::AgendaId(id),
            title: format!("t{id}"),
            presenter: None,
            planned_minutes: planned,
            started_at: start.map(at),
            ended_at: end.map(at),
            status,
        };
        use crate::model::AgendaItem;
        s.agenda = vec![
            item(1, 10, Some(0), Some(12), AgendaStatus::Done),
            item(2, 0, Some(12), None, AgendaStatus::Current),
            item(3, 5, None, None, AgendaStatus::Skipped),
            item(4, 5, None, None, AgendaStatus::Pending),
        ]
        .into_iter()
        .collect();
        let st = Statistics::of(&s, &Derived::of(&s), at(20));
        let rows = &st.agenda;
        assert_eq!(rows[0].progress, Progress::Done(Duration::minutes(12)));
        assert_eq!(rows[0].over(), Some(Duration::minutes(2)));
        assert_eq!(rows[1].progress, Progress::Ongoing(Duration::minutes(8)));
        assert_eq!(rows[1].planned, None);
        assert_eq!(rows[1].over(), None);
        assert_eq!(rows[2].progress, Progress::Skipped);
        assert_eq!(rows[3].progress, Progress::NotStarted);
        assert_eq!(rows[3].number, 4);
    }
}
