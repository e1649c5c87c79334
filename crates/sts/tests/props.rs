//! Property: credentials are never valid after their Expiration, whatever
//! the clock does — clock steps of any length, the playground's own clock
//! moves between steps, sessions chained from sessions, services whose
//! credentials refresh. Every call made with a session is checked against
//! the session's Expiration at the moment of the call: at or after it the
//! call fails with `ExpiredToken`; before it, it never does.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use proptest::prelude::*;
use sts::report::{ErrorCode, Outcome};
use sts::scenario::StepKind;
use sts::Simulator;

const USER: &str = "arn:aws:iam::111111111111:user/alice";
const ROLE: &str = "arn:aws:iam::111111111111:role/worker";

/// One thing that happens: a step of the scenario, or (`Clock`) the
/// learner's clock moving between steps.
#[derive(Clone, Debug)]
enum Op {
    /// AssumeRole as alice for `secs` (clamped by STS rules: may fail).
    Assume(i64),
    /// Lambda assumes the role (its credentials refresh before expiry).
    Service(i64),
    /// AssumeRole with the credentials of the `k`-th earlier session step.
    Chain(usize, i64),
    /// A call with the `k`-th earlier session step's credentials.
    Call(usize),
    Advance(i64),
    Clock(i64),
}

fn op() -> impl Strategy<Value = Op> {
    let secs = prop_oneof![900i64..=43_200, Just(3600), Just(899), Just(43_201)];
    let jump = prop_oneof![0i64..=7_200, 0i64..=200_000, Just(0), Just(3_600), Just(3_153_600_000)];
    prop_oneof![
        secs.clone().prop_map(Op::Assume),
        secs.clone().prop_map(Op::Service),
        (0usize..8, secs).prop_map(|(k, s)| Op::Chain(k, s)),
        (0usize..8).prop_map(Op::Call),
        (0usize..8).prop_map(Op::Call),
        jump.clone().prop_map(Op::Advance),
        jump.prop_map(Op::Clock),
    ]
}

/// The scenario for `ops` (clock moves are not steps) and, per step, the
/// learner's clock move to make before it.
fn scenario(ops: &[Op]) -> (String, Vec<i64>) {
    let policy = r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}"#;
    let trust = format!(
        r#"{{"Version": "2012-10-17", "Statement": {{"Effect": "Allow", "Principal": {{"AWS": ["{USER}", "{ROLE}"], "Service": "lambda.amazonaws.com"}}, "Action": "sts:AssumeRole"}}}}"#
    );
    let mut steps: Vec<String> = Vec::new();
    let mut sessions: Vec<usize> = Vec::new();
    let mut before = Vec::new();
    let mut pending = 0i64;
    let assume = |caller: String, secs: i64| {
        format!(
            r#"{{"Action": "sts:AssumeRole", "Caller": {caller}, "RoleArn": "{ROLE}", "RoleSessionName": "s1", "DurationSeconds": {secs}}}"#
        )
    };
    for op in ops {
        let step = match op {
            Op::Clock(secs) => {
                pending = pending.saturating_add(*secs);
                continue;
            }
            Op::Assume(secs) => assume(format!(r#"{{"AWS": "{USER}"}}"#), *secs),
            Op::Service(secs) => assume(r#"{"Service": "lambda.amazonaws.com"}"#.into(), *secs),
            Op::Chain(..) | Op::Call(_) if sessions.is_empty() => continue,
            Op::Chain(k, secs) => assume(format!(r#"{{"Session": {}}}"#, sessions[k % sessions.len()]), *secs),
            Op::Call(k) => {
                format!(r#"{{"Action": "s3:GetObject", "Caller": {{"Session": {}}}, "Resource": "*"}}"#, sessions[k % sessions.len()])
            }
            Op::Advance(secs) => format!(r#"{{"Advance": {secs}}}"#),
        };
        if matches!(op, Op::Assume(_) | Op::Service(_) | Op::Chain(..)) {
            sessions.push(steps.len());
        }
        steps.push(step);
        before.push(std::mem::take(&mut pending));
    }
    let text = format!(
        r#"{{"Scenario": 1, "Clock": "2026-11-22T09:00:00Z",
  "Users": [{{"Arn": "{USER}", "Policies": [{{"PolicyName": "all", "PolicyDocument": {policy}}}]}}],
  "Roles": [{{"Arn": "{ROLE}", "MaxSessionDuration": 43200, "AssumeRolePolicyDocument": {trust}, "Policies": [{{"PolicyName": "all", "PolicyDocument": {policy}}}]}}],
  "Steps": [{}]}}"#,
        steps.join(",\n")
    );
    (text, before)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn credentials_are_never_valid_after_their_expiration(ops in prop::collection::vec(op(), 1..24)) {
        let (text, clock_moves) = scenario(&ops);
        let s = match sts::load(&text) {
            Ok(s) => s,
            // Only the clock's end (9999) can reject it: 100-year jumps.
            Err(e) => {
                prop_assert!(e.iter().all(|e| e.message.contains("9999")), "{}", e[0]);
                return Ok(());
            }
        };
        let mut sim = Simulator::new(&s);
        for (i, step) in s.steps.iter().enumerate() {
            if clock_moves[i] > 0 {
                sim.advance_clock(clock_moves[i]);
            }
            let now = sim.now();
            // The session a call or a chained AssumeRole uses, as it is now
            // (a service's refreshed credentials included).
            let used = match &step.kind {
                StepKind::Call(c) => match c.caller { sts::scenario::CallerSpec::Session(k) => Some(k), _ => None },
                StepKind::Assume(a) => match a.caller { sts::scenario::CallerSpec::Session(k) => Some(k), _ => None },
                StepKind::SessionToken(_) => None,
                StepKind::Advance(_) => None,
            };
            let expiration = used.and_then(|k| sim.session(k)).map(|sess| sess.expiration);
            let r = sim.step(i);
            let expired = r.error_code == Some(ErrorCode::ExpiredToken);
            match expiration {
                Some(exp) if now >= exp => prop_assert!(expired, "step {i} at {now} used credentials that expired at {exp}: {:?}", r.outcome),
                Some(_) => prop_assert!(!expired, "step {i} at {now}: ExpiredToken before the Expiration"),
                None => prop_assert!(!expired, "step {i}: ExpiredToken without credentials"),
            }
            if expired {
                prop_assert_eq!(r.outcome, Some(Outcome::Error));
            }
            // A session issued now expires after now, and no later than its duration allows.
            if let Some(sess) = sim.session(i) {
                prop_assert!(sess.issued_at == now && sess.expiration > now && sess.expiration - now <= 43_200);
                if sess.chained {
                    prop_assert!(sess.expiration - now <= 3_600, "a chained session lasts at most an hour");
                }
            }
        }
    }
}
