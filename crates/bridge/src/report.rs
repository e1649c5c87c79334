//! What an import or export could not carry over, said in both languages,
//! and errors located in the input.

use std::fmt;

use policy::path::JsonPath;

/// Why a note was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NoteKind {
    /// Something in the input was left out (a managed policy without its
    /// text, a policy the engine refuses, a group that is not listed, …).
    Skipped,
    /// Something the format never carries (SCPs and resource-based policies
    /// are not in an authorization-details document; steps are not
    /// infrastructure, …).
    NotCarried,
    /// A choice made while converting (boundaries kept as documents, AWS
    /// managed policies referenced by ARN, …).
    Info,
}

impl NoteKind {
    /// `skipped`, `notCarried` or `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            NoteKind::Skipped => "skipped",
            NoteKind::NotCarried => "notCarried",
            NoteKind::Info => "info",
        }
    }
}

/// One line of a report, in English and Japanese.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// Why it was written.
    pub kind: NoteKind,
    /// English.
    pub en: String,
    /// Japanese.
    pub ja: String,
}

impl Note {
    pub(crate) fn new(kind: NoteKind, en: impl Into<String>, ja: impl Into<String>) -> Note {
        Note { kind, en: en.into(), ja: ja.into() }
    }

    /// The note in `lang` (`ja`, or English for anything else).
    pub fn text(&self, lang: &str) -> &str {
        if lang == "ja" {
            &self.ja
        } else {
            &self.en
        }
    }
}

/// "1 role", "2 roles", "2 policies": a count and its noun.
pub(crate) fn count(n: usize, what: &str) -> String {
    match (n, what.strip_suffix('y')) {
        (1, _) => format!("1 {what}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        _ => format!("{n} {what}s"),
    }
}

/// A problem in the input, where it is: the JSON path and the 1-based line
/// and column of the offending value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    /// Lowercase, the input's text in backticks.
    pub message: String,
    /// Where in the document.
    pub path: JsonPath,
    /// Line, from 1.
    pub line: u32,
    /// Column in characters, from 1.
    pub column: u32,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}: {}", self.line, self.column, self.path, self.message)
    }
}

impl std::error::Error for InputError {}
