//! Case 4, urgent safeguarding (`scenarios/safeguarding.ron`): at a monitoring visit on the
//! Friday before a long weekend, Ms C flinches and has finger-shaped bruises on her arm. The
//! exemplary path reports on suspicion by the route the hour calls for, keeps supporting her in
//! parallel, supports her father without excusing the abuse, and takes the providers' shared
//! gap up the council's ladder. Each stance the seeds warn against (checking with the staff
//! first, gathering proof first, confronting the father alone, promising secrecy, handing off
//! after reporting, blaming the carer) costs points, and holding to it ends worse, while a
//! mistake put right can still end well.

use std::collections::BTreeSet;

use tsunagu::core::compile::Compiled;
use tsunagu::core::engine::{Event, Session};
use tsunagu::core::model::{Choice, Effect, Level, Outcome, Phase};
use tsunagu::core::scoring::missed;

use crate::common::*;

const FILE: &str = "safeguarding.ron";

/// Monitoring visit, the report to the city within office hours, her choice of where to stay
/// over the weekend, the fact-finding with her at the centre, her father heard and supported,
/// the support meeting, and the providers' gap up the ladder to the plenary. The visit is left
/// with minutes to spare; the talk with her father runs out of time after three questions.
const EXEMPLARY: &[&str] = &[
    "greet_role",
    "notice_open",
    "ask_bakery",
    "ask_morning",
    "ask_who",
    "ask_likes",
    "hub_out",
    "explain_limits",
    "call_city",
    "tell_words",
    "ask_c_where",
    "offer_open",
    "aunt_need",
    "call_c",
    "prep_c",
    "sit_beside",
    "keep_support",
    "accept_not_excuse",
    "fq_morning",
    "fq_self",
    "fq_strength",
    "over_next",
    "prep_choose",
    "c_centre",
    "plan_with_c",
    "reframe",
    "money_hers",
    "advocate",
    "confirm_shared",
    "summarise_c",
    "talk_alone",
    "sec_anon",
    "wg_joint",
    "plenary_report",
    "hear_good",
];

/// The exemplary path with one choice replaced by others.
fn exemplary_with(old: &str, new: &[&'static str]) -> Vec<&'static str> {
    replaced(EXEMPLARY, &[old], new)
}

/// The exemplary path with the run from `from` to `to` (both included) replaced by others.
fn exemplary_replacing(from: &str, to: &str, new: &[&'static str]) -> Vec<&'static str> {
    let mut path = EXEMPLARY.to_vec();
    let a = path.iter().position(|&id| id == from).expect("on the path");
    let b = path.iter().position(|&id| id == to).expect("on the path");
    path.splice(a..=b, new.iter().copied());
    path
}

/// The exemplary path up to (not including) `id`.
fn exemplary_before(id: &str) -> Vec<&'static str> {
    before(EXEMPLARY, id).to_vec()
}

/// `path` without its last choice (the way into the ending), played.
fn play_to_evaluation(s: &std::sync::Arc<Compiled>, path: &[&str]) -> Session {
    let session = play(s, &path[..path.len() - 1], 1);
    assert_eq!(session.node_id(), "evaluation");
    session
}

/// The points a choice earns on each competency, with the reason.
fn scores(c: &Choice) -> Vec<(String, i32, String)> {
    c.effects
        .iter()
        .filter_map(|e| match e {
            Effect::Score {
                competency,
                points,
                reason,
            } => Some((competency.clone(), *points, reason.ja.clone())),
            _ => None,
        })
        .collect()
}

fn points_on(c: &Choice, competency: &str) -> i32 {
    scores(c)
        .iter()
        .filter(|(id, _, _)| id == competency)
        .map(|(_, p, _)| p)
        .sum()
}

fn issue(s: &Compiled, id: &str) -> usize {
    s.source
        .issues
        .iter()
        .position(|i| i.id == id)
        .unwrap_or_else(|| panic!("no issue `{id}`"))
}

fn timed_out(session: &Session) -> usize {
    session
        .transcript()
        .iter()
        .filter(|e| matches!(e, Event::TimeUp { .. }))
        .count()
}

/// Every player-facing text of the scenario, both languages.
fn all_texts(s: &Compiled) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut push = |t: &tsunagu::core::model::Text| out.push((t.ja.clone(), t.en.clone()));
    for n in &s.source.nodes {
        n.text.iter().for_each(&mut push);
        n.moods
            .iter()
            .flat_map(|m| m.text.iter())
            .for_each(&mut push);
        n.turns.iter().for_each(|t| push(&t.text));
        if let Some(e) = &n.ending {
            push(&e.title);
        }
        for c in &n.choices {
            push(&c.text);
            c.reply.iter().for_each(&mut push);
            c.turns.iter().for_each(|t| push(&t.text));
            for e in &c.effects {
                if let Effect::Score { reason, .. } = e {
                    push(reason);
                }
            }
        }
    }
    for c in &s.source.cast {
        push(&c.name);
    }
    for n in &s.source.notes {
        push(&n.text);
    }
    for r in &s.source.resources {
        push(&r.name);
    }
    for i in &s.source.issues {
        push(&i.title);
    }
    out
}

#[test]
fn the_scenario_is_large_enough_and_its_analysis_is_exact() {
    let s = scenario(FILE);
    let a = analysis(&s);
    assert!(a.exact, "the analysis fell back to a bound");
    assert!(a.unbounded.is_empty(), "points can be farmed in a loop");
    assert!(a.dead_ends.is_empty());
    assert!(s.source.nodes.len() >= 40, "{} nodes", s.source.nodes.len());
    let endings: Vec<&str> = a
        .endings
        .iter()
        .map(|&n| s.source.nodes[n as usize].id.as_str())
        .collect();
    for id in [
        "end_good",
        "end_mixed_partial",
        "end_mixed_tense",
        "end_mixed_placed",
        "end_mixed_handoff",
        "end_poor_harm",
        "end_poor_trust",
    ] {
        assert!(
            endings.contains(&id),
            "`{id}` cannot be reached: {endings:?}"
        );
    }
    assert_every_outcome_reachable(&s, &a);
    assert_earnable(&s, &a, COMPETENCIES);

    // Thirty and more decision points: nodes whose choices lead to different best totals.
    let decisions = a
        .choice_best
        .iter()
        .filter(|values| {
            let open: BTreeSet<i64> = values.iter().flatten().copied().collect();
            values.iter().flatten().count() >= 2 && open.len() >= 2
        })
        .count();
    assert!(decisions >= 30, "{decisions} decision points");
}

#[test]
fn the_rubric_names_ethics_and_self_determination_as_the_other_cases_do() {
    let s = scenario(FILE);
    let ethics = s.source.rubric.iter().find(|c| c.id == "ethics").unwrap();
    assert_eq!(ethics.name.ja, "倫理・権利擁護");
    assert_eq!(
        ethics.description.ja,
        "守秘義務と本人の同意、非審判的態度・受容などバイステックの原則、権利侵害に気づき本人の側に立つ"
    );
    let mine = s
        .source
        .rubric
        .iter()
        .find(|c| c.id == "self_determination")
        .unwrap();
    let other = scenario("home-or-facility.ron");
    let theirs = other
        .source
        .rubric
        .iter()
        .find(|c| c.id == "self_determination")
        .unwrap();
    assert_eq!(mine.name, theirs.name);
    assert_eq!(mine.description, theirs.description);
}

#[test]
fn every_text_is_in_both_languages_and_gives_nothing_away() {
    let s = scenario(FILE);
    for (ja, en) in all_texts(&s) {
        assert!(!ja.is_empty() && !en.is_empty(), "`{ja}` / `{en}`");
        assert!(!ja.contains("（笑）") && !ja.contains("(笑)"), "{ja}");
    }
    for n in &s.source.nodes {
        for c in &n.choices {
            for word in [
                "念のため",
                "時間もないので",
                "全部私に任せて",
                "自分一人でも",
                "手際よく",
                "名前や住所もそのまま",
            ] {
                assert!(!c.text.ja.contains(word), "{}/{}: {word}", n.id, c.id);
            }
        }
    }
}

#[test]
fn the_case_opens_at_monitoring_and_follows_the_cycle() {
    let s = scenario(FILE);
    assert_eq!(s.source.start, "arrive");
    for id in ["arrive", "notice", "visit_hub", "secret"] {
        assert_eq!(node(&s, id).phase, Phase::Monitoring, "{id}");
    }
    for id in [
        "report_route",
        "report_call",
        "safety_plan",
        "tell_c",
        "father_meet",
    ] {
        assert_eq!(node(&s, id).phase, Phase::Intervention, "{id}");
    }
    for id in ["fact_finding", "father_hub"] {
        assert_eq!(node(&s, id).phase, Phase::Assessment, "{id}");
    }
    for id in [
        "support_prep",
        "meeting_open",
        "meeting_home",
        "meeting_pattern",
    ] {
        assert_eq!(node(&s, id).phase, Phase::Planning, "{id}");
    }
    for id in ["monitor_home", "council_sec", "wg_rights"] {
        assert_eq!(node(&s, id).phase, Phase::Monitoring, "{id}");
    }
    for id in ["plenary", "evaluation"] {
        assert_eq!(node(&s, id).phase, Phase::Evaluation, "{id}");
    }
    for n in s.source.nodes.iter().filter(|n| n.ending.is_some()) {
        assert_eq!(n.phase, Phase::Termination, "{}", n.id);
    }
}

#[test]
fn the_exemplary_path_keeps_her_safe_supported_and_choosing() {
    let s = scenario(FILE);
    let a = analysis(&s);
    let (abuse, prevention) = (issue(&s, "abuse"), issue(&s, "prevention"));
    for seed in [1, 2, 3, 7, 42] {
        let session = play(&s, EXEMPLARY, seed);
        assert_percent_at_least(&session, &a, COMPETENCIES, 90.0, seed);
        assert_eq!(ending_id(&session), "end_good", "seed {seed}");
        assert_eq!(ending_outcome(&session), Outcome::Good);
        assert_eq!(session.issue_levels()[abuse], Some(Level::Safeguarding));
        assert_eq!(session.issue_levels()[prevention], Some(Level::Plenary));
        assert!(
            missed(&session).is_empty(),
            "seed {seed}: {:?}",
            missed(&session)
        );
        // The visit is left with minutes to spare; the father's evening runs out.
        assert_eq!(timed_out(&session), 1, "seed {seed}");
    }
}

#[test]
fn two_playthroughs_do_not_read_the_same() {
    let s = scenario(FILE);
    let (one, two) = assert_seeds_read_differently(&s, EXEMPLARY);
    assert_eq!(one.scores(), two.scores());
}

#[test]
fn the_specialist_says_who_they_are_and_why_they_came() {
    let s = scenario(FILE);
    let greet = choice(&s, "arrive", "greet_role");
    assert!(greet.text.ja.contains("相談支援専門員"));
    assert!(points_on(greet, "needs") > 0);
    let session = play(&s, &["greet_role"], 1);
    assert_eq!(score(&session, "needs"), 1);
    let session = play(&s, &["greet_form"], 1);
    assert_eq!(score(&session, "needs"), 0);
}

#[test]
fn the_report_is_made_on_suspicion_and_reaches_the_safeguarding_rung() {
    let s = scenario(FILE);
    let (abuse, prevention) = (issue(&s, "abuse"), issue(&s, "prevention"));
    let before = play(&s, &exemplary_before("call_city"), 1);
    assert_eq!(before.node_id(), "report_route");
    assert_eq!(before.issue_levels()[abuse], None);
    let mut after = play(&s, &exemplary_before("call_city"), 1);
    after.choose_id("call_city", 1.0).unwrap();
    assert_eq!(after.issue_levels()[abuse], Some(Level::Safeguarding));
    // The providers' gap is not on the ladder until it is noticed.
    assert_eq!(after.issue_levels()[prevention], None);
    let call = scores(choice(&s, "report_route", "call_city"));
    let (_, p, reason) = &call[0];
    assert_eq!(*p, 3);
    assert!(reason.contains("疑いの段階"), "{reason}");

    // It is first noticed with the partner provider, at the individual rung, and climbs.
    let mut noticed = play(&s, &exemplary_before("advocate"), 1);
    assert_eq!(noticed.issue_levels()[prevention], None);
    noticed.choose_id("advocate", 1.0).unwrap();
    assert_eq!(noticed.issue_levels()[prevention], Some(Level::Individual));
    noticed.choose_id("confirm_shared", 1.0).unwrap();
    assert_eq!(
        noticed.issue_levels()[prevention],
        Some(Level::SupportMeeting)
    );
}

#[test]
fn the_hour_decides_where_the_report_goes() {
    let s = scenario(FILE);
    let a = analysis(&s);
    // Just after five on a weekday: the city's centre is open.
    let day = play(&s, &exemplary_before("call_city"), 1);
    let open = open_ids(&day);
    for id in [
        "call_city",
        "call_kikan_day",
        "check_staff",
        "wait_proof",
        "confront_wait",
    ] {
        assert!(open.contains(&id.to_owned()), "{id}: {open:?}");
    }
    for id in ["call_kikan", "call_city_late", "wait_tuesday"] {
        assert!(!open.contains(&id.to_owned()), "{id}: {open:?}");
    }
    // Past 5:15 on the Friday of a long weekend: the core centre takes the report.
    let mut late_prefix = exemplary_before("call_city");
    late_prefix.extend(["check_staff", "staff_correct"]);
    let late = play(&s, &late_prefix, 1);
    assert_eq!(late.node_id(), "report_route");
    let open = open_ids(&late);
    for id in ["call_kikan", "call_city_late", "wait_tuesday"] {
        assert!(open.contains(&id.to_owned()), "{id}: {open:?}");
    }
    assert!(!open.contains(&"call_city".to_owned()), "{open:?}");
    assert_eq!(
        points_on(choice(&s, "report_route", "call_kikan"), "escalation"),
        points_on(choice(&s, "report_route", "call_city"), "escalation")
    );
    // The out-of-hours route is scored as well as the office-hours one.
    let night = play(
        &s,
        &exemplary_with("call_city", &["check_staff", "staff_correct", "call_kikan"]),
        1,
    );
    assert_eq!(ending_id(&night), "end_good");
    assert_eq!(
        night.issue_levels()[issue(&s, "abuse")],
        Some(Level::Safeguarding)
    );

    // Ringing the city after hours reaches a recorded message; the core centre still takes it.
    let mut closed = play(&s, &late_prefix, 1);
    closed.choose_id("call_city_late", 1.0).unwrap();
    assert_eq!(closed.node_id(), "closed_line");
    assert_eq!(closed.issue_levels()[issue(&s, "abuse")], None);
    closed.choose_id("closed_kikan", 1.0).unwrap();
    assert_eq!(
        closed.issue_levels()[issue(&s, "abuse")],
        Some(Level::Safeguarding)
    );
    let mut direct = late_prefix.clone();
    direct.push("call_kikan");
    let direct = play(&s, &direct, 1);
    assert!(score(&closed, "escalation") < score(&direct, "escalation"));

    // The core centre in office hours passes it to the city: it counts, for less.
    let via_core = play(&s, &exemplary_with("call_city", &["call_kikan_day"]), 1);
    let best = play(&s, EXEMPLARY, 1);
    assert!(score(&via_core, "escalation") < score(&best, "escalation"));
    assert_eq!(
        via_core.issue_levels()[issue(&s, "abuse")],
        Some(Level::Safeguarding)
    );
    assert_eq!(ending_id(&via_core), "end_good");
    assert!(percent(&via_core, &a, "escalation") < 90.0);
}

#[test]
fn checking_with_the_staff_first_costs_points_and_holding_to_it_lets_harm_continue() {
    let s = scenario(FILE);
    let best = play(&s, EXEMPLARY, 1);
    assert!(points_on(choice(&s, "report_route", "check_staff"), "escalation") < 0);

    // Put right on the phone: report straight after, out of hours, and it can still end well.
    let put_right = play(
        &s,
        &exemplary_with("call_city", &["check_staff", "staff_correct", "call_kikan"]),
        1,
    );
    assert!(score(&put_right, "escalation") < score(&best, "escalation"));
    assert_eq!(ending_id(&put_right), "end_good");

    // Held to: the provider will talk to the father after the holiday, and she is hurt.
    let held = exemplary_replacing(
        "call_city",
        "call_c",
        &["check_staff", "staff_wait", "tue_city"],
    );
    let at_end = play_to_evaluation(&s, &held);
    assert_eq!(open_ids(&at_end), vec!["hear_harm".to_owned()]);
    let mut ended = at_end;
    ended.choose_id("hear_harm", 1.0).unwrap();
    assert_eq!(ending(&ended), ("end_poor_harm", Outcome::Poor));
    assert!(score(&ended, "escalation") < score(&put_right, "escalation"));
}

#[test]
fn gathering_proof_first_costs_points_and_holding_to_it_lets_harm_continue() {
    let s = scenario(FILE);
    let put_right = play(
        &s,
        &exemplary_with("call_city", &["wait_proof", "proof_correct", "call_kikan"]),
        1,
    );
    let best = play(&s, EXEMPLARY, 1);
    assert!(score(&put_right, "escalation") < score(&best, "escalation"));
    assert_eq!(ending_id(&put_right), "end_good");

    let held = exemplary_replacing(
        "call_city",
        "call_c",
        &["wait_proof", "proof_hold", "tue_city"],
    );
    let at_end = play_to_evaluation(&s, &held);
    assert_eq!(open_ids(&at_end), vec!["hear_harm".to_owned()]);

    // Waiting for the city's window after hours is the same delay.
    let mut late = exemplary_before("call_city");
    late.extend(["wait_proof", "proof_correct", "wait_tuesday"]);
    assert_eq!(play(&s, &late, 1).node_id(), "tuesday");
    // And still wanting the father's word after she is hurt ends there and then.
    late.push("tue_visit");
    assert_eq!(
        ending(&play(&s, &late, 1)),
        ("end_poor_harm", Outcome::Poor)
    );
}

#[test]
fn confronting_her_father_alone_costs_points_and_holding_to_it_lets_harm_continue() {
    let s = scenario(FILE);
    let best = play(&s, EXEMPLARY, 1);
    for (n, c) in [
        ("report_route", "confront_wait"),
        ("holiday_call", "holiday_father"),
        ("tuesday", "tue_visit"),
        ("secret", "ask_father_in"),
    ] {
        assert!(points_on(choice(&s, n, c), "ethics") <= -2, "{n}/{c}");
    }
    // Put right at the door: leave, and report from the car.
    let put_right = play(
        &s,
        &exemplary_with(
            "call_city",
            &["confront_wait", "confront_stop", "call_kikan"],
        ),
        1,
    );
    assert!(score(&put_right, "ethics") < score(&best, "ethics"));
    assert!(var(&put_right, "father") < var(&best, "father"));
    assert_eq!(ending_id(&put_right), "end_good");

    // Held to: pressing him for an explanation, and no report until she is hurt.
    let held = exemplary_replacing(
        "call_city",
        "call_c",
        &["confront_wait", "confront_press", "tue_city"],
    );
    let at_end = play_to_evaluation(&s, &held);
    assert_eq!(open_ids(&at_end), vec!["hear_harm".to_owned()]);
    assert!(score(&at_end, "ethics") < score(&put_right, "ethics"));
}

#[test]
fn promising_secrecy_costs_points_and_a_broken_promise_costs_her_trust() {
    let s = scenario(FILE);
    let best = play(&s, EXEMPLARY, 1);
    let explain = choice(&s, "secret", "explain_limits");
    assert!(explain.text.ja.contains("守るのが仕事の人"));
    assert!(points_on(explain, "ethics") > 0);
    let promise = choice(&s, "secret", "promise_secret");
    assert!(points_on(promise, "ethics") < 0);

    // Put right: report anyway, and tell her honestly before the city comes.
    let put_right = exemplary_replacing("explain_limits", "explain_limits", &["promise_secret"]);
    let put_right: Vec<&str> = put_right
        .into_iter()
        .map(|id| if id == "prep_c" { "apologise" } else { id })
        .collect();
    let owned_up = play(&s, &put_right, 1);
    assert!(score(&owned_up, "ethics") < score(&best, "ethics"));
    assert_eq!(ending_id(&owned_up), "end_good");

    // Report without a word to her, and she hears of it from the city.
    let silent: Vec<&str> = put_right
        .iter()
        .map(|&id| match id {
            "apologise" => "skip_prep_p",
            "hear_good" => "hear_betrayed",
            other => other,
        })
        .collect();
    let at_end = play_to_evaluation(&s, &silent);
    assert_eq!(open_ids(&at_end), vec!["hear_betrayed".to_owned()]);
    let to_fact_finding = |path: &[&str]| {
        let at = path.iter().position(|&id| id == "sit_beside").unwrap();
        play(&s, &path[..at], 1)
    };
    let (told, untold) = (to_fact_finding(&put_right), to_fact_finding(&silent));
    assert!(var(&untold, "trust") < var(&told, "trust"));
    assert!(score(&untold, "ethics") < score(&told, "ethics"));
    let betrayed = play(&s, &silent, 1);
    assert_eq!(ending(&betrayed), ("end_poor_trust", Outcome::Poor));

    // Keep the promise and report nothing, and she is hurt over the weekend.
    let kept = exemplary_replacing(
        "explain_limits",
        "prep_c",
        &["promise_secret", "keep_promise", "tue_city", "apologise"],
    );
    let at_end = play_to_evaluation(&s, &kept);
    assert_eq!(open_ids(&at_end), vec!["hear_harm".to_owned()]);
}

#[test]
fn escalating_is_not_handing_off() {
    let s = scenario(FILE);
    let best = play(&s, EXEMPLARY, 1);
    assert!(points_on(choice(&s, "role_after", "keep_support"), "escalation") > 0);
    assert!(points_on(choice(&s, "role_after", "hand_off"), "escalation") < 0);
    assert!(points_on(choice(&s, "weekend", "wait_city"), "escalation") < 0);

    // Held to: she waits for a specialist who does not come.
    let mut held = exemplary_before("keep_support");
    held.extend(["hand_off", "stay_back", "hear_handoff"]);
    let left = play(&s, &held, 1);
    assert_eq!(ending(&left), ("end_mixed_handoff", Outcome::Mixed));
    assert!(score(&left, "escalation") < score(&best, "escalation"));
    assert_eq!(
        left.issue_levels()[issue(&s, "abuse")],
        Some(Level::Safeguarding)
    );

    // Put right when her aunt calls: it can still end well.
    let back = play(
        &s,
        &exemplary_with("keep_support", &["hand_off", "resume"]),
        1,
    );
    assert!(score(&back, "escalation") < score(&best, "escalation"));
    assert_eq!(ending_id(&back), "end_good");
}

#[test]
fn blaming_her_father_closes_the_door_and_excusing_the_abuse_is_no_better() {
    let s = scenario(FILE);
    let best = play(&s, EXEMPLARY, 1);
    let accept = choice(&s, "father_meet", "accept_not_excuse");
    assert!(accept.text.ja.contains("お一人で"));
    assert!(accept.text.ja.contains("やめていただきたい"));
    assert_eq!(points_on(accept, "ethics"), 2);
    assert_eq!(
        points_on(choice(&s, "father_meet", "blame_father"), "ethics"),
        -2
    );
    assert_eq!(points_on(choice(&s, "father_meet", "excuse"), "ethics"), -2);

    // Held to: he is left to carry the mornings alone, and the house goes quiet.
    let held = exemplary_replacing(
        "accept_not_excuse",
        "over_next",
        &["blame_father", "insist"],
    );
    let at_end = play_to_evaluation(&s, &held);
    assert!(var(&at_end, "father") <= 2);
    assert_eq!(open_ids(&at_end), vec!["hear_tense".to_owned()]);
    let mut tense = at_end;
    tense.choose_id("hear_tense", 1.0).unwrap();
    assert_eq!(ending(&tense), ("end_mixed_tense", Outcome::Mixed));
    assert!(score(&tense, "ethics") < score(&best, "ethics"));
    assert!(score(&tense, "needs") < score(&best, "needs"));

    // Put right: apologise and listen, and it can still end well.
    let back = play(
        &s,
        &exemplary_with("accept_not_excuse", &["blame_father", "apologise_father"]),
        1,
    );
    assert!(score(&back, "ethics") < score(&best, "ethics"));
    assert_eq!(ending_id(&back), "end_good");
}

#[test]
fn deciding_for_her_where_she_lives_keeps_her_safe_but_not_her_own() {
    let s = scenario(FILE);
    let best = play(&s, EXEMPLARY, 1);
    let placed = play_to_evaluation(&s, &exemplary_with("plan_with_c", &["gh_safe"]));
    assert!(score(&placed, "self_determination") < score(&best, "self_determination"));
    assert_eq!(open_ids(&placed), vec!["hear_placed".to_owned()]);
    let mut placed = placed;
    placed.choose_id("hear_placed", 1.0).unwrap();
    assert_eq!(ending(&placed), ("end_mixed_placed", Outcome::Mixed));

    // A short stay chosen for her that first night is put right when she is asked again.
    let asked = play(
        &s,
        &exemplary_replacing("ask_c_where", "call_c", &["decide_shortstay", "placed_ask"]),
        1,
    );
    assert!(score(&asked, "self_determination") < score(&best, "self_determination"));
    assert_eq!(ending_id(&asked), "end_good");
}

#[test]
fn leading_questions_and_treating_her_as_a_child_cost_ethics() {
    let s = scenario(FILE);
    for (n, c) in [("notice", "notice_leading"), ("visit_hub", "ask_leading")] {
        let c = choice(&s, n, c);
        let (_, p, reason) = scores(c)
            .into_iter()
            .find(|(id, _, _)| id == "ethics")
            .unwrap();
        assert!(p < 0);
        assert!(reason.starts_with("誘導的な質問"), "{reason}");
    }
    let open = choice(&s, "notice", "notice_open");
    assert!(points_on(open, "ethics") > 0);
    let child = choice(&s, "c_choice", "childlike");
    let (_, p, reason) = scores(child)
        .into_iter()
        .find(|(id, _, _)| id == "ethics")
        .unwrap();
    assert!(p < 0 && reason.contains("子ども扱い"), "{reason}");
    // The partner provider's "C-chan" is named and put right with her dignity in view.
    assert!(node(&s, "meeting_bakery").text[0].ja.contains("Cちゃん"));
    let advocate = choice(&s, "meeting_bakery", "advocate");
    assert!(advocate.text.ja.contains("『Cさん』"));
    assert!(points_on(advocate, "ethics") > 0);
}

#[test]
fn the_hubs_run_on_a_clock_and_poor_questions_cost_as_much_as_good_ones() {
    let s = scenario(FILE);
    for id in ["visit_hub", "father_hub"] {
        let n = node(&s, id);
        let scene = n
            .scene
            .as_ref()
            .unwrap_or_else(|| panic!("`{id}` has no clock"));
        assert!(
            node(&s, &scene.over).scene.is_none(),
            "{id}: `over` is outside"
        );
        let questions: Vec<&Choice> = n
            .choices
            .iter()
            .filter(|c| c.once && c.minutes > 0)
            .collect();
        let total: i32 = questions.iter().map(|c| c.minutes).sum();
        assert!(total > scene.minutes, "{id}: time for every question");
        let good_total: i32 = questions
            .iter()
            .filter(|c| scores(c).iter().any(|(_, p, _)| *p > 0))
            .map(|c| c.minutes)
            .sum();
        assert!(good_total > scene.minutes, "{id}: every good question fits");
        let good: BTreeSet<i32> = questions
            .iter()
            .filter(|c| scores(c).iter().any(|(_, p, _)| *p > 0))
            .map(|c| c.minutes)
            .collect();
        let poor: BTreeSet<i32> = questions
            .iter()
            .filter(|c| scores(c).iter().all(|(_, p, _)| *p <= 0))
            .map(|c| c.minutes)
            .collect();
        assert!(!poor.is_empty(), "{id}: no poor question");
        assert_eq!(good, poor, "{id}: the minutes give the answer away");
    }
    // Asking everything at the visit runs the clock out before she says who she trusts.
    let mut path = exemplary_before("ask_bakery");
    path.extend(["ask_cannot", "ask_leading", "ask_slow", "ask_money"]);
    let session = play(&s, &path, 1);
    assert_eq!(session.node_id(), "visit_over");
    assert!(!session.is_revealed(s.entity("aunt").unwrap()));
}

#[test]
fn the_meetings_have_every_voice_in_the_room() {
    let s = scenario(FILE);
    let meeting = [
        "meeting_open",
        "meeting_home",
        "meeting_slow",
        "meeting_money",
        "meeting_bakery",
        "meeting_pattern",
    ];
    let room: BTreeSet<&str> = ["c", "aunt", "tamura", "city", "kikan"]
        .into_iter()
        .collect();
    let mut voices = BTreeSet::new();
    for id in meeting {
        let n = node(&s, id);
        let present: BTreeSet<&str> = n.present.iter().map(String::as_str).collect();
        assert_eq!(present, room, "{id}");
        voices.extend(n.speaker.clone());
        voices.extend(n.turns.iter().map(|t| t.by.clone()));
        for c in &n.choices {
            voices.extend(c.reply_by.clone());
            voices.extend(c.turns.iter().map(|t| t.by.clone()));
        }
    }
    for who in room {
        assert!(
            voices.contains(who),
            "{who} never speaks in the support meeting"
        );
    }
    // Ms C is at the centre of the fact-finding, with the city and the core centre.
    let fact = node(&s, "fact_finding");
    for who in ["c", "city", "kikan"] {
        assert!(fact.present.iter().any(|p| p == who), "{who}");
    }
    assert!(fact.turns.iter().any(|t| t.by == "kikan"));
    // Her father is never met alone.
    for id in ["father_meet", "father_closed", "father_hub"] {
        let present: BTreeSet<&str> = node(&s, id).present.iter().map(String::as_str).collect();
        let expected: BTreeSet<&str> = ["father", "city", "kikan"].into_iter().collect();
        assert_eq!(present, expected, "{id}");
    }
}

#[test]
fn a_breach_of_confidentiality_earns_nothing_and_is_scored_under_ethics() {
    let s = scenario(FILE);
    let mut breaches = 0;
    for n in &s.source.nodes {
        for c in &n.choices {
            let all = scores(c);
            let breach = all
                .iter()
                .any(|(_, p, reason)| *p < 0 && reason.starts_with("守秘義務"));
            if !breach {
                continue;
            }
            breaches += 1;
            for (competency, p, reason) in &all {
                if reason.starts_with("守秘義務") {
                    assert_eq!(competency, "ethics", "{}/{}", n.id, c.id);
                }
                assert!(
                    !(*p > 0 && (competency == "escalation" || competency == "community")),
                    "{}/{} earns {competency}",
                    n.id,
                    c.id
                );
            }
        }
    }
    assert!(breaches >= 3, "{breaches}");
    // Names at the council are sent back: nothing is raised, and the choice stays.
    let named = choice(&s, "council_sec", "sec_named");
    assert!(named.goto.is_none());
    assert!(
        !named
            .effects
            .iter()
            .any(|e| matches!(e, Effect::Raise { .. }))
    );
    // Telling her aunt about the report costs her father's trust too.
    let mut told = exemplary_before("aunt_need");
    told.push("aunt_all");
    let kept = play(&s, &exemplary_before("call_c"), 1);
    let told = play(&s, &told, 1);
    assert!(var(&told, "father") < var(&kept, "father"));
    assert!(score(&told, "ethics") < score(&kept, "ethics"));
    assert_eq!(score(&told, "community"), score(&kept, "community") - 1);
}

#[test]
fn her_father_is_supported_as_a_carer_and_she_keeps_her_own_money() {
    let s = scenario(FILE);
    let session = play(&s, EXEMPLARY, 1);
    for note in ["n_father", "s_father", "n_money", "n_safe"] {
        assert!(session.is_revealed(s.entity(note).unwrap()), "{note}");
    }
    let father = s.entity("father").unwrap();
    let carers = s.entity("carers").unwrap();
    assert!(
        session
            .ties()
            .iter()
            .any(|t| (t.0, t.1) == (father, carers) || (t.0, t.1) == (carers, father)),
        "{:?}",
        session.ties()
    );
    let money = choice(&s, "meeting_money", "money_hers");
    assert!(points_on(money, "self_determination") > 0);
    assert!(points_on(choice(&s, "meeting_money", "money_family"), "ethics") < 0);
}

/// The facts (記録) the session has recorded, by id, in the order they were found.
fn facts(session: &Session) -> Vec<&str> {
    let s = session.scenario();
    session
        .revealed()
        .iter()
        .filter_map(|&e| match e {
            tsunagu::core::compile::Item::Note(i)
                if s.source.notes[i as usize].kind == tsunagu::core::model::NoteKind::Fact =>
            {
                Some(s.source.notes[i as usize].id.as_str())
            }
            _ => None,
        })
        .collect()
}

#[test]
fn what_was_seen_and_her_own_words_are_recorded_as_facts_with_place_and_time() {
    use tsunagu::core::model::Lang;
    use tsunagu::core::transcript::describe;
    let s = scenario(FILE);
    let session = play(&s, EXEMPLARY, 1);
    assert_eq!(facts(&session), ["f_bruises", "f_morning"]);
    // The transcript shows each with its place, time and her words, apart from the needs.
    let lines: Vec<String> = session
        .transcript()
        .iter()
        .filter_map(|e| describe(&s, e, Lang::Ja))
        .filter(|l| l.starts_with("  + 記録: "))
        .collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[1].contains(
            "（場所: Cさんの自宅の居間（モニタリング訪問）／日時: 同じ訪問のなか、16時半すぎ）"
        ) && lines[1].contains("本人の言葉「お父さん、7時半におしごと。"),
        "{}",
        lines[1]
    );
    // A leading question gets no clean record of her words; checking with the staff first
    // brings their log to light (still a fact worth recording).
    let mut leading = play(&s, &["greet_role"], 1);
    leading.choose_id("notice_leading", 0.0).unwrap();
    assert_eq!(leading.node_id(), "visit_hub");
    assert!(facts(&leading).is_empty());
    let staff = play(
        &s,
        &exemplary_with("call_city", &["check_staff", "staff_correct", "call_kikan"]),
        1,
    );
    assert!(facts(&staff).contains(&"f_komugi"), "{:?}", facts(&staff));
}
