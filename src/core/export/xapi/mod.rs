//! xAPI 1.0.3 statements: `answered` for each decision, `completed` for a session that
//! reached an ending; built from played logs one at a time or all together, written as
//! JSON, and read back into session logs.

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
pub use time::timestamp;
