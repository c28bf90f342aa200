//! The review screen: the agenda on the left (planned and actual minutes,
//! entries), the chosen topic's entries on the right in the log's order,
//! filtered and searched, matches highlighted. Only the rows on screen are
//! built: a session may hold 100,000 entries.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::{bottom, overlay, stats};
use crate::app::mouse::Spot;
use crate::app::review::{EXPORTS, Focus, KindFilter, Review, Topic, View, export_path};
use crate::app::{App, Mode};
use crate::model::meeting::fold;
use crate::model::stats::format_duration;
use crate::model::{Entry, EntryKind, Session};
use crate::text::{escape_controls, fit, pad, split_to_width};

/// What marks a confidential entry (ASCII: same width in every terminal).
pub const CONFIDENTIAL: &str = "(conf.)";

/// The narrowest text column worth a hanging indent.
const MIN_TEXT: usize = 16;

/// The agenda's width beside the entries; `None`: one list at a time.
fn agenda_width(width: u16) -> Option<u16> {
    match width {
        120.. => Some(40),
        80.. => Some(30),
        60.. => Some(24),
        _ => None,
    }
}

/// Where each part of the review is on a terminal of `area`: what
/// [`render`] draws in, and what a click is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    pub body: Rect,
    pub input: Rect,
    pub search: Rect,
    pub status: Rect,
    pub hints: Rect,
    /// The agenda list, when shown.
    pub agenda: Option<Rect>,
    /// The chosen topic's entries, when shown.
    pub entries: Option<Rect>,
    /// The statistics, when shown.
    pub stats: Option<Rect>,
}

/// The review's layout (see [`Areas`]).
pub fn layout(app: &App, review: &Review, area: Rect) -> Areas {
    let searching = app.mode == Mode::ReviewSearch || !review.query.value().is_empty();
    let [header, body, input, search, status, hints] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Fill(1),
        Constraint::Length(u16::from(app.editing.is_some())),
        Constraint::Length(u16::from(searching)),
        Constraint::Length(bottom::status_height(app, area.width)),
        Constraint::Length(1),
    ])
    .areas(area);
    let (agenda, entries, stats) = match review.view {
        View::Stats => (None, None, Some(body)),
        View::Topics => match agenda_width(body.width) {
            Some(w) => {
                let [left, right] =
                    Layout::horizontal([Constraint::Length(w), Constraint::Fill(1)]).areas(body);
                (Some(left), Some(right), None)
            }
            None if review.focus == Focus::Agenda => (Some(body), None, None),
            None => (None, Some(body), None),
        },
    };
    Areas {
        header,
        body,
        input,
        search,
        status,
        hints,
        agenda,
        entries,
        stats,
    }
}

/// What is under `at` on the review: the agenda (and the row of its list
/// there), the entries (and the row of those shown), the statistics.
pub fn hit(app: &App, review: &Review, area: Rect, at: Position) -> Option<(Spot, Option<usize>)> {
    let areas = layout(app, review, area);
    if let Some(agenda) = areas.agenda
        && agenda.contains(at)
    {
        let inner = agenda_block(false).inner(agenda);
        let row = inner.contains(at).then(|| {
            let s = app.store.session();
            let n = review.topics(s).len();
            let i = agenda_skip(review, n, usize::from(inner.height)) + usize::from(at.y - inner.y);
            (i < n).then_some(i)
        });
        return Some((Spot::Review(Focus::Agenda), row.flatten()));
    }
    if let Some(entries) = areas.entries
        && entries.contains(at)
    {
        let (list, lines) = entry_rows(app, review, entries);
        let row = list
            .contains(at)
            .then(|| lines.get(usize::from(at.y - list.y)).map(|(at, _)| *at))
            .flatten();
        return Some((Spot::Review(Focus::Entries), row));
    }
    match areas.stats {
        Some(stats) if stats.contains(at) => Some((Spot::Stats, None)),
        _ => None,
    }
}

pub fn render(app: &App, review: &Review, frame: &mut Frame) {
    let area = frame.area();
    let areas = layout(app, review, area);
    render_header(app, review, frame, areas.header);
    if let Some(body) = areas.stats {
        stats::render(app, frame, body);
    }
    if let Some(left) = areas.agenda {
        render_agenda(app, review, frame, left);
    }
    if let Some(right) = areas.entries {
        render_entries(app, review, frame, right);
    }
    bottom::render_input(app, frame, areas.input);
    render_search(app, review, frame, areas.search);
    bottom::render_status(app, frame, areas.status);
    bottom::render_hints(app, frame, areas.hints);
    let body = areas.body;
    match &app.mode {
        Mode::Pick(picker) => overlay::render_picker(app, picker, frame, body),
        Mode::Help => overlay::render_help(app, frame, area),
        Mode::ReviewFilter => render_filter_menu(app, review, frame, body),
        Mode::ReviewExport => render_export_menu(app, frame, body),
        _ => {}
    }
}

/// "Filter: Topic 3 · decisions, open actions · 王丽 · PKU  Search: “cc0”",
/// or `None`.
pub fn filters_said(s: &Session, review: &Review) -> Option<String> {
    let mut parts = Vec::new();
    match review.topic(s) {
        Topic::All => {}
        Topic::Item(i) => parts.push(format!("Topic {}", i + 1)),
        Topic::Outside => parts.push("Outside the agenda".into()),
    }
    let kinds: Vec<&str> = review.filters.kinds().map(KindFilter::label).collect();
    if !kinds.is_empty() {
        parts.push(kinds.join(", "));
    }
    if let Some(id) = review.filters.person {
        parts.push(s.attendee_name(id));
    }
    if let Some(org) = &review.filters.organisation {
        parts.push(org.clone());
    }
    let mut said = (!parts.is_empty()).then(|| format!("Filter: {}", parts.join(" · ")));
    // A search moves among the entries; it hides none.
    let query = review.query.value().trim();
    if !query.is_empty() {
        let search = format!("Search: “{query}”");
        said = Some(match said {
            Some(filters) => format!("{filters}  {search}"),
            None => search,
        });
    }
    said
}

fn render_header(app: &App, review: &Review, frame: &mut Frame, area: Rect) {
    let s = app.store.session();
    let width = usize::from(area.width);
    let mode = if review.editing {
        "Review · editing"
    } else {
        "Review · read-only"
    };
    super::header::title_bar(frame, area, &s.title, mode, app.theme.bar);
    if area.height < 2 {
        return;
    }
    let stats = review.view == View::Stats;
    let second = match filters_said(s, review) {
        // The statistics are of the whole meeting, whatever the filters.
        _ if stats => Line::styled(
            fit(
                "Statistics of the whole meeting: ↑/↓ PgUp/PgDn scroll, s back to the entries",
                width,
            ),
            app.theme.dim,
        ),
        Some(said) => {
            let tail = "  Esc clears";
            let said = fit(&said, width.saturating_sub(tail.len()));
            Line::from(vec![
                Span::styled(said, app.theme.info),
                Span::styled(tail, app.theme.dim),
            ])
        }
        None => Line::styled(
            fit(
                "All entries: 1-9 topic, f filter, / search, s statistics",
                width,
            ),
            app.theme.dim,
        ),
    };
    frame.render_widget(
        second,
        Rect {
            y: area.y + 1,
            height: 1,
            ..area
        },
    );
}

/// Minutes as a number: "23".
fn minutes(d: chrono::Duration) -> i64 {
    (d.num_seconds() + 30) / 60
}

fn render_agenda(app: &App, review: &Review, frame: &mut Frame, area: Rect) {
    let s = app.store.session();
    let focused = review.focus == Focus::Agenda && review.view == View::Topics;
    let block = agenda_block(focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let (width, height) = (usize::from(inner.width), usize::from(inner.height));
    if width == 0 || height == 0 {
        return;
    }
    // With filters, what passes them: which topic had decisions.
    let counts = review.filtered_counts(s);
    let topics = review.topics(s);
    let chosen = review.topic.min(topics.len() - 1);
    let skip = agenda_skip(review, topics.len(), height);
    let lines: Vec<Line> = topics
        .iter()
        .enumerate()
        .skip(skip)
        .take(height)
        .map(|(row, topic)| {
            let (number, title, time, count, over) = match *topic {
                Topic::All => {
                    let took = match (s.started_at, s.ended_at) {
                        (Some(a), Some(b)) => format!("{}m", minutes(b - a)),
                        _ => String::new(),
                    };
                    (
                        " 0".to_string(),
                        "All topics".to_string(),
                        took,
                        counts.all,
                        false,
                    )
                }
                Topic::Item(i) => {
                    let t = &s.agenda[i];
                    let took = t.actual_duration().map(minutes);
                    let over =
                        took.is_some_and(|m| t.planned_minutes > 0 && m > t.planned_minutes.into());
                    let time = match (took, t.planned_minutes) {
                        (Some(m), 0) => format!("{m}m"),
                        (Some(m), p) => format!("{m}/{p}m"),
                        (None, 0) => String::new(),
                        (None, p) => format!("-/{p}m"),
                    };
                    (
                        format!("{:>2}", i + 1),
                        t.title.clone(),
                        time,
                        counts.per_item[i],
                        over,
                    )
                }
                Topic::Outside => (
                    "  ".to_string(),
                    "Outside the agenda".to_string(),
                    String::new(),
                    counts.outside,
                    false,
                ),
            };
            let count = format!(" {count:>3}");
            let time = if time.is_empty() {
                time
            } else {
                format!(" {time}")
            };
            let room = width.saturating_sub(number.len() + 1 + time.width() + count.width());
            let title = escape_controls(&title).into_owned();
            let mut line = Line::from(vec![
                Span::from(format!("{number} ")).dim(),
                Span::from(pad(&fit(&title, room), room)),
                if over {
                    Span::styled(time, app.theme.over_time)
                } else {
                    Span::styled(time, app.theme.dim)
                },
                Span::from(count),
            ]);
            if row == chosen {
                line = line.style(if focused {
                    app.theme.selected
                } else {
                    Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
                });
            }
            line
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Where the entries' list is in their `area` (under the topic's two
/// lines), and its rows on screen, each with the row of the entries shown
/// it is part of. Keeps the first row drawn in `review.top`.
fn entry_rows(app: &App, review: &Review, area: Rect) -> (Rect, Vec<(usize, Line<'static>)>) {
    let s = app.store.session();
    let rows = review.rows(s);
    let width = usize::from(area.width.saturating_sub(1)).max(1);
    let head_rows = area.height.min(2);
    let list = Rect {
        x: area.x + 1,
        y: area.y + head_rows,
        width: area.width.saturating_sub(1),
        height: area.height - head_rows,
    };
    let height = usize::from(list.height);
    if height == 0 || rows.is_empty() {
        return (list, Vec::new());
    }
    let query = review.folded_query();
    let focused = review.focus == Focus::Entries
        && matches!(app.mode, Mode::Review | Mode::ReviewSearch)
        || app.editing.is_some();
    let selected = review.selected.min(rows.len() - 1);
    let most = 2 * width * height;
    let block = |at: usize| {
        let mut lines = entry_lines(app, s, &s.entries[rows[at]], width, most, &query);
        if at == selected {
            let style = if focused {
                app.theme.selected
            } else {
                Style::new().add_modifier(Modifier::BOLD)
            };
            lines = lines.into_iter().map(|l| l.patch_style(style)).collect();
        }
        lines
    };
    let start = window_start(review.top.get(), selected, height, |at| block(at).len());
    review.top.set(start);
    let mut tagged = Vec::new();
    for at in start..rows.len() {
        tagged.extend(block(at).into_iter().map(|line| (at, line)));
        if tagged.len() >= height {
            break;
        }
    }
    tagged.truncate(height);
    (list, tagged)
}

/// The agenda's block: its title reversed while it has the arrows.
fn agenda_block(focused: bool) -> Block<'static> {
    let title = Span::from(" Agenda ");
    Block::new()
        .borders(Borders::TOP | Borders::RIGHT)
        .title(if focused {
            title.reversed()
        } else {
            title.bold()
        })
}

/// The agenda list's first row shown in `height` rows (of `topics`): the
/// chosen topic in view.
fn agenda_skip(review: &Review, topics: usize, height: usize) -> usize {
    let chosen = review.topic.min(topics.saturating_sub(1));
    (chosen + 1).saturating_sub(height)
}

/// The two lines above the entries: the topic, then its planned and
/// actual time, its start and end, and how many entries show.
fn topic_lines(s: &Session, topic: Topic, shown: usize) -> (String, String) {
    let hm = |t: crate::model::Timestamp| t.format("%H:%M").to_string();
    let span = |a: Option<crate::model::Timestamp>, b: Option<crate::model::Timestamp>| match (a, b)
    {
        (Some(a), Some(b)) => format!(" · {}–{}", hm(a), hm(b)),
        (Some(a), None) => format!(" · from {}", hm(a)),
        _ => String::new(),
    };
    let entries = match shown {
        1 => "1 entry".to_string(),
        n => format!("{n} entries"),
    };
    match topic {
        Topic::All => {
            let took = match (s.started_at, s.ended_at) {
                (Some(a), Some(b)) => format!("took {} min", minutes(b - a)),
                _ => "not ended".to_string(),
            };
            (
                "All topics".to_string(),
                format!("{took}{} · {entries}", span(s.started_at, s.ended_at)),
            )
        }
        Topic::Item(i) => {
            let t = &s.agenda[i];
            let planned = match t.planned_minutes {
                0 => "no time planned".to_string(),
                p => format!("planned {p} min"),
            };
            let took = match t.actual_duration() {
                Some(d) => format!(", took {}", minutes(d)),
                None if t.started_at.is_some() => ", going on".to_string(),
                None => ", not taken up".to_string(),
            };
            (
                format!("{} {}", i + 1, t.title),
                format!(
                    "{planned}{took}{} · {entries}",
                    span(t.started_at, t.ended_at)
                ),
            )
        }
        Topic::Outside => ("Outside the agenda".to_string(), entries),
    }
}

fn render_entries(app: &App, review: &Review, frame: &mut Frame, area: Rect) {
    if area.is_empty() {
        return;
    }
    let s = app.store.session();
    let rows = review.rows(s);
    let topic = review.topic(s);
    let width = usize::from(area.width.saturating_sub(1)).max(1);
    let (title, times) = topic_lines(s, topic, rows.len());
    let head = [
        Line::styled(fit(&escape_controls(&title), width), Style::new().bold()),
        Line::styled(fit(&times, width), app.theme.dim),
    ];
    let head_rows = area.height.min(2);
    for (y, line) in (area.y..area.y + head_rows).zip(head) {
        frame.render_widget(
            line,
            Rect {
                y,
                height: 1,
                x: area.x + 1,
                width: area.width.saturating_sub(1),
            },
        );
    }
    let (list, lines) = entry_rows(app, review, area);
    if lines.is_empty() {
        if rows.is_empty() && !list.is_empty() {
            let said = if review.filters.is_empty() {
                "No entries here."
            } else {
                "No entries match the filters (Esc clears them)."
            };
            frame.render_widget(Line::styled(fit(said, width), app.theme.dim), list);
        }
        return;
    }
    let lines: Vec<Line> = lines.into_iter().map(|(_, line)| line).collect();
    for (y, line) in (list.y..).zip(&lines) {
        frame.render_widget(
            line,
            Rect {
                y,
                height: 1,
                ..list
            },
        );
    }
}

/// The first entry to draw so that `selected` shows whole (unless taller
/// than the screen), from `top` as before if it does: one step below the
/// screen scrolls just enough; a jump further (a search, PgDn) puts it on
/// the top row. `rows(at)`: how many screen rows entry `at` takes; asked of
/// about `height` entries at most.
fn window_start(
    top: usize,
    selected: usize,
    height: usize,
    rows: impl Fn(usize) -> usize,
) -> usize {
    if selected <= top || selected - top >= height {
        return selected;
    }
    let mut above = 0;
    for at in top..selected {
        above += rows(at);
        if above > height {
            return selected;
        }
    }
    if above + rows(selected) <= height {
        return top;
    }
    // Just below the screen: from the selection up, as many as fit whole.
    let mut start = selected;
    let mut used = rows(selected);
    while start > 0 {
        let more = rows(start - 1);
        if used + more > height {
            break;
        }
        used += more;
        start -= 1;
    }
    start
}

/// "José Álvarez Núñez (USAL)".
fn who(s: &Session, id: crate::model::AttendeeId) -> String {
    match s.attendee(id) {
        Some(a) => match &a.organisation {
            Some(org) => format!("{} ({org})", a.name),
            None => a.name.clone(),
        },
        None => s.attendee_name(id),
    }
}

/// What an entry says after its time and kind: who, then the text; an
/// action's check box, task, owner and due date.
fn described(s: &Session, e: &Entry, most: usize) -> String {
    let text = e.text.trim();
    let text = match text.char_indices().nth(most) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    };
    let said = match &e.kind {
        EntryKind::Speech { speaker, ended_at } => {
            let length = ended_at
                .map(|end| format!(" {}", format_duration(end - e.at)))
                .unwrap_or_default();
            let head = format!("{}{length}", who(s, *speaker));
            if text.is_empty() {
                head
            } else {
                format!("{head}: {text}")
            }
        }
        EntryKind::Question { by: Some(by) } => format!("{}: {text}", who(s, *by)),
        EntryKind::Action { owner, due, done } => {
            let mut parts = vec![format!("{} {text}", if *done { "☑" } else { "☐" })];
            if let Some(o) = owner {
                parts.push(format!("@{}", who(s, *o)));
            }
            if let Some(due) = due {
                parts.push(format!("due {due}"));
            }
            parts.join(" · ")
        }
        _ => text,
    };
    let said = if e.confidential {
        format!("{CONFIDENTIAL} {said}")
    } else {
        said
    };
    escape_controls(&said.replace(['\n', '\r', '\t'], " ")).into_owned()
}

/// An entry as rows of `width` columns, the text under a column of its own,
/// the search's matches highlighted.
fn entry_lines(
    app: &App,
    s: &Session,
    e: &Entry,
    width: usize,
    most: usize,
    query: &str,
) -> Vec<Line<'static>> {
    let time = e.at.format("%H:%M ").to_string();
    let label = format!("{:<10} ", e.kind.label());
    let head = time.width() + label.width();
    let hanging = width >= head + MIN_TEXT;
    let text = described(s, e, most);
    let indent = if hanging { head } else { 0 };
    let room = width.saturating_sub(indent).max(1);
    let wrapped = app.wraps.lines(&text, width, indent, || {
        let options = textwrap::Options::new(room)
            .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
            .word_splitter(textwrap::WordSplitter::NoHyphenation)
            .break_words(true);
        textwrap::wrap(&text, options)
            .into_iter()
            .flat_map(|l| {
                if l.width() <= room {
                    vec![l.into_owned()]
                } else {
                    split_to_width(&l, room)
                }
            })
            .collect()
    });
    let mut text_lines = wrapped.into_iter();
    let mut first = vec![
        Span::styled(time, app.theme.dim),
        Span::styled(label, app.theme.kind(&e.kind)),
    ];
    if hanging {
        first.extend(highlighted(
            &text_lines.next().unwrap_or_default(),
            query,
            app.theme.matched,
        ));
    }
    let mut lines = vec![Line::from(first)];
    for l in text_lines.filter(|l| !l.is_empty()) {
        let mut spans = vec![Span::from(" ".repeat(indent))];
        spans.extend(highlighted(&l, query, app.theme.matched));
        lines.push(Line::from(spans));
    }
    lines
}

/// `line` in spans, those where the folded `query` is found highlighted:
/// the positions are found in the folded text and mapped back to the
/// characters they came from (an accent folded away, a wide character).
pub fn highlighted(line: &str, query: &str, matched: Style) -> Vec<Span<'static>> {
    if query.is_empty() {
        return vec![Span::from(line.to_string())];
    }
    let mut folded = String::new();
    // For each byte of `folded`: the range in `line` of the character it
    // came from.
    let mut origin: Vec<(usize, usize)> = Vec::new();
    for (at, c) in line.char_indices() {
        let end = at + c.len_utf8();
        let f = fold(&line[at..end]);
        origin.extend(std::iter::repeat_n((at, end), f.len()));
        folded.push_str(&f);
    }
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for (at, m) in folded.match_indices(query) {
        let (start, _) = origin[at];
        let (_, end) = origin[at + m.len() - 1];
        match ranges.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => ranges.push((start, end)),
        }
    }
    let mut spans = Vec::new();
    let mut done = 0;
    for (start, end) in ranges {
        if start > done {
            spans.push(Span::from(line[done..start].to_string()));
        }
        spans.push(Span::styled(line[start..end].to_string(), matched));
        done = end;
    }
    if done < line.len() {
        spans.push(Span::from(line[done..].to_string()));
    }
    spans
}

fn render_search(app: &App, review: &Review, frame: &mut Frame, area: Rect) {
    if area.height == 0 {
        return;
    }
    let s = app.store.session();
    let matches = review.matches(s);
    let said = if review.folded_query().is_empty() {
        String::new()
    } else if matches.is_empty() {
        "  no match".to_string()
    } else {
        match matches.binary_search(&review.selected) {
            Ok(n) => format!("  match {} of {}", n + 1, matches.len()),
            Err(_) => format!("  {} matches (n: next)", matches.len()),
        }
    };
    let width = usize::from(area.width);
    let query = format!("/{}", review.query.value());
    let room = width.saturating_sub(said.width());
    frame.render_widget(
        Line::from(vec![
            Span::from(fit(&query, room)).bold(),
            Span::styled(said, app.theme.info),
        ]),
        area,
    );
    if app.mode == Mode::ReviewSearch {
        let x = area.x + 1 + review.query.visual_cursor() as u16;
        frame.set_cursor_position(Position::new(x.min(area.right().saturating_sub(1)), area.y));
    }
}

fn menu(frame: &mut Frame, area: Rect, title: &str, lines: Vec<Line<'static>>) {
    let width = lines
        .iter()
        .map(Line::width)
        .max()
        .unwrap_or(0)
        .max(title.width())
        + 4;
    let area = super::overlay::centered(area, width as u16, lines.len() as u16 + 2);
    frame.render_widget(Clear, area);
    let block = Block::bordered().title(Span::from(title.to_string()).bold());
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn render_filter_menu(app: &App, review: &Review, frame: &mut Frame, area: Rect) {
    let s = app.store.session();
    let key = |k: char| Span::styled(format!(" {k} "), Style::new().reversed());
    let mut lines: Vec<Line> = KindFilter::ALL
        .iter()
        .map(|k| {
            let on = review.filters.has(*k);
            Line::from(vec![
                Span::from(if on { "[x] " } else { "[ ] " }),
                key(k.key()),
                Span::from(format!(" {}", k.label())),
            ])
        })
        .collect();
    let person = review
        .filters
        .person
        .map_or("anyone".to_string(), |id| s.attendee_name(id));
    let org = review
        .filters
        .organisation
        .clone()
        .unwrap_or_else(|| "any".to_string());
    lines.push(Line::from(vec![
        Span::from("    "),
        key('p'),
        Span::from(format!(" person: {}", fit(&person, 24))),
    ]));
    lines.push(Line::from(vec![
        Span::from("    "),
        key('g'),
        Span::from(format!(" organisation: {}", fit(&org, 16))),
    ]));
    menu(frame, area, " Filter (Esc/Enter closes) ", lines);
}

fn render_export_menu(app: &App, frame: &mut Frame, area: Rect) {
    let lines = EXPORTS
        .iter()
        .map(|c| {
            let out = export_path(app.store.path(), c.template, c.extension);
            let name = out
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            Line::from(vec![
                Span::styled(format!(" {} ", c.key), Style::new().reversed()),
                Span::from(format!(" {:<9} ", c.name)),
                Span::styled(escape_controls(&fit(&name, 40)).into_owned(), app.theme.dim),
            ])
        })
        .collect();
    menu(frame, area, " Export (Esc: none) ", lines);
}

/// The help's rows for the export menu, made from [`EXPORTS`].
pub fn export_help() -> Vec<(String, String)> {
    EXPORTS
        .iter()
        .map(|c| {
            (
                c.key.to_string(),
                format!("{}: <session>.{}.{}", c.name, c.template, c.extension),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::window_start;

    #[test]
    fn the_window_scrolls_one_step_at_a_time_and_jumps_to_the_top_row() {
        let two = |_| 2;
        // Visible from the top: stays.
        assert_eq!(window_start(0, 4, 10, two), 0);
        // One below: scrolled just enough (entries 1..=5 fill 10 rows).
        assert_eq!(window_start(0, 5, 10, two), 1);
        // A jump: on the top row.
        assert_eq!(window_start(0, 8, 10, two), 8);
        assert_eq!(window_start(0, 50_000, 10, two), 50_000);
        // Up: on the top row.
        assert_eq!(window_start(6, 3, 10, two), 3);
    }
}
