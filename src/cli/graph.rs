//! `tsunagu graph SCENARIO`: the conversation as a Graphviz DOT graph, to stdout or a file.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use tsunagu::core::graph::to_dot;
use tsunagu::core::lang_pref::preferred;
use tsunagu::core::model::Lang;
use tsunagu::core::validate::check_file;

#[derive(clap::Args)]
pub struct Args {
    scenario: PathBuf,
    /// Write the DOT text here instead of printing it (draw it with `dot -Tsvg FILE`).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Language of the labels and messages (ja or en); otherwise the game's, else the
    /// locale's.
    #[arg(long)]
    lang: Option<Lang>,
}

pub fn main(args: Args) -> ExitCode {
    let lang = preferred(args.lang);
    let checked = check_file(&args.scenario);
    // A scenario whose references resolve can be drawn even with other errors: the graph
    // is often how an author finds where a conversation gets stuck.
    let Some(compiled) = &checked.compiled else {
        for p in checked.errors() {
            eprintln!("{}", p.render(lang));
        }
        return ExitCode::from(1);
    };
    let dot = to_dot(compiled, lang);
    match &args.out {
        Some(path) => {
            if let Err(e) = std::fs::write(path, dot) {
                match lang {
                    Lang::Ja => eprintln!("{}: グラフを書き込めません: {e}", path.display()),
                    Lang::En => eprintln!("{}: cannot write the graph: {e}", path.display()),
                }
                return ExitCode::from(1);
            }
            let (file, svg) = (path.display(), path.with_extension("svg"));
            let svg = svg.display();
            match lang {
                Lang::Ja => {
                    println!("{file} に書き出しました。`dot -Tsvg {file} -o {svg}` で図にできます")
                }
                Lang::En => println!("wrote {file} — draw it with `dot -Tsvg {file} -o {svg}`"),
            }
        }
        None => {
            // A reader that stops early (`| head`) is not an error.
            let written = std::io::stdout().lock().write_all(dot.as_bytes());
            if let Err(e) = written
                && e.kind() != std::io::ErrorKind::BrokenPipe
            {
                match lang {
                    Lang::Ja => eprintln!("グラフを書き出せません: {e}"),
                    Lang::En => eprintln!("cannot write the graph: {e}"),
                }
                return ExitCode::from(1);
            }
        }
    }
    ExitCode::SUCCESS
}
