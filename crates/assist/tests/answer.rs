//! The helper worker's answers, natively: findings with their Access
//! Analyzer code and place, and fixes that carry the text they lead to,
//! which does make the step succeed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use catalogue::Catalogue;
use serde_json::Value;

fn catalogue() -> Catalogue {
    Catalogue::parse(include_str!("../../catalogue/data/catalogue.txt")).unwrap()
}

fn ask(text: &str, cat: &Catalogue) -> Value {
    let request = serde_json::json!({"Id": 7, "Text": text}).to_string();
    serde_json::from_str(&assist::answer(&request, cat, true)).unwrap()
}

const PRESET_01: &str = include_str!("../../../scenarios/01-cross-account-switch-role.json");

#[test]
fn a_typo_in_an_action_is_found_where_it_is_and_a_fix_makes_the_step_succeed() {
    let cat = catalogue();
    // AWS: "If you enter an invalid action, ... IAM Access Analyzer returns an
    // INVALID_ACTION finding" (IAM Access Analyzer policy check reference).
    let text = PRESET_01.replacen("\\\"sts:AssumeRole\\\"", "\\\"sts:AssumeRoles\\\"", 1);
    assert_ne!(text, PRESET_01);
    let a = ask(&text, &cat);
    assert_eq!(a["Id"], 7);
    assert_eq!(a["For"], format!("{:016x}", sts::scenario::fingerprint(&text)));
    let f = a["Findings"].as_array().unwrap().iter().find(|f| f["IssueCode"] == "INVALID_ACTION").expect("INVALID_ACTION");
    assert_eq!(f["FindingType"], "ERROR");
    assert_eq!(f["InPolicyText"], true);
    assert!(f["Policy"].as_str().unwrap().starts_with("$.Users[0].Policies[0]"), "{f}");
    assert!(f["Message"]["en"].as_str().unwrap().contains("did you mean `sts:AssumeRole`?"));
    assert!(!f["Message"]["ja"].as_str().unwrap().is_empty());
    // The finding's place is the typo in the policy's own text.
    let policy: Value = serde_json::from_str(&text).unwrap();
    let doc = policy["Users"][0]["Policies"][0]["PolicyDocument"].as_str().unwrap();
    let (line, col) = (f["Start"][0].as_u64().unwrap() as usize, f["Start"][1].as_u64().unwrap() as usize);
    let at: String = doc.lines().nth(line - 1).unwrap().chars().skip(col - 1).take(17).collect();
    assert_eq!(at, "\"sts:AssumeRoles\"");
    // Every fix names its step and leads to a text where that step succeeds.
    let fixes = a["Fixes"].as_array().unwrap();
    assert!(!fixes.is_empty());
    for fix in fixes {
        let step = fix["Step"].as_u64().unwrap() as usize;
        let after = sts::load(fix["Text"].as_str().unwrap()).unwrap();
        assert_eq!(sts::run(&after).steps[step].outcome, Some(sts::report::Outcome::Allowed), "{fix}");
        assert!(!fix["Reason"]["en"].as_str().unwrap().is_empty() && !fix["Reason"]["ja"].as_str().unwrap().is_empty());
        assert!(fix["Edits"].as_array().is_some_and(|e| !e.is_empty()));
    }
}

#[test]
fn fixes_only_for_failed_steps_and_bad_requests_are_said() {
    let cat = catalogue();
    let a = ask(PRESET_01, &cat);
    // Fixes only for the steps that did not succeed as shipped.
    let report = sts::run(&sts::load(PRESET_01).unwrap());
    for fix in a["Fixes"].as_array().unwrap() {
        let step = fix["Step"].as_u64().unwrap() as usize;
        assert_ne!(report.steps[step].outcome, Some(sts::report::Outcome::Allowed), "{fix}");
    }
    assert!(a["Findings"].as_array().unwrap().iter().all(|f| f["FindingType"] != "ERROR"), "{a}");
    // Each policy in words (escaped markup), each step with the AWS CLI.
    let trust =
        a["Words"].as_array().unwrap().iter().find(|w| w["Policy"] == "$.Roles[0].AssumeRolePolicyDocument").expect("trust in words");
    assert!(trust["en"].as_str().unwrap().contains("any identity in account 222222222222 whose own policies allow it"), "{trust}");
    assert!(trust["ja"].as_str().unwrap().starts_with("<li>"));
    // A statement line links to where the statement starts in the policy's
    // own text (the editor's line and column, from 1).
    let doc: Value = serde_json::from_str(PRESET_01).unwrap();
    let policy = doc["Roles"][0]["AssumeRolePolicyDocument"].as_str().unwrap();
    let open = policy.find("\"Statement\"").and_then(|i| policy[i..].find('{').map(|j| i + j)).unwrap();
    let line = policy[..open].matches('\n').count() + 1;
    let column = open - policy[..open].rfind('\n').map_or(0, |n| n + 1) + 1;
    let link = format!("data-at=\"{line}:{column}\">line {line}</button>");
    assert!(trust["en"].as_str().unwrap().contains(&link), "{link} in {trust}");
    assert!(trust["ja"].as_str().unwrap().contains(&format!("data-at=\"{line}:{column}\">行 {line}</button>")));
    let cli = &a["Cli"][0];
    assert!(cli["Command"].as_str().unwrap().starts_with("aws sts assume-role"), "{cli}");
    assert!(cli["Html"].as_str().unwrap().contains("data-testid=\"cli-command\""));
    // An account's authorization details become a scenario, here.
    let details = include_str!("../../bridge/tests/data/authorization-details.json");
    let imported: Value =
        serde_json::from_str(&assist::answer(&serde_json::json!({"ImportAccount": details}).to_string(), &cat, true)).unwrap();
    assert_eq!(imported["Kind"], "imported");
    assert!(sts::load(imported["Scenario"].as_str().unwrap()).is_ok());
    let bad: Value = serde_json::from_str(&assist::answer("{\"Text\": 1}", &cat, true)).unwrap();
    assert!(bad["Error"].is_string());
    // Without the catalogue the grammar and trust checks still answer.
    let open = PRESET_01.replacen("arn:aws:iam::222222222222:root", "*", 1);
    let request = serde_json::json!({"Id": 1, "Text": open}).to_string();
    let a: Value = serde_json::from_str(&assist::answer(&request, &Catalogue::default(), false)).unwrap();
    assert_eq!(a["Catalogue"], false);
    assert!(a["Findings"].as_array().unwrap().iter().any(|f| f["IssueCode"] == "ROLE_TRUST_POLICY_ALLOWS_ALL_PRINCIPALS"), "{a}");
}

#[test]
fn an_exercises_goals_are_judged_against_the_text() {
    let cat = catalogue();
    let shipped = include_str!("../../../exercises/01-trust-the-right-account.json");
    let solution = include_str!("../../../exercises/01-trust-the-right-account.solution.json");
    let ask_ex = |text: &str| -> Value {
        let request = serde_json::json!({"Id": 2, "Text": text, "Exercise": shipped}).to_string();
        let (first, _) = assist::first_answer(&request, &cat, true);
        serde_json::from_str(&first).unwrap()
    };
    let a = ask_ex(shipped);
    let goals = a["Goals"].as_array().expect("goals");
    assert_eq!(goals.len(), 5);
    assert_eq!(a["Solved"], false);
    assert!(goals.iter().any(|g| g["Met"] == false && g["Detail"]["en"].is_string()), "{a}");
    let b = ask_ex(solution);
    assert_eq!(b["Solved"], true, "{b}");
    assert!(b["Goals"].as_array().unwrap().iter().all(|g| g["Met"] == true && !g["Label"]["ja"].as_str().unwrap().is_empty()));
}
