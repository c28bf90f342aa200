//! The journal: an append-only sidecar file (`NAME.ron.journal`) holding, one
//! line each, the changes made since the session file was last saved.
//!
//! Each line is a [`Record`] in compact RON: `(seq:12,change:Entry(...))`.
//! Appending one costs one `write` and one `fdatasync` of that line alone,
//! whatever the size of the session. Sequence numbers keep growing across
//! saves; the session file stores the last one it contains (`journal_seq`), so
//! records already in the file are skipped on replay, even if a crash came
//! between saving the file and emptying the journal.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::file::ron_options;
use crate::model::Change;

/// One journalled change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub seq: u64,
    pub change: Change,
}

/// What was read back from a journal.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Replay {
    pub records: Vec<Record>,
    /// The last line was cut short (a crash during its write): it was
    /// never acknowledged, so dropping it loses nothing that was shown.
    pub torn_tail: bool,
    /// Lines (1-based) other than the last that could not be read.
    pub unreadable_lines: Vec<usize>,
}

/// An open journal, ready to append to.
#[derive(Debug)]
pub struct Journal {
    file: File,
    path: PathBuf,
    len: u64,
}

impl Journal {
    /// Opens (creating, mode 0600) the journal for appending.
    pub fn open(path: &Path) -> io::Result<Journal> {
        let mut options = OpenOptions::new();
        options.create(true).append(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let file = options.open(path)?;
        let len = file.metadata()?.len();
        Ok(Journal {
            file,
            path: path.to_path_buf(),
            len,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends the records and waits until they are on disk. On failure
    /// (disk full, I/O error) the journal is cut back to where it was, so a
    /// half-written line never sits in front of later ones.
    pub fn append(&mut self, records: &[Record]) -> io::Result<()> {
        let mut buf = String::new();
        for record in records {
            let line = ron_options().to_string(record).map_err(io::Error::other)?;
            debug_assert!(!line.contains('\n'));
            buf.push_str(&line);
            buf.push('\n');
        }
        let result = self
            .file
            .write_all(buf.as_bytes())
            .and_then(|()| self.file.sync_data());
        match result {
            Ok(()) => {
                self.len += buf.len() as u64;
                Ok(())
            }
            Err(e) => {
                let _ = self.file.set_len(self.len);
                Err(e)
            }
        }
    }

    /// Empties the journal once its records are safely in the session file.
    pub fn clear(&mut self) -> io::Result<()> {
        self.file.set_len(0)?;
        self.file.sync_all()?;
        self.len = 0;
        Ok(())
    }
}

/// Reads a journal; a missing file is an empty journal.
pub fn read(path: &Path) -> io::Result<Replay> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Replay::default()),
        Err(e) => return Err(e),
    };
    Ok(parse(&bytes))
}

/// Parses journal bytes; never fails: what cannot be read is reported.
pub fn parse(bytes: &[u8]) -> Replay {
    let mut replay = Replay::default();
    let ends_cleanly = bytes.last().is_none_or(|&b| b == b'\n');
    let lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    // `split` yields an empty piece after a final newline; it is no line.
    let count = if ends_cleanly {
        lines.len().saturating_sub(1)
    } else {
        lines.len()
    };
    for (i, line) in lines.iter().take(count).enumerate() {
        let is_last = i + 1 == count;
        let record = std::str::from_utf8(line)
            .ok()
            .and_then(|text| ron_options().from_str::<Record>(text).ok());
        match record {
            Some(r) if !is_last || ends_cleanly => replay.records.push(r),
            // A last line without its newline was being written when the
            // process died: its write was never acknowledged.
            _ if is_last && !ends_cleanly => replay.torn_tail = true,
            _ if line.iter().all(u8::is_ascii_whitespace) => {}
            _ => replay.unreadable_lines.push(i + 1),
        }
    }
    replay
}
