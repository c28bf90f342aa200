//! Writes the seed corpus, `seeds/load/` and `seeds/replay/`, from the
//! sample session and real changes made to it. Not a fuzz target: run it
//! with `cargo run --bin seeds` after a change to the model or the journal.

use std::fs;
use std::path::Path;

use minutes::store::file::to_ron;
use minutes_fuzz::{DAMAGE, SAMPLE, bases};

/// A file written by hand: byte-order mark, comments, `Some(..)` spelled
/// out, fields left out, escapes and a raw string.
const HAND_WRITTEN: &str = "\u{feff}// Board meeting, typed by hand.
(
    version: 1,
    title: \"Board \\u{e9}lection\", /* a block comment */
    started_at: Some(\"2026-03-02T09:00:00+08:00\"),
    organisations: [(code: \"NUS\", name: r#\"National \"University\"\"#)],
    attendees: [
        (id: 7, name: \"林美玲\", organisation: \"NUS\", attendance: Late, joined_at: \"2026-03-02T09:10:00+08:00\"),
        (id: 2, name: \"Zoë\", role: \"Observer\"),
    ],
    chair: 7,
    agenda: [(id: 1, title: \"Budget\", planned_minutes: 15, status: Current)],
    entries: [
        (id: 1, at: \"2026-03-02T09:12:00+08:00\", agenda_item: 1, kind: Speech(speaker: 7), text: \"Opened.\"),
        (id: 2, at: \"2026-03-02T09:20:00+08:00\", kind: Action(owner: 2, due: \"2026-04-01\"), text: \"Send the figures\"),
    ],
    credits: [(role: Other(\"Minutes\"), name: \"Zoë\")],
    journal_seq: 3,
)
";

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        fs::create_dir_all(path.parent().expect("in a folder")).expect("seeds/ can be created");
        fs::write(&path, bytes).expect("a seed can be written");
        println!("{:>6} {}", bytes.len(), path.display());
    };
    let [sample, small] = bases() else {
        panic!("two bases");
    };
    let ron = |s| to_ron(s).expect("a base saves");

    write("load/sample.ron", SAMPLE.as_bytes());
    write("load/small.ron", ron(&small.saved).as_bytes());
    write("load/small-ended.ron", ron(small.recovered()).as_bytes());
    write("load/hand-written.ron", HAND_WRITTEN.as_bytes());

    write("replay/sample.journal", &sample.journal());
    write("replay/small.journal", &small.journal());
    // Written before records had checksums.
    let legacy: String = small.lines[..3].iter().map(|l| &l[9..]).collect();
    write("replay/small-legacy.journal", legacy.as_bytes());

    // Damage to a real journal: base, records saved, records kept (see
    // `minutes_fuzz::check_damaged_journal`), then edits of four bytes.
    let damaged = |pick: u8, edits: &[[u8; 4]]| {
        let mut input = vec![DAMAGE, pick];
        input.extend(edits.iter().flatten());
        input
    };
    let pick = |base: u8, saved: u8, kept: u8| kept << 4 | saved << 1 | base;
    // A flipped bit in the sample's journal.
    write(
        "replay/damage-flip",
        &damaged(pick(0, 0, 4), &[[0, 1, 0, 0x04]]),
    );
    // A record's text changed and its checksum fixed.
    write(
        "replay/damage-edit",
        &damaged(pick(1, 0, 5), &[[8, 4, 30, b'9']]),
    );
    // The file saved after three records; two later records swapped.
    write(
        "replay/damage-saved-swap",
        &damaged(pick(1, 3, 6), &[[6, 4, 5, 0]]),
    );
    // The chair removed by the next record.
    write(
        "replay/damage-hostile",
        &damaged(pick(0, 0, 3), &[[11, 99, 0, 4]]),
    );
    // A record repeated with the number of the one before.
    write(
        "replay/damage-renumber",
        &damaged(pick(1, 0, 5), &[[13, 3, 0, 3]]),
    );
    // Zeros where the last records were.
    write(
        "replay/damage-zeros",
        &damaged(pick(1, 0, 0), &[[4, 3, 0, 200]]),
    );
}
