//! JSON colouring for the editors, with marks laid over it: errors and lint
//! findings (underlined, message on hover) and the statements that decided
//! the step (highlighted). Works on any text, valid JSON or not, in one
//! pass over its characters.

/// A range of the text to mark, 1-based lines and columns (columns count
/// characters), both ends inclusive, as the engine reports positions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    pub start: (u32, u32),
    pub end: (u32, u32),
    pub kind: MarkKind,
    pub message: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum MarkKind {
    /// A statement that allowed the step.
    Allow,
    /// A statement that denied it, or did not apply.
    Deny,
    Warning,
    Error,
}

impl MarkKind {
    pub fn class(self) -> &'static str {
        match self {
            MarkKind::Allow => "m-allow",
            MarkKind::Deny => "m-deny",
            MarkKind::Warning => "m-warn",
            MarkKind::Error => "m-err",
        }
    }
}

/// A run of characters with one look.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    /// Space-separated CSS classes (`t-key`, `t-str`, `m-err`, ...).
    pub class: String,
    /// The messages of the marks over it (for the hover tooltip).
    pub title: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tok {
    Key,
    Str,
    Num,
    Lit,
    Punct,
    Space,
    Bad,
}

impl Tok {
    fn class(self) -> &'static str {
        match self {
            Tok::Key => "t-key",
            Tok::Str => "t-str",
            Tok::Num => "t-num",
            Tok::Lit => "t-lit",
            Tok::Punct => "t-pun",
            Tok::Space => "",
            Tok::Bad => "t-bad",
        }
    }
}

/// The token class of every character (by char index).
fn classify(text: &str) -> Vec<Tok> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = vec![Tok::Space; chars.len()];
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let start = i;
        let tok = match c {
            '"' => {
                i += 1;
                while let Some(&d) = chars.get(i) {
                    i += 1;
                    match d {
                        '\\' => i += 1,
                        '"' | '\n' => break,
                        _ => {}
                    }
                }
                // A string followed by `:` is a key.
                let mut j = i;
                while chars.get(j).is_some_and(|c| *c == ' ' || *c == '\t') {
                    j += 1;
                }
                if chars.get(j) == Some(&':') {
                    Tok::Key
                } else {
                    Tok::Str
                }
            }
            '-' | '0'..='9' => {
                while chars.get(i).is_some_and(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E')) {
                    i += 1;
                }
                Tok::Num
            }
            'a'..='z' | 'A'..='Z' => {
                while chars.get(i).is_some_and(char::is_ascii_alphanumeric) {
                    i += 1;
                }
                let word: String = chars.get(start..i).map(|w| w.iter().collect()).unwrap_or_default();
                if matches!(word.as_str(), "true" | "false" | "null") {
                    Tok::Lit
                } else {
                    Tok::Bad
                }
            }
            '{' | '}' | '[' | ']' | ':' | ',' => {
                i += 1;
                Tok::Punct
            }
            c if c.is_whitespace() => {
                i += 1;
                Tok::Space
            }
            _ => {
                i += 1;
                Tok::Bad
            }
        };
        let end = i.min(chars.len());
        for slot in out.iter_mut().take(end).skip(start) {
            *slot = tok;
        }
        if i == start {
            i += 1;
        }
    }
    out
}

/// The end of the token that starts at (`line`, `column`), so a mark that
/// has only a start position underlines a whole word.
pub fn token_end(text: &str, line: u32, column: u32) -> (u32, u32) {
    let Some(l) = text.lines().nth(line.saturating_sub(1) as usize) else { return (line, column) };
    let chars: Vec<char> = l.chars().collect();
    let start = column.saturating_sub(1) as usize;
    let Some(&first) = chars.get(start) else { return (line, column) };
    let mut end = start;
    if first == '"' {
        end += 1;
        while let Some(&c) = chars.get(end) {
            if c == '"' {
                break;
            }
            end += if c == '\\' { 2 } else { 1 };
        }
    } else if first.is_alphanumeric() || first == '-' {
        while chars.get(end + 1).is_some_and(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '_')) {
            end += 1;
        }
    }
    (line, u32::try_from(end.min(chars.len().saturating_sub(1)) + 1).unwrap_or(column))
}

/// The text as lines of pieces, coloured and marked.
pub fn render(text: &str, marks: &[Mark]) -> Vec<Vec<Piece>> {
    let toks = classify(text);
    let mut lines = Vec::new();
    let mut line: Vec<Piece> = Vec::new();
    let (mut ln, mut col) = (1u32, 1u32);
    let mut cur: Option<(String, Option<String>)> = None;
    let mut buf = String::new();
    let flush = |line: &mut Vec<Piece>, buf: &mut String, cur: &Option<(String, Option<String>)>| {
        if !buf.is_empty() {
            let (class, title) = cur.clone().unwrap_or_default();
            line.push(Piece { text: std::mem::take(buf), class, title });
        }
    };
    for (c, tok) in text.chars().zip(toks.iter().copied().chain(std::iter::repeat(Tok::Space))) {
        if c == '\n' {
            flush(&mut line, &mut buf, &cur);
            lines.push(std::mem::take(&mut line));
            cur = None;
            ln += 1;
            col = 1;
            continue;
        }
        let covering: Vec<&Mark> = marks.iter().filter(|m| (ln, col) >= m.start && (ln, col) <= m.end).collect();
        let mut class = tok.class().to_string();
        let mut kinds: Vec<MarkKind> = covering.iter().map(|m| m.kind).collect();
        kinds.sort();
        kinds.dedup();
        for k in kinds {
            if !class.is_empty() {
                class.push(' ');
            }
            class.push_str(k.class());
        }
        let msgs: Vec<&str> = covering.iter().filter(|m| !m.message.is_empty()).map(|m| m.message.as_str()).collect();
        let title = (!msgs.is_empty()).then(|| msgs.join("\n"));
        let key = (class, title);
        if cur.as_ref() != Some(&key) {
            flush(&mut line, &mut buf, &cur);
            cur = Some(key);
        }
        if c != '\r' {
            buf.push(c);
        }
        col += 1;
    }
    flush(&mut line, &mut buf, &cur);
    lines.push(line);
    lines
}

/// A JSON value as text, indented like `serde_json::to_string_pretty`
/// (two spaces, `": "`), without serde's serializer in the page.
pub fn pretty(v: &serde_json::Value) -> String {
    let mut out = String::new();
    write_pretty(&mut out, v, 0);
    out
}

fn write_pretty(out: &mut String, v: &serde_json::Value, depth: usize) {
    use serde_json::Value;
    let indent = |out: &mut String, d: usize| {
        out.push('\n');
        out.extend(std::iter::repeat_n(' ', 2 * d));
    };
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(s) => write_string(out, s),
        Value::Array(items) if items.is_empty() => out.push_str("[]"),
        Value::Object(m) if m.is_empty() => out.push_str("{}"),
        Value::Array(items) => {
            out.push('[');
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                indent(out, depth + 1);
                write_pretty(out, x, depth + 1);
            }
            indent(out, depth);
            out.push(']');
        }
        Value::Object(m) => {
            out.push('{');
            for (i, (k, x)) in m.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                indent(out, depth + 1);
                write_string(out, k);
                out.push_str(": ");
                write_pretty(out, x, depth + 1);
            }
            indent(out, depth);
            out.push('}');
        }
    }
}

/// A JSON string literal, escaped as serde_json escapes it.
fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod pretty_tests {
    use super::pretty;

    #[test]
    fn prints_like_serde_json_pretty() {
        let v = serde_json::json!({"a": [1, {"b": null, "c": "x\"y\\z\n\u{1}é"}], "e": {}, "f": [], "g": true, "h": -2.5});
        assert_eq!(pretty(&v), serde_json::to_string_pretty(&v).unwrap_or_default());
    }
}
