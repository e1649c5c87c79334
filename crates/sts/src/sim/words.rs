//! AWS's wording: access denials and the errors a request can fail with.

use policy::{CheckKind, Decision, Reason};

use crate::report::*;

/// A step that fails: AWS's error code and message.
pub(super) struct StepError {
    pub(super) code: ErrorCode,
    pub(super) message: String,
}

impl StepError {
    pub(super) fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        StepError { code, message: message.into() }
    }
}

/// The report of a step that ended with `outcome` and this error.
pub(super) fn fail(mut r: StepReport, e: StepError, outcome: Outcome) -> StepReport {
    r.outcome = Some(outcome);
    r.error_code = Some(e.code);
    r.message = Some(e.message);
    r
}

/// AWS's wording for an access denial.
pub(super) fn denial_message(principal: &str, action: &str, resource: &str, decision: Decision, reasons: &[Reason]) -> String {
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
