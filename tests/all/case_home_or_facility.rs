//! Case 2: home or a facility (scenarios/home-or-facility.ron). B wants to stay at home; his
//! ageing parents want a facility. The tests play the exemplary path and the two wrong
//! stances (persuading him; planning for home without checking resources), a path that
//! never involves the community nor escalates, a mistake put right, and the confidentiality
//! trade-off; then they hold the instructor's corrections in place: the role explained at
//! intake, the 支給決定 between the draft plan and the meeting, a meeting of several voices,
//! the clocks of the hubs, the father's continuity and care, respite for the mother, the
//! facility's eligibility, the working group's proposal, and the ethics competency.

use tsunagu::core::compile::Compiled;
use tsunagu::core::engine::Session;
use tsunagu::core::model::{Choice, Level, Outcome, TieKind};

use crate::common::*;

const FILE: &str = "home-or-facility.ron";

/// Every good move, in order: the Good ending with the most on every competency.
const EXEMPLARY: &[&str] = &[
    // Intake: hear the mother (giving a name), meet B himself, say who you are and why you
    // came, open on his trains, reflect his wish.
    "hear_mother",
    "ask_visit",
    "formal_intro",
    "greet_trains",
    "reflect",
    // Assessment, against the clock: strengths first, then the need behind the demand.
    "ask_day",
    "ask_likes",
    "ask_why_home",
    "ask_worry",
    "let_him_go",
    "ask_b_good",
    "reframe",
    "ask_family_need",
    "ask_father_care",
    "hear_father",
    "convey_b",
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
    // Services, training, respite, his father's care; the shop only with his consent.
    "r_train",
    "r_help",
    "r_trial",
    "r_short",
    "r_houkatsu",
    "ask_shop",
    "give_role",
    "finish_draft",
    // The draft with him, the 支給決定, then the service-provider meeting.
    "read_with_b",
    "to_meeting",
    "invite_with_shop",
    "b_first",
    "roles_strengths",
    "confirm_cannot",
    "future_steps",
    "note_gap",
    "close_b",
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
    "formal_intro",
    "greet_trains",
    "reflect",
    "ask_day",
    "ask_likes",
    "ask_why_home",
    "ask_worry",
    "let_him_go",
    "ask_b_good",
    "reframe",
    "ask_family_need",
    "ask_father_care",
    "hear_father",
    "convey_b",
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
    "r_waitlist",
    "to_draft",
    "read_with_b",
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
    "explain_more",
    "promise_home",
    "rush_helpers",
    "rush_alone",
    "rush_admit",
];

/// EXEMPLARY with the steps `from` replaced by `to`.
fn exemplary_with<'a>(from: &[&str], to: &[&'a str]) -> Vec<&'a str> {
    replaced(EXEMPLARY, from, to)
}

/// EXEMPLARY up to (not including) the step `id`.
fn exemplary_before(id: &str) -> &'static [&'static str] {
    before(EXEMPLARY, id)
}

/// The node of every step a session took, in order.
fn nodes_passed<'a>(s: &'a Compiled, session: &Session) -> Vec<&'a str> {
    session
        .steps()
        .iter()
        .map(|st| s.source.nodes[st.node as usize].id.as_str())
        .collect()
}

fn gap_index(s: &Compiled) -> usize {
    s.source.issues.iter().position(|i| i.id == "gap").unwrap()
}

#[test]
fn the_case_is_big_enough_and_analysed_exactly() {
    let s = scenario(FILE);
    let a = analysis(&s);
    assert!(a.exact, "the analysis must be exact, not a bound");
    // The debrief's guide is read off the same exploration.
    assert_eq!(a.guide.as_ref().map(|g| g.states()), Some(a.states));
    assert!(s.source.nodes.len() >= 40, "{} nodes", s.source.nodes.len());
    for id in ["self_determination", "ethics"] {
        assert!(s.competency_index(id).is_some(), "the rubric defines {id}");
    }
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

/// Review F1 and §2 line 1: on the good path the specialist gives a name, the office and the
/// role, and it is rewarded.
#[test]
fn the_specialist_gives_name_and_role_at_intake() {
    let s = scenario(FILE);
    let phone = choice(&s, "call", "hear_mother");
    assert!(
        phone.text.ja.contains("相談支援事業所の"),
        "{}",
        phone.text.ja
    );
    let intro = choice(&s, "visit_door", "formal_intro");
    for part in ["相談支援専門員", "と申します", "Bさん"] {
        assert!(intro.text.ja.contains(part), "{}", intro.text.ja);
    }
    assert!(
        points(intro, "ethics") > 0,
        "explaining the role is rewarded"
    );
    assert!(EXEMPLARY.contains(&"formal_intro"));
    let session = play(&s, exemplary_before("greet_trains"), 1);
    assert!(score(&session, "ethics") >= 1);
    // Opening on his trains without a word of who you are is warm, but it is not the
    // whole intake: the best path does both.
    let warm_only = choice(&s, "visit_door", "greet_trains");
    assert_eq!(points(warm_only, "ethics"), 0);
}

#[test]
fn persuading_him_into_the_facility_scores_low_and_ends_poorly() {
    let s = scenario(FILE);
    let a = analysis(&s);
    let session = play(&s, PERSUADE, 1);
    assert!(percent(&session, &a, "needs") < 40.0);
    assert!(percent(&session, &a, "self_determination") < 40.0);
    assert!(score(&session, "self_determination") < 0);
    assert!(score(&session, "ethics") < 0, "the lecture is judgemental");
    assert_eq!(ending(&session), ("end_poor_persuaded", Outcome::Poor));
    assert!(var(&session, "trust") <= 1, "B has lost trust");
}

#[test]
fn promising_home_without_checking_resources_ends_in_an_emergency_stay() {
    let s = scenario(FILE);
    let a = analysis(&s);
    let session = play(&s, HOME_AT_ONCE, 1);
    assert!(percent(&session, &a, "needs") < 40.0);
    assert!(score(&session, "needs") < 0);
    assert!(score(&session, "escalation") < 0);
    assert_eq!(ending(&session), ("end_poor_crisis", Outcome::Poor));
}

/// A rushed promise, put right at once or at the next monitoring, can still end well.
#[test]
fn a_rushed_plan_put_right_can_still_end_well() {
    let s = scenario(FILE);
    let a = analysis(&s);
    let back = exemplary_with(
        &["reflect", "ask_day"],
        &["promise_home", "step_back", "ask_day"],
    );
    let session = play(&s, &back, 1);
    let good = play(&s, EXEMPLARY, 1);
    assert!(
        score(&session, "needs") < score(&good, "needs"),
        "the slip costs points"
    );
    assert_eq!(ending(&session), ("end_good", Outcome::Good));

    // Later: the helper never came in the evenings, and the specialist went back to assess.
    let at = EXEMPLARY
        .iter()
        .position(|&id| id == "draw_ecomap")
        .unwrap();
    let mut late: Vec<&str> = vec![
        "hear_mother",
        "ask_visit",
        "formal_intro",
        "greet_trains",
        "promise_home",
        "rush_helpers",
        "rush_reassess",
        "ask_b_good",
        "ask_family_need",
        "ask_father_care",
        "to_father",
        "convey_b",
    ];
    late.extend_from_slice(&EXEMPLARY[at..]);
    let session = play(&s, &late, 1);
    assert!(ending_outcome(&session) < Outcome::Poor);
    assert!(percent(&session, &a, "needs") < percent(&good, &a, "needs"));
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
    let gap = gap_index(&s);
    assert!(session.issue_levels()[gap] <= Some(Level::Individual));
}

#[test]
fn never_taking_the_gap_to_the_council_keeps_his_future_unclear() {
    let s = scenario(FILE);
    let a = analysis(&s);
    // The meeting is held, but the specialist keeps the gap to themself afterwards.
    let path = exemplary_with(
        &[
            "note_gap",
            "close_b",
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
            "close_b",
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

/// Review F8 and decision-support principle 2: his choice is respected as long as it harms
/// no one's rights, so the Good ending also needs rest for his mother.
#[test]
fn without_respite_for_his_mother_the_good_ending_is_out_of_reach() {
    let s = scenario(FILE);
    let principle = choice(&s, "after_visits", "his_plan");
    assert!(points(principle, "self_determination") >= 2);
    assert!(
        scores_of(principle)
            .iter()
            .any(|(_, _, r)| r.ja.contains("原則2")),
        "the reason names the guideline's second principle"
    );
    for (node_id, id, competency) in [
        ("hub_parents", "ask_father_care", "needs"),
        ("resources", "r_short", "needs"),
        ("resources", "r_houkatsu", "community"),
    ] {
        assert!(points(choice(&s, node_id, id), competency) > 0, "{id}");
        assert!(EXEMPLARY.contains(&id), "{id} is on the exemplary path");
    }
    let mut path = exemplary_with(
        &[
            "r_short",
            "r_houkatsu",
            "ask_shop",
            "give_role",
            "finish_draft",
        ],
        &["r_houkatsu", "ask_shop", "give_role", "to_draft"],
    );
    *path.last_mut().unwrap() = "hear_home";
    let session = play(&s, &path, 1);
    assert_eq!(ending(&session), ("end_mixed_home", Outcome::Mixed));
}

#[test]
fn telling_the_greengrocer_without_consent_costs_ethics_points_and_trust() {
    let s = scenario(FILE);
    let matsumoto = s.entity("matsumoto").unwrap();
    let tie = |session: &Session| {
        session
            .ties()
            .iter()
            .find(|&&(a, b, _)| (a, b) == (s.person, matsumoto))
            .map(|&(_, _, k)| k)
    };
    // Early in the afternoon of enquiries, on the exemplary path.
    let mut session = play(&s, exemplary_before("r_help"), 1);
    assert!(open_ids(&session).contains(&"ask_shop".to_owned()));
    let trust_before = var(&session, "trust");
    session.choose_id("tell_shop", 1.0).unwrap();
    assert_eq!(session.node_id(), "resources");
    assert_eq!(var(&session, "trust"), trust_before - 2);
    assert_eq!(tie(&session), Some(TieKind::Strained));
    assert!(
        !open_ids(&session).contains(&"ask_shop".to_owned()),
        "after a breach, asking for consent is no longer on offer"
    );

    // Played to the end, the breach costs what consent would have earned, and the Good
    // ending with it.
    let good = play(&s, EXEMPLARY, 1);
    let mut path = exemplary_with(
        &[
            "ask_shop",
            "give_role",
            "finish_draft",
            "read_with_b",
            "to_meeting",
            "invite_with_shop",
        ],
        &[
            "tell_shop",
            "finish_draft",
            "read_with_b",
            "to_meeting",
            "invite_all",
        ],
    );
    *path.last_mut().unwrap() = "hear_home";
    let breach = play(&s, &path, 1);
    assert!(score(&breach, "ethics") <= score(&good, "ethics") - 3);
    assert!(score(&breach, "community") <= score(&good, "community") - 3);
    assert_eq!(ending(&breach), ("end_mixed_home", Outcome::Mixed));
    assert_eq!(tie(&good), Some(TieKind::Strong));
    assert_eq!(tie(&breach), Some(TieKind::Strained));
}

#[test]
fn his_consent_to_involve_the_shop_depends_on_his_trust() {
    let s = scenario(FILE);
    let ask = choice(&s, "resources", "ask_shop");
    let chance = ask.chance.as_ref().expect("consent is not guaranteed");
    assert_eq!(chance.var.as_deref(), Some("trust"));
    // At the lowest trust the chance is well under certain; at full trust it is certain.
    assert!(chance.percent < 50);
    assert!(chance.percent + 5 * chance.per_point >= 100);
}

/// Review S6 and the brief: confidentiality, consent, acceptance and a non-judgemental
/// attitude are scored under ethics, and a breach never earns escalation or community.
#[test]
fn confidentiality_and_consent_are_scored_under_ethics() {
    let s = scenario(FILE);
    let principles = ["守秘義務", "本人の同意", "受容", "非審判的態度"];
    let seen = assert_ethics_scored_as_ethics(&s, &principles);
    assert!(seen >= 8, "{seen} ethics reasons");
    let share_all = choice(&s, "case_review", "share_all");
    assert_eq!(points(share_all, "ethics"), -2);
    assert_eq!(scores_of(share_all).len(), 1);
}

/// Review S4: voicing B's wish respectfully is advocacy and earns points; only the
/// lecturing tone costs them.
#[test]
fn voicing_his_wish_to_his_father_is_advocacy_and_lecturing_is_not() {
    let s = scenario(FILE);
    let convey = choice(&s, "parents_worry", "convey_b");
    assert!(points(convey, "ethics") > 0);
    assert!(points(convey, "self_determination") > 0);
    assert!(EXEMPLARY.contains(&"convey_b"));
    let lecture = choice(&s, "parents_worry", "side_b");
    assert!(points(lecture, "ethics") < 0);
    assert_eq!(points(lecture, "self_determination"), 0);
    assert!(
        scores_of(lecture)
            .iter()
            .any(|(_, _, r)| r.ja.contains("口調")),
        "the reason names the tone, not the advocacy"
    );
}

/// Review F3: the draft plan goes to the city, the services are granted (支給決定), and
/// only then is the service-provider meeting held, where the city states its decision.
#[test]
fn the_services_are_granted_between_the_draft_plan_and_the_meeting() {
    let s = scenario(FILE);
    let into_prep: Vec<&str> = s
        .source
        .nodes
        .iter()
        .filter(|n| {
            n.choices
                .iter()
                .any(|c| c.goto.as_deref() == Some("prep_meeting"))
        })
        .map(|n| n.id.as_str())
        .collect();
    assert_eq!(into_prep, ["shikyu"]);
    let session = play(&s, EXEMPLARY, 1);
    let passed = nodes_passed(&s, &session);
    let at = |id: &str| passed.iter().position(|&n| n == id).unwrap();
    assert!(at("resources") < at("plan_draft"));
    assert!(at("plan_draft") < at("shikyu"));
    assert!(at("shikyu") < at("prep_meeting"));
    let decision = node(&s, "meeting_plan");
    assert_eq!(decision.speaker.as_deref(), Some("city"));
    assert!(decision.text.iter().all(|t| t.ja.contains("支給決定")));
}

/// The service-provider meeting uses the meeting format: who is in the room, and B, his
/// parents, the providers and the city officer each speak.
#[test]
fn the_service_provider_meeting_has_several_voices() {
    let s = scenario(FILE);
    let room = [
        "b",
        "mother",
        "father",
        "mori",
        "helper_sm",
        "training_sm",
        "city",
    ];
    assert_meeting(
        &s,
        &[
            "meeting_open",
            "meeting_plan",
            "meeting_limits",
            "meeting_parents",
            "meeting_gap",
            "meeting_close",
        ],
        &room,
    );
    // With his consent the greengrocer comes too, for the start.
    assert!(
        node(&s, "meeting_open_shop")
            .present
            .iter()
            .any(|p| p == "matsumoto")
    );
    // Without B, he is not in the room.
    assert!(!node(&s, "meeting_no_b").present.iter().any(|p| p == "b"));
}

/// Review F5: confirming what cannot be done yet is part of the meeting's order and is
/// rewarded; planning only around deficits is what costs points.
#[test]
fn confirming_what_cannot_be_done_yet_is_part_of_the_meeting() {
    let s = scenario(FILE);
    assert!(points(choice(&s, "meeting_limits", "confirm_cannot"), "needs") > 0);
    assert!(points(choice(&s, "meeting_limits", "dreams_only"), "needs") < 0);
    assert!(points(choice(&s, "meeting_plan", "roles_deficits"), "strengths") < 0);
    assert!(EXEMPLARY.contains(&"confirm_cannot"));
    let session = play(&s, EXEMPLARY, 1);
    let passed = nodes_passed(&s, &session);
    let at = |id: &str| passed.iter().position(|&n| n == id).unwrap();
    assert!(
        at("meeting_plan") < at("meeting_limits"),
        "roles, then limits"
    );
    assert!(
        at("meeting_limits") < at("meeting_close"),
        "consent comes last"
    );
}

/// Review F4: more residential places earn nothing; the issue raised was trial and
/// emergency places in town.
#[test]
fn more_residential_places_earn_no_points_in_the_working_group() {
    let s = scenario(FILE);
    let city = choice(&s, "working_group", "wg_city");
    assert_eq!(points(city, "escalation"), 0);
    assert!(points(city, "community") < 0);
    assert!(scores_of(city).iter().all(|(_, p, _)| *p <= 0));
    let town = choice(&s, "working_group", "wg_town");
    assert!(points(town, "escalation") > 0 && points(town, "community") > 0);
    assert!(town.text.ja.contains("体験の部屋"));
}

/// Review F6: life-skills training and the type-B bakery are not used on the same day.
#[test]
fn training_is_not_on_a_bakery_day() {
    let s = scenario(FILE);
    let train = choice(&s, "resources", "r_train");
    let reply = &train.reply.as_ref().unwrap().ja;
    assert!(reply.contains("土曜"), "{reply}");
    assert!(!reply.contains("帰りに"), "{reply}");
    let help = choice(&s, "resources", "r_help");
    assert!(help.reply.as_ref().unwrap().ja.contains("夕方"));
}

/// Review F7: the father is at home with his stick throughout.
#[test]
fn the_father_is_at_home_with_his_stick_throughout() {
    let s = scenario(FILE);
    for t in all_texts(&s) {
        for wrong in ["リハビリ施設", "リハビリを終えて"] {
            assert!(!t.ja.contains(wrong), "{}", t.ja);
        }
    }
    assert!(node(&s, "hub_parents").text[0].ja.contains("杖"));
    assert!(node(&s, "crisis").text.iter().all(|t| t.ja.contains("杖")));
    assert_eq!(node(&s, "parents_worry").speaker.as_deref(), Some("father"));
}

/// Review F9: the facility's eligibility (障害支援区分4以上) is stated before anyone could
/// count on a place, and no place comes free within a month.
#[test]
fn the_facility_path_is_realistic() {
    let s = scenario(FILE);
    let promise = choice(&s, "call_worry", "promise_place");
    assert!(
        scores_of(promise)
            .iter()
            .any(|(_, p, r)| *p < 0 && r.ja.contains("区分4")),
        "promising a place without checking eligibility is named"
    );
    assert!(
        node(&s, "facility_visit")
            .text
            .iter()
            .all(|t| t.ja.contains("区分"))
    );
    for t in all_texts(&s) {
        assert!(!t.ja.contains("一か月で空き"), "{}", t.ja);
    }
    assert!(
        node(&s, "persuade_entry")
            .text
            .iter()
            .any(|t| t.ja.contains("一年半"))
    );
}

/// The hubs have clocks: the best questions fill the time only if none is spent on the
/// others.
#[test]
fn the_hubs_have_clocks_so_questions_must_be_chosen() {
    let s = scenario(FILE);
    for (hub, loop_nodes) in [
        ("hub_assess", &["hub_assess"][..]),
        ("hub_parents", &["hub_parents"][..]),
        ("resources", &["resources", "shop_visit"][..]),
    ] {
        let scene = node(&s, hub).scene.as_ref().expect("a scene");
        let asked: i32 = loop_nodes
            .iter()
            .flat_map(|id| &node(&s, id).choices)
            .filter(|c| c.once)
            .map(|c| c.minutes)
            .sum();
        let share = scene.minutes as f64 / asked as f64;
        assert!(
            (0.5..=0.7).contains(&share),
            "{hub}: {} of {asked}",
            scene.minutes
        );
        assert!(
            !loop_nodes.contains(&scene.over.as_str()),
            "{hub}: the scene ends outside it"
        );
    }
    // A half-right question costs one of the good ones.
    let mut session = play(&s, exemplary_before("ask_day"), 1);
    for id in ["ask_facility_why", "ask_day", "ask_why_home"] {
        session.choose_id(id, 1.0).unwrap();
    }
    assert_eq!(session.node_id(), "b_break", "the time is up");
    let asked_worry = play(&s, exemplary_before("let_him_go"), 1);
    assert_eq!(asked_worry.node_id(), "b_break");
}

/// The regional issue appears only once noticed, and climbs from there.
#[test]
fn the_gap_appears_only_once_noticed() {
    let s = scenario(FILE);
    let gap = gap_index(&s);
    let before = play(&s, exemplary_before("r_trial"), 1);
    assert_eq!(before.issue_levels()[gap], None);
    let noticed = play(&s, exemplary_before("r_short"), 1);
    assert_eq!(noticed.issue_levels()[gap], Some(Level::Individual));
    let end = play(&s, EXEMPLARY, 1);
    assert_eq!(end.issue_levels()[gap], Some(Level::Plenary));
}

/// Review §2: the instructor's lines are in place, and B speaks in full sentences.
#[test]
fn the_japanese_reads_as_an_instructor_would_write_it() {
    let s = scenario(FILE);
    for t in all_texts(&s) {
        for wrong in ["（笑）", "わしら", "思っとる", "言っとる", "守ってやれん"]
        {
            assert!(!t.ja.contains(wrong), "{wrong}: {}", t.ja);
        }
    }
    let visit = choice(&s, "call_worry", "ask_visit");
    assert!(visit.text.ja.contains("伺ってもよろしいでしょうか"));
    let need = choice(&s, "hub_parents", "ask_family_need");
    assert!(need.text.ja.contains("おつらい"));
    let both = choice(&s, "options_reply", "both_sides");
    assert!(both.text.ja.contains("いいところと心配なところ"));
    let back = choice(&s, "persuade_b", "back_off");
    assert!(
        back.text
            .ja
            .starts_with("「失礼しました。決めるのはBさんですよね")
    );
    assert!(
        node(&s, "parents_worry").text[0]
            .ja
            .contains("俺たちが死んだら")
    );
    // B answers the good questions in connected clauses, not two-word fragments.
    for id in ["ask_day", "ask_likes", "ask_why_home", "ask_worry"] {
        let reply = &choice(&s, "hub_assess", id).reply.as_ref().unwrap().ja;
        let longest = reply
            .split(['「', '」', '。', '、', '…', '（', '）'])
            .map(|part| part.chars().count())
            .max()
            .unwrap_or(0);
        assert!(longest >= 8, "{id}: {reply}");
    }
}

/// The best-scoring choice is not simply the longest one (a guessable pattern).
#[test]
fn the_best_answer_is_not_the_longest() {
    let s = scenario(FILE);
    let total = |c: &Choice| -> i32 { scores_of(c).iter().map(|(_, p, _)| p).sum() };
    let (mut decisions, mut longest_best) = (0, 0);
    for node in &s.source.nodes {
        let scored: Vec<(i32, usize, usize)> = node
            .choices
            .iter()
            .map(|c| (total(c), c.text.ja.chars().count(), c.text.en.len()))
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
