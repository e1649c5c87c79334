//! Unit tests of `api`.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]
use super::*;
use crate::report::Outcome;

#[test]
fn run_returns_the_contract_or_located_errors() {
    let ok = run(r#"{"Scenario": 1, "Steps": [{"Advance": 60}]}"#).unwrap();
    assert_eq!(ok["Steps"][0]["Clock"], "2026-01-01T00:01:00Z");
    let err = run("{\"Scenario\": 1,\n \"Stepz\": []}").unwrap_err();
    assert_eq!(err[0]["path"], "$.Stepz");
    assert_eq!(err[0]["line"], 2);
    assert_eq!(err[0]["help"], "did you mean `Steps`?");
}

#[test]
fn check_policy_reports_ranges() {
    let v = check_policy("{\"Version\": \"2012-10-17\",\n \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\", \"Principal\": \"*\"}}", "identity").unwrap();
    assert_eq!(v["valid"], false);
    assert_eq!(v["diagnostics"][0]["line"], 2);
    assert!(v["diagnostics"][0]["message"].as_str().unwrap().contains("`Principal` is not allowed"));
    let v = check_policy(
        r#"{"Version": "2012-10-17", "Statement": {"Sid": "A", "Effect": "Allow", "Action": "s3:*", "Resource": "*"}}"#,
        "identity",
    )
    .unwrap();
    assert_eq!(v["valid"], true);
    assert_eq!(v["statements"][0]["sid"], "A");
    assert!(check_policy("{}", "bogus").is_err());
}

#[test]
fn check_counts_expectations() {
    let v = check(r#"{"Scenario": 1, "Steps": [{"Action": "s3:ListAllMyBuckets", "Caller": {"AWS": "arn:aws:iam::111111111111:user/u"}, "Expect": "allowed"}], "Users": [{"Arn": "arn:aws:iam::111111111111:user/u"}]}"#).unwrap();
    assert_eq!(v["passed"], 0);
    assert_eq!(v["failed"], 1);
    assert_eq!(v["mismatches"][0]["actual"], "implicitDeny (AccessDenied)");
}

const WORLD: &str = r#"{"Scenario": 1, "Clock": "2026-11-22T09:00:00Z",
  "Users": [{"Arn": "arn:aws:iam::111111111111:user/alice", "Policies": [{"PolicyName": "p", "PolicyDocument":
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "sts:AssumeRole"], "Resource": "*"}]}}]}],
  "Roles": [{"Arn": "arn:aws:iam::111111111111:role/reader", "AssumeRolePolicyDocument":
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111111111111"}, "Action": "sts:AssumeRole"}]},
    "Policies": [{"PolicyName": "r", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}]}}]}],
  "Steps": [
    {"Action": "sts:AssumeRole", "Caller": {"AWS": "arn:aws:iam::111111111111:user/alice"}, "RoleArn": "arn:aws:iam::111111111111:role/reader", "RoleSessionName": "alice"},
    {"Action": "s3:ListBucket", "Caller": {"Session": 0}, "Resource": "arn:aws:s3:::b"},
    {"Advance": 60}
  ]}"#;

#[test]
fn a_world_loads_once_and_runs_like_run() {
    let w = World::load(WORLD).unwrap();
    assert_eq!(w.run().unwrap(), run(WORLD).unwrap());
    let text = w.run_json();
    assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), run(WORLD).unwrap());
    assert_eq!(w.outcomes(), [Some(Outcome::Allowed), Some(Outcome::Allowed), None]);
    assert!(World::load("{\"Scenario\": 1}").unwrap_err()[0]["message"].as_str().unwrap().contains("missing `Steps`"));
}

#[test]
fn authorize_makes_one_more_request_after_the_steps() {
    let w = World::load(WORLD).unwrap();
    let r = w
        .authorize(
            r#"{"Action": "s3:GetObject", "Caller": {"AWS": "arn:aws:iam::111111111111:user/alice"}, "Resource": "arn:aws:s3:::b/k"}"#,
        )
        .unwrap();
    assert_eq!((r["Step"].as_u64(), r["Outcome"].as_str()), (Some(3), Some("allowed")));
    // The clock the steps left: 09:01.
    assert_eq!(r["Event"]["eventTime"], "2026-11-22T09:01:00Z");
    // The session step 0 issued, and what the role may do with it.
    let r = w.authorize(r#"{"Action": "s3:GetObject", "Caller": {"Session": 0}, "Resource": "arn:aws:s3:::b/k"}"#).unwrap();
    assert_eq!(r["Outcome"], "implicitDeny");
    let r = w.authorize(r#"{"Action": "s3:ListBucket", "Caller": {"Session": 0}, "Resource": "arn:aws:s3:::b", "Context": {"aws:SourceIp": "198.51.100.7"}}"#).unwrap();
    assert_eq!(r["Outcome"], "allowed");
    let r = w
        .authorize(r#"{"Action": "sts:AssumeRole", "Caller": {"AWS": "arn:aws:iam::111111111111:user/alice"}, "RoleArn": "arn:aws:iam::111111111111:role/reader", "RoleSessionName": "again"}"#)
        .unwrap();
    assert_eq!(r["Outcome"], "allowed");
    // Asking twice gives the same answer: the world does not change.
    let again = w
        .authorize(
            r#"{"Action": "s3:GetObject", "Caller": {"AWS": "arn:aws:iam::111111111111:user/alice"}, "Resource": "arn:aws:s3:::b/k"}"#,
        )
        .unwrap();
    assert_eq!(
        again["Event"]["eventID"],
        w.authorize(
            r#"{"Action": "s3:GetObject", "Caller": {"AWS": "arn:aws:iam::111111111111:user/alice"}, "Resource": "arn:aws:s3:::b/k"}"#
        )
        .unwrap()["Event"]["eventID"]
    );
    // Mistakes are located errors, as for a scenario.
    let e = w.authorize(r#"{"Action": "s3:GetObject", "Caller": {"AWS": "arn:aws:iam::111111111111:user/bob"}}"#).unwrap_err();
    assert_eq!(e[0]["path"], "$.Caller.AWS");
    assert!(e[0]["message"].as_str().unwrap().contains("unknown user"));
    let e = w.authorize(r#"{"Advance": 60}"#).unwrap_err();
    assert!(e[0]["message"].as_str().unwrap().contains("not a clock step"));
    assert!(w.authorize("not json").is_err());
    assert!(w.authorize(r#"{"Action": "s3:GetObject", "Caller": {"Session": 5}}"#).is_err());
}

#[test]
fn requests_say_what_each_authorization_was_given() {
    let w = World::load(WORLD).unwrap();
    let v = w.requests();
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["Action"], "sts:AssumeRole");
    assert_eq!(list[0]["Trust"], true);
    assert_eq!(list[0]["ResourcePolicy"], "$.Roles[0].AssumeRolePolicyDocument");
    assert_eq!(list[0]["Identity"], serde_json::json!(["$.Users[0].Policies[0].PolicyDocument"]));
    assert_eq!(list[0]["Caller"]["Kind"], "User");
    assert_eq!(list[0]["Context"]["sts:RoleSessionName"], "alice");
    assert_eq!(list[1]["Caller"]["Kind"], "AssumedRole");
    assert_eq!(list[1]["Caller"]["RoleArn"], "arn:aws:iam::111111111111:role/reader");
    assert_eq!(list[1]["Identity"], serde_json::json!(["$.Roles[0].Policies[0].PolicyDocument"]));
    assert_eq!(list[1]["Decision"], "allowed");
    assert_eq!(list[1]["Context"]["aws:CurrentTime"], "2026-11-22T09:00:00Z");
}

#[test]
fn exercise_judges_an_attempt() {
    let shipped = r#"{"Scenario": 1,
      "Users": [{"Arn": "arn:aws:iam::111111111111:user/alice"}],
      "Steps": [{"Action": "s3:ListAllMyBuckets", "Caller": {"AWS": "arn:aws:iam::111111111111:user/alice"}, "Expect": "allowed"}],
      "Exercise": {"Goals": [{"Step": 0}, {"EditOnly": ["$.Users[0].Policies"]}], "Hints": ["Give alice a policy."]}}"#;
    let v = exercise(shipped, shipped).unwrap();
    assert_eq!(v["solved"], false);
    assert_eq!(v["met"], 1);
    assert_eq!(v["goals"][0]["label"]["ja"], "ステップ 0 (alice の s3:ListAllMyBuckets): 許可");
    assert_eq!(v["goals"][0]["detail"]["en"], "now: implicit deny");
    assert!(v["goals"][1].get("detail").is_none());
    assert_eq!(v["hints"][0]["ja"], "Give alice a policy.");
    assert_eq!(v["editable"][0], "$.Users[0].Policies");
    let solved = shipped.replace(
        r#"user/alice"}]"#,
        r#"user/alice", "Policies": [{"PolicyName": "s3", "PolicyDocument": {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}}]}]"#,
    );
    assert_eq!(exercise(shipped, &solved).unwrap()["solved"], true);
    let err = exercise(r#"{"Scenario": 1, "Steps": []}"#, "{}").unwrap_err();
    assert_eq!(err[0]["message"], "the scenario has no `Exercise`: it is not an exercise");
}
