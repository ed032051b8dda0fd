//! The teaching of a scenario at a glance: every scored choice with its points and the
//! principle behind it, as a Markdown table (docs/scenarios.md is made of these), so an
//! instructor can check what a scenario teaches before running a class.

use std::fmt::Write;

use super::analysis::Analysis;
use super::compile::Compiled;
use super::model::{Choice, Effect, Outcome};

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// Every `Score` effect of a choice, with the branch it is in (for chance outcomes).
fn scores(c: &Choice) -> Vec<(&'static str, &Effect)> {
    let mut out: Vec<(&'static str, &Effect)> = c.effects.iter().map(|e| ("", e)).collect();
    if let Some(ch) = &c.chance {
        out.extend(
            ch.success
                .effects
                .iter()
                .map(|e| (" (成功時 / on success)", e)),
        );
        out.extend(
            ch.failure
                .effects
                .iter()
                .map(|e| (" (失敗時 / on failure)", e)),
        );
    }
    out.retain(|(_, e)| matches!(e, Effect::Score { .. }));
    out
}

pub fn markdown(s: &Compiled, a: &Analysis, file: &str) -> String {
    let src = &s.source;
    let mut out = String::new();
    let _ = writeln!(out, "## {} — {}\n", src.title.ja, src.title.en);
    let _ = writeln!(
        out,
        "`{file}` · {} nodes · {} min\n",
        src.nodes.len(),
        src.minutes
    );
    let _ = writeln!(out, "{}\n\n{}\n", src.summary.ja, src.summary.en);
    let best: Vec<String> = s
        .competencies
        .iter()
        .zip(&a.best)
        .map(|(c, b)| format!("{} {b}", c.name.ja))
        .collect();
    let _ = writeln!(
        out,
        "Best attainable / 到達可能な最高点: {}\n",
        best.join(" · ")
    );
    let endings: Vec<String> = src
        .nodes
        .iter()
        .filter_map(|n| n.ending.as_ref().map(|e| (n, e)))
        .map(|(n, e)| {
            let o = match e.outcome {
                Outcome::Good => "Good",
                Outcome::Mixed => "Mixed",
                Outcome::Poor => "Poor",
            };
            format!("`{}` {} / {} ({o})", n.id, e.title.ja, e.title.en)
        })
        .collect();
    let _ = writeln!(out, "Endings / 結末: {}\n", endings.join("; "));
    let _ = writeln!(
        out,
        "| node | who / 話し手 | choice / 選択 | competency | points | principle / 根拠 |"
    );
    let _ = writeln!(out, "|---|---|---|---|---:|---|");
    for (n, node) in src.nodes.iter().enumerate() {
        let name = |k: u32| src.cast[k as usize].name.ja.as_str();
        let mut who = s.nodes[n].speaker.map_or("ナレーション", name).to_owned();
        if !s.nodes[n].present.is_empty() {
            let present: Vec<&str> = s.nodes[n].present.iter().map(|&k| name(k)).collect();
            who.push_str(&format!("（同席: {}）", present.join("、")));
        }
        for c in &node.choices {
            for (branch, e) in scores(c) {
                if let Effect::Score {
                    competency,
                    points,
                    reason,
                } = e
                {
                    let _ = writeln!(
                        out,
                        "| `{}` | {} | {}{branch} | {} | {points:+} | {}<br>{} |",
                        node.id,
                        cell(&who),
                        cell(&c.text.ja),
                        competency,
                        cell(&reason.ja),
                        cell(&reason.en)
                    );
                }
            }
        }
    }
    out.push('\n');
    out
}
