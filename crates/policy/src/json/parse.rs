//! The parser: strict RFC 8259, spans on every value and key, bounded depth.

use std::fmt::Write as _;

use super::{JsonError, Kind, Member, Value, MAX_DEPTH};
use crate::span::Span;

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
                return Err(if after_comma { self.expected("a string key after `,`") } else { self.expected("a string key or `}`") });
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
                    return Err(self.error(at, end, format!("invalid unicode escape `{shown}` in string: expected four hex digits")));
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
                    return Err(self.error(digit, digit + 1, format!("invalid number `{shown}`: leading zeros are not allowed")));
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
