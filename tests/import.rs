//! `minutes import`: the parsers and planners of src/import.rs, without
//! files; `new --template`'s session. The command itself is in tests/cli.rs.

mod common;

use minutes::import::{
    BadLine, Column, MAX_LENGTH, Person, Topic, parse_agenda, parse_roster, plan_agenda,
    plan_roster, read_agenda,
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
            "line 7:4: a control character (such as a tab) in the line: expected text",
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

#[test]
fn a_quote_never_closed_imports_nothing_and_says_where_it_opened() {
    for file in [
        "name,organisation,role\nAmy,USAL,x\n\"Zed,USAL,x\n",
        "name;organisation;role\nAmy;USAL;x\n\"Zed;USAL;x\n",
        "name,organisation,role\nAmy,USAL,x\n\"Zed,USAL,x",
        "name,organisation,role\r\nAmy,USAL,x\r\n\"Zed, 王丽,USAL,x\r\nLi,PKU\r\n",
    ] {
        assert_eq!(
            bad_lines(parse_roster(file.as_bytes())),
            [
                "line 3, field 1: a quote opened here is never closed: expected a closing quote before the end of the field"
            ],
            "{file:?}"
        );
    }
    // In a later field.
    assert_eq!(
        bad_lines(parse_roster("Amy,\"USAL,x\n".as_bytes())),
        [
            "line 1, field 2: a quote opened here is never closed: expected a closing quote before the end of the field"
        ]
    );
}

#[test]
fn a_line_break_inside_quotes_is_said_as_such() {
    let file = "Ana,\"Peking\nUniversity\",Prof\nLi,PKU\n";
    assert_eq!(
        bad_lines(parse_roster(file.as_bytes())),
        [
            "line 1, field 2: a line break inside quotes (the quote opened here closes on line 2): expected the field on one line"
        ]
    );
}

#[test]
fn text_after_a_closing_quote_is_a_bad_line() {
    assert_eq!(
        bad_lines(parse_roster(
            "\"Closed\" trailing,USAL\nAna,\"UPF\"x\n".as_bytes()
        )),
        [
            "line 1, field 1: text after the closing quote: expected the delimiter; quote the whole field or none of it",
            "line 2, field 2: text after the closing quote: expected the delimiter; quote the whole field or none of it",
        ]
    );
    // Spaces before the delimiter, and quotes doubled in quotes, are fine.
    let people =
        parse_roster("\"Núñez, Ana\"  ,\"UPF\" \n\"Say \"\"hi\"\"\",PKU\n".as_bytes()).unwrap();
    assert_eq!(
        names(&people),
        [
            ("Núñez, Ana", Some("UPF"), ""),
            ("Say \"hi\"", Some("PKU"), "")
        ]
    );
}

#[test]
fn a_session_file_is_neither_a_roster_nor_an_agenda() {
    let session = std::fs::read(common::sample_path()).unwrap();
    for bad in [
        bad_lines(parse_roster(&session)),
        bad_lines(parse_agenda(&session)),
    ] {
        assert_eq!(bad.len(), 1, "{bad:?}");
        assert!(
            bad[0].starts_with("line 1: this is a minutes session file, not a roster or agenda"),
            "{bad:?}"
        );
    }
    // A bare one, without the attribute line.
    let bare = "(\n  version: 1,\n  title: \"x\",\n)\n";
    assert_eq!(bad_lines(parse_roster(bare.as_bytes())).len(), 1);
    // A name in brackets is still a name.
    let people = parse_roster("(Ana) Núñez,UPF\n".as_bytes()).unwrap();
    assert_eq!(names(&people), [("(Ana) Núñez", Some("UPF"), "")]);
}

/// Before, finding each row's line counted from the start of the file: 100,000
/// rows took most of a minute.
#[test]
fn a_large_roster_is_read_whole_with_its_line_numbers() {
    let mut file = String::from("name;organisation;role\r\n");
    for i in 0..20_000 {
        file.push_str(&format!("Person {i} 王{i};ORG{};Role\r\n", i % 7));
        if i % 1000 == 0 {
            file.push_str(";;\r\n\r\n");
        }
    }
    file.push_str("Zoë Last;;\r\nPerson 7 王7;ORG0;\r\n");
    let people = parse_roster(file.as_bytes()).unwrap();
    assert_eq!(people.len(), 20_002);
    let last = people.last().unwrap();
    // 1 header, 20,000 rows, 20 rows of `;;` and 20 blank lines.
    assert_eq!((last.name.as_str(), last.line), ("Person 7 王7", 20_043));
    let s = common::before_meeting();
    let plan = plan_roster(&s, people, now());
    assert_eq!(plan.added.len(), 20_001);
    // Person 0 on line 2, then `;;` and a blank line.
    assert_eq!(plan.repeated, [("Person 7 王7".to_string(), 20_043, 11)]);
    assert_eq!(plan.new_organisations.len(), 7);
    let after = applied(&s, plan.change);
    assert_eq!(after.attendees.len(), s.attendees.len() + 20_001);
}

#[test]
fn line_numbers_count_lone_carriage_returns() {
    // Old Mac line endings: the reader takes them; so do the line numbers.
    let bad = parse_roster("Ana\r\rLi,PKU,Prof,extra\r".as_bytes()).unwrap_err();
    assert_eq!(bad.iter().map(|b| b.line).collect::<Vec<_>>(), [3]);
}

#[test]
fn full_width_letters_and_invisible_characters_do_not_make_another_person() {
    let s = common::before_meeting();
    // The sample has José Álvarez Núñez and 王丽.
    let file = "Ｊｏｓé Ａｌｖａｒｅｚ Ｎúñｅｚ\nJo\u{200B}sé Álva\u{00AD}rez Núñez\n王\u{200D}丽\nAna Nunez\nＡｎａ Ｎúñｅｚ\nAna\u{FEFF} Nu\u{200C}nez\n";
    let plan = plan_roster(&s, parse_roster(file.as_bytes()).unwrap(), now());
    assert_eq!(plan.added, ["Ana Nunez"]);
    assert_eq!(
        plan.already,
        ["Ｊｏｓé Ａｌｖａｒｅｚ Ｎúñｅｚ", "王\u{200D}丽"],
        "each once"
    );
    assert_eq!(
        plan.repeated,
        [
            ("Ａｎａ Ｎúñｅｚ".to_string(), 5, 4),
            ("Ana\u{FEFF} Nu\u{200C}nez".to_string(), 6, 4)
        ]
    );
    // Nothing to see is no name.
    assert_eq!(
        bad_lines(parse_roster("\u{200B}\u{00AD},UPF\n".as_bytes())),
        ["line 1, field 1: the name is empty: expected a person's name"]
    );
}

#[test]
fn a_person_on_the_roster_and_repeated_in_the_file_is_said_once() {
    let s = common::before_meeting();
    let plan = plan_roster(
        &s,
        parse_roster("王丽\nTaro 🎌\n王丽\n 王丽 ,PKU\n".as_bytes()).unwrap(),
        now(),
    );
    assert_eq!(plan.added, ["Taro 🎌"]);
    assert_eq!(plan.already, ["王丽"]);
    assert_eq!(plan.repeated, []);
}

#[test]
fn text_direction_controls_are_refused_in_names_and_topics() {
    // U+202E shows "Ana evil.exe" as "Ana exe.live".
    assert_eq!(
        bad_lines(parse_roster(
            "Ana \u{202E}exe.live,UPF\nLi,\u{2067}PKU\u{2069}\nOk 好,,Chair\n".as_bytes()
        )),
        [
            "line 1, field 1: a text direction control (U+202E) in the name: it would show differently from what it is; expected plain text",
            "line 2, field 2: a text direction control (U+2067) in the organisation: it would show differently from what it is; expected plain text",
        ]
    );
    assert_eq!(
        bad_lines(parse_agenda(
            "Budget \u{202A}x | | 5\nAOB | Li\u{2066}\nمرحبا بالعالم | | 5\n".as_bytes()
        )),
        [
            "line 1:8: a text direction control (U+202A) in the topic: it would show differently from what it is; expected plain text",
            "line 2:9: a text direction control (U+2066) in the presenter: it would show differently from what it is; expected plain text",
        ]
    );
}

#[test]
fn a_name_or_topic_too_long_is_refused() {
    let long = "名".repeat(MAX_LENGTH + 1);
    let fine = "é".repeat(MAX_LENGTH);
    let file = format!("{long},UPF\n{fine}\nAna,{long}\n");
    assert_eq!(
        bad_lines(parse_roster(file.as_bytes())),
        [
            "line 1, field 1: the name is 201 characters long: expected at most 200",
            "line 3, field 2: the organisation is 201 characters long: expected at most 200",
        ]
    );
    let file = format!("{fine}\n  {long} | | 5\nAOB | {long}\n");
    assert_eq!(
        bad_lines(parse_agenda(file.as_bytes())),
        [
            "line 2:3: the topic is 201 characters long: expected at most 200",
            "line 3:7: the presenter is 201 characters long: expected at most 200",
        ]
    );
}

#[test]
fn an_agenda_control_character_is_said_at_its_column() {
    assert_eq!(
        bad_lines(parse_agenda(
            "Pre\u{1b}[2Jpost | | 5\n王丽的 | Ana\u{7}\nOk | | 5\u{0}\n".as_bytes()
        )),
        [
            "line 1:4: a control character (such as a tab) in the line: expected text",
            "line 2:10: a control character (such as a tab) in the line: expected text",
            "line 3:9: a control character (such as a tab) in the line: expected text",
        ]
    );
}

#[test]
fn an_agenda_with_carriage_returns_alone_is_read_line_by_line() {
    let topics = parse_agenda("Opening\r\rBudget 预算 | | 15\rAOB\r".as_bytes()).unwrap();
    assert_eq!(
        titles(&topics),
        [
            ("Opening", None, 0),
            ("Budget 预算", None, 15),
            ("AOB", None, 0)
        ]
    );
    assert_eq!(topics.iter().map(|t| t.line).collect::<Vec<_>>(), [1, 3, 4]);
}

#[test]
fn an_agenda_not_in_utf8_is_told_to_be_saved_as_utf8_text() {
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("Budget\n".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    assert_eq!(
        bad_lines(parse_agenda(&utf16)),
        ["line 1: UTF-16 text, not UTF-8: save the file as UTF-8 text"]
    );
    let bad = bad_lines(parse_agenda(b"Opening\nM\xfcller | | 5\n"));
    assert_eq!(
        bad,
        ["line 2:2: not UTF-8 text; save the file as UTF-8 text"]
    );
    // A roster is told how Excel saves it.
    assert!(bad_lines(parse_roster(&utf16))[0].contains("CSV UTF-8"));
}

#[test]
fn an_agenda_gives_its_good_topics_and_its_bad_lines_together() {
    let s = common::before_meeting();
    let (topics, bad) =
        read_agenda("Fine | 王丽\nBudget | | fifteen\nAOB | Nobody Here\n".as_bytes());
    assert_eq!(
        bad.iter().map(|b| b.line).collect::<Vec<_>>(),
        [2],
        "{bad:?}"
    );
    let more = bad_lines(plan_agenda(&s, topics));
    assert_eq!(more.len(), 1);
    assert!(
        more[0].starts_with("line 3: no one called \"Nobody Here\""),
        "{more:?}"
    );
}

#[test]
fn a_space_before_an_opening_quote_is_a_bad_line() {
    // The reader would take the quote as text, and the comma in it as a
    // delimiter: "Ana", "\"Núñez" and "José\"".
    assert_eq!(
        bad_lines(parse_roster("Ana, \"Núñez, José\"\n".as_bytes())),
        [
            "line 1, field 2: a space before an opening quote, which makes the quote part of the text: expected the quote first in the field"
        ]
    );
    // Spaces around unquoted fields are trimmed, as before.
    let people = parse_roster("  Ana Núñez ,  UPF\n".as_bytes()).unwrap();
    assert_eq!(names(&people), [("Ana Núñez", Some("UPF"), "")]);
}
