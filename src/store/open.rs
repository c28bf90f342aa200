use std::io;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use thiserror::Error;

use super::file::{self, DiskStamp, LoadError, SaveError};
use super::journal::{self, Damage, Journal, Record};
use super::lock::{Lock, LockError};
use crate::model::{Change, ChangeError, Derived, Session};

/// Whether a session is opened to be changed or only to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Locked against other writers; every change is journalled.
    ReadWrite,
    /// No lock, no writes: for reviewing or exporting while someone records.
    ReadOnly,
}

/// What opening a session recovered from its journal, and what it found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Recovery {
    /// Changes made after the last save, replayed from the journal.
    pub replayed: usize,
    /// A half-written last line (never acknowledged) was dropped.
    pub torn_tail: bool,
    /// Unreadable journal lines that hid no change.
    pub leftovers: Vec<usize>,
    /// Where the journal is damaged; replay stopped there.
    pub damage: Option<Damage>,
    /// An intact change that would have made the session inconsistent:
    /// the session was opened read-only and nothing on disk was touched.
    pub inconsistent: Option<String>,
    /// The journal as it was found, kept beside the session (read-write
    /// opens of a damaged journal), or the journal itself (read-only).
    pub kept_journal: Option<PathBuf>,
    /// Temporary files left by interrupted saves, removed: how many, bytes.
    pub removed_temps: (usize, u64),
    /// Rescue copies of this session written when the disk was full: they
    /// may hold changes the file lacks, until the user deals with them.
    pub rescue_copies: Vec<PathBuf>,
}

impl Recovery {
    fn new(replay: journal::Replay) -> Recovery {
        Recovery {
            replayed: replay.applied,
            torn_tail: replay.torn_tail,
            leftovers: replay.leftovers,
            damage: replay.damage,
            inconsistent: replay.inconsistent,
            ..Recovery::default()
        }
    }

    /// Whether something could not be recovered or read: shown as an error.
    pub fn is_problem(&self) -> bool {
        self.damage.is_some() || self.inconsistent.is_some() || !self.leftovers.is_empty()
    }

    /// Whether all there is to say is that journalled changes were read:
    /// nothing lost, damaged or left over.
    pub fn only_replayed(&self) -> bool {
        self.replayed > 0
            && !self.torn_tail
            && !self.is_problem()
            && self.kept_journal.is_none()
            && self.removed_temps.0 == 0
            && self.rescue_copies.is_empty()
    }

    /// A sentence for the user, or `None` when there was nothing to say.
    pub fn message(&self) -> Option<String> {
        let mut parts = Vec::new();
        if self.replayed > 0 || self.torn_tail || self.is_problem() {
            parts.push(format!(
                "Recovered {} change{} made after the last save",
                self.replayed,
                plural(self.replayed)
            ));
        }
        if self.torn_tail {
            parts.push("dropped one half-written change that was never shown".into());
        }
        if !self.leftovers.is_empty() {
            let lines: Vec<String> = self.leftovers.iter().map(ToString::to_string).collect();
            parts.push(format!(
                "journal line{} {} could not be read but hid no change",
                plural(lines.len()),
                lines.join(", ")
            ));
        }
        if let Some(d) = &self.damage {
            let mut text = format!(
                "THE JOURNAL IS DAMAGED at line {} ({}): replay stopped there",
                d.line, d.what
            );
            if d.not_applied > 0 {
                text.push_str(&format!(
                    "; {} later change{} could not be applied",
                    d.not_applied,
                    plural(d.not_applied)
                ));
            }
            if d.unreadable_after > 0 {
                text.push_str(&format!(
                    "; {} later line{} could not be read either",
                    d.unreadable_after,
                    plural(d.unreadable_after)
                ));
            }
            parts.push(text);
        }
        if let Some(why) = &self.inconsistent {
            parts.push(format!(
                "{why}: opened READ-ONLY, nothing on disk was changed"
            ));
        }
        if let Some(kept) = &self.kept_journal {
            parts.push(format!("the journal is kept as {}", kept.display()));
        }
        let (count, bytes) = self.removed_temps;
        if count > 0 {
            parts.push(format!(
                "removed {count} temporary file{} ({}) left by an interrupted save",
                plural(count),
                human_bytes(bytes)
            ));
        }
        for copy in &self.rescue_copies {
            parts.push(format!(
                "a rescue copy of this session is at {}: if it has entries this one lacks, use it instead (minutes open it to see)",
                copy.display()
            ));
        }
        if parts.is_empty() {
            return None;
        }
        let mut msg = parts.join("; ");
        msg.push('.');
        Some(msg)
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn human_bytes(bytes: u64) -> String {
    match bytes {
        b if b < 1024 => format!("{b} B"),
        b if b < 1 << 20 => format!("{:.1} KiB", b as f64 / 1024.0),
        b => format!("{:.1} MiB", b as f64 / f64::from(1 << 20)),
    }
}

#[derive(Debug, Error)]
pub enum OpenError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("{0}\nOpen it read-only with `minutes open --read-only {path}`, or close the other one first.", path = shell_path(.0))]
    Locked(LockError),
    #[error(transparent)]
    Lock(LockError),
    #[error("{} already exists; open it with `minutes open`, or choose another name", .0.display())]
    Exists(PathBuf),
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error(transparent)]
    Save(#[from] SaveError),
}

fn shell_path(err: &LockError) -> String {
    match err {
        LockError::Held { path, .. } | LockError::Io { path, .. } => path.display().to_string(),
    }
}

impl From<LockError> for OpenError {
    fn from(e: LockError) -> Self {
        match e {
            LockError::Held { .. } => OpenError::Locked(e),
            LockError::Io { .. } => OpenError::Lock(e),
        }
    }
}

/// Why a change was not made.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ApplyError {
    #[error(transparent)]
    Change(#[from] ChangeError),
    #[error("the session is open read-only")]
    ReadOnly,
    #[error("the journal's sequence numbers are used up; save and reopen the session")]
    SequenceExhausted,
}

/// A session opened from its file, with everything that keeps it safe.
///
/// All changes go through [`OpenSession::apply`], which journals them to
/// disk before returning; [`OpenSession::save`] folds them into the file.
#[derive(Debug)]
pub struct OpenSession {
    session: Session,
    /// Kept in step with `session` by `apply`, the one way it changes.
    derived: Derived,
    path: PathBuf,
    recovery: Recovery,
    /// `None` in read-only mode.
    writer: Option<Writer>,
}

#[derive(Debug)]
struct Writer {
    journal: Journal,
    /// Records whose journal write failed; retried by `flush`.
    pending: Vec<Record>,
    /// Every record the file does not have yet (written to the journal or
    /// pending): what a new journal gets when another program removed or
    /// replaced this one. A few minutes of changes, between saves.
    unsaved: Vec<Record>,
    last_error: Option<String>,
    /// The file as this process last read or wrote it.
    stamp: Option<DiskStamp>,
    /// The session's `journal_seq` when it was last loaded or saved: any
    /// other value means there are changes the file does not have.
    saved_seq: u64,
    /// Held for as long as the session is open; released on drop. Shared
    /// with the thread writing a save, which locks the file it puts in place.
    lock: Arc<Mutex<Lock>>,
    /// The save being written by another thread, if any.
    saving: Option<Saving>,
    /// A save was asked for while one was being written: it starts when
    /// that one ends, if there are still changes the file lacks.
    save_queued: bool,
    /// How a save ended that no `poll_save` has reported yet.
    ready: Option<SaveOutcome>,
}

/// A snapshot of the session being written to its file by its own thread.
#[derive(Debug)]
struct Saving {
    /// The snapshot's `journal_seq`: what the file holds once it is written.
    seq: u64,
    thread: std::thread::JoinHandle<Result<Option<DiskStamp>, SaveError>>,
}

/// How a save started by [`OpenSession::start_save`] ended; its result is
/// already applied (file stamp, journal, pending records) when it is handed out.
#[derive(Debug)]
pub struct SaveOutcome {
    /// The `journal_seq` of what was (or was to be) written: every change
    /// up to it is in the file when `result` is `Ok`.
    pub seq: u64,
    pub result: Result<(), SaveError>,
}

/// What [`OpenSession::start_save`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveStart {
    /// A snapshot of the session is being written by another thread.
    Started,
    /// A save was already being written: another starts when it ends, if
    /// changes are still missing from the file then.
    Queued,
}

impl OpenSession {
    /// Opens the session at `path`, replaying any journal left by a crash.
    /// In read-write mode the recovered changes are saved into the file at
    /// once. A symbolic link is followed: the session is its target, and
    /// every file minutes writes goes beside the target.
    ///
    /// A journal that would make the session inconsistent opens it
    /// read-only, whatever `mode` asks, and nothing on disk is touched.
    pub fn open(path: &Path, mode: Mode) -> Result<OpenSession, OpenError> {
        let path = &resolve(path)?;
        let lock = match mode {
            Mode::ReadWrite => Some(Lock::acquire(path)?),
            Mode::ReadOnly => None,
        };
        let saved = file::load(path)?;
        let stamp = DiskStamp::of(path);
        let journal_path = super::journal_path(path);
        let bytes = journal::read(&journal_path).map_err(|source| OpenError::Io {
            path: journal_path.clone(),
            source,
        })?;
        let saved_seq = saved.journal_seq;
        let (session, replay) = journal::recover(saved, &bytes);
        let mut recovery = Recovery::new(replay);
        if mode == Mode::ReadWrite {
            // Where recording goes on, a rescue copy must not be missed;
            // `list` and `export` need not scan shared directories.
            recovery.rescue_copies = find_rescue_copies(path);
        }

        let lock = match lock {
            Some(lock) if recovery.inconsistent.is_none() => lock,
            _ => {
                if recovery.is_problem() {
                    recovery.kept_journal = Some(journal_path);
                }
                return Ok(OpenSession {
                    derived: Derived::of(&session),
                    session,
                    path: path.to_path_buf(),
                    recovery,
                    writer: None,
                });
            }
        };
        if recovery.is_problem() {
            let kept = keep_copy(&journal_path, &bytes)?;
            recovery.kept_journal = Some(kept);
        }
        recovery.removed_temps = remove_stale_temps(path);
        let journal = Journal::open(&journal_path).map_err(|source| OpenError::Io {
            path: journal_path.clone(),
            source,
        })?;
        let mut open = OpenSession {
            derived: Derived::of(&session),
            session,
            path: path.to_path_buf(),
            recovery,
            writer: Some(Writer::new(journal, stamp, saved_seq, lock)),
        };
        if (open.recovery.replayed > 0 || !bytes.is_empty())
            && let Err(e) = open.save()
        {
            // A journal read whole keeps what it gave back, and the next
            // changes follow it: recording goes on (a full disk), the
            // status line says the file could not be written. One that
            // stopped at damage must not have changes written after it.
            if open.recovery.is_problem() {
                return Err(e.into());
            }
        }
        Ok(open)
    }

    /// Creates a new session file at `path` and opens it for writing.
    pub fn create(path: &Path, session: Session) -> Result<OpenSession, OpenError> {
        let path = &resolve(path)?;
        let mut lock = Lock::acquire(path)?;
        if path.symlink_metadata().is_ok() {
            return Err(OpenError::Exists(path.to_path_buf()));
        }
        file::save(path, &session)?;
        lock.lock_session_file(path)?;
        let journal_path = super::journal_path(path);
        let journal = Journal::open(&journal_path).map_err(|source| OpenError::Io {
            path: journal_path,
            source,
        })?;
        let stamp = DiskStamp::of(path);
        let saved_seq = session.journal_seq;
        Ok(OpenSession {
            derived: Derived::of(&session),
            session,
            path: path.to_path_buf(),
            recovery: Recovery::default(),
            writer: Some(Writer::new(journal, stamp, saved_seq, lock)),
        })
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    /// What the screen needs from the whole log (speaking time, who has
    /// the floor), kept up to date by every change.
    pub fn derived(&self) -> &Derived {
        &self.derived
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn is_read_only(&self) -> bool {
        self.writer.is_none()
    }

    /// What was recovered from the journal when the session was opened.
    pub fn recovery(&self) -> &Recovery {
        &self.recovery
    }

    /// Applies a change and journals it; returns the change that undoes it.
    ///
    /// When this returns, the change is on disk, unless the journal could
    /// not be written (disk full): then it is kept in memory, counted by
    /// [`unsaved`](Self::unsaved), and written by the next `apply`, `flush`
    /// or `save` that succeeds.
    pub fn apply(&mut self, change: Change) -> Result<Change, ApplyError> {
        let writer = self.writer.as_mut().ok_or(ApplyError::ReadOnly)?;
        let record = Record {
            seq: self.session.journal_seq + 1,
            change: change.clone(),
        };
        // Never reached in practice (see `journal::MAX_SEQ`), and refused
        // at load, but a wrapped number would make the journal unreadable.
        if record.seq > journal::MAX_SEQ {
            return Err(ApplyError::SequenceExhausted);
        }
        let inverse = change.apply(&mut self.session)?;
        self.derived
            .applied(&record.change, &inverse, &self.session);
        self.session.journal_seq = record.seq;
        writer.unsaved.push(record.clone());
        writer.pending.push(record);
        self.flush();
        Ok(inverse)
    }

    /// Retries journal writes that failed; true when nothing is left unwritten.
    ///
    /// A journal that another program removed or replaced is not written
    /// (what went there would be lost with it): a new one is started at its
    /// name with every change the file lacks; failing that, the whole file
    /// is saved.
    pub fn flush(&mut self) -> bool {
        let Some(writer) = self.writer.as_mut() else {
            return true;
        };
        if writer.pending.is_empty() || writer.journal.is_in_place() {
            return writer.flush();
        }
        self.replace_journal().is_ok()
    }

    /// Another program removed or replaced the journal: a new one is
    /// started with every change the file lacks, or, failing that, the
    /// whole file is saved. Says which; the error is kept for the screen.
    fn replace_journal(&mut self) -> Result<&'static str, SaveError> {
        let writer = self.writer.as_mut().ok_or_else(|| SaveError::ReadOnly {
            path: self.path.clone(),
        })?;
        if writer.journal_again() {
            return Ok(
                "the journal was removed or replaced by another program: started again, with every change",
            );
        }
        let journal = writer.journal.path().display().to_string();
        match self.save() {
            Ok(()) => Ok(
                "the journal was removed or replaced by another program: the whole session is saved instead",
            ),
            Err(e) => {
                if let Some(writer) = self.writer.as_mut() {
                    writer.last_error = Some(format!(
                        "the journal {journal} was removed or replaced by another program, and saving instead failed: {e}; {} change(s) not on disk yet, retrying",
                        writer.pending.len()
                    ));
                }
                Err(e)
            }
        }
    }

    /// Whether nothing is at the session's path any more (removed, or
    /// moved away, by another program).
    fn file_gone(&self) -> bool {
        std::fs::symlink_metadata(&self.path).is_err()
    }

    /// Changes made in memory that are not on disk yet (0 normally).
    pub fn unsaved(&self) -> usize {
        self.writer.as_ref().map_or(0, |w| w.pending.len())
    }

    /// The last error writing the journal or the file, until a write succeeds.
    pub fn last_error(&self) -> Option<&str> {
        self.writer.as_ref()?.last_error.as_deref()
    }

    /// Writes the whole session to its file (atomically, keeping a `.bak`)
    /// and empties the journal; returns when it is done. A save being
    /// written in the background is waited for first, and its result
    /// applied (and kept for [`poll_save`](Self::poll_save) to report):
    /// when it holds every change, the file is not written again.
    pub fn save(&mut self) -> Result<(), SaveError> {
        let Some(writer) = self.writer.as_mut() else {
            return Err(SaveError::ReadOnly {
                path: self.path.clone(),
            });
        };
        // This save covers whatever was asked for meanwhile.
        writer.save_queued = false;
        if self.join_save() && !self.has_unsaved_changes() {
            return Ok(());
        }
        self.save_now(false)
    }

    /// Starts saving the whole session in the background: on this thread
    /// only the check that no other program changed the file, and a copy
    /// of the session; another thread writes the copy (see [`save`](Self::save)
    /// for how). [`poll_save`](Self::poll_save) applies the result when it
    /// is written. One save at a time: asked for while one is being
    /// written, the next starts when it ends, if changes are still missing.
    ///
    /// Until its result is applied the journal keeps every change, so a
    /// crash at any moment of the save loses nothing.
    pub fn start_save(&mut self) -> Result<SaveStart, SaveError> {
        let path = self.path.clone();
        let writer = self
            .writer
            .as_mut()
            .ok_or(SaveError::ReadOnly { path: path.clone() })?;
        if writer.saving.is_some() {
            writer.save_queued = true;
            return Ok(SaveStart::Queued);
        }
        writer.check_stamp(&path)?;
        let snapshot = self.session.clone();
        let seq = snapshot.journal_seq;
        let lock = Arc::clone(&writer.lock);
        let expected = writer.stamp;
        let spawned = std::thread::Builder::new()
            .name("minutes save".into())
            .spawn(move || write_snapshot(&path, snapshot, &lock, expected));
        match spawned {
            Ok(thread) => {
                writer.saving = Some(Saving { seq, thread });
                Ok(SaveStart::Started)
            }
            Err(_) => {
                // No thread to be had: save here, and report it as if it
                // had been written by one.
                let result = self.save_now(false);
                let seq = self.session.journal_seq;
                if let Some(writer) = self.writer.as_mut() {
                    writer.ready = Some(SaveOutcome { seq, result });
                }
                Ok(SaveStart::Started)
            }
        }
    }

    /// Whether a save started by [`start_save`](Self::start_save) has a
    /// result not yet reported by `poll_save` or `wait_for_save`.
    pub fn is_saving(&self) -> bool {
        self.writer
            .as_ref()
            .is_some_and(|w| w.saving.is_some() || w.ready.is_some())
    }

    /// Whether the save in the background has finished writing, its result
    /// waiting for [`poll_save`](Self::poll_save).
    pub fn save_written(&self) -> bool {
        self.writer.as_ref().is_some_and(|w| {
            w.ready.is_some() || w.saving.as_ref().is_some_and(|s| s.thread.is_finished())
        })
    }

    /// Never waits: applies the result of a save that has ended, and
    /// returns it (starting the save asked for meanwhile, if any); `None`
    /// while it is being written, or when none was started.
    pub fn poll_save(&mut self) -> Option<SaveOutcome> {
        if !self.save_written() {
            return None;
        }
        self.wait_for_save()
    }

    /// Waits for the save in the background to end, applies its result
    /// and returns it, as [`poll_save`](Self::poll_save) does; `None` when
    /// no save was started. The save asked for meanwhile may be started by
    /// this: call again until `None` to wait for it too.
    pub fn wait_for_save(&mut self) -> Option<SaveOutcome> {
        let writer = self.writer.as_mut()?;
        if let Some(ready) = writer.ready.take() {
            return Some(ready);
        }
        let outcome = self.finish_save()?;
        let writer = self.writer.as_mut()?;
        if std::mem::take(&mut writer.save_queued) && self.has_unsaved_changes() {
            let seq = self.session.journal_seq;
            if let Err(e) = self.start_save()
                && let Some(writer) = self.writer.as_mut()
            {
                writer.ready = Some(SaveOutcome {
                    seq,
                    result: Err(e),
                });
            }
        }
        Some(outcome)
    }

    /// Waits for the save in the background, applies its result and keeps
    /// it to be reported; true if it succeeded (false if there was none).
    fn join_save(&mut self) -> bool {
        match self.finish_save() {
            Some(outcome) => {
                let ok = outcome.result.is_ok();
                if let Some(writer) = self.writer.as_mut() {
                    writer.ready = Some(outcome);
                }
                ok
            }
            None => false,
        }
    }

    /// Waits for the thread writing a snapshot, and applies what it did.
    fn finish_save(&mut self) -> Option<SaveOutcome> {
        let path = self.path.clone();
        let writer = self.writer.as_mut()?;
        let Saving { seq, thread } = writer.saving.take()?;
        let result = thread.join().unwrap_or_else(|_| Err(thread_failed(&path)));
        Some(match result {
            Ok(stamp) => {
                self.saved(seq, true, stamp);
                SaveOutcome {
                    seq,
                    result: Ok(()),
                }
            }
            Err(e) if is_disk_full(&e) => {
                // Once more with the journal's reserve given back, here (a
                // rare wait), with every change made since the snapshot.
                let result = self.save_now(true);
                SaveOutcome {
                    seq: self.session.journal_seq,
                    result,
                }
            }
            Err(e) => {
                writer.last_error = Some(e.to_string());
                SaveOutcome {
                    seq,
                    result: Err(e),
                }
            }
        })
    }

    /// Writes the session now, on this thread; with `reserve_first`, with
    /// the journal's reserve given back from the start (the disk is full).
    fn save_now(&mut self, reserve_first: bool) -> Result<(), SaveError> {
        let path = self.path.clone();
        let writer = self
            .writer
            .as_mut()
            .ok_or(SaveError::ReadOnly { path: path.clone() })?;
        writer.check_stamp(&path)?;
        let expected = writer.stamp;
        let save = || file::save_unless_changed(&path, &self.session, expected);
        let mut saved = (!reserve_first).then(save);
        if saved
            .as_ref()
            .is_none_or(|r| r.as_ref().is_err_and(is_disk_full))
        {
            // The space set aside for the journal may be what the save
            // lacks: give it back for one more try, then take it again.
            writer.journal.release_reserve();
            saved = Some(save());
            writer.journal.reserve_again();
        }
        match saved.expect("tried at least once") {
            Ok(stamp) => {
                self.saved(self.session.journal_seq, false, stamp);
                Ok(())
            }
            Err(err) => {
                writer.last_error = Some(err.to_string());
                Err(err)
            }
        }
    }

    /// The file now holds every change up to `seq`: the new file is
    /// locked (unless `locked` already, by the thread that wrote it), and
    /// the journal emptied if it holds nothing newer.
    fn saved(&mut self, seq: u64, locked: bool, stamp: Option<DiskStamp>) {
        let Some(writer) = self.writer.as_mut() else {
            return;
        };
        if !locked {
            lock_new_file(&writer.lock, &self.path);
        }
        // The stamp of the file as the save left it, not as it is now:
        // a change made by another program since is noticed by the next.
        writer.stamp = stamp;
        writer.saved_seq = seq;
        // Changes the journal could not take are in the file now, but
        // those made after the snapshot was taken.
        writer.pending.retain(|r| r.seq > seq);
        writer.unsaved.retain(|r| r.seq > seq);
        if writer.pending.is_empty() {
            writer.last_error = None;
        }
        if self.session.journal_seq == seq {
            // Records left in the journal are all in the file now, and
            // have sequence numbers it says to skip: failing to empty it
            // is harmless.
            let _ = writer.journal.clear();
            if !writer.journal.is_in_place() {
                // Everything is in the file now: start a journal at its name.
                writer.restart_journal();
            }
        } else if !writer.journal.is_in_place() && !writer.journal_again() {
            // Changes made while a snapshot was written went to a journal
            // another program removed or replaced, and no new one could be
            // started: only a save keeps them.
            let _ = self.save_now(false);
        }
        // Else changes were made while the snapshot was written: the
        // journal keeps them (and the older records, which replay skips).
    }

    /// The changes not on disk yet, as the journal lines they would be: the
    /// last resort when nothing can be written, printed for the user.
    pub fn pending_records(&self) -> Vec<String> {
        self.writer.as_ref().map_or_else(Vec::new, |w| {
            w.pending
                .iter()
                .filter_map(|r| journal::encode(r).ok())
                .map(|line| line.trim_end().to_string())
                .collect()
        })
    }

    /// Writes the whole session, as RON, to a new file in the first of
    /// `dirs` that takes it: the way out when neither the journal nor the
    /// file can be written (a full disk). Never replaces a file. Returns
    /// where it went, or why it went nowhere.
    pub fn write_rescue(&self, dirs: &[PathBuf]) -> Result<PathBuf, String> {
        let text = file::to_ron(&self.session).map_err(|e| e.to_string())?;
        let name = format!(
            "{}{}-{}.ron",
            rescue_prefix(&self.path),
            chrono::Local::now().format("%Y%m%d-%H%M%S"),
            std::process::id()
        );
        let mut failures = Vec::new();
        for dir in dirs {
            let target = dir.join(&name);
            match file::write_new(&target, text.as_bytes()) {
                Ok(()) => return Ok(target),
                Err(e) => failures.push(format!("{}: {e}", dir.display())),
            }
        }
        Err(failures.join("; "))
    }

    /// Looks, at each tick, for what another program did to the session's
    /// files since the last change: a journal removed or replaced gets a
    /// new one with every change the file lacks; a session file removed
    /// (or moved away) is written again, in the background. Otherwise a
    /// crash before the next change would lose them. Returns what it did.
    pub fn watch(&mut self) -> Option<&'static str> {
        let writer = self.writer.as_mut()?;
        if !writer.journal.is_in_place() && !writer.unsaved.is_empty() {
            return self.replace_journal().ok();
        }
        // Not again after a save failed (a directory gone too): autosave
        // and quitting try again, and say why.
        if writer.saving.is_none() && writer.last_error.is_none() && self.file_gone() {
            return self.start_save().ok().map(|_| "the session file was removed or moved away by another program: it is written again");
        }
        None
    }

    /// Whether the file must be written: changes it does not have yet, or
    /// another program removed it (or moved it away) since it was written.
    pub fn needs_saving(&self) -> bool {
        self.has_unsaved_changes() || (self.writer.is_some() && self.file_gone())
    }

    /// Whether there are changes the file does not have yet.
    pub fn has_unsaved_changes(&self) -> bool {
        self.writer
            .as_ref()
            .is_some_and(|w| w.saved_seq != self.session.journal_seq)
    }

    /// Saves (if anything changed) and closes: the journal file and the
    /// lock are removed. Opening and closing without a change leaves the
    /// file untouched.
    pub fn close(mut self) -> Result<(), SaveError> {
        let Some(writer) = self.writer.as_mut() else {
            return Ok(());
        };
        // A save being written ends first; then whatever it lacks is saved.
        writer.save_queued = false;
        self.join_save();
        if self.needs_saving() {
            self.save_now(false)?;
        }
        if let Some(writer) = self.writer.take() {
            let _ = std::fs::remove_file(writer.journal.path());
        }
        Ok(())
    }
}

impl Writer {
    /// A new journal where another program removed or replaced the old
    /// one, holding every change the file lacks (and so whatever the old
    /// one held that matters): at once, on this thread, where saving the
    /// whole file instead took 0.6 s at 100,000 entries. False if it could
    /// not be started or written.
    fn journal_again(&mut self) -> bool {
        // Only with every change since the file was written: not after a
        // recovery whose save failed (a full disk), which kept its records
        // in the journal that is gone. Then the whole file is saved.
        let follows = self.unsaved.first().map(|r| r.seq) == Some(self.saved_seq + 1);
        if !follows {
            return false;
        }
        self.restart_journal();
        if !self.journal.is_in_place() || self.journal.append(&self.unsaved).is_err() {
            return false;
        }
        self.pending.clear();
        self.last_error = None;
        true
    }

    /// A new journal where the old one was removed or replaced; a file
    /// found at its name is kept aside, not emptied.
    fn restart_journal(&mut self) {
        let path = self.journal.path().to_path_buf();
        if path.symlink_metadata().is_ok() {
            let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
            let aside = super::sidecar(&path, &format!("replaced-{stamp}-{}", std::process::id()));
            let _ = std::fs::rename(&path, aside);
        }
        if let Ok(journal) = Journal::open(&path) {
            self.journal = journal;
        }
    }

    fn new(journal: Journal, stamp: Option<DiskStamp>, saved_seq: u64, lock: Lock) -> Writer {
        Writer {
            journal,
            pending: Vec::new(),
            unsaved: Vec::new(),
            last_error: None,
            stamp,
            saved_seq,
            lock: Arc::new(Mutex::new(lock)),
            saving: None,
            save_queued: false,
            ready: None,
        }
    }

    /// Refuses to overwrite a file another program changed.
    fn check_stamp(&mut self, path: &Path) -> Result<(), SaveError> {
        if file::changed_on_disk(path, self.stamp) {
            let err = SaveError::ChangedOnDisk {
                path: path.to_path_buf(),
            };
            self.last_error = Some(err.to_string());
            return Err(err);
        }
        Ok(())
    }

    fn flush(&mut self) -> bool {
        if self.pending.is_empty() {
            return true;
        }
        match self.journal.append(&self.pending) {
            Ok(()) => {
                self.pending.clear();
                self.last_error = None;
                true
            }
            Err(e) => {
                self.last_error = Some(format!(
                    "could not write the journal {}: {e}; {} change(s) not on disk yet, retrying",
                    self.journal.path().display(),
                    self.pending.len()
                ));
                false
            }
        }
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        // A snapshot still being written must be in place before the lock
        // goes: else another process could open the session, save it, and
        // then see its file replaced by this older one. (A process killed
        // takes the thread with it: its file is the old one, or the new.)
        if let Some(saving) = self.saving.take() {
            let _ = saving.thread.join();
        }
    }
}

/// What the thread writing a save does: the snapshot saved (see
/// [`file::save`]), and the new file locked.
fn write_snapshot(
    path: &Path,
    snapshot: Session,
    lock: &Mutex<Lock>,
    expected: Option<DiskStamp>,
) -> Result<Option<DiskStamp>, SaveError> {
    // A bug while writing is reported as a failed save, the lock kept.
    let saved = panic::catch_unwind(AssertUnwindSafe(|| {
        file::save_unless_changed(path, &snapshot, expected)
    }));
    let result = saved.unwrap_or_else(|_| Err(thread_failed(path)));
    if result.is_ok() {
        // Here rather than when the result is applied: letting go of the
        // old file, which has no name any more, frees its blocks (6 to 12
        // ms at 100,000 entries).
        lock_new_file(lock, path);
    }
    // The snapshot is dropped here too, not on the UI thread.
    drop(snapshot);
    result
}

/// The save put a new file in place: lock that one now. Nobody else can
/// have it yet (it had no other name), so this cannot fail but for I/O,
/// and then the lock file still guards this path.
fn lock_new_file(lock: &Mutex<Lock>, path: &Path) {
    let mut lock = lock.lock().unwrap_or_else(PoisonError::into_inner);
    let _ = lock.lock_session_file(path);
}

fn thread_failed(path: &Path) -> SaveError {
    SaveError::Io {
        path: path.to_path_buf(),
        source: io::Error::other("the thread writing it stopped on a bug in minutes"),
    }
}

fn is_disk_full(err: &SaveError) -> bool {
    matches!(err, SaveError::Io { source, .. } if source.kind() == io::ErrorKind::StorageFull)
}

/// What `minutes list` shows of a session, as opening it read-only would:
/// its [`Summary`](file::Summary), and what recovery has to say. Read from
/// the file's header alone when no journal is beside it (the usual case: a
/// journal exists only while the session is open, or after a crash); else
/// the session is opened, its journal replayed, to count what it holds.
pub fn summarise(path: &Path) -> Result<(file::Summary, Option<String>), OpenError> {
    let real = resolve(path)?;
    match super::journal_path(&real).symlink_metadata() {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok((file::summary(&real)?, None)),
        _ => {
            let open = OpenSession::open(path, Mode::ReadOnly)?;
            let note = open.recovery().message();
            Ok((file::Summary::of(open.session()), note))
        }
    }
}

/// The real path of a session: symbolic links resolved, so that the lock,
/// the journal and the saved file all belong to the file itself. A path
/// that does not exist yet resolves its directory.
fn resolve(path: &Path) -> Result<PathBuf, OpenError> {
    let io_err = |source| OpenError::Io {
        path: path.to_path_buf(),
        source,
    };
    match std::fs::canonicalize(path) {
        Ok(real) => Ok(real),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if path.symlink_metadata().is_ok() {
                return Err(io_err(io::Error::other(
                    "a symbolic link to a file that does not exist",
                )));
            }
            let name = path.file_name().ok_or_else(|| {
                io_err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "not a file name",
                ))
            })?;
            let dir = std::fs::canonicalize(file::dir_of(path)).map_err(io_err)?;
            Ok(dir.join(name))
        }
        Err(e) => Err(io_err(e)),
    }
}

/// Keeps the journal as found, `NAME.ron.journal.20261125-141233-1`, made
/// durable before anything empties the original.
fn keep_copy(journal_path: &Path, bytes: &[u8]) -> Result<PathBuf, OpenError> {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let mut n = 1;
    loop {
        let kept = super::sidecar(journal_path, &format!("{stamp}-{n}"));
        match file::write_new(&kept, bytes) {
            Ok(()) => return Ok(kept),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 1000 => n += 1,
            Err(source) => return Err(OpenError::Io { path: kept, source }),
        }
    }
}

/// Removes the temporary files of saves interrupted by a crash. Only
/// called with the lock held, so no save of this session is under way.
fn remove_stale_temps(path: &Path) -> (usize, u64) {
    let mut removed = (0, 0);
    for (temp, size) in file::stale_temp_files(path) {
        if std::fs::remove_file(&temp).is_ok() {
            removed.0 += 1;
            removed.1 += size;
        }
    }
    removed
}

/// Where a rescue copy may go, in order: beside the session, the data
/// directory, the temporary directory, and memory-backed `/dev/shm`
/// (which survives the process, though not a reboot).
pub fn rescue_dirs(session: &Path, data_dir: Option<&Path>) -> Vec<PathBuf> {
    let mut dirs = vec![file::dir_of(session).to_path_buf()];
    dirs.extend(data_dir.map(Path::to_path_buf));
    dirs.push(std::env::temp_dir());
    dirs.push(PathBuf::from("/dev/shm"));
    let mut unique = Vec::new();
    for dir in dirs {
        if !unique.contains(&dir) {
            unique.push(dir);
        }
    }
    unique
}

/// The start of a rescue copy's name: `NAME.1a2b3c4d.rescue-`, where the
/// hex is a checksum of the session's real path, so that copies in shared
/// places (`$TMPDIR`, `/dev/shm`) are found for this session only; the
/// rest is `DATE-TIME-PID.ron`.
fn rescue_prefix(path: &Path) -> String {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let id = crc32c::crc32c(path.as_os_str().as_encoded_bytes());
    format!("{stem}.{id:08x}.rescue-")
}

/// Rescue copies of the session at `path` in the places minutes writes
/// them (but the data directory, which only the command line knows).
fn find_rescue_copies(path: &Path) -> Vec<PathBuf> {
    let prefix = rescue_prefix(path);
    let mut found = Vec::new();
    for dir in rescue_dirs(path, None) {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(&prefix) && name.ends_with(".ron") {
                found.push(entry.path());
            }
        }
    }
    found.sort();
    found
}
