//! The CloudTrail-like record of a request (extension `Event` of a step).
//!
//! A step keeps the record's parts, typed and cheap to gather; the JSON
//! record is built the first time it is read (as a [`serde_json::Value`],
//! through `Deref`) or serialized. A run that only needs decisions never
//! pays for it.

use std::cell::OnceCell;
use std::ops::Deref;
use std::rc::Rc;

use policy::time::format_iso8601;
use serde::{Serialize, Serializer};
use serde_json::{json, Map, Value};

use crate::creds;
use crate::report::{AssumedRoleUser, Credentials, ErrorCode};
use crate::sim::{Session, REGION, SOURCE_IP};

/// Who made the request, as the record's `userIdentity` shows it.
#[derive(Clone, Debug)]
pub(crate) enum Identity {
    /// An IAM user with long-term credentials.
    User { arn: String, account: String, name: String },
    /// A role session: the credentials used, and the role's ARN, account
    /// and name (when the role is known).
    Session { session: Rc<Session>, role: Option<(String, String, String)> },
    /// An AWS service principal.
    Service(String),
    /// A web identity (or, with `saml`, a SAML) provider.
    Federated { provider: String, saml: bool },
}

/// The parameters of an AssumeRole request, as the record shows them.
#[derive(Clone, Debug)]
pub(crate) struct AssumeParams {
    pub(crate) role_arn: Option<String>,
    pub(crate) session_name: Option<String>,
    pub(crate) duration: i64,
    pub(crate) external_id: bool,
    pub(crate) source_identity: Option<String>,
    pub(crate) tags: Vec<(String, String)>,
}

/// The parts of a record, gathered when the request is made.
#[derive(Clone, Debug)]
pub(crate) struct Parts {
    pub(crate) seed: u64,
    pub(crate) number: u64,
    pub(crate) time: i64,
    pub(crate) action: String,
    pub(crate) identity: Identity,
    pub(crate) assume: Option<AssumeParams>,
    pub(crate) resource: Option<String>,
    pub(crate) response: Option<(Credentials, AssumedRoleUser)>,
    pub(crate) recipient: Option<String>,
    pub(crate) error: Option<(ErrorCode, Option<String>)>,
}

/// A CloudTrail-like record: read it as a [`serde_json::Value`] (it derefs
/// to one, built on first use) or serialize it.
#[derive(Clone, Debug)]
pub struct Event {
    parts: Parts,
    json: OnceCell<Value>,
}

impl Event {
    pub(crate) fn new(parts: Parts) -> Self {
        Event { parts, json: OnceCell::new() }
    }

    /// The access key the request was made with (`userIdentity.accessKeyId`).
    pub fn access_key_id(&self) -> Option<&str> {
        match &self.parts.identity {
            Identity::Session { session, .. } => Some(&session.access_key_id),
            _ => self.get("userIdentity").and_then(|u| u.get("accessKeyId")).and_then(Value::as_str),
        }
    }
}

impl Deref for Event {
    type Target = Value;

    fn deref(&self) -> &Value {
        self.json.get_or_init(|| self.parts.to_json())
    }
}

impl Serialize for Event {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(s)
    }
}

impl Parts {
    fn identity(&self) -> Value {
        match &self.identity {
            Identity::User { arn, account, name } => json!({
                "type": "IAMUser",
                "principalId": creds::unique_id("AIDA", self.seed, arn),
                "arn": arn,
                "accountId": account,
                "accessKeyId": creds::unique_id("AKIA", self.seed, arn).chars().take(20).collect::<String>(),
                "userName": name,
            }),
            Identity::Session { session, role } => {
                let role_field = |f: fn(&(String, String, String)) -> &String| role.as_ref().map(|r| f(r).clone());
                let mut sc = json!({
                    "sessionIssuer": {
                        "type": "Role",
                        "principalId": role.as_ref().map(|r| creds::unique_id("AROA", self.seed, &r.0)),
                        "arn": role_field(|r| &r.0),
                        "accountId": role_field(|r| &r.1),
                        "userName": role_field(|r| &r.2),
                    },
                    "attributes": {
                        "creationDate": format_iso8601(session.issued_at),
                        "mfaAuthenticated": if session.mfa { "true" } else { "false" },
                    },
                });
                if let (Some(si), Some(obj)) = (&session.source_identity, sc.as_object_mut()) {
                    obj.insert("sourceIdentity".into(), json!(si));
                }
                json!({
                    "type": "AssumedRole",
                    "principalId": session.assumed_role_id,
                    "arn": session.arn,
                    "accountId": role_field(|r| &r.1),
                    "accessKeyId": session.access_key_id,
                    "sessionContext": sc,
                })
            }
            Identity::Service(svc) => json!({"type": "AWSService", "invokedBy": svc}),
            Identity::Federated { provider, saml } => {
                json!({"type": if *saml { "SAMLUser" } else { "WebIdentityUser" }, "identityProvider": provider})
            }
        }
    }

    fn to_json(&self) -> Value {
        let (service, name) = self.action.split_once(':').unwrap_or(("", self.action.as_str()));
        let request = match &self.assume {
            Some(a) => {
                let mut m = Map::new();
                if let Some(arn) = &a.role_arn {
                    m.insert("roleArn".into(), json!(arn));
                }
                if let Some(n) = &a.session_name {
                    m.insert("roleSessionName".into(), json!(n));
                }
                m.insert("durationSeconds".into(), json!(a.duration));
                if a.external_id {
                    m.insert("externalId".into(), json!("HIDDEN_DUE_TO_SECURITY_REASONS"));
                }
                if let Some(si) = &a.source_identity {
                    m.insert("sourceIdentity".into(), json!(si));
                }
                if !a.tags.is_empty() {
                    m.insert("tags".into(), json!(a.tags.iter().map(|(k, v)| json!({"key": k, "value": v})).collect::<Vec<_>>()));
                }
                Value::Object(m)
            }
            None => match &self.resource {
                Some(res) if res != "*" => json!({"resource": res}),
                _ => Value::Null,
            },
        };
        let response = match &self.response {
            Some((c, u)) => json!({
                "credentials": {"accessKeyId": c.access_key_id, "sessionToken": c.session_token, "expiration": c.expiration},
                "assumedRoleUser": {"assumedRoleId": u.assumed_role_id, "arn": u.arn},
            }),
            None => Value::Null,
        };
        let source_ip = match &self.identity {
            Identity::Service(svc) => svc.as_str(),
            _ => SOURCE_IP,
        };
        let mut ev = json!({
            "eventVersion": "1.08",
            "userIdentity": self.identity(),
            "eventTime": format_iso8601(self.time),
            "eventSource": format!("{service}.amazonaws.com"),
            "eventName": name,
            "awsRegion": REGION,
            "sourceIPAddress": source_ip,
            "requestParameters": request,
            "responseElements": response,
            "eventID": format!("{:08x}-0000-4000-8000-{:012x}", self.seed as u32, self.number),
            "eventType": "AwsApiCall",
            "recipientAccountId": self.recipient,
        });
        if let (Some((code, message)), Some(obj)) = (&self.error, ev.as_object_mut()) {
            obj.insert("errorCode".into(), json!(code));
            obj.insert("errorMessage".into(), json!(message));
        }
        ev
    }
}
