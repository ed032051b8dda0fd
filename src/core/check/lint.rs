//! Warnings about how a scenario is written, beyond whether it can be played: texts too
//! long for the screen, a "longest answer is best" pattern a trainee could exploit, flags
//! and variables that do nothing, and reasons that do not name their principle. Each
//! warning says where it is and how to fix it. `validate::check_text` calls `lint`.

use std::collections::BTreeMap;

use crate::core::analysis::Analysis;
use crate::core::compile::Compiled;
use crate::core::locate::Pos;
use crate::core::message::{Msg, TextField};
use crate::core::model::{Condition, Effect, Lang, Scenario, Text};
use crate::core::problem::{Severity, Sink};
use crate::core::suggest::nearest;

/// How many characters fit, in Japanese and in English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub ja: usize,
    pub en: usize,
}

/// A line in the dialogue box (node texts, moods, replies, the coach's reasons): about
/// three lines of the box at the default text size.
pub const LINE_LIMIT: Limit = Limit { ja: 160, en: 320 };

/// A choice button: about a line and a half, so that every choice stays in view.
pub const CHOICE_LIMIT: Limit = Limit { ja: 80, en: 160 };

/// A principle named before the colon of a reason is at most this many characters.
pub const PRINCIPLE_MAX_CHARS: usize = 30;

/// Runs every lint on a parsed scenario, pushing a warning for each finding. Works on the
/// scenario as written, so it runs even when references do not resolve yet.
pub fn lint(s: &Scenario, sink: &mut Sink) {
    long_texts(s, sink);
    let u = uses(s);
    unused_flags(&u, sink);
    unused_variables(s, &u, sink);
    reasons_without_principle(s, sink);
}

/// The lints that need the paths through the scenario: conditions that can never hold
/// and raises that can never move the ladder. `validate` calls it once the analysis ran.
pub fn lint_paths(c: &Compiled, a: &Analysis, sink: &mut Sink) {
    crate::core::never_holds::check(c, a, sink);
    crate::core::ladder_flow::check(c, a, sink);
}

/// How many characters fit where a text is shown.
fn limit(field: &TextField) -> Limit {
    match field {
        TextField::ChoiceText => CHOICE_LIMIT,
        _ => LINE_LIMIT,
    }
}

/// Every player-facing text inside the nodes, with the node and choice it belongs to.
fn node_texts(s: &Scenario) -> Vec<(&str, Option<&str>, TextField, &Text)> {
    let mut out = Vec::new();
    for node in &s.nodes {
        let n = node.id.as_str();
        for t in &node.text {
            out.push((n, None, TextField::Line, t));
        }
        for t in node.moods.iter().flat_map(|m| &m.text) {
            out.push((n, None, TextField::Mood, t));
        }
        for t in &node.turns {
            out.push((n, None, TextField::Line, &t.text));
        }
        for c in &node.choices {
            let at = Some(c.id.as_str());
            out.push((n, at, TextField::ChoiceText, &c.text));
            for r in c.replies() {
                out.push((n, at, TextField::Reply, r));
            }
            for e in c.all_effects() {
                if let Effect::Score { reason, .. } = e {
                    out.push((n, at, TextField::Reason, reason));
                }
            }
        }
    }
    out
}

fn long_texts(s: &Scenario, sink: &mut Sink) {
    for (node, choice, field, text) in node_texts(s) {
        let limit = limit(&field);
        for (lang, value, max) in [
            (Lang::Ja, &text.ja, limit.ja),
            (Lang::En, &text.en, limit.en),
        ] {
            let count = value.chars().count();
            if count <= max {
                continue;
            }
            let from = sink.place(Some(node), choice);
            let pos = from.and_then(|p| find_text(sink.source, p, value));
            sink.push_at(
                Severity::Warning,
                Some(node),
                choice,
                pos,
                Msg::TooLong {
                    field: field.clone(),
                    count,
                    text_lang: lang,
                    max,
                },
            );
        }
    }
}

/// Where a string is written, searching from `from`: the start of the string as RON
/// writes it (quotes and backslashes escaped). None when it is written another way.
pub fn find_text(source: &str, from: Pos, value: &str) -> Option<Pos> {
    let mut needle = String::new();
    for ch in value.chars().take(12) {
        match ch {
            '"' => needle.push_str("\\\""),
            '\\' => needle.push_str("\\\\"),
            '\n' => needle.push_str("\\n"),
            '\t' => needle.push_str("\\t"),
            other => needle.push(other),
        }
    }
    find_raw(source, from, &needle)
}

/// Where `needle` is first written at or after the line of `from`.
pub(crate) fn find_raw(source: &str, from: Pos, needle: &str) -> Option<Pos> {
    let line_start: usize = source
        .split_inclusive('\n')
        .take(from.line.saturating_sub(1))
        .map(str::len)
        .sum();
    let found = line_start + source.get(line_start..)?.find(needle)?;
    let before = &source[..found];
    let line = before.matches('\n').count() + 1;
    let column = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    Some(Pos { line, column })
}

/// Calls `on_flag` for every flag and `on_var` for every variable the conditions read,
/// inside `Any` too.
fn visit_conditions<'a>(
    conds: &'a [Condition],
    on_flag: &mut impl FnMut(&'a str),
    on_var: &mut impl FnMut(&'a str),
) {
    for c in conds {
        match c {
            Condition::Flag(f) | Condition::NotFlag(f) => on_flag(f),
            Condition::AtLeast(v, _) | Condition::AtMost(v, _) => on_var(v),
            Condition::Visited(_) | Condition::NotVisited(_) => {}
            Condition::Any(inner) => visit_conditions(inner, on_flag, on_var),
        }
    }
}

/// Where a flag or variable is first met: (node, choice).
type Place<'a> = (&'a str, Option<&'a str>);

#[derive(Default)]
struct Uses<'a> {
    flag_read: BTreeMap<&'a str, Place<'a>>,
    flag_set: BTreeMap<&'a str, Place<'a>>,
    flag_cleared: BTreeMap<&'a str, Place<'a>>,
    var_used: BTreeMap<&'a str, Place<'a>>,
}

fn uses(s: &Scenario) -> Uses<'_> {
    let mut u = Uses::default();
    for node in &s.nodes {
        let n = node.id.as_str();
        for m in &node.moods {
            let (reads, vars) = (&mut u.flag_read, &mut u.var_used);
            visit_conditions(
                &m.when,
                &mut |f| {
                    reads.entry(f).or_insert((n, None));
                },
                &mut |v| {
                    vars.entry(v).or_insert((n, None));
                },
            );
        }
        for c in &node.choices {
            let here = (n, Some(c.id.as_str()));
            let (reads, vars) = (&mut u.flag_read, &mut u.var_used);
            visit_conditions(
                &c.when,
                &mut |f| {
                    reads.entry(f).or_insert(here);
                },
                &mut |v| {
                    vars.entry(v).or_insert(here);
                },
            );
            if let Some(v) = c.chance.as_ref().and_then(|ch| ch.var.as_deref()) {
                u.var_used.entry(v).or_insert(here);
            }
            for e in c.all_effects() {
                match e {
                    Effect::SetFlag(f) => {
                        u.flag_set.entry(f).or_insert(here);
                    }
                    Effect::ClearFlag(f) => {
                        u.flag_cleared.entry(f).or_insert(here);
                    }
                    Effect::Add(v, _) | Effect::Set(v, _) => {
                        u.var_used.entry(v).or_insert(here);
                    }
                    _ => {}
                }
            }
        }
    }
    u
}

fn owned<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<String> {
    ids.map(str::to_owned).collect()
}

fn unused_flags(u: &Uses, sink: &mut Sink) {
    for (flag, (node, choice)) in &u.flag_read {
        if u.flag_set.contains_key(flag) {
            continue;
        }
        sink.push(
            Severity::Warning,
            Some(node),
            *choice,
            Msg::FlagNeverSet {
                flag: flag.to_string(),
                set: owned(u.flag_set.keys().copied()),
                suggestion: nearest(flag, u.flag_set.keys().copied()),
            },
        );
    }
    let cleared_only = u
        .flag_cleared
        .iter()
        .filter(|(f, _)| !u.flag_set.contains_key(*f));
    let written = u
        .flag_set
        .iter()
        .map(|x| (x, false))
        .chain(cleared_only.map(|x| (x, true)));
    for ((flag, (node, choice)), cleared) in written {
        if u.flag_read.contains_key(flag) {
            continue;
        }
        sink.push(
            Severity::Warning,
            Some(node),
            *choice,
            Msg::FlagNeverRead {
                flag: flag.to_string(),
                cleared,
                read: owned(u.flag_read.keys().copied()),
            },
        );
    }
}

fn unused_variables(s: &Scenario, u: &Uses, sink: &mut Sink) {
    for v in &s.variables {
        if u.var_used.contains_key(v.id.as_str()) {
            continue;
        }
        let pos = sink.map.declared(&v.id);
        sink.push_at(
            Severity::Warning,
            None,
            None,
            pos,
            Msg::VariableUnused { id: v.id.clone() },
        );
    }
}

/// A reason names its principle when it starts with a short name and a colon, like
/// "ストレングス: …" or "Strengths: …".
pub fn names_principle(reason: &str) -> bool {
    let cut = reason.find([':', '：']);
    cut.is_some_and(|at| {
        let name = reason[..at].trim();
        !name.is_empty() && name.chars().count() <= PRINCIPLE_MAX_CHARS
    })
}

fn reasons_without_principle(s: &Scenario, sink: &mut Sink) {
    for node in &s.nodes {
        for c in &node.choices {
            for e in c.all_effects() {
                let Effect::Score {
                    competency,
                    points,
                    reason,
                } = e
                else {
                    continue;
                };
                if *points == 0 {
                    continue;
                }
                let lacking: Vec<Lang> = [(Lang::Ja, &reason.ja), (Lang::En, &reason.en)]
                    .into_iter()
                    // An empty reason has its own warning.
                    .filter(|(_, r)| !r.trim().is_empty() && !names_principle(r))
                    .map(|(l, _)| l)
                    .collect();
                if lacking.is_empty() {
                    continue;
                }
                // At the reason itself: a choice with several scores has several.
                let from = sink.place(Some(&node.id), Some(&c.id));
                let pos = from.and_then(|p| {
                    lacking
                        .iter()
                        .find_map(|l| find_text(sink.source, p, reason.get(*l)))
                });
                sink.push_at(
                    Severity::Warning,
                    Some(&node.id),
                    Some(&c.id),
                    pos,
                    Msg::ReasonWithoutPrinciple {
                        points: *points,
                        competency: competency.clone(),
                        langs: lacking,
                    },
                );
            }
        }
    }
}
