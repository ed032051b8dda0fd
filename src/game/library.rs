//! The scenarios found on disk, good and broken, and the unfinished sessions that can be
//! resumed. A broken scenario is listed with its error; it never hides the good ones.
//!
//! Checking a scenario (loading, validating, analysing it) takes a while, so the game scans
//! on a thread of its own ([`LibraryScan`]): the window opens without waiting for it, and
//! the scenario list fills in as the files are checked.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

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

/// The `.ron` files of a folder and its subfolders, as `tsunagu validate` finds them (none
/// for a folder that does not exist: the data folder's own may not yet).
fn ron_files(dir: &Path) -> Vec<PathBuf> {
    if !dir.exists() {
        return Vec::new();
    }
    crate::core::load::ron_files(std::slice::from_ref(&dir.to_path_buf())).0
}

/// What a scan finds, in order: the scenarios one by one, then the session logs.
enum Found {
    Scenario(Box<Checked>),
    Logs {
        resumable: Vec<(PathBuf, SessionLog)>,
        broken: Vec<String>,
    },
}

/// Checks the scenario files in these folders (or these files) and reads the session logs,
/// handing each result to `found` as soon as it is known; stops early when `found` returns
/// false.
fn scan_each(scenario_dirs: &[PathBuf], sessions: &Path, mut found: impl FnMut(Found) -> bool) {
    let mut seen: Vec<PathBuf> = Vec::new();
    for dir in scenario_dirs {
        let files = ron_files(dir);
        for f in files {
            if seen.contains(&f) {
                continue;
            }
            seen.push(f.clone());
            if !found(Found::Scenario(Box::new(check_file(&f)))) {
                return;
            }
        }
    }
    let mut resumable = Vec::new();
    let mut broken = Vec::new();
    for f in ron_files(sessions) {
        match SessionLog::load(&f) {
            Ok(log) if log.ending.is_none() && !log.decisions.is_empty() => {
                resumable.push((f, log))
            }
            Ok(_) => {}
            Err(e) => broken.push(e.to_string()),
        }
    }
    resumable.sort_by_key(|(_, log)| std::cmp::Reverse(log.started));
    found(Found::Logs { resumable, broken });
}

impl Library {
    /// Scans at once, on this thread.
    pub fn scan(scenario_dirs: &[PathBuf], sessions: &Path) -> Library {
        let mut lib = Library::default();
        scan_each(scenario_dirs, sessions, |found| {
            lib.add(found);
            true
        });
        lib
    }

    /// Adds what a scan found: a scenario at the end of the list unless that file is
    /// listed already, the session logs in place of the ones known.
    fn add(&mut self, found: Found) {
        match found {
            Found::Scenario(checked) => {
                if !self.scenarios.iter().any(|c| c.path == checked.path) {
                    self.scenarios.push(*checked);
                }
            }
            Found::Logs { resumable, broken } => {
                self.resumable = resumable;
                self.broken_logs = broken;
            }
        }
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

/// A scan running on a thread of its own, whose results [`receive`] adds to the
/// [`Library`] frame by frame.
#[derive(Resource, Default)]
pub struct LibraryScan(Option<Running>);

struct Running {
    results: Mutex<Receiver<Found>>,
    /// A rescan replaces the list when it is complete, so that the list never shrinks or
    /// reorders under the trainee's pointer; a first scan fills an empty list as it goes.
    replace: Option<Library>,
}

impl LibraryScan {
    /// Starts scanning these folders and the session logs. With `replace`, the library is
    /// replaced when the scan is complete; otherwise each scenario is listed as soon as it
    /// is checked.
    pub fn start(scenario_dirs: Vec<PathBuf>, sessions: PathBuf, replace: bool) -> LibraryScan {
        let (send, results) = channel();
        std::thread::Builder::new()
            .name("scenario scan".into())
            .spawn(move || scan_each(&scenario_dirs, &sessions, |f| send.send(f).is_ok()))
            .expect("a thread for the scenario scan");
        LibraryScan(Some(Running {
            results: Mutex::new(results),
            replace: replace.then(Library::default),
        }))
    }

    /// Whether the scan has results still to come (they are added to the library frame by
    /// frame).
    pub fn is_running(&self) -> bool {
        self.0.is_some()
    }

    /// Adds what the scan has found so far to `library`; with `wait`, waits for the scan to
    /// complete first.
    fn collect(&mut self, library: &mut Library, wait: bool) {
        let Some(running) = self.0.as_mut() else {
            return;
        };
        let results = running
            .results
            .get_mut()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        loop {
            let found = if wait {
                results.recv().map_err(|_| TryRecvError::Disconnected)
            } else {
                results.try_recv()
            };
            match found {
                Ok(found) => match running.replace.as_mut() {
                    Some(next) => next.add(found),
                    None => library.add(found),
                },
                Err(TryRecvError::Empty) => return,
                Err(TryRecvError::Disconnected) => break,
            }
        }
        if let Some(next) = running.replace.take() {
            *library = next;
        }
        self.0 = None;
    }

    /// Waits for the scan to complete and adds everything it found: for what needs every
    /// scenario at once (the debrief matches logs to their scenarios).
    pub fn finish(&mut self, library: &mut Library) {
        self.collect(library, true);
    }
}

/// Adds what the scan has found since the last frame to the library.
/// The library of scenarios and logs, scanned on a thread of its own. Its results arrive
/// after the actions are applied, so that an action names a scenario by its place in the
/// list the trainee saw.
pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Library>()
        .init_resource::<LibraryScan>()
        .add_systems(Update, receive.in_set(super::flow::FlowSet::Receive));
}

pub fn receive(mut library: ResMut<Library>, mut scan: ResMut<LibraryScan>) {
    scan.collect(&mut library, false);
}
