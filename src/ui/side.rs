//! The side pane: the roster by organisation, or the agenda.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::theme;
use crate::app::{App, Mode, Pane};
use crate::model::stats::format_duration;
use crate::text::{fit, pad, pad_left};

/// The fewest rows the list keeps before a legend is given a row under it.
const LIST_ROWS_BEFORE_LEGEND: usize = 4;

/// The most rows the queue takes from the roster under it, unless browsed.
const QUEUE_ROWS: usize = 5;

/// The pane in `area`: beside the log (a line on its left), or alone in
/// the log's place when the screen is too narrow for both. The roster has
/// the queue above it while anyone waits to speak.
pub fn render(app: &App, pane: Pane, frame: &mut Frame, area: Rect, beside_log: bool) {
    match split(app, pane, area) {
        (None, list) => render_list(app, pane, frame, list, beside_log),
        (Some(queue), roster) => {
            render_queue(app, frame, queue, beside_log);
            render_list(app, Pane::Attendees, frame, roster, beside_log);
        }
    }
}

/// Where the queue (while anyone waits to speak, above the roster) and
/// the list are in the pane's `area`.
fn split(app: &App, pane: Pane, area: Rect) -> (Option<Rect>, Rect) {
    let queued = app.store.session().queue.len();
    if pane == Pane::Agenda || queued == 0 {
        return (None, area);
    }
    // The queue gets its rows (a title and one each), at most a third of
    // the pane unless it is browsed; the roster keeps three at least.
    let most = if app.focus == Pane::Queue {
        usize::from(area.height).saturating_sub(4)
    } else {
        QUEUE_ROWS.min(usize::from(area.height) / 3)
    };
    let rows = (1 + queued.min(most)) as u16;
    let [queue, roster] =
        Layout::vertical([Constraint::Length(rows), Constraint::Fill(1)]).areas(area);
    (Some(queue), roster)
}

/// What is at `at` in the pane drawn in `area`: the list (the queue, the
/// roster or the agenda) and the row of it there, if a row is: where the
/// person or topic is in the session's list. Measured as [`render`] draws.
pub fn hit(
    app: &App,
    pane: Pane,
    area: Rect,
    beside_log: bool,
    at: Position,
) -> Option<(Pane, Option<usize>)> {
    let (queue, list) = split(app, pane, area);
    let (pane, area) = match queue {
        Some(queue) if queue.contains(at) => (Pane::Queue, queue),
        Some(_) => (Pane::Attendees, list),
        None => (pane, list),
    };
    if !area.contains(at) {
        return None;
    }
    let inner = titled(String::new(), false, beside_log).inner(area);
    if !inner.contains(at) {
        // The title: the list, no row.
        return Some((pane, None));
    }
    let line = usize::from(at.y - inner.y);
    let height = usize::from(inner.height);
    let s = app.store.session();
    let row = match pane {
        Pane::Queue => {
            let i = queue_scroll(app, height) + line;
            (i < s.queue.len()).then_some(i)
        }
        Pane::Agenda | Pane::Attendees => {
            let groups = match pane {
                Pane::Agenda => Vec::new(),
                _ => groups(app),
            };
            let list_height = height - legend_of(app, pane, &groups, inner).len();
            let selected = list_selection(app, pane);
            if line >= list_height {
                None
            } else if pane == Pane::Agenda {
                let i = scroll_to(selected, list_height) + line;
                (i < s.agenda.len()).then_some(i)
            } else {
                roster_row(
                    &groups,
                    roster_scroll(&groups, list_height, selected) + line,
                )
            }
        }
        Pane::Log => None,
    };
    Some((pane, row))
}

/// The queue's first row shown in `height` rows: the selected one in view.
fn queue_scroll(app: &App, height: usize) -> usize {
    let focused = app.mode == Mode::Browse && app.focus == Pane::Queue;
    let selected = if focused {
        app.selection(Pane::Queue)
    } else {
        None
    };
    scroll_to(selected, height)
}

/// The selected row of the roster or the agenda, while browsed.
fn list_selection(app: &App, pane: Pane) -> Option<usize> {
    let focused = app.mode == Mode::Browse && app.focus == pane;
    if focused { app.selection(pane) } else { None }
}

/// The side pane's block: a line on the left beside the log, and the
/// title, reversed while its list is browsed.
fn titled(title: String, focused: bool, beside_log: bool) -> Block<'static> {
    Block::new()
        .borders(if beside_log {
            Borders::LEFT | Borders::TOP
        } else {
            Borders::TOP
        })
        .title(if focused {
            Span::from(title).reversed()
        } else {
            Span::from(title).bold()
        })
}

/// Those who asked to speak, first in line first, with the selected one in
/// view.
fn render_queue(app: &App, frame: &mut Frame, area: Rect, beside_log: bool) {
    let s = app.store.session();
    let focused = app.mode == Mode::Browse && app.focus == Pane::Queue;
    let block = titled(format!(" Queue ({}) ", s.queue.len()), focused, beside_log);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let height = usize::from(inner.height);
    let selected = if focused {
        app.selection(Pane::Queue)
    } else {
        None
    };
    let scroll = queue_scroll(app, height);
    let number_width = s.queue.len().to_string().len();
    let lines: Vec<Line> = s
        .queue
        .iter()
        .enumerate()
        .skip(scroll)
        .take(height)
        .map(|(i, id)| {
            let a = s.attendee(*id);
            let name = a.map_or_else(|| s.attendee_name(*id), |a| a.name.clone());
            let org = a.and_then(|a| a.organisation.clone()).unwrap_or_default();
            let number = format!("{:>number_width$} ", i + 1);
            let org_room = if org.is_empty() {
                0
            } else {
                org.width().min(8) + 1
            };
            let name_room = width.saturating_sub(number.len() + org_room);
            let mut line = Line::from(vec![
                Span::from(number).dim(),
                Span::from(pad(&fit(&name, name_room), name_room)),
                Span::from(pad_left(&fit(&org, org_room.saturating_sub(1)), org_room)).dim(),
            ]);
            if selected == Some(i) {
                line = line.style(app.theme.selected);
            }
            line
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn render_list(app: &App, pane: Pane, frame: &mut Frame, area: Rect, beside_log: bool) {
    let focused = app.mode == Mode::Browse && app.focus == pane;
    let title = match pane {
        Pane::Agenda => " Agenda ",
        _ => " Roster ",
    };
    let block = titled(title.to_string(), focused, beside_log);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let height = usize::from(inner.height);
    let selected = list_selection(app, pane);
    let groups = match pane {
        Pane::Agenda => Vec::new(),
        _ => groups(app),
    };
    let legend = legend_of(app, pane, &groups, inner);
    let list_height = height - legend.len();
    let mut lines: Vec<Line> = match pane {
        Pane::Agenda => {
            let (lines, selected_line) = agenda(app, width, selected);
            // Keep the selected row in view.
            let scroll = scroll_to(selected_line, list_height);
            lines.into_iter().skip(scroll).collect()
        }
        _ => roster(app, groups, width, list_height, selected),
    };
    if !legend.is_empty() {
        lines.resize(list_height, Line::default());
        lines.extend(legend);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// What the marks mean, under the list when there is one to explain: on
/// two rows if it needs them and the whole list fits above them, else on
/// one, as much as fits.
fn legend_of(app: &App, pane: Pane, groups: &[Group], inner: Rect) -> Vec<Line<'static>> {
    let s = app.store.session();
    let width = usize::from(inner.width);
    let height = usize::from(inner.height);
    let (items, list_rows) = match pane {
        Pane::Agenda => (
            theme::TOPIC_LEGEND
                .map(|(status, word)| (app.theme.topic(status).0, word))
                .to_vec(),
            s.agenda.len(),
        ),
        _ => (
            theme::ATTENDANCE_LEGEND
                .map(|(a, word)| (app.theme.attendance(a).0, word))
                .to_vec(),
            groups.iter().map(|(.., members)| 1 + members.len()).sum(),
        ),
    };
    let legend_rows = if list_rows + 2 <= height { 2 } else { 1 };
    if list_rows > 0 && height > LIST_ROWS_BEFORE_LEGEND {
        legend(&items, width, legend_rows, app.theme.dim)
    } else {
        Vec::new()
    }
}

/// `mark word` pairs on dim lines, on the fewest of `rows` lines that hold
/// them all in `width`, spread evenly; else on one line, as many as fit, in
/// order; none if not even the first does.
fn legend(items: &[(&str, &str)], width: usize, rows: usize, style: Style) -> Vec<Line<'static>> {
    let items: Vec<String> = items
        .iter()
        .map(|(mark, word)| format!("{mark} {word}"))
        .collect();
    let dim = |lines: Vec<String>| lines.into_iter().map(|l| Line::styled(l, style)).collect();
    for n in 1..=rows.min(items.len()) {
        let lines: Vec<String> = items
            .chunks(items.len().div_ceil(n))
            .map(|chunk| chunk.join(" "))
            .collect();
        if lines.iter().all(|l| l.width() <= width) {
            return dim(lines);
        }
    }
    let mut line = String::new();
    for item in items {
        if line.width() + usize::from(!line.is_empty()) + item.width() > width {
            break;
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&item);
    }
    dim(if line.is_empty() { vec![] } else { vec![line] })
}

/// An organisation on the roster: its title, its code, and where its people
/// are in the roster.
type Group<'a> = (String, Option<&'a str>, Vec<usize>);

/// The organisations with people on the roster, in the session's order,
/// then the people of none.
fn groups(app: &App) -> Vec<Group<'_>> {
    let s = app.store.session();
    let mut groups: Vec<Group> = s
        .organisations
        .iter()
        .map(|o| {
            (
                org_title(&o.code, &o.name),
                Some(o.code.as_str()),
                Vec::new(),
            )
        })
        .collect();
    groups.push(("No organisation".into(), None, Vec::new()));
    for (_, code, members) in &mut groups {
        members.extend(
            s.attendees
                .iter()
                .enumerate()
                .filter(|(_, a)| a.organisation.as_deref() == *code)
                .map(|(i, _)| i),
        );
    }
    groups.retain(|(.., members)| !members.is_empty());
    groups
}

/// The roster by organisation, as much of it as fits in `height` lines with
/// the selected person in view. Only those lines are built: a roster may
/// have 100,000 people.
fn roster(
    app: &App,
    groups: Vec<Group>,
    width: usize,
    height: usize,
    selected: Option<usize>,
) -> Vec<Line<'static>> {
    let s = app.store.session();
    if groups.is_empty() {
        return vec![Line::from("No one yet: /join NAME, ORG, ROLE").dim()];
    }
    let scroll = roster_scroll(&groups, height, selected);
    let shown = scroll..scroll + height;
    // Kept up to date by each change: nothing here goes through the log.
    let derived = app.store.derived();
    let by_organisation = derived.by_organisation(s, app.now);
    let total_spoken = derived.total_spoken(app.now);
    let speaking = derived.current_speaker();
    let mut lines = Vec::new();
    let mut first = 0;
    for (title, code, members) in groups {
        let group = first..first + 1 + members.len();
        first = group.end;
        if group.end <= shown.start {
            continue;
        }
        if group.start >= shown.end {
            break;
        }
        if shown.contains(&group.start) {
            let org_time = by_organisation
                .get(&code)
                .copied()
                .unwrap_or_else(chrono::Duration::zero);
            // The organisation's share of all time spoken, live.
            let time = match total_spoken.num_seconds() {
                0 => format_duration(org_time),
                total => format!(
                    "{} {:>3}%",
                    format_duration(org_time),
                    (org_time.num_seconds() * 100 + total / 2) / total
                ),
            };
            lines.push(Line::from(vec![
                Span::from(pad(
                    &fit(&title, width.saturating_sub(time.len() + 1)),
                    width.saturating_sub(time.len()),
                ))
                .bold(),
                Span::from(time).bold(),
            ]));
        }
        let skip = shown.start.saturating_sub(group.start + 1);
        let take = shown.end.saturating_sub(group.start + 1 + skip);
        for &i in members.iter().skip(skip).take(take) {
            let a = &s.attendees[i];
            let (mark, style) = app.theme.attendance(a.attendance);
            let spoke = derived
                .spoken(a.id, app.now)
                .map(|x| format_duration(x.total));
            let time = spoke.unwrap_or_default();
            let name_room = width.saturating_sub(3 + time.len() + 1);
            let mut name_style =
                if a.attendance.attended() && a.attendance != crate::model::Attendance::Left {
                    ratatui::style::Style::new()
                } else {
                    app.theme.dim
                };
            let marker = if speaking == Some(a.id) {
                name_style = app.theme.speaking;
                "▶"
            } else {
                " "
            };
            let mut line = Line::from(vec![
                Span::styled(format!("{marker}{mark} "), style),
                Span::styled(pad(&fit(&a.name, name_room), name_room), name_style),
                Span::from(pad_left(&time, time.len() + 1)).dim(),
            ]);
            if selected == Some(i) {
                line = line.style(app.theme.selected);
            }
            lines.push(line);
        }
    }
    lines
}

/// The roster's first line shown in `height` lines: the selected person's
/// line (each group has a title line) kept in view.
fn roster_scroll(groups: &[Group], height: usize, selected: Option<usize>) -> usize {
    let mut first = 0;
    let mut selected_line = None;
    for (.., members) in groups {
        if let Some(k) = selected.and_then(|i| members.binary_search(&i).ok()) {
            selected_line = Some(first + 1 + k);
        }
        first += 1 + members.len();
    }
    scroll_to(selected_line, height)
}

/// The person on line `line` of the whole roster (each group has a title
/// line first): where they are in the session's roster.
fn roster_row(groups: &[Group], line: usize) -> Option<usize> {
    let mut first = 0;
    for (.., members) in groups {
        if line > first && line <= first + members.len() {
            return Some(members[line - first - 1]);
        }
        first += 1 + members.len();
    }
    None
}

/// The first line shown of a list `height` lines high, so that the line
/// `selected` is in view.
fn scroll_to(selected: Option<usize>, height: usize) -> usize {
    selected.map_or(0, |l| (l + 1).saturating_sub(height))
}

fn org_title(code: &str, name: &str) -> String {
    if code == name {
        code.to_string()
    } else {
        format!("{code} {name}")
    }
}

fn agenda(app: &App, width: usize, selected: Option<usize>) -> (Vec<Line<'static>>, Option<usize>) {
    let s = app.store.session();
    let mut lines = Vec::new();
    for (i, item) in s.agenda.iter().enumerate() {
        let (mark, style) = app.theme.topic(item.status);
        let actual = match (item.started_at, item.ended_at) {
            (Some(a), Some(b)) => Some((b - a).num_minutes()),
            (Some(a), None) => Some((app.now - a).num_minutes()),
            _ => None,
        };
        let time = match (actual, item.planned_minutes) {
            (Some(m), 0) => format!("{m}m"),
            (Some(m), p) => format!("{m}/{p}m"),
            (None, 0) => String::new(),
            (None, p) => format!("{p}m"),
        };
        let over =
            actual.is_some_and(|m| item.planned_minutes > 0 && m > i64::from(item.planned_minutes));
        let title_room = width.saturating_sub(2 + time.len() + 1);
        let title = format!("{}. {}", i + 1, item.title);
        let mut line = Line::from(vec![
            Span::styled(format!("{mark} "), style),
            Span::styled(
                pad(&fit(&title, title_room), title_room),
                style.remove_modifier(Modifier::BOLD),
            ),
            Span::styled(
                pad_left(&time, time.len() + 1),
                if over {
                    app.theme.over_time
                } else {
                    app.theme.dim
                },
            ),
        ]);
        if selected == Some(i) {
            line = line.style(app.theme.selected);
        }
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push(Line::from("No topics: /topic TITLE MIN").dim());
    }
    (lines, selected)
}
