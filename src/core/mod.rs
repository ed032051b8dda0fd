//! The pure core: scenarios, sessions, scoring, logs. No Bevy, no window: everything a
//! trainee can do in the game can be done here in a test.

pub mod analysis;
pub mod compile;
pub mod engine;
pub mod load;
pub mod locate;
pub mod log;
pub mod model;
pub mod scoring;
pub mod state;
pub mod transcript;
pub mod validate;
pub mod generate;
