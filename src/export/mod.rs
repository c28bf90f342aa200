//! Minutes as a document to send out. [`model`] decides what the minutes
//! say, once, as plain data; a template (built in, or the user's own) lays
//! it out as text, Markdown or HTML, with the help of [`text`]'s layout and
//! [`markdown`]'s escaping. The action items alone can also be written
//! as an iCalendar file of to-dos ([`ics`]), without a template.

pub mod ics;
pub mod markdown;
pub mod model;
pub mod prose;
pub mod templates;
pub mod text;
pub mod wrap;

use std::path::{Path, PathBuf};

pub use model::{Minutes, Options, Order};

use crate::model::Session;

/// The formats minutes can be exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text, wrapped at 80 columns.
    Text,
    Markdown,
    /// One self-contained page.
    Html,
    /// iCalendar: the action items as to-dos, not through a template.
    Ics,
}

impl Format {
    /// The extension of its files, and the inner one of its templates'
    /// (`minutes.md.j2`).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Ics => "ics",
        }
    }

    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            "ics" => Some(Format::Ics),
            _ => None,
        }
    }
}

/// Which template to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateRef {
    /// `NAME.FORMAT.j2` in the configuration directory's `templates`
    /// folder if it is there, else the built-in one (`minutes`, `actions`).
    Named(String),
    /// A template file (`my.md.j2`).
    File(PathBuf),
    /// The built-in template of that name, whatever the configuration
    /// directory holds (for tests and benchmarks).
    Builtin(String),
}

impl Default for TemplateRef {
    fn default() -> Self {
        TemplateRef::Named("minutes".into())
    }
}

impl TemplateRef {
    /// What `--template` says: a path when it names a file (a `/` in it, or
    /// a name ending in `.j2`), a name otherwise.
    pub fn parse(arg: &str) -> TemplateRef {
        if arg.contains(std::path::MAIN_SEPARATOR) || arg.contains('/') || arg.ends_with(".j2") {
            TemplateRef::File(arg.into())
        } else {
            TemplateRef::Named(arg.into())
        }
    }

    /// Whether this is a written report (`report`, built in or the
    /// user's, or a file `report.FORMAT.j2`): given public minutes only.
    pub fn is_report(&self) -> bool {
        match self {
            TemplateRef::Named(name) | TemplateRef::Builtin(name) => name == "report",
            TemplateRef::File(path) => path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("report.")),
        }
    }

    /// The format a template file is for, by its inner extension
    /// (`my.md.j2` is Markdown); `None` for a name or another file.
    ///
    /// A name of the user's that is not built in and is there in one
    /// format only (`templates/mine.md.j2`) is for that format.
    pub fn format(&self) -> Option<Format> {
        let of_file = |name: &str| {
            let inner = name.strip_suffix(".j2")?;
            Format::from_extension(Path::new(inner).extension()?.to_str()?)
        };
        match self {
            TemplateRef::File(path) => {
                let name = path.file_name()?.to_str()?;
                of_file(name).or_else(|| of_file(&format!("{name}.j2")))
            }
            TemplateRef::Named(name) if !templates::builtin_names().contains(&name.as_str()) => {
                let dir = crate::store::paths::templates_dir()?;
                let mut formats = std::fs::read_dir(dir)
                    .ok()?
                    .filter_map(|e| e.ok()?.file_name().into_string().ok())
                    .filter(|f| {
                        f.strip_prefix(name.as_str())
                            .is_some_and(|r| r.starts_with('.'))
                    })
                    .filter_map(|f| of_file(&f));
                let format = formats.next()?;
                formats.next().is_none().then_some(format)
            }
            _ => None,
        }
    }
}

/// Why minutes could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(
        "no template {name:?} for {ext}: not built in ({builtins}) and not in {dir}",
        builtins = templates::builtin_names().join(", "),
    )]
    NoTemplate {
        name: String,
        ext: &'static str,
        dir: String,
    },
    /// A template asked of the iCalendar export, which has none.
    #[error(
        "iCalendar (ics) is written without templates: it holds the action items, one to-do each; leave out --template (it says {0:?})"
    )]
    IcsTemplate(String),
    /// An iCalendar export of a session without action items.
    #[error(
        "no action items{} to put in a calendar: an iCalendar file needs at least one to-do, so none was written",
        if *public { " but confidential ones" } else { "" }
    )]
    NoActions { public: bool },
    #[error("could not read the template {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A syntax error, an undefined value, a filter given the wrong
    /// arguments: where, and what.
    #[error("template {name}{}: {message}", line.map(|l| format!(", line {l}")).unwrap_or_default())]
    Template {
        name: String,
        line: Option<usize>,
        message: String,
    },
}

/// The built-in minutes of `session` in `format`, with the default options.
pub fn export(session: &Session, format: Format) -> String {
    let minutes = TemplateRef::Builtin("minutes".into());
    render(session, format, &minutes, Options::default())
        .expect("the built-in templates render every session")
}

/// `session`'s minutes rendered through `template` in `format`.
pub fn render(
    session: &Session,
    format: Format,
    template: &TemplateRef,
    options: Options,
) -> Result<String, ExportError> {
    if format == Format::Ics {
        // The action items, whichever of the built-in minutes or actions
        // was asked for (the default, or --actions-only).
        return match template {
            TemplateRef::Named(name) | TemplateRef::Builtin(name)
                if name == "minutes" || name == "actions" =>
            {
                let calendar = ics::calendar(session, options, chrono::Utc::now());
                // RFC 5545 wants a component in a calendar: an empty one is
                // refused by some readers, and would say nothing anyway.
                match calendar.contains("\r\nBEGIN:VTODO\r\n") {
                    true => Ok(calendar),
                    false => Err(ExportError::NoActions {
                        public: options.public,
                    }),
                }
            }
            TemplateRef::Named(name) | TemplateRef::Builtin(name) => {
                Err(ExportError::IcsTemplate(name.clone()))
            }
            TemplateRef::File(path) => Err(ExportError::IcsTemplate(path.display().to_string())),
        };
    }
    let (name, source) = load(template, format)?;
    // The written report is for publication, whoever's template writes it:
    // it is given the public minutes only.
    let options = Options {
        public: options.public || template.is_report(),
        ..options
    };
    render_minutes(&Minutes::of(session, options), format, &name, source)
}

/// `minutes` rendered through the template `source` called `name`.
pub fn render_minutes(
    minutes: &Minutes,
    format: Format,
    name: &str,
    source: std::borrow::Cow<'static, str>,
) -> Result<String, ExportError> {
    let error = |e: minijinja::Error| template_error(name, e);
    LAST_ENVIRONMENT.with_borrow_mut(|last| {
        let reusable = last
            .as_ref()
            .is_some_and(|l: &Parsed| l.format == format && l.name == name && l.source == source);
        if !reusable {
            *last = None;
            let mut env = templates::environment(format);
            env.add_template_owned(name.to_string(), source.clone())
                .map_err(error)?;
            *last = Some(Parsed {
                format,
                name: name.to_string(),
                source,
                env,
            });
        }
        let env = &last.as_ref().expect("made above").env;
        let template = env.get_template(name).map_err(error)?;
        template
            .render(minijinja::Value::from(minijinja::value::Serde(minutes)))
            .map_err(error)
    })
}

/// An environment with a template parsed, for the next export through
/// the same template.
struct Parsed {
    format: Format,
    name: String,
    source: std::borrow::Cow<'static, str>,
    env: minijinja::Environment<'static>,
}

thread_local! {
    /// The last export's environment: made again (about 0.2 ms) only for
    /// another format or template.
    static LAST_ENVIRONMENT: std::cell::RefCell<Option<Parsed>> =
        const { std::cell::RefCell::new(None) };
}

/// The name (for its messages and auto-escaping) and source of a template.
fn load(
    template: &TemplateRef,
    format: Format,
) -> Result<(String, std::borrow::Cow<'static, str>), ExportError> {
    let read = |path: &Path| {
        std::fs::read_to_string(path).map_err(|source| ExportError::Read {
            path: path.to_path_buf(),
            source,
        })
    };
    match template {
        TemplateRef::File(path) => {
            let name = path.display().to_string();
            Ok((name, read(path)?.into()))
        }
        TemplateRef::Named(name) | TemplateRef::Builtin(name) => {
            let file = format!("{name}.{}.j2", format.extension());
            let dir = match template {
                TemplateRef::Named(_) => crate::store::paths::templates_dir(),
                _ => None,
            };
            if let Some(path) = dir.as_ref().map(|d| d.join(&file)).filter(|p| p.is_file()) {
                return Ok((path.display().to_string(), read(&path)?.into()));
            }
            match templates::builtin(&file) {
                Some(source) => Ok((file, source.into())),
                None => Err(ExportError::NoTemplate {
                    name: name.clone(),
                    ext: format.extension(),
                    dir: dir.map_or("a configuration directory".into(), |d| {
                        d.display().to_string()
                    }),
                }),
            }
        }
    }
}

fn template_error(name: &str, e: minijinja::Error) -> ExportError {
    let mut message = match e.detail() {
        Some(detail) => format!("{}: {detail}", e.kind()),
        None => e.kind().to_string(),
    };
    // An error in a filter or function says what it was given.
    let mut source = std::error::Error::source(&e);
    while let Some(cause) = source {
        message.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    ExportError::Template {
        name: e.name().unwrap_or(name).to_string(),
        line: e.line(),
        message,
    }
}
