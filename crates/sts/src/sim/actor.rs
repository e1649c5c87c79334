//! Who acts in a step (a user, a role session, a service, an identity
//! provider), the policies that speak for them, and the condition keys AWS
//! sets for their requests.

use std::rc::Rc;

use policy::time::format_iso8601;
use policy::{Caller, CallerKind, Context, ContextValue, NamedPolicy, PolicySet};

use super::words::StepError;
use super::{Session, Simulator, UserSession, REGION, SOURCE_IP};
use crate::creds;
use crate::report::ErrorCode;
use crate::scenario::*;

/// The acting identity of a step.
pub(super) enum Actor<'a> {
    User(&'a User),
    /// A user with the credentials of a GetSessionToken step.
    UserSession(&'a User, Box<UserSession>),
    Session(Rc<Session>),
    Service(&'a str),
    Federated(&'a str),
}

impl<'s> Simulator<'s> {
    pub(super) fn actor(&self, c: &'s CallerSpec) -> Result<Actor<'s>, StepError> {
        let s = self.s;
        match c {
            CallerSpec::User(u) => {
                s.users.get(*u).map(Actor::User).ok_or_else(|| {
                    StepError::new(ErrorCode::InvalidClientTokenId, "The security token included in the request is invalid.")
                })
            }
            CallerSpec::Service(svc) => Ok(Actor::Service(svc)),
            CallerSpec::Federated(p) => Ok(Actor::Federated(p)),
            CallerSpec::Session(n) if self.session(*n).is_none() && self.user_session(*n).is_some() => self.user_session_actor(*n),
            CallerSpec::Session(n) => self.session_actor(self.sessions.get(*n).and_then(Option::as_ref)),
            CallerSpec::OriginalSession(n) => self.session_actor(self.issued.get(*n).and_then(Option::as_ref)),
        }
    }

    /// A role session as the actor: step `n`'s credentials `sess`, if it
    /// issued any and they have not expired.
    fn session_actor(&self, sess: Option<&Rc<Session>>) -> Result<Actor<'s>, StepError> {
        match sess {
            // AWS's messages only: the step and the expiry are in the
            // report's `Explanation` (`Simulator::step`).
            None => Err(StepError::new(ErrorCode::InvalidClientTokenId, "The security token included in the request is invalid.")),
            Some(sess) if self.now >= sess.expiration => {
                Err(StepError::new(ErrorCode::ExpiredToken, "The security token included in the request is expired"))
            }
            Some(sess) => Ok(Actor::Session(Rc::clone(sess))),
        }
    }

    pub(super) fn caller(&self, a: &Actor) -> Caller {
        match a {
            Actor::User(u) | Actor::UserSession(u, _) => Caller {
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

    pub(super) fn user_id(&self, u: &User) -> String {
        creds::unique_id("AIDA", self.s.seed, &u.arn)
    }

    pub(super) fn role_id(&self, r: &Role) -> String {
        creds::unique_id("AROA", self.s.seed, &r.arn)
    }

    /// The condition keys AWS sets itself for a request by `a`.
    pub(super) fn base_context(&self, a: &Actor) -> Context {
        let mut c = Context::new();
        c.set_static("aws:CurrentTime", format_iso8601(self.now));
        c.set_static("aws:EpochTime", self.now.to_string());
        c.set_static("aws:SecureTransport", "true");
        c.set_static("aws:RequestedRegion", REGION);
        c.set_static("aws:ViaAWSService", "false");
        c.set_static("aws:PrincipalIsAWSService", if matches!(a, Actor::Service(_)) { "true" } else { "false" });
        if !matches!(a, Actor::Service(_)) {
            c.set_static("aws:SourceIp", SOURCE_IP);
        }
        match a {
            Actor::User(u) | Actor::UserSession(u, _) => {
                c.set_static("aws:PrincipalArn", u.arn.clone());
                c.set_static("aws:PrincipalAccount", u.account.clone());
                c.set_static("aws:PrincipalType", "User");
                c.set_static("aws:username", u.name.clone());
                c.set_static("aws:userid", self.user_id(u));
                for t in &u.tags {
                    c.set(&format!("aws:PrincipalTag/{}", t.key), t.value.clone());
                }
                if let Actor::UserSession(_, us) = a {
                    super::session_token::session_keys(&mut c, us, self.now);
                }
            }
            Actor::Session(sess) => {
                if let Some(role) = self.s.roles.get(sess.role) {
                    c.set_static("aws:PrincipalArn", role.arn.clone());
                    c.set_static("aws:PrincipalAccount", role.account.clone());
                    for t in &role.tags {
                        c.set(&format!("aws:PrincipalTag/{}", t.key), t.value.clone());
                    }
                }
                c.set_static("aws:PrincipalType", "AssumedRole");
                c.set_static("aws:userid", sess.assumed_role_id.clone());
                c.set_static("aws:TokenIssueTime", format_iso8601(sess.issued_at));
                c.set_static("aws:MultiFactorAuthPresent", if sess.mfa { "true" } else { "false" });
                if let Some(at) = sess.mfa_at {
                    c.set_static("aws:MultiFactorAuthAge", (self.now - at).max(0).to_string());
                }
                if let Some(si) = &sess.source_identity {
                    c.set_static("aws:SourceIdentity", si.clone());
                }
                for t in &sess.tags {
                    c.set(&format!("aws:PrincipalTag/{}", t.key), t.value.clone());
                }
            }
            Actor::Service(svc) => {
                c.set_static("aws:PrincipalServiceName", (*svc).to_string());
            }
            Actor::Federated(p) => {
                c.set_static("aws:FederatedProvider", (*p).to_string());
            }
        }
        c
    }

    pub(super) fn assume_context(&self, a: &Actor, st: &AssumeStep, session_name: &str, profile: Option<&InstanceProfile>) -> Context {
        let mut c = self.base_context(a);
        c.set_static("sts:RoleSessionName", session_name.to_string());
        if let Some(e) = &st.external_id {
            c.set_static("sts:ExternalId", e.clone());
        }
        if let Some(si) = &st.source_identity {
            c.set_static("sts:SourceIdentity", si.clone());
        }
        if !st.tags.is_empty() {
            for t in &st.tags {
                c.set(&format!("aws:RequestTag/{}", t.key), t.value.clone());
            }
            c.insert("aws:TagKeys", ContextValue::multi(st.tags.iter().map(|t| t.key.clone()).collect()));
        }
        if let Some(p) = profile {
            c.set_static("iam:InstanceProfileArn", p.arn.clone());
        }
        if let Some(role) = self.s.roles.get(st.role) {
            c.set_static("aws:ResourceAccount", role.account.clone());
        }
        c.apply(&st.context);
        c
    }

    /// Identity policies, boundary, session policies and SCPs of `a`.
    pub(super) fn identity_set(&self, a: &Actor<'s>) -> PolicySet<'s> {
        let s: &'s Scenario = self.s;
        let mut set = PolicySet::default();
        let named = |d: &'s PolicyDoc| NamedPolicy { name: d.name.as_str(), source: d.source, policy: &d.policy };
        let account = match a {
            Actor::User(u) | Actor::UserSession(u, _) => {
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
}
