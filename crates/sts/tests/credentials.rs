//! Credentials held by a service: `{"Session": N}` is the service's current
//! (refreshed) credentials, `{"Session": N, "Original": true}` exactly the
//! ones step N issued, which fail with `ExpiredToken` after their
//! `Expiration`. Each request's Event carries the access key it used. EC2
//! User Guide: "We make new credentials available at least five minutes
//! before the expiration of the old credentials."; IAM User Guide,
//! "Temporary security credentials": "After the credentials expire, AWS no
//! longer recognizes them".
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use serde_json::{json, Value};

const ROLE: &str = "arn:aws:iam::111111111111:role/worker";

fn scenario(steps: Value) -> Value {
    json!({
        "Scenario": 1,
        "Clock": "2026-11-22T09:00:00Z",
        "Roles": [{"Arn": ROLE,
            "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
            "Policies": [{"PolicyName": "p", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Action": ["s3:GetObject", "sts:AssumeRole"], "Resource": "*"}]}}]}],
        "Steps": steps
    })
}

fn run(doc: &Value) -> Vec<Value> {
    let report = sts::run_text(&doc.to_string()).unwrap_or_else(|e| panic!("{e:?}"));
    let out: Value = serde_json::from_str(&sts::report_json(&report)).unwrap();
    out["Steps"].as_array().unwrap().clone()
}

fn get(caller: Value) -> Value {
    json!({"Action": "s3:GetObject", "Caller": caller, "Resource": "arn:aws:s3:::b/k"})
}

fn key_used(step: &Value) -> &str {
    step["Event"]["userIdentity"]["accessKeyId"].as_str().unwrap_or_else(|| panic!("no key in {step:#}"))
}

#[test]
fn refreshed_and_original_credentials_are_told_apart() {
    let steps = run(&scenario(json!([
        {"Action": "sts:AssumeRole", "Caller": {"Service": "lambda.amazonaws.com"}, "RoleArn": ROLE},
        get(json!({"Session": 0})),
        {"Advance": 3400},
        get(json!({"Session": 0})),
        get(json!({"Session": 0, "Original": true})),
        get(json!({"Session": 0, "Original": false})),
        {"Advance": 200},
        get(json!({"Session": 0, "Original": true})),
        get(json!({"Session": 0}))
    ])));
    let issued = steps[0]["Credentials"]["AccessKeyId"].as_str().unwrap();
    let refreshed = steps[2]["Refreshes"][0]["AccessKeyId"].as_str().unwrap();
    assert_ne!(issued, refreshed);
    assert_eq!(key_used(&steps[1]), issued);
    assert_eq!(key_used(&steps[3]), refreshed);
    assert_eq!(key_used(&steps[4]), issued);
    assert_eq!(key_used(&steps[5]), refreshed);
    assert_eq!(steps[4]["Outcome"], "allowed");
    // At the first Expiration (10:00), exactly those credentials expire.
    assert_eq!(steps[7]["Outcome"], "error");
    assert_eq!(steps[7]["ErrorCode"], "ExpiredToken");
    // AWS's message says only that; roleplay's explanation beside it says when.
    assert_eq!(steps[7]["Message"], "The security token included in the request is expired");
    assert_eq!(steps[7]["Explanation"]["ExpiredAt"], "2026-11-22T10:00:00Z");
    assert_eq!(steps[8]["Outcome"], "allowed");
    assert_eq!(key_used(&steps[8]), refreshed);
}

#[test]
fn original_credentials_can_chain_a_role_until_they_expire() {
    let steps = run(&scenario(json!([
        {"Action": "sts:AssumeRole", "Caller": {"Service": "lambda.amazonaws.com"}, "RoleArn": ROLE},
        {"Advance": 3300},
        {"Action": "sts:AssumeRole", "Caller": {"Session": 0, "Original": true}, "RoleArn": ROLE, "RoleSessionName": "chained"},
        {"Advance": 300},
        {"Action": "sts:AssumeRole", "Caller": {"Session": 0, "Original": true}, "RoleArn": ROLE, "RoleSessionName": "late"}
    ])));
    assert_eq!(steps[1]["Refreshes"].as_array().map(Vec::len), Some(1));
    // The trust policy trusts only Lambda: the chained AssumeRole is
    // evaluated (and denied), with the original credentials as the caller.
    assert_eq!(steps[2]["Outcome"], "implicitDeny");
    assert_eq!(key_used(&steps[2]), steps[0]["Credentials"]["AccessKeyId"].as_str().unwrap());
    assert_eq!(steps[4]["ErrorCode"], "ExpiredToken");
}

#[test]
fn without_a_refresh_both_forms_are_the_same_credentials() {
    let doc = json!({
        "Scenario": 1,
        "Users": [{"Arn": "arn:aws:iam::111111111111:user/alice", "Policies": [{"PolicyName": "p", "PolicyDocument":
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": ROLE}]}}]}],
        "Roles": [{"Arn": ROLE, "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
            "Principal": {"AWS": "111111111111"}, "Action": "sts:AssumeRole"}]}}],
        "Steps": [
            {"Action": "sts:AssumeRole", "Caller": {"AWS": "arn:aws:iam::111111111111:user/alice"}, "RoleArn": ROLE, "RoleSessionName": "alice"},
            get(json!({"Session": 0})),
            get(json!({"Session": 0, "Original": true})),
            {"Advance": 3600},
            get(json!({"Session": 0})),
            get(json!({"Session": 0, "Original": true}))
        ]
    });
    let steps = run(&doc);
    assert_eq!(key_used(&steps[1]), key_used(&steps[2]));
    assert_eq!(steps[4]["ErrorCode"], "ExpiredToken");
    assert_eq!(steps[5]["ErrorCode"], "ExpiredToken");
}

fn load_errors(caller: Value) -> Vec<String> {
    let doc = scenario(json!([
        {"Action": "sts:AssumeRole", "Caller": {"Service": "lambda.amazonaws.com"}, "RoleArn": ROLE},
        get(caller)
    ]));
    match sts::load(&doc.to_string()) {
        Ok(_) => panic!("expected a load error"),
        Err(e) => e.iter().map(|e| format!("{}: {}", e.path, e.message)).collect(),
    }
}

#[test]
fn original_goes_with_session_and_is_a_boolean() {
    assert_eq!(
        load_errors(json!({"AWS": "arn:aws:iam::111111111111:user/x", "Original": true})),
        ["$.Steps[1].Caller.Original: `Original` goes with `Session`: `{\"Session\": N, \"Original\": true}`"]
    );
    assert_eq!(
        load_errors(json!({"Session": 0, "Original": "yes"})),
        ["$.Steps[1].Caller.Original: `Original` is `true` or `false`, not a string"]
    );
    assert_eq!(
        load_errors(json!({"Session": 0, "Service": "lambda.amazonaws.com", "Original": true})),
        ["$.Steps[1].Caller: a caller has exactly one key: `AWS`, `Service`, `Session` or `Federated`"]
    );
}
