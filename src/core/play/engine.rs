//! A playing session: offers the open choices, applies one, and returns what happened as
//! events. Events refer to the scenario by index (cheap to make, no strings copied); the
//! session resolves them to text for whoever draws them.

use std::sync::Arc;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::core::compile::{Compiled, Fx, Item};
use crate::core::model::{Lang, Level, Outcome, Text, TieKind};
use crate::core::state::State;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Mode {
    /// The coach's feedback after each choice.
    #[default]
    Training,
    /// Feedback only at the end.
    Assessment,
}

/// In which order a node's open choices are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Order {
    /// Each session its own order, from its seed (nodes marked `keep_order` excepted).
    #[default]
    Shuffled,
    /// As written: sessions logged before the order was shuffled.
    Written,
}

/// Where a choice is shown in a session with this seed: choices are sorted by it. A hash
/// of the seed and the choice's ids, not a draw from the session's random stream, so the
/// texts and chances a seed gives stay as they were, and a hub keeps its order while its
/// questions are taken away one by one.
pub fn shown_rank(seed: u64, order_key: u64) -> u64 {
    // SplitMix64's finaliser: every bit of the seed and of the key moves the result.
    let mut z = (seed ^ order_key).wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Which text of the scenario a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextRef {
    /// The node's text, variant `variant`.
    Node { node: u32, variant: u32 },
    /// A mood's text, variant `variant`.
    Mood { node: u32, mood: u32, variant: u32 },
    /// What the player said.
    Choice { node: u32, choice: u32 },
    /// The speaker's reply to a choice (`branch`: of a chance outcome).
    Reply {
        node: u32,
        choice: u32,
        branch: Option<bool>,
    },
    /// A turn of a meeting: the node's (`choice: None`) or said after a choice's reply.
    Turn {
        node: u32,
        choice: Option<u32>,
        turn: u32,
    },
}

/// Which `Score` effect a feedback comes from: its reason is the feedback's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EffectRef {
    pub node: u32,
    pub choice: u32,
    pub branch: Option<bool>,
    pub index: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// Someone speaks (`speaker` is a cast index; none is narration).
    Line {
        speaker: Option<u32>,
        text: TextRef,
    },
    /// The player's choice, as said.
    Said {
        node: u32,
        choice: u32,
    },
    /// The coach's feedback: points for or against a competency, with the reason.
    Feedback {
        competency: u32,
        points: i32,
        effect: EffectRef,
    },
    /// The scene's minutes are spent: the conversation moves to the scene's `over` node.
    TimeUp {
        node: u32,
    },
    /// A chance outcome was settled.
    Chance {
        percent: i32,
        success: bool,
    },
    Revealed(Item),
    Tie {
        from: Item,
        to: Item,
        kind: TieKind,
        previous: Option<TieKind>,
    },
    Raised {
        issue: u32,
        level: Level,
        previous: Option<Level>,
    },
    /// The conversation moved into another phase of the care-management cycle.
    Phase(crate::core::model::Phase),
    Ended {
        node: u32,
        outcome: Outcome,
    },
}

/// One decision, as the log keeps it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step {
    pub node: u32,
    pub choice: u32,
    pub seconds: f32,
    /// Where the choice was shown: 1 for the first option on the screen.
    pub position: u32,
}

/// A feedback item kept for the results screen and the debrief.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Feedback {
    pub step: u32,
    pub competency: u32,
    pub points: i32,
    pub effect: EffectRef,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PlayError {
    #[error("the session has ended; no more choices")]
    Ended,
    #[error("choice {index} is not open at node `{node}` (open: {open})")]
    NotOpen {
        node: String,
        index: u32,
        open: String,
    },
    #[error("no open choice `{choice}` at node `{node}` (open: {open})")]
    NoSuchChoice {
        node: String,
        choice: String,
        open: String,
    },
}

impl PlayError {
    /// The error in the reader's language (`Display` is the English).
    pub fn render(&self, lang: Lang) -> String {
        match (lang, self) {
            (Lang::En, e) => e.to_string(),
            (Lang::Ja, PlayError::Ended) => "この面談は終わっています。もう選べません".into(),
            (Lang::Ja, PlayError::NotOpen { node, index, open }) => {
                format!("ノード `{node}` では選択肢 {index} は選べません（選べるもの: {open}）")
            }
            (Lang::Ja, PlayError::NoSuchChoice { node, choice, open }) => {
                format!(
                    "ノード `{node}` に選べる選択肢 `{choice}` はありません（選べるもの: {open}）"
                )
            }
        }
    }
}

#[derive(Debug, Clone)]
pub struct Session {
    scenario: Arc<Compiled>,
    state: State,
    rng: ChaCha8Rng,
    seed: u64,
    mode: Mode,
    order: Order,
    scores: Vec<i32>,
    steps: Vec<Step>,
    feedback: Vec<Feedback>,
    /// Revealed entities, in the order they were revealed.
    revealed: Vec<Item>,
    ties: Vec<(Item, Item, TieKind)>,
    issues: Vec<Option<Level>>,
    ended: Option<u32>,
    /// Everything said so far, for the transcript and the play screen.
    transcript: Vec<Event>,
    open: Vec<u32>,
    /// Reused between decisions: the open choices with their ranks, to sort them.
    ranked: Vec<(u64, u32)>,
    /// Reused between decisions: the effects applied by the last choice.
    applied: Vec<(Fx, Option<bool>, u32)>,
    /// Chance outcomes decided in advance, per (node, choice), for an author testing a
    /// branch; kept across `restart`.
    forced: Vec<((u32, u32), bool)>,
}

impl Session {
    /// Starts a session at the scenario's first node. The opening lines are in `transcript()`.
    pub fn new(scenario: Arc<Compiled>, seed: u64, mode: Mode) -> Self {
        Self::with_order(scenario, seed, mode, Order::Shuffled)
    }

    /// As `new`, with the choices shown in `order`.
    pub fn with_order(scenario: Arc<Compiled>, seed: u64, mode: Mode, order: Order) -> Self {
        let mut session = Session {
            state: State::initial(&scenario),
            rng: ChaCha8Rng::seed_from_u64(seed),
            seed,
            mode,
            order,
            scores: Vec::new(),
            steps: Vec::new(),
            feedback: Vec::new(),
            revealed: Vec::new(),
            ties: Vec::new(),
            issues: Vec::new(),
            ended: None,
            transcript: Vec::new(),
            open: Vec::new(),
            ranked: Vec::new(),
            applied: Vec::new(),
            forced: Vec::new(),
            scenario,
        };
        session.restart(seed);
        session
    }

    /// Starts again from the first node with another seed, keeping the allocations.
    pub fn restart(&mut self, seed: u64) {
        let scenario = Arc::clone(&self.scenario);
        let s = &scenario.source;
        self.state = State::initial(&scenario);
        self.rng = ChaCha8Rng::seed_from_u64(seed);
        self.seed = seed;
        self.scores.clear();
        self.scores.resize(scenario.competencies.len(), 0);
        self.steps.clear();
        self.feedback.clear();
        self.revealed.clear();
        for (i, c) in s.cast.iter().enumerate() {
            if !c.hidden {
                self.revealed.push(Item::Character(i as u32));
            }
        }
        for (i, r) in s.resources.iter().enumerate() {
            if !r.hidden {
                self.revealed.push(Item::Resource(i as u32));
            }
        }
        self.ties.clone_from(&scenario.ties);
        self.issues.clear();
        self.issues.resize(s.issues.len(), None);
        self.ended = None;
        let mut events = std::mem::take(&mut self.transcript);
        events.clear();
        self.arrive(&mut events);
        self.transcript = events;
        self.refresh_open();
    }

    pub fn scenario(&self) -> &Arc<Compiled> {
        &self.scenario
    }

    /// Settles the chance of a choice (node and choice indices) as `success` every time it
    /// is taken, whatever its percent. The random number is still drawn, so the texts and
    /// other chances that follow are those the seed gives without forcing.
    pub fn force_chance(&mut self, node: u32, choice: u32, success: bool) {
        self.forced.retain(|&(at, _)| at != (node, choice));
        self.forced.push(((node, choice), success));
    }

    /// The outcome forced for a choice's chance, if any.
    pub fn forced_chance(&self, node: u32, choice: u32) -> Option<bool> {
        self.forced
            .iter()
            .find(|&&(at, _)| at == (node, choice))
            .map(|&(_, success)| success)
    }
    pub fn seed(&self) -> u64 {
        self.seed
    }
    pub fn mode(&self) -> Mode {
        self.mode
    }
    pub fn order(&self) -> Order {
        self.order
    }
    /// Minutes left in the current scene, and the scene's name; none outside a scene.
    pub fn minutes_left(&self) -> Option<(i32, &Text)> {
        let left = self.state.minutes_left(&self.scenario)?;
        Some((left, self.scenario.scene_name(self.state.node)?))
    }
    pub fn state(&self) -> &State {
        &self.state
    }
    pub fn node(&self) -> u32 {
        self.state.node
    }
    pub fn node_id(&self) -> &str {
        &self.scenario.source.nodes[self.state.node as usize].id
    }
    pub fn scores(&self) -> &[i32] {
        &self.scores
    }
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }
    pub fn feedback(&self) -> &[Feedback] {
        &self.feedback
    }
    pub fn revealed(&self) -> &[Item] {
        &self.revealed
    }
    pub fn is_revealed(&self, e: Item) -> bool {
        self.revealed.contains(&e)
    }
    pub fn ties(&self) -> &[(Item, Item, TieKind)] {
        &self.ties
    }
    pub fn issue_levels(&self) -> &[Option<Level>] {
        &self.issues
    }
    pub fn transcript(&self) -> &[Event] {
        &self.transcript
    }
    /// The ending node, once the session has ended.
    pub fn ended(&self) -> Option<u32> {
        self.ended
    }
    pub fn is_over(&self) -> bool {
        self.ended.is_some() || self.open.is_empty()
    }

    /// The open choices at the current node, as indices into the node's choices, in the
    /// order they are shown.
    pub fn options(&self) -> &[u32] {
        &self.open
    }

    /// The open choices with their ids and texts.
    pub fn option_texts(&self) -> impl Iterator<Item = (u32, &str, &Text)> {
        let node = &self.scenario.source.nodes[self.state.node as usize];
        self.open.iter().map(move |&i| {
            let c = &node.choices[i as usize];
            (i, c.id.as_str(), &c.text)
        })
    }

    /// Takes the open choice with this id.
    pub fn choose_id(&mut self, id: &str, seconds: f32) -> Result<Vec<Event>, PlayError> {
        let node = &self.scenario.source.nodes[self.state.node as usize];
        let found = self
            .open
            .iter()
            .copied()
            .find(|&i| node.choices[i as usize].id == id);
        match found {
            Some(i) => self.choose(i, seconds),
            None if self.ended.is_some() => Err(PlayError::Ended),
            None => Err(PlayError::NoSuchChoice {
                node: node.id.clone(),
                choice: id.to_owned(),
                open: self.open_ids(),
            }),
        }
    }

    fn open_ids(&self) -> String {
        let ids: Vec<_> = self.option_texts().map(|(_, id, _)| id).collect();
        if ids.is_empty() {
            "none".into()
        } else {
            ids.join(", ")
        }
    }

    /// Takes an open choice (an index into the current node's choices).
    pub fn choose(&mut self, index: u32, seconds: f32) -> Result<Vec<Event>, PlayError> {
        let mut events = Vec::new();
        self.choose_into(index, seconds, &mut events)?;
        Ok(events)
    }

    /// As `choose`, appending the events to `events` (no allocation when it has room).
    pub fn choose_into(
        &mut self,
        index: u32,
        seconds: f32,
        events: &mut Vec<Event>,
    ) -> Result<(), PlayError> {
        if self.ended.is_some() {
            return Err(PlayError::Ended);
        }
        if !self.open.contains(&index) {
            return Err(PlayError::NotOpen {
                node: self.node_id().to_owned(),
                index,
                open: self.open_ids(),
            });
        }
        let start = events.len();
        let node = self.state.node;
        let step = self.steps.len() as u32;
        let position = self.open.iter().position(|&i| i == index).unwrap_or(0) as u32 + 1;
        self.steps.push(Step {
            node,
            choice: index,
            seconds,
            position,
        });
        events.push(Event::Said {
            node,
            choice: index,
        });
        let scenario = Arc::clone(&self.scenario);
        let source = scenario.choice_source(node, index);
        let compiled_choice = &scenario.nodes[node as usize].choices[index as usize];
        let time_up = scenario
            .scene_at(node)
            .is_some_and(|scene| self.state.clock + compiled_choice.minutes >= scene.minutes);
        if source.reply.is_some() {
            events.push(Event::Line {
                speaker: compiled_choice.reply_by,
                text: TextRef::Reply {
                    node,
                    choice: index,
                    branch: None,
                },
            });
        }
        let forced = self.forced_chance(node, index);
        let rng = &mut self.rng;
        let mut settled = None;
        let mut outcomes = std::mem::take(&mut self.applied);
        outcomes.clear();
        let moved = self.state.take(
            &scenario,
            index,
            |percent| {
                let drawn = rng.random_range(0..100) < percent;
                let success = forced.unwrap_or(drawn);
                settled = Some((percent, success));
                success
            },
            |fx, branch, i| outcomes.push((fx.clone(), branch, i as u32)),
        );
        let mut branch_reply_at = None;
        for &(ref fx, branch, i) in &outcomes {
            if branch.is_some() && branch_reply_at.is_none() {
                branch_reply_at = Some(events.len());
            }
            let effect = EffectRef {
                node,
                choice: index,
                branch,
                index: i,
            };
            self.record(fx, effect, step, events);
        }
        self.applied = outcomes;
        if let (Some((percent, success)), Some(chance)) = (settled, &source.chance) {
            let at = branch_reply_at.unwrap_or(events.len());
            events.insert(at, Event::Chance { percent, success });
            let branch = if success {
                &chance.success
            } else {
                &chance.failure
            };
            if branch.reply.is_some() {
                let line = Event::Line {
                    speaker: compiled_choice.reply_by,
                    text: TextRef::Reply {
                        node,
                        choice: index,
                        branch: Some(success),
                    },
                };
                events.insert(at + 1, line);
            }
        }
        for (turn, &speaker) in compiled_choice.turns.iter().enumerate() {
            events.push(Event::Line {
                speaker,
                text: TextRef::Turn {
                    node,
                    choice: Some(index),
                    turn: turn as u32,
                },
            });
        }
        if moved.is_some() {
            if time_up {
                events.push(Event::TimeUp { node });
            }
            self.arrive(events);
        }
        self.refresh_open();
        self.transcript.extend_from_slice(&events[start..]);
        if self.mode == Mode::Assessment {
            let mut i = start;
            while i < events.len() {
                if matches!(events[i], Event::Feedback { .. }) {
                    events.remove(i);
                } else {
                    i += 1;
                }
            }
        }
        Ok(())
    }

    /// A line spoken by the speaker of `node`.
    fn line(&self, node: u32, text: TextRef) -> Event {
        Event::Line {
            speaker: self.speaker(node),
            text,
        }
    }

    fn speaker(&self, node: u32) -> Option<u32> {
        let id = self.scenario.source.nodes[node as usize]
            .speaker
            .as_deref()?;
        match self.scenario.entity(id)? {
            Item::Character(i) => Some(i),
            _ => None,
        }
    }

    /// Records an effect's outcome (scores, notes, ecomap, ladder) and its event.
    fn record(&mut self, fx: &Fx, effect: EffectRef, step: u32, events: &mut Vec<Event>) {
        match *fx {
            Fx::Score { competency, points } => {
                self.scores[competency as usize] += points;
                self.feedback.push(Feedback {
                    step,
                    competency,
                    points,
                    effect,
                });
                events.push(Event::Feedback {
                    competency,
                    points,
                    effect,
                });
            }
            Fx::Reveal(e) => {
                if !self.revealed.contains(&e) {
                    self.revealed.push(e);
                    events.push(Event::Revealed(e));
                }
            }
            Fx::Tie { from, to, kind } => {
                for e in [from, to] {
                    if !self.revealed.contains(&e) && !matches!(e, Item::Note(_)) {
                        self.revealed.push(e);
                        events.push(Event::Revealed(e));
                    }
                }
                let existing = self
                    .ties
                    .iter()
                    .position(|&(a, b, _)| (a, b) == (from, to) || (a, b) == (to, from));
                let previous = existing.map(|i| self.ties[i].2);
                match (existing, kind) {
                    (Some(i), TieKind::Broken) => {
                        self.ties.remove(i);
                    }
                    (Some(i), _) => self.ties[i].2 = kind,
                    (None, TieKind::Broken) => {}
                    (None, _) => self.ties.push((from, to, kind)),
                }
                if previous != Some(kind) {
                    events.push(Event::Tie {
                        from,
                        to,
                        kind,
                        previous,
                    });
                }
            }
            Fx::Raise { issue, level } => {
                let previous = self.issues[issue as usize];
                // An issue only climbs; safeguarding sits beside the ladder and wins.
                if previous.is_none_or(|p| level > p) {
                    self.issues[issue as usize] = Some(level);
                    events.push(Event::Raised {
                        issue,
                        level,
                        previous,
                    });
                }
            }
            Fx::SetFlag(_) | Fx::ClearFlag(_) | Fx::Add(..) | Fx::Set(..) => {}
        }
    }

    /// On entering a node: its phase, its line (a mood's if one holds), and its ending.
    fn arrive(&mut self, events: &mut Vec<Event>) {
        let node = self.state.node;
        let source = &self.scenario.source.nodes[node as usize];
        let previous_phase = self
            .steps
            .last()
            .map(|s| self.scenario.source.nodes[s.node as usize].phase);
        if previous_phase != Some(source.phase) {
            events.push(Event::Phase(source.phase));
        }
        let compiled = &self.scenario.nodes[node as usize];
        let mood = compiled
            .moods
            .iter()
            .position(|conds| self.state.all_hold(conds));
        let text = match mood {
            Some(m) => {
                let n = source.moods[m].text.len().max(1) as u32;
                TextRef::Mood {
                    node,
                    mood: m as u32,
                    variant: self.rng.random_range(0..n),
                }
            }
            None => {
                let n = source.text.len().max(1) as u32;
                TextRef::Node {
                    node,
                    variant: self.rng.random_range(0..n),
                }
            }
        };
        events.push(self.line(node, text));
        for (turn, &speaker) in compiled.turns.iter().enumerate() {
            events.push(Event::Line {
                speaker,
                text: TextRef::Turn {
                    node,
                    choice: None,
                    turn: turn as u32,
                },
            });
        }
        if let Some(ending) = &source.ending {
            self.ended = Some(node);
            events.push(Event::Ended {
                node,
                outcome: ending.outcome,
            });
        }
    }

    fn refresh_open(&mut self) {
        if self.ended.is_some() {
            self.open.clear();
        } else {
            self.state.open_choices(&self.scenario, &mut self.open);
            let node = &self.scenario.nodes[self.state.node as usize];
            if self.order == Order::Shuffled && !node.keep_order && self.open.len() > 1 {
                // Each rank worked out once, not at every comparison of the sort.
                let seed = self.seed;
                self.ranked.clear();
                self.ranked.extend(
                    self.open
                        .iter()
                        .map(|&i| (shown_rank(seed, node.choices[i as usize].order_key), i)),
                );
                self.ranked.sort_unstable();
                self.open.clear();
                self.open.extend(self.ranked.iter().map(|&(_, i)| i));
            }
        }
    }

    /// The text a reference points at.
    pub fn text(&self, r: TextRef) -> &Text {
        text_of(&self.scenario, r)
    }

    /// The reason of a feedback (the `Score` effect's reason).
    pub fn reason(&self, e: EffectRef) -> &Text {
        reason_of(&self.scenario, e)
    }
}

static EMPTY: Text = Text {
    ja: String::new(),
    en: String::new(),
};

pub fn text_of(s: &Compiled, r: TextRef) -> &Text {
    let nodes = &s.source.nodes;
    let found = match r {
        TextRef::Node { node, variant } => nodes[node as usize].text.get(variant as usize),
        TextRef::Mood {
            node,
            mood,
            variant,
        } => nodes[node as usize].moods[mood as usize]
            .text
            .get(variant as usize),
        TextRef::Choice { node, choice } => {
            Some(&nodes[node as usize].choices[choice as usize].text)
        }
        TextRef::Reply {
            node,
            choice,
            branch,
        } => {
            let c = &nodes[node as usize].choices[choice as usize];
            match (branch, &c.chance) {
                (None, _) => c.reply.as_ref(),
                (Some(true), Some(ch)) => ch.success.reply.as_ref(),
                (Some(false), Some(ch)) => ch.failure.reply.as_ref(),
                (Some(_), None) => None,
            }
        }
        TextRef::Turn { node, choice, turn } => {
            let n = &nodes[node as usize];
            let turns = match choice {
                Some(c) => &n.choices[c as usize].turns,
                None => &n.turns,
            };
            turns.get(turn as usize).map(|t| &t.text)
        }
    };
    found.unwrap_or(&EMPTY)
}

pub fn reason_of(s: &Compiled, e: EffectRef) -> &Text {
    let c = s.choice_source(e.node, e.choice);
    let effects = match (e.branch, &c.chance) {
        (None, _) => &c.effects,
        (Some(true), Some(ch)) => &ch.success.effects,
        (Some(false), Some(ch)) => &ch.failure.effects,
        (Some(_), None) => return &EMPTY,
    };
    match effects.get(e.index as usize) {
        Some(crate::core::model::Effect::Score { reason, .. }) => reason,
        _ => &EMPTY,
    }
}
