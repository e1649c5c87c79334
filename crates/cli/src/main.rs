//! `roleplay`: run a scenario and watch every decision STS makes.
//!
//! ```text
//! roleplay run FILE [--json] [--lang en|ja] [--color auto|always|never]
//! roleplay check FILE|DIR...
//! roleplay lint FILE [--kind identity|trust|resource|boundary|scp|session] [--json] [--lang en|ja]
//! roleplay explain FILE [--kind KIND] [--lang en|ja] [--json]
//! roleplay import FILE
//! roleplay export FILE --format FORMAT [--account ID] [--lang en|ja]
//! roleplay bench FILE [--json] [--iterations N]
//! ```
//! `-` reads standard input; `--` ends the options. Exit status: 0
//! success, 1 `check` found mismatches, 2 bad input or usage.

mod args;
mod bench;
mod bridge_cmd;
mod catalogue;
mod exercise;
mod explain;
mod lint_cmd;
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
      with its Expect, print `N passed, N failed`; an exercise must fail its
      goals as shipped and meet them with NAME.solution.json
  roleplay lint FILE [--kind identity|trust|resource|boundary|scp|session]
                [--json] [--lang en|ja]
      check every policy of a scenario (or one policy, with --kind) the way
      IAM Access Analyzer's policy validation does: errors, security
      warnings, warnings and suggestions, each under the source line
  roleplay explain FILE [--kind KIND] [--lang en|ja] [--json]
      every policy of a scenario (or one policy) in words: the IAM
      console's summary and each statement as a sentence
  roleplay import FILE
      the output of `aws iam get-account-authorization-details` as a scenario
  roleplay export FILE --format cloudformation|aws-cli|aws-config|authorization-details
      a scenario as a CloudFormation template, AWS CLI commands with AWS's
      answers, ~/.aws/config profiles, or an authorization-details document
  roleplay bench FILE [--json] [--iterations N]
      load a scenario once, run its steps many times in-process, print
      steps per second and each step's median and p95 latency
  roleplay help [COMMAND]    (or roleplay COMMAND --help)
  roleplay --version

  FILE may be `-` for standard input; `--` ends the options
  (`roleplay run -- -x.json`). Options take values as `--lang ja` or
  `--lang=ja`.
  exit status: 0 ok, 1 expectations failed (lint: an error or a security
  warning), 2 bad input";

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
  `N passed, N failed`. An exercise (a scenario with `Exercise` goals) is
  checked with its reference solution NAME.solution.json beside it: the
  exercise must fail at least one goal as shipped, the solution must meet
  every goal and every Expect (`FILE: goal N (…) is not met: …`).
  exit status: 0 every expectation met, 1 a step did not meet its Expect,
  2 bad input (a file that cannot be read or loaded; the others are still
  checked)";

const EXPLAIN_USAGE: &str = "\
roleplay explain — every policy read aloud, in English or Japanese

usage: roleplay explain FILE [--kind KIND] [--lang en|ja] [--json]

  FILE            a scenario (every policy in it is explained, by its JSON
                  path) or one policy document; `-` for standard input
  --kind KIND     how to read a bare policy: identity, trust, resource,
                  boundary, scp or session (default: trust when statements
                  have a Principal and no Resource, resource when they have
                  both, identity otherwise); a scenario says itself
  --lang en|ja    the language (default: en)
  --json          print the explanations as JSON (docs/explain-format.md)
  -h, --help      print this help

  Each policy: what its kind does, the IAM console's summary (service,
  access level from the IAM catalogue, resources, conditions), then every
  statement as a sentence with its line and column.
  exit status: 0 ok, 2 bad input (a policy that does not parse: its errors
  go to standard error; the others are still explained)";

const IMPORT_USAGE: &str = "\
roleplay import — a real account's IAM as a scenario

usage: roleplay import FILE

  FILE            the output of `aws iam get-account-authorization-details`
                  (policy documents as JSON, as the CLI prints them, or
                  URL-encoded, as the API returns them); `-` for standard
                  input
  -h, --help      print this help

  Prints the scenario on standard output and, on standard error, what was
  not imported (AWS managed policies the document does not include, the
  role's MaxSessionDuration, SCPs, resource-based policies, ...). Add steps
  to ask \"can this user assume that role?\" with `roleplay run`.
  exit status: 0 imported, 2 bad input (with the JSON path, line and column)";

const EXPORT_USAGE: &str = "\
roleplay export — a scenario in the shapes real AWS uses

usage: roleplay export FILE --format FORMAT [--account ID] [--lang en|ja]

  --format cloudformation         a CloudFormation template (JSON) that
                                  creates the account's roles, users, groups,
                                  instance profiles and policies
  --format aws-cli                for every step the AWS CLI command and the
                                  response AWS would print
  --format aws-config             ~/.aws/config profiles for the roles
  --format authorization-details  the account as `aws iam
                                  get-account-authorization-details` prints it
  --account ID    the account to export (cloudformation and
                  authorization-details; needed when the scenario's IAM
                  entities are in several accounts)
  --lang en|ja    the language of comments (aws-cli, aws-config)
  -h, --help      print this help

  exit status: 0 ok, 2 bad input or usage";
const LINT_USAGE: &str = "\
roleplay lint — find what is wrong in policies, in IAM Access Analyzer's terms

usage: roleplay lint FILE [--kind identity|trust|resource|boundary|scp|session] [--json] [--lang en|ja]

  FILE            a scenario (every policy in it is linted as its kind), or
                  with --kind one bare policy; `-` for standard input
  --kind KIND     FILE is one policy of this kind
  --json          print {\"Findings\": [...]}: FindingType, IssueCode, Policy
                  (its JSON path in the scenario, or null), Locations
                  (StartPosition/EndPosition with Line and Column) and Message
  --lang en|ja    the language of the messages (default: en)
  -h, --help      print this help

  Each finding is printed with its source line and a caret under it, then
  a count by type. Issue codes are IAM Access Analyzer's where it has one.
  exit status: 0 no ERROR or SECURITY_WARNING finding, 1 some, 2 the input
  cannot be read";

const BENCH_USAGE: &str = "\
roleplay bench — how fast the engine runs a scenario's steps

usage: roleplay bench FILE [--json] [--iterations N]

  FILE            a scenario file, or `-` for standard input
  --json          print {\"StepsPerSecond\": …, \"Steps\": [{\"Step\", \"MedianNanos\",
                  \"P95Nanos\"}, …]} instead of the table
  --iterations N  time N runs of the whole scenario per phase (default: as
                  many as fit in about half a second each)
  -h, --help      print this help

  The scenario is loaded once; then its steps run from the start, again and
  again, in this process: first whole runs (steps per second), then each
  step timed on its own (median and 95th percentile). A step is the work a
  request needs: evaluation, report, messages and CloudTrail event; not
  parsing, not process start-up. Figures depend on the machine and the
  build (`cargo build --release -p cli`).
  exit status: 0 measured, 2 bad input";

fn usage(topic: Topic) -> &'static str {
    match topic {
        Topic::Main => USAGE,
        Topic::Run => RUN_USAGE,
        Topic::Check => CHECK_USAGE,
        Topic::Explain => EXPLAIN_USAGE,
        Topic::Import => IMPORT_USAGE,
        Topic::Export => EXPORT_USAGE,
        Topic::Lint => LINT_USAGE,
        Topic::Bench => BENCH_USAGE,
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
        Ok(Command::Explain(e)) => cmd_explain(&e),
        Ok(Command::Import(i)) => bridge_cmd::import(&i),
        Ok(Command::Export(e)) => bridge_cmd::export(&e),
        Ok(Command::Lint(l)) => lint_cmd::run(&l),
        Ok(Command::Bench(b)) => cmd_bench(&b),
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
pub(crate) fn print_out(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
}

/// Why an input gave no text: it could not be read, or it is not UTF-8
/// (a located error, printed like a load error).
pub(crate) enum ReadError {
    Io(String),
    NotText(sts::LoadError),
}

pub(crate) fn read_input(input: &Input) -> Result<String, ReadError> {
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
pub(crate) fn print_read_error(input: &Input, e: ReadError) {
    match e {
        ReadError::Io(message) => eprintln!("roleplay: {message}"),
        ReadError::NotText(e) => print_load_errors(input, &[e]),
    }
}

pub(crate) fn display_name(input: &Input) -> Cow<'_, str> {
    match input {
        Input::Stdin => Cow::Borrowed("<stdin>"),
        Input::Path(p) => p.to_string_lossy(),
    }
}

pub(crate) fn print_load_errors(input: &Input, errors: &[sts::LoadError]) {
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
    let fixes = lint::fix::fixes(&text);
    let out = if r.json {
        let mut s = json_with_fixes(&report, &fixes);
        s.push('\n');
        s
    } else {
        let colored = match r.color {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        };
        let mut t = trace::render(&scenario, &report, &fixes, r.lang.as_str(), colored);
        t.push_str(&exercise::goals_text(&text, &scenario, r.lang.as_str()).unwrap_or_default());
        t
    };
    print_out(&out);
    0
}

fn cmd_explain(e: &args::Explain) -> u8 {
    let text = match read_input(&e.input) {
        Ok(t) => t,
        Err(err) => {
            crate::print_read_error(&e.input, err);
            return 2;
        }
    };
    let (out, errors, status) = explain::run(e, &text, &display_name(&e.input));
    for err in errors {
        eprintln!("{err}");
    }
    print_out(&out);
    status
}

/// The contract's JSON with an optional `Fixes` list on each step that
/// has verified fixes (reasons in both languages, as `Note`).
fn json_with_fixes(report: &sts::Report, fixes: &[lint::fix::StepFixes]) -> String {
    let Ok(mut v) = serde_json::to_value(report) else { return sts::report_json(report) };
    if let Some(steps) = v.get_mut("Steps").and_then(serde_json::Value::as_array_mut) {
        for sf in fixes.iter().filter(|f| !f.fixes.is_empty()) {
            if let Some(obj) = steps.get_mut(sf.step).and_then(serde_json::Value::as_object_mut) {
                obj.insert("Fixes".into(), serde_json::Value::Array(sf.fixes.iter().map(|f| f.to_json()).collect()));
            }
        }
    }
    serde_json::to_string_pretty(&v).unwrap_or_else(|_| sts::report_json(report))
}

fn cmd_bench(b: &args::Bench) -> u8 {
    let text = match read_input(&b.input) {
        Ok(t) => t,
        Err(e) => {
            crate::print_read_error(&b.input, e);
            return 2;
        }
    };
    let scenario = match sts::load(&text) {
        Ok(s) => s,
        Err(errors) => {
            print_load_errors(&b.input, &errors);
            return 2;
        }
    };
    let figures = bench::measure(&scenario, b.iterations);
    let out = if b.json { bench::json(&figures) } else { bench::text(&scenario, &figures, &display_name(&b.input)) };
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
    // A reference solution is checked with its exercise, once.
    let files = exercise::pair_solutions(files);
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
        if scenario.exercise.is_some() {
            // An exercise fails as shipped; its solution must pass.
            let path = match f {
                Input::Path(p) => Some(p.as_path()),
                Input::Stdin => None,
            };
            let c = exercise::check(&display_name(f), path, &text, &scenario);
            passed += c.passed;
            failed += c.failed;
            bad_input |= c.bad_input;
            for line in c.lines {
                println!("{line}");
            }
            continue;
        }
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
