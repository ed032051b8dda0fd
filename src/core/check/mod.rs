//! Checking a scenario: problems, the structural checks and the lints, the state-space analysis and what it forgets, the node graph, the naive-strategy simulation.

pub mod analysis;
pub mod explore;
pub mod fact_notes;
pub mod hub;
pub mod interner;
pub mod ladder_flow;
pub mod length_cues;
pub mod lint;
pub mod naive;
pub mod never_holds;
pub mod problem;
pub mod relevance;
pub mod scc;
pub mod simulate;
pub mod suggest;
pub mod validate;
