//! What the results screen shows of how a session ended, as lines of text: the chances the
//! trainee missed, the ecomap's ties, and where each issue stands on the escalation ladder.
//! `tsunagu run` prints them, and the game's results screen draws the same lines.

use crate::core::compile::Compiled;
use crate::core::engine::Session;
use crate::core::model::Lang;
use crate::core::scoring::{Missed, missed};

fn pick(lang: Lang, ja: &'static str, en: &'static str) -> &'static str {
    lang.pick(ja, en)
}

/// A missed chance as one line.
pub fn missed_text(s: &Compiled, m: Missed, lang: Lang) -> String {
    match m {
        Missed::Strength(e) => format!(
            "{} {}",
            pick(
                lang,
                "聞けなかったストレングス:",
                "A strength never asked about:"
            ),
            s.entity_name(e).get(lang)
        ),
        Missed::Need(e) => format!(
            "{} {}",
            pick(lang, "気づけなかったニーズ:", "A need never noticed:"),
            s.entity_name(e).get(lang)
        ),
        Missed::Resource(e) => format!(
            "{} {}",
            pick(lang, "つながらなかった資源:", "A resource never found:"),
            s.entity_name(e).get(lang)
        ),
        Missed::Issue { issue, reached } => format!(
            "{} {}{}",
            pick(
                lang,
                "地域課題にしなかった課題:",
                "An issue not taken to the council:"
            ),
            s.source.issues[issue as usize].title.get(lang),
            reached
                .map(|l| format!(" ({})", l.name().get(lang)))
                .unwrap_or_default()
        ),
    }
}

/// The results of a session as headed sections of lines: missed chances, the ecomap's ties
/// and the ladder.
pub fn summary(session: &Session, lang: Lang) -> Vec<(&'static str, Vec<String>)> {
    let s = session.scenario();
    let missed_lines: Vec<String> = missed(session)
        .into_iter()
        .map(|m| missed_text(s, m, lang))
        .collect();
    let ties = session
        .ties()
        .iter()
        .map(|&(from, to, kind)| {
            format!(
                "{} — {}: {}",
                s.entity_name(from).get(lang),
                s.entity_name(to).get(lang),
                kind.name().get(lang)
            )
        })
        .collect();
    let ladder = s
        .source
        .issues
        .iter()
        .zip(session.issue_levels())
        .map(|(issue, level)| {
            let at = match level {
                Some(l) => l.name().get(lang).to_owned(),
                None => pick(lang, "取り上げていない", "not taken up").to_owned(),
            };
            format!("{}: {at}", issue.title.get(lang))
        })
        .collect();
    vec![
        (
            pick(lang, "見逃したチャンス", "Missed opportunities"),
            missed_lines,
        ),
        (pick(lang, "エコマップのつながり", "Ecomap ties"), ties),
        (
            pick(lang, "個別課題から地域課題へ", "Escalation ladder"),
            ladder,
        ),
    ]
}
