//! Candidate fixes for one step, from its report: which check said no,
//! which statements did not apply and why. [`super::fixes`] verifies them.

use policy::json::{Kind, Value};
use policy::path::JsonPath;
use policy::time::{format_iso8601, parse_datetime};
use policy::{Decision, Effect, NoVars, PolicySource};
use serde_json::{json, Value as J};
use sts::report::{CheckReport, NotApplied, Outcome, Report, StatementRef, StepReport, Unmet};
use sts::scenario::{CallerSpec, PolicyDoc, Scenario, SessionPolicy, StepKind};
use sts::schema::key;

use super::edit::{Doc, Edit, PolicyText};
use super::Fix;
use crate::finding::Text;

/// Request-side edits (grant nothing new).
pub(super) const RANK_REQUEST: u8 = 0;
/// A new permission for exactly this request.
pub(super) const RANK_EXACT: u8 = 1;
/// Adding this request's value to an existing list.
const RANK_LIST: u8 = 2;
/// Widening a condition.
const RANK_CONDITION: u8 = 3;
/// Narrowing a `Deny`.
const RANK_NARROW_DENY: u8 = 4;
/// Removing a `Deny` statement.
const RANK_REMOVE_DENY: u8 = 5;

pub(crate) struct Cx<'a> {
    pub(crate) text: &'a str,
    pub(crate) tree: &'a Value,
    pub(crate) scenario: &'a Scenario,
    pub(crate) report: &'a Report,
}

/// The path of statement `index` inside a policy tree.
fn stmt_rel(p: &PolicyText, index: usize) -> JsonPath {
    let s = JsonPath::root().key("Statement");
    match p.at(&s).map(|v| &v.kind) {
        Some(Kind::Array(_)) => s.index(index),
        _ => s,
    }
}

/// A short name for a principal ARN: `user_A`, `RoleA`, the service.
fn short(arn: &str) -> &str {
    let name = arn.rsplit('/').next().unwrap_or(arn);
    if arn.contains(":assumed-role/") {
        arn.split('/').nth(1).unwrap_or(name)
    } else {
        name
    }
}

pub(super) fn fix(step: usize, edits: Vec<Edit>, rank: u8, en: String, ja: String) -> Fix {
    Fix { step, edits, reason: Text { en, ja }, also_changes: Vec::new(), rank }
}

impl Cx<'_> {
    pub(super) fn doc(&self) -> Doc<'_> {
        Doc { file: self.text, tree: self.tree }
    }

    /// The index of the role a session step assumed.
    fn session_role(&self, k: usize) -> Option<usize> {
        match &self.scenario.steps.get(k)?.kind {
            StepKind::Assume(a) => Some(a.role),
            _ => None,
        }
    }

    /// Who makes step `i`'s request. A call made with a user's own
    /// temporary credentials (GetSessionToken) is that user's: the same
    /// policies decide.
    fn caller_of(&self, i: usize) -> Option<CallerSpec> {
        let caller = match &self.scenario.steps.get(i)?.kind {
            StepKind::Assume(a) => &a.caller,
            StepKind::Call(c) => &c.caller,
            StepKind::Advance(_) | StepKind::SessionToken(_) => return None,
        };
        match (caller, caller.session_step().map(|k| self.scenario.steps.get(k).map(|st| &st.kind))) {
            (_, Some(Some(StepKind::SessionToken(t)))) => Some(CallerSpec::User(t.user)),
            (c, _) => Some(c.clone()),
        }
    }

    /// Every policy that can take part in step `i`.
    fn docs(&self, i: usize) -> Vec<&PolicyDoc> {
        let s = self.scenario;
        let mut out: Vec<&PolicyDoc> = Vec::new();
        match self.caller_of(i).as_ref() {
            Some(CallerSpec::User(u)) => {
                if let Some(user) = s.users.get(*u) {
                    out.extend(user.policies.iter());
                    out.extend(user.boundary.iter());
                    for g in &user.groups {
                        out.extend(s.groups.get(*g).into_iter().flat_map(|g| g.policies.iter()));
                    }
                }
            }
            Some(CallerSpec::Session(k)) => {
                if let Some(role) = self.session_role(*k).and_then(|r| s.roles.get(r)) {
                    out.extend(role.policies.iter());
                    out.extend(role.boundary.iter());
                }
                if let Some(StepKind::Assume(a)) = s.steps.get(*k).map(|st| &st.kind) {
                    if let Some(SessionPolicy::Parsed(d)) = &a.policy {
                        out.push(d);
                    }
                }
            }
            _ => {}
        }
        if let Some(StepKind::Assume(a)) = s.steps.get(i).map(|st| &st.kind) {
            out.extend(s.roles.get(a.role).map(|r| &r.trust));
        }
        out.extend(s.resources.iter().filter_map(|r| r.policy.as_ref()));
        out.extend(s.scps.iter().map(|x| &x.policy));
        out
    }

    fn find_doc(&self, i: usize, st: &StatementRef) -> Option<&PolicyDoc> {
        self.docs(i).into_iter().find(|d| d.source == st.policy_type && d.name == st.policy_name)
    }

    /// Candidate fixes for step `i`.
    pub(crate) fn candidates(&self, i: usize) -> Vec<Fix> {
        let Some(r) = self.report.steps.get(i) else { return Vec::new() };
        let mut out = Vec::new();
        if r.outcome == Some(Outcome::Error) {
            self.error_fixes(i, r, &mut out);
            return out;
        }
        let Some(checks) = &r.checks else { return out };
        let mut identity_fix: Option<Fix> = None;
        let mut trust_fixes: Vec<Fix> = Vec::new();
        for c in checks {
            match c.decision {
                Decision::Allow => {}
                Decision::ExplicitDeny => self.narrow_denies(i, r, c, &mut out),
                Decision::ImplicitDeny => match c.check {
                    policy::CheckKind::Trust => trust_fixes.extend(self.trust_fixes(i, r, c)),
                    policy::CheckKind::Identity => {
                        if let Some(f) = self.add_allow(i, r, c, None) {
                            identity_fix.get_or_insert(f.clone());
                            out.push(f);
                        }
                    }
                    _ => {
                        let source = match c.check {
                            policy::CheckKind::Boundary => Some(PolicySource::Boundary),
                            policy::CheckKind::Session => Some(PolicySource::Session),
                            policy::CheckKind::Scp => Some(PolicySource::Scp),
                            policy::CheckKind::Resource => Some(PolicySource::Resource),
                            _ => None,
                        };
                        if let Some(f) = source.and_then(|s| self.add_allow(i, r, c, Some(s))) {
                            out.push(f);
                        }
                    }
                },
            }
        }
        // Across accounts both sides must say yes: each trust fix also
        // with the identity fix.
        if let Some(idf) = &identity_fix {
            for t in &trust_fixes {
                let mut both = t.clone();
                both.edits.extend(idf.edits.iter().cloned());
                both.reason.en = format!("{} {}", t.reason.en, idf.reason.en);
                both.reason.ja = format!("{}{}", t.reason.ja, idf.reason.ja);
                out.push(both);
            }
        }
        out.extend(trust_fixes);
        out
    }

    /// The action and resource a check was about.
    fn request_of<'r>(r: &'r StepReport, c: &'r CheckReport) -> Option<(&'r str, &'r str)> {
        let action = c.action.as_deref().or(r.action.as_deref())?;
        let resource = c.resource.as_deref().or(r.resource.as_deref()).unwrap_or("*");
        Some((action, resource))
    }

    /// A statement allowing exactly this request, added to the caller's
    /// identity policy (`source` `None`) or to the boundary, session
    /// policy, SCP or resource policy that did not allow it.
    fn add_allow(&self, i: usize, r: &StepReport, c: &CheckReport, source: Option<PolicySource>) -> Option<Fix> {
        let (action, resource) = Self::request_of(r, c)?;
        let mut statement = json!({"Effect": "Allow", "Action": action, "Resource": resource});
        let who = r.principal.as_deref().unwrap_or("the caller");
        if action.eq_ignore_ascii_case("iam:PassRole") {
            let service = passed_to_service(r.action.as_deref().unwrap_or(""));
            if let Some(obj) = statement.as_object_mut() {
                obj.insert("Condition".into(), json!({"StringEquals": {"iam:PassedToService": service}}));
            }
        }
        if source == Some(PolicySource::Resource) {
            let principal = self.principal_arn(i, r)?;
            statement = json!({"Effect": "Allow", "Principal": {"AWS": principal}, "Action": action, "Resource": resource});
        }
        let docs = self.docs(i);
        let target = match source {
            None => docs.iter().find(|d| matches!(d.source, PolicySource::User | PolicySource::Role)).copied(),
            Some(s) => {
                let resource_arn = resource;
                docs.iter()
                    .find(|d| {
                        d.source == s
                            && (s != PolicySource::Resource || {
                                let owner = self.scenario.resources.iter().find(|x| x.policy.as_ref().map(|p| &p.path) == Some(&d.path));
                                owner.is_some_and(|o| resource_arn == o.arn || resource_arn.starts_with(&format!("{}/", o.arn)))
                            })
                    })
                    .copied()
            }
        };
        let (edit, name, new_policy) = match target {
            Some(d) => {
                let p = self.doc().policy(&d.path)?;
                (p.append(&JsonPath::root().key("Statement"), &statement)?, d.name.clone(), false)
            }
            None if source.is_none() => {
                let (e, n) = self.new_inline_policy(i, &statement)?;
                (e, n, true)
            }
            None => return None,
        };
        let session = matches!(self.caller_of(i), Some(CallerSpec::Session(_)));
        let whose = match source {
            None if session => (format!("the role {}'s permission policy", short(who)), format!("ロール {} の許可ポリシー", short(who))),
            None => {
                (format!("{}'s own identity-based policy", short(who)), format!("{} 自身のアイデンティティベースのポリシー", short(who)))
            }
            Some(PolicySource::Boundary) => ("the permissions boundary".to_string(), "アクセス許可の境界".to_string()),
            Some(PolicySource::Session) => ("the session policy".to_string(), "セッションポリシー".to_string()),
            Some(PolicySource::Scp) => ("the service control policy".to_string(), "サービスコントロールポリシー (SCP)".to_string()),
            _ => ("the resource's policy".to_string(), "リソースベースのポリシー".to_string()),
        };
        let extra = if action.eq_ignore_ascii_case("iam:PassRole") {
            " (only to the service the role is passed to, with `iam:PassedToService`)"
        } else {
            ""
        };
        let extra_ja = if action.eq_ignore_ascii_case("iam:PassRole") {
            "（`iam:PassedToService` で、ロールを渡す先のサービスだけに限定）"
        } else {
            ""
        };
        Some(fix(
            i,
            vec![edit],
            if source == Some(PolicySource::Resource) { RANK_EXACT + 1 } else { RANK_EXACT },
            if new_policy {
                format!("{} must also say yes: add an inline policy `{name}` that allows `{action}` on `{resource}`{extra}.", whose.0)
            } else {
                format!("{} must also say yes: add a statement to `{name}` that allows `{action}` on `{resource}`{extra}.", whose.0)
            },
            if new_policy {
                format!("{}も許可する必要があります。`{resource}` に対する `{action}` を許可するインラインポリシー `{name}` を追加します{extra_ja}。", whose.1)
            } else {
                format!("{}も許可する必要があります。`{name}` に、`{resource}` に対する `{action}` を許可するステートメントを追加します{extra_ja}。", whose.1)
            },
        ))
    }

    /// A new inline policy for the caller (a user or a session's role).
    fn new_inline_policy(&self, i: usize, statement: &J) -> Option<(Edit, String)> {
        let entity = match &self.caller_of(i)? {
            CallerSpec::User(u) => JsonPath::root().key(key::USERS).index(*u),
            CallerSpec::Session(k) => JsonPath::root().key(key::ROLES).index(self.session_role(*k)?),
            _ => return None,
        };
        let name = "AllowThisRequest";
        let policy = json!({"PolicyName": name, "PolicyDocument": {"Version": "2012-10-17", "Statement": [statement]}});
        let whole = self.doc().whole();
        let edit = match whole.at(&entity.key(key::POLICIES)) {
            Some(_) => whole.append(&entity.key(key::POLICIES), &policy)?,
            None => whole.add_member(&entity, key::POLICIES, &json!([policy]))?,
        };
        Some((edit, name.to_string()))
    }

    /// The principal to name for the caller in a trust or resource policy:
    /// the user, the session's role, the service or the provider.
    fn principal_arn(&self, i: usize, r: &StepReport) -> Option<String> {
        match &self.caller_of(i)? {
            CallerSpec::Session(k) => self.session_role(*k).and_then(|x| self.scenario.roles.get(x)).map(|x| x.arn.clone()),
            _ => r.principal.clone(),
        }
    }

    fn trust_fixes(&self, i: usize, r: &StepReport, c: &CheckReport) -> Vec<Fix> {
        let mut out = Vec::new();
        // A statement of its own only when no statement names the caller at
        // all: otherwise it would drop that statement's conditions.
        let irrelevant = |na: &NotApplied| {
            na.reason == Unmet::Principal || na.statement.conditions == 0 || !self.could_name_caller(i, na).unwrap_or(true)
        };
        if c.not_applied.iter().all(irrelevant) {
            out.extend(self.new_trust_statement(i, r, c));
        }
        for na in &c.not_applied {
            let Some(doc) = self.find_doc(i, &na.statement) else { continue };
            let Some(p) = self.doc().policy(&doc.path) else { continue };
            let rel = stmt_rel(&p, na.statement.index);
            match na.reason {
                Unmet::Principal => out.extend(self.add_principal(i, r, &p, &rel)),
                Unmet::Action => {
                    if let Some((action, _)) = Self::request_of(r, c) {
                        if let Some(e) = p.append(&rel.key("Action"), &J::from(action)) {
                            out.push(fix(
                                i,
                                vec![e],
                                RANK_LIST,
                                format!(
                                    "The trust policy's statement {} does not allow `{action}`: add it to its `Action`.",
                                    label(&na.statement)
                                ),
                                format!(
                                    "信頼ポリシーのステートメント {} は `{action}` を許可していません。`Action` に追加します。",
                                    label(&na.statement)
                                ),
                            ));
                        }
                    }
                }
                Unmet::Condition => out.extend(self.satisfy_condition(i, &p, &rel, na)),
                Unmet::Resource => {}
            }
        }
        out
    }

    /// Whether a statement's principals are of the caller's kind (an AWS
    /// principal for users and sessions, `Service`, `Federated`).
    fn could_name_caller(&self, i: usize, na: &NotApplied) -> Option<bool> {
        let doc = self.find_doc(i, &na.statement)?;
        let st = doc.policy.statement(na.statement.index)?;
        let spec = st.principal.as_ref()?;
        let caller = &self.caller_of(i)?;
        Some(spec.entries.iter().any(|e| {
            use policy::Principal as P;
            match (&e.value, caller) {
                (P::Anyone, _) => true,
                (P::Service(_), CallerSpec::Service(_)) => true,
                (P::Federated(_), CallerSpec::Federated(_)) => true,
                (P::Service(_) | P::Federated(_) | P::CanonicalUser(_), _) => false,
                (_, CallerSpec::User(_) | CallerSpec::Session(_)) => true,
                _ => false,
            }
        }))
    }

    /// A statement trusting exactly this caller for exactly this action.
    fn new_trust_statement(&self, i: usize, r: &StepReport, c: &CheckReport) -> Option<Fix> {
        let Some(StepKind::Assume(a)) = self.scenario.steps.get(i).map(|st| &st.kind) else { return None };
        let role = self.scenario.roles.get(a.role)?;
        let (action, _) = Self::request_of(r, c)?;
        let (k, value) = match &self.caller_of(i)? {
            CallerSpec::Service(s) => (key::SERVICE, s.clone()),
            CallerSpec::Federated(f) => (key::FEDERATED, f.clone()),
            _ => (key::AWS, self.principal_arn(i, r)?),
        };
        let mut principal = serde_json::Map::new();
        principal.insert(k.to_string(), J::from(value.clone()));
        let statement = json!({"Effect": "Allow", "Principal": principal, "Action": action});
        let p = self.doc().policy(&role.trust.path)?;
        let e = p.append(&JsonPath::root().key("Statement"), &statement)?;
        Some(fix(
            i,
            vec![e],
            RANK_EXACT + 1,
            format!("The role's trust policy has no statement that lets {} call `{action}`: add one naming exactly `{value}`.", short(&value)),
            format!("ロールの信頼ポリシーには、{} に `{action}` を許可するステートメントがありません。`{value}` だけを指定したステートメントを追加します。", short(&value)),
        ))
    }

    fn add_principal(&self, i: usize, r: &StepReport, p: &PolicyText, rel: &JsonPath) -> Option<Fix> {
        let (k, value) = match &self.caller_of(i)? {
            CallerSpec::Service(s) => (key::SERVICE, s.clone()),
            CallerSpec::Federated(f) => (key::FEDERATED, f.clone()),
            _ => (key::AWS, self.principal_arn(i, r)?),
        };
        let principal = rel.key("Principal");
        let edit = match p.at(&principal.key(k)) {
            Some(_) => p.append(&principal.key(k), &J::from(value.clone()))?,
            None => p.add_member(&principal, k, &J::from(value.clone()))?,
        };
        Some(fix(
            i,
            vec![edit],
            RANK_EXACT,
            format!("The role's trust policy does not trust {}: add `{value}` to the `Principal` of its statement.", short(&value)),
            format!(
                "ロールの信頼ポリシーは {} を信頼していません。ステートメントの `Principal` に `{value}` を追加します。",
                short(&value)
            ),
        ))
    }

    fn satisfy_condition(&self, i: usize, p: &PolicyText, rel: &JsonPath, na: &NotApplied) -> Vec<Fix> {
        let mut out = Vec::new();
        let (Some(key_name), Some(op)) = (na.condition_key.as_deref(), na.operator.as_deref()) else { return out };
        let first = na.policy_values.first().cloned().unwrap_or_default();
        let step = JsonPath::root().key(key::STEPS).index(i);
        let whole = self.doc().whole();
        let lc = key_name.to_ascii_lowercase();
        if lc == "sts:externalid" && !first.is_empty() {
            let e = match whole.at(&step.key(key::EXTERNAL_ID)) {
                Some(_) => whole.replace(&step.key(key::EXTERNAL_ID), &J::from(first.clone())),
                None => whole.add_member(&step, key::EXTERNAL_ID, &J::from(first.clone())),
            };
            out.extend(e.map(|e| {
                fix(
                    i,
                    vec![e],
                    RANK_REQUEST,
                    format!("The trust policy requires the external ID `{first}`: the caller must pass it in the request (`ExternalId`)."),
                    format!("信頼ポリシーは外部 ID `{first}` を要求しています。呼び出し元がリクエストで (`ExternalId`) それを渡す必要があります。"),
                )
            }));
            return out;
        }
        // A request parameter the trust policy compares (`sts:SourceIdentity`,
        // `sts:RoleSessionName`): pass the value it wants, with
        // `${aws:username}` read as the calling user's name.
        let field = match lc.as_str() {
            "sts:sourceidentity" => Some(key::SOURCE_IDENTITY),
            "sts:rolesessionname" => Some(key::ROLE_SESSION_NAME),
            _ => None,
        };
        if let (Some(field), true) = (field, op == "StringEquals" || op == "StringLike") {
            let user = match self.caller_of(i) {
                Some(CallerSpec::User(u)) => self.scenario.users.get(u).map(|u| u.name.clone()),
                _ => None,
            };
            let wanted = match (first.as_str(), user) {
                ("${aws:username}", Some(name)) => Some(name),
                (v, _) if !v.is_empty() && !v.contains(['$', '*', '?']) => Some(v.to_string()),
                _ => None,
            };
            let Some(wanted) = wanted else { return out };
            let e = match whole.at(&step.key(field)) {
                Some(_) => whole.replace(&step.key(field), &J::from(wanted.clone())),
                None => whole.add_member(&step, field, &J::from(wanted.clone())),
            };
            out.extend(e.map(|e| {
                fix(
                    i,
                    vec![e],
                    RANK_REQUEST,
                    format!("The trust policy requires `{key_name}` to be `{wanted}` (`{op}` `{first}`): the caller must pass `{field}` `{wanted}` in the request."),
                    format!("信頼ポリシーは `{key_name}` が `{wanted}` であること (`{op}` `{first}`) を要求しています。呼び出し元がリクエストで `{field}` に `{wanted}` を渡す必要があります。"),
                )
            }));
            return out;
        }
        if lc == "aws:multifactorauthpresent" || lc == "aws:multifactorauthage" {
            let value = if lc == "aws:multifactorauthpresent" { J::from(true) } else { J::from(0) };
            let mut edits = Vec::new();
            let context = step.key(key::CONTEXT);
            if whole.at(&context).is_some() {
                match whole.at(&context.key(key_name)) {
                    Some(_) => edits.extend(whole.replace(&context.key(key_name), &value)),
                    None => edits.extend(whole.add_member(&context, key_name, &value)),
                }
            } else {
                edits.extend(whole.add_member(
                    &step,
                    key::CONTEXT,
                    &json!({"aws:MultiFactorAuthPresent": true, "aws:MultiFactorAuthAge": 0}),
                ));
            }
            if !edits.is_empty() {
                out.push(fix(
                    i,
                    edits,
                    RANK_REQUEST,
                    format!("The trust policy requires MFA (`{key_name}`): the caller must sign in with MFA before the request."),
                    format!("信頼ポリシーは MFA (`{key_name}`) を要求しています。呼び出し元はリクエストの前に MFA でサインインする必要があります。"),
                ));
            }
            return out;
        }
        let cond = rel.key("Condition").key(op).key(key_name);
        let request: Vec<String> = na.request_values.clone().flatten().unwrap_or_default();
        if op.starts_with("Date") {
            let Some(now) = request.first().and_then(|v| parse_datetime(v)) else { return out };
            let new = if op.contains("LessThan") { now + 3600 } else { now - 3600 };
            let value = format_iso8601(new);
            if let Some(e) = p.replace(&cond, &J::from(value.clone())) {
                out.push(fix(
                    i,
                    vec![e],
                    RANK_CONDITION,
                    format!("The request at {} is outside the time window (`{op}` `{key_name}` `{first}`): move the bound to `{value}` if access should still be possible then.", request.first().map(String::as_str).unwrap_or("")),
                    format!("{} のリクエストは時間枠 (`{op}` `{key_name}` `{first}`) の外です。その時刻にもアクセスできるべきなら、境界を `{value}` に動かします。", request.first().map(String::as_str).unwrap_or("")),
                ));
            }
            return out;
        }
        if op.starts_with("String") && !op.contains("Not") {
            if let Some(v) = request.first() {
                if let Some(e) = p.append(&cond, &J::from(v.clone())) {
                    out.push(fix(
                        i,
                        vec![e],
                        RANK_CONDITION,
                        format!("The request's `{key_name}` is `{v}`, which the condition (`{op}`) does not accept: add `{v}` to its values if this caller should be trusted."),
                        format!("リクエストの `{key_name}` は `{v}` で、条件 (`{op}`) が受け入れません。この呼び出し元を信頼するなら、値に `{v}` を追加します。"),
                    ));
                }
            }
        }
        out
    }

    /// Narrowing the `Deny` statements that matched: drop the matching
    /// action or resource from a list, or (last) the statement.
    fn narrow_denies(&self, i: usize, r: &StepReport, c: &CheckReport, out: &mut Vec<Fix>) {
        let Some((action, resource)) = Self::request_of(r, c) else { return };
        for m in &c.matched_statements {
            if m.effect != Effect::Deny {
                continue;
            }
            let Some(doc) = self.find_doc(i, &m.statement) else { continue };
            let Some(st) = doc.policy.statement(m.statement.index) else { continue };
            let Some(p) = self.doc().policy(&doc.path) else { continue };
            let rel = stmt_rel(&p, m.statement.index);
            let lbl = label(&m.statement);
            let matching: Vec<usize> =
                st.action.items.iter().enumerate().filter(|(_, it)| it.value.is_match(action, &NoVars)).map(|(k, _)| k).collect();
            if !st.action.negated && matching.len() == 1 && st.action.items.len() > 1 {
                if let Some(e) = matching.first().and_then(|k| p.remove_item(&rel.key("Action"), *k)) {
                    out.push(fix(
                        i,
                        vec![e],
                        RANK_NARROW_DENY,
                        format!("The `Deny` statement {lbl} of `{}` matched `{action}`: if it should not, take that action out of its `Action`.", doc.name),
                        format!("`{}` の `Deny` ステートメント {lbl} が `{action}` に一致しました。一致すべきでないなら、その `Action` からこのアクションを外します。", doc.name),
                    ));
                }
            }
            if let Some(res) = &st.resource {
                let matching: Vec<usize> =
                    res.items.iter().enumerate().filter(|(_, it)| it.value.is_match(resource, &NoVars)).map(|(k, _)| k).collect();
                if !res.negated && matching.len() == 1 && res.items.len() > 1 {
                    if let Some(e) = matching.first().and_then(|k| p.remove_item(&rel.key("Resource"), *k)) {
                        out.push(fix(
                            i,
                            vec![e],
                            RANK_NARROW_DENY,
                            format!("The `Deny` statement {lbl} of `{}` matched `{resource}`: if it should not, take that resource out of its `Resource`.", doc.name),
                            format!("`{}` の `Deny` ステートメント {lbl} が `{resource}` に一致しました。一致すべきでないなら、その `Resource` からこのリソースを外します。", doc.name),
                        ));
                    }
                }
            }
            if doc.policy.statements.len() > 1 {
                if let Some(e) = p.remove_item(&JsonPath::root().key("Statement"), m.statement.index) {
                    out.push(fix(
                        i,
                        vec![e],
                        RANK_REMOVE_DENY,
                        format!(
                            "The `Deny` statement {lbl} of `{}` overrides every allow: remove it only if the guard it sets is not wanted.",
                            doc.name
                        ),
                        format!(
                            "`{}` の `Deny` ステートメント {lbl} はどの許可よりも優先されます。その制限が不要な場合だけ削除します。",
                            doc.name
                        ),
                    ));
                }
            }
        }
    }
}

fn label(st: &StatementRef) -> String {
    match &st.sid {
        Some(s) => format!("`{s}`"),
        None => format!("#{}", st.index),
    }
}

/// The service a passed role is handed to (as the simulator sets
/// `iam:PassedToService`).
fn passed_to_service(action: &str) -> String {
    let service = action.split(':').next().unwrap_or("").to_ascii_lowercase();
    match service.as_str() {
        "ecs" => "ecs-tasks.amazonaws.com".into(),
        "states" => "states.amazonaws.com".into(),
        other => format!("{other}.amazonaws.com"),
    }
}
