//! A `Principal` entry as the kind of identity it names.

use policy::arn::{Arn, IamKind};
use policy::Principal;

/// Who a principal entry names, with the parts the sentences use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Who {
    /// `"*"`: every principal, anonymous ones included.
    Anyone,
    /// `:root` or a bare account ID: the account, which delegates to the
    /// identity-based policies of its users and roles.
    Account { account: String },
    /// An IAM user.
    User { account: String, name: String },
    /// An IAM role: any of its sessions.
    Role { account: String, name: String },
    /// One session of a role.
    Session { account: String, role: String, session: String },
    /// Another IAM or STS ARN (a federated user): that principal.
    Arn { arn: String },
    /// An AWS service principal.
    Service { name: String },
    /// An OIDC identity provider of an account.
    Oidc { account: String, host: String },
    /// A SAML identity provider of an account.
    Saml { account: String, name: String },
    /// A web identity provider named without an ARN
    /// (`cognito-identity.amazonaws.com`, `accounts.google.com`, …).
    WebIdentity { name: String },
    /// An S3 canonical user ID.
    CanonicalUser { id: String },
}

impl Who {
    pub(crate) fn of(p: &Principal) -> Who {
        let arn_parts = |s: &str| Arn::parse(s).ok();
        match p {
            Principal::Anyone => Who::Anyone,
            Principal::Account(a) => Who::Account { account: a.clone() },
            Principal::User(s) => match arn_parts(s) {
                Some(a) => match a.iam_kind() {
                    IamKind::User { name, .. } => Who::User { account: a.account.clone(), name: name.to_string() },
                    _ => Who::Arn { arn: s.clone() },
                },
                None => Who::Arn { arn: s.clone() },
            },
            Principal::Role(s) => match arn_parts(s) {
                Some(a) => match a.iam_kind() {
                    IamKind::Role { name, .. } => Who::Role { account: a.account.clone(), name: name.to_string() },
                    _ => Who::Arn { arn: s.clone() },
                },
                None => Who::Arn { arn: s.clone() },
            },
            Principal::AssumedRole(s) => match arn_parts(s) {
                Some(a) => match a.iam_kind() {
                    IamKind::AssumedRole { role_name, session } => {
                        Who::Session { account: a.account.clone(), role: role_name.to_string(), session: session.to_string() }
                    }
                    _ => Who::Arn { arn: s.clone() },
                },
                None => Who::Arn { arn: s.clone() },
            },
            Principal::OtherArn(s) => Who::Arn { arn: s.clone() },
            Principal::Service(s) => Who::Service { name: s.clone() },
            Principal::Federated(s) => match arn_parts(s) {
                Some(a) => match a.iam_kind() {
                    IamKind::OidcProvider { host } => Who::Oidc { account: a.account.clone(), host: host.to_string() },
                    IamKind::SamlProvider { name } => Who::Saml { account: a.account.clone(), name: name.to_string() },
                    _ => Who::Arn { arn: s.clone() },
                },
                None => Who::WebIdentity { name: s.clone() },
            },
            Principal::CanonicalUser(s) => Who::CanonicalUser { id: s.clone() },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn principals_name_their_kind_of_identity() {
        let cases = [
            (Principal::Account("222222222222".into()), Who::Account { account: "222222222222".into() }),
            (
                Principal::User("arn:aws:iam::222222222222:user/team/user_A".into()),
                Who::User { account: "222222222222".into(), name: "user_A".into() },
            ),
            (
                Principal::Role("arn:aws:iam::111111111111:role/RoleA".into()),
                Who::Role { account: "111111111111".into(), name: "RoleA".into() },
            ),
            (
                Principal::AssumedRole("arn:aws:sts::111111111111:assumed-role/RoleA/alice".into()),
                Who::Session { account: "111111111111".into(), role: "RoleA".into(), session: "alice".into() },
            ),
            (
                Principal::Federated("arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com".into()),
                Who::Oidc { account: "111111111111".into(), host: "token.actions.githubusercontent.com".into() },
            ),
            (
                Principal::Federated("arn:aws:iam::111111111111:saml-provider/ExampleIdP".into()),
                Who::Saml { account: "111111111111".into(), name: "ExampleIdP".into() },
            ),
            (Principal::Federated("accounts.google.com".into()), Who::WebIdentity { name: "accounts.google.com".into() }),
            (Principal::Service("lambda.amazonaws.com".into()), Who::Service { name: "lambda.amazonaws.com".into() }),
        ];
        for (p, want) in cases {
            assert_eq!(Who::of(&p), want, "{p:?}");
        }
    }
}
