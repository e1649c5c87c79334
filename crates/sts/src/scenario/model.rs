//! A loaded scenario: the world (users, groups, roles, instance profiles,
//! resources, SCPs) and the steps to run in it, as typed data.

use policy::path::JsonPath;
use policy::{ContextValue, Policy, PolicySource};

use super::LoadError;
use crate::report::Outcome;

/// A title or note in English and (optionally) Japanese.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text {
    pub en: String,
    pub ja: Option<String>,
}

impl Text {
    /// The text in `lang` (`"ja"` or anything else for English).
    pub fn get(&self, lang: &str) -> &str {
        match (&self.ja, lang) {
            (Some(ja), "ja") => ja,
            _ => &self.en,
        }
    }
}

/// A parsed policy with its name and where it came from.
#[derive(Clone, Debug)]
pub struct PolicyDoc {
    pub name: String,
    pub source: PolicySource,
    pub policy: Policy,
    /// Non-whitespace characters (what the quotas count).
    pub size: usize,
    /// JSON path of the policy in the scenario.
    pub path: JsonPath,
}

#[derive(Clone, Debug)]
pub struct Tag {
    pub key: String,
    pub value: String,
}

#[derive(Clone, Debug)]
pub struct User {
    pub arn: String,
    pub account: String,
    pub name: String,
    pub policies: Vec<PolicyDoc>,
    /// Indexes into [`Scenario::groups`].
    pub groups: Vec<usize>,
    pub boundary: Option<PolicyDoc>,
    pub tags: Vec<Tag>,
}

#[derive(Clone, Debug)]
pub struct Group {
    pub arn: String,
    pub name: String,
    pub policies: Vec<PolicyDoc>,
}

#[derive(Clone, Debug)]
pub struct Role {
    pub arn: String,
    pub account: String,
    pub name: String,
    pub trust: PolicyDoc,
    pub policies: Vec<PolicyDoc>,
    pub max_session_duration: i64,
    pub boundary: Option<PolicyDoc>,
    pub tags: Vec<Tag>,
}

#[derive(Clone, Debug)]
pub struct InstanceProfile {
    pub arn: String,
    pub name: String,
    /// Index into [`Scenario::roles`] (an instance profile holds one role).
    pub role: Option<usize>,
}

#[derive(Clone, Debug)]
pub struct Resource {
    pub arn: String,
    pub account: String,
    pub policy: Option<PolicyDoc>,
}

#[derive(Clone, Debug)]
pub struct Scp {
    pub target: String,
    pub policy: PolicyDoc,
}

/// Who makes a step's request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallerSpec {
    /// An IAM user (index into [`Scenario::users`]).
    User(usize),
    /// An AWS service principal such as `lambda.amazonaws.com`.
    Service(String),
    /// The credentials issued by an earlier AssumeRole step.
    Session(usize),
    /// A web identity or SAML provider (extension).
    Federated(String),
}

/// Which STS operation an assume step calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssumeKind {
    AssumeRole,
    WithWebIdentity,
    WithSaml,
}

impl AssumeKind {
    pub fn action(self) -> &'static str {
        match self {
            AssumeKind::AssumeRole => "sts:AssumeRole",
            AssumeKind::WithWebIdentity => "sts:AssumeRoleWithWebIdentity",
            AssumeKind::WithSaml => "sts:AssumeRoleWithSAML",
        }
    }
}

/// A session policy passed with AssumeRole: parsed, or why not (a step
/// error, since it is part of the request).
#[derive(Clone, Debug)]
pub enum SessionPolicy {
    Parsed(PolicyDoc),
    Malformed(String),
}

#[derive(Clone, Debug)]
pub struct AssumeStep {
    pub kind: AssumeKind,
    pub caller: CallerSpec,
    /// Index into [`Scenario::roles`].
    pub role: usize,
    pub session_name: Option<String>,
    pub duration: Option<i64>,
    pub external_id: Option<String>,
    pub policy: Option<SessionPolicy>,
    pub source_identity: Option<String>,
    pub tags: Vec<Tag>,
    pub context: Vec<(String, ContextValue)>,
    /// Index into [`Scenario::instance_profiles`] (EC2, extension).
    pub instance_profile: Option<usize>,
}

#[derive(Clone, Debug)]
pub struct CallStep {
    pub action: String,
    pub caller: CallerSpec,
    pub resource: String,
    /// Index into [`Scenario::roles`].
    pub passed_role: Option<usize>,
    pub context: Vec<(String, ContextValue)>,
}

#[derive(Clone, Debug)]
pub enum StepKind {
    Assume(Box<AssumeStep>),
    Call(CallStep),
    Advance(i64),
}

/// What a step is expected to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expect {
    pub outcome: Outcome,
    pub error_code: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Step {
    pub kind: StepKind,
    pub expect: Option<Expect>,
    pub note: Option<Text>,
}

/// A loaded scenario: a small AWS world and the steps to run in it.
#[derive(Clone, Debug)]
pub struct Scenario {
    pub title: Text,
    pub description: Option<Text>,
    /// Simulated start time, seconds since the Unix epoch.
    pub clock: i64,
    pub users: Vec<User>,
    pub groups: Vec<Group>,
    pub roles: Vec<Role>,
    pub instance_profiles: Vec<InstanceProfile>,
    pub resources: Vec<Resource>,
    pub scps: Vec<Scp>,
    pub steps: Vec<Step>,
    /// Lint findings in the scenario's policies (the scenario still runs).
    pub warnings: Vec<LoadError>,
    /// A fingerprint of the source text: seeds the fake credentials so the
    /// same scenario always yields the same output.
    pub seed: u64,
}

impl Scenario {
    pub fn user_index(&self, arn: &str) -> Option<usize> {
        self.users.iter().position(|u| u.arn == arn)
    }
    pub fn role_index(&self, arn: &str) -> Option<usize> {
        self.roles.iter().position(|r| r.arn == arn)
    }
}
