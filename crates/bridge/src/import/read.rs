//! Reading an untrusted JSON document: lists, strings and policy documents
//! with every problem located (JSON path, line, column), never a panic.

use policy::json::{Kind, Value};
use policy::path::JsonPath;
use policy::{LineIndex, Span};

use crate::report::{InputError, Note};

pub(crate) struct Reader<'a> {
    pub text: &'a str,
    pub lines: LineIndex,
    pub errors: Vec<InputError>,
    pub notes: Vec<Note>,
}

impl<'a> Reader<'a> {
    pub fn new(text: &'a str) -> Self {
        Reader { text, lines: LineIndex::new(text), errors: Vec::new(), notes: Vec::new() }
    }

    pub fn located(&self, path: &JsonPath, span: Span, message: impl Into<String>) -> InputError {
        let p = self.lines.position(self.text, span.start);
        InputError { message: message.into(), path: path.clone(), line: p.line, column: p.column }
    }

    pub fn err(&mut self, path: &JsonPath, span: Span, message: impl Into<String>) {
        let e = self.located(path, span, message);
        self.errors.push(e);
    }

    /// The elements of a list field. A single object where a list is
    /// expected is read as a list of one (AWS's own documentation shows
    /// `AttachedManagedPolicies` that way); absent or `null` is empty.
    pub fn list<'v>(&mut self, obj: &'v Value, key: &str, path: &JsonPath) -> Vec<(JsonPath, &'v Value)> {
        let p = path.key(key);
        match obj.get(key).map(|v| (v, &v.kind)) {
            None | Some((_, Kind::Null)) => Vec::new(),
            Some((_, Kind::Array(items))) => items.iter().enumerate().map(|(i, v)| (p.index(i), v)).collect(),
            Some((v, Kind::Object(_))) => vec![(p, v)],
            Some((v, _)) => {
                self.err(&p, v.span, format!("`{key}` must be a list, not {}", v.kind_name()));
                Vec::new()
            }
        }
    }

    /// A string field; `what` names the object for the message when it is
    /// missing (`None` when the field is optional).
    pub fn string(&mut self, obj: &Value, key: &str, path: &JsonPath, required: Option<&str>) -> Option<String> {
        match obj.get(key) {
            Some(Value { kind: Kind::String(s), .. }) => Some(s.clone()),
            Some(Value { kind: Kind::Null, .. }) | None => {
                if let Some(what) = required {
                    self.err(path, obj.span, format!("{what} has no `{key}`"));
                }
                None
            }
            Some(v) => {
                self.err(&path.key(key), v.span, format!("`{key}` must be a string, not {}", v.kind_name()));
                None
            }
        }
    }

    /// An object, or an error.
    pub fn object(&mut self, v: &Value, path: &JsonPath, what: &str) -> bool {
        if v.as_object().is_some() {
            return true;
        }
        self.err(path, v.span, format!("{what} must be an object, not {}", v.kind_name()));
        false
    }

    /// A policy document as AWS hands it out: a JSON object (as the AWS CLI
    /// prints it), or a string holding the JSON, URL-encoded or not (as the
    /// API returns it: "Policies returned by this operation are URL-encoded
    /// compliant with RFC 3986").
    pub fn document(&mut self, v: &Value, path: &JsonPath) -> Option<serde_json::Value> {
        match &v.kind {
            Kind::Object(_) => self.read_serde(&v.to_json_text(), path, v.span),
            Kind::String(s) => {
                let decoded;
                let text = if s.trim_start().starts_with('{') {
                    s.as_str()
                } else {
                    match percent_decode(s) {
                        Some(d) => {
                            decoded = d;
                            decoded.as_str()
                        }
                        None => {
                            self.err(path, v.span, "the policy document is a string but neither JSON nor URL-encoded JSON");
                            return None;
                        }
                    }
                };
                match policy::json::parse(text) {
                    Ok(doc) if doc.as_object().is_some() => self.read_serde(&doc.to_json_text(), path, v.span),
                    Ok(doc) => {
                        self.err(path, v.span, format!("the policy document must be a JSON object, not {}", doc.kind_name()));
                        None
                    }
                    Err(e) => {
                        self.err(path, v.span, format!("the policy document is not valid JSON: {}", e.message));
                        None
                    }
                }
            }
            _ => {
                self.err(path, v.span, format!("a policy document must be an object or a string, not {}", v.kind_name()));
                None
            }
        }
    }

    fn read_serde(&mut self, json: &str, path: &JsonPath, span: Span) -> Option<serde_json::Value> {
        match serde_json::from_str(json) {
            Ok(v) => Some(v),
            Err(e) => {
                self.err(path, span, format!("the policy document cannot be read: {e}"));
                None
            }
        }
    }
}

/// RFC 3986 percent-decoding (`%7B` → `{`); `None` for a malformed escape
/// or text that is not UTF-8 once decoded. `+` stays `+`.
pub(crate) fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = |j: usize| bytes.get(j).and_then(|c| char::from(*c).to_digit(16));
            let (hi, lo) = (hex(i + 1)?, hex(i + 2)?);
            out.push(u8::try_from(hi * 16 + lo).ok()?);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decoding_is_strict() {
        assert_eq!(percent_decode("%7B%22Version%22%3A%222012-10-17%22%7D").as_deref(), Some("{\"Version\":\"2012-10-17\"}"));
        assert_eq!(percent_decode("a+b%20c").as_deref(), Some("a+b c"));
        assert_eq!(percent_decode("%E3%81%82").as_deref(), Some("あ"));
        assert_eq!(percent_decode("%7"), None);
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(percent_decode("%FF"), None);
    }
}
