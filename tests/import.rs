//! `minutes import`: the parsers and planners of src/import.rs, without
//! files; `new --template`'s session. The command itself is in tests/cli.rs.

mod common;

use minutes::import::{
    BadLine, Column, Person, Topic, parse_agenda, parse_roster, plan_agenda, plan_roster,
};
use minutes::model::{AgendaStatus, Attendance, Change, Session};

fn names(people: &[Person]) -> Vec<(&str, Option<&str>, &str)> {
    people
        .iter()
        .map(|p| (p.name.as_str(), p.organisation.as_deref(), p.role.as_str()))
        .collect()
}

fn bad_lines(result: Result<impl std::fmt::Debug, Vec<BadLine>>) -> Vec<String> {
    result
        .expect_err("a bad file")
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn a_roster_without_a_header_is_name_organisation_role() {
    let people =
        parse_roster("Zhang Wei,NUS,Professor\n王丽\n\nAna Núñez,,Observer\n".as_bytes()).unwrap();
    assert_eq!(
        names(&people),
        [
            ("Zhang Wei", Some("NUS"), "Professor"),
            ("王丽", None, ""),
            ("Ana Núñez", None, "Observer"),
        ]
    );
    assert_eq!(people.iter().map(|p| p.line).collect::<Vec<_>>(), [1, 2, 4]);
}

#[test]
fn a_header_row_is_recognised_in_any_case_and_order() {
    let people =
        parse_roster("ROLE, Name ,Organization\nChair,Sam Okafor 🌻,UPF\n".as_bytes()).unwrap();
    assert_eq!(names(&people), [("Sam Okafor 🌻", Some("UPF"), "Chair")]);
    assert_eq!(people[0].line, 2);
}

#[test]
fn excels_bom_semicolons_quotes_and_crlf_are_read() {
    let file = "\u{feff}name;organisation;role\r\n\"Álvarez; José\";\"Peking University, 北京大学\";\"Says \"\"hi\"\"\"\r\n;;\r\n李娜;PKU;\r\n";
    let people = parse_roster(file.as_bytes()).unwrap();
    assert_eq!(
        names(&people),
        [
            (
                "Álvarez; José",
                Some("Peking University, 北京大学"),
                "Says \"hi\""
            ),
            ("李娜", Some("PKU"), ""),
        ]
    );
    // Commas in quotes do not make it a comma-separated file.
    let people = parse_roster("\"Wang, Li\",NUS\n".as_bytes()).unwrap();
    assert_eq!(names(&people), [("Wang, Li", Some("NUS"), "")]);
}

#[test]
fn trailing_empty_fields_are_what_a_spreadsheet_leaves() {
    let people = parse_roster("Anna Schäfer,Uni Wien,,,\n".as_bytes()).unwrap();
    assert_eq!(names(&people), [("Anna Schäfer", Some("Uni Wien"), "")]);
}

#[test]
fn each_bad_roster_row_is_reported_with_its_line_and_field() {
    let file = "Zhang Wei,NUS,Professor,zw@nus.edu\n,NUS,Observer\nok\nTab\there,,\n";
    assert_eq!(
        bad_lines(parse_roster(file.as_bytes())),
        [
            "line 1, field 4: too many fields: expected at most 3 (name, organisation, role), found 4",
            "line 2, field 1: the name is empty: expected a person's name",
            "line 4, field 1: a control character (such as a tab) in the field: expected text",
        ]
    );
}

#[test]
fn a_header_with_an_unknown_column_is_a_bad_line() {
    assert_eq!(
        bad_lines(parse_roster("name,email,name\nAna,a@b.c\n".as_bytes())),
        [
            "line 1, field 2: unknown column \"email\" in the header: expected name, organisation or role",
            "line 1, field 3: the column \"name\" is named twice in the header",
        ]
    );
    // With a header of two columns, a third field is one too many.
    assert_eq!(
        bad_lines(parse_roster("role,name\nChair,Ana,UPF\n".as_bytes())),
        ["line 2, field 3: too many fields: expected at most 2 (role, name), found 3"]
    );
}

#[test]
fn a_file_not_in_utf8_says_where_and_how_to_save_it() {
    // "Müller" in Latin-1, as Excel's plain "CSV" writes it in Western Europe.
    let bad = parse_roster(b"Ana,UPF\nJ\xfcrgen M\xfcller,Uni Wien\n").unwrap_err();
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0].line, 2);
    assert_eq!(bad[0].column, Some(Column::Char(2)));
    assert!(bad[0].message.contains("CSV UTF-8"), "{}", bad[0]);
}

fn titles(topics: &[Topic]) -> Vec<(&str, Option<&str>, u32)> {
    topics
        .iter()
        .map(|t| (t.title.as_str(), t.presenter.as_deref(), t.minutes))
        .collect()
}

#[test]
fn an_agenda_is_one_topic_per_line_with_presenter_and_minutes() {
    let file = "\u{feff}# The board, November\r\nOpening\r\n\r\n  Budget 预算 | 王丽 | 15 \r\nMinutes only | | 5\r\nPresenter only|Sam Okafor 🌻\n";
    let topics = parse_agenda(file.as_bytes()).unwrap();
    assert_eq!(
        titles(&topics),
        [
            ("Opening", None, 0),
            ("Budget 预算", Some("王丽"), 15),
            ("Minutes only", None, 5),
            ("Presenter only", Some("Sam Okafor 🌻"), 0),
        ]
    );
    assert_eq!(
        topics.iter().map(|t| t.line).collect::<Vec<_>>(),
        [2, 4, 5, 6]
    );
}

#[test]
fn each_bad_agenda_line_is_reported_with_its_line_and_column() {
    let file = "Opening | Ana | 5 | extra\n | Ana | 5\nBudget | | fifteen\nAOB | | 1441\nBreak | | -5\nFine\nTab\there\n";
    assert_eq!(
        bad_lines(parse_agenda(file.as_bytes())),
        [
            "line 1:19: too many `|`: expected TOPIC | PRESENTER | MINUTES, found 4 fields",
            "line 2:2: the topic is empty: expected TOPIC | PRESENTER | MINUTES",
            "line 3:12: \"fifteen\" is not a number of minutes: expected a whole number such as 15",
            "line 4:9: 1441 minutes is more than a day: expected at most 1440",
            "line 5:11: \"-5\" is not a number of minutes: expected a whole number such as 15",
            "line 7:1: a control character (such as a tab) in the line: expected text",
        ]
    );
}

fn now() -> minutes::model::Timestamp {
    common::t(0, 0)
}

fn applied(s: &Session, change: Option<Change>) -> Session {
    let mut s = s.clone();
    change.expect("a change").apply(&mut s).unwrap();
    assert_eq!(s.problems(), [], "a session that saves");
    s
}

#[test]
fn people_already_on_the_roster_or_twice_in_the_file_are_reported_not_added() {
    let s = common::before_meeting();
    let before = s.attendees.len();
    // The sample has 王丽 and José Álvarez Núñez; case, accents and spacing aside.
    let file = "王丽,PKU\n  jose  alvarez NUNEZ ,USAL\nWang Li,NUS,Professor\nZoë New,Universidad de Salamanca\nzoe new\nEmoji 🙂,Brand New Org\n";
    let plan = plan_roster(&s, parse_roster(file.as_bytes()).unwrap(), now());
    assert_eq!(plan.added, ["Wang Li", "Zoë New", "Emoji 🙂"]);
    assert_eq!(plan.already, ["王丽", "jose  alvarez NUNEZ"]);
    assert_eq!(plan.repeated, [("zoe new".to_string(), 5, 4)]);
    assert_eq!(plan.new_organisations, ["NUS", "Brand New Org"]);
    let after = applied(&s, plan.change);
    assert_eq!(after.attendees.len(), before + 3);
    let zoe = after
        .attendees
        .iter()
        .find(|a| a.name == "Zoë New")
        .unwrap();
    // Found by its full name: the session's code for it.
    assert_eq!(zoe.organisation.as_deref(), Some("USAL"));
    assert_eq!(zoe.attendance, Attendance::Expected);
    let wang = after
        .attendees
        .iter()
        .find(|a| a.name == "Wang Li")
        .unwrap();
    assert_eq!(wang.role, "Professor");
    assert_eq!(wang.organisation.as_deref(), Some("NUS"));
}

#[test]
fn nothing_new_is_no_change() {
    let s = common::before_meeting();
    let plan = plan_roster(&s, parse_roster("张伟\n".as_bytes()).unwrap(), now());
    assert_eq!(plan.change, None);
    assert_eq!(plan.already, ["张伟"]);
}

#[test]
fn presenters_are_found_on_the_roster_by_name_or_pinyin() {
    let s = common::before_meeting();
    let file = "Welcome | JOSÉ ÁLVAREZ NÚÑEZ | 5\nFunding | wang li | 20\nOpen questions\n";
    let plan = plan_agenda(&s, parse_agenda(file.as_bytes()).unwrap()).unwrap();
    let after = applied(&s, plan.change);
    let added: Vec<_> = after.agenda.iter().skip(s.agenda.len()).collect();
    assert_eq!(added.len(), 3);
    let name = |i: usize| added[i].presenter.map(|p| after.attendee_name(p));
    assert_eq!(name(0).as_deref(), Some("José Álvarez Núñez"));
    assert_eq!(name(1).as_deref(), Some("王丽"));
    assert_eq!(name(2), None);
    assert_eq!(added[1].planned_minutes, 20);
    assert!(added.iter().all(|t| t.status == AgendaStatus::Pending));
}

#[test]
fn an_unknown_or_ambiguous_presenter_is_a_bad_line_and_nothing_is_planned() {
    let mut s = common::before_meeting();
    let twin =
        minutes::model::Attendee::new(s.next_attendee_id(), "Anna Schafer", Attendance::Expected);
    s.attendees.push(twin);
    let file = "Good | 王丽\nBad | Nobody Here | 5\nTwins | anna schäfer\n";
    let lines = bad_lines(plan_agenda(&s, parse_agenda(file.as_bytes()).unwrap()));
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[0].starts_with("line 2: no one called \"Nobody Here\" on the roster"),
        "{lines:?}"
    );
    assert!(
        lines[1].starts_with("line 3: \"anna schäfer\" is the name of 2 people"),
        "{lines:?}"
    );
}

#[test]
fn topics_already_on_the_agenda_or_twice_in_the_file_are_reported_not_added() {
    let s = common::before_meeting();
    let existing = s.agenda[0].title.to_uppercase();
    let file = format!("{existing}\nNew topic\nnew  TOPIC\n");
    let plan = plan_agenda(&s, parse_agenda(file.as_bytes()).unwrap()).unwrap();
    assert_eq!(plan.added, ["New topic"]);
    assert_eq!(plan.already, [existing]);
    assert_eq!(plan.repeated, [("new  TOPIC".to_string(), 3, 2)]);
}

#[test]
fn a_template_gives_its_roster_and_agenda_reset_and_no_entries() {
    let template = common::sample();
    assert!(!template.entries.is_empty());
    let s = minutes::model::meeting::from_template(&template, "Board 董事会".into());
    assert_eq!(s.title, "Board 董事会");
    assert!(s.entries.is_empty());
    assert_eq!(s.started_at, None);
    assert_eq!(s.scheduled_start, None);
    assert_eq!(s.attendees.len(), template.attendees.len());
    assert!(
        s.attendees
            .iter()
            .all(|a| a.attendance == Attendance::Expected
                && a.joined_at.is_none()
                && a.left_at.is_none()
                && a.earlier.is_empty())
    );
    let titles = |s: &Session| s.agenda.iter().map(|t| t.title.clone()).collect::<Vec<_>>();
    assert_eq!(titles(&s), titles(&template));
    assert!(s.agenda.iter().all(|t| t.status == AgendaStatus::Pending
        && t.started_at.is_none()
        && t.ended_at.is_none()));
    assert_eq!(
        s.agenda
            .iter()
            .map(|t| (t.presenter, t.planned_minutes))
            .collect::<Vec<_>>(),
        template
            .agenda
            .iter()
            .map(|t| (t.presenter, t.planned_minutes))
            .collect::<Vec<_>>()
    );
    assert_eq!(s.chair, template.chair);
    assert_eq!(s.organisations, template.organisations);
    assert_eq!(s.problems(), []);
}

#[test]
fn line_numbers_count_the_blank_lines_before_a_row() {
    let bad = parse_roster("Ana\r\n\r\n\r\n,UPF\n\n\n\"Li\",a,b,c\n".as_bytes()).unwrap_err();
    assert_eq!(
        bad.iter().map(|b| b.line).collect::<Vec<_>>(),
        [4, 7],
        "{bad:?}"
    );
}
