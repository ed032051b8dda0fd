//! All integration tests in one binary: each test binary links the whole crate (Bevy too),
//! so one binary keeps `cargo test` fast to build.

mod common;
