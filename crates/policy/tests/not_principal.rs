//! `NotPrincipal` in resource-based policies, evaluated for each kind of
//! caller. With `Deny` (IAM User Guide, "AWS JSON policy elements:
//! NotPrincipal"): denied to everyone except the principals listed, where
//! AWS checks the account, the role and the session. With `Allow` (which AWS
//! calls unsupported, and IAM Access Analyzer flags as the security warning
//! ALLOW_WITH_NOT_PRINCIPAL): allowed to everyone except the ones listed;
//! roleplay excludes a caller when it, its role or its account is listed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use policy::{authorize, parse_policy, Caller, CallerKind, Context, Decision, NamedPolicy, PolicySet, PolicySource, PolicyType, Request};

const BUCKET: &str = "arn:aws:s3:::reports/2026.csv";

fn user(arn: &str) -> Caller {
    Caller { kind: CallerKind::User, arn: arn.into(), account: Some(arn[13..25].into()), role_arn: None, has_boundary: false }
}

fn session(role: &str, name: &str) -> Caller {
    let account = &role[13..25];
    let role_name = role.rsplit('/').next().unwrap();
    Caller {
        kind: CallerKind::AssumedRole,
        arn: format!("arn:aws:sts::{account}:assumed-role/{role_name}/{name}"),
        account: Some(account.into()),
        role_arn: Some(role.into()),
        has_boundary: false,
    }
}

fn service(name: &str) -> Caller {
    Caller { kind: CallerKind::Service, arn: name.into(), account: None, role_arn: None, has_boundary: false }
}

/// The resource policy's decision for `caller` (same account as the bucket,
/// no identity-based policy): allowed only if the statement applies.
fn decide(effect: &str, not_principal: &str, caller: &Caller) -> Decision {
    let text = format!(
        r#"{{"Version": "2012-10-17", "Statement": [
            {{"Effect": "{effect}", "NotPrincipal": {{"AWS": {not_principal}}}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}}
            {}]}}"#,
        if effect == "Deny" {
            r#", {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}"#
        } else {
            ""
        }
    );
    let parsed = parse_policy(&text, PolicyType::Resource);
    assert!(parsed.errors().next().is_none(), "{:?}", parsed.diagnostics);
    let policy = parsed.policy.unwrap();
    let set = PolicySet {
        resource: Some(NamedPolicy { name: "bucket", source: PolicySource::Resource, policy: &policy }),
        resource_account: Some("111111111111"),
        ..PolicySet::default()
    };
    let ctx = Context::new();
    authorize(&Request::new("s3:GetObject", BUCKET, caller, &ctx), &set).decision
}

#[test]
fn allow_with_not_principal_is_a_warning_in_a_resource_policy() {
    let text = r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "NotPrincipal": {"AWS": "111111111111"}, "Action": "s3:*", "Resource": "*"}}"#;
    let parsed = parse_policy(text, PolicyType::Resource);
    assert!(parsed.policy.is_some());
    let codes: Vec<_> = parsed.diagnostics.iter().map(|d| (d.code, d.is_error())).collect();
    assert_eq!(codes, [("allow-with-not-principal", false)]);
    // A role trust policy still refuses NotPrincipal: one error.
    let trust = r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "NotPrincipal": {"AWS": "111111111111"}, "Action": "sts:AssumeRole"}}"#;
    let parsed = parse_policy(trust, PolicyType::Trust);
    assert!(parsed.policy.is_none());
    assert_eq!(parsed.errors().count(), 1);
}

#[test]
fn allow_applies_to_everyone_not_listed() {
    let mallory = r#""arn:aws:iam::111111111111:user/mallory""#;
    assert_eq!(decide("Allow", mallory, &user("arn:aws:iam::111111111111:user/alice")), Decision::Allow);
    assert_eq!(decide("Allow", mallory, &user("arn:aws:iam::111111111111:user/mallory")), Decision::ImplicitDeny);
    assert_eq!(decide("Allow", mallory, &service("lambda.amazonaws.com")), Decision::Allow);
}

#[test]
fn allow_excludes_a_caller_whose_role_or_account_is_listed() {
    let role = "arn:aws:iam::111111111111:role/auditor";
    let listed_role = format!("\"{role}\"");
    assert_eq!(decide("Allow", &listed_role, &session(role, "s1")), Decision::ImplicitDeny);
    assert_eq!(decide("Allow", &listed_role, &session("arn:aws:iam::111111111111:role/other", "s1")), Decision::Allow);
    assert_eq!(decide("Allow", r#""111111111111""#, &user("arn:aws:iam::111111111111:user/alice")), Decision::ImplicitDeny);
    assert_eq!(decide("Allow", r#""111111111111""#, &session(role, "s1")), Decision::ImplicitDeny);
}

#[test]
fn deny_spares_only_a_caller_listed_at_every_level() {
    let role = "arn:aws:iam::111111111111:role/auditor";
    let sess = session(role, "s1");
    // Only the session listed: the role and the account are not, so the deny applies.
    let only_session = format!("\"{}\"", sess.arn);
    assert_eq!(decide("Deny", &only_session, &sess), Decision::ExplicitDeny);
    let all_three = format!(r#"["{}", "{role}", "111111111111"]"#, sess.arn);
    assert_eq!(decide("Deny", &all_three, &sess), Decision::Allow);
    let alice = "arn:aws:iam::111111111111:user/alice";
    assert_eq!(decide("Deny", &format!(r#"["{alice}", "111111111111"]"#), &user(alice)), Decision::Allow);
    assert_eq!(decide("Deny", &format!(r#""{alice}""#), &user(alice)), Decision::ExplicitDeny);
}
