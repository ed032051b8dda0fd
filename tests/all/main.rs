//! All integration tests in one binary: each test binary links the whole crate (Bevy too),
//! so one binary keeps `cargo test` fast to build.

mod common;
mod case_withdrawn;
mod case_home_or_facility;
mod case_group_home;
mod analysis;
mod cli;
mod engine;
mod fuzz;
mod load_errors;
mod log;
#[cfg(feature = "game")]
mod game;
mod authoring;
mod debrief;
