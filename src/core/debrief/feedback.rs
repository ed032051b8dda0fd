//! The feedback of a decision: its points and the principle behind them.

use crate::core::engine::{Session, reason_of};
use crate::core::model::Text;

/// One feedback item: the points and the principle behind them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedbackItem {
    pub competency: u32,
    pub competency_id: String,
    pub competency_name: Text,
    pub points: i32,
    /// The principle the reason names (the part before its colon; empty if none).
    pub principle: Text,
    /// The rest of the reason.
    pub advice: Text,
}

/// The feedback a session gave at one step (0, 1, …), in the order it was given.
pub(super) fn feedback_at(session: &Session, step: usize) -> Vec<FeedbackItem> {
    let s = session.scenario();
    session
        .feedback()
        .iter()
        .filter(|f| f.step as usize == step)
        .map(|f| {
            let (principle, advice) = split_reason(reason_of(s, f.effect));
            let c = &s.competencies[f.competency as usize];
            FeedbackItem {
                competency: f.competency,
                competency_id: c.id.clone(),
                competency_name: c.name.clone(),
                points: f.points,
                principle,
                advice,
            }
        })
        .collect()
}

/// A reason's principle (before its first colon, when that comes early) and the rest.
fn split_reason(reason: &Text) -> (Text, Text) {
    fn split(s: &str) -> (String, String) {
        let colon = s
            .char_indices()
            .take(30)
            .find(|&(_, c)| c == ':' || c == '：');
        match colon {
            Some((i, c)) => (
                s[..i].trim().to_owned(),
                s[i + c.len_utf8()..].trim().to_owned(),
            ),
            None => (String::new(), s.trim().to_owned()),
        }
    }
    let (pj, aj) = split(&reason.ja);
    let (pe, ae) = split(&reason.en);
    (Text { ja: pj, en: pe }, Text { ja: aj, en: ae })
}
