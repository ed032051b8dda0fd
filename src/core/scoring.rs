//! The score card: points per competency against what was attainable, and the chances the
//! trainee let pass (a strength never asked about, a resource never found, an issue never
//! taken beyond the individual case).

use super::analysis::{Analysis, UNBOUNDED};
use super::compile::Entity;
use super::engine::Session;
use super::model::{Level, NoteKind, Text};

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
    Strength(Entity),
    /// A need behind the demand that was never noticed.
    Need(Entity),
    /// A resource that was never discovered.
    Resource(Entity),
    /// An issue that stayed in the individual case (or was never raised).
    Issue { issue: u32, reached: Option<Level> },
}

pub fn missed(session: &Session) -> Vec<Missed> {
    let s = &session.scenario().source;
    let mut out = Vec::new();
    for (i, n) in s.notes.iter().enumerate() {
        let e = Entity::Note(i as u32);
        if session.is_revealed(e) {
            continue;
        }
        match n.kind {
            NoteKind::Strength => out.push(Missed::Strength(e)),
            NoteKind::Need => out.push(Missed::Need(e)),
            NoteKind::Demand => {}
        }
    }
    for (i, r) in s.resources.iter().enumerate() {
        let e = Entity::Resource(i as u32);
        if r.hidden && !session.is_revealed(e) {
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
