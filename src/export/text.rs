//! Laying out plain text: 80 columns, aligned by display width so that
//! Chinese names (two columns a character) line up with Latin ones. The text
//! templates call these through their filters (see `templates`).

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::text::{pad, pad_left, split_to_width};

/// The width plain-text minutes are wrapped at.
pub const WIDTH: usize = 80;

/// `text` wrapped, and under it a line of `rule` as wide as its widest line.
pub fn underlined(out: &mut String, text: &str, rule: &str) {
    let start = out.len();
    wrap(out, text, "", "", WIDTH);
    let underline = out[start..]
        .lines()
        .map(UnicodeWidthStr::width)
        .max()
        .unwrap_or(0);
    out.push_str(&rule.repeat(underline));
    out.push('\n');
}

/// How text is wrapped. Lines break where the Unicode line-breaking rules
/// (UAX #14) allow: at spaces, but also between Chinese or Japanese
/// characters, which have no spaces, and never before a closing mark such
/// as `。` or a French ` !`. Each line takes as many words as fit (first
/// fit, as `fmt` and mail clients fill lines), measured in columns, a
/// Chinese character two. Optimal fit evens out the right edge a little
/// but took about 40% of a long export.
fn options<'a>(width: usize) -> textwrap::Options<'a> {
    textwrap::Options::new(width)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
        .word_separator(textwrap::WordSeparator::UnicodeBreakProperties)
}

/// Wraps `text` at `width` columns onto `out`, each line ending in a
/// newline: the first line after `first`, the others after `rest` (of the
/// same width). A line break in `text` starts a line after `rest`.
pub fn wrap(out: &mut String, text: &str, first: &str, rest: &str, width: usize) {
    for (i, paragraph) in text.split('\n').enumerate() {
        let indent = if i == 0 { first } else { rest };
        let start = out.len();
        wrap_paragraph(out, paragraph, indent, rest, width);
        if paragraph.contains(SELECTOR) {
            refit(out, start, rest, width);
        }
    }
}

fn wrap_paragraph(out: &mut String, paragraph: &str, indent: &str, rest: &str, width: usize) {
    let room = width.saturating_sub(textwrap::core::display_width(indent));
    // A paragraph that fits (a heading, a field, a short note) is the
    // line textwrap would make, without finding where it could break.
    if fits(paragraph.trim_end_matches(' '), room) {
        push_line(out, indent, paragraph);
        return;
    }
    // Text of the usual alphabet: the same lines, without textwrap.
    if super::wrap::first_fit(out, paragraph, indent, rest, width) {
        return;
    }
    let options = options(width)
        .initial_indent(indent)
        .subsequent_indent(rest);
    for line in textwrap::wrap(paragraph, options) {
        push_line(out, "", &line);
    }
}

/// The emoji presentation selector: `❤` with it (`❤️`) is two columns on a
/// terminal, as unicode-width measures a string, but textwrap counts
/// character by character, one column.
const SELECTOR: char = '\u{fe0f}';

/// The lines written to `out` from `start` on, each cut to at most `width`
/// columns as a terminal counts them (see [`SELECTOR`]): a line too wide
/// is cut between characters, the rest of it on lines after `rest`.
fn refit(out: &mut String, start: usize, rest: &str, width: usize) {
    if out[start..].lines().all(|l| l.width() <= width) {
        return;
    }
    let lines: Vec<String> = out[start..].lines().map(String::from).collect();
    out.truncate(start);
    let room = width.saturating_sub(rest.width()).max(1);
    for line in lines {
        if line.width() <= width {
            push_line(out, "", &line);
            continue;
        }
        let mut pieces = split_to_width(&line, width).into_iter();
        push_line(out, "", &pieces.next().unwrap_or_default());
        let remainder: String = pieces.collect();
        for piece in split_to_width(remainder.trim_start(), room) {
            push_line(out, rest, &piece);
        }
    }
}

/// `pieces` of a cell, each cut to `width` columns as a terminal counts them.
fn fit_pieces(pieces: Vec<std::borrow::Cow<'_, str>>, width: usize) -> Vec<String> {
    pieces
        .into_iter()
        .flat_map(|p| match p.width() <= width {
            true => vec![p.into_owned()],
            false => split_to_width(&p, width),
        })
        .collect()
}

/// Whether `text` is at most `room` columns wide, looking at no more of it
/// than it needs to. Measured as textwrap measures, or wider (textwrap
/// skips escape sequences), never narrower: a paragraph that does not fit
/// for textwrap is always left to it.
fn fits(text: &str, room: usize) -> bool {
    // No character is wider than it is long in UTF-8.
    if text.len() <= room {
        return true;
    }
    let mut width = 0;
    for c in text.chars() {
        width += c.width().unwrap_or(0);
        if width > room {
            return false;
        }
    }
    true
}

/// `indent` and `text` without the spaces at their end, and a newline.
pub(super) fn push_line(out: &mut String, indent: &str, text: &str) {
    let start = out.len();
    out.push_str(indent);
    out.push_str(text);
    let end = start + out[start..].trim_end().len();
    out.truncate(end);
    out.push('\n');
}

/// A table too wide for [`WIDTH`] narrows its columns of text, wrapping their
/// cells, but none below this.
const NARROWEST: usize = 12;

/// A table of `rows` under `header`, indented, within [`WIDTH`]: columns
/// as wide as their widest cell, `numeric` ones aligned right; a table too
/// wide narrows its widest columns of text, whose cells then wrap.
pub fn table(out: &mut String, header: &[String], rows: &[Vec<String>], numeric: &[bool]) {
    const INDENT: &str = "  ";
    const GAP: &str = "  ";
    let columns = header.len();
    let numeric = |i: usize| numeric.get(i) == Some(&true);
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    // Too wide for the line: the widest column of text gives way, one column
    // at a time, and its cells wrap. Usually that is the last column (a
    // role, a topic), but a long name before it must not push it off the line.
    let total =
        |widths: &[usize]| INDENT.len() + widths.iter().sum::<usize>() + GAP.len() * (columns - 1);
    while total(&widths) > WIDTH {
        let widest = (0..columns)
            .filter(|&i| !numeric(i) && widths[i] > NARROWEST)
            .max_by_key(|&i| (widths[i], i));
        let Some(i) = widest else { break };
        widths[i] -= 1;
    }
    let line = |cells: &[String], out: &mut String| {
        let wrapped: Vec<Vec<_>> = (0..columns)
            .map(|i| {
                let pieces = textwrap::wrap(
                    cells.get(i).map_or("", String::as_str),
                    options(widths[i].max(1)),
                );
                fit_pieces(pieces, widths[i].max(1))
            })
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
        for k in 0..height {
            let mut text = String::from(INDENT);
            for (i, pieces) in wrapped.iter().enumerate() {
                let piece = pieces.get(k).map_or("", String::as_str);
                if numeric(i) {
                    text.push_str(&pad_left(piece, widths[i]));
                } else {
                    text.push_str(&pad(piece, widths[i]));
                }
                text.push_str(GAP);
            }
            out.push_str(text.trim_end());
            out.push('\n');
        }
    };
    line(header, out);
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    line(&rule, out);
    for row in rows {
        line(row, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_with_long_cells_before_the_last_still_fits() {
        let name = "Maximiliane Theodora von Hohenzollern-Sigmaringen-Wittelsbach";
        let mut text = String::new();
        table(
            &mut text,
            &["Name".into(), "Attendance".into(), "Role".into()],
            &[vec![
                name.into(),
                "late, joined 14:12".into(),
                "Professor of Documentation".into(),
            ]],
            &[false, false, false],
        );
        let widest = text.lines().map(UnicodeWidthStr::width).max().unwrap();
        assert!(widest <= WIDTH, "{text}");
        assert!(
            text.contains("Hohenzollern"),
            "the name is wrapped, not cut:\n{text}"
        );
    }

    #[test]
    fn emoji_with_their_selector_count_two_columns_when_wrapping() {
        let hearts = "❤\u{fe0f}".repeat(50);
        let mut text = String::new();
        wrap(
            &mut text,
            &format!("Thanks {hearts}"),
            "  - ",
            "    ",
            WIDTH,
        );
        assert!(text.lines().count() >= 2, "{text}");
        for line in text.lines() {
            assert!(line.width() <= WIDTH, "{} columns: {line}", line.width());
        }
        assert_eq!(text.matches('❤').count(), 50, "nothing is lost: {text}");
        assert!(
            text.lines().skip(1).all(|l| l.starts_with("    ")),
            "{text}"
        );
    }

    #[test]
    fn a_table_cell_of_emoji_with_their_selector_fits() {
        let mut text = String::new();
        let name = format!("{} Consortium", "❤\u{fe0f}".repeat(30));
        table(
            &mut text,
            &["Organisation".into(), "Speeches".into(), "Time".into()],
            &[vec![name, "1".into(), "09:00".into()]],
            &[false, true, true],
        );
        for line in text.lines() {
            assert!(line.width() <= WIDTH, "{} columns: {line}", line.width());
        }
        assert_eq!(text.matches('❤').count(), 30, "{text}");
    }
}
