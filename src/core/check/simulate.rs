//! A player who picks by a naive strategy (at random, always the first, the shortest, …)
//! many times over: how the scores spread, how often each ending is reached, and which
//! nodes such play never sees. An instructor reads it to check that a careless trainee
//! does not score well and that every part of the conversation is met. Same seed, same
//! figures.

use std::sync::Arc;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::core::compile::Compiled;
use crate::core::engine::{Mode, Session};
use crate::core::model::{Lang, Outcome};
pub use crate::core::strategy::Strategy;

/// Choices one run may make before it is cut off (a conversation that loops for ever).
pub const MAX_STEPS: usize = 1_000;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SimulateError {
    #[error("the number of runs must be at least 1")]
    NoRuns,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Simulation {
    pub runs: u32,
    pub seed: u64,
    /// One per competency, in rubric order.
    pub scores: Vec<Distribution>,
    /// For every ending node, in scenario order: (node, runs that ended there).
    pub endings: Vec<(u32, u32)>,
    /// Runs left with no open choice and no ending.
    pub stuck: u32,
    /// Runs cut off after `MAX_STEPS` choices.
    pub cut_off: u32,
    /// For every node: runs that reached it.
    pub visits: Vec<u32>,
}

impl Simulation {
    /// Nodes (endings included) no run reached, in scenario order.
    pub fn unreached_nodes(&self) -> Vec<u32> {
        (0..self.visits.len() as u32)
            .filter(|&n| self.visits[n as usize] == 0)
            .collect()
    }

    /// The runs that ended with this outcome.
    pub fn ending_runs(&self, c: &Compiled, outcome: Outcome) -> u32 {
        self.endings
            .iter()
            .filter(|&&(n, _)| {
                c.source.nodes[n as usize]
                    .ending
                    .as_ref()
                    .is_some_and(|e| e.outcome == outcome)
            })
            .map(|&(_, count)| count)
            .sum()
    }

    /// Ending nodes no run reached.
    pub fn unreached_endings(&self) -> Vec<u32> {
        self.endings
            .iter()
            .filter(|(_, count)| *count == 0)
            .map(|(n, _)| *n)
            .collect()
    }
}

/// How one competency's points spread over the runs.
#[derive(Debug, Clone, PartialEq)]
pub struct Distribution {
    pub competency: u32,
    pub mean: f64,
    pub min: i32,
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
    pub max: i32,
    /// (points, runs that ended with them), for every total reached, lowest first.
    pub counts: Vec<(i32, u32)>,
}

impl Distribution {
    fn of(competency: u32, mut values: Vec<i32>) -> Self {
        values.sort_unstable();
        let mut counts: Vec<(i32, u32)> = Vec::new();
        for &v in &values {
            match counts.last_mut() {
                Some((last, n)) if *last == v => *n += 1,
                _ => counts.push((v, 1)),
            }
        }
        let sum: i64 = values.iter().map(|&v| v as i64).sum();
        Distribution {
            competency,
            mean: sum as f64 / values.len().max(1) as f64,
            min: values.first().copied().unwrap_or(0),
            q1: quantile(&values, 0.25),
            median: quantile(&values, 0.5),
            q3: quantile(&values, 0.75),
            max: values.last().copied().unwrap_or(0),
            counts,
        }
    }

    /// The counts grouped into at most `rows` ranges of equal width, for a text histogram:
    /// (lowest, highest, runs), lowest first, empty ranges included.
    pub fn buckets(&self, rows: usize) -> Vec<(i32, i32, u32)> {
        let span = (self.max as i64 - self.min as i64 + 1).max(1) as u64;
        let width = span.div_ceil(rows.max(1) as u64).max(1);
        let n = span.div_ceil(width) as usize;
        let width = width as i64;
        let mut out: Vec<(i32, i32, u32)> = (0..n)
            .map(|i| {
                let lo = self.min as i64 + i as i64 * width;
                (lo as i32, (lo + width - 1).min(self.max as i64) as i32, 0)
            })
            .collect();
        for &(v, count) in &self.counts {
            let i = ((v as i64 - self.min as i64) / width) as usize;
            out[i.min(n - 1)].2 += count;
        }
        out
    }
}

/// The `p` quantile of sorted values, interpolating between neighbours.
fn quantile(sorted: &[i32], p: f64) -> f64 {
    match sorted.len() {
        0 => 0.0,
        1 => sorted[0] as f64,
        n => {
            let h = (n - 1) as f64 * p;
            let lo = h.floor() as usize;
            let hi = (lo + 1).min(n - 1);
            sorted[lo] as f64 + (h - lo as f64) * (sorted[hi] - sorted[lo]) as f64
        }
    }
}

/// Plays `runs` sessions choosing at random; the same seed gives the same figures.
pub fn simulate(c: &Arc<Compiled>, runs: u32, seed: u64) -> Result<Simulation, SimulateError> {
    simulate_with(c, runs, seed, Strategy::Random, Lang::Ja)
}

/// Plays `runs` sessions, each with its own seed (so its own order of options and its own
/// chances), choosing by `strategy`; `lang` is the language whose text lengths count.
pub fn simulate_with(
    c: &Arc<Compiled>,
    runs: u32,
    seed: u64,
    strategy: Strategy,
    lang: Lang,
) -> Result<Simulation, SimulateError> {
    if runs == 0 {
        return Err(SimulateError::NoRuns);
    }
    let n_comp = c.competencies.len();
    let n_nodes = c.nodes.len();
    let mut player = ChaCha8Rng::seed_from_u64(seed);
    let mut totals: Vec<Vec<i32>> = vec![Vec::with_capacity(runs as usize); n_comp];
    let mut ended = vec![0u32; n_nodes];
    let mut visits = vec![0u32; n_nodes];
    let (mut stuck, mut cut_off) = (0, 0);
    let mut seen = vec![false; n_nodes];
    let mut events = Vec::new();
    for _ in 0..runs {
        let mut session = Session::new(Arc::clone(c), player.random(), Mode::Training);
        seen.iter_mut().for_each(|s| *s = false);
        seen[session.node() as usize] = true;
        let mut steps = 0;
        while !session.is_over() && steps < MAX_STEPS {
            let pick = strategy.pick(&session, lang, &mut player);
            events.clear();
            // An open choice is always accepted.
            if session.choose_into(pick, 0.0, &mut events).is_err() {
                break;
            }
            seen[session.node() as usize] = true;
            steps += 1;
        }
        match session.ended() {
            Some(end) => ended[end as usize] += 1,
            None if session.is_over() => stuck += 1,
            None => cut_off += 1,
        }
        for (n, &s) in seen.iter().enumerate() {
            visits[n] += s as u32;
        }
        for (i, &points) in session.scores().iter().enumerate() {
            totals[i].push(points);
        }
    }
    let endings = (0..n_nodes as u32)
        .filter(|&n| c.nodes[n as usize].is_end)
        .map(|n| (n, ended[n as usize]))
        .collect();
    Ok(Simulation {
        runs,
        seed,
        scores: totals
            .into_iter()
            .enumerate()
            .map(|(i, v)| Distribution::of(i as u32, v))
            .collect(),
        endings,
        stuck,
        cut_off,
        visits,
    })
}
