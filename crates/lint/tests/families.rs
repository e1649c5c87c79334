//! Every finding family, both ways: a policy AWS's documentation says is
//! wrong gets the finding, the documentation's own fix does not. Each test
//! cites the page and sentence it follows. This file: the catalogue, trust
//! policies and identity-based policies (`families_conditions.rs`: the rest).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use lint::{FindingType, IssueCode};
use policy::PolicyType::*;

#[path = "support/families.rs"]
mod families;
use families::*;

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
