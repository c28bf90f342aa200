/// A document in the few shapes minutes need, independent of format.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    pub title: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Label–value pairs: `Date: …`, `Chair: …`.
    Fields(Vec<(String, String)>),
    Heading(String),
    Subheading(String),
    /// Columns of short values; the last column may be long and wraps.
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
        numeric: Vec<bool>,
    },
    List(Vec<Item>),
    Paragraph(String),
}

/// A list item: an optional emphasised lead (time, speaker) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub lead: String,
    pub text: String,
}

impl Document {
    /// Escapes every text of the document with
    /// [`escape_controls`](crate::text::escape_controls), so that a title,
    /// name or note from a hostile file cannot drive the reader's terminal,
    /// and so that layout measures the text as it will be printed: a tab
    /// (a hand-edited file; the app turns them into spaces), which measures
    /// as no column, is a space.
    pub fn escape_controls(&mut self) {
        escape(&mut self.title);
        for block in &mut self.blocks {
            match block {
                Block::Fields(fields) => {
                    for (label, value) in fields {
                        escape(label);
                        escape(value);
                    }
                }
                Block::Heading(text) | Block::Subheading(text) | Block::Paragraph(text) => {
                    escape(text)
                }
                Block::Table { header, rows, .. } => header
                    .iter_mut()
                    .chain(rows.iter_mut().flatten())
                    .for_each(escape),
                Block::List(items) => {
                    for item in items {
                        escape(&mut item.lead);
                        escape(&mut item.text);
                    }
                }
            }
        }
    }
}

fn escape(text: &mut String) {
    if let std::borrow::Cow::Owned(escaped) = crate::text::escape_controls(text) {
        *text = escaped;
    }
    if text.contains('\t') {
        *text = text.replace('\t', " ");
    }
}
