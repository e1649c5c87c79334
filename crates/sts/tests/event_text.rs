//! The page shows each request's CloudTrail-like record as text written
//! straight from its parts (`Event::pretty`, with `time`, `name` and `who`
//! for the event list), not from the JSON tree the CLI reads: both must
//! say the same thing, for every record of every scenario roleplay ships.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::PathBuf;

fn files() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut out = Vec::new();
    for dir in ["scenarios", "tests/scenarios", "exercises"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "json") {
                out.push(p);
            }
        }
    }
    out
}

#[test]
fn the_text_and_the_accessors_agree_with_the_json_tree() {
    let mut records = 0;
    for path in files() {
        let Ok(scenario) = sts::load(&std::fs::read_to_string(&path).unwrap()) else { continue };
        for step in sts::run(&scenario).steps {
            let Some(e) = step.event else { continue };
            let tree: &serde_json::Value = &e;
            assert_eq!(e.pretty(), serde_json::to_string_pretty(tree).unwrap(), "{}", path.display());
            assert_eq!(Some(policy::time::format_iso8601(e.time()).as_str()), tree["eventTime"].as_str());
            assert_eq!(Some(e.name()), tree["eventName"].as_str());
            let id = &tree["userIdentity"];
            let who = id["arn"].as_str().or(id["invokedBy"].as_str()).or(id["identityProvider"].as_str());
            assert_eq!(Some(e.who()), who, "{}", path.display());
            records += 1;
        }
    }
    assert!(records > 100, "{records} records");
}
