//! Every input the fuzzers saved (`fuzz/regressions/json_policy/` and
//! `fuzz/regressions/pattern/`: crashes, slow units and seeds worth
//! keeping), replayed with the fuzz targets' own checks on the stable
//! toolchain, so `cargo test` guards what fuzzing found without nightly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

#[path = "support/fuzz_checks.rs"]
mod fuzz_checks;

#[path = "../../../fuzz/support/inputs.rs"]
mod support;
use support::inputs;

#[test]
fn json_policy_regressions() {
    for (name, data) in inputs("json_policy") {
        eprintln!("json_policy/{name}");
        fuzz_checks::json_policy(&data);
    }
}

#[test]
fn pattern_regressions() {
    for (name, data) in inputs("pattern") {
        eprintln!("pattern/{name}");
        fuzz_checks::pattern(&data);
    }
}

#[test]
fn the_checks_hold_for_hand_written_inputs() {
    // The checks themselves, on inputs that exercise every branch.
    for text in [
        r#"{"Version": "2012-10-17", "Statement": [{"Sid": "A", "Effect": "Allow", "Action": ["s3:Get*", "s3:List*"], "Resource": "*",
            "Condition": {"StringLike": {"aws:username": ["a*", "b?"]}, "NumericLessThan": {"s3:max-keys": 10}}}]}"#,
        r#"{"Statement": {"Effect": "Deny", "Principal": {"AWS": ["111111111111", "*"]}, "NotAction": "iam:*", "NotResource": "arn:aws:s3:::b/*"}}"#,
        "{\"a\": [1, -2.5e3, true, null, \"\\u00e9\\n\\ud83c\\udfa9\"], \"a\": {}}",
        "[[[[",
        "",
        "\u{feff}{}",
        "{\"Statement\": 5}",
    ] {
        fuzz_checks::json_policy(text.as_bytes());
    }
    for (flags, pattern, text) in [
        (0u8, "s3:*Object?", "s3:GetObjectX"),
        (1, "arn:aws:s3:::b/*", "arn:aws:s3:::b/k:1"),
        (1, "arn:*:s3:::b", "arn:a:b:s3:::b"),
        (4, "S3:GET*", "s3:getobject"),
        (2, "a*b", "a*b"),
        (8, "${aws:username}/*", "alice/x"),
        (8, "${oops", "x"),
    ] {
        let mut data = vec![flags];
        data.extend_from_slice(pattern.as_bytes());
        data.push(0);
        data.extend_from_slice(text.as_bytes());
        fuzz_checks::pattern(&data);
    }
    assert!(fuzz_checks::reference(policy::pattern::Flavor::Arn, "arn:*:s3:::b", "arn:aws:s3:::b", false));
    assert!(!fuzz_checks::reference(policy::pattern::Flavor::Arn, "arn:*:s3:::b", "arn:a:b:s3:::b", false));
}
