//! Edits to the scenario document. The scenario's JSON text is the one
//! source of truth; every edit the page makes is an edit of that text.
//!
//! Typing in a policy editor replaces just that policy's string literal in
//! the text ([`splice_string`]), so the rest of the document keeps the
//! author's layout byte for byte. Structural edits (the people form, a new
//! policy) go through `serde_json` and pretty-print the document.

use serde_json::{Map, Value};

/// One step of a JSON path.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Seg {
    Key(String),
    Index(usize),
}

pub type Path = Vec<Seg>;

pub fn key(k: &str) -> Seg {
    Seg::Key(k.to_string())
}

/// `$.Roles[0].AssumeRolePolicyDocument`, as the loader writes paths.
pub fn path_string(p: &[Seg]) -> String {
    let mut s = String::from("$");
    for seg in p {
        match seg {
            Seg::Key(k) => {
                s.push('.');
                s.push_str(k);
            }
            Seg::Index(i) => {
                s.push('[');
                s.push_str(&i.to_string());
                s.push(']');
            }
        }
    }
    s
}

/// Whether a loader path lies at or under `prefix`.
pub fn path_within(path: &str, prefix: &str) -> bool {
    path.strip_prefix(prefix).is_some_and(|rest| rest.is_empty() || rest.starts_with('.') || rest.starts_with('['))
}

pub fn get<'a>(v: &'a Value, p: &[Seg]) -> Option<&'a Value> {
    p.iter().try_fold(v, |v, seg| match seg {
        Seg::Key(k) => v.get(k.as_str()),
        Seg::Index(i) => v.get(*i),
    })
}

/// The value at `p`, creating objects and arrays on the way (an index one
/// past the end appends).
pub fn get_or_create<'a>(v: &'a mut Value, p: &[Seg]) -> Option<&'a mut Value> {
    let mut cur = v;
    for (n, seg) in p.iter().enumerate() {
        let next_is_index = matches!(p.get(n + 1), Some(Seg::Index(_)));
        let fresh = || if next_is_index { Value::Array(Vec::new()) } else { Value::Object(Map::new()) };
        cur = match seg {
            Seg::Key(k) => {
                let obj = cur.as_object_mut()?;
                if !obj.contains_key(k.as_str()) || obj.get(k.as_str()).is_some_and(Value::is_null) {
                    obj.insert(k.clone(), fresh());
                }
                obj.get_mut(k.as_str())?
            }
            Seg::Index(i) => {
                let arr = cur.as_array_mut()?;
                if *i == arr.len() {
                    arr.push(fresh());
                }
                arr.get_mut(*i)?
            }
        };
    }
    Some(cur)
}

/// Parses, edits and pretty-prints the document.
pub fn edit(text: &str, f: impl FnOnce(&mut Value) -> Option<()>) -> Result<String, String> {
    let mut v: Value = serde_json::from_str(text).map_err(|e| format!("line {}, column {}: {e}", e.line(), e.column()))?;
    f(&mut v).ok_or_else(|| "the scenario does not have the expected shape".to_string())?;
    serde_json::to_string_pretty(&v).map_err(|e| e.to_string())
}

/// Replaces the string at `p` with `new`, leaving every other byte of the
/// text as it was. `None` when the text does not parse or `p` is not a string.
pub fn splice_string(text: &str, p: &[Seg], new: &str) -> Option<String> {
    let root = policy::json::parse(text).ok()?;
    let mut cur = &root;
    for seg in p {
        cur = match (seg, &cur.kind) {
            // The last duplicate wins, as in serde_json.
            (Seg::Key(k), policy::json::Kind::Object(members)) => &members.iter().rev().find(|m| &m.key == k)?.value,
            (Seg::Index(i), policy::json::Kind::Array(items)) => items.get(*i)?,
            _ => return None,
        };
    }
    cur.as_str()?;
    let (start, end) = (usize::try_from(cur.span.start).ok()?, usize::try_from(cur.span.end).ok()?);
    let mut out = String::with_capacity(text.len() + new.len());
    out.push_str(text.get(..start)?);
    policy::json::escape_string(new, &mut out);
    out.push_str(text.get(end..)?);
    Some(out)
}

/// The document's `Title` in `lang` (`{"en", "ja"}` or a plain string).
pub fn title(doc: &Value, lang: &str) -> String {
    match doc.get("Title") {
        Some(Value::String(s)) => s.clone(),
        Some(t) => t.get(lang).or_else(|| t.get("en")).and_then(Value::as_str).unwrap_or("").to_string(),
        None => String::new(),
    }
}

/// Where a policy editor's text lives in the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slot {
    pub path: Path,
    /// `PolicyName`, or the document's key (`AssumeRolePolicyDocument`, ...).
    pub name: String,
    pub text: String,
    /// False for a policy that does not exist yet (typing creates it).
    pub exists: bool,
}

impl Slot {
    pub fn path_string(&self) -> String {
        path_string(&self.path)
    }
}

/// The text of a policy value: a string as is, an object pretty-printed.
pub fn policy_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => serde_json::to_string_pretty(other).unwrap_or_default(),
    }
}

pub fn slot_at(doc: &Value, path: Path, name: &str) -> Slot {
    match get(doc, &path) {
        Some(v) if !v.is_null() => Slot { text: policy_text(v), exists: true, name: name.to_string(), path },
        _ => Slot { text: String::new(), exists: false, name: name.to_string(), path },
    }
}

/// The inline policies (`Policies`) of the entity at `owner`, or one empty
/// slot to create the first.
pub fn inline_slots(doc: &Value, owner: &[Seg]) -> Vec<Slot> {
    let mut base = owner.to_vec();
    base.push(key("Policies"));
    let list = get(doc, &base).and_then(Value::as_array).map(Vec::len).unwrap_or(0);
    let mut out: Vec<Slot> = (0..list)
        .map(|i| {
            let mut p = base.clone();
            p.push(Seg::Index(i));
            let name = get(doc, &p).and_then(|x| x.get("PolicyName")).and_then(Value::as_str).unwrap_or("").to_string();
            p.push(key("PolicyDocument"));
            slot_at(doc, p, &name)
        })
        .collect();
    if out.is_empty() {
        let mut p = base;
        p.push(Seg::Index(0));
        p.push(key("PolicyDocument"));
        out.push(Slot { path: p, name: "InlinePolicy".into(), text: String::new(), exists: false });
    }
    out
}

/// Writes `new` into the slot: a splice when the policy exists as a
/// string, otherwise a structural edit that creates it.
pub fn set_policy(text: &str, slot: &Slot, new: &str) -> Result<String, String> {
    if slot.exists {
        if let Some(t) = splice_string(text, &slot.path, new) {
            return Ok(t);
        }
    }
    let name = slot.name.clone();
    edit(text, |v| {
        // `.../Policies[i]/PolicyDocument`: the entry also needs its name.
        if let [.., Seg::Key(list), Seg::Index(_), Seg::Key(last)] = slot.path.as_slice() {
            if list == "Policies" && last == "PolicyDocument" {
                let entry = get_or_create(v, slot.path.get(..slot.path.len() - 1)?)?;
                let obj = entry.as_object_mut()?;
                if !obj.contains_key("PolicyName") {
                    obj.insert("PolicyName".into(), Value::String(if name.is_empty() { "InlinePolicy".into() } else { name }));
                }
            }
        }
        *get_or_create(v, &slot.path)? = Value::String(new.to_string());
        Some(())
    })
}

/// The policy fields of a scenario document, for [`normalize`].
fn policy_paths(doc: &Value) -> Vec<Path> {
    let mut out = Vec::new();
    let list = |k: &str| doc.get(k).and_then(Value::as_array).map(Vec::len).unwrap_or(0);
    let mut add = |p: Path| {
        if get(doc, &p).is_some_and(Value::is_object) {
            out.push(p);
        }
    };
    for (entity, fields, inline) in [
        ("Users", &["PermissionsBoundary"][..], true),
        ("Groups", &[][..], true),
        ("Roles", &["AssumeRolePolicyDocument", "PermissionsBoundary"][..], true),
        ("Resources", &["Policy"][..], false),
        ("ServiceControlPolicies", &["PolicyDocument"][..], false),
        ("Steps", &["Policy"][..], false),
    ] {
        for i in 0..list(entity) {
            for f in fields {
                add(vec![key(entity), Seg::Index(i), key(f)]);
            }
            if inline {
                let n = get(doc, &[key(entity), Seg::Index(i), key("Policies")]).and_then(Value::as_array).map(Vec::len).unwrap_or(0);
                for j in 0..n {
                    add(vec![key(entity), Seg::Index(i), key("Policies"), Seg::Index(j), key("PolicyDocument")]);
                }
            }
        }
    }
    out
}

/// Turns policies written as JSON objects into the string form (same
/// meaning, and editor positions then point into the policy's own text).
/// Text with no object-form policy is returned unchanged.
pub fn normalize(text: &str) -> String {
    let Ok(mut v) = serde_json::from_str::<Value>(text) else { return text.to_string() };
    let paths = policy_paths(&v);
    if paths.is_empty() {
        return text.to_string();
    }
    for p in &paths {
        if let Some(slot) = get_or_create(&mut v, p) {
            let s = serde_json::to_string_pretty(slot).unwrap_or_default();
            *slot = Value::String(s);
        }
    }
    serde_json::to_string_pretty(&v).unwrap_or_else(|_| text.to_string())
}
