//! The spread of a group's scores: a five-number summary per competency and the total.

use super::Debrief;
use crate::core::analysis::{Analysis, UNBOUNDED};
use crate::core::compile::Compiled;
use crate::core::model::Text;

/// Five-number summary and mean. Quartiles by linear interpolation between the sorted
/// values (as spreadsheets' QUARTILE.INC and numpy's default).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    pub min: f64,
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
    pub max: f64,
    pub mean: f64,
}

impl Summary {
    pub fn of(values: &[i32]) -> Option<Summary> {
        if values.is_empty() {
            return None;
        }
        let mut v: Vec<f64> = values.iter().map(|&x| x as f64).collect();
        v.sort_by(f64::total_cmp);
        let at = |p: f64| {
            let h = (v.len() - 1) as f64 * p;
            let (lo, hi) = (h.floor() as usize, h.ceil() as usize);
            v[lo] + (h - lo as f64) * (v[hi] - v[lo])
        };
        Some(Summary {
            min: v[0],
            q1: at(0.25),
            median: at(0.5),
            q3: at(0.75),
            max: v[v.len() - 1],
            mean: v.iter().sum::<f64>() / v.len() as f64,
        })
    }
}

/// The scores of a group on one competency (or the total).
#[derive(Debug, Clone, PartialEq)]
pub struct Spread {
    /// Rubric index; none for the total.
    pub competency: Option<u32>,
    /// The competency's id, or `total`.
    pub id: String,
    pub name: Text,
    /// One per session, in the order of `Group::sessions`.
    pub values: Vec<i32>,
    pub summary: Option<Summary>,
    /// The most attainable (the total: the best path's); none when unknown or unbounded.
    pub best: Option<i64>,
}

impl Debrief {
    /// The spread of the sessions' scores: one per competency of the rubric, then the
    /// total.
    pub(super) fn spread(
        &self,
        scenario: usize,
        s: &Compiled,
        analysis: Option<&Analysis>,
        sessions: &[usize],
    ) -> Vec<Spread> {
        let mut spread: Vec<Spread> = s
            .competencies
            .iter()
            .enumerate()
            .map(|(c, info)| {
                let values: Vec<i32> = sessions
                    .iter()
                    .map(|&i| self.played[i].session().scores()[c])
                    .collect();
                Spread {
                    competency: Some(c as u32),
                    id: info.id.clone(),
                    name: info.name.clone(),
                    summary: Summary::of(&values),
                    values,
                    best: analysis.map(|a| a.best[c]).filter(|&b| b < UNBOUNDED),
                }
            })
            .collect();
        let totals: Vec<i32> = sessions
            .iter()
            .map(|&i| self.played[i].session().scores().iter().sum())
            .collect();
        spread.push(Spread {
            competency: None,
            id: "total".into(),
            name: Text::new("合計", "Total"),
            summary: Summary::of(&totals),
            values: totals,
            best: self
                .best_path_points(scenario)
                .map(|p| p.iter().map(|&x| x as i64).sum()),
        });
        spread
    }
}
