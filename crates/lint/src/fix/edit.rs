//! Text edits of a scenario: replace the bytes of one JSON value (or insert
//! at one point) inside a policy's own text or the file, and apply a set of
//! them, re-encoding string-form policies.

use policy::json::{self, Kind, Value};
use policy::path::JsonPath;
use policy::{LineIndex, Position, Span};
use serde_json::Value as J;

/// One text edit of the scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    /// The JSON path (in the scenario) of the value edited, or of the
    /// object or array something is inserted into.
    pub path: JsonPath,
    /// The policy edited (`None`: a field of the scenario, such as a step's
    /// `ExternalId`).
    pub policy: Option<JsonPath>,
    /// Whether `span` and the positions index the policy's own text (a
    /// policy given as a JSON string); otherwise the file.
    pub in_policy_text: bool,
    /// The bytes replaced (empty for an insertion).
    pub span: Span,
    /// Where they start (1-based).
    pub start: Position,
    /// Where they end (the last character; the start for an insertion).
    pub end: Position,
    /// The text put there.
    pub replacement: String,
}

/// The text an edit works on: a policy string's content, or the file.
pub(crate) struct Doc<'a> {
    pub(crate) file: &'a str,
    pub(crate) tree: &'a Value,
}

/// Where a policy lives: its text and tree (for a string-form policy,
/// parsed from the string).
pub(crate) struct PolicyText {
    pub(crate) path: JsonPath,
    pub(crate) text: String,
    pub(crate) tree: Value,
    pub(crate) in_policy_text: bool,
}

impl Doc<'_> {
    /// The policy at `path`, ready to be edited.
    pub(crate) fn policy(&self, path: &JsonPath) -> Option<PolicyText> {
        let v = path.lookup(self.tree)?;
        match &v.kind {
            Kind::String(s) => Some(PolicyText { path: path.clone(), text: s.clone(), tree: json::parse(s).ok()?, in_policy_text: true }),
            Kind::Object(_) => Some(PolicyText { path: path.clone(), text: self.file.to_string(), tree: v.clone(), in_policy_text: false }),
            _ => None,
        }
    }

    /// The scenario as a "policy" of its own (for edits of step fields).
    pub(crate) fn whole(&self) -> PolicyText {
        PolicyText { path: JsonPath::root(), text: self.file.to_string(), tree: self.tree.clone(), in_policy_text: false }
    }
}

impl PolicyText {
    fn edit(&self, rel: &JsonPath, span: Span, replacement: String) -> Edit {
        let lines = LineIndex::new(&self.text);
        let (start, end) = if span.is_empty() {
            let p = lines.position(&self.text, span.start);
            (p, p)
        } else {
            lines.range(&self.text, span)
        };
        Edit {
            path: self.path.join(rel),
            policy: (!self.path.is_root()).then(|| self.path.clone()),
            in_policy_text: self.in_policy_text,
            span,
            start,
            end,
            replacement,
        }
    }

    /// The value at `rel` (relative to the policy's root).
    pub(crate) fn at(&self, rel: &JsonPath) -> Option<&Value> {
        rel.lookup(&self.tree)
    }

    /// Replaces the value at `rel` with `new`.
    pub(crate) fn replace(&self, rel: &JsonPath, new: &J) -> Option<Edit> {
        let v = self.at(rel)?;
        Some(self.edit(rel, v.span, compact(new)))
    }

    /// Appends `new` to the array at `rel`, or makes the single value there
    /// a list of itself and `new`.
    pub(crate) fn append(&self, rel: &JsonPath, new: &J) -> Option<Edit> {
        let v = self.at(rel)?;
        match &v.kind {
            Kind::Array(items) => {
                let at = v.span.end.saturating_sub(1);
                let sep = if items.is_empty() { "" } else { ", " };
                Some(self.edit(rel, Span::new(at, at), format!("{sep}{}", compact(new))))
            }
            _ => {
                let old = self.text.get(v.span.start as usize..v.span.end as usize)?;
                Some(self.edit(rel, v.span, format!("[{old}, {}]", compact(new))))
            }
        }
    }

    /// Adds the member `key: new` to the object at `rel`.
    pub(crate) fn add_member(&self, rel: &JsonPath, key: &str, new: &J) -> Option<Edit> {
        let v = self.at(rel)?;
        let Kind::Object(members) = &v.kind else { return None };
        let at = v.span.end.saturating_sub(1);
        let sep = if members.is_empty() { "" } else { ", " };
        Some(self.edit(rel, Span::new(at, at), format!("{sep}{}: {}", compact(&J::from(key)), compact(new))))
    }

    /// Removes item `index` of the array at `rel` (rewriting the array).
    pub(crate) fn remove_item(&self, rel: &JsonPath, index: usize) -> Option<Edit> {
        let v = self.at(rel)?;
        let Kind::Array(items) = &v.kind else { return None };
        let kept: Vec<&str> = items
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != index)
            .filter_map(|(_, it)| self.text.get(it.span.start as usize..it.span.end as usize))
            .collect();
        Some(self.edit(rel, v.span, format!("[{}]", kept.join(", "))))
    }
}

/// JSON text on one line.
pub(crate) fn compact(v: &J) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// The scenario with `edits` applied, or `None` when they overlap or do
/// not fit the text.
pub fn apply(file: &str, edits: &[Edit]) -> Option<String> {
    let tree = json::parse(file).ok()?;
    // File-level replacements: (span, text).
    let mut repl: Vec<(Span, String)> = Vec::new();
    let mut by_policy: Vec<(JsonPath, Vec<&Edit>)> = Vec::new();
    for e in edits {
        if e.in_policy_text {
            let p = e.policy.clone()?;
            match by_policy.iter_mut().find(|(q, _)| *q == p) {
                Some((_, list)) => list.push(e),
                None => by_policy.push((p, vec![e])),
            }
        } else {
            repl.push((e.span, e.replacement.clone()));
        }
    }
    for (p, list) in by_policy {
        let v = p.lookup(&tree)?;
        let text = v.as_str()?;
        let spans: Vec<(Span, String)> = list.iter().map(|e| (e.span, e.replacement.clone())).collect();
        let new = splice(text, spans)?;
        repl.push((v.span, serde_json::to_string(&new).ok()?));
    }
    splice(file, repl)
}

/// `text` with each span replaced (spans must not overlap).
fn splice(text: &str, mut repl: Vec<(Span, String)>) -> Option<String> {
    repl.sort_by_key(|(s, _)| std::cmp::Reverse((s.start, s.end)));
    let mut out = text.to_string();
    let mut limit = u32::MAX;
    for (s, r) in repl {
        if s.end > limit || s.start > s.end {
            return None;
        }
        let (a, b) = (s.start as usize, s.end as usize);
        if b > out.len() || !out.is_char_boundary(a) || !out.is_char_boundary(b) {
            return None;
        }
        out.replace_range(a..b, &r);
        limit = s.start;
    }
    Some(out)
}
