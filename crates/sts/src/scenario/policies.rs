//! Policies inside a scenario: object or string form, their diagnostics
//! located in the file (and inside the policy's own text), inline policy
//! lists, tags, size quotas, and the session policy of a step.

use policy::json::{Kind, Value};
use policy::path::JsonPath;
use policy::{non_whitespace_len, parse_policy, parse_policy_value, Diagnostic, LineIndex, PolicySource, PolicyType, Severity};

use super::load::{get, Loader};
use super::quota::SESSION_POLICY_QUOTA;
use super::*;
use crate::schema::key::*;
use crate::schema::{INLINE_KEYS, TAG_KEYS};

impl Loader<'_> {
    /// A policy given as an object or as a string holding its text.
    pub(super) fn policy(&mut self, v: &Value, path: &JsonPath, kind: PolicyType, name: &str, source: PolicySource) -> Option<PolicyDoc> {
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
        Some(PolicyDoc { name: name.to_string(), source, policy, size, path: path.clone() })
    }

    /// A policy's diagnostic as a scenario error or warning, located in the
    /// file and, for a string-form policy, inside the policy text.
    pub(super) fn push_policy_diag(&mut self, d: &Diagnostic, v: &Value, path: &JsonPath, inner: Option<&(&str, LineIndex)>) {
        let e = match inner {
            Some((s, idx)) => {
                // The diagnostic's path is relative to the policy.
                let full = path.join(&d.path);
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
            self.warnings.push(LoadError { severity: Severity::Warning, ..e });
        }
    }

    pub(super) fn inline_policies(
        &mut self,
        v: &Value,
        path: &JsonPath,
        source: PolicySource,
        quota: usize,
        owner: &str,
    ) -> Vec<PolicyDoc> {
        let mut out = Vec::new();
        for (p, item, members) in self.objects(v, path, INLINE_KEYS, "an inline policy") {
            let name = match get(members, POLICY_NAME) {
                Some(m) => self.string(&m.value, &p.key(POLICY_NAME)),
                None => {
                    self.err(&p, item.span, "an inline policy needs a `PolicyName`");
                    None
                }
            };
            let Some(doc) = get(members, POLICY_DOCUMENT) else {
                self.err(&p, item.span, "an inline policy needs a `PolicyDocument`");
                continue;
            };
            let kind = if source == PolicySource::Role || source == PolicySource::User || source == PolicySource::Group {
                PolicyType::Identity
            } else {
                PolicyType::Resource
            };
            if let (Some(name), Some(d)) = (name.clone(), self.policy(&doc.value, &p.key(POLICY_DOCUMENT), kind, "", source)) {
                if out.iter().any(|o: &PolicyDoc| o.name == name) {
                    self.err(&p.key(POLICY_NAME), item.span, format!("{owner} already has an inline policy named `{name}`"));
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

    pub(super) fn tags(&mut self, v: &Value, path: &JsonPath) -> Vec<Tag> {
        let mut out = Vec::new();
        for (p, item, members) in self.objects(v, path, TAG_KEYS, "a tag") {
            let key = get(members, KEY).and_then(|m| self.string(&m.value, &p.key(KEY)));
            let value = get(members, VALUE).and_then(|m| self.string(&m.value, &p.key(VALUE)));
            match (key, value) {
                (Some(key), Some(value)) => out.push(Tag { key, value }),
                _ => {
                    self.err(&p, item.span, "a tag needs a string `Key` and a string `Value`");
                }
            }
        }
        out
    }

    pub(super) fn quota(&mut self, doc: &Option<PolicyDoc>, v: &Value, path: &JsonPath, quota: usize, what: &str) {
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

    pub(super) fn session_policy(&mut self, v: &Value, path: &JsonPath) -> SessionPolicy {
        let parsed = match &v.kind {
            Kind::String(s) => {
                let idx = LineIndex::new(s);
                let parsed = parse_policy(s, PolicyType::Session);
                // A session policy's limit is on its plaintext, whitespace included.
                (parsed, s.chars().count(), Some((s.as_str(), idx)))
            }
            Kind::Object(_) => {
                let parsed = parse_policy_value(v, path, PolicyType::Session, self.text, self.lines);
                // An object is sent as compact JSON (roleplay's choice).
                (parsed, v.to_json_text().chars().count(), None)
            }
            _ => return SessionPolicy::Malformed(format!("the session policy must be a JSON object or a string, not {}", v.kind_name())),
        };
        let (parsed, size, inner) = parsed;
        if size > SESSION_POLICY_QUOTA {
            let text = match &v.kind {
                Kind::String(s) => s.clone(),
                _ => v.to_json_text(),
            };
            return SessionPolicy::TooLong(text);
        }
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
                path: path.clone(),
            }),
            None => SessionPolicy::Malformed("the session policy is not a valid policy document".into()),
        }
    }
}
