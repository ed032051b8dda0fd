//! Notes of observed fact (記録): how one is written and checked, and how it reads.

use std::path::Path;

use tsunagu::core::fact_notes::note_line;
use tsunagu::core::model::{Lang, NoteKind};
use tsunagu::core::validate::{Severity, check_text};

use crate::common::repo;

/// first-meeting.ron with one more note written in `note`.
fn with_note(note: &str) -> String {
    let text = std::fs::read_to_string(repo().join("scenarios/first-meeting.ron")).unwrap();
    text.replacen(
        "    notes: [\n",
        &format!("    notes: [\n        {note}\n"),
        1,
    )
}

const FACT: &str = r#"Note(id: "f_seen", kind: Fact, text: (ja: "玄関に郵便物がたまっていた", en: "Post had piled up by the door"), place: (ja: "自宅の玄関", en: "The front door at home"), time: (ja: "6月3日 16時半ごろ", en: "3 June, about 4:30 p.m."), words: (ja: "見ないようにしてるの", en: "I try not to look at it")),"#;

#[test]
fn a_fact_with_place_time_and_words_loads_and_reads_with_all_three() {
    let text = with_note(FACT);
    let checked = check_text(Path::new("fact.ron"), &text);
    assert!(checked.is_playable(), "{:?}", checked.problems);
    assert!(
        checked.warnings().next().is_none(),
        "{:?}",
        checked.problems
    );
    let s = checked.playable().unwrap();
    let note = s.source.notes.iter().find(|n| n.id == "f_seen").unwrap();
    assert_eq!(note.kind, NoteKind::Fact);
    assert_eq!(
        note_line(note, Lang::Ja),
        "玄関に郵便物がたまっていた （場所: 自宅の玄関／日時: 6月3日 16時半ごろ） 本人の言葉「見ないようにしてるの」"
    );
    assert_eq!(
        note_line(note, Lang::En),
        "Post had piled up by the door (where: The front door at home; when: 3 June, about 4:30 p.m.) in their own words: \"I try not to look at it\""
    );
    // A note of another kind reads as its text alone.
    let other = s
        .source
        .notes
        .iter()
        .find(|n| n.kind == NoteKind::Strength)
        .unwrap();
    assert_eq!(note_line(other, Lang::Ja), other.text.ja);
}

#[test]
fn a_fact_without_place_or_time_is_warned_at_its_id() {
    let note = r#"Note(id: "f_seen", kind: Fact, text: (ja: "玄関に郵便物がたまっていた", en: "Post had piled up by the door"), time: (ja: "6月3日", en: "3 June")),"#;
    let text = with_note(note);
    let checked = check_text(Path::new("fact.ron"), &text);
    let found: Vec<_> = checked
        .warnings()
        .filter(|p| {
            p.message(Lang::En)
                .contains("the fact `f_seen` has no `place`")
        })
        .collect();
    assert_eq!(found.len(), 1, "{:?}", checked.problems);
    let line = text.lines().position(|l| l.contains("f_seen")).unwrap() + 1;
    assert_eq!(found[0].pos.unwrap().line, line);
}

#[test]
fn place_time_or_words_on_a_note_that_is_not_a_fact_is_an_error() {
    let note = r#"Note(id: "s_post", kind: Strength, text: (ja: "郵便物を見ている", en: "Looks at the post"), words: (ja: "見てるよ", en: "I do look")),"#;
    let checked = check_text(Path::new("fact.ron"), &with_note(note));
    let found: Vec<_> = checked
        .problems
        .iter()
        .filter(|p| {
            p.message(Lang::En).contains(
                "the note `s_post` has `words`, which only a note of `kind: Fact` records",
            )
        })
        .collect();
    assert_eq!(found.len(), 1, "{:?}", checked.problems);
    assert_eq!(found[0].severity, Severity::Error);
}
