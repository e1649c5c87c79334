//! `cargo +nightly fuzz run json_policy`: see fuzz/README.md. The checks live in
//! `crates/policy/tests/support/fuzz_checks.rs`, which the stable test suite
//! also runs on every saved input in `fuzz/regressions/json_policy/`.
#![no_main]

#[path = "../../crates/policy/tests/support/fuzz_checks.rs"]
mod fuzz_checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = fuzz_checks::json_policy(data);
});
