//! Case 3, the group-home trial stay (`scenarios/group-home-trial.ron`): Mr B, fifteen years in a
//! residential facility, decides where he will live through a trial stay, with his cards.

use tsunagu::core::engine::{Mode, Session};
use tsunagu::core::model::{Level, Outcome};

use crate::common::*;

const FILE: &str = "group-home-trial.ron";

const COMPETENCIES: [&str; 5] = [
    "strengths",
    "needs",
    "community",
    "escalation",
    "self_determination",
];

/// From the first visit to the plan revised for a trial under community-transition support,
/// with the guardian on board: the part every trial path below shares.
const TO_TRIAL: [&str; 20] = [
    "greet_via_kw",
    "kw_good",
    "kw_comm",
    "kw_reframe",
    "kw_next",
    "b_cards",
    "prep_photo",
    "prep_guardian",
    "invite_full",
    "sit_by_b",
    "accept_fear",
    "ask_home",
    "ask_mother",
    "ask_worry",
    "home_next",
    "name_env",
    "infer_records",
    "ask_gh",
    "plan_revise",
    "explain_return",
];

/// The trial prepared with his own cards and schedule, and the first days of it.
const TRIAL: [&str; 6] = [
    "same_cards",
    "room_photo",
    "kw_visits",
    "start_trial",
    "visit_day3",
    "gh_cando",
];

// The rest of the exemplary path, in three parts and a last choice (`fin_wide`): the store
// and the clean-up with his consent, the shared issue taken up the ladder to the plenary,
// his will confirmed from the records.

/// Around the house and the neighbours, on the way to the corner shop.
const TO_SHOP: [&str; 3] = ["gh_around", "gh_neighbours", "gh_to_conbini"];

/// The shop involved with his consent.
const SHOP_WITH_CONSENT: [&str; 2] = ["conbini_consent", "trip_record"];

/// The clean-up, the shared issue up the ladder to the plenary, his will confirmed.
const AFTER_SHOP: [&str; 12] = [
    "gh_to_cleanup",
    "cleanup_card",
    "gh_next",
    "mon_choice",
    "shared_issue",
    "eval_records",
    "hear_guardian",
    "confirm_will",
    "sec_raise",
    "wg_practice",
    "wg_numbers",
    "plenary_propose",
];

fn exemplary() -> Vec<&'static str> {
    TO_TRIAL
        .iter()
        .chain(TRIAL.iter())
        .chain(TO_SHOP.iter())
        .chain(SHOP_WITH_CONSENT.iter())
        .chain(AFTER_SHOP.iter())
        .chain(["fin_wide"].iter())
        .copied()
        .collect()
}

#[test]
fn the_scenario_is_large_enough_and_its_figures_are_exact() {
    let s = scenario(FILE);
    let a = analysis(&s);
    assert!(a.exact, "the analysis fell back to a bound");
    assert!(a.unbounded.is_empty());
    assert!(a.dead_ends.is_empty());
    assert!(s.source.nodes.len() >= 40, "{} nodes", s.source.nodes.len());
    assert!(
        s.source.rubric.iter().any(|c| c.id == "self_determination"),
        "the rubric defines decision support"
    );
    assert_every_outcome_reachable(&s, &a);
    assert_earnable(&s, &a, COMPETENCIES);
}

#[test]
fn the_exemplary_path_earns_nearly_everything_and_ends_well() {
    let s = scenario(FILE);
    let a = analysis(&s);
    let path = exemplary();
    assert!(path.len() >= 12);
    // Every chance on this path is certain once his ease and the guardian's trust are high.
    for seed in [1, 2, 7, 42, 2024] {
        let session = play(&s, &path, seed);
        assert_percent_at_least(&session, &a, COMPETENCIES, 90.0, seed);
        assert_eq!(ending_id(&session), "end_good");
        assert_eq!(ending_outcome(&session), Outcome::Good);
        let trial = s
            .source
            .issues
            .iter()
            .position(|i| i.id == "trial_places")
            .unwrap();
        assert_eq!(session.issue_levels()[trial], Some(Level::Plenary));
    }
}

#[test]
fn deciding_for_him_scores_low_and_changes_nothing() {
    let s = scenario(FILE);
    let a = analysis(&s);
    // Abstract questions, an echo taken for his will, a meeting without him, and the
    // guardian's fear and the staff's convenience deciding.
    let path = [
        "greet_questions",
        "kw_problems",
        "kw_next",
        "b_ask_where",
        "echo_take",
        "invite_no_b",
        "chair_front",
        "agree_stay",
        "stay_confirm",
    ];
    let session = play(&s, &path, 1);
    assert!(percent(&session, &a, "needs") < 40.0);
    assert!(percent(&session, &a, "self_determination") < 40.0);
    assert!(percent(&session, &a, "self_determination") < 0.0);
    assert_eq!(ending_id(&session), "end_poor_stay");
    assert_eq!(ending_outcome(&session), Outcome::Poor);
}

#[test]
fn a_hurried_move_for_the_staffs_convenience_ends_badly() {
    let s = scenario(FILE);
    let a = analysis(&s);
    let path = [
        "greet_records",
        "kw_comm",
        "kw_next",
        "b_cards",
        "invite_full",
        "chair_front",
        "accept_fear",
        "ask_home",
        "home_next",
        "name_env",
        "decide_now",
        "rush_go",
        "rushed_wait",
    ];
    let session = play(&s, &path, 3);
    assert!(percent(&session, &a, "self_determination") < 40.0);
    assert_eq!(ending_id(&session), "end_poor_rushed");
}

#[test]
fn no_community_and_no_escalation_leaves_him_inside_the_house() {
    let s = scenario(FILE);
    let a = analysis(&s);
    let mut path: Vec<&str> = TO_TRIAL.iter().chain(TRIAL.iter()).copied().collect();
    path.extend([
        "gh_next",
        "mon_choice",
        "not_mine",
        "eval_records",
        "hear_guardian",
        "confirm_will",
        "sec_skip",
        "fin_narrow",
    ]);
    let session = play(&s, &path, 1);
    assert!(percent(&session, &a, "community") <= 0.0);
    assert!(percent(&session, &a, "escalation") <= 0.0);
    // He moves, as he wished, but his life does not reach beyond the living room.
    assert_eq!(ending_id(&session), "end_mixed_moved");
    assert_eq!(ending_outcome(&session), Outcome::Mixed);
}

#[test]
fn telling_the_shop_about_his_disability_costs_community_points_and_trust() {
    let s = scenario(FILE);
    let a = analysis(&s);
    let before_shop: Vec<&str> = TO_TRIAL
        .iter()
        .chain(TRIAL.iter())
        .chain(TO_SHOP.iter())
        .copied()
        .collect();

    let mut consent = before_shop.clone();
    consent.extend(SHOP_WITH_CONSENT);
    consent.extend(AFTER_SHOP);
    let with_consent = play(&s, &consent, 5);

    let mut breach = before_shop.clone();
    breach.push("tell_store");
    breach.extend(AFTER_SHOP);
    let without_consent = play(&s, &breach, 5);

    let community = |session: &Session| percent(session, &a, "community");
    assert!(community(&without_consent) < 30.0);
    assert!(community(&without_consent) < community(&with_consent));
    assert!(var(&without_consent, "trust") < var(&with_consent, "trust"));

    // Same moment, two endings: the breach closes the corner shop to him.
    assert_eq!(without_consent.options().len(), 1);
    let mut good = with_consent;
    good.choose_id("fin_wide", 1.0).unwrap();
    assert_eq!(ending_id(&good), "end_good");
    let mut mixed = without_consent;
    mixed.choose_id("fin_narrow", 1.0).unwrap();
    assert_eq!(ending_id(&mixed), "end_mixed_moved");
}

#[test]
fn moving_him_without_his_cards_and_schedule_risks_a_bad_start() {
    let s = scenario(FILE);
    let mut rough_without = 0;
    for seed in 0..40u64 {
        // With his own cards and schedule the first days are calm, whatever the seed.
        let mut with_cards = Session::new(s.clone(), seed, Mode::Training);
        for id in TO_TRIAL.iter().chain(["same_cards", "start_trial"].iter()) {
            with_cards.choose_id(id, 1.0).unwrap();
        }
        assert_eq!(with_cards.node_id(), "trial_calm", "seed {seed}");

        // A new timetable and no cards: the same start is a gamble, and it costs points.
        let mut without = Session::new(s.clone(), seed, Mode::Training);
        for id in TO_TRIAL.iter().chain(["new_board", "start_bare"].iter()) {
            without.choose_id(id, 1.0).unwrap();
        }
        assert!(score(&without, "needs") < score(&with_cards, "needs"));
        if without.node_id() == "trial_rough" {
            rough_without += 1;
        }
    }
    assert!(
        rough_without >= 20,
        "only {rough_without} of 40 rough starts"
    );
}

#[test]
fn asking_him_an_abstract_question_gets_an_echo_not_an_answer() {
    let s = scenario(FILE);
    let session = play(&s, &["greet_via_kw", "kw_next", "b_ask_where"], 1);
    assert_eq!(session.node_id(), "echo");
    assert!(score(&session, "self_determination") < 0);
    // Taking the echo as his will opens a shortcut to a hurried move later.
    let session = play(
        &s,
        &[
            "greet_via_kw",
            "kw_next",
            "b_ask_where",
            "echo_take",
            "invite_full",
            "sit_by_b",
            "accept_fear",
            "home_next",
            "env_skip",
        ],
        1,
    );
    assert!(
        session.option_texts().any(|(_, id, _)| id == "cite_echo"),
        "the echo should come back as a false reason to move him"
    );
}
