//! Hubs: loops of the conversation (a question round, a meeting) that carry along what they
//! never look at. A trainee reaches a hub with whatever the earlier scenes left (a trust
//! level, flags read only at the end), and every combination of that with every set of
//! questions asked is a state of its own, though the hub plays out the same for each.
//! The explorer therefore plays a hub once per what it reads and writes (its *local*
//! states) and keeps, per way in, only which local state stands for which state of the
//! graph: the states and their numbering stay what they were, at a fraction of the work.

use crate::core::compile::Compiled;
use crate::core::interner::Interner;
use crate::core::relevance::{Pass, Relevance, loop_members};

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
    /// The graph's number for a state in the hub, given its key; none if that state has
    /// not been reached.
    pub fn find(&self, relevance: &Relevance, key: &mut [u32]) -> Option<u32> {
        let mut parts = Vec::new();
        relevance.split_key(key, &self.pass, &mut parts);
        let ctx = self.contexts.find(&parts)?;
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
            let pass = relevance.pass(s, l as u32, nodes, &graph);
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
