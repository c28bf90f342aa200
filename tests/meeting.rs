//! Meeting operations and the quick-entry line, without a screen.

mod common;

use common::t;
use minutes::app::quick::{self, Intent};
use minutes::model::meeting::*;
use minutes::model::*;

/// Applies what `op` computes from the session as it is.
fn apply(s: &mut Session, op: impl FnOnce(&Session) -> Option<Change>) {
    op(s).expect("something to change").apply(s).unwrap();
}

const JOSE: AttendeeId = AttendeeId(5);
const WANG: AttendeeId = AttendeeId(1);

#[test]
fn switching_speaker_closes_the_previous_speech_with_its_duration() {
    let mut s = common::before_meeting();
    apply(&mut s, |s| {
        switch_speaker(s, &Derived::of(s), Some(JOSE), t(3, 0))
    });
    apply(&mut s, |s| {
        switch_speaker(s, &Derived::of(s), Some(WANG), t(7, 30))
    });
    let speeches: Vec<_> = s
        .entries
        .iter()
        .filter(|e| matches!(e.kind, EntryKind::Speech { .. }))
        .collect();
    assert_eq!(speeches.len(), 2);
    assert_eq!(
        speeches[0].speech_duration(),
        Some(chrono::Duration::seconds(270))
    );
    assert_eq!(Derived::of(&s).current_speaker(), Some(WANG));
    assert_eq!(speeches[1].at, t(7, 30));
}

#[test]
fn giving_the_floor_to_the_current_speaker_changes_nothing() {
    let mut s = common::before_meeting();
    apply(&mut s, |s| {
        switch_speaker(s, &Derived::of(s), Some(JOSE), t(3, 0))
    });
    assert_eq!(
        switch_speaker(&s, &Derived::of(&s), Some(JOSE), t(4, 0)),
        None
    );
}

#[test]
fn nobody_ends_the_speech() {
    let mut s = common::before_meeting();
    apply(&mut s, |s| {
        switch_speaker(s, &Derived::of(s), Some(JOSE), t(3, 0))
    });
    apply(&mut s, |s| {
        switch_speaker(s, &Derived::of(s), None, t(5, 0))
    });
    assert_eq!(Derived::of(&s).current_speaker(), None);
    assert_eq!(s.entries.len(), 1);
}

#[test]
fn a_speaker_not_yet_marked_is_marked_as_arrived() {
    let mut s = common::before_meeting();
    s.started_at = Some(t(3, 0));
    apply(&mut s, |s| {
        switch_speaker(s, &Derived::of(s), Some(WANG), t(10, 0))
    });
    let wang = s.attendee(WANG).unwrap();
    assert_eq!(
        (wang.attendance, wang.joined_at),
        (Attendance::Late, Some(t(10, 0)))
    );
}

#[test]
fn next_topic_ends_the_speech_and_the_topic_and_starts_the_meeting() {
    let mut s = common::before_meeting();
    apply(&mut s, |s| next_topic(s, &Derived::of(s), t(3, 0)));
    assert_eq!(
        s.started_at,
        Some(t(3, 0)),
        "the first topic starts the meeting"
    );
    assert_eq!(s.current_agenda_item().unwrap().id, AgendaId(1));
    apply(&mut s, |s| {
        switch_speaker(s, &Derived::of(s), Some(JOSE), t(4, 0))
    });
    apply(&mut s, |s| next_topic(s, &Derived::of(s), t(14, 0)));
    let first = s.agenda_item(AgendaId(1)).unwrap();
    assert_eq!(
        (first.status, first.started_at, first.ended_at),
        (AgendaStatus::Done, Some(t(3, 0)), Some(t(14, 0)))
    );
    assert_eq!(first.actual_duration(), Some(chrono::Duration::minutes(11)));
    assert_eq!(s.current_agenda_item().unwrap().id, AgendaId(2));
    assert_eq!(
        Derived::of(&s).current_speaker(),
        None,
        "changing topic ends the speech"
    );
    assert_eq!(
        s.entries[0].speech_duration(),
        Some(chrono::Duration::minutes(10))
    );
}

#[test]
fn next_topic_after_the_last_closes_it() {
    let mut s = common::before_meeting();
    s.agenda.truncate(1);
    apply(&mut s, |s| next_topic(s, &Derived::of(s), t(0, 0)));
    apply(&mut s, |s| next_topic(s, &Derived::of(s), t(5, 0)));
    assert_eq!(s.current_agenda_item(), None);
    assert_eq!(s.agenda[0].status, AgendaStatus::Done);
    assert_eq!(next_topic(&s, &Derived::of(&s), t(6, 0)), None);
}

#[test]
fn entries_belong_to_the_current_topic() {
    let mut s = common::before_meeting();
    apply(&mut s, |s| next_topic(s, &Derived::of(s), t(0, 0)));
    apply(&mut s, |s| next_topic(s, &Derived::of(s), t(1, 0)));
    log(&s, EntryKind::Decision, "x".into(), t(2, 0))
        .apply(&mut s)
        .unwrap();
    assert_eq!(s.entries.last().unwrap().agenda_item, Some(AgendaId(2)));
}

#[test]
fn arrival_is_present_before_the_start_and_late_after() {
    let mut s = common::before_meeting();
    arrive(&s, WANG, t(-2, 0)).unwrap().apply(&mut s).unwrap();
    assert_eq!(s.attendee(WANG).unwrap().attendance, Attendance::Present);
    s.started_at = Some(t(0, 0));
    arrive(&s, AttendeeId(3), t(12, 0))
        .unwrap()
        .apply(&mut s)
        .unwrap();
    let chen = s.attendee(AttendeeId(3)).unwrap();
    assert_eq!(
        (chen.attendance, chen.joined_at),
        (Attendance::Late, Some(t(12, 0)))
    );
}

#[test]
fn leaving_while_speaking_ends_the_speech() {
    let mut s = common::before_meeting();
    apply(&mut s, |s| {
        switch_speaker(s, &Derived::of(s), Some(JOSE), t(1, 0))
    });
    set_attendance(&s, &Derived::of(&s), JOSE, Attendance::Left, t(2, 0))
        .apply(&mut s)
        .unwrap();
    let jose = s.attendee(JOSE).unwrap();
    assert_eq!(
        (jose.attendance, jose.left_at),
        (Attendance::Left, Some(t(2, 0)))
    );
    assert_eq!(Derived::of(&s).current_speaker(), None);
}

#[test]
fn join_adds_a_person_and_an_unknown_organisation() {
    let mut s = common::before_meeting();
    s.started_at = Some(t(0, 0));
    join(
        &s,
        "Kim Min-jun".into(),
        Some("SNU".into()),
        "Guest".into(),
        true,
        t(20, 0),
    )
    .apply(&mut s)
    .unwrap();
    let kim = s.attendees.last().unwrap();
    assert_eq!(
        (kim.id, kim.organisation.as_deref(), kim.attendance),
        (AttendeeId(13), Some("SNU"), Attendance::Late)
    );
    assert_eq!(s.organisations.last().unwrap().code, "SNU");
    // A known organisation is found by name too, ignoring case and accents.
    join(
        &s,
        "Lena".into(),
        Some("universitat wien".into()),
        String::new(),
        true,
        t(21, 0),
    )
    .apply(&mut s)
    .unwrap();
    assert_eq!(
        s.attendees.last().unwrap().organisation.as_deref(),
        Some("UNIVIE")
    );
    assert_eq!(s.organisations.len(), 4);
    assert!(s.problems().is_empty());
}

#[test]
fn invited_people_are_expected_until_they_arrive() {
    let mut s = common::before_meeting();
    join(&s, "Lena".into(), None, String::new(), false, t(-30, 0))
        .apply(&mut s)
        .unwrap();
    let lena = s.attendees.last().unwrap();
    assert_eq!(
        (lena.attendance, lena.joined_at),
        (Attendance::Expected, None)
    );
}

#[test]
fn end_meeting_closes_everything() {
    let mut s = common::before_meeting();
    apply(&mut s, |s| next_topic(s, &Derived::of(s), t(0, 0)));
    apply(&mut s, |s| {
        switch_speaker(s, &Derived::of(s), Some(JOSE), t(1, 0))
    });
    apply(&mut s, |s| end_meeting(s, &Derived::of(s), t(9, 0)));
    assert_eq!(s.ended_at, Some(t(9, 0)));
    assert_eq!(Derived::of(&s).current_speaker(), None);
    assert_eq!(s.current_agenda_item(), None);
    assert_eq!(end_meeting(&s, &Derived::of(&s), t(10, 0)), None);
}

#[test]
fn names_match_without_accents_case_or_whole_words() {
    let s = common::before_meeting();
    assert_eq!(find_attendees(&s, "jose").first(), Some(&JOSE));
    assert_eq!(find_attendees(&s, "NUNEZ").first(), Some(&JOSE));
    assert_eq!(find_attendees(&s, "王").first(), Some(&WANG));
    assert_eq!(
        find_attendees(&s, "jmu").first(),
        Some(&AttendeeId(8)),
        "letters in order: J…M…u"
    );
    let pku: Vec<_> = find_attendees(&s, "pku");
    assert_eq!(
        pku.len(),
        4,
        "the organisation's code finds its people: {pku:?}"
    );
    assert!(find_attendees(&s, "zzz").is_empty());
}

// ------------------------------------------------------------ quick entry

fn parse(line: &str) -> Result<Intent, String> {
    let s = common::before_meeting();
    quick::parse(line, &s, &FoldedRoster::new(&s), t(0, 0))
}

fn logged(line: &str) -> (EntryKind, String) {
    match parse(line) {
        Ok(Intent::Log { kind, text }) => (kind, text),
        other => panic!("{line:?} gave {other:?}"),
    }
}

#[test]
fn markers_make_kinds() {
    assert_eq!(
        logged("plain words"),
        (EntryKind::Note, "plain words".into())
    );
    assert_eq!(
        logged("d: We adopt CC0"),
        (EntryKind::Decision, "We adopt CC0".into())
    );
    assert_eq!(
        logged("c: Reuse is strong"),
        (EntryKind::Conclusion, "Reuse is strong".into())
    );
    assert_eq!(
        logged("p: Shared statistics?"),
        (EntryKind::Discussion, "Shared statistics?".into())
    );
    assert_eq!(
        logged("n: d: is a marker"),
        (EntryKind::Note, "d: is a marker".into())
    );
    assert_eq!(
        parse("s: Welcomed all"),
        Ok(Intent::Summary {
            text: "Welcomed all".into(),
            previous: false
        })
    );
    assert_eq!(
        parse("s-:Hall rent rises 8%"),
        Ok(Intent::Summary {
            text: "Hall rent rises 8%".into(),
            previous: true
        })
    );
    assert_eq!(
        logged("dear all"),
        (EntryKind::Note, "dear all".into()),
        "a word is not a marker"
    );
    assert_eq!(
        logged("d We adopt CC0"),
        (EntryKind::Note, "d We adopt CC0".into()),
        "a letter without its colon is text"
    );
    assert_eq!(
        logged("RESOLVED: We adopt CC0"),
        (EntryKind::Decision, "We adopt CC0".into()),
        "the words W3C scribes use"
    );
    assert_eq!(
        logged("Budget: see the annex"),
        (EntryKind::Note, "Budget: see the annex".into())
    );
}

#[test]
fn an_action_takes_its_owner_and_due_date_from_the_line() {
    let (kind, text) = logged("a: Send the slides @josé due:2026-12-01 to all");
    assert_eq!(
        kind,
        EntryKind::Action {
            owner: Some(JOSE),
            due: chrono::NaiveDate::from_ymd_opt(2026, 12, 1),
            done: false
        }
    );
    assert_eq!(text, "Send the slides to all");
    let (kind, _) = logged("a: Draft @王丽");
    assert_eq!(
        kind,
        EntryKind::Action {
            owner: Some(WANG),
            due: None,
            done: false
        }
    );
    let (kind, _) = logged("a: Completed tab @Anna_Schäfer");
    assert!(matches!(
        kind,
        EntryKind::Action {
            owner: Some(AttendeeId(9)),
            ..
        }
    ));
}

#[test]
fn a_question_records_who_asked() {
    let (kind, text) = logged("q: Is it IIIF 3? @jurgen");
    assert_eq!(
        kind,
        EntryKind::Question {
            by: Some(AttendeeId(8))
        }
    );
    assert_eq!(text, "Is it IIIF 3?");
}

#[test]
fn bad_lines_give_a_sentence_not_a_panic() {
    let err = |line: &str| parse(line).unwrap_err();
    assert!(err("a: Send @nobody").contains("no one on the roster matches \"nobody\""));
    assert!(err("a: Send due:someday").contains("due:2026-12-15"));
    assert!(err("a: Send @jose @wang").contains("one person"));
    assert!(err("d: ").contains("nothing to log"));
    assert!(err("s:").contains("nothing to add"));
    assert!(err("/frobnicate").contains("not a command"));
    assert_eq!(
        parse("/s"),
        Ok(Intent::Speaker(None)),
        "/s alone: nobody has the floor"
    );
    assert!(err("/late").contains("needs a name"));
}

#[test]
fn commands_parse_with_aliases_and_prefixes() {
    assert_eq!(parse("/s jose"), Ok(Intent::Speaker(Some(JOSE))));
    assert_eq!(parse("/speaker"), Ok(Intent::Speaker(None)));
    assert_eq!(parse("/n"), Ok(Intent::NextTopic));
    assert_eq!(
        parse("/topic Budget 2027 15"),
        Ok(Intent::AddTopic {
            title: "Budget 2027".into(),
            minutes: 15,
            presenter: None
        })
    );
    assert_eq!(
        parse("/t AOB 10m @jose"),
        Ok(Intent::AddTopic {
            title: "AOB".into(),
            minutes: 10,
            presenter: Some(JOSE)
        })
    );
    assert_eq!(
        parse("/topic Budget 2027"),
        Ok(Intent::AddTopic {
            title: "Budget".into(),
            minutes: 2027,
            presenter: None
        })
    );
    assert_eq!(
        parse("/join Kim Min-jun, SNU, Guest speaker"),
        Ok(Intent::Join {
            name: "Kim Min-jun".into(),
            organisation: Some("SNU".into()),
            role: "Guest speaker".into(),
            here: true
        })
    );
    assert_eq!(
        parse("/invite Lena"),
        Ok(Intent::Join {
            name: "Lena".into(),
            organisation: None,
            role: String::new(),
            here: false
        })
    );
    assert_eq!(
        parse("/org SNU, Seoul National University"),
        Ok(Intent::Organisation {
            code: "SNU".into(),
            name: "Seoul National University".into()
        })
    );
    assert!(parse("/org PKU").unwrap_err().contains("already"));
    assert_eq!(parse("/late 陈"), Ok(Intent::Arrived(AttendeeId(3))));
    assert_eq!(parse("/left inigo"), Ok(Intent::Left(AttendeeId(7))));
    assert_eq!(parse("/sta"), Ok(Intent::Start));
    assert_eq!(parse("/end"), Ok(Intent::End));
}

#[test]
fn tab_completes_commands_and_names() {
    let s = common::before_meeting();
    let complete = |line| quick::complete(line, &s, &FoldedRoster::new(&s));
    assert_eq!(complete("/jo").as_deref(), Some("/join "));
    assert_eq!(complete("/s"), None, "ambiguous: speaker, start, secretary");
    assert_eq!(complete("/late ome").as_deref(), Some("/late Ömer Yıldız"));
    assert_eq!(
        complete("a: Send slides @mar").as_deref(),
        Some("a: Send slides @María_Fernández ")
    );
    assert_eq!(complete("plain"), None);
}

#[test]
fn an_entry_unparses_to_a_line_that_parses_back() {
    let s = common::before_meeting();
    for line in [
        "d: We adopt CC0",
        "a: Send slides @José_Álvarez_Núñez due:2026-12-01",
        "q: Why? @王丽",
        "p: Point",
        "n: d: is a marker",
        "n: /not a command",
        "plain",
    ] {
        let Ok(Intent::Log { kind, text }) =
            quick::parse(line, &s, &FoldedRoster::new(&s), t(0, 0))
        else {
            panic!("{line}")
        };
        assert_eq!(quick::unparse(&kind, &text, &s), line);
    }
}

#[test]
fn a_follow_up_session_keeps_the_roster_and_carries_open_actions() {
    let previous = common::sample();
    let next = follow_up(&previous, "Session 5".into());
    assert_eq!(next.title, "Session 5");
    assert_eq!(next.series, previous.series);
    assert_eq!(next.organisations, previous.organisations);
    assert_eq!(next.attendees.len(), previous.attendees.len());
    assert!(
        next.attendees
            .iter()
            .all(|a| a.attendance == Attendance::Expected && a.joined_at.is_none())
    );
    assert_eq!(
        (next.chair, next.secretary),
        (previous.chair, previous.secretary)
    );
    assert!(next.agenda.is_empty() && next.started_at.is_none());
    // The sample has six action items, one of them done.
    assert_eq!(next.entries.len(), 5);
    assert!(
        next.entries
            .iter()
            .all(|e| matches!(e.kind, EntryKind::Action { done: false, .. }))
    );
    // Where they come from is said by a field, not written into their text;
    // carried again, they keep the day they were first agreed.
    assert_eq!(
        next.entries[0].text,
        previous
            .entries
            .iter()
            .find(|e| matches!(e.kind, EntryKind::Action { done: false, .. }))
            .unwrap()
            .text
    );
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 19);
    assert!(next.entries.iter().all(|e| e.carried_over == day));
    // An action logged in a meeting never started nor scheduled is carried
    // over too, from the day it was logged.
    let mut next = next;
    let mut late = next.entries[0].clone();
    late.id = next.next_entry_id();
    late.carried_over = None;
    late.text = "logged in the unstarted meeting".into();
    late.at = common::t(600, 0);
    next.entries.push(late);
    let third = follow_up(&next, "Third".into());
    let logged = third
        .entries
        .iter()
        .find(|e| e.text == "logged in the unstarted meeting")
        .unwrap();
    assert_eq!(logged.carried_over, Some(common::t(600, 0).date_naive()));
    assert!(
        third.entries[..5]
            .iter()
            .all(|e| e.carried_over == day && e.text == next.entries[e.id.0 as usize - 1].text)
    );
    assert!(next.problems().is_empty());
}

#[test]
fn an_organisation_known_only_by_its_code_is_not_named_twice() {
    let mut s = common::before_meeting();
    join(
        &s,
        "Kim".into(),
        Some("SNU".into()),
        String::new(),
        true,
        t(0, 0),
    )
    .apply(&mut s)
    .unwrap();
    let text = minutes::export::export(&s, minutes::export::Format::Text);
    assert!(text.lines().any(|l| l == "SNU"), "{text}");
    assert!(!text.contains("SNU (SNU)"));
}

#[test]
fn arriving_again_changes_nothing() {
    let mut s = common::before_meeting();
    arrive(&s, WANG, t(-2, 0)).unwrap().apply(&mut s).unwrap();
    assert_eq!(
        arrive(&s, WANG, t(20, 0)),
        None,
        "the first arrival time stays"
    );
}

#[test]
fn a_name_of_invisible_characters_is_refused_as_blank() {
    for command in ["/join", "/invite"] {
        let blank = parse(&format!("{command} ")).unwrap_err();
        assert!(blank.contains("needs a name"), "{blank}");
        for name in [
            "\u{200b}",
            "\u{200c}\u{200d}",
            "\u{2060}",
            "\u{feff}",
            "\u{301}",
            "\u{200b} \u{feff}\u{301}",
            "\u{200b}, PKU, Observer",
        ] {
            assert_eq!(
                parse(&format!("{command} {name}")),
                Err(blank.clone()),
                "{command} {name:?}"
            );
        }
    }
    // Invisible characters beside visible ones are part of a name.
    assert!(matches!(parse("/join Zoe\u{308}"), Ok(Intent::Join { .. })));
    assert!(matches!(
        parse("/join \u{200b}Lena"),
        Ok(Intent::Join { .. })
    ));
}

// ------------------------------------------------------------ searching the roster

#[test]
fn a_search_ranks_by_how_the_name_matches_then_who_is_here() {
    let s = common::mixed_roster();
    let ids: Vec<u32> = find_attendees(&s, "an").iter().map(|id| id.0).collect();
    assert_eq!(ids, common::MIXED_ORDER_FOR_AN);
    let everyone: Vec<u32> = find_attendees(&s, " ").iter().map(|id| id.0).collect();
    assert_eq!(
        everyone,
        [2, 3, 4, 6, 7, 8, 9, 1, 5],
        "no query: everyone, those here first"
    );
}

/// The search as first written: each name folded and ranked, then sorted.
fn find_attendees_by_sorting(s: &Session, query: &str) -> Vec<AttendeeId> {
    let q = fold(query.trim());
    let affiliation = |a: &Attendee| {
        a.organisation
            .as_deref()
            .is_some_and(|o| fold(o).starts_with(&q))
            || fold(&a.role).split_whitespace().any(|w| w.starts_with(&q))
    };
    let in_order = |name: &str| {
        let mut hay = name.chars();
        q.chars()
            .filter(|c| !c.is_whitespace())
            .all(|c| hay.any(|h| h == c))
    };
    let mut found: Vec<(u8, bool, usize, AttendeeId)> = s
        .attendees
        .iter()
        .enumerate()
        .filter_map(|(i, a)| {
            let name = fold(&a.name);
            let rank = if q.is_empty() {
                4
            } else if name == q {
                0
            } else if name.starts_with(&q) {
                1
            } else if name.split_whitespace().any(|w| w.starts_with(&q)) {
                2
            } else if name.contains(&q) {
                3
            } else if in_order(&name) {
                4
            } else if affiliation(a) {
                5
            } else {
                return None;
            };
            let away = !a.attendance.attended() || a.attendance == Attendance::Left;
            Some((rank, away, i, a.id))
        })
        .collect();
    found.sort();
    found.into_iter().map(|(.., id)| id).collect()
}

mod search {
    use super::*;
    use proptest::prelude::*;

    const WORDS: &[&str] = &[
        "José", "Núñez", "jo", "An", "anna", "Ana_Lu", "王丽", "王", "ZOË", "Ömer", "n",
    ];

    fn words(max: usize) -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(WORDS), 0..max).prop_map(|w| w.join(" "))
    }

    fn roster() -> impl Strategy<Value = Session> {
        let person = (
            words(4),
            prop::option::of(prop::sample::select(&["PKU", "USAL", "An"][..])),
            words(2),
            common::attendance(),
        );
        prop::collection::vec(person, 0..24).prop_map(|people| {
            let mut s = Session::new("Search");
            s.attendees = people
                .into_iter()
                .enumerate()
                .map(|(i, (name, org, role, attendance))| Attendee {
                    id: AttendeeId(100 - i as u32),
                    name,
                    organisation: org.map(str::to_string),
                    role,
                    attendance,
                    joined_at: None,
                    left_at: None,
                    earlier: Vec::new(),
                })
                .collect();
            s
        })
    }

    fn query() -> impl Strategy<Value = String> {
        prop_oneof![words(3), "[ anjosezöÑ_王]{0,4}"]
    }

    proptest! {
        #[test]
        fn a_search_gives_the_order_a_sort_would(s in roster(), q in query()) {
            prop_assert_eq!(find_attendees(&s, &q), find_attendees_by_sorting(&s, &q));
        }
    }
}

#[test]
fn two_hundred_real_note_lines_all_stay_notes_word_for_word() {
    let corpus = include_str!("data/notes_corpus.txt");
    let lines: Vec<&str> = corpus.lines().collect();
    assert!(lines.len() >= 200, "{} lines", lines.len());
    for line in lines {
        assert_eq!(
            parse(line),
            Ok(Intent::Log {
                kind: EntryKind::Note,
                text: line.trim().to_string()
            }),
            "{line:?}"
        );
    }
}

#[test]
fn every_marker_and_its_words_make_their_kind() {
    let decision = (EntryKind::Decision, "Budget approved".to_string());
    for line in [
        "d: Budget approved",
        "d:Budget approved",
        "decision: Budget approved",
        "RESOLVED: Budget approved",
        "agreed:  Budget approved ",
    ] {
        assert_eq!(logged(line), decision, "{line}");
    }
    let kinds = [
        ("c: x", EntryKind::Conclusion),
        ("conclusion: x", EntryKind::Conclusion),
        ("p: x", EntryKind::Discussion),
        ("discussion: x", EntryKind::Discussion),
        ("q: x", EntryKind::Question { by: None }),
        ("Question: x", EntryKind::Question { by: None }),
        ("n: x", EntryKind::Note),
        ("note: x", EntryKind::Note),
    ];
    for (line, kind) in kinds {
        assert_eq!(logged(line), (kind, "x".into()), "{line}");
    }
    let open_action = EntryKind::Action {
        owner: None,
        due: None,
        done: false,
    };
    for line in ["a: x", "action: x", "ACTION: x", "Todo: x"] {
        assert_eq!(logged(line), (open_action.clone(), "x".into()), "{line}");
    }
    for (line, previous) in [("s: x", false), ("summary: x", false), ("s-: x", true)] {
        assert_eq!(
            parse(line),
            Ok(Intent::Summary {
                text: "x".into(),
                previous
            }),
            "{line}"
        );
    }
}

#[test]
fn a_marker_key_replaces_the_marker_of_the_line_being_typed() {
    use minutes::app::quick::{Marked, with_marker};
    assert_eq!(
        with_marker("Budget approved", Marked::Decision),
        "d: Budget approved"
    );
    assert_eq!(
        with_marker("d: Budget approved", Marked::Action),
        "a: Budget approved"
    );
    assert_eq!(
        with_marker("RESOLVED: Budget approved", Marked::Note),
        "Budget approved"
    );
    assert_eq!(
        with_marker("n: d: is a marker", Marked::Note),
        "n: d: is a marker",
        "a note that reads as marked keeps its n:"
    );
    assert_eq!(with_marker("/next", Marked::Note), "n: /next");
}

#[test]
fn changing_an_entry_kind_keeps_the_person_it_names() {
    use minutes::app::quick::Marked;
    let action = EntryKind::Action {
        owner: Some(JOSE),
        due: chrono::NaiveDate::from_ymd_opt(2026, 12, 1),
        done: false,
    };
    assert_eq!(
        Marked::Question.convert(&action),
        Some(EntryKind::Question { by: Some(JOSE) })
    );
    assert_eq!(Marked::Action.convert(&action), Some(action.clone()));
    assert_eq!(
        Marked::Action.convert(&EntryKind::Question { by: Some(WANG) }),
        Some(EntryKind::Action {
            owner: Some(WANG),
            due: None,
            done: false
        })
    );
    assert_eq!(Marked::Decision.convert(&action), Some(EntryKind::Decision));
    let speech = EntryKind::Speech {
        speaker: JOSE,
        ended_at: None,
    };
    assert_eq!(
        Marked::Note.convert(&speech),
        None,
        "a speech stays a speech"
    );
}

#[test]
fn entries_logged_after_the_end_are_exported_in_a_section_of_their_own() {
    let mut s = common::sample();
    let end = s.ended_at.unwrap();
    let later = end + chrono::Duration::minutes(3);
    minutes::model::meeting::log(&s, EntryKind::Note, "Minutes to be approved".into(), later)
        .apply(&mut s)
        .unwrap();
    let text = minutes::export::export(&s, minutes::export::Format::Text);
    let heading = format!("After the meeting (ended {})", end.format("%H:%M"));
    let at = text.find(&heading).unwrap_or_else(|| panic!("{text}"));
    let note = text.find("Minutes to be approved").unwrap();
    assert!(note > at, "{text}");
    assert_eq!(text.matches("Minutes to be approved").count(), 1);
}

#[test]
fn a_transcripts_q_and_a_and_other_capital_letters_stay_notes() {
    for line in [
        "A: No, under 5,000 EUR",
        "Q: Is the budget enough?",
        "D: that was a long day",
        "S: thanks",
        "Decided: not yet, see next meeting",
        "Point: of order",
    ] {
        assert_eq!(logged(line), (EntryKind::Note, line.into()), "{line}");
    }
}

/// `/speaker` alone with no one speaking said "already speaking" (found by
/// a new user): it says that no one has the floor; and `/speaker NAME` for
/// the one speaking says they have it already.
#[test]
fn speaker_when_nothing_changes_says_who_has_the_floor() {
    use common::drive::{app_on, enter, said};
    let (_dir, mut app) = app_on(common::before_meeting());
    enter(&mut app, "/speaker", t(0, 0));
    assert_eq!(said(&app), "No one has the floor");
    let name = app
        .store
        .session()
        .attendees
        .iter()
        .next()
        .unwrap()
        .name
        .clone();
    enter(&mut app, &format!("/speaker {name}"), t(0, 1));
    enter(&mut app, &format!("/speaker {name}"), t(0, 2));
    assert_eq!(said(&app), format!("{name} has the floor already"));
}
