//! The request checked like the STS API checks it, before any policy:
//! lengths and characters of its strings, `DurationSeconds` against the
//! role and the chaining cap, session tags and the session policy.

use super::actor::Actor;
use super::words::StepError;
use super::{Simulator, CHAINED_MAX};
use crate::report::{ErrorCode, Explanation};
use crate::scenario::quota::SESSION_POLICY_QUOTA;
use crate::scenario::*;

pub(super) fn validation(value: &str, field: &str, constraint: &str) -> StepError {
    StepError::new(
        ErrorCode::ValidationError,
        format!("1 validation error detected: Value '{value}' at '{field}' failed to satisfy constraint: {constraint}"),
    )
}

/// A request string checked like the STS API checks it: length, then the
/// characters of its pattern (`\w` plus `extra`).
pub(super) fn check_text(value: &str, field: &str, min: usize, max: usize, extra: &str, pattern: &str) -> Result<(), StepError> {
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

impl Simulator<'_> {
    pub(super) fn validate(&self, st: &AssumeStep, name: &str, role: &Role, chained: bool, actor: &Actor) -> Result<(), StepError> {
        check_text(name, "roleSessionName", 2, 64, "_+=,.@-", "[\\w+=,.@-]*")?;
        if let Some(d) = st.duration {
            if d < 900 {
                return Err(validation(&d.to_string(), "durationSeconds", "Member must have value greater than or equal to 900"));
            }
            if d > 43200 {
                return Err(validation(&d.to_string(), "durationSeconds", "Member must have value less than or equal to 43200"));
            }
            if chained && d > CHAINED_MAX {
                return Err(StepError::new(
                    ErrorCode::ValidationError,
                    "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.",
                ));
            }
            if d > role.max_session_duration {
                return Err(StepError::new(
                    ErrorCode::ValidationError,
                    "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
                )
                .explained(Explanation::MaxSessionDuration { max_session_duration: role.max_session_duration }));
            }
        }
        if let Some(e) = &st.external_id {
            check_text(e, "externalId", 2, 1224, "_+=,.@:/-", "[\\w+=,.@:\\/-]*")?;
        }
        if let Some(si) = &st.source_identity {
            check_text(si, "sourceIdentity", 2, 64, "_+=,.@-", "[\\w+=,.@-]*")?;
            if let Actor::Session(prev) = actor {
                if prev.source_identity.as_deref().is_some_and(|p| p != si) {
                    return Err(StepError::new(
                        ErrorCode::AccessDenied,
                        "The source identity of a role session cannot be changed: chained sessions keep the source identity of the first session.",
                    ));
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
                return Err(StepError::new(
                    ErrorCode::InvalidParameterValue,
                    "Duplicate tag keys found. Please note that Tag keys are case insensitive.",
                )
                .explained(Explanation::DuplicateTagKey { key: t.key.clone() }));
            }
        }
        match &st.policy {
            // The plaintext limit is checked like a parameter's length; the
            // separate packed-size limit (`PackedPolicyTooLarge`) is not
            // simulated.
            Some(SessionPolicy::TooLong(text)) => {
                let n = text.chars().count();
                return Err(validation(text, "policy", &format!("Member must have length less than or equal to {SESSION_POLICY_QUOTA}"))
                    .explained(Explanation::SessionPolicyLength { characters: n, limit: SESSION_POLICY_QUOTA }));
            }
            Some(SessionPolicy::Malformed(m)) => {
                return Err(StepError::new(ErrorCode::MalformedPolicyDocument, format!("The session policy is malformed: {m}")))
            }
            _ => {}
        }
        Ok(())
    }
}
