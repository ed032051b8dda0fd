//! Case 4: "I want to work at a type-A office" (scenarios/type-a-work.ron). Mr A, who has a
//! mental illness and goes to a type-B office, wants type-A work; behind the demand lie
//! missed medication and oversleeping, the bus he cannot ride, debts, and a pension his
//! mother holds. The tests play the exemplary path, then each wrong stance the seed warns
//! against (taking the demand at face value; telling him what his need is; acting on the
//! specialist's own doubt; deciding for him; contacting his mother without his consent):
//! each costs points, holding to it ends worse, and putting it right can still end well.
//! Then they hold the content in place: the phases of the cycle, the specialist's name and
//! role at intake, the needs he notices himself, his wish respected, the pension as a rights
//! matter, the meeting of several voices, the clocks of the hubs, the ladder from the
//! individual case to the plenary, and the ethics competency.

use std::collections::BTreeSet;

use tsunagu::core::compile::Compiled;
use tsunagu::core::engine::Session;
use tsunagu::core::model::{Choice, Level, Node, Outcome, Phase};

use crate::common::*;

const FILE: &str = "type-a-work.ron";

/// Every good move, in order: the Good ending with the most on every competency.
const EXEMPLARY: &[&str] = &[
    // Intake: meet him first, give name, office and role, reflect the demand.
    "ask_meet_a",
    "intro_role",
    "reflect_wish",
    // The specialist's own doubt, noticed and set aside (Biestek 3).
    "notice_doubt",
    // Assessment with Mr A, against the clock: strengths first, then what the demand is
    // for, his day, the absences, the journey, what he enjoys. The clock runs out.
    "ask_work_good",
    "ask_why_a",
    "ask_day",
    "ask_absence",
    "ask_commute",
    "ask_likes",
    "a_break_on",
    // His consent before his mother and the office are heard; the home visit.
    "ask_consent",
    "ask_m_good",
    "reframe_talk",
    "ask_m_worry",
    "ask_room",
    "ask_pension",
    "home_over_on",
    // He notices the needs himself; the pension is his money.
    "summarise",
    "rights_support",
    // Planning: his aim kept; the resources, chosen against the clock.
    "keep_aim",
    "r_nurse",
    "r_nichiji",
    "r_debt",
    "r_a_trial",
    "r_peer",
    "ask_shop",
    "finish_draft",
    "read_with_a",
    // The service-provider meeting.
    "invite_all",
    "a_first",
    "roles_strengths",
    "confirm_limits",
    "money_together",
    "note_gap",
    "close_a",
    // Intervention: his own way to work; the ladder.
    "ride_route",
    "to_kikan",
    "consent_anon",
    "wg_places",
    "plenary_voices",
    // Monitoring, the setback, evaluation.
    "mon_strength",
    "team_steps",
    "hear_setback",
    "eval_a_first",
    "hear_good",
];

/// EXEMPLARY with the steps `from` replaced by `to`.
fn exemplary_with<'a>(from: &[&str], to: &[&'a str]) -> Vec<&'a str> {
    replaced(EXEMPLARY, from, to)
}

/// EXEMPLARY up to (not including) the step `id`.
fn exemplary_before(id: &str) -> &'static [&'static str] {
    before(EXEMPLARY, id)
}

/// EXEMPLARY up to `id` and then `rest`: a path that leaves the exemplary one at `id`.
fn exemplary_then<'a>(id: &str, rest: &[&'a str]) -> Vec<&'a str> {
    let mut path = exemplary_before(id).to_vec();
    path.extend_from_slice(rest);
    path
}

/// A choice's points on every competency together.
fn total(c: &Choice) -> i32 {
    scores_of(c).iter().map(|(_, p, _)| p).sum()
}

/// The node of every step a session took, in order.
fn nodes_passed<'a>(s: &'a Compiled, session: &Session) -> Vec<&'a str> {
    session
        .steps()
        .iter()
        .map(|st| s.source.nodes[st.node as usize].id.as_str())
        .collect()
}

/// Whether a note, character or resource has been revealed in a session.
fn revealed(s: &Compiled, session: &Session, id: &str) -> bool {
    let e = s.entity(id).unwrap_or_else(|| panic!("no entity `{id}`"));
    session.revealed().contains(&e)
}

fn gap_level(s: &Compiled, session: &Session) -> Option<Level> {
    let i = s
        .source
        .issues
        .iter()
        .position(|i| i.id == "type_a_gap")
        .unwrap();
    session.issue_levels()[i]
}

/// The decision points: nodes with two or more choices that do not all score the same.
fn decision_points(s: &Compiled) -> Vec<&Node> {
    s.source
        .nodes
        .iter()
        .filter(|n| {
            let totals: BTreeSet<i32> = n.choices.iter().map(total).collect();
            n.choices.len() >= 2 && totals.len() >= 2
        })
        .collect()
}

#[test]
fn the_case_is_big_enough_and_analysed_exactly() {
    let s = scenario(FILE);
    let a = analysis(&s);
    assert!(a.exact, "the analysis must be exact, not a bound");
    // The debrief's guide is read off the same exploration.
    assert_eq!(a.guide.as_ref().map(|g| g.states()), Some(a.states));
    assert!(s.source.nodes.len() >= 45, "{} nodes", s.source.nodes.len());
    let points = decision_points(&s).len();
    assert!(points >= 30, "{points} decision points");
    for id in ["self_determination", "ethics"] {
        assert!(s.competency_index(id).is_some(), "the rubric defines {id}");
    }
    assert_earnable(&s, &a, s.competencies.iter().map(|c| c.id.as_str()));
    assert_every_outcome_reachable(&s, &a);
    assert!(a.endings.len() >= 6, "{} endings", a.endings.len());
}

/// The rubric's two extra competencies are word for word those of the other case studies.
#[test]
fn the_rubric_matches_the_other_cases() {
    let s = scenario(FILE);
    let other = scenario("home-or-facility.ron");
    for id in ["self_determination", "ethics"] {
        let mine = s.source.rubric.iter().find(|c| c.id == id).unwrap();
        let theirs = other.source.rubric.iter().find(|c| c.id == id).unwrap();
        assert_eq!(mine.name, theirs.name, "{id}");
        assert_eq!(mine.description, theirs.description, "{id}");
    }
}

#[test]
fn the_exemplary_path_earns_nearly_everything_and_ends_well() {
    let s = scenario(FILE);
    let a = analysis(&s);
    for seed in [1, 2, 3, 42, 2024] {
        let session = play(&s, EXEMPLARY, seed);
        let all = s.competencies.iter().map(|c| c.id.as_str());
        assert_percent_at_least(&session, &a, all, 90.0, seed);
        assert_eq!(ending(&session), ("end_good", Outcome::Good), "seed {seed}");
        assert!(var(&session, "trust") >= 4, "seed {seed}");
    }
}

#[test]
fn two_seeds_read_differently() {
    let s = scenario(FILE);
    assert_seeds_read_differently(&s, EXEMPLARY);
}

/// The exemplary path goes through the care-management cycle in order, every phase of it.
#[test]
fn the_phases_follow_the_care_management_cycle() {
    let s = scenario(FILE);
    let session = play(&s, EXEMPLARY, 1);
    let mut phases: Vec<Phase> = nodes_passed(&s, &session)
        .iter()
        .map(|id| node(&s, id).phase)
        .collect();
    phases.push(node(&s, "end_good").phase);
    assert!(
        phases.windows(2).all(|w| w[0] <= w[1]),
        "the phases go back: {phases:?}"
    );
    let seen: BTreeSet<Phase> = phases.into_iter().collect();
    assert_eq!(seen.len(), Phase::ALL.len(), "{seen:?}");
    assert_eq!(node(&s, "intake_call").phase, Phase::Intake);
}

/// Seed 003 インテーク: the specialist gives name, office and role, and it is rewarded.
#[test]
fn the_specialist_gives_name_office_and_role_at_intake() {
    let s = scenario(FILE);
    let intro = choice(&s, "intake_meet", "intro_role");
    for part in ["あおば相談支援事業所", "相談支援専門員", "小川", "役目"] {
        assert!(intro.text.ja.contains(part), "{part}: {}", intro.text.ja);
    }
    assert!(points(intro, "ethics") > 0);
    assert!(EXEMPLARY.contains(&"intro_role"));
    // Reading out the contract first, or going straight to type A, earns nothing.
    for id in ["intro_contract", "intro_straight"] {
        assert_eq!(total(choice(&s, "intake_meet", id)), 0, "{id}");
    }
    let session = play(&s, exemplary_before("reflect_wish"), 1);
    assert_eq!(score(&session, "ethics"), 1);
}

/// The header names the seed facts the case draws on.
#[test]
fn the_header_names_the_seed_facts() {
    let text = std::fs::read_to_string(repo().join("scenarios").join(FILE)).unwrap();
    let header: String = text
        .lines()
        .take_while(|l| l.starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    for fact in [
        "seed 003",
        "four days a week",
        "ニーズを本人に気づいてもらう",
        "pension book",
        "public transport",
        "debts",
        "Biestek",
        "second principle",
    ] {
        assert!(header.contains(fact), "the header names `{fact}`");
    }
}

/// The case's facts are all in the notes: the demand, and the four needs of seed 003.
#[test]
fn the_notes_hold_the_demand_and_the_needs_of_the_seed() {
    let s = scenario(FILE);
    let text = |id: &str| {
        &s.source
            .notes
            .iter()
            .find(|n| n.id == id)
            .unwrap_or_else(|| panic!("no note `{id}`"))
            .text
            .ja
    };
    assert!(text("d_type_a").contains("A型"));
    assert!(text("n_meds").contains("飲み忘れ") && text("n_meds").contains("寝坊"));
    assert!(text("n_transport").contains("バス"));
    assert!(text("n_debt").contains("借金") && text("n_debt").contains("役所や銀行"));
    assert!(text("n_money").contains("年金通帳") && text("n_money").contains("小遣い"));
    // All revealed on the exemplary path.
    let session = play(&s, EXEMPLARY, 1);
    for id in [
        "d_type_a",
        "n_meds",
        "n_transport",
        "n_debt",
        "n_money",
        "s_talk",
    ] {
        assert!(revealed(&s, &session, id), "{id}");
    }
}

// ---------------------------------------------------------------------------------------
// The wrong stances of seed 003: each costs points, holding to it ends worse, and a
// mistake put right can still end well.

/// Taking the demand at face value: straight to a type-A visit and an application, then
/// "dig in" when the lateness starts. He drops out.
#[test]
fn taking_the_demand_at_face_value_ends_in_dropping_out() {
    let s = scenario(FILE);
    let a = analysis(&s);
    let face = choice(&s, "wish_open", "face_value");
    assert!(points(face, "needs") <= -2);
    let path = exemplary_then("reflect_wish", &["face_value", "rush_apply", "rush_push"]);
    let session = play(&s, &path, 1);
    assert_eq!(
        ending(&session),
        ("end_poor_dropout", Outcome::Poor),
        "pushed into type A too early"
    );
    assert!(score(&session, "needs") <= -4);
    assert!(percent(&session, &a, "needs") < 0.0);
    // The needs behind the demand were never found.
    for id in ["n_meds", "n_transport", "n_debt", "n_money"] {
        assert!(!revealed(&s, &session, id), "{id}");
    }
}

/// Stopping at the visit, or going back to assess when the lateness starts, can still
/// end well; the slip still costs points.
#[test]
fn the_face_value_slip_put_right_can_still_end_well() {
    let s = scenario(FILE);
    let good = play(&s, EXEMPLARY, 1);
    for detour in [
        &["face_value", "rush_back", "notice_doubt"][..],
        &["face_value", "rush_apply", "rush_reassess", "notice_doubt"][..],
    ] {
        let path = exemplary_with(&["reflect_wish", "notice_doubt"], detour);
        let session = play(&s, &path, 1);
        assert_eq!(ending(&session), ("end_good", Outcome::Good), "{detour:?}");
        assert!(
            score(&session, "needs") < score(&good, "needs"),
            "{detour:?}: the slip costs points"
        );
    }
    let reassess = choice(&s, "rush_monitor", "rush_reassess");
    assert!(
        points(reassess, "needs") > 0,
        "going back to assess is monitoring"
    );
}

/// Telling him what his need is, and holding to it: a plan he was told to follow, and no
/// more talk of type A.
#[test]
fn telling_him_his_need_ends_in_a_plan_he_was_told_to_follow() {
    let s = scenario(FILE);
    let tell = choice(&s, "wish_open", "tell_need");
    assert!(points(tell, "needs") <= -2);
    for id in ["told_insist", "told_list"] {
        let path = exemplary_then("reflect_wish", &["tell_need", id, "told_go"]);
        let session = play(&s, &path, 1);
        assert_eq!(ending(&session), ("end_mixed_told", Outcome::Mixed), "{id}");
        assert!(score(&session, "needs") < 0, "{id}");
        assert!(var(&session, "trust") <= 1, "{id}");
    }
    // Later, at the summary: telling instead of summarising. He never names the needs
    // himself, and the Good ending is out of reach.
    let summary = choice(&s, "a_summary", "tell_needs");
    assert!(points(summary, "needs") <= -2);
    let mut path = exemplary_with(&["summarise"], &["tell_needs"]);
    *path.last_mut().unwrap() = "hear_mixed";
    let session = play(&s, &path, 1);
    assert_eq!(ending(&session), ("end_mixed_b", Outcome::Mixed));
    let good = play(&s, EXEMPLARY, 1);
    assert!(score(&session, "needs") <= score(&good, "needs") - 4);
}

/// An apology and an open question put the telling right.
#[test]
fn telling_put_right_can_still_end_well() {
    let s = scenario(FILE);
    let path = exemplary_with(
        &["reflect_wish", "notice_doubt"],
        &["tell_need", "told_back", "notice_doubt"],
    );
    let session = play(&s, &path, 1);
    assert_eq!(ending(&session), ("end_good", Outcome::Good));
    let good = play(&s, EXEMPLARY, 1);
    assert!(score(&session, "needs") < score(&good, "needs"));
}

/// Acting on the specialist's own doubt ("can he really work?") is scored under ethics
/// (Biestek 3); holding to it, he gives up on work.
#[test]
fn acting_on_the_doubt_ends_with_him_giving_up() {
    let s = scenario(FILE);
    let notice = choice(&s, "doubt", "notice_doubt");
    assert_eq!(points(notice, "ethics"), 2);
    assert!(
        scores_of(notice)
            .iter()
            .any(|(_, _, r)| r.ja.contains("原則3") && r.ja.contains("自分の感情")),
        "the reason names Biestek's third principle"
    );
    assert!(
        node(&s, "doubt")
            .text
            .iter()
            .all(|t| t.ja.contains("のかしら"))
    );
    let voice = choice(&s, "doubt", "voice_doubt");
    assert_eq!(points(voice, "ethics"), -2);
    // Keeping it to oneself and cheering him on is kind but earns nothing.
    assert_eq!(total(choice(&s, "doubt", "cheer_on")), 0);
    for id in ["doubt_hold", "doubt_wages"] {
        let path = exemplary_then("notice_doubt", &["voice_doubt", id, "gave_up_visit"]);
        let session = play(&s, &path, 1);
        assert_eq!(
            ending(&session),
            ("end_poor_gave_up", Outcome::Poor),
            "{id}"
        );
        assert!(score(&session, "ethics") < 0, "{id}");
    }
}

/// Owning the remark and asking about his life puts it right; the ethics points stay lost.
#[test]
fn the_doubt_put_right_can_still_end_well() {
    let s = scenario(FILE);
    let a = analysis(&s);
    let path = exemplary_with(&["notice_doubt"], &["voice_doubt", "doubt_back"]);
    let session = play(&s, &path, 1);
    assert_eq!(ending(&session), ("end_good", Outcome::Good));
    let good = play(&s, EXEMPLARY, 1);
    assert_eq!(score(&session, "ethics"), score(&good, "ethics") - 4);
    assert!(percent(&session, &a, "ethics") < 90.0);
}

/// Deciding for him: the transition office instead of his type-A goal. He goes, and keeps
/// saying he wanted type A.
#[test]
fn deciding_for_him_ends_on_a_route_he_did_not_choose() {
    let s = scenario(FILE);
    let keep = choice(&s, "plan_goal", "keep_aim");
    assert_eq!(points(keep, "self_determination"), 2);
    assert!(
        scores_of(keep)
            .iter()
            .any(|(_, _, r)| r.ja.contains("原則2")),
        "the reason names the guideline's second principle"
    );
    assert!(points(choice(&s, "plan_goal", "b_first"), "self_determination") < 0);
    assert!(points(choice(&s, "plan_goal", "iko_instead"), "self_determination") <= -2);
    let path = exemplary_then("keep_aim", &["iko_instead", "iko_go", "iko_on"]);
    let session = play(&s, &path, 1);
    assert_eq!(ending(&session), ("end_mixed_iko", Outcome::Mixed));
    assert!(score(&session, "self_determination") < 0);
    // Transition support as one option among others is information, not a mistake.
    assert_eq!(total(choice(&s, "resources", "r_iko")), 0);
}

#[test]
fn deciding_for_him_put_right_can_still_end_well() {
    let s = scenario(FILE);
    let path = exemplary_with(&["keep_aim"], &["iko_instead", "iko_back"]);
    let session = play(&s, &path, 1);
    assert_eq!(ending(&session), ("end_good", Outcome::Good));
    let good = play(&s, EXEMPLARY, 1);
    assert!(score(&session, "self_determination") <= score(&good, "self_determination") - 2);
}

/// Contacting his mother without his consent is a breach of confidentiality, under ethics
/// and nowhere else; held to, it shuts the Good ending, and an apology reopens it.
#[test]
fn contacting_his_mother_without_consent_costs_and_an_apology_repairs() {
    let s = scenario(FILE);
    let call = choice(&s, "consent_home", "call_mother");
    assert_eq!(points(call, "ethics"), -2);
    assert_eq!(scores_of(call).len(), 1, "only ethics");
    let ask = choice(&s, "consent_home", "ask_consent");
    assert!(points(ask, "ethics") > 0);
    assert!(
        ask.text.ja.contains("佐々木さん"),
        "the office is heard with his consent too"
    );
    // Asking the type-B office for his records before meeting him costs ethics.
    assert!(points(choice(&s, "intake_call", "ask_records"), "ethics") < 0);

    let good = play(&s, EXEMPLARY, 1);
    // Held to: with the breach, asking him about the bike shop is no longer on offer.
    let held = exemplary_with(&["ask_consent"], &["call_mother", "breach_explain"]);
    let mut held = replaced(&held, &["ask_shop", "finish_draft"], &["to_draft"]);
    *held.last_mut().unwrap() = "hear_mixed";
    let session = play(&s, &held, 1);
    assert_eq!(ending(&session), ("end_mixed_b", Outcome::Mixed));
    assert!(score(&session, "ethics") <= score(&good, "ethics") - 4);

    let repaired = exemplary_with(&["ask_consent"], &["call_mother", "breach_sorry"]);
    let session = play(&s, &repaired, 1);
    assert_eq!(ending(&session), ("end_good", Outcome::Good));
    assert_eq!(score(&session, "ethics"), score(&good, "ethics") - 3);
}

/// Telling the bike shop about him without his consent: the same breach, on the informal
/// side, and it costs the consent that would have earned community points.
#[test]
fn telling_the_bike_shop_without_consent_is_a_breach() {
    let s = scenario(FILE);
    let tell = choice(&s, "resources", "tell_shop");
    assert_eq!(points(tell, "ethics"), -2);
    assert!(points(tell, "community") <= 0);
    let mut session = play(&s, exemplary_before("r_peer"), 1);
    assert!(open_ids(&session).contains(&"tell_shop".to_owned()));
    session.choose_id("tell_shop", 1.0).unwrap();
    assert_eq!(session.node_id(), "resources");
    assert!(
        !open_ids(&session).contains(&"ask_shop".to_owned()),
        "after a breach, asking for consent is no longer on offer"
    );
}

// ---------------------------------------------------------------------------------------
// The content: needs he notices himself, his rights, the team, the clocks, the ladder.

/// Seed 003: the needs are noticed by him. The summary that lets him name them is open only
/// once his day and what the demand is for have been heard; then he says it himself.
#[test]
fn he_notices_the_needs_himself_after_a_summary() {
    let s = scenario(FILE);
    let summarise = choice(&s, "a_summary", "summarise");
    assert_eq!(points(summarise, "needs"), 2);
    assert!(
        scores_of(summarise)
            .iter()
            .any(|(_, _, r)| r.ja.contains("要約") && r.ja.contains("気づ")),
        "the reason names summarising and his noticing"
    );
    let reply = &summarise.reply.as_ref().unwrap().ja;
    assert!(reply.contains("朝") && reply.contains("借金"), "{reply}");
    // Without asking about his day, there is nothing to summarise.
    let path = replaced(
        exemplary_before("summarise"),
        &["ask_day", "ask_absence"],
        &["ask_history", "ask_absence"],
    );
    let session = play(&s, &path, 1);
    assert_eq!(session.node_id(), "a_summary");
    let open = open_ids(&session);
    assert!(!open.contains(&"summarise".to_owned()), "{open:?}");
    assert!(open.contains(&"summarise_thin".to_owned()), "{open:?}");
}

/// The pension is his own money: standing with him earns ethics, and neither leaving it as
/// a family matter nor condemning his worried mother does.
#[test]
fn the_pension_is_his_money_and_his_mother_is_not_blamed() {
    let s = scenario(FILE);
    let rights = choice(&s, "pension_talk", "rights_support");
    assert_eq!(points(rights, "ethics"), 2);
    assert!(rights.text.ja.contains("ご自身のお金"));
    assert!(rights.text.ja.contains("お母さまのご心配"));
    for id in ["be_patient", "judge_mother", "stay_out"] {
        let c = choice(&s, "pension_talk", id);
        assert!(points(c, "ethics") < 0, "{id}");
        assert!(
            scores_of(c).iter().all(|(id, _, _)| *id == "ethics"),
            "{id}"
        );
    }
    let judge = choice(&s, "pension_talk", "judge_mother");
    assert!(
        scores_of(judge)
            .iter()
            .any(|(_, _, r)| r.ja.starts_with("非審判的態度")),
        "condemning the parent is named as judgemental"
    );
    // At home, approving the arrangement unexamined costs ethics too.
    assert!(points(choice(&s, "hub_home", "praise_control"), "ethics") < 0);
    // At the meeting, his mother agrees to a weekly sum with the welfare council's help.
    let together = choice(&s, "meeting_mother", "money_together");
    assert!(points(together, "ethics") > 0);
    assert!(points(choice(&s, "meeting_mother", "return_book"), "ethics") < 0);
    let session = play(&s, EXEMPLARY, 1);
    assert!(revealed(&s, &session, "nichiji"));
    assert!(revealed(&s, &session, "n_mother"), "her own fear is heard");
}

/// Review S6 and the brief: confidentiality, consent, acceptance, a non-judgemental
/// attitude and advocacy are scored under ethics, and a breach never earns escalation or
/// community.
#[test]
fn confidentiality_consent_and_rights_are_scored_under_ethics() {
    let s = scenario(FILE);
    let principles = [
        "守秘義務",
        "本人の同意",
        "受容",
        "非審判的",
        "権利擁護",
        "バイステック",
        "個人情報",
    ];
    let seen = assert_ethics_scored_as_ethics(&s, &principles);
    assert!(seen >= 15, "{seen} ethics reasons");
    let records = choice(&s, "council_consent", "share_records");
    assert_eq!(points(records, "ethics"), -2);
    assert_eq!(scores_of(records).len(), 1);
}

/// The service-provider meeting uses the meeting format: Mr A, his mother, the type-B
/// service manager and the visiting nurse are in the room, and each of them speaks.
#[test]
fn the_service_provider_meeting_has_several_voices() {
    let s = scenario(FILE);
    let room = ["a", "mother", "sasaki", "nurse"];
    assert_meeting(
        &s,
        &[
            "meeting_open",
            "meeting_roles",
            "meeting_limits",
            "meeting_mother",
            "meeting_gap",
            "meeting_close",
        ],
        &room,
    );
    // The meeting's order: he speaks first, roles, what cannot be done yet, his consent.
    let session = play(&s, EXEMPLARY, 1);
    let passed = nodes_passed(&s, &session);
    let at = |id: &str| passed.iter().position(|&n| n == id).unwrap();
    assert!(at("meeting_open") < at("meeting_roles"));
    assert!(at("meeting_roles") < at("meeting_limits"));
    assert!(at("meeting_limits") < at("meeting_close"));
    assert!(points(choice(&s, "meeting_limits", "confirm_limits"), "needs") > 0);
    assert!(points(choice(&s, "meeting_close", "close_a"), "ethics") > 0);
    // Without him, he is not in the room, and it costs self-determination.
    assert!(!node(&s, "meeting_no_a").present.iter().any(|p| p == "a"));
    assert!(
        points(
            choice(&s, "prep_meeting", "invite_no_a"),
            "self_determination"
        ) <= -2
    );
}

/// The hubs have clocks: the questions that matter most fill the time only if none is
/// spent on the others, and the clock ends outside the hub.
#[test]
fn the_hubs_have_clocks_so_questions_must_be_chosen() {
    let s = scenario(FILE);
    for (hub, over, next) in [
        ("hub_a", "a_break", "a_break_on"),
        ("hub_home", "home_over", "home_over_on"),
        ("resources", "resources_over", "finish_draft"),
    ] {
        let scene = node(&s, hub).scene.as_ref().expect("a scene");
        let asked: i32 = node(&s, hub)
            .choices
            .iter()
            .filter(|c| c.once)
            .map(|c| c.minutes)
            .sum();
        let share = scene.minutes as f64 / asked as f64;
        assert!(
            (0.5..=0.7).contains(&share),
            "{hub}: {} of {asked}",
            scene.minutes
        );
        assert_eq!(scene.over, over, "{hub}");
        // The exemplary path spends the whole budget on the questions that matter.
        let session = play(&s, exemplary_before(next), 1);
        assert_eq!(session.node_id(), over, "{hub}: the time is up");
    }
    // Good and poor questions cost the same spread of minutes: the clock is no cue.
    for hub in ["hub_a", "hub_home", "resources"] {
        let minutes = |good: bool| -> BTreeSet<i32> {
            node(&s, hub)
                .choices
                .iter()
                .filter(|c| c.once && (total(c) > 0) == good)
                .map(|c| c.minutes)
                .collect()
        };
        let (good, other) = (minutes(true), minutes(false));
        assert!(
            good.len() >= 2 && other.len() >= 2,
            "{hub}: {good:?} {other:?}"
        );
        assert!(good.intersection(&other).count() >= 2, "{hub}");
    }
    // A poor question costs one of the good ones.
    let mut session = play(&s, exemplary_before("ask_likes"), 1);
    session.choose_id("lecture_absence", 1.0).unwrap();
    assert_eq!(session.node_id(), "a_break", "the time is up");
}

/// The regional issue appears only once noticed, and climbs the ladder from there:
/// individual → individual support meeting → secretariat → working group → plenary.
#[test]
fn the_issue_appears_only_once_noticed_and_climbs_the_ladder() {
    let s = scenario(FILE);
    let level = |id: &str| gap_level(&s, &play(&s, exemplary_before(id), 1));
    assert_eq!(level("r_a_trial"), None);
    assert_eq!(level("r_peer"), Some(Level::Individual));
    assert_eq!(level("close_a"), Some(Level::SupportMeeting));
    assert_eq!(level("consent_anon"), Some(Level::Secretariat));
    assert_eq!(level("plenary_voices"), Some(Level::WorkingGroup));
    assert_eq!(gap_level(&s, &play(&s, EXEMPLARY, 1)), Some(Level::Plenary));
    // Escalating is not handing off; driving him oneself is over-support.
    assert!(points(choice(&s, "kikan", "hand_over"), "escalation") < 0);
    assert!(points(choice(&s, "trial_prep", "drive_him"), "escalation") < 0);
    // Keeping it to his case leaves him short of the Good ending.
    let mut path = exemplary_with(
        &["to_kikan", "consent_anon", "wg_places", "plenary_voices"],
        &["wait_year"],
    );
    *path.last_mut().unwrap() = "hear_mixed";
    let session = play(&s, &path, 1);
    assert_eq!(ending(&session), ("end_mixed_b", Outcome::Mixed));
    assert!(gap_level(&s, &session) <= Some(Level::SupportMeeting));
}

/// The resources the seed and the instructor name are on the exemplary path, formal and
/// informal, and the informal ones only with his consent.
#[test]
fn formal_and_informal_resources_are_found_with_his_consent() {
    let s = scenario(FILE);
    let session = play(&s, EXEMPLARY, 1);
    for id in [
        "houkan",
        "nurse",
        "nichiji",
        "debt_help",
        "a_office",
        "bike_shop",
        "tamura",
        "ono",
    ] {
        assert!(revealed(&s, &session, id), "{id}");
    }
    let shop = choice(&s, "resources", "ask_shop");
    assert!(points(shop, "community") > 0 && points(shop, "ethics") > 0);
    let peer = choice(&s, "resources", "r_peer");
    assert!(peer.chance.is_some(), "a peer is his choice to meet");
    // His strengths shape the way to work: the bike, not the bus he can't ride.
    assert!(points(choice(&s, "trial_prep", "ride_route"), "strengths") > 0);
    assert_eq!(total(choice(&s, "trial_prep", "bus_practice")), 0);
}

/// The Good ending needs the key steps: his own noticing, the debts, the pocket money, the
/// council, his trust and no breach. Leaving out any one of them ends short of it.
#[test]
fn the_good_ending_needs_every_key_step() {
    let s = scenario(FILE);
    let mixed = |path: Vec<&str>| {
        let mut path = path;
        *path.last_mut().unwrap() = "hear_mixed";
        let session = play(&s, &path, 1);
        assert_eq!(
            ending(&session),
            ("end_mixed_b", Outcome::Mixed),
            "{path:?}"
        );
    };
    // No debt advice.
    mixed(exemplary_with(
        &["r_debt", "r_a_trial", "r_peer", "ask_shop", "finish_draft"],
        &["r_a_trial", "r_peer", "ask_shop", "to_draft"],
    ));
    // No help with money, so no pocket money.
    mixed(exemplary_with(
        &[
            "r_nichiji",
            "r_debt",
            "r_a_trial",
            "r_peer",
            "ask_shop",
            "finish_draft",
            "read_with_a",
            "invite_all",
            "a_first",
            "roles_strengths",
            "confirm_limits",
            "money_together",
        ],
        &[
            "r_debt",
            "r_a_trial",
            "r_peer",
            "ask_shop",
            "to_draft",
            "read_with_a",
            "invite_all",
            "a_first",
            "roles_strengths",
            "confirm_limits",
            "money_talk",
        ],
    ));
    // Without visiting nursing, the setback finds no one there.
    let path = exemplary_with(&["r_nurse", "r_nichiji"], &["r_nichiji"]);
    let path = replaced(
        &path,
        &["ask_shop", "finish_draft"],
        &["ask_shop", "to_draft"],
    );
    let path = replaced(
        &path,
        &["team_steps", "hear_setback"],
        &["scramble", "bad_wait"],
    );
    let mut path = path;
    *path.last_mut().unwrap() = "hear_pause";
    let session = play(&s, &path, 1);
    assert_eq!(ending(&session), ("end_mixed_pause", Outcome::Mixed));
}

/// Polite, natural Japanese, both languages everywhere, and no net style.
#[test]
fn the_texts_read_as_an_instructor_would_write_them() {
    let s = scenario(FILE);
    for t in all_texts(&s) {
        assert!(!t.ja.is_empty() && !t.en.is_empty(), "{t:?}");
        for wrong in [
            "（笑）",
            "(笑)",
            "わし",
            "じゃのう",
            "サビ管",
            "全部私に任せて",
            "念のため",
            "時間もないので",
        ] {
            assert!(!t.ja.contains(wrong), "{wrong}: {}", t.ja);
        }
    }
    // Full terms at least once.
    let cast = |id: &str| &s.source.cast.iter().find(|c| c.id == id).unwrap().name.ja;
    assert!(cast("sasaki").contains("サービス管理責任者"));
}

/// The options give nothing away by their length: the best is not usually the longest nor
/// the shortest, and the longest is not usually the worst.
#[test]
fn the_length_of_an_option_is_no_cue() {
    let s = scenario(FILE);
    let points = decision_points(&s);
    let (mut longest_best, mut shortest_best, mut longest_worst) = (0, 0, 0);
    for n in &points {
        let totals: Vec<i32> = n.choices.iter().map(total).collect();
        let (best, worst) = (*totals.iter().max().unwrap(), *totals.iter().min().unwrap());
        let len = |i: usize| n.choices[i].text.ja.chars().count();
        let longest = (0..n.choices.len()).max_by_key(|&i| len(i)).unwrap();
        let shortest = (0..n.choices.len()).min_by_key(|&i| len(i)).unwrap();
        longest_best += usize::from(totals[longest] == best);
        shortest_best += usize::from(totals[shortest] == best);
        longest_worst += usize::from(totals[longest] == worst);
    }
    let half = points.len() / 2;
    assert!(
        longest_best <= half,
        "longest is best at {longest_best} of {}",
        points.len()
    );
    assert!(
        shortest_best <= half,
        "shortest is best at {shortest_best} of {}",
        points.len()
    );
    assert!(
        longest_worst <= half,
        "longest is worst at {longest_worst} of {}",
        points.len()
    );
}
