//! `sts:GetSessionToken` as `aws sts get-session-token` and what AWS prints:
//! `{"Credentials": {…}}` only (the response has no other element).

use serde_json::json;
use sts::report::StepReport;
use sts::scenario::SessionTokenStep;

use super::profiles::Profiles;
use super::shell::Cmd;
use super::{cli_time, error_line, Response, StepCli};
use crate::report::{Note, NoteKind};

pub(super) fn session_token(r: &StepReport, t: &SessionTokenStep, p: &Profiles, i: usize) -> StepCli {
    let mut cmd = Cmd::new(&["aws", "sts", "get-session-token"]);
    if let Some(d) = t.duration {
        cmd = cmd.opt("--duration-seconds", &[&d.to_string()]);
    }
    if let Some(sn) = &t.serial_number {
        cmd = cmd.opt("--serial-number", &[sn]);
    }
    if let Some(tc) = &t.token_code {
        cmd = cmd.opt("--token-code", &[tc]);
    }
    let profile = p.users.get(t.user).cloned();
    if let Some(prof) = &profile {
        cmd = cmd.opt("--profile", &[prof]);
    }
    let response = match &r.credentials {
        Some(c) => Response::Json(json!({"Credentials": {
            "AccessKeyId": c.access_key_id,
            "SecretAccessKey": c.secret_access_key,
            "SessionToken": c.session_token,
            "Expiration": cli_time(&c.expiration),
        }})),
        None => Response::Error(error_line(
            r.error_code.map(|c| c.as_str()).unwrap_or("ValidationError"),
            "GetSessionToken",
            r.message.as_deref().unwrap_or_default(),
        )),
    };
    StepCli {
        step: i,
        command: Some(cmd.render()),
        profile,
        response,
        caller_identity: None,
        note: Some(Note::new(
            NoteKind::Info,
            "made with the user's long-term access key (AKIA…); the temporary credentials it returns (ASIA…) are used by setting AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN".to_string(),
            "ユーザーの長期的なアクセスキー (AKIA…) で実行します。返される一時的な認証情報 (ASIA…) は AWS_ACCESS_KEY_ID、AWS_SECRET_ACCESS_KEY、AWS_SESSION_TOKEN に設定して使います".to_string(),
        )),
    }
}
