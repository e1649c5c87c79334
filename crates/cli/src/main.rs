//! `roleplay`: run a scenario and watch every decision STS makes.
//!
//! ```text
//! roleplay run FILE [--json] [--lang en|ja] [--color auto|always|never]
//! roleplay check FILE|DIR...
//! ```
//! `-` reads standard input. Exit status: 0 success, 1 `check` found
//! mismatches, 2 bad input or usage.

mod trace;

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
roleplay — an AWS IAM role playground

usage:
  roleplay run FILE [--json] [--lang en|ja] [--color auto|always|never]
      run a scenario; print a readable trace of each step (①–⑤ for
      AssumeRole), or with --json exactly the scenario contract's output
  roleplay check FILE|DIR...
      run every scenario (DIRs are searched for *.json), compare each step
      with its Expect, print `N passed, N failed`

  FILE may be `-` for standard input.
  exit status: 0 ok, 1 expectations failed, 2 bad input";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = match args.first().map(String::as_str) {
        Some("run") => cmd_run(args.get(1..).unwrap_or_default()),
        Some("check") => cmd_check(args.get(1..).unwrap_or_default()),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            0
        }
        Some("-V" | "--version") => {
            println!("roleplay {}", env!("CARGO_PKG_VERSION"));
            0
        }
        Some(other) => {
            eprintln!("roleplay: unknown command `{other}`\n\n{USAGE}");
            2
        }
        None => {
            eprintln!("{USAGE}");
            2
        }
    };
    ExitCode::from(code)
}

fn read_input(name: &str) -> Result<String, String> {
    if name == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).map_err(|e| format!("<stdin>: cannot read: {e}"))?;
        return String::from_utf8(buf).map_err(|e| format!("<stdin>: not UTF-8 text (byte {})", e.utf8_error().valid_up_to()));
    }
    let bytes = std::fs::read(name).map_err(|e| format!("{name}: cannot read: {e}"))?;
    String::from_utf8(bytes).map_err(|e| format!("{name}: not UTF-8 text (byte {})", e.utf8_error().valid_up_to()))
}

fn display_name(name: &str) -> &str {
    if name == "-" {
        "<stdin>"
    } else {
        name
    }
}

fn print_load_errors(name: &str, errors: &[sts::LoadError]) {
    for e in errors {
        eprintln!("{}:{e}", display_name(name));
    }
    let n = errors.len();
    eprintln!("{}: the scenario was not run ({n} error{})", display_name(name), if n == 1 { "" } else { "s" });
}

fn cmd_run(args: &[String]) -> u8 {
    let mut file = None;
    let mut as_json = false;
    let mut lang = "en".to_string();
    let mut color = "auto".to_string();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--json" => as_json = true,
            "--lang" => match it.next() {
                Some(l) if l == "en" || l == "ja" => lang = l.clone(),
                _ => {
                    eprintln!("roleplay run: `--lang` takes `en` or `ja`");
                    return 2;
                }
            },
            "--color" | "--colour" => match it.next() {
                Some(c) if ["auto", "always", "never"].contains(&c.as_str()) => color = c.clone(),
                _ => {
                    eprintln!("roleplay run: `--color` takes `auto`, `always` or `never`");
                    return 2;
                }
            },
            s if s.starts_with("--") => {
                eprintln!("roleplay run: unknown option `{s}`\n\n{USAGE}");
                return 2;
            }
            s if file.is_none() => file = Some(s.to_string()),
            s => {
                eprintln!("roleplay run: one FILE at a time (got also `{s}`)");
                return 2;
            }
        }
    }
    let Some(file) = file else {
        eprintln!("roleplay run: missing FILE\n\n{USAGE}");
        return 2;
    };
    let text = match read_input(&file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("roleplay: {e}");
            return 2;
        }
    };
    let scenario = match sts::load(&text) {
        Ok(s) => s,
        Err(errors) => {
            print_load_errors(&file, &errors);
            return 2;
        }
    };
    for w in &scenario.warnings {
        eprintln!("{}:{w}", display_name(&file));
    }
    let report = sts::run(&scenario);
    let out = if as_json {
        let mut s = sts::report_json(&report);
        s.push('\n');
        s
    } else {
        let colored = match color.as_str() {
            "always" => true,
            "never" => false,
            _ => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        };
        trace::render(&scenario, &report, &lang, colored)
    };
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`roleplay run x | head`) is not an error worth a panic.
    let _ = stdout.write_all(out.as_bytes());
    0
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("{}: {e}", path.display()))?;
    if !meta.is_dir() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(path).map_err(|e| format!("{}: {e}", path.display()))?.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out)?;
        } else if p.extension().is_some_and(|x| x == "json") {
            out.push(p);
        }
    }
    Ok(())
}

fn cmd_check(args: &[String]) -> u8 {
    if args.is_empty() {
        eprintln!("roleplay check: give at least one FILE or DIR\n\n{USAGE}");
        return 2;
    }
    let mut files = Vec::new();
    for a in args {
        if a == "-" {
            files.push(PathBuf::from("-"));
        } else if let Err(e) = collect(Path::new(a), &mut files) {
            eprintln!("roleplay: {e}");
            return 2;
        }
    }
    let (mut passed, mut failed, mut bad_input) = (0usize, 0usize, false);
    for f in &files {
        let name = f.to_string_lossy();
        let text = match read_input(&name) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("roleplay: {e}");
                bad_input = true;
                failed += 1;
                continue;
            }
        };
        let scenario = match sts::load(&text) {
            Ok(s) => s,
            Err(errors) => {
                print_load_errors(&name, &errors);
                bad_input = true;
                failed += 1;
                continue;
            }
        };
        let report = sts::run(&scenario);
        let (p, mismatches) = sts::check_expectations(&scenario, &report);
        passed += p;
        failed += mismatches.len();
        for m in mismatches {
            println!("{}: step {}: expected {}, got {}", display_name(&name), m.step, m.expected, m.actual);
        }
    }
    println!("{passed} passed, {failed} failed");
    if bad_input {
        2
    } else if failed > 0 {
        1
    } else {
        0
    }
}
