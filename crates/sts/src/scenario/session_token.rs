//! An `sts:GetSessionToken` step (extension): an IAM user's own temporary
//! credentials. The request's values (`DurationSeconds`, `SerialNumber`,
//! `TokenCode`) are checked when the step runs, as the API checks them;
//! here only the step's shape and its caller.

use policy::json::{Member, Value};
use policy::path::JsonPath;

use super::load::{get, Loader};
use super::*;
use crate::schema::key::*;
use crate::schema::SESSION_TOKEN_KEYS;

/// The action, as AWS spells it.
pub const GET_SESSION_TOKEN: &str = "sts:GetSessionToken";

impl Loader<'_> {
    pub(super) fn session_token_step(
        &mut self,
        item: &Value,
        members: &[Member],
        p: &JsonPath,
        caller: Option<CallerSpec>,
        expect: Option<Expect>,
        note: Option<Text>,
    ) -> Option<Step> {
        self.object(item, p, SESSION_TOKEN_KEYS, "an `sts:GetSessionToken` step");
        let user = match caller? {
            CallerSpec::User(u) => u,
            _ => {
                let e = self.err(&p.key(CALLER), item.span, "`sts:GetSessionToken` is called by an IAM user: `{\"AWS\": \"<user ARN>\"}`");
                e.help = Some(
                    "AWS: \"The GetSessionToken operation must be called by using the long-term Amazon Web Services security credentials of an IAM user.\""
                        .into(),
                );
                return None;
            }
        };
        let duration = get(members, DURATION_SECONDS).and_then(|m| self.integer(&m.value, &p.key(DURATION_SECONDS)));
        let serial_number = get(members, SERIAL_NUMBER).and_then(|m| self.string(&m.value, &p.key(SERIAL_NUMBER)));
        let token_code = get(members, TOKEN_CODE).and_then(|m| self.string(&m.value, &p.key(TOKEN_CODE)));
        if serial_number.is_some() != token_code.is_some() {
            let missing = if serial_number.is_some() { TOKEN_CODE } else { SERIAL_NUMBER };
            let e = self.err(p, item.span, format!("an MFA sign-in gives `SerialNumber` and `TokenCode` together; `{missing}` is missing"));
            e.help = Some("leave both out for temporary credentials without MFA".into());
            return None;
        }
        Some(Step { kind: StepKind::SessionToken(SessionTokenStep { user, duration, serial_number, token_code }), expect, note })
    }
}
