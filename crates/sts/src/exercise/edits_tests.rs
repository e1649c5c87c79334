//! Tests of `first_change`: what counts as an edit outside an exercise's
//! `EditOnly` paths.

#![allow(clippy::unwrap_used)]
use super::*;

fn change(a: &str, b: &str, allowed: &[&str]) -> Option<String> {
    let allowed: Vec<JsonPath> = allowed.iter().map(|p| JsonPath::parse(p).unwrap()).collect();
    first_change(&policy::json::parse(a).unwrap(), &policy::json::parse(b).unwrap(), &allowed).map(|p| p.to_string())
}

const ORIGINAL: &str = r#"{"Scenario": 1, "Roles": [{"Arn": "arn:aws:iam::111111111111:role/r",
    "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": []},
    "Policies": [{"PolicyName": "p", "PolicyDocument": "{\"Statement\": [{\"Effect\": \"Allow\"}]}"}]}],
    "Steps": [{"Advance": 1}], "Exercise": {"Goals": [{"Step": 0}]}}"#;

#[test]
fn layout_key_order_and_policy_form_are_not_changes() {
    let b = r#"{"Steps": [{"Advance": 1}], "Scenario": 1, "Roles": [{"Arn": "arn:aws:iam::111111111111:role/r",
        "AssumeRolePolicyDocument": "{\n  \"Statement\": [],\n  \"Version\": \"2012-10-17\"\n}",
        "Policies": [{"PolicyDocument": {"Statement": [{"Effect": "Allow"}]}, "PolicyName": "p"}]}]}"#;
    assert_eq!(change(ORIGINAL, b, &[]), None, "the Exercise block is not compared either");
}

#[test]
fn a_change_outside_the_allowed_paths_is_found_at_its_policy() {
    let b = ORIGINAL.replace(r#"\"Allow\""#, r#"\"Deny\""#);
    assert_eq!(change(ORIGINAL, &b, &["$.Roles[0].AssumeRolePolicyDocument"]).as_deref(), Some("$.Roles[0].Policies[0].PolicyDocument"));
    assert_eq!(change(ORIGINAL, &b, &["$.Roles[0].Policies[0].PolicyDocument"]), None);
    assert_eq!(change(ORIGINAL, &b, &["$.Roles[0]"]), None, "a path allows everything below it");
}

#[test]
fn added_removed_and_retyped_values_are_changes() {
    let added = ORIGINAL.replace(r#""Steps": [{"Advance": 1}]"#, r#""Steps": [{"Advance": 1}, {"Advance": 2}]"#);
    assert_eq!(change(ORIGINAL, &added, &[]).as_deref(), Some("$.Steps[1]"));
    let removed = ORIGINAL.replace(r#""Scenario": 1, "#, "");
    assert_eq!(change(ORIGINAL, &removed, &[]).as_deref(), Some("$.Scenario"));
    let key = ORIGINAL.replace(r#"{"Advance": 1}"#, r#"{"Advance": 1, "Note": "x"}"#);
    assert_eq!(change(ORIGINAL, &key, &[]).as_deref(), Some("$.Steps[0].Note"));
    assert_eq!(change(ORIGINAL, &key, &["$.Steps[0].Note"]), None, "a new key at an allowed path");
    let number = ORIGINAL.replace(r#""Scenario": 1"#, r#""Scenario": "1""#);
    assert_eq!(change(ORIGINAL, &number, &[]).as_deref(), Some("$.Scenario"));
    let broken = ORIGINAL.replace(r#""{\"Statement\""#, r#""{\"Statement\"!"#);
    assert_eq!(change(ORIGINAL, &broken, &[]).as_deref(), Some("$.Roles[0].Policies[0].PolicyDocument"), "a policy that no longer parses");
}
