use std::io;
use std::path::{Path, PathBuf};

use thiserror::Error;

use super::file::{self, DiskStamp, LoadError, SaveError};
use super::journal::{self, Journal, Record};
use super::lock::{Lock, LockError};
use crate::model::{Change, ChangeError, Session};

/// Whether a session is opened to be changed or only to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Locked against other writers; every change is journalled.
    ReadWrite,
    /// No lock, no writes: for reviewing or exporting while someone records.
    ReadOnly,
}

/// What opening a session recovered from its journal.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Recovery {
    /// Changes made after the last save, replayed from the journal.
    pub replayed: usize,
    /// A half-written last line (never acknowledged) was dropped.
    pub torn_tail: bool,
    /// Journal lines that could not be read or applied, with why; the
    /// journal was kept beside the session as `kept_journal`.
    pub problems: Vec<String>,
    pub kept_journal: Option<PathBuf>,
}

impl Recovery {
    /// A sentence for the user, or `None` when there was nothing to recover.
    pub fn message(&self) -> Option<String> {
        if self.replayed == 0 && !self.torn_tail && self.problems.is_empty() {
            return None;
        }
        let mut msg = format!(
            "Recovered {} change{} made after the last save",
            self.replayed,
            if self.replayed == 1 { "" } else { "s" }
        );
        if self.torn_tail {
            msg.push_str("; dropped one half-written change that was never shown");
        }
        if !self.problems.is_empty() {
            msg.push_str(&format!(
                "; {} could not be replayed ({})",
                self.problems.len(),
                self.problems.join("; ")
            ));
            if let Some(kept) = &self.kept_journal {
                msg.push_str(&format!(", journal kept as {}", kept.display()));
            }
        }
        msg.push('.');
        Some(msg)
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
}

/// A session opened from its file, with everything that keeps it safe.
///
/// All changes go through [`OpenSession::apply`], which journals them to
/// disk before returning; [`OpenSession::save`] folds them into the file.
#[derive(Debug)]
pub struct OpenSession {
    session: Session,
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
    last_error: Option<String>,
    /// The file as this process last read or wrote it.
    stamp: Option<DiskStamp>,
    /// The session's `journal_seq` when it was last loaded or saved: any
    /// other value means there are changes the file does not have.
    saved_seq: u64,
    /// Held for as long as the session is open; released on drop.
    _lock: Lock,
}

impl OpenSession {
    /// Opens the session at `path`, replaying any journal left by a crash.
    /// In read-write mode the recovered changes are saved into the file at once.
    pub fn open(path: &Path, mode: Mode) -> Result<OpenSession, OpenError> {
        let lock = match mode {
            Mode::ReadWrite => Some(Lock::acquire(path)?),
            Mode::ReadOnly => None,
        };
        let mut session = file::load(path)?;
        let stamp = DiskStamp::of(path);
        let journal_path = super::journal_path(path);
        let replay = journal::read(&journal_path).map_err(|source| OpenError::Io {
            path: journal_path.clone(),
            source,
        })?;

        let saved_seq = session.journal_seq;
        let mut recovery = Recovery {
            torn_tail: replay.torn_tail,
            ..Recovery::default()
        };
        for line in &replay.unreadable_lines {
            recovery
                .problems
                .push(format!("journal line {line} is unreadable"));
        }
        for record in replay.records {
            if record.seq <= session.journal_seq {
                continue; // already in the file
            }
            let seq = record.seq;
            match record.change.apply(&mut session) {
                Ok(_) => recovery.replayed += 1,
                Err(e) => recovery.problems.push(format!("change {seq}: {e}")),
            }
            session.journal_seq = seq;
        }

        let Some(lock) = lock else {
            return Ok(OpenSession {
                session,
                path: path.to_path_buf(),
                recovery,
                writer: None,
            });
        };
        if !recovery.problems.is_empty() {
            let kept = super::sidecar(
                path,
                &format!("journal.{}", chrono::Local::now().format("%Y%m%d-%H%M%S")),
            );
            std::fs::copy(&journal_path, &kept).map_err(|source| OpenError::Io {
                path: kept.clone(),
                source,
            })?;
            recovery.kept_journal = Some(kept);
        }
        let journal = Journal::open(&journal_path).map_err(|source| OpenError::Io {
            path: journal_path.clone(),
            source,
        })?;
        let mut open = OpenSession {
            session,
            path: path.to_path_buf(),
            recovery,
            writer: Some(Writer::new(journal, stamp, saved_seq, lock)),
        };
        if open.recovery.message().is_some() {
            open.save()?;
        }
        Ok(open)
    }

    /// Creates a new session file at `path` and opens it for writing.
    pub fn create(path: &Path, session: Session) -> Result<OpenSession, OpenError> {
        let lock = Lock::acquire(path)?;
        if path.exists() {
            return Err(OpenError::Exists(path.to_path_buf()));
        }
        file::save(path, &session)?;
        let journal_path = super::journal_path(path);
        let journal = Journal::open(&journal_path).map_err(|source| OpenError::Io {
            path: journal_path,
            source,
        })?;
        let stamp = DiskStamp::of(path);
        let saved_seq = session.journal_seq;
        Ok(OpenSession {
            session,
            path: path.to_path_buf(),
            recovery: Recovery::default(),
            writer: Some(Writer::new(journal, stamp, saved_seq, lock)),
        })
    }

    pub fn session(&self) -> &Session {
        &self.session
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
        let inverse = change.apply(&mut self.session)?;
        self.session.journal_seq = record.seq;
        writer.pending.push(record);
        writer.flush();
        Ok(inverse)
    }

    /// Retries journal writes that failed; true when nothing is left unwritten.
    pub fn flush(&mut self) -> bool {
        self.writer.as_mut().is_none_or(Writer::flush)
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
    /// and empties the journal.
    pub fn save(&mut self) -> Result<(), SaveError> {
        let path = self.path.clone();
        let writer = self
            .writer
            .as_mut()
            .ok_or(SaveError::ReadOnly { path: path.clone() })?;
        if writer.stamp.is_some() && DiskStamp::of(&path) != writer.stamp {
            let err = SaveError::ChangedOnDisk { path };
            writer.last_error = Some(err.to_string());
            return Err(err);
        }
        if let Err(err) = file::save(&path, &self.session) {
            writer.last_error = Some(err.to_string());
            return Err(err);
        }
        writer.stamp = DiskStamp::of(&path);
        writer.saved_seq = self.session.journal_seq;
        writer.pending.clear();
        writer.last_error = None;
        // Records left in the journal are all in the file now, and have
        // sequence numbers it says to skip: failing to empty it is harmless.
        let _ = writer.journal.clear();
        Ok(())
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
        if self.writer.is_none() {
            return Ok(());
        }
        if self.has_unsaved_changes() {
            self.save()?;
        }
        if let Some(writer) = self.writer.take() {
            let _ = std::fs::remove_file(writer.journal.path());
        }
        Ok(())
    }
}

impl Writer {
    fn new(journal: Journal, stamp: Option<DiskStamp>, saved_seq: u64, lock: Lock) -> Writer {
        Writer {
            journal,
            pending: Vec::new(),
            last_error: None,
            stamp,
            saved_seq,
            _lock: lock,
        }
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
