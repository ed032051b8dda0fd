//! Conditions that can never hold: a choice never offered, a mood never said. The
//! analysis's exploration sees every reachable state, so what it never saw never happens;
//! when it had to stop at its budget, only what the declared ranges of the variables rule
//! out is reported (a sure finding, but not every one). A `Raise` that can never move the
//! ladder has its own check ([`crate::core::ladder_flow`]): the ladder is not in the state.

use crate::core::analysis::Analysis;
use crate::core::compile::{Compiled, Cond, Fx};
use crate::core::lint::find_text;
use crate::core::message::{Contradiction, Msg};
use crate::core::problem::{Severity, Sink};

/// Pushes a warning for every choice never offered and every mood never said, at a node
/// that can be reached (an unreachable node has its own warning).
pub fn check(c: &Compiled, a: &Analysis, sink: &mut Sink) {
    let ranges = Ranges::of(c);
    let s = &c.source;
    for (n, node) in c.nodes.iter().enumerate() {
        if !a.reachable[n] {
            continue;
        }
        let id = s.nodes[n].id.as_str();
        for (k, choice) in node.choices.iter().enumerate() {
            // A choice longer than its scene has its own warning.
            if c.scene_at(n as u32)
                .is_some_and(|sc| choice.minutes > sc.minutes)
            {
                continue;
            }
            let why = ranges.contradiction(c, &choice.when);
            let never = match a.offered(n as u32, k as u32) {
                Some(offered) => !offered,
                None => why.is_some(),
            };
            if never {
                let choice_id = s.nodes[n].choices[k].id.as_str();
                sink.push(
                    Severity::Warning,
                    Some(id),
                    Some(choice_id),
                    Msg::NeverOffered {
                        why,
                        explored: a.explored(),
                    },
                );
            }
        }
        for (m, conds) in node.moods.iter().enumerate() {
            let why = ranges.contradiction(c, conds);
            let never = match a.moods_shown.get(n) {
                Some(shown) => !shown[m],
                None => why.is_some(),
            };
            if !never {
                continue;
            }
            let mood = &s.nodes[n].moods[m];
            let pos = sink.place(Some(id), None).and_then(|from| {
                let first = mood.text.first()?;
                let text = if first.ja.is_empty() {
                    &first.en
                } else {
                    &first.ja
                };
                find_text(sink.source, from, text)
            });
            sink.push_at(
                Severity::Warning,
                Some(id),
                None,
                pos,
                Msg::MoodNeverSaid {
                    index: m,
                    why,
                    explored: a.explored(),
                },
            );
        }
    }
}

/// The values each variable can take, whatever the path: its declared range, or only its
/// initial value when no effect changes it.
struct Ranges(Vec<(i32, i32)>);

impl Ranges {
    fn of(c: &Compiled) -> Self {
        let mut changed = vec![false; c.vars.len()];
        for choice in c.nodes.iter().flat_map(|n| &n.choices) {
            for fx in choice.all_effects() {
                if let Fx::Add(v, _) | Fx::Set(v, _) = fx {
                    changed[*v as usize] = true;
                }
            }
        }
        Ranges(
            c.vars
                .iter()
                .zip(changed)
                .map(|(v, changed)| {
                    let initial = v.initial.clamp(v.min, v.max);
                    if changed {
                        (v.min, v.max)
                    } else {
                        (initial, initial)
                    }
                })
                .collect(),
        )
    }

    /// Why the conditions together can never hold, if the ranges alone show it.
    fn contradiction(&self, c: &Compiled, conds: &[Cond]) -> Option<Contradiction> {
        let mut range = self.0.clone();
        let mut flags: Vec<(u32, bool)> = Vec::new();
        for cond in conds {
            match *cond {
                Cond::AtLeast(v, x) => range[v as usize].0 = range[v as usize].0.max(x),
                Cond::AtMost(v, x) => range[v as usize].1 = range[v as usize].1.min(x),
                Cond::Flag(f) | Cond::NotFlag(f) => {
                    let want = matches!(cond, Cond::Flag(_));
                    if flags.contains(&(f, !want)) {
                        return Some(Contradiction::BothFlag {
                            flag: c.flags[f as usize].clone(),
                        });
                    }
                    flags.push((f, want));
                }
                Cond::Any(ref any) => {
                    if !any.is_empty()
                        && any
                            .iter()
                            .all(|one| self.contradiction(c, std::slice::from_ref(one)).is_some())
                    {
                        return Some(Contradiction::NoAnyHolds);
                    }
                }
                Cond::Visited(_) | Cond::NotVisited(_) => {}
            }
        }
        for (v, &(lo, hi)) in range.iter().enumerate() {
            if lo > hi {
                return Some(self.out_of_range(c, v, conds));
            }
        }
        None
    }

    fn out_of_range(&self, c: &Compiled, v: usize, conds: &[Cond]) -> Contradiction {
        let info = &c.vars[v];
        let (lo, hi) = self.0[v];
        let asked: Vec<String> = conds
            .iter()
            .filter_map(|cond| match *cond {
                Cond::AtLeast(x, n) if x as usize == v => {
                    Some(format!("AtLeast(\"{}\", {n})", info.id))
                }
                Cond::AtMost(x, n) if x as usize == v => {
                    Some(format!("AtMost(\"{}\", {n})", info.id))
                }
                _ => None,
            })
            .collect();
        Contradiction::OutOfRange {
            asked,
            var: info.id.clone(),
            lo,
            hi,
        }
    }
}
