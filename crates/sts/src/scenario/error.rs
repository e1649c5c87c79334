//! Load errors and warnings, located in the file and inside policies; the
//! count of those past the cap; messages cut short.

use policy::path::JsonPath;
use policy::{Position, Severity, Span};

use super::quota::{MAX_MESSAGE_CHARS, TOO_MANY_ERRORS, TOO_MANY_WARNINGS};

/// Where a load error is: the JSON path, the position in the file, and for
/// a policy given as a string, the position inside that policy's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    /// The offending value, e.g. `$.Roles[0].AssumeRolePolicyDocument`.
    pub path: JsonPath,
    /// Lowercase, user input in backticks.
    pub message: String,
    /// What to write instead ("did you mean …"), when known.
    pub help: Option<String>,
    /// Where the offending value starts in the scenario file.
    pub position: Position,
    /// Where it ends in the scenario file.
    pub end: Position,
    /// For a policy given as a JSON string: where the problem is in that
    /// policy's own text.
    pub policy_position: Option<Position>,
    /// `MalformedPolicyDocument`, `LimitExceeded`, or `InvalidScenario`;
    /// for a warning, the lint's name.
    pub code: &'static str,
    /// An error, or a warning for a lint finding.
    pub severity: Severity,
}

impl LoadError {
    /// An empty error (what the loader hands out for errors it only counts).
    pub(crate) fn blank() -> Self {
        LoadError {
            path: JsonPath::root(),
            message: String::new(),
            help: None,
            position: Position::default(),
            end: Position::default(),
            policy_position: None,
            code: "",
            severity: Severity::Error,
        }
    }

    /// For the last entry of a list cut short ([`TOO_MANY_ERRORS`] or
    /// [`TOO_MANY_WARNINGS`]): how many problems it stands for.
    pub fn omitted_count(&self) -> Option<usize> {
        if self.code != TOO_MANY_ERRORS && self.code != TOO_MANY_WARNINGS {
            return None;
        }
        self.message.strip_prefix("and ")?.split(' ').next()?.parse().ok()
    }
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: ", self.position.line, self.position.column)?;
        if self.severity != Severity::Error {
            write!(f, "warning[{}]: ", self.code)?;
        }
        write!(f, "{}", self.path)?;
        if let Some(p) = self.policy_position {
            write!(f, " (line {}, column {} of the policy)", p.line, p.column)?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(h) = &self.help {
            write!(f, " (help: {h})")?;
        }
        Ok(())
    }
}

/// How many errors `errors` stands for: those listed, plus those counted by
/// a last [`TOO_MANY_ERRORS`] entry (a load lists at most [`MAX_ERRORS`]).
pub fn total_errors(errors: &[LoadError]) -> usize {
    let more = errors.last().filter(|e| e.code == TOO_MANY_ERRORS).and_then(|e| e.omitted_count());
    match more {
        Some(n) => errors.len() - 1 + n,
        None => errors.len(),
    }
}

/// How many problems were found past the cap, and where the first was.
#[derive(Default)]
pub(super) struct Omitted {
    pub(super) count: usize,
    pub(super) first: Option<(JsonPath, Span)>,
}

impl Omitted {
    pub(super) fn add(&mut self, path: &JsonPath, span: Span) {
        self.add_many(1, path, span);
    }

    pub(super) fn add_many(&mut self, n: usize, path: &JsonPath, span: Span) {
        if n == 0 {
            return;
        }
        self.count += n;
        if self.first.is_none() {
            self.first = Some((path.clone(), span));
        }
    }
}

/// `s` cut to [`MAX_MESSAGE_CHARS`] characters (and `…`).
pub(super) fn cut(s: String) -> String {
    match s.char_indices().nth(MAX_MESSAGE_CHARS) {
        Some((i, _)) => format!("{}…", s.get(..i).unwrap_or_default()),
        None => s,
    }
}
