//! JSON value → typed [`Policy`], validating like IAM does.
//!
//! All problems are collected, not just the first. Errors use the code
//! `MalformedPolicyDocument` (what AWS answers); lint findings are warnings.

use crate::arn::{is_account_id, Arn, IamKind};
use crate::ast::*;
use crate::condition::{parse_condition, ConditionBlock};
use crate::diagnostic::{Diagnostic, Severity};
use crate::json::{self, Kind, Member, Value};
use crate::pattern::{Flavor, Pattern};
use crate::span::{LineIndex, Span};

/// The result of parsing one policy: the policy when it has no errors,
/// and every diagnostic (errors and warnings) found.
#[derive(Debug)]
pub struct Parsed {
    pub policy: Option<Policy>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Parsed {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }
}

/// Parses a policy given as JSON text. Paths start at `$`; spans index `text`.
pub fn parse_policy(text: &str, kind: PolicyType) -> Parsed {
    match json::parse(text) {
        Ok(value) => {
            let lines = LineIndex::new(text);
            parse_policy_value(&value, "$", kind, text, &lines)
        }
        Err(e) => Parsed {
            policy: None,
            diagnostics: vec![Diagnostic::error("$", e.span, format!("the policy is not valid JSON: {}", e.message))],
        },
    }
}

/// Parses a policy given as an already parsed JSON value. `path` is the
/// value's JSON path; `text`/`lines` are the source its spans index (for
/// statement positions).
pub fn parse_policy_value(value: &Value, path: &str, kind: PolicyType, text: &str, lines: &LineIndex) -> Parsed {
    let mut p = Parser { diags: Vec::new(), kind, variables: true, text, lines };
    let policy = p.policy(value, path);
    let has_errors = p.diags.iter().any(|d| d.severity == Severity::Error);
    Parsed { policy: if has_errors { None } else { policy }, diagnostics: p.diags }
}

/// Characters other than whitespace: what AWS's policy size quotas count.
pub fn non_whitespace_len(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

struct Parser<'a> {
    diags: Vec<Diagnostic>,
    kind: PolicyType,
    variables: bool,
    text: &'a str,
    lines: &'a LineIndex,
}

const TOP_KEYS: &[&str] = &["Version", "Id", "Statement"];
const STATEMENT_KEYS: &[&str] =
    &["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"];

/// `path.key`, or `path["key"]` when the key is not a plain identifier.
pub(crate) fn child(path: &str, key: &str) -> String {
    if key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') && !key.is_empty() {
        format!("{path}.{key}")
    } else {
        let mut s = String::with_capacity(path.len() + key.len() + 4);
        s.push_str(path);
        s.push('[');
        json::escape_string(key, &mut s);
        s.push(']');
        s
    }
}

fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

/// The closest of `candidates` to `word` (case-insensitive edit distance
/// at most 2, or an exact case-insensitive match), for "did you mean".
pub fn did_you_mean<'c>(word: &str, candidates: &[&'c str]) -> Option<&'c str> {
    closest(word, candidates.iter().copied())
}

/// [`did_you_mean`] over any list of candidates.
pub(crate) fn closest<'c>(word: &str, candidates: impl Iterator<Item = &'c str>) -> Option<&'c str> {
    let w = word.to_ascii_lowercase();
    let bound = 2.max(w.chars().count() / 4);
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = edit_distance(&w, &c.to_ascii_lowercase());
        if d <= bound && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len() > 64 || b.len() > 64 {
        return usize::MAX;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        if let Some(c0) = cur.first_mut() {
            *c0 = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let sub = prev.get(j).copied().unwrap_or(0) + usize::from(ca != cb);
            let del = prev.get(j + 1).copied().unwrap_or(0) + 1;
            let ins = cur.get(j).copied().unwrap_or(0) + 1;
            if let Some(slot) = cur.get_mut(j + 1) {
                *slot = sub.min(del).min(ins);
            }
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.last().copied().unwrap_or(usize::MAX)
}

impl Parser<'_> {
    fn error(&mut self, path: &str, span: Span, msg: impl Into<String>) -> &mut Diagnostic {
        self.diags.push(Diagnostic::error(path, span, msg));
        let last = self.diags.len() - 1;
        #[expect(clippy::indexing_slicing, reason = "just pushed")]
        &mut self.diags[last]
    }

    fn warn(&mut self, code: &'static str, path: &str, span: Span, msg: impl Into<String>) {
        self.diags.push(Diagnostic::warning(code, path, span, msg));
    }

    /// Reports duplicate and unknown keys of an object.
    fn check_keys(&mut self, members: &[Member], path: &str, known: &[&str], what: &str) {
        for (i, m) in members.iter().enumerate() {
            if members.iter().take(i).any(|o| o.key == m.key) {
                self.error(&child(path, &m.key), m.key_span, format!("duplicate key `{}` in {what}", m.key));
            } else if !known.contains(&m.key.as_str()) {
                let hint = did_you_mean(&m.key, known);
                let d = self.error(&child(path, &m.key), m.key_span, format!("unknown element `{}` in {what}", m.key));
                if let Some(h) = hint {
                    d.help = Some(format!("did you mean `{h}`?"));
                } else {
                    d.help = Some(format!("{what} may contain {}", list_names(known)));
                }
            }
        }
    }

    fn policy(&mut self, value: &Value, path: &str) -> Option<Policy> {
        let Kind::Object(members) = &value.kind else {
            self.error(path, value.span, format!("a policy document must be a JSON object, not {}", value.kind_name()));
            return None;
        };
        self.check_keys(members, path, TOP_KEYS, "a policy document");
        let get = |k: &str| members.iter().find(|m| m.key == k);

        let version = match get("Version") {
            None => {
                self.warn(
                    "missing-version",
                    path,
                    Span::new(value.span.start, value.span.start.saturating_add(1)),
                    "the policy has no `Version`; AWS then uses `2008-10-17`, where policy variables such as `${aws:username}` are plain text",
                );
                Version::Missing
            }
            Some(m) => match &m.value.kind {
                Kind::String(s) if s == "2012-10-17" => Version::V2012_10_17,
                Kind::String(s) if s == "2008-10-17" => Version::V2008_10_17,
                _ => {
                    let shown = m.value.to_json_text();
                    self.error(
                        &child(path, "Version"),
                        m.value.span,
                        format!("`Version` must be `2012-10-17` or `2008-10-17`, not `{shown}`"),
                    )
                    .help = Some("use \"2012-10-17\", the current policy language version".into());
                    Version::V2012_10_17
                }
            },
        };
        self.variables = version.variables();

        let id = get("Id").and_then(|m| match &m.value.kind {
            Kind::String(s) => Some(s.clone()),
            _ => {
                self.error(&child(path, "Id"), m.value.span, format!("`Id` must be a string, not {}", m.value.kind_name()));
                None
            }
        });

        let mut statements = Vec::new();
        match get("Statement") {
            None => {
                self.error(path, value.span, "the policy has no `Statement`; a policy needs at least one statement");
            }
            Some(m) => {
                let spath = child(path, "Statement");
                match &m.value.kind {
                    Kind::Object(_) => {
                        if let Some(s) = self.statement(&m.value, &spath, 0) {
                            statements.push(s);
                        }
                    }
                    Kind::Array(items) => {
                        if items.is_empty() {
                            self.error(&spath, m.value.span, "`Statement` is empty; a policy needs at least one statement");
                        }
                        for (i, item) in items.iter().enumerate() {
                            if let Some(s) = self.statement(item, &index(&spath, i), i) {
                                statements.push(s);
                            }
                        }
                    }
                    _ => {
                        self.error(
                            &spath,
                            m.value.span,
                            format!("`Statement` must be an object or an array of objects, not {}", m.value.kind_name()),
                        );
                    }
                }
            }
        }
        if let Some(Kind::Array(items)) = get("Statement").map(|m| &m.value.kind) {
            self.check_sids(items, &child(path, "Statement"));
        }
        Some(Policy { kind: self.kind, version, id, statements, span: value.span })
    }

    /// Duplicate `Sid`s, found on the raw statements so that statements
    /// with other errors are checked too.
    fn check_sids(&mut self, items: &[Value], spath: &str) {
        let sid_of = |v: &Value| v.get("Sid").and_then(|s| s.as_str().map(|t| (t.to_string(), s.span)));
        for (i, item) in items.iter().enumerate() {
            let Some((sid, span)) = sid_of(item) else { continue };
            if items.iter().take(i).any(|o| sid_of(o).is_some_and(|(t, _)| t == sid)) {
                let p = format!("{spath}[{i}].Sid");
                self.error(&p, span, format!("duplicate `Sid` `{sid}`: statement IDs in a single policy must be unique"));
            }
        }
    }

    fn statement(&mut self, value: &Value, path: &str, idx: usize) -> Option<Statement> {
        let Kind::Object(members) = &value.kind else {
            self.error(path, value.span, format!("a statement must be a JSON object, not {}", value.kind_name()));
            return None;
        };
        self.check_keys(members, path, STATEMENT_KEYS, "a statement");
        let get = |k: &str| members.iter().find(|m| m.key == k);
        let mut ok = true;

        let sid = match get("Sid") {
            None => None,
            Some(m) => match &m.value.kind {
                Kind::String(s) => {
                    let iam = !matches!(self.kind, PolicyType::Resource);
                    if iam && !s.chars().all(|c| c.is_ascii_alphanumeric()) {
                        self.error(
                            &child(path, "Sid"),
                            m.value.span,
                            format!("`Sid` `{s}` must be alphanumeric (A–Z, a–z, 0–9) in IAM policies"),
                        );
                    }
                    Some(s.clone())
                }
                _ => {
                    self.error(&child(path, "Sid"), m.value.span, format!("`Sid` must be a string, not {}", m.value.kind_name()));
                    None
                }
            },
        };

        let effect = match get("Effect") {
            None => {
                self.error(path, value.span, "the statement has no `Effect`; it must be `Allow` or `Deny`");
                ok = false;
                Effect::Deny
            }
            Some(m) => match &m.value.kind {
                Kind::String(s) if s == "Allow" => Effect::Allow,
                Kind::String(s) if s == "Deny" => Effect::Deny,
                Kind::String(s) => {
                    let d = self.error(&child(path, "Effect"), m.value.span, format!("`Effect` must be `Allow` or `Deny`, not `{s}`"));
                    if s.eq_ignore_ascii_case("allow") || s.eq_ignore_ascii_case("deny") {
                        d.help = Some("`Effect` is case-sensitive".into());
                    }
                    ok = false;
                    Effect::Deny
                }
                _ => {
                    self.error(
                        &child(path, "Effect"),
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
                self.error(&child(path, "NotPrincipal"), n.key_span, "a statement cannot have both `Principal` and `NotPrincipal`");
                ok = false;
                None
            }
            (Some(m), None) => self.principal(m, path, false),
            (None, Some(m)) => self.principal(m, path, true),
            (None, None) => {
                if self.kind.has_principal() {
                    self.error(
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
        if let Some(p) = &principal {
            if p.negated && effect == Effect::Allow {
                self.error(&child(path, "NotPrincipal"), p.span, "`NotPrincipal` can only be used with `\"Effect\": \"Deny\"`");
                ok = false;
            }
            if p.negated && self.kind == PolicyType::Trust {
                self.error(&child(path, "NotPrincipal"), p.span, "`NotPrincipal` is not supported in a role trust policy");
                ok = false;
            }
        }

        // Action / NotAction.
        let action = match (get("Action"), get("NotAction")) {
            (Some(_), Some(n)) => {
                self.error(&child(path, "NotAction"), n.key_span, "a statement cannot have both `Action` and `NotAction`");
                ok = false;
                None
            }
            (Some(m), None) => self.actions(m, path, false),
            (None, Some(m)) => self.actions(m, path, true),
            (None, None) => {
                self.error(path, value.span, "the statement has no `Action` or `NotAction`");
                ok = false;
                None
            }
        };

        // Resource / NotResource.
        let resource = match (get("Resource"), get("NotResource")) {
            (Some(_), Some(n)) => {
                self.error(&child(path, "NotResource"), n.key_span, "a statement cannot have both `Resource` and `NotResource`");
                ok = false;
                None
            }
            (Some(m), None) | (None, Some(m)) if self.kind == PolicyType::Trust => {
                self.error(
                    &child(path, &m.key),
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
                    self.error(path, value.span, "the statement has no `Resource` or `NotResource`").help =
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
                let c = parse_condition(&m.value, &child(path, "Condition"), self.variables, &mut self.diags);
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
    fn string_list<'v>(&mut self, m: &'v Member, path: &str) -> Option<Vec<(&'v str, Span, String)>> {
        let p = child(path, &m.key);
        match &m.value.kind {
            Kind::String(s) => Some(vec![(s.as_str(), m.value.span, p)]),
            Kind::Array(items) => {
                if items.is_empty() {
                    self.error(&p, m.value.span, format!("`{}` is an empty list; it would match nothing", m.key));
                    return None;
                }
                let mut out = Vec::with_capacity(items.len());
                let mut ok = true;
                for (i, it) in items.iter().enumerate() {
                    match &it.kind {
                        Kind::String(s) => out.push((s.as_str(), it.span, index(&p, i))),
                        _ => {
                            self.error(
                                &index(&p, i),
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
                self.error(&p, m.value.span, format!("`{}` must be a string or an array of strings, not {}", m.key, m.value.kind_name()));
                None
            }
        }
    }

    fn actions(&mut self, m: &Member, path: &str, negated: bool) -> Option<PatternList> {
        let list = self.string_list(m, path)?;
        let mut items = Vec::with_capacity(list.len());
        let mut ok = true;
        for (s, span, p) in list {
            if s != "*" {
                let Some((service, name)) = s.split_once(':') else {
                    self.error(&p, span, format!("action `{s}` must be prefaced by a service prefix, e.g. `iam:`, `s3:`, `sts:`")).help =
                        Some("write actions as `service:Action`, e.g. `sts:AssumeRole`".into());
                    ok = false;
                    continue;
                };
                if service.is_empty()
                    || name.is_empty()
                    || !service.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '*' || c == '?')
                {
                    self.error(&p, span, format!("`{s}` is not a valid action: expected `service:Action`"));
                    ok = false;
                    continue;
                }
                if self.kind == PolicyType::Trust && !service.eq_ignore_ascii_case("sts") && !service.contains(['*', '?']) {
                    self.error(
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
                    self.error(&p, span, format!("invalid action `{s}`: {}", e.message));
                    ok = false;
                }
            }
        }
        ok.then_some(PatternList { negated, items, span: m.value.span })
    }

    fn resources(&mut self, m: &Member, path: &str, negated: bool) -> Option<PatternList> {
        let list = self.string_list(m, path)?;
        let mut items = Vec::with_capacity(list.len());
        let mut ok = true;
        for (s, span, p) in list {
            if s != "*" && !s.starts_with("arn:") {
                self.error(&p, span, format!("resource `{s}` must be in ARN format or `*`")).help =
                    Some("e.g. `arn:aws:s3:::amzn-s3-demo-bucket/*` or `arn:aws:iam::111122223333:role/name`".into());
                ok = false;
                continue;
            }
            if s != "*" && s.split(':').count() < 6 && !s.ends_with('*') {
                self.warn("short-arn", &p, span, format!("resource `{s}` has fewer than six ARN parts, so it matches no resource"));
            }
            match Pattern::compile(s, Flavor::Arn, false, self.variables) {
                Ok(pat) => items.push(Item { value: pat, span }),
                Err(e) => {
                    self.error(&p, span, format!("invalid resource `{s}`: {}", e.message));
                    ok = false;
                }
            }
        }
        ok.then_some(PatternList { negated, items, span: m.value.span })
    }

    fn principal(&mut self, m: &Member, path: &str, negated: bool) -> Option<PrincipalSpec> {
        let p = child(path, &m.key);
        if !self.kind.has_principal() {
            let what = match self.kind {
                PolicyType::Identity => "an identity-based policy",
                PolicyType::Boundary => "a permissions boundary",
                PolicyType::Scp => "a service control policy",
                PolicyType::Session => "a session policy",
                _ => "this policy",
            };
            self.error(
                &p,
                m.key_span,
                format!("`{}` is not allowed in {what}: the principal is whoever the policy is attached to", m.key),
            )
            .help = Some("`Principal` belongs in resource-based policies and role trust policies".into());
            return None;
        }
        let mut entries = Vec::new();
        let mut ok = true;
        match &m.value.kind {
            Kind::String(s) if s == "*" => entries.push(Item { value: Principal::Anyone, span: m.value.span }),
            Kind::String(s) => {
                self.error(&p, m.value.span, format!("`{}` must be `\"*\"` or an object such as {{\"AWS\": \"{s}\"}}", m.key));
                return None;
            }
            Kind::Object(members) => {
                self.check_keys(members, &p, &["AWS", "Service", "Federated", "CanonicalUser"], "a principal");
                if members.is_empty() {
                    self.error(&p, m.value.span, format!("`{}` is empty; it must name at least one principal", m.key));
                    return None;
                }
                for pm in members {
                    if !["AWS", "Service", "Federated", "CanonicalUser"].contains(&pm.key.as_str()) {
                        ok = false;
                        continue;
                    }
                    let Some(list) = self.string_list(pm, &p) else {
                        ok = false;
                        continue;
                    };
                    for (s, span, ep) in list {
                        match principal_value(&pm.key, s) {
                            Ok(v) => entries.push(Item { value: v, span }),
                            Err(msg) => {
                                self.error(&ep, span, format!("invalid principal in policy: \"{}\": \"{s}\": {msg}", pm.key));
                                ok = false;
                            }
                        }
                    }
                }
            }
            _ => {
                self.error(&p, m.value.span, format!("`{}` must be `\"*\"` or an object, not {}", m.key, m.value.kind_name()));
                return None;
            }
        }
        ok.then_some(PrincipalSpec { negated, entries, span: m.value.span })
    }
}

fn list_names(names: &[&str]) -> String {
    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}

fn principal_value(key: &str, s: &str) -> Result<Principal, String> {
    match key {
        "AWS" => {
            if s == "*" {
                return Ok(Principal::Anyone);
            }
            if is_account_id(s) {
                return Ok(Principal::Account(s.to_string()));
            }
            if s.contains(['*', '?']) {
                return Err(
                    "wildcards cannot match part of a principal; use `*` alone, or a condition such as `aws:PrincipalArn` with `ArnLike`"
                        .into(),
                );
            }
            let arn = Arn::parse(s).map_err(|e| e.message)?;
            if arn.service != "iam" && arn.service != "sts" {
                return Err(format!("an AWS principal is an IAM or STS ARN, not an `{}` ARN", arn.service));
            }
            if !is_account_id(&arn.account) {
                return Err(format!("`{}` is not an account ID: it must be 12 digits", arn.account));
            }
            if !arn.region.is_empty() {
                return Err("IAM and STS principal ARNs have no region".into());
            }
            let p = match arn.iam_kind() {
                IamKind::Root => Principal::Account(arn.account.clone()),
                IamKind::User { .. } => Principal::User(s.to_string()),
                IamKind::Role { .. } => Principal::Role(s.to_string()),
                IamKind::AssumedRole { .. } => Principal::AssumedRole(s.to_string()),
                IamKind::FederatedUser { .. } => Principal::OtherArn(s.to_string()),
                _ => return Err("expected an account ID, `arn:…:root`, or a user, role or assumed-role ARN".into()),
            };
            Ok(p)
        }
        "Service" => {
            if s.is_empty() || s.contains(['*', '?', ' ']) {
                return Err("a service principal is a name such as `lambda.amazonaws.com`".into());
            }
            Ok(Principal::Service(s.to_string()))
        }
        "Federated" => {
            if s.is_empty() || s.contains(['*', '?', ' ']) {
                return Err("a federated principal is an identity provider ARN or a name such as `cognito-identity.amazonaws.com`".into());
            }
            if s.starts_with("arn:") {
                Arn::parse(s).map_err(|e| e.message)?;
            }
            Ok(Principal::Federated(s.to_string()))
        }
        _ => {
            if s.is_empty() {
                return Err("a canonical user ID cannot be empty".into());
            }
            Ok(Principal::CanonicalUser(s.to_string()))
        }
    }
}
