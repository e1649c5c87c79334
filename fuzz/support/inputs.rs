//! The inputs the fuzzers saved, for the stable test suites that replay
//! them (each crate's `tests/fuzz_regressions.rs` includes this file).

use std::path::Path;

/// The files of `fuzz/regressions/<target>/` with their names, in name
/// order (none yet is fine).
pub fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/regressions").join(target);
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut out: Vec<(String, Vec<u8>)> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .filter_map(|p| Some((p.file_name()?.to_string_lossy().to_string(), std::fs::read(&p).ok()?)))
        .collect();
    out.sort();
    out
}
