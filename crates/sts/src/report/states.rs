//! How steps end and why, typed: outcomes, phase states, AWS's error
//! codes, the explanation beside AWS's message, the unmet requirements —
//! and the contract's spelling of each, written only when serialized.

use policy::{CheckKind, Decision, Effect, PolicySource, Reason};
use serde::{Serialize, Serializer};

/// How a step ended (the contract's `Outcome`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Outcome {
    /// `allowed`
    Allowed,
    /// `explicitDeny`
    ExplicitDeny,
    /// `implicitDeny`
    ImplicitDeny,
    /// `error`: the request failed before or outside policy evaluation.
    Error,
}

impl Outcome {
    /// The contract's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Allowed => "allowed",
            Outcome::ExplicitDeny => "explicitDeny",
            Outcome::ImplicitDeny => "implicitDeny",
            Outcome::Error => "error",
        }
    }

    /// The outcome spelled `s` (as in `Expect`).
    pub fn parse(s: &str) -> Option<Outcome> {
        [Outcome::Allowed, Outcome::ExplicitDeny, Outcome::ImplicitDeny, Outcome::Error].into_iter().find(|o| o.as_str() == s)
    }

    /// A policy decision as an outcome.
    pub fn of(d: Decision) -> Outcome {
        match d {
            Decision::Allow => Outcome::Allowed,
            Decision::ExplicitDeny => Outcome::ExplicitDeny,
            Decision::ImplicitDeny => Outcome::ImplicitDeny,
        }
    }

    /// `explicitDeny` or `implicitDeny`.
    pub fn is_denied(self) -> bool {
        matches!(self, Outcome::ExplicitDeny | Outcome::ImplicitDeny)
    }
}

/// The state of one phase ①–④ of an AssumeRole step (extension `Flow`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum PhaseState {
    /// The phase said yes (for ④: credentials were issued).
    Allowed,
    /// The phase said no.
    Denied,
    /// ②: the caller's credentials failed (expired, or never issued), so
    /// STS could not take the request.
    Error,
    /// The phase does not apply (a service or identity provider has no
    /// identity policy to check).
    Skipped,
    /// Not reached yet (the page, while a step is being walked; the engine
    /// runs every step to its end and never reports it).
    Pending,
    /// ①: no identity-based policy allowed, and none was needed: in the
    /// role's own account the trust policy granted the caller directly.
    NotNeeded,
    /// ②: the request reached STS and was evaluated.
    Sent,
    /// ②: STS rejected the request's parameters before any policy
    /// (`ValidationError`, `MalformedPolicyDocument`, ...).
    Rejected,
    /// The request ended before this phase.
    NotReached,
}

/// roleplay's explanation beside AWS's message (extension `Explanation`):
/// AWS's `Message` stays exactly AWS's wording, and what roleplay adds is
/// here, as data, for the page and the trace to word in either language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "Kind", rename_all = "camelCase")]
pub enum Explanation {
    /// `ExpiredToken`: when the credentials of AssumeRole step `session`
    /// expired, and what that AssumeRole made again now would give.
    #[serde(rename_all = "PascalCase")]
    ExpiredToken {
        /// The AssumeRole step that issued the credentials.
        session: usize,
        /// Their `Expiration`.
        expired_at: String,
        /// The outcome of that AssumeRole step, made again at this moment.
        assume_again: Outcome,
    },
    /// `InvalidClientTokenId`: AssumeRole step `session` issued no credentials.
    #[serde(rename_all = "PascalCase")]
    NoCredentials {
        /// The AssumeRole step named by `{"Session": N}`.
        session: usize,
    },
    /// `DurationSeconds` over the role's `MaxSessionDuration`.
    #[serde(rename_all = "PascalCase")]
    MaxSessionDuration {
        /// The role's `MaxSessionDuration`.
        max_session_duration: i64,
    },
    /// Session tags whose keys differ only in case.
    #[serde(rename_all = "PascalCase")]
    DuplicateTagKey {
        /// The second key.
        key: String,
    },
    /// A session policy longer than its plaintext limit.
    #[serde(rename_all = "PascalCase")]
    SessionPolicyLength {
        /// Characters of the plaintext, whitespace included.
        characters: usize,
        /// The limit (2,048).
        limit: usize,
    },
}

/// The error codes AWS answers with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// A policy denied the request.
    AccessDenied,
    /// A request parameter broke a constraint.
    ValidationError,
    /// The credentials used have expired.
    ExpiredToken,
    /// The credentials used do not exist.
    InvalidClientTokenId,
    /// A session policy is not a valid policy document.
    MalformedPolicyDocument,
    /// A request parameter is invalid (duplicate session tag keys).
    InvalidParameterValue,
    /// IAM refused to change a protected role (service-linked or reserved).
    UnmodifiableEntity,
}

impl ErrorCode {
    /// AWS's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::AccessDenied => "AccessDenied",
            ErrorCode::ValidationError => "ValidationError",
            ErrorCode::ExpiredToken => "ExpiredToken",
            ErrorCode::InvalidClientTokenId => "InvalidClientTokenId",
            ErrorCode::MalformedPolicyDocument => "MalformedPolicyDocument",
            ErrorCode::InvalidParameterValue => "InvalidParameterValue",
            ErrorCode::UnmodifiableEntity => "UnmodifiableEntity",
        }
    }
}

impl Serialize for ErrorCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Why an `Allow` statement did not apply (extension `NotApplied.Reason`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Unmet {
    /// Its `Action`/`NotAction` does not cover the request's action.
    Action,
    /// Its `Resource`/`NotResource` does not cover the resource.
    Resource,
    /// Its `Principal`/`NotPrincipal` does not cover the caller.
    Principal,
    /// A condition was false.
    Condition,
}

impl Unmet {
    /// The contract's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Unmet::Action => "action",
            Unmet::Resource => "resource",
            Unmet::Principal => "principal",
            Unmet::Condition => "condition",
        }
    }
}

/// The contract's code for a reason, e.g. `AllowedByBothSides`.
pub fn reason_code(r: Reason) -> &'static str {
    match r {
        Reason::ExplicitDeny(CheckKind::Scp) => "ExplicitDenyInScp",
        Reason::ExplicitDeny(CheckKind::Resource) => "ExplicitDenyInResourcePolicy",
        Reason::ExplicitDeny(CheckKind::Identity) => "ExplicitDenyInIdentityPolicy",
        Reason::ExplicitDeny(CheckKind::Boundary) => "ExplicitDenyInBoundary",
        Reason::ExplicitDeny(CheckKind::Session) => "ExplicitDenyInSessionPolicy",
        Reason::ExplicitDeny(CheckKind::Trust) => "ExplicitDenyInTrustPolicy",
        Reason::ScpNoAllow => "ScpNoAllow",
        Reason::TrustNoAllow => "TrustNoAllow",
        Reason::ResourceNoAllow => "ResourceNoAllow",
        Reason::IdentityNoAllow => "IdentityNoAllow",
        Reason::BoundaryNoAllow => "BoundaryNoAllow",
        Reason::SessionNoAllow => "SessionNoAllow",
        Reason::AllowedByResourcePolicy => "AllowedByResourcePolicy",
        Reason::AllowedByResourcePolicyForRole => "AllowedByResourcePolicyForRole",
        Reason::AllowedByBothSides => "AllowedByBothSides",
        Reason::AllowedByIdentity => "AllowedByIdentity",
    }
}

pub(super) fn reasons<S: Serializer>(v: &[Reason], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(v.iter().map(|r| reason_code(*r)))
}

pub(super) fn rule<S: Serializer>(r: &Option<crate::rules::Rule>, s: S) -> Result<S::Ok, S::Error> {
    match r {
        Some(r) => s.serialize_str(r.code()),
        None => s.serialize_none(),
    }
}

pub(super) fn check_kind<S: Serializer>(k: &CheckKind, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(k.as_str())
}

pub(super) fn decision<S: Serializer>(d: &Decision, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(d.as_str())
}

pub(super) fn effect<S: Serializer>(e: &Effect, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(e.as_str())
}

pub(super) fn policy_source<S: Serializer>(p: &PolicySource, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(p.as_str())
}

pub(super) fn shown<T: std::fmt::Display, S: Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(v)
}
