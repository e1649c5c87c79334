//! The people in the story at the step on screen: who calls, which role,
//! and the policies the editors show. Worked out from the JSON document
//! itself, so the editors keep working while a policy does not parse.

use serde_json::{json, Value};

use crate::doc::{self, get, inline_slots, key, slot_at, Path, Seg, Slot};

/// Who makes the AssumeRole request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Who {
    /// An IAM user (index into `Users`).
    User(usize),
    /// A user ARN that the document does not define.
    UnknownUser(String),
    Service(String),
    /// The credentials of an earlier AssumeRole step (role chaining).
    Session(usize),
    Federated(String),
    Nobody,
}

/// The other policies "a click away".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Extra {
    RoleBoundary,
    UserBoundary,
    SessionPolicy,
    ResourcePolicy,
    Scp,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cast {
    /// The AssumeRole step the people form edits.
    pub step: Option<usize>,
    pub who: Who,
    /// Index into `Roles` of the role being assumed.
    pub role: Option<usize>,
    /// The caller's identity policies (a user's, or for a chained session
    /// the first role's permission policies). Empty for a service.
    pub identity: Vec<Slot>,
    pub trust: Option<Slot>,
    pub permissions: Vec<Slot>,
    pub extras: Vec<(Extra, Slot)>,
}

impl Cast {
    /// The AWS service (or identity provider) that calls, if it is one.
    pub fn service(&self) -> Option<&str> {
        match &self.who {
            Who::Service(x) | Who::Federated(x) => Some(x),
            _ => None,
        }
    }
}

fn steps(doc: &Value) -> &[Value] {
    doc.get("Steps").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[])
}

fn is_assume(step: &Value) -> bool {
    step.get("RoleArn").is_some() || step.get("Action").and_then(Value::as_str).is_some_and(|a| a.starts_with("sts:AssumeRole"))
}

fn session_of(step: &Value) -> Option<usize> {
    step.get("Caller").and_then(|c| c.get("Session")).and_then(Value::as_u64).and_then(|n| usize::try_from(n).ok())
}

fn index_by_arn(doc: &Value, list: &str, arn: &str) -> Option<usize> {
    doc.get(list).and_then(Value::as_array)?.iter().position(|x| x.get("Arn").and_then(Value::as_str) == Some(arn))
}

/// The AssumeRole step that the step `focus` is about.
pub fn assume_step_for(doc: &Value, focus: Option<usize>) -> Option<usize> {
    let all = steps(doc);
    let first = || all.iter().position(is_assume);
    let Some(f) = focus else { return first() };
    let step = all.get(f)?;
    if is_assume(step) {
        return Some(f);
    }
    if let Some(k) = session_of(step) {
        if all.get(k).is_some_and(is_assume) {
            return Some(k);
        }
    }
    all.iter().take(f).rposition(is_assume).or_else(first)
}

pub fn who(doc: &Value, step: usize) -> Who {
    let Some(caller) = steps(doc).get(step).and_then(|s| s.get("Caller")) else { return Who::Nobody };
    if let Some(arn) = caller.get("AWS").and_then(Value::as_str) {
        return index_by_arn(doc, "Users", arn).map_or_else(|| Who::UnknownUser(arn.to_string()), Who::User);
    }
    if let Some(s) = caller.get("Service").and_then(Value::as_str) {
        return Who::Service(s.to_string());
    }
    if let Some(k) = caller.get("Session").and_then(Value::as_u64).and_then(|n| usize::try_from(n).ok()) {
        return Who::Session(k);
    }
    if let Some(f) = caller.get("Federated").and_then(Value::as_str) {
        return Who::Federated(f.to_string());
    }
    Who::Nobody
}

/// The `Arn` of entry `i` of `Users` or `Roles` in the document.
pub fn entity_arn(doc: &Value, list: &str, i: usize) -> Option<String> {
    doc.get(list)?.get(i)?.get("Arn")?.as_str().map(str::to_string)
}

/// `RoleA/alice`: the role and session name an AssumeRole step asks for.
pub fn session_label(doc: &Value, step: usize) -> String {
    let st = steps(doc).get(step);
    let role = st.and_then(|s| s.get("RoleArn")).and_then(Value::as_str).map(|a| a.rsplit('/').next().unwrap_or(a)).unwrap_or("?");
    match st.and_then(|s| s.get("RoleSessionName")).and_then(Value::as_str) {
        Some(n) => format!("{role}/{n}"),
        None => role.to_string(),
    }
}

fn role_of(doc: &Value, step: usize) -> Option<usize> {
    let arn = steps(doc).get(step)?.get("RoleArn")?.as_str()?;
    index_by_arn(doc, "Roles", arn)
}

/// The people and policies around step `focus` (`None`: before the walk).
pub fn cast(doc: &Value, focus: Option<usize>) -> Cast {
    // A call made with a user's own long-term credentials is about that
    // user, not about the role of an earlier AssumeRole.
    let direct = focus
        .and_then(|f| steps(doc).get(f))
        .filter(|st| !is_assume(st))
        .and_then(|st| st.get("Caller")?.get("AWS")?.as_str())
        .map(|arn| index_by_arn(doc, "Users", arn).map_or_else(|| Who::UnknownUser(arn.to_string()), Who::User));
    let step = if direct.is_some() { None } else { assume_step_for(doc, focus) };
    let who = match direct {
        Some(w) => w,
        None => step.map_or(Who::Nobody, |k| who(doc, k)),
    };
    // The role keeps its place on screen for context (the last one assumed).
    let mut role = step.or_else(|| assume_step_for(doc, focus)).and_then(|k| role_of(doc, k));
    if role.is_none() && doc.get("Roles").and_then(Value::as_array).is_some_and(|r| !r.is_empty()) && step.is_none() {
        role = Some(0);
    }
    // With no AssumeRole at all, the caller of the focus step is the user.
    let who = match (&who, focus) {
        (Who::Nobody, Some(f)) => match steps(doc).get(f).and_then(|s| s.get("Caller")).and_then(|c| c.get("AWS")) {
            Some(Value::String(arn)) => index_by_arn(doc, "Users", arn).map_or(Who::UnknownUser(arn.clone()), Who::User),
            _ => who,
        },
        _ => who,
    };
    let identity = match &who {
        Who::User(u) => inline_slots(doc, &[key("Users"), Seg::Index(*u)]),
        Who::Session(k) => {
            // Chaining: the caller is the earlier role's session.
            let mut k = *k;
            let mut guard = 0;
            while let Some(Who::Session(j)) = Some(self::who(doc, k)).filter(|_| guard < 64) {
                if role_of(doc, k).is_some() {
                    break;
                }
                k = j;
                guard += 1;
            }
            role_of(doc, k).map(|r| inline_slots(doc, &[key("Roles"), Seg::Index(r)])).unwrap_or_default()
        }
        _ => Vec::new(),
    };
    let role_path = |r: usize| -> Path { vec![key("Roles"), Seg::Index(r)] };
    let trust = role.map(|r| {
        let mut p = role_path(r);
        p.push(key("AssumeRolePolicyDocument"));
        slot_at(doc, p, "AssumeRolePolicyDocument")
    });
    let permissions = role.map(|r| inline_slots(doc, &role_path(r))).unwrap_or_default();

    let mut extras = Vec::new();
    let mut extra = |kind: Extra, p: Path, name: &str| {
        let s = slot_at(doc, p, name);
        if s.exists {
            extras.push((kind, s));
        }
    };
    if let Some(r) = role {
        extra(Extra::RoleBoundary, vec![key("Roles"), Seg::Index(r), key("PermissionsBoundary")], "PermissionsBoundary");
    }
    if let Who::User(u) = who {
        extra(Extra::UserBoundary, vec![key("Users"), Seg::Index(u), key("PermissionsBoundary")], "PermissionsBoundary");
    }
    if let Some(k) = step {
        extra(Extra::SessionPolicy, vec![key("Steps"), Seg::Index(k), key("Policy")], "Policy");
    }
    // The resource policy of the resource the focus call is made on.
    let resource = focus.and_then(|f| steps(doc).get(f)).and_then(|s| s.get("Resource")).and_then(Value::as_str);
    if let (Some(res), Some(list)) = (resource, doc.get("Resources").and_then(Value::as_array)) {
        let hit = list.iter().position(|x| {
            x.get("Arn").and_then(Value::as_str).is_some_and(|a| res == a || res.strip_prefix(a).is_some_and(|rest| rest.starts_with('/')))
        });
        if let Some(i) = hit {
            extra(Extra::ResourcePolicy, vec![key("Resources"), Seg::Index(i), key("Policy")], "Policy");
        }
    }
    let scps = doc.get("ServiceControlPolicies").and_then(Value::as_array).map(Vec::len).unwrap_or(0);
    for i in 0..scps {
        let name = get(doc, &[key("ServiceControlPolicies"), Seg::Index(i), key("PolicyName")]).and_then(Value::as_str).unwrap_or("SCP");
        let name = name.to_string();
        extra(Extra::Scp, vec![key("ServiceControlPolicies"), Seg::Index(i), key("PolicyDocument")], &name);
    }
    Cast { step, who, role, identity, trust, permissions, extras }
}

/// A field of the people form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Field {
    /// `{"AWS": arn}`, `{"Service": name}` or `{"Session": n}`.
    Caller(Value),
    RoleArn(String),
    SessionName(String),
    /// Empty text removes the field.
    Duration(String),
    ExternalId(String),
    Mfa(bool),
    /// A new IAM user (account, name) who becomes the caller.
    NewUser {
        account: String,
        name: String,
    },
}

/// Applies a people-form edit to AssumeRole step `step`.
pub fn set_field(text: &str, step: usize, field: &Field) -> Result<String, String> {
    doc::edit(text, |v| {
        if let Field::NewUser { account, name } = field {
            let arn = format!("arn:aws:iam::{account}:user/{name}");
            if index_by_arn(v, "Users", &arn).is_none() {
                let users = doc::get_or_create(v, &[key("Users")])?.as_array_mut()?;
                users.push(json!({"Arn": arn}));
            }
            let st = v.get_mut("Steps")?.get_mut(step)?.as_object_mut()?;
            st.insert("Caller".into(), json!({"AWS": arn}));
            return Some(());
        }
        let st = v.get_mut("Steps")?.get_mut(step)?.as_object_mut()?;
        let mut put = |k: &str, val: Option<Value>| match val {
            Some(x) => {
                st.insert(k.to_string(), x);
            }
            None => {
                st.shift_remove(k);
            }
        };
        match field {
            Field::Caller(c) => put("Caller", Some(c.clone())),
            Field::RoleArn(a) => put("RoleArn", Some(Value::String(a.clone()))),
            Field::SessionName(n) => put("RoleSessionName", (!n.is_empty()).then(|| Value::String(n.clone()))),
            Field::Duration(d) => {
                let t = d.trim();
                let v = if t.is_empty() {
                    None
                } else {
                    // Keep what was typed even when it is not a number: the
                    // loader then says where and why.
                    Some(t.parse::<i64>().map(Value::from).unwrap_or_else(|_| Value::String(t.to_string())))
                };
                put("DurationSeconds", v);
            }
            Field::ExternalId(x) => put("ExternalId", (!x.is_empty()).then(|| Value::String(x.clone()))),
            Field::Mfa(on) => {
                let ctx = st.entry("Context").or_insert_with(|| json!({}));
                let obj = ctx.as_object_mut()?;
                if *on {
                    obj.insert("aws:MultiFactorAuthPresent".into(), Value::Bool(true));
                } else {
                    obj.shift_remove("aws:MultiFactorAuthPresent");
                    obj.shift_remove("aws:MultiFactorAuthAge");
                }
                if obj.is_empty() {
                    st.shift_remove("Context");
                }
            }
            Field::NewUser { .. } => {}
        }
        Some(())
    })
}
