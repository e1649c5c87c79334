//! `Simulator::decisions_only` (what `World::outcomes` runs) skips each
//! step's `Checks` and CloudTrail record, and must decide exactly as the
//! full run does: the same outcome, error code and credentials for every
//! step of every scenario roleplay ships.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::PathBuf;

#[test]
fn decisions_only_decides_as_the_full_run_does() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut steps = 0;
    for dir in ["scenarios", "tests/scenarios", "exercises"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = e.unwrap().path();
            if path.extension().is_none_or(|x| x != "json") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let Ok(world) = sts::api::World::load(&text) else { continue };
            let full = sts::run(world.scenario());
            let quick = world.outcomes();
            let mut sim = sts::Simulator::new(world.scenario()).decisions_only();
            for (i, r) in full.steps.iter().enumerate() {
                let q = sim.step(i);
                assert_eq!(q.outcome, r.outcome, "{} step {i}", path.display());
                assert_eq!(quick[i], r.outcome, "{} step {i}", path.display());
                assert_eq!(q.error_code, r.error_code, "{} step {i}", path.display());
                assert_eq!(q.credentials, r.credentials, "{} step {i}", path.display());
                assert!(q.event.is_none() && q.checks.as_ref().is_none_or(Vec::is_empty), "nothing but the decision");
                steps += 1;
            }
        }
    }
    assert!(steps > 300, "{steps} steps");
}
