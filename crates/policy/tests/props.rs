//! Property tests over whole authorizations: monotonicity of Deny and Allow,
//! a boundary or session policy never widens access, parse → print → parse
//! is the identity for policies, and "never panics" on generated documents.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use policy::{authorize, parse_policy, Caller, CallerKind, Context, Decision, NamedPolicy, PolicySet, PolicySource, PolicyType, Request};
use proptest::prelude::*;

#[path = "support/fuzz_checks.rs"]
mod fuzz_checks;

const ACTIONS: &[&str] = &["s3:GetObject", "s3:PutObject", "s3:*", "s3:Get*", "ec2:DescribeInstances", "*", "sts:AssumeRole"];
const RESOURCES: &[&str] = &["*", "arn:aws:s3:::b/*", "arn:aws:s3:::b/k", "arn:aws:s3:::other/*", "arn:aws:iam::111111111111:role/r"];
const CONDITIONS: &[&str] = &[
    "",
    r#", "Condition": {"StringEquals": {"aws:username": "alice"}}"#,
    r#", "Condition": {"Bool": {"aws:SecureTransport": "true"}}"#,
    r#", "Condition": {"StringNotEquals": {"aws:PrincipalAccount": "111111111111"}}"#,
];
const PRINCIPALS: &[&str] = &[
    r#""*""#,
    r#"{"AWS": "111111111111"}"#,
    r#"{"AWS": "222222222222"}"#,
    r#"{"AWS": "arn:aws:iam::222222222222:user/alice"}"#,
    r#"{"AWS": "arn:aws:iam::111111111111:user/alice"}"#,
];

#[derive(Clone, Debug)]
struct Stmt {
    allow: bool,
    not_action: bool,
    action: usize,
    resource: usize,
    condition: usize,
    principal: usize,
}

fn stmt() -> impl Strategy<Value = Stmt> {
    (any::<bool>(), prop::bool::weighted(0.15), 0..ACTIONS.len(), 0..RESOURCES.len(), 0..CONDITIONS.len(), 0..PRINCIPALS.len()).prop_map(
        |(allow, not_action, action, resource, condition, principal)| Stmt { allow, not_action, action, resource, condition, principal },
    )
}

fn render(stmts: &[Stmt], with_principal: bool) -> String {
    let body: Vec<String> = stmts
        .iter()
        .map(|s| {
            let p = if with_principal { format!(r#""Principal": {}, "#, PRINCIPALS[s.principal]) } else { String::new() };
            format!(
                r#"{{"Effect": "{}", {p}"{}": "{}", "Resource": "{}"{}}}"#,
                if s.allow { "Allow" } else { "Deny" },
                if s.not_action { "NotAction" } else { "Action" },
                ACTIONS[s.action],
                RESOURCES[s.resource],
                CONDITIONS[s.condition]
            )
        })
        .collect();
    format!(r#"{{"Version": "2012-10-17", "Statement": [{}]}}"#, body.join(","))
}

fn parse(text: &str, kind: PolicyType) -> policy::Policy {
    let parsed = parse_policy(text, kind);
    match parsed.policy {
        Some(p) => p,
        None => panic!("{text}: {:?}", parsed.diagnostics),
    }
}

#[derive(Clone, Debug)]
struct World {
    identity: Vec<Stmt>,
    resource: Vec<Stmt>,
    boundary: Option<Vec<Stmt>>,
}

fn decide(w: &World, action: &str, resource: &str, caller: &Caller) -> Decision {
    let id = parse(&render(&w.identity, false), PolicyType::Identity);
    let res = parse(&render(&w.resource, true), PolicyType::Resource);
    let boundary = w.boundary.as_ref().map(|b| parse(&render(b, false), PolicyType::Boundary));
    let mut ctx = Context::new();
    ctx.set("aws:username", "alice");
    ctx.set("aws:SecureTransport", "true");
    ctx.set("aws:PrincipalAccount", caller.account.clone().unwrap_or_default());
    let set = PolicySet {
        identity: vec![NamedPolicy { name: "id", source: PolicySource::User, policy: &id }],
        resource: Some(NamedPolicy { name: "res", source: PolicySource::Resource, policy: &res }),
        boundary: boundary.as_ref().map(|b| NamedPolicy { name: "b", source: PolicySource::Boundary, policy: b }),
        resource_account: Some("111111111111"),
        ..PolicySet::default()
    };
    let req = Request::new(action, resource, caller, &ctx);
    authorize(&req, &set).decision
}

fn caller(i: usize) -> Caller {
    let (arn, account) = match i % 2 {
        0 => ("arn:aws:iam::111111111111:user/alice", "111111111111"),
        _ => ("arn:aws:iam::222222222222:user/alice", "222222222222"),
    };
    Caller { kind: CallerKind::User, arn: arn.into(), account: Some(account.into()), role_arn: None, has_boundary: false }
}

fn request() -> impl Strategy<Value = (&'static str, &'static str, usize)> {
    (
        prop::sample::select(&["s3:GetObject", "s3:PutObject", "ec2:DescribeInstances", "sts:AssumeRole"][..]),
        prop::sample::select(&["arn:aws:s3:::b/k", "arn:aws:s3:::other/x", "arn:aws:iam::111111111111:role/r"][..]),
        0..2usize,
    )
}

fn world() -> impl Strategy<Value = World> {
    (prop::collection::vec(stmt(), 1..4), prop::collection::vec(stmt(), 1..4), prop::option::of(prop::collection::vec(stmt(), 1..3)))
        .prop_map(|(identity, resource, boundary)| World { identity, resource, boundary })
}

/// The decision for one request before and after adding `extra` to the
/// identity policy, the resource policy or the boundary. (Attaching a new
/// boundary is not adding a statement: without one, `extra` goes to the
/// identity policy.)
fn before_after(mut w: World, extra: Stmt, place: usize, (action, res, who): (&str, &str, usize)) -> (Decision, Decision) {
    let c = caller(who);
    let before = decide(&w, action, res, &c);
    match (place, &mut w.boundary) {
        (0, _) | (_, None) => w.identity.push(extra),
        (1, _) => w.resource.push(extra),
        (_, Some(b)) => b.push(extra),
    }
    (before, decide(&w, action, res, &c))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn adding_a_deny_never_turns_a_denial_into_an_allow(w in world(), extra in stmt(), place in 0..3usize, req in request()) {
        let (before, after) = before_after(w, Stmt { allow: false, ..extra }, place, req);
        if before != Decision::Allow {
            prop_assert_ne!(after, Decision::Allow);
        }
        if before == Decision::ExplicitDeny {
            prop_assert_eq!(after, Decision::ExplicitDeny);
        }
    }

    #[test]
    fn adding_an_allow_never_turns_an_allow_into_a_denial(w in world(), extra in stmt(), place in 0..3usize, req in request()) {
        let (before, after) = before_after(w, Stmt { allow: true, ..extra }, place, req);
        if before == Decision::Allow {
            prop_assert_eq!(after, Decision::Allow);
        }
    }

    #[test]
    fn parsing_arbitrary_text_never_panics(text in ".{0,200}") {
        let _ = parse_policy(&text, PolicyType::Identity);
    }

    #[test]
    fn parsing_mutated_policies_never_panics(stmts in prop::collection::vec(stmt(), 1..3), cut in 0usize..400, insert in "[\\[\\]{}\",:*$?a-z0-9 ]{0,6}") {
        let mut text = render(&stmts, true);
        let mut at = cut.min(text.len());
        while !text.is_char_boundary(at) { at -= 1; }
        text.insert_str(at, &insert);
        for kind in [PolicyType::Identity, PolicyType::Resource, PolicyType::Trust, PolicyType::Session] {
            let _ = parse_policy(&text, kind);
        }
    }

    #[test]
    fn a_boundary_or_session_policy_never_widens_access(
        w in world(),
        limit in prop::collection::vec(stmt(), 1..4),
        session in any::<bool>(),
        (action, res, _) in request(),
        who in 0..3usize,
    ) {
        let w = World { boundary: None, ..w };
        let c = caller3(who);
        let before = decide_limited(&w, None, action, res, &c);
        let after = decide_limited(&w, Some((&limit, session)), action, res, &c);
        if before != Decision::Allow {
            prop_assert_ne!(after, Decision::Allow, "{} {} by {}: {:?} → {:?}", action, res, c.arn, before, after);
        }
        if before == Decision::ExplicitDeny {
            prop_assert_eq!(after, Decision::ExplicitDeny);
        }
    }

    #[test]
    fn parse_print_parse_is_the_identity_for_policies(stmts in prop::collection::vec(stmt(), 1..5), principal in any::<bool>(), pretty in any::<bool>()) {
        // The document, reprinted compact or indented, is the same JSON and
        // the same policy (statements, diagnostics) for every policy type.
        let mut text = render(&stmts, principal);
        if pretty {
            text = policy::json::parse(&text).unwrap().to_pretty_text();
        }
        fuzz_checks::json_policy(text.as_bytes());
    }

    #[test]
    fn parse_print_parse_is_the_identity_for_any_json(v in json_value()) {
        fuzz_checks::json_policy(v.as_bytes());
    }
}

/// JSON text of any shape: escapes, non-ASCII and astral characters,
/// numbers as written, duplicate keys, nesting.
fn json_value() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_string()),
        any::<bool>().prop_map(|b| b.to_string()),
        "-?(0|[1-9][0-9]{0,20})(\\.[0-9]{1,5})?([eE][+-]?[0-9]{1,3})?",
        "\\PC{0,12}".prop_map(|s| {
            let mut o = String::new();
            policy::json::escape_string(&s, &mut o);
            o
        }),
        Just("\"\\ud83c\\udfa9 \\u00e9\\n\\t\\\\\\/\"".to_string()),
    ];
    leaf.prop_recursive(6, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(|v| format!("[{}]", v.join(", "))),
            prop::collection::vec((prop_oneof![Just("Effect".to_string()), Just("Statement".to_string()), "[a-zA-Z:]{0,6}"], inner), 0..6)
                .prop_map(|m| format!("{{{}}}", m.iter().map(|(k, v)| format!("{:?}: {v}", k)).collect::<Vec<_>>().join(",\n "))),
        ]
    })
}

fn caller3(i: usize) -> Caller {
    match i {
        2 => Caller {
            kind: CallerKind::AssumedRole,
            arn: "arn:aws:sts::111111111111:assumed-role/r/s".into(),
            account: Some("111111111111".into()),
            role_arn: Some("arn:aws:iam::111111111111:role/r".into()),
            has_boundary: false,
        },
        i => caller(i),
    }
}

/// [`decide`] with, optionally, a boundary (`false`) or a session policy
/// (`true`) made of `limit`'s statements.
fn decide_limited(w: &World, limit: Option<(&[Stmt], bool)>, action: &str, resource: &str, caller: &Caller) -> Decision {
    let id = parse(&render(&w.identity, false), PolicyType::Identity);
    let res = parse(&render(&w.resource, true), PolicyType::Resource);
    let lim = limit
        .map(|(stmts, session)| (parse(&render(stmts, false), if session { PolicyType::Session } else { PolicyType::Boundary }), session));
    let mut ctx = Context::new();
    ctx.set("aws:username", "alice");
    ctx.set("aws:SecureTransport", "true");
    ctx.set("aws:PrincipalAccount", caller.account.clone().unwrap_or_default());
    let mut c = caller.clone();
    let mut set = PolicySet {
        identity: vec![NamedPolicy { name: "id", source: PolicySource::User, policy: &id }],
        resource: Some(NamedPolicy { name: "res", source: PolicySource::Resource, policy: &res }),
        resource_account: Some("111111111111"),
        ..PolicySet::default()
    };
    match &lim {
        Some((p, true)) => set.session = vec![NamedPolicy { name: "s", source: PolicySource::Session, policy: p }],
        Some((p, false)) => {
            set.boundary = Some(NamedPolicy { name: "b", source: PolicySource::Boundary, policy: p });
            c.has_boundary = true;
        }
        None => {}
    }
    let req = Request::new(action, resource, &c, &ctx);
    authorize(&req, &set).decision
}
