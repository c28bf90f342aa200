//! Minutes as a document to send out. [`minutes`] decides what the document
//! says, once; [`text`] and [`markdown`] only decide how it looks. All are
//! pure functions of the session.

mod document;
pub mod markdown;
mod minutes;
pub mod prose;
pub mod text;
pub mod wrap;

pub use document::{Block, Document, Item};
pub use minutes::minutes;

use crate::model::Session;

/// The formats minutes can be exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text, wrapped at 80 columns.
    Text,
    Markdown,
}

/// The session's minutes in the given format.
pub fn export(session: &Session, format: Format) -> String {
    let doc = minutes(session);
    match format {
        Format::Text => text::render(&doc),
        Format::Markdown => markdown::render(&doc),
    }
}
