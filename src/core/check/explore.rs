//! The state graph of a scenario: every state a conversation can be in (node, flags,
//! variables, once-only choices taken, visits that conditions ask about, the scene's
//! clock; what cannot matter to the future cleared, see [`Relevance`]) and the choices
//! between them, found breadth-first from the start. Chance outcomes branch both ways.
//! Hubs (`hub.rs`) are played once per what they read and write and shared by every way
//! in. The analysis solves on this graph, and the debrief's guide reads it.

use crate::core::compile::Compiled;
use crate::core::hub::{Hubs, LocalEdge, NONE, To};
use crate::core::interner::Interner;
use crate::core::relevance::Relevance;
use crate::core::state::State;

pub(crate) struct Edge {
    pub to: u32,
    pub choice: u32,
    pub success: Option<bool>,
    /// Which of the distinct weights in `Graph::weights` this edge has.
    pub w: u32,
}

/// The explored state graph, edges stored flat: state `v`'s edges are
/// `edges[first[v]..first[v + 1]]`.
pub(crate) struct Graph {
    /// Per state: its node.
    pub nodes: Vec<u32>,
    pub first: Vec<u32>,
    pub edges: Vec<Edge>,
    /// The points of each distinct weight, `n_comp` a weight.
    pub weights: Vec<i32>,
    pub n_comp: usize,
    pub index: StateIndex,
    pub relevance: Relevance,
    /// Per node and mood: whether some path arrives with that mood the first that holds.
    pub moods_shown: Vec<Vec<bool>>,
}

impl Graph {
    pub fn out(&self, v: usize) -> &[Edge] {
        &self.edges[self.first[v] as usize..self.first[v + 1] as usize]
    }
}

/// Finds a state's number in the graph from its key.
pub(crate) struct StateIndex {
    /// The states outside hubs, by key, and each one's number in the graph.
    plain: Interner,
    plain_ids: Vec<u32>,
    hubs: Hubs,
}

impl StateIndex {
    /// The number of the state with this key (as [`Relevance::key`] writes it); none if
    /// the state was not reached.
    pub fn find(&self, relevance: &Relevance, key: &mut [u32]) -> Option<u32> {
        match self.hubs.of_node[key[0] as usize] {
            NONE => self.plain.find(key).map(|i| self.plain_ids[i as usize]),
            h => self.hubs.hubs[h as usize].find(relevance, key),
        }
    }
}

/// Where a state of the graph comes from.
#[derive(Clone, Copy)]
enum Origin {
    /// Its key in `StateIndex::plain`.
    Plain(u32),
    /// A local state of a hub, with what passed through on the way in (a context).
    Hub { hub: u32, ctx: u32, local: u32 },
}

/// Marks the mood said on arriving in `st` (the first whose conditions hold), if any.
fn mark_mood(s: &Compiled, st: &State, shown: &mut [Vec<bool>]) {
    let moods = &s.nodes[st.node as usize].moods;
    if let Some(m) = moods.iter().position(|m| st.all_hold(m)) {
        shown[st.node as usize][m] = true;
    }
}

/// Calls `f` with every move from `st`: the choice, the chance outcome, the state after it
/// (in `next`, not yet normalised) and the node moved to, if any. `next` must equal `st`
/// on entry, once-only slots included, and does again on return; `taken` lists the slots
/// `st` has set.
fn moves(
    s: &Compiled,
    st: &State,
    next: &mut State,
    open: &mut Vec<u32>,
    taken: &[u32],
    mut f: impl FnMut(u32, Option<bool>, &mut State, Option<u32>),
) {
    if s.nodes[st.node as usize].is_end {
        return;
    }
    st.open_choices(s, open);
    for &c in open.iter() {
        let choice = &s.nodes[st.node as usize].choices[c as usize];
        for &outcome in choice.outcomes() {
            // `next.once` equals `st.once` here; the rest is copied.
            next.node = st.node;
            next.flags.clone_from(&st.flags);
            crate::core::state::copy_small(&mut next.vars, &st.vars);
            next.visited.clone_from(&st.visited);
            next.clock = st.clock;
            if let Some(moved) = next.take_outcome(s, c, outcome, |_, _, _| {}) {
                f(c, outcome, next, moved);
            }
            // Back to `st.once`: the choice's own slot was clear (it was open), and
            // normalising may have cleared those of the loop.
            if let Some(slot) = choice.once {
                next.once.set(slot, false);
            }
            for &slot in taken {
                next.once.set(slot, true);
            }
        }
    }
}

/// A state read from a key, and the state after a move from it, reused from key to key:
/// only the once-only slots the previous key set are cleared (a scenario may have
/// thousands of slots but a state sets only those of its own loop; copying or clearing
/// every slot for every edge was a fifth of the time).
struct Scratch {
    st: State,
    next: State,
    taken: Vec<u32>,
}

impl Scratch {
    fn new(blank: &State) -> Self {
        Scratch {
            st: blank.clone(),
            next: blank.clone(),
            taken: Vec::new(),
        }
    }

    fn load(&mut self, relevance: &Relevance, key: &[u32]) {
        for &slot in &self.taken {
            self.st.once.set(slot, false);
            self.next.once.set(slot, false);
        }
        self.taken.clear();
        relevance.unkey(key, &mut self.st, &mut self.taken);
        for &slot in &self.taken {
            self.next.once.set(slot, true);
        }
    }
}

/// The graph as it is being built.
struct Builder<'a> {
    s: &'a Compiled,
    relevance: Relevance,
    budget: usize,
    nodes: Vec<u32>,
    origin: Vec<Origin>,
    first: Vec<u32>,
    edges: Vec<Edge>,
    plain: Interner,
    plain_ids: Vec<u32>,
    hubs: Hubs,
    /// Per choice (`first_choice[node] + index`): its weight on success (or without a
    /// chance), and on failure.
    choice_w: Vec<[u32; 2]>,
    first_choice: Vec<u32>,
    moods_shown: Vec<Vec<bool>>,
    /// Scratch for the parts a hub sets aside, and for keys.
    parts: Vec<u32>,
    key: Vec<u32>,
}

impl Builder<'_> {
    fn weight(&self, node: u32, choice: u32, outcome: Option<bool>) -> u32 {
        self.choice_w[(self.first_choice[node as usize] + choice) as usize]
            [usize::from(outcome == Some(false))]
    }

    /// A new state of the graph at `node`; none past the budget.
    fn add(&mut self, node: u32, origin: Origin) -> Option<u32> {
        if self.nodes.len() >= self.budget {
            return None;
        }
        self.nodes.push(node);
        self.origin.push(origin);
        Some(self.nodes.len() as u32 - 1)
    }

    /// The number of the state with this key (normalised), added if new; none past the
    /// budget. The key is spent.
    fn resolve(&mut self, key: &mut [u32]) -> Option<u32> {
        let node = key[0];
        let h = self.hubs.of_node[node as usize];
        if h == NONE {
            let (i, new) = self.plain.intern(key);
            if new {
                let id = self.add(node, Origin::Plain(i))?;
                self.plain_ids.push(id);
            }
            return Some(self.plain_ids[i as usize]);
        }
        let hub = &mut self.hubs.hubs[h as usize];
        self.relevance.split_key(key, &hub.pass, &mut self.parts);
        let (ctx, new) = hub.contexts.intern(&self.parts);
        if new {
            hub.ids.push(Vec::new());
            hub.port_ids.push(Vec::new());
        }
        let (local, new) = hub.local.intern(key);
        if new {
            hub.played.push(None);
        }
        self.combined(h, ctx, local)
    }

    /// The number of the hub's local state in a context, added if new.
    fn combined(&mut self, h: u32, ctx: u32, local: u32) -> Option<u32> {
        let ids = &mut self.hubs.hubs[h as usize].ids[ctx as usize];
        if ids.len() <= local as usize {
            ids.resize(local as usize + 1, NONE);
        }
        if ids[local as usize] != NONE {
            return Some(ids[local as usize]);
        }
        let node = self.hubs.hubs[h as usize].local.get(local)[0];
        let id = self.add(node, Origin::Hub { hub: h, ctx, local })?;
        self.hubs.hubs[h as usize].ids[ctx as usize][local as usize] = id;
        Some(id)
    }

    /// The number of the state a hub's port leads to in a context, added if new.
    fn port(&mut self, h: u32, ctx: u32, port: u32, sc: &mut Scratch) -> Option<u32> {
        let ids = &mut self.hubs.hubs[h as usize].port_ids[ctx as usize];
        if ids.len() <= port as usize {
            ids.resize(port as usize + 1, NONE);
        }
        if ids[port as usize] != NONE {
            return Some(ids[port as usize]);
        }
        let hub = &self.hubs.hubs[h as usize];
        sc.load(&self.relevance, hub.ports.get(port));
        self.relevance
            .join_parts(hub.contexts.get(ctx), &hub.pass, &mut sc.st);
        self.relevance.normalise(&mut sc.st, None);
        mark_mood(self.s, &sc.st, &mut self.moods_shown);
        let mut key = std::mem::take(&mut self.key);
        self.relevance.key(&sc.st, &mut key);
        let id = self.resolve(&mut key);
        self.key = key;
        let id = id?;
        self.hubs.hubs[h as usize].port_ids[ctx as usize][port as usize] = id;
        Some(id)
    }

    /// Plays a hub's local state once: its moves, to local states or out through ports.
    fn play_local(&mut self, h: u32, local: u32, open: &mut Vec<u32>, sc: &mut Scratch) {
        let hub = &mut self.hubs.hubs[h as usize];
        if hub.played[local as usize].is_some() {
            return;
        }
        let s = self.s;
        let relevance = &self.relevance;
        sc.load(relevance, hub.local.get(local));
        let from = sc.st.node;
        let start = hub.edges.len() as u32;
        let (choice_w, first_choice) = (&self.choice_w, &self.first_choice);
        let moods_shown = &mut self.moods_shown;
        let (key, parts) = (&mut self.key, &mut self.parts);
        moves(
            s,
            &sc.st,
            &mut sc.next,
            open,
            &sc.taken,
            |c, outcome, next, moved| {
                let w = choice_w[(first_choice[from as usize] + c) as usize]
                    [usize::from(outcome == Some(false))];
                let to = if s.loops[next.node as usize] == s.loops[from as usize] {
                    relevance.normalise(next, Some(from));
                    if moved.is_some() {
                        mark_mood(s, next, moods_shown);
                    }
                    relevance.key(next, key);
                    // A local state's passing parts are zero; normalising may have moved
                    // a variable's into its kept range.
                    relevance.split_key(key, &hub.pass, parts);
                    let (l, new) = hub.local.intern(key);
                    if new {
                        hub.played.push(None);
                    }
                    To::Local(l)
                } else {
                    relevance.key(next, key);
                    To::Port(hub.ports.intern(key).0)
                };
                hub.edges.push(LocalEdge {
                    to,
                    choice: c,
                    success: outcome,
                    w,
                });
            },
        );
        hub.played[local as usize] = Some((start, hub.edges.len() as u32));
    }
}

pub(crate) fn explore(s: &Compiled, relevance: Relevance, budget: usize) -> Option<Graph> {
    let n_comp = s.competencies.len();
    // The points of a choice depend on the choice and its outcome, not on the state:
    // each is summed and stored once, here.
    let mut weights: Interner<i32> = Interner::with_capacity(64);
    let mut w = vec![0i32; n_comp];
    let mut first_choice = Vec::with_capacity(s.nodes.len() + 1);
    let mut choice_w: Vec<[u32; 2]> = Vec::new();
    for node in &s.nodes {
        first_choice.push(choice_w.len() as u32);
        for c in &node.choices {
            let mut points = |outcome| {
                c.points_each(outcome, &mut w);
                weights.intern(&w).0
            };
            choice_w.push(match c.outcomes() {
                [one] => [points(*one); 2],
                _ => [points(Some(true)), points(Some(false))],
            });
        }
    }
    // Room for a typical number of states per node, so that the big vectors seldom grow
    // (each growth copies them and touches fresh pages).
    let guess = budget.min(s.nodes.len() * 8);
    let mut blank = State::initial(s);
    blank.flags.clear_all();
    blank.visited.clear_all();
    blank.once.clear_all();
    let mut b = Builder {
        s,
        hubs: Hubs::of(s, &relevance),
        relevance,
        budget,
        nodes: Vec::with_capacity(guess),
        origin: Vec::with_capacity(guess),
        first: Vec::with_capacity(guess + 1),
        edges: Vec::with_capacity(guess * 3),
        plain: Interner::with_capacity(guess),
        plain_ids: Vec::with_capacity(guess),
        choice_w,
        first_choice,
        moods_shown: s.nodes.iter().map(|n| vec![false; n.moods.len()]).collect(),
        parts: Vec::new(),
        key: Vec::new(),
    };
    let mut st = State::initial(s);
    b.relevance.normalise(&mut st, None);
    mark_mood(s, &st, &mut b.moods_shown);
    let mut key = Vec::new();
    b.relevance.key(&st, &mut key);
    b.resolve(&mut key)?;
    b.first.push(0);
    let mut open = Vec::new();
    // One scratch for the states outside hubs, one for a hub's local states, one for
    // the states ports lead to.
    let (mut plain, mut local_scratch, mut port) = (
        Scratch::new(&blank),
        Scratch::new(&blank),
        Scratch::new(&blank),
    );
    let mut i = 0;
    while i < b.nodes.len() {
        match b.origin[i] {
            Origin::Plain(k) => {
                plain.load(&b.relevance, b.plain.get(k));
                let from = plain.st.node;
                let mut over_budget = false;
                moves(
                    s,
                    &plain.st,
                    &mut plain.next,
                    &mut open,
                    &plain.taken,
                    |c, outcome, next, moved| {
                        if over_budget {
                            return;
                        }
                        b.relevance.normalise(next, Some(from));
                        b.relevance.key(next, &mut key);
                        // Moods are said on arriving, not while staying on a hub; normalising
                        // keeps what their conditions read.
                        if moved.is_some() {
                            mark_mood(s, next, &mut b.moods_shown);
                        }
                        let Some(to) = b.resolve(&mut key) else {
                            over_budget = true;
                            return;
                        };
                        let w = b.weight(from, c, outcome);
                        b.edges.push(Edge {
                            to,
                            choice: c,
                            success: outcome,
                            w,
                        });
                    },
                );
                if over_budget {
                    return None;
                }
            }
            Origin::Hub { hub, ctx, local } => {
                b.play_local(hub, local, &mut open, &mut local_scratch);
                let (from, to) =
                    b.hubs.hubs[hub as usize].played[local as usize].expect("just played");
                for e in from..to {
                    let e = b.hubs.hubs[hub as usize].edges[e as usize];
                    let to = match e.to {
                        To::Local(l) => b.combined(hub, ctx, l)?,
                        To::Port(p) => b.port(hub, ctx, p, &mut port)?,
                    };
                    b.edges.push(Edge {
                        to,
                        choice: e.choice,
                        success: e.success,
                        w: e.w,
                    });
                }
            }
        }
        b.first.push(b.edges.len() as u32);
        i += 1;
    }
    Some(Graph {
        nodes: b.nodes,
        first: b.first,
        edges: b.edges,
        weights: (0..weights.len() as u32)
            .flat_map(|i| weights.get(i).iter().copied())
            .collect(),
        n_comp,
        index: StateIndex {
            plain: b.plain,
            plain_ids: b.plain_ids,
            hubs: b.hubs,
        },
        relevance: b.relevance,
        moods_shown: b.moods_shown,
    })
}
