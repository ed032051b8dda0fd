//! Notes of observed fact (記録): what was seen, where and when, and the person's own
//! words. A safeguarding report rests on them, so the case notes, the transcript and the
//! debrief show them apart from strengths and needs, with the place, the time and the
//! quotation. Here: how such a note reads, and the checks on how one is written.

use crate::core::message::{Msg, TextField};
use crate::core::model::{Lang, Note, NoteKind, Scenario, Text};
use crate::core::problem::{Severity, Sink};

/// The place, time and quoted words of a fact, on one line: "（場所: …／日時: …）「…」" or
/// "(where: …; when: …) \"…\"". Empty for a note that is not a fact.
pub fn details(note: &Note, lang: Lang) -> String {
    if note.kind != NoteKind::Fact {
        return String::new();
    }
    let (place, time, open, sep, close) = match lang {
        Lang::Ja => ("場所: ", "日時: ", "（", "／", "）"),
        Lang::En => ("where: ", "when: ", "(", "; ", ")"),
    };
    let mut parts = Vec::new();
    if !note.place.is_empty() {
        parts.push(format!("{place}{}", note.place.get(lang)));
    }
    if !note.time.is_empty() {
        parts.push(format!("{time}{}", note.time.get(lang)));
    }
    let mut out = String::new();
    if !parts.is_empty() {
        out = format!("{open}{}{close}", parts.join(sep));
    }
    if !note.words.is_empty() {
        let words = note.words.get(lang);
        let quoted = match lang {
            Lang::Ja => format!("本人の言葉「{words}」"),
            Lang::En => format!("in their own words: \"{words}\""),
        };
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&quoted);
    }
    out
}

/// A note as one line: its text, and for a fact its place, time and words.
pub fn note_line(note: &Note, lang: Lang) -> String {
    let details = details(note, lang);
    if details.is_empty() {
        note.text.get(lang).to_owned()
    } else {
        format!("{} {details}", note.text.get(lang))
    }
}

/// A fact needs a place and a time; only a fact has them, or words.
pub fn check(s: &Scenario, sink: &mut Sink) {
    for note in &s.notes {
        let fields = [
            ("place", &note.place),
            ("time", &note.time),
            ("words", &note.words),
        ];
        if note.kind == NoteKind::Fact {
            let lacking: Vec<&str> = fields[..2]
                .iter()
                .filter(|(_, t)| t.is_empty())
                .map(|(f, _)| *f)
                .collect();
            if !lacking.is_empty() {
                sink.declared(
                    Severity::Warning,
                    &note.id,
                    Msg::FactLacks {
                        id: note.id.clone(),
                        fields: lacking.iter().map(|f| f.to_string()).collect(),
                    },
                );
            }
            for (field, text) in fields {
                if !text.is_empty() {
                    untranslated(&note.id, field, text, sink);
                }
            }
        } else {
            let written: Vec<&str> = fields
                .iter()
                .filter(|(_, t)| !t.is_empty())
                .map(|(f, _)| *f)
                .collect();
            if !written.is_empty() {
                sink.declared(
                    Severity::Error,
                    &note.id,
                    Msg::OnlyFacts {
                        id: note.id.clone(),
                        fields: written.iter().map(|f| f.to_string()).collect(),
                    },
                );
            }
        }
    }
}

fn untranslated(id: &str, field: &str, text: &Text, sink: &mut Sink) {
    let langs: Vec<Lang> = [(Lang::Ja, &text.ja), (Lang::En, &text.en)]
        .into_iter()
        .filter(|(_, x)| x.trim().is_empty())
        .map(|(l, _)| l)
        .collect();
    if !langs.is_empty() {
        let field = TextField::NoteFact {
            id: id.to_owned(),
            field: field.to_owned(),
        };
        sink.declared(
            Severity::Warning,
            id,
            Msg::MissingTranslation { field, langs },
        );
    }
}
