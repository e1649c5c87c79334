//! JSON with source spans.
//!
//! A small, strict RFC 8259 parser that keeps the byte span of every value
//! and every object key, keeps object members in order and keeps duplicate
//! keys (policy validation reports them). Nesting is limited to
//! [`MAX_DEPTH`] so hostile input cannot overflow the stack.

use crate::span::Span;

/// Deepest nesting of arrays/objects accepted.
pub const MAX_DEPTH: usize = 128;

#[derive(Clone, Debug, PartialEq)]
pub struct Value {
    pub kind: Kind,
    /// From the first byte of the value to one past its last byte
    /// (for strings, including the quotes).
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    Null,
    Bool(bool),
    /// The number's text exactly as written (e.g. `3600`, `-1.5e3`).
    Number(String),
    /// The decoded string (escapes resolved).
    String(String),
    Array(Vec<Value>),
    /// Members in source order; duplicate keys are kept.
    Object(Vec<Member>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    pub key: String,
    /// Span of the key including its quotes.
    pub key_span: Span,
    pub value: Value,
}

/// A syntax error: what was expected and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    /// Lowercase, e.g. "expected `,` or `}` after an object member".
    pub message: String,
    pub span: Span,
}
