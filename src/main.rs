use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = minutes::cli::Cli::parse();
    match minutes::commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("minutes: {err:#}");
            ExitCode::FAILURE
        }
    }
}
