//! Who says what: the spoken lines among a session's events.

use crate::core::compile::Compiled;
use crate::core::engine::{Event, TextRef, text_of};
use crate::core::model::Text;

/// Who says a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Voice {
    Narration,
    /// A cast index.
    Character(u32),
    /// The trainee, saying the choice they took.
    Trainee,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub voice: Voice,
    /// The speaker's name (あなた / You for the trainee).
    pub name: Text,
    pub text: Text,
}

/// Where the arrival at the next node begins in a decision's events: its phase change or
/// its line (a node's or a mood's text; replies are the choice's own).
pub(super) fn arrival_start(events: &[Event]) -> usize {
    events
        .iter()
        .position(|e| {
            matches!(
                e,
                Event::Phase(_)
                    | Event::Line {
                        text: TextRef::Node { .. } | TextRef::Mood { .. },
                        ..
                    }
            )
        })
        .unwrap_or(events.len())
}

/// The spoken lines among events, with who says them.
pub fn lines(s: &Compiled, events: &[Event]) -> Vec<Line> {
    events
        .iter()
        .filter_map(|e| match *e {
            Event::Line { speaker, text } => Some(Line {
                voice: speaker.map_or(Voice::Narration, Voice::Character),
                name: match speaker {
                    Some(i) => s.source.cast[i as usize].name.clone(),
                    None => Text::new("ナレーション", "Narrator"),
                },
                text: text_of(s, text).clone(),
            }),
            Event::Said { node, choice } => Some(Line {
                voice: Voice::Trainee,
                name: Text::new("あなた", "You"),
                text: text_of(s, TextRef::Choice { node, choice }).clone(),
            }),
            _ => None,
        })
        .collect()
}
