//! The defects found by fault injection (damaged journals, links planted
//! beside a session, leftovers of crashes), each pinned by a test that
//! failed before its fix. They go through `OpenSession` and the files only,
//! as a user's session would.

mod common;

use minutes::model::Derived;
use std::path::{Path, PathBuf};

use minutes::model::{Change, Session, meeting};
use minutes::store::{self, Mode, OpenSession};

fn entry_texts(s: &Session) -> Vec<String> {
    s.entries.iter().map(|e| e.text.clone()).collect()
}

/// Records a little meeting (the sample's roster, before it started) and
/// leaves it as a kill -9 would: journal written, file not saved. Returns
/// the texts typed.
fn recorded_then_killed(path: &Path) -> Vec<String> {
    store::save(path, &common::before_meeting()).unwrap();
    let mut open = OpenSession::open(path, Mode::ReadWrite).unwrap();
    let now = common::t(1, 0);
    let join = meeting::join(
        open.session(),
        "Alice Ames".into(),
        Some("ISO".into()),
        "Guest".into(),
        true,
        now,
    );
    open.apply(join).unwrap();
    let alice = open.session().attendees.last().unwrap().id;
    let floor = meeting::switch_speaker(
        open.session(),
        &Derived::of(open.session()),
        Some(alice),
        now,
    )
    .unwrap();
    open.apply(floor).unwrap();
    let mut texts = Vec::new();
    for i in 0..8 {
        let text = format!("note {i} while Alice speaks");
        open.apply(common::add_note(open.session(), &text)).unwrap();
        texts.push(text);
    }
    // A kill leaves the journal and no save; dropping without `close`
    // does the same (the OS would release the lock).
    drop(open);
    texts
}

/// `recorded_then_killed`, then one byte of journal line 2 flipped.
/// Returns the damaged journal.
fn recorded_killed_and_damaged(path: &Path) -> Vec<u8> {
    recorded_then_killed(path);
    let mut bytes = std::fs::read(journal(path)).unwrap();
    let line = line_range(&bytes, 2);
    bytes[line.start + 12] ^= 0x20;
    std::fs::write(journal(path), &bytes).unwrap();
    bytes
}

fn journal(path: &Path) -> PathBuf {
    store::journal_path(path)
}

/// The byte range of journal line `n` (1-based).
fn line_range(bytes: &[u8], n: usize) -> std::ops::Range<usize> {
    let mut start = 0;
    for _ in 1..n {
        start += bytes[start..].iter().position(|&b| b == b'\n').unwrap() + 1;
    }
    let end = start + bytes[start..].iter().position(|&b| b == b'\n').unwrap();
    start..end
}

// ---------------------------------------------- defect 2: never save worse

#[test]
fn a_damaged_join_record_never_leads_to_an_unopenable_file_or_bak() {
    let (_dir, path) = common::sample_copy();
    recorded_then_killed(&path);
    let mut bytes = std::fs::read(journal(&path)).unwrap();
    // One byte of the /join record (line 1), so that it no longer reads.
    let line = line_range(&bytes, 1);
    let at = line.start
        + String::from_utf8_lossy(&bytes[line])
            .find("Attendee")
            .unwrap();
    bytes[at] = b'X';
    std::fs::write(journal(&path), &bytes).unwrap();

    let mut open = OpenSession::open(&path, Mode::ReadWrite).unwrap();
    open.apply(common::add_note(open.session(), "typed after reopening"))
        .unwrap();
    open.close().unwrap();
    // Both the file and its backup still open.
    store::load(&path).expect("the saved session loads");
    store::load(&store::backup_path(&path)).expect("the backup loads");
}

#[test]
fn a_session_that_fails_the_check_is_never_written() {
    let (_dir, path) = common::sample_copy();
    let before = std::fs::read(&path).unwrap();
    let mut s = common::sample();
    s.entries.get_mut(0).unwrap().agenda_item = Some(minutes::model::AgendaId(999));
    let err = store::save(&path, &s).unwrap_err();
    assert!(err.to_string().contains("not saving"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn an_intact_record_that_breaks_the_session_opens_it_read_only_touching_nothing() {
    let (_dir, path) = common::sample_copy();
    let mut s = common::sample();
    // A well-formed record naming a topic that does not exist.
    let mut entry = common::note(s.next_entry_id().0, "orphan");
    entry.agenda_item = Some(minutes::model::AgendaId(999));
    let change = Change::Entry(minutes::model::Edit::Insert {
        index: s.entries.len(),
        item: entry,
    });
    let record = store::journal::Record { seq: 1, change };
    let line = store::journal::encode(&record).unwrap();
    std::fs::write(journal(&path), &line).unwrap();
    s.journal_seq = 0;
    let file_before = std::fs::read(&path).unwrap();

    let open = OpenSession::open(&path, Mode::ReadWrite).unwrap();
    assert!(open.is_read_only());
    assert!(open.session().problems().is_empty());
    let message = open.recovery().message().unwrap();
    assert!(message.contains("READ-ONLY"), "{message}");
    assert!(message.contains("inconsistent"), "{message}");
    drop(open);
    assert_eq!(std::fs::read(&path).unwrap(), file_before);
    assert_eq!(std::fs::read(journal(&path)).unwrap(), line.as_bytes());
    assert!(!store::backup_path(&path).exists());
}

// --------------------------------- defect 3: corruption is never silent

#[test]
fn an_edited_sequence_number_is_damage_not_a_silent_drop() {
    let (_dir, path) = common::sample_copy();
    let texts = recorded_then_killed(&path);
    let bytes = std::fs::read(journal(&path)).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    // `(seq:3,` becomes `(seq:9,`: the checksum no longer matches.
    let edited = text.replacen("(seq:3,", "(seq:9,", 1);
    assert_ne!(edited, text);
    std::fs::write(journal(&path), &edited).unwrap();
    let open = OpenSession::open(&path, Mode::ReadWrite).unwrap();
    let message = open.recovery().message().unwrap();
    assert!(message.contains("DAMAGED at line 3"), "{message}");
    // Lines 4..=10 are intact but come after the damage.
    assert!(
        message.contains(&format!("{} later changes", texts.len() - 1)),
        "{message}"
    );
    assert!(open.recovery().is_problem());
}

#[test]
fn a_gap_in_sequence_numbers_is_reported() {
    let (_dir, path) = common::sample_copy();
    recorded_then_killed(&path);
    let bytes = std::fs::read(journal(&path)).unwrap();
    // Remove line 4 whole: every other line is intact.
    let line = line_range(&bytes, 4);
    let mut cut = bytes[..line.start].to_vec();
    cut.extend_from_slice(&bytes[line.end + 1..]);
    std::fs::write(journal(&path), &cut).unwrap();
    let open = OpenSession::open(&path, Mode::ReadOnly).unwrap();
    assert_eq!(open.recovery().replayed, 3);
    let message = open.recovery().message().unwrap();
    assert!(message.contains("change 5 follows change 3"), "{message}");
    assert!(message.contains("6 later changes"), "{message}");
}

#[test]
fn a_zero_filled_tail_is_damage_not_a_half_written_change() {
    let (_dir, path) = common::sample_copy();
    recorded_then_killed(&path);
    let mut bytes = std::fs::read(journal(&path)).unwrap();
    // Zeros over the last three records, as a power loss may leave.
    let from = line_range(&bytes, 8).start + 5;
    for b in &mut bytes[from..] {
        *b = 0;
    }
    std::fs::write(journal(&path), &bytes).unwrap();
    let open = OpenSession::open(&path, Mode::ReadOnly).unwrap();
    let r = open.recovery();
    assert!(!r.torn_tail, "{r:?}");
    assert_eq!(r.replayed, 7);
    let message = r.message().unwrap();
    assert!(message.contains("DAMAGED at line 8"), "{message}");
    assert!(message.contains("zeros"), "{message}");
}

#[test]
fn a_half_written_last_line_is_still_a_torn_tail() {
    let (_dir, path) = common::sample_copy();
    recorded_then_killed(&path);
    let bytes = std::fs::read(journal(&path)).unwrap();
    std::fs::write(journal(&path), &bytes[..bytes.len() - 30]).unwrap();
    let open = OpenSession::open(&path, Mode::ReadOnly).unwrap();
    assert!(open.recovery().torn_tail);
    assert!(!open.recovery().is_problem());
    assert_eq!(open.recovery().replayed, 9);
}

#[test]
fn an_absurd_journal_seq_is_refused_at_load_with_its_position() {
    let (_dir, path) = common::sample_copy();
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text.replace("journal_seq: 0", "journal_seq: 18446744073709551615");
    std::fs::write(&path, &text).unwrap();
    let err = store::load(&path).unwrap_err().to_string();
    let line = text
        .lines()
        .position(|l| l.contains("journal_seq"))
        .unwrap()
        + 1;
    assert!(err.contains(&format!(":{line}:18:")), "{err}");
    assert!(err.contains("out of range"), "{err}");
}

/// Runs `minutes export PATH` and `minutes list` on DIR: (export's
/// stdout, export's stderr, list's stdout).
fn export_and_list(dir: &Path, path: &Path) -> (String, String, String) {
    let export = assert_cmd::Command::cargo_bin("minutes")
        .unwrap()
        .arg("export")
        .arg(path)
        .output()
        .unwrap();
    assert!(export.status.success());
    let list = assert_cmd::Command::cargo_bin("minutes")
        .unwrap()
        .arg("list")
        .env("MINUTES_DATA_DIR", dir)
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&export.stdout).into_owned(),
        String::from_utf8_lossy(&export.stderr).into_owned(),
        String::from_utf8_lossy(&list.stdout).into_owned(),
    )
}

#[test]
fn export_and_list_report_a_damaged_journal() {
    let (dir, path) = common::sample_copy();
    recorded_killed_and_damaged(&path);
    let (_, export, list) = export_and_list(dir.path(), &path);
    assert!(export.contains("DAMAGED at line 2"), "{export}");
    assert!(list.contains("DAMAGED at line 2"), "{list}");
}

#[test]
fn export_and_list_mention_changes_waiting_in_the_journal() {
    let (dir, path) = common::sample_copy();
    recorded_then_killed(&path);
    let (minutes, export, list) = export_and_list(dir.path(), &path);
    assert!(minutes.contains("note 7 while Alice speaks"));
    // Said as what it is for the export: no accident, the changes are in.
    assert!(
        export
            .contains("the export includes 10 changes journalled but not yet saved into the file"),
        "{export}"
    );
    assert!(!export.contains("Recovered"), "{export}");
    assert!(list.contains("Recovered 10 changes"), "{list}");
}

// ------------------------------------ defects 4, 5, 6: links and sidecars

#[cfg(unix)]
#[test]
fn a_symlink_to_an_open_session_cannot_make_a_second_writer() {
    let (dir, path) = common::sample_copy();
    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink(&path, &link).unwrap();
    let _first = OpenSession::open(&path, Mode::ReadWrite).unwrap();
    let err = OpenSession::open(&link, Mode::ReadWrite).unwrap_err();
    assert!(err.to_string().contains("already open"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_hard_link_to_an_open_session_cannot_make_a_second_writer() {
    let (dir, path) = common::sample_copy();
    let link = dir.path().join("hard.ron");
    std::fs::hard_link(&path, &link).unwrap();
    let _first = OpenSession::open(&path, Mode::ReadWrite).unwrap();
    let err = OpenSession::open(&link, Mode::ReadWrite).unwrap_err();
    assert!(err.to_string().contains("already open"), "{err}");
}

#[cfg(unix)]
#[test]
fn saving_through_a_symlink_writes_the_target_and_keeps_the_link() {
    let (dir, path) = common::sample_copy();
    let other = tempfile::tempdir().unwrap();
    let link = other.path().join("link.ron");
    std::os::unix::fs::symlink(&path, &link).unwrap();
    let mut open = OpenSession::open(&link, Mode::ReadWrite).unwrap();
    open.apply(common::add_note(open.session(), "through the link"))
        .unwrap();
    open.close().unwrap();
    assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
    assert!(entry_texts(&store::load(&path).unwrap()).contains(&"through the link".into()));
    // The backup and the temporary files went beside the target.
    assert!(store::backup_path(&path).exists());
    assert_eq!(std::fs::read_dir(other.path()).unwrap().count(), 1);
    drop(dir);
}

#[cfg(unix)]
#[test]
fn planted_symlinks_for_lock_and_journal_are_refused_and_their_targets_untouched() {
    let (dir, path) = common::sample_copy();
    let victim = dir.path().join("victim.txt");
    let other = dir.path().join("other.txt");
    std::fs::write(&victim, "precious").unwrap();
    std::fs::write(&other, "also precious").unwrap();
    std::os::unix::fs::symlink(&victim, store::lock_path(&path)).unwrap();
    let err = OpenSession::open(&path, Mode::ReadWrite).unwrap_err();
    assert!(err.to_string().contains("symbolic link"), "{err}");
    std::fs::remove_file(store::lock_path(&path)).unwrap();

    std::os::unix::fs::symlink(&other, journal(&path)).unwrap();
    let err = OpenSession::open(&path, Mode::ReadWrite).unwrap_err();
    assert!(err.to_string().contains("symbolic link"), "{err}");
    let err = OpenSession::open(&path, Mode::ReadOnly).unwrap_err();
    assert!(err.to_string().contains("symbolic link"), "{err}");

    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "also precious");
}

#[cfg(unix)]
#[test]
fn a_journal_hard_linked_to_another_file_is_refused() {
    let (dir, path) = common::sample_copy();
    let other = dir.path().join("other.txt");
    std::fs::write(&other, "also precious").unwrap();
    std::fs::hard_link(&other, journal(&path)).unwrap();
    let err = OpenSession::open(&path, Mode::ReadWrite).unwrap_err();
    assert!(err.to_string().contains("hard links"), "{err}");
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "also precious");
}

// ------------------------------------------ defect 9: leftovers and fsync

#[test]
fn temporary_files_of_interrupted_saves_are_named_after_the_session_and_removed() {
    let (dir, path) = common::sample_copy();
    // What a kill during a save leaves: a temporary file named after it.
    let stale = dir.path().join(".meeting.ron.Ab3dE9.tmp");
    std::fs::write(&stale, vec![b'x'; 5000]).unwrap();
    // Not ours: another session's, and a user's file.
    let theirs = dir.path().join(".meeting.ron.x.ron.Ab3dE9.tmp");
    std::fs::write(&theirs, "x").unwrap();
    let open = OpenSession::open(&path, Mode::ReadWrite).unwrap();
    assert!(!stale.exists());
    assert!(theirs.exists());
    let message = open.recovery().message().unwrap();
    assert!(message.contains("removed 1 temporary file"), "{message}");
}

#[test]
fn two_recoveries_in_one_second_keep_two_journal_copies() {
    let (_dir, path) = common::sample_copy();
    let mut kept = Vec::new();
    for _ in 0..2 {
        let bytes = recorded_killed_and_damaged(&path);
        let open = OpenSession::open(&path, Mode::ReadWrite).unwrap();
        let copy = open.recovery().kept_journal.clone().unwrap();
        assert_eq!(std::fs::read(&copy).unwrap(), bytes);
        kept.push(copy);
        open.close().unwrap();
    }
    assert_ne!(kept[0], kept[1]);
    assert!(kept.iter().all(|k| k.exists()));
}

// ------------------------------------------------------- defect 10 (store)

#[test]
fn a_byte_order_mark_is_accepted() {
    let (_dir, path) = common::sample_copy();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(std::fs::read(&path).unwrap());
    std::fs::write(&path, &bytes).unwrap();
    let s = store::load(&path).expect("a file with a BOM loads");
    assert_eq!(s, common::sample());
}

// ------------------------------------------------ defect 1: a full disk

#[test]
fn entries_typed_after_the_disk_fills_still_reach_the_journal() {
    let Some(disk) = common::SmallDisk::mount(1024) else {
        return;
    };
    let path = disk.path().join("meeting.ron");
    std::fs::copy(common::sample_path(), &path).unwrap();
    let mut open = OpenSession::open(&path, Mode::ReadWrite).unwrap();
    // Another program takes every byte left.
    let filler = disk.fill(0);
    assert!(disk.free() < 8192, "the disk is full: {} free", disk.free());
    let mut acknowledged = Vec::new();
    for i in 0..5000 {
        let text = format!("note {i} typed after the disk filled up, with some more words");
        open.apply(common::add_note(open.session(), &text)).unwrap();
        if open.unsaved() > 0 {
            break;
        }
        acknowledged.push(text);
    }
    println!(
        "{} entries reached the journal after the disk filled",
        acknowledged.len()
    );
    assert!(
        acknowledged.len() >= 500,
        "only {} entries reached the disk after it filled",
        acknowledged.len()
    );
    // A crash now, then room again: every acknowledged entry is there.
    drop(open);
    std::fs::remove_file(filler).unwrap();
    let reopened = OpenSession::open(&path, Mode::ReadOnly).unwrap();
    let texts = entry_texts(reopened.session());
    assert!(acknowledged.iter().all(|t| texts.contains(t)));
}

#[test]
fn a_rescue_copy_goes_to_the_first_directory_that_takes_it() {
    let Some(disk) = common::SmallDisk::mount(256) else {
        return;
    };
    let path = disk.path().join("meeting.ron");
    std::fs::copy(common::sample_path(), &path).unwrap();
    let open = OpenSession::open(&path, Mode::ReadWrite).unwrap();
    disk.fill(0);
    let elsewhere = tempfile::tempdir().unwrap();
    let dirs = store::rescue_dirs(&path, Some(elsewhere.path()));
    assert_eq!(dirs[0], disk.path());
    let copy = open.write_rescue(&dirs).unwrap();
    assert_eq!(copy.parent().unwrap(), elsewhere.path());
    assert_eq!(&store::load(&copy).unwrap(), open.session());
    // Nothing half-written was left on the full disk.
    let names: Vec<_> = std::fs::read_dir(disk.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.contains("rescue")), "{names:?}");
}

// ------------------- found by a hostile tester of the fixes above

#[test]
fn a_journal_removed_during_the_meeting_loses_nothing() {
    let (_dir, path) = common::sample_copy();
    let mut open = OpenSession::open(&path, Mode::ReadWrite).unwrap();
    open.apply(common::add_note(open.session(), "before rm"))
        .unwrap();
    std::fs::remove_file(journal(&path)).unwrap();
    open.apply(common::add_note(open.session(), "after rm"))
        .unwrap();
    assert_eq!(open.unsaved(), 0, "{:?}", open.last_error());
    // A crash now: both notes are on disk somewhere minutes reads.
    drop(open);
    let reopened = OpenSession::open(&path, Mode::ReadOnly).unwrap();
    let texts = entry_texts(reopened.session());
    assert!(texts.contains(&"before rm".into()), "{texts:?}");
    assert!(texts.contains(&"after rm".into()), "{texts:?}");
}

/// Hostile report: with the journal removed, the next note saved the whole
/// file on the screen's thread (0.6 s at 100,000 entries), and a kill in
/// that time lost it. A new journal with every change the file lacks is
/// written instead, at once; the file is left as it is.
#[test]
fn a_journal_removed_is_started_again_with_what_the_file_lacks_not_a_whole_save() {
    let (_dir, path) = common::sample_copy();
    let mut open = OpenSession::open(&path, Mode::ReadWrite).unwrap();
    let file = std::fs::read(&path).unwrap();
    open.apply(common::add_note(open.session(), "before rm"))
        .unwrap();
    std::fs::remove_file(journal(&path)).unwrap();
    open.apply(common::add_note(open.session(), "after rm"))
        .unwrap();
    assert_eq!(open.unsaved(), 0, "{:?}", open.last_error());
    assert_eq!(std::fs::read(&path).unwrap(), file, "the file is not saved");
    let journalled = std::fs::read_to_string(journal(&path)).unwrap();
    assert!(journalled.contains("before rm") && journalled.contains("after rm"));
    drop(open); // a crash
    let reopened = OpenSession::open(&path, Mode::ReadOnly).unwrap();
    let texts = entry_texts(reopened.session());
    assert!(
        texts.ends_with(&["before rm".into(), "after rm".into()]),
        "{texts:?}"
    );
    assert!(
        !reopened.recovery().is_problem(),
        "{:?}",
        reopened.recovery()
    );
}

/// Hostile report, round 2: a journal or session file removed while no
/// one typed was only noticed at the next change, and a crash before it
/// lost what they held. The app looks at each tick (`OpenSession::watch`).
#[test]
fn what_another_program_removes_while_nobody_types_is_put_back_at_the_next_tick() {
    let (_dir, path) = common::sample_copy();
    let mut open = OpenSession::open(&path, Mode::ReadWrite).unwrap();
    assert_eq!(open.watch(), None, "nothing to do");
    open.apply(common::add_note(open.session(), "idle note"))
        .unwrap();
    std::fs::remove_file(journal(&path)).unwrap();
    assert!(open.watch().is_some());
    assert_eq!(open.watch(), None, "once");
    drop(open); // a crash
    let mut open = OpenSession::open(&path, Mode::ReadWrite).unwrap();
    assert!(entry_texts(open.session()).contains(&"idle note".into()));

    std::fs::remove_file(&path).unwrap();
    assert!(open.watch().is_some());
    open.wait_for_save().expect("written again").result.unwrap();
    drop(open); // a crash
    let reopened = OpenSession::open(&path, Mode::ReadOnly).unwrap();
    assert!(entry_texts(reopened.session()).contains(&"idle note".into()));
}

#[test]
fn a_journal_replaced_during_the_meeting_loses_nothing_and_the_other_file_is_kept() {
    let (dir, path) = common::sample_copy();
    let mut open = OpenSession::open(&path, Mode::ReadWrite).unwrap();
    open.apply(common::add_note(open.session(), "one")).unwrap();
    let other = dir.path().join("other");
    std::fs::write(&other, "someone else's text").unwrap();
    std::fs::rename(&other, journal(&path)).unwrap();
    open.apply(common::add_note(open.session(), "two")).unwrap();
    drop(open);
    let reopened = OpenSession::open(&path, Mode::ReadOnly).unwrap();
    let texts = entry_texts(reopened.session());
    assert!(texts.ends_with(&["one".into(), "two".into()]), "{texts:?}");
    let kept: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| {
            let p = e.unwrap().path();
            let text = std::fs::read_to_string(&p).ok()?;
            (text == "someone else's text").then(|| p.display().to_string())
        })
        .collect();
    assert_eq!(kept.len(), 1, "the other file is kept aside: {kept:?}");
}

#[test]
fn export_refuses_to_overwrite_the_sessions_own_files() {
    let (_dir, path) = common::sample_copy();
    for own in [
        journal(&path),
        store::lock_path(&path),
        store::backup_path(&path),
        path.clone(),
    ] {
        let out = assert_cmd::Command::cargo_bin("minutes")
            .unwrap()
            .arg("export")
            .arg(&path)
            .arg("-o")
            .arg(&own)
            .output()
            .unwrap();
        assert!(!out.status.success(), "{}", own.display());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("choose another output file"), "{stderr}");
        assert!(
            !own.exists() || own == path,
            "{} was written",
            own.display()
        );
    }
}

#[test]
fn the_space_set_aside_is_given_back_so_a_reopen_can_save() {
    let Some(disk) = common::SmallDisk::mount(200) else {
        return;
    };
    let path = disk.path().join("meeting.ron");
    std::fs::copy(common::sample_path(), &path).unwrap();
    let mut open = OpenSession::open(&path, Mode::ReadWrite).unwrap();
    let filler = disk.fill(0);
    for i in 0..3 {
        let text = format!("note {i} on a full disk");
        open.apply(common::add_note(open.session(), &text)).unwrap();
    }
    assert_eq!(open.unsaved(), 0, "the journal had room set aside");
    // The program ends (a failed save at quit, or a kill).
    drop(open);
    drop(filler);
    // The disk is still full but for what the journal held: reopening
    // saves the recovered notes into the file.
    let reopened = OpenSession::open(&path, Mode::ReadWrite);
    let reopened = reopened.expect("reopening on the full disk works");
    assert!(entry_texts(reopened.session()).contains(&"note 2 on a full disk".into()));
    assert!(!reopened.has_unsaved_changes());
}

/// The sample on a small tmpfs, a note typed, the program killed (the
/// note in the journal only), then the disk filled: the disk, the
/// session's path and the file that fills it. `None` where no tmpfs can
/// be mounted.
fn crashed_then_disk_full(note: &str) -> Option<(common::SmallDisk, PathBuf, PathBuf)> {
    let disk = common::SmallDisk::mount(400)?;
    let path = disk.path().join("meeting.ron");
    std::fs::copy(common::sample_path(), &path).unwrap();
    let mut open = OpenSession::open(&path, Mode::ReadWrite).unwrap();
    open.apply(common::add_note(open.session(), note)).unwrap();
    drop(open); // a crash: the note is in the journal only
    let filler = disk.fill(0);
    Some((disk, path, filler))
}

/// Hostile report: a session with changes waiting in its journal could
/// not be opened at all on a full disk (the recovery's save failed, and
/// with it the open), though the journal had them and room to go on.
#[test]
fn a_session_with_a_journal_opens_for_recording_on_a_full_disk() {
    let Some((_disk, path, filler)) = crashed_then_disk_full("before the crash") else {
        return;
    };
    let mut reopened = OpenSession::open(&path, Mode::ReadWrite).expect("opens on a full disk");
    assert!(entry_texts(reopened.session()).contains(&"before the crash".into()));
    assert!(reopened.has_unsaved_changes());
    let why = reopened
        .last_error()
        .expect("says the file was not written");
    assert!(why.contains("No space left"), "{why}");
    reopened
        .apply(common::add_note(reopened.session(), "after the reopen"))
        .unwrap();
    assert_eq!(
        reopened.unsaved(),
        0,
        "journalled: {:?}",
        reopened.last_error()
    );
    drop(reopened); // and again
    std::fs::remove_file(&filler).unwrap();
    let last = OpenSession::open(&path, Mode::ReadWrite).unwrap();
    let texts = entry_texts(last.session());
    assert!(
        texts.ends_with(&["before the crash".into(), "after the reopen".into()]),
        "{texts:?}"
    );
    assert!(
        !last.has_unsaved_changes(),
        "saved once there is room: {:?}",
        last.last_error()
    );
}

/// Hostile report, round 2: reopened on a full disk (the recovery's save
/// failed, its changes kept in the journal), then the journal removed: a
/// new journal was started with the next change alone, which reads as
/// damage, and the recovered changes were said to be on disk. They are
/// only in memory now: it says so, and a save once there is room has all.
#[test]
fn a_journal_removed_after_a_recovery_on_a_full_disk_is_not_restarted_half() {
    let Some((_disk, path, filler)) = crashed_then_disk_full("recovered") else {
        return;
    };
    let mut open = OpenSession::open(&path, Mode::ReadWrite).unwrap();
    std::fs::remove_file(journal(&path)).unwrap();
    open.apply(common::add_note(open.session(), "after rm"))
        .unwrap();
    assert!(open.unsaved() > 0, "not claimed to be on disk");
    std::fs::remove_file(&filler).unwrap();
    open.close().unwrap();
    let texts = entry_texts(&store::load(&path).unwrap());
    assert!(
        texts.ends_with(&["recovered".into(), "after rm".into()]),
        "{texts:?}"
    );
}

#[test]
fn a_session_opens_for_recording_on_a_disk_already_full() {
    let Some(disk) = common::SmallDisk::mount(200) else {
        return;
    };
    let path = disk.path().join("meeting.ron");
    std::fs::copy(common::sample_path(), &path).unwrap();
    disk.fill(0);
    let open = OpenSession::open(&path, Mode::ReadWrite).expect("opens on a full disk");
    drop(open);
    assert!(!store::lock_path(&path).exists(), "no stray lock file");
}

#[cfg(unix)]
#[test]
fn a_fifo_planted_as_the_journal_is_refused_without_hanging() {
    let (_dir, path) = common::sample_copy();
    let fifo = std::ffi::CString::new(journal(&path).as_os_str().as_encoded_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
    for mode in [Mode::ReadOnly, Mode::ReadWrite] {
        let (tx, rx) = std::sync::mpsc::channel();
        let p = path.clone();
        std::thread::spawn(move || {
            let _ = tx.send(
                OpenSession::open(&p, mode)
                    .map(|_| ())
                    .map_err(|e| e.to_string()),
            );
        });
        let result = rx
            .recv_timeout(std::time::Duration::from_secs(5))
            .expect("open returns instead of waiting on the FIFO");
        let err = result.unwrap_err();
        assert!(err.contains("not a regular file"), "{err}");
    }
    assert!(!store::lock_path(&path).exists());
}

#[test]
fn a_journal_larger_than_a_session_may_be_is_refused() {
    let (_dir, path) = common::sample_copy();
    let f = std::fs::File::create(journal(&path)).unwrap();
    f.set_len(store::file::MAX_FILE_SIZE + 1).unwrap();
    let err = OpenSession::open(&path, Mode::ReadOnly)
        .unwrap_err()
        .to_string();
    assert!(err.contains("more than"), "{err}");
}

#[test]
fn new_changes_after_a_partial_recovery_never_reuse_the_numbers_kept_aside() {
    let (_dir, path) = common::sample_copy();
    recorded_killed_and_damaged(&path);
    let mut open = OpenSession::open(&path, Mode::ReadWrite).unwrap();
    let kept = open.recovery().kept_journal.clone().unwrap();
    open.apply(common::add_note(open.session(), "first note after"))
        .unwrap();
    open.close().unwrap();
    // Someone tries the kept journal again on the saved file.
    std::fs::copy(&kept, journal(&path)).unwrap();
    let again = OpenSession::open(&path, Mode::ReadOnly).unwrap();
    assert!(
        entry_texts(again.session()).contains(&"first note after".into()),
        "the new note was overwritten by a kept change"
    );
    // Every kept record is known to be older than what the file holds.
    assert_eq!(again.recovery().replayed, 0, "{:?}", again.recovery());
    assert!(!again.recovery().is_problem(), "{:?}", again.recovery());
}

#[test]
fn an_intact_last_record_after_a_gap_is_damage_not_a_torn_tail() {
    let (_dir, path) = common::sample_copy();
    recorded_then_killed(&path);
    let bytes = std::fs::read(journal(&path)).unwrap();
    let last = line_range(&bytes, 10);
    std::fs::write(journal(&path), &bytes[last]).unwrap();
    let open = OpenSession::open(&path, Mode::ReadOnly).unwrap();
    let r = open.recovery();
    assert!(!r.torn_tail, "{r:?}");
    assert!(
        r.message().unwrap().contains("change 10 follows change 0"),
        "{r:?}"
    );
}

#[test]
fn a_rescue_copy_is_named_at_the_next_open() {
    let (dir, path) = common::sample_copy();
    let open = OpenSession::open(&path, Mode::ReadWrite).unwrap();
    let copy = open.write_rescue(&[dir.path().to_path_buf()]).unwrap();
    drop(open);
    let again = OpenSession::open(&path, Mode::ReadWrite).unwrap();
    let message = again.recovery().message().unwrap();
    assert!(message.contains(&copy.display().to_string()), "{message}");
    // Another session of the same name elsewhere is not told about it.
    let (_other_dir, other) = common::sample_copy();
    let other = OpenSession::open(&other, Mode::ReadWrite).unwrap();
    assert_eq!(other.recovery().message(), None);
}

#[test]
fn a_save_that_cannot_keep_the_backup_names_the_backup() {
    let (_dir, path) = common::sample_copy();
    std::fs::create_dir(store::backup_path(&path)).unwrap();
    let err = store::save(&path, &common::sample())
        .unwrap_err()
        .to_string();
    assert!(err.contains(".bak"), "{err}");
}

#[test]
fn a_journal_with_crlf_line_ends_says_how_many_lines_did_not_read() {
    let (_dir, path) = common::sample_copy();
    recorded_then_killed(&path);
    let text = std::fs::read_to_string(journal(&path)).unwrap();
    std::fs::write(journal(&path), text.replace('\n', "\r\n")).unwrap();
    let open = OpenSession::open(&path, Mode::ReadOnly).unwrap();
    let message = open.recovery().message().unwrap();
    assert!(
        message.contains("9 later lines could not be read either"),
        "{message}"
    );
}
