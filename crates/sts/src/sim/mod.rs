//! Running a scenario: a simulated clock, the sessions STS issued, and each
//! step evaluated the way AWS would.
//!
//! An AssumeRole step goes ① identity check (skipped for services and
//! identity providers) → ② request validation → ③ trust policy → ④ issued
//! credentials ([`assume`]); any later step with `{"Session": N}` is ⑤,
//! acting with the role's permissions only ([`call`]). The clock and the
//! services' credential refresh are in [`clock`]; who acts and with which
//! policies and context keys in [`actor`]; the CloudTrail-like record in
//! [`event`]; AWS's wording in [`words`].

mod actor;
mod assume;
mod call;
mod checks;
mod clock;
mod event;
mod record;
mod session_token;
mod validate;
mod words;

use std::rc::Rc;

use policy::time::format_iso8601;
use serde_json::Value;

pub use session_token::UserSession;

pub use record::Evaluation;

use crate::creds::{self, Rng};
use crate::report::*;
use crate::scenario::*;

/// The region and source address every simulated request comes from.
pub const REGION: &str = "us-east-1";
pub const SOURCE_IP: &str = "203.0.113.10";
/// Seconds before Expiration at which a service refreshes its credentials.
pub const REFRESH_BEFORE: i64 = 300;
/// Role chaining caps a session at one hour.
pub const CHAINED_MAX: i64 = 3600;
const MAX_LISTED_REFRESHES: usize = 24;
/// Refreshes evaluated one by one per session and clock step; beyond that
/// the clock jumps whole refresh periods (a jump of years stays instant).
const MAX_REFRESH_ITERATIONS: u64 = 1_000;

/// Temporary credentials STS issued for one AssumeRole step.
#[derive(Clone, Debug)]
pub struct Session {
    /// The AssumeRole step that issued it.
    pub step: usize,
    /// The assumed role, an index into [`Scenario::roles`].
    pub role: usize,
    /// `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`.
    pub arn: String,
    /// `AssumedRoleId`: the role's unique ID, `:`, the session name.
    pub assumed_role_id: String,
    /// `RoleSessionName`.
    pub session_name: String,
    /// The fake `AccessKeyId` (`ASIA…`).
    pub access_key_id: String,
    /// The fake `SecretAccessKey`.
    pub secret_access_key: String,
    /// The fake `SessionToken`.
    pub session_token: String,
    /// When the credentials were issued (or last refreshed), epoch seconds.
    pub issued_at: i64,
    /// When they stop working (`ExpiredToken`), epoch seconds.
    pub expiration: i64,
    /// The granted `DurationSeconds`.
    pub duration: i64,
    /// Whether the caller had authenticated with MFA
    /// (`aws:MultiFactorAuthPresent` in the session's requests).
    pub mfa: bool,
    /// When the MFA authentication behind this session happened.
    pub mfa_at: Option<i64>,
    /// `SourceIdentity`: a chained session keeps the first session's.
    pub source_identity: Option<String>,
    /// Session tags (`aws:PrincipalTag/KEY` in the session's requests).
    pub tags: Vec<Tag>,
    /// The service that holds (and refreshes) these credentials.
    pub service: Option<String>,
    /// Assumed by another role session (role chaining: at most one hour).
    pub chained: bool,
}

/// An IAM user's long-term access key (AWS's `AKIA…` prefix: "Access
/// key"; a temporary one starts with `ASIA`). It has no session token and
/// no expiration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LongTermKey {
    /// `AKIA…`
    pub access_key_id: String,
    /// The secret access key.
    pub secret_access_key: String,
}

/// The long-term access key of user `user` of `s` (an index into
/// [`Scenario::users`]); see [`Simulator::long_term_key`].
pub fn long_term_key(s: &Scenario, user: usize) -> Option<LongTermKey> {
    let u = s.users.get(user)?;
    Some(LongTermKey {
        access_key_id: creds::user_access_key_id(s.seed, &u.arn),
        secret_access_key: creds::user_secret_access_key(s.seed, &u.arn),
    })
}

/// Runs a scenario from its start.
///
/// ```
/// use sts::report::{ErrorCode, Outcome};
///
/// let scenario = sts::load(r#"{"Scenario": 1,
///   "Users": [{"Arn": "arn:aws:iam::111122223333:user/alice",
///     "Policies": [{"PolicyName": "read", "PolicyDocument": {"Version": "2012-10-17",
///       "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}}]}],
///   "Steps": [
///     {"Action": "s3:GetObject", "Caller": {"AWS": "arn:aws:iam::111122223333:user/alice"},
///      "Resource": "arn:aws:s3:::reports/2026.csv"},
///     {"Action": "s3:DeleteObject", "Caller": {"AWS": "arn:aws:iam::111122223333:user/alice"},
///      "Resource": "arn:aws:s3:::reports/2026.csv"}]}"#).map_err(|e| format!("{e:?}"))?;
/// let report = sts::run(&scenario);
/// assert_eq!(report.steps[0].outcome, Some(Outcome::Allowed));
/// assert_eq!(report.steps[1].outcome, Some(Outcome::ImplicitDeny));
/// assert_eq!(report.steps[1].error_code, Some(ErrorCode::AccessDenied));
/// assert!(report.steps[1].message.as_deref().unwrap_or_default().starts_with(
///     "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: s3:DeleteObject"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn run(s: &Scenario) -> Report {
    let mut sim = Simulator::new(s);
    let steps = (0..s.steps.len()).map(|i| sim.step(i)).collect();
    Report { steps, warnings: s.warnings.iter().map(Warning::from).collect() }
}

/// The simulated world while a scenario runs.
pub struct Simulator<'s> {
    s: &'s Scenario,
    now: i64,
    /// Indexed by step: the session that step issued, if any, with the
    /// credentials a service holding it refreshed since.
    sessions: Vec<Option<Rc<Session>>>,
    /// Indexed by step: the credentials exactly as that step issued them
    /// (`{"Session": N, "Original": true}`).
    issued: Vec<Option<Rc<Session>>>,
    rng: Rng,
    event_count: u64,
    /// Indexed by step: the credentials a GetSessionToken step issued.
    user_sessions: Vec<Option<UserSession>>,
    /// When asked for: what each step's main authorization was given.
    record: Option<(record::Recorder, Vec<Evaluation>)>,
    /// Decisions only: no checks, no CloudTrail record ([`Simulator::decisions_only`]).
    quiet: bool,
}

/// A simulator's state without its scenario: to resume from later.
#[derive(Clone, Debug)]
pub(crate) struct Snapshot {
    now: i64,
    sessions: Vec<Option<Rc<Session>>>,
    issued: Vec<Option<Rc<Session>>>,
    user_sessions: Vec<Option<UserSession>>,
    rng: Rng,
    event_count: u64,
}

impl<'s> Simulator<'s> {
    /// The world at the scenario's start: its `Clock`, no sessions yet.
    pub fn new(s: &'s Scenario) -> Self {
        Simulator {
            s,
            now: s.clock,
            sessions: vec![None; s.steps.len()],
            issued: vec![None; s.steps.len()],
            user_sessions: vec![None; s.steps.len()],
            rng: Rng::new(s.seed, "credentials"),
            event_count: 0,
            record: None,
            quiet: false,
        }
    }

    /// Decides every step exactly as before, but builds neither each
    /// step's `Checks` nor its CloudTrail record: what a caller that wants
    /// only the outcomes needs (`World::outcomes`; about 14% less time in
    /// Node). The outcomes, error codes and credentials are the same.
    pub fn decisions_only(mut self) -> Self {
        self.quiet = true;
        self
    }

    /// Keeps, from now on, what each step's main authorization was given
    /// (the request, its context and its policies): see [`Evaluation`].
    pub fn recording(mut self) -> Self {
        self.record = Some((record::evaluation, Vec::new()));
        self
    }

    /// What was recorded since [`Simulator::recording`].
    pub fn evaluations(&self) -> &[Evaluation] {
        self.record.as_ref().map_or(&[], |(_, list)| list.as_slice())
    }

    pub(crate) fn snapshot(&self) -> Snapshot {
        Snapshot {
            now: self.now,
            sessions: self.sessions.clone(),
            issued: self.issued.clone(),
            user_sessions: self.user_sessions.clone(),
            rng: self.rng.clone(),
            event_count: self.event_count,
        }
    }

    /// The simulator of `s` in the state `snap` was taken in.
    pub(crate) fn resume(s: &'s Scenario, snap: Snapshot) -> Self {
        let Snapshot { now, sessions, issued, user_sessions, rng, event_count } = snap;
        Simulator { s, now, sessions, issued, user_sessions, rng, event_count, record: None, quiet: false }
    }

    /// The simulated time, epoch seconds.
    pub fn now(&self) -> i64 {
        self.now
    }

    /// The credentials AssumeRole step `step` issued, if it succeeded.
    pub fn session(&self, step: usize) -> Option<&Session> {
        self.sessions.get(step).and_then(Option::as_deref)
    }

    /// The credentials GetSessionToken step `step` issued, if it succeeded.
    pub fn user_session(&self, step: usize) -> Option<&UserSession> {
        self.user_sessions.get(step).and_then(Option::as_ref)
    }

    /// The long-term access key of user `user` (an index into
    /// [`Scenario::users`]): `AKIA…` and a secret, with no session token and
    /// no expiration ("until someone rotates or deactivates it"). The same
    /// key appears as `accessKeyId` in the `Event` of the user's requests.
    pub fn long_term_key(&self, user: usize) -> Option<LongTermKey> {
        long_term_key(self.s, user)
    }

    pub(super) fn store_user_session(&mut self, step: usize, us: UserSession) {
        if let Some(slot) = self.user_sessions.get_mut(step) {
            *slot = Some(us);
        }
    }

    /// Runs step `i` (steps must be run in order).
    pub fn step(&mut self, i: usize) -> StepReport {
        let s = self.s;
        match s.steps.get(i) {
            Some(step) => self.run_step(i, step),
            None => StepReport { step: i, ..StepReport::default() },
        }
    }

    /// Runs `step` as step `i`: one of the scenario's, or one more request
    /// after them (a session it issues is not kept).
    pub(crate) fn run_step(&mut self, i: usize, step: &'s Step) -> StepReport {
        let mut r = match &step.kind {
            StepKind::Advance(n) => self.advance(i, *n),
            StepKind::Assume(a) => self.assume(i, a),
            StepKind::Call(c) => self.call(i, c),
            StepKind::SessionToken(t) => self.session_token(i, t),
        };
        r.note = step.note.as_ref().map(|t| {
            let mut m = serde_json::Map::new();
            m.insert("en".into(), Value::String(t.en.clone()));
            if let Some(ja) = &t.ja {
                m.insert("ja".into(), Value::String(ja.clone()));
            }
            Value::Object(m)
        });
        self.explain_credentials(&step.kind, &mut r);
        r
    }

    /// Beside AWS's message for credentials that failed: which AssumeRole
    /// step they came from, when they expired, and — by making that
    /// AssumeRole again now, on a copy of the world — whether assuming the
    /// role again would work. Also who called, though AWS rejected the
    /// credentials before naming anyone.
    fn explain_credentials(&self, kind: &StepKind, r: &mut StepReport) {
        let caller = match kind {
            StepKind::Call(c) => &c.caller,
            StepKind::Assume(a) => &a.caller,
            StepKind::Advance(_) | StepKind::SessionToken(_) => return,
        };
        let Some(k) = caller.session_step() else { return };
        let sess = match caller {
            CallerSpec::OriginalSession(_) => self.issued.get(k).and_then(Option::as_deref),
            _ => self.session(k),
        };
        // Asking step `k` again now, on a copy of the world.
        let again = || Simulator::resume(self.s, self.snapshot()).step(k).outcome.unwrap_or(Outcome::Error);
        match (r.error_code, sess, self.user_session(k)) {
            (Some(ErrorCode::InvalidClientTokenId), None, None) => r.explanation = Some(Explanation::NoCredentials { session: k }),
            (Some(ErrorCode::ExpiredToken), Some(sess), _) => {
                r.principal.get_or_insert_with(|| sess.arn.clone());
                let expired_at = format_iso8601(sess.expiration);
                r.explanation = Some(Explanation::ExpiredToken { session: k, expired_at, assume_again: again() });
            }
            (Some(ErrorCode::ExpiredToken), None, Some(us)) => {
                if let Some(u) = self.s.users.get(us.user) {
                    r.principal.get_or_insert_with(|| u.arn.clone());
                }
                let expired_at = format_iso8601(us.expiration);
                r.explanation = Some(Explanation::ExpiredToken { session: k, expired_at, assume_again: again() });
            }
            _ => {}
        }
    }

    /// Moves the clock forward by `secs` outside any step (the playground's
    /// own clock), letting services refresh the credentials they hold.
    pub fn advance_clock(&mut self, secs: i64) -> Vec<Refresh> {
        let n = self.s.steps.len();
        self.advance(n, secs.max(0)).refreshes
    }

    /// Fresh fake credentials: access key ID, secret key, session token.
    pub(super) fn new_keys(&mut self) -> (String, String, String) {
        (creds::access_key_id(&mut self.rng), creds::secret_access_key(&mut self.rng), creds::session_token(&mut self.rng))
    }
}
