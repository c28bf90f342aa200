//! Small turns of English that a report written from the minutes needs:
//! lists read as "A, B and C", counts as words, a summary quoted as a
//! sentence. What people said is quoted as they wrote it, never reworded:
//! a summary's grammar is not ours to change. Registered as template filters (see `templates`), so that an
//! organisation's own report template can use them too.

/// "A", "A and B", "A, B and C".
pub fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", init.join(", "), last.as_ref())
        }
    }
}

/// A count as a report writes it: words up to twelve, digits above.
pub fn count_words(n: usize) -> String {
    const WORDS: [&str; 13] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| (*w).to_string())
}

/// `1` → "first", up to the tenth; "11th" and on beyond.
pub fn ordinal_words(n: usize) -> String {
    const WORDS: [&str; 10] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth",
    ];
    match n.checked_sub(1).and_then(|i| WORDS.get(i)) {
        Some(w) => (*w).to_string(),
        None => ordinal_number(n),
    }
}

/// "1st", "2nd", "3rd", "11th", "22nd".
pub fn ordinal_number(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// Whether `text` begins with a verb in the past tense, as a secretary's
/// summary of a speech does ("Presented the pilot…", "Went through…"), so
/// that it can follow the speaker's name. A guess from the first word: a
/// capitalised English word ending in -ed (but for a few that are not
/// verbs there), or a common irregular past.
pub fn reported(text: &str) -> bool {
    const IRREGULAR: &[&str] = &[
        "Began",
        "Brought",
        "Came",
        "Chose",
        "Drew",
        "Found",
        "Gave",
        "Got",
        "Held",
        "Kept",
        "Led",
        "Left",
        "Made",
        "Met",
        "Put",
        "Ran",
        "Read",
        "Said",
        "Sent",
        "Set",
        "Showed",
        "Shown",
        "Spoke",
        "Stood",
        "Took",
        "Thought",
        "Told",
        "Understood",
        "Went",
        "Wrote",
    ];
    const NOT_VERBS: &[&str] = &[
        "Based",
        "Bed",
        "Hundred",
        "Limited",
        "Red",
        "Related",
        "United",
        "Detailed",
        "Advanced",
        "Selected",
        "Dedicated",
        "Interested",
        "Supposed",
        "Shed",
        "Sacred",
        "Naked",
        "Wicked",
        "Beloved",
        "Aged",
        "Biased",
        "Distributed",
    ];
    let word = text
        .split(|c: char| c.is_whitespace() || c.is_ascii_punctuation())
        .next()
        .unwrap_or_default();
    let mut chars = word.chars();
    let capitalised = chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && chars.all(|c| c.is_ascii_lowercase());
    capitalised
        && (IRREGULAR.contains(&word)
            || (word.len() >= 4
                && word.ends_with("ed")
                && !word.ends_with("eed")
                && !NOT_VERBS.contains(&word)))
}

/// The text with its first letter in lower case, to follow a name
/// ("王丽 presented…" from "Presented…"): only for a text that
/// [`reported`] says begins with a verb.
pub fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The text with its first letter in upper case, to begin a sentence.
pub fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The text as a sentence: trimmed, ending with a full stop unless it ends
/// with its own punctuation (`.`, `!`, `?`, `…`, or CJK `。！？`).
pub fn sentence(text: &str) -> String {
    let text = text.trim();
    let ends = |c: char| matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？' | ':' | ';');
    match text.chars().last() {
        None => String::new(),
        // A quotation or bracket closing a sentence: look before it.
        Some(c) if ends(c) => text.to_string(),
        Some('"' | '”' | '’' | ')' | '»') => {
            let before = text.chars().rev().nth(1);
            if before.is_some_and(ends) {
                text.to_string()
            } else {
                format!("{text}.")
            }
        }
        Some(_) => format!("{text}."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_prose() {
        assert_eq!(and_list::<&str>(&[]), "");
        assert_eq!(and_list(&["王丽"]), "王丽");
        assert_eq!(and_list(&["A", "B"]), "A and B");
        assert_eq!(and_list(&["A", "B", "C"]), "A, B and C");
    }

    #[test]
    fn counts_and_ordinals_in_words() {
        assert_eq!(count_words(0), "no");
        assert_eq!(count_words(11), "eleven");
        assert_eq!(count_words(13), "13");
        assert_eq!(ordinal_words(1), "first");
        assert_eq!(ordinal_words(10), "tenth");
        assert_eq!(ordinal_words(11), "11th");
        assert_eq!(ordinal_words(22), "22nd");
        assert_eq!(ordinal_words(113), "113th");
        assert_eq!(ordinal_words(0), "0th");
    }

    #[test]
    fn a_summary_that_begins_with_a_past_verb_is_reported_speech() {
        for yes in [
            "Presented the pilot",
            "Went through the arrangements",
            "Asked for a glossary",
            "Showed the dashboard",
            "Thanked the speakers and closed the meeting.",
        ] {
            assert!(reported(yes), "{yes}");
        }
        for no in [
            "Manifests are IIIF Presentation 3.0",
            "PKU can take part",
            "With begin-of-the-begin ranges",
            "Need for a shared glossary",
            "Based on the survey",
            "IIIFED manifests",
            "陈静 described the mapping",
            "",
            "Red",
        ] {
            assert!(!reported(no), "{no}");
        }
        assert_eq!(lower_first("Presented the pilot"), "presented the pilot");
        assert_eq!(lower_first(""), "");
    }

    #[test]
    fn a_sentence_ends_once() {
        assert_eq!(sentence(" Agreed "), "Agreed.");
        assert_eq!(sentence("Agreed."), "Agreed.");
        assert_eq!(sentence("Why?"), "Why?");
        assert_eq!(sentence("同意。"), "同意。");
        assert_eq!(sentence("(see the annex)"), "(see the annex).");
        assert_eq!(sentence("He said \"yes.\""), "He said \"yes.\"");
        assert_eq!(sentence(""), "");
    }
}
