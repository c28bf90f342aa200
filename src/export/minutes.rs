use std::collections::{HashMap, HashSet};

use chrono::{Duration, Timelike};

use super::document::{Block, Document, Item};
use crate::model::attendance::{came_after_the_end, came_late};
use crate::model::stats::{format_duration, speaking_time};
use crate::model::{
    AgendaId, AgendaStatus, Attendee, AttendeeId, Entry, EntryKind, Session, Timestamp,
    credits_by_role,
};

/// What the minutes of a session say, in order: header, attendance, agenda,
/// one section per agenda item, action items, speaking time, credits.
/// Control characters in the session's text are escaped (see
/// [`Document::escape_controls`]): every format prints what this says.
pub fn minutes(s: &Session) -> Document {
    let mut blocks = vec![Block::Fields(header_fields(s))];
    attendance(s, &mut blocks);
    agenda(s, &mut blocks);
    topics(s, &mut blocks);
    actions(s, &mut blocks);
    speaking(s, &mut blocks);
    if !s.credits.is_empty() {
        blocks.push(Block::Heading("Credits".into()));
        // One line a role: `/credit text Anna Li, Bob` is "Text by: Anna Li, Bob".
        let fields = credits_by_role(&s.credits)
            .into_iter()
            .map(|(role, names)| (format!("{} by", role.label()), names.join(", ")));
        blocks.push(Block::Fields(fields.collect()));
    }
    let mut doc = Document {
        title: s.title.clone(),
        blocks,
    };
    doc.escape_controls();
    doc
}

/// `14:05`, in the timestamp's own offset (as `%H:%M`, without parsing the
/// format string each time: once for every entry).
fn hm(t: &Timestamp) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

fn minutes_of(d: Duration) -> String {
    format!("{} min", (d.num_seconds() + 30) / 60)
}

/// `王丽 (PKU)`: a name with the organisation's code.
fn who(s: &Session, id: AttendeeId) -> String {
    match s.attendee(id) {
        Some(a) => match &a.organisation {
            Some(org) => format!("{} ({org})", a.name),
            None => a.name.clone(),
        },
        None => s.attendee_name(id),
    }
}

fn header_fields(s: &Session) -> Vec<(String, String)> {
    let mut f = Vec::new();
    let mut push = |label: &str, value: Option<String>| {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            f.push((label.to_string(), v));
        }
    };
    push("Series", s.series.clone());
    push("Theme", s.theme.clone());
    let day = s.started_at.or(s.scheduled_start);
    push("Date", day.map(|d| d.format("%A %-d %B %Y").to_string()));
    let time = match (s.started_at, s.ended_at) {
        (Some(a), Some(b)) => Some(format!(
            "{}–{} (UTC{}), {}",
            hm(&a),
            hm(&b),
            a.format("%:z"),
            minutes_of(b - a)
        )),
        (Some(a), None) => Some(format!("from {} (UTC{})", hm(&a), a.format("%:z"))),
        _ => s
            .scheduled_start
            .map(|t| format!("scheduled {} (UTC{})", hm(&t), t.format("%:z"))),
    };
    push("Time", time);
    if let (Some(sched), Some(start)) = (s.scheduled_start, s.started_at) {
        // Moved to another day: the day it was scheduled for says so.
        let when = if sched.date_naive() == start.date_naive() {
            hm(&sched)
        } else {
            sched.format("%A %-d %B %Y, %H:%M").to_string()
        };
        push("Scheduled", Some(when));
    }
    push("Platform", s.platform.clone());
    push("Chair", s.chair.map(|id| who(s, id)));
    push("Secretary", s.secretary.map(|id| who(s, id)));
    f
}

fn attendance(s: &Session, blocks: &mut Vec<Block>) {
    if s.attendees.is_empty() {
        return;
    }
    // Someone who first came once it had ended did not attend the meeting.
    let present = s
        .attendees
        .iter()
        .filter(|a| a.attendance.attended() && !came_after_the_end(s, a))
        .count();
    blocks.push(Block::Heading("Attendance".into()));
    let organisations: std::collections::BTreeSet<&str> = s
        .attendees
        .iter()
        .filter(|a| a.attendance.attended() && !came_after_the_end(s, a))
        .filter_map(|a| a.organisation.as_deref())
        .collect();
    let from = match organisations.len() {
        0 => String::new(),
        1 => ", from 1 organisation".to_string(),
        n => format!(", from {n} organisations"),
    };
    blocks.push(Block::Paragraph(format!(
        "{present} of {} people on the roster attended{from}.",
        s.attendees.len(),
    )));
    let mut groups: Vec<(String, Option<&str>)> = s
        .organisations
        .iter()
        .map(|o| {
            // An organisation added on the fly by its code alone has no other name.
            let title = if o.name == o.code {
                o.code.clone()
            } else {
                format!("{} ({})", o.name, o.code)
            };
            (title, Some(o.code.as_str()))
        })
        .collect();
    groups.push(("No organisation".into(), None));
    for (title, code) in groups {
        let members: Vec<_> = s
            .attendees
            .iter()
            .filter(|a| a.organisation.as_deref() == code)
            .collect();
        if members.is_empty() {
            continue;
        }
        blocks.push(Block::Subheading(title));
        let rows = members
            .iter()
            .map(|a| {
                let status = attendance_of(s, a);
                let mut role = a.role.clone();
                for (id, what) in [(s.chair, "chair"), (s.secretary, "secretary")] {
                    // A role that says it already ("Chair") is not said twice.
                    let said = role
                        .split(',')
                        .any(|r| crate::model::meeting::fold(r.trim()) == what);
                    if id == Some(a.id) && !said {
                        role = if role.is_empty() {
                            what.to_string()
                        } else {
                            format!("{role}, {what}")
                        };
                    }
                }
                vec![a.name.clone(), status, role]
            })
            .collect();
        blocks.push(Block::Table {
            header: vec!["Name".into(), "Attendance".into(), "Role".into()],
            rows,
            numeric: vec![false, false, false],
        });
    }
}

/// Whether and when someone was there, every stay: "present", "late,
/// joined 14:12", "present, left 14:30, back 14:45–15:10".
fn attendance_of(s: &Session, a: &Attendee) -> String {
    if !a.attendance.attended() {
        return a.attendance.label().to_string();
    }
    let mut parts = Vec::new();
    for (i, stay) in a.stays().enumerate() {
        match (i, stay.joined_at) {
            (0, Some(t)) if came_after_the_end(s, a) => {
                parts.push(format!("joined {} after the end", hm(&t)))
            }
            (0, Some(t)) if came_late(s, a) => parts.push(format!("late, joined {}", hm(&t))),
            (0, Some(_)) => parts.push("present".to_string()),
            // Left, with the arrival not marked.
            (0, None) => {}
            (_, Some(t)) => {
                let until = stay.left_at.map(|l| format!("–{}", hm(&l)));
                parts.push(format!("back {}{}", hm(&t), until.unwrap_or_default()));
                continue;
            }
            (_, None) => parts.push("back".to_string()),
        }
        if let Some(left) = stay.left_at {
            parts.push(format!("left {}", hm(&left)));
        }
    }
    parts.join(", ")
}

fn agenda(s: &Session, blocks: &mut Vec<Block>) {
    if s.agenda.is_empty() {
        return;
    }
    blocks.push(Block::Heading("Agenda".into()));
    let rows = s
        .agenda
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let planned = if item.planned_minutes > 0 {
                format!("{} min", item.planned_minutes)
            } else {
                "–".into()
            };
            let actual = match (item.status, item.actual_duration()) {
                (AgendaStatus::Skipped, _) => "skipped".into(),
                (_, Some(d)) => minutes_of(d),
                (AgendaStatus::Current, None) => "ongoing".into(),
                _ => "–".into(),
            };
            vec![format!("{}.", i + 1), item.title.clone(), planned, actual]
        })
        .collect();
    blocks.push(Block::Table {
        header: vec![
            "#".into(),
            "Topic".into(),
            "Planned".into(),
            "Actual".into(),
        ],
        rows,
        numeric: vec![true, false, true, true],
    });
}

fn topics(s: &Session, blocks: &mut Vec<Block>) {
    let mut sections: Vec<(String, Option<AgendaId>)> = s
        .agenda
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let mut title = format!("{}. {}", i + 1, item.title);
            if let Some(p) = item.presenter {
                title.push_str(&format!(" — {}", who(s, p)));
            }
            (title, Some(item.id))
        })
        .collect();
    sections.push(("Outside the agenda".into(), None));
    // One pass over the log: each entry under its topic, those logged once
    // the meeting had ended in a section of their own, last. An entry whose
    // topic is no longer on the agenda is outside it.
    let on_agenda: HashSet<AgendaId> = s.agenda.iter().map(|a| a.id).collect();
    let mut by_topic: HashMap<Option<AgendaId>, Vec<&Entry>> = HashMap::new();
    let mut after: Vec<&Entry> = Vec::new();
    for e in &s.entries {
        if s.ended_at.is_some_and(|end| e.at > end) {
            after.push(e);
        } else {
            let topic = e.agenda_item.filter(|t| on_agenda.contains(t));
            by_topic.entry(topic).or_default().push(e);
        }
    }
    let mut sections: Vec<(String, Option<AgendaId>, &[&Entry])> = sections
        .into_iter()
        .map(|(title, id)| {
            let entries = by_topic.get(&id).map_or(&[][..], Vec::as_slice);
            (title, id, entries)
        })
        .collect();
    if let (Some(end), false) = (s.ended_at, after.is_empty()) {
        sections.push((
            format!("After the meeting (ended {})", hm(&end)),
            None,
            &after,
        ));
    }
    for (title, id, entries) in sections {
        let item = id.and_then(|id| s.agenda_item(id));
        if entries.is_empty() && item.is_none_or(|i| i.started_at.is_none()) {
            continue;
        }
        blocks.push(Block::Heading(title));
        if let Some(item) = item
            && let (Some(a), Some(b)) = (item.started_at, item.ended_at)
        {
            let planned = if item.planned_minutes > 0 {
                format!("; planned {} min", item.planned_minutes)
            } else {
                String::new()
            };
            blocks.push(Block::Paragraph(format!(
                "{}–{}, {}{planned}.",
                hm(&a),
                hm(&b),
                minutes_of(b - a)
            )));
        }
        let groups: [(&str, KindFilter); 6] = [
            ("Speeches", |k| matches!(k, EntryKind::Speech { .. })),
            ("Discussion", |k| {
                matches!(k, EntryKind::Discussion | EntryKind::Note)
            }),
            ("Questions", |k| matches!(k, EntryKind::Question { .. })),
            ("Decisions", |k| matches!(k, EntryKind::Decision)),
            ("Conclusions", |k| matches!(k, EntryKind::Conclusion)),
            ("Action items", |k| matches!(k, EntryKind::Action { .. })),
        ];
        for (label, wanted) in groups {
            let items: Vec<Item> = entries
                .iter()
                .filter(|e| wanted(&e.kind))
                .map(|e| entry_item(s, e))
                .collect();
            if !items.is_empty() {
                blocks.push(Block::Subheading(label.into()));
                blocks.push(Block::List(items));
            }
        }
    }
}

/// Which entries go under a sub-heading of a topic.
type KindFilter = fn(&EntryKind) -> bool;

fn entry_item(s: &Session, e: &Entry) -> Item {
    let time = hm(&e.at);
    let lead = match &e.kind {
        EntryKind::Speech { speaker, ended_at } => {
            let length = match ended_at {
                Some(end) => format_duration(*end - e.at),
                None => "unfinished".into(),
            };
            format!("{time} {}, {length}", who(s, *speaker))
        }
        EntryKind::Question { by: Some(p) } => format!("{time} {}", who(s, *p)),
        EntryKind::Action { .. } => action_lead(s, e),
        EntryKind::Note => format!("{time} (note)"),
        _ => time,
    };
    Item {
        lead,
        text: e.text.clone(),
    }
}

fn action_lead(s: &Session, e: &Entry) -> String {
    let EntryKind::Action { owner, due, done } = &e.kind else {
        return String::new();
    };
    let mut lead = String::from(if *done { "[x]" } else { "[ ]" });
    lead.push_str(&format!(
        " {}",
        owner.map_or_else(|| "no owner".to_string(), |o| who(s, o))
    ));
    if let Some(due) = due {
        lead.push_str(&format!(", due {due}"));
    }
    lead
}

fn actions(s: &Session, blocks: &mut Vec<Block>) {
    let items: Vec<Item> = s
        .entries
        .iter()
        .filter(|e| matches!(e.kind, EntryKind::Action { .. }))
        .map(|e| {
            let topic = e
                .agenda_item
                .and_then(|t| s.agenda.iter().position(|a| a.id == t));
            let text = match topic {
                Some(i) => format!("{} (item {})", e.text, i + 1),
                None => e.text.clone(),
            };
            Item {
                lead: action_lead(s, e),
                text,
            }
        })
        .collect();
    if !items.is_empty() {
        blocks.push(Block::Heading("Action items".into()));
        blocks.push(Block::List(items));
    }
}

fn speaking(s: &Session, blocks: &mut Vec<Block>) {
    let stats = speaking_time(s, None);
    if stats.by_attendee.is_empty() {
        return;
    }
    blocks.push(Block::Heading("Speaking time".into()));
    let orgs = stats.by_organisation.iter().map(|share| {
        let name = match &share.who {
            Some(code) => s
                .organisation(code)
                .map_or(code.clone(), |o| o.name.clone()),
            None => "No organisation".into(),
        };
        (name, share.speeches, share.total)
    });
    blocks.push(share_table("Organisation", orgs, stats.total));
    let people = stats
        .by_attendee
        .iter()
        .map(|share| (who(s, share.who), share.speeches, share.total));
    blocks.push(share_table("Speaker", people, stats.total));
}

/// Who spoke, in how many speeches, for how long, and what share of the whole.
fn share_table(
    who: &str,
    shares: impl Iterator<Item = (String, usize, Duration)>,
    total: Duration,
) -> Block {
    let total = total.num_seconds().max(1);
    let rows = shares
        .map(|(name, speeches, time)| {
            let share = format!("{}%", (time.num_seconds() * 100 + total / 2) / total);
            vec![name, speeches.to_string(), format_duration(time), share]
        })
        .collect();
    Block::Table {
        header: vec![who.into(), "Speeches".into(), "Time".into(), "Share".into()],
        rows,
        numeric: vec![false, true, true, true],
    }
}
