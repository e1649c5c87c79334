//! `cargo +nightly fuzz run scenario`: see fuzz/README.md. The checks live in
//! `crates/sts/tests/support/fuzz_checks.rs`, which the stable test suite
//! also runs on every saved input in `fuzz/regressions/scenario/`.
#![no_main]

#[path = "../../crates/sts/tests/support/fuzz_checks.rs"]
mod fuzz_checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = fuzz_checks::scenario(data);
});
