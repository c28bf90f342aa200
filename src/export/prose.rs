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
