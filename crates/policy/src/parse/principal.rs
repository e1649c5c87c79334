//! `Principal` and `NotPrincipal`: `"*"` or `{"AWS"|"Service"|"Federated"|"CanonicalUser": …}`.

use super::Parser;
use crate::arn::{is_account_id, Arn, IamKind};
use crate::ast::*;
use crate::issue::IssueCode;
use crate::json::{Kind, Member};
use crate::path::JsonPath;

impl Parser<'_> {
    pub(super) fn principal(&mut self, m: &Member, path: &JsonPath, negated: bool) -> Option<PrincipalSpec> {
        let p = path.key(&m.key);
        if !self.kind.has_principal() {
            let what = match self.kind {
                PolicyType::Identity => "an identity-based policy",
                PolicyType::Boundary => "a permissions boundary",
                PolicyType::Scp => "a service control policy",
                PolicyType::Session => "a session policy",
                _ => "this policy",
            };
            let issue = if self.kind == PolicyType::Scp { IssueCode::ScpSyntaxErrorPrincipal } else { IssueCode::UnsupportedPrincipal };
            self.error(
                issue,
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
                self.error(
                    IssueCode::InvalidPrincipalFormat,
                    &p,
                    m.value.span,
                    format!("`{}` must be `\"*\"` or an object such as {{\"AWS\": \"{s}\"}}", m.key),
                );
                return None;
            }
            Kind::Object(members) => {
                self.check_keys(
                    members,
                    &p,
                    &["AWS", "Service", "Federated", "CanonicalUser"],
                    "a principal",
                    IssueCode::InvalidPrincipalKey,
                );
                if members.is_empty() {
                    self.error(
                        IssueCode::EmptyObjectPrincipal,
                        &p,
                        m.value.span,
                        format!("`{}` is empty; it must name at least one principal", m.key),
                    );
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
                            Err((issue, msg)) => {
                                let issue = match issue {
                                    IssueCode::InvalidPrincipalFormat if pm.key == "Federated" && self.kind == PolicyType::Trust => {
                                        IssueCode::InvalidFederatedPrincipalSyntaxInRoleTrustPolicy
                                    }
                                    other => other,
                                };
                                self.error(issue, &ep, span, format!("invalid principal in policy: \"{}\": \"{s}\": {msg}", pm.key));
                                ok = false;
                            }
                        }
                    }
                }
            }
            _ => {
                self.error(
                    IssueCode::InvalidPrincipalFormat,
                    &p,
                    m.value.span,
                    format!("`{}` must be `\"*\"` or an object, not {}", m.key, m.value.kind_name()),
                );
                return None;
            }
        }
        ok.then_some(PrincipalSpec { negated, entries, span: m.value.span })
    }
}

fn principal_value(key: &str, s: &str) -> Result<Principal, (IssueCode, String)> {
    let bad = |m: String| (IssueCode::InvalidPrincipalFormat, m);
    match key {
        "AWS" => {
            if s == "*" {
                return Ok(Principal::Anyone);
            }
            if is_account_id(s) {
                return Ok(Principal::Account(s.to_string()));
            }
            if s.contains(['*', '?']) {
                return Err((
                    IssueCode::UnsupportedWildcardInPrincipal,
                    "wildcards cannot match part of a principal; use `*` alone, or a condition such as `aws:PrincipalArn` with `ArnLike`"
                        .into(),
                ));
            }
            let arn = Arn::parse(s).map_err(|e| bad(e.message))?;
            if arn.service != "iam" && arn.service != "sts" {
                return Err(bad(format!("an AWS principal is an IAM or STS ARN, not an `{}` ARN", arn.service)));
            }
            if !is_account_id(&arn.account) {
                return Err(bad(format!("`{}` is not an account ID: it must be 12 digits", arn.account)));
            }
            if !arn.region.is_empty() {
                return Err(bad("IAM and STS principal ARNs have no region".into()));
            }
            let p = match arn.iam_kind() {
                IamKind::Root => Principal::Account(arn.account.clone()),
                IamKind::User { .. } => Principal::User(s.to_string()),
                IamKind::Role { .. } => Principal::Role(s.to_string()),
                IamKind::AssumedRole { .. } => Principal::AssumedRole(s.to_string()),
                IamKind::FederatedUser { .. } => Principal::OtherArn(s.to_string()),
                _ => return Err(bad("expected an account ID, `arn:…:root`, or a user, role or assumed-role ARN".into())),
            };
            Ok(p)
        }
        "Service" => {
            if s.contains(['*', '?']) {
                return Err((
                    IssueCode::UnsupportedWildcardInPrincipal,
                    "a service principal is a name such as `lambda.amazonaws.com`".into(),
                ));
            }
            if s.is_empty() || s.contains(' ') {
                return Err(bad("a service principal is a name such as `lambda.amazonaws.com`".into()));
            }
            Ok(Principal::Service(s.to_string()))
        }
        "Federated" => {
            if s.is_empty() || s.contains(['*', '?', ' ']) {
                return Err(bad(
                    "a federated principal is an identity provider ARN or a name such as `cognito-identity.amazonaws.com`".into()
                ));
            }
            if s.starts_with("arn:") {
                Arn::parse(s).map_err(|e| bad(e.message))?;
            }
            Ok(Principal::Federated(s.to_string()))
        }
        _ => {
            if s.is_empty() {
                return Err(bad("a canonical user ID cannot be empty".into()));
            }
            Ok(Principal::CanonicalUser(s.to_string()))
        }
    }
}
