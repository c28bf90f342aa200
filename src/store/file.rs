//! Reading and writing whole session files.

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use ron::extensions::Extensions;
use serde::Deserialize;
use thiserror::Error;

use super::journal::MAX_SEQ;
use super::locate::{self, Step};
use crate::model::{FORMAT_VERSION, Place, Problem, Session, Timestamp};

/// Larger files are refused rather than read: a two-day conference with
/// thousands of entries is a few MiB, so this is far from any real session.
pub const MAX_FILE_SIZE: u64 = 256 * 1024 * 1024;

/// How RON is read everywhere: `Some(..)` may be left out, and ron's
/// recursion limit stays on so that deeply nested input cannot overflow the stack.
pub(crate) fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// The session as the pretty, diffable text saved in files.
pub fn to_ron(session: &Session) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new().extensions(Extensions::IMPLICIT_SOME);
    let mut text = ron::Options::default().to_string_pretty(session, config)?;
    text.push('\n');
    Ok(text)
}

/// Why a session file could not be read. Every variant names the file; a
/// syntax error also gives its line and column.
#[derive(Debug, Error)]
pub enum LoadError {
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error("{}: the file is {size} bytes, more than the {} MiB a session may hold", path.display(), MAX_FILE_SIZE >> 20)]
    TooLarge { path: PathBuf, size: u64 },
    #[error("{}: the file is empty; expected a minutes session, `(version: {FORMAT_VERSION}, title: \"…\", …)`", path.display())]
    Empty { path: PathBuf },
    #[error("{}:{line}:{col}: not a text file ({what}); expected a minutes session in RON", path.display())]
    NotText {
        path: PathBuf,
        line: usize,
        col: usize,
        what: &'static str,
    },
    #[error("{}:{line}:{col}: {message}", path.display())]
    Syntax {
        path: PathBuf,
        line: usize,
        col: usize,
        message: String,
    },
    #[error("{}{}: {}", path.display(), at_suffix(*at), version_message(*found))]
    Version {
        path: PathBuf,
        found: Option<u32>,
        /// Line and column of the `version` field, when it has one.
        at: Option<(usize, usize)>,
    },
    #[error("{}{}: {}", path.display(), at_suffix(*at), problem_list(problems))]
    Inconsistent {
        path: PathBuf,
        problems: Vec<Problem>,
        /// Line and column of the item the first problem is about.
        at: Option<(usize, usize)>,
    },
}

fn at_suffix(at: Option<(usize, usize)>) -> String {
    at.map_or_else(String::new, |(line, col)| format!(":{line}:{col}"))
}

fn version_message(found: Option<u32>) -> String {
    match found {
        None => {
            format!("no `version` field; expected `version: {FORMAT_VERSION}` as the first field")
        }
        Some(v) if v > FORMAT_VERSION => format!(
            "written in format version {v} by a newer minutes; this build reads version {FORMAT_VERSION}: upgrade minutes"
        ),
        Some(v) => format!("format version {v} is unknown; expected version {FORMAT_VERSION}"),
    }
}

fn problem_list(problems: &[Problem]) -> String {
    let mut out = String::from("the session is inconsistent: ");
    for (i, p) in problems.iter().enumerate().take(5) {
        if i > 0 {
            out.push_str("; ");
        }
        out.push_str(&p.0);
    }
    if problems.len() > 5 {
        out.push_str(&format!("; and {} more", problems.len() - 5));
    }
    out
}

impl LoadError {
    pub fn path(&self) -> &Path {
        match self {
            LoadError::Io { path, .. }
            | LoadError::TooLarge { path, .. }
            | LoadError::Empty { path }
            | LoadError::NotText { path, .. }
            | LoadError::Syntax { path, .. }
            | LoadError::Version { path, .. }
            | LoadError::Inconsistent { path, .. } => path,
        }
    }
}

/// Why a session could not be saved. The file on disk is left as it was.
#[derive(Debug, Error)]
pub enum SaveError {
    #[error("could not save {}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error("could not write the session as RON: {0}")]
    Serialize(#[from] ron::Error),
    #[error("{} was changed by another program since it was opened; not overwriting it (your changes are kept in the journal)", path.display())]
    ChangedOnDisk { path: PathBuf },
    #[error("{} is open read-only", path.display())]
    ReadOnly { path: PathBuf },
    /// Never written: the file would not load again.
    #[error("not saving {}: {}; this is a bug in minutes, please report it (your changes are kept in the journal)", path.display(), problem_list(problems))]
    Inconsistent {
        path: PathBuf,
        problems: Vec<Problem>,
    },
}

/// The bytes of a session file: only of a regular file, and not too large.
fn read(path: &Path) -> Result<Vec<u8>, LoadError> {
    let io_err = |source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = fs::metadata(path).map_err(io_err)?;
    // Reading a FIFO or a terminal blocks, /dev/zero never ends: only a
    // regular file (or a symlink to one) can be a session.
    if !meta.is_file() {
        let what = if meta.is_dir() {
            "a directory"
        } else {
            "a FIFO, device or socket"
        };
        let message = format!("not a regular file but {what}; expected a minutes session file");
        return Err(io_err(io::Error::new(io::ErrorKind::InvalidInput, message)));
    }
    let size = meta.len();
    if size > MAX_FILE_SIZE {
        return Err(LoadError::TooLarge {
            path: path.to_path_buf(),
            size,
        });
    }
    fs::read(path).map_err(io_err)
}

/// Reads and checks a session file.
pub fn load(path: &Path) -> Result<Session, LoadError> {
    parse(path, &read(path)?)
}

/// The text of a session file's bytes, and whether it started with a
/// byte-order mark (left out of the text); refused if it is not text.
fn text_of<'a>(path: &Path, bytes: &'a [u8]) -> Result<(&'a str, bool), LoadError> {
    let path = path.to_path_buf();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(LoadError::Empty { path });
    }
    // A byte-order mark, as some Windows editors write: not part of the RON.
    let bom = bytes.starts_with(BOM);
    let bytes = if bom { &bytes[BOM.len()..] } else { bytes };
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let (line, col) = line_col(&bytes[..e.valid_up_to()]);
            return Err(LoadError::NotText {
                path,
                line,
                col,
                what: "invalid UTF-8",
            });
        }
    };
    if let Some(nul) = text.find('\0') {
        let (line, col) = line_col(&bytes[..nul]);
        return Err(LoadError::NotText {
            path,
            line,
            col,
            what: "a NUL byte",
        });
    }
    Ok((text, bom))
}

/// Parses the bytes of a session file; `path` is only used in errors.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Session, LoadError> {
    let (text, bom) = text_of(path, bytes)?;
    let path = path.to_path_buf();

    let syntax = |e: ron::error::SpannedError| LoadError::Syntax {
        path: path.clone(),
        line: e.span.start.line,
        // Columns count from the first character the user sees.
        col: e.span.start.col + usize::from(bom && e.span.start.line == 1),
        message: describe(&e, text),
    };
    let session: Session = match ron_options().from_str(text) {
        Ok(s) => s,
        Err(e) => {
            // A file from a newer build fails on fields this one does not
            // know; say that it is newer rather than list its fields.
            return Err(match version_of(text) {
                Ok(Some(v)) if v == FORMAT_VERSION => syntax(e),
                Ok(found) => LoadError::Version {
                    at: locate::position(text, &[Step::Field("version")]),
                    path,
                    found,
                },
                Err(_) => syntax(e),
            });
        }
    };
    if session.version != FORMAT_VERSION {
        return Err(LoadError::Version {
            at: locate::position(text, &[Step::Field("version")]),
            path,
            found: Some(session.version),
        });
    }
    if session.journal_seq > MAX_SEQ {
        let (line, col) = locate::position(text, &[Step::Field("journal_seq")]).unwrap_or((1, 1));
        return Err(LoadError::Syntax {
            path,
            line,
            col,
            message: format!(
                "`journal_seq: {}` is out of range (at most {MAX_SEQ}); the file was damaged or edited by hand: set it to the sequence number of the last change saved, or 0",
                session.journal_seq
            ),
        });
    }
    let problems = session.problems();
    if !problems.is_empty() {
        let at = problems.first().and_then(|p| {
            let place = p.1?;
            let steps = match place {
                Place::Field(name) => vec![Step::Field(name)],
                Place::Item(list, i) => vec![Step::Field(list), Step::Item(i)],
            };
            locate::position(text, &steps)
        });
        return Err(LoadError::Inconsistent { path, problems, at });
    }
    Ok(session)
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The `version` field alone, ignoring everything else in the file.
fn version_of(text: &str) -> Result<Option<u32>, ron::error::SpannedError> {
    #[derive(Deserialize)]
    struct Probe {
        #[serde(default)]
        version: Option<u32>,
    }
    ron_options().from_str::<Probe>(text).map(|p| p.version)
}

/// ron's message, with a hint for the mistakes hand edits make most.
fn describe(err: &ron::error::SpannedError, text: &str) -> String {
    const TRUNCATED: &str = "the file ends too early (truncated?)";
    match &err.code {
        ron::Error::Eof => {
            format!("{TRUNCATED}; expected the rest of the session and its closing `)`")
        }
        ron::Error::ExceededRecursionLimit => {
            "nested too deeply; a session file is never nested more than a few levels".into()
        }
        // An error on the very last characters is almost always a cut-off file.
        other if at_end(err.span.end, text) => format!("{TRUNCATED}: {other}"),
        other => other.to_string(),
    }
}

fn at_end(pos: ron::error::Position, text: &str) -> bool {
    let text = text.trim_end();
    let last_line = text.lines().count().max(1);
    let last_col = text.lines().last().map_or(0, |l| l.chars().count()) + 1;
    pos.line == last_line && pos.col + 1 >= last_col && !text.ends_with(')')
}

/// At most `limit` bytes of `reader`, or `None` if it holds more: a
/// file given by hand may be a device that never ends (`/dev/zero`).
pub fn read_at_most(reader: impl Read, limit: u64) -> io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    reader.take(limit + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// 1-based line and column (in characters) just after `prefix`.
pub fn line_col(prefix: &[u8]) -> (usize, usize) {
    let line = prefix.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = prefix
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&prefix[start..]).chars().count() + 1;
    (line, col)
}

/// Saves the session atomically, keeping the previous file as `NAME.ron.bak`.
///
/// A session that fails the consistency check is never written: it would
/// not load again, and the file it replaced (and then its `.bak`) would be lost.
pub fn save(path: &Path, session: &Session) -> Result<(), SaveError> {
    save_unless_changed(path, session, None).map(drop)
}

/// [`save`], unless another program changed the file since it was
/// `expected` (its stamp when last read or written; `None`: not checked):
/// checked once the new text is written beside it, just before it replaces
/// it, so that a change made while the session was being written out is
/// refused rather than overwritten. A file no longer there (removed or
/// moved away) is written again: nothing is there to overwrite. Returns
/// the stamp of the file written.
pub(crate) fn save_unless_changed(
    path: &Path,
    session: &Session,
    expected: Option<DiskStamp>,
) -> Result<Option<DiskStamp>, SaveError> {
    check_before_writing(path, session)?;
    let text = to_ron(session)?;
    let io = |source| SaveError::Io {
        path: path.to_path_buf(),
        source,
    };
    let tmp = write_temp(path, text.as_bytes()).map_err(io)?;
    let mut changed = false;
    put_in_place(tmp, path, true, || {
        changed = changed_on_disk(path, expected);
        !changed
    })
    .map_err(io)?;
    if changed {
        return Err(SaveError::ChangedOnDisk {
            path: path.to_path_buf(),
        });
    }
    Ok(DiskStamp::of(path))
}

/// Whether the file at `path` is not the one `expected` stamps (a file
/// removed or moved away is not a change: nothing would be overwritten).
pub(crate) fn changed_on_disk(path: &Path, expected: Option<DiskStamp>) -> bool {
    expected.is_some() && DiskStamp::of(path).is_some_and(|now| Some(now) != expected)
}

/// Refuses a session that the loader would refuse.
pub(crate) fn check_before_writing(path: &Path, session: &Session) -> Result<(), SaveError> {
    let mut problems = session.problems();
    if session.journal_seq > MAX_SEQ {
        problems.push(Problem(
            format!("journal_seq {} is out of range", session.journal_seq),
            Some(Place::Field("journal_seq")),
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(SaveError::Inconsistent {
            path: path.to_path_buf(),
            problems,
        })
    }
}

/// Replaces `path` with `bytes` so that, whatever happens, the file holds
/// either all of the old content or all of the new: write a temporary file
/// beside it, fsync it, rename it over the target, fsync the directory.
/// A new file is created with mode 0600; an existing file keeps its mode.
/// With `keep_backup`, the old content is first copied to `NAME.bak`.
pub fn write_atomic(path: &Path, bytes: &[u8], keep_backup: bool) -> io::Result<()> {
    let tmp = write_temp(path, bytes)?;
    put_in_place(tmp, path, keep_backup, || true)
}

/// The mode of a new exported document (minutes to send out): readable by
/// others, as any document the user saves. A session stays 0600.
#[cfg(unix)]
const DOCUMENT_MODE: u32 = 0o644;

/// Writes an exported document to `out`. A file (or a link to one: the
/// file it points to) is replaced atomically, so that a failed export
/// leaves the previous one whole; only with `replace`, else it is an
/// `AlreadyExists` error, as is a file that appears while the export is
/// written. Anything else that exists (`/dev/stdout`, a pipe) is written
/// into: renaming a file over it would replace the device or pipe itself
/// with a plain file. A new file is made with mode 0644.
pub fn write_document(out: &Path, bytes: &[u8], replace: bool) -> io::Result<()> {
    match fs::metadata(out) {
        Ok(meta) if meta.is_file() && !replace => Err(io::ErrorKind::AlreadyExists.into()),
        Ok(meta) if meta.is_file() => write_atomic(&fs::canonicalize(out)?, bytes, false),
        Ok(meta) if !meta.is_dir() => {
            let mut file = fs::OpenOptions::new().write(true).open(out)?;
            file.write_all(bytes)?;
            file.flush()
        }
        Err(_) => {
            let tmp = write_temp(out, bytes)?;
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                tmp.as_file()
                    .set_permissions(fs::Permissions::from_mode(DOCUMENT_MODE))?;
            }
            match replace {
                // A file that appeared meanwhile is not ours to replace.
                false => tmp.persist_noclobber(out).map_err(|e| e.error)?,
                true => tmp.persist(out).map_err(|e| e.error)?,
            };
            sync_dir(dir_of(out))
        }
        // A directory, or a link to one: not replaced by a file.
        Ok(_) => Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "it is a directory",
        )),
    }
}

/// `bytes` in a temporary file beside `path`, with its mode, synced.
fn write_temp(path: &Path, bytes: &[u8]) -> io::Result<tempfile::NamedTempFile> {
    let mut tmp = temp_file_for(path)?;
    if let Ok(meta) = fs::metadata(path) {
        tmp.as_file().set_permissions(meta.permissions())?;
    }
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

/// Renames `tmp` over `path` (after copying `path` to `NAME.bak` with
/// `keep_backup`) and makes the rename durable; unless `still` says no,
/// asked last thing before the rename (then `tmp` is removed).
fn put_in_place(
    tmp: tempfile::NamedTempFile,
    path: &Path,
    keep_backup: bool,
    still: impl FnOnce() -> bool,
) -> io::Result<()> {
    if keep_backup && path.exists() {
        let backup = super::backup_path(path);
        copy_atomic(path, &backup).map_err(|e| {
            io::Error::new(
                e.kind(),
                format!("keeping the previous version as {}: {e}", backup.display()),
            )
        })?;
    }
    if !still() {
        return Ok(());
    }
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(dir_of(path))
}

/// The directory a file is in (`.` for a bare name).
pub fn dir_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// How many random characters a temporary file's name has.
const TEMP_RAND: usize = 6;

/// A temporary file beside `path`, named after it so that one left by a
/// crash says whose it is: `.NAME.ron.Xy3k9Q.tmp`.
fn temp_file_for(path: &Path) -> io::Result<tempfile::NamedTempFile> {
    tempfile::Builder::new()
        .prefix(&format!(".{}.", file_name(path)))
        .rand_bytes(TEMP_RAND)
        .suffix(".tmp")
        .tempfile_in(dir_of(path))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

/// Temporary files of `path`'s saves left behind by a crash: exactly
/// `.NAME.` + 6 characters + `.tmp`, a pattern no other session's shares.
pub(crate) fn stale_temp_files(path: &Path) -> Vec<(PathBuf, u64)> {
    let prefix = format!(".{}.", file_name(path));
    let Ok(entries) = fs::read_dir(dir_of(path)) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_ours = name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".tmp"))
            .is_some_and(|r| r.len() == TEMP_RAND && r.chars().all(|c| c.is_ascii_alphanumeric()));
        let Ok(meta) = entry.metadata() else { continue };
        if is_ours && meta.is_file() {
            found.push((entry.path(), meta.len()));
        }
    }
    found
}

/// Opens one of a session's own files (journal, lock) without following a
/// symbolic link, and refuses anything but a regular file with one link:
/// writing a planted link would write to whatever it points at. With
/// `write`, opens for appending and creates it (mode 0600) if missing;
/// returns whether it was created.
pub(crate) fn open_sidecar(path: &Path, write: bool) -> io::Result<(File, bool)> {
    let open = |create_new: bool| {
        let mut options = fs::OpenOptions::new();
        options.read(true);
        if write {
            options.append(true).create_new(create_new);
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            // O_NONBLOCK: opening a FIFO planted here must not wait for a
            // writer for ever; it is refused below, and a regular file
            // goes back to blocking I/O.
            options
                .mode(0o600)
                .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
        }
        options.open(path)
    };
    let refuse = |why: &str| {
        io::Error::other(format!(
            "{} {why}; minutes keeps its own files beside the session as plain files: move it away and try again",
            path.display()
        ))
    };
    let (file, created) = if write {
        match open(true) {
            Ok(f) => (Ok(f), true),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => (open(false), false),
            Err(e) => (Err(e), false),
        }
    } else {
        (open(false), false)
    };
    let file = match file {
        Ok(f) => f,
        #[cfg(unix)]
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => {
            return Err(refuse("is a symbolic link"));
        }
        // A FIFO with no reader, opened for writing without blocking.
        #[cfg(unix)]
        Err(e) if e.raw_os_error() == Some(libc::ENXIO) => {
            return Err(refuse("is not a regular file"));
        }
        Err(e) => return Err(e),
    };
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(refuse("is not a regular file"));
    }
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        // SAFETY: fcntl on a descriptor we own, with plain flags.
        let flags = unsafe { libc::fcntl(file.as_raw_fd(), libc::F_GETFL) };
        if flags < 0
            || unsafe { libc::fcntl(file.as_raw_fd(), libc::F_SETFL, flags & !libc::O_NONBLOCK) }
                < 0
        {
            return Err(io::Error::last_os_error());
        }
    }
    #[cfg(unix)]
    if std::os::unix::fs::MetadataExt::nlink(&meta) > 1 {
        return Err(refuse("has other hard links"));
    }
    Ok((file, created))
}

/// Writes `bytes` to a new file `path` (never replacing one) and makes it
/// and its name durable before returning.
pub(crate) fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    let mut file = options.open(path)?;
    let written = file.write_all(bytes).and_then(|()| file.sync_all());
    if let Err(e) = written {
        drop(file);
        let _ = fs::remove_file(path);
        return Err(e);
    }
    sync_dir(dir_of(path))
}

fn copy_atomic(from: &Path, to: &Path) -> io::Result<()> {
    let dir = dir_of(to);
    let mut tmp = temp_file_for(from)?;
    let mut src = File::open(from)?;
    tmp.as_file()
        .set_permissions(src.metadata()?.permissions())?;
    io::copy(&mut src, tmp.as_file_mut())?;
    tmp.as_file().sync_all()?;
    tmp.persist(to).map_err(|e| e.error)?;
    sync_dir(dir)
}

/// Makes a rename in `dir` durable.
pub(crate) fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Size and modification time, to notice another program writing the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DiskStamp(u64, Option<std::time::SystemTime>);

impl DiskStamp {
    pub(crate) fn of(path: &Path) -> Option<DiskStamp> {
        let meta = fs::metadata(path).ok()?;
        Some(DiskStamp(meta.len(), meta.modified().ok()))
    }
}

/// What `minutes list` prints of a session file: its title, when it was
/// held and how many entries it has, read without building its roster,
/// agenda or log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub title: String,
    pub scheduled_start: Option<Timestamp>,
    pub started_at: Option<Timestamp>,
    /// How many entries the log holds.
    pub entries: usize,
}

impl Summary {
    pub(crate) fn of(session: &Session) -> Summary {
        Summary {
            title: session.title.clone(),
            scheduled_start: session.scheduled_start,
            started_at: session.started_at,
            entries: session.entries.len(),
        }
    }
}

/// Reads a session file's [`Summary`], without building its roster,
/// agenda or log: the lists are skipped over by a scanner that follows
/// only strings and brackets (and counts the log's items), and ron parses
/// what is left, the header. That is several times faster than [`load`]
/// on a long session: ron takes as long to skip a value as to build it.
///
/// A file the scan or the header parse does not accept (cut off, brackets
/// that do not match, a newer version, an unknown field, anything but the
/// plain RON minutes writes) is read by [`parse`] instead, so it is
/// refused with the very error `load` gives. What the scan does not see:
/// a mistake inside a list that keeps its brackets matched (an entry of an
/// unknown kind, an id naming no one), which `load` refuses.
pub fn summary(path: &Path) -> Result<Summary, LoadError> {
    let bytes = read(path)?;
    let (text, _) = text_of(path, &bytes)?;
    match header(text) {
        Some(summary) => Ok(summary),
        // Whatever the header does not accept, the full parse explains
        // (or, should it accept it after all, summarises).
        None => parse(path, &bytes).map(|s| Summary::of(&s)),
    }
}

/// The summary of a session's text, if its lists scan and its header
/// parses; `None` for anything `parse` would have to explain.
fn header(text: &str) -> Option<Summary> {
    use serde::de::IgnoredAny;

    /// The session's fields (all of them, so that an unknown one is
    /// refused as `Session` refuses it); the lists are empty by now.
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)] // the skipped fields are only there to be skipped
    struct Header {
        version: u32,
        title: String,
        #[serde(default)]
        series: Option<String>,
        #[serde(default)]
        theme: Option<String>,
        #[serde(default)]
        platform: Option<String>,
        #[serde(default)]
        host: Option<String>,
        #[serde(default)]
        scheduled_start: Option<Timestamp>,
        #[serde(default)]
        started_at: Option<Timestamp>,
        #[serde(default)]
        ended_at: Option<Timestamp>,
        #[serde(default)]
        organisations: IgnoredAny,
        #[serde(default)]
        attendees: IgnoredAny,
        #[serde(default)]
        chair: Option<u32>,
        #[serde(default)]
        secretary: Option<u32>,
        #[serde(default)]
        agenda: IgnoredAny,
        #[serde(default)]
        entries: Count,
        #[serde(default)]
        credits: IgnoredAny,
        #[serde(default)]
        queue: IgnoredAny,
        #[serde(default)]
        speech_limit_seconds: Option<u32>,
        #[serde(default)]
        journal_seq: u64,
    }

    /// How many items a list has (one the scan left alone), each skipped.
    #[derive(Default)]
    struct Count(usize);

    impl<'de> Deserialize<'de> for Count {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Count, D::Error> {
            struct Counter;
            impl<'de> serde::de::Visitor<'de> for Counter {
                type Value = Count;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("a list")
                }
                fn visit_seq<A: serde::de::SeqAccess<'de>>(
                    self,
                    mut seq: A,
                ) -> Result<Count, A::Error> {
                    let mut n = 0;
                    while seq.next_element::<IgnoredAny>()?.is_some() {
                        n += 1;
                    }
                    Ok(Count(n))
                }
            }
            d.deserialize_seq(Counter)
        }
    }

    let (rest, entries) = skip_lists(text)?;
    let h: Header = ron_options().from_str(&rest).ok()?;
    (h.version == FORMAT_VERSION && h.journal_seq <= MAX_SEQ).then(|| Summary {
        title: h.title,
        scheduled_start: h.scheduled_start,
        started_at: h.started_at,
        entries: entries + h.entries.0,
    })
}

/// The session's fields that hold lists, skipped for a summary.
const LISTS: [&str; 6] = [
    "organisations",
    "attendees",
    "agenda",
    "entries",
    "credits",
    "queue",
];

/// One of the session's lists, as the scanner found it.
struct ListSpan<'t> {
    name: &'t str,
    /// Where its `[` is.
    start: usize,
    /// Just after its `]`.
    end: usize,
    items: usize,
}

/// The session's lists (the fields named in [`LISTS`]), found by a scanner
/// that follows only strings and brackets. `None` for brackets that do not
/// match, a file cut off, or anything but the plain RON `minutes` writes
/// (comments, raw strings, characters): the full parse deals with those.
fn scan_lists(text: &str) -> Option<Vec<ListSpan<'_>>> {
    let b = text.as_bytes();
    let mut lists = Vec::new();
    let mut open = Vec::new();
    // After the session's `(` or a `,` in it: a field's name may follow.
    let mut at_field = false;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b'"' => {
                i = after_string(b, i)?;
                at_field = false;
                continue;
            }
            b'\'' | b'/' => return None,
            b'r' if raw_string_at(b, i) => return None,
            b'(' | b'[' | b'{' => {
                open.push(c);
                at_field = open.len() == 1 && c == b'(';
            }
            b')' | b']' | b'}' => {
                if !closes(open.pop()?, c) {
                    return None;
                }
                at_field = false;
            }
            b',' => at_field = open.len() == 1,
            c if at_field && (c.is_ascii_alphabetic() || c == b'_') => {
                at_field = false;
                let start = i;
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                    i += 1;
                }
                let name = &text[start..i];
                let mut j = skip_space(b, i);
                if b.get(j) != Some(&b':') {
                    continue;
                }
                j = skip_space(b, j + 1);
                if LISTS.contains(&name) && b.get(j) == Some(&b'[') {
                    let list = scan_list(b, j, name)?;
                    i = list.end;
                    lists.push(list);
                } else {
                    i = j;
                }
                continue;
            }
            c if c.is_ascii_whitespace() => {}
            _ => at_field = false,
        }
        i += 1;
    }
    open.is_empty().then_some(lists)
}

/// `text` with the session's lists emptied (`entries: []`), and how many
/// entries there were; `None` where [`scan_lists`] gives up.
fn skip_lists(text: &str) -> Option<(String, usize)> {
    let lists = scan_lists(text)?;
    let mut header = String::with_capacity(4096);
    let mut copied = 0;
    let mut entries = 0;
    for list in &lists {
        header.push_str(&text[copied..list.start]);
        header.push_str("[]");
        copied = list.end;
        if list.name == "entries" {
            entries += list.items;
        }
    }
    header.push_str(&text[copied..]);
    Some((header, entries))
}

/// The list that starts (with `[`) at `start`, field `name` of the session.
fn scan_list<'t>(b: &[u8], start: usize, name: &'t str) -> Option<ListSpan<'t>> {
    /// Where the scan is among the list's items.
    #[derive(PartialEq)]
    enum At {
        /// After `[` or a comma: an item, or the list's end.
        Item,
        /// In an item (a name, a number, or brackets not closed yet).
        Within,
        /// After an item that ended with a bracket or a quote: a comma,
        /// or the list's end.
        End,
    }
    let mut open = Vec::new();
    let mut items = 0;
    let mut at = At::Item;
    let mut i = start;
    loop {
        if open.len() > 1 {
            // Inside an item only strings and brackets matter: a long log
            // is mostly this, skipped a byte at a time without a branch.
            while b.get(i).is_some_and(|&c| !SPECIAL[usize::from(c)]) {
                i += 1;
            }
        }
        let c = *b.get(i)?;
        let level = open.len() == 1;
        if level && c.is_ascii_whitespace() && at == At::Within {
            // A name or a number ends at a space: another one after it is a
            // comma gone missing (`[104 152]`).
            at = At::End;
        } else if level && !c.is_ascii_whitespace() && !matches!(c, b',' | b']') {
            // Something at the list's own level that is not a comma starts
            // an item, or goes on with one; right after an item that ended
            // it is a comma gone missing. Every list but the queue holds
            // records, which minutes writes as `(…)`: anything else (a name,
            // a number, a record named `Entry(…)`) is for the full parse.
            match at {
                At::End => return None,
                At::Item if name != "queue" && c != b'(' => return None,
                At::Item => items += 1,
                At::Within => {}
            }
            at = At::Within;
        }
        match c {
            b'"' => {
                if b[i - 1] == b'r' && raw_string_at(b, i - 1) {
                    return None;
                }
                i = after_string(b, i)?;
                if level {
                    at = At::End;
                }
                continue;
            }
            // Characters, comments, raw strings (`r#"…"#`): not what
            // minutes writes; the full parse deals with them.
            b'\'' | b'/' | b'#' => return None,
            b'(' | b'[' | b'{' => open.push(c),
            b')' | b']' | b'}' => {
                if !closes(open.pop()?, c) {
                    return None;
                }
                match open.len() {
                    0 => {
                        return Some(ListSpan {
                            name,
                            start,
                            end: i + 1,
                            items,
                        });
                    }
                    1 => at = At::End,
                    _ => {}
                }
            }
            // Two commas in a row, or one first: the parse refuses it.
            b',' if level && at == At::Item => return None,
            b',' if level => at = At::Item,
            _ => {}
        }
        i += 1;
    }
}

/// The bytes [`scan_list`] stops at inside an item.
static SPECIAL: [bool; 256] = {
    let mut special = [false; 256];
    let mut k = 0;
    let stops = b"\"()[]{},'/#";
    while k < stops.len() {
        special[stops[k] as usize] = true;
        k += 1;
    }
    special
};

/// Just after the string that starts (with `"`) at `start`.
fn after_string(b: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    loop {
        i += memchr::memchr2(b'"', b'\\', b.get(i..)?)?;
        match b[i] {
            b'\\' => i += 2,
            _ => return Some(i + 1),
        }
    }
}

/// Whether a raw string (`r"…"`, `r#"…"#`) or raw identifier starts at `i`.
fn raw_string_at(b: &[u8], i: usize) -> bool {
    let after_word = i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
    !after_word && matches!(b.get(i + 1), Some(b'"' | b'#'))
}

fn skip_space(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    i
}

fn closes(open: u8, close: u8) -> bool {
    matches!((open, close), (b'(', b')') | (b'[', b']') | (b'{', b'}'))
}
