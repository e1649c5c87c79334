//! The typed result of `parse_policy` on whole documents: statement
//! positions and indexes, principals, negations, one document read as each
//! policy type, every error with its own path.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use policy::{Effect, PolicyType, Position, Principal, Version};

#[macro_use]
#[path = "support/want.rs"]
mod want;
use want::*;

// ---------------------------------------------------------------------------
// The typed result.
// ---------------------------------------------------------------------------

fn pos(line: u32, column: u32) -> Position {
    Position { line, column }
}

#[test]
fn statement_positions_and_indexes() {
    let text = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "First",
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "*"
    },
    {"Sid": "Second", "Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}
  ]
}"#;
    let parsed = check(text, PolicyType::Identity, &[]);
    let policy = parsed.policy.unwrap();
    assert_eq!(policy.version, Version::V2012_10_17);
    assert_eq!(policy.kind, PolicyType::Identity);
    assert_eq!(policy.statements.len(), 2);
    let (a, b) = (&policy.statements[0], &policy.statements[1]);
    assert_eq!((a.index, a.sid.as_deref(), a.effect), (0, Some("First"), Effect::Allow));
    assert_eq!((a.start, a.end), (pos(4, 5), pos(9, 5)));
    assert!(text[a.span.start as usize..a.span.end as usize].starts_with('{'));
    assert!(text[a.span.start as usize..a.span.end as usize].ends_with('}'));
    assert_eq!((b.index, b.sid.as_deref(), b.effect), (1, Some("Second"), Effect::Deny));
    assert_eq!((b.start, b.end), (pos(10, 5), pos(10, 85)));
    assert_eq!(policy.span.start, 0);
    assert_eq!(policy.span.end as usize, text.len());
}

#[test]
fn single_statement_object_has_index_zero() {
    let text = "{\"Version\": \"2008-10-17\",\n \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}}";
    let policy = check(text, PolicyType::Identity, &[]).policy.unwrap();
    assert_eq!(policy.version, Version::V2008_10_17);
    let s = &policy.statements[0];
    assert_eq!((s.index, s.sid.as_deref()), (0, None));
    assert_eq!((s.start, s.end), (pos(2, 15), pos(2, 68)));
    assert!(!s.action.negated);
    assert!(s.principal.is_none());
}

#[test]
fn missing_version_is_reported_as_missing() {
    let policy = check(
        r#"{"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}"#,
        PolicyType::Identity,
        &[warn("missing-version", "2008-10-17", "$", 1, 1)],
    )
    .policy
    .unwrap();
    assert_eq!(policy.version, Version::Missing);
}

#[test]
fn not_action_and_not_resource_are_negated() {
    let text =
        r#"{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "NotAction": ["iam:*", "sts:*"], "NotResource": "arn:aws:s3:::b/*"}}"#;
    let policy = check(text, PolicyType::Identity, &[]).policy.unwrap();
    let s = &policy.statements[0];
    assert!(s.action.negated);
    assert_eq!(s.action.items.len(), 2);
    let r = s.resource.as_ref().unwrap();
    assert!(r.negated);
    assert_eq!(&text[r.span.start as usize..r.span.end as usize], "\"arn:aws:s3:::b/*\"");
}

#[test]
fn principal_forms_are_classified() {
    let text = r#"{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Allow",
    "Principal": {
      "AWS": [
        "*",
        "111122223333",
        "arn:aws:iam::444455556666:root",
        "arn:aws:iam::111122223333:user/alice",
        "arn:aws:iam::111122223333:role/path/r",
        "arn:aws:sts::111122223333:assumed-role/r/session",
        "arn:aws:sts::111122223333:federated-user/bob"
      ],
      "Service": "lambda.amazonaws.com",
      "Federated": "arn:aws:iam::111122223333:saml-provider/Okta",
      "CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
    },
    "Action": "sts:AssumeRole"
  }
}"#;
    let policy = check(text, PolicyType::Trust, &[]).policy.unwrap();
    let p = policy.statements[0].principal.as_ref().unwrap();
    assert!(!p.negated);
    let got: Vec<Principal> = p.entries.iter().map(|e| e.value.clone()).collect();
    assert_eq!(
        got,
        vec![
            Principal::Anyone,
            Principal::Account("111122223333".into()),
            Principal::Account("444455556666".into()),
            Principal::User("arn:aws:iam::111122223333:user/alice".into()),
            Principal::Role("arn:aws:iam::111122223333:role/path/r".into()),
            Principal::AssumedRole("arn:aws:sts::111122223333:assumed-role/r/session".into()),
            Principal::OtherArn("arn:aws:sts::111122223333:federated-user/bob".into()),
            Principal::Service("lambda.amazonaws.com".into()),
            Principal::Federated("arn:aws:iam::111122223333:saml-provider/Okta".into()),
            Principal::CanonicalUser("79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be".into()),
        ]
    );
    // Each entry's span is its string in the text.
    for e in &p.entries {
        let s = &text[e.span.start as usize..e.span.end as usize];
        assert!(s.starts_with('"') && s.ends_with('"'), "{s}");
    }
    let star = check(
        r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}}"#,
        PolicyType::Resource,
        &[],
    );
    let p = star.policy.unwrap().statements[0].principal.clone().unwrap();
    assert_eq!(p.entries.iter().map(|e| e.value.clone()).collect::<Vec<_>>(), vec![Principal::Anyone]);
}

#[test]
fn not_principal_is_negated() {
    let text = r#"{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::444455556666:user/Bob"}, "Action": "s3:*", "Resource": "*"}}"#;
    let policy = check(text, PolicyType::Resource, &[]).policy.unwrap();
    let p = policy.statements[0].principal.as_ref().unwrap();
    assert!(p.negated);
    assert_eq!(p.entries[0].value, Principal::User("arn:aws:iam::444455556666:user/Bob".into()));
}

#[test]
fn the_same_document_differs_by_policy_type() {
    let identity =
        r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}}"#;
    check(identity, PolicyType::Identity, &[]);
    check(identity, PolicyType::Boundary, &[]);
    check(identity, PolicyType::Scp, &[]);
    check(identity, PolicyType::Session, &[]);
    check(identity, PolicyType::Resource, &[err("the statement has no `Principal`", "$.Statement", 1, 40)]);
    check(
        identity,
        PolicyType::Trust,
        &[
            err("the statement has no `Principal`", "$.Statement", 1, 40),
            err("a role trust policy can only allow `sts:` actions", "$.Statement.Action", 1, 70),
            err("a role trust policy cannot have `Resource`", "$.Statement.Resource", 1, 86),
        ],
    );
}

#[test]
fn errors_are_all_reported_with_their_own_paths() {
    // Duplicate Sids are also found when another statement is malformed.
    let text = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "A", "Effect": "Allow", "Action": "s3:*", "Resource": "*"},
    {"Sid": "A", "Effect": "Allow", "Action": "s3:*"}
  ]
}"#;
    check(
        text,
        PolicyType::Identity,
        &[
            err("the statement has no `Resource` or `NotResource`", "$.Statement[1]", 5, 5),
            err("duplicate `Sid` `A`", "$.Statement[1].Sid", 5, 13),
        ],
    );
}
