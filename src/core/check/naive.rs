//! Every naive strategy played against a scenario, and what it earns: a score is only worth
//! something if none of them earns it. The thresholds are the ones the tests hold the
//! shipped scenarios to, and `tsunagu validate` warns by.

use std::sync::Arc;

use crate::core::analysis::{Analysis, UNBOUNDED};
use crate::core::compile::Compiled;
use crate::core::message::Msg;
use crate::core::model::{Lang, Outcome};
use crate::core::simulate::{Simulation, simulate_with};
use crate::core::strategy::Strategy;

/// A naive strategy may earn at most this share of the best attainable on any competency
/// (its mean over the runs).
pub const MAX_SHARE: f64 = 0.5;
/// A strategy that goes by the order on the screen, or at random, may reach a Good ending
/// in fewer than this share of its runs; one that goes by the texts alone, never.
pub const MAX_GOOD: f64 = 0.05;
/// Runs per strategy (each a seed of its own).
pub const RUNS: u32 = 200;

/// What one strategy earned over its runs.
#[derive(Debug, Clone)]
pub struct Naive {
    pub strategy: Strategy,
    pub sim: Simulation,
    /// Per competency: the mean as a share of the best attainable (none where the best is
    /// not a positive, bounded number).
    pub shares: Vec<Option<f64>>,
    /// The share of runs that reached a Good ending.
    pub good: f64,
}

impl Naive {
    /// Where the strategy does better than a guess may: competency ids over `MAX_SHARE`,
    /// and whether it reaches Good too often.
    pub fn too_good<'a>(&self, c: &'a Compiled) -> (Vec<(&'a str, f64)>, bool) {
        let over = self
            .shares
            .iter()
            .enumerate()
            .filter_map(|(i, s)| {
                s.filter(|&s| s > MAX_SHARE)
                    .map(|s| (c.competencies[i].id.as_str(), s))
            })
            .collect();
        let good = if self.strategy.ignores_order() {
            self.good > 0.0
        } else {
            self.good >= MAX_GOOD
        };
        (over, good)
    }
}

/// Plays every strategy `runs` times from `seed`.
pub fn play_naive(c: &Arc<Compiled>, a: &Analysis, runs: u32, seed: u64, lang: Lang) -> Vec<Naive> {
    Strategy::ALL
        .into_iter()
        .map(|strategy| {
            // A run count of zero is the caller's mistake; one run is the least there is.
            let sim =
                simulate_with(c, runs.max(1), seed, strategy, lang).expect("at least one run");
            let shares = sim
                .scores
                .iter()
                .map(|d| {
                    let best = a.best[d.competency as usize];
                    (best > 0 && best < UNBOUNDED).then(|| d.mean / best as f64)
                })
                .collect();
            let good = sim.ending_runs(c, Outcome::Good) as f64 / sim.runs as f64;
            Naive {
                strategy,
                sim,
                shares,
                good,
            }
        })
        .collect()
}

/// The naive strategies that earn too much, as warnings an author can act on (for
/// `tsunagu validate`; the game's scan does not play them).
pub fn naive_warnings(c: &Arc<Compiled>, a: &Analysis) -> Vec<Msg> {
    let mut out = Vec::new();
    for n in play_naive(c, a, RUNS, 1, Lang::Ja) {
        let (over, good) = n.too_good(c);
        if !over.is_empty() {
            out.push(Msg::NaiveShare {
                strategy: n.strategy,
                runs: n.sim.runs,
                shares: over.iter().map(|(id, x)| (id.to_string(), *x)).collect(),
                max: MAX_SHARE,
            });
        }
        if good {
            out.push(Msg::NaiveGood {
                strategy: n.strategy,
                runs: n.sim.runs,
                good: n.good,
                limit: (!n.strategy.ignores_order()).then_some(MAX_GOOD),
            });
        }
    }
    out
}
