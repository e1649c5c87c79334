//! ⑤ Any other call, made with a user's own credentials or a role
//! session's, with `iam:PassRole` when the action hands a role to a service.

use policy::{authorize, Decision, NamedPolicy, Request};

use super::actor::Actor;
use super::words::{denial_message, fail, says_why, StepError};
use super::Simulator;
use crate::report::*;
use crate::rules::{rule_for, unmodifiable_message, Rule, Verdict};
use crate::scenario::*;

impl<'s> Simulator<'s> {
    pub(super) fn call(&mut self, i: usize, st: &'s CallStep) -> StepReport {
        let s = self.s;
        let mut r = StepReport { step: i, action: Some(st.action.clone()), resource: Some(st.resource.clone()), ..StepReport::default() };
        let actor = match self.actor(&st.caller) {
            Ok(a) => a,
            Err(e) => return fail(r, e, Outcome::Error),
        };
        // Credentials from GetSessionToken call IAM only with MFA, and of
        // STS only AssumeRole and GetCallerIdentity.
        if let Actor::UserSession(_, us) = &actor {
            if let Err(e) = super::session_token::may_call(&st.action, us) {
                r.principal = Some(self.caller(&actor).arn);
                return fail(r, e, Outcome::Error);
            }
        }
        let caller = self.caller(&actor);
        r.principal = Some(caller.arn.clone());
        let rule = rule_for(s, &st.action, &st.resource);
        if rule == Some(Rule::NoPermissionRequired) {
            // No policy is evaluated: nothing can deny it.
            let r = StepReport { outcome: Some(Outcome::Allowed), rule, ..r };
            return self.with_event(r, &actor, None, None);
        }
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
        self.note_evaluation(i, &req, &set, auth.decision);
        let mut checks = self.checks(&auth, &req, None);
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
            checks.extend(self.checks(&pauth, &preq, Some("iam:PassRole")));
            if decision == Decision::Allow && pauth.decision != Decision::Allow {
                decision = pauth.decision;
                reasons = pauth.reasons.clone();
                denied = ("iam:PassRole".into(), role.arn.clone());
            }
        }
        r.checks = Some(checks);
        let why = says_why(&denied.0, caller.account.as_deref(), res_account);
        let r = match rule.map(|x| (x, x.verdict())) {
            // AWS refuses it whatever the policies allow; an explicit deny
            // by a policy still shows as such.
            Some((x, Verdict::Deny)) if decision != Decision::ExplicitDeny => {
                let msg = if decision == Decision::Allow {
                    denial_message(&caller.arn, &st.action, &st.resource, Decision::ImplicitDeny, &[], why)
                } else {
                    r.reasons = reasons.clone();
                    denial_message(&caller.arn, &denied.0, &denied.1, decision, &reasons, why)
                };
                fail(StepReport { rule: Some(x), ..r }, StepError::new(ErrorCode::AccessDenied, msg), Outcome::ImplicitDeny)
            }
            // Authorized, but IAM will not change a protected role.
            Some((x, Verdict::Unmodifiable)) if decision == Decision::Allow => {
                let e = StepError::new(ErrorCode::UnmodifiableEntity, unmodifiable_message(&st.resource));
                fail(StepReport { rule: Some(x), ..r }, e, Outcome::Error)
            }
            other => {
                r.reasons = reasons.clone();
                r.rule = other.filter(|(_, v)| *v == Verdict::Note).map(|(x, _)| x);
                if decision == Decision::Allow {
                    StepReport { outcome: Some(Outcome::Allowed), ..r }
                } else {
                    let msg = denial_message(&caller.arn, &denied.0, &denied.1, decision, &reasons, why);
                    fail(r, StepError::new(ErrorCode::AccessDenied, msg), Outcome::of(decision))
                }
            }
        };
        self.with_event(r, &actor, None, None)
    }
}

/// The policy and owning account of a resource ARN: a listed resource, or
/// the bucket that holds an S3 object; otherwise no policy, and the account
/// from the ARN, or the caller's where the ARN has no account ID.
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
    // `arn:aws:iam::aws:policy/…` (an AWS managed policy) names no account
    // of its own: like an ARN with no account, it is the caller's.
    match arn.split(':').nth(4).filter(|a| policy::arn::is_account_id(a)) {
        Some(a) => (None, Some(a)),
        None => (None, caller_account),
    }
}

/// The service a passed role is handed to, for `iam:PassedToService`.
pub(super) fn passed_to_service(action: &str) -> String {
    let service = action.split(':').next().unwrap_or("").to_ascii_lowercase();
    match service.as_str() {
        "ecs" => "ecs-tasks.amazonaws.com".into(),
        "states" => "states.amazonaws.com".into(),
        other => format!("{other}.amazonaws.com"),
    }
}
