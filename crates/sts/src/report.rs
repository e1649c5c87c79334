//! What a run produced, shaped exactly as the contract's `run --json`
//! output (plus documented extensions, all optional fields).

use serde::Serialize;

/// The whole `roleplay run --json` document.
#[derive(Clone, Debug, Default, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Report {
    pub steps: Vec<StepReport>,
    /// Extension: lint findings in the scenario's policies.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

/// A lint finding, located like a load error.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Warning {
    pub code: &'static str,
    pub message: String,
    pub path: String,
    pub line: u32,
    pub column: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy_line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy_column: Option<u32>,
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

#[derive(Clone, Debug, Default, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct StepReport {
    pub step: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// Clock steps: seconds advanced and the clock afterwards.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub advance: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clock: Option<String>,
    /// `allowed`, `explicitDeny`, `implicitDeny` or `error`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checks: Option<Vec<CheckReport>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credentials: Option<Credentials>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assumed_role_user: Option<AssumedRoleUser>,
    // ---- extensions ----
    /// The identity that made the request (user, session, service or provider).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub principal: Option<String>,
    /// The resource the request was made on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    /// The evaluation's reasons as codes (see `Reason` in the policy crate),
    /// e.g. `AllowedByBothSides`, `IdentityNoAllow`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<&'static str>,
    /// AssumeRole steps: the state of each phase ①–④ (`allowed`,
    /// `denied`, `error`, `skipped`, `pending`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flow: Option<[&'static str; 4]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_identity: Option<String>,
    /// Percentage of the session policy quota used (AWS's `PackedPolicySize`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub packed_policy_size: Option<u32>,
    /// Service-held credentials refreshed while the clock moved.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub refreshes: Vec<Refresh>,
    /// The CloudTrail-like record of the call.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event: Option<serde_json::Value>,
    /// The scenario's note for this step (`{"en","ja"}`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<serde_json::Value>,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct CheckReport {
    /// `scp`, `resource`, `identity`, `boundary`, `session` or `trust`.
    pub check: &'static str,
    pub decision: &'static str,
    pub matched_statements: Vec<MatchedStatement>,
    /// Extension: set when the check is for another action than the step's
    /// own (`iam:PassRole`, `sts:TagSession`, `sts:SetSourceIdentity`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    /// Extension: for a check that did not allow, why each `Allow`
    /// statement of its policies did not apply.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_applied: Vec<NotApplied>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Pos {
    pub line: u32,
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
    pub policy_name: String,
    pub policy_type: &'static str,
    pub sid: Option<String>,
    pub index: usize,
    pub start_position: Pos,
    pub end_position: Pos,
    /// How many condition entries the statement has (not in the JSON
    /// output; the playground's sentences use it).
    #[serde(skip)]
    pub conditions: usize,
}

impl StatementRef {
    pub fn new(p: &policy::NamedPolicy<'_>, st: &policy::Statement) -> Self {
        StatementRef {
            policy_name: p.name.to_string(),
            policy_type: p.source.as_str(),
            sid: st.sid.clone(),
            index: st.index,
            start_position: st.start.into(),
            end_position: st.end.into(),
            conditions: st.condition.entries.len(),
        }
    }
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct MatchedStatement {
    #[serde(flatten)]
    pub statement: StatementRef,
    /// Extension: `Allow` or `Deny`.
    pub effect: &'static str,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct NotApplied {
    #[serde(flatten)]
    pub statement: StatementRef,
    /// `action`, `resource`, `principal` or `condition`.
    pub reason: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub condition_key: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operator: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub policy_values: Vec<String>,
    /// The request's values for the key; `null` when the key was absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_values: Option<Option<Vec<String>>>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Credentials {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: String,
    pub expiration: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct AssumedRoleUser {
    pub arn: String,
    pub assumed_role_id: String,
}

/// A service refreshing the credentials it holds (extension).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Refresh {
    /// The AssumeRole step whose session was refreshed.
    pub session: usize,
    pub at: String,
    pub outcome: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access_key_id: Option<String>,
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
    pub step: usize,
    pub expected: String,
    pub actual: String,
}

/// Compares every step that has an `Expect` with its report.
pub fn check_expectations(s: &crate::Scenario, r: &Report) -> (usize, Vec<Mismatch>) {
    let mut passed = 0;
    let mut failed = Vec::new();
    for (i, step) in s.steps.iter().enumerate() {
        let Some(e) = &step.expect else { continue };
        let Some(got) = r.steps.get(i) else { continue };
        let outcome = got.outcome.unwrap_or("none");
        let ok = outcome == e.outcome && e.error_code.as_ref().is_none_or(|c| got.error_code.as_deref() == Some(c.as_str()));
        if ok {
            passed += 1;
        } else {
            let show = |o: &str, c: Option<&str>| match c {
                Some(c) => format!("{o} ({c})"),
                None => o.to_string(),
            };
            failed.push(Mismatch {
                step: i,
                expected: show(&e.outcome, e.error_code.as_deref()),
                actual: show(outcome, got.error_code.as_deref()),
            });
        }
    }
    (passed, failed)
}
