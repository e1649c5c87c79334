//! `cargo +nightly fuzz run reducer`: see fuzz/README.md. The checks live in
//! `crates/playground/tests/support/fuzz_checks.rs`, which the stable test suite
//! also runs on every saved input in `fuzz/regressions/reducer/`.
#![no_main]

#[path = "../../crates/playground/tests/support/fuzz_checks.rs"]
mod fuzz_checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = fuzz_checks::reducer(data);
});
