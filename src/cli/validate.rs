use std::path::PathBuf;
use std::process::ExitCode;

use tsunagu::core::lang_pref::preferred;
use tsunagu::core::model::Lang;
use tsunagu::core::naive::naive_warnings;
use tsunagu::core::validate::{Problem, Severity, check_file};

#[derive(clap::Args)]
pub struct Args {
    /// Scenario files or folders (default: scenarios/).
    paths: Vec<PathBuf>,
    /// Print only errors, not warnings.
    #[arg(long)]
    quiet: bool,
    /// Language of the messages (ja or en); otherwise the game's, else the locale's.
    #[arg(long)]
    lang: Option<Lang>,
}

/// Every `.ron` file under the given paths, in a stable order.
pub fn scenario_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    tsunagu::core::load::ron_files(paths).0
}

pub fn main(args: Args) -> ExitCode {
    let lang = preferred(args.lang);
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("scenarios")]
    } else {
        args.paths
    };
    let files = scenario_files(&paths);
    if files.is_empty() {
        let none = match lang {
            Lang::Ja => "シナリオファイルが見つかりません:",
            Lang::En => "no scenario files found in",
        };
        eprintln!(
            "{none} {}",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
        return ExitCode::from(1);
    }
    let (mut errors, mut warnings) = (0, 0);
    for f in &files {
        let mut checked = check_file(f);
        // Played here, not in the game's scan: it takes the time of some thousand sessions.
        if let (Some(c), Some(a)) = (checked.playable(), checked.analysis.as_ref()) {
            let naive = naive_warnings(c, a);
            checked
                .problems
                .extend(naive.into_iter().map(|kind| Problem {
                    severity: Severity::Warning,
                    path: f.clone(),
                    pos: None,
                    node: None,
                    choice: None,
                    kind,
                }));
        }
        for p in &checked.problems {
            match p.severity {
                Severity::Error => errors += 1,
                Severity::Warning => {
                    warnings += 1;
                    if args.quiet {
                        continue;
                    }
                }
            }
            println!("{}", p.render(lang));
        }
        if let Some(a) = &checked.analysis
            && checked.problems.is_empty()
        {
            let c = checked
                .compiled
                .as_ref()
                .expect("analysed scenarios are compiled");
            let best: Vec<String> = c
                .competencies
                .iter()
                .zip(&a.best)
                .map(|(c, b)| format!("{} {b}", c.id))
                .collect();
            let (nodes, endings) = (c.nodes.len(), a.endings.len());
            let best = best.join(", ");
            match lang {
                Lang::Ja => println!(
                    "{}: 問題なし — ノード {nodes}、たどり着ける結末 {endings}、最高点: {best}{}",
                    f.display(),
                    if a.exact { "" } else { "（上限）" }
                ),
                Lang::En => println!(
                    "{}: ok — {nodes} nodes, {endings} endings reachable, best: {best}{}",
                    f.display(),
                    if a.exact { "" } else { " (bounds)" }
                ),
            }
        }
    }
    let files = files.len();
    match lang {
        Lang::Ja => println!("{files} ファイル: 誤り {errors} 件、注意 {warnings} 件"),
        Lang::En => println!("{files} file(s): {errors} error(s), {warnings} warning(s)"),
    }
    if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
