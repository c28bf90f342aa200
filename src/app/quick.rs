//! The quick-entry line: what a line typed by the secretary means.
//!
//! Plain text is a note, whatever it starts with: the secretary types with
//! the eyes on the call, so no ordinary sentence may become anything else.
//! Another kind of entry starts with a **marker**: a lower-case letter or a
//! word (any case) and a colon at the very start of the line (`d:` or
//! `Decision:`; see [`MARKERS`]). No sentence starts with `d:`, and the
//! words are those that minutes already use (W3C's scribes write
//! `RESOLVED:` and `ACTION:`). A
//! line that starts with `/` is a command (see [`COMMANDS`]).
//!
//! A name (`@tom`, `/here tom`) is the first of the roster's matches, in
//! the order the picker shows and Tab completes; when others matched too,
//! the line says so ([`AlsoMatched`]) for the status line.

use std::cell::Cell;

use super::{dates, details};
use crate::model::meeting::FoldedRoster;
use crate::model::{AttendeeId, EntryKind, Field, Session, Timestamp};

/// What a submitted line asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Intent {
    Log {
        kind: EntryKind,
        text: String,
    },
    /// Text to add to the summary of the speech going on, or of the one
    /// before it (`previous`: the secretary is still summing up the last
    /// speaker after giving someone else the floor).
    Summary {
        text: String,
        previous: bool,
    },
    Speaker(Option<AttendeeId>),
    NextTopic,
    AddTopic {
        title: String,
        minutes: u32,
        presenter: Option<AttendeeId>,
    },
    /// `here`: arrived now (`/join`), or only expected (`/invite`).
    Join {
        name: String,
        organisation: Option<String>,
        role: String,
        here: bool,
    },
    Organisation {
        code: String,
        name: String,
    },
    Arrived(AttendeeId),
    Left(AttendeeId),
    Absent(AttendeeId),
    Chair(AttendeeId),
    Secretary(AttendeeId),
    Start,
    End,
    /// Add someone to the queue of those who asked to speak; `None`: say
    /// who is in it.
    Queue(Option<AttendeeId>),
    Unqueue(AttendeeId),
    /// Set the limit of one speech, in seconds (`Some(None)`: no limit);
    /// `None`: say what it is.
    Limit(Option<Option<u32>>),
    /// A detail of the meeting set or cleared (`/theme`, `/schedule`,
    /// `/credit` …): the field with its new value, and what is now set, in
    /// words for the status line (which adds the undo key in force).
    Detail {
        field: Field,
        said: String,
    },
    /// A detail asked for (`/theme` alone): what to say about it.
    Tell(String),
    /// Open the roll call.
    RollCall,
}

/// A slash command: its name, its argument, what it does.
pub struct Command {
    pub name: &'static str,
    /// A short form that wins over prefix matching (`/s` is `/speaker`).
    pub alias: Option<&'static str>,
    pub args: &'static str,
    pub what: &'static str,
}

pub const COMMANDS: &[Command] = &[
    Command {
        name: "speaker",
        alias: Some("s"),
        args: "NAME",
        what: "give NAME the floor; no name: nobody",
    },
    Command {
        name: "next",
        alias: Some("n"),
        args: "",
        what: "next agenda topic",
    },
    Command {
        name: "topic",
        alias: Some("t"),
        args: "TITLE [MIN] [@presenter]",
        what: "add an agenda topic (planned minutes)",
    },
    Command {
        name: "join",
        alias: Some("j"),
        args: "NAME, ORG, ROLE",
        what: "add someone to the roster, here now",
    },
    Command {
        name: "invite",
        alias: None,
        args: "NAME, ORG, ROLE",
        what: "add someone to the expected roster (before the meeting)",
    },
    Command {
        name: "org",
        alias: None,
        args: "CODE, FULL NAME",
        what: "add an organisation",
    },
    Command {
        name: "here",
        alias: Some("h"),
        args: "NAME",
        what: "mark an arrival (late once started)",
    },
    Command {
        name: "late",
        alias: None,
        args: "NAME",
        what: "mark an arrival (late once started)",
    },
    Command {
        name: "left",
        alias: Some("l"),
        args: "NAME",
        what: "mark someone as having left",
    },
    Command {
        name: "absent",
        alias: None,
        args: "NAME",
        what: "mark someone as absent",
    },
    Command {
        name: "roll",
        alias: None,
        args: "",
        what: "roll call: mark the people expected present, one key each (F8)",
    },
    Command {
        name: "chair",
        alias: None,
        args: "NAME",
        what: "set the chair",
    },
    Command {
        name: "secretary",
        alias: None,
        args: "NAME",
        what: "set the secretary",
    },
    Command {
        name: "queue",
        alias: Some("q"),
        args: "NAME",
        what: "NAME asks to speak: add to the queue (no name: show it)",
    },
    Command {
        name: "unqueue",
        alias: None,
        args: "NAME",
        what: "take NAME out of the queue",
    },
    Command {
        name: "limit",
        alias: None,
        args: "MIN",
        what: "limit each speech (3, 1:30, 90s; off: no limit)",
    },
    Command {
        name: "start",
        alias: None,
        args: "",
        what: "start the meeting clock",
    },
    Command {
        name: "end",
        alias: None,
        args: "",
        what: "end the meeting",
    },
    // The meeting's details (see `details`): typed whole, never by a prefix.
    Command {
        name: "title",
        alias: None,
        args: "TEXT",
        what: "the meeting's title; alone: show it",
    },
    Command {
        name: "series",
        alias: None,
        args: "TEXT",
        what: "the series the meeting belongs to; alone: show it; -: clear it",
    },
    Command {
        name: "theme",
        alias: None,
        args: "TEXT",
        what: "this meeting's theme; alone: show it; -: clear it",
    },
    Command {
        name: "platform",
        alias: None,
        args: "TEXT",
        what: "Zoom, Teams, a room; alone: show it; -: clear it",
    },
    Command {
        name: "host",
        alias: None,
        args: "TEXT",
        what: "who hosts the meeting: an organisation's code or a name; alone: show it; -: clear it",
    },
    Command {
        name: "schedule",
        alias: None,
        args: "[DAY] HH:MM",
        what: "when the meeting is scheduled: 2026-12-03 19:00, 19:00 (its day), \
               fri 19:00, 15.12. 19:00; alone: show it; -: clear it",
    },
    Command {
        name: "credit",
        alias: None,
        args: "ROLE NAME, NAME",
        what: "who did the text, photos, editing (or another ROLE: NAMES) of the \
               minutes; ROLE alone: show it; ROLE -: remove it; alone: show all",
    },
];

/// What a marker makes of the line after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Marked {
    Note,
    Decision,
    Conclusion,
    Discussion,
    Question,
    Action,
    /// Added to the summary of the speech going on.
    Summary,
    /// Added to the summary of the speech before it.
    PreviousSummary,
}

/// A marker: the letter (with `:`) the help teaches, the words that mean
/// the same, and what it makes.
pub struct Marker {
    pub short: &'static str,
    pub words: &'static [&'static str],
    pub marked: Marked,
    /// How the help shows it in use.
    pub example: &'static str,
    pub what: &'static str,
}

pub const MARKERS: &[Marker] = &[
    Marker {
        short: "d",
        words: &["decision", "resolved", "agreed"],
        marked: Marked::Decision,
        example: "d: text",
        what: "decision",
    },
    Marker {
        short: "c",
        words: &["conclusion"],
        marked: Marked::Conclusion,
        example: "c: text",
        what: "conclusion",
    },
    Marker {
        short: "p",
        words: &["discussion"],
        marked: Marked::Discussion,
        example: "p: text",
        what: "discussion point",
    },
    Marker {
        short: "q",
        words: &["question"],
        marked: Marked::Question,
        example: "q: text @name",
        what: "question; @name: who asked",
    },
    Marker {
        short: "a",
        words: &["action", "todo"],
        marked: Marked::Action,
        example: "a: text @name due:DAY",
        what: "action item; @name: owner; due:DAY (below: fri, +3d, 15.12. …)",
    },
    Marker {
        short: "s",
        words: &["summary"],
        marked: Marked::Summary,
        example: "s: text",
        what: "add to the summary of the speech going on",
    },
    Marker {
        short: "s-",
        words: &[],
        marked: Marked::PreviousSummary,
        example: "s-: text",
        what: "add to the summary of the speech before it",
    },
    Marker {
        short: "n",
        words: &["note"],
        marked: Marked::Note,
        example: "n: text",
        what: "note (the same as no marker)",
    },
];

impl Marked {
    /// The marker of an entry's kind; `None` for a speech.
    pub fn of(kind: &EntryKind) -> Option<Marked> {
        Some(match kind {
            EntryKind::Note => Marked::Note,
            EntryKind::Decision => Marked::Decision,
            EntryKind::Conclusion => Marked::Conclusion,
            EntryKind::Discussion => Marked::Discussion,
            EntryKind::Question { .. } => Marked::Question,
            EntryKind::Action { .. } => Marked::Action,
            EntryKind::Speech { .. } => return None,
        })
    }

    /// The letter that marks it, as typed (`d`).
    pub fn short(self) -> &'static str {
        MARKERS
            .iter()
            .find(|m| m.marked == self)
            .map_or("n", |m| m.short)
    }

    /// `kind` made into this kind, keeping what both have (an action's
    /// owner becomes a question's asker and back). `None`: not an entry
    /// kind (a summary), or `kind` is a speech.
    pub fn convert(self, kind: &EntryKind) -> Option<EntryKind> {
        let person = match kind {
            EntryKind::Speech { .. } => return None,
            EntryKind::Question { by } => *by,
            EntryKind::Action { owner, .. } => *owner,
            _ => None,
        };
        Some(match self {
            Marked::Note => EntryKind::Note,
            Marked::Decision => EntryKind::Decision,
            Marked::Conclusion => EntryKind::Conclusion,
            Marked::Discussion => EntryKind::Discussion,
            Marked::Question => EntryKind::Question { by: person },
            Marked::Action => match kind {
                EntryKind::Action { .. } => kind.clone(),
                _ => EntryKind::Action {
                    owner: person,
                    due: None,
                    done: false,
                },
            },
            Marked::Summary | Marked::PreviousSummary => return None,
        })
    }
}

/// The marker a line starts with, and the rest of the line after it.
pub fn marker_of(line: &str) -> Option<(&'static Marker, &str)> {
    let (word, rest) = line.split_once(':')?;
    // The letters only in lower case: `Q:` and `A:` are how a transcript
    // writes question and answer, `D:` a face; the words in any case.
    let lower = word.to_ascii_lowercase();
    MARKERS
        .iter()
        .find(|m| m.short == word || m.words.contains(&lower.as_str()))
        .map(|m| (m, rest.trim()))
}

/// `line` with its marker replaced by the one for `marked` (`n` takes the
/// marker away unless the text would then read as marked).
pub fn with_marker(line: &str, marked: Marked) -> String {
    let text = match marker_of(line.trim_start()) {
        Some((_, rest)) => rest,
        None => line.trim_start(),
    };
    match marked {
        Marked::Note if marker_of(text).is_none() && !text.starts_with('/') => text.to_string(),
        _ => format!("{}: {text}", marked.short()),
    }
}

/// Parses a submitted line; `roster` is `s`'s roster folded, to find the
/// people it names; `now`, the secretary's clock, for the days it names
/// (`due:fri`). Errors are sentences for the status line; the line stays
/// in the input so nothing typed is lost.
pub fn parse(
    line: &str,
    s: &Session,
    roster: &FoldedRoster,
    now: Timestamp,
) -> Result<Intent, String> {
    parse_noting(line, s, roster, now).map(|(intent, _)| intent)
}

/// [`parse`], with who else matched the name the line gives, if anyone.
pub fn parse_noting(
    line: &str,
    s: &Session,
    roster: &FoldedRoster,
    now: Timestamp,
) -> Result<(Intent, Option<AlsoMatched>), String> {
    let also = Cell::new(None);
    let intent = parse_line(line, s, roster, now, &also)?;
    Ok((intent, also.take()))
}

/// Who else matched a name the line gave, when several people did.
type Also = Cell<Option<AlsoMatched>>;

fn parse_line(
    line: &str,
    s: &Session,
    roster: &FoldedRoster,
    now: Timestamp,
    also: &Also,
) -> Result<Intent, String> {
    let line = line.trim();
    if let Some(command) = line.strip_prefix('/') {
        return parse_command(command, s, roster, now, also);
    }
    let Some((marker, rest)) = marker_of(line) else {
        return log(EntryKind::Note, line.to_string());
    };
    let kind = match marker.marked {
        Marked::Note => EntryKind::Note,
        Marked::Decision => EntryKind::Decision,
        Marked::Conclusion => EntryKind::Conclusion,
        Marked::Discussion => EntryKind::Discussion,
        Marked::Summary | Marked::PreviousSummary if rest.is_empty() => {
            return Err(format!(
                "nothing to add: type the summary after `{}:`",
                marker.short
            ));
        }
        Marked::Summary | Marked::PreviousSummary => {
            return Ok(Intent::Summary {
                text: rest.to_string(),
                previous: marker.marked == Marked::PreviousSummary,
            });
        }
        Marked::Question => {
            let (by, text) = take_person(rest, s, roster, also)?;
            return log(EntryKind::Question { by }, text);
        }
        Marked::Action => return parse_action(rest, s, roster, now, also),
    };
    log(kind, rest.to_string())
}

fn log(kind: EntryKind, text: String) -> Result<Intent, String> {
    if text.trim().is_empty() {
        return Err(format!(
            "nothing to log: type the {} after the marker",
            kind.label().to_lowercase()
        ));
    }
    Ok(Intent::Log { kind, text })
}

fn parse_action(
    rest: &str,
    s: &Session,
    roster: &FoldedRoster,
    now: Timestamp,
    also: &Also,
) -> Result<Intent, String> {
    let (owner, text) = take_person(rest, s, roster, also)?;
    let mut due = None;
    let mut words = Vec::new();
    for word in text.split(' ') {
        match word.strip_prefix("due:") {
            Some(date) => {
                if due.is_some() {
                    return Err("an action has one due date".into());
                }
                due = Some(dates::day(date, now.date_naive()).map_err(|why| {
                    let forms = dates::DAY_FORMS
                        .replace(", ", ", due:")
                        .replace(" or ", " or due:");
                    format!("due:{date}: {why}. Write due:{forms}")
                })?);
            }
            None => words.push(word),
        }
    }
    let text = words
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    log(
        EntryKind::Action {
            owner,
            due,
            done: false,
        },
        text,
    )
}

/// Takes one `@name` out of the text and finds who it names.
fn take_person<'a>(
    text: &'a str,
    s: &Session,
    roster: &FoldedRoster,
    also: &Also,
) -> Result<(Option<AttendeeId>, String), String> {
    let mut person = None;
    let mut words: Vec<String> = Vec::new();
    let parts: Vec<&str> = text.split(' ').collect();
    // `@María?` and `@Anna,`: punctuation after a name is the sentence's.
    let bare = |w: &'a str| -> (&'a str, &'a str) {
        let name = w.trim_end_matches(|c: char| ".,;:!?)»”’\"'".contains(c));
        (name, &w[name.len()..])
    };
    let mut skip = 0;
    for (i, &word) in parts.iter().enumerate() {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        let (word, mut after) = match word.strip_prefix('@') {
            Some(name) => {
                let (name, after) = bare(name);
                (&word[..1 + name.len()], after)
            }
            None => (word, ""),
        };
        match word.strip_prefix('@') {
            Some(name) if !name.is_empty() => {
                if person.is_some() {
                    return Err("name one person with @ (the owner, or who asked)".into());
                }
                // `@Tom Brandl`: a whole name of several words, typed with
                // its spaces, is that person (the longest such name).
                let mut name = name.to_string();
                if after.is_empty()
                    && let Some((k, whole, end)) = (1..=3).rev().find_map(|k| {
                        let next = parts.get(i + 1..=i + k)?;
                        let (last, end) = bare(next[k - 1]);
                        let mut whole = vec![name.as_str()];
                        whole.extend(&next[..k - 1]);
                        whole.push(last);
                        let whole = whole.join(" ");
                        roster.has_name(&whole).then_some((k, whole, end))
                    })
                {
                    (name, after, skip) = (whole, end, k);
                }
                person = Some(named(&name, s, roster, also)?);
                // The sentence keeps its punctuation.
                match words.last_mut() {
                    Some(last) if !after.is_empty() => {
                        *last = format!("{}{after}", last.trim_end_matches(','))
                    }
                    _ if !after.is_empty() => words.push(after.to_string()),
                    _ => {}
                }
            }
            _ => words.push(format!("{word}{after}")),
        }
    }
    Ok((person, words.join(" ").trim().to_string()))
}

/// The attendee `query` names: the first of the roster's matches, as the
/// picker and Tab take, with who else matched (unless the first has the
/// very name typed and no other has); or a sentence saying why no one.
pub fn one_attendee(
    query: &str,
    s: &Session,
    roster: &FoldedRoster,
) -> Result<(AttendeeId, Option<AlsoMatched>), String> {
    let found = roster.find(s, query);
    let Some(first) = found.first() else {
        return Err(format!(
            "no one on the roster matches {query:?}; add them with /join"
        ));
    };
    Ok((
        s.attendees[*first].id,
        also_matched(&found, query, s, roster),
    ))
}

/// [`one_attendee`], noting in `also` who else matched.
fn named(
    query: &str,
    s: &Session,
    roster: &FoldedRoster,
    also: &Also,
) -> Result<AttendeeId, String> {
    let (id, others) = one_attendee(query, s, roster)?;
    also.set(others);
    Ok(id)
}

/// A name that matched several people: who was taken (the first of the
/// ranked matches) and who else matched, best first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlsoMatched {
    pub chosen: AttendeeId,
    pub others: Vec<AttendeeId>,
}

impl AlsoMatched {
    /// "also: Tomás Ruiz — type more of the name".
    pub fn sentence(&self, s: &Session) -> String {
        let names: Vec<String> = self
            .others
            .iter()
            .take(2)
            .map(|id| s.attendee_name(*id))
            .collect();
        let more = match self.others.len() {
            0..=2 => String::new(),
            n => format!(" and {} more", n - 2),
        };
        format!("also: {}{more} — type more of the name", names.join(", "))
    }
}

/// Who else `query` matched when the first of `found` (positions in the
/// roster, best first) is taken; `None` if no one else did, or if the first
/// has exactly the name typed (or its pinyin) and no other has.
pub fn also_matched(
    found: &[usize],
    query: &str,
    s: &Session,
    roster: &FoldedRoster,
) -> Option<AlsoMatched> {
    let (first, others) = found.split_first()?;
    // Nothing more to type for a name typed whole that no one else has
    // (`Wang Li`, though 王丽 reads so too), nor for a whole pinyin.
    let named = |i: &usize| roster.is_named(*i, query);
    let exact = |i: &usize| roster.is_exact(*i, query);
    if query.trim().is_empty()
        || others.is_empty()
        || (named(first) && !others.iter().any(named))
        || (exact(first) && !others.iter().any(exact))
    {
        return None;
    }
    Some(AlsoMatched {
        chosen: s.attendees[*first].id,
        others: others.iter().map(|i| s.attendees[*i].id).collect(),
    })
}

/// How an unknown command's error ends, naming the default help key: the
/// app names the key in force instead (see `submit_new`).
pub const FOR_THE_LIST: &str = "; press F1 for the list";

/// The command a word names: its alias, its full name, or a unique prefix
/// (not of a detail's command: those are typed whole).
pub fn find_command(word: &str) -> Result<&'static Command, String> {
    let word = word.to_lowercase();
    if let Some(c) = COMMANDS
        .iter()
        .find(|c| c.alias == Some(word.as_str()) || c.name == word)
    {
        return Ok(c);
    }
    let found: Vec<_> = COMMANDS
        .iter()
        .filter(|c| c.name.starts_with(&word) && !details::NAMES.contains(&c.name))
        .collect();
    let detail = details::NAMES.iter().find(|d| d.starts_with(&word));
    match found.as_slice() {
        [one] => Ok(one),
        [] => Err(match detail {
            Some(detail) => format!(
                "/{word} is not a command; /{detail} sets a detail of the meeting, so it is typed whole (Tab completes it)"
            ),
            None => format!("/{word} is not a command{FOR_THE_LIST}"),
        }),
        many => {
            let names: Vec<String> = many.iter().map(|c| format!("/{}", c.name)).collect();
            Err(format!("/{word} could be {}", names.join(" or ")))
        }
    }
}

fn parse_command(
    text: &str,
    s: &Session,
    roster: &FoldedRoster,
    now: Timestamp,
    also: &Also,
) -> Result<Intent, String> {
    let (word, arg) = text.split_once(' ').unwrap_or((text, ""));
    let arg = arg.trim();
    let command = find_command(word)?;
    let person = || {
        if arg.is_empty() {
            Err(format!(
                "/{} needs a name: /{} {}",
                command.name, command.name, command.args
            ))
        } else {
            named(arg, s, roster, also)
        }
    };
    Ok(match command.name {
        "speaker" if arg.is_empty() => Intent::Speaker(None),
        "speaker" => Intent::Speaker(Some(person()?)),
        "next" => Intent::NextTopic,
        "topic" => {
            let (presenter, arg) = take_person(arg, s, roster, also)?;
            let minutes_of = |m: &str| {
                m.trim_end_matches("min")
                    .trim_end_matches('m')
                    .parse::<u32>()
                    .ok()
            };
            let (title, minutes) = match arg.rsplit_once(' ') {
                Some((title, m)) if minutes_of(m).is_some() => {
                    (title.trim().to_string(), minutes_of(m).unwrap_or(0))
                }
                _ => (arg, 0),
            };
            if title.is_empty() {
                return Err("/topic needs a title: /topic TITLE [MINUTES] [@presenter]".into());
            }
            Intent::AddTopic {
                title,
                minutes,
                presenter,
            }
        }
        "join" | "invite" => {
            let mut parts = arg.splitn(3, ',').map(str::trim);
            let name = parts.next().unwrap_or_default();
            if crate::text::is_blank(name) {
                return Err(format!(
                    "/{} needs a name: /{} NAME, ORG, ROLE",
                    command.name, command.name
                ));
            }
            let organisation = parts.next().filter(|o| !o.is_empty()).map(str::to_string);
            let role = parts.next().unwrap_or_default().to_string();
            Intent::Join {
                name: name.to_string(),
                organisation,
                role,
                here: command.name == "join",
            }
        }
        "org" => {
            let (code, name) = arg.split_once(',').unwrap_or((arg, ""));
            let (code, name) = (code.trim(), name.trim());
            if code.is_empty() || code.contains(' ') {
                return Err("/org needs a short code without spaces: /org CODE, FULL NAME".into());
            }
            if s.organisation(code).is_some() {
                return Err(format!("there is already an organisation {code}"));
            }
            Intent::Organisation {
                code: code.to_string(),
                name: if name.is_empty() { code } else { name }.to_string(),
            }
        }
        "here" | "late" => Intent::Arrived(person()?),
        "left" => Intent::Left(person()?),
        "absent" => Intent::Absent(person()?),
        "chair" => Intent::Chair(person()?),
        "secretary" => Intent::Secretary(person()?),
        "queue" if arg.is_empty() => Intent::Queue(None),
        "queue" => Intent::Queue(Some(person()?)),
        "unqueue" => Intent::Unqueue(person()?),
        "limit" if arg.is_empty() => Intent::Limit(None),
        "limit" => Intent::Limit(Some(speech_limit(arg)?)),
        "start" => Intent::Start,
        "end" => Intent::End,
        detail if details::NAMES.contains(&detail) => details::parse(detail, arg, s, now)?,
        "roll" => Intent::RollCall,
        other => unreachable!("command {other} has no parser"),
    })
}

/// The most a speech may be limited to: a day.
const MAX_LIMIT_SECONDS: u32 = 24 * 60 * 60;

/// A speech's time limit as typed: minutes (`3`, `3m`, `2.5`), `m:ss`
/// (`1:30`), seconds (`90s`); `off`, `0` or `-`: no limit.
fn speech_limit(arg: &str) -> Result<Option<u32>, String> {
    let arg = arg.trim().to_lowercase();
    let refused = || {
        format!(
            "/limit {arg}: write minutes (/limit 3), minutes and seconds (/limit 1:30), seconds (/limit 90s), or /limit off"
        )
    };
    if matches!(arg.as_str(), "off" | "none" | "no" | "-" | "0") {
        return Ok(None);
    }
    let seconds = if let Some((m, sec)) = arg.split_once(':') {
        let m: u32 = m.parse().map_err(|_| refused())?;
        let sec: u32 = sec.parse().ok().filter(|s| *s < 60).ok_or_else(refused)?;
        m.checked_mul(60).and_then(|m| m.checked_add(sec))
    } else if let Some(sec) = arg.strip_suffix('s') {
        sec.trim().parse::<u32>().ok()
    } else {
        let m = arg
            .trim_end_matches("min")
            .trim_end_matches('m')
            .trim()
            .replace(',', ".");
        m.parse::<f64>()
            .ok()
            .filter(|m| m.is_finite() && *m >= 0.0 && *m <= f64::from(MAX_LIMIT_SECONDS))
            .map(|m| (m * 60.0).round() as u32)
    };
    match seconds {
        Some(0) => Ok(None),
        Some(s) if s <= MAX_LIMIT_SECONDS => Ok(Some(s)),
        Some(_) => Err(format!(
            "/limit {arg}: a speech can be limited to a day at most"
        )),
        None => Err(refused()),
    }
}

/// Tab completion of the word before the end of `line`: a command name after
/// `/`, a name after `@` or as a command's argument (`roster`: `s`'s roster
/// folded). `None`: nothing to add.
pub fn complete(line: &str, s: &Session, roster: &FoldedRoster) -> Option<String> {
    if let Some(word) = line.strip_prefix('/')
        && !word.contains(' ')
    {
        let found: Vec<_> = COMMANDS
            .iter()
            .filter(|c| c.name.starts_with(&word.to_lowercase()))
            .collect();
        // A detail's command shares its start with another (`/se`: series,
        // secretary): that start keeps completing what it did before.
        let by_prefix: Vec<_> = found
            .iter()
            .copied()
            .filter(|c| !details::NAMES.contains(&c.name))
            .collect();
        return match (found.as_slice(), by_prefix.as_slice()) {
            ([one], _) | (_, [one]) => Some(format!("/{} ", one.name)),
            _ => None,
        };
    }
    if let Some((command, arg)) = line.strip_prefix('/').and_then(|l| l.split_once(' '))
        && find_command(command).is_ok_and(|c| c.args == "NAME")
        && !arg.is_empty()
    {
        let i = *roster.find(s, arg).first()?;
        return Some(format!("/{command} {}", s.attendees[i].name));
    }
    let (before, word) = line.rsplit_once(' ').map_or(("", line), |(b, w)| (b, w));
    let query = word.strip_prefix('@')?;
    let i = *roster.find(s, query).first()?;
    let name = s.attendees[i].name.replace(' ', "_");
    let sep = if before.is_empty() { "" } else { " " };
    Some(format!("{before}{sep}@{name} "))
}

/// The line that, parsed again, gives this entry: for editing.
pub fn unparse(kind: &EntryKind, text: &str, s: &Session) -> String {
    let at = |id: &AttendeeId| {
        s.attendee(*id)
            .map(|a| format!(" @{}", a.name.replace(' ', "_")))
            .unwrap_or_default()
    };
    match kind {
        EntryKind::Speech { .. } => text.to_string(),
        // A note reads as one unless its text starts like a marker or a command.
        EntryKind::Note if marker_of(text).is_some() || text.starts_with('/') => {
            format!("n: {text}")
        }
        EntryKind::Note => text.to_string(),
        EntryKind::Decision => format!("d: {text}"),
        EntryKind::Conclusion => format!("c: {text}"),
        EntryKind::Discussion => format!("p: {text}"),
        EntryKind::Question { by } => {
            format!("q: {text}{}", by.as_ref().map(at).unwrap_or_default())
        }
        EntryKind::Action { owner, due, .. } => {
            let due = due.map(|d| format!(" due:{d}")).unwrap_or_default();
            format!(
                "a: {text}{}{due}",
                owner.as_ref().map(at).unwrap_or_default()
            )
        }
    }
}
