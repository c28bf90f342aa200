//! The review's statistics view. A stub: the charts come from another
//! change, which replaces this file.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Paragraph};

pub fn render(app: &crate::app::App, frame: &mut Frame, area: Rect) {
    let scroll = app.review.as_ref().map_or(0, |r| r.stats_scroll);
    let block = Block::bordered().title(" Statistics ");
    frame.render_widget(
        Paragraph::new("s: back to the topics")
            .block(block)
            .scroll((scroll, 0)),
        area,
    );
}
