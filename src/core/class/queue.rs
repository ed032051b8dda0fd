//! A session's statements queued as it is played: after each decision, the `answered`
//! statements of the decisions not yet queued, and once the session has ended its
//! `completed` statement. They are the statements the xAPI export writes for the same log
//! (`export::xapi`), so what the LRS holds and an export made later agree.

use std::path::Path;

use crate::core::class::outbox::{Outbox, OutboxError};
use crate::core::debrief::{Debrief, LoadedLog};
use crate::core::export::xapi::{self, Statement, XapiOptions};
use crate::core::log::SessionLog;
use crate::core::validate::Checked;

/// A statement as it is queued and sent: compact JSON, the same bytes every time.
pub fn statement_text(st: &Statement) -> String {
    serde_json::to_string(st).expect("statements are plain data and always serialise")
}

/// What has been queued of one session.
#[derive(Debug, Clone)]
pub struct SessionStatements {
    scenario: Checked,
    options: XapiOptions,
    queued: usize,
    completed: bool,
}

impl SessionStatements {
    /// For a session of `scenario` (as checked, with its analysis: the completed
    /// statement's score range comes from it, as in the export).
    pub fn new(scenario: Checked, options: XapiOptions) -> Self {
        SessionStatements {
            scenario,
            options,
            queued: 0,
            completed: false,
        }
    }

    /// Puts in `outbox` what `log` holds that is not queued yet; how many statements that
    /// was. `path` is where the log is kept (or would be).
    /// Whether a session with `steps` decisions (and `ended` or not) has statements not
    /// queued yet: cheap, so that the game asks before it writes the session as a log.
    pub fn is_due(&self, steps: usize, ended: bool) -> bool {
        steps > self.queued || (ended && !self.completed)
    }

    pub fn queue(
        &mut self,
        log: &SessionLog,
        path: &Path,
        outbox: &Outbox,
    ) -> Result<usize, OutboxError> {
        let steps = log.decisions.len();
        let ended = log.ending.is_some();
        if !self.is_due(steps, ended) {
            return Ok(0);
        }
        let loaded = LoadedLog {
            path: path.to_owned(),
            log: log.clone(),
        };
        let debrief = Debrief::from_logs(vec![loaded], vec![self.scenario.clone()]);
        if debrief.played.is_empty() {
            // The log does not fit its own scenario: nothing that could be sent.
            return Ok(0);
        }
        let mut statements = Vec::new();
        for number in self.queued + 1..=steps {
            statements.extend(xapi::statement_for_step(&debrief, 0, number, &self.options));
        }
        if ended && !self.completed {
            statements.extend(xapi::completed_statement(&debrief, 0, &self.options));
        }
        let mut queued = 0;
        for st in &statements {
            queued += usize::from(outbox.put(&statement_text(st))?);
        }
        self.queued = steps;
        self.completed = ended;
        Ok(queued)
    }
}
