//! What a scenario must hold to be played, and what an author should fix: every problem
//! says where it is (file, line, node, choice) and what to do.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustc_hash::FxHashSet;

use super::analysis::{Analysis, UNBOUNDED, analyse};
use super::compile::Compiled;
use super::load::{self, LoadError};
use super::locate::{Pos, SourceMap};
use super::model::{Effect, Lang, Role, Scenario, Text};

use super::problem::Sink;
pub use super::problem::{Problem, Severity};

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
    let pos = match &e {
        LoadError::NotUtf8 { line, column, .. } | LoadError::Syntax { line, column, .. } => {
            Some(Pos {
                line: *line,
                column: *column,
            })
        }
        _ => None,
    };
    let message = match &e {
        LoadError::Syntax { message, .. } => message.clone(),
        LoadError::NotUtf8 { .. } => "the file is not UTF-8 text (save it as UTF-8)".into(),
        LoadError::TooLarge { size, .. } => {
            format!("the file is {size} bytes, over the limit of 16 MiB")
        }
        LoadError::Io { source, .. } => format!("cannot read the file: {source}"),
    };
    Checked {
        path: path.to_owned(),
        compiled: None,
        analysis: None,
        hash,
        problems: vec![Problem {
            severity: Severity::Error,
            path: path.to_owned(),
            pos,
            node: None,
            choice: None,
            message,
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
                super::lint::lint_paths(&c, &a, &mut out);
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
                    r.message,
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
    super::lint::lint(s, out);
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
    for id in duplicates(s.nodes.iter().map(|n| n.id.as_str())) {
        out.push(
            Error,
            Some(id),
            None,
            format!("two nodes are named `{id}`: node ids must be unique"),
        );
    }
    let entities = s
        .cast
        .iter()
        .map(|c| c.id.as_str())
        .chain(s.resources.iter().map(|r| r.id.as_str()))
        .chain(s.notes.iter().map(|n| n.id.as_str()));
    for id in duplicates(entities) {
        out.declared(
            Error,
            id,
            format!(
                "`{id}` is declared twice among the cast, resources and notes: ids must be unique"
            ),
        );
    }
    for id in duplicates(s.issues.iter().map(|i| i.id.as_str())) {
        out.declared(Error, id, format!("two issues are named `{id}`"));
    }
    for id in duplicates(s.variables.iter().map(|v| v.id.as_str())) {
        out.declared(Error, id, format!("two variables are named `{id}`"));
    }
    for id in duplicates(s.rubric.iter().map(|c| c.id.as_str())) {
        out.declared(Error, id, format!("two competencies are named `{id}`"));
    }
    for v in &s.variables {
        if v.min > v.max {
            out.declared(
                Error,
                &v.id,
                format!(
                    "the variable `{}` has min {} above max {}",
                    v.id, v.min, v.max
                ),
            );
        }
    }
    let people = s.cast.iter().filter(|c| c.role == Role::Person).count();
    if people > 1 {
        out.push(
            Warning,
            None,
            None,
            format!("{people} people in the cast have the role `Person`; the first is the centre of the ecomap"),
        );
    }
    for node in &s.nodes {
        let here = Some(node.id.as_str());
        for id in duplicates(node.choices.iter().map(|c| c.id.as_str())) {
            out.push(
                Error,
                here,
                Some(id),
                format!("two choices in this node are named `{id}`"),
            );
        }
        if node.text.is_empty() {
            out.push(
                Error,
                here,
                None,
                "the node has no text: give it at least one line".into(),
            );
        }
        match (&node.ending, node.choices.is_empty()) {
            (Some(_), false) => out.push(
                Error,
                here,
                None,
                "an ending node cannot have choices: remove the choices or the ending".into(),
            ),
            (None, true) => out.push(
                Error,
                here,
                None,
                "the node can neither continue nor end: add choices or an `ending`".into(),
            ),
            _ => {}
        }
        if node.keep_order && node.choices.len() < 2 {
            out.push(
                Warning,
                here,
                None,
                "`keep_order` on a node with one choice changes nothing: remove it".into(),
            );
        }
        for choice in &node.choices {
            let at = Some(choice.id.as_str());
            if choice.minutes < 0 {
                out.push(
                    Error,
                    here,
                    at,
                    format!(
                        "a choice cannot take {} minutes: write 0 or more",
                        choice.minutes
                    ),
                );
            }
            // An error, not a clamp: a chance of 120% never fails, and the nodes after its
            // failure would be reported as unreachable for a reason the author never wrote.
            if let Some(ch) = &choice.chance
                && !(0..=100).contains(&ch.percent)
            {
                let pos = out.place(here, at).and_then(|from| {
                    super::lint::find_raw(out.source, from, &format!("percent: {}", ch.percent))
                });
                out.push_at(Error, here, at, pos, percent_out_of_range(ch.percent));
            }
            for e in choice.all_effects() {
                if let Effect::Score { points, reason, .. } = e
                    && *points != 0
                    && reason.ja.trim().is_empty()
                    && reason.en.trim().is_empty()
                {
                    out.push(
                        Warning,
                        here,
                        at,
                        "a scored choice has no reason: name the principle behind the points"
                            .into(),
                    );
                }
            }
        }
    }
    super::fact_notes::check(s, out);
    check_translations(s, out);
}

/// The message for a chance's percent outside 0–100.
fn percent_out_of_range(percent: i32) -> String {
    format!(
        "a chance of {percent}% is outside 0–100: write a percent from 0 to 100 (a chance that always succeeds or always fails is no chance: use `effects` and `goto` instead)"
    )
}

fn check_translations(s: &Scenario, out: &mut Sink) {
    let missing =
        |what: &str, t: &Text, node: Option<&str>, choice: Option<&str>, out: &mut Sink| {
            let lacks: Vec<&str> = [("ja", &t.ja), ("en", &t.en)]
                .iter()
                .filter(|(_, x)| x.trim().is_empty())
                .map(|(l, _)| *l)
                .collect();
            let optional_and_absent = t.ja.is_empty() && t.en.is_empty() && what == "description";
            if !lacks.is_empty() && !optional_and_absent {
                out.push(
                    Severity::Warning,
                    node,
                    choice,
                    format!("the {what} has no `{}` translation", lacks.join("` or `")),
                );
            }
        };
    missing("title", &s.title, None, None, out);
    missing("summary", &s.summary, None, None, out);
    for g in &s.goals {
        missing("learning goal", g, None, None, out);
    }
    for c in &s.cast {
        missing(&format!("name of `{}`", c.id), &c.name, None, None, out);
    }
    for r in &s.resources {
        missing(&format!("name of `{}`", r.id), &r.name, None, None, out);
    }
    for n in &s.notes {
        missing(
            &format!("text of note `{}`", n.id),
            &n.text,
            None,
            None,
            out,
        );
    }
    for i in &s.issues {
        missing(
            &format!("title of issue `{}`", i.id),
            &i.title,
            None,
            None,
            out,
        );
    }
    for node in &s.nodes {
        let n = Some(node.id.as_str());
        for t in node
            .text
            .iter()
            .chain(node.moods.iter().flat_map(|m| &m.text))
            .chain(node.turns.iter().map(|t| &t.text))
        {
            missing("line", t, n, None, out);
        }
        if let Some(e) = &node.ending {
            missing("ending title", &e.title, n, None, out);
        }
        for c in &node.choices {
            let at = Some(c.id.as_str());
            missing("choice text", &c.text, n, at, out);
            for r in c.replies() {
                missing("reply", r, n, at, out);
            }
            for e in c.all_effects() {
                if let Effect::Score { reason, .. } = e
                    && !(reason.ja.is_empty() && reason.en.is_empty())
                {
                    missing("reason", reason, n, at, out);
                }
            }
        }
    }
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
            out.push(
                Error,
                here,
                None,
                "a scene needs a budget of 1 minute or more".into(),
            );
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
                format!(
                    "this scene shares its loop with the scene of `{}`, so they would share one clock: declare the scene once",
                    s.nodes[first.node as usize].id
                ),
            );
            continue;
        }
        // With the clock's own edge to `over` counted: an `over` that leads back in is inside.
        if loops[scene.over as usize] == loops[scene.node as usize] {
            out.push(
                Error,
                here,
                None,
                format!(
                    "the scene's `over` node `{}` is inside the scene (the conversation can come back from it): it must lead out",
                    s.nodes[scene.over as usize].id
                ),
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
                        format!(
                            "this choice takes {} minutes but its scene has only {}: it is never offered",
                            choice.minutes, scene.minutes
                        ),
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
                format!(
                    "no path can spend the scene's {} minutes: its choices take {} at most. Give the scene fewer minutes, or its questions more",
                    scene.minutes,
                    questions + leave
                ),
            );
        } else if questions <= scene.minutes as i64 {
            out.push(
                Warning,
                here,
                None,
                format!(
                    "every question of this scene fits in its {} minutes (they take {} in all): the trainee need not choose which to ask. Give the scene fewer minutes so that the questions that matter most must be chosen",
                    scene.minutes, questions
                ),
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
                    "minutes count only inside a scene: declare a `scene` on this node or on the hub it belongs to, or remove the minutes".into(),
                );
            }
        }
    }
}

/// Whether the length of an answer gives away how good it is.
fn check_length_cues(c: &Compiled, a: &Analysis, out: &mut Sink) {
    use super::length_cues::{Cue, length_cues};
    for count in length_cues(c, a, Lang::Ja) {
        if !count.is_significant() {
            continue;
        }
        let (what, fix) = match count.cue {
            Cue::ShortestIsBest => (
                "the best choice is also the shortest",
                "Give some good answers a reason (〜ので, 〜から) and make some poor ones short and plausible",
            ),
            Cue::LongestIsWorst => (
                "the worst choice is also the longest",
                "Make some poor answers short, and let good answers explain themselves too",
            ),
            Cue::LongestIsBest => (
                "the best choice is also the longest",
                "Make some good answers short and some poor ones long, with a plausible reason",
            ),
        };
        let ids: Vec<&str> = count
            .nodes
            .iter()
            .map(|&n| c.source.nodes[n as usize].id.as_str())
            .collect();
        out.push(
            Severity::Warning,
            ids.first().copied(),
            None,
            format!(
                "at {} of {} decision points {what} in Japanese (a blind pick would hit about {:.1}; chance gives so many in {:.1}% of scenarios) — nodes: {}. A trainee can learn the length instead of the judgement. {fix}",
                count.nodes.len(),
                count.decisions,
                count.expected,
                count.p_value * 100.0,
                ids.join(", ")
            ),
        );
    }
}

/// Checks that need the paths through the scenario.
fn check_paths(c: &Compiled, a: &Analysis, out: &mut Sink) {
    use Severity::*;
    let s = &c.source;
    if !a.can_end() {
        out.push(
            Error,
            Some(&s.start),
            None,
            "no ending can be reached from the start: every session would be stuck".into(),
        );
    }
    for &n in &a.dead_ends {
        out.push(
            Error,
            Some(&s.nodes[n as usize].id),
            None,
            "a conversation can get stuck here: on some path no choice is open and the node is not an ending".into(),
        );
    }
    let structural = super::analysis::reachable_in_graph(c);
    for (i, node) in s.nodes.iter().enumerate() {
        if !structural[i] {
            out.push(
                Warning,
                Some(&node.id),
                None,
                "no choice leads to this node: it can never be reached".into(),
            );
        } else if !a.reachable[i] {
            out.push(
                Warning,
                Some(&node.id),
                None,
                "this node can never be reached: the conditions on the choices that lead here never hold together".into(),
            );
        }
    }
    for &comp in &a.unbounded {
        out.push(
            Warning,
            None,
            None,
            format!(
                "points for `{}` can be earned again and again in a loop: make the scored choice `once: true`",
                c.competencies[comp as usize].id
            ),
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
                format!(
                    "the competency `{}` can never be earned on any path: add a choice that scores it",
                    comp.id
                ),
            );
        }
    }
}
