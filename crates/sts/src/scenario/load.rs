//! The loader's core: the document parsed once with the engine's
//! span-keeping JSON parser, values read with their paths, and the
//! scenario put together from its parts (entities, policies, steps). Every
//! error names the JSON path of the offending value and its line and
//! column in the file; all errors are collected, not just the first.

use std::collections::BTreeMap;

use policy::fuzzy::did_you_mean;
use policy::json::{self, Kind, Member, Value};
use policy::path::{JsonPath, Seg};
use policy::{LineIndex, Severity, Span};

use super::error::{cut, Omitted};
use super::quota::*;
use super::*;
use crate::schema::key::*;
use crate::schema::{TEXT_KEYS, TOP_KEYS};

pub(super) struct Loader<'a> {
    pub(super) text: &'a str,
    pub(super) lines: &'a LineIndex,
    /// The first [`MAX_ERRORS`] errors, located.
    errors: Vec<LoadError>,
    /// The first [`MAX_ERRORS`] warnings, located.
    warnings: Vec<LoadError>,
    /// Errors and warnings found past the cap: counted, never located,
    /// with where the first of them is.
    omitted: Omitted,
    omitted_warnings: Omitted,
    /// Absorbs what callers write into an error that is not listed.
    spare: LoadError,
    /// Names "did you mean" may still compare against (see [`FUZZY_BUDGET`]).
    pub(super) fuzzy_budget: usize,
    /// The world's ARNs, for the steps' lookups in time `log n`.
    pub(super) arns: ArnIndex,
    /// ARNs of users, groups, roles and instance profiles that are listed
    /// but were refused (their error is already reported): a step or an
    /// entity naming one gets no second "unknown …" error. A map used as a set.
    pub(super) refused: BTreeMap<String, usize>,
}

/// ARN → index in the scenario's lists (the first entity with that ARN).
#[derive(Default)]
pub(super) struct ArnIndex {
    pub(super) users: BTreeMap<String, usize>,
    pub(super) roles: BTreeMap<String, usize>,
    pub(super) instance_profiles: BTreeMap<String, usize>,
}

/// ARN → index of the first item with it.
pub(super) fn by_arn<T>(items: &[T], arn: impl Fn(&T) -> &str) -> BTreeMap<String, usize> {
    let mut map = BTreeMap::new();
    for (i, item) in items.iter().enumerate().rev() {
        // Backwards, so the first item with an ARN is the one kept.
        map.insert(arn(item).to_string(), i);
    }
    map
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
/// let s = sts::load(r#"{"Scenario": 1, "Steps": [{"Advance": 60}]}"#).map_err(|e| format!("{e:?}"))?;
/// assert_eq!(s.steps.len(), 1);
/// let errors = sts::load(r#"{"Scenario": 1, "Step": []}"#).unwrap_err();
/// assert_eq!(errors[0].path.to_string(), "$.Step");
/// assert_eq!(errors[0].help.as_deref(), Some("did you mean `Steps`?"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn load(text: &str) -> Result<Scenario, Vec<LoadError>> {
    let root = parse_document(text).map_err(|e| vec![e])?;
    load_document(text, &root)
}

/// The text of a scenario file, or where it stops being UTF-8 text (the
/// line and column of the first byte that is not part of a UTF-8
/// character). The CLI and the page read files through this, so they
/// reject the same bytes at the same place.
///
/// ```
/// let e = sts::scenario::decode_utf8(b"{\n  \"Title\": \"caf\xe9\"}").unwrap_err();
/// assert_eq!((e.position.line, e.position.column), (2, 16));
/// assert_eq!(sts::scenario::decode_utf8("ロール".as_bytes()).map_err(|e| format!("{e:?}"))?, "ロール");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn decode_utf8(bytes: &[u8]) -> Result<&str, LoadError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let good = e.valid_up_to();
        let prefix = std::str::from_utf8(bytes.get(..good).unwrap_or_default()).unwrap_or_default();
        let lines = LineIndex::new(prefix);
        let at = u32::try_from(good).unwrap_or(u32::MAX);
        let l = Loader::new(prefix, &lines);
        let byte = bytes.get(good).copied().unwrap_or(0);
        let message = match e.error_len() {
            Some(_) => format!("the file is not UTF-8 text: byte {good} (0x{byte:02X}) is not part of a UTF-8 character"),
            None => format!("the file is not UTF-8 text: it ends in the middle of a UTF-8 character (byte {good})"),
        };
        let mut err = l.located("InvalidScenario", &JsonPath::root(), Span::new(at, at), message);
        err.help = Some("save the scenario as UTF-8, as JSON text always is".into());
        err
    })
}

/// The document's JSON tree (every value with its span), or why the text
/// is not JSON. [`load_document`] then reads the scenario from the tree, so
/// a caller that also needs the tree (the playground) parses only once.
pub fn parse_document(text: &str) -> Result<Value, LoadError> {
    if text.len() > MAX_DOCUMENT_BYTES {
        let lines = LineIndex::default();
        let l = Loader::new("", &lines);
        let mut e = l.located(
            "LimitExceeded",
            &JsonPath::root(),
            Span::default(),
            format!("the scenario is {} bytes; a scenario is at most {MAX_DOCUMENT_BYTES} bytes (4 MiB)", text.len()),
        );
        e.help = Some("split it into several scenarios".into());
        return Err(e);
    }
    json::parse(text).map_err(|e| {
        let lines = LineIndex::new(text);
        let l = Loader::new(text, &lines);
        l.located("InvalidScenario", &JsonPath::root(), e.span, format!("the scenario is not valid JSON: {}", e.message))
    })
}

/// Loads a scenario from its parsed document (`root` must be the tree of
/// `text`: its spans index `text`).
pub fn load_document(text: &str, root: &Value) -> Result<Scenario, Vec<LoadError>> {
    let lines = LineIndex::new(text);
    let mut l = Loader::new(text, &lines);
    // Overlong strings are reported alone: nothing else reads them.
    l.long_strings(root, &mut Vec::new());
    let scenario = if l.errors.is_empty() { l.scenario(root) } else { None };
    let (errors, warnings) = l.finish();
    match scenario {
        Some(s) if errors.is_empty() => Ok(Scenario { warnings, ..s }),
        _ => Err(errors),
    }
}

/// Reads one more step of `s` from its JSON text: a request to make after
/// the scenario's own steps (what `sts::api::World::authorize` runs). It is
/// checked as a step of the scenario would be; paths start at `$`.
pub fn load_step(s: &Scenario, text: &str) -> Result<Step, Vec<LoadError>> {
    let root = parse_document(text).map_err(|e| vec![e])?;
    let lines = LineIndex::new(text);
    let mut l = Loader::new(text, &lines);
    l.long_strings(&root, &mut Vec::new());
    l.arns = ArnIndex {
        users: by_arn(&s.users, |u| &u.arn),
        roles: by_arn(&s.roles, |r| &r.arn),
        instance_profiles: by_arn(&s.instance_profiles, |x| &x.arn),
    };
    let kinds: Vec<Option<bool>> =
        s.steps.iter().map(|st| Some(matches!(st.kind, StepKind::Assume(_) | StepKind::SessionToken(_)))).collect();
    let step = if l.errors.is_empty() { l.step(&root, &JsonPath::root(), s, s.steps.len(), &kinds) } else { None };
    let (errors, _) = l.finish();
    match step {
        Some(step) if errors.is_empty() => Ok(step),
        _ if errors.is_empty() => Err(vec![LoadError {
            path: JsonPath::root(),
            message: "not a request".into(),
            help: None,
            position: lines.position(text, 0),
            end: lines.position(text, 0),
            policy_position: None,
            code: "InvalidScenario",
            severity: Severity::Error,
        }]),
        _ => Err(errors),
    }
}

impl<'a> Loader<'a> {
    pub(super) fn new(text: &'a str, lines: &'a LineIndex) -> Self {
        Loader {
            text,
            lines,
            errors: Vec::new(),
            warnings: Vec::new(),
            omitted: Omitted::default(),
            omitted_warnings: Omitted::default(),
            spare: LoadError::blank(),
            fuzzy_budget: FUZZY_BUDGET,
            arns: ArnIndex::default(),
            refused: BTreeMap::new(),
        }
    }

    /// A located problem (not yet listed anywhere); a very long message
    /// (one quoting long input) is cut short.
    pub(super) fn located(&self, code: &'static str, path: &JsonPath, span: Span, message: impl Into<String>) -> LoadError {
        let (position, end) = self.lines.range(self.text, span);
        LoadError {
            path: path.clone(),
            message: cut(message.into()),
            help: None,
            position,
            end,
            policy_position: None,
            code,
            severity: Severity::Error,
        }
    }

    /// Reports every string and key longer than [`MAX_STRING_CHARS`]; `at`
    /// is the path of `v` as segments (a path is built only for an error).
    fn long_strings(&mut self, v: &Value, at: &mut Vec<Seg>) {
        let too_long = |s: &str| s.len() > MAX_STRING_CHARS && s.chars().count() > MAX_STRING_CHARS;
        match &v.kind {
            Kind::String(s) if too_long(s) => {
                let n = s.chars().count();
                let path = JsonPath::from_segments(at.clone());
                self.err_code(
                    "LimitExceeded",
                    &path,
                    v.span,
                    format!("this string is {n} characters; a scenario's strings are at most {MAX_STRING_CHARS}"),
                );
            }
            Kind::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    at.push(Seg::Index(i));
                    self.long_strings(item, at);
                    at.pop();
                }
            }
            Kind::Object(members) => {
                for m in members {
                    if too_long(&m.key) {
                        let n = m.key.chars().count();
                        let path = JsonPath::from_segments(at.clone());
                        let e = self.err_code(
                            "LimitExceeded",
                            &path,
                            m.key_span,
                            format!("this key is {n} characters; a scenario's keys are at most {MAX_STRING_CHARS}"),
                        );
                        e.help = Some("keys are names such as `Roles` or `aws:SourceIp`".into());
                    } else {
                        at.push(Seg::Key(m.key.clone()));
                        self.long_strings(&m.value, at);
                        at.pop();
                    }
                }
            }
            _ => {}
        }
    }

    /// Whether the error list is full: further errors are only counted, and
    /// no help ("did you mean") is worked out for them.
    pub(super) fn full(&self) -> bool {
        self.errors.len() >= MAX_ERRORS
    }

    pub(super) fn err(&mut self, path: &JsonPath, span: Span, message: impl Into<String>) -> &mut LoadError {
        self.err_code("InvalidScenario", path, span, message)
    }

    /// Records an error (located while fewer than [`MAX_ERRORS`] are
    /// listed; counted after that). The returned error takes a help text.
    pub(super) fn err_code(&mut self, code: &'static str, path: &JsonPath, span: Span, message: impl Into<String>) -> &mut LoadError {
        if self.full() {
            self.omitted.add(path, span);
            return &mut self.spare;
        }
        let e = self.located(code, path, span, message);
        self.errors.push(e);
        let n = self.errors.len() - 1;
        #[expect(clippy::indexing_slicing, reason = "just pushed")]
        &mut self.errors[n]
    }

    /// An error whose help text is worked out only if the error is listed.
    pub(super) fn err_help(&mut self, path: &JsonPath, span: Span, message: impl Into<String>, help: impl FnOnce(&mut Self) -> String) {
        if self.full() {
            self.err(path, span, message);
        } else {
            let h = help(self);
            self.err(path, span, message).help = Some(cut(h));
        }
    }

    /// Records a warning (listed up to [`MAX_ERRORS`], counted after).
    pub(super) fn warn(&mut self, w: impl FnOnce(&Self) -> LoadError, path: &JsonPath, span: Span) {
        if self.warnings.len() >= MAX_ERRORS {
            self.omitted_warnings.add(path, span);
        } else {
            let w = w(self);
            self.warnings.push(LoadError { severity: Severity::Warning, ..w });
        }
    }

    /// Counts errors and warnings that are not listed (those a policy left
    /// out of its own list), with where the first of them is.
    pub(super) fn omit(&mut self, errors: usize, warnings: usize, path: &JsonPath, span: Span) {
        self.omitted.add_many(errors, path, span);
        self.omitted_warnings.add_many(warnings, path, span);
    }

    /// The errors and warnings, each list ending with an entry that counts
    /// those not listed, if any.
    fn finish(self) -> (Vec<LoadError>, Vec<LoadError>) {
        let summary = |o: &Omitted, code: &'static str, what: &str, severity: Severity| {
            o.first.as_ref().map(|(path, span)| LoadError {
                help: Some(format!("a scenario lists at most {MAX_ERRORS} {what}s; fix these and load it again to see the rest")),
                severity,
                ..self.located(code, path, *span, format!("and {} more {what}{} not listed", o.count, if o.count == 1 { "" } else { "s" }))
            })
        };
        let more = summary(&self.omitted, TOO_MANY_ERRORS, "error", Severity::Error);
        let more_warnings = summary(&self.omitted_warnings, TOO_MANY_WARNINGS, "warning", Severity::Warning);
        let (mut errors, mut warnings) = (self.errors, self.warnings);
        errors.extend(more);
        warnings.extend(more_warnings);
        (errors, warnings)
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
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for m in members {
            let p = path.key(&m.key);
            if seen.insert(m.key.clone(), 0).is_some() {
                self.err(&p, m.key_span, format!("duplicate key `{}` in {what}", m.key));
            } else if !known.contains(&m.key.as_str()) {
                self.err_help(&p, m.key_span, format!("unknown key `{}` in {what}", m.key), |_| match did_you_mean(&m.key, known) {
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
            self.refused.insert(arn.clone(), 0);
        }
    }

    /// Whether `arn` names a listed entity that was refused.
    pub(super) fn was_refused(&self, arn: &str) -> bool {
        self.refused.contains_key(arn)
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
                let text = v.to_json_text();
                let digits = text.strip_prefix('-').unwrap_or(&text);
                let message = if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                    format!("`{}` is out of range: whole numbers here lie between -2^63 and 2^63-1", show_number(&text))
                } else {
                    format!("expected a whole number, not `{}`", show_number(&text))
                };
                self.err(path, v.span, message);
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
                    Some(Some(t)) if (0..=MAX_CLOCK).contains(&t) => t,
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
        self.arns = ArnIndex {
            users: by_arn(&s.users, |u| &u.arn),
            roles: by_arn(&s.roles, |r| &r.arn),
            instance_profiles: by_arn(&s.instance_profiles, |x| &x.arn),
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

/// A number's text for a message (a very long one cut short).
fn show_number(text: &str) -> String {
    match text.get(..40) {
        Some(head) if text.len() > 40 => format!("{head}… ({} digits)", text.len()),
        _ => text.to_string(),
    }
}

/// The first member named `key`.
pub(super) fn get<'m>(members: &'m [Member], key: &str) -> Option<&'m Member> {
    members.iter().find(|m| m.key == key)
}
