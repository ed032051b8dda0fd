//! The debrief's speed: a folder of 1,000 logs, made by random play of `first-meeting.ron`,
//! loaded and aggregated. `cargo bench --no-default-features --bench debrief`.
//! Prints figures; asserts nothing (timings belong in reports, not in tests).

use std::path::{Path, PathBuf};
use std::time::Instant;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use tsunagu::core::debrief::Debrief;
use tsunagu::core::engine::{Mode, Session};
use tsunagu::core::log::{LogMeta, SessionLog};
use tsunagu::core::model::Lang;
use tsunagu::core::validate::{Checked, check_file};

const LOGS: usize = 1_000;

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

/// Writes `LOGS` logs of random play; about one in ten stops before the end.
fn write_logs(dir: &Path, checked: &Checked) -> usize {
    let s = checked.playable().expect("first-meeting plays").clone();
    let mut rng = ChaCha8Rng::seed_from_u64(2024);
    let mut decisions = 0;
    for i in 0..LOGS {
        let mut session = Session::new(s.clone(), rng.random(), Mode::Training);
        let stop_early = rng.random_range(0..10) == 0;
        while !session.is_over() {
            if stop_early && rng.random_range(0..4) == 0 {
                break;
            }
            let open = session.options();
            let pick = open[rng.random_range(0..open.len())];
            let secs = rng.random_range(1.0..40.0);
            session.choose(pick, secs).expect("an open choice");
            decisions += 1;
        }
        let meta = LogMeta {
            scenario_hash: checked.hash.clone(),
            lang: Lang::Ja,
            trainee: format!("受講者-{}", i % 40),
            started: 1_700_000_000 + rng.random_range(0..3_600),
        };
        let text = SessionLog::of(&session, &meta).to_ron();
        std::fs::write(dir.join(format!("log-{i:04}.ron")), text)
            .expect("the temp dir is writable");
    }
    decisions
}

fn main() {
    let scenario = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/first-meeting.ron");
    let checked = check_file(&scenario);
    let dir = std::env::temp_dir().join(format!("tsunagu-bench-debrief-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let decisions = write_logs(&dir, &checked);
    let paths: Vec<PathBuf> = vec![dir.clone()];

    let (open, debrief) = best_of(5, || Debrief::open(&paths, vec![checked.clone()]));
    let (group, groups) = best_of(5, || debrief.groups());
    let g = &groups[0];
    println!(
        "{LOGS} logs ({decisions} decisions, {} KiB on disk), first-meeting.ron:",
        dir_size(&dir) / 1024
    );
    println!(
        "  load + parse + match + replay: {:.1} ms (best of 5); {} played, {} problems",
        open * 1e3,
        debrief.played.len(),
        debrief.problems.len()
    );
    println!(
        "  group view (counts, endings, spread): {:.2} ms (best of 5); {} decision points, {} unfinished",
        group * 1e3,
        g.decision_points.len(),
        g.unfinished.len()
    );
    println!("  load and aggregate: {:.1} ms", (open + group) * 1e3);

    let (guide, states) = best_of(5, || {
        tsunagu::core::analysis::analyse(checked.playable().expect("plays"))
            .guide
            .map(|g| g.states())
    });
    println!(
        "  analysis with the best-choice guide: {:.2} ms ({} states)",
        guide * 1e3,
        states.unwrap_or(0)
    );
    let (replays, steps) = best_of(3, || {
        (0..debrief.played.len())
            .map(|i| debrief.replay(i).steps.len())
            .sum::<usize>()
    });
    println!(
        "  every log replayed step by step with comparisons: {:.1} ms ({steps} steps)",
        replays * 1e3
    );
    std::fs::remove_dir_all(&dir).ok();
}

fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| e.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}
