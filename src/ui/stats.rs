//! The chair's statistics view (review mode, `s`): speaking time by person
//! and by organisation as horizontal bar charts, the agenda planned against
//! actual, and attendance over time. Sections one under the other, the most
//! asked first ("who spoke longest?"), scrolled by rows when they do not fit.
//!
//! Everything comes from [`Statistics::of`] (Derived, the roster and the
//! agenda), never from the log; only the rows on screen are drawn. Nothing
//! is said by colour alone: over time is `▓` and `+`, planned time `░`.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Direction, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Bar, BarChart, BarGroup, Scrollbar, ScrollbarOrientation, ScrollbarState, Sparkline, Widget,
};
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::app::App;
use crate::model::stats::{self, Presence, Progress, Speaking, Statistics, TopicRow};
use crate::model::{AgendaStatus, Derived, Session, Timestamp};
use crate::text::{escape_controls, fit, pad, pad_left};

/// Rows of the attendance chart.
const PRESENCE_ROWS: u16 = 4;
/// The widest a label of a bar chart or a topic's title gets.
const MOST_LABEL: usize = 40;
/// Bars narrower than this give their room to the label and the figures.
const LEAST_BAR: usize = 8;

/// The view in `area`, from the top.
pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let store = &app.store;
    let scroll = app.review.as_ref().map_or(0, |r| r.stats_scroll);
    render_stats(
        store.session(),
        store.derived(),
        app.now,
        &app.theme,
        scroll,
        frame,
        area,
    );
}

/// The view of `session` at `now` in `area`, `scroll` rows down (no
/// further than the last row at the bottom).
pub fn render_stats(
    session: &Session,
    derived: &Derived,
    now: Timestamp,
    theme: &Theme,
    scroll: u16,
    frame: &mut Frame,
    area: Rect,
) {
    if area.is_empty() {
        return;
    }
    let view = View::new(Statistics::of(session, derived, now), session, now, theme);
    view.render(frame.buffer_mut(), area, scroll);
}

/// How many rows the view takes, for a caller to keep its scroll within:
/// the most useful scroll is at most this minus the area's height.
pub fn height(session: &Session, derived: &Derived, now: Timestamp) -> u16 {
    let theme = Theme::default();
    let view = View::new(Statistics::of(session, derived, now), session, now, &theme);
    u16::try_from(view.rows.len()).unwrap_or(u16::MAX)
}

/// Which chart a bar belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Chart {
    Person,
    Organisation,
}

/// One row of the view, drawn only when on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Row {
    Blank,
    Title(Chart),
    NoSpeeches,
    Bar(Chart, usize),
    AgendaTitle,
    NoAgenda,
    Topic(usize),
    PresenceTitle,
    NotStarted,
    /// A row of the attendance chart, from its top.
    Presence(u16),
    /// The times under the attendance chart.
    TimeAxis,
}

struct View<'s> {
    stats: Statistics,
    session: &'s Session,
    now: Timestamp,
    theme: &'s Theme,
    rows: Vec<Row>,
}

impl<'s> View<'s> {
    fn new(stats: Statistics, session: &'s Session, now: Timestamp, theme: &'s Theme) -> View<'s> {
        let mut rows = vec![Row::Title(Chart::Person)];
        if stats.by_person.is_empty() {
            rows.push(Row::NoSpeeches);
        } else {
            rows.extend((0..stats.by_person.len()).map(|i| Row::Bar(Chart::Person, i)));
            rows.push(Row::Blank);
            rows.push(Row::Title(Chart::Organisation));
            rows.extend((0..stats.by_organisation.len()).map(|i| Row::Bar(Chart::Organisation, i)));
        }
        rows.push(Row::Blank);
        rows.push(Row::AgendaTitle);
        if stats.agenda.is_empty() {
            rows.push(Row::NoAgenda);
        } else {
            rows.extend((0..stats.agenda.len()).map(Row::Topic));
        }
        rows.push(Row::Blank);
        rows.push(Row::PresenceTitle);
        if session.started_at.is_some() {
            rows.extend((0..PRESENCE_ROWS).map(Row::Presence));
            rows.push(Row::TimeAxis);
        } else {
            rows.push(Row::NotStarted);
        }
        View {
            stats,
            session,
            now,
            theme,
            rows,
        }
    }

    /// Whether the meeting has started and not ended.
    fn going_on(&self) -> bool {
        self.session.started_at.is_some() && self.session.ended_at.is_none()
    }

    fn speaking(&self, chart: Chart) -> &[Speaking] {
        match chart {
            Chart::Person => &self.stats.by_person,
            Chart::Organisation => &self.stats.by_organisation,
        }
    }

    fn render(&self, buf: &mut Buffer, area: Rect, scroll: u16) {
        let total = self.rows.len();
        let height = usize::from(area.height);
        let scroll = usize::from(scroll).min(total.saturating_sub(height));
        // A scroll bar in the last column when not everything fits.
        let mut content = area;
        if total > height && area.width > 1 {
            content.width -= 1;
            let mut state = ScrollbarState::new(total.saturating_sub(height))
                .position(scroll)
                .viewport_content_length(height);
            ratatui::widgets::StatefulWidget::render(
                Scrollbar::new(ScrollbarOrientation::VerticalRight)
                    .begin_symbol(None)
                    .end_symbol(None),
                area,
                buf,
                &mut state,
            );
        }
        let width = usize::from(content.width);
        let person = self.bar_layout(Chart::Person, width);
        let organisation = self.bar_layout(Chart::Organisation, width);
        let agenda = self.agenda_layout(width);
        let visible = &self.rows[scroll..(scroll + height).min(total)];
        // One pass over the roster, only when the attendance is on screen.
        let presence = visible
            .iter()
            .any(|r| matches!(r, Row::PresenceTitle | Row::Presence(_) | Row::TimeAxis))
            .then(|| {
                let gutter = self.presence_gutter(width);
                stats::presence(self.session, self.now, width - gutter)
            })
            .flatten();
        let chart = presence
            .as_ref()
            .map(|p| self.presence_chart(p, content.width));
        let mut i = 0;
        while i < visible.len() {
            let y = content.y + i as u16;
            let line_area = Rect::new(content.x, y, content.width, 1);
            match visible[i] {
                Row::Bar(chart, first) => {
                    // The run of this chart's bars on screen, as one BarChart.
                    let run = visible[i..]
                        .iter()
                        .take_while(|r| matches!(r, Row::Bar(c, _) if *c == chart))
                        .count();
                    let layout = match chart {
                        Chart::Person => &person,
                        Chart::Organisation => &organisation,
                    };
                    let run_area = Rect::new(content.x, y, content.width, run as u16);
                    self.render_bars(chart, layout, first..first + run, buf, run_area);
                    i += run;
                    continue;
                }
                Row::Presence(r) => {
                    if let Some(chart) = &chart {
                        copy_row(chart, r, buf, line_area);
                    }
                }
                Row::Topic(t) => {
                    buf.set_line(
                        content.x,
                        y,
                        &self.topic_line(&self.stats.agenda[t], &agenda),
                        content.width,
                    );
                }
                row => {
                    let line = self.line(row, width, presence.as_ref());
                    buf.set_line(content.x, y, &line, content.width);
                }
            }
            i += 1;
        }
    }

    /// A row that is a line of text.
    fn line(&self, row: Row, width: usize, presence: Option<&Presence>) -> Line<'static> {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        // The note after a title only if it fits whole; the title cut to fit.
        let title = |title: &str, note: String| {
            let note = if title.width() + note.width() <= width {
                note
            } else {
                String::new()
            };
            Line::from(vec![
                Span::styled(fit(title, width), bold),
                Span::styled(note, self.theme.dim),
            ])
        };
        match row {
            Row::Title(chart) => {
                let heading = match chart {
                    Chart::Person => "Speaking time by person",
                    Chart::Organisation => "Speaking time by organisation",
                };
                let count = self.speaking(chart).len();
                let note = if count == 0 {
                    String::new()
                } else {
                    format!(
                        "  {} in {} speeches, {} {}",
                        stats::format_duration(self.stats.total),
                        self.stats.speeches,
                        count,
                        match (chart, count) {
                            (Chart::Person, 1) => "speaker",
                            (Chart::Person, _) => "speakers",
                            (Chart::Organisation, 1) => "organisation",
                            (Chart::Organisation, _) => "organisations",
                        }
                    )
                };
                title(heading, note)
            }
            Row::NoSpeeches => Line::styled("No speeches recorded yet.", self.theme.dim),
            Row::AgendaTitle => title("Agenda", "  █ spent  ░ planned  ▓ over time".into()),
            Row::NoAgenda => Line::styled("No agenda.", self.theme.dim),
            Row::PresenceTitle => {
                let (here, all) = crate::model::attendance::here_count(self.session);
                let note = match presence {
                    Some(p) if p.ongoing => {
                        format!("  {here} here now, at most {} of {all}", p.peak)
                    }
                    Some(p) => format!("  at most {} of {all} on the roster", p.peak),
                    None => format!("  {all} on the roster"),
                };
                title("Attendance over time", note)
            }
            Row::NotStarted => Line::styled("The meeting has not started.", self.theme.dim),
            Row::TimeAxis => presence.map_or_else(Line::default, |p| self.time_axis(p, width)),
            Row::Blank | Row::Bar(..) | Row::Topic(_) | Row::Presence(_) => Line::default(),
        }
    }

    /// Columns left of the attendance chart for its scale: as many as the
    /// roster's size has digits (no more can be present at once), and a
    /// space; none on a screen too narrow for it.
    fn presence_gutter(&self, width: usize) -> usize {
        let gutter = self.session.attendees.len().to_string().len() + 1;
        if width > gutter + 4 { gutter } else { 0 }
    }
}

/// The figures beside a bar, as many as the width allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Figures {
    /// ` 12:30 ·  31% · 4×`: time, share, speeches.
    All,
    /// ` 12:30  31%`
    TimeAndShare,
    /// ` 12:30`
    Time,
    Nothing,
}

impl Figures {
    /// Columns, with the space before, for times `time` wide and numbers
    /// of speeches `count` wide.
    fn width(self, time: usize, count: usize) -> usize {
        match self {
            Figures::All => 1 + time + " · ".width() + "100%".len() + " · ".width() + count + 1,
            Figures::TimeAndShare => 1 + time + 1 + "100%".len(),
            Figures::Time => 1 + time,
            Figures::Nothing => 0,
        }
    }
}

/// Where a bar chart's parts go across the width.
struct BarLayout {
    /// Columns of the names (0: none).
    label: usize,
    /// Which figures are on the right: as many as fit.
    shown: Figures,
    /// Their columns, with the space before them (0: none).
    figures: usize,
    /// Widths of the figures' parts: the time, the number of speeches.
    time: usize,
    count: usize,
    /// The longest time, which fills the bar.
    longest: u64,
}

impl View<'_> {
    fn bar_layout(&self, chart: Chart, width: usize) -> BarLayout {
        let rows = self.speaking(chart);
        // Sorted: the first is the longest.
        let longest = rows.first().map_or(0, |r| seconds(r.total));
        let time = rows
            .first()
            .map_or(0, |r| stats::format_duration(r.total).len());
        let most_speeches = rows.iter().map(|r| r.speeches).max().unwrap_or(0);
        let count = most_speeches.to_string().len();
        // All of them if they fit beside a bar and a short name; else
        // fewer, the time last.
        let (shown, figures) = [
            Figures::All,
            Figures::TimeAndShare,
            Figures::Time,
            Figures::Nothing,
        ]
        .into_iter()
        .map(|f| (f, f.width(time, count)))
        .find(|(_, w)| *w == 0 || width >= w + LEAST_BAR + 4)
        .unwrap_or((Figures::Nothing, 0));
        let rest = width - figures;
        let widest = rows
            .iter()
            .map(|r| escape_controls(&r.name).width())
            .max()
            .unwrap_or(0);
        let label = label_room(widest, rest).min(rest.saturating_sub(2));
        BarLayout {
            label,
            shown,
            figures,
            time,
            count,
            longest,
        }
    }

    /// Bars `range` of `chart`, one a row, in `area`: a BarChart with the
    /// names cut to the layout's width (its own label column is as wide as
    /// the widest label, however wide), and the figures drawn beside it
    /// (its value text counts bytes for columns: `·` and `×` would shift).
    fn render_bars(
        &self,
        chart: Chart,
        layout: &BarLayout,
        range: std::ops::Range<usize>,
        buf: &mut Buffer,
        area: Rect,
    ) {
        let rows = &self.speaking(chart)[range];
        let bar_style = match chart {
            Chart::Person => self.theme.chart,
            Chart::Organisation => self.theme.chart_organisation,
        };
        let bars: Vec<Bar> = rows
            .iter()
            .map(|r| {
                let mut bar = Bar::default()
                    .value(seconds(r.total))
                    .text_value(String::new());
                if layout.label > 0 {
                    let name = fit(&escape_controls(&r.name), layout.label);
                    bar = bar.label(Line::from(pad(&name, layout.label)));
                }
                bar
            })
            .collect();
        let chart_area = Rect {
            width: area.width - layout.figures as u16,
            ..area
        };
        BarChart::default()
            .direction(Direction::Horizontal)
            .bar_width(1)
            .bar_gap(0)
            .group_gap(0)
            .bar_style(bar_style)
            .max(layout.longest.max(1))
            .data(BarGroup::default().bars(&bars))
            .render(chart_area, buf);
        if layout.figures == 0 {
            return;
        }
        for (k, r) in rows.iter().enumerate() {
            let time = pad_left(&stats::format_duration(r.total), layout.time);
            let figures = match layout.shown {
                Figures::All => format!(
                    " {time} · {:>3}% · {}×",
                    r.percent(),
                    pad_left(&r.speeches.to_string(), layout.count),
                ),
                Figures::TimeAndShare => format!(" {time} {:>3}%", r.percent()),
                Figures::Time => format!(" {time}"),
                Figures::Nothing => String::new(),
            };
            buf.set_string(
                chart_area.right(),
                area.y + k as u16,
                fit(&figures, layout.figures),
                Style::new(),
            );
        }
    }
}

/// Where an agenda row's parts go.
struct AgendaLayout {
    title: usize,
    gauge: usize,
    figures: usize,
    /// The longest of any topic's planned and actual time, which fills the gauge.
    longest: i64,
}

impl View<'_> {
    fn agenda_layout(&self, width: usize) -> AgendaLayout {
        let agenda = &self.stats.agenda;
        let figures = agenda
            .iter()
            .map(|t| {
                topic_figures(self.theme, t, self.going_on())
                    .iter()
                    .map(|s| s.content.width())
                    .sum()
            })
            .max()
            .unwrap_or(0);
        let figures = if width >= 2 + 8 + 1 + LEAST_BAR + 1 + figures {
            figures + 1
        } else {
            0
        };
        let rest = width.saturating_sub(2 + figures);
        let widest = agenda
            .iter()
            .map(|t| escape_controls(&t.title).width() + t.number.to_string().len() + 2)
            .max()
            .unwrap_or(0);
        let title = label_room(widest, rest).min(rest);
        let gauge = rest.saturating_sub(title + 1);
        let longest = agenda
            .iter()
            .flat_map(|t| [t.planned, t.actual()])
            .flatten()
            .map(|d| d.num_seconds())
            .max()
            .unwrap_or(0);
        AgendaLayout {
            title,
            gauge,
            figures,
            longest,
        }
    }

    /// `> 2. Title   ████████░░░   08:12/10:00 -01:48`
    fn topic_line(&self, topic: &TopicRow, layout: &AgendaLayout) -> Line<'static> {
        let status = match topic.progress {
            Progress::NotStarted => AgendaStatus::Pending,
            Progress::Skipped => AgendaStatus::Skipped,
            Progress::Ongoing(_) => AgendaStatus::Current,
            Progress::Done(_) => AgendaStatus::Done,
        };
        let (mark, mark_style) = self.theme.topic(status);
        let title = format!("{}. {}", topic.number, escape_controls(&topic.title));
        let mut spans = vec![
            Span::styled(format!("{mark} "), mark_style),
            Span::raw(pad(&fit(&title, layout.title), layout.title)),
        ];
        if layout.gauge > 0 {
            spans.push(Span::raw(" "));
            spans.extend(gauge(self.theme, topic, layout.gauge, layout.longest));
        }
        if layout.figures > 0 {
            spans.push(Span::raw(" "));
            spans.extend(topic_figures(self.theme, topic, self.going_on()));
        }
        Line::from(spans)
    }
}

/// A topic's time as cells of `width`, `longest` seconds filling them: time
/// spent within the plan `█`, planned and not (yet) spent `░`, over `▓`.
fn gauge(theme: &Theme, topic: &TopicRow, width: usize, longest: i64) -> Vec<Span<'static>> {
    let cells = |secs: i64| -> usize {
        if longest <= 0 {
            return 0;
        }
        // Round up: a started topic shows one cell at least.
        ((secs.max(0) as i128 * width as i128 + longest as i128 - 1) / longest as i128) as usize
    };
    let actual = topic.actual().map_or(0, |d| cells(d.num_seconds()));
    let planned = topic.planned.map(|d| cells(d.num_seconds()));
    let (spent, unused, over) = match planned {
        Some(p) => (
            actual.min(p),
            p.saturating_sub(actual),
            actual.saturating_sub(p),
        ),
        None => (actual, 0, 0),
    };
    let rest = width.saturating_sub(spent + unused + over);
    vec![
        Span::styled("█".repeat(spent), theme.chart),
        Span::styled("░".repeat(unused), theme.dim),
        Span::styled("▓".repeat(over), theme.over_time),
        Span::raw(" ".repeat(rest)),
    ]
}

/// `08:12/10:00 -01:48`, `12:00/10:00 +02:00` (over, in the over-time
/// colour), `03:10/10:00 now` (while the meeting goes on), `skipped`,
/// `not started/10:00`.
fn topic_figures(theme: &Theme, topic: &TopicRow, going_on: bool) -> Vec<Span<'static>> {
    let planned = topic.planned.map(stats::format_duration);
    let of_plan = |s: String| match &planned {
        Some(p) => format!("{s}/{p}"),
        None => s,
    };
    let mut spans = vec![match topic.progress {
        Progress::NotStarted => Span::styled(of_plan("not started".into()), theme.dim),
        Progress::Skipped => Span::styled("skipped", theme.dim),
        Progress::Ongoing(d) | Progress::Done(d) => Span::raw(of_plan(stats::format_duration(d))),
    }];
    if let Some(over) = topic.over() {
        if over > chrono::Duration::zero() {
            spans.push(Span::styled(
                format!(" +{}", stats::format_duration(over)),
                theme.over_time,
            ));
        } else if over < chrono::Duration::zero() {
            spans.push(Span::styled(
                format!(" -{}", stats::format_duration(-over)),
                theme.dim,
            ));
        }
    }
    if going_on && matches!(topic.progress, Progress::Ongoing(_)) {
        spans.push(Span::styled(" now", theme.speaking));
    }
    spans
}

impl View<'_> {
    /// The attendance chart, drawn whole (it is a few rows) for its rows
    /// on screen to be copied: the most present on the left of the top
    /// row, 0 on the bottom one, a sample a column.
    fn presence_chart(&self, presence: &Presence, width: u16) -> Buffer {
        let area = Rect::new(0, 0, width, PRESENCE_ROWS);
        let mut buf = Buffer::empty(area);
        let gutter = self.presence_gutter(usize::from(width)) as u16;
        if gutter > 0 {
            let peak = pad_left(&presence.peak.to_string(), usize::from(gutter - 1));
            buf.set_string(0, 0, peak, self.theme.dim);
            let zero = pad_left("0", usize::from(gutter - 1));
            buf.set_string(0, PRESENCE_ROWS - 1, zero, self.theme.dim);
        }
        let counts: Vec<u64> = presence.counts.iter().map(|&c| c as u64).collect();
        Sparkline::default()
            .data(&counts)
            .max(presence.peak.max(1) as u64)
            .style(self.theme.presence)
            .render(
                Rect::new(gutter, 0, width - gutter, PRESENCE_ROWS),
                &mut buf,
            );
        buf
    }

    /// `14:03 ……… 16:04`, the times of the chart's ends, under them (the
    /// end "now" while the meeting goes on).
    fn time_axis(&self, p: &Presence, width: usize) -> Line<'static> {
        let gutter = self.presence_gutter(width);
        let from = p.from.format("%H:%M").to_string();
        let to = if p.ongoing {
            format!("now {}", p.to.format("%H:%M"))
        } else {
            format!("ended {}", p.to.format("%H:%M"))
        };
        let room = width.saturating_sub(gutter);
        let line = if room > from.len() + to.width() {
            format!(
                "{}{from}{}",
                " ".repeat(gutter),
                pad_left(&to, room - from.len())
            )
        } else {
            format!("{}{}", " ".repeat(gutter), fit(&from, room))
        };
        Line::styled(line, self.theme.dim)
    }
}

/// Row `row` of `chart` into `area` (one row).
fn copy_row(chart: &Buffer, row: u16, buf: &mut Buffer, area: Rect) {
    for x in 0..area.width.min(chart.area.width) {
        if let (Some(from), Some(to)) = (chart.cell((x, row)), buf.cell_mut((area.x + x, area.y))) {
            *to = from.clone();
        }
    }
}

fn seconds(d: chrono::Duration) -> u64 {
    d.num_seconds().max(0) as u64
}

/// The columns the labels of a chart get, the widest being `widest`, of
/// `rest` shared with the bars: what the bars leave them, within two to
/// three fifths, and no more than [`MOST_LABEL`].
fn label_room(widest: usize, rest: usize) -> usize {
    widest.min(MOST_LABEL).min(
        (rest * 2 / 5)
            .max(rest.saturating_sub(LEAST_BAR + 1))
            .min(rest * 3 / 5),
    )
}
