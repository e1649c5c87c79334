//! Unit tests of `bench`.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]
use super::*;

#[test]
fn percentiles_are_nearest_rank() {
    let t: Vec<u64> = (1..=100).collect();
    assert_eq!(percentile(&t, 50), 50);
    assert_eq!(percentile(&t, 95), 95);
    assert_eq!(percentile(&[7], 95), 7);
    assert_eq!(percentile(&[], 50), 0);
}

#[test]
fn numbers_read_well() {
    assert_eq!(thousands(1_234_567.4), "1,234,567");
    assert_eq!(thousands(999.0), "999");
    assert_eq!(duration(850), "850 ns");
    assert_eq!(duration(12_345), "12.3 µs");
    assert_eq!(duration(25_000_000), "25.0 ms");
}

#[test]
fn a_fixed_number_of_runs_gives_a_figure_per_step() {
    let s = sts::load(
        r#"{"Scenario": 1, "Users": [{"Arn": "arn:aws:iam::111111111111:user/a"}],
        "Steps": [{"Action": "s3:GetObject", "Caller": {"AWS": "arn:aws:iam::111111111111:user/a"}}, {"Advance": 60}]}"#,
    )
    .unwrap();
    let f = measure(&s, Some(3));
    assert_eq!(f.runs, 3);
    assert_eq!(f.steps.iter().map(|x| x.0).collect::<Vec<_>>(), [0, 1]);
    assert!(f.steps.iter().all(|(_, m, p)| m <= p));
    let v: serde_json::Value = serde_json::from_str(&json(&f)).unwrap();
    assert!(v["StepsPerSecond"].as_f64().unwrap() > 0.0);
    assert_eq!(v["Steps"][1]["Step"], 1);
    assert!(v["Steps"][0]["MedianNanos"].is_u64() && v["Steps"][0]["P95Nanos"].is_u64());
    assert!(text(&s, &f, "x.json").starts_with("x.json: 2 steps × 3 runs: "));
}
