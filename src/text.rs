//! Fitting text into columns by display width: a Chinese character takes
//! two columns, a combining accent none. Shared by the screen and the exports.
//! Also: making text from a file safe to print, and telling blank text.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;

use unicode_normalization::char::is_combining_mark;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `s` as it can be printed safely: every character that a terminal would
/// act on rather than show, or that reorders the text around it, is written
/// as Rust writes it in a string literal, `\u{hex}` (ESC is `\u{1b}`).
///
/// Those are the C0 controls but tab and newline (so `\r`, ESC, BEL and NUL
/// too), DEL, the C1 controls (U+0080 to U+009F, which some terminals obey as
/// ESC sequences), and the bidi embeddings, overrides and isolates (U+202A
/// to U+202E, U+2066 to U+2069: "Trojan Source"). The result holds none of
/// them. It is for showing, not a reversible encoding: `\` is left alone,
/// so escaping twice changes nothing and a typed `\u{1b}` reads the same.
/// Clean text, nearly all text, is returned as it is, without a copy.
pub fn escape_controls(s: &str) -> Cow<'_, str> {
    if !s.chars().any(acts_on_terminal) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if acts_on_terminal(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` without the characters a terminal acts on (ESC, BEL, NUL, the C1
/// controls) or that reorder the text around them (bidi overrides), nor the
/// invisible marks a copy from a web page or a PDF brings along (zero-width
/// space, byte-order mark, direction marks), over which the cursor would
/// stop with nothing moving: pasted into a line, they would be kept, shown
/// escaped and exported as `\u{1b}`, and they upset the line's width. The
/// joiners that shape emoji and Persian words stay. A tab or a line break
/// is a space. Clean text is returned as it is.
pub fn without_controls(text: &str) -> Cow<'_, str> {
    let unwanted = |c: char| {
        c.is_control()
            || acts_on_terminal(c)
            || matches!(
                c,
                '\u{200b}' | '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{feff}'
            )
    };
    if !text.chars().any(unwanted) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter_map(|c| match c {
                '\t' | '\n' | '\r' => Some(' '),
                c if unwanted(c) => None,
                c => Some(c),
            })
            .collect(),
    )
}

/// The characters [`escape_controls`] escapes.
fn acts_on_terminal(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether `s` shows nothing: only spaces, controls, zero-width characters
/// (U+200B, U+2060, U+FEFF, ...) or combining marks with nothing to combine
/// with. A name like that would be a blank line on the roster.
pub fn is_blank(s: &str) -> bool {
    s.chars().all(|c| {
        c.is_whitespace() || c.is_control() || is_combining_mark(c) || is_default_ignorable(c)
    })
}

/// Unicode's Default_Ignorable_Code_Point: characters with no glyph of their
/// own (zero-width spaces and joiners, bidi controls, variation selectors,
/// Hangul fillers, tags).
fn is_default_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{00ad}'
            | '\u{034f}'
            | '\u{061c}'
            | '\u{115f}'..='\u{1160}'
            | '\u{17b4}'..='\u{17b5}'
            | '\u{180b}'..='\u{180f}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}'
            | '\u{3164}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{feff}'
            | '\u{ffa0}'
            | '\u{fff0}'..='\u{fff8}'
            | '\u{1bca0}'..='\u{1bca3}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0000}'..='\u{e0fff}'
    )
}

/// `s` cut to at most `width` columns, with `…` where it was cut.
pub fn fit(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// `s` in pieces of at most `width` columns as a terminal shows them, cut
/// between characters: a character that shows nothing (a combining accent,
/// a variation selector, a joiner) stays with the one before it. Counting
/// character by character, as `textwrap` does, takes an emoji with its
/// variation selector (`❤️`) for one column where the terminal shows two:
/// this fits such text after all. A piece holds one character at least.
pub fn split_to_width(s: &str, width: usize) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut piece = String::new();
    // Where the last character that shows something starts in `piece`.
    let mut last_start = 0;
    for c in s.chars() {
        if c.width().unwrap_or(0) > 0 {
            let mut longer = piece.clone();
            longer.push(c);
            if !piece.is_empty() && longer.width() > width {
                pieces.push(std::mem::take(&mut piece));
            }
            last_start = piece.len();
            piece.push(c);
        } else {
            piece.push(c);
            // A selector that widens the character before it past the end:
            // the two go on together.
            if piece.width() > width && last_start > 0 {
                let rest = piece.split_off(last_start);
                pieces.push(std::mem::replace(&mut piece, rest));
                last_start = 0;
            }
        }
    }
    if !piece.is_empty() || pieces.is_empty() {
        pieces.push(piece);
    }
    pieces
}

/// `s` padded with spaces on the right to `width` columns.
pub fn pad(s: &str, width: usize) -> String {
    format!("{s}{}", " ".repeat(width.saturating_sub(s.width())))
}

/// `s` padded with spaces on the left to `width` columns.
pub fn pad_left(s: &str, width: usize) -> String {
    format!("{}{s}", " ".repeat(width.saturating_sub(s.width())))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_wrap_is_kept_for_its_text_width_and_indent_only() {
        let memo = WrapMemo::default();
        let wraps = std::cell::Cell::new(0);
        let wrap = |text: &str| {
            wraps.set(wraps.get() + 1);
            vec![text.to_uppercase()]
        };
        assert_eq!(memo.lines("ab", 10, 2, || wrap("ab")), ["AB"]);
        assert_eq!(memo.lines("ab", 10, 2, || wrap("no")), ["AB"]);
        assert_eq!(wraps.get(), 1, "wrapped once");
        assert_eq!(memo.lines("ab", 11, 2, || wrap("ab")), ["AB"]);
        assert_eq!(memo.lines("ab", 10, 0, || wrap("ab")), ["AB"]);
        assert_eq!(memo.lines("abc", 10, 2, || wrap("abc")), ["ABC"]);
        assert_eq!(
            wraps.get(),
            4,
            "another width, indent or text is wrapped anew"
        );
        for n in 0..WrapMemo::KEPT {
            memo.lines(&n.to_string(), 10, 0, || wrap("x"));
        }
        assert!(
            memo.0.borrow().len() <= WrapMemo::KEPT,
            "never more than KEPT"
        );
    }

    use super::*;

    #[test]
    fn control_characters_are_escaped_as_rust_writes_them() {
        assert_eq!(
            escape_controls("a\x1b[2J\x1b]0;t\x07\r\0\x7f\u{9b}\u{202e}\u{2066}b"),
            r"a\u{1b}[2J\u{1b}]0;t\u{7}\u{d}\u{0}\u{7f}\u{9b}\u{202e}\u{2066}b"
        );
    }

    #[test]
    fn escaped_text_holds_no_control_characters_and_escapes_the_same_again() {
        let all: String = ('\0'..='\u{a0}').chain('\u{2000}'..='\u{2070}').collect();
        let once = escape_controls(&all).into_owned();
        assert!(!once.chars().any(acts_on_terminal), "{once:?}");
        assert_eq!(escape_controls(&once), once);
    }

    #[test]
    fn clean_text_is_borrowed_with_tabs_and_newlines() {
        let clean = "王丽\tZoë\nNúñez 🌻 \\u{1b} \u{200b}";
        assert!(matches!(escape_controls(clean), Cow::Borrowed(s) if s == clean));
    }

    #[test]
    fn text_of_invisible_characters_is_blank() {
        for blank in [
            "",
            " \t",
            "\u{200b}",
            "\u{200c}\u{200d}\u{2060}",
            "\u{feff}",
            "\u{301}\u{20dd}",
            "\u{3000}",
        ] {
            assert!(is_blank(blank), "{blank:?}");
        }
        for name in ["Lena", "Zoe\u{308}", "\u{200b}王", "-", "🌻"] {
            assert!(!is_blank(name), "{name:?}");
        }
    }

    #[test]
    fn pieces_fit_as_the_terminal_counts_emoji_with_selectors() {
        let hearts = "❤\u{fe0f}".repeat(5);
        let pieces = split_to_width(&hearts, 4);
        assert_eq!(
            pieces,
            ["❤\u{fe0f}❤\u{fe0f}", "❤\u{fe0f}❤\u{fe0f}", "❤\u{fe0f}"]
        );
        assert_eq!(split_to_width("ab❤\u{fe0f}", 3), ["ab", "❤\u{fe0f}"]);
        assert_eq!(split_to_width("王丽王", 3), ["王", "丽", "王"]);
        assert_eq!(split_to_width("Zoe\u{308} 🌻", 4), ["Zoe\u{308} ", "🌻"]);
        assert_eq!(split_to_width("王", 1), ["王"], "one character at least");
        assert_eq!(split_to_width("", 3), [""]);
        for piece in split_to_width(&"a❤\u{fe0f}王👩\u{200d}🔬e\u{301}".repeat(9), 5) {
            assert!(piece.width() <= 5, "{piece:?}");
        }
    }

    #[test]
    fn wide_characters_count_twice() {
        assert_eq!(fit("王丽王丽", 5), "王丽…");
        assert_eq!(pad("王丽", 6), "王丽  ");
        assert_eq!(pad_left("Zoë", 5), "  Zoë");
    }
}

/// Lines wrapped once and kept, for text drawn again frame after frame
/// (the log's entries on screen): wrapping by the Unicode rules was a
/// quarter of a frame. Keyed by everything the lines depend on, so a
/// changed text is simply another key; forgotten wholesale when it holds
/// many more texts than a screen shows.
#[derive(Debug, Default)]
pub struct WrapMemo(RefCell<HashMap<(String, usize, usize), Vec<String>>>);

impl WrapMemo {
    /// How many wrapped texts are kept at most: many screens' worth.
    const KEPT: usize = 2_000;

    /// The lines of `text` at `width` with an indent of `indent` columns,
    /// wrapped by `wrap` the first time.
    pub fn lines(
        &self,
        text: &str,
        width: usize,
        indent: usize,
        wrap: impl FnOnce() -> Vec<String>,
    ) -> Vec<String> {
        let key = (text.to_string(), width, indent);
        let mut memo = self.0.borrow_mut();
        if let Some(lines) = memo.get(&key) {
            return lines.clone();
        }
        if memo.len() >= Self::KEPT {
            memo.clear();
        }
        let lines = wrap();
        memo.insert(key, lines.clone());
        lines
    }
}
