//! The CloudTrail-like record of each call.

use policy::time::format_iso8601;
use serde_json::{json, Value};

use super::actor::Actor;
use super::{Simulator, REGION, SOURCE_IP};
use crate::creds;
use crate::report::*;
use crate::scenario::*;

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
            Actor::User(u) => json!({
                "type": "IAMUser",
                "principalId": self.user_id(u),
                "arn": u.arn,
                "accountId": u.account,
                "accessKeyId": creds::unique_id("AKIA", s.seed, &u.arn).chars().take(20).collect::<String>(),
                "userName": u.name,
            }),
            Actor::UserSession(u, us) => json!({
                "type": "IAMUser",
                "principalId": self.user_id(u),
                "arn": u.arn,
                "accountId": u.account,
                "accessKeyId": us.access_key_id,
                "userName": u.name,
                "sessionContext": {
                    "attributes": {
                        "creationDate": format_iso8601(us.issued_at),
                        "mfaAuthenticated": if us.mfa { "true" } else { "false" },
                    },
                },
            }),
            Actor::Session(sess) => {
                let role = s.roles.get(sess.role);
                let mut sc = json!({
                    "sessionIssuer": {
                        "type": "Role",
                        "principalId": role.map(|r| self.role_id(r)),
                        "arn": role.map(|r| r.arn.clone()),
                        "accountId": role.map(|r| r.account.clone()),
                        "userName": role.map(|r| r.name.clone()),
                    },
                    "attributes": {
                        "creationDate": format_iso8601(sess.issued_at),
                        "mfaAuthenticated": if sess.mfa { "true" } else { "false" },
                    },
                });
                if let (Some(si), Some(obj)) = (&sess.source_identity, sc.as_object_mut()) {
                    obj.insert("sourceIdentity".into(), json!(si));
                }
                json!({
                    "type": "AssumedRole",
                    "principalId": sess.assumed_role_id,
                    "arn": sess.arn,
                    "accountId": role.map(|r| r.account.clone()),
                    "accessKeyId": sess.access_key_id,
                    "sessionContext": sc,
                })
            }
            Actor::Service(svc) => json!({"type": "AWSService", "invokedBy": svc}),
            Actor::Federated(p) => {
                let t = if st.is_some_and(|a| a.kind == AssumeKind::WithSaml) { "SAMLUser" } else { "WebIdentityUser" };
                json!({"type": t, "identityProvider": p})
            }
        };
        let request = match st {
            Some(a) => {
                let mut m = serde_json::Map::new();
                if let Some(role) = s.roles.get(a.role) {
                    m.insert("roleArn".into(), json!(role.arn));
                }
                if let Some(n) = session_name {
                    m.insert("roleSessionName".into(), json!(n));
                }
                m.insert("durationSeconds".into(), json!(a.duration.unwrap_or(3600)));
                if a.external_id.is_some() {
                    m.insert("externalId".into(), json!("HIDDEN_DUE_TO_SECURITY_REASONS"));
                }
                if let Some(si) = &a.source_identity {
                    m.insert("sourceIdentity".into(), json!(si));
                }
                if !a.tags.is_empty() {
                    m.insert("tags".into(), json!(a.tags.iter().map(|t| json!({"key": t.key, "value": t.value})).collect::<Vec<_>>()));
                }
                Value::Object(m)
            }
            None => match &r.resource {
                Some(res) if res != "*" => json!({"resource": res}),
                _ => Value::Null,
            },
        };
        let response = match (&r.credentials, &r.assumed_role_user) {
            (Some(c), Some(u)) => json!({
                "credentials": {"accessKeyId": c.access_key_id, "sessionToken": c.session_token, "expiration": c.expiration},
                "assumedRoleUser": {"assumedRoleId": u.assumed_role_id, "arn": u.arn},
            }),
            _ => Value::Null,
        };
        let recipient = st.and_then(|a| s.roles.get(a.role)).map(|role| role.account.clone()).or_else(|| self.caller(actor).account);
        let mut ev = json!({
            "eventVersion": "1.08",
            "userIdentity": identity,
            "eventTime": format_iso8601(self.now),
            "eventSource": format!("{service}.amazonaws.com"),
            "eventName": name,
            "awsRegion": REGION,
            "sourceIPAddress": match actor { Actor::Service(svc) => (*svc).to_string(), _ => SOURCE_IP.to_string() },
            "requestParameters": request,
            "responseElements": response,
            "eventID": format!("{:08x}-0000-4000-8000-{:012x}", s.seed as u32, self.event_count),
            "eventType": "AwsApiCall",
            "recipientAccountId": recipient,
        });
        if let (Some(code), Some(obj)) = (&r.error_code, ev.as_object_mut()) {
            obj.insert("errorCode".into(), json!(code));
            obj.insert("errorMessage".into(), json!(r.message));
        }
        r.event = Some(ev);
        r
    }
}
