//! One statement: `Sid`, `Effect`, `Principal`, `Action`, `Resource` and
//! `Condition`, with the element rules IAM enforces.

use super::{Parser, STATEMENT_KEYS};
use crate::ast::*;
use crate::condition::{parse_condition, ConditionBlock};
use crate::issue::IssueCode;
use crate::json::{Kind, Member, Value};
use crate::path::JsonPath;
use crate::pattern::{Flavor, Pattern};
use crate::span::Span;

impl Parser<'_> {
    pub(super) fn statement(&mut self, value: &Value, path: &JsonPath, idx: usize) -> Option<Statement> {
        let Kind::Object(members) = &value.kind else {
            self.error(
                IssueCode::DataTypeMismatch,
                path,
                value.span,
                format!("a statement must be a JSON object, not {}", value.kind_name()),
            );
            return None;
        };
        self.check_keys(members, path, STATEMENT_KEYS, "a statement", IssueCode::InvalidPolicyElement);
        let get = |k: &str| members.iter().find(|m| m.key == k);
        let mut ok = true;

        let sid = match get("Sid") {
            None => None,
            Some(m) => match &m.value.kind {
                Kind::String(s) => {
                    let iam = !matches!(self.kind, PolicyType::Resource);
                    if iam && !s.chars().all(|c| c.is_ascii_alphanumeric()) {
                        self.error(
                            IssueCode::UnsupportedSid,
                            &path.key("Sid"),
                            m.value.span,
                            format!("`Sid` `{s}` must be alphanumeric (A–Z, a–z, 0–9) in IAM policies"),
                        );
                    }
                    Some(s.clone())
                }
                _ => {
                    self.error(
                        IssueCode::DataTypeMismatch,
                        &path.key("Sid"),
                        m.value.span,
                        format!("`Sid` must be a string, not {}", m.value.kind_name()),
                    );
                    None
                }
            },
        };

        let effect = match get("Effect") {
            None => {
                self.error(IssueCode::MissingEffect, path, value.span, "the statement has no `Effect`; it must be `Allow` or `Deny`");
                ok = false;
                Effect::Deny
            }
            Some(m) => match &m.value.kind {
                Kind::String(s) if s == "Allow" => Effect::Allow,
                Kind::String(s) if s == "Deny" => Effect::Deny,
                Kind::String(s) => {
                    let d = self.error(
                        IssueCode::InvalidEffect,
                        &path.key("Effect"),
                        m.value.span,
                        format!("`Effect` must be `Allow` or `Deny`, not `{s}`"),
                    );
                    if s.eq_ignore_ascii_case("allow") || s.eq_ignore_ascii_case("deny") {
                        d.help = Some("`Effect` is case-sensitive".into());
                    }
                    ok = false;
                    Effect::Deny
                }
                _ => {
                    self.error(
                        IssueCode::DataTypeMismatch,
                        &path.key("Effect"),
                        m.value.span,
                        format!("`Effect` must be the string `Allow` or `Deny`, not {}", m.value.kind_name()),
                    );
                    ok = false;
                    Effect::Deny
                }
            },
        };

        // Principal / NotPrincipal.
        let principal = match (get("Principal"), get("NotPrincipal")) {
            (Some(_), Some(n)) => {
                self.error(
                    IssueCode::UnsupportedElementCombination,
                    &path.key("NotPrincipal"),
                    n.key_span,
                    "a statement cannot have both `Principal` and `NotPrincipal`",
                );
                ok = false;
                None
            }
            (Some(m), None) => self.principal(m, path, false),
            (None, Some(m)) => self.principal(m, path, true),
            (None, None) => {
                if self.kind.has_principal() {
                    self.error(
                        IssueCode::MissingPrincipal,
                        path,
                        value.span,
                        "the statement has no `Principal`; resource-based and trust policies must say who they apply to",
                    )
                    .help = Some(match self.kind {
                        PolicyType::Trust => {
                            "e.g. \"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:root\"} or {\"Service\": \"lambda.amazonaws.com\"}"
                                .into()
                        }
                        _ => "e.g. \"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:user/name\"}".into(),
                    });
                    ok = false;
                }
                None
            }
        };
        if let Some(p) = principal.as_ref().filter(|p| p.negated) {
            if self.kind == PolicyType::Trust {
                self.error(
                    IssueCode::RoleTrustPolicySyntaxErrorNotprincipal,
                    &path.key("NotPrincipal"),
                    p.span,
                    "`NotPrincipal` is not supported in a role trust policy",
                );
                ok = false;
            } else if effect == Effect::Allow {
                // Resource-based policies accept it; it allows everyone but
                // the principals listed (IAM Access Analyzer's security
                // warning ALLOW_WITH_NOT_PRINCIPAL).
                self.warn(
                    "allow-with-not-principal",
                    IssueCode::AllowWithNotPrincipal,
                    &path.key("NotPrincipal"),
                    p.span,
                    "security warning: `NotPrincipal` with `\"Effect\": \"Allow\"` allows every principal except the ones listed, anonymous (unauthenticated) callers included",
                );
                if let Some(d) = self.diags.last_mut() {
                    d.help = Some(
                        "AWS does not support `NotPrincipal` with `Allow` and recommends `Principal` with a condition on `aws:PrincipalArn` (an ARN condition operator) instead"
                            .into(),
                    );
                }
            }
        }

        // Action / NotAction.
        let action = match (get("Action"), get("NotAction")) {
            (Some(_), Some(n)) => {
                self.error(
                    IssueCode::UnsupportedElementCombination,
                    &path.key("NotAction"),
                    n.key_span,
                    "a statement cannot have both `Action` and `NotAction`",
                );
                ok = false;
                None
            }
            (Some(m), None) => self.actions(m, path, false),
            (None, Some(m)) => self.actions(m, path, true),
            (None, None) => {
                self.error(IssueCode::MissingAction, path, value.span, "the statement has no `Action` or `NotAction`");
                ok = false;
                None
            }
        };

        // Resource / NotResource.
        let resource = match (get("Resource"), get("NotResource")) {
            (Some(_), Some(n)) => {
                self.error(
                    IssueCode::UnsupportedElementCombination,
                    &path.key("NotResource"),
                    n.key_span,
                    "a statement cannot have both `Resource` and `NotResource`",
                );
                ok = false;
                None
            }
            (Some(m), None) | (None, Some(m)) if self.kind == PolicyType::Trust => {
                self.error(
                    IssueCode::RoleTrustPolicySyntaxErrorResource,
                    &path.key(&m.key),
                    m.key_span,
                    format!("a role trust policy cannot have `{}`: the resource is always the role itself", m.key),
                );
                ok = false;
                None
            }
            (Some(m), None) => self.resources(m, path, false),
            (None, Some(m)) => self.resources(m, path, true),
            (None, None) => {
                if self.kind != PolicyType::Trust {
                    self.error(IssueCode::MissingResource, path, value.span, "the statement has no `Resource` or `NotResource`").help =
                        Some("use \"Resource\": \"*\" for actions that do not support resource-level permissions".into());
                    ok = false;
                }
                None
            }
        };

        let condition = match get("Condition") {
            None => ConditionBlock { entries: Vec::new(), span: Span::default() },
            Some(m) => {
                let before = self.diags.len();
                let c = parse_condition(&m.value, &path.key("Condition"), self.variables, &mut self.diags);
                if self.diags.iter().skip(before).any(|d| d.is_error()) {
                    ok = false;
                }
                c
            }
        };

        let action = action?;
        if !ok {
            return None;
        }
        let (start, end) = self.lines.range(self.text, value.span);
        Some(Statement { index: idx, sid, effect, principal, action, resource, condition, span: value.span, start, end })
    }

    /// A string or a non-empty array of strings.
    pub(super) fn string_list<'v>(&mut self, m: &'v Member, path: &JsonPath) -> Option<Vec<(&'v str, Span, JsonPath)>> {
        let p = path.key(&m.key);
        match &m.value.kind {
            Kind::String(s) => Some(vec![(s.as_str(), m.value.span, p)]),
            Kind::Array(items) => {
                if items.is_empty() {
                    let issue = match m.key.as_str() {
                        "Action" | "NotAction" => IssueCode::EmptyArrayAction,
                        "Resource" | "NotResource" => IssueCode::EmptyArrayResource,
                        _ => IssueCode::EmptyArrayPrincipal,
                    };
                    self.error(issue, &p, m.value.span, format!("`{}` is an empty list; it would match nothing", m.key));
                    return None;
                }
                let mut out = Vec::with_capacity(items.len());
                let mut ok = true;
                for (i, it) in items.iter().enumerate() {
                    match &it.kind {
                        Kind::String(s) => out.push((s.as_str(), it.span, p.index(i))),
                        _ => {
                            self.error(
                                IssueCode::DataTypeMismatch,
                                &p.index(i),
                                it.span,
                                format!("each entry of `{}` must be a string, not {}", m.key, it.kind_name()),
                            );
                            ok = false;
                        }
                    }
                }
                ok.then_some(out)
            }
            _ => {
                self.error(
                    IssueCode::DataTypeMismatch,
                    &p,
                    m.value.span,
                    format!("`{}` must be a string or an array of strings, not {}", m.key, m.value.kind_name()),
                );
                None
            }
        }
    }

    fn actions(&mut self, m: &Member, path: &JsonPath, negated: bool) -> Option<PatternList> {
        let list = self.string_list(m, path)?;
        let mut items = Vec::with_capacity(list.len());
        let mut ok = true;
        for (s, span, p) in list {
            if s != "*" {
                let Some((service, name)) = s.split_once(':') else {
                    self.error(
                        IssueCode::InvalidAction,
                        &p,
                        span,
                        format!("action `{s}` must be prefaced by a service prefix, e.g. `iam:`, `s3:`, `sts:`"),
                    )
                    .help = Some("write actions as `service:Action`, e.g. `sts:AssumeRole`".into());
                    ok = false;
                    continue;
                };
                if service.is_empty()
                    || name.is_empty()
                    || !service.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '*' || c == '?')
                {
                    self.error(IssueCode::InvalidAction, &p, span, format!("`{s}` is not a valid action: expected `service:Action`"));
                    ok = false;
                    continue;
                }
                if self.kind == PolicyType::Trust && !service.eq_ignore_ascii_case("sts") && !service.contains(['*', '?']) {
                    self.error(
                        IssueCode::UnsupportedActionInRoleTrustPolicy,
                        &p,
                        span,
                        format!("a role trust policy can only allow `sts:` actions such as `sts:AssumeRole`, not `{s}`"),
                    )
                    .help = Some("the permissions the role grants belong in its permission policies, not in its trust policy".into());
                    ok = false;
                    continue;
                }
            }
            match Pattern::compile(s, Flavor::Glob, true, false) {
                Ok(pat) => items.push(Item { value: pat, span }),
                Err(e) => {
                    self.error(IssueCode::InvalidAction, &p, span, format!("invalid action `{s}`: {}", e.message));
                    ok = false;
                }
            }
        }
        ok.then_some(PatternList { negated, items, span: m.value.span })
    }

    fn resources(&mut self, m: &Member, path: &JsonPath, negated: bool) -> Option<PatternList> {
        let list = self.string_list(m, path)?;
        let mut items = Vec::with_capacity(list.len());
        let mut ok = true;
        for (s, span, p) in list {
            if s != "*" && !s.starts_with("arn:") {
                self.error(IssueCode::InvalidArnPrefix, &p, span, format!("resource `{s}` must be in ARN format or `*`")).help =
                    Some("e.g. `arn:aws:s3:::amzn-s3-demo-bucket/*` or `arn:aws:iam::111122223333:role/name`".into());
                ok = false;
                continue;
            }
            if s != "*" && s.split(':').count() < 6 && !s.ends_with('*') {
                self.warn(
                    "short-arn",
                    IssueCode::MissingArnField,
                    &p,
                    span,
                    format!("resource `{s}` has fewer than six ARN parts, so it matches no resource"),
                );
            }
            match Pattern::compile(s, Flavor::Arn, false, self.variables) {
                Ok(pat) => items.push(Item { value: pat, span }),
                Err(e) => {
                    self.error(IssueCode::InvalidPolicyVariable, &p, span, format!("invalid resource `{s}`: {}", e.message));
                    ok = false;
                }
            }
        }
        ok.then_some(PatternList { negated, items, span: m.value.span })
    }
}
