//! The replay of one log: step by step, what was heard, open, taken, earned and learned.

use std::sync::Arc;

use super::Debrief;
use super::compare::{Comparison, OptionView, compare, options_at};
use super::ending::{EndingView, ending_view};
use super::feedback::{FeedbackItem, feedback_at};
use super::lines::{Line, arrival_start, lines};
use crate::core::compile::Item;
use crate::core::engine::{Event, Order, Session};
use crate::core::log::Decision;
use crate::core::model::{Level, Phase, Text, TieKind};

/// The outcome side of a session at one moment: what the trainee had found and done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// Points per competency (rubric order).
    pub scores: Vec<i32>,
    /// The case notes: indices into the scenario's notes, in the order they were found.
    pub notes: Vec<u32>,
    /// Everything on the ecomap (people, resources) and in the notes, in order of reveal.
    pub revealed: Vec<Item>,
    pub ties: Vec<(Item, Item, TieKind)>,
    /// The rung each issue has reached.
    pub issues: Vec<Option<Level>>,
}

impl Snapshot {
    fn of(session: &Session) -> Snapshot {
        Snapshot {
            scores: session.scores().to_vec(),
            notes: session
                .revealed()
                .iter()
                .filter_map(|e| match e {
                    Item::Note(i) => Some(*i),
                    _ => None,
                })
                .collect(),
            revealed: session.revealed().to_vec(),
            ties: session.ties().to_vec(),
            issues: session.issue_levels().to_vec(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReplayStep {
    /// 1, 2, …
    pub number: usize,
    pub node: u32,
    pub node_id: String,
    pub phase: Phase,
    /// What was said on arriving at the node (empty when the conversation stayed on it:
    /// then the previous step's reply is the last thing heard).
    pub heard: Vec<Line>,
    pub options: Vec<OptionView>,
    pub taken: u32,
    pub taken_id: String,
    pub taken_text: Text,
    /// Where the taken option was shown (1 = first); none for a log made before options
    /// were shown in a shuffled order.
    pub position: Option<u32>,
    pub seconds: f32,
    /// The trainee's words and the reply to them.
    pub said: Vec<Line>,
    /// A chance outcome: its percent and whether it worked.
    pub chance: Option<(i32, bool)>,
    pub feedback: Vec<FeedbackItem>,
    /// This decision's points per competency.
    pub points: Vec<i32>,
    /// Scores, notes, ecomap and issues after the decision.
    pub after: Snapshot,
    pub comparison: Option<Comparison>,
    /// The path so far, this step included, is the scenario's best path (`analysis`).
    pub on_best_path: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Replay {
    pub played: usize,
    /// Before the first decision.
    pub start: Snapshot,
    pub steps: Vec<ReplayStep>,
    /// What was said after the last decision (the ending's words, or where the log stops).
    pub closing: Vec<Line>,
    pub ending: Option<EndingView>,
    /// Decisions of the log that no longer fit the scenario, unplayed.
    pub skipped: Vec<Decision>,
    pub stopped: Option<String>,
    pub hash_differs: bool,
    /// The log was made before options were shown in a shuffled order (format 1): its
    /// options are shown as written, and no position was recorded.
    pub written_order: bool,
    /// Whether the best-choice figures are exact (none: no guide, no comparison).
    pub guide_exact: Option<bool>,
}

impl Debrief {
    /// A played log, step by step.
    pub fn replay(&self, played: usize) -> Replay {
        let p = &self.played[played];
        let s = Arc::clone(self.compiled(played));
        let guide = self.guide(p.scenario);
        let best_path: &[(u32, u32, Option<bool>)] = self.scenarios[p.scenario]
            .analysis
            .as_ref()
            .map_or(&[], |a| &a.best_path);
        let mut session =
            Session::with_order(Arc::clone(&s), p.log.seed, p.log.mode, p.log.order());
        let start = Snapshot::of(&session);
        let mut heard = lines(&s, session.transcript());
        let mut steps = Vec::new();
        let mut on_best = true;
        for (i, step) in p.replayed.session.steps().iter().enumerate() {
            let before = session.state().clone();
            let open = session.options().to_vec();
            let from = session.transcript().len();
            // The same seed and choices as the replay that made these steps: always open.
            if session.choose(step.choice, step.seconds).is_err() {
                break;
            }
            let events = &session.transcript()[from..];
            let (response, arrival) = events.split_at(arrival_start(events));
            let options = options_at(&s, &before, &open, step.choice, guide);
            on_best &= best_path
                .get(i)
                .is_some_and(|&(n, c, _)| (n, c) == (step.node, step.choice));
            let feedback = feedback_at(&session, i);
            let mut points = vec![0; s.competencies.len()];
            for f in &feedback {
                points[f.competency as usize] += f.points;
            }
            let node = &s.source.nodes[step.node as usize];
            let choice = &node.choices[step.choice as usize];
            steps.push(ReplayStep {
                number: i + 1,
                node: step.node,
                node_id: node.id.clone(),
                phase: node.phase,
                heard: std::mem::replace(&mut heard, lines(&s, arrival)),
                comparison: compare(&options, guide.and_then(|g| g.best_from(&before))),
                options,
                taken: step.choice,
                taken_id: choice.id.clone(),
                taken_text: choice.text.clone(),
                position: (session.order() == Order::Shuffled).then_some(step.position),
                seconds: step.seconds,
                said: lines(&s, response),
                chance: response.iter().find_map(|e| match *e {
                    Event::Chance { percent, success } => Some((percent, success)),
                    _ => None,
                }),
                feedback,
                points,
                after: Snapshot::of(&session),
                on_best_path: on_best,
            });
        }
        Replay {
            played,
            start,
            steps,
            closing: heard,
            ending: session.ended().map(|n| ending_view(&s, n)),
            skipped: p.log.decisions[p.replayed.applied.min(p.log.decisions.len())..].to_vec(),
            stopped: p.replayed.stopped.clone(),
            hash_differs: p.replayed.hash_differs,
            written_order: p.log.order() == Order::Written,
            guide_exact: guide.map(|g| g.exact),
        }
    }
}
