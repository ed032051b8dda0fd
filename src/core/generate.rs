//! A generated counselling conversation of any size, shaped like the real scenarios: hubs
//! of once-only questions with replies, chains of decisions with good and poor answers,
//! conditions on flags and on counters, chance outcomes, and three endings. For benchmarks and
//! for stress tests of the loader, the validator and the analysis.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::model::*;

/// Nodes in one section: a hub and a chain.
const SECTION: usize = 10;

fn t(ja: String, en: String) -> Text {
    Text { ja, en }
}

fn score(competency: &str, points: i32, i: usize) -> Effect {
    Effect::Score {
        competency: competency.to_owned(),
        points,
        reason: t(
            format!("{competency}: 原則 {i}"),
            format!("{competency}: principle {i}"),
        ),
    }
}

fn choice(id: &str, goto: Option<String>) -> Choice {
    Choice {
        id: id.to_owned(),
        text: t(format!("選択 {id:<8}"), format!("Choice {id:<8}")),
        when: Vec::new(),
        once: false,
        minutes: 0,
        effects: Vec::new(),
        reply: None,
        reply_by: None,
        turns: Vec::new(),
        goto,
        chance: None,
    }
}

/// The counters a generated conversation keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counters {
    /// One, trust, from 0 to 5, moved by 1: the shape of the shipped case studies.
    Trust,
    /// Three, from −50 to 50, each move 1 or 2 up or down on one of them, and compared with
    /// small numbers: the shape of stories converted from other tools (ink's counters).
    Wide,
}

const WIDE: [&str; 3] = ["a", "b", "c"];

/// A scenario of about `nodes` nodes (at least one section and three endings), with trust.
pub fn generate(nodes: usize, seed: u64) -> Scenario {
    generate_with(nodes, seed, Counters::Trust)
}

/// A scenario of about `nodes` nodes with the given counters.
pub fn generate_with(nodes: usize, seed: u64, counters: Counters) -> Scenario {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    // Which counter a move or a test is on, and by how much a move goes. Trust draws
    // nothing, so that its scenarios stay what they were for a seed.
    let counter = |rng: &mut ChaCha8Rng| -> (String, i32) {
        match counters {
            Counters::Trust => ("trust".to_owned(), 1),
            Counters::Wide => (
                WIDE[rng.random_range(0..3)].to_owned(),
                1 + rng.random_range(0..2),
            ),
        }
    };
    let sections = (nodes.saturating_sub(3) / SECTION).max(1);
    let comps = ["strengths", "needs", "community", "escalation"];
    let mut out = Vec::with_capacity(sections * SECTION + 3);
    let next_hub = |s: usize| {
        if s + 1 < sections {
            format!("s{}_hub", s + 1)
        } else {
            "review".to_owned()
        }
    };
    for s in 0..sections {
        let flag = format!("f{}", s % 8);
        // The hub: three once-only questions, a way on, and a shortcut when a flag is set.
        let mut hub_choices = Vec::new();
        for q in 0..3 {
            let mut c = choice(&format!("q{q}"), None);
            c.once = true;
            c.reply = Some(t(format!("返答 {s}-{q}"), format!("Reply {s}-{q}")));
            c.effects
                .push(score(comps[(s + q) % 4], 1 + rng.random_range(0..2), s));
            match q {
                0 => c.effects.push(Effect::SetFlag(flag.clone())),
                1 => {
                    let (v, by) = counter(&mut rng);
                    c.effects.push(Effect::Add(v, by));
                }
                _ => {
                    let (v, by) = counter(&mut rng);
                    c.effects.push(Effect::Add(v, -by));
                }
            }
            hub_choices.push(c);
        }
        let mut on = choice("on", Some(format!("s{s}_c0")));
        on.effects.push(Effect::ClearFlag(flag.clone()));
        hub_choices.push(on);
        let mut shortcut = choice("shortcut", Some(format!("s{s}_c3")));
        shortcut.when.push(Condition::Flag(flag.clone()));
        shortcut.effects.push(Effect::ClearFlag(flag.clone()));
        hub_choices.push(shortcut);
        let (mood_on, _) = counter(&mut rng);
        out.push(Node {
            keep_order: false,
            scene: None,
            present: Vec::new(),
            turns: Vec::new(),
            id: format!("s{s}_hub"),
            speaker: Some("mother".into()),
            phase: Phase::Assessment,
            text: vec![
                t(format!("ハブ {s}"), format!("Hub {s}")),
                t(format!("ハブ {s}'"), format!("Hub {s}'")),
            ],
            // A mood reacts to what happened before arriving: the first hub, the start,
            // has none (it could never be said).
            moods: (s > 0)
                .then(|| Mood {
                    when: vec![Condition::AtLeast(mood_on, 4)],
                    text: vec![t(format!("打ち解けて {s}"), format!("At ease {s}"))],
                })
                .into_iter()
                .collect(),
            choices: hub_choices,
            ending: None,
        });
        // The chain: a good and a poor answer at each step; one step turns on trust.
        let chain = SECTION - 1;
        for k in 0..chain {
            let goto = if k + 1 < chain {
                format!("s{s}_c{}", k + 1)
            } else {
                next_hub(s)
            };
            let mut good = choice("good", Some(goto.clone()));
            good.effects.push(score(comps[k % 4], 1, k));
            let mut poor = choice("poor", Some(goto.clone()));
            poor.effects.push(score(comps[k % 4], -1, k));
            let (v, by) = counter(&mut rng);
            poor.effects.push(Effect::Add(v, -by));
            let mut choices = vec![good, poor];
            if k == 4 {
                let (on, _) = counter(&mut rng);
                let (v, by) = counter(&mut rng);
                let mut risky = choice("ask", Some(goto));
                risky.chance = Some(Chance {
                    percent: 20,
                    var: Some(on),
                    per_point: 15,
                    success: Branch {
                        effects: vec![score("community", 2, k), Effect::Add(v, by)],
                        reply: None,
                        goto: None,
                    },
                    failure: Branch::default(),
                });
                choices.push(risky);
            }
            if k == 6 {
                let (on, _) = counter(&mut rng);
                let mut open = choice("deep", None);
                open.once = true;
                open.when.push(Condition::AtLeast(on, 3));
                open.reply = Some(t("深い話".into(), "A deeper answer".into()));
                open.effects.push(score("needs", 2, k));
                choices.push(open);
            }
            out.push(Node {
                keep_order: false,
                scene: None,
                present: Vec::new(),
                turns: Vec::new(),
                id: format!("s{s}_c{k}"),
                speaker: Some("mother".into()),
                phase: Phase::Intervention,
                text: vec![t(format!("段階 {s}-{k}"), format!("Step {s}-{k}"))],
                moods: Vec::new(),
                choices,
                ending: None,
            });
        }
    }
    let mut review = Vec::new();
    let (good_on, _) = counter(&mut rng);
    let (poor_on, _) = counter(&mut rng);
    for (id, goto, when) in [
        ("good", "end_good", Some(Condition::AtLeast(good_on, 3))),
        ("mixed", "end_mixed", None),
        ("poor", "end_poor", Some(Condition::AtMost(poor_on, 1))),
    ] {
        let mut c = choice(id, Some(goto.into()));
        c.when.extend(when);
        review.push(c);
    }
    out.push(Node {
        keep_order: false,
        scene: None,
        present: Vec::new(),
        turns: Vec::new(),
        id: "review".into(),
        speaker: None,
        phase: Phase::Evaluation,
        text: vec![t("振り返り".into(), "Review".into())],
        moods: Vec::new(),
        choices: review,
        ending: None,
    });
    for (id, outcome) in [
        ("end_good", Outcome::Good),
        ("end_mixed", Outcome::Mixed),
        ("end_poor", Outcome::Poor),
    ] {
        out.push(Node {
            keep_order: false,
            scene: None,
            present: Vec::new(),
            turns: Vec::new(),
            id: id.into(),
            speaker: None,
            phase: Phase::Termination,
            text: vec![t(format!("終わり {id}"), format!("End {id}"))],
            moods: Vec::new(),
            choices: Vec::new(),
            ending: Some(Ending {
                title: t(id.into(), id.into()),
                outcome,
            }),
        });
    }
    Scenario {
        id: format!("generated-{nodes}"),
        version: 1,
        title: t("生成された面談".into(), "Generated conversation".into()),
        summary: t("ベンチマーク用".into(), "For benchmarks".into()),
        goals: Vec::new(),
        minutes: 60,
        rubric: Vec::new(),
        cast: vec![
            Character {
                id: "a".into(),
                name: t("Aさん".into(), "A".into()),
                role: Role::Person,
                ring: Ring::Micro,
                hidden: false,
            },
            Character {
                id: "mother".into(),
                name: t("母".into(), "Mother".into()),
                role: Role::Family,
                ring: Ring::Micro,
                hidden: false,
            },
        ],
        resources: Vec::new(),
        notes: Vec::new(),
        issues: Vec::new(),
        variables: match counters {
            Counters::Trust => vec![Variable {
                id: "trust".into(),
                name: t("信頼".into(), "Trust".into()),
                initial: 2,
                min: 0,
                max: 5,
            }],
            Counters::Wide => WIDE
                .iter()
                .map(|&id| Variable {
                    id: id.into(),
                    name: t(format!("カウンター {id}"), format!("Counter {id}")),
                    initial: 0,
                    min: -50,
                    max: 50,
                })
                .collect(),
        },
        ties: Vec::new(),
        start: "s0_hub".into(),
        nodes: out,
    }
}

/// The scenario as RON text as an author writes it: one item a line, named structs,
/// `Some` and defaults left out (without the indentation, which costs only bytes).
pub fn to_ron(s: &Scenario) -> String {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .indentor("")
        .separate_tuple_members(false)
        .extensions(ron::extensions::Extensions::IMPLICIT_SOME);
    ron::ser::to_string_pretty(s, config).expect("a generated scenario always serialises")
}
