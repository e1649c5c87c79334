//! `cargo +nightly fuzz run assist`: see fuzz/README.md. The checks live in
//! `crates/assist/tests/support/fuzz_checks.rs`, which the stable test
//! suite also runs on every saved input in `fuzz/regressions/assist/`.
#![no_main]

#[path = "../../crates/assist/tests/support/fuzz_checks.rs"]
mod fuzz_checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    fuzz_checks::assist(data);
});
