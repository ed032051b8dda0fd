//! `tsunagu simulate SCENARIO --runs N --seed S`: what a player choosing at random scores,
//! which endings they reach and which nodes they never see.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use unicode_width::UnicodeWidthStr;

use tsunagu::core::analysis::UNBOUNDED;
use tsunagu::core::compile::Compiled;
use tsunagu::core::lang_pref::preferred;
use tsunagu::core::model::{Lang, Outcome};
use tsunagu::core::naive::{MAX_GOOD, MAX_SHARE, Naive, play_naive};
use tsunagu::core::simulate::{Distribution, MAX_STEPS, Simulation, Strategy, simulate_with};
use tsunagu::core::validate::{Checked, check_file};

#[derive(clap::Args)]
pub struct Args {
    scenario: PathBuf,
    /// How many sessions to play.
    #[arg(long, default_value_t = 1000)]
    runs: u32,
    /// The same seed gives the same figures.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Language of the names, and of the texts whose lengths `shortest` and `longest` go by.
    /// Also the language of the report; otherwise the game's, else the locale's.
    #[arg(long)]
    lang: Option<Lang>,
    /// How the simulated trainee chooses: random, first, last, shortest, longest, ask-all,
    /// cheapest, dearest; or `all` for a table of every strategy against the thresholds.
    #[arg(long, default_value = "random")]
    strategy: String,
}

/// Rows of a histogram and the width of its longest bar.
const ROWS: usize = 12;
const BAR: usize = 30;

pub fn main(args: Args) -> ExitCode {
    let lang = preferred(args.lang);
    let checked = check_file(&args.scenario);
    let Some(compiled) = checked.playable() else {
        for p in checked.errors() {
            eprintln!("{}", p.render(lang));
        }
        return ExitCode::from(1);
    };
    if args.strategy == "all" {
        let Some(analysis) = checked.analysis.as_ref() else {
            eprintln!("the scenario has no analysis: no best to compare with");
            return ExitCode::from(1);
        };
        let naive = play_naive(compiled, analysis, args.runs, args.seed, lang);
        return write_stdout(&naive_table(&args, lang, compiled, &naive));
    }
    let strategy = match args.strategy.parse::<Strategy>() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}, or all");
            return ExitCode::from(1);
        }
    };
    let sim = match simulate_with(compiled, args.runs, args.seed, strategy, lang) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
    };
    write_stdout(&report(&args, lang, &checked, compiled, &sim))
}

/// The figures as text: the table, a histogram per competency, endings, unreached nodes.
fn report(
    args: &Args,
    lang: Lang,
    checked: &Checked,
    compiled: &Compiled,
    sim: &Simulation,
) -> String {
    let mut out = String::new();
    let s = &compiled.source;
    let (file, runs, strategy, seed) =
        (args.scenario.display(), sim.runs, &args.strategy, sim.seed);
    let _ = match lang {
        Lang::Ja => writeln!(out, "{file}: {runs} 回、戦略 {strategy}、シード {seed}"),
        Lang::En => writeln!(out, "{file}: {runs} runs, strategy {strategy}, seed {seed}"),
    };
    out.push('\n');
    let titles = match lang {
        Lang::Ja => ["観点", "平均", "最小", "q1", "中央値", "q3", "最大", "最高"],
        Lang::En => [
            "competency",
            "mean",
            "min",
            "q1",
            "median",
            "q3",
            "max",
            "best",
        ],
    };
    let widths = [20, 7, 5, 6, 6, 6, 5, 5];
    let row: Vec<String> = titles
        .iter()
        .zip(widths)
        .enumerate()
        .map(|(i, (t, w))| pad(t, w, i > 0))
        .collect();
    let _ = writeln!(out, "{}", row.join(" "));
    for d in &sim.scores {
        let best = checked
            .analysis
            .as_ref()
            .map(|a| a.best[d.competency as usize])
            .map_or("?".to_owned(), |b| {
                if b >= UNBOUNDED {
                    "∞".into()
                } else {
                    b.to_string()
                }
            });
        let _ = writeln!(
            out,
            "{:<20} {:>7.2} {:>5} {:>6.2} {:>6.2} {:>6.2} {:>5} {:>5}",
            compiled.competencies[d.competency as usize].id,
            d.mean,
            d.min,
            d.q1,
            d.median,
            d.q3,
            d.max,
            best
        );
    }
    for d in &sim.scores {
        out.push('\n');
        let comp = &compiled.competencies[d.competency as usize];
        let _ = writeln!(out, "{} ({})", comp.name.get(lang), comp.id);
        for line in histogram(d) {
            let _ = writeln!(out, "{line}");
        }
    }
    out.push('\n');
    let _ = writeln!(out, "{}", tr(lang, "結末:", "endings:"));
    let share = |n: u32| n as f64 * 100.0 / sim.runs as f64;
    for &(node, count) in &sim.endings {
        let n = &s.nodes[node as usize];
        let (title, outcome) = n
            .ending
            .as_ref()
            .map_or((String::new(), String::new()), |e| {
                (
                    e.title.get(lang).to_owned(),
                    e.outcome.name().get(lang).to_owned(),
                )
            });
        let _ = writeln!(
            out,
            "  {:<16} {} {:>7} {:>6.1}%  {}",
            n.id,
            pad(&outcome, 6, false),
            count,
            share(count),
            title
        );
    }
    if sim.stuck > 0 {
        let what = tr(
            lang,
            "選べる選択肢がなく行き詰まった",
            "stuck with no open choice",
        );
        let _ = writeln!(out, "  {what}: {} ({:.1}%)", sim.stuck, share(sim.stuck));
    }
    if sim.cut_off > 0 {
        let what = match lang {
            Lang::Ja => format!("{MAX_STEPS} 回選んでも終わらず打ち切り（ループ？）"),
            Lang::En => format!("cut off after {MAX_STEPS} choices (a loop?)"),
        };
        let _ = writeln!(
            out,
            "  {what}: {} ({:.1}%)",
            sim.cut_off,
            share(sim.cut_off)
        );
    }
    out.push('\n');
    let ids = |nodes: Vec<u32>| -> String {
        if nodes.is_empty() {
            tr(lang, "なし", "none").into()
        } else {
            nodes
                .iter()
                .map(|&n| s.nodes[n as usize].id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let endings = sim.unreached_endings();
    let others: Vec<u32> = sim
        .unreached_nodes()
        .into_iter()
        .filter(|n| !endings.contains(n))
        .collect();
    match lang {
        Lang::Ja => {
            let _ = writeln!(out, "一度も至らなかった: ノード: {}", ids(others));
            let _ = writeln!(out, "                    結末: {}", ids(endings));
        }
        Lang::En => {
            let _ = writeln!(out, "never reached: nodes: {}", ids(others));
            let _ = writeln!(out, "               endings: {}", ids(endings));
        }
    }
    out
}

/// Every strategy in a row: its mean on each competency as a share of the best attainable,
/// and how often it reached each kind of ending; `!` marks what passes a threshold.
fn naive_table(args: &Args, lang: Lang, c: &Compiled, naive: &[Naive]) -> String {
    let mut out = String::new();
    let (file, runs, seed) = (
        args.scenario.display(),
        naive.first().map_or(0, |n| n.sim.runs),
        args.seed,
    );
    let (share, good) = (MAX_SHARE * 100.0, MAX_GOOD * 100.0);
    let _ = match lang {
        Lang::Ja => writeln!(
            out,
            "{file}: 各戦略 {runs} 回、シード {seed} から。得られる最高点に対する平均の割合（{share:.0}% 以下）、良い結末の割合（{good:.0}% 未満。shortest・longest・ask-all は 0）"
        ),
        Lang::En => writeln!(
            out,
            "{file}: each strategy {runs} runs from seed {seed}; the mean as a share of the best attainable (at most {share:.0}%), Good endings (under {good:.0}%; never for shortest, longest, ask-all)"
        ),
    };
    let _ = write!(out, "{}", pad(tr(lang, "戦略", "strategy"), 10, false));
    for comp in &c.competencies {
        let _ = write!(out, " {:>12}", comp.id.chars().take(12).collect::<String>());
    }
    // Each outcome's column as wide as its name.
    let outcomes = [Outcome::Good, Outcome::Mixed, Outcome::Poor];
    let widths = outcomes.map(|o| o.name().get(lang).width().max(7));
    for (outcome, width) in outcomes.iter().zip(widths) {
        let _ = write!(out, " {}", pad(outcome.name().get(lang), width, true));
    }
    out.push('\n');
    for n in naive {
        let (over, good) = n.too_good(c);
        let _ = write!(out, "{:<10}", n.strategy.name());
        for (i, share) in n.shares.iter().enumerate() {
            let cell = match share {
                Some(x) => {
                    let mark = if over.iter().any(|(id, _)| *id == c.competencies[i].id) {
                        "!"
                    } else {
                        ""
                    };
                    format!("{mark}{:.0}%", x * 100.0)
                }
                None => "-".to_owned(),
            };
            let _ = write!(out, " {cell:>12}");
        }
        let by =
            |outcome: Outcome| n.sim.ending_runs(c, outcome) as f64 * 100.0 / n.sim.runs as f64;
        for (outcome, width) in outcomes.iter().zip(widths) {
            let mark = if good && *outcome == Outcome::Good {
                "!"
            } else {
                ""
            };
            let cell = format!("{mark}{:.1}%", by(*outcome));
            let _ = write!(out, " {}", pad(&cell, width, true));
        }
        out.push('\n');
    }
    out
}

/// A small text histogram: one row per score (or range of scores), bars scaled to `BAR`.
fn histogram(d: &Distribution) -> Vec<String> {
    let buckets = d.buckets(ROWS);
    let most = buckets.iter().map(|b| b.2).max().unwrap_or(0).max(1);
    buckets
        .iter()
        .map(|&(lo, hi, count)| {
            let range = if lo == hi {
                format!("{lo}")
            } else {
                format!("{lo}..{hi}")
            };
            let len = (count as usize * BAR).div_ceil(most as usize);
            format!("  {range:>9} | {:<BAR$} {count}", "#".repeat(len))
        })
        .collect()
}

/// Writes the report; a reader that stops early (`| head`) is not an error.
fn write_stdout(text: &str) -> ExitCode {
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cannot write the report: {e}");
            ExitCode::from(1)
        }
    }
}

/// `ja` or `en`, as `lang` says.
fn tr(lang: Lang, ja: &'static str, en: &'static str) -> &'static str {
    lang.pick(ja, en)
}

/// `text` padded to `width` columns (a Japanese character takes two), on the left when
/// `right` aligns it to the right.
fn pad(text: &str, width: usize, right: bool) -> String {
    let fill = " ".repeat(width.saturating_sub(text.width()));
    if right {
        format!("{fill}{text}")
    } else {
        format!("{text}{fill}")
    }
}
