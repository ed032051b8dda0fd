//! `tsunagu graph SCENARIO`: the conversation as a Graphviz DOT graph, to stdout or a file.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use tsunagu::core::graph::to_dot;
use tsunagu::core::model::Lang;
use tsunagu::core::validate::check_file;

#[derive(clap::Args)]
pub struct Args {
    scenario: PathBuf,
    /// Write the DOT text here instead of printing it (draw it with `dot -Tsvg FILE`).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Language of the labels (ja or en).
    #[arg(long, default_value = "ja")]
    lang: Lang,
}

pub fn main(args: Args) -> ExitCode {
    let checked = check_file(&args.scenario);
    // A scenario whose references resolve can be drawn even with other errors: the graph
    // is often how an author finds where a conversation gets stuck.
    let Some(compiled) = &checked.compiled else {
        for p in checked.errors() {
            eprintln!("{p}");
        }
        return ExitCode::from(1);
    };
    let dot = to_dot(compiled, args.lang);
    match &args.out {
        Some(path) => {
            if let Err(e) = std::fs::write(path, dot) {
                eprintln!("{}: cannot write the graph: {e}", path.display());
                return ExitCode::from(1);
            }
            println!(
                "wrote {} — draw it with `dot -Tsvg {} -o graph.svg`",
                path.display(),
                path.display()
            );
        }
        None => {
            // A reader that stops early (`| head`) is not an error.
            let written = std::io::stdout().lock().write_all(dot.as_bytes());
            if let Err(e) = written
                && e.kind() != std::io::ErrorKind::BrokenPipe
            {
                eprintln!("cannot write the graph: {e}");
                return ExitCode::from(1);
            }
        }
    }
    ExitCode::SUCCESS
}
