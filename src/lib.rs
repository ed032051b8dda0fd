pub mod core;
#[cfg(feature = "game")]
pub mod game;
pub mod lrs;
