//! Hubs: loops of the conversation (a question round, a meeting) that carry along what they
//! never look at. A trainee reaches a hub with whatever the earlier scenes left (a trust
//! level, flags read only at the end), and every combination of that with every set of
//! questions asked is a state of its own, though the hub plays out the same for each.
//! The explorer therefore plays a hub once per what it reads and writes (its *local*
//! states) and keeps, per way in, only which local state stands for which state of the
//! graph: the states and their numbering stay what they were, at a fraction of the work.

use crate::core::compile::{Compiled, Cond};
use crate::core::interner::Interner;
use crate::core::relevance::{Pass, Relevance, loop_members};
use crate::core::state::Bits;

/// Once-only questions a loop needs to be played as a hub (see `Hubs::of`).
const MIN_QUESTIONS: usize = 4;

/// No state yet.
pub(crate) const NONE: u32 = u32::MAX;

/// Where a move inside a hub leads: another of its local states, or out (a port: the state
/// it leads to, with what passes through still set aside).
#[derive(Debug, Clone, Copy)]
pub(crate) enum To {
    Local(u32),
    Port(u32),
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct LocalEdge {
    pub to: To,
    pub choice: u32,
    pub success: Option<bool>,
    pub w: u32,
}

#[derive(Debug)]
pub(crate) struct Hub {
    pub pass: Pass,
    /// The hub's states with what passes through set to zero, by key.
    pub local: Interner,
    /// Per local state: its moves (`edges[from..to]`), once played.
    pub played: Vec<Option<(u32, u32)>>,
    pub edges: Vec<LocalEdge>,
    /// Where the ways out lead, by key, what passes through set to zero.
    pub ports: Interner,
    /// What passed through, for each way in seen so far.
    pub contexts: Interner,
    /// Per context: the graph's number for each local state (`NONE` until reached).
    pub ids: Vec<Vec<u32>>,
    /// Per context: the graph's number for the state each port leads to (`NONE` until
    /// reached).
    pub port_ids: Vec<Vec<u32>>,
}

impl Hub {
    /// The graph's number for a state in the hub, given its key (the parts it sets aside
    /// are written to `parts`); none if that state has not been reached.
    pub fn find(
        &self,
        relevance: &Relevance,
        key: &mut [u32],
        parts: &mut Vec<u32>,
    ) -> Option<u32> {
        relevance.split_key(key, &self.pass, parts);
        let ctx = self.contexts.find(parts)?;
        let local = self.local.find(key)?;
        let id = *self.ids[ctx as usize].get(local as usize)?;
        (id != NONE).then_some(id)
    }
}

/// The hubs of a scenario, and which node is in which.
#[derive(Debug)]
pub(crate) struct Hubs {
    /// Per node: its hub, or `NONE`.
    pub of_node: Vec<u32>,
    pub hubs: Vec<Hub>,
}

impl Hubs {
    /// Every loop the conversation can come round (a node's choices that lead back to it,
    /// or several nodes), with a few once-only questions, through which something still
    /// to be read passes untouched.
    pub fn of(s: &Compiled, relevance: &Relevance) -> Self {
        let graph = s.node_graph();
        let mut of_node = vec![NONE; s.nodes.len()];
        let mut hubs = Vec::new();
        for (l, (nodes, cyclic)) in loop_members(s, &graph).iter().enumerate() {
            // A way in plays about one local state per set of once-only questions asked;
            // with fewer than four, too few to pay for looking its ports up apart.
            let questions = nodes
                .iter()
                .flat_map(|&n| &s.nodes[n].choices)
                .filter(|c| c.once.is_some())
                .count();
            if !cyclic || questions < MIN_QUESTIONS {
                continue;
            }
            // What the loop reads or writes: its own.
            let mut flags = Bits::new(s.flags.len() as u32);
            let mut visits = Bits::new(s.visit_slots);
            let mut vars = vec![false; s.vars.len()];
            let touch_visit = |n: u32, visits: &mut Bits| {
                if let Some(slot) = s.nodes[n as usize].visit_slot {
                    visits.set(slot, true);
                }
            };
            for &n in nodes {
                let node = &s.nodes[n];
                touch_visit(n as u32, &mut visits);
                for &t in graph.of(n) {
                    touch_visit(t, &mut visits);
                }
                for c in node.moods.iter().flatten() {
                    read(c, &mut flags, &mut visits, &mut vars);
                }
                for choice in &node.choices {
                    for c in &choice.when {
                        read(c, &mut flags, &mut visits, &mut vars);
                    }
                    if let Some(v) = choice.chance.as_ref().and_then(|ch| ch.var) {
                        vars[v as usize] = true;
                    }
                    for fx in choice.all_effects() {
                        use crate::core::compile::Fx;
                        match fx {
                            Fx::SetFlag(f) | Fx::ClearFlag(f) => flags.set(*f, true),
                            Fx::Add(v, _) | Fx::Set(v, _) => vars[*v as usize] = true,
                            _ => {}
                        }
                    }
                }
            }
            // What passes through: still read later, never touched here.
            let (live_flags, live_visits, ranges) = relevance.live(l as u32);
            let pass = Pass {
                flags: mask(live_flags, &flags),
                visits: mask(live_visits, &visits),
                vars: (0..s.vars.len())
                    .map(|v| ranges[v].is_some() && !vars[v])
                    .collect(),
            };
            let passes = pass.flags.iter().chain(&pass.visits).any(|&w| w != 0)
                || pass.vars.iter().any(|&p| p);
            if !passes {
                continue;
            }
            for &n in nodes {
                of_node[n] = hubs.len() as u32;
            }
            hubs.push(Hub {
                pass,
                // Small at first: a generated story may have a thousand small hubs.
                local: Interner::with_capacity(8),
                played: Vec::new(),
                edges: Vec::new(),
                ports: Interner::with_capacity(8),
                contexts: Interner::with_capacity(2),
                ids: Vec::new(),
                port_ids: Vec::new(),
            });
        }
        Hubs { of_node, hubs }
    }
}

/// The words of `live` without the bits of `own`.
fn mask(live: &Bits, own: &Bits) -> Vec<u64> {
    live.words()
        .iter()
        .zip(own.words())
        .map(|(l, o)| l & !o)
        .collect()
}

fn read(c: &Cond, flags: &mut Bits, visits: &mut Bits, vars: &mut [bool]) {
    match c {
        Cond::Flag(f) | Cond::NotFlag(f) => flags.set(*f, true),
        Cond::Visited(n) | Cond::NotVisited(n) => visits.set(*n, true),
        Cond::AtLeast(v, _) | Cond::AtMost(v, _) => vars[*v as usize] = true,
        Cond::Any(cs) => cs.iter().for_each(|c| read(c, flags, visits, vars)),
    }
}
