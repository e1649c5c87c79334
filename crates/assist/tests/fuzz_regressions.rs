//! Every input saved in `fuzz/regressions/assist/` (and the presets, as
//! plain seeds) through the `assist` fuzz target's checks, on stable Rust.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

#[path = "support/fuzz_checks.rs"]
mod fuzz_checks;

#[path = "../../../fuzz/support/inputs.rs"]
mod support;

#[test]
fn the_checks_hold_for_saved_inputs() {
    for (name, data) in support::inputs("assist") {
        eprintln!("assist/{name}");
        fuzz_checks::assist(&data);
    }
}

#[test]
fn the_checks_hold_for_the_presets() {
    for p in playground_presets() {
        let mut data = vec![0x12, 0x34];
        data.extend(p.as_bytes());
        fuzz_checks::assist(&data);
    }
}

/// The preset scenarios, read from `scenarios/`.
fn playground_presets() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    let mut files: Vec<_> =
        std::fs::read_dir(dir).unwrap().flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "json")).collect();
    files.sort();
    assert!(files.len() >= 18);
    files.iter().map(|f| std::fs::read_to_string(f).unwrap()).collect()
}

#[test]
fn the_checks_hold_for_half_typed_policies() {
    // Every prefix of a preset (cut every 97 bytes), with the caret at its end.
    let text = include_str!("../../../scenarios/06-passrole.json");
    for cut in (0..text.len()).step_by(97).filter(|&c| text.is_char_boundary(c)) {
        let mut data = vec![0xff, 0xff];
        data.extend(&text.as_bytes()[..cut]);
        fuzz_checks::assist(&data);
    }
}
