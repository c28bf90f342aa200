//! Where sessions live and how they reach the disk safely: RON load and
//! atomic save ([`file`]), the append-only [`journal`] that makes every change
//! durable before it is shown, the per-session [`lock`], and [`OpenSession`],
//! which ties them together.

pub mod file;
pub mod journal;
pub mod locate;
pub mod lock;
mod open;
pub mod paths;

pub use file::{LoadError, SaveError, load, save};
pub use open::{ApplyError, Mode, OpenError, OpenSession, Recovery, rescue_dirs, summarise};
pub use paths::Paths;

use std::path::{Path, PathBuf};

/// `NAME.ron` -> `NAME.ron.SUFFIX`, beside it.
pub(crate) fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".");
    name.push(suffix);
    path.with_file_name(name)
}

/// The previous version of a session file, kept by every save.
pub fn backup_path(path: &Path) -> PathBuf {
    sidecar(path, "bak")
}

/// The journal of changes made since the file was last saved.
pub fn journal_path(path: &Path) -> PathBuf {
    sidecar(path, "journal")
}

/// The lock file that marks a session as open for writing.
pub fn lock_path(path: &Path) -> PathBuf {
    sidecar(path, "lock")
}
