//! Points: what a choice earns.

use crate::core::compile::{Compiled, Fx};
use crate::core::state::State;

/// The states a choice can lead to (both ways for a chance that can go both ways), with
/// its points per competency.
pub(super) fn outcomes(s: &Compiled, state: &State, choice: u32) -> Vec<(State, Vec<i32>)> {
    let c = &s.nodes[state.node as usize].choices[choice as usize];
    c.outcomes()
        .iter()
        .filter_map(|&way| {
            let mut next = state.clone();
            let mut points = vec![0; s.competencies.len()];
            next.take_outcome(s, choice, way, tally(&mut points))?;
            Some((next, points))
        })
        .collect()
}

/// An effect handler for `State::take` that adds each score effect's points to `points`
/// (one per competency).
pub(super) fn tally(points: &mut [i32]) -> impl FnMut(&Fx, Option<bool>, usize) + '_ {
    |fx, _, _| {
        if let Fx::Score {
            competency,
            points: p,
        } = fx
        {
            points[*competency as usize] += p;
        }
    }
}
