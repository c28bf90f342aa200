//! Markdown minutes (CommonMark with pipe tables).

use super::document::{Block, Document};

pub fn render(doc: &Document) -> String {
    let mut out = format!("# {}\n", escape(&doc.title));
    for block in &doc.blocks {
        out.push('\n');
        match block {
            Block::Fields(fields) => {
                for (label, value) in fields {
                    out.push_str(&format!("- **{}:** {}\n", escape(label), escape(value)));
                }
            }
            Block::Heading(h) => out.push_str(&format!("## {}\n", escape(h))),
            Block::Subheading(h) => out.push_str(&format!("### {}\n", escape(h))),
            Block::Paragraph(p) => {
                out.push_str(&escape(p));
                out.push('\n');
            }
            Block::List(items) => {
                for item in items {
                    let text = escape(&item.text).replace('\n', "\n  ");
                    match (item.lead.is_empty(), item.text.is_empty()) {
                        (true, _) => out.push_str(&format!("- {text}\n")),
                        (false, true) => out.push_str(&format!("- **{}**\n", escape(&item.lead))),
                        (false, false) => {
                            out.push_str(&format!("- **{}:** {text}\n", escape(&item.lead)))
                        }
                    }
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
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let trimmed = line.trim_start();
        // A line that would start a heading, list or quote is escaped.
        if trimmed.starts_with(['#', '-', '+', '>', '=']) {
            out.push_str(&line[..line.len() - trimmed.len()]);
            out.push('\\');
            push_escaped(&mut out, trimmed);
        } else {
            push_escaped(&mut out, line);
        }
    }
    out
}

fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
}

fn cell(text: &str) -> String {
    escape(text).replace('\n', " ")
}
