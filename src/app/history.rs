//! Undo and redo, as changes: undoing applies the inverse of the last
//! change through the store, so it is journalled like any other change.

use crate::model::Change;

/// How many steps back undo can go.
const DEPTH: usize = 1000;

/// Which way through the history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Undo,
    Redo,
}

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

    fn stacks(&mut self, step: Step) -> (&mut Vec<Change>, &mut Vec<Change>) {
        match step {
            Step::Undo => (&mut self.undo, &mut self.redo),
            Step::Redo => (&mut self.redo, &mut self.undo),
        }
    }

    /// The change that undoes (or redoes) the last step, taken off its stack.
    pub fn take(&mut self, step: Step) -> Option<Change> {
        self.stacks(step).0.pop()
    }

    /// After undoing (redoing) a step: how to go back, kept on the other stack.
    pub fn taken(&mut self, step: Step, back: Change) {
        self.stacks(step).1.push(back);
    }

    /// A change that could not be applied goes back where it was.
    pub fn put_back(&mut self, step: Step, change: Change) {
        self.stacks(step).0.push(change);
    }
}
