//! `tsunagu graph` — being written.

use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {}

pub fn main(_args: Args) -> ExitCode {
    eprintln!("`tsunagu graph` is not written yet");
    ExitCode::from(2)
}
