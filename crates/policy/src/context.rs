//! The request context: condition keys and their values.
//!
//! Keys are case-insensitive (stored lower-cased); values keep their case.
//! Every value is kept as text, as AWS passes them; condition operators
//! convert (numbers, dates, booleans, IP addresses) when they compare.

use std::borrow::Cow;
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

/// Beyond this many keys a hash index is kept beside the list.
const INDEX_FROM: usize = 32;

/// Condition keys of one request.
///
/// A request usually has a few dozen keys, so they are kept in a list and
/// found by comparing names ignoring ASCII case: cheaper to build (one
/// string per key, no hashing) than a hash map, and as fast to search. A
/// context with many more keys (a scenario may give thousands) also keeps
/// an index by lower-cased key, so building it stays linear.
#[derive(Clone, Debug, Default)]
pub struct Context {
    /// The key as first written, and its values.
    entries: Vec<(Cow<'static, str>, ContextValue)>,
    /// Lower-cased key → position in `entries`, once there are many.
    index: Option<HashMap<String, usize>>,
}

impl PartialEq for Context {
    fn eq(&self, other: &Self) -> bool {
        self.entries == other.entries
    }
}

impl Eq for Context {}

impl Context {
    /// A request with no condition keys.
    pub fn new() -> Self {
        Self::default()
    }

    fn position(&self, key: &str) -> Option<usize> {
        match &self.index {
            Some(index) => index.get(&key.to_ascii_lowercase()).copied(),
            // Mostly the key is spelled as it was set: compare exactly first.
            None => self.entries.iter().position(|(k, _)| k.len() == key.len() && (k == key || k.eq_ignore_ascii_case(key))),
        }
    }

    fn reindex(&mut self) {
        self.index = (self.entries.len() > INDEX_FROM)
            .then(|| self.entries.iter().enumerate().map(|(i, (k, _))| (k.to_ascii_lowercase(), i)).collect());
    }

    /// Sets `key` (any case), replacing an earlier value.
    pub fn insert(&mut self, key: &str, value: ContextValue) {
        self.put(Cow::Owned(key.to_string()), value);
    }

    /// Sets a key named in the program's text (no copy of the name is made).
    pub fn set_static(&mut self, key: &'static str, value: impl Into<String>) {
        self.put(Cow::Borrowed(key), ContextValue::single(value));
    }

    fn put(&mut self, key: Cow<'static, str>, value: ContextValue) {
        match self.position(&key).and_then(|i| self.entries.get_mut(i)) {
            Some(slot) => *slot = (key, value),
            None => {
                let lower = self.index.as_ref().map(|_| key.to_ascii_lowercase());
                self.entries.push((key, value));
                match (&mut self.index, lower) {
                    (Some(index), Some(lower)) => {
                        index.insert(lower, self.entries.len() - 1);
                    }
                    _ if self.entries.len() > INDEX_FROM => self.reindex(),
                    _ => {}
                }
            }
        }
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
        self.entries.retain(|(k, _)| !k.eq_ignore_ascii_case(key));
        if self.index.is_some() {
            self.reindex();
        }
    }

    /// Looks a key up case-insensitively.
    pub fn get(&self, key: &str) -> Option<&ContextValue> {
        self.position(key).and_then(|i| self.entries.get(i)).map(|(_, v)| v)
    }

    /// Looks a key up by its already lower-cased name (what the evaluator
    /// has: condition keys are lower-cased once, at parse time).
    pub fn get_lower(&self, key_lc: &str) -> Option<&ContextValue> {
        self.get(key_lc)
    }

    /// Entries with their keys as first written, sorted by key.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &ContextValue)> {
        // Ties (keys equal but for case) stay in the order written; an
        // unstable sort keyed by position does that with less WebAssembly.
        let mut v: Vec<_> = self.entries.iter().enumerate().map(|(i, (k, v))| (k.as_ref(), v, i)).collect();
        v.sort_unstable_by_key(|a| (a.0.to_ascii_lowercase(), a.2));
        v.into_iter().map(|(k, v, _)| (k, v))
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
    fn many_keys_stay_linear_and_case_insensitive() {
        let mut c = Context::new();
        for i in 0..5_000 {
            c.set(&format!("tag:Key{i}"), i.to_string());
        }
        c.set("TAG:KEY42", "again");
        assert_eq!(c.len(), 5_000);
        assert_eq!(c.get("tag:key42").and_then(|v| v.first()), Some("again"));
        c.remove("Tag:Key7");
        assert!(c.get("tag:key7").is_none());
        assert_eq!(c.get("tag:key4999").and_then(|v| v.first()), Some("4999"));
        assert_eq!(c.len(), 4_999);
    }

    #[test]
    fn multivalued_keys_are_not_variables() {
        let mut c = Context::new();
        c.insert("aws:TagKeys", ContextValue::multi(vec!["a".into(), "b".into()]));
        assert_eq!(c.var("aws:TagKeys"), None);
        assert_eq!(c.get("aws:tagkeys").map(|v| v.values.len()), Some(2));
    }
}
