//! The written report (`--template report`): a narrative of the meeting
//! from its minutes, in every format (its snapshots are with the other
//! built-in templates', in tests/export.rs).

mod common;

use minutes::export::{self, Format, Options, TemplateRef};
use minutes::model::Session;
use unicode_width::UnicodeWidthStr;

use common::sample;

const FORMATS: [Format; 3] = [Format::Text, Format::Markdown, Format::Html];

fn report(s: &Session, format: Format) -> String {
    report_with(s, format, Options::default())
}

fn report_with(s: &Session, format: Format, options: Options) -> String {
    let template = TemplateRef::Builtin("report".into());
    export::render(s, format, &template, options).expect("the built-in report renders")
}

#[test]
fn it_reads_as_prose_who_hosted_chaired_and_took_the_minutes() {
    let mut s = sample();
    s.host = Some("USAL".into());
    let md = report(&s, Format::Markdown);
    for said in [
        "On Thursday 19 November 2026, eleven participants from Peking University 北京大学, \
         Universidad de Salamanca, Universität Wien and elsewhere met on Zoom",
        "It was hosted by Universidad de Salamanca and chaired by José Álvarez Núñez \
         (Professor of Documentation, Universidad de Salamanca).",
        "Anna Schäfer (Project coordinator, Universität Wien) took the minutes.",
        "## Welcome\n\nJosé Álvarez Núñez opened the meeting and welcomed the participants",
        "The programme covered five topics:",
        "王丽 (Professor, Digital Humanities Centre, Peking University 北京大学) presented \
         the open-collections pilot: 18 000 objects",
        "李娜 (Head librarian, Peking University 北京大学) could not attend.",
        "## Next steps\n\nThe participants agreed on six next steps:",
        "*Text: Anna Schäfer. Editing: José Álvarez Núñez. Photos: 张伟.*",
    ] {
        assert!(md.contains(said), "{said:?} in\n{md}");
    }
    // A host given by name, not an organisation's code, is named as given.
    s.host = Some("the Europeana Foundation".into());
    assert!(report(&s, Format::Markdown).contains("It was hosted by the Europeana Foundation"));
}

#[test]
fn everyone_is_introduced_once_then_named() {
    let md = report(&sample(), Format::Markdown);
    assert_eq!(md.matches("王丽 (Professor").count(), 1, "{md}");
    assert!(md.contains("王丽 added: Manifests are IIIF Presentation 3.0"));
    assert_eq!(md.matches("Jürgen Müller (Associate professor").count(), 1);
}

/// A speech's summary is the secretary's words, not the speaker's: it is
/// reported speech, never in quotation marks; a summary that names its
/// speaker first is not preceded by the name again.
#[test]
fn speeches_are_reported_and_decisions_quoted_in_time_order() {
    let md = report(&sample(), Format::Markdown);
    for said in [
        "Anna Schäfer went through the practical arrangements:",
        "张伟 (Lecturer, Peking University 北京大学) showed the usage dashboard",
        "陈静 (PhD candidate, Peking University 北京大学) described the PKU mapping",
        "The participants decided: “Metadata published by the project will be released \
         under CC0 by all three partners.”",
        "- “Metadata published by the project will be released under CC0 by all three \
         partners.” (decision on “Licensing and rights statements”)",
    ] {
        assert!(md.contains(said), "{said:?} in\n{md}");
    }
    assert!(
        !md.contains("“Presented") && !md.contains("“Went through"),
        "{md}"
    );
    // The question at 14:35 comes before the answer at 14:36.
    let question = md.find("asked: “Are the IIIF manifests version 3").unwrap();
    let answer = md
        .find("王丽 added: Manifests are IIIF Presentation 3.0")
        .unwrap();
    assert!(question < answer, "{md}");
}

#[test]
fn what_was_agreed_is_quoted_as_written_and_notes_are_left_out() {
    let s = sample();
    let md = report(&s, Format::Markdown);
    assert!(md.contains(
        "张伟, by 10 December 2026: “Share the usage dashboard definitions with the partners.”"
    ));
    // A note is the secretary's, not part of the story.
    assert!(!md.contains("joined at 14:12"), "{md}");
}

/// The report is for publication: what is confidential is never in it,
/// whether or not `--public` was given.
#[test]
fn the_report_never_has_confidential_entries() {
    let mut s = sample();
    let i = s
        .entries
        .iter()
        .position(|e| e.text.starts_with("Metadata published by the project"))
        .unwrap();
    s.entries.get_mut(i).unwrap().confidential = true;
    let public = Options {
        public: true,
        ..Options::default()
    };
    let action = s
        .entries
        .iter()
        .position(|e| e.text.starts_with("Share the usage dashboard"))
        .unwrap();
    s.entries.get_mut(action).unwrap().confidential = true;
    for format in FORMATS {
        for options in [Options::default(), public] {
            let text = report_with(&s, format, options);
            assert!(!text.contains("released under CC0"), "{text}");
            assert!(!text.contains("usage dashboard definitions"), "{text}");
            assert!(text.contains("five next steps"), "{text}");
        }
    }
}

#[test]
fn user_text_is_escaped_in_html_and_markdown() {
    let mut s = sample();
    s.title = "<script>alert(1)</script> & *bold*".into();
    s.entries.get_mut(0).unwrap().text =
        "<img src=x onerror=alert(1)> [link](http://x) `code`".into();
    let html = report(&s, Format::Html);
    assert!(
        !html.contains("<script>alert") && !html.contains("<img"),
        "{html}"
    );
    assert!(html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt; &amp; *bold*"));
    let md = report(&s, Format::Markdown);
    assert!(
        md.starts_with("# \\<script\\>alert(1)\\</script\\> \\& \\*bold\\*"),
        "{md}"
    );
    assert!(!md.contains("[link](http://x)"), "{md}");
}

#[test]
fn every_text_line_fits_80_columns() {
    let mut s = sample();
    s.host = Some("PKU".into());
    for line in report(&s, Format::Text).lines() {
        assert!(line.width() <= 80, "{} columns: {line}", line.width());
    }
}

#[test]
fn an_empty_session_has_a_short_report_in_every_format() {
    let s = Session::new("Board meeting 董事会");
    for format in FORMATS {
        let text = report(&s, format);
        assert!(text.contains("Board meeting 董事会"), "{text}");
        assert!(
            !text.contains("Next steps") && !text.contains("Welcome"),
            "{text}"
        );
    }
}

/// A follow-up meeting agreed nothing yet: what it carries over is still
/// open from earlier meetings, not "agreed on five next steps"; and a
/// meeting with no date begins its first sentence with a capital.
#[test]
fn carried_over_actions_are_still_open_not_newly_agreed() {
    let next = minutes::model::meeting::follow_up(&sample(), "Session 5".into());
    for format in FORMATS {
        let text = report(&next, format);
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(!flat.contains("agreed on"), "{text}");
        assert!(flat.contains("Still open from earlier meetings:"), "{text}");
        assert!(
            flat.contains("(carried over from 19 November 2026)"),
            "{text}"
        );
        assert!(
            flat.contains("Twelve participants") || flat.contains("The participants"),
            "{text}"
        );
    }
}

/// A report template of the user's gets the public minutes too: the
/// report is for publication, whoever's template writes it.
#[test]
fn a_report_template_of_ones_own_never_sees_confidential_entries() {
    let mut s = sample();
    s.entries.get_mut(0).unwrap().confidential = true;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.md.j2");
    std::fs::write(&path, "public={{ public }}{% for t in topics %}{% for g in t.groups %}{% for e in g.entries %}|{{ e.text }}{% endfor %}{% endfor %}{% endfor %}\n").unwrap();
    let out = export::render(
        &s,
        Format::Markdown,
        &TemplateRef::File(path),
        Options::default(),
    )
    .unwrap();
    assert!(out.starts_with("public=True"), "{out}");
    assert!(!out.contains("Welcomed the participants"), "{out}");
}

/// An action carried over and since done is not "still open".
#[test]
fn a_carried_over_action_since_done_is_told_as_done() {
    let mut next = minutes::model::meeting::follow_up(&sample(), "Session 5".into());
    if let minutes::model::EntryKind::Action { done, .. } =
        &mut next.entries.get_mut(0).unwrap().kind
    {
        *done = true;
    }
    let md = report(&next, Format::Markdown);
    let still = md.find("Still open from earlier meetings:").unwrap();
    let since = md.find("Done since, from earlier meetings:").unwrap();
    let first = md.find(&next.entries[0].text).unwrap();
    assert!(still < since && since < first, "{md}");
    assert!(!md.contains("(already done)"), "{md}");
}
