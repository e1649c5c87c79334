//! What an explanation is made of: lines of text, each linked to the
//! statement it describes, made of pieces that may link further (to the
//! principal, the action list, a condition); and the console-like summary
//! rows as typed data.

use catalogue::AccessLevel;
use policy::{Effect, LineIndex, PolicyType, Position, Span};

/// The language of the sentences.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Japanese.
    Ja,
}

impl Lang {
    /// `en` or `ja`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }

    /// `en` → English, `ja` → Japanese; anything else `None`.
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "en" => Some(Lang::En),
            "ja" => Some(Lang::Ja),
            _ => None,
        }
    }
}

/// A policy read aloud.
#[derive(Clone, Debug)]
pub struct Explanation {
    /// The kind the policy was read as.
    pub kind: PolicyType,
    /// The language of every line.
    pub lang: Lang,
    /// The console-like summary (not for trust policies): one row per
    /// effect and service. Empty for a trust policy.
    pub summary: Vec<ServiceRow>,
    /// Every line, in reading order: the note on the policy's kind, the
    /// summary rows, then one line per statement.
    pub lines: Vec<Line>,
}

impl Explanation {
    /// The lines of one kind.
    pub fn lines_of(&self, kind: LineKind) -> impl Iterator<Item = &Line> {
        self.lines.iter().filter(move |l| l.kind == kind)
    }

    /// The whole text, one line per [`Line`].
    pub fn text(&self) -> String {
        let mut out = String::new();
        for l in &self.lines {
            out.push_str(&l.text());
            out.push('\n');
        }
        out
    }
}

/// What a line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LineKind {
    /// What this kind of policy does (first line).
    Note,
    /// One row of the summary (a service and its access levels).
    Summary,
    /// One statement read as a sentence.
    Statement,
}

impl LineKind {
    /// `note`, `summary` or `statement`.
    pub fn as_str(self) -> &'static str {
        match self {
            LineKind::Note => "note",
            LineKind::Summary => "summary",
            LineKind::Statement => "statement",
        }
    }
}

/// A place in the policy text: a byte span and its 1-based positions
/// (the end position is the last character, as editors and AWS report).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Location {
    /// Bytes of the policy text (of the scenario file for a policy given
    /// as an object inside one).
    pub span: Span,
    /// First character.
    pub start: Position,
    /// Last character.
    pub end: Position,
}

impl Location {
    pub(crate) fn of(span: Span, text: &str, lines: &LineIndex) -> Location {
        let (start, end) = lines.range(text, span);
        Location { span, start, end }
    }
}

/// A piece of a sentence; `at` says where in the policy it comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    /// The words.
    pub text: String,
    /// The element this piece describes (a principal, the action list, a
    /// condition), when it describes one.
    pub at: Option<Location>,
}

/// One line: a sentence made of pieces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// What the line is.
    pub kind: LineKind,
    /// The statements it describes (one for a statement line; every
    /// statement that contributes to a summary row; none for the note).
    pub statements: Vec<usize>,
    /// The statement's `Sid` (statement lines).
    pub sid: Option<String>,
    /// The whole statement (statement lines).
    pub at: Option<Location>,
    /// The sentence.
    pub pieces: Vec<Piece>,
}

impl Line {
    /// The sentence as plain text.
    pub fn text(&self) -> String {
        self.pieces.iter().map(|p| p.text.as_str()).collect()
    }
}

/// One row of the summary, as the IAM console's policy summary shows it:
/// a service, and how much of each access level the policy covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceRow {
    /// `Allow` or `Deny`.
    pub effect: Effect,
    /// The service prefix (`s3`); `*` for a row covering every service.
    pub service: String,
    /// The service's name from the catalogue (`Amazon S3`).
    pub name: Option<String>,
    /// How much of the service the actions cover.
    pub access: Access,
    /// The actions as written in the policy, for this service.
    pub actions: Vec<String>,
    /// Actions the catalogue does not know (misspelt, or newer than it).
    pub unrecognized: Vec<String>,
    /// Whether every contributing statement has `"Resource": "*"`.
    pub all_resources: bool,
    /// Whether some contributing statement has a `Condition`.
    pub conditions: bool,
    /// The statements that contribute.
    pub statements: Vec<usize>,
}

/// How much of a service's actions a policy covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Access {
    /// Without the catalogue access levels are not known.
    Unknown,
    /// Every action of the service (`Full access`).
    Full,
    /// Some levels fully, some in part (`Full: List, Read  Limited: Write`).
    Levels(Vec<(AccessLevel, Coverage)>),
    /// None of the actions is known to the catalogue.
    None,
    /// `NotAction`: every action of every service except the ones listed.
    AllExcept,
}

/// How much of one access level a policy covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Coverage {
    /// Every action of that level (`Full`).
    Full,
    /// At least one but not all (`Limited`).
    Limited,
}
