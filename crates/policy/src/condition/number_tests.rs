//! Tests of the number parser of numeric conditions.

#![allow(clippy::unwrap_used)]
use super::parse_number;

/// The number parser without the standard library's tables agrees with it:
/// exactly for up to 15 significant digits and exponents within ±22, and
/// within a relative 1e-14 otherwise.
#[test]
fn numbers_parse_like_the_standard_library() {
    use proptest::prelude::*;
    let mut runner = proptest::test_runner::TestRunner::default();
    let exact = "-?[0-9]{1,9}(\\.[0-9]{1,6})?";
    runner
        .run(&exact, |s| {
            prop_assert_eq!(parse_number(&s), s.parse::<f64>().ok(), "{}", s);
            Ok(())
        })
        .unwrap();
    let any = "-?[0-9]{1,25}(\\.[0-9]{0,25})?([eE][+-]?[0-9]{1,3})?";
    runner
        .run(&any, |s| {
            let want = s.parse::<f64>().ok().filter(|f| f.is_finite());
            match (parse_number(&s), want) {
                (Some(a), Some(b)) if b != 0.0 && b.abs() > 1e-290 => prop_assert!(((a - b) / b).abs() < 1e-14, "{} {} {}", s, a, b),
                (Some(a), Some(b)) => prop_assert!(a.abs() < 1e-280 && b.abs() < 1e-280 || a == b, "{} {} {}", s, a, b),
                (a, b) => prop_assert_eq!(a.is_some(), b.is_some(), "{}", s),
            }
            Ok(())
        })
        .unwrap();
    for (text, want) in [("0", 0.0), ("-0.0", 0.0), ("1e400", f64::INFINITY), ("12345678901234567890123", 1.2345678901234568e22)] {
        assert_eq!(parse_number(text).unwrap_or(f64::INFINITY), want, "{text}");
    }
}
