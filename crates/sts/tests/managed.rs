//! Attached managed policies (extension): an entry of `Policies` with a
//! `PolicyArn` is a managed policy attached to its user, group or role. It
//! counts against the managed policy quota, not the inline one; it must be
//! an IAM policy ARN whose name is the entry's `PolicyName`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use serde_json::{json, Value};

const USER: &str = "arn:aws:iam::111111111111:user/alice";

fn statement(i: usize) -> Value {
    json!({"Sid": format!("S{i}"), "Effect": "Allow", "Action": format!("s3:GetObjectVersionTagging{i}"), "Resource": format!("arn:aws:s3:::example-bucket-with-a-long-name/{i}/*")})
}

/// A policy of about `n` statements (each ~100 characters).
fn big(n: usize) -> Value {
    json!({"Version": "2012-10-17", "Statement": (0..n).map(statement).collect::<Vec<_>>()})
}

fn scenario(policies: Value) -> String {
    let doc = json!({"Scenario": 1, "Users": [{"Arn": USER, "Policies": policies}],
        "Steps": [{"Action": "s3:GetObjectVersionTagging1", "Caller": {"AWS": USER}, "Resource": "arn:aws:s3:::example-bucket-with-a-long-name/1/x", "Expect": "allowed"}]});
    serde_json::to_string_pretty(&doc).unwrap()
}

fn errors(text: &str) -> Vec<String> {
    match sts::load(text) {
        Ok(_) => Vec::new(),
        Err(e) => e.iter().map(|e| format!("{} {}: {}", e.code, e.path, e.message)).collect(),
    }
}

#[test]
fn managed_policies_count_against_their_own_quota() {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html:
    // user policy size 2,048 characters, managed policy size 6,144 characters
    // (inline policies of a user together; AWS managed policies are AWS's).
    let inline = scenario(json!([{"PolicyName": "Big", "PolicyDocument": big(30)}]));
    assert!(
        errors(&inline).iter().any(|e| e.starts_with("LimitExceeded $.Users[0].Policies: the inline policies of")),
        "{:?}",
        errors(&inline)
    );
    let managed = scenario(json!([{"PolicyName": "Big", "PolicyArn": "arn:aws:iam::111111111111:policy/Big", "PolicyDocument": big(30)}]));
    assert_eq!(errors(&managed), Vec::<String>::new());
    let report = sts::run_text(&managed).unwrap();
    assert_eq!(report.steps[0].outcome.map(|o| o.as_str()), Some("allowed"));
    let matched = &report.steps[0].checks.as_ref().unwrap()[0].matched_statements[0];
    assert_eq!(matched.statement.policy_name, "Big");
    let too_big =
        scenario(json!([{"PolicyName": "Huge", "PolicyArn": "arn:aws:iam::111111111111:policy/Huge", "PolicyDocument": big(80)}]));
    assert!(
        errors(&too_big).iter().any(|e| e.starts_with("LimitExceeded $.Users[0].Policies[0].PolicyDocument: the managed policy")),
        "{:?}",
        errors(&too_big)
    );
    let aws = scenario(json!([{"PolicyName": "Huge", "PolicyArn": "arn:aws:iam::aws:policy/Huge", "PolicyDocument": big(80)}]));
    assert_eq!(errors(&aws), Vec::<String>::new());
}

#[test]
fn an_inline_and_a_managed_policy_may_share_a_name_but_not_an_arn_twice() {
    let doc = |arn2: &str| {
        scenario(json!([
            {"PolicyName": "ReadOnly", "PolicyDocument": big(1)},
            {"PolicyName": "ReadOnly", "PolicyArn": "arn:aws:iam::aws:policy/ReadOnly", "PolicyDocument": big(1)},
            {"PolicyName": "ReadOnly", "PolicyArn": arn2, "PolicyDocument": big(1)}
        ]))
    };
    assert_eq!(errors(&doc("arn:aws:iam::111111111111:policy/team/ReadOnly")), Vec::<String>::new());
    assert_eq!(
        errors(&doc("arn:aws:iam::aws:policy/ReadOnly")),
        ["InvalidScenario $.Users[0].Policies[2].PolicyArn: user `alice` has the managed policy `arn:aws:iam::aws:policy/ReadOnly` attached twice"]
    );
}

#[test]
fn the_arn_must_name_a_policy_of_the_same_name() {
    let one = |arn: &str| scenario(json!([{"PolicyName": "P", "PolicyArn": arn, "PolicyDocument": big(1)}]));
    assert_eq!(
        errors(&one("arn:aws:iam::111111111111:role/P")),
        ["InvalidScenario $.Users[0].Policies[0].PolicyArn: `arn:aws:iam::111111111111:role/P` is not a managed policy ARN"]
    );
    assert_eq!(
        errors(&one("arn:aws:s3:::P")),
        ["InvalidScenario $.Users[0].Policies[0].PolicyArn: `arn:aws:s3:::P` is not a managed policy ARN"]
    );
    assert_eq!(
        errors(&one("arn:aws:iam::111111111111:policy/Q")),
        ["InvalidScenario $.Users[0].Policies[0].PolicyArn: the `PolicyName` `P` is not the name in `arn:aws:iam::111111111111:policy/Q` (`Q`)"]
    );
    let not_string = scenario(json!([{"PolicyName": "P", "PolicyArn": 7, "PolicyDocument": big(1)}]));
    assert_eq!(errors(&not_string), ["InvalidScenario $.Users[0].Policies[0].PolicyArn: expected a string, not a number"]);
}
