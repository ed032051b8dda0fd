//! `tsunagu debrief`: reports from session logs for the group's debrief. Markdown and HTML
//! to print or project, CSV for spreadsheets, xAPI statements for a learning record store.
//! The figures come from `core::debrief`; this module only lays them out, one file per
//! format.

mod csv;
mod document;
mod html;
mod json;
mod markdown;
mod xapi;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use tsunagu::core::debrief::{Debrief, Group, Replay};
use tsunagu::core::model::Lang;
use tsunagu::core::validate::check_file;

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
    #[arg(required = true)]
    logs: Vec<PathBuf>,
    #[arg(long, value_enum)]
    format: Format,
    /// The file to write (`-`: standard output).
    #[arg(long)]
    out: PathBuf,
    #[arg(long, default_value = "ja")]
    lang: Lang,
    /// Show trainees as 受講者1, 受講者2, … (Trainee 1, 2, …), numbered in the order they
    /// first started.
    #[arg(long, alias = "anonymize")]
    anonymise: bool,
    /// Scenario files or folders the logs were played on.
    #[arg(long, default_value = "scenarios")]
    scenarios: Vec<PathBuf>,
}

/// Everything the exporters draw from, worked out once.
pub struct Report<'a> {
    pub debrief: &'a Debrief,
    pub groups: Vec<Group>,
    /// One per played log, in the same order.
    pub replays: Vec<Replay>,
    pub lang: Lang,
    pub anonymise: bool,
}

impl<'a> Report<'a> {
    pub fn new(debrief: &'a Debrief, lang: Lang, anonymise: bool) -> Self {
        Report {
            groups: debrief.groups(),
            replays: (0..debrief.played.len())
                .map(|i| debrief.replay(i))
                .collect(),
            debrief,
            lang,
            anonymise,
        }
    }

    fn tr(&self, ja: &'static str, en: &'static str) -> &'static str {
        match self.lang {
            Lang::Ja => ja,
            Lang::En => en,
        }
    }

    fn label(&self, played: usize) -> String {
        self.debrief
            .trainee_label(played, self.anonymise, self.lang)
    }
}

/// The exit code: 0 when a report was written (logs that could not be used are listed on
/// standard error and in the report), 1 when no log could be used or the file not written.
pub fn main(args: Args) -> ExitCode {
    let files = super::validate::scenario_files(&args.scenarios);
    let scenarios = files.iter().map(|f| check_file(f)).collect();
    let debrief = Debrief::open(&args.logs, scenarios);
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
        Format::Md => markdown::write(&document::build(&report)),
        Format::Html => html::write(&document::build(&report), &report),
        Format::Csv => csv::write(&report),
        Format::Xapi => xapi::write(&report),
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

/// Seconds as written in reports: at most two decimals, no trailing zeros; 0 when the log
/// holds no sensible figure.
fn seconds(x: f32) -> String {
    let x = if x.is_finite() {
        x.max(0.0) as f64
    } else {
        0.0
    };
    number((x * 100.0).round() / 100.0)
}

/// A figure as written in reports: at most two decimals, no trailing zeros.
fn number(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}
