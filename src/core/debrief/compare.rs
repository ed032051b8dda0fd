//! The open choices at a step and how the one taken compares with the best still attainable.

use super::points::outcomes;
use crate::core::analysis::{UNBOUNDED, add_points};
use crate::core::compile::Compiled;
use crate::core::guide::Guide;
use crate::core::model::Text;
use crate::core::state::State;

/// A choice that was open at a step.
#[derive(Debug, Clone, PartialEq)]
pub struct OptionView {
    pub choice: u32,
    pub id: String,
    pub text: Text,
    pub taken: bool,
    /// The points the choice itself gives, per competency; for a chance outcome, those of
    /// the outcome with the best total still attainable.
    pub points: Vec<i32>,
    /// The best total (all competencies) still attainable from this step on by taking it,
    /// its own points included; none without a guide.
    pub best_to_go: Option<i64>,
}

/// How a decision compares with the best still attainable from where the trainee stood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// The most that could still be earned (all competencies) before this decision.
    pub best_to_go: i64,
    /// The open choices that keep it attainable.
    pub best_choices: Vec<u32>,
    /// The most that could still be earned after the choice taken (its own points included).
    pub taken_to_go: i64,
    /// Points this decision gave up: `best_to_go - taken_to_go` (0 when it was a best one;
    /// `UNBOUNDED` when it leaves a loop that earns without limit).
    pub lost: i64,
}

impl Comparison {
    pub fn taken_is_best(&self) -> bool {
        self.lost == 0
    }
}

/// The open choices at a state, with their points and the best total they keep attainable.
pub(super) fn options_at(
    s: &Compiled,
    state: &State,
    open: &[u32],
    taken: u32,
    guide: Option<&Guide>,
) -> Vec<OptionView> {
    let node = &s.source.nodes[state.node as usize];
    open.iter()
        .map(|&c| {
            let mut best: Option<(Vec<i32>, Option<i64>)> = None;
            for (next, points) in outcomes(s, state, c) {
                let own: i64 = points.iter().map(|&p| p as i64).sum();
                let to_go = guide
                    .and_then(|g| g.best_from(&next))
                    .map(|b| add_points(own, b));
                let better = match &best {
                    None => true,
                    Some((p, t)) => (to_go, own) > (*t, p.iter().map(|&x| x as i64).sum()),
                };
                if better {
                    best = Some((points, to_go));
                }
            }
            let (points, best_to_go) = best.unwrap_or((vec![0; s.competencies.len()], None));
            let choice = &node.choices[c as usize];
            OptionView {
                choice: c,
                id: choice.id.clone(),
                text: choice.text.clone(),
                taken: c == taken,
                points,
                best_to_go,
            }
        })
        .collect()
}

pub(super) fn compare(options: &[OptionView], best_to_go: Option<i64>) -> Option<Comparison> {
    let best_to_go = best_to_go?;
    let taken = options.iter().find(|o| o.taken)?.best_to_go?;
    let values: Option<Vec<i64>> = options.iter().map(|o| o.best_to_go).collect();
    let values = values?;
    let max = values.iter().copied().max()?;
    Some(Comparison {
        best_to_go,
        best_choices: options
            .iter()
            .zip(&values)
            .filter(|&(_, &v)| v == max)
            .map(|(o, _)| o.choice)
            .collect(),
        taken_to_go: taken,
        // Giving up a loop that earns without limit gives up without limit.
        lost: if taken >= UNBOUNDED {
            0
        } else if best_to_go >= UNBOUNDED {
            UNBOUNDED
        } else {
            (best_to_go - taken).max(0)
        },
    })
}
