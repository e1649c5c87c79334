//! JSON with source spans.
//!
//! A small, strict RFC 8259 parser that keeps the byte span of every value
//! and every object key, keeps object members in order and keeps duplicate
//! keys (policy validation reports them). Nesting is limited to
//! [`MAX_DEPTH`] so hostile input cannot overflow the stack.

use crate::span::Span;

/// Deepest nesting of arrays/objects accepted.
pub const MAX_DEPTH: usize = 128;

/// A JSON value and where it is in the source.
#[derive(Clone, Debug, PartialEq)]
pub struct Value {
    /// What the value is.
    pub kind: Kind,
    /// From the first byte of the value to one past its last byte
    /// (for strings, including the quotes).
    pub span: Span,
}

/// The JSON types, with their contents.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// The number's text exactly as written (e.g. `3600`, `-1.5e3`).
    Number(String),
    /// The decoded string (escapes resolved).
    String(String),
    /// The elements in source order.
    Array(Vec<Value>),
    /// Members in source order; duplicate keys are kept.
    Object(Vec<Member>),
}

/// One `"key": value` member of an object.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    /// The decoded key.
    pub key: String,
    /// Span of the key including its quotes.
    pub key_span: Span,
    /// The member's value.
    pub value: Value,
}

/// A syntax error: what was expected and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    /// Lowercase, e.g. "expected `,` or `}` after an object member".
    pub message: String,
    /// Where the parser stopped.
    pub span: Span,
}

impl Value {
    /// The string, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::String(s) => Some(s),
            _ => None,
        }
    }

    /// The members in source order, if this is an object.
    pub fn as_object(&self) -> Option<&[Member]> {
        match &self.kind {
            Kind::Object(members) => Some(members),
            _ => None,
        }
    }

    /// The elements, if this is an array.
    pub fn as_array(&self) -> Option<&[Value]> {
        match &self.kind {
            Kind::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The boolean, if this is `true` or `false`.
    pub fn as_bool(&self) -> Option<bool> {
        match self.kind {
            Kind::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// The number's text as written, if this is a number.
    pub fn as_number_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::Number(n) => Some(n),
            _ => None,
        }
    }

    /// The value of the first member named `key` (objects only; the match
    /// is exact and case-sensitive).
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.get_member(key).map(|m| &m.value)
    }

    /// The first member named `key` (objects only).
    pub fn get_member(&self, key: &str) -> Option<&Member> {
        self.as_object()?.iter().find(|m| m.key == key)
    }

    /// What the value is, for messages: "null", "a boolean", "a number",
    /// "a string", "an array" or "an object".
    pub fn kind_name(&self) -> &'static str {
        match self.kind {
            Kind::Null => "null",
            Kind::Bool(_) => "a boolean",
            Kind::Number(_) => "a number",
            Kind::String(_) => "a string",
            Kind::Array(_) => "an array",
            Kind::Object(_) => "an object",
        }
    }

    /// Indented JSON text (two spaces a level), as `serde_json` pretty-prints.
    pub fn to_pretty_text(&self) -> String {
        let mut out = String::new();
        write_pretty(self, 0, &mut out);
        out
    }

    /// A value made in code (its span is empty).
    pub fn new(kind: Kind) -> Value {
        Value { kind, span: Span::default() }
    }

    /// A string value made in code.
    pub fn string(s: impl Into<String>) -> Value {
        Value::new(Kind::String(s.into()))
    }

    /// The members, if this is an object, for editing.
    pub fn as_object_mut(&mut self) -> Option<&mut Vec<Member>> {
        match &mut self.kind {
            Kind::Object(members) => Some(members),
            _ => None,
        }
    }

    /// The elements, if this is an array, for editing.
    pub fn as_array_mut(&mut self) -> Option<&mut Vec<Value>> {
        match &mut self.kind {
            Kind::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The value of the first member named `key`, for editing.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.as_object_mut()?.iter_mut().find(|m| m.key == key).map(|m| &mut m.value)
    }

    /// Sets the first member named `key` (appends one if there is none).
    /// `None` if this is not an object.
    pub fn set(&mut self, key: &str, value: Value) -> Option<()> {
        let members = self.as_object_mut()?;
        match members.iter_mut().find(|m| m.key == key) {
            Some(m) => m.value = value,
            None => members.push(Member { key: key.to_string(), key_span: Span::default(), value }),
        }
        Some(())
    }

    /// Removes every member named `key` (objects only).
    pub fn remove(&mut self, key: &str) {
        if let Some(members) = self.as_object_mut() {
            members.retain(|m| m.key != key);
        }
    }

    /// Compact JSON text for this value: no whitespace, members in order
    /// (duplicates included), numbers exactly as written.
    pub fn to_json_text(&self) -> String {
        let mut out = String::new();
        write_value(self, &mut out);
        out
    }
}

mod parse;
mod print;

pub use parse::parse;
pub use print::escape_string;
use print::{write_pretty, write_value};

#[cfg(test)]
mod tests;
