//! `roleplay bench` as a user runs it: figures printed, their shape
//! checked, no timing asserted.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::Path;
use std::process::{Command, Output};

fn roleplay(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_roleplay"))
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."))
        .output()
        .expect("start")
}

#[test]
fn json_gives_steps_per_second_and_every_steps_median_and_p95() {
    let out = roleplay(&["bench", "scenarios/04-lambda-service-role.json", "--iterations", "5", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["StepsPerSecond"].as_f64().unwrap() > 0.0);
    let steps = v["Steps"].as_array().unwrap();
    assert_eq!(steps.len(), 7);
    for (i, s) in steps.iter().enumerate() {
        assert_eq!(s["Step"], i);
        assert!(s["MedianNanos"].as_u64().unwrap() <= s["P95Nanos"].as_u64().unwrap(), "{s}");
    }
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["StepsPerSecond", "Steps"]);
}

#[test]
fn the_table_names_each_step() {
    let out = roleplay(&["bench", "scenarios/01-cross-account-switch-role.json", "--iterations", "3"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("scenarios/01-cross-account-switch-role.json: 5 steps × 3 runs: "), "{text}");
    assert!(text.contains(" steps/s\n"), "{text}");
    assert!(text.lines().any(|l| l.trim_start().starts_with("[0]") && l.ends_with("sts:AssumeRole")), "{text}");
}

#[test]
fn a_scenario_that_does_not_load_is_exit_two() {
    let out = roleplay(&["bench", "-", "--iterations", "1"]);
    assert_eq!(out.status.code(), Some(2));
    let help = roleplay(&["bench", "--help"]);
    assert!(String::from_utf8(help.stdout).unwrap().starts_with("roleplay bench — "));
}
