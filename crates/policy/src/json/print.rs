//! JSON text from a [`Value`]: compact ([`Value::to_json_text`]) or
//! indented like `serde_json::to_string_pretty` ([`Value::to_pretty_text`]),
//! so that a document edited through the tree reads as it did before.

use super::{Kind, Value};

pub(super) fn write_value(v: &Value, out: &mut String) {
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

/// Indented output: two spaces per level, `"key": value`, empty objects and
/// arrays as `{}` and `[]` (the layout of `serde_json::to_string_pretty`).
pub(super) fn write_pretty(v: &Value, level: usize, out: &mut String) {
    let indent = |n: usize, out: &mut String| out.extend(std::iter::repeat_n("  ", n));
    match &v.kind {
        Kind::Array(items) if !items.is_empty() => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(",\n");
                }
                indent(level + 1, out);
                write_pretty(item, level + 1, out);
            }
            out.push('\n');
            indent(level, out);
            out.push(']');
        }
        Kind::Object(members) if !members.is_empty() => {
            out.push_str("{\n");
            for (i, m) in members.iter().enumerate() {
                if i > 0 {
                    out.push_str(",\n");
                }
                indent(level + 1, out);
                escape_string(&m.key, out);
                out.push_str(": ");
                write_pretty(&m.value, level + 1, out);
            }
            out.push('\n');
            indent(level, out);
            out.push('}');
        }
        _ => write_value(v, out),
    }
}
