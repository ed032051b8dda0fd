//! xAPI 1.0.3 statements.

mod statement;

pub use statement::*;
