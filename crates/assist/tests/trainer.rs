//! Trainer mode: the scenario on screen made into an exercise and its
//! reference solution, checked as `roleplay check` checks the shipped ones
//! (docs/scenario-format.md, "Exercises").

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use assist::trainer::{file_name, trainer_answer, with_members};
use catalogue::Catalogue;
use serde_json::{json, Value};
use sts::exercise::Exercise;

const PRESET_01: &str = include_str!("../../../scenarios/01-cross-account-switch-role.json");
const TRUST: &str = "$.Roles[0].AssumeRolePolicyDocument";

/// A request as the page reads the form: goals as JSON texts, hints as typed.
fn ask(start: Option<&str>, current: &str, goals: Value) -> Value {
    let goals: Vec<String> = goals.as_array().unwrap().iter().map(Value::to_string).collect();
    let request = json!({"Trainer": {
        "Want": "exercise",
        "Lang": "en",
        "Start": start,
        "Current": current,
        "Goals": goals,
        "EditOnly": [TRUST],
        "TitleEn": " Trust the development account ",
        "TitleJa": "開発アカウントを信頼する",
        "TaskEn": "Make the trust policy trust the development account.",
        "TaskJa": "",
        "HintsEn": "Which account is user_A in?\n\nWhat does :root mean?",
        "HintsJa": "user_A はどのアカウントにいますか?",
    }});
    serde_json::from_str(&trainer_answer(&request, &Catalogue::default())).unwrap()
}

#[test]
fn a_broken_start_and_the_fixed_scenario_become_an_exercise_that_checks() {
    let start = PRESET_01.replacen("arn:aws:iam::222222222222:root", "arn:aws:iam::333333333333:root", 1);
    let a = ask(Some(&start), PRESET_01, json!([{"Step": 0, "Expect": "allowed"}, {"NoWildcardPrincipal": true}]));
    assert_eq!(a["Kind"], "trainer");
    assert_eq!(a["Want"], "exercise");
    assert_eq!(a["Problems"], json!([]), "{a}");
    assert_eq!(a["Name"], "trust-the-development-account.json");
    assert_eq!(a["File"], a["Exercise"], "the exercise is what is delivered");
    assert!(a["Status"].as_str().unwrap().contains("data-testid=\"trainer-ready\""));
    let exercise = a["Exercise"].as_str().unwrap();
    let solution = a["Solution"].as_str().unwrap();
    // The trainer's own texts, with the title replaced and the block added.
    assert!(exercise.contains("333333333333:root") && !solution.contains("333333333333:root"));
    assert!(exercise.contains("\"Title\": {\n    \"en\": \"Trust the development account\""), "{exercise}");
    let body = PRESET_01.trim_end().strip_suffix('}').unwrap().trim_end();
    let body = &body[body.find("\"Clock\"").unwrap()..];
    assert!(solution.contains(body), "everything but the title, the task and the block is as written");
    // As `roleplay check` wants it: the start fails a goal, the solution meets every one.
    let ex = Exercise::new(exercise).unwrap();
    let linter = lint::ExerciseLinter(&Catalogue::default());
    let at_start = ex.evaluate_text(exercise, &linter);
    assert!(!at_start.solved && !at_start.goals[0].met);
    assert_eq!(at_start.goals.len(), 3, "two picked goals and EditOnly");
    assert!(ex.evaluate_text(solution, &linter).solved);
    // Editing outside the trust policy breaks EditOnly.
    let elsewhere = solution.replacen("\"RoleSessionName\": \"user_A\"", "\"RoleSessionName\": \"someone\"", 1);
    assert!(!ex.evaluate_text(&elsewhere, &linter).solved);
    // The task replaces the scenario's description (English only here).
    let loaded = sts::load(exercise).unwrap();
    let task = loaded.description.as_ref().unwrap();
    assert_eq!((task.en.as_str(), task.ja.as_deref()), ("Make the trust policy trust the development account.", None));
    // Hints pair by line; a line without its Japanese keeps its English.
    let spec = loaded.exercise.unwrap();
    let hints: Vec<(String, Option<String>)> = spec.hints.into_iter().map(|h| (h.en, h.ja)).collect();
    assert_eq!(
        hints,
        [
            ("Which account is user_A in?".to_string(), Some("user_A はどのアカウントにいますか?".to_string())),
            ("What does :root mean?".to_string(), Some("What does :root mean?".to_string())),
        ]
    );
}

#[test]
fn an_exercise_that_is_solved_at_the_start_or_unsolvable_is_refused_with_why() {
    // No start kept: the start is the solution, so every goal is met already.
    let a = ask(None, PRESET_01, json!([{"Step": 0, "Expect": "allowed"}]));
    assert!(a["Problems"][0]["en"].as_str().unwrap().starts_with("Every goal is already met at the start"), "{a}");
    assert_eq!(a["File"], "", "nothing is delivered while something is wrong");
    assert!(a["Status"].as_str().unwrap().contains("data-testid=\"trainer-problems\""));
    // A goal the scenario on screen does not meet.
    let start = PRESET_01.replacen("arn:aws:iam::222222222222:root", "arn:aws:iam::333333333333:root", 1);
    let a = ask(Some(&start), PRESET_01, json!([{"Step": 0, "Expect": "implicitDeny"}]));
    let unmet = a["Problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["en"].as_str().unwrap().starts_with("The scenario on screen (the solution) does not meet"));
    assert!(unmet.unwrap()["ja"].as_str().unwrap().starts_with("画面のシナリオ"), "{a}");
    // A solution whose step does not end as its `Expect` says fails
    // `roleplay check`: said here too.
    let wrong = PRESET_01.replacen(
        "\"RoleSessionName\": \"user_B\",\n      \"Expect\": \"implicitDeny\"",
        "\"RoleSessionName\": \"user_B\",\n      \"Expect\": \"allowed\"",
        1,
    );
    assert_ne!(wrong, PRESET_01);
    let broken = wrong.replacen("arn:aws:iam::222222222222:root", "arn:aws:iam::333333333333:root", 1);
    let a = ask(Some(&broken), &wrong, json!([{"Step": 0, "Expect": "allowed"}]));
    let problems: Vec<&str> = a["Problems"].as_array().unwrap().iter().map(|p| p["en"].as_str().unwrap()).collect();
    assert_eq!(
        problems,
        ["Step 4 of the solution expects allowed but ends implicitDeny (AccessDenied): change its Expect, or the scenario."]
    );
    // No goal, and text that is no JSON object.
    assert_eq!(ask(Some(&start), PRESET_01, json!([]))["Problems"][0]["en"], "Pick at least one goal.");
    let broken = ask(Some("{"), PRESET_01, json!([{"Step": 0}]));
    assert!(broken["Problems"][0]["en"].as_str().unwrap().contains("fix its errors first"), "{broken}");
}

#[test]
fn members_are_replaced_in_place_or_added_before_the_closing_brace() {
    let text = "{\n  \"Title\": \"old\",\n  \"Steps\": []\n}\n";
    let out = with_members(text, &[("Title", json!({"en": "New"})), ("Exercise", json!({"Goals": [{"Step": 0}]}))]).unwrap();
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["Title"]["en"], "New");
    assert_eq!(v["Exercise"]["Goals"][0]["Step"], 0);
    assert!(out.starts_with("{\n  \"Title\": {"), "{out}");
    assert!(out.ends_with("}\n"), "what followed the object stays");
    // Set again: replaced, not added twice.
    let again = with_members(&out, &[("Exercise", json!({"Goals": []}))]).unwrap();
    assert_eq!(again.matches("\"Exercise\"").count(), 1);
    assert_eq!(with_members("{}", &[("A", json!(1))]).unwrap(), "{\n  \"A\": 1\n}");
    assert_eq!(with_members("[1]", &[("A", json!(1))]), None);
}

#[test]
fn the_panel_offers_each_steps_outcome_the_constraints_and_the_policies_in_the_learners_words() {
    for (lang, step0, lock) in [
        ("en", "Step 0 (sts:AssumeRole by user_A): allowed", "Edit only the trust policy of test_EC2ReadOnlyAccess_Role"),
        ("ja", "ステップ 0 (user_A の sts:AssumeRole): 許可", "test_EC2ReadOnlyAccess_Role の信頼ポリシーだけを編集する"),
    ] {
        let request = json!({"Trainer": {"Want": "form", "Lang": lang, "Start": null, "Current": PRESET_01}});
        let a: Value = serde_json::from_str(&trainer_answer(&request, &Catalogue::default())).unwrap();
        assert_eq!(a["Want"], "form");
        let choices = a["Choices"].as_str().unwrap();
        assert!(choices.contains(step0), "{choices}");
        assert!(choices.contains(lock), "{choices}");
        // Each goal's value is the goal itself, as JSON the worker reads back.
        assert!(choices.contains("value=\"{&quot;Step&quot;:2,&quot;Expect&quot;:&quot;implicitDeny&quot;}\""), "{choices}");
        assert!(choices.contains("data-testid=\"trainer-rule-1\""));
        assert!(a["Fields"].as_str().unwrap().contains("data-act=\"link\""));
        assert!(a["Head"].as_str().unwrap().contains("data-act=\"keep\""));
    }
    // What the trainer ticked stays ticked when the panel is drawn again.
    let ticked = json!({"Trainer": {"Want": "form", "Lang": "en", "Start": null, "Current": PRESET_01,
        "Goals": ["{\"Step\":2,\"Expect\":\"implicitDeny\"}"], "EditOnly": [TRUST]}});
    let a: Value = serde_json::from_str(&trainer_answer(&ticked, &Catalogue::default())).unwrap();
    let choices = a["Choices"].as_str().unwrap();
    assert_eq!(choices.matches(" checked>").count(), 2, "{choices}");
    assert!(choices.contains("data-testid=\"trainer-goal-3\" checked>"), "{choices}");
    assert!(choices.contains("data-testid=\"trainer-lock-3\" checked>"), "{choices}");
    assert!(a["Fields"].as_str().unwrap().contains("name=\"TaskJa\""));
    // A scenario that does not load offers nothing, and says why.
    let request = json!({"Trainer": {"Want": "form", "Lang": "en", "Start": null, "Current": "{"}});
    let a: Value = serde_json::from_str(&trainer_answer(&request, &Catalogue::default())).unwrap();
    assert_eq!(a["Choices"], "");
    assert!(a["Status"].as_str().unwrap().contains("Fix the scenario"));
}

#[test]
fn files_are_named_after_the_english_title() {
    assert_eq!(file_name("Trust the right account", false), "trust-the-right-account.json");
    assert_eq!(file_name("Trust the right account", true), "trust-the-right-account.solution.json");
    assert_eq!(file_name("  ", false), "exercise.json");
    assert_eq!(file_name("信頼 2!", false), "2.json");
}
