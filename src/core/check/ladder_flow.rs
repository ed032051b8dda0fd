//! A `Raise` that can never move the escalation ladder: an issue only climbs, so a raise to
//! a rung the issue has already reached (or passed) on every path to it does nothing. The
//! ladder is not part of the analysis's state, so this is a dataflow of its own over the
//! node graph: for each node and issue, the lowest rung the issue can be at on arriving
//! (the least over every way in), found by iterating to a fixed point.

use crate::core::analysis::Analysis;
use crate::core::compile::{Compiled, Fx};
use crate::core::message::Msg;
use crate::core::model::Level;
use crate::core::problem::{Severity, Sink};

/// An issue's rung as a number: 0 not raised, then the ladder's rungs from 1 in order
/// (`Safeguarding` last, above every other).
type Rung = u8;

/// Not yet reached by the dataflow: above every rung.
const UNREACHED: Rung = Rung::MAX;

fn rung(level: Level) -> Rung {
    level as Rung + 1
}

fn level_of(r: Rung) -> Option<Level> {
    [
        Level::Individual,
        Level::SupportMeeting,
        Level::Secretariat,
        Level::WorkingGroup,
        Level::Plenary,
        Level::Safeguarding,
    ]
    .get((r as usize).checked_sub(1)?)
    .copied()
}

/// Per node, per issue: the lowest rung on arriving (`UNREACHED` for a node no choice
/// leads to).
pub fn lowest_rungs(c: &Compiled) -> Vec<Vec<Rung>> {
    let issues = c.source.issues.len();
    let mut at = vec![vec![UNREACHED; issues]; c.nodes.len()];
    at[c.start as usize].fill(0);
    let mut work = vec![c.start];
    let mut queued = vec![false; c.nodes.len()];
    queued[c.start as usize] = true;
    while let Some(n) = work.pop() {
        queued[n as usize] = false;
        let node = &c.nodes[n as usize];
        let over = c.scene_at(n).map(|sc| sc.over);
        for choice in &node.choices {
            let mut after = at[n as usize].clone();
            raise_all(&choice.effects, &mut after);
            let base = choice.goto.unwrap_or(n);
            let outcomes: Vec<(Vec<Rung>, u32)> = match &choice.chance {
                Some(ch) => [&ch.success, &ch.failure]
                    .into_iter()
                    .map(|b| {
                        let mut x = after.clone();
                        raise_all(&b.effects, &mut x);
                        (x, b.goto.unwrap_or(base))
                    })
                    .collect(),
                None => vec![(after, base)],
            };
            for (rungs, to) in outcomes {
                // The scene's clock may send the conversation to `over` instead.
                for t in std::iter::once(to).chain(over) {
                    let mut changed = false;
                    for (have, new) in at[t as usize].iter_mut().zip(&rungs) {
                        if *new < *have {
                            *have = *new;
                            changed = true;
                        }
                    }
                    if changed && !queued[t as usize] {
                        queued[t as usize] = true;
                        work.push(t);
                    }
                }
            }
        }
    }
    at
}

fn raise_all(effects: &[Fx], rungs: &mut [Rung]) {
    for fx in effects {
        if let Fx::Raise { issue, level } = *fx {
            let r = &mut rungs[issue as usize];
            *r = (*r).max(rung(level));
        }
    }
}

/// Pushes a warning for every `Raise` at a reachable node that can never move its issue.
pub fn check(c: &Compiled, a: &Analysis, sink: &mut Sink) {
    let at = lowest_rungs(c);
    let s = &c.source;
    for (n, node) in c.nodes.iter().enumerate() {
        if !a.reachable[n] || at[n].first() == Some(&UNREACHED) {
            continue;
        }
        for (k, choice) in node.choices.iter().enumerate() {
            if a.offered(n as u32, k as u32) == Some(false) {
                continue;
            }
            let source = &s.nodes[n].choices[k];
            let mut found: Vec<(usize, Level, Level)> = Vec::new();
            let mut before = at[n].clone();
            let mut look = |effects: &[Fx], rungs: &mut Vec<Rung>| {
                for fx in effects {
                    if let Fx::Raise { issue, level } = *fx {
                        let i = issue as usize;
                        if let Some(already) =
                            level_of(rungs[i]).filter(|_| rungs[i] >= rung(level))
                            && !found.contains(&(i, level, already))
                        {
                            found.push((i, level, already));
                        }
                        rungs[i] = rungs[i].max(rung(level));
                    }
                }
            };
            look(&choice.effects, &mut before);
            if let Some(ch) = &choice.chance {
                for b in [&ch.success, &ch.failure] {
                    look(&b.effects, &mut before.clone());
                }
            }
            for (issue, level, already) in found {
                let id = &s.issues[issue].id;
                // At the raise itself when it is written the usual way; else at the choice.
                let written = format!("Raise(issue: \"{id}\", level: {level:?})");
                let pos = sink
                    .place(Some(&s.nodes[n].id), Some(&source.id))
                    .and_then(|from| crate::core::lint::find_raw(sink.source, from, &written));
                sink.push_at(
                    Severity::Warning,
                    Some(&s.nodes[n].id),
                    Some(&source.id),
                    pos,
                    Msg::RaiseNeverMoves {
                        issue: id.to_owned(),
                        level: format!("{level:?}"),
                        already: format!("{already:?}"),
                        top: already == Level::Safeguarding,
                    },
                );
            }
        }
    }
}
