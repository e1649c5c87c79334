//! Unit tests of `args.rs`.
#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
use super::*;

fn ok(args: &[&str]) -> Command {
    match parse(args) {
        Ok(c) => c,
        Err(e) => panic!("{args:?}: {e:?}"),
    }
}

/// The error's topic and message.
fn bad(args: &[&str]) -> (Topic, String) {
    match parse(args) {
        Err(UsageError::Invalid { topic, message }) => (topic, message),
        other => panic!("{args:?}: expected a usage error, got {other:?}"),
    }
}

fn run_of(args: &[&str]) -> Run {
    match ok(args) {
        Command::Run(r) => r,
        other => panic!("{args:?}: {other:?}"),
    }
}

fn path(p: &str) -> Input {
    Input::Path(PathBuf::from(p))
}

#[test]
fn run_defaults() {
    assert_eq!(run_of(&["run", "a.json"]), Run { input: path("a.json"), json: false, lang: Lang::En, color: Color::Auto });
}

#[test]
fn option_values_with_a_space_or_an_equals_sign_anywhere() {
    let want = Run { input: path("a.json"), json: true, lang: Lang::Ja, color: Color::Never };
    for args in [
        &["run", "a.json", "--json", "--lang", "ja", "--color", "never"][..],
        &["run", "--lang=ja", "--color=never", "--json", "a.json"],
        &["run", "--json", "--lang=ja", "a.json", "--colour", "never"],
        &["run", "--color", "always", "--color=never", "--lang", "en", "--lang=ja", "a.json", "--json"],
    ] {
        assert_eq!(run_of(args), want, "{args:?}");
    }
    assert_eq!(run_of(&["run", "a.json", "--color=always"]).color, Color::Always);
    assert_eq!(run_of(&["run", "a.json", "--color", "auto"]).color, Color::Auto);
}

#[test]
fn dash_is_stdin_and_double_dash_ends_options() {
    assert_eq!(run_of(&["run", "-"]).input, Input::Stdin);
    assert_eq!(run_of(&["run", "--", "-x.json"]).input, path("-x.json"));
    assert_eq!(run_of(&["run", "--json", "--", "--help"]).input, path("--help"));
    assert_eq!(run_of(&["run", "--", "-"]).input, Input::Stdin);
    assert_eq!(
        ok(&["check", "dir", "-", "--", "-x.json", "--json"]),
        Command::Check(Check { inputs: vec![path("dir"), Input::Stdin, path("-x.json"), path("--json")] })
    );
}

#[test]
fn help_and_version() {
    assert_eq!(ok(&["--help"]), Command::Help(Topic::Main));
    assert_eq!(ok(&["-h"]), Command::Help(Topic::Main));
    assert_eq!(ok(&["help"]), Command::Help(Topic::Main));
    assert_eq!(ok(&["help", "run"]), Command::Help(Topic::Run));
    assert_eq!(ok(&["help", "check"]), Command::Help(Topic::Check));
    assert_eq!(ok(&["run", "--help"]), Command::Help(Topic::Run));
    assert_eq!(ok(&["run", "a.json", "-h"]), Command::Help(Topic::Run));
    assert_eq!(ok(&["check", "--help"]), Command::Help(Topic::Check));
    assert_eq!(ok(&["check", "scenarios", "-h"]), Command::Help(Topic::Check));
    assert_eq!(ok(&["--version"]), Command::Version);
    assert_eq!(ok(&["-V"]), Command::Version);
}

#[test]
fn no_command_shows_the_whole_usage() {
    assert_eq!(parse(Vec::<String>::new()), Err(UsageError::NoCommand));
}

#[test]
fn bench_takes_a_file_json_and_iterations() {
    assert_eq!(ok(&["bench", "a.json"]), Command::Bench(Bench { input: path("a.json"), json: false, iterations: None }));
    assert_eq!(
        ok(&["bench", "--iterations=50", "-", "--json"]),
        Command::Bench(Bench { input: Input::Stdin, json: true, iterations: Some(50) })
    );
    assert_eq!(
        ok(&["bench", "a.json", "--iterations", "7"]),
        Command::Bench(Bench { input: path("a.json"), json: false, iterations: Some(7) })
    );
    assert_eq!(ok(&["help", "bench"]), Command::Help(Topic::Bench));
    assert_eq!(ok(&["bench", "--help"]), Command::Help(Topic::Bench));
}

#[test]
fn mistakes_are_one_line_and_name_their_command() {
    let cases: &[(&[&str], Topic, &str)] = &[
        (
            &["frobnicate"],
            Topic::Main,
            "unknown command `frobnicate` (the commands are `run`, `check`, `lint`, `bench`, `explain`, `import` and `export`)",
        ),
        (&["--json"], Topic::Main, "unknown option `--json`"),
        (
            &["help", "frob"],
            Topic::Main,
            "no help for `frob`: the commands are `run`, `check`, `lint`, `bench`, `explain`, `import` and `export`",
        ),
        (&["help", "run", "x"], Topic::Main, "unexpected argument `x`"),
        (&["run"], Topic::Run, "missing FILE (a scenario file, or `-` for standard input)"),
        (&["bench"], Topic::Bench, "missing FILE (a scenario file, or `-` for standard input)"),
        (&["bench", "a.json", "--iterations", "0"], Topic::Bench, "`--iterations` takes a whole number from 1, not `0`"),
        (&["bench", "a.json", "--iterations=many"], Topic::Bench, "`--iterations` takes a whole number from 1, not `many`"),
        (&["bench", "a.json", "--iterations"], Topic::Bench, "`--iterations` takes a whole number from 1"),
        (&["bench", "a.json", "--lang", "ja"], Topic::Bench, "unknown option `--lang`"),
        (&["run", "a.json", "b.json"], Topic::Run, "one FILE at a time (got also `b.json`)"),
        (&["run", "a.json", "--jsn"], Topic::Run, "unknown option `--jsn`"),
        (&["run", "a.json", "--version"], Topic::Run, "unknown option `--version`"),
        (&["run", "-x.json"], Topic::Run, "unknown option `-x` (a file whose name starts with `-` goes after `--`)"),
        (&["run", "a.json", "--json=yes"], Topic::Run, "`--json` takes no value (got `--json=yes`)"),
        (&["run", "a.json", "--lang"], Topic::Run, "`--lang` takes `en` or `ja`"),
        (&["run", "a.json", "--lang", "de"], Topic::Run, "`--lang` takes `en` or `ja`, not `de`"),
        (&["run", "a.json", "--lang=JA"], Topic::Run, "`--lang` takes `en` or `ja`, not `JA`"),
        (&["run", "a.json", "--lang="], Topic::Run, "`--lang` takes `en` or `ja`, not an empty value"),
        (&["run", "a.json", "--color"], Topic::Run, "`--color` takes `auto`, `always` or `never`"),
        (&["run", "a.json", "--color=sometimes"], Topic::Run, "`--color` takes `auto`, `always` or `never`, not `sometimes`"),
        (&["run", "a.json", "--colour", "yes"], Topic::Run, "`--color` takes `auto`, `always` or `never`, not `yes`"),
        (&["check"], Topic::Check, "give at least one FILE or DIR"),
        (&["check", "--json", "a.json"], Topic::Check, "unknown option `--json`"),
        (&["check", "a.json", "--lang=ja"], Topic::Check, "unknown option `--lang`"),
    ];
    for (args, topic, message) in cases {
        assert_eq!(bad(args), (*topic, message.to_string()), "{args:?}");
        assert!(!message.contains('\n'));
    }
}

#[test]
fn a_value_may_look_like_an_option_only_where_one_is_expected() {
    // `--lang --json`: `--json` is taken as the value of `--lang`.
    assert_eq!(bad(&["run", "a.json", "--lang", "--json"]).1, "`--lang` takes `en` or `ja`, not `--json`");
}

#[cfg(unix)]
#[test]
fn file_names_need_not_be_utf8() {
    use std::os::unix::ffi::OsStringExt;
    let name = OsString::from_vec(vec![b'x', 0xff, b'.', b'j', b's', b'o', b'n']);
    let args = vec![OsString::from("run"), name.clone()];
    match parse(args) {
        Ok(Command::Run(r)) => assert_eq!(r.input, Input::Path(PathBuf::from(name))),
        other => panic!("{other:?}"),
    }
    let args = vec![OsString::from("run"), OsString::from("a.json"), OsString::from("--lang"), OsString::from_vec(vec![0xff])];
    assert_eq!(parse(args), Err(invalid(Topic::Run, "`--lang` takes `en` or `ja`, not `\u{fffd}`")));
}
