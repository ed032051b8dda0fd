//! What the checks say, as typed values: one `Msg` per kind of problem with the data it
//! needs, rendered in the reader's language (`en.rs`, `ja.rs`). A check builds a `Msg`
//! and never a sentence, so every message exists in both languages; a new kind is a new
//! variant here and an arm in each renderer (the compiler points at both).

mod en;
mod ja;

use ron::error::Error as RonError;

use super::length_cues::Cue;
use super::model::Lang;
use super::strategy::Strategy;

/// Something that has an id in a scenario: what an unknown or duplicate id is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    Node,
    Choice,
    Flag,
    Variable,
    Competency,
    Character,
    Issue,
    /// A character, resource or note: they share one name space.
    Entity,
}

/// A player-facing text, for the translation and length warnings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextField {
    Title,
    Summary,
    Goal,
    CastName(String),
    ResourceName(String),
    NoteText(String),
    /// `place`, `time` or `words` of a note of observed fact.
    NoteFact {
        id: String,
        field: String,
    },
    IssueTitle(String),
    Line,
    Mood,
    EndingTitle,
    ChoiceText,
    Reply,
    Reason,
}

/// Why conditions can never hold, from the variables' ranges alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contradiction {
    /// `Flag(f)` and `NotFlag(f)` together.
    BothFlag { flag: String },
    /// No condition of an `Any` can hold.
    NoAnyHolds,
    /// Tests (as written) on a variable that stays within `lo..=hi`.
    OutOfRange {
        asked: Vec<String>,
        var: String,
        lo: i32,
        hi: i32,
    },
}

/// A character typed by an input method where RON needs its ASCII form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WideChar {
    pub found: char,
    pub meant: char,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    // Reading the file.
    CannotRead {
        reason: String,
    },
    TooLarge {
        size: u64,
    },
    NotUtf8,
    /// ron's own parse error, explained.
    Syntax(Box<RonError>),
    /// A full-width character outside a text.
    WideChar(WideChar),
    /// A `"` inside a text ends it early.
    QuoteInText,

    // Structure.
    Duplicate {
        kind: IdKind,
        id: String,
    },
    MinAboveMax {
        id: String,
        min: i32,
        max: i32,
    },
    ManyPeople {
        count: usize,
    },
    NoPerson,
    NoText,
    EndingWithChoices,
    NeitherContinueNorEnd,
    KeepOrderOneChoice,
    NegativeMinutes {
        minutes: i32,
    },
    ChanceOutOfRange {
        percent: i32,
    },
    // Conditions that can never hold. `explored`: the analysis saw every reachable state
    // (otherwise only what the variables' ranges rule out is reported).
    NeverOffered {
        why: Option<Contradiction>,
        explored: bool,
    },
    MoodNeverSaid {
        /// From 0.
        index: usize,
        why: Option<Contradiction>,
        explored: bool,
    },
    RaiseNeverMoves {
        issue: String,
        /// The rungs as written in RON (`Secretariat`…).
        level: String,
        already: String,
        /// `already` is `Safeguarding`, above every rung.
        top: bool,
    },
    // Notes of observed fact.
    FactLacks {
        id: String,
        fields: Vec<String>,
    },
    OnlyFacts {
        id: String,
        fields: Vec<String>,
    },
    ScoreWithoutReason,
    MissingTranslation {
        field: TextField,
        langs: Vec<Lang>,
    },

    // References.
    Unknown {
        kind: IdKind,
        id: String,
        suggestion: Option<String>,
    },
    UnknownCompetency {
        id: String,
        known: Vec<String>,
        suggestion: Option<String>,
    },
    SpeakerNotCast {
        id: String,
    },
    NotAVoice {
        id: String,
        suggestion: Option<String>,
    },

    // Scenes.
    SceneNoBudget,
    SceneSharesLoop {
        other: String,
    },
    OverInsideScene {
        over: String,
    },
    ChoiceLongerThanScene {
        minutes: i32,
        scene: i32,
    },
    SceneCannotBeSpent {
        minutes: i32,
        most: i64,
    },
    SceneTooRoomy {
        minutes: i32,
        questions: i64,
    },
    MinutesOutsideScene,

    // Paths.
    NoEnding,
    Stuck,
    NeverLedTo,
    NeverReachable,
    Unbounded {
        competency: String,
    },
    NeverEarned {
        competency: String,
    },
    LengthCue {
        cue: Cue,
        hits: usize,
        decisions: usize,
        expected: f64,
        p_value: f64,
        nodes: Vec<String>,
    },

    // Lints.
    TooLong {
        field: TextField,
        count: usize,
        text_lang: Lang,
        max: usize,
    },
    FlagNeverSet {
        flag: String,
        set: Vec<String>,
        suggestion: Option<String>,
    },
    FlagNeverRead {
        flag: String,
        cleared: bool,
        read: Vec<String>,
    },
    VariableUnused {
        id: String,
    },
    ReasonWithoutPrinciple {
        points: i32,
        competency: String,
        langs: Vec<Lang>,
    },

    // Naive strategies (`tsunagu validate` only).
    NaiveShare {
        strategy: Strategy,
        runs: u32,
        shares: Vec<(String, f64)>,
        max: f64,
    },
    NaiveGood {
        strategy: Strategy,
        runs: u32,
        good: f64,
        limit: Option<f64>,
    },
}

impl Msg {
    pub fn render(&self, lang: Lang) -> String {
        match lang {
            Lang::Ja => ja::render(self),
            Lang::En => en::render(self),
        }
    }
}

/// `a`, `b`, `c` in backquotes.
fn quoted(ids: &[String]) -> String {
    ids.iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `ja` or `en` codes, joined by `sep`.
fn codes(langs: &[Lang], sep: &str) -> String {
    langs
        .iter()
        .map(|l| format!("`{}`", l.code()))
        .collect::<Vec<_>>()
        .join(sep)
}
