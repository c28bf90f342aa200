//! Markdown minutes (CommonMark with pipe tables).

use super::document::{Block, Document};

pub fn render(doc: &Document) -> String {
    let mut out = String::from("# ");
    push_escaped(&mut out, &doc.title);
    out.push('\n');
    for block in &doc.blocks {
        out.push('\n');
        match block {
            Block::Fields(fields) => {
                for (label, value) in fields {
                    out.push_str("- **");
                    push_escaped(&mut out, label);
                    out.push_str(":** ");
                    push_escaped(&mut out, value);
                    out.push('\n');
                }
            }
            Block::Heading(h) => {
                out.push_str("## ");
                push_escaped(&mut out, h);
                out.push('\n');
            }
            Block::Subheading(h) => {
                out.push_str("### ");
                push_escaped(&mut out, h);
                out.push('\n');
            }
            Block::Paragraph(p) => {
                push_escaped(&mut out, p);
                out.push('\n');
            }
            Block::List(items) => {
                for item in items {
                    out.push_str("- ");
                    if !item.lead.is_empty() {
                        out.push_str("**");
                        push_escaped(&mut out, &item.lead);
                        out.push_str(if item.text.is_empty() { "**" } else { ":** " });
                    }
                    if item.lead.is_empty() || !item.text.is_empty() {
                        // Its later lines indented, within the item.
                        let start = out.len();
                        push_escaped(&mut out, &item.text);
                        if out[start..].contains('\n') {
                            let text = out.split_off(start).replace('\n', "\n  ");
                            out.push_str(&text);
                        }
                    }
                    out.push('\n');
                }
            }
            Block::Table {
                header,
                rows,
                numeric,
            } => {
                let cells = |row: &[String]| -> String {
                    let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
                    format!("| {} |\n", cells.join(" | "))
                };
                out.push_str(&cells(header));
                let rule: Vec<&str> = (0..header.len())
                    .map(|i| {
                        if numeric.get(i) == Some(&true) {
                            "---:"
                        } else {
                            "---"
                        }
                    })
                    .collect();
                out.push_str(&format!("| {} |\n", rule.join(" | ")));
                for row in rows {
                    out.push_str(&cells(row));
                }
            }
        }
    }
    out
}

/// Text with Markdown's inline syntax characters escaped, so a name like
/// `*Ana*` or a note with `<b>` is shown as typed.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

/// [`escape`], onto `out`.
fn push_escaped(out: &mut String, text: &str) {
    // Nearly all text has nothing to escape: copied whole. (The characters
    // escaped are all ASCII, so no byte of another character is one.)
    let first = text.trim_start();
    if !text.bytes().any(|b| b == b'\n' || special(b)) && !first.starts_with(BLOCK) {
        out.push_str(text);
        return;
    }
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let trimmed = line.trim_start();
        // A line that would start a heading, list or quote is escaped.
        if trimmed.starts_with(BLOCK) {
            out.push_str(&line[..line.len() - trimmed.len()]);
            out.push('\\');
            push_escaped_inline(out, trimmed);
        } else {
            push_escaped_inline(out, line);
        }
    }
}

/// What a line may not start with: it would be a heading, list or quote.
const BLOCK: [char; 5] = ['#', '-', '+', '>', '='];

/// Markdown's inline syntax characters.
fn special(b: u8) -> bool {
    matches!(
        b,
        b'\\' | b'*' | b'_' | b'`' | b'[' | b']' | b'<' | b'>' | b'|' | b'~'
    )
}

fn push_escaped_inline(out: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_ascii() && special(c as u8) {
            out.push('\\');
        }
        out.push(c);
    }
}

fn cell(text: &str) -> String {
    escape(text).replace('\n', " ")
}
