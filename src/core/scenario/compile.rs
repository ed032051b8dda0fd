//! The scenario with its string ids resolved to indices: what the engine and the analysis
//! run on, so that a decision costs no string look-ups. Unresolved references are reported
//! with where they were written (node and choice), never panicked on.

use rustc_hash::FxHashMap;

use crate::core::message::{IdKind, Msg};
use crate::core::scc::Adjacency;
use crate::core::suggest::nearest;

use crate::core::model::{
    Branch, CORE_COMPETENCIES, Choice, Condition, Effect, Level, NARRATOR, Role, Scenario, Text,
    TieKind, core_competency_name,
};

/// What a scenario can reveal: a character, a social resource or a case note (by index).
/// Named `Item` so that it does not clash with Bevy's `Entity` in the game.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Item {
    Character(u32),
    Resource(u32),
    Note(u32),
}

#[derive(Debug, Clone)]
pub struct CompetencyInfo {
    pub id: String,
    pub name: Text,
}

#[derive(Debug, Clone)]
pub struct VarInfo {
    pub id: String,
    pub initial: i32,
    pub min: i32,
    pub max: i32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cond {
    Flag(u32),
    NotFlag(u32),
    AtLeast(u32, i32),
    AtMost(u32, i32),
    Visited(u32),
    NotVisited(u32),
    Any(Vec<Cond>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Fx {
    Score { competency: u32, points: i32 },
    SetFlag(u32),
    ClearFlag(u32),
    Add(u32, i32),
    Set(u32, i32),
    Reveal(Item),
    Tie { from: Item, to: Item, kind: TieKind },
    Raise { issue: u32, level: Level },
}

#[derive(Debug, Clone)]
pub struct CBranch {
    pub effects: Vec<Fx>,
    pub goto: Option<u32>,
}

#[derive(Debug, Clone)]
pub struct CChance {
    pub percent: i32,
    pub var: Option<u32>,
    pub per_point: i32,
    pub success: CBranch,
    pub failure: CBranch,
}

#[derive(Debug, Clone)]
pub struct CChoice {
    pub when: Vec<Cond>,
    /// The slot in the once-used bit set, for once-only choices.
    pub once: Option<u32>,
    /// Minutes of the scene's clock it takes (0 outside a scene).
    pub minutes: i32,
    /// Who says the reply (a cast index; none: narration).
    pub reply_by: Option<u32>,
    /// Who says each of its turns.
    pub turns: Vec<Option<u32>>,
    /// A hash of the node's and the choice's ids: with a session's seed, where the choice
    /// is shown. Ids, not indices, so that an edit elsewhere keeps the order.
    pub order_key: u64,
    pub effects: Vec<Fx>,
    pub goto: Option<u32>,
    pub chance: Option<CChance>,
}

impl CChoice {
    /// Points on every competency together: its own and, of a chance, the better outcome.
    pub fn points(&self) -> i64 {
        self.outcomes()
            .iter()
            .map(|&outcome| self.scores(outcome).map(|(_, p)| p as i64).sum())
            .max()
            .unwrap_or(0)
    }

    /// Its points on each competency (`out`, one per competency, overwritten) when it is
    /// settled with `outcome` (see [`Self::outcomes`]): its own and that outcome's.
    pub fn points_each(&self, outcome: Option<bool>, out: &mut [i32]) {
        out.fill(0);
        for (competency, points) in self.scores(outcome) {
            out[competency as usize] += points;
        }
    }

    /// Its score effects (competency, points) when settled with `outcome`: its own, then
    /// that outcome's.
    fn scores(&self, outcome: Option<bool>) -> impl Iterator<Item = (u32, i32)> + '_ {
        let branch = match (&self.chance, outcome) {
            (Some(ch), Some(true)) => &ch.success.effects[..],
            (Some(ch), Some(false)) => &ch.failure.effects[..],
            _ => &[],
        };
        self.effects.iter().chain(branch).filter_map(|fx| match fx {
            Fx::Score { competency, points } => Some((*competency, *points)),
            _ => None,
        })
    }

    /// The outcomes it can be settled with: success and failure for a chance, else the one
    /// `None`.
    pub fn outcomes(&self) -> &'static [Option<bool>] {
        if self.chance.is_some() {
            &[Some(true), Some(false)]
        } else {
            &[None]
        }
    }

    /// Every effect it may have: its own, then those of both chance outcomes.
    pub fn all_effects(&self) -> impl Iterator<Item = &Fx> {
        self.effects.iter().chain(
            self.chance
                .iter()
                .flat_map(|ch| ch.success.effects.iter().chain(&ch.failure.effects)),
        )
    }
}

#[derive(Debug, Clone)]
pub struct CNode {
    /// The cast index of the speaker; none for narration.
    pub speaker: Option<u32>,
    /// Who says each of its turns (cast indices; none: narration).
    pub turns: Vec<Option<u32>>,
    /// Who is in the room (cast indices), for a meeting.
    pub present: Vec<u32>,
    pub choices: Vec<CChoice>,
    pub is_end: bool,
    pub moods: Vec<Vec<Cond>>,
    /// The visited slot of this node, if any condition reads whether it was visited.
    pub visit_slot: Option<u32>,
    /// The scene (index into `Compiled::scenes`) whose clock runs here.
    pub scene: Option<u32>,
    pub keep_order: bool,
}

/// A scene with a clock: its minutes and where the conversation goes when they are spent.
#[derive(Debug, Clone, PartialEq)]
pub struct CScene {
    /// The node that declares it.
    pub node: u32,
    pub minutes: i32,
    pub over: u32,
}

/// A resolved scenario. `source` keeps the texts; indices follow its order.
#[derive(Debug, Clone)]
pub struct Compiled {
    pub source: Scenario,
    pub competencies: Vec<CompetencyInfo>,
    pub flags: Vec<String>,
    pub vars: Vec<VarInfo>,
    pub nodes: Vec<CNode>,
    pub start: u32,
    pub person: Item,
    pub once_slots: u32,
    pub visit_slots: u32,
    pub ties: Vec<(Item, Item, TieKind)>,
    pub scenes: Vec<CScene>,
    /// Per node: its loop, the strongly connected component of `node_graph` (a scene's
    /// `over` counted), numbered sinks first. A loop once left is never come back to.
    pub loops: Vec<u32>,
    node_index: FxHashMap<String, u32>,
    entity_index: FxHashMap<String, Item>,
}

/// A reference that does not resolve, and where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct RefError {
    pub node: Option<String>,
    pub choice: Option<String>,
    pub kind: Msg,
}

impl Compiled {
    pub fn node_index(&self, id: &str) -> Option<u32> {
        self.node_index.get(id).copied()
    }

    pub fn entity(&self, id: &str) -> Option<Item> {
        self.entity_index.get(id).copied()
    }

    pub fn competency_index(&self, id: &str) -> Option<u32> {
        self.competencies
            .iter()
            .position(|c| c.id == id)
            .map(|i| i as u32)
    }

    pub fn entity_name(&self, e: Item) -> &Text {
        match e {
            Item::Character(i) => &self.source.cast[i as usize].name,
            Item::Resource(i) => &self.source.resources[i as usize].name,
            Item::Note(i) => &self.source.notes[i as usize].text,
        }
    }

    /// The node graph: every goto of every choice, whatever the conditions (staying
    /// counts), and from every node of a scene its `over` node (where the clock can send it).
    pub fn node_graph(&self) -> Adjacency {
        node_graph(&self.nodes, &self.scenes)
    }

    /// The scene whose clock runs at `node`.
    pub fn scene_at(&self, node: u32) -> Option<&CScene> {
        self.nodes[node as usize]
            .scene
            .map(|i| &self.scenes[i as usize])
    }

    /// The name of the scene whose clock runs at `node`.
    pub fn scene_name(&self, node: u32) -> Option<&Text> {
        let scene = self.scene_at(node)?;
        self.source.nodes[scene.node as usize]
            .scene
            .as_ref()
            .map(|sc| &sc.name)
    }

    /// The choice's source data.
    pub fn choice_source(&self, node: u32, choice: u32) -> &Choice {
        &self.source.nodes[node as usize].choices[choice as usize]
    }

    /// Resolves a scenario; on failure, every reference that did not resolve, and the
    /// scenario back (the validator still lints it).
    pub fn build(source: Scenario) -> Result<Compiled, Box<(Scenario, Vec<RefError>)>> {
        let mut r = Resolver::new(&source);
        let mut nodes = Vec::with_capacity(source.nodes.len());
        let mut once_slots = 0;
        for (n, node) in source.nodes.iter().enumerate() {
            r.at(Some(n), None);
            let speaker = match node.speaker.as_deref().map(|s| (s, r.entity(s))) {
                Some((_, Some(Item::Character(i)))) => Some(i),
                Some((s, Some(_))) => {
                    r.error(Msg::SpeakerNotCast { id: s.to_owned() });
                    None
                }
                _ => None,
            };
            let moods = node.moods.iter().map(|m| r.conds(&m.when)).collect();
            let turns = node.turns.iter().map(|t| r.voice(&t.by)).collect();
            let present = node.present.iter().filter_map(|id| r.voice(id)).collect();
            let mut choices = Vec::with_capacity(node.choices.len());
            for (c, choice) in node.choices.iter().enumerate() {
                r.at(Some(n), Some(c));
                let once = choice.once.then(|| {
                    once_slots += 1;
                    once_slots - 1
                });
                choices.push(CChoice {
                    when: r.conds(&choice.when),
                    once,
                    minutes: choice.minutes.max(0),
                    reply_by: match &choice.reply_by {
                        Some(by) => r.voice(by),
                        None => speaker,
                    },
                    turns: choice.turns.iter().map(|t| r.voice(&t.by)).collect(),
                    order_key: order_key(&node.id, &choice.id),
                    effects: r.effects(&choice.effects),
                    goto: choice.goto.as_deref().and_then(|g| r.node(g)),
                    chance: choice.chance.as_ref().map(|c| CChance {
                        percent: c.percent,
                        var: c.var.as_deref().and_then(|v| r.var(v)),
                        per_point: c.per_point,
                        success: r.branch(&c.success),
                        failure: r.branch(&c.failure),
                    }),
                });
            }
            nodes.push(CNode {
                speaker,
                turns,
                present,
                choices,
                is_end: node.ending.is_some(),
                moods,
                visit_slot: None,
                scene: None,
                keep_order: node.keep_order,
            });
        }
        let mut scenes = Vec::new();
        for (n, node) in source.nodes.iter().enumerate() {
            if let Some(scene) = &node.scene {
                r.at(Some(n), None);
                if let Some(over) = r.node(&scene.over) {
                    scenes.push(CScene {
                        node: n as u32,
                        minutes: scene.minutes.max(0),
                        over,
                    });
                }
            }
        }
        r.at(None, None);
        let start = r.node(&source.start);
        if !source.cast.iter().any(|c| c.role == Role::Person) {
            r.error(Msg::NoPerson);
        }
        let person = r.person;
        let ties = source
            .ties
            .iter()
            .filter_map(|t| {
                let from = match &t.from {
                    Some(f) => r.entity(f)?,
                    None => person,
                };
                Some((from, r.entity(&t.to)?, t.kind))
            })
            .collect();
        let errors = std::mem::take(&mut r.errors);
        if !errors.is_empty() {
            return Err(Box::new((source, errors)));
        }
        let Resolver {
            flags,
            visit_slots,
            competencies,
            vars,
            node_index,
            entity_index,
            ..
        } = r;
        for (node, slot) in &visit_slots {
            nodes[*node as usize].visit_slot = Some(*slot);
        }
        // A scene's clock runs in the loop of the node that declares it: the node and every
        // node the conversation can come back to it from. (Two scenes in one loop are the
        // validator's error; the first wins.)
        let by_goto = node_graph(&nodes, &[]).components();
        for (i, scene) in scenes.iter().enumerate().rev() {
            let l = by_goto[scene.node as usize];
            for (n, node) in nodes.iter_mut().enumerate() {
                if by_goto[n] == l {
                    node.scene = Some(i as u32);
                }
            }
        }
        let loops = node_graph(&nodes, &scenes).components();
        Ok(Compiled {
            competencies,
            flags,
            vars,
            nodes,
            start: start.unwrap_or(0),
            person,
            once_slots,
            visit_slots: visit_slots.len() as u32,
            ties,
            scenes,
            loops,
            node_index,
            entity_index,
            source,
        })
    }
}

fn node_graph(nodes: &[CNode], scenes: &[CScene]) -> Adjacency {
    let mut first = vec![0u32];
    let mut targets = Vec::new();
    for (n, node) in nodes.iter().enumerate() {
        if let Some(scene) = node.scene.and_then(|i| scenes.get(i as usize)) {
            targets.push(scene.over);
        }
        for c in &node.choices {
            let base = c.goto.unwrap_or(n as u32);
            match &c.chance {
                Some(ch) => {
                    targets.push(ch.success.goto.unwrap_or(base));
                    targets.push(ch.failure.goto.unwrap_or(base));
                }
                None => targets.push(base),
            }
        }
        first.push(targets.len() as u32);
    }
    Adjacency { first, targets }
}

/// FNV-1a of the two ids: the same on every platform and in every version, so that a log
/// replays to the order its trainee saw.
fn order_key(node: &str, choice: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in node.bytes().chain([0]).chain(choice.bytes()) {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

struct Resolver<'a> {
    s: &'a Scenario,
    node_index: FxHashMap<String, u32>,
    entity_index: FxHashMap<String, Item>,
    issue_index: FxHashMap<String, u32>,
    competencies: Vec<CompetencyInfo>,
    vars: Vec<VarInfo>,
    flags: Vec<String>,
    flag_index: FxHashMap<String, u32>,
    visit_slots: FxHashMap<u32, u32>,
    errors: Vec<RefError>,
    /// Where resolution is (node and choice indices): named only when there is an error.
    node: Option<usize>,
    choice: Option<usize>,
    /// The person at the centre: the `from` of a tie written without one.
    person: Item,
}

impl<'a> Resolver<'a> {
    fn new(s: &'a Scenario) -> Self {
        let node_index = s
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.clone(), i as u32))
            .collect();
        let mut entity_index = FxHashMap::default();
        for (i, c) in s.cast.iter().enumerate() {
            entity_index.insert(c.id.clone(), Item::Character(i as u32));
        }
        for (i, c) in s.resources.iter().enumerate() {
            entity_index.insert(c.id.clone(), Item::Resource(i as u32));
        }
        for (i, c) in s.notes.iter().enumerate() {
            entity_index.insert(c.id.clone(), Item::Note(i as u32));
        }
        let issue_index = s
            .issues
            .iter()
            .enumerate()
            .map(|(i, x)| (x.id.clone(), i as u32))
            .collect();
        let mut competencies: Vec<CompetencyInfo> = CORE_COMPETENCIES
            .iter()
            .map(|id| CompetencyInfo {
                id: (*id).to_owned(),
                name: core_competency_name(id).unwrap_or_default(),
            })
            .collect();
        for c in &s.rubric {
            if !CORE_COMPETENCIES.contains(&c.id.as_str()) {
                competencies.push(CompetencyInfo {
                    id: c.id.clone(),
                    name: c.name.clone(),
                });
            }
        }
        let vars = s
            .variables
            .iter()
            .map(|v| VarInfo {
                id: v.id.clone(),
                initial: v.initial,
                min: v.min,
                // min above max is the validator's error to report; the engine and the
                // analysis (which may run beside that check) must not panic on it.
                max: v.max.max(v.min),
            })
            .collect();
        Resolver {
            s,
            node_index,
            entity_index,
            issue_index,
            competencies,
            vars,
            flags: Vec::new(),
            flag_index: FxHashMap::default(),
            visit_slots: FxHashMap::default(),
            errors: Vec::new(),
            node: None,
            choice: None,
            person: Item::Character(
                s.cast
                    .iter()
                    .position(|c| c.role == Role::Person)
                    .unwrap_or(0) as u32,
            ),
        }
    }

    fn at(&mut self, node: Option<usize>, choice: Option<usize>) {
        self.node = node;
        self.choice = choice;
    }

    fn error(&mut self, kind: Msg) {
        let node = self.node.map(|n| &self.s.nodes[n]);
        self.errors.push(RefError {
            node: node.map(|n| n.id.clone()),
            choice: node.zip(self.choice).map(|(n, c)| n.choices[c].id.clone()),
            kind,
        });
    }

    fn unknown(&mut self, kind: IdKind, id: &str, suggestion: Option<String>) {
        self.error(Msg::Unknown {
            kind,
            id: id.to_owned(),
            suggestion,
        });
    }

    /// Characters, resources and notes, in the order they are declared.
    fn entity_ids(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        let s = self.s;
        let cast = s.cast.iter().map(|c| c.id.as_str());
        let resources = s.resources.iter().map(|r| r.id.as_str());
        cast.chain(resources)
            .chain(s.notes.iter().map(|n| n.id.as_str()))
    }

    fn node(&mut self, id: &str) -> Option<u32> {
        let found = self.node_index.get(id).copied();
        if found.is_none() {
            let suggestion = nearest(id, self.s.nodes.iter().map(|n| n.id.as_str()));
            self.unknown(IdKind::Node, id, suggestion);
        }
        found
    }

    fn entity(&mut self, id: &str) -> Option<Item> {
        let found = self.entity_index.get(id).copied();
        if found.is_none() {
            let suggestion = nearest(id, self.entity_ids());
            self.unknown(IdKind::Entity, id, suggestion);
        }
        found
    }

    /// Someone who speaks: a cast index, or none for the narrator.
    fn voice(&mut self, id: &str) -> Option<u32> {
        if id == NARRATOR {
            return None;
        }
        match self.entity_index.get(id).copied() {
            Some(Item::Character(i)) => Some(i),
            _ => {
                let cast = self.s.cast.iter().map(|c| c.id.as_str());
                let suggestion = nearest(id, cast.chain([NARRATOR]));
                self.error(Msg::NotAVoice {
                    id: id.to_owned(),
                    suggestion,
                });
                None
            }
        }
    }

    fn var(&mut self, id: &str) -> Option<u32> {
        let found = self.vars.iter().position(|v| v.id == id).map(|i| i as u32);
        if found.is_none() {
            let suggestion = nearest(id, self.vars.iter().map(|v| v.id.as_str()));
            self.unknown(IdKind::Variable, id, suggestion);
        }
        found
    }

    fn flag(&mut self, id: &str) -> u32 {
        if let Some(&i) = self.flag_index.get(id) {
            return i;
        }
        let i = self.flags.len() as u32;
        self.flags.push(id.to_owned());
        self.flag_index.insert(id.to_owned(), i);
        i
    }

    fn visit(&mut self, id: &str) -> Option<u32> {
        let node = self.node(id)?;
        let next = self.visit_slots.len() as u32;
        Some(*self.visit_slots.entry(node).or_insert(next))
    }

    fn conds(&mut self, cs: &[Condition]) -> Vec<Cond> {
        cs.iter().filter_map(|c| self.cond(c)).collect()
    }

    fn cond(&mut self, c: &Condition) -> Option<Cond> {
        Some(match c {
            Condition::Flag(f) => Cond::Flag(self.flag(f)),
            Condition::NotFlag(f) => Cond::NotFlag(self.flag(f)),
            Condition::AtLeast(v, x) => Cond::AtLeast(self.var(v)?, *x),
            Condition::AtMost(v, x) => Cond::AtMost(self.var(v)?, *x),
            Condition::Visited(n) => Cond::Visited(self.visit(n)?),
            Condition::NotVisited(n) => Cond::NotVisited(self.visit(n)?),
            Condition::Any(cs) => Cond::Any(self.conds(cs)),
        })
    }

    fn branch(&mut self, b: &Branch) -> CBranch {
        CBranch {
            effects: self.effects(&b.effects),
            goto: b.goto.as_deref().and_then(|g| self.node(g)),
        }
    }

    fn effects(&mut self, es: &[Effect]) -> Vec<Fx> {
        es.iter().filter_map(|e| self.effect(e)).collect()
    }

    fn effect(&mut self, e: &Effect) -> Option<Fx> {
        Some(match e {
            Effect::Score {
                competency, points, ..
            } => {
                let found = self.competencies.iter().position(|c| &c.id == competency);
                if found.is_none() {
                    let known: Vec<String> =
                        self.competencies.iter().map(|c| c.id.clone()).collect();
                    self.error(Msg::UnknownCompetency {
                        id: competency.clone(),
                        suggestion: nearest(competency, known.iter().map(String::as_str)),
                        known,
                    });
                }
                Fx::Score {
                    competency: found? as u32,
                    points: *points,
                }
            }
            Effect::SetFlag(f) => Fx::SetFlag(self.flag(f)),
            Effect::ClearFlag(f) => Fx::ClearFlag(self.flag(f)),
            Effect::Add(v, x) => Fx::Add(self.var(v)?, *x),
            Effect::Set(v, x) => Fx::Set(self.var(v)?, *x),
            Effect::Reveal(id) => Fx::Reveal(self.entity(id)?),
            Effect::Tie { from, to, kind } => {
                let from = match from {
                    Some(f) => self.entity(f)?,
                    None => self.person,
                };
                Fx::Tie {
                    from,
                    to: self.entity(to)?,
                    kind: *kind,
                }
            }
            Effect::Raise { issue, level } => {
                let found = self.issue_index.get(issue).copied();
                if found.is_none() {
                    let suggestion = nearest(issue, self.s.issues.iter().map(|i| i.id.as_str()));
                    self.unknown(IdKind::Issue, issue, suggestion);
                }
                Fx::Raise {
                    issue: found?,
                    level: *level,
                }
            }
        })
    }
}
