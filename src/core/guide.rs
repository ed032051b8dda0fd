//! The guide: the best total (all competencies summed) still attainable from any state a
//! trainee can be in, read off the analysis's own exploration of the scenario (there is
//! one exploration, not two). Chance outcomes count as going the better way (a decision is
//! judged, not the dice). Loops that earn points are without limit (`UNBOUNDED`); loops
//! that cost points on the way to the best exit make the figures bounds (`exact == false`).

use std::fmt;

use super::explore::StateIndex;
use super::relevance::Relevance;
use super::state::State;

pub struct Guide {
    pub(crate) relevance: Relevance,
    /// Every explored state's number in `best`, by key.
    pub(crate) index: StateIndex,
    pub(crate) best: Vec<i64>,
    pub exact: bool,
}

impl Guide {
    /// The best total still attainable from a state; none if the state is not reachable.
    pub fn best_from(&self, state: &State) -> Option<i64> {
        let mut st = state.clone();
        self.relevance.normalise_any(&mut st);
        let mut key = Vec::new();
        self.relevance.key(&st, &mut key);
        self.index
            .find(&self.relevance, &mut key)
            .map(|i| self.best[i as usize])
    }

    pub fn states(&self) -> usize {
        self.best.len()
    }
}

// By their figures: the keys and the relevance they were found with follow from the
// scenario.
impl PartialEq for Guide {
    fn eq(&self, other: &Self) -> bool {
        self.best == other.best && self.exact == other.exact
    }
}

impl fmt::Debug for Guide {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Guide")
            .field("states", &self.best.len())
            .field("exact", &self.exact)
            .finish()
    }
}
