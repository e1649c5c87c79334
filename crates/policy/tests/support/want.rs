//! What a document must produce, and the check of it: shared by the
//! table-driven `parse_policy` tests (`parse.rs`, `parse_valid.rs`,
//! `parse_malformed.rs`).
#![allow(dead_code, unused_macros)]

use policy::{parse_policy, Diagnostic, LineIndex, Parsed, PolicyType, Severity};

/// One diagnostic a document must produce.
#[derive(Clone, Copy, Debug)]
pub struct Want {
    pub severity: Severity,
    /// For warnings, the lint code (errors are all `MalformedPolicyDocument`).
    pub code: &'static str,
    /// A substring of the message.
    pub message: &'static str,
    /// The exact JSON path.
    pub path: &'static str,
    /// 1-based line and column of the span's start.
    pub at: (u32, u32),
    /// A substring of the help, when there must be one.
    pub help: Option<&'static str>,
}

pub const fn err(message: &'static str, path: &'static str, line: u32, column: u32) -> Want {
    Want { severity: Severity::Error, code: "MalformedPolicyDocument", message, path, at: (line, column), help: None }
}

pub const fn warn(code: &'static str, message: &'static str, path: &'static str, line: u32, column: u32) -> Want {
    Want { severity: Severity::Warning, code, message, path, at: (line, column), help: None }
}

impl Want {
    pub const fn help(self, help: &'static str) -> Want {
        Want { help: Some(help), ..self }
    }
}

pub fn describe(text: &str, d: &Diagnostic) -> String {
    let p = LineIndex::new(text).position(text, d.span.start);
    format!("{:?} {} `{}` at {}:{}: {} (help: {:?})", d.severity, d.code, d.path, p.line, p.column, d.message, d.help)
}

pub fn matches(text: &str, lines: &LineIndex, d: &Diagnostic, w: &Want) -> bool {
    let p = lines.position(text, d.span.start);
    d.severity == w.severity
        && d.code == w.code
        && d.message.contains(w.message)
        && d.path == w.path
        && (p.line, p.column) == w.at
        && w.help.is_none_or(|h| d.help.as_deref().is_some_and(|dh| dh.contains(h)))
}

/// Parses `text` as a `kind` policy and checks that every wanted
/// diagnostic is there, that there are no other errors, and that the policy
/// is returned exactly when there are no errors. Warnings not listed are
/// allowed.
pub fn check(text: &str, kind: PolicyType, expected: &[Want]) -> Parsed {
    let parsed = parse_policy(text, kind);
    let lines = LineIndex::new(text);
    let all = || parsed.diagnostics.iter().map(|d| format!("  {}", describe(text, d))).collect::<Vec<_>>().join("\n");
    for w in expected {
        assert!(
            parsed.diagnostics.iter().any(|d| matches(text, &lines, d, w)),
            "missing {w:?}\n--- policy ({kind:?}):\n{text}\n--- diagnostics:\n{}",
            all()
        );
    }
    let unexpected: Vec<String> =
        parsed.errors().filter(|d| !expected.iter().any(|w| matches(text, &lines, d, w))).map(|d| describe(text, d)).collect();
    assert!(unexpected.is_empty(), "unexpected errors:\n  {}\n--- policy ({kind:?}):\n{text}", unexpected.join("\n  "));
    let has_errors = expected.iter().any(|w| w.severity == Severity::Error);
    assert_eq!(parsed.policy.is_none(), has_errors, "policy returned iff no errors\n{}", all());
    for d in &parsed.diagnostics {
        let (s, e) = (d.span.start as usize, d.span.end as usize);
        assert!(s <= e && e <= text.len(), "span out of the text: {}", describe(text, d));
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e), "span splits a character: {}", describe(text, d));
        assert!(!d.message.starts_with(|c: char| c.is_ascii_uppercase()), "message not lowercase: {}", d.message);
        assert!(d.path.to_string().starts_with('$'), "path: {}", d.path);
        if d.is_error() {
            assert_eq!(d.code, "MalformedPolicyDocument");
        }
    }
    parsed
}

macro_rules! cases {
    ($($name:ident: $kind:ident, $text:expr => [$($want:expr),* $(,)?];)*) => {
        $(
            #[test]
            fn $name() {
                check($text, PolicyType::$kind, &[$($want),*]);
            }
        )*
    };
}
