//! The chair's statistics view, drawn on sessions of 1,000, 10,000 and
//! 100,000 entries with a roster of 200 (examples/synth), at 80x24 and
//! 200x60: a whole frame of the view, as the review screen draws it on each
//! tick. It reads Derived, the roster and the agenda, not the log, so the
//! time should not grow with the entries; `speaking_time_from_log` is the
//! scan of the log it avoids, for comparison.
//!
//! ```sh
//! cargo bench --bench stats -- --warm-up-time 1 --measurement-time 3
//! ```

use std::cell::LazyCell;
use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use minutes::model::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[path = "../examples/synth/gen.rs"]
mod synth;

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// Just after the last entry: the meeting goes on, a speech with it.
fn now_after(s: &Session) -> Timestamp {
    s.entries.last().map_or_else(
        || s.started_at.unwrap(),
        |e| e.at + chrono::Duration::seconds(30),
    )
}

fn stats_view(c: &mut Criterion) {
    for n in SIZES {
        let session = LazyCell::new(|| synth::session(&synth::Params::entries(n)));
        let derived = LazyCell::new(|| Derived::of(&session));
        for (width, height) in [(80, 24), (200, 60)] {
            let mut group = c.benchmark_group(format!("stats_view_{width}x{height}"));
            group.bench_function(BenchmarkId::from_parameter(n), |b| {
                let now = now_after(&session);
                let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
                b.iter(|| {
                    terminal
                        .draw(|frame| {
                            let area = frame.area();
                            minutes::ui::stats::render_stats(
                                &session,
                                &derived,
                                now,
                                &Default::default(),
                                0,
                                frame,
                                area,
                            )
                        })
                        .unwrap();
                })
            });
            group.finish();
        }
        let mut group = c.benchmark_group("speaking_time_from_log");
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            let now = now_after(&session);
            b.iter(|| black_box(stats::speaking_time(&session, Some(now))))
        });
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = stats_view
}
criterion_main!(benches);
