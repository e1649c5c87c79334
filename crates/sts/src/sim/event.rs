//! The CloudTrail-like record of each call: its parts gathered when the
//! request is made (the JSON is built when read, in [`crate::event`]).

use std::rc::Rc;

use super::actor::Actor;
use super::Simulator;
use crate::event::{AssumeParams, Event, Identity, Parts};
use crate::report::*;
use crate::scenario::*;

impl Simulator<'_> {
    pub(super) fn with_event(
        &mut self,
        mut r: StepReport,
        actor: &Actor,
        st: Option<&AssumeStep>,
        session_name: Option<&str>,
    ) -> StepReport {
        self.event_count += 1;
        if self.quiet {
            return r;
        }
        let s = self.s;
        let identity = match actor {
            Actor::User(u) => Identity::User { arn: u.arn.clone(), account: u.account.clone(), name: u.name.clone() },
            Actor::UserSession(u, us) => Identity::UserSession {
                arn: u.arn.clone(),
                account: u.account.clone(),
                name: u.name.clone(),
                access_key_id: us.access_key_id.clone(),
                issued_at: us.issued_at,
                mfa: us.mfa,
            },
            Actor::Session(sess) => Identity::Session {
                session: Rc::clone(sess),
                role: s.roles.get(sess.role).map(|r| (r.arn.clone(), r.account.clone(), r.name.clone())),
            },
            Actor::Service(svc) => Identity::Service((*svc).to_string()),
            Actor::Federated(p) => {
                Identity::Federated { provider: (*p).to_string(), saml: st.is_some_and(|a| a.kind == AssumeKind::WithSaml) }
            }
        };
        let assume = st.map(|a| AssumeParams {
            role_arn: s.roles.get(a.role).map(|role| role.arn.clone()),
            // AssumeRoleWithSAML names the identity provider's ARN.
            principal_arn: match (a.kind, actor) {
                (AssumeKind::WithSaml, Actor::Federated(p)) => Some((*p).to_string()),
                _ => None,
            },
            session_name: session_name.map(str::to_string),
            duration: a.duration.unwrap_or(3600),
            external_id: a.external_id.is_some(),
            source_identity: a.source_identity.clone(),
            tags: a.tags.iter().map(|t| (t.key.clone(), t.value.clone())).collect(),
        });
        let response = match (&r.credentials, &r.assumed_role_user) {
            (Some(c), Some(u)) => Some((c.clone(), Some(u.clone()))),
            _ => None,
        };
        let caller_account = match actor {
            Actor::User(u) | Actor::UserSession(u, _) => Some(u.account.clone()),
            Actor::Session(sess) => s.roles.get(sess.role).map(|r| r.account.clone()),
            Actor::Service(_) | Actor::Federated(_) => None,
        };
        let recipient = st.and_then(|a| s.roles.get(a.role)).map(|role| role.account.clone()).or(caller_account);
        r.event = Some(Event::new(Parts {
            seed: s.seed,
            number: self.event_count,
            time: self.now,
            action: r.action.clone().unwrap_or_default(),
            identity,
            assume,
            session_token: None,
            resource: if st.is_some() { None } else { r.resource.clone() },
            response,
            recipient,
            error: r.error_code.map(|c| (c, r.message.clone())),
        }));
        r
    }
}
