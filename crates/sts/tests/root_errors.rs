//! One root error per cause: a role, user or instance profile that the
//! loader refuses is reported once, and the steps and entities that name it
//! add no "unknown …" errors of their own. What is refused is what AWS
//! itself refuses (IAM User Guide, "IAM JSON policy element reference":
//! a string principal other than `"*"`, `Resource` in a role trust policy,
//! a resource-based statement without `Principal`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use serde_json::{json, Value};

const ALICE: &str = "arn:aws:iam::111111111111:user/alice";
const APP: &str = "arn:aws:iam::111111111111:role/app";

fn errors(doc: &Value) -> Vec<String> {
    match sts::load(&serde_json::to_string_pretty(doc).unwrap()) {
        Ok(_) => panic!("expected load errors"),
        Err(e) => e.iter().map(|e| format!("{}: {}", e.path, e.message)).collect(),
    }
}

/// A role `app` whose trust policy is `trust`, and every kind of step and
/// entity that can name it.
fn naming_the_role(trust: Value) -> Value {
    json!({
        "Scenario": 1,
        "Users": [{"Arn": ALICE}],
        "Roles": [{"Arn": APP, "AssumeRolePolicyDocument": trust}],
        "InstanceProfiles": [{"Arn": "arn:aws:iam::111111111111:instance-profile/web", "Roles": [APP]}],
        "Steps": [
            {"Action": "sts:AssumeRole", "Caller": {"AWS": ALICE}, "RoleArn": APP, "RoleSessionName": "a"},
            {"Action": "s3:ListAllMyBuckets", "Caller": {"Session": 0}},
            {"Action": "sts:AssumeRole", "Caller": {"Service": "ec2.amazonaws.com"},
             "InstanceProfileArn": "arn:aws:iam::111111111111:instance-profile/web"},
            {"Action": "lambda:CreateFunction", "Caller": {"AWS": ALICE}, "PassedRole": APP},
            {"Action": "sts:AssumeRole", "Caller": {"Session": 2}, "RoleArn": APP, "RoleSessionName": "b"}
        ]
    })
}

#[test]
fn a_refused_role_is_one_error_whatever_names_it() {
    let causes = [
        (
            json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111111111111"},
                   "Action": "sts:AssumeRole", "Resource": "*"}]}),
            "$.Roles[0].AssumeRolePolicyDocument.Statement[0].Resource: a role trust policy cannot have `Resource`",
        ),
        (
            json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": ALICE, "Action": "sts:AssumeRole"}]}),
            "$.Roles[0].AssumeRolePolicyDocument.Statement[0].Principal: `Principal` must be `\"*\"` or an object",
        ),
        (
            json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole"}]}),
            "$.Roles[0].AssumeRolePolicyDocument.Statement[0]: the statement has no `Principal`",
        ),
    ];
    for (trust, root) in causes {
        let e = errors(&naming_the_role(trust));
        assert_eq!(e.len(), 1, "{e:#?}");
        assert!(e[0].starts_with(root), "{e:#?}");
    }
}

#[test]
fn a_role_without_a_trust_policy_is_one_error() {
    let mut doc = naming_the_role(json!({}));
    doc["Roles"][0].as_object_mut().unwrap().remove("AssumeRolePolicyDocument");
    let e = errors(&doc);
    assert_eq!(e, ["$.Roles[0]: role `app` has no `AssumeRolePolicyDocument` (trust policy)"]);
}

#[test]
fn a_refused_user_is_one_error_but_an_unlisted_one_is_still_unknown() {
    let doc = json!({
        "Scenario": 1,
        "Users": [{"Arn": "arn:aws:iam::user/bob"}],
        "Steps": [
            {"Action": "s3:ListAllMyBuckets", "Caller": {"AWS": "arn:aws:iam::user/bob"}},
            {"Action": "s3:ListAllMyBuckets", "Caller": {"AWS": "arn:aws:iam::111111111111:user/carol"}}
        ]
    });
    let e = errors(&doc);
    assert_eq!(e.len(), 2, "{e:#?}");
    assert!(e[0].starts_with("$.Users[0].Arn: `arn:aws:iam::user/bob` is not a complete ARN"), "{e:#?}");
    assert!(e[1].starts_with("$.Steps[1].Caller.AWS: unknown user `arn:aws:iam::111111111111:user/carol`"), "{e:#?}");
}

#[test]
fn a_resource_policy_statement_without_principal_is_one_error() {
    let doc = json!({
        "Scenario": 1,
        "Users": [{"Arn": ALICE}],
        "Resources": [{"Arn": "arn:aws:s3:::reports", "Account": "111111111111",
                       "Policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}}],
        "Steps": [{"Action": "s3:GetObject", "Caller": {"AWS": ALICE}, "Resource": "arn:aws:s3:::reports/a"}]
    });
    let e = errors(&doc);
    assert_eq!(e.len(), 1, "{e:#?}");
    assert!(e[0].starts_with("$.Resources[0].Policy.Statement[0]: the statement has no `Principal`"), "{e:#?}");
}

#[test]
fn an_unknown_role_is_one_error_too() {
    let doc = json!({
        "Scenario": 1,
        "Users": [{"Arn": ALICE}],
        "Steps": [{"Action": "sts:AssumeRole", "Caller": {"AWS": ALICE}, "RoleArn": APP, "RoleSessionName": "a"},
                  {"Action": "s3:ListAllMyBuckets", "Caller": {"Session": 0}}]
    });
    let e = errors(&doc);
    assert_eq!(e.len(), 1, "{e:#?}");
    assert!(e[0].starts_with("$.Steps[0].RoleArn: unknown role"), "{e:#?}");
}
