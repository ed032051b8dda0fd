//! The debrief: session logs played back for a group and its instructor. One log becomes a
//! replay, step by step (what was said, the choices open, the one taken, its feedback and
//! principle, the scores, case notes and ecomap as they stood, and how the decision compares
//! with the best still attainable). The logs of one scenario become the group view: who took
//! which choice, the spread of scores, where two paths part. Plain data out, in both
//! languages: the game's screens and the command line's exports draw it; nothing here prints.

mod compare;
mod divergence;
mod ending;
mod feedback;
mod group;

mod labels;
mod lines;
mod logs;
mod paths;
mod played;
mod points;
mod replay;
mod spread;

use std::path::PathBuf;
use std::sync::Arc;

use super::compile::Compiled;
use super::validate::Checked;

pub use crate::core::guide::Guide;
pub use compare::{Comparison, OptionView};
pub use divergence::{Divergence, divergence};
pub use ending::EndingView;
pub use feedback::FeedbackItem;
pub use group::{ChoiceCount, DecisionPoint, EndingCount, Group};
pub use labels::anonymous_name;
pub use lines::{Line, Voice, lines};
pub use logs::{LoadedLog, LogProblem, load_logs, log_files};
pub use paths::PathStep;
pub use played::PlayedLog;
pub use replay::{Replay, ReplayStep, Snapshot};
pub use spread::{Spread, Summary};

/// Logs matched to their scenarios and replayed, with the logs that could not be.
#[derive(Debug)]
pub struct Debrief {
    pub scenarios: Vec<Checked>,
    /// Sorted by scenario, trainee number and attempt.
    pub played: Vec<PlayedLog>,
    pub problems: Vec<LogProblem>,
}

impl Debrief {
    /// Loads the logs under `paths` and matches them to `scenarios`.
    pub fn open(paths: &[PathBuf], scenarios: Vec<Checked>) -> Debrief {
        let (logs, problems) = load_logs(paths);
        let mut debrief = Debrief::from_logs(logs, scenarios);
        let matched = std::mem::take(&mut debrief.problems);
        debrief.problems = problems;
        debrief.problems.extend(matched);
        debrief
    }

    /// Matches each log to its scenario by id (the one with the log's content hash when
    /// several are loaded) and replays it as far as it still fits.
    pub fn from_logs(logs: Vec<LoadedLog>, scenarios: Vec<Checked>) -> Debrief {
        let (played, problems) = played::match_logs(logs, &scenarios);
        Debrief {
            scenarios,
            played,
            problems,
        }
    }

    /// The compiled scenario of a played log.
    pub fn compiled(&self, played: usize) -> &Arc<Compiled> {
        self.played[played].replayed.session.scenario()
    }

    /// The played logs of a scenario, in order.
    pub fn sessions_of(&self, scenario: usize) -> Vec<usize> {
        (0..self.played.len())
            .filter(|&i| self.played[i].scenario == scenario)
            .collect()
    }

    /// The guide to the best choices of a scenario: its analysis's (none when the scenario
    /// is not playable or its analysis is only a bound).
    pub fn guide(&self, scenario: usize) -> Option<&Guide> {
        let checked = &self.scenarios[scenario];
        checked.playable()?;
        checked.analysis.as_ref()?.guide.as_deref()
    }
}
