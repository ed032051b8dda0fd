//! The class link: statements to and from a learning record store (xAPI 1.0.3) over HTTP.
//! `client` speaks to the LRS; `sender` empties the outbox (`core::class::outbox`) on a
//! thread of its own, so no frame and no decision waits for the network.

pub mod class;
pub mod client;
pub mod error;
pub mod sender;

pub use class::{ClassRead, read_class};
pub use client::Client;
pub use error::LrsError;
pub use sender::{Link, LinkStatus, Sender};
