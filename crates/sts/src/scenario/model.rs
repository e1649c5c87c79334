//! A loaded scenario: the world (users, groups, roles, instance profiles,
//! resources, SCPs) and the steps to run in it, as typed data.

use policy::path::JsonPath;
use policy::{ContextValue, Policy, PolicySource};

use super::LoadError;
use crate::report::Outcome;

/// A title or note in English and (optionally) Japanese.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text {
    /// English (always present).
    pub en: String,
    /// Japanese, when given.
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
    /// `PolicyName`; for the other policies, the key that holds them
    /// (`AssumeRolePolicyDocument`, `PermissionsBoundary`, ...).
    pub name: String,
    /// Where it is attached (user, role, trust, boundary, SCP, ...).
    pub source: PolicySource,
    /// The parsed document.
    pub policy: Policy,
    /// What its quota counts: characters other than whitespace for IAM's
    /// policies; every character of the plaintext for a session policy.
    pub size: usize,
    /// JSON path of the policy in the scenario.
    pub path: JsonPath,
}

/// An IAM tag (on a user or role) or a session tag (on AssumeRole).
#[derive(Clone, Debug)]
pub struct Tag {
    /// `Key`: seen as `aws:PrincipalTag/KEY` (or `aws:RequestTag/KEY`).
    pub key: String,
    /// `Value`.
    pub value: String,
}

/// An IAM user, who calls with long-term credentials.
#[derive(Clone, Debug)]
pub struct User {
    /// `arn:aws:iam::ACCOUNT:user/[PATH/]NAME`.
    pub arn: String,
    /// The 12-digit account, from the ARN.
    pub account: String,
    /// The user name, from the ARN.
    pub name: String,
    /// Inline identity-based policies.
    pub policies: Vec<PolicyDoc>,
    /// Indexes into [`Scenario::groups`].
    pub groups: Vec<usize>,
    /// The permissions boundary: the most the identity policies can grant.
    pub boundary: Option<PolicyDoc>,
    /// The user's tags (`aws:PrincipalTag/KEY`).
    pub tags: Vec<Tag>,
}

/// An IAM group: its policies apply to its member users.
#[derive(Clone, Debug)]
pub struct Group {
    /// `arn:aws:iam::ACCOUNT:group/[PATH/]NAME`.
    pub arn: String,
    /// The group name, from the ARN.
    pub name: String,
    /// Inline identity-based policies.
    pub policies: Vec<PolicyDoc>,
}

/// An IAM role: who may assume it (trust) and what its sessions may do.
#[derive(Clone, Debug)]
pub struct Role {
    /// `arn:aws:iam::ACCOUNT:role/[PATH/]NAME`.
    pub arn: String,
    /// The 12-digit account, from the ARN.
    pub account: String,
    /// The role name, from the ARN.
    pub name: String,
    /// `AssumeRolePolicyDocument`: the trust policy.
    pub trust: PolicyDoc,
    /// Inline permission policies of the role's sessions.
    pub policies: Vec<PolicyDoc>,
    /// `MaxSessionDuration` in seconds (3600..=43200).
    pub max_session_duration: i64,
    /// The permissions boundary capping the permission policies.
    pub boundary: Option<PolicyDoc>,
    /// The role's tags (`aws:PrincipalTag/KEY` in its sessions).
    pub tags: Vec<Tag>,
}

/// An EC2 instance profile: the container that hands a role to an instance.
#[derive(Clone, Debug)]
pub struct InstanceProfile {
    /// `arn:aws:iam::ACCOUNT:instance-profile/[PATH/]NAME`.
    pub arn: String,
    /// The instance profile name, from the ARN.
    pub name: String,
    /// Index into [`Scenario::roles`] (an instance profile holds one role).
    pub role: Option<usize>,
}

/// A resource that calls act on, with its resource-based policy.
#[derive(Clone, Debug)]
pub struct Resource {
    /// The resource's ARN.
    pub arn: String,
    /// The owning account: `Account`, else the ARN's.
    pub account: String,
    /// The resource-based policy (bucket policy, key policy, ...).
    pub policy: Option<PolicyDoc>,
}

/// A service control policy attached to one account.
#[derive(Clone, Debug)]
pub struct Scp {
    /// The 12-digit account whose users and role sessions it limits.
    pub target: String,
    /// The SCP.
    pub policy: PolicyDoc,
}

/// Who makes a step's request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallerSpec {
    /// An IAM user (index into [`Scenario::users`]).
    User(usize),
    /// An AWS service principal such as `lambda.amazonaws.com`.
    Service(String),
    /// The credentials of an earlier AssumeRole step: those it issued, or
    /// where a service holds them, the service's current (refreshed) ones.
    Session(usize),
    /// Exactly the credentials that earlier AssumeRole step issued, even
    /// after a service refreshed them (`{"Session": N, "Original": true}`).
    OriginalSession(usize),
    /// A web identity or SAML provider (extension).
    Federated(String),
}

impl CallerSpec {
    /// The AssumeRole step whose credentials are used, for either form of
    /// `{"Session": N}`.
    pub fn session_step(&self) -> Option<usize> {
        match self {
            CallerSpec::Session(n) | CallerSpec::OriginalSession(n) => Some(*n),
            _ => None,
        }
    }
}

/// Which STS operation an assume step calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssumeKind {
    /// `sts:AssumeRole`: a user, a service or a role session asks.
    AssumeRole,
    /// `sts:AssumeRoleWithWebIdentity`: an OIDC provider's user asks.
    WithWebIdentity,
    /// `sts:AssumeRoleWithSAML`: a SAML provider's user asks.
    WithSaml,
}

impl AssumeKind {
    /// The action as AWS spells it (`sts:AssumeRoleWithSAML`, ...).
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
    /// A valid session policy.
    Parsed(PolicyDoc),
    /// An invalid one: the message of the `MalformedPolicyDocument` error.
    Malformed(String),
    /// A plaintext over the 2,048-character limit (the request fails
    /// validation before the policy is read).
    TooLong(String),
}

/// An AssumeRole (or …WithWebIdentity, …WithSAML) request.
#[derive(Clone, Debug)]
pub struct AssumeStep {
    /// Which STS operation.
    pub kind: AssumeKind,
    /// Who asks.
    pub caller: CallerSpec,
    /// Index into [`Scenario::roles`].
    pub role: usize,
    /// `RoleSessionName` as given; checked when the step runs. For
    /// `sts:AssumeRoleWithSAML` (which has no such parameter) it stands for
    /// the assertion's `RoleSessionName` attribute, and is required.
    pub session_name: Option<String>,
    /// `DurationSeconds` as given; 3600 when absent.
    pub duration: Option<i64>,
    /// `ExternalId`, seen by `sts:ExternalId` conditions.
    pub external_id: Option<String>,
    /// `Policy`: the session policy.
    pub policy: Option<SessionPolicy>,
    /// `SourceIdentity`; needs `sts:SetSourceIdentity`.
    pub source_identity: Option<String>,
    /// `Tags`: session tags; need `sts:TagSession`.
    pub tags: Vec<Tag>,
    /// `Context`: extra condition keys, over the ones the simulator sets.
    pub context: Vec<(String, ContextValue)>,
    /// Index into [`Scenario::instance_profiles`] (EC2, extension).
    pub instance_profile: Option<usize>,
    /// `FunctionName` (extension): the Lambda function a Lambda caller runs;
    /// its session is named after it (roleplay's choice).
    pub function_name: Option<String>,
}

/// Any other request, made with the caller's credentials.
#[derive(Clone, Debug)]
pub struct CallStep {
    /// The action, `service:Name`.
    pub action: String,
    /// Who calls: a user or a role session.
    pub caller: CallerSpec,
    /// The resource's ARN, or `*`.
    pub resource: String,
    /// `PassedRole`: the role handed to a service, which needs
    /// `iam:PassRole` on it. Index into [`Scenario::roles`].
    pub passed_role: Option<usize>,
    /// `Context`: extra condition keys, over the ones the simulator sets.
    pub context: Vec<(String, ContextValue)>,
}

/// An `sts:GetSessionToken` request (extension): an IAM user asks for
/// temporary credentials of their own, with MFA when `SerialNumber` and
/// `TokenCode` are given.
#[derive(Clone, Debug)]
pub struct SessionTokenStep {
    /// The IAM user (index into [`Scenario::users`]): AWS says the operation
    /// "must be called by using the long-term Amazon Web Services security
    /// credentials of an IAM user".
    pub user: usize,
    /// `DurationSeconds` as given; 43,200 when absent (checked when the step runs).
    pub duration: Option<i64>,
    /// `SerialNumber`: the MFA device (checked when the step runs).
    pub serial_number: Option<String>,
    /// `TokenCode`: the six digits the device shows (checked when the step runs).
    pub token_code: Option<String>,
}

/// What a step does.
#[derive(Clone, Debug)]
pub enum StepKind {
    /// Assume a role.
    Assume(Box<AssumeStep>),
    /// `sts:GetSessionToken`: a user's own temporary credentials.
    SessionToken(SessionTokenStep),
    /// Call an action.
    Call(CallStep),
    /// `Advance`: move the simulated clock forward by this many seconds.
    Advance(i64),
}

/// What a step is expected to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expect {
    /// The expected `Outcome`.
    pub outcome: Outcome,
    /// The expected `ErrorCode`, when given.
    pub error_code: Option<String>,
    /// Extension: text the step's `Message` must contain (AWS's documented
    /// wording, quoted in the scenario's `Source`).
    pub message: Option<String>,
}

/// One step of a scenario.
#[derive(Clone, Debug)]
pub struct Step {
    /// The request, or the clock move.
    pub kind: StepKind,
    /// `Expect`, checked by `roleplay check`.
    pub expect: Option<Expect>,
    /// `Note`: the author's comment, shown with the step.
    pub note: Option<Text>,
}

/// A loaded scenario: a small AWS world and the steps to run in it.
#[derive(Clone, Debug)]
pub struct Scenario {
    /// `Title`.
    pub title: Text,
    /// `Description`.
    pub description: Option<Text>,
    /// Simulated start time, seconds since the Unix epoch.
    pub clock: i64,
    /// `Users`, in document order (steps refer to them by index).
    pub users: Vec<User>,
    /// `Groups`.
    pub groups: Vec<Group>,
    /// `Roles`.
    pub roles: Vec<Role>,
    /// `InstanceProfiles`.
    pub instance_profiles: Vec<InstanceProfile>,
    /// `Resources`.
    pub resources: Vec<Resource>,
    /// `ServiceControlPolicies`.
    pub scps: Vec<Scp>,
    /// `Steps`, run in order.
    pub steps: Vec<Step>,
    /// Lint findings in the scenario's policies (the scenario still runs).
    pub warnings: Vec<LoadError>,
    /// `Exercise`: the goals and hints that make the scenario an exercise.
    pub exercise: Option<super::ExerciseSpec>,
    /// A fingerprint of the source text: seeds the fake credentials so the
    /// same scenario always yields the same output.
    pub seed: u64,
}

impl Scenario {
    /// The index in [`Scenario::users`] of the user with this ARN.
    pub fn user_index(&self, arn: &str) -> Option<usize> {
        self.users.iter().position(|u| u.arn == arn)
    }
    /// The index in [`Scenario::roles`] of the role with this ARN.
    pub fn role_index(&self, arn: &str) -> Option<usize> {
        self.roles.iter().position(|r| r.arn == arn)
    }
}
