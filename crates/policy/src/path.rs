//! JSON paths such as `$.Roles[0].AssumeRolePolicyDocument`: one type for
//! the policy parser, the scenario loader, the page's document edits and
//! the editors' marks.
//!
//! A path is a list of segments (object keys and array indexes) below the
//! document's root `$`. It is shown as `$.Key[3]`; a key that is not a
//! plain identifier (letters, digits, `_`) is quoted: `$.Condition["aws:SourceIp"]`.
//! Paths compare by segments, so "is this error inside that policy" is
//! [`JsonPath::starts_with`], never a string prefix.
//!
//! ```
//! use policy::path::JsonPath;
//! let role = JsonPath::root().key("Roles").index(0);
//! let trust = role.key("AssumeRolePolicyDocument");
//! assert_eq!(trust.to_string(), "$.Roles[0].AssumeRolePolicyDocument");
//! assert!(trust.starts_with(&role));
//! let inner = JsonPath::root().key("Statement").index(1).key("Effect");
//! assert_eq!(trust.join(&inner).to_string(), "$.Roles[0].AssumeRolePolicyDocument.Statement[1].Effect");
//! assert_eq!(JsonPath::parse("$.Context[\"aws:SourceIp\"]"), Some(JsonPath::root().key("Context").key("aws:SourceIp")));
//! ```

use std::fmt;

/// One step of a path: an object key or an array index.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Seg {
    /// A member of an object.
    Key(String),
    /// An element of an array (0-based).
    Index(usize),
}

/// A path from the document's root (`$`) to one value.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct JsonPath {
    segs: Vec<Seg>,
}

impl JsonPath {
    /// The document itself, `$`.
    pub fn root() -> Self {
        JsonPath::default()
    }

    /// A path made of these segments.
    pub fn from_segments(segs: Vec<Seg>) -> Self {
        JsonPath { segs }
    }

    /// The member `key` of the object at this path.
    #[must_use]
    pub fn key(&self, key: &str) -> Self {
        let mut p = self.clone();
        p.segs.push(Seg::Key(key.to_string()));
        p
    }

    /// Element `i` of the array at this path.
    #[must_use]
    pub fn index(&self, i: usize) -> Self {
        let mut p = self.clone();
        p.segs.push(Seg::Index(i));
        p
    }

    /// This path followed by `rel` (a path relative to the value here, as a
    /// policy's own diagnostics are relative to the policy).
    #[must_use]
    pub fn join(&self, rel: &JsonPath) -> Self {
        let mut p = self.clone();
        p.segs.extend(rel.segs.iter().cloned());
        p
    }

    /// Appends a key in place.
    pub fn push_key(&mut self, key: &str) {
        self.segs.push(Seg::Key(key.to_string()));
    }

    /// Appends an index in place.
    pub fn push_index(&mut self, i: usize) {
        self.segs.push(Seg::Index(i));
    }

    /// The path one level up (`None` at the root).
    pub fn parent(&self) -> Option<JsonPath> {
        let (_, rest) = self.segs.split_last()?;
        Some(JsonPath { segs: rest.to_vec() })
    }

    /// The segments, from the root down.
    pub fn segments(&self) -> &[Seg] {
        &self.segs
    }

    /// The last segment (`None` at the root).
    pub fn last(&self) -> Option<&Seg> {
        self.segs.last()
    }

    /// Whether this is the root path `$`.
    pub fn is_root(&self) -> bool {
        self.segs.is_empty()
    }

    /// Whether this path is `prefix` or lies below it.
    pub fn starts_with(&self, prefix: &JsonPath) -> bool {
        self.segs.starts_with(&prefix.segs)
    }

    /// The rest of this path below `prefix`, if it lies there.
    pub fn strip_prefix(&self, prefix: &JsonPath) -> Option<JsonPath> {
        self.segs.strip_prefix(prefix.segs.as_slice()).map(|rest| JsonPath { segs: rest.to_vec() })
    }

    /// The value at this path in `root`, if there is one.
    pub fn lookup<'v>(&self, root: &'v crate::json::Value) -> Option<&'v crate::json::Value> {
        self.segs.iter().try_fold(root, |v, seg| match seg {
            Seg::Key(k) => v.get(k),
            Seg::Index(i) => v.as_array()?.get(*i),
        })
    }

    /// Reads a path written as [`Display`](fmt::Display) writes it (`$`,
    /// `.Key`, `[3]`, `["any key"]`). `None` for anything else.
    pub fn parse(text: &str) -> Option<JsonPath> {
        let mut rest = text.strip_prefix('$')?;
        let mut segs = Vec::new();
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix('.') {
                let end = r.find(['.', '[']).unwrap_or(r.len());
                let (k, after) = r.split_at(end);
                if k.is_empty() {
                    return None;
                }
                segs.push(Seg::Key(k.to_string()));
                rest = after;
            } else if let Some(r) = rest.strip_prefix("[\"") {
                let (key, used) = quoted_key(r)?;
                let after = r.get(used..)?.strip_prefix(']')?;
                segs.push(Seg::Key(key));
                rest = after;
            } else if let Some(r) = rest.strip_prefix('[') {
                let end = r.find(']')?;
                let n = r.get(..end)?.parse::<usize>().ok()?;
                segs.push(Seg::Index(n));
                rest = r.get(end + 1..)?;
            } else {
                return None;
            }
        }
        Some(JsonPath { segs })
    }
}

/// A JSON string's body after its opening quote: the decoded key and the
/// bytes used, closing quote included.
fn quoted_key(body: &str) -> Option<(String, usize)> {
    let mut escaped = false;
    let end = body.char_indices().find_map(|(i, c)| match (escaped, c) {
        (true, _) => {
            escaped = false;
            None
        }
        (false, '\\') => {
            escaped = true;
            None
        }
        (false, '"') => Some(i),
        _ => None,
    })?;
    let literal = body.get(..=end)?;
    let value = crate::json::parse(&format!("\"{literal}")).ok()?;
    Some((value.as_str()?.to_string(), end + 1))
}

/// Whether `key` can be shown as `.key` rather than `["key"]`.
fn plain(key: &str) -> bool {
    !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("$")?;
        for seg in &self.segs {
            match seg {
                Seg::Key(k) if plain(k) => write!(f, ".{k}")?,
                Seg::Key(k) => {
                    let mut quoted = String::with_capacity(k.len() + 2);
                    crate::json::escape_string(k, &mut quoted);
                    write!(f, "[{quoted}]")?;
                }
                Seg::Index(i) => write!(f, "[{i}]")?,
            }
        }
        Ok(())
    }
}

/// A path equals the text that [`JsonPath::parse`] reads as it.
impl PartialEq<str> for JsonPath {
    fn eq(&self, other: &str) -> bool {
        JsonPath::parse(other).as_ref() == Some(self)
    }
}

impl PartialEq<&str> for JsonPath {
    fn eq(&self, other: &&str) -> bool {
        JsonPath::parse(other).as_ref() == Some(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_and_reads_back() {
        let cases = [
            JsonPath::root(),
            JsonPath::root().key("Statement").index(0).key("Condition").key("StringEquals").key("aws:SourceIp").index(2),
            JsonPath::root().key("a b").key("quote\"d").key("").key("日本"),
            JsonPath::root().index(12).index(0),
        ];
        for p in cases {
            let shown = p.to_string();
            assert_eq!(JsonPath::parse(&shown).as_ref(), Some(&p), "{shown}");
        }
        assert_eq!(JsonPath::root().key("Context").key("aws:SourceIp").to_string(), "$.Context[\"aws:SourceIp\"]");
    }

    #[test]
    fn prefixes_are_by_segment_not_by_text() {
        let roles1 = JsonPath::root().key("Roles").index(1);
        let roles10 = JsonPath::root().key("Roles").index(10).key("Arn");
        assert!(!roles10.starts_with(&roles1), "Roles[10] is not inside Roles[1]");
        let a = JsonPath::root().key("Policy");
        let b = JsonPath::root().key("PolicyName");
        assert!(!b.starts_with(&a));
        assert_eq!(roles10.strip_prefix(&JsonPath::root().key("Roles")), Some(JsonPath::root().index(10).key("Arn")));
        assert_eq!(roles1.parent(), Some(JsonPath::root().key("Roles")));
        assert_eq!(JsonPath::root().parent(), None);
    }

    #[test]
    fn rejects_what_it_does_not_write() {
        for bad in ["", "Roles", "$.", "$[x]", "$[\"open", "$..a", "$[1"] {
            assert_eq!(JsonPath::parse(bad), None, "{bad}");
        }
    }
}
