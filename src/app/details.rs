//! The meeting's details, set from the quick-entry line: `/title`,
//! `/series`, `/theme`, `/platform`, `/schedule` and `/credit`. Each sets
//! one field of the session (one `Change::Set`, undone as one step). A
//! command alone says what is set; `-` clears what may be empty.

use chrono::TimeZone;

use super::dates;
use super::quick::Intent;
use crate::model::{Credit, CreditRole, Field, Session, Timestamp, credits_by_role};

/// The detail commands. They are found only by their whole name (Tab
/// completes them): each overwrites a detail, so `/the …` must not set
/// the theme by accident.
pub const NAMES: &[&str] = &["title", "series", "theme", "platform", "schedule", "credit"];

/// What `/NAME ARG` asks for, `NAME` one of [`NAMES`]; `now` is the
/// secretary's clock (today's date, and the offset of a time typed for a
/// meeting that has neither started nor been scheduled).
pub fn parse(name: &str, arg: &str, s: &Session, now: Timestamp) -> Result<Intent, String> {
    let text = || (!crate::text::is_blank(arg) && arg != "-").then(|| arg.to_string());
    let field = match name {
        "title" if arg.is_empty() => return Ok(tell(&Field::Title(s.title.clone()), name)),
        "title" => Field::Title(text().ok_or("the meeting keeps a title: /title NEW TITLE")?),
        "series" | "theme" | "platform" => {
            let field = match name {
                "series" => Field::Series,
                "theme" => Field::Theme,
                _ => Field::Platform,
            };
            if arg.is_empty() {
                let now = match name {
                    "series" => &s.series,
                    "theme" => &s.theme,
                    _ => &s.platform,
                };
                return Ok(tell(&field(now.clone()), name));
            }
            if text().is_none() && arg != "-" {
                return Err(format!("/{name} TEXT sets it, /{name} - clears it"));
            }
            field(text())
        }
        "schedule" if arg.is_empty() => {
            return Ok(tell(&Field::ScheduledStart(s.scheduled_start), name));
        }
        "schedule" if arg == "-" => Field::ScheduledStart(None),
        "schedule" => {
            let (at, said) = schedule(arg, s, now)?;
            return Ok(Intent::Detail {
                field: Field::ScheduledStart(Some(at)),
                said: format!("{said} (Ctrl+Z undoes)"),
            });
        }
        "credit" => {
            return Ok(match credit(arg, s)? {
                Some((credits, said)) => Intent::Detail {
                    field: Field::Credits(credits),
                    said: format!("{said} (Ctrl+Z undoes)"),
                },
                None => tell(&Field::Credits(s.credits.clone()), name),
            });
        }
        other => unreachable!("/{other} is not a detail"),
    };
    let said = confirmation(&field);
    Ok(Intent::Detail { field, said })
}

/// What a command alone says: the value, and how to change it.
fn tell(field: &Field, name: &str) -> Intent {
    let how = match (name, describe(field)) {
        ("title", _) => "/title NEW TITLE changes it".to_string(),
        ("credit", None) => "/credit text NAME, NAME sets some".to_string(),
        ("credit", Some(_)) => {
            "/credit ROLE NAME, NAME sets a role's, /credit ROLE removes it".to_string()
        }
        ("schedule", None) => "/schedule 2026-12-03 19:00 sets it".to_string(),
        (_, None) => format!("/{name} TEXT sets it"),
        (_, Some(_)) => format!("/{name} TEXT changes it, /{name} - clears it"),
    };
    let noun = if name == "credit" { "credits" } else { name };
    let what = describe(field).unwrap_or_else(|| format!("No {noun} set"));
    Intent::Tell(format!("{what} ({how})"))
}

/// A detail as the status line says it: "Theme: Open data", "Schedule:
/// Thu 3 Dec 2026 19:00"; `None` for one that is empty, or not a detail.
pub fn describe(field: &Field) -> Option<String> {
    let text =
        |label: &str, value: &Option<String>| value.as_ref().map(|v| format!("{label}: {v}"));
    match field {
        Field::Title(t) => Some(format!("Title: {t}")),
        Field::Series(v) => text("Series", v),
        Field::Theme(v) => text("Theme", v),
        Field::Platform(v) => text("Platform", v),
        Field::ScheduledStart(t) => t.map(|t| {
            format!(
                "Schedule: {} (UTC{})",
                t.format("%a %-d %b %Y %H:%M"),
                t.format("%:z")
            )
        }),
        Field::Credits(credits) if credits.is_empty() => None,
        Field::Credits(credits) => {
            let roles: Vec<String> = credits_by_role(credits)
                .into_iter()
                .map(|(role, names)| format!("{} by {}", role.label(), names.join(", ")))
                .collect();
            Some(format!("Credits: {}", roles.join("; ")))
        }
        _ => None,
    }
}

/// A detail as it now is, empty or not ("No theme now"), for what a change
/// or its undoing says; `None` for a field that is not a detail.
pub fn now_set(field: &Field) -> Option<String> {
    let empty = match field {
        Field::Series(_) => "series",
        Field::Theme(_) => "theme",
        Field::Platform(_) => "platform",
        Field::ScheduledStart(_) => "schedule",
        Field::Credits(_) => "credits",
        Field::Title(_) => "title",
        _ => return None,
    };
    Some(describe(field).unwrap_or_else(|| format!("No {empty} now")))
}

/// What a detail's change is confirmed with.
fn confirmation(field: &Field) -> String {
    let said = now_set(field).unwrap_or_default();
    format!("{said} (Ctrl+Z undoes)")
}

/// `2026-12-03 19:00`, `19:00` (the meeting's day: the one it started on
/// or is scheduled for, else today), `fri 19:00`, `15.12. 19:00`: at the
/// meeting's UTC offset (see [`meeting_time`]). With it, what the status
/// line confirms: the schedule, at whose offset, and the time on the
/// secretary's clock where that differs.
fn schedule(arg: &str, s: &Session, now: Timestamp) -> Result<(Timestamp, String), String> {
    let forms = "Write /schedule 2026-12-03 19:00, /schedule 19:00 (the meeting's day) or \
                 /schedule fri 19:00";
    let words: Vec<&str> = arg.split_whitespace().collect();
    let (times, days): (Vec<&str>, Vec<&str>) = words.iter().partition(|w| w.contains(':'));
    let (time, day) = match (times.as_slice(), days.as_slice()) {
        ([time], []) => (*time, None),
        ([time], [day]) => (*time, Some(*day)),
        _ => return Err(format!("/schedule takes a day and a time. {forms}")),
    };
    let time = dates::time(time).map_err(|e| format!("{e}. {forms}"))?;
    let meeting = meeting_time(s);
    let offset = meeting.map_or(*now.offset(), |t| *t.offset());
    // "Today" and "fri" as the meeting's clock has them.
    let today = now.with_timezone(&offset).date_naive();
    let day = match day {
        Some(day) => dates::day(day, today).map_err(|e| format!("{day}: {e}. {forms}"))?,
        None => {
            let day = meeting.map_or(today, |t| t.date_naive());
            dates::within_reach(day, today)
                .map_err(|e| format!("the meeting's day, {e}: give the day too. {forms}"))?
        }
    };
    let at = offset
        .from_local_datetime(&day.and_time(time))
        .single()
        .ok_or_else(|| format!("{day} {time} cannot be written with this time zone"))?;
    let whose = if meeting.is_some() {
        "the meeting's"
    } else {
        "your clock's"
    };
    let mut said = format!(
        "{}, at {whose} UTC offset",
        describe(&Field::ScheduledStart(Some(at))).unwrap_or_default()
    );
    if at.offset() != now.offset() {
        let yours = at.with_timezone(now.offset());
        said.push_str(&format!(
            "; {} on your clock (UTC{})",
            yours.format("%H:%M"),
            yours.format("%:z")
        ));
    }
    Ok((at, said))
}

/// The time that fixes the meeting's day and UTC offset: when it started,
/// else when it is scheduled; `None` for a meeting with neither, whose
/// offset is the secretary's clock's.
fn meeting_time(s: &Session) -> Option<Timestamp> {
    s.started_at.or(s.scheduled_start)
}

/// `/credit ROLE NAME, NAME` as the whole new list of credits (the role's
/// names replaced where they stood, or added at the end); `/credit ROLE`:
/// without that role. With it, what the role now is ("Photos by Chen,
/// Sam"). `None`: `/credit` alone, to be told them.
fn credit(arg: &str, s: &Session) -> Result<Option<(Vec<Credit>, String)>, String> {
    let Some(word) = arg.split_whitespace().next() else {
        return Ok(None);
    };
    let role = CreditRole::from_word(word);
    let rest = arg[arg.find(word).unwrap_or(0) + word.len()..].trim();
    let names: Vec<&str> = rest
        .split(',')
        .map(str::trim)
        .filter(|n| !crate::text::is_blank(n))
        .collect();
    if names.is_empty() && !rest.is_empty() {
        return Err(format!(
            "/credit {word} needs names, separated by commas: /credit {word} Anna Li, Bob"
        ));
    }
    let at = s.credits.iter().position(|c| c.role.same_as(&role));
    if at.is_none() && names.is_empty() {
        return Err(format!(
            "no one is credited for {}: /credit {word} NAME, NAME adds them",
            role.label()
        ));
    }
    let mut credits: Vec<Credit> = s
        .credits
        .iter()
        .filter(|c| !c.role.same_as(&role))
        .cloned()
        .collect();
    let said = match names.as_slice() {
        [] => format!("{} credit removed", role.label()),
        names => format!("{} by {}", role.label(), names.join(", ")),
    };
    let new = names.into_iter().map(|name| Credit {
        role: role.clone(),
        name: name.to_string(),
    });
    let at = at.unwrap_or(credits.len()).min(credits.len());
    credits.splice(at..at, new);
    Ok(Some((credits, said)))
}
