//! The meeting model and its RON form.

mod common;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use minutes::model::*;
use minutes::store::file::{parse, to_ron};
use proptest::prelude::*;
use std::path::Path;

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-zA-Z ]{0,12}",
        Just("王丽".to_string()),
        Just("José Álvarez Núñez".to_string()),
        Just("Sam 🌻 \"Okafor\"\n\\ line two\t".to_string()),
        "[\\p{Han}\\p{Latin}\\p{Greek}\\p{Cyrillic} ]{0,10}",
    ]
}

fn timestamp() -> impl Strategy<Value = Timestamp> {
    (
        -14 * 3600..=14 * 3600i32,
        0..4_000_000_000i64,
        0..1_000_000_000u32,
    )
        .prop_map(|(offset, secs, nanos)| {
            FixedOffset::east_opt(offset / 60 * 60)
                .unwrap()
                .timestamp_opt(secs, nanos)
                .unwrap()
        })
}

fn kind() -> impl Strategy<Value = EntryKind> {
    let person = || proptest::option::of((1..20u32).prop_map(AttendeeId));
    prop_oneof![
        Just(EntryKind::Note),
        (
            (1..20u32).prop_map(AttendeeId),
            proptest::option::of(timestamp())
        )
            .prop_map(|(speaker, ended_at)| EntryKind::Speech { speaker, ended_at }),
        Just(EntryKind::Discussion),
        person().prop_map(|by| EntryKind::Question { by }),
        Just(EntryKind::Decision),
        Just(EntryKind::Conclusion),
        (
            person(),
            proptest::option::of((0..3000i32, 1..13u32, 1..29u32)),
            any::<bool>()
        )
            .prop_map(|(owner, due, done)| EntryKind::Action {
                owner,
                due: due.map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap()),
                done
            }),
    ]
}

prop_compose! {
    fn session()(
        title in text(),
        series in proptest::option::of(text()),
        theme in proptest::option::of(text()),
        platform in proptest::option::of(text()),
        times in proptest::collection::vec(proptest::option::of(timestamp()), 3),
        orgs in proptest::collection::vec((text(), text()), 0..4),
        people in proptest::collection::vec((text(), text(), common::attendance(), proptest::option::of(timestamp()), proptest::option::of(timestamp())), 0..6),
        agenda in proptest::collection::vec((text(), 0..240u32, proptest::option::of(timestamp())), 0..5),
        entries in proptest::collection::vec((timestamp(), kind(), text(), any::<bool>()), 0..12),
        credits in proptest::collection::vec((text(), text()), 0..3),
        journal_seq in 0..=minutes::store::journal::MAX_SEQ,
    ) -> Session {
        let mut s = Session::new(title);
        s.series = series;
        s.theme = theme;
        s.platform = platform;
        s.scheduled_start = times[0];
        s.started_at = times[1];
        s.ended_at = times[2];
        s.organisations = orgs.into_iter().enumerate().map(|(i, (code, name))| Organisation { code: format!("{i}{code}"), name }).collect();
        let codes: Vec<String> = s.organisations.iter().map(|o| o.code.clone()).collect();
        s.attendees = people.into_iter().enumerate().map(|(i, (name, role, attendance, joined_at, left_at))| Attendee {
            id: AttendeeId(i as u32 * 3 + 1), // sparse: ids need not be dense
            name,
            organisation: codes.get(i % (codes.len() + 1)).cloned(),
            role,
            attendance,
            joined_at,
            left_at,
            earlier: Vec::new(),
        }).collect();
        let ids: Vec<AttendeeId> = s.attendees.iter().map(|a| a.id).collect();
        let fix = |p: AttendeeId| ids.get(p.0 as usize % ids.len().max(1)).copied();
        s.chair = ids.first().copied();
        s.secretary = ids.last().copied();
        s.agenda = agenda.into_iter().enumerate().map(|(i, (title, planned_minutes, started_at))| AgendaItem {
            id: AgendaId(10 - i as u32),
            title,
            presenter: ids.get(i).copied(),
            planned_minutes,
            started_at,
            ended_at: None,
            status: AgendaStatus::Pending,
        }).collect();
        let topics: Vec<AgendaId> = s.agenda.iter().map(|a| a.id).collect();
        s.entries = entries.into_iter().enumerate().filter_map(|(i, (at, kind, text, on_topic))| {
            // References must point at real attendees for the file to be valid.
            let kind = match kind {
                EntryKind::Speech { speaker, ended_at } => EntryKind::Speech { speaker: fix(speaker)?, ended_at },
                EntryKind::Question { by } => EntryKind::Question { by: by.and_then(fix) },
                EntryKind::Action { owner, due, done } => EntryKind::Action { owner: owner.and_then(fix), due, done },
                k => k,
            };
            Some(Entry { id: EntryId(i as u32 + 1), at, agenda_item: if on_topic { topics.first().copied() } else { None }, kind, text, confidential: false, carried_over: None })
        }).collect();
        s.credits = credits.into_iter().map(|(role, name)| Credit { role: CreditRole::Other(role), name }).collect();
        s.journal_seq = journal_seq;
        s
    }
}

proptest! {
    #[test]
    fn any_session_survives_save_and_load(s in session()) {
        prop_assert!(s.problems().is_empty(), "{:?}", s.problems());
        let text = to_ron(&s).unwrap();
        let back = parse(Path::new("t.ron"), text.as_bytes()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(back, s);
    }

    #[test]
    fn saving_a_loaded_session_writes_the_same_bytes(s in session()) {
        // Opening a file and saving it without a change must not rewrite it.
        let text = to_ron(&s).unwrap();
        let back = parse(Path::new("t.ron"), text.as_bytes()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(to_ron(&back).unwrap(), text);
    }

    #[test]
    fn applying_a_change_then_its_inverse_restores_the_session(s in session(), pick in any::<prop::sample::Index>(), text in text()) {
        let mut edited = s.clone();
        let change = match (edited.entries.is_empty(), pick.index(3)) {
            (false, 0) => Change::Entry(Edit::Remove(edited.entries[pick.index(edited.entries.len())].id)),
            (false, 1) => {
                let mut e = edited.entries[pick.index(edited.entries.len())].clone();
                e.text = text;
                Change::Entry(Edit::Replace(e))
            }
            _ => common::add_note(&edited, &text),
        };
        let inverse = change.apply(&mut edited).unwrap();
        inverse.apply(&mut edited).unwrap();
        prop_assert_eq!(edited, s);
    }

    /// The switch is computed on the session as it is, not on a copy with
    /// each step applied: it must come to the same.
    #[test]
    fn a_speaker_switch_computed_at_once_is_the_one_computed_step_by_step(
        s in session(),
        pick in any::<prop::sample::Index>(),
        now in timestamp(),
    ) {
        let speaker = (!s.attendees.is_empty()).then(|| s.attendees[pick.index(s.attendees.len())].id);
        let Some(change) = minutes::model::meeting::switch_speaker(&s, &Derived::of(&s), speaker, now) else {
            return Ok(());
        };
        let mut after = s.clone();
        change.apply(&mut after).unwrap();
        prop_assert_eq!(Derived::of(&after).current_speaker(), speaker);
        // Step by step: end the speech, mark the arrival, log the speech.
        let mut stepped = s.clone();
        let mut ended = s.entries.iter().rev().find(|e| matches!(e.kind, EntryKind::Speech { ended_at: None, .. })).cloned();
        if let Some(e) = &mut ended {
            if let EntryKind::Speech { ended_at, .. } = &mut e.kind {
                *ended_at = Some(now.max(e.at));
            }
            Change::Entry(Edit::Replace(e.clone())).apply(&mut stepped).unwrap();
        }
        if let Some(id) = speaker {
            if let Some(arrival) = stepped.attendee(id).filter(|a| !a.is_here()).and_then(|_| minutes::model::meeting::arrive(&stepped, id, now)) {
                arrival.apply(&mut stepped).unwrap();
            }
            let kind = EntryKind::Speech { speaker: id, ended_at: None };
            minutes::model::meeting::log(&stepped, kind, String::new(), now).apply(&mut stepped).unwrap();
            if let Some(out) = minutes::model::meeting::withdraw(&stepped, id) {
                out.apply(&mut stepped).unwrap();
            }
        }
        prop_assert_eq!(after, stepped);
    }
}

#[test]
fn a_hand_written_version_1_file_loads() {
    // Written the way a person would: Some(..) spelled out or not, fields
    // left out, comments, no `#![enable]` header.
    let text = r#"
// Board meeting, typed by hand.
(
    version: 1,
    title: "Board meeting",
    started_at: Some("2026-03-02T09:00:00+08:00"),
    organisations: [(code: "NUS", name: "National University of Singapore")],
    attendees: [
        (id: 7, name: "林美玲", organisation: "NUS", attendance: Late, joined_at: "2026-03-02T09:10:00+08:00"),
        (id: 2, name: "Zoë", role: "Observer"),
    ],
    chair: 7,
    agenda: [(id: 1, title: "Budget", planned_minutes: 15, status: Current)],
    entries: [
        (id: 1, at: "2026-03-02T09:12:00+08:00", agenda_item: 1, kind: Speech(speaker: 7), text: "Opened."),
        (id: 2, at: "2026-03-02T09:20:00+08:00", kind: Action(owner: 2, due: "2026-04-01"), text: "Send the figures"),
    ],
)
"#;
    let s = parse(Path::new("hand.ron"), text.as_bytes()).unwrap();
    assert_eq!(s.title, "Board meeting");
    assert_eq!(s.attendees[0].name, "林美玲");
    assert_eq!(s.attendees[0].attendance, Attendance::Late);
    assert_eq!(
        s.attendees[1].attendance,
        Attendance::Expected,
        "attendance defaults to expected"
    );
    assert_eq!(s.chair, Some(AttendeeId(7)));
    assert_eq!(
        s.current_agenda_item().map(|a| a.title.as_str()),
        Some("Budget")
    );
    assert_eq!(
        s.entries[0].kind,
        EntryKind::Speech {
            speaker: AttendeeId(7),
            ended_at: None
        }
    );
    assert_eq!(
        s.entries[1].kind,
        EntryKind::Action {
            owner: Some(AttendeeId(2)),
            due: NaiveDate::from_ymd_opt(2026, 4, 1),
            done: false
        }
    );
    assert_eq!(s.journal_seq, 0);
}

#[test]
fn saved_file_starts_with_the_version_and_is_pretty() {
    let text = to_ron(&common::sample()).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("#![enable(implicit_some)]"));
    assert_eq!(lines.next(), Some("("));
    assert_eq!(lines.next(), Some("    version: 1,"));
    assert!(text.contains("    title: \"Open Data for Museum Collections\",\n"));
    assert!(
        text.contains("name: \"王丽\""),
        "non-ASCII text is written as is, not escaped"
    );
}

#[test]
fn the_shipped_sample_is_saved_in_canonical_form() {
    // So that opening and saving the sample without changes changes nothing.
    let on_disk = std::fs::read_to_string(common::sample_path()).unwrap();
    assert_eq!(to_ron(&common::sample()).unwrap(), on_disk);
}

#[test]
fn a_failed_batch_leaves_the_session_unchanged() {
    let mut s = common::sample();
    let before = s.clone();
    let batch = Change::Batch(vec![
        common::add_note(&s, "first"),
        Change::Attendee(Edit::Remove(AttendeeId(999))),
    ]);
    let err = batch.apply(&mut s).unwrap_err();
    assert_eq!(
        err,
        ChangeError::Missing {
            what: "attendee",
            key: "AttendeeId(999)".into()
        }
    );
    assert_eq!(s, before);
}

#[test]
fn inserting_a_duplicate_id_is_refused() {
    let mut s = common::sample();
    let dup = common::note(1, "again");
    let err = Change::Entry(Edit::Insert {
        index: 0,
        item: dup,
    })
    .apply(&mut s)
    .unwrap_err();
    assert!(matches!(err, ChangeError::Duplicate { what: "entry", .. }));
}

#[test]
fn problems_name_duplicate_ids_and_dangling_references() {
    let mut s = common::sample();
    s.attendees.get_mut(1).unwrap().id = s.attendees[0].id;
    s.chair = Some(AttendeeId(77));
    let problems: Vec<String> = s.problems().into_iter().map(|p| p.0).collect();
    assert!(
        problems.contains(&"two attendees have the id 1".to_string()),
        "{problems:?}"
    );
    assert!(
        problems.contains(&"`chair` names attendee 77, who is not in `attendees`".to_string()),
        "{problems:?}"
    );
}

#[test]
fn speaking_time_adds_up_per_person_and_organisation() {
    let s = common::sample();
    let stats = stats::speaking_time(&s, None);
    let jose = stats
        .by_attendee
        .iter()
        .find(|x| x.who == AttendeeId(5))
        .unwrap();
    // José: 4 + 9 + 3 minutes in three speeches.
    assert_eq!((jose.total.num_minutes(), jose.speeches), (16, 3));
    let usal = stats
        .by_organisation
        .iter()
        .find(|x| x.who.as_deref() == Some("USAL"))
        .unwrap();
    assert_eq!(usal.total.num_minutes(), 16 + 13 + 4);
    assert_eq!(stats.total, stats.by_attendee.iter().map(|x| x.total).sum());
    assert!(
        stats
            .by_attendee
            .windows(2)
            .all(|w| w[0].total >= w[1].total),
        "longest first"
    );
}

#[test]
fn a_speech_still_going_on_counts_until_now_only_when_asked() {
    let mut s = Session::new("t");
    s.attendees
        .push(common::attendee(1, "A", Attendance::Present));
    let start: DateTime<FixedOffset> = common::at("2026-01-01T10:00:00+00:00");
    s.entries.push(Entry {
        id: EntryId(1),
        at: start,
        agenda_item: None,
        kind: EntryKind::Speech {
            speaker: AttendeeId(1),
            ended_at: None,
        },
        text: String::new(),
        confidential: false,
        carried_over: None,
    });
    assert_eq!(stats::speaking_time(&s, None).total.num_seconds(), 0);
    let now = start + chrono::Duration::seconds(95);
    assert_eq!(stats::speaking_time(&s, Some(now)).total.num_seconds(), 95);
    assert_eq!(
        stats::format_duration(chrono::Duration::seconds(95)),
        "01:35"
    );
    assert_eq!(
        stats::format_duration(chrono::Duration::seconds(3725)),
        "1:02:05"
    );
}

/// One thing the secretary does to the log, picked against the session as
/// it is when the step comes.
#[derive(Debug, Clone)]
enum Step {
    /// A new entry (a speech, ended or not, a note...) anywhere in the log.
    Log {
        at: Timestamp,
        kind: EntryKind,
        place: prop::sample::Index,
    },
    /// The floor to someone on the roster, or to nobody: the speech going
    /// on ends (`meeting::switch_speaker`, a batch).
    Switch {
        to: Option<prop::sample::Index>,
        now: Timestamp,
    },
    /// An entry replaced by another kind, time, speaker or topic.
    Replace {
        pick: prop::sample::Index,
        at: Timestamp,
        kind: EntryKind,
        topic: prop::sample::Index,
    },
    Remove(prop::sample::Index),
    /// An attendee moves to another organisation (or none).
    Move {
        pick: prop::sample::Index,
        to: prop::sample::Index,
    },
    /// Two edits as one change; with `fails`, a third that cannot apply.
    Batch {
        pick: prop::sample::Index,
        kind: EntryKind,
        fails: bool,
    },
    Undo,
    Redo,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (timestamp(), kind(), any::<prop::sample::Index>())
            .prop_map(|(at, kind, place)| Step::Log { at, kind, place }),
        3 => (proptest::option::of(any::<prop::sample::Index>()), timestamp())
            .prop_map(|(to, now)| Step::Switch { to, now }),
        2 => (any::<prop::sample::Index>(), timestamp(), kind(), any::<prop::sample::Index>())
            .prop_map(|(pick, at, kind, topic)| Step::Replace { pick, at, kind, topic }),
        2 => any::<prop::sample::Index>().prop_map(Step::Remove),
        1 => (any::<prop::sample::Index>(), any::<prop::sample::Index>())
            .prop_map(|(pick, to)| Step::Move { pick, to }),
        1 => (any::<prop::sample::Index>(), kind(), any::<bool>())
            .prop_map(|(pick, kind, fails)| Step::Batch { pick, kind, fails }),
        2 => Just(Step::Undo),
        1 => Just(Step::Redo),
    ]
}

/// The change `step` makes to `s`, if it makes one.
fn change_for(s: &Session, step: Step) -> Option<Change> {
    let entry = |pick: prop::sample::Index| {
        (!s.entries.is_empty()).then(|| s.entries[pick.index(s.entries.len())].clone())
    };
    match step {
        Step::Log { at, kind, place } => Some(Change::Entry(Edit::Insert {
            index: place.index(s.entries.len() + 1),
            item: Entry {
                id: s.next_entry_id(),
                at,
                agenda_item: None,
                kind,
                text: String::new(),
                confidential: false,
                carried_over: None,
            },
        })),
        Step::Switch { to, now } => {
            let to = match to {
                Some(pick) if !s.attendees.is_empty() => {
                    Some(s.attendees[pick.index(s.attendees.len())].id)
                }
                _ => None,
            };
            meeting::switch_speaker(s, &Derived::of(s), to, now)
        }
        Step::Replace {
            pick,
            at,
            kind,
            topic,
        } => {
            let mut e = entry(pick)?;
            e.at = at;
            e.kind = kind;
            // A topic of the agenda, none, or one not on it.
            e.agenda_item = match topic.index(s.agenda.len() + 2) {
                0 => None,
                1 => Some(AgendaId(99)),
                i => Some(s.agenda[i - 2].id),
            };
            Some(Change::Entry(Edit::Replace(e)))
        }
        Step::Remove(pick) => Some(Change::Entry(Edit::Remove(entry(pick)?.id))),
        Step::Move { pick, to } => {
            if s.attendees.is_empty() {
                return None;
            }
            let mut a = s.attendees[pick.index(s.attendees.len())].clone();
            a.organisation = s
                .organisations
                .get(to.index(s.organisations.len() + 1))
                .map(|o| o.code.clone());
            Some(Change::Attendee(Edit::Replace(a)))
        }
        Step::Batch { pick, kind, fails } => {
            let mut e = entry(pick)?;
            let new = Entry {
                id: s.next_entry_id(),
                kind: e.kind.clone(),
                ..e.clone()
            };
            e.kind = kind;
            let mut changes = vec![
                Change::Entry(Edit::Replace(e)),
                Change::Entry(Edit::Insert {
                    index: s.entries.len(),
                    item: new,
                }),
            ];
            if fails {
                changes.push(Change::Entry(Edit::Remove(EntryId(u32::MAX))));
            }
            Some(Change::Batch(changes))
        }
        Step::Undo | Step::Redo => None,
    }
}

/// What the screen shows from `derived` is what a full recomputation says.
fn same_as_recomputed(derived: &Derived, s: &Session, now: Timestamp) -> Result<(), TestCaseError> {
    prop_assert_eq!(derived, &Derived::of(s));
    let stats = stats::speaking_time(s, Some(now));
    for id in (0..25).map(AttendeeId) {
        let expected = stats
            .by_attendee
            .iter()
            .find(|x| x.who == id)
            .map(|x| derived::Tally {
                total: x.total,
                speeches: x.speeches,
            });
        prop_assert_eq!(derived.spoken(id, now), expected);
    }
    let by_organisation: std::collections::HashMap<Option<&str>, chrono::Duration> = stats
        .by_organisation
        .iter()
        .map(|x| (x.who.as_deref(), x.total))
        .collect();
    prop_assert_eq!(derived.by_organisation(s, now), by_organisation);
    prop_assert_eq!(derived.total_spoken(now), stats.total);
    // Everyone who spoke, once each, as the log says.
    let mut tallies: Vec<(AttendeeId, derived::Tally)> = derived.tallies(now).collect();
    tallies.sort_by_key(|(who, _)| *who);
    let mut from_log: Vec<(AttendeeId, derived::Tally)> = stats
        .by_attendee
        .iter()
        .map(|x| {
            let tally = derived::Tally {
                total: x.total,
                speeches: x.speeches,
            };
            (x.who, tally)
        })
        .collect();
    from_log.sort_by_key(|(who, _)| *who);
    prop_assert_eq!(tallies, from_log);
    // The speech going on, by its definition: the last in the log not ended.
    let current = s.entries.iter().rev().find_map(|e| match e.kind {
        EntryKind::Speech {
            speaker,
            ended_at: None,
        } => Some((e.id, speaker, e.at)),
        _ => None,
    });
    prop_assert_eq!(
        derived.current_speech().map(|c| (c.id, c.speaker, c.at)),
        current
    );
    // Each topic's entries, by their definition: in time order, ties by id.
    let topics: std::collections::HashSet<Option<AgendaId>> =
        s.entries.iter().map(|e| e.agenda_item).collect();
    let listed: std::collections::HashSet<Option<AgendaId>> =
        derived.topics_with_entries().collect();
    prop_assert_eq!(&listed, &topics);
    for topic in topics {
        let mut expected: Vec<_> = s
            .entries
            .iter()
            .filter(|e| e.agenda_item == topic)
            .map(|e| (e.at, e.id))
            .collect();
        expected.sort();
        prop_assert_eq!(derived.topic_entries(topic), &expected[..]);
    }
    Ok(())
}

proptest! {
    #[test]
    fn derived_state_follows_every_change_as_a_full_recomputation_says(
        s in session(),
        steps in proptest::collection::vec(step(), 0..30),
        now in timestamp(),
    ) {
        let mut s = s;
        let mut derived = Derived::of(&s);
        same_as_recomputed(&derived, &s, now)?;
        let (mut undo, mut redo): (Vec<Change>, Vec<Change>) = (Vec::new(), Vec::new());
        for step in steps {
            let (change, from_history) = match step {
                Step::Undo => (undo.pop(), Some(true)),
                Step::Redo => (redo.pop(), Some(false)),
                step => (change_for(&s, step), None),
            };
            let Some(change) = change else { continue };
            let before = s.clone();
            match change.clone().apply(&mut s) {
                Ok(inverse) => {
                    derived.applied(&change, &inverse, &s);
                    match from_history {
                        Some(true) => redo.push(inverse),
                        Some(false) => undo.push(inverse),
                        None => {
                            undo.push(inverse);
                            redo.clear();
                        }
                    }
                }
                // Refused: nothing changed, and nothing is followed.
                Err(_) => prop_assert_eq!(&s, &before),
            }
            same_as_recomputed(&derived, &s, now)?;
        }
    }
}

proptest! {
    /// The statistics view's figures, read from Derived, are those the log
    /// gives: totals, speeches, shares, and the order of the rows.
    #[test]
    fn statistics_add_up_to_the_speaking_time_of_the_log(s in session(), now in timestamp()) {
        let from_log = stats::speaking_time(&s, Some(now));
        let st = stats::Statistics::of(&s, &Derived::of(&s), now);
        prop_assert_eq!(st.total, from_log.total);
        prop_assert_eq!(st.by_person.len(), from_log.by_attendee.len());
        prop_assert_eq!(st.by_organisation.len(), from_log.by_organisation.len());
        let speeches: usize = from_log.by_attendee.iter().map(|x| x.speeches).sum();
        prop_assert_eq!(st.speeches, speeches);
        for rows in [&st.by_person, &st.by_organisation] {
            prop_assert_eq!(rows.iter().map(|r| r.total).sum::<chrono::Duration>(), st.total);
            prop_assert_eq!(rows.iter().map(|r| r.speeches).sum::<usize>(), st.speeches);
            let shares: f64 = rows.iter().map(|r| r.share).sum();
            if st.total > chrono::Duration::zero() {
                prop_assert!((shares - 1.0).abs() < 1e-9, "shares add up to {}", shares);
            } else {
                prop_assert_eq!(shares, 0.0);
            }
            for pair in rows.windows(2) {
                prop_assert!(
                    pair[0].total > pair[1].total
                        || (pair[0].total == pair[1].total && pair[0].name <= pair[1].name),
                    "{:?} before {:?}", pair[0], pair[1]
                );
            }
        }
        // Each person's figures are the log's for someone of that name.
        let mut from_log_people: Vec<(String, chrono::Duration, usize)> = from_log
            .by_attendee
            .iter()
            .map(|x| (s.attendee_name(x.who), x.total, x.speeches))
            .collect();
        let mut people: Vec<(String, chrono::Duration, usize)> = st
            .by_person
            .iter()
            .map(|r| (r.name.clone(), r.total, r.speeches))
            .collect();
        from_log_people.sort();
        people.sort();
        prop_assert_eq!(people, from_log_people);
        prop_assert_eq!(st.agenda.len(), s.agenda.len());
    }

    /// Never more present at a moment than stays on the roster, and every
    /// sample there.
    #[test]
    fn presence_counts_stay_within_the_roster(s in session(), now in timestamp(), samples in 0..300usize) {
        let Some(p) = stats::presence(&s, now, samples) else {
            prop_assert!(s.started_at.is_none());
            return Ok(());
        };
        prop_assert_eq!(p.counts.len(), samples.max(1));
        let stays: usize = s.attendees.iter().map(|a| a.stays().count()).sum();
        prop_assert!(p.peak <= stays);
        prop_assert_eq!(p.peak, p.counts.iter().copied().max().unwrap_or(0));
    }
}

proptest! {
    /// The statistics view draws any session (names of any characters,
    /// times from any era, open speeches) at any size and scroll.
    #[test]
    fn statistics_view_draws_any_session_at_any_size(
        s in session(),
        now in timestamp(),
        width in 0..130u16,
        height in 0..30u16,
        scroll in prop_oneof![Just(0u16), 0..40u16, Just(u16::MAX)],
    ) {
        let derived = Derived::of(&s);
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|frame| {
                let area = frame.area();
                minutes::ui::stats::render_stats(&s, &derived, now, &Default::default(), scroll, frame, area)
            })
            .unwrap();
        let rows = minutes::ui::stats::height(&s, &derived, now);
        prop_assert!(rows >= 4);
    }
}
