//! Running a scenario: a simulated clock, the sessions STS issued, and each
//! step evaluated the way AWS would.
//!
//! An AssumeRole step goes ① identity check (skipped for services and
//! identity providers) → ② request validation → ③ trust policy → ④ issued
//! credentials; any later step with `{"Session": N}` is ⑤, acting with the
//! role's permissions only.

use policy::authorize::{authorize, Authorization, Decision, NamedPolicy, PolicySet, Reason};
use policy::eval::Miss;
use policy::time::format_iso8601;
use policy::{Caller, CallerKind, CheckKind, Context, ContextValue, Effect, Request};
use serde_json::{json, Value};

use crate::creds::{self, Rng};
use crate::report::*;
use crate::scenario::*;

/// The region and source address every simulated request comes from.
pub const REGION: &str = "us-east-1";
pub const SOURCE_IP: &str = "203.0.113.10";
/// Seconds before Expiration at which a service refreshes its credentials.
pub const REFRESH_BEFORE: i64 = 300;
/// Role chaining caps a session at one hour.
pub const CHAINED_MAX: i64 = 3600;
const MAX_LISTED_REFRESHES: usize = 24;
/// Refreshes evaluated one by one per session and clock step; beyond that
/// the clock jumps whole refresh periods (a jump of years stays instant).
const MAX_REFRESH_ITERATIONS: u64 = 1_000;

/// Temporary credentials STS issued for one AssumeRole step.
#[derive(Clone, Debug)]
pub struct Session {
    pub step: usize,
    pub role: usize,
    pub arn: String,
    pub assumed_role_id: String,
    pub session_name: String,
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: String,
    pub issued_at: i64,
    pub expiration: i64,
    pub duration: i64,
    pub mfa: bool,
    /// When the MFA authentication behind this session happened.
    pub mfa_at: Option<i64>,
    pub source_identity: Option<String>,
    pub tags: Vec<Tag>,
    /// The service that holds (and refreshes) these credentials.
    pub service: Option<String>,
    pub chained: bool,
}

/// The acting identity of a step.
enum Actor<'a> {
    User(&'a User),
    Session(Box<Session>),
    Service(&'a str),
    Federated(&'a str),
}

/// A step that fails before or outside policy evaluation.
struct StepError {
    code: &'static str,
    message: String,
}

fn validation(value: &str, field: &str, constraint: &str) -> StepError {
    StepError {
        code: "ValidationError",
        message: format!("1 validation error detected: Value '{value}' at '{field}' failed to satisfy constraint: {constraint}"),
    }
}

/// A request string checked like the STS API checks it: length, then the
/// characters of its pattern (`\w` plus `extra`).
fn check_text(value: &str, field: &str, min: usize, max: usize, extra: &str, pattern: &str) -> Result<(), StepError> {
    let n = value.chars().count();
    if n < min {
        return Err(validation(value, field, &format!("Member must have length greater than or equal to {min}")));
    }
    if n > max {
        return Err(validation(value, field, &format!("Member must have length less than or equal to {max}")));
    }
    if !value.chars().all(|c| c.is_ascii_alphanumeric() || extra.contains(c)) {
        return Err(validation(value, field, &format!("Member must satisfy regular expression pattern: {pattern}")));
    }
    Ok(())
}

/// Runs a scenario from its start.
pub fn run(s: &Scenario) -> Report {
    let mut sim = Simulator::new(s);
    let steps = (0..s.steps.len()).map(|i| sim.step(i)).collect();
    Report { steps, warnings: s.warnings.iter().map(Warning::from).collect() }
}

/// The simulated world while a scenario runs.
pub struct Simulator<'s> {
    s: &'s Scenario,
    now: i64,
    /// Indexed by step: the session that step issued, if any.
    sessions: Vec<Option<Session>>,
    rng: Rng,
    event_count: u64,
}

impl<'s> Simulator<'s> {
    pub fn new(s: &'s Scenario) -> Self {
        Simulator { s, now: s.clock, sessions: vec![None; s.steps.len()], rng: Rng::new(s.seed, "credentials"), event_count: 0 }
    }

    pub fn now(&self) -> i64 {
        self.now
    }

    pub fn session(&self, step: usize) -> Option<&Session> {
        self.sessions.get(step).and_then(Option::as_ref)
    }

    /// Runs step `i` (steps must be run in order).
    pub fn step(&mut self, i: usize) -> StepReport {
        let s = self.s;
        let Some(step) = s.steps.get(i) else { return StepReport { step: i, ..StepReport::default() } };
        let mut r = match &step.kind {
            StepKind::Advance(n) => self.advance(i, *n),
            StepKind::Assume(a) => self.assume(i, a),
            StepKind::Call(c) => self.call(i, c),
        };
        r.note = step.note.as_ref().map(|t| match &t.ja {
            Some(ja) => json!({"en": t.en, "ja": ja}),
            None => json!({"en": t.en}),
        });
        r
    }

    /// Moves the clock forward by `secs` outside any step (the playground's
    /// own clock), letting services refresh the credentials they hold.
    pub fn advance_clock(&mut self, secs: i64) -> Vec<Refresh> {
        let n = self.s.steps.len();
        self.advance(n, secs.max(0)).refreshes
    }

    // ---- the clock and service refreshes ----

    fn advance(&mut self, i: usize, n: i64) -> StepReport {
        let target = self.now.saturating_add(n);
        let mut refreshes = Vec::new();
        for k in 0..self.sessions.len() {
            self.refresh_until(k, target, &mut refreshes);
        }
        self.now = target;
        StepReport { step: i, advance: Some(n), clock: Some(format_iso8601(self.now)), refreshes, ..StepReport::default() }
    }

    /// A service re-assumes its role each time its credentials come within
    /// [`REFRESH_BEFORE`] seconds of expiring, until `target`.
    fn refresh_until(&mut self, k: usize, target: i64, out: &mut Vec<Refresh>) {
        let s = self.s;
        let mut listed = 0usize;
        let mut more = 0u64;
        let mut iterations = 0u64;
        loop {
            let Some(sess) = self.session(k).cloned() else { return };
            let Some(service) = sess.service.clone() else { return };
            let due = sess.expiration - REFRESH_BEFORE;
            if due > target || due < sess.issued_at {
                break;
            }
            iterations += 1;
            if iterations > MAX_REFRESH_ITERATIONS {
                let period = (sess.duration - REFRESH_BEFORE).max(1);
                let skip = (target - due) / period;
                if skip > 0 {
                    if let Some(sess) = self.sessions.get_mut(k).and_then(Option::as_mut) {
                        sess.issued_at += skip * period;
                        sess.expiration += skip * period;
                    }
                    more += u64::try_from(skip).unwrap_or(0);
                    continue;
                }
            }
            let Some(StepKind::Assume(a)) = s.steps.get(k).map(|st| &st.kind) else { return };
            let Some(role) = s.roles.get(sess.role) else { return };
            let saved = self.now;
            self.now = due;
            let caller = Caller { kind: CallerKind::Service, arn: service.clone(), account: None, role_arn: None, has_boundary: false };
            let ctx = self.assume_context(&Actor::Service(&service), a, &sess.session_name, None);
            let set = PolicySet {
                resource: Some(NamedPolicy {
                    name: "AssumeRolePolicyDocument",
                    source: policy::PolicySource::Trust,
                    policy: &role.trust.policy,
                }),
                resource_account: Some(role.account.as_str()),
                trust: true,
                ..PolicySet::default()
            };
            let req = Request::new(a.kind.action(), &role.arn, &caller, &ctx);
            let allowed = authorize(&req, &set).decision == Decision::Allow;
            let entry = if allowed {
                let (ak, sk, tok) = self.new_keys();
                let duration = sess.duration;
                let slot = self.sessions.get_mut(k).and_then(Option::as_mut);
                let Some(sess) = slot else { return };
                sess.access_key_id = ak;
                sess.secret_access_key = sk;
                sess.session_token = tok;
                sess.issued_at = due;
                sess.expiration = due + duration;
                Refresh {
                    session: k,
                    at: format_iso8601(due),
                    outcome: "allowed",
                    access_key_id: Some(sess.access_key_id.clone()),
                    expiration: Some(format_iso8601(sess.expiration)),
                    more: 0,
                }
            } else {
                // The trust policy no longer lets the service in: it keeps
                // the old credentials until they expire.
                if let Some(sess) = self.sessions.get_mut(k).and_then(Option::as_mut) {
                    sess.service = None;
                }
                Refresh { session: k, at: format_iso8601(due), outcome: "implicitDeny", access_key_id: None, expiration: None, more: 0 }
            };
            self.now = saved;
            if listed < MAX_LISTED_REFRESHES || entry.outcome != "allowed" {
                out.push(entry);
                listed += 1;
            } else {
                more += 1;
            }
        }
        if more > 0 {
            if let Some(last) = out.iter_mut().rev().find(|r| r.session == k) {
                last.more = more;
            }
        }
    }

    fn new_keys(&mut self) -> (String, String, String) {
        (creds::access_key_id(&mut self.rng), creds::secret_access_key(&mut self.rng), creds::session_token(&mut self.rng))
    }

    // ---- identities ----

    fn actor(&self, c: &'s CallerSpec) -> Result<Actor<'s>, StepError> {
        let s = self.s;
        match c {
            CallerSpec::User(u) => s.users.get(*u).map(Actor::User).ok_or_else(|| StepError {
                code: "InvalidClientTokenId",
                message: "The security token included in the request is invalid.".into(),
            }),
            CallerSpec::Service(svc) => Ok(Actor::Service(svc)),
            CallerSpec::Federated(p) => Ok(Actor::Federated(p)),
            CallerSpec::Session(n) => match self.session(*n) {
                None => Err(StepError {
                    code: "InvalidClientTokenId",
                    message: format!("The security token included in the request is invalid. (Step {n} issued no credentials.)"),
                }),
                Some(sess) if self.now >= sess.expiration => Err(StepError {
                    code: "ExpiredToken",
                    message: format!(
                        "The security token included in the request is expired (it expired at {}).",
                        format_iso8601(sess.expiration)
                    ),
                }),
                Some(sess) => Ok(Actor::Session(Box::new(sess.clone()))),
            },
        }
    }

    fn caller(&self, a: &Actor) -> Caller {
        match a {
            Actor::User(u) => Caller {
                kind: CallerKind::User,
                arn: u.arn.clone(),
                account: Some(u.account.clone()),
                role_arn: None,
                has_boundary: u.boundary.is_some(),
            },
            Actor::Session(sess) => {
                let role = self.s.roles.get(sess.role);
                Caller {
                    kind: CallerKind::AssumedRole,
                    arn: sess.arn.clone(),
                    account: role.map(|r| r.account.clone()),
                    role_arn: role.map(|r| r.arn.clone()),
                    has_boundary: role.is_some_and(|r| r.boundary.is_some()),
                }
            }
            Actor::Service(svc) => {
                Caller { kind: CallerKind::Service, arn: (*svc).to_string(), account: None, role_arn: None, has_boundary: false }
            }
            Actor::Federated(p) => {
                Caller { kind: CallerKind::Federated, arn: (*p).to_string(), account: None, role_arn: None, has_boundary: false }
            }
        }
    }

    fn user_id(&self, u: &User) -> String {
        creds::unique_id("AIDA", self.s.seed, &u.arn)
    }

    fn role_id(&self, r: &Role) -> String {
        creds::unique_id("AROA", self.s.seed, &r.arn)
    }

    /// The condition keys AWS sets itself for a request by `a`.
    fn base_context(&self, a: &Actor) -> Context {
        let mut c = Context::new();
        c.set("aws:CurrentTime", format_iso8601(self.now));
        c.set("aws:EpochTime", self.now.to_string());
        c.set("aws:SecureTransport", "true");
        c.set("aws:RequestedRegion", REGION);
        c.set("aws:ViaAWSService", "false");
        c.set("aws:PrincipalIsAWSService", if matches!(a, Actor::Service(_)) { "true" } else { "false" });
        if !matches!(a, Actor::Service(_)) {
            c.set("aws:SourceIp", SOURCE_IP);
        }
        match a {
            Actor::User(u) => {
                c.set("aws:PrincipalArn", u.arn.clone());
                c.set("aws:PrincipalAccount", u.account.clone());
                c.set("aws:PrincipalType", "User");
                c.set("aws:username", u.name.clone());
                c.set("aws:userid", self.user_id(u));
                for t in &u.tags {
                    c.set(&format!("aws:PrincipalTag/{}", t.key), t.value.clone());
                }
            }
            Actor::Session(sess) => {
                if let Some(role) = self.s.roles.get(sess.role) {
                    c.set("aws:PrincipalArn", role.arn.clone());
                    c.set("aws:PrincipalAccount", role.account.clone());
                    for t in &role.tags {
                        c.set(&format!("aws:PrincipalTag/{}", t.key), t.value.clone());
                    }
                }
                c.set("aws:PrincipalType", "AssumedRole");
                c.set("aws:userid", sess.assumed_role_id.clone());
                c.set("aws:TokenIssueTime", format_iso8601(sess.issued_at));
                c.set("aws:MultiFactorAuthPresent", if sess.mfa { "true" } else { "false" });
                if let Some(at) = sess.mfa_at {
                    c.set("aws:MultiFactorAuthAge", (self.now - at).max(0).to_string());
                }
                if let Some(si) = &sess.source_identity {
                    c.set("aws:SourceIdentity", si.clone());
                }
                for t in &sess.tags {
                    c.set(&format!("aws:PrincipalTag/{}", t.key), t.value.clone());
                }
            }
            Actor::Service(svc) => {
                c.set("aws:PrincipalServiceName", (*svc).to_string());
            }
            Actor::Federated(p) => {
                c.set("aws:FederatedProvider", (*p).to_string());
            }
        }
        c
    }

    fn assume_context(&self, a: &Actor, st: &AssumeStep, session_name: &str, profile: Option<&InstanceProfile>) -> Context {
        let mut c = self.base_context(a);
        c.set("sts:RoleSessionName", session_name.to_string());
        if let Some(e) = &st.external_id {
            c.set("sts:ExternalId", e.clone());
        }
        if let Some(si) = &st.source_identity {
            c.set("sts:SourceIdentity", si.clone());
        }
        if !st.tags.is_empty() {
            for t in &st.tags {
                c.set(&format!("aws:RequestTag/{}", t.key), t.value.clone());
            }
            c.insert("aws:TagKeys", ContextValue::multi(st.tags.iter().map(|t| t.key.clone()).collect()));
        }
        if let Some(p) = profile {
            c.set("iam:InstanceProfileArn", p.arn.clone());
        }
        if let Some(role) = self.s.roles.get(st.role) {
            c.set("aws:ResourceAccount", role.account.clone());
        }
        c.apply(&st.context);
        c
    }

    /// Identity policies, boundary, session policies and SCPs of `a`.
    fn identity_set(&self, a: &Actor<'s>) -> PolicySet<'s> {
        let s: &'s Scenario = self.s;
        let mut set = PolicySet::default();
        let named = |d: &'s PolicyDoc| NamedPolicy { name: d.name.as_str(), source: d.source, policy: &d.policy };
        let account = match a {
            Actor::User(u) => {
                set.identity.extend(u.policies.iter().map(named));
                for g in &u.groups {
                    if let Some(g) = s.groups.get(*g) {
                        set.identity.extend(g.policies.iter().map(named));
                    }
                }
                set.boundary = u.boundary.as_ref().map(named);
                Some(u.account.as_str())
            }
            Actor::Session(sess) => {
                let role = s.roles.get(sess.role);
                if let Some(role) = role {
                    set.identity.extend(role.policies.iter().map(named));
                    set.boundary = role.boundary.as_ref().map(named);
                }
                if let Some(StepKind::Assume(st)) = s.steps.get(sess.step).map(|x| &x.kind) {
                    if let Some(SessionPolicy::Parsed(d)) = &st.policy {
                        set.session.push(named(d));
                    }
                }
                role.map(|r| r.account.as_str())
            }
            Actor::Service(_) | Actor::Federated(_) => None,
        };
        if let Some(acct) = account {
            set.scps.extend(s.scps.iter().filter(|x| x.target == acct).map(|x| named(&x.policy)));
        }
        set
    }

    // ---- AssumeRole ----

    fn assume(&mut self, i: usize, st: &'s AssumeStep) -> StepReport {
        let s = self.s;
        let action = st.kind.action();
        let mut r = StepReport { step: i, action: Some(action.to_string()), ..StepReport::default() };
        let Some(role) = s.roles.get(st.role) else { return r };
        r.resource = Some(role.arn.clone());
        let skips_identity = matches!(st.caller, CallerSpec::Service(_) | CallerSpec::Federated(_));
        let first = if skips_identity { "skipped" } else { "pending" };

        let actor = match self.actor(&st.caller) {
            Ok(a) => a,
            Err(e) => {
                r.flow = Some([first, "error", "pending", "pending"]);
                return fail(r, e, "error");
            }
        };
        r.principal = Some(self.caller(&actor).arn);
        let chained = matches!(actor, Actor::Session(_));
        let profile = st.instance_profile.and_then(|k| s.instance_profiles.get(k));

        // ② The request, validated like the real API.
        let session_name = match (&st.session_name, &actor) {
            (Some(n), _) => n.clone(),
            (None, Actor::Service(svc)) => self.service_session_name(svc, role),
            (None, _) => {
                let e = StepError {
                    code: "ValidationError",
                    message:
                        "1 validation error detected: Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null"
                            .into(),
                };
                r.flow = Some([first, "error", "pending", "pending"]);
                return self.with_event(fail(r, e, "error"), &actor, Some(st), None);
            }
        };
        if let Err(e) = self.validate(st, &session_name, role, chained, &actor) {
            r.flow = Some([first, "error", "pending", "pending"]);
            return self.with_event(fail(r, e, "error"), &actor, Some(st), Some(&session_name));
        }
        let duration = st.duration.unwrap_or(3600);

        // ①, ③ identity and trust.
        let caller = self.caller(&actor);
        let ctx = self.assume_context(&actor, st, &session_name, profile);
        let mut set = self.identity_set(&actor);
        set.resource =
            Some(NamedPolicy { name: "AssumeRolePolicyDocument", source: policy::PolicySource::Trust, policy: &role.trust.policy });
        set.resource_account = Some(role.account.as_str());
        set.trust = true;
        let req = Request::new(action, &role.arn, &caller, &ctx);
        let auth = authorize(&req, &set);
        let mut checks = checks_report(&auth, &req, None);
        let mut decision = auth.decision;
        let mut reasons: Vec<Reason> = auth.reasons.clone();
        let mut denied_action = action;

        // Session tags and a source identity need their own permission in
        // the trust policy (and the caller's identity policy).
        let extra: Vec<&'static str> =
            [(!st.tags.is_empty()).then_some("sts:TagSession"), st.source_identity.is_some().then_some("sts:SetSourceIdentity")]
                .into_iter()
                .flatten()
                .collect();
        for extra_action in extra {
            if decision != Decision::Allow {
                break;
            }
            let req2 = Request::new(extra_action, &role.arn, &caller, &ctx);
            let a2 = authorize(&req2, &set);
            checks.extend(checks_report(&a2, &req2, Some(extra_action)));
            if a2.decision != Decision::Allow {
                decision = a2.decision;
                reasons = a2.reasons.clone();
                denied_action = extra_action;
            }
        }
        r.checks = Some(checks);
        r.reasons = reasons.iter().map(|x| reason_code(*x)).collect();
        let identity_state = if skips_identity {
            "skipped"
        } else {
            match auth.checks.iter().find(|c| c.kind == CheckKind::Identity).map(|c| c.decision) {
                Some(Decision::Allow) => "allowed",
                Some(_)
                    if auth.reasons.iter().any(|x| matches!(x, Reason::IdentityNoAllow | Reason::ExplicitDeny(CheckKind::Identity))) =>
                {
                    "denied"
                }
                // The trust policy named the caller itself: no identity allow needed.
                Some(_) => "allowed",
                None => "skipped",
            }
        };
        let trust_state = match auth.checks.iter().find(|c| c.kind == CheckKind::Trust).map(|c| c.decision) {
            Some(Decision::Allow) => "allowed",
            _ => "denied",
        };
        // A denial neither side names (an SCP, a permissions boundary) is
        // on the caller's side: it limits what the caller may request.
        let identity_state = if decision != Decision::Allow && identity_state != "denied" && trust_state != "denied" && !skips_identity {
            "denied"
        } else {
            identity_state
        };
        if decision != Decision::Allow {
            let principal = caller.arn.clone();
            let msg = denial_message(&principal, denied_action, &role.arn, decision, &reasons);
            r.flow = Some([identity_state, "allowed", trust_state, "pending"]);
            let outcome = decision.as_str();
            let r = fail(r, StepError { code: "AccessDenied", message: msg }, outcome);
            return self.with_event(r, &actor, Some(st), Some(&session_name));
        }

        // ④ STS issues temporary credentials.
        let (ak, sk, tok) = self.new_keys();
        let arn = format!("arn:aws:sts::{}:assumed-role/{}/{}", role.account, role.name, session_name);
        let assumed_role_id = format!("{}:{}", self.role_id(role), session_name);
        let mfa = ctx.get("aws:MultiFactorAuthPresent").and_then(|v| v.first()).is_some_and(|v| v.eq_ignore_ascii_case("true"));
        let mfa_age = ctx.get("aws:MultiFactorAuthAge").and_then(|v| v.first()).and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
        let mfa_at = mfa.then(|| self.now - mfa_age.clamp(0, 86_400 * 365));
        let source_identity = match &actor {
            Actor::Session(prev) => prev.source_identity.clone().or_else(|| st.source_identity.clone()),
            _ => st.source_identity.clone(),
        };
        let service = match &actor {
            Actor::Service(svc) => Some((*svc).to_string()),
            _ => None,
        };
        let session = Session {
            step: i,
            role: st.role,
            arn: arn.clone(),
            assumed_role_id: assumed_role_id.clone(),
            session_name: session_name.clone(),
            access_key_id: ak,
            secret_access_key: sk,
            session_token: tok,
            issued_at: self.now,
            expiration: self.now + duration,
            duration,
            mfa,
            mfa_at,
            source_identity: source_identity.clone(),
            tags: st.tags.clone(),
            service,
            chained,
        };
        r.outcome = Some("allowed");
        r.credentials = Some(Credentials {
            access_key_id: session.access_key_id.clone(),
            secret_access_key: session.secret_access_key.clone(),
            session_token: session.session_token.clone(),
            expiration: format_iso8601(session.expiration),
        });
        r.assumed_role_user = Some(AssumedRoleUser { arn, assumed_role_id });
        r.source_identity = source_identity;
        if let Some(SessionPolicy::Parsed(d)) = &st.policy {
            r.packed_policy_size = Some(u32::try_from(d.size * 100 / SESSION_POLICY_QUOTA).unwrap_or(u32::MAX));
        }
        r.flow = Some([identity_state, "allowed", "allowed", "allowed"]);
        if let Some(slot) = self.sessions.get_mut(i) {
            *slot = Some(session);
        }
        self.with_event(r, &actor, Some(st), Some(&session_name))
    }

    fn service_session_name(&self, svc: &str, role: &Role) -> String {
        if svc.starts_with("ec2.") {
            let mut rng = Rng::new(self.s.seed, &role.arn);
            format!("i-0{:016x}", rng.next_u64())
        } else if svc.starts_with("lambda.") {
            // Lambda names the session after the function.
            "my-function".to_string()
        } else {
            format!("{}-session", svc.split('.').next().unwrap_or("service"))
        }
    }

    fn validate(&self, st: &AssumeStep, name: &str, role: &Role, chained: bool, actor: &Actor) -> Result<(), StepError> {
        check_text(name, "roleSessionName", 2, 64, "_+=,.@-", "[\\w+=,.@-]*")?;
        if let Some(d) = st.duration {
            if d < 900 {
                return Err(validation(&d.to_string(), "durationSeconds", "Member must have value greater than or equal to 900"));
            }
            if d > 43200 {
                return Err(validation(&d.to_string(), "durationSeconds", "Member must have value less than or equal to 43200"));
            }
            if chained && d > CHAINED_MAX {
                return Err(StepError {
                    code: "ValidationError",
                    message: "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.".into(),
                });
            }
            if d > role.max_session_duration {
                return Err(StepError {
                    code: "ValidationError",
                    message: format!(
                        "The requested DurationSeconds exceeds the MaxSessionDuration set for this role ({} seconds).",
                        role.max_session_duration
                    ),
                });
            }
        }
        if let Some(e) = &st.external_id {
            check_text(e, "externalId", 2, 1224, "_+=,.@:/-", "[\\w+=,.@:\\/-]*")?;
        }
        if let Some(si) = &st.source_identity {
            check_text(si, "sourceIdentity", 2, 64, "_+=,.@-", "[\\w+=,.@-]*")?;
            if let Actor::Session(prev) = actor {
                if prev.source_identity.as_deref().is_some_and(|p| p != si) {
                    return Err(StepError {
                        code: "AccessDenied",
                        message: "The source identity of a role session cannot be changed: chained sessions keep the source identity of the first session.".into(),
                    });
                }
            }
        }
        if st.tags.len() > 50 {
            return Err(validation(&format!("[{} tags]", st.tags.len()), "tags", "Member must have length less than or equal to 50"));
        }
        for t in &st.tags {
            let k = t.key.chars().count();
            if !(1..=128).contains(&k) {
                return Err(validation(&t.key, "tags.member.key", "Member must have length between 1 and 128"));
            }
            if t.value.chars().count() > 256 {
                return Err(validation(&t.value, "tags.member.value", "Member must have length less than or equal to 256"));
            }
        }
        for (j, t) in st.tags.iter().enumerate() {
            if st.tags.iter().take(j).any(|o| o.key.eq_ignore_ascii_case(&t.key)) {
                return Err(StepError {
                    code: "InvalidParameterValue",
                    message: format!("Duplicate tag keys found. Please note that Tag keys are case insensitive. (`{}`)", t.key),
                });
            }
        }
        match &st.policy {
            Some(SessionPolicy::Malformed(m)) => {
                return Err(StepError { code: "MalformedPolicyDocument", message: format!("The session policy is malformed: {m}") })
            }
            Some(SessionPolicy::Parsed(d)) if d.size > SESSION_POLICY_QUOTA => {
                return Err(StepError {
                    code: "PackedPolicyTooLarge",
                    message: format!(
                        "Packed policy consumes {}% of allotted space, please use smaller policy for session. ({} of {} characters, not counting whitespace)",
                        d.size * 100 / SESSION_POLICY_QUOTA,
                        d.size,
                        SESSION_POLICY_QUOTA
                    ),
                })
            }
            _ => {}
        }
        Ok(())
    }

    // ---- any other call ----

    fn call(&mut self, i: usize, st: &'s CallStep) -> StepReport {
        let s = self.s;
        let mut r = StepReport { step: i, action: Some(st.action.clone()), resource: Some(st.resource.clone()), ..StepReport::default() };
        let actor = match self.actor(&st.caller) {
            Ok(a) => a,
            Err(e) => return fail(r, e, "error"),
        };
        let caller = self.caller(&actor);
        r.principal = Some(caller.arn.clone());
        let mut set = self.identity_set(&actor);
        let (res_policy, res_account) = resource_policy(s, &st.resource, caller.account.as_deref());
        set.resource = res_policy.map(|d| NamedPolicy { name: d.name.as_str(), source: d.source, policy: &d.policy });
        set.resource_account = res_account;
        set.resource_required = set.resource.is_some() && st.resource.starts_with("arn:aws:kms:");
        let mut ctx = self.base_context(&actor);
        if let Some(acct) = res_account {
            ctx.set("aws:ResourceAccount", acct.to_string());
        }
        ctx.apply(&st.context);
        let req = Request::new(&st.action, &st.resource, &caller, &ctx);
        let auth = authorize(&req, &set);
        let mut checks = checks_report(&auth, &req, None);
        let mut decision = auth.decision;
        let mut reasons = auth.reasons.clone();
        let mut denied = (st.action.clone(), st.resource.clone());

        // iam:PassRole for an action that hands a role to a service.
        if let Some(role) = st.passed_role.and_then(|k| s.roles.get(k)) {
            let mut pctx = self.base_context(&actor);
            pctx.set("iam:PassedToService", passed_to_service(&st.action));
            pctx.set("iam:AssociatedResourceArn", st.resource.clone());
            pctx.apply(&st.context);
            let mut pset = self.identity_set(&actor);
            pset.resource_account = Some(role.account.as_str());
            let preq = Request::new("iam:PassRole", &role.arn, &caller, &pctx);
            let pauth = authorize(&preq, &pset);
            checks.extend(checks_report(&pauth, &preq, Some("iam:PassRole")));
            if decision == Decision::Allow && pauth.decision != Decision::Allow {
                decision = pauth.decision;
                reasons = pauth.reasons.clone();
                denied = ("iam:PassRole".into(), role.arn.clone());
            }
        }
        r.checks = Some(checks);
        r.reasons = reasons.iter().map(|x| reason_code(*x)).collect();
        let r = if decision == Decision::Allow {
            StepReport { outcome: Some("allowed"), ..r }
        } else {
            let msg = denial_message(&caller.arn, &denied.0, &denied.1, decision, &reasons);
            fail(r, StepError { code: "AccessDenied", message: msg }, decision.as_str())
        };
        self.with_event(r, &actor, None, None)
    }

    // ---- CloudTrail ----

    fn with_event(&mut self, mut r: StepReport, actor: &Actor, st: Option<&AssumeStep>, session_name: Option<&str>) -> StepReport {
        self.event_count += 1;
        let action = r.action.clone().unwrap_or_default();
        let (service, name) = action.split_once(':').unwrap_or(("", action.as_str()));
        let s = self.s;
        let identity = match actor {
            Actor::User(u) => json!({
                "type": "IAMUser",
                "principalId": self.user_id(u),
                "arn": u.arn,
                "accountId": u.account,
                "accessKeyId": creds::unique_id("AKIA", s.seed, &u.arn).chars().take(20).collect::<String>(),
                "userName": u.name,
            }),
            Actor::Session(sess) => {
                let role = s.roles.get(sess.role);
                let mut sc = json!({
                    "sessionIssuer": {
                        "type": "Role",
                        "principalId": role.map(|r| self.role_id(r)),
                        "arn": role.map(|r| r.arn.clone()),
                        "accountId": role.map(|r| r.account.clone()),
                        "userName": role.map(|r| r.name.clone()),
                    },
                    "attributes": {
                        "creationDate": format_iso8601(sess.issued_at),
                        "mfaAuthenticated": if sess.mfa { "true" } else { "false" },
                    },
                });
                if let (Some(si), Some(obj)) = (&sess.source_identity, sc.as_object_mut()) {
                    obj.insert("sourceIdentity".into(), json!(si));
                }
                json!({
                    "type": "AssumedRole",
                    "principalId": sess.assumed_role_id,
                    "arn": sess.arn,
                    "accountId": role.map(|r| r.account.clone()),
                    "accessKeyId": sess.access_key_id,
                    "sessionContext": sc,
                })
            }
            Actor::Service(svc) => json!({"type": "AWSService", "invokedBy": svc}),
            Actor::Federated(p) => {
                let t = if st.is_some_and(|a| a.kind == AssumeKind::WithSaml) { "SAMLUser" } else { "WebIdentityUser" };
                json!({"type": t, "identityProvider": p})
            }
        };
        let request = match st {
            Some(a) => {
                let mut m = serde_json::Map::new();
                if let Some(role) = s.roles.get(a.role) {
                    m.insert("roleArn".into(), json!(role.arn));
                }
                if let Some(n) = session_name {
                    m.insert("roleSessionName".into(), json!(n));
                }
                m.insert("durationSeconds".into(), json!(a.duration.unwrap_or(3600)));
                if a.external_id.is_some() {
                    m.insert("externalId".into(), json!("HIDDEN_DUE_TO_SECURITY_REASONS"));
                }
                if let Some(si) = &a.source_identity {
                    m.insert("sourceIdentity".into(), json!(si));
                }
                if !a.tags.is_empty() {
                    m.insert("tags".into(), json!(a.tags.iter().map(|t| json!({"key": t.key, "value": t.value})).collect::<Vec<_>>()));
                }
                Value::Object(m)
            }
            None => match &r.resource {
                Some(res) if res != "*" => json!({"resource": res}),
                _ => Value::Null,
            },
        };
        let response = match (&r.credentials, &r.assumed_role_user) {
            (Some(c), Some(u)) => json!({
                "credentials": {"accessKeyId": c.access_key_id, "sessionToken": c.session_token, "expiration": c.expiration},
                "assumedRoleUser": {"assumedRoleId": u.assumed_role_id, "arn": u.arn},
            }),
            _ => Value::Null,
        };
        let recipient = st.and_then(|a| s.roles.get(a.role)).map(|role| role.account.clone()).or_else(|| self.caller(actor).account);
        let mut ev = json!({
            "eventVersion": "1.08",
            "userIdentity": identity,
            "eventTime": format_iso8601(self.now),
            "eventSource": format!("{service}.amazonaws.com"),
            "eventName": name,
            "awsRegion": REGION,
            "sourceIPAddress": match actor { Actor::Service(svc) => (*svc).to_string(), _ => SOURCE_IP.to_string() },
            "requestParameters": request,
            "responseElements": response,
            "eventID": format!("{:08x}-0000-4000-8000-{:012x}", s.seed as u32, self.event_count),
            "eventType": "AwsApiCall",
            "recipientAccountId": recipient,
        });
        if let (Some(code), Some(obj)) = (&r.error_code, ev.as_object_mut()) {
            obj.insert("errorCode".into(), json!(code));
            obj.insert("errorMessage".into(), json!(r.message));
        }
        r.event = Some(ev);
        r
    }
}

fn fail(mut r: StepReport, e: StepError, outcome: &'static str) -> StepReport {
    r.outcome = Some(outcome);
    r.error_code = Some(e.code.to_string());
    r.message = Some(e.message);
    r
}

/// The policy and owning account of a resource ARN: a listed resource, or
/// the bucket that holds an S3 object; otherwise no policy, and the account
/// from the ARN or the caller's.
fn resource_policy<'a>(s: &'a Scenario, arn: &'a str, caller_account: Option<&'a str>) -> (Option<&'a PolicyDoc>, Option<&'a str>) {
    if let Some(r) = s.resources.iter().find(|r| r.arn == arn) {
        return (r.policy.as_ref(), Some(r.account.as_str()));
    }
    if let Some(rest) = arn.strip_prefix("arn:aws:s3:::") {
        if let Some((bucket, _)) = rest.split_once('/') {
            let barn = format!("arn:aws:s3:::{bucket}");
            if let Some(r) = s.resources.iter().find(|r| r.arn == barn) {
                return (r.policy.as_ref(), Some(r.account.as_str()));
            }
        }
    }
    match arn.split(':').nth(4).filter(|a| !a.is_empty()) {
        Some(a) => (None, Some(a)),
        None => (None, caller_account),
    }
}

/// The service a passed role is handed to, for `iam:PassedToService`.
pub fn passed_to_service(action: &str) -> String {
    let service = action.split(':').next().unwrap_or("").to_ascii_lowercase();
    match service.as_str() {
        "ecs" => "ecs-tasks.amazonaws.com".into(),
        "states" => "states.amazonaws.com".into(),
        other => format!("{other}.amazonaws.com"),
    }
}

pub fn reason_code(r: Reason) -> &'static str {
    match r {
        Reason::ExplicitDeny(CheckKind::Scp) => "ExplicitDenyInScp",
        Reason::ExplicitDeny(CheckKind::Resource) => "ExplicitDenyInResourcePolicy",
        Reason::ExplicitDeny(CheckKind::Identity) => "ExplicitDenyInIdentityPolicy",
        Reason::ExplicitDeny(CheckKind::Boundary) => "ExplicitDenyInBoundary",
        Reason::ExplicitDeny(CheckKind::Session) => "ExplicitDenyInSessionPolicy",
        Reason::ExplicitDeny(CheckKind::Trust) => "ExplicitDenyInTrustPolicy",
        Reason::ScpNoAllow => "ScpNoAllow",
        Reason::TrustNoAllow => "TrustNoAllow",
        Reason::ResourceNoAllow => "ResourceNoAllow",
        Reason::IdentityNoAllow => "IdentityNoAllow",
        Reason::BoundaryNoAllow => "BoundaryNoAllow",
        Reason::SessionNoAllow => "SessionNoAllow",
        Reason::AllowedByResourcePolicy => "AllowedByResourcePolicy",
        Reason::AllowedByResourcePolicyForRole => "AllowedByResourcePolicyForRole",
        Reason::AllowedByBothSides => "AllowedByBothSides",
        Reason::AllowedByIdentity => "AllowedByIdentity",
    }
}

/// AWS's wording for an access denial.
pub fn denial_message(principal: &str, action: &str, resource: &str, decision: Decision, reasons: &[Reason]) -> String {
    let head = format!("User: {principal} is not authorized to perform: {action} on resource: {resource}");
    let kind_phrase = |k: CheckKind| match k {
        CheckKind::Scp => Some("a service control policy"),
        CheckKind::Resource => Some("a resource-based policy"),
        CheckKind::Identity => Some("an identity-based policy"),
        CheckKind::Boundary => Some("a permissions boundary"),
        CheckKind::Session => Some("a session policy"),
        CheckKind::Trust => None,
    };
    if decision == Decision::ExplicitDeny {
        return match reasons.iter().find_map(|r| match r {
            Reason::ExplicitDeny(k) => kind_phrase(*k),
            _ => None,
        }) {
            Some(p) => format!("{head} with an explicit deny in {p}"),
            None => head,
        };
    }
    let missing = reasons.iter().find_map(|r| match r {
        Reason::ScpNoAllow => Some("service control policy"),
        Reason::ResourceNoAllow => Some("resource-based policy"),
        Reason::IdentityNoAllow => Some("identity-based policy"),
        Reason::BoundaryNoAllow => Some("permissions boundary"),
        Reason::SessionNoAllow => Some("session policy"),
        _ => None,
    });
    // AWS does not say why a trust policy refused.
    if reasons.contains(&Reason::TrustNoAllow) && action.starts_with("sts:") {
        return head;
    }
    match missing {
        Some(p) => format!("{head} because no {p} allows the {action} action"),
        None => head,
    }
}

/// The contract's `Checks` for one authorization, with the statements that
/// decided each check and, where it did not allow, why the others did not
/// apply. `action` marks checks made for another action than the step's.
fn checks_report(auth: &Authorization, req: &Request, action: Option<&str>) -> Vec<CheckReport> {
    auth.checks
        .iter()
        .map(|c| {
            let matched = c
                .deciding()
                .filter_map(|(p, h)| {
                    let st = p.policy.statement(h.statement)?;
                    Some(MatchedStatement { statement: StatementRef::new(p, st), effect: st.effect.as_str() })
                })
                .collect();
            let not_applied = if c.decision == Decision::ImplicitDeny { not_applied(c, req) } else { Vec::new() };
            CheckReport {
                check: c.kind.as_str(),
                decision: c.decision.as_str(),
                matched_statements: matched,
                action: action.map(str::to_string),
                resource: action.map(|_| req.resource.to_string()),
                not_applied,
            }
        })
        .collect()
}

fn not_applied(c: &policy::Check, req: &Request) -> Vec<NotApplied> {
    let mut out = Vec::new();
    for (p, _) in &c.policies {
        for (idx, res) in p.policy.explain(req) {
            let Some(st) = p.policy.statement(idx) else { continue };
            if st.effect != Effect::Allow {
                continue;
            }
            let (reason, cond) = match res {
                Ok(_) => continue,
                Err(Miss::Action) => ("action", None),
                Err(Miss::Resource) => ("resource", None),
                Err(Miss::Principal) => ("principal", None),
                Err(Miss::Condition(k)) => ("condition", st.condition.entries.get(k)),
            };
            out.push(NotApplied {
                statement: StatementRef::new(p, st),
                reason,
                condition_key: cond.map(|e| e.key.clone()),
                operator: cond.map(|e| e.operator_text.clone()),
                policy_values: cond.map(|e| e.raw_values.clone()).unwrap_or_default(),
                request_values: cond.map(|e| e.request_values(req.context)),
            });
        }
    }
    out
}
