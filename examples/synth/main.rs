//! Writes a synthetic session for measuring `minutes` at scale:
//!
//! ```sh
//! cargo run --release --example synth -- --entries 100000 -o /tmp/big.ron
//! minutes open --read-only /tmp/big.ron
//! ```
//!
//! The same options always write the same bytes (see `gen.rs`).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

mod r#gen;

/// A deterministic synthetic session: a symposium under way with a large
/// roster (Latin, Chinese, Japanese and Korean names), an agenda, every
/// kind of entry, a speaker queue, returns and credits.
#[derive(Parser)]
struct Args {
    /// How many log entries.
    #[arg(long, default_value_t = 10_000)]
    entries: usize,
    /// How many people on the roster.
    #[arg(long, default_value_t = 200)]
    attendees: usize,
    /// Another seed, another session of the same size.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Where to save it (as `minutes` saves, atomically); stdout if not given.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let params = r#gen::Params {
        entries: args.entries,
        attendees: args.attendees,
        seed: args.seed,
    };
    let session = r#gen::session(&params);
    let result = match &args.output {
        Some(path) => minutes::store::save(path, &session).map_err(|e| e.to_string()),
        None => minutes::store::file::to_ron(&session)
            .map_err(|e| e.to_string())
            .and_then(|text| {
                std::io::stdout()
                    .lock()
                    .write_all(text.as_bytes())
                    .map_err(|e| e.to_string())
            }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("synth: {e}");
            ExitCode::FAILURE
        }
    }
}
