//! Session logs rebuilt from statements, so that a class read from a learning record store
//! gives the same debrief as its log files. Statements are grouped by registration and the
//! decisions put in order by their step; statements of other verbs are left aside.

use std::collections::BTreeMap;

use uuid::Uuid;

use super::iri::{ANSWERED, COMPLETED, competency_of, node_of};
use super::statement::Statement;
use super::time::parse_duration;
use crate::core::log::{Decision, SessionLog};

/// Why statements could not become a session log; names the session (its registration)
/// and, where there is one, the statement.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ReadBackError {
    #[error(
        "session {registration}: statement {statement} says {what} `{found}`, but the session's first statement says `{expected}`"
    )]
    Disagree {
        registration: Uuid,
        statement: Uuid,
        what: &'static str,
        found: String,
        expected: String,
    },
    #[error(
        "session {registration}: decision {step} is missing (the statements hold {held} decision(s) up to {last})"
    )]
    Missing {
        registration: Uuid,
        step: usize,
        held: usize,
        last: usize,
    },
    #[error("session {registration}: two statements for decision {step}: {first} and {second}")]
    Twice {
        registration: Uuid,
        step: usize,
        first: Uuid,
        second: Uuid,
    },
    #[error("statement {statement}: {what}, expected {expected}")]
    Malformed {
        statement: Uuid,
        what: String,
        expected: &'static str,
    },
}

/// One session's statements, as found.
#[derive(Default)]
struct Gathered<'a> {
    answered: BTreeMap<usize, &'a Statement>,
    completed: Option<&'a Statement>,
    first: Option<&'a Statement>,
}

/// The session logs the statements describe, sorted by start time, then registration.
pub fn logs_from_statements(
    statements: &[Statement],
) -> Result<Vec<(Uuid, SessionLog)>, ReadBackError> {
    let mut sessions: BTreeMap<Uuid, Gathered> = BTreeMap::new();
    for st in statements {
        let g = sessions.entry(st.context.registration).or_default();
        if let Some(first) = g.first {
            agree(first, st)?;
        } else {
            g.first = Some(st);
        }
        match st.verb.id.as_str() {
            ANSWERED => {
                let step = st.context.extensions.step.ok_or(ReadBackError::Malformed {
                    statement: st.id,
                    what: "an `answered` statement without a step".into(),
                    expected: "the step extension, 1 for the first decision",
                })?;
                if let Some(before) = g.answered.insert(step, st) {
                    return Err(ReadBackError::Twice {
                        registration: st.context.registration,
                        step,
                        first: before.id,
                        second: st.id,
                    });
                }
            }
            COMPLETED => g.completed = Some(st),
            _ => {}
        }
    }
    let mut logs = Vec::new();
    for (registration, g) in sessions {
        let Some(first) = g.first else { continue };
        if g.answered.is_empty() && g.completed.is_none() {
            continue;
        }
        logs.push((registration, rebuild(registration, first, &g)?));
    }
    logs.sort_by_key(|(r, log)| (log.started, *r));
    Ok(logs)
}

/// Statements of one session agree on what the session is.
fn agree(first: &Statement, st: &Statement) -> Result<(), ReadBackError> {
    let (a, b) = (&first.context.extensions, &st.context.extensions);
    let pairs: [(&'static str, String, String); 6] = [
        ("scenario", a.scenario.clone(), b.scenario.clone()),
        (
            "scenario hash",
            a.scenario_hash.clone(),
            b.scenario_hash.clone(),
        ),
        ("seed", a.seed.clone(), b.seed.clone()),
        ("start", a.started.to_string(), b.started.to_string()),
        ("mode", format!("{:?}", a.mode), format!("{:?}", b.mode)),
        (
            "trainee",
            first.actor.account.name.clone(),
            st.actor.account.name.clone(),
        ),
    ];
    for (what, expected, found) in pairs {
        if expected != found {
            return Err(ReadBackError::Disagree {
                registration: st.context.registration,
                statement: st.id,
                what,
                found,
                expected,
            });
        }
    }
    Ok(())
}

fn rebuild(
    registration: Uuid,
    first: &Statement,
    g: &Gathered,
) -> Result<SessionLog, ReadBackError> {
    let ext = &first.context.extensions;
    let seed = ext.seed.parse().map_err(|_| ReadBackError::Malformed {
        statement: first.id,
        what: format!("the seed `{}`", ext.seed),
        expected: "a whole number from 0 to 18446744073709551615",
    })?;
    let mut decisions = Vec::with_capacity(g.answered.len());
    for (k, (&step, st)) in g.answered.iter().enumerate() {
        if step != k + 1 {
            return Err(ReadBackError::Missing {
                registration,
                step: k + 1,
                held: g.answered.len(),
                last: *g.answered.keys().last().unwrap_or(&0),
            });
        }
        decisions.push(decision(st, &ext.scenario)?);
    }
    // The scores as they stood after the last decision: the completion's, or the sum.
    let mut scores: BTreeMap<String, i32> = BTreeMap::new();
    let counted: Vec<&Statement> = match g.completed {
        Some(c) => vec![c],
        None => g.answered.values().copied().collect(),
    };
    for st in counted {
        for (iri, &p) in &st.result.extensions.points {
            if let Some(id) = competency_of(iri) {
                *scores.entry(id).or_default() += p as i32;
            }
        }
    }
    Ok(SessionLog {
        format: ext.log_format,
        scenario: ext.scenario.clone(),
        scenario_version: ext.scenario_version,
        scenario_hash: ext.scenario_hash.clone(),
        seed,
        mode: ext.mode,
        lang: ext.lang,
        trainee: first.actor.name.clone(),
        started: ext.started,
        decisions,
        scores: scores.into_iter().collect(),
        ending: g.completed.and_then(|c| c.result.extensions.ending.clone()),
    })
}

fn decision(st: &Statement, scenario: &str) -> Result<Decision, ReadBackError> {
    let malformed = |what: String, expected| ReadBackError::Malformed {
        statement: st.id,
        what,
        expected,
    };
    let node = node_of(&st.object.id, scenario).ok_or_else(|| {
        malformed(
            format!("the object `{}`", st.object.id),
            "a decision point of the session's scenario",
        )
    })?;
    let choice = st
        .result
        .response
        .clone()
        .ok_or_else(|| malformed("no response".into(), "the id of the choice taken"))?;
    let seconds = parse_duration(&st.result.duration).ok_or_else(|| {
        malformed(
            format!("the duration `{}`", st.result.duration),
            "seconds as PT…S",
        )
    })?;
    Ok(Decision {
        node,
        choice,
        seconds,
        position: st.result.extensions.position.unwrap_or(0),
    })
}
