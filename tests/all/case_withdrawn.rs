//! Case 1, the withdrawn young adult (`scenarios/withdrawn-young-adult.ron`): the exemplary
//! path, the poor moves the case warns against (deciding for A, blaming or bypassing the
//! mother, never involving the community, working alone), and the trade-offs particular to
//! it (telling the classmate without consent, missing the passing remark, handing off).

use tsunagu::core::engine::{Mode, Session};
use tsunagu::core::model::{Level, Outcome, TieKind};
use tsunagu::core::scoring::missed;

use crate::common::*;

const FILE: &str = "withdrawn-young-adult.ron";

const COMPETENCIES: [&str; 5] = [
    "strengths",
    "needs",
    "community",
    "escalation",
    "self_determination",
];

/// Micro (the mother, then A), meso (the classmates), macro (the chamber of commerce), and
/// the issue up the ladder to the plenary. Every chance on it is certain, so any seed works.
const EXEMPLARY: &[&str] = &[
    "welcome",
    "reflect",
    "confidential",
    "ask_day",
    "ask_good",
    "ask_history",
    "ask_mother",
    "ask_father",
    "catch_remark",
    "ask_consent",
    "affirm_mother",
    "family_group",
    "letter",
    "a_likes",
    "a_wish",
    "reframe",
    "a_sato",
    "to_plan",
    "options",
    "his_order",
    "ask_sato_idea",
    "a_decides_join",
    "facilitate",
    "summarise",
    "introduce_peer",
    "praise",
    "merit",
    "trial_pace",
    "a_centre",
    "raise_secretariat",
    "propose_wg",
    "bring_voices",
    "plenary_report",
    "hear_good",
];

/// Takes the mother's "put him to work" at face value, pushes through the family, and picks
/// the service for A.
const DECIDES_FOR_A: &[&str] = &[
    "plain",
    "take_at_face",
    "push_pamphlet",
    "b_type",
    "keep_going",
];

/// Kind to A, but never catches the remark, never links anyone from the community, skips the
/// support meeting and visits the other families alone.
const NO_COMMUNITY_NO_ESCALATION: &[&str] = &[
    "welcome",
    "reflect",
    "promise",
    "ask_day",
    "ask_mother",
    "to_contact",
    "letter",
    "a_likes",
    "a_wish",
    "reframe",
    "to_plan",
    "options",
    "his_order_b",
    "just_place",
    "praise_b",
    "ask_a_next",
    "skip_meeting",
    "alone",
    "keep_alone",
    "hear_formal",
];

/// From A at the table to the formal ending, the classmates never in it: his likes and wish,
/// a plan in his order, a peer supporter, and the shared issue still taken to the plenary.
const WITHOUT_CLASSMATES: &[&str] = &[
    "a_likes",
    "a_wish",
    "reframe",
    "to_plan",
    "options",
    "his_order_b",
    "introduce_peer",
    "praise_b",
    "ask_a_next",
    "a_centre",
    "raise_secretariat",
    "propose_wg",
    "bring_voices",
    "plenary_report",
    "hear_formal",
];

fn choose(session: &mut Session, id: &str) {
    if let Err(e) = session.choose_id(id, 1.0) {
        panic!("`{id}`: {e}");
    }
}

/// Plays `choices`; where a letter to A goes unanswered (a chance), asks the peer supporter
/// to add a note, which always brings A to the table. Returns the session.
fn play_through_letter(choices: &[&str], seed: u64) -> Session {
    let s = scenario(FILE);
    let mut session = Session::new(s, seed, Mode::Training);
    for id in choices {
        choose(&mut session, id);
        if session.node_id() == "a_silent" {
            choose(&mut session, "peer_letter");
        }
    }
    session
}

#[test]
fn the_scenario_is_large_enough_and_fully_analysed() {
    let s = scenario(FILE);
    let a = analysis(&s);
    assert!(s.source.nodes.len() >= 40, "{} nodes", s.source.nodes.len());
    assert!(a.exact, "the analysis fell back to a bound");
    assert!(a.unbounded.is_empty(), "points can be farmed in a loop");
    let endings: Vec<&str> = a
        .endings
        .iter()
        .map(|&n| s.source.nodes[n as usize].id.as_str())
        .collect();
    for id in [
        "end_good",
        "end_partial",
        "end_formal",
        "end_placed",
        "end_poor_out",
        "end_closed",
    ] {
        assert!(
            endings.contains(&id),
            "`{id}` cannot be reached: {endings:?}"
        );
    }
    assert_every_outcome_reachable(&s, &a);
    assert_earnable(&s, &a, COMPETENCIES);
}

#[test]
fn the_exemplary_path_earns_every_competency_and_ends_well() {
    let s = scenario(FILE);
    let a = analysis(&s);
    assert!(EXEMPLARY.len() >= 12);
    for seed in 1..=5 {
        let session = play(&s, EXEMPLARY, seed);
        assert_percent_at_least(&session, &a, COMPETENCIES, 90.0, seed);
        assert_eq!(ending_id(&session), "end_good", "seed {seed}");
        assert_eq!(ending_outcome(&session), Outcome::Good);
        // Every strength and need was drawn out, every resource found, and the issue went
        // all the way up the ladder.
        assert!(
            missed(&session).is_empty(),
            "seed {seed}: {:?}",
            missed(&session)
        );
        assert_eq!(session.issue_levels(), &[Some(Level::Plenary)]);
    }
}

#[test]
fn two_playthroughs_do_not_read_the_same() {
    let s = scenario(FILE);
    let (one, two) = assert_seeds_read_differently(&s, EXEMPLARY);
    assert_eq!(one.scores(), two.scores());
}

#[test]
fn deciding_for_a_scores_low_on_needs_and_self_determination() {
    let s = scenario(FILE);
    let a = analysis(&s);
    let session = play(&s, DECIDES_FOR_A, 1);
    assert!(percent(&session, &a, "needs") < 40.0);
    assert!(percent(&session, &a, "self_determination") < 40.0);
    assert!(score(&session, "self_determination") < 0);
    assert_eq!(ending_id(&session), "end_placed");
    assert_eq!(ending_outcome(&session), Outcome::Poor);

    // Signing him up during the first meeting goes the same way.
    let session = play_through_letter(
        &[
            "welcome",
            "reflect",
            "confidential",
            "to_contact",
            "letter",
            "decide_for",
            "keep_going",
        ],
        1,
    );
    assert!(percent(&session, &a, "needs") < 40.0);
    assert!(percent(&session, &a, "self_determination") < 40.0);
    assert_eq!(ending_outcome(&session), Outcome::Poor);
}

#[test]
fn blaming_the_mother_or_pushing_a_out_of_the_house_are_poor_moves() {
    let s = scenario(FILE);
    let a = analysis(&s);
    // Blame her, then force A out of his room: the relationship breaks and A leaves home.
    let session = play(
        &s,
        &[
            "welcome",
            "blame",
            "neutral_ok",
            "to_contact",
            "force",
            "press_on",
        ],
        1,
    );
    assert!(
        var(&session, "trust") < 2,
        "the mother still trusts the specialist"
    );
    assert!(percent(&session, &a, "needs") < 40.0);
    assert_eq!(ending_id(&session), "end_poor_out");

    // Siding with the father's deadline ends the same way.
    let session = play_through_letter(
        &[
            "welcome",
            "reflect",
            "confidential",
            "ask_father",
            "to_contact",
            "letter",
            "to_plan",
            "deadline",
            "follow_through",
        ],
        1,
    );
    assert!(percent(&session, &a, "self_determination") < 40.0);
    assert_eq!(ending_id(&session), "end_poor_out");
}

#[test]
fn never_involving_the_community_nor_escalating_ends_worse() {
    let s = scenario(FILE);
    let a = analysis(&s);
    let session = play(&s, NO_COMMUNITY_NO_ESCALATION, 1);
    let (community, escalation) = (score(&session, "community"), score(&session, "escalation"));
    assert!(community <= 0, "community {community}");
    assert!(escalation < 0, "escalation {escalation}");
    assert!(percent(&session, &a, "community") < 30.0);
    assert!(percent(&session, &a, "escalation") < 30.0);
    // A goes out, but alone; the other families are left where they were.
    assert_eq!(ending_id(&session), "end_formal");
    assert_eq!(ending_outcome(&session), Outcome::Mixed);
    assert!(session.issue_levels()[0].is_none_or(|l| l < Level::Secretariat));
}

#[test]
fn missing_the_passing_remark_closes_the_way_to_the_classmates() {
    let s = scenario(FILE);
    let a = analysis(&s);
    // The same careful work with the mother and A, but the school years are never asked
    // about, so the classmate never comes up.
    let prefix = [
        "welcome",
        "reflect",
        "confidential",
        "ask_day",
        "ask_good",
        "ask_mother",
        "ask_father",
    ];
    let at_hub = play(&s, &prefix, 1);
    assert!(!open_ids(&at_hub).contains(&"catch_remark".to_owned()));

    let mut path: Vec<&str> = prefix.to_vec();
    path.extend(["to_contact", "letter"]);
    path.extend(WITHOUT_CLASSMATES);
    let session = play(&s, &path, 1);
    assert!(percent(&session, &a, "community") < 30.0);
    assert!(!session.is_revealed(s.entity("sato").unwrap()));
    assert_eq!(ending_id(&session), "end_formal");
    assert_ne!(ending_outcome(&session), Outcome::Good);
}

#[test]
fn telling_the_classmate_without_consent_costs_community_and_trust() {
    let s = scenario(FILE);
    let prefix = [
        "welcome",
        "reflect",
        "confidential",
        "ask_history",
        "catch_remark",
    ];
    let mut with_consent: Vec<&str> = prefix.to_vec();
    with_consent.push("ask_consent");
    let mut without: Vec<&str> = prefix.to_vec();
    without.push("call_sato");
    let kept = play(&s, &with_consent, 1);
    let leaked = play(&s, &without, 1);

    assert_eq!(score(&kept, "community") - score(&leaked, "community"), 4);
    assert!(var(&leaked, "trust") < var(&kept, "trust"));
    assert!(var(&leaked, "a_trust") < var(&kept, "a_trust"));
    let sato = s.entity("sato").unwrap();
    assert!(
        leaked.ties().contains(&(s.person, sato, TieKind::Strained)),
        "{:?}",
        leaked.ties()
    );

    // Once it has leaked, A is never asked what Sato may be told: the classmates' route is
    // gone, and the best left is an outing without friends.
    let mut rest: Vec<&str> = without.clone();
    rest.extend(["apologise", "letter"]);
    let mut session = play_through_letter(&rest, 1);
    assert_eq!(session.node_id(), "a_meet");
    let open = open_ids(&session);
    assert!(!open.contains(&"a_sato".to_owned()), "{open:?}");
    assert!(open.contains(&"a_sorry".to_owned()), "{open:?}");
    choose(&mut session, "a_sorry");
    for id in WITHOUT_CLASSMATES {
        choose(&mut session, id);
    }
    assert_eq!(ending_id(&session), "end_formal");
    assert_ne!(ending_outcome(&session), Outcome::Good);
}

#[test]
fn escalating_is_not_handing_off() {
    let s = scenario(FILE);
    let a = analysis(&s);
    // The exemplary path, but A's support is closed when the issue goes to the council.
    let handoff: Vec<&str> = EXEMPLARY
        .iter()
        .map(|&id| match id {
            "raise_secretariat" => "handoff",
            "hear_good" => "hear_partial",
            other => other,
        })
        .collect();
    let session = play(&s, &handoff, 1);
    let best = play(&s, EXEMPLARY, 1);
    assert!(score(&session, "needs") < score(&best, "needs"));
    assert!(score(&session, "escalation") < score(&best, "escalation"));
    assert_eq!(session.issue_levels(), &[Some(Level::Plenary)]);
    assert!(percent(&session, &a, "needs") < 90.0);
    assert_eq!(ending_id(&session), "end_partial");
    assert_eq!(ending_outcome(&session), Outcome::Mixed);
}
