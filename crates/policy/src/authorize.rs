//! AWS's policy evaluation logic across policy types and accounts.
//!
//! Follows the IAM User Guide ("Policy evaluation logic", "Cross-account
//! policy evaluation logic", and the permissions-boundary and session-policy
//! pages): an explicit deny in any policy wins; SCPs of the caller's account
//! must allow; within one account a resource-based policy (or a role's trust
//! policy) that names the caller grants on its own, one that names the
//! caller's role is still limited by the boundary and session policy, and one
//! that names the account delegates to identity-based policies; across
//! accounts both sides must allow. A role's trust policy must always allow.

use crate::ast::{Effect, Policy};
use crate::eval::{CallerKind, Grant, Hit, PolicyResult, Request};

/// Where a policy comes from; shown as `PolicyType` in output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PolicySource {
    /// An inline policy of an IAM user.
    User,
    /// An inline policy of a group the user is in.
    Group,
    /// A permissions policy of a role (what its sessions may do).
    Role,
    /// A resource-based policy (bucket policy, key policy, ...).
    Resource,
    /// A role's trust policy.
    Trust,
    /// A user's or role's permissions boundary.
    Boundary,
    /// An AWS Organizations service control policy.
    Scp,
    /// The session policy passed to AssumeRole.
    Session,
}

impl PolicySource {
    /// The contract's spelling (`user`, `trust`, `scp`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            PolicySource::User => "user",
            PolicySource::Group => "group",
            PolicySource::Role => "role",
            PolicySource::Resource => "resource",
            PolicySource::Trust => "trust",
            PolicySource::Boundary => "boundary",
            PolicySource::Scp => "scp",
            PolicySource::Session => "session",
        }
    }
}

/// A policy with its name and origin.
#[derive(Clone, Copy, Debug)]
pub struct NamedPolicy<'a> {
    /// The policy's name (`PolicyName`, or a name the caller gives it).
    pub name: &'a str,
    /// Where it is attached.
    pub source: PolicySource,
    /// The parsed document.
    pub policy: &'a Policy,
}

/// The policy checks, in the order AWS makes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CheckKind {
    /// The SCPs of the caller's account.
    Scp,
    /// The resource's resource-based policy.
    Resource,
    /// The caller's identity-based policies.
    Identity,
    /// The caller's permissions boundary.
    Boundary,
    /// The session policy of a role session.
    Session,
    /// The role's trust policy (for `sts:AssumeRole*`).
    Trust,
}

impl CheckKind {
    /// The contract's spelling (`scp`, `identity`, `trust`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            CheckKind::Scp => "scp",
            CheckKind::Resource => "resource",
            CheckKind::Identity => "identity",
            CheckKind::Boundary => "boundary",
            CheckKind::Session => "session",
            CheckKind::Trust => "trust",
        }
    }
}

/// The outcome of a check or of a whole request, as AWS names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Decision {
    /// Allowed.
    Allow,
    /// A `Deny` statement applied: nothing else can allow the request.
    ExplicitDeny,
    /// Nothing allowed the request (the default).
    ImplicitDeny,
}

impl Decision {
    /// The contract's spelling (AWS's `EvalDecision` values).
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Allow => "allowed",
            Decision::ExplicitDeny => "explicitDeny",
            Decision::ImplicitDeny => "implicitDeny",
        }
    }
}

/// One evaluated check: its decision and each policy's result.
#[derive(Clone, Debug)]
pub struct Check<'a> {
    /// Which policies this check is about.
    pub kind: CheckKind,
    /// Deny if any statement denies, else allow if any allows.
    pub decision: Decision,
    /// Each policy of the check, with the statements that applied.
    pub policies: Vec<(NamedPolicy<'a>, PolicyResult)>,
}

impl Check<'_> {
    /// The statements that decided this check: the denying ones for an
    /// explicit deny, the allowing ones for an allow, none otherwise.
    pub fn deciding(&self) -> impl Iterator<Item = (&NamedPolicy<'_>, &Hit)> {
        let want = match self.decision {
            Decision::Allow => Some(Effect::Allow),
            Decision::ExplicitDeny => Some(Effect::Deny),
            Decision::ImplicitDeny => None,
        };
        self.policies.iter().flat_map(|(p, r)| r.hits.iter().map(move |h| (p, h))).filter(move |(_, h)| Some(h.effect) == want)
    }

    fn best_grant(&self) -> Option<Grant> {
        self.policies.iter().filter_map(|(_, r)| r.best_grant()).max()
    }
}

/// Why the request was allowed, or each requirement it did not meet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reason {
    /// A `Deny` statement in this check applied.
    ExplicitDeny(CheckKind),
    /// The caller's account has SCPs and none allows the request.
    ScpNoAllow,
    /// The role's trust policy does not allow this caller.
    TrustNoAllow,
    /// Cross-account (or a service caller): the resource's policy does not allow.
    ResourceNoAllow,
    /// No identity-based policy allows the request.
    IdentityNoAllow,
    /// The permissions boundary does not allow the request.
    BoundaryNoAllow,
    /// The session policy does not allow the request.
    SessionNoAllow,
    /// Allowed: a resource-based/trust policy in the same account names
    /// the caller (user, session, service, provider, or `*`) directly.
    AllowedByResourcePolicy,
    /// Allowed: the resource-based/trust policy names the caller's role;
    /// the boundary and session policy (if any) also allow.
    AllowedByResourcePolicyForRole,
    /// Allowed: the resource/trust policy names the account (or the other
    /// account), and the caller's identity-based policies also allow.
    AllowedByBothSides,
    /// Allowed: same account, identity-based policies allow.
    AllowedByIdentity,
}

impl Reason {
    /// Whether this is one of the `Allowed…` reasons.
    pub fn is_allow(self) -> bool {
        matches!(
            self,
            Reason::AllowedByResourcePolicy
                | Reason::AllowedByResourcePolicyForRole
                | Reason::AllowedByBothSides
                | Reason::AllowedByIdentity
        )
    }
}

/// The policies that take part in one request.
#[derive(Clone, Debug, Default)]
pub struct PolicySet<'a> {
    /// SCPs of the caller's account; empty when it is in no organization.
    pub scps: Vec<NamedPolicy<'a>>,
    /// The resource's policy, or for `sts:AssumeRole*` the role's trust policy.
    pub resource: Option<NamedPolicy<'a>>,
    /// The caller's identity-based policies (user and groups, or the role).
    pub identity: Vec<NamedPolicy<'a>>,
    /// The caller's permissions boundary (the user's, or the session's role's).
    pub boundary: Option<NamedPolicy<'a>>,
    /// The session policies of a role session.
    pub session: Vec<NamedPolicy<'a>>,
    /// The account that owns the resource.
    pub resource_account: Option<&'a str>,
    /// `resource` is a role trust policy, which must always allow.
    pub trust: bool,
    /// The resource policy must allow even within one account (a KMS key
    /// policy: IAM policies alone cannot grant access to a key).
    pub resource_required: bool,
}

/// The answer to one request, as plain data.
#[derive(Clone, Debug)]
pub struct Authorization<'a> {
    /// The final decision.
    pub decision: Decision,
    /// The checks made, in the order AWS makes them (only those that apply).
    pub checks: Vec<Check<'a>>,
    /// For an allow, one `Allowed…` reason; otherwise every unmet requirement.
    pub reasons: Vec<Reason>,
}

fn run<'a>(kind: CheckKind, policies: &[NamedPolicy<'a>], req: &Request) -> Check<'a> {
    let results: Vec<_> = policies.iter().map(|p| (*p, p.policy.evaluate(req))).collect();
    let decision = if results.iter().any(|(_, r)| r.denied()) {
        Decision::ExplicitDeny
    } else if results.iter().any(|(_, r)| r.allowed()) {
        Decision::Allow
    } else {
        Decision::ImplicitDeny
    };
    Check { kind, decision, policies: results }
}

/// Evaluates a request against every policy that takes part in it.
///
/// ```
/// use policy::{authorize, parse_policy, Caller, CallerKind, CheckKind, Context, Decision};
/// use policy::{NamedPolicy, PolicySet, PolicySource, PolicyType, Reason, Request};
///
/// let text = r#"{"Version": "2012-10-17", "Statement": [{"Sid": "ReadReports",
///   "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}]}"#;
/// let policy = parse_policy(text, PolicyType::Identity).policy.ok_or("the policy has errors")?;
/// let alice = Caller {
///     kind: CallerKind::User,
///     arn: "arn:aws:iam::111122223333:user/alice".into(),
///     account: Some("111122223333".into()),
///     role_arn: None,
///     has_boundary: false,
/// };
/// let set = PolicySet {
///     identity: vec![NamedPolicy { name: "read-reports", source: PolicySource::User, policy: &policy }],
///     resource_account: Some("111122223333"),
///     ..PolicySet::default()
/// };
/// let context = Context::new();
///
/// let read = Request::new("s3:GetObject", "arn:aws:s3:::reports/2026.csv", &alice, &context);
/// let auth = authorize(&read, &set);
/// assert_eq!(auth.decision, Decision::Allow);
/// assert_eq!(auth.reasons, [Reason::AllowedByIdentity]);
/// assert_eq!(auth.checks[0].kind, CheckKind::Identity);
/// let (deciding, hit) = auth.checks[0].deciding().next().ok_or("no deciding statement")?;
/// assert_eq!((deciding.name, hit.statement), ("read-reports", 0));
///
/// // Nothing allows a delete: an implicit deny, and why.
/// let delete = Request::new("s3:DeleteObject", "arn:aws:s3:::reports/2026.csv", &alice, &context);
/// let auth = authorize(&delete, &set);
/// assert_eq!(auth.decision, Decision::ImplicitDeny);
/// assert_eq!(auth.reasons, [Reason::IdentityNoAllow]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn authorize<'a>(req: &Request, set: &PolicySet<'a>) -> Authorization<'a> {
    let caller = req.caller;
    // Services, identity providers and anonymous callers have no
    // identity-based policies, boundary or SCPs of their own.
    let has_identity = matches!(caller.kind, CallerKind::User | CallerKind::AssumedRole | CallerKind::Root);

    let mut checks = Vec::with_capacity(5);
    if has_identity && !set.scps.is_empty() {
        checks.push(run(CheckKind::Scp, &set.scps, req));
    }
    if let (Some(r), false) = (&set.resource, set.trust) {
        checks.push(run(CheckKind::Resource, std::slice::from_ref(r), req));
    }
    if has_identity {
        checks.push(run(CheckKind::Identity, &set.identity, req));
        if let Some(b) = &set.boundary {
            checks.push(run(CheckKind::Boundary, std::slice::from_ref(b), req));
        }
        if !set.session.is_empty() {
            checks.push(run(CheckKind::Session, &set.session, req));
        }
    }
    if let (Some(r), true) = (&set.resource, set.trust) {
        checks.push(run(CheckKind::Trust, std::slice::from_ref(r), req));
    }

    let denies: Vec<Reason> =
        checks.iter().filter(|c| c.decision == Decision::ExplicitDeny).map(|c| Reason::ExplicitDeny(c.kind)).collect();
    if !denies.is_empty() {
        return Authorization { decision: Decision::ExplicitDeny, checks, reasons: denies };
    }

    let find = |k: CheckKind| checks.iter().find(|c| c.kind == k);
    let allows = |k: CheckKind| find(k).map(|c| c.decision == Decision::Allow);
    let mut unmet = Vec::new();
    if allows(CheckKind::Scp) == Some(false) {
        unmet.push(Reason::ScpNoAllow);
    }
    let resource_kind = if set.trust { CheckKind::Trust } else { CheckKind::Resource };
    let grant = find(resource_kind).and_then(Check::best_grant);
    let same_account = caller.account.is_some() && caller.account.as_deref() == set.resource_account;
    let resource_missing = if set.trust { Reason::TrustNoAllow } else { Reason::ResourceNoAllow };

    // What the identity side (identity policies, boundary, session policy) lacks.
    let identity_unmet = |with_identity: bool| {
        let mut v = Vec::new();
        if with_identity && allows(CheckKind::Identity) != Some(true) {
            v.push(Reason::IdentityNoAllow);
        }
        if allows(CheckKind::Boundary) == Some(false) {
            v.push(Reason::BoundaryNoAllow);
        }
        if allows(CheckKind::Session) == Some(false) {
            v.push(Reason::SessionNoAllow);
        }
        v
    };

    let allowed_reason = if !has_identity {
        match grant {
            Some(_) => Some(Reason::AllowedByResourcePolicy),
            None => {
                unmet.push(resource_missing);
                None
            }
        }
    } else {
        match grant {
            // A trust policy is the exception to "a same-account resource
            // policy that names the caller grants on its own": the caller's
            // boundary (and session policy) must still allow.
            Some(Grant::Direct | Grant::Anyone) if same_account && set.trust => {
                let missing = identity_unmet(false);
                let ok = missing.is_empty();
                unmet.extend(missing);
                ok.then_some(Reason::AllowedByResourcePolicy)
            }
            Some(Grant::Direct | Grant::Anyone) if same_account => Some(Reason::AllowedByResourcePolicy),
            Some(Grant::Role) if same_account => {
                let missing = identity_unmet(false);
                let ok = missing.is_empty();
                unmet.extend(missing);
                ok.then_some(Reason::AllowedByResourcePolicyForRole)
            }
            Some(_) => {
                let missing = identity_unmet(true);
                let ok = missing.is_empty();
                unmet.extend(missing);
                ok.then_some(Reason::AllowedByBothSides)
            }
            None => {
                if set.trust || set.resource_required || !same_account {
                    unmet.push(resource_missing);
                }
                let missing = identity_unmet(true);
                let ok = missing.is_empty();
                unmet.extend(missing);
                ok.then_some(Reason::AllowedByIdentity)
            }
        }
    };

    match allowed_reason {
        Some(r) if unmet.is_empty() => Authorization { decision: Decision::Allow, checks, reasons: vec![r] },
        _ => Authorization { decision: Decision::ImplicitDeny, checks, reasons: unmet },
    }
}
