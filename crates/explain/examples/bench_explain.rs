//! How long reading a policy aloud takes: what the page pays per keystroke
//! (parse + explain, both languages), with and without the catalogue.
//! `cargo run --profile bench -p explain --example bench_explain`
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Instant;

use catalogue::Catalogue;
use explain::{explain, Lang};
use policy::PolicyType;

const POLICIES: &[(&str, PolicyType)] = &[
    (
        r#"{"Version": "2012-10-17", "Statement": [{"Sid": "TrustDevelopmentAccountWithMFA", "Effect": "Allow",
          "Principal": {"AWS": "arn:aws:iam::222222222222:root"}, "Action": "sts:AssumeRole",
          "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}, "StringEquals": {"sts:ExternalId": "x"}}}]}"#,
        PolicyType::Trust,
    ),
    (
        r#"{"Version": "2012-10-17", "Statement": [
          {"Sid": "Read", "Effect": "Allow", "Action": ["iam:Get*", "iam:List*", "ec2:Describe*", "s3:Get*"], "Resource": "*"},
          {"Sid": "Deny", "Effect": "Deny", "NotAction": ["iam:*", "sts:*"], "Resource": "*",
           "Condition": {"NotIpAddress": {"aws:SourceIp": ["192.0.2.0/24", "203.0.113.0/24"]}, "BoolIfExists": {"aws:ViaAWSService": "false"}}}]}"#,
        PolicyType::Identity,
    ),
    (r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}"#, PolicyType::Identity),
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../catalogue/data/catalogue.txt"))?;
    let cat = Catalogue::parse(&text).map_err(|e| format!("catalogue: {e:?}"))?;
    for (i, (p, kind)) in POLICIES.iter().enumerate() {
        for (label, c) in [("without catalogue", None), ("with catalogue", Some(&cat))] {
            let n = 200;
            let start = Instant::now();
            for _ in 0..n {
                for lang in [Lang::En, Lang::Ja] {
                    let e = explain(p, *kind, lang, c).map_err(|e| format!("policy {i}: {e:?}"))?;
                    std::hint::black_box(e);
                }
            }
            let us = start.elapsed().as_secs_f64() * 1e6 / f64::from(n);
            println!("policy {i} ({kind:?}), {label}: {us:.0} µs per keystroke (parse + both languages)");
        }
    }
    Ok(())
}
