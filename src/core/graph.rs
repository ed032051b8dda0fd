//! The shape of a conversation: one node per scenario node, one edge per way a choice can
//! go. `build` gives the plain structure (for the game to draw as it likes); `to_dot` writes
//! it as a Graphviz DOT graph for `tsunagu graph`: phases as clusters, scored choices
//! coloured by competency, endings as double circles coloured by outcome, chance dashed,
//! conditions on the arrows; a hub's questions listed inside its box (`graph_hubs`).

use std::fmt::Write;

use super::compile::{CBranch, Compiled, Fx};
use super::graph_hubs::{Row, hubs};
use super::model::{Condition, Lang, Outcome, Phase};

#[derive(Debug, Clone, PartialEq)]
pub struct Graph {
    pub nodes: Vec<GraphNode>,
    pub edges: Vec<GraphEdge>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GraphNode {
    /// Index of the node in the scenario.
    pub index: u32,
    pub id: String,
    pub phase: Phase,
    /// The first words of the node's first text.
    pub label: String,
    /// Who says it (a name; none: narration), and who else is in the room.
    pub speaker: Option<String>,
    pub present: Vec<String>,
    pub start: bool,
    pub ending: Option<Outcome>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GraphEdge {
    pub from: u32,
    pub to: u32,
    /// Index of the choice in its node.
    pub choice: u32,
    pub choice_id: String,
    /// For a chance outcome: `Some(true)` on success, `Some(false)` on failure.
    pub chance: Option<bool>,
    /// The chance of success in percent before any variable shifts it.
    pub percent: Option<i32>,
    /// The variable that shifts the chance, and by how much per point.
    pub shift: Option<(u32, i32)>,
    /// Points per competency (index into the rubric) taking this edge earns.
    pub scores: Vec<(u32, i32)>,
    /// The choice is offered only when its conditions hold.
    pub conditional: bool,
    pub once: bool,
}

/// Characters of a Japanese text, or words of an English one, shown in a node's label.
const LABEL_CHARS_JA: usize = 14;
const LABEL_WORDS_EN: usize = 6;

/// The conversation as nodes and edges, texts in `lang`.
pub fn build(c: &Compiled, lang: Lang) -> Graph {
    let s = &c.source;
    let nodes = s
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| GraphNode {
            index: i as u32,
            id: n.id.clone(),
            phase: n.phase,
            label: first_words(n.text.first().map_or("", |t| t.get(lang)), lang),
            speaker: c.nodes[i]
                .speaker
                .map(|k| s.cast[k as usize].name.get(lang).to_owned()),
            present: c.nodes[i]
                .present
                .iter()
                .map(|&k| s.cast[k as usize].name.get(lang).to_owned())
                .collect(),
            start: i as u32 == c.start,
            ending: n.ending.as_ref().map(|e| e.outcome),
        })
        .collect();
    let mut edges = Vec::new();
    for (from, node) in c.nodes.iter().enumerate() {
        for (ci, choice) in node.choices.iter().enumerate() {
            let source = &s.nodes[from].choices[ci];
            let base = choice.goto.unwrap_or(from as u32);
            let edge = |to: u32, chance: Option<bool>, extra: &[Fx]| GraphEdge {
                from: from as u32,
                to,
                choice: ci as u32,
                choice_id: source.id.clone(),
                chance,
                percent: choice.chance.as_ref().map(|ch| ch.percent),
                shift: choice
                    .chance
                    .as_ref()
                    .and_then(|ch| ch.var.map(|v| (v, ch.per_point))),
                scores: scores(choice.effects.iter().chain(extra)),
                conditional: !choice.when.is_empty(),
                once: choice.once.is_some(),
            };
            match &choice.chance {
                Some(ch) => {
                    let branch =
                        |b: &CBranch, ok: bool| edge(b.goto.unwrap_or(base), Some(ok), &b.effects);
                    edges.push(branch(&ch.success, true));
                    edges.push(branch(&ch.failure, false));
                }
                None => edges.push(edge(base, None, &[])),
            }
        }
    }
    Graph { nodes, edges }
}

/// Points per competency, summed, in rubric order; competencies with no points left out.
fn scores<'a>(effects: impl Iterator<Item = &'a Fx>) -> Vec<(u32, i32)> {
    let mut out: Vec<(u32, i32)> = Vec::new();
    for fx in effects {
        if let Fx::Score { competency, points } = *fx {
            match out.iter_mut().find(|(c, _)| *c == competency) {
                Some(entry) => entry.1 += points,
                None => out.push((competency, points)),
            }
        }
    }
    out.retain(|(_, p)| *p != 0);
    out.sort_unstable();
    out
}

/// The start of a text, short enough for a node's label.
pub fn first_words(text: &str, lang: Lang) -> String {
    let text = text.trim();
    let (cut, more) = match lang {
        Lang::En => {
            let words: Vec<&str> = text.split_whitespace().collect();
            (
                words[..words.len().min(LABEL_WORDS_EN)].join(" "),
                words.len() > LABEL_WORDS_EN,
            )
        }
        Lang::Ja => (
            text.chars().take(LABEL_CHARS_JA).collect(),
            text.chars().count() > LABEL_CHARS_JA,
        ),
    };
    if more { format!("{cut}…") } else { cut }
}

/// Where a competency sits in the palette: each known one always in its own place (ethics
/// has its own colour in every scenario), then the scenario's others.
pub fn colour_slot(c: &Compiled, index: u32) -> u32 {
    const KNOWN: [&str; 6] = [
        "strengths",
        "needs",
        "community",
        "escalation",
        "self_determination",
        "ethics",
    ];
    let id = c.competencies[index as usize].id.as_str();
    match KNOWN.iter().position(|k| *k == id) {
        Some(slot) => slot as u32,
        None => KNOWN.len() as u32 + index % 2,
    }
}

/// A colour per palette slot ([`colour_slot`]).
pub fn competency_colour(slot: u32) -> &'static str {
    const COLOURS: [&str; 8] = [
        "#2e7d32", // strengths: green
        "#1565c0", // needs: blue
        "#ef6c00", // community: orange
        "#6a1b9a", // escalation: purple
        "#00838f", "#ad1457", "#5d4037", "#827717",
    ];
    COLOURS[slot as usize % COLOURS.len()]
}

pub fn outcome_colour(o: Outcome) -> &'static str {
    match o {
        Outcome::Good => "#a5d6a7",
        Outcome::Mixed => "#fff59d",
        Outcome::Poor => "#ef9a9a",
    }
}

/// A DOT string literal: quotes, backslashes and line breaks escaped.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            other => out.push(other),
        }
    }
    out.push('"');
    out
}

fn phase_key(p: Phase) -> String {
    format!("{p:?}").to_lowercase()
}

/// The conversation as a Graphviz DOT graph, texts in `lang`.
pub fn to_dot(c: &Compiled, lang: Lang) -> String {
    let g = build(c, lang);
    let hubs = hubs(&g);
    let s = &c.source;
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = writeln!(out, "digraph {} {{", quote(&s.id));
    let _ = writeln!(
        out,
        "  graph [rankdir=TB, fontname=\"sans-serif\", label={}, labelloc=t];",
        quote(&legend(c, lang))
    );
    let _ = writeln!(
        out,
        "  node [shape=box, style=\"rounded\", fontname=\"sans-serif\", fontsize=10];"
    );
    let _ = writeln!(out, "  edge [fontname=\"sans-serif\", fontsize=9];");
    for phase in Phase::ALL {
        let members: Vec<&GraphNode> = g
            .nodes
            .iter()
            .filter(|n| n.phase == phase && !hubs.folded[n.index as usize])
            .collect();
        if members.is_empty() {
            continue;
        }
        let _ = writeln!(out, "  subgraph cluster_{} {{", phase_key(phase));
        let _ = writeln!(
            out,
            "    label={}; style=\"rounded,dashed\"; color=\"#9e9e9e\";",
            quote(phase.name().get(lang))
        );
        for n in members {
            let rows = &hubs.rows[n.index as usize];
            let statement = if rows.is_empty() {
                node_statement(n, lang)
            } else {
                hub_statement(c, &g, n, rows, lang)
            };
            let _ = writeln!(out, "    {statement};");
        }
        let _ = writeln!(out, "  }}");
    }
    for (e, listed) in g.edges.iter().zip(&hubs.listed) {
        if !listed {
            let _ = writeln!(out, "  {};", edge_statement(c, &g, e, lang));
        }
    }
    out.push_str("}\n");
    out
}

fn node_statement(n: &GraphNode, lang: Lang) -> String {
    let mut text = format!("{}\n", n.id);
    if let Some(who) = &n.speaker {
        let _ = write!(text, "{who}: ");
    }
    text.push_str(&n.label);
    if !n.present.is_empty() {
        let word = match lang {
            Lang::Ja => "同席",
            Lang::En => "in the room",
        };
        let _ = write!(text, "\n[{word}: {}]", n.present.join(", "));
    }
    let label = quote(&text);
    let mut attrs = vec![format!("label={label}")];
    if let Some(o) = n.ending {
        attrs.push("shape=doublecircle".into());
        attrs.push("style=filled".into());
        attrs.push(format!("fillcolor={}", quote(outcome_colour(o))));
    }
    if n.start {
        attrs.push("penwidth=2".into());
    }
    format!("{} [{}]", quote(&n.id), attrs.join(", "))
}

fn edge_statement(c: &Compiled, g: &Graph, e: &GraphEdge, lang: Lang) -> String {
    let mut label = e.choice_id.clone();
    if let (Some(ok), Some(p)) = (e.chance, e.percent) {
        let word = match (ok, lang) {
            (true, Lang::Ja) => "成功",
            (false, Lang::Ja) => "失敗",
            (true, Lang::En) => "success",
            (false, Lang::En) => "failure",
        };
        let _ = write!(label, " ({word} {p}%");
        if let Some((var, per_point)) = e.shift {
            let _ = write!(label, " {per_point:+}%×{}", c.vars[var as usize].id);
        }
        label.push(')');
    }
    for &(comp, points) in &e.scores {
        let _ = write!(
            label,
            "\n{points:+} {}",
            c.competencies[comp as usize].name.get(lang)
        );
    }
    let when = &c.choice_source(e.from, e.choice).when;
    if !when.is_empty() {
        let _ = write!(label, "\n[{}]", when_text(when));
    }
    let mut attrs = vec![format!("label={}", quote(&label))];
    if !e.scores.is_empty() {
        let colours: Vec<&str> = e
            .scores
            .iter()
            .map(|&(comp, _)| competency_colour(colour_slot(c, comp)))
            .collect();
        attrs.push(format!("color={}", quote(&colours.join(":"))));
        attrs.push(format!("fontcolor={}", quote(colours[0])));
        // A choice that loses points is drawn thin, one that earns them bold.
        let total: i32 = e.scores.iter().map(|s| s.1).sum();
        attrs.push(
            if total > 0 {
                "penwidth=2"
            } else {
                "penwidth=1"
            }
            .into(),
        );
    }
    if e.chance.is_some() {
        attrs.push("style=dashed".into());
    }
    format!(
        "{} -> {} [{}]",
        quote(&g.nodes[e.from as usize].id),
        quote(&g.nodes[e.to as usize].id),
        attrs.join(", ")
    )
}

/// Conditions as a short label: `flag`, `!flag`, `trust≥3`, `@node` (visited), `(a | b)`.
pub fn when_text(conds: &[Condition]) -> String {
    let one = |c: &Condition| -> String {
        match c {
            Condition::Flag(f) => f.clone(),
            Condition::NotFlag(f) => format!("!{f}"),
            Condition::AtLeast(v, x) => format!("{v}≥{x}"),
            Condition::AtMost(v, x) => format!("{v}≤{x}"),
            Condition::Visited(n) => format!("@{n}"),
            Condition::NotVisited(n) => format!("!@{n}"),
            Condition::Any(any) => {
                let parts: Vec<String> = any
                    .iter()
                    .map(|c| when_text(std::slice::from_ref(c)))
                    .collect();
                format!("({})", parts.join(" | "))
            }
        }
    };
    conds.iter().map(one).collect::<Vec<_>>().join(", ")
}

/// Text for an HTML-like label: `&`, `<`, `>` and `"` as entities.
fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            other => out.push(other),
        }
    }
    out
}

/// A hub: its id and first words, then its questions as a list (an HTML-like label).
fn hub_statement(c: &Compiled, g: &Graph, n: &GraphNode, rows: &[Row], lang: Lang) -> String {
    let cell = |text: &str| format!("<TR><TD ALIGN=\"LEFT\">{text}</TD></TR>");
    let mut label = String::from("<TABLE BORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"1\">");
    label.push_str(&cell(&format!("<B>{}</B>", html(&n.id))));
    let said = match &n.speaker {
        Some(who) => format!("{who}: {}", n.label),
        None => n.label.clone(),
    };
    label.push_str(&cell(&html(&said)));
    if !n.present.is_empty() {
        let word = match lang {
            Lang::Ja => "同席",
            Lang::En => "in the room",
        };
        label.push_str(&cell(&html(&format!("[{word}: {}]", n.present.join(", ")))));
    }
    label.push_str("<HR/>");
    for row in rows {
        label.push_str(&cell(&row_text(c, g, row, lang)));
    }
    label.push_str("</TABLE>");
    let mut attrs = vec![format!("label=<{label}>")];
    if n.start {
        attrs.push("penwidth=2".into());
    }
    format!("{} [{}]", quote(&n.id), attrs.join(", "))
}

/// One question of a hub: its id, conditions, chance and points, coloured by the first
/// competency it scores; a question that opens a sub-exchange names where, and the
/// sub-exchange's answers follow it, indented.
fn row_text(c: &Compiled, g: &Graph, row: &Row, lang: Lang) -> String {
    let choice = c.choice_source(row.node, row.choice);
    let edges: Vec<&GraphEdge> = g
        .edges
        .iter()
        .filter(|e| e.from == row.node && e.choice == row.choice)
        .collect();
    let mut text = String::from(if row.nested { "　↳ " } else { "• " });
    text.push_str(&choice.id);
    if !choice.when.is_empty() {
        let _ = write!(text, " [{}]", when_text(&choice.when));
    }
    if let Some(p) = edges.first().and_then(|e| e.percent) {
        let word = match lang {
            Lang::Ja => "成功率",
            Lang::En => "chance",
        };
        let _ = write!(text, " ({word} {p}%)");
    }
    let to = edges.first().map_or(row.node, |e| e.to);
    if !row.nested && to != row.node {
        let _ = write!(text, " → {}", g.nodes[to as usize].id);
    }
    let mut scores: Vec<(u32, i32)> = Vec::new();
    for e in &edges {
        for s in &e.scores {
            if !scores.contains(s) {
                scores.push(*s);
            }
        }
    }
    for &(comp, points) in &scores {
        let _ = write!(
            text,
            " {points:+} {}",
            c.competencies[comp as usize].name.get(lang)
        );
    }
    let text = html(&text);
    match scores.first() {
        Some(&(comp, _)) => format!(
            "<FONT COLOR=\"{}\">{text}</FONT>",
            competency_colour(colour_slot(c, comp))
        ),
        None => text,
    }
}

/// The title and what the colours mean.
fn legend(c: &Compiled, lang: Lang) -> String {
    let colours: Vec<String> = c
        .competencies
        .iter()
        .enumerate()
        .map(|(i, comp)| {
            let slot = colour_slot(c, i as u32);
            format!("{}={}", comp.name.get(lang), colour_word(slot, lang))
        })
        .collect();
    let endings = match lang {
        Lang::Ja => {
            "結末: 緑=良い 黄=部分的 赤=不十分 / 破線=確率 / 箱の中の一覧=その場にとどまる質問 / [条件] !=でない @=訪問済み"
        }
        Lang::En => {
            "endings: green=good yellow=mixed red=poor / dashed=chance / list in a box=questions that stay there / [when] !=not @=visited"
        }
    };
    format!(
        "{}\n{}\n{}",
        c.source.title.get(lang),
        colours.join("  "),
        endings
    )
}

fn colour_word(index: u32, lang: Lang) -> &'static str {
    const JA: [&str; 8] = ["緑", "青", "橙", "紫", "青緑", "紅", "茶", "オリーブ"];
    const EN: [&str; 8] = [
        "green", "blue", "orange", "purple", "teal", "magenta", "brown", "olive",
    ];
    let i = index as usize % JA.len();
    match lang {
        Lang::Ja => JA[i],
        Lang::En => EN[i],
    }
}
