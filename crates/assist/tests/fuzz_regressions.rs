//! Every input saved in `fuzz/regressions/assist/` (and the presets, as
//! plain seeds) through the `assist` fuzz target's checks, on stable Rust.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

#[path = "support/fuzz_checks.rs"]
mod fuzz_checks;

#[test]
fn the_checks_hold_for_saved_inputs_and_the_presets() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut n = 0;
    for dir in ["fuzz/regressions/assist", "scenarios"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(dir)).unwrap().flatten().map(|e| e.path()).collect();
        files.sort();
        for f in files.iter().filter(|f| f.is_file()) {
            let mut data = vec![0x12, 0x34];
            data.extend(std::fs::read(f).unwrap());
            fuzz_checks::assist(&data);
            n += 1;
        }
    }
    assert!(n >= 18, "{n} inputs");
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
