//! What a scenario makes attainable: the best and worst score on every competency over all
//! paths, the best path, which nodes and endings can be reached, and where a conversation
//! can get stuck. Solved on the state graph (`explore.rs`), its loops taken as units.
//! Past a budget of states it falls back to a sound bound on the node graph and says so
//! (`exact == false`).

use std::collections::HashMap;
use std::sync::Arc;

use crate::core::compile::Compiled;
use crate::core::explore::{Edge, Graph, explore};
use crate::core::guide::Guide;
use crate::core::relevance::Relevance;
use crate::core::scc::{Adjacency, components};

/// States explored before falling back to the bound.
pub const DEFAULT_STATE_BUDGET: usize = 400_000;

/// Stands for "without limit": points that can be earned again and again in a loop.
pub const UNBOUNDED: i64 = i64::MAX / 4;

#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    /// The most that can be earned on each competency (indices as in the rubric).
    pub best: Vec<i64>,
    /// The least (most negative) on each competency.
    pub worst: Vec<i64>,
    /// True when every figure is exact; false when some are bounds.
    pub exact: bool,
    /// States explored (0 when the budget was exceeded).
    pub states: usize,
    /// Nodes that some path reaches.
    pub reachable: Vec<bool>,
    /// Ending nodes that some path reaches.
    pub endings: Vec<u32>,
    /// Nodes where a conversation can be left with no open choice and no ending.
    pub dead_ends: Vec<u32>,
    /// Competencies whose points can be earned repeatedly in a loop.
    pub unbounded: Vec<u32>,
    /// A path that scores the highest total: (node, choice index, chance outcome).
    pub best_path: Vec<(u32, u32, Option<bool>)>,
    /// Per node and choice: the best total still attainable by taking it, over the states
    /// it is open in (the better chance outcome); none where it is never open. Empty when
    /// the analysis is only a bound.
    pub choice_best: Vec<Vec<Option<i64>>>,
    /// The best total still attainable from every state explored, for the debrief's
    /// comparison of a trainee's choices with the best; none when only a bound was found.
    pub guide: Option<Arc<Guide>>,
    /// Per node and mood: whether some path arrives at the node with that mood the first
    /// whose conditions hold (so that it is said). Empty when only a bound was found.
    pub moods_shown: Vec<Vec<bool>>,
}

impl Analysis {
    pub fn can_end(&self) -> bool {
        !self.endings.is_empty()
    }

    /// Whether every reachable state was explored, so that what is never seen there never
    /// happens (the scores may still be bounds, for loops that earn points).
    pub fn explored(&self) -> bool {
        self.states > 0
    }

    /// Whether the choice is offered in some reachable state; none when only a bound was
    /// found.
    pub fn offered(&self, node: u32, choice: u32) -> Option<bool> {
        let slots = self.choice_best.get(node as usize)?;
        Some(slots[choice as usize].is_some())
    }
}

pub fn analyse(s: &Compiled) -> Analysis {
    analyse_with_budget(s, DEFAULT_STATE_BUDGET)
}

/// States explored when the variables alone may give more combinations at one node than
/// the budget allows: enough to be exact where that estimate is far too high, without
/// spending the whole budget before settling for the bound where it is not.
const QUICK_BUDGET: usize = 20_000;

pub fn analyse_with_budget(s: &Compiled, budget: usize) -> Analysis {
    let relevance = Relevance::of(s);
    let budget = if relevance.value_combinations(s) > budget as f64 {
        budget.min(QUICK_BUDGET)
    } else {
        budget
    };
    match explore(s, relevance, budget) {
        Some(graph) => graph.solve(s),
        None => node_graph_bound(s),
    }
}

/// The members of each component, in flat form (a counting sort by component).
fn group_by_component(comp: &[u32], n: usize) -> Adjacency {
    let mut first = vec![0u32; n + 1];
    for &c in comp {
        first[c as usize + 1] += 1;
    }
    for i in 0..n {
        first[i + 1] += first[i];
    }
    let mut fill = first.clone();
    let mut targets = vec![0u32; comp.len()];
    for (v, &c) in comp.iter().enumerate() {
        targets[fill[c as usize] as usize] = v as u32;
        fill[c as usize] += 1;
    }
    Adjacency { first, targets }
}

/// Adds points, keeping "without limit" (`UNBOUNDED`, either way) without limit.
pub(crate) fn add_points(a: i64, b: i64) -> i64 {
    if a >= UNBOUNDED || b >= UNBOUNDED {
        UNBOUNDED
    } else if a <= -UNBOUNDED || b <= -UNBOUNDED {
        -UNBOUNDED
    } else {
        a + b
    }
}

/// A sum of a figure (finite, or `UNBOUNDED` either way) and points far from the limit,
/// brought back to "without limit" where it came from there: [`add_points`] of the two.
/// Being monotone, it can be applied once to the best (or worst) of many such sums, which
/// lets the solver's inner loop add and compare whole rows without it.
fn limit(sum: i64) -> i64 {
    if sum >= UNBOUNDED / 2 {
        UNBOUNDED
    } else if sum <= -UNBOUNDED / 2 {
        -UNBOUNDED
    } else {
        sum
    }
}

impl Graph {
    fn weight(&self, e: &Edge, c: usize) -> i64 {
        self.weights[e.w as usize * self.n_comp + c] as i64
    }

    /// Per distinct weight: its points on every competency together.
    fn totals(&self) -> Vec<i64> {
        let n = self
            .edges
            .iter()
            .map(|e| e.w as usize + 1)
            .max()
            .unwrap_or(0);
        (0..n)
            .map(|w| {
                let x = &self.weights[w * self.n_comp..][..self.n_comp];
                x.iter().map(|&p| p as i64).sum()
            })
            .collect()
    }

    fn solve(self, s: &Compiled) -> Analysis {
        let n = self.nodes.len();
        let k = self.n_comp;
        let totals = self.totals();
        let targets: Vec<u32> = self.edges.iter().map(|e| e.to).collect();
        let comp = components(&self.first, &targets);
        let n_comp_scc = comp.iter().copied().max().map_or(0, |m| m as usize + 1);
        let members = group_by_component(&comp, n_comp_scc);
        // Per SCC: best and worst per competency (k values each), and best total.
        let mut best = vec![0i64; n_comp_scc * k];
        let mut worst = vec![0i64; n_comp_scc * k];
        let mut best_total = vec![0i64; n_comp_scc];
        let mut best_exit: Vec<Option<(u32, usize)>> = vec![None; n_comp_scc];
        let mut exact = true;
        let mut total_exact = true;
        let mut unbounded = vec![false; k];
        let (mut b, mut w) = (vec![0i64; k], vec![0i64; k]);
        let (mut intra_pos, mut intra_neg) = (vec![false; k], vec![false; k]);
        for scc in 0..n_comp_scc {
            let mut any_exit = false;
            b.fill(i64::MIN);
            w.fill(i64::MAX);
            intra_pos.fill(false);
            intra_neg.fill(false);
            let mut bt = i64::MIN;
            let mut intra_total_pos = false;
            let mut intra_total_neg = false;
            for &v in members.of(scc) {
                for (ei, e) in self.out(v as usize).iter().enumerate() {
                    let to = comp[e.to as usize] as usize;
                    if to == scc {
                        for c in 0..k {
                            let x = self.weight(e, c);
                            intra_pos[c] |= x > 0;
                            intra_neg[c] |= x < 0;
                        }
                        intra_total_pos |= totals[e.w as usize] > 0;
                        intra_total_neg |= totals[e.w as usize] < 0;
                        continue;
                    }
                    any_exit = true;
                    let x = &self.weights[e.w as usize * k..][..k];
                    let (best_to, worst_to) = (&best[to * k..][..k], &worst[to * k..][..k]);
                    // Plain sums: `limit` is applied to the row once the loop is done.
                    for (((b, w), &x), (&to_best, &to_worst)) in b
                        .iter_mut()
                        .zip(w.iter_mut())
                        .zip(x)
                        .zip(best_to.iter().zip(worst_to))
                    {
                        *b = (*b).max(x as i64 + to_best);
                        *w = (*w).min(x as i64 + to_worst);
                    }
                    let t = limit(totals[e.w as usize] + best_total[to]);
                    if t > bt {
                        bt = t;
                        best_exit[scc] = Some((v, ei));
                    }
                }
            }
            if any_exit {
                b.iter_mut().for_each(|x| *x = limit(*x));
                w.iter_mut().for_each(|x| *x = limit(*x));
            } else {
                b.iter_mut().for_each(|x| *x = 0);
                w.iter_mut().for_each(|x| *x = 0);
                bt = 0;
            }
            for c in 0..k {
                if intra_pos[c] {
                    b[c] = UNBOUNDED;
                    unbounded[c] = true;
                    exact = false;
                }
                // Points lost in a loop can be lost again: the worst has no floor.
                if intra_neg[c] {
                    w[c] = -UNBOUNDED;
                    exact = false;
                }
                best[scc * k + c] = b[c];
                worst[scc * k + c] = w[c];
            }
            if intra_total_pos {
                bt = UNBOUNDED;
            }
            // Reaching the loop's best exit may cost points: the best still attainable is
            // then a bound.
            total_exact &= !intra_total_neg || intra_total_pos;
            best_total[scc] = bt;
        }
        let root = comp[0] as usize;
        let mut reachable = vec![false; s.nodes.len()];
        let mut dead_ends = Vec::new();
        let mut endings = Vec::new();
        for (v, &node) in self.nodes.iter().enumerate() {
            reachable[node as usize] = true;
            if self.out(v).is_empty() {
                if s.nodes[node as usize].is_end {
                    endings.push(node);
                } else {
                    dead_ends.push(node);
                }
            }
        }
        endings.sort_unstable();
        endings.dedup();
        dead_ends.sort_unstable();
        dead_ends.dedup();
        let best_path = self.best_path(&comp, &best_exit);
        // Per choice, one after another (`first_choice[node] + choice`): the best by it so
        // far, `i64::MIN` where it was never open.
        let mut first_choice = Vec::with_capacity(s.nodes.len());
        let mut n_choices = 0;
        for node in &s.nodes {
            first_choice.push(n_choices);
            n_choices += node.choices.len();
        }
        let mut by_choice = vec![i64::MIN; n_choices];
        for (v, &node) in self.nodes.iter().enumerate() {
            let first = first_choice[node as usize];
            for e in self.out(v) {
                let value = limit(totals[e.w as usize] + best_total[comp[e.to as usize] as usize]);
                let slot = &mut by_choice[first + e.choice as usize];
                *slot = (*slot).max(value);
            }
        }
        let choice_best: Vec<Vec<Option<i64>>> = s
            .nodes
            .iter()
            .zip(&first_choice)
            .map(|(n, &first)| {
                by_choice[first..first + n.choices.len()]
                    .iter()
                    .map(|&b| (b != i64::MIN).then_some(b))
                    .collect()
            })
            .collect();
        let guide = Guide {
            best: (0..n).map(|v| best_total[comp[v] as usize]).collect(),
            exact: total_exact,
            index: self.index,
            relevance: self.relevance,
        };
        let moods_shown = self.moods_shown;
        Analysis {
            best: best[root * k..root * k + k].to_vec(),
            worst: worst[root * k..root * k + k].to_vec(),
            exact,
            states: n,
            reachable,
            endings,
            dead_ends,
            unbounded: (0..k as u32).filter(|&c| unbounded[c as usize]).collect(),
            best_path,
            choice_best,
            guide: Some(Arc::new(guide)),
            moods_shown,
        }
    }

    /// Follows the best exits from the start; inside a loop, the shortest way to its exit.
    fn best_path(
        &self,
        comp: &[u32],
        best_exit: &[Option<(u32, usize)>],
    ) -> Vec<(u32, u32, Option<bool>)> {
        let mut path = Vec::new();
        let mut v = 0u32;
        for _ in 0..self.nodes.len() + 1 {
            let scc = comp[v as usize];
            let Some((from, ei)) = best_exit[scc as usize] else {
                break;
            };
            if from != v {
                // Breadth-first inside the component from v to `from`.
                let mut prev: HashMap<u32, (u32, usize)> = HashMap::new();
                let mut queue = std::collections::VecDeque::from([v]);
                while let Some(x) = queue.pop_front() {
                    if x == from {
                        break;
                    }
                    for (i, e) in self.out(x as usize).iter().enumerate() {
                        if comp[e.to as usize] == scc && e.to != v && !prev.contains_key(&e.to) {
                            prev.insert(e.to, (x, i));
                            queue.push_back(e.to);
                        }
                    }
                }
                let mut inner = Vec::new();
                let mut x = from;
                while x != v {
                    let Some(&(p, i)) = prev.get(&x) else { break };
                    let e = &self.out(p as usize)[i];
                    inner.push((self.nodes[p as usize], e.choice, e.success));
                    x = p;
                }
                inner.reverse();
                path.extend(inner);
            }
            let e = &self.out(from as usize)[ei];
            path.push((self.nodes[from as usize], e.choice, e.success));
            v = e.to;
        }
        path
    }
}

/// The fallback when the state space is too large: the node graph with every choice open.
/// Inside a loop, once-only choices count once and repeatable ones without limit; every
/// figure is an upper (best) or lower (worst) bound.
fn node_graph_bound(s: &Compiled) -> Analysis {
    let k = s.competencies.len();
    let n = s.nodes.len();
    let comp = &s.loops;
    let n_scc = comp.iter().copied().max().map_or(0, |m| m as usize + 1);
    let mut best = vec![0i64; n_scc * k];
    let mut worst = vec![0i64; n_scc * k];
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); n_scc];
    for (v, &c) in comp.iter().enumerate() {
        members[c as usize].push(v);
    }
    let mut unbounded = vec![false; k];
    let mut each = vec![0i32; k];
    for scc in 0..n_scc {
        let mut inner_best = vec![0i64; k];
        let mut inner_worst = vec![0i64; k];
        let mut exit_best = vec![i64::MIN; k];
        let mut exit_worst = vec![i64::MAX; k];
        let mut any_exit = false;
        for &v in &members[scc] {
            // The clock of a scene can send the conversation to its `over` node.
            if let Some(scene) = s.scene_at(v as u32) {
                let to = comp[scene.over as usize] as usize;
                if to != scc {
                    any_exit = true;
                    for i in 0..k {
                        exit_best[i] = exit_best[i].max(best[to * k + i]);
                        exit_worst[i] = exit_worst[i].min(worst[to * k + i]);
                    }
                }
            }
            for c in &s.nodes[v].choices {
                let mut targets = Vec::new();
                // The best and the worst points of either outcome.
                let mut w = vec![i64::MIN; k];
                let mut w_worst = vec![i64::MAX; k];
                for &outcome in c.outcomes() {
                    c.points_each(outcome, &mut each);
                    for i in 0..k {
                        w[i] = w[i].max(each[i] as i64);
                        w_worst[i] = w_worst[i].min(each[i] as i64);
                    }
                }
                let base = c.goto.unwrap_or(v as u32);
                match &c.chance {
                    Some(ch) => {
                        targets.push(ch.success.goto.unwrap_or(base));
                        targets.push(ch.failure.goto.unwrap_or(base));
                    }
                    None => targets.push(base),
                }
                for t in targets {
                    let to = comp[t as usize] as usize;
                    if to == scc {
                        for i in 0..k {
                            if c.once.is_some() {
                                inner_best[i] += w[i].max(0);
                                inner_worst[i] += w_worst[i].min(0);
                            } else {
                                if w[i] > 0 {
                                    inner_best[i] = UNBOUNDED;
                                    unbounded[i] = true;
                                }
                                if w_worst[i] < 0 {
                                    inner_worst[i] = -UNBOUNDED;
                                }
                            }
                        }
                    } else {
                        any_exit = true;
                        for i in 0..k {
                            exit_best[i] = exit_best[i].max(add_points(w[i], best[to * k + i]));
                            exit_worst[i] =
                                exit_worst[i].min(add_points(w_worst[i], worst[to * k + i]));
                        }
                    }
                }
            }
        }
        for i in 0..k {
            let (eb, ew) = if any_exit {
                (exit_best[i], exit_worst[i])
            } else {
                (0, 0)
            };
            best[scc * k + i] = add_points(inner_best[i].min(UNBOUNDED), eb);
            worst[scc * k + i] = add_points(inner_worst[i].max(-UNBOUNDED), ew);
        }
    }
    let root = comp[s.start as usize] as usize;
    let reachable = reachable_in_graph(s);
    let endings = (0..n as u32)
        .filter(|&v| reachable[v as usize] && s.nodes[v as usize].is_end)
        .collect();
    let dead_ends = (0..n as u32)
        .filter(|&v| {
            let node = &s.nodes[v as usize];
            reachable[v as usize] && !node.is_end && node.choices.is_empty()
        })
        .collect();
    Analysis {
        best: best[root * k..root * k + k].to_vec(),
        worst: worst[root * k..root * k + k].to_vec(),
        exact: false,
        states: 0,
        reachable,
        endings,
        dead_ends,
        unbounded: (0..k as u32).filter(|&c| unbounded[c as usize]).collect(),
        best_path: Vec::new(),
        choice_best: Vec::new(),
        guide: None,
        moods_shown: Vec::new(),
    }
}

/// Nodes some choice leads to from the start, whatever the conditions.
pub fn reachable_in_graph(s: &Compiled) -> Vec<bool> {
    let g = s.node_graph();
    let mut reachable = vec![false; s.nodes.len()];
    let mut stack = vec![s.start as usize];
    reachable[s.start as usize] = true;
    while let Some(v) = stack.pop() {
        for &t in g.of(v) {
            if !reachable[t as usize] {
                reachable[t as usize] = true;
                stack.push(t as usize);
            }
        }
    }
    reachable
}
