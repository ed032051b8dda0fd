//! How trainees are shown: by name, or numbered when anonymised.

use super::Debrief;
use crate::core::model::Lang;

impl Debrief {
    /// How a trainee is shown: their name, or 受講者N / Trainee N when anonymised; with
    /// `#k` when they played this scenario more than once.
    pub fn trainee_label(&self, played: usize, anonymise: bool, lang: Lang) -> String {
        let p = &self.played[played];
        let name = if anonymise {
            anonymous_name(p.trainee_number, lang)
        } else if p.log.trainee.trim().is_empty() {
            pick(lang, "（名前なし）", "(no name)").to_owned()
        } else {
            p.log.trainee.clone()
        };
        if p.attempts > 1 {
            format!("{name} #{}", p.attempt)
        } else {
            name
        }
    }
}

fn pick(lang: Lang, ja: &'static str, en: &'static str) -> &'static str {
    lang.pick(ja, en)
}

/// An anonymised trainee: 受講者N / Trainee N.
pub fn anonymous_name(number: usize, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("受講者{number}"),
        Lang::En => format!("Trainee {number}"),
    }
}
