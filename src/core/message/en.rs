//! Every message in English.

use ron::error::Error as RonError;

use super::{Contradiction, IdKind, Msg, TextField, WideChar, codes, quoted};
use crate::core::length_cues::Cue;
use crate::core::strategy::Strategy;

fn id_kind(k: IdKind) -> &'static str {
    match k {
        IdKind::Node => "node",
        IdKind::Choice => "choice",
        IdKind::Flag => "flag",
        IdKind::Variable => "variable",
        IdKind::Competency => "competency",
        IdKind::Character => "character",
        IdKind::Issue => "issue",
        IdKind::Entity => "character, resource or note",
    }
}

fn field(f: &TextField) -> String {
    match f {
        TextField::Title => "title".into(),
        TextField::Summary => "summary".into(),
        TextField::Goal => "learning goal".into(),
        TextField::CastName(id) | TextField::ResourceName(id) => format!("name of `{id}`"),
        TextField::NoteText(id) => format!("text of note `{id}`"),
        TextField::NoteFact { id, field } => format!("{field} of note `{id}`"),
        TextField::IssueTitle(id) => format!("title of issue `{id}`"),
        TextField::Line => "line".into(),
        TextField::Mood => "mood line".into(),
        TextField::EndingTitle => "ending title".into(),
        TextField::ChoiceText => "choice text".into(),
        TextField::Reply => "reply".into(),
        TextField::Reason => "reason".into(),
    }
}

/// Where a text is shown, and what to do when it is too long for it.
fn room(f: &TextField) -> (&'static str, &'static str) {
    match f {
        TextField::Reply => (
            "the dialogue box",
            "shorten it, or let the next node say the rest",
        ),
        TextField::Reason => (
            "the coach's feedback line",
            "name the principle and keep one short sentence",
        ),
        TextField::ChoiceText => (
            "a choice button",
            "say it in fewer words: the reply can carry the detail",
        ),
        _ => (
            "the dialogue box",
            "split it over two nodes, or move the detail into a reply",
        ),
    }
}

fn wide(c: char) -> String {
    if c == '\u{3000}' {
        "a full-width space (U+3000)".into()
    } else {
        format!("the full-width `{c}` (U+{:04X})", c as u32)
    }
}

fn meant(c: char) -> String {
    if c == ' ' {
        "an ordinary space".into()
    } else {
        format!("`{c}`")
    }
}

fn did_you_mean(s: &Option<String>) -> String {
    s.as_ref()
        .map(|s| format!(": did you mean `{s}`?"))
        .unwrap_or_default()
}

fn strategy_who(s: Strategy) -> (&'static str, &'static str) {
    match s {
        Strategy::First | Strategy::Last | Strategy::Random => (
            "picks without reading",
            "add plausible, half-right distractors that cost points, so that a guess loses more than it wins",
        ),
        Strategy::Shortest => (
            "always picks the shortest answer",
            "balance the lengths: give good answers a reason and make some poor ones short",
        ),
        Strategy::Longest => (
            "always picks the longest answer",
            "balance the lengths: make some good answers short and some poor ones long with a plausible reason",
        ),
        Strategy::AskAll => (
            "asks every question a hub offers",
            "give the hub a `scene` with fewer minutes than its questions take, and make the questions that matter most worth more",
        ),
        Strategy::Cheapest | Strategy::Dearest => (
            "goes by the minutes an option takes",
            "spread the minutes evenly over good and poor questions",
        ),
    }
}

pub(super) fn render(m: &Msg) -> String {
    match m {
        Msg::CannotRead { reason } => format!("cannot read the file: {reason}"),
        Msg::TooLarge { size } => format!("the file is {size} bytes, over the limit of 16 MiB"),
        Msg::NotUtf8 => "the file is not UTF-8 text (save it as UTF-8)".into(),
        Msg::Syntax(code) => explain(code),
        Msg::WideChar(WideChar { found, meant: m }) => format!(
            "{} where RON needs {}: an input method typed it. Retype it with the input method off (inside a \"text\" it is fine)",
            wide(*found),
            meant(*m)
        ),
        Msg::QuoteInText => "a `\"` inside a text ends the text here: write `\\\"` for a quotation mark inside a text, or use 「」".into(),
        Msg::Duplicate { kind: IdKind::Node, id } => format!("two nodes are named `{id}`: node ids must be unique"),
        Msg::Duplicate { kind: IdKind::Choice, id } => format!("two choices in this node are named `{id}`"),
        Msg::Duplicate { kind: IdKind::Entity, id } => format!(
            "`{id}` is declared twice among the cast, resources and notes: ids must be unique"
        ),
        Msg::Duplicate { kind, id } => format!("two {}s are named `{id}`", id_kind(*kind)),
        Msg::MinAboveMax { id, min, max } => format!("the variable `{id}` has min {min} above max {max}"),
        Msg::ManyPeople { count } => format!(
            "{count} people in the cast have the role `Person`; the first is the centre of the ecomap"
        ),
        Msg::NoPerson => "no one in the cast has the role `Person`: the ecomap needs its centre".into(),
        Msg::NoText => "the node has no text: give it at least one line".into(),
        Msg::EndingWithChoices => "an ending node cannot have choices: remove the choices or the ending".into(),
        Msg::NeitherContinueNorEnd => "the node can neither continue nor end: add choices or an `ending`".into(),
        Msg::KeepOrderOneChoice => "`keep_order` on a node with one choice changes nothing: remove it".into(),
        Msg::NegativeMinutes { minutes } => format!("a choice cannot take {minutes} minutes: write 0 or more"),
        Msg::ChanceOutOfRange { percent } => format!("a chance of {percent}% is outside 0–100: write a percent from 0 to 100 (a chance that always succeeds or always fails is no chance: use `effects` and `goto` instead)"),
        Msg::NeverOffered { why, explored } => format!(
            "this choice is never offered: {}. {}",
            why.as_ref().map_or_else(
                || "on no path do its conditions hold when the conversation is here".to_owned(),
                contradiction
            ),
            check_when(*explored, "the choices before it set")
        ),
        Msg::MoodNeverSaid { index, why, explored } => format!(
            "mood {} of this node is never said: {}. {}",
            index + 1,
            why.as_ref().map_or_else(
                || "on no path does the conversation arrive here with its conditions holding (and no earlier mood's)".to_owned(),
                contradiction
            ),
            check_when(*explored, "the choices before this node set")
        ),
        Msg::RaiseNeverMoves { issue, level, already, top } => format!(
            "this `Raise(issue: \"{issue}\", level: {level})` never changes the escalation ladder: on every path here the issue is already at `{already}`{}, and an issue only climbs (`Safeguarding` is above every rung). Raise it earlier, or to a higher rung, or track the second concern as an issue of its own",
            if *top { "" } else { " or higher" }
        ),
        Msg::FactLacks { id, fields } => format!(
            "the fact `{id}` has no `{}`: a record says where and when it was seen or said, for example `place: (ja: \"…\", en: \"the living room at home\"), time: (ja: \"…\", en: \"3 June, about 4:30 p.m.\")`",
            fields.join("` or `")
        ),
        Msg::OnlyFacts { id, fields } => format!(
            "the note `{id}` has `{}`, which only a note of `kind: Fact` records: make it a `Fact`, or move the detail into its `text`",
            fields.join("`, `")
        ),
        Msg::ScoreWithoutReason => "a scored choice has no reason: name the principle behind the points".into(),
        Msg::MissingTranslation { field: f, langs } => {
            format!("the {} has no {} translation", field(f), codes(langs, " or "))
        }
        Msg::Unknown { kind: IdKind::Node, id, suggestion } => {
            format!("no node named `{id}`{}", did_you_mean(suggestion))
        }
        Msg::Unknown { kind: IdKind::Variable, id, suggestion } => format!(
            "no variable named `{id}`{} (declare it in `variables`)",
            did_you_mean(suggestion)
        ),
        Msg::Unknown { kind: IdKind::Issue, id, suggestion } => format!(
            "no issue named `{id}`{} (declare it in `issues`)",
            did_you_mean(suggestion)
        ),
        Msg::Unknown { kind: IdKind::Entity, id, suggestion } => format!(
            "no character, resource or note named `{id}`{} (declare it in `cast`, `resources` or `notes`)",
            did_you_mean(suggestion)
        ),
        Msg::Unknown { kind, id, suggestion } => {
            format!("no {} named `{id}`{}", id_kind(*kind), did_you_mean(suggestion))
        }
        Msg::UnknownCompetency { id, known, suggestion } => format!(
            "the competency `{id}` is not in the rubric{} (known: {}; add others under `rubric`)",
            did_you_mean(suggestion),
            known.join(", ")
        ),
        Msg::SpeakerNotCast { id } => format!("the speaker `{id}` is not in the cast"),
        Msg::NotAVoice { id, suggestion } => format!(
            "`{id}` is not in the cast{}: a line is said by a cast id, or by `narrator`",
            did_you_mean(suggestion)
        ),
        Msg::SceneNoBudget => "a scene needs a budget of 1 minute or more".into(),
        Msg::SceneSharesLoop { other } => format!(
            "this scene shares its loop with the scene of `{other}`, so they would share one clock: declare the scene once"
        ),
        Msg::OverInsideScene { over } => format!(
            "the scene's `over` node `{over}` is inside the scene (the conversation can come back from it): it must lead out"
        ),
        Msg::ChoiceLongerThanScene { minutes, scene } => format!(
            "this choice takes {minutes} minutes but its scene has only {scene}: it is never offered"
        ),
        Msg::SceneCannotBeSpent { minutes, most } => format!(
            "no path can spend the scene's {minutes} minutes: its choices take {most} at most. Give the scene fewer minutes, or its questions more"
        ),
        Msg::SceneTooRoomy { minutes, questions } => format!(
            "every question of this scene fits in its {minutes} minutes (they take {questions} in all): the trainee need not choose which to ask. Give the scene fewer minutes so that the questions that matter most must be chosen"
        ),
        Msg::MinutesOutsideScene => "minutes count only inside a scene: declare a `scene` on this node or on the hub it belongs to, or remove the minutes".into(),
        Msg::NoEnding => "no ending can be reached from the start: every session would be stuck".into(),
        Msg::Stuck => "a conversation can get stuck here: on some path no choice is open and the node is not an ending".into(),
        Msg::NeverLedTo => "no choice leads to this node: it can never be reached".into(),
        Msg::NeverReachable => "this node can never be reached: the conditions on the choices that lead here never hold together".into(),
        Msg::Unbounded { competency } => format!(
            "points for `{competency}` can be earned again and again in a loop: make the scored choice `once: true`"
        ),
        Msg::NeverEarned { competency } => format!(
            "the competency `{competency}` can never be earned on any path: add a choice that scores it"
        ),
        Msg::LengthCue { cue, hits, decisions, expected, p_value, nodes } => {
            let (what, fix) = match cue {
                Cue::ShortestIsBest => (
                    "the best choice is also the shortest",
                    "Give some good answers a reason (〜ので, 〜から) and make some poor ones short and plausible",
                ),
                Cue::LongestIsWorst => (
                    "the worst choice is also the longest",
                    "Make some poor answers short, and let good answers explain themselves too",
                ),
                Cue::LongestIsBest => (
                    "the best choice is also the longest",
                    "Make some good answers short and some poor ones long, with a plausible reason",
                ),
            };
            format!(
                "at {hits} of {decisions} decision points {what} in Japanese (a blind pick would hit about {expected:.1}; chance gives so many in {:.1}% of scenarios) — nodes: {}. A trainee can learn the length instead of the judgement. {fix}",
                p_value * 100.0,
                nodes.join(", ")
            )
        }
        Msg::TooLong { field: f, count, text_lang, max } => {
            let (room, advice) = room(f);
            let lang = match text_lang {
                crate::core::model::Lang::Ja => "Japanese",
                crate::core::model::Lang::En => "English",
            };
            format!(
                "this {} is {count} characters in {lang}, more than the {max} that fit {room}: {advice}",
                field(f)
            )
        }
        Msg::FlagNeverSet { flag, set, suggestion } => format!(
            "the flag `{flag}` is read by a condition but no choice sets it, so `Flag(\"{flag}\")` never holds and `NotFlag(\"{flag}\")` always does{}: add `SetFlag(\"{flag}\")` to the choice that should set it, or correct the spelling (flags that are set: {})",
            did_you_mean(suggestion),
            or_none(set)
        ),
        Msg::FlagNeverRead { flag, cleared, read } => format!(
            "the flag `{flag}` is {} here but no condition reads it, so it changes nothing: use it in a `when` (for example `when: [Flag(\"{flag}\")]`) or remove it (flags that are read: {})",
            if *cleared { "cleared" } else { "set" },
            or_none(read)
        ),
        Msg::VariableUnused { id } => format!(
            "the variable `{id}` is declared but never used: change it with `Add(\"{id}\", 1)` or `Set`, read it with `AtLeast`/`AtMost` or a chance's `var`, or remove it from `variables`"
        ),
        Msg::ReasonWithoutPrinciple { points, competency, langs } => format!(
            "the reason for {points:+} `{competency}` does not begin with the principle behind it (in {}): consider starting it with the principle and a colon, like \"ストレングス: …\" or \"Strengths: …\", so that the trainee learns the rule, not only the verdict",
            codes(langs, " and ")
        ),
        Msg::NaiveShare { strategy, runs, shares, max } => {
            let (who, fix) = strategy_who(*strategy);
            let shares: Vec<String> = shares
                .iter()
                .map(|(id, x)| format!("`{id}` {:.0}%", x * 100.0))
                .collect();
            format!(
                "a trainee who {who} (strategy `{}`, {runs} runs) earns on average {} of the best attainable (at most {:.0}% is expected of a naive strategy): {fix}",
                strategy.name(),
                shares.join(", "),
                max * 100.0
            )
        }
        Msg::NaiveGood { strategy, runs, good, limit } => {
            let (who, fix) = strategy_who(*strategy);
            let limit = match limit {
                None => "never".to_owned(),
                Some(l) => format!("under {:.0}%", l * 100.0),
            };
            format!(
                "a trainee who {who} (strategy `{}`) reaches a Good ending in {:.1}% of {runs} runs ({limit} is expected): make the Good ending need consistently good choices (a relationship above a threshold and the key steps), and {fix}",
                strategy.name(),
                good * 100.0
            )
        }
    }
}

fn or_none(ids: &[String]) -> String {
    if ids.is_empty() {
        "none".into()
    } else {
        quoted(ids)
    }
}

/// ron's error in words for an instructor, with the fields that were expected.
fn explain(code: &RonError) -> String {
    fn inside(outer: &Option<String>) -> String {
        outer
            .as_ref()
            .map(|o| format!(" in `{o}`"))
            .unwrap_or_default()
    }
    fn list(names: &[&str]) -> String {
        names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
    match code {
        RonError::NoSuchStructField {
            expected,
            found,
            outer,
        } => format!(
            "unknown field `{found}`{}; expected one of: {}",
            inside(outer),
            list(expected)
        ),
        RonError::MissingStructField { field, outer } => {
            format!("missing field `{field}`{}", inside(outer))
        }
        RonError::DuplicateStructField { field, outer } => {
            format!("the field `{field}` is given twice{}", inside(outer))
        }
        RonError::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => format!(
            "unknown value `{found}`{}; expected one of: {}",
            inside(outer),
            list(expected)
        ),
        RonError::Eof => {
            "the file ends too early: a `(`, `[` or `\"` is not closed (is the file cut off?)"
                .to_owned()
        }
        RonError::ExpectedComma => "expected a comma `,` between two items".to_owned(),
        RonError::ExpectedString => "expected text in double quotes, like \"…\"".to_owned(),
        RonError::ExpectedStringEnd => "a text is not closed with `\"`".to_owned(),
        RonError::ExpectedMapColon => "expected a colon `:` after the field's name".to_owned(),
        RonError::TrailingCharacters => {
            "there is more after the end of the scenario: a `)` too many?".to_owned()
        }
        other => other.to_string(),
    }
}

fn contradiction(c: &Contradiction) -> String {
    match c {
        Contradiction::BothFlag { flag } => {
            format!("it asks for both `Flag(\"{flag}\")` and `NotFlag(\"{flag}\")`")
        }
        Contradiction::NoAnyHolds => "none of the conditions in its `Any` can hold".into(),
        Contradiction::OutOfRange { asked, var, lo, hi } => {
            let can = if lo == hi {
                format!("is always {lo} (no effect changes it)")
            } else {
                format!("stays within {lo}–{hi} (its `min` and `max`)")
            };
            format!("`{}` cannot hold, as `{var}` {can}", asked.join("` with `"))
        }
    }
}

fn check_when(explored: bool, before: &str) -> String {
    if explored {
        format!("Check its `when` against what {before}, or remove it")
    } else {
        "Check its `when`, or remove it (the scenario has too many states to explore them all, so only conditions that contradict the variables' ranges are checked)".into()
    }
}
