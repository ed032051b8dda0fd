//! A scenario's text read into a `Scenario` and hashed, on both cores. A long scenario is
//! mostly its list of nodes, so the list is read in two halves: one thread reads the
//! document up to a node near the middle, the other hashes the text and reads the nodes
//! from there to the end of the list ([`fast_ron::from_str_cut`]). The value is exactly
//! what one thread would read; if the fast reader gives up (an unusual layout, any error),
//! ron reads the text, so errors are ron's as ever.

use std::path::Path;
use std::sync::mpsc;

use super::fast_ron;
use super::load::{self, LoadError};
use super::model::{Node, Scenario};

/// Below this size one thread reads the whole text: splitting would not pay.
const SPLIT_FROM_BYTES: usize = 256 * 1024;

/// Where the second half starts, as a share of the text. The second thread hashes the
/// text first, so it takes a little less than half of the reading.
const SPLIT_AT: f64 = 0.56;

/// The scenario in `text` and the hash of the text.
pub fn read(path: &Path, text: &str) -> (Result<Scenario, LoadError>, String) {
    let at = node_near(text, SPLIT_AT);
    let (first, second, hash) = std::thread::scope(|scope| {
        let (end_tx, end_rx) = mpsc::channel();
        let other = scope.spawn(move || {
            let hash = load::content_hash(text);
            let half = at.and_then(|at| fast_ron::elements_from::<Node>(text, at).ok());
            // The first thread waits for this at the cut (a refusal there reads on).
            end_tx.send(half.as_ref().map(|&(_, end)| end)).ok();
            (half.map(|(nodes, _)| nodes), hash)
        });
        let first = match at {
            Some(at) => fast_ron::from_str_cut::<Scenario, Node>(text, at, end_rx),
            None => fast_ron::from_str(text).map(|s| (s, false)),
        };
        let (second, hash) = other.join().expect("hashing and reading never panic");
        (first, second, hash)
    });
    let scenario = match (first, second) {
        (Ok((mut scenario, true)), Some(rest)) => {
            scenario.nodes.extend(rest);
            Ok(scenario)
        }
        (Ok((scenario, false)), _) => Ok(scenario),
        // The fast read gave up (an error, or something it does not know): ron reads the
        // text, and explains any error.
        _ => load::parse_with_ron(path, text),
    };
    (scenario, hash)
}

/// The start of an element of the `nodes` list, the first one after `share` of the text,
/// found by its layout: a line that starts as the list's first element does (the same
/// indent, then `(` or `Node(`). Only a guess: the reader takes the cut only if a node
/// really starts there.
fn node_near(text: &str, share: f64) -> Option<usize> {
    if text.len() < SPLIT_FROM_BYTES {
        return None;
    }
    let list = text.find("nodes:")?;
    let open = list + text[list..].find('[')?;
    let paren = open + text[open..].find('(')?;
    let line = text[..paren].rfind('\n')?;
    let opening = &text[line..=paren];
    let element = opening.trim_start_matches(['\n', ' ', '\t']);
    if element != "(" && element != "Node(" {
        return None;
    }
    let mut from = (text.len() as f64 * share) as usize;
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let found = from + text[from..].find(opening)?;
    Some(found + opening.len() - element.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::generate::{generate, to_ron};

    /// The two halves as the two threads read them; the cut must be taken.
    fn in_halves(text: &str, at: usize) -> (Scenario, Vec<Node>) {
        let (end_tx, end_rx) = mpsc::channel();
        let (rest, end) = fast_ron::elements_from::<Node>(text, at).unwrap();
        end_tx.send(Some(end)).unwrap();
        let (first, cut) = fast_ron::from_str_cut::<Scenario, Node>(text, at, end_rx).unwrap();
        assert!(cut, "the cut was taken");
        (first, rest)
    }

    fn joined(mut first: Scenario, rest: Vec<Node>) -> Scenario {
        first.nodes.extend(rest);
        first
    }

    #[test]
    fn a_long_scenario_is_read_in_halves_to_the_same_value() {
        let scenario = generate(2_000, 3);
        let text = to_ron(&scenario);
        let at = node_near(&text, SPLIT_AT).expect("a node near the middle");
        assert!(text[at..].starts_with("Node("));
        let (first, rest) = in_halves(&text, at);
        assert!(!rest.is_empty() && first.nodes.len() < scenario.nodes.len());
        assert_eq!(joined(first, rest), scenario);
        let (read_whole, hash) = read(Path::new("g.ron"), &text);
        assert_eq!(read_whole.unwrap(), scenario);
        assert_eq!(hash, load::content_hash(&text));
    }

    #[test]
    fn a_scenario_laid_out_as_authors_write_it_is_split_too() {
        // Four-space indents, no struct names: the layout of the shipped scenarios.
        let scenario = generate(2_000, 5);
        let text = ron::ser::to_string_pretty(&scenario, ron::ser::PrettyConfig::new()).unwrap();
        let at = node_near(&text, SPLIT_AT).expect("a node near the middle");
        assert!(text[..=at].ends_with("\n        ("));
        let (first, rest) = in_halves(&text, at);
        assert_eq!(joined(first, rest), scenario);
        let (read_whole, _) = read(Path::new("g.ron"), &text);
        assert_eq!(read_whole.unwrap(), scenario);
    }

    #[test]
    fn a_cut_that_is_not_at_a_node_is_refused_and_the_text_read_whole() {
        let scenario = generate(2_000, 3);
        let text = to_ron(&scenario);
        let at = node_near(&text, SPLIT_AT).unwrap();
        // A choice inside a node, and a place inside a string: not the start of a node.
        let choice = at + text[at..].find("choices: [").unwrap() + "choices: [".len();
        let choice = choice + text[choice..].find('(').unwrap();
        let in_string = at + text[at..].find('"').unwrap() + 1;
        for wrong in [choice, in_string] {
            let (end_tx, end_rx) = mpsc::channel();
            // Whatever the other thread says, the reader must not jump.
            end_tx.send(Some(text.len() - 2)).unwrap();
            let (whole, cut) =
                fast_ron::from_str_cut::<Scenario, Node>(&text, wrong, end_rx).unwrap();
            assert!(!cut);
            assert_eq!(whole, scenario);
        }
    }
}
