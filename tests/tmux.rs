//! The real binary in a real terminal: tmux runs it, `send-keys` types,
//! `capture-pane` reads the screen. `.ci/run` installs tmux when missing.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::tmux::{Tmux, command, command_logged};
use minutes::store;

#[test]
fn a_tmux_server_is_killed_and_its_socket_removed_even_when_a_test_fails() {
    let socket = std::sync::Mutex::new(None);
    let failed = std::panic::catch_unwind(|| {
        let tmux = Tmux::start("sleep 600");
        let out = tmux.run(&["display-message", "-p", "#{socket_path}"]);
        let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
        assert!(Path::new(&path).exists(), "tmux listens on {path}");
        *socket.lock().unwrap() = Some(path);
        panic!("a failing test");
    });
    assert!(failed.is_err());
    let path = socket.lock().unwrap().take().unwrap();
    assert!(!Path::new(&path).exists(), "{path} left behind");
}

#[test]
fn a_note_typed_in_the_terminal_is_saved_on_quit() {
    let (dir, path) = common::sample_copy();
    let log = dir.path().join("stderr");
    let tmux = Tmux::start(&command_logged("open", &path, &log));
    tmux.wait_for("Open Data for Museum Collections");
    tmux.wait_for("Enter  log");

    tmux.type_text("Vienna hosts the next session 维也纳");
    tmux.send(&["Enter"]);
    // The log row is cut to its column; the whole text is checked in the file.
    tmux.wait_for("Note       Vienna hosts the next session");
    tmux.wait_until("the input line cleared", |screen| {
        screen.lines().any(|l| l.trim() == "note ›")
    });

    // q would start a question: Ctrl+Q quits from the typing line.
    tmux.send(&["C-q"]);
    tmux.wait_for_exit();
    let saved = store::load(&path).unwrap();
    assert_eq!(
        saved.entries.last().unwrap().text,
        "Vienna hosts the next session 维也纳"
    );
    assert!(!store::lock_path(&path).exists() && !store::journal_path(&path).exists());
    let said = std::fs::read_to_string(&log).unwrap();
    assert_eq!(said, format!("Saved {}\n", path.display()));

    let export = Command::new(env!("CARGO_BIN_EXE_minutes"))
        .arg("export")
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&export.stdout).contains("Vienna hosts the next session 维也纳")
    );
}

#[test]
fn the_readme_demo_opens_read_only_and_quits_with_q() {
    let (dir, path) = common::sample_copy();
    let before = std::fs::read(&path).unwrap();
    let log = dir.path().join("stderr");
    let tmux = Tmux::start(&command_logged("open --read-only", &path, &log));
    tmux.wait_for("[read-only]");
    tmux.wait_for("16:00 Speech     José Álvarez Núñez 03:00");
    tmux.send(&["q"]);
    tmux.wait_for_exit();
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let said = std::fs::read_to_string(&log).unwrap();
    assert_eq!(said, "", "nothing was saved, so nothing may claim it was");
}

#[test]
fn notes_on_screen_survive_a_kill() {
    let (_dir, path) = common::sample_copy();
    let tmux = Tmux::start(&command("open", &path));
    tmux.wait_for("Open Data for Museum Collections");
    for text in ["first point", "second point 第二", "third point"] {
        tmux.type_text(text);
        tmux.send(&["Enter"]);
        tmux.wait_for(&format!("Note       {text}"));
    }
    // A line typed but not yet entered is not on the record, by design.
    tmux.type_text("half typed");
    tmux.wait_for("› half typed");

    let pid = tmux.pane_pid();
    assert_eq!(unsafe { libc::kill(pid, libc::SIGKILL) }, 0);
    tmux.wait_for_exit();

    drop(tmux);

    // Reopened in the terminal: the lock of the dead process is taken over,
    // and the user is told what was recovered.
    let tmux = Tmux::start(&command("open", &path));
    tmux.wait_for("Recovered 3 changes made after the last save.");
    tmux.wait_for("Note       third point");
    tmux.send(&["C-q"]);
    tmux.wait_for_exit();
    let saved = store::load(&path).unwrap();
    let texts: Vec<&str> = saved.entries.iter().map(|e| e.text.as_str()).collect();
    assert!(
        texts.ends_with(&["first point", "second point 第二", "third point"]),
        "{texts:?}"
    );
}

#[test]
fn bare_minutes_opens_the_most_recent_session() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("2026-01-01-old.ron");
    minutes::store::save(&old, &minutes::model::Session::new("Old meeting")).unwrap();
    std::thread::sleep(Duration::from_millis(20));
    std::fs::copy(
        common::sample_path(),
        dir.path().join("2026-11-19-open-data.ron"),
    )
    .unwrap();
    let cmd = format!(
        "MINUTES_DATA_DIR='{}' exec '{}'",
        dir.path().display(),
        env!("CARGO_BIN_EXE_minutes")
    );
    let tmux = Tmux::start(&cmd);
    tmux.wait_for("2026-11-19-open-data.ron");
    tmux.wait_for("Open Data for Museum Collections");
    tmux.send(&["C-q"]);
    tmux.wait_for_exit();
}

#[test]
fn new_creates_a_session_in_the_data_dir_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("stderr");
    let data = dir.path().join("data");
    let cmd = format!(
        "MINUTES_DATA_DIR='{}' exec '{}' new 'Asia–Europe Forum 论坛' 2>'{}'",
        data.display(),
        env!("CARGO_BIN_EXE_minutes"),
        log.display()
    );
    let tmux = Tmux::start(&cmd);
    tmux.wait_for("Asia–Europe Forum 论坛");
    tmux.wait_for("No entries yet");
    tmux.send(&["C-q"]);
    tmux.wait_for_exit();
    let files: Vec<_> = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(
        files.len(),
        1,
        "only the session, no lock or journal left: {files:?}"
    );
    let name = files[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.ends_with("-asia-europe-forum-论坛.ron"), "{name}");
    assert_eq!(
        store::load(&files[0]).unwrap().title,
        "Asia–Europe Forum 论坛"
    );
    let said = std::fs::read_to_string(&log).unwrap();
    assert_eq!(said, format!("Saved {}\n", files[0].display()));
}

#[test]
fn new_from_a_template_in_the_config_dir_has_its_roster_and_agenda() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    std::fs::create_dir_all(config.join("sessions")).unwrap();
    std::fs::copy(common::sample_path(), config.join("sessions/board.ron")).unwrap();
    let path = dir.path().join("next.ron");
    let cmd = format!(
        "MINUTES_CONFIG_DIR='{}' exec '{}' new 'Board 董事会' --template board --file '{}'",
        config.display(),
        env!("CARGO_BIN_EXE_minutes"),
        path.display()
    );
    let tmux = Tmux::start(&cmd);
    tmux.wait_for("Board 董事会");
    // Everyone on the roster, no one present yet.
    tmux.wait_for(&format!("0/{} present", common::sample().attendees.len()));
    tmux.send(&["C-q"]);
    tmux.wait_for_exit();
    let template = common::sample();
    let s = store::load(&path).unwrap();
    assert_eq!(s.title, "Board 董事会");
    assert!(s.entries.is_empty());
    let names = |s: &minutes::model::Session| {
        s.attendees
            .iter()
            .map(|a| a.name.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&s), names(&template));
    assert!(s.attendees.iter().all(|a| !a.attendance.attended()));
    assert_eq!(s.agenda.len(), template.agenda.len());
    assert!(s.agenda.iter().all(|t| t.started_at.is_none()));
}

/// The meeting, typed as a secretary would: roster, two topics,
/// three speakers, a decision and an action, then quit and check the file
/// and the exported minutes.
#[test]
fn a_short_meeting_recorded_from_the_keyboard() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("board.ron");
    let cmd = format!(
        "exec '{}' new 'Board 董事会' --file '{}'",
        env!("CARGO_BIN_EXE_minutes"),
        path.display()
    );
    let tmux = Tmux::start(&cmd);
    tmux.wait_for("Board 董事会");
    // Types a line, presses Enter, and waits until it was taken (the input
    // line is empty again) and its effect shows.
    let enter = |line: &str, then_see: &str| {
        tmux.type_text(line);
        tmux.send(&["Enter"]);
        tmux.wait_until("the line taken", |screen| {
            screen.lines().any(|l| l.trim() == "note ›")
        });
        tmux.wait_for(then_see)
    };
    // Switch speaker: Ctrl+P, a few letters, Enter.
    let speaker = |letters: &str, then_see: &str| {
        tmux.pick("C-p", "Who is speaking?", letters);
        tmux.wait_for(then_see);
    };
    enter("/join 王丽, PKU, Professor", "王丽");
    enter("/join José Álvarez, USAL, Chair", "José Álvarez");
    enter("/join Anna Schäfer, UNIVIE, Secretary", "Anna Schäfer");
    enter("/topic Budget 10", "Topic added: Budget (10 min)");
    enter("/topic Next steps 5", "Topic added: Next steps (5 min)");
    tmux.send(&["C-n"]);
    tmux.wait_for("1/2 Budget");
    speaker("jos", "▶ José Álvarez (USAL)");
    enter("s: Opened the budget discussion", "▶ José Álvarez");
    speaker("pku", "▶ 王丽 (PKU)");
    enter("d: Budget approved 预算通过", "Decision logged");
    tmux.send(&["C-n"]);
    tmux.wait_for("2/2 Next steps");
    speaker("anna", "▶ Anna Schäfer (UNIVIE)");
    tmux.type_text("a: Circulate the minutes @an");
    tmux.send(&["Tab"]);
    tmux.type_text("due:2026-12-01");
    tmux.wait_for("action › a: Circulate the minutes @Anna_Schäfer due:2026-12-01");
    tmux.send(&["Enter"]);
    tmux.wait_for("Action item logged: owner Anna Schäfer, due Tue 2026-12-01");
    tmux.wait_for("Action     [ ] Circulate the minutes ·");
    tmux.wait_for("@Anna Schäfer · due 2026-12-01");
    enter("/end", "Meeting ended at");
    tmux.send(&["C-q"]);
    tmux.wait_for_exit();

    let s = store::load(&path).unwrap();
    assert_eq!(s.attendees.len(), 3);
    assert!(s.started_at.is_some() && s.ended_at.is_some());
    assert!(
        s.agenda
            .iter()
            .all(|t| t.status == minutes::model::AgendaStatus::Done && t.ended_at.is_some())
    );
    let speakers: Vec<String> = s
        .entries
        .iter()
        .filter_map(|e| match e.kind {
            minutes::model::EntryKind::Speech { speaker, ended_at } => {
                assert!(ended_at.is_some(), "every speech was ended");
                Some(s.attendee_name(speaker))
            }
            _ => None,
        })
        .collect();
    assert_eq!(speakers, ["José Álvarez", "王丽", "Anna Schäfer"]);
    assert!(
        s.entries
            .iter()
            .any(|e| e.text == "Budget approved 预算通过" && e.agenda_item == Some(s.agenda[0].id))
    );
    let action = s
        .entries
        .iter()
        .find(|e| e.text == "Circulate the minutes")
        .expect("the action");
    assert_eq!(action.agenda_item, Some(s.agenda[1].id));

    let export = Command::new(env!("CARGO_BIN_EXE_minutes"))
        .arg("export")
        .arg(&path)
        .output()
        .unwrap();
    let text = String::from_utf8(export.stdout).unwrap();
    assert!(
        text.contains("- [ ] Anna Schäfer (UNIVIE), due 2026-12-01: Circulate the minutes"),
        "{text}"
    );
    assert!(
        text.contains("José Álvarez (USAL)") && text.contains("Opened the budget discussion"),
        "{text}"
    );
    assert!(text.contains("Budget approved 预算通过"), "{text}");
}

#[test]
fn sigterm_saves_and_restores_the_terminal() {
    // SIGQUIT, SIGUSR1 and SIGALRM used to end it with the terminal left raw.
    for signal in [libc::SIGTERM, libc::SIGQUIT, libc::SIGUSR1, libc::SIGALRM] {
        signal_saves_and_restores_the_terminal(signal);
    }
}

fn signal_saves_and_restores_the_terminal(signal: i32) {
    let (dir, path) = common::sample_copy();
    let log = dir.path().join("stderr");
    let tmux = Tmux::start(&format!(
        "{}; echo EXITED $?; sleep 30",
        command_logged("open", &path, &log).trim_start_matches("exec ")
    ));
    tmux.wait_for("Open Data for Museum Collections");
    tmux.type_text("before the signal");
    tmux.send(&["Enter"]);
    tmux.wait_for("Note       before the signal");
    let pid = tmux.pane_pid();
    // The pane runs a shell; the app is its child.
    let out = Command::new("pgrep")
        .args(["-P", &pid.to_string(), "minutes"])
        .output()
        .unwrap();
    let app: i32 = String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .expect("the app's pid");
    assert_eq!(unsafe { libc::kill(app, signal) }, 0);
    // After exit the shell prints on the normal screen: the app's is gone.
    let screen = tmux.wait_for("EXITED 0");
    assert!(
        !screen.contains("Open Data for Museum Collections"),
        "signal {signal}: the alternate screen is gone:\n{screen}"
    );
    assert_eq!(
        store::load(&path).unwrap().entries.last().unwrap().text,
        "before the signal",
        "signal {signal}"
    );
    assert!(!store::journal_path(&path).exists() && !store::lock_path(&path).exists());
}

#[test]
fn new_from_a_previous_session_starts_with_its_roster_and_open_actions() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("session5.ron");
    let cmd = format!(
        "exec '{}' new 'Session 5' --from '{}' --file '{}'",
        env!("CARGO_BIN_EXE_minutes"),
        common::sample_path().display(),
        path.display()
    );
    let tmux = Tmux::start(&cmd);
    tmux.wait_for("Session 5");
    // The roster by organisation, and the open actions (the newest at the
    // bottom of the log; the log wraps, the roster cuts long titles).
    tmux.wait_for("PKU Peking Univers");
    tmux.wait_for("@Anna Schäfer · due 2027-02-15");
    tmux.pick("C-a", "Who has arrived?", "jose");
    tmux.wait_for("+ José Álvarez Núñez");
    tmux.send(&["C-q"]);
    tmux.wait_for_exit();
    let s = store::load(&path).unwrap();
    assert_eq!(s.attendees.len(), 12);
    let present: Vec<&str> = s
        .attendees
        .iter()
        .filter(|a| a.attendance.attended())
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(present, ["José Álvarez Núñez"]);
    assert_eq!(s.entries.len(), 5);
}

/// Whether a process has ended (a zombie waiting for its parent counts).
fn ended(pid: i32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        // The state follows the command name in parentheses: `123 (minutes) Z ...`.
        Ok(stat) => stat
            .rsplit_once(") ")
            .is_some_and(|(_, rest)| rest.starts_with('Z')),
    }
}

#[test]
fn closing_the_terminal_saves_and_exits() {
    let (_dir, path) = common::sample_copy();
    let tmux = Tmux::start(&command("open", &path));
    tmux.wait_for("Open Data for Museum Collections");
    tmux.type_text("typed before the window closed");
    tmux.send(&["Enter"]);
    tmux.wait_for("Note       typed before the window closed");
    let pid = tmux.pane_pid();
    // The terminal goes away under the app, as when its window is closed.
    drop(tmux);
    let start = Instant::now();
    while !ended(pid) {
        if start.elapsed() > Duration::from_secs(10) {
            unsafe { libc::kill(pid, libc::SIGKILL) };
            panic!("minutes is still running 10 s after its terminal closed");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(!store::lock_path(&path).exists(), "the lock is released");
    assert!(
        !store::journal_path(&path).exists(),
        "the session was closed cleanly"
    );
    let saved = store::load(&path).unwrap();
    assert_eq!(
        saved.entries.last().unwrap().text,
        "typed before the window closed"
    );
}

#[test]
fn keys_that_arrive_after_quit_are_not_applied() {
    let (_dir, path) = common::sample_copy();
    let tmux = Tmux::start(&command("open", &path));
    tmux.wait_for("Enter  log");
    tmux.type_text("the last word");
    tmux.send(&["Enter"]);
    tmux.wait_for("Note       the last word");
    // One write, so one read: Ctrl+Q quits (the sample's meeting has
    // ended: one press), and the Ctrl+Z after it must not undo.
    tmux.send(&["C-q", "C-z"]);
    tmux.wait_for_exit();
    let s = store::load(&path).unwrap();
    assert_eq!(
        s.entries.last().map(|e| e.text.as_str()),
        Some("the last word")
    );
}

#[test]
fn keys_after_a_resize_are_acted_on_at_once() {
    let (_dir, path) = common::sample_copy();
    let tmux = Tmux::start(&command("open", &path));
    tmux.wait_for("Enter  log");
    let limit = Duration::from_secs(3);
    for (i, (w, h)) in [(100, 30), (80, 24), (120, 40), (70, 20), (80, 24)]
        .into_iter()
        .enumerate()
    {
        tmux.resize(w, h);
        // Before the fix a key after a resize sat unread until the next
        // key came (9 of 9 trials): the clock stopped, the entry got a late
        // time, and Ctrl+Q did nothing.
        tmux.type_text(&format!("after resize {i}"));
        tmux.wait_for_within(&format!("after resize {i}"), limit);
        tmux.send(&["Enter"]);
        tmux.wait_for_within("Enter  log", limit);
    }
    tmux.resize(90, 25);
    tmux.send(&["C-q"]);
    let start = Instant::now();
    tmux.wait_for_exit();
    assert!(
        start.elapsed() < limit,
        "Ctrl+Q after a resize took {:?}",
        start.elapsed()
    );
    let s = store::load(&path).unwrap();
    let texts: Vec<&str> = s
        .entries
        .iter()
        .rev()
        .take(5)
        .map(|e| e.text.as_str())
        .collect();
    assert_eq!(
        texts,
        [
            "after resize 4",
            "after resize 3",
            "after resize 2",
            "after resize 1",
            "after resize 0"
        ]
    );
}

/// A session on a small disk filled up to `leave` bytes before it opens,
/// typed into until changes are only in memory. The app's stderr goes to
/// `log`, and `TMPDIR` to `rescue` (off the full disk).
struct FullDiskMeeting {
    // Dropped first: the app must end while its disk and $TMPDIR are there,
    // or its rescue copy would go to /dev/shm and stay.
    tmux: Tmux,
    _disk: common::SmallDisk,
    path: std::path::PathBuf,
    log: std::path::PathBuf,
    rescue: tempfile::TempDir,
    filler: std::path::PathBuf,
    typed: Vec<String>,
}

impl FullDiskMeeting {
    fn start() -> Option<FullDiskMeeting> {
        let disk = common::SmallDisk::mount(200)?;
        let path = disk.path().join("meeting.ron");
        std::fs::copy(common::sample_path(), &path).unwrap();
        let filler = disk.fill(8 << 10);
        let rescue = tempfile::tempdir().unwrap();
        let log = rescue.path().join("stderr");
        let tmux = Tmux::start(&format!(
            "TMPDIR='{}' {}; echo EXITED $?; sleep 30",
            rescue.path().display(),
            command_logged("open", &path, &log).trim_start_matches("exec ")
        ));
        tmux.wait_for("Enter  log");
        let mut meeting = FullDiskMeeting {
            _disk: disk,
            path,
            log,
            rescue,
            filler,
            tmux,
            typed: Vec::new(),
        };
        // The journal takes what is left, then fails: the rest stays in memory.
        for i in 0..60 {
            let text = format!("note {i} typed on a full disk");
            meeting.tmux.type_text(&text);
            meeting.tmux.send(&["Enter"]);
            meeting.tmux.wait_for(&format!("Note       {text}"));
            meeting.typed.push(text);
        }
        meeting.tmux.wait_for("NOT SAVED");
        Some(meeting)
    }

    fn stderr(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn assert_every_note_in(&self, session: &minutes::model::Session) {
        let texts: Vec<&str> = session.entries.iter().map(|e| e.text.as_str()).collect();
        for t in &self.typed {
            assert!(texts.contains(&t.as_str()), "{t:?} is lost");
        }
    }
}

#[test]
fn quitting_on_a_full_disk_asks_and_a_rescue_copy_keeps_every_note() {
    let Some(m) = FullDiskMeeting::start() else {
        return;
    };
    m.tmux.send(&["C-q"]);
    m.tmux.wait_for("Not on disk: quit how?");
    // A stray word does nothing; retry while still full says so.
    m.tmux.type_text("yes");
    m.tmux.send(&["Enter"]);
    m.tmux.wait_for("is not an answer");
    m.tmux.type_text("retry");
    m.tmux.send(&["Enter"]);
    m.tmux.wait_for("still cannot write");
    m.tmux.type_text("rescue");
    m.tmux.send(&["Enter"]);
    m.tmux.wait_for("EXITED 1");
    let stderr = m.stderr();
    assert!(
        stderr.contains("Rescue copy of the whole session"),
        "{stderr}"
    );
    let copy = std::fs::read_dir(m.rescue.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains(".rescue-"))
        .unwrap_or_else(|| panic!("no rescue copy in $TMPDIR; stderr: {stderr}"));
    assert!(stderr.contains(&copy.display().to_string()), "{stderr}");
    m.assert_every_note_in(&store::load(&copy).unwrap());
}

#[test]
fn a_closed_window_on_a_full_disk_writes_a_rescue_copy_and_says_where() {
    // SIGHUP: the window was closed; SIGTERM: the system is shutting down.
    for signal in [libc::SIGHUP, libc::SIGTERM] {
        let Some(m) = FullDiskMeeting::start() else {
            return;
        };
        let app = Command::new("pgrep")
            .args(["-P", &m.tmux.pane_pid().to_string(), "minutes"])
            .output()
            .unwrap();
        let app: i32 = String::from_utf8_lossy(&app.stdout).trim().parse().unwrap();
        assert_eq!(unsafe { libc::kill(app, signal) }, 0);
        m.tmux.wait_for("EXITED 1");
        let stderr = m.stderr();
        assert!(stderr.contains("the whole session is saved in"), "{stderr}");
        let copy = std::fs::read_dir(m.rescue.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.to_string_lossy().contains(".rescue-"))
            .unwrap_or_else(|| panic!("signal {signal}: no rescue copy; stderr: {stderr}"));
        m.assert_every_note_in(&store::load(&copy).unwrap());
    }
}

#[test]
fn retry_after_room_is_made_saves_everything() {
    let Some(m) = FullDiskMeeting::start() else {
        return;
    };
    m.tmux.send(&["C-q"]);
    m.tmux.wait_for("Not on disk: quit how?");
    // Esc: back to the meeting, and recording goes on.
    m.tmux.send(&["Escape"]);
    m.tmux.type_text("one more after the question");
    m.tmux.send(&["Enter"]);
    m.tmux.wait_for("Note       one more after the question");
    m.tmux.send(&["C-q"]);
    m.tmux.wait_for("Not on disk: quit how?");
    std::fs::remove_file(&m.filler).unwrap();
    m.tmux.type_text("retry");
    m.tmux.send(&["Enter"]);
    let screen = m
        .tmux
        .wait_until("the app to exit", |s| s.contains("EXITED"));
    assert!(screen.contains("EXITED 0"), "{}", m.stderr());
    let s = store::load(&m.path).unwrap();
    m.assert_every_note_in(&s);
    assert_eq!(
        s.entries.last().unwrap().text,
        "one more after the question"
    );
}

#[test]
fn a_line_not_entered_is_kept_as_a_note_on_quit() {
    let (dir, path) = common::sample_copy();
    let log = dir.path().join("stderr");
    let tmux = Tmux::start(&command_logged("open", &path, &log));
    tmux.wait_for("Enter  log");
    tmux.type_text("xxxxxxxx half typed");
    tmux.wait_for("› xxxxxxxx half typed");
    tmux.send(&["C-q"]);
    tmux.wait_for_exit();
    let s = store::load(&path).unwrap();
    assert_eq!(
        s.entries.last().unwrap().text,
        "[unsent] xxxxxxxx half typed"
    );
    let stderr = std::fs::read_to_string(&log).unwrap();
    assert!(
        stderr.contains("logged as a note: [unsent] xxxxxxxx half typed"),
        "{stderr}"
    );
}

/// The secretary types without looking: nothing typed misfiles an entry,
/// deletes, edits or quits; the last entry is fixed in a few keys.
#[test]
fn live_capture_that_no_stray_key_can_hurt() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("club.ron");
    let mut s = common::before_meeting();
    s.started_at = Some(chrono::Local::now().fixed_offset());
    store::save(&path, &s).unwrap();
    let tmux = Tmux::start(&command("open", &path));
    tmux.wait_for("Enter  log");
    let typed_line_taken = |tmux: &Tmux| {
        tmux.wait_until("the line taken", |screen| {
            screen.lines().any(|l| l.trim() == "note ›")
        });
    };

    // A sentence starting with "a" stays a note.
    tmux.type_text("a proposal was made to share the slides");
    tmux.send(&["Enter"]);
    typed_line_taken(&tmux);
    tmux.wait_for("proposal was made");

    // Esc to browse, then typing: the letters go into the line, nothing
    // is deleted (x), edited (e) or quit (q).
    tmux.send(&["Escape"]);
    tmux.wait_for("Esc  type");
    tmux.type_text("xeq next time we meet");
    tmux.wait_for("note › xeq next time we meet");
    tmux.send(&["C-u"]);

    // ↑ on the empty line edits the last entry: add to its start.
    tmux.send(&["Up"]);
    tmux.wait_for("editing");
    tmux.wait_for("Esc  cancel edit");
    tmux.send(&["Home"]);
    tmux.type_text("In short, ");
    tmux.send(&["Enter"]);
    tmux.wait_for("Edit saved");

    // One key makes the last entry a decision.
    tmux.send(&["M-d"]);
    tmux.wait_for("is now a decision");

    // A summary for the speaker before the one who has the floor now.
    tmux.type_text("/s jose");
    tmux.send(&["Enter"]);
    typed_line_taken(&tmux);
    tmux.type_text("/s anna");
    tmux.send(&["Enter"]);
    typed_line_taken(&tmux);
    tmux.type_text("s-: asked for the budget");
    tmux.send(&["Enter"]);
    tmux.wait_for("Added to the summary of José");

    // Mid-meeting, Ctrl+Q asks for a second press.
    tmux.send(&["C-q"]);
    tmux.wait_for("press it again");
    tmux.send(&["C-q"]);
    tmux.wait_for_exit();

    let s = store::load(&path).unwrap();
    let texts: Vec<(&str, &str)> = s
        .entries
        .iter()
        .map(|e| (e.kind.label(), e.text.as_str()))
        .collect();
    assert_eq!(
        texts,
        [
            (
                "Decision",
                "In short, a proposal was made to share the slides"
            ),
            ("Speech", "asked for the budget"),
            ("Speech", ""),
        ],
        "{texts:?}"
    );
}

/// Past a file-size limit (`ulimit -f`) the kernel sends SIGXFSZ, whose
/// default ends the process with the terminal raw and the line being
/// written lost: the app ignores it, so the write fails and is said.
#[test]
fn past_a_file_size_limit_the_app_stays_and_says_nothing_is_saved() {
    let (_dir, path) = common::sample_copy();
    let tmux = Tmux::start(&format!(
        "bash -c \"ulimit -f 40; {}\"; sleep 60",
        command("open", &path)
    ));
    tmux.wait_for("Enter  log");
    let filler = "x".repeat(1500);
    for i in 0..30 {
        tmux.type_text(&format!("note {i} {filler}"));
        tmux.send(&["Enter"]);
        tmux.wait_until("the line entered", |screen| {
            screen.lines().any(|l| l.trim() == "note ›")
        });
    }
    // The whole message, not a frame caught half drawn.
    tmux.wait_until("NOT SAVED … File too large", |screen| {
        screen.contains("NOT SAVED") && screen.contains("File too large")
    });
    // Still running, and still taking notes (kept in memory, said so).
    tmux.type_text("still here");
    tmux.send(&["Enter"]);
    tmux.wait_for("Note       still here");
}

#[test]
fn review_answers_what_was_decided_on_topic_3() {
    let (dir, path) = common::sample_copy();
    let copy = dir.path().join("assets-copy.ron");
    std::fs::rename(&path, &copy).unwrap();
    let before = std::fs::read(&copy).unwrap();
    let log = dir.path().join("stderr");
    let tmux = Tmux::start(&command_logged("review", &copy, &log));
    tmux.wait_for("Review · read-only");
    tmux.send(&["3"]);
    tmux.wait_for("3 Licensing and rights statements");
    tmux.send(&["f"]);
    tmux.wait_for("Filter (Esc/Enter closes)");
    tmux.send(&["d"]);
    tmux.wait_for("Decisions shown (filter on)");
    tmux.send(&["Enter"]);
    let screen = tmux.wait_until("the menu closed", |s| {
        !s.contains("Filter (Esc/Enter closes)") && s.contains("1 entry")
    });
    assert!(
        screen.contains("Filter: Topic 3 · decisions  Esc clears"),
        "{screen}"
    );
    assert!(screen.contains("15:03 Decision"), "{screen}");
    assert!(
        screen.contains("Decision   Metadata published by the"),
        "{screen}"
    );
    assert!(screen.contains("CC0 by all three partners."), "{screen}");
    assert!(!screen.contains("Speech"), "only the decision: {screen}");
    // Esc clears; q quits, the file untouched and nothing claimed saved.
    tmux.send(&["Escape"]);
    tmux.wait_for("Filters cleared");
    tmux.send(&["q"]);
    tmux.wait_for_exit();
    assert_eq!(std::fs::read(&copy).unwrap(), before);
    assert_eq!(std::fs::read_to_string(&log).unwrap(), "");
    assert!(!store::lock_path(&copy).exists());
}

/// The three questions a chair asked of the app in the issue, each in a few
/// keys: who spoke longest (s), what was decided on topic 3 (3 f d), which
/// actions are open for someone (f o p NAME).
#[test]
fn review_answers_the_chairs_three_questions() {
    let (_dir, path) = common::sample_copy();
    let tmux = Tmux::start(&command("review", &path));
    tmux.wait_for("Review · read-only");
    // Who spoke longest? The first bar (waited for whole: a frame may be
    // caught half drawn).
    tmux.send(&["s"]);
    let after = |screen: &str, title: &str| {
        screen
            .lines()
            .skip_while(|l| !l.starts_with(title))
            .nth(1)
            .unwrap_or_default()
            .to_string()
    };
    tmux.wait_until("王丽's bar first", |screen| {
        let first = after(screen, "Speaking time by person");
        first.starts_with("王丽") && first.contains("23:00") && first.contains("24%")
    });
    tmux.send(&["PageDown"]);
    tmux.wait_until("Peking University first by organisation", |screen| {
        after(screen, "Speaking time by organisation").starts_with("Peking University")
    });
    tmux.send(&["s"]);
    tmux.wait_until("back to the topics", |s| s.contains("0 All topics"));
    // What was decided on topic 3?
    tmux.send(&["3", "f", "d", "Enter"]);
    tmux.wait_until("topic 3's one decision", |s| {
        s.contains("Filter: Topic 3 · decisions")
            && s.contains("1 entry")
            && s.contains("Decision   Metadata published by the")
    });
    // Which actions are open for 张伟 (typed as zhang)?
    tmux.send(&["Escape"]);
    tmux.wait_for("Filters cleared");
    tmux.send(&["f", "o", "p"]);
    tmux.wait_for("Entries of whom?");
    tmux.type_text("zhang");
    tmux.wait_for("张伟");
    tmux.send(&["Enter"]);
    tmux.wait_until("张伟's one open action", |s| {
        s.contains("open actions · 张伟")
            && s.contains("1 entry")
            && s.contains("☐ Share the usage dashboard")
            && s.contains("@张伟 (PKU)")
    });
    tmux.send(&["q"]);
    tmux.wait_for_exit();
}

#[test]
fn f9_reviews_the_live_session_and_q_goes_back_to_recording() {
    let (_dir, path) = common::sample_copy();
    let tmux = Tmux::start(&command("open", &path));
    tmux.wait_for("Enter  log");
    tmux.send(&["F9"]);
    tmux.wait_for("Review · read-only");
    tmux.send(&["5"]);
    tmux.wait_for("5 Joint funding application");
    tmux.send(&["q"]);
    tmux.wait_for("Back to the live screen");
    tmux.wait_for("Enter  log");
    // Still recording: a line typed goes into the log.
    tmux.type_text("after the review");
    tmux.send(&["Enter"]);
    tmux.wait_for("Note       after the review");
    tmux.send(&["C-q"]);
    tmux.wait_for_exit();
    let saved = store::load(&path).unwrap();
    assert_eq!(saved.entries.last().unwrap().text, "after the review");
}

/// A config file that rebinds keys, with `NO_COLOR` set: the real terminal
/// gets no colour at all, the hint bar names the new key, and the new key
/// does what the old one did.
#[test]
fn a_config_rebinds_keys_and_no_color_draws_without_colour() {
    let (dir, path) = common::sample_copy();
    let config = dir.path().join("config.ron");
    std::fs::write(
        &config,
        "(keys: { Entry: { Pick(Speaker): [\"Ctrl+O\"] }, Global: { Help: [\"F12\"] } })",
    )
    .unwrap();
    let cmd = format!(
        "NO_COLOR=1 exec '{}' --config '{}' open '{}'",
        env!("CARGO_BIN_EXE_minutes"),
        config.display(),
        path.display()
    );
    let tmux = Tmux::start(&cmd);
    tmux.wait_until("the hint bar with the new key", |s| {
        s.contains("Ctrl+O  speaker") && s.contains("F12  help")
    });
    let styled =
        String::from_utf8_lossy(&tmux.run(&["capture-pane", "-p", "-e", "-t", "t"]).stdout)
            .into_owned();
    // SGR parameters 30-49 and 90-107 are colours (38/48 extended ones),
    // but for 39 and 49, the terminal's own.
    let colours: Vec<&str> = styled
        .split("\x1b[")
        .skip(1)
        .filter_map(|seq| seq.split_once('m').map(|(params, _)| params))
        .filter(|params| {
            params.split(';').any(|p| {
                p.parse::<u32>().is_ok_and(|n| {
                    ((30..=49).contains(&n) || (90..=107).contains(&n)) && n != 39 && n != 49
                })
            })
        })
        .collect();
    assert!(colours.is_empty(), "colours drawn: {colours:?}\n{styled}");
    assert!(
        styled.contains("\x1b[7m") || styled.contains(";7m"),
        "reverse video is kept"
    );
    // Ctrl+P is no longer the speaker's key; Ctrl+O is.
    // (The sample's meeting has ended: the speaker's key says so.)
    tmux.send(&["C-o"]);
    tmux.wait_for("the meeting ended at 16:04");
    tmux.send(&["F12"]);
    tmux.wait_for("Help: ");
    tmux.send(&["Escape"]);
    tmux.send(&["C-q"]);
    tmux.wait_for_exit();
}

/// A script that runs minutes with the arguments it is given, with a config
/// directory of its own (no user's `mouse: true`), after writing its
/// process id (minutes's, as it `exec`s) to `pid` beside it.
fn minutes_script(dir: &Path) -> String {
    let script = dir.join("run-minutes");
    std::fs::write(
        &script,
        format!(
            "echo $$ > '{pid}'\nMINUTES_CONFIG_DIR='{config}' exec '{bin}' \"$@\"\n",
            pid = dir.join("pid").display(),
            config = dir.join("config").display(),
            bin = env!("CARGO_BIN_EXE_minutes"),
        ),
    )
    .unwrap();
    // The shell stays once minutes has ended: the terminal's modes can
    // then be read.
    format!("sh '{}'", script.display())
}

/// Which mouse events the terminal sends, as tmux knows it: clicks and the
/// wheel, drags, every move, in SGR form. "1 0 0 1" while minutes reads
/// clicks; "0 0 0 0" when the mouse is the terminal's.
fn mouse_modes(tmux: &Tmux) -> String {
    let out = tmux.run(&[
        "display-message",
        "-p",
        "-t",
        "t",
        "#{mouse_standard_flag} #{mouse_button_flag} #{mouse_all_flag} #{mouse_sgr_flag}",
    ]);
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// Where `text` is on `screen`, right of column `from`: (column, row),
/// counted from 0 in cells.
fn cell_of(screen: &str, text: &str, from: usize) -> (usize, usize) {
    use unicode_width::UnicodeWidthStr;
    for (y, line) in screen.lines().enumerate() {
        for (i, _) in line.char_indices() {
            let x = line[..i].width();
            if x >= from && line[i..].starts_with(text) {
                return (x, y);
            }
        }
    }
    panic!("{text:?} not on screen:\n{screen}");
}

/// A left click as a terminal sends it with SGR mouse reporting on: the
/// press, then the release, at the cell (x, y) counted from 0.
fn sgr_click(tmux: &Tmux, (x, y): (usize, usize)) {
    tmux.type_text(&format!("\x1b[<0;{};{}M", x + 1, y + 1));
    tmux.type_text(&format!("\x1b[<0;{};{}m", x + 1, y + 1));
}

/// The sample's people with the meeting started, no one speaking.
fn meeting_started(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("mouse.ron");
    let mut s = common::before_meeting();
    s.started_at = Some(chrono::Local::now().fixed_offset());
    store::save(&path, &s).unwrap();
    path
}

#[test]
fn with_mouse_a_click_on_the_roster_gives_the_floor_and_the_terminal_is_given_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = meeting_started(dir.path());
    let run = minutes_script(dir.path());
    let tmux = Tmux::start(&format!(
        "{run} --mouse open '{}'; echo minutes ended; sleep 600",
        path.display()
    ));
    let screen = tmux.wait_for("Enter  log");
    let start = Instant::now();
    while mouse_modes(&tmux) != "1 0 0 1" {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "mouse never captured"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // The roster is the side pane, from column 52 of 80.
    sgr_click(&tmux, cell_of(&screen, "José Álvarez Núñez", 52));
    tmux.wait_until("José speaking, said and in the header", |s| {
        s.contains("José Álvarez Núñez has the floor")
            && s.lines()
                .take(2)
                .any(|l| l.contains("▶ José Álvarez Núñez"))
    });
    // The click typed nothing into the line.
    assert!(tmux.screen().lines().any(|l| l.trim() == "note ›"));

    // Mid-meeting, Ctrl+Q asks for a second press.
    tmux.send(&["C-q"]);
    tmux.wait_for("press it again");
    tmux.send(&["C-q"]);
    tmux.wait_for("minutes ended");
    assert_eq!(
        mouse_modes(&tmux),
        "0 0 0 0",
        "the terminal is left reading the mouse"
    );
    let saved = store::load(&path).unwrap();
    let jose = saved
        .attendees
        .iter()
        .find(|a| a.name == "José Álvarez Núñez")
        .unwrap()
        .id;
    assert!(matches!(
        saved.entries.last().unwrap().kind,
        minutes::model::EntryKind::Speech { speaker, .. } if speaker == jose
    ));
}

#[test]
fn with_mouse_a_terminating_signal_gives_the_mouse_back_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = meeting_started(dir.path());
    let run = minutes_script(dir.path());
    let tmux = Tmux::start(&format!(
        "{run} --mouse open '{}'; echo minutes ended; sleep 600",
        path.display()
    ));
    tmux.wait_for("Enter  log");
    let start = Instant::now();
    while mouse_modes(&tmux) != "1 0 0 1" {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "mouse never captured"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let pid: i32 = std::fs::read_to_string(dir.path().join("pid"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    tmux.wait_for("minutes ended");
    assert_eq!(
        mouse_modes(&tmux),
        "0 0 0 0",
        "the terminal is left reading the mouse"
    );
}

#[test]
fn without_mouse_the_same_click_does_nothing_and_types_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = meeting_started(dir.path());
    let run = minutes_script(dir.path());
    let tmux = Tmux::start(&format!(
        "{run} open '{}'; echo minutes ended; sleep 600",
        path.display()
    ));
    let screen = tmux.wait_for("Enter  log");
    assert_eq!(mouse_modes(&tmux), "0 0 0 0", "the mouse is the terminal's");
    sgr_click(&tmux, cell_of(&screen, "José Álvarez Núñez", 52));
    // Keys after it arrive after it: once they are in the line, the click
    // has been read, and made nothing of.
    tmux.type_text("zz");
    let screen = tmux.wait_until("the line holding zz alone", |s| {
        s.lines().any(|l| l.trim() == "note › zz")
    });
    assert!(!screen.contains("has the floor"), "{screen}");
    assert!(!screen.contains('▶'), "no one speaks:\n{screen}");
    assert!(screen.contains("Esc  browse"), "still typing:\n{screen}");
    tmux.send(&["C-u", "C-q"]);
    tmux.wait_for("press it again");
    tmux.send(&["C-q"]);
    tmux.wait_for("minutes ended");
    let saved = store::load(&path).unwrap();
    assert!(saved.entries.is_empty(), "{:?}", saved.entries);
}
