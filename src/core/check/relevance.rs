//! What of a conversation's state can still matter to what happens next. A flag, a visit
//! or a variable that no condition or chance still to come reads cannot; nor can a
//! variable's exact value where every test still to come sees it the same way (far above
//! or below every threshold, by more than it can still move); nor the once-only choices of
//! a loop that has been left for good, or of questions that no longer fit in a scene's
//! minutes. Clearing them before states are compared keeps the state spaces of the
//! analysis and the debrief's guide small: two states that differ only there have the
//! same futures.

use crate::core::compile::{CChoice, CNode, Compiled, Cond, Fx};
use crate::core::scc::Adjacency;
use crate::core::state::{Bits, State};

#[derive(Debug)]
pub(crate) struct Relevance {
    /// Per loop: the flags, and the visits, that a condition still to come may read.
    live_flags: Vec<Bits>,
    live_visits: Vec<Bits>,
    /// Per loop and variable: the range its value is kept in, or none when nothing still
    /// to come reads it (see [`Reads::range`]).
    ranges: Vec<Vec<Option<(i32, i32)>>>,
    /// Per node: the loop (strongly connected component of the node graph) it is in.
    scc: Vec<u32>,
    /// Per loop: the words of the once-only bits that hold its slots, each with the mask
    /// of them (a key holds these words, masked: a fixed length per loop, and a copy
    /// rather than a test per slot).
    once_words: Vec<Vec<(u32, u64)>>,
    /// Per loop: its once-only slots with the minutes their choices take, the longest
    /// first (the scene's clock rules out the longest first).
    slots_by_minutes: Vec<Vec<(i32, u32)>>,
    /// Per node: the minutes of the scene whose clock runs there, where its loop is that
    /// scene alone (so that the clock there only goes forward).
    scene_minutes: Vec<Option<i32>>,
}

/// What a loop, and every node reachable from it, may still read, and how far each
/// variable may still move before it is read.
#[derive(Clone)]
struct Reads {
    flags: Bits,
    visits: Bits,
    /// Per variable: the lowest and highest `b` of the tests `value >= b` still to come
    /// (`AtMost(x)` is `not value >= x + 1`; a chance's tests are where its percent
    /// reaches 0 or 100).
    tests: Vec<Option<(i64, i64)>>,
    /// Per variable: the most it can still rise, and fall, on any path (`NO_LIMIT` in a
    /// loop that can repeat a change).
    rise: Vec<i64>,
    fall: Vec<i64>,
}

const NO_LIMIT: i64 = i64::MAX / 4;

impl Reads {
    fn new(s: &Compiled) -> Self {
        Reads {
            flags: Bits::new(s.flags.len() as u32),
            visits: Bits::new(s.visit_slots),
            tests: vec![None; s.vars.len()],
            rise: vec![0; s.vars.len()],
            fall: vec![0; s.vars.len()],
        }
    }

    fn test(&mut self, var: u32, b: i64) {
        let t = &mut self.tests[var as usize];
        *t = Some(t.map_or((b, b), |(lo, hi)| (lo.min(b), hi.max(b))));
    }

    fn cond(&mut self, c: &Cond) {
        match c {
            Cond::Flag(f) | Cond::NotFlag(f) => self.flags.set(*f, true),
            Cond::Visited(n) | Cond::NotVisited(n) => self.visits.set(*n, true),
            Cond::AtLeast(v, x) => self.test(*v, *x as i64),
            Cond::AtMost(v, x) => self.test(*v, *x as i64 + 1),
            Cond::Any(cs) => cs.iter().for_each(|c| self.cond(c)),
        }
    }

    /// A chance whose percent moves with a variable: which outcomes are possible changes
    /// only where the percent reaches 0 or 100. The tests are taken a step wide on each
    /// side, so that rounding cannot put one on the wrong value.
    fn chance(&mut self, var: u32, percent: i32, per_point: i32) {
        if per_point == 0 {
            return;
        }
        let (p, pp) = (percent as f64, per_point as f64);
        for edge in [-p / pp, (100.0 - p) / pp] {
            self.test(var, edge.floor() as i64 - 1);
            self.test(var, edge.ceil() as i64 + 1);
        }
    }

    /// What a node reads: its moods', its choices' conditions and their chances.
    fn node(&mut self, node: &CNode) {
        node.moods.iter().flatten().for_each(|c| self.cond(c));
        for choice in &node.choices {
            choice.when.iter().for_each(|c| self.cond(c));
            if let Some(ch) = &choice.chance
                && let Some(v) = ch.var
            {
                self.chance(v, ch.percent, ch.per_point);
            }
        }
    }

    /// Everything `other` may read is read here too.
    fn join(&mut self, other: &Reads) {
        for (w, o) in self.flags.words_mut().iter_mut().zip(other.flags.words()) {
            *w |= o;
        }
        for (w, o) in self.visits.words_mut().iter_mut().zip(other.visits.words()) {
            *w |= o;
        }
        for (v, t) in other.tests.iter().enumerate() {
            if let Some((lo, hi)) = *t {
                self.test(v as u32, lo);
                self.test(v as u32, hi);
            }
        }
    }

    /// The range a variable's value is kept in. Above `highest test + fall`, no test still
    /// to come can see the value below its highest `b`: every such value behaves as that
    /// bound does, and is replaced by it; the same below. Clamping at the variable's own
    /// limits only brings a value back toward the middle, so it cannot break this.
    fn range(&self, var: usize) -> Option<(i32, i32)> {
        let (lo, hi) = self.tests[var]?;
        let clamp = |x: i64| x.clamp(i32::MIN as i64, i32::MAX as i64) as i32;
        Some((
            clamp(lo.saturating_sub(1).saturating_sub(self.rise[var])),
            clamp(hi.saturating_add(self.fall[var])),
        ))
    }
}

/// How far one outcome of a choice moves each variable up and down, at most.
fn moves(c: &CChoice, n_vars: usize) -> (Vec<i64>, Vec<i64>) {
    let mut up = vec![0i64; n_vars];
    let mut down = vec![0i64; n_vars];
    let sum = |fx: &[Fx], up: &mut [i64], down: &mut [i64]| {
        for f in fx {
            if let Fx::Add(v, x) = f {
                let x = *x as i64;
                up[*v as usize] += x.max(0);
                down[*v as usize] += (-x).max(0);
            }
        }
    };
    sum(&c.effects, &mut up, &mut down);
    if let Some(ch) = &c.chance {
        let (mut su, mut sd) = (vec![0i64; n_vars], vec![0i64; n_vars]);
        let (mut fu, mut fd) = (vec![0i64; n_vars], vec![0i64; n_vars]);
        sum(&ch.success.effects, &mut su, &mut sd);
        sum(&ch.failure.effects, &mut fu, &mut fd);
        for v in 0..n_vars {
            up[v] += su[v].max(fu[v]);
            down[v] += sd[v].max(fd[v]);
        }
    }
    (up, down)
}

impl Relevance {
    pub fn of(s: &Compiled) -> Self {
        let scc = s.loops.clone();
        let graph = s.node_graph();
        let members = loop_members(s, &graph);
        let n_scc = members.len();
        let n_vars = s.vars.len();
        // Loops are numbered sinks first: every loop a loop leads to is done before it.
        let mut reads: Vec<Reads> = Vec::with_capacity(n_scc);
        for (c, (nodes, cyclic)) in members.iter().enumerate() {
            let cyclic = *cyclic;
            let mut here = Reads::new(s);
            // The most a move can add going on: once-only choices each count once,
            // repeatable ones once on the way out or without limit inside a loop.
            let (mut once_up, mut once_down) = (vec![0i64; n_vars], vec![0i64; n_vars]);
            let (mut step_up, mut step_down) = (vec![0i64; n_vars], vec![0i64; n_vars]);
            for &n in nodes {
                let node = &s.nodes[n];
                here.node(node);
                for choice in &node.choices {
                    let (up, down) = moves(choice, n_vars);
                    // A repeatable choice that can stay in a loop may be taken again and
                    // again; one that leaves it, once.
                    let base = choice.goto.unwrap_or(n as u32);
                    let stays = |t: u32| scc[t as usize] as usize == c;
                    let repeats = choice.once.is_none()
                        && cyclic
                        && match &choice.chance {
                            Some(ch) => {
                                stays(ch.success.goto.unwrap_or(base))
                                    || stays(ch.failure.goto.unwrap_or(base))
                            }
                            None => stays(base),
                        };
                    for v in 0..n_vars {
                        if choice.once.is_some() {
                            once_up[v] += up[v];
                            once_down[v] += down[v];
                        } else if repeats {
                            step_up[v] = if up[v] > 0 { NO_LIMIT } else { step_up[v] };
                            step_down[v] = if down[v] > 0 { NO_LIMIT } else { step_down[v] };
                        } else {
                            step_up[v] = step_up[v].max(up[v]);
                            step_down[v] = step_down[v].max(down[v]);
                        }
                    }
                }
            }
            let (mut next_up, mut next_down) = (vec![0i64; n_vars], vec![0i64; n_vars]);
            for &n in nodes {
                for &t in graph.of(n) {
                    let to = scc[t as usize] as usize;
                    if to == c {
                        continue;
                    }
                    let later = &reads[to];
                    here.join(later);
                    for v in 0..n_vars {
                        next_up[v] = next_up[v].max(later.rise[v]);
                        next_down[v] = next_down[v].max(later.fall[v]);
                    }
                }
            }
            for v in 0..n_vars {
                here.rise[v] = (once_up[v] + step_up[v] + next_up[v]).min(NO_LIMIT);
                here.fall[v] = (once_down[v] + step_down[v] + next_down[v]).min(NO_LIMIT);
            }
            reads.push(here);
        }
        let mut slots_by_minutes = vec![Vec::new(); n_scc];
        for (n, node) in s.nodes.iter().enumerate() {
            for c in &node.choices {
                if let Some(slot) = c.once {
                    slots_by_minutes[scc[n] as usize].push((c.minutes, slot));
                }
            }
        }
        for slots in &mut slots_by_minutes {
            slots.sort_by_key(|&(minutes, slot)| (std::cmp::Reverse(minutes), slot));
        }
        let once_words = slots_by_minutes
            .iter()
            .map(|slots| {
                let mut words: Vec<(u32, u64)> = Vec::new();
                for &(_, slot) in slots {
                    let (w, bit) = (slot / 64, 1u64 << (slot % 64));
                    match words.iter_mut().find(|(x, _)| *x == w) {
                        Some((_, mask)) => *mask |= bit,
                        None => words.push((w, bit)),
                    }
                }
                words.sort_unstable();
                words
            })
            .collect();
        Relevance {
            ranges: reads
                .iter()
                .map(|r| (0..n_vars).map(|v| r.range(v)).collect())
                .collect(),
            live_flags: reads.iter().map(|r| r.flags.clone()).collect(),
            live_visits: reads.into_iter().map(|r| r.visits).collect(),
            scc,
            once_words,
            slots_by_minutes,
            scene_minutes: scene_minutes(s),
        }
    }

    /// Clears the flags, visits and variables nothing still to come reads, brings each
    /// variable into the range where its value can still be told apart, and, when the
    /// state has just moved out of the loop of node `from` (never to return), clears the
    /// once-only slots of that loop.
    pub fn normalise(&self, st: &mut State, from: Option<u32>) {
        let here = self.scc[st.node as usize] as usize;
        for (w, mask) in st
            .flags
            .words_mut()
            .iter_mut()
            .zip(self.live_flags[here].words())
        {
            *w &= mask;
        }
        for (w, mask) in st
            .visited
            .words_mut()
            .iter_mut()
            .zip(self.live_visits[here].words())
        {
            *w &= mask;
        }
        for (value, range) in st.vars.iter_mut().zip(&self.ranges[here]) {
            *value = range.map_or(0, |(lo, hi)| (*value).clamp(lo, hi));
        }
        let left = from.map(|n| self.scc[n as usize]);
        if let Some(scc) = left.filter(|&l| l as usize != here) {
            let once = st.once.words_mut();
            for &(w, mask) in &self.once_words[scc as usize] {
                once[w as usize] &= !mask;
            }
        }
        // A scene is a loop whose clock only goes forward: a question that no longer fits
        // in the minutes left will not be offered again, taken or not.
        if let Some(minutes) = self.scene_minutes[st.node as usize] {
            let left = minutes - st.clock;
            for &(needs, slot) in &self.slots_by_minutes[here] {
                if needs <= left {
                    break;
                }
                st.once.set(slot, false);
            }
        }
    }

    /// The state as a compact key: node, flags, variables, visits, the scene's clock, and the
    /// once-only slots of the node's own loop, as the words that hold them, masked (all
    /// others were cleared on leaving their loops).
    pub fn key(&self, st: &State, out: &mut Vec<u32>) {
        out.clear();
        out.push(st.node);
        for w in st.flags.words().iter().chain(st.visited.words()) {
            out.extend([*w as u32, (*w >> 32) as u32]);
        }
        out.extend(st.vars.iter().map(|&v| v as u32));
        out.push(st.clock as u32);
        let once = st.once.words();
        for &(w, mask) in &self.once_words[self.scc[st.node as usize] as usize] {
            let x = once[w as usize] & mask;
            out.extend([x as u32, (x >> 32) as u32]);
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
            *w = word_at(key, i);
            i += 2;
        }
        for v in st.vars.iter_mut() {
            *v = key[i] as i32;
            i += 1;
        }
        st.clock = key[i] as i32;
        i += 1;
        let once = st.once.words_mut();
        for &(w, _) in &self.once_words[self.scc[st.node as usize] as usize] {
            let mut x = word_at(key, i);
            once[w as usize] |= x;
            while x != 0 {
                taken.push(w * 64 + x.trailing_zeros());
                x &= x - 1;
            }
            i += 2;
        }
    }

    /// As [`Self::normalise`] for a state reached in any way (a trainee's): keeps only the
    /// once-only slots of the loop the state is in.
    pub fn normalise_any(&self, st: &mut State) {
        self.normalise(st, None);
        let taken: Vec<u32> = self.slots_by_minutes[self.scc[st.node as usize] as usize]
            .iter()
            .map(|&(_, slot)| slot)
            .filter(|&s| st.once.get(s))
            .collect();
        st.once.clear_all();
        for slot in taken {
            st.once.set(slot, true);
        }
    }
}

/// What of a state a loop neither reads nor writes, though it may still be read later: it
/// passes through the loop unchanged (see `hub.rs`). Bit masks over the words of the flags
/// and the visits, and the variables.
#[derive(Debug)]
pub(crate) struct Pass {
    pub flags: Vec<u64>,
    pub visits: Vec<u64>,
    pub vars: Vec<bool>,
}

impl Relevance {
    /// Moves the parts of a state's key that `pass` names into `out`, leaving zeros in
    /// their place: the key then says only what the loop itself works with.
    pub fn split_key(&self, key: &mut [u32], pass: &Pass, out: &mut Vec<u32>) {
        out.clear();
        let mut i = 1;
        for &mask in pass.flags.iter().chain(&pass.visits) {
            let word = word_at(key, i);
            let (kept, passed) = (word & !mask, word & mask);
            key[i] = kept as u32;
            key[i + 1] = (kept >> 32) as u32;
            out.extend([passed as u32, (passed >> 32) as u32]);
            i += 2;
        }
        for &passes in &pass.vars {
            if passes {
                out.push(key[i]);
                key[i] = 0;
            }
            i += 1;
        }
    }

    /// Puts parts set aside by [`Self::split_key`] back into a state whose own are zero.
    pub fn join_parts(&self, parts: &[u32], pass: &Pass, st: &mut State) {
        let mut i = 0;
        for w in st
            .flags
            .words_mut()
            .iter_mut()
            .chain(st.visited.words_mut())
        {
            *w |= word_at(parts, i);
            i += 2;
        }
        for (value, &passes) in st.vars.iter_mut().zip(&pass.vars) {
            if passes {
                *value = parts[i] as i32;
                i += 1;
            }
        }
    }

    /// What passes through the loop `l` (its `nodes`) untouched: still read later, but
    /// neither read by its conditions, moods and chances nor written by its effects; the
    /// visits of the nodes it enters count as written.
    pub fn pass(&self, s: &Compiled, l: u32, nodes: &[usize], graph: &Adjacency) -> Pass {
        let mut own = Reads::new(s);
        let mut written = vec![false; s.vars.len()];
        for &n in nodes {
            let node = &s.nodes[n];
            for t in graph.of(n).iter().map(|&t| t as usize).chain([n]) {
                if let Some(slot) = s.nodes[t].visit_slot {
                    own.visits.set(slot, true);
                }
            }
            own.node(node);
            for choice in &node.choices {
                for fx in choice.all_effects() {
                    match fx {
                        Fx::SetFlag(f) | Fx::ClearFlag(f) => own.flags.set(*f, true),
                        Fx::Add(v, _) | Fx::Set(v, _) => written[*v as usize] = true,
                        _ => {}
                    }
                }
            }
        }
        let l = l as usize;
        let without = |live: &Bits, own: &Bits| -> Vec<u64> {
            live.words()
                .iter()
                .zip(own.words())
                .map(|(l, o)| l & !o)
                .collect()
        };
        Pass {
            flags: without(&self.live_flags[l], &own.flags),
            visits: without(&self.live_visits[l], &own.visits),
            vars: (0..s.vars.len())
                .map(|v| self.ranges[l][v].is_some() && own.tests[v].is_none() && !written[v])
                .collect(),
        }
    }
}

/// The 64-bit word a key holds at `i` and `i + 1` (low half first, as `key` writes it).
fn word_at(key: &[u32], i: usize) -> u64 {
    key[i] as u64 | (key[i + 1] as u64) << 32
}

/// The nodes of each loop (`Compiled::loops`), and whether the conversation can come back
/// round it: a loop of more than one node, or a node that leads back to itself.
pub(crate) fn loop_members(s: &Compiled, graph: &Adjacency) -> Vec<(Vec<usize>, bool)> {
    let n_loops = s.loops.iter().copied().max().map_or(0, |m| m as usize + 1);
    let mut members = vec![(Vec::new(), false); n_loops];
    for (n, &l) in s.loops.iter().enumerate() {
        members[l as usize].0.push(n);
    }
    for (nodes, cyclic) in &mut members {
        *cyclic = nodes.len() > 1 || graph.of(nodes[0]).contains(&(nodes[0] as u32));
    }
    members
}

/// Per node: the minutes of its scene, where the node's loop is the scene and nothing
/// more. A loop that also holds the scene's `over`, or another scene, can come back into
/// the scene with its clock reset and its once-only choices kept.
fn scene_minutes(s: &Compiled) -> Vec<Option<i32>> {
    let n_loops = s.loops.iter().copied().max().map_or(0, |m| m as usize + 1);
    let mut only_scene: Vec<Option<Option<u32>>> = vec![None; n_loops];
    for (n, node) in s.nodes.iter().enumerate() {
        let l = &mut only_scene[s.loops[n] as usize];
        *l = match *l {
            None => Some(node.scene),
            Some(scene) if scene == node.scene => Some(scene),
            Some(_) => Some(None),
        };
    }
    (0..s.nodes.len())
        .map(|n| {
            let scene = s.scene_at(n as u32)?;
            let l = s.loops[n];
            let alone = only_scene[l as usize] == Some(s.nodes[n].scene)
                && s.loops[scene.over as usize] != l;
            alone.then_some(scene.minutes)
        })
        .collect()
}

impl Relevance {
    /// At most how many combinations of variable values a state at one node can hold, as
    /// they are kept ([`Self::normalise`]): each variable's values that can reach the node
    /// (an interval, followed along the node graph; a loop that moves a variable may take
    /// it anywhere between its limits) within the range kept there, multiplied. An
    /// estimate from above, found without exploring.
    pub fn value_combinations(&self, s: &Compiled) -> f64 {
        let n_vars = s.vars.len();
        let graph = s.node_graph();
        let members = loop_members(s, &graph);
        let n_loops = members.len();
        // Per loop and variable: the values that can be there on entering it.
        let mut seen: Vec<Vec<Option<(i32, i32)>>> = vec![vec![None; n_vars]; n_loops];
        let join = |a: &mut Option<(i32, i32)>, b: (i32, i32)| {
            *a = Some(a.map_or(b, |(lo, hi)| (lo.min(b.0), hi.max(b.1))));
        };
        for (v, info) in s.vars.iter().enumerate() {
            let x = info.initial.clamp(info.min, info.max);
            join(&mut seen[self.scc[s.start as usize] as usize][v], (x, x));
        }
        let mut most = 1.0f64;
        // Loops are numbered sinks first: from the highest, every loop comes after all
        // those that lead to it.
        for l in (0..n_loops).rev() {
            let (nodes, cyclic) = &members[l];
            let cyclic = *cyclic;
            let mut here = seen[l].clone();
            let choices = || nodes.iter().flat_map(|&n| &s.nodes[n].choices);
            for (v, info) in s.vars.iter().enumerate() {
                if here[v].is_some() && cyclic {
                    // Moved around a loop, a value may end anywhere between its limits,
                    // or at any value a choice there sets.
                    for c in choices() {
                        for fx in c.all_effects() {
                            match fx {
                                Fx::Add(w, _) if *w as usize == v => {
                                    join(&mut here[v], (info.min, info.max))
                                }
                                Fx::Set(w, x) if *w as usize == v => {
                                    let x = (*x).clamp(info.min, info.max);
                                    join(&mut here[v], (x, x))
                                }
                                _ => {}
                            }
                        }
                    }
                }
            }
            let count: f64 = (0..n_vars)
                .map(|v| match (here[v], self.ranges[l][v]) {
                    (Some((lo, hi)), Some((klo, khi))) => {
                        (hi.min(khi) as f64 - lo.max(klo) as f64 + 1.0).max(1.0)
                    }
                    _ => 1.0,
                })
                .product();
            most = most.max(count);
            // Out of the loop: each choice's effects, on either chance outcome.
            for &n in nodes {
                for c in &s.nodes[n].choices {
                    let outcomes: Vec<(Vec<&Fx>, Option<u32>)> = match &c.chance {
                        Some(ch) => [&ch.success, &ch.failure]
                            .iter()
                            .map(|b| {
                                (
                                    c.effects.iter().chain(&b.effects).collect(),
                                    b.goto.or(c.goto),
                                )
                            })
                            .collect(),
                        None => vec![(c.effects.iter().collect(), c.goto)],
                    };
                    for (effects, goto) in outcomes {
                        let mut after = here.clone();
                        for fx in effects {
                            match fx {
                                Fx::Add(v, x) => {
                                    let info = &s.vars[*v as usize];
                                    if let Some((lo, hi)) = &mut after[*v as usize] {
                                        *lo = lo.saturating_add(*x).clamp(info.min, info.max);
                                        *hi = hi.saturating_add(*x).clamp(info.min, info.max);
                                    }
                                }
                                Fx::Set(v, x) => {
                                    let info = &s.vars[*v as usize];
                                    let x = (*x).clamp(info.min, info.max);
                                    after[*v as usize] = Some((x, x));
                                }
                                _ => {}
                            }
                        }
                        let over = s.scene_at(n as u32).map(|scene| scene.over);
                        for t in goto.into_iter().chain(over) {
                            let to = self.scc[t as usize] as usize;
                            if to != l {
                                for (v, r) in after.iter().enumerate() {
                                    if let Some(r) = r {
                                        join(&mut seen[to][v], *r);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        most
    }
}
