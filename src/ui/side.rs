//! The side pane: the roster by organisation, or the agenda.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::theme;
use crate::app::{App, Mode, Pane};
use crate::model::meeting::current_speaker;
use crate::model::stats::{format_duration, speaking_time};
use crate::text::{fit, pad, pad_left};

pub fn render(app: &App, pane: Pane, frame: &mut Frame, area: Rect) {
    let focused = app.mode == Mode::Browse && app.focus == pane;
    let title = match pane {
        Pane::Agenda => " Agenda ",
        _ => " Roster ",
    };
    let block = Block::new()
        .borders(Borders::LEFT | Borders::TOP)
        .title(if focused {
            Span::from(title).reversed()
        } else {
            Span::from(title).bold()
        });
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let height = usize::from(inner.height);
    let selected = if focused { app.selection(pane) } else { None };
    let lines = match pane {
        Pane::Agenda => {
            let (lines, selected_line) = agenda(app, width, selected);
            // Keep the selected row in view.
            let scroll = selected_line.map_or(0, |l| (l + 1).saturating_sub(height));
            lines.into_iter().skip(scroll).collect()
        }
        _ => roster(app, width, height, selected),
    };
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The roster by organisation, as much of it as fits in `height` lines with
/// the selected person in view. Only those lines are built: a roster may
/// have 100,000 people.
fn roster(app: &App, width: usize, height: usize, selected: Option<usize>) -> Vec<Line<'static>> {
    let s = app.store.session();
    // Each organisation with the positions of its people in the roster.
    let mut groups: Vec<(String, Option<&str>, Vec<usize>)> = s
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
    if groups.is_empty() {
        return vec![Line::from("No one yet: /join NAME, ORG, ROLE").dim()];
    }
    // The selected person's line (each group has a title line), kept in view.
    let mut first = 0;
    let mut selected_line = None;
    for (.., members) in &groups {
        if let Some(k) = selected.and_then(|i| members.binary_search(&i).ok()) {
            selected_line = Some(first + 1 + k);
        }
        first += 1 + members.len();
    }
    let scroll = selected_line.map_or(0, |l| (l + 1).saturating_sub(height));
    let shown = scroll..scroll + height;
    let stats = speaking_time(s, Some(app.now));
    let speaking = current_speaker(s);
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
            let org_time: chrono::Duration = stats
                .by_organisation
                .iter()
                .filter(|x| x.who.as_deref() == code)
                .map(|x| x.total)
                .sum();
            let time = format_duration(org_time);
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
            let (mark, style) = theme::attendance(a.attendance);
            let spoke = stats
                .by_attendee
                .iter()
                .find(|x| x.who == a.id)
                .map(|x| format_duration(x.total));
            let time = spoke.unwrap_or_default();
            let name_room = width.saturating_sub(3 + time.len() + 1);
            let mut name_style =
                if a.attendance.attended() && a.attendance != crate::model::Attendance::Left {
                    ratatui::style::Style::new()
                } else {
                    theme::DIM
                };
            let marker = if speaking == Some(a.id) {
                name_style = theme::SPEAKING;
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
                line = line.style(theme::SELECTED);
            }
            lines.push(line);
        }
    }
    lines
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
        let (mark, style) = theme::topic(item.status);
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
                if over { theme::OVER_TIME } else { theme::DIM },
            ),
        ]);
        if selected == Some(i) {
            line = line.style(theme::SELECTED);
        }
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push(Line::from("No topics: /topic TITLE MIN").dim());
    }
    (lines, selected)
}
