//! What the fuzz target `scenario` asserts, shared (by `#[path]`) with
//! `tests/hostile.rs`, which replays every saved input on the stable
//! toolchain. A failed check panics.
#![allow(dead_code, reason = "each includer uses some of the checks")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use sts::scenario::{decode_utf8, total_errors, MAX_ERRORS, TOO_MANY_ERRORS};
use sts::LoadError;

/// Every error is located inside `text` (a line of it, a column of that
/// line), the list is capped at `MAX_ERRORS` and a capped list ends with
/// the one entry that counts the rest.
pub fn assert_located(name: &str, text: &str, errors: &[LoadError]) {
    assert!(!errors.is_empty(), "{name}: rejected without an error");
    assert!(errors.len() <= MAX_ERRORS + 1, "{name}: {} errors listed", errors.len());
    let lines: Vec<&str> = text.split('\n').collect();
    for e in errors {
        assert!(e.path.to_string().starts_with('$'), "{name}: {e}");
        let line = lines.get((e.position.line as usize).wrapping_sub(1)).unwrap_or_else(|| panic!("{name}: line out of the text: {e}"));
        assert!(e.position.column >= 1 && e.position.column as usize <= line.chars().count() + 1, "{name}: column out of its line: {e}");
        assert!(e.end >= e.position, "{name}: ends before it starts: {e}");
        assert!(!e.message.is_empty() && e.message.chars().count() <= 1_001, "{name}: {e}");
    }
    let counting = errors.iter().filter(|e| e.code == TOO_MANY_ERRORS).count();
    assert!(counting <= 1, "{name}");
    if counting == 1 {
        assert_eq!(errors.last().unwrap().code, TOO_MANY_ERRORS, "{name}: the counting entry comes last");
        assert!(total_errors(errors) > errors.len(), "{name}");
    }
}

/// Any bytes: decoded as the CLI and the page decode them, then loaded
/// and run. Either it runs (a report for every step, serialisable) or it
/// is rejected with located errors. Returns whether it ran.
pub fn scenario(data: &[u8]) -> bool {
    let text = match decode_utf8(data) {
        Ok(t) => t,
        Err(e) => {
            // Located in the part that is text.
            let good = std::str::from_utf8(data).map_or_else(|u| u.valid_up_to(), str::len);
            let prefix = std::str::from_utf8(&data[..good]).unwrap();
            assert_located("input", prefix, std::slice::from_ref(&e));
            return false;
        }
    };
    match sts::load(text) {
        Ok(s) => {
            let report = sts::run(&s);
            assert_eq!(report.steps.len(), s.steps.len());
            let json = sts::report_json(&report);
            assert!(json.starts_with('{'));
            assert!(s.warnings.len() <= MAX_ERRORS + 1);
            true
        }
        Err(errors) => {
            assert_located("input", text, &errors);
            false
        }
    }
}
