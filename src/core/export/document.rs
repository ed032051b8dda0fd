//! The printable report, built once as plain blocks and drawn as Markdown or HTML.

use crate::core::analysis::UNBOUNDED;
use crate::core::debrief::{Group, Spread, Summary, Voice};
use crate::core::model::{Lang, Outcome, Text};

use super::report::{Report, number, seconds};

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

fn table(head: &[&str], rows: Vec<Vec<Cell>>) -> Block {
    Block::Table {
        head: head.iter().map(|h| (*h).to_owned()).collect(),
        rows,
    }
}

fn outcome(r: &Report, o: Outcome) -> &'static str {
    match o {
        Outcome::Good => r.tr("良い", "good"),
        Outcome::Mixed => r.tr("まずまず", "mixed"),
        Outcome::Poor => r.tr("課題あり", "poor"),
    }
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
    ];
    let rows = g
        .spread
        .iter()
        .map(|sp| {
            let f = |pick: fn(&Summary) -> f64| {
                text(
                    sp.summary
                        .as_ref()
                        .map(|x| number(pick(x)))
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
    out.push(table(&head, rows));

    out.push(Block::Heading(3, text(r.tr("結末", "Endings"))));
    let head = [
        r.tr("結末", "Ending"),
        r.tr("評価", "Outcome"),
        r.tr("人数", "Count"),
        r.tr("受講者", "Trainees"),
    ];
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
    out.push(table(&head, rows));

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
        ];
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
        out.push(table(&head, rows));
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
    if replay.written_order {
        out.push(Block::Para(text(r.tr(
            "この記録は選択肢の表示順を入れ替える前のものです。選択肢は書かれた順に示され、表示位置は記録されていません。",
            "This log predates the shuffled order of options: they were shown as written, and no position was recorded.",
        ))));
    }
    let head = [
        "#",
        r.tr("場面", "Node"),
        r.tr("選択", "Choice"),
        r.tr("返ってきた言葉", "Replies"),
        r.tr("表示位置", "Shown at"),
        r.tr("得点", "Points"),
        r.tr("フィードバックと原則", "Feedback and principle"),
        r.tr("最善との比較", "Against the best"),
        r.tr("秒", "s"),
    ];
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
            // Who answered, in a meeting several people in turn.
            let mut replies = Vec::new();
            for l in st.said.iter().filter(|l| l.voice != Voice::Trainee) {
                if !replies.is_empty() {
                    replies.push(Span::Text(" / ".into()));
                }
                replies.push(Span::Strong(t(&l.name)));
                replies.push(Span::Text(format!(": {}", t(&l.text))));
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
                text(
                    st.position
                        .map_or("—".to_owned(), |p| format!("{p} / {}", st.options.len())),
                ),
                text(points.join(", ")),
                feedback,
                against,
                text(seconds(st.seconds)),
            ]
        })
        .collect();
    out.push(table(&head, rows));
}
