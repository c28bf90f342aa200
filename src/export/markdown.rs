//! Markdown (CommonMark with pipe tables): escaping text so that it shows
//! as typed. The Markdown templates call these through their filters.

/// Text with Markdown's inline syntax characters escaped, so a name like
/// `*Ana*` or a note with `<b>` is shown as typed.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

/// [`escape`], onto `out`.
pub fn push_escaped(out: &mut String, text: &str) {
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

/// [`escape`] for a table cell: on one line.
pub fn cell(text: &str) -> String {
    escape(text).replace('\n', " ")
}
