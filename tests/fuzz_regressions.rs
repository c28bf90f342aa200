//! The fuzz targets' inputs kept in the repository (`fuzz/seeds/`, and
//! below, what the fuzzers found), run through the targets' own checks, so
//! that `cargo test` exercises them without AFL. The checks are the fuzz
//! crate's source file itself, included here as a module.

#[allow(dead_code)] // what only the fuzz crate's seed writer uses
#[path = "../fuzz/src/lib.rs"]
mod fuzz;

use std::path::{Path, PathBuf};

use minutes::store::file::parse;
use minutes::store::journal::recover;

/// The committed seeds of a fuzz target, in name order.
fn seeds(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/seeds")
        .join(target);
    let mut seeds: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            (path, bytes)
        })
        .collect();
    seeds.sort();
    assert!(!seeds.is_empty(), "no seeds in {}", dir.display());
    seeds
}

#[test]
fn every_load_seed_loads_and_saves_back_to_the_same_bytes() {
    for (path, bytes) in seeds("load") {
        // A seed that does not load would only lead the fuzzer to errors.
        if let Err(e) = parse(&path, &bytes) {
            panic!("seed {} does not load: {e}", path.display());
        }
        fuzz::check_load(&bytes);
    }
}

#[test]
fn every_replay_seed_passes_the_replay_checks() {
    for (path, bytes) in seeds("replay") {
        eprintln!("seed {}", path.display());
        fuzz::check_replay(&bytes);
    }
}

#[test]
fn the_generated_journals_replay_whole_onto_their_sessions() {
    for base in fuzz::bases() {
        let (session, replay) = recover(base.saved.clone(), &base.journal());
        assert!(
            !replay.is_damaged() && !replay.torn_tail,
            "{}: {replay:?}",
            base.name
        );
        assert_eq!(replay.applied, base.lines.len(), "{}", base.name);
        assert_eq!(&session, base.recovered(), "{}", base.name);
    }
}

// ------------------------------------------------- what the fuzzers found

/// Found by the replay target (its check that replaying a journal onto the
/// session it recovered adds nothing). A record repeated in the journal
/// stops replay ("change 2 appears twice") and the records after it are
/// reported as not applied. Opening saves the recovered session at once
/// (`journal_seq: 2`) and then empties the journal; after a crash between
/// the two, or if emptying fails (`save` ignores that), the next replay
/// skips the repeat as "already in the file" and applies the records the
/// first one refused. With new changes appended meanwhile (numbered from 3
/// again), it is those that are refused. Fixed: a damaged replay uses up the
/// numbers of every intact record it saw.
#[test]
fn a_repeated_record_stops_replay_again_once_the_recovered_session_is_saved() {
    let base = &fuzz::bases()[1];
    let l = &base.lines;
    let journal = [&l[0], &l[1], &l[1], &l[2], &l[3]]
        .map(String::as_str)
        .concat();
    let (recovered, first) = recover(base.saved.clone(), journal.as_bytes());
    assert_eq!(first.applied, 2, "{first:?}");
    assert_eq!(first.damage.as_ref().map(|d| d.not_applied), Some(2));

    let (reopened, second) = recover(recovered.clone(), journal.as_bytes());
    assert_eq!(second.applied, 0, "{second:?}");
    assert_eq!(reopened, recovered);
}

/// The replay target's own input for the bug above (out of 140 crashes in
/// a run of 143 s, all this bug), minimised with `cargo afl tmin`: damage
/// mode (`!`); `0`: the sample session, nothing of its journal saved, the
/// journal's first 3 records; `0xf3`: duplicate line 1. Replay applies
/// change 1, stops at its copy and refuses changes 2 and 3; replayed again
/// onto that result, it applies them.
#[test]
fn replay_fuzz_find_a_duplicated_first_record() {
    fuzz::check_replay(b"!0\xf3");
}

/// Found by the replay target on the fixed code: the numbers a damaged
/// replay used up did not count a whole last record without its newline,
/// so a second replay applied it. The inputs, as AFL saved them, are in
/// `fuzz/regressions/`.
#[test]
fn replay_fuzz_finds_in_fuzz_regressions_pass() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        if name.starts_with("replay-") {
            fuzz::check_replay(&bytes);
            count += 1;
        }
    }
    assert!(count >= 3, "the finds are in {}", dir.display());
}
