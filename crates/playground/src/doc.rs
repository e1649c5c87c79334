//! Edits to the scenario document. The scenario's JSON text is the one
//! source of truth; every edit the page makes is an edit of that text.
//!
//! The text is parsed once per change with the engine's span-keeping parser
//! (`sts::scenario::parse_document`), which keeps duplicate keys, so the page
//! reports them exactly as the CLI does. Typing in a policy editor replaces
//! just that policy's string literal in the text ([`splice_string`]), so the
//! rest of the document keeps the author's layout byte for byte. Structural
//! edits (the people form, a new policy) change the parsed tree and print it
//! indented ([`edit`]). Paths are [`JsonPath`]s, as in the loader's errors.

use policy::json::{self, Kind, Member, Value};
use policy::path::{JsonPath, Seg};
use sts::schema::key::{EN, POLICIES, POLICY_DOCUMENT, POLICY_NAME, TITLE};

/// The value at `p` (see [`JsonPath::lookup`]).
pub fn get<'a>(v: &'a Value, p: &JsonPath) -> Option<&'a Value> {
    p.lookup(v)
}

/// The value at `p`, creating objects and arrays on the way (an index one
/// past the end appends; a `null` is replaced).
pub fn get_or_create<'a>(v: &'a mut Value, p: &JsonPath) -> Option<&'a mut Value> {
    let segs = p.segments();
    let mut cur = v;
    for (n, seg) in segs.iter().enumerate() {
        let next_is_index = matches!(segs.get(n + 1), Some(Seg::Index(_)));
        let fresh = || Value::new(if next_is_index { Kind::Array(Vec::new()) } else { Kind::Object(Vec::new()) });
        cur = match seg {
            Seg::Key(k) => {
                if cur.get(k).is_none_or(|x| matches!(x.kind, Kind::Null)) {
                    cur.set(k, fresh())?;
                }
                cur.get_mut(k)?
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

/// Parses, edits and prints the document indented.
pub fn edit(text: &str, f: impl FnOnce(&mut Value) -> Option<()>) -> Result<String, String> {
    let mut v = json::parse(text).map_err(|e| e.message)?;
    f(&mut v).ok_or_else(|| "the scenario does not have the expected shape".to_string())?;
    Ok(v.to_pretty_text())
}

/// Replaces the string at `p` with `new`, leaving every other byte of the
/// text as it was. `None` when `p` is not a string in `root` (the parsed
/// `text`).
pub fn splice_string(text: &str, root: &Value, p: &JsonPath, new: &str) -> Option<String> {
    let cur = get(root, p)?;
    cur.as_str()?;
    let (start, end) = (usize::try_from(cur.span.start).ok()?, usize::try_from(cur.span.end).ok()?);
    let mut out = String::with_capacity(text.len() + new.len());
    out.push_str(text.get(..start)?);
    json::escape_string(new, &mut out);
    out.push_str(text.get(end..)?);
    Some(out)
}

/// A bilingual text (`{"en", "ja"}` or a plain string) in `lang`.
pub fn text_in(v: Option<&Value>, lang: &str) -> String {
    match v {
        Some(t) => match t.as_str() {
            Some(s) => s.to_string(),
            None => t.get(lang).or_else(|| t.get(EN)).and_then(Value::as_str).unwrap_or("").to_string(),
        },
        None => String::new(),
    }
}

/// The document's `Title` in `lang`.
pub fn title(doc: &Value, lang: &str) -> String {
    text_in(doc.get(TITLE), lang)
}

/// Where a policy editor's text lives in the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slot {
    pub path: JsonPath,
    /// `PolicyName`, or the document's key (`AssumeRolePolicyDocument`, ...).
    pub name: String,
    pub text: String,
    /// False for a policy that does not exist yet (typing creates it).
    pub exists: bool,
}

/// The text of a policy value: a string as is, an object indented.
pub fn policy_text(v: &Value) -> String {
    match &v.kind {
        Kind::String(s) => s.clone(),
        Kind::Null => String::new(),
        _ => v.to_pretty_text(),
    }
}

/// The slot at `path` (existing or not).
pub fn slot_at(doc: &Value, path: JsonPath, name: &str) -> Slot {
    match get(doc, &path) {
        Some(v) if !matches!(v.kind, Kind::Null) => Slot { text: policy_text(v), exists: true, name: name.to_string(), path },
        _ => Slot { text: String::new(), exists: false, name: name.to_string(), path },
    }
}

/// The inline policies (`Policies`) of the entity at `owner`, or one empty
/// slot to create the first.
pub fn inline_slots(doc: &Value, owner: &JsonPath) -> Vec<Slot> {
    let base = owner.key(POLICIES);
    let list = get(doc, &base).and_then(Value::as_array).map_or(0, <[Value]>::len);
    let mut out: Vec<Slot> = (0..list)
        .map(|i| {
            let entry = base.index(i);
            let name = get(doc, &entry).and_then(|x| x.get(POLICY_NAME)).and_then(Value::as_str).unwrap_or("").to_string();
            slot_at(doc, entry.key(POLICY_DOCUMENT), &name)
        })
        .collect();
    if out.is_empty() {
        out.push(Slot { path: base.index(0).key(POLICY_DOCUMENT), name: "InlinePolicy".into(), text: String::new(), exists: false });
    }
    out
}

/// Writes `new` into the slot: a splice when the policy exists as a
/// string, otherwise a structural edit that creates it. `root` is the
/// parsed `text`, when it parses.
pub fn set_policy(text: &str, root: Option<&Value>, slot: &Slot, new: &str) -> Result<String, String> {
    if slot.exists {
        if let Some(t) = root.and_then(|r| splice_string(text, r, &slot.path, new)) {
            return Ok(t);
        }
    }
    let name = slot.name.clone();
    edit(text, |v| {
        // `.../Policies[i]/PolicyDocument`: the entry also needs its name.
        if let [.., Seg::Key(list), Seg::Index(_), Seg::Key(last)] = slot.path.segments() {
            if list == POLICIES && last == POLICY_DOCUMENT {
                let entry = get_or_create(v, &slot.path.parent()?)?;
                if entry.get(POLICY_NAME).is_none() {
                    entry.set(POLICY_NAME, Value::string(if name.is_empty() { "InlinePolicy".into() } else { name }))?;
                }
            }
        }
        *get_or_create(v, &slot.path)? = Value::string(new);
        Some(())
    })
}

/// Turns policies written as JSON objects into the string form (same
/// meaning, and editor positions then point into the policy's own text).
/// Text with no object-form policy, or that is not JSON, is returned
/// unchanged.
pub fn normalize(text: &str) -> String {
    let Ok(mut v) = json::parse(text) else { return text.to_string() };
    let paths: Vec<JsonPath> = sts::schema::policy_fields(&v)
        .into_iter()
        .filter(|f| get(&v, &f.path).is_some_and(|p| matches!(p.kind, Kind::Object(_))))
        .map(|f| f.path)
        .collect();
    if paths.is_empty() {
        return text.to_string();
    }
    for p in &paths {
        if let Some(slot) = get_or_create(&mut v, p) {
            *slot = Value::string(slot.to_pretty_text());
        }
    }
    v.to_pretty_text()
}

/// A new member for an object built in code.
pub fn member(key: &str, value: Value) -> Member {
    Member { key: key.to_string(), key_span: policy::Span::default(), value }
}
