//! The help: built from the marker, command and key tables, so it is always
//! what works, and wrapped here to the width it is shown at, so that how
//! far it scrolls is known exactly (the last line can always be reached).

use ratatui::style::{Style, Stylize};
use ratatui::text::{Line, Span};

use crate::app::App;
use crate::app::dates::DAY_HELP;
use crate::app::quick::{COMMANDS, MARKERS};
use crate::keymap::{self, Keys};
use crate::text::pad;

/// The help box: at most this wide, the whole height, with a border.
pub const MAX_WIDTH: u16 = 100;

/// The width inside the help box on a terminal `width` columns wide.
pub fn inner_width(width: u16) -> u16 {
    width.min(MAX_WIDTH).saturating_sub(2)
}

/// The furthest the help scrolls on a terminal of this size: its last line
/// at the bottom of the box.
pub fn last_scroll(app: &App, width: u16, height: u16) -> u16 {
    last_scroll_of(lines(app, inner_width(width)).len(), height)
}

/// Where the keys of `mode` begin in the help of a terminal `width`
/// columns wide: the review opens its help there, not at the recording's.
pub fn section_start(app: &App, width: u16, mode: Keys) -> u16 {
    let title = app.keymap.in_force(mode.title());
    let at = lines(app, inner_width(width))
        .iter()
        .position(|l| l.spans.len() == 1 && l.spans[0].content == title)
        .unwrap_or(0);
    u16::try_from(at).unwrap_or(0)
}

/// The furthest `count` lines of help scroll in a terminal `height` rows high.
pub fn last_scroll_of(count: usize, height: u16) -> u16 {
    u16::try_from(count.saturating_sub(usize::from(height.saturating_sub(2)))).unwrap_or(u16::MAX)
}

/// A paragraph wrapped to `width`.
fn paragraph(text: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    textwrap::wrap(text, width.max(1))
        .into_iter()
        .map(|l| Line::styled(l.into_owned(), style))
        .collect()
}

/// `left` in a column `column` wide, `right` wrapped beside it with the
/// lines after the first under it. A `left` wider than the column gets a
/// line of its own.
fn row(
    left: &str,
    right: &str,
    column: usize,
    width: usize,
    left_style: Style,
) -> Vec<Line<'static>> {
    let room = width.saturating_sub(column).max(10);
    let wrapped = textwrap::wrap(right, room);
    let mut lines = Vec::new();
    let left_width = unicode_width::UnicodeWidthStr::width(left);
    let mut rest = wrapped.iter();
    if left_width >= column {
        lines.push(Line::from(Span::styled(left.to_string(), left_style)));
    } else if let Some(first) = rest.next() {
        lines.push(Line::from(vec![
            Span::styled(pad(left, column), left_style),
            Span::from(first.to_string()),
        ]));
    }
    for l in rest {
        lines.push(Line::from(format!("{}{l}", " ".repeat(column))));
    }
    lines
}

fn heading(text: &str) -> Line<'static> {
    Line::from(text.to_string()).bold().underlined()
}

/// The help's lines at `width` columns.
pub fn lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width).max(20);
    let green = app.theme.typed;
    let cyan = app.theme.key;
    let mut lines = Vec::new();
    lines.extend(paragraph(
        "minutes: record the meeting as it happens. Every entry is timestamped and on disk at once.",
        width,
        Style::new().bold(),
    ));
    lines.extend(paragraph(
        "Type a line and press Enter: it is a note, whatever it starts with. A marker at the very \
         start (a lower-case letter and a colon) makes it something else; a / makes it a command. \
         Non-notes are confirmed on the status line.",
        width,
        Style::new(),
    ));
    lines.push(Line::from(""));
    lines.push(heading(
        "Markers (the letter in lower case; the words in any case)",
    ));
    for m in MARKERS {
        let mut what = m.what.to_string();
        if !m.words.is_empty() {
            let words: Vec<String> = m.words.iter().map(|w| format!("{w}:")).collect();
            what = format!("{what} ({})", words.join(" "));
        }
        lines.extend(row(m.example, &what, 24, width, green));
    }
    lines.push(Line::from(""));
    lines.push(heading(
        "Commands (Tab completes; a unique start is enough but for /title…/credit)",
    ));
    for c in COMMANDS {
        let mut usage = format!("/{}", c.name);
        for part in [
            c.args.to_string(),
            c.alias.map(|a| format!("(/{a})")).unwrap_or_default(),
        ] {
            if !part.is_empty() {
                usage = format!("{usage} {part}");
            }
        }
        lines.extend(row(&usage, c.what, 30, width, green));
    }
    lines.extend(paragraph(
        "/title, /series, /theme, /platform, /schedule and /credit set the meeting's details: \
         they are typed whole (Tab completes them), and each confirms what is now set.",
        width,
        Style::new(),
    ));
    lines.push(Line::from(""));
    lines.push(heading("Days (due:DAY, /schedule DAY HH:MM)"));
    for (form, what) in DAY_HELP {
        lines.extend(row(form, what, 24, width, green));
    }
    lines.push(Line::from(""));
    lines.push(heading("Marks on screen"));
    for (marks, what) in [
        (
            "Roster",
            "+ here   ~ arrived late   - left   x absent   (blank) expected   ▶ speaking",
        ),
        (
            "Agenda",
            "> current topic   = done   - skipped   12/10m: minutes taken / planned (red: over)",
        ),
        (
            "Log",
            "▶ the speech going on   [ ] open action   [x] done action   (conf.) confidential",
        ),
    ] {
        lines.extend(row(marks, what, 10, width, cyan));
    }
    lines.push(Line::from(""));
    for mode in [
        Keys::Entry,
        Keys::Browse,
        Keys::Pick,
        Keys::RollCall,
        Keys::Review,
        Keys::ReviewSearch,
        Keys::ReviewFilter,
        Keys::ReviewExport,
        Keys::Global,
        Keys::Help,
        Keys::Unsaved,
    ] {
        lines.push(heading(&app.keymap.in_force(mode.title())));
        for b in app.keymap.all().iter().filter(|b| b.mode == mode) {
            let help = app.keymap.in_force(b.help);
            lines.extend(row(&keymap::keys_label(b), &help, 18, width, cyan));
        }
        if mode == Keys::Entry {
            lines.extend(row("any text", "typed into the line", 18, width, cyan));
        }
        if mode == Keys::ReviewExport {
            for (key, what) in super::review::export_help() {
                lines.extend(row(&key, &what, 18, width, cyan));
            }
        }
        if mode == Keys::Global {
            lines.extend(row("mouse", mouse_help(app.mouse), 18, width, cyan));
        }
        if mode == Keys::RollCall {
            let what = "as in a picker: letters find a name, ↑/↓ move";
            lines.extend(row("letters, ↑/↓", what, 18, width, cyan));
        }
        lines.push(Line::from(""));
    }
    lines.pop();
    lines
}

/// The help's line on the mouse: what it does when on, how to switch it on
/// when off.
pub fn mouse_help(on: bool) -> &'static str {
    if on {
        "click a list to browse it, a person to give them the floor, a topic to take it up, \
         an entry to select it; the wheel moves in the list under the pointer (in most terminals \
         Shift+drag still selects text)"
    } else {
        "off, so the terminal selects text to copy; `mouse: true` in the config file or \
         --mouse turns it on"
    }
}
