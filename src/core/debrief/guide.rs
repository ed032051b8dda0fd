//! The guide: the best total still attainable from any state a trainee can be in.

use rustc_hash::FxHashMap;

use super::points::outcomes;
use crate::core::analysis::{UNBOUNDED, add_points};
use crate::core::compile::Compiled;
use crate::core::relevance::Relevance;
use crate::core::scc::components;
use crate::core::state::State;

/// The best total (all competencies summed) still attainable from every reachable state of
/// a scenario, found on the whole state graph from the start: every state a trainee can be
/// in is in it. Chance outcomes count as going the better way, as in `analysis` (a decision
/// is judged, not the dice). Loops that earn points are without limit (`UNBOUNDED`); loops
/// that cost points make the figures upper bounds (`exact == false`).
#[derive(Debug)]
pub struct Guide {
    relevance: Relevance,
    index: FxHashMap<State, u32>,
    best: Vec<i64>,
    pub exact: bool,
}

impl Guide {
    /// None when the scenario has more than `budget` states.
    pub fn build(s: &Compiled, budget: usize) -> Option<Guide> {
        let relevance = Relevance::of(s);
        let mut first = State::initial(s);
        relevance.normalise(&mut first, None);
        let mut index = FxHashMap::default();
        index.insert(first.clone(), 0u32);
        let mut states = vec![first];
        let mut offsets = vec![0u32];
        let mut targets: Vec<u32> = Vec::new();
        let mut weights: Vec<i64> = Vec::new();
        let mut open = Vec::new();
        let mut i = 0;
        while i < states.len() {
            let state = states[i].clone();
            if !s.nodes[state.node as usize].is_end {
                state.open_choices(s, &mut open);
                for &c in &open {
                    for (mut next, points) in outcomes(s, &state, c) {
                        relevance.normalise(&mut next, Some(state.node));
                        let to = match index.get(&next) {
                            Some(&t) => t,
                            None if states.len() >= budget => return None,
                            None => {
                                let t = states.len() as u32;
                                index.insert(next.clone(), t);
                                states.push(next);
                                t
                            }
                        };
                        targets.push(to);
                        weights.push(points.iter().map(|&p| p as i64).sum());
                    }
                }
            }
            offsets.push(targets.len() as u32);
            i += 1;
        }
        drop(states);
        let (best, exact) = best_to_go(&offsets, &targets, &weights);
        Some(Guide {
            relevance,
            index,
            best,
            exact,
        })
    }

    /// The best total still attainable from a state; none if the state is not reachable.
    pub fn best_from(&self, state: &State) -> Option<i64> {
        let mut st = state.clone();
        self.relevance.normalise_any(&mut st);
        self.index.get(&st).map(|&i| self.best[i as usize])
    }

    pub fn states(&self) -> usize {
        self.best.len()
    }
}

/// The best total from each state of a graph (edges in compressed rows), solved on its
/// strongly connected components from the sinks up. Returns the values and whether exact.
fn best_to_go(offsets: &[u32], targets: &[u32], weights: &[i64]) -> (Vec<i64>, bool) {
    let n = offsets.len() - 1;
    let comp = components(offsets, targets);
    let n_comp = comp.iter().copied().max().map_or(0, |m| m as usize + 1);
    let mut by_comp: Vec<u32> = (0..n as u32).collect();
    by_comp.sort_by_key(|&v| comp[v as usize]);
    let mut value = vec![0i64; n_comp];
    let mut exact = true;
    for members in by_comp.chunk_by(|&a, &b| comp[a as usize] == comp[b as usize]) {
        let c = comp[members[0] as usize] as usize;
        let (mut exit, mut gains, mut costs) = (None::<i64>, false, false);
        for &v in members {
            for e in offsets[v as usize] as usize..offsets[v as usize + 1] as usize {
                let (to, w) = (comp[targets[e] as usize] as usize, weights[e]);
                if to == c {
                    gains |= w > 0;
                    costs |= w < 0;
                } else {
                    let t = add_points(w, value[to]);
                    exit = Some(exit.map_or(t, |x| x.max(t)));
                }
            }
        }
        value[c] = if gains { UNBOUNDED } else { exit.unwrap_or(0) };
        // Reaching the loop's best exit may cost points: the figure is then a bound.
        exact &= !costs || gains;
    }
    ((0..n).map(|v| value[comp[v] as usize]).collect(), exact)
}
