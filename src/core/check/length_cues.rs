//! Whether the length of an answer gives it away. At each decision point (a node where the
//! choices lead to different best attainable totals) a trainee who cannot judge would pick
//! the best answer one time in as many as there are answers. If the best answer is the
//! shortest, or the longest is the worst or the best, at significantly more decision points
//! than that (an exact one-sided test on the sum of those chances), length is a cue a
//! trainee can learn instead of the judgement the scenario is about.

use crate::core::analysis::Analysis;
use crate::core::compile::Compiled;
use crate::core::model::Lang;

/// A pattern is reported when chance alone would produce it this rarely or less.
pub const SIGNIFICANCE: f64 = 0.05;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    ShortestIsBest,
    LongestIsWorst,
    LongestIsBest,
}

/// How often one cue holds, against what a blind pick would give.
#[derive(Debug, Clone, PartialEq)]
pub struct CueCount {
    pub cue: Cue,
    /// Decision points where the cue could hold (a single shortest or longest answer and a
    /// single best or worst one).
    pub decisions: usize,
    /// The nodes where it holds.
    pub nodes: Vec<u32>,
    /// How many a blind pick would be expected to hit.
    pub expected: f64,
    /// The chance of hitting that many or more by blind picking.
    pub p_value: f64,
}

impl CueCount {
    pub fn is_significant(&self) -> bool {
        self.nodes.len() >= 3 && self.p_value <= SIGNIFICANCE
    }
}

/// The three cues, counted over the decision points of a scenario (text lengths in `lang`).
pub fn length_cues(c: &Compiled, a: &Analysis, lang: Lang) -> Vec<CueCount> {
    let mut counts: Vec<(Cue, Vec<f64>, Vec<u32>)> =
        [Cue::ShortestIsBest, Cue::LongestIsWorst, Cue::LongestIsBest]
            .into_iter()
            .map(|cue| (cue, Vec::new(), Vec::new()))
            .collect();
    for (n, values) in a.choice_best.iter().enumerate() {
        let options: Vec<(usize, i64)> = values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.map(|v| (i, v)))
            .collect();
        let best = options.iter().map(|o| o.1).max();
        let worst = options.iter().map(|o| o.1).min();
        if options.len() < 2 || best == worst {
            continue;
        }
        let len = |i: usize| c.source.nodes[n].choices[i].text.get(lang).chars().count();
        // The one answer that is so; none when several tie (a tie gives nothing away).
        let single = |of: &dyn Fn(usize) -> bool| {
            let mut at = options.iter().filter(|o| of(o.0)).map(|o| o.0);
            match (at.next(), at.next()) {
                (Some(i), None) => Some(i),
                _ => None,
            }
        };
        let shortest = options.iter().map(|o| len(o.0)).min();
        let longest = options.iter().map(|o| len(o.0)).max();
        let shortest = single(&|i| Some(len(i)) == shortest);
        let longest = single(&|i| Some(len(i)) == longest);
        let value = |i: usize| values[i];
        let best_one = single(&|i| value(i) == best);
        let worst_one = single(&|i| value(i) == worst);
        let p = 1.0 / options.len() as f64;
        for (cue, chances, nodes) in counts.iter_mut() {
            let (answer, target) = match cue {
                Cue::ShortestIsBest => (shortest, best_one),
                Cue::LongestIsWorst => (longest, worst_one),
                Cue::LongestIsBest => (longest, best_one),
            };
            if let (Some(answer), Some(target)) = (answer, target) {
                chances.push(p);
                if answer == target {
                    nodes.push(n as u32);
                }
            }
        }
    }
    counts
        .into_iter()
        .map(|(cue, chances, nodes)| CueCount {
            cue,
            decisions: chances.len(),
            expected: chances.iter().sum(),
            p_value: at_least(&chances, nodes.len()),
            nodes,
        })
        .collect()
}

/// The chance that `hits` or more of independent events with these chances happen (the
/// tail of a Poisson binomial distribution, computed exactly).
pub fn at_least(chances: &[f64], hits: usize) -> f64 {
    let mut dist = vec![1.0];
    for &p in chances {
        let mut next = vec![0.0; dist.len() + 1];
        for (k, &q) in dist.iter().enumerate() {
            next[k] += q * (1.0 - p);
            next[k + 1] += q * p;
        }
        dist = next;
    }
    dist.iter().skip(hits).sum::<f64>().min(1.0)
}

#[cfg(test)]
mod tests {
    use super::at_least;

    #[test]
    fn the_tail_of_a_binomial_is_exact() {
        // Ten fair coins: P(X >= 8) = (45 + 10 + 1) / 1024.
        let p = at_least(&[0.5; 10], 8);
        assert!((p - 56.0 / 1024.0).abs() < 1e-12);
        assert!((at_least(&[0.3; 4], 0) - 1.0).abs() < 1e-12);
        assert!(at_least(&[0.25; 4], 5) == 0.0);
    }
}
