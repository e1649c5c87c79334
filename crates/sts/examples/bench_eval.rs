//! Prints the engine's throughput figures (run: `cargo xtask bench`).
//!
//! - parse: policy text → compiled policy;
//! - authorize: one request against identity + trust policies (the work of
//!   one evaluated step, with no output built);
//! - run: a whole preset scenario, report included.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::hint::black_box;
use std::time::Instant;

use policy::{authorize, parse_policy, Caller, CallerKind, Context, NamedPolicy, PolicySet, PolicySource, PolicyType, Request};

const IDENTITY: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "ReadLogs", "Effect": "Allow", "Action": ["logs:Get*", "logs:Describe*"], "Resource": "*"},
    {"Sid": "Assume", "Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::111111111111:role/test_*",
     "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}},
    {"Sid": "NoProd", "Effect": "Deny", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::*:role/prod-*"}
  ]
}"#;

const TRUST: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "Dev", "Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::222222222222:root"},
    "Action": "sts:AssumeRole",
    "Condition": {"StringEquals": {"sts:ExternalId": "abc-123"}, "IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"]}}
  }]
}"#;

fn time<F: FnMut()>(name: &str, unit: &str, n: u32, mut f: F) -> f64 {
    for _ in 0..n / 10 {
        f();
    }
    let t = Instant::now();
    for _ in 0..n {
        f();
    }
    let ns = t.elapsed().as_nanos() as f64 / f64::from(n);
    println!("{name:<44} {ns:>10.0} ns/{unit}   ({:.2} M/s)", 1e3 / ns);
    ns
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    time("parse identity policy (3 statements)", "parse", 20_000, || {
        black_box(parse_policy(black_box(IDENTITY), PolicyType::Identity));
    });
    let id = parse_policy(IDENTITY, PolicyType::Identity).policy.ok_or("identity policy does not parse")?;
    let trust = parse_policy(TRUST, PolicyType::Trust).policy.ok_or("trust policy does not parse")?;
    let caller = Caller {
        kind: CallerKind::User,
        arn: "arn:aws:iam::222222222222:user/user_A".into(),
        account: Some("222222222222".into()),
        role_arn: None,
        has_boundary: false,
    };
    let mut ctx = Context::new();
    ctx.set("aws:MultiFactorAuthPresent", "true");
    ctx.set("sts:ExternalId", "abc-123");
    ctx.set("aws:SourceIp", "203.0.113.10");
    ctx.set("aws:CurrentTime", "2026-11-22T09:00:00Z");
    let set = PolicySet {
        identity: vec![NamedPolicy { name: "id", source: PolicySource::User, policy: &id }],
        resource: Some(NamedPolicy { name: "trust", source: PolicySource::Trust, policy: &trust }),
        resource_account: Some("111111111111"),
        trust: true,
        ..PolicySet::default()
    };
    let role = "arn:aws:iam::111111111111:role/test_EC2ReadOnlyAccess_Role";
    let d = authorize(&Request::new("sts:AssumeRole", role, &caller, &ctx), &set).decision;
    assert_eq!(d, policy::Decision::Allow);
    let step_ns = time("authorize sts:AssumeRole (identity + trust)", "step", 200_000, || {
        let req = Request::new(black_box("sts:AssumeRole"), black_box(role), &caller, &ctx);
        black_box(authorize(&req, &set).decision);
    });

    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    let mut files: Vec<_> = std::fs::read_dir(&dir).map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect()).unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|x| x == "json"));
    files.sort();
    let texts: Vec<String> = files.iter().map(std::fs::read_to_string).collect::<Result<_, _>>()?;
    let scenarios: Vec<sts::Scenario> = texts.iter().filter_map(|t| sts::load(t).ok()).collect();
    let steps: usize = scenarios.iter().map(|s| s.steps.len()).sum();
    if steps > 0 {
        time(&format!("load {} preset scenarios", scenarios.len()), "load-all", 200, || {
            for t in &texts {
                black_box(sts::load(black_box(t)).is_ok());
            }
        });
        let run_ns = time(&format!("run {} preset scenarios ({steps} steps)", scenarios.len()), "run-all", 500, || {
            for s in &scenarios {
                black_box(sts::run(s));
            }
        });
        println!("{:<44} {:>10.0} ns/step (report, messages and CloudTrail event included)", "  = per step", run_ns / steps as f64);
    }
    println!("target: ~1000 ns per evaluated step; measured {step_ns:.0} ns");
    Ok(())
}
