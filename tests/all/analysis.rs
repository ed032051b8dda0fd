//! Best and worst attainable, exact and bounded.

use std::path::Path;

use tsunagu::core::analysis::{analyse, analyse_with_budget};
use tsunagu::core::generate::{generate, to_ron};
use tsunagu::core::validate::check_text;

use crate::common::*;

#[test]
fn the_best_path_attains_the_best_total() {
    let s = scenario("first-meeting.ron");
    let a = analysis(&s);
    assert_eq!(a.best, vec![3, 2, 3, 3, 3, 4]);
    assert_eq!(a.endings.len(), 3);
    // Following the best path gives every competency its best.
    let mut session =
        tsunagu::core::engine::Session::new(s.clone(), 1, tsunagu::core::engine::Mode::Training);
    for &(node, choice, _) in &a.best_path {
        assert_eq!(session.node(), node);
        session.choose(choice, 0.0).unwrap();
    }
    assert!(session.ended().is_some());
    let total: i32 = session.scores().iter().sum();
    assert_eq!(total as i64, a.best.iter().sum::<i64>());
}

#[test]
fn over_budget_the_analysis_falls_back_to_a_sound_bound_and_says_so() {
    let text = to_ron(&generate(200, 3));
    let checked = check_text(Path::new("g.ron"), &text);
    let s = checked
        .playable()
        .expect("generated scenarios are valid")
        .clone();
    let exact = analyse(&s);
    assert!(exact.exact && exact.states > 100);
    let bound = analyse_with_budget(&s, 50);
    assert!(!bound.exact);
    assert_eq!(bound.states, 0);
    for c in 0..exact.best.len() {
        assert!(bound.best[c] >= exact.best[c], "upper bound");
        assert!(bound.worst[c] <= exact.worst[c], "lower bound");
    }
    assert_eq!(bound.endings, exact.endings);
}

#[test]
fn generated_scenarios_validate_cleanly() {
    for n in [13, 100, 1000] {
        let text = to_ron(&generate(n, n as u64));
        let checked = check_text(Path::new("g.ron"), &text);
        assert!(
            checked.problems.is_empty(),
            "{n}: {:?}",
            &checked.problems[..1]
        );
    }
}
