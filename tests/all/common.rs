//! Helpers shared by the tests: load a shipped scenario, play a path through it, look at
//! how a session ended, make a temporary folder, run the command line.

#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use tsunagu::core::model::Lang;

use tsunagu::core::analysis::{Analysis, analyse};
use tsunagu::core::compile::Compiled;
use tsunagu::core::engine::{Mode, Session};
use tsunagu::core::model::Outcome;
use tsunagu::core::validate::check_file;

/// The competencies every shipped scenario scores: the four core ones, decision support
/// and ethics.
pub const COMPETENCIES: [&str; 6] = [
    "strengths",
    "needs",
    "community",
    "escalation",
    "self_determination",
    "ethics",
];

/// The exemplary path through `first-meeting.ron`: the good ending with full marks. The
/// three questions fill the visit's 35 minutes, so `plan_now` is taken at `visit_over`.
pub const BEST: &[&str] = &[
    "greet_her",
    "note_demand",
    "ask_likes",
    "ask_day",
    "ask_why_out",
    "plan_now",
    "options",
    "ask_consent",
    "raise",
    "report_council",
    "with_tanaka",
];

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A temporary folder of a test's own, empty: `name` (say `authoring-new`) must differ
/// between the tests, which run at the same time.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tsunagu-{}-{name}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs the `tsunagu` binary in the repository: its exit code, standard output and
/// standard error.
pub fn tsunagu<S: AsRef<OsStr>>(args: &[S]) -> (i32, String, String) {
    tsunagu_with(args, &[])
}

/// `tsunagu` with its data folder (`TSUNAGU_HOME`) in `home`, not the user's.
pub fn tsunagu_at_home<S: AsRef<OsStr>>(home: &Path, args: &[S]) -> (i32, String, String) {
    tsunagu_with(args, &[("TSUNAGU_HOME", home.as_os_str())])
}

/// As `tsunagu`, with these variables set. Without them the language is pinned whatever
/// the machine: no game settings (a data folder of the test run's own, with none) and the
/// `C` locale, so Japanese.
pub fn tsunagu_with<S: AsRef<OsStr>>(args: &[S], vars: &[(&str, &OsStr)]) -> (i32, String, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tsunagu"));
    let home = std::env::temp_dir().join(format!("tsunagu-{}-home", std::process::id()));
    command
        .args(args)
        .current_dir(repo())
        .env("TSUNAGU_HOME", home)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C");
    for (name, value) in vars {
        command.env(name, value);
    }
    let out = command.output().expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A scenario from `scenarios/`, which must be playable.
pub fn scenario(file: &str) -> Arc<Compiled> {
    let path = repo().join("scenarios").join(file);
    let checked = check_file(&path);
    let errors: Vec<String> = checked.errors().map(|p| p.render(Lang::En)).collect();
    assert!(
        errors.is_empty(),
        "{} has errors:\n{}",
        path.display(),
        errors.join("\n")
    );
    checked.playable().cloned().expect("playable")
}

pub fn scenario_at(path: &Path) -> Arc<Compiled> {
    let checked = check_file(path);
    checked
        .playable()
        .cloned()
        .unwrap_or_else(|| panic!("{} is not playable: {:?}", path.display(), checked.problems))
}

/// Plays the choices (ids) in order from the start, failing with the open choices if one
/// is not open.
pub fn play(s: &Arc<Compiled>, choices: &[&str], seed: u64) -> Session {
    let mut session = Session::new(s.clone(), seed, Mode::Training);
    for (i, id) in choices.iter().enumerate() {
        if let Err(e) = session.choose_id(id, 1.0) {
            panic!("step {} (`{id}`): {e}", i + 1);
        }
    }
    session
}

/// Points on a competency as a percentage of the best attainable.
pub fn percent(session: &Session, analysis: &Analysis, competency: &str) -> f64 {
    let c = session.scenario();
    let i = c
        .competency_index(competency)
        .unwrap_or_else(|| panic!("no competency `{competency}`"));
    let best = analysis.best[i as usize];
    assert!(best > 0, "`{competency}` cannot be earned");
    session.scores()[i as usize] as f64 * 100.0 / best as f64
}

pub fn analysis(s: &Compiled) -> Analysis {
    analyse(s)
}

/// Points on a competency (raw, not a percentage).
pub fn score(session: &Session, competency: &str) -> i32 {
    let i = session
        .scenario()
        .competency_index(competency)
        .unwrap_or_else(|| panic!("no competency `{competency}`"));
    session.scores()[i as usize]
}

/// Checks that each of `competencies` is at `least` percent of the best attainable or more
/// (`seed` names the playthrough in the message).
pub fn assert_percent_at_least<'c>(
    session: &Session,
    analysis: &Analysis,
    competencies: impl IntoIterator<Item = &'c str>,
    least: f64,
    seed: u64,
) {
    for c in competencies {
        let p = percent(session, analysis, c);
        assert!(p >= least, "seed {seed}: `{c}` at {p:.0}%");
    }
}

/// Checks that some path earns points on each of `competencies`.
pub fn assert_earnable<'c>(
    s: &Compiled,
    analysis: &Analysis,
    competencies: impl IntoIterator<Item = &'c str>,
) {
    for c in competencies {
        let i = s
            .competency_index(c)
            .unwrap_or_else(|| panic!("no competency `{c}`"));
        assert!(analysis.best[i as usize] > 0, "`{c}` cannot be earned");
    }
}

/// Checks that a Good, a Mixed and a Poor ending can each be reached.
pub fn assert_every_outcome_reachable(s: &Compiled, analysis: &Analysis) {
    let outcomes: Vec<Outcome> = analysis
        .endings
        .iter()
        .filter_map(|&n| s.source.nodes[n as usize].ending.as_ref())
        .map(|e| e.outcome)
        .collect();
    for o in [Outcome::Good, Outcome::Mixed, Outcome::Poor] {
        assert!(outcomes.contains(&o), "no reachable {o:?} ending");
    }
}

/// Plays `path` with seeds 1 and 2 and checks that the transcripts differ (text variants
/// vary); returns both sessions.
pub fn assert_seeds_read_differently(s: &Arc<Compiled>, path: &[&str]) -> (Session, Session) {
    let one = play(s, path, 1);
    let two = play(s, path, 2);
    assert_ne!(one.transcript(), two.transcript());
    (one, two)
}

/// The id of the node a session ended at.
pub fn ending_id(session: &Session) -> &str {
    let n = session.ended().expect("the session has ended");
    &session.scenario().source.nodes[n as usize].id
}

/// The outcome of the ending a session reached.
pub fn ending_outcome(session: &Session) -> Outcome {
    let n = session.ended().expect("the session has ended");
    session.scenario().source.nodes[n as usize]
        .ending
        .as_ref()
        .expect("an ending node")
        .outcome
}

/// The ending a session reached: its id and outcome.
pub fn ending(session: &Session) -> (&str, Outcome) {
    (ending_id(session), ending_outcome(session))
}

/// The value of a scenario variable in a session.
pub fn var(session: &Session, id: &str) -> i32 {
    let i = session
        .scenario()
        .vars
        .iter()
        .position(|v| v.id == id)
        .unwrap_or_else(|| panic!("no variable `{id}`"));
    session.state().vars[i]
}

/// The ids of the choices open now.
pub fn open_ids(session: &Session) -> Vec<String> {
    session
        .option_texts()
        .map(|(_, id, _)| id.to_owned())
        .collect()
}

/// The fenced RON blocks of a guide, with the type named after `ron` in their info string.
pub fn ron_blocks(doc: &str) -> Vec<(String, String, usize)> {
    let mut out = Vec::new();
    let mut lines = doc.lines().enumerate();
    while let Some((i, line)) = lines.next() {
        let Some(info) = line.trim_start().strip_prefix("```ron") else {
            continue;
        };
        let body: Vec<&str> = lines
            .by_ref()
            .take_while(|(_, l)| !l.trim_start().starts_with("```"))
            .map(|(_, l)| l)
            .collect();
        out.push((info.trim().to_owned(), body.join("\n"), i + 1));
    }
    out
}

/// A node of a scenario, by id.
pub fn node<'a>(s: &'a Compiled, id: &str) -> &'a tsunagu::core::model::Node {
    s.source
        .nodes
        .iter()
        .find(|n| n.id == id)
        .unwrap_or_else(|| panic!("no node `{id}`"))
}

/// A choice of a node, by ids.
pub fn choice<'a>(s: &'a Compiled, node_id: &str, id: &str) -> &'a tsunagu::core::model::Choice {
    node(s, node_id)
        .choices
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no choice `{id}` at `{node_id}`"))
}

/// A choice's scores, its own and both chance outcomes': (competency, points, reason).
pub fn scores_of(
    c: &tsunagu::core::model::Choice,
) -> Vec<(&str, i32, &tsunagu::core::model::Text)> {
    c.all_effects()
        .filter_map(|e| match e {
            tsunagu::core::model::Effect::Score {
                competency,
                points,
                reason,
            } => Some((competency.as_str(), *points, reason)),
            _ => None,
        })
        .collect()
}

/// A choice's points on one competency (both chance outcomes counted).
pub fn points(c: &tsunagu::core::model::Choice, competency: &str) -> i32 {
    scores_of(c)
        .iter()
        .filter(|(id, _, _)| *id == competency)
        .map(|(_, p, _)| p)
        .sum()
}

/// Every text of the scenario a player can see (lines, moods, turns, choices, replies,
/// reasons, endings).
pub fn all_texts(s: &Compiled) -> Vec<&tsunagu::core::model::Text> {
    let mut out = Vec::new();
    for n in &s.source.nodes {
        out.extend(&n.text);
        out.extend(n.moods.iter().flat_map(|m| &m.text));
        out.extend(n.turns.iter().map(|t| &t.text));
        out.extend(n.ending.iter().map(|e| &e.title));
        for c in &n.choices {
            out.push(&c.text);
            out.extend(c.replies());
            out.extend(scores_of(c).into_iter().map(|(_, _, r)| r));
        }
    }
    out
}

/// Every reason that names one of `principles` scores under `ethics`, and a breach of
/// confidentiality earns no escalation or community points with it. Returns how many
/// reasons named a principle.
pub fn assert_ethics_scored_as_ethics(s: &Compiled, principles: &[&str]) -> usize {
    let mut seen = 0;
    for n in &s.source.nodes {
        for c in &n.choices {
            let scores = scores_of(c);
            for (competency, _, reason) in &scores {
                if principles.iter().any(|p| reason.ja.starts_with(p)) {
                    seen += 1;
                    assert_eq!(*competency, "ethics", "`{}`: {}", c.id, reason.ja);
                }
            }
            let breach = scores
                .iter()
                .any(|(id, p, r)| *id == "ethics" && *p < 0 && r.ja.starts_with("守秘義務"));
            if breach {
                assert!(points(c, "escalation") <= 0, "`{}`", c.id);
                assert!(points(c, "community") <= 0, "`{}`", c.id);
            }
        }
    }
    seen
}

/// A meeting in the several-voices format: everyone in `room` is present at each of the
/// meeting's nodes and says something somewhere in it (a node's text or turn, a reply).
pub fn assert_meeting(s: &Compiled, nodes: &[&str], room: &[&str]) {
    let mut voices = std::collections::BTreeSet::new();
    for id in nodes {
        let n = node(s, id);
        for who in room {
            assert!(n.present.iter().any(|p| p == who), "{who} at `{}`", n.id);
        }
        voices.extend(n.speaker.iter().cloned());
        voices.extend(n.turns.iter().map(|t| t.by.clone()));
        for c in &n.choices {
            voices.extend(c.reply_by.iter().cloned());
            voices.extend(c.turns.iter().map(|t| t.by.clone()));
        }
    }
    for who in room {
        assert!(voices.contains(*who), "{who} speaks at the meeting");
    }
}

/// `path` with the run of steps `from` replaced by `to`.
pub fn replaced<'a>(path: &[&'a str], from: &[&str], to: &[&'a str]) -> Vec<&'a str> {
    let at = path
        .windows(from.len())
        .position(|w| w == from)
        .unwrap_or_else(|| panic!("{from:?} is not on the path"));
    let mut out: Vec<&'a str> = path[..at].to_vec();
    out.extend_from_slice(to);
    out.extend_from_slice(&path[at + from.len()..]);
    out
}

/// `path` up to (not including) the step `id`.
pub fn before<'p, 'a>(path: &'p [&'a str], id: &str) -> &'p [&'a str] {
    let at = path
        .iter()
        .position(|&step| step == id)
        .unwrap_or_else(|| panic!("`{id}` is not on the path"));
    &path[..at]
}

/// The line (from 1) of the first line of `text` that contains `needle`.
pub fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("`{needle}` is not in the text"))
        + 1
}
