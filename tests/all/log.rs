//! The session log: written after every decision, atomically; replays to the same state.

use tsunagu::core::engine::{Mode, Session};
use tsunagu::core::load::content_hash;
use tsunagu::core::log::{LogMeta, LogWriter, SessionLog, replay};
use tsunagu::core::model::Lang;

use crate::common::*;

#[test]
fn every_decision_is_on_disk_and_the_log_replays_to_the_same_state() {
    let s = scenario("first-meeting.ron");
    let text = std::fs::read_to_string(repo().join("scenarios/first-meeting.ron")).unwrap();
    let hash = content_hash(&text);
    let dir = temp_dir("log-replay");
    let writer = LogWriter {
        path: dir.join("a.ron"),
        meta: LogMeta {
            scenario_hash: hash.clone(),
            lang: Lang::En,
            trainee: "佐藤".into(),
            started: 1,
        },
    };
    let mut session = Session::new(s.clone(), 77, Mode::Assessment);
    let path = [
        "greet_her",
        "note_demand",
        "ask_day",
        "ask_likes",
        "ask_why_out",
        "plan_now",
        "options",
        "ask_consent",
        "raise",
        "report_council",
    ];
    for (i, id) in path.iter().enumerate() {
        session.choose_id(id, i as f32 + 0.5).unwrap();
        writer.write(&session).unwrap();
        // As if the power went now: the file holds every decision so far.
        let log = SessionLog::load(&writer.path).unwrap();
        assert_eq!(log.decisions.len(), i + 1);
        assert_eq!(log.decisions[i].choice, *id);
        assert_eq!(log.decisions[i].seconds, i as f32 + 0.5);
        assert!(!dir.join("a.ron.tmp").exists());
    }
    let log = SessionLog::load(&writer.path).unwrap();
    assert_eq!(
        (log.seed, log.mode, log.trainee.as_str()),
        (77, Mode::Assessment, "佐藤")
    );
    assert_eq!(
        log.scores
            .iter()
            .find(|(c, _)| c == "escalation")
            .unwrap()
            .1,
        3
    );
    let again = replay(&log, s.clone(), &hash);
    assert_eq!(again.applied, path.len());
    assert!(!again.hash_differs && again.stopped.is_none());
    assert_eq!(again.session.transcript(), session.transcript());
    assert_eq!(again.session.scores(), session.scores());
    assert_eq!(again.session.state(), session.state());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_truncated_log_is_refused_with_its_position() {
    let s = scenario("first-meeting.ron");
    let session = play(&s, &["greet_her", "note_demand", "ask_day"], 1);
    let meta = LogMeta {
        scenario_hash: "x".into(),
        lang: Lang::Ja,
        trainee: "t".into(),
        started: 0,
    };
    let text = SessionLog::of(&session, &meta).to_ron();
    let dir = temp_dir("log-cut");
    let path = dir.join("cut.ron");
    std::fs::write(&path, &text[..text.len() * 2 / 3]).unwrap();
    let err = SessionLog::load(&path).unwrap_err();
    assert!(err.line().is_some_and(|l| l > 1), "{err}");
    assert!(
        err.to_string().starts_with(&path.display().to_string()),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_log_of_a_changed_scenario_replays_as_far_as_it_fits() {
    let s = scenario("first-meeting.ron");
    let session = play(&s, &["greet_her", "note_demand", "ask_day", "plan_now"], 1);
    let meta = LogMeta {
        scenario_hash: "old".into(),
        lang: Lang::Ja,
        trainee: "t".into(),
        started: 0,
    };
    let mut log = SessionLog::of(&session, &meta);
    log.decisions[2].choice = "asked_about_the_day".into();
    let r = replay(&log, s, "new");
    assert!(r.hash_differs);
    assert_eq!(r.applied, 2);
    assert!(r.stopped.unwrap().contains("asked_about_the_day"));
}
