//! Finds where a field or a list item of a session stands in its RON text,
//! so that errors about values (an inconsistent entry, a newer version) can
//! name a line and column as syntax errors do. A small scanner of RON's
//! lexical structure, not a parser: it only needs to skip values.

/// One step from the session down to a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'a> {
    /// A field of the struct here: `title: …`.
    Field(&'a str),
    /// An item of the list here, 0-based.
    Item(usize),
}

/// The 1-based line and column (in characters) of the value that `path`
/// leads to, or `None` when the text does not have it.
pub fn position(text: &str, path: &[Step]) -> Option<(usize, usize)> {
    let at = locate(text, path)?;
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    Some((line, col))
}

fn locate(text: &str, path: &[Step]) -> Option<usize> {
    let mut c = Cursor {
        s: text.as_bytes(),
        i: 0,
    };
    c.skip_blank();
    // Inner attributes: `#![enable(implicit_some)]`.
    while c.peek() == Some(b'#') {
        c.i += 1;
        if c.peek() == Some(b'!') {
            c.i += 1;
        }
        c.skip_value()?;
        c.skip_blank();
    }
    for step in path {
        match *step {
            Step::Field(name) => c.enter_field(name)?,
            Step::Item(index) => c.enter_item(index)?,
        }
    }
    Some(c.i)
}

struct Cursor<'a> {
    s: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    /// Skips white space and comments (`//`, and nested `/* */`).
    fn skip_blank(&mut self) {
        loop {
            match (self.peek(), self.s.get(self.i + 1)) {
                (Some(b), _) if b.is_ascii_whitespace() => self.i += 1,
                (Some(b'/'), Some(b'/')) => {
                    while self.peek().is_some_and(|b| b != b'\n') {
                        self.i += 1;
                    }
                }
                (Some(b'/'), Some(b'*')) => {
                    let mut depth = 0;
                    while self.i < self.s.len() {
                        if self.s[self.i..].starts_with(b"/*") {
                            depth += 1;
                            self.i += 2;
                        } else if self.s[self.i..].starts_with(b"*/") {
                            depth -= 1;
                            self.i += 2;
                            if depth == 0 {
                                break;
                            }
                        } else {
                            self.i += 1;
                        }
                    }
                }
                _ => return,
            }
        }
    }

    fn is_word(b: u8) -> bool {
        b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'+' | b'-') || b >= 0x80
    }

    /// Skips one value: a string, a char, a group, or a word (number,
    /// identifier) with the group that may follow it (`Some(…)`).
    fn skip_value(&mut self) -> Option<()> {
        match self.peek()? {
            b'"' => self.skip_string(),
            b'\'' => {
                self.i += 1;
                while self.peek()? != b'\'' {
                    self.i += if self.peek()? == b'\\' { 2 } else { 1 };
                }
                self.i += 1;
                Some(())
            }
            b'r' if matches!(self.s.get(self.i + 1), Some(b'"' | b'#')) => self.skip_raw_string(),
            b'b' if self.s.get(self.i + 1) == Some(&b'"') => {
                self.i += 1;
                self.skip_string()
            }
            b'(' | b'[' | b'{' => self.skip_group(),
            b if Self::is_word(b) => {
                while self.peek().is_some_and(Self::is_word) {
                    self.i += 1;
                }
                let save = self.i;
                self.skip_blank();
                if matches!(self.peek(), Some(b'(' | b'{')) {
                    self.skip_group()
                } else {
                    self.i = save;
                    Some(())
                }
            }
            _ => None,
        }
    }

    fn skip_string(&mut self) -> Option<()> {
        self.i += 1;
        loop {
            match self.peek()? {
                b'\\' => self.i += 2,
                b'"' => {
                    self.i += 1;
                    return Some(());
                }
                _ => self.i += 1,
            }
        }
    }

    fn skip_raw_string(&mut self) -> Option<()> {
        self.i += 1;
        let hashes = self.s[self.i..].iter().take_while(|&&b| b == b'#').count();
        self.i += hashes;
        if self.peek()? != b'"' {
            return None;
        }
        self.i += 1;
        let mut end = vec![b'"'];
        end.extend(std::iter::repeat_n(b'#', hashes));
        while !self.s[self.i..].starts_with(&end) {
            self.i += 1;
            self.peek()?;
        }
        self.i += end.len();
        Some(())
    }

    fn skip_group(&mut self) -> Option<()> {
        let close = match self.peek()? {
            b'(' => b')',
            b'[' => b']',
            _ => b'}',
        };
        self.i += 1;
        loop {
            self.skip_blank();
            if self.peek()? == close {
                self.i += 1;
                return Some(());
            }
            self.skip_value()?;
            self.skip_blank();
            if matches!(self.peek()?, b',' | b':') {
                self.i += 1;
            }
        }
    }

    /// In a struct `Name(a: …, b: …)` or `(a: …)`: moves to `name`'s value.
    fn enter_field(&mut self, name: &str) -> Option<()> {
        self.skip_blank();
        while self.peek().is_some_and(Self::is_word) {
            self.i += 1; // the struct's name, if written
        }
        self.skip_blank();
        if self.peek()? != b'(' {
            return None;
        }
        self.i += 1;
        loop {
            self.skip_blank();
            let start = self.i;
            while self.peek().is_some_and(Self::is_word) {
                self.i += 1;
            }
            if start == self.i {
                return None; // `)` or something unexpected: no such field
            }
            let field = &self.s[start..self.i];
            self.skip_blank();
            if self.peek()? != b':' {
                return None;
            }
            self.i += 1;
            self.skip_blank();
            if field == name.as_bytes() {
                return Some(());
            }
            self.skip_value()?;
            self.skip_blank();
            if self.peek()? == b',' {
                self.i += 1;
            }
        }
    }

    /// In a list `[…]`: moves to item `index`.
    fn enter_item(&mut self, index: usize) -> Option<()> {
        self.skip_blank();
        if self.peek()? != b'[' {
            return None;
        }
        self.i += 1;
        for _ in 0..index {
            self.skip_blank();
            if self.peek()? == b']' {
                return None;
            }
            self.skip_value()?;
            self.skip_blank();
            if self.peek()? == b',' {
                self.i += 1;
            }
        }
        self.skip_blank();
        (self.peek()? != b']').then_some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r##"#![enable(implicit_some)]
(
    version: 1,
    title: "a (tricky) \"title\", with: colons", // comment (
    /* block /* nested */ comment */
    agenda: [],
    entries: [
        (id: 1, kind: Speech(speaker: 1, ended_at: None), text: r#"raw ) ] "# ),
        (
            id: 2,
            text: 'x',
        ),
    ],
    journal_seq: 7,
)
"##;

    #[test]
    fn finds_fields_and_items_past_strings_comments_and_groups() {
        assert_eq!(position(TEXT, &[Step::Field("version")]), Some((3, 14)));
        assert_eq!(
            position(TEXT, &[Step::Field("journal_seq")]),
            Some((14, 18))
        );
        assert_eq!(
            position(TEXT, &[Step::Field("entries"), Step::Item(1)]),
            Some((9, 9))
        );
        assert_eq!(
            position(TEXT, &[Step::Field("entries"), Step::Item(0)]),
            Some((8, 9))
        );
        assert_eq!(
            position(TEXT, &[Step::Field("entries"), Step::Item(2)]),
            None
        );
        assert_eq!(position(TEXT, &[Step::Field("missing")]), None);
    }
}
