//! Speed targets of the store and the exporter, at the sizes that matter:
//! a normal meeting (a few hundred entries) and a very long one (10,000).
//!
//! Targets (on the 2-core CI machine):
//! - journalling one entry (write + fdatasync) costs the same at 10 and at
//!   10,000 entries: O(1) in the session's size, dominated by the fsync;
//! - loading or saving a 10,000-entry session (a 55-hour meeting) stays
//!   under the 100 ms a person notices (measured: ~50 ms and ~75 ms);
//! - exporting it as text stays under 250 ms (measured before issue 9:
//!   ~155 ms with textwrap's optimal fit; since, lines are filled first-fit
//!   and the usual alphabet is wrapped by `export::wrap`: see
//!   docs/PERFORMANCE.md, whose benches/session.rs measures 1k to 100k).

use std::hint::black_box;

use chrono::{DateTime, Duration};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use minutes::model::*;
use minutes::store::{self, Mode, OpenSession};

fn synthetic(entries: usize) -> Session {
    let start = DateTime::parse_from_rfc3339("2026-11-19T09:00:00+08:00").unwrap();
    let mut s = Session::new("Synthetic symposium 合成会议");
    s.started_at = Some(start);
    s.organisations = (0..3)
        .map(|i| Organisation {
            code: format!("O{i}"),
            name: format!("Organisation {i}"),
        })
        .collect();
    s.attendees = (1..=30)
        .map(|i| Attendee {
            id: AttendeeId(i),
            name: format!("参会者 {i} Ñúñez"),
            organisation: Some(format!("O{}", i % 3)),
            role: "Speaker".into(),
            attendance: Attendance::Present,
            joined_at: Some(start),
            left_at: None,
            earlier: Vec::new(),
        })
        .collect();
    s.agenda = (1..=8)
        .map(|i| AgendaItem {
            id: AgendaId(i),
            title: format!("Topic {i}"),
            presenter: Some(AttendeeId(i)),
            planned_minutes: 30,
            started_at: None,
            ended_at: None,
            status: AgendaStatus::Pending,
        })
        .collect();
    s.entries = (0..entries)
        .map(|i| {
            let at = start + Duration::seconds(i as i64 * 20);
            let kind = match i % 5 {
                0 => EntryKind::Speech {
                    speaker: AttendeeId(i as u32 % 30 + 1),
                    ended_at: Some(at + Duration::seconds(15)),
                },
                1 => EntryKind::Decision,
                2 => EntryKind::Action {
                    owner: Some(AttendeeId(1)),
                    due: None,
                    done: false,
                },
                _ => EntryKind::Note,
            };
            Entry {
                id: EntryId(i as u32 + 1),
                at,
                agenda_item: Some(AgendaId((i * 8 / entries.max(1)) as u32 + 1)),
                kind,
                text: format!(
                    "Point {i}: the partners discussed the proposal at some length — 讨论了提案."
                ),
                confidential: false,
                carried_over: None,
            }
        })
        .collect();
    s
}

fn journal_append(c: &mut Criterion) {
    let mut group = c.benchmark_group("journal_one_entry");
    for size in [10, 10_000] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        store::save(&path, &synthetic(size)).unwrap();
        let mut open = OpenSession::open(&path, Mode::ReadWrite).unwrap();
        group.bench_with_input(BenchmarkId::from_parameter(size), &size, |b, _| {
            b.iter(|| {
                let s = open.session();
                let item = Entry {
                    id: s.next_entry_id(),
                    at: s.started_at.unwrap(),
                    agenda_item: None,
                    kind: EntryKind::Note,
                    text: "A new note typed by the secretary".into(),
                    confidential: false,
                    carried_over: None,
                };
                let index = s.entries.len();
                open.apply(Change::Entry(Edit::Insert { index, item }))
                    .unwrap();
            })
        });
    }
    group.finish();
}

fn whole_file(c: &mut Criterion) {
    let session = synthetic(10_000);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    store::save(&path, &session).unwrap();
    c.bench_function("load_10000_entries", |b| {
        b.iter(|| black_box(store::load(&path).unwrap()))
    });
    c.bench_function("save_10000_entries", |b| {
        b.iter(|| store::save(&path, black_box(&session)).unwrap())
    });
    c.bench_function("export_text_10000_entries", |b| {
        b.iter(|| {
            black_box(minutes::export::export(
                &session,
                minutes::export::Format::Text,
            ))
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = journal_append, whole_file
}
criterion_main!(benches);
