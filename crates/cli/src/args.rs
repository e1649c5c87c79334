//! The command line, read with `lexopt`: what to do, or why the arguments
//! make no sense (one line, and which usage to point at).
//!
//! ```text
//! roleplay run FILE [--json] [--lang en|ja] [--color auto|always|never]
//! roleplay check FILE|DIR...
//! roleplay lint FILE [--kind KIND] [--json] [--lang en|ja]
//! roleplay bench FILE [--json] [--iterations N]
//! roleplay explain FILE [--kind KIND] [--lang en|ja] [--json]
//! roleplay import FILE
//! roleplay export FILE --format FORMAT [--account ID] [--lang en|ja]
//! roleplay help [COMMAND] | roleplay [COMMAND] --help | roleplay --version
//! ```
//! Options may come before or after operands; a value is given as
//! `--lang ja` or `--lang=ja`; `--` ends the options (`roleplay run --
//! -x.json`); `-` is standard input.

use std::ffi::OsString;
use std::path::PathBuf;

use lexopt::{Arg, Parser};

/// What the command line asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Print the usage of a topic on stdout (and exit 0).
    Help(Topic),
    /// Print the version.
    Version,
    Run(Run),
    Check(Check),
    Lint(Lint),
    Bench(Bench),
    Explain(Explain),
    Import(Import),
    Export(Export),
}

/// Whose usage: the whole tool's or one command's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Topic {
    Main,
    Run,
    Check,
    Lint,
    Bench,
    Explain,
    Import,
    Export,
}

impl Topic {
    /// How the error line names the command (`roleplay run: …`).
    pub fn prefix(self) -> &'static str {
        match self {
            Topic::Main => "roleplay",
            Topic::Run => "roleplay run",
            Topic::Check => "roleplay check",
            Topic::Lint => "roleplay lint",
            Topic::Bench => "roleplay bench",
            Topic::Explain => "roleplay explain",
            Topic::Import => "roleplay import",
            Topic::Export => "roleplay export",
        }
    }

    /// The one-line synopsis shown under an error.
    pub fn synopsis(self) -> &'static str {
        match self {
            Topic::Main => "roleplay run|check|lint|bench|explain|import|export|help ARGS... | roleplay --version",
            Topic::Run => "roleplay run FILE [--json] [--lang en|ja] [--color auto|always|never]",
            Topic::Check => "roleplay check FILE|DIR...",
            Topic::Lint => "roleplay lint FILE [--kind identity|trust|resource|boundary|scp|session] [--json] [--lang en|ja]",
            Topic::Bench => "roleplay bench FILE [--json] [--iterations N]",
            Topic::Explain => "roleplay explain FILE [--kind identity|trust|resource|boundary|scp|session] [--lang en|ja] [--json]",
            Topic::Import => "roleplay import FILE",
            Topic::Export => {
                "roleplay export FILE --format cloudformation|aws-cli|aws-config|authorization-details [--account ID] [--lang en|ja]"
            }
        }
    }
}

/// A scenario to read: a file, or standard input (`-`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    Stdin,
    Path(PathBuf),
}

impl Input {
    fn from_arg(a: OsString) -> Self {
        if a == "-" {
            Input::Stdin
        } else {
            Input::Path(PathBuf::from(a))
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Ja,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Color {
    /// Colour when stdout is a terminal and `NO_COLOR` is not set.
    Auto,
    Always,
    Never,
}

/// `roleplay run`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    pub input: Input,
    pub json: bool,
    pub lang: Lang,
    pub color: Color,
}

/// `roleplay check`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    /// Files, directories (searched for `*.json`) or standard input.
    pub inputs: Vec<Input>,
}

/// `roleplay lint`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lint {
    pub input: Input,
    /// A bare policy of this kind; `None`: a scenario.
    pub kind: Option<policy::PolicyType>,
    pub json: bool,
    pub lang: Lang,
}

/// `roleplay bench`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bench {
    pub input: Input,
    pub json: bool,
    /// Runs of the whole scenario to time; `None`: as many as fit in about
    /// a second.
    pub iterations: Option<u32>,
}

/// `roleplay explain`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explain {
    /// A scenario (every policy in it) or one policy document.
    pub input: Input,
    /// How to read a bare policy (`None`: guessed from its elements).
    pub kind: Option<policy::PolicyType>,
    pub lang: Lang,
    pub json: bool,
}

/// `roleplay import`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Import {
    /// The output of `aws iam get-account-authorization-details`.
    pub input: Input,
}

/// What `roleplay export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    CloudFormation,
    AwsCli,
    AwsConfig,
    AuthorizationDetails,
}

/// `roleplay export`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Export {
    pub input: Input,
    pub format: ExportFormat,
    /// The account to export (required when the scenario's IAM entities
    /// live in more than one).
    pub account: Option<String>,
    pub lang: Lang,
}

/// Arguments that make no sense.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UsageError {
    /// No command at all: the whole usage is shown (on stderr).
    NoCommand,
    /// A mistake, told in one line, with the usage of `topic` as the hint.
    Invalid { topic: Topic, message: String },
}

fn invalid(topic: Topic, message: impl Into<String>) -> UsageError {
    UsageError::Invalid { topic, message: message.into() }
}

/// An argument as the user typed it (lossy only for text that is not UTF-8).
fn shown(a: &OsString) -> String {
    a.to_string_lossy().into_owned()
}

/// lexopt's error in the house style: lowercase, the user's text in backticks.
fn lexopt_error(topic: Topic, e: lexopt::Error) -> UsageError {
    use lexopt::Error as E;
    let message = match e {
        E::UnexpectedOption(o) if !o.starts_with("--") => {
            format!("unknown option `{o}` (a file whose name starts with `-` goes after `--`)")
        }
        E::UnexpectedOption(o) => format!("unknown option `{o}`"),
        E::UnexpectedArgument(a) => format!("unexpected argument `{}`", shown(&a)),
        E::UnexpectedValue { option, value } => format!("`{option}` takes no value (got `{option}={}`)", shown(&value)),
        E::MissingValue { option: Some(o) } => format!("`{o}` needs a value"),
        E::MissingValue { option: None } => "a value is missing".to_string(),
        E::NonUnicodeValue(v) => format!("`{}` is not valid UTF-8", shown(&v)),
        E::ParsingFailed { value, error } => format!("`{value}`: {error}"),
        E::Custom(e) => e.to_string(),
    };
    invalid(topic, message)
}

/// The commands, as usage errors list them.
const COMMANDS: &str = "the commands are `run`, `check`, `lint`, `bench`, `explain`, `import` and `export`";

/// Reads the arguments after the program name.
pub fn parse<I>(args: I) -> Result<Command, UsageError>
where
    I: IntoIterator,
    I::Item: Into<OsString>,
{
    let mut p = Parser::from_args(args);
    let first = p.next().map_err(|e| lexopt_error(Topic::Main, e))?;
    match first {
        None => Err(UsageError::NoCommand),
        Some(Arg::Short('h') | Arg::Long("help")) => Ok(Command::Help(Topic::Main)),
        Some(Arg::Short('V') | Arg::Long("version")) => Ok(Command::Version),
        Some(Arg::Value(cmd)) => match cmd.to_str() {
            Some("run") => run(&mut p),
            Some("check") => check(&mut p),
            Some("lint") => lint(&mut p),
            Some("bench") => bench(&mut p),
            Some("explain") => explain(&mut p),
            Some("import") => import(&mut p),
            Some("export") => export(&mut p),
            Some("help") => help(&mut p),
            _ => Err(invalid(Topic::Main, format!("unknown command `{}` ({COMMANDS})", shown(&cmd)))),
        },
        Some(other) => Err(lexopt_error(Topic::Main, other.unexpected())),
    }
}

/// `roleplay help [COMMAND]`.
fn help(p: &mut Parser) -> Result<Command, UsageError> {
    let topic = match p.next().map_err(|e| lexopt_error(Topic::Main, e))? {
        None => Topic::Main,
        Some(Arg::Value(cmd)) => match cmd.to_str() {
            Some("run") => Topic::Run,
            Some("check") => Topic::Check,
            Some("lint") => Topic::Lint,
            Some("bench") => Topic::Bench,
            Some("explain") => Topic::Explain,
            Some("import") => Topic::Import,
            Some("export") => Topic::Export,
            _ => return Err(invalid(Topic::Main, format!("no help for `{}`: {COMMANDS}", shown(&cmd)))),
        },
        Some(Arg::Short('h') | Arg::Long("help")) => Topic::Main,
        Some(other) => return Err(lexopt_error(Topic::Main, other.unexpected())),
    };
    match p.next().map_err(|e| lexopt_error(Topic::Main, e))? {
        None => Ok(Command::Help(topic)),
        Some(other) => Err(lexopt_error(Topic::Main, other.unexpected())),
    }
}

/// The value of `option`, which must be one of `allowed` (listed in the
/// error as `choices`). Missing, empty or unknown values are errors.
fn choice<T: Copy>(p: &mut Parser, topic: Topic, option: &str, allowed: &[(&str, T)], choices: &str) -> Result<T, UsageError> {
    let value = match p.value() {
        Ok(v) => v,
        Err(_) => return Err(invalid(topic, format!("`{option}` takes {choices}"))),
    };
    match allowed.iter().find(|(name, _)| value == *name) {
        Some((_, v)) => Ok(*v),
        None if value.is_empty() => Err(invalid(topic, format!("`{option}` takes {choices}, not an empty value"))),
        None => Err(invalid(topic, format!("`{option}` takes {choices}, not `{}`", shown(&value)))),
    }
}

fn run(p: &mut Parser) -> Result<Command, UsageError> {
    const T: Topic = Topic::Run;
    let mut input = None;
    let mut json = false;
    let mut lang = Lang::En;
    let mut color = Color::Auto;
    while let Some(arg) = p.next().map_err(|e| lexopt_error(T, e))? {
        match arg {
            Arg::Short('h') | Arg::Long("help") => return Ok(Command::Help(T)),
            Arg::Long("json") => json = true,
            Arg::Long("lang") => lang = choice(p, T, "--lang", &[("en", Lang::En), ("ja", Lang::Ja)], "`en` or `ja`")?,
            Arg::Long("color" | "colour") => {
                let allowed = [("auto", Color::Auto), ("always", Color::Always), ("never", Color::Never)];
                color = choice(p, T, "--color", &allowed, "`auto`, `always` or `never`")?;
            }
            Arg::Value(v) if input.is_none() => input = Some(Input::from_arg(v)),
            Arg::Value(v) => return Err(invalid(T, format!("one FILE at a time (got also `{}`)", shown(&v)))),
            other => return Err(lexopt_error(T, other.unexpected())),
        }
    }
    match input {
        Some(input) => Ok(Command::Run(Run { input, json, lang, color })),
        None => Err(invalid(T, "missing FILE (a scenario file, or `-` for standard input)")),
    }
}

fn check(p: &mut Parser) -> Result<Command, UsageError> {
    const T: Topic = Topic::Check;
    let mut inputs = Vec::new();
    while let Some(arg) = p.next().map_err(|e| lexopt_error(T, e))? {
        match arg {
            Arg::Short('h') | Arg::Long("help") => return Ok(Command::Help(T)),
            Arg::Value(v) => inputs.push(Input::from_arg(v)),
            other => return Err(lexopt_error(T, other.unexpected())),
        }
    }
    if inputs.is_empty() {
        return Err(invalid(T, "give at least one FILE or DIR"));
    }
    Ok(Command::Check(Check { inputs }))
}

/// One FILE operand (or `-`), for commands that take exactly one.
fn one_input(input: &mut Option<Input>, v: OsString, topic: Topic) -> Result<(), UsageError> {
    if input.is_some() {
        return Err(invalid(topic, format!("one FILE at a time (got also `{}`)", shown(&v))));
    }
    *input = Some(Input::from_arg(v));
    Ok(())
}

const LANGS: [(&str, Lang); 2] = [("en", Lang::En), ("ja", Lang::Ja)];

/// The kinds a bare policy can be read as (`--kind`).
const KINDS: [(&str, policy::PolicyType); 6] = [
    ("identity", policy::PolicyType::Identity),
    ("trust", policy::PolicyType::Trust),
    ("resource", policy::PolicyType::Resource),
    ("boundary", policy::PolicyType::Boundary),
    ("scp", policy::PolicyType::Scp),
    ("session", policy::PolicyType::Session),
];
const KIND_NAMES: &str = "`identity`, `trust`, `resource`, `boundary`, `scp` or `session`";

fn lint(p: &mut Parser) -> Result<Command, UsageError> {
    let missing = "missing FILE (a scenario or, with `--kind`, one policy; `-` for standard input)";
    Ok(match policy_file_options(p, Topic::Lint, missing)? {
        Some((input, kind, lang, json)) => Command::Lint(Lint { input, kind, json, lang }),
        None => Command::Help(Topic::Lint),
    })
}

/// What `lint` and `explain` take.
type PolicyFileOptions = (Input, Option<policy::PolicyType>, Lang, bool);

/// `FILE [--kind KIND] [--lang en|ja] [--json]`, as `lint` and `explain`
/// take them; `None` when help was asked for.
fn policy_file_options(p: &mut Parser, topic: Topic, missing: &str) -> Result<Option<PolicyFileOptions>, UsageError> {
    let (mut input, mut kind, mut lang, mut json) = (None, None, Lang::En, false);
    while let Some(arg) = p.next().map_err(|e| lexopt_error(topic, e))? {
        match arg {
            Arg::Short('h') | Arg::Long("help") => return Ok(None),
            Arg::Long("json") => json = true,
            Arg::Long("lang") => lang = choice(p, topic, "--lang", &LANGS, "`en` or `ja`")?,
            Arg::Long("kind") => kind = Some(choice(p, topic, "--kind", &KINDS, KIND_NAMES)?),
            Arg::Value(v) => one_input(&mut input, v, topic)?,
            other => return Err(lexopt_error(topic, other.unexpected())),
        }
    }
    match input {
        Some(input) => Ok(Some((input, kind, lang, json))),
        None => Err(invalid(topic, missing)),
    }
}

fn bench(p: &mut Parser) -> Result<Command, UsageError> {
    const T: Topic = Topic::Bench;
    let mut input = None;
    let mut json = false;
    let mut iterations = None;
    while let Some(arg) = p.next().map_err(|e| lexopt_error(T, e))? {
        match arg {
            Arg::Short('h') | Arg::Long("help") => return Ok(Command::Help(T)),
            Arg::Long("json") => json = true,
            Arg::Long("iterations") => {
                let value = p.value().map_err(|_| invalid(T, "`--iterations` takes a whole number from 1"))?;
                match value.to_str().and_then(|v| v.parse::<u32>().ok()).filter(|&n| n > 0) {
                    Some(n) => iterations = Some(n),
                    None => return Err(invalid(T, format!("`--iterations` takes a whole number from 1, not `{}`", shown(&value)))),
                }
            }
            Arg::Value(v) => one_input(&mut input, v, T)?,
            other => return Err(lexopt_error(T, other.unexpected())),
        }
    }
    match input {
        Some(input) => Ok(Command::Bench(Bench { input, json, iterations })),
        None => Err(invalid(T, "missing FILE (a scenario file, or `-` for standard input)")),
    }
}

fn explain(p: &mut Parser) -> Result<Command, UsageError> {
    let missing = "missing FILE (a scenario or a policy document, or `-` for standard input)";
    Ok(match policy_file_options(p, Topic::Explain, missing)? {
        Some((input, kind, lang, json)) => Command::Explain(Explain { input, kind, lang, json }),
        None => Command::Help(Topic::Explain),
    })
}

fn import(p: &mut Parser) -> Result<Command, UsageError> {
    const T: Topic = Topic::Import;
    let mut input = None;
    while let Some(arg) = p.next().map_err(|e| lexopt_error(T, e))? {
        match arg {
            Arg::Short('h') | Arg::Long("help") => return Ok(Command::Help(T)),
            Arg::Value(v) => one_input(&mut input, v, T)?,
            other => return Err(lexopt_error(T, other.unexpected())),
        }
    }
    match input {
        Some(input) => Ok(Command::Import(Import { input })),
        None => Err(invalid(T, "missing FILE (the output of `aws iam get-account-authorization-details`, or `-`)")),
    }
}

fn export(p: &mut Parser) -> Result<Command, UsageError> {
    const T: Topic = Topic::Export;
    let (mut input, mut format, mut account, mut lang) = (None, None, None, Lang::En);
    while let Some(arg) = p.next().map_err(|e| lexopt_error(T, e))? {
        match arg {
            Arg::Short('h') | Arg::Long("help") => return Ok(Command::Help(T)),
            Arg::Long("format") => {
                let formats = [
                    ("cloudformation", ExportFormat::CloudFormation),
                    ("aws-cli", ExportFormat::AwsCli),
                    ("aws-config", ExportFormat::AwsConfig),
                    ("authorization-details", ExportFormat::AuthorizationDetails),
                ];
                let choices = "`cloudformation`, `aws-cli`, `aws-config` or `authorization-details`";
                format = Some(choice(p, T, "--format", &formats, choices)?);
            }
            Arg::Long("account") => {
                let v = p.value().map_err(|e| lexopt_error(T, e))?;
                let v = v.into_string().map_err(|v| invalid(T, format!("`{}` is not an account ID", shown(&v))))?;
                if v.len() != 12 || !v.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(invalid(T, format!("`--account` takes a 12-digit account ID, not `{v}`")));
                }
                account = Some(v);
            }
            Arg::Long("lang") => lang = choice(p, T, "--lang", &LANGS, "`en` or `ja`")?,
            Arg::Value(v) => one_input(&mut input, v, T)?,
            other => return Err(lexopt_error(T, other.unexpected())),
        }
    }
    let Some(input) = input else {
        return Err(invalid(T, "missing FILE (a scenario file, or `-` for standard input)"));
    };
    let Some(format) = format else {
        return Err(invalid(T, "say which `--format`: `cloudformation`, `aws-cli`, `aws-config` or `authorization-details`"));
    };
    Ok(Command::Export(Export { input, format, account, lang }))
}

#[cfg(test)]
#[path = "args_tests.rs"]
mod tests;
