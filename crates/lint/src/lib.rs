//! What a learner got wrong, and how to fix it.
//!
//! [`lint_policy`] and [`lint_scenario`] return [`Finding`]s in IAM Access
//! Analyzer's shape: a finding type (`ERROR`, `SECURITY_WARNING`,
//! `WARNING`, `SUGGESTION`), an issue code (Access Analyzer's own where it
//! has one — `INVALID_ACTION`, `PASS_ROLE_WITH_STAR_IN_RESOURCE`, … —
//! roleplay's in the same style otherwise, [`IssueCode::is_roleplay_own`]),
//! the policy's JSON path in the scenario, locations with 1-based lines and
//! columns, and a message in English and Japanese.
//!
//! One mechanism, no duplicates: the grammar (what the loader rejects, and
//! the parser's own warnings such as `MISSING_VERSION`) is checked once, by
//! `policy::parse_policy`, whose diagnostics carry their issue code and
//! become findings here; the checks in this crate only add what needs the
//! IAM catalogue (actions, resources, condition keys) or looks across
//! statements and policies (trust, `iam:PassRole`, conditions that never
//! hold, redundancy, sizes). `roleplay run --json`'s `Warnings` are the
//! same parser warnings under their historical lint names.
//!
//! [`fix::fixes`] proposes, for every step that ended `implicitDeny`,
//! `explicitDeny` or `error`, the smallest edits of the scenario that make
//! it succeed, each verified by running the scenario with it applied.
//!
//! No I/O and no clock: the catalogue's text is the caller's to supply
//! (the CLI compiles it in; the page fetches it), and with
//! `Catalogue::default()` the catalogue checks are simply skipped. Builds
//! for `wasm32-unknown-unknown`.
//!
//! ```
//! use lint::{lint_policy, Lang, PolicyContext};
//! use policy::PolicyType;
//! # let cat = catalogue::Catalogue::parse(include_str!("../../catalogue/data/catalogue.txt"))?;
//! let trust = r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow",
//!   "Principal": {"AWS": "*"}, "Action": "sts:AssumeRoles"}}"#;
//! let findings = lint_policy(trust, PolicyType::Trust, &cat, &PolicyContext::default());
//! let codes: Vec<&str> = findings.iter().map(|f| f.issue.as_str()).collect();
//! assert_eq!(codes, ["INVALID_ACTION", "ROLE_TRUST_POLICY_ALLOWS_ALL_PRINCIPALS"]);
//! assert!(findings[0].message.get(Lang::En).contains("did you mean `sts:AssumeRole`?"));
//! assert_eq!(findings[0].locations[0].start.line, 2);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![warn(missing_docs)]

mod actions;
mod check;
mod conditions;
mod finding;
mod identity;
mod keys;
mod redundancy;
mod scenario;
mod trust;
mod words;

pub mod fix;

pub use check::PolicyContext;
pub use finding::{findings_json, Finding, Lang, Location, Text};
pub use policy::issue::{FindingType, IssueCode};
pub use scenario::lint_scenario;

/// The lint engine as an exercise's linter: `NoFindings` goals are judged
/// with IAM Access Analyzer's checks and this catalogue (`roleplay check`
/// and the page's helper worker both use it).
pub struct ExerciseLinter<'c>(pub &'c Catalogue);

impl sts::exercise::Linter for ExerciseLinter<'_> {
    fn findings(&self, text: &str, _scenario: &sts::Scenario) -> Vec<sts::exercise::LintFinding> {
        lint_scenario(text, self.0).iter().map(exercise_finding).collect()
    }
}

/// Findings already made for the text, as an exercise's linter (the page's
/// helper worker lints each edit once, for the editors and the goals).
pub struct Linted<'f>(pub &'f [Finding]);

impl sts::exercise::Linter for Linted<'_> {
    fn findings(&self, _text: &str, _scenario: &sts::Scenario) -> Vec<sts::exercise::LintFinding> {
        self.0.iter().map(exercise_finding).collect()
    }
}

fn exercise_finding(f: &Finding) -> sts::exercise::LintFinding {
    sts::exercise::LintFinding {
        finding_type: f.finding_type,
        code: f.issue.as_str().to_string(),
        path: f.policy.clone(),
        message: sts::scenario::Text { en: f.message.en.clone(), ja: Some(f.message.ja.clone()) },
    }
}

use catalogue::Catalogue;
use policy::json::{self, Value};
use policy::path::JsonPath;
use policy::{non_whitespace_len, parse_policy, parse_policy_value, LineIndex, PolicyType, Span};

use check::{run_checks, Cx, Sink};

/// Every finding of one policy given as text, linted as `kind`. Paths
/// start at `$` and positions index `text`. Cheap enough for every
/// keystroke: one parse, then one pass per family.
pub fn lint_policy(text: &str, kind: PolicyType, cat: &Catalogue, ctx: &PolicyContext) -> Vec<Finding> {
    let mut sink = Sink::new(text, None, true);
    check_text(&mut sink, text, kind, cat, ctx);
    if let Some((issue, quota)) = bare_quota(kind) {
        let size = non_whitespace_len(text);
        if size > quota {
            let span = Span::new(0, u32::try_from(text.len()).unwrap_or(u32::MAX));
            sink.add(
                issue,
                &JsonPath::root(),
                span,
                Text::new(
                    format!("the policy is {size} characters (not counting whitespace), over the quota of {quota} for this kind of policy: split it into several smaller policies"),
                    format!("ポリシーが {size} 文字（空白を除く）で、この種類のポリシーのクォータ {quota} を超えています。複数の小さなポリシーに分けてください。"),
                ),
            );
        }
    }
    sink.out
}

/// The size quota of one policy of `kind` on its own (IAM and STS quotas:
/// a managed policy 6,144 characters, a trust or session policy 2,048).
fn bare_quota(kind: PolicyType) -> Option<(IssueCode, usize)> {
    match kind {
        PolicyType::Identity | PolicyType::Boundary => Some((IssueCode::PolicySizeExceedsIdentityPolicyQuota, 6_144)),
        PolicyType::Scp => Some((IssueCode::PolicySizeExceedsScpQuota, 6_144)),
        PolicyType::Trust => Some((IssueCode::PolicySizeExceedsTrustPolicyQuota, 2_048)),
        PolicyType::Session => Some((IssueCode::PolicySizeExceedsSessionPolicyQuota, sts::scenario::SESSION_POLICY_QUOTA)),
        PolicyType::Resource => None,
    }
}

/// Lints a policy whose own text is `text` into `sink`.
pub(crate) fn check_text(sink: &mut Sink<'_>, text: &str, kind: PolicyType, cat: &Catalogue, ctx: &PolicyContext) {
    // One JSON parse serves the parser and the checks.
    let Ok(raw) = json::parse(text) else {
        for d in &parse_policy(text, kind).diagnostics {
            sink.diagnostic(d);
        }
        return;
    };
    let parsed = parse_policy_value(&raw, &JsonPath::root(), kind, text, &LineIndex::new(text));
    for d in &parsed.diagnostics {
        sink.diagnostic(d);
    }
    let Some(policy) = parsed.policy.as_ref().or(parsed.partial.as_ref()) else { return };
    let mut cx = Cx {
        cat,
        kind,
        ctx,
        policy,
        raw: &raw,
        sink,
        seen_actions: Default::default(),
        keys: Default::default(),
        fits: Default::default(),
        types: Default::default(),
    };
    run_checks(&mut cx);
}

/// Lints a policy given as an object inside a scenario (`value` at `path`,
/// its spans indexing `text`).
#[expect(clippy::too_many_arguments, reason = "the policy, where it is, and what it is checked against")]
pub(crate) fn check_value(
    sink: &mut Sink<'_>,
    value: &Value,
    path: &JsonPath,
    kind: PolicyType,
    cat: &Catalogue,
    ctx: &PolicyContext,
    text: &str,
    lines: &LineIndex,
) {
    let parsed = parse_policy_value(value, path, kind, text, lines);
    for d in &parsed.diagnostics {
        sink.diagnostic(d);
    }
    let Some(policy) = parsed.policy.as_ref().or(parsed.partial.as_ref()) else { return };
    let mut cx = Cx {
        cat,
        kind,
        ctx,
        policy,
        raw: value,
        sink,
        seen_actions: Default::default(),
        keys: Default::default(),
        fits: Default::default(),
        types: Default::default(),
    };
    run_checks(&mut cx);
}
