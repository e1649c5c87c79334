//! `sts:AssumeRole` (and its web-identity and SAML forms): ① the caller's
//! identity policy, ② the request, ③ the trust policy, ④ the credentials.

use std::rc::Rc;

use policy::time::format_iso8601;
use policy::{authorize, CheckKind, Decision, NamedPolicy, Reason, Request};

use super::actor::Actor;
use super::words::{denial_message, fail, StepError};
use super::{Session, Simulator};
use crate::creds::Rng;
use crate::report::*;
use crate::scenario::*;

impl<'s> Simulator<'s> {
    pub(super) fn assume(&mut self, i: usize, st: &'s AssumeStep) -> StepReport {
        let s = self.s;
        let action = st.kind.action();
        let mut r = StepReport { step: i, action: Some(action.to_string()), ..StepReport::default() };
        let Some(role) = s.roles.get(st.role) else { return r };
        r.resource = Some(role.arn.clone());
        let skips_identity = matches!(st.caller, CallerSpec::Service(_) | CallerSpec::Federated(_));
        // Phases the request never got to.
        let unreached = if skips_identity { PhaseState::Skipped } else { PhaseState::NotReached };
        let stopped = |second: PhaseState| Some([unreached, second, PhaseState::NotReached, PhaseState::NotReached]);

        let actor = match self.actor(&st.caller) {
            Ok(a) => a,
            Err(e) => {
                // The caller's credentials failed: STS could not take the request.
                r.flow = stopped(PhaseState::Error);
                return fail(r, e, Outcome::Error);
            }
        };
        r.principal = Some(self.caller(&actor).arn);
        // Role chaining is one role session assuming a role; "AWS does not
        // treat using roles to grant permissions to applications that run on
        // EC2 instances as role chaining" (IAM User Guide, roles terms).
        let chained = match &actor {
            Actor::Session(prev) => !matches!(
                s.steps.get(prev.step).map(|x| &x.kind),
                Some(StepKind::Assume(a)) if matches!(&a.caller, CallerSpec::Service(svc) if svc.starts_with("ec2."))
            ),
            _ => false,
        };
        let profile = st.instance_profile.and_then(|k| s.instance_profiles.get(k));

        // ② The request, validated like the real API: a request STS rejects
        // reaches no policy.
        let session_name = match (&st.session_name, &actor) {
            (Some(n), _) => n.clone(),
            (None, Actor::Service(svc)) => self.service_session_name(svc, role, st),
            (None, _) => {
                let e = StepError::new(
                    ErrorCode::ValidationError,
                    "1 validation error detected: Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null",
                );
                r.flow = stopped(PhaseState::Rejected);
                return self.with_event(fail(r, e, Outcome::Error), &actor, Some(st), None);
            }
        };
        if let Err(e) = self.validate(st, &session_name, role, chained, &actor) {
            r.flow = stopped(PhaseState::Rejected);
            return self.with_event(fail(r, e, Outcome::Error), &actor, Some(st), Some(&session_name));
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
        self.note_evaluation(i, &req, &set, auth.decision);
        let mut checks = self.checks(&auth, &req, None);
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
            checks.extend(self.checks(&a2, &req2, Some(extra_action)));
            if a2.decision != Decision::Allow {
                decision = a2.decision;
                reasons = a2.reasons.clone();
                denied_action = extra_action;
            }
        }
        r.checks = Some(checks);
        r.reasons = reasons.clone();
        let identity_check = auth.checks.iter().find(|c| c.kind == CheckKind::Identity).map(|c| c.decision);
        let identity_refused =
            auth.reasons.iter().any(|x| matches!(x, Reason::IdentityNoAllow | Reason::ExplicitDeny(CheckKind::Identity)));
        let trust_state = match auth.checks.iter().find(|c| c.kind == CheckKind::Trust).map(|c| c.decision) {
            Some(Decision::Allow) => PhaseState::Allowed,
            _ => PhaseState::Denied,
        };
        let identity_state = match identity_check {
            _ if skips_identity => PhaseState::Skipped,
            Some(Decision::Allow) => PhaseState::Allowed,
            Some(_) if identity_refused => PhaseState::Denied,
            // A denial neither side names (an SCP, a permissions boundary)
            // is on the caller's side: it limits what the caller may request.
            Some(_) if decision != Decision::Allow && trust_state != PhaseState::Denied => PhaseState::Denied,
            // In the role's own account the trust policy granted the caller
            // directly: no identity-based allow was needed.
            Some(_) => PhaseState::NotNeeded,
            None => PhaseState::Skipped,
        };
        if decision != Decision::Allow {
            let principal = caller.arn.clone();
            let msg = denial_message(&principal, denied_action, &role.arn, decision, &reasons, true);
            r.flow = Some([identity_state, PhaseState::Sent, trust_state, PhaseState::NotReached]);
            let r = fail(r, StepError::new(ErrorCode::AccessDenied, msg), Outcome::of(decision));
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
        r.outcome = Some(Outcome::Allowed);
        r.credentials = Some(Credentials {
            access_key_id: session.access_key_id.clone(),
            secret_access_key: session.secret_access_key.clone(),
            session_token: session.session_token.clone(),
            expiration: format_iso8601(session.expiration),
        });
        r.assumed_role_user = Some(AssumedRoleUser { arn, assumed_role_id });
        r.source_identity = source_identity;
        r.flow = Some([identity_state, PhaseState::Sent, PhaseState::Allowed, PhaseState::Allowed]);
        let session = Rc::new(session);
        if let Some(slot) = self.issued.get_mut(i) {
            *slot = Some(Rc::clone(&session));
        }
        if let Some(slot) = self.sessions.get_mut(i) {
            *slot = Some(session);
        }
        self.with_event(r, &actor, Some(st), Some(&session_name))
    }

    /// The session name a service uses when it assumes a role for itself.
    /// AWS documents none of these; they are roleplay's choices: the
    /// instance ID for EC2, the function's name for Lambda, a task ID for
    /// ECS, `<service>-session` otherwise.
    pub(super) fn service_session_name(&self, svc: &str, role: &Role, st: &AssumeStep) -> String {
        let mut rng = Rng::new(self.s.seed, &role.arn);
        if svc.starts_with("ec2.") {
            format!("i-0{:016x}", rng.next_u64())
        } else if svc.starts_with("lambda.") {
            st.function_name.clone().unwrap_or_else(|| "my-function".to_string())
        } else if svc.starts_with("ecs-tasks.") || svc.starts_with("ecs.") {
            format!("{:016x}{:016x}", rng.next_u64(), rng.next_u64())
        } else {
            format!("{}-session", svc.split('.').next().unwrap_or("service"))
        }
    }
}
