//! Project automation (matklad's xtask convention).
//!
//! `cargo xtask test` is the one command that sets up what it needs and runs
//! every check CI runs; `cargo xtask serve` builds the playground and serves
//! it on 127.0.0.1; `cargo xtask dist` builds it (plus the single-file
//! `dist/roleplay.html`) and prints the size budget; `cargo xtask bench`
//! prints the engine's figures (`roleplay bench` on every preset, and the
//! side-by-side comparison with iam-simulate in tools/bench-compare).

mod csp;
mod web;

use std::process::{Command, ExitCode};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("test") => test(),
        Some("bench") => bench(),
        Some("dist") => dist(),
        Some("serve") => serve(args.get(1).map(String::as_str)),
        _ => {
            eprintln!("usage: cargo xtask test | bench | dist | serve [PORT]");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

pub(crate) fn run(program: &str, args: &[&str]) -> Result<(), String> {
    eprintln!("xtask: $ {program} {}", args.join(" "));
    let status = Command::new(program).args(args).status().map_err(|e| format!("cannot start `{program}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{program} {}` failed ({status})", args.join(" ")))
    }
}

pub(crate) fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

/// Installs the wasm target and clippy when rustup manages the toolchain.
pub(crate) fn setup() -> Result<(), String> {
    let have_rustup = Command::new("rustup").arg("--version").output().is_ok_and(|o| o.status.success());
    if !have_rustup {
        eprintln!("xtask: rustup not found; assuming the wasm32 target and clippy are installed");
        return Ok(());
    }
    let targets = Command::new("rustup").args(["target", "list", "--installed"]).output().map_err(|e| e.to_string())?;
    if !String::from_utf8_lossy(&targets.stdout).lines().any(|l| l.trim() == "wasm32-unknown-unknown") {
        run("rustup", &["target", "add", "wasm32-unknown-unknown"])?;
    }
    for (tool, component) in [("clippy", "clippy"), ("fmt", "rustfmt")] {
        let have = Command::new(cargo()).args([tool, "--version"]).output().is_ok_and(|o| o.status.success());
        if !have {
            run("rustup", &["component", "add", component])?;
        }
    }
    Ok(())
}

fn test() -> Result<(), String> {
    let cargo = cargo();
    setup()?;
    run(&cargo, &["fmt", "--all", "--check"])?;
    // No unwrap/expect/panic outside tests; warnings are errors.
    run(&cargo, &["clippy", "--locked", "--workspace", "--all-targets", "--", "-D", "warnings"])?;
    // The engine and STS crates must build for the browser: no clock, no
    // file system, no threads, no OS randomness.
    let mut wasm = vec!["build", "--locked", "--target", "wasm32-unknown-unknown"];
    for krate in ["policy", "sts", "catalogue", "explain", "bridge", "lint"] {
        wasm.extend(["-p", krate]);
    }
    run(&cargo, &wasm)?;
    run(&cargo, &["test", "--locked", "--workspace"])?;
    js_api()?;
    speed_smoke()?;
    web::test()?;
    // Every scenario (the presets and the corpus) meets its expectations;
    // every exercise fails as shipped and passes with its solution.
    run(&cargo, &["run", "--locked", "--quiet", "-p", "cli", "--", "check", "scenarios", "tests/scenarios", "exercises"])?;
    Ok(())
}

/// A tool `cargo install` puts in `$CARGO_HOME/bin`, even when that folder
/// is not on `PATH`.
pub(crate) fn cargo_bin(name: &str) -> String {
    let on_path = Command::new(name).arg("--version").output().is_ok_and(|o| o.status.success());
    if on_path {
        return name.to_string();
    }
    let home = std::env::var("CARGO_HOME").ok().or_else(|| std::env::var("HOME").ok().map(|h| format!("{h}/.cargo"))).unwrap_or_default();
    format!("{home}/bin/{name}")
}

/// The `wasm-bindgen` version in `Cargo.lock` (the CLI must match it).
fn wasm_bindgen_version() -> Result<String, String> {
    let lock = std::fs::read_to_string("Cargo.lock").map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(l) = lines.next() {
        if l.trim() == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines.next().and_then(|v| v.trim().strip_prefix("version = \"")) {
                return Ok(v.trim_end_matches('"').to_string());
            }
        }
    }
    Err("wasm-bindgen is not in Cargo.lock".into())
}

/// Installs the `wasm-bindgen` CLI (and its test runner) matching Cargo.lock.
pub(crate) fn ensure_wasm_bindgen() -> Result<(), String> {
    let cargo = cargo();
    let v = wasm_bindgen_version()?;
    let wb = cargo_bin("wasm-bindgen");
    let have =
        Command::new(&wb).arg("--version").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == format!("wasm-bindgen {v}"));
    if !have {
        let locked = run(&cargo, &["install", "wasm-bindgen-cli", "--version", &v, "--locked"]);
        if locked.is_err() {
            // Its own lock file may pin a crate version the registry lacks.
            run(&cargo, &["install", "wasm-bindgen-cli", "--version", &v])?;
        }
    }
    Ok(())
}

/// Builds the JavaScript API for Node and runs its tests there.
fn js_api() -> Result<(), String> {
    let cargo = cargo();
    ensure_wasm_bindgen()?;
    // Profile `js` (opt-level 3): the JavaScript API is built for speed.
    run(&cargo, &["build", "--locked", "--profile", "js", "--target", "wasm32-unknown-unknown", "-p", "roleplay-js"])?;
    let wb = cargo_bin("wasm-bindgen");
    run(&wb, &["--target", "nodejs", "--out-dir", "target/js-node", "target/wasm32-unknown-unknown/js/roleplay.wasm"])?;
    run(&cargo, &["build", "--locked", "-p", "cli"])?;
    // tests/js/schema.test.mjs validates scenarios with ajv from tools/.
    if !std::path::Path::new("tools/node_modules/ajv").exists() {
        run("npm", &["ci", "--prefix", "tools", "--no-audit", "--no-fund"])?;
    }
    run("node", &["--test", "tests/js/"])
}

/// `roleplay bench` and the side-by-side harness as smoke tests: figures
/// are printed, never asserted, and it takes seconds (a few iterations, the
/// debug build js_api() made). The harness skips itself, saying why, where
/// its npm dependency is not installed (`.ci/run` installs it).
fn speed_smoke() -> Result<(), String> {
    run("target/debug/roleplay", &["bench", "scenarios/04-lambda-service-role.json", "--iterations", "20"])?;
    run("target/debug/roleplay", &["bench", "scenarios/01-cross-account-switch-role.json", "--iterations", "5", "--json"])?;
    run("node", &["tools/bench-compare/compare.mjs", "--smoke"])
}

fn bench() -> Result<(), String> {
    let cargo = cargo();
    // The native CLI as users get it, on every preset; then the side by
    // side with iam-simulate (if `npm ci --prefix tools/bench-compare` ran).
    run(&cargo, &["build", "--locked", "--profile", "cli", "-p", "cli"])?;
    let mut presets: Vec<String> = std::fs::read_dir("scenarios")
        .map_err(|e| format!("scenarios: {e}"))?
        .filter_map(Result::ok)
        .map(|e| e.path().display().to_string())
        .filter(|p| p.ends_with(".json"))
        .collect();
    presets.sort();
    for p in &presets {
        run("target/cli/roleplay", &["bench", p])?;
    }
    if std::path::Path::new("target/js-node/roleplay.js").exists() {
        run("node", &["tools/bench-compare/compare.mjs"])?;
    } else {
        eprintln!("xtask: no target/js-node (run `cargo xtask test` once): the side-by-side harness is skipped");
    }
    run(&cargo, &["run", "--locked", "--profile", "bench", "-p", "policy", "--example", "bench_pattern"])?;
    run(&cargo, &["run", "--locked", "--profile", "bench", "-p", "playground", "--example", "bench_state"])?;
    run(&cargo, &["run", "--locked", "--profile", "bench", "-p", "sts", "--example", "bench_hostile"])?;
    if std::path::Path::new("crates/sts/examples/bench_eval.rs").exists() {
        run(&cargo, &["run", "--locked", "--profile", "bench", "-p", "sts", "--example", "bench_eval"])?;
    }
    Ok(())
}

fn dist() -> Result<(), String> {
    web::dist()
}

fn serve(port: Option<&str>) -> Result<(), String> {
    web::dist()?;
    web::serve(port.unwrap_or("8080"))
}
