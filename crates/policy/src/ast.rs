//! The typed policy tree. Every node keeps its span; statements also keep
//! their 1-based start/end positions, computed once when parsed.

use crate::condition::ConditionBlock;
use crate::pattern::Pattern;
use crate::span::{Position, Span};

/// Which kind of policy a document is; decides which elements it may have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PolicyType {
    /// Attached to a user, group or role: no `Principal`, needs `Resource`.
    Identity,
    /// Attached to a resource (S3 bucket policy, ...): needs `Principal`.
    Resource,
    /// A role's trust policy: needs `Principal`, has no `Resource`.
    Trust,
    /// A permissions boundary (a managed identity policy).
    Boundary,
    /// An AWS Organizations service control policy.
    Scp,
    /// A session policy passed to AssumeRole.
    Session,
}

impl PolicyType {
    pub fn has_principal(self) -> bool {
        matches!(self, PolicyType::Resource | PolicyType::Trust)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Version {
    V2012_10_17,
    V2008_10_17,
    /// No `Version` element: AWS then uses 2008-10-17 (no policy variables).
    Missing,
}

impl Version {
    pub fn variables(self) -> bool {
        self == Version::V2012_10_17
    }
}

#[derive(Clone, Debug)]
pub struct Policy {
    pub kind: PolicyType,
    pub version: Version,
    pub id: Option<String>,
    pub statements: Vec<Statement>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Effect {
    Allow,
    Deny,
}

impl Effect {
    pub fn as_str(self) -> &'static str {
        match self {
            Effect::Allow => "Allow",
            Effect::Deny => "Deny",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Statement {
    /// Position in the `Statement` list (0 for a single statement object).
    pub index: usize,
    pub sid: Option<String>,
    pub effect: Effect,
    pub principal: Option<PrincipalSpec>,
    pub action: ActionSpec,
    pub resource: Option<ResourceSpec>,
    pub condition: ConditionBlock,
    pub span: Span,
    pub start: Position,
    pub end: Position,
}

/// A list of patterns, possibly negated (`NotAction`, `NotResource`).
#[derive(Clone, Debug)]
pub struct PatternList {
    pub negated: bool,
    pub items: Vec<Item<Pattern>>,
    /// The span of the whole element value.
    pub span: Span,
}

pub type ActionSpec = PatternList;
pub type ResourceSpec = PatternList;

#[derive(Clone, Debug)]
pub struct Item<T> {
    pub value: T,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct PrincipalSpec {
    /// `NotPrincipal`.
    pub negated: bool,
    pub entries: Vec<Item<Principal>>,
    pub span: Span,
}

/// One principal named in a `Principal` element.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Principal {
    /// `"*"` or `{"AWS": "*"}`: everyone, including anonymous callers.
    Anyone,
    /// `"AWS": "111122223333"` or `arn:aws:iam::111122223333:root`: the
    /// account, which delegates to that account's identity policies.
    Account(String),
    /// An IAM user ARN.
    User(String),
    /// An IAM role ARN: matches every session of that role.
    Role(String),
    /// An assumed-role session ARN: matches that session only.
    AssumedRole(String),
    /// Another AWS ARN (federated user, ...): matched by exact ARN.
    OtherArn(String),
    /// `"Service": "lambda.amazonaws.com"`.
    Service(String),
    /// `"Federated": "<provider ARN or cognito-identity.amazonaws.com>"`.
    Federated(String),
    /// `"CanonicalUser": "..."` (S3): never matches a simulated caller.
    CanonicalUser(String),
}
