//! The explanation as JSON (`roleplay explain --json`, and for embeddings):
//! `docs/explain-format.md` describes it.

use serde_json::{json, Map, Value};

use crate::model::{Access, Coverage, Explanation, Line, Location, ServiceRow};
use policy::{Effect, PolicyType, Position};

fn kind_name(k: PolicyType) -> &'static str {
    match k {
        PolicyType::Identity => "identity",
        PolicyType::Resource => "resource",
        PolicyType::Trust => "trust",
        PolicyType::Boundary => "boundary",
        PolicyType::Scp => "scp",
        PolicyType::Session => "session",
    }
}

fn pos(p: Position) -> Value {
    json!({"Line": p.line, "Column": p.column})
}

fn located(obj: &mut Map<String, Value>, at: Option<Location>) {
    if let Some(a) = at {
        obj.insert("Start".into(), pos(a.start));
        obj.insert("End".into(), pos(a.end));
    }
}

fn line(l: &Line) -> Value {
    let mut o = Map::new();
    o.insert("Kind".into(), json!(l.kind.as_str()));
    o.insert("Text".into(), json!(l.text()));
    if !l.statements.is_empty() {
        o.insert("Statements".into(), json!(l.statements));
    }
    if let Some(sid) = &l.sid {
        o.insert("Sid".into(), json!(sid));
    }
    located(&mut o, l.at);
    let links: Vec<Value> = l
        .pieces
        .iter()
        .filter(|p| p.at.is_some())
        .map(|p| {
            let mut m = Map::new();
            m.insert("Text".into(), json!(p.text));
            located(&mut m, p.at);
            Value::Object(m)
        })
        .collect();
    if !links.is_empty() {
        o.insert("Links".into(), Value::Array(links));
    }
    Value::Object(o)
}

fn access(a: &Access) -> Value {
    match a {
        Access::Unknown => json!("unknown"),
        Access::Full => json!("full"),
        Access::None => json!("none"),
        Access::AllExcept => json!("allExcept"),
        Access::Levels(levels) => {
            let pick = |c: Coverage| -> Vec<&str> { levels.iter().filter(|(_, k)| *k == c).map(|(l, _)| l.as_str()).collect() };
            json!({"Full": pick(Coverage::Full), "Limited": pick(Coverage::Limited)})
        }
    }
}

fn row(r: &ServiceRow) -> Value {
    let mut o = Map::new();
    o.insert("Effect".into(), json!(if r.effect == Effect::Allow { "Allow" } else { "Deny" }));
    o.insert("Service".into(), json!(r.service));
    if let Some(n) = &r.name {
        o.insert("Name".into(), json!(n));
    }
    o.insert("Access".into(), access(&r.access));
    o.insert("Actions".into(), json!(r.actions));
    if !r.unrecognized.is_empty() {
        o.insert("Unrecognized".into(), json!(r.unrecognized));
    }
    o.insert("AllResources".into(), json!(r.all_resources));
    o.insert("Conditions".into(), json!(r.conditions));
    o.insert("Statements".into(), json!(r.statements));
    Value::Object(o)
}

/// The explanation as a JSON value: `{"Kind", "Lang", "Summary", "Lines"}`.
pub fn to_json(e: &Explanation) -> Value {
    json!({
        "Kind": kind_name(e.kind),
        "Lang": e.lang.code(),
        "Summary": e.summary.iter().map(row).collect::<Vec<_>>(),
        "Lines": e.lines.iter().map(line).collect::<Vec<_>>(),
    })
}
