//! A session being played: its state, the engine, scoring, the transcript, the log, the naive strategies and the summary of a run.

pub mod engine;
pub mod log;
pub mod scoring;
pub mod state;
pub mod strategy;
pub mod summary;
pub mod transcript;
