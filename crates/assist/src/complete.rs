//! Completion in a policy editor: what may be typed at the caret, from the
//! IAM catalogue. Inside the string after `"Action": "` (or in its list):
//! service prefixes, then that service's actions; a key inside
//! `"Condition": {`: the condition operators; a key inside an operator's
//! block: the global condition keys and those of the statement's actions;
//! inside a `Resource` string: the ARN templates of the statement's actions
//! (partition `aws`, the other `${…}` placeholders left to fill in).
//!
//! The context is read by one pass over the text before the caret (strings,
//! objects, arrays, the keys they sit under), so half-typed, invalid JSON
//! works; it costs time linear in the text.

use catalogue::Catalogue;
use catalogue::KeyType;
use policy::OpKind;

/// At most this many items are offered.
pub const MAX_ITEMS: usize = 60;

/// One thing that may be typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// What replaces the text typed so far.
    pub insert: String,
    /// A short note: an action's access level, a key's type, a resource type.
    pub detail: String,
}

/// What to offer at the caret: replace `from..caret` (bytes of the text)
/// with one of `items`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    pub from: usize,
    pub items: Vec<Item>,
}

#[derive(Default)]
struct Frame {
    array: bool,
    /// The key this object or array is the value of.
    key: Option<String>,
    /// In an object: the next string is a key.
    expecting_key: bool,
    /// In an object: the key of the member being read.
    last_key: Option<String>,
    /// The actions named so far in this object (a statement).
    actions: Vec<String>,
}

/// Where the caret is, read from the text before it.
enum Place {
    /// Inside a key string of an object that is the value of `parent`
    /// (and `grandparent`'s child).
    Key { parent: Option<String>, grandparent: Option<String> },
    /// Inside a value string under `key`.
    Value { key: Option<String> },
}

/// What may be typed at byte `caret` of `text` (a policy); `None` when the
/// caret is not in a place completion knows, or nothing fits.
pub fn complete(text: &str, caret: usize, cat: &Catalogue) -> Option<Completion> {
    let before = text.get(..caret)?;
    let (from, prefix, place, actions) = scan(before)?;
    let items = match place {
        Place::Value { key: Some(k) } if k == "Action" || k == "NotAction" => actions_for(cat, prefix),
        Place::Key { parent: Some(p), .. } if p == "Condition" => operators(prefix),
        Place::Key { grandparent: Some(g), .. } if g == "Condition" => keys(cat, prefix, &actions),
        Place::Value { key: Some(k) } if k == "Resource" || k == "NotResource" => arns(cat, prefix, &actions),
        _ => return None,
    };
    (!items.is_empty()).then_some(Completion { from, items })
}

/// The start of the string the caret is in, what is typed in it so far,
/// where that string is, and the actions of the enclosing statement.
fn scan(before: &str) -> Option<(usize, &str, Place, Vec<String>)> {
    let b = before.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b.get(i).copied() {
            Some(b'"') => {
                let start = i + 1;
                let mut j = start;
                while j < b.len() && b.get(j) != Some(&b'"') {
                    j += if b.get(j) == Some(&b'\\') { 2 } else { 1 };
                }
                if j >= b.len() {
                    // The caret is in this string.
                    let prefix = before.get(start..)?;
                    if prefix.contains('\\') {
                        return None;
                    }
                    let top = stack.last()?;
                    let place = if !top.array && top.expecting_key {
                        let n = stack.len();
                        let grandparent = n.checked_sub(2).and_then(|k| stack.get(k)).and_then(|f| f.key.clone());
                        Place::Key { parent: top.key.clone(), grandparent }
                    } else if top.array {
                        Place::Value { key: top.key.clone() }
                    } else {
                        Place::Value { key: top.last_key.clone() }
                    };
                    let actions =
                        stack.iter().rev().find(|f| !f.array && !f.actions.is_empty()).map(|f| f.actions.clone()).unwrap_or_default();
                    return Some((start, prefix, place, actions));
                }
                let s = before.get(start..j).unwrap_or_default().to_string();
                read_string(&mut stack, s);
                i = j + 1;
                continue;
            }
            Some(c @ (b'{' | b'[')) => {
                let key = match stack.last() {
                    Some(f) if f.array => f.key.clone(),
                    Some(f) => f.last_key.clone(),
                    None => None,
                };
                stack.push(Frame { array: c == b'[', key, expecting_key: c == b'{', ..Frame::default() });
            }
            Some(b'}' | b']') => {
                stack.pop();
            }
            Some(b',') => {
                if let Some(f) = stack.last_mut().filter(|f| !f.array) {
                    f.expecting_key = true;
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

fn read_string(stack: &mut [Frame], s: String) {
    let n = stack.len();
    let Some(top) = stack.last_mut() else { return };
    if !top.array && top.expecting_key {
        top.last_key = Some(s);
        top.expecting_key = false;
        return;
    }
    let key = if top.array { top.key.clone() } else { top.last_key.clone() };
    if matches!(key.as_deref(), Some("Action" | "NotAction")) {
        // The statement is the object holding `Action` (or its list).
        let at = if top.array { n.checked_sub(2) } else { n.checked_sub(1) };
        if let Some(f) = at.and_then(|k| stack.get_mut(k)) {
            f.actions.push(s);
        }
    }
}

fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.get(..prefix.len()).is_some_and(|h| h.eq_ignore_ascii_case(prefix))
}

fn actions_for(cat: &Catalogue, prefix: &str) -> Vec<Item> {
    match prefix.split_once(':') {
        Some((service, name)) => cat
            .service(service)
            .map(|s| {
                s.actions_with_prefix(name)
                    .take(MAX_ITEMS)
                    .map(|a| Item { insert: format!("{}:{}", s.prefix(), a.name()), detail: a.access_level().as_str().to_string() })
                    .collect()
            })
            .unwrap_or_default(),
        None => cat
            .services_with_prefix(prefix)
            .take(MAX_ITEMS)
            .map(|s| Item { insert: format!("{}:", s.prefix()), detail: s.name().to_string() })
            .collect(),
    }
}

fn operators(prefix: &str) -> Vec<Item> {
    let mut out = Vec::new();
    for qualifier in ["", "ForAnyValue:", "ForAllValues:"] {
        for k in OpKind::ALL {
            for if_exists in [false, true] {
                if if_exists && k == OpKind::Null {
                    continue;
                }
                let name = format!("{qualifier}{}{}", k.name(), if if_exists { "IfExists" } else { "" });
                if starts_with_ignore_case(&name, prefix) {
                    out.push(Item { insert: name, detail: String::new() });
                }
            }
        }
    }
    out.truncate(MAX_ITEMS);
    out
}

fn keys(cat: &Catalogue, prefix: &str, actions: &[String]) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::new();
    let mut add = |name: &str, detail: &str| {
        if starts_with_ignore_case(name, prefix) && !out.iter().any(|i| i.insert == name) && out.len() < MAX_ITEMS {
            out.push(Item { insert: name.to_string(), detail: detail.to_string() });
        }
    };
    // The statement's own keys first, then the global ones.
    for a in actions {
        for k in cat.keys_for_action(a).unwrap_or_default() {
            add(k.name(), &key_type(k.key_type()));
        }
    }
    for k in cat.global_condition_keys() {
        add(k.name(), &key_type(k.key_type()));
    }
    out
}

fn arns(cat: &Catalogue, prefix: &str, actions: &[String]) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::new();
    for a in actions {
        for r in cat.resource_types_for(a).into_iter().flatten() {
            let t = r.resource_type();
            // The commercial partition written out; the other placeholders
            // (`${Account}`, `${RoleNameWithPath}`) are the learner's to fill.
            let arn = t.arn_template().replacen("${Partition}", "aws", 1);
            if starts_with_ignore_case(&arn, prefix) && !out.iter().any(|i| i.insert == arn) && out.len() < MAX_ITEMS {
                out.push(Item { insert: arn, detail: t.name().to_string() });
            }
        }
    }
    out
}

/// `String`, or `ArrayOfString` for a multivalued key, as AWS writes types.
fn key_type(t: KeyType) -> String {
    if t.multivalued {
        format!("ArrayOf{}", t.value.as_str())
    } else {
        t.value.as_str().to_string()
    }
}
