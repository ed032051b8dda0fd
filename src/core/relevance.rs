//! What of a conversation's state can still matter to what happens next. Flags and
//! variables no condition or chance reads cannot; nor can the once-only choices of a loop
//! of the conversation that has been left for good. Clearing them before states are
//! compared keeps the state spaces of the analysis and the debrief's guide small: two
//! states that differ only there have the same futures.

use super::compile::{Compiled, Cond};
use super::state::{Bits, State};

#[derive(Debug)]
pub(crate) struct Relevance {
    read_flags: Bits,
    read_vars: Vec<bool>,
    /// Per node: the loop (strongly connected component of the node graph) it is in.
    scc: Vec<u32>,
    /// Per loop: the once-only slots of its choices.
    once_in_scc: Vec<Vec<u32>>,
}

impl Relevance {
    pub fn of(s: &Compiled) -> Self {
        let mut read_flags = Bits::new(s.flags.len() as u32);
        let mut read_vars = vec![false; s.vars.len()];
        for node in &s.nodes {
            let conds = node
                .moods
                .iter()
                .flatten()
                .chain(node.choices.iter().flat_map(|c| &c.when));
            for c in conds {
                mark_reads(c, &mut read_flags, &mut read_vars);
            }
            for c in &node.choices {
                if let Some(v) = c.chance.as_ref().and_then(|ch| ch.var) {
                    read_vars[v as usize] = true;
                }
            }
        }
        let scc = s.loops.clone();
        let n_scc = scc.iter().copied().max().map_or(0, |m| m as usize + 1);
        let mut once_in_scc = vec![Vec::new(); n_scc];
        for (n, node) in s.nodes.iter().enumerate() {
            for c in &node.choices {
                if let Some(slot) = c.once {
                    once_in_scc[scc[n] as usize].push(slot);
                }
            }
        }
        Relevance {
            read_flags,
            read_vars,
            scc,
            once_in_scc,
        }
    }

    /// The once-only slots of the loop `node` is in: the only ones a state there keeps.
    pub fn once_here(&self, node: u32) -> &[u32] {
        &self.once_in_scc[self.scc[node as usize] as usize]
    }

    /// Clears the flags and variables nothing reads and, when the state has just moved out
    /// of the loop of node `from` (never to return), the once-only slots of that loop.
    pub fn normalise(&self, st: &mut State, from: Option<u32>) {
        for (w, mask) in st.flags.words_mut().iter_mut().zip(self.read_flags.words()) {
            *w &= mask;
        }
        for (v, read) in self.read_vars.iter().enumerate() {
            if !read {
                st.vars[v] = 0;
            }
        }
        let left = from.map(|n| self.scc[n as usize]);
        if let Some(scc) = left.filter(|&l| l != self.scc[st.node as usize]) {
            for &slot in &self.once_in_scc[scc as usize] {
                st.once.set(slot, false);
            }
        }
    }

    /// The state as a compact key: node, flags, variables, visits, the scene's clock, and the once-only slots
    /// taken in the node's own loop (all others were cleared on leaving theirs).
    pub fn key(&self, st: &State, out: &mut Vec<u32>) {
        out.clear();
        out.push(st.node);
        for w in st.flags.words().iter().chain(st.visited.words()) {
            out.extend([*w as u32, (*w >> 32) as u32]);
        }
        out.extend(st.vars.iter().map(|&v| v as u32));
        out.push(st.clock as u32);
        for &slot in self.once_here(st.node) {
            if st.once.get(slot) {
                out.push(slot);
            }
        }
    }

    /// The inverse of `key`, into a state whose once-only slots are all clear; the slots it
    /// sets are pushed to `taken`.
    pub fn unkey(&self, key: &[u32], st: &mut State, taken: &mut Vec<u32>) {
        st.node = key[0];
        let mut i = 1;
        for w in st
            .flags
            .words_mut()
            .iter_mut()
            .chain(st.visited.words_mut())
        {
            *w = key[i] as u64 | (key[i + 1] as u64) << 32;
            i += 2;
        }
        for v in st.vars.iter_mut() {
            *v = key[i] as i32;
            i += 1;
        }
        st.clock = key[i] as i32;
        i += 1;
        for &slot in &key[i..] {
            st.once.set(slot, true);
        }
        taken.extend_from_slice(&key[i..]);
    }

    /// As [`Self::normalise`] for a state reached in any way (a trainee's): keeps only the
    /// once-only slots of the loop the state is in.
    pub fn normalise_any(&self, st: &mut State) {
        self.normalise(st, None);
        let taken: Vec<u32> = self
            .once_here(st.node)
            .iter()
            .copied()
            .filter(|&s| st.once.get(s))
            .collect();
        st.once.clear_all();
        for slot in taken {
            st.once.set(slot, true);
        }
    }
}

fn mark_reads(c: &Cond, flags: &mut Bits, vars: &mut [bool]) {
    match c {
        Cond::Flag(f) | Cond::NotFlag(f) => flags.set(*f, true),
        Cond::AtLeast(v, _) | Cond::AtMost(v, _) => vars[*v as usize] = true,
        Cond::Visited(_) | Cond::NotVisited(_) => {}
        Cond::Any(cs) => cs.iter().for_each(|c| mark_reads(c, flags, vars)),
    }
}
