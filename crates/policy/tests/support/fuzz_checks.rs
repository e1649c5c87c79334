//! What the fuzz targets `json_policy` and `pattern` assert, shared (by
//! `#[path]`) with `tests/fuzz_regressions.rs`, which replays every saved
//! input on the stable toolchain. A failed check panics.
#![allow(dead_code, reason = "each includer uses some of the checks")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use policy::json::{self, Kind, Value};
use policy::pattern::{Flavor, Pattern};
use policy::{parse_policy, Diagnostic, LineIndex, Policy, PolicyType, Span, MAX_DIAGNOSTICS};

const KINDS: [PolicyType; 6] =
    [PolicyType::Identity, PolicyType::Resource, PolicyType::Trust, PolicyType::Boundary, PolicyType::Scp, PolicyType::Session];

/// A span lies inside `text` and starts and ends on character boundaries.
pub fn assert_span(text: &str, span: Span, what: &str) {
    let (s, e) = (span.start as usize, span.end as usize);
    assert!(s <= e && e <= text.len(), "{what}: span {s}..{e} outside a text of {} bytes", text.len());
    assert!(text.is_char_boundary(s) && text.is_char_boundary(e), "{what}: span {s}..{e} not on character boundaries");
}

fn assert_value_spans(text: &str, v: &Value) {
    assert_span(text, v.span, "value");
    match &v.kind {
        Kind::Array(items) => items.iter().for_each(|i| assert_value_spans(text, i)),
        Kind::Object(members) => {
            for m in members {
                assert_span(text, m.key_span, "key");
                assert!(m.key_span.end <= m.value.span.start, "a key ends before its value");
                assert_value_spans(text, &m.value);
            }
        }
        _ => {}
    }
}

/// The same JSON value, ignoring where it was written.
pub fn same_value(a: &Value, b: &Value) -> bool {
    match (&a.kind, &b.kind) {
        (Kind::Array(x), Kind::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_value(a, b)),
        (Kind::Object(x), Kind::Object(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| a.key == b.key && same_value(&a.value, &b.value))
        }
        (x, y) => x == y,
    }
}

/// A policy without its spans and positions: what its statements say.
pub fn policy_shape(p: &Policy) -> String {
    let mut out = format!("{:?} {:?} {:?}\n", p.kind, p.version, p.id);
    for s in &p.statements {
        let principal = s.principal.as_ref().map(|ps| (ps.negated, ps.entries.iter().map(|e| e.value.clone()).collect::<Vec<_>>()));
        let list = |l: &policy::PatternList| (l.negated, l.items.iter().map(|i| i.value.source().to_string()).collect::<Vec<_>>());
        let conditions: Vec<_> = s.condition.entries.iter().map(|c| (&c.operator_text, &c.key, &c.raw_values)).collect();
        out.push_str(&format!(
            "{} {:?} {:?} {principal:?} {:?} {:?} {conditions:?}\n",
            s.index,
            s.sid,
            s.effect,
            list(&s.action),
            s.resource.as_ref().map(list)
        ));
    }
    out
}

/// A diagnostic without its span.
fn diag_shape(d: &Diagnostic) -> String {
    format!("{} {:?} {} {} {:?}", d.code, d.severity, d.path, d.message, d.help)
}

/// `json::parse` and `parse_policy` of any text: no panic; every span of
/// the tree, of every diagnostic and of every statement inside the text on
/// character boundaries; at most `MAX_DIAGNOSTICS` listed plus one; and
/// parse → print → parse (compact and indented) gives the same tree, and
/// the same policy and diagnostics for every policy type.
pub fn json_policy(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let lines = LineIndex::new(text);
    let tree = json::parse(text);
    match &tree {
        Ok(v) => assert_value_spans(text, v),
        Err(e) => assert_span(text, e.span, "syntax error"),
    }
    for kind in KINDS {
        let parsed = parse_policy(text, kind);
        assert!(parsed.diagnostics.len() <= MAX_DIAGNOSTICS + 1, "{} diagnostics", parsed.diagnostics.len());
        assert_eq!(parsed.policy.is_some(), !parsed.diagnostics.iter().any(Diagnostic::is_error) && tree.is_ok());
        for d in &parsed.diagnostics {
            assert_span(text, d.span, &d.message);
            let (s, e) = lines.range(text, d.span);
            assert!(s <= e, "{}: start after end", d.message);
        }
        if let Some(p) = &parsed.policy {
            for st in &p.statements {
                assert_span(text, st.span, "statement");
            }
        }
    }
    let Ok(v) = tree else { return };
    for printed in [v.to_json_text(), v.to_pretty_text()] {
        let again = json::parse(&printed).unwrap_or_else(|e| panic!("printed JSON does not parse: {}: {printed}", e.message));
        assert!(same_value(&v, &again), "print → parse changed the value: {printed}");
        for kind in KINDS {
            let (a, b) = (parse_policy(text, kind), parse_policy(&printed, kind));
            assert_eq!(a.policy.as_ref().map(policy_shape), b.policy.as_ref().map(policy_shape), "{kind:?}: {printed}");
            let (da, db): (Vec<_>, Vec<_>) =
                (a.diagnostics.iter().map(diag_shape).collect(), b.diagnostics.iter().map(diag_shape).collect());
            assert_eq!(da, db, "{kind:?}: {printed}");
        }
    }
}

/// The matcher by its definition: dynamic programming over characters.
/// In the Arn flavor a `*` or `?` before the pattern's fifth `:` does not
/// match `:` (a final `*` does); `fold` ignores ASCII case.
pub fn reference(flavor: Flavor, pattern: &str, text: &str, fold: bool) -> bool {
    #[derive(Clone, Copy)]
    enum E {
        C(char),
        Any(bool),
        Star(bool),
    }
    let chars: Vec<char> = pattern.chars().collect();
    let mut p = Vec::new();
    let mut colons = 0;
    for (k, &c) in chars.iter().enumerate() {
        let free = flavor == Flavor::Glob || colons >= 5;
        match c {
            '*' if flavor != Flavor::Literal => p.push(E::Star(free || k + 1 == chars.len())),
            '?' if flavor != Flavor::Literal => p.push(E::Any(free)),
            _ => {
                colons += usize::from(c == ':');
                p.push(E::C(c));
            }
        }
    }
    let t: Vec<char> = text.chars().collect();
    let same = |a: char, b: char| a == b || (fold && a.eq_ignore_ascii_case(&b));
    // ok[j]: the pattern so far matches the first j characters.
    let mut ok = vec![false; t.len() + 1];
    ok[0] = true;
    for e in &p {
        let mut next = vec![false; t.len() + 1];
        match *e {
            E::Star(free) => {
                for j in 0..=t.len() {
                    next[j] = ok[j] || (j > 0 && next[j - 1] && (free || t[j - 1] != ':'));
                }
            }
            E::Any(free) => {
                for j in 1..=t.len() {
                    next[j] = ok[j - 1] && (free || t[j - 1] != ':');
                }
            }
            E::C(c) => {
                for j in 1..=t.len() {
                    next[j] = ok[j - 1] && same(t[j - 1], c);
                }
            }
        }
        ok = next;
    }
    ok[t.len()]
}

/// `FLAGS PATTERN \0 TEXT`: the first byte picks the flavor, case folding
/// and whether `${…}` is a variable; a pattern (without variables) agrees
/// with [`reference`]; matching it against the text repeated to 64 KiB
/// answers (the fuzzer's timeout catches one that does not stay linear).
pub fn pattern(data: &[u8]) {
    let Some((&flags, rest)) = data.split_first() else { return };
    let Ok(rest) = std::str::from_utf8(rest) else { return };
    let (pat, text) = rest.split_once('\0').unwrap_or((rest, ""));
    let flavor = [Flavor::Glob, Flavor::Arn, Flavor::Literal][usize::from(flags % 3)];
    let fold = flags & 4 != 0;
    let variables = flags & 8 != 0;
    let Ok(p) = Pattern::compile(pat, flavor, fold, variables) else {
        assert!(variables && pat.contains("${"), "only a policy variable fails to compile: `{pat}`");
        return;
    };
    let got = p.is_match(text, &policy::NoVars);
    if !variables && pat.chars().count() * text.chars().count() <= 1_000_000 {
        assert_eq!(got, reference(flavor, pat, text, fold), "{flavor:?} fold={fold} `{pat}` vs `{text}`");
    }
    if !text.is_empty() {
        let long = text.repeat((65_536 / text.len()).max(1));
        let _ = p.is_match(&long, &policy::NoVars);
        let _ = p.is_match(&format!("{long}{pat}"), &policy::NoVars);
    }
}
