//! A long session file is parsed with its log cut into pieces, one per
//! core (`store::file::parse`): the result must be what one parse of the
//! whole text gives, whatever the entries hold, and a damaged file must be
//! reported exactly as before.

use minutes::model::{EntryKind, Session};
use minutes::store::file::{self, LoadError};
use ron::extensions::Extensions;

#[path = "../examples/synth/gen.rs"]
mod synth;

/// One parse of the whole text, as `minutes` did before the pieces.
fn whole(text: &str) -> Result<Session, ron::error::SpannedError> {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .from_str(text)
}

/// A session over the size at which the log is cut (2 MiB), its texts
/// full of what could mislead a scanner: brackets, commas, quotes,
/// backslashes, line breaks and the very text between two entries.
fn long_session(seed: u64, entries: usize) -> Session {
    let mut s = synth::session(&synth::Params {
        entries,
        attendees: 80,
        seed,
    });
    let tricks = [
        "),\n        (\n            id: 1,",
        "a \"quoted\" ), ( text",
        "back\\slash\\\\ and ] and [ and }{",
        "// not a comment /* nor this */",
        "r#\"not raw\"# 'c'",
        "王丽 said: \"(1), (2)\"\n\n",
    ];
    for i in (0..s.entries.len()).step_by(97) {
        let entry = s.entries.get_mut(i).unwrap();
        entry.text = format!("{} {}", tricks[i % tricks.len()], entry.text);
    }
    s
}

#[test]
fn a_long_log_parses_as_one_parse_of_the_whole_file() {
    let dir = tempfile::tempdir().unwrap();
    for seed in [1, 2, 3] {
        let session = long_session(seed, 8_000);
        let text = file::to_ron(&session).unwrap();
        assert!(
            text.len() > 2 << 20,
            "long enough to be cut: {}",
            text.len()
        );
        let path = dir.path().join(format!("long-{seed}.ron"));
        let parsed = file::parse(&path, text.as_bytes()).unwrap();
        assert_eq!(parsed, whole(&text).unwrap());
        assert_eq!(parsed, session);
        assert!(
            parsed
                .entries
                .iter()
                .any(|e| matches!(e.kind, EntryKind::Speech { .. }) && e.text.starts_with("),\n")),
            "the tricky texts are in"
        );
    }
}

/// The same text laid out by hand: no line breaks at all, or entries
/// written in other ways, parses the same (or, where the pieces cannot be
/// cut, whole).
#[test]
fn a_long_log_laid_out_otherwise_parses_the_same() {
    let session = long_session(4, 14_000);
    let pretty = file::to_ron(&session).unwrap();
    let compact = ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .to_string(&session)
        .unwrap();
    // Each entry named, as RON allows (`Entry(id: …)`).
    let log = pretty.find("    entries: [").unwrap();
    let named = format!(
        "{}{}",
        &pretty[..log],
        pretty[log..].replace(
            "\n        (\n            id:",
            "\n        Entry(\n            id:"
        )
    );
    let path = std::path::Path::new("long.ron");
    for text in [compact, named] {
        assert!(text.len() > 2 << 20);
        assert_eq!(file::parse(path, text.as_bytes()).unwrap(), session);
    }
}

/// A mistake in the second half of the log is reported as a parse of the
/// whole file reports it: the same line and column.
#[test]
fn a_mistake_deep_in_a_long_log_is_reported_where_it_is() {
    let session = long_session(5, 8_000);
    let text = file::to_ron(&session).unwrap();
    let at = text.rfind("kind: Note").expect("a note near the end");
    let damaged = format!(
        "{}kind: Nothe{}",
        &text[..at],
        &text[at + "kind: Note".len()..]
    );
    let expected = whole(&damaged).unwrap_err();
    let line = damaged[..at].lines().count();
    assert_eq!(expected.span.start.line, line);
    match file::parse(std::path::Path::new("damaged.ron"), damaged.as_bytes()) {
        Err(LoadError::Syntax { line, col, .. }) => {
            assert_eq!(
                (line, col),
                (expected.span.start.line, expected.span.start.col)
            );
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

/// A log given twice is refused, as a parse of the whole file refuses it,
/// not read as whichever piece came last.
#[test]
fn a_log_given_twice_is_refused() {
    let session = long_session(6, 8_000);
    let text = file::to_ron(&session).unwrap();
    let log_at = text.find("    entries: [").unwrap();
    let doubled = format!("{}    entries: [],\n{}", &text[..log_at], &text[log_at..]);
    assert!(whole(&doubled).is_err());
    assert!(file::parse(std::path::Path::new("twice.ron"), doubled.as_bytes()).is_err());
}
