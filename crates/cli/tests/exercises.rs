//! `roleplay check` and `roleplay run` on exercises: an exercise fails its
//! goals as shipped and meets them with `NAME.solution.json`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};

#[path = "support/run.rs"]
mod run;
use run::*;

fn roleplay(args: &[&str]) -> Out {
    roleplay_with(args, None)
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn exercise(name: &str) -> PathBuf {
    repo().join("exercises").join(name)
}

/// A directory holding one exercise and a solution written by the test.
struct Dir(PathBuf);

impl Dir {
    fn new(tag: &str, exercise_name: &str, solution: Option<&str>) -> Dir {
        let d = std::env::temp_dir().join(format!("roleplay-exercise-{}-{tag}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        std::fs::copy(exercise(&format!("{exercise_name}.json")), d.join("x.json")).unwrap();
        if let Some(s) = solution {
            std::fs::write(d.join("x.solution.json"), s).unwrap();
        }
        Dir(d)
    }
    fn path(&self, f: &str) -> String {
        self.0.join(f).display().to_string()
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn solution_text(name: &str) -> String {
    std::fs::read_to_string(exercise(&format!("{name}.solution.json"))).unwrap()
}

#[test]
fn the_shipped_exercises_fail_as_shipped_and_pass_with_their_solutions() {
    let out = roleplay(&["check", &repo().join("exercises").display().to_string()]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let last = out.stdout.lines().last().unwrap();
    assert!(last.ends_with(" passed, 0 failed"), "{last}");
    // 8 exercises at least, each: failing as shipped + every goal + every Expect of the solution.
    let passed: usize = last.split(' ').next().unwrap().parse().unwrap();
    assert!(passed >= 8 * 4, "{last}");
}

#[test]
fn a_solution_that_opens_too_much_fails_its_goals() {
    // user_A may assume any role: AdminRole opens too (least privilege).
    let wide = solution_text("02-cross-account-both-sides")
        .replace(r#"\"Resource\": \"arn:aws:iam::111111111111:role/ReadOnlyRole\""#, r#"\"Resource\": \"*\""#);
    let d = Dir::new("wide", "02-cross-account-both-sides", Some(&wide));
    let out = roleplay(&["check", &d.path("x.json")]);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    let sol = d.path("x.solution.json");
    assert!(out.stdout.contains(&format!("{sol}: goal 3 (user_A cannot switch to AdminRole) is not met: now: allowed")), "{}", out.stdout);
    // The solution's own Expect of step 2 fails too.
    assert!(out.stdout.contains(&format!("{sol}: step 2: expected implicitDeny, got allowed")), "{}", out.stdout);
}

#[test]
fn a_solution_that_edits_outside_the_allowed_policies_fails_edit_only() {
    // Raising the role's MaxSessionDuration does not lift the chaining cap,
    // and it is not the value the learner may change.
    let other = solution_text("05-chaining-under-one-hour").replace(r#""MaxSessionDuration": 14400"#, r#""MaxSessionDuration": 43200"#);
    let d = Dir::new("edit", "05-chaining-under-one-hour", Some(&other));
    let out = roleplay(&["check", &d.path("x.json")]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stdout.contains("goal 4 (Edit only DurationSeconds of step 1) is not met: changed: `$.Roles[1].MaxSessionDuration`"),
        "{}",
        out.stdout
    );
}

#[test]
fn an_exercise_solved_as_shipped_is_reported() {
    let solved = solution_text("01-trust-the-right-account");
    let d = Dir::new("solved", "01-trust-the-right-account", Some(&solved));
    std::fs::write(d.0.join("x.json"), &solved).unwrap();
    let out = roleplay(&["check", &d.path("x.json")]);
    assert_eq!(out.code, 1);
    assert!(
        out.stdout.contains(&format!(
            "{}: exercise: every goal is met as shipped (an exercise fails until the learner edits it)",
            d.path("x.json")
        )),
        "{}",
        out.stdout
    );
}

#[test]
fn a_missing_solution_is_bad_input_and_a_named_solution_checks_its_exercise() {
    let d = Dir::new("missing", "03-narrow-root-to-one-user", None);
    let out = roleplay(&["check", &d.path("x.json")]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("x.solution.json: cannot read"), "{}", out.stderr);
    assert!(out.stderr.contains("(the reference solution of "), "{}", out.stderr);
    // Naming the solution checks its exercise, once.
    let d = Dir::new("named", "03-narrow-root-to-one-user", Some(&solution_text("03-narrow-root-to-one-user")));
    let both = roleplay(&["check", &d.path("x.json"), &d.path("x.solution.json")]);
    let one = roleplay(&["check", &d.path("x.solution.json")]);
    assert_eq!(both.code, 0, "{}{}", both.stdout, both.stderr);
    assert_eq!(both.stdout, one.stdout);
}

#[test]
fn run_prints_the_goals_in_both_languages() {
    let f = exercise("01-trust-the-right-account.json").display().to_string();
    let out = roleplay(&["run", &f]);
    assert_eq!(out.code, 0);
    assert!(
        out.stdout.contains("exercise goals: 2 of 5 met\n  ✗ 1. Step 0 (sts:AssumeRole by user_A): allowed\n       now: implicit deny\n"),
        "{}",
        out.stdout
    );
    let ja = roleplay(&["run", &f, "--lang", "ja"]);
    assert!(
        ja.stdout
            .contains("演習の目標: 5 個中 2 個を達成\n  ✗ 1. ステップ 0 (user_A の sts:AssumeRole): 許可\n       現在: 暗黙的な拒否\n"),
        "{}",
        ja.stdout
    );
    // --json prints the contract's report only.
    let json = roleplay(&["run", &f, "--json"]);
    assert!(!json.stdout.contains("exercise goals"));
}
