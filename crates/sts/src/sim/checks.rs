//! The contract's `Checks` of one authorization: the statements that
//! decided each check and, where it did not allow, why the others did not.

use policy::{Authorization, Decision, Effect, Miss, Principal, Request};

use super::Simulator;
use crate::report::*;

impl Simulator<'_> {
    /// [`checks_report`], or nothing when only decisions are wanted.
    pub(super) fn checks(&self, auth: &Authorization, req: &Request, action: Option<&str>) -> Vec<CheckReport> {
        if self.quiet {
            return Vec::new();
        }
        checks_report(auth, req, action)
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
                    Some(MatchedStatement { statement: StatementRef::new(p, st), effect: st.effect, grant: h.grant })
                })
                .collect();
            let not_applied = if c.decision == Decision::ImplicitDeny { not_applied(c, req) } else { Vec::new() };
            CheckReport {
                check: c.kind,
                decision: c.decision,
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
                Err(Miss::Action) => (Unmet::Action, None),
                Err(Miss::Resource) => (Unmet::Resource, None),
                Err(Miss::Principal) => (Unmet::Principal, None),
                Err(Miss::Condition(k)) => (Unmet::Condition, st.condition.entries.get(k)),
            };
            let policy_values = match (reason, cond) {
                (_, Some(e)) => e.raw_values.clone(),
                (Unmet::Principal, None) => st.principal.iter().flat_map(|p| p.entries.iter()).map(|i| principal_text(&i.value)).collect(),
                _ => Vec::new(),
            };
            out.push(NotApplied {
                statement: StatementRef::new(p, st),
                reason,
                condition_key: cond.map(|e| e.key.clone()),
                operator: cond.map(|e| e.operator_text.clone()),
                policy_values,
                request_values: cond.map(|e| e.request_values(req.context)),
            });
        }
    }
    out
}

/// A principal as `NotApplied.PolicyValues` shows it: an account as its
/// 12-digit ID, `*`, or the ARN, service or provider named.
fn principal_text(p: &Principal) -> String {
    match p {
        Principal::Anyone => "*".to_string(),
        Principal::Account(a)
        | Principal::User(a)
        | Principal::Role(a)
        | Principal::AssumedRole(a)
        | Principal::OtherArn(a)
        | Principal::Service(a)
        | Principal::Federated(a)
        | Principal::CanonicalUser(a) => a.clone(),
    }
}
