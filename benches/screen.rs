//! Speed targets of the live screen at the sizes a hostile tester tried:
//! a roster of 100,000 attendees and a 200,000-character paste.
//!
//! Targets (on the 2-core CI machine): opening the person picker and each
//! keystroke in it, each with the frame drawn after it (80x24), someone
//! joining such a roster, and pasting 200,000 characters, all stay under
//! the 100 ms a person notices. Measured (medians): opening ~4.5 ms, a
//! keystroke ~10 ms, a join ~65 ms (most of it folding the roster again for
//! searching), the paste ~14 ms. Before the searches were kept between
//! frames they took ~6 s, ~3.4 s, ~75 ms and 15–23 s: every name folded and
//! every match looked up (by a scan of the roster) and drawn, on every
//! frame, the whole roster pane built under the picker, and the paste
//! inserted char by char.

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::DateTime;
use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use minutes::app::{self, Action, App, Purpose};
use minutes::model::*;
use minutes::store::OpenSession;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tui_input::InputRequest;

const ROSTER: usize = 100_000;
const PASTE: usize = 200_000;

fn now() -> Timestamp {
    DateTime::parse_from_rfc3339("2026-11-19T10:00:00+08:00").unwrap()
}

/// A meeting under way with `people` attendees: Latin names with accents,
/// Chinese names, a few organisations and roles, most of them present.
fn roster(people: usize) -> Session {
    let start = DateTime::parse_from_rfc3339("2026-11-19T09:00:00+08:00").unwrap();
    let given = [
        "José", "Zoë", "Ömer", "Íñigo", "Anna", "Marta", "Jürg", "Li", "Noor", "Kwame",
    ];
    let family = [
        "Núñez",
        "Brandtner",
        "Yıldız",
        "Martínez",
        "Öberg",
        "Dubois",
        "Okafor",
        "Smith",
    ];
    let chinese = ["王丽", "张伟", "陈静", "刘洋", "李娜"];
    let mut s = Session::new("Very large assembly");
    s.started_at = Some(start);
    s.organisations = (0..8)
        .map(|i| Organisation {
            code: format!("ORG{i}"),
            name: format!("Organisation {i}"),
        })
        .collect();
    s.attendees = (0..people)
        .map(|i| {
            let name = if i % 4 == 3 {
                format!("{}{i}", chinese[i % chinese.len()])
            } else {
                format!(
                    "{} {} {i}",
                    given[i % given.len()],
                    family[(i / given.len()) % family.len()]
                )
            };
            let attendance = match i % 5 {
                0 => Attendance::Expected,
                1 => Attendance::Late,
                2 => Attendance::Left,
                _ => Attendance::Present,
            };
            Attendee {
                id: AttendeeId(i as u32 + 1),
                name,
                organisation: (i % 9 != 8).then(|| format!("ORG{}", i % 8)),
                role: ["Delegate", "Observer", "Speaker"][i % 3].into(),
                attendance,
                joined_at: attendance.attended().then_some(start),
                left_at: None,
                earlier: Vec::new(),
            }
        })
        .collect();
    s
}

/// An app recording `s`, in a directory kept as long as the app.
fn app_on(s: Session) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let open = OpenSession::create(&dir.path().join("big.ron"), s).unwrap();
    (dir, App::new(open, now()))
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal
        .draw(|frame| minutes::ui::render(app, frame))
        .unwrap();
}

fn picker(c: &mut Criterion) {
    let (_dir, mut app) = app_on(roster(ROSTER));
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut group = c.benchmark_group("picker_100000_attendees");
    group.sampling_mode(SamplingMode::Flat);
    group.bench_function("open_and_draw", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                let t = Instant::now();
                app::update(&mut app, Action::Pick(Purpose::Speaker), now());
                draw(&mut terminal, &app);
                spent += t.elapsed();
                app::update(&mut app, Action::Cancel, now());
            }
            spent
        })
    });
    // One letter typed into the open picker (the query goes from "" to
    // "e", the letter that matches the most names), and the frame after it.
    group.bench_function("keystroke_and_draw", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                app::update(&mut app, Action::Pick(Purpose::Speaker), now());
                draw(&mut terminal, &app);
                let t = Instant::now();
                app::update(&mut app, Action::Edit(InputRequest::InsertChar('e')), now());
                draw(&mut terminal, &app);
                spent += t.elapsed();
                app::update(&mut app, Action::Cancel, now());
            }
            spent
        })
    });
    // Someone joins (a change to the roster: journalled, and the roster
    // folded again for searching), and the frame after it.
    group.bench_function("join_and_draw", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                let line = "/join Kim Lee, ORG3, Guest".to_string();
                app::update(&mut app, Action::Paste(line), now());
                let t = Instant::now();
                app::update(&mut app, Action::Submit, now());
                draw(&mut terminal, &app);
                spent += t.elapsed();
                app::update(&mut app, Action::Undo, now());
            }
            spent
        })
    });
    group.finish();
}

fn paste(c: &mut Criterion) {
    let (_dir, mut app) = app_on(roster(30));
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    // Lines of mixed scripts, as copied from a chat or a document.
    let line = "The partners agreed — 各方同意 — to share the data 🎉\r\n";
    let text: String = line.chars().cycle().take(PASTE).collect();
    let mut group = c.benchmark_group("paste");
    group.sampling_mode(SamplingMode::Flat);
    group.bench_function("200000_chars_and_draw", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                app::update(&mut app, Action::Edit(InputRequest::DeleteLine), now());
                let text = black_box(text.clone());
                let t = Instant::now();
                app::update(&mut app, Action::Paste(text), now());
                draw(&mut terminal, &app);
                spent += t.elapsed();
            }
            spent
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    targets = picker, paste
}
criterion_main!(benches);
