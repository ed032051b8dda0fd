use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use unicode_width::UnicodeWidthStr;

use tsunagu::core::analysis::analyse;
use tsunagu::core::class::outbox::Outbox;
use tsunagu::core::class::queue::SessionStatements;
use tsunagu::core::compile::Compiled;
use tsunagu::core::data;
use tsunagu::core::engine::{Event, Mode, Session};
use tsunagu::core::export::xapi::XapiOptions;
use tsunagu::core::lang_pref::preferred;
use tsunagu::core::log::{LogMeta, LogWriter, SessionLog, now_unix};
use tsunagu::core::model::Lang;
use tsunagu::core::scoring::score_card;
use tsunagu::core::summary::summary;
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
    /// Language of the texts and the score card (ja or en); otherwise the game's, else the
    /// locale's.
    #[arg(long)]
    lang: Option<Lang>,
    /// Assessment mode: feedback only at the end.
    #[arg(long)]
    assessment: bool,
    /// Also write the session log here.
    #[arg(long, conflicts_with = "chance")]
    log: Option<PathBuf>,
    /// Settle a chance as you say instead of by the seed: `NODE/CHOICE=success` or
    /// `=failure`, for the choice CHOICE at node NODE (repeatable). Not with `--log`: a log
    /// replays by its seed.
    #[arg(long, value_name = "NODE/CHOICE=success|failure")]
    chance: Vec<String>,
    #[arg(long, default_value = "cli")]
    trainee: String,
    /// Send every decision to this xAPI LRS (e.g. https://lrs.example.jp/xAPI), with the
    /// credentials in TSUNAGU_LRS_USER and TSUNAGU_LRS_PASSWORD. Statements wait in the
    /// outbox beside the log (or in the data folder) until the LRS has them.
    /// Not with `--chance`: the class reads sessions back by their seeds.
    #[arg(long, value_name = "URL", conflicts_with = "chance")]
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
    fn open(args: &Args, checked: &Checked, lang: Lang) -> Result<Option<Link>, String> {
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
            lang,
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
    for spec in &args.chance {
        match forced_chance(&compiled, spec) {
            Ok((node, choice, success)) => session.force_chance(node, choice, success),
            Err(e) => {
                eprintln!("--chance {spec}: {e}");
                return ExitCode::from(2);
            }
        }
    }
    let meta = LogMeta {
        scenario_hash: checked.hash.clone(),
        lang,
        trainee: args.trainee.clone(),
        started: now_unix(),
    };
    let mut link = match Link::open(&args, &checked, lang) {
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
    let forced_note = match lang {
        Lang::Ja => "（--chance で指定）",
        Lang::En => " (forced by --chance)",
    };
    let print = |events: &[Event], session: &Session| {
        // A chance event follows the choice it settles.
        let mut said = None;
        for e in events {
            if let Event::Said { node, choice } = *e {
                said = Some((node, choice));
            }
            if let Some(line) = describe(&compiled, e, lang) {
                let forced = matches!(e, Event::Chance { .. })
                    && said.is_some_and(|(n, c)| session.forced_chance(n, c).is_some());
                println!("{line}{}", if forced { forced_note } else { "" });
            }
        }
    };
    print(session.transcript(), &session);
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
            Ok(events) => print(&events, &session),
            Err(e) => {
                match lang {
                    Lang::Ja => eprintln!("{} 番目の選択（`{want}`）: {}", i + 1, e.render(lang)),
                    Lang::En => eprintln!("choice {} (`{want}`): {}", i + 1, e.render(lang)),
                }
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
            println!("  {}. [{id}] {}", n + 1, text.get(lang));
        }
    }
    if mode == Mode::Assessment && session.ended().is_some() {
        for f in session.feedback() {
            let e = Event::Feedback {
                competency: f.competency,
                points: f.points,
                effect: f.effect,
            };
            print(&[e], &session);
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
    // What the results screen shows besides the scores.
    for (heading, lines) in summary(&session, lang) {
        println!("-- {heading}");
        if lines.is_empty() {
            println!(
                "  {}",
                match lang {
                    Lang::Ja => "（なし）",
                    Lang::En => "(none)",
                }
            );
        }
        for line in lines {
            println!("  {line}");
        }
    }
    if let Some(link) = &link {
        let wait = Duration::try_from_secs_f64(args.lrs_wait).unwrap_or_default();
        class::finish(&link.sender, link.outbox.dir(), wait);
    }
    status
}

/// `NODE/CHOICE=success|failure` as node and choice indices and the outcome.
fn forced_chance(c: &Compiled, spec: &str) -> Result<(u32, u32, bool), String> {
    let shape = "write it as NODE/CHOICE=success or NODE/CHOICE=failure";
    let (at, outcome) = spec
        .split_once('=')
        .ok_or_else(|| format!("no `=`: {shape}"))?;
    let (node_id, choice_id) = at
        .split_once('/')
        .ok_or_else(|| format!("no `/` between the node and the choice: {shape}"))?;
    let success = match outcome {
        "success" => true,
        "failure" => false,
        other => return Err(format!("`{other}` is not an outcome: {shape}")),
    };
    let node = c
        .node_index(node_id)
        .ok_or_else(|| format!("no node named `{node_id}`"))?;
    let choices = &c.source.nodes[node as usize].choices;
    let choice = choices
        .iter()
        .position(|ch| ch.id == choice_id)
        .ok_or_else(|| {
            let ids: Vec<&str> = choices.iter().map(|ch| ch.id.as_str()).collect();
            format!(
                "node `{node_id}` has no choice `{choice_id}` (its choices: {})",
                ids.join(", ")
            )
        })?;
    if choices[choice].chance.is_none() {
        let with: Vec<&str> = choices
            .iter()
            .filter(|ch| ch.chance.is_some())
            .map(|ch| ch.id.as_str())
            .collect();
        return Err(format!(
            "the choice `{choice_id}` of node `{node_id}` has no chance (choices with one here: {})",
            if with.is_empty() {
                "none".to_owned()
            } else {
                with.join(", ")
            }
        ));
    }
    Ok((node, choice as u32, success))
}
