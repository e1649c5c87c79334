//! English.

use catalogue::AccessLevel;
use policy::{Effect, PolicyType};

use super::{key_description, shown_value, Sentence, Words};
use crate::model::{Access, Coverage, ServiceRow};
use crate::read::actions::{ActionItem, TrustVerb};
use crate::read::condition::{variables, Cmp, Cond, Op, Set};
use crate::read::who::Who;

pub(crate) struct En;

fn subject(key: &str) -> String {
    match key_description(key) {
        Some((en, _)) => format!("{en} ({key})"),
        None => key.to_string(),
    }
}

fn or_list(v: &[String]) -> String {
    join(v, ", ", " or ")
}

fn plain_list(v: &[String]) -> String {
    join(v, ", ", ", ")
}

fn join(v: &[String], sep: &str, last: &str) -> String {
    let mut out = String::new();
    for (i, s) in v.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == v.len() { last } else { sep });
        }
        out.push_str(s);
    }
    out
}

/// The predicate of a positive operator: "is \"a\" or \"b\"".
fn positive(op: Op, vals: &str) -> String {
    match op {
        Op::Str => format!("is {vals}"),
        Op::StrIgnoreCase => format!("is {vals} (ignoring case)"),
        Op::Like | Op::Arn => format!("matches {vals}"),
        Op::Num(Cmp::Eq) => format!("equals {vals}"),
        Op::Num(Cmp::Lt) => format!("is less than {vals}"),
        Op::Num(Cmp::Le) => format!("is at most {vals}"),
        Op::Num(Cmp::Gt) => format!("is greater than {vals}"),
        Op::Num(Cmp::Ge) => format!("is at least {vals}"),
        Op::Date(Cmp::Eq) => format!("is {vals}"),
        Op::Date(Cmp::Lt) => format!("is before {vals}"),
        Op::Date(Cmp::Le) => format!("is at or before {vals}"),
        Op::Date(Cmp::Gt) => format!("is after {vals}"),
        Op::Date(Cmp::Ge) => format!("is at or after {vals}"),
        Op::Bool => format!("is {vals}"),
        Op::Binary => format!("is the binary (base64) value {vals}"),
        Op::Ip => format!("is in {vals}"),
        Op::Null => String::new(),
    }
}

/// The predicate of a negated operator (no request value matches).
fn negative(op: Op, vals: &[String]) -> String {
    let one = vals.len() == 1;
    let v = plain_list(vals);
    match (op, one) {
        (Op::Str | Op::Date(_), true) => format!("is not {v}"),
        (Op::Str | Op::Date(_), false) => format!("is none of {v}"),
        (Op::StrIgnoreCase, true) => format!("is not {v} (ignoring case)"),
        (Op::StrIgnoreCase, false) => format!("is none of {v} (ignoring case)"),
        (Op::Like | Op::Arn, true) => format!("does not match {v}"),
        (Op::Like | Op::Arn, false) => format!("matches none of {v}"),
        (Op::Num(_), true) => format!("does not equal {v}"),
        (Op::Num(_), false) => format!("equals none of {v}"),
        (Op::Ip, true) => format!("is not in {v}"),
        (Op::Ip, false) => format!("is in none of {v}"),
        (Op::Bool | Op::Binary | Op::Null, _) => format!("does not match {v}"),
    }
}

fn special(c: &Cond) -> Option<String> {
    let o = c.operator;
    if o.op != Op::Bool || o.set != Set::None || o.if_exists || c.values.len() != 1 {
        return None;
    }
    let v = c.values.first()?.to_ascii_lowercase();
    let key = c.key.to_ascii_lowercase();
    match (key.as_str(), v.as_str()) {
        ("aws:multifactorauthpresent", "true") => Some(format!("signed in with MFA ({} is true)", c.key)),
        ("aws:securetransport", "true") => Some(format!("the request is sent over TLS ({} is true)", c.key)),
        ("aws:securetransport", "false") => Some(format!("the request is not sent over TLS ({} is false)", c.key)),
        _ => None,
    }
}

impl Words for En {
    fn kind_note(&self, kind: PolicyType) -> &'static str {
        match kind {
            PolicyType::Trust => {
                "Trust policy: who may assume this role. A principal in another account also needs its own identity-based policies to allow it."
            }
            PolicyType::Identity => "Identity-based policy: what the user, group or role it is attached to may do.",
            PolicyType::Resource => "Resource-based policy: who may do what with this resource.",
            PolicyType::Boundary => {
                "Permissions boundary: it grants nothing by itself; the user or role may do only what both its identity-based policies and this boundary allow."
            }
            PolicyType::Scp => {
                "Service control policy: it grants nothing by itself; it limits what the users and roles of the account may be allowed to do."
            }
            PolicyType::Session => {
                "Session policy: it grants nothing by itself; the session may do only what both the role's policies and this policy allow."
            }
        }
    }

    fn who(&self, w: &Who, except: bool) -> String {
        match w {
            Who::Anyone => "everyone (\"*\": every principal, anonymous ones included)".into(),
            Who::Account { account } if except => format!("the account {account}"),
            Who::Account { account } => format!("any identity in account {account} whose own policies allow it"),
            Who::User { account, name } => format!("the IAM user {name} of account {account}"),
            Who::Role { account, name } => format!("the role {name} of account {account} (any of its sessions)"),
            Who::Session { account, role, session } => format!("the session {session} of the role {role} of account {account}"),
            Who::Arn { arn } => format!("the principal {arn}"),
            Who::Service { name } => format!("the AWS service {name}"),
            Who::Oidc { account, host } => format!("users of the OIDC identity provider {host} (account {account})"),
            Who::Saml { account, name } => format!("users of the SAML identity provider {name} (account {account})"),
            Who::WebIdentity { name } => format!("users of the web identity provider {name}"),
            Who::CanonicalUser { id } => format!("the S3 canonical user {id}"),
        }
    }

    fn trust_verb(&self, v: &TrustVerb) -> String {
        match v {
            TrustVerb::AssumeRole => "assume this role (sts:AssumeRole)".into(),
            TrustVerb::WithWebIdentity => "assume this role with a web identity token (sts:AssumeRoleWithWebIdentity)".into(),
            TrustVerb::WithSaml => "assume this role with a SAML assertion (sts:AssumeRoleWithSAML)".into(),
            TrustVerb::TagSession => "pass session tags (sts:TagSession)".into(),
            TrustVerb::SetSourceIdentity => "set a source identity (sts:SetSourceIdentity)".into(),
            TrustVerb::SetContext => "set session context (sts:SetContext)".into(),
            TrustVerb::AnySts => "call any STS action on this role (sts:*)".into(),
            TrustVerb::Any => "call any action on this role (*)".into(),
            TrustVerb::Other(a) => format!("call {a}"),
        }
    }

    fn action_item(&self, a: &ActionItem) -> String {
        match a {
            ActionItem::All => "every action of every service (*)".into(),
            ActionItem::Service { prefix, name } => match name {
                Some(n) => format!("every {n} action ({prefix}:*)"),
                None => format!("every action of {prefix} ({prefix}:*)"),
            },
            ActionItem::Exact { text, level } => match level {
                None => text.clone(),
                Some(Some(l)) => format!("{text} ({})", self.access_level(*l)),
                Some(None) => format!("{text} (an action the catalogue does not know)"),
            },
            ActionItem::Pattern { text, matched } => match matched {
                None => text.clone(),
                Some((0, _)) => format!("{text} (matches no action the catalogue knows)"),
                Some((n, levels)) => {
                    let ls: Vec<String> = levels.iter().map(|l| self.access_level(*l).to_string()).collect();
                    let what = if *n == 1 { "action" } else { "actions" };
                    format!("{text} ({n} {what}: {})", plain_list(&ls))
                }
            },
        }
    }

    fn all_resources(&self) -> &'static str {
        "all resources"
    }

    fn condition(&self, c: &Cond) -> String {
        if let Some(op) = &c.unknown_operator {
            return format!("{op} on {} is {}", c.key, plain_list(&c.values));
        }
        if let Some(s) = special(c) {
            return s;
        }
        let o = c.operator;
        let vals: Vec<String> = c.values.iter().map(|v| shown_value(c, v)).collect();
        let subj = subject(&c.key);
        let mut out = if o.op == Op::Null {
            let states: Vec<String> = c
                .values
                .iter()
                .map(|v| if v.eq_ignore_ascii_case("true") { "is absent from the request" } else { "is present in the request" }.into())
                .collect();
            format!("{subj} {}", or_list(&states))
        } else {
            match (o.set, o.negated) {
                (Set::None, false) => format!("{subj} {}", positive(o.op, &or_list(&vals))),
                (Set::None, true) => format!("{subj} {}", negative(o.op, &vals)),
                (Set::Any, false) => format!("at least one value of {subj} {}", positive(o.op, &or_list(&vals))),
                (Set::Any, true) => format!("at least one value of {subj} {}", negative(o.op, &vals)),
                (Set::All, false) => format!("every value of {subj} {}", positive(o.op, &or_list(&vals))),
                (Set::All, true) => format!("no value of {subj} {}", positive(o.op, &or_list(&vals))),
            }
        };
        if o.holds_without_key() {
            out.push_str(&format!(" (or the request has no {})", c.key));
        }
        let vars: Vec<&str> = c.values.iter().filter(|v| c.has_variable(v)).flat_map(|v| variables(v)).collect();
        if !vars.is_empty() {
            out.push_str(&format!(" ({} taken from the request)", plain_list(&vars.iter().map(|s| s.to_string()).collect::<Vec<_>>())));
        }
        out
    }

    fn resource_variables(&self, vars: &[&str], literal: bool) -> String {
        if literal {
            " (${…} is literal text here: policy variables need \"Version\": \"2012-10-17\")".into()
        } else {
            format!(" ({} taken from the request)", plain_list(&vars.iter().map(|s| s.to_string()).collect::<Vec<_>>()))
        }
    }

    fn list_or(&self, items: Vec<Sentence>) -> Sentence {
        Sentence::join(items, ", ", " or ")
    }

    fn list_and(&self, items: Vec<Sentence>) -> Sentence {
        Sentence::join(items, ", ", " and ")
    }

    fn all_of(&self, conditions: Vec<Sentence>) -> Sentence {
        // Conditions that hold commas of their own are kept apart with `;`.
        if conditions.iter().any(|c| c.0.iter().any(|p| p.text.contains(", "))) {
            Sentence::join(conditions, "; ", "; and ")
        } else {
            self.list_and(conditions)
        }
    }

    fn not_principal(&self, who: Sentence) -> Sentence {
        let mut s = Sentence::lit("everyone except ");
        s.append(who);
        s
    }

    fn not_action(&self, actions: Sentence) -> Sentence {
        let mut s = Sentence::lit("every action except ");
        s.append(actions);
        s
    }

    fn trust_not_action(&self, actions: Sentence) -> Sentence {
        let mut s = Sentence::lit("call every action except ");
        s.append(actions);
        s
    }

    fn not_resource(&self, resources: Sentence) -> Sentence {
        let mut s = Sentence::lit("every resource except ");
        s.append(resources);
        s
    }

    fn trust_statement(&self, effect: Effect, who: Sentence, verbs: Sentence, conditions: Vec<Sentence>) -> Sentence {
        let mut s = Sentence::default();
        match effect {
            Effect::Allow => {
                s.push("Lets ").append(who).push(" ").append(verbs);
                if !conditions.is_empty() {
                    s.push(", only when ").append(self.all_of(conditions));
                }
                s.push(".");
            }
            Effect::Deny => {
                s.push("Denies ").append(who).push(" permission to ").append(verbs);
                if !conditions.is_empty() {
                    s.push(", when ").append(self.all_of(conditions));
                }
                s.push(". An explicit deny overrides any allow.");
            }
        }
        s
    }

    fn permission_statement(
        &self,
        effect: Effect,
        who: Option<Sentence>,
        actions: Sentence,
        resources: Sentence,
        conditions: Vec<Sentence>,
    ) -> Sentence {
        let mut s = Sentence::default();
        match (effect, who) {
            (Effect::Allow, None) => {
                s.push("Allows ");
            }
            (Effect::Allow, Some(w)) => {
                s.push("Allows ").append(w).push(" to perform ");
            }
            (Effect::Deny, None) => {
                s.push("Denies ");
            }
            (Effect::Deny, Some(w)) => {
                s.push("Denies ").append(w).push(" permission to perform ");
            }
        }
        s.append(actions).push(" on ").append(resources);
        if !conditions.is_empty() {
            s.push(if effect == Effect::Allow { ", only when " } else { ", when " });
            s.append(self.all_of(conditions));
        }
        s.push(if effect == Effect::Allow { "." } else { ". An explicit deny overrides any allow." });
        s
    }

    fn access_level(&self, level: AccessLevel) -> &'static str {
        level.as_str()
    }

    fn summary_row(&self, row: &ServiceRow) -> String {
        let effect = match row.effect {
            Effect::Allow => "Allow",
            Effect::Deny => "Deny",
        };
        let service = match (&row.access, &row.name) {
            (Access::AllExcept, _) => format!("All services except {}", plain_list(&row.actions)),
            (_, _) if row.service == "*" => "All services".to_string(),
            (_, Some(n)) => format!("{n} ({})", row.service),
            (_, None) => row.service.clone(),
        };
        let access = match &row.access {
            Access::Unknown => plain_list(&row.actions),
            Access::Full | Access::AllExcept => "Full access".into(),
            Access::None => "no action the catalogue knows".into(),
            Access::Levels(levels) => {
                let pick = |c: Coverage| -> Vec<String> {
                    levels.iter().filter(|(_, k)| *k == c).map(|(l, _)| self.access_level(*l).to_string()).collect()
                };
                let mut parts = Vec::new();
                let full = pick(Coverage::Full);
                if !full.is_empty() {
                    parts.push(format!("Full: {}", plain_list(&full)));
                }
                let limited = pick(Coverage::Limited);
                if !limited.is_empty() {
                    parts.push(format!("Limited: {}", plain_list(&limited)));
                }
                parts.join(" · ")
            }
        };
        let mut out = format!("{effect} — {service}: {access}");
        out.push_str(if row.all_resources { " · all resources" } else { " · specific resources" });
        if row.conditions {
            out.push_str(" · with conditions");
        }
        if !row.unrecognized.is_empty() {
            out.push_str(&format!(" · not in the catalogue: {}", plain_list(&row.unrecognized)));
        }
        out
    }
}
