//! Rules AWS enforces outside every policy (`sts::rules`), each tested both
//! ways: the request the rule covers, and one beside it that the policies
//! decide as usual. The AWS sentence behind each rule is quoted in its test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use serde_json::{json, Value};
use sts::rules::{rule_for, Rule, Verdict};

const ADMIN: &str = "arn:aws:iam::111111111111:user/admin";
const NOBODY: &str = "arn:aws:iam::111111111111:user/nobody";

fn policy(effect: &str, action: &str) -> Value {
    json!({"PolicyName": format!("{effect}-{action}"), "PolicyDocument": {"Version": "2012-10-17",
        "Statement": [{"Effect": effect, "Action": action, "Resource": "*"}]}})
}

/// `admin` may do anything; `nobody` has no policy. Each call is
/// `(caller, action, resource)`.
fn run(extra_users: Value, calls: &[(&str, &str, &str)]) -> Vec<Value> {
    let mut users = vec![json!({"Arn": ADMIN, "Policies": [policy("Allow", "*")]}), json!({"Arn": NOBODY})];
    users.extend(extra_users.as_array().cloned().unwrap_or_default());
    let steps: Vec<Value> = calls.iter().map(|(c, a, r)| json!({"Action": a, "Caller": {"AWS": c}, "Resource": r})).collect();
    let doc = json!({"Scenario": 1, "Users": users, "Steps": steps});
    let report = sts::run_text(&doc.to_string()).unwrap_or_else(|e| panic!("{e:?}"));
    let out: Value = serde_json::from_str(&sts::report_json(&report)).unwrap();
    out["Steps"].as_array().unwrap().clone()
}

fn summary(step: &Value) -> (String, String, String) {
    let s = |k: &str| step[k].as_str().unwrap_or("-").to_string();
    (s("Outcome"), s("ErrorCode"), s("Rule"))
}

fn want(outcome: &str, code: &str, rule: &str) -> (String, String, String) {
    (outcome.into(), code.into(), rule.into())
}

/// IAM User Guide, "Managed policies and inline policies": "You cannot
/// change the permissions defined in AWS managed policies."
#[test]
fn aws_managed_policies_cannot_be_changed() {
    let managed = "arn:aws:iam::aws:policy/AdministratorAccess";
    let steps = run(
        json!([{"Arn": "arn:aws:iam::111111111111:user/careful", "Policies": [policy("Allow", "iam:*"), policy("Deny", "iam:DeletePolicy")]}]),
        &[
            (ADMIN, "iam:CreatePolicyVersion", managed),
            (ADMIN, "iam:SetDefaultPolicyVersion", managed),
            (ADMIN, "iam:DeletePolicy", managed),
            (ADMIN, "iam:UntagPolicy", managed),
            (ADMIN, "iam:GetPolicyVersion", managed),
            (ADMIN, "iam:DeletePolicy", "arn:aws:iam::111111111111:policy/Mine"),
            (NOBODY, "iam:DeletePolicy", managed),
            ("arn:aws:iam::111111111111:user/careful", "iam:DeletePolicy", managed),
        ],
    );
    for s in &steps[..4] {
        assert_eq!(summary(s), want("implicitDeny", "AccessDenied", "AwsManagedPolicy"), "{s:#}");
        // The policies allowed it: no policy reason is given, only the rule.
        assert!(s.get("Reasons").is_none(), "{s:#}");
        assert!(!s["Message"].as_str().unwrap().contains("because"), "{s:#}");
        assert_eq!(s["Checks"][0]["Decision"], "allowed");
    }
    // Reading it, and changing the account's own policy, are ordinary requests.
    assert_eq!(summary(&steps[4]), want("allowed", "-", "-"));
    assert_eq!(summary(&steps[5]), want("allowed", "-", "-"));
    // Both the policies and the rule say no: both are told.
    assert_eq!(summary(&steps[6]), want("implicitDeny", "AccessDenied", "AwsManagedPolicy"));
    assert_eq!(steps[6]["Reasons"], json!(["IdentityNoAllow"]));
    // An explicit deny in a policy shows as what it is.
    assert_eq!(summary(&steps[7]), want("explicitDeny", "AccessDenied", "-"));
}

/// IAM API Reference, `UnmodifiableEntity` (DeleteRole, PutRolePolicy, …):
/// "The request was rejected because service-linked roles are protected AWS
/// resources. Only the service that depends on the service-linked role can
/// modify or delete the role on your behalf." The User Guide: "You can edit
/// the description of any role", and passing a service-linked role needs
/// iam:PassRole like any other ("Granting a user permissions to pass a
/// role").
#[test]
fn service_linked_roles_change_only_through_their_service() {
    let slr = "arn:aws:iam::111111111111:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling";
    let steps = run(
        json!([]),
        &[
            (ADMIN, "iam:DeleteRole", slr),
            (ADMIN, "iam:UpdateAssumeRolePolicy", slr),
            (ADMIN, "iam:AttachRolePolicy", slr),
            (ADMIN, "iam:UpdateRoleDescription", slr),
            (ADMIN, "iam:PassRole", slr),
            (ADMIN, "iam:DeleteServiceLinkedRole", slr),
            (NOBODY, "iam:DeleteRole", slr),
            (ADMIN, "iam:DeleteRole", "arn:aws:iam::111111111111:role/service-role/app"),
        ],
    );
    for s in &steps[..3] {
        assert_eq!(summary(s), want("error", "UnmodifiableEntity", "ServiceLinkedRole"), "{s:#}");
        assert_eq!(
            s["Message"],
            "Cannot perform the operation on the protected role 'AWSServiceRoleForAutoScaling' - this role is only modifiable by AWS"
        );
        assert_eq!(s["Event"]["errorCode"], "UnmodifiableEntity");
    }
    for s in &steps[3..6] {
        assert_eq!(summary(s), want("allowed", "-", "-"), "{s:#}");
    }
    // Authorization comes first: without permission, AccessDenied.
    assert_eq!(summary(&steps[6]), want("implicitDeny", "AccessDenied", "-"));
    assert_eq!(summary(&steps[7]), want("allowed", "-", "-"));
}

/// AWS Knowledge Center, "Cannot perform the operation on the protected role
/// AWSReservedSSO": "this role is only modifiable by AWS".
#[test]
fn aws_reserved_roles_are_only_modifiable_by_aws() {
    let reserved = "arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123456789abcdef";
    let steps = run(
        json!([]),
        &[(ADMIN, "iam:PutRolePolicy", reserved), (ADMIN, "iam:UpdateRoleDescription", reserved), (ADMIN, "iam:GetRole", reserved)],
    );
    assert_eq!(summary(&steps[0]), want("error", "UnmodifiableEntity", "AwsReservedRole"));
    assert_eq!(summary(&steps[1]), want("error", "UnmodifiableEntity", "AwsReservedRole"));
    assert_eq!(summary(&steps[2]), want("allowed", "-", "-"));
}

/// AWS KMS Developer Guide, "Create aliases": "The alias/aws/ prefix is
/// reserved for AWS managed key." and "You cannot manage aliases for AWS
/// managed keys or AWS owned keys."
#[test]
fn aws_managed_kms_aliases_cannot_be_changed() {
    let steps = run(
        json!([]),
        &[
            (ADMIN, "kms:CreateAlias", "arn:aws:kms:us-east-1:111111111111:alias/aws/mine"),
            (ADMIN, "kms:UpdateAlias", "arn:aws:kms:us-east-1:111111111111:alias/aws/s3"),
            (ADMIN, "kms:DeleteAlias", "arn:aws:kms:us-east-1:111111111111:alias/aws/ebs"),
            (ADMIN, "kms:CreateAlias", "arn:aws:kms:us-east-1:111111111111:alias/mine"),
            (ADMIN, "kms:ListAliases", "*"),
        ],
    );
    for s in &steps[..3] {
        assert_eq!(summary(s), want("implicitDeny", "AccessDenied", "AwsManagedKmsAlias"), "{s:#}");
    }
    assert_eq!(summary(&steps[3]), want("allowed", "-", "-"));
    assert_eq!(summary(&steps[4]), want("allowed", "-", "-"));
}

/// STS API Reference, GetCallerIdentity: "No permissions are required to
/// perform this operation. If an administrator attaches a policy to your
/// identity that explicitly denies access to the sts:GetCallerIdentity
/// action, you can still perform this operation."
#[test]
fn get_caller_identity_needs_no_permission() {
    let denied = "arn:aws:iam::111111111111:user/denied";
    let steps = run(
        json!([{"Arn": denied, "Policies": [policy("Deny", "sts:*")]}]),
        &[(denied, "sts:GetCallerIdentity", "*"), (NOBODY, "sts:getcalleridentity", "*"), (denied, "sts:GetAccessKeyInfo", "*")],
    );
    for s in &steps[..2] {
        assert_eq!(summary(s), want("allowed", "-", "NoPermissionRequired"), "{s:#}");
        // No policy is evaluated at all.
        assert!(s.get("Checks").is_none() && s.get("Reasons").is_none(), "{s:#}");
        assert!(s["Event"].is_object());
    }
    assert_eq!(summary(&steps[2]), want("explicitDeny", "AccessDenied", "-"));
}

/// AWS KMS Developer Guide, "Default key policy": it "gives the AWS account
/// that owns the KMS key permission to use IAM policies to allow access to
/// all AWS KMS operations on the KMS key".
#[test]
fn a_kms_key_without_a_key_policy_lets_iam_policies_decide() {
    let key = "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    let partner = "arn:aws:iam::222222222222:user/partner";
    let steps = run(
        json!([{"Arn": partner, "Policies": [policy("Allow", "kms:*")]}]),
        &[(ADMIN, "kms:Decrypt", key), (NOBODY, "kms:Decrypt", key), (partner, "kms:Decrypt", key)],
    );
    assert_eq!(summary(&steps[0]), want("allowed", "-", "DefaultKeyPolicy"));
    assert_eq!(steps[0]["Reasons"], json!(["AllowedByIdentity"]));
    assert_eq!(summary(&steps[1]), want("implicitDeny", "AccessDenied", "DefaultKeyPolicy"));
    assert_eq!(steps[1]["Reasons"], json!(["IdentityNoAllow"]));
    // Only the key's own account is trusted.
    assert_eq!(summary(&steps[2]), want("implicitDeny", "AccessDenied", "DefaultKeyPolicy"));
    assert_eq!(steps[2]["Reasons"], json!(["ResourceNoAllow"]));
}

#[test]
fn a_key_with_a_key_policy_is_decided_by_it() {
    let key = "arn:aws:kms:us-east-1:111111111111:key/k";
    let doc = json!({"Scenario": 1,
        "Users": [{"Arn": ADMIN, "Policies": [policy("Allow", "*")]}],
        "Resources": [{"Arn": key, "Policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::111111111111:user/other"}, "Action": "kms:*", "Resource": "*"}]}}],
        "Steps": []});
    let s = sts::load(&doc.to_string()).unwrap();
    assert_eq!(rule_for(&s, "kms:Decrypt", key), None);
    assert_eq!(rule_for(&s, "kms:Decrypt", "arn:aws:kms:us-east-1:111111111111:key/other"), Some(Rule::DefaultKeyPolicy));
}

#[test]
fn every_rule_names_its_aws_source_and_has_both_languages() {
    let rules = [
        Rule::AwsManagedPolicy,
        Rule::ServiceLinkedRole,
        Rule::AwsReservedRole,
        Rule::AwsManagedKmsAlias,
        Rule::NoPermissionRequired,
        Rule::DefaultKeyPolicy,
    ];
    for r in rules {
        assert!(r.source().starts_with("https://docs.aws.amazon.com/") || r.source().starts_with("https://repost.aws/"), "{r:?}");
        assert_ne!(r.explain("en"), r.explain("ja"));
        assert!(!r.code().is_empty());
    }
    assert_eq!(Rule::NoPermissionRequired.verdict(), Verdict::Allow);
    assert_eq!(Rule::DefaultKeyPolicy.verdict(), Verdict::Note);
}
