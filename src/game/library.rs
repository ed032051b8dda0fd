//! The scenarios found on disk, good and broken, and the unfinished sessions that can be
//! resumed. A broken scenario is listed with its error; it never hides the good ones.

use std::path::{Path, PathBuf};

use bevy::prelude::*;

use crate::core::log::SessionLog;
use crate::core::validate::{Checked, check_file};

#[derive(Resource, Debug, Default)]
pub struct Library {
    pub scenarios: Vec<Checked>,
    /// Unfinished sessions: the log file and what it holds.
    pub resumable: Vec<(PathBuf, SessionLog)>,
    /// Logs that could not be read, with why.
    pub broken_logs: Vec<String>,
}

fn ron_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    files
}

impl Library {
    pub fn scan(scenario_dirs: &[PathBuf], sessions: &Path) -> Library {
        let mut lib = Library::default();
        for dir in scenario_dirs {
            let files = if dir.is_file() {
                vec![dir.clone()]
            } else {
                ron_files(dir)
            };
            for f in files {
                if !lib.scenarios.iter().any(|c| c.path == f) {
                    lib.scenarios.push(check_file(&f));
                }
            }
        }
        for f in ron_files(sessions) {
            match SessionLog::load(&f) {
                Ok(log) if log.ending.is_none() && !log.decisions.is_empty() => {
                    lib.resumable.push((f, log))
                }
                Ok(_) => {}
                Err(e) => lib.broken_logs.push(e.to_string()),
            }
        }
        lib.resumable
            .sort_by_key(|(_, log)| std::cmp::Reverse(log.started));
        lib
    }

    /// The playable scenario with this id.
    pub fn find(&self, id: &str) -> Option<usize> {
        self.scenarios
            .iter()
            .position(|c| c.playable().is_some_and(|s| s.source.id == id))
    }

    /// The scenario loaded from this file, adding it if it is not listed yet.
    pub fn find_or_add(&mut self, path: &Path) -> usize {
        if let Some(i) = self.scenarios.iter().position(|c| c.path == path) {
            return i;
        }
        self.scenarios.push(check_file(path));
        self.scenarios.len() - 1
    }
}
