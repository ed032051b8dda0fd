//! `tsunagu debrief`: reports from session logs for the group's debrief. Markdown and HTML
//! to print or project, CSV for spreadsheets, xAPI statements for a learning record store.
//! The reports are drawn by `core::export`; this module reads the logs and writes the file.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use tsunagu::core::data;
use tsunagu::core::debrief::Debrief;
use tsunagu::core::export::{self, Report, xapi};
use tsunagu::core::model::Lang;
use tsunagu::core::validate::{Checked, check_file};
use tsunagu::lrs::{Client, read_class};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A printable report in Markdown.
    Md,
    /// The same report as one self-contained HTML page (no network, print friendly).
    Html,
    /// One row per decision, for spreadsheets (RFC 4180, UTF-8 with a byte-order mark).
    Csv,
    /// xAPI 1.0.3 statements, a JSON array: `answered` per decision, `completed` per ending.
    Xapi,
}

#[derive(clap::Args)]
pub struct Args {
    /// Session logs, or folders of them (searched with their subfolders).
    #[arg(required_unless_present = "lrs")]
    logs: Vec<PathBuf>,
    /// Read the class `--class` from this xAPI LRS instead of log files (the instructor's
    /// credentials, allowed to read, in TSUNAGU_LRS_USER and TSUNAGU_LRS_PASSWORD).
    #[arg(long, value_name = "URL", requires = "class", conflicts_with = "logs")]
    lrs: Option<String>,
    /// With `--lrs`: only statements from this time on (RFC 3339, e.g.
    /// 2026-11-28T00:00:00Z): keeps the read to the class's day on a busy LRS.
    #[arg(long, value_name = "TIME", requires = "lrs")]
    since: Option<String>,
    #[arg(long, value_enum)]
    format: Format,
    /// The file to write (`-`: standard output).
    #[arg(long)]
    out: PathBuf,
    #[arg(long, default_value = "ja")]
    lang: Lang,
    /// Show trainees as 受講者1, 受講者2, … (Trainee 1, 2, …), numbered in the order they
    /// first started. In xAPI statements: a pseudonym, the same on every export from this
    /// computer (keyed by the installation id in the data folder).
    #[arg(long, alias = "anonymize")]
    anonymise: bool,
    /// A class code: with `--lrs`, the class to read; in xAPI statements, named in every
    /// statement's context as https://tsunagu.example/classes/CODE.
    #[arg(long, value_name = "CODE")]
    class: Option<String>,
    /// Scenario files or folders the logs were played on.
    #[arg(long, default_value = "scenarios")]
    scenarios: Vec<PathBuf>,
}

/// The exit code: 0 when a report was written (logs that could not be used are listed on
/// standard error and in the report), 1 when no log could be used or the file not written.
pub fn main(args: Args) -> ExitCode {
    if args.class.is_some() && args.format != Format::Xapi && args.lrs.is_none() {
        eprintln!("--class is for --format xapi or --lrs only");
        return ExitCode::from(2);
    }
    let files = super::validate::scenario_files(&args.scenarios);
    let scenarios = files.iter().map(|f| check_file(f)).collect();
    let debrief = match &args.lrs {
        Some(endpoint) => match from_lrs(endpoint, &args, scenarios) {
            Ok(debrief) => debrief,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(1);
            }
        },
        None => Debrief::open(&args.logs, scenarios),
    };
    for p in &debrief.problems {
        eprintln!("skipped: {p}");
    }
    for p in debrief.played.iter().filter(|p| p.is_flagged()) {
        eprintln!(
            "{}: played on other content of `{}`: {} of {} decisions replayed{}",
            p.path.display(),
            p.log.scenario,
            p.replayed.applied,
            p.log.decisions.len(),
            p.replayed
                .stopped
                .as_ref()
                .map(|s| format!(" ({s})"))
                .unwrap_or_default()
        );
    }
    if debrief.played.is_empty() {
        eprintln!("no log could be used: nothing to report");
        return ExitCode::from(1);
    }
    let report = Report::new(&debrief, args.lang, args.anonymise);
    let text = match args.format {
        Format::Md => export::markdown(&report),
        Format::Html => export::html(&report),
        Format::Csv => export::csv(&report),
        Format::Xapi => {
            let pseudonym_key = if args.anonymise {
                let home = data::home();
                match data::installation_id(&home) {
                    Ok(id) => Some(id),
                    Err(e) => {
                        eprintln!(
                            "cannot pseudonymise: no installation id in {}: {e}",
                            home.display()
                        );
                        return ExitCode::from(1);
                    }
                }
            } else {
                None
            };
            let options = xapi::XapiOptions {
                lang: args.lang,
                pseudonym_key,
                class: args.class.clone(),
            };
            xapi::write(&report, &options)
        }
    };
    let written = if args.out.as_os_str() == "-" {
        std::io::stdout().write_all(text.as_bytes())
    } else {
        tsunagu::core::log::write_atomic(&args.out, &text)
    };
    if let Err(e) = written {
        eprintln!("{}: cannot write the report: {e}", args.out.display());
        return ExitCode::from(1);
    }
    eprintln!(
        "{} session(s) of {} scenario(s) reported; {} log(s) skipped",
        debrief.played.len(),
        report.groups.len(),
        debrief.problems.len()
    );
    ExitCode::SUCCESS
}

/// The class's sessions rebuilt from the LRS, as a debrief of log files would have them.
fn from_lrs(endpoint: &str, args: &Args, scenarios: Vec<Checked>) -> Result<Debrief, String> {
    let settings = super::class::settings(endpoint, args.class.as_deref(), false)?;
    let client = Client::new(&settings).map_err(|e| e.to_string())?;
    let read =
        read_class(&client, &settings.class, args.since.as_deref()).map_err(|e| e.to_string())?;
    for p in &read.problems {
        eprintln!("skipped: {p}");
    }
    eprintln!(
        "class {}: {} statement(s), {} session(s), {} finished",
        settings.class,
        read.statements,
        read.logs.len(),
        read.finished()
    );
    Ok(Debrief::from_logs(read.logs, scenarios))
}
