//! One writer per session: `NAME.ron.lock`, held with an OS file lock.
//!
//! The OS releases the lock when its process dies, however it dies, so a
//! lock file left behind by a crash is simply taken over by the next open.
//! The file holds who has it, for the message shown to the second opener.

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use thiserror::Error;

#[derive(Debug, Error)]
pub enum LockError {
    /// Another live process has the session open.
    #[error("{} is already open in another minutes ({holder})", path.display())]
    Held { path: PathBuf, holder: String },
    #[error("could not lock {}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
}

/// Held while a session is open for writing; released (and the lock file
/// removed) on drop.
///
/// Two locks make one writer per file whatever path reaches it: the lock
/// file beside the session's real path (callers resolve symbolic links
/// first), and an OS lock on the session file itself, which a second name
/// for the same file (a hard link) runs into.
#[derive(Debug)]
pub struct Lock {
    file: File,
    path: PathBuf,
    /// The session file, locked; `None` until it exists.
    session: Option<File>,
}

impl Lock {
    /// Takes the lock for the session at `session_path`.
    pub fn acquire(session_path: &Path) -> Result<Lock, LockError> {
        let path = super::lock_path(session_path);
        let io_err = |source| LockError::Io {
            path: path.clone(),
            source,
        };
        loop {
            let (mut file, _) = super::file::open_sidecar(&path, true).map_err(io_err)?;
            match try_lock_briefly(&file) {
                Ok(()) => {}
                Err(std::fs::TryLockError::WouldBlock) => {
                    let mut holder = String::new();
                    let _ = file.read_to_string(&mut holder);
                    let holder = holder.trim();
                    let holder = if holder.is_empty() {
                        "another process"
                    } else {
                        holder
                    };
                    return Err(LockError::Held {
                        path: session_path.to_path_buf(),
                        holder: holder.to_string(),
                    });
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(io_err(e)),
            }
            // The previous holder may have removed the file between our open
            // and our lock; then we hold a lock on a file nobody else sees.
            if !same_file(&file, &path) {
                continue;
            }
            let holder = format!(
                "pid {} on {}, since {}",
                std::process::id(),
                hostname(),
                chrono::Local::now().format("%Y-%m-%d %H:%M")
            );
            // Who holds it is for the message a second opener gets; on a
            // full disk it may not be written, and the lock holds anyway.
            let _ = file
                .set_len(0)
                .and_then(|()| file.write_all(holder.as_bytes()));
            let mut lock = Lock {
                file,
                path,
                session: None,
            };
            lock.lock_session_file(session_path)?;
            return Ok(lock);
        }
    }

    /// Locks the session file itself (after each save, which replaces it).
    /// Refused when another process holds it under another name.
    pub fn lock_session_file(&mut self, session_path: &Path) -> Result<(), LockError> {
        let file = match File::open(session_path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(source) => {
                return Err(LockError::Io {
                    path: session_path.to_path_buf(),
                    source,
                });
            }
        };
        match try_lock_briefly(&file) {
            Ok(()) => {
                self.session = Some(file);
                Ok(())
            }
            Err(std::fs::TryLockError::WouldBlock) => Err(LockError::Held {
                path: session_path.to_path_buf(),
                holder: "under another name: a hard link to the same file".into(),
            }),
            Err(std::fs::TryLockError::Error(source)) => Err(LockError::Io {
                path: session_path.to_path_buf(),
                source,
            }),
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still held, so no one can lock the old file meanwhile
        // (see the check in `acquire`).
        let _ = std::fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &File, path: &Path) -> bool {
    path.exists()
}

fn hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .map(|h| h.trim().to_string())
        .ok()
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "this machine".into())
}

/// `try_lock`, asked again for a moment when refused: a lock that was just
/// released can still be held for an instant by a copy of its descriptor
/// in a child process between its fork and its exec. A real holder holds
/// it far longer than this.
fn try_lock_briefly(file: &File) -> Result<(), std::fs::TryLockError> {
    let mut tries = 0;
    loop {
        match file.try_lock() {
            Err(std::fs::TryLockError::WouldBlock) if tries < 10 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => return other,
        }
    }
}
