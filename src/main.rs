use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};
use minutes::cli::Cli;
use minutes::text::escape_controls;

fn main() -> ExitCode {
    // Past a file-size limit (`ulimit -f`) a write would kill the process,
    // the terminal left raw and the line being written lost. Ignored, the
    // write fails with EFBIG instead, and is handled like a full disk:
    // said, retried, rescued elsewhere.
    // SAFETY: setting a signal's disposition to SIG_IGN, before any thread.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
    // An environment variable set to nothing (`MINUTES_CONFIG= minutes`)
    // is as good as unset, as NO_COLOR's is; clap would refuse it as a
    // missing value of the option it stands for.
    for name in [
        minutes::config::CONFIG_ENV,
        minutes::store::paths::DATA_DIR_ENV,
    ] {
        if std::env::var_os(name).is_some_and(|v| v.is_empty()) {
            // SAFETY: no other thread runs yet.
            unsafe { std::env::remove_var(name) };
        }
    }
    let cli = match parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    match minutes::commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // Not eprintln!, which panics when stderr is a closed terminal.
            // `Error` shows control characters escaped.
            let _ = writeln!(std::io::stderr(), "minutes: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// The command line, or clap's message about it printed and the exit code.
fn parse() -> Result<Cli, ExitCode> {
    // clap quotes the arguments it refuses, and on a terminal passes their
    // control characters through (`minutes export *.ron` among hostile file
    // names). With such an argument the message is built without colour, so
    // that what is left to escape is the argument's.
    let hostile = std::env::args_os().any(|a| {
        let a = a.to_string_lossy();
        escape_controls(&a) != a
    });
    let mut command = Cli::command();
    if hostile {
        command = command.styles(clap::builder::Styles::plain());
    }
    let err = match command.try_get_matches_from_mut(std::env::args_os()) {
        Ok(matches) => match Cli::from_arg_matches(&matches) {
            Ok(cli) => return Ok(cli),
            Err(err) => err.format(&mut command),
        },
        Err(err) => err,
    };
    if !hostile || !err.use_stderr() {
        err.exit();
    }
    let message = err.render().ansi().to_string();
    let _ = std::io::stderr().write_all(escape_controls(&message).as_bytes());
    Err(ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2)))
}
