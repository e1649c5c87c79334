//! The request context: condition keys and their values.
//!
//! Keys are case-insensitive (stored lower-cased); values keep their case.
//! Every value is kept as text, as AWS passes them; condition operators
//! convert (numbers, dates, booleans, IP addresses) when they compare.

use std::collections::HashMap;

/// The values of one context key. `multi` marks a multivalued key (a set,
/// e.g. `aws:TagKeys`), which only `ForAllValues:`/`ForAnyValue:` treat as a
/// set; a single-valued key has exactly one value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContextValue {
    /// The values as text, in the order given.
    pub values: Vec<String>,
    /// A multivalued key (a set).
    pub multi: bool,
}

impl ContextValue {
    /// A single-valued key.
    pub fn single(v: impl Into<String>) -> Self {
        ContextValue { values: vec![v.into()], multi: false }
    }
    /// A multivalued key with these values.
    pub fn multi(vs: Vec<String>) -> Self {
        ContextValue { values: vs, multi: true }
    }
    /// The first value, for single-valued uses (policy variables).
    pub fn first(&self) -> Option<&str> {
        self.values.first().map(String::as_str)
    }
}

/// Condition keys of one request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Context {
    entries: HashMap<String, (String, ContextValue)>,
}

impl Context {
    /// A request with no condition keys.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `key` (any case), replacing an earlier value.
    pub fn insert(&mut self, key: &str, value: ContextValue) {
        self.entries.insert(key.to_ascii_lowercase(), (key.to_string(), value));
    }

    /// Sets `key` (any case) to a single value.
    pub fn set(&mut self, key: &str, value: impl Into<String>) {
        self.insert(key, ContextValue::single(value));
    }

    /// Inserts each entry, replacing what the keys held (a step's `Context`
    /// over the keys the simulator sets itself).
    pub fn apply(&mut self, entries: &[(String, ContextValue)]) {
        for (k, v) in entries {
            self.insert(k, v.clone());
        }
    }

    /// Removes `key` (any case): the request then lacks it.
    pub fn remove(&mut self, key: &str) {
        self.entries.remove(&key.to_ascii_lowercase());
    }

    /// Looks a key up case-insensitively.
    pub fn get(&self, key: &str) -> Option<&ContextValue> {
        if let Some((_, v)) = self.entries.get(key) {
            return Some(v);
        }
        if key.bytes().any(|b| b.is_ascii_uppercase()) {
            return self.entries.get(&key.to_ascii_lowercase()).map(|(_, v)| v);
        }
        None
    }

    /// Looks a key up by its already lower-cased name (the fast path the
    /// evaluator uses: condition keys are lower-cased once, at parse time).
    pub fn get_lower(&self, key_lc: &str) -> Option<&ContextValue> {
        self.entries.get(key_lc).map(|(_, v)| v)
    }

    /// Entries with their keys as first written, sorted by key.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &ContextValue)> {
        let mut v: Vec<_> = self.entries.values().map(|(k, v)| (k.as_str(), v)).collect();
        v.sort_by_key(|a| a.0.to_ascii_lowercase());
        v.into_iter()
    }

    /// The number of keys.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the request has no condition keys.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Where policy variables (`${aws:username}`) get their values.
pub trait Vars {
    /// The value of a single-valued key, looked up case-insensitively.
    fn var(&self, key: &str) -> Option<&str>;
}

impl Vars for Context {
    fn var(&self, key: &str) -> Option<&str> {
        self.get(key).filter(|v| !v.multi).and_then(ContextValue::first)
    }
}

/// No variables at all (for matching outside a request).
pub struct NoVars;

impl Vars for NoVars {
    fn var(&self, _key: &str) -> Option<&str> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_case_insensitive_values_are_not() {
        let mut c = Context::new();
        c.set("aws:PrincipalTag/Team", "Blue");
        assert_eq!(c.get("AWS:principaltag/team").and_then(|v| v.first()), Some("Blue"));
        assert_eq!(c.var("aws:principaltag/team"), Some("Blue"));
        assert!(c.get("aws:PrincipalTag/Other").is_none());
    }

    #[test]
    fn multivalued_keys_are_not_variables() {
        let mut c = Context::new();
        c.insert("aws:TagKeys", ContextValue::multi(vec!["a".into(), "b".into()]));
        assert_eq!(c.var("aws:TagKeys"), None);
        assert_eq!(c.get("aws:tagkeys").map(|v| v.values.len()), Some(2));
    }
}
