//! The scenario as an instructor writes it in RON. Plain data: every type here is what the
//! file says, with ids as strings. `compile.rs` turns it into the indexed form the engine runs.

use serde::{Deserialize, Serialize};

/// A player-facing string in both languages. A missing language is an empty string, which
/// the validator reports (it is a warning, not a parse error, so a draft still loads).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    #[serde(default)]
    pub ja: String,
    #[serde(default)]
    pub en: String,
}

impl Text {
    pub fn new(ja: &str, en: &str) -> Self {
        Text {
            ja: ja.to_owned(),
            en: en.to_owned(),
        }
    }

    /// The text in `lang`, falling back to the other language rather than showing nothing.
    pub fn get(&self, lang: Lang) -> &str {
        let (first, second) = match lang {
            Lang::Ja => (&self.ja, &self.en),
            Lang::En => (&self.en, &self.ja),
        };
        if first.is_empty() { second } else { first }
    }

    /// Neither language written: a field left out.
    pub fn is_empty(&self) -> bool {
        self.ja.is_empty() && self.en.is_empty()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Ja,
    En,
}

impl Lang {
    /// The words of this language: `ja` or `en`. The one place a pair is chosen from.
    pub fn pick<'a>(self, ja: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Ja => ja,
            Lang::En => en,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "ja" => Ok(Lang::Ja),
            "en" => Ok(Lang::En),
            other => Err(format!("unknown language `{other}`: expected `ja` or `en`")),
        }
    }
}

/// The whole scenario file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub id: String,
    #[serde(default = "one")]
    pub version: u32,
    pub title: Text,
    pub summary: Text,
    #[serde(default)]
    pub goals: Vec<Text>,
    #[serde(default = "fifteen")]
    pub minutes: u32,
    /// Competencies beyond the four built-in ones (strengths, needs, community, escalation).
    #[serde(default)]
    pub rubric: Vec<Competency>,
    /// People: the person at the centre of the ecomap has role `Person`.
    pub cast: Vec<Character>,
    #[serde(default)]
    pub resources: Vec<Resource>,
    /// Strengths, needs and demands the specialist can discover (the case notes).
    #[serde(default)]
    pub notes: Vec<Note>,
    /// Issues that can be raised up the escalation ladder.
    #[serde(default)]
    pub issues: Vec<Issue>,
    #[serde(default)]
    pub variables: Vec<Variable>,
    /// Ecomap ties at the start, before anything is discovered.
    #[serde(default)]
    pub ties: Vec<TieSpec>,
    pub start: String,
    pub nodes: Vec<Node>,
}

// Defaults left out when a scenario is written (as by the generator), as authors do.
fn is_false(b: &bool) -> bool {
    !*b
}

fn is_zero(x: &i32) -> bool {
    *x == 0
}

fn one() -> u32 {
    1
}
fn fifteen() -> u32 {
    15
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Competency {
    pub id: String,
    pub name: Text,
    #[serde(default)]
    pub description: Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    /// The person the support is for: the centre of the ecomap.
    Person,
    Family,
    Guardian,
    Provider,
    Municipality,
    Community,
}

/// The rings of the ecomap, from the person outwards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Ring {
    Micro,
    Meso,
    Macro,
}

impl Ring {
    /// The ring's name and who is on it.
    pub fn name(self) -> Text {
        let (ja, en) = match self {
            Ring::Micro => ("ミクロ（身近な人）", "micro (close people)"),
            Ring::Meso => ("メゾ（地域・仲間）", "meso (neighbourhood, peers)"),
            Ring::Macro => ("マクロ（制度・行政）", "macro (services)"),
        };
        Text::new(ja, en)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Character {
    pub id: String,
    pub name: Text,
    pub role: Role,
    #[serde(default = "micro")]
    pub ring: Ring,
    /// Hidden people appear on the ecomap only once revealed.
    #[serde(default)]
    pub hidden: bool,
}

fn micro() -> Ring {
    Ring::Micro
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ResourceKind {
    Formal,
    Informal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resource {
    pub id: String,
    pub name: Text,
    pub kind: ResourceKind,
    pub ring: Ring,
    #[serde(default)]
    pub description: Text,
    /// Resources are hidden until discovered unless said otherwise.
    #[serde(default = "yes")]
    pub hidden: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NoteKind {
    Strength,
    Need,
    Demand,
    /// An observed fact (記録): what was seen, where and when, and the person's own words,
    /// kept apart from any interpretation (a safeguarding report rests on them).
    Fact,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub id: String,
    pub kind: NoteKind,
    /// What was seen or heard (for a `Fact`, without interpretation).
    pub text: Text,
    /// A `Fact`'s place: where it was seen or said.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub place: Text,
    /// A `Fact`'s time: when it was seen or said.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub time: Text,
    /// A `Fact`'s quotation: the person's own words, as said (without quotation marks).
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub words: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Issue {
    pub id: String,
    pub title: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variable {
    pub id: String,
    #[serde(default)]
    pub name: Text,
    #[serde(default)]
    pub initial: i32,
    #[serde(default)]
    pub min: i32,
    #[serde(default = "ten")]
    pub max: i32,
}

fn ten() -> i32 {
    10
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TieKind {
    Strong,
    Weak,
    Strained,
    /// No tie: removes one.
    Broken,
}

impl TieKind {
    pub fn name(self) -> Text {
        let (ja, en) = match self {
            TieKind::Strong => ("強いつながり", "strong tie"),
            TieKind::Weak => ("弱いつながり", "weak tie"),
            TieKind::Strained => ("ぎくしゃくした関係", "strained tie"),
            TieKind::Broken => ("つながりが切れた", "tie broken"),
        };
        Text::new(ja, en)
    }
}

/// A tie on the ecomap. `from` defaults to the person at the centre.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TieSpec {
    #[serde(default)]
    pub from: Option<String>,
    pub to: String,
    pub kind: TieKind,
}

/// The care-management cycle (ケアマネジメント・プロセス).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Phase {
    Intake,
    Assessment,
    Planning,
    Intervention,
    Monitoring,
    Evaluation,
    Termination,
}

impl Phase {
    pub const ALL: [Phase; 7] = [
        Phase::Intake,
        Phase::Assessment,
        Phase::Planning,
        Phase::Intervention,
        Phase::Monitoring,
        Phase::Evaluation,
        Phase::Termination,
    ];

    pub fn name(self) -> Text {
        let (ja, en) = match self {
            Phase::Intake => ("インテーク", "Intake"),
            Phase::Assessment => ("アセスメント", "Assessment"),
            Phase::Planning => ("計画作成", "Planning"),
            Phase::Intervention => ("支援の実施", "Intervention"),
            Phase::Monitoring => ("モニタリング", "Monitoring"),
            Phase::Evaluation => ("評価", "Evaluation"),
            Phase::Termination => ("終結", "Termination"),
        };
        Text::new(ja, en)
    }
}

/// The escalation ladder, from the individual case up to the council's plenary. Urgent
/// safeguarding is its own rung: it goes straight to the municipality.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Level {
    /// Noticed as an issue of this individual case (個別課題).
    Individual,
    /// The individual support meeting (個別支援会議).
    SupportMeeting,
    /// The council's steering/secretariat meeting (自立支援協議会 運営会議).
    Secretariat,
    /// A working group of the council (専門部会).
    WorkingGroup,
    /// The council's plenary (全体会).
    Plenary,
    /// Urgent safeguarding: the municipal abuse-prevention centre (虐待防止センター).
    Safeguarding,
}

impl Level {
    pub const LADDER: [Level; 5] = [
        Level::Individual,
        Level::SupportMeeting,
        Level::Secretariat,
        Level::WorkingGroup,
        Level::Plenary,
    ];

    pub fn name(self) -> Text {
        let (ja, en) = match self {
            Level::Individual => ("個別課題", "Individual case"),
            Level::SupportMeeting => ("個別支援会議", "Individual support meeting"),
            Level::Secretariat => ("協議会 運営会議", "Council secretariat"),
            Level::WorkingGroup => ("専門部会", "Working group"),
            Level::Plenary => ("全体会", "Plenary"),
            Level::Safeguarding => ("虐待防止センターへ通報", "Urgent safeguarding"),
        };
        Text::new(ja, en)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Node {
    pub id: String,
    /// A cast id; none for narration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    pub phase: Phase,
    /// What is said on arriving here; with several, one is picked at random.
    pub text: Vec<Text>,
    /// Texts said instead when their conditions hold (the first that holds wins): how an
    /// NPC reacts to the way they have been treated.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub moods: Vec<Mood>,
    /// A meeting: who is in the room (cast ids). Shown beside the conversation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub present: Vec<String>,
    /// Lines said in turn after the node's text, each by someone of the cast (or the
    /// narrator): the other voices of a meeting.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub turns: Vec<Turn>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<Choice>,
    /// A node with an ending closes the session; it has no choices.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ending: Option<Ending>,
    /// Show the choices in the order written (steps that must come in that order). By
    /// default each session shows them in its own shuffled order, so that a position on
    /// the screen says nothing about which answer is good.
    #[serde(default, skip_serializing_if = "is_false")]
    pub keep_order: bool,
    /// A scene with a clock (a home visit, a phone call, a meeting): this node and every
    /// node the conversation can come back to it from share `minutes`, which the choices
    /// spend.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scene: Option<Scene>,
}

/// The time a scene has. A choice that costs more minutes than are left is not offered;
/// once they are spent the scene ends and the conversation goes to `over`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scene {
    /// What the scene is, shown beside the time left ("home visit").
    #[serde(default)]
    pub name: Text,
    pub minutes: i32,
    /// The node the conversation goes to when the time is spent (outside the scene).
    pub over: String,
}

/// Who says a turn or a reply that is not the node's speaker's: a cast id, or this word for
/// narration.
pub const NARRATOR: &str = "narrator";

/// One line of a meeting, said by `by` (a cast id, or `"narrator"`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Turn {
    pub by: String,
    pub text: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mood {
    pub when: Vec<Condition>,
    pub text: Vec<Text>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Outcome {
    /// The person's life moves the way they want, with support around them.
    Good,
    Mixed,
    Poor,
}

impl Outcome {
    /// The short name the command line prints beside an ending.
    pub fn name(self) -> Text {
        let (ja, en) = match self {
            Outcome::Good => ("良い結末", "Good"),
            Outcome::Mixed => ("課題の残る結末", "Mixed"),
            Outcome::Poor => ("よくない結末", "Poor"),
        };
        Text::new(ja, en)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ending {
    pub title: Text,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// Unique within its node.
    pub id: String,
    /// What the specialist says or does.
    pub text: Text,
    /// All must hold for the choice to be offered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub when: Vec<Condition>,
    /// Offered only until it has been taken once.
    #[serde(default, skip_serializing_if = "is_false")]
    pub once: bool,
    /// Minutes of the scene's time this choice takes (see `Node::scene`).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub minutes: i32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub effects: Vec<Effect>,
    /// What the node's speaker answers, before moving on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply: Option<Text>,
    /// Who says the reply, when not the node's speaker: a cast id, or `"narrator"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_by: Option<String>,
    /// Lines said in turn after the reply (others in a meeting answering too).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub turns: Vec<Turn>,
    /// Where the conversation goes; none stays on this node (a hub).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goto: Option<String>,
    /// An outcome that succeeds with a probability; applied after `effects`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chance: Option<Chance>,
}

impl Choice {
    /// Every effect it may have: its own, then those of both chance outcomes.
    pub fn all_effects(&self) -> impl Iterator<Item = &Effect> {
        self.effects.iter().chain(
            self.chance
                .iter()
                .flat_map(|ch| ch.success.effects.iter().chain(&ch.failure.effects)),
        )
    }

    /// Everything said after it: its reply, the chance outcomes' replies, and the turns.
    pub fn replies(&self) -> impl Iterator<Item = &Text> {
        self.reply
            .iter()
            .chain(
                self.chance
                    .iter()
                    .flat_map(|ch| ch.success.reply.iter().chain(ch.failure.reply.iter())),
            )
            .chain(self.turns.iter().map(|t| &t.text))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Chance {
    /// Probability of success in percent before `per_point`.
    pub percent: i32,
    /// A variable that shifts the probability: `per_point` percent for each point of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub var: Option<String>,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub per_point: i32,
    pub success: Branch,
    pub failure: Branch,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Branch {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub effects: Vec<Effect>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply: Option<Text>,
    /// Overrides the choice's `goto` when present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goto: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Condition {
    Flag(String),
    NotFlag(String),
    /// The variable is at least the value.
    AtLeast(String, i32),
    /// The variable is at most the value.
    AtMost(String, i32),
    Visited(String),
    NotVisited(String),
    /// Any one of these holds.
    Any(Vec<Condition>),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Effect {
    /// Points for (or, negative, against) a competency, with the reason naming the principle.
    Score {
        competency: String,
        points: i32,
        reason: Text,
    },
    SetFlag(String),
    ClearFlag(String),
    /// Add to a variable (negative to subtract); kept within its min and max.
    Add(String, i32),
    Set(String, i32),
    /// Reveal a note, a character or a resource.
    Reveal(String),
    /// Add or change a tie on the ecomap.
    Tie {
        #[serde(default)]
        from: Option<String>,
        to: String,
        kind: TieKind,
    },
    /// Raise an issue to a rung of the escalation ladder.
    Raise {
        issue: String,
        level: Level,
    },
}

/// The competencies every scenario is scored on.
pub const CORE_COMPETENCIES: [&str; 4] = ["strengths", "needs", "community", "escalation"];

pub fn core_competency_name(id: &str) -> Option<Text> {
    let (ja, en) = match id {
        "strengths" => ("ストレングス", "Strengths"),
        "needs" => ("デマンドとニーズ", "Needs"),
        "community" => ("地域資源", "Community"),
        "escalation" => ("地域課題へ", "Escalation"),
        _ => return None,
    };
    Some(Text::new(ja, en))
}
