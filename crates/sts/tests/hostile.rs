//! Hostile input never freezes or crashes the loader: the corpus in
//! `tests/hostile/` (each file's first error is written in
//! `tests/hostile/expected.txt`), the fuzzers' regressions in
//! `fuzz/regressions/scenario/`, and generated 1 MB scenarios of every
//! shape (`support/shapes.rs`) are each run or rejected with located errors
//! — at most 100 listed, the rest counted — within a generous time bound.
//! The 100 ms target is a printed figure (`examples/bench_hostile.rs`), not
//! a timed assertion: this suite runs unoptimised on a shared machine.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use sts::scenario::{decode_utf8, total_errors, MAX_ERRORS, TOO_MANY_ERRORS};
use sts::LoadError;

#[path = "support/fuzz_checks.rs"]
mod fuzz_checks;
#[path = "support/shapes.rs"]
mod shapes;

/// Far above what any input takes (debug build, busy machine), far below
/// what the quadratic paths took (minutes).
const BOUND: Duration = Duration::from_secs(10);

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The outcome of one input: it ran (with this many steps), or its errors.
enum Answer {
    Ran(usize),
    Rejected(Vec<LoadError>),
}

/// Decodes, loads and runs `bytes` as the CLI does, checking the bound.
fn answer(name: &str, bytes: &[u8]) -> Answer {
    let t = Instant::now();
    let out = match decode_utf8(bytes) {
        Err(e) => Answer::Rejected(vec![e]),
        Ok(text) => match sts::load(text) {
            Ok(s) => {
                let r = sts::run(&s);
                assert_eq!(r.steps.len(), s.steps.len(), "{name}");
                let _ = sts::report_json(&r);
                Answer::Ran(s.steps.len())
            }
            Err(errors) => Answer::Rejected(errors),
        },
    };
    let took = t.elapsed();
    println!("{name:<50} {:>9} bytes {:>8.1} ms", bytes.len(), took.as_secs_f64() * 1e3);
    assert!(took < BOUND, "{name} took {took:?}");
    out
}

fn assert_located(name: &str, bytes: &[u8], errors: &[LoadError]) {
    fuzz_checks::assert_located(name, &String::from_utf8_lossy(bytes), errors);
}

/// `tests/hostile/expected.txt`: file → `None` (runs) or `Some("L:C PATH")`.
fn expected() -> Vec<(String, Option<String>)> {
    let text = std::fs::read_to_string(repo().join("tests/hostile/expected.txt")).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (file, want) = l.split_once("  ").unwrap();
            (file.to_string(), (want.trim() != "runs").then(|| want.trim().to_string()))
        })
        .collect()
}

#[test]
fn the_corpus_gives_what_expected_txt_says() {
    let dir = repo().join("tests/hostile");
    let want = expected();
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|f| f.ends_with(".json"))
        .collect();
    files.sort();
    let listed: Vec<&String> = want.iter().map(|(f, _)| f).collect();
    assert_eq!(files.iter().collect::<Vec<_>>(), listed, "every corpus file has one line in expected.txt");
    for (file, first) in &want {
        let bytes = std::fs::read(dir.join(file)).unwrap();
        match (answer(file, &bytes), first) {
            (Answer::Ran(_), None) => {}
            (Answer::Rejected(errors), Some(first)) => {
                assert_located(file, &bytes, &errors);
                let e = &errors[0];
                assert_eq!(&format!("{}:{} {}", e.position.line, e.position.column, e.path), first, "{file}: {e}");
            }
            (Answer::Ran(_), Some(first)) => panic!("{file} ran; expected {first}"),
            (Answer::Rejected(errors), None) => panic!("{file} was rejected: {}", errors[0]),
        }
    }
}

#[test]
fn fuzz_regressions_never_crash_or_hang() {
    // What the `scenario` fuzz target saved, checked as the target checks.
    let dir = repo().join("fuzz/regressions/scenario");
    let Ok(entries) = std::fs::read_dir(&dir) else { return };
    for e in entries {
        let path = e.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let t = Instant::now();
        fuzz_checks::scenario(&bytes);
        assert!(t.elapsed() < BOUND, "{} took {:?}", path.display(), t.elapsed());
    }
}

#[test]
fn one_megabyte_of_any_shape_is_answered_in_bounded_time() {
    for shape in shapes::all(1 << 20) {
        match answer(shape.name, shape.text.as_bytes()) {
            Answer::Ran(steps) => assert!(shape.valid && steps > 0, "{}", shape.name),
            Answer::Rejected(errors) => {
                assert!(!shape.valid, "{}: {}", shape.name, errors[0]);
                assert_located(shape.name, shape.text.as_bytes(), &errors);
            }
        }
    }
}

#[test]
fn errors_past_the_hundredth_are_counted_at_the_first_of_them() {
    let steps: Vec<String> = (0..300).map(|i| format!("{{\"Advance\": -{i}}}")).collect();
    let text = format!("{{\"Scenario\": 1,\n\"Steps\": [\n{}\n]}}", steps.join(",\n"));
    let errors = sts::load(&text).unwrap_err();
    // -0 is a valid Advance: 299 errors, 100 listed and one counting 199.
    assert_eq!(errors.len(), MAX_ERRORS + 1);
    assert_eq!(total_errors(&errors), 299);
    let last = errors.last().unwrap();
    assert_eq!(last.code, TOO_MANY_ERRORS);
    assert_eq!(last.omitted_count(), Some(199));
    assert_eq!(last.message, "and 199 more errors not listed");
    assert_eq!(last.path.to_string(), "$.Steps[101].Advance");
    assert_eq!((last.position.line, last.position.column), (104, 13));
    assert_eq!(errors[99].path.to_string(), "$.Steps[100].Advance");
}

#[test]
fn a_policy_past_its_hundredth_problem_counts_into_the_scenario() {
    // 150 statements each with two errors, in a string-form trust policy.
    let stmt = r#"{"Effect": "allow", "Principal": "*", "Action": "sts:AssumeRole", "Conditon": {}}"#;
    let policy = format!(r#"{{"Version": "2012-10-17", "Statement": [{}]}}"#, vec![stmt; 150].join(","));
    let text = format!(
        r#"{{"Scenario": 1, "Roles": [{{"Arn": "arn:aws:iam::111111111111:role/r", "AssumeRolePolicyDocument": {}}}], "Steps": []}}"#,
        shapes::json_string(&policy)
    );
    let errors = sts::load(&text).unwrap_err();
    assert_eq!(errors.len(), MAX_ERRORS + 1);
    assert_eq!(total_errors(&errors), 300);
    assert!(errors[..MAX_ERRORS].iter().all(|e| e.policy_position.is_some()));
}

#[test]
fn hints_stay_short_with_thousands_of_names() {
    let roles: Vec<String> = (0..3000)
        .map(|i| format!(r#"{{"Arn": "arn:aws:iam::111111111111:role/r{i}", "AssumeRolePolicyDocument": {{"Statement": {{"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}}}}}}"#))
        .collect();
    let text = format!(
        r#"{{"Scenario": 1, "Users": [{{"Arn": "arn:aws:iam::111111111111:user/u"}}], "Roles": [{}], "Steps": [{{"Action": "sts:AssumeRole", "Caller": {{"AWS": "arn:aws:iam::111111111111:user/u"}}, "RoleArn": "zzz", "RoleSessionName": "u1"}}]}}"#,
        roles.join(",")
    );
    let errors = sts::load(&text).unwrap_err();
    let unknown = errors.iter().find(|e| e.message.starts_with("unknown role")).unwrap();
    let help = unknown.help.as_deref().unwrap();
    assert!(help.ends_with("and 2995 more"), "{help}");
    assert!(help.len() < 300, "{help}");
}

#[test]
fn documents_strings_and_keys_have_located_limits() {
    use sts::scenario::{MAX_DOCUMENT_BYTES, MAX_STRING_CHARS};
    let big = format!("{{\"Scenario\": 1, \"Steps\": [], \"Title\": \"{}\"}}", "x".repeat(MAX_DOCUMENT_BYTES));
    let e = &sts::load(&big).unwrap_err()[0];
    assert_eq!((e.code, e.path.to_string(), e.position.line, e.position.column), ("LimitExceeded", "$".into(), 1, 1));
    assert!(e.message.contains("at most 4194304 bytes"), "{e}");

    let long = "ロ".repeat(MAX_STRING_CHARS + 1);
    let text = format!("{{\"Scenario\": 1,\n \"Steps\": [{{\"Advance\": 1, \"Note\": \"{long}\"}}],\n \"{long}\": 1}}");
    let errors = sts::load(&text).unwrap_err();
    let got: Vec<(String, u32, u32)> = errors.iter().map(|e| (e.path.to_string(), e.position.line, e.position.column)).collect();
    assert_eq!(got, [("$.Steps[0].Note".to_string(), 2, 35), ("$".to_string(), 3, 2)]);
    assert!(errors.iter().all(|e| e.code == "LimitExceeded" && e.message.len() < 200));

    // Just under the limit, a string is fine; long input quoted in a
    // message is cut short.
    let ok = format!("{{\"Scenario\": 1, \"Steps\": [{{\"Advance\": 1, \"Note\": \"{}\"}}]}}", "ロ".repeat(MAX_STRING_CHARS));
    assert!(sts::load(&ok).is_ok());
    let arn = format!("arn:aws:iam::111111111111:role/{}", "r".repeat(60_000));
    let text = format!("{{\"Scenario\": 1, \"Users\": [{{\"Arn\": \"arn:aws:iam::111111111111:user/u\"}}], \"Steps\": [{{\"Action\": \"sts:AssumeRole\", \"Caller\": {{\"AWS\": \"arn:aws:iam::111111111111:user/u\"}}, \"RoleArn\": \"{arn}\"}}]}}");
    let errors = sts::load(&text).unwrap_err();
    assert!(
        errors[0].message.starts_with("unknown role `arn:aws:iam::111111111111:role/rrr") && errors[0].message.ends_with('…'),
        "{}",
        errors[0]
    );
    assert!(errors[0].message.chars().count() <= 1_001);
}
