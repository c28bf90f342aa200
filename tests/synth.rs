//! The synthetic-session generator the benchmarks use (examples/synth):
//! deterministic, and its sessions are ones `minutes` loads.

use std::collections::HashSet;

use minutes::model::{EntryKind, Session};

#[path = "../examples/synth/gen.rs"]
mod synth;

use synth::Params;

fn small(seed: u64) -> Params {
    Params {
        entries: 600,
        attendees: 60,
        seed,
    }
}

#[test]
fn the_same_seed_gives_the_same_bytes() {
    assert_eq!(synth::ron(&small(7)), synth::ron(&small(7)));
}

#[test]
fn another_seed_gives_another_session() {
    assert_ne!(synth::ron(&small(7)), synth::ron(&small(8)));
}

#[test]
fn a_generated_session_saves_and_loads_back_unchanged() {
    let session = synth::session(&small(1));
    assert!(session.problems().is_empty(), "{:?}", session.problems());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("synth.ron");
    minutes::store::save(&path, &session).unwrap();
    assert_eq!(minutes::store::load(&path).unwrap(), session);
    // What the example writes is byte for byte what `minutes` saves.
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        synth::ron(&small(1))
    );
}

#[test]
fn a_generated_session_has_the_sizes_asked_for() {
    let s = synth::session(&Params {
        entries: 1234,
        attendees: 321,
        seed: 3,
    });
    assert_eq!(s.entries.len(), 1234);
    assert_eq!(s.attendees.len(), 321);
    let names: HashSet<&str> = s.attendees.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names.len(), 321, "every name is someone else's");
}

/// Everything the issue asks the benchmarks to exercise is in it.
#[test]
fn a_generated_session_has_every_part_of_a_meeting() {
    let s: Session = synth::session(&small(2));
    let kinds: HashSet<&str> = s.entries.iter().map(|e| e.kind.label()).collect();
    for kind in [
        "Note",
        "Speech",
        "Discussion",
        "Question",
        "Decision",
        "Conclusion",
        "Action",
    ] {
        assert!(kinds.contains(kind), "no {kind} in {kinds:?}");
    }
    assert!(s.entries.iter().any(|e| matches!(
        e.kind,
        EntryKind::Action {
            owner: Some(_),
            due: Some(_),
            ..
        }
    )));
    assert!(
        s.entries
            .iter()
            .any(|e| matches!(e.kind, EntryKind::Speech { .. }) && !e.text.is_empty())
    );
    // Exactly one speech goes on: the last one.
    let open: Vec<_> = s
        .entries
        .iter()
        .filter(|e| matches!(e.kind, EntryKind::Speech { ended_at: None, .. }))
        .collect();
    assert_eq!(open.len(), 1);
    assert!(s.attendees.iter().any(|a| !a.earlier.is_empty()));
    let cjk =
        |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{ac00}'..='\u{d7a3}').contains(&c);
    assert!(s.attendees.iter().any(|a| a.name.chars().any(cjk)));
    assert!(
        s.attendees
            .iter()
            .any(|a| a.name.chars().any(|c| "áéíóúñöüçåøłș".contains(c)))
    );
    assert!(s.organisations.len() > 3);
    assert!(s.agenda.len() > 3 && s.current_agenda_item().is_some());
    assert!(!s.queue.is_empty());
    assert!(!s.credits.is_empty());
    // Entries are in the order they were logged.
    assert!(s.entries.windows(2).all(|w| w[0].at < w[1].at));
}

#[test]
fn the_example_writes_a_file_minutes_exports() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("synth.ron");
    std::fs::write(&path, synth::ron(&small(5))).unwrap();
    let out = assert_cmd::Command::cargo_bin("minutes")
        .unwrap()
        .arg("export")
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("Asia–Europe")
    );
}
