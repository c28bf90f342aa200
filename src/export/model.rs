//! What the minutes of a session say, decided once, as plain data that
//! templates lay out: [`Minutes::of`]. Every text in it is printable
//! ([`clean`]); formats only decide how it looks.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use chrono::{Duration, NaiveDate, Timelike};
use serde::Serialize;

use crate::model::attendance::{came_after_the_end, came_late};
use crate::model::stats::{format_duration, speaking_time};
use crate::model::{
    AgendaId, AgendaStatus, Attendee, AttendeeId, Entry, EntryId, EntryKind, Session, Timestamp,
    credits_by_role,
};

/// How the minutes are made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    /// Leave out confidential entries, and everything counted from them.
    pub public: bool,
    pub order: Order,
}

/// How the entries of a topic are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Order {
    /// As they happened.
    #[default]
    Time,
    /// Grouped: speeches, discussion, notes, questions, decisions,
    /// conclusions, action items; each group in time order.
    Kind,
}

/// The minutes of a session: what every template is given.
#[derive(Debug, Clone, Serialize)]
pub struct Minutes {
    pub meeting: Meeting,
    /// `None` when the roster is empty.
    pub attendance: Option<AttendanceSummary>,
    pub agenda: Vec<AgendaRow>,
    /// The topics with something to say, in agenda order, then those
    /// outside the agenda and after the meeting's end.
    pub topics: Vec<Topic>,
    /// Every action item, this meeting's in log order, then those carried
    /// over from earlier meetings.
    pub actions: Vec<Action>,
    /// The carried-over action items, by the day of the meeting they come from.
    pub carried_over: Vec<CarriedOver>,
    /// `None` when nobody spoke.
    pub speaking: Option<Speaking>,
    pub credits: Vec<CreditLine>,
    pub public: bool,
    pub order: Order,
}

#[derive(Debug, Clone, Serialize)]
pub struct Meeting {
    pub title: String,
    pub series: Option<String>,
    pub theme: Option<String>,
    /// `Thursday 19 November 2026`: the day it started, or was scheduled.
    pub date: Option<String>,
    /// `2026-11-19`.
    pub iso_date: Option<String>,
    /// `14:03–16:04 (UTC+01:00), 121 min`, `from 14:03 (UTC+01:00)` or
    /// `scheduled 14:00 (UTC+01:00)`.
    pub time: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    /// Only when a schedule was set and the meeting started: `14:00`, or
    /// the whole day when it was moved to another.
    pub scheduled: Option<String>,
    pub platform: Option<String>,
    /// Who hosted: an organisation's full name when `/host` gave its
    /// code, else the name as given.
    pub host: Option<String>,
    pub chair: Option<Person>,
    pub secretary: Option<Person>,
}

/// Someone as the minutes name them.
#[derive(Debug, Clone, Serialize)]
pub struct Person {
    pub name: String,
    /// The organisation's code.
    pub org: Option<String>,
    /// The organisation's full name.
    pub org_name: Option<String>,
    pub role: String,
    /// `王丽 (PKU)`.
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AttendanceSummary {
    pub present: usize,
    pub roster: usize,
    pub organisations: usize,
    /// `11 of 12 people on the roster attended, from 3 organisations.`
    pub summary: String,
    /// The full names of the organisations someone came from, in the
    /// session's order.
    pub attending: Vec<String>,
    /// How many came from no organisation.
    pub guests: usize,
    /// Each organisation with people on the roster, then those of none.
    pub groups: Vec<OrganisationGroup>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OrganisationGroup {
    /// `Peking University (PKU)`, or `No organisation`.
    pub title: String,
    pub code: Option<String>,
    pub name: Option<String>,
    pub members: Vec<Member>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Member {
    pub name: String,
    pub org: Option<String>,
    /// Their role, with `chair` or `secretary` added unless it says so.
    pub role: String,
    /// `present`, `late, joined 14:12`, `present, left 15:20`.
    pub status: String,
    pub attended: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct AgendaRow {
    pub number: usize,
    pub title: String,
    pub presenter: Option<Person>,
    /// `10 min`, or `–`.
    pub planned: String,
    /// `11 min`, `skipped`, `ongoing` or `–`.
    pub actual: String,
    /// `pending`, `current`, `done`, `skipped`.
    pub status: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct Topic {
    /// The agenda number; `None` outside the agenda and after the end.
    pub number: Option<usize>,
    pub title: String,
    /// `1. Opening — José (USAL)`, `Outside the agenda`.
    pub heading: String,
    pub presenter: Option<Person>,
    /// `14:03–14:14, 11 min; planned 10 min.` when it started and ended.
    pub span: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub planned: Option<String>,
    /// In time order, one group without a label; in kind order, one group
    /// for each kind there is.
    pub groups: Vec<EntryGroup>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EntryGroup {
    /// `Speeches`, `Notes`, …; `None` in time order.
    pub label: Option<&'static str>,
    /// Shared, so that a template reads an entry where it is, taking only
    /// the fields it uses (see [`entries_for_templates`]).
    #[serde(serialize_with = "entries_for_templates")]
    pub entries: Vec<Arc<EntryView>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EntryView {
    /// `14:03`.
    pub time: String,
    /// `speech`, `note`, `discussion`, `question`, `decision`,
    /// `conclusion`, `action`.
    pub kind: &'static str,
    /// `Speech`, …
    pub label: &'static str,
    /// The speaker, who asked, or the action's owner: one copy for all
    /// their entries.
    #[serde(serialize_with = "shared")]
    pub who: Option<Arc<Person>>,
    pub text: String,
    /// A finished speech's length, `04:00`.
    pub duration: Option<String>,
    /// What goes before the text: `14:03 王丽 (PKU), 04:00`, `15:03`
    /// (`15:03 Decision` in time order, where no heading says it); for an
    /// action item `张伟 (PKU), due 2026-12-10` (the template adds the box).
    pub lead: String,
    pub due: Option<String>,
    /// For action items.
    pub done: bool,
    pub confidential: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Action {
    pub owner: Option<Person>,
    pub due: Option<String>,
    pub done: bool,
    /// `open` or `done`.
    pub status: &'static str,
    pub text: String,
    /// `张伟 (PKU), due 2026-12-10`.
    pub lead: String,
    pub topic_number: Option<usize>,
    pub topic_title: Option<String>,
    /// The day of the meeting it was carried over from.
    pub carried_over: Option<String>,
    pub confidential: bool,
    /// The entry it is, and when it was first logged: what names it in a
    /// calendar ([`ics`](super::ics)). Not given to templates.
    #[serde(skip)]
    pub entry: EntryId,
    #[serde(skip)]
    pub logged: Timestamp,
}

#[derive(Debug, Clone, Serialize)]
pub struct CarriedOver {
    /// `2026-10-15`.
    pub date: String,
    pub actions: Vec<Action>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Speaking {
    pub total: String,
    pub seconds: i64,
    /// Longest first.
    pub organisations: Vec<Share>,
    /// Longest first.
    pub people: Vec<Share>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Share {
    /// An organisation's full name, or a person's label.
    pub name: String,
    pub speeches: usize,
    pub seconds: i64,
    /// `mm:ss`.
    pub time: String,
    /// Rounded percent of all speaking time.
    pub percent: i64,
    /// `35%`.
    pub share: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CreditLine {
    /// `Text`, `Photos`, …
    pub role: String,
    /// `Text by`.
    pub by: String,
    pub names: Vec<String>,
}

impl Minutes {
    /// The minutes of `s`.
    pub fn of(s: &Session, options: Options) -> Minutes {
        // Public minutes are those of the session without its confidential
        // entries: every count and total then leaves them out too.
        let public;
        let s = if options.public && s.entries.iter().any(|e| e.confidential) {
            let mut copy = s.clone();
            copy.entries.clear();
            for e in s.entries.iter().filter(|e| !e.confidential) {
                copy.entries.push(e.clone());
            }
            public = copy;
            &public
        } else {
            s
        };
        let (actions, carried_over) = actions(s);
        Minutes {
            meeting: meeting(s),
            attendance: attendance(s),
            agenda: agenda(s),
            topics: topics(s, options.order),
            actions,
            carried_over,
            speaking: speaking(s),
            credits: credits_by_role(&s.credits)
                .into_iter()
                .map(|(role, names)| CreditLine {
                    role: clean(role.label()),
                    by: format!("{} by", clean(role.label())),
                    names: names.into_iter().map(clean).collect(),
                })
                .collect(),
            public: options.public,
            order: options.order,
        }
    }
}

/// `text` as it can be printed: control characters escaped (see
/// [`escape_controls`](crate::text::escape_controls)), so that a name or
/// note from a hostile file cannot drive the reader's terminal, and a tab
/// (a hand-edited file), which layout measures as no column, a space.
pub fn clean(text: &str) -> String {
    // Most text, Chinese or accented too, has nothing to escape: no need to
    // look at it character by character.
    if is_clean(text) {
        return text.to_string();
    }
    let escaped = crate::text::escape_controls(text);
    if escaped.contains('\t') {
        escaped.replace('\t', " ")
    } else {
        escaped.into_owned()
    }
}

/// Whether [`clean`] leaves `text` as it is: no tab, and nothing
/// [`escape_controls`](crate::text::escape_controls) escapes (the controls
/// but `\n`, DEL, the C1 controls U+0080 to U+009F, the bidi controls
/// U+202A to U+202E and U+2066 to U+2069), found in the UTF-8 bytes.
fn is_clean(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Without stopping at the first control, so that it is vectorised.
    let no_controls = bytes.chunks(64).all(|chunk| {
        chunk.iter().fold(true, |ok, &b| {
            ok & ((b >= b' ' && b != 0x7f) | (b == b'\n'))
        })
    });
    // The lead bytes of U+0080 to U+00BF and of U+2000 to U+2FFF.
    no_controls
        && memchr::memchr2_iter(0xc2, 0xe2, bytes).all(|i| match bytes[i] {
            0xc2 => !(0x80..=0x9f).contains(&bytes[i + 1]),
            _ => !matches!(
                (bytes[i + 1], bytes[i + 2]),
                (0x80, 0xaa..=0xae) | (0x81, 0xa6..=0xa9)
            ),
        })
}

fn clean_opt(text: &Option<String>) -> Option<String> {
    text.as_deref().filter(|t| !t.is_empty()).map(clean)
}

/// `14:05`, in the timestamp's own offset (as `%H:%M`, without parsing the
/// format string each time: once for every entry).
fn hm(t: &Timestamp) -> String {
    let digit = |n: u32| char::from(b'0' + n as u8);
    let (h, m) = (t.hour(), t.minute());
    [
        digit(h / 10),
        digit(h % 10),
        ':',
        digit(m / 10),
        digit(m % 10),
    ]
    .into_iter()
    .collect()
}

fn minutes_of(d: Duration) -> String {
    format!("{} min", (d.num_seconds() + 30) / 60)
}

fn person(s: &Session, id: AttendeeId) -> Person {
    match s.attendee(id) {
        Some(a) => person_of(s, a),
        None => {
            let name = clean(&s.attendee_name(id));
            Person {
                label: name.clone(),
                name,
                org: None,
                org_name: None,
                role: String::new(),
            }
        }
    }
}

/// Everyone on the roster as the minutes name them, made once: an entry
/// takes a copy of its speaker's.
struct People(HashMap<AttendeeId, Arc<Person>>);

impl People {
    fn of(s: &Session) -> People {
        People(
            s.attendees
                .iter()
                .map(|a| (a.id, Arc::new(person_of(s, a))))
                .collect(),
        )
    }

    fn get(&self, s: &Session, id: AttendeeId) -> Arc<Person> {
        match self.0.get(&id) {
            Some(p) => p.clone(),
            None => Arc::new(person(s, id)),
        }
    }
}

fn person_of(s: &Session, a: &Attendee) -> Person {
    let name = clean(&a.name);
    let org = a.organisation.as_deref().map(clean);
    let label = match &org {
        Some(org) => format!("{name} ({org})"),
        None => name.clone(),
    };
    let org_name = a
        .organisation
        .as_deref()
        .and_then(|code| s.organisation(code))
        .map(|o| clean(&o.name));
    Person {
        name,
        org,
        org_name,
        role: clean(&a.role),
        label,
    }
}

fn meeting(s: &Session) -> Meeting {
    let day = s.started_at.or(s.scheduled_start);
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
    let scheduled = match (s.scheduled_start, s.started_at) {
        // Moved to another day: the day it was scheduled for says so.
        (Some(sched), Some(start)) if sched.date_naive() != start.date_naive() => {
            Some(sched.format("%A %-d %B %Y, %H:%M").to_string())
        }
        (Some(sched), Some(_)) => Some(hm(&sched)),
        // Not started: the time above says it was scheduled.
        _ => None,
    };
    Meeting {
        title: clean(&s.title),
        series: clean_opt(&s.series),
        theme: clean_opt(&s.theme),
        date: day.map(|d| d.format("%A %-d %B %Y").to_string()),
        iso_date: day.map(|d| d.date_naive().to_string()),
        time,
        start: s.started_at.as_ref().map(hm),
        end: s.ended_at.as_ref().map(hm),
        scheduled,
        platform: clean_opt(&s.platform),
        host: s
            .host
            .as_deref()
            .map(|host| clean(s.organisation(host).map_or(host, |o| o.name.as_str()))),
        chair: s.chair.map(|id| person(s, id)),
        secretary: s.secretary.map(|id| person(s, id)),
    }
}

fn attendance(s: &Session) -> Option<AttendanceSummary> {
    if s.attendees.is_empty() {
        return None;
    }
    // Someone who first came once it had ended did not attend the meeting.
    let attended = |a: &&Attendee| a.attendance.attended() && !came_after_the_end(s, a);
    let present = s.attendees.iter().filter(attended).count();
    let organisations: BTreeSet<&str> = s
        .attendees
        .iter()
        .filter(attended)
        .filter_map(|a| a.organisation.as_deref())
        .collect();
    let from = match organisations.len() {
        0 => String::new(),
        1 => ", from 1 organisation".to_string(),
        n => format!(", from {n} organisations"),
    };
    let summary = format!(
        "{present} of {} people on the roster attended{from}.",
        s.attendees.len()
    );
    let mut kinds: Vec<(String, Option<&str>, Option<String>)> = s
        .organisations
        .iter()
        .map(|o| {
            // An organisation added on the fly by its code alone has no other name.
            let title = if o.name == o.code {
                clean(&o.code)
            } else {
                format!("{} ({})", clean(&o.name), clean(&o.code))
            };
            (title, Some(o.code.as_str()), Some(clean(&o.name)))
        })
        .collect();
    kinds.push(("No organisation".into(), None, None));
    let groups = kinds
        .into_iter()
        .filter_map(|(title, code, name)| {
            let members: Vec<Member> = s
                .attendees
                .iter()
                .filter(|a| a.organisation.as_deref() == code)
                .map(|a| Member {
                    name: clean(&a.name),
                    org: code.map(clean),
                    role: clean(&role_of(s, a)),
                    status: attendance_of(s, a),
                    attended: attended(&a),
                })
                .collect();
            (!members.is_empty()).then(|| OrganisationGroup {
                title,
                code: code.map(clean),
                name,
                members,
            })
        })
        .collect();
    let attending = s
        .organisations
        .iter()
        .filter(|o| organisations.contains(o.code.as_str()))
        .map(|o| clean(&o.name))
        .collect();
    let guests = s
        .attendees
        .iter()
        .filter(attended)
        .filter(|a| a.organisation.is_none())
        .count();
    Some(AttendanceSummary {
        present,
        attending,
        guests,
        roster: s.attendees.len(),
        organisations: organisations.len(),
        summary,
        groups,
    })
}

/// Someone's role, with `chair` or `secretary` added unless it says so
/// already: never "Chair, chair".
fn role_of(s: &Session, a: &Attendee) -> String {
    let mut role = a.role.clone();
    for (id, what) in [(s.chair, "chair"), (s.secretary, "secretary")] {
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
    role
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

fn agenda(s: &Session) -> Vec<AgendaRow> {
    s.agenda
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
            AgendaRow {
                number: i + 1,
                title: clean(&item.title),
                presenter: item.presenter.map(|p| person(s, p)),
                planned,
                actual,
                status: match item.status {
                    AgendaStatus::Pending => "pending",
                    AgendaStatus::Current => "current",
                    AgendaStatus::Done => "done",
                    AgendaStatus::Skipped => "skipped",
                },
            }
        })
        .collect()
}

/// Which entries go under a group of kind order.
type KindFilter = fn(&EntryKind) -> bool;

/// The groups of kind order, in the order they are listed.
const GROUPS: [(&str, KindFilter); 7] = [
    ("Speeches", |k| matches!(k, EntryKind::Speech { .. })),
    ("Discussion", |k| matches!(k, EntryKind::Discussion)),
    ("Notes", |k| matches!(k, EntryKind::Note)),
    ("Questions", |k| matches!(k, EntryKind::Question { .. })),
    ("Decisions", |k| matches!(k, EntryKind::Decision)),
    ("Conclusions", |k| matches!(k, EntryKind::Conclusion)),
    ("Action items", |k| matches!(k, EntryKind::Action { .. })),
];

fn topics(s: &Session, order: Order) -> Vec<Topic> {
    // One pass over the log: each entry under its topic, those logged once
    // the meeting had ended in a section of their own, last. An entry whose
    // topic is no longer on the agenda is outside it. Carried-over action
    // items belong to no topic of this meeting: they are listed with the
    // action items only.
    let on_agenda: HashSet<AgendaId> = s.agenda.iter().map(|a| a.id).collect();
    let mut by_topic: HashMap<Option<AgendaId>, Vec<&Entry>> = HashMap::new();
    let mut after: Vec<&Entry> = Vec::new();
    for e in s.entries.iter().filter(|e| e.carried_over.is_none()) {
        if s.ended_at.is_some_and(|end| e.at > end) {
            after.push(e);
        } else {
            let topic = e.agenda_item.filter(|t| on_agenda.contains(t));
            by_topic.entry(topic).or_default().push(e);
        }
    }
    let people = People::of(s);
    let mut topics = Vec::new();
    for (i, item) in s.agenda.iter().enumerate() {
        let entries = by_topic.remove(&Some(item.id)).unwrap_or_default();
        if entries.is_empty() && item.started_at.is_none() {
            continue;
        }
        let title = clean(&item.title);
        let presenter = item.presenter.map(|p| person(s, p));
        let mut heading = format!("{}. {title}", i + 1);
        if let Some(p) = &presenter {
            heading.push_str(&format!(" — {}", p.label));
        }
        let planned = (item.planned_minutes > 0).then(|| format!("{} min", item.planned_minutes));
        let span = match (item.started_at, item.ended_at) {
            (Some(a), Some(b)) => Some(format!(
                "{}–{}, {}{}.",
                hm(&a),
                hm(&b),
                minutes_of(b - a),
                planned
                    .as_ref()
                    .map(|p| format!("; planned {p}"))
                    .unwrap_or_default()
            )),
            _ => None,
        };
        topics.push(Topic {
            number: Some(i + 1),
            title,
            heading,
            presenter,
            span,
            start: item.started_at.as_ref().map(hm),
            end: item.ended_at.as_ref().map(hm),
            planned,
            groups: groups(s, &people, entries, order),
        });
    }
    let mut others = vec![(
        "Outside the agenda".to_string(),
        by_topic.remove(&None).unwrap_or_default(),
    )];
    if let Some(end) = s.ended_at {
        others.push((format!("After the meeting (ended {})", hm(&end)), after));
    }
    for (heading, entries) in others {
        if entries.is_empty() {
            continue;
        }
        topics.push(Topic {
            number: None,
            title: heading.clone(),
            heading,
            presenter: None,
            span: None,
            start: None,
            end: None,
            planned: None,
            groups: groups(s, &people, entries, order),
        });
    }
    topics
}

fn groups(s: &Session, people: &People, mut entries: Vec<&Entry>, order: Order) -> Vec<EntryGroup> {
    // In time order, whatever order they were logged in (a question noted
    // after the speech it interrupted); stable, so the log breaks ties.
    entries.sort_by_key(|e| e.at);
    match order {
        Order::Time => vec![EntryGroup {
            label: None,
            entries: entries
                .iter()
                .map(|e| Arc::new(entry_view(s, people, e, order)))
                .collect(),
        }],
        Order::Kind => GROUPS
            .iter()
            .filter_map(|(label, wanted)| {
                let entries: Vec<Arc<EntryView>> = entries
                    .iter()
                    .filter(|e| wanted(&e.kind))
                    .map(|e| Arc::new(entry_view(s, people, e, order)))
                    .collect();
                (!entries.is_empty()).then_some(EntryGroup {
                    label: Some(label),
                    entries,
                })
            })
            .collect(),
    }
}

fn kind_name(kind: &EntryKind) -> &'static str {
    match kind {
        EntryKind::Note => "note",
        EntryKind::Speech { .. } => "speech",
        EntryKind::Discussion => "discussion",
        EntryKind::Question { .. } => "question",
        EntryKind::Decision => "decision",
        EntryKind::Conclusion => "conclusion",
        EntryKind::Action { .. } => "action",
    }
}

/// An entry as listed. In time order, where no heading says what kind an
/// entry is, a question, discussion, decision or conclusion says it itself.
fn entry_view(s: &Session, people: &People, e: &Entry, order: Order) -> EntryView {
    let tagged = order == Order::Time;
    let time = hm(&e.at);
    let mut who = None;
    let mut duration = None;
    let mut due = None;
    let mut done = false;
    let lead = match &e.kind {
        EntryKind::Speech { speaker, ended_at } => {
            let p = people.get(s, *speaker);
            let length = match ended_at {
                Some(end) => {
                    let d = format_duration(*end - e.at);
                    duration = Some(d.clone());
                    d
                }
                None => "unfinished".into(),
            };
            let lead = [&time, " ", &p.label, ", ", &length].concat();
            who = Some(p);
            lead
        }
        EntryKind::Question { by: Some(by) } => {
            let p = people.get(s, *by);
            let lead = match tagged {
                true => [&time, " Question, ", &p.label].concat(),
                false => [&time, " ", &p.label].concat(),
            };
            who = Some(p);
            lead
        }
        EntryKind::Action {
            owner,
            due: d,
            done: finished,
        } => {
            who = owner.map(|o| people.get(s, o));
            due = d.map(|d| d.to_string());
            done = *finished;
            action_lead(who.as_deref(), due.as_deref())
        }
        EntryKind::Note => time.clone(),
        kind if tagged => [&time, " ", kind.label()].concat(),
        _ => time.clone(),
    };
    let lead = confidential_said(lead, e.confidential);
    EntryView {
        time,
        kind: kind_name(&e.kind),
        label: e.kind.label(),
        who,
        text: clean(&e.text),
        duration,
        lead,
        due,
        done,
        confidential: e.confidential,
    }
}

/// A lead with "(confidential)" after it when the entry is: whoever reads
/// the full minutes sees what a public export leaves out.
fn confidential_said(lead: String, confidential: bool) -> String {
    match confidential {
        true => format!("{lead} (confidential)"),
        false => lead,
    }
}

/// `张伟 (PKU), due 2026-12-10`, `no owner`.
fn action_lead(owner: Option<&Person>, due: Option<&str>) -> String {
    let mut lead = owner.map_or_else(|| "no owner".to_string(), |o| o.label.clone());
    if let Some(due) = due {
        lead.push_str(&format!(", due {due}"));
    }
    lead
}

fn actions(s: &Session) -> (Vec<Action>, Vec<CarriedOver>) {
    let people = People::of(s);
    let mut mine = Vec::new();
    let mut carried: Vec<(NaiveDate, Action)> = Vec::new();
    for e in s.entries.iter() {
        let EntryKind::Action { owner, due, done } = &e.kind else {
            continue;
        };
        let topic = e
            .agenda_item
            .filter(|_| e.carried_over.is_none())
            .and_then(|t| s.agenda.iter().position(|a| a.id == t));
        let owner = owner.map(|o| Person::clone(&people.get(s, o)));
        let due = due.map(|d| d.to_string());
        let action = Action {
            lead: confidential_said(action_lead(owner.as_ref(), due.as_deref()), e.confidential),
            owner,
            due,
            done: *done,
            status: if *done { "done" } else { "open" },
            text: clean(&e.text),
            topic_number: topic.map(|i| i + 1),
            topic_title: topic.map(|i| clean(&s.agenda[i].title)),
            carried_over: e.carried_over.map(|d| d.to_string()),
            confidential: e.confidential,
            entry: e.id,
            logged: e.at,
        };
        match e.carried_over {
            Some(day) => carried.push((day, action)),
            None => mine.push(action),
        }
    }
    carried.sort_by_key(|(day, _)| *day);
    let mut groups: Vec<CarriedOver> = Vec::new();
    for (day, action) in carried {
        let date = day.to_string();
        match groups.last_mut() {
            Some(g) if g.date == date => g.actions.push(action.clone()),
            _ => groups.push(CarriedOver {
                date,
                actions: vec![action.clone()],
            }),
        }
        mine.push(action);
    }
    (mine, groups)
}

fn speaking(s: &Session) -> Option<Speaking> {
    let stats = speaking_time(s, None);
    if stats.by_attendee.is_empty() {
        return None;
    }
    let total = stats.total.num_seconds().max(1);
    let share = |name: String, speeches: usize, time: Duration| {
        let percent = (time.num_seconds() * 100 + total / 2) / total;
        Share {
            name,
            speeches,
            seconds: time.num_seconds(),
            time: format_duration(time),
            percent,
            share: format!("{percent}%"),
        }
    };
    let mut organisations: Vec<Share> = stats
        .by_organisation
        .iter()
        .map(|o| {
            let name = match &o.who {
                Some(code) => clean(s.organisation(code).map_or(code.as_str(), |o| &o.name)),
                None => "No organisation".into(),
            };
            share(name, o.speeches, o.total)
        })
        .collect();
    let mut people: Vec<Share> = stats
        .by_attendee
        .iter()
        .map(|p| share(person(s, p.who).label, p.speeches, p.total))
        .collect();
    // Longest first, ties by name: the order of the review's statistics.
    for rows in [&mut organisations, &mut people] {
        rows.sort_by(|a, b| {
            (b.seconds.cmp(&a.seconds))
                .then_with(|| a.name.cmp(&b.name))
                .then_with(|| a.speeches.cmp(&b.speeches))
        });
    }
    Some(Speaking {
        total: format_duration(stats.total),
        seconds: stats.total.num_seconds(),
        organisations,
        people,
    })
}

/// `who`, as the person itself.
fn shared<S: serde::Serializer>(who: &Option<Arc<Person>>, s: S) -> Result<S::Ok, S::Error> {
    who.as_deref().serialize(s)
}

/// A topic's entries: for a template, each the entry itself, read field by
/// field as the template asks (converting every field of every entry into
/// the template engine's values took as long as the rest of an export);
/// for any other serializer, the entries' fields.
fn entries_for_templates<S: serde::Serializer>(
    entries: &[Arc<EntryView>],
    s: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    if !minijinja::value::serializing_for_value() {
        return s.collect_seq(entries.iter().map(|e| &**e));
    }
    let mut seq = s.serialize_seq(Some(entries.len()))?;
    for e in entries {
        seq.serialize_element(&minijinja::Value::from_dyn_object(e.clone()))?;
    }
    seq.end()
}

impl minijinja::value::Object for EntryView {
    fn get_value(self: &Arc<Self>, key: &minijinja::Value) -> Option<minijinja::Value> {
        use minijinja::Value;
        let text = |t: &Option<String>| t.as_deref().map_or(Value::from(()), Value::from);
        Some(match key.as_str()? {
            "time" => Value::from(self.time.as_str()),
            "kind" => Value::from(self.kind),
            "label" => Value::from(self.label),
            "who" => match &self.who {
                Some(p) => Value::from(minijinja::value::Serde(&**p)),
                None => Value::from(()),
            },
            "text" => Value::from(self.text.as_str()),
            "duration" => text(&self.duration),
            "lead" => Value::from(self.lead.as_str()),
            "due" => text(&self.due),
            "done" => Value::from(self.done),
            "confidential" => Value::from(self.confidential),
            _ => return None,
        })
    }

    fn enumerate(self: &Arc<Self>) -> minijinja::value::Enumerator {
        minijinja::value::Enumerator::Str(&[
            "time",
            "kind",
            "label",
            "who",
            "text",
            "duration",
            "lead",
            "due",
            "done",
            "confidential",
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_is_found_in_bytes_as_escaping_finds_it_in_characters() {
        let chars = (0..0x3000)
            .chain(0xfe00..0x10000)
            .chain(0x1f600..0x1f700)
            .filter_map(char::from_u32);
        for c in chars {
            let text = format!("a{c}b");
            let escaped = crate::text::escape_controls(&text);
            let unchanged =
                matches!(escaped, std::borrow::Cow::Borrowed(_)) && !text.contains('\t');
            assert_eq!(is_clean(&text), unchanged, "U+{:04X}", c as u32);
        }
    }
}
