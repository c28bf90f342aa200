//! What the fuzz targets check, and the real journals they start from.
//!
//! `tests/fuzz_regressions.rs` includes this file as a module, so that an
//! input the fuzzer found and its regression test run exactly the same
//! checks. It may therefore use only `std` and what the `minutes` crate
//! itself depends on (`chrono`, `crc32c`).

use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

use chrono::{Duration, FixedOffset, NaiveDate, TimeZone};
use minutes::model::meeting;
use minutes::model::{
    AgendaId, AgendaItem, AgendaStatus, Attendance, Attendee, AttendeeId, Change, Credit,
    CreditRole, Derived, Edit, Entry, EntryId, EntryKind, Field, Organisation, Session, Timestamp,
};
use minutes::store::file::{parse, to_ron};
use minutes::store::journal::{self, MAX_SEQ, Record};

/// The shipped sample session: a finished two-hour meeting.
pub const SAMPLE: &str = include_str!("../../assets/sample.ron");

// ------------------------------------------------------------- loading

/// `bytes` as a session file. Loading never panics; a session that loads
/// is consistent, can be saved, loads back equal, and saves to the same bytes.
pub fn check_load(bytes: &[u8]) {
    if let Ok(session) = parse(Path::new("fuzz.ron"), bytes) {
        assert_saves_and_reopens(&session, "loaded");
    }
}

/// `how` says where `session` came from ("loaded", "recovered").
fn assert_saves_and_reopens(session: &Session, how: &str) {
    let problems = session.problems();
    assert!(
        problems.is_empty(),
        "{how} an inconsistent session: {problems:?}"
    );
    let text =
        to_ron(session).unwrap_or_else(|e| panic!("{how} a session that cannot be saved: {e}"));
    let reopened = parse(Path::new("saved.ron"), text.as_bytes())
        .unwrap_or_else(|e| panic!("{how} a session that does not load once saved: {e}\n{text}"));
    assert_eq!(
        &reopened, session,
        "{how} a session that loads back different once saved:\n{text}"
    );
    let again = to_ron(&reopened).expect("a session that loaded can be saved");
    assert_eq!(again, text, "save -> load -> save changed the bytes");
}

// -------------------------------------------------------------- replay

/// The first byte of a replay input that reads the rest as damage done to
/// a real journal (see [`check_damaged_journal`]) rather than as a journal.
/// A journal itself starts with a hex digit, or `(` if written before checksums.
pub const DAMAGE: u8 = b'!';

/// `input` as a journal replayed onto each [`bases`] session, or, after
/// [`DAMAGE`], as damage to one of their real journals.
pub fn check_replay(input: &[u8]) {
    match input.split_first() {
        Some((&DAMAGE, damage)) => check_damaged_journal(damage),
        _ => {
            for base in bases() {
                check_recovery(&base.saved, input);
            }
        }
    }
}

/// Replays `journal` onto `saved` (a consistent session, as loaded from
/// its file). The result is consistent, counts the changes applied in its
/// `journal_seq`, can be saved and reopened, and, as saved, takes nothing
/// from the same journal again: opening it after a crash between saving
/// the recovered session and emptying the journal changes nothing.
pub fn check_recovery(saved: &Session, journal: &[u8]) {
    let (session, replay) = journal::recover(saved.clone(), journal);
    // A damaged journal uses up the numbers of what it could not apply.
    let mut expected = saved.journal_seq + replay.applied as u64;
    if replay.is_damaged() {
        expected = expected.max(replay.highest_seq);
    }
    assert_eq!(
        session.journal_seq, expected,
        "journal_seq does not follow the changes applied: {replay:?}"
    );
    if replay.applied == 0 {
        let mut unchanged = saved.clone();
        unchanged.journal_seq = expected;
        assert!(
            session == unchanged,
            "no change applied, yet the session changed: {replay:?}"
        );
        return;
    }
    // Saving and reopening is most of the time a run takes, and most
    // replays end in a state that was checked once and for all.
    let checked = checked_states()
        .iter()
        .any(|s| s.journal_seq == session.journal_seq && *s == session);
    if !checked {
        assert_saves_and_reopens(&session, "recovered");
    }
    if !replay_twice() {
        return;
    }
    let (again, replay_again) = journal::recover(session.clone(), journal);
    assert!(
        replay_again.applied == 0 && again == session,
        "replaying the journal onto the session it recovered applied {} more change(s); first replay: {replay:?}; second: {replay_again:?}",
        replay_again.applied
    );
}

/// Whether to check that a replay onto the session a replay recovered
/// adds nothing. `MINUTES_FUZZ_ONE_REPLAY=1` turns that check off, so that
/// a known failure of it does not stop the fuzzer short of other finds.
fn replay_twice() -> bool {
    static TWICE: OnceLock<bool> = OnceLock::new();
    *TWICE.get_or_init(|| std::env::var_os("MINUTES_FUZZ_ONE_REPLAY").is_none())
}

/// Builds what the checks need, so that a fuzz target can do it once
/// before its loop: every run then covers the same code.
pub fn prepare() {
    checked_states();
    replay_twice();
}

/// Sessions that passed [`assert_saves_and_reopens`]: every state a replay
/// of a prefix of a generated journal reaches, on either base.
fn checked_states() -> &'static [Session] {
    static STATES: OnceLock<Vec<Session>> = OnceLock::new();
    STATES.get_or_init(|| {
        let mut states: Vec<Session> = Vec::new();
        for base in bases() {
            for other in bases() {
                for k in 1..=other.lines.len() {
                    let journal = other.lines[..k].concat();
                    let (session, replay) =
                        journal::recover(base.saved.clone(), journal.as_bytes());
                    if replay.applied > 0 && !states.contains(&session) {
                        assert_saves_and_reopens(&session, "generated");
                        states.push(session);
                    }
                }
            }
        }
        states
    })
}

/// A consistent saved session, and a journal of real changes made to it.
pub struct Base {
    pub name: &'static str,
    /// The session as its file holds it before the journal.
    pub saved: Session,
    /// The journal, one record a line, each with its newline.
    pub lines: Vec<String>,
    /// `saved_after[k]`: the file saved after the first `k` records (its
    /// `journal_seq` says so) while the journal still holds them all.
    pub saved_after: Vec<Session>,
    /// Well-formed changes a journal should never hold: ones that do not
    /// apply, or leave the session inconsistent, or hold odd values.
    pub hostile: Vec<Change>,
}

/// The sample session and a small one, each with its journal. Built once.
pub fn bases() -> &'static [Base] {
    static BASES: OnceLock<Vec<Base>> = OnceLock::new();
    BASES.get_or_init(|| {
        let sample = parse(Path::new("sample.ron"), SAMPLE.as_bytes()).expect("the sample loads");
        let small = small_session(&sample);
        vec![
            Base::new("sample", sample, sample_script),
            Base::new("small", small, small_script),
        ]
    })
}

impl Base {
    fn new(name: &'static str, saved: Session, script: fn(&mut Script)) -> Base {
        let mut run = Script {
            session: saved.clone(),
            changes: Vec::new(),
        };
        script(&mut run);
        let mut lines = Vec::new();
        let mut saved_after = vec![saved.clone()];
        let mut session = saved.clone();
        for (i, change) in run.changes.into_iter().enumerate() {
            let seq = saved.journal_seq + i as u64 + 1;
            change
                .clone()
                .apply(&mut session)
                .expect("the script applies");
            session.journal_seq = seq;
            saved_after.push(session.clone());
            let record = Record { seq, change };
            lines.push(journal::encode(&record).expect("a change encodes"));
        }
        Base {
            name,
            hostile: hostile_changes(&saved),
            saved,
            lines,
            saved_after,
        }
    }

    /// The whole journal.
    pub fn journal(&self) -> Vec<u8> {
        self.lines.concat().into_bytes()
    }

    /// The session once the whole journal is applied.
    pub fn recovered(&self) -> &Session {
        self.saved_after
            .last()
            .expect("saved_after starts with saved")
    }
}

/// What a secretary does, as the app computes it: each change is worked
/// out from the session as the previous ones left it.
struct Script {
    session: Session,
    changes: Vec<Change>,
}

impl Script {
    fn step(&mut self, change: impl Into<Option<Change>>) {
        let change = change
            .into()
            .expect("each step of the script changes something");
        change
            .clone()
            .apply(&mut self.session)
            .expect("a change computed from the session applies to it");
        assert!(
            self.session.problems().is_empty(),
            "the script stays consistent"
        );
        self.changes.push(change);
    }

    fn entry(&self, id: EntryId) -> Entry {
        let found = self.session.entries.iter().find(|e| e.id == id);
        found.expect("the script's entry exists").clone()
    }
}

/// After the sample meeting ended: a note, someone joins and speaks, the
/// last topic is reopened, another speaker, an action item edited, the
/// note deleted, a departure, the topic closed again.
fn sample_script(s: &mut Script) {
    let end = s.session.ended_at.expect("the sample meeting has ended");
    let t = |min: i64| end + Duration::minutes(min);
    let note = s.session.next_entry_id();
    s.step(meeting::log(
        &s.session,
        EntryKind::Note,
        "Recording stopped.".into(),
        t(1),
    ));
    s.step(meeting::join(
        &s.session,
        "Ada Lovelace".into(),
        Some("Analytical Society".into()),
        "Guest".into(),
        true,
        t(2),
    ));
    let ada = s.session.attendees.last().expect("just joined").id;
    s.step(meeting::switch_speaker(
        &s.session,
        &Derived::of(&s.session),
        Some(ada),
        t(3),
    ));
    let last_topic = s
        .session
        .agenda
        .last()
        .expect("the sample has an agenda")
        .id;
    s.step(meeting::start_topic(
        &s.session,
        &Derived::of(&s.session),
        last_topic,
        t(4),
    ));
    s.step(meeting::switch_speaker(
        &s.session,
        &Derived::of(&s.session),
        Some(AttendeeId(5)),
        t(5),
    ));
    let action = s.session.next_entry_id();
    s.step(meeting::log(
        &s.session,
        EntryKind::Action {
            owner: Some(ada),
            due: NaiveDate::from_ymd_opt(2026, 12, 1),
            done: false,
        },
        "Send the questions".into(),
        t(6),
    ));
    let mut edited = s.entry(action);
    edited.text = "Send the questions in writing".into();
    s.step(Change::Entry(Edit::Replace(edited)));
    s.step(Change::Entry(Edit::Remove(note)));
    s.step(meeting::set_attendance(
        &s.session,
        &Derived::of(&s.session),
        ada,
        Attendance::Left,
        t(7),
    ));
    s.step(meeting::next_topic(
        &s.session,
        &Derived::of(&s.session),
        t(8),
    ));
}

/// A meeting of three, with two topics, before it starts.
fn small_session(sample: &Session) -> Session {
    let mut s = Session::new("Licensing sync");
    s.scheduled_start = sample.scheduled_start;
    s.organisations = sample
        .organisations
        .iter()
        .filter(|o| o.code == "USAL")
        .cloned()
        .collect();
    s.attendees = sample
        .attendees
        .iter()
        .filter(|a| a.organisation.as_deref() == Some("USAL"))
        .map(Attendee::as_expected)
        .collect();
    s.chair = s.attendees.first().map(|a| a.id);
    s.secretary = s.attendees.last().map(|a| a.id);
    s.agenda = vec![
        AgendaItem {
            id: AgendaId(1),
            title: "Rights statements".into(),
            presenter: s.chair,
            planned_minutes: 20,
            started_at: None,
            ended_at: None,
            status: AgendaStatus::Pending,
        },
        AgendaItem {
            id: AgendaId(2),
            title: "Any other business".into(),
            presenter: None,
            planned_minutes: 5,
            started_at: None,
            ended_at: None,
            status: AgendaStatus::Pending,
        },
    ]
    .into();
    s
}

/// The small meeting from start to end.
fn small_script(s: &mut Script) {
    let start = s
        .session
        .scheduled_start
        .expect("the small meeting is scheduled");
    let t = |min: i64| start + Duration::minutes(min);
    let (first, second) = match &s.session.attendees[..] {
        [a, b, ..] => (a.id, b.id),
        _ => panic!("the small meeting has three attendees"),
    };
    s.step(meeting::start_meeting(&s.session, t(0)));
    s.step(meeting::arrive(&s.session, first, t(0)));
    s.step(meeting::next_topic(
        &s.session,
        &Derived::of(&s.session),
        t(1),
    ));
    s.step(meeting::switch_speaker(
        &s.session,
        &Derived::of(&s.session),
        Some(second),
        t(2),
    ));
    let note = s.session.next_entry_id();
    s.step(meeting::log(
        &s.session,
        EntryKind::Note,
        "CC0 for metadata.".into(),
        t(5),
    ));
    s.step(meeting::join(
        &s.session,
        "Zoë".into(),
        None,
        "Note taker".into(),
        true,
        t(6),
    ));
    let mut edited = s.entry(note);
    edited.text = "CC0 for metadata, agreed.".into();
    s.step(Change::Entry(Edit::Replace(edited)));
    s.step(Change::Entry(Edit::Remove(note)));
    s.step(meeting::end_meeting(
        &s.session,
        &Derived::of(&s.session),
        t(12),
    ));
}

/// Changes that a journal should never hold for `s`.
fn hostile_changes(s: &Session) -> Vec<Change> {
    let chair = s.chair.expect("both bases have a chair");
    let org = s.organisations[0].code.clone();
    let at = s.scheduled_start.expect("both bases are scheduled");
    let entry = |id: u32, kind: EntryKind| Entry {
        id: EntryId(id),
        at,
        agenda_item: None,
        kind,
        text: "hostile".into(),
        confidential: false,
        carried_over: None,
    };
    let insert_entry = |item: Entry| Change::Entry(Edit::Insert { index: 0, item });
    let stranger = |org: Option<String>| Attendee {
        id: AttendeeId(900),
        name: "Stranger".into(),
        organisation: org,
        role: String::new(),
        attendance: Attendance::Present,
        joined_at: None,
        left_at: None,
        earlier: Vec::new(),
    };
    let odd_time = |offset: i32, date: Option<NaiveDate>| -> Timestamp {
        let offset = FixedOffset::east_opt(offset).expect("a valid offset");
        let date = date
            .expect("a valid date")
            .and_hms_opt(0, 0, 0)
            .expect("midnight");
        offset.from_utc_datetime(&date)
    };
    vec![
        // Apply, but leave references dangling.
        Change::Attendee(Edit::Remove(chair)),
        Change::Organisation(Edit::Remove(org.clone())),
        Change::Agenda(Edit::Remove(AgendaId(1))),
        Change::Set(Field::Chair(Some(AttendeeId(999)))),
        Change::Set(Field::Secretary(Some(AttendeeId(0)))),
        insert_entry(entry(
            901,
            EntryKind::Speech {
                speaker: AttendeeId(999),
                ended_at: None,
            },
        )),
        Change::Attendee(Edit::Insert {
            index: 0,
            item: stranger(Some("NOPE".into())),
        }),
        Change::Batch(vec![
            insert_entry(entry(902, EntryKind::Note)),
            Change::Attendee(Edit::Remove(chair)),
        ]),
        // Do not apply.
        Change::Organisation(Edit::Insert {
            index: 9,
            item: Organisation {
                code: org.clone(),
                name: "twice".into(),
            },
        }),
        Change::Entry(Edit::Replace(entry(999, EntryKind::Note))),
        Change::Batch(vec![
            insert_entry(entry(903, EntryKind::Note)),
            Change::Entry(Edit::Remove(EntryId(999))),
        ]),
        // Apply and stay consistent, with unusual values.
        Change::Batch(vec![
            Change::Organisation(Edit::Insert {
                index: usize::MAX,
                item: Organisation {
                    code: String::new(),
                    name: String::new(),
                },
            }),
            Change::Attendee(Edit::Insert {
                index: usize::MAX,
                item: stranger(Some(String::new())),
            }),
        ]),
        Change::Set(Field::Title(
            "\0\u{7f}\u{202e}\u{301}\r\n\t\"\\ \u{feff}".into(),
        )),
        Change::Set(Field::Credits(vec![Credit {
            role: CreditRole::Other(")".into()),
            name: "\"".into(),
        }])),
        Change::Set(Field::ScheduledStart(Some(odd_time(
            3661,
            NaiveDate::from_ymd_opt(2026, 11, 19),
        )))),
        Change::Set(Field::StartedAt(Some(odd_time(
            -86399,
            NaiveDate::from_ymd_opt(12345, 1, 1),
        )))),
        Change::Set(Field::EndedAt(Some(odd_time(
            0,
            NaiveDate::from_ymd_opt(-1, 12, 31),
        )))),
        insert_entry(entry(
            904,
            EntryKind::Action {
                owner: None,
                due: NaiveDate::from_ymd_opt(-262_000, 1, 1),
                done: true,
            },
        )),
    ]
}

/// Reads `input` as a choice of journal and damage done to it, applies
/// the damage, and checks the replay as [`check_recovery`] does.
///
/// The first byte picks the base (bit 0), how many of its records the
/// file already holds (bits 1-3) and how many the journal holds (bits 4-7,
/// 0 for all; fewer replay faster); then four bytes an edit: what to do,
/// and three arguments (see [`damage`]).
pub fn check_damaged_journal(input: &[u8]) {
    if let Some((saved, journal)) = damaged_journal(input) {
        check_recovery(saved, &journal);
    }
}

/// The saved session and the damaged journal that `input` describes.
pub fn damaged_journal(input: &[u8]) -> Option<(&'static Session, Vec<u8>)> {
    let (&pick, edits) = input.split_first()?;
    let base = &bases()[usize::from(pick & 1) % bases().len()];
    let saved = &base.saved_after[usize::from(pick >> 1 & 7) % base.saved_after.len()];
    let kept = match usize::from(pick >> 4) {
        0 => base.lines.len(),
        n => n.min(base.lines.len()),
    };
    let mut journal = base.lines[..kept].concat().into_bytes();
    for edit in edits.chunks(4) {
        let mut args = [0u8; 4];
        args[..edit.len()].copy_from_slice(edit);
        damage(&mut journal, args, base);
    }
    Some((saved, journal))
}

/// No edit is applied to a damaged journal longer than this.
const MAX_DAMAGED_LEN: usize = 64 << 10;

/// One edit: `what` (modulo 14) with arguments `a`, `b`, `c`. Byte offsets
/// are `a` and `b` as a 16-bit number, modulo the journal's length; lines
/// are numbered modulo their count.
fn damage(journal: &mut Vec<u8>, [what, a, b, c]: [u8; 4], base: &Base) {
    // Duplicating a journal with no newline doubles it: without a bound, a
    // few dozen edits would build gigabytes.
    if journal.len() > MAX_DAMAGED_LEN {
        return;
    }
    let offset = |len: usize| usize::from(u16::from_be_bytes([a, b])) % len.max(1);
    let lines = line_ranges(journal);
    let line = |n: u8| lines.get(usize::from(n) % lines.len().max(1)).cloned();
    let len = journal.len();
    match what % 14 {
        // Bit rot and stray writes.
        0 if len > 0 => journal[offset(len)] ^= c.max(1),
        1 if len > 0 => journal[offset(len)] = c,
        2 => journal.insert(offset(len + 1), c),
        // A write cut short; blocks of zeros left by a power loss.
        3 => journal.truncate(offset(len + 1)),
        4 if len > 0 => {
            let from = offset(len);
            let to = (from + usize::from(c) + 1).min(len);
            journal[from..to].fill(0);
        }
        // Whole lines repeated, reordered, lost.
        5 => {
            if let Some(r) = line(a) {
                let copy = journal[r.clone()].to_vec();
                journal.splice(r.end..r.end, copy);
            }
        }
        6 => {
            if let (Some(x), Some(y)) = (line(a), line(b)) {
                let (x, y) = if x.start <= y.start { (x, y) } else { (y, x) };
                if x != y {
                    let mut out = journal[..x.start].to_vec();
                    out.extend_from_slice(&journal[y.clone()]);
                    out.extend_from_slice(&journal[x.end..y.start]);
                    out.extend_from_slice(&journal[x.clone()]);
                    out.extend_from_slice(&journal[y.end..]);
                    *journal = out;
                }
            }
        }
        7 => {
            if let Some(r) = line(a) {
                journal.drain(r);
            }
        }
        // A record changed with a checksum that matches: what a bug in
        // minutes, or an edit by hand, could write.
        8 => {
            if let Some(r) = line(a) {
                let mut text = journal[r.clone()].to_vec();
                let at = 9 + usize::from(b);
                if at < text.len() && text[at] != b'\n' {
                    text[at] = c;
                }
                journal.splice(r, with_checksum(&text));
            }
        }
        9 => {
            if let Some(r) = line(a) {
                let fixed = with_checksum(&journal[r.clone()]);
                journal.splice(r, fixed);
            }
        }
        10 => {
            if let Some(r) = line(a) {
                let text = &journal[r.clone()];
                if has_checksum(text) {
                    journal.drain(r.start..r.start + 9);
                }
            }
        }
        // Hostile records, well formed, at any sequence number.
        11 | 12 => {
            let change = base.hostile[usize::from(b) % base.hostile.len()].clone();
            let seq = match c {
                255 => MAX_SEQ,
                254 => MAX_SEQ + 1,
                253 => u64::MAX,
                n => u64::from(n),
            };
            let text = journal::encode(&Record { seq, change }).expect("a change encodes");
            let at = line(a).unwrap_or(len..len);
            let replaced = if what % 14 == 12 {
                at.clone()
            } else {
                at.start..at.start
            };
            journal.splice(replaced, text.into_bytes());
        }
        // A record renumbered, its checksum fixed: a gap, a repeat, a step back.
        13 => {
            if let Some(r) = line(a) {
                let text = &journal[r.clone()];
                let prefix = b"(seq:";
                let body = if has_checksum(text) { &text[9..] } else { text };
                if let Some(rest) = body.strip_prefix(prefix) {
                    let digits = rest.iter().take_while(|d| d.is_ascii_digit()).count();
                    let mut out = prefix.to_vec();
                    out.extend_from_slice(c.to_string().as_bytes());
                    out.extend_from_slice(&rest[digits..]);
                    journal.splice(r, with_checksum(&out));
                }
            }
        }
        _ => {}
    }
}

/// Where each line is, with its newline; a last line without one too.
fn line_ranges(bytes: &[u8]) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' {
            lines.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < bytes.len() {
        lines.push(start..bytes.len());
    }
    lines
}

fn has_checksum(line: &[u8]) -> bool {
    line.len() >= 9 && line[8] == b' ' && line[..8].iter().all(u8::is_ascii_hexdigit)
}

/// `line` (with or without its checksum) with the checksum of its record.
fn with_checksum(line: &[u8]) -> Vec<u8> {
    let line = if has_checksum(line) { &line[9..] } else { line };
    let (body, newline) = match line.strip_suffix(b"\n") {
        Some(body) => (body, &b"\n"[..]),
        None => (line, &b""[..]),
    };
    let mut out = format!("{:08x} ", crc32c::crc32c(body)).into_bytes();
    out.extend_from_slice(body);
    out.extend_from_slice(newline);
    out
}
