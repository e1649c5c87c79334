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
    /// Whether statements of this type name a `Principal` (resource and
    /// trust policies); the others apply to whoever they are attached to.
    pub fn has_principal(self) -> bool {
        matches!(self, PolicyType::Resource | PolicyType::Trust)
    }
}

/// The policy language version (the `Version` element).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Version {
    /// `2012-10-17`: the current language, with policy variables.
    V2012_10_17,
    /// `2008-10-17`: `${…}` is literal text.
    V2008_10_17,
    /// No `Version` element: AWS then uses 2008-10-17 (no policy variables).
    Missing,
}

impl Version {
    /// Whether `${…}` is a policy variable in this version.
    pub fn variables(self) -> bool {
        self == Version::V2012_10_17
    }
}

/// A parsed, valid policy document, its patterns compiled.
#[derive(Clone, Debug)]
pub struct Policy {
    /// The type it was parsed as (decides which elements it may have).
    pub kind: PolicyType,
    /// The `Version` element.
    pub version: Version,
    /// The `Id` element.
    pub id: Option<String>,
    /// The statements in document order (one for a single statement object).
    pub statements: Vec<Statement>,
    /// The whole document.
    pub span: Span,
}

/// A statement's `Effect`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Effect {
    /// Grants the request, unless an explicit deny applies.
    Allow,
    /// Denies the request, whatever else allows it.
    Deny,
}

impl Effect {
    /// `Allow` or `Deny`, as written in policies.
    pub fn as_str(self) -> &'static str {
        match self {
            Effect::Allow => "Allow",
            Effect::Deny => "Deny",
        }
    }
}

/// One statement of a policy.
#[derive(Clone, Debug)]
pub struct Statement {
    /// Position in the `Statement` list (0 for a single statement object).
    pub index: usize,
    /// The `Sid` element.
    pub sid: Option<String>,
    /// The `Effect` element.
    pub effect: Effect,
    /// `Principal` or `NotPrincipal`; `None` in identity-based policies.
    pub principal: Option<PrincipalSpec>,
    /// `Action` or `NotAction`.
    pub action: ActionSpec,
    /// `Resource` or `NotResource`; `None` in trust policies.
    pub resource: Option<ResourceSpec>,
    /// The `Condition` element (empty when absent).
    pub condition: ConditionBlock,
    /// The statement object in the source.
    pub span: Span,
    /// Where the statement starts in the source (1-based).
    pub start: Position,
    /// Where the statement ends in the source (1-based).
    pub end: Position,
}

/// A list of patterns, possibly negated (`NotAction`, `NotResource`).
#[derive(Clone, Debug)]
pub struct PatternList {
    /// `NotAction`/`NotResource`: the statement applies to what matches none.
    pub negated: bool,
    /// The patterns, compiled; a single string is a list of one.
    pub items: Vec<Item<Pattern>>,
    /// The span of the whole element value.
    pub span: Span,
}

pub type ActionSpec = PatternList;
pub type ResourceSpec = PatternList;

/// One value of a list element, with where it was written.
#[derive(Clone, Debug)]
pub struct Item<T> {
    /// The value.
    pub value: T,
    /// The JSON string it came from.
    pub span: Span,
}

/// A `Principal` or `NotPrincipal` element.
#[derive(Clone, Debug)]
pub struct PrincipalSpec {
    /// `NotPrincipal`.
    pub negated: bool,
    /// Every principal named, in document order.
    pub entries: Vec<Item<Principal>>,
    /// The element's value.
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
