//! The hostile-input corpus (`tests/hostile/`) and a generated megabyte
//! through the built `roleplay` binary: every file is run or rejected (exit
//! 2) within a generous bound, and a rejection prints located lines only —
//! at most 100 errors and a line counting the rest — whose first line is
//! the one `tests/hostile/expected.txt` names.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "../../sts/tests/support/shapes.rs"]
mod shapes;

const BOUND: Duration = Duration::from_secs(10);

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `roleplay run --json ARG` (with `stdin` piped in), its exit code,
/// stdout and stderr, within the bound.
fn run(arg: &str, stdin: &[u8]) -> (i32, String, String) {
    let t = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_roleplay"))
        .args(["run", "--json", arg])
        .current_dir(repo().join("tests/hostile"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    // The binary may reject the input before reading all of it.
    let _ = pipe.write_all(stdin);
    drop(pipe);
    let out = child.wait_with_output().unwrap();
    assert!(t.elapsed() < BOUND, "{arg} took {:?}", t.elapsed());
    (out.status.code().unwrap(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

/// The error lines of a rejection: each `NAME:LINE:COLUMN: PATH…`, then
/// the summary line; at most 100 errors and one line counting the rest.
fn assert_rejected(name: &str, stderr: &str) -> Vec<String> {
    let lines: Vec<&str> = stderr.lines().collect();
    let (summary, errors) = lines.split_last().unwrap();
    assert!(summary.starts_with(&format!("{name}: the scenario was not run (")), "{summary}");
    assert!(!errors.is_empty() && errors.len() <= 101, "{name}: {} error lines", errors.len());
    errors
        .iter()
        .map(|l| {
            let rest = l.strip_prefix(&format!("{name}:")).unwrap_or_else(|| panic!("{l}"));
            let mut parts = rest.splitn(3, ':');
            let (line, column, tail) = (parts.next().unwrap(), parts.next().unwrap(), parts.next().unwrap());
            assert!(line.parse::<u32>().unwrap() >= 1 && column.parse::<u32>().unwrap() >= 1, "{l}");
            let path = tail.trim_start().split([' ', ':']).next().unwrap();
            assert!(path.starts_with('$'), "{l}");
            format!("{line}:{column} {path}")
        })
        .collect()
}

#[test]
fn the_corpus_through_the_cli() {
    let text = std::fs::read_to_string(repo().join("tests/hostile/expected.txt")).unwrap();
    let mut checked = 0;
    for l in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let (file, want) = l.split_once("  ").unwrap();
        let (code, stdout, stderr) = run(file, b"");
        if want.trim() == "runs" {
            assert_eq!(code, 0, "{file}: {stderr}");
            let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
            assert!(report["Steps"].is_array(), "{file}");
        } else {
            assert_eq!(code, 2, "{file}");
            assert_eq!(stdout, "", "{file}");
            let located = assert_rejected(file, &stderr);
            assert_eq!(located[0], want.trim(), "{file}: {stderr}");
        }
        checked += 1;
    }
    assert!(checked >= 25, "the corpus is missing");
}

#[test]
fn a_megabyte_of_errors_on_one_line_prints_a_hundred_and_a_count() {
    let shape = shapes::long_line_unknown_roles(1 << 20);
    let (code, stdout, stderr) = run("-", shape.text.as_bytes());
    assert_eq!((code, stdout.as_str()), (2, ""));
    let located = assert_rejected("<stdin>", &stderr);
    assert_eq!(located.len(), 101);
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(lines[100].contains(": and ") && lines[100].contains(" more errors not listed"), "{}", lines[100]);
    // The summary counts them all (at least one for each of ~7,700 steps).
    let total: usize = lines[101].rsplit('(').next().unwrap().split(' ').next().unwrap().parse().unwrap();
    assert!(total > 5_000, "{}", lines[101]);
}
