//! The question asked on quit while changes exist only in memory.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::app::App;
use crate::app::quit::{ANSWERS, Unsaved};

pub fn render_unsaved(app: &App, question: &Unsaved, frame: &mut Frame, area: Rect) {
    let n = app.store.unsaved();
    let why = app
        .store
        .last_error()
        .unwrap_or("the journal cannot be written");
    let mut lines = vec![
        Line::from(format!(
            "{n} change{} only in memory: {why}",
            if n == 1 { " exists" } else { "s exist" }
        )),
        Line::from(""),
        Line::from("Type one of these words in full, then Enter:"),
    ];
    for (word, what) in ANSWERS {
        lines.push(Line::from(vec![
            Span::from(format!("  {word:<8} ")).bold(),
            Span::from(what),
        ]));
    }
    lines.push(Line::from(vec![
        Span::from("  Esc      ").bold(),
        Span::from("back to the meeting; recording goes on"),
    ]));
    lines.push(Line::from(""));
    if let Some(feedback) = &question.feedback {
        lines.push(Line::from(Span::styled(feedback.clone(), app.theme.error)));
    }
    let prompt = "answer › ";
    let answer = Line::from(vec![
        Span::from(prompt).bold(),
        Span::from(question.answer.value().to_string()),
    ]);

    let width = area.width.min(72);
    // Lines wrap in the box: count them as they will be drawn; the answer
    // line has a row of its own at the bottom, which wrapping cannot push out.
    let inner_width = usize::from(width.saturating_sub(2)).max(1);
    let rows: usize = lines
        .iter()
        .map(|l| {
            let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            textwrap::wrap(&text, textwrap::Options::new(inner_width).break_words(true))
                .len()
                .max(1)
        })
        .sum();
    let height = (rows as u16 + 3).min(area.height);
    let area = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .title(Span::from(" Not on disk: quit how? ").bold())
        .border_style(app.theme.error);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 {
        return;
    }
    let answer_row = Rect {
        y: inner.bottom() - 1,
        height: 1,
        ..inner
    };
    let text_area = Rect {
        height: inner.height - 1,
        ..inner
    };
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), text_area);
    frame.render_widget(answer, answer_row);
    let x = inner.x + prompt.chars().count() as u16 + question.answer.visual_cursor() as u16;
    frame.set_cursor_position(Position::new(
        x.min(inner.right().saturating_sub(1)),
        answer_row.y,
    ));
}
