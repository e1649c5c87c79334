//! "Never panics": every preset, mutated at random, either loads and runs
//! or is rejected with located errors.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use proptest::prelude::*;

fn presets() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    let mut v: Vec<_> = std::fs::read_dir(dir).unwrap().filter_map(Result::ok).map(|e| e.path()).collect();
    v.retain(|p| p.extension().is_some_and(|x| x == "json"));
    v.sort();
    v.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect()
}

fn exercise(text: &str) {
    match sts::load(text) {
        Ok(s) => {
            let r = sts::run(&s);
            assert_eq!(r.steps.len(), s.steps.len());
            let _ = sts::report_json(&r);
        }
        Err(errors) => {
            assert!(!errors.is_empty());
            for e in &errors {
                assert!(e.path.to_string().starts_with('$'), "{e}");
                assert!(e.position.line >= 1 && e.position.column >= 1, "{e}");
            }
        }
    }
}

#[test]
fn presets_load_and_run() {
    let p = presets();
    assert!(p.len() >= 12, "the presets are missing");
    for t in &p {
        assert!(sts::load(t).is_ok());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn mutated_scenarios_never_panic(which in 0usize..64, at in 0usize..100_000, del in 0usize..8, insert in "[\\[\\]{}\",:*$?a-zA-Z0-9 \\\\-]{0,8}") {
        let p = presets();
        let mut text = p[which % p.len()].clone();
        let mut i = at % (text.len() + 1);
        while !text.is_char_boundary(i) { i -= 1; }
        let mut j = (i + del).min(text.len());
        while !text.is_char_boundary(j) { j += 1; }
        text.replace_range(i..j, &insert);
        exercise(&text);
    }
}
