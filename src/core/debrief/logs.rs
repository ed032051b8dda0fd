//! Finding and reading session logs: a log that cannot be used is listed with the reason,
//! and the others still load.

use std::path::{Path, PathBuf};

use crate::core::load::LoadError;
use crate::core::log::{LOG_FORMAT, LOG_FORMATS_READ, SessionLog};

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
/// subfolders) for `.ron` files (`load::ron_files`).
pub fn log_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<LogProblem>) {
    let (files, unread) = crate::core::load::ron_files(paths);
    let problems = unread
        .into_iter()
        .map(|(path, source)| LogProblem::Folder { path, source })
        .collect();
    (files, problems)
}

/// Reads every log under the given paths; those that fail are listed with their error.
pub fn load_logs(paths: &[PathBuf]) -> (Vec<LoadedLog>, Vec<LogProblem>) {
    let (files, mut problems) = log_files(paths);
    let mut logs = Vec::with_capacity(files.len());
    for path in files {
        match SessionLog::load(&path) {
            Ok(log) if !LOG_FORMATS_READ.contains(&log.format) => {
                problems.push(LogProblem::Format {
                    path,
                    found: log.format,
                    expected: LOG_FORMAT,
                })
            }
            Ok(log) => logs.push(LoadedLog { path, log }),
            Err(e) => problems.push(e.into()),
        }
    }
    (logs, problems)
}
