//! `minutes import`: a roster from a CSV file, an agenda from a text file.
//!
//! Pure: the parsers take the file's bytes and the planners a session, and
//! give back the people or topics, or every bad line; the [`Change`] that
//! adds them is applied by the caller through the store, as one edit
//! (journalled, undone at once). Nothing here reads or writes a file.

use std::collections::HashMap;
use std::fmt;

use crate::model::meeting::{self, FoldedRoster, fold};
use crate::model::{Change, Session, Timestamp};

/// A line of an imported file that could not be read: where, and what was
/// expected there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLine {
    /// From 1.
    pub line: u64,
    /// Where on the line, from 1: the field of a CSV row, the character
    /// of a line of text.
    pub column: Option<Column>,
    pub message: String,
}

/// A place on a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// The nth field of a CSV row, from 1.
    Field(usize),
    /// The nth character of the line, from 1.
    Char(usize),
}

impl fmt::Display for BadLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.column {
            None => write!(f, "line {}: {}", self.line, self.message),
            Some(Column::Field(n)) => write!(f, "line {}, field {n}: {}", self.line, self.message),
            Some(Column::Char(n)) => write!(f, "line {}:{n}: {}", self.line, self.message),
        }
    }
}

fn bad(line: u64, column: Option<Column>, message: impl Into<String>) -> BadLine {
    BadLine {
        line,
        column,
        message: message.into(),
    }
}

/// A person read from a roster file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub line: u64,
    pub name: String,
    /// An organisation's code or name, as the file gives it.
    pub organisation: Option<String>,
    pub role: String,
}

/// A topic read from an agenda file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic {
    pub line: u64,
    pub title: String,
    /// A name on the roster, as the file gives it.
    pub presenter: Option<String>,
    /// 0: none planned.
    pub minutes: u32,
}

/// The longest a topic may be planned for: a day.
pub const MAX_MINUTES: u32 = 24 * 60;

/// The file as text: UTF-8, a byte order mark (Excel writes one) skipped.
fn text(bytes: &[u8]) -> Result<&str, BadLine> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        let start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        // Valid up to there, so whole characters.
        let column = String::from_utf8_lossy(&good[start..]).chars().count() + 1;
        bad(
            line,
            Some(Column::Char(column)),
            "not UTF-8 text; save the file as UTF-8 (in Excel: \"CSV UTF-8\")",
        )
    })
}

/// Characters that have no place in a name or title (a tab, an escape).
fn control(field: &str) -> bool {
    field.chars().any(char::is_control)
}

/// A roster column, as a header row names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RosterColumn {
    Name,
    Organisation,
    Role,
}

impl RosterColumn {
    fn named(header: &str) -> Option<RosterColumn> {
        match fold(header.trim()).as_str() {
            "name" | "full name" => Some(RosterColumn::Name),
            "organisation" | "organization" | "org" | "affiliation" => {
                Some(RosterColumn::Organisation)
            }
            "role" => Some(RosterColumn::Role),
            _ => None,
        }
    }
}

/// The field separator: what the first line has more of, commas,
/// semicolons (Excel in locales where the comma is the decimal mark) or
/// tabs.
fn delimiter(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let count = |c| first.matches(c).count();
    let (commas, semicolons, tabs) = (count(','), count(';'), count('\t'));
    if tabs > commas && tabs > semicolons {
        b'\t'
    } else if semicolons > commas {
        b';'
    } else {
        b','
    }
}

/// The people of a CSV roster: `name, organisation, role` on each row, the
/// last two optional. A first row with a column called `name` is a header,
/// and then the columns may come in any order. Rows with every field empty
/// are skipped. Every bad row is reported; any makes the whole file bad.
pub fn parse_roster(bytes: &[u8]) -> Result<Vec<Person>, Vec<BadLine>> {
    let text = text(bytes).map_err(|b| vec![b])?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(text))
        .from_reader(text.as_bytes());
    let mut columns = vec![
        RosterColumn::Name,
        RosterColumn::Organisation,
        RosterColumn::Role,
    ];
    let mut people = Vec::new();
    let mut bad_lines = Vec::new();
    let mut first = true;
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| line_at(text, p.byte()));
                bad_lines.push(bad(line, None, csv_problem(&e)));
                // The reader cannot go on past a broken quote or bad text.
                break;
            }
        };
        let line = record.position().map_or(0, |p| line_at(text, p.byte()));
        let fields: Vec<&str> = record.iter().map(str::trim).collect();
        if fields.iter().all(|f| f.is_empty()) {
            continue;
        }
        if std::mem::take(&mut first)
            && fields
                .iter()
                .any(|f| RosterColumn::named(f) == Some(RosterColumn::Name))
        {
            match header(line, &fields) {
                Ok(c) => columns = c,
                Err(b) => bad_lines.extend(b),
            }
            continue;
        }
        match person(line, &fields, &columns) {
            Ok(p) => people.push(p),
            Err(b) => bad_lines.push(b),
        }
    }
    if bad_lines.is_empty() {
        Ok(people)
    } else {
        Err(bad_lines)
    }
}

/// The line (from 1) of the record the reader says begins at byte
/// `offset` of `text`: its position there is before the blank lines it
/// skipped, and its own line count leaves them out.
fn line_at(text: &str, offset: u64) -> u64 {
    let bytes = text.as_bytes();
    let mut end = usize::try_from(offset).map_or(bytes.len(), |o| o.min(bytes.len()));
    while end < bytes.len() && matches!(bytes[end], b'\n' | b'\r') {
        end += 1;
    }
    bytes[..end].iter().filter(|&&b| b == b'\n').count() as u64 + 1
}

fn csv_problem(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => {
            "not UTF-8 text; save the file as UTF-8 (in Excel: \"CSV UTF-8\")".into()
        }
        _ => format!("not a CSV row: {e}"),
    }
}

/// The columns a header row names. Every column must be known, and `name`
/// there once.
fn header(line: u64, fields: &[&str]) -> Result<Vec<RosterColumn>, Vec<BadLine>> {
    let mut columns = Vec::new();
    let mut problems = Vec::new();
    for (i, f) in fields.iter().enumerate() {
        match RosterColumn::named(f) {
            Some(c) if columns.contains(&c) => problems.push(bad(
                line,
                Some(Column::Field(i + 1)),
                format!("the column {f:?} is named twice in the header"),
            )),
            Some(c) => columns.push(c),
            None => problems.push(bad(
                line,
                Some(Column::Field(i + 1)),
                format!("unknown column {f:?} in the header: expected name, organisation or role"),
            )),
        }
    }
    if problems.is_empty() {
        Ok(columns)
    } else {
        Err(problems)
    }
}

fn person(line: u64, fields: &[&str], columns: &[RosterColumn]) -> Result<Person, BadLine> {
    // Empty fields past the last column are what a spreadsheet leaves.
    if let Some(extra) = fields
        .iter()
        .enumerate()
        .skip(columns.len())
        .find(|(_, f)| !f.is_empty())
    {
        let expected = columns
            .iter()
            .map(|c| match c {
                RosterColumn::Name => "name",
                RosterColumn::Organisation => "organisation",
                RosterColumn::Role => "role",
            })
            .collect::<Vec<_>>()
            .join(", ");
        let found = fields.iter().rposition(|f| !f.is_empty()).unwrap_or(0) + 1;
        return Err(bad(
            line,
            Some(Column::Field(extra.0 + 1)),
            format!(
                "too many fields: expected at most {} ({expected}), found {found}",
                columns.len()
            ),
        ));
    }
    let mut person = Person {
        line,
        name: String::new(),
        organisation: None,
        role: String::new(),
    };
    for (i, column) in columns.iter().enumerate() {
        let field = fields.get(i).copied().unwrap_or("");
        if control(field) {
            return Err(bad(
                line,
                Some(Column::Field(i + 1)),
                "a control character (such as a tab) in the field: expected text",
            ));
        }
        match column {
            RosterColumn::Name => person.name = field.to_string(),
            RosterColumn::Organisation => {
                person.organisation = (!field.is_empty()).then(|| field.to_string())
            }
            RosterColumn::Role => person.role = field.to_string(),
        }
    }
    if person.name.is_empty() {
        let at = columns.iter().position(|c| *c == RosterColumn::Name);
        return Err(bad(
            line,
            at.map(|i| Column::Field(i + 1)),
            "the name is empty: expected a person's name",
        ));
    }
    Ok(person)
}

/// The topics of an agenda file: `TOPIC | PRESENTER | MINUTES` on each
/// line, the last two optional (`Budget | | 15`). Blank lines and lines
/// starting with `#` are skipped. Every bad line is reported; any makes
/// the whole file bad.
pub fn parse_agenda(bytes: &[u8]) -> Result<Vec<Topic>, Vec<BadLine>> {
    let text = text(bytes).map_err(|b| vec![b])?;
    let mut topics = Vec::new();
    let mut bad_lines = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let line = i as u64 + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        match topic(line, raw) {
            Ok(t) => topics.push(t),
            Err(b) => bad_lines.push(b),
        }
    }
    if bad_lines.is_empty() {
        Ok(topics)
    } else {
        Err(bad_lines)
    }
}

fn topic(line: u64, raw: &str) -> Result<Topic, BadLine> {
    let pieces: Vec<&str> = raw.split('|').collect();
    // Where each piece starts on the line, and its text (in characters, from 1).
    let mut starts = Vec::new();
    let mut columns = Vec::new();
    let mut column = 1;
    for piece in &pieces {
        let lead = piece.chars().take_while(|c| c.is_whitespace()).count();
        starts.push(column);
        columns.push(column + lead);
        column += piece.chars().count() + 1;
    }
    let at = |k: usize| Some(Column::Char(columns[k]));
    if pieces.len() > 3 {
        // At the `|` that begins the fourth field.
        return Err(bad(
            line,
            Some(Column::Char(starts[3] - 1)),
            format!(
                "too many `|`: expected TOPIC | PRESENTER | MINUTES, found {} fields",
                pieces.len()
            ),
        ));
    }
    let title = pieces[0].trim();
    if title.is_empty() {
        return Err(bad(
            line,
            at(0),
            "the topic is empty: expected TOPIC | PRESENTER | MINUTES",
        ));
    }
    for (k, piece) in pieces.iter().enumerate() {
        if control(piece) {
            return Err(bad(
                line,
                at(k),
                "a control character (such as a tab) in the line: expected text",
            ));
        }
    }
    let presenter = pieces
        .get(1)
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .map(str::to_string);
    let minutes = match pieces.get(2).map(|m| m.trim()) {
        None | Some("") => 0,
        Some(m) => match m.parse::<u32>() {
            Ok(n) if m.bytes().all(|b| b.is_ascii_digit()) && n <= MAX_MINUTES => n,
            Ok(_) if m.bytes().all(|b| b.is_ascii_digit()) => {
                return Err(bad(
                    line,
                    at(2),
                    format!("{m} minutes is more than a day: expected at most {MAX_MINUTES}"),
                ));
            }
            _ => {
                return Err(bad(
                    line,
                    at(2),
                    format!("{m:?} is not a number of minutes: expected a whole number such as 15"),
                ));
            }
        },
    };
    Ok(Topic {
        line,
        title: title.to_string(),
        presenter,
        minutes,
    })
}

/// A name or title as compared for duplicates: case, accents and spacing aside.
pub fn same_key(text: &str) -> String {
    fold(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What importing a file would do to a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The one change adding everything new; `None` when nothing is.
    pub change: Option<Change>,
    /// Names or titles added, in the file's order.
    pub added: Vec<String>,
    /// Already in the session, so left out (as the file gives them).
    pub already: Vec<String>,
    /// Given twice in the file: the name, its line, and the line it was
    /// first given on. Only the first is added.
    pub repeated: Vec<(String, u64, u64)>,
    /// Organisation codes the session did not know, added with the people.
    pub new_organisations: Vec<String>,
}

impl Plan {
    fn new() -> Plan {
        Plan {
            change: None,
            added: Vec::new(),
            already: Vec::new(),
            repeated: Vec::new(),
            new_organisations: Vec::new(),
        }
    }
}

/// The people of a roster file not yet on the session's roster, as one
/// change: each expected, with their organisation (added to the session
/// if it knows it neither by code nor by name) and role. `now` is not
/// recorded anywhere (no one arrives); it is what adding someone takes.
pub fn plan_roster(s: &Session, people: Vec<Person>, now: Timestamp) -> Plan {
    let mut plan = Plan::new();
    let on_roster: std::collections::HashSet<String> =
        s.attendees.iter().map(|a| same_key(&a.name)).collect();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut scratch = s.clone();
    let mut changes = Vec::new();
    for p in people {
        let key = same_key(&p.name);
        if on_roster.contains(&key) {
            plan.already.push(p.name);
            continue;
        }
        if let Some(&first) = seen.get(&key) {
            plan.repeated.push((p.name, p.line, first));
            continue;
        }
        seen.insert(key, p.line);
        let organisations = scratch.organisations.len();
        let change = meeting::join(&scratch, p.name.clone(), p.organisation, p.role, false, now);
        change
            .clone()
            .apply(&mut scratch)
            .expect("a new person with a new id applies");
        plan.new_organisations.extend(
            scratch
                .organisations
                .iter()
                .skip(organisations)
                .map(|o| o.code.clone()),
        );
        plan.added.push(p.name);
        changes.push(change);
    }
    plan.change = (!changes.is_empty()).then_some(Change::Batch(changes));
    plan
}

/// The topics of an agenda file not yet on the session's agenda, as one
/// change adding them at its end, pending. A presenter must be someone on
/// the roster, by name (case and accents aside, or the whole pinyin of a
/// Chinese name); one who is not, or a name that fits several people, is
/// a bad line, and nothing is imported.
pub fn plan_agenda(s: &Session, topics: Vec<Topic>) -> Result<Plan, Vec<BadLine>> {
    let mut plan = Plan::new();
    let roster = FoldedRoster::new(s);
    let on_agenda: std::collections::HashSet<String> =
        s.agenda.iter().map(|a| same_key(&a.title)).collect();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut scratch = s.clone();
    let mut changes = Vec::new();
    let mut bad_lines = Vec::new();
    for t in topics {
        let presenter = match &t.presenter {
            None => None,
            Some(name) => {
                // The very name first; else the whole pinyin of a
                // Chinese name (`Wang Li` for 王丽), as the app finds them.
                let named: Vec<usize> = (0..s.attendees.len())
                    .filter(|&i| roster.is_named(i, name))
                    .collect();
                let matches = match named.is_empty() {
                    false => named,
                    true => (0..s.attendees.len())
                        .filter(|&i| roster.is_exact(i, name))
                        .collect(),
                };
                match matches[..] {
                    [i] => Some(s.attendees[i].id),
                    [] => {
                        bad_lines.push(bad(
                            t.line,
                            None,
                            format!(
                                "no one called {name:?} on the roster: expected a presenter's name as the roster has it (import the roster first, or leave the presenter out: `TOPIC | | MINUTES`)"
                            ),
                        ));
                        continue;
                    }
                    _ => {
                        bad_lines.push(bad(
                            t.line,
                            None,
                            format!(
                                "{name:?} is the name of {} people on the roster: expected one",
                                matches.len()
                            ),
                        ));
                        continue;
                    }
                }
            }
        };
        let key = same_key(&t.title);
        if on_agenda.contains(&key) {
            plan.already.push(t.title);
            continue;
        }
        if let Some(&first) = seen.get(&key) {
            plan.repeated.push((t.title, t.line, first));
            continue;
        }
        seen.insert(key, t.line);
        let change = meeting::add_topic(&scratch, t.title.clone(), t.minutes, presenter);
        change
            .clone()
            .apply(&mut scratch)
            .expect("a new topic with a new id applies");
        plan.added.push(t.title);
        changes.push(change);
    }
    if !bad_lines.is_empty() {
        return Err(bad_lines);
    }
    plan.change = (!changes.is_empty()).then_some(Change::Batch(changes));
    Ok(plan)
}
