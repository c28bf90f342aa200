//! The templates exports are rendered through: the built-in ones, and the
//! filters and functions a template lays text out with.

use minijinja::value::{Kwargs, Value, ValueKind};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, UndefinedBehavior};

use super::{Format, markdown, prose, text};

/// A built-in template: its file name, and its text from `assets/templates`.
macro_rules! builtin {
    ($file:literal) => {
        (
            $file,
            include_str!(concat!("../../assets/templates/", $file)),
        )
    };
}

/// The built-in templates, `NAME.FORMAT.j2`: adding one is a line here.
const BUILTINS: &[(&str, &str)] = &[
    builtin!("minutes.txt.j2"),
    builtin!("minutes.md.j2"),
    builtin!("minutes.html.j2"),
    builtin!("actions.txt.j2"),
    builtin!("actions.md.j2"),
    builtin!("actions.html.j2"),
    builtin!("report.txt.j2"),
    builtin!("report.md.j2"),
    builtin!("report.html.j2"),
];

/// Templates that others import, in every environment: not exports of
/// their own. `_report.j2` words the written report once for every format.
const LIBRARY: &[(&str, &str)] = &[builtin!("_report.j2")];

/// The source of the built-in template `file` (`minutes.txt.j2`), if there is one.
pub fn builtin(file: &str) -> Option<&'static str> {
    BUILTINS
        .iter()
        .find(|(name, _)| *name == file)
        .map(|(_, source)| *source)
}

/// The names of the built-in templates (`minutes`, `actions`), each once.
pub fn builtin_names() -> Vec<&'static str> {
    let mut names: Vec<&str> = BUILTINS
        .iter()
        .filter_map(|(file, _)| file.split('.').next())
        .collect();
    names.dedup();
    names
}

/// An environment for rendering to `format`: strict about undefined
/// values (a misspelt name is an error, not an empty line), blocks on lines
/// of their own leaving no blank line, HTML auto-escaped in `*.html.j2`
/// templates and whenever the format is HTML.
pub fn environment(format: Format) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    let syntax = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .keep_trailing_newline(true)
        .build()
        .expect("the default delimiters are valid");
    env.set_syntax(syntax);
    env.set_auto_escape_callback(move |name| {
        if format == Format::Html || name.ends_with(".html.j2") {
            AutoEscape::Html
        } else {
            AutoEscape::None
        }
    });
    env.add_filter("wrap", wrap);
    env.add_filter("underline", underline);
    env.add_filter("md", md);
    env.add_filter("md_cell", |s: &str| markdown::cell(s));
    // The report's prose (see `prose`), and `esc`: a text as the format
    // shows it as typed, where `{{ }}` does not (Markdown; HTML is
    // escaped by `{{ }}` itself).
    env.add_filter("and_list", |items: Vec<String>| prose::and_list(&items));
    env.add_filter("count_words", |n: usize| prose::count_words(n));
    env.add_filter("ordinal", |n: usize| prose::ordinal_words(n));
    env.add_filter("sentence", |s: &str| prose::sentence(s));
    env.add_filter("reported", |s: &str| prose::reported(s));
    env.add_filter("lower_first", |s: &str| prose::lower_first(s));
    env.add_filter("upper_first", |s: &str| prose::upper_first(s));
    env.add_filter("long_date", long_date);
    env.add_filter("esc", move |s: &str| match format {
        Format::Markdown => markdown::escape(s),
        Format::Text | Format::Html | Format::Ics => s.to_string(),
    });
    for (name, source) in LIBRARY {
        env.add_template(name, source)
            .expect("the built-in library templates parse");
    }
    env.add_function("table", table);
    env.add_function("fields", fields);
    env.add_function("item", item);
    env
}

/// `"2026-12-10"|long_date`: `10 December 2026`; anything else as it is.
fn long_date(text: &str) -> String {
    match chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Ok(day) => day.format("%-d %B %Y").to_string(),
        Err(_) => text.to_string(),
    }
}

/// `text|wrap(width=80, indent="", hanging=indent)`: `text` wrapped at
/// `width` columns (a Chinese character two), its first line after
/// `indent`, the others after `hanging`; no newline at the end.
fn wrap(text: &str, width: Option<usize>, kwargs: Kwargs) -> Result<String, Error> {
    // Called for every entry: `peek` and a check of the names given rather
    // than `get` and `assert_all_used`, which note each name used in a set
    // made for the call.
    let indent: Option<&str> = kwargs.peek("indent")?;
    let hanging: Option<&str> = kwargs.peek("hanging")?;
    if let Some(unknown) = kwargs.args().find(|k| !matches!(*k, "indent" | "hanging")) {
        return Err(Error::new(
            ErrorKind::TooManyArguments,
            format!("unknown keyword argument '{unknown}'"),
        ));
    }
    let indent = indent.unwrap_or("");
    let mut out = String::with_capacity(text.len() + text.len() / 8 + indent.len() + 8);
    text::wrap(
        &mut out,
        text,
        indent,
        hanging.unwrap_or(indent),
        width.unwrap_or(text::WIDTH),
    );
    out.pop();
    Ok(out)
}

/// `text|md` escaped for Markdown (see [`markdown::escape`]);
/// `text|md("  ")` with its later lines after that indent, within a list
/// item.
fn md(text: &str, indent: Option<&str>) -> String {
    let escaped = markdown::escape(text);
    match indent {
        Some(indent) if escaped.contains('\n') => escaped.replace('\n', &format!("\n{indent}")),
        _ => escaped,
    }
}

/// `text|underline("=")`: `text` wrapped, over a rule as wide as it.
fn underline(text: &str, rule: Option<&str>) -> String {
    let mut out = String::new();
    text::underlined(&mut out, text, rule.unwrap_or("-"));
    out.pop();
    out
}

/// `item(lead, text)`: `lead: text`, or whichever of them there is.
fn item(lead: &str, text: &str) -> String {
    match (lead.is_empty(), text.is_empty()) {
        // Not `format!`, which would grow the string as it writes.
        (false, false) => [lead, ": ", text].concat(),
        (true, _) => text.to_string(),
        (false, true) => lead.to_string(),
    }
}

/// `table(header, rows, columns=[…], numeric=[…])`: the rows laid out in
/// columns within 80 (see [`text::table`]); no newline at the end. A row is
/// a list of cells, or an object whose `columns` attributes are its cells.
fn table(header: Vec<String>, rows: Value, kwargs: Kwargs) -> Result<String, Error> {
    let columns: Option<Vec<String>> = kwargs.get("columns")?;
    let numeric: Option<Vec<bool>> = kwargs.get("numeric")?;
    kwargs.assert_all_used()?;
    let rows = rows
        .try_iter()?
        .map(|row| cells(&row, columns.as_deref()))
        .collect::<Result<Vec<_>, _>>()?;
    let mut out = String::new();
    text::table(&mut out, &header, &rows, &numeric.unwrap_or_default());
    out.pop();
    Ok(out)
}

/// `fields(rows, columns=[label, value])`: `Label: value` lines, the
/// values aligned; rows whose value is none or empty are left out. No
/// newline at the end.
fn fields(rows: Value, kwargs: Kwargs) -> Result<String, Error> {
    let columns: Option<Vec<String>> = kwargs.get("columns")?;
    kwargs.assert_all_used()?;
    let mut pairs = Vec::new();
    for row in rows.try_iter()? {
        let mut cells = cells(&row, columns.as_deref())?.into_iter();
        let (Some(label), Some(value)) = (cells.next(), cells.next()) else {
            return Err(Error::new(
                ErrorKind::InvalidOperation,
                "fields: each row needs a label and a value",
            ));
        };
        if !value.is_empty() {
            pairs.push((format!("{label}:"), value));
        }
    }
    let label_width = pairs
        .iter()
        .map(|(l, _)| unicode_width::UnicodeWidthStr::width(l.as_str()))
        .max()
        .unwrap_or(0);
    let rest = " ".repeat(label_width + 1);
    let mut out = String::new();
    for (label, value) in pairs {
        let first = crate::text::pad(&label, label_width + 1);
        text::wrap(&mut out, &value, &first, &rest, text::WIDTH);
    }
    out.pop();
    Ok(out)
}

/// The cells of a row: a list's items, or an object's `columns`. None is
/// an empty cell, a list its items joined with commas.
fn cells(row: &Value, columns: Option<&[String]>) -> Result<Vec<String>, Error> {
    let values: Vec<Value> = match (row.kind(), columns) {
        (ValueKind::Map, Some(columns)) => columns
            .iter()
            .map(|c| {
                let v = row.get_attr(c)?;
                if v.is_undefined() {
                    return Err(Error::new(
                        ErrorKind::UndefinedError,
                        format!("a row has no column {c:?}"),
                    ));
                }
                Ok(v)
            })
            .collect::<Result<_, _>>()?,
        (ValueKind::Seq, _) => row.try_iter()?.collect(),
        _ => {
            return Err(Error::new(
                ErrorKind::InvalidOperation,
                "a row is a list of cells, or an object with columns=[…] naming its cells",
            ));
        }
    };
    Ok(values.iter().map(cell_text).collect())
}

fn cell_text(v: &Value) -> String {
    match v.kind() {
        ValueKind::None | ValueKind::Undefined => String::new(),
        ValueKind::Seq => v
            .try_iter()
            .map(|items| items.map(|i| cell_text(&i)).collect::<Vec<_>>().join(", "))
            .unwrap_or_default(),
        _ => v.to_string(),
    }
}
