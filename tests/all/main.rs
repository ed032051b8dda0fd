//! All integration tests in one binary: each test binary links the whole crate (Bevy too),
//! so one binary keeps `cargo test --release` fast to build.

mod analysis;
mod authoring;
mod case_group_home;
mod case_home_or_facility;
mod case_safeguarding;
mod case_type_a;
mod case_withdrawn;
mod cli;
mod common;
mod data;
mod debrief;
mod engine;
mod fact_notes;
mod fuzz;
#[cfg(feature = "game")]
mod game;
#[cfg(feature = "game")]
mod game_class;
mod ime;
mod judgement;
mod load_errors;
mod log;
mod lrs;
mod messages;
mod never_holds;
mod ralph;
#[cfg(feature = "game")]
mod screens;
mod xapi;
