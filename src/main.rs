use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = minutes::cli::Cli::parse();
    match minutes::commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // Not eprintln!, which panics when stderr is a closed terminal.
            let _ = writeln!(std::io::stderr(), "minutes: {err:#}");
            ExitCode::FAILURE
        }
    }
}
