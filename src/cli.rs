//! The command line.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Record meeting minutes live in the terminal, review and export them.
///
/// With no command, opens the most recent session in the data directory,
/// or starts a new one if there is none.
#[derive(Debug, Parser)]
#[command(name = "minutes", version, about, long_about, after_long_help = ENVIRONMENT)]
pub struct Cli {
    /// Where sessions are kept [default: the platform's data directory,
    /// e.g. ~/.local/share/minutes]
    #[arg(long, global = true, env = crate::store::paths::DATA_DIR_ENV, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// The config file to read [default: config.ron in the configuration
    /// directory, e.g. ~/.config/minutes; `minutes config` says which]
    #[arg(long, global = true, env = crate::config::CONFIG_ENV, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Clicks and the mouse wheel in the live and review screens (off by
    /// default: capturing the mouse takes the terminal's own selection).
    #[arg(long, global = true)]
    pub mouse: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Where files and settings are, for `--help` and the manual page.
const ENVIRONMENT: &str = "\
Files:
  ~/.local/share/minutes/       sessions (the data directory)
  ~/.config/minutes/config.ron  settings (minutes config --default)
  ~/.config/minutes/templates/  your export templates
  ~/.config/minutes/sessions/   templates for minutes new --template

Environment:
  MINUTES_DATA_DIR    the data directory (as --data-dir)
  MINUTES_CONFIG      the config file (as --config)
  MINUTES_CONFIG_DIR  the configuration directory
  NO_COLOR            set and not empty: no colours";

/// How a command is given a session to read (see `Paths::resolve_session`).
pub const SESSION_HELP: &str = "A session file, or a name that `minutes list` shows";
pub const SESSION_LONG_HELP: &str = "\
A session file, or a name that `minutes list` shows (`.ron` may be left off).

Looked for, in this order:
  1. as a path from the current directory, if anything is there;
  2. if it has no `/`, as the file of that name in the data directory,
     `.ron` added unless it ends with it.
So `./NAME` means the file here only, and `DIR/NAME` is never looked for
in the data directory.";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a new session and open it.
    New {
        /// The meeting's title.
        title: Option<String>,
        /// Save it here instead of in the data directory.
        #[arg(short, long, value_name = "FILE")]
        file: Option<PathBuf>,
        /// Follow on from a previous session of the series: its roster and
        /// organisations (attendance reset) and its open action items.
        /// PREVIOUS is found as `open` finds its session.
        #[arg(long, value_name = "PREVIOUS")]
        from: Option<PathBuf>,
        /// Start from a prepared roster and agenda: the people (none of them
        /// present yet), their organisations, chair and secretary, and the
        /// agenda's topics (none started), with no entries. NAME is a
        /// template in the configuration directory (sessions/NAME.ron, e.g.
        /// ~/.config/minutes/sessions/board.ron), else a session found as
        /// `open` finds it. Not with --from, which carries over a previous
        /// meeting's roster and open action items instead.
        #[arg(long, value_name = "NAME", conflicts_with = "from")]
        template: Option<PathBuf>,
    },
    /// Open a session file.
    Open {
        #[arg(value_name = "SESSION", help = SESSION_HELP, long_help = SESSION_LONG_HELP)]
        file: PathBuf,
        /// Only read it: no lock, no changes (for review while someone records).
        #[arg(short, long)]
        read_only: bool,
    },
    /// Review a session after the meeting: entries by topic, filtered and
    /// searched, speaking-time statistics, exports. Read-only until `e`
    /// switches editing on.
    Review {
        #[arg(value_name = "SESSION", help = SESSION_HELP, long_help = SESSION_LONG_HELP)]
        file: PathBuf,
    },
    /// List the sessions in the data directory, newest first.
    List,
    /// Write a session's minutes as a document.
    Export {
        #[arg(value_name = "SESSION", help = SESSION_HELP, long_help = SESSION_LONG_HELP)]
        file: PathBuf,
        /// The document format [default: the template file's (my.md.j2 is
        /// md), else what OUT's extension says, else the config file's
        /// `export.format`, else txt].
        #[arg(short, long, value_enum)]
        format: Option<ExportFormat>,
        /// Write to this file instead of standard output. Its extension gives
        /// the format unless --format or the template does: .txt, .md or
        /// .markdown, .html or .htm, .ics (none: text, for a device or pipe
        /// such as /dev/stdout).
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Replace OUT if it is a file already.
        #[arg(long)]
        force: bool,
        /// A built-in template (minutes, actions, report), one of yours in the
        /// configuration directory (templates/NAME.FORMAT.j2), or a file;
        /// none with ics, which is always the action items [default: the
        /// config file's `export.template`, else minutes]
        #[arg(short, long, value_name = "NAME|PATH")]
        template: Option<String>,
        /// Leave out the entries marked confidential.
        #[arg(long)]
        public: bool,
        /// Only the action items: owner, due, status, topic (the `actions` template).
        #[arg(long, conflicts_with = "template")]
        actions_only: bool,
        /// The entries of a topic as they happened, or grouped by kind.
        #[arg(long, value_enum, default_value_t = ExportOrder::Time)]
        order: ExportOrder,
    },
    /// Add people or agenda topics to a session from a file.
    ///
    /// All or nothing: a file with a bad line imports nothing, and says
    /// which line and what was expected there. Refused while the session is
    /// open for recording elsewhere.
    #[command(subcommand)]
    Import(Import),
    /// Print a shell completion script to standard output.
    ///
    /// bash: `minutes completions bash > ~/.local/share/bash-completion/completions/minutes`;
    /// zsh: `minutes completions zsh > ~/.zfunc/_minutes` (with ~/.zfunc in
    /// fpath); fish: `minutes completions fish > ~/.config/fish/completions/minutes.fish`.
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print where the config file is and the settings in force (as a
    /// config file), or a commented config file to start from.
    Config {
        /// Print a config file with every setting at its default and every
        /// key binding listed, commented out.
        #[arg(long)]
        default: bool,
    },
    /// Print the manual page (roff) to standard output:
    /// `minutes man > ~/.local/share/man/man1/minutes.1`, then `man minutes`.
    Man {
        /// Write the pages into DIR instead: minutes.1, and one for each
        /// command (minutes-export.1, …), replacing those there.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

/// What `minutes import` reads.
#[derive(Debug, Subcommand)]
pub enum Import {
    /// People from a CSV file: name, organisation, role.
    ///
    /// One person per row; organisation and role may be left out. A first
    /// row naming the columns (name, organisation, role, in any order and
    /// case) is a header. Commas or semicolons separate the fields (the
    /// first line tells which, as Excel writes either); a UTF-8 byte order
    /// mark is skipped. A quoted field closes on its own line, with nothing
    /// after its closing quote. People already on the roster (the same
    /// name, case, accents, spacing, full-width letters and invisible
    /// characters aside) are reported, not added twice; an organisation the
    /// session does not know is added. A field longer than 200 characters,
    /// or with a text direction control in it, is a bad line.
    Roster {
        #[arg(value_name = "SESSION", help = SESSION_HELP, long_help = SESSION_LONG_HELP)]
        file: PathBuf,
        /// The CSV file; `-` reads standard input.
        #[arg(value_name = "ROSTER.csv")]
        roster: PathBuf,
    },
    /// Agenda topics from a text file: one per line, `TOPIC | PRESENTER | MINUTES`.
    ///
    /// The presenter and the planned minutes may be left out
    /// (`Budget | | 15` gives minutes without a presenter); a presenter is
    /// someone on the session's roster, by name. Blank lines and lines
    /// starting with `#` are skipped. Topics already on the agenda (the
    /// same title) are reported, not added twice.
    Agenda {
        #[arg(value_name = "SESSION", help = SESSION_HELP, long_help = SESSION_LONG_HELP)]
        file: PathBuf,
        /// The text file; `-` reads standard input.
        #[arg(value_name = "AGENDA.txt")]
        agenda: PathBuf,
    },
}

/// Also what the config file's `export.format` names (`Md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, serde::Serialize, serde::Deserialize)]
pub enum ExportFormat {
    /// Plain text, 80 columns.
    Txt,
    /// Markdown.
    Md,
    /// One self-contained HTML page.
    Html,
    /// iCalendar: the action items as to-dos, for a calendar or task list
    /// (no template).
    Ics,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportOrder {
    /// As they happened.
    Time,
    /// Speeches, discussion, notes, questions, decisions, conclusions, actions.
    Kind,
}

impl From<ExportOrder> for crate::export::Order {
    fn from(o: ExportOrder) -> Self {
        match o {
            ExportOrder::Time => crate::export::Order::Time,
            ExportOrder::Kind => crate::export::Order::Kind,
        }
    }
}

impl From<ExportFormat> for crate::export::Format {
    fn from(f: ExportFormat) -> Self {
        match f {
            ExportFormat::Txt => crate::export::Format::Text,
            ExportFormat::Md => crate::export::Format::Markdown,
            ExportFormat::Html => crate::export::Format::Html,
            ExportFormat::Ics => crate::export::Format::Ics,
        }
    }
}
