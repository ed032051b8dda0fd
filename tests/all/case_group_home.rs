//! Case 3: the group-home trial stay (scenarios/group-home-trial.ron).

use crate::common::*;

const FILE: &str = "group-home-trial.ron";

#[test]
fn debug_analysis() {
    let s = scenario(FILE);
    let a = analysis(&s);
    eprintln!("exact={} states={} unbounded={:?} best={:?}", a.exact, a.states, a.unbounded, a.best);
}
