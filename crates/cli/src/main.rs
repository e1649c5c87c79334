//! `roleplay`: run a scenario and watch every decision STS makes.
//!
//! ```text
//! roleplay run FILE [--json] [--lang en|ja] [--color auto|always|never]
//! roleplay check FILE|DIR...
//! ```
//! `-` reads standard input; `--` ends the options. Exit status: 0
//! success, 1 `check` found mismatches, 2 bad input or usage.

mod args;
mod trace;

use std::borrow::Cow;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use args::{Color, Command, Input, Topic, UsageError};

const USAGE: &str = "\
roleplay — an AWS IAM role playground

usage:
  roleplay run FILE [--json] [--lang en|ja] [--color auto|always|never]
      run a scenario; print a readable trace of each step (①–⑤ for
      AssumeRole), or with --json exactly the scenario contract's output
  roleplay check FILE|DIR...
      run every scenario (DIRs are searched for *.json), compare each step
      with its Expect, print `N passed, N failed`
  roleplay help [COMMAND]    (or roleplay COMMAND --help)
  roleplay --version

  FILE may be `-` for standard input; `--` ends the options
  (`roleplay run -- -x.json`). Options take values as `--lang ja` or
  `--lang=ja`.
  exit status: 0 ok, 1 expectations failed, 2 bad input";

const RUN_USAGE: &str = "\
roleplay run — run a scenario and show what STS decides at each step

usage: roleplay run FILE [--json] [--lang en|ja] [--color auto|always|never]

  FILE            a scenario file (docs/scenario-format.md), or `-` for
                  standard input
  --json          print the scenario contract's JSON output (with
                  roleplay's extension fields) instead of the trace
  --lang en|ja    the trace's language (default: en)
  --color WHEN    colour the trace: auto (the default: when standard output
                  is a terminal and NO_COLOR is not set), always or never
  -h, --help      print this help
  --              end of options: `roleplay run -- -x.json`

  Options may come before or after FILE; a value may also be given as
  `--lang=ja`. Lint warnings about the scenario's policies go to standard
  error.
  exit status: 0 the scenario ran (whatever its steps decided), 2 bad input
  (the error gives the JSON path, line and column)";

const CHECK_USAGE: &str = "\
roleplay check — run scenarios and compare each step with its Expect

usage: roleplay check FILE|DIR...

  FILE|DIR        scenario files; a DIR is searched (with its
                  subdirectories) for *.json; `-` reads one scenario from
                  standard input
  -h, --help      print this help
  --              end of options: `roleplay check -- -x.json`

  Prints one line per mismatch (`FILE: step N: expected X, got Y`), then
  `N passed, N failed`.
  exit status: 0 every expectation met, 1 a step did not meet its Expect,
  2 bad input (a file that cannot be read or loaded; the others are still
  checked)";

fn usage(topic: Topic) -> &'static str {
    match topic {
        Topic::Main => USAGE,
        Topic::Run => RUN_USAGE,
        Topic::Check => CHECK_USAGE,
    }
}

fn main() -> ExitCode {
    let code = match args::parse(std::env::args_os().skip(1)) {
        Ok(Command::Help(topic)) => {
            print_out(&format!("{}\n", usage(topic)));
            0
        }
        Ok(Command::Version) => {
            print_out(&format!("roleplay {}\n", env!("CARGO_PKG_VERSION")));
            0
        }
        Ok(Command::Run(r)) => cmd_run(&r),
        Ok(Command::Check(c)) => cmd_check(&c.inputs),
        Err(UsageError::NoCommand) => {
            eprintln!("{USAGE}");
            2
        }
        Err(UsageError::Invalid { topic, message }) => {
            let who = topic.prefix();
            eprintln!("{who}: {message}\nusage: {} (more: `{who} --help`)", topic.synopsis());
            2
        }
    };
    ExitCode::from(code)
}

/// Writes to standard output; a closed pipe (`roleplay run x | head`) is
/// not an error worth a panic.
fn print_out(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
}

/// Why an input gave no text: it could not be read, or it is not UTF-8
/// (a located error, printed like a load error).
enum ReadError {
    Io(String),
    NotText(sts::LoadError),
}

fn read_input(input: &Input) -> Result<String, ReadError> {
    let name = display_name(input);
    let bytes = match input {
        Input::Stdin => {
            let mut buf = Vec::new();
            std::io::stdin().read_to_end(&mut buf).map_err(|e| ReadError::Io(format!("{name}: cannot read: {e}")))?;
            buf
        }
        Input::Path(p) => std::fs::read(p).map_err(|e| ReadError::Io(format!("{name}: cannot read: {e}")))?,
    };
    sts::scenario::decode_utf8(&bytes).map(str::to_owned).map_err(ReadError::NotText)
}

/// Reports a read error (exit status 2 follows).
fn print_read_error(input: &Input, e: ReadError) {
    match e {
        ReadError::Io(message) => eprintln!("roleplay: {message}"),
        ReadError::NotText(e) => print_load_errors(input, &[e]),
    }
}

fn display_name(input: &Input) -> Cow<'_, str> {
    match input {
        Input::Stdin => Cow::Borrowed("<stdin>"),
        Input::Path(p) => p.to_string_lossy(),
    }
}

fn print_load_errors(input: &Input, errors: &[sts::LoadError]) {
    let name = display_name(input);
    for e in errors {
        eprintln!("{name}:{e}");
    }
    // A load lists at most 100 errors; the last line then counts the rest.
    let n = sts::scenario::total_errors(errors);
    eprintln!("{name}: the scenario was not run ({n} error{})", if n == 1 { "" } else { "s" });
}

fn cmd_run(r: &args::Run) -> u8 {
    let text = match read_input(&r.input) {
        Ok(t) => t,
        Err(e) => {
            print_read_error(&r.input, e);
            return 2;
        }
    };
    let scenario = match sts::load(&text) {
        Ok(s) => s,
        Err(errors) => {
            print_load_errors(&r.input, &errors);
            return 2;
        }
    };
    for w in &scenario.warnings {
        eprintln!("{}:{w}", display_name(&r.input));
    }
    let report = sts::run(&scenario);
    let out = if r.json {
        let mut s = sts::report_json(&report);
        s.push('\n');
        s
    } else {
        let colored = match r.color {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        };
        trace::render(&scenario, &report, r.lang.as_str(), colored)
    };
    print_out(&out);
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

fn cmd_check(inputs: &[Input]) -> u8 {
    let mut files = Vec::new();
    for input in inputs {
        match input {
            Input::Stdin => files.push(Input::Stdin),
            Input::Path(p) => {
                let mut found = Vec::new();
                if let Err(e) = collect(p, &mut found) {
                    eprintln!("roleplay: {e}");
                    return 2;
                }
                files.extend(found.into_iter().map(Input::Path));
            }
        }
    }
    let (mut passed, mut failed, mut bad_input) = (0usize, 0usize, false);
    for f in &files {
        let text = match read_input(f) {
            Ok(t) => t,
            Err(e) => {
                print_read_error(f, e);
                bad_input = true;
                failed += 1;
                continue;
            }
        };
        let scenario = match sts::load(&text) {
            Ok(s) => s,
            Err(errors) => {
                print_load_errors(f, &errors);
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
            println!("{}: step {}: expected {}, got {}", display_name(f), m.step, m.expected, m.actual);
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
