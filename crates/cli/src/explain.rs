//! `roleplay explain`: every policy of a scenario (or one policy document)
//! read aloud, with the IAM console's summary and each statement in words.

use std::fmt::Write as _;

use explain::{Explanation, Lang, LineKind};
use policy::json::Value;
use policy::path::{JsonPath, Seg};
use policy::{parse_policy, parse_policy_value, Diagnostic, LineIndex, PolicyType};
use sts::schema::{self, key};

use crate::args;

/// One policy found in the input, explained or refused.
struct Found {
    path: JsonPath,
    owner: Option<String>,
    result: Result<Explanation, Vec<Diagnostic>>,
    /// Where the policy's positions point: its own text (string form) or
    /// the file (object form).
    inner_text: Option<String>,
}

fn lang_of(l: args::Lang) -> Lang {
    match l {
        args::Lang::En => Lang::En,
        args::Lang::Ja => Lang::Ja,
    }
}

/// How a bare policy is read when `--kind` is not given: a `Principal`
/// without `Resource` is a trust policy, with `Resource` a resource-based
/// policy; anything else an identity-based policy.
fn guess_kind(doc: &Value) -> PolicyType {
    let statements: Vec<&Value> = match doc.get("Statement") {
        Some(v) => match v.as_array() {
            Some(items) => items.iter().collect(),
            None => vec![v],
        },
        None => Vec::new(),
    };
    let has = |k: &str| statements.iter().any(|s| s.get(k).is_some());
    match (has("Principal") || has("NotPrincipal"), has("Resource") || has("NotResource")) {
        (true, false) => PolicyType::Trust,
        (true, true) => PolicyType::Resource,
        _ => PolicyType::Identity,
    }
}

fn explain_value(
    v: &Value,
    path: &JsonPath,
    kind: PolicyType,
    file: &str,
    lines: &LineIndex,
    lang: Lang,
    cat: Option<&catalogue::Catalogue>,
) -> Found {
    match v.as_str() {
        Some(text) => {
            let result = explain::explain(text, kind, lang, cat);
            Found { path: path.clone(), owner: None, result, inner_text: Some(text.to_string()) }
        }
        None => {
            let parsed = parse_policy_value(v, &JsonPath::root(), kind, file, lines);
            let result = match parsed.policy {
                Some(p) => Ok(explain::explain_policy(&p, file, lang, cat)),
                None => Err(parsed.diagnostics.into_iter().filter(Diagnostic::is_error).collect()),
            };
            Found { path: path.clone(), owner: None, result, inner_text: None }
        }
    }
}

/// Who a scenario policy belongs to, in words.
fn owner(doc: &Value, path: &JsonPath, kind: PolicyType, lang: Lang) -> Option<String> {
    let segs = path.segments();
    let (Some(Seg::Key(list)), Some(Seg::Index(i))) = (segs.first(), segs.get(1)) else { return None };
    let entry = doc.get(list)?.as_array()?.get(*i)?;
    let arn = entry.get(key::ARN).and_then(Value::as_str).unwrap_or("?");
    let name = match segs.get(3) {
        Some(Seg::Index(j)) => entry.get(key::POLICIES)?.as_array()?.get(*j)?.get(key::POLICY_NAME)?.as_str(),
        _ => None,
    };
    let ja = lang == Lang::Ja;
    Some(match (kind, list.as_str()) {
        (PolicyType::Trust, _) if ja => format!("{arn} の信頼ポリシー"),
        (PolicyType::Trust, _) => format!("trust policy of {arn}"),
        (PolicyType::Boundary, _) if ja => format!("{arn} のアクセス許可の境界"),
        (PolicyType::Boundary, _) => format!("permissions boundary of {arn}"),
        (PolicyType::Resource, _) if ja => format!("{arn} のリソースベースのポリシー"),
        (PolicyType::Resource, _) => format!("resource-based policy of {arn}"),
        (PolicyType::Scp, _) => {
            let target = entry.get(key::TARGET).and_then(Value::as_str).unwrap_or("?");
            let name = entry.get(key::POLICY_NAME).and_then(Value::as_str).map(|n| format!(" {n}")).unwrap_or_default();
            if ja {
                format!("アカウント {target} の SCP{name}")
            } else {
                format!("SCP{name} of account {target}")
            }
        }
        (PolicyType::Session, _) if ja => format!("ステップ {i} のセッションポリシー"),
        (PolicyType::Session, _) => format!("session policy of step {i}"),
        (_, _) if ja => format!("{arn} のポリシー {}", name.unwrap_or("?")),
        (_, _) => format!("policy {} of {arn}", name.unwrap_or("?")),
    })
}

fn find(text: &str, doc: &Value, kind: Option<PolicyType>, lang: Lang, cat: Option<&catalogue::Catalogue>) -> Vec<Found> {
    let lines = LineIndex::new(text);
    if doc.get(key::SCENARIO).is_none() {
        let kind = kind.unwrap_or_else(|| guess_kind(doc));
        let parsed = parse_policy(text, kind);
        let result = match parsed.policy {
            Some(p) => Ok(explain::explain_policy(&p, text, lang, cat)),
            None => Err(parsed.diagnostics.into_iter().filter(Diagnostic::is_error).collect()),
        };
        return vec![Found { path: JsonPath::root(), owner: None, result, inner_text: Some(text.to_string()) }];
    }
    let mut out = Vec::new();
    for f in schema::policy_fields(doc) {
        let Some(v) = f.path.lookup(doc) else { continue };
        let mut found = explain_value(v, &f.path, f.kind.kind, text, &lines, lang, cat);
        found.owner = owner(doc, &f.path, f.kind.kind, lang);
        out.push(found);
    }
    out
}

fn print_text(found: &[Found], bare: bool) -> String {
    let mut out = String::new();
    for (n, f) in found.iter().enumerate() {
        let Ok(e) = &f.result else { continue };
        if n > 0 {
            out.push('\n');
        }
        let indent = if bare {
            ""
        } else {
            let _ = writeln!(out, "{}{}", f.path, f.owner.as_deref().map(|o| format!(" — {o}")).unwrap_or_default());
            "  "
        };
        for l in &e.lines {
            match (l.kind, l.at) {
                (LineKind::Statement, Some(at)) => {
                    let sid = l.sid.as_deref().map(|s| format!(" \"{s}\"")).unwrap_or_default();
                    let idx = l.statements.first().copied().unwrap_or(0);
                    let where_ = format!("line {}:{}–{}:{}", at.start.line, at.start.column, at.end.line, at.end.column);
                    let _ = writeln!(out, "{indent}[{idx}{sid}, {where_}] {}", l.text());
                }
                (LineKind::Summary, _) => {
                    let _ = writeln!(out, "{indent}  · {}", l.text());
                }
                _ => {
                    let _ = writeln!(out, "{indent}{}", l.text());
                }
            }
        }
    }
    out
}

fn print_json(found: &[Found], bare: bool) -> String {
    let items: Vec<serde_json::Value> = found
        .iter()
        .filter_map(|f| {
            let e = f.result.as_ref().ok()?;
            let mut v = explain::to_json(e);
            if !bare {
                if let serde_json::Value::Object(o) = &mut v {
                    let mut head = serde_json::Map::new();
                    head.insert("Path".into(), serde_json::json!(f.path.to_string()));
                    if let Some(owner) = &f.owner {
                        head.insert("Owner".into(), serde_json::json!(owner));
                    }
                    head.insert("PositionsIn".into(), serde_json::json!(if f.inner_text.is_some() { "policy" } else { "file" }));
                    head.append(o);
                    *o = head;
                }
            }
            Some(v)
        })
        .collect();
    let doc = if bare { items.into_iter().next().unwrap_or_default() } else { serde_json::json!({ "Policies": items }) };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// Runs `roleplay explain` on the text of `name`: what to print, the
/// errors (for standard error) and the exit status.
pub fn run(e: &args::Explain, text: &str, name: &str) -> (String, Vec<String>, u8) {
    let doc = match policy::json::parse(text) {
        Ok(d) => d,
        Err(err) => {
            let p = LineIndex::new(text).position(text, err.span.start);
            return (String::new(), vec![format!("{name}:{}:{}: the file is not valid JSON: {}", p.line, p.column, err.message)], 2);
        }
    };
    let cat = Some(crate::catalogue::get());
    let lang = lang_of(e.lang);
    let found = find(text, &doc, e.kind, lang, cat);
    let bare = doc.get(key::SCENARIO).is_none();
    let mut errors = Vec::new();
    for f in &found {
        if let Err(diags) = &f.result {
            let source = f.inner_text.as_deref().unwrap_or(text);
            let idx = LineIndex::new(source);
            for d in diags {
                let p = idx.position(source, d.span.start);
                let at = if f.inner_text.is_some() && !bare {
                    format!("{}{} (line {}, column {} of the policy)", f.path, d.path.to_string().trim_start_matches('$'), p.line, p.column)
                } else {
                    format!("{}:{}: {}", p.line, p.column, f.path.join(&d.path))
                };
                errors.push(format!("{name}:{at}: {}", d.message));
            }
        }
    }
    if found.is_empty() && !bare {
        errors.push(format!("{name}: the scenario has no policies"));
    }
    let out = if e.json { print_json(&found, bare) } else { print_text(&found, bare) };
    let status = if errors.is_empty() { 0 } else { 2 };
    (out, errors, status)
}
