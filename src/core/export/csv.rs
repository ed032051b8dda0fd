//! The CSV export: one row per decision.

use super::report::{Report, seconds};

/// A field as RFC 4180 wants it: quoted when it holds a comma, a quote or a line break
/// (quotes doubled). Text that a spreadsheet would run as a formula gets a leading `'`.
pub fn field(s: &str, text: bool) -> String {
    let s = if text && s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if s.contains([',', '"', '\r', '\n']) || s.starts_with(' ') || s.ends_with(' ') {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

pub fn write(r: &Report) -> String {
    // A column per competency of every rubric present, in order of first appearance.
    let mut competencies: Vec<String> = Vec::new();
    for g in &r.groups {
        for s in g.spread.iter().filter(|s| s.competency.is_some()) {
            if !competencies.contains(&s.id) {
                competencies.push(s.id.clone());
            }
        }
    }
    let mut head: Vec<String> = [
        "trainee",
        "scenario",
        "step",
        "node",
        "choice",
        "choice_text",
        "position",
        "options",
    ]
    .map(String::from)
    .to_vec();
    head.extend(competencies.iter().cloned());
    head.push("seconds".into());
    // The byte-order mark lets spreadsheet programs read the Japanese as UTF-8.
    let mut out = String::from("\u{feff}");
    let mut row = |cells: Vec<String>| {
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    };
    row(head.iter().map(|h| field(h, true)).collect());
    for (i, p) in r.debrief.played.iter().enumerate() {
        let s = r.debrief.compiled(i);
        let replay = &r.replays[i];
        let trainee = r.label(i);
        for step in &replay.steps {
            let mut cells = vec![
                field(&trainee, true),
                field(&p.log.scenario, true),
                step.number.to_string(),
                field(&step.node_id, true),
                field(&step.taken_id, true),
                field(step.taken_text.get(r.lang), true),
                step.position.map(|p| p.to_string()).unwrap_or_default(),
                step.options.len().to_string(),
            ];
            for id in &competencies {
                cells.push(
                    s.competency_index(id)
                        .map(|c| step.points[c as usize].to_string())
                        .unwrap_or_default(),
                );
            }
            cells.push(seconds(step.seconds));
            row(cells);
        }
        // Decisions that no longer fit the scenario: kept, without points.
        for (k, d) in replay.skipped.iter().enumerate() {
            let mut cells = vec![
                field(&trainee, true),
                field(&p.log.scenario, true),
                (replay.steps.len() + k + 1).to_string(),
                field(&d.node, true),
                field(&d.choice, true),
                String::new(),
                if d.position > 0 {
                    d.position.to_string()
                } else {
                    String::new()
                },
                String::new(),
            ];
            cells.extend(competencies.iter().map(|_| String::new()));
            cells.push(seconds(d.seconds));
            row(cells);
        }
    }
    out
}
