//! What every export draws from, worked out once, and how figures are written.

use crate::core::debrief::{Debrief, Group, Replay};
use crate::core::model::Lang;

pub struct Report<'a> {
    pub debrief: &'a Debrief,
    pub groups: Vec<Group>,
    /// One per played log, in the same order.
    pub replays: Vec<Replay>,
    pub lang: Lang,
    /// Show trainees as 受講者N / Trainee N (the report's numbering, by first start).
    pub anonymise: bool,
}

impl<'a> Report<'a> {
    pub fn new(debrief: &'a Debrief, lang: Lang, anonymise: bool) -> Self {
        Report {
            groups: debrief.groups(),
            replays: (0..debrief.played.len())
                .map(|i| debrief.replay(i))
                .collect(),
            debrief,
            lang,
            anonymise,
        }
    }

    pub(super) fn tr(&self, ja: &'static str, en: &'static str) -> &'static str {
        self.lang.pick(ja, en)
    }

    pub(super) fn label(&self, played: usize) -> String {
        self.debrief
            .trainee_label(played, self.anonymise, self.lang)
    }
}

/// Seconds as written in reports: at most two decimals, no trailing zeros; 0 when the log
/// holds no sensible figure.
pub fn seconds(x: f32) -> String {
    let x = if x.is_finite() {
        x.max(0.0) as f64
    } else {
        0.0
    };
    number((x * 100.0).round() / 100.0)
}

/// A figure as written in reports: at most two decimals, no trailing zeros.
pub fn number(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}
