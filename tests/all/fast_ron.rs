//! The fast RON reader against ron itself: on every real file it must not give up and must
//! read the same value as ron; on anything at all, whatever it accepts ron accepts too,
//! with the same value (otherwise an author would see a file load that ron refuses, or
//! the other way round).

use std::fmt::Debug;
use std::path::Path;

use proptest::prelude::*;
use serde::de::DeserializeOwned;
use tsunagu::core::engine::{Mode, Session};
use tsunagu::core::fast_ron::{Bail, from_str};
use tsunagu::core::generate::{generate, to_ron};
use tsunagu::core::load::{self, ron_options};
use tsunagu::core::log::{LogMeta, LogWriter, SessionLog};
use tsunagu::core::model::*;
use tsunagu::core::template;

use crate::common::{BEST, repo, ron_blocks, scenario, temp_dir};

fn ron<T: DeserializeOwned>(text: &str) -> Result<T, ron::error::SpannedError> {
    ron_options().from_str(text)
}

/// The fast path reads `text` (it must not give up) to exactly ron's value.
#[track_caller]
fn same<T: DeserializeOwned + PartialEq + Debug>(what: &str, text: &str) -> T {
    let fast: T = from_str(text).unwrap_or_else(|Bail| panic!("{what}: the fast path gave up"));
    let slow: T = ron(text).unwrap_or_else(|e| panic!("{what}: ron refuses it: {e}"));
    assert_eq!(fast, slow, "{what}");
    fast
}

/// Whatever the fast path accepts, ron accepts with the same value. Returns whether the
/// fast path accepted.
#[track_caller]
fn agrees<T: DeserializeOwned + PartialEq + Debug>(text: &str) -> bool {
    match from_str::<T>(text) {
        Ok(fast) => {
            let slow: T = ron(text).unwrap_or_else(|e| {
                panic!("the fast path accepts what ron refuses ({e}):\n{text}")
            });
            assert_eq!(fast, slow, "different values for:\n{text}");
            true
        }
        Err(Bail) => false,
    }
}

/// The fast path gives up on `text`.
#[track_caller]
fn bails<T: DeserializeOwned + PartialEq + Debug>(text: &str) {
    assert!(!agrees::<T>(text), "the fast path accepted:\n{text}");
}

// ---------------------------------------------------------------- real files

#[test]
fn every_shipped_scenario_is_read_fast_and_the_same() {
    let mut files = 0;
    for entry in std::fs::read_dir(repo().join("scenarios")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ron") {
            let text = std::fs::read_to_string(&path).unwrap();
            same::<Scenario>(&path.display().to_string(), &text);
            files += 1;
        }
    }
    assert!(files >= 4, "only {files} scenarios");
}

#[test]
fn every_example_in_the_guides_is_read_fast_and_the_same() {
    for file in ["authoring.md", "authoring.ja.md"] {
        let doc = std::fs::read_to_string(repo().join("docs").join(file)).unwrap();
        let blocks = ron_blocks(&doc);
        assert!(blocks.len() >= 20, "{file}: only {} examples", blocks.len());
        for (info, text, line) in &blocks {
            let what = format!("{file}:{line}");
            match info.split_whitespace().next().unwrap_or_default() {
                "Scenario" => drop(same::<Scenario>(&what, text)),
                "Competency" => drop(same::<Competency>(&what, text)),
                "Character" => drop(same::<Character>(&what, text)),
                "Resource" => drop(same::<Resource>(&what, text)),
                "Note" => drop(same::<Note>(&what, text)),
                "Issue" => drop(same::<Issue>(&what, text)),
                "Variable" => drop(same::<Variable>(&what, text)),
                "TieSpec" => drop(same::<TieSpec>(&what, text)),
                "Node" => drop(same::<Node>(&what, text)),
                "Mood" => drop(same::<Mood>(&what, text)),
                "Ending" => drop(same::<Ending>(&what, text)),
                "Choice" => drop(same::<Choice>(&what, text)),
                "Chance" => drop(same::<Chance>(&what, text)),
                "Branch" => drop(same::<Branch>(&what, text)),
                "Text" => drop(same::<Text>(&what, text)),
                "Effects" => drop(same::<Vec<Effect>>(&what, text)),
                "Conditions" => drop(same::<Vec<Condition>>(&what, text)),
                other => panic!("{what}: no type `{other}`"),
            }
        }
    }
}

#[test]
fn the_template_of_tsunagu_new_is_read_fast_and_the_same() {
    let text = template::render("my-first-case").unwrap();
    same::<Scenario>("template", &text);
}

#[test]
fn generated_scenarios_are_read_fast_and_the_same() {
    for nodes in [1, 10, 100, 1_000] {
        for seed in 1..=3 {
            let scenario = generate(nodes, seed);
            let text = to_ron(&scenario);
            let read = same::<Scenario>(&format!("{nodes} nodes, seed {seed}"), &text);
            assert_eq!(read, scenario);
            // The same with ron's default layout (indentation, no struct names).
            let pretty = ron::ser::to_string_pretty(&scenario, Default::default()).unwrap();
            same::<Scenario>(&format!("{nodes} nodes, seed {seed}, pretty"), &pretty);
            let compact = ron::ser::to_string(&scenario).unwrap();
            same::<Scenario>(&format!("{nodes} nodes, seed {seed}, compact"), &compact);
        }
    }
}

#[test]
fn session_logs_are_read_fast_and_the_same() {
    let s = scenario("first-meeting.ron");
    let dir = temp_dir("fast-ron-logs");
    // Seconds as ron writes f32s: plain, with exponents, tiny and huge.
    let seconds = [
        0.0,
        0.5,
        1.0,
        0.1,
        12.345,
        1e-7,
        3.0e38,
        f32::MIN_POSITIVE,
        7e10,
        2.5,
    ];
    for (mode, trainee) in [(Mode::Training, "佐藤 \"さん\""), (Mode::Assessment, "")] {
        let writer = LogWriter {
            path: dir.join(format!("{mode:?}.ron")),
            meta: LogMeta {
                scenario_hash: "0123456789ab".into(),
                lang: Lang::En,
                trainee: trainee.into(),
                started: u64::MAX - 1,
            },
        };
        let mut session = Session::new(s.clone(), u64::MAX, mode);
        for (i, id) in BEST.iter().enumerate() {
            session.choose_id(id, seconds[i % seconds.len()]).unwrap();
            writer.write(&session).unwrap();
            let text = std::fs::read_to_string(&writer.path).unwrap();
            let log = same::<SessionLog>(&format!("{mode:?} log, step {i}"), &text);
            assert_eq!(log, SessionLog::of(&session, &writer.meta));
            assert_eq!(SessionLog::load(&writer.path).unwrap(), log);
        }
        assert!(session.ended().is_some());
    }
    std::fs::remove_dir_all(&dir).ok();
}

// ---------------------------------------------------------------- hand-written cases

#[test]
fn escapes_are_read_as_ron_reads_them() {
    let cases = [
        r#"(ja: "a\"b\\c\nd\te\rf\0g", en: "\'")"#,
        r#"(ja: "\u{41}\u{3042}\u{1F600}\u{0}", en: "\x41\x7f")"#,
        r#"(ja: "\u{10FFFF}", en: "end\\")"#,
        "(ja: \"one \\\n      two\", en: \"crlf \\\r\n\t three\")",
        r#"(ja: "\\\\\\\"", en: "")"#,
        r#"(ja: "", en: "")"#,
        r##"(ja: r"raw \n", en: "x")"##,
        r###"(ja: r#"raw "quoted" \n"#, en: r##"two "# hashes"##)"###,
        "(ja: \"改行\nを含む\", en: \"multi\nline\")",
    ];
    for text in cases {
        same::<Text>(text, text);
    }
    // Escapes ron refuses, and ones left to ron.
    for text in [
        r#"(ja: "\q", en: "")"#,
        r#"(ja: "\u{}", en: "")"#,
        r#"(ja: "\u{D800}", en: "")"#,
        r#"(ja: "\u{1234567}", en: "")"#,
        r#"(ja: "\u41", en: "")"#,
        r#"(ja: "\xzz", en: "")"#,
        r#"(ja: "\xe3\x81\x82", en: "")"#,
        "(ja: \"a\\\rb\", en: \"\")",
        r#"(ja: "unclosed, en: "")"#,
        r#"(ja: "a\", en: "")"#,
    ] {
        bails::<Text>(text);
    }
}

#[test]
fn comments_and_whitespace_are_skipped_as_ron_skips_them() {
    for text in [
        "// a comment\n(ja: \"a\", en: \"b\") // and one at the end",
        "(ja: \"a\", /* block */ en: \"b\")",
        "(ja: \"a\", /* nested /* twice */ still a comment */ en: \"b\")",
        "(ja: \"a\", /** stars **/ en: /*/ odd */ \"b\")",
        "/* a // line comment inside */ (ja: \"//\", en: \"/*\")",
        "\u{b}\u{c}\t\r\n(ja:\"a\",en:\"b\",)\n\n",
        "#![enable(implicit_some)]\n(ja: \"a\", en: \"b\")",
        "// first\n#![enable(implicit_some,)] /* x */ #![ enable ( implicit_some ) ]\n(ja: \"a\")",
    ] {
        same::<Text>(text, text);
    }
    for text in [
        "(ja: \"a\", /* unclosed en: \"b\")",
        "(ja: \"a\") /* unclosed at the end",
        "(ja: \"a\") /* nested /* closed */ but not the outer one",
        "(ja: \"a\") /",
        "(ja: \"a\", /* nested /* once */ en: \"b\")",
        "(ja: \"a\" / en: \"b\")",
        "(ja: \"a\")/",
        "\u{feff}(ja: \"a\")",
        "\u{2028}(ja: \"a\")",
        "#![enable(unwrap_newtypes)]\n(ja: \"a\")",
        "#![enable(implicit_some implicit_some)]\n(ja: \"a\")",
        "#![type = \"Text\"]\n(ja: \"a\")",
    ] {
        bails::<Text>(text);
    }
}

#[test]
fn options_are_read_as_ron_reads_them() {
    let plain = |goto: &str, reply: &str| format!("Branch(goto: {goto}, reply: {reply})");
    for (goto, reply) in [
        ("\"n\"", "(ja: \"a\", en: \"b\")"),
        ("Some(\"n\")", "Some((ja: \"a\"))"),
        ("Some ( \"n\" , )", "Some(Text(en: \"b\"))"),
        ("None", "None"),
        ("r\"n\"", "Text(ja: \"a\")"),
    ] {
        let text = plain(goto, reply);
        same::<Branch>(&text, &text);
    }
    let effects = "[Tie(to: \"x\", kind: Weak), Tie(from: \"y\", to: \"x\", kind: Strong), \
                   Tie(from: Some(\"z\"), to: \"x\", kind: Broken), Tie(from: None, to: \"x\", kind: Strained,)]";
    same::<Vec<Effect>>(effects, effects);
    // `Some` without parentheses, or a wrapped struct without its own parentheses.
    for text in [
        "Branch(goto: Some \"n\")",
        "Branch(reply: Some(ja: \"a\"))",
        "Branch(goto: Some(\"n\" \"m\"))",
        "Branch(goto: Some(\"n\",)",
        "Branch(goto: Some(\"n\")",
        "Branch(reply: Some((ja: \"a\"),)",
        "Branch(goto: Some(None))",
        "Branch(goto: Nonesuch)",
        "Branch(goto: none)",
    ] {
        bails::<Branch>(text);
    }
}

#[test]
fn struct_names_must_match_and_nothing_may_follow() {
    same::<Ending>("named", "Ending(title: (ja: \"a\"), outcome: Good)");
    same::<Ending>("unnamed", "(title: Text(ja: \"a\"), outcome: Good)");
    same::<Ending>(
        "spaced",
        "Ending  (\n title : ( ja : \"a\" ) , outcome : Good , )",
    );
    for text in [
        "Endin(title: (ja: \"a\"), outcome: Good)",
        "Choice(title: (ja: \"a\"), outcome: Good)",
        "Ending(title: Txt(ja: \"a\"), outcome: Good)",
        "Ending(title: (ja: \"a\"), outcome: Good))",
        "Ending(title: (ja: \"a\"), outcome: Good) x",
        "Ending(title: (ja: \"a\"), outcome: Good) Ending()",
        "Ending(title: (ja: \"a\"), outcome: Good,,)",
        "Ending(title: (ja: \"a\") outcome: Good)",
        "Ending(title: (ja: \"a\"), outcome: Best)",
        "Ending(title: (ja: \"a\"), outcome: Good, outcome: Good)",
        "Ending(title: (ja: \"a\"))",
        "Ending(title: (ja: \"a\"), outcome: Good, extra: 1)",
        "Ending(r#title: (ja: \"a\"), outcome: Good)",
        "Ending(title: (ja: \"a\"), outcome: Good(),)",
        "Ending(title: (ja: \"a\"), outcome: \"Good\")",
        "Ending(title: (ja: \"a\"), outcome: Good",
        "Ending(title: (ja: \"a\", fr: \"b\"), outcome: Good)",
        "Ending(title: (ja: \"a\"), outcome: Goodé)",
        "Endingé(title: (ja: \"a\"), outcome: Good)",
        "",
        "   ",
    ] {
        bails::<Ending>(text);
    }
    // An unknown field of `Text` is ignored by ron; the fast path leaves it to ron.
    let text = "Ending(title: (ja: \"a\", fr: \"b\"), outcome: Good)";
    assert!(ron::<Ending>(text).is_ok());
}

#[test]
fn numbers_are_read_as_ron_reads_them() {
    for text in [
        "(id: \"v\", initial: 3, min: -5, max: +10)",
        "(id: \"v\", initial: 1_000, min: -2147483648, max: 2147483647)",
        "(id: \"v\", initial: 0, min: -0, max: 007)",
    ] {
        same::<Variable>(text, text);
    }
    for text in [
        "(id: \"v\", initial: 2147483648)",
        "(id: \"v\", initial: -2147483649)",
        "(id: \"v\", initial: 0x10)",
        "(id: \"v\", initial: 0b10)",
        "(id: \"v\", initial: 0o10)",
        "(id: \"v\", initial: 10i32)",
        "(id: \"v\", initial: 1a)",
        "(id: \"v\", initial: _1)",
        "(id: \"v\", initial: 1.0)",
        "(id: \"v\", initial: - 1)",
        "(id: \"v\", initial: 99999999999999999999999)",
    ] {
        bails::<Variable>(text);
    }
    // Unsigned: a version of `-0` is 0 in ron too; `-1` is not.
    same::<Scenario>(
        "u32",
        &first_meeting().replacen("version: 1", "version: -0", 1),
    );
    bails::<Scenario>(&first_meeting().replacen("version: 1", "version: -1", 1));
    // Floats, as in a log's seconds.
    let log = |secs: &str| {
        format!(
            "(format: 1, scenario: \"s\", scenario_version: 1, scenario_hash: \"h\", seed: 18446744073709551615, \
             mode: Training, lang: Ja, trainee: \"t\", started: 0, decisions: [(node: \"n\", choice: \"c\", seconds: {secs})], \
             scores: [(\"a\", -1), (\"b\", 2,)], ending: None)"
        )
    };
    for secs in [
        "1.5",
        "0.0",
        "-0.0",
        "1e-7",
        "1E10",
        "3.4028235e38",
        "5",
        ".5",
        "5.",
        "+1.5",
        "1e+3",
        "0.30000001192092896",
    ] {
        same::<SessionLog>(secs, &log(secs));
    }
    for secs in [
        "inf", "-inf", "NaN", "1.5f32", "1_000.0", "1..2", "e", "-", "1e", "1.5.5", "1-2",
        "3.5e39x",
    ] {
        bails::<SessionLog>(&log(secs));
    }
}

#[test]
fn enums_are_read_as_ron_reads_them() {
    let text = "[Score(competency: \"needs\", points: -2, reason: (ja: \"a\", en: \"b\")), SetFlag(\"f\"), \
                ClearFlag( \"f\" , ), Add(\"trust\", 1), Set(\"trust\", -1,), Reveal(r\"x\"), Raise(issue: \"i\", level: Plenary)]";
    same::<Vec<Effect>>(text, text);
    let text = "[Flag(\"a\"), NotFlag(\"b\"), AtLeast(\"v\", 1), AtMost(\"v\", 2), Visited(\"n\"), NotVisited(\"n\"), \
                Any([]), Any([Any([Flag(\"a\")]), Flag(\"b\")])]";
    same::<Vec<Condition>>(text, text);
    for text in [
        "[Flag]",
        "[Flag(\"a\", \"b\")]",
        "[AtLeast(\"v\")]",
        "[AtLeast(\"v\", 1, 2)]",
        "[AtLeast((\"v\", 1))]",
        "[Score(competency: \"needs\")]",
        "[Flagg(\"a\")]",
        "[flag(\"a\")]",
        "[Flag(\"a\") Flag(\"b\")]",
        "[Flag(\"a\"),,]",
        "[,]",
        "[Flag(\"a\")",
        "[Any[]]",
    ] {
        bails::<Vec<Condition>>(text);
    }
}

/// Nesting deeper than ron's recursion limit fails in ron: the fast path gives up at the
/// very same depth, which shows that it counts nesting exactly as ron does. Each `Any`
/// adds four levels; two leaves and two surroundings shift the deepest level by one each,
/// so that one of the four lands exactly on the limit.
#[test]
fn the_recursion_limit_is_ron_s() {
    let (mut accepted, mut refused) = (0, 0);
    for depth in 0..40 {
        for leaf in ["Flag(\"x\")", "AtLeast(\"x\", 1)"] {
            let mut nested = leaf.to_owned();
            for _ in 0..depth {
                nested = format!("Any([{nested}])");
            }
            let list = format!("[{nested}]");
            let mood = format!("Mood(when: [{nested}], text: [])");
            let results = [
                (
                    agrees::<Vec<Condition>>(&list),
                    ron::<Vec<Condition>>(&list).is_ok(),
                ),
                (agrees::<Mood>(&mood), ron::<Mood>(&mood).is_ok()),
            ];
            for (fast, slow) in results {
                assert_eq!(fast, slow, "depth {depth}, {leaf}");
                if slow {
                    accepted += 1;
                } else {
                    refused += 1;
                }
            }
        }
    }
    assert!(accepted > 0 && refused > 0, "{accepted} {refused}");
    // Around other nesting: options, struct variants, tuples.
    let choice = |depth: usize| {
        let mut nested = "Flag(\"x\")".to_owned();
        for _ in 0..depth {
            nested = format!("Any([{nested}])");
        }
        format!(
            "Choice(id: \"c\", text: (), chance: Some((percent: 1, success: (effects: [Tie(from: Some(\"x\"), to: \"y\", kind: Weak)]), \
             failure: (reply: (ja: \"a\")))), when: [{nested}])"
        )
    };
    for depth in 0..40 {
        let text = choice(depth);
        assert_eq!(
            agrees::<Choice>(&text),
            ron::<Choice>(&text).is_ok(),
            "depth {depth}"
        );
    }
}

#[test]
fn load_parse_gives_ron_s_errors_and_ron_s_values() {
    let path = Path::new("x.ron");
    // Read by the fast path or by ron, the value is the same.
    let text = first_meeting();
    assert_eq!(
        load::parse::<Scenario>(path, &text).unwrap(),
        ron::<Scenario>(&text).unwrap()
    );
    let odd = "Ending(title: (ja: \"a\", fr: \"b\"), outcome: Good)";
    assert_eq!(
        load::parse::<Ending>(path, odd).unwrap(),
        ron::<Ending>(odd).unwrap()
    );
    // A failure is ron's own, with its position.
    let broken = "Ending(title: (ja: \"a\"),\n  outcome: Best)";
    let err = load::parse::<Ending>(path, broken).unwrap_err();
    let ron_err = ron::<Ending>(broken).unwrap_err();
    assert_eq!(err.line(), Some(ron_err.span.start.line));
    assert!(err.to_string().starts_with("x.ron:2:"), "{err}");
    assert!(err.to_string().contains("`Best`"), "{err}");
}

// ---------------------------------------------------------------- random edits

fn first_meeting() -> String {
    std::fs::read_to_string(repo().join("scenarios/first-meeting.ron")).unwrap()
}

/// The tokens of a RON text, roughly: words, numbers, strings and single punctuation.
fn tokens(text: &str) -> Vec<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        } else if b.is_ascii_alphanumeric() || b == b'_' || b == b'-' {
            while i < bytes.len()
                && (bytes[i].is_ascii_alphanumeric() || b"_-.".contains(&bytes[i]))
            {
                i += 1;
            }
        } else if b == b'"' {
            i += 1;
            while i < bytes.len() && bytes[i] != b'"' {
                i += if bytes[i] == b'\\' { 2 } else { 1 };
            }
            i = (i + 1).min(bytes.len());
        } else {
            i += 1;
            while i < bytes.len() && !text.is_char_boundary(i) {
                i += 1;
            }
        }
        out.push(start..i);
    }
    out
}

/// Bits of RON, odd and ordinary, to insert.
const SNIPPETS: &[&str] = &[
    "",
    " ",
    "\n",
    "\t",
    ",",
    ":",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "\"",
    "\\",
    "\\\"",
    "\\n",
    "\\u{41}",
    "\\u{",
    "/",
    "//",
    "/*",
    "*/",
    "*",
    "#",
    "!",
    "r",
    "r#",
    "r\"",
    "b\"",
    "'",
    "Some",
    "None",
    "Some(",
    "true",
    "false",
    "Text",
    "Scenario",
    "Node",
    "Any",
    "Flag",
    "_",
    "-",
    "+",
    ".",
    "..",
    "0",
    "1",
    "-1",
    "1_0",
    "0x1",
    "1e3",
    "1.5",
    "99999999999",
    "é",
    "、",
    "\u{2028}",
    "\u{85}",
    "ja",
    "en",
    "id",
    "goto",
    "reply",
    "once",
    "when",
    "r#id",
    "\r\n",
    "#![enable(implicit_some)]",
];

fn insertion() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(SNIPPETS).prop_map(str::to_owned),
        "[a-zA-Z0-9(),:\"\\\\\\[\\]/*# _.+-]{0,4}",
    ]
}

#[derive(Debug, Clone)]
enum Edit {
    Insert(prop::sample::Index, String),
    Delete(prop::sample::Index, usize),
    Replace(prop::sample::Index, String),
    Truncate(prop::sample::Index),
    SwapTokens(prop::sample::Index, prop::sample::Index),
    DropToken(prop::sample::Index),
}

fn edit() -> impl Strategy<Value = Edit> {
    use prop::sample::Index;
    prop_oneof![
        4 => (any::<Index>(), insertion()).prop_map(|(i, s)| Edit::Insert(i, s)),
        3 => (any::<Index>(), 1usize..4).prop_map(|(i, n)| Edit::Delete(i, n)),
        3 => (any::<Index>(), insertion()).prop_map(|(i, s)| Edit::Replace(i, s)),
        1 => any::<Index>().prop_map(Edit::Truncate),
        3 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Edit::SwapTokens(a, b)),
        2 => any::<Index>().prop_map(Edit::DropToken),
    ]
}

fn boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(text: &mut String, edit: &Edit) {
    match edit {
        Edit::Insert(at, s) => {
            let i = boundary(text, at.index(text.len() + 1));
            text.insert_str(i, s);
        }
        Edit::Delete(at, n) => cut(text, at.index(text.len() + 1), *n, ""),
        Edit::Replace(at, with) => cut(text, at.index(text.len() + 1), 1, with),
        Edit::Truncate(at) => {
            let i = boundary(text, at.index(text.len() + 1));
            text.truncate(i);
        }
        Edit::SwapTokens(a, b) => {
            let toks = tokens(text);
            if toks.len() >= 2 {
                let (x, y) = (
                    toks[a.index(toks.len())].clone(),
                    toks[b.index(toks.len())].clone(),
                );
                let (x, y) = if x.start <= y.start { (x, y) } else { (y, x) };
                if x != y {
                    let swapped = format!(
                        "{}{}{}{}{}",
                        &text[..x.start],
                        &text[y.clone()],
                        &text[x.end..y.start],
                        &text[x.clone()],
                        &text[y.end..]
                    );
                    *text = swapped;
                }
            }
        }
        Edit::DropToken(a) => {
            let toks = tokens(text);
            if !toks.is_empty() {
                text.replace_range(toks[a.index(toks.len())].clone(), "");
            }
        }
    }
}

/// Replaces about `n` bytes from `at` (widened to whole chars) with `with`.
fn cut(text: &mut String, at: usize, n: usize, with: &str) {
    let i = boundary(text, at.min(text.len()));
    let mut j = (i + n).min(text.len());
    while !text.is_char_boundary(j) {
        j += 1;
    }
    text.replace_range(i..j, with);
}

/// A small piece of a scenario, to edit: short texts make accepted edits likelier.
const PIECES: &[&str] = &[
    "Choice(id: \"a\", text: (ja: \"あ\", en: \"a\\n\"), when: [Flag(\"f\"), Any([AtLeast(\"t\", -1)])], once: true, \
     effects: [Score(competency: \"needs\", points: 2, reason: (ja: \"r\", en: \"r\")), Add(\"t\", 1), Tie(to: \"x\", kind: Weak)], \
     reply: Some((ja: \"r\")), goto: \"n\", chance: (percent: 50, var: None, success: (), failure: (goto: Some(\"m\"))))",
    "Choice(\n    id: \"b\", // comment\n    text: Text(ja: r\"raw\", en: \"\"),\n    /* block /* nested */ */ goto: None,\n)",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    #[test]
    fn an_edited_scenario_is_accepted_only_as_ron_accepts_it(edits in proptest::collection::vec(edit(), 1..5)) {
        let mut text = first_meeting();
        for e in &edits {
            apply(&mut text, e);
        }
        agrees::<Scenario>(&text);
    }

    #[test]
    fn an_edited_choice_is_accepted_only_as_ron_accepts_it(
        piece in proptest::sample::select(PIECES),
        edits in proptest::collection::vec(edit(), 1..4),
    ) {
        let mut text = piece.to_owned();
        for e in &edits {
            apply(&mut text, e);
        }
        agrees::<Choice>(&text);
    }

    #[test]
    fn an_edited_log_is_accepted_only_as_ron_accepts_it(edits in proptest::collection::vec(edit(), 1..4)) {
        let s = scenario("first-meeting.ron");
        let mut session = Session::new(s, 3, Mode::Training);
        for (i, id) in BEST.iter().take(4).enumerate() {
            session.choose_id(id, i as f32 * 1.25 + 0.1).unwrap();
        }
        let meta = LogMeta { scenario_hash: "h".into(), lang: Lang::Ja, trainee: "t".into(), started: 9 };
        let mut text = SessionLog::of(&session, &meta).to_ron();
        for e in &edits {
            apply(&mut text, e);
        }
        agrees::<SessionLog>(&text);
    }
}

/// The edits above must leave many texts valid, or they would test nothing: check that a
/// good share of edited choices is accepted by both readers.
#[test]
fn many_edited_texts_are_still_read_fast() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut fast, mut total) = (0, 0);
    for _ in 0..500 {
        let edits = proptest::collection::vec(edit(), 1..3)
            .new_tree(&mut runner)
            .unwrap()
            .current();
        let mut text = PIECES[total % PIECES.len()].to_owned();
        for e in &edits {
            apply(&mut text, e);
        }
        total += 1;
        if agrees::<Choice>(&text) {
            fast += 1;
        }
    }
    assert!(
        fast * 10 >= total,
        "only {fast} of {total} edited texts were read fast"
    );
}
