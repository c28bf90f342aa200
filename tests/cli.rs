//! The `minutes` binary, end to end, without a terminal.

mod common;

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn minutes() -> Command {
    let mut cmd = Command::cargo_bin("minutes").unwrap();
    // Never touch the real data directory from a test.
    cmd.env("MINUTES_DATA_DIR", "/nonexistent-minutes-test-dir");
    cmd.env("MINUTES_CONFIG_DIR", "/nonexistent-minutes-test-config");
    cmd
}

#[test]
fn export_sample_as_text() {
    let out = minutes()
        .args(["export", common::sample_path().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    insta::assert_snapshot!("sample.txt", text);
}

#[test]
fn export_sample_as_markdown() {
    let out = minutes()
        .args(["export", "--format", "md"])
        .arg(common::sample_path())
        .output()
        .unwrap();
    assert!(out.status.success());
    insta::assert_snapshot!("sample.md", String::from_utf8(out.stdout).unwrap());
}

#[test]
fn text_export_fits_in_80_columns() {
    use unicode_width::UnicodeWidthStr;
    let out = minutes()
        .arg("export")
        .arg(common::sample_path())
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for line in text.lines() {
        assert!(line.width() <= 80, "{} columns: {line}", line.width());
    }
}

/// `minutes export -f md -o OUT` of the sample, which must succeed.
fn export_sample_md_to(out: &Path) {
    export_sample_to(out, &["-f", "md"]);
}

/// `minutes export ARGS -o OUT` of the sample, which must succeed.
fn export_sample_to(out: &Path, args: &[&str]) {
    minutes()
        .arg("export")
        .args(args)
        .arg("-o")
        .arg(out)
        .arg(common::sample_path())
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .success()
        .stdout("");
}

/// Whether `text` is the sample's Markdown minutes.
fn assert_sample_md(text: &str) {
    assert!(
        text.starts_with("# Open Data for Museum Collections\n"),
        "{text}"
    );
}

#[test]
fn export_to_a_file_writes_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("minutes.md");
    export_sample_md_to(&out);
    let written = std::fs::read_to_string(&out).unwrap();
    assert_sample_md(&written);
}

/// `-o /dev/stdout`, `/dev/null` or a pipe is written to, not replaced:
/// renaming a finished file over it (as a regular file is replaced, whole
/// or not at all) turned /dev/null into a plain file on this machine.
/// A FIFO stands for them here.
#[cfg(unix)]
#[test]
fn export_to_a_device_or_pipe_writes_into_it() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let (sent, received) = std::sync::mpsc::channel();
    let reading = fifo.clone();
    // Opening a FIFO to read waits for a writer: a thread of its own.
    std::thread::spawn(move || sent.send(std::fs::read_to_string(reading)));
    export_sample_md_to(&fifo);
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the pipe was replaced: {kind:?}");
    let text = received
        .recv_timeout(std::time::Duration::from_secs(20))
        .expect("the export went into the pipe")
        .unwrap();
    assert_sample_md(&text);
}

/// An output that is a link to a file: the file it points to gets the
/// export, and the link stays a link.
#[cfg(unix)]
#[test]
fn export_through_a_link_writes_the_file_it_points_to() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("real.md");
    std::fs::write(&target, "old").unwrap();
    let link = dir.path().join("latest.md");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    export_sample_to(&link, &["-f", "md", "--force"]);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let text = std::fs::read_to_string(&target).unwrap();
    assert_sample_md(&text);
}

/// Hostile report: a link whose file is not there yet was replaced by a
/// plain file; the export now creates the file it points to.
#[cfg(unix)]
#[test]
fn export_through_a_link_to_a_file_not_there_yet_creates_it() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("latest.md");
    std::os::unix::fs::symlink("real.md", &link).unwrap();
    export_sample_md_to(&link);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let text = std::fs::read_to_string(dir.path().join("real.md")).unwrap();
    assert_sample_md(&text);
}

/// Hostile report: a tab in a hand-edited note made text lines 131-137
/// columns wide (a tab measures nothing).
#[test]
fn text_export_with_tabs_fits_in_80_columns() {
    let (_dir, path) = common::sample_copy();
    let mut text = std::fs::read_to_string(&path).unwrap();
    let tabs = "\\t".repeat(40) + "word\\tword ";
    // In a note, and in what the tables show: a name, a role, a topic.
    for field in ["text: \"", "name: \"", "role: \"", "title: \"Licensing"] {
        let at = text.find(field).unwrap() + field.len();
        text = format!("{}{}{}", &text[..at], tabs.repeat(3), &text[at..]);
    }
    std::fs::write(&path, text).unwrap();
    let out = minutes().arg("export").arg(&path).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("word word"), "the tabs are spaces");
    for line in text.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 80,
            "{line:?}"
        );
    }
}

#[test]
fn export_refuses_to_overwrite_the_session_itself() {
    let (_dir, path) = common::sample_copy();
    let before = std::fs::read(&path).unwrap();
    minutes()
        .arg("export")
        .arg(&path)
        .arg("-o")
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is the session file itself"));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn export_includes_changes_still_in_the_journal() {
    let (_dir, path) = common::sample_copy();
    let mut open =
        minutes::store::OpenSession::open(&path, minutes::store::Mode::ReadWrite).unwrap();
    open.apply(common::add_note(
        open.session(),
        "typed just before the crash",
    ))
    .unwrap();
    // Still open (as during a meeting, or after a crash): export reads the journal.
    minutes()
        .arg("export")
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("typed just before the crash"));
    drop(open);
}

#[test]
fn a_corrupt_file_gives_one_line_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.ron");
    std::fs::write(
        &path,
        "(\n  version: 1,\n  title: \"x\"\n  series: \"y\",\n)",
    )
    .unwrap();
    let out = minutes().arg("export").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with(&format!("minutes: {}:4:3: ", path.display())),
        "{stderr}"
    );
}

#[test]
fn a_missing_file_is_an_error() {
    minutes()
        .args(["export", "/nonexistent/meeting.ron"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "/nonexistent/meeting.ron: No such file",
        ));
}

#[test]
fn wrong_arguments_are_a_usage_error() {
    minutes()
        .args(["export"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("Usage:"));
    minutes()
        .args(["export", "x.ron", "--format", "pdf"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("txt"));
    minutes().args(["frobnicate"]).assert().code(2);
}

#[test]
fn every_subcommand_has_help() {
    for sub in [
        "new",
        "open",
        "list",
        "export",
        "import",
        "completions",
        "man",
    ] {
        minutes()
            .args([sub, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Usage: minutes"));
    }
}

#[test]
fn list_shows_the_sessions_in_the_data_dir_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        common::sample_path(),
        dir.path().join("2026-11-19-open-data.ron"),
    )
    .unwrap();
    let mut older = minutes::model::Session::new("Kick-off 启动会");
    older.started_at = Some(common::at("2026-09-01T10:00:00+08:00"));
    minutes::store::save(&dir.path().join("2026-09-01-kick-off.ron"), &older).unwrap();
    std::fs::write(dir.path().join("broken.ron"), "(version: 1,").unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a session").unwrap();

    let out = minutes()
        .env("MINUTES_DATA_DIR", dir.path())
        .arg("list")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout)
        .unwrap()
        .replace(&dir.path().display().to_string(), "DIR");
    insta::assert_snapshot!(text);
}

#[test]
fn list_of_an_empty_data_dir_says_how_to_start() {
    let dir = tempfile::tempdir().unwrap();
    minutes()
        .env("MINUTES_DATA_DIR", dir.path().join("never-created"))
        .arg("list")
        .assert()
        .success()
        .stdout(
            predicate::str::contains("No sessions in").and(predicate::str::contains("minutes new")),
        );
}

#[test]
fn open_without_a_terminal_fails_cleanly_and_keeps_the_file() {
    let (_dir, path) = common::sample_copy();
    let before = std::fs::read(&path).unwrap();
    minutes()
        .arg("open")
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not a terminal"));
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!minutes::store::lock_path(&path).exists());
}

/// What a hostile session file holds: clear the screen, retitle the
/// terminal, reverse the text that follows, and a C1 CSI introducer.
const HOSTILE: [&str; 4] = ["\x1b[2J", "\x1b]0;pwned\x07", "\u{202e}", "\u{9b}"];
/// How each is printed instead.
const ESCAPED: [&str; 4] = [r"\u{1b}[2J", r"\u{1b}]0;pwned\u{7}", r"\u{202e}", r"\u{9b}"];

/// Characters a terminal would act on, or that reorder the text shown.
fn unsafe_chars(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && c != '\t')
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect()
}

fn assert_printable(text: &str) {
    assert_eq!(unsafe_chars(text), Vec::<char>::new(), "{text:?}");
}

/// The sample with every hostile string in its title, a name, an
/// organisation, an agenda topic and a note.
fn hostile_session() -> minutes::model::Session {
    let mut s = common::sample();
    let all = HOSTILE.join(" ");
    s.title = format!("Board {all} meeting");
    s.attendees.get_mut(0).unwrap().name = format!("Wang{}", HOSTILE.concat());
    s.organisations.get_mut(0).unwrap().name = format!("Peking {all}");
    s.agenda.get_mut(0).unwrap().title = format!("Welcome {all}");
    let note = format!(
        "{all} and a long word {} that must still wrap within the line",
        "red\x1b[31m".repeat(12)
    );
    s.entries.push(common::note(s.next_entry_id().0, &note));
    s
}

#[test]
fn export_shows_control_characters_escaped_and_keeps_the_file_faithful() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.ron");
    let session = hostile_session();
    minutes::store::save(&path, &session).unwrap();
    for format in ["txt", "md"] {
        let out = minutes()
            .args(["export", "-f", format])
            .arg(&path)
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert_printable(&text);
        for (raw, escaped) in HOSTILE.iter().zip(ESCAPED) {
            assert!(!text.contains(raw));
            // Markdown escapes its own `\`, `[` and `]`: `\\u{1b}\[2J`.
            let escaped = match format {
                "md" => escaped
                    .replace('\\', r"\\")
                    .replace('[', r"\[")
                    .replace(']', r"\]"),
                _ => escaped.to_string(),
            };
            assert!(text.contains(&escaped), "{escaped} in\n{text}");
        }
    }
    // The file keeps the text as it was typed.
    assert_eq!(minutes::store::load(&path).unwrap(), session);
}

#[test]
fn text_export_with_control_characters_fits_in_80_columns() {
    use unicode_width::UnicodeWidthStr;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.ron");
    minutes::store::save(&path, &hostile_session()).unwrap();
    let out = minutes().arg("export").arg(&path).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    // Counted as printed: `\u{1b}` takes six columns where ESC took none.
    assert_printable(&text);
    for line in text.lines() {
        assert!(line.width() <= 80, "{} columns: {line:?}", line.width());
    }
    assert!(text.contains(r"red\u{1b}[31mred"));
}

#[test]
fn list_shows_control_characters_escaped() {
    let dir = tempfile::tempdir().unwrap();
    minutes::store::save(&dir.path().join("hostile.ron"), &hostile_session()).unwrap();
    std::fs::copy(common::sample_path(), dir.path().join("\x1b[2Jx.ron")).unwrap();
    std::fs::write(dir.path().join("\x1b]0;pwned\x07.ron"), "(version: 1,").unwrap();
    let out = minutes()
        .env("MINUTES_DATA_DIR", dir.path())
        .arg("list")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_printable(&text);
    assert!(text.contains(r"Board \u{1b}[2J"), "{text}");
    assert!(text.contains(r"\u{1b}[2Jx.ron"), "{text}");
    assert!(text.contains(r"\u{1b}]0;pwned\u{7}.ron"), "{text}");
}

#[test]
fn errors_show_control_characters_in_paths_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("\x1b[2Jmeeting.ron");
    let bad = dir.path().join("\x1b]0;pwned\x07.ron");
    std::fs::write(
        &bad,
        "(\n  version: 1,\n  title: \"x\"\n  series: \"y\",\n)",
    )
    .unwrap();
    for (path, escaped) in [(missing, r"\u{1b}[2Jmeeting.ron"), (bad, ESCAPED[1])] {
        let out = minutes().arg("export").arg(&path).output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_printable(&stderr);
        assert!(stderr.contains(escaped), "{stderr}");
    }
}

#[test]
fn errors_quoting_the_file_show_control_characters_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("inconsistent.ron");
    let mut s = hostile_session();
    // A hand edit: the organisation's code changed, its members' not.
    s.organisations.get_mut(0).unwrap().code = "PEKING".into();
    std::fs::write(&path, minutes::store::file::to_ron(&s).unwrap()).unwrap();
    let out = minutes().arg("export").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_printable(&stderr);
    assert!(
        stderr.contains(r"Wang\u{1b}[2J\u{1b}]0;pwned\u{7}\u{202e}\u{9b}"),
        "{stderr}"
    );
}

#[test]
fn export_refuses_what_is_not_a_regular_file() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("meeting.ron");
    let c_path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
    for path in [fifo.as_path(), dir.path(), Path::new("/dev/zero")] {
        minutes()
            .arg("export")
            .arg(path)
            .timeout(std::time::Duration::from_secs(10))
            .assert()
            .code(1)
            .stderr(predicate::str::contains("not a regular file"));
    }
}

#[test]
fn usage_errors_show_control_characters_escaped() {
    // `minutes export *.ron` in a directory with a hostile file name.
    let out = minutes()
        .args(["export", "a.ron", "\x1b]0;pwned\x07.ron"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_printable(&stderr);
    assert!(stderr.contains(ESCAPED[1]), "{stderr}");
}

#[test]
fn open_without_a_terminal_leaves_a_journal_to_recover_untouched() {
    // Recovery is news for a person at a screen: without one, nothing is
    // replayed, kept aside or emptied.
    let (dir, path) = common::sample_copy();
    let journal = minutes::store::journal_path(&path);
    std::fs::write(&journal, "0badc0de (seq:1,change:Nonsense)\n").unwrap();
    minutes()
        .arg("open")
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not a terminal"));
    assert_eq!(
        std::fs::read_to_string(&journal).unwrap(),
        "0badc0de (seq:1,change:Nonsense)\n"
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "no kept copy, no lock: {names:?}");
}

#[test]
fn a_chair_whose_role_says_chair_is_not_called_chair_twice() {
    let mut s = common::before_meeting();
    let anna = minutes::model::meeting::find_attendees(&s, "anna")[0];
    let zoe = minutes::model::meeting::find_attendees(&s, "zoe")[0];
    for a in &mut s.attendees {
        if a.id == anna {
            a.role = "Chair".into();
        }
        if a.id == zoe {
            a.role = "Professor".into();
        }
    }
    s.chair = Some(anna);
    s.secretary = Some(zoe);
    let text = minutes::export::export(&s, minutes::export::Format::Markdown);
    assert!(!text.to_lowercase().contains("chair, chair"), "{text}");
    assert!(text.contains("Professor, secretary"), "{text}");
}

/// `minutes list` on DIR: its stdout, and `minutes export FILE`'s stderr.
fn list_and_export_error(dir: &Path, file: &Path) -> (String, String) {
    let list = minutes()
        .env("MINUTES_DATA_DIR", dir)
        .arg("list")
        .output()
        .unwrap();
    assert!(list.status.success());
    let export = minutes().arg("export").arg(file).output().unwrap();
    assert!(!export.status.success());
    (
        String::from_utf8(list.stdout).unwrap(),
        String::from_utf8(export.stderr).unwrap(),
    )
}

/// The sample with `notes` more notes: a long session.
fn long_session(notes: usize) -> minutes::model::Session {
    let mut s = common::sample();
    for i in 0..notes {
        let change = common::add_note(&s, &format!("Note {i}: the partners discussed it"));
        change.apply(&mut s).unwrap();
    }
    s
}

#[test]
fn list_counts_the_entries_of_a_long_session() {
    let dir = tempfile::tempdir().unwrap();
    let session = long_session(2_000);
    minutes::store::save(&dir.path().join("long.ron"), &session).unwrap();
    let out = minutes()
        .env("MINUTES_DATA_DIR", dir.path())
        .arg("list")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let row = text.lines().find(|l| l.ends_with("long.ron")).unwrap();
    assert!(
        row.contains(&format!("  {}  ", session.entries.len())),
        "{row}"
    );
    assert!(row.contains("Open Data for Museum Collections"), "{row}");
}

/// `list` reads only what it prints, but still the whole file: a session
/// cut off deep in its log (its title, date and roster intact) is
/// reported unreadable, with the same error `export` gives.
#[test]
fn list_reports_a_session_cut_off_in_its_log_as_export_does() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cut.ron");
    let text = minutes::store::file::to_ron(&long_session(500)).unwrap();
    let cut = text[..text.len() * 2 / 3].rfind('\n').unwrap();
    std::fs::write(&path, &text[..cut]).unwrap();
    let (list, export) = list_and_export_error(dir.path(), &path);
    assert!(list.contains("(unreadable)"), "{list}");
    let error = export.trim().strip_prefix("minutes: ").unwrap();
    assert!(error.contains("truncated"), "{error}");
    assert!(
        list.contains(&format!("unreadable: {error}")),
        "{list}\n{error}"
    );
}

#[test]
fn list_reports_a_file_of_a_newer_version_as_export_does() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newer.ron");
    let text = minutes::store::file::to_ron(&common::sample())
        .unwrap()
        .replace("version: 1,", "version: 2,\n    colour: \"blue\",");
    std::fs::write(&path, text).unwrap();
    let (list, export) = list_and_export_error(dir.path(), &path);
    let error = export.trim().strip_prefix("minutes: ").unwrap();
    assert!(error.contains("newer minutes"), "{error}");
    assert!(
        list.contains(&format!("unreadable: {error}")),
        "{list}\n{error}"
    );
}

#[test]
fn the_minutes_count_the_organisations_of_those_who_came() {
    let mut s = common::before_meeting();
    let anna = minutes::model::meeting::find_attendees(&s, "anna")[0];
    for a in &mut s.attendees {
        if a.id == anna {
            a.attendance = minutes::model::Attendance::Present;
        }
    }
    let text = minutes::export::export(&s, minutes::export::Format::Markdown);
    assert!(text.contains("attended, from 1 organisation."), "{text}");
}

/// A data directory holding the sample as `2026-11-19-open-data.ron`, and
/// an empty directory to run in.
fn data_dir_with_sample() -> (tempfile::TempDir, tempfile::TempDir) {
    let data = tempfile::tempdir().unwrap();
    std::fs::copy(
        common::sample_path(),
        data.path().join("2026-11-19-open-data.ron"),
    )
    .unwrap();
    (data, tempfile::tempdir().unwrap())
}

/// `minutes --data-dir DATA ARGS…`, run in `cwd`.
fn minutes_in(cwd: &Path, data: &Path) -> Command {
    let mut cmd = minutes();
    cmd.current_dir(cwd).arg("--data-dir").arg(data);
    cmd
}

#[test]
fn export_takes_a_name_that_list_prints() {
    let (data, cwd) = data_dir_with_sample();
    minutes_in(cwd.path(), data.path())
        .args(["export", "-f", "md", "2026-11-19-open-data.ron"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "# Open Data for Museum Collections\n",
        ));
}

#[test]
fn export_takes_a_name_without_ron() {
    let (data, cwd) = data_dir_with_sample();
    minutes_in(cwd.path(), data.path())
        .args(["export", "-f", "md", "2026-11-19-open-data"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "# Open Data for Museum Collections\n",
        ));
}

#[test]
fn a_file_in_the_current_directory_wins_over_the_data_dir() {
    let (data, cwd) = data_dir_with_sample();
    let mut here = common::sample();
    here.title = "The one in the current directory".into();
    minutes::store::save(&cwd.path().join("2026-11-19-open-data.ron"), &here).unwrap();
    minutes_in(cwd.path(), data.path())
        .args(["export", "-f", "md", "2026-11-19-open-data.ron"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "# The one in the current directory\n",
        ));
}

#[test]
fn a_missing_name_says_where_it_looked_and_to_run_list() {
    let (data, cwd) = data_dir_with_sample();
    let out = minutes_in(cwd.path(), data.path())
        .args(["export", "2026-11-19-open"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    let tried = data.path().join("2026-11-19-open.ron");
    for said in [
        "no session 2026-11-19-open:",
        "in the current directory",
        &tried.display().to_string(),
        "`minutes list`",
    ] {
        assert!(stderr.contains(said), "{said:?} in {stderr}");
    }
}

#[test]
fn a_path_with_a_slash_is_not_looked_for_in_the_data_dir() {
    let (data, cwd) = data_dir_with_sample();
    minutes_in(cwd.path(), data.path())
        .args(["export", "./2026-11-19-open-data.ron"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("No such file"));
}

#[test]
fn open_and_review_take_a_name_that_list_prints() {
    let (data, cwd) = data_dir_with_sample();
    for command in ["open", "review"] {
        // Found, then refused for want of a terminal (the name is checked first).
        minutes_in(cwd.path(), data.path())
            .args([command, "2026-11-19-open-data"])
            .assert()
            .code(1)
            .stderr(predicate::str::contains("not a terminal"));
        minutes_in(cwd.path(), data.path())
            .args([command, "2026-11-19-other"])
            .assert()
            .code(1)
            .stderr(predicate::str::contains("no session 2026-11-19-other:"));
    }
}

#[test]
fn new_from_takes_a_name_that_list_prints() {
    let (data, cwd) = data_dir_with_sample();
    minutes_in(cwd.path(), data.path())
        .args(["new", "Next", "--from", "2026-11-19-other"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no session 2026-11-19-other:"));
}

#[test]
fn help_says_how_a_session_is_found() {
    for sub in ["open", "export"] {
        minutes().args([sub, "--help"]).assert().success().stdout(
            predicate::str::contains("`.ron` may be left off")
                .and(predicate::str::contains("in this order"))
                .and(predicate::str::contains("./NAME")),
        );
    }
}

#[test]
fn the_output_extension_gives_the_format_unless_one_is_given() {
    let dir = tempfile::tempdir().unwrap();
    for (name, args, markdown) in [
        ("a.md", &[][..], true),
        ("b.markdown", &[], true),
        ("c.MD", &[], true),
        ("d.txt", &[], false),
        ("e.md", &["-f", "txt"], false),
        ("f.txt", &["--format", "md"], true),
    ] {
        let out = dir.path().join(name);
        export_sample_to(&out, args);
        let text = std::fs::read_to_string(&out).unwrap();
        assert_eq!(
            text.starts_with("# Open Data for Museum Collections\n"),
            markdown,
            "{name} {args:?}: {text}"
        );
    }
}

#[test]
fn an_output_name_of_no_known_format_is_an_error_without_format() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["minutes.pdf", "minutes"] {
        let out = dir.path().join(name);
        let said = minutes()
            .arg("export")
            .arg(common::sample_path())
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap();
        assert_eq!(said.status.code(), Some(1));
        let stderr = String::from_utf8(said.stderr).unwrap();
        for known in [
            name,
            ".txt, .md, .markdown, .html, .htm and .ics",
            "--format",
        ] {
            assert!(stderr.contains(known), "{known:?} in {stderr}");
        }
        assert!(!out.exists());
    }
}

/// `-o x.html` writes HTML, whatever the case of its extension.
#[test]
fn an_html_output_name_writes_html() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["minutes.html", "minutes.HTM"] {
        let out = dir.path().join(name);
        minutes()
            .arg("export")
            .arg(common::sample_path())
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
        let html = std::fs::read_to_string(&out).unwrap();
        assert!(html.starts_with("<!DOCTYPE html>"), "{name}: {html:.80}");
    }
}

/// A template file says its own format: `-o` names only where it goes.
#[test]
fn a_template_files_format_comes_before_the_outputs_extension() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("mine.md.j2");
    std::fs::write(&template, "# {{ meeting.title }}\n").unwrap();
    let out = dir.path().join("minutes.txt");
    minutes()
        .arg("export")
        .arg(common::sample_path())
        .arg("--template")
        .arg(&template)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "# Open Data for Museum Collections\n"
    );
}

/// A pipe or device has no extension to go by: text, as on standard output.
#[cfg(unix)]
#[test]
fn export_to_a_pipe_with_no_format_is_text() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    let c_path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
    let reading = fifo.clone();
    let reader = std::thread::spawn(move || std::fs::read_to_string(reading));
    export_sample_to(&fifo, &[]);
    let text = reader.join().unwrap().unwrap();
    assert!(
        text.starts_with("Open Data for Museum Collections\n"),
        "{text}"
    );
}

#[test]
fn export_does_not_replace_a_file_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("minutes.md");
    std::fs::write(&out, "last week's").unwrap();
    minutes()
        .arg("export")
        .arg(common::sample_path())
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "{} already exists; give --force to replace it",
            out.display()
        )));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "last week's");
}

#[cfg(unix)]
#[test]
fn export_does_not_replace_the_file_a_link_points_to_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("real.md");
    std::fs::write(&target, "last week's").unwrap();
    let link = dir.path().join("latest.md");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    minutes()
        .arg("export")
        .arg(common::sample_path())
        .arg("-o")
        .arg(&link)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--force"));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "last week's");
}

#[test]
fn export_with_force_replaces_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("minutes.md");
    std::fs::write(&out, "last week's").unwrap();
    export_sample_to(&out, &["--force"]);
    assert_sample_md(&std::fs::read_to_string(&out).unwrap());
}

#[test]
fn completions_for_every_shell_name_the_subcommands() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = minutes().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8(out.stdout).unwrap();
        for sub in ["export", "review", "import", "roster", "template"] {
            assert!(script.contains(sub), "{shell} completes {sub}:\n{script}");
        }
    }
    minutes()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("possible values"));
}

#[test]
fn the_man_page_is_roff_with_every_subcommand() {
    let out = minutes().arg("man").output().unwrap();
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.contains(".TH minutes 1"), "{page}");
    assert!(page.contains(".SH SUBCOMMANDS"), "{page}");
    for sub in [
        "new",
        "open",
        "review",
        "list",
        "export",
        "import",
        "completions",
        "man",
    ] {
        assert!(
            page.contains(&format!("minutes\\-{sub}(1)")),
            "{sub} in\n{page}"
        );
    }
    // Every page it names is one `--dir` writes: no `help` page.
    assert!(!page.contains("minutes\\-help"), "{page}");
}

#[test]
fn man_dir_writes_a_page_for_each_command() {
    let dir = tempfile::tempdir().unwrap();
    // One there already is replaced.
    std::fs::write(dir.path().join("minutes.1"), "old").unwrap();
    let out = minutes()
        .args(["man", "--dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let said = String::from_utf8(out.stdout).unwrap();
    for name in [
        "minutes",
        "minutes-new",
        "minutes-export",
        "minutes-import",
        "minutes-import-roster",
        "minutes-import-agenda",
        "minutes-completions",
        "minutes-man",
    ] {
        let path = dir.path().join(format!("{name}.1"));
        assert!(
            said.contains(&path.display().to_string()),
            "{name} in {said}"
        );
        let page = std::fs::read_to_string(&path).unwrap();
        assert!(page.contains(&format!(".TH {name} 1")), "{name}: {page}");
    }
    assert!(!dir.path().join("minutes-help.1").exists());
}

/// A copy of the sample, and a file beside it holding `text`.
fn session_and_file(
    name: &str,
    text: &[u8],
) -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let (dir, session) = common::sample_copy();
    let file = dir.path().join(name);
    std::fs::write(&file, text).unwrap();
    (dir, session, file)
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn import_roster_adds_the_new_people_and_says_who_was_there_already() {
    let csv = "\u{feff}Name;Organisation;Role\r\nZhang  WEI;NUS;Professor\r\n\"Núñez; Ana\";UPF;Observer\r\n王丽;PKU;\r\nsam okafor 🌻;;\r\nTaro 🎌;;Guest\r\n";
    let (dir, session, file) = session_and_file("roster.csv", csv.as_bytes());
    let before = minutes::store::load(&session).unwrap();
    minutes()
        .args(["import", "roster"])
        .arg(&session)
        .arg(&file)
        .assert()
        .success()
        .stdout(
            predicate::str::starts_with(
                "Imported 3 people (2 already on the roster: 王丽, sam okafor 🌻) into ",
            )
            .and(predicate::str::contains("\nNew organisations: NUS, UPF\n")),
        );
    let after = minutes::store::load(&session).unwrap();
    assert_eq!(after.attendees.len(), before.attendees.len() + 3);
    let added: Vec<_> = after
        .attendees
        .iter()
        .skip(before.attendees.len())
        .map(|a| (a.name.as_str(), a.organisation.as_deref(), a.role.as_str()))
        .collect();
    assert_eq!(
        added,
        [
            ("Zhang  WEI", Some("NUS"), "Professor"),
            ("Núñez; Ana", Some("UPF"), "Observer"),
            ("Taro 🎌", None, "Guest"),
        ]
    );
    // Saved and closed: no journal or lock left behind.
    assert_eq!(
        files_in(dir.path()),
        ["meeting.ron", "meeting.ron.bak", "roster.csv"]
    );
    // Again: everyone is there already, and the file is not written.
    let saved = std::fs::read(&session).unwrap();
    minutes()
        .args(["import", "roster"])
        .arg(&session)
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "Imported 0 people (5 already on the roster:",
        ));
    assert_eq!(std::fs::read(&session).unwrap(), saved);
}

#[test]
fn import_agenda_adds_topics_with_presenters_from_the_roster() {
    let text =
        "# November\nWelcome 欢迎 | 王丽 | 5\n\nBudget | | 15\nAny other business and close\n";
    let (_dir, session, file) = session_and_file("agenda.txt", text.as_bytes());
    let before = minutes::store::load(&session).unwrap();
    minutes()
        .args(["import", "agenda"])
        .arg(&session)
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "Imported 2 topics (1 already on the agenda: Any other business and close) into ",
        ));
    let after = minutes::store::load(&session).unwrap();
    let added: Vec<_> = after.agenda.iter().skip(before.agenda.len()).collect();
    assert_eq!(added.len(), 2);
    assert_eq!(added[0].title, "Welcome 欢迎");
    assert_eq!(after.attendee_name(added[0].presenter.unwrap()), "王丽");
    assert_eq!((added[1].presenter, added[1].planned_minutes), (None, 15));
}

#[test]
fn a_bad_file_imports_nothing_and_says_each_bad_line() {
    for (kind, name, text) in [
        ("roster", "r.csv", "Ana,UPF\n,NUS\nLi,PKU,Prof,extra\n"),
        ("agenda", "a.txt", "Fine | | 5\nBudget | | fifteen\n"),
        // Well formed, but a presenter no one on the roster is.
        ("agenda", "a.txt", "Fine\nBudget | Nobody Here\n"),
    ] {
        let (dir, session, file) = session_and_file(name, text.as_bytes());
        let saved = std::fs::read(&session).unwrap();
        let out = minutes()
            .args(["import", kind])
            .arg(&session)
            .arg(&file)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        assert!(out.stdout.is_empty());
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains("nothing was imported"), "{stderr}");
        assert!(stderr.contains("line 2"), "{stderr}");
        assert_eq!(std::fs::read(&session).unwrap(), saved, "{kind} {text}");
        let mut expected = vec!["meeting.ron".to_string(), name.to_string()];
        expected.sort();
        assert_eq!(files_in(dir.path()), expected, "nothing left beside it");
    }
    let (_dir, session, file) = session_and_file("r.csv", b"Ana,UPF\n,NUS\nLi,PKU,Prof,extra\n");
    minutes()
        .args(["import", "roster"])
        .arg(&session)
        .arg(&file)
        .assert()
        .stderr(predicate::str::contains(
            "2 bad lines:\n  line 2, field 1: the name is empty: expected a person's name\n  line 3, field 4: too many fields",
        ));
}

#[test]
fn import_refuses_a_session_open_for_recording() {
    let (_dir, session, file) = session_and_file("r.csv", "Taro 🎌\n".as_bytes());
    let saved = std::fs::read(&session).unwrap();
    let open =
        minutes::store::OpenSession::open(&session, minutes::store::Mode::ReadWrite).unwrap();
    minutes()
        .args(["import", "roster"])
        .arg(&session)
        .arg(&file)
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("is open in another minutes")
                .and(predicate::str::contains("nothing was imported")),
        );
    drop(open);
    assert_eq!(std::fs::read(&session).unwrap(), saved);
}

#[test]
fn import_keeps_the_changes_a_crash_left_in_the_journal() {
    let (_dir, session, file) = session_and_file("r.csv", "Taro 🎌\n".as_bytes());
    let mut open =
        minutes::store::OpenSession::open(&session, minutes::store::Mode::ReadWrite).unwrap();
    let note = common::add_note(open.session(), "journalled, not saved");
    open.apply(note).unwrap();
    drop(open); // as a crash leaves it: the change only in the journal
    minutes()
        .args(["import", "roster"])
        .arg(&session)
        .arg(&file)
        .assert()
        .success();
    let after = minutes::store::load(&session).unwrap();
    assert!(after.attendees.iter().any(|a| a.name == "Taro 🎌"));
    assert!(
        after
            .entries
            .iter()
            .any(|e| e.text == "journalled, not saved")
    );
    assert!(!minutes::store::journal_path(&session).exists());
}

#[test]
fn import_takes_a_name_that_list_prints() {
    let (data, cwd) = data_dir_with_sample();
    std::fs::write(cwd.path().join("r.csv"), "Taro 🎌\n").unwrap();
    minutes_in(cwd.path(), data.path())
        .args(["import", "roster", "2026-11-19-open-data", "r.csv"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Imported 1 person into "));
}

/// A data directory with the sample, a configuration directory, and an
/// empty directory to run in.
fn with_config() -> (tempfile::TempDir, tempfile::TempDir, tempfile::TempDir) {
    let (data, cwd) = data_dir_with_sample();
    (data, tempfile::tempdir().unwrap(), cwd)
}

#[test]
fn new_template_is_looked_for_in_the_config_dir_then_as_a_session() {
    let (data, config, cwd) = with_config();
    let run = |args: &[&str]| {
        let mut cmd = minutes_in(cwd.path(), data.path());
        cmd.env("MINUTES_CONFIG_DIR", config.path()).args(args);
        cmd
    };
    // Missing: says every place it looked.
    let out = run(&["new", "--template", "board"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    for looked in [
        "no template board:".to_string(),
        config
            .path()
            .join("sessions/board.ron")
            .display()
            .to_string(),
        "board in the current directory".into(),
        data.path().join("board.ron").display().to_string(),
    ] {
        assert!(stderr.contains(&looked), "{looked:?} in {stderr}");
    }
    // Found (in the config dir, or as `list` names it), read, and only
    // then refused for want of a terminal.
    std::fs::create_dir(config.path().join("sessions")).unwrap();
    std::fs::copy(
        common::sample_path(),
        config.path().join("sessions/board.ron"),
    )
    .unwrap();
    for name in ["board", "2026-11-19-open-data"] {
        run(&["new", "--template", name])
            .assert()
            .code(1)
            .stderr(predicate::str::contains("not a terminal"));
    }
    // A broken template is said with its line and column.
    std::fs::write(
        config.path().join("sessions/broken.ron"),
        "(version: 1,\n  title: 3)\n",
    )
    .unwrap();
    run(&["new", "--template", "broken"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("broken.ron:2:"));
    // Not with --from.
    run(&[
        "new",
        "--template",
        "board",
        "--from",
        "2026-11-19-open-data",
    ])
    .assert()
    .code(2)
    .stderr(predicate::str::contains("cannot be used with"));
}

#[test]
fn import_reads_a_pipe_and_refuses_what_never_ends() {
    let (dir, session) = common::sample_copy();
    minutes()
        .args(["import", "roster"])
        .arg(&session)
        .arg("/dev/stdin")
        .write_stdin("Taro 🎌,Kyoto University\n")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Imported 1 person "));
    let saved = std::fs::read(&session).unwrap();
    minutes()
        .args(["import", "agenda"])
        .arg(&session)
        .arg("/dev/zero")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("too large for a roster or agenda"));
    assert_eq!(std::fs::read(&session).unwrap(), saved);
    minutes()
        .args(["import", "agenda"])
        .arg(&session)
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("Is a directory"));
}

#[test]
fn import_refuses_the_session_itself_or_a_copy_of_it() {
    let (dir, session) = common::sample_copy();
    let saved = std::fs::read(&session).unwrap();
    let link = dir.path().join("link.ron");
    std::fs::hard_link(&session, &link).unwrap();
    let copy = dir.path().join("copy.csv");
    std::fs::copy(&session, &copy).unwrap();
    for kind in ["roster", "agenda"] {
        for (file, said) in [
            (session.clone(), "is the session itself"),
            (
                dir.path().join(".").join("meeting.ron"),
                "is the session itself",
            ),
            (link.clone(), "is the session itself"),
            (
                copy.clone(),
                "this is a minutes session file, not a roster or agenda",
            ),
        ] {
            minutes()
                .args(["import", kind])
                .arg(&session)
                .arg(&file)
                .assert()
                .code(1)
                .stdout("")
                .stderr(
                    predicate::str::contains(said)
                        .and(predicate::str::contains("nothing was imported")),
                );
        }
    }
    assert_eq!(std::fs::read(&session).unwrap(), saved);
}

#[test]
fn import_agenda_says_bad_lines_and_unknown_presenters_in_one_report() {
    let (_dir, session, file) = session_and_file(
        "a.txt",
        "Fine | 王丽 | 5\nBudget | | fifteen\nAOB | Nobody Here\nPre\u{1b}[2Jpost | | 5\n"
            .as_bytes(),
    );
    let saved = std::fs::read(&session).unwrap();
    let out = minutes()
        .args(["import", "agenda"])
        .arg(&session)
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("nothing was imported, 3 bad lines:"),
        "{stderr}"
    );
    let lines: Vec<&str> = stderr.lines().skip(1).map(str::trim).collect();
    assert!(lines[0].starts_with("line 2:12: \"fifteen\""), "{stderr}");
    assert!(
        lines[1].starts_with("line 3: no one called \"Nobody Here\""),
        "{stderr}"
    );
    assert!(
        lines[2].starts_with("line 4:4: a control character"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&session).unwrap(), saved);
}

#[test]
fn import_names_a_few_then_says_how_many_more() {
    let mut csv = String::from("王丽\nAna Núñez,UPF\n");
    for _ in 0..20_000 {
        csv.push_str("ana nunez,UPF\n王丽\n");
    }
    let (_dir, session, file) = session_and_file("r.csv", csv.as_bytes());
    let out = minutes()
        .args(["import", "roster"])
        .arg(&session)
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.len() < 600, "{} bytes: {stdout}", stdout.len());
    assert!(
        stdout.starts_with(
            "Imported 1 person (1 already on the roster: 王丽; 20000 given twice in the file: ana nunez on line 3, as on line 2; "
        ),
        "{stdout}"
    );
    assert!(stdout.contains("; and 19995 more) into "), "{stdout}");
}

#[test]
fn import_reads_standard_input_from_a_dash() {
    let (_dir, session) = common::sample_copy();
    minutes()
        .args(["import", "roster"])
        .arg(&session)
        .arg("-")
        .write_stdin("Taro 🎌,Kyoto University\n")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Imported 1 person "));
    minutes()
        .args(["import", "agenda"])
        .arg(&session)
        .arg("-")
        .write_stdin("Tea 茶 | Taro 🎌 | 10\r")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Imported 1 topic "));
    let after = minutes::store::load(&session).unwrap();
    let tea = after.agenda.iter().find(|t| t.title == "Tea 茶").unwrap();
    assert_eq!(after.attendee_name(tea.presenter.unwrap()), "Taro 🎌");
    for kind in ["roster", "agenda"] {
        minutes()
            .args(["import", kind, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("`-` reads standard input"));
    }
}
