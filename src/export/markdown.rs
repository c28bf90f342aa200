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
    if !text.bytes().any(|b| b == b'\n' || special(b))
        && block_marker(text.trim_start(), false) == 0
    {
        out.push_str(text);
        return;
    }
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let trimmed = line.trim_start();
        out.push_str(&line[..line.len() - trimmed.len()]);
        // A line that would start a heading, list or quote: its marker's
        // last character escaped (`\#`, `1\.`), once: `>` is escaped
        // inline anyway.
        match block_marker(trimmed, i > 0) {
            0 => push_escaped_inline(out, trimmed),
            n => {
                let (marker, rest) = trimmed.split_at(n);
                let (lead, last) = marker.split_at(n - 1);
                out.push_str(lead);
                out.push('\\');
                out.push_str(last);
                push_escaped_inline(out, rest);
            }
        }
    }
}

/// The length of what would start a heading, list, quote or rule at the
/// start of `line` (`#`, `-`, `+`, `=`, and on a `later` line `1.`,
/// `12)`), whose last character the line's escape is put before; 0 for
/// none. `>` is escaped inline. A text's first line follows something on
/// its line in every template (`## `, a lead): a number there starts no
/// list, and `## 1\. Opening` would only be noise.
fn block_marker(line: &str, later: bool) -> usize {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    match (line.as_bytes().first(), line.as_bytes().get(digits)) {
        (Some(b'#' | b'-' | b'+' | b'='), _) => 1,
        (Some(b'0'..=b'9'), Some(b'.' | b')')) if later && digits <= 9 => digits + 1,
        _ => 0,
    }
}

/// Markdown's inline syntax characters.
fn special(b: u8) -> bool {
    matches!(
        b,
        b'\\' | b'*' | b'_' | b'`' | b'[' | b']' | b'<' | b'>' | b'|' | b'~' | b'&'
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
