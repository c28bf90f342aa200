//! The log: each entry's time and kind, then its text wrapped under a text
//! column of its own; newest at the bottom, following the tail unless an
//! entry is selected or being edited. Only the entries on screen are wrapped:
//! a session may hold 100,000. Among them, dim rows say when the meeting
//! started and ended, topics were taken up, and people came and went.

use std::borrow::Cow;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::app::{Action, App, Editing, Mode, Pane};
use crate::keymap::Keys;
use crate::model::stats::format_duration;
use crate::model::timeline::{self, Event, Happening};
use crate::model::{AttendeeId, Entry, EntryKind, Session, Timestamp};
use crate::text::{escape_controls, fit, split_to_width};

/// The narrowest text column worth a hanging indent; below it an entry's
/// text starts on the line after its time, at the left edge.
const MIN_TEXT: usize = 16;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    if area.is_empty() {
        return;
    }
    let s = app.store.session();
    if s.entries.is_empty() && app.log_events().is_empty() {
        let hint = if app.store.is_read_only() {
            "No entries."
        } else {
            "No entries yet. Type a note and press Enter; F1 shows all keys."
        };
        frame.render_widget(
            Paragraph::new(hint)
                .wrap(Wrap { trim: true })
                .style(app.theme.dim),
            area,
        );
        return;
    }
    // Line by line: a line drawn alone takes its style across the whole row,
    // so a highlighted entry is one solid block.
    for (y, (_, line)) in (area.y..).zip(&rows(app, area)) {
        frame.render_widget(
            line,
            Rect {
                y,
                height: 1,
                ..area
            },
        );
    }
}

/// The entry drawn on row `y` of the log in `area`, if one is (not an
/// event's row): where it is in the session's entries.
pub fn entry_at(app: &App, area: Rect, y: u16) -> Option<usize> {
    let row = usize::from(y.checked_sub(area.y)?);
    rows(app, area).get(row).and_then(|(entry, _)| *entry)
}

/// The log's rows in `area`, top down, each with the entry it is part of
/// (`None`: an event's row, a rule, the hint).
fn rows(app: &App, area: Rect) -> Vec<(Option<usize>, Line<'static>)> {
    let s = app.store.session();
    let events = app.log_events();
    let (width, height) = (usize::from(area.width), usize::from(area.height));
    if width == 0 || height == 0 {
        return Vec::new();
    }
    if s.entries.is_empty() {
        let hint = if app.store.is_read_only() {
            "No entries.".to_string()
        } else {
            format!(
                "No entries yet. Type a note and press {}; {} shows all keys.",
                app.key_in(Keys::Entry, &Action::Submit),
                app.help_key()
            )
        };
        // The roll call before the first entry: the hint, then the events.
        let mut lines: Vec<(Option<usize>, Line)> = textwrap::wrap(&hint, width)
            .into_iter()
            .map(|l| (None, Line::styled(l.into_owned(), app.theme.dim)))
            .collect();
        lines.extend(
            events
                .iter()
                .map(|(_, e)| (None, event_row(s, e, width, app.theme.dim))),
        );
        let skip = lines.len().saturating_sub(height);
        return lines.split_off(skip);
    }
    let browsing = app.mode == Mode::Browse && app.focus == Pane::Log;
    let selected = app.selection(Pane::Log).filter(|_| browsing);
    let edited = match app.editing {
        Some(Editing::Entry(id)) => find(app, id),
        _ => None,
    };
    // More characters than the screen has cells cannot be shown: a pasted
    // book is wrapped as far as that, not whole at every frame. (Twice: some
    // characters take no cell.)
    let most = 2 * width * height;
    let after_end = |at: Timestamp| s.ended_at.is_some_and(|end| at > end);
    let len = s.entries.len();
    window(len, height, edited.or(selected), |i| {
        let mut entry = wrapped(app, &s.entries[i], width, most);
        if Some(i) == selected || Some(i) == edited {
            entry = entry
                .into_iter()
                .map(|l| l.style(app.theme.selected))
                .collect();
        }
        // The events just before the entry (and, after the last, those
        // after it), each a dim row of its own.
        let mut rows: Vec<(Timestamp, Option<usize>, Vec<Line>)> = timeline::before(&events, i)
            .iter()
            .map(|(_, e)| (e.at, None, vec![event_row(s, e, width, app.theme.dim)]))
            .collect();
        rows.push((s.entries[i].at, Some(i), entry));
        if i + 1 == len {
            let last = timeline::before(&events, len);
            rows.extend(
                last.iter()
                    .map(|(_, e)| (e.at, None, vec![event_row(s, e, width, app.theme.dim)])),
            );
        }
        // What happened once the meeting had ended comes under a rule
        // that says so, as the minutes put it in a section of its own.
        let mut after = i > 0 && after_end(s.entries[i - 1].at);
        let mut lines = Vec::new();
        for (at, entry, row) in rows {
            if after_end(at)
                && !after
                && let Some(end) = s.ended_at
            {
                let rule = format!("── after the meeting (ended {}) ", end.format("%H:%M"));
                let fill = width.saturating_sub(rule.width());
                lines.push((
                    None,
                    Line::styled(format!("{rule}{}", "─".repeat(fill)), app.theme.dim),
                ));
            }
            after = after_end(at);
            lines.extend(row.into_iter().map(|line| (entry, line)));
        }
        lines
    })
}

/// An event as a dim row: `14:05 → Tom Brandl (NUS) arrived (late)`, cut
/// to the width.
fn event_row(s: &Session, e: &Event, width: usize, style: Style) -> Line<'static> {
    let who = |id: AttendeeId| match s.attendee(id) {
        Some(a) => match &a.organisation {
            Some(org) => format!("{} ({org})", a.name),
            None => a.name.clone(),
        },
        None => s.attendee_name(id),
    };
    let what = match e.what {
        Happening::Started => "● Meeting started".to_string(),
        Happening::Ended => "● Meeting ended".to_string(),
        Happening::Topic(id) => match s.agenda.iter().position(|t| t.id == id) {
            Some(n) => format!(
                "■ Topic {}/{}: {}",
                n + 1,
                s.agenda.len(),
                s.agenda[n].title
            ),
            None => "■ Topic".to_string(),
        },
        Happening::Arrived {
            who: id,
            back,
            late,
        } => {
            let how = match (back, late) {
                (true, _) => "came back",
                (false, true) => "arrived (late)",
                (false, false) => "arrived",
            };
            format!("→ {} {how}", who(id))
        }
        Happening::Left(id) => format!("← {} left", who(id)),
    };
    let row = format!("{} {what}", e.at.format("%H:%M"));
    let row = escape_controls(&row.replace(['\n', '\r', '\t'], " ")).into_owned();
    Line::styled(fit(&row, width), style)
}

/// Where the entry being edited is: the edit starts from the selected row,
/// so that is looked at before the whole log.
fn find(app: &App, id: crate::model::EntryId) -> Option<usize> {
    let s = app.store.session();
    app.selection(Pane::Log)
        .filter(|&i| s.entries[i].id == id)
        .or_else(|| s.entry_index(id))
}

/// The rows on screen, `height` at most, of a log of `len` entries: its
/// tail, or, when the entry `anchor` would not be whole in the tail, the log
/// from that entry down. `rows(i)` gives entry `i`'s rows (one at least). It
/// is called for the entries shown, and for the tail's when the anchor is
/// near the tail without being whole in it: `height` + 1 entries at most.
fn window<T>(
    len: usize,
    height: usize,
    anchor: Option<usize>,
    mut rows: impl FnMut(usize) -> Vec<T>,
) -> Vec<T> {
    if height == 0 || len == 0 {
        return Vec::new();
    }
    // An entry takes a row at least: an anchor more than `height` entries
    // up is not in the tail, which need not be wrapped to know it.
    let start = match anchor {
        Some(a) if a + height < len => a,
        _ => {
            let mut blocks = Vec::new();
            let mut used = 0;
            let mut anchor_whole = anchor.is_none();
            for i in (0..len).rev() {
                let mut block = rows(i);
                if used + block.len() > height {
                    // The topmost entry shows its last rows: no gap above
                    // the tail while there is more log up there.
                    block.drain(..block.len() - (height - used));
                    blocks.push(block);
                    break;
                }
                used += block.len();
                blocks.push(block);
                anchor_whole |= anchor == Some(i);
                if used == height {
                    break;
                }
            }
            match anchor {
                Some(a) if !anchor_whole => a,
                _ => return blocks.into_iter().rev().flatten().collect(),
            }
        }
    };
    // The anchor on the top row, whole unless it is taller than the screen.
    let mut lines = Vec::new();
    for i in start..len {
        lines.extend(rows(i));
        if lines.len() >= height {
            break;
        }
    }
    lines.truncate(height);
    lines
}

/// An entry as rows of `width` columns: `HH:MM Kind       text`, the text
/// wrapped with its following rows starting under its first; its first
/// `most` characters, then `…`.
fn wrapped(app: &App, e: &Entry, width: usize, most: usize) -> Vec<Line<'static>> {
    let s = app.store.session();
    let time = e.at.format("%H:%M ").to_string();
    let label = format!("{:<10} ", e.kind.label());
    let head = time.width() + label.width();
    let hanging = width >= head + MIN_TEXT;
    let text = describe(
        s,
        e,
        most,
        app.now,
        if hanging { width - head } else { width },
    );
    let indent = if hanging {
        " ".repeat(head)
    } else {
        String::new()
    };
    // Lines filled in turn, like a terminal's; dates and hyphenated words
    // kept whole; only a word longer than a line is broken.
    let options = textwrap::Options::new(width.max(1))
        .initial_indent(&indent)
        .subsequent_indent(&indent)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(true);
    let room = width.saturating_sub(indent.len()).max(1);
    let text_lines = app.wraps.lines(&text, width, indent.len(), || {
        textwrap::wrap(&text, options)
            .into_iter()
            .flat_map(|l| {
                let l = unglue(l.strip_prefix(indent.as_str()).unwrap_or(&l));
                if l.width() <= room {
                    vec![l]
                } else {
                    split_to_width(&l, room)
                }
            })
            .collect()
    });
    let mut text_lines = text_lines.into_iter();
    let mut first = vec![
        Span::styled(time, app.theme.dim),
        Span::styled(label, app.theme.kind(&e.kind)),
    ];
    if hanging {
        first.push(Span::from(text_lines.next().unwrap_or_default()));
    }
    let mut lines = vec![Line::from(first)];
    lines.extend(
        text_lines
            .filter(|l| !l.is_empty())
            .map(|l| Line::from(vec![Span::from(indent.clone()), Span::from(l)])),
    );
    lines
}

/// What an entry says after its kind, on one line to be wrapped at `room`
/// columns: a speech's speaker and length before its summary; a question's
/// asker before it; an action's task before its owner and due date, which
/// are read after it. Glued where a line must not break (see [`glue`]).
fn describe(s: &Session, e: &Entry, most: usize, now: Timestamp, room: usize) -> String {
    let text = e.text.trim();
    let text = match text.char_indices().nth(most) {
        Some((cut, _)) => Cow::Owned(format!("{}…", &text[..cut])),
        None => Cow::Borrowed(text),
    };
    let described = match &e.kind {
        EntryKind::Speech { speaker, ended_at } => {
            let length = format_duration(ended_at.unwrap_or(now) - e.at);
            let live = if ended_at.is_none() { "▶ " } else { "" };
            let who = format!("{live}{} {length}", s.attendee_name(*speaker));
            if text.is_empty() {
                who
            } else {
                format!("{who}  {text}")
            }
        }
        EntryKind::Question { by: Some(by) } => format!("{}: {text}", s.attendee_name(*by)),
        EntryKind::Action { owner, due, done } => {
            let mut parts = Vec::new();
            if !text.is_empty() {
                parts.push(text.to_string());
            }
            if let Some(o) = owner {
                parts.push(glue(&format!("@{}", s.attendee_name(*o)), room));
            }
            if let Some(due) = due {
                parts.push(format!("due {due}"));
            }
            let check = if *done { "[x]" } else { "[ ]" };
            // The dot ends a line rather than starts one.
            format!("{check} {}", parts.join(&format!("{NO_BREAK_SPACE}· ")))
        }
        _ => text.to_string(),
    };
    let described = if e.confidential {
        format!("{} {described}", super::review::CONFIDENTIAL)
    } else {
        described
    };
    // One passage: line breaks and tabs read as spaces; what a terminal
    // would act on is shown escaped, and measured as shown.
    escape_controls(&described.replace(['\n', '\r', '\t'], " ")).into_owned()
}

/// Marks for the wrapping, taken out before drawing: a space that does not
/// break, and a joiner between characters that must stay on one line.
const NO_BREAK_SPACE: char = '\u{a0}';
const WORD_JOINER: char = '\u{2060}';

/// A name that fits in `room` columns, made to stay on one line: a Chinese
/// name would otherwise break between any two characters, a Latin one at
/// its spaces, and "@" from the name.
fn glue(name: &str, room: usize) -> String {
    if name.width() > room {
        return name.to_string();
    }
    let mut glued = String::with_capacity(name.len() * 2);
    for (i, c) in name.chars().enumerate() {
        if c == ' ' {
            glued.push(NO_BREAK_SPACE);
            continue;
        }
        if i > 0 && !glued.ends_with(NO_BREAK_SPACE) {
            glued.push(WORD_JOINER);
        }
        glued.push(c);
    }
    glued
}

/// A wrapped line as drawn: the marks [`glue`] and [`describe`] put in for
/// the wrapping taken out again (the same width: 1 and 0 columns).
fn unglue(line: &str) -> String {
    line.chars()
        .filter(|&c| c != WORD_JOINER)
        .map(|c| if c == NO_BREAK_SPACE { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use super::window;

    /// Entry `i` of a log whose entries take `heights[i]` rows: its rows as
    /// `(i, row)`. Records which entries were asked for.
    fn log<'a>(
        heights: &'a [usize],
        asked: &'a RefCell<Vec<usize>>,
    ) -> impl FnMut(usize) -> Vec<(usize, usize)> + 'a {
        move |i| {
            asked.borrow_mut().push(i);
            (0..heights[i]).map(|r| (i, r)).collect()
        }
    }

    #[test]
    fn the_tail_fills_the_screen_with_the_top_entry_cut_from_above() {
        let asked = RefCell::new(Vec::new());
        let heights = [1; 1000]
            .iter()
            .copied()
            .chain([3, 3, 2, 1])
            .collect::<Vec<_>>();
        let rows = window(1004, 5, None, log(&heights, &asked));
        assert_eq!(
            rows,
            [(1001, 1), (1001, 2), (1002, 0), (1002, 1), (1003, 0)]
        );
        assert_eq!(*asked.borrow(), [1003, 1002, 1001], "only what is shown");
    }

    #[test]
    fn a_short_log_starts_at_the_top() {
        let asked = RefCell::new(Vec::new());
        let rows = window(2, 10, Some(0), log(&[2, 1], &asked));
        assert_eq!(rows, [(0, 0), (0, 1), (1, 0)]);
    }

    #[test]
    fn an_anchor_in_the_tail_leaves_the_tail_where_it_is() {
        let asked = RefCell::new(Vec::new());
        let rows = window(4, 5, Some(2), log(&[3, 3, 2, 1], &asked));
        assert_eq!(rows, [(1, 1), (1, 2), (2, 0), (2, 1), (3, 0)]);
    }

    #[test]
    fn an_anchor_cut_or_above_the_tail_is_shown_whole_from_the_top_row() {
        let heights = [3, 3, 2, 1];
        let asked = RefCell::new(Vec::new());
        let rows = window(4, 5, Some(1), log(&heights, &asked));
        assert_eq!(rows, [(1, 0), (1, 1), (1, 2), (2, 0), (2, 1)]);
        let rows = window(4, 5, Some(0), log(&heights, &asked));
        assert_eq!(rows, [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1)]);
        // Far up a long log: only the entries from the anchor down are built.
        let asked = RefCell::new(Vec::new());
        let heights = vec![2; 100_000];
        let rows = window(100_000, 5, Some(10), log(&heights, &asked));
        assert_eq!(rows, [(10, 0), (10, 1), (11, 0), (11, 1), (12, 0)]);
        assert_eq!(*asked.borrow(), [10, 11, 12]);
    }

    #[test]
    fn an_entry_taller_than_the_screen_shows_its_first_rows_when_anchored() {
        let asked = RefCell::new(Vec::new());
        let rows = window(2, 3, Some(1), log(&[1, 5], &asked));
        assert_eq!(rows, [(1, 0), (1, 1), (1, 2)]);
        let asked = RefCell::new(Vec::new());
        let rows = window(2, 3, None, log(&[1, 5], &asked));
        assert_eq!(rows, [(1, 2), (1, 3), (1, 4)]);
    }
}
