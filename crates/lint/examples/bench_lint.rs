//! Lint figures: `cargo run --profile bench -p lint --example bench_lint`.
//!
//! Prints the time to lint a 6 KB identity-based policy (parse, grammar,
//! catalogue, conditions, redundancy) and a whole preset scenario, and to
//! propose fixes for a preset. No timing assertions: figures only.

use std::hint::black_box;
use std::time::{Duration, Instant};

use lint::PolicyContext;
use policy::PolicyType;

const BUDGET: Duration = Duration::from_millis(300);

fn per_call<T>(mut f: impl FnMut() -> T) -> Duration {
    let start = Instant::now();
    let mut calls = 0u32;
    while start.elapsed() < BUDGET || calls < 3 {
        black_box(f());
        calls += 1;
    }
    start.elapsed() / calls
}

/// A realistic identity-based policy of about 6 KB: many statements with
/// actions, ARNs and conditions.
fn policy_6kb() -> String {
    let mut statements = Vec::new();
    let mut i = 0;
    while statements.iter().map(String::len).sum::<usize>() < 5_900 {
        statements.push(format!(
            r#"{{"Sid": "S{i}", "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject", "s3:List*"], "Resource": ["arn:aws:s3:::bucket-{i}", "arn:aws:s3:::bucket-{i}/*"], "Condition": {{"StringEquals": {{"aws:PrincipalTag/team": "team-{i}"}}, "IpAddress": {{"aws:SourceIp": "203.0.113.0/24"}}}}}}"#
        ));
        i += 1;
    }
    format!("{{\"Version\": \"2012-10-17\", \"Statement\": [\n{}\n]}}", statements.join(",\n"))
}

fn main() {
    let Ok(cat) = catalogue::Catalogue::parse(include_str!("../../catalogue/data/catalogue.txt")) else { return };
    let policy = policy_6kb();
    let ctx = PolicyContext::default();
    let n = lint::lint_policy(&policy, PolicyType::Identity, &cat, &ctx).len();
    let t = per_call(|| lint::lint_policy(&policy, PolicyType::Identity, &cat, &ctx));
    println!("lint a {} byte identity policy ({n} findings): {:.1} µs", policy.len(), t.as_nanos() as f64 / 1e3);
    parts(&policy, &cat);
    let scenario = include_str!("../../../scenarios/14-external-id-and-mfa.json");
    let t = per_call(|| lint::lint_scenario(scenario, &cat));
    println!("lint the preset 14-external-id-and-mfa ({} bytes): {:.1} µs", scenario.len(), t.as_nanos() as f64 / 1e3);
    let t = per_call(|| lint::fix::fixes(scenario));
    println!("propose and verify fixes for that preset: {:.2} ms", t.as_nanos() as f64 / 1e6);
}

#[allow(dead_code)]
fn parts(policy: &str, cat: &catalogue::Catalogue) {
    let t = per_call(|| policy::parse_policy(policy, PolicyType::Identity));
    println!("  of which parse_policy: {:.1} µs", t.as_nanos() as f64 / 1e3);
    let empty = catalogue::Catalogue::default();
    let t = per_call(|| lint::lint_policy(policy, PolicyType::Identity, &empty, &PolicyContext::default()));
    println!("  without the catalogue checks: {:.1} µs", t.as_nanos() as f64 / 1e3);
    let _ = cat;
}
