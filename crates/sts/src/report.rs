//! What a run produced, shaped exactly as the contract's `run --json`
//! output (plus documented extensions, all optional fields).
//!
//! Decisions stay typed here ([`Outcome`], [`PhaseState`], [`ErrorCode`],
//! the engine's `CheckKind`, `Decision`, `Reason`, `Effect`) and become the
//! contract's strings only when serialized: the spelling lives in this module
//! and nowhere else.

use policy::path::JsonPath;
use policy::{CheckKind, Decision, Effect, Grant, PolicySource, Reason};
use serde::Serialize;

mod states;

pub use states::reason_code;
use states::{check_kind, decision, effect, policy_source, reasons, rule, shown};
pub use states::{ErrorCode, Explanation, Outcome, PhaseState, Unmet};

/// The whole `roleplay run --json` document.
#[derive(Clone, Debug, Default, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Report {
    /// One report per step, in order.
    pub steps: Vec<StepReport>,
    /// Extension: lint findings in the scenario's policies.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

/// A lint finding, located like a load error.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Warning {
    /// The lint's name, e.g. `missing-version`.
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
    /// JSON path of the value in the scenario.
    #[serde(serialize_with = "shown")]
    pub path: JsonPath,
    /// Line in the file.
    pub line: u32,
    /// Column in the file (characters).
    pub column: u32,
    /// Line inside a policy given as a string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy_line: Option<u32>,
    /// Column inside a policy given as a string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy_column: Option<u32>,
    /// How to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl From<&crate::LoadError> for Warning {
    fn from(e: &crate::LoadError) -> Self {
        Warning {
            code: e.code,
            message: e.message.clone(),
            path: e.path.clone(),
            line: e.position.line,
            column: e.position.column,
            policy_line: e.policy_position.map(|p| p.line),
            policy_column: e.policy_position.map(|p| p.column),
            help: e.help.clone(),
        }
    }
}

/// What one step did.
#[derive(Clone, Debug, Default, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct StepReport {
    /// The step's index (from 0).
    pub step: usize,
    /// The action requested (absent for clock steps).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// Clock steps: seconds advanced.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub advance: Option<i64>,
    /// Clock steps: the clock afterwards.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clock: Option<String>,
    /// How the request ended (absent for clock steps).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    /// AWS's error code for anything but `allowed`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_code: Option<ErrorCode>,
    /// AWS's error message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The policy checks made, in AWS's order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checks: Option<Vec<CheckReport>>,
    /// Issued credentials (AssumeRole).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credentials: Option<Credentials>,
    /// The session's identity (AssumeRole).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assumed_role_user: Option<AssumedRoleUser>,
    // ---- extensions ----
    /// The identity that made the request (user, session, service or provider).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub principal: Option<String>,
    /// The resource the request was made on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    /// Why allowed, or every unmet requirement (codes such as
    /// `AllowedByBothSides`, `IdentityNoAllow`).
    #[serde(skip_serializing_if = "Vec::is_empty", serialize_with = "reasons")]
    pub reasons: Vec<Reason>,
    /// A rule AWS applies outside every policy that decided or shaped the
    /// step (`AwsManagedPolicy`, `NoPermissionRequired`, ...).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "rule")]
    pub rule: Option<crate::rules::Rule>,
    /// AssumeRole steps: the state of each phase ①–④.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flow: Option<[PhaseState; 4]>,
    /// The session's source identity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_identity: Option<String>,
    /// roleplay's explanation beside AWS's `Message`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<Explanation>,
    /// Service-held credentials refreshed while the clock moved.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub refreshes: Vec<Refresh>,
    /// The CloudTrail-like record of the call (built as JSON when read).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event: Option<crate::event::Event>,
    /// The scenario's note for this step (`{"en","ja"}`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<serde_json::Value>,
}

impl StepReport {
    /// Whether the step's outcome and error code are `expected`.
    pub fn meets(&self, expected: &crate::scenario::Expect) -> bool {
        self.outcome == Some(expected.outcome)
            && expected.error_code.as_deref().is_none_or(|c| self.error_code.map(ErrorCode::as_str) == Some(c))
            && expected.message.as_deref().is_none_or(|m| self.message.as_deref().is_some_and(|got| got.contains(m)))
    }
}

/// One policy check of a step.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct CheckReport {
    /// `scp`, `resource`, `identity`, `boundary`, `session` or `trust`.
    #[serde(serialize_with = "check_kind")]
    pub check: CheckKind,
    /// `allowed`, `explicitDeny` or `implicitDeny`.
    #[serde(serialize_with = "decision")]
    pub decision: Decision,
    /// The statements that decided it.
    pub matched_statements: Vec<MatchedStatement>,
    /// Extension: set when the check is for another action than the step's
    /// own (`iam:PassRole`, `sts:TagSession`, `sts:SetSourceIdentity`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// Extension: the resource of that other action.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    /// Extension: for a check that did not allow, why each `Allow`
    /// statement of its policies did not apply.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_applied: Vec<NotApplied>,
}

impl CheckReport {
    /// A check of the trust policy or a resource-based policy (the
    /// resource's side of the request).
    pub fn is_resource_side(&self) -> bool {
        matches!(self.check, CheckKind::Trust | CheckKind::Resource)
    }
}

/// A 1-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Pos {
    /// Line, from 1.
    pub line: u32,
    /// Column in characters, from 1.
    pub column: u32,
}

impl From<policy::Position> for Pos {
    fn from(p: policy::Position) -> Self {
        Pos { line: p.line, column: p.column }
    }
}

/// Which statement of which policy, and where it stands in the policy text:
/// the contract's `MatchedStatement` fields, shared by `NotApplied`.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct StatementRef {
    /// The policy's name (`AssumeRolePolicyDocument` for a trust policy).
    pub policy_name: String,
    /// Where the policy comes from.
    #[serde(serialize_with = "policy_source")]
    pub policy_type: PolicySource,
    /// The statement's `Sid`.
    pub sid: Option<String>,
    /// The statement's index in its policy (from 0).
    pub index: usize,
    /// Where the statement starts in the policy text.
    pub start_position: Pos,
    /// Where it ends.
    pub end_position: Pos,
    /// How many condition entries the statement has (not in the JSON
    /// output; the playground's sentences use it).
    #[serde(skip)]
    pub conditions: usize,
}

impl StatementRef {
    /// The reference to statement `st` of policy `p`.
    pub fn new(p: &policy::NamedPolicy<'_>, st: &policy::Statement) -> Self {
        StatementRef {
            policy_name: p.name.to_string(),
            policy_type: p.source,
            sid: st.sid.clone(),
            index: st.index,
            start_position: st.start.into(),
            end_position: st.end.into(),
            conditions: st.condition.entries.len(),
        }
    }
}

/// A statement that decided a check.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct MatchedStatement {
    /// Which statement.
    #[serde(flatten)]
    pub statement: StatementRef,
    /// Extension: `Allow` or `Deny`.
    #[serde(serialize_with = "effect")]
    pub effect: Effect,
    /// How its `Principal` named the caller (not in the JSON output; the
    /// playground's sentences use it).
    #[serde(skip)]
    pub grant: Grant,
}

/// An `Allow` statement that did not apply, and why.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct NotApplied {
    /// Which statement.
    #[serde(flatten)]
    pub statement: StatementRef,
    /// `action`, `resource`, `principal` or `condition`.
    pub reason: Unmet,
    /// The condition key that failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub condition_key: Option<String>,
    /// Its operator, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operator: Option<String>,
    /// The policy's values for the key; for `principal`, the principals
    /// the statement names (an account as its 12-digit ID, `*`, an ARN, a
    /// service or a provider).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub policy_values: Vec<String>,
    /// The request's values for the key; `null` when the key was absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_values: Option<Option<Vec<String>>>,
}

/// Temporary credentials (AWS's `Credentials`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Credentials {
    /// `ASIA…`
    pub access_key_id: String,
    /// The secret.
    pub secret_access_key: String,
    /// The session token.
    pub session_token: String,
    /// When they expire (ISO 8601).
    pub expiration: String,
}

/// The session's identity (AWS's `AssumedRoleUser`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct AssumedRoleUser {
    /// `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`
    pub arn: String,
    /// `AROA…:SESSION`
    pub assumed_role_id: String,
}

/// A service refreshing the credentials it holds (extension).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Refresh {
    /// The AssumeRole step whose session was refreshed.
    pub session: usize,
    /// When (ISO 8601).
    pub at: String,
    /// Whether the trust policy still let the service in.
    pub outcome: Outcome,
    /// The new key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access_key_id: Option<String>,
    /// The new expiration.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiration: Option<String>,
    /// Further refreshes in the same jump that are not listed one by one.
    #[serde(skip_serializing_if = "is_zero")]
    pub more: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// One mismatch between a step's `Expect` and what happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mismatch {
    /// The step.
    pub step: usize,
    /// What `Expect` says, e.g. `implicitDeny (AccessDenied)`.
    pub expected: String,
    /// What happened, in the same form.
    pub actual: String,
}

/// Compares every step that has an `Expect` with its report: how many
/// passed, and each mismatch.
pub fn check_expectations(s: &crate::Scenario, r: &Report) -> (usize, Vec<Mismatch>) {
    let mut passed = 0;
    let mut failed = Vec::new();
    let show = |o: &str, c: Option<&str>, m: Option<&str>| {
        let t = match c {
            Some(c) => format!("{o} ({c})"),
            None => o.to_string(),
        };
        match m {
            Some(m) => format!("{t} with the message `{m}`"),
            None => t,
        }
    };
    for (i, step) in s.steps.iter().enumerate() {
        let Some(e) = &step.expect else { continue };
        let Some(got) = r.steps.get(i) else { continue };
        if got.meets(e) {
            passed += 1;
        } else {
            failed.push(Mismatch {
                step: i,
                expected: show(e.outcome.as_str(), e.error_code.as_deref(), e.message.as_deref()),
                actual: show(
                    got.outcome.map_or("none", Outcome::as_str),
                    got.error_code.map(ErrorCode::as_str),
                    e.message.as_ref().and(got.message.as_deref()),
                ),
            });
        }
    }
    (passed, failed)
}
