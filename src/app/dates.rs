//! Days and times as people say them: `fri`, `tomorrow`, `+3d`, `15.12.`,
//! next to `2026-12-15`; `19:00`. No clock here: "today" is the caller's.
//!
//! The forms are few and exact on purpose: a date a secretary types blind
//! must mean one thing, and the status line shows the date understood.
//! (A general natural-language date parser would guess at far more, and
//! read `15.12.` the American way or not at all.)

use chrono::{Datelike, Days, Month, NaiveDate, NaiveTime, Weekday};

/// The ways to write a day, for the sentences that refuse one (the help
/// has them all: [`DAY_HELP`]).
pub const DAY_FORMS: &str = "fri, tomorrow, +3d, 15.12. or 2026-12-15";

/// The ways to write a day and what each means, for the help.
pub const DAY_HELP: &[(&str, &str)] = &[
    (
        "fri, friday",
        "the next such day after today (on a Friday: a week later); any case",
    ),
    ("today, tomorrow", "today, tomorrow"),
    ("+3d, +2w", "days or weeks from today"),
    ("15.12.", "this year, or next year if that day has passed"),
    ("15.12.2026, 2026-12-15", "that day"),
];

/// How far ahead `+3d` and `+2w` may reach, and how far from today a date
/// written out may be: beyond that it is a typo.
const MAX_DAYS_AHEAD: u64 = 3653;

/// The day `text` names, counted from `today`:
/// - a weekday in English, full or short, any case (`fri`, `Friday`): the
///   next such day after today; on a Friday, `fri` is a week later;
/// - `today`, `tomorrow`;
/// - `+3d`, `+2w`: days or weeks from today (ten years at most);
/// - `15.12.` (or `15.12`): this year, or next year if that day has passed
///   (`29.2.`: the next year that has it);
/// - `15.12.2026` and `2026-12-15`.
///
/// The error says what is wrong with `text` (`"there is no 31 February"`),
/// for the caller to say with the forms that work ([`DAY_FORMS`]).
///
/// A day at the end of a sentence may have its punctuation after it
/// (`due:fri.`, `due:15.12.,`, `due:15.12..`): where the text is not a day
/// as it is, it is read without the `.`, `,`, `;` and `)` it ends with.
/// `15.12.` is read as it is first, so its own dot is never taken away.
pub fn day(text: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let t = text.trim().to_lowercase();
    let refused = match exact_day(&t, today) {
        Ok(day) => return Ok(day),
        Err(why) => why,
    };
    let bare = t.trim_end_matches(['.', ',', ';', ')']);
    if bare.is_empty() || bare.len() == t.len() {
        return Err(refused);
    }
    // What is wrong with the day itself, not with its full stop.
    exact_day(bare, today)
}

/// The day `t` (trimmed, in lower case) names, as [`day`] reads it.
fn exact_day(t: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    match t {
        "" => return Err("no day given".into()),
        "today" => return Ok(today),
        "tomorrow" => return today.succ_opt().ok_or_else(|| "too far ahead".into()),
        _ => {}
    }
    if let Ok(weekday) = t.parse::<Weekday>() {
        let ahead =
            (weekday.num_days_from_monday() + 7 - today.weekday().num_days_from_monday()) % 7;
        let ahead = if ahead == 0 { 7 } else { ahead };
        return today
            .checked_add_days(Days::new(ahead.into()))
            .ok_or_else(|| "too far ahead".into());
    }
    if let Some(count) = t.strip_prefix('+') {
        return ahead(count, today);
    }
    if t.contains('-') {
        return iso(t).and_then(|day| within_reach(day, today));
    }
    if t.contains('.') {
        return day_month(t, today).and_then(|day| within_reach(day, today));
    }
    Err("not a day".into())
}

/// `day` if it is at most ten years before or after `today`: a date
/// further off is a typo (`1.1.1900` for `1.1.2027`), whichever way.
pub fn within_reach(day: NaiveDate, today: NaiveDate) -> Result<NaiveDate, String> {
    let reach = Days::new(MAX_DAYS_AHEAD);
    if today.checked_add_days(reach).is_some_and(|last| day > last) {
        return Err(format!("{day} is more than ten years ahead"));
    }
    if today
        .checked_sub_days(reach)
        .is_some_and(|first| day < first)
    {
        return Err(format!("{day} is more than ten years ago"));
    }
    Ok(day)
}

/// `2026-12-15` (or `2026-2-5`); a day the month does not have is refused
/// as such ("there is no 30 February 2026").
fn iso(t: &str) -> Result<NaiveDate, String> {
    let form = || "not a date of the form 2026-12-15".to_string();
    let number = |p: &str, digits: std::ops::RangeInclusive<usize>| {
        (digits.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let (Some(y), Some(m), Some(d)) = (match t.split('-').collect::<Vec<_>>().as_slice() {
        [y, m, d] => (number(y, 4..=4), number(m, 1..=2), number(d, 1..=2)),
        _ => (None, None, None),
    }) else {
        return Err(form());
    };
    let month = u8::try_from(m)
        .ok()
        .and_then(|m| Month::try_from(m).ok())
        .ok_or_else(|| format!("{m} is not a month"))?;
    let year = i32::try_from(y).map_err(|_| form())?;
    NaiveDate::from_ymd_opt(year, m, d)
        .ok_or_else(|| format!("there is no {d} {} {year}", month.name()))
}

/// `3d` or `2w`, counted from `today`.
fn ahead(count: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let (number, unit) = count.split_at(count.len().saturating_sub(1));
    let days_in = match unit {
        "d" => 1,
        "w" => 7,
        _ => return Err("+ counts days (+3d) or weeks (+2w)".into()),
    };
    let n: u64 = number
        .parse()
        .map_err(|_| "+ counts days (+3d) or weeks (+2w)")?;
    let days = n.saturating_mul(days_in);
    if days > MAX_DAYS_AHEAD {
        return Err("that is more than ten years ahead".into());
    }
    today
        .checked_add_days(Days::new(days))
        .ok_or_else(|| "too far ahead".into())
}

/// `15.12.`, `15.12` or `15.12.2026`.
fn day_month(t: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let parts: Vec<&str> = t.strip_suffix('.').unwrap_or(t).split('.').collect();
    let number = |p: &str| p.parse::<u32>().ok().filter(|_| p.len() <= 2);
    let (Some(d), Some(m)) = (
        parts.first().and_then(|p| number(p)),
        parts.get(1).and_then(|p| number(p)),
    ) else {
        return Err("not a day of the form 15.12.".into());
    };
    let month = u8::try_from(m)
        .ok()
        .and_then(|m| Month::try_from(m).ok())
        .ok_or_else(|| format!("{m} is not a month"))?;
    let no_such_day = |year: Option<i32>| {
        let year = year.map(|y| format!(" {y}")).unwrap_or_default();
        format!("there is no {d} {}{year}", month.name())
    };
    match parts.as_slice() {
        [_, _] => {
            // This year, or the next if that day has passed; 29 February,
            // missing most years, is the next one there is (at most eight
            // years off: 2096 to 2104 skips one).
            (today.year()..=today.year() + 8)
                .filter_map(|year| NaiveDate::from_ymd_opt(year, m, d))
                .find(|day| *day >= today)
                .ok_or_else(|| no_such_day(None))
        }
        [_, _, year] if year.len() == 4 => {
            let year: i32 = year.parse().map_err(|_| "not a year")?;
            NaiveDate::from_ymd_opt(year, m, d).ok_or_else(|| no_such_day(Some(year)))
        }
        [_, _, _] => Err("write the year in full (15.12.2026)".into()),
        _ => Err("not a day of the form 15.12.".into()),
    }
}

/// A time of day: `19:00`, `9:30`.
pub fn time(text: &str) -> Result<NaiveTime, String> {
    let refused = || format!("{text} is not a time of day, as 19:00 is");
    let (h, m) = text.trim().split_once(':').ok_or_else(refused)?;
    let number = |p: &str| p.parse::<u32>().ok().filter(|_| (1..=2).contains(&p.len()));
    match (number(h), number(m).filter(|_| m.len() == 2)) {
        (Some(h), Some(m)) => NaiveTime::from_hms_opt(h, m, 0).ok_or_else(refused),
        _ => Err(refused()),
    }
}

/// "Fri 2026-12-04": a day as the status line confirms it.
pub fn weekday_and_date(day: NaiveDate) -> String {
    day.format("%a %Y-%m-%d").to_string()
}
