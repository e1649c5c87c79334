//! Every step of a run as the AWS CLI command that makes the same request,
//! and what AWS would print: the JSON of `AssumeRole` (and its web identity
//! and SAML siblings), `GetCallerIdentity` after switching, or the error
//! line the CLI writes for a denied or failed request.
//!
//! The response JSON follows the API's response elements in the service
//! model's order (`Credentials`, `AssumedRoleUser`, `SourceIdentity` only
//! when one was set; AWS's `PackedPolicySize` is left out, because roleplay
//! does not simulate how AWS packs a session policy), with timestamps as AWS CLI version 2 prints them (ISO 8601 with
//! `+00:00`). An error is the CLI's line `An error occurred (CODE) when
//! calling the OPERATION operation: MESSAGE`.

mod call;
pub mod profiles;
mod session_token;
mod shell;

use serde_json::{json, Map, Value};
use sts::report::{Outcome, StepReport};
use sts::scenario::{AssumeKind, AssumeStep, CallStep, CallerSpec, Scenario, SessionPolicy, StepKind};
use sts::Report;

use crate::report::{Note, NoteKind};
pub use call::kebab;
use profiles::{has_mfa, mfa_serial, Profiles};
pub use shell::quote;
use shell::Cmd;

/// What AWS answers to a step's command.
#[derive(Clone, Debug, PartialEq)]
pub enum Response {
    /// The JSON the AWS CLI prints.
    Json(Value),
    /// The line the AWS CLI writes on standard error.
    Error(String),
    /// The service's own answer, which roleplay does not simulate (it only
    /// decides whether the call is allowed).
    NotSimulated,
    /// Nothing: the step sends no request (a clock step, a service's own
    /// call).
    None,
}

/// One step as the AWS CLI runs it.
#[derive(Clone, Debug, PartialEq)]
pub struct StepCli {
    /// The step's index.
    pub step: usize,
    /// The command (lines joined with ` \` + newline), when one can be typed.
    pub command: Option<String>,
    /// The profile the command runs with.
    pub profile: Option<String>,
    /// What AWS answers.
    pub response: Response,
    /// After a role was assumed: `aws sts get-caller-identity` with the
    /// new session's profile, and its answer.
    pub caller_identity: Option<(String, Value)>,
    /// What to know about this step, in both languages.
    pub note: Option<Note>,
}

/// `2026-11-22T10:00:00Z` as AWS CLI version 2 prints timestamps.
fn cli_time(iso: &str) -> String {
    match iso.strip_suffix('Z') {
        Some(t) => format!("{t}+00:00"),
        None => iso.to_string(),
    }
}

fn error_line(code: &str, operation: &str, message: &str) -> String {
    format!("An error occurred ({code}) when calling the {operation} operation: {message}")
}

/// The text of the session policy a step passes: a string as written, an
/// object compacted.
fn session_policy_text(doc: Option<&policy::json::Value>, a: &AssumeStep) -> Option<String> {
    let path = match &a.policy {
        Some(SessionPolicy::Parsed(d)) => d.path.clone(),
        Some(SessionPolicy::Malformed(_) | SessionPolicy::TooLong(_)) | None => return None,
    };
    let v = path.lookup(doc?)?;
    Some(match v.as_str() {
        Some(s) => serde_json::from_str::<Value>(s).map(|j| j.to_string()).unwrap_or_else(|_| s.to_string()),
        None => v.to_json_text(),
    })
}

fn context_value(a: &AssumeStep, suffix: &str) -> Option<String> {
    a.context
        .iter()
        .find(|(k, _)| k.to_ascii_lowercase().ends_with(&suffix.to_ascii_lowercase()))
        .and_then(|(_, v)| v.values.first().cloned())
}

fn assume(s: &Scenario, r: &StepReport, a: &AssumeStep, p: &Profiles, doc: Option<&policy::json::Value>, i: usize) -> StepCli {
    let role = s.roles.get(a.role);
    let role_arn = role.map(|r| r.arn.as_str()).unwrap_or_default();
    let role_name = role.map(|r| r.name.as_str()).unwrap_or_default();
    let mut out = StepCli { step: i, command: None, profile: None, response: Response::None, caller_identity: None, note: None };
    let (sub, operation) = match a.kind {
        AssumeKind::AssumeRole => ("assume-role", "AssumeRole"),
        AssumeKind::WithWebIdentity => ("assume-role-with-web-identity", "AssumeRoleWithWebIdentity"),
        AssumeKind::WithSaml => ("assume-role-with-saml", "AssumeRoleWithSAML"),
    };
    if let CallerSpec::Service(svc) = &a.caller {
        let how = match a.instance_profile.and_then(|ip| s.instance_profiles.get(ip)) {
            Some(ip) => (
                format!("EC2 assumes {role_name} for the instance through the instance profile {}; software on the instance gets the credentials from the instance metadata service. Nothing to type.", ip.name),
                format!("EC2 がインスタンスプロファイル {} を通じてインスタンスのために {role_name} を引き受けます。インスタンス上のソフトウェアはインスタンスメタデータサービスから認証情報を得ます。入力するコマンドはありません。", ip.name),
            ),
            None => (
                format!("{svc} assumes {role_name} itself; the credentials stay with the service. Nothing to type."),
                format!("{svc} が {role_name} を自分で引き受けます。認証情報はサービスの中にあります。入力するコマンドはありません。"),
            ),
        };
        out.note = Some(Note::new(NoteKind::Info, how.0, how.1));
        return out;
    }
    let mut cmd = Cmd::new(&["aws", "sts", sub]).opt("--role-arn", &[role_arn]);
    if let Some(n) = &a.session_name {
        cmd = cmd.opt("--role-session-name", &[n]);
    }
    if let Some(d) = a.duration {
        cmd = cmd.opt("--duration-seconds", &[&d.to_string()]);
    }
    match (&a.caller, a.kind) {
        (CallerSpec::Federated(_), AssumeKind::WithWebIdentity) => {
            cmd = cmd.raw("--web-identity-token", &["\"$(cat /path/to/web-identity-token)\""])
        }
        (CallerSpec::Federated(provider), _) => {
            let principal = if provider.starts_with("arn:") {
                provider.clone()
            } else {
                format!("arn:aws:iam::{}:saml-provider/{provider}", role.map(|r| r.account.as_str()).unwrap_or_default())
            };
            cmd = cmd.opt("--principal-arn", &[&principal]).raw("--saml-assertion", &["file://saml-response.b64"]);
        }
        _ => {}
    }
    if let Some(x) = &a.external_id {
        cmd = cmd.opt("--external-id", &[x]);
    }
    if let (CallerSpec::User(u), true) = (&a.caller, has_mfa(&a.context)) {
        if let Some(user) = s.users.get(*u) {
            cmd = cmd.opt("--serial-number", &[&mfa_serial(&user.account, &user.name)]).opt("--token-code", &["123456"]);
        }
    }
    if let Some(text) = session_policy_text(doc, a) {
        cmd = cmd.opt("--policy", &[&text]);
    }
    if let Some(si) = &a.source_identity {
        cmd = cmd.opt("--source-identity", &[si]);
    }
    if !a.tags.is_empty() {
        let simple = |t: &str| t.chars().all(|c| c.is_ascii_alphanumeric() || "_.:/@+-".contains(c));
        if a.tags.iter().all(|t| simple(&t.key) && simple(&t.value)) {
            let words: Vec<String> = a.tags.iter().map(|t| format!("Key={},Value={}", t.key, t.value)).collect();
            let refs: Vec<&str> = words.iter().map(String::as_str).collect();
            cmd = cmd.opt("--tags", &refs);
        } else {
            let list: Vec<Value> = a.tags.iter().map(|t| json!({"Key": t.key, "Value": t.value})).collect();
            cmd = cmd.opt("--tags", &[&Value::Array(list).to_string()]);
        }
    }
    out.profile = match &a.caller {
        CallerSpec::User(u) => p.users.get(*u).cloned(),
        CallerSpec::Session(j) | CallerSpec::OriginalSession(j) => p.sessions.get(j).cloned(),
        _ => None,
    };
    if let Some(prof) = &out.profile {
        cmd = cmd.opt("--profile", &[prof]);
    } else if let CallerSpec::Session(j) | CallerSpec::OriginalSession(j) = &a.caller {
        out.note = Some(Note::new(
            NoteKind::Info,
            format!("made with the credentials step {j} returned, set as AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN"),
            format!("ステップ {j} が返した認証情報を AWS_ACCESS_KEY_ID、AWS_SECRET_ACCESS_KEY、AWS_SESSION_TOKEN に設定して実行します"),
        ));
    }
    out.command = Some(cmd.render());
    if matches!(a.policy, Some(SessionPolicy::Parsed(_))) && out.note.is_none() && r.credentials.is_some() {
        // AWS's response also has PackedPolicySize; roleplay does not
        // simulate how AWS packs a session policy, so it prints none.
        out.note = Some(Note::new(
            NoteKind::NotCarried,
            "AWS's answer also has PackedPolicySize (the share of the packed size limit the session policy and tags use), which roleplay does not simulate",
            "AWS の応答には PackedPolicySize (セッションポリシーとタグがパック後のサイズ上限の何パーセントを使うか) も含まれますが、roleplay はこれをシミュレートしません",
        ));
    }
    match (&r.credentials, &r.assumed_role_user) {
        (Some(c), Some(u)) => {
            let mut o = Map::new();
            o.insert(
                "Credentials".into(),
                json!({"AccessKeyId": c.access_key_id, "SecretAccessKey": c.secret_access_key, "SessionToken": c.session_token, "Expiration": cli_time(&c.expiration)}),
            );
            if a.kind == AssumeKind::WithWebIdentity {
                if let Some(sub) = context_value(a, ":sub") {
                    o.insert("SubjectFromWebIdentityToken".into(), json!(sub));
                }
            }
            o.insert("AssumedRoleUser".into(), json!({"AssumedRoleId": u.assumed_role_id, "Arn": u.arn}));
            match (a.kind, &a.caller) {
                (AssumeKind::WithWebIdentity, CallerSpec::Federated(provider)) => {
                    // "For OpenID Connect ID tokens, this contains the value of
                    // the iss field": the provider's URL, `https://` + its host.
                    if let Some(host) = provider.split_once(":oidc-provider/").map(|(_, h)| h) {
                        o.insert("Provider".into(), json!(format!("https://{host}")));
                    }
                    if let Some(aud) = context_value(a, ":aud") {
                        o.insert("Audience".into(), json!(aud));
                    }
                }
                (AssumeKind::WithSaml, _) => {
                    for (key, name) in
                        [("saml:sub", "Subject"), ("saml:sub_type", "SubjectType"), ("saml:iss", "Issuer"), ("saml:aud", "Audience")]
                    {
                        if let Some(v) = a.context.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).and_then(|(_, v)| v.values.first()) {
                            o.insert(name.into(), json!(v));
                        }
                    }
                }
                _ => {}
            }
            if let Some(si) = &r.source_identity {
                o.insert("SourceIdentity".into(), json!(si));
            }
            out.response = Response::Json(Value::Object(o));
            if let Some(session_profile) = p.sessions.get(&i) {
                let account = u.arn.split(':').nth(4).unwrap_or_default();
                out.caller_identity = Some((
                    Cmd::new(&["aws", "sts", "get-caller-identity"]).opt("--profile", &[session_profile]).render(),
                    json!({"UserId": u.assumed_role_id, "Account": account, "Arn": u.arn}),
                ));
            }
        }
        _ => {
            let code = r.error_code.map(|c| c.as_str()).unwrap_or("AccessDenied");
            out.response = Response::Error(error_line(code, operation, r.message.as_deref().unwrap_or_default()));
        }
    }
    out
}

fn call_step(s: &Scenario, r: &StepReport, c: &CallStep, p: &Profiles, i: usize) -> StepCli {
    let passed = c.passed_role.and_then(|x| s.roles.get(x)).map(|r| r.arn.as_str());
    let built = call::call(&c.action, &c.resource, passed);
    let mut out = StepCli { step: i, command: None, profile: None, response: Response::None, caller_identity: None, note: None };
    let mut cmd = built.cmd;
    let holder = |j: usize| match s.steps.get(j).map(|st| &st.kind) {
        Some(StepKind::Assume(a)) => Some(a.caller.clone()),
        _ => None,
    };
    out.profile = match &c.caller {
        CallerSpec::User(u) => p.users.get(*u).cloned(),
        CallerSpec::Session(j) | CallerSpec::OriginalSession(j) => p.sessions.get(j).cloned(),
        _ => None,
    };
    match (&c.caller, &out.profile) {
        (_, Some(prof)) => cmd = cmd.opt("--profile", &[prof]),
        (CallerSpec::Session(j) | CallerSpec::OriginalSession(j), None) => {
            let (en, ja) = match holder(*j) {
                Some(CallerSpec::Service(svc)) => (
                    format!("made where {svc} runs the code (the function, the instance): the AWS CLI or SDK there uses the role's credentials without a profile"),
                    format!("{svc} がコードを動かす場所 (関数、インスタンス) で実行します。そこでは AWS CLI や SDK がプロファイルなしでロールの認証情報を使います"),
                ),
                _ => (
                    format!("made with the credentials step {j} returned, set as AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN"),
                    format!("ステップ {j} が返した認証情報を AWS_ACCESS_KEY_ID、AWS_SECRET_ACCESS_KEY、AWS_SESSION_TOKEN に設定して実行します"),
                ),
            };
            out.note = Some(Note::new(NoteKind::Info, en, ja));
        }
        _ => {}
    }
    if !built.known {
        let (en, ja) = (
            format!("the resource {} goes in the operation's own parameters (see `aws {} help`)", c.resource, cmd_name(&c.action)),
            format!("リソース {} は操作ごとのパラメータで指定します (`aws {} help` を参照)", c.resource, cmd_name(&c.action)),
        );
        out.note = Some(match out.note.take() {
            Some(n) => Note::new(NoteKind::Info, format!("{}; {en}", n.en), format!("{}。{ja}", n.ja)),
            None => Note::new(NoteKind::Info, en, ja),
        });
    }
    out.command = Some(cmd.render());
    out.response = match r.outcome {
        Some(Outcome::Allowed) => Response::NotSimulated,
        Some(_) => Response::Error(error_line(
            r.error_code.map(|c| c.as_str()).unwrap_or("AccessDenied"),
            &built.operation,
            r.message.as_deref().unwrap_or_default(),
        )),
        None => Response::None,
    };
    out
}

/// `aws s3api get-object` for `s3:GetObject`.
fn cmd_name(action: &str) -> String {
    let (svc, op) = action.split_once(':').unwrap_or(("", action));
    let svc = if svc.eq_ignore_ascii_case("s3") { "s3api".to_string() } else { svc.to_ascii_lowercase() };
    format!("{svc} {}", kebab(op))
}

/// Every step of `s` with `r`, its report, as AWS CLI commands and
/// responses. `doc` is the scenario's JSON (for a session policy's text);
/// without it `--policy` is left out. The profiles are [`profiles::profiles`]'s.
pub fn steps(s: &Scenario, r: &Report, doc: Option<&policy::json::Value>) -> Vec<StepCli> {
    let p = profiles::profiles(s, Some(r));
    s.steps
        .iter()
        .zip(&r.steps)
        .enumerate()
        .map(|(i, (step, rep))| match &step.kind {
            StepKind::Assume(a) => assume(s, rep, a, &p, doc, i),
            StepKind::Call(c) => call_step(s, rep, c, &p, i),
            StepKind::SessionToken(t) => session_token::session_token(rep, t, &p, i),
            StepKind::Advance(n) => StepCli {
                step: i,
                command: None,
                profile: None,
                response: Response::None,
                caller_identity: None,
                note: Some(Note::new(
                    NoteKind::Info,
                    format!("the clock moves {n} seconds: nothing to type (in AWS, time passes)"),
                    format!("時計が {n} 秒進みます: 入力するコマンドはありません (AWS では時間が経つだけです)"),
                )),
            },
        })
        .collect()
}

/// The steps as text: a comment per step, the command, and what AWS
/// prints (the JSON, or the error line), in `lang` (`en` or `ja`).
pub fn steps_text(s: &Scenario, steps: &[StepCli], lang: &str) -> String {
    let ja = lang == "ja";
    let mut out = if ja {
        format!("# 「{}」の各ステップを AWS CLI で (roleplay export --format aws-cli)\n", s.title.get("ja"))
    } else {
        format!("# \"{}\", step by step with the AWS CLI (roleplay export --format aws-cli)\n", s.title.get("en"))
    };
    for st in steps {
        out.push('\n');
        let head = if ja { format!("# ステップ {}", st.step) } else { format!("# step {}", st.step) };
        match &st.note {
            Some(n) => out.push_str(&format!("{head}: {}\n", n.text(lang))),
            None => out.push_str(&format!("{head}\n")),
        }
        if let Some(c) = &st.command {
            out.push_str(&format!("$ {c}\n"));
        }
        match &st.response {
            Response::Json(v) => {
                out.push_str(&serde_json::to_string_pretty(v).unwrap_or_default());
                out.push('\n');
            }
            Response::Error(e) => out.push_str(&format!("{e}\n")),
            Response::NotSimulated => out.push_str(if ja {
                "# (許可されます。AWS はその操作の結果を返します。roleplay がシミュレートするのは許可の判断だけです)\n"
            } else {
                "# (allowed: AWS answers with the operation's own output; roleplay simulates only the decision)\n"
            }),
            Response::None => {}
        }
        if let Some((cmd, v)) = &st.caller_identity {
            out.push_str(&format!("$ {cmd}\n{}\n", serde_json::to_string_pretty(v).unwrap_or_default()));
        }
    }
    out
}
