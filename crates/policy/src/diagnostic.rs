//! One diagnostic type for every stage: a code, a severity, a lowercase
//! message, optional help, the JSON path of the offending value and its span.

use crate::issue::{FindingType, IssueCode};
use crate::path::JsonPath;
use crate::span::Span;

/// Whether a diagnostic rejects the policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// The input is rejected (AWS would answer `MalformedPolicyDocument`).
    Error,
    /// Legal, but probably not what the author meant.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem found in a policy (or a scenario), located by JSON path and span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// `MalformedPolicyDocument` for errors AWS would reject with; a lint
    /// name (e.g. `redundant-action`) for warnings; `TooManyErrors` for the
    /// entry that counts the errors of a list cut short.
    pub code: &'static str,
    /// Rejected, or only suspicious.
    pub severity: Severity,
    /// What kind of problem it is, in Access Analyzer's vocabulary.
    pub issue: IssueCode,
    /// Lowercase, user input in backticks, no Rust type names.
    pub message: String,
    /// What to write instead ("did you mean …"), when known.
    pub help: Option<String>,
    /// JSON path of the offending value, e.g. `$.Statement[0].Effect`.
    pub path: JsonPath,
    /// The offending value (or key) in the source.
    pub span: Span,
}

/// Diagnostics one policy reports at most: [`parse_policy`](crate::parse_policy)
/// lists the first ones and then one entry counting the rest ("and N more"),
/// and works out "did you mean" hints only for those listed, so a
/// pathological policy costs time linear in its size.
pub const MAX_DIAGNOSTICS: usize = 100;

/// The error code AWS answers an invalid policy with.
pub const MALFORMED: &str = "MalformedPolicyDocument";

impl Diagnostic {
    /// A `MalformedPolicyDocument` error of kind `issue` at `path`/`span`.
    pub fn error(issue: IssueCode, path: &JsonPath, span: Span, message: impl Into<String>) -> Self {
        Diagnostic { code: MALFORMED, severity: Severity::Error, issue, message: message.into(), help: None, path: path.clone(), span }
    }

    /// A lint warning named `code`, of kind `issue`, at `path`/`span`.
    pub fn warning(code: &'static str, issue: IssueCode, path: &JsonPath, span: Span, message: impl Into<String>) -> Self {
        Diagnostic { code, severity: Severity::Warning, issue, message: message.into(), help: None, path: path.clone(), span }
    }

    /// The finding type: `ERROR` for anything that rejects the policy,
    /// else the type Access Analyzer gives the check.
    pub fn finding_type(&self) -> FindingType {
        if self.is_error() {
            FindingType::Error
        } else {
            self.issue.finding_type()
        }
    }

    /// The same diagnostic with a help text.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Whether the policy is rejected because of it.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}
