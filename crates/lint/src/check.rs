//! Linting one policy: the parser's diagnostics become findings, then each
//! family of checks looks at the parsed statements.

use catalogue::Catalogue;
use policy::issue::{FindingType, IssueCode};
use policy::json::{Kind, Value};
use policy::path::JsonPath;
use policy::{Diagnostic, LineIndex, Policy, PolicyType, Span};

use crate::finding::{Finding, Location, Text};
use crate::words;

/// What a policy's surroundings tell the checks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PolicyContext {
    /// The 12-digit account the policy belongs to (the role's account for a
    /// trust policy), when known: cross-account checks need it.
    pub owner_account: Option<String>,
}

/// Collects findings for one policy, located in one text.
pub(crate) struct Sink<'a> {
    text: &'a str,
    lines: LineIndex,
    /// The policy's path in the scenario (`None` for a bare policy).
    policy: Option<JsonPath>,
    /// Whether the policy's own text is `text` (string form, or a bare
    /// policy): diagnostic paths are then relative to the policy.
    in_policy_text: bool,
    pub(crate) out: Vec<Finding>,
}

impl<'a> Sink<'a> {
    pub(crate) fn new(text: &'a str, policy: Option<JsonPath>, in_policy_text: bool) -> Self {
        Sink { text, lines: LineIndex::new(text), policy, in_policy_text, out: Vec::new() }
    }

    /// The path of the policy's root in the scenario.
    fn base(&self) -> JsonPath {
        self.policy.clone().unwrap_or_default()
    }

    fn location(&self, path: JsonPath, span: Span) -> Location {
        let (start, end) = self.lines.range(self.text, span);
        Location { path, span, start, end }
    }

    /// A finding at `rel` (a path relative to the policy) and `span`.
    pub(crate) fn add(&mut self, issue: IssueCode, rel: &JsonPath, span: Span, message: Text) {
        let path = self.base().join(rel);
        self.push(issue, issue.finding_type(), path, span, message);
    }

    fn push(&mut self, issue: IssueCode, finding_type: FindingType, path: JsonPath, span: Span, message: Text) {
        let location = self.location(path, span);
        self.out.push(Finding {
            finding_type,
            issue,
            policy: self.policy.clone(),
            in_policy_text: self.in_policy_text,
            locations: vec![location],
            message,
        });
    }

    /// A parser diagnostic as a finding.
    pub(crate) fn diagnostic(&mut self, d: &Diagnostic) {
        let path = if self.in_policy_text { self.base().join(&d.path) } else { d.path.clone() };
        let en = match &d.help {
            Some(h) => format!("{} (help: {h})", d.message),
            None => d.message.clone(),
        };
        let ja = words::issue_ja(d.issue, &d.message);
        self.push(d.issue, d.finding_type(), path, d.span, Text { en, ja });
    }
}

/// Everything a check needs about one policy.
pub(crate) struct Cx<'a, 's, 't> {
    pub(crate) cat: &'a Catalogue,
    pub(crate) kind: PolicyType,
    pub(crate) ctx: &'a PolicyContext,
    pub(crate) policy: &'a Policy,
    /// The policy's JSON tree (its spans index the sink's text).
    pub(crate) raw: &'a Value,
    pub(crate) sink: &'s mut Sink<'t>,
    /// Work done once per distinct text: action patterns already checked,
    /// condition keys looked up, resource-and-actions fits decided.
    pub(crate) seen_actions: std::collections::HashSet<String>,
    pub(crate) keys: std::collections::HashMap<String, Option<catalogue::ConditionKey<'a>>>,
    pub(crate) fits: std::collections::HashMap<(String, String), bool>,
    /// The resource types (and whether all are `*`-only) of an `Action` list, by its text.
    pub(crate) types: std::collections::HashMap<String, Option<ActionTypes<'a>>>,
}

/// The resource types of an `Action` list, whether all its actions take
/// only `*`, and the first few action names (for messages).
pub(crate) type ActionTypes<'a> = (Vec<catalogue::ResourceType<'a>>, bool, Vec<String>);

impl Cx<'_, '_, '_> {
    /// Whether the catalogue knows anything (the page lints before the
    /// catalogue has arrived, without the catalogue checks).
    pub(crate) fn has_catalogue(&self) -> bool {
        self.cat.services().len() > 0
    }

    /// The path (relative to the policy) of the value or key written at `span`.
    pub(crate) fn path_at(&self, span: Span) -> JsonPath {
        let mut path = JsonPath::root();
        find_span(self.raw, span, &mut path);
        path
    }

    pub(crate) fn add(&mut self, issue: IssueCode, span: Span, en: String, ja: String) {
        let rel = self.path_at(span);
        self.sink.add(issue, &rel, span, Text { en, ja });
    }
}

/// Walks down to the value (or member key) whose span is `target`; `path`
/// ends as deep as it got.
fn find_span(v: &Value, target: Span, path: &mut JsonPath) -> bool {
    if v.span == target {
        return true;
    }
    if !(v.span.start <= target.start && target.end <= v.span.end) {
        return false;
    }
    match &v.kind {
        Kind::Object(members) => {
            for m in members {
                if m.key_span == target {
                    path.push_key(&m.key);
                    return true;
                }
                if m.value.span.start <= target.start && target.end <= m.value.span.end {
                    path.push_key(&m.key);
                    return find_span(&m.value, target, path);
                }
            }
            false
        }
        Kind::Array(items) => {
            for (i, it) in items.iter().enumerate() {
                if it.span.start <= target.start && target.end <= it.span.end {
                    path.push_index(i);
                    return find_span(it, target, path);
                }
            }
            false
        }
        _ => false,
    }
}

/// The raw statements of a policy tree, in order.
pub(crate) fn raw_statements(raw: &Value) -> Vec<&Value> {
    match raw.get("Statement").map(|s| &s.kind) {
        Some(Kind::Array(items)) => items.iter().collect(),
        Some(Kind::Object(_)) => raw.get("Statement").into_iter().collect(),
        _ => Vec::new(),
    }
}

/// Runs every check family on a parsed (possibly partial) policy.
pub(crate) fn run_checks(cx: &mut Cx<'_, '_, '_>) {
    crate::actions::check(cx);
    crate::keys::check(cx);
    crate::conditions::check(cx);
    match cx.kind {
        PolicyType::Trust => crate::trust::check(cx),
        PolicyType::Identity => crate::identity::check(cx),
        _ => {}
    }
    crate::identity::check_not_elements(cx);
    crate::redundancy::check(cx);
}
