//! The debrief being looked at: the logs, the tab, the scenario of the group view, the
//! session and step of the replay, the two paths compared. Logic without drawing: the flow
//! and the class view build it, the debrief screen shows it.

use std::path::{Path, PathBuf};

use bevy::prelude::*;

use crate::core::debrief::{Debrief, Replay};
use crate::core::export::{
    self, Report,
    xapi::{moment, timestamp},
};
use crate::core::log::write_atomic;
use crate::core::model::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Group,
    Replay,
}

/// One side of a comparison: a trainee's session, or the best path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Trainee(usize),
    Best,
}

/// The logs being debriefed and where the facilitator is in them.
#[derive(Resource)]
pub struct DebriefState {
    pub debrief: Debrief,
    pub folder: std::path::PathBuf,
    pub tab: Tab,
    /// The scenario of the group view (an index into `debrief.scenarios`).
    pub scenario: usize,
    /// The session being replayed (an index into `debrief.played`).
    pub played: usize,
    pub step: usize,
    pub replay: Option<Replay>,
    pub anonymise: bool,
    pub left: Side,
    pub right: Side,
    /// The whole conversation map, scored, over the replay (the session is over: nothing
    /// to give away).
    pub graph: bool,
    /// The last export for the class: the files written, or why it failed.
    pub exported: Option<Result<Vec<PathBuf>, String>>,
}

impl DebriefState {
    pub fn new(debrief: Debrief, folder: std::path::PathBuf) -> Self {
        let scenario = debrief.played.first().map_or(0, |p| p.scenario);
        let mut state = DebriefState {
            debrief,
            folder,
            tab: Tab::Group,
            scenario,
            played: 0,
            step: 0,
            replay: None,
            anonymise: false,
            left: Side::Trainee(0),
            right: Side::Best,
            graph: false,
            exported: None,
        };
        state.open_replay(0);
        state
    }

    /// A newer read of the same class: the facilitator keeps their tab, scenario, session
    /// and step where they still exist.
    pub fn refresh(&mut self, debrief: Debrief) {
        let played = self.played;
        let step = self.step;
        self.debrief = debrief;
        if self.scenario >= self.debrief.scenarios.len() {
            self.scenario = self.debrief.played.first().map_or(0, |p| p.scenario);
        }
        for side in [&mut self.left, &mut self.right] {
            if matches!(*side, Side::Trainee(i) if i >= self.debrief.played.len()) {
                *side = Side::Trainee(0);
            }
        }
        self.replay = None;
        self.open_replay(if played < self.debrief.played.len() {
            played
        } else {
            0
        });
        let last = self.replay.as_ref().map_or(0, |r| r.steps.len());
        self.step = step.min(last);
    }

    pub fn open_replay(&mut self, played: usize) {
        if played < self.debrief.played.len() {
            self.played = played;
            self.replay = Some(self.debrief.replay(played));
            self.step = 0;
        }
    }

    /// Writes the class's report (HTML, to project or print) and decisions (CSV) into `dir`,
    /// as the screen shows them (anonymised or not), in `lang`; named by the time
    /// (`started`, seconds since 1970). The files written, or why not.
    pub fn export(&self, dir: &Path, lang: Lang, started: u64) -> Result<Vec<PathBuf>, String> {
        if self.debrief.played.is_empty() {
            return Err(lang
                .pick("書き出す記録がありません", "No session logs to export")
                .into());
        }
        let report = Report::new(&self.debrief, lang, self.anonymise);
        // 2026-11-28T110956: readable, sorted by time, and no `:` (Windows refuses it).
        let when = timestamp(moment(started, 0.0))[..19].replace(':', "");
        let mut written = Vec::new();
        for (ext, text) in [
            ("html", export::html(&report)),
            ("csv", export::csv(&report)),
        ] {
            let path = dir.join(format!("debrief-{when}.{ext}"));
            write_atomic(&path, &text).map_err(|e| format!("{}: {e}", path.display()))?;
            written.push(path);
        }
        Ok(written)
    }

    pub fn label(&self, side: Side, lang: Lang) -> String {
        match side {
            Side::Trainee(i) => self.debrief.trainee_label(i, self.anonymise, lang),
            Side::Best => lang.pick("最善の道筋", "Best path").to_owned(),
        }
    }

    pub fn path(&self, side: Side) -> Vec<crate::core::debrief::PathStep> {
        match side {
            Side::Trainee(i) => self.debrief.path(i),
            Side::Best => self.debrief.best_path(self.scenario),
        }
    }
}
