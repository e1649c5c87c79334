//! Rules AWS enforces outside every policy: whatever the scenario's
//! policies say, some requests are decided (or shaped) by AWS itself.
//!
//! Each rule names the AWS page that documents it; [`rule_for`] says which
//! rule, if any, covers a call, and [`Rule::verdict`] what it does to it.
//! The simulator applies the verdict after the policies are evaluated (an
//! explicit deny in a policy still wins where AWS would deny anyway), and
//! the step's report names the rule (extension `Rule`).
//!
//! | rule | covers | verdict |
//! |---|---|---|
//! | [`Rule::AwsManagedPolicy`] | creating, versioning, tagging or deleting `arn:aws:iam::aws:policy/…` | implicit deny |
//! | [`Rule::ServiceLinkedRole`] | changing a role under `/aws-service-role/` | `UnmodifiableEntity` |
//! | [`Rule::AwsReservedRole`] | changing a role under `/aws-reserved/` | `UnmodifiableEntity` |
//! | [`Rule::AwsManagedKmsAlias`] | creating, updating or deleting `alias/aws/…` | implicit deny |
//! | [`Rule::NoPermissionRequired`] | `sts:GetCallerIdentity` | allowed, no policy evaluated |
//! | [`Rule::DefaultKeyPolicy`] | a KMS key with no key policy in the scenario | noted: the account's IAM policies decide |

use crate::scenario::Scenario;

/// A rule AWS applies outside every policy (extension `Rule` of a step).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Rule {
    /// AWS managed policies (`arn:aws:iam::aws:policy/…`) cannot be
    /// created, changed, versioned, tagged or deleted by anyone.
    AwsManagedPolicy,
    /// Service-linked roles (`role/aws-service-role/…`) are changed only
    /// through the service that owns them.
    ServiceLinkedRole,
    /// Roles under `role/aws-reserved/…` (IAM Identity Center's
    /// `AWSReservedSSO_…`) are changed only by AWS.
    AwsReservedRole,
    /// KMS aliases `alias/aws/…` belong to AWS managed keys.
    AwsManagedKmsAlias,
    /// `sts:GetCallerIdentity` needs no permission.
    NoPermissionRequired,
    /// A KMS key the scenario gives no key policy behaves as if it had the
    /// default key policy: the account's IAM policies decide.
    DefaultKeyPolicy,
}

/// What a rule does to the request it covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// Allowed without evaluating any policy.
    Allow,
    /// Denied (an implicit deny) even where the policies allow; an explicit
    /// deny in a policy still shows as such.
    Deny,
    /// Where the policies allow, the request fails with `UnmodifiableEntity`
    /// (a denial by the policies comes first, as `AccessDenied`).
    Unmodifiable,
    /// The policies decide; the rule only explains how.
    Note,
}

impl Rule {
    /// The contract's spelling, e.g. `AwsManagedPolicy`.
    pub fn code(self) -> &'static str {
        match self {
            Rule::AwsManagedPolicy => "AwsManagedPolicy",
            Rule::ServiceLinkedRole => "ServiceLinkedRole",
            Rule::AwsReservedRole => "AwsReservedRole",
            Rule::AwsManagedKmsAlias => "AwsManagedKmsAlias",
            Rule::NoPermissionRequired => "NoPermissionRequired",
            Rule::DefaultKeyPolicy => "DefaultKeyPolicy",
        }
    }

    /// What the rule does to the request.
    pub fn verdict(self) -> Verdict {
        match self {
            Rule::AwsManagedPolicy | Rule::AwsManagedKmsAlias => Verdict::Deny,
            Rule::ServiceLinkedRole | Rule::AwsReservedRole => Verdict::Unmodifiable,
            Rule::NoPermissionRequired => Verdict::Allow,
            Rule::DefaultKeyPolicy => Verdict::Note,
        }
    }

    /// The AWS page that documents the rule.
    pub fn source(self) -> &'static str {
        match self {
            Rule::AwsManagedPolicy => "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html",
            Rule::ServiceLinkedRole => "https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html",
            Rule::AwsReservedRole => "https://repost.aws/knowledge-center/identity-center-aws-reserved-sso",
            Rule::AwsManagedKmsAlias => "https://docs.aws.amazon.com/kms/latest/developerguide/alias-create.html",
            Rule::NoPermissionRequired => "https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html",
            Rule::DefaultKeyPolicy => "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html",
        }
    }

    /// One sentence saying what the rule is, in English or (`"ja"`) Japanese.
    pub fn explain(self, lang: &str) -> &'static str {
        let (en, ja) = match self {
            Rule::AwsManagedPolicy => (
                "AWS managed policies cannot be modified: only AWS creates, versions, tags and deletes them, whatever your policies allow.",
                "AWS 管理ポリシーは変更できません。作成・バージョン管理・タグ付け・削除を行うのは AWS だけで、ポリシーで許可しても変わりません。",
            ),
            Rule::ServiceLinkedRole => (
                "Service-linked roles are protected: only the service that depends on the role can modify or delete it, so IAM answers UnmodifiableEntity.",
                "サービスにリンクされたロールは保護されています。変更や削除ができるのはそのロールを使うサービスだけなので、IAM は UnmodifiableEntity を返します。",
            ),
            Rule::AwsReservedRole => (
                "Roles under /aws-reserved/ are created and managed by an AWS service (IAM Identity Center's AWSReservedSSO_ roles): they are only modifiable by AWS.",
                "/aws-reserved/ 配下のロールは AWS のサービス (IAM Identity Center の AWSReservedSSO_ ロール) が作成・管理するもので、変更できるのは AWS だけです。",
            ),
            Rule::AwsManagedKmsAlias => (
                "The alias/aws/ prefix is reserved for AWS managed keys: you cannot create, update or delete these aliases.",
                "alias/aws/ で始まるエイリアスは AWS マネージドキー用に予約されています。作成・更新・削除はできません。",
            ),
            Rule::NoPermissionRequired => (
                "sts:GetCallerIdentity needs no permission: it succeeds even when a policy explicitly denies it.",
                "sts:GetCallerIdentity には権限が要りません。ポリシーで明示的に拒否していても成功します。",
            ),
            Rule::DefaultKeyPolicy => (
                "This KMS key has no key policy in the scenario: it behaves as if it had the default key policy, which lets its account's IAM policies allow access.",
                "この KMS キーにはシナリオ上キーポリシーがないため、デフォルトのキーポリシーがあるものとして扱います。キーのアカウントの IAM ポリシーでアクセスを許可できます。",
            ),
        };
        if lang == "ja" {
            ja
        } else {
            en
        }
    }
}

/// IAM operations on a role that AWS documents as failing with
/// `UnmodifiableEntity` for a service-linked role (the IAM API Reference's
/// error lists; `AddRoleToInstanceProfile` and `RemoveRoleFromInstanceProfile`
/// act on an instance profile, so they are not requests on the role).
const PROTECTED_ROLE_ACTIONS: &[&str] = &[
    "iam:AttachRolePolicy",
    "iam:DeleteRole",
    "iam:DeleteRolePermissionsBoundary",
    "iam:DeleteRolePolicy",
    "iam:DetachRolePolicy",
    "iam:PutRolePermissionsBoundary",
    "iam:PutRolePolicy",
    "iam:UpdateAssumeRolePolicy",
];

/// Also in AWS's list, but the IAM User Guide says "You can edit the
/// description of any role", service-linked ones included: protected only
/// under `/aws-reserved/`.
const DESCRIPTION_ACTIONS: &[&str] = &["iam:UpdateRole", "iam:UpdateRoleDescription"];

/// Everything that changes a managed policy.
const POLICY_CHANGE_ACTIONS: &[&str] = &[
    "iam:CreatePolicy",
    "iam:CreatePolicyVersion",
    "iam:DeletePolicy",
    "iam:DeletePolicyVersion",
    "iam:SetDefaultPolicyVersion",
    "iam:TagPolicy",
    "iam:UntagPolicy",
];

const ALIAS_CHANGE_ACTIONS: &[&str] = &["kms:CreateAlias", "kms:UpdateAlias", "kms:DeleteAlias"];

fn one_of(action: &str, list: &[&str]) -> bool {
    list.iter().any(|a| a.eq_ignore_ascii_case(action))
}

/// The rule that covers a call of `action` on `resource` in scenario `s`.
pub fn rule_for(s: &Scenario, action: &str, resource: &str) -> Option<Rule> {
    if action.eq_ignore_ascii_case("sts:GetCallerIdentity") {
        return Some(Rule::NoPermissionRequired);
    }
    // arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE, split without copying
    // (this runs for every call).
    let mut parts = resource.splitn(6, ':');
    let (Some("arn"), Some(_), Some(service), Some(_), Some(account), Some(res)) =
        (parts.next(), parts.next(), parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    match service {
        "iam" if account == "aws" && res.starts_with("policy/") && one_of(action, POLICY_CHANGE_ACTIONS) => Some(Rule::AwsManagedPolicy),
        "iam" if res.starts_with("role/aws-service-role/") && one_of(action, PROTECTED_ROLE_ACTIONS) => Some(Rule::ServiceLinkedRole),
        "iam"
            if res.starts_with("role/aws-reserved/") && (one_of(action, PROTECTED_ROLE_ACTIONS) || one_of(action, DESCRIPTION_ACTIONS)) =>
        {
            Some(Rule::AwsReservedRole)
        }
        "kms" if res.starts_with("alias/aws/") && one_of(action, ALIAS_CHANGE_ACTIONS) => Some(Rule::AwsManagedKmsAlias),
        "kms" if res.starts_with("key/") && !s.resources.iter().any(|r| r.arn == resource && r.policy.is_some()) => {
            Some(Rule::DefaultKeyPolicy)
        }
        _ => None,
    }
}

/// The message of `UnmodifiableEntity` for a protected role, as AWS's
/// Knowledge Center quotes it.
pub(crate) fn unmodifiable_message(role_arn: &str) -> String {
    let name = role_arn.rsplit('/').next().unwrap_or(role_arn);
    format!("Cannot perform the operation on the protected role '{name}' - this role is only modifiable by AWS")
}
