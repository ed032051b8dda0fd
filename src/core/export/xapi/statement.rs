//! xAPI 1.0.3 statements as tsunagu writes them: `answered` for each decision, `completed`
//! for a session that reached an ending. Plain serde structs, so that a statement can be
//! written with `serde_json`, sent to a learning record store on its own, and read back.
//! Fields a store adds (`stored`, `authority`, `version`…) are ignored when reading.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::core::engine::Mode;
use crate::core::model::{Lang, Text};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    /// The same on every export of the same decision (stable parts only, see `xapi::ids`).
    pub id: Uuid,
    pub actor: Agent,
    pub verb: Verb,
    pub object: Activity,
    pub result: StatementResult,
    pub context: Context,
    /// RFC 3339 in UTC with milliseconds: the session's start plus the seconds taken so far.
    pub timestamp: String,
}

/// The trainee: by name, or by a pseudonym that is stable on one computer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agent {
    #[serde(rename = "objectType")]
    pub object_type: String,
    pub name: String,
    pub account: Account,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Account {
    #[serde(rename = "homePage")]
    pub home_page: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verb {
    pub id: String,
    pub display: LanguageMap,
}

/// Text in both of the game's languages.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LanguageMap {
    #[serde(rename = "ja-JP", default)]
    pub ja: String,
    #[serde(rename = "en-US", default)]
    pub en: String,
}

impl From<&Text> for LanguageMap {
    fn from(t: &Text) -> Self {
        LanguageMap {
            ja: t.get(Lang::Ja).to_owned(),
            en: t.get(Lang::En).to_owned(),
        }
    }
}

/// A scenario, a decision point of one, or a class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Activity {
    #[serde(rename = "objectType")]
    pub object_type: String,
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<ActivityDefinition>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActivityDefinition {
    pub name: LanguageMap,
    pub description: LanguageMap,
    #[serde(rename = "type")]
    pub kind: String,
    /// `choice` for a decision point.
    #[serde(
        rename = "interactionType",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub interaction_type: Option<String>,
    /// Every choice of a decision point, in the scenario's order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choices: Option<Vec<InteractionComponent>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InteractionComponent {
    pub id: String,
    pub description: LanguageMap,
}

/// The statement's `result`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatementResult {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<Score>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completion: Option<bool>,
    /// The id of the choice taken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<String>,
    /// ISO 8601, in seconds to 0.01 s (the precision a store must keep): `PT3.75S`.
    pub duration: String,
    pub extensions: ResultExtensions,
}

/// The total of all competencies: `min` and `max` from the scenario's analysis (when it
/// has exact ones), `scaled` = raw/max above zero and raw/|min| below it, within -1..1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Score {
    pub raw: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scaled: Option<f64>,
}

/// What a decision or a session earned and how. The keys are IRIs (xAPI asks for them):
/// `{HOME}/xapi/extensions/…` and, per competency, `{HOME}/xapi/competencies/{id}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ResultExtensions {
    /// Where the option taken was shown (1 = first); none for a log made before options
    /// were shuffled.
    #[serde(
        rename = "https://tsunagu.example/xapi/extensions/position",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub position: Option<u32>,
    /// How many options were shown (with `position`).
    #[serde(
        rename = "https://tsunagu.example/xapi/extensions/options",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub options: Option<u32>,
    /// The choice taken kept the best total attainable (when the analysis can say).
    #[serde(
        rename = "https://tsunagu.example/xapi/extensions/best-choice",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub best_choice: Option<bool>,
    /// Points the choice gave up against the best one (absent when unbounded).
    #[serde(
        rename = "https://tsunagu.example/xapi/extensions/points-given-up",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub points_given_up: Option<i64>,
    /// The ending node reached (`completed` only).
    #[serde(
        rename = "https://tsunagu.example/xapi/extensions/ending",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub ending: Option<String>,
    /// The ending's outcome, `Good`, `Mixed` or `Poor` (`completed` only).
    #[serde(
        rename = "https://tsunagu.example/xapi/extensions/outcome",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub outcome: Option<String>,
    /// Points per competency IRI: the decision's (`answered`) or the session's (`completed`).
    #[serde(flatten)]
    pub points: BTreeMap<String, i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Context {
    /// One per session, from stable parts: every statement of a session shares it.
    pub registration: Uuid,
    #[serde(
        rename = "contextActivities",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub context_activities: Option<ContextActivities>,
    pub platform: String,
    /// The language the session was played in (`ja-JP`, `en-US`).
    pub language: String,
    pub extensions: ContextExtensions,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ContextActivities {
    /// A decision's scenario.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<Vec<Activity>>,
    /// The class the session was played in: `{HOME}/classes/{code}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grouping: Option<Vec<Activity>>,
}

/// Everything needed to rebuild the session's log from its statements.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContextExtensions {
    /// As text: a 64-bit seed does not fit a JSON number exactly.
    #[serde(rename = "https://tsunagu.example/xapi/extensions/seed")]
    pub seed: String,
    #[serde(rename = "https://tsunagu.example/xapi/extensions/scenario")]
    pub scenario: String,
    #[serde(rename = "https://tsunagu.example/xapi/extensions/scenario-hash")]
    pub scenario_hash: String,
    #[serde(rename = "https://tsunagu.example/xapi/extensions/scenario-version")]
    pub scenario_version: u32,
    #[serde(rename = "https://tsunagu.example/xapi/extensions/mode")]
    pub mode: Mode,
    #[serde(rename = "https://tsunagu.example/xapi/extensions/lang")]
    pub lang: Lang,
    /// The session log's format (1: options shown as written, 2: shuffled).
    #[serde(rename = "https://tsunagu.example/xapi/extensions/log-format")]
    pub log_format: u32,
    /// Seconds since 1970 (UTC) when the session started.
    #[serde(rename = "https://tsunagu.example/xapi/extensions/started")]
    pub started: u64,
    /// The decision's number, 1, 2, … (`answered` only).
    #[serde(
        rename = "https://tsunagu.example/xapi/extensions/step",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub step: Option<usize>,
}
