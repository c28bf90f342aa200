//! The torture suite: simulated power loss, every truncation and byte flip
//! of a journal and of a session file, and kill -9 of the real binary at
//! random moments. Short runs here; `MINUTES_TORTURE=long cargo test
//! --release --test torture -- --nocapture` runs the long ones (the figures
//! in docs/RELIABILITY.md come from there).

mod common;

use minutes::model::Derived;
use std::path::Path;
use std::sync::{Arc, Mutex};

use minutes::model::{AgendaId, Change, Edit, Session, meeting};
use minutes::store::journal::{self, Journal, JournalFile, Record};
use minutes::store::{self, Mode, OpenSession};

fn long_run() -> bool {
    std::env::var("MINUTES_TORTURE").is_ok_and(|v| v == "long")
}

/// A small deterministic generator (xorshift64*): the same seed gives the
/// same run, so a failure names the seed that reproduces it.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }
}

/// One thing a secretary does, as the change it makes to `s`.
fn some_change(s: &Session, rng: &mut Rng, i: u64) -> Option<Change> {
    let now = common::t(1 + i as i64, 0);
    match rng.below(8) {
        0 => Some(meeting::join(
            s,
            format!("Guest {i} 嘉宾"),
            Some(["PKU", "NEW"][rng.below(2) as usize].into()),
            "Observer".into(),
            true,
            now,
        )),
        1 => {
            let who = s
                .attendees
                .get(rng.below(s.attendees.len() as u64) as usize)?;
            meeting::switch_speaker(s, &Derived::of(s), Some(who.id), now)
        }
        2 => meeting::next_topic(s, &Derived::of(s), now),
        3 => {
            // Edit the last entry's text.
            let mut e = s.entries.last()?.clone();
            e.text.push_str(" (edited)");
            Some(Change::Entry(Edit::Replace(e)))
        }
        4 => {
            // Delete the last note, if it is one.
            let e = s.entries.last()?;
            matches!(e.kind, minutes::model::EntryKind::Note)
                .then(|| Change::Entry(Edit::Remove(e.id)))
        }
        _ => Some(meeting::log(
            s,
            minutes::model::EntryKind::Note,
            format!("note {i}: the secretary types on, 会议 🌻"),
            now,
        )),
    }
}

// ------------------------------------------------ simulated power loss

/// A journal file that keeps what was synced apart from what was only
/// written: a power loss keeps the first and any part of the second.
#[derive(Debug, Default)]
struct Platter {
    durable: Vec<u8>,
    volatile: Vec<u8>,
}

#[derive(Debug, Clone, Default)]
struct SimFile(Arc<Mutex<Platter>>);

impl JournalFile for SimFile {
    fn append(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.0.lock().unwrap().volatile.extend_from_slice(bytes);
        Ok(())
    }

    fn sync_data(&mut self) -> std::io::Result<()> {
        let mut p = self.0.lock().unwrap();
        let written = std::mem::take(&mut p.volatile);
        p.durable.extend(written);
        Ok(())
    }

    fn truncate(&mut self, len: u64) -> std::io::Result<()> {
        let mut p = self.0.lock().unwrap();
        let mut all = std::mem::take(&mut p.durable);
        all.append(&mut p.volatile);
        all.truncate(len as usize);
        p.durable = all;
        Ok(())
    }

    fn reserve(&mut self, _len: u64) -> std::io::Result<()> {
        Ok(())
    }
}

impl SimFile {
    /// What the disk holds after a power loss: everything synced, then
    /// nothing, a part, zeros, or all of what was not.
    fn power_loss(&self, rng: &mut Rng) -> (Vec<u8>, &'static str) {
        let p = self.0.lock().unwrap();
        let mut bytes = p.durable.clone();
        let pending = &p.volatile;
        let n = pending.len() as u64;
        let how = match rng.below(4) {
            0 => "nothing unsynced",
            1 => {
                bytes.extend_from_slice(&pending[..rng.below(n + 1) as usize]);
                "a part of the unsynced write"
            }
            2 => {
                bytes.extend(std::iter::repeat_n(0u8, rng.below(n + 1) as usize));
                "zeros for the unsynced write"
            }
            _ => {
                bytes.extend_from_slice(pending);
                "all of the unsynced write"
            }
        };
        (bytes, how)
    }
}

/// One power-loss trial: a random meeting journalled (and sometimes
/// saved), a write in flight, the power goes. Every acknowledged change
/// must come back, and nothing half.
fn power_loss_trial(seed: u64) {
    let mut rng = Rng::new(seed);
    let mut file_on_disk = common::before_meeting();
    let mut live = file_on_disk.clone();
    let sim = SimFile::default();
    let mut journal = Journal::with_file(Box::new(sim.clone()), Path::new("sim.journal"), 0);
    let ops = rng.below(40);
    for i in 0..ops {
        if rng.below(10) == 0 {
            // A save: the file gets everything, then the journal is emptied.
            // A power loss between the two leaves the old journal: the
            // file's journal_seq makes replay skip what it holds.
            file_on_disk = live.clone();
            if rng.below(2) == 0 {
                journal.clear().unwrap();
            }
            continue;
        }
        let Some(change) = some_change(&live, &mut rng, i) else {
            continue;
        };
        let seq = live.journal_seq + 1;
        change.clone().apply(&mut live).unwrap();
        live.journal_seq = seq;
        journal.append(&[Record { seq, change }]).unwrap();
    }
    let acknowledged = live.clone();
    // A write in flight: written, not yet synced, when the power goes.
    let mut in_flight = live.clone();
    if let Some(change) = some_change(&live, &mut rng, ops) {
        let seq = live.journal_seq + 1;
        change.clone().apply(&mut in_flight).unwrap();
        in_flight.journal_seq = seq;
        let line = journal::encode(&Record { seq, change }).unwrap();
        sim.clone().append(line.as_bytes()).unwrap();
    }
    let (bytes, how) = sim.power_loss(&mut rng);
    let (recovered, replay) = journal::recover(file_on_disk, &bytes);
    assert!(
        recovered == acknowledged || recovered == in_flight,
        "seed {seed} ({how}): recovered neither the acknowledged state nor it plus the write in flight; {replay:?}"
    );
    assert!(
        recovered.problems().is_empty(),
        "seed {seed}: {:?}",
        recovered.problems()
    );
    assert!(
        replay.inconsistent.is_none() && replay.leftovers.is_empty(),
        "seed {seed} ({how}): {replay:?}"
    );
    if how != "zeros for the unsynced write" {
        assert!(
            replay.damage.is_none(),
            "seed {seed} ({how}): a torn write is not damage: {replay:?}"
        );
    }
}

#[test]
fn a_power_loss_at_any_moment_keeps_every_acknowledged_change() {
    let trials = if long_run() { 100_000 } else { 2_000 };
    for seed in 0..trials {
        power_loss_trial(seed);
    }
    println!("power loss: {trials} trials, every acknowledged change recovered");
}

// ------------------------------- truncations and byte flips, classified

/// A journal of a lively meeting: (the file it starts from, its bytes).
fn sample_journal(records: u64) -> (Session, Vec<u8>) {
    let start = common::before_meeting();
    let mut live = start.clone();
    let mut rng = Rng::new(7);
    let mut bytes = Vec::new();
    let mut i = 0;
    while live.journal_seq < records {
        i += 1;
        let Some(change) = some_change(&live, &mut rng, i) else {
            continue;
        };
        let seq = live.journal_seq + 1;
        change.clone().apply(&mut live).unwrap();
        live.journal_seq = seq;
        bytes.extend(journal::encode(&Record { seq, change }).unwrap().bytes());
    }
    (start, bytes)
}

/// The 1-based line of byte `at`.
fn line_of(bytes: &[u8], at: usize) -> usize {
    bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1
}

/// Whether a recovered session could be saved and opened again.
fn reopens(s: &Session) -> bool {
    let text = store::file::to_ron(s).unwrap();
    store::file::parse(Path::new("x.ron"), text.as_bytes()).is_ok()
}

#[test]
fn every_truncation_of_a_journal_is_a_torn_tail_or_clean() {
    let (start, bytes) = sample_journal(30);
    let mut counts = [0usize; 2];
    for cut in 0..=bytes.len() {
        let (s, replay) = journal::recover(start.clone(), &bytes[..cut]);
        let whole_lines = bytes[..cut].iter().filter(|&&b| b == b'\n').count();
        assert!(!replay.is_damaged(), "cut {cut}: {replay:?}");
        let at_boundary = cut == 0 || bytes[cut - 1] == b'\n';
        // A cut that leaves a whole record but its newline keeps it.
        let kept_whole = !at_boundary && bytes[cut] == b'\n';
        assert_eq!(
            replay.applied,
            whole_lines + usize::from(kept_whole),
            "cut {cut}"
        );
        assert_eq!(replay.torn_tail, !at_boundary && !kept_whole, "cut {cut}");
        assert!(s.problems().is_empty());
        counts[usize::from(replay.torn_tail)] += 1;
    }
    println!(
        "journal truncations: {} clean, {} torn tails, 0 damaged, 0 panics",
        counts[0], counts[1]
    );
}

#[test]
fn every_byte_flip_of_a_journal_is_reported_never_silent() {
    let (start, bytes) = sample_journal(30);
    let total = 30;
    let stride = if long_run() { 1 } else { 3 };
    let (mut damaged, mut harmless, mut cases) = (0, 0, 0);
    for at in (0..bytes.len()).step_by(stride) {
        for value in [bytes[at] ^ 0x01, bytes[at] ^ 0x20, 0, b'\n', b' '] {
            if value == bytes[at] {
                continue;
            }
            cases += 1;
            let mut flipped = bytes.clone();
            flipped[at] = value;
            let (s, replay) = journal::recover(start.clone(), &flipped);
            assert!(s.problems().is_empty(), "byte {at} = {value}");
            assert!(!replay.torn_tail, "byte {at} = {value}: {replay:?}");
            if replay.applied == total {
                harmless += 1;
                continue;
            }
            // Not everything came back: it must be said, at the right line.
            let damage = replay
                .damage
                .as_ref()
                .unwrap_or_else(|| panic!("byte {at} = {value}: a silent loss: {replay:?}"));
            let line = line_of(&bytes, at);
            assert!(
                damage.line == line || damage.line == line + 1,
                "byte {at} (line {line}) = {value}: damage said at line {}",
                damage.line
            );
            assert_eq!(replay.applied, line - 1, "byte {at} = {value}");
            damaged += 1;
            if cases % 16 == 0 {
                assert!(reopens(&s), "byte {at} = {value}");
            }
        }
    }
    println!(
        "journal byte flips: {cases} cases: {damaged} reported as damage at their line, {harmless} harmless (all {total} changes back), 0 silent losses, 0 panics"
    );
}

#[test]
fn every_truncation_of_a_session_file_is_refused_with_its_position() {
    let bytes = std::fs::read(common::sample_path()).unwrap();
    let stride = if long_run() { 1 } else { 37 };
    let mut classes = std::collections::BTreeMap::new();
    for cut in (0..bytes.len()).step_by(stride) {
        let class = match store::file::parse(Path::new("x.ron"), &bytes[..cut]) {
            Ok(s) => {
                assert!(s.problems().is_empty());
                "loaded (only whitespace or a comment was cut)"
            }
            Err(store::LoadError::Syntax { line, col, .. }) => {
                assert!(line >= 1 && col >= 1);
                "refused with line:column"
            }
            Err(store::LoadError::Empty { .. }) => "refused as empty",
            Err(store::LoadError::NotText { .. }) => "refused as not text",
            Err(e) => panic!("cut {cut}: unexpected {e}"),
        };
        *classes.entry(class).or_insert(0) += 1;
    }
    println!("session truncations (every {stride}th byte): {classes:?}");
    assert!(classes.contains_key("refused with line:column"));
}

#[test]
fn byte_flips_of_a_session_file_never_load_something_broken() {
    let bytes = std::fs::read(common::sample_path()).unwrap();
    let stride = if long_run() { 1 } else { 53 };
    let (mut loaded, mut refused) = (0, 0);
    for at in (0..bytes.len()).step_by(stride) {
        for value in [bytes[at] ^ 0x01, b'"', 0, 0xFF] {
            let mut flipped = bytes.clone();
            flipped[at] = value;
            match store::file::parse(Path::new("x.ron"), &flipped) {
                Ok(s) => {
                    assert!(s.problems().is_empty());
                    loaded += 1;
                }
                Err(e) => {
                    assert!(!e.to_string().is_empty());
                    refused += 1;
                }
            }
        }
    }
    println!(
        "session byte flips: {loaded} still a valid session, {refused} refused with a message, 0 panics"
    );
}

// ----------------------------------------------- kill -9 of the binary

/// Runs `minutes` in tmux, does random things a secretary does (notes,
/// saves, undo, redo), each waited for on screen (acknowledged), then
/// kills it with SIGKILL at a random moment, possibly mid-operation.
/// Reopened, the session must hold exactly what was acknowledged, or that
/// plus the operation under way.
fn kill_trial(seed: u64) {
    use common::tmux::{Tmux, command_logged};
    let mut rng = Rng::new(seed);
    let (dir, path) = common::sample_copy();
    let log = dir.path().join("stderr");
    let base = common::sample().entries.len();
    let tmux = Tmux::start(&command_logged("open", &path, &log));
    tmux.wait_for("Enter  log");
    // What the screen has shown: the notes logged, in order.
    let mut shown: Vec<String> = Vec::new();
    let mut undone: Vec<String> = Vec::new();
    let mut under_way: Option<Vec<String>> = None;
    let ops = rng.below(8);
    let mut saved_last = false;
    for i in 0..=ops {
        let last = i == ops;
        let choice = rng.below(10);
        let (expected, save) = match choice {
            0 if !shown.is_empty() => {
                tmux.send(&["C-z"]);
                let mut e = shown.clone();
                undone.push(e.pop().unwrap());
                (e, false)
            }
            1 if !undone.is_empty() => {
                tmux.send(&["C-y"]);
                let mut e = shown.clone();
                e.push(undone.pop().unwrap());
                (e, false)
            }
            2 if !saved_last => {
                tmux.send(&["C-s"]);
                (shown.clone(), true)
            }
            _ => {
                let text = format!("seed {seed} note {i}");
                tmux.type_text(&text);
                tmux.send(&["Enter"]);
                undone.clear();
                let mut e = shown.clone();
                e.push(text);
                (e, false)
            }
        };
        if last {
            // Killed while this one is under way.
            if rng.below(2) == 0 {
                std::thread::sleep(std::time::Duration::from_millis(rng.below(30)));
            }
            under_way = Some(expected);
            break;
        }
        // Acknowledged: the screen shows the step done.
        if save {
            tmux.wait_for("Saved");
        } else {
            let want = expected.last().cloned();
            tmux.wait_until("the log's last note", |screen| {
                last_note(screen, seed) == want
            });
        }
        saved_last = save;
        shown = expected;
    }
    let out = tmux.run(&["display-message", "-p", "-t", "t", "#{pane_pid}"]);
    let pid: i32 = String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .unwrap_or_else(|_| {
            panic!(
                "seed {seed}: the app is gone before the kill:\n{}",
                tmux.screen()
            )
        });
    unsafe { libc::kill(pid, libc::SIGKILL) };
    drop(tmux);
    // The lock goes when the process is gone, a moment after the signal.
    let start = std::time::Instant::now();
    let reopened = loop {
        match OpenSession::open(&path, Mode::ReadWrite) {
            Ok(open) => break open,
            Err(store::OpenError::Locked(_)) if start.elapsed().as_secs() < 10 => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(e) => panic!("seed {seed}: the session does not reopen: {e}"),
        }
    };
    let texts: Vec<String> = reopened.session().entries[base..]
        .iter()
        .map(|e| e.text.clone())
        .collect();
    let during = under_way.unwrap_or_default();
    assert!(
        texts == shown || texts == during,
        "seed {seed}: after kill -9 the file has {texts:?}; the screen had acknowledged {shown:?} (under way: {during:?})"
    );
    assert!(
        !reopened.recovery().is_problem(),
        "seed {seed}: {:?}",
        reopened.recovery()
    );
    reopened.close().unwrap();
    store::load(&store::backup_path(&path)).ok();
}

/// The text of the last of this trial's notes in the log, if any.
fn last_note(screen: &str, seed: u64) -> Option<String> {
    let marker = format!("Note       seed {seed} ");
    screen.lines().rev().find_map(|l| {
        let at = l.find(&marker)?;
        let rest = &l[at + "Note       ".len()..];
        Some(rest.split('│').next().unwrap_or(rest).trim().to_string())
    })
}

#[test]
fn kill_9_at_random_moments_loses_no_acknowledged_change() {
    let kills = if long_run() { 200 } else { 20 };
    for seed in 0..kills {
        kill_trial(seed);
    }
    println!("kill -9: {kills} kills, no acknowledged change lost");
}

#[test]
fn agenda_ids_used_by_the_generator_exist() {
    // Guards the generator: its topic changes need the sample's agenda.
    assert!(common::before_meeting().agenda_item(AgendaId(1)).is_some());
}
