//! The store: atomic saves, the journal, the lock, and bad input.

mod common;
#[path = "../examples/synth/gen.rs"]
mod synth;

use std::io::{BufRead, BufReader};
use std::path::Path;

use minutes::model::{EntryKind, Session};
use minutes::store::journal::{self, Journal, Record};
use minutes::store::{self, LoadError, Mode, OpenError, OpenSession};

fn entry_texts(s: &Session) -> Vec<String> {
    s.entries.iter().map(|e| e.text.clone()).collect()
}

// ---------------------------------------------------------------- saving

#[test]
fn save_keeps_the_previous_version_as_bak() {
    let (_dir, path) = common::sample_copy();
    let original = std::fs::read(&path).unwrap();
    let mut open = OpenSession::open(&path, Mode::ReadWrite).unwrap();
    open.apply(common::add_note(open.session(), "after the meeting"))
        .unwrap();
    open.save().unwrap();
    assert_eq!(std::fs::read(store::backup_path(&path)).unwrap(), original);
    assert!(entry_texts(&store::load(&path).unwrap()).contains(&"after the meeting".to_string()));
}

#[cfg(unix)]
#[test]
fn new_session_files_are_private_and_existing_ones_keep_their_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.ron");
    OpenSession::create(&path, Session::new("t"))
        .unwrap()
        .close()
        .unwrap();
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o600
    );

    let (_dir, shared) = common::sample_copy();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o644)).unwrap();
    store::save(&shared, &common::sample()).unwrap();
    assert_eq!(
        std::fs::metadata(&shared).unwrap().permissions().mode() & 0o777,
        0o644
    );
}

#[test]
fn save_into_a_missing_directory_fails_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no/such/dir/x.ron");
    let err = store::save(&path, &common::sample()).unwrap_err();
    assert!(err.to_string().contains("x.ron"), "{err}");
    assert!(!path.exists());
}

#[test]
fn create_refuses_to_overwrite_an_existing_file() {
    let (_dir, path) = common::sample_copy();
    let before = std::fs::read(&path).unwrap();
    let err = OpenSession::create(&path, Session::new("empty")).unwrap_err();
    assert!(matches!(err, OpenError::Exists(_)), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_session_changed_by_another_program_is_not_overwritten() {
    let (_dir, path) = common::sample_copy();
    let mut open = OpenSession::open(&path, Mode::ReadWrite).unwrap();
    open.apply(common::add_note(open.session(), "mine"))
        .unwrap();
    let theirs = std::fs::read_to_string(&path)
        .unwrap()
        .replace("Open Data", "Edited by hand");
    std::fs::write(&path, &theirs).unwrap();
    let err = open.save().unwrap_err();
    assert!(
        err.to_string().contains("changed by another program"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
    // The change is still safe in the journal.
    let bytes = journal::read(&store::journal_path(&path)).unwrap();
    let (_, replay) = journal::recover(common::sample(), &bytes);
    assert_eq!(replay.applied, 1);
}

// ------------------------------------------------------- disk full / EFBIG

#[test]
#[ignore = "child process of a_failed_write_leaves_the_old_file_and_loses_nothing"]
fn child_save_with_a_full_disk() {
    let path = common::child_session();
    let mut open = OpenSession::open(&path, Mode::ReadWrite).unwrap();
    // Big enough for a journal line, far too small for the whole file.
    common::limit_file_size(4096);
    open.apply(common::add_note(
        open.session(),
        "typed while the disk was full",
    ))
    .unwrap();
    assert_eq!(open.unsaved(), 0, "the journal line itself fits");
    let err = open.save().unwrap_err();
    println!("save error: {err}");
    // Keep going as the app would, then quit without a save: the journal has it.
    std::process::exit(0);
}

#[test]
fn a_failed_write_leaves_the_old_file_and_loses_nothing() {
    let (dir, path) = common::sample_copy();
    let before = std::fs::read(&path).unwrap();
    let out = common::child("child_save_with_a_full_disk", &path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("save error: could not save"), "{stdout}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the old file is intact"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    let reopened = OpenSession::open(&path, Mode::ReadOnly).unwrap();
    assert!(entry_texts(reopened.session()).contains(&"typed while the disk was full".to_string()));
}

#[test]
#[ignore = "child process of a_journal_write_that_fails_is_kept_and_retried"]
fn child_journal_with_a_full_disk() {
    let path = common::child_session();
    let mut open = OpenSession::open(&path, Mode::ReadWrite).unwrap();
    common::limit_file_size(2000);
    let long = "x".repeat(300);
    let mut failed_at = None;
    for i in 0..20 {
        open.apply(common::add_note(open.session(), &format!("{i} {long}")))
            .unwrap();
        if open.unsaved() > 0 {
            failed_at = Some(i);
            break;
        }
    }
    let failed_at = failed_at.expect("the journal filled up");
    println!(
        "failed at {failed_at}; error: {}",
        open.last_error().unwrap()
    );
    // Still usable while the disk is full; the change waits in memory.
    open.apply(common::add_note(open.session(), "one more"))
        .unwrap();
    assert_eq!(open.unsaved(), 2);
    common::lift_file_size_limit();
    assert!(open.flush(), "the retry succeeds once there is room");
    assert_eq!(open.unsaved(), 0);
    assert_eq!(open.last_error(), None);
    std::process::exit(0); // a crash: no save
}

#[test]
fn a_journal_write_that_fails_is_kept_and_retried() {
    let (_dir, path) = common::sample_copy();
    let out = common::child("child_journal_with_a_full_disk", &path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("could not write the journal"), "{stdout}");
    // The failed write was cut back: no torn or unreadable line in the middle.
    let bytes = journal::read(&store::journal_path(&path)).unwrap();
    let (_, replay) = journal::recover(common::sample(), &bytes);
    assert!(!replay.torn_tail && !replay.is_damaged(), "{replay:?}");
    let texts = entry_texts(OpenSession::open(&path, Mode::ReadOnly).unwrap().session());
    assert_eq!(texts.last().map(String::as_str), Some("one more"));
    assert_eq!(replay.applied, texts.len() - common::sample().entries.len());
}

// ---------------------------------------------------------------- journal

#[test]
#[ignore = "child process of a_killed_writer_loses_no_acknowledged_change"]
fn child_writer_until_killed() {
    let path = common::child_session();
    let mut open = OpenSession::open(&path, Mode::ReadWrite).unwrap();
    for i in 0.. {
        open.apply(common::add_note(open.session(), &format!("note {i} 记录")))
            .unwrap();
        // Acknowledged: this is the moment the app would show it.
        println!("ack {i}");
    }
}

#[test]
fn a_killed_writer_loses_no_acknowledged_change() {
    let (_dir, path) = common::sample_copy();
    let mut writer = common::child("child_writer_until_killed", &path)
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(writer.stdout.take().unwrap()).lines();
    let mut acked = Vec::new();
    while acked.len() < 50 {
        let line = lines
            .next()
            .expect("the child acknowledges changes")
            .unwrap();
        if let Some(n) = line.strip_prefix("ack ") {
            acked.push(n.parse::<usize>().unwrap());
        }
    }
    writer.kill().unwrap(); // SIGKILL: no destructor, no save
    writer.wait().unwrap();
    for line in lines {
        if let Some(n) = line.unwrap().strip_prefix("ack ") {
            acked.push(n.parse().unwrap());
        }
    }
    assert!(
        store::lock_path(&path).exists(),
        "the dead writer's lock file is still there"
    );

    let reopened =
        OpenSession::open(&path, Mode::ReadWrite).expect("a dead process's lock is taken over");
    let texts = entry_texts(reopened.session());
    for n in &acked {
        assert!(
            texts.contains(&format!("note {n} 记录")),
            "acknowledged note {n} was lost"
        );
    }
    assert!(reopened.recovery().replayed >= acked.len());
    let message = reopened.recovery().message().unwrap();
    assert!(message.starts_with("Recovered "), "{message}");
    // Recovery is folded into the file at once.
    drop(reopened);
    let on_disk = store::load(&path).unwrap();
    assert_eq!(entry_texts(&on_disk), texts);
}

fn journal_with(path: &Path, texts: &[&str]) -> Vec<u8> {
    let mut session = store::load(path).unwrap();
    let mut journal = Journal::open(&store::journal_path(path)).unwrap();
    for text in texts {
        let change = common::add_note(&session, text);
        let seq = session.journal_seq + 1;
        change.clone().apply(&mut session).unwrap();
        session.journal_seq = seq;
        journal.append(&[Record { seq, change }]).unwrap();
    }
    std::fs::read(store::journal_path(path)).unwrap()
}

#[test]
fn speaking_time_and_the_floor_follow_changes_undo_and_replay() {
    use minutes::model::{Derived, meeting};
    let (_dir, path) = common::sample_copy();
    let mut open = OpenSession::open(&path, Mode::ReadWrite).unwrap();
    assert_eq!(open.derived(), &Derived::of(open.session()));
    let (a, b) = {
        let s = open.session();
        (s.attendees[0].id, s.attendees[1].id)
    };
    let now = common::t(200, 0);
    let first = meeting::switch_speaker(open.session(), &Derived::of(open.session()), Some(a), now)
        .unwrap();
    open.apply(first).unwrap();
    let second = meeting::switch_speaker(
        open.session(),
        &Derived::of(open.session()),
        Some(b),
        now + chrono::Duration::seconds(90),
    )
    .unwrap();
    let undo = open.apply(second).unwrap();
    assert_eq!(open.derived().current_speaker(), Some(b));
    assert!(open.derived().spoken(a, now).is_some());
    open.apply(undo).unwrap();
    assert_eq!(open.derived().current_speaker(), Some(a));
    assert_eq!(open.derived(), &Derived::of(open.session()));
    let before_crash = open.derived().clone();
    drop(open); // no close: the journal is left as after a crash
    let reopened = OpenSession::open(&path, Mode::ReadOnly).unwrap();
    assert!(reopened.recovery().replayed > 0);
    assert_eq!(reopened.derived(), &before_crash);
}

#[test]
fn a_torn_last_journal_line_is_dropped_with_a_warning() {
    let (_dir, path) = common::sample_copy();
    let bytes = journal_with(&path, &["one", "two", "three"]);
    // The crash came in the middle of writing the third line.
    let cut = bytes.len() - 20;
    std::fs::write(store::journal_path(&path), &bytes[..cut]).unwrap();
    let open = OpenSession::open(&path, Mode::ReadWrite).unwrap();
    let texts = entry_texts(open.session());
    assert!(
        texts.ends_with(&["one".to_string(), "two".to_string()]),
        "{texts:?}"
    );
    assert!(!texts.contains(&"three".to_string()));
    assert_eq!(open.recovery().replayed, 2);
    assert!(open.recovery().torn_tail);
    assert!(open.recovery().message().unwrap().contains("half-written"));
}

#[test]
fn records_already_saved_are_not_replayed_twice() {
    // A crash between saving the file and emptying the journal.
    let (_dir, path) = common::sample_copy();
    let journal_bytes = journal_with(&path, &["one", "two"]);
    let mut open = OpenSession::open(&path, Mode::ReadWrite).unwrap();
    open.save().unwrap();
    drop(open);
    std::fs::write(store::journal_path(&path), &journal_bytes).unwrap();
    let open = OpenSession::open(&path, Mode::ReadWrite).unwrap();
    assert_eq!(open.recovery().replayed, 0);
    let texts = entry_texts(open.session());
    assert_eq!(texts.iter().filter(|t| *t == "one").count(), 1);
}

#[test]
fn a_damaged_journal_line_stops_replay_and_keeps_the_journal() {
    let (_dir, path) = common::sample_copy();
    let bytes = journal_with(&path, &["one", "two"]);
    let mut broken = b"(seq: 1, change: Nonsense)\n".to_vec();
    broken.extend_from_slice(&bytes[bytes.iter().position(|&b| b == b'\n').unwrap() + 1..]);
    std::fs::write(store::journal_path(&path), &broken).unwrap();
    let open = OpenSession::open(&path, Mode::ReadWrite).unwrap();
    // Change 2 may depend on the lost change 1: it is not applied.
    assert!(!entry_texts(open.session()).contains(&"two".to_string()));
    let kept = open
        .recovery()
        .kept_journal
        .clone()
        .expect("the journal is kept for inspection");
    assert_eq!(std::fs::read(&kept).unwrap(), broken);
    let message = open.recovery().message().unwrap();
    assert!(message.contains("DAMAGED at line 1"), "{message}");
    assert!(
        message.contains("1 later change could not be applied"),
        "{message}"
    );
    assert!(message.contains(&kept.display().to_string()), "{message}");
}

#[test]
fn journal_records_are_one_line_each_even_with_newlines_in_text() {
    let (_dir, path) = common::sample_copy();
    let bytes = journal_with(&path, &["two\nlines", "tab\tand \"quotes\" 🌻"]);
    let text = String::from_utf8(bytes).unwrap();
    assert_eq!(text.lines().count(), 2, "{text}");
    let (session, replay) = journal::recover(common::sample(), text.as_bytes());
    assert_eq!(replay.applied, 2);
    let texts = entry_texts(&session);
    assert_eq!(texts[texts.len() - 2], "two\nlines");
}

#[test]
fn read_only_open_replays_the_journal_without_writing() {
    let (_dir, path) = common::sample_copy();
    journal_with(&path, &["in the journal"]);
    let before = std::fs::read(&path).unwrap();
    let mut open = OpenSession::open(&path, Mode::ReadOnly).unwrap();
    assert!(entry_texts(open.session()).contains(&"in the journal".to_string()));
    assert!(open.apply(common::add_note(open.session(), "x")).is_err());
    assert!(open.save().is_err());
    drop(open);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(store::journal_path(&path).exists());
}

#[test]
fn close_removes_the_journal_and_the_lock() {
    let (_dir, path) = common::sample_copy();
    let mut open = OpenSession::open(&path, Mode::ReadWrite).unwrap();
    open.apply(common::add_note(open.session(), "last words"))
        .unwrap();
    assert!(store::journal_path(&path).exists());
    open.close().unwrap();
    assert!(!store::journal_path(&path).exists());
    assert!(!store::lock_path(&path).exists());
    assert_eq!(
        store::load(&path).unwrap().entries.last().unwrap().text,
        "last words"
    );
}

#[test]
fn opening_and_closing_without_a_change_leaves_the_file_untouched() {
    let (_dir, path) = common::sample_copy();
    let mtime = std::fs::metadata(&path).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let open = OpenSession::open(&path, Mode::ReadWrite).unwrap();
    assert!(!open.has_unsaved_changes());
    open.close().unwrap();
    assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), mtime);
    assert!(
        !store::backup_path(&path).exists(),
        "no backup of an unchanged file"
    );
    assert!(!store::journal_path(&path).exists());
}

// ------------------------------------------------------------------- lock

#[test]
fn a_second_writer_is_refused_with_a_clear_message() {
    let (_dir, path) = common::sample_copy();
    let _first = OpenSession::open(&path, Mode::ReadWrite).unwrap();
    let err = OpenSession::open(&path, Mode::ReadWrite).unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, OpenError::Locked(_)), "{msg}");
    assert!(msg.contains("already open in another minutes"), "{msg}");
    assert!(
        msg.contains(&format!("pid {}", std::process::id())),
        "{msg}"
    );
    assert!(msg.contains("--read-only"), "{msg}");
    // Reading is still allowed.
    assert!(OpenSession::open(&path, Mode::ReadOnly).is_ok());
}

#[test]
fn a_stale_lock_file_is_taken_over() {
    let (_dir, path) = common::sample_copy();
    std::fs::write(
        store::lock_path(&path),
        "pid 999999 on elsewhere, since yesterday",
    )
    .unwrap();
    let open = OpenSession::open(&path, Mode::ReadWrite).unwrap();
    let holder = std::fs::read_to_string(store::lock_path(&path)).unwrap();
    assert!(
        holder.starts_with(&format!("pid {} ", std::process::id())),
        "{holder}"
    );
    drop(open);
    assert!(!store::lock_path(&path).exists());
}

// -------------------------------------------------------------- bad input

fn load_bytes(bytes: &[u8]) -> LoadError {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.ron");
    std::fs::write(&path, bytes).unwrap();
    let err = store::load(&path).unwrap_err();
    // Opening for writing fails the same way and leaves the file alone.
    let open_err = OpenSession::open(&path, Mode::ReadWrite).unwrap_err();
    assert_eq!(open_err.to_string(), err.to_string());
    assert_eq!(
        std::fs::read(&path).unwrap(),
        bytes,
        "a bad file is never rewritten"
    );
    assert!(!store::lock_path(&path).exists());
    err
}

/// The error with the temporary directory taken out of it.
fn message(err: &LoadError) -> String {
    let dir = err.path().parent().unwrap().display().to_string();
    err.to_string().replace(&dir, "DIR")
}

#[test]
fn a_syntax_error_names_file_line_and_column() {
    let text = "(\n    version: 1,\n    title: \"x\",\n    attendees: [(id: 1 name: \"A\")],\n)";
    let err = load_bytes(text.as_bytes());
    assert!(matches!(err, LoadError::Syntax { line: 4, .. }), "{err:?}");
    assert!(
        message(&err).starts_with("DIR/bad.ron:4:"),
        "{}",
        message(&err)
    );
}

#[test]
fn a_truncated_file_says_it_ends_too_early() {
    let sample = std::fs::read_to_string(common::sample_path()).unwrap();
    let err = load_bytes(&sample.as_bytes()[..sample.len() / 2]);
    let msg = message(&err);
    assert!(msg.contains("ends too early"), "{msg}");
    assert!(
        matches!(err, LoadError::Syntax { line, .. } if line > 100),
        "{err:?}"
    );
}

#[test]
fn a_misspelt_field_is_named_with_its_position() {
    let err = load_bytes(b"(version: 1, title: \"x\", titel: \"y\")");
    let msg = message(&err);
    assert!(msg.starts_with("DIR/bad.ron:1:"), "{msg}");
    assert!(msg.contains("titel"), "{msg}");
}

#[test]
fn an_empty_file_is_reported_as_empty() {
    assert_eq!(
        message(&load_bytes(b"")),
        "DIR/bad.ron: the file is empty; expected a minutes session, `(version: 1, title: \"…\", …)`"
    );
    assert!(matches!(load_bytes(b"  \n\n"), LoadError::Empty { .. }));
}

#[test]
fn a_binary_file_is_reported_as_not_text() {
    let err = load_bytes(b"(version: 1,\n  ti\xff\xfetle");
    assert_eq!(
        message(&err),
        "DIR/bad.ron:2:5: not a text file (invalid UTF-8); expected a minutes session in RON"
    );
    let err = load_bytes(b"PK\x03\x04\x00\x00");
    assert!(
        matches!(
            err,
            LoadError::NotText {
                line: 1,
                col: 5,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn a_newer_or_missing_version_is_named() {
    let msg = message(&load_bytes(
        b"(\n  version: 2, title: \"x\", something_new: 3)",
    ));
    assert!(msg.contains("format version 2 by a newer minutes"), "{msg}");
    // Pointed at, as the README promises for every error about a file.
    assert!(msg.starts_with("DIR/bad.ron:2:12: "), "{msg}");
    let msg = message(&load_bytes(b"(title: \"x\")"));
    assert!(msg.contains("no `version` field"), "{msg}");
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let mut text = String::from("(version: 1, title: \"x\", theme: ");
    text.push_str(&"[".repeat(100_000));
    let err = load_bytes(text.as_bytes());
    assert!(matches!(err, LoadError::Syntax { .. }), "{err:?}");
    let text = "(".repeat(100_000);
    assert!(matches!(
        load_bytes(text.as_bytes()),
        LoadError::Syntax { .. }
    ));
}

#[test]
fn a_huge_file_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(store::file::MAX_FILE_SIZE + 1).unwrap(); // sparse: no disk used
    let err = store::load(&path).unwrap_err();
    assert!(matches!(err, LoadError::TooLarge { .. }), "{err:?}");
}

#[test]
fn an_inconsistent_file_lists_its_problems() {
    let text = std::fs::read_to_string(common::sample_path())
        .unwrap()
        .replacen("chair: 5,", "chair: 50,", 1);
    let line = text.lines().position(|l| l.contains("chair: 50,")).unwrap() + 1;
    let msg = message(&load_bytes(text.as_bytes()));
    assert_eq!(
        msg,
        format!(
            "DIR/bad.ron:{line}:12: the session is inconsistent: `chair` names attendee 50, who is not in `attendees`"
        )
    );
}

#[test]
fn an_inconsistent_entry_is_pointed_at_by_its_line() {
    let mut s = common::sample();
    let speech = s
        .entries
        .iter()
        .position(|e| matches!(e.kind, EntryKind::Speech { .. }))
        .unwrap();
    if let EntryKind::Speech { speaker, .. } = &mut s.entries.get_mut(speech).unwrap().kind {
        *speaker = minutes::model::AttendeeId(99);
    }
    // Written as a save would write it, past the check a save makes.
    let text = store::file::to_ron(&s).unwrap();
    let entries = text.lines().position(|l| l.contains("entries:")).unwrap();
    let id_line = entries
        + text
            .lines()
            .skip(entries)
            .position(|l| l.trim() == format!("id: {},", s.entries[speech].id.0))
            .unwrap();
    let msg = message(&load_bytes(text.as_bytes()));
    // The entry's opening parenthesis is on the line before its id.
    assert!(
        msg.starts_with(&format!("DIR/bad.ron:{id_line}:9: ")),
        "{msg}"
    );
    assert!(msg.contains("names attendee 99"), "{msg}");
}

#[test]
fn a_missing_file_names_it() {
    let err = store::load(Path::new("/nonexistent/meeting.ron")).unwrap_err();
    assert!(
        err.to_string().starts_with("/nonexistent/meeting.ron: "),
        "{err}"
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]
    #[test]
    fn no_input_makes_the_loader_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400)) {
        let _ = store::file::parse(Path::new("x.ron"), &bytes);
    }

    #[test]
    fn no_damage_to_a_valid_file_makes_the_loader_panic(cut in 0usize..18_000, byte in proptest::prelude::any::<u8>()) {
        let mut bytes = std::fs::read(common::sample_path()).unwrap();
        let cut = cut.min(bytes.len() - 1);
        bytes[cut] = byte;
        let _ = store::file::parse(Path::new("x.ron"), &bytes);
        let _ = store::file::parse(Path::new("x.ron"), &bytes[..cut]);
        let _ = journal::recover(common::sample(), &bytes[..cut]);
    }
}

#[test]
fn speeches_in_the_sample_have_their_speakers() {
    // Guards the sample used by the README and the snapshots.
    let s = common::sample();
    assert_eq!(s.organisations.len(), 3);
    assert!(
        s.entries
            .iter()
            .filter(|e| matches!(e.kind, EntryKind::Speech { .. }))
            .count()
            >= 15
    );
    assert!(s.problems().is_empty());
}

#[test]
fn a_symlink_to_a_session_file_loads() {
    let (dir, path) = common::sample_copy();
    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink(&path, &link).unwrap();
    assert_eq!(store::load(&link).unwrap(), common::sample());
}

#[test]
fn what_is_not_a_regular_file_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    for path in [dir.path(), Path::new("/dev/zero")] {
        let err = store::load(path).unwrap_err();
        assert!(matches!(err, LoadError::Io { .. }), "{err}");
        assert!(err.to_string().contains("not a regular file"), "{err}");
    }
}

/// `list`'s summary of a session: title, dates and the number of entries,
/// the same as the whole session's.
fn assert_summarises(summary: &store::file::Summary, s: &Session) {
    assert_eq!(summary.title, s.title);
    assert_eq!(summary.scheduled_start, s.scheduled_start);
    assert_eq!(summary.started_at, s.started_at);
    assert_eq!(summary.entries, s.entries.len());
}

/// The summary comes from the header alone (the log skipped over, not
/// built), for every shape a session takes: shown by a file whose log has
/// an entry of a kind `load` refuses, which the summary does not look at.
#[test]
fn summary_reads_every_part_of_a_session_without_building_its_log() {
    let dir = tempfile::tempdir().unwrap();
    let sample = common::sample();
    let generated = synth::session(&synth::Params {
        entries: 2_000,
        attendees: 200,
        seed: 9,
    });
    // Text that looks like the file's own syntax, to trip the scan up.
    let mut tricky = common::sample();
    tricky.title = "Board ], entries: [ (\"x\")".into();
    for text in [
        "], [",
        "\\\"),\n(",
        "a, b, (c), [d]",
        "{ ) ] }",
        "r\"raw\"",
        "// not a comment",
    ] {
        let change = common::add_note(&tricky, text);
        change.apply(&mut tricky).unwrap();
    }
    let sessions = [
        ("sample.ron", &sample),
        ("synth.ron", &generated),
        ("tricky.ron", &tricky),
    ];
    for (name, session) in sessions {
        let path = dir.path().join(name);
        let text = store::file::to_ron(session).unwrap();
        std::fs::write(&path, &text).unwrap();
        assert_summarises(&store::file::summary(&path).unwrap(), session);

        // What the scanner leaves to the full parse, written by hand in
        // the log: a comment between entries, a raw string, a character.
        let log = text.find("entries: [").unwrap() + "entries: [".len();
        let at = text.rfind("text: \"").unwrap();
        let end = at + text[at..].find("\",\n").unwrap() + 1;
        let raw = format!("text: r#{}#", &text[at + "text: ".len()..end]);
        for by_hand in [
            format!(
                "{}\n        // a comment, ( [\n{}",
                &text[..log],
                &text[log..]
            ),
            format!("{}{raw}{}", &text[..at], &text[end..]),
            // A backslash ends a raw string as any other character.
            format!("{}text: r\"C:\\\",{}", &text[..at], &text[end + 1..]),
        ] {
            std::fs::write(&path, &by_hand).unwrap();
            let loaded = store::load(&path).unwrap();
            assert_summarises(&store::file::summary(&path).unwrap(), &loaded);
            assert_eq!(loaded.entries.len(), session.entries.len());
        }

        let at = text.rfind("kind: Note").unwrap();
        let edited = format!("{}kind: Memo{}", &text[..at], &text[at + 10..]);
        std::fs::write(&path, edited).unwrap();
        assert!(store::load(&path).is_err());
        assert_summarises(&store::file::summary(&path).unwrap(), session);
    }
}

/// What the header cannot vouch for, the full load explains, word for
/// word: a cut-off file, a newer version, a field this build does not know.
#[test]
fn summary_refuses_what_load_refuses_with_the_same_error() {
    let dir = tempfile::tempdir().unwrap();
    let text = store::file::to_ron(&common::sample()).unwrap();
    let cut = text[..text.len() / 2].rfind('\n').unwrap();
    // Between two entries of the log (hostile report: a comma gone missing
    // there was listed as one entry fewer; a stray item as one more).
    let log = text.find("entries: [").unwrap();
    let seam = log + text[log..].find("),\n        (").unwrap() + 1;
    let between = |with: &str| format!("{}{with}{}", &text[..seam], &text[seam + 1..]);
    let damaged = [
        between(""),
        between(",,"),
        between(", 42,"),
        between(", \"a note\","),
        text.replace("entries: [", "entries: [,"),
        // Round 2: names and numbers where records go, a record named by
        // something else, a comma missing between two numbers.
        text.replace("entries: [", "entries: [x,"),
        text.replace("entries: [", "entries: [None,"),
        text.replace("entries: [\n        (", "entries: [\n        Bogus("),
        text.replace("attendees: [", "attendees: [7,"),
        text.replace("journal_seq:", "queue: [1 2],\n    journal_seq:"),
        text[..cut].to_string(),
        text.replace("version: 1,", "version: 2,"),
        text.replace("version: 1,", "version: 1,\n    colour: \"blue\","),
        text.replace("journal_seq: 0", "journal_seq: 99999999999999999"),
        String::new(),
        "\0".to_string(),
    ];
    for (i, bytes) in damaged.iter().enumerate() {
        let path = dir.path().join(format!("damaged-{i}.ron"));
        std::fs::write(&path, bytes).unwrap();
        let load = store::load(&path).unwrap_err().to_string();
        let summary = store::file::summary(&path).unwrap_err().to_string();
        assert_eq!(summary, load);
    }
    let missing = dir.path().join("missing.ron");
    assert_eq!(
        store::file::summary(&missing).unwrap_err().to_string(),
        store::load(&missing).unwrap_err().to_string()
    );
}

/// What `export -o` writes with: without `--force`, a file that is there
/// (or appears between the check and the rename) is kept, not replaced.
/// A new document is readable by others (0644), unlike a session (0600).
#[test]
fn write_document_never_replaces_a_file_unless_asked_and_is_readable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("minutes.md");
    store::file::write_document(&path, b"first", false).unwrap();
    let again = store::file::write_document(&path, b"second", false).unwrap_err();
    assert_eq!(again.kind(), std::io::ErrorKind::AlreadyExists);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "first");
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "no temporary file left: {names:?}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o644);
    }
    store::file::write_document(&path, b"second", true).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "second");
}

/// A directory, or a link to one, is not replaced by the document (the
/// link was replaced by a file with the directory's mode).
#[cfg(unix)]
#[test]
fn write_document_refuses_a_directory_and_a_link_to_one() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("minutes.md");
    std::fs::create_dir(&sub).unwrap();
    let link = dir.path().join("link.md");
    std::os::unix::fs::symlink(&sub, &link).unwrap();
    for out in [&sub, &link] {
        for replace in [false, true] {
            let e = store::file::write_document(out, b"x", replace).unwrap_err();
            assert_eq!(e.kind(), std::io::ErrorKind::IsADirectory, "{out:?}");
        }
    }
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(sub.is_dir());
}
