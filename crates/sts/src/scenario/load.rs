//! The loader's core: the document parsed once with the engine's
//! span-keeping JSON parser, values read with their paths, and the
//! scenario put together from its parts (entities, policies, steps). Every
//! error names the JSON path of the offending value and its line and
//! column in the file; all errors are collected, not just the first.

use policy::fuzzy::did_you_mean;
use policy::json::{self, Kind, Member, Value};
use policy::path::JsonPath;
use policy::{LineIndex, Severity, Span};

use super::quota::*;
use super::*;
use crate::schema::key::*;
use crate::schema::{TEXT_KEYS, TOP_KEYS};

pub(super) struct Loader<'a> {
    pub(super) text: &'a str,
    pub(super) lines: &'a LineIndex,
    pub(super) errors: Vec<LoadError>,
    pub(super) warnings: Vec<LoadError>,
    /// ARNs of users, groups, roles and instance profiles that are listed
    /// but were refused (their error is already reported): a step or an
    /// entity naming one gets no second "unknown …" error.
    pub(super) refused: Vec<String>,
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
///
/// ```
/// let s = sts::load(r#"{"Scenario": 1, "Steps": [{"Advance": 60}]}"#).unwrap();
/// assert_eq!(s.steps.len(), 1);
/// let errors = sts::load(r#"{"Scenario": 1, "Step": []}"#).unwrap_err();
/// assert_eq!(errors[0].path.to_string(), "$.Step");
/// assert_eq!(errors[0].help.as_deref(), Some("did you mean `Steps`?"));
/// ```
pub fn load(text: &str) -> Result<Scenario, Vec<LoadError>> {
    let root = parse_document(text).map_err(|e| vec![e])?;
    load_document(text, &root)
}

/// The document's JSON tree (every value with its span), or why the text
/// is not JSON. [`load_document`] then reads the scenario from the tree, so
/// a caller that also needs the tree (the playground) parses only once.
pub fn parse_document(text: &str) -> Result<Value, LoadError> {
    json::parse(text).map_err(|e| {
        let lines = LineIndex::new(text);
        let mut l = Loader { text, lines: &lines, errors: Vec::new(), warnings: Vec::new(), refused: Vec::new() };
        l.err(&JsonPath::root(), e.span, format!("the scenario is not valid JSON: {}", e.message));
        l.errors.swap_remove(0)
    })
}

/// Loads a scenario from its parsed document (`root` must be the tree of
/// `text`: its spans index `text`).
pub fn load_document(text: &str, root: &Value) -> Result<Scenario, Vec<LoadError>> {
    let lines = LineIndex::new(text);
    let mut l = Loader { text, lines: &lines, errors: Vec::new(), warnings: Vec::new(), refused: Vec::new() };
    match l.scenario(root) {
        Some(s) if l.errors.is_empty() => Ok(Scenario { warnings: l.warnings, ..s }),
        _ => Err(l.errors),
    }
}

/// Reads one more step of `s` from its JSON text: a request to make after
/// the scenario's own steps (what `sts::api::World::authorize` runs). It is
/// checked as a step of the scenario would be; paths start at `$`.
pub fn load_step(s: &Scenario, text: &str) -> Result<Step, Vec<LoadError>> {
    let root = parse_document(text).map_err(|e| vec![e])?;
    let lines = LineIndex::new(text);
    let mut l = Loader { text, lines: &lines, errors: Vec::new(), warnings: Vec::new(), refused: Vec::new() };
    let kinds: Vec<Option<bool>> = s.steps.iter().map(|st| Some(matches!(st.kind, StepKind::Assume(_)))).collect();
    match l.step(&root, &JsonPath::root(), s, s.steps.len(), &kinds) {
        Some(step) if l.errors.is_empty() => Ok(step),
        _ if l.errors.is_empty() => Err(vec![LoadError {
            path: JsonPath::root(),
            message: "not a request".into(),
            help: None,
            position: lines.position(text, 0),
            end: lines.position(text, 0),
            policy_position: None,
            code: "InvalidScenario",
            severity: Severity::Error,
        }]),
        _ => Err(l.errors),
    }
}

impl<'a> Loader<'a> {
    pub(super) fn err(&mut self, path: &JsonPath, span: Span, message: impl Into<String>) -> &mut LoadError {
        self.err_code("InvalidScenario", path, span, message)
    }

    pub(super) fn err_code(&mut self, code: &'static str, path: &JsonPath, span: Span, message: impl Into<String>) -> &mut LoadError {
        let (position, end) = self.lines.range(self.text, span);
        self.errors.push(LoadError {
            path: path.clone(),
            message: message.into(),
            help: None,
            position,
            end,
            policy_position: None,
            code,
            severity: Severity::Error,
        });
        let n = self.errors.len() - 1;
        #[expect(clippy::indexing_slicing, reason = "just pushed")]
        &mut self.errors[n]
    }

    /// The objects of the list at `path`, each with its own path and its
    /// members (keys checked); entries that are not objects are reported.
    pub(super) fn objects<'v>(
        &mut self,
        v: &'v Value,
        path: &JsonPath,
        known: &[&str],
        what: &str,
    ) -> Vec<(JsonPath, &'v Value, &'v [Member])> {
        let Some(items) = self.array(v, path) else { return Vec::new() };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let p = path.index(i);
            if let Some(members) = self.object(item, &p, known, what) {
                out.push((p, item, members));
            }
        }
        out
    }

    /// The members of an object after checking its keys, or an error.
    pub(super) fn object<'v>(&mut self, v: &'v Value, path: &JsonPath, known: &[&str], what: &str) -> Option<&'v [Member]> {
        let Kind::Object(members) = &v.kind else {
            self.err(path, v.span, format!("{what} must be an object, not {}", v.kind_name()));
            return None;
        };
        for (i, m) in members.iter().enumerate() {
            let p = path.key(&m.key);
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

    /// Remembers that the entity with these members was refused.
    pub(super) fn refuse(&mut self, members: &[Member]) {
        if let Some(Kind::String(arn)) = get(members, ARN).map(|m| &m.value.kind) {
            self.refused.push(arn.clone());
        }
    }

    /// Whether `arn` names a listed entity that was refused.
    pub(super) fn was_refused(&self, arn: &str) -> bool {
        self.refused.iter().any(|r| r == arn)
    }

    pub(super) fn string(&mut self, v: &Value, path: &JsonPath) -> Option<String> {
        match &v.kind {
            Kind::String(s) => Some(s.clone()),
            _ => {
                self.err(path, v.span, format!("expected a string, not {}", v.kind_name()));
                None
            }
        }
    }

    pub(super) fn integer(&mut self, v: &Value, path: &JsonPath) -> Option<i64> {
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

    pub(super) fn array<'v>(&mut self, v: &'v Value, path: &JsonPath) -> Option<&'v [Value]> {
        match &v.kind {
            Kind::Array(items) => Some(items),
            _ => {
                self.err(path, v.span, format!("expected an array, not {}", v.kind_name()));
                None
            }
        }
    }

    pub(super) fn text(&mut self, v: &Value, path: &JsonPath) -> Option<Text> {
        match &v.kind {
            Kind::String(s) => Some(Text { en: s.clone(), ja: None }),
            Kind::Object(_) => {
                let members = self.object(v, path, TEXT_KEYS, "a bilingual text")?;
                let mut t = Text::default();
                let mut has_en = false;
                for m in members {
                    let s = self.string(&m.value, &path.key(&m.key));
                    match (m.key.as_str(), s) {
                        (EN, Some(s)) => {
                            t.en = s;
                            has_en = true;
                        }
                        (JA, Some(s)) => t.ja = Some(s),
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

    pub(super) fn arn(&mut self, v: &Value, path: &JsonPath) -> Option<(String, policy::arn::Arn)> {
        let s = self.string(v, path)?;
        match policy::arn::Arn::parse(&s) {
            Ok(a) => Some((s, a)),
            Err(e) => {
                self.err(path, v.span, e.message);
                None
            }
        }
    }

    pub(super) fn scenario(&mut self, root: &Value) -> Option<Scenario> {
        let members = self.object(root, &JsonPath::root(), TOP_KEYS, "a scenario")?;
        match get(members, SCENARIO) {
            None => {
                self.err(&JsonPath::root(), root.span, "missing `Scenario` (the format version, `1`)");
            }
            Some(m) => {
                if m.value.as_number_str() != Some("1") {
                    self.err(
                        &JsonPath::root().key(SCENARIO),
                        m.value.span,
                        format!("unsupported scenario version `{}`: this roleplay reads version {FORMAT_VERSION}", m.value.to_json_text()),
                    );
                }
            }
        }
        if let Some(m) = get(members, SCHEMA) {
            // Only editors read it; it must still be a string.
            self.string(&m.value, &JsonPath::root().key(SCHEMA));
        }
        let title = match get(members, TITLE) {
            Some(m) => self.text(&m.value, &JsonPath::root().key(TITLE)).unwrap_or_default(),
            None => Text { en: "Untitled scenario".into(), ja: Some("無題のシナリオ".into()) },
        };
        let description = get(members, DESCRIPTION).and_then(|m| self.text(&m.value, &JsonPath::root().key(DESCRIPTION)));
        if let Some(m) = get(members, SOURCE) {
            self.source(&m.value, &JsonPath::root().key(SOURCE));
        }
        let clock = match get(members, CLOCK) {
            None => policy::time::parse_datetime(DEFAULT_CLOCK).unwrap_or(0),
            Some(m) => {
                let s = self.string(&m.value, &JsonPath::root().key(CLOCK));
                match s.as_deref().map(policy::time::parse_datetime) {
                    Some(Some(t)) if (0..=253_402_300_799).contains(&t) => t,
                    Some(Some(_)) => {
                        self.err(&JsonPath::root().key(CLOCK), m.value.span, "`Clock` must lie between 1970 and the year 9999");
                        0
                    }
                    Some(None) => {
                        self.err(
                            &JsonPath::root().key(CLOCK),
                            m.value.span,
                            format!("`{}` is not a date and time such as `2026-11-22T09:00:00Z`", s.unwrap_or_default()),
                        );
                        0
                    }
                    None => 0,
                }
            }
        };

        let groups = match get(members, GROUPS) {
            Some(m) => self.groups(&m.value),
            None => Vec::new(),
        };
        let users = match get(members, USERS) {
            Some(m) => self.users(&m.value, &groups),
            None => Vec::new(),
        };
        let roles = match get(members, ROLES) {
            Some(m) => self.roles(&m.value),
            None => Vec::new(),
        };
        let instance_profiles = match get(members, INSTANCE_PROFILES) {
            Some(m) => self.profiles(&m.value, &roles),
            None => Vec::new(),
        };
        let resources = match get(members, RESOURCES) {
            Some(m) => self.resources(&m.value),
            None => Vec::new(),
        };
        let scps = match get(members, SERVICE_CONTROL_POLICIES) {
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
            exercise: None,
            seed: fingerprint(self.text),
        };
        match get(members, STEPS) {
            Some(m) => s.steps = self.steps(&m.value, &s),
            None => {
                self.err(&JsonPath::root(), root.span, "missing `Steps` (a list of steps to run)");
            }
        }
        if let Some(m) = get(members, EXERCISE) {
            s.exercise = self.exercise(&m.value, root, &s);
        }
        Some(s)
    }
}

/// The first member named `key`.
pub(super) fn get<'m>(members: &'m [Member], key: &str) -> Option<&'m Member> {
    members.iter().find(|m| m.key == key)
}
