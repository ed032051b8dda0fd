//! The group view of one scenario: who chose what at each decision point, and how it ended.

use std::cmp::Reverse;

use rustc_hash::FxHashMap;

use super::Debrief;
use super::ending::{EndingView, ending_view};
use super::spread::Spread;
use crate::core::analysis::Analysis;
use crate::core::compile::Compiled;
use crate::core::model::{Phase, Text};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceCount {
    pub choice: u32,
    pub id: String,
    pub text: Text,
    /// The sessions (indices into `Debrief::played`) that took it at least once.
    pub sessions: Vec<usize>,
    /// Times taken in all (a node that is come back to can see a choice taken again).
    pub times: usize,
    /// The choice is on the scenario's best path at this node.
    pub on_best_path: bool,
}

/// A node where the trainee chooses, and what the group chose there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionPoint {
    pub node: u32,
    pub node_id: String,
    pub phase: Phase,
    /// What is said at the node (its first text).
    pub text: Text,
    /// Sessions that decided here at least once.
    pub reached: usize,
    /// Every choice of the node, in the scenario's order, taken or not.
    pub choices: Vec<ChoiceCount>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndingCount {
    pub ending: EndingView,
    pub sessions: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub scenario: usize,
    /// Indices into `Debrief::played`, in order.
    pub sessions: Vec<usize>,
    pub decision_points: Vec<DecisionPoint>,
    pub endings: Vec<EndingCount>,
    /// Sessions that did not reach an ending.
    pub unfinished: Vec<usize>,
    /// One per competency of the rubric, then the total.
    pub spread: Vec<Spread>,
}

impl Debrief {
    /// One group view per scenario that has logs, in the scenarios' order.
    pub fn groups(&self) -> Vec<Group> {
        let mut scenarios: Vec<usize> = self.played.iter().map(|p| p.scenario).collect();
        scenarios.dedup();
        scenarios.into_iter().map(|s| self.group(s)).collect()
    }

    /// What the trainees of one scenario chose, and how they scored.
    pub fn group(&self, scenario: usize) -> Group {
        let sessions = self.sessions_of(scenario);
        let checked = &self.scenarios[scenario];
        let Some(s) = checked.compiled.as_ref() else {
            return Group {
                scenario,
                sessions,
                decision_points: Vec::new(),
                endings: Vec::new(),
                unfinished: Vec::new(),
                spread: Vec::new(),
            };
        };
        let analysis = checked.analysis.as_ref();
        let decision_points = self.decision_points(s, analysis, &sessions);
        let (endings, unfinished) = self.endings(s, analysis, &sessions);
        let spread = self.spread(scenario, s, analysis, &sessions);
        Group {
            scenario,
            sessions,
            decision_points,
            endings,
            unfinished,
            spread,
        }
    }

    /// Every node where a choice is made that some path reaches or some session decided
    /// at, with every choice counted.
    fn decision_points(
        &self,
        s: &Compiled,
        analysis: Option<&Analysis>,
        sessions: &[usize],
    ) -> Vec<DecisionPoint> {
        // (node, choice) -> (sessions, times)
        let mut taken: FxHashMap<(u32, u32), (Vec<usize>, usize)> = FxHashMap::default();
        let mut reached: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
        for &i in sessions {
            for st in self.played[i].session().steps() {
                let entry = taken.entry((st.node, st.choice)).or_default();
                entry.1 += 1;
                if entry.0.last() != Some(&i) {
                    entry.0.push(i);
                }
                let r = reached.entry(st.node).or_default();
                if r.last() != Some(&i) {
                    r.push(i);
                }
            }
        }
        let best_path = analysis.map_or(&[][..], |a| &a.best_path);
        s.source
            .nodes
            .iter()
            .enumerate()
            .filter(|&(n, node)| {
                !node.choices.is_empty()
                    && (reachable(analysis, n) || reached.contains_key(&(n as u32)))
            })
            .map(|(n, node)| {
                let n = n as u32;
                DecisionPoint {
                    node: n,
                    node_id: node.id.clone(),
                    phase: node.phase,
                    text: node.text.first().cloned().unwrap_or_default(),
                    reached: reached.get(&n).map_or(0, Vec::len),
                    choices: node
                        .choices
                        .iter()
                        .enumerate()
                        .map(|(c, choice)| {
                            let c = c as u32;
                            let (sessions, times) = taken.remove(&(n, c)).unwrap_or_default();
                            ChoiceCount {
                                choice: c,
                                id: choice.id.clone(),
                                text: choice.text.clone(),
                                sessions,
                                times,
                                on_best_path: best_path
                                    .iter()
                                    .any(|&(bn, bc, _)| (bn, bc) == (n, c)),
                            }
                        })
                        .collect(),
                }
            })
            .collect()
    }

    /// Every reachable ending (and any other a session reached) with the sessions that
    /// reached it, good outcomes first; then the sessions that reached none.
    fn endings(
        &self,
        s: &Compiled,
        analysis: Option<&Analysis>,
        sessions: &[usize],
    ) -> (Vec<EndingCount>, Vec<usize>) {
        let mut endings: Vec<EndingCount> = s
            .source
            .nodes
            .iter()
            .enumerate()
            .filter(|(n, node)| node.ending.is_some() && reachable(analysis, *n))
            .map(|(n, _)| EndingCount {
                ending: ending_view(s, n as u32),
                sessions: Vec::new(),
            })
            .collect();
        let mut unfinished = Vec::new();
        for &i in sessions {
            match self.played[i].session().ended() {
                Some(n) => match endings.iter_mut().find(|e| e.ending.node == n) {
                    Some(e) => e.sessions.push(i),
                    None => endings.push(EndingCount {
                        ending: ending_view(s, n),
                        sessions: vec![i],
                    }),
                },
                None => unfinished.push(i),
            }
        }
        endings.sort_by_key(|e| (e.ending.outcome, Reverse(e.sessions.len()), e.ending.node));
        (endings, unfinished)
    }
}

/// Whether some path reaches a node (every node counts when there is no analysis).
fn reachable(analysis: Option<&Analysis>, node: usize) -> bool {
    analysis.is_none_or(|a| a.reachable[node])
}
