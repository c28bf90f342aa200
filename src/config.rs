//! The user's settings: `config.ron` in the configuration directory
//! (`~/.config/minutes` on Linux), or the file `--config FILE` or
//! `MINUTES_CONFIG` names. RON, as sessions are.
//!
//! A missing file is the defaults. A broken one is one error, with its line
//! and column, and nothing starts on half a config: it is read whole before
//! anything else happens, and every rebinding is checked (unknown actions,
//! keys that would be typed as text, two actions on one key) as it is read.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use ratatui::style::Color;
use serde::de::{self, DeserializeSeed, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::app::Action;
use crate::cli::ExportFormat;
use crate::keymap::{self, Key, Keymap, Keys};
use crate::model::attendance::MAX_GRACE_MINUTES;
use crate::ui::theme::{Base, Kind, Theme};

/// The environment variable that names the config file (as `--config`).
pub const CONFIG_ENV: &str = "MINUTES_CONFIG";

/// The config file's own format version.
pub const CONFIG_VERSION: u32 = 1;

/// Everything the config file can set; what it leaves out is the default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub version: u32,
    /// The colours: `Dark`, `Light` or `NoColor`. `NO_COLOR` in the
    /// environment means `NoColor`, whatever this says.
    pub theme: Base,
    /// The colour of each kind of entry, over the theme's.
    pub colours: BTreeMap<Kind, Colour>,
    /// How long after the start an arrival still counts as on time, in
    /// minutes: for sessions started from now on (a session keeps its own).
    pub late_after_minutes: u32,
    /// How often the whole session file is rewritten while changes wait
    /// (every change is in the journal at once anyway), in minutes.
    pub autosave_minutes: u32,
    /// Where sessions are kept (`--data-dir` and `MINUTES_DATA_DIR` win).
    pub data_dir: Option<PathBuf>,
    pub export: ExportDefaults,
    /// Clicks and the wheel: off by default, since capturing the mouse takes
    /// the terminal's own selection (copying from the call's chat).
    pub mouse: bool,
    /// Rebindings: `{ Mode: { Action: ["Key", ...] } }`.
    pub keys: KeyOverrides,
}

/// What `minutes export` does when its command line does not say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ExportDefaults {
    /// `Txt`, `Md`, `Html` or `Ics`; `None`: the output's extension, else
    /// text.
    pub format: Option<ExportFormat>,
    /// A built-in template (`minutes`, `actions`, `report`), one of yours,
    /// or a file.
    pub template: String,
}

impl Default for ExportDefaults {
    fn default() -> Self {
        ExportDefaults {
            format: None,
            template: "minutes".into(),
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            version: CONFIG_VERSION,
            theme: Base::Dark,
            colours: BTreeMap::new(),
            late_after_minutes: crate::model::attendance::DEFAULT_GRACE_MINUTES,
            autosave_minutes: 5,
            data_dir: None,
            export: ExportDefaults::default(),
            mouse: false,
            keys: KeyOverrides::default(),
        }
    }
}

/// A colour as the config writes it: a name (`green`, `light-green`,
/// `dark-gray`), `#rrggbb`, or a number of the 256-colour palette.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colour(pub Color);

impl Serialize for Colour {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.to_string())
    }
}

impl<'de> Deserialize<'de> for Colour {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Colour, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map(Colour).map_err(|_| {
            de::Error::custom(format!(
                "`{text}` is not a colour: write a name (green, light-green, dark-gray, …), #rrggbb, or 0-255"
            ))
        })
    }
}

/// The config's `keys`: the rebindings, applied to the defaults as they
/// are read, so that a mistake is said where it is.
#[derive(Debug, Clone, Default)]
pub struct KeyOverrides(pub Keymap);

impl PartialEq for KeyOverrides {
    fn eq(&self, other: &Self) -> bool {
        self.0.rebound() == other.0.rebound()
    }
}

impl Serialize for KeyOverrides {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut modes: BTreeMap<Keys, Vec<(&Action, &Vec<Key>)>> = BTreeMap::new();
        for (mode, action, keys) in self.0.rebound() {
            modes.entry(*mode).or_default().push((action, keys));
        }
        s.collect_map(
            modes
                .into_iter()
                .map(|(mode, list)| (mode, ActionKeys(list))),
        )
    }
}

struct ActionKeys<'a>(Vec<(&'a Action, &'a Vec<Key>)>);

impl Serialize for ActionKeys<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().copied())
    }
}

impl<'de> Deserialize<'de> for KeyOverrides {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<KeyOverrides, D::Error> {
        struct Modes;
        impl<'de> Visitor<'de> for Modes {
            type Value = KeyOverrides;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map of modes (Entry, Browse, Review, …) to rebindings")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<KeyOverrides, A::Error> {
                let mut keymap = Keymap::default();
                while let Some(mode) = map.next_key::<Keys>()? {
                    map.next_value_seed(ModeSeed {
                        keymap: &mut keymap,
                        mode,
                    })?;
                }
                // Checked when every rebinding is in, so that keys can be
                // swapped, between a mode and the global ones too; said at
                // the end of `keys`.
                match keymap.conflict() {
                    Some(conflict) => Err(de::Error::custom(conflict)),
                    None => Ok(KeyOverrides(keymap)),
                }
            }
        }
        d.deserialize_map(Modes)
    }
}

/// One mode's rebindings, applied to `keymap` and checked as they are read.
struct ModeSeed<'a> {
    keymap: &'a mut Keymap,
    mode: Keys,
}

impl<'de> DeserializeSeed<'de> for ModeSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ModeSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a map of {:?}'s actions to lists of keys", self.mode)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(action) = map.next_key::<Action>()? {
            let keys: Vec<Key> = map.next_value()?;
            self.keymap
                .rebind(self.mode, action, keys)
                .map_err(de::Error::custom)?;
        }
        Ok(())
    }
}

/// A config file that cannot be used, and where.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("config file {}:{line}:{col}: {message}", path.display())]
    Syntax {
        path: PathBuf,
        line: usize,
        col: usize,
        message: String,
    },
    #[error("config file {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Which file the config comes from, and whether it was asked for by name
/// (then it must exist).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub path: PathBuf,
    pub named: bool,
}

impl Source {
    /// `--config FILE` (clap also reads [`CONFIG_ENV`] into it), else
    /// `config.ron` in the configuration directory; `None` without a home.
    pub fn find(named: Option<&Path>) -> Option<Source> {
        match named {
            Some(path) => Some(Source {
                path: path.to_path_buf(),
                named: true,
            }),
            None => crate::store::paths::config_dir().map(|dir| Source {
                path: dir.join("config.ron"),
                named: false,
            }),
        }
    }
}

impl Config {
    /// The config from `source`: the defaults if there is none (and it was
    /// not asked for by name).
    pub fn load(source: Option<&Source>) -> Result<Config, ConfigError> {
        let Some(source) = source else {
            return Ok(Config::default());
        };
        match read_at_most(&source.path, MAX_BYTES) {
            Ok(bytes) => Config::parse(&source.path, &bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !source.named => {
                Ok(Config::default())
            }
            Err(source_err) => Err(ConfigError::Read {
                path: source.path.clone(),
                source: source_err,
            }),
        }
    }

    /// The config in `bytes`; `path` is for errors.
    pub fn parse(path: &Path, bytes: &[u8]) -> Result<Config, ConfigError> {
        let at = |line, col, message: String| ConfigError::Syntax {
            path: path.to_path_buf(),
            line,
            col,
            message,
        };
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let text = std::str::from_utf8(bytes).map_err(|e| {
            let (line, col) = crate::store::file::line_col(&bytes[..e.valid_up_to()]);
            at(line, col, "not UTF-8 text".into())
        })?;
        if without_comments(text).trim().is_empty() {
            return Ok(Config::default());
        }
        let config: Config = ron::Options::default()
            .from_str(text)
            .map_err(|e| at(e.span.start.line, e.span.start.col, describe(&e.code)))?;
        // Checked once read: said where the field is (ron knows no more).
        let field = |name: &str, message: String| {
            let steps = [crate::store::locate::Step::Field(name)];
            let (line, col) = crate::store::locate::position(text, &steps).unwrap_or((1, 1));
            at(line, col, message)
        };
        if config.version > CONFIG_VERSION {
            return Err(field(
                "version",
                format!(
                    "written for a newer minutes (config version {}; this one reads {CONFIG_VERSION})",
                    config.version
                ),
            ));
        }
        if config.late_after_minutes > MAX_GRACE_MINUTES {
            return Err(field(
                "late_after_minutes",
                format!("`late_after_minutes` is at most {MAX_GRACE_MINUTES} (a day)"),
            ));
        }
        if config
            .data_dir
            .as_ref()
            .is_some_and(|d| d.as_os_str().is_empty())
        {
            return Err(field(
                "data_dir",
                "`data_dir` is empty: give a directory, or None".into(),
            ));
        }
        if config.autosave_minutes == 0 {
            return Err(field(
                "autosave_minutes",
                "`autosave_minutes` must be at least 1".into(),
            ));
        }
        Ok(config)
    }

    /// The theme in force: `NO_COLOR` (set and not empty) means no colour,
    /// whatever the file says, and no colour for kinds either.
    pub fn theme(&self, no_color: bool) -> Theme {
        if no_color {
            return Theme::new(Base::NoColor);
        }
        let mut theme = Theme::new(self.theme);
        if self.theme != Base::NoColor {
            for (kind, colour) in &self.colours {
                theme.set_colour(*kind, colour.0);
            }
        }
        theme
    }

    /// The effective config as a file, for `minutes config`.
    pub fn to_ron(&self) -> String {
        let pretty = ron::ser::PrettyConfig::new()
            .struct_names(false)
            .compact_arrays(true);
        ron::ser::to_string_pretty(self, pretty).unwrap_or_else(|e| format!("// {e}"))
    }
}

/// ron's message, in the config's words where ron's would name our
/// types (`enum Action`) or list what no one can bind (`Tick`).
fn describe(error: &ron::Error) -> String {
    let ron::Error::NoSuchEnumVariant {
        expected,
        found,
        outer,
    } = error
    else {
        return error.to_string();
    };
    let one_of = |names: &[&str]| {
        let close = names
            .iter()
            .find(|n| n.eq_ignore_ascii_case(found) || similar(n, found));
        let hint = close
            .map(|n| format!(" (did you mean {n}?)"))
            .unwrap_or_default();
        format!("{hint}; one of: {}", names.join(", "))
    };
    match outer.as_deref() {
        Some("Action") => {
            let mut bindable: Vec<String> = Keymap::default()
                .all()
                .iter()
                .filter_map(|b| ron::to_string(&b.action).ok())
                .map(|a| a.split('(').next().unwrap_or_default().to_string())
                .collect();
            bindable.sort();
            bindable.dedup();
            let names: Vec<&str> = bindable.iter().map(String::as_str).collect();
            format!(
                "`{found}` is not an action{} (`minutes config --default` lists each mode's, with its keys)",
                one_of(&names)
            )
        }
        Some("Keys") => format!("`{found}` is not a mode{}", one_of(expected)),
        Some("Base") => format!("`{found}` is not a theme{}", one_of(expected)),
        Some("Kind") => format!("`{found}` is not a kind of entry{}", one_of(expected)),
        Some(other) => format!(
            "`{found}` is not a {}{}",
            other.to_lowercase(),
            one_of(expected)
        ),
        None => error.to_string(),
    }
}

/// Whether two names differ by one letter added, dropped or changed (a
/// typo), ignoring case.
fn similar(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (
        a.to_lowercase().chars().collect(),
        b.to_lowercase().chars().collect(),
    );
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    match long.len() - short.len() {
        0 => {
            short
                .iter()
                .zip(long.iter())
                .filter(|(x, y)| x != y)
                .count()
                <= 1
        }
        1 => (0..long.len()).any(|skip| {
            long.iter()
                .enumerate()
                .filter(|(i, _)| *i != skip)
                .map(|(_, c)| c)
                .eq(short.iter())
        }),
        _ => false,
    }
}

/// A config file is a few kilobytes: past this it is not one (`--config
/// /dev/zero` would otherwise be read until memory runs out).
const MAX_BYTES: u64 = 1 << 20;

fn read_at_most(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    // A pipe with no writer would block here for ever. A device is read
    // as a file (`--config /dev/null`: no settings), up to the limit.
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = std::fs::metadata(path)?.file_type();
        if kind.is_fifo() || kind.is_socket() {
            return Err(std::io::Error::other("a pipe or socket, not a config file"));
        }
    }
    crate::store::file::read_at_most(std::fs::File::open(path)?, limit)?.ok_or_else(|| {
        std::io::Error::other(format!(
            "larger than {} KiB: not a config file",
            limit / 1024
        ))
    })
}

/// Whether `NO_COLOR` asks for no colour (no-color.org: set, not empty).
pub fn no_color_asked() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// `text` with its `//` line comments taken out (enough to tell a file of
/// comments alone, such as the default one uncommented nowhere).
fn without_comments(text: &str) -> String {
    text.lines()
        .map(|l| l.split_once("//").map_or(l, |(before, _)| before))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A config file to start from: every setting at its default, and every
/// key binding listed, commented out, to uncomment and change.
pub fn default_file() -> String {
    let d = Config::default();
    let mut out = String::new();
    out.push_str(&format!(
        "\
// minutes: configuration (RON). Save as config.ron in the configuration
// directory (`minutes config` prints where), or name it with --config FILE
// or MINUTES_CONFIG. Leave out what you do not change.
(
    version: {CONFIG_VERSION},
    // Dark, Light or NoColor. NO_COLOR in the environment means NoColor.
    theme: Dark,
    // The colour of each kind of entry: a name (green, light-green,
    // dark-gray, ...), \"#rrggbb\", or \"0\"-\"255\".
    colours: {{
        // Decision: \"green\",
        // Action: \"#d78700\",
    }},
    // After how many minutes from the start an arrival is late (for new
    // sessions; a session keeps the one it was started with).
    late_after_minutes: {late},
    // How often the session file is rewritten while changes wait, in
    // minutes (every change is in the journal at once anyway).
    autosave_minutes: {autosave},
    // Where sessions are kept (--data-dir and MINUTES_DATA_DIR win).
    data_dir: None, // Some(\"/home/me/minutes\")
    // What `minutes export` does when not told: format Some(Txt), Some(Md),
    // Some(Html) or Some(Ics) (None: the output's extension, else Txt), and
    // the template.
    export: (
        format: None,
        template: \"minutes\",
    ),
    // Click a pane, person or topic, scroll with the wheel. Off: mouse
    // capture takes the terminal's own text selection.
    mouse: false,
    // Rebind any action: Mode: {{ Action: [\"Key\", ...] }}. Keys are written
    // as the help shows them: Ctrl+P, Alt+D, F2, Shift+Tab, PgDn, Esc, `?`.
    // The keys given replace the action's default keys in that mode. Every
    // binding, with its defaults:
    keys: {{
",
        late = d.late_after_minutes,
        autosave = d.autosave_minutes,
    ));
    let map = Keymap::default();
    for mode in keymap::MODES {
        let bindings: Vec<_> = map
            .all()
            .iter()
            .filter(|b| b.mode == mode && !matches!(b.action, Action::ReviewTopic(_)))
            .collect();
        if bindings.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "        // {}\n        // {mode:?}: {{\n",
            mode.title()
        ));
        for b in bindings {
            let action = ron::to_string(&b.action).unwrap_or_default();
            let keys: Vec<String> = b
                .keys
                .iter()
                .map(|k| format!("{:?}", keymap::label(k)))
                .collect();
            out.push_str(&format!(
                "        //     {action}: [{}], // {}\n",
                keys.join(", "),
                b.help
            ));
        }
        out.push_str("        // },\n");
    }
    out.push_str("    },\n)\n");
    out
}
