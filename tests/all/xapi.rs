//! xAPI statements one at a time and read back: the statement built after a decision is
//! the one a later export of the whole log holds, and statements rebuild the logs they came
//! from, so that a class read from a learning record store debriefs like its log files.

use std::path::PathBuf;

use tsunagu::core::debrief::{Debrief, LoadedLog};
use tsunagu::core::export::Report;
use tsunagu::core::export::xapi::{
    self, ReadBackError, Statement, XapiOptions, agent, completed_statement, logs_from_statements,
    statement_for_step,
};
use tsunagu::core::log::{LogMeta, SessionLog};
use tsunagu::core::model::Lang;

use crate::common::*;
use crate::debrief::{
    CLASS, ITO_FITS, checked, class_folder, debrief_cli, index_of, open, play_timed, trainee,
};

fn options() -> XapiOptions {
    XapiOptions {
        lang: Lang::En,
        pseudonym_key: Some("an installation".into()),
        class: Some("2026 spring/A".into()),
    }
}

fn json(statements: &[Statement]) -> String {
    serde_json::to_string_pretty(statements).unwrap()
}

#[test]
fn the_statement_sent_after_a_decision_is_the_one_in_the_later_export() {
    let dir = class_folder("xapi-step");
    let d = open(&dir);
    let r = Report::new(&d, Lang::En, true);
    let o = options();
    let all = xapi::statements(&r, &o);
    assert_eq!(xapi::write(&r, &o), json(&all) + "\n");

    // The whole export is each log's statements, one decision at a time, then its ending.
    let mut one_by_one = Vec::new();
    for i in 0..d.played.len() {
        let steps = r.replays[i].steps.len();
        assert!(statement_for_step(&d, i, 0, &o).is_none());
        assert!(statement_for_step(&d, i, steps + 1, &o).is_none());
        one_by_one.extend((1..=steps).map(|k| statement_for_step(&d, i, k, &o).unwrap()));
        one_by_one.extend(completed_statement(&d, i, &o));
    }
    assert_eq!(json(&one_by_one), json(&all));

    // Tanaka's session after 3 of its 8 decisions, as the game would have it then.
    let t = trainee("Tanaka, \"Hana\"");
    let full = &d.played[index_of(&d, t.name)].log;
    let s = scenario("first-meeting.ron");
    let meta = LogMeta {
        scenario_hash: full.scenario_hash.clone(),
        lang: full.lang,
        trainee: t.name.into(),
        started: t.started,
    };
    let live = SessionLog::of(&play_timed(&s, &t.path[..3], t.seed), &meta);
    assert_ne!(
        live.to_ron(),
        full.to_ron(),
        "the log grows with each decision"
    );
    let partial = Debrief::from_logs(
        vec![LoadedLog {
            path: "live.ron".into(),
            log: live,
        }],
        checked(),
    );
    let actor = agent(full, &o);
    let of_tanaka: Vec<&Statement> = all.iter().filter(|st| st.actor == actor).collect();
    assert_eq!(
        of_tanaka.len(),
        t.path.len() + 1,
        "8 decisions and the ending"
    );
    for k in 1..=3 {
        let sent = statement_for_step(&partial, 0, k, &o).unwrap();
        assert_eq!(
            serde_json::to_string(&sent).unwrap(),
            serde_json::to_string(of_tanaka[k - 1]).unwrap(),
            "decision {k}"
        );
    }
    assert!(statement_for_step(&partial, 0, 4, &o).is_none());
    assert!(
        completed_statement(&partial, 0, &o).is_none(),
        "not ended yet"
    );

    // One registration per session; the class in every statement.
    let registrations: std::collections::BTreeSet<_> =
        all.iter().map(|st| st.context.registration).collect();
    assert_eq!(registrations.len(), d.played.len());
    for st in &all {
        let grouping = st
            .context
            .context_activities
            .as_ref()
            .and_then(|c| c.grouping.as_ref())
            .expect("a class");
        assert_eq!(grouping.len(), 1);
        assert_eq!(
            grouping[0].id,
            "https://tsunagu.example/classes/2026%20spring%2FA"
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// The statements of the class folder's logs, as a store would hand them back (JSON).
fn sent(d: &Debrief, o: &XapiOptions) -> Vec<Statement> {
    let text = xapi::write(&Report::new(d, Lang::Ja, false), o);
    serde_json::from_str(&text).unwrap()
}

fn debrief_of(statements: &[Statement]) -> Debrief {
    let logs = logs_from_statements(statements).expect("the statements make logs");
    let logs = logs
        .into_iter()
        .map(|(registration, log)| LoadedLog {
            path: PathBuf::from(registration.to_string()),
            log,
        })
        .collect();
    Debrief::from_logs(logs, checked())
}

#[test]
fn statements_read_back_give_the_same_group_debrief_as_the_log_files() {
    let dir = class_folder("xapi-back");
    let d = open(&dir);
    // Named, so that the trainees are numbered the same; pseudonyms are checked below.
    let o = XapiOptions {
        class: Some("A".into()),
        ..XapiOptions::default()
    };
    let back = debrief_of(&sent(&d, &o));
    assert!(back.problems.is_empty(), "{:?}", back.problems);
    assert_eq!(back.played.len(), d.played.len());
    assert_eq!(
        back.groups(),
        d.groups(),
        "choices, endings and score spread"
    );
    for i in 0..d.played.len() {
        let (a, b) = (&d.played[i], &back.played[i]);
        assert_eq!(b.log.trainee, a.log.trainee);
        assert_eq!(b.trainee_number, a.trainee_number);
        assert_eq!(
            (
                b.log.seed,
                b.log.mode,
                b.log.lang,
                b.log.started,
                b.log.format
            ),
            (
                a.log.seed,
                a.log.mode,
                a.log.lang,
                a.log.started,
                a.log.format
            )
        );
        assert_eq!(
            (
                &b.log.scenario,
                b.log.scenario_version,
                &b.log.scenario_hash
            ),
            (
                &a.log.scenario,
                a.log.scenario_version,
                &a.log.scenario_hash
            )
        );
        assert_eq!(b.session().scores(), a.session().scores());
        assert_eq!(b.log.ending, a.log.ending);
        // The decisions that fit the scenario (the statements hold no others), their
        // seconds to 0.01 s as a store keeps them.
        let fits = if a.log.trainee == "=Ito <b>" {
            ITO_FITS
        } else {
            a.log.decisions.len()
        };
        assert_eq!(b.log.decisions.len(), fits);
        for (x, y) in a.log.decisions.iter().zip(&b.log.decisions) {
            assert_eq!(
                (&y.node, &y.choice, y.position),
                (&x.node, &x.choice, x.position)
            );
            assert!(
                (y.seconds - x.seconds).abs() < 0.005,
                "{} {}",
                y.seconds,
                x.seconds
            );
        }
        assert_eq!(b.is_flagged(), a.is_flagged(), "{}", a.log.trainee);
    }

    // Pseudonymised: the same figures, under pseudonyms.
    let back = debrief_of(&sent(&d, &options()));
    assert_eq!(back.groups(), d.groups());
    for p in &back.played {
        assert!(CLASS.iter().all(|t| t.name != p.log.trainee));
        assert!(p.log.trainee.starts_with("Trainee "), "{}", p.log.trainee);
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn statements_that_do_not_make_a_session_are_refused_with_the_reason() {
    let dir = class_folder("xapi-bad");
    let d = open(&dir);
    let o = XapiOptions::default();
    let all = sent(&d, &o);
    let tanaka = agent(&d.played[index_of(&d, "Tanaka, \"Hana\"")].log, &o);
    let is_step = |st: &Statement, k| st.actor == tanaka && st.context.extensions.step == Some(k);

    // A decision lost on the way.
    let lost: Vec<Statement> = all.iter().filter(|st| !is_step(st, 2)).cloned().collect();
    let e = logs_from_statements(&lost).unwrap_err();
    assert!(
        matches!(
            e,
            ReadBackError::Missing {
                step: 2,
                held: 7,
                last: 8,
                ..
            }
        ),
        "{e:?}"
    );
    assert!(e.to_string().contains("decision 2 is missing"), "{e}");

    // The same decision twice.
    let mut twice = all.clone();
    let third = all.iter().find(|st| is_step(st, 3)).unwrap().clone();
    twice.push(Statement {
        id: uuid::Uuid::nil(),
        ..third
    });
    let e = logs_from_statements(&twice).unwrap_err();
    assert!(matches!(e, ReadBackError::Twice { step: 3, .. }), "{e:?}");

    // A statement of the session that says another seed.
    let mut other = all.clone();
    let k = other.iter().position(|st| is_step(st, 4)).unwrap();
    other[k].context.extensions.seed = "99".into();
    let e = logs_from_statements(&other).unwrap_err();
    assert!(e.to_string().contains("seed `99`"), "{e}");
    assert!(
        e.to_string().contains(&other[k].id.to_string()),
        "names the statement: {e}"
    );

    // A decision point of another scenario.
    let mut elsewhere = all.clone();
    let k = elsewhere.iter().position(|st| is_step(st, 1)).unwrap();
    elsewhere[k].object.id = xapi::node_iri("other-scenario", "start");
    let e = logs_from_statements(&elsewhere).unwrap_err();
    assert!(
        e.to_string()
            .contains("a decision point of the session's scenario"),
        "{e}"
    );

    // A duration that is not seconds.
    let mut slow = all.clone();
    let k = slow.iter().position(|st| is_step(st, 1)).unwrap();
    slow[k].result.duration = "PT1M".into();
    let e = logs_from_statements(&slow).unwrap_err();
    assert!(e.to_string().contains("the duration `PT1M`"), "{e}");

    // Statements of other verbs are left aside.
    let mut more = all.clone();
    let mut other_verb = all[0].clone();
    other_verb.verb.id = "http://adlnet.gov/expapi/verbs/experienced".into();
    other_verb.id = uuid::Uuid::nil();
    more.push(other_verb);
    assert_eq!(
        logs_from_statements(&more).unwrap(),
        logs_from_statements(&all).unwrap()
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_class_option_names_the_class_in_every_statement() {
    let dir = class_folder("xapi-class");
    let (code, text, err) = debrief_cli(&dir, "xapi", &["--class", "A組"]);
    assert_eq!(code, 0, "{err}");
    let statements: Vec<Statement> = serde_json::from_str(&text).unwrap();
    assert!(!statements.is_empty());
    for st in &statements {
        let grouping = st
            .context
            .context_activities
            .as_ref()
            .unwrap()
            .grouping
            .as_ref();
        assert_eq!(
            grouping.map(|g| g[0].id.as_str()),
            Some("https://tsunagu.example/classes/A%E7%B5%84")
        );
    }
    let (_, plain, _) = debrief_cli(&dir, "xapi", &[]);
    assert!(!plain.contains("/classes/"), "no class unless asked");
    let (code, _, err) = debrief_cli(&dir, "md", &["--class", "A"]);
    assert_eq!(code, 2, "--class is for xAPI only: {err}");
    assert!(err.contains("--class"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}
