//! Undo and redo, as changes: undoing applies the inverse of the last
//! change through the store, so it is journalled like any other change.

use crate::model::Change;

/// How many steps back undo can go.
const DEPTH: usize = 1000;

#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Change>,
    redo: Vec<Change>,
}

impl History {
    /// Remembers how to undo a change just made; a new change ends the redo chain.
    pub fn record(&mut self, inverse: Change) {
        if self.undo.len() == DEPTH {
            self.undo.remove(0);
        }
        self.undo.push(inverse);
        self.redo.clear();
    }

    pub fn take_undo(&mut self) -> Option<Change> {
        self.undo.pop()
    }

    pub fn take_redo(&mut self) -> Option<Change> {
        self.redo.pop()
    }

    /// After an undo: how to redo it.
    pub fn undone(&mut self, redo: Change) {
        self.redo.push(redo);
    }

    /// After a redo: how to undo it again (keeps the rest of the redo chain).
    pub fn redone(&mut self, undo: Change) {
        self.undo.push(undo);
    }

    /// A change that could not be undone or redone goes back where it was.
    pub fn put_back_undo(&mut self, change: Change) {
        self.undo.push(change);
    }

    pub fn put_back_redo(&mut self, change: Change) {
        self.redo.push(change);
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}
