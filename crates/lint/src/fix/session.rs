//! Fixes of a failed request: a session asked for longer than the role or
//! role chaining allows, or credentials that expired before they were used.

use policy::path::JsonPath;
use serde_json::Value as J;
use sts::report::{ErrorCode, StepReport};
use sts::scenario::{CallerSpec, StepKind};
use sts::schema::key;

use super::propose::{fix, Cx, RANK_EXACT, RANK_REQUEST};
use super::Fix;

impl Cx<'_> {
    pub(super) fn error_fixes(&self, i: usize, r: &StepReport, out: &mut Vec<Fix>) {
        let s = self.scenario;
        let whole = self.doc().whole();
        match (r.error_code, s.steps.get(i).map(|st| &st.kind)) {
            (Some(ErrorCode::ValidationError), Some(StepKind::Assume(a))) => {
                let Some(role) = s.roles.get(a.role) else { return };
                let chained = matches!(a.caller, CallerSpec::Session(_));
                let cap = if chained { 3600.min(role.max_session_duration) } else { role.max_session_duration };
                let step = JsonPath::root().key(key::STEPS).index(i);
                if a.duration.is_some_and(|d| d > cap) {
                    if let Some(e) = whole.replace(&step.key(key::DURATION_SECONDS), &J::from(cap)) {
                        let (why_en, why_ja) = if chained {
                            ("role chaining limits a session to one hour", "ロールの連鎖ではセッションは 1 時間までです")
                        } else {
                            ("the role's MaxSessionDuration is lower", "ロールの MaxSessionDuration がそれより短いです")
                        };
                        out.push(fix(
                            i,
                            vec![e],
                            RANK_REQUEST,
                            format!("Ask for a shorter session: {why_en}, so set `DurationSeconds` to {cap}."),
                            format!("より短いセッションを要求します。{why_ja}。`DurationSeconds` を {cap} にします。"),
                        ));
                    }
                }
            }
            (Some(ErrorCode::ExpiredToken), Some(StepKind::Call(c))) => {
                if let Some(k) = c.caller.session_step() {
                    self.longer_session(i, k, out);
                }
            }
            (Some(ErrorCode::InvalidClientTokenId), Some(StepKind::Call(c))) => {
                if let Some(k) = c.caller.session_step() {
                    self.session_token_with_mfa(i, k, out);
                }
            }
            _ => {}
        }
    }

    /// GetSessionToken's credentials without MFA cannot call IAM: ask for
    /// them with MFA (`SerialNumber` and `TokenCode`) at step `k`.
    fn session_token_with_mfa(&self, i: usize, k: usize, out: &mut Vec<Fix>) {
        let s = self.scenario;
        let Some(StepKind::SessionToken(t)) = s.steps.get(k).map(|st| &st.kind) else { return };
        if t.serial_number.is_some() {
            return;
        }
        let Some(user) = s.users.get(t.user) else { return };
        let serial = format!("arn:aws:iam::{}:mfa/{}", user.account, user.name);
        let whole = self.doc().whole();
        let step = JsonPath::root().key(key::STEPS).index(k);
        let edits: Vec<_> = [
            whole.add_member(&step, key::SERIAL_NUMBER, &J::from(serial.clone())),
            whole.add_member(&step, key::TOKEN_CODE, &J::from("123456")),
        ]
        .into_iter()
        .flatten()
        .collect();
        if edits.len() == 2 {
            out.push(fix(
                i,
                edits,
                RANK_REQUEST,
                format!("Temporary credentials from GetSessionToken call IAM only when they were requested with MFA: at step {k}, pass the MFA device (`SerialNumber` {serial}) and its code (`TokenCode`)."),
                format!("GetSessionToken の一時的な認証情報で IAM を呼び出せるのは、MFA 付きで要求した場合だけです。ステップ {k} で MFA デバイス (`SerialNumber` {serial}) とそのコード (`TokenCode`) を渡します。"),
            ));
        }
    }

    /// The session of step `k` asked for the longest duration it may.
    fn longer_session(&self, i: usize, k: usize, out: &mut Vec<Fix>) {
        let s = self.scenario;
        let (duration, max, what_en, what_ja) = match s.steps.get(k).map(|st| &st.kind) {
            Some(StepKind::Assume(a)) => {
                let Some(role) = s.roles.get(a.role) else { return };
                let max = if matches!(a.caller, CallerSpec::Session(_)) { 3600 } else { role.max_session_duration };
                (a.duration.unwrap_or(3600), max, "the most the role allows", "ロールが許す最大")
            }
            // GetSessionToken: "from 900 seconds (15 minutes) up to a maximum
            // of 129,600 seconds (36 hours)" for IAM users; default 43,200.
            Some(StepKind::SessionToken(t)) => (
                t.duration.unwrap_or(43_200),
                129_600,
                "the most GetSessionToken allows an IAM user",
                "GetSessionToken が IAM ユーザーに許す最大",
            ),
            _ => return,
        };
        if duration >= max {
            return;
        }
        let whole = self.doc().whole();
        let step = JsonPath::root().key(key::STEPS).index(k);
        let e = match whole.at(&step.key(key::DURATION_SECONDS)) {
            Some(_) => whole.replace(&step.key(key::DURATION_SECONDS), &J::from(max)),
            None => whole.add_member(&step, key::DURATION_SECONDS, &J::from(max)),
        };
        if let Some(e) = e {
            out.push(fix(
                i,
                vec![e],
                RANK_EXACT,
                format!("The credentials of step {k} had expired: ask for a longer session there (`DurationSeconds` {max}, {what_en}), or ask for new credentials."),
                format!("ステップ {k} の認証情報は期限切れでした。そこでより長いセッション (`DurationSeconds` {max}、{what_ja}) を要求するか、新しい認証情報を取得します。"),
            ));
        }
    }
}
