//! The `minutes` binary, end to end, without a terminal.

mod common;

use assert_cmd::Command;
use predicates::prelude::*;

fn minutes() -> Command {
    let mut cmd = Command::cargo_bin("minutes").unwrap();
    // Never touch the real data directory from a test.
    cmd.env("MINUTES_DATA_DIR", "/nonexistent-minutes-test-dir");
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

#[test]
fn export_to_a_file_writes_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("minutes.md");
    minutes()
        .args(["export", "-f", "md", "-o"])
        .arg(&out)
        .arg(common::sample_path())
        .assert()
        .success()
        .stdout("");
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(
        written.starts_with("# Open Data for Museum Collections\n"),
        "{written}"
    );
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
    for sub in ["new", "open", "list", "export"] {
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
