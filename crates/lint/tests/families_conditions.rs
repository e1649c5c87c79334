//! Every finding family, both ways (continued from `families.rs`):
//! conditions, redundancy and size, and the shape of findings.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use lint::{lint_policy, FindingType, IssueCode, Lang, PolicyContext};
use policy::PolicyType::*;

#[path = "support/families.rs"]
mod families;
use families::*;

// ---- conditions ---------------------------------------------------------------------

#[test]
fn unknown_operator_and_null_if_exists() {
    // AA, "Error – Invalid condition operator": "The condition operator is not valid."
    check(
        IssueCode::InvalidConditionOperator,
        FindingType::Error,
        Identity,
        r#"{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"StringEqual": {"aws:username": "alice"}}}"#,
        r#"{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"StringEquals": {"aws:username": "alice"}}}"#,
        AA,
    );
    // AA, "Error – Null with if exists": "The Null condition operator cannot be used with the IfExists suffix."
    check(
        IssueCode::NullWithIfExists,
        FindingType::Error,
        Identity,
        r#"{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"NullIfExists": {"aws:TokenIssueTime": "true"}}}"#,
        r#"{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"Null": {"aws:TokenIssueTime": "true"}}}"#,
        AA,
    );
}

#[test]
fn for_all_values_on_a_single_valued_key() {
    // AA, "Security Warning – ForAllValues with single valued key": "Using ForAllValues
    // qualifier with the single-valued condition key can be overly permissive."
    check(
        IssueCode::ForallvaluesWithSingleValuedKey,
        FindingType::SecurityWarning,
        Identity,
        r#"{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"aws:username": "alice"}}}"#,
        r#"{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"StringEquals": {"aws:username": "alice"}}}"#,
        AA,
    );
    // reference_policies_multi-value-conditions.html: "You must use set operators with
    // multivalued condition keys." (AA, "Error – Missing qualifier")
    check(
        IssueCode::MissingQualifier,
        FindingType::Error,
        Identity,
        r#"{"Effect": "Allow", "Action": "iam:TagUser", "Resource": "*", "Condition": {"StringEquals": {"aws:TagKeys": ["env"]}}}"#,
        r#"{"Effect": "Allow", "Action": "iam:TagUser", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["env"]}}}"#,
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_multi-value-conditions.html",
    );
}

#[test]
fn values_that_do_not_fit_the_operator() {
    // AA, "General Warning – Type mismatch date": "The date condition operator is used
    // with an invalid value. Specify a valid date using YYYY-MM-DD or other ISO 8601
    // date/time format." roleplay's loader rejects the value, so the finding is an ERROR.
    let cases = [
        (
            IssueCode::TypeMismatchDate,
            r#""DateGreaterThan": {"aws:CurrentTime": "yesterday"}"#,
            r#""DateGreaterThan": {"aws:CurrentTime": "2026-11-22"}"#,
        ),
        (
            IssueCode::TypeMismatchNumber,
            r#""NumericLessThan": {"aws:MultiFactorAuthAge": "one hour"}"#,
            r#""NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}"#,
        ),
        (IssueCode::TypeMismatchBoolean, r#""Bool": {"aws:SecureTransport": "yes"}"#, r#""Bool": {"aws:SecureTransport": "true"}"#),
        (
            IssueCode::TypeMismatchIpRange,
            r#""IpAddress": {"aws:SourceIp": "203.0.113.0/33"}"#,
            r#""IpAddress": {"aws:SourceIp": "203.0.113.0/24"}"#,
        ),
    ];
    for (code, bad, good) in cases {
        check(
            code,
            FindingType::Error,
            Identity,
            &format!(r#"{{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {{{bad}}}}}"#),
            &format!(r#"{{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {{{good}}}}}"#),
            AA,
        );
    }
    // AA, "General Warning – Type mismatch": "the aws:MultiFactorAuthPresent global
    // condition key requires a condition operator with the Boolean data type. If you
    // provide a date or an integer, the data type won't match."
    check(
        IssueCode::TypeMismatch,
        FindingType::Warning,
        Identity,
        r#"{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"NumericEquals": {"aws:MultiFactorAuthPresent": "1"}}}"#,
        r#"{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}"#,
        AA,
    );
}

#[test]
fn conditions_that_can_never_match() {
    // reference_policies_elements_condition_operators.html, date operators: a window
    // written backwards leaves no time at which both hold; and
    // reference_policies_condition-keys.html, aws:CurrentTime: "Availability – This key is
    // always included in the request context", so `Null: true` on it never holds.
    let cite = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-currenttime";
    check(
        IssueCode::ConditionNeverMatches,
        FindingType::Warning,
        Trust,
        r#"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:user/a"}, "Action": "sts:AssumeRole", "Condition": {"DateGreaterThan": {"aws:CurrentTime": "2026-12-01T00:00:00Z"}, "DateLessThan": {"aws:CurrentTime": "2026-11-01T00:00:00Z"}}}"#,
        r#"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:user/a"}, "Action": "sts:AssumeRole", "Condition": {"DateGreaterThan": {"aws:CurrentTime": "2026-11-01T00:00:00Z"}, "DateLessThan": {"aws:CurrentTime": "2026-12-01T00:00:00Z"}}}"#,
        cite,
    );
    check(
        IssueCode::ConditionNeverMatches,
        FindingType::Warning,
        Identity,
        r#"{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"Null": {"aws:CurrentTime": "true"}}}"#,
        r#"{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"Null": {"aws:TokenIssueTime": "true"}}}"#,
        cite,
    );
}

#[test]
fn if_exists_on_a_key_that_always_exists() {
    // reference_policies_condition-keys.html, aws:CurrentTime: "Availability – This key is
    // always included in the request context."; IfExists only matters for missing keys.
    check(
        IssueCode::IfExistsOnAlwaysPresentKey,
        FindingType::Suggestion,
        Identity,
        r#"{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"DateLessThanIfExists": {"aws:CurrentTime": "2026-12-01T00:00:00Z"}}}"#,
        r#"{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"StringEqualsIfExists": {"aws:PrincipalTag/team": "blue"}}}"#,
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-currenttime",
    );
}

#[test]
fn wildcard_without_like_operator() {
    // AA, "General Warning – Wildcard without like operator", with its own example:
    // "\"Condition\": {\"StringLike\": {\"aws:PrincipalTag/job-category\": \"admin-*\"}}"
    check(
        IssueCode::WildcardWithoutLikeOperator,
        FindingType::Warning,
        Identity,
        r#"{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalTag/job-category": "admin-*"}}}"#,
        r#"{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"StringLike": {"aws:PrincipalTag/job-category": "admin-*"}}}"#,
        AA,
    );
}

// ---- redundancy and size ---------------------------------------------------------------

#[test]
fn redundant_statements_actions_and_resources() {
    // AA, "Suggestion – Redundant statement": "The statements are redundant because they
    // provide identical permissions."
    let s = r#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/*"}"#;
    let found = codes(&format!("{s}, {s}"), Identity);
    assert_eq!(found, [IssueCode::RedundantStatement], "{AA}");
    assert!(codes(&format!("{s}, {}", s.replace("GetObject", "PutObject")), Identity).is_empty());
    // AA, "Suggestion – Redundant action", its example: "iam:Get*", "iam:List*",
    // "iam:GetCredentialReport" — and "if the element included iam:*CredentialReport, it
    // is not considered redundant."
    check(
        IssueCode::RedundantAction,
        FindingType::Suggestion,
        Identity,
        r#"{"Effect": "Allow", "Action": ["iam:Get*", "iam:List*", "iam:GetCredentialReport"], "Resource": "*"}"#,
        r#"{"Effect": "Allow", "Action": ["iam:Get*", "iam:List*", "iam:*CredentialReport"], "Resource": "*"}"#,
        AA,
    );
    // AA, "Suggestion – Redundant resource", its example with "jane*".
    check(
        IssueCode::RedundantResource,
        FindingType::Suggestion,
        Identity,
        r#"{"Effect": "Allow", "Action": "iam:GetRole", "Resource": ["arn:aws:iam::111122223333:role/jane-admin", "arn:aws:iam::111122223333:role/jane-s3only", "arn:aws:iam::111122223333:role/jane*"]}"#,
        r#"{"Effect": "Allow", "Action": "iam:GetRole", "Resource": ["arn:aws:iam::111122223333:role/jane-admin", "arn:aws:iam::111122223333:role/jane-s3only"]}"#,
        AA,
    );
}

#[test]
fn allow_overridden_and_duplicate_sids() {
    // reference_policies_evaluation-logic.html: "An explicit deny in any policy overrides any allows."
    let deny = r#"{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}"#;
    let allow = r#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}"#;
    assert!(codes(&format!("{allow}, {deny}"), Identity).contains(&IssueCode::AllowOverriddenByDeny));
    let conditional = r#"{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}"#;
    assert!(!codes(&format!("{allow}, {conditional}"), Identity).contains(&IssueCode::AllowOverriddenByDeny));
    // AA, "Error – Unique Sids required": "Duplicate statement IDs are not supported for this policy type."
    let a = r#"{"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}"#;
    let b = r#"{"Sid": "Read", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}"#;
    let f = lint_in(&format!("{a}, {b}"), Identity, None);
    assert!(f.iter().any(|f| f.issue == IssueCode::UniqueSidsRequired && f.finding_type == FindingType::Error));
}

#[test]
fn size_quotas_and_missing_version() {
    // reference_iam-quotas.html: "Role trust policy size cannot exceed 2,048 characters."
    let principals: Vec<String> = (0..60).map(|i| format!("\"arn:aws:iam::111111111111:user/user-number-{i}\"")).collect();
    let big = format!(r#"{{"Effect": "Allow", "Principal": {{"AWS": [{}]}}, "Action": "sts:AssumeRole"}}"#, principals.join(", "));
    assert!(codes(&big, Trust).contains(&IssueCode::PolicySizeExceedsTrustPolicyQuota));
    assert!(!codes(r#"{"Effect": "Allow", "Principal": {"AWS": "111111111111"}, "Action": "sts:AssumeRole"}"#, Trust)
        .contains(&IssueCode::PolicySizeExceedsTrustPolicyQuota));
    // AA, "General Warning – Missing version": "We recommend that you specify the Version
    // element to help you with debugging permission issues."
    let f = lint_policy(
        r#"{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}"#,
        Identity,
        cat(),
        &PolicyContext::default(),
    );
    assert_eq!(f.iter().map(|f| (f.issue, f.finding_type)).collect::<Vec<_>>(), [(IssueCode::MissingVersion, FindingType::Warning)]);
}

// ---- the shape ------------------------------------------------------------------------

#[test]
fn every_rejected_problem_is_an_error_all_at_once() {
    // Three problems the loader rejects, in one policy: three ERROR findings, located.
    let text = "{\"Version\": \"2012-10-17\", \"Statement\": [\n  {\"Effect\": \"allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"},\n  {\"Effect\": \"Allow\", \"Action\": \"s3GetObject\", \"Resource\": \"bucket\"}\n]}";
    let f = lint_policy(text, Identity, cat(), &PolicyContext::default());
    let errors: Vec<(IssueCode, u32, u32)> = f
        .iter()
        .filter(|f| f.finding_type == FindingType::Error)
        .map(|f| (f.issue, f.locations[0].start.line, f.locations[0].start.column))
        .collect();
    assert_eq!(errors, [(IssueCode::InvalidEffect, 2, 14), (IssueCode::InvalidAction, 3, 33), (IssueCode::InvalidArnPrefix, 3, 60)]);
    let parsed = policy::parse_policy(text, Identity);
    assert_eq!(parsed.errors().count(), errors.len());
}

#[test]
fn json_shape_and_languages() {
    let f = lint_in(r#"{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}"#, Identity, None);
    let v = lint::findings_json(&f, Lang::Ja);
    let first = &v["Findings"][0];
    assert_eq!(first["FindingType"], "SECURITY_WARNING");
    assert_eq!(first["IssueCode"], "PASS_ROLE_WITH_STAR_IN_RESOURCE");
    assert_eq!(first["Policy"], serde_json::Value::Null);
    assert_eq!(first["Locations"][0]["Path"], "$.Statement[0].Resource");
    assert_eq!(first["Locations"][0]["StartPosition"], serde_json::json!({"Line": 1, "Column": 99}));
    assert!(first["Message"].as_str().unwrap().contains("過剰な許可"));
    let keys: Vec<&String> = first.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["FindingType", "IssueCode", "Policy", "Locations", "Message"]);
}

#[test]
fn without_a_catalogue_only_the_catalogue_checks_are_skipped() {
    let empty = catalogue::Catalogue::default();
    let text = r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}}"#;
    let f = lint_policy(text, Identity, &empty, &PolicyContext::default());
    assert_eq!(f.iter().map(|f| f.issue).collect::<Vec<_>>(), [IssueCode::PassRoleWithStarInResource]);
    let typo = r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObjects", "Resource": "*"}}"#;
    assert!(lint_policy(typo, Identity, &empty, &PolicyContext::default()).is_empty());
}

#[test]
fn allow_with_not_principal_in_a_resource_policy_is_a_security_warning() {
    // AA, "Security Warning – Allow with NotPrincipal"; the NotPrincipal page:
    // "Using it with "Effect":"Allow" is not supported" and recommends
    // "using the aws:PrincipalArn context key with ARN condition operators instead"
    // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html).
    check(
        IssueCode::AllowWithNotPrincipal,
        FindingType::SecurityWarning,
        Resource,
        r#"{"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:user/alice"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}"#,
        r#"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*", "Condition": {"ArnNotEquals": {"aws:PrincipalArn": "arn:aws:iam::111122223333:user/alice"}}}"#,
        AA,
    );
    // With Deny, NotPrincipal is what AWS supports.
    let deny = codes(
        r#"{"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:user/alice"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}"#,
        Resource,
    );
    assert!(!deny.contains(&IssueCode::AllowWithNotPrincipal), "{deny:?}");
}
