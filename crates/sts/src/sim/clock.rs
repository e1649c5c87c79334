//! The simulated clock: clock steps and the learner's clock moves, during
//! which services re-assume their roles before their credentials expire.

use std::rc::Rc;

use policy::time::format_iso8601;
use policy::{authorize, Caller, CallerKind, Decision, NamedPolicy, PolicySet, Request};

use super::actor::Actor;
use super::{Simulator, MAX_LISTED_REFRESHES, MAX_REFRESH_ITERATIONS, REFRESH_BEFORE};
use crate::report::*;
use crate::scenario::*;

impl Simulator<'_> {
    pub(super) fn advance(&mut self, i: usize, n: i64) -> StepReport {
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
    pub(super) fn refresh_until(&mut self, k: usize, target: i64, out: &mut Vec<Refresh>) {
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
                    if let Some(sess) = self.sessions.get_mut(k).and_then(Option::as_mut).map(Rc::make_mut) {
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
                let slot = self.sessions.get_mut(k).and_then(Option::as_mut).map(Rc::make_mut);
                let Some(sess) = slot else { return };
                sess.access_key_id = ak;
                sess.secret_access_key = sk;
                sess.session_token = tok;
                sess.issued_at = due;
                sess.expiration = due + duration;
                Refresh {
                    session: k,
                    at: format_iso8601(due),
                    outcome: Outcome::Allowed,
                    access_key_id: Some(sess.access_key_id.clone()),
                    expiration: Some(format_iso8601(sess.expiration)),
                    more: 0,
                }
            } else {
                // The trust policy no longer lets the service in: it keeps
                // the old credentials until they expire.
                if let Some(sess) = self.sessions.get_mut(k).and_then(Option::as_mut).map(Rc::make_mut) {
                    sess.service = None;
                }
                Refresh {
                    session: k,
                    at: format_iso8601(due),
                    outcome: Outcome::ImplicitDeny,
                    access_key_id: None,
                    expiration: None,
                    more: 0,
                }
            };
            self.now = saved;
            if listed < MAX_LISTED_REFRESHES || entry.outcome != Outcome::Allowed {
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
}
