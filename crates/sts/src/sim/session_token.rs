//! `sts:GetSessionToken`: an IAM user's own temporary credentials, and what
//! those credentials may call.
//!
//! What AWS documents (STS API Reference, GetSessionToken,
//! <https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html>):
//! "No permissions are required for users to perform this operation" (so no
//! policy is evaluated); it "must be called by using the long-term Amazon
//! Web Services security credentials of an IAM user" (the loader allows
//! only a user caller); IAM users' credentials last "from 900 seconds (15
//! minutes) up to a maximum of 129,600 seconds (36 hours), with a default of
//! 43,200 seconds (12 hours)"; `SerialNumber` is 9–256 of `[\w+=/:,.@-]`
//! and `TokenCode` six digits (the API's model). The credentials "have the
//! same permissions as the IAM user", except that "You cannot call any IAM
//! API operations unless MFA authentication information is included in the
//! request" and "You cannot call any STS API except AssumeRole or
//! GetCallerIdentity".
//!
//! roleplay's choices: roleplay has no MFA devices, so a well-formed
//! `SerialNumber` with a well-formed `TokenCode` is a successful MFA sign-in
//! (AWS answers a wrong code with an access denied error, which roleplay
//! cannot tell apart). AWS does not document the error code of a refused
//! IAM or STS call; roleplay answers `InvalidClientTokenId` with AWS's
//! wording for it, as AWS is reported to answer in practice.

use policy::time::format_iso8601;
use policy::Context;

use super::actor::Actor;
use super::validate::{check_text, validation};
use super::words::{fail, StepError};
use super::Simulator;
use crate::event::SessionTokenParams;
use crate::report::*;
use crate::scenario::*;

/// Shortest `DurationSeconds` of GetSessionToken.
pub const MIN_DURATION: i64 = 900;
/// Longest `DurationSeconds` for an IAM user (36 hours).
pub const MAX_DURATION: i64 = 129_600;
/// `DurationSeconds` when the request has none (12 hours).
pub const DEFAULT_DURATION: i64 = 43_200;

/// Temporary credentials an IAM user got for themselves with
/// `sts:GetSessionToken`: they act as the user, with the user's policies.
#[derive(Clone, Debug)]
pub struct UserSession {
    /// The GetSessionToken step that issued them.
    pub step: usize,
    /// The user, an index into [`Scenario::users`].
    pub user: usize,
    /// The fake `AccessKeyId` (`ASIA…`).
    pub access_key_id: String,
    /// The fake `SecretAccessKey`.
    pub secret_access_key: String,
    /// The fake `SessionToken`.
    pub session_token: String,
    /// When they were issued, epoch seconds.
    pub issued_at: i64,
    /// When they stop working (`ExpiredToken`), epoch seconds.
    pub expiration: i64,
    /// The granted `DurationSeconds`.
    pub duration: i64,
    /// Whether the request carried `SerialNumber` and `TokenCode`.
    pub mfa: bool,
}

/// Whether credentials from GetSessionToken may make a call of `action`:
/// IAM only with MFA, STS only `AssumeRole` and `GetCallerIdentity`.
pub(super) fn may_call(action: &str, us: &UserSession) -> Result<(), StepError> {
    let (service, name) = action.split_once(':').unwrap_or((action, ""));
    let refused = if service.eq_ignore_ascii_case("iam") {
        !us.mfa
    } else if service.eq_ignore_ascii_case("sts") {
        !(name.eq_ignore_ascii_case("AssumeRole") || name.eq_ignore_ascii_case("GetCallerIdentity"))
    } else {
        false
    };
    if refused {
        Err(StepError::new(ErrorCode::InvalidClientTokenId, "The security token included in the request is invalid."))
    } else {
        Ok(())
    }
}

/// The condition keys of a request made with temporary credentials of a
/// user, over the user's own: `aws:TokenIssueTime` and the MFA keys (AWS:
/// `aws:MultiFactorAuthPresent` is in the context of requests made with
/// temporary credentials; `aws:MultiFactorAuthAge` only after MFA).
pub(super) fn session_keys(c: &mut Context, us: &UserSession, now: i64) {
    c.set("aws:TokenIssueTime", format_iso8601(us.issued_at));
    c.set("aws:MultiFactorAuthPresent", if us.mfa { "true" } else { "false" });
    if us.mfa {
        c.set("aws:MultiFactorAuthAge", (now - us.issued_at).max(0).to_string());
    }
}

/// The request checked like the API's model checks it.
fn validate(st: &SessionTokenStep) -> Result<i64, StepError> {
    let duration = st.duration.unwrap_or(DEFAULT_DURATION);
    if duration < MIN_DURATION {
        return Err(validation(&duration.to_string(), "durationSeconds", "Member must have value greater than or equal to 900"));
    }
    if duration > MAX_DURATION {
        return Err(validation(&duration.to_string(), "durationSeconds", "Member must have value less than or equal to 129600"));
    }
    if let Some(sn) = &st.serial_number {
        check_text(sn, "serialNumber", 9, 256, "_+=/:,.@-", "[\\w+=/:,.@-]*")?;
    }
    if let Some(tc) = &st.token_code {
        let n = tc.chars().count();
        if n != 6 {
            return Err(validation(tc, "tokenCode", "Member must have length 6"));
        }
        if !tc.chars().all(|c| c.is_ascii_digit()) {
            return Err(validation(tc, "tokenCode", "Member must satisfy regular expression pattern: [\\d]*"));
        }
    }
    Ok(duration)
}

impl<'s> Simulator<'s> {
    /// The user acting with the credentials GetSessionToken step `n`
    /// issued, or why they cannot be used (expired).
    pub(super) fn user_session_actor(&self, n: usize) -> Result<Actor<'s>, StepError> {
        let s: &'s Scenario = self.s;
        let Some(us) = self.user_session(n) else {
            return Err(StepError::new(
                ErrorCode::InvalidClientTokenId,
                format!("The security token included in the request is invalid. (Step {n} issued no credentials.)"),
            ));
        };
        if self.now >= us.expiration {
            return Err(StepError::new(ErrorCode::ExpiredToken, "The security token included in the request is expired"));
        }
        match s.users.get(us.user) {
            Some(u) => Ok(Actor::UserSession(u, Box::new(us.clone()))),
            None => Err(StepError::new(ErrorCode::InvalidClientTokenId, "The security token included in the request is invalid.")),
        }
    }

    pub(super) fn session_token(&mut self, i: usize, st: &'s SessionTokenStep) -> StepReport {
        let s = self.s;
        let mut r = StepReport { step: i, action: Some(GET_SESSION_TOKEN.to_string()), ..StepReport::default() };
        let Some(user) = s.users.get(st.user) else { return r };
        r.principal = Some(user.arn.clone());
        let actor = Actor::User(user);
        let duration = match validate(st) {
            Ok(d) => d,
            Err(e) => {
                let r = self.with_event(fail(r, e, Outcome::Error), &actor, None, None);
                return with_request(r, st);
            }
        };
        // No policy decides: "You cannot use policies to control
        // authentication operations."
        let (ak, sk, tok) = self.new_keys();
        let us = UserSession {
            step: i,
            user: st.user,
            access_key_id: ak,
            secret_access_key: sk,
            session_token: tok,
            issued_at: self.now,
            expiration: self.now + duration,
            duration,
            mfa: st.serial_number.is_some() && st.token_code.is_some(),
        };
        r.outcome = Some(Outcome::Allowed);
        r.credentials = Some(Credentials {
            access_key_id: us.access_key_id.clone(),
            secret_access_key: us.secret_access_key.clone(),
            session_token: us.session_token.clone(),
            expiration: format_iso8601(us.expiration),
        });
        self.store_user_session(i, us);
        let r = self.with_event(r, &actor, None, None);
        with_request(r, st)
    }
}

/// The CloudTrail-like record's request and response for GetSessionToken
/// (the token code is not recorded; the response holds only credentials).
fn with_request(mut r: StepReport, st: &SessionTokenStep) -> StepReport {
    let params = SessionTokenParams { duration: st.duration.unwrap_or(DEFAULT_DURATION), serial_number: st.serial_number.clone() };
    let credentials = r.credentials.clone();
    r.event = r.event.take().map(|e| e.for_session_token(params, credentials));
    r
}
