//! Every finding family, both ways: a policy AWS's documentation says is
//! wrong gets the finding, the documentation's own fix does not. Each test
//! cites the page and sentence it follows.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use lint::{lint_policy, FindingType, IssueCode, Lang, PolicyContext};
use policy::PolicyType::{self, *};

const AA: &str = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html";

fn cat() -> &'static catalogue::Catalogue {
    use std::sync::OnceLock;
    static CAT: OnceLock<catalogue::Catalogue> = OnceLock::new();
    CAT.get_or_init(|| catalogue::Catalogue::parse(include_str!("../../catalogue/data/catalogue.txt")).unwrap())
}

/// The findings of one statement (wrapped into a policy with a `Version`).
fn lint_in(statement: &str, kind: PolicyType, owner: Option<&str>) -> Vec<lint::Finding> {
    let text = format!("{{\"Version\": \"2012-10-17\", \"Statement\": [{statement}]}}");
    lint_policy(&text, kind, cat(), &PolicyContext { owner_account: owner.map(str::to_string) })
}

fn codes(statement: &str, kind: PolicyType) -> Vec<IssueCode> {
    lint_in(statement, kind, None).iter().map(|f| f.issue).collect()
}

/// `statement` gets `code` (of type `ty`), and `fixed` does not.
fn check(code: IssueCode, ty: FindingType, kind: PolicyType, statement: &str, fixed: &str, cite: &str) {
    let found = lint_in(statement, kind, None);
    let f = found.iter().find(|f| f.issue == code).unwrap_or_else(|| panic!("{code:?} not found in {statement}: {found:#?} ({cite})"));
    assert_eq!(f.finding_type, ty, "{code:?}");
    assert!(!f.message.en.is_empty() && !f.message.ja.is_empty());
    assert!(f.message.ja.chars().any(|c| c > '\u{3000}'), "Japanese message: {}", f.message.ja);
    let after = codes(fixed, kind);
    assert!(!after.contains(&code), "{code:?} still found in {fixed}: {after:?} ({cite})");
}

// ---- the catalogue ---------------------------------------------------------

#[test]
fn invalid_action_with_did_you_mean() {
    // AA, "Error – Invalid action": "The action does not exist. Did you mean ?"
    check(
        IssueCode::InvalidAction,
        FindingType::Error,
        Trust,
        r#"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"}, "Action": "sts:AssumeRoles"}"#,
        r#"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"}, "Action": "sts:AssumeRole"}"#,
        AA,
    );
    let f = lint_in(r#"{"Effect": "Allow", "Action": "s3:GetObjects", "Resource": "*"}"#, Identity, None);
    assert!(f[0].message.en.contains("did you mean `s3:GetObject`?"), "{}", f[0].message.en);
    assert!(f[0].message.ja.contains("`s3:GetObject` の誤りではありませんか"));
}

#[test]
fn invalid_service_in_action() {
    // AA, "Error – Invalid service in action": "The service specified in the action does not exist. Did you mean ?"
    check(
        IssueCode::InvalidServiceInAction,
        FindingType::Error,
        Identity,
        r#"{"Effect": "Allow", "Action": "s4:GetObject", "Resource": "*"}"#,
        r#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}"#,
        AA,
    );
}

#[test]
fn wildcard_that_matches_no_action() {
    // IAM User Guide, "IAM JSON policy elements: Action" (reference_policies_elements_action.html):
    // "You can use wildcards (* or ?) as part of the action name." A wildcard
    // that fits no action of the service is the same mistake as a typo.
    check(
        IssueCode::InvalidAction,
        FindingType::Error,
        Identity,
        r#"{"Effect": "Allow", "Action": "s3:Gett*", "Resource": "*"}"#,
        r#"{"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}"#,
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html",
    );
}

#[test]
fn resource_that_no_action_acts_on() {
    // Service Authorization Reference, Amazon S3: GetObject's resource type is
    // `object`, ARN `arn:${Partition}:s3:::${BucketName}/${ObjectName}`
    // (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html);
    // a bucket ARN names no object.
    check(
        IssueCode::ResourceMatchesNoAction,
        FindingType::Warning,
        Identity,
        r#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket"}"#,
        r#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}"#,
        "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html",
    );
}

#[test]
fn unknown_global_and_service_condition_keys() {
    // AA, "Error – Invalid global condition key": "The condition key does not exist. Use a valid condition key."
    check(
        IssueCode::InvalidGlobalConditionKey,
        FindingType::Error,
        Identity,
        r#"{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"IpAddress": {"aws:SorceIp": "203.0.113.0/24"}}}"#,
        r#"{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}"#,
        AA,
    );
    // AA, "Error – Invalid service condition key": "The condition key does not exist in the service."
    check(
        IssueCode::InvalidServiceConditionKey,
        FindingType::Error,
        Identity,
        r#"{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"StringLike": {"s3:prefixx": "home/*"}}}"#,
        r#"{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"StringLike": {"s3:prefix": "home/*"}}}"#,
        AA,
    );
}

#[test]
fn key_that_none_of_the_actions_supports() {
    // AA, "Error – Unsupported action for condition key": the actions "are not
    // supported by the condition key ... The condition will not be evaluated for these actions."
    check(
        IssueCode::UnsupportedActionForConditionKey,
        FindingType::Error,
        Identity,
        r#"{"Effect": "Allow", "Action": "ec2:DescribeInstances", "Resource": "*", "Condition": {"StringLike": {"s3:prefix": "home/*"}}}"#,
        r#"{"Effect": "Allow", "Action": "ec2:DescribeInstances", "Resource": "*", "Condition": {"StringEquals": {"ec2:Region": "us-east-1"}}}"#,
        AA,
    );
}

// ---- trust policies ------------------------------------------------------------

const PRINCIPAL_PAGE: &str = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html";

#[test]
fn anyone_may_assume_without_a_narrowing_condition() {
    // PRINCIPAL_PAGE, "All principals": "We strongly recommend that you do not use a
    // wildcard (*) in the Principal element of a resource-based policy with an Allow
    // effect unless you intend to grant public or anonymous access. Otherwise, specify
    // intended principals, services, or AWS accounts in the Principal element and then
    // further restrict access in the Condition element. This is especially true for IAM
    // role trust policies".
    for anyone in [r#""*""#, r#"{"AWS": "*"}"#] {
        check(
            IssueCode::RoleTrustPolicyAllowsAllPrincipals,
            FindingType::SecurityWarning,
            Trust,
            &format!(r#"{{"Effect": "Allow", "Principal": {anyone}, "Action": "sts:AssumeRole"}}"#),
            &format!(
                r#"{{"Effect": "Allow", "Principal": {anyone}, "Action": "sts:AssumeRole", "Condition": {{"StringEquals": {{"aws:PrincipalOrgID": "o-exampleorgid"}}}}}}"#
            ),
            PRINCIPAL_PAGE,
        );
    }
}

#[test]
fn not_principal_and_resource_are_rejected_in_a_trust_policy() {
    // reference_policies_elements_notprincipal.html: "You cannot use the NotPrincipal
    // element in an IAM identity-based policy or in an IAM role trust policy."
    check(
        IssueCode::RoleTrustPolicySyntaxErrorNotprincipal,
        FindingType::Error,
        Trust,
        r#"{"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:user/alice"}, "Action": "sts:AssumeRole"}"#,
        r#"{"Effect": "Deny", "Principal": "*", "Action": "sts:AssumeRole", "Condition": {"ArnNotEquals": {"aws:PrincipalArn": "arn:aws:iam::111122223333:user/alice"}}}"#,
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html",
    );
    // reference_policies_elements_principal.html: "In IAM roles, use the Principal element
    // in the role trust policy to specify who can assume the role" — the resource is the role.
    check(
        IssueCode::RoleTrustPolicySyntaxErrorResource,
        FindingType::Error,
        Trust,
        r#"{"Effect": "Allow", "Principal": {"AWS": "123456789012"}, "Action": "sts:AssumeRole", "Resource": "*"}"#,
        r#"{"Effect": "Allow", "Principal": {"AWS": "123456789012"}, "Action": "sts:AssumeRole"}"#,
        PRINCIPAL_PAGE,
    );
}

#[test]
fn federated_principal_with_the_wrong_action_or_malformed() {
    // AA's finding for this policy: "The sts:AssumeRole action is invalid with the
    // following principal(s): cognito-identity.amazonaws.com. Use a SAML provider
    // principal with the sts:AssumeRoleWithSAML action or use an OIDC provider principal
    // with the sts:AssumeRoleWithWebIdentity action." (MISMATCHED_ACTION_FOR_PRINCIPAL)
    check(
        IssueCode::MismatchedActionForPrincipal,
        FindingType::Error,
        Trust,
        r#"{"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": "sts:AssumeRole"}"#,
        r#"{"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": "sts:AssumeRoleWithWebIdentity"}"#,
        AA,
    );
    check(
        IssueCode::MismatchedActionForPrincipal,
        FindingType::Error,
        Trust,
        r#"{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/ExampleOrg"}, "Action": "sts:AssumeRoleWithWebIdentity"}"#,
        r#"{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/ExampleOrg"}, "Action": "sts:AssumeRoleWithSAML"}"#,
        AA,
    );
    // PRINCIPAL_PAGE, "SAML session principals": "\"Principal\": { \"Federated\":
    // \"arn:aws:iam::AWS-account-ID:saml-provider/provider-name\" }"; web identity: a domain
    // such as "accounts.google.com".
    check(
        IssueCode::InvalidFederatedPrincipalSyntaxInRoleTrustPolicy,
        FindingType::Error,
        Trust,
        r#"{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:user/ExampleOrg"}, "Action": "sts:AssumeRoleWithSAML"}"#,
        r#"{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/ExampleOrg"}, "Action": "sts:AssumeRoleWithSAML"}"#,
        PRINCIPAL_PAGE,
    );
}

#[test]
fn whole_account_principal_is_explained() {
    // PRINCIPAL_PAGE, "AWS account principals": "This delegates authority to the account.
    // When you allow access to a different account, an administrator in that account must
    // then grant access to an identity (IAM user or role) in that account." and "Using the
    // account ARN in the Principal element does not limit permissions to only the root user".
    for account in ["123456789012", "arn:aws:iam::123456789012:root"] {
        check(
            IssueCode::WholeAccountPrincipal,
            FindingType::Suggestion,
            Trust,
            &format!(r#"{{"Effect": "Allow", "Principal": {{"AWS": "{account}"}}, "Action": "sts:AssumeRole"}}"#),
            r#"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:user/user_A"}, "Action": "sts:AssumeRole"}"#,
            PRINCIPAL_PAGE,
        );
    }
    let f = lint_in(r#"{"Effect": "Allow", "Principal": {"AWS": "123456789012"}, "Action": "sts:AssumeRole"}"#, Trust, None);
    assert!(f[0].message.en.contains("every identity in that account whose own identity-based policy allows"));
}

#[test]
fn cross_account_trust_without_external_id() {
    // id_roles_create_for-user_externalid.html: "One important aspect of this scenario
    // is the External ID, optional information that you can use in an IAM role trust
    // policy to designate who can assume the role." and "To require that the third party
    // provides an external ID when assuming a role, update the role's trust policy".
    let cite = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html";
    let without = r#"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::222222222222:user/auditor"}, "Action": "sts:AssumeRole"}"#;
    let with = r#"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::222222222222:user/auditor"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "Unique-ID-7f3a"}}}"#;
    let found = lint_in(without, Trust, Some("111111111111"));
    let f = found.iter().find(|f| f.issue == IssueCode::CrossAccountTrustWithoutExternalId).expect(cite);
    assert_eq!(f.finding_type, FindingType::Suggestion);
    assert!(!lint_in(with, Trust, Some("111111111111")).iter().any(|f| f.issue == IssueCode::CrossAccountTrustWithoutExternalId));
    // Same account: nothing to say.
    assert!(!lint_in(without, Trust, Some("222222222222")).iter().any(|f| f.issue == IssueCode::CrossAccountTrustWithoutExternalId));
}

#[test]
fn service_principal_without_source_condition_where_aws_recommends_it() {
    // confused-deputy.html: "In the following role trust policy example, you can use the
    // aws:SourceArn condition key to restrict access to the service role based on the
    // incident record's ARN." (the example below, with ssm-incidents.amazonaws.com)
    check(
        IssueCode::ServicePrincipalWithoutSourceCondition,
        FindingType::Suggestion,
        Trust,
        r#"{"Effect": "Allow", "Principal": {"Service": "ssm-incidents.amazonaws.com"}, "Action": "sts:AssumeRole"}"#,
        r#"{"Effect": "Allow", "Principal": {"Service": "ssm-incidents.amazonaws.com"}, "Action": "sts:AssumeRole", "Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:ssm-incidents:*:111122223333:incident-record/myresponseplan/*"}}}"#,
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html",
    );
    // Lambda's documented execution-role trust policy has no such condition: no finding.
    assert!(codes(r#"{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}"#, Trust).is_empty());
}

// ---- identity-based policies -------------------------------------------------------

#[test]
fn pass_role_on_star_and_without_passed_to_service() {
    // AA, "Security Warning – Pass role with star in resource": "Using the iam:PassRole
    // action with wildcards (*) in the resource can be overly permissive because it allows
    // iam:PassRole permissions on multiple resources. We recommend that you specify
    // resource ARNs or add the iam:PassedToService condition key to your statement."
    check(
        IssueCode::PassRoleWithStarInResource,
        FindingType::SecurityWarning,
        Identity,
        r#"{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}"#,
        r#"{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": {"StringEquals": {"iam:PassedToService": "lambda.amazonaws.com"}}}"#,
        AA,
    );
    check(
        IssueCode::PassRoleWithStarInActionAndResource,
        FindingType::SecurityWarning,
        Identity,
        r#"{"Effect": "Allow", "Action": "iam:*", "Resource": "*"}"#,
        r#"{"Effect": "Allow", "Action": "iam:Get*", "Resource": "*"}"#,
        AA,
    );
    // Same page: "Additionally, you can reduce permissions to a single service by using
    // the iam:PassedToService condition key."
    check(
        IssueCode::PassRoleWithoutPassedToService,
        FindingType::Suggestion,
        Identity,
        r#"{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/lambda-app-role"}"#,
        r#"{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/lambda-app-role", "Condition": {"StringEquals": {"iam:PassedToService": "lambda.amazonaws.com"}}}"#,
        AA,
    );
}

#[test]
fn principal_in_an_identity_policy() {
    // AA, "Error – Unsupported principal": "The policy type does not support the Principal element."
    check(
        IssueCode::UnsupportedPrincipal,
        FindingType::Error,
        Identity,
        r#"{"Effect": "Allow", "Principal": {"AWS": "123456789012"}, "Action": "s3:GetObject", "Resource": "*"}"#,
        r#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}"#,
        AA,
    );
}

#[test]
fn not_action_and_not_resource_with_allow() {
    // reference_policies_elements_notaction.html: "Be careful using the NotAction element
    // and \"Effect\": \"Allow\" in the same statement ... could result in granting users more
    // permissions than you intended." The page's own Deny example is fine.
    check(
        IssueCode::AllowWithNotAction,
        FindingType::Warning,
        Identity,
        r#"{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}"#,
        r#"{"Sid": "DenyAllUsersNotUsingMFA", "Effect": "Deny", "NotAction": "iam:*", "Resource": "*", "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}"#,
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html",
    );
    // reference_policies_elements_notresource.html: "NotResource with \"Effect\": \"Allow\"
    // allows all resources for the services in the statement, that are not explicitly
    // listed, and could result in granting users more permissions than you intended."
    check(
        IssueCode::AllowWithNotResource,
        FindingType::Warning,
        Identity,
        r#"{"Effect": "Allow", "Action": "s3:*", "NotResource": ["arn:aws:s3:::HRBucket/Payroll", "arn:aws:s3:::HRBucket/Payroll/*"]}"#,
        r#"{"Effect": "Deny", "Action": "s3:*", "NotResource": ["arn:aws:s3:::HRBucket/Payroll", "arn:aws:s3:::HRBucket/Payroll/*"]}"#,
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html",
    );
}

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
