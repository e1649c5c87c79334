//! What the learner changed: the first place where the current document
//! differs from the exercise as shipped, outside the paths an `EditOnly`
//! goal allows. Layout never counts (the page reprints the document and
//! turns object-form policies into strings): values are compared as JSON,
//! objects ignoring key order, and a policy field as the policy document it
//! holds, whether written as an object or as a string.

use policy::json::{Kind, Value};
use policy::path::JsonPath;

use crate::schema::{key, policy_field_kind};

/// The first path, in document order, whose value differs between
/// `original` and `current` and lies outside every path of `allowed`.
/// The `Exercise` block itself is not compared (the goals are always the
/// original's).
pub(super) fn first_change(original: &Value, current: &Value, allowed: &[JsonPath]) -> Option<JsonPath> {
    diff(Some(original), Some(current), &JsonPath::root(), allowed, false)
}

fn is_allowed(path: &JsonPath, allowed: &[JsonPath]) -> bool {
    allowed.iter().any(|a| path.starts_with(a))
}

/// A policy given as a string, read as its document (`None`: not JSON).
fn policy_value(v: &Value) -> Option<Value> {
    match &v.kind {
        Kind::String(s) => policy::json::parse(s).ok(),
        _ => Some(v.clone()),
    }
}

fn diff(a: Option<&Value>, b: Option<&Value>, path: &JsonPath, allowed: &[JsonPath], in_policy: bool) -> Option<JsonPath> {
    if !in_policy && is_allowed(path, allowed) {
        return None;
    }
    if path.segments().len() == 1 && path.last().is_some_and(|s| matches!(s, policy::path::Seg::Key(k) if k == key::EXERCISE)) {
        return None;
    }
    let (a, b) = match (a, b) {
        (None, None) => return None,
        (Some(a), Some(b)) => (a, b),
        _ => return Some(path.clone()),
    };
    if !in_policy && policy_field_kind(path).is_some() {
        return match (policy_value(a), policy_value(b)) {
            // Both hold a policy document: compare the documents; a change
            // anywhere inside is a change of this policy.
            (Some(pa), Some(pb)) => diff(Some(&pa), Some(&pb), path, allowed, true).map(|_| path.clone()),
            _ => (a.kind != b.kind).then(|| path.clone()),
        };
    }
    match (&a.kind, &b.kind) {
        (Kind::Object(ma), Kind::Object(mb)) => {
            for m in ma {
                let other = mb.iter().find(|x| x.key == m.key).map(|x| &x.value);
                if let Some(p) = diff(Some(&m.value), other, &path.key(&m.key), allowed, in_policy) {
                    return Some(p);
                }
            }
            mb.iter()
                .filter(|m| !ma.iter().any(|x| x.key == m.key))
                .find_map(|m| diff(None, Some(&m.value), &path.key(&m.key), allowed, in_policy))
        }
        (Kind::Array(ia), Kind::Array(ib)) => {
            (0..ia.len().max(ib.len())).find_map(|i| diff(ia.get(i), ib.get(i), &path.index(i), allowed, in_policy))
        }
        (Kind::Number(x), Kind::Number(y)) if x == y => None,
        (Kind::String(x), Kind::String(y)) if x == y => None,
        (Kind::Bool(x), Kind::Bool(y)) if x == y => None,
        (Kind::Null, Kind::Null) => None,
        _ => Some(path.clone()),
    }
}

#[cfg(test)]
#[path = "edits_tests.rs"]
mod tests;
