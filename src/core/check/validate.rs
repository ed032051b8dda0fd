//! What a scenario must hold to be played, and what an author should fix: every problem
//! says where it is (file, line, node, choice) and what to do.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustc_hash::FxHashSet;

use crate::core::analysis::{Analysis, UNBOUNDED, analyse};
use crate::core::compile::Compiled;
use crate::core::compile::Fx;
use crate::core::load::{self, LoadError};
use crate::core::locate::{Pos, SourceMap};
use crate::core::message::{IdKind, Msg, TextField};
use crate::core::model::{Effect, Lang, Role, Scenario, Text};

use crate::core::problem::Sink;
pub use crate::core::problem::{Problem, Severity};

/// A scenario file after checking: playable when it has no errors.
#[derive(Debug, Clone)]
pub struct Checked {
    pub path: PathBuf,
    pub compiled: Option<Arc<Compiled>>,
    pub analysis: Option<Analysis>,
    pub hash: String,
    pub problems: Vec<Problem>,
}

impl Checked {
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
    }
    pub fn warnings(&self) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Warning)
    }
    pub fn is_playable(&self) -> bool {
        self.compiled.is_some() && self.errors().next().is_none()
    }
    /// The compiled scenario, only when it is playable.
    pub fn playable(&self) -> Option<&Arc<Compiled>> {
        self.compiled.as_ref().filter(|_| self.is_playable())
    }
}

pub fn check_file(path: &Path) -> Checked {
    match load::read_text(path) {
        Ok(text) => check_text(path, &text),
        Err(e) => failed(path, e, String::new()),
    }
}

fn failed(path: &Path, e: LoadError, hash: String) -> Checked {
    Checked {
        path: path.to_owned(),
        compiled: None,
        analysis: None,
        hash,
        problems: vec![Problem {
            severity: Severity::Error,
            path: path.to_owned(),
            pos: e.pos(),
            node: None,
            choice: None,
            kind: e.message(),
        }],
    }
}

pub fn check_text(path: &Path, text: &str) -> Checked {
    let hash = load::content_hash(text);
    let scenario = match load::parse(path, text) {
        Ok(s) => s,
        Err(e) => return failed(path, e, hash),
    };
    let map = SourceMap::new(text);
    let mut out = Sink {
        path: path.to_owned(),
        map: &map,
        source: text,
        problems: Vec::new(),
    };
    // The structural checks and the lints (warnings) read the scenario as written; the
    // analysis reads the compiled one, and only once the structure is sound.
    let (compiled, analysis) = match Compiled::build(scenario) {
        Ok(c) => {
            check_as_written(&c.source, &mut out);
            check_scenes(&c, &mut out);
            let structure_ok = !out.has_errors();
            let analysis = structure_ok.then(|| {
                let a = analyse(&c);
                check_paths(&c, &a, &mut out);
                crate::core::lint::lint_paths(&c, &a, &mut out);
                check_length_cues(&c, &a, &mut out);
                a
            });
            (Some(c), analysis)
        }
        Err(unresolved) => {
            let (scenario, refs) = *unresolved;
            check_as_written(&scenario, &mut out);
            for r in refs {
                out.push(
                    Severity::Error,
                    r.node.as_deref(),
                    r.choice.as_deref(),
                    r.kind,
                );
            }
            (None, None)
        }
    };
    let mut problems = out.problems;
    problems.sort_by_key(|p| (p.severity, p.pos));
    Checked {
        path: path.to_owned(),
        compiled: compiled.map(Arc::new),
        analysis,
        hash,
        problems,
    }
}

/// The checks that read the scenario as written: its structure, and the lints.
fn check_as_written(s: &Scenario, out: &mut Sink) {
    check_structure(s, out);
    crate::core::lint::lint(s, out);
}

fn duplicates<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = FxHashSet::default();
    let mut dup = Vec::new();
    for id in ids {
        if !seen.insert(id) && !dup.contains(&id) {
            dup.push(id);
        }
    }
    dup
}

fn check_structure(s: &Scenario, out: &mut Sink) {
    use Severity::*;
    let dup = |kind, id: &str| Msg::Duplicate {
        kind,
        id: id.to_owned(),
    };
    for id in duplicates(s.nodes.iter().map(|n| n.id.as_str())) {
        out.push(Error, Some(id), None, dup(IdKind::Node, id));
    }
    let entities = s
        .cast
        .iter()
        .map(|c| c.id.as_str())
        .chain(s.resources.iter().map(|r| r.id.as_str()))
        .chain(s.notes.iter().map(|n| n.id.as_str()));
    for id in duplicates(entities) {
        out.declared(Error, id, dup(IdKind::Entity, id));
    }
    for id in duplicates(s.issues.iter().map(|i| i.id.as_str())) {
        out.declared(Error, id, dup(IdKind::Issue, id));
    }
    for id in duplicates(s.variables.iter().map(|v| v.id.as_str())) {
        out.declared(Error, id, dup(IdKind::Variable, id));
    }
    for id in duplicates(s.rubric.iter().map(|c| c.id.as_str())) {
        out.declared(Error, id, dup(IdKind::Competency, id));
    }
    for v in &s.variables {
        if v.min > v.max {
            out.declared(
                Error,
                &v.id,
                Msg::MinAboveMax {
                    id: v.id.clone(),
                    min: v.min,
                    max: v.max,
                },
            );
        }
    }
    let people = s.cast.iter().filter(|c| c.role == Role::Person).count();
    if people > 1 {
        out.push(Warning, None, None, Msg::ManyPeople { count: people });
    }
    for node in &s.nodes {
        let here = Some(node.id.as_str());
        for id in duplicates(node.choices.iter().map(|c| c.id.as_str())) {
            out.push(Error, here, Some(id), dup(IdKind::Choice, id));
        }
        if node.text.is_empty() {
            out.push(Error, here, None, Msg::NoText);
        }
        match (&node.ending, node.choices.is_empty()) {
            (Some(_), false) => out.push(Error, here, None, Msg::EndingWithChoices),
            (None, true) => out.push(Error, here, None, Msg::NeitherContinueNorEnd),
            _ => {}
        }
        if node.keep_order && node.choices.len() < 2 {
            out.push(Warning, here, None, Msg::KeepOrderOneChoice);
        }
        for choice in &node.choices {
            let at = Some(choice.id.as_str());
            if choice.minutes < 0 {
                out.push(
                    Error,
                    here,
                    at,
                    Msg::NegativeMinutes {
                        minutes: choice.minutes,
                    },
                );
            }
            // An error, not a clamp: a chance of 120% never fails, and the nodes after its
            // failure would be reported as unreachable for a reason the author never wrote.
            if let Some(ch) = &choice.chance
                && !(0..=100).contains(&ch.percent)
            {
                let pos = out.place(here, at).and_then(|from| {
                    crate::core::lint::find_raw(
                        out.source,
                        from,
                        &format!("percent: {}", ch.percent),
                    )
                });
                out.push_at(
                    Error,
                    here,
                    at,
                    pos,
                    Msg::ChanceOutOfRange {
                        percent: ch.percent,
                    },
                );
            }
            for e in choice.all_effects() {
                if let Effect::Score { points, reason, .. } = e
                    && *points != 0
                    && reason.ja.trim().is_empty()
                    && reason.en.trim().is_empty()
                {
                    out.push(Warning, here, at, Msg::ScoreWithoutReason);
                }
            }
        }
    }
    crate::core::fact_notes::check(s, out);
    check_translations(s, out);
}

fn check_translations(s: &Scenario, out: &mut Sink) {
    // `at` places a text inside a node (a reply, a reason) on its own line.
    let missing = |field: TextField,
                   t: &Text,
                   node: Option<&str>,
                   choice: Option<&str>,
                   at: bool,
                   out: &mut Sink| {
        let langs: Vec<Lang> = [(Lang::Ja, &t.ja), (Lang::En, &t.en)]
            .into_iter()
            .filter(|(_, x)| x.trim().is_empty())
            .map(|(l, _)| l)
            .collect();
        if langs.is_empty() {
            return;
        }
        let pos = at.then(|| text_pos(out, node, choice, t)).flatten();
        out.push_at(
            Severity::Warning,
            node,
            choice,
            pos,
            Msg::MissingTranslation { field, langs },
        );
    };
    missing(TextField::Title, &s.title, None, None, false, out);
    missing(TextField::Summary, &s.summary, None, None, false, out);
    for g in &s.goals {
        missing(TextField::Goal, g, None, None, false, out);
    }
    for c in &s.cast {
        missing(
            TextField::CastName(c.id.clone()),
            &c.name,
            None,
            None,
            false,
            out,
        );
    }
    for r in &s.resources {
        let field = TextField::ResourceName(r.id.clone());
        missing(field, &r.name, None, None, false, out);
    }
    for n in &s.notes {
        missing(
            TextField::NoteText(n.id.clone()),
            &n.text,
            None,
            None,
            false,
            out,
        );
    }
    for i in &s.issues {
        missing(
            TextField::IssueTitle(i.id.clone()),
            &i.title,
            None,
            None,
            false,
            out,
        );
    }
    for node in &s.nodes {
        let n = Some(node.id.as_str());
        for t in node.text.iter().chain(node.turns.iter().map(|t| &t.text)) {
            missing(TextField::Line, t, n, None, true, out);
        }
        for t in node.moods.iter().flat_map(|m| &m.text) {
            missing(TextField::Mood, t, n, None, true, out);
        }
        if let Some(e) = &node.ending {
            missing(TextField::EndingTitle, &e.title, n, None, true, out);
        }
        for c in &node.choices {
            let at = Some(c.id.as_str());
            missing(TextField::ChoiceText, &c.text, n, at, true, out);
            for r in c.replies() {
                missing(TextField::Reply, r, n, at, true, out);
            }
            for e in c.all_effects() {
                if let Effect::Score { reason, .. } = e
                    && !(reason.ja.is_empty() && reason.en.is_empty())
                {
                    missing(TextField::Reason, reason, n, at, true, out);
                }
            }
        }
    }
}

/// Where a text inside a node or choice is written: found by the words it has.
fn text_pos(out: &Sink, node: Option<&str>, choice: Option<&str>, t: &Text) -> Option<Pos> {
    let from = out.place(node, choice)?;
    [&t.ja, &t.en]
        .into_iter()
        .filter(|x| !x.trim().is_empty())
        .find_map(|x| crate::core::lint::find_text(out.source, from, x))
}

/// Scenes and their clocks: a budget that can be spent, choices that fit it, a way out.
fn check_scenes(c: &Compiled, out: &mut Sink) {
    use Severity::*;
    let s = &c.source;
    let loops = &c.loops;
    for (i, scene) in c.scenes.iter().enumerate() {
        let node = &s.nodes[scene.node as usize];
        let here = Some(node.id.as_str());
        if scene.minutes <= 0 {
            out.push(Error, here, None, Msg::SceneNoBudget);
            continue;
        }
        if let Some(first) = c.scenes[..i]
            .iter()
            .find(|other| loops[other.node as usize] == loops[scene.node as usize])
        {
            out.push(
                Error,
                here,
                None,
                Msg::SceneSharesLoop {
                    other: s.nodes[first.node as usize].id.clone(),
                },
            );
            continue;
        }
        // With the clock's own edge to `over` counted: an `over` that leads back in is inside.
        if loops[scene.over as usize] == loops[scene.node as usize] {
            out.push(
                Error,
                here,
                None,
                Msg::OverInsideScene {
                    over: s.nodes[scene.over as usize].id.clone(),
                },
            );
        }
        let (mut questions, mut leave, mut again) = (0i64, 0i64, false);
        for (n, cn) in c.nodes.iter().enumerate() {
            if cn.scene != c.nodes[scene.node as usize].scene {
                continue;
            }
            for (k, choice) in cn.choices.iter().enumerate() {
                let id = s.nodes[n].choices[k].id.as_str();
                if choice.minutes > scene.minutes {
                    out.push(
                        Warning,
                        Some(&s.nodes[n].id),
                        Some(id),
                        Msg::ChoiceLongerThanScene {
                            minutes: choice.minutes,
                            scene: scene.minutes,
                        },
                    );
                }
                let stays = choice
                    .goto
                    .is_none_or(|g| loops[g as usize] == loops[scene.node as usize]);
                match (stays, choice.once.is_some()) {
                    (true, true) => questions += choice.minutes as i64,
                    (true, false) => again |= choice.minutes > 0,
                    (false, _) => leave = leave.max(choice.minutes as i64),
                }
            }
        }
        if again {
            continue;
        }
        if questions + leave < scene.minutes as i64 {
            out.push(
                Warning,
                here,
                None,
                Msg::SceneCannotBeSpent {
                    minutes: scene.minutes,
                    most: questions + leave,
                },
            );
        } else if questions <= scene.minutes as i64 {
            out.push(
                Warning,
                here,
                None,
                Msg::SceneTooRoomy {
                    minutes: scene.minutes,
                    questions,
                },
            );
        }
    }
    for (n, cn) in c.nodes.iter().enumerate() {
        if cn.scene.is_some() {
            continue;
        }
        for (k, choice) in cn.choices.iter().enumerate() {
            if choice.minutes > 0 {
                out.push(
                    Warning,
                    Some(&s.nodes[n].id),
                    Some(&s.nodes[n].choices[k].id),
                    Msg::MinutesOutsideScene,
                );
            }
        }
    }
}

/// Whether the length of an answer gives away how good it is.
fn check_length_cues(c: &Compiled, a: &Analysis, out: &mut Sink) {
    use crate::core::length_cues::length_cues;
    for count in length_cues(c, a, Lang::Ja) {
        if !count.is_significant() {
            continue;
        }
        let nodes: Vec<String> = count
            .nodes
            .iter()
            .map(|&n| c.source.nodes[n as usize].id.clone())
            .collect();
        out.push(
            Severity::Warning,
            nodes.first().map(String::as_str),
            None,
            Msg::LengthCue {
                cue: count.cue,
                hits: count.nodes.len(),
                decisions: count.decisions,
                expected: count.expected,
                p_value: count.p_value,
                nodes: nodes.clone(),
            },
        );
    }
}

/// Checks that need the paths through the scenario.
fn check_paths(c: &Compiled, a: &Analysis, out: &mut Sink) {
    use Severity::*;
    let s = &c.source;
    if !a.can_end() {
        out.push(Error, Some(&s.start), None, Msg::NoEnding);
    }
    for &n in &a.dead_ends {
        out.push(Error, Some(&s.nodes[n as usize].id), None, Msg::Stuck);
    }
    let structural = crate::core::analysis::reachable_in_graph(c);
    for (i, node) in s.nodes.iter().enumerate() {
        if !structural[i] {
            out.push(Warning, Some(&node.id), None, Msg::NeverLedTo);
        } else if !a.reachable[i] {
            out.push(Warning, Some(&node.id), None, Msg::NeverReachable);
        }
    }
    for &comp in &a.unbounded {
        let (node, choice) = looping_scorer(c, comp).unzip();
        out.push(
            Warning,
            node,
            choice,
            Msg::Unbounded {
                competency: c.competencies[comp as usize].id.clone(),
            },
        );
    }
    let scored: HashMap<u32, bool> = (0..c.competencies.len() as u32)
        .map(|i| (i, a.best[i as usize] > 0 && a.best[i as usize] < UNBOUNDED))
        .collect();
    for (i, comp) in c.competencies.iter().enumerate() {
        if !scored[&(i as u32)] && !a.unbounded.contains(&(i as u32)) {
            out.push(
                Warning,
                None,
                None,
                Msg::NeverEarned {
                    competency: comp.id.clone(),
                },
            );
        }
    }
}

/// The first choice that scores `comp` and can be taken again without leaving its loop:
/// where an unbounded score comes from, so that the warning can point at it.
fn looping_scorer(c: &Compiled, comp: u32) -> Option<(&str, &str)> {
    let scores = |fx: &[Fx]| {
        fx.iter().any(
            |f| matches!(f, Fx::Score { competency, points } if *competency == comp && *points > 0),
        )
    };
    c.nodes.iter().enumerate().find_map(|(n, node)| {
        node.choices.iter().enumerate().find_map(|(k, ch)| {
            let stays = ch.goto.is_none_or(|g| c.loops[g as usize] == c.loops[n]);
            let branches = ch.chance.iter().flat_map(|b| [&b.success, &b.failure]);
            let scored = scores(&ch.effects) || branches.clone().any(|b| scores(&b.effects));
            let branch_stays = branches.filter(|b| scores(&b.effects)).any(|b| {
                b.goto
                    .or(ch.goto)
                    .is_none_or(|g| c.loops[g as usize] == c.loops[n])
            });
            (ch.once.is_none() && scored && (stays || branch_stays)).then(|| {
                let source = &c.source.nodes[n];
                (source.id.as_str(), source.choices[k].id.as_str())
            })
        })
    })
}
