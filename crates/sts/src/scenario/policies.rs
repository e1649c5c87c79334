//! Policies inside a scenario: object or string form, their diagnostics
//! located in the file (and inside the policy's own text), inline policy
//! lists, tags, size quotas, and the session policy of a step.

use policy::json::{Kind, Value};
use policy::path::JsonPath;
use policy::{non_whitespace_len, parse_policy, parse_policy_value, Diagnostic, LineIndex, PolicySource, PolicyType};

use super::error::cut;
use super::load::{get, Loader};
use super::quota::{MANAGED_QUOTA, SESSION_POLICY_QUOTA};
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

    /// The entries of a `Policies` list: inline policies and, with a
    /// `PolicyArn` (extension), attached managed policies. Inline policies
    /// share the owner's inline quota and need unique names; a managed
    /// policy has its own quota (6,144 for a customer managed policy; AWS
    /// managed policies are AWS's own) and is attached at most once.
    pub(super) fn inline_policies(
        &mut self,
        v: &Value,
        path: &JsonPath,
        source: PolicySource,
        quota: usize,
        owner: &str,
    ) -> Vec<PolicyDoc> {
        let mut out = Vec::new();
        let mut inline_names: Vec<String> = Vec::new();
        let mut managed: Vec<String> = Vec::new();
        let mut inline_total = 0;
        for (p, item, members) in self.objects(v, path, INLINE_KEYS, "an inline policy") {
            let name = match get(members, POLICY_NAME) {
                Some(m) => self.string(&m.value, &p.key(POLICY_NAME)),
                None => {
                    self.err(&p, item.span, "an inline policy needs a `PolicyName`");
                    None
                }
            };
            let arn = match get(members, POLICY_ARN) {
                Some(m) => self.managed_arn(&m.value, &p.key(POLICY_ARN), name.as_deref()),
                None => None,
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
                match &arn {
                    Some(arn) => {
                        if managed.contains(arn) {
                            self.err(&p.key(POLICY_ARN), item.span, format!("{owner} has the managed policy `{arn}` attached twice"));
                        }
                        managed.push(arn.clone());
                        if !arn.contains(":iam::aws:") && d.size > MANAGED_QUOTA {
                            self.err_code(
                                "LimitExceeded",
                                &p.key(POLICY_DOCUMENT),
                                doc.value.span,
                                format!(
                                    "the managed policy `{arn}` is {} characters (not counting whitespace); the quota is {MANAGED_QUOTA}",
                                    d.size
                                ),
                            );
                        }
                    }
                    None => {
                        if inline_names.contains(&name) {
                            self.err(&p.key(POLICY_NAME), item.span, format!("{owner} already has an inline policy named `{name}`"));
                        }
                        inline_names.push(name.clone());
                        inline_total += d.size;
                    }
                }
                out.push(PolicyDoc { name, ..d });
            }
        }
        if inline_total > quota {
            self.err_code(
                "LimitExceeded",
                path,
                v.span,
                format!("the inline policies of {owner} total {inline_total} characters (not counting whitespace); the quota is {quota}"),
            );
        }
        out
    }

    /// A managed policy's ARN: `arn:PARTITION:iam::ACCOUNT:policy/[PATH/]NAME`
    /// (the account `aws` for an AWS managed policy), whose name must be the
    /// entry's `PolicyName`.
    fn managed_arn(&mut self, v: &Value, path: &JsonPath, name: Option<&str>) -> Option<String> {
        let arn = self.string(v, path)?;
        let ok = policy::arn::Arn::parse(&arn).ok().filter(|a| {
            a.service == "iam"
                && a.region.is_empty()
                && (a.account == "aws" || policy::arn::is_account_id(&a.account))
                && a.resource.starts_with("policy/")
        });
        let Some(parsed) = ok else {
            self.err(path, v.span, format!("`{arn}` is not a managed policy ARN")).help = Some(
                "a managed policy ARN is `arn:aws:iam::ACCOUNT:policy/NAME`, or `arn:aws:iam::aws:policy/NAME` for an AWS managed policy"
                    .into(),
            );
            return None;
        };
        let arn_name = parsed.resource.rsplit('/').next().unwrap_or_default();
        if let Some(n) = name {
            if n != arn_name {
                self.err(path, v.span, format!("the `PolicyName` `{n}` is not the name in `{arn}` (`{arn_name}`)"));
            }
        }
        Some(arn)
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
