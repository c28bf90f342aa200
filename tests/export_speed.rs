//! What made the export fast (issue 9) must not change what it says: text
//! is still wrapped for readers (Chinese and Japanese between characters, a
//! Chinese character two columns, no line wider than 80), a paragraph that
//! fits is the line textwrap would make, and each entry is still listed
//! under its topic. The speed itself is measured by `benches/session.rs`
//! (`export_txt`, `export_md`).

use std::collections::BTreeMap;

use minutes::export::{self, Minutes, Options, Order, text};
use minutes::model::{AgendaId, Entry, EntryKind, Session};
use proptest::prelude::*;
use unicode_width::UnicodeWidthStr;

#[path = "../examples/synth/gen.rs"]
mod synth;

/// The lines of `text` wrapped as the text template wraps a paragraph.
fn paragraph(text: &str) -> Vec<String> {
    let mut out = String::new();
    text::wrap(&mut out, text, "", "", text::WIDTH);
    out.lines().map(String::from).collect()
}

/// The lines of an entry `lead: text` (or its lead alone), as the text
/// template lists it.
fn item(lead: &str, text: &str) -> Vec<String> {
    let line = match text {
        "" => lead.to_string(),
        _ => format!("{lead}: {text}"),
    };
    let mut out = String::new();
    text::wrap(&mut out, &line, "  - ", "    ", text::WIDTH);
    out.lines().map(String::from).collect()
}

fn assert_fits(lines: &[String]) {
    for line in lines {
        assert!(
            line.width() <= text::WIDTH,
            "{} columns: {line}",
            line.width()
        );
    }
}

/// A long Chinese paragraph, with no spaces and the punctuation that may not
/// begin a line.
fn chinese() -> String {
    "各方同意共享数据，需要更多时间讨论预算问题。元数据标准下次会议再议，图像开放许可已经讨论了提案。"
        .repeat(4)
}

#[test]
fn a_long_chinese_paragraph_wraps_between_characters() {
    let text = chinese();
    let lines = paragraph(&text);
    assert!(lines.len() > 3, "{lines:#?}");
    assert_fits(&lines);
    // Broken between characters, not only where a line is full: no line
    // but the last is more than one character (two columns) short of the
    // width, except where `，` or `。` had to go with the character before it.
    for line in &lines[..lines.len() - 1] {
        assert!(
            line.width() >= text::WIDTH - 4,
            "{} columns: {line}",
            line.width()
        );
    }
    for line in &lines[1..] {
        assert!(
            !line.starts_with(['，', '。']),
            "a line begins with a closing mark: {line}"
        );
    }
    assert_eq!(lines.concat(), text, "nothing lost or added");
}

#[test]
fn a_list_item_mixing_latin_and_chinese_fills_its_lines() {
    let text = format!(
        "Open licences for images 图像开放许可: {} Partners agreed. 資料を公開する。デジタル化の予算を検討します。",
        chinese()
    );
    let lines = item("09:12 王丽 (PKU), 02:00", &text);
    assert_fits(&lines);
    assert!(lines[0].starts_with("  - 09:12 王丽 (PKU), 02:00: Open licences"));
    for line in &lines[1..] {
        assert!(
            line.starts_with("    ") && !line.starts_with("     "),
            "{line}"
        );
    }
    // The Chinese run begins on the first line, beside the Latin text: it
    // is not moved whole to a line of its own as one long word would be.
    assert!(lines[0].width() >= text::WIDTH - 2, "{}", lines[0]);
    // Nor is a line left short before Chinese or Japanese text.
    for pair in lines.windows(2) {
        let next = pair[1].trim_start().chars().next().unwrap();
        if next >= '\u{3000}' {
            let width = pair[0].width();
            assert!(width >= text::WIDTH - 4, "{width} columns: {}", pair[0]);
        }
    }
}

#[test]
fn a_chinese_character_counts_two_columns() {
    // 45 characters, 90 columns: too wide, though shorter than the width.
    let text = "各方同意共享数据需要更多时间".repeat(4)[..45 * 3].to_string();
    assert_eq!(text.chars().count(), 45);
    let lines = paragraph(&text);
    assert_eq!(lines.len(), 2, "{lines:#?}");
    assert_eq!(lines[0].width(), 80);
    assert_fits(&lines);
    // 40 characters are 80 columns: one line.
    assert_eq!(paragraph(&text[..40 * 3]), vec![text[..40 * 3].to_string()]);
}

#[test]
fn a_paragraph_of_the_width_is_one_line_and_one_more_column_wraps() {
    let eighty = format!("{}abcde", "word ".repeat(15));
    assert_eq!(eighty.width(), 80);
    assert_eq!(paragraph(&eighty), vec![eighty.clone()]);
    assert_eq!(paragraph(&format!("{eighty}   ")), vec![eighty.clone()]);
    let lines = paragraph(&format!("{eighty}!"));
    assert_eq!(lines.len(), 2, "{lines:#?}");
    // In a list item the indent takes four of the 80 columns.
    let text = &eighty[..76 - "x: ".len()];
    assert_eq!(item("x", text), vec![format!("  - x: {text}")]);
    assert_eq!(item("x", &format!("{text}s")).len(), 2);
}

/// What wrapping was before the early-out for lines that fit: textwrap on
/// the whole text, with the same options.
fn textwrap_lines(text: &str, first: &str, rest: &str) -> Vec<String> {
    let options = textwrap::Options::new(text::WIDTH)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
        .word_separator(textwrap::WordSeparator::UnicodeBreakProperties)
        .initial_indent(first)
        .subsequent_indent(rest);
    textwrap::wrap(text, options)
        .iter()
        .map(|line| line.trim_end().to_string())
        .collect()
}

fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "the",
        "committee",
        "Zürich",
        "naïve",
        "CIDOC-CRM",
        "a",
        " ",
        "  ",
        "\n",
        "讨论了提案",
        "各方同意共享数据",
        "。",
        "，",
        "資料を公開する",
        "자료를 공개합니다",
        " !",
        "(",
        ")",
        "2027-04-14",
        "—",
        "Hohenzollern-Sigmaringen-Wittelsbach-Hohenstaufen-Habsburg",
    ])
}

proptest! {
    /// The early-out for a paragraph that fits changes no line.
    #[test]
    fn lines_are_those_textwrap_makes(
        pieces in prop::collection::vec((piece(), any::<bool>()), 0..60),
    ) {
        let text: String = pieces
            .iter()
            .map(|(p, space)| if *space { format!("{p} ") } else { p.to_string() })
            .collect();
        let lines = paragraph(&text);
        prop_assert_eq!(&lines, &textwrap_lines(&text, "", ""));
        assert_fits(&lines);
        let lines = item("09:12 王丽", &text);
        let whole = if text.is_empty() { "09:12 王丽".to_string() } else { format!("09:12 王丽: {text}") };
        prop_assert_eq!(&lines, &textwrap_lines(&whole, "  - ", "    "));
        assert_fits(&lines);
    }
}

#[test]
fn a_synthetic_session_exports_within_80_columns() {
    let session = synth::session(&synth::Params {
        entries: 2_000,
        attendees: 60,
        seed: 3,
    });
    let out = export::export(&session, export::Format::Text);
    for line in out.lines() {
        assert!(
            line.width() <= text::WIDTH,
            "{} columns: {line}",
            line.width()
        );
    }
}

/// The sessions's entries as they were found before they were grouped in
/// one pass: by filtering the whole log for each topic. Each section's
/// texts, by its title, in the order of the sub-headings.
fn sections_by_filtering(s: &Session) -> BTreeMap<String, Vec<String>> {
    let mut sections: Vec<(String, Option<AgendaId>)> = s
        .agenda
        .iter()
        .enumerate()
        .map(|(i, item)| (format!("{}. {}", i + 1, item.title), Some(item.id)))
        .collect();
    sections.push(("Outside the agenda".into(), None));
    let after_end = |e: &Entry| s.ended_at.is_some_and(|end| e.at > end);
    // Listed in time order, the log breaking ties.
    let mut log: Vec<&Entry> = s.entries.iter().collect();
    log.sort_by_key(|e| e.at);
    let mut sections: Vec<(String, Vec<&Entry>)> = sections
        .into_iter()
        .map(|(title, id)| {
            let entries = log
                .iter()
                .copied()
                .filter(|e| !after_end(e))
                .filter(|e| {
                    e.agenda_item == id
                        || (id.is_none()
                            && e.agenda_item.is_some_and(|t| s.agenda_item(t).is_none()))
                })
                .collect();
            (title, entries)
        })
        .collect();
    let after: Vec<&Entry> = log.iter().copied().filter(|e| after_end(e)).collect();
    if let (Some(end), false) = (s.ended_at, after.is_empty()) {
        let title = format!("After the meeting (ended {})", end.format("%H:%M"));
        sections.push((title, after));
    }
    let kinds: [fn(&EntryKind) -> bool; 7] = [
        |k| matches!(k, EntryKind::Speech { .. }),
        |k| matches!(k, EntryKind::Discussion),
        |k| matches!(k, EntryKind::Note),
        |k| matches!(k, EntryKind::Question { .. }),
        |k| matches!(k, EntryKind::Decision),
        |k| matches!(k, EntryKind::Conclusion),
        |k| matches!(k, EntryKind::Action { .. }),
    ];
    sections
        .into_iter()
        .filter(|(_, entries)| !entries.is_empty())
        .map(|(title, entries)| {
            let texts = kinds
                .iter()
                .flat_map(|wanted| entries.iter().filter(|e| wanted(&e.kind)))
                .map(|e| e.text.clone())
                .collect();
            (title, texts)
        })
        .collect()
}

/// The texts listed under each topic of the minutes, in kind order.
fn sections_listed(minutes: &Minutes) -> BTreeMap<String, Vec<String>> {
    minutes
        .topics
        .iter()
        .map(|topic| {
            let texts = topic
                .groups
                .iter()
                .flat_map(|g| g.entries.iter().map(|e| e.text.clone()))
                .collect();
            (topic.heading.clone(), texts)
        })
        .collect()
}

#[test]
fn grouping_by_topic_in_one_pass_lists_each_entry_where_filtering_did() {
    let mut s = synth::session(&synth::Params {
        entries: 3_000,
        attendees: 60,
        seed: 5,
    });
    for item in &mut s.agenda {
        item.presenter = None;
    }
    // Entries with no topic, with one no longer on the agenda, and logged
    // after the end; each text tells the entry.
    let end = s.entries[2_700].at;
    s.ended_at = Some(end);
    for (i, e) in s.entries.iter_mut().enumerate() {
        e.text = format!("entry {}", e.id.0);
        match i % 7 {
            1 => e.agenda_item = None,
            2 => e.agenda_item = Some(AgendaId(999)),
            _ => {}
        }
    }
    let expected = sections_by_filtering(&s);
    assert!(expected.contains_key("Outside the agenda"));
    assert!(expected.keys().any(|t| t.starts_with("After the meeting")));
    assert!(expected.len() >= 10, "{:?}", expected.keys());
    let listed: usize = expected.values().map(Vec::len).sum();
    assert_eq!(listed, s.entries.len(), "every entry is in one section");
    let options = Options {
        order: Order::Kind,
        ..Options::default()
    };
    assert_eq!(sections_listed(&Minutes::of(&s, options)), expected);
}

/// Markdown's escaping, the slow and obvious way: every line, character
/// by character. A line starting a heading, list or rule (`#`, `-`, `+`,
/// `=`; on a later line `1.` or `1)`) gets a backslash before its marker's
/// last character; `>` and the inline syntax characters one each.
fn escaped_char_by_char(text: &str) -> String {
    let mut out = String::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let trimmed = line.trim_start();
        out.push_str(&line[..line.len() - trimmed.len()]);
        let digits: String = trimmed.chars().take_while(char::is_ascii_digit).collect();
        let after = trimmed[digits.len()..].chars().next();
        let mut rest = trimmed;
        if trimmed.starts_with(['#', '-', '+', '=']) {
            out.push('\\');
        } else if i > 0
            && !digits.is_empty()
            && digits.len() <= 9
            && matches!(after, Some('.' | ')'))
        {
            out.push_str(&digits);
            out.push('\\');
            rest = &trimmed[digits.len()..];
        }
        for c in rest.chars() {
            if matches!(
                c,
                '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '|' | '~' | '&'
            ) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

fn markdown_piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "the",
        "Zürich",
        "讨论了提案",
        " ",
        "  ",
        "\n",
        "\n  ",
        "#",
        "-",
        "+",
        ">",
        "=",
        "*",
        "_",
        "`",
        "[",
        "]",
        "<b>",
        "|",
        "~",
        "\\",
        "é",
        "—",
        "1.",
        "12)",
        "7",
        "&",
    ])
}

proptest! {
    /// Text is escaped for Markdown as the obvious way says, character by character.
    #[test]
    fn markdown_escapes_as_before(
        pieces in prop::collection::vec(markdown_piece(), 0..30),
    ) {
        let text = pieces.concat();
        prop_assert_eq!(export::markdown::escape(&text), escaped_char_by_char(&text));
    }
}
