//! The logical state of a conversation: everything that decides which choices are open and
//! where they lead. The engine plays on it; the analysis explores it. Scores, case notes and
//! the ecomap are outcomes, kept by the session, not here.

use crate::core::compile::{CBranch, CChoice, Compiled, Cond, Fx};

/// A small fixed-size bit set.
#[derive(Debug, PartialEq, Eq, Hash, Default)]
pub struct Bits(Vec<u64>);

// By hand, so that `clone_from` reuses the allocation (the analysis clones states often).
impl Clone for Bits {
    fn clone(&self) -> Self {
        Bits(self.0.clone())
    }
    fn clone_from(&mut self, source: &Self) {
        if self.0.len() == source.0.len() {
            copy_small(&mut self.0, &source.0);
        } else {
            self.0.clone_from(&source.0);
        }
    }
}

/// Copies `src` into `dst` (of the same length). A state's flags, visits and variables
/// are mostly a word or two, which a call to `memcpy` (what a copy of any length becomes)
/// costs many times over; the analysis copies them for every move it tries.
pub(crate) fn copy_small<T: Copy>(dst: &mut [T], src: &[T]) {
    match (dst, src) {
        ([d], [s]) => *d = *s,
        ([d0, d1], [s0, s1]) => (*d0, *d1) = (*s0, *s1),
        ([d0, d1, d2], [s0, s1, s2]) => (*d0, *d1, *d2) = (*s0, *s1, *s2),
        (dst, src) => dst.copy_from_slice(src),
    }
}

impl Bits {
    pub fn new(len: u32) -> Self {
        Bits(vec![0; (len as usize).div_ceil(64)])
    }
    pub fn get(&self, i: u32) -> bool {
        self.0[(i / 64) as usize] & (1 << (i % 64)) != 0
    }
    pub fn set(&mut self, i: u32, on: bool) {
        let word = &mut self.0[(i / 64) as usize];
        if on {
            *word |= 1 << (i % 64);
        } else {
            *word &= !(1 << (i % 64));
        }
    }
    pub fn words(&self) -> &[u64] {
        &self.0
    }
    pub fn words_mut(&mut self) -> &mut [u64] {
        &mut self.0
    }
    pub fn clear_all(&mut self) {
        self.0.iter_mut().for_each(|w| *w = 0);
    }
}

#[derive(Debug, PartialEq, Eq, Hash)]
pub struct State {
    pub node: u32,
    pub flags: Bits,
    pub vars: Vec<i32>,
    /// Once-only choices already taken.
    pub once: Bits,
    /// Nodes that some condition asks about, and whether they were visited.
    pub visited: Bits,
    /// Minutes spent in the current scene; 0 outside one. Reset on leaving a scene, so it
    /// belongs to its scene as once-only slots belong to their loop.
    pub clock: i32,
}

impl Clone for State {
    fn clone(&self) -> Self {
        State {
            node: self.node,
            flags: self.flags.clone(),
            vars: self.vars.clone(),
            once: self.once.clone(),
            visited: self.visited.clone(),
            clock: self.clock,
        }
    }
    fn clone_from(&mut self, source: &Self) {
        self.node = source.node;
        self.flags.clone_from(&source.flags);
        self.vars.clone_from(&source.vars);
        self.once.clone_from(&source.once);
        self.visited.clone_from(&source.visited);
        self.clock = source.clock;
    }
}

impl State {
    /// The state before the first node is entered (then entered).
    pub fn initial(s: &Compiled) -> Self {
        let mut state = State {
            node: s.start,
            flags: Bits::new(s.flags.len() as u32),
            vars: s
                .vars
                .iter()
                .map(|v| v.initial.clamp(v.min, v.max))
                .collect(),
            once: Bits::new(s.once_slots),
            visited: Bits::new(s.visit_slots),
            clock: 0,
        };
        state.enter(s, s.start);
        state
    }

    pub fn enter(&mut self, s: &Compiled, node: u32) {
        if s.nodes[node as usize].scene != s.nodes[self.node as usize].scene {
            self.clock = 0;
        }
        self.node = node;
        if let Some(slot) = s.nodes[node as usize].visit_slot {
            self.visited.set(slot, true);
        }
    }

    pub fn holds(&self, cond: &Cond) -> bool {
        match cond {
            Cond::Flag(f) => self.flags.get(*f),
            Cond::NotFlag(f) => !self.flags.get(*f),
            Cond::AtLeast(v, x) => self.vars[*v as usize] >= *x,
            Cond::AtMost(v, x) => self.vars[*v as usize] <= *x,
            Cond::Visited(n) => self.visited.get(*n),
            Cond::NotVisited(n) => !self.visited.get(*n),
            Cond::Any(cs) => cs.iter().any(|c| self.holds(c)),
        }
    }

    pub fn all_hold(&self, conds: &[Cond]) -> bool {
        conds.iter().all(|c| self.holds(c))
    }

    /// Minutes left in the current scene; none outside a scene.
    pub fn minutes_left(&self, s: &Compiled) -> Option<i32> {
        s.scene_at(self.node)
            .map(|scene| scene.minutes - self.clock)
    }

    /// Whether a choice of the current node is offered: not taken if once-only, its
    /// conditions hold, and the scene has the minutes it takes.
    pub fn is_open(&self, s: &Compiled, choice: &CChoice) -> bool {
        choice.once.is_none_or(|slot| !self.once.get(slot))
            && (choice.minutes == 0 || self.minutes_left(s).is_none_or(|m| choice.minutes <= m))
            && self.all_hold(&choice.when)
    }

    /// Indices of the choices open at the current node, into `out`.
    pub fn open_choices(&self, s: &Compiled, out: &mut Vec<u32>) {
        out.clear();
        let node = &s.nodes[self.node as usize];
        for (i, c) in node.choices.iter().enumerate() {
            if self.is_open(s, c) {
                out.push(i as u32);
            }
        }
    }

    /// The chance of success of a choice's chance outcome, in percent (0 to 100).
    pub fn chance_percent(&self, percent: i32, var: Option<u32>, per_point: i32) -> i32 {
        let shift = var.map_or(0, |v| self.vars[v as usize].saturating_mul(per_point));
        percent.saturating_add(shift).clamp(0, 100)
    }

    /// Applies one effect to the logical state; outcomes (scores, notes, ties) are the
    /// caller's to record.
    pub fn apply(&mut self, s: &Compiled, fx: &Fx) {
        match fx {
            Fx::SetFlag(f) => self.flags.set(*f, true),
            Fx::ClearFlag(f) => self.flags.set(*f, false),
            Fx::Add(v, x) => {
                let info = &s.vars[*v as usize];
                let value = &mut self.vars[*v as usize];
                *value = value.saturating_add(*x).clamp(info.min, info.max);
            }
            Fx::Set(v, x) => {
                let info = &s.vars[*v as usize];
                self.vars[*v as usize] = (*x).clamp(info.min, info.max);
            }
            Fx::Score { .. } | Fx::Reveal(_) | Fx::Tie { .. } | Fx::Raise { .. } => {}
        }
    }

    /// [`Self::take`] with the chance outcome decided beforehand (`Some(true)`: success;
    /// `None` for a choice without a chance, see [`CChoice::outcomes`]). None when that
    /// outcome cannot happen: its percent, after the choice's own effects, is 0 or 100
    /// (the state is then changed as if it had).
    pub fn take_outcome(
        &mut self,
        s: &Compiled,
        choice_index: u32,
        outcome: Option<bool>,
        on_fx: impl FnMut(&Fx, Option<bool>, usize),
    ) -> Option<Option<u32>> {
        let want = outcome == Some(true);
        let mut possible = true;
        let moved = self.take(
            s,
            choice_index,
            |percent| {
                possible = if want { percent > 0 } else { percent < 100 };
                want
            },
            on_fx,
        );
        possible.then_some(moved)
    }

    /// Takes a choice, calling `on_fx` for every effect applied, in order, with the branch
    /// it belongs to (`None`: the choice's own effects) and its index. A chance outcome is
    /// settled by `decide`, given the percent of success after the choice's own effects.
    /// When the choice spends the last of a scene's minutes and would stay in the scene,
    /// the conversation goes to the scene's `over` node instead.
    /// Returns the node moved to, or `None` when the conversation stays on this node.
    pub fn take(
        &mut self,
        s: &Compiled,
        choice_index: u32,
        decide: impl FnOnce(i32) -> bool,
        mut on_fx: impl FnMut(&Fx, Option<bool>, usize),
    ) -> Option<u32> {
        let here = &s.nodes[self.node as usize];
        let choice = &here.choices[choice_index as usize];
        if let Some(slot) = choice.once {
            self.once.set(slot, true);
        }
        if here.scene.is_some() {
            self.clock += choice.minutes;
        }
        for (i, fx) in choice.effects.iter().enumerate() {
            self.apply(s, fx);
            on_fx(fx, None, i);
        }
        let mut goto = choice.goto;
        if let Some(chance) = &choice.chance {
            let success = decide(self.chance_percent(chance.percent, chance.var, chance.per_point));
            let branch: &CBranch = if success {
                &chance.success
            } else {
                &chance.failure
            };
            for (i, fx) in branch.effects.iter().enumerate() {
                self.apply(s, fx);
                on_fx(fx, Some(success), i);
            }
            goto = branch.goto.or(goto);
        }
        if let Some(scene) = s.scene_at(self.node)
            && self.clock >= scene.minutes
            && s.nodes[goto.unwrap_or(self.node) as usize].scene == here.scene
        {
            goto = Some(scene.over);
        }
        if let Some(next) = goto {
            self.enter(s, next);
        }
        goto
    }
}
