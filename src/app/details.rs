//! The meeting's details, set from the quick-entry line: `/title`,
//! `/series`, `/theme`, `/platform`, `/host`, `/schedule` and `/credit`. Each sets
//! one field of the session (one `Change::Set`, undone as one step). A
//! command alone says what is set; `-` clears what may be empty.

use chrono::TimeZone;

use super::dates;
use super::quick::Intent;
use crate::model::{Credit, CreditRole, Field, Session, Timestamp, credits_by_role};

/// The detail commands. They are found only by their whole name (Tab
/// completes them): each overwrites a detail, so `/the …` must not set
/// the theme by accident.
pub const NAMES: &[&str] = &[
    "title", "series", "theme", "platform", "host", "schedule", "credit",
];

/// What `/NAME ARG` asks for, `NAME` one of [`NAMES`]; `now` is the
/// secretary's clock (today's date, and the offset of a time typed for a
/// meeting that has neither started nor been scheduled).
pub fn parse(name: &str, arg: &str, s: &Session, now: Timestamp) -> Result<Intent, String> {
    let cleaned = crate::text::without_controls(arg);
    // Only controls is not nothing: it is refused as a blank value would be.
    let arg = match cleaned.trim() {
        "" if !arg.is_empty() => " ",
        clean => clean,
    };
    let text = || (!crate::text::is_blank(arg) && arg != "-").then(|| arg.to_string());
    let field = match name {
        "title" if arg.is_empty() => return Ok(tell(&Field::Title(s.title.clone()), name)),
        "title" => Field::Title(text().ok_or("the meeting keeps a title: /title NEW TITLE")?),
        "series" | "theme" | "platform" | "host" => {
            let field = match name {
                "series" => Field::Series,
                "theme" => Field::Theme,
                "host" => Field::Host,
                _ => Field::Platform,
            };
            if arg.is_empty() {
                let now = match name {
                    "series" => &s.series,
                    "theme" => &s.theme,
                    "host" => &s.host,
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
                said,
            });
        }
        "credit" => return credit(arg, s),
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
            "/credit ROLE NAME, NAME sets a role's (ROLE: NAMES for a role of several \
             words), /credit ROLE shows it, /credit ROLE - removes it"
                .to_string()
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
        Field::Host(v) => text("Host", v),
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
        Field::Host(_) => "host",
        Field::ScheduledStart(_) => "schedule",
        Field::Credits(_) => "credits",
        Field::Title(_) => "title",
        _ => return None,
    };
    Some(describe(field).unwrap_or_else(|| format!("No {empty} now")))
}

/// What a detail's change is confirmed with (the undo key is added where
/// it is said, from the keys in force).
fn confirmation(field: &Field) -> String {
    now_set(field).unwrap_or_default()
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

/// `/credit ROLE NAME, NAME` (or `ROLE: NAME, NAME`, the way to write a
/// role of several words): the role's names replaced where they stood, or
/// added at the end, confirmed with what the role now is ("Photos by Chen,
/// Sam"). `/credit ROLE -` removes the role and `/credit -` every credit,
/// as `-` clears the other details; `/credit ROLE` alone says the role's
/// names and `/credit` alone all of them, as `/theme` alone says the theme.
fn credit(arg: &str, s: &Session) -> Result<Intent, String> {
    let changed = |credits: Vec<Credit>, said: String| Intent::Detail {
        field: Field::Credits(credits),
        said,
    };
    if arg.is_empty() {
        return Ok(tell(&Field::Credits(s.credits.clone()), "credit"));
    }
    if arg == "-" {
        if s.credits.is_empty() {
            return Err("no one is credited: /credit text NAME, NAME adds them".into());
        }
        return Ok(changed(Vec::new(), "Credits removed".into()));
    }
    // A role credited already, named whole (`sound design`, `sound design
    // -`), needs no colon to be shown or removed.
    let whole = arg.strip_suffix(" -").unwrap_or(arg);
    let known = |role: &str| {
        let role = CreditRole::from_word(role);
        s.credits.iter().any(|c| c.role.same_as(&role))
    };
    let (typed, rest, colon) = match arg.split_once(':') {
        Some((role, rest)) => (role, rest, true),
        None if whole.contains(' ') && known(whole) => (whole, &arg[whole.len()..], true),
        None => {
            let (role, rest) = arg.split_once(char::is_whitespace).unwrap_or((arg, ""));
            (role, rest, false)
        }
    };
    // "Photos by Bob" is how a credit reads: the `by` is neither the
    // role's nor a name.
    let typed = typed.split_whitespace().collect::<Vec<_>>();
    let typed = match typed.as_slice() {
        [role @ .., by] if !role.is_empty() && by.eq_ignore_ascii_case("by") => role.join(" "),
        _ => typed.join(" "),
    };
    let rest = rest.trim();
    let rest = match rest.strip_prefix("by") {
        Some(after) if after.is_empty() || after.starts_with(char::is_whitespace) => after.trim(),
        _ => rest,
    };
    // A role of one's own may be several words (`sound design`): without
    // its colon (or `_` joining its words), where it ends and the names
    // begin cannot be told ("Sound by design").
    let own = matches!(CreditRole::from_word(&typed), CreditRole::Other(_));
    if !colon && own && !typed.contains('_') && !rest.is_empty() && rest != "-" {
        return Err(format!(
            "a role of your own takes a colon after it: /credit {typed}: NAME, NAME \
             (text, photos and editing need none)"
        ));
    }
    if crate::text::is_blank(&typed) {
        return Err("name the role before the colon: /credit sound design: Anna Li, Bob".into());
    }
    // The command for this role: a role of several words needs its colon.
    let command = if typed.contains(' ') {
        format!("/credit {typed}:")
    } else {
        format!("/credit {typed}")
    };
    let role = CreditRole::from_word(&typed);
    let at = s.credits.iter().position(|c| c.role.same_as(&role));
    let others = || -> Vec<Credit> {
        s.credits
            .iter()
            .filter(|c| !c.role.same_as(&role))
            .cloned()
            .collect()
    };
    match (rest, at) {
        ("", None) => Ok(Intent::Tell(format!(
            "No one is credited for {} ({command} NAME, NAME adds them)",
            role.label()
        ))),
        ("", Some(_)) => {
            let credits: Vec<Credit> = s
                .credits
                .iter()
                .filter(|c| c.role.same_as(&role))
                .cloned()
                .collect();
            let what = describe(&Field::Credits(credits)).unwrap_or_default();
            let what = what.strip_prefix("Credits: ").unwrap_or(&what);
            Ok(Intent::Tell(format!(
                "{what} ({command} NAME, NAME changes it, {command} - removes it)"
            )))
        }
        ("-", None) => Err(format!(
            "no one is credited for {}: nothing to remove",
            role.label()
        )),
        ("-", Some(_)) => Ok(changed(
            others(),
            format!("{} credit removed", role.label()),
        )),
        (rest, at) => {
            let names: Vec<&str> = rest
                .split(',')
                .map(str::trim)
                .filter(|n| !crate::text::is_blank(n))
                .collect();
            if names.is_empty() {
                return Err(format!(
                    "{command} needs names, separated by commas: {command} Anna Li, Bob"
                ));
            }
            let said = format!("{} by {}", role.label(), names.join(", "));
            let mut credits = others();
            let new = names.into_iter().map(|name| Credit {
                role: role.clone(),
                name: name.to_string(),
            });
            let at = at.unwrap_or(credits.len()).min(credits.len());
            credits.splice(at..at, new);
            Ok(changed(credits, said))
        }
    }
}
