//! Exercises in `roleplay check` and `roleplay run`.
//!
//! An exercise (a scenario with an `Exercise` block) must fail its goals as
//! shipped and meet them all with its reference solution, the complete
//! scenario `NAME.solution.json` beside `NAME.json`. `check` verifies both
//! (the solution's own `Expect`s too), so a course's exercises can be kept
//! in CI; `run` prints the goals after the trace.

use std::path::{Path, PathBuf};

use sts::exercise::{Evaluation, Exercise, Linter};

use crate::args::Input;
use sts::Scenario;

/// The suffix of a reference solution's file name.
pub const SOLUTION_SUFFIX: &str = ".solution.json";

/// `NoFindings` goals are judged with the `lint` crate (IAM Access
/// Analyzer's checks, with the compiled-in catalogue).
fn linter() -> &'static dyn Linter {
    static LINT: std::sync::OnceLock<lint::ExerciseLinter<'static>> = std::sync::OnceLock::new();
    LINT.get_or_init(|| lint::ExerciseLinter(crate::catalogue::get()))
}

/// Whether `p` is a reference solution (`NAME.solution.json`).
pub fn is_solution(p: &Path) -> bool {
    p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.ends_with(SOLUTION_SUFFIX))
}

/// The solution file of exercise `p` (`NAME.json` → `NAME.solution.json`).
pub fn solution_of(p: &Path) -> PathBuf {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let stem = name.strip_suffix(".json").unwrap_or(name);
    p.with_file_name(format!("{stem}{SOLUTION_SUFFIX}"))
}

/// The exercise of solution `p` (`NAME.solution.json` → `NAME.json`).
pub fn exercise_of(p: &Path) -> PathBuf {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let stem = name.strip_suffix(SOLUTION_SUFFIX).unwrap_or(name);
    p.with_file_name(format!("{stem}.json"))
}

/// Solution files are checked with their exercise: each one named (or
/// found in a directory) stands for its exercise, once.
pub fn pair_solutions(files: Vec<Input>) -> Vec<Input> {
    let mut out: Vec<Input> = Vec::with_capacity(files.len());
    for f in files {
        let f = match f {
            Input::Path(p) if is_solution(&p) => Input::Path(exercise_of(&p)),
            other => other,
        };
        if f == Input::Stdin || !out.contains(&f) {
            out.push(f);
        }
    }
    out
}

/// What checking one exercise found.
#[derive(Debug, Default)]
pub struct Checked {
    pub passed: usize,
    pub failed: usize,
    /// The solution could not be read or loaded.
    pub bad_input: bool,
    /// One line per failure, for standard output.
    pub lines: Vec<String>,
}

/// Checks the exercise `text` (loaded as `s`) from file `name` at `path`:
/// it fails as shipped, and its solution meets every goal and `Expect`.
pub fn check(name: &str, path: Option<&Path>, text: &str, s: &Scenario) -> Checked {
    let mut c = Checked::default();
    let doc = match sts::scenario::parse_document(text) {
        Ok(d) => d,
        Err(_) => return c,
    };
    let Some(ex) = Exercise::from_loaded(&doc, s) else { return c };
    let shipped = ex.evaluate_text(text, linter());
    if shipped.solved {
        c.failed += 1;
        c.lines.push(format!("{name}: exercise: every goal is met as shipped (an exercise fails until the learner edits it)"));
    } else {
        c.passed += 1;
    }
    let Some(path) = path else {
        c.failed += 1;
        c.lines.push(format!("{name}: exercise: no reference solution (standard input has no `NAME{SOLUTION_SUFFIX}` beside it)"));
        return c;
    };
    let sol_path = solution_of(path);
    let sol_name = sol_path.to_string_lossy().into_owned();
    let sol_text = match crate::read_input(&Input::Path(sol_path.clone())) {
        Ok(t) => t,
        Err(e) => {
            match e {
                crate::ReadError::Io(message) => eprintln!("roleplay: {message} (the reference solution of {name})"),
                e => crate::print_read_error(&Input::Path(sol_path.clone()), e),
            }
            c.failed += 1;
            c.bad_input = true;
            return c;
        }
    };
    let sol = match sts::load(&sol_text) {
        Ok(x) => x,
        Err(errors) => {
            crate::print_load_errors(&Input::Path(sol_path), &errors);
            c.failed += 1;
            c.bad_input = true;
            return c;
        }
    };
    let checked = ex.check_solution(&sol_text, &sol, linter());
    for (i, g) in checked.goals.goals.iter().enumerate() {
        if g.met {
            c.passed += 1;
        } else {
            c.failed += 1;
            let why = g.detail.as_ref().map(|d| format!(": {}", d.en)).unwrap_or_default();
            c.lines.push(format!("{sol_name}: goal {} ({}) is not met{why}", i + 1, g.label.en));
        }
    }
    c.passed += checked.expects_met;
    c.failed += checked.mismatches.len();
    for m in checked.mismatches {
        c.lines.push(format!("{sol_name}: step {}: expected {}, got {}", m.step, m.expected, m.actual));
    }
    c
}

/// The goals of the exercise `text` after a `run` trace, in `lang`.
pub fn goals_text(text: &str, s: &Scenario, lang: &str) -> Option<String> {
    let doc = sts::scenario::parse_document(text).ok()?;
    let ex = Exercise::from_loaded(&doc, s)?;
    Some(render(&ex.evaluate_text(text, linter()), ex.hints().len(), lang))
}

fn render(e: &Evaluation, hints: usize, lang: &str) -> String {
    let ja = lang == "ja";
    let mut out = if ja {
        format!("\n演習の目標: {} 個中 {} 個を達成{}\n", e.goals.len(), e.met(), if e.solved { " (解決)" } else { "" })
    } else {
        format!("\nexercise goals: {} of {} met{}\n", e.met(), e.goals.len(), if e.solved { " (solved)" } else { "" })
    };
    for (i, g) in e.goals.iter().enumerate() {
        let mark = if g.met { "✓" } else { "✗" };
        out.push_str(&format!("  {mark} {}. {}\n", i + 1, g.label.get(lang)));
        if let Some(d) = &g.detail {
            out.push_str(&format!("       {}\n", d.get(lang)));
        }
    }
    if hints > 0 {
        out.push_str(&if ja {
            format!("  ヒント: {hints} 個 (ページで 1 つずつ表示)\n")
        } else {
            format!("  hints: {hints} (the page reveals them one at a time)\n")
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solution_names() {
        assert!(is_solution(Path::new("exercises/01-x.solution.json")));
        assert!(!is_solution(Path::new("exercises/01-x.json")));
        assert_eq!(solution_of(Path::new("e/01-x.json")), PathBuf::from("e/01-x.solution.json"));
        assert_eq!(exercise_of(Path::new("e/01-x.solution.json")), PathBuf::from("e/01-x.json"));
        let files = ["e/a.json", "e/a.solution.json", "e/b.solution.json", "e/c.json"].map(|f| Input::Path(PathBuf::from(f))).to_vec();
        let want = ["e/a.json", "e/b.json", "e/c.json"].map(|f| Input::Path(PathBuf::from(f))).to_vec();
        assert_eq!(pair_solutions(files), want);
    }
}
