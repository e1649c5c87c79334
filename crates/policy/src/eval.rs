//! One policy against one request.
//!
//! [`Policy::evaluate`] is the hot path: no allocation beyond the list of
//! matching statements. [`Policy::explain`] says, for every statement, why it
//! did or did not apply; it is only called to show a decision.

use crate::ast::*;
use crate::context::Context;

/// Who makes a request, as resource-based and trust policies see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallerKind {
    /// An IAM user with long-term credentials.
    User,
    /// A role session (`arn:aws:sts::…:assumed-role/ROLE/SESSION`).
    AssumedRole,
    /// An AWS service principal such as `lambda.amazonaws.com`.
    Service,
    /// A web identity or SAML caller, identified by its provider.
    Federated,
    /// The account's root user.
    Root,
    /// No credentials at all.
    Anonymous,
}

/// The principal making a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Caller {
    /// User, role session, service, identity provider, root or anonymous.
    pub kind: CallerKind,
    /// User ARN, session ARN, service name, or provider ARN/name.
    pub arn: String,
    /// The caller's account (none for services and anonymous callers).
    pub account: Option<String>,
    /// For a role session: the role's ARN (with its path).
    pub role_arn: Option<String>,
    /// The user or role has a permissions boundary: a `NotPrincipal` with
    /// `Deny` then always applies to it (IAM User Guide, boundaries page).
    pub has_boundary: bool,
}

/// One request: action, resource, caller and condition keys.
pub struct Request<'a> {
    /// The action, `service:Operation` (e.g. `s3:GetObject`).
    pub action: &'a str,
    /// `action` lower-cased once (actions match case-insensitively).
    pub action_lc: String,
    /// The ARN of the resource acted on (`*` when the action has none).
    pub resource: &'a str,
    /// Who asks.
    pub caller: &'a Caller,
    /// The request's condition keys, also the policy variables' values.
    pub context: &'a Context,
}

impl<'a> Request<'a> {
    /// A request for `action` on `resource` by `caller`, with `context`.
    pub fn new(action: &'a str, resource: &'a str, caller: &'a Caller, context: &'a Context) -> Self {
        Request { action, action_lc: action.to_ascii_lowercase(), resource, caller, context }
    }
}

/// How a `Principal` element matched the caller. The order matters: a
/// later variant is a more direct grant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Grant {
    /// The statement has no `Principal` (identity-based policies).
    Attached,
    /// The caller's account was named: the grant is delegated to that
    /// account's identity-based policies.
    Account,
    /// `"*"`: anyone.
    Anyone,
    /// The caller's role was named (a role ARN, for a session of it):
    /// still limited by the session's boundary and session policy.
    Role,
    /// The caller itself was named: a user ARN, a session ARN, a service
    /// or a federated provider.
    Direct,
}

/// Why a statement did not apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Miss {
    /// The `Principal` element does not name the caller.
    Principal,
    /// The `Action` element does not match the action.
    Action,
    /// The `Resource` element does not match the resource.
    Resource,
    /// The condition entry at this index was false.
    Condition(usize),
}

/// A statement that applied, with how its principal matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The statement's index in its policy.
    pub statement: usize,
    /// Its `Effect`.
    pub effect: Effect,
    /// How its `Principal` matched ([`Grant::Attached`] without one).
    pub grant: Grant,
}

/// The outcome of one policy for one request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PolicyResult {
    /// The statements that applied, in document order.
    pub hits: Vec<Hit>,
}

impl PolicyResult {
    /// Whether a `Deny` statement applied (an explicit deny).
    pub fn denied(&self) -> bool {
        self.hits.iter().any(|h| h.effect == Effect::Deny)
    }
    /// Whether an `Allow` statement applied.
    pub fn allowed(&self) -> bool {
        self.hits.iter().any(|h| h.effect == Effect::Allow)
    }
    /// The most direct grant among the allowing statements.
    pub fn best_grant(&self) -> Option<Grant> {
        self.hits.iter().filter(|h| h.effect == Effect::Allow).map(|h| h.grant).max()
    }
}

impl Policy {
    /// The statements that apply to the request.
    pub fn evaluate(&self, req: &Request) -> PolicyResult {
        let mut hits = Vec::new();
        for s in &self.statements {
            if let Ok(grant) = s.check(req) {
                hits.push(Hit { statement: s.index, effect: s.effect, grant });
            }
        }
        PolicyResult { hits }
    }

    /// For every statement: `Ok(grant)` when it applies, else why not.
    pub fn explain(&self, req: &Request) -> Vec<(usize, Result<Grant, Miss>)> {
        self.statements.iter().map(|s| (s.index, s.check(req))).collect()
    }

    /// The statement at `index` in the `Statement` list.
    pub fn statement(&self, index: usize) -> Option<&Statement> {
        self.statements.iter().find(|s| s.index == index)
    }
}

impl Statement {
    /// Whether this statement applies to the request; checks the cheap
    /// elements first (action, resource), then principal, then conditions.
    pub fn check(&self, req: &Request) -> Result<Grant, Miss> {
        if !list_matches(&self.action, &req.action_lc, req.context) {
            return Err(Miss::Action);
        }
        if let Some(r) = &self.resource {
            if !list_matches(r, req.resource, req.context) {
                return Err(Miss::Resource);
            }
        }
        let grant = match &self.principal {
            None => Grant::Attached,
            Some(p) => principal_matches(p, req.caller, self.effect).ok_or(Miss::Principal)?,
        };
        if let Some(i) = self.condition.first_failure(req.context) {
            return Err(Miss::Condition(i));
        }
        Ok(grant)
    }
}

fn list_matches(list: &PatternList, text: &str, ctx: &Context) -> bool {
    let any = list.items.iter().any(|p| p.value.is_match(text, ctx));
    any != list.negated
}

/// How one principal entry relates to the caller, if it names it.
pub fn principal_grant(p: &Principal, caller: &Caller) -> Option<Grant> {
    match p {
        Principal::Anyone => Some(Grant::Anyone),
        Principal::Account(acct) => (caller.account.as_deref() == Some(acct.as_str())
            && !matches!(caller.kind, CallerKind::Service | CallerKind::Anonymous))
        .then_some(Grant::Account),
        Principal::User(arn) | Principal::OtherArn(arn) => {
            (matches!(caller.kind, CallerKind::User | CallerKind::Root) && caller.arn == *arn).then_some(Grant::Direct)
        }
        Principal::AssumedRole(arn) => (caller.kind == CallerKind::AssumedRole && caller.arn == *arn).then_some(Grant::Direct),
        Principal::Role(arn) => {
            (caller.kind == CallerKind::AssumedRole && caller.role_arn.as_deref().is_some_and(|r| r == arn)).then_some(Grant::Role)
        }
        Principal::Service(s) => (caller.kind == CallerKind::Service && caller.arn == *s).then_some(Grant::Direct),
        Principal::Federated(f) => (caller.kind == CallerKind::Federated && caller.arn == *f).then_some(Grant::Direct),
        Principal::CanonicalUser(_) => None,
    }
}

fn principal_matches(spec: &PrincipalSpec, caller: &Caller, effect: Effect) -> Option<Grant> {
    if !spec.negated {
        return spec.entries.iter().filter_map(|e| principal_grant(&e.value, caller)).max();
    }
    let listed = |g: &dyn Fn(&Principal) -> bool| spec.entries.iter().any(|e| g(&e.value));
    let account_listed = || {
        listed(&|p| match p {
            Principal::Anyone => true,
            Principal::Account(a) => caller.account.as_deref() == Some(a.as_str()),
            _ => false,
        })
    };
    let self_listed = || listed(&|p| principal_grant(p, caller).is_some_and(|g| g >= Grant::Anyone));
    let role_listed = || listed(&|p| matches!(p, Principal::Role(_) | Principal::Anyone) && principal_grant(p, caller).is_some());
    let session_listed = || listed(&|p| matches!(p, Principal::AssumedRole(_) | Principal::Anyone) && principal_grant(p, caller).is_some());
    let excluded = if effect == Effect::Allow {
        // NotPrincipal with Allow (resource-based policies only): "everyone
        // except these". AWS documents no evaluation order for it (it calls
        // the combination unsupported), so roleplay grants the least: the
        // caller is excluded when it, its role or its account is listed.
        match caller.kind {
            CallerKind::Service | CallerKind::Federated | CallerKind::Anonymous => self_listed(),
            CallerKind::Root => account_listed(),
            CallerKind::User => self_listed() || account_listed(),
            CallerKind::AssumedRole => session_listed() || role_listed() || account_listed(),
        }
    } else {
        // NotPrincipal with Deny: AWS checks every identity in the caller's
        // chain (the account, the role, the session or user); the statement
        // applies unless each of them is listed. This is why the User Guide
        // says to list the account as well as the user or session.
        if caller.has_boundary && matches!(caller.kind, CallerKind::User | CallerKind::AssumedRole) {
            return Some(Grant::Anyone);
        }
        match caller.kind {
            CallerKind::Service | CallerKind::Federated | CallerKind::Anonymous => self_listed(),
            CallerKind::Root => account_listed(),
            CallerKind::User => self_listed() && account_listed(),
            CallerKind::AssumedRole => session_listed() && role_listed() && account_listed(),
        }
    };
    (!excluded).then_some(Grant::Anyone)
}
