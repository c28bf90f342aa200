//! The action items as an iCalendar file (RFC 5545), one to-do (`VTODO`)
//! each, so that the follow-ups of a meeting land in a calendar or task
//! list (Thunderbird, Outlook, Apple Reminders and Calendar, Evolution).
//!
//! Written with the `icalendar` crate, which escapes the text and folds
//! the long lines. Its folding (0.17.17) leaves the last piece of a long
//! line 76 octets long when 75 remain; so the lines are folded again here
//! ([`fold`]), at 75 octets, never inside a UTF-8 character.
//!
//! - Every action item is a to-do; one with a due date is due that day
//!   (`DUE;VALUE=DATE`), one without has no `DUE`: still something to do.
//! - `STATUS:NEEDS-ACTION` when open; `STATUS:COMPLETED` and
//!   `PERCENT-COMPLETE:100` when done (the session does not say when it
//!   was done, so there is no `COMPLETED` time).
//! - `SUMMARY`: the owner's name, a colon, the text on one line; the
//!   `DESCRIPTION` says the owner with their organisation, the meeting and
//!   its day, the topic, where it was carried over from, and the whole text
//!   when it has more than one line. No `ATTENDEE` or `ORGANIZER`: those
//!   need e-mail addresses, which the session does not have.
//! - `UID`: when the action item was first logged, in UTC to the
//!   nanosecond, and, only when other action items of the session were
//!   logged at the same time, which of them it is (in the order of the
//!   log): `20261119T134100Z@minutes`, `20261119T145100Z-2@minutes`. The same
//!   in every export of the session, public or not, whatever else is
//!   edited, so that importing again updates the to-dos instead of adding
//!   copies; and an action item carried over to the next meeting (`minutes
//!   new --from` keeps the time it was first logged) is the same to-do
//!   there, which that meeting's export marks done when it is. (Of action
//!   items logged at the same moment, which only hand-written sessions
//!   have, one left behind done renumbers those carried over: a copy at
//!   worst, never one to-do overwritten by another. The entry's id, which
//!   `--from` renumbers, would have made copies of them all.)
//! - `CREATED`: when it was logged. `DTSTAMP`: when the file was made.
//!   Without a `METHOD`, RFC 5545 has it say when the to-do was last
//!   revised, which is no later than that; and a later export is then
//!   seen as the newer.
//! - Confidential action items are `CLASS:CONFIDENTIAL`; `--public` leaves
//!   them out.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use icalendar::{Calendar, Class, Component, Property, Todo, TodoStatus};

use super::model::{Action, Minutes, Options};
use crate::model::{EntryId, EntryKind, Session, Timestamp};

/// What `PRODID` says made the file.
pub const PRODUCT: &str = concat!("-//minutes//minutes ", env!("CARGO_PKG_VERSION"), "//EN");

/// The action items of `session` as an iCalendar file, made at `now` (its
/// `DTSTAMP`s).
pub fn calendar(session: &Session, options: Options, now: DateTime<Utc>) -> String {
    let minutes = Minutes::of(session, options);
    let mut cal = Calendar::empty();
    cal.append_property(Property::new("VERSION", "2.0"));
    cal.append_property(Property::new("PRODID", PRODUCT));
    cal.append_property(Property::new("CALSCALE", "GREGORIAN"));
    // Of the whole session, so that a public export names them alike.
    let shared = shared_times(session);
    for action in &minutes.actions {
        cal.push(todo(&minutes, action, &shared, now));
    }
    fold(&cal.to_string())
}

/// `ics` with its lines folded as RFC 5545 (3.1) says: none longer than
/// 75 octets without its CRLF, a continuation starting with a space,
/// never inside a UTF-8 character; nor before a space or tab, which a
/// lenient reader might take for more of the fold, nor between the two
/// characters of an escape (`\,`), for a reader that unescapes before it
/// unfolds.
///
/// The text is first unfolded: a CRLF followed by a space is a fold,
/// since the text's own newlines are escaped (`\n`).
pub fn fold(ics: &str) -> String {
    const LIMIT: usize = 75;
    let unfolded = ics.replace("\r\n ", "");
    let mut out = String::with_capacity(unfolded.len() + unfolded.len() / 25);
    for line in unfolded.split_terminator("\r\n") {
        let mut rest = line;
        // The first piece may take 75 octets; the others 74 after their space.
        let mut room = LIMIT;
        while rest.len() > room {
            let mut end = room;
            while !rest.is_char_boundary(end) {
                end -= 1;
            }
            // Not before a space or tab, nor inside an escape (`\,`),
            // unless the piece would be empty.
            let mut at = end;
            while at > 0 && (rest[at..].starts_with([' ', '\t']) || rest[..at].ends_with('\\')) {
                at = rest[..at].char_indices().next_back().map_or(0, |(i, _)| i);
            }
            if at == 0 {
                at = end;
            }
            out.push_str(&rest[..at]);
            out.push_str("\r\n ");
            rest = &rest[at..];
            room = LIMIT - 1;
        }
        out.push_str(rest);
        out.push_str("\r\n");
    }
    out
}

/// The times at which more than one action item was logged (in UTC, as
/// their `UID`s say them), and those action items, in the log's order.
fn shared_times(session: &Session) -> HashMap<DateTime<Utc>, Vec<EntryId>> {
    let mut times: HashMap<DateTime<Utc>, Vec<EntryId>> = HashMap::new();
    for e in session.entries.iter() {
        if matches!(e.kind, EntryKind::Action { .. }) {
            times.entry(e.at.to_utc()).or_default().push(e.id);
        }
    }
    times.retain(|_, ids| ids.len() > 1);
    times
}

/// The `UID` of an action item: see the module's documentation.
fn uid(action: &Action, shared: &HashMap<DateTime<Utc>, Vec<EntryId>>) -> String {
    let at = action.logged.to_utc();
    let mut uid = stamp(&action.logged);
    if let Some(ids) = shared.get(&at)
        && let Some(n) = ids.iter().position(|id| *id == action.entry)
    {
        uid.push_str(&format!("-{}", n + 1));
    }
    uid.push_str("@minutes");
    uid
}

/// `20261119T134100Z`, `20261119T134100.250000000Z`.
fn stamp(t: &Timestamp) -> String {
    let t = t.to_utc();
    match t.timestamp_subsec_nanos() {
        0 => t.format("%Y%m%dT%H%M%SZ").to_string(),
        n => format!("{}.{n:09}Z", t.format("%Y%m%dT%H%M%S")),
    }
}

fn todo(
    minutes: &Minutes,
    action: &Action,
    shared: &HashMap<DateTime<Utc>, Vec<EntryId>>,
    now: DateTime<Utc>,
) -> Todo {
    let mut todo = Todo::new();
    todo.uid(&uid(action, shared))
        .timestamp(now)
        .created(action.logged.to_utc())
        .summary(&summary(action))
        .description(&description(minutes, action));
    match action.done {
        true => todo.status(TodoStatus::Completed).percent_complete(100),
        false => todo.status(TodoStatus::NeedsAction),
    };
    if let Some(due) = action
        .due
        .as_deref()
        .and_then(|d| d.parse::<NaiveDate>().ok())
    {
        todo.due(due);
    }
    if action.confidential {
        todo.class(Class::Confidential);
    }
    todo.done()
}

/// `张伟: Share the usage dashboard definitions`, on one line.
fn summary(action: &Action) -> String {
    let text = one_line(&action.text);
    let text = match text.is_empty() {
        true => "(an action item without text)".to_string(),
        false => text,
    };
    match &action.owner {
        Some(owner) => format!("{}: {text}", owner.name),
        None => text,
    }
}

/// The lines of `text` joined by a space, each trimmed.
fn one_line(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn description(minutes: &Minutes, action: &Action) -> String {
    let mut lines = Vec::new();
    if action.text.trim().lines().count() > 1 {
        lines.push(action.text.trim().to_string());
        lines.push(String::new());
    }
    lines.push(match &action.owner {
        Some(owner) => format!("Owner: {}", owner.label),
        None => "Owner: nobody named".to_string(),
    });
    let meeting = &minutes.meeting;
    lines.push(match &meeting.date {
        Some(date) => format!("Meeting: {}, {date}", meeting.title),
        None => format!("Meeting: {}", meeting.title),
    });
    if let Some(series) = &meeting.series {
        lines.push(format!("Series: {series}"));
    }
    if let (Some(number), Some(title)) = (action.topic_number, &action.topic_title) {
        lines.push(format!("Topic: {number}. {title}"));
    }
    if let Some(day) = &action.carried_over {
        lines.push(format!("Carried over from the meeting of {day}"));
    }
    if action.confidential {
        lines.push("Confidential".to_string());
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_stamp_says_the_nanoseconds_only_when_there_are_some() {
        let t = chrono::FixedOffset::east_opt(3600)
            .unwrap()
            .with_ymd_and_hms(2026, 11, 19, 14, 41, 0)
            .unwrap();
        assert_eq!(stamp(&t), "20261119T134100Z");
        let t = t + chrono::Duration::nanoseconds(250_000_000);
        assert_eq!(stamp(&t), "20261119T134100.250000000Z");
    }

    #[test]
    fn folds_are_at_most_75_octets_and_keep_characters_and_spaces_whole() {
        let line = |n: usize| format!("SUMMARY:{}", "a".repeat(n - 8));
        // 150 octets: 75, then a space and 74, then a space and 1 (the
        // crate's own fold left 76 octets in the second line).
        let folded = fold(&format!("{}\r\n", line(150)));
        let lines: Vec<&str> = folded.split_terminator("\r\n").collect();
        assert_eq!(
            lines.iter().map(|l| l.len()).collect::<Vec<_>>(),
            [75, 75, 2]
        );
        // Already folded: unfolded first, then folded alike.
        assert_eq!(fold(&folded), folded);
        // Before a run of spaces: at the last character that is not one.
        let spaced = format!("X:{}王{}\r\n", "a".repeat(70), " ".repeat(30));
        let folded = fold(&spaced);
        assert!(
            folded.starts_with(&format!("X:{}\r\n 王", "a".repeat(70))),
            "{folded:?}"
        );
        // Nothing but spaces after the first character: folded anyway.
        let blank = format!("王{}\r\n", " ".repeat(100));
        let folded = fold(&blank);
        assert!(
            folded.split_terminator("\r\n").all(|l| l.len() <= 75),
            "{folded:?}"
        );
        assert_eq!(folded.replace("\r\n ", ""), blank);
        // An escape stays whole.
        let escaped = format!("X:{}\\,b\r\n", "a".repeat(72));
        let folded = fold(&escaped);
        assert!(
            folded.starts_with(&format!("X:{}\r\n \\,b", "a".repeat(72))),
            "{folded:?}"
        );
    }

    #[test]
    fn one_line_joins_the_lines_of_a_text() {
        assert_eq!(one_line("  a,\n b;\n\n c \n"), "a, b; c");
        assert_eq!(one_line(""), "");
    }
}
