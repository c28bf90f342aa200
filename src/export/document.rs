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
