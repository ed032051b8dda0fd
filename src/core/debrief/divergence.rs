//! Two paths side by side, and where they part.

use super::Debrief;
use super::paths::PathStep;

/// Two paths side by side, and the first step where they differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Divergence {
    /// Index of the first step where the two differ in node or choice (or where one ends
    /// and the other goes on); none when they are the same.
    pub first: Option<usize>,
    pub left: Vec<PathStep>,
    pub right: Vec<PathStep>,
}

impl Divergence {
    /// The steps side by side, as long as the longer path.
    pub fn rows(&self) -> impl Iterator<Item = (Option<&PathStep>, Option<&PathStep>)> {
        (0..self.left.len().max(self.right.len())).map(|i| (self.left.get(i), self.right.get(i)))
    }
}

/// Where two paths part: the first step that differs in node or choice.
pub fn divergence(left: Vec<PathStep>, right: Vec<PathStep>) -> Divergence {
    let same = |i: usize| matches!((left.get(i), right.get(i)), (Some(a), Some(b)) if (a.node, a.choice) == (b.node, b.choice));
    let longest = left.len().max(right.len());
    let first = (0..longest).find(|&i| !same(i));
    Divergence { first, left, right }
}

impl Debrief {
    /// Where a trainee's path parts from the best path.
    pub fn divergence_from_best(&self, played: usize) -> Divergence {
        divergence(
            self.path(played),
            self.best_path(self.played[played].scenario),
        )
    }

    /// Where two trainees' paths part.
    pub fn divergence_between(&self, a: usize, b: usize) -> Divergence {
        divergence(self.path(a), self.path(b))
    }
}
