//! The real binary in a real terminal, for end-to-end tests: tmux runs
//! it, `send-keys` types, `capture-pane` reads the screen.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// A tmux server of this test's own, killed on drop, even when the test
/// fails. Its socket is in a temporary directory of its own, removed on drop
/// too: tmux leaves its socket file behind when its server ends.
pub struct Tmux {
    socket: PathBuf,
    _dir: tempfile::TempDir,
}

impl Tmux {
    pub fn start(command: &str) -> Tmux {
        let dir = tempfile::tempdir().unwrap();
        let tmux = Tmux {
            socket: dir.path().join("tmux"),
            _dir: dir,
        };
        let out = tmux.run(&[
            "new-session",
            "-d",
            // The user's own config file (keys, theme) stays out of tests;
            // a test that wants one says `--config`, which wins.
            "-e",
            "MINUTES_CONFIG=/dev/null",
            "-s",
            "t",
            "-x",
            "80",
            "-y",
            "24",
            command,
        ]);
        assert!(
            out.status.success(),
            "tmux failed to start: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        tmux
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(["-f", "/dev/null"])
            .args(args)
            .output()
            .expect("tmux is installed (.ci/run installs it)")
    }

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "t"]).stdout).into_owned()
    }

    pub fn send(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend_from_slice(keys);
        assert!(self.run(&args).status.success());
    }

    /// Types text literally (no key-name lookup).
    pub fn type_text(&self, text: &str) {
        assert!(
            self.run(&["send-keys", "-t", "t", "-l", text])
                .status
                .success()
        );
    }

    /// Waits until `what` is on screen. Assertions on the screen go through
    /// here: a capture may catch a frame half drawn.
    pub fn wait_for(&self, what: &str) -> String {
        self.wait_until(what, |screen| screen.contains(what))
    }

    pub fn wait_until(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if done(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "never saw {what:?} on screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn wait_for_exit(&self) {
        let start = Instant::now();
        while self.run(&["has-session", "-t", "t"]).status.success() {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "still running:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn pane_pid(&self) -> i32 {
        let out = self.run(&["display-message", "-p", "-t", "t", "#{pane_pid}"]);
        String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        // Then `_dir` goes, with the socket.
        let _ = self.run(&["kill-server"]);
    }
}

impl Tmux {
    /// Like `wait_for`, but fails if `what` takes longer than `limit`: for
    /// keys that must be acted on at once.
    pub fn wait_for_within(&self, what: &str, limit: Duration) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(what) {
                return screen;
            }
            assert!(
                start.elapsed() < limit,
                "{what:?} not on screen within {limit:?}:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// Opens a picker with `key`, waits for its `title`, types `letters`
    /// and presses Enter: how a person is chosen.
    pub fn pick(&self, key: &str, title: &str, letters: &str) {
        self.send(&[key]);
        self.wait_for(title);
        self.type_text(letters);
        self.send(&["Enter"]);
    }

    pub fn resize(&self, width: u16, height: u16) {
        let (w, h) = (width.to_string(), height.to_string());
        assert!(
            self.run(&["resize-window", "-t", "t", "-x", &w, "-y", &h])
                .status
                .success()
        );
    }
}

pub fn command(args: &str, path: &Path) -> String {
    format!(
        "exec '{}' {args} '{}'",
        env!("CARGO_BIN_EXE_minutes"),
        path.display()
    )
}

/// `command`, with what it prints on stderr (after the screen closes) kept in `log`.
pub fn command_logged(args: &str, path: &Path, log: &Path) -> String {
    format!("{} 2>'{}'", command(args, path), log.display())
}
