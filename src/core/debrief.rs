//! The debrief: session logs played back for a group and its instructor. One log becomes a
//! replay, step by step (what was said, the choices open, the one taken, its feedback and
//! principle, the scores, case notes and ecomap as they stood, and how the decision compares
//! with the best still attainable). The logs of one scenario become the group view: who took
//! which choice, the spread of scores, where two paths part. Plain data out, in both
//! languages: the game's screens and the command line's exports draw it; nothing here prints.

use std::cmp::Reverse;
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use rustc_hash::FxHashMap;

use super::analysis::UNBOUNDED;
use super::compile::{Compiled, Cond, Entity, Fx};
use super::engine::{Event, Session, TextRef, reason_of, text_of};
use super::load::LoadError;
use super::log::{self, Decision, LOG_FORMAT, Replayed, SessionLog};
use super::model::{Lang, Level, Outcome, Phase, Text, TieKind};
use super::state::{Bits, State};
use super::validate::Checked;

/// States the best-choice guide explores before giving up (then no comparison is shown).
pub const GUIDE_STATE_BUDGET: usize = 200_000;

// ---------------------------------------------------------------------------------------
// Loading logs

/// A log file, read and parsed.
#[derive(Debug, Clone)]
pub struct LoadedLog {
    pub path: PathBuf,
    pub log: SessionLog,
}

/// A log that cannot be used, and why. The others still load.
#[derive(Debug, thiserror::Error)]
pub enum LogProblem {
    /// Unreadable, truncated or corrupt: the error names the file, line and column.
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("{path}: cannot list the folder: {source}")]
    Folder {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: log format {found}, but this version reads format {expected}")]
    Format {
        path: PathBuf,
        found: u32,
        expected: u32,
    },
    #[error("{path}: no scenario with the id `{scenario}` was loaded")]
    NoScenario { path: PathBuf, scenario: String },
    #[error(
        "{path}: the scenario `{scenario}` ({scenario_path}) has errors and cannot be replayed"
    )]
    Unplayable {
        path: PathBuf,
        scenario: String,
        scenario_path: PathBuf,
    },
}

impl LogProblem {
    pub fn path(&self) -> &Path {
        match self {
            LogProblem::Load(e) => e.path(),
            LogProblem::Folder { path, .. }
            | LogProblem::Format { path, .. }
            | LogProblem::NoScenario { path, .. }
            | LogProblem::Unplayable { path, .. } => path,
        }
    }
}

/// Every log file under the given paths: files as given, folders searched (with their
/// subfolders) for `.ron` files. Sorted, so that the order never depends on the file system.
pub fn log_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<LogProblem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for p in paths {
        collect(p, &mut files, &mut problems);
    }
    files.sort();
    files.dedup();
    (files, problems)
}

fn collect(path: &Path, files: &mut Vec<PathBuf>, problems: &mut Vec<LogProblem>) {
    if !path.is_dir() {
        // A missing file is reported when it is read, with the reason.
        files.push(path.to_owned());
        return;
    }
    let folder_error = |source| LogProblem::Folder {
        path: path.to_owned(),
        source,
    };
    let entries = match fs::read_dir(path) {
        Ok(entries) => entries,
        Err(e) => return problems.push(folder_error(e)),
    };
    for entry in entries {
        match entry {
            // `file_type` does not follow symbolic links, so a link loop cannot recurse.
            Ok(e) if e.file_type().is_ok_and(|t| t.is_dir()) => collect(&e.path(), files, problems),
            Ok(e) if e.path().extension().is_some_and(|x| x == "ron") => files.push(e.path()),
            Ok(_) => {}
            Err(e) => problems.push(folder_error(e)),
        }
    }
}

/// Reads every log under the given paths; those that fail are listed with their error.
pub fn load_logs(paths: &[PathBuf]) -> (Vec<LoadedLog>, Vec<LogProblem>) {
    let (files, mut problems) = log_files(paths);
    let mut logs = Vec::with_capacity(files.len());
    for path in files {
        match SessionLog::load(&path) {
            Ok(log) if log.format != LOG_FORMAT => problems.push(LogProblem::Format {
                path,
                found: log.format,
                expected: LOG_FORMAT,
            }),
            Ok(log) => logs.push(LoadedLog { path, log }),
            Err(e) => problems.push(e.into()),
        }
    }
    (logs, problems)
}

// ---------------------------------------------------------------------------------------
// The set of logs, matched to their scenarios

/// A log replayed onto its scenario.
#[derive(Debug, Clone)]
pub struct PlayedLog {
    pub path: PathBuf,
    pub log: SessionLog,
    /// Index into `Debrief::scenarios`.
    pub scenario: usize,
    /// The session as far as the log still fits the scenario (`log::replay`).
    pub replayed: Replayed,
    /// 1, 2, … per trainee name, in the order the trainees first started a session (then by
    /// name): the same number in every scenario and on every run over the same logs.
    pub trainee_number: usize,
    /// 1, 2, … among this trainee's sessions of this scenario, by start time.
    pub attempt: usize,
    /// How many sessions of this scenario this trainee has.
    pub attempts: usize,
}

impl PlayedLog {
    pub fn session(&self) -> &Session {
        &self.replayed.session
    }
    pub fn is_complete(&self) -> bool {
        self.replayed.session.ended().is_some()
    }
    /// The log was made against other content of the scenario, or stops fitting it.
    pub fn is_flagged(&self) -> bool {
        self.replayed.hash_differs || self.replayed.stopped.is_some()
    }
}

/// Logs matched to their scenarios and replayed, with the logs that could not be.
#[derive(Debug)]
pub struct Debrief {
    pub scenarios: Vec<Checked>,
    /// Sorted by scenario, trainee number and attempt.
    pub played: Vec<PlayedLog>,
    pub problems: Vec<LogProblem>,
    guides: Vec<OnceLock<Option<Guide>>>,
}

impl Debrief {
    /// Loads the logs under `paths` and matches them to `scenarios`.
    pub fn open(paths: &[PathBuf], scenarios: Vec<Checked>) -> Debrief {
        let (logs, problems) = load_logs(paths);
        let mut debrief = Debrief::from_logs(logs, scenarios);
        let matched = std::mem::take(&mut debrief.problems);
        debrief.problems = problems;
        debrief.problems.extend(matched);
        debrief
    }

    /// Matches each log to its scenario by id (the one with the log's content hash when
    /// several are loaded) and replays it as far as it still fits.
    pub fn from_logs(logs: Vec<LoadedLog>, scenarios: Vec<Checked>) -> Debrief {
        let mut problems = Vec::new();
        let mut played = Vec::with_capacity(logs.len());
        for LoadedLog { path, log } in logs {
            match find_scenario(&scenarios, &log) {
                Ok((i, compiled)) => {
                    let replayed = log::replay(&log, compiled, &scenarios[i].hash);
                    played.push(PlayedLog {
                        path,
                        log,
                        scenario: i,
                        replayed,
                        trainee_number: 0,
                        attempt: 0,
                        attempts: 0,
                    });
                }
                Err(None) => problems.push(LogProblem::NoScenario {
                    path,
                    scenario: log.scenario,
                }),
                Err(Some(scenario_path)) => problems.push(LogProblem::Unplayable {
                    path,
                    scenario: log.scenario,
                    scenario_path,
                }),
            }
        }
        number_trainees(&mut played);
        let guides = scenarios.iter().map(|_| OnceLock::new()).collect();
        Debrief {
            scenarios,
            played,
            problems,
            guides,
        }
    }

    /// The compiled scenario of a played log.
    pub fn compiled(&self, played: usize) -> &Arc<Compiled> {
        self.played[played].replayed.session.scenario()
    }

    /// How a trainee is shown: their name, or 受講者N / Trainee N when anonymised; with
    /// `#k` when they played this scenario more than once.
    pub fn trainee_label(&self, played: usize, anonymise: bool, lang: Lang) -> String {
        let p = &self.played[played];
        let name = if anonymise {
            anonymous_name(p.trainee_number, lang)
        } else if p.log.trainee.trim().is_empty() {
            pick(lang, "（名前なし）", "(no name)").to_owned()
        } else {
            p.log.trainee.clone()
        };
        if p.attempts > 1 {
            format!("{name} #{}", p.attempt)
        } else {
            name
        }
    }

    /// The played logs of a scenario, in order.
    pub fn sessions_of(&self, scenario: usize) -> Vec<usize> {
        (0..self.played.len())
            .filter(|&i| self.played[i].scenario == scenario)
            .collect()
    }

    /// The guide to the best choices of a scenario, built on first use (none when the
    /// scenario is not playable or has too many states).
    pub fn guide(&self, scenario: usize) -> Option<&Guide> {
        self.guides[scenario]
            .get_or_init(|| {
                let compiled = self.scenarios[scenario].playable()?;
                Guide::build(compiled, GUIDE_STATE_BUDGET)
            })
            .as_ref()
    }
}

fn pick(lang: Lang, ja: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
    }
}

pub fn anonymous_name(number: usize, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("受講者{number}"),
        Lang::En => format!("Trainee {number}"),
    }
}

/// The scenario a log was played on, preferring the one with the log's content hash:
/// `Err(None)` when none has its id, `Err(Some(path))` when those that have it cannot be
/// played.
fn find_scenario(
    scenarios: &[Checked],
    log: &SessionLog,
) -> Result<(usize, Arc<Compiled>), Option<PathBuf>> {
    let same_id = |c: &Checked| {
        c.compiled
            .as_ref()
            .is_some_and(|s| s.source.id == log.scenario)
    };
    let playable: Vec<(usize, &Arc<Compiled>)> = scenarios
        .iter()
        .enumerate()
        .filter(|(_, c)| same_id(c))
        .filter_map(|(i, c)| Some((i, c.playable()?)))
        .collect();
    let exact = playable
        .iter()
        .find(|(i, _)| scenarios[*i].hash == log.scenario_hash);
    match exact.or(playable.first()) {
        Some(&(i, s)) => Ok((i, Arc::clone(s))),
        None => Err(scenarios
            .iter()
            .find(|c| same_id(c))
            .map(|c| c.path.clone())),
    }
}

/// Numbers the trainees (by first start, then name), sorts the logs, counts attempts.
fn number_trainees(played: &mut [PlayedLog]) {
    let mut first: HashMap<&str, u64> = HashMap::new();
    for p in played.iter() {
        let t = first.entry(p.log.trainee.as_str()).or_insert(u64::MAX);
        *t = (*t).min(p.log.started);
    }
    let mut names: Vec<(u64, &str)> = first.into_iter().map(|(n, t)| (t, n)).collect();
    names.sort();
    let numbers: HashMap<String, usize> = names
        .iter()
        .enumerate()
        .map(|(i, (_, n))| ((*n).to_owned(), i + 1))
        .collect();
    for p in played.iter_mut() {
        p.trainee_number = numbers[p.log.trainee.as_str()];
    }
    played.sort_by(|a, b| {
        (a.scenario, a.trainee_number, a.log.started, &a.path).cmp(&(
            b.scenario,
            b.trainee_number,
            b.log.started,
            &b.path,
        ))
    });
    let mut i = 0;
    while i < played.len() {
        let key = (played[i].scenario, played[i].trainee_number);
        let end = i + played[i..]
            .iter()
            .take_while(|p| (p.scenario, p.trainee_number) == key)
            .count();
        for (k, p) in played[i..end].iter_mut().enumerate() {
            p.attempt = k + 1;
            p.attempts = end - i;
        }
        i = end;
    }
}

// ---------------------------------------------------------------------------------------
// The replay of one log

/// Who says a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Voice {
    Narration,
    /// A cast index.
    Character(u32),
    /// The trainee, saying the choice they took.
    Trainee,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub voice: Voice,
    /// The speaker's name (あなた / You for the trainee).
    pub name: Text,
    pub text: Text,
}

/// The outcome side of a session at one moment: what the trainee had found and done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// Points per competency (rubric order).
    pub scores: Vec<i32>,
    /// The case notes: indices into the scenario's notes, in the order they were found.
    pub notes: Vec<u32>,
    /// Everything on the ecomap (people, resources) and in the notes, in order of reveal.
    pub revealed: Vec<Entity>,
    pub ties: Vec<(Entity, Entity, TieKind)>,
    /// The rung each issue has reached.
    pub issues: Vec<Option<Level>>,
}

impl Snapshot {
    fn of(session: &Session) -> Snapshot {
        Snapshot {
            scores: session.scores().to_vec(),
            notes: session
                .revealed()
                .iter()
                .filter_map(|e| match e {
                    Entity::Note(i) => Some(*i),
                    _ => None,
                })
                .collect(),
            revealed: session.revealed().to_vec(),
            ties: session.ties().to_vec(),
            issues: session.issue_levels().to_vec(),
        }
    }
}

/// A choice that was open at a step.
#[derive(Debug, Clone, PartialEq)]
pub struct OptionView {
    pub choice: u32,
    pub id: String,
    pub text: Text,
    pub taken: bool,
    /// The points the choice itself gives, per competency; for a chance outcome, those of
    /// the outcome with the best total still attainable.
    pub points: Vec<i32>,
    /// The best total (all competencies) still attainable from this step on by taking it,
    /// its own points included; none without a guide.
    pub best_to_go: Option<i64>,
}

/// How a decision compares with the best still attainable from where the trainee stood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// The most that could still be earned (all competencies) before this decision.
    pub best_to_go: i64,
    /// The open choices that keep it attainable.
    pub best_choices: Vec<u32>,
    /// The most that could still be earned after the choice taken (its own points included).
    pub taken_to_go: i64,
    /// Points this decision gave up: `best_to_go - taken_to_go` (0 when it was a best one;
    /// `UNBOUNDED` when it leaves a loop that earns without limit).
    pub lost: i64,
}

impl Comparison {
    pub fn taken_is_best(&self) -> bool {
        self.lost == 0
    }
}

/// One feedback item: the points and the principle behind them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedbackItem {
    pub competency: u32,
    pub competency_id: String,
    pub competency_name: Text,
    pub points: i32,
    /// The principle the reason names (the part before its colon; empty if none).
    pub principle: Text,
    /// The rest of the reason.
    pub advice: Text,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReplayStep {
    /// 1, 2, …
    pub number: usize,
    pub node: u32,
    pub node_id: String,
    pub phase: Phase,
    /// What was said on arriving at the node (empty when the conversation stayed on it:
    /// then the previous step's reply is the last thing heard).
    pub heard: Vec<Line>,
    pub options: Vec<OptionView>,
    pub taken: u32,
    pub taken_id: String,
    pub taken_text: Text,
    pub seconds: f32,
    /// The trainee's words and the reply to them.
    pub said: Vec<Line>,
    /// A chance outcome: its percent and whether it worked.
    pub chance: Option<(i32, bool)>,
    pub feedback: Vec<FeedbackItem>,
    /// This decision's points per competency.
    pub points: Vec<i32>,
    /// Scores, notes, ecomap and issues after the decision.
    pub after: Snapshot,
    pub comparison: Option<Comparison>,
    /// The path so far, this step included, is the scenario's best path (`analysis`).
    pub on_best_path: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndingView {
    pub node: u32,
    pub node_id: String,
    pub title: Text,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Replay {
    pub played: usize,
    /// Before the first decision.
    pub start: Snapshot,
    pub steps: Vec<ReplayStep>,
    /// What was said after the last decision (the ending's words, or where the log stops).
    pub closing: Vec<Line>,
    pub ending: Option<EndingView>,
    /// Decisions of the log that no longer fit the scenario, unplayed.
    pub skipped: Vec<Decision>,
    pub stopped: Option<String>,
    pub hash_differs: bool,
    /// Whether the best-choice figures are exact (none: no guide, no comparison).
    pub guide_exact: Option<bool>,
}

impl Debrief {
    /// A played log, step by step.
    pub fn replay(&self, played: usize) -> Replay {
        let p = &self.played[played];
        let s = Arc::clone(self.compiled(played));
        let guide = self.guide(p.scenario);
        let best_path: &[(u32, u32, Option<bool>)] = self.scenarios[p.scenario]
            .analysis
            .as_ref()
            .map_or(&[], |a| &a.best_path);
        let mut session = Session::new(Arc::clone(&s), p.log.seed, p.log.mode);
        let start = Snapshot::of(&session);
        let mut heard = lines(&s, session.transcript());
        let mut steps = Vec::new();
        let mut on_best = true;
        for (i, step) in p.replayed.session.steps().iter().enumerate() {
            let before = session.state().clone();
            let open = session.options().to_vec();
            let from = session.transcript().len();
            // The same seed and choices as the replay that made these steps: always open.
            if session.choose(step.choice, step.seconds).is_err() {
                break;
            }
            let events = &session.transcript()[from..];
            let (response, arrival) = events.split_at(arrival_start(events));
            let options = options_at(&s, &before, &open, step.choice, guide);
            on_best &= best_path
                .get(i)
                .is_some_and(|&(n, c, _)| (n, c) == (step.node, step.choice));
            let feedback: Vec<FeedbackItem> = session
                .feedback()
                .iter()
                .filter(|f| f.step as usize == i)
                .map(|f| {
                    let (principle, advice) = split_reason(reason_of(&s, f.effect));
                    let c = &s.competencies[f.competency as usize];
                    FeedbackItem {
                        competency: f.competency,
                        competency_id: c.id.clone(),
                        competency_name: c.name.clone(),
                        points: f.points,
                        principle,
                        advice,
                    }
                })
                .collect();
            let mut points = vec![0; s.competencies.len()];
            for f in &feedback {
                points[f.competency as usize] += f.points;
            }
            let node = &s.source.nodes[step.node as usize];
            let choice = &node.choices[step.choice as usize];
            steps.push(ReplayStep {
                number: i + 1,
                node: step.node,
                node_id: node.id.clone(),
                phase: node.phase,
                heard: std::mem::replace(&mut heard, lines(&s, arrival)),
                comparison: compare(&options, guide.and_then(|g| g.best_from(&before))),
                options,
                taken: step.choice,
                taken_id: choice.id.clone(),
                taken_text: choice.text.clone(),
                seconds: step.seconds,
                said: lines(&s, response),
                chance: response.iter().find_map(|e| match *e {
                    Event::Chance { percent, success } => Some((percent, success)),
                    _ => None,
                }),
                feedback,
                points,
                after: Snapshot::of(&session),
                on_best_path: on_best,
            });
        }
        Replay {
            played,
            start,
            steps,
            closing: heard,
            ending: session.ended().map(|n| ending_view(&s, n)),
            skipped: p.log.decisions[p.replayed.applied.min(p.log.decisions.len())..].to_vec(),
            stopped: p.replayed.stopped.clone(),
            hash_differs: p.replayed.hash_differs,
            guide_exact: guide.map(|g| g.exact),
        }
    }
}

fn ending_view(s: &Compiled, node: u32) -> EndingView {
    let n = &s.source.nodes[node as usize];
    let (title, outcome) = n
        .ending
        .as_ref()
        .map_or((Text::default(), Outcome::Mixed), |e| {
            (e.title.clone(), e.outcome)
        });
    EndingView {
        node,
        node_id: n.id.clone(),
        title,
        outcome,
    }
}

/// Where the arrival at the next node begins in a decision's events: its phase change or
/// its line (a node's or a mood's text; replies are the choice's own).
fn arrival_start(events: &[Event]) -> usize {
    events
        .iter()
        .position(|e| {
            matches!(
                e,
                Event::Phase(_)
                    | Event::Line {
                        text: TextRef::Node { .. } | TextRef::Mood { .. },
                        ..
                    }
            )
        })
        .unwrap_or(events.len())
}

/// The spoken lines among events, with who says them.
pub fn lines(s: &Compiled, events: &[Event]) -> Vec<Line> {
    events
        .iter()
        .filter_map(|e| match *e {
            Event::Line { speaker, text } => Some(Line {
                voice: speaker.map_or(Voice::Narration, Voice::Character),
                name: match speaker {
                    Some(i) => s.source.cast[i as usize].name.clone(),
                    None => Text::new("ナレーション", "Narrator"),
                },
                text: text_of(s, text).clone(),
            }),
            Event::Said { node, choice } => Some(Line {
                voice: Voice::Trainee,
                name: Text::new("あなた", "You"),
                text: text_of(s, TextRef::Choice { node, choice }).clone(),
            }),
            _ => None,
        })
        .collect()
}

/// A reason's principle (before its first colon, when that comes early) and the rest.
fn split_reason(reason: &Text) -> (Text, Text) {
    fn split(s: &str) -> (String, String) {
        let colon = s
            .char_indices()
            .take(30)
            .find(|&(_, c)| c == ':' || c == '：');
        match colon {
            Some((i, c)) => (
                s[..i].trim().to_owned(),
                s[i + c.len_utf8()..].trim().to_owned(),
            ),
            None => (String::new(), s.trim().to_owned()),
        }
    }
    let (pj, aj) = split(&reason.ja);
    let (pe, ae) = split(&reason.en);
    (Text { ja: pj, en: pe }, Text { ja: aj, en: ae })
}

/// The open choices at a state, with their points and the best total they keep attainable.
fn options_at(
    s: &Compiled,
    state: &State,
    open: &[u32],
    taken: u32,
    guide: Option<&Guide>,
) -> Vec<OptionView> {
    let node = &s.source.nodes[state.node as usize];
    open.iter()
        .map(|&c| {
            let mut best: Option<(Vec<i32>, Option<i64>)> = None;
            for (next, points) in outcomes(s, state, c) {
                let own: i64 = points.iter().map(|&p| p as i64).sum();
                let to_go = guide.and_then(|g| g.best_from(&next)).map(|b| add(own, b));
                let better = match &best {
                    None => true,
                    Some((p, t)) => (to_go, own) > (*t, p.iter().map(|&x| x as i64).sum()),
                };
                if better {
                    best = Some((points, to_go));
                }
            }
            let (points, best_to_go) = best.unwrap_or((vec![0; s.competencies.len()], None));
            let choice = &node.choices[c as usize];
            OptionView {
                choice: c,
                id: choice.id.clone(),
                text: choice.text.clone(),
                taken: c == taken,
                points,
                best_to_go,
            }
        })
        .collect()
}

/// The states a choice can lead to (both ways for a chance that can go both ways), with
/// its points per competency.
fn outcomes(s: &Compiled, state: &State, choice: u32) -> Vec<(State, Vec<i32>)> {
    let has_chance = s.nodes[state.node as usize].choices[choice as usize]
        .chance
        .is_some();
    let ways: &[Option<bool>] = if has_chance {
        &[Some(true), Some(false)]
    } else {
        &[None]
    };
    let mut out = Vec::with_capacity(ways.len());
    for &way in ways {
        let mut next = state.clone();
        let mut points = vec![0; s.competencies.len()];
        let mut possible = true;
        next.take(
            s,
            choice,
            |percent| {
                let want = way == Some(true);
                possible = if want { percent > 0 } else { percent < 100 };
                want
            },
            |fx, _, _| {
                if let Fx::Score {
                    competency,
                    points: p,
                } = fx
                {
                    points[*competency as usize] += p;
                }
            },
        );
        if possible {
            out.push((next, points));
        }
    }
    out
}

fn compare(options: &[OptionView], best_to_go: Option<i64>) -> Option<Comparison> {
    let best_to_go = best_to_go?;
    let taken = options.iter().find(|o| o.taken)?.best_to_go?;
    let values: Option<Vec<i64>> = options.iter().map(|o| o.best_to_go).collect();
    let values = values?;
    let max = values.iter().copied().max()?;
    Some(Comparison {
        best_to_go,
        best_choices: options
            .iter()
            .zip(&values)
            .filter(|&(_, &v)| v == max)
            .map(|(o, _)| o.choice)
            .collect(),
        taken_to_go: taken,
        // Giving up a loop that earns without limit gives up without limit.
        lost: if taken >= UNBOUNDED {
            0
        } else if best_to_go >= UNBOUNDED {
            UNBOUNDED
        } else {
            (best_to_go - taken).max(0)
        },
    })
}

/// Adds points, keeping "without limit" without limit.
fn add(a: i64, b: i64) -> i64 {
    if a >= UNBOUNDED || b >= UNBOUNDED {
        UNBOUNDED
    } else {
        a + b
    }
}

// ---------------------------------------------------------------------------------------
// The guide: the best total still attainable from any state a trainee can be in

/// The best total (all competencies summed) still attainable from every reachable state of
/// a scenario, found on the whole state graph from the start: every state a trainee can be
/// in is in it. Chance outcomes count as going the better way, as in `analysis` (a decision
/// is judged, not the dice). Loops that earn points are without limit (`UNBOUNDED`); loops
/// that cost points make the figures upper bounds (`exact == false`).
#[derive(Debug)]
pub struct Guide {
    reads: Reads,
    index: FxHashMap<State, u32>,
    best: Vec<i64>,
    pub exact: bool,
}

impl Guide {
    /// None when the scenario has more than `budget` states.
    pub fn build(s: &Compiled, budget: usize) -> Option<Guide> {
        let reads = Reads::of(s);
        let mut first = State::initial(s);
        reads.normalise(&mut first);
        let mut index = FxHashMap::default();
        index.insert(first.clone(), 0u32);
        let mut states = vec![first];
        let mut offsets = vec![0u32];
        let mut targets: Vec<u32> = Vec::new();
        let mut weights: Vec<i64> = Vec::new();
        let mut open = Vec::new();
        let mut i = 0;
        while i < states.len() {
            let state = states[i].clone();
            if !s.nodes[state.node as usize].is_end {
                state.open_choices(s, &mut open);
                for &c in &open {
                    for (mut next, points) in outcomes(s, &state, c) {
                        reads.normalise(&mut next);
                        let to = match index.get(&next) {
                            Some(&t) => t,
                            None if states.len() >= budget => return None,
                            None => {
                                let t = states.len() as u32;
                                index.insert(next.clone(), t);
                                states.push(next);
                                t
                            }
                        };
                        targets.push(to);
                        weights.push(points.iter().map(|&p| p as i64).sum());
                    }
                }
            }
            offsets.push(targets.len() as u32);
            i += 1;
        }
        drop(states);
        let (best, exact) = best_to_go(&offsets, &targets, &weights);
        Some(Guide {
            reads,
            index,
            best,
            exact,
        })
    }

    /// The best total still attainable from a state; none if the state is not reachable.
    pub fn best_from(&self, state: &State) -> Option<i64> {
        let mut st = state.clone();
        self.reads.normalise(&mut st);
        self.index.get(&st).map(|&i| self.best[i as usize])
    }

    pub fn states(&self) -> usize {
        self.best.len()
    }
}

/// The flags and variables some condition or chance reads: the rest cannot change what
/// happens next, so they are cleared before states are compared.
#[derive(Debug)]
struct Reads {
    flags: Bits,
    vars: Vec<bool>,
}

impl Reads {
    fn of(s: &Compiled) -> Reads {
        fn mark(c: &Cond, r: &mut Reads) {
            match c {
                Cond::Flag(f) | Cond::NotFlag(f) => r.flags.set(*f, true),
                Cond::AtLeast(v, _) | Cond::AtMost(v, _) => r.vars[*v as usize] = true,
                Cond::Visited(_) | Cond::NotVisited(_) => {}
                Cond::Any(cs) => cs.iter().for_each(|c| mark(c, r)),
            }
        }
        let mut r = Reads {
            flags: Bits::new(s.flags.len() as u32),
            vars: vec![false; s.vars.len()],
        };
        for node in &s.nodes {
            for c in node.moods.iter().flatten() {
                mark(c, &mut r);
            }
            for choice in &node.choices {
                choice.when.iter().for_each(|c| mark(c, &mut r));
                if let Some(v) = choice.chance.as_ref().and_then(|ch| ch.var) {
                    r.vars[v as usize] = true;
                }
            }
        }
        r
    }

    fn normalise(&self, st: &mut State) {
        for (w, mask) in st.flags.words_mut().iter_mut().zip(self.flags.words()) {
            *w &= mask;
        }
        for (v, read) in st.vars.iter_mut().zip(&self.vars) {
            if !read {
                *v = 0;
            }
        }
    }
}

/// The best total from each state of a graph (edges in compressed rows), solved on its
/// strongly connected components from the sinks up. Returns the values and whether exact.
fn best_to_go(offsets: &[u32], targets: &[u32], weights: &[i64]) -> (Vec<i64>, bool) {
    let n = offsets.len() - 1;
    let comp = components(offsets, targets);
    let n_comp = comp.iter().copied().max().map_or(0, |m| m as usize + 1);
    let mut by_comp: Vec<u32> = (0..n as u32).collect();
    by_comp.sort_by_key(|&v| comp[v as usize]);
    let mut value = vec![0i64; n_comp];
    let mut exact = true;
    for members in by_comp.chunk_by(|&a, &b| comp[a as usize] == comp[b as usize]) {
        let c = comp[members[0] as usize] as usize;
        let (mut exit, mut gains, mut costs) = (None::<i64>, false, false);
        for &v in members {
            for e in offsets[v as usize] as usize..offsets[v as usize + 1] as usize {
                let (to, w) = (comp[targets[e] as usize] as usize, weights[e]);
                if to == c {
                    gains |= w > 0;
                    costs |= w < 0;
                } else {
                    let t = add(w, value[to]);
                    exit = Some(exit.map_or(t, |x| x.max(t)));
                }
            }
        }
        value[c] = if gains { UNBOUNDED } else { exit.unwrap_or(0) };
        // Reaching the loop's best exit may cost points: the figure is then a bound.
        exact &= !costs || gains;
    }
    ((0..n).map(|v| value[comp[v] as usize]).collect(), exact)
}

/// Strongly connected components (Tarjan, without recursion), numbered sinks first: every
/// edge leads to a component numbered no higher than its own.
fn components(offsets: &[u32], targets: &[u32]) -> Vec<u32> {
    let n = offsets.len() - 1;
    let mut t = Tarjan {
        index: vec![Tarjan::NONE; n],
        low: vec![0; n],
        on_stack: vec![false; n],
        comp: vec![Tarjan::NONE; n],
        stack: Vec::new(),
        call: Vec::new(),
        next_index: 0,
        next_comp: 0,
    };
    for root in 0..n as u32 {
        if t.index[root as usize] != Tarjan::NONE {
            continue;
        }
        t.enter(root, offsets);
        while let Some(&mut (v, ref mut edge)) = t.call.last_mut() {
            let v = v as usize;
            if *edge < offsets[v + 1] {
                let w = targets[*edge as usize];
                *edge += 1;
                if t.index[w as usize] == Tarjan::NONE {
                    t.enter(w, offsets);
                } else if t.on_stack[w as usize] {
                    t.low[v] = t.low[v].min(t.index[w as usize]);
                }
                continue;
            }
            t.call.pop();
            if let Some(&(parent, _)) = t.call.last() {
                t.low[parent as usize] = t.low[parent as usize].min(t.low[v]);
            }
            if t.low[v] == t.index[v] {
                while let Some(w) = t.stack.pop() {
                    t.on_stack[w as usize] = false;
                    t.comp[w as usize] = t.next_comp;
                    if w as usize == v {
                        break;
                    }
                }
                t.next_comp += 1;
            }
        }
    }
    t.comp
}

struct Tarjan {
    index: Vec<u32>,
    low: Vec<u32>,
    on_stack: Vec<bool>,
    comp: Vec<u32>,
    stack: Vec<u32>,
    /// The depth-first walk: a vertex and the next of its edges to follow.
    call: Vec<(u32, u32)>,
    next_index: u32,
    next_comp: u32,
}

impl Tarjan {
    const NONE: u32 = u32::MAX;

    fn enter(&mut self, v: u32, offsets: &[u32]) {
        self.index[v as usize] = self.next_index;
        self.low[v as usize] = self.next_index;
        self.next_index += 1;
        self.stack.push(v);
        self.on_stack[v as usize] = true;
        self.call.push((v, offsets[v as usize]));
    }
}

// ---------------------------------------------------------------------------------------
// Paths and where they part

/// One decision on a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathStep {
    pub node: u32,
    pub choice: u32,
    pub node_id: String,
    pub choice_id: String,
    pub text: Text,
    /// How a chance outcome went.
    pub chance: Option<bool>,
}

/// Two paths side by side, and the first step where they differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Divergence {
    /// Index of the first step where the two differ in node or choice (or where one ends
    /// and the other goes on); none when they are the same.
    pub first: Option<usize>,
    pub left: Vec<PathStep>,
    pub right: Vec<PathStep>,
}

impl Divergence {
    /// The steps side by side, as long as the longer path.
    pub fn rows(&self) -> impl Iterator<Item = (Option<&PathStep>, Option<&PathStep>)> {
        (0..self.left.len().max(self.right.len())).map(|i| (self.left.get(i), self.right.get(i)))
    }
}

pub fn divergence(left: Vec<PathStep>, right: Vec<PathStep>) -> Divergence {
    let same = |i: usize| matches!((left.get(i), right.get(i)), (Some(a), Some(b)) if (a.node, a.choice) == (b.node, b.choice));
    let longest = left.len().max(right.len());
    let first = (0..longest).find(|&i| !same(i));
    Divergence { first, left, right }
}

fn path_step(s: &Compiled, node: u32, choice: u32, chance: Option<bool>) -> PathStep {
    let n = &s.source.nodes[node as usize];
    let c = &n.choices[choice as usize];
    PathStep {
        node,
        choice,
        node_id: n.id.clone(),
        choice_id: c.id.clone(),
        text: c.text.clone(),
        chance,
    }
}

impl Debrief {
    /// The decisions a trainee made (as far as the log fits the scenario).
    pub fn path(&self, played: usize) -> Vec<PathStep> {
        let session = self.played[played].session();
        let s = session.scenario();
        let mut chances = vec![None; session.steps().len()];
        let mut step = None::<usize>;
        for e in session.transcript() {
            match *e {
                Event::Said { .. } => step = Some(step.map_or(0, |x| x + 1)),
                Event::Chance { success, .. } => {
                    if let Some(slot) = step.and_then(|i| chances.get_mut(i)) {
                        *slot = Some(success);
                    }
                }
                _ => {}
            }
        }
        session
            .steps()
            .iter()
            .zip(chances)
            .map(|(st, chance)| path_step(s, st.node, st.choice, chance))
            .collect()
    }

    /// The scenario's best path (`analysis.best_path`); empty when it was not found.
    pub fn best_path(&self, scenario: usize) -> Vec<PathStep> {
        let checked = &self.scenarios[scenario];
        match (checked.playable(), &checked.analysis) {
            (Some(s), Some(a)) => a
                .best_path
                .iter()
                .map(|&(n, c, chance)| path_step(s, n, c, chance))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Where a trainee's path parts from the best path.
    pub fn divergence_from_best(&self, played: usize) -> Divergence {
        divergence(
            self.path(played),
            self.best_path(self.played[played].scenario),
        )
    }

    /// Where two trainees' paths part.
    pub fn divergence_between(&self, a: usize, b: usize) -> Divergence {
        divergence(self.path(a), self.path(b))
    }

    /// The points per competency of the scenario's best path.
    pub fn best_path_points(&self, scenario: usize) -> Option<Vec<i32>> {
        let checked = &self.scenarios[scenario];
        let s = checked.playable()?;
        let path = &checked.analysis.as_ref()?.best_path;
        let mut state = State::initial(s);
        let mut points = vec![0; s.competencies.len()];
        for &(node, choice, chance) in path {
            if state.node != node {
                return None;
            }
            state.take(
                s,
                choice,
                |_| chance == Some(true),
                |fx, _, _| {
                    if let Fx::Score {
                        competency,
                        points: p,
                    } = fx
                    {
                        points[*competency as usize] += p;
                    }
                },
            );
        }
        Some(points)
    }
}

// ---------------------------------------------------------------------------------------
// The group view of one scenario

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceCount {
    pub choice: u32,
    pub id: String,
    pub text: Text,
    /// The sessions (indices into `Debrief::played`) that took it at least once.
    pub sessions: Vec<usize>,
    /// Times taken in all (a node that is come back to can see a choice taken again).
    pub times: usize,
    /// The choice is on the scenario's best path at this node.
    pub on_best_path: bool,
}

/// A node where the trainee chooses, and what the group chose there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionPoint {
    pub node: u32,
    pub node_id: String,
    pub phase: Phase,
    /// What is said at the node (its first text).
    pub text: Text,
    /// Sessions that decided here at least once.
    pub reached: usize,
    /// Every choice of the node, in the scenario's order, taken or not.
    pub choices: Vec<ChoiceCount>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndingCount {
    pub ending: EndingView,
    pub sessions: Vec<usize>,
}

/// Five-number summary and mean. Quartiles by linear interpolation between the sorted
/// values (as spreadsheets' QUARTILE.INC and numpy's default).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    pub min: f64,
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
    pub max: f64,
    pub mean: f64,
}

impl Summary {
    pub fn of(values: &[i32]) -> Option<Summary> {
        if values.is_empty() {
            return None;
        }
        let mut v: Vec<f64> = values.iter().map(|&x| x as f64).collect();
        v.sort_by(f64::total_cmp);
        let at = |p: f64| {
            let h = (v.len() - 1) as f64 * p;
            let (lo, hi) = (h.floor() as usize, h.ceil() as usize);
            v[lo] + (h - lo as f64) * (v[hi] - v[lo])
        };
        Some(Summary {
            min: v[0],
            q1: at(0.25),
            median: at(0.5),
            q3: at(0.75),
            max: v[v.len() - 1],
            mean: v.iter().sum::<f64>() / v.len() as f64,
        })
    }
}

/// The scores of a group on one competency (or the total).
#[derive(Debug, Clone, PartialEq)]
pub struct Spread {
    /// Rubric index; none for the total.
    pub competency: Option<u32>,
    /// The competency's id, or `total`.
    pub id: String,
    pub name: Text,
    /// One per session, in the order of `Group::sessions`.
    pub values: Vec<i32>,
    pub summary: Option<Summary>,
    /// The most attainable (the total: the best path's); none when unknown or unbounded.
    pub best: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub scenario: usize,
    /// Indices into `Debrief::played`, in order.
    pub sessions: Vec<usize>,
    pub decision_points: Vec<DecisionPoint>,
    pub endings: Vec<EndingCount>,
    /// Sessions that did not reach an ending.
    pub unfinished: Vec<usize>,
    /// One per competency of the rubric, then the total.
    pub spread: Vec<Spread>,
}

impl Debrief {
    /// One group view per scenario that has logs, in the scenarios' order.
    pub fn groups(&self) -> Vec<Group> {
        let mut scenarios: Vec<usize> = self.played.iter().map(|p| p.scenario).collect();
        scenarios.dedup();
        scenarios.into_iter().map(|s| self.group(s)).collect()
    }

    /// What the trainees of one scenario chose, and how they scored.
    pub fn group(&self, scenario: usize) -> Group {
        let sessions = self.sessions_of(scenario);
        let checked = &self.scenarios[scenario];
        let Some(s) = checked.compiled.as_ref() else {
            return Group {
                scenario,
                sessions,
                decision_points: Vec::new(),
                endings: Vec::new(),
                unfinished: Vec::new(),
                spread: Vec::new(),
            };
        };
        let analysis = checked.analysis.as_ref();
        // (node, choice) -> (sessions, times)
        let mut taken: FxHashMap<(u32, u32), (Vec<usize>, usize)> = FxHashMap::default();
        let mut reached: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
        for &i in &sessions {
            for st in self.played[i].session().steps() {
                let entry = taken.entry((st.node, st.choice)).or_default();
                entry.1 += 1;
                if entry.0.last() != Some(&i) {
                    entry.0.push(i);
                }
                let r = reached.entry(st.node).or_default();
                if r.last() != Some(&i) {
                    r.push(i);
                }
            }
        }
        let best_path = analysis.map_or(&[][..], |a| &a.best_path);
        let reachable = |n: usize| analysis.is_none_or(|a| a.reachable[n]);
        let decision_points = s
            .source
            .nodes
            .iter()
            .enumerate()
            .filter(|&(n, node)| {
                !node.choices.is_empty() && (reachable(n) || reached.contains_key(&(n as u32)))
            })
            .map(|(n, node)| {
                let n = n as u32;
                DecisionPoint {
                    node: n,
                    node_id: node.id.clone(),
                    phase: node.phase,
                    text: node.text.first().cloned().unwrap_or_default(),
                    reached: reached.get(&n).map_or(0, Vec::len),
                    choices: node
                        .choices
                        .iter()
                        .enumerate()
                        .map(|(c, choice)| {
                            let c = c as u32;
                            let (sessions, times) = taken.remove(&(n, c)).unwrap_or_default();
                            ChoiceCount {
                                choice: c,
                                id: choice.id.clone(),
                                text: choice.text.clone(),
                                sessions,
                                times,
                                on_best_path: best_path
                                    .iter()
                                    .any(|&(bn, bc, _)| (bn, bc) == (n, c)),
                            }
                        })
                        .collect(),
                }
            })
            .collect();
        let mut endings: Vec<EndingCount> = s
            .source
            .nodes
            .iter()
            .enumerate()
            .filter(|(n, node)| node.ending.is_some() && reachable(*n))
            .map(|(n, _)| EndingCount {
                ending: ending_view(s, n as u32),
                sessions: Vec::new(),
            })
            .collect();
        let mut unfinished = Vec::new();
        for &i in &sessions {
            match self.played[i].session().ended() {
                Some(n) => match endings.iter_mut().find(|e| e.ending.node == n) {
                    Some(e) => e.sessions.push(i),
                    None => endings.push(EndingCount {
                        ending: ending_view(s, n),
                        sessions: vec![i],
                    }),
                },
                None => unfinished.push(i),
            }
        }
        endings.sort_by_key(|e| (e.ending.outcome, Reverse(e.sessions.len()), e.ending.node));
        let mut spread: Vec<Spread> = s
            .competencies
            .iter()
            .enumerate()
            .map(|(c, info)| {
                let values: Vec<i32> = sessions
                    .iter()
                    .map(|&i| self.played[i].session().scores()[c])
                    .collect();
                Spread {
                    competency: Some(c as u32),
                    id: info.id.clone(),
                    name: info.name.clone(),
                    summary: Summary::of(&values),
                    values,
                    best: analysis.map(|a| a.best[c]).filter(|&b| b < UNBOUNDED),
                }
            })
            .collect();
        let totals: Vec<i32> = sessions
            .iter()
            .map(|&i| self.played[i].session().scores().iter().sum())
            .collect();
        spread.push(Spread {
            competency: None,
            id: "total".into(),
            name: Text::new("合計", "Total"),
            summary: Summary::of(&totals),
            values: totals,
            best: self
                .best_path_points(scenario)
                .map(|p| p.iter().map(|&x| x as i64).sum()),
        });
        Group {
            scenario,
            sessions,
            decision_points,
            endings,
            unfinished,
            spread,
        }
    }
}
