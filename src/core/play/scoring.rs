//! The score card: points per competency against what was attainable, and the chances the
//! trainee let pass (a strength never asked about, a resource never found, an issue never
//! taken beyond the individual case).

use crate::core::analysis::{Analysis, UNBOUNDED};
use crate::core::compile::{Fx, Item};
use crate::core::engine::Session;
use crate::core::model::{Level, NoteKind, Text};

#[derive(Debug, Clone, PartialEq)]
pub struct ScoreLine {
    pub competency: u32,
    pub id: String,
    pub name: Text,
    pub points: i32,
    /// The most attainable on any path (a bound when the analysis was not exact).
    pub best: i64,
    pub worst: i64,
}

impl ScoreLine {
    /// Points as a share of the best attainable, 0–100; none when nothing can be earned.
    pub fn percent(&self) -> Option<f64> {
        (self.best > 0 && self.best < UNBOUNDED)
            .then(|| (self.points.max(0) as f64 * 100.0 / self.best as f64).min(100.0))
    }
}

pub fn score_card(session: &Session, analysis: &Analysis) -> Vec<ScoreLine> {
    let c = session.scenario();
    c.competencies
        .iter()
        .enumerate()
        .map(|(i, comp)| ScoreLine {
            competency: i as u32,
            id: comp.id.clone(),
            name: comp.name.clone(),
            points: session.scores()[i],
            best: analysis.best[i],
            worst: analysis.worst[i],
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missed {
    /// A strength that was never drawn out.
    Strength(Item),
    /// A need behind the demand that was never noticed.
    Need(Item),
    /// A resource that was never discovered.
    Resource(Item),
    /// An issue that stayed in the individual case (or was never raised).
    Issue { issue: u32, reached: Option<Level> },
}

pub fn missed(session: &Session) -> Vec<Missed> {
    let s = &session.scenario().source;
    let mut out = Vec::new();
    for (i, n) in s.notes.iter().enumerate() {
        let e = Item::Note(i as u32);
        if session.is_revealed(e) || skipped_for_time(session, e) {
            continue;
        }
        match n.kind {
            NoteKind::Strength => out.push(Missed::Strength(e)),
            NoteKind::Need => out.push(Missed::Need(e)),
            // What the trainee asked for is no opportunity to miss; a fact is recorded
            // where it comes up, and its questions are scored there.
            NoteKind::Demand | NoteKind::Fact => {}
        }
    }
    for (i, r) in s.resources.iter().enumerate() {
        let e = Item::Resource(i as u32);
        if r.hidden && !session.is_revealed(e) && !skipped_for_time(session, e) {
            out.push(Missed::Resource(e));
        }
    }
    for (i, level) in session.issue_levels().iter().enumerate() {
        if level.is_none_or(|l| l < Level::Secretariat) {
            out.push(Missed::Issue {
                issue: i as u32,
                reached: *level,
            });
        }
    }
    out
}

/// Whether what `e` would have shown was left for lack of time, and rightly: only questions
/// of a scene with a clock reveal it, the trainee was in that scene and asked questions
/// there, and each question that reveals it is worth no more than the least of those asked.
/// Choosing what to ask is the skill a clock trains; a question rightly left is no miss.
fn skipped_for_time(session: &Session, e: Item) -> bool {
    let c = session.scenario();
    let reveals = |fx: &Fx| match *fx {
        Fx::Reveal(x) => x == e,
        Fx::Tie { from, to, .. } => from == e || to == e,
        _ => false,
    };
    let mut any = false;
    for (n, node) in c.nodes.iter().enumerate() {
        for (k, choice) in node.choices.iter().enumerate() {
            if !choice.all_effects().any(reveals) {
                continue;
            }
            let Some(scene) = node.scene.filter(|_| choice.minutes > 0) else {
                return false;
            };
            let asked: Vec<i64> = session
                .steps()
                .iter()
                .map(|st| (&c.nodes[st.node as usize], st))
                .filter(|(at, st)| {
                    at.scene == Some(scene) && at.choices[st.choice as usize].minutes > 0
                })
                .map(|(at, st)| at.choices[st.choice as usize].points())
                .collect();
            let taken = session
                .steps()
                .iter()
                .any(|st| (st.node, st.choice) == (n as u32, k as u32));
            match asked.iter().min() {
                Some(&least) if !taken && choice.points() <= least => any = true,
                _ => return false,
            }
        }
    }
    any
}
