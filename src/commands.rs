//! What each command does, between the parsed command line and the library.

use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::app::quit::Ending;
use clap::CommandFactory;

use crate::cli::{Cli, Command, Import};
use crate::config::{Config, Source};
use crate::export;
use crate::model::Session;
use crate::store::{self, Mode, OpenSession, Paths};
use crate::text::escape_controls;

/// A command's failure, as one message for the user.
#[derive(Debug)]
pub struct Error(String);

/// Shown with control characters escaped: the message may quote a file's
/// name or content, which must not drive the terminal it is printed on.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&escape_controls(&self.0))
    }
}

impl<E: std::error::Error> From<E> for Error {
    fn from(e: E) -> Self {
        Error(e.to_string())
    }
}

fn error(msg: impl Into<String>) -> Error {
    Error(msg.into())
}

pub fn run(cli: Cli) -> Result<(), Error> {
    let source = Source::find(cli.config.as_deref());
    // Commands that do not need the settings work with a broken config
    // (`minutes config --default` is how to start over).
    let config = match &cli.command {
        Some(Command::Config { .. } | Command::Completions { .. } | Command::Man { .. }) => {
            Config::default()
        }
        _ => {
            let mut config = Config::load(source.as_ref())?;
            config.mouse |= cli.mouse;
            config
        }
    };
    let data_dir = cli
        .data_dir
        .clone()
        .or_else(|| config.data_dir.as_deref().map(home_relative));
    let paths = || {
        Paths::new(data_dir.clone()).ok_or_else(|| {
            error(
                "cannot find a home directory for the data directory; give one with --data-dir DIR",
            )
        })
    };
    let config = &config;
    match cli.command {
        None => open_latest(&paths()?, config),
        Some(Command::New {
            title,
            file,
            from,
            template,
        }) => {
            let paths = paths()?;
            let from = match (from, template) {
                (Some(f), _) => Some(Start::From(paths.resolve_session(&f)?)),
                (None, Some(t)) => Some(Start::Template(find_template(&paths, &t)?)),
                (None, None) => None,
            };
            new(&paths, title, file, from, config)
        }
        Some(Command::Open { file, read_only }) => {
            let mode = if read_only {
                Mode::ReadOnly
            } else {
                Mode::ReadWrite
            };
            let paths = paths().ok();
            let file = session_path(paths.as_ref(), &file)?;
            require_terminal()?;
            let data_dir = paths.map(|p| p.data_dir);
            interactive(
                OpenSession::open(&file, mode)?,
                false,
                data_dir.as_deref(),
                config,
            )
        }
        Some(Command::Review { file }) => {
            let paths = paths().ok();
            let file = session_path(paths.as_ref(), &file)?;
            require_terminal()?;
            let data_dir = paths.map(|p| p.data_dir);
            let open = OpenSession::open(&file, Mode::ReadOnly)?;
            interactive_from(open, false, data_dir.as_deref(), true, config)
        }
        Some(Command::List) => list(&paths()?, &mut io::stdout().lock()),
        Some(Command::Export {
            file,
            format,
            output,
            force,
            template,
            public,
            actions_only,
            order,
        }) => {
            let template = match (actions_only, template) {
                (true, _) => export::TemplateRef::Named("actions".into()),
                (false, Some(t)) => export::TemplateRef::parse(&t),
                (false, None) => export::TemplateRef::parse(&config.export.template),
            };
            let options = export::Options {
                public,
                order: order.into(),
            };
            let file = session_path(paths().ok().as_ref(), &file)?;
            let asked = format.map(export::Format::from).or(template.format());
            let fallback = config
                .export
                .format
                .map_or(export::Format::Text, export::Format::from);
            let format = (asked, fallback);
            export_to(&file, format, &template, options, output.as_deref(), force)
        }
        Some(Command::Import(what)) => {
            let paths = paths().ok();
            import(paths.as_ref(), what, &mut io::stdout().lock())
        }
        Some(Command::Completions { shell }) => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "minutes", &mut out);
            ignore_broken_pipe(io::stdout().lock().write_all(&out))
        }
        Some(Command::Config { default }) => {
            show_config(source.as_ref(), default, &mut io::stdout().lock())
        }
        Some(Command::Man { dir }) => man(dir.as_deref(), &mut io::stdout().lock()),
    }
}

/// The session a command names: see [`Paths::resolve_session`]. With no
/// data directory to look in (no home), the path as given.
fn session_path(paths: Option<&Paths>, file: &Path) -> Result<PathBuf, Error> {
    match paths {
        Some(paths) => Ok(paths.resolve_session(file)?),
        None => Ok(file.to_path_buf()),
    }
}

/// `~/x` as the home directory's `x` (a config file cannot use the shell's).
fn home_relative(path: &Path) -> PathBuf {
    match (path.strip_prefix("~"), directories::BaseDirs::new()) {
        (Ok(rest), Some(dirs)) => dirs.home_dir().join(rest),
        _ => path.to_path_buf(),
    }
}

/// `minutes config`: where the file is and the settings in force, as a
/// config file; with `--default`, a commented one to start from.
fn show_config(source: Option<&Source>, default: bool, out: &mut impl Write) -> Result<(), Error> {
    if default {
        return ignore_broken_pipe(out.write_all(crate::config::default_file().as_bytes()));
    }
    let config = Config::load(source)?;
    let mut text = match source {
        Some(s) if s.path.exists() => {
            format!("// The settings in force, from {}\n", s.path.display())
        }
        Some(s) => format!(
            "// No config file at {}: the defaults are in force\n// (`minutes config --default > FILE` writes one to start from)\n",
            s.path.display()
        ),
        None => "// No home directory, so no config file: the defaults are in force\n".into(),
    };
    if crate::config::no_color_asked() {
        text.push_str("// NO_COLOR is set: no colours, whatever `theme` says\n");
    }
    text.push_str(&config.to_ron());
    text.push('\n');
    ignore_broken_pipe(out.write_all(escape_controls(&text).as_bytes()))
}

fn open_latest(paths: &Paths, config: &Config) -> Result<(), Error> {
    require_terminal()?;
    let mut files = paths.session_files()?;
    files.sort_by_key(|f| std::fs::metadata(f).and_then(|m| m.modified()).ok());
    match files.pop() {
        Some(latest) => interactive(
            OpenSession::open(&latest, Mode::ReadWrite)?,
            false,
            Some(&paths.data_dir),
            config,
        ),
        None => new(paths, None, None, None, config),
    }
}

/// What a new session starts from besides its title.
enum Start {
    /// `--from`: a previous session of the series.
    From(PathBuf),
    /// `--template`: a prepared roster and agenda.
    Template(PathBuf),
}

/// The file `--template NAME` names: `sessions/NAME.ron` in the
/// configuration directory, else a session found as `open` finds it.
fn find_template(paths: &Paths, name: &Path) -> Result<PathBuf, Error> {
    let bare = name.components().count() == 1
        && matches!(
            name.components().next(),
            Some(std::path::Component::Normal(_))
        );
    let mut file = name.as_os_str().to_owned();
    if name.extension().is_none_or(|e| e != "ron") {
        file.push(".ron");
    }
    let in_config = paths.config_dir.join("sessions").join(file);
    if bare && std::fs::symlink_metadata(&in_config).is_ok() {
        return Ok(in_config);
    }
    paths.resolve_session(name).map_err(|e| {
        let mut looked = Vec::new();
        if bare {
            looked.push(format!("{} (the templates)", in_config.display()));
        }
        looked.push(format!("{} in the current directory", name.display()));
        looked.push(e.tried.display().to_string());
        error(format!(
            "no template {}: looked for {}; a template is a session file in {}, or any session `minutes list` shows",
            name.display(),
            looked.join(", then "),
            paths.config_dir.join("sessions").display()
        ))
    })
}

fn new(
    paths: &Paths,
    title: Option<String>,
    file: Option<PathBuf>,
    start: Option<Start>,
    config: &Config,
) -> Result<(), Error> {
    // Read before the terminal is asked for (read-only: nothing happens on
    // disk), so that a missing or broken one is said plainly.
    let (previous, template) = match &start {
        Some(Start::From(path)) => (Some(OpenSession::open(path, Mode::ReadOnly)?), None),
        Some(Start::Template(path)) => (None, Some(OpenSession::open(path, Mode::ReadOnly)?)),
        None => (None, None),
    };
    require_terminal()?;
    let title = title
        .or_else(|| previous.as_ref().map(|p| p.session().title.clone()))
        .or_else(|| template.as_ref().map(|t| t.session().title.clone()))
        .unwrap_or_else(|| "Untitled meeting".into());
    let path = match file {
        Some(f) => f,
        None => {
            create_private_dir(&paths.data_dir)?;
            free_name(&paths.data_dir, &title)
        }
    };
    // No schedule until one is given (`/schedule 19:00`): the time the file
    // was made is not when the meeting starts.
    let mut session = match (&previous, &template) {
        (Some(p), _) => crate::model::meeting::follow_up(p.session(), title),
        (None, Some(t)) => crate::model::meeting::from_template(t.session(), title),
        (None, None) => Session::new(title),
    };
    // The series' own rule, else the user's.
    session.late_after_minutes = session
        .late_after_minutes
        .or(Some(config.late_after_minutes));
    interactive(
        OpenSession::create(&path, session)?,
        true,
        Some(&paths.data_dir),
        config,
    )
}

fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// `2026-11-24-title.ron`, or `…-2.ron` and on if that is taken.
fn free_name(dir: &Path, title: &str) -> PathBuf {
    let name = store::paths::file_name_for(chrono::Local::now().date_naive(), title);
    let stem = name.trim_end_matches(".ron");
    (1..)
        .map(|n| {
            if n == 1 {
                dir.join(&name)
            } else {
                dir.join(format!("{stem}-{n}.ron"))
            }
        })
        .find(|p| !p.exists())
        .unwrap_or_else(|| dir.join(name))
}

/// Runs the screen on an open session, then closes it. `created`: the file
/// was just written by `new`, so it is news to the user even if unchanged.
///
/// However the screen ended (quit, signal, lost terminal), every change is
/// saved, or stays in the journal, or goes to a rescue copy, and the user
/// is told which; a change that reached none of them is named loudly.
fn interactive(
    open: OpenSession,
    created: bool,
    data_dir: Option<&Path>,
    config: &Config,
) -> Result<(), Error> {
    interactive_from(open, created, data_dir, false, config)
}

/// [`interactive`], starting on the review screen with `review`.
fn interactive_from(
    open: OpenSession,
    created: bool,
    data_dir: Option<&Path>,
    review: bool,
    config: &Config,
) -> Result<(), Error> {
    let mut app = crate::app::App::new(open, chrono::Local::now().fixed_offset());
    app.configure(config, crate::config::no_color_asked());
    if review {
        crate::app::review::open(&mut app, false);
    }
    app.rescue_dirs = store::rescue_dirs(app.store.path(), data_dir);
    let (mut app, result) = crate::tui::run(app);
    let kept = crate::app::keep_unsent(&mut app, chrono::Local::now().fixed_offset());
    let (mut open, ending, rescue_dirs) = (app.store, app.ending, app.rescue_dirs);
    let path = open.path().to_path_buf();
    let shown = |p: &Path| escape_controls(&p.display().to_string()).into_owned();
    // The terminal may be gone (its window closed): say it without panicking.
    let say = |text: String| {
        let _ = writeln!(io::stderr(), "{}", escape_controls(&text));
    };
    // What recovery found when the session opened is said again here, in
    // full, where it can be read at leisure.
    if open.recovery().is_problem()
        && let Some(note) = open.recovery().message()
    {
        say(format!("minutes: {}: {note}", shown(&path)));
    }
    for line in &kept {
        say(format!(
            "The line not yet entered was logged as a note: {line}"
        ));
    }
    if let Ending::Rescued(copy) = &ending {
        say(format!("Rescue copy of the whole session: {}", shown(copy)));
    }
    // Only a session with changes is written; say so only when it was.
    let changed = open.needs_saving();
    open.flush();
    let saved = if changed { open.save() } else { Ok(()) };
    if let Err(e) = saved {
        let pending = open.unsaved();
        let mut msg = e.to_string();
        if pending == 0 {
            // The journal holds the changes since the file was last written:
            // enough only if the file is still that one. It may not be
            // (replaced, emptied, a directory now): the whole session too.
            msg.push_str(&format!(
                "\nEvery change is in the journal {}: opening the session again recovers it into the file.",
                shown(&store::journal_path(&path))
            ));
            if let Ok(copy) = open.write_rescue(&rescue_dirs) {
                msg.push_str(&format!(
                    "\nIn case the file is not the one it was, the whole session is also saved in {}",
                    shown(&copy)
                ));
            }
        } else if ending == Ending::Discarded {
            msg.push_str(&format!(
                "\n{pending} change(s) not on disk were discarded, as asked."
            ));
        } else {
            let rescue = match &ending {
                Ending::Rescued(copy) => Ok(copy.clone()),
                _ => open.write_rescue(&rescue_dirs),
            };
            match rescue {
                Ok(copy) => msg.push_str(&format!(
                    "\n{pending} change(s) could not be written to the journal either; the whole session is saved in {}",
                    shown(&copy)
                )),
                Err(why) => {
                    msg.push_str(&format!(
                        "\nLOST: {pending} change(s) could not be written anywhere ({why}); here they are, as journal records:"
                    ));
                    for record in open.pending_records() {
                        msg.push('\n');
                        msg.push_str(&record);
                    }
                }
            }
        }
        // Dropped without `close`: the journal and what it holds stay.
        return Err(error(msg));
    }
    open.close()?;
    if changed || created {
        say(format!("Saved {}", shown(&path)));
    }
    result.map_err(|e| error(format!("terminal: {e}")))
}

/// The live screen needs a terminal; refused before the session is even
/// opened, so that nothing (recovery, a new file) happens unseen.
fn require_terminal() -> Result<(), Error> {
    use std::io::IsTerminal;
    if io::stdin().is_terminal() && io::stdout().is_terminal() {
        Ok(())
    } else {
        Err(error(
            "not a terminal: the live screen needs one; nothing was opened. Use `minutes export FILE` to read a session.",
        ))
    }
}

/// The sessions in the data directory, newest first, one line each. Titles,
/// file names and errors are printed with control characters escaped.
pub fn list(paths: &Paths, out: &mut impl Write) -> Result<(), Error> {
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let files = paths.session_files()?;
    let summaries = on_every_core(&files, |file| store::summarise(file));
    for (file, summary) in files.iter().zip(summaries) {
        let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
        let name =
            escape_controls(&file.file_name().unwrap_or_default().to_string_lossy()).into_owned();
        // Seen as `export` would see it, so that changes waiting in a
        // journal (or a damaged journal) are counted and reported here too;
        // but only the header is read when there is no journal.
        match summary {
            Ok((s, note)) => {
                if let Some(note) = note {
                    problems
                        .push(escape_controls(&format!("{name}: journal: {note}")).into_owned());
                }
                let date = s.started_at.or(s.scheduled_start);
                let title = escape_controls(&s.title).into_owned();
                rows.push((date, name, title, size, s.entries.to_string()));
            }
            Err(e) => {
                rows.push((None, name, "(unreadable)".into(), size, "-".into()));
                problems.push(escape_controls(&format!("unreadable: {e}")).into_owned());
            }
        }
    }
    rows.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let result = (|| -> io::Result<()> {
        if rows.is_empty() {
            writeln!(
                out,
                "No sessions in {}. Start one with `minutes new \"Title\"`.",
                escape_controls(&paths.data_dir.display().to_string())
            )?;
            return Ok(());
        }
        writeln!(
            out,
            "{:<16}  {:>8}  {:>7}  {:<40}  FILE",
            "DATE", "SIZE", "ENTRIES", "TITLE"
        )?;
        for (date, name, title, size, entries) in rows {
            let date = date.map_or_else(|| "-".into(), |d| d.format("%Y-%m-%d %H:%M").to_string());
            let title = crate::text::pad(&crate::text::fit(&title, 40), 40);
            writeln!(
                out,
                "{date:<16}  {:>8}  {entries:>7}  {title}  {name}",
                human_size(size)
            )?;
        }
        for problem in &problems {
            writeln!(out, "\n{problem}")?;
        }
        Ok(())
    })();
    ignore_broken_pipe(result)
}

fn human_size(bytes: u64) -> String {
    match bytes {
        b if b < 1024 => format!("{b} B"),
        b if b < 1024 * 1024 => format!("{:.1} KiB", b as f64 / 1024.0),
        b => format!("{:.1} MiB", b as f64 / (1024.0 * 1024.0)),
    }
}

/// The format asked for (or the template's own), else the one the
/// output's extension stands for. Standard output, or a device or pipe
/// with no extension: `fallback` (the config's, else text).
fn export_format(
    (asked, fallback): (Option<export::Format>, export::Format),
    out: Option<&Path>,
) -> Result<export::Format, Error> {
    if let Some(format) = asked {
        return Ok(format);
    }
    let Some(out) = out else {
        return Ok(fallback);
    };
    let extension = out
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match extension
        .as_deref()
        .and_then(export::Format::from_extension)
    {
        Some(format) => Ok(format),
        None if extension.is_none()
            && std::fs::metadata(out).is_ok_and(|m| !m.is_file() && !m.is_dir()) =>
        {
            Ok(fallback)
        }
        _ => Err(error(format!(
            "cannot tell the format of {} from its name: the extensions known are .txt, .md, .markdown, .html, .htm and .ics; or give one with --format",
            out.display()
        ))),
    }
}

fn export_to(
    file: &Path,
    asked: (Option<export::Format>, export::Format),
    template: &export::TemplateRef,
    options: export::Options,
    output: Option<&Path>,
    replace: bool,
) -> Result<(), Error> {
    // Read-only, so a session being recorded can be exported; any journal
    // beside it is replayed, so the export includes the latest entries.
    let open = OpenSession::open(file, Mode::ReadOnly)?;
    let recovery = open.recovery();
    // Changes journalled and not yet saved into the file are no accident
    // while the session is open elsewhere: the export has them, and says so
    // plainly; anything else is said as opening the session says it.
    let note = match recovery.message() {
        Some(_) if recovery.only_replayed() => Some(format!(
            "the export includes {} change{} journalled but not yet saved into the file",
            recovery.replayed,
            if recovery.replayed == 1 { "" } else { "s" }
        )),
        note => note,
    };
    if let Some(note) = note {
        // Said on stderr, so that it never ends up inside the minutes.
        let note = format!("minutes: {}: {note}", file.display());
        let _ = writeln!(io::stderr(), "{}", escape_controls(&note));
    }
    let out = output.map(|given| (given, where_to_write(given)));
    // Before the format: `-o meeting.ron` is first of all the session.
    if let Some((_, out)) = &out
        && let Some(which) = own_file(out, open.path())
    {
        return Err(error(format!(
            "{} is {which}; choose another output file",
            out.display()
        )));
    }
    let format = export_format(asked, output)?;
    let text = export::render(open.session(), format, template, options)?;
    match out {
        Some((given, out)) => {
            store::file::write_document(&out, text.as_bytes(), replace).map_err(|e| {
                match e.kind() {
                    io::ErrorKind::AlreadyExists => error(format!(
                        "{} already exists; give --force to replace it",
                        given.display()
                    )),
                    _ => error(format!("could not write {}: {e}", out.display())),
                }
            })?;
        }
        None => ignore_broken_pipe(io::stdout().lock().write_all(text.as_bytes()))?,
    }
    Ok(())
}

/// `f` of each of `items`, in their order, the items shared out among
/// the machine's cores: `list` reads and scans 200 files in half the time
/// on two.
fn on_every_core<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let share = items.len().div_ceil(cores).max(1);
    if share >= items.len() {
        return items.iter().map(f).collect();
    }
    std::thread::scope(|scope| {
        let f = &f;
        let shares: Vec<_> = items
            .chunks(share)
            .map(|chunk| scope.spawn(move || chunk.iter().map(f).collect::<Vec<R>>()))
            .collect();
        shares
            .into_iter()
            .flat_map(|share| {
                share
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e))
            })
            .collect()
    })
}

/// `out`, or, for a link to a file not there yet, that file: the export
/// creates it and the link then leads to it (renaming over the link would
/// replace the link itself).
fn where_to_write(out: &Path) -> PathBuf {
    let dangling = std::fs::metadata(out).is_err()
        && std::fs::symlink_metadata(out).is_ok_and(|m| m.file_type().is_symlink());
    match std::fs::read_link(out) {
        Ok(target) if dangling => store::file::dir_of(out).join(target),
        _ => out.to_path_buf(),
    }
}

/// Whether `out` is the session (at its real path `session`) or one of
/// the files minutes keeps beside it, which an export must not replace.
fn own_file(out: &Path, session: &Path) -> Option<&'static str> {
    // The output may not exist yet: resolve its directory instead.
    let real = std::fs::canonicalize(out).ok().or_else(|| {
        let dir = std::fs::canonicalize(store::file::dir_of(out)).ok()?;
        Some(dir.join(out.file_name()?))
    })?;
    [
        (session.to_path_buf(), "the session file itself"),
        (store::journal_path(session), "the session's journal"),
        (store::lock_path(session), "the session's lock file"),
        (store::backup_path(session), "the session's backup"),
    ]
    .into_iter()
    .find(|(path, _)| *path == real)
    .map(|(_, which)| which)
}

/// `minutes export … | head` is not an error.
fn ignore_broken_pipe(result: io::Result<()>) -> Result<(), Error> {
    match result {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// `minutes import roster|agenda SESSION FILE`: the file read whole and
/// checked first; then the session opened for writing (refused while it is
/// open elsewhere), the import applied as one change through the journal,
/// and the session saved and closed. A bad file changes nothing.
fn import(paths: Option<&Paths>, what: Import, out: &mut impl Write) -> Result<(), Error> {
    let (session, file) = match &what {
        Import::Roster { file, roster } => (file, roster),
        Import::Agenda { file, agenda } => (file, agenda),
    };
    let session = session_path(paths, session)?;
    let shown = |p: &Path| p.display().to_string();
    if is_same_file(&session, file) {
        return Err(error(format!(
            "{} is the session itself: expected {}; nothing was imported",
            shown(file),
            match &what {
                Import::Roster { .. } => "a CSV roster (name, organisation, role on each row)",
                Import::Agenda { .. } => "an agenda (TOPIC | PRESENTER | MINUTES on each line)",
            }
        )));
    }
    let bytes = read_import(file)?;
    let bad_file = |bad: Vec<crate::import::BadLine>| {
        const SHOWN: usize = 10;
        let mut msg = format!(
            "{}: nothing was imported, {} bad line{}:",
            shown(file),
            bad.len(),
            if bad.len() == 1 { "" } else { "s" }
        );
        for b in bad.iter().take(SHOWN) {
            msg.push_str(&format!("\n  {b}"));
        }
        if bad.len() > SHOWN {
            msg.push_str(&format!("\n  and {} more", bad.len() - SHOWN));
        }
        error(msg)
    };
    enum Parsed {
        People(Vec<crate::import::Person>),
        Topics(Vec<crate::import::Topic>),
    }
    let parsed = match &what {
        Import::Roster { .. } => {
            Parsed::People(crate::import::parse_roster(&bytes).map_err(bad_file)?)
        }
        Import::Agenda { .. } => {
            let (topics, mut bad) = crate::import::read_agenda(&bytes);
            if !bad.is_empty() {
                // The presenters too, so that one report says every bad
                // line: against the session as saved, without taking it.
                if let Ok(s) = store::load(&session)
                    && let Err(more) = crate::import::plan_agenda(&s, topics)
                {
                    bad.extend(more);
                    bad.sort_by_key(|b| b.line);
                }
                return Err(bad_file(bad));
            }
            Parsed::Topics(topics)
        }
    };
    let mut open = match OpenSession::open(&session, Mode::ReadWrite) {
        Ok(open) => open,
        Err(store::OpenError::Locked(store::lock::LockError::Held { path, holder })) => {
            return Err(error(format!(
                "{} is open in another minutes ({holder}); nothing was imported. Close it there first, then import again.",
                shown(&path)
            )));
        }
        Err(e) => return Err(error(format!("{e}\nNothing was imported."))),
    };
    if let Some(note) = open.recovery().message() {
        let _ = writeln!(io::stderr(), "minutes: {}: {}", shown(open.path()), note);
    }
    if open.is_read_only() {
        let path = shown(open.path());
        let _ = open.close();
        return Err(error(format!(
            "{path} cannot be changed until its journal is sorted out (open it with `minutes open` to see why); nothing was imported"
        )));
    }
    let (plan, noun, place) = match parsed {
        Parsed::People(people) => (
            crate::import::plan_roster(open.session(), people, chrono::Local::now().fixed_offset()),
            ("person", "people"),
            "roster",
        ),
        Parsed::Topics(topics) => match crate::import::plan_agenda(open.session(), topics) {
            Ok(plan) => (plan, ("topic", "topics"), "agenda"),
            Err(bad) => {
                // Closed unchanged: the file is not written, the lock and
                // the empty journal go.
                let _ = open.close();
                return Err(bad_file(bad));
            }
        },
    };
    if let Some(change) = plan.change.clone()
        && let Err(e) = open.apply(change)
    {
        let _ = open.close();
        return Err(error(format!("{e}; nothing was imported")));
    }
    // Written to the journal (else kept in memory for `close` to save).
    let journalled = open.unsaved() == 0;
    let real = open.path().to_path_buf();
    if let Err(e) = open.close() {
        return Err(error(if journalled {
            format!(
                "could not save {}: {e}; the import is kept in its journal {}, and opening the session recovers it",
                shown(&real),
                shown(&store::journal_path(&real))
            )
        } else {
            format!(
                "could not save {} nor write its journal: {e}; nothing was imported",
                shown(&real)
            )
        }));
    }
    let count = |n: usize| format!("{n} {}", if n == 1 { noun.0 } else { noun.1 });
    let mut said = format!("Imported {}", count(plan.added.len()));
    let mut notes = Vec::new();
    if !plan.already.is_empty() {
        notes.push(format!(
            "{} already on the {place}: {}",
            plan.already.len(),
            some(plan.already.iter().cloned(), ", ")
        ));
    }
    if !plan.repeated.is_empty() {
        let repeated = plan
            .repeated
            .iter()
            .map(|(name, line, first)| format!("{name} on line {line}, as on line {first}"));
        notes.push(format!(
            "{} given twice in the file: {}",
            plan.repeated.len(),
            some(repeated, "; ")
        ));
    }
    if !notes.is_empty() {
        said.push_str(&format!(" ({})", notes.join("; ")));
    }
    said.push_str(&format!(" into {}", shown(&session)));
    if !plan.new_organisations.is_empty() {
        said.push_str(&format!(
            "\nNew organisations: {}",
            some(plan.new_organisations.iter().cloned(), ", ")
        ));
    }
    ignore_broken_pipe(writeln!(out, "{}", escape_controls(&said)))
}

/// `minutes man`: the manual page on `out`, or with `dir`, a page for the
/// program and one for each command written there (their names on `out`).
fn man(dir: Option<&Path>, out: &mut impl Write) -> Result<(), Error> {
    // `help` is not a command with a page of its own.
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    let Some(dir) = dir else {
        let mut page = Vec::new();
        clap_mangen::Man::new(command).render(&mut page)?;
        return ignore_broken_pipe(out.write_all(&page));
    };
    let mut pages = vec![command.clone()];
    let mut i = 0;
    while i < pages.len() {
        let subs: Vec<_> = pages[i].get_subcommands().cloned().collect();
        pages.extend(subs);
        i += 1;
    }
    for page in pages {
        let man = clap_mangen::Man::new(page);
        let path = dir.join(man.get_filename());
        let mut roff = Vec::new();
        man.render(&mut roff)?;
        store::file::write_document(&path, &roff, true)
            .map_err(|e| error(format!("could not write {}: {e}", path.display())))?;
        ignore_broken_pipe(writeln!(
            out,
            "{}",
            escape_controls(&path.display().to_string())
        ))?;
    }
    Ok(())
}

/// The first few of a list, joined by `sep`, and how many more there are:
/// a report stays a few lines however long the file.
fn some(items: impl ExactSizeIterator<Item = String>, sep: &str) -> String {
    const SHOWN: usize = 5;
    let total = items.len();
    let mut said = items.take(SHOWN).collect::<Vec<_>>().join(sep);
    if total > SHOWN {
        said.push_str(&format!("{sep}and {} more", total - SHOWN));
    }
    said
}

/// Whether the import file is the session file itself (by another name,
/// or a link to it): read as a roster, it would be made-up people.
fn is_same_file(session: &Path, file: &Path) -> bool {
    if let (Ok(a), Ok(b)) = (session.canonicalize(), file.canonicalize())
        && a == b
    {
        return true;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(a), Ok(b)) = (std::fs::metadata(session), std::fs::metadata(file)) {
            return a.is_file() && a.dev() == b.dev() && a.ino() == b.ino();
        }
    }
    false
}

/// The most a roster or agenda file may hold: far more than any meeting's.
const MAX_IMPORT_SIZE: u64 = 16 << 20;

/// An import file's bytes; read up to a limit, so that a device that never
/// ends (`/dev/zero`) is an error, and a pipe (`/dev/stdin`, or `-` for
/// standard input) can be read.
fn read_import(file: &Path) -> Result<Vec<u8>, Error> {
    let failed = |e: io::Error| error(format!("{}: {e}", file.display()));
    let read = if file == Path::new("-") {
        store::file::read_at_most(io::stdin().lock(), MAX_IMPORT_SIZE)
    } else {
        std::fs::File::open(file).and_then(|f| store::file::read_at_most(f, MAX_IMPORT_SIZE))
    };
    read.map_err(failed)?.ok_or_else(|| {
        error(format!(
            "{}: more than {} MiB, too large for a roster or agenda; nothing was imported",
            file.display(),
            MAX_IMPORT_SIZE >> 20
        ))
    })
}
