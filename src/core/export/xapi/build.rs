//! Statements from played logs. Every statement depends only on its own session (its log,
//! scenario and replay) and the options, never on the other logs exported with it: the
//! statement sent after a decision is the one a later export of the whole log holds.

use uuid::Uuid;

use super::iri::{
    ANSWERED, COMPLETED, HOME, INTERACTION, SIMULATION, class_iri, competency_iri, node_iri,
    scenario_iri, stable_uuid,
};
use super::pseudonym::pseudonym;
use super::statement::*;
use super::time::{duration, moment, sane, timestamp};
use crate::core::analysis::UNBOUNDED;
use crate::core::compile::Compiled;
use crate::core::debrief::{Debrief, Replay};
use crate::core::export::Report;
use crate::core::log::SessionLog;
use crate::core::model::{Lang, Text};

/// How statements name their trainee and class.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct XapiOptions {
    /// The language of the trainee's label when pseudonymised or without a name.
    pub lang: Lang,
    /// Pseudonymise trainees, keyed by this installation id (`core::data::installation_id`).
    pub pseudonym_key: Option<String>,
    /// A class code: every statement's `context.contextActivities.grouping` names
    /// `{HOME}/classes/{code}`.
    pub class: Option<String>,
}

/// Every statement of every played log: for each log its `answered` statements in order,
/// then its `completed` one.
pub fn statements(r: &Report, o: &XapiOptions) -> Vec<Statement> {
    (0..r.debrief.played.len())
        .flat_map(|i| session_statements(r.debrief, i, &r.replays[i], o))
        .collect()
}

/// The statements as a JSON array, one per line block, ending with a line break.
pub fn write(r: &Report, o: &XapiOptions) -> String {
    let mut out = serde_json::to_string_pretty(&statements(r, o))
        .expect("statements are plain data and always serialise");
    out.push('\n');
    out
}

/// The `answered` statement of a played log's decision `number` (1 for the first); none
/// when the log has no such decision that fits its scenario.
pub fn statement_for_step(
    d: &Debrief,
    played: usize,
    number: usize,
    o: &XapiOptions,
) -> Option<Statement> {
    let replay = d.replay(played);
    let k = number.checked_sub(1).filter(|&k| k < replay.steps.len())?;
    Some(Parts::new(d, played, o).answered(&replay, k))
}

/// The `completed` statement of a played log; none when it has not reached an ending.
pub fn completed_statement(d: &Debrief, played: usize, o: &XapiOptions) -> Option<Statement> {
    Parts::new(d, played, o).completed(d, played, &d.replay(played))
}

/// One played log's statements, given its replay.
pub fn session_statements(
    d: &Debrief,
    played: usize,
    replay: &Replay,
    o: &XapiOptions,
) -> Vec<Statement> {
    let parts = Parts::new(d, played, o);
    let mut out: Vec<Statement> = (0..replay.steps.len())
        .map(|k| parts.answered(replay, k))
        .collect();
    out.extend(parts.completed(d, played, replay));
    out
}

/// The session `registration`: one UUID per session, from parts that never change once
/// it has started (the trainee's account too: two computers may start the same seed in
/// the same second).
pub fn registration(log: &SessionLog, account: &str) -> Uuid {
    stable_uuid(&[
        "registration",
        &log.scenario,
        &log.scenario_hash,
        &log.seed.to_string(),
        &log.started.to_string(),
        account,
    ])
}

/// The trainee as statements name them: their name, or a pseudonym stable on this
/// installation.
pub fn agent(log: &SessionLog, o: &XapiOptions) -> Agent {
    let tr = |ja: &str, en: &str| match o.lang {
        Lang::Ja => ja.to_owned(),
        Lang::En => en.to_owned(),
    };
    let (name, account) = match &o.pseudonym_key {
        Some(key) => {
            let p = pseudonym(key, &log.trainee);
            (format!("{}{p}", tr("受講者 ", "Trainee ")), p)
        }
        None if log.trainee.trim().is_empty() => {
            (tr("（名前なし）", "(no name)"), "trainee".into())
        }
        None => (log.trainee.clone(), log.trainee.clone()),
    };
    Agent {
        object_type: "Agent".into(),
        name,
        account: Account {
            home_page: HOME.into(),
            name: account,
        },
    }
}

/// What every statement of one session shares.
struct Parts<'a> {
    log: &'a SessionLog,
    c: &'a Compiled,
    actor: Agent,
    registration: Uuid,
    class: Option<Activity>,
}

impl<'a> Parts<'a> {
    fn new(d: &'a Debrief, played: usize, o: &XapiOptions) -> Self {
        let log = &d.played[played].log;
        let actor = agent(log, o);
        Parts {
            registration: registration(log, &actor.account.name),
            log,
            c: d.compiled(played),
            actor,
            class: o.class.as_deref().map(|code| Activity {
                object_type: "Activity".into(),
                id: class_iri(code),
                definition: None,
            }),
        }
    }

    /// A statement's id: the session's stable parts, the trainee, and which statement.
    fn id(&self, which: &[&str]) -> Uuid {
        let mut parts = vec![
            "statement",
            &self.log.scenario,
            &self.log.scenario_hash,
            &self.actor.account.name,
        ];
        let (seed, started) = (self.log.seed.to_string(), self.log.started.to_string());
        parts.extend([seed.as_str(), started.as_str()]);
        parts.extend(which);
        stable_uuid(&parts)
    }

    fn context(&self, step: Option<usize>) -> Context {
        let log = self.log;
        // A decision's parent is its scenario (a completion's object is the scenario).
        let parent = step.map(|_| vec![scenario_activity(self.c)]);
        let grouping = self.class.clone().map(|a| vec![a]);
        Context {
            registration: self.registration,
            context_activities: (parent.is_some() || grouping.is_some())
                .then_some(ContextActivities { parent, grouping }),
            platform: "tsunagu".into(),
            language: match log.lang {
                Lang::Ja => "ja-JP",
                Lang::En => "en-US",
            }
            .into(),
            extensions: ContextExtensions {
                seed: log.seed.to_string(),
                scenario: log.scenario.clone(),
                scenario_hash: log.scenario_hash.clone(),
                scenario_version: log.scenario_version,
                mode: log.mode,
                lang: log.lang,
                log_format: log.format,
                started: log.started,
                step,
            },
        }
    }

    fn at(&self, elapsed: f64) -> String {
        timestamp(moment(self.log.started, elapsed))
    }

    /// The `answered` statement of the replay's step `k` (0 for the first).
    fn answered(&self, replay: &Replay, k: usize) -> Statement {
        let st = &replay.steps[k];
        let elapsed: f64 = replay.steps[..=k].iter().map(|s| sane(s.seconds)).sum();
        let comparison = st.comparison.as_ref();
        let extensions = ResultExtensions {
            position: st.position,
            options: st.position.map(|_| st.options.len() as u32),
            best_choice: comparison.map(|c| c.taken_is_best()),
            points_given_up: comparison.map(|c| c.lost).filter(|&l| l < UNBOUNDED),
            points: points(self.c, &st.points),
            ..Default::default()
        };
        Statement {
            id: self.id(&["answered", &st.number.to_string()]),
            actor: self.actor.clone(),
            verb: verb(ANSWERED, "answered", "回答した"),
            object: node_activity(self.c, st.node),
            result: StatementResult {
                score: None,
                completion: None,
                response: Some(st.taken_id.clone()),
                duration: duration(sane(st.seconds)),
                extensions,
            },
            context: self.context(Some(st.number)),
            timestamp: self.at(elapsed),
        }
    }

    /// The `completed` statement, when the session reached an ending.
    fn completed(&self, d: &Debrief, played: usize, replay: &Replay) -> Option<Statement> {
        let ending = replay.ending.as_ref()?;
        let p = &d.played[played];
        let elapsed: f64 = replay.steps.iter().map(|s| sane(s.seconds)).sum();
        let scores = p.session().scores();
        let raw: i64 = scores.iter().map(|&x| x as i64).sum();
        let analysis = d.scenarios[p.scenario].analysis.as_ref();
        let min = analysis
            .filter(|a| a.worst.iter().all(|&w| w > -UNBOUNDED))
            .map(|a| a.worst.iter().sum());
        let max = d
            .best_path_points(p.scenario)
            .filter(|_| analysis.is_some_and(|a| a.unbounded.is_empty()))
            .map(|b| b.iter().map(|&x| x as i64).sum());
        Some(Statement {
            id: self.id(&["completed"]),
            actor: self.actor.clone(),
            verb: verb(COMPLETED, "completed", "完了した"),
            object: scenario_activity(self.c),
            result: StatementResult {
                score: Some(score(raw, min, max)),
                completion: Some(true),
                response: None,
                duration: duration(elapsed),
                extensions: ResultExtensions {
                    ending: Some(ending.node_id.clone()),
                    outcome: Some(format!("{:?}", ending.outcome)),
                    points: points(self.c, scores),
                    ..Default::default()
                },
            },
            context: self.context(None),
            timestamp: self.at(elapsed),
        })
    }
}

fn scenario_activity(c: &Compiled) -> Activity {
    Activity {
        object_type: "Activity".into(),
        id: scenario_iri(&c.source.id),
        definition: Some(ActivityDefinition {
            name: (&c.source.title).into(),
            description: (&c.source.summary).into(),
            kind: SIMULATION.into(),
            interaction_type: None,
            choices: None,
        }),
    }
}

fn node_activity(c: &Compiled, node: u32) -> Activity {
    let n = &c.source.nodes[node as usize];
    let name = Text {
        ja: format!("{} — {}", c.source.title.get(Lang::Ja), n.id),
        en: format!("{} — {}", c.source.title.get(Lang::En), n.id),
    };
    Activity {
        object_type: "Activity".into(),
        id: node_iri(&c.source.id, &n.id),
        definition: Some(ActivityDefinition {
            name: (&name).into(),
            description: n.text.first().map(LanguageMap::from).unwrap_or_default(),
            kind: INTERACTION.into(),
            interaction_type: Some("choice".into()),
            choices: Some(
                n.choices
                    .iter()
                    .map(|ch| InteractionComponent {
                        id: ch.id.clone(),
                        description: (&ch.text).into(),
                    })
                    .collect(),
            ),
        }),
    }
}

fn verb(id: &str, en: &str, ja: &str) -> Verb {
    Verb {
        id: id.into(),
        display: LanguageMap {
            ja: ja.into(),
            en: en.into(),
        },
    }
}

fn points(c: &Compiled, values: &[i32]) -> std::collections::BTreeMap<String, i64> {
    c.competencies
        .iter()
        .zip(values)
        .map(|(k, &v)| (competency_iri(&k.id), v as i64))
        .collect()
}

/// `raw` with `min` and `max` from the analysis (the sum of the worst, the best path's
/// total) and `scaled` = raw/max above zero, raw/|min| below it, so within -1..1.
fn score(raw: i64, min: Option<i64>, max: Option<i64>) -> Score {
    let mut out = Score {
        raw,
        min: None,
        max: None,
        scaled: None,
    };
    if let (Some(min), Some(max)) = (min, max) {
        let (min, max) = (min.min(raw), max.max(raw));
        if min < max {
            let scaled = if raw >= 0 {
                if max > 0 {
                    raw as f64 / max as f64
                } else {
                    0.0
                }
            } else {
                raw as f64 / -(min as f64)
            };
            out.min = Some(min);
            out.max = Some(max);
            out.scaled = Some((scaled.clamp(-1.0, 1.0) * 10_000.0).round() / 10_000.0);
        }
    }
    out
}
