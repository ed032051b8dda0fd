//! Logs matched to their scenarios, replayed, and their trainees numbered.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use super::logs::{LoadedLog, LogProblem};
use crate::core::compile::Compiled;
use crate::core::engine::Session;
use crate::core::log::{self, Replayed, SessionLog};
use crate::core::validate::Checked;

/// A log replayed onto its scenario.
#[derive(Debug, Clone)]
pub struct PlayedLog {
    pub path: PathBuf,
    pub log: SessionLog,
    /// Index into `Debrief::scenarios`.
    pub scenario: usize,
    /// The session as far as the log still fits the scenario (`log::replay`).
    pub replayed: Replayed,
    /// 1, 2, … per trainee name, in the order the trainees first started a session (then by
    /// name): the same number in every scenario and on every run over the same logs.
    pub trainee_number: usize,
    /// 1, 2, … among this trainee's sessions of this scenario, by start time.
    pub attempt: usize,
    /// How many sessions of this scenario this trainee has.
    pub attempts: usize,
}

impl PlayedLog {
    pub fn session(&self) -> &Session {
        &self.replayed.session
    }
    /// The log was made against other content of the scenario, or stops fitting it.
    pub fn is_flagged(&self) -> bool {
        self.replayed.hash_differs || self.replayed.stopped.is_some()
    }
}

/// Matches each log to its scenario by id (the one with the log's content hash when
/// several are loaded) and replays it as far as it still fits; sorted by scenario, trainee
/// number and attempt.
pub(super) fn match_logs(
    logs: Vec<LoadedLog>,
    scenarios: &[Checked],
) -> (Vec<PlayedLog>, Vec<LogProblem>) {
    let mut problems = Vec::new();
    let mut played = Vec::with_capacity(logs.len());
    for LoadedLog { path, log } in logs {
        match find_scenario(scenarios, &log) {
            Ok((i, compiled)) => {
                let replayed = log::replay(&log, compiled, &scenarios[i].hash);
                played.push(PlayedLog {
                    path,
                    log,
                    scenario: i,
                    replayed,
                    trainee_number: 0,
                    attempt: 0,
                    attempts: 0,
                });
            }
            Err(None) => problems.push(LogProblem::NoScenario {
                path,
                scenario: log.scenario,
            }),
            Err(Some(scenario_path)) => problems.push(LogProblem::Unplayable {
                path,
                scenario: log.scenario,
                scenario_path,
            }),
        }
    }
    number_trainees(&mut played);
    (played, problems)
}

/// The scenario a log was played on, preferring the one with the log's content hash:
/// `Err(None)` when none has its id, `Err(Some(path))` when those that have it cannot be
/// played.
fn find_scenario(
    scenarios: &[Checked],
    log: &SessionLog,
) -> Result<(usize, Arc<Compiled>), Option<PathBuf>> {
    let same_id = |c: &Checked| {
        c.compiled
            .as_ref()
            .is_some_and(|s| s.source.id == log.scenario)
    };
    let playable: Vec<(usize, &Arc<Compiled>)> = scenarios
        .iter()
        .enumerate()
        .filter(|(_, c)| same_id(c))
        .filter_map(|(i, c)| Some((i, c.playable()?)))
        .collect();
    let exact = playable
        .iter()
        .find(|(i, _)| scenarios[*i].hash == log.scenario_hash);
    match exact.or(playable.first()) {
        Some(&(i, s)) => Ok((i, Arc::clone(s))),
        None => Err(scenarios
            .iter()
            .find(|c| same_id(c))
            .map(|c| c.path.clone())),
    }
}

/// Numbers the trainees (by first start, then name), sorts the logs, counts attempts.
fn number_trainees(played: &mut [PlayedLog]) {
    let mut first: HashMap<&str, u64> = HashMap::new();
    for p in played.iter() {
        let t = first.entry(p.log.trainee.as_str()).or_insert(u64::MAX);
        *t = (*t).min(p.log.started);
    }
    let mut names: Vec<(u64, &str)> = first.into_iter().map(|(n, t)| (t, n)).collect();
    names.sort();
    let numbers: HashMap<String, usize> = names
        .iter()
        .enumerate()
        .map(|(i, (_, n))| ((*n).to_owned(), i + 1))
        .collect();
    for p in played.iter_mut() {
        p.trainee_number = numbers[p.log.trainee.as_str()];
    }
    played.sort_by(|a, b| {
        (a.scenario, a.trainee_number, a.log.started, &a.path).cmp(&(
            b.scenario,
            b.trainee_number,
            b.log.started,
            &b.path,
        ))
    });
    let mut i = 0;
    while i < played.len() {
        let key = (played[i].scenario, played[i].trainee_number);
        let end = i + played[i..]
            .iter()
            .take_while(|p| (p.scenario, p.trainee_number) == key)
            .count();
        for (k, p) in played[i..end].iter_mut().enumerate() {
            p.attempt = k + 1;
            p.attempts = end - i;
        }
        i = end;
    }
}
