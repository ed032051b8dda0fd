//! A class on many PCs: the parts of sending statements to a learning record store that
//! need no network. The settings (endpoint, credentials, class code), the outbox on disk
//! that keeps every statement until the LRS has acknowledged it, and the retry schedule.
//! The HTTP client and the background sender that use them are in `crate::lrs`.

pub mod backoff;
pub mod outbox;
pub mod queue;
pub mod settings;
