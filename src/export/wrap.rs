//! The lines textwrap makes of a paragraph (first fit, Unicode line
//! breaking, words longer than a line broken, hyphenated words split after
//! their hyphens), found without textwrap for the text minutes are made of:
//! Latin letters with or without accents, digits, common punctuation, Chinese
//! and Japanese characters, Hangul and CJK punctuation. A paragraph with any
//! other character is left to textwrap: see [`class`] for the alphabet.
//!
//! textwrap finds where a line may break with the Unicode line-breaking
//! algorithm (UAX #14, as ICU4X has it, strict), then measures and places
//! each word: most of the time of a long export. Here the rules of UAX #14
//! are applied only for the classes of the accepted characters, in the
//! rules' order, and only around where a line is full (a line takes every
//! word that ends within it); word by word where a word is longer than a
//! line. `tests/wrap.rs` compares with textwrap the break opportunities of
//! every accepted character beside one of each class, and of sequences of
//! those, and the lines of paragraphs with the exporter's indents.

use std::cell::RefCell;

/// The line-breaking class (UAX #14) of an accepted character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Space.
    Sp,
    /// Letters, and symbols that behave like them.
    Al,
    Nu,
    /// Ideographs, kana, Hangul syllables: a break may come before and
    /// after each.
    Id,
    /// Opening marks: `(`, `[`, `{`, `「`, `（`.
    Op,
    /// Closing marks: `}`, `、`, `。`, `」`, `）`, `，`.
    Cl,
    /// `)` and `]`.
    Cp,
    /// `!`, `?`, `！`, `？`.
    Ex,
    /// `,` `.` `:` `;`.
    Is,
    /// `/`.
    Sy,
    /// `-`.
    Hy,
    /// `|` and `–`: a break may come after them, not before.
    Ba,
    /// `—`.
    B2,
    /// `"` and `'`: no break on either side.
    Qu,
    /// `‘` and `“`.
    Pi,
    /// `’` and `”`.
    Pf,
    /// `…`.
    In,
    /// Marks that may not begin a line: `：`, `；`, `・`, small kana, `ー`.
    Ns,
    /// `$`, `+`, `\`.
    Pr,
    /// `%`.
    Po,
}

use Class::*;

/// The class of `c`, or `None` for a character the fast path leaves to
/// textwrap. Every accepted character is one or two columns wide; two
/// exactly when it is East Asian wide or fullwidth (which matters for
/// quotation marks and brackets beside it).
fn class(c: char) -> Option<Class> {
    Some(match c {
        ' ' => Sp,
        'a'..='z' | 'A'..='Z' => Al,
        '0'..='9' => Nu,
        '#' | '&' | '*' | '<' | '=' | '>' | '@' | '^' | '_' | '`' | '~' => Al,
        '!' | '?' => Ex,
        '"' | '\'' => Qu,
        '(' | '[' | '{' => Op,
        ')' | ']' => Cp,
        '}' => Cl,
        ',' | '.' | ':' | ';' => Is,
        '/' => Sy,
        '-' => Hy,
        '|' => Ba,
        '$' | '+' | '\\' => Pr,
        '%' => Po,
        // Latin-1 letters but × and ÷; Latin Extended-A and -B; Latin
        // Extended Additional (Vietnamese).
        '\u{C0}'..='\u{D6}'
        | '\u{D8}'..='\u{F6}'
        | '\u{F8}'..='\u{24F}'
        | '\u{1E00}'..='\u{1EFF}' => Al,
        '\u{2013}' => Ba,
        '\u{2014}' => B2,
        '\u{2018}' | '\u{201C}' => Pi,
        '\u{2019}' | '\u{201D}' => Pf,
        '\u{2026}' => In,
        // 、。
        '\u{3001}' | '\u{3002}' => Cl,
        // 〈〉《》「」『』【】: opening and closing in turn.
        '\u{3008}'..='\u{3011}' => {
            if (c as u32).is_multiple_of(2) {
                Op
            } else {
                Cl
            }
        }
        // Small kana, and ー: class CJ, which strict line breaking (the
        // default) treats as NS.
        'ぁ' | 'ぃ' | 'ぅ' | 'ぇ' | 'ぉ' | 'っ' | 'ゃ' | 'ゅ' | 'ょ' | 'ゎ' | 'ゕ' | 'ゖ' => {
            Ns
        }
        'ァ' | 'ィ' | 'ゥ' | 'ェ' | 'ォ' | 'ッ' | 'ャ' | 'ュ' | 'ョ' | 'ヮ' | 'ヵ' | 'ヶ'
        | 'ー' => Ns,
        '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' => Id,
        // ・
        '\u{30FB}' => Ns,
        // CJK Unified Ideographs and Extension A; Hangul syllables (H2 and
        // H3, which differ from ID only beside Hangul jamo, not accepted).
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7A3}' => Id,
        // ！（），：；？
        '\u{FF01}' | '\u{FF1F}' => Ex,
        '\u{FF08}' => Op,
        '\u{FF09}' | '\u{FF0C}' => Cl,
        '\u{FF1A}' | '\u{FF1B}' => Ns,
        _ => return None,
    })
}

/// Whether `c` is in the alphabet the fast path wraps.
pub fn accepts(c: char) -> bool {
    class(c).is_some()
}

#[derive(Debug, Clone, Copy)]
struct Char {
    /// Where it begins in the paragraph, in bytes.
    at: usize,
    class: Class,
    /// Two columns (and East Asian) rather than one.
    wide: bool,
    /// `-`, after which textwrap does not break but splits hyphenated
    /// words.
    hyphen: bool,
    alphanumeric: bool,
}

impl Char {
    fn width(self) -> usize {
        1 + usize::from(self.wide)
    }
}

thread_local! {
    /// The characters of the paragraph being wrapped, kept for the next.
    static CHARS: RefCell<Vec<Char>> = const { RefCell::new(Vec::new()) };
}

/// Wraps `paragraph` (one line of text, without `\n`) onto `out` as
/// textwrap does with [`super::text`]'s options at `width`, with `first`
/// and `rest` as initial and subsequent indents: each line its indent and
/// text without the spaces at their end, and a newline. Returns `false`,
/// having written nothing, for an empty paragraph, one with a character
/// outside the alphabet, or one that ends in `-` (where textwrap loses the
/// last break before it).
pub fn first_fit(out: &mut String, paragraph: &str, first: &str, rest: &str, width: usize) -> bool {
    if paragraph.is_empty() || paragraph.ends_with('-') {
        return false;
    }
    let rooms = [
        width.saturating_sub(textwrap::core::display_width(first)),
        width.saturating_sub(textwrap::core::display_width(rest)),
    ];
    let written = out.len();
    // Line by line, where that is word by word.
    if rooms[0] <= rooms[1] {
        match by_lines(out, paragraph, first, rest, rooms) {
            Lines::Made => return true,
            Lines::NotAccepted => {
                out.truncate(written);
                return false;
            }
            Lines::WordByWord => out.truncate(written),
        }
    }
    CHARS.with_borrow_mut(|chars| {
        if !classify(paragraph, chars) {
            return false;
        }
        let mut fill = Fill {
            text: paragraph,
            chars,
            widths: rooms,
            first,
            rest,
            lines: 0,
            start: None,
            end: 0,
            width: 0,
            out,
        };
        // textwrap puts an empty word first after an indent, so that a
        // first word too long for the first line begins the second.
        if !first.is_empty() {
            fill.word(0, 0, 0, 0);
        }
        let mut start = 0;
        for i in 1..=chars.len() {
            if i < chars.len() && !may_break(chars, i) {
                continue;
            }
            // The word is chars[start..i], spaces at its end apart.
            let mut end = i;
            while end > start && chars[end - 1].class == Sp {
                end -= 1;
            }
            fill.word_broken(start, end, i);
            start = i;
        }
        fill.finish();
        true
    })
}

enum Lines {
    Made,
    NotAccepted,
    /// A word does not fit on a line of its own: textwrap breaks it, or
    /// (the first, after a first indent) moves it to the next line.
    WordByWord,
}

/// The lines first fit makes, found a line at a time: a line takes every
/// word whose end (its spaces apart) is within the line's room, so it ends
/// at the last break opportunity before the first character that does not
/// fit, or after the spaces that character begins. Only for lines no wider
/// than the later ones (textwrap breaks words longer than a later line on
/// the first line too), and lines whose first word fits.
fn by_lines(out: &mut String, text: &str, first: &str, rest: &str, rooms: [usize; 2]) -> Lines {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut lines = 0;
    loop {
        let room = rooms[lines.min(1)];
        let indent = if lines == 0 { first } else { rest };
        // How far the line's room reaches: `fit` is where the first
        // character that does not fit begins, or the end.
        let mut fit = start;
        let mut column = 0;
        while fit < bytes.len() {
            if (b' '..=b'~').contains(&bytes[fit]) {
                // A run of printable ASCII characters, a column each.
                let most = (room - column).min(bytes.len() - fit);
                let run = bytes[fit..fit + most]
                    .iter()
                    .position(|b| !(b' '..=b'~').contains(b))
                    .unwrap_or(most);
                fit += run;
                column += run;
                if column == room {
                    break;
                }
                continue;
            }
            let c = text[fit..].chars().next().expect("within the text");
            if !accepts(c) {
                return Lines::NotAccepted;
            }
            let w = 1 + usize::from(c >= '\u{3000}');
            if column + w > room {
                break;
            }
            column += w;
            fit += c.len_utf8();
        }
        if fit == bytes.len() {
            super::text::push_line(out, indent, &text[start..]);
            return Lines::Made;
        }
        // The line ends after the spaces at `fit`, if a line may end there.
        let mut end = fit;
        while end < bytes.len() && bytes[end] == b' ' {
            end += 1;
        }
        if end == bytes.len() {
            super::text::push_line(out, indent, &text[start..]);
            return Lines::Made;
        }
        let mut next = None;
        if end > fit {
            match opportunity_at(text, end) {
                None => return Lines::NotAccepted,
                Some(true) => next = Some(end),
                Some(false) => {}
            }
        }
        // Or at the last opportunity before.
        let mut at = fit;
        while next.is_none() && at > start {
            match opportunity_at(text, at) {
                None => return Lines::NotAccepted,
                Some(true) => next = Some(at),
                Some(false) => {
                    at -= 1;
                    while !text.is_char_boundary(at) {
                        at -= 1;
                    }
                }
            }
        }
        let Some(next) = next else {
            return Lines::WordByWord;
        };
        super::text::push_line(out, indent, &text[start..next.min(fit)]);
        lines += 1;
        start = next;
    }
}

/// Whether a line may end before `text[at..]` (0 < at < len), from the
/// characters around it; `None` if one of them is not accepted.
fn opportunity_at(text: &str, at: usize) -> Option<bool> {
    let bytes = text.as_bytes();
    let (a, b) = (bytes[at - 1], bytes[at]);
    // Within a word, or before a space.
    if b == b' ' || (a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric()) {
        return Some(false);
    }
    // The characters at `at` and after it, the spaces before it as one
    // (the rules see any number alike), and the two characters before
    // those: all the rules look at; fewer only at either end of the text.
    let mut window = [None; 5];
    let mut before = text[..at].chars().rev().peekable();
    let mut spaces = false;
    while before.next_if_eq(&' ').is_some() {
        spaces = true;
    }
    let mut n = 0;
    if let Some(p1) = before.next() {
        if let Some(p2) = before.next() {
            window[n] = Some(p2);
            n += 1;
        }
        window[n] = Some(p1);
        n += 1;
    }
    if spaces {
        window[n] = Some(' ');
        n += 1;
    }
    let i = n;
    let mut after = text[at..].chars();
    window[n] = after.next();
    n += 1;
    if let Some(next) = after.next() {
        window[n] = Some(next);
        n += 1;
    }
    let mut chars = [Char {
        at: 0,
        class: Sp,
        wide: false,
        hyphen: false,
        alphanumeric: false,
    }; 5];
    for (char, c) in chars.iter_mut().zip(&window[..n]) {
        *char = to_char(0, (*c)?)?;
    }
    Some(may_break(&chars[..n], i))
}

/// `text`'s characters into `chars`, if all are accepted.
fn classify(text: &str, chars: &mut Vec<Char>) -> bool {
    chars.clear();
    for (at, c) in text.char_indices() {
        let Some(char) = to_char(at, c) else {
            return false;
        };
        chars.push(char);
    }
    true
}

fn to_char(at: usize, c: char) -> Option<Char> {
    Some(Char {
        at,
        class: class(c)?,
        wide: c >= '\u{3000}',
        hyphen: c == '-',
        alphanumeric: c.is_alphanumeric(),
    })
}

/// Where, in bytes, a line of `text` may end (neither at its beginning nor
/// at its end), or `None` if it has a character outside the alphabet: for
/// the tests that compare them with textwrap's words.
pub fn break_opportunities(text: &str) -> Option<Vec<usize>> {
    let mut chars = Vec::new();
    if !classify(text, &mut chars) {
        return None;
    }
    Some(
        (1..chars.len())
            .filter(|&i| may_break(&chars, i))
            .map(|i| chars[i].at)
            .collect(),
    )
}

/// Whether textwrap may end a line before `chars[i]` (0 < i < len): where
/// UAX #14 allows a break, but not after a hyphen, and after a hyphen
/// between letters or digits (textwrap's `HyphenSplitter`).
fn may_break(chars: &[Char], i: usize) -> bool {
    if chars[i - 1].hyphen {
        i >= 2 && chars[i - 2].alphanumeric && chars[i].alphanumeric
    } else {
        uax14_break(chars, i)
    }
}

/// UAX #14 (as ICU4X has it, strict) between `chars[i - 1]` and `chars[i]`, for
/// the classes above only. The rules in their order; those for classes not
/// accepted are left out.
fn uax14_break(chars: &[Char], i: usize) -> bool {
    let a = chars[i - 1];
    let b = chars[i];
    // The last character before the spaces before `b`, if any.
    let mut j = i - 1;
    while j > 0 && chars[j].class == Sp {
        j -= 1;
    }
    let before_spaces = (chars[j].class != Sp).then_some(j);
    let before_spaces_class = before_spaces.map(|j| chars[j].class);

    // LB7: × SP
    if b.class == Sp {
        return false;
    }
    // LB13: × CL, × CP, × EX, × SY
    if matches!(b.class, Cl | Cp | Ex | Sy) {
        return false;
    }
    // LB14: OP SP* ×
    if before_spaces_class == Some(Op) {
        return false;
    }
    // LB15a: (sot | OP | QU | SP) [\p{Pi}&QU] SP* ×
    if let Some(j) = before_spaces
        && chars[j].class == Pi
        && (j == 0 || matches!(chars[j - 1].class, Op | Qu | Pi | Pf | Sp))
    {
        return false;
    }
    // LB15b: × [\p{Pf}&QU] (SP | CL | QU | CP | EX | IS | SY | eot), which
    // matters only after spaces (LB19 has × QU after others)
    if b.class == Pf
        && chars
            .get(i + 1)
            .is_none_or(|n| matches!(n.class, Sp | Cl | Qu | Pi | Pf | Cp | Ex | Is | Sy))
    {
        return false;
    }
    // LB15d: × IS (ICU has not Unicode 16's LB15c, SP ÷ IS NU)
    if b.class == Is {
        return false;
    }
    // LB16: (CL | CP) SP* × NS
    if matches!(before_spaces_class, Some(Cl | Cp)) && b.class == Ns {
        return false;
    }
    // LB17: B2 SP* × B2
    if before_spaces_class == Some(B2) && b.class == B2 {
        return false;
    }
    // LB18: SP ÷
    if a.class == Sp {
        return true;
    }
    // LB19, as ICU has it (not Unicode 16's, which lets a curly quotation
    // mark between East Asian characters break): × QU, QU ×
    if matches!(b.class, Qu | Pi | Pf) || matches!(a.class, Qu | Pi | Pf) {
        return false;
    }
    // LB20a: (sot | SP) HY × AL
    if a.class == Hy && b.class == Al && (i < 2 || chars[i - 2].class == Sp) {
        return false;
    }
    // LB21: × BA, × HY, × NS
    if matches!(b.class, Ba | Hy | Ns) {
        return false;
    }
    // LB22: × IN
    if b.class == In {
        return false;
    }
    // LB23: AL × NU, NU × AL
    if matches!((a.class, b.class), (Al, Nu) | (Nu, Al)) {
        return false;
    }
    // LB23a: PR × ID, ID × PO (and LB27 for Hangul, here ID)
    if matches!((a.class, b.class), (Pr, Id) | (Id, Po)) {
        return false;
    }
    // LB24: (PR | PO) × AL, AL × (PR | PO)
    if matches!((a.class, b.class), (Pr | Po, Al) | (Al, Pr | Po)) {
        return false;
    }
    // LB25, as ICU has it (the pairs of Unicode 15.0 and before, whatever
    // comes before or after them): CL × PO, CP × PO, CL × PR, CP × PR,
    // NU × PO, NU × PR, PO × OP, PO × NU, PR × OP, PR × NU, HY × NU,
    // IS × NU, NU × NU, SY × NU.
    if matches!(
        (a.class, b.class),
        (Cl | Cp | Nu, Po | Pr) | (Po | Pr, Op | Nu) | (Hy | Is | Nu | Sy, Nu)
    ) {
        return false;
    }
    // LB28: AL × AL
    if a.class == Al && b.class == Al {
        return false;
    }
    // LB29: IS × AL
    if a.class == Is && b.class == Al {
        return false;
    }
    // LB30: (AL | NU) × [OP - $EastAsian], [CP - $EastAsian] × (AL | NU)
    if matches!(a.class, Al | Nu) && b.class == Op && !b.wide {
        return false;
    }
    if a.class == Cp && matches!(b.class, Al | Nu) {
        return false;
    }
    // LB31: ÷
    true
}

/// Lines filled first fit, as textwrap fills them.
struct Fill<'a> {
    text: &'a str,
    chars: &'a [Char],
    /// The room on the first line and on the others.
    widths: [usize; 2],
    first: &'a str,
    rest: &'a str,
    /// Lines made so far.
    lines: usize,
    /// Where the words on the line being filled begin, in characters; none
    /// before the first.
    start: Option<usize>,
    /// Where its last word ends (its spaces apart).
    end: usize,
    /// Its width, with the spaces after its last word.
    width: usize,
    out: &'a mut String,
}

impl Fill<'_> {
    /// A word, `chars[start..end]` followed by spaces to `spaces_end`, broken
    /// into pieces if it is wider than a line after the first (as textwrap
    /// breaks them: by that width, even on the first line).
    fn word_broken(&mut self, start: usize, end: usize, spaces_end: usize) {
        let width: usize = self.chars[start..end].iter().map(|c| c.width()).sum();
        let room = self.widths[1];
        if width <= room {
            self.word(start, end, spaces_end, width);
            return;
        }
        let mut piece_start = start;
        let mut piece_width = 0;
        for k in start..end {
            let w = self.chars[k].width();
            if piece_width > 0 && piece_width + w > room {
                self.word(piece_start, k, k, piece_width);
                piece_start = k;
                piece_width = w;
            } else {
                piece_width += w;
            }
        }
        self.word(piece_start, end, spaces_end, piece_width);
    }

    /// A word that is not broken: on this line if it fits, or if the line
    /// has nothing yet.
    fn word(&mut self, start: usize, end: usize, spaces_end: usize, width: usize) {
        let room = self.widths[self.lines.min(1)];
        if self.start.is_some() && self.width + width > room {
            self.finish();
        }
        if self.start.is_none() {
            self.start = Some(start);
        }
        self.end = end;
        self.width += width + (spaces_end - end);
    }

    /// The line being filled, made.
    fn finish(&mut self) {
        let Some(start) = self.start.take() else {
            return;
        };
        let at = |k: usize| self.chars.get(k).map_or(self.text.len(), |c| c.at);
        let indent = if self.lines == 0 {
            self.first
        } else {
            self.rest
        };
        super::text::push_line(self.out, indent, &self.text[at(start)..at(self.end)]);
        self.lines += 1;
        self.width = 0;
    }
}
