//! Every message in Japanese and in English, and the places problems point at. Each test
//! names the language it reads, so that the machine's locale cannot change what it sees.

use std::path::Path;

use ron::error::Error as RonError;
use tsunagu::core::length_cues::Cue;
use tsunagu::core::message::{Contradiction, IdKind, Msg, TextField, WideChar};
use tsunagu::core::model::Lang;
use tsunagu::core::strategy::Strategy;
use tsunagu::core::validate::{Checked, Problem, Severity, check_text};

use crate::common::{line_of, repo};

/// Which variant a message is: a match the compiler holds complete, so that a new kind
/// of message cannot be added without a sample below.
fn variant(m: &Msg) -> usize {
    match m {
        Msg::CannotRead { .. } => 0,
        Msg::TooLarge { .. } => 1,
        Msg::NotUtf8 => 2,
        Msg::Syntax(_) => 3,
        Msg::WideChar(_) => 4,
        Msg::QuoteInText => 5,
        Msg::Duplicate { .. } => 6,
        Msg::MinAboveMax { .. } => 7,
        Msg::ManyPeople { .. } => 8,
        Msg::NoPerson => 9,
        Msg::NoText => 10,
        Msg::EndingWithChoices => 11,
        Msg::NeitherContinueNorEnd => 12,
        Msg::KeepOrderOneChoice => 13,
        Msg::NegativeMinutes { .. } => 14,
        Msg::ChanceOutOfRange { .. } => 15,
        Msg::ScoreWithoutReason => 16,
        Msg::MissingTranslation { .. } => 17,
        Msg::Unknown { .. } => 18,
        Msg::UnknownCompetency { .. } => 19,
        Msg::SpeakerNotCast { .. } => 20,
        Msg::NotAVoice { .. } => 21,
        Msg::SceneNoBudget => 22,
        Msg::SceneSharesLoop { .. } => 23,
        Msg::OverInsideScene { .. } => 24,
        Msg::ChoiceLongerThanScene { .. } => 25,
        Msg::SceneCannotBeSpent { .. } => 26,
        Msg::SceneTooRoomy { .. } => 27,
        Msg::MinutesOutsideScene => 28,
        Msg::NoEnding => 29,
        Msg::Stuck => 30,
        Msg::NeverLedTo => 31,
        Msg::NeverReachable => 32,
        Msg::Unbounded { .. } => 33,
        Msg::NeverEarned { .. } => 34,
        Msg::LengthCue { .. } => 35,
        Msg::TooLong { .. } => 36,
        Msg::FlagNeverSet { .. } => 37,
        Msg::FlagNeverRead { .. } => 38,
        Msg::VariableUnused { .. } => 39,
        Msg::ReasonWithoutPrinciple { .. } => 40,
        Msg::NaiveShare { .. } => 41,
        Msg::NaiveGood { .. } => 42,
        Msg::NeverOffered { .. } => 43,
        Msg::MoodNeverSaid { .. } => 44,
        Msg::RaiseNeverMoves { .. } => 45,
        Msg::FactLacks { .. } => 46,
        Msg::OnlyFacts { .. } => 47,
    }
}
const VARIANTS: usize = 48;

fn id(s: &str) -> String {
    s.to_owned()
}

/// One or more of every kind of message, with the sub-kinds that are worded apart.
fn samples() -> Vec<Msg> {
    let mut out = vec![
        Msg::CannotRead {
            reason: id("No such file or directory (os error 2)"),
        },
        Msg::TooLarge { size: 20_000_000 },
        Msg::NotUtf8,
        Msg::WideChar(WideChar {
            found: '（',
            meant: '(',
        }),
        Msg::WideChar(WideChar {
            found: '\u{3000}',
            meant: ' ',
        }),
        Msg::QuoteInText,
        Msg::MinAboveMax {
            id: id("trust"),
            min: 5,
            max: 1,
        },
        Msg::ManyPeople { count: 2 },
        Msg::NoPerson,
        Msg::NoText,
        Msg::EndingWithChoices,
        Msg::NeitherContinueNorEnd,
        Msg::KeepOrderOneChoice,
        Msg::NegativeMinutes { minutes: -3 },
        Msg::ChanceOutOfRange { percent: 120 },
        Msg::FactLacks {
            id: id("f_seen"),
            fields: vec![id("place"), id("time")],
        },
        Msg::OnlyFacts {
            id: id("n_day"),
            fields: vec![id("words")],
        },
        Msg::ScoreWithoutReason,
        Msg::UnknownCompetency {
            id: id("strenghts"),
            known: vec![id("strengths")],
            suggestion: Some(id("strengths")),
        },
        Msg::SpeakerNotCast { id: id("cafe") },
        Msg::NotAVoice {
            id: id("fathr"),
            suggestion: Some(id("father")),
        },
        Msg::SceneNoBudget,
        Msg::SceneSharesLoop { other: id("hub") },
        Msg::OverInsideScene { over: id("hub") },
        Msg::ChoiceLongerThanScene {
            minutes: 30,
            scene: 20,
        },
        Msg::SceneCannotBeSpent {
            minutes: 30,
            most: 12,
        },
        Msg::SceneTooRoomy {
            minutes: 30,
            questions: 12,
        },
        Msg::MinutesOutsideScene,
        Msg::NoEnding,
        Msg::Stuck,
        Msg::NeverLedTo,
        Msg::NeverReachable,
        Msg::Unbounded {
            competency: id("strengths"),
        },
        Msg::NeverEarned {
            competency: id("community"),
        },
        Msg::FlagNeverSet {
            flag: id("kepts"),
            set: vec![id("kept")],
            suggestion: Some(id("kept")),
        },
        Msg::FlagNeverSet {
            flag: id("kepts"),
            set: vec![],
            suggestion: None,
        },
        Msg::FlagNeverRead {
            flag: id("kept"),
            cleared: false,
            read: vec![],
        },
        Msg::FlagNeverRead {
            flag: id("kept"),
            cleared: true,
            read: vec![id("other")],
        },
        Msg::VariableUnused { id: id("mood") },
        Msg::ReasonWithoutPrinciple {
            points: 2,
            competency: id("strengths"),
            langs: vec![Lang::Ja, Lang::En],
        },
    ];
    for cue in [Cue::ShortestIsBest, Cue::LongestIsWorst, Cue::LongestIsBest] {
        out.push(Msg::LengthCue {
            cue,
            hits: 4,
            decisions: 5,
            expected: 1.6,
            p_value: 0.01,
            nodes: vec![id("a"), id("b")],
        });
    }
    for strategy in Strategy::ALL {
        out.push(Msg::NaiveShare {
            strategy,
            runs: 200,
            shares: vec![(id("needs"), 0.8)],
            max: 0.5,
        });
        out.push(Msg::NaiveGood {
            strategy,
            runs: 200,
            good: 0.2,
            limit: Some(0.05),
        });
    }
    for kind in [
        IdKind::Node,
        IdKind::Choice,
        IdKind::Flag,
        IdKind::Variable,
        IdKind::Competency,
        IdKind::Character,
        IdKind::Issue,
        IdKind::Entity,
    ] {
        out.push(Msg::Duplicate { kind, id: id("x") });
        out.push(Msg::Unknown {
            kind,
            id: id("two_week"),
            suggestion: Some(id("two_weeks")),
        });
        out.push(Msg::Unknown {
            kind,
            id: id("zzz"),
            suggestion: None,
        });
    }
    let whys = [
        None,
        Some(Contradiction::BothFlag { flag: id("met") }),
        Some(Contradiction::NoAnyHolds),
        Some(Contradiction::OutOfRange {
            asked: vec![id("AtLeast(\"trust\", 9)")],
            var: id("trust"),
            lo: 0,
            hi: 5,
        }),
        Some(Contradiction::OutOfRange {
            asked: vec![id("AtLeast(\"trust\", 9)")],
            var: id("trust"),
            lo: 2,
            hi: 2,
        }),
    ];
    for why in whys {
        for explored in [true, false] {
            out.push(Msg::NeverOffered {
                why: why.clone(),
                explored,
            });
            out.push(Msg::MoodNeverSaid {
                index: 1,
                why: why.clone(),
                explored,
            });
        }
    }
    for (already, top) in [("Secretariat", false), ("Safeguarding", true)] {
        out.push(Msg::RaiseNeverMoves {
            issue: id("mobility"),
            level: id("SupportMeeting"),
            already: id(already),
            top,
        });
    }
    for field in [
        TextField::Title,
        TextField::Summary,
        TextField::Goal,
        TextField::CastName(id("c")),
        TextField::ResourceName(id("cafe")),
        TextField::NoteText(id("s_baking")),
        TextField::NoteFact {
            id: id("f_seen"),
            field: id("place"),
        },
        TextField::IssueTitle(id("mobility")),
        TextField::Line,
        TextField::Mood,
        TextField::EndingTitle,
        TextField::ChoiceText,
        TextField::Reply,
        TextField::Reason,
    ] {
        out.push(Msg::MissingTranslation {
            field: field.clone(),
            langs: vec![Lang::En],
        });
        for text_lang in [Lang::Ja, Lang::En] {
            out.push(Msg::TooLong {
                field: field.clone(),
                count: 200,
                text_lang,
                max: 160,
            });
        }
    }
    for code in [
        RonError::ExpectedComma,
        RonError::ExpectedString,
        RonError::ExpectedStringEnd,
        RonError::Eof,
        RonError::TrailingCharacters,
        RonError::ExpectedMapColon,
        RonError::ExpectedStructLike,
        RonError::ExpectedArrayEnd,
        RonError::ExpectedInteger,
        RonError::MissingStructField {
            field: "start",
            outer: Some(id("Scenario")),
        },
        RonError::DuplicateStructField {
            field: "id",
            outer: Some(id("Node")),
        },
        RonError::NoSuchStructField {
            expected: &["id", "reply"],
            found: id("repy"),
            outer: Some(id("Choice")),
        },
        RonError::NoSuchEnumVariant {
            expected: &["Individual", "Secretariat"],
            found: id("Council"),
            outer: Some(id("Level")),
        },
    ] {
        out.push(Msg::Syntax(Box::new(code)));
    }
    out
}

fn has_japanese(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'))
}

#[test]
fn every_message_reads_in_both_languages() {
    let samples = samples();
    let mut seen = [false; VARIANTS];
    for m in &samples {
        seen[variant(m)] = true;
        let (ja, en) = (m.render(Lang::Ja), m.render(Lang::En));
        assert!(!ja.trim().is_empty() && !en.trim().is_empty(), "{m:?}");
        assert_ne!(ja, en, "{m:?}");
        assert!(has_japanese(&ja), "not Japanese: {ja}");
        // English is written in English: Japanese only in quoted examples (〜ので, ストレングス).
        let en_rest: String = en.split(['"', '(']).step_by(2).collect();
        assert!(
            !has_japanese(&en_rest)
                || matches!(
                    m,
                    Msg::LengthCue { .. } | Msg::QuoteInText | Msg::ReasonWithoutPrinciple { .. }
                ),
            "Japanese in English: {en}"
        );
    }
    let missing: Vec<usize> = (0..VARIANTS).filter(|&i| !seen[i]).collect();
    assert!(missing.is_empty(), "no sample of variants {missing:?}");
}

#[test]
fn a_problem_line_is_worded_in_the_language_asked_for() {
    let p = Problem {
        severity: Severity::Error,
        path: "a.ron".into(),
        pos: Some(tsunagu::core::locate::Pos { line: 3, column: 7 }),
        node: Some(id("hub")),
        choice: Some(id("ask")),
        kind: Msg::NoText,
    };
    assert_eq!(
        p.render(Lang::En),
        "a.ron:3:7: error: the node has no text: give it at least one line (node `hub`, choice `ask`)"
    );
    let ja = p.render(Lang::Ja);
    assert!(ja.starts_with("a.ron:3:7: 誤り: "), "{ja}");
    assert!(ja.ends_with("（ノード `hub`、選択肢 `ask`）"), "{ja}");
    let warning = Problem {
        severity: Severity::Warning,
        ..p
    };
    assert!(warning.render(Lang::Ja).contains(": 注意: "));
    assert!(warning.render(Lang::En).contains(": warning: "));
}

fn sample() -> String {
    std::fs::read_to_string(repo().join("scenarios/first-meeting.ron")).unwrap()
}

fn check(text: &str) -> Checked {
    check_text(Path::new("t.ron"), text)
}

/// The one problem whose English contains `en`; its Japanese must contain `ja`.
fn both<'a>(c: &'a Checked, en: &str, ja: &str) -> &'a Problem {
    let found: Vec<&Problem> = c
        .problems
        .iter()
        .filter(|p| p.message(Lang::En).contains(en))
        .collect();
    let all: Vec<String> = c.problems.iter().map(|p| p.render(Lang::En)).collect();
    assert_eq!(found.len(), 1, "`{en}` in {all:#?}");
    let p = found[0];
    assert!(
        p.message(Lang::Ja).contains(ja),
        "`{ja}` not in {}",
        p.render(Lang::Ja)
    );
    p
}

#[test]
fn major_errors_in_real_scenarios_read_in_both_languages() {
    let cases: [(&str, &str, &str, &str); 8] = [
        (
            "once: true",
            "onse: true",
            "unknown field `onse`",
            "`onse` という項目はありません",
        ),
        (
            "phase: Planning",
            "phase: Planing",
            "unknown value `Planing`",
            "`Planing` という値はありません",
        ),
        (
            "goto: \"opening\"",
            "goto: \"nowhere\"",
            "no node named `nowhere`",
            "`nowhere` というノードはありません",
        ),
        (
            "competency: \"ethics\"",
            "competency: \"ehtics\"",
            "the competency `ehtics` is not in the rubric",
            "観点 `ehtics` はルーブリックにありません",
        ),
        (
            "Add(\"trust\", 1)",
            "Add(\"trust\" 1)",
            "expected a comma",
            "コンマ `,` が必要です",
        ),
        (
            "role: Person",
            "role: Family",
            "no one in the cast has the role `Person`",
            "役割が `Person` の登場人物がいません",
        ),
        (
            "Reveal(\"s_baking\")",
            "Reveal(\"somebody\")",
            "no character, resource or note named `somebody`",
            "`somebody` という登場人物・社会資源・ケース記録はありません",
        ),
        (
            "Raise(issue: \"mobility\"",
            "Raise(issue: \"elsewhere\"",
            "no issue named `elsewhere`",
            "`elsewhere` という課題はありません",
        ),
    ];
    for (from, to, en, ja) in cases {
        let text = sample().replacen(from, to, 1);
        let c = check(&text);
        let p = both(&c, en, ja);
        assert_eq!(p.severity, Severity::Error, "{}", p.render(Lang::En));
        // The cast as a whole has no one line to point at.
        let placed = !en.contains("`Person`");
        assert_eq!(p.pos.is_some(), placed, "{}", p.render(Lang::En));
    }
}

#[test]
fn an_unknown_id_of_every_kind_gets_the_nearest_declared_one() {
    // (the id as declared, as mistyped, the kind of message)
    let cases = [
        (
            "goto: \"opening\"",
            "goto: \"openin\"",
            "`openin`",
            "opening",
        ),
        (
            "SetFlag(\"asked_strengths\")",
            "SetFlag(\"asked_strength\")",
            "flag `asked_strengths` is read",
            "asked_strength",
        ),
        ("Add(\"trust\", 1)", "Add(\"trsut\", 1)", "`trsut`", "trust"),
        (
            "competency: \"ethics\"",
            "competency: \"ethic\"",
            "`ethic`",
            "ethics",
        ),
        (
            "speaker: \"father\"",
            "speaker: \"fathr\"",
            "`fathr`",
            "father",
        ),
        (
            "reply_by: \"father\"",
            "reply_by: \"fater\"",
            "`fater`",
            "father",
        ),
        ("to: \"cafe\"", "to: \"caffe\"", "`caffe`", "cafe"),
        (
            "Reveal(\"s_baking\")",
            "Reveal(\"s_bakng\")",
            "`s_bakng`",
            "s_baking",
        ),
        (
            "Raise(issue: \"mobility\"",
            "Raise(issue: \"mobilty\"",
            "`mobilty`",
            "mobility",
        ),
    ];
    for (from, to, wrong, right) in cases {
        let text = sample().replacen(from, to, 1);
        let c = check(&text);
        let p = c
            .problems
            .iter()
            .find(|p| p.message(Lang::En).contains(wrong))
            .unwrap_or_else(|| panic!("{wrong}: {:#?}", c.problems));
        assert!(
            p.message(Lang::En)
                .contains(&format!("did you mean `{right}`?")),
            "{}",
            p.render(Lang::En)
        );
        assert!(
            p.message(Lang::Ja)
                .contains(&format!("`{right}` の書き間違いではありませんか")),
            "{}",
            p.render(Lang::Ja)
        );
    }
    // Nothing close: no guess.
    let c = check(&sample().replacen("goto: \"opening\"", "goto: \"zzzzzzzz\"", 1));
    let p = both(&c, "no node named `zzzzzzzz`", "`zzzzzzzz`");
    assert!(!p.message(Lang::En).contains("did you mean"));
}

#[test]
fn the_loop_warning_names_its_node_choice_and_line() {
    let text = std::fs::read_to_string(repo().join("tests/fixtures/pick.ron"))
        .unwrap()
        // Without the scene's clock, nothing ends the loop.
        .replace(
            "            scene: (name: (ja: \"面談\", en: \"Talk\"), minutes: 60, over: \"x_end\"),\n",
            "",
        )
        .replace(
            "Choice(id: \"ask\", text: (ja: \"ききます\", en: \"Ask\"), once: true, minutes: 1),",
            "Choice(id: \"ask\", text: (ja: \"ききます\", en: \"Ask\"), minutes: 1,\n                    effects: [Score(competency: \"strengths\", points: 1, reason: (ja: \"ストレングス: 尋ねる\", en: \"Strengths: ask\"))]),",
        );
    let c = check(&text);
    let p = both(&c, "can be earned again and again", "何度でも得られます");
    assert_eq!(
        (p.node.as_deref(), p.choice.as_deref()),
        (Some("hub"), Some("ask"))
    );
    assert_eq!(
        p.pos.map(|p| p.line),
        Some(line_of(&text, "Choice(id: \"ask\""))
    );
    assert!(p.render(Lang::En).contains("(node `hub`, choice `ask`)"));
}

#[test]
fn warnings_about_a_reply_or_a_reason_point_at_its_own_line() {
    // A reason without a principle, on a line of its own below its choice.
    let text = std::fs::read_to_string(repo().join("tests/fixtures/pick.ron"))
        .unwrap()
        .replace(
            "Choice(id: \"z\", text: (ja: \"あいう\", en: \"abc\"), minutes: 9, goto: \"z_end\"),",
            "Choice(id: \"z\", text: (ja: \"あいう\", en: \"abc\"), minutes: 9, goto: \"z_end\",\n                    reply: (ja: \"返事\"),\n                    effects: [\n                        Score(competency: \"strengths\", points: 1, reason: (ja: \"よく聞いた\", en: \"Listened\")),\n                    ]),",
        );
    let c = check(&text);
    let reason = both(
        &c,
        "does not begin with the principle",
        "原則から始まっていません",
    );
    assert_eq!(
        reason.pos.map(|p| p.line),
        Some(line_of(&text, "よく聞いた"))
    );
    let reply = both(
        &c,
        "the reply has no `en` translation",
        "返事（reply）に `en` の訳がありません",
    );
    assert_eq!(reply.pos.map(|p| p.line), Some(line_of(&text, "返事")));
    assert_eq!(reply.choice.as_deref(), Some("z"));
}
