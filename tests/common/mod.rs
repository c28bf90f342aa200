//! Builders shared by the integration tests.
#![allow(dead_code)]

pub mod drive;
pub mod tmux;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use chrono::{DateTime, FixedOffset};
use minutes::model::{AgendaId, Entry, EntryId, EntryKind, Session};

/// The sample session shipped in `assets/`.
pub fn sample_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample.ron")
}

pub fn sample() -> Session {
    minutes::store::load(&sample_path()).expect("the sample session loads")
}

/// A copy of the sample in a fresh temporary directory.
pub fn sample_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("meeting.ron");
    std::fs::copy(sample_path(), &path).unwrap();
    (dir, path)
}

pub fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

pub fn note(id: u32, text: &str) -> Entry {
    Entry {
        id: EntryId(id),
        at: at("2026-11-19T16:10:00+01:00"),
        agenda_item: Some(AgendaId(6)),
        kind: EntryKind::Note,
        text: text.to_string(),
        confidential: false,
        carried_over: None,
    }
}

/// A change that appends `text` as a note to `session`.
pub fn add_note(session: &Session, text: &str) -> minutes::model::Change {
    let item = note(session.next_entry_id().0, text);
    minutes::model::Change::Entry(minutes::model::Edit::Insert {
        index: session.entries.len(),
        item,
    })
}

/// The sample's roster, organisations and agenda as before the meeting:
/// nobody arrived, no topic started, no entries.
pub fn before_meeting() -> Session {
    let mut s = sample();
    s.started_at = None;
    s.ended_at = None;
    s.entries.clear();
    s.attendees = s.attendees.iter().map(|a| a.as_expected()).collect();
    for t in &mut s.agenda {
        t.status = minutes::model::AgendaStatus::Pending;
        t.started_at = None;
        t.ended_at = None;
    }
    s
}

/// 14:00 plus `min` minutes and `sec` seconds on the sample's day.
pub fn t(min: i64, sec: i64) -> DateTime<FixedOffset> {
    at("2026-11-19T14:00:00+01:00") + chrono::Duration::seconds(min * 60 + sec)
}

/// A live session file in a fresh directory, opened for writing.
pub fn live_session(s: Session) -> (tempfile::TempDir, minutes::store::OpenSession) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.ron");
    let open = minutes::store::OpenSession::create(&path, s).unwrap();
    (dir, open)
}

/// Runs one `#[ignore]`d helper below as a child process of this test binary.
pub fn child(name: &str, session: &Path) -> Command {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args([
        "--ignored",
        "--exact",
        name,
        "--nocapture",
        "--test-threads=1",
    ])
    .env("MINUTES_CHILD_SESSION", session)
    .stdout(Stdio::piped())
    .stderr(Stdio::inherit());
    cmd
}

pub fn child_session() -> PathBuf {
    PathBuf::from(std::env::var_os("MINUTES_CHILD_SESSION").expect("run by a test, not alone"))
}

/// Limits the size of files this process may write (as a full disk would),
/// with the signal that would otherwise kill it ignored.
pub fn limit_file_size(bytes: u64) {
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
        let mut lim: libc::rlimit = std::mem::zeroed();
        libc::getrlimit(libc::RLIMIT_FSIZE, &mut lim);
        lim.rlim_cur = bytes as libc::rlim_t;
        assert_eq!(libc::setrlimit(libc::RLIMIT_FSIZE, &lim), 0);
    }
}

pub fn lift_file_size_limit() {
    unsafe {
        let mut lim: libc::rlimit = std::mem::zeroed();
        libc::getrlimit(libc::RLIMIT_FSIZE, &mut lim);
        lim.rlim_cur = lim.rlim_max;
        assert_eq!(libc::setrlimit(libc::RLIMIT_FSIZE, &lim), 0);
    }
}

/// A small tmpfs mounted for one test (a real full disk), unmounted on
/// drop. `None`, with the reason printed, where mounting is not allowed
/// (not root, no CAP_SYS_ADMIN): the caller skips.
pub struct SmallDisk {
    pub dir: tempfile::TempDir,
}

impl SmallDisk {
    pub fn mount(kib: u64) -> Option<SmallDisk> {
        let dir = tempfile::tempdir().unwrap();
        let out = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={kib}k,mode=0700"),
                "tmpfs",
            ])
            .arg(dir.path())
            .output();
        match out {
            Ok(o) if o.status.success() => Some(SmallDisk { dir }),
            Ok(o) => {
                eprintln!(
                    "SKIPPED: cannot mount a tmpfs here ({}); the full-disk test needs root",
                    String::from_utf8_lossy(&o.stderr).trim()
                );
                None
            }
            Err(e) => {
                eprintln!("SKIPPED: no mount command ({e}); the full-disk test needs it");
                None
            }
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Fills the disk until at most `leave` bytes are free.
    pub fn fill(&self, leave: u64) -> PathBuf {
        use std::io::Write;
        let filler = self.path().join("filler");
        let mut f = std::fs::File::create(&filler).unwrap();
        let chunk = vec![0u8; 4096];
        while self.free() > leave {
            let n = (self.free() - leave).min(4096) as usize;
            if f.write_all(&chunk[..n]).is_err() {
                break;
            }
        }
        let _ = f.sync_all();
        filler
    }

    pub fn free(&self) -> u64 {
        let c = std::ffi::CString::new(self.path().as_os_str().as_encoded_bytes()).unwrap();
        let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
        assert_eq!(unsafe { libc::statvfs(c.as_ptr(), &mut st) }, 0);
        st.f_bavail as u64 * st.f_frsize as u64
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount")
            .arg("-l")
            .arg(self.dir.path())
            .status();
    }
}

/// A roster on which a search for `an` gives one person of each rank, in
/// this order: 3 (the whole name), 8 (its start; here), 1 and 5 (its start;
/// not here, in roster order), 4 (a word's start), 2 (anywhere), 6 (the
/// letters in order), 7 (a word of the role). 9 does not match.
pub fn mixed_roster() -> Session {
    use minutes::model::{Attendance::*, Attendee, AttendeeId};
    let mut s = before_meeting();
    s.attendees = [
        ("Anna Berg", None, "", Expected),
        ("Joan Smith", Some("USAL"), "Delegate", Present),
        ("an", None, "", Present),
        ("Hans Anker", Some("UNIVIE"), "", Present),
        ("Ana", None, "", Left),
        ("Aaron", None, "Observer", Late),
        ("王丽", Some("PKU"), "Data analyst", Present),
        ("Ánton", None, "", Present),
        ("Bob", None, "Delegate", Present),
    ]
    .into_iter()
    .enumerate()
    .map(|(i, (name, org, role, attendance))| Attendee {
        id: AttendeeId(i as u32 + 1),
        name: name.into(),
        organisation: org.map(str::to_string),
        role: role.into(),
        attendance,
        joined_at: attendance.attended().then(|| t(0, 0)),
        left_at: (attendance == Left).then(|| t(1, 0)),
        earlier: Vec::new(),
    })
    .collect();
    s
}

/// The order [`mixed_roster`] gives for `an`.
pub const MIXED_ORDER_FOR_AN: [u32; 8] = [3, 8, 1, 5, 4, 2, 6, 7];

/// Any attendance, for property tests.
pub fn attendance() -> impl proptest::strategy::Strategy<Value = minutes::model::Attendance> {
    use minutes::model::Attendance;
    use proptest::prelude::Just;
    proptest::prop_oneof![
        Just(Attendance::Expected),
        Just(Attendance::Present),
        Just(Attendance::Late),
        Just(Attendance::Left),
        Just(Attendance::Absent),
    ]
}

/// Someone on the roster by name alone: no organisation or role, no times.
pub fn attendee(
    id: u32,
    name: &str,
    attendance: minutes::model::Attendance,
) -> minutes::model::Attendee {
    minutes::model::Attendee::new(minutes::model::AttendeeId(id), name, attendance)
}
