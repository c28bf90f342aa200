//! The question asked on quit while changes exist only in memory.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::theme;
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
            "{n} change{} exist only in memory: {why}",
            if n == 1 { "" } else { "s" }
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
        lines.push(Line::from(Span::styled(feedback.clone(), theme::ERROR)));
    }
    let prompt = "answer › ";
    lines.push(Line::from(vec![
        Span::from(prompt).bold(),
        Span::from(question.answer.value().to_string()),
    ]));

    let width = area.width.min(72);
    let height = (lines.len() as u16 + 4).min(area.height);
    let area = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .title(Span::from(" Not on disk: quit how? ").bold())
        .border_style(theme::ERROR);
    let inner = block.inner(area);
    let prompt_row = inner.y + lines.len() as u16 - 1;
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
    if prompt_row < inner.bottom() {
        let x = inner.x + prompt.chars().count() as u16 + question.answer.visual_cursor() as u16;
        frame.set_cursor_position(Position::new(
            x.min(inner.right().saturating_sub(1)),
            prompt_row,
        ));
    }
}
