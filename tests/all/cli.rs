//! The command line, as an author uses it.

use crate::common::{repo, temp_dir, tsunagu, tsunagu_with};

#[test]
fn validate_passes_the_shipped_scenarios() {
    let (code, out, _) = tsunagu(&["validate", "--lang", "en", "scenarios/"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0 error(s), 0 warning(s)"), "{out}");
}

#[test]
fn validate_fails_with_the_line_of_a_broken_file() {
    let dir = temp_dir("cli-validate");
    let text = std::fs::read_to_string(repo().join("scenarios/first-meeting.ron")).unwrap();
    let broken = text.replacen("phase: Planning", "phase: Planing", 1);
    let line = broken.lines().position(|l| l.contains("Planing")).unwrap() + 1;
    std::fs::write(dir.join("broken.ron"), broken).unwrap();
    std::fs::write(dir.join("good.ron"), &text).unwrap();
    let (code, out, _) = tsunagu(&["validate", "--lang", "en", dir.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(out.contains(&format!("broken.ron:{line}:")), "{out}");
    assert!(
        out.contains("unknown value `Planing`") && out.contains("`Planning`"),
        "{out}"
    );
    assert!(
        out.contains("good.ron: ok"),
        "the good file is still checked: {out}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn run_prints_the_same_transcript_and_scores_twice_with_the_same_seed() {
    let args = [
        "run",
        "scenarios/first-meeting.ron",
        "--choices",
        // Numbers where the order is fixed: the only choice when the visit's time is up,
        // the second rung of the ladder (a node that keeps its order), the only way on.
        "greet_her,note_demand,ask_likes,ask_day,ask_why_out,1,options,ask_consent,2,report_council,1",
        "--seed",
        "11",
        "--lang",
        "en",
    ];
    let (code, first, err) = tsunagu(&args);
    assert_eq!(code, 0, "{err}");
    let (_, second, _) = tsunagu(&args);
    assert_eq!(first, second);
    assert!(first.contains("You > \"What do you enjoy, or what are you good at?\""));
    // Names, not ids, in the language asked for.
    assert!(
        first.contains("Strengths             3 / 3  (100%)"),
        "{first}"
    );
    assert!(
        first.contains("Ethics and rights     4 / 4  (100%)"),
        "{first}"
    );
    let (code, _, err) = tsunagu(&[
        "run",
        "scenarios/first-meeting.ron",
        "--lang",
        "en",
        "--choices",
        "nonsense",
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("no open choice `nonsense` at node `arrive`") && err.contains("greet_her"),
        "{err}"
    );
}

#[test]
fn docs_scenarios_md_is_the_rubric_of_the_shipped_scenarios() {
    let (code, out, err) = tsunagu(&["rubric", "scenarios/"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("| `hub` | Cさん | 「好きなことや、得意なことは何ですか？」 | strengths | +2 | ストレングス: 得意なこと・好きなことを先に尋ねる"), "{out}");
    // A meeting names who is in the room.
    assert!(out.contains("（同席: "), "{out}");
    let doc = std::fs::read_to_string(repo().join("docs/scenarios.md")).unwrap_or_default();
    assert!(
        doc == out,
        "docs/scenarios.md is out of date: run `tsunagu rubric scenarios/ > docs/scenarios.md`"
    );
}

/// A copy of pick.ron with a node that does not exist, in a folder of its own.
fn broken_pick(name: &str) -> std::path::PathBuf {
    let dir = temp_dir(name);
    let text = std::fs::read_to_string(repo().join("tests/fixtures/pick.ron")).unwrap();
    let path = dir.join("pick.ron");
    std::fs::write(
        &path,
        text.replacen("goto: \"x_end\"", "goto: \"x_edn\"", 1),
    )
    .unwrap();
    path
}

#[test]
fn validate_speaks_the_language_asked_for() {
    let path = broken_pick("cli-lang");
    let file = path.to_str().unwrap();
    let (code, ja, _) = tsunagu(&["validate", "--lang", "ja", file]);
    assert_eq!(code, 1);
    assert!(
        ja.contains("誤り: `x_edn` というノードはありません（`x_end` の書き間違いではありませんか）（ノード `hub`、選択肢 `x`）"),
        "{ja}"
    );
    assert!(ja.contains("1 ファイル: 誤り 1 件、注意 0 件"), "{ja}");
    let (code, en, _) = tsunagu(&["validate", "--lang", "en", file]);
    assert_eq!(code, 1);
    assert!(
        en.contains("error: no node named `x_edn`: did you mean `x_end`? (node `hub`, choice `x`)"),
        "{en}"
    );
    assert!(en.contains("1 file(s): 1 error(s), 0 warning(s)"), "{en}");
    std::fs::remove_dir_all(path.parent().unwrap()).ok();
}

#[test]
fn without_lang_the_games_setting_then_the_locale_then_japanese_decide() {
    use std::ffi::OsStr;
    let path = broken_pick("cli-lang-default");
    let file = path.to_str().unwrap();
    let english = |out: &str| out.contains("error: no node named `x_edn`");
    let japanese = |out: &str| out.contains("誤り: `x_edn` というノードはありません");
    // Nothing said: Japanese.
    let (_, out, _) = tsunagu(&["validate", file]);
    assert!(japanese(&out), "{out}");
    // The locale.
    let (_, out, _) = tsunagu_with(&["validate", file], &[("LANG", OsStr::new("en_US.UTF-8"))]);
    assert!(english(&out), "{out}");
    let (_, out, _) = tsunagu_with(
        &["validate", file],
        &[
            ("LC_ALL", OsStr::new("ja_JP.UTF-8")),
            ("LANG", OsStr::new("en_US.UTF-8")),
        ],
    );
    assert!(japanese(&out), "LC_ALL comes first: {out}");
    // The game's settings, over the locale.
    let home = path.parent().unwrap().join("home");
    std::fs::create_dir_all(&home).unwrap();
    std::fs::write(
        home.join("settings.ron"),
        "(lang: En, trainee: \"A\", text_scale: 1.0)",
    )
    .unwrap();
    let vars = [
        ("TSUNAGU_HOME", home.as_os_str()),
        ("LANG", OsStr::new("ja_JP.UTF-8")),
    ];
    let (_, out, _) = tsunagu_with(&["validate", file], &vars);
    assert!(english(&out), "{out}");
    // And `--lang` over both.
    let (_, out, _) = tsunagu_with(&["validate", "--lang", "ja", file], &vars);
    assert!(japanese(&out), "{out}");
    std::fs::remove_dir_all(path.parent().unwrap()).ok();
}

#[test]
fn run_and_simulate_name_competencies_and_outcomes_in_the_language_asked_for() {
    let run = |lang: &str| {
        let (code, out, err) = tsunagu(&[
            "run",
            "tests/fixtures/pick.ron",
            "--choices",
            "z",
            "--lang",
            lang,
        ]);
        assert_eq!(code, 0, "{err}");
        out
    };
    let (ja, en) = (run("ja"), run("en"));
    assert!(
        ja.contains("(良い結末) ==") && ja.contains("ストレングス"),
        "{ja}"
    );
    assert!(en.contains("(Good) ==") && en.contains("Strengths"), "{en}");
    let simulate = |lang: &str| {
        let args = [
            "simulate",
            "tests/fixtures/pick.ron",
            "--strategy",
            "dearest",
            "--runs",
            "5",
            "--lang",
            lang,
        ];
        let (code, out, err) = tsunagu(&args);
        assert_eq!(code, 0, "{err}");
        out
    };
    let (ja, en) = (simulate("ja"), simulate("en"));
    assert!(ja.contains("結末:") && ja.contains("良い結末"), "{ja}");
    assert!(en.contains("endings:") && en.contains("Good"), "{en}");
}

#[test]
fn run_chance_forces_each_branch_of_a_shipped_chance_whatever_the_seed() {
    // `ask_consent` at `neighbour_idea` succeeds with 40% + 15% per point of trust.
    let path = "greet_her,note_demand,ask_likes,ask_day,ask_why_out,plan_now,options,ask_consent,raise,report_council";
    for seed in ["1", "2", "3"] {
        for (outcome, last, reply, ending) in [
            (
                "success",
                "with_tanaka",
                "With Mrs Tanaka I think I can!",
                "Good",
            ),
            ("failure", "without", "I'm still a bit shy.", "Mixed"),
        ] {
            let choices = format!("{path},{last}");
            let (code, out, err) = tsunagu(&[
                "run",
                "scenarios/first-meeting.ron",
                "--lang",
                "en",
                "--seed",
                seed,
                "--choices",
                &choices,
                "--chance",
                &format!("neighbour_idea/ask_consent={outcome}"),
            ]);
            assert_eq!(code, 0, "seed {seed}, {outcome}: {err}");
            assert!(out.contains(reply), "seed {seed}, {outcome}: {out}");
            assert!(out.contains(" (forced by --chance)"), "{out}");
            assert!(
                out.contains(&format!("({ending}) ==")),
                "seed {seed}, {outcome}: {out}"
            );
            // What the results screen shows: the café is missed only when she said no, and
            // the ladder ends at the council's secretariat either way.
            let missed_cafe = out.contains("A resource never found: Community café");
            assert_eq!(missed_cafe, outcome == "failure", "{out}");
            assert!(out.contains("-- Missed opportunities"), "{out}");
            let tie = "Ms C — Mrs Tanaka next door: strong tie";
            assert_eq!(
                out.contains(&format!("  {tie}")),
                outcome == "success",
                "{out}"
            );
            assert!(
                out.contains("-- Escalation ladder\n  Too little mobility support in the evenings: Council secretariat"),
                "{out}"
            );
        }
    }
}

#[test]
fn run_chance_names_what_is_wrong_with_a_spec() {
    for (spec, words) in [
        (
            "neighbour_idea/ask_consent=maybe",
            "`maybe` is not an outcome",
        ),
        (
            "neighbour_idea=success",
            "no `/` between the node and the choice",
        ),
        ("nowhere/ask_consent=success", "no node named `nowhere`"),
        (
            "neighbour_idea/ask_who=success",
            "has no chance (choices with one here: ask_consent)",
        ),
    ] {
        let (code, _, err) = tsunagu(&["run", "scenarios/first-meeting.ron", "--chance", spec]);
        assert_eq!(code, 2, "{spec}");
        assert!(err.contains(words), "{spec}: {err}");
    }
    let (code, _, err) = tsunagu(&[
        "run",
        "scenarios/first-meeting.ron",
        "--chance",
        "neighbour_idea/ask_consent=success",
        "--log",
        "x.log",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot be used with"), "{err}");
}

#[test]
fn run_names_a_choice_that_is_not_open_in_the_language_asked_for() {
    for (lang, words) in [
        (
            "ja",
            "1 番目の選択（`nope`）: ノード `arrive` に選べる選択肢 `nope` はありません",
        ),
        (
            "en",
            "choice 1 (`nope`): no open choice `nope` at node `arrive`",
        ),
    ] {
        let (code, _, err) = tsunagu(&[
            "run",
            "scenarios/first-meeting.ron",
            "--lang",
            lang,
            "--choices",
            "nope",
        ]);
        assert_eq!(code, 1);
        assert!(err.contains(words), "{lang}: {err}");
    }
}
