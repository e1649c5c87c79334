//! JSON with source spans.
//!
//! A small, strict RFC 8259 parser that keeps the byte span of every value
//! and every object key, keeps object members in order and keeps duplicate
//! keys (policy validation reports them). Nesting is limited to
//! [`MAX_DEPTH`] so hostile input cannot overflow the stack.

use std::fmt::Write as _;

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

    /// Compact JSON text for this value: no whitespace, members in order
    /// (duplicates included), numbers exactly as written.
    pub fn to_json_text(&self) -> String {
        let mut out = String::new();
        write_value(self, &mut out);
        out
    }
}

fn write_value(v: &Value, out: &mut String) {
    match &v.kind {
        Kind::Null => out.push_str("null"),
        Kind::Bool(true) => out.push_str("true"),
        Kind::Bool(false) => out.push_str("false"),
        Kind::Number(n) => out.push_str(n),
        Kind::String(s) => escape_string(s, out),
        Kind::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(item, out);
            }
            out.push(']');
        }
        Kind::Object(members) => {
            out.push('{');
            for (i, m) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                escape_string(&m.key, out);
                out.push(':');
                write_value(&m.value, out);
            }
            out.push('}');
        }
    }
}

/// Appends `s` as a JSON string literal, quotes included. `"` and `\` are
/// escaped, control characters become `\n`, `\t`, `\r`, `\b`, `\f` or
/// `\u00XX`; everything else is copied as is.
pub fn escape_string(s: &str, out: &mut String) {
    out.reserve(s.len() + 2);
    out.push('"');
    let mut run = 0;
    for (i, b) in s.bytes().enumerate() {
        let short = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\t' => "\\t",
            b'\r' => "\\r",
            0x08 => "\\b",
            0x0c => "\\f",
            0x00..=0x1f => "",
            _ => continue,
        };
        // Every byte escaped is ASCII, so `run..i` is on char boundaries.
        out.push_str(s.get(run..i).unwrap_or_default());
        if short.is_empty() {
            out.push_str("\\u00");
            out.push(hex_digit(b >> 4));
            out.push(hex_digit(b & 0xf));
        } else {
            out.push_str(short);
        }
        run = i + 1;
    }
    out.push_str(s.get(run..).unwrap_or_default());
    out.push('"');
}

fn hex_digit(n: u8) -> char {
    char::from_digit(u32::from(n), 16).unwrap_or('0')
}

/// Parses one JSON document (RFC 8259, strict). A leading UTF-8 byte order
/// mark is skipped; anything but whitespace after the value is an error.
/// Spans are byte offsets into `text` (the BOM included).
///
/// # Errors
///
/// The first syntax error, with the span of the offending character (an
/// empty span at the end of the text for a truncated document).
pub fn parse(text: &str) -> Result<Value, JsonError> {
    let mut p = Parser { text, bytes: text.as_bytes(), pos: 0 };
    if text.starts_with('\u{feff}') {
        p.pos = '\u{feff}'.len_utf8();
    }
    let value = p.value(0)?;
    p.skip_ws();
    if p.pos < p.bytes.len() {
        let found = p.current_char_text();
        return Err(p.error_at_char(p.pos, format!("unexpected `{found}` after the end of the JSON value")));
    }
    Ok(value)
}

/// Byte offset → span offset (texts over 4 GiB saturate; never panics).
fn off(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

fn span(start: usize, end: usize) -> Span {
    Span::new(off(start), off(end))
}

/// User input for a message: control characters escaped, long text cut.
fn show(s: &str) -> String {
    const LIMIT: usize = 40;
    let mut out = String::new();
    for (n, c) in s.chars().enumerate() {
        if n == LIMIT {
            out.push('…');
            break;
        }
        if c.is_control() {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    /// Always on a char boundary between tokens.
    pos: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn slice(&self, start: usize, end: usize) -> &str {
        self.text.get(start..end).unwrap_or_default()
    }

    /// One past the end of the character starting at byte `i`.
    fn char_end(&self, i: usize) -> usize {
        let len = self.text.get(i..).and_then(|s| s.chars().next()).map_or(1, char::len_utf8);
        (i + len).min(self.bytes.len())
    }

    /// The character at the current position, shown for a message.
    fn current_char_text(&self) -> String {
        show(self.slice(self.pos, self.char_end(self.pos)))
    }

    fn error(&self, start: usize, end: usize, message: impl Into<String>) -> JsonError {
        JsonError { message: message.into(), span: span(start, end) }
    }

    /// An error spanning the character at byte `at` (empty at end of input).
    fn error_at_char(&self, at: usize, message: impl Into<String>) -> JsonError {
        let end = if at < self.bytes.len() { self.char_end(at) } else { at };
        self.error(at, end, message)
    }

    fn end_of_input(&self, what: &str) -> JsonError {
        let end = self.bytes.len();
        self.error(end, end, format!("unexpected end of input: {what}"))
    }

    /// "expected …" at the current character, or at the end of input.
    fn expected(&self, what: &str) -> JsonError {
        match self.peek() {
            None => self.end_of_input(&format!("expected {what}")),
            Some(b'/') => self.error_at_char(self.pos, "comments are not allowed in JSON"),
            Some(_) => self.error_at_char(self.pos, format!("expected {what}")),
        }
    }

    /// A value; `depth` is the number of arrays/objects around it.
    fn value(&mut self, depth: usize) -> Result<Value, JsonError> {
        self.skip_ws();
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => {
                let (s, span) = self.string()?;
                Ok(Value { kind: Kind::String(s), span })
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b) if b.is_ascii_alphabetic() => self.literal(),
            Some(b'\'') => Err(self.error_at_char(self.pos, "strings must be in double quotes, not single quotes")),
            Some(b'/') | None => Err(self.expected("a value")),
            Some(_) => {
                let found = self.current_char_text();
                Err(self.error_at_char(self.pos, format!("expected a value, found `{found}`")))
            }
        }
    }

    fn enter(&self, depth: usize) -> Result<(), JsonError> {
        if depth >= MAX_DEPTH {
            Err(self.error_at_char(self.pos, format!("nesting deeper than {MAX_DEPTH} levels")))
        } else {
            Ok(())
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, JsonError> {
        self.enter(depth)?;
        let start = self.pos;
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value { kind: Kind::Array(items), span: span(start, self.pos) });
        }
        loop {
            items.push(self.value(depth + 1)?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => {
                    let comma = self.pos;
                    self.pos += 1;
                    self.skip_ws();
                    if self.peek() == Some(b']') {
                        return Err(self.error(comma, comma + 1, "trailing comma before `]`"));
                    }
                }
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value { kind: Kind::Array(items), span: span(start, self.pos) });
                }
                _ => return Err(self.expected("`,` or `]` after an array element")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, JsonError> {
        self.enter(depth)?;
        let start = self.pos;
        self.pos += 1;
        let mut members = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value { kind: Kind::Object(members), span: span(start, self.pos) });
        }
        let mut after_comma = false;
        loop {
            if self.peek() != Some(b'"') {
                return Err(if after_comma {
                    self.expected("a string key after `,`")
                } else {
                    self.expected("a string key or `}`")
                });
            }
            let (key, key_span) = self.string()?;
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.expected("`:` after an object key"));
            }
            self.pos += 1;
            let value = self.value(depth + 1)?;
            members.push(Member { key, key_span, value });
            self.skip_ws();
            match self.peek() {
                Some(b',') => {
                    let comma = self.pos;
                    self.pos += 1;
                    self.skip_ws();
                    if self.peek() == Some(b'}') {
                        return Err(self.error(comma, comma + 1, "trailing comma before `}`"));
                    }
                    after_comma = true;
                }
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value { kind: Kind::Object(members), span: span(start, self.pos) });
                }
                _ => return Err(self.expected("`,` or `}` after an object member")),
            }
        }
    }

    /// A string starting at the current `"`: its decoded text and its span
    /// (quotes included).
    fn string(&mut self) -> Result<(String, Span), JsonError> {
        let start = self.pos;
        self.pos += 1;
        let mut out = String::new();
        let mut run = self.pos;
        loop {
            while let Some(&b) = self.bytes.get(self.pos) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            // Runs stop only at ASCII bytes, so slices are on char boundaries.
            match self.peek() {
                Some(b'"') => {
                    out.push_str(self.slice(run, self.pos));
                    self.pos += 1;
                    return Ok((out, span(start, self.pos)));
                }
                Some(b'\\') => {
                    out.push_str(self.slice(run, self.pos));
                    self.escape(&mut out)?;
                    run = self.pos;
                }
                Some(_) => return Err(self.error(self.pos, self.pos + 1, "unescaped control character in string")),
                None => return Err(self.end_of_input("unterminated string")),
            }
        }
    }

    /// One escape starting at the current `\`.
    fn escape(&mut self, out: &mut String) -> Result<(), JsonError> {
        let at = self.pos;
        let c = match self.bytes.get(at + 1) {
            None => return Err(self.end_of_input("unterminated string")),
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => return self.unicode_escape(out),
            Some(_) => {
                let end = self.char_end(at + 1);
                let shown = show(self.slice(at, end));
                return Err(self.error(at, end, format!("invalid escape `{shown}` in string")));
            }
        };
        out.push(c);
        self.pos = at + 2;
        Ok(())
    }

    /// `\uXXXX` at the current position, with a following `\uXXXX` when
    /// the first is a high surrogate.
    fn unicode_escape(&mut self, out: &mut String) -> Result<(), JsonError> {
        let at = self.pos;
        let hi = self.hex4(at)?;
        let mut end = at + 6;
        let c = if (0xd800..0xdc00).contains(&hi) {
            if self.bytes.get(end) == Some(&b'\\') && self.bytes.get(end + 1) == Some(&b'u') {
                let lo = self.hex4(end)?;
                if (0xdc00..0xe000).contains(&lo) {
                    end += 6;
                    char::from_u32(0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00))
                } else {
                    None
                }
            } else {
                None
            }
        } else {
            char::from_u32(hi)
        };
        match c {
            Some(c) => {
                out.push(c);
                self.pos = end;
                Ok(())
            }
            None => {
                let shown = self.slice(at, at + 6);
                Err(self.error(at, at + 6, format!("lone surrogate `{shown}` in string")))
            }
        }
    }

    /// The four hex digits of a `\u` escape whose `\` is at `at`.
    fn hex4(&self, at: usize) -> Result<u32, JsonError> {
        let mut n = 0u32;
        for i in at + 2..at + 6 {
            let digit = match self.bytes.get(i) {
                None => return Err(self.end_of_input("unterminated string")),
                Some(&b) => char::from(b).to_digit(16),
            };
            match digit {
                Some(d) => n = n * 16 + d,
                None => {
                    let end = self.char_end(i);
                    let shown = show(self.slice(at, end));
                    return Err(self.error(
                        at,
                        end,
                        format!("invalid unicode escape `{shown}` in string: expected four hex digits"),
                    ));
                }
            }
        }
        Ok(n)
    }

    fn skip_digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
    }

    fn number(&mut self) -> Result<Value, JsonError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    let digit = self.pos;
                    self.skip_digits();
                    let shown = show(self.slice(start, self.pos));
                    return Err(self.error(
                        digit,
                        digit + 1,
                        format!("invalid number `{shown}`: leading zeros are not allowed"),
                    ));
                }
            }
            Some(b'1'..=b'9') => self.skip_digits(),
            _ => return Err(self.bad_number(start, "expected a digit after `-`")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.bad_number(start, "expected a digit after `.`"));
            }
            self.skip_digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.bad_number(start, "expected a digit in the exponent"));
            }
            self.skip_digits();
        }
        let raw = self.slice(start, self.pos).to_owned();
        Ok(Value { kind: Kind::Number(raw), span: span(start, self.pos) })
    }

    fn bad_number(&self, start: usize, what: &str) -> JsonError {
        let shown = show(self.slice(start, self.pos));
        self.error_at_char(self.pos, format!("invalid number `{shown}`: {what}"))
    }

    /// `true`, `false` or `null`; any other bare word is an error.
    fn literal(&mut self) -> Result<Value, JsonError> {
        let start = self.pos;
        while let Some(b) = self.peek() {
            if !(b.is_ascii_alphanumeric() || b == b'_') {
                break;
            }
            self.pos += 1;
        }
        let word = self.slice(start, self.pos);
        let kind = match word {
            "true" => Kind::Bool(true),
            "false" => Kind::Bool(false),
            "null" => Kind::Null,
            _ => {
                let lower = word.to_ascii_lowercase();
                let shown = show(word);
                let message = match lower.as_str() {
                    "true" | "false" | "null" => format!("invalid literal `{shown}`: JSON literals are lowercase (`{lower}`)"),
                    "nan" | "infinity" => format!("invalid literal `{shown}`: JSON numbers cannot be NaN or infinite"),
                    _ => format!("invalid literal `{shown}`: expected a value (strings must be in double quotes)"),
                };
                return Err(self.error(start, self.pos, message));
            }
        };
        Ok(Value { kind, span: span(start, self.pos) })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ok(text: &str) -> Value {
        parse(text).unwrap_or_else(|e| panic!("{text:?} should parse, got {e:?}"))
    }

    fn err(text: &str) -> JsonError {
        match parse(text) {
            Ok(v) => panic!("{text:?} should not parse, got {v:?}"),
            Err(e) => e,
        }
    }

    /// The text a span covers.
    fn at(text: &str, span: Span) -> &str {
        &text[span.start as usize..span.end as usize]
    }

    /// A value with every span zeroed, to compare structure only.
    fn strip(v: &Value) -> Value {
        let kind = match &v.kind {
            Kind::Array(items) => Kind::Array(items.iter().map(strip).collect()),
            Kind::Object(members) => Kind::Object(
                members
                    .iter()
                    .map(|m| Member { key: m.key.clone(), key_span: Span::default(), value: strip(&m.value) })
                    .collect(),
            ),
            k => k.clone(),
        };
        Value { kind, span: Span::default() }
    }

    /// Every value and key span covers text that parses to the same thing.
    fn check_spans(text: &str, v: &Value) {
        assert_eq!(strip(&ok(at(text, v.span))), strip(v), "span of {v:?} in {text:?}");
        match &v.kind {
            Kind::Array(items) => items.iter().for_each(|i| check_spans(text, i)),
            Kind::Object(members) => {
                for m in members {
                    assert_eq!(ok(at(text, m.key_span)).as_str(), Some(m.key.as_str()));
                    check_spans(text, &m.value);
                }
            }
            _ => {}
        }
    }

    #[test]
    fn valid_documents() {
        let cases: &[(&str, &str)] = &[
            ("null", "null"),
            ("true", "true"),
            (" false ", "false"),
            ("0", "0"),
            ("-0", "-0"),
            ("-1.5e3", "-1.5e3"),
            ("1E+2", "1E+2"),
            ("0.25e-07", "0.25e-07"),
            ("3600", "3600"),
            ("12345678901234567890123", "12345678901234567890123"),
            ("\"\"", "\"\""),
            ("\"a\\\"b\\\\c\\/d\"", "\"a\\\"b\\\\c/d\""),
            ("\"\\b\\f\\n\\r\\t\"", "\"\\b\\f\\n\\r\\t\""),
            ("\"\\u0041\\u00e9\\u3042\"", "\"Aéあ\""),
            ("\"\\u0000\\u001F\"", "\"\\u0000\\u001f\""),
            ("\"\\uD83D\\uDE00\"", "\"😀\""),
            ("\"\\ud83d\\ude00x\"", "\"😀x\""),
            ("\"日本語 \u{7f}\"", "\"日本語 \u{7f}\""),
            ("[]", "[]"),
            ("{}", "{}"),
            ("[ ]", "[]"),
            ("{ }", "{}"),
            ("[1,[2,[3]],{}]", "[1,[2,[3]],{}]"),
            ("\t\r\n{ \"a\" : [ 1 , true , null ] , \"b\" : { } }\n", "{\"a\":[1,true,null],\"b\":{}}"),
            ("{\"a\":1,\"a\":2}", "{\"a\":1,\"a\":2}"),
            ("\u{feff}{\"Version\":\"2012-10-17\"}", "{\"Version\":\"2012-10-17\"}"),
            ("\u{feff} []", "[]"),
        ];
        for (text, compact) in cases {
            let v = ok(text);
            assert_eq!(&v.to_json_text(), compact, "{text:?}");
            check_spans(text, &v);
        }
    }

    #[test]
    fn invalid_documents() {
        // (text, message, span start, span end)
        let cases: &[(&str, &str, u32, u32)] = &[
            ("", "unexpected end of input: expected a value", 0, 0),
            ("   ", "unexpected end of input: expected a value", 3, 3),
            ("\u{feff}", "unexpected end of input: expected a value", 3, 3),
            ("{", "unexpected end of input: expected a string key or `}`", 1, 1),
            ("[", "unexpected end of input: expected a value", 1, 1),
            ("[1", "unexpected end of input: expected `,` or `]` after an array element", 2, 2),
            ("{\"a\":1", "unexpected end of input: expected `,` or `}` after an object member", 6, 6),
            ("{\"a\"", "unexpected end of input: expected `:` after an object key", 4, 4),
            ("{\"a\":", "unexpected end of input: expected a value", 5, 5),
            ("{\"a\":1,", "unexpected end of input: expected a string key after `,`", 7, 7),
            ("{\"a\" 1}", "expected `:` after an object key", 5, 6),
            ("{\"a\":1 \"b\":2}", "expected `,` or `}` after an object member", 7, 8),
            ("[1 2]", "expected `,` or `]` after an array element", 3, 4),
            ("[1,]", "trailing comma before `]`", 2, 3),
            ("[1 , ]", "trailing comma before `]`", 3, 4),
            ("{\"a\":1,}", "trailing comma before `}`", 6, 7),
            ("{\"a\":1,\n}", "trailing comma before `}`", 6, 7),
            ("[,1]", "expected a value, found `,`", 1, 2),
            ("{,}", "expected a string key or `}`", 1, 2),
            ("{\"a\":1,,}", "expected a string key after `,`", 7, 8),
            ("{a:1}", "expected a string key or `}`", 1, 2),
            ("{1:1}", "expected a string key or `}`", 1, 2),
            ("[1]]", "unexpected `]` after the end of the JSON value", 3, 4),
            ("{} {}", "unexpected `{` after the end of the JSON value", 3, 4),
            ("1 2", "unexpected `2` after the end of the JSON value", 2, 3),
            ("nullx", "invalid literal `nullx`: expected a value (strings must be in double quotes)", 0, 5),
            ("True", "invalid literal `True`: JSON literals are lowercase (`true`)", 0, 4),
            ("[NULL]", "invalid literal `NULL`: JSON literals are lowercase (`null`)", 1, 5),
            ("NaN", "invalid literal `NaN`: JSON numbers cannot be NaN or infinite", 0, 3),
            ("[Infinity]", "invalid literal `Infinity`: JSON numbers cannot be NaN or infinite", 1, 9),
            ("{\"Effect\": Allow}", "invalid literal `Allow`: expected a value (strings must be in double quotes)", 11, 16),
            ("tru", "invalid literal `tru`: expected a value (strings must be in double quotes)", 0, 3),
            ("'a'", "strings must be in double quotes, not single quotes", 0, 1),
            ("01", "invalid number `01`: leading zeros are not allowed", 1, 2),
            ("-007", "invalid number `-007`: leading zeros are not allowed", 2, 3),
            ("-", "invalid number `-`: expected a digit after `-`", 1, 1),
            ("-a", "invalid number `-`: expected a digit after `-`", 1, 2),
            ("-Infinity", "invalid number `-`: expected a digit after `-`", 1, 2),
            ("1.", "invalid number `1.`: expected a digit after `.`", 2, 2),
            ("[1.e5]", "invalid number `1.`: expected a digit after `.`", 3, 4),
            ("1e", "invalid number `1e`: expected a digit in the exponent", 2, 2),
            ("1e+", "invalid number `1e+`: expected a digit in the exponent", 3, 3),
            (".5", "expected a value, found `.`", 0, 1),
            ("+1", "expected a value, found `+`", 0, 1),
            ("0x10", "unexpected `x` after the end of the JSON value", 1, 2),
            ("\"abc", "unexpected end of input: unterminated string", 4, 4),
            ("\"abc\\", "unexpected end of input: unterminated string", 5, 5),
            ("\"\\u12", "unexpected end of input: unterminated string", 5, 5),
            ("\"a\nb\"", "unescaped control character in string", 2, 3),
            ("\"a\tb\"", "unescaped control character in string", 2, 3),
            ("\"\u{0}\"", "unescaped control character in string", 1, 2),
            ("\"\\q\"", "invalid escape `\\q` in string", 1, 3),
            ("\"\\x41\"", "invalid escape `\\x` in string", 1, 3),
            ("\"\\é\"", "invalid escape `\\é` in string", 1, 4),
            ("\"\\'\"", "invalid escape `\\'` in string", 1, 3),
            ("\"\\u12G4\"", "invalid unicode escape `\\u12G` in string: expected four hex digits", 1, 6),
            ("\"\\u12\"", "invalid unicode escape `\\u12\"` in string: expected four hex digits", 1, 6),
            ("\"\\uD800\"", "lone surrogate `\\uD800` in string", 1, 7),
            ("\"\\uD800x\"", "lone surrogate `\\uD800` in string", 1, 7),
            ("\"\\uD800\\u0041\"", "lone surrogate `\\uD800` in string", 1, 7),
            ("\"\\uD800\\uD800\"", "lone surrogate `\\uD800` in string", 1, 7),
            ("\"\\uDC00\"", "lone surrogate `\\uDC00` in string", 1, 7),
            ("\"\\uD800\\uZZZZ\"", "invalid unicode escape `\\uZ` in string: expected four hex digits", 7, 10),
            ("// c\n{}", "comments are not allowed in JSON", 0, 1),
            ("{\"a\":1 /* c */}", "comments are not allowed in JSON", 7, 8),
            ("[1] // c", "unexpected `/` after the end of the JSON value", 4, 5),
            ("\u{feff}\u{feff}{}", "expected a value, found `\u{feff}`", 3, 6),
            ("{} \u{feff}", "unexpected `\u{feff}` after the end of the JSON value", 3, 6),
            ("\u{a0}{}", "expected a value, found `\u{a0}`", 0, 2),
            ("[\u{b}]", "expected a value, found `\\u000b`", 1, 2),
            ("\u{c}{}", "expected a value, found `\\u000c`", 0, 1),
            ("[}", "expected a value, found `}`", 1, 2),
            ("{\"a\":]", "expected a value, found `]`", 5, 6),
            ("{\"a\":1]", "expected `,` or `}` after an object member", 6, 7),
            ("[1}", "expected `,` or `]` after an array element", 2, 3),
            ("日本", "expected a value, found `日`", 0, 3),
        ];
        for &(text, message, start, end) in cases {
            let e = err(text);
            assert_eq!((e.message.as_str(), e.span), (message, Span::new(start, end)), "{text:?}");
        }
    }

    #[test]
    fn error_messages_show_long_input_cut_short() {
        let text = format!("[{}]", "x".repeat(100));
        let e = err(&text);
        assert_eq!(e.message, format!("invalid literal `{}…`: expected a value (strings must be in double quotes)", "x".repeat(40)));
        assert_eq!(e.span, Span::new(1, 101));
    }

    #[test]
    fn spans_of_nested_values_and_keys() {
        let text = "{\n  \"Statement\": [ {\"Effect\" :\"Allow\"}, 12 ],\n  \"é\": null\n}";
        let v = ok(text);
        assert_eq!(v.span, Span::new(0, text.len() as u32));
        let members = v.as_object().unwrap();
        assert_eq!(members.len(), 2);
        let st = &members[0];
        assert_eq!(at(text, st.key_span), "\"Statement\"");
        assert_eq!(st.key_span, Span::new(4, 15));
        assert_eq!(at(text, st.value.span), "[ {\"Effect\" :\"Allow\"}, 12 ]");
        let items = st.value.as_array().unwrap();
        assert_eq!(at(text, items[0].span), "{\"Effect\" :\"Allow\"}");
        let effect = items[0].get_member("Effect").unwrap();
        assert_eq!(at(text, effect.key_span), "\"Effect\"");
        assert_eq!(at(text, effect.value.span), "\"Allow\"");
        assert_eq!(at(text, items[1].span), "12");
        assert_eq!(at(text, members[1].key_span), "\"é\"");
        assert_eq!(members[1].key, "é");
        assert_eq!(at(text, members[1].value.span), "null");
        // Escaped strings: the span covers the source text, not the decoded.
        let text = "[\"\\u0041\\n\"]";
        let v = ok(text);
        let s = &v.as_array().unwrap()[0];
        assert_eq!(s.as_str(), Some("A\n"));
        assert_eq!(s.span, Span::new(1, 11));
    }

    #[test]
    fn bom_is_skipped_only_at_the_start() {
        let text = "\u{feff}{\"a\": 1}";
        let v = ok(text);
        assert_eq!(v.span, Span::new(3, text.len() as u32));
        assert_eq!(at(text, v.get_member("a").unwrap().key_span), "\"a\"");
        assert_eq!(ok("[\"\u{feff}\"]").as_array().unwrap()[0].as_str(), Some("\u{feff}"));
    }

    #[test]
    fn depth_limit() {
        let nested = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(parse(&nested(MAX_DEPTH)).is_ok());
        let e = err(&nested(MAX_DEPTH + 1));
        assert_eq!(e.message, "nesting deeper than 128 levels");
        assert_eq!(e.span, Span::new(MAX_DEPTH as u32, MAX_DEPTH as u32 + 1));
        let objects = |n: usize| format!("{}1{}", "{\"a\":".repeat(n), "}".repeat(n));
        assert!(parse(&objects(MAX_DEPTH)).is_ok());
        assert_eq!(err(&objects(MAX_DEPTH + 1)).message, "nesting deeper than 128 levels");
        // Hostile input: no stack overflow, just an error.
        assert_eq!(err(&"[".repeat(100_000)).message, "nesting deeper than 128 levels");
        assert_eq!(err(&"{\"a\":[".repeat(100_000)).message, "nesting deeper than 128 levels");
        // Wide is fine.
        let wide = format!("[{}0]", "[],".repeat(100_000));
        assert_eq!(ok(&wide).as_array().map(<[Value]>::len), Some(100_001));
    }

    #[test]
    fn surrogate_pairs() {
        assert_eq!(ok("\"\\uD834\\uDD1E\"").as_str(), Some("\u{1d11e}"));
        assert_eq!(ok("\"\\udbff\\udfff\"").as_str(), Some("\u{10ffff}"));
        assert_eq!(ok("\"\\uD800\\uDC00\"").as_str(), Some("\u{10000}"));
        assert_eq!(ok("\"\\uFFFF\"").as_str(), Some("\u{ffff}"));
        assert_eq!(ok("\"\\uE000\"").as_str(), Some("\u{e000}"));
        assert_eq!(ok("\"😀\"").as_str(), Some("😀"));
    }

    #[test]
    fn duplicate_keys_are_kept_in_order() {
        let text = r#"{"Sid":"a","Effect":"Allow","Sid":"b"}"#;
        let v = ok(text);
        let keys: Vec<&str> = v.as_object().unwrap().iter().map(|m| m.key.as_str()).collect();
        assert_eq!(keys, ["Sid", "Effect", "Sid"]);
        assert_eq!(v.get("Sid").and_then(Value::as_str), Some("a"));
        let second = &v.as_object().unwrap()[2];
        assert_eq!(at(text, second.key_span), "\"Sid\"");
        assert_eq!(second.key_span.start, 28);
    }

    #[test]
    fn accessors() {
        let v = ok(r#"{"s":"x","n":-1.5,"b":true,"z":null,"a":[1],"o":{}}"#);
        assert_eq!(v.kind_name(), "an object");
        assert_eq!(v.get("s").and_then(Value::as_str), Some("x"));
        assert_eq!(v.get("n").and_then(Value::as_number_str), Some("-1.5"));
        assert_eq!(v.get("b").and_then(Value::as_bool), Some(true));
        assert_eq!(v.get("a").and_then(Value::as_array).map(<[Value]>::len), Some(1));
        assert_eq!(v.get("o").and_then(Value::as_object).map(<[Member]>::len), Some(0));
        let names: Vec<&str> = v.as_object().unwrap().iter().map(|m| m.value.kind_name()).collect();
        assert_eq!(names, ["a string", "a number", "a boolean", "null", "an array", "an object"]);
        assert!(v.get("S").is_none());
        assert!(v.get("missing").is_none());
        let s = v.get("s").unwrap();
        assert!(s.as_object().is_none() && s.as_array().is_none() && s.as_bool().is_none());
        assert!(s.as_number_str().is_none() && s.get("s").is_none() && s.get_member("s").is_none());
        assert!(v.as_str().is_none());
        assert!(ok("[\"s\"]").get("s").is_none());
    }

    #[test]
    fn escape_string_escapes_what_json_requires() {
        let mut out = String::from("x=");
        escape_string("a\"b\\c\n\t\r\u{8}\u{c}\u{0}\u{1f}\u{7f}é/😀", &mut out);
        assert_eq!(out, "x=\"a\\\"b\\\\c\\n\\t\\r\\b\\f\\u0000\\u001f\u{7f}é/😀\"");
        let mut empty = String::new();
        escape_string("", &mut empty);
        assert_eq!(empty, "\"\"");
        // Every code point below U+0020 survives a round trip.
        let all: String = (0u32..0x20).filter_map(char::from_u32).collect();
        let mut text = String::new();
        escape_string(&all, &mut text);
        assert_eq!(ok(&text).as_str(), Some(all.as_str()));
    }

    #[test]
    fn round_trip_keeps_kinds_and_number_text() {
        let text = "{ \"a\" : [1.50, -0, 1e10, \"\\u00e9\\n\", {\"\":null}], \"a\": false, \"q\\\"\": true }";
        let v = ok(text);
        let compact = v.to_json_text();
        assert_eq!(compact, "{\"a\":[1.50,-0,1e10,\"é\\n\",{\"\":null}],\"a\":false,\"q\\\"\":true}");
        let again = ok(&compact);
        assert_eq!(strip(&again), strip(&v));
        assert_eq!(again.to_json_text(), compact);
    }

    #[test]
    fn large_documents_parse() {
        let member = r#"{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::bucket/\u0041*"}"#;
        let text = format!("{{\"Statement\":[{}]}}", vec![member; 10_000].join(",\n"));
        assert!(text.len() > 1_000_000);
        let v = ok(&text);
        assert_eq!(v.get("Statement").and_then(Value::as_array).map(<[Value]>::len), Some(10_000));
    }

    fn arb_number() -> impl Strategy<Value = String> {
        "-?(0|[1-9][0-9]{0,8})(\\.[0-9]{1,4})?([eE][+-]?[0-9]{1,3})?"
    }

    fn leaf(kind: Kind) -> Value {
        Value { kind, span: Span::default() }
    }

    fn arb_value() -> impl Strategy<Value = Value> {
        let scalar = prop_oneof![
            Just(leaf(Kind::Null)),
            any::<bool>().prop_map(|b| leaf(Kind::Bool(b))),
            arb_number().prop_map(|n| leaf(Kind::Number(n))),
            any::<String>().prop_map(|s| leaf(Kind::String(s))),
            "[\\u{0}-\\u{7f}\"\\\\]{0,8}".prop_map(|s| leaf(Kind::String(s))),
        ];
        scalar.prop_recursive(6, 64, 8, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..8).prop_map(|items| leaf(Kind::Array(items))),
                prop::collection::vec((any::<String>(), inner), 0..8).prop_map(|members| {
                    leaf(Kind::Object(
                        members
                            .into_iter()
                            .map(|(key, value)| Member { key, key_span: Span::default(), value })
                            .collect(),
                    ))
                }),
            ]
        })
    }

    /// Pretty-ish text with whitespace between every token.
    fn spaced(v: &Value, out: &mut String) {
        match &v.kind {
            Kind::Array(items) => {
                out.push_str("[ ");
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(" ,\n");
                    }
                    spaced(item, out);
                }
                out.push_str("\t]");
            }
            Kind::Object(members) => {
                out.push_str("{\r\n");
                for (i, m) in members.iter().enumerate() {
                    if i > 0 {
                        out.push_str(" , ");
                    }
                    escape_string(&m.key, out);
                    out.push_str(" : ");
                    spaced(&m.value, out);
                }
                out.push_str(" }");
            }
            _ => out.push_str(&v.to_json_text()),
        }
    }

    proptest! {
        #[test]
        fn arbitrary_strings_never_panic(s in any::<String>()) {
            let _ = parse(&s);
        }

        #[test]
        fn json_like_soup_never_panics(s in "[\\[\\]{}\":,0-9a-z\\\\ \\n.eE+\\-\\u{feff}\\u{1}\\tDFé日]{0,64}") {
            if let Err(e) = parse(&s) {
                prop_assert!(e.span.start <= e.span.end && e.span.end as usize <= s.len());
                prop_assert!(s.is_char_boundary(e.span.start as usize) && s.is_char_boundary(e.span.end as usize));
                prop_assert!(!e.message.is_empty());
            }
        }

        #[test]
        fn generated_values_round_trip(v in arb_value()) {
            let text = v.to_json_text();
            let parsed = parse(&text);
            prop_assert!(parsed.is_ok(), "{text:?}: {parsed:?}");
            let parsed = parsed.unwrap();
            prop_assert_eq!(strip(&parsed), strip(&v));
            prop_assert_eq!(parsed.to_json_text(), text.clone());
            check_spans(&text, &parsed);
            let mut loose = String::from("\u{feff} \n");
            spaced(&v, &mut loose);
            loose.push_str("\r\n");
            let parsed = parse(&loose);
            prop_assert!(parsed.is_ok(), "{loose:?}: {parsed:?}");
            let parsed = parsed.unwrap();
            prop_assert_eq!(strip(&parsed), strip(&v));
            check_spans(&loose, &parsed);
        }

        #[test]
        fn truncated_documents_are_errors(v in arb_value(), cut in any::<prop::sample::Index>()) {
            let text = v.to_json_text();
            let mut at = cut.index(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let prefix = &text[..at];
            // A prefix of a number can be a complete number; otherwise, a
            // strict prefix of a value never parses.
            if !matches!(v.kind, Kind::Number(_)) && at < text.len() {
                prop_assert!(parse(prefix).is_err(), "{prefix:?}");
            }
        }
    }
}
