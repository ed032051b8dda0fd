//! Case 1, the withdrawn young adult (`scenarios/withdrawn-young-adult.ron`): the exemplary
//! path, the poor moves the case warns against (deciding for A, blaming or bypassing the
//! mother, never involving the community, working alone, breaking confidentiality), the
//! trade-offs particular to it (telling the classmate without consent, missing the passing
//! remark, handing off), and the corrections of the content review (the role at intake, the
//! limits of confidentiality, a support plan rather than a service plan, casework with the
//! mother, a peer letter that shares nothing and may fail, A's message passed on by A, the
//! reward for a reframed setback, A's own pace respected, time as a resource at the hubs).

use std::collections::HashSet;

use tsunagu::core::compile::Compiled;
use tsunagu::core::engine::{Mode, Session};
use tsunagu::core::model::{Choice, Effect, Lang, Level, Outcome, Text, TieKind};
use tsunagu::core::scoring::missed;
use tsunagu::core::transcript::describe;

use crate::common::*;

const FILE: &str = "withdrawn-young-adult.ron";

/// Micro (the mother, then A), meso (the classmates), macro (the chamber of commerce), and
/// the issue up the ladder to the plenary. The first interview's clock is spent on the four
/// questions that matter most here and the follow-up of the passing remark; A's ten minutes on
/// his likes, a reframe, his wish and his consent. Every chance on it is certain (the
/// mother's trust and the rapport with A are high enough), so any seed works.
const EXEMPLARY: &[&str] = &[
    "welcome",
    "reflect",
    "confidential",
    "ask_day",
    "ask_history",
    "catch_remark",
    "ask_mother",
    "ask_father",
    "to_classmate",
    "ask_consent",
    "affirm_mother",
    "invite_father",
    "thanks_first",
    "family_group",
    "letter",
    "a_likes",
    "reframe",
    "a_wish",
    "a_sato",
    "close_meet",
    "options",
    "his_order",
    "a_line",
    "ask_sato_idea",
    "a_decides_join",
    "facilitate",
    "summarise",
    "introduce_peer",
    "praise",
    "merit",
    "trial_pace",
    "normalise",
    "respect_pace",
    "explain_purpose",
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
    "to_family",
    "invite_father",
    "thanks_first",
    "later_mother",
    "letter",
    "a_likes",
    "reframe",
    "a_wish",
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

/// From the plan to the formal ending, the classmates never in it: a plan in his order, a
/// peer supporter, and the shared issue still taken to the plenary.
const WITHOUT_CLASSMATES: &[&str] = &[
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

/// Plays `choices`; where a letter to A goes unanswered (a chance), asks a peer supporter for
/// a letter of his own, and if that too goes unanswered, waits at A's pace, which brings A to
/// the table. Returns the session.
fn play_through_letter(choices: &[&str], seed: u64) -> Session {
    let s = scenario(FILE);
    let mut session = Session::new(s, seed, Mode::Training);
    for id in choices {
        choose(&mut session, id);
        if session.node_id() == "a_silent" {
            choose(&mut session, "peer_letter");
        }
        if session.node_id() == "a_wait" {
            choose(&mut session, "wait_pace");
        }
    }
    session
}

/// The exemplary path with some of its choices replaced (by none, one or several).
fn exemplary_with<'a>(replace: &[(&str, &[&'a str])]) -> Vec<&'a str> {
    let mut path = Vec::new();
    for &id in EXEMPLARY {
        match replace.iter().find(|(from, _)| *from == id) {
            Some((_, to)) => path.extend_from_slice(to),
            None => path.push(id),
        }
    }
    path
}

/// The exemplary path up to (not including) `id`.
fn exemplary_until(id: &str) -> &'static [&'static str] {
    let at = EXEMPLARY
        .iter()
        .position(|&x| x == id)
        .unwrap_or_else(|| panic!("`{id}` is not on the exemplary path"));
    &EXEMPLARY[..at]
}

/// Every effect of a choice, its chance's branches included.
fn effects_of(c: &Choice) -> Vec<&Effect> {
    let mut out: Vec<&Effect> = c.effects.iter().collect();
    if let Some(ch) = &c.chance {
        out.extend(ch.success.effects.iter());
        out.extend(ch.failure.effects.iter());
    }
    out
}

/// The points a choice scores on a competency (its branches included).
fn points_of(c: &Choice, competency: &str) -> i32 {
    effects_of(c)
        .into_iter()
        .filter_map(|e| match e {
            Effect::Score {
                competency: comp,
                points,
                ..
            } if comp == competency => Some(*points),
            _ => None,
        })
        .sum()
}

/// The reasons of a choice's scores, in Japanese.
fn reasons_of(c: &Choice) -> Vec<&str> {
    effects_of(c)
        .into_iter()
        .filter_map(|e| match e {
            Effect::Score { reason, .. } => Some(reason.ja.as_str()),
            _ => None,
        })
        .collect()
}

/// Every text of the scenario a trainee can read.
fn all_texts(s: &Compiled) -> Vec<(String, &Text)> {
    let src = &s.source;
    let mut out: Vec<(String, &Text)> = vec![
        ("title".to_owned(), &src.title),
        ("summary".to_owned(), &src.summary),
    ];
    out.extend(src.goals.iter().map(|g| ("goal".to_owned(), g)));
    for n in &src.nodes {
        let at = |what: &str| format!("{}: {what}", n.id);
        out.extend(n.text.iter().map(|t| (at("text"), t)));
        out.extend(
            n.moods
                .iter()
                .flat_map(|m| &m.text)
                .map(|t| (at("mood"), t)),
        );
        out.extend(n.turns.iter().map(|t| (at("turn"), &t.text)));
        if let Some(e) = &n.ending {
            out.push((at("ending"), &e.title));
        }
        for c in &n.choices {
            let at = |what: &str| format!("{}/{}: {what}", n.id, c.id);
            out.push((at("text"), &c.text));
            out.extend(c.reply.iter().map(|t| (at("reply"), t)));
            out.extend(c.turns.iter().map(|t| (at("turn"), &t.text)));
            if let Some(ch) = &c.chance {
                for b in [&ch.success, &ch.failure] {
                    out.extend(b.reply.iter().map(|t| (at("branch reply"), t)));
                }
            }
            for e in effects_of(c) {
                if let Effect::Score { reason, .. } = e {
                    out.push((at("reason"), reason));
                }
            }
        }
    }
    out
}

/// What a session has said so far, in Japanese, one line per event.
fn said(session: &Session) -> String {
    let s = session.scenario();
    session
        .transcript()
        .iter()
        .filter_map(|e| describe(s, e, Lang::Ja))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_scenario_is_large_enough_and_fully_analysed() {
    let s = scenario(FILE);
    let a = analysis(&s);
    assert!(s.source.nodes.len() >= 50, "{} nodes", s.source.nodes.len());
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
    // Both hubs of questions run on a clock.
    for hub in ["assess_hub", "a_meet"] {
        assert!(node(&s, hub).scene.is_some(), "`{hub}` has no clock");
    }
}

#[test]
fn the_exemplary_path_earns_every_competency_and_ends_well() {
    let s = scenario(FILE);
    let a = analysis(&s);
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
        // The resources a man with no certificate and no services can use were found.
        for id in ["hikikomori_center", "jiritsu", "kokoro", "family_group"] {
            assert!(
                session.is_revealed(s.entity(id).unwrap()),
                "seed {seed}: `{id}` not found"
            );
        }
    }
}

#[test]
fn two_playthroughs_do_not_read_the_same() {
    let s = scenario(FILE);
    let (one, two) = assert_seeds_read_differently(&s, EXEMPLARY);
    assert_eq!(one.scores(), two.scores());
}

#[test]
fn the_specialist_gives_name_and_role_at_intake() {
    // F1: on the good path the specialist introduces themselves and says what they are for.
    let s = scenario(FILE);
    assert_eq!(EXEMPLARY[0], "welcome");
    let welcome = choice(&s, "arrive", "welcome");
    assert!(
        welcome.text.ja.contains("相談支援専門員"),
        "{}",
        welcome.text.ja
    );
    assert!(
        welcome.text.ja.contains("と申します"),
        "{}",
        welcome.text.ja
    );
    assert!(welcome.text.ja.contains("役目"), "{}", welcome.text.ja);
    assert!(points_of(welcome, "needs") > 0);
    assert!(reasons_of(welcome)[0].starts_with("インテーク"));
    // Warmth alone, without the role, earns nothing; opening with eligibility costs.
    let warm = play(&s, &["courage"], 1);
    let named = play(&s, &["welcome"], 1);
    let eligibility = play(&s, &["ask_techo"], 1);
    assert!(score(&named, "needs") > score(&warm, "needs"));
    assert!(score(&eligibility, "needs") < score(&warm, "needs"));
}

#[test]
fn the_confidentiality_promise_names_its_limits() {
    // F13: the promise names its exceptions (danger to life, abuse); an absolute promise
    // costs, and both are scored under ethics.
    let s = scenario(FILE);
    let frank = choice(&s, "intake_role", "confidential");
    assert!(frank.text.ja.contains("命"), "{}", frank.text.ja);
    assert!(frank.text.ja.contains("虐待"), "{}", frank.text.ja);
    assert_eq!(points_of(frank, "ethics"), 2);
    assert_eq!(points_of(frank, "community"), 0);
    let absolute = choice(&s, "intake_role", "promise_all");
    assert!(!absolute.text.ja.contains("虐待"));
    assert!(points_of(absolute, "ethics") < 0);
    // The old strawman is now a plausible reassurance that still decides for A.
    let promise = choice(&s, "intake_role", "promise");
    assert!(!promise.text.ja.contains("全部私に任せて"));
    assert!(points_of(promise, "self_determination") < 0);
}

#[test]
fn the_texts_read_as_a_support_plan_in_plain_polite_japanese() {
    let s = scenario(FILE);
    let texts = all_texts(&s);
    for (at, t) in &texts {
        for bad in [
            "（笑）",
            "(笑)",
            "サービス等利用計画",
            "全部私に任せて",
            "念のため",
            "自分一人でも",
        ] {
            assert!(!t.ja.contains(bad), "{at}: `{bad}` in {}", t.ja);
        }
        assert!(
            !t.ja.is_empty() && !t.en.is_empty(),
            "{at}: a missing language"
        );
    }
    // F2: A has no certificate and uses no disability services: the plan is a plan of his
    // support, and the plenary carries it into the community welfare plan too.
    assert!(
        node(&s, "plan")
            .text
            .iter()
            .any(|t| t.ja.contains("これからの支援の計画"))
    );
    assert!(
        choice(&s, "plenary", "plenary_report")
            .text
            .ja
            .contains("地域福祉計画")
    );
    // The review's corrected lines.
    let asks = |n: &str, c: &str| choice(&s, n, c).text.ja.clone();
    assert!(asks("classmate_talk", "ask_consent").contains("Aさんにも聞いてみていいですか"));
    assert!(asks("a_meet", "a_sato").contains("Aさんに決めてもらえたら"));
    assert!(asks("plan", "options").contains("どれから始めてもいいですし"));
    assert!(asks("chamber", "merit").contains("一緒に整理させていただけませんか"));
    assert!(asks("families", "raise_secretariat").contains("お名前は出さずに"));
    assert!(asks("shop_trial", "trial_pace").contains("Aさんと相談して決めましょう"));
}

#[test]
fn confidentiality_and_consent_are_scored_under_ethics_and_a_breach_earns_nothing() {
    // S6 and the brief: every confidentiality, consent and non-judgemental score is an ethics
    // score, and no choice that breaks them also earns escalation or community points.
    let s = scenario(FILE);
    let ethical = [
        "守秘義務",
        "非審判的態度",
        "本人の了解",
        "本人と家族の了解",
        "本人・家族の了解",
        "権利擁護",
        "誠実さ",
    ];
    for n in &s.source.nodes {
        for c in &n.choices {
            for e in effects_of(c) {
                if let Effect::Score {
                    competency, reason, ..
                } = e
                    && ethical.iter().any(|p| reason.ja.starts_with(p))
                {
                    assert_eq!(competency, "ethics", "{}/{}: {}", n.id, c.id, reason.ja);
                }
            }
            if points_of(c, "ethics") < 0 {
                assert!(
                    points_of(c, "escalation") <= 0 && points_of(c, "community") <= 0,
                    "{}/{}: a breach earns points",
                    n.id,
                    c.id
                );
            }
        }
    }
    // Naming A at the working group: the issue still climbs, but it earns no escalation,
    // costs ethics, and A, who hears of it, stops going to the shop.
    let a = analysis(&s);
    let named = play(
        &s,
        &exemplary_with(&[
            ("bring_voices", &["name_names"][..]),
            ("hear_good", &["hear_partial"][..]),
        ]),
        1,
    );
    let best = play(&s, EXEMPLARY, 1);
    assert_eq!(score(&best, "escalation") - score(&named, "escalation"), 1);
    assert_eq!(score(&best, "ethics") - score(&named, "ethics"), 3);
    assert_eq!(named.issue_levels(), &[Some(Level::Plenary)]);
    assert_eq!(ending_id(&named), "end_partial");
    assert!(percent(&named, &a, "ethics") < 90.0);
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

    // Booking him a visit during the first meeting goes the same way.
    let session = play_through_letter(
        &[
            "welcome",
            "reflect",
            "confidential",
            "to_contact",
            "to_family",
            "invite_father",
            "thanks_first",
            "family_group",
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
fn blaming_the_family_or_pushing_a_out_of_the_house_are_poor_moves() {
    let s = scenario(FILE);
    let a = analysis(&s);
    // Blame the mother, condemn the father, then force A out of his room: the relationship
    // breaks and A leaves home.
    let session = play(
        &s,
        &[
            "welcome",
            "blame",
            "neutral_ok",
            "to_contact",
            "to_family",
            "against_father",
            "instruct",
            "take_over",
            "force",
            "press_on",
        ],
        1,
    );
    assert!(score(&session, "ethics") < 0);
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
            "to_family",
            "invite_father",
            "thanks_first",
            "family_group",
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
fn casework_with_the_mother_on_the_parent_child_issue_is_rewarded() {
    // The micro level: the father's ultimatum and how to speak with A, worked through with
    // the mother (casework), with a positive choice and plausible wrong ones.
    let s = scenario(FILE);
    let before = play(&s, exemplary_until("invite_father"), 1);
    assert_eq!(before.node_id(), "parent_child");
    let open = open_ids(&before);
    for id in [
        "invite_father",
        "side_father",
        "against_father",
        "not_my_field",
    ] {
        assert!(open.contains(&id.to_owned()), "{open:?}");
    }
    let invite = choice(&s, "parent_child", "invite_father");
    assert_eq!(points_of(invite, "needs"), 2);
    assert!(reasons_of(invite)[0].starts_with("ケースワーク（ミクロ）"));
    assert!(
        points_of(
            choice(&s, "parent_child", "side_father"),
            "self_determination"
        ) < 0
    );
    assert!(points_of(choice(&s, "parent_child", "against_father"), "ethics") < 0);
    assert!(points_of(choice(&s, "parent_child", "not_my_field"), "needs") < 0);
    let thanks = choice(&s, "speak_with_a", "thanks_first");
    assert!(points_of(thanks, "strengths") > 0);
    assert!(reasons_of(thanks)[0].starts_with("ケースワーク（ミクロ）"));
    assert!(points_of(choice(&s, "speak_with_a", "instruct"), "self_determination") < 0);
    // The work with both parents shows in the Good ending.
    let session = play(&s, EXEMPLARY, 1);
    assert!(said(&session).contains("『春まで』の話は、もう出ません"));
}

#[test]
fn the_first_interview_and_as_ten_minutes_have_only_so_much_time() {
    let s = scenario(FILE);
    let at_hub = play(
        &s,
        &[
            "welcome",
            "reflect",
            "confidential",
            "ask_day",
            "ask_history",
            "ask_mother",
        ],
        1,
    );
    assert_eq!(at_hub.minutes_left().map(|(m, _)| m), Some(15));
    let open = open_ids(&at_hub);
    assert!(open.contains(&"catch_remark".to_owned()), "{open:?}");
    assert!(open.contains(&"ask_father".to_owned()), "{open:?}");
    // Four questions and the follow-up fill the interview; the rest is never asked.
    let full = play(
        &s,
        &[
            "welcome",
            "reflect",
            "confidential",
            "ask_day",
            "ask_history",
            "ask_mother",
            "catch_remark",
            "ask_father",
        ],
        1,
    );
    assert_eq!(full.node_id(), "hub_close");
    // A's ten minutes: his likes, a reframe, his wish and his consent, then time is up.
    let met = play(&s, exemplary_until("close_meet"), 1);
    assert_eq!(met.node_id(), "a_meet_over");
    // Asking about the five years he dreads costs points, his trust and the minutes his
    // wish would have taken.
    let arrived = play(&s, exemplary_until("a_likes"), 1);
    assert_eq!(arrived.minutes_left().map(|(m, _)| m), Some(10));
    let dread = play(
        &s,
        &[
            exemplary_until("a_likes"),
            &["a_five_years", "a_likes", "reframe"][..],
        ]
        .concat(),
        1,
    );
    assert_eq!(dread.node_id(), "a_meet");
    let open = open_ids(&dread);
    assert!(!open.contains(&"a_wish".to_owned()), "{open:?}");
    assert!(score(&dread, "needs") < score(&arrived, "needs"));
}

#[test]
fn the_individual_support_meeting_has_several_voices() {
    // A at the centre, the specialist beside him, and the others speaking in turn.
    let s = scenario(FILE);
    let meeting = node(&s, "support_meeting");
    assert!(meeting.present.len() >= 5, "{:?}", meeting.present);
    assert!(meeting.present.iter().any(|p| p == "a"));
    assert!(!meeting.turns.is_empty());
    let centre = choice(&s, "support_meeting", "a_centre");
    assert_eq!(centre.reply_by.as_deref(), Some("city"));
    let voices: HashSet<&str> = centre.turns.iter().map(|t| t.by.as_str()).collect();
    assert!(voices.contains("a"), "{voices:?}");
    let session = play(&s, exemplary_until("raise_secretariat"), 1);
    let text = said(&session);
    for who in [
        "市の福祉課の担当者: ",
        "Aさん: ",
        "ピアサポーターの森さん: ",
    ] {
        assert!(text.contains(who), "no line by {who}");
    }
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
    // Careful work with the mother, but the first interview is spent without asking about
    // his history, so the classmate never comes up.
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
    let open = open_ids(&at_hub);
    assert!(!open.contains(&"catch_remark".to_owned()), "{open:?}");
    assert!(
        !open.contains(&"ask_history".to_owned()),
        "no time is left: {open:?}"
    );

    let mut path: Vec<&str> = prefix.to_vec();
    path.extend([
        "to_contact",
        "to_family",
        "invite_father",
        "thanks_first",
        "family_group",
        "letter",
        // His likes were asked of his mother: A tells them again, for no points.
        "a_likes_known",
        "reframe",
        "a_wish",
        "to_plan",
    ]);
    path.extend(WITHOUT_CLASSMATES);
    let session = play(&s, &path, 1);
    assert!(percent(&session, &a, "community") < 30.0);
    assert!(!session.is_revealed(s.entity("sato").unwrap()));
    assert_eq!(ending_id(&session), "end_formal");
    assert_ne!(ending_outcome(&session), Outcome::Good);
}

#[test]
fn telling_the_classmate_without_consent_costs_ethics_and_trust() {
    let s = scenario(FILE);
    let prefix = [
        "welcome",
        "reflect",
        "confidential",
        "ask_history",
        "catch_remark",
        "to_contact",
        "to_classmate",
    ];
    let mut with_consent: Vec<&str> = prefix.to_vec();
    with_consent.push("ask_consent");
    let mut without: Vec<&str> = prefix.to_vec();
    without.push("call_sato");
    let kept = play(&s, &with_consent, 1);
    let leaked = play(&s, &without, 1);

    assert_eq!(score(&kept, "ethics") - score(&leaked, "ethics"), 4);
    assert_eq!(score(&kept, "community"), score(&leaked, "community"));
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
    rest.extend([
        "apologise",
        "invite_father",
        "thanks_first",
        "family_group",
        "letter",
    ]);
    let mut session = play_through_letter(&rest, 1);
    assert_eq!(session.node_id(), "a_meet");
    let open = open_ids(&session);
    assert!(!open.contains(&"a_sato".to_owned()), "{open:?}");
    assert!(open.contains(&"a_sorry".to_owned()), "{open:?}");
    for id in ["a_sorry", "a_likes", "reframe", "a_wish", "close_meet"] {
        choose(&mut session, id);
    }
    for id in WITHOUT_CLASSMATES {
        choose(&mut session, id);
    }
    assert_eq!(ending_id(&session), "end_formal");
    assert_ne!(ending_outcome(&session), Outcome::Good);
}

#[test]
fn the_peer_supporter_writes_without_being_told_about_a_and_may_not_be_answered() {
    // F12 and S7: the peer supporter writes about himself, is told nothing of A, and the
    // letter is a chance, not a certain rescue; telling him about A costs ethics.
    let s = scenario(FILE);
    let peer = choice(&s, "a_silent", "peer_letter");
    assert!(peer.chance.is_some(), "the peer letter always succeeds");
    assert!(peer.text.ja.contains("Aさんのことは伝えません"));
    assert!(reasons_of(peer).is_empty());
    assert_eq!(points_of(choice(&s, "a_silent", "peer_tell"), "ethics"), -2);

    // A mother who was blamed, with little trust: the letter goes unanswered on most seeds.
    let to_letter = [
        "plain",
        "blame",
        "neutral_ok",
        "to_contact",
        "to_family",
        "not_my_field",
        "instruct",
        "take_over",
        "letter",
    ];
    let mut outcomes = HashSet::new();
    for seed in 1..=40 {
        let mut session = play(&s, &to_letter, seed);
        if session.node_id() != "a_silent" {
            continue;
        }
        choose(&mut session, "peer_letter");
        outcomes.insert(session.node_id().to_owned());
    }
    assert!(outcomes.contains("a_meet"), "{outcomes:?}");
    assert!(outcomes.contains("a_wait"), "{outcomes:?}");
}

#[test]
fn a_passes_his_message_to_sato_himself() {
    // F12: A agreed to "he's doing fine" and no more. If the specialist carries it, Sato
    // learns that A is getting support.
    let s = scenario(FILE);
    let before = exemplary_until("a_line");
    let own = play(&s, &[before, &["a_line"][..]].concat(), 1);
    let carried = play(&s, &[before, &["i_deliver"][..]].concat(), 1);
    assert_eq!(own.node_id(), "sato_visit");
    assert_eq!(carried.node_id(), "sato_visit");
    assert_eq!(score(&own, "ethics") - score(&carried, "ethics"), 2);
    assert!(said(&carried).contains("何か相談してるんすか"));
    assert!(!said(&own).contains("何か相談してるんすか"));
}

#[test]
fn a_setback_is_met_with_his_strength_and_his_own_pace_is_respected() {
    // S5: noticing that he let Sato know himself is a reframe, and it earns strengths.
    // Decision-support principle 2: a pace his family finds too little harms no one, so it
    // is respected.
    let s = scenario(FILE);
    let setback = play(&s, exemplary_until("normalise"), 1);
    assert_eq!(setback.node_id(), "trial_setback");
    let reframed = play(&s, exemplary_until("respect_pace"), 1);
    assert_eq!(reframed.node_id(), "a_pace");
    assert_eq!(
        score(&reframed, "strengths") - score(&setback, "strengths"),
        1
    );
    assert!(points_of(choice(&s, "trial_setback", "scold"), "ethics") < 0);

    let respect = choice(&s, "a_pace", "respect_pace");
    assert_eq!(points_of(respect, "self_determination"), 2);
    assert!(reasons_of(respect)[0].starts_with("意思決定支援"));
    for other in ["keep_two", "shop_decides", "pause_all"] {
        assert!(
            points_of(choice(&s, "a_pace", other), "self_determination") < 0,
            "`{other}`"
        );
    }
}

#[test]
fn visiting_the_shops_alone_is_a_start_but_only_the_chamber_makes_it_last() {
    // Visiting makes connections (seed 000), so going round the shops is not wrong in itself;
    // without moving the chamber, nothing lasts for the town.
    let s = scenario(FILE);
    let alone = choice(&s, "chamber", "alone_shops");
    assert_eq!(points_of(alone, "community"), 1);
    assert_eq!(points_of(alone, "escalation"), -1);
    let session = play(
        &s,
        &exemplary_with(&[
            ("merit", &["alone_shops"][..]),
            ("hear_good", &["hear_partial"][..]),
        ]),
        1,
    );
    assert_eq!(ending_id(&session), "end_partial");
    assert_eq!(ending_outcome(&session), Outcome::Mixed);
}

#[test]
fn the_regional_issue_appears_only_once_it_is_noticed() {
    let s = scenario(FILE);
    let before = play(&s, exemplary_until("summarise"), 1);
    assert_eq!(before.issue_levels(), &[None]);
    let noticed = play(&s, exemplary_until("introduce_peer"), 1);
    assert_eq!(noticed.issue_levels(), &[Some(Level::Individual)]);
    let met = play(&s, exemplary_until("raise_secretariat"), 1);
    assert_eq!(met.issue_levels(), &[Some(Level::SupportMeeting)]);
}

#[test]
fn a_mistake_put_right_can_still_end_well() {
    let s = scenario(FILE);
    // Taking the demand at face value, then stepping back to her life as a whole.
    // (Stepping back goes straight to the first interview, so the promise of confidentiality
    // is never asked for.)
    let path: Vec<&str> = exemplary_with(&[("reflect", &["take_at_face", "step_back"][..])])
        .into_iter()
        .filter(|&id| id != "confidential")
        .collect();
    let session = play(&s, &path, 1);
    assert!(score(&session, "needs") < score(&play(&s, EXEMPLARY, 1), "needs"));
    assert_eq!(ending_id(&session), "end_good");
    // Asking the chamber for pity, then starting again from the shops' own needs.
    let session = play(
        &s,
        &exemplary_with(&[("merit", &["charity", "retry"][..])]),
        1,
    );
    assert_eq!(ending_id(&session), "end_good");
}

#[test]
fn escalating_is_not_handing_off() {
    let s = scenario(FILE);
    let a = analysis(&s);
    // The exemplary path, but A's support is closed when the issue goes to the council.
    let handoff = exemplary_with(&[
        ("raise_secretariat", &["handoff"][..]),
        ("hear_good", &["hear_partial"][..]),
    ]);
    let session = play(&s, &handoff, 1);
    let best = play(&s, EXEMPLARY, 1);
    assert!(score(&session, "needs") < score(&best, "needs"));
    assert!(score(&session, "escalation") < score(&best, "escalation"));
    assert_eq!(session.issue_levels(), &[Some(Level::Plenary)]);
    assert!(percent(&session, &a, "needs") < 90.0);
    assert_eq!(ending_id(&session), "end_partial");
    assert_eq!(ending_outcome(&session), Outcome::Mixed);
}
