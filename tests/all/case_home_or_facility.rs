//! Case 2: home or a facility (scenarios/home-or-facility.ron). B wants to stay at home; his
//! ageing parents want a facility. The tests play the exemplary path and the two wrong
//! stances (persuading him; planning for home without checking resources), a path that
//! never involves the community nor escalates, and the confidentiality trade-off.

use tsunagu::core::engine::Session;
use tsunagu::core::model::{Effect, Outcome, TieKind};

use crate::common::*;

const FILE: &str = "home-or-facility.ron";

/// Every good move, in order: the Good ending with the most on every competency.
const EXEMPLARY: &[&str] = &[
    // Intake: hear the mother, meet B himself, open on his trains, reflect his wish.
    "hear_mother",
    "ask_visit",
    "greet_trains",
    "reflect",
    // Assessment: strengths first, then the need behind the demand.
    "ask_day",
    "ask_likes",
    "ask_why_home",
    "ask_worry",
    "to_parents",
    "ask_b_good",
    "reframe",
    "ask_family_need",
    "to_father",
    "accept_worry",
    "draw_ecomap",
    // Planning: information he understands, visits, peers, his decision.
    "cards",
    "both_sides",
    "visit_both",
    "let_b_ask",
    "try_kitchen",
    "peers_both",
    "b_asks_peers",
    "his_plan",
    // Services, training, assessment; the shop only with his consent.
    "r_train",
    "r_help",
    "r_trial",
    "r_assess",
    "ask_shop",
    "give_role",
    "to_meeting",
    // The service-provider meeting.
    "invite_with_shop",
    "b_first",
    "roles_strengths",
    "future_steps",
    "note_gap",
    // Intervention: core centre, council, working group, plenary.
    "joint_review",
    "consent_share",
    "raise_council",
    "wg_town",
    "plenary_b",
    // Monitoring, the crisis, evaluation.
    "praise_curry",
    "follow_plan",
    "visit_mother",
    "eval_b_first",
    "hear_good",
];

/// The specialist sides with the parents and talks B into the facility.
const PERSUADE: &[&str] = &[
    "take_request",
    "mother_first",
    "lecture",
    "to_parents",
    "agree_cant",
    "to_father",
    "side_parents",
    "push",
    "apply",
    "entry_monitor",
];

/// A careful interview, but no ecomap, no peers, no shop, no meeting, nothing escalated.
const NO_COMMUNITY: &[&str] = &[
    "hear_mother",
    "ask_visit",
    "greet_trains",
    "reflect",
    "ask_day",
    "ask_why_home",
    "ask_worry",
    "to_parents",
    "ask_b_good",
    "reframe",
    "ask_family_need",
    "to_father",
    "accept_worry",
    "skip_ecomap",
    "cards",
    "both_sides",
    "visit_both",
    "let_b_ask",
    "try_kitchen",
    "no_peers",
    "his_plan",
    "r_train",
    "r_help",
    "r_trial",
    "r_assess",
    "do_alone",
    "solo_go",
    "praise_curry",
    "scramble",
    "far_wait",
    "eval_b_first",
    "hear_far",
];

/// The other wrong stance: "home" at once, without checking what would support it.
const HOME_AT_ONCE: &[&str] = &[
    "hear_mother",
    "ask_visit",
    "formal_intro",
    "promise_home",
    "rush_helpers",
    "rush_alone",
    "rush_admit",
];

/// EXEMPLARY with the steps `from` replaced by `to`.
fn exemplary_with<'a>(from: &[&str], to: &[&'a str]) -> Vec<&'a str> {
    let at = EXEMPLARY
        .windows(from.len())
        .position(|w| w == from)
        .expect("the steps are on the exemplary path");
    let mut path: Vec<&'a str> = EXEMPLARY[..at].to_vec();
    path.extend_from_slice(to);
    path.extend_from_slice(&EXEMPLARY[at + from.len()..]);
    path
}

#[test]
fn the_case_is_big_enough_and_analysed_exactly() {
    let s = scenario(FILE);
    let a = analysis(&s);
    assert!(a.exact, "the analysis must be exact, not a bound");
    assert!(s.source.nodes.len() >= 40, "{} nodes", s.source.nodes.len());
    assert!(
        s.competency_index("self_determination").is_some(),
        "the rubric defines self_determination"
    );
    assert_earnable(&s, &a, s.competencies.iter().map(|c| c.id.as_str()));
    assert_every_outcome_reachable(&s, &a);
    assert!(a.endings.len() >= 3);
}

#[test]
fn the_exemplary_path_earns_nearly_everything_and_ends_well() {
    let s = scenario(FILE);
    let a = analysis(&s);
    for seed in [1, 2, 3, 42] {
        let session = play(&s, EXEMPLARY, seed);
        let all = s.competencies.iter().map(|c| c.id.as_str());
        assert_percent_at_least(&session, &a, all, 90.0, seed);
        assert_eq!(ending(&session), ("end_good", Outcome::Good), "seed {seed}");
    }
    let decisions = play(&s, EXEMPLARY, 1).steps().len();
    assert!(decisions >= 12, "{decisions} decisions");
}

#[test]
fn two_seeds_read_differently() {
    let s = scenario(FILE);
    assert_seeds_read_differently(&s, EXEMPLARY);
}

#[test]
fn persuading_him_into_the_facility_scores_low_and_ends_poorly() {
    let s = scenario(FILE);
    let a = analysis(&s);
    let session = play(&s, PERSUADE, 1);
    assert!(percent(&session, &a, "needs") < 40.0);
    assert!(percent(&session, &a, "self_determination") < 40.0);
    assert!(score(&session, "self_determination") < 0);
    assert_eq!(ending(&session), ("end_poor_persuaded", Outcome::Poor));
    assert!(var(&session, "trust") <= 1, "B has lost trust");
}

#[test]
fn promising_home_without_checking_resources_ends_in_an_emergency_admission() {
    let s = scenario(FILE);
    let a = analysis(&s);
    let session = play(&s, HOME_AT_ONCE, 1);
    assert!(percent(&session, &a, "needs") < 40.0);
    assert!(score(&session, "needs") < 0);
    assert!(score(&session, "escalation") < 0);
    assert_eq!(ending(&session), ("end_poor_crisis", Outcome::Poor));
}

#[test]
fn working_alone_without_the_community_leaves_him_unprepared() {
    let s = scenario(FILE);
    let a = analysis(&s);
    let session = play(&s, NO_COMMUNITY, 1);
    assert!(score(&session, "community") <= 0);
    assert!(score(&session, "escalation") <= 0);
    assert!(percent(&session, &a, "community") < 30.0);
    assert!(percent(&session, &a, "escalation") < 30.0);
    let (id, outcome) = ending(&session);
    assert_eq!(id, "end_mixed_far");
    assert!(
        outcome > Outcome::Good,
        "a worse ending than the exemplary path"
    );
    // The issue never left the individual case.
    let gap = s.source.issues.iter().position(|i| i.id == "gap").unwrap();
    assert!(session.issue_levels()[gap] <= Some(tsunagu::core::model::Level::Individual));
}

#[test]
fn never_taking_the_gap_to_the_council_keeps_his_future_unclear() {
    let s = scenario(FILE);
    let a = analysis(&s);
    // The meeting is held, but the specialist keeps the case to themself afterwards.
    let path = exemplary_with(
        &[
            "note_gap",
            "joint_review",
            "consent_share",
            "raise_council",
            "wg_town",
            "plenary_b",
            "praise_curry",
            "follow_plan",
            "visit_mother",
            "eval_b_first",
            "hear_good",
        ],
        &[
            "find_myself",
            "carry_on",
            "praise_curry",
            "follow_plan",
            "visit_mother",
            "eval_b_first",
            "hear_home",
        ],
    );
    let session = play(&s, &path, 1);
    assert!(percent(&session, &a, "escalation") < 30.0);
    assert_eq!(ending(&session), ("end_mixed_home", Outcome::Mixed));
}

#[test]
fn telling_the_greengrocer_without_consent_costs_community_points_and_trust() {
    let s = scenario(FILE);
    let matsumoto = s.entity("matsumoto").unwrap();
    let tie = |session: &Session| {
        session
            .ties()
            .iter()
            .find(|&&(a, b, _)| (a, b) == (s.person, matsumoto))
            .map(|&(_, _, k)| k)
    };
    // Up to the choice, on the exemplary path.
    let at = EXEMPLARY.iter().position(|&id| id == "ask_shop").unwrap();
    let mut session = play(&s, &EXEMPLARY[..at], 1);
    assert!(open_ids(&session).contains(&"ask_shop".to_owned()));
    let trust_before = var(&session, "trust");
    session.choose_id("tell_shop", 1.0).unwrap();
    assert_eq!(var(&session, "trust"), trust_before - 2);
    assert_eq!(tie(&session), Some(TieKind::Strained));
    assert!(
        !open_ids(&session).contains(&"ask_shop".to_owned()),
        "after a breach, asking for consent is no longer on offer"
    );

    // Played to the end, the breach costs the community what consent would have earned.
    let good = play(&s, EXEMPLARY, 1);
    let breach = play(
        &s,
        &exemplary_with(
            &["ask_shop", "give_role", "to_meeting", "invite_with_shop"],
            &["tell_shop", "to_meeting", "invite_all"],
        ),
        1,
    );
    assert!(score(&breach, "community") <= score(&good, "community") - 5);
    assert_eq!(tie(&good), Some(TieKind::Strong));
    assert_eq!(tie(&breach), Some(TieKind::Strained));
}

#[test]
fn his_consent_to_involve_the_shop_depends_on_his_trust() {
    let s = scenario(FILE);
    let i = s
        .source
        .nodes
        .iter()
        .position(|n| n.id == "resources")
        .unwrap();
    let ask = s.source.nodes[i]
        .choices
        .iter()
        .find(|c| c.id == "ask_shop")
        .unwrap();
    let chance = ask.chance.as_ref().expect("consent is not guaranteed");
    assert_eq!(chance.var.as_deref(), Some("trust"));
    // At the lowest trust the chance is well under certain; at full trust it is certain.
    assert!(chance.percent < 50);
    assert!(chance.percent + 5 * chance.per_point >= 100);
}

/// The best-scoring choice is not simply the longest one (a guessable pattern).
#[test]
fn the_best_answer_is_not_the_longest() {
    let s = scenario(FILE);
    let points = |c: &tsunagu::core::model::Choice| -> i32 {
        let branches = c
            .chance
            .iter()
            .flat_map(|ch| ch.success.effects.iter().chain(&ch.failure.effects));
        c.effects
            .iter()
            .chain(branches)
            .map(|e| match e {
                Effect::Score { points, .. } => *points,
                _ => 0,
            })
            .sum()
    };
    let (mut decisions, mut longest_best) = (0, 0);
    for node in &s.source.nodes {
        let scored: Vec<(i32, usize, usize)> = node
            .choices
            .iter()
            .map(|c| (points(c), c.text.ja.chars().count(), c.text.en.len()))
            .collect();
        let best = scored.iter().map(|c| c.0).max().unwrap_or(0);
        if scored.len() < 2 || scored.iter().all(|c| c.0 == best) {
            continue;
        }
        decisions += 1;
        let ja = scored.iter().max_by_key(|c| c.1).unwrap();
        let en = scored.iter().max_by_key(|c| c.2).unwrap();
        if ja.0 == best || en.0 == best {
            longest_best += 1;
        }
    }
    assert!(decisions >= 12, "{decisions} scored decision points");
    assert!(
        longest_best * 4 <= decisions,
        "the best choice is the longest at {longest_best} of {decisions} decision points"
    );
}
