//! The engine's JSON-in, JSON-out face: what the JavaScript API (and any
//! other embedding) calls. Errors are data, shaped like Cedar's:
//! `{code, severity, message, help, path, line, column, ...}`.

use policy::{parse_policy, LineIndex, PolicyType};
use serde_json::{json, Value};

use crate::scenario::LoadError;

mod world;
pub use world::World;

pub(crate) fn load_error_json(e: &LoadError) -> Value {
    let mut v = json!({
        "code": e.code,
        "severity": e.severity.as_str(),
        "message": e.message,
        "path": e.path.to_string(),
        "line": e.position.line,
        "column": e.position.column,
        "endLine": e.end.line,
        "endColumn": e.end.column,
        "display": e.to_string(),
    });
    if let Some(obj) = v.as_object_mut() {
        if let Some(h) = &e.help {
            obj.insert("help".into(), json!(h));
        }
        if let Some(p) = e.policy_position {
            obj.insert("policyLine".into(), json!(p.line));
            obj.insert("policyColumn".into(), json!(p.column));
        }
    }
    v
}

/// Runs a scenario: `Ok(report)` exactly as `roleplay run --json` prints
/// it, or `Err([error, ...])` with every load error.
pub fn run(text: &str) -> Result<Value, Value> {
    match crate::run_text(text) {
        Ok(r) => serde_json::to_value(&r).map_err(|e| json!([{"code": "InternalError", "message": e.to_string()}])),
        Err(errors) => Err(Value::Array(errors.iter().map(load_error_json).collect())),
    }
}

/// Runs a scenario and compares its `Expect`s:
/// `{"passed": N, "failed": N, "mismatches": [{"step", "expected", "actual"}]}`.
pub fn check(text: &str) -> Result<Value, Value> {
    let s = crate::load(text).map_err(|errors| Value::Array(errors.iter().map(load_error_json).collect()))?;
    let r = crate::run(&s);
    let (passed, mismatches) = crate::check_expectations(&s, &r);
    Ok(json!({
        "passed": passed,
        "failed": mismatches.len(),
        "mismatches": mismatches.iter().map(|m| json!({"step": m.step, "expected": m.expected, "actual": m.actual})).collect::<Vec<_>>(),
    }))
}

/// Judges the learner's `attempt` against the exercise `shipped` (a
/// scenario with `Exercise`, `crate::exercise`): `{"solved", "met",
/// "goals": [{"met", "label": {"en","ja"}, "detail"?: {"en","ja"}}],
/// "hints": [{"en","ja"}], "editable": [path…] | null}`, or the shipped
/// exercise's load errors. `NoFindings` goals see the loader's warnings
/// only (`LoaderWarnings`).
pub fn exercise(shipped: &str, attempt: &str) -> Result<Value, Value> {
    let ex = crate::exercise::Exercise::new(shipped).map_err(|errors| Value::Array(errors.iter().map(load_error_json).collect()))?;
    let e = ex.evaluate_text(attempt, &crate::exercise::LoaderWarnings);
    let text = |t: &crate::scenario::Text| json!({"en": t.en, "ja": t.ja.as_deref().unwrap_or(&t.en)});
    let goals: Vec<Value> = e
        .goals
        .iter()
        .map(|g| {
            let mut v = json!({"met": g.met, "label": text(&g.label)});
            if let (Some(d), Some(obj)) = (&g.detail, v.as_object_mut()) {
                obj.insert("detail".into(), text(d));
            }
            v
        })
        .collect();
    Ok(json!({
        "solved": e.solved,
        "met": e.met(),
        "goals": goals,
        "hints": ex.hints().iter().map(text).collect::<Vec<_>>(),
        "editable": ex.editable().map(|ps| ps.iter().map(ToString::to_string).collect::<Vec<_>>()),
    }))
}

/// The policy types `parse_policy` accepts, by name.
pub fn policy_type(name: &str) -> Option<PolicyType> {
    Some(match name.to_ascii_lowercase().as_str() {
        "identity" => PolicyType::Identity,
        "resource" => PolicyType::Resource,
        "trust" => PolicyType::Trust,
        "boundary" => PolicyType::Boundary,
        "scp" => PolicyType::Scp,
        "session" => PolicyType::Session,
        _ => return None,
    })
}

/// Validates one policy document (for editors): every diagnostic with its
/// JSON path and range, and the statements with their ranges.
/// `{"valid": bool, "size": N, "diagnostics": [...], "statements": [...]}`.
pub fn check_policy(text: &str, kind: &str) -> Result<Value, Value> {
    let Some(kind) = policy_type(kind) else {
        return Err(json!([{
            "code": "InvalidArgument",
            "severity": "error",
            "message": format!("unknown policy type `{kind}`"),
            "help": "one of `identity`, `resource`, `trust`, `boundary`, `scp`, `session`",
        }]));
    };
    let parsed = parse_policy(text, kind);
    let lines = LineIndex::new(text);
    let diagnostics: Vec<Value> = parsed
        .diagnostics
        .iter()
        .map(|d| {
            let (s, e) = lines.range(text, d.span);
            json!({
                "code": d.code,
                "severity": if d.is_error() { "error" } else { "warning" },
                "message": d.message,
                "help": d.help,
                "path": d.path.to_string(),
                "line": s.line, "column": s.column, "endLine": e.line, "endColumn": e.column,
            })
        })
        .collect();
    let statements: Vec<Value> = parsed
        .policy
        .iter()
        .flat_map(|p| p.statements.iter())
        .map(|st| {
            json!({
                "index": st.index, "sid": st.sid, "effect": st.effect.as_str(),
                "line": st.start.line, "column": st.start.column, "endLine": st.end.line, "endColumn": st.end.column,
            })
        })
        .collect();
    Ok(json!({
        "valid": parsed.policy.is_some(),
        "size": policy::non_whitespace_len(text),
        "diagnostics": diagnostics,
        "statements": statements,
    }))
}

#[cfg(test)]
#[path = "api_tests.rs"]
mod tests;
