//! Random bytes and randomly mutated scenarios go to the loader and the validator: they
//! must come back as errors (or a playable scenario), never as a panic.

use std::path::Path;

use proptest::prelude::*;
use tsunagu::core::validate::check_text;

use crate::common::repo;

fn sample() -> String {
    std::fs::read_to_string(repo().join("scenarios/first-meeting.ron")).expect("sample")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_text_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = check_text(Path::new("random.ron"), &text);
    }

    #[test]
    fn mutated_scenarios_never_panic(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0u8..4, "[a-z(),:\"\\[\\] 0-9]{0,6}"), 1..6)
    ) {
        let mut text = sample();
        for (at, kind, insert) in edits {
            // A truncation can leave nothing to index into.
            let mut i = if text.is_empty() { 0 } else { at.index(text.len()) };
            while !text.is_char_boundary(i) { i -= 1; }
            match kind {
                0 => text.insert_str(i, &insert),
                1 => { let mut j = (i + insert.len() + 1).min(text.len()); while !text.is_char_boundary(j) { j += 1; } text.replace_range(i..j, ""); }
                2 => text.truncate(i),
                _ => { let mut j = (i + 1).min(text.len()); while !text.is_char_boundary(j) { j += 1; } text.replace_range(i..j, &insert); }
            }
        }
        let checked = check_text(Path::new("mutated.ron"), &text);
        // Whatever happened, a playable result must really play.
        if let Some(s) = checked.playable() {
            let mut session = tsunagu::core::engine::Session::new(s.clone(), 1, tsunagu::core::engine::Mode::Training);
            for _ in 0..200 {
                let Some(&c) = session.options().first() else { break };
                session.choose(c, 0.0).unwrap();
            }
        }
    }
}

/// Semantic mutations: ids swapped for others, numbers changed. Still no panic.
#[test]
fn swapped_ids_and_numbers_never_panic() {
    let base = sample();
    let ids = [
        "hub",
        "plan",
        "trust",
        "consent",
        "c",
        "cafe",
        "mobility",
        "strengths",
        "arrive",
    ];
    for a in ids {
        for b in ids {
            let text = base.replace(&format!("\"{a}\""), &format!("\"{b}\""));
            let _ = check_text(Path::new("swap.ron"), &text);
        }
    }
    for n in ["-5", "0", "101", "2147483647", "-2147483648"] {
        let text = base
            .replace("percent: 40", &format!("percent: {n}"))
            .replace("max: 5", &format!("max: {n}"));
        let _ = check_text(Path::new("num.ron"), &text);
    }
}
