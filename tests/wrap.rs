//! The fast path of plain-text wrapping (`src/export/wrap.rs`) makes
//! exactly the lines textwrap makes, with the options `src/export/text.rs`
//! gives it, for every paragraph it accepts:
//!
//! - every accepted character, beside one of each class, breaks where
//!   textwrap (UAX #14 as ICU4X implements it, and its hyphen splitting)
//!   breaks, and is as wide as textwrap measures it;
//! - any sequence of those representatives breaks where textwrap breaks;
//! - paragraphs of the words, CJK runs and punctuation minutes hold, with
//!   the indents the exporter uses and others, are the same lines, and so
//!   are real notes;
//! - (ignored, for `--release`) every sequence of four representatives,
//!   with and without spaces, breaks where textwrap breaks.
//!
//! None of these found a line of textwrap's that is wrong (too wide, or
//! broken where UAX #14 forbids), so lines are compared for equality,
//! without exception. The one quirk of textwrap's met, losing the last
//! break of a paragraph that ends in `-`, is not copied: such paragraphs
//! are left to textwrap.

use std::sync::LazyLock;

use minutes::export::{text, wrap};
use proptest::prelude::*;
use textwrap::word_splitters::split_words;
use textwrap::{WordSeparator, WordSplitter};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// U+200B ZERO WIDTH SPACE: no break precedes it (LB7), and the rules see
/// it as they see the end of the text before it.
const ZW: char = '\u{200B}';

/// The options of `src/export/text.rs`.
fn options<'a>(first: &'a str, rest: &'a str) -> textwrap::Options<'a> {
    textwrap::Options::new(text::WIDTH)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
        .word_separator(textwrap::WordSeparator::UnicodeBreakProperties)
        .initial_indent(first)
        .subsequent_indent(rest)
}

/// textwrap's lines, each without the spaces at its end (as the exporter
/// writes them).
fn textwrap_lines(text: &str, first: &str, rest: &str) -> Vec<String> {
    textwrap::wrap(text, options(first, rest))
        .iter()
        .map(|line| line.trim_end().to_string())
        .collect()
}

/// The fast path's lines, or `None` if it leaves `text` to textwrap.
fn fast_lines(text: &str, first: &str, rest: &str) -> Option<Vec<String>> {
    let mut out = String::new();
    let accepted = wrap::first_fit(&mut out, text, first, rest, text::WIDTH);
    assert_eq!(accepted, !out.is_empty(), "lines only if accepted");
    accepted.then(|| out.lines().map(String::from).collect())
}

/// Where textwrap may end a line of `text`, in bytes: after each of its
/// words, as split at hyphens, but the last.
fn textwrap_opportunities(text: &str) -> Vec<usize> {
    let words = WordSeparator::UnicodeBreakProperties.find_words(text);
    let mut at = 0;
    let mut opportunities = Vec::new();
    for word in split_words(words, &WordSplitter::HyphenSplitter) {
        assert_eq!(word.penalty, "");
        at += word.word.len() + word.whitespace.len();
        opportunities.push(at);
    }
    assert_eq!(at, text.len(), "words are the whole text");
    opportunities.pop();
    opportunities
}

/// textwrap's opportunities in `text` followed by a zero-width space
/// (which is as the end of the text to the rules, but spares a text ending
/// in `-` textwrap's loss of the break before it): those the fast path
/// must find in `text`.
fn textwrap_opportunities_in(text: &str) -> Vec<usize> {
    let opportunities = textwrap_opportunities(&format!("{text}{ZW}"));
    if !text.ends_with('-') {
        assert_eq!(opportunities, textwrap_opportunities(text), "{text:?}");
    }
    opportunities
}

/// One character of each class the fast path knows, narrow and wide.
const REPRESENTATIVES: &str = " a5é中가あッー(（「)}。）」!！?,./-|–—\"'‘’“”…：・$%+";

/// Every character the fast path accepts.
static ALPHABET: LazyLock<Vec<char>> = LazyLock::new(|| {
    (0..=char::MAX as u32)
        .filter_map(char::from_u32)
        .filter(|&c| wrap::accepts(c))
        .collect()
});

#[test]
fn the_alphabet_is_what_minutes_are_written_in() {
    let must = "Hello, world! Zürich naïve Łukasz Nguyễn Dvořák Şahin 09:12 (PKU) \
                [1/2] 3.5 1,000 50% $5 a+b C:\\x #1 & * < = > @ ^ _ ` ~ { | } \
                – — ‘ ’ “ ” … 讨论了提案，各方同意。「資料」を公開する！？（予算）\
                デジタル化・ー 자료를 공개합니다 、：；《》【】〈〉『』";
    for c in must.chars() {
        assert!(wrap::accepts(c), "{c:?} U+{:04X}", c as u32);
    }
    // Characters whose line breaking or width the fast path does not
    // follow: emoji, combining marks, joiners, other scripts, controls,
    // other spaces, the soft hyphen.
    let left = "😀❤\u{FE0F}\u{301}\u{200D}\u{200B}\u{2060}ไทยعربيעברית\t\r\u{1B}\u{A0}\u{3000}\u{AD}«»¡¿×÷°§´·\u{2010}\u{2011}\u{2012}\u{2015}\u{2022}\u{1100}\u{3005}ヽゝ";
    for c in left.chars() {
        assert!(!wrap::accepts(c), "{c:?} U+{:04X}", c as u32);
    }
}

#[test]
fn every_accepted_character_is_as_wide_as_textwrap_and_unicode_width_say() {
    for &c in ALPHABET.iter() {
        let width = textwrap::core::display_width(c.encode_utf8(&mut [0; 4]));
        assert_eq!(c.width(), Some(width), "{c:?} U+{:04X}", c as u32);
        let expected = if c >= '\u{3000}' { 2 } else { 1 };
        assert_eq!(width, expected, "{c:?} U+{:04X}", c as u32);
    }
}

#[test]
fn every_accepted_character_breaks_where_textwrap_breaks() {
    let representatives: Vec<char> = REPRESENTATIVES.chars().collect();
    for &r in &representatives {
        assert!(wrap::accepts(r), "{r:?}");
    }
    // A space's contexts are those of the others beside a space.
    for &c in ALPHABET.iter().filter(|&&c| c != ' ') {
        // The character before and after one of each class:
        // `c r1 c r2 ... c rn c`.
        let mut text = String::from(c);
        for &r in &representatives {
            text.push(r);
            text.push(c);
        }
        assert_eq!(
            wrap::break_opportunities(&text).expect("accepted"),
            textwrap_opportunities_in(&text),
            "{c:?} U+{:04X} in {text:?}",
            c as u32
        );
    }
}

fn representative() -> impl Strategy<Value = char> {
    prop::sample::select(REPRESENTATIVES.chars().collect::<Vec<_>>())
}

/// Pieces of minutes: words, spaces, CJK runs and punctuation, hyphenated
/// and long words, numbers.
fn piece() -> impl Strategy<Value = String> {
    let fixed = prop::sample::select(vec![
        "the",
        "committee",
        "Zürich",
        "naïve",
        "Nguyễn",
        "a",
        "I",
        " ",
        " ",
        " ",
        "  ",
        "   ",
        "讨论了提案",
        "各方同意共享数据",
        "資料を公開する",
        "デジタル化の予算",
        "ッ",
        "ー",
        "자료를",
        "공개합니다",
        "，",
        "。",
        "、",
        "！",
        "？",
        "「",
        "」",
        "（",
        "）",
        "：",
        "；",
        "・",
        "《",
        "》",
        "【",
        "】",
        "!",
        "?",
        ".",
        ",",
        ":",
        ";",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        "/",
        "\\",
        "|",
        "-",
        "--",
        "–",
        "—",
        "…",
        "\"",
        "'",
        "‘",
        "’",
        "“",
        "”",
        "$",
        "%",
        "+",
        "#",
        "&",
        "*",
        "@",
        "2027",
        "3.5",
        "1,000",
        "09:12",
        "2027-04-14",
        "1/2",
        "50%",
        "$5",
        "-1",
        ".5",
        "CIDOC-CRM",
        "Long-term",
        "e-mail",
        "王-丽",
        "x-",
        "-y",
        "and/or",
        "http://example.org/a-b",
        "Students'",
        "Hohenzollern-Sigmaringen-Wittelsbach-Hohenstaufen-Habsburg-Lothringen-Bourbon",
        "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsanstalt",
        "各方同意共享数据需要更多时间讨论预算问题元数据标准下次会议再议图像开放许可已经讨论了提案",
    ])
    .prop_map(String::from);
    let any = prop::sample::select(ALPHABET.clone()).prop_map(String::from);
    let run = prop::collection::vec(representative(), 1..6).prop_map(String::from_iter);
    prop_oneof![6 => fixed, 1 => any, 1 => run]
}

fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..80).prop_map(|pieces| pieces.concat())
}

/// First and later lines' indents: those the exporter writes (a paragraph,
/// a list item, fields), and others.
fn indents() -> impl Strategy<Value = (&'static str, &'static str)> {
    prop::sample::select(vec![
        ("", ""),
        ("  - ", "    "),
        ("    ", "    "),
        ("Date:       ", "            "),
        ("Participants: ", "              "),
        ("  - ", ""),
        ("", "    "),
        ("会议：", "      "),
        (
            "                                                                           x",
            "                                                                            ",
        ),
        (
            "                                                                                ",
            "                                                                                  ",
        ),
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    /// Sequences of every class's representatives break where textwrap
    /// breaks.
    #[test]
    fn representatives_break_where_textwrap_breaks(
        chars in prop::collection::vec(representative(), 1..14),
    ) {
        let text = String::from_iter(chars);
        prop_assert_eq!(
            wrap::break_opportunities(&text).unwrap(),
            textwrap_opportunities_in(&text)
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    /// The fast path makes textwrap's lines for every paragraph it takes,
    /// which is every paragraph of its alphabet but those ending in `-`.
    #[test]
    fn the_fast_path_makes_textwrap_lines(
        text in paragraph(),
        (first, rest) in indents(),
    ) {
        let lines = fast_lines(&text, first, rest);
        prop_assert_eq!(lines.is_some(), !text.is_empty() && !text.ends_with('-'));
        // textwrap returns a line shorter than the width whole, if it has
        // no indent; the exporter takes those before either.
        if let Some(lines) = lines
            && !(first.is_empty() && text.len() < text::WIDTH)
        {
            prop_assert_eq!(&lines, &textwrap_lines(&text, first, rest));
            // No line is too wide, if the indents leave room for a
            // character.
            if first.width().max(rest.width()) <= text::WIDTH - 2 {
                for line in &lines {
                    prop_assert!(line.width() <= text::WIDTH, "{} columns: {}", line.width(), line);
                }
            }
        }
    }

    /// What the exporter writes is what textwrap makes, in a paragraph, a
    /// list item and a field.
    #[test]
    fn exported_lines_are_those_textwrap_makes(
        text in paragraph(),
        more in paragraph(),
        lead in paragraph(),
    ) {
        let text = format!("{text}\n{more}");
        let item_text = if lead.is_empty() { text.clone() } else { format!("{lead}: {text}") };
        // As the text template lays out a paragraph, an entry and a field.
        let mut out = String::new();
        text::wrap(&mut out, &text, "", "", text::WIDTH);
        text::wrap(&mut out, &item_text, "  - ", "    ", text::WIDTH);
        text::wrap(&mut out, &text, "Date:         ", "              ", text::WIDTH);
        let mut expected = textwrap_lines(&text, "", "");
        expected.extend(textwrap_lines(&item_text, "  - ", "    "));
        expected.extend(textwrap_lines(&text, "Date:         ", "              "));
        let lines: Vec<&str> = out.lines().collect();
        prop_assert_eq!(lines, expected);
    }
}

/// Every sequence of four representatives, with or without a space between
/// each two: 18.5 million texts, for `cargo test --release --test wrap --
/// --ignored` (about 15 seconds; minutes unoptimised).
#[test]
#[ignore]
fn every_four_representatives_break_where_textwrap_breaks() {
    let representatives: Vec<char> = REPRESENTATIVES.chars().collect();
    let mut text = String::new();
    for &a in &representatives {
        for &b in &representatives {
            for &c in &representatives {
                for &d in &representatives {
                    for spaces in 0..8 {
                        text.clear();
                        for (k, x) in [a, b, c, d].into_iter().enumerate() {
                            if k > 0 && spaces & (1 << (k - 1)) != 0 {
                                text.push(' ');
                            }
                            text.push(x);
                        }
                        assert_eq!(
                            wrap::break_opportunities(&text).unwrap(),
                            textwrap_opportunities_in(&text),
                            "{text:?}"
                        );
                    }
                }
            }
        }
    }
}

/// The notes of real meetings (`tests/data/notes_corpus.txt`), three at a
/// time to be long enough to wrap.
#[test]
fn notes_wrap_as_textwrap_wraps_them() {
    let corpus = include_str!("data/notes_corpus.txt");
    let notes: Vec<&str> = corpus.lines().collect();
    let mut accepted = 0;
    for three in notes.windows(3) {
        let text = three.join(" ");
        for (first, rest) in [("  - ", "    "), ("", "")] {
            if let Some(lines) = fast_lines(&text, first, rest) {
                accepted += 1;
                assert_eq!(lines, textwrap_lines(&text, first, rest), "{text:?}");
            }
        }
    }
    assert!(accepted > notes.len(), "most are accepted: {accepted}");
    eprintln!("{accepted} of {}", 2 * (notes.len() - 2));
}
