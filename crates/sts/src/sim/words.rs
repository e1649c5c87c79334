//! AWS's wording: access denials and the errors a request can fail with.
//! A message is AWS's text only; what roleplay adds goes in the report's
//! `Explanation` ([`StepError::explanation`]), beside it.

use policy::{CheckKind, Decision, Reason};

use crate::report::*;

/// A step that fails: AWS's error code and message, and roleplay's
/// explanation beside the message.
pub(super) struct StepError {
    pub(super) code: ErrorCode,
    pub(super) message: String,
    pub(super) explanation: Option<Explanation>,
}

impl StepError {
    pub(super) fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        StepError { code, message: message.into(), explanation: None }
    }

    /// With roleplay's explanation beside AWS's message.
    pub(super) fn explained(self, e: Explanation) -> Self {
        StepError { explanation: Some(e), ..self }
    }
}

/// The report of a step that ended with `outcome` and this error.
pub(super) fn fail(mut r: StepReport, e: StepError, outcome: Outcome) -> StepReport {
    r.outcome = Some(outcome);
    r.error_code = Some(e.code);
    r.message = Some(e.message);
    r.explanation = e.explanation;
    r
}

/// Whether AWS says why: S3 adds the policy type to an access-denied
/// message only for requests within the same account (or organization,
/// which roleplay does not model); the IAM User Guide gives the phrases for
/// everything else, role trust policies included
/// (`troubleshoot_access-denied.html`).
pub(super) fn says_why(action: &str, caller_account: Option<&str>, resource_account: Option<&str>) -> bool {
    let s3 = action.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("s3:"));
    !(s3 && caller_account.is_some() && resource_account.is_some() && caller_account != resource_account)
}

/// AWS's wording for an access denial; `why` is false where AWS gives no
/// reason (see [`says_why`]).
pub(super) fn denial_message(principal: &str, action: &str, resource: &str, decision: Decision, reasons: &[Reason], why: bool) -> String {
    let head = format!("User: {principal} is not authorized to perform: {action} on resource: {resource}");
    if !why {
        return head;
    }
    let kind_phrase = |k: CheckKind| match k {
        CheckKind::Scp => "a service control policy",
        CheckKind::Resource => "a resource-based policy",
        CheckKind::Identity => "an identity-based policy",
        CheckKind::Boundary => "a permissions boundary",
        CheckKind::Session => "a session policy",
        CheckKind::Trust => "the role trust policy",
    };
    if decision == Decision::ExplicitDeny {
        return match reasons.iter().find_map(|r| match r {
            Reason::ExplicitDeny(k) => Some(kind_phrase(*k)),
            _ => None,
        }) {
            Some(p) => format!("{head} with an explicit deny in {p}"),
            None => head,
        };
    }
    // AWS names one policy type only ("If multiple policy types deny an
    // authorization request, AWS includes only one of those policy types").
    let missing = reasons.iter().find_map(|r| match r {
        Reason::ScpNoAllow => Some("service control policy"),
        Reason::ResourceNoAllow => Some("resource-based policy"),
        Reason::IdentityNoAllow => Some("identity-based policy"),
        Reason::BoundaryNoAllow => Some("permissions boundary"),
        Reason::SessionNoAllow => Some("session policy"),
        Reason::TrustNoAllow => Some("role trust policy"),
        _ => None,
    });
    match missing {
        Some(p) => format!("{head} because no {p} allows the {action} action"),
        None => head,
    }
}
