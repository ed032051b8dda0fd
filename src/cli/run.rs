use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use tsunagu::core::analysis::analyse;
use tsunagu::core::class::outbox::Outbox;
use tsunagu::core::class::queue::SessionStatements;
use tsunagu::core::data;
use tsunagu::core::engine::{Mode, Session};
use tsunagu::core::export::xapi::XapiOptions;
use tsunagu::core::log::{LogMeta, LogWriter, SessionLog, now_unix};
use tsunagu::core::model::Lang;
use tsunagu::core::scoring::score_card;
use tsunagu::core::transcript::describe;
use tsunagu::core::validate::{Checked, check_file};

use super::class;

#[derive(clap::Args)]
pub struct Args {
    scenario: PathBuf,
    /// Choices in order, comma-separated: choice ids, or numbers (1 = the first open choice).
    #[arg(long, value_delimiter = ',')]
    choices: Vec<String>,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    #[arg(long, default_value = "ja")]
    lang: Lang,
    /// Assessment mode: feedback only at the end.
    #[arg(long)]
    assessment: bool,
    /// Also write the session log here.
    #[arg(long)]
    log: Option<PathBuf>,
    #[arg(long, default_value = "cli")]
    trainee: String,
    /// Send every decision to this xAPI LRS (e.g. https://lrs.example.jp/xAPI), with the
    /// credentials in TSUNAGU_LRS_USER and TSUNAGU_LRS_PASSWORD. Statements wait in the
    /// outbox beside the log (or in the data folder) until the LRS has them.
    #[arg(long, value_name = "URL")]
    lrs: Option<String>,
    /// With `--lrs`: the class code the instructor handed out.
    #[arg(long, value_name = "CODE")]
    class: Option<String>,
    /// With `--lrs`: the trainee's name never leaves this computer (a pseudonym instead).
    #[arg(long, alias = "anonymize")]
    anonymise: bool,
    /// With `--lrs`: seconds to wait at the end for the LRS to take what is waiting; the
    /// rest stays in the outbox for the next run or the game.
    #[arg(long, default_value_t = 10.0, value_name = "SECONDS")]
    lrs_wait: f64,
}

/// The class link of a run: what is queued, where, and who sends it.
struct Link {
    statements: SessionStatements,
    outbox: Outbox,
    sender: tsunagu::lrs::Sender,
    log_path: PathBuf,
}

impl Link {
    fn open(args: &Args, checked: &Checked) -> Result<Option<Link>, String> {
        let Some(endpoint) = &args.lrs else {
            return Ok(None);
        };
        let settings = class::settings(endpoint, args.class.as_deref(), args.anonymise)?;
        let home = data::home();
        let sessions = match &args.log {
            Some(log) => log
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map_or_else(|| PathBuf::from("."), Path::to_owned),
            None => home.join("sessions"),
        };
        let outbox = Outbox::beside(&sessions);
        let pseudonym_key = if settings.anonymise {
            Some(data::installation_id(&home).map_err(|e| {
                format!(
                    "cannot pseudonymise: no installation id in {}: {e}",
                    home.display()
                )
            })?)
        } else {
            None
        };
        let options = XapiOptions {
            lang: args.lang,
            pseudonym_key,
            class: Some(settings.class.clone()),
        };
        let sender = class::start_sender(&settings, outbox.dir())?;
        Ok(Some(Link {
            statements: SessionStatements::new(checked.clone(), options),
            outbox,
            sender,
            log_path: args
                .log
                .clone()
                .unwrap_or_else(|| sessions.join("cli-session.ron")),
        }))
    }

    /// Queues what the session holds that is not queued yet, and wakes the sender.
    fn offer(&mut self, log: &SessionLog) -> Result<(), String> {
        self.statements
            .queue(log, &self.log_path, &self.outbox)
            .map_err(|e| e.to_string())?;
        self.sender.wake();
        Ok(())
    }
}

pub fn main(args: Args) -> ExitCode {
    let checked = check_file(&args.scenario);
    let Some(compiled) = checked.playable().cloned() else {
        for p in checked.errors() {
            eprintln!("{p}");
        }
        return ExitCode::from(1);
    };
    let mode = if args.assessment {
        Mode::Assessment
    } else {
        Mode::Training
    };
    let mut session = Session::new(compiled.clone(), args.seed, mode);
    let meta = LogMeta {
        scenario_hash: checked.hash.clone(),
        lang: args.lang,
        trainee: args.trainee.clone(),
        started: now_unix(),
    };
    let mut link = match Link::open(&args, &checked) {
        Ok(link) => link,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let writer = args.log.clone().map(|path| LogWriter {
        path,
        meta: meta.clone(),
    });
    let print = |events: &[tsunagu::core::engine::Event]| {
        for e in events {
            if let Some(line) = describe(&compiled, e, args.lang) {
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
        if let Some(link) = &mut link
            && let Err(e) = link.offer(&SessionLog::of(&session, &meta))
        {
            eprintln!("class link: {e}");
            return ExitCode::from(1);
        }
    }
    if session.ended().is_none() {
        println!("--");
        for (n, (_, id, text)) in session.option_texts().enumerate() {
            println!("  {}. [{id}] {}", n + 1, text.get(args.lang));
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
    for line in score_card(&session, &analysis) {
        println!(
            "{:<12} {:>4} / {}{}",
            line.id,
            line.points,
            line.best,
            line.percent()
                .map(|p| format!("  ({p:.0}%)"))
                .unwrap_or_default()
        );
    }
    if let Some(link) = &link {
        let wait = Duration::try_from_secs_f64(args.lrs_wait).unwrap_or_default();
        class::finish(&link.sender, link.outbox.dir(), wait);
    }
    status
}
