//! What a long session costs, at 1,000, 10,000 and 100,000 entries with a
//! roster of 200 (sessions from the synthetic generator, examples/synth):
//! each keystroke and the frame after it, at 80x24 and 200x60; a page of
//! scrolling in browse mode; a speaker switch; journalling one entry, with
//! and without the fsync; saving, loading and exporting the whole file;
//! and `minutes list` over 200 sessions.
//!
//! The figures, and how to measure them on a shared machine, are in
//! docs/PERFORMANCE.md. One group at a time, e.g.:
//!
//! ```sh
//! cargo bench --bench session -- --warm-up-time 1 --measurement-time 3 keystroke_80x24
//! ```
//!
//! Each size's session is generated (and, for the screen, opened) only when
//! a benchmark that is run needs it, so a filtered run only pays for what
//! it measures.

use std::cell::{LazyCell, RefCell};
use std::fs::File;
use std::hint::black_box;
use std::io::{self, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main};
use minutes::app::{self, Action, App};
use minutes::export::{self, Format};
use minutes::model::*;
use minutes::store::journal::{Journal, JournalFile, Record};
use minutes::store::{self, OpenSession, Paths};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tui_input::InputRequest;

#[path = "../examples/synth/gen.rs"]
mod synth;

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];
/// How many sessions `list` lists, and how long each one is.
const LISTED: usize = 200;
const LISTED_ENTRIES: usize = 1_000;

/// A moment just after the session's last entry: the meeting goes on.
fn now_after(s: &Session) -> Timestamp {
    s.entries.last().map_or_else(
        || s.started_at.unwrap(),
        |e| e.at + chrono::Duration::seconds(30),
    )
}

/// The app recording a session, in a directory kept as long as it.
struct Live {
    _dir: tempfile::TempDir,
    app: App,
    now: Timestamp,
}

impl Live {
    fn new(session: &Session) -> Live {
        let dir = tempfile::tempdir().unwrap();
        let now = now_after(session);
        let open = OpenSession::create(&dir.path().join("live.ron"), session.clone()).unwrap();
        Live {
            _dir: dir,
            app: App::new(open, now),
            now,
        }
    }

    fn update(&mut self, action: Action) {
        app::update(&mut self.app, action, self.now);
    }
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal
        .draw(|frame| minutes::ui::render(app, frame))
        .unwrap();
}

/// The live screen: keystrokes, scrolling, a speaker switch. One app per
/// size, shared by these benchmarks and dropped before the next size.
fn screen(c: &mut Criterion) {
    for n in SIZES {
        let session = LazyCell::new(|| synth::session(&synth::Params::entries(n)));
        let live = LazyCell::new(|| RefCell::new(Live::new(&session)));

        for (width, height) in [(80, 24), (200, 60)] {
            let mut group = c.benchmark_group(format!("keystroke_{width}x{height}"));
            group.sampling_mode(SamplingMode::Flat);
            group.bench_function(BenchmarkId::from_parameter(n), |b| {
                let mut live = live.borrow_mut();
                let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
                live.update(Action::Type);
                live.update(Action::Resize(width, height));
                draw(&mut terminal, &live.app);
                // A letter typed on the quick-entry line, and the frame
                // after it; taken back (untimed) so the line stays short.
                live.update(Action::Edit(InputRequest::InsertChar('a')));
                assert_eq!(live.app.input.value(), "a");
                live.update(Action::Edit(InputRequest::DeletePrevChar));
                b.iter_custom(|iters| {
                    let live = &mut *live;
                    let terminal = &mut terminal;
                    let mut spent = Duration::ZERO;
                    for _ in 0..iters {
                        let t = Instant::now();
                        live.update(Action::Edit(InputRequest::InsertChar('a')));
                        draw(terminal, &live.app);
                        spent += t.elapsed();
                        live.update(Action::Edit(InputRequest::DeletePrevChar));
                    }
                    spent
                })
            });
            group.finish();
        }

        let mut group = c.benchmark_group("browse_page_scroll_80x24");
        group.sampling_mode(SamplingMode::Flat);
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            let mut live = live.borrow_mut();
            let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
            live.update(Action::Resize(80, 24));
            live.update(Action::Browse);
            // From the middle of the log, a page up then a page down
            // (PgUp/PgDn), each with its frame.
            live.update(Action::Move(isize::MAX));
            live.update(Action::Move(-(n as isize / 2)));
            draw(&mut terminal, &live.app);
            b.iter_custom(|iters| {
                let mut spent = Duration::ZERO;
                for i in 0..iters {
                    let delta = if i % 2 == 0 { -10 } else { 10 };
                    let t = Instant::now();
                    live.update(Action::Move(delta));
                    draw(&mut terminal, &live.app);
                    spent += t.elapsed();
                }
                spent
            });
            live.update(Action::Type);
        });
        group.finish();

        // The review screen (F9): a page down or up among all the entries,
        // and a kind filter switched on or off (f d: every row and count
        // found again), each with its frame.
        for (name, toggle) in [
            ("review_page_scroll_80x24", false),
            ("review_filter_80x24", true),
        ] {
            let mut group = c.benchmark_group(name);
            group.sampling_mode(SamplingMode::Flat);
            group.bench_function(BenchmarkId::from_parameter(n), |b| {
                let mut live = live.borrow_mut();
                let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
                live.update(Action::Resize(80, 24));
                live.update(Action::Review);
                live.update(Action::ReviewFocus(minutes::app::review::Focus::Entries));
                live.update(Action::Move(n as isize / 2));
                draw(&mut terminal, &live.app);
                b.iter_custom(|iters| {
                    let mut spent = Duration::ZERO;
                    for i in 0..iters {
                        let delta = if i % 2 == 0 { 10 } else { -10 };
                        let t = Instant::now();
                        if toggle {
                            live.update(Action::ReviewFilters);
                            live.update(Action::ReviewKind(
                                minutes::app::review::KindFilter::Decisions,
                            ));
                            live.update(Action::Cancel);
                        } else {
                            live.update(Action::Move(delta));
                        }
                        draw(&mut terminal, &live.app);
                        spent += t.elapsed();
                    }
                    spent
                });
                live.update(Action::Review);
                live.update(Action::Type);
            });
            group.finish();
        }

        // The floor to the first in the queue (Ctrl+G): the speech going on
        // ends, a new one starts, both journalled. Undone, untimed, so that
        // every switch is from the same state.
        let mut group = c.benchmark_group("speaker_switch");
        group.sampling_mode(SamplingMode::Flat);
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            let mut live = live.borrow_mut();
            let before = live.app.store.session().entries.len();
            let next = live.app.store.session().queue[0];
            live.update(Action::NextFromQueue);
            let s = live.app.store.session();
            assert_eq!(s.entries.len(), before + 1);
            assert!(
                matches!(s.entries[before].kind, EntryKind::Speech { speaker, ended_at: None } if speaker == next)
            );
            live.update(Action::Undo);
            assert_eq!(live.app.store.session().entries.len(), before);
            b.iter_custom(|iters| {
                let live = &mut *live;
                let mut spent = Duration::ZERO;
                for _ in 0..iters {
                    let t = Instant::now();
                    live.update(Action::NextFromQueue);
                    spent += t.elapsed();
                    live.update(Action::Undo);
                }
                spent
            })
        });
        group.finish();
    }
}

/// A speaker switch apart from the disk: the change computed
/// (`meeting::next_from_queue`), applied to the session, and followed by
/// the derived state, as `OpenSession::apply` does before the journal's
/// append and fsync. Undone, untimed, after each.
fn speaker_switch_no_fsync(c: &mut Criterion) {
    let mut group = c.benchmark_group("speaker_switch_no_fsync");
    for n in SIZES {
        let state = LazyCell::new(|| {
            let session = synth::session(&synth::Params::entries(n));
            let derived = Derived::of(&session);
            RefCell::new((session, derived))
        });
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            let (session, derived) = &mut *state.borrow_mut();
            let now = now_after(session);
            let before = session.entries.len();
            b.iter_custom(|iters| {
                let mut spent = Duration::ZERO;
                for _ in 0..iters {
                    let t = Instant::now();
                    let change = meeting::next_from_queue(session, derived, now).unwrap();
                    let inverse = change.clone().apply(session).unwrap();
                    derived.applied(&change, &inverse, session);
                    spent += t.elapsed();
                    assert_eq!(session.entries.len(), before + 1);
                    let again = inverse.clone().apply(session).unwrap();
                    derived.applied(&inverse, &again, session);
                }
                spent
            })
        });
    }
    group.finish();
}

/// A note at the end of the log, as the secretary types it.
fn note_after(s: &Session) -> Change {
    Change::Entry(Edit::Insert {
        index: s.entries.len(),
        item: Entry {
            id: s.next_entry_id(),
            at: now_after(s),
            agenda_item: s.current_agenda_item().map(|a| a.id),
            kind: EntryKind::Note,
            text: "A new note typed by the secretary, with 中文 and accents: café.".into(),
            confidential: false,
            carried_over: None,
        },
    })
}

/// The journal's file without the fsync: what the append costs apart
/// from the disk's flush.
#[derive(Debug)]
struct NoSync(File);

impl JournalFile for NoSync {
    fn append(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.0.write_all(bytes)
    }
    fn sync_data(&mut self) -> io::Result<()> {
        Ok(())
    }
    fn truncate(&mut self, len: u64) -> io::Result<()> {
        self.0.set_len(len)
    }
    fn reserve(&mut self, _len: u64) -> io::Result<()> {
        Ok(())
    }
}

/// One entry journalled: through `OpenSession::apply` as the app does it
/// (the change applied to the session, written, fdatasync'd), and the
/// same record appended to a journal that skips the fsync.
fn journal(c: &mut Criterion) {
    let mut group = c.benchmark_group("journal_append_fsync");
    for n in SIZES {
        let dir = tempfile::tempdir().unwrap();
        let open = LazyCell::new(|| {
            let session = synth::session(&synth::Params::entries(n));
            RefCell::new(OpenSession::create(&dir.path().join("j.ron"), session).unwrap())
        });
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            let mut open = open.borrow_mut();
            b.iter(|| {
                let change = note_after(open.session());
                open.apply(change).unwrap()
            });
        });
    }
    group.finish();

    let mut group = c.benchmark_group("journal_append_no_fsync");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.ron.journal");
    let mut journal = Journal::with_file(Box::new(NoSync(File::create(&path).unwrap())), &path, 0);
    let change = note_after(&synth::session(&synth::Params::entries(1_000)));
    let mut seq = 0;
    group.bench_function("one_note", |b| {
        b.iter(|| {
            seq += 1;
            let record = Record {
                seq,
                change: change.clone(),
            };
            journal.append(std::slice::from_ref(&record)).unwrap();
        });
    });
    // Not a single byte lost to the missing fsync: every record is there.
    if seq > 0 {
        let written = std::fs::read_to_string(&path).unwrap();
        assert_eq!(written.lines().count() as u64, seq);
    }
    group.finish();
}

/// The whole file: saved (atomically, with its backup and fsyncs),
/// loaded (parsed and checked), exported as text, Markdown and HTML.
fn whole_file(c: &mut Criterion) {
    for n in SIZES {
        let session = LazyCell::new(|| synth::session(&synth::Params::entries(n)));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("whole.ron");
        let saved = LazyCell::new(|| store::save(&path, &session).unwrap());

        let mut group = c.benchmark_group("save");
        group.sampling_mode(SamplingMode::Flat);
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter(|| store::save(&path, black_box(&session)).unwrap())
        });
        group.finish();

        // Startup without the terminal: the file opened read-only (read,
        // parsed, checked, the journal looked for), the app built and its
        // first frame drawn at 120x40.
        let mut group = c.benchmark_group("open_to_first_frame");
        group.sampling_mode(SamplingMode::Flat);
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            LazyCell::force(&saved);
            let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
            // Dropped untimed: that is the app's exit, not its start.
            b.iter_with_large_drop(|| {
                let open = OpenSession::open(&path, store::Mode::ReadOnly).unwrap();
                let now = now_after(open.session());
                let mut app = App::new(open, now);
                app::update(&mut app, Action::Resize(120, 40), now);
                draw(&mut terminal, &app);
                app
            })
        });
        group.finish();

        let mut group = c.benchmark_group("load");
        group.sampling_mode(SamplingMode::Flat);
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            LazyCell::force(&saved);
            b.iter(|| black_box(store::load(&path).unwrap()))
        });
        group.finish();

        for (name, format) in [
            ("export_txt", Format::Text),
            ("export_md", Format::Markdown),
            ("export_html", Format::Html),
        ] {
            let mut group = c.benchmark_group(name);
            group.sampling_mode(SamplingMode::Flat);
            group.bench_function(BenchmarkId::from_parameter(n), |b| {
                b.iter(|| black_box(export::export(&session, format)))
            });
            group.finish();
        }
    }
}

/// What a save costs the UI thread, now that another thread writes the
/// file: starting one (Ctrl+S: the check of the file's stamp, the copy of
/// the session, the thread started) and applying its result at the next
/// tick (the new file stamped and locked, the journal emptied).
///
/// Each of these is timed alone, but each leaves a save to be written
/// that takes 40 times as long (0.45 s at 100,000 entries), untimed.
/// Criterion sizes its batches by the time measured, so a batch would run
/// for minutes: each batch runs at most `SAVES_PER_BATCH` of them and
/// counts their mean for the rest of the batch.
fn save_ui_block(c: &mut Criterion) {
    const SAVES_PER_BATCH: u64 = 3;
    let mut group = c.benchmark_group("save_ui_block");
    group.sampling_mode(SamplingMode::Flat);
    for n in SIZES {
        let session = LazyCell::new(|| synth::session(&synth::Params::entries(n)));
        let live = LazyCell::new(|| RefCell::new(Live::new(&session)));
        // A note typed (and journalled) before each save, untimed: there is
        // something to save, and a journal to empty.
        let typed = |live: &mut Live| {
            live.update(Action::Type);
            live.update(Action::Paste("a note before the save".into()));
            live.update(Action::Submit);
            assert!(live.app.store.has_unsaved_changes());
        };
        group.bench_function(BenchmarkId::new("start", n), |b| {
            let mut live = live.borrow_mut();
            b.iter_custom(|iters| {
                let live = &mut *live;
                let runs = iters.min(SAVES_PER_BATCH);
                let mut spent = Duration::ZERO;
                for _ in 0..runs {
                    typed(live);
                    let t = Instant::now();
                    live.update(Action::Save);
                    spent += t.elapsed();
                    assert!(live.app.store.is_saving());
                    app::wait_for_save(&mut live.app);
                    assert!(!live.app.store.has_unsaved_changes());
                }
                Duration::from_secs_f64(spent.as_secs_f64() * iters as f64 / runs as f64)
            })
        });
        group.bench_function(BenchmarkId::new("apply_result", n), |b| {
            let mut live = live.borrow_mut();
            b.iter_custom(|iters| {
                let live = &mut *live;
                let runs = iters.min(SAVES_PER_BATCH);
                let mut spent = Duration::ZERO;
                for _ in 0..runs {
                    typed(live);
                    live.update(Action::Save);
                    while !live.app.store.save_written() {
                        std::thread::sleep(Duration::from_millis(1));
                    }
                    let t = Instant::now();
                    app::poll_save(&mut live.app);
                    spent += t.elapsed();
                    assert!(!live.app.store.is_saving());
                    assert!(!live.app.store.has_unsaved_changes());
                }
                Duration::from_secs_f64(spent.as_secs_f64() * iters as f64 / runs as f64)
            })
        });
    }
    group.finish();
}

/// `minutes list` over a data directory of many sessions, each of a long
/// meeting, as `minutes list` prints them (into memory here).
fn list(c: &mut Criterion) {
    let mut group = c.benchmark_group("list");
    group.sampling_mode(SamplingMode::Flat);
    let id = format!("{LISTED}_sessions_of_{LISTED_ENTRIES}_entries");
    let dir = tempfile::tempdir().unwrap();
    let paths = LazyCell::new(|| {
        fill_data_dir(dir.path());
        let paths = Paths {
            data_dir: dir.path().to_path_buf(),
            config_dir: dir.path().join("config"),
        };
        let mut out = Vec::new();
        minutes::commands::list(&paths, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().count(), LISTED + 1, "{text}");
        paths
    });
    group.bench_function(id, |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(64 * 1024);
            minutes::commands::list(&paths, &mut out).unwrap();
            out
        })
    });
    group.finish();
}

fn fill_data_dir(dir: &Path) {
    for seed in 0..LISTED as u64 {
        let text = synth::ron(&synth::Params {
            entries: LISTED_ENTRIES,
            seed,
            ..synth::Params::default()
        });
        // Written plainly: setting up needs no fsync per file.
        std::fs::write(dir.join(format!("session-{seed:03}.ron")), text).unwrap();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = screen, speaker_switch_no_fsync, journal, whole_file, save_ui_block, list
}
criterion_main!(benches);
