//! Unit tests of `api`.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]
use super::*;

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
