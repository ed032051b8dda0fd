//! How a session ended, as the replay and the group view show it.

use crate::core::compile::Compiled;
use crate::core::model::{Outcome, Text};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndingView {
    pub node: u32,
    pub node_id: String,
    pub title: Text,
    pub outcome: Outcome,
}

pub(super) fn ending_view(s: &Compiled, node: u32) -> EndingView {
    let n = &s.source.nodes[node as usize];
    let (title, outcome) = n
        .ending
        .as_ref()
        .map_or((Text::default(), Outcome::Mixed), |e| {
            (e.title.clone(), e.outcome)
        });
    EndingView {
        node,
        node_id: n.id.clone(),
        title,
        outcome,
    }
}
