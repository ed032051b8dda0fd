//! xAPI 1.0.3 statements: `answered` for each decision, `completed` for a session that
//! reached an ending; built from played logs one at a time or all together, written as
//! JSON, and read back into session logs.
//!
//! To send a session in play one decision at a time: a debrief of its log alone,
//! `Debrief::from_logs(vec![LoadedLog { path, log: SessionLog::of(&session, &meta) }],
//! vec![checked])`, then `statement_for_step(&debrief, 0, n, &options)` after decision `n`
//! and `completed_statement(&debrief, 0, &options)` at the end: the same statements, byte
//! for byte, as `statements` gives for the finished log.

mod build;
mod iri;
mod pseudonym;
mod read;
mod statement;
mod time;

pub use build::{
    XapiOptions, agent, completed_statement, registration, session_statements, statement_for_step,
    statements, write,
};
pub use iri::{HOME, class_iri, competency_iri, node_iri, scenario_iri, stable_uuid};
pub use pseudonym::pseudonym;
pub use read::{ReadBackError, logs_from_statements};
pub use statement::*;
pub use time::{moment, timestamp};
