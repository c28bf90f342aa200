//! Review: the chair's look at a session after the meeting. Who spoke
//! longest, what was decided on topic 3, which actions are open for Tom:
//! the entries by topic, filtered by kind, person and organisation, and
//! searched, read-only unless editing is switched on (`e`).
//!
//! The entries shown and the entries per topic are computed once per
//! change of the session (its `journal_seq`), topic and filters, the
//! search's matches once per query, and kept here between frames: a
//! session may hold 100,000 entries.

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::HashMap;

use tui_input::Input;

use super::{App, Mode, Purpose};
use crate::export::Format;
use crate::keymap::Keys;
use crate::model::meeting::fold;
use crate::model::{AgendaId, AttendeeId, Change, Derived, Edit, Entry, EntryKind, Session};
use crate::store::{self, OpenError, OpenSession};

/// What the review screen shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The agenda on the left, the chosen topic's entries on the right.
    Topics,
    /// Speaking times and counts (`src/ui/stats.rs`).
    Stats,
}

/// The list the arrows move in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Focus {
    Agenda,
    Entries,
}

/// A kind of entry the filter menu keeps (any of those switched on).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum KindFilter {
    Decisions,
    Actions,
    /// Action items not done.
    OpenActions,
    Questions,
    Speeches,
    Conclusions,
    Discussion,
    Notes,
}

impl KindFilter {
    pub const ALL: [KindFilter; 8] = [
        KindFilter::Decisions,
        KindFilter::Actions,
        KindFilter::OpenActions,
        KindFilter::Questions,
        KindFilter::Speeches,
        KindFilter::Conclusions,
        KindFilter::Discussion,
        KindFilter::Notes,
    ];

    /// The key of the filter menu that switches it.
    pub fn key(self) -> char {
        match self {
            KindFilter::Decisions => 'd',
            KindFilter::Actions => 'a',
            KindFilter::OpenActions => 'o',
            KindFilter::Questions => 'q',
            KindFilter::Speeches => 's',
            KindFilter::Conclusions => 'c',
            KindFilter::Discussion => 'i',
            KindFilter::Notes => 'n',
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            KindFilter::Decisions => "decisions",
            KindFilter::Actions => "actions",
            KindFilter::OpenActions => "open actions",
            KindFilter::Questions => "questions",
            KindFilter::Speeches => "speeches",
            KindFilter::Conclusions => "conclusions",
            KindFilter::Discussion => "discussion",
            KindFilter::Notes => "notes",
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }

    pub fn keeps(self, kind: &EntryKind) -> bool {
        match (self, kind) {
            (KindFilter::Decisions, EntryKind::Decision) => true,
            (KindFilter::Actions, EntryKind::Action { .. }) => true,
            (KindFilter::OpenActions, EntryKind::Action { done, .. }) => !done,
            (KindFilter::Questions, EntryKind::Question { .. }) => true,
            (KindFilter::Speeches, EntryKind::Speech { .. }) => true,
            (KindFilter::Conclusions, EntryKind::Conclusion) => true,
            (KindFilter::Discussion, EntryKind::Discussion) => true,
            (KindFilter::Notes, EntryKind::Note) => true,
            _ => false,
        }
    }
}

/// What the entries shown must be, besides in the chosen topic.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Filters {
    /// The kinds switched on ([`KindFilter::bit`]); none: every kind.
    kinds: u8,
    /// Who speaks, asks or owns the action.
    pub person: Option<AttendeeId>,
    /// The organisation of the one who speaks, asks or owns it (its code).
    pub organisation: Option<String>,
}

impl Filters {
    pub fn has(&self, k: KindFilter) -> bool {
        self.kinds & k.bit() != 0
    }

    pub fn toggle(&mut self, k: KindFilter) {
        self.kinds ^= k.bit();
    }

    pub fn kinds(&self) -> impl Iterator<Item = KindFilter> + '_ {
        KindFilter::ALL.into_iter().filter(|k| self.has(*k))
    }

    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }

    /// Whether entry `e` of `s` passes.
    pub fn keeps(&self, s: &Session, e: &Entry) -> bool {
        if self.kinds != 0 && !self.kinds().any(|k| k.keeps(&e.kind)) {
            return false;
        }
        let who = person_of(&e.kind);
        if self.person.is_some() && who != self.person {
            return false;
        }
        match &self.organisation {
            None => true,
            Some(code) => who
                .and_then(|id| s.attendee(id))
                .is_some_and(|a| a.organisation.as_deref() == Some(code.as_str())),
        }
    }
}

/// Who an entry is about: the speaker, the one who asked, the action's owner.
pub fn person_of(kind: &EntryKind) -> Option<AttendeeId> {
    match kind {
        EntryKind::Speech { speaker, .. } => Some(*speaker),
        EntryKind::Question { by } => *by,
        EntryKind::Action { owner, .. } => *owner,
        _ => None,
    }
}

/// A row of the agenda list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Topic {
    All,
    /// The agenda item at this position.
    Item(usize),
    /// Entries of no agenda item (or of one no longer on it).
    Outside,
}

/// How many entries each topic has.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TopicCounts {
    /// Per agenda item, in the agenda's order.
    pub per_item: Vec<usize>,
    pub outside: usize,
    pub all: usize,
}

/// The entries of each topic, as `model::Derived` keeps them change by
/// change: no pass over the log.
pub fn count_per_topic(s: &Session, d: &Derived) -> TopicCounts {
    TopicCounts {
        per_item: s
            .agenda
            .iter()
            .map(|t| d.topic_entries(Some(t.id)).len())
            .collect(),
        outside: outside_lists(s, d).map(<[_]>::len).sum(),
        all: s.entries.len(),
    }
}

/// The lists of entries outside the agenda: of no topic, or of one no
/// longer on it.
fn outside_lists<'d>(
    s: &Session,
    d: &'d Derived,
) -> impl Iterator<Item = &'d [(crate::model::Timestamp, crate::model::EntryId)]> {
    d.topics_with_entries()
        .filter(|t| t.is_none_or(|id| s.agenda_item(id).is_none()))
        .map(|t| d.topic_entries(t))
}

/// The entries of each topic that `keep`, counted in one pass.
pub fn count_per_topic_where(s: &Session, keep: impl Fn(&Entry) -> bool) -> TopicCounts {
    let at: HashMap<AgendaId, usize> = s
        .agenda
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id, i))
        .collect();
    let mut counts = TopicCounts {
        per_item: vec![0; s.agenda.len()],
        outside: 0,
        all: 0,
    };
    for e in s.entries.iter().filter(|e| keep(e)) {
        counts.all += 1;
        match e.agenda_item.and_then(|id| at.get(&id)) {
            Some(&i) => counts.per_item[i] += 1,
            None => counts.outside += 1,
        }
    }
    counts
}

/// [`shown_entries`], from the topic's entries as `model::Derived` keeps
/// them: only a topic's own entries are looked at.
pub fn shown_entries_of(s: &Session, d: &Derived, topic: Topic, filters: &Filters) -> Vec<usize> {
    let lists: Vec<&[(crate::model::Timestamp, crate::model::EntryId)]> = match topic {
        Topic::All => return shown_entries(s, topic, filters),
        Topic::Item(i) => s
            .agenda
            .get(i)
            .map(|t| d.topic_entries(Some(t.id)))
            .into_iter()
            .collect(),
        Topic::Outside => outside_lists(s, d).collect(),
    };
    let mut rows: Vec<usize> = lists
        .into_iter()
        .flatten()
        .filter_map(|(_, id)| s.entry_index(*id))
        .filter(|&i| filters.keeps(s, &s.entries[i]))
        .collect();
    // In the log's order, as the other rows and the search expect.
    rows.sort_unstable();
    rows
}

/// Where the entries of `topic` that pass `filters` are in `s.entries`, in
/// the log's order, found by going through the log.
pub fn shown_entries(s: &Session, topic: Topic, filters: &Filters) -> Vec<usize> {
    let in_topic = |e: &Entry| match topic {
        Topic::All => true,
        Topic::Item(i) => s.agenda.get(i).is_some_and(|t| e.agenda_item == Some(t.id)),
        Topic::Outside => e
            .agenda_item
            .is_none_or(|id| !s.agenda.iter().any(|t| t.id == id)),
    };
    s.entries
        .iter()
        .enumerate()
        .filter(|(_, e)| in_topic(e) && filters.keeps(s, e))
        .map(|(i, _)| i)
        .collect()
}

/// What is searched in an entry: its text and the name of whom it is about,
/// folded (lower case, no accents), as the search compares.
pub fn searched_text(s: &Session, e: &Entry) -> String {
    searched_text_with(s, e, &mut HashMap::new())
}

/// [`searched_text`], with the characters folded so far kept in `memo`.
fn searched_text_with(s: &Session, e: &Entry, memo: &mut HashMap<char, String>) -> String {
    let mut text = quick_fold(&e.text, memo);
    if let Some(id) = person_of(&e.kind) {
        text.push('\n');
        text.push_str(&quick_fold(&s.attendee_name(id), memo));
    }
    text
}

/// [`fold`], a character at a time, ASCII directly and others once each
/// (kept in `memo`): folding 100,000 entries for a first search took a
/// quarter of a second. The same text: [`fold`] decomposes, drops the
/// accents and lowers the case of each character on its own.
fn quick_fold(text: &str, memo: &mut HashMap<char, String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        // A run of ASCII copied at once, then lowered in place.
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let start = out.len();
        out.push_str(&rest[..ascii]);
        out[start..].make_ascii_lowercase();
        rest = &rest[ascii..];
        if let Some(c) = rest.chars().next() {
            let folded = memo
                .entry(c)
                .or_insert_with(|| fold(c.encode_utf8(&mut [0; 4])));
            out.push_str(folded);
            rest = &rest[c.len_utf8()..];
        }
    }
    if out.contains('_') {
        out = out.replace('_', " ");
    }
    out
}

/// What the rows shown depend on.
type RowsKey = (u64, Topic, Filters);

/// Kept between frames; made again when what it was made from changes.
#[derive(Debug, Default)]
struct Cache {
    counts: Option<(u64, TopicCounts)>,
    /// The counts of the entries that pass the filters.
    filtered: Option<((u64, Filters), TopicCounts)>,
    rows: Option<(RowsKey, Vec<usize>)>,
    /// Every entry's [`searched_text`], made on the first search.
    folded: Option<(u64, Vec<String>)>,
    /// The positions in the rows that match the query.
    matches: Option<(RowsKey, String, Vec<usize>)>,
}

/// The review screen's state (`App::review`: shown while `Some`).
#[derive(Debug)]
pub struct Review {
    pub view: View,
    pub focus: Focus,
    /// The row of the agenda list: 0 all topics, then each agenda item,
    /// then "Outside the agenda" when it has entries.
    pub topic: usize,
    pub filters: Filters,
    /// The search: typed after `/`, kept with Enter.
    pub query: Input,
    /// While typing a search: the query and the selection before it, given
    /// back by Esc.
    pub typing: Option<(String, usize)>,
    /// The selected row of the entries shown.
    pub selected: usize,
    /// The first row drawn: kept by the screen so that the list scrolls
    /// only when the selection leaves it.
    pub top: Cell<usize>,
    /// Whether changes are allowed (`e`).
    pub editing: bool,
    pub stats_scroll: u16,
    /// The export whose file exists already, asked to press its key again
    /// to replace it.
    pub replace_asked: Option<char>,
    /// Opened from the live screen (F9), where `q` goes back.
    pub from_live: bool,
    /// The mode of the live screen, given back on leaving.
    back: Mode,
    cache: Cache,
}

impl Review {
    pub fn new(from_live: bool, back: Mode) -> Review {
        Review {
            view: View::Topics,
            focus: Focus::Entries,
            topic: 0,
            filters: Filters::default(),
            query: Input::default(),
            typing: None,
            selected: 0,
            top: Cell::new(0),
            editing: false,
            stats_scroll: 0,
            replace_asked: None,
            from_live,
            back,
            cache: Cache::default(),
        }
    }

    /// The rows of the agenda list.
    pub fn topics(&self, s: &Session) -> Vec<Topic> {
        let mut topics = vec![Topic::All];
        topics.extend((0..s.agenda.len()).map(Topic::Item));
        if self.counts(s).outside > 0 {
            topics.push(Topic::Outside);
        }
        topics
    }

    /// The topic chosen on the agenda list.
    pub fn topic(&self, s: &Session) -> Topic {
        let topics = self.topics(s);
        topics[self.topic.min(topics.len() - 1)]
    }

    fn key(&self, s: &Session) -> RowsKey {
        (s.journal_seq, self.topic(s), self.filters.clone())
    }

    pub fn counts(&self, s: &Session) -> Cow<'_, TopicCounts> {
        match &self.cache.counts {
            Some((seq, counts)) if *seq == s.journal_seq => Cow::Borrowed(counts),
            _ => Cow::Owned(count_per_topic_where(s, |_| true)),
        }
    }

    /// How many entries of each topic pass the filters (all of them when
    /// there are none).
    pub fn filtered_counts(&self, s: &Session) -> Cow<'_, TopicCounts> {
        if self.filters.is_empty() {
            return self.counts(s);
        }
        match &self.cache.filtered {
            Some(((seq, f), counts)) if *seq == s.journal_seq && *f == self.filters => {
                Cow::Borrowed(counts)
            }
            _ => Cow::Owned(count_per_topic_where(s, |e| self.filters.keeps(s, e))),
        }
    }

    /// Where the entries shown are in `s.entries`.
    pub fn rows(&self, s: &Session) -> Cow<'_, [usize]> {
        let key = self.key(s);
        match &self.cache.rows {
            Some((k, rows)) if *k == key => Cow::Borrowed(rows),
            _ => Cow::Owned(shown_entries(s, key.1, &key.2)),
        }
    }

    /// The active search, folded; empty: none.
    pub fn folded_query(&self) -> String {
        fold(self.query.value().trim())
    }

    /// The positions in [`Review::rows`] of the entries the search matches.
    pub fn matches(&self, s: &Session) -> Cow<'_, [usize]> {
        let query = self.folded_query();
        if query.is_empty() {
            return Cow::Borrowed(&[]);
        }
        let key = self.key(s);
        match &self.cache.matches {
            Some((k, q, found)) if *k == key && *q == query => Cow::Borrowed(found),
            _ => {
                let rows = self.rows(s);
                let found = match &self.cache.folded {
                    Some((seq, folded)) if *seq == s.journal_seq => {
                        find(&rows, &query, |i| Cow::Borrowed(folded[i].as_str()))
                    }
                    _ => find(&rows, &query, |i| {
                        Cow::Owned(searched_text(s, &s.entries[i]))
                    }),
                };
                Cow::Owned(found)
            }
        }
    }

    /// Makes what is kept up to date with `s`, the topic, the filters and
    /// the search.
    pub fn refresh(&mut self, s: &Session, d: &Derived) {
        if self
            .cache
            .counts
            .as_ref()
            .is_none_or(|(seq, _)| *seq != s.journal_seq)
        {
            self.cache.counts = Some((s.journal_seq, count_per_topic(s, d)));
        }
        let filtered = (s.journal_seq, self.filters.clone());
        if !self.filters.is_empty()
            && self
                .cache
                .filtered
                .as_ref()
                .is_none_or(|(k, _)| *k != filtered)
        {
            let counts = count_per_topic_where(s, |e| self.filters.keeps(s, e));
            self.cache.filtered = Some((filtered, counts));
        }
        let key = self.key(s);
        if self.cache.rows.as_ref().is_none_or(|(k, _)| *k != key) {
            let rows = shown_entries_of(s, d, key.1, &key.2);
            self.cache.rows = Some((key.clone(), rows));
        }
        let query = self.folded_query();
        // Folded as soon as a search is begun (`/`), before its first letter.
        if (self.typing.is_some() || !query.is_empty())
            && self
                .cache
                .folded
                .as_ref()
                .is_none_or(|(seq, _)| *seq != s.journal_seq)
        {
            let mut memo = HashMap::new();
            let folded = s
                .entries
                .iter()
                .map(|e| searched_text_with(s, e, &mut memo))
                .collect();
            self.cache.folded = Some((s.journal_seq, folded));
        }
        if query.is_empty() {
            self.cache.matches = None;
        } else {
            let stale = self
                .cache
                .matches
                .as_ref()
                .is_none_or(|(k, q, _)| *k != key || *q != query);
            if stale {
                let found = self.matches(s).into_owned();
                self.cache.matches = Some((key, query, found));
            }
        }
        let len = self.rows(s).len();
        self.selected = self.selected.min(len.saturating_sub(1));
    }

    /// Where the selected entry is in `s.entries`.
    pub fn selected_entry(&self, s: &Session) -> Option<usize> {
        self.rows(s).get(self.selected).copied()
    }
}

/// The positions in `rows` whose folded text holds `query`.
fn find<'a>(rows: &[usize], query: &str, text: impl Fn(usize) -> Cow<'a, str>) -> Vec<usize> {
    rows.iter()
        .enumerate()
        .filter(|(_, i)| text(**i).contains(query))
        .map(|(at, _)| at)
        .collect()
}

/// The ways to export from the review (`x`, then the key): one line each.
pub struct ExportChoice {
    pub key: char,
    pub name: &'static str,
    /// The template (`minutes`, `report`): built in, or the user's own of
    /// that name in the configuration directory, as `minutes export` finds it.
    pub template: &'static str,
    /// The file written beside the session: `<stem>.<template>.<extension>`
    /// (`<stem>.<template>.public.<extension>` for a public one).
    pub extension: &'static str,
    pub format: Format,
    /// Without the entries marked confidential (`--public`).
    pub public: bool,
}

pub const EXPORTS: &[ExportChoice] = &[
    ExportChoice {
        key: 't',
        name: "text",
        template: "minutes",
        extension: "txt",
        format: Format::Text,
        public: false,
    },
    ExportChoice {
        key: 'm',
        name: "Markdown",
        template: "minutes",
        extension: "md",
        format: Format::Markdown,
        public: false,
    },
    ExportChoice {
        key: 'h',
        name: "HTML",
        template: "minutes",
        extension: "html",
        format: Format::Html,
        public: false,
    },
    ExportChoice {
        key: 'p',
        name: "public HTML, no confidential entries",
        template: "minutes",
        extension: "public.html",
        format: Format::Html,
        public: true,
    },
    ExportChoice {
        key: 'r',
        name: "written report, HTML (never with confidential entries)",
        template: "report",
        extension: "html",
        format: Format::Html,
        public: true,
    },
    ExportChoice {
        key: 'c',
        name: "action items as calendar to-dos (iCalendar)",
        template: "actions",
        extension: "ics",
        format: Format::Ics,
        public: false,
    },
];

/// What the status line says to a change asked for while read-only.
pub const READ_ONLY: &str = "Read-only: press e to edit";

/// Opens the review screen on the app's session.
pub fn open(app: &mut App, from_live: bool) {
    let back = app.mode.clone();
    let mut review = Review::new(from_live, back);
    review.refresh(app.store.session(), app.store.derived());
    app.review = Some(review);
    app.mode = Mode::Review;
}

/// Leaves the review for the live screen, as it was.
fn close(app: &mut App) {
    if let Some(review) = app.review.take() {
        app.mode = review.back;
        if app.store.is_read_only() && app.mode == Mode::Entry {
            app.mode = Mode::Browse;
        }
    }
}

/// Whether the review's modes have the keys now.
pub fn in_review(app: &App) -> bool {
    app.review.is_some()
        && matches!(
            app.mode,
            Mode::Review | Mode::ReviewSearch | Mode::ReviewFilter | Mode::ReviewExport
        )
}

/// `app.review`, which the caller knows is there.
/// What the review forgets before any action: "press t again to replace
/// it" holds only if t comes next, whatever key comes between (the clock's
/// ticks are no keys).
pub(super) fn before(app: &mut App, action: &super::Action) {
    if let Some(r) = app.review.as_mut() {
        let same = matches!(action, super::Action::ExportAs(k) if r.replace_asked == Some(*k));
        if !same && *action != super::Action::Tick {
            r.replace_asked = None;
        }
    }
}

fn review(app: &mut App) -> &mut Review {
    app.review
        .get_or_insert_with(|| Review::new(false, Mode::Browse))
}

/// Refreshes the kept rows, then gives the review and the session.
fn parts(app: &mut App) -> (&mut Review, &Session) {
    let (r, s, _) = parts_and_derived(app);
    (r, s)
}

/// [`parts`], with the state derived from the session.
fn parts_and_derived(app: &mut App) -> (&mut Review, &Session, &Derived) {
    let (s, d) = (app.store.session(), app.store.derived());
    let r = app
        .review
        .get_or_insert_with(|| Review::new(false, Mode::Browse));
    r.refresh(s, d);
    (r, s, d)
}

/// F9: the review from the live screen, or back.
pub fn toggle(app: &mut App) {
    if app.editing.is_some() {
        app.info(app.edit_end_keys("the edit"));
        return;
    }
    if app.review.is_some() {
        close(app);
        app.info(format!(
            "Back to the live screen ({}: the review again)",
            app.key(&super::Action::Review)
        ));
    } else {
        open(app, true);
        let key = |action| app.key_in(Keys::Review, &action);
        use super::Action as A;
        app.info(format!(
            "Review: 1-9 topic, {} filter, {} search, {} statistics; {} or {}: back",
            key(A::ReviewFilters),
            key(A::ReviewSearch),
            key(A::ReviewView),
            key(A::Review),
            key(A::ReviewQuit)
        ));
    }
}

/// The review's own handling of an action; false: not the review's, for
/// the live screen's handling.
pub(super) fn act(app: &mut App, action: &super::Action) -> bool {
    use super::Action as A;
    match app.mode.clone() {
        Mode::ReviewSearch => match action {
            A::Edit(request) => {
                review(app).query.handle(*request);
                search_typed(app);
            }
            A::Paste(text) => {
                let text = crate::text::without_controls(text).into_owned();
                // In one step: a character at a time copies the query
                // once per character (a megabyte pasted froze the screen).
                super::insert(&mut review(app).query, &text);
                search_typed(app);
            }
            A::ReviewSearchDone => {
                let r = review(app);
                r.typing = None;
                app.mode = Mode::Review;
                if review(app).query.value().trim().is_empty() {
                    app.info("No search");
                }
            }
            A::Cancel => {
                let r = review(app);
                if let Some((query, selected)) = r.typing.take() {
                    r.query = Input::new(query);
                    r.selected = selected;
                }
                app.mode = Mode::Review;
                app.info("Search cancelled");
            }
            _ => return false,
        },
        Mode::ReviewFilter => match action {
            A::ReviewKind(k) => {
                let r = review(app);
                r.filters.toggle(*k);
                let on = r.filters.has(*k);
                r.selected = 0;
                app.info(format!(
                    "{} {}",
                    super::capitalised(k.label()),
                    if on {
                        "shown (filter on)"
                    } else {
                        "filter off"
                    }
                ));
            }
            A::ReviewPerson => pick_person(app),
            A::ReviewOrganisation => cycle_organisation(app),
            A::Cancel | A::Submit => app.mode = Mode::Review,
            // Nothing is typed in a menu (nor into the live screen's line).
            A::Edit(_) | A::Paste(_) => {}
            _ => return false,
        },
        // Whatever key comes after "press t again", only t replaces.
        Mode::ReviewExport => match (action, std::mem::take(&mut review(app).replace_asked)) {
            (A::ExportAs(key), asked) => export(app, *key, asked == Some(*key)),
            (A::Cancel, asked) => {
                app.mode = Mode::Review;
                if asked.is_some() {
                    app.info("Nothing exported");
                }
            }
            (A::Edit(_) | A::Paste(_), _) => {}
            _ => return false,
        },
        Mode::Review => return act_in_review(app, action),
        _ => return false,
    }
    true
}

fn act_in_review(app: &mut App, action: &super::Action) -> bool {
    use super::Action as A;
    match action {
        A::Move(delta) => move_by(app, *delta),
        A::CycleFocus => {
            let r = review(app);
            r.focus = match r.focus {
                Focus::Agenda => Focus::Entries,
                Focus::Entries => Focus::Agenda,
            };
        }
        A::ReviewFocus(focus) => review(app).focus = *focus,
        A::ReviewTopic(n) => choose_topic(app, *n),
        A::ReviewView => {
            let r = review(app);
            r.view = match r.view {
                View::Topics => View::Stats,
                View::Stats => View::Topics,
            };
        }
        A::ReviewFilters => app.mode = Mode::ReviewFilter,
        A::ReviewPerson => pick_person(app),
        A::ReviewOrganisation => cycle_organisation(app),
        A::ReviewSearch => {
            let r = review(app);
            r.typing = Some((r.query.value().to_string(), r.selected));
            r.query = Input::default();
            app.mode = Mode::ReviewSearch;
        }
        A::ReviewNext(forward) => next_match(app, *forward),
        A::Cancel => clear(app),
        A::ReviewQuit => {
            if review(app).from_live {
                toggle(app);
            } else {
                super::quit::request(app);
            }
        }
        A::Review => toggle(app),
        A::ReviewExport => {
            review(app).replace_asked = None;
            app.mode = Mode::ReviewExport;
        }
        A::ReviewEditing => switch_editing(app),
        A::EditSelected | A::DeleteSelected | A::ToggleDone | A::ToggleConfidential => {
            let Some(i) = editable(app) else {
                return true;
            };
            match action {
                A::EditSelected => {
                    let id = app.store.session().entries[i].id;
                    super::start_edit_entry(app, id, true);
                }
                A::DeleteSelected => {
                    let id = app.store.session().entries[i].id;
                    if app.apply(Change::Entry(Edit::Remove(id))) {
                        app.info(format!("Deleted {}", app.undo_hint()));
                    }
                }
                A::ToggleDone => toggle_done(app, i),
                _ => super::toggle_confidential(app, i),
            }
        }
        A::Mark(_) | A::Undo | A::Redo => {
            if !review(app).editing {
                app.error(READ_ONLY);
                return true;
            }
            // The live screen's own: `mark` takes the review's selection.
            return false;
        }
        // Text is not typed anywhere here: the review binds letters.
        A::Edit(_) | A::Paste(_) | A::Submit => {}
        _ => return false,
    }
    true
}

/// The selected entry, if it may be changed: else said why not.
fn editable(app: &mut App) -> Option<usize> {
    let (r, s) = parts(app);
    let (editing, selected) = (r.editing, r.selected_entry(s));
    if !editing {
        app.error(READ_ONLY);
        return None;
    }
    if selected.is_none() {
        app.info("No entry selected");
    }
    selected
}

fn toggle_done(app: &mut App, i: usize) {
    let mut entry = app.store.session().entries[i].clone();
    let EntryKind::Action { done, .. } = &mut entry.kind else {
        app.error(format!(
            "{} marks an action item done: this entry is not one",
            app.key_in(Keys::Review, &super::Action::ToggleDone)
        ));
        return;
    };
    *done = !*done;
    let said = if *done {
        format!("Action item done {}", app.undo_hint())
    } else {
        format!("Action item open again {}", app.undo_hint())
    };
    let kind = entry.kind.clone();
    if app.apply(Change::Entry(Edit::Replace(entry))) {
        app.confirm(said, &kind);
    }
}

fn move_by(app: &mut App, delta: isize) {
    let rows = app.viewport.1;
    let stats = app.review.as_ref().is_some_and(|r| r.view == View::Stats);
    let height = if stats {
        crate::ui::stats::height(app.store.session(), app.store.derived(), app.now)
    } else {
        0
    };
    let (r, s) = parts(app);
    if stats {
        // No further than the last row at the bottom (the header and the
        // two lines under the view aside): past it, ↑ would seem dead.
        let most = height.saturating_sub(rows.saturating_sub(4)) as isize;
        let at = r.stats_scroll as isize;
        r.stats_scroll = at.saturating_add(delta).clamp(0, most) as u16;
        return;
    }
    match r.focus {
        Focus::Agenda => {
            let n = r.topics(s).len();
            let topic = super::step(r.topic.min(n - 1), delta, n);
            if topic != r.topic {
                r.topic = topic;
                r.selected = 0;
                r.top.set(0);
            }
        }
        Focus::Entries => {
            let n = r.rows(s).len();
            r.selected = super::step(r.selected, delta, n);
        }
    }
}

/// A digit: topic `n` (0: all topics).
fn choose_topic(app: &mut App, n: usize) {
    let (r, s) = parts(app);
    if n > s.agenda.len() {
        let said = format!("There is no topic {n}: the agenda has {}", s.agenda.len());
        app.error(said);
        return;
    }
    r.topic = n;
    r.selected = 0;
    r.top.set(0);
    let said = match n {
        0 => "All topics".to_string(),
        n => format!("Topic {n}: {}", s.agenda[n - 1].title),
    };
    app.info(said);
}

/// Esc: every filter, the topic and the search cleared at once.
fn clear(app: &mut App) {
    let (r, s, d) = parts_and_derived(app);
    let kept = r.selected_entry(s);
    let had = !r.filters.is_empty() || r.topic != 0 || !r.query.value().is_empty();
    r.filters = Filters::default();
    r.topic = 0;
    r.query = Input::default();
    r.refresh(s, d);
    // The entry selected stays selected among all.
    if let Some(i) = kept {
        r.selected = r.rows(s).binary_search(&i).unwrap_or_else(|at| at);
    }
    app.info(if had {
        "Filters cleared"
    } else {
        "No filter to clear (q leaves the review)"
    });
}

fn pick_person(app: &mut App) {
    app.mode = Mode::Pick(super::Picker {
        purpose: Purpose::ReviewPerson,
        query: Input::default(),
        selected: 0,
        moved: false,
    });
}

/// The person chosen in the picker becomes the filter.
pub(super) fn person_chosen(app: &mut App, id: AttendeeId) {
    let name = app.store.session().attendee_name(id);
    let r = review(app);
    r.filters.person = Some(id);
    r.selected = 0;
    app.mode = Mode::Review;
    app.info(format!(
        "Only entries of {name}: speaking, asking or owning"
    ));
}

/// `g`: the next organisation of the session as the filter, then none.
fn cycle_organisation(app: &mut App) {
    let (r, s) = parts(app);
    let codes: Vec<&str> = s.organisations.iter().map(|o| o.code.as_str()).collect();
    let next = match &r.filters.organisation {
        None => codes.first(),
        Some(now) => codes
            .iter()
            .position(|c| c == now)
            .and_then(|i| codes.get(i + 1)),
    };
    r.filters.organisation = next.map(|c| c.to_string());
    r.selected = 0;
    let said = match next.and_then(|c| s.organisation(c)) {
        Some(o) => format!("Only entries of {} ({}); g: the next", o.code, o.name),
        None if codes.is_empty() => "The session has no organisations".to_string(),
        None => "Any organisation".to_string(),
    };
    app.info(said);
}

/// After a change of the query: the first match at or after where the
/// search started.
fn search_typed(app: &mut App) {
    let (r, s) = parts(app);
    let from = r.typing.as_ref().map_or(r.selected, |(_, at)| *at);
    let matches = r.matches(s).into_owned();
    if r.folded_query().is_empty() {
        r.selected = from;
        return;
    }
    let found = matches
        .iter()
        .position(|&m| m >= from)
        .or((!matches.is_empty()).then_some(0));
    let said = match found {
        Some(n) => {
            let (at, count) = (matches[n], matches.len());
            r.selected = at;
            format!("match {} of {count}", n + 1)
        }
        None => "no match".to_string(),
    };
    if found.is_some() {
        app.info(said);
    } else {
        app.error(said);
    }
}

/// `n` / `N`: the next (previous) match, round the end.
fn next_match(app: &mut App, forward: bool) {
    let (r, s) = parts(app);
    if r.folded_query().is_empty() {
        app.info("No search: / searches");
        return;
    }
    let matches = r.matches(s).into_owned();
    if matches.is_empty() {
        app.error("no match");
        return;
    }
    let here = r.selected;
    let (n, wrapped) = if forward {
        match matches.iter().position(|&m| m > here) {
            Some(n) => (n, false),
            None => (0, true),
        }
    } else {
        match matches.iter().rposition(|&m| m < here) {
            Some(n) => (n, false),
            None => (matches.len() - 1, true),
        }
    };
    r.selected = matches[n];
    let count = matches.len();
    let round = match (wrapped, forward) {
        (false, _) => "",
        (true, true) => " (from the top again)",
        (true, false) => " (from the bottom again)",
    };
    app.info(format!("match {} of {count}{round}", n + 1));
}

/// `e`: editing on (the session reopened for writing if it was opened
/// read-only), or off again.
fn switch_editing(app: &mut App) {
    if review(app).editing {
        review(app).editing = false;
        app.info("Editing off: read-only again (e: edit)");
        return;
    }
    if app.store.is_read_only() {
        let path = app.store.path().to_path_buf();
        match OpenSession::open(&path, store::Mode::ReadWrite) {
            Ok(open) if open.is_read_only() => {
                app.error("The session cannot be opened for writing (its journal is damaged): still read-only");
                return;
            }
            Ok(open) if open.session() != app.store.session() => {
                drop(open);
                app.error("The file changed since the review opened it: still read-only; open the review again to see the latest");
                return;
            }
            Ok(open) => app.store = open,
            Err(OpenError::Locked(e)) => {
                app.error(format!(
                    "The session is open for recording elsewhere: still read-only ({e})"
                ));
                return;
            }
            Err(e) => {
                app.error(format!("Cannot edit: {e}; still read-only"));
                return;
            }
        }
    }
    review(app).editing = true;
    let key = |action| app.key_in(Keys::Review, &action);
    use super::Action as A;
    app.info(format!(
        "Editing on: {} edit, {} delete, {} kind, {} done, {} confidential, {} undo",
        key(A::EditSelected),
        key(A::DeleteSelected),
        app.kind_keys(Keys::Review),
        key(A::ToggleDone),
        key(A::ToggleConfidential),
        app.undo_key()
    ));
}

/// Where an export of the session in this format is written: beside it,
/// `<stem>.<template>.<extension>`.
pub fn export_path(
    session: &std::path::Path,
    template: &str,
    extension: &str,
) -> std::path::PathBuf {
    let stem = session
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "session".into());
    session.with_file_name(format!("{stem}.{template}.{extension}"))
}

fn export(app: &mut App, key: char, asked: bool) {
    let Some(choice) = EXPORTS.iter().find(|c| c.key == key) else {
        // Short: the menu beside it names each (a long list here was cut
        // to its end on a narrow status line).
        let keys: Vec<String> = EXPORTS.iter().map(|c| c.key.to_string()).collect();
        let (last, first) = keys.split_last().expect("exports");
        app.error(format!(
            "`{}` is not an export: {} or {last} (Esc: no export)",
            crate::text::escape_controls(&key.to_string()),
            first.join(", ")
        ));
        return;
    };
    let out = export_path(app.store.path(), choice.template, choice.extension);
    // Only a file is written here: a pipe would block the screen until
    // read, a directory or link to one cannot be replaced.
    if let Ok(meta) = std::fs::metadata(&out)
        && !meta.is_file()
    {
        app.mode = Mode::Review;
        return app.error(format!(
            "EXPORT FAILED: {} is there and is not a file; move it away first",
            out.display()
        ));
    }
    // A file there (a hand-edited copy, say) is replaced only when asked
    // twice, as `export -o` replaces one only with --force.
    if !asked && std::fs::symlink_metadata(&out).is_ok() {
        review(app).replace_asked = Some(key);
        return app.error(format!(
            "{} exists: press {key} again to replace it (Esc: no export)",
            out.display()
        ));
    }
    app.mode = Mode::Review;
    let template = crate::export::TemplateRef::Named(choice.template.into());
    let options = crate::export::Options {
        public: choice.public,
        ..crate::export::Options::default()
    };
    // Read-only, the session may have changed since it was opened (it is
    // being recorded, or edited in another review): what is exported is
    // the session as it is now, journal included.
    let fresh = match app.store.is_read_only() {
        true => OpenSession::open(app.store.path(), store::Mode::ReadOnly).ok(),
        false => None,
    };
    let session = fresh.as_ref().map_or(app.store.session(), |f| f.session());
    let text = match crate::export::render(session, choice.format, &template, options) {
        Ok(text) => text,
        Err(e) => return app.error(format!("EXPORT FAILED: {e}")),
    };
    // Our own export of the last time is replaced, a directory refused.
    match store::file::write_document(&out, text.as_bytes(), true) {
        Ok(()) => app.info(format!("Exported ({}) to {}", choice.name, out.display())),
        Err(e) => app.error(format!(
            "EXPORT FAILED: could not write {}: {e}",
            out.display()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::fold;

    fn quick_fold(text: &str) -> String {
        super::quick_fold(text, &mut Default::default())
    }

    #[test]
    fn the_quick_fold_is_the_fold() {
        for text in [
            "Tom_Brandl MEETS ÍÑIGO",
            "plain ascii_Text 42",
            "王丽 Zoë",
            "",
            "Zoe\u{308} e\u{301}x İstanbul ǅ",
        ] {
            assert_eq!(quick_fold(text), fold(text), "{text}");
        }
    }
}
