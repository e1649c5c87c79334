//! Scenario document → typed, validated [`Scenario`].
//!
//! The document is parsed with the engine's span-keeping JSON parser so that
//! every error names the JSON path of the offending value and its line and
//! column in the file, and, inside a policy, the line and column in that
//! policy's text. All errors are collected, not just the first.

use policy::arn::IamKind;
use policy::json::{self, Kind, Member, Value};
use policy::parse::{did_you_mean, non_whitespace_len, parse_policy, parse_policy_value};
use policy::{ContextValue, Diagnostic, LineIndex, Policy, PolicySource, PolicyType, Position, Span};

use crate::names;

/// The scenario format version this crate implements.
pub const FORMAT_VERSION: u32 = 1;
/// `Clock` when the document has none.
pub const DEFAULT_CLOCK: &str = "2026-01-01T00:00:00Z";

/// The longest jump of one clock step (100 years): keeps every time
/// computation far from overflow.
pub const MAX_ADVANCE: i64 = 100 * 365 * 86_400;
/// Steps in one scenario at most.
pub const MAX_STEPS: usize = 10_000;

/// Non-whitespace size quotas (IAM and STS quotas page).
pub const USER_INLINE_QUOTA: usize = 2_048;
pub const GROUP_INLINE_QUOTA: usize = 5_120;
pub const ROLE_INLINE_QUOTA: usize = 10_240;
pub const TRUST_QUOTA: usize = 2_048;
pub const MANAGED_QUOTA: usize = 6_144;
pub const SESSION_POLICY_QUOTA: usize = 2_048;

/// A title or note in English and (optionally) Japanese.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text {
    pub en: String,
    pub ja: Option<String>,
}

impl Text {
    /// The text in `lang` (`"ja"` or anything else for English).
    pub fn get(&self, lang: &str) -> &str {
        match (&self.ja, lang) {
            (Some(ja), "ja") => ja,
            _ => &self.en,
        }
    }
}

/// A parsed policy with its name and where it came from.
#[derive(Clone, Debug)]
pub struct PolicyDoc {
    pub name: String,
    pub source: PolicySource,
    pub policy: Policy,
    /// Non-whitespace characters (what the quotas count).
    pub size: usize,
    /// JSON path of the policy in the scenario.
    pub path: String,
}

#[derive(Clone, Debug)]
pub struct Tag {
    pub key: String,
    pub value: String,
}

#[derive(Clone, Debug)]
pub struct User {
    pub arn: String,
    pub account: String,
    pub name: String,
    pub policies: Vec<PolicyDoc>,
    /// Indexes into [`Scenario::groups`].
    pub groups: Vec<usize>,
    pub boundary: Option<PolicyDoc>,
    pub tags: Vec<Tag>,
}

#[derive(Clone, Debug)]
pub struct Group {
    pub arn: String,
    pub name: String,
    pub policies: Vec<PolicyDoc>,
}

#[derive(Clone, Debug)]
pub struct Role {
    pub arn: String,
    pub account: String,
    pub name: String,
    pub trust: PolicyDoc,
    pub policies: Vec<PolicyDoc>,
    pub max_session_duration: i64,
    pub boundary: Option<PolicyDoc>,
    pub tags: Vec<Tag>,
}

#[derive(Clone, Debug)]
pub struct InstanceProfile {
    pub arn: String,
    pub name: String,
    /// Index into [`Scenario::roles`] (an instance profile holds one role).
    pub role: Option<usize>,
}

#[derive(Clone, Debug)]
pub struct Resource {
    pub arn: String,
    pub account: String,
    pub policy: Option<PolicyDoc>,
}

#[derive(Clone, Debug)]
pub struct Scp {
    pub target: String,
    pub policy: PolicyDoc,
}

/// Who makes a step's request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallerSpec {
    /// An IAM user (index into [`Scenario::users`]).
    User(usize),
    /// An AWS service principal such as `lambda.amazonaws.com`.
    Service(String),
    /// The credentials issued by an earlier AssumeRole step.
    Session(usize),
    /// A web identity or SAML provider (extension).
    Federated(String),
}

/// Which STS operation an assume step calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssumeKind {
    AssumeRole,
    WithWebIdentity,
    WithSaml,
}

impl AssumeKind {
    pub fn action(self) -> &'static str {
        match self {
            AssumeKind::AssumeRole => "sts:AssumeRole",
            AssumeKind::WithWebIdentity => "sts:AssumeRoleWithWebIdentity",
            AssumeKind::WithSaml => "sts:AssumeRoleWithSAML",
        }
    }
}

/// A session policy passed with AssumeRole: parsed, or why not (a step
/// error, since it is part of the request).
#[derive(Clone, Debug)]
pub enum SessionPolicy {
    Parsed(PolicyDoc),
    Malformed(String),
}

#[derive(Clone, Debug)]
pub struct AssumeStep {
    pub kind: AssumeKind,
    pub caller: CallerSpec,
    /// Index into [`Scenario::roles`].
    pub role: usize,
    pub session_name: Option<String>,
    pub duration: Option<i64>,
    pub external_id: Option<String>,
    pub policy: Option<SessionPolicy>,
    pub source_identity: Option<String>,
    pub tags: Vec<Tag>,
    pub context: Vec<(String, ContextValue)>,
    /// Index into [`Scenario::instance_profiles`] (EC2, extension).
    pub instance_profile: Option<usize>,
}

#[derive(Clone, Debug)]
pub struct CallStep {
    pub action: String,
    pub caller: CallerSpec,
    pub resource: String,
    /// Index into [`Scenario::roles`].
    pub passed_role: Option<usize>,
    pub context: Vec<(String, ContextValue)>,
}

#[derive(Clone, Debug)]
pub enum StepKind {
    Assume(Box<AssumeStep>),
    Call(CallStep),
    Advance(i64),
}

/// What a step is expected to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expect {
    pub outcome: String,
    pub error_code: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Step {
    pub kind: StepKind,
    pub expect: Option<Expect>,
    pub note: Option<Text>,
}

/// A loaded scenario: a small AWS world and the steps to run in it.
#[derive(Clone, Debug)]
pub struct Scenario {
    pub title: Text,
    pub description: Option<Text>,
    /// Simulated start time, seconds since the Unix epoch.
    pub clock: i64,
    pub users: Vec<User>,
    pub groups: Vec<Group>,
    pub roles: Vec<Role>,
    pub instance_profiles: Vec<InstanceProfile>,
    pub resources: Vec<Resource>,
    pub scps: Vec<Scp>,
    pub steps: Vec<Step>,
    /// Lint findings in the scenario's policies (the scenario still runs).
    pub warnings: Vec<LoadError>,
    /// A fingerprint of the source text: seeds the fake credentials so the
    /// same scenario always yields the same output.
    pub seed: u64,
}

impl Scenario {
    pub fn user_index(&self, arn: &str) -> Option<usize> {
        self.users.iter().position(|u| u.arn == arn)
    }
    pub fn role_index(&self, arn: &str) -> Option<usize> {
        self.roles.iter().position(|r| r.arn == arn)
    }
}

/// Where a load error is: the JSON path, the position in the file, and for
/// a policy given as a string, the position inside that policy's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    pub path: String,
    pub message: String,
    pub help: Option<String>,
    pub position: Position,
    pub end: Position,
    pub policy_position: Option<Position>,
    /// `MalformedPolicyDocument`, `LimitExceeded`, or `InvalidScenario`;
    /// for a warning, the lint's name.
    pub code: &'static str,
    /// `error`, or `warning` for a lint finding.
    pub severity: &'static str,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: ", self.position.line, self.position.column)?;
        if self.severity != "error" {
            write!(f, "warning[{}]: ", self.code)?;
        }
        write!(f, "{}", self.path)?;
        if let Some(p) = self.policy_position {
            write!(f, " (line {}, column {} of the policy)", p.line, p.column)?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(h) = &self.help {
            write!(f, " (help: {h})")?;
        }
        Ok(())
    }
}

/// FNV-1a, for the credential seed.
pub fn fingerprint(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Loads a scenario from its JSON text. Either the whole scenario, or every
/// error found (never a partial world).
pub fn load(text: &str) -> Result<Scenario, Vec<LoadError>> {
    let lines = LineIndex::new(text);
    let mut l = Loader { text, lines: &lines, errors: Vec::new(), warnings: Vec::new() };
    let root = match json::parse(text) {
        Ok(v) => v,
        Err(e) => {
            l.err("$", e.span, format!("the scenario is not valid JSON: {}", e.message));
            return Err(l.errors);
        }
    };
    match l.scenario(&root) {
        Some(s) if l.errors.is_empty() => Ok(Scenario { warnings: l.warnings, ..s }),
        _ => Err(l.errors),
    }
}

const TOP_KEYS: &[&str] = &[
    "Scenario",
    "Title",
    "Description",
    "Clock",
    "Users",
    "Groups",
    "Roles",
    "InstanceProfiles",
    "Resources",
    "ServiceControlPolicies",
    "Steps",
];
const USER_KEYS: &[&str] = &["Arn", "Policies", "Groups", "PermissionsBoundary", "Tags"];
const GROUP_KEYS: &[&str] = &["Arn", "Policies"];
const ROLE_KEYS: &[&str] =
    &["Arn", "AssumeRolePolicyDocument", "Policies", "MaxSessionDuration", "PermissionsBoundary", "Tags", "Description"];
const PROFILE_KEYS: &[&str] = &["Arn", "Roles"];
const RESOURCE_KEYS: &[&str] = &["Arn", "Account", "Policy"];
const SCP_KEYS: &[&str] = &["Target", "PolicyName", "PolicyDocument"];
const INLINE_KEYS: &[&str] = &["PolicyName", "PolicyDocument"];
const TAG_KEYS: &[&str] = &["Key", "Value"];
const ASSUME_KEYS: &[&str] = &[
    "Action",
    "Caller",
    "RoleArn",
    "RoleSessionName",
    "DurationSeconds",
    "ExternalId",
    "Policy",
    "SourceIdentity",
    "Tags",
    "Context",
    "InstanceProfileArn",
    "Expect",
    "Note",
];
const CALL_KEYS: &[&str] = &["Action", "Caller", "Resource", "PassedRole", "Context", "Expect", "Note"];
const CLOCK_KEYS: &[&str] = &["Advance", "Expect", "Note"];
const CALLER_KEYS: &[&str] = &["AWS", "Service", "Session", "Federated"];
const OUTCOMES: &[&str] = &["allowed", "explicitDeny", "implicitDeny", "error"];

struct Loader<'a> {
    text: &'a str,
    lines: &'a LineIndex,
    errors: Vec<LoadError>,
    warnings: Vec<LoadError>,
}

fn child(path: &str, key: &str) -> String {
    format!("{path}.{key}")
}

fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

impl<'a> Loader<'a> {
    fn err(&mut self, path: &str, span: Span, message: impl Into<String>) -> &mut LoadError {
        self.err_code("InvalidScenario", path, span, message)
    }

    fn err_code(&mut self, code: &'static str, path: &str, span: Span, message: impl Into<String>) -> &mut LoadError {
        let (position, end) = self.lines.range(self.text, span);
        self.errors.push(LoadError {
            path: path.to_string(),
            message: message.into(),
            help: None,
            position,
            end,
            policy_position: None,
            code,
            severity: "error",
        });
        let n = self.errors.len() - 1;
        #[expect(clippy::indexing_slicing, reason = "just pushed")]
        &mut self.errors[n]
    }

    /// The objects of the list at `path`, each with its own path and its
    /// members (keys checked); entries that are not objects are reported.
    fn objects<'v>(&mut self, v: &'v Value, path: &str, known: &[&str], what: &str) -> Vec<(String, &'v Value, &'v [Member])> {
        let Some(items) = self.array(v, path) else { return Vec::new() };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let p = index(path, i);
            if let Some(members) = self.object(item, &p, known, what) {
                out.push((p, item, members));
            }
        }
        out
    }

    /// The members of an object after checking its keys, or an error.
    fn object<'v>(&mut self, v: &'v Value, path: &str, known: &[&str], what: &str) -> Option<&'v [Member]> {
        let Kind::Object(members) = &v.kind else {
            self.err(path, v.span, format!("{what} must be an object, not {}", v.kind_name()));
            return None;
        };
        for (i, m) in members.iter().enumerate() {
            let p = child(path, &m.key);
            if members.iter().take(i).any(|o| o.key == m.key) {
                self.err(&p, m.key_span, format!("duplicate key `{}` in {what}", m.key));
            } else if !known.contains(&m.key.as_str()) {
                let hint = did_you_mean(&m.key, known);
                let e = self.err(&p, m.key_span, format!("unknown key `{}` in {what}", m.key));
                e.help = Some(match hint {
                    Some(h) => format!("did you mean `{h}`?"),
                    None => format!("{what} may contain {}", known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")),
                });
            }
        }
        Some(members)
    }

    fn string(&mut self, v: &Value, path: &str) -> Option<String> {
        match &v.kind {
            Kind::String(s) => Some(s.clone()),
            _ => {
                self.err(path, v.span, format!("expected a string, not {}", v.kind_name()));
                None
            }
        }
    }

    fn integer(&mut self, v: &Value, path: &str) -> Option<i64> {
        match v.as_number_str().map(str::parse::<i64>) {
            Some(Ok(n)) => Some(n),
            Some(Err(_)) => {
                self.err(path, v.span, format!("expected a whole number, not `{}`", v.to_json_text()));
                None
            }
            None => {
                self.err(path, v.span, format!("expected a number, not {}", v.kind_name()));
                None
            }
        }
    }

    fn array<'v>(&mut self, v: &'v Value, path: &str) -> Option<&'v [Value]> {
        match &v.kind {
            Kind::Array(items) => Some(items),
            _ => {
                self.err(path, v.span, format!("expected an array, not {}", v.kind_name()));
                None
            }
        }
    }

    fn text(&mut self, v: &Value, path: &str) -> Option<Text> {
        match &v.kind {
            Kind::String(s) => Some(Text { en: s.clone(), ja: None }),
            Kind::Object(_) => {
                let members = self.object(v, path, &["en", "ja"], "a bilingual text")?;
                let mut t = Text::default();
                let mut has_en = false;
                for m in members {
                    let s = self.string(&m.value, &child(path, &m.key));
                    match (m.key.as_str(), s) {
                        ("en", Some(s)) => {
                            t.en = s;
                            has_en = true;
                        }
                        ("ja", Some(s)) => t.ja = Some(s),
                        _ => {}
                    }
                }
                if !has_en {
                    if let Some(ja) = t.ja.clone() {
                        t.en = ja;
                    }
                }
                Some(t)
            }
            _ => {
                self.err(path, v.span, format!("expected a string or {{\"en\": …, \"ja\": …}}, not {}", v.kind_name()));
                None
            }
        }
    }

    fn arn(&mut self, v: &Value, path: &str) -> Option<(String, policy::arn::Arn)> {
        let s = self.string(v, path)?;
        match policy::arn::Arn::parse(&s) {
            Ok(a) => Some((s, a)),
            Err(e) => {
                self.err(path, v.span, e.message);
                None
            }
        }
    }

    /// A policy given as an object or as a string holding its text.
    fn policy(&mut self, v: &Value, path: &str, kind: PolicyType, name: &str, source: PolicySource) -> Option<PolicyDoc> {
        let (parsed, inner): (_, Option<(&str, LineIndex)>) = match &v.kind {
            Kind::String(s) => (parse_policy(s, kind), Some((s.as_str(), LineIndex::new(s)))),
            Kind::Object(_) => (parse_policy_value(v, path, kind, self.text, self.lines), None),
            _ => {
                self.err(path, v.span, format!("a policy must be a JSON object or a string holding one, not {}", v.kind_name()));
                return None;
            }
        };
        let mut ok = true;
        for d in &parsed.diagnostics {
            ok &= !d.is_error();
            self.push_policy_diag(d, v, path, inner.as_ref());
        }
        let size = match &inner {
            Some((s, _)) => non_whitespace_len(s),
            None => non_whitespace_len(&v.to_json_text()),
        };
        let policy = parsed.policy.filter(|_| ok)?;
        Some(PolicyDoc { name: name.to_string(), source, policy, size, path: path.to_string() })
    }

    /// A policy's diagnostic as a scenario error or warning, located in the
    /// file and, for a string-form policy, inside the policy text.
    fn push_policy_diag(&mut self, d: &Diagnostic, v: &Value, path: &str, inner: Option<&(&str, LineIndex)>) {
        let e = match inner {
            Some((s, idx)) => {
                // The diagnostic's path is relative to the policy (`$…`).
                let rel = d.path.strip_prefix('$').unwrap_or(&d.path);
                let full = format!("{path}{rel}");
                let (p, _) = idx.range(s, d.span);
                let e = self.err_code(d.code, &full, v.span, d.message.clone());
                e.policy_position = Some(p);
                e.help = d.help.clone();
                e.clone()
            }
            None => {
                let e = self.err_code(d.code, &d.path, d.span, d.message.clone());
                e.help = d.help.clone();
                e.clone()
            }
        };
        if !d.is_error() {
            self.errors.pop();
            self.warnings.push(LoadError { severity: "warning", ..e });
        }
    }

    fn inline_policies(&mut self, v: &Value, path: &str, source: PolicySource, quota: usize, owner: &str) -> Vec<PolicyDoc> {
        let mut out = Vec::new();
        for (p, item, members) in self.objects(v, path, INLINE_KEYS, "an inline policy") {
            let name = match get(members, "PolicyName") {
                Some(m) => self.string(&m.value, &child(&p, "PolicyName")),
                None => {
                    self.err(&p, item.span, "an inline policy needs a `PolicyName`");
                    None
                }
            };
            let Some(doc) = get(members, "PolicyDocument") else {
                self.err(&p, item.span, "an inline policy needs a `PolicyDocument`");
                continue;
            };
            let kind = if source == PolicySource::Role || source == PolicySource::User || source == PolicySource::Group {
                PolicyType::Identity
            } else {
                PolicyType::Resource
            };
            if let (Some(name), Some(d)) = (name.clone(), self.policy(&doc.value, &child(&p, "PolicyDocument"), kind, "", source)) {
                if out.iter().any(|o: &PolicyDoc| o.name == name) {
                    self.err(&child(&p, "PolicyName"), item.span, format!("{owner} already has an inline policy named `{name}`"));
                }
                out.push(PolicyDoc { name, ..d });
            }
        }
        let total: usize = out.iter().map(|d| d.size).sum();
        if total > quota {
            self.err_code(
                "LimitExceeded",
                path,
                v.span,
                format!("the inline policies of {owner} total {total} characters (not counting whitespace); the quota is {quota}"),
            );
        }
        out
    }

    fn tags(&mut self, v: &Value, path: &str) -> Vec<Tag> {
        let mut out = Vec::new();
        for (p, item, members) in self.objects(v, path, TAG_KEYS, "a tag") {
            let key = get(members, "Key").and_then(|m| self.string(&m.value, &child(&p, "Key")));
            let value = get(members, "Value").and_then(|m| self.string(&m.value, &child(&p, "Value")));
            match (key, value) {
                (Some(key), Some(value)) => out.push(Tag { key, value }),
                _ => {
                    self.err(&p, item.span, "a tag needs a string `Key` and a string `Value`");
                }
            }
        }
        out
    }

    fn quota(&mut self, doc: &Option<PolicyDoc>, v: &Value, path: &str, quota: usize, what: &str) {
        if let Some(d) = doc {
            if d.size > quota {
                self.err_code(
                    "LimitExceeded",
                    path,
                    v.span,
                    format!("{what} is {} characters (not counting whitespace); the quota is {quota}", d.size),
                );
            }
        }
    }

    fn scenario(&mut self, root: &Value) -> Option<Scenario> {
        let members = self.object(root, "$", TOP_KEYS, "a scenario")?;
        match get(members, "Scenario") {
            None => {
                self.err("$", root.span, "missing `Scenario` (the format version, `1`)");
            }
            Some(m) => {
                if m.value.as_number_str() != Some("1") {
                    self.err(
                        "$.Scenario",
                        m.value.span,
                        format!("unsupported scenario version `{}`: this roleplay reads version {FORMAT_VERSION}", m.value.to_json_text()),
                    );
                }
            }
        }
        let title = match get(members, "Title") {
            Some(m) => self.text(&m.value, "$.Title").unwrap_or_default(),
            None => Text { en: "Untitled scenario".into(), ja: Some("無題のシナリオ".into()) },
        };
        let description = get(members, "Description").and_then(|m| self.text(&m.value, "$.Description"));
        let clock = match get(members, "Clock") {
            None => policy::time::parse_datetime(DEFAULT_CLOCK).unwrap_or(0),
            Some(m) => {
                let s = self.string(&m.value, "$.Clock");
                match s.as_deref().map(policy::time::parse_datetime) {
                    Some(Some(t)) if (0..=253_402_300_799).contains(&t) => t,
                    Some(Some(_)) => {
                        self.err("$.Clock", m.value.span, "`Clock` must lie between 1970 and the year 9999");
                        0
                    }
                    Some(None) => {
                        self.err(
                            "$.Clock",
                            m.value.span,
                            format!("`{}` is not a date and time such as `2026-11-22T09:00:00Z`", s.unwrap_or_default()),
                        );
                        0
                    }
                    None => 0,
                }
            }
        };

        let groups = match get(members, "Groups") {
            Some(m) => self.groups(&m.value),
            None => Vec::new(),
        };
        let users = match get(members, "Users") {
            Some(m) => self.users(&m.value, &groups),
            None => Vec::new(),
        };
        let roles = match get(members, "Roles") {
            Some(m) => self.roles(&m.value),
            None => Vec::new(),
        };
        let instance_profiles = match get(members, "InstanceProfiles") {
            Some(m) => self.profiles(&m.value, &roles),
            None => Vec::new(),
        };
        let resources = match get(members, "Resources") {
            Some(m) => self.resources(&m.value),
            None => Vec::new(),
        };
        let scps = match get(members, "ServiceControlPolicies") {
            Some(m) => self.scps(&m.value),
            None => Vec::new(),
        };
        let mut s = Scenario {
            title,
            description,
            clock,
            users,
            groups,
            roles,
            instance_profiles,
            resources,
            scps,
            steps: Vec::new(),
            warnings: Vec::new(),
            seed: fingerprint(self.text),
        };
        match get(members, "Steps") {
            Some(m) => s.steps = self.steps(&m.value, &s),
            None => {
                self.err("$", root.span, "missing `Steps` (a list of steps to run)");
            }
        }
        Some(s)
    }

    fn groups(&mut self, v: &Value) -> Vec<Group> {
        let mut out: Vec<Group> = Vec::new();
        for (p, item, members) in self.objects(v, "$.Groups", GROUP_KEYS, "a group") {
            let Some((arn, _, name)) = self.iam_entity(
                members,
                item,
                &p,
                |k| match k {
                    IamKind::Group { name, .. } => Some(name),
                    _ => None,
                },
                "an IAM group",
                "arn:aws:iam::111111111111:group/Developers",
            ) else {
                continue;
            };
            if out.iter().any(|g| g.arn == arn) {
                self.err(&child(&p, "Arn"), item.span, format!("group `{arn}` is listed twice"));
            }
            let policies = match get(members, "Policies") {
                Some(m) => self.inline_policies(
                    &m.value,
                    &child(&p, "Policies"),
                    PolicySource::Group,
                    GROUP_INLINE_QUOTA,
                    &format!("group `{name}`"),
                ),
                None => Vec::new(),
            };
            out.push(Group { arn, name, policies });
        }
        out
    }

    /// The `Arn` of an IAM entity of one kind: its ARN, account and name.
    fn iam_entity(
        &mut self,
        members: &[Member],
        item: &Value,
        p: &str,
        name_of: fn(IamKind<'_>) -> Option<&str>,
        what: &str,
        example: &str,
    ) -> Option<(String, String, String)> {
        let (arn, parsed) = self.required_arn(members, item, p)?;
        match name_of(parsed.iam_kind()) {
            Some(name) => Some((arn.clone(), parsed.account.clone(), name.to_string())),
            None => {
                self.err(&child(p, "Arn"), item.span, format!("`{arn}` is not {what} ARN such as `{example}`"));
                None
            }
        }
    }

    fn required_arn(&mut self, members: &[Member], item: &Value, p: &str) -> Option<(String, policy::arn::Arn)> {
        match get(members, "Arn") {
            Some(m) => self.arn(&m.value, &child(p, "Arn")),
            None => {
                self.err(p, item.span, "missing `Arn`");
                None
            }
        }
    }

    fn boundary_and_tags(&mut self, members: &[Member], p: &str) -> (Option<PolicyDoc>, Vec<Tag>) {
        let boundary = get(members, "PermissionsBoundary").and_then(|m| {
            let bp = child(p, "PermissionsBoundary");
            let d = self.policy(&m.value, &bp, PolicyType::Boundary, "PermissionsBoundary", PolicySource::Boundary);
            self.quota(&d, &m.value, &bp, MANAGED_QUOTA, "the permissions boundary");
            d
        });
        let tags = get(members, "Tags").map(|m| self.tags(&m.value, &child(p, "Tags"))).unwrap_or_default();
        (boundary, tags)
    }

    fn users(&mut self, v: &Value, groups: &[Group]) -> Vec<User> {
        let mut out: Vec<User> = Vec::new();
        for (p, item, members) in self.objects(v, "$.Users", USER_KEYS, "a user") {
            let Some((arn, account, name)) = self.iam_entity(
                members,
                item,
                &p,
                |k| match k {
                    IamKind::User { name, .. } => Some(name),
                    _ => None,
                },
                "an IAM user",
                "arn:aws:iam::222222222222:user/user_A",
            ) else {
                continue;
            };
            if out.iter().any(|u| u.arn == arn) {
                self.err(&child(&p, "Arn"), item.span, format!("user `{arn}` is listed twice"));
            }
            let owner = format!("user `{name}`");
            let policies = match get(members, "Policies") {
                Some(m) => self.inline_policies(&m.value, &child(&p, "Policies"), PolicySource::User, USER_INLINE_QUOTA, &owner),
                None => Vec::new(),
            };
            let mut gs = Vec::new();
            if let Some(m) = get(members, "Groups") {
                let gp = child(&p, "Groups");
                if let Some(list) = self.array(&m.value, &gp) {
                    for (j, g) in list.iter().enumerate() {
                        let Some(garn) = self.string(g, &index(&gp, j)) else { continue };
                        match groups.iter().position(|x| x.arn == garn) {
                            Some(k) => gs.push(k),
                            None => {
                                let e = self.err(&index(&gp, j), g.span, format!("unknown group `{garn}`"));
                                e.help = Some("list the group under `Groups` at the top of the scenario".into());
                            }
                        }
                    }
                }
            }
            let (boundary, tags) = self.boundary_and_tags(members, &p);
            out.push(User { account, arn, name, policies, groups: gs, boundary, tags });
        }
        out
    }

    fn roles(&mut self, v: &Value) -> Vec<Role> {
        let mut out: Vec<Role> = Vec::new();
        for (p, item, members) in self.objects(v, "$.Roles", ROLE_KEYS, "a role") {
            let Some((arn, account, name)) = self.iam_entity(
                members,
                item,
                &p,
                |k| match k {
                    IamKind::Role { name, .. } => Some(name),
                    _ => None,
                },
                "an IAM role",
                "arn:aws:iam::111111111111:role/MyRole",
            ) else {
                continue;
            };
            if out.iter().any(|r| r.arn == arn) {
                self.err(&child(&p, "Arn"), item.span, format!("role `{arn}` is listed twice"));
            }
            let tp = child(&p, "AssumeRolePolicyDocument");
            let trust = match get(members, "AssumeRolePolicyDocument") {
                Some(m) => {
                    let d = self.policy(&m.value, &tp, PolicyType::Trust, "AssumeRolePolicyDocument", PolicySource::Trust);
                    self.quota(&d, &m.value, &tp, TRUST_QUOTA, "the trust policy");
                    d
                }
                None => {
                    let e = self.err(&p, item.span, format!("role `{name}` has no `AssumeRolePolicyDocument` (trust policy)"));
                    e.help = Some("every role has a trust policy saying who may assume it".into());
                    None
                }
            };
            let owner = format!("role `{name}`");
            let policies = match get(members, "Policies") {
                Some(m) => self.inline_policies(&m.value, &child(&p, "Policies"), PolicySource::Role, ROLE_INLINE_QUOTA, &owner),
                None => Vec::new(),
            };
            let max_session_duration = match get(members, "MaxSessionDuration") {
                Some(m) => {
                    let mp = child(&p, "MaxSessionDuration");
                    match self.integer(&m.value, &mp) {
                        Some(n) if (3600..=43200).contains(&n) => n,
                        Some(n) => {
                            self.err(
                                &mp,
                                m.value.span,
                                format!("`MaxSessionDuration` is {n}; it must be 3600 (1 hour) to 43200 (12 hours) seconds"),
                            );
                            3600
                        }
                        None => 3600,
                    }
                }
                None => 3600,
            };
            let (boundary, tags) = self.boundary_and_tags(members, &p);
            if let Some(trust) = trust {
                out.push(Role { account, arn, name, trust, policies, max_session_duration, boundary, tags });
            }
        }
        out
    }

    fn profiles(&mut self, v: &Value, roles: &[Role]) -> Vec<InstanceProfile> {
        let mut out = Vec::new();
        for (p, item, members) in self.objects(v, "$.InstanceProfiles", PROFILE_KEYS, "an instance profile") {
            let Some((arn, _, name)) = self.iam_entity(
                members,
                item,
                &p,
                |k| match k {
                    IamKind::InstanceProfile { name, .. } => Some(name),
                    _ => None,
                },
                "an instance profile",
                "arn:aws:iam::111111111111:instance-profile/web",
            ) else {
                continue;
            };
            let mut role = None;
            if let Some(m) = get(members, "Roles") {
                let rp = child(&p, "Roles");
                if let Some(list) = self.array(&m.value, &rp) {
                    if list.len() > 1 {
                        let e = self.err(
                            &rp,
                            m.value.span,
                            format!("instance profile `{name}` lists {} roles; an instance profile can contain only one role", list.len()),
                        );
                        e.help = Some("this is a hard AWS limit: create one instance profile per role".into());
                    }
                    for (j, r) in list.iter().enumerate() {
                        let Some(rarn) = self.string(r, &index(&rp, j)) else { continue };
                        match roles.iter().position(|x| x.arn == rarn) {
                            Some(k) => role = role.or(Some(k)),
                            None => {
                                self.err(&index(&rp, j), r.span, format!("unknown role `{rarn}`"));
                            }
                        }
                    }
                }
            }
            out.push(InstanceProfile { arn, name, role });
        }
        out
    }

    fn resources(&mut self, v: &Value) -> Vec<Resource> {
        let mut out: Vec<Resource> = Vec::new();
        for (p, item, members) in self.objects(v, "$.Resources", RESOURCE_KEYS, "a resource") {
            let Some((arn, parsed)) = self.required_arn(members, item, &p) else { continue };
            let account = match get(members, "Account") {
                Some(m) => {
                    let ap = child(&p, "Account");
                    match self.string(&m.value, &ap) {
                        Some(a) if policy::arn::is_account_id(&a) => Some(a),
                        Some(a) => {
                            self.err(&ap, m.value.span, format!("`{a}` is not an account ID (12 digits)"));
                            None
                        }
                        None => None,
                    }
                }
                None if !parsed.account.is_empty() => Some(parsed.account.clone()),
                None => {
                    let e = self.err(&p, item.span, format!("resource `{arn}` has no account in its ARN; give its `Account`"));
                    e.help = Some("S3 bucket ARNs such as `arn:aws:s3:::bucket` carry no account ID".into());
                    None
                }
            };
            if out.iter().any(|r| r.arn == arn) {
                self.err(&child(&p, "Arn"), item.span, format!("resource `{arn}` is listed twice"));
            }
            let policy = get(members, "Policy")
                .and_then(|m| self.policy(&m.value, &child(&p, "Policy"), PolicyType::Resource, "ResourcePolicy", PolicySource::Resource));
            if let Some(account) = account {
                out.push(Resource { arn, account, policy });
            }
        }
        out
    }

    fn scps(&mut self, v: &Value) -> Vec<Scp> {
        let mut out = Vec::new();
        for (i, (p, item, members)) in
            self.objects(v, "$.ServiceControlPolicies", SCP_KEYS, "a service control policy").into_iter().enumerate()
        {
            let target = match get(members, "Target") {
                Some(m) => {
                    let tp = child(&p, "Target");
                    match self.string(&m.value, &tp) {
                        Some(t) if policy::arn::is_account_id(&t) => Some(t),
                        Some(t) => {
                            self.err(&tp, m.value.span, format!("`{t}` is not an account ID (12 digits)"));
                            None
                        }
                        None => None,
                    }
                }
                None => {
                    self.err(&p, item.span, "missing `Target` (the account the SCP applies to)");
                    None
                }
            };
            let name = get(members, "PolicyName")
                .and_then(|m| self.string(&m.value, &child(&p, "PolicyName")))
                .unwrap_or_else(|| format!("SCP{i}"));
            let doc = match get(members, "PolicyDocument") {
                Some(m) => {
                    let dp = child(&p, "PolicyDocument");
                    let d = self.policy(&m.value, &dp, PolicyType::Scp, &name, PolicySource::Scp);
                    self.quota(&d, &m.value, &dp, MANAGED_QUOTA, "the service control policy");
                    d
                }
                None => {
                    self.err(&p, item.span, "missing `PolicyDocument`");
                    None
                }
            };
            if let (Some(target), Some(policy)) = (target, doc) {
                out.push(Scp { target, policy });
            }
        }
        out
    }

    fn caller(
        &mut self,
        members: &[Member],
        step: &Value,
        p: &str,
        s: &Scenario,
        step_index: usize,
        steps: &[Option<bool>],
    ) -> Option<CallerSpec> {
        let Some(m) = get(members, "Caller") else {
            self.err(p, step.span, "missing `Caller`: who makes this request");
            return None;
        };
        let cp = child(p, "Caller");
        let cm = self.object(&m.value, &cp, CALLER_KEYS, "a caller")?;
        let [c] = cm else {
            self.err(&cp, m.value.span, "a caller has exactly one key: `AWS`, `Service`, `Session` or `Federated`");
            return None;
        };
        let vp = child(&cp, &c.key);
        match c.key.as_str() {
            "AWS" => {
                let arn = self.string(&c.value, &vp)?;
                match s.user_index(&arn) {
                    Some(u) => Some(CallerSpec::User(u)),
                    None => {
                        let e = self.err(&vp, c.value.span, format!("unknown user `{arn}`"));
                        e.help = Some(names::user_hint(s, &arn));
                        None
                    }
                }
            }
            "Service" => {
                let svc = self.string(&c.value, &vp)?;
                if !svc.ends_with(".amazonaws.com") && !svc.ends_with(".amazonaws.com.cn") {
                    let e = self.err(&vp, c.value.span, format!("`{svc}` is not a service principal"));
                    e.help = Some("service principals look like `lambda.amazonaws.com` or `ec2.amazonaws.com`".into());
                    return None;
                }
                Some(CallerSpec::Service(svc))
            }
            "Federated" => Some(CallerSpec::Federated(self.string(&c.value, &vp)?)),
            _ => {
                let n = self.integer(&c.value, &vp)?;
                let ok = usize::try_from(n).ok().filter(|&n| n < step_index);
                match ok.and_then(|n| steps.get(n).copied().flatten().filter(|&is_assume| is_assume).map(|_| n)) {
                    Some(n) => Some(CallerSpec::Session(n)),
                    None => {
                        let e = self.err(&vp, c.value.span, format!("`{{\"Session\": {n}}}` does not name an earlier AssumeRole step"));
                        e.help = Some("a session is the credentials issued by an earlier `sts:AssumeRole` step; steps count from 0".into());
                        None
                    }
                }
            }
        }
    }

    fn context(&mut self, v: &Value, path: &str) -> Vec<(String, ContextValue)> {
        let mut out = Vec::new();
        let Kind::Object(members) = &v.kind else {
            self.err(path, v.span, format!("`Context` must be an object from condition key to value, not {}", v.kind_name()));
            return out;
        };
        for m in members {
            let p = format!("{path}[{}]", quote(&m.key));
            let scalar = |v: &Value| match &v.kind {
                Kind::String(s) => Some(s.clone()),
                Kind::Number(n) => Some(n.clone()),
                Kind::Bool(b) => Some(b.to_string()),
                _ => None,
            };
            let value = match &m.value.kind {
                Kind::Array(items) => {
                    let vals: Option<Vec<String>> = items.iter().map(scalar).collect();
                    vals.map(ContextValue::multi)
                }
                _ => scalar(&m.value).map(ContextValue::single),
            };
            match value {
                Some(cv) => out.push((m.key.clone(), cv)),
                None => {
                    self.err(
                        &p,
                        m.value.span,
                        format!("a context value is a string, number, boolean or a list of them, not {}", m.value.kind_name()),
                    );
                }
            }
        }
        out
    }

    fn expectation(&mut self, v: &Value, path: &str) -> Option<Expect> {
        let (outcome_v, code) = match &v.kind {
            Kind::String(_) => (v, None),
            Kind::Object(_) => {
                let members = self.object(v, path, &["Outcome", "ErrorCode"], "an expectation")?;
                let Some(o) = get(members, "Outcome") else {
                    self.err(path, v.span, "an expectation needs an `Outcome`");
                    return None;
                };
                let code = get(members, "ErrorCode").and_then(|m| self.string(&m.value, &child(path, "ErrorCode")));
                (&o.value, code)
            }
            _ => {
                self.err(path, v.span, format!("`Expect` is an outcome string or an object, not {}", v.kind_name()));
                return None;
            }
        };
        let op = if matches!(v.kind, Kind::Object(_)) { child(path, "Outcome") } else { path.to_string() };
        let outcome = self.string(outcome_v, &op)?;
        if !OUTCOMES.contains(&outcome.as_str()) {
            let e = self.err(&op, outcome_v.span, format!("unknown outcome `{outcome}`"));
            e.help = Some(match did_you_mean(&outcome, OUTCOMES) {
                Some(h) => format!("did you mean `{h}`?"),
                None => "an outcome is `allowed`, `explicitDeny`, `implicitDeny` or `error`".into(),
            });
            return None;
        }
        Some(Expect { outcome, error_code: code })
    }

    fn steps(&mut self, v: &Value, s: &Scenario) -> Vec<Step> {
        let mut out = Vec::new();
        let Some(items) = self.array(v, "$.Steps") else { return out };
        if items.len() > MAX_STEPS {
            self.err("$.Steps", v.span, format!("{} steps; a scenario has at most {MAX_STEPS}", items.len()));
            return out;
        }
        // For each step so far: Some(true) if it is an AssumeRole step.
        let mut kinds: Vec<Option<bool>> = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let p = index("$.Steps", i);
            let step = self.step(item, &p, s, i, &kinds);
            kinds.push(step.as_ref().map(|st| matches!(st.kind, StepKind::Assume(_))));
            if let Some(st) = step {
                out.push(st);
            }
        }
        out
    }

    fn step(&mut self, item: &Value, p: &str, s: &Scenario, i: usize, kinds: &[Option<bool>]) -> Option<Step> {
        let Kind::Object(members) = &item.kind else {
            self.err(p, item.span, format!("a step must be an object, not {}", item.kind_name()));
            return None;
        };
        let expect = get(members, "Expect").and_then(|m| self.expectation(&m.value, &child(p, "Expect")));
        let note = get(members, "Note").and_then(|m| self.text(&m.value, &child(p, "Note")));
        if let Some(m) = get(members, "Advance") {
            self.object(item, p, CLOCK_KEYS, "a clock step");
            let n = self.integer(&m.value, &child(p, "Advance"))?;
            if n < 0 {
                self.err(&child(p, "Advance"), m.value.span, format!("`Advance` is {n}; the clock only moves forward"));
                return None;
            }
            if n > MAX_ADVANCE {
                self.err(
                    &child(p, "Advance"),
                    m.value.span,
                    format!("`Advance` is {n} seconds; a step moves the clock at most {MAX_ADVANCE} seconds (100 years)"),
                );
                return None;
            }
            return Some(Step { kind: StepKind::Advance(n), expect, note });
        }
        let Some(action_m) = get(members, "Action") else {
            self.err(p, item.span, "a step needs an `Action` (such as `sts:AssumeRole`) or an `Advance` (seconds)");
            return None;
        };
        let action = self.string(&action_m.value, &child(p, "Action"))?;
        let assume = match action.to_ascii_lowercase().as_str() {
            "sts:assumerole" => Some(AssumeKind::AssumeRole),
            "sts:assumerolewithwebidentity" => Some(AssumeKind::WithWebIdentity),
            "sts:assumerolewithsaml" => Some(AssumeKind::WithSaml),
            _ => None,
        };
        let Some((service, name)) = action.split_once(':') else {
            self.err(&child(p, "Action"), action_m.value.span, format!("`{action}` is not an action such as `s3:GetObject`"));
            return None;
        };
        if service.is_empty() || name.is_empty() || action.contains(['*', '?', ' ']) {
            self.err(
                &child(p, "Action"),
                action_m.value.span,
                format!("`{action}` is not an action such as `s3:GetObject` (a request names one action, without wildcards)"),
            );
            return None;
        }
        let context = get(members, "Context").map(|m| self.context(&m.value, &child(p, "Context"))).unwrap_or_default();
        match assume {
            Some(kind) => {
                self.object(item, p, ASSUME_KEYS, "an AssumeRole step");
                let caller = self.caller(members, item, p, s, i, kinds);
                let role = match get(members, "RoleArn") {
                    Some(m) => {
                        let rp = child(p, "RoleArn");
                        let arn = self.string(&m.value, &rp)?;
                        match s.role_index(&arn) {
                            Some(r) => Some(r),
                            None => {
                                let e = self.err(&rp, m.value.span, format!("unknown role `{arn}`"));
                                e.help = Some(names::role_hint(s, &arn));
                                None
                            }
                        }
                    }
                    None => None,
                };
                let instance_profile = match get(members, "InstanceProfileArn") {
                    Some(m) => {
                        let ip = child(p, "InstanceProfileArn");
                        let arn = self.string(&m.value, &ip)?;
                        match s.instance_profiles.iter().position(|x| x.arn == arn) {
                            Some(k) => Some(k),
                            None => {
                                self.err(&ip, m.value.span, format!("unknown instance profile `{arn}`"));
                                return None;
                            }
                        }
                    }
                    None => None,
                };
                // EC2 reaches the role through the instance profile.
                let role = match (role, instance_profile) {
                    (Some(r), _) => r,
                    (None, Some(k)) => match s.instance_profiles.get(k).and_then(|x| x.role) {
                        Some(r) => r,
                        None => {
                            self.err(p, item.span, "the instance profile holds no role, so EC2 has no role to assume");
                            return None;
                        }
                    },
                    (None, None) => {
                        self.err(p, item.span, "an AssumeRole step needs a `RoleArn`");
                        return None;
                    }
                };
                if let (Some(k), Some(r)) = (instance_profile, get(members, "RoleArn")) {
                    if s.instance_profiles.get(k).and_then(|x| x.role) != Some(role) {
                        self.err(&child(p, "RoleArn"), r.value.span, "`RoleArn` is not the role in `InstanceProfileArn`");
                    }
                }
                let caller = caller?;
                match (&caller, kind) {
                    (CallerSpec::Federated(_), AssumeKind::AssumeRole) => {
                        self.err(
                            &child(p, "Caller"),
                            item.span,
                            "a `Federated` caller uses `sts:AssumeRoleWithWebIdentity` or `sts:AssumeRoleWithSAML`",
                        );
                        return None;
                    }
                    (CallerSpec::Federated(_), _) | (_, AssumeKind::AssumeRole) => {}
                    _ => {
                        self.err(
                            &child(p, "Caller"),
                            item.span,
                            format!(
                                "`{}` is called with a token from an identity provider: the caller is `{{\"Federated\": \"<provider>\"}}`",
                                kind.action()
                            ),
                        );
                        return None;
                    }
                }
                let opt_string = |l: &mut Self, key: &str| get(members, key).and_then(|m| l.string(&m.value, &child(p, key)));
                let session_name = opt_string(self, "RoleSessionName");
                let external_id = opt_string(self, "ExternalId");
                let source_identity = opt_string(self, "SourceIdentity");
                let duration = get(members, "DurationSeconds").and_then(|m| self.integer(&m.value, &child(p, "DurationSeconds")));
                let tags = get(members, "Tags").map(|m| self.tags(&m.value, &child(p, "Tags"))).unwrap_or_default();
                let policy = get(members, "Policy").map(|m| self.session_policy(&m.value, &child(p, "Policy")));
                Some(Step {
                    kind: StepKind::Assume(Box::new(AssumeStep {
                        kind,
                        caller,
                        role,
                        session_name,
                        duration,
                        external_id,
                        policy,
                        source_identity,
                        tags,
                        context,
                        instance_profile,
                    })),
                    expect,
                    note,
                })
            }
            None => {
                self.object(item, p, CALL_KEYS, "a step");
                let caller = self.caller(members, item, p, s, i, kinds)?;
                if let CallerSpec::Service(_) | CallerSpec::Federated(_) = caller {
                    self.err(
                        &child(p, "Caller"),
                        item.span,
                        "a service or identity provider only calls `sts:AssumeRole*`; later calls use `{\"Session\": N}`",
                    );
                    return None;
                }
                let resource = match get(members, "Resource") {
                    Some(m) => {
                        let rp = child(p, "Resource");
                        let r = self.string(&m.value, &rp)?;
                        if r != "*" {
                            if let Err(e) = policy::arn::Arn::parse(&r) {
                                self.err(&rp, m.value.span, e.message);
                                return None;
                            }
                        }
                        r
                    }
                    None => "*".to_string(),
                };
                let passed_role = match get(members, "PassedRole") {
                    Some(m) => {
                        let rp = child(p, "PassedRole");
                        let arn = self.string(&m.value, &rp)?;
                        match s.role_index(&arn) {
                            Some(r) => Some(r),
                            None => {
                                let e = self.err(&rp, m.value.span, format!("unknown role `{arn}`"));
                                e.help = Some(names::role_hint(s, &arn));
                                return None;
                            }
                        }
                    }
                    None => None,
                };
                Some(Step { kind: StepKind::Call(CallStep { action, caller, resource, passed_role, context }), expect, note })
            }
        }
    }

    fn session_policy(&mut self, v: &Value, path: &str) -> SessionPolicy {
        let parsed = match &v.kind {
            Kind::String(s) => {
                let idx = LineIndex::new(s);
                let parsed = parse_policy(s, PolicyType::Session);
                (parsed, non_whitespace_len(s), Some((s.as_str(), idx)))
            }
            Kind::Object(_) => {
                let parsed = parse_policy_value(v, path, PolicyType::Session, self.text, self.lines);
                (parsed, non_whitespace_len(&v.to_json_text()), None)
            }
            _ => return SessionPolicy::Malformed(format!("the session policy must be a JSON object or a string, not {}", v.kind_name())),
        };
        let (parsed, size, inner) = parsed;
        if let Some(d) = parsed.errors().next() {
            let at = match &inner {
                Some((s, idx)) => {
                    let pos = idx.position(s, d.span.start);
                    format!(" (line {}, column {})", pos.line, pos.column)
                }
                None => {
                    let pos = self.lines.position(self.text, d.span.start);
                    format!(" (line {}, column {} of the scenario)", pos.line, pos.column)
                }
            };
            return SessionPolicy::Malformed(format!("{}{at}", d.message));
        }
        match parsed.policy {
            Some(policy) => SessionPolicy::Parsed(PolicyDoc {
                name: "SessionPolicy".into(),
                source: PolicySource::Session,
                policy,
                size,
                path: path.to_string(),
            }),
            None => SessionPolicy::Malformed("the session policy is not a valid policy document".into()),
        }
    }
}

fn get<'m>(members: &'m [Member], key: &str) -> Option<&'m Member> {
    members.iter().find(|m| m.key == key)
}

fn quote(s: &str) -> String {
    let mut out = String::new();
    json::escape_string(s, &mut out);
    out
}
