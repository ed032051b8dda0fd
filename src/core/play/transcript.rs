//! Events as lines of text: the transcript printed by `tsunagu run` and shown in the game's
//! history. One line per event, in the chosen language.

use crate::core::compile::{Compiled, Item};
use crate::core::engine::{Event, reason_of, text_of};
use crate::core::fact_notes::note_line;
use crate::core::model::{Lang, NoteKind, Text};

fn pick(lang: Lang, ja: &str, en: &str) -> String {
    lang.pick(ja, en).to_owned()
}

pub fn speaker_name(s: &Compiled, speaker: Option<u32>, lang: Lang) -> String {
    match speaker {
        Some(i) => s.source.cast[i as usize].name.get(lang).to_owned(),
        None => pick(lang, "ナレーション", "Narrator"),
    }
}

pub fn entity_label(s: &Compiled, e: Item, lang: Lang) -> String {
    let kind = match e {
        Item::Character(_) => pick(lang, "人", "person"),
        Item::Resource(_) => pick(lang, "資源", "resource"),
        Item::Note(i) => {
            let note = &s.source.notes[i as usize];
            let kind = match note.kind {
                NoteKind::Strength => pick(lang, "ストレングス", "strength"),
                NoteKind::Need => pick(lang, "ニーズ", "need"),
                NoteKind::Demand => pick(lang, "デマンド", "demand"),
                NoteKind::Fact => pick(lang, "記録", "fact"),
            };
            return format!("{kind}: {}", note_line(note, lang));
        }
    };
    format!("{kind}: {}", s.entity_name(e).get(lang))
}

/// One event as a line; `None` for events that are not shown.
pub fn describe(s: &Compiled, event: &Event, lang: Lang) -> Option<String> {
    let t = |x: &Text| x.get(lang).to_owned();
    Some(match *event {
        Event::Line { speaker, text } => {
            format!(
                "{}: {}",
                speaker_name(s, speaker, lang),
                t(text_of(s, text))
            )
        }
        Event::Said { node, choice } => format!(
            "{} > {}",
            pick(lang, "あなた", "You"),
            t(&s.source.nodes[node as usize].choices[choice as usize].text)
        ),
        Event::Feedback {
            competency,
            points,
            effect,
        } => format!(
            "  [{} {:+}] {}",
            s.competencies[competency as usize].name.get(lang),
            points,
            t(reason_of(s, effect))
        ),
        Event::Chance { percent, success } => format!(
            "  ({} {percent}%: {})",
            pick(lang, "成功率", "chance"),
            if success {
                pick(lang, "うまくいった", "it worked")
            } else {
                pick(lang, "うまくいかなかった", "it did not work")
            }
        ),
        Event::TimeUp { node } => {
            let name = s.scene_name(node).map(t).unwrap_or_default();
            format!("  ({}{name})", pick(lang, "時間切れ: ", "time is up: "))
        }
        Event::Revealed(e) => format!("  + {}", entity_label(s, e, lang)),
        Event::Tie { from, to, kind, .. } => format!(
            "  = {} — {}: {}",
            s.entity_name(from).get(lang),
            s.entity_name(to).get(lang),
            kind.name().get(lang)
        ),
        Event::Raised { issue, level, .. } => format!(
            "  ↑ {} → {}",
            s.source.issues[issue as usize].title.get(lang),
            level.name().get(lang)
        ),
        Event::Phase(p) => format!("— {} —", p.name().get(lang)),
        Event::Ended { node, outcome } => {
            let title = s.source.nodes[node as usize]
                .ending
                .as_ref()
                .map(|e| t(&e.title))
                .unwrap_or_default();
            format!("== {} ({}) ==", title, t(&outcome.name()))
        }
    })
}
