//! Every input the fuzzers saved (`fuzz/regressions/share/` and
//! `fuzz/regressions/reducer/`), replayed with the fuzz targets' own
//! checks on the stable toolchain, so `cargo test` guards what fuzzing
//! found without nightly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

#[path = "support/fuzz_checks.rs"]
mod fuzz_checks;

#[path = "../../../fuzz/support/inputs.rs"]
mod support;
use support::inputs;

#[test]
fn share_regressions() {
    for (name, data) in inputs("share") {
        eprintln!("share/{name}");
        fuzz_checks::share(&data);
    }
}

#[test]
fn reducer_regressions() {
    for (name, data) in inputs("reducer") {
        eprintln!("reducer/{name}");
        fuzz_checks::reducer(&data);
    }
}

#[test]
fn the_checks_hold_for_hand_written_inputs() {
    for data in [&b""[..], b"AAAA", b"\x00\x01\x02", b"{\"Scenario\": 1, \"Steps\": []}", &[0xff; 64]] {
        fuzz_checks::share(data);
    }
    // Every action kind, on a few presets.
    let actions: Vec<u8> = (0u8..16).flat_map(|op| [op, op.wrapping_mul(37), b'x', b'"', b'{']).collect();
    for preset in 0u8..4 {
        let mut data = vec![preset];
        data.extend_from_slice(&actions);
        fuzz_checks::reducer(&data);
    }
}
