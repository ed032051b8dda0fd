//! The command line, as an author uses it.

use crate::common::{repo, temp_dir, tsunagu};

#[test]
fn validate_passes_the_shipped_scenarios() {
    let (code, out, _) = tsunagu(&["validate", "scenarios/"]);
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
    let (code, out, _) = tsunagu(&["validate", dir.to_str().unwrap()]);
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
    assert!(first.contains("strengths       3 / 3  (100%)"), "{first}");
    let (code, _, err) = tsunagu(&[
        "run",
        "scenarios/first-meeting.ron",
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
