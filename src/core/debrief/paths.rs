//! The decisions of a trainee's path and of the scenario's best path.

use super::Debrief;
use super::points::tally;
use crate::core::compile::Compiled;
use crate::core::engine::Event;
use crate::core::model::Text;
use crate::core::state::State;

/// One decision on a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathStep {
    pub node: u32,
    pub choice: u32,
    pub node_id: String,
    pub choice_id: String,
    pub text: Text,
    /// How a chance outcome went.
    pub chance: Option<bool>,
}

fn path_step(s: &Compiled, node: u32, choice: u32, chance: Option<bool>) -> PathStep {
    let n = &s.source.nodes[node as usize];
    let c = &n.choices[choice as usize];
    PathStep {
        node,
        choice,
        node_id: n.id.clone(),
        choice_id: c.id.clone(),
        text: c.text.clone(),
        chance,
    }
}

impl Debrief {
    /// The decisions a trainee made (as far as the log fits the scenario).
    pub fn path(&self, played: usize) -> Vec<PathStep> {
        let session = self.played[played].session();
        let s = session.scenario();
        let mut chances = vec![None; session.steps().len()];
        let mut step = None::<usize>;
        for e in session.transcript() {
            match *e {
                Event::Said { .. } => step = Some(step.map_or(0, |x| x + 1)),
                Event::Chance { success, .. } => {
                    if let Some(slot) = step.and_then(|i| chances.get_mut(i)) {
                        *slot = Some(success);
                    }
                }
                _ => {}
            }
        }
        session
            .steps()
            .iter()
            .zip(chances)
            .map(|(st, chance)| path_step(s, st.node, st.choice, chance))
            .collect()
    }

    /// The scenario's best path (`analysis.best_path`); empty when it was not found.
    pub fn best_path(&self, scenario: usize) -> Vec<PathStep> {
        let checked = &self.scenarios[scenario];
        match (checked.playable(), &checked.analysis) {
            (Some(s), Some(a)) => a
                .best_path
                .iter()
                .map(|&(n, c, chance)| path_step(s, n, c, chance))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The points per competency of the scenario's best path.
    pub fn best_path_points(&self, scenario: usize) -> Option<Vec<i32>> {
        let checked = &self.scenarios[scenario];
        let s = checked.playable()?;
        let path = &checked.analysis.as_ref()?.best_path;
        let mut state = State::initial(s);
        let mut points = vec![0; s.competencies.len()];
        for &(node, choice, chance) in path {
            if state.node != node {
                return None;
            }
            state.take(s, choice, |_| chance == Some(true), tally(&mut points));
        }
        Some(points)
    }
}
