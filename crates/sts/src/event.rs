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
use serde_json::Value;

use crate::creds;
use crate::report::{AssumedRoleUser, Credentials, ErrorCode};
use crate::sim::{Session, REGION, SOURCE_IP};

/// Who made the request, as the record's `userIdentity` shows it.
#[derive(Clone, Debug)]
pub(crate) enum Identity {
    /// An IAM user with long-term credentials.
    User { arn: String, account: String, name: String },
    /// An IAM user with the temporary credentials of GetSessionToken.
    UserSession { arn: String, account: String, name: String, access_key_id: String, issued_at: i64, mfa: bool },
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
    pub(crate) principal_arn: Option<String>,
    pub(crate) session_name: Option<String>,
    pub(crate) duration: i64,
    pub(crate) external_id: bool,
    pub(crate) source_identity: Option<String>,
    pub(crate) tags: Vec<(String, String)>,
}

/// The parameters of a GetSessionToken request, as the record shows them
/// (the token code is not recorded).
#[derive(Clone, Debug)]
pub(crate) struct SessionTokenParams {
    pub(crate) duration: i64,
    pub(crate) serial_number: Option<String>,
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
    pub(crate) session_token: Option<SessionTokenParams>,
    pub(crate) resource: Option<String>,
    pub(crate) response: Option<(Credentials, Option<AssumedRoleUser>)>,
    pub(crate) recipient: Option<String>,
    pub(crate) error: Option<(ErrorCode, Option<String>)>,
}

/// A CloudTrail-like record: read it as a [`serde_json::Value`] (it derefs
/// to one, built on first use) or serialize it.
#[derive(Clone, Debug)]
pub struct Event {
    parts: Parts,
    json: OnceCell<Value>,
    /// The record as text, written the first time it is shown.
    text: OnceCell<String>,
}

impl Event {
    pub(crate) fn new(parts: Parts) -> Self {
        Event { parts, json: OnceCell::new(), text: OnceCell::new() }
    }

    /// The record of a GetSessionToken request: its parameters, and only
    /// the credentials in its response.
    pub(crate) fn for_session_token(mut self, params: SessionTokenParams, credentials: Option<Credentials>) -> Self {
        self.parts.session_token = Some(params);
        self.parts.assume = None;
        self.parts.resource = None;
        self.parts.response = credentials.map(|c| (c, None));
        self.json = OnceCell::new();
        self.text = OnceCell::new();
        self
    }

    /// The access key the request was made with (`userIdentity.accessKeyId`).
    pub fn access_key_id(&self) -> Option<&str> {
        match &self.parts.identity {
            Identity::Session { session, .. } => Some(&session.access_key_id),
            Identity::UserSession { access_key_id, .. } => Some(access_key_id),
            _ => self.get("userIdentity").and_then(|u| u.get("accessKeyId")).and_then(Value::as_str),
        }
    }
}

impl Event {
    /// `eventTime`, in seconds since the epoch.
    pub fn time(&self) -> i64 {
        self.parts.time
    }

    /// `eventName`: the action without its service prefix.
    pub fn name(&self) -> &str {
        self.parts.action.split_once(':').map_or(self.parts.action.as_str(), |(_, n)| n)
    }

    /// Who the record names: `userIdentity.arn`, or for a service its
    /// `invokedBy`, for a federated caller its `identityProvider`.
    pub fn who(&self) -> &str {
        match &self.parts.identity {
            Identity::User { arn, .. } | Identity::UserSession { arn, .. } => arn,
            Identity::Session { session, .. } => &session.arn,
            Identity::Service(svc) => svc,
            Identity::Federated { provider, .. } => provider,
        }
    }

    /// The record as JSON text (two-space indent, the record's own field
    /// order), written straight from its parts the first time it is asked
    /// for: the same text as the tree [`Deref`] gives, pretty-printed,
    /// without building that tree (what the page shows, on every render;
    /// the tree's code would cost its first load).
    pub fn pretty(&self) -> &str {
        self.text.get_or_init(|| serde_json::to_string_pretty(&self.parts.record()).unwrap_or_default())
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
        // Through the JSON tree: serializing the parts straight for every
        // serializer would add more code than the page's size budget allows.
        (**self).serialize(s)
    }
}

// The record's shape, from borrowed parts: what the JSON tree is built from.

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Record<'a> {
    event_version: &'static str,
    user_identity: UserIdentity<'a>,
    event_time: String,
    event_source: String,
    event_name: &'a str,
    aws_region: &'static str,
    #[serde(rename = "sourceIPAddress")]
    source_ip_address: &'a str,
    request_parameters: RequestParameters<'a>,
    response_elements: Option<ResponseElements<'a>>,
    #[serde(rename = "eventID")]
    event_id: String,
    event_type: &'static str,
    recipient_account_id: Option<&'a str>,
    #[serde(flatten)]
    error: Option<ErrorFields<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ErrorFields<'a> {
    error_code: ErrorCode,
    error_message: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum UserIdentity<'a> {
    User {
        #[serde(rename = "type")]
        kind: &'static str,
        #[serde(rename = "principalId")]
        principal_id: String,
        arn: &'a str,
        #[serde(rename = "accountId")]
        account_id: &'a str,
        #[serde(rename = "accessKeyId")]
        access_key_id: String,
        #[serde(rename = "userName")]
        user_name: &'a str,
    },
    Session {
        #[serde(rename = "type")]
        kind: &'static str,
        #[serde(rename = "principalId")]
        principal_id: &'a str,
        arn: &'a str,
        #[serde(rename = "accountId")]
        account_id: Option<&'a str>,
        #[serde(rename = "accessKeyId")]
        access_key_id: &'a str,
        #[serde(rename = "sessionContext")]
        session_context: SessionContext<'a>,
    },
    UserSession {
        #[serde(rename = "type")]
        kind: &'static str,
        #[serde(rename = "principalId")]
        principal_id: String,
        arn: &'a str,
        #[serde(rename = "accountId")]
        account_id: &'a str,
        #[serde(rename = "accessKeyId")]
        access_key_id: &'a str,
        #[serde(rename = "userName")]
        user_name: &'a str,
        #[serde(rename = "sessionContext")]
        session_context: UserSessionContext,
    },
    Service {
        #[serde(rename = "type")]
        kind: &'static str,
        #[serde(rename = "invokedBy")]
        invoked_by: &'a str,
    },
    Federated {
        #[serde(rename = "type")]
        kind: &'static str,
        #[serde(rename = "identityProvider")]
        identity_provider: &'a str,
    },
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SessionContext<'a> {
    session_issuer: SessionIssuer<'a>,
    attributes: Attributes,
    #[serde(skip_serializing_if = "Option::is_none")]
    source_identity: Option<&'a str>,
}

#[derive(Serialize)]
struct UserSessionContext {
    attributes: Attributes,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SessionIssuer<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    principal_id: Option<String>,
    arn: Option<&'a str>,
    account_id: Option<&'a str>,
    user_name: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Attributes {
    creation_date: String,
    mfa_authenticated: &'static str,
}

#[derive(Serialize)]
#[serde(untagged)]
enum RequestParameters<'a> {
    Assume(AssumeRequest<'a>),
    SessionToken(SessionTokenRequest<'a>),
    Resource { resource: &'a str },
    None,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AssumeRequest<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    role_arn: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    principal_arn: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role_session_name: Option<&'a str>,
    duration_seconds: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_id: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source_identity: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<TagJson<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SessionTokenRequest<'a> {
    duration_seconds: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    serial_number: Option<&'a str>,
}

#[derive(Serialize)]
struct TagJson<'a> {
    key: &'a str,
    value: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResponseElements<'a> {
    credentials: ResponseCredentials<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    assumed_role_user: Option<ResponseUser<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResponseCredentials<'a> {
    access_key_id: &'a str,
    session_token: &'a str,
    expiration: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResponseUser<'a> {
    assumed_role_id: &'a str,
    arn: &'a str,
}

impl Parts {
    fn identity(&self) -> UserIdentity<'_> {
        match &self.identity {
            Identity::User { arn, account, name } => UserIdentity::User {
                kind: "IAMUser",
                principal_id: creds::unique_id("AIDA", self.seed, arn),
                arn,
                account_id: account,
                access_key_id: creds::unique_id("AKIA", self.seed, arn).chars().take(20).collect(),
                user_name: name,
            },
            Identity::Session { session, role } => UserIdentity::Session {
                kind: "AssumedRole",
                principal_id: &session.assumed_role_id,
                arn: &session.arn,
                account_id: role.as_ref().map(|r| r.1.as_str()),
                access_key_id: &session.access_key_id,
                session_context: SessionContext {
                    session_issuer: SessionIssuer {
                        kind: "Role",
                        principal_id: role.as_ref().map(|r| creds::unique_id("AROA", self.seed, &r.0)),
                        arn: role.as_ref().map(|r| r.0.as_str()),
                        account_id: role.as_ref().map(|r| r.1.as_str()),
                        user_name: role.as_ref().map(|r| r.2.as_str()),
                    },
                    attributes: Attributes {
                        creation_date: format_iso8601(session.issued_at),
                        mfa_authenticated: if session.mfa { "true" } else { "false" },
                    },
                    source_identity: session.source_identity.as_deref(),
                },
            },
            Identity::UserSession { arn, account, name, access_key_id, issued_at, mfa } => UserIdentity::UserSession {
                kind: "IAMUser",
                principal_id: creds::unique_id("AIDA", self.seed, arn),
                arn,
                account_id: account,
                access_key_id,
                user_name: name,
                session_context: UserSessionContext {
                    attributes: Attributes {
                        creation_date: format_iso8601(*issued_at),
                        mfa_authenticated: if *mfa { "true" } else { "false" },
                    },
                },
            },
            Identity::Service(svc) => UserIdentity::Service { kind: "AWSService", invoked_by: svc },
            Identity::Federated { provider, saml } => {
                UserIdentity::Federated { kind: if *saml { "SAMLUser" } else { "WebIdentityUser" }, identity_provider: provider }
            }
        }
    }

    fn record(&self) -> Record<'_> {
        let (service, name) = self.action.split_once(':').unwrap_or(("", self.action.as_str()));
        let request_parameters = match (&self.assume, &self.resource) {
            _ if self.session_token.is_some() => match &self.session_token {
                Some(t) => RequestParameters::SessionToken(SessionTokenRequest {
                    duration_seconds: t.duration,
                    serial_number: t.serial_number.as_deref(),
                }),
                None => RequestParameters::None,
            },
            (Some(a), _) => RequestParameters::Assume(AssumeRequest {
                role_arn: a.role_arn.as_deref(),
                principal_arn: a.principal_arn.as_deref(),
                role_session_name: a.session_name.as_deref(),
                duration_seconds: a.duration,
                external_id: a.external_id.then_some("HIDDEN_DUE_TO_SECURITY_REASONS"),
                source_identity: a.source_identity.as_deref(),
                tags: a.tags.iter().map(|(k, v)| TagJson { key: k, value: v }).collect(),
            }),
            (None, Some(res)) if res != "*" => RequestParameters::Resource { resource: res },
            _ => RequestParameters::None,
        };
        Record {
            event_version: "1.08",
            user_identity: self.identity(),
            event_time: format_iso8601(self.time),
            event_source: format!("{service}.amazonaws.com"),
            event_name: name,
            aws_region: REGION,
            source_ip_address: match &self.identity {
                Identity::Service(svc) => svc,
                _ => SOURCE_IP,
            },
            request_parameters,
            response_elements: self.response.as_ref().map(|(c, u)| ResponseElements {
                credentials: ResponseCredentials {
                    access_key_id: &c.access_key_id,
                    session_token: &c.session_token,
                    expiration: &c.expiration,
                },
                assumed_role_user: u.as_ref().map(|u| ResponseUser { assumed_role_id: &u.assumed_role_id, arn: &u.arn }),
            }),
            event_id: format!("{:08x}-0000-4000-8000-{:012x}", self.seed as u32, self.number),
            event_type: "AwsApiCall",
            recipient_account_id: self.recipient.as_deref(),
            error: self.error.as_ref().map(|(code, message)| ErrorFields { error_code: *code, error_message: message.as_deref() }),
        }
    }

    fn to_json(&self) -> Value {
        serde_json::to_value(self.record()).unwrap_or(Value::Null)
    }
}
