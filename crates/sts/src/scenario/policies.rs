//! Policies inside a scenario: object or string form, their diagnostics
//! located in the file (and inside the policy's own text), inline policy
//! lists, tags, size quotas, and the session policy of a step.

use policy::json::{Kind, Value};
use policy::path::JsonPath;
use policy::{non_whitespace_len, parse_policy, parse_policy_value, Diagnostic, LineIndex, PolicySource, PolicyType};

use super::error::cut;
use super::load::{get, Loader};
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
        // A policy lists at most 100 diagnostics and then one counting the
        // rest: those count as the scenario's errors and warnings not listed.
        let (errors, warnings) = parsed.omitted;
        let listed = parsed.diagnostics.len() - usize::from(errors + warnings > 0);
        for (i, d) in parsed.diagnostics.iter().enumerate() {
            ok &= !d.is_error();
            if i < listed {
                self.push_policy_diag(d, v, path, inner.as_ref());
            } else {
                let (full, span) = match inner {
                    Some(_) => (path.join(&d.path), v.span),
                    None => (d.path.clone(), d.span),
                };
                self.omit(errors, warnings, &full, span);
            }
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
        // Inside a string-form policy, the diagnostic's path is relative to
        // the policy and the file position is where the string starts.
        let (full, span, policy_position) = match inner {
            Some((s, idx)) => (path.join(&d.path), v.span, Some(idx.range(s, d.span).0)),
            None => (d.path.clone(), d.span, None),
        };
        if d.is_error() {
            let e = self.err_code(d.code, &full, span, d.message.clone());
            e.policy_position = policy_position;
            e.help = d.help.clone().map(cut);
        } else {
            let w = |l: &Self| LoadError {
                policy_position,
                help: d.help.clone().map(cut),
                ..l.located(d.code, &full, span, d.message.clone())
            };
            self.warn(w, &full, span);
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
                path: path.clone(),
            }),
            None => SessionPolicy::Malformed("the session policy is not a valid policy document".into()),
        }
    }
}
