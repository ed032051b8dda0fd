//! The pure core: scenarios, sessions, scoring, logs. No Bevy, no window: everything a
//! trainee can do in the game can be done here in a test.

pub mod analysis;
pub mod class;
pub mod compile;
pub mod data;
pub mod debrief;
pub mod engine;
pub mod export;
pub mod generate;
pub mod graph;
pub mod guide;
pub mod interner;
pub mod length_cues;
pub mod lint;
pub mod load;
pub mod locate;
pub mod log;
pub mod model;
pub mod naive;
pub mod problem;
pub mod relevance;
pub mod rubric_table;
pub mod scc;
pub mod scoring;
pub mod simulate;
pub mod state;
pub mod strategy;
pub mod template;
pub mod transcript;
pub mod validate;
