//! A score that measures judgement: options shown in an order of the session's own, scenes
//! with a clock, the naive strategies and the warnings that teach authors to resist them.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use tsunagu::core::analysis::analyse;
use tsunagu::core::compile::Compiled;
use tsunagu::core::debrief::Debrief;
use tsunagu::core::engine::{Event, Mode, Order, Session};
use tsunagu::core::log::{LogMeta, LogWriter, SessionLog, replay};
use tsunagu::core::model::Lang;
use tsunagu::core::naive::{MAX_GOOD, MAX_SHARE, naive_warnings, play_naive};
use tsunagu::core::simulate::Strategy;
use tsunagu::core::transcript::describe;
use tsunagu::core::validate::{Checked, Severity, check_file, check_text};

use crate::common::{repo, temp_dir, tsunagu};

/// A visit with a clock: three questions that do not all fit in twenty minutes, a way out,
/// then two steps that must stay in order.
const VISIT: &str = include_str!("../fixtures/visit.ron");

fn checked(text: &str) -> Checked {
    check_text(Path::new("visit.ron"), text)
}

fn compiled(text: &str) -> Arc<Compiled> {
    let c = checked(text);
    let errors: Vec<String> = c.errors().map(|p| p.render(Lang::En)).collect();
    assert!(errors.is_empty(), "{errors:?}");
    c.playable().cloned().unwrap()
}

fn shown(session: &Session) -> Vec<String> {
    session
        .option_texts()
        .map(|(_, id, _)| id.to_owned())
        .collect()
}

fn warnings(text: &str) -> Vec<String> {
    checked(text)
        .problems
        .iter()
        .map(|p| p.render(Lang::En))
        .collect()
}

#[test]
fn each_session_shows_the_options_in_its_own_order_and_keeps_it() {
    let s = compiled(VISIT);
    let orders: std::collections::BTreeSet<Vec<String>> = (0..24)
        .map(|seed| shown(&Session::new(s.clone(), seed, Mode::Training)))
        .collect();
    assert!(
        orders.len() >= 6,
        "24 seeds gave only {} orders",
        orders.len()
    );
    for seed in 0..24 {
        let mut session = Session::new(s.clone(), seed, Mode::Training);
        let before = shown(&session);
        assert_eq!(
            before,
            shown(&Session::new(s.clone(), seed, Mode::Training))
        );
        // Taking a question away keeps the others in their order (those that still fit).
        session.choose_id("q1", 1.0).unwrap();
        let after: Vec<String> = before
            .iter()
            .filter(|id| *id != "q1" && *id != "q3")
            .cloned()
            .collect();
        assert_eq!(shown(&session), after, "seed {seed}");
    }
}

#[test]
fn a_node_that_keeps_its_order_shows_it_as_written_in_every_session() {
    let s = compiled(VISIT);
    for seed in 0..12 {
        let mut session = Session::new(s.clone(), seed, Mode::Training);
        session.choose_id("leave", 1.0).unwrap();
        assert_eq!(shown(&session), ["a", "b"]);
    }
}

#[test]
fn keys_and_numbers_follow_the_order_shown() {
    let s = compiled(VISIT);
    for seed in 0..8 {
        let session = Session::new(s.clone(), seed, Mode::Training);
        let first = shown(&session)[0].clone();
        let (code, out, err) = tsunagu(&[
            "run",
            "tests/fixtures/visit.ron",
            "--choices",
            "1",
            "--seed",
            &seed.to_string(),
            "--lang",
            "en",
        ]);
        assert_eq!(code, 0, "{err}");
        let said = s.source.nodes[0]
            .choices
            .iter()
            .find(|c| c.id == first)
            .unwrap()
            .text
            .en
            .clone();
        assert!(out.contains(&format!("You > {said}")), "seed {seed}: {out}");
    }
}

#[test]
fn the_order_is_the_same_in_play_replay_resume_and_debrief() {
    let dir = temp_dir("judgement-order");
    let path = dir.join("visit.ron");
    std::fs::write(&path, VISIT).unwrap();
    let checked = check_file(&path);
    let s = checked.playable().cloned().unwrap();
    let mut session = Session::new(s.clone(), 41, Mode::Training);
    let seen = shown(&session);
    let pick = seen[1].clone();
    session.choose_id(&pick, 2.0).unwrap();
    assert_eq!(session.steps()[0].position, 2);
    let logs = dir.join("logs");
    let writer = LogWriter {
        path: logs.join("a.ron"),
        meta: LogMeta {
            scenario_hash: checked.hash.clone(),
            lang: Lang::Ja,
            trainee: "A".into(),
            started: 1,
        },
    };
    writer.write(&session).unwrap();
    let log = SessionLog::load(&writer.path).unwrap();
    assert_eq!(log.format, 2);
    assert_eq!(log.decisions[0].position, 2);
    // Resumed (a replay of the log) and replayed from the start: the same order.
    let resumed = replay(&log, s.clone(), &checked.hash);
    assert_eq!(resumed.applied, 1);
    assert_eq!(resumed.session.steps()[0].position, 2);
    let fresh = Session::with_order(s.clone(), log.seed, log.mode, log.order());
    assert_eq!(shown(&fresh), seen);
    // The debrief shows the options as the trainee saw them, and the position taken.
    let debrief = Debrief::open(&[logs], vec![checked]);
    let r = debrief.replay(0);
    let ids: Vec<&str> = r.steps[0].options.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, seen);
    assert_eq!(r.steps[0].position, Some(2));
    assert!(!r.written_order);
}

#[test]
fn a_log_from_before_the_shuffled_order_replays_to_the_same_outcomes_word_for_word() {
    // Made with the game as it was before options were shuffled (format 1), on the
    // scenario as it then was: the transcript its `run` printed is kept beside it.
    let fixture = repo().join("tests/fixtures/format-1");
    let checked = check_file(&fixture.join("withdrawn-young-adult.ron"));
    let s = checked.playable().cloned().unwrap();
    let log = SessionLog::load(&fixture.join("session.ron")).unwrap();
    assert_eq!(log.format, 1);
    assert_eq!(log.order(), Order::Written);
    let r = replay(&log, s.clone(), &checked.hash);
    assert!(!r.hash_differs && r.stopped.is_none());
    assert_eq!(r.applied, log.decisions.len());
    let printed = std::fs::read_to_string(fixture.join("transcript.txt")).unwrap();
    let expected: Vec<&str> = printed.lines().take_while(|l| *l != "--").collect();
    let lines: Vec<String> = r
        .session
        .transcript()
        .iter()
        .filter_map(|e| describe(&s, e, Lang::Ja))
        .collect();
    assert_eq!(lines, expected);
    assert!(lines.iter().filter(|l| l.contains("成功率")).count() >= 3);
    let scores: Vec<(String, i32)> = s
        .competencies
        .iter()
        .zip(r.session.scores())
        .map(|(c, &p)| (c.id.clone(), p))
        .collect();
    assert_eq!(scores, log.scores);
    assert_eq!(
        r.session
            .ended()
            .map(|n| s.source.nodes[n as usize].id.clone()),
        log.ending
    );
    // Written again after a resume, it stays format 1 (its options stay as written).
    let again = SessionLog::of(
        &r.session,
        &LogMeta {
            scenario_hash: checked.hash.clone(),
            lang: log.lang,
            trainee: log.trainee.clone(),
            started: log.started,
        },
    );
    assert_eq!(again.format, 1);
    // The debrief says it has no shown order.
    let dir = temp_dir("judgement-format-1");
    std::fs::copy(fixture.join("session.ron"), dir.join("session.ron")).unwrap();
    let debrief = Debrief::open(&[dir], vec![checked]);
    let replayed = debrief.replay(0);
    assert!(replayed.written_order);
    assert!(replayed.steps.iter().all(|st| st.position.is_none()));
}

#[test]
fn a_scene_spends_its_minutes_and_ends_where_the_author_says() {
    let s = compiled(VISIT);
    let mut session = Session::new(s.clone(), 1, Mode::Training);
    assert_eq!(
        session.minutes_left().map(|(m, n)| (m, n.en.clone())),
        Some((20, "Home visit".into()))
    );
    session.choose_id("q3", 1.0).unwrap();
    assert_eq!(session.minutes_left().map(|m| m.0), Some(5));
    // Ten-minute questions no longer fit in five.
    assert_eq!(shown(&session), ["leave"]);
    let mut session = Session::new(s.clone(), 1, Mode::Training);
    session.choose_id("q1", 1.0).unwrap();
    let events = session.choose_id("q2", 1.0).unwrap();
    assert!(events.iter().any(|e| matches!(e, Event::TimeUp { .. })));
    assert_eq!(
        session.node_id(),
        "over",
        "the time is up: the scene's `over` node"
    );
    assert_eq!(session.minutes_left(), None);
    // The analysis knows the clock: the best needs the big question alone, exactly.
    let a = analyse(&s);
    assert!(a.exact);
    let needs = s.competency_index("needs").unwrap() as usize;
    let strengths = s.competency_index("strengths").unwrap() as usize;
    assert_eq!(a.best[needs], 4);
    assert_eq!(a.best[strengths], 1);
    let path: Vec<&str> = a
        .best_path
        .iter()
        .map(|&(n, c, _)| s.source.nodes[n as usize].choices[c as usize].id.as_str())
        .collect();
    assert_eq!(path[0], "q3");
}

#[test]
fn a_meeting_has_several_voices_in_the_transcript() {
    let s = compiled(VISIT);
    let mut session = Session::new(s.clone(), 1, Mode::Training);
    let opening: Vec<String> = session
        .transcript()
        .iter()
        .filter_map(|e| describe(&s, e, Lang::En))
        .collect();
    assert!(opening.contains(&"Mother: Go on".to_owned()), "{opening:?}");
    assert!(
        opening.contains(&"Worker: I am listening too".to_owned()),
        "{opening:?}"
    );
    let events = session.choose_id("q2", 1.0).unwrap();
    let said: Vec<String> = events
        .iter()
        .filter_map(|e| describe(&s, e, Lang::En))
        .collect();
    let reply = said
        .iter()
        .position(|l| l == "Worker: Yes")
        .expect("the reply by the worker");
    let nod = said
        .iter()
        .position(|l| l.ends_with(": (nods)"))
        .expect("the narrator's turn");
    assert!(reply < nod, "{said:?}");
    assert_eq!(s.nodes[0].present.len(), 2);
}

#[test]
fn the_debrief_replay_names_every_voice_of_a_meeting() {
    use tsunagu::core::debrief::Voice;
    let dir = temp_dir("judgement-meeting-replay");
    let path = dir.join("visit.ron");
    std::fs::write(&path, VISIT).unwrap();
    let checked = check_file(&path);
    let s = checked.playable().cloned().unwrap();
    let mut session = Session::new(s.clone(), 2, Mode::Training);
    session.choose_id("q2", 1.0).unwrap();
    LogWriter {
        path: dir.join("logs/a.ron"),
        meta: LogMeta {
            scenario_hash: checked.hash.clone(),
            lang: Lang::En,
            trainee: "A".into(),
            started: 1,
        },
    }
    .write(&session)
    .unwrap();
    let debrief = Debrief::open(&[dir.join("logs")], vec![checked]);
    let r = debrief.replay(0);
    let heard: Vec<(String, String)> = r.steps[0]
        .heard
        .iter()
        .map(|l| (l.name.en.clone(), l.text.en.clone()))
        .collect();
    assert!(
        heard.contains(&("Mother".into(), "Go on".into())),
        "{heard:?}"
    );
    assert!(
        heard.contains(&("Worker".into(), "I am listening too".into())),
        "{heard:?}"
    );
    let said = &r.steps[0].said;
    assert!(said.iter().any(|l| l.voice == Voice::Trainee));
    assert!(
        said.iter()
            .any(|l| l.name.en == "Worker" && l.text.en == "Yes"),
        "{said:?}"
    );
    assert!(
        said.iter()
            .any(|l| l.voice == Voice::Narration && l.text.en == "(nods)"),
        "{said:?}"
    );
}

#[test]
fn the_results_do_not_count_a_question_rightly_left_for_lack_of_time_as_missed() {
    use tsunagu::core::scoring::{Missed, missed};
    let s = compiled(VISIT);
    let big = tsunagu::core::compile::Item::Note(1);
    let small = tsunagu::core::compile::Item::Note(0);
    // Asked the big question: the small one, worth less, was rightly left.
    let mut session = Session::new(s.clone(), 1, Mode::Training);
    session.choose_id("q3", 1.0).unwrap();
    session.choose_id("leave", 1.0).unwrap();
    let m = missed(&session);
    assert!(!m.contains(&Missed::Need(small)), "{m:?}");
    // Asked the two small ones: the big one was worth more than they, so it was missed.
    let mut session = Session::new(s.clone(), 1, Mode::Training);
    session.choose_id("q1", 1.0).unwrap();
    session.choose_id("q2", 1.0).unwrap();
    assert!(missed(&session).contains(&Missed::Need(big)));
    // Asked nothing: both were missed.
    let mut session = Session::new(s.clone(), 1, Mode::Training);
    session.choose_id("leave", 1.0).unwrap();
    let m = missed(&session);
    assert!(m.contains(&Missed::Need(small)) && m.contains(&Missed::Need(big)));
}

/// A node `pick` whose three options differ in length and minutes, in a roomy scene: each
/// strategy's pick is known.
const PICK: &str = include_str!("../fixtures/pick.ron");

#[test]
fn each_naive_strategy_picks_what_it_says() {
    let s = compiled(PICK);
    let id = |session: &Session, strategy: Strategy| {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let i = strategy.pick(session, Lang::Ja, &mut rng);
        s.source.nodes[0].choices[i as usize].id.clone()
    };
    for seed in 0..10 {
        let mut session = Session::new(s.clone(), seed, Mode::Training);
        let order = shown(&session);
        assert_eq!(id(&session, Strategy::First), order[0]);
        assert_eq!(id(&session, Strategy::Last), order[3]);
        assert_eq!(id(&session, Strategy::AskAll), "ask");
        assert_eq!(id(&session, Strategy::Cheapest), "ask");
        assert_eq!(id(&session, Strategy::Dearest), "z");
        assert_eq!(id(&session, Strategy::Shortest), "x");
        assert_eq!(id(&session, Strategy::Longest), "y");
        assert!(order.contains(&id(&session, Strategy::Random)));
        session.choose_id("ask", 1.0).unwrap();
        assert_eq!(id(&session, Strategy::Cheapest), "y");
        assert!(["x", "y", "z"].contains(&id(&session, Strategy::AskAll).as_str()));
    }
    // In English the lengths differ: "Ask" is shortest there.
    let session = Session::new(s.clone(), 3, Mode::Training);
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    let i = Strategy::Shortest.pick(&session, Lang::En, &mut rng);
    assert_eq!(s.source.nodes[0].choices[i as usize].id, "x");
    let i = Strategy::Longest.pick(&session, Lang::En, &mut rng);
    assert_eq!(s.source.nodes[0].choices[i as usize].id, "y");
}

#[test]
fn simulate_plays_each_strategy_from_the_command_line() {
    let (code, out, err) = tsunagu(&[
        "simulate",
        "tests/fixtures/pick.ron",
        "--strategy",
        "dearest",
        "--runs",
        "20",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("z_end") && out.contains("100.0%"), "{out}");
    let (code, out, err) = tsunagu(&[
        "simulate",
        "tests/fixtures/pick.ron",
        "--strategy",
        "all",
        "--runs",
        "50",
    ]);
    assert_eq!(code, 0, "{err}");
    for s in Strategy::ALL {
        assert!(
            out.lines().any(|l| l.starts_with(s.name())),
            "{}: {out}",
            s.name()
        );
    }
    let (code, _, err) = tsunagu(&[
        "simulate",
        "tests/fixtures/pick.ron",
        "--strategy",
        "bravest",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("unknown strategy `bravest`"), "{err}");
}

/// A chain of `n` decisions, each with a good answer and two poor ones (the second worse)
/// with the texts given, or with `rotate` the three texts passed round from node to node;
/// the Good ending needs every good answer.
fn chain(n: usize, texts: [&str; 3], rotate: bool) -> String {
    let mut nodes = String::new();
    for i in 0..n {
        let turn = if rotate { i % 3 } else { 0 };
        let [good, short_bad, long_bad] = [0, 1, 2].map(|k| texts[(k + turn) % 3]);
        let next = if i + 1 < n {
            format!("d{}", i + 1)
        } else {
            "judge".into()
        };
        nodes.push_str(&format!(
            r#"Node(id: "d{i}", speaker: "m", phase: Assessment, text: [(ja: "場面{i}", en: "Scene {i}")], choices: [
                Choice(id: "good", text: (ja: "{good}", en: "{good}"), goto: "{next}", effects: [Add("ok", 1), Score(competency: "needs", points: 1, reason: (ja: "ニーズ: 良い", en: "Needs: good"))]),
                Choice(id: "bad1", text: (ja: "{short_bad}", en: "{short_bad}"), goto: "{next}", effects: [Score(competency: "needs", points: -1, reason: (ja: "ニーズ: 悪い", en: "Needs: bad"))]),
                Choice(id: "bad2", text: (ja: "{long_bad}", en: "{long_bad}"), goto: "{next}", effects: [Score(competency: "needs", points: -2, reason: (ja: "ニーズ: 悪い", en: "Needs: bad"))]),
            ]),
            "#
        ));
    }
    format!(
        r#"Scenario(
    id: "chain",
    title: (ja: "連なり", en: "Chain"),
    summary: (ja: "連なり", en: "Chain"),
    cast: [Character(id: "p", name: (ja: "Pさん", en: "P"), role: Person), Character(id: "m", name: (ja: "母", en: "Mother"), role: Family)],
    variables: [Variable(id: "ok", max: {n})],
    start: "d0",
    nodes: [
        {nodes}
        Node(id: "judge", phase: Evaluation, text: [(ja: "さて", en: "Well")], choices: [
            Choice(id: "go", text: (ja: "おわり", en: "end"), when: [AtLeast("ok", {n})], goto: "good_end"),
            Choice(id: "go_on", text: (ja: "つづき", en: "on"), when: [AtMost("ok", {m})], goto: "poor_end"),
        ]),
        Node(id: "good_end", phase: Evaluation, text: [(ja: "良", en: "Good")], ending: (title: (ja: "良", en: "Good"), outcome: Good)),
        Node(id: "poor_end", phase: Evaluation, text: [(ja: "不", en: "Poor")], ending: (title: (ja: "不", en: "Poor"), outcome: Poor)),
    ],
)"#,
        m = n - 1
    )
}

#[test]
fn validate_warns_of_a_length_cue_with_the_figures_and_not_without_one() {
    let cue = "the best choice is also the shortest";
    let guessable = chain(
        8,
        [
            "はい",
            "それはちがうと思います",
            "それはまったくちがうと私は思います",
        ],
        false,
    );
    let found = warnings(&guessable);
    let hit = found
        .iter()
        .find(|w| w.contains(cue))
        .unwrap_or_else(|| panic!("{found:?}"));
    assert!(
        hit.contains("at 8 of 8 decision points") && hit.contains("d0, d1"),
        "{hit}"
    );
    assert!(
        hit.contains("visit.ron:"),
        "it names the file and line: {hit}"
    );
    let balanced = chain(
        8,
        [
            "そうですね、伺います",
            "はい",
            "それはまったくちがうと私は思います",
        ],
        false,
    );
    assert!(!warnings(&balanced).iter().any(|w| w.contains(cue)));
    let worst = "the worst choice is also the longest";
    assert!(warnings(&balanced).iter().any(|w| w.contains(worst)));
    let fair = chain(
        8,
        [
            "そうですね、伺います",
            "はい",
            "それはまったくちがうと私は思います",
        ],
        true,
    );
    assert!(
        !warnings(&fair)
            .iter()
            .any(|w| w.contains("decision points")),
        "{:?}",
        warnings(&fair)
    );
}

#[test]
fn validate_warns_of_naive_strategies_that_earn_too_much_and_not_of_those_that_do_not() {
    let guessable = chain(
        8,
        [
            "はい",
            "それはちがうと思います",
            "それはまったくちがうと私は思います",
        ],
        false,
    );
    let c = compiled(&guessable);
    let a = analyse(&c);
    let found: Vec<String> = naive_warnings(&c, &a)
        .iter()
        .map(|m| m.render(Lang::En))
        .collect();
    let shortest = found
        .iter()
        .find(|w| w.contains("strategy `shortest`") && w.contains("`needs` 100%"))
        .unwrap_or_else(|| panic!("{found:?}"));
    assert!(shortest.contains("balance the lengths"), "{shortest}");
    assert!(
        found
            .iter()
            .any(|w| w.contains("strategy `shortest`") && w.contains("Good ending in 100.0%"))
    );
    let fair = chain(
        8,
        [
            "そうですね、伺います",
            "はい",
            "それはまったくちがうと私は思います",
        ],
        true,
    );
    let c = compiled(&fair);
    let found = naive_warnings(&c, &analyse(&c));
    assert!(found.is_empty(), "{found:?}");
    // The command shows them beside the file's own problems.
    let dir = temp_dir("judgement-validate");
    std::fs::write(dir.join("chain.ron"), &guessable).unwrap();
    let (code, out, _) = tsunagu(&[
        PathBuf::from("validate"),
        "--lang".into(),
        "en".into(),
        dir.join("chain.ron"),
    ]);
    assert_eq!(code, 0, "warnings only: {out}");
    assert!(out.contains("strategy `shortest`"), "{out}");
}

#[test]
fn scenes_that_cannot_work_are_reported_where_they_are_written() {
    let expect = |text: &str, severity: Severity, needle: &str| {
        let c = checked(text);
        let p = c
            .problems
            .iter()
            .find(|p| p.message(Lang::En).contains(needle))
            .unwrap_or_else(|| panic!("no `{needle}` in {:?}", c.problems));
        assert_eq!(p.severity, severity, "{p:?}");
        assert!(p.pos.is_some(), "no line for `{needle}`: {p:?}");
    };
    expect(
        &VISIT.replace("minutes: 20, over", "minutes: 90, over"),
        Severity::Warning,
        "no path can spend the scene's 90 minutes",
    );
    expect(
        &VISIT.replace("minutes: 20, over", "minutes: 35, over"),
        Severity::Warning,
        "every question of this scene fits in its 35 minutes",
    );
    expect(
        &VISIT.replace("once: true, minutes: 15", "once: true, minutes: 25"),
        Severity::Warning,
        "takes 25 minutes but its scene has only 20",
    );
    expect(
        &VISIT.replace("once: true, minutes: 15", "once: true, minutes: -15"),
        Severity::Error,
        "cannot take -15 minutes",
    );
    expect(
        &VISIT.replace("minutes: 20, over: \"over\"", "minutes: 20, over: \"hub\""),
        Severity::Error,
        "is inside the scene",
    );
    // No choice of the scene leads to `over`, but `over` leads back in: the clock's own
    // way out would come back, so `over` is inside the scene too.
    expect(
        &VISIT
            .replace(
                "en: \"I will go now\"), goto: \"over\"",
                "en: \"I will go now\"), goto: \"good\"",
            )
            .replace(
                "en: \"First him\"), goto: \"good\"",
                "en: \"First him\"), goto: \"hub\"",
            ),
        Severity::Error,
        "is inside the scene",
    );
    expect(
        &VISIT.replace("minutes: 20, over", "minutes: 0, over"),
        Severity::Error,
        "a scene needs a budget",
    );
    expect(
        &VISIT.replace(
            "Choice(id: \"b\", text: (ja: \"次に家族に\", en: \"Then family\"), goto: \"poor\"),",
            "",
        ),
        Severity::Warning,
        "`keep_order` on a node with one choice",
    );
    expect(
        &VISIT.replace(
            "Choice(id: \"a\", text",
            "Choice(id: \"a\", minutes: 5, text",
        ),
        Severity::Warning,
        "minutes count only inside a scene",
    );
    expect(
        &VISIT.replace("reply_by: \"w\"", "reply_by: \"ww\""),
        Severity::Error,
        "`ww` is not in the cast",
    );
    // The file as written has none of these.
    let clean = checked(VISIT);
    assert!(
        !clean
            .problems
            .iter()
            .any(|p| p.message(Lang::En).contains("minutes")
                || p.message(Lang::En).contains("keep_order")),
        "{:?}",
        clean.problems
    );
}

/// The scenarios a trainee plays, each held to the thresholds of a score that measures
/// judgement.
fn shipped() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join("scenarios"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    files
}

#[test]
fn no_naive_strategy_earns_the_score_of_a_shipped_scenario() {
    let mut failures = Vec::new();
    for path in shipped() {
        let checked = check_file(&path);
        let c = checked.playable().cloned().unwrap();
        let a = checked.analysis.clone().unwrap();
        assert!(a.exact, "{}: the analysis must be exact", path.display());
        for n in play_naive(&c, &a, 200, 1, Lang::Ja) {
            let (over, good) = n.too_good(&c);
            for (id, share) in over {
                failures.push(format!(
                    "{}: `{}` earns {:.0}% of the best on `{id}` (at most {:.0}%)",
                    path.display(),
                    n.strategy.name(),
                    share * 100.0,
                    MAX_SHARE * 100.0
                ));
            }
            if good {
                failures.push(format!(
                    "{}: `{}` reaches Good in {:.1}% of runs (limit {:.0}%, none for shortest, longest, ask-all)",
                    path.display(),
                    n.strategy.name(),
                    n.good * 100.0,
                    MAX_GOOD * 100.0
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_hub_of_a_shipped_scenario_has_a_clock_that_cannot_be_asked_out() {
    for path in shipped() {
        let checked = check_file(&path);
        let c = checked.playable().cloned().unwrap();
        let loops = &c.loops;
        assert!(
            !c.scenes.is_empty(),
            "{}: no scene has a clock",
            path.display()
        );
        for scene in &c.scenes {
            let questions: i32 = c
                .nodes
                .iter()
                .enumerate()
                .filter(|(_, n)| n.scene == c.nodes[scene.node as usize].scene)
                .flat_map(|(i, n)| n.choices.iter().map(move |ch| (i, ch)))
                .filter(|(i, ch)| {
                    ch.once.is_some()
                        && loops[ch.goto.unwrap_or(*i as u32) as usize]
                            == loops[scene.node as usize]
                })
                .map(|(_, ch)| ch.minutes)
                .sum();
            assert!(
                questions > scene.minutes,
                "{}: the questions of `{}` take {questions} minutes, within its {}",
                path.display(),
                c.source.nodes[scene.node as usize].id,
                scene.minutes
            );
        }
        // A trainee who asks everything runs out of time before the questions do.
        let sim =
            tsunagu::core::simulate::simulate_with(&c, 20, 1, Strategy::AskAll, Lang::Ja).unwrap();
        assert_eq!(sim.cut_off + sim.stuck, 0, "{}", path.display());
    }
}

#[test]
fn the_exports_carry_the_position_the_trainee_picked() {
    let dir = temp_dir("judgement-exports");
    let scenarios = dir.join("scenarios");
    std::fs::create_dir_all(&scenarios).unwrap();
    std::fs::write(scenarios.join("visit.ron"), VISIT).unwrap();
    let checked = check_file(&scenarios.join("visit.ron"));
    let s = checked.playable().cloned().unwrap();
    let mut session = Session::new(s.clone(), 7, Mode::Training);
    let third = shown(&session)[2].clone();
    session.choose_id(&third, 3.0).unwrap();
    let logs = dir.join("logs");
    LogWriter {
        path: logs.join("a.ron"),
        meta: LogMeta {
            scenario_hash: checked.hash.clone(),
            lang: Lang::En,
            trainee: "A".into(),
            started: 1_790_000_000,
        },
    }
    .write(&session)
    .unwrap();
    let export = |format: &str| {
        let out = dir.join(format!("out.{format}"));
        let (code, _, err) = tsunagu(&[
            PathBuf::from("debrief"),
            logs.clone(),
            "--format".into(),
            format.into(),
            "--out".into(),
            out.clone(),
            "--scenarios".into(),
            scenarios.clone(),
            "--lang".into(),
            "en".into(),
        ]);
        assert_eq!(code, 0, "{err}");
        std::fs::read_to_string(out).unwrap()
    };
    let csv = export("csv");
    let head: Vec<&str> = csv
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap()
        .split(',')
        .collect();
    let row: Vec<&str> = csv.lines().nth(1).unwrap().split(',').collect();
    let col = |name: &str| head.iter().position(|h| *h == name).unwrap();
    assert_eq!(row[col("choice")], third);
    assert_eq!(row[col("position")], "3");
    assert_eq!(row[col("options")], "4");
    let xapi = export("xapi");
    assert!(xapi.contains("/xapi/extensions/position\": 3,"), "{xapi}");
    let md = export("md");
    assert!(md.contains("3 / 4"), "{md}");
    let html = export("html");
    assert!(html.contains("3 / 4"));
}
