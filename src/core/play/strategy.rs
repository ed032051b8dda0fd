//! The naive strategies a score must resist: a trainee who does not read the situation but
//! goes by the screen (the first or the last option), by the look of the answers (the
//! shortest, the longest), by the clock (the cheapest, the dearest), at random, or who asks
//! every question a hub offers.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use crate::core::engine::Session;
use crate::core::model::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Strategy {
    /// The first option shown.
    First,
    /// The last option shown.
    Last,
    /// The option with the fewest characters (the first shown of equals).
    Shortest,
    /// The option with the most characters (the first shown of equals).
    Longest,
    /// Any open option, uniformly.
    Random,
    /// At a hub, every question before the way out; elsewhere at random.
    AskAll,
    /// The option that takes the fewest minutes (the first shown of equals).
    Cheapest,
    /// The option that takes the most minutes (the first shown of equals).
    Dearest,
}

impl Strategy {
    pub const ALL: [Strategy; 8] = [
        Strategy::First,
        Strategy::Last,
        Strategy::Shortest,
        Strategy::Longest,
        Strategy::Random,
        Strategy::AskAll,
        Strategy::Cheapest,
        Strategy::Dearest,
    ];

    /// Its name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Strategy::First => "first",
            Strategy::Last => "last",
            Strategy::Shortest => "shortest",
            Strategy::Longest => "longest",
            Strategy::Random => "random",
            Strategy::AskAll => "ask-all",
            Strategy::Cheapest => "cheapest",
            Strategy::Dearest => "dearest",
        }
    }

    /// The strategy named `name` (as on the command line).
    pub fn named(name: &str) -> Option<Strategy> {
        Strategy::ALL.into_iter().find(|s| s.name() == name)
    }

    /// Whether the strategy picks the same option whatever the seed (only the chances and
    /// the lines differ between its runs).
    pub fn ignores_order(self) -> bool {
        matches!(
            self,
            Strategy::Shortest | Strategy::Longest | Strategy::AskAll
        )
    }

    /// The choice (an index into the node's choices) this strategy takes now. A hub's
    /// questions are the once-only choices that stay in its loop.
    pub fn pick(self, session: &Session, lang: Lang, rng: &mut ChaCha8Rng) -> u32 {
        let open = session.options();
        let s = session.scenario();
        let node = session.node() as usize;
        let text_len = |i: u32| {
            s.source.nodes[node].choices[i as usize]
                .text
                .get(lang)
                .chars()
                .count()
        };
        let minutes = |i: u32| s.nodes[node].choices[i as usize].minutes;
        // `min_by_key` and `max_by_key` keep the first and the last of equals: the first
        // shown is wanted in both cases, so the maximum is taken over a reversed list.
        match self {
            Strategy::First => open[0],
            Strategy::Last => open[open.len() - 1],
            Strategy::Shortest => *open
                .iter()
                .min_by_key(|&&i| text_len(i))
                .unwrap_or(&open[0]),
            Strategy::Longest => *open
                .iter()
                .rev()
                .max_by_key(|&&i| text_len(i))
                .unwrap_or(&open[0]),
            Strategy::Cheapest => *open.iter().min_by_key(|&&i| minutes(i)).unwrap_or(&open[0]),
            Strategy::Dearest => *open
                .iter()
                .rev()
                .max_by_key(|&&i| minutes(i))
                .unwrap_or(&open[0]),
            Strategy::Random => open[rng.random_range(0..open.len())],
            Strategy::AskAll => {
                let stays = |i: u32| {
                    let c = &s.nodes[node].choices[i as usize];
                    let to = c.goto.unwrap_or(node as u32);
                    c.once.is_some() && s.loops[to as usize] == s.loops[node]
                };
                // In written order: the same questions whatever the seed.
                let mut written = open.to_vec();
                written.sort_unstable();
                match written.iter().find(|&&i| stays(i)) {
                    Some(&i) => i,
                    None => open[rng.random_range(0..open.len())],
                }
            }
        }
    }
}

impl std::str::FromStr for Strategy {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Strategy::named(s).ok_or_else(|| {
            let names: Vec<_> = Strategy::ALL.iter().map(|s| s.name()).collect();
            format!(
                "unknown strategy `{s}`: expected one of {}",
                names.join(", ")
            )
        })
    }
}
