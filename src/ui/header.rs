//! Two lines: the meeting and its clock; the topic and the speaker.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Style, Stylize};
use ratatui::text::{Line, Span};

use super::theme::Theme;
use crate::app::{Action, App};
use crate::model::AgendaStatus;
use crate::model::attendance::{here_count, presence};
use crate::model::stats::format_duration;
use crate::text::fit;
use unicode_width::UnicodeWidthStr;

/// The columns the topic keeps on the second line when the queue's next
/// speaker is shown there too.
const TOPIC_KEEPS: usize = 20;

/// How long a warning precedes the end of the time a speech may last.
pub const LIMIT_WARNING_SECONDS: i64 = 30;

/// The speaker's clock: the time spoken, or with a limit the time left,
/// in the warning colour near the end and in red past it.
fn speech_clock(theme: &Theme, spoken: chrono::Duration, limit: Option<u32>) -> (String, Style) {
    let Some(limit) = limit else {
        return (format!(" {}", format_duration(spoken)), Style::new());
    };
    // In whole seconds, as shown: "00:00 over" would read as a mistake.
    let left = chrono::Duration::seconds(i64::from(limit) - spoken.num_seconds());
    if left < chrono::Duration::zero() {
        (format!(" {} over", format_duration(-left)), theme.over_time)
    } else if left.num_seconds() <= LIMIT_WARNING_SECONDS {
        (format!(" {} left", format_duration(left)), theme.warning)
    } else {
        (format!(" {} left", format_duration(left)), Style::new())
    }
}

/// The fewest columns the title keeps before the count of those here gives way.
const TITLE_ROOM: usize = 10;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let s = app.store.session();
    let width = usize::from(area.width);
    let mut clock = app.now.format("%H:%M:%S").to_string();
    match (s.started_at, s.ended_at) {
        (Some(start), None) => {
            clock = format!("{clock}  meeting {}", format_duration(app.now - start))
        }
        (Some(start), Some(end)) => {
            clock = format!(
                "ended {}, {}",
                end.format("%H:%M"),
                format_duration(end - start)
            )
        }
        (None, _) => clock = format!("{clock}  not started"),
    }
    // Who is here now, for a quorum, until the end: by the clock, where the
    // eye goes; on a narrow screen the count alone, the title keeping some room.
    if !s.attendees.is_empty() && s.ended_at.is_none() {
        let (here, all) = here_count(s);
        let room = |text: &str| width >= text.len() + clock.len() + 2 + TITLE_ROOM;
        for count in [presence(s), format!("{here}/{all}")] {
            if room(&count) {
                clock = format!("{count}  {clock}");
                break;
            }
        }
    }
    let mut title = s.title.clone();
    if app.store.is_read_only() {
        title.push_str("  [read-only]");
    }
    title_bar(frame, area, &title, &clock, app.theme.bar);

    // The speaker and their running time come first: they matter most during
    // the meeting; the topic's title gets what room is left.
    let mut speaker = Vec::new();
    if let Some(speech) = app.store.derived().current_speech() {
        let id = speech.speaker;
        let who = match s.attendee(id) {
            Some(a) => match &a.organisation {
                Some(org) => format!("{} ({org})", a.name),
                None => a.name.clone(),
            },
            None => s.attendee_name(id),
        };
        let (timer, style) = speech_clock(
            &app.theme,
            app.now - speech.at,
            // A limit of nothing (a hand edit) is no limit, as `/limit 0` is.
            s.speech_limit_seconds.filter(|l| *l > 0),
        );
        let who = fit(&who, (width / 2).saturating_sub(timer.len() + 5));
        speaker.push(Span::styled("   ▶ ", app.theme.speaking));
        speaker.push(Span::styled(who, app.theme.speaking));
        speaker.push(Span::styled(timer, style));
    }
    // Who is next, if there is room for it beside the speaker.
    if let Some(next) = s.queue.first() {
        let more = match s.queue.len() - 1 {
            0 => String::new(),
            n => format!(" +{n}"),
        };
        // The topic keeps room for its number and the start of its title.
        let taken: usize = speaker.iter().map(|s| s.width()).sum();
        let room = width.saturating_sub(taken + TOPIC_KEEPS + "   next: ".len() + more.len());
        if room >= 6 {
            let next = format!(
                "   next: {}{more}",
                fit(&s.attendee_name(*next), room.min(20))
            );
            speaker.push(Span::styled(next, app.theme.dim));
        }
    }
    let speaker_width: usize = speaker.iter().map(|s| s.width()).sum();
    let room = width.saturating_sub(speaker_width);

    let mut spans = Vec::new();
    let topics = s.agenda.len();
    match s
        .agenda
        .iter()
        .position(|a| a.status == AgendaStatus::Current)
    {
        Some(i) => {
            let item = &s.agenda[i];
            let spent = item.started_at.map(|t| app.now - t).unwrap_or_default();
            let planned = i64::from(item.planned_minutes) * 60;
            let over = planned > 0 && spent.num_seconds() > planned;
            let number = format!("{}/{topics} ", i + 1);
            let time = if planned > 0 {
                format!(
                    " {}/{}",
                    format_duration(spent),
                    format_duration(chrono::Duration::seconds(planned))
                )
            } else {
                format!(" {}", format_duration(spent))
            };
            let title_room = room.saturating_sub(number.len() + time.len());
            spans.push(Span::from(number).dim());
            spans.push(Span::from(fit(&item.title, title_room)).bold());
            spans.push(if over {
                Span::styled(time, app.theme.over_time)
            } else {
                Span::from(time)
            });
        }
        None if topics == 0 => spans.push(Span::styled(
            fit("No agenda: /topic TITLE MIN adds a topic", room),
            app.theme.dim,
        )),
        None if s.agenda.iter().all(|a| a.status != AgendaStatus::Pending) => {
            spans.push(Span::styled("Agenda done", app.theme.dim))
        }
        None if s.ended_at.is_some() => spans.push(Span::styled("Meeting ended", app.theme.dim)),
        None if s.agenda.iter().any(|a| a.started_at.is_some()) => spans.push(Span::styled(
            fit(
                &format!(
                    "No topic now: {} starts the next",
                    app.key(&Action::NextTopic)
                ),
                room,
            ),
            app.theme.dim,
        )),
        None => spans.push(Span::styled(
            fit(
                &format!(
                    "No topic yet: {} starts the first",
                    app.key(&Action::NextTopic)
                ),
                room,
            ),
            app.theme.dim,
        )),
    }
    spans.extend(speaker);
    if area.height > 1 {
        frame.render_widget(
            Line::from(spans),
            Rect {
                y: area.y + 1,
                height: 1,
                ..area
            },
        );
    }
}

/// The first row of a screen: the title in bold, cut to leave room for
/// `right` (the clock, the review's mode) at the right edge.
pub(super) fn title_bar(frame: &mut Frame, area: Rect, title: &str, right: &str, style: Style) {
    let width = usize::from(area.width);
    let room = width.saturating_sub(right.width() + 2);
    let title = fit(title, room);
    let gap = width.saturating_sub(title.width() + right.width());
    let first = Line::from(vec![
        Span::from(title).bold(),
        Span::from(" ".repeat(gap)),
        Span::from(right.to_string()),
    ])
    .style(style);
    frame.render_widget(
        first,
        Rect {
            height: 1.min(area.height),
            ..area
        },
    );
}
