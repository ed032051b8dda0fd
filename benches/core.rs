//! The core's speed, measured on this machine: `cargo bench --no-default-features`.
//! Prints figures; asserts nothing (timings belong in reports, not in tests).

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use tsunagu::core::engine::{Mode, Session};
use tsunagu::core::generate::{Counters, generate, generate_with, to_ron};
use tsunagu::core::validate::check_text;

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::MAX;
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        let out = f();
        best = best.min(t.elapsed().as_secs_f64());
        last = Some(out);
    }
    (best, last.expect("at least one run"))
}

fn playthroughs(s: &Arc<tsunagu::core::compile::Compiled>, decisions: usize) -> (f64, usize) {
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let mut events = Vec::with_capacity(64);
    let mut made = 0;
    let mut sessions = 0;
    let mut session = Session::new(s.clone(), 0, Mode::Training);
    let start = Instant::now();
    while made < decisions {
        session.restart(rng.random());
        sessions += 1;
        loop {
            let open = session.options();
            if open.is_empty() {
                break;
            }
            let pick = open[rng.random_range(0..open.len())];
            events.clear();
            session
                .choose_into(pick, 0.0, &mut events)
                .expect("an open choice is always accepted");
            made += 1;
        }
    }
    (made as f64 / start.elapsed().as_secs_f64(), sessions)
}

/// What hot reload does on the game's main thread when the check of an edited file comes
/// back (the check itself runs on a thread of its own): the session so far is written as a
/// log and replayed onto the new version. Measured on a session that took the best path.
fn reload_main_thread(s: &Arc<tsunagu::core::compile::Compiled>, hash: &str) -> (f64, usize) {
    use tsunagu::core::log::{LogMeta, SessionLog, replay};
    let analysis = tsunagu::core::analysis::analyse(s);
    let mut session = Session::new(s.clone(), 1, Mode::Training);
    for &(_, choice, _) in &analysis.best_path {
        if session.choose(choice, 1.0).is_err() {
            break; // a chance went the other way
        }
    }
    let meta = LogMeta {
        scenario_hash: hash.to_owned(),
        lang: tsunagu::core::model::Lang::Ja,
        trainee: "bench".into(),
        started: 0,
    };
    let (secs, _) = best_of(20, || {
        let log = SessionLog::of(&session, &meta);
        replay(&log, s.clone(), hash).applied
    });
    (secs, session.steps().len())
}

/// One scenario file, phase by phase: what `validate`, the game's scan and hot reload spend
/// on it (check = read + parse + compile + structure + lints + analysis), and what the
/// `validate` command adds (every naive strategy, 200 sessions each).
fn phases(path: &Path) {
    let text = std::fs::read_to_string(path).expect("readable");
    let (p, scenario) = best_of(20, || {
        tsunagu::core::load::parse::<tsunagu::core::model::Scenario>(path, &text).expect("parses")
    });
    let (c, compiled) = best_of(20, || {
        tsunagu::core::compile::Compiled::build(scenario.clone()).expect("compiles")
    });
    let (a, analysis) = best_of(20, || tsunagu::core::analysis::analyse(&compiled));
    let (check, checked) = best_of(20, || check_text(path, &text));
    let compiled = Arc::new(compiled);
    let (naive, _) = best_of(3, || {
        tsunagu::core::naive::naive_warnings(&compiled, &analysis)
    });
    let (reload, decisions) = reload_main_thread(&compiled, &checked.hash);
    let (rate, _) = playthroughs(&compiled, 1_000_000);
    println!(
        "{:<44} {:>6} KiB  parse {:>6.2} ms  compile {:>5.2} ms  analysis {:>7.2} ms ({} states, exact: {})  check {:>7.2} ms  naive strategies {:>6.1} ms  reload (main thread, {} decisions) {:>5.2} ms  play {:.2} M/s  problems: {}",
        path.display(),
        text.len() / 1024,
        p * 1e3,
        c * 1e3,
        a * 1e3,
        analysis.states,
        analysis.exact,
        check * 1e3,
        naive * 1e3,
        decisions,
        reload * 1e3,
        rate / 1e6,
        checked.problems.len()
    );
}

/// The generated shapes that `TSUNAGU_BENCH=dump` prints and `TSUNAGU_BENCH=write` writes:
/// (nodes, counters).
const GENERATED: [(usize, Counters); 5] = [
    (1000, Counters::Trust),
    (10_000, Counters::Trust),
    (1000, Counters::Wide),
    (10_000, Counters::Wide),
    (300, Counters::Wide),
];

fn main() {
    // Real work first: every shipped scenario, and any file named (a case an instructor
    // wrote, a story converted from another tool): `TSUNAGU_BENCH_FILE=path`.
    // `benches/fixtures/`: cases shaped as instructors write them (an instructor's 25-node
    // safeguarding case: two variables, four once-only hubs, about 10^5 states).
    let named = std::env::var("TSUNAGU_BENCH_FILE").ok();
    let files: Vec<std::path::PathBuf> = match &named {
        Some(list) => list.split(',').map(std::path::PathBuf::from).collect(),
        None => tsunagu::core::load::ron_files(&["scenarios".into(), "benches/fixtures".into()]).0,
    };
    // `TSUNAGU_BENCH=play` measures only the playthroughs, `TSUNAGU_BENCH=analysis` only
    // the analysis, `TSUNAGU_BENCH=parse` only the parser,
    // `TSUNAGU_BENCH=check` only load + validate + analysis (for profiling).
    let only = std::env::var("TSUNAGU_BENCH").unwrap_or_default();
    if only.is_empty() {
        for f in &files {
            phases(f);
        }
        if named.is_some() {
            return;
        }
    }
    let path = Path::new("generated.ron");
    // `TSUNAGU_BENCH=dump` prints the analysis of every file and generated shape, to compare
    // before and after a change of the analysis's representation (they must be identical).
    if only == "dump" {
        for f in &files {
            let text = std::fs::read_to_string(f).unwrap();
            let c = check_text(f, &text);
            let s = c.playable().unwrap();
            println!("{} {:?}", f.display(), tsunagu::core::analysis::analyse(s));
        }
        for (nodes, counters) in GENERATED {
            let text = to_ron(&generate_with(nodes, 1, counters));
            let c = check_text(path, &text);
            let s = c.playable().unwrap();
            println!(
                "gen {nodes} {counters:?} {:?}",
                tsunagu::core::analysis::analyse(s)
            );
        }
        return;
    }
    // `TSUNAGU_BENCH=write` writes the generated shapes as files into
    // `TSUNAGU_BENCH_OUT` (default: the temporary folder), to measure them phase by phase
    // with `TSUNAGU_BENCH_FILE` or to profile one alone.
    if only == "write" {
        let dir = std::env::var("TSUNAGU_BENCH_OUT")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|_| std::env::temp_dir());
        for (nodes, counters) in GENERATED {
            let out = dir.join(format!("generated-{nodes}-{counters:?}.ron").to_lowercase());
            std::fs::write(&out, to_ron(&generate_with(nodes, 1, counters))).expect("writable");
            println!("{}", out.display());
        }
        return;
    }
    if only == "parse" {
        let text = to_ron(&generate(10_000, 1));
        let (p, _) = best_of(10, || {
            tsunagu::core::load::parse::<tsunagu::core::model::Scenario>(path, &text)
                .expect("parses")
        });
        println!("parse of 10,000 nodes: {:.1} ms", p * 1e3);
        return;
    }
    if only == "check" {
        // The first file named by `TSUNAGU_BENCH_FILE`, or the generated 10,000 nodes.
        let text = match &named {
            Some(_) => std::fs::read_to_string(&files[0]).expect("readable"),
            None => to_ron(&generate(10_000, 1)),
        };
        // This machine's speed varies from run to run: the median says more than the best.
        // `TSUNAGU_BENCH_RUNS=1` for a count of instructions under `valgrind --tool=cachegrind`,
        // which, unlike the clock, is the same from run to run on this machine.
        let runs: usize = std::env::var("TSUNAGU_BENCH_RUNS")
            .ok()
            .and_then(|r| r.parse().ok())
            .unwrap_or(21);
        let mut times: Vec<f64> = (0..runs.max(1))
            .map(|_| {
                let t = Instant::now();
                let checked = check_text(path, &text);
                let secs = t.elapsed().as_secs_f64();
                drop(checked);
                secs
            })
            .collect();
        times.sort_by(f64::total_cmp);
        println!(
            "load + validate + analysis: best {:.1} ms, median {:.1} ms of {}",
            times[0] * 1e3,
            times[times.len() / 2] * 1e3,
            times.len()
        );
        return;
    }
    if only == "analysis" {
        let text = to_ron(&generate(10_000, 1));
        let s = check_text(path, &text)
            .playable()
            .expect("playable")
            .clone();
        let (a, r) = best_of(40, || tsunagu::core::analysis::analyse(&s));
        println!(
            "analysis of 10,000 nodes: {:.1} ms, {} states",
            a * 1e3,
            r.states
        );
        return;
    }
    let only_play = only == "play";
    let shapes = [
        (Counters::Trust, "trust 0-5"),
        (Counters::Wide, "three counters -50..50"),
    ];
    let sizes = shapes
        .iter()
        .flat_map(|&shape| [(1_000, shape), (10_000, shape)]);
    for (nodes, (counters, shape)) in sizes.filter(|_| !only_play) {
        let text = to_ron(&generate_with(nodes, 1, counters));
        let (secs, checked) = best_of(5, || check_text(path, &text));
        let a = checked
            .analysis
            .as_ref()
            .expect("the generated scenario is analysed");
        println!(
            "load + validate + analysis, {nodes} nodes, {shape} ({} KiB): {:.1} ms (best of 5), {} states, exact: {}, problems: {}",
            text.len() / 1024,
            secs * 1e3,
            a.states,
            a.exact,
            checked.problems.len()
        );
    }
    if !only_play {
        let text = to_ron(&generate(10_000, 1));
        let (p, scenario) = best_of(3, || {
            tsunagu::core::load::parse::<tsunagu::core::model::Scenario>(path, &text)
                .expect("parses")
        });
        let (c, compiled) = best_of(3, || {
            tsunagu::core::compile::Compiled::build(scenario.clone()).expect("compiles")
        });
        let (a, _) = best_of(3, || tsunagu::core::analysis::analyse(&compiled));
        // The map is built on its first question.
        let (m, _) = best_of(3, || {
            tsunagu::core::locate::SourceMap::new(&text).node("s0_hub")
        });
        let map = tsunagu::core::locate::SourceMap::new(&text);
        let (l, _) = best_of(3, || {
            let mut sink = tsunagu::core::problem::Sink {
                path: path.to_owned(),
                map: &map,
                source: &text,
                problems: Vec::new(),
            };
            tsunagu::core::lint::lint(&scenario, &mut sink);
            sink.problems
        });
        println!(
            "  of which: parse {:.1} ms, compile {:.1} ms, analysis {:.1} ms, source map {:.1} ms, lint {:.1} ms",
            p * 1e3,
            c * 1e3,
            a * 1e3,
            m * 1e3,
            l * 1e3
        );
    }
    let gen10k = check_text(path, &to_ron(&generate(10_000, 1)));
    let s = gen10k.playable().expect("playable").clone();
    let (rate, sessions) = playthroughs(&s, 5_000_000);
    println!(
        "random playthroughs, generated 10,000 nodes: {:.2} M decisions/s ({sessions} sessions)",
        rate / 1e6
    );
    for file in std::fs::read_dir("scenarios")
        .expect("scenarios/")
        .flatten()
    {
        let checked = tsunagu::core::validate::check_file(&file.path());
        if let Some(s) = checked.playable() {
            let (rate, sessions) = playthroughs(s, 3_000_000);
            println!(
                "random playthroughs, {}: {:.2} M decisions/s ({sessions} sessions, each restarted from the first node)",
                file.path().display(),
                rate / 1e6
            );
        }
    }
}
