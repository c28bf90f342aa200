//! The log's event rows (arrivals, departures, topics, start and end),
//! placed among the entries once per change of the session rather than on
//! every frame: a frame looks up the few it shows.

use std::borrow::Cow;

use crate::model::Session;
use crate::model::timeline::{Event, placed};

#[derive(Debug, Default)]
pub(super) struct Timeline {
    /// The `journal_seq` of the session the events were read from: every
    /// change applied moves it on.
    seq: Option<u64>,
    placed: Vec<(usize, Event)>,
}

impl Timeline {
    pub(super) fn refresh(&mut self, s: &Session) {
        if self.seq != Some(s.journal_seq) {
            self.placed = placed(s);
            self.seq = Some(s.journal_seq);
        }
    }

    /// The events of `s`, placed (see [`placed`]); read afresh if these
    /// are not up to date.
    pub(super) fn placed(&self, s: &Session) -> Cow<'_, [(usize, Event)]> {
        if self.seq == Some(s.journal_seq) {
            Cow::Borrowed(&self.placed)
        } else {
            Cow::Owned(placed(s))
        }
    }
}
