//! JSON value → typed [`Policy`], validating like IAM does.
//!
//! All problems are collected, not just the first. Errors use the code
//! `MalformedPolicyDocument` (what AWS answers); lint findings are warnings.

use std::collections::BTreeMap;

use crate::ast::*;
use crate::diagnostic::{Diagnostic, Severity, MAX_DIAGNOSTICS};
use crate::fuzzy::did_you_mean;
use crate::issue::IssueCode;
use crate::json::{self, Kind, Member, Value};
use crate::path::JsonPath;
use crate::span::{LineIndex, Span};

/// The result of parsing one policy: the policy when it has no errors,
/// and every diagnostic (errors and warnings) found.
#[derive(Debug)]
pub struct Parsed {
    /// The policy; `None` when any diagnostic is an error (AWS would refuse it).
    pub policy: Option<Policy>,
    /// Errors and warnings, in the order found: at most
    /// [`MAX_DIAGNOSTICS`], then (when there were more) one last entry,
    /// coded [`TOO_MANY_DIAGNOSTICS`] (or `too-many-warnings` when only
    /// warnings were left out), that counts the rest.
    pub diagnostics: Vec<Diagnostic>,
    /// When the policy has errors: its statements that have none (for
    /// lint checks while a policy is being typed); `None` otherwise.
    pub partial: Option<Policy>,
    /// The errors and warnings counted by that last entry.
    pub omitted: (usize, usize),
}

impl Parsed {
    /// The diagnostics that reject the policy.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }
}

/// Parses a policy given as JSON text. Paths start at `$`; spans index `text`.
///
/// ```
/// use policy::{parse_policy, Effect, PolicyType};
///
/// let text = r#"{"Version": "2012-10-17",
///   "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}"#;
/// let parsed = parse_policy(text, PolicyType::Identity);
/// let policy = parsed.policy.ok_or("the policy has errors")?;
/// assert_eq!(policy.statements[0].effect, Effect::Allow);
/// assert_eq!(policy.statements[0].start.line, 2);
///
/// // Every problem is reported with its JSON path, warnings too; an
/// // invalid policy gives no policy.
/// let parsed = parse_policy(r#"{"Statement": {"Effect": "Alow", "Action": "s3:*"}}"#, PolicyType::Identity);
/// assert!(parsed.policy.is_none());
/// let errors: Vec<String> = parsed.errors().map(|d| d.path.to_string()).collect();
/// assert_eq!(errors, ["$.Statement.Effect", "$.Statement"]); // bad Effect, no Resource
/// assert_eq!(parsed.diagnostics[0].code, "missing-version");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_policy(text: &str, kind: PolicyType) -> Parsed {
    match json::parse(text) {
        Ok(value) => {
            let lines = LineIndex::new(text);
            parse_policy_value(&value, &JsonPath::root(), kind, text, &lines)
        }
        Err(e) => Parsed {
            policy: None,
            diagnostics: vec![Diagnostic::error(
                IssueCode::JsonSyntaxError,
                &JsonPath::root(),
                e.span,
                format!("the policy is not valid JSON: {}", e.message),
            )],
            partial: None,
            omitted: (0, 0),
        },
    }
}

/// Parses a policy given as an already parsed JSON value. `path` is the
/// value's JSON path; `text`/`lines` are the source its spans index (for
/// statement positions).
pub fn parse_policy_value(value: &Value, path: &JsonPath, kind: PolicyType, text: &str, lines: &LineIndex) -> Parsed {
    let mut p = Parser { diags: Vec::new(), kind, variables: true, text, lines };
    let policy = p.policy(value, path);
    let has_errors = p.diags.iter().any(|d| d.severity == Severity::Error);
    let (diagnostics, omitted) = cap(p.diags);
    if has_errors {
        Parsed { policy: None, diagnostics, partial: policy, omitted }
    } else {
        Parsed { policy, diagnostics, partial: None, omitted }
    }
}

/// The code of the last diagnostic of a list cut short that counts errors.
pub const TOO_MANY_DIAGNOSTICS: &str = "TooManyErrors";

/// The first [`MAX_DIAGNOSTICS`] diagnostics and, when there were more, one
/// last entry at the first of the others that counts them; and how many
/// errors and warnings it counts.
fn cap(mut diags: Vec<Diagnostic>) -> (Vec<Diagnostic>, (usize, usize)) {
    if diags.len() <= MAX_DIAGNOSTICS {
        return (diags, (0, 0));
    }
    let rest = diags.split_off(MAX_DIAGNOSTICS);
    let errors = rest.iter().filter(|d| d.is_error()).count();
    let warnings = rest.len() - errors;
    let Some(first) = rest.first() else { return (diags, (0, 0)) };
    let message = format!(
        "and {} more problems ({errors} errors, {warnings} warnings) not listed: a policy lists at most {MAX_DIAGNOSTICS}",
        rest.len()
    );
    let mut summary = if errors > 0 {
        Diagnostic::error(first.issue, &first.path, first.span, message)
    } else {
        Diagnostic::warning("too-many-warnings", first.issue, &first.path, first.span, message)
    };
    if errors > 0 {
        summary.code = TOO_MANY_DIAGNOSTICS;
    }
    diags.push(summary);
    (diags, (errors, warnings))
}

/// Characters other than whitespace: what AWS's policy size quotas count.
pub fn non_whitespace_len(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

mod principal;
mod statement;

struct Parser<'a> {
    diags: Vec<Diagnostic>,
    kind: PolicyType,
    variables: bool,
    text: &'a str,
    lines: &'a LineIndex,
}

const TOP_KEYS: &[&str] = &["Version", "Id", "Statement"];
pub(super) const STATEMENT_KEYS: &[&str] =
    &["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"];

impl Parser<'_> {
    fn error(&mut self, issue: IssueCode, path: &JsonPath, span: Span, msg: impl Into<String>) -> &mut Diagnostic {
        self.diags.push(Diagnostic::error(issue, path, span, msg));
        let last = self.diags.len() - 1;
        #[expect(clippy::indexing_slicing, reason = "just pushed")]
        &mut self.diags[last]
    }

    fn warn(&mut self, code: &'static str, issue: IssueCode, path: &JsonPath, span: Span, msg: impl Into<String>) {
        self.diags.push(Diagnostic::warning(code, issue, path, span, msg));
    }

    /// Reports duplicate and unknown keys of an object.
    fn check_keys(&mut self, members: &[Member], path: &JsonPath, known: &[&str], what: &str, unknown: IssueCode) {
        // Names seen, in a map used as a set: `BTreeMap<String, usize>` is
        // the one ordered collection of the engine and the loader (each
        // other type would add its own code to the page).
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for m in members {
            if seen.insert(m.key.clone(), 0).is_some() {
                self.error(IssueCode::InvalidPolicyElement, &path.key(&m.key), m.key_span, format!("duplicate key `{}` in {what}", m.key));
            } else if !known.contains(&m.key.as_str()) {
                // "Did you mean" only while the diagnostics are still listed.
                let hint = if self.diags.len() < MAX_DIAGNOSTICS { did_you_mean(&m.key, known) } else { None };
                let d = self.error(unknown, &path.key(&m.key), m.key_span, format!("unknown element `{}` in {what}", m.key));
                if let Some(h) = hint {
                    d.help = Some(format!("did you mean `{h}`?"));
                } else {
                    d.help = Some(format!("{what} may contain {}", list_names(known)));
                }
            }
        }
    }

    fn policy(&mut self, value: &Value, path: &JsonPath) -> Option<Policy> {
        let Kind::Object(members) = &value.kind else {
            self.error(
                IssueCode::DataTypeMismatch,
                path,
                value.span,
                format!("a policy document must be a JSON object, not {}", value.kind_name()),
            );
            return None;
        };
        self.check_keys(members, path, TOP_KEYS, "a policy document", IssueCode::InvalidPolicyElement);
        let get = |k: &str| members.iter().find(|m| m.key == k);

        let version = match get("Version") {
            None => {
                self.warn(
                    "missing-version",
                    IssueCode::MissingVersion,
                    path,
                    Span::new(value.span.start, value.span.start.saturating_add(1)),
                    "the policy has no `Version`; AWS then uses `2008-10-17`, where policy variables such as `${aws:username}` are plain text",
                );
                Version::Missing
            }
            Some(m) => match &m.value.kind {
                Kind::String(s) if s == "2012-10-17" => Version::V2012_10_17,
                Kind::String(s) if s == "2008-10-17" => Version::V2008_10_17,
                _ => {
                    let shown = m.value.to_json_text();
                    self.error(
                        IssueCode::InvalidVersion,
                        &path.key("Version"),
                        m.value.span,
                        format!("`Version` must be `2012-10-17` or `2008-10-17`, not `{shown}`"),
                    )
                    .help = Some("use \"2012-10-17\", the current policy language version".into());
                    Version::V2012_10_17
                }
            },
        };
        self.variables = version.variables();

        let id = get("Id").and_then(|m| match &m.value.kind {
            Kind::String(s) => Some(s.clone()),
            _ => {
                self.error(
                    IssueCode::DataTypeMismatch,
                    &path.key("Id"),
                    m.value.span,
                    format!("`Id` must be a string, not {}", m.value.kind_name()),
                );
                None
            }
        });

        let mut statements = Vec::new();
        match get("Statement") {
            None => {
                self.error(
                    IssueCode::MissingStatement,
                    path,
                    value.span,
                    "the policy has no `Statement`; a policy needs at least one statement",
                );
            }
            Some(m) => {
                let spath = path.key("Statement");
                match &m.value.kind {
                    Kind::Object(_) => {
                        if let Some(s) = self.statement(&m.value, &spath, 0) {
                            statements.push(s);
                        }
                    }
                    Kind::Array(items) => {
                        if items.is_empty() {
                            self.error(
                                IssueCode::MissingStatement,
                                &spath,
                                m.value.span,
                                "`Statement` is empty; a policy needs at least one statement",
                            );
                        }
                        for (i, item) in items.iter().enumerate() {
                            if let Some(s) = self.statement(item, &spath.index(i), i) {
                                statements.push(s);
                            }
                        }
                    }
                    _ => {
                        self.error(
                            IssueCode::DataTypeMismatch,
                            &spath,
                            m.value.span,
                            format!("`Statement` must be an object or an array of objects, not {}", m.value.kind_name()),
                        );
                    }
                }
            }
        }
        if let Some(Kind::Array(items)) = get("Statement").map(|m| &m.value.kind) {
            self.check_sids(items, &path.key("Statement"));
        }
        Some(Policy { kind: self.kind, version, id, statements, span: value.span })
    }

    /// Duplicate `Sid`s, found on the raw statements so that statements
    /// with other errors are checked too.
    fn check_sids(&mut self, items: &[Value], spath: &JsonPath) {
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for (i, item) in items.iter().enumerate() {
            let Some((sid, span)) = item.get("Sid").and_then(|s| s.as_str().map(|t| (t, s.span))) else { continue };
            if seen.insert(sid.to_string(), 0).is_some() {
                let p = spath.index(i).key("Sid");
                self.error(
                    IssueCode::UniqueSidsRequired,
                    &p,
                    span,
                    format!("duplicate `Sid` `{sid}`: statement IDs in a single policy must be unique"),
                );
            }
        }
    }
}

fn list_names(names: &[&str]) -> String {
    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}
