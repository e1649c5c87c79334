//! Steps: AssumeRole (and its web-identity and SAML forms), any other call,
//! and clock steps; their callers, request context and expectations.

use policy::fuzzy::did_you_mean;
use policy::json::{Kind, Member, Value};
use policy::path::JsonPath;
use policy::ContextValue;

use super::hints;
use super::load::{get, Loader};
use super::quota::*;
use super::session_token::GET_SESSION_TOKEN;
use super::*;
use crate::report::Outcome;
use crate::schema::key::*;
use crate::schema::{ASSUME_KEYS, CALLER_KEYS, CALL_KEYS, CLOCK_KEYS, EXPECT_KEYS, OUTCOMES};

impl Loader<'_> {
    pub(super) fn steps(&mut self, v: &Value, s: &Scenario) -> Vec<Step> {
        let mut out = Vec::new();
        let Some(items) = self.array(v, &JsonPath::root().key(STEPS)) else { return out };
        if items.len() > MAX_STEPS {
            self.err(&JsonPath::root().key(STEPS), v.span, format!("{} steps; a scenario has at most {MAX_STEPS}", items.len()));
            return out;
        }
        // For each step so far: Some(true) if it is an AssumeRole step.
        let mut kinds: Vec<Option<bool>> = Vec::with_capacity(items.len());
        // The clock after the clock steps so far (it must stay in 9999).
        let mut clock = s.clock;
        for (i, item) in items.iter().enumerate() {
            let p = JsonPath::root().key(STEPS).index(i);
            let step = self.step(item, &p, s, i, &kinds);
            if let (Some(StepKind::Advance(n)), Some(m)) = (step.as_ref().map(|st| &st.kind), item.get(ADVANCE)) {
                clock = clock.saturating_add(*n);
                if clock > MAX_CLOCK && clock - n <= MAX_CLOCK {
                    self.err(
                        &p.key(ADVANCE),
                        m.span,
                        "`Advance` moves the clock past the end of the year 9999, where the simulated clock ends",
                    );
                }
            }
            // A session is issued by AssumeRole (any form) or GetSessionToken.
            kinds.push(step.as_ref().map(|st| matches!(st.kind, StepKind::Assume(_) | StepKind::SessionToken(_))));
            if let Some(st) = step {
                out.push(st);
            }
        }
        out
    }

    pub(super) fn step(&mut self, item: &Value, p: &JsonPath, s: &Scenario, i: usize, kinds: &[Option<bool>]) -> Option<Step> {
        let Kind::Object(members) = &item.kind else {
            self.err(p, item.span, format!("a step must be an object, not {}", item.kind_name()));
            return None;
        };
        let expect = get(members, EXPECT).and_then(|m| self.expectation(&m.value, &p.key(EXPECT)));
        let note = get(members, NOTE).and_then(|m| self.text(&m.value, &p.key(NOTE)));
        if let Some(m) = get(members, SOURCE) {
            self.source(&m.value, &p.key(SOURCE));
        }
        if let Some(m) = get(members, ADVANCE) {
            self.object(item, p, CLOCK_KEYS, "a clock step");
            let n = self.integer(&m.value, &p.key(ADVANCE))?;
            if n < 0 {
                self.err(&p.key(ADVANCE), m.value.span, format!("`Advance` is {n}; the clock only moves forward"));
                return None;
            }
            if n > MAX_ADVANCE {
                self.err(
                    &p.key(ADVANCE),
                    m.value.span,
                    format!("`Advance` is {n} seconds; a step moves the clock at most {MAX_ADVANCE} seconds (100 years)"),
                );
                return None;
            }
            return Some(Step { kind: StepKind::Advance(n), expect, note });
        }
        let Some(action_m) = get(members, ACTION) else {
            self.err(p, item.span, "a step needs an `Action` (such as `sts:AssumeRole`) or an `Advance` (seconds)");
            return None;
        };
        let action = self.string(&action_m.value, &p.key(ACTION))?;
        let assume = match action.to_ascii_lowercase().as_str() {
            "sts:assumerole" => Some(AssumeKind::AssumeRole),
            "sts:assumerolewithwebidentity" => Some(AssumeKind::WithWebIdentity),
            "sts:assumerolewithsaml" => Some(AssumeKind::WithSaml),
            _ => None,
        };
        let Some((service, name)) = action.split_once(':') else {
            self.err(&p.key(ACTION), action_m.value.span, format!("`{action}` is not an action such as `s3:GetObject`"));
            return None;
        };
        if service.is_empty() || name.is_empty() || action.contains(['*', '?', ' ']) {
            self.err(
                &p.key(ACTION),
                action_m.value.span,
                format!("`{action}` is not an action such as `s3:GetObject` (a request names one action, without wildcards)"),
            );
            return None;
        }
        if action.eq_ignore_ascii_case(GET_SESSION_TOKEN) {
            let caller = self.caller(members, item, p, s, i, kinds);
            return self.session_token_step(item, members, p, caller, expect, note);
        }
        let context = get(members, CONTEXT).map(|m| self.context(&m.value, &p.key(CONTEXT))).unwrap_or_default();
        match assume {
            Some(kind) => {
                self.object(item, p, ASSUME_KEYS, "an AssumeRole step");
                let caller = self.caller(members, item, p, s, i, kinds);
                let mut role_refused = false;
                let role = match get(members, ROLE_ARN) {
                    Some(m) => {
                        let rp = p.key(ROLE_ARN);
                        let arn = self.string(&m.value, &rp)?;
                        match self.arns.roles.get(&arn).copied() {
                            Some(r) => Some(r),
                            None => {
                                role_refused = self.was_refused(&arn);
                                if !role_refused {
                                    self.err_help(&rp, m.value.span, format!("unknown role `{arn}`"), |l| {
                                        hints::role_hint(s, &arn, &mut l.fuzzy_budget)
                                    });
                                }
                                None
                            }
                        }
                    }
                    None => None,
                };
                let instance_profile = match get(members, INSTANCE_PROFILE_ARN) {
                    Some(m) => {
                        let ip = p.key(INSTANCE_PROFILE_ARN);
                        let arn = self.string(&m.value, &ip)?;
                        match self.arns.instance_profiles.get(&arn).copied() {
                            Some(k) => Some(k),
                            None if self.was_refused(&arn) => return None,
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
                        if !role_refused && get(members, ROLE_ARN).is_none() {
                            self.err(p, item.span, "an AssumeRole step needs a `RoleArn`");
                        }
                        return None;
                    }
                };
                if let (Some(k), Some(r)) = (instance_profile, get(members, ROLE_ARN)) {
                    if s.instance_profiles.get(k).and_then(|x| x.role) != Some(role) {
                        self.err(&p.key(ROLE_ARN), r.value.span, "`RoleArn` is not the role in `InstanceProfileArn`");
                    }
                }
                let caller = caller?;
                match (&caller, kind) {
                    (CallerSpec::Federated(_), AssumeKind::AssumeRole) => {
                        self.err(
                            &p.key(CALLER),
                            item.span,
                            "a `Federated` caller uses `sts:AssumeRoleWithWebIdentity` or `sts:AssumeRoleWithSAML`",
                        );
                        return None;
                    }
                    (CallerSpec::Federated(_), _) | (_, AssumeKind::AssumeRole) => {}
                    _ => {
                        self.err(
                            &p.key(CALLER),
                            item.span,
                            format!(
                                "`{}` is called with a token from an identity provider: the caller is `{{\"Federated\": \"<provider>\"}}`",
                                kind.action()
                            ),
                        );
                        return None;
                    }
                }
                let opt_string = |l: &mut Self, key: &str| get(members, key).and_then(|m| l.string(&m.value, &p.key(key)));
                let session_name = opt_string(self, "RoleSessionName");
                let external_id = opt_string(self, "ExternalId");
                let source_identity = opt_string(self, "SourceIdentity");
                let duration = get(members, DURATION_SECONDS).and_then(|m| self.integer(&m.value, &p.key(DURATION_SECONDS)));
                let tags = get(members, TAGS).map(|m| self.tags(&m.value, &p.key(TAGS))).unwrap_or_default();
                let policy = get(members, POLICY).map(|m| self.session_policy(&m.value, &p.key(POLICY)));
                let function_name = get(members, FUNCTION_NAME).and_then(|m| {
                    let fp = p.key(FUNCTION_NAME);
                    let name = self.string(&m.value, &fp)?;
                    if !matches!(&caller, CallerSpec::Service(svc) if svc.starts_with("lambda.")) {
                        let e = self.err(&fp, m.value.span, "`FunctionName` is only for a Lambda caller");
                        e.help = Some("the caller is `{\"Service\": \"lambda.amazonaws.com\"}`".into());
                        return None;
                    }
                    let ok =
                        (1..=64).contains(&name.chars().count()) && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
                    if !ok {
                        self.err(&fp, m.value.span, format!("`{name}` is not a Lambda function name (1–64 letters, digits, `-` and `_`)"));
                        return None;
                    }
                    Some(name)
                });
                if let (AssumeKind::WithSaml, Some(n)) = (kind, &session_name) {
                    let ok = (2..=64).contains(&n.chars().count()) && n.chars().all(|c| c.is_ascii_alphanumeric() || "_+=,.@-".contains(c));
                    if !ok {
                        let e = self.err(
                            &p.key(ROLE_SESSION_NAME),
                            item.span,
                            format!("`{n}` cannot be a SAML RoleSessionName attribute: 2–64 letters, digits and `_+=,.@-`"),
                        );
                        e.help = Some("AWS: \"The value in the AttributeValue element must be between 2 and 64 characters long\"".into());
                        return None;
                    }
                }
                if kind == AssumeKind::WithSaml && session_name.is_none() {
                    let e = self.err(
                        p,
                        item.span,
                        "an `sts:AssumeRoleWithSAML` step needs a `RoleSessionName`: the value of the SAML assertion's RoleSessionName attribute",
                    );
                    e.help = Some(
                        "AssumeRoleWithSAML has no RoleSessionName parameter; the session name comes from the assertion's `https://aws.amazon.com/SAML/Attributes/RoleSessionName` attribute"
                            .into(),
                    );
                    return None;
                }
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
                        function_name,
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
                        &p.key(CALLER),
                        item.span,
                        "a service or identity provider only calls `sts:AssumeRole*`; later calls use `{\"Session\": N}`",
                    );
                    return None;
                }
                let resource = match get(members, RESOURCE) {
                    Some(m) => {
                        let rp = p.key(RESOURCE);
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
                let passed_role = match get(members, PASSED_ROLE) {
                    Some(m) => {
                        let rp = p.key(PASSED_ROLE);
                        let arn = self.string(&m.value, &rp)?;
                        match self.arns.roles.get(&arn).copied() {
                            Some(r) => Some(r),
                            None if self.was_refused(&arn) => return None,
                            None => {
                                self.err_help(&rp, m.value.span, format!("unknown role `{arn}`"), |l| {
                                    hints::role_hint(s, &arn, &mut l.fuzzy_budget)
                                });
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

    pub(super) fn caller(
        &mut self,
        members: &[Member],
        step: &Value,
        p: &JsonPath,
        s: &Scenario,
        step_index: usize,
        steps: &[Option<bool>],
    ) -> Option<CallerSpec> {
        let Some(m) = get(members, CALLER) else {
            self.err(p, step.span, "missing `Caller`: who makes this request");
            return None;
        };
        let cp = p.key(CALLER);
        let all = self.object(&m.value, &cp, CALLER_KEYS, "a caller")?;
        // `Original` qualifies `Session`: the credentials the step issued.
        let original = match get(all, ORIGINAL) {
            None => false,
            Some(o) => {
                let op = cp.key(ORIGINAL);
                if get(all, SESSION).is_none() {
                    let e = self.err(&op, o.key_span, "`Original` goes with `Session`: `{\"Session\": N, \"Original\": true}`");
                    e.help = Some("it selects exactly the credentials step N issued, even after a service refreshed them".into());
                    return None;
                }
                match o.value.kind {
                    Kind::Bool(b) => b,
                    _ => {
                        self.err(&op, o.value.span, format!("`Original` is `true` or `false`, not {}", o.value.kind_name()));
                        return None;
                    }
                }
            }
        };
        let keys: Vec<&Member> = all.iter().filter(|c| c.key != ORIGINAL).collect();
        let [c] = keys.as_slice() else {
            self.err(&cp, m.value.span, "a caller has exactly one key: `AWS`, `Service`, `Session` or `Federated`");
            return None;
        };
        let vp = cp.key(&c.key);
        match c.key.as_str() {
            "AWS" => {
                let arn = self.string(&c.value, &vp)?;
                match self.arns.users.get(&arn).copied() {
                    Some(u) => Some(CallerSpec::User(u)),
                    None if self.was_refused(&arn) => None,
                    None => {
                        self.err_help(&vp, c.value.span, format!("unknown user `{arn}`"), |l| {
                            hints::user_hint(s, &arn, &mut l.fuzzy_budget)
                        });
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
                let earlier = usize::try_from(n).ok().filter(|&n| n < step_index);
                match earlier.map(|n| (n, steps.get(n).copied().flatten())) {
                    Some((n, Some(true))) if original => Some(CallerSpec::OriginalSession(n)),
                    Some((n, Some(true))) => Some(CallerSpec::Session(n)),
                    // That step did not load: its own error is the root cause.
                    Some((_, None)) => None,
                    _ => {
                        let e = self.err(&vp, c.value.span, format!("`{{\"Session\": {n}}}` does not name an earlier AssumeRole step"));
                        e.help = Some(
                            "a session is the credentials issued by an earlier `sts:AssumeRole` (or `sts:GetSessionToken`) step; steps count from 0"
                                .into(),
                        );
                        None
                    }
                }
            }
        }
    }

    pub(super) fn context(&mut self, v: &Value, path: &JsonPath) -> Vec<(String, ContextValue)> {
        let mut out = Vec::new();
        let Kind::Object(members) = &v.kind else {
            self.err(path, v.span, format!("`Context` must be an object from condition key to value, not {}", v.kind_name()));
            return out;
        };
        for m in members {
            let p = path.key(&m.key);
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

    pub(super) fn expectation(&mut self, v: &Value, path: &JsonPath) -> Option<Expect> {
        let (outcome_v, code, message) = match &v.kind {
            Kind::String(_) => (v, None, None),
            Kind::Object(_) => {
                let members = self.object(v, path, EXPECT_KEYS, "an expectation")?;
                let Some(o) = get(members, OUTCOME) else {
                    self.err(path, v.span, "an expectation needs an `Outcome`");
                    return None;
                };
                let code = get(members, ERROR_CODE).and_then(|m| self.string(&m.value, &path.key(ERROR_CODE)));
                let message = get(members, MESSAGE).and_then(|m| self.string(&m.value, &path.key(MESSAGE)));
                (&o.value, code, message)
            }
            _ => {
                self.err(path, v.span, format!("`Expect` is an outcome string or an object, not {}", v.kind_name()));
                return None;
            }
        };
        let op = if matches!(v.kind, Kind::Object(_)) { path.key(OUTCOME) } else { path.clone() };
        let outcome = self.string(outcome_v, &op)?;
        let Some(parsed) = Outcome::parse(&outcome) else {
            self.err_help(&op, outcome_v.span, format!("unknown outcome `{outcome}`"), |_| match did_you_mean(&outcome, OUTCOMES) {
                Some(h) => format!("did you mean `{h}`?"),
                None => "an outcome is `allowed`, `explicitDeny`, `implicitDeny` or `error`".into(),
            });
            return None;
        };
        Some(Expect { outcome: parsed, error_code: code, message })
    }
}
