//! `tsunagu`: the game, and the command line instructors use around it.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cli;

#[derive(Parser)]
#[command(
    name = "tsunagu",
    version,
    about = "つなぐ — practise consultation support, one conversation at a time"
)]
struct Args {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    game: cli::GameArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Check scenario files (or folders of them): exit 0 when clean, 1 on errors.
    Validate(cli::validate::Args),
    /// Play a scenario without a window and print the transcript and the scores.
    Run(cli::run::Args),
    /// Write a new scenario from a commented template.
    New(cli::new::Args),
    /// The conversation as a Graphviz DOT graph.
    Graph(cli::graph::Args),
    /// Play a scenario at random many times: score distributions, endings, unreached nodes.
    Simulate(cli::simulate::Args),
    /// Reports from session logs: Markdown, HTML, CSV or xAPI statements.
    Debrief(cli::debrief::Args),
    /// The table of scored choices and their principles, in Markdown.
    Rubric(cli::rubric::Args),
}

fn main() -> ExitCode {
    let args = Args::parse();
    match args.command {
        Some(Command::Validate(a)) => cli::validate::main(a),
        Some(Command::Run(a)) => cli::run::main(a),
        Some(Command::New(a)) => cli::new::main(a),
        Some(Command::Graph(a)) => cli::graph::main(a),
        Some(Command::Simulate(a)) => cli::simulate::main(a),
        Some(Command::Debrief(a)) => cli::debrief::main(a),
        Some(Command::Rubric(a)) => cli::rubric::main(a),
        None => cli::open_game(args.game),
    }
}
