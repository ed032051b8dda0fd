//! Which language the command line speaks when not told: the one chosen in the game's
//! settings, else the system locale, else Japanese (the language of the trainees).

use serde::Deserialize;

use super::load;
use super::model::Lang;

/// `explicit` (a `--lang`), else the game's choice, else the locale, else Japanese.
pub fn preferred(explicit: Option<Lang>) -> Lang {
    explicit
        .or_else(saved)
        .or_else(|| locale().as_deref().and_then(from_locale))
        .unwrap_or(Lang::Ja)
}

/// Only the language of the game's settings; the rest is the game's business.
#[derive(Deserialize, Default)]
#[serde(default)]
struct Saved {
    lang: Option<Lang>,
}

/// The language saved by the game, when there is a readable settings file.
fn saved() -> Option<Lang> {
    let path = super::data::home().join("settings.ron");
    let text = load::read_text(&path).ok()?;
    load::parse::<Saved>(&path, &text).ok()?.lang
}

/// The locale that names the language of messages, in POSIX order of precedence.
fn locale() -> Option<String> {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty())
}

/// `ja_JP.UTF-8` is Japanese, `en_GB` English; `C`, `POSIX` and other languages say
/// nothing.
pub fn from_locale(locale: &str) -> Option<Lang> {
    let language = locale.split(['_', '.', '@', '-']).next()?;
    match language {
        "ja" => Some(Lang::Ja),
        "en" => Some(Lang::En),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_language_of_a_locale() {
        assert_eq!(from_locale("ja_JP.UTF-8"), Some(Lang::Ja));
        assert_eq!(from_locale("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(from_locale("en"), Some(Lang::En));
        assert_eq!(from_locale("C.UTF-8"), None);
        assert_eq!(from_locale("fr_FR"), None);
    }

    #[test]
    fn an_explicit_language_wins() {
        assert_eq!(preferred(Some(Lang::En)), Lang::En);
        assert_eq!(preferred(Some(Lang::Ja)), Lang::Ja);
    }
}
