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
                if let CallerSpec::Session(k) = c.caller {
                    self.longer_session(i, k, out);
                }
            }
            _ => {}
        }
    }

    /// The session of step `k` asked for the longest duration it may.
    fn longer_session(&self, i: usize, k: usize, out: &mut Vec<Fix>) {
        let s = self.scenario;
        let Some(StepKind::Assume(a)) = s.steps.get(k).map(|st| &st.kind) else { return };
        let Some(role) = s.roles.get(a.role) else { return };
        let max = if matches!(a.caller, CallerSpec::Session(_)) { 3600 } else { role.max_session_duration };
        if a.duration.unwrap_or(3600) >= max {
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
                format!("The credentials of step {k} had expired: ask for a longer session there (`DurationSeconds` {max}, the most the role allows), or assume the role again."),
                format!("ステップ {k} の認証情報は期限切れでした。そこでより長いセッション (`DurationSeconds` {max}、ロールが許す最大) を要求するか、ロールをもう一度引き受けます。"),
            ));
        }
    }
}
