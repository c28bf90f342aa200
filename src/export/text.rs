//! Plain-text minutes: 80 columns, aligned by display width so that Chinese
//! names (two columns a character) line up with Latin ones.

use unicode_width::UnicodeWidthStr;

use super::document::{Block, Document, Item};
use crate::text::{pad, pad_left};

/// The width plain-text minutes are wrapped at.
pub const WIDTH: usize = 80;

pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    let title = wrap(&doc.title, "", "");
    let underline = title.lines().map(UnicodeWidthStr::width).max().unwrap_or(0);
    out.push_str(&title);
    out.push_str(&"=".repeat(underline));
    out.push('\n');
    for block in &doc.blocks {
        match block {
            Block::Fields(fields) => {
                out.push('\n');
                let label_width = fields.iter().map(|(l, _)| l.width() + 1).max().unwrap_or(0);
                for (label, value) in fields {
                    let first = pad(&format!("{label}:"), label_width + 1);
                    out.push_str(&wrap(value, &first, &" ".repeat(label_width + 1)));
                }
            }
            Block::Heading(h) => {
                let h = wrap(h, "", "");
                let underline = h.lines().map(UnicodeWidthStr::width).max().unwrap_or(0);
                out.push('\n');
                out.push_str(&h);
                out.push_str(&"-".repeat(underline));
                out.push('\n');
            }
            Block::Subheading(h) => {
                out.push('\n');
                out.push_str(&wrap(h, "", ""));
            }
            Block::Paragraph(p) => {
                out.push('\n');
                out.push_str(&wrap(p, "", ""));
            }
            Block::List(items) => {
                for item in items {
                    out.push_str(&wrap(&item_text(item), "  - ", "    "));
                }
            }
            Block::Table {
                header,
                rows,
                numeric,
            } => table(&mut out, header, rows, numeric),
        }
    }
    out
}

fn item_text(item: &Item) -> String {
    match (item.lead.is_empty(), item.text.is_empty()) {
        (true, _) => item.text.clone(),
        (false, true) => item.lead.clone(),
        (false, false) => format!("{}: {}", item.lead, item.text),
    }
}

/// Wraps `text` at [`WIDTH`], each line ending in a newline.
fn wrap(text: &str, first: &str, rest: &str) -> String {
    let options = textwrap::Options::new(WIDTH)
        .initial_indent(first)
        .subsequent_indent(rest);
    let mut out = String::new();
    for line in textwrap::wrap(text, options) {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    if out.is_empty() {
        out.push_str(first.trim_end());
        out.push('\n');
    }
    out
}

fn table(out: &mut String, header: &[String], rows: &[Vec<String>], numeric: &[bool]) {
    const INDENT: &str = "  ";
    const GAP: &str = "  ";
    let columns = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    // The last column takes what is left of the line and wraps within it.
    let before: usize = INDENT.len()
        + widths[..columns - 1]
            .iter()
            .map(|w| w + GAP.len())
            .sum::<usize>();
    let last = WIDTH.saturating_sub(before).max(12);
    widths[columns - 1] = widths[columns - 1].min(last);
    let line = |cells: &[String], out: &mut String| {
        let mut text = String::from(INDENT);
        for (i, cell) in cells.iter().enumerate().take(columns - 1) {
            let cell = if numeric.get(i) == Some(&true) {
                pad_left(cell, widths[i])
            } else {
                pad(cell, widths[i])
            };
            text.push_str(&cell);
            text.push_str(GAP);
        }
        let lastcell = cells.get(columns - 1).map_or("", String::as_str);
        let lastcell = if numeric.get(columns - 1) == Some(&true) {
            pad_left(lastcell, widths[columns - 1])
        } else {
            lastcell.to_string()
        };
        let options = textwrap::Options::new(widths[columns - 1].max(1));
        let mut pieces = textwrap::wrap(&lastcell, options).into_iter();
        text.push_str(&pieces.next().unwrap_or_default());
        out.push_str(text.trim_end());
        out.push('\n');
        for piece in pieces {
            out.push_str(&" ".repeat(before));
            out.push_str(piece.trim_end());
            out.push('\n');
        }
    };
    out.push('\n');
    line(header, out);
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    line(&rule, out);
    for row in rows {
        line(row, out);
    }
}
