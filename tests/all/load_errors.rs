//! Bad input gets a clear error naming the file, the line and what was expected.

use std::path::Path;
use tsunagu::core::model::Lang;

use tsunagu::core::load::{LoadError, read_text};
use tsunagu::core::validate::{Severity, check_file, check_text};

use crate::common::{line_of, repo, temp_dir};

fn sample() -> String {
    std::fs::read_to_string(repo().join("scenarios/first-meeting.ron")).expect("sample")
}

#[test]
fn a_mistyped_field_is_reported_at_its_line_with_the_expected_fields() {
    let text = sample().replacen("once: true", "onse: true", 1);
    let line = line_of(&text, "onse: true");
    let checked = check_text(Path::new("broken.ron"), &text);
    let p = &checked.problems[0];
    assert_eq!(p.severity, Severity::Error);
    assert_eq!(p.pos.map(|p| p.line), Some(line));
    let shown = p.render(Lang::En);
    assert!(shown.starts_with(&format!("broken.ron:{line}:")), "{shown}");
    assert!(shown.contains("unknown field `onse`"), "{shown}");
    assert!(
        shown.contains("`once`") && shown.contains("`goto`"),
        "{shown}"
    );
    assert!(!checked.is_playable());
}

#[test]
fn a_dangling_goto_names_the_id_and_where_it_is_referenced() {
    let text = sample().replacen("goto: \"plan\"", "goto: \"plann\"", 1);
    let line = line_of(&text, "id: \"plan_now\"");
    let checked = check_text(Path::new("s.ron"), &text);
    let p = checked.errors().next().expect("an error");
    assert!(
        p.message(Lang::En).contains("no node named `plann`"),
        "{p:?}"
    );
    assert_eq!(p.node.as_deref(), Some("hub"));
    assert_eq!(p.choice.as_deref(), Some("plan_now"));
    assert_eq!(p.pos.map(|p| p.line), Some(line));
}

#[test]
fn a_truncated_scenario_is_refused_with_line_and_column() {
    let text = sample();
    let mut half = text.len() / 2;
    while !text.is_char_boundary(half) {
        half -= 1;
    }
    let cut = &text[..half];
    let checked = check_text(Path::new("cut.ron"), cut);
    let p = checked.errors().next().expect("an error");
    let pos = p.pos.expect("a position");
    // Reported where the cut is: on the last line of what is left.
    assert!(pos.line + 1 >= cut.lines().count(), "{p:?}");
    assert!(
        p.render(Lang::En)
            .starts_with(&format!("cut.ron:{}:", pos.line)),
        "{p:?}"
    );
}

#[test]
fn wrong_types_and_missing_fields_are_named() {
    let text = sample().replacen("minutes: 10", "minutes: \"ten\"", 1);
    let checked = check_text(Path::new("t.ron"), &text);
    let p = checked.errors().next().expect("an error");
    assert_eq!(
        p.pos.map(|p| p.line),
        Some(line_of(&text, "minutes: \"ten\""))
    );

    let text = sample().replacen("    start: \"arrive\",\n", "", 1);
    let p = check_text(Path::new("t.ron"), &text).problems.remove(0);
    assert!(
        p.message(Lang::En).contains("missing field `start`"),
        "{p:?}"
    );
}

#[test]
fn structural_errors_duplicates_unreachable_dead_ends_and_rubric() {
    let base = sample();
    // A second node named like the first.
    let text = base.replacen("id: \"plan\",", "id: \"hub\",", 1);
    let c = check_text(Path::new("d.ron"), &text);
    assert!(
        c.errors()
            .any(|p| p.message(Lang::En).contains("two nodes are named `hub`")),
        "{:?}",
        c.problems
    );
    // A competency the rubric does not define.
    let text = base.replacen("competency: \"needs\"", "competency: \"neeeds\"", 1);
    let c = check_text(Path::new("r.ron"), &text);
    assert!(c.errors().any(|p| {
        p.message(Lang::En)
            .contains("`neeeds` is not in the rubric")
    }));
    // A node with neither choices nor an ending.
    let text = base.replacen(
        "ending: Ending(title: (ja: \"決められた行き先\", en: \"A destination chosen for her\"), outcome: Poor),",
        "",
        1,
    );
    let c = check_text(Path::new("e.ron"), &text);
    assert!(
        c.errors()
            .any(|p| p.message(Lang::En).contains("neither continue nor end")
                && p.node.as_deref() == Some("end_centre"))
    );
    // A missing translation is a warning, and the scenario still plays.
    let text = base.replacen("en: \"Listen to how it went\"", "en: \"\"", 1);
    let c = check_text(Path::new("w.ron"), &text);
    assert!(
        c.warnings()
            .any(|p| p.message(Lang::En).contains("no `en` translation"))
    );
    assert!(c.is_playable());
}

#[test]
fn an_unreachable_node_and_a_stuck_conversation_are_found() {
    let text = sample().replacen("goto: \"end_centre\"", "goto: \"end_helper\"", 1);
    let c = check_text(Path::new("u.ron"), &text);
    assert!(c.warnings().any(|p| p.node.as_deref() == Some("end_centre")
        && p.message(Lang::En).contains("never be reached")));
    // Both ways out of the review closed when trust is 3 and consent was given.
    let text = sample().replacen(
        "when: [Any([NotFlag(\"consent\"), NotFlag(\"need_found\"), AtMost(\"trust\", 3)])]",
        "when: [NotFlag(\"consent\")]",
        1,
    );
    let c = check_text(Path::new("stuck.ron"), &text);
    assert!(
        c.errors()
            .any(|p| p.node.as_deref() == Some("ending_pick")
                && p.message(Lang::En).contains("stuck")),
        "{:?}",
        c.problems
    );
}

#[test]
fn files_too_large_or_not_utf8_are_refused_before_parsing() {
    let dir = temp_dir("load-limits");
    let big = dir.join("big.ron");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(16 * 1024 * 1024 + 1).unwrap();
    assert!(matches!(read_text(&big), Err(LoadError::TooLarge { .. })));
    assert!(
        check_file(&big).problems[0]
            .message(Lang::En)
            .contains("16 MiB")
    );

    let bad = dir.join("latin1.ron");
    std::fs::write(&bad, b"Scenario(\n  id: \"caf\xe9\",\n)").unwrap();
    let p = check_file(&bad).problems.remove(0);
    assert_eq!(p.pos.map(|p| (p.line, p.column)), Some((2, 11)));
    assert!(p.render(Lang::En).contains("latin1.ron:2:11"), "{p:?}");
    let missing = check_file(&dir.join("nope.ron")).problems.remove(0);
    assert!(missing.message(Lang::En).contains("cannot read"));
    std::fs::remove_dir_all(&dir).ok();
}
