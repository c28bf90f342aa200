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

/// What kind of file is read, for the advice on saving it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Roster,
    Agenda,
}

impl Kind {
    fn save_as(self) -> &'static str {
        match self {
            Kind::Roster => "save the file as UTF-8 (in Excel: \"CSV UTF-8\")",
            Kind::Agenda => "save the file as UTF-8 text",
        }
    }
}

/// The file as text: UTF-8, a byte order mark (Excel writes one) skipped.
/// A minutes session (the RON file itself, given by mistake) is refused:
/// read as rows, its lines would be made-up people or topics.
fn text(bytes: &[u8], kind: Kind) -> Result<&str, BadLine> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(bad(
            1,
            None,
            format!("UTF-16 text, not UTF-8: {}", kind.save_as()),
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        // Valid up to there, so whole characters.
        let good = String::from_utf8_lossy(good);
        let line = lines(&good).count().max(1) as u64;
        let start = good.rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let column = good[start..].chars().count() + 1;
        bad(
            line,
            Some(Column::Char(column)),
            format!("not UTF-8 text; {}", kind.save_as()),
        )
    })?;
    if is_session(text) {
        let expected = match kind {
            Kind::Roster => "a CSV roster (name, organisation, role on each row)",
            Kind::Agenda => "an agenda (TOPIC | PRESENTER | MINUTES on each line)",
        };
        return Err(bad(
            1,
            None,
            format!("this is a minutes session file, not a roster or agenda: expected {expected}"),
        ));
    }
    Ok(text)
}

/// Whether `text` is a minutes session (RON): past any `#![enable(…)]`
/// and `//` comment lines it opens with `(`, and either reads as a
/// session or has a `version:` field, as every session file does.
fn is_session(text: &str) -> bool {
    let first = lines(text)
        .map(str::trim)
        .find(|l| !(l.is_empty() || l.starts_with("#![") || l.starts_with("//")));
    first.is_some_and(|l| l.starts_with('('))
        && (text.contains("version:")
            || crate::store::file::parse(std::path::Path::new("import"), text.as_bytes()).is_ok())
}

/// The lines of a text, ended by `\n`, `\r\n` or a lone `\r` (old Mac
/// files, and what some spreadsheets still write).
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let now = rest?;
        match now.find(['\n', '\r']) {
            None => {
                rest = None;
                (!now.is_empty()).then_some(now)
            }
            Some(i) => {
                let skip = if now[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = Some(&now[i + skip..]);
                Some(&now[..i])
            }
        }
    })
}

/// The longest a name, organisation, role, topic or presenter may be, in
/// characters: far more than any real one, and what a line of the report
/// can show.
pub const MAX_LENGTH: usize = 200;

/// Characters that show nothing: zero-width spaces and joiners, the byte
/// order mark and the soft hyphen. Left out when names are compared.
fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// Characters that change the direction text is shown in: an embedding,
/// override or isolate makes a name display differently from what it is.
fn bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// What is wrong with the text of a field, if anything: the character
/// (from 0) where it is (none for a length), and what was expected. `what` names the field.
fn field_problem(field: &str, what: &str, place: &str) -> Option<(Option<usize>, String)> {
    if let Some(i) = field.chars().position(char::is_control) {
        return Some((
            Some(i),
            format!("a control character (such as a tab) in the {place}: expected text"),
        ));
    }
    if let Some((i, c)) = field.chars().enumerate().find(|&(_, c)| bidi_control(c)) {
        return Some((
            Some(i),
            format!(
                "a text direction control (U+{:04X}) in the {what}: it would show differently from what it is; expected plain text",
                c as u32
            ),
        ));
    }
    let length = field.trim().chars().count();
    if length > MAX_LENGTH {
        return Some((
            None,
            format!("the {what} is {length} characters long: expected at most {MAX_LENGTH}"),
        ));
    }
    None
}

/// A piece of a file, as a message quotes it: short.
fn quoted(text: &str) -> String {
    const SHOWN: usize = 40;
    if text.chars().count() <= SHOWN {
        format!("{text:?}")
    } else {
        let start: String = text.chars().take(SHOWN).collect();
        format!("{start:?}…")
    }
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
    let text = text(bytes, Kind::Roster).map_err(|b| vec![b])?;
    let delimiter = delimiter(text);
    // The reader takes a broken quote as best it can; said here instead.
    let mut bad_lines = quoting(text, delimiter);
    let quote_lines: std::collections::HashSet<u64> = bad_lines.iter().map(|b| b.line).collect();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut columns = vec![
        RosterColumn::Name,
        RosterColumn::Organisation,
        RosterColumn::Role,
    ];
    let mut people = Vec::new();
    let mut first = true;
    let mut lines = LineCounter::new(text);
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
        let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
        let fields: Vec<&str> = record.iter().map(str::trim).collect();
        if fields.iter().all(|f| f.is_empty()) {
            continue;
        }
        let header = std::mem::take(&mut first)
            && fields
                .iter()
                .any(|f| RosterColumn::named(f) == Some(RosterColumn::Name));
        if quote_lines.contains(&line) {
            // Said already; the rest of the row is not what the file meant.
            continue;
        }
        if header {
            match self::header(line, &fields) {
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
        bad_lines.sort_by_key(|b| b.line);
        Err(bad_lines)
    }
}

/// The quoting of a CSV text, as the reader reads it: a quote opens a
/// quoted field only at its start, and `""` in one is a quote. Returns
/// a bad line for each quoted field that is never closed, that runs over
/// a line break, or that has text after its closing quote (which the
/// reader would quietly join to it).
fn quoting(text: &str, delimiter: u8) -> Vec<BadLine> {
    #[derive(PartialEq)]
    enum State {
        Start,
        /// Spaces only, so far, at the start of a field.
        Blank,
        Unquoted,
        Quoted,
        /// A quote in a quoted field: its end, or the first of `""`.
        Quote,
        /// Past the closing quote.
        After,
    }
    let bytes = text.as_bytes();
    let mut problems = Vec::new();
    let (mut line, mut field) = (1u64, 1usize);
    // Where the quoted field being read opened.
    let (mut open_line, mut open_field, mut broken) = (1u64, 1usize, false);
    let mut state = State::Start;
    for (i, &b) in bytes.iter().enumerate() {
        let end_of_line = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
        let newline = b == b'\n' || b == b'\r';
        match state {
            State::Start | State::Blank | State::Unquoted => {
                if b == delimiter {
                    field += 1;
                    state = State::Start;
                } else if newline {
                    field = 1;
                    state = State::Start;
                } else if b == b'"' && state == State::Start {
                    (open_line, open_field, broken) = (line, field, false);
                    state = State::Quoted;
                } else if b == b'"' && state == State::Blank {
                    problems.push(bad(
                        line,
                        Some(Column::Field(field)),
                        "a space before an opening quote, which makes the quote part of the text: expected the quote first in the field",
                    ));
                    state = State::Unquoted;
                } else if b == b' ' && state != State::Unquoted {
                    state = State::Blank;
                } else if state != State::Unquoted {
                    state = State::Unquoted;
                }
            }
            State::Quoted => {
                if b == b'"' {
                    state = State::Quote;
                } else if end_of_line {
                    broken = true;
                }
            }
            State::Quote if b == b'"' => state = State::Quoted,
            State::Quote | State::After => {
                if state == State::Quote && broken {
                    problems.push(bad(
                        open_line,
                        Some(Column::Field(open_field)),
                        format!(
                            "a line break inside quotes (the quote opened here closes on line {line}): expected the field on one line"
                        ),
                    ));
                }
                if b == delimiter {
                    field += 1;
                    state = State::Start;
                } else if newline {
                    field = 1;
                    state = State::Start;
                } else if b == b' ' {
                    // Spaces before the delimiter are trimmed anyway.
                    state = State::After;
                } else {
                    problems.push(bad(
                        line,
                        Some(Column::Field(field)),
                        "text after the closing quote: expected the delimiter; quote the whole field or none of it",
                    ));
                    state = State::Unquoted;
                }
            }
        }
        if end_of_line {
            line += 1;
        }
    }
    match state {
        State::Quoted => problems.push(bad(
            open_line,
            Some(Column::Field(open_field)),
            "a quote opened here is never closed: expected a closing quote before the end of the field",
        )),
        State::Quote if broken => problems.push(bad(
            open_line,
            Some(Column::Field(open_field)),
            format!(
                "a line break inside quotes (the quote opened here closes on line {line}): expected the field on one line"
            ),
        )),
        _ => {}
    }
    problems
}

/// Counts lines through a text read from start to end, so that finding
/// the line of each record costs only the bytes since the last.
struct LineCounter<'a> {
    bytes: &'a [u8],
    /// Counted up to here (a byte offset), which is on `line`.
    at: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> LineCounter<'a> {
        LineCounter {
            bytes: text.as_bytes(),
            at: 0,
            line: 1,
        }
    }

    /// The line (from 1) of the record the reader says begins at byte
    /// `offset`: its position there is before the blank lines it skipped,
    /// and its own line count leaves them out. Offsets come in order; an
    /// earlier one is counted from the start.
    fn line_at(&mut self, offset: u64) -> u64 {
        let bytes = self.bytes;
        let mut end = usize::try_from(offset).map_or(bytes.len(), |o| o.min(bytes.len()));
        while end < bytes.len() && matches!(bytes[end], b'\n' | b'\r') {
            end += 1;
        }
        if end < self.at {
            (self.at, self.line) = (0, 1);
        }
        self.line += (self.at..end)
            .filter(|&i| {
                bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
            })
            .count() as u64;
        self.at = end;
        self.line
    }
}

/// The line of a byte offset, counted from the start (for the one error
/// that stops the reader).
fn line_at(text: &str, offset: u64) -> u64 {
    LineCounter::new(text).line_at(offset)
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
                format!(
                    "unknown column {} in the header: expected name, organisation or role",
                    quoted(f)
                ),
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
        let what = match column {
            RosterColumn::Name => "name",
            RosterColumn::Organisation => "organisation",
            RosterColumn::Role => "role",
        };
        if let Some((_, problem)) = field_problem(field, what, "field") {
            return Err(bad(line, Some(Column::Field(i + 1)), problem));
        }
        match column {
            RosterColumn::Name => person.name = field.to_string(),
            RosterColumn::Organisation => {
                person.organisation = (!field.is_empty()).then(|| field.to_string())
            }
            RosterColumn::Role => person.role = field.to_string(),
        }
    }
    if person
        .name
        .chars()
        .all(|c| c.is_whitespace() || invisible(c))
    {
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
    let (topics, bad_lines) = read_agenda(bytes);
    if bad_lines.is_empty() {
        Ok(topics)
    } else {
        Err(bad_lines)
    }
}

/// The good topics of an agenda file and its bad lines, both: the good
/// ones still to be checked against the roster (see [`plan_agenda`]), so
/// that one report says every bad line.
pub fn read_agenda(bytes: &[u8]) -> (Vec<Topic>, Vec<BadLine>) {
    let text = match text(bytes, Kind::Agenda) {
        Ok(text) => text,
        Err(b) => return (Vec::new(), vec![b]),
    };
    let mut topics = Vec::new();
    let mut bad_lines = Vec::new();
    for (i, raw) in lines(text).enumerate() {
        let line = i as u64 + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        match topic(line, raw) {
            Ok(t) => topics.push(t),
            Err(b) => bad_lines.push(b),
        }
    }
    (topics, bad_lines)
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
    for (k, piece) in pieces.iter().enumerate().take(2) {
        let what = if k == 0 { "topic" } else { "presenter" };
        if let Some((i, problem)) = field_problem(piece, what, "line") {
            // At the character itself; a length from the text's start.
            let column = i.map_or(columns[k], |i| starts[k] + i);
            return Err(bad(line, Some(Column::Char(column)), problem));
        }
    }
    if let Some(piece) = pieces.get(2)
        && let Some(i) = piece.chars().position(char::is_control)
    {
        return Err(bad(
            line,
            Some(Column::Char(starts[2] + i)),
            "a control character (such as a tab) in the line: expected text",
        ));
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
                    format!(
                        "{} minutes is more than a day: expected at most {MAX_MINUTES}",
                        quoted(m).trim_matches('"')
                    ),
                ));
            }
            _ => {
                return Err(bad(
                    line,
                    at(2),
                    format!(
                        "{} is not a number of minutes: expected a whole number such as 15",
                        quoted(m)
                    ),
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

/// A name or title as compared for duplicates: case, accents and spacing
/// aside, and compatibility forms (full-width `Ａｎａ` is `Ana`) and
/// characters that show nothing (a zero-width space, a soft hyphen) too.
pub fn same_key(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let plain: String = text.nfkc().filter(|&c| !invisible(c)).collect();
    fold(&plain)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// What importing a file would do to a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The one change adding everything new; `None` when nothing is.
    pub change: Option<Change>,
    /// Names or titles added, in the file's order.
    pub added: Vec<String>,
    /// Already in the session, so left out (as the file gives them; each
    /// once, however often the file gives it).
    pub already: Vec<String>,
    /// Given twice in the file: the name, its line, and the line it was
    /// first given on. Only the first is added.
    pub repeated: Vec<(String, u64, u64)>,
    /// Organisation codes the session did not know, added with the people.
    pub new_organisations: Vec<String>,
}

/// What is in the session already, and what the file has given so far,
/// by [`same_key`]: for the roster's names and the agenda's titles alike.
struct Known {
    in_session: std::collections::HashSet<String>,
    /// The line each was first given on.
    in_file: HashMap<String, u64>,
    /// Those in the session said once, however often the file repeats them.
    said: std::collections::HashSet<String>,
}

impl Known {
    fn new<'a>(in_session: impl Iterator<Item = &'a str>) -> Known {
        Known {
            in_session: in_session.map(same_key).collect(),
            in_file: HashMap::new(),
            said: std::collections::HashSet::new(),
        }
    }

    /// Whether `name`, on `line`, is new; if not, it goes into `plan`'s
    /// `already` or `repeated`.
    fn is_new(&mut self, name: &str, line: u64, plan: &mut Plan) -> bool {
        let key = same_key(name);
        if self.in_session.contains(&key) {
            if self.said.insert(key) {
                plan.already.push(name.to_string());
            }
            return false;
        }
        if let Some(&first) = self.in_file.get(&key) {
            plan.repeated.push((name.to_string(), line, first));
            return false;
        }
        self.in_file.insert(key, line);
        true
    }
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
    let mut known = Known::new(s.attendees.iter().map(|a| a.name.as_str()));
    let mut scratch = s.clone();
    let mut changes = Vec::new();
    for p in people {
        if !known.is_new(&p.name, p.line, &mut plan) {
            continue;
        }
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
    let mut known = Known::new(s.agenda.iter().map(|a| a.title.as_str()));
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
                                "no one called {} on the roster: expected a presenter's name as the roster has it (import the roster first, or leave the presenter out: `TOPIC | | MINUTES`)",
                                quoted(name)
                            ),
                        ));
                        continue;
                    }
                    _ => {
                        bad_lines.push(bad(
                            t.line,
                            None,
                            format!(
                                "{} is the name of {} people on the roster: expected one",
                                quoted(name),
                                matches.len()
                            ),
                        ));
                        continue;
                    }
                }
            }
        };
        if !known.is_new(&t.title, t.line, &mut plan) {
            continue;
        }
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
