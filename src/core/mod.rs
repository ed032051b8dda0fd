//! The pure core: scenarios, sessions, scoring, logs. No Bevy, no window: everything a
//! trainee can do in the game can be done here in a test. A folder per layer: `scenario`
//! (the file and its compiled form), `play` (a session), `check` (validation, lints, the
//! analysis), `debrief`, `export`, `class` (the class over an LRS), `message` (problems in
//! words). The layers' modules are also reachable at `core::` (`core::model`,
//! `core::engine`…), the paths the rest of the program and the tests use.

pub mod check;
pub mod class;
pub mod data;
pub mod debrief;
pub mod ecomap_layout;
pub mod export;
pub mod generate;
pub mod graph;
pub mod graph_hubs;
pub mod guide;
pub mod lang_pref;
pub mod message;
pub mod play;
pub mod rubric_table;
pub mod scenario;

pub use check::{
    analysis, explore, fact_notes, hub, interner, ladder_flow, length_cues, lint, naive,
    never_holds, problem, relevance, scc, simulate, suggest, validate,
};
pub use play::{engine, log, scoring, state, strategy, summary, transcript};
pub use scenario::{compile, ime, load, locate, model, template};
