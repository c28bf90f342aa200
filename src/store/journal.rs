//! The journal: an append-only sidecar file (`NAME.ron.journal`) holding, one
//! line each, the changes made since the session file was last saved.
//!
//! A line is a CRC-32C checksum (8 hex digits), a space, and a [`Record`] in
//! compact RON: `3f2a9c01 (seq:12,change:Entry(...))`. Appending one costs
//! one `write` and one `fdatasync` of that line alone, whatever the size of
//! the session. Sequence numbers keep growing across saves and follow each
//! other without a gap; the session file stores the last one it contains
//! (`journal_seq`), so records already in the file are skipped on replay,
//! even if a crash came between saving the file and emptying the journal.
//!
//! Replay ([`recover`]) tells apart what a crash can do from what damage
//! does. A crash can only cut the last write short: a half line at the end,
//! never acknowledged, is dropped. Anything else that does not read back
//! (a checksum that does not match, a gap in the numbers, zeros) is damage:
//! replay stops there and says how many later records it did not apply.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::file::ron_options;
use crate::model::{Change, Session};

/// The largest sequence number a journal or a session may hold. Far above
/// what any session reaches (a change a millisecond for 280 years), far
/// enough below `u64::MAX` that counting on can never wrap.
pub const MAX_SEQ: u64 = 1 << 53;

/// Space set aside for the journal ahead of use, so that changes typed
/// after the disk fills still reach it: about 10,000 typical records.
pub const RESERVE: u64 = 4 << 20;

/// The smallest reservation worth asking for when the disk is nearly full.
const MIN_RESERVE: u64 = 16 << 10;

/// One journalled change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub seq: u64,
    pub change: Change,
}

/// The journal's text for one record: checksum, space, RON, newline.
pub fn encode(record: &Record) -> Result<String, ron::Error> {
    let ron = ron_options().to_string(record)?;
    debug_assert!(!ron.contains('\n'));
    Ok(format!("{:08x} {ron}\n", crc32c::crc32c(ron.as_bytes())))
}

/// What a line of the journal holds.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Line {
    Record(Record),
    /// Why it could not be read.
    Bad(&'static str),
}

fn decode(line: &[u8], legacy: bool) -> Line {
    let Some((sum, ron)) = split_checksum(line) else {
        if legacy && line.first() == Some(&b'(') {
            // Written before records had checksums: read, unchecked.
            return parse_record(line);
        }
        return Line::Bad(if line.contains(&0) {
            "zeros where a record should be"
        } else {
            "not a journal record"
        });
    };
    if crc32c::crc32c(ron) != sum {
        return Line::Bad("its checksum does not match");
    }
    parse_record(ron)
}

fn parse_record(ron: &[u8]) -> Line {
    let record = std::str::from_utf8(ron)
        .ok()
        .and_then(|text| ron_options().from_str::<Record>(text).ok());
    match record {
        Some(r) if r.seq > 0 && r.seq <= MAX_SEQ => Line::Record(r),
        Some(_) => Line::Bad("its sequence number is out of range"),
        None => Line::Bad("it is not a change this build can read"),
    }
}

/// `xxxxxxxx <ron>` -> (checksum, ron).
fn split_checksum(line: &[u8]) -> Option<(u32, &[u8])> {
    if line.len() < 10 || line[8] != b' ' || !line[..8].iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    let sum = u32::from_str_radix(std::str::from_utf8(&line[..8]).ok()?, 16).ok()?;
    Some((sum, &line[9..]))
}

/// The last piece of a journal, which has no newline. A record whose
/// newline alone was lost (or damaged) is whole: it is read as such.
fn decode_tail(tail: &[u8]) -> Line {
    match decode(tail, false) {
        Line::Bad(why) => match tail.split_last() {
            Some((_, record)) if matches!(decode(record, false), Line::Record(_)) => {
                decode(record, false)
            }
            _ => Line::Bad(why),
        },
        record => record,
    }
}

/// Where and how a journal is damaged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damage {
    /// 1-based line of the journal where reading stopped.
    pub line: usize,
    /// What is wrong there, as a phrase: "its checksum does not match".
    pub what: String,
    /// Records after the damage that are intact but were not applied,
    /// because a change before them is missing or could not be applied.
    pub not_applied: usize,
    /// Lines after the damage that could not be read either.
    pub unreadable_after: usize,
    /// Bytes from the damage to the end of the journal.
    pub bytes: u64,
}

/// What replaying a journal did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Replay {
    /// Changes applied (made after the file was last saved).
    pub applied: usize,
    /// The last line was cut short by a crash during its write: it was
    /// never acknowledged, so dropping it loses nothing that was shown.
    pub torn_tail: bool,
    /// Unreadable lines that hid no change: the records around them follow
    /// each other without a gap (left by a write that failed and was retried).
    pub leftovers: Vec<usize>,
    /// Damage that stopped the replay.
    pub damage: Option<Damage>,
    /// Set when an intact record would have made the session inconsistent:
    /// replay stopped before it; the sentence says why.
    pub inconsistent: Option<String>,
    /// The highest sequence number of any intact record, applied or not:
    /// numbers up to it must not be given to new changes, or a kept copy of
    /// a damaged journal could no longer be told apart from them.
    pub highest_seq: u64,
}

impl Replay {
    /// Whether anything in the journal was not applied or not readable.
    pub fn is_damaged(&self) -> bool {
        self.damage.is_some() || self.inconsistent.is_some() || !self.leftovers.is_empty()
    }
}

/// The journal read into lines, without applying anything.
struct Parsed {
    /// (1-based line, what it holds), complete lines only.
    lines: Vec<(usize, Line, u64)>,
    /// The last piece when it has no newline: its line, bytes and offset.
    tail: Option<(usize, Vec<u8>, u64)>,
    /// The journal's length in bytes.
    len: u64,
}

fn parse(bytes: &[u8]) -> Parsed {
    let mut pieces: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    // After a final newline `split` yields an empty piece: no line.
    let tail = pieces.pop().filter(|t| !t.is_empty());
    let legacy = !pieces.iter().any(|l| split_checksum(l).is_some());
    let mut offset = 0u64;
    let mut lines = Vec::with_capacity(pieces.len());
    for (i, piece) in pieces.iter().enumerate() {
        lines.push((i + 1, decode(piece, legacy), offset));
        offset += piece.len() as u64 + 1;
    }
    Parsed {
        tail: tail.map(|t| (lines.len() + 1, t.to_vec(), offset)),
        lines,
        len: bytes.len() as u64,
    }
}

/// Replays the journal `bytes` onto `saved` (the session as loaded from its
/// file) and returns the recovered session with what happened.
///
/// The result always passes the session's consistency check if `saved`
/// did: replay stops before any record that would break it.
pub fn recover(saved: Session, bytes: &[u8]) -> (Session, Replay) {
    if bytes.is_empty() {
        return (saved, Replay::default());
    }
    let parsed = parse(bytes);
    let mut session = saved.clone();
    let mut replay = apply(&parsed, &mut session, false);
    if replay.applied > 0 && !session.problems().is_empty() {
        // An intact record broke the session: find the last good state.
        session = saved;
        replay = apply(&parsed, &mut session, true);
    }
    if replay.is_damaged() {
        // The numbers of the records left unapplied are used up: new
        // changes must not take them, and replaying this journal again
        // onto what was recovered must add nothing.
        session.journal_seq = session.journal_seq.max(replay.highest_seq);
    }
    (session, replay)
}

fn apply(parsed: &Parsed, session: &mut Session, check_each: bool) -> Replay {
    let tail = parsed.tail.as_ref().map(|(_, bytes, _)| decode_tail(bytes));
    let mut replay = Replay {
        highest_seq: parsed
            .lines
            .iter()
            .map(|(_, content, _)| content)
            .chain(tail.as_ref())
            .filter_map(|content| match content {
                Line::Record(r) => Some(r.seq),
                Line::Bad(_) => None,
            })
            .max()
            .unwrap_or(0),
        ..Replay::default()
    };
    let mut expected = session.journal_seq.saturating_add(1);
    // The first unreadable line since the last good record: harmless if the
    // next record follows on, damage otherwise.
    let mut unreadable: Option<(usize, &'static str, u64)> = None;
    let mut stop: Option<(usize, String, u64)> = None;

    for (line, content, offset) in &parsed.lines {
        let record = match content {
            Line::Bad(why) => {
                unreadable.get_or_insert((*line, why, *offset));
                continue;
            }
            Line::Record(r) => r,
        };
        if record.seq < expected && replay.applied == 0 && record.seq <= session.journal_seq {
            // Already in the file (the journal was not emptied after a save).
            unreadable = None;
            continue;
        }
        if record.seq != expected {
            stop = Some(match unreadable {
                Some((l, why, o)) => (l, why.to_string(), o),
                None if record.seq > expected => (
                    *line,
                    format!("change {} follows change {}", record.seq, expected - 1),
                    *offset,
                ),
                None => (
                    *line,
                    format!("change {} appears twice", record.seq),
                    *offset,
                ),
            });
            break;
        }
        if let Some((l, ..)) = unreadable.take() {
            replay.leftovers.push(l);
        }
        match apply_one(record, session, check_each) {
            Ok(()) => {
                replay.applied += 1;
                expected += 1;
            }
            Err(Refused::Change(why)) => {
                stop = Some((*line, why, *offset));
                break;
            }
            Err(Refused::Inconsistent(why)) => {
                replay.inconsistent = Some(format!("change {}: {why}", record.seq));
                stop = Some((*line, why, *offset));
                break;
            }
        }
    }

    if stop.is_none() {
        if let Some((l, why, o)) = unreadable {
            // The journal ends in lines that do not read: whatever they held
            // was written whole (a newline followed), so it may have been shown.
            stop = Some((l, why.to_string(), o));
        } else if let Some((line, tail, offset)) = &parsed.tail {
            match decode_tail(tail) {
                // Whole but for its newline: safe to apply.
                Line::Record(r) if r.seq == expected => match apply_one(&r, session, check_each) {
                    Ok(()) => replay.applied += 1,
                    Err(Refused::Change(why)) => stop = Some((*line, why, *offset)),
                    Err(Refused::Inconsistent(why)) => {
                        replay.inconsistent = Some(format!("change {}: {why}", r.seq));
                        stop = Some((*line, why, *offset));
                    }
                },
                Line::Record(r) if r.seq < expected && r.seq <= session.journal_seq => {}
                // Whole, but not the change that comes next: damage, not a
                // write cut short.
                Line::Record(r) => {
                    let what = if r.seq > expected {
                        format!("change {} follows change {}", r.seq, expected - 1)
                    } else {
                        format!("change {} appears twice", r.seq)
                    };
                    stop = Some((*line, what, *offset));
                }
                _ if tail.contains(&0) => {
                    stop = Some((*line, "zeros where records should be".into(), *offset));
                }
                _ => replay.torn_tail = true,
            }
        }
    }

    if let Some((line, what, offset)) = stop {
        let intact_after = |l: usize, content: &Line| {
            l >= line && matches!(content, Line::Record(r) if r.seq >= expected)
        };
        let mut not_applied = parsed
            .lines
            .iter()
            .filter(|(l, content, _)| intact_after(*l, content))
            .count();
        if let Some((l, tail, _)) = &parsed.tail {
            not_applied += usize::from(intact_after(*l, &decode_tail(tail)));
        }
        let unreadable_after = parsed
            .lines
            .iter()
            .filter(|(l, content, _)| *l > line && matches!(content, Line::Bad(_)))
            .count();
        replay.damage = Some(Damage {
            line,
            what,
            not_applied,
            unreadable_after,
            bytes: parsed.len.saturating_sub(offset),
        });
    }
    replay
}

enum Refused {
    /// The change does not apply (a key it names is missing or doubled).
    Change(String),
    /// It applies, but leaves the session inconsistent.
    Inconsistent(String),
}

fn apply_one(record: &Record, session: &mut Session, check_each: bool) -> Result<(), Refused> {
    let inverse =
        record.change.clone().apply(session).map_err(|e| {
            Refused::Change(format!("change {} cannot be applied: {e}", record.seq))
        })?;
    if check_each {
        let problems = session.problems();
        if let Some(first) = problems.first() {
            // Inverses of changes just applied always apply.
            let _ = inverse.apply(session);
            return Err(Refused::Inconsistent(format!(
                "it would make the session inconsistent ({})",
                first.0
            )));
        }
    }
    session.journal_seq = record.seq;
    Ok(())
}

/// The operations the journal needs from its file: a seam for tests that
/// simulate a crash or a power loss by dropping what was not synced.
pub trait JournalFile: std::fmt::Debug + Send {
    /// Appends at the end of the file.
    fn append(&mut self, bytes: &[u8]) -> io::Result<()>;
    /// Makes what was appended durable (fdatasync).
    fn sync_data(&mut self) -> io::Result<()>;
    /// Cuts the file to `len` bytes and makes that durable.
    fn truncate(&mut self, len: u64) -> io::Result<()>;
    /// Sets disk space aside for the file to grow to `len` bytes without
    /// changing its size. May do nothing where the filesystem cannot.
    fn reserve(&mut self, len: u64) -> io::Result<()>;
    /// Gives back the space set aside beyond the file's first `len` bytes.
    fn release(&mut self, _len: u64) -> io::Result<()> {
        Ok(())
    }
    /// Whether `path` still names this file (another program may have
    /// removed or replaced it); true where it cannot be known.
    fn is_at(&self, _path: &Path) -> bool {
        true
    }
    /// Free space on the file's disk, where it can be known.
    fn free_space(&self) -> Option<u64> {
        None
    }
}

impl JournalFile for File {
    fn append(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.write_all(bytes)
    }

    fn sync_data(&mut self) -> io::Result<()> {
        File::sync_data(self)
    }

    fn truncate(&mut self, len: u64) -> io::Result<()> {
        self.set_len(len)?;
        self.sync_all()
    }

    #[cfg(target_os = "linux")]
    fn reserve(&mut self, len: u64) -> io::Result<()> {
        use std::os::fd::AsRawFd;
        let len = libc::off_t::try_from(len).map_err(io::Error::other)?;
        // KEEP_SIZE: the blocks are allocated but the file's length, and so
        // what a reader sees, does not change.
        // SAFETY: a valid open descriptor and plain integers.
        let rc = unsafe { libc::fallocate(self.as_raw_fd(), libc::FALLOC_FL_KEEP_SIZE, 0, len) };
        if rc == 0 {
            Ok(())
        } else {
            Err(io::Error::last_os_error())
        }
    }

    #[cfg(not(target_os = "linux"))]
    fn reserve(&mut self, _len: u64) -> io::Result<()> {
        Ok(())
    }

    #[cfg(target_os = "linux")]
    fn release(&mut self, len: u64) -> io::Result<()> {
        use std::os::fd::AsRawFd;
        let from = libc::off_t::try_from(len).map_err(io::Error::other)?;
        // Blocks set aside past the end stay the file's after it is closed;
        // punching them out gives them back. The length does not change.
        // SAFETY: a valid open descriptor and plain integers.
        let rc = unsafe {
            libc::fallocate(
                self.as_raw_fd(),
                libc::FALLOC_FL_PUNCH_HOLE | libc::FALLOC_FL_KEEP_SIZE,
                from,
                // Never more than this is set aside past the end.
                2 * RESERVE as libc::off_t,
            )
        };
        if rc == 0 {
            Ok(())
        } else {
            Err(io::Error::last_os_error())
        }
    }

    #[cfg(unix)]
    fn is_at(&self, path: &Path) -> bool {
        use std::os::unix::fs::MetadataExt;
        match (self.metadata(), std::fs::symlink_metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            (Ok(_), Err(_)) => false,
            _ => true,
        }
    }

    #[cfg(unix)]
    // The field types differ between platforms (u32 on some 32-bit ones).
    #[allow(clippy::useless_conversion)]
    fn free_space(&self) -> Option<u64> {
        use std::os::fd::AsRawFd;
        // SAFETY: a zeroed statvfs is valid, and the descriptor is open.
        let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
        let rc = unsafe { libc::fstatvfs(self.as_raw_fd(), &mut st) };
        (rc == 0).then(|| u64::from(st.f_bavail) * u64::from(st.f_frsize))
    }
}

/// An open journal, ready to append to.
#[derive(Debug)]
pub struct Journal {
    file: Box<dyn JournalFile>,
    path: PathBuf,
    len: u64,
    /// Up to where disk space is set aside (see [`RESERVE`]).
    reserved: u64,
}

impl Journal {
    /// Opens the journal at `path` for appending, creating it (mode 0600)
    /// if needed. A journal that is a symbolic link, not a regular file, or
    /// has other hard links is refused: writing it would write elsewhere.
    pub fn open(path: &Path) -> io::Result<Journal> {
        let (file, created) = super::file::open_sidecar(path, true)?;
        if created {
            // The new name must survive a power loss too.
            super::file::sync_dir(super::file::dir_of(path))?;
        }
        let len = file.metadata()?.len();
        Ok(Journal::with_file(Box::new(file), path, len))
    }

    /// A journal on any [`JournalFile`] already `len` bytes long.
    pub fn with_file(file: Box<dyn JournalFile>, path: &Path, len: u64) -> Journal {
        let mut journal = Journal {
            file,
            path: path.to_path_buf(),
            len,
            reserved: len,
        };
        // Space a process that died had set aside is still the file's.
        let _ = journal.file.release(len);
        journal.reserve_ahead();
        journal
    }

    /// Gives back the space set aside ahead of the journal, for a save
    /// that needs it on a full disk, or when the program ends.
    pub fn release_reserve(&mut self) {
        if self.file.release(self.len).is_ok() {
            self.reserved = self.len;
        }
    }

    /// Tops the space set aside up again (after `release_reserve`).
    pub fn reserve_again(&mut self) {
        self.reserve_ahead();
    }

    /// Whether the journal's name still leads to this open file: another
    /// program may have removed or replaced it, and then what is appended
    /// here would be lost.
    pub fn is_in_place(&self) -> bool {
        self.file.is_at(&self.path)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Bytes set aside beyond the journal's end.
    pub fn reserve_left(&self) -> u64 {
        self.reserved.saturating_sub(self.len)
    }

    /// Keeps at least half of [`RESERVE`] set aside ahead of the end. When
    /// the disk has less, takes at most half of what is free, so that the
    /// next save of the whole file still fits; never fails.
    fn reserve_ahead(&mut self) {
        if self.reserve_left() >= RESERVE / 2 {
            return;
        }
        let mut want = RESERVE;
        if let Some(free) = self.file.free_space() {
            want = want.min(free / 2);
        }
        while want >= MIN_RESERVE {
            match self.file.reserve(self.len + want) {
                Ok(()) => {
                    self.reserved = self.len + want;
                    return;
                }
                Err(e) if e.kind() == io::ErrorKind::StorageFull => want /= 2,
                Err(_) => return, // not supported here: nothing to gain
            }
        }
    }

    /// Appends the records and waits until they are on disk. On failure
    /// (disk full, I/O error) the journal is cut back to where it was, so a
    /// half-written line never sits in front of later ones.
    pub fn append(&mut self, records: &[Record]) -> io::Result<()> {
        let mut buf = String::new();
        for record in records {
            buf.push_str(&encode(record).map_err(io::Error::other)?);
        }
        let result = self
            .file
            .append(buf.as_bytes())
            .and_then(|()| self.file.sync_data());
        match result {
            Ok(()) => {
                self.len += buf.len() as u64;
                self.reserved = self.reserved.max(self.len);
                self.reserve_ahead();
                Ok(())
            }
            Err(e) => {
                let _ = self.file.truncate(self.len);
                Err(e)
            }
        }
    }

    /// Empties the journal once its records are safely in the session file.
    pub fn clear(&mut self) -> io::Result<()> {
        self.file.truncate(0)?;
        self.len = 0;
        self.reserved = 0;
        self.reserve_ahead();
        Ok(())
    }
}

impl Drop for Journal {
    fn drop(&mut self) {
        // Space set aside stays the file's after it is closed: give it back.
        let _ = self.file.release(self.len);
    }
}

/// Reads a journal; a missing file is an empty journal. A journal that is
/// a symbolic link, not a regular file, or larger than a session may be,
/// is refused.
pub fn read(path: &Path) -> io::Result<Vec<u8>> {
    use std::io::Read;
    match super::file::open_sidecar(path, false) {
        Ok((file, _)) => {
            let size = file.metadata()?.len();
            if size > super::file::MAX_FILE_SIZE {
                return Err(io::Error::other(format!(
                    "the journal is {size} bytes, more than the {} MiB a journal may hold; it is not one minutes wrote: move it aside",
                    super::file::MAX_FILE_SIZE >> 20
                )));
            }
            let mut bytes = Vec::with_capacity(size as usize);
            file.take(super::file::MAX_FILE_SIZE + 1)
                .read_to_end(&mut bytes)?;
            Ok(bytes)
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(e),
    }
}
