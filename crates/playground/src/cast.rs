//! The people in the story at the step on screen: who calls, which role,
//! and the policies the editors show. Worked out from the JSON document
//! itself, so the editors keep working while a policy does not parse.

use policy::json::{Kind, Value};
use policy::path::JsonPath;
use sts::schema::key::{
    ACTION, ARN, ASSUME_ROLE_POLICY_DOCUMENT, AWS, CALLER, CONTEXT, DURATION_SECONDS, EXTERNAL_ID, FEDERATED, PERMISSIONS_BOUNDARY, POLICY,
    POLICY_DOCUMENT, POLICY_NAME, RESOURCE, RESOURCES, ROLES, ROLE_ARN, ROLE_SESSION_NAME, SERVICE, SERVICE_CONTROL_POLICIES, SESSION,
    STEPS, USERS,
};

use crate::doc::{self, get, inline_slots, member, slot_at, Slot};

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
    doc.get(STEPS).and_then(Value::as_array).unwrap_or_default()
}

fn as_index(v: &Value) -> Option<usize> {
    v.as_number_str()?.parse::<usize>().ok()
}

fn is_assume(step: &Value) -> bool {
    step.get(ROLE_ARN).is_some() || step.get(ACTION).and_then(Value::as_str).is_some_and(|a| a.starts_with("sts:AssumeRole"))
}

fn session_of(step: &Value) -> Option<usize> {
    step.get(CALLER).and_then(|c| c.get(SESSION)).and_then(as_index)
}

fn index_by_arn(doc: &Value, list: &str, arn: &str) -> Option<usize> {
    doc.get(list).and_then(Value::as_array)?.iter().position(|x| x.get(ARN).and_then(Value::as_str) == Some(arn))
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
    let Some(caller) = steps(doc).get(step).and_then(|s| s.get(CALLER)) else { return Who::Nobody };
    if let Some(arn) = caller.get(AWS).and_then(Value::as_str) {
        return index_by_arn(doc, USERS, arn).map_or_else(|| Who::UnknownUser(arn.to_string()), Who::User);
    }
    if let Some(s) = caller.get(SERVICE).and_then(Value::as_str) {
        return Who::Service(s.to_string());
    }
    if let Some(k) = caller.get(SESSION).and_then(as_index) {
        return Who::Session(k);
    }
    if let Some(f) = caller.get(FEDERATED).and_then(Value::as_str) {
        return Who::Federated(f.to_string());
    }
    Who::Nobody
}

/// The `Arn` of entry `i` of `Users` or `Roles` in the document.
pub fn entity_arn(doc: &Value, list: &str, i: usize) -> Option<String> {
    doc.get(list)?.as_array()?.get(i)?.get(ARN)?.as_str().map(str::to_string)
}

/// `RoleA/alice`: the role and session name an AssumeRole step asks for.
pub fn session_label(doc: &Value, step: usize) -> String {
    let st = steps(doc).get(step);
    let role = st.and_then(|s| s.get(ROLE_ARN)).and_then(Value::as_str).map(|a| a.rsplit('/').next().unwrap_or(a)).unwrap_or("?");
    match st.and_then(|s| s.get(ROLE_SESSION_NAME)).and_then(Value::as_str) {
        Some(n) => format!("{role}/{n}"),
        None => role.to_string(),
    }
}

fn role_of(doc: &Value, step: usize) -> Option<usize> {
    let arn = steps(doc).get(step)?.get(ROLE_ARN)?.as_str()?;
    index_by_arn(doc, ROLES, arn)
}

/// The people and policies around step `focus` (`None`: before the walk).
pub fn cast(doc: &Value, focus: Option<usize>) -> Cast {
    // A call made with a user's own long-term credentials is about that
    // user, not about the role of an earlier AssumeRole.
    let direct = focus
        .and_then(|f| steps(doc).get(f))
        .filter(|st| !is_assume(st))
        .and_then(|st| st.get(CALLER)?.get(AWS)?.as_str())
        .map(|arn| index_by_arn(doc, USERS, arn).map_or_else(|| Who::UnknownUser(arn.to_string()), Who::User));
    let step = if direct.is_some() { None } else { assume_step_for(doc, focus) };
    let who = match direct {
        Some(w) => w,
        None => step.map_or(Who::Nobody, |k| who(doc, k)),
    };
    // The role keeps its place on screen for context (the last one assumed).
    let mut role = step.or_else(|| assume_step_for(doc, focus)).and_then(|k| role_of(doc, k));
    if role.is_none() && doc.get(ROLES).and_then(Value::as_array).is_some_and(|r| !r.is_empty()) && step.is_none() {
        role = Some(0);
    }
    // With no AssumeRole at all, the caller of the focus step is the user.
    let who = match (&who, focus) {
        (Who::Nobody, Some(f)) => match steps(doc).get(f).and_then(|s| s.get(CALLER)).and_then(|c| c.get(AWS)).and_then(Value::as_str) {
            Some(arn) => index_by_arn(doc, USERS, arn).map_or_else(|| Who::UnknownUser(arn.to_string()), Who::User),
            None => who,
        },
        _ => who,
    };
    let identity = match &who {
        Who::User(u) => inline_slots(doc, &JsonPath::root().key(USERS).index(*u)),
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
            role_of(doc, k).map(|r| inline_slots(doc, &JsonPath::root().key(ROLES).index(r))).unwrap_or_default()
        }
        _ => Vec::new(),
    };
    let role_path = |r: usize| JsonPath::root().key(ROLES).index(r);
    let trust = role.map(|r| slot_at(doc, role_path(r).key(ASSUME_ROLE_POLICY_DOCUMENT), ASSUME_ROLE_POLICY_DOCUMENT));
    let permissions = role.map(|r| inline_slots(doc, &role_path(r))).unwrap_or_default();

    let mut extras = Vec::new();
    let mut extra = |kind: Extra, p: JsonPath, name: &str| {
        let s = slot_at(doc, p, name);
        if s.exists {
            extras.push((kind, s));
        }
    };
    if let Some(r) = role {
        extra(Extra::RoleBoundary, role_path(r).key(PERMISSIONS_BOUNDARY), PERMISSIONS_BOUNDARY);
    }
    if let Who::User(u) = who {
        extra(Extra::UserBoundary, JsonPath::root().key(USERS).index(u).key(PERMISSIONS_BOUNDARY), PERMISSIONS_BOUNDARY);
    }
    if let Some(k) = step {
        extra(Extra::SessionPolicy, JsonPath::root().key(STEPS).index(k).key(POLICY), POLICY);
    }
    // The resource policy of the resource the focus call is made on.
    let resource = focus.and_then(|f| steps(doc).get(f)).and_then(|s| s.get(RESOURCE)).and_then(Value::as_str);
    if let (Some(res), Some(list)) = (resource, doc.get(RESOURCES).and_then(Value::as_array)) {
        let hit = list.iter().position(|x| {
            x.get(ARN).and_then(Value::as_str).is_some_and(|a| res == a || res.strip_prefix(a).is_some_and(|rest| rest.starts_with('/')))
        });
        if let Some(i) = hit {
            extra(Extra::ResourcePolicy, JsonPath::root().key(RESOURCES).index(i).key(POLICY), POLICY);
        }
    }
    let scps = doc.get(SERVICE_CONTROL_POLICIES).and_then(Value::as_array).map_or(0, <[Value]>::len);
    for i in 0..scps {
        let at = JsonPath::root().key(SERVICE_CONTROL_POLICIES).index(i);
        let name = get(doc, &at.key(POLICY_NAME)).and_then(Value::as_str).unwrap_or("SCP").to_string();
        extra(Extra::Scp, at.key(POLICY_DOCUMENT), &name);
    }
    Cast { step, who, role, identity, trust, permissions, extras }
}

/// Who calls, as the people form sets it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallerField {
    /// `{"AWS": arn}`: an IAM user.
    User(String),
    /// `{"Service": name}`.
    Service(String),
    /// `{"Session": n}`: the credentials of AssumeRole step `n`.
    Session(usize),
    /// `{"Federated": provider}`.
    Federated(String),
}

impl CallerField {
    fn to_value(&self) -> Value {
        let (k, v) = match self {
            CallerField::User(a) => (AWS, Value::string(a.as_str())),
            CallerField::Service(s) => (SERVICE, Value::string(s.as_str())),
            CallerField::Session(n) => (SESSION, Value::new(Kind::Number(n.to_string()))),
            CallerField::Federated(p) => (FEDERATED, Value::string(p.as_str())),
        };
        Value::new(Kind::Object(vec![member(k, v)]))
    }
}

/// A field of the people form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Field {
    Caller(CallerField),
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

/// `aws:MultiFactorAuthPresent`, which the MFA box sets.
pub const MFA_PRESENT: &str = "aws:MultiFactorAuthPresent";
const MFA_AGE: &str = "aws:MultiFactorAuthAge";

/// Applies a people-form edit to AssumeRole step `step`.
pub fn set_field(text: &str, step: usize, field: &Field) -> Result<String, String> {
    doc::edit(text, |v| {
        if let Field::NewUser { account, name } = field {
            let arn = format!("arn:aws:iam::{account}:user/{name}");
            if index_by_arn(v, USERS, &arn).is_none() {
                let users = doc::get_or_create(v, &JsonPath::root().key(USERS))?.as_array_mut()?;
                users.push(Value::new(Kind::Object(vec![member(ARN, Value::string(arn.as_str()))])));
            }
            let st = v.get_mut(STEPS)?.as_array_mut()?.get_mut(step)?;
            return st.set(CALLER, CallerField::User(arn).to_value());
        }
        let st = v.get_mut(STEPS)?.as_array_mut()?.get_mut(step)?;
        st.as_object_mut()?;
        let mut put = |k: &str, val: Option<Value>| match val {
            Some(x) => {
                st.set(k, x);
            }
            None => st.remove(k),
        };
        match field {
            Field::Caller(c) => put(CALLER, Some(c.to_value())),
            Field::RoleArn(a) => put(ROLE_ARN, Some(Value::string(a.as_str()))),
            Field::SessionName(n) => put(ROLE_SESSION_NAME, (!n.is_empty()).then(|| Value::string(n.as_str()))),
            Field::Duration(d) => {
                let t = d.trim();
                let v = if t.is_empty() {
                    None
                } else {
                    // Keep what was typed even when it is not a number: the
                    // loader then says where and why.
                    Some(match t.parse::<i64>() {
                        Ok(n) => Value::new(Kind::Number(n.to_string())),
                        Err(_) => Value::string(t),
                    })
                };
                put(DURATION_SECONDS, v);
            }
            Field::ExternalId(x) => put(EXTERNAL_ID, (!x.is_empty()).then(|| Value::string(x.as_str()))),
            Field::Mfa(on) => {
                if st.get(CONTEXT).is_none_or(|c| c.as_object().is_none()) {
                    st.set(CONTEXT, Value::new(Kind::Object(Vec::new())));
                }
                let ctx = st.get_mut(CONTEXT)?;
                if *on {
                    ctx.set(MFA_PRESENT, Value::new(Kind::Bool(true)));
                } else {
                    ctx.remove(MFA_PRESENT);
                    ctx.remove(MFA_AGE);
                }
                if ctx.as_object().is_some_and(<[policy::json::Member]>::is_empty) {
                    st.remove(CONTEXT);
                }
            }
            Field::NewUser { .. } => {}
        }
        Some(())
    })
}

impl CallerField {
    /// The value of this caller's `<option>` in the people form.
    pub fn option_value(&self) -> String {
        match self {
            CallerField::User(a) => format!("AWS|{a}"),
            CallerField::Service(x) => format!("Service|{x}"),
            CallerField::Session(k) => format!("Session|{k}"),
            CallerField::Federated(x) => format!("Federated|{x}"),
        }
    }

    /// The caller an `<option>` value stands for.
    pub fn from_option_value(v: &str) -> Option<CallerField> {
        let (k, x) = v.split_once('|')?;
        Some(match k {
            "AWS" => CallerField::User(x.to_string()),
            "Service" => CallerField::Service(x.to_string()),
            "Session" => CallerField::Session(x.parse().ok()?),
            "Federated" => CallerField::Federated(x.to_string()),
            _ => return None,
        })
    }
}

/// What the people form shows for AssumeRole step `step`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeopleForm {
    pub step: usize,
    /// Who calls now.
    pub caller: Option<CallerField>,
    pub role_arn: String,
    /// The ARNs of `Users` and `Roles`.
    pub users: Vec<String>,
    pub roles: Vec<String>,
    /// Earlier AssumeRole steps (their sessions can call: role chaining).
    pub earlier: Vec<usize>,
    /// Service principals to choose from (the caller's own included).
    pub services: Vec<String>,
    pub session_name: String,
    pub duration: String,
    pub external_id: String,
    pub mfa: bool,
}

fn arns(doc: &Value, list: &str) -> Vec<String> {
    doc.get(list).and_then(Value::as_array).unwrap_or_default().iter().filter_map(|x| x.get(ARN)?.as_str().map(str::to_string)).collect()
}

/// The people form of the cast's AssumeRole step, if there is one.
pub fn people_form(doc: &Value, cast: &Cast) -> Option<PeopleForm> {
    let step = cast.step?;
    let st = steps(doc).get(step);
    // A field as typed (a number stays its digits; anything else its JSON text).
    let text = |k: &str| {
        st.and_then(|x| x.get(k))
            .map(|v| v.as_str().map_or_else(|| v.as_number_str().map_or_else(|| v.to_json_text(), str::to_string), str::to_string))
    };
    let users = arns(doc, USERS);
    let caller = match &cast.who {
        Who::User(i) => users.get(*i).cloned().map(CallerField::User),
        Who::UnknownUser(a) => Some(CallerField::User(a.clone())),
        Who::Service(x) => Some(CallerField::Service(x.clone())),
        Who::Session(k) => Some(CallerField::Session(*k)),
        Who::Federated(x) => Some(CallerField::Federated(x.clone())),
        Who::Nobody => None,
    };
    let mut services: Vec<String> = ["lambda.amazonaws.com", "ec2.amazonaws.com", "ecs-tasks.amazonaws.com"].map(str::to_string).to_vec();
    if let Who::Service(x) = &cast.who {
        if !services.contains(x) {
            services.push(x.clone());
        }
    }
    let mfa = st.and_then(|x| x.get(CONTEXT)).and_then(|c| c.get(MFA_PRESENT)).and_then(Value::as_bool) == Some(true);
    Some(PeopleForm {
        step,
        caller,
        role_arn: text(ROLE_ARN).unwrap_or_default(),
        users,
        roles: arns(doc, ROLES),
        earlier: steps(doc).iter().take(step).enumerate().filter(|(_, x)| x.get(ROLE_ARN).is_some()).map(|(i, _)| i).collect(),
        services,
        session_name: text(ROLE_SESSION_NAME).unwrap_or_default(),
        duration: text(DURATION_SECONDS).unwrap_or_default(),
        external_id: text(EXTERNAL_ID).unwrap_or_default(),
        mfa,
    })
}
