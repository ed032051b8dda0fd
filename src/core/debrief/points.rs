//! Points: what a choice earns.

use crate::core::compile::{Compiled, Fx};
use crate::core::state::State;

/// The states a choice can lead to (both ways for a chance that can go both ways), with
/// its points per competency.
pub(super) fn outcomes(s: &Compiled, state: &State, choice: u32) -> Vec<(State, Vec<i32>)> {
    let has_chance = s.nodes[state.node as usize].choices[choice as usize]
        .chance
        .is_some();
    let ways: &[Option<bool>] = if has_chance {
        &[Some(true), Some(false)]
    } else {
        &[None]
    };
    let mut out = Vec::with_capacity(ways.len());
    for &way in ways {
        let mut next = state.clone();
        let mut points = vec![0; s.competencies.len()];
        let mut possible = true;
        next.take(
            s,
            choice,
            |percent| {
                let want = way == Some(true);
                possible = if want { percent > 0 } else { percent < 100 };
                want
            },
            tally(&mut points),
        );
        if possible {
            out.push((next, points));
        }
    }
    out
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
