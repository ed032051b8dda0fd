//! Conditions that can never hold, each a warning at its line: a choice never offered, a
//! mood never said, a `Raise` that never moves the ladder, and a chance's percent outside
//! 0–100 (an error, with no misleading warnings after it).

use std::path::Path;

use tsunagu::core::analysis::analyse_with_budget;
use tsunagu::core::compile::Compiled;
use tsunagu::core::load::parse;
use tsunagu::core::locate::SourceMap;
use tsunagu::core::model::Lang;
use tsunagu::core::problem::{Problem, Severity, Sink};
use tsunagu::core::validate::{Checked, check_text};

use crate::common::line_of;

/// A small scenario: trust starts at 1 and one choice at `a` adds 1, so it is at most 2 at
/// `b`. `{deep}` is the condition of `b`'s choice `deep`, `{mood}` that of `b`'s mood,
/// `{other}` where `a`'s choice `other` goes, `{percent}` the chance of `try_call`.
const PROBE: &str = r#"Scenario(
    id: "probe",
    title: (ja: "試し", en: "Probe"),
    summary: (ja: "試しの場面", en: "A probe"),
    cast: [Character(id: "p", name: (ja: "Pさん", en: "Ms P"), role: Person)],
    issues: [Issue(id: "abuse", title: (ja: "虐待の疑い", en: "Suspected abuse"))],
    variables: [Variable(id: "trust", initial: 1, min: 0, max: 5)],
    start: "a",
    nodes: [
        Node(
            id: "a",
            speaker: "p",
            phase: Intake,
            text: [(ja: "こんにちは", en: "Hello")],
            choices: [
                Choice(
                    id: "warm",
                    text: (ja: "「どうぞ」", en: "\"Please.\""),
                    effects: [Add("trust", 1), Raise(issue: "abuse", level: Safeguarding)],
                    goto: "b",
                ),
                Choice(
                    id: "other",
                    text: (ja: "「では」", en: "\"Well.\""),
                    goto: "{other}",
                ),
            ],
        ),
        Node(
            id: "b",
            speaker: "p",
            phase: Assessment,
            text: [(ja: "はい", en: "Yes")],
            moods: [
                Mood(when: [{mood}], text: [(ja: "（笑顔で）「はい」", en: "(Smiling) \"Yes.\"")]),
            ],
            choices: [
                Choice(
                    id: "deep",
                    text: (ja: "「もう少し教えてください」", en: "\"Tell me more.\""),
                    when: [{deep}],
                    effects: [Score(competency: "needs", points: 1, reason: (ja: "ニーズ: 理由", en: "Needs: why"))],
                    goto: "end",
                ),
                Choice(
                    id: "try_call",
                    text: (ja: "電話をかける", en: "Make a call"),
                    chance: Chance(
                        percent: {percent},
                        success: Branch(goto: "c"),
                        failure: Branch(goto: "missed"),
                    ),
                ),
            ],
        ),
        Node(
            id: "c",
            speaker: "p",
            phase: Planning,
            text: [(ja: "会議です", en: "The meeting")],
            choices: [
                Choice(
                    id: "council",
                    text: (ja: "協議会に報告する", en: "Report to the council"),
                    effects: [Raise(issue: "abuse", level: Secretariat)],
                    goto: "end",
                ),
            ],
        ),
        Node(
            id: "missed",
            speaker: "p",
            phase: Planning,
            text: [(ja: "つながらない", en: "No answer")],
            choices: [Choice(id: "on", text: (ja: "次へ", en: "Go on"), goto: "end")],
        ),
        Node(
            id: "end",
            phase: Termination,
            text: [(ja: "おわり", en: "The end")],
            ending: (title: (ja: "おわり", en: "The end"), outcome: Good),
        ),
    ],
)
"#;

/// The probe with its blanks filled: `deep`'s condition, the mood's, where `other` goes,
/// the chance's percent.
fn probe(deep: &str, mood: &str, other: &str, percent: i32) -> String {
    PROBE
        .replace("{deep}", deep)
        .replace("{mood}", mood)
        .replace("{other}", other)
        .replace("{percent}", &percent.to_string())
}

/// A probe where every condition can hold and every raise moves the ladder.
fn fine() -> String {
    probe("AtLeast(\"trust\", 2)", "AtLeast(\"trust\", 2)", "b", 50)
}

fn check(text: &str) -> Checked {
    check_text(Path::new("probe.ron"), text)
}

fn with<'a>(c: &'a Checked, words: &str) -> Vec<&'a Problem> {
    c.problems
        .iter()
        .filter(|p| p.message(Lang::En).contains(words))
        .collect()
}

#[test]
fn the_probe_as_written_has_no_condition_that_never_holds() {
    let checked = check(&fine());
    assert!(checked.is_playable(), "{:?}", checked.problems);
    for words in [
        "never offered",
        "never said",
        "never changes",
        "outside 0–100",
    ] {
        assert!(
            with(&checked, words).is_empty(),
            "{words}: {:?}",
            checked.problems
        );
    }
}

#[test]
fn a_choice_whose_condition_no_path_meets_is_warned_at_its_line() {
    // Trust is at most 2 at `b`: 3 is within its range, so only the exploration sees it.
    let text = probe("AtLeast(\"trust\", 3)", "AtLeast(\"trust\", 2)", "b", 50);
    let checked = check(&text);
    let found = with(&checked, "this choice is never offered");
    assert_eq!(found.len(), 1, "{:?}", checked.problems);
    let p = found[0];
    assert_eq!(p.severity, Severity::Warning);
    assert_eq!(
        (p.node.as_deref(), p.choice.as_deref()),
        (Some("b"), Some("deep"))
    );
    assert_eq!(p.pos.unwrap().line, line_of(&text, "id: \"deep\""));
    assert!(
        !p.message(Lang::En).contains("may"),
        "{}",
        p.message(Lang::En)
    );
}

#[test]
fn a_mood_whose_condition_no_arrival_meets_is_warned_at_its_text() {
    let text = probe("AtLeast(\"trust\", 2)", "AtLeast(\"trust\", 3)", "b", 50);
    let checked = check(&text);
    let found = with(&checked, "mood 1 of this node is never said");
    assert_eq!(found.len(), 1, "{:?}", checked.problems);
    assert_eq!(found[0].node.as_deref(), Some("b"));
    assert_eq!(found[0].pos.unwrap().line, line_of(&text, "（笑顔で）"));
}

#[test]
fn a_raise_below_the_rung_every_path_has_reached_is_warned_at_its_line() {
    // `other` now ends the session: every way into `c` passes `warm`, which reports the
    // abuse (`Safeguarding`), so the council's `Secretariat` can never move the ladder.
    let text = probe("AtLeast(\"trust\", 2)", "AtLeast(\"trust\", 2)", "end", 50);
    let checked = check(&text);
    let found = with(&checked, "never changes the escalation ladder");
    assert_eq!(found.len(), 1, "{:?}", checked.problems);
    let p = found[0];
    assert_eq!(
        (p.node.as_deref(), p.choice.as_deref()),
        (Some("c"), Some("council"))
    );
    assert!(
        p.message(Lang::En).contains("`Safeguarding`"),
        "{}",
        p.message(Lang::En)
    );
    assert_eq!(
        p.pos.unwrap().line,
        line_of(&text, "level: Secretariat"),
        "{}",
        p.render(Lang::En)
    );
}

#[test]
fn a_percent_outside_0_to_100_is_an_error_at_its_line_and_nothing_after_it_is_blamed() {
    let text = probe("AtLeast(\"trust\", 2)", "AtLeast(\"trust\", 2)", "b", 120);
    let checked = check(&text);
    let found = with(&checked, "a chance of 120% is outside 0–100");
    assert_eq!(found.len(), 1, "{:?}", checked.problems);
    assert_eq!(found[0].severity, Severity::Error);
    assert_eq!(found[0].pos.unwrap().line, line_of(&text, "percent: 120"));
    // The failure branch's node is not reported as unreachable "for its conditions".
    assert!(
        with(&checked, "can never be reached").is_empty(),
        "{:?}",
        checked.problems
    );
    assert!(!checked.is_playable());
    // 0 and 100 are percents.
    for percent in [0, 100] {
        let checked = check(&probe(
            "AtLeast(\"trust\", 2)",
            "AtLeast(\"trust\", 2)",
            "b",
            percent,
        ));
        assert!(with(&checked, "outside 0–100").is_empty(), "{percent}");
        assert!(checked.is_playable(), "{percent}: {:?}", checked.problems);
    }
}

/// The never-holds warnings when the analysis stops at a budget of one state (a bound).
fn bound_warnings(text: &str) -> Vec<Problem> {
    let scenario = parse(Path::new("probe.ron"), text).expect("parses");
    let compiled = Compiled::build(scenario).expect("resolves");
    let a = analyse_with_budget(&compiled, 1);
    assert!(!a.explored() && !a.exact);
    let map = SourceMap::new(text);
    let mut sink = Sink {
        path: "probe.ron".into(),
        map: &map,
        source: text,
        problems: Vec::new(),
    };
    tsunagu::core::never_holds::check(&compiled, &a, &mut sink);
    sink.problems
}

#[test]
fn when_the_analysis_is_a_bound_only_conditions_against_the_variables_range_are_reported() {
    // 9 is above trust's `max` of 5: sure whatever the paths.
    let text = probe("AtLeast(\"trust\", 9)", "AtLeast(\"trust\", 2)", "b", 50);
    let found = bound_warnings(&text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0]
            .message(Lang::En)
            .contains("`AtLeast(\"trust\", 9)` cannot hold")
            && found[0].message(Lang::En).contains("0–5")
            && found[0].message(Lang::En).contains("too many states"),
        "{}",
        found[0].message(Lang::En)
    );
    // 3 needs the paths to rule it out: a bound cannot, so it says nothing.
    let text = probe("AtLeast(\"trust\", 3)", "AtLeast(\"trust\", 3)", "b", 50);
    assert!(bound_warnings(&text).is_empty());
}
