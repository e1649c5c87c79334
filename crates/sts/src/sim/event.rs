//! The CloudTrail-like record of each call.

use policy::time::format_iso8601;
use serde_json::{Map, Value};

use super::actor::Actor;
use super::{Simulator, REGION, SOURCE_IP};
use crate::creds;
use crate::report::*;
use crate::scenario::*;

/// A JSON object with its members in this order (a small builder: the
/// `json!` macro costs far more code in the WebAssembly page).
fn obj(members: Vec<(&str, Value)>) -> Value {
    Value::Object(members.into_iter().map(|(k, v)| (k.to_string(), v)).collect::<Map<String, Value>>())
}

fn text(s: impl Into<String>) -> Value {
    Value::String(s.into())
}

/// A string, or `null`.
fn opt(s: Option<String>) -> Value {
    s.map_or(Value::Null, Value::String)
}

impl Simulator<'_> {
    pub(super) fn with_event(
        &mut self,
        mut r: StepReport,
        actor: &Actor,
        st: Option<&AssumeStep>,
        session_name: Option<&str>,
    ) -> StepReport {
        self.event_count += 1;
        let action = r.action.clone().unwrap_or_default();
        let (service, name) = action.split_once(':').unwrap_or(("", action.as_str()));
        let s = self.s;
        let identity = match actor {
            Actor::User(u) => obj(vec![
                ("type", text("IAMUser")),
                ("principalId", text(self.user_id(u))),
                ("arn", text(u.arn.clone())),
                ("accountId", text(u.account.clone())),
                ("accessKeyId", text(creds::unique_id("AKIA", s.seed, &u.arn).chars().take(20).collect::<String>())),
                ("userName", text(u.name.clone())),
            ]),
            Actor::Session(sess) => {
                let role = s.roles.get(sess.role);
                let mut sc = vec![
                    (
                        "sessionIssuer",
                        obj(vec![
                            ("type", text("Role")),
                            ("principalId", opt(role.map(|r| self.role_id(r)))),
                            ("arn", opt(role.map(|r| r.arn.clone()))),
                            ("accountId", opt(role.map(|r| r.account.clone()))),
                            ("userName", opt(role.map(|r| r.name.clone()))),
                        ]),
                    ),
                    (
                        "attributes",
                        obj(vec![
                            ("creationDate", text(format_iso8601(sess.issued_at))),
                            ("mfaAuthenticated", text(if sess.mfa { "true" } else { "false" })),
                        ]),
                    ),
                ];
                if let Some(si) = &sess.source_identity {
                    sc.push(("sourceIdentity", text(si.clone())));
                }
                obj(vec![
                    ("type", text("AssumedRole")),
                    ("principalId", text(sess.assumed_role_id.clone())),
                    ("arn", text(sess.arn.clone())),
                    ("accountId", opt(role.map(|r| r.account.clone()))),
                    ("accessKeyId", text(sess.access_key_id.clone())),
                    ("sessionContext", obj(sc)),
                ])
            }
            Actor::Service(svc) => obj(vec![("type", text("AWSService")), ("invokedBy", text(*svc))]),
            Actor::Federated(p) => {
                let t = if st.is_some_and(|a| a.kind == AssumeKind::WithSaml) { "SAMLUser" } else { "WebIdentityUser" };
                obj(vec![("type", text(t)), ("identityProvider", text(*p))])
            }
        };
        let request = match st {
            Some(a) => {
                let mut m = Vec::new();
                if let Some(role) = s.roles.get(a.role) {
                    m.push(("roleArn", text(role.arn.clone())));
                }
                if let (AssumeKind::WithSaml, Actor::Federated(p)) = (a.kind, actor) {
                    m.push(("principalArn", text(*p)));
                }
                if let Some(n) = session_name {
                    m.push(("roleSessionName", text(n)));
                }
                m.push(("durationSeconds", Value::from(a.duration.unwrap_or(3600))));
                if a.external_id.is_some() {
                    m.push(("externalId", text("HIDDEN_DUE_TO_SECURITY_REASONS")));
                }
                if let Some(si) = &a.source_identity {
                    m.push(("sourceIdentity", text(si.clone())));
                }
                if !a.tags.is_empty() {
                    let tags = a.tags.iter().map(|t| obj(vec![("key", text(t.key.clone())), ("value", text(t.value.clone()))])).collect();
                    m.push(("tags", Value::Array(tags)));
                }
                obj(m)
            }
            None => match &r.resource {
                Some(res) if res != "*" => obj(vec![("resource", text(res.clone()))]),
                _ => Value::Null,
            },
        };
        let response = match (&r.credentials, &r.assumed_role_user) {
            (Some(c), Some(u)) => obj(vec![
                (
                    "credentials",
                    obj(vec![
                        ("accessKeyId", text(c.access_key_id.clone())),
                        ("sessionToken", text(c.session_token.clone())),
                        ("expiration", text(c.expiration.clone())),
                    ]),
                ),
                ("assumedRoleUser", obj(vec![("assumedRoleId", text(u.assumed_role_id.clone())), ("arn", text(u.arn.clone()))])),
            ]),
            _ => Value::Null,
        };
        let recipient = st.and_then(|a| s.roles.get(a.role)).map(|role| role.account.clone()).or_else(|| self.caller(actor).account);
        let mut ev = vec![
            ("eventVersion", text("1.08")),
            ("userIdentity", identity),
            ("eventTime", text(format_iso8601(self.now))),
            ("eventSource", text(format!("{service}.amazonaws.com"))),
            ("eventName", text(name)),
            ("awsRegion", text(REGION)),
            (
                "sourceIPAddress",
                text(match actor {
                    Actor::Service(svc) => (*svc).to_string(),
                    _ => SOURCE_IP.to_string(),
                }),
            ),
            ("requestParameters", request),
            ("responseElements", response),
            ("eventID", text(format!("{:08x}-0000-4000-8000-{:012x}", s.seed as u32, self.event_count))),
            ("eventType", text("AwsApiCall")),
            ("recipientAccountId", opt(recipient)),
        ];
        if let Some(code) = &r.error_code {
            ev.push(("errorCode", text(code.as_str())));
            ev.push(("errorMessage", opt(r.message.clone())));
        }
        r.event = Some(obj(ev));
        r
    }
}
