//! Where sessions and configuration live by default.

use std::path::{Path, PathBuf};

use directories::ProjectDirs;

/// The environment variable that overrides the data directory (tests use it).
pub const DATA_DIR_ENV: &str = "MINUTES_DATA_DIR";

/// The environment variable that overrides the configuration directory
/// (where the user's templates are; tests use it).
pub const CONFIG_DIR_ENV: &str = "MINUTES_CONFIG_DIR";

/// The configuration directory: [`CONFIG_DIR_ENV`] if set, else the
/// platform's (`~/.config/minutes` on Linux); `None` without a home.
pub fn config_dir() -> Option<PathBuf> {
    match std::env::var_os(CONFIG_DIR_ENV) {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => ProjectDirs::from("", "", "minutes").map(|d| d.config_dir().to_path_buf()),
    }
}

/// Where the user's export templates are: `templates` in the
/// configuration directory (`NAME.FORMAT.j2`, e.g. `minutes.md.j2`).
pub fn templates_dir() -> Option<PathBuf> {
    config_dir().map(|d| d.join("templates"))
}

/// The directories `minutes` reads and writes when no file is named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// Sessions: `~/.local/share/minutes` on Linux.
    pub data_dir: PathBuf,
    /// Configuration: `~/.config/minutes` on Linux.
    pub config_dir: PathBuf,
}

impl Paths {
    /// The platform's directories, with `data_dir` overriding the data
    /// directory. `None` when no home directory can be found and no override
    /// was given.
    pub fn new(data_dir: Option<PathBuf>) -> Option<Paths> {
        let dirs = ProjectDirs::from("", "", "minutes");
        let config_dir = match config_dir() {
            Some(d) => d,
            None => data_dir.as_ref()?.join("config"),
        };
        let data_dir = match data_dir {
            Some(d) => d,
            None => dirs?.data_dir().to_path_buf(),
        };
        Some(Paths {
            data_dir,
            config_dir,
        })
    }

    /// The session files in the data directory (`*.ron`), unsorted. A data
    /// directory that does not exist yet holds no sessions.
    pub fn session_files(&self) -> std::io::Result<Vec<PathBuf>> {
        let entries = match std::fs::read_dir(&self.data_dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(e),
        };
        let mut files = Vec::new();
        for entry in entries {
            let path = entry?.path();
            if is_session_file(&path) {
                files.push(path);
            }
        }
        Ok(files)
    }

    /// The session file that `name`, as given on the command line, stands
    /// for. `name` as a path, if anything is there (relative to the current
    /// directory; a link counts even if it leads nowhere). Otherwise, if
    /// `name` is a bare file name (no `/`), the file of that name in the
    /// data directory, `.ron` added unless it ends with it: the names
    /// `minutes list` prints. A path with a `/` is never looked up in the
    /// data directory, and comes back as given: opening it says why not.
    pub fn resolve_session(&self, name: &Path) -> Result<PathBuf, SessionNotFound> {
        let is_there = |p: &Path| match std::fs::symlink_metadata(p) {
            Ok(_) => true,
            // Something is there that cannot be looked at: opening it says what.
            Err(e) => e.kind() != std::io::ErrorKind::NotFound,
        };
        let mut parts = name.components();
        let bare = matches!(
            (parts.next(), parts.next()),
            (Some(std::path::Component::Normal(_)), None)
        );
        if !bare || is_there(name) {
            return Ok(name.to_path_buf());
        }
        let mut file = name.as_os_str().to_owned();
        if name.extension().is_none_or(|e| e != "ron") {
            file.push(".ron");
        }
        let in_data_dir = self.data_dir.join(file);
        if is_there(&in_data_dir) {
            return Ok(in_data_dir);
        }
        Err(SessionNotFound {
            name: name.to_path_buf(),
            tried: in_data_dir,
            data_dir: self.data_dir.clone(),
        })
    }
}

/// A session named on the command line that is neither a path nor a name
/// in the data directory; says both places it looked.
#[derive(Debug, thiserror::Error)]
#[error(
    "no session {}: tried {0} in the current directory, then {}; `minutes list` shows the sessions in {}",
    name.display(),
    tried.display(),
    data_dir.display()
)]
pub struct SessionNotFound {
    /// As given.
    pub name: PathBuf,
    /// The file in the data directory it would have been.
    pub tried: PathBuf,
    pub data_dir: PathBuf,
}

fn is_session_file(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "ron")
        && path
            .file_name()
            .is_some_and(|n| !n.to_string_lossy().starts_with('.'))
        && path.is_file()
}

/// A file name for a new session: `2026-11-24-asia-europe-forum.ron`.
pub fn file_name_for(date: chrono::NaiveDate, title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
        if slug.chars().count() >= 48 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        format!("{date}.ron")
    } else {
        format!("{date}-{slug}.ron")
    }
}
