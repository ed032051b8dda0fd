//! `tsunagu debrief`: reports from session logs for the group's debrief. Markdown and HTML
//! to print or project, CSV for spreadsheets, xAPI statements for a learning record store.
//! The figures come from `core::debrief`; this file only lays them out.

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
        Format::Md => document::markdown(&document::build(&report)),
        Format::Html => document::html(&document::build(&report), &report),
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
    let s = format!("{:.2}", (x * 100.0).round() / 100.0);
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// The CSV export: one row per decision.
mod csv {
    use super::{Report, seconds};

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
                ];
                cells.extend(competencies.iter().map(|_| String::new()));
                cells.push(seconds(d.seconds));
                row(cells);
            }
        }
        out
    }
}

/// The printable report, built once as plain blocks and drawn as Markdown or HTML.
mod document {
    use std::fmt::Write as _;

    use tsunagu::core::analysis::UNBOUNDED;
    use tsunagu::core::debrief::{Group, Spread, Summary};
    use tsunagu::core::model::{Lang, Outcome, Text};

    use super::{Report, seconds};

    pub enum Span {
        Text(String),
        Strong(String),
        Code(String),
        /// A share from 0 to 1, drawn as a bar in HTML only.
        Bar(f64),
    }

    pub type Cell = Vec<Span>;

    pub enum Block {
        Heading(u8, Cell),
        Para(Cell),
        Quote(String),
        List(Vec<Cell>),
        Table {
            head: Vec<String>,
            rows: Vec<Vec<Cell>>,
        },
        /// Box plots of a score spread, in HTML only (the table beside it has the figures).
        BoxPlots(Vec<Spread>),
    }

    fn text(s: impl Into<String>) -> Cell {
        vec![Span::Text(s.into())]
    }

    fn outcome(r: &Report, o: Outcome) -> &'static str {
        match o {
            Outcome::Good => r.tr("良い", "good"),
            Outcome::Mixed => r.tr("まずまず", "mixed"),
            Outcome::Poor => r.tr("課題あり", "poor"),
        }
    }

    fn fmt_number(x: f64) -> String {
        let s = format!("{x:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }

    pub fn build(r: &Report) -> Vec<Block> {
        let d = r.debrief;
        let mut out = vec![Block::Heading(
            1,
            text(r.tr("振り返りレポート", "Debrief report")),
        )];
        let mut intro = format!(
            "{} {} / {} {}",
            d.played.len(),
            r.tr("セッション", "session(s)"),
            r.groups.len(),
            r.tr("シナリオ", "scenario(s)")
        );
        if r.anonymise {
            intro.push_str(r.tr(
                "（受講者名は匿名化しています）",
                " (trainee names are anonymised)",
            ));
        }
        out.push(Block::Para(text(intro)));
        if !d.problems.is_empty() {
            out.push(Block::Heading(
                2,
                text(r.tr("読み込めなかったログ", "Logs that could not be used")),
            ));
            out.push(Block::List(
                d.problems
                    .iter()
                    .map(|p| vec![Span::Code(p.to_string())])
                    .collect(),
            ));
        }
        let flagged: Vec<usize> = (0..d.played.len())
            .filter(|&i| d.played[i].is_flagged())
            .collect();
        if !flagged.is_empty() {
            out.push(Block::Heading(
                2,
                text(r.tr(
                    "シナリオの内容が変わったログ",
                    "Logs played on other content of their scenario",
                )),
            ));
            out.push(Block::List(
                flagged
                    .iter()
                    .map(|&i| {
                        let p = &d.played[i];
                        let mut cell = vec![
                            Span::Strong(r.label(i)),
                            Span::Text(" ".into()),
                            Span::Code(p.path.display().to_string()),
                            Span::Text(format!(
                                ": {} {}/{}",
                                r.tr("再生できた判断", "decisions replayed"),
                                p.replayed.applied,
                                p.log.decisions.len()
                            )),
                        ];
                        if let Some(s) = &p.replayed.stopped {
                            cell.push(Span::Text(format!(" — {s}")));
                        }
                        cell
                    })
                    .collect(),
            ));
        }
        for g in &r.groups {
            group(r, g, &mut out);
        }
        out
    }

    fn group(r: &Report, g: &Group, out: &mut Vec<Block>) {
        let d = r.debrief;
        let s = &d.scenarios[g.scenario];
        let Some(c) = s.compiled.as_ref() else { return };
        let t = |x: &Text| x.get(r.lang).to_owned();
        out.push(Block::Heading(
            2,
            vec![
                Span::Text(format!("{} ", t(&c.source.title))),
                Span::Code(c.source.id.clone()),
            ],
        ));
        out.push(Block::Para(text(format!(
            "{}: {} / {}: {}",
            r.tr("セッション", "Sessions"),
            g.sessions.len(),
            r.tr("結末まで", "finished"),
            g.sessions.len() - g.unfinished.len()
        ))));

        out.push(Block::Heading(
            3,
            text(r.tr("スコアの分布", "Score spread")),
        ));
        out.push(Block::BoxPlots(g.spread.clone()));
        let head = [
            r.tr("項目", "Competency"),
            r.tr("人数", "n"),
            r.tr("最小", "min"),
            r.tr("第1四分位", "Q1"),
            r.tr("中央値", "median"),
            r.tr("第3四分位", "Q3"),
            r.tr("最大", "max"),
            r.tr("平均", "mean"),
            r.tr("到達可能な最高", "best attainable"),
        ]
        .map(String::from)
        .to_vec();
        let rows = g
            .spread
            .iter()
            .map(|sp| {
                let f = |pick: fn(&Summary) -> f64| {
                    text(
                        sp.summary
                            .as_ref()
                            .map(|x| fmt_number(pick(x)))
                            .unwrap_or_default(),
                    )
                };
                vec![
                    text(t(&sp.name)),
                    text(sp.values.len().to_string()),
                    f(|x| x.min),
                    f(|x| x.q1),
                    f(|x| x.median),
                    f(|x| x.q3),
                    f(|x| x.max),
                    f(|x| x.mean),
                    text(sp.best.map(|b| b.to_string()).unwrap_or_default()),
                ]
            })
            .collect();
        out.push(Block::Table { head, rows });

        out.push(Block::Heading(3, text(r.tr("結末", "Endings"))));
        let head = [
            r.tr("結末", "Ending"),
            r.tr("評価", "Outcome"),
            r.tr("人数", "Count"),
            r.tr("受講者", "Trainees"),
        ]
        .map(String::from)
        .to_vec();
        let names = |ids: &[usize]| {
            let names: Vec<String> = ids.iter().map(|&i| r.label(i)).collect();
            names.join(r.tr("、", "; "))
        };
        let mut rows: Vec<Vec<Cell>> = g
            .endings
            .iter()
            .map(|e| {
                vec![
                    vec![
                        Span::Text(format!("{} ", t(&e.ending.title))),
                        Span::Code(e.ending.node_id.clone()),
                    ],
                    text(outcome(r, e.ending.outcome)),
                    text(e.sessions.len().to_string()),
                    text(names(&e.sessions)),
                ]
            })
            .collect();
        if !g.unfinished.is_empty() {
            rows.push(vec![
                text(r.tr("（途中まで）", "(not finished)")),
                text(""),
                text(g.unfinished.len().to_string()),
                text(names(&g.unfinished)),
            ]);
        }
        out.push(Block::Table { head, rows });

        out.push(Block::Heading(
            3,
            text(r.tr("分岐点ごとの選択", "Choices at each decision point")),
        ));
        for dp in &g.decision_points {
            out.push(Block::Heading(
                4,
                vec![
                    Span::Code(dp.node_id.clone()),
                    Span::Text(match r.lang {
                        Lang::Ja => format!(" — {}（{}人が到達）", dp.phase.name().ja, dp.reached),
                        Lang::En => {
                            format!(" — {} ({} reached it)", dp.phase.name().en, dp.reached)
                        }
                    }),
                ],
            ));
            out.push(Block::Quote(t(&dp.text)));
            let head = [
                r.tr("選択肢", "Choice"),
                r.tr("人数", "Count"),
                r.tr("受講者", "Trainees"),
                r.tr("最善経路", "Best path"),
            ]
            .map(String::from)
            .to_vec();
            let total = g.sessions.len().max(1) as f64;
            let rows = dp
                .choices
                .iter()
                .map(|ch| {
                    vec![
                        vec![
                            Span::Text(format!("{} ", t(&ch.text))),
                            Span::Code(ch.id.clone()),
                        ],
                        vec![
                            Span::Bar(ch.sessions.len() as f64 / total),
                            Span::Text(format!("{}/{}", ch.sessions.len(), g.sessions.len())),
                        ],
                        text(names(&ch.sessions)),
                        text(if ch.on_best_path { "★" } else { "" }),
                    ]
                })
                .collect();
            out.push(Block::Table { head, rows });
        }

        out.push(Block::Heading(
            3,
            text(r.tr("受講者ごとの経路", "Each trainee's path")),
        ));
        for &i in &g.sessions {
            trainee(r, i, out);
        }
    }

    fn trainee(r: &Report, i: usize, out: &mut Vec<Block>) {
        let d = r.debrief;
        let replay = &r.replays[i];
        let c = d.compiled(i);
        let t = |x: &Text| x.get(r.lang).to_owned();
        let total: i32 = d.played[i].session().scores().iter().sum();
        let ending = match &replay.ending {
            Some(e) => format!("{} ({})", t(&e.title), outcome(r, e.outcome)),
            None => r.tr("途中まで", "not finished").to_owned(),
        };
        out.push(Block::Heading(
            4,
            vec![
                Span::Strong(r.label(i)),
                Span::Text(format!(" — {ending} — {} {total}", r.tr("合計", "total"))),
            ],
        ));
        let scores: Vec<String> = c
            .competencies
            .iter()
            .zip(d.played[i].session().scores())
            .map(|(k, p)| format!("{} {p}", t(&k.name)))
            .collect();
        out.push(Block::Para(text(scores.join(" / "))));
        let div = d.divergence_from_best(i);
        let says = match (div.first, div.right.is_empty()) {
            (_, true) => None,
            (None, false) => Some(text(
                r.tr("最善経路どおりに進みました。", "Followed the best path."),
            )),
            (Some(k), false) => {
                let mut cell = text(format!(
                    "{} {}: ",
                    r.tr("最善経路と分かれたステップ", "Left the best path at step"),
                    k + 1
                ));
                match div.left.get(k) {
                    Some(a) => cell.push(Span::Code(a.choice_id.clone())),
                    None => cell.push(Span::Text(r.tr("（ここで終了）", "(stopped here)").into())),
                }
                cell.push(Span::Text(format!(
                    " / {}: ",
                    r.tr("最善経路", "best path")
                )));
                match div.right.get(k) {
                    Some(b) => cell.push(Span::Code(b.choice_id.clone())),
                    None => cell.push(Span::Text(r.tr("（ここで終了）", "(ends here)").into())),
                }
                Some(cell)
            }
        };
        if let Some(cell) = says {
            out.push(Block::Para(cell));
        }
        let head = [
            "#",
            r.tr("場面", "Node"),
            r.tr("選択", "Choice"),
            r.tr("得点", "Points"),
            r.tr("フィードバックと原則", "Feedback and principle"),
            r.tr("最善との比較", "Against the best"),
            r.tr("秒", "s"),
        ]
        .map(String::from)
        .to_vec();
        let rows = replay
            .steps
            .iter()
            .map(|st| {
                let points: Vec<String> = st
                    .points
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| **p != 0)
                    .map(|(k, p)| format!("{} {p:+}", t(&c.competencies[k].name)))
                    .collect();
                let mut feedback = Vec::new();
                for (n, f) in st.feedback.iter().enumerate() {
                    if n > 0 {
                        feedback.push(Span::Text(" / ".into()));
                    }
                    if !f.principle.get(r.lang).is_empty() {
                        feedback.push(Span::Strong(t(&f.principle)));
                        feedback.push(Span::Text(": ".into()));
                    }
                    feedback.push(Span::Text(t(&f.advice)));
                }
                let mut choice = vec![
                    Span::Text(format!("{} ", t(&st.taken_text))),
                    Span::Code(st.taken_id.clone()),
                ];
                if let Some((percent, success)) = st.chance {
                    choice.push(Span::Text(format!(
                        " ({} {percent}%: {})",
                        r.tr("成功率", "chance"),
                        if success {
                            r.tr("成功", "worked")
                        } else {
                            r.tr("不成功", "did not work")
                        }
                    )));
                }
                let against = match &st.comparison {
                    Some(cmp) if cmp.taken_is_best() => text("✓"),
                    Some(cmp) => {
                        let best: Vec<&str> = st
                            .options
                            .iter()
                            .filter(|o| cmp.best_choices.contains(&o.choice))
                            .map(|o| o.id.as_str())
                            .collect();
                        let lost = if cmp.lost >= UNBOUNDED {
                            "∞".to_owned()
                        } else {
                            cmp.lost.to_string()
                        };
                        let mut cell = text(format!("−{lost} "));
                        cell.push(Span::Text(format!("({}: ", r.tr("最善", "best"))));
                        cell.push(Span::Code(best.join(", ")));
                        cell.push(Span::Text(")".into()));
                        cell
                    }
                    None => text(""),
                };
                vec![
                    text(st.number.to_string()),
                    vec![Span::Code(st.node_id.clone())],
                    choice,
                    text(points.join(", ")),
                    feedback,
                    against,
                    text(seconds(st.seconds)),
                ]
            })
            .collect();
        out.push(Block::Table { head, rows });
    }

    // ---- Markdown

    /// Text safe in Markdown (and in a table cell): punctuation that would format is
    /// escaped, line breaks become spaces.
    fn md_escape(s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        for (i, ch) in s.chars().enumerate() {
            match ch {
                // `#` starts a heading only at the start of a line.
                '#' if i > 0 => out.push(ch),
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' => {
                    out.push('\\');
                    out.push(ch);
                }
                '\r' | '\n' => out.push(' '),
                '&' => out.push_str("&amp;"),
                _ => out.push(ch),
            }
        }
        out
    }

    fn md_code(s: &str) -> String {
        if s.is_empty() {
            return String::new();
        }
        // A code span may not hold its own fence: fence with one backtick more than any run.
        let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
        let fence = "`".repeat(longest + 1);
        let flat = s.replace(['\r', '\n'], " ").replace('|', "\\|");
        let pad = if flat.starts_with('`') || flat.ends_with('`') {
            " "
        } else {
            ""
        };
        format!("{fence}{pad}{flat}{pad}{fence}")
    }

    fn md_cell(cell: &Cell) -> String {
        cell.iter()
            .map(|span| match span {
                Span::Text(s) => md_escape(s),
                Span::Strong(s) if s.is_empty() => String::new(),
                Span::Strong(s) => format!("**{}**", md_escape(s)),
                Span::Code(s) => md_code(s),
                Span::Bar(_) => String::new(),
            })
            .collect()
    }

    pub fn markdown(blocks: &[Block]) -> String {
        let mut out = String::new();
        for b in blocks {
            match b {
                Block::Heading(level, cell) => {
                    let _ = writeln!(out, "{} {}\n", "#".repeat(*level as usize), md_cell(cell));
                }
                Block::Para(cell) => {
                    let _ = writeln!(out, "{}\n", md_cell(cell));
                }
                Block::Quote(s) => {
                    let _ = writeln!(out, "> {}\n", md_escape(s));
                }
                Block::List(items) => {
                    for item in items {
                        let _ = writeln!(out, "- {}", md_cell(item));
                    }
                    out.push('\n');
                }
                Block::Table { head, rows } => {
                    let head: Vec<String> = head.iter().map(|h| md_escape(h)).collect();
                    let _ = writeln!(out, "| {} |", head.join(" | "));
                    let _ = writeln!(out, "|{}", "---|".repeat(head.len()));
                    for row in rows {
                        let cells: Vec<String> = row.iter().map(md_cell).collect();
                        let _ = writeln!(out, "| {} |", cells.join(" | "));
                    }
                    out.push('\n');
                }
                Block::BoxPlots(_) => {}
            }
        }
        out
    }

    // ---- HTML

    pub fn html_escape(s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        for ch in s.chars() {
            match ch {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&#39;"),
                _ => out.push(ch),
            }
        }
        out
    }

    fn html_cell(cell: &Cell) -> String {
        cell.iter()
            .map(|span| match span {
                Span::Text(s) => html_escape(s),
                Span::Strong(s) => format!("<strong>{}</strong>", html_escape(s)),
                Span::Code(s) => format!("<code>{}</code>", html_escape(s)),
                Span::Bar(share) => format!(
                    "<span class=\"bar\" style=\"width:{:.0}px\"></span>",
                    share.clamp(0.0, 1.0) * 80.0
                ),
            })
            .collect()
    }

    const STYLE: &str = "
body { font-family: \"BIZ UDPGothic\", \"Noto Sans JP\", \"Hiragino Sans\", \"Yu Gothic\", sans-serif;
       max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; line-height: 1.5; color: #111; }
h1 { border-bottom: 3px solid #2a6f97; }
h2 { border-bottom: 1px solid #2a6f97; margin-top: 2.5rem; }
h4 { margin-bottom: 0.3rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; width: 100%; font-size: 0.9rem; }
th, td { border: 1px solid #bbb; padding: 0.2rem 0.4rem; vertical-align: top; text-align: left; }
th { background: #e8f1f6; }
code { font-size: 0.85em; background: #f3f3f3; padding: 0 0.2em; }
blockquote { margin: 0.3rem 0; padding-left: 0.8rem; border-left: 3px solid #ccc; color: #333; }
.bar { display: inline-block; height: 0.7rem; background: #2a6f97; margin-right: 0.3rem; }
.plots td { border: none; padding: 0.1rem 0.4rem; }
svg .box { fill: #cfe3ee; stroke: #2a6f97; }
svg .whisker, svg .median { stroke: #2a6f97; stroke-width: 2; }
svg .best { stroke: #c0392b; stroke-width: 2; stroke-dasharray: 3 2; }
svg .dot { fill: #111; opacity: 0.5; }
@media print {
  body { max-width: none; margin: 0; font-size: 10pt; }
  h2 { break-before: page; }
  tr, blockquote, .plots { break-inside: avoid; }
  h3, h4 { break-after: avoid; }
  th { background: #eee; }
}
@page { size: A4; margin: 14mm; }
";

    /// Box plots on one scale: whiskers min–max, box Q1–Q3, median, the best attainable
    /// (dashed) and each trainee's value as a dot.
    fn box_plots(r: &Report, spread: &[Spread]) -> String {
        let mut lo = 0f64;
        let mut hi = 1f64;
        for s in spread {
            for &v in &s.values {
                lo = lo.min(v as f64);
                hi = hi.max(v as f64);
            }
            if let Some(b) = s.best {
                hi = hi.max(b as f64);
            }
        }
        let (w, left) = (360.0, 6.0);
        let x = |v: f64| left + (v - lo) / (hi - lo) * (w - 2.0 * left);
        let mut out = String::from("<table class=\"plots\">");
        for s in spread {
            let Some(sum) = s.summary else { continue };
            let _ = write!(
                out,
                "<tr><td>{}</td><td><svg width=\"{w}\" height=\"22\" role=\"img\" aria-label=\"{}\">",
                html_escape(s.name.get(r.lang)),
                html_escape(s.name.get(r.lang))
            );
            let _ = write!(
                out,
                "<line class=\"whisker\" x1=\"{:.1}\" x2=\"{:.1}\" y1=\"11\" y2=\"11\"/>",
                x(sum.min),
                x(sum.max)
            );
            let _ = write!(
                out,
                "<rect class=\"box\" x=\"{:.1}\" y=\"4\" width=\"{:.1}\" height=\"14\"/>",
                x(sum.q1),
                (x(sum.q3) - x(sum.q1)).max(1.0)
            );
            let _ = write!(
                out,
                "<line class=\"median\" x1=\"{0:.1}\" x2=\"{0:.1}\" y1=\"3\" y2=\"19\"/>",
                x(sum.median)
            );
            if let Some(b) = s.best {
                let _ = write!(
                    out,
                    "<line class=\"best\" x1=\"{0:.1}\" x2=\"{0:.1}\" y1=\"0\" y2=\"22\"/>",
                    x(b as f64)
                );
            }
            for &v in &s.values {
                let _ = write!(
                    out,
                    "<circle class=\"dot\" cx=\"{:.1}\" cy=\"11\" r=\"2\"/>",
                    x(v as f64)
                );
            }
            out.push_str("</svg></td></tr>");
        }
        let _ = writeln!(
            out,
            "<tr><td></td><td>{} {} … {} ({})</td></tr></table>",
            r.tr("目盛り", "scale"),
            fmt_number(lo),
            fmt_number(hi),
            r.tr("破線: 到達可能な最高", "dashed: best attainable")
        );
        out
    }

    pub fn html(blocks: &[Block], r: &Report) -> String {
        let title = r.tr("振り返りレポート", "Debrief report");
        let mut out = format!(
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
            r.lang.code()
        );
        for b in blocks {
            match b {
                Block::Heading(level, cell) => {
                    let _ = writeln!(out, "<h{level}>{}</h{level}>", html_cell(cell));
                }
                Block::Para(cell) => {
                    let _ = writeln!(out, "<p>{}</p>", html_cell(cell));
                }
                Block::Quote(s) => {
                    let _ = writeln!(out, "<blockquote>{}</blockquote>", html_escape(s));
                }
                Block::List(items) => {
                    out.push_str("<ul>\n");
                    for item in items {
                        let _ = writeln!(out, "<li>{}</li>", html_cell(item));
                    }
                    out.push_str("</ul>\n");
                }
                Block::Table { head, rows } => {
                    out.push_str("<table>\n<thead><tr>");
                    for h in head {
                        let _ = write!(out, "<th>{}</th>", html_escape(h));
                    }
                    out.push_str("</tr></thead>\n<tbody>\n");
                    for row in rows {
                        out.push_str("<tr>");
                        for cell in row {
                            let _ = write!(out, "<td>{}</td>", html_cell(cell));
                        }
                        out.push_str("</tr>\n");
                    }
                    out.push_str("</tbody>\n</table>\n");
                }
                Block::BoxPlots(spread) => out.push_str(&box_plots(r, spread)),
            }
        }
        out.push_str("</body>\n</html>\n");
        out
    }
}

/// A small JSON writer: enough for xAPI statements, with correct string escaping.
mod json {
    use std::fmt::Write as _;

    pub enum Json {
        Bool(bool),
        Int(i64),
        /// Finite numbers only; anything else is written as 0.
        Num(f64),
        Str(String),
        Arr(Vec<Json>),
        Obj(Vec<(String, Json)>),
    }

    pub fn obj<const N: usize>(fields: [(&str, Json); N]) -> Json {
        Json::Obj(fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
    }

    pub fn s(text: impl Into<String>) -> Json {
        Json::Str(text.into())
    }

    fn string(out: &mut String, s: &str) {
        out.push('"');
        for ch in s.chars() {
            match ch {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c if (c as u32) < 0x20 => {
                    let _ = write!(out, "\\u{:04x}", c as u32);
                }
                // Line and paragraph separators break JavaScript that embeds JSON.
                '\u{2028}' | '\u{2029}' => {
                    let _ = write!(out, "\\u{:04x}", ch as u32);
                }
                c => out.push(c),
            }
        }
        out.push('"');
    }

    impl Json {
        pub fn write(&self, out: &mut String, indent: usize) {
            let pad = |out: &mut String, n: usize| {
                out.push('\n');
                out.extend(std::iter::repeat_n(' ', n * 2));
            };
            match self {
                Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
                Json::Int(i) => {
                    let _ = write!(out, "{i}");
                }
                Json::Num(x) => {
                    let x = if x.is_finite() { *x } else { 0.0 };
                    let _ = write!(out, "{x}");
                }
                Json::Str(s) => string(out, s),
                Json::Arr(items) if items.is_empty() => out.push_str("[]"),
                Json::Arr(items) => {
                    out.push('[');
                    for (i, item) in items.iter().enumerate() {
                        if i > 0 {
                            out.push(',');
                        }
                        pad(out, indent + 1);
                        item.write(out, indent + 1);
                    }
                    pad(out, indent);
                    out.push(']');
                }
                Json::Obj(fields) if fields.is_empty() => out.push_str("{}"),
                Json::Obj(fields) => {
                    out.push('{');
                    for (i, (k, v)) in fields.iter().enumerate() {
                        if i > 0 {
                            out.push(',');
                        }
                        pad(out, indent + 1);
                        string(out, k);
                        out.push_str(": ");
                        v.write(out, indent + 1);
                    }
                    pad(out, indent);
                    out.push('}');
                }
            }
        }
    }
}

/// xAPI 1.0.3 statements: `answered` for each decision, `completed` for a session that
/// reached an ending.
mod xapi {
    use sha2::{Digest, Sha256};

    use tsunagu::core::analysis::UNBOUNDED;
    use tsunagu::core::compile::Compiled;
    use tsunagu::core::model::{Lang, Text};

    use super::json::{Json, obj, s};
    use super::{Report, seconds};

    pub const HOME: &str = "https://tsunagu.example";
    const ANSWERED: &str = "http://adlnet.gov/expapi/verbs/answered";
    const COMPLETED: &str = "http://adlnet.gov/expapi/verbs/completed";
    const INTERACTION: &str = "http://adlnet.gov/expapi/activities/cmi.interaction";
    const SIMULATION: &str = "http://adlnet.gov/expapi/activities/simulation";

    /// A path segment of an IRI: everything but unreserved characters percent-encoded.
    fn segment(id: &str) -> String {
        let mut out = String::new();
        for b in id.bytes() {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                out.push(b as char);
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
        out
    }

    pub fn scenario_iri(id: &str) -> String {
        format!("{HOME}/scenarios/{}", segment(id))
    }

    fn node_iri(scenario: &str, node: &str) -> String {
        format!("{}/nodes/{}", scenario_iri(scenario), segment(node))
    }

    fn extension(name: &str) -> String {
        format!("{HOME}/xapi/extensions/{}", segment(name))
    }

    pub fn competency_iri(id: &str) -> String {
        format!("{HOME}/xapi/competencies/{}", segment(id))
    }

    fn language_map(t: &Text) -> Json {
        obj([("ja-JP", s(t.get(Lang::Ja))), ("en-US", s(t.get(Lang::En)))])
    }

    /// A UUID (version 4 layout, RFC 9562) from a SHA-256 of the parts: the same log gives
    /// the same ids on every export. (A name-based v5 would need SHA-1, which is not in the
    /// dependencies; the v4 layout only asks for bits that look random, and these do.)
    pub fn uuid(parts: &[&str]) -> String {
        let mut h = Sha256::new();
        for p in parts {
            h.update(p.as_bytes());
            h.update([0]);
        }
        let mut b: [u8; 16] = h.finalize()[..16].try_into().expect("16 of 32 bytes");
        b[6] = (b[6] & 0x0f) | 0x40;
        b[8] = (b[8] & 0x3f) | 0x80;
        let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
        format!(
            "{}-{}-{}-{}-{}",
            &hex[0..8],
            &hex[8..12],
            &hex[12..16],
            &hex[16..20],
            &hex[20..32]
        )
    }

    /// Milliseconds since 1970 at `elapsed` seconds after `started`, kept within the years
    /// RFC 3339 can write (a corrupt log must not overflow).
    fn moment(started: u64, elapsed: f64) -> i64 {
        const LAST: f64 = 253_402_300_799_999.0; // 9999-12-31T23:59:59.999Z
        (started as f64 * 1000.0 + elapsed * 1000.0)
            .round()
            .clamp(0.0, LAST) as i64
    }

    /// RFC 3339 in UTC, with milliseconds, from milliseconds since 1970.
    pub fn timestamp(ms: i64) -> String {
        let (secs, milli) = (ms.div_euclid(1000), ms.rem_euclid(1000));
        let (days, rest) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        format!(
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{milli:03}Z",
            rest / 3600,
            rest % 3600 / 60,
            rest % 60
        )
    }

    fn duration(secs: f64) -> String {
        format!("PT{}S", seconds(secs as f32))
    }

    fn scenario_activity(c: &Compiled) -> Json {
        obj([
            ("objectType", s("Activity")),
            ("id", s(scenario_iri(&c.source.id))),
            (
                "definition",
                obj([
                    ("name", language_map(&c.source.title)),
                    ("description", language_map(&c.source.summary)),
                    ("type", s(SIMULATION)),
                ]),
            ),
        ])
    }

    fn node_activity(c: &Compiled, node: u32) -> Json {
        let n = &c.source.nodes[node as usize];
        let name = Text {
            ja: format!("{} — {}", c.source.title.get(Lang::Ja), n.id),
            en: format!("{} — {}", c.source.title.get(Lang::En), n.id),
        };
        let choices = n
            .choices
            .iter()
            .map(|ch| obj([("id", s(&ch.id)), ("description", language_map(&ch.text))]))
            .collect();
        obj([
            ("objectType", s("Activity")),
            ("id", s(node_iri(&c.source.id, &n.id))),
            (
                "definition",
                obj([
                    ("name", language_map(&name)),
                    (
                        "description",
                        language_map(&n.text.first().cloned().unwrap_or_default()),
                    ),
                    ("type", s(INTERACTION)),
                    ("interactionType", s("choice")),
                    ("choices", Json::Arr(choices)),
                ]),
            ),
        ])
    }

    fn verb(id: &str, en: &str, ja: &str) -> Json {
        obj([
            ("id", s(id)),
            ("display", obj([("en-US", s(en)), ("ja-JP", s(ja))])),
        ])
    }

    fn points(c: &Compiled, values: &[i32]) -> Vec<(String, Json)> {
        c.competencies
            .iter()
            .zip(values)
            .map(|(k, &v)| (competency_iri(&k.id), Json::Int(v as i64)))
            .collect()
    }

    /// `raw` with `min` and `max` from the analysis (the sum of the worst, the best path's
    /// total) and `scaled` = raw/max above zero, raw/|min| below it, so within -1..1.
    fn score(raw: i64, min: Option<i64>, max: Option<i64>) -> Json {
        let mut fields = vec![("raw".to_owned(), Json::Int(raw))];
        if let (Some(min), Some(max)) = (min, max) {
            let (min, max) = (min.min(raw), max.max(raw));
            if min < max {
                let scaled = if raw >= 0 {
                    if max > 0 {
                        raw as f64 / max as f64
                    } else {
                        0.0
                    }
                } else {
                    raw as f64 / -(min as f64)
                };
                fields.push(("min".into(), Json::Int(min)));
                fields.push(("max".into(), Json::Int(max)));
                fields.push((
                    "scaled".into(),
                    Json::Num((scaled.clamp(-1.0, 1.0) * 10_000.0).round() / 10_000.0),
                ));
            }
        }
        Json::Obj(fields)
    }

    pub fn write(r: &Report) -> String {
        let d = r.debrief;
        let mut statements = Vec::new();
        for (i, p) in d.played.iter().enumerate() {
            let c = d.compiled(i);
            let replay = &r.replays[i];
            let log_text = p.log.to_ron();
            let (name, account) = if r.anonymise {
                (
                    tsunagu::core::debrief::anonymous_name(p.trainee_number, r.lang),
                    format!("trainee-{}", p.trainee_number),
                )
            } else if p.log.trainee.trim().is_empty() {
                (r.label(i), "trainee".to_owned())
            } else {
                (p.log.trainee.clone(), p.log.trainee.clone())
            };
            let actor = || {
                obj([
                    ("objectType", s("Agent")),
                    ("name", s(&name)),
                    (
                        "account",
                        obj([("homePage", s(HOME)), ("name", s(&account))]),
                    ),
                ])
            };
            let registration = uuid(&["registration", &log_text]);
            let language = match p.log.lang {
                Lang::Ja => "ja-JP",
                Lang::En => "en-US",
            };
            let context = |step: Option<usize>| {
                let mut ext = vec![
                    // As text: a 64-bit seed does not fit a JSON number exactly.
                    (extension("seed"), s(p.log.seed.to_string())),
                    (extension("scenario-hash"), s(&p.log.scenario_hash)),
                    (
                        extension("scenario-version"),
                        Json::Int(p.log.scenario_version as i64),
                    ),
                ];
                if let Some(k) = step {
                    ext.push((extension("step"), Json::Int(k as i64)));
                }
                let mut fields = vec![("registration".to_owned(), s(&registration))];
                // A decision's parent is its scenario (a completion's object is the scenario).
                if step.is_some() {
                    fields.push((
                        "contextActivities".into(),
                        obj([("parent", Json::Arr(vec![scenario_activity(c)]))]),
                    ));
                }
                fields.push(("platform".into(), s("tsunagu")));
                fields.push(("language".into(), s(language)));
                fields.push(("extensions".into(), Json::Obj(ext)));
                Json::Obj(fields)
            };
            let at = |elapsed: f64| timestamp(moment(p.log.started, elapsed));
            let mut elapsed = 0.0f64;
            for st in &replay.steps {
                let secs = if st.seconds.is_finite() {
                    st.seconds.max(0.0) as f64
                } else {
                    0.0
                };
                elapsed += secs;
                let mut ext = points(c, &st.points);
                if let Some(cmp) = &st.comparison {
                    ext.push((extension("best-choice"), Json::Bool(cmp.taken_is_best())));
                    if cmp.lost < UNBOUNDED {
                        ext.push((extension("points-given-up"), Json::Int(cmp.lost)));
                    }
                }
                statements.push(obj([
                    (
                        "id",
                        s(uuid(&[
                            &log_text,
                            &name,
                            "answered",
                            &st.number.to_string(),
                        ])),
                    ),
                    ("actor", actor()),
                    ("verb", verb(ANSWERED, "answered", "回答した")),
                    ("object", node_activity(c, st.node)),
                    (
                        "result",
                        obj([
                            ("response", s(&st.taken_id)),
                            ("duration", s(duration(secs))),
                            ("extensions", Json::Obj(ext)),
                        ]),
                    ),
                    ("context", context(Some(st.number))),
                    ("timestamp", s(at(elapsed))),
                ]));
            }
            let Some(ending) = &replay.ending else {
                continue;
            };
            let scores = p.session().scores();
            let raw: i64 = scores.iter().map(|&x| x as i64).sum();
            let analysis = d.scenarios[p.scenario].analysis.as_ref();
            let min = analysis
                .filter(|a| a.worst.iter().all(|&w| w > -UNBOUNDED))
                .map(|a| a.worst.iter().sum());
            let max = d
                .best_path_points(p.scenario)
                .filter(|_| analysis.is_some_and(|a| a.unbounded.is_empty()))
                .map(|b| b.iter().map(|&x| x as i64).sum());
            let mut ext = points(c, scores);
            ext.push((extension("ending"), s(&ending.node_id)));
            ext.push((extension("outcome"), s(format!("{:?}", ending.outcome))));
            statements.push(obj([
                ("id", s(uuid(&[&log_text, &name, "completed"]))),
                ("actor", actor()),
                ("verb", verb(COMPLETED, "completed", "完了した")),
                ("object", scenario_activity(c)),
                (
                    "result",
                    obj([
                        ("score", score(raw, min, max)),
                        ("completion", Json::Bool(true)),
                        ("duration", s(duration(elapsed))),
                        ("extensions", Json::Obj(ext)),
                    ]),
                ),
                ("context", context(None)),
                ("timestamp", s(at(elapsed))),
            ]));
        }
        let mut out = String::new();
        Json::Arr(statements).write(&mut out, 0);
        out.push('\n');
        out
    }
}
