use std::path::PathBuf;
use std::process::ExitCode;

use unicode_width::UnicodeWidthStr;

use tsunagu::core::analysis::analyse;
use tsunagu::core::engine::{Mode, Session};
use tsunagu::core::lang_pref::preferred;
use tsunagu::core::log::{LogMeta, LogWriter, now_unix};
use tsunagu::core::model::Lang;
use tsunagu::core::scoring::score_card;
use tsunagu::core::transcript::describe;
use tsunagu::core::validate::check_file;

#[derive(clap::Args)]
pub struct Args {
    scenario: PathBuf,
    /// Choices in order, comma-separated: choice ids, or numbers (1 = the first open choice).
    #[arg(long, value_delimiter = ',')]
    choices: Vec<String>,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Language of the texts and the score card (ja or en); otherwise the game's, else the
    /// locale's.
    #[arg(long)]
    lang: Option<Lang>,
    /// Assessment mode: feedback only at the end.
    #[arg(long)]
    assessment: bool,
    /// Also write the session log here.
    #[arg(long)]
    log: Option<PathBuf>,
    #[arg(long, default_value = "cli")]
    trainee: String,
}

pub fn main(args: Args) -> ExitCode {
    let lang = preferred(args.lang);
    let checked = check_file(&args.scenario);
    let Some(compiled) = checked.playable().cloned() else {
        for p in checked.errors() {
            eprintln!("{}", p.render(lang));
        }
        return ExitCode::from(1);
    };
    let mode = if args.assessment {
        Mode::Assessment
    } else {
        Mode::Training
    };
    let mut session = Session::new(compiled.clone(), args.seed, mode);
    let writer = args.log.map(|path| LogWriter {
        path,
        meta: LogMeta {
            scenario_hash: checked.hash.clone(),
            lang,
            trainee: args.trainee.clone(),
            started: now_unix(),
        },
    });
    let print = |events: &[tsunagu::core::engine::Event]| {
        for e in events {
            if let Some(line) = describe(&compiled, e, lang) {
                println!("{line}");
            }
        }
    };
    print(session.transcript());
    let mut status = ExitCode::SUCCESS;
    for (i, want) in args.choices.iter().enumerate() {
        let result = match want.parse::<usize>() {
            Ok(n) if n >= 1 && n <= session.options().len() => {
                let index = session.options()[n - 1];
                session.choose(index, 0.0)
            }
            _ => session.choose_id(want, 0.0),
        };
        match result {
            Ok(events) => print(&events),
            Err(e) => {
                eprintln!("choice {} (`{want}`): {e}", i + 1);
                status = ExitCode::from(1);
                break;
            }
        }
        if let Some(w) = &writer
            && let Err(e) = w.write(&session)
        {
            eprintln!("{}: cannot write the log: {e}", w.path.display());
            return ExitCode::from(1);
        }
    }
    if session.ended().is_none() {
        println!("--");
        for (n, (_, id, text)) in session.option_texts().enumerate() {
            println!("  {}. [{id}] {}", n + 1, text.get(lang));
        }
    }
    if mode == Mode::Assessment && session.ended().is_some() {
        for f in session.feedback() {
            let e = tsunagu::core::engine::Event::Feedback {
                competency: f.competency,
                points: f.points,
                effect: f.effect,
            };
            print(&[e]);
        }
    }
    let analysis = checked
        .analysis
        .clone()
        .unwrap_or_else(|| analyse(&compiled));
    println!("--");
    let card = score_card(&session, &analysis);
    // Names, padded by the columns they take: a Japanese character takes two.
    let names: Vec<&str> = card.iter().map(|l| l.name.get(lang)).collect();
    let wide = names.iter().map(|n| n.width()).max().unwrap_or(0);
    for (line, name) in card.iter().zip(names) {
        println!(
            "{name}{} {:>4} / {}{}",
            " ".repeat(wide - name.width()),
            line.points,
            line.best,
            line.percent()
                .map(|p| format!("  ({p:.0}%)"))
                .unwrap_or_default()
        );
    }
    status
}
