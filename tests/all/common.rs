//! Helpers shared by the tests: load a shipped scenario, play a path through it.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tsunagu::core::analysis::{Analysis, analyse};
use tsunagu::core::compile::Compiled;
use tsunagu::core::engine::{Mode, Session};
use tsunagu::core::validate::check_file;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A scenario from `scenarios/`, which must be playable.
pub fn scenario(file: &str) -> Arc<Compiled> {
    let path = repo().join("scenarios").join(file);
    let checked = check_file(&path);
    let errors: Vec<String> = checked.errors().map(|p| p.to_string()).collect();
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
