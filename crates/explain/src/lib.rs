//! Any IAM policy read aloud, in English or Japanese.
//!
//! [`explain`] parses a policy and [`explain_policy`] reads an already
//! parsed one (the page parses once per keystroke and reads the result).
//! The [`Explanation`] has, in reading order:
//!
//! - a note on what this kind of policy does (a trust policy says who may
//!   assume the role; a boundary, an SCP or a session policy grants nothing
//!   by itself);
//! - for every policy but a trust policy, the summary the IAM console shows:
//!   one row per effect and service with its access levels (`Full access`,
//!   `Full: List, Read`, `Limited: Write`), computed from the catalogue
//!   ([`catalogue::Catalogue`], supplied by the caller, never compiled in;
//!   without it the rows list the actions and no access levels);
//! - one sentence per statement: who it lets in or keeps out (a trust
//!   policy's principals: `:root` is "any identity in account … whose own
//!   policies allow it"), which actions on which resources, `NotAction`,
//!   `NotResource`, `NotPrincipal`, and every condition in words (every
//!   operator family, `…IfExists`, `ForAllValues:`/`ForAnyValue:`, `Null`,
//!   policy variables), each condition saying when it also holds without
//!   its key.
//!
//! Every statement line carries the statement's span and positions in the
//! policy text, and its pieces link to the principal, action, resource or
//! condition they describe, so an editor can underline what a sentence is
//! about. The wording says no more than AWS documents; anything it does
//! not know how to put in words is shown as written.
//!
//! ```
//! use explain::{explain, Lang, LineKind};
//! use policy::PolicyType;
//!
//! let trust = r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow",
//!   "Principal": {"AWS": "arn:aws:iam::222222222222:root"}, "Action": "sts:AssumeRole",
//!   "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}}"#;
//! let e = explain(trust, PolicyType::Trust, Lang::En, None).map_err(|_| "invalid")?;
//! let line = e.lines_of(LineKind::Statement).next().ok_or("no statement")?;
//! assert_eq!(
//!     line.text(),
//!     "Lets any identity in account 222222222222 whose own policies allow it assume this role \
//!      (sts:AssumeRole), only when signed in with MFA (aws:MultiFactorAuthPresent is true)."
//! );
//! assert_eq!(line.at.map(|a| a.start.line), Some(1));
//! # Ok::<(), &str>(())
//! ```
#![warn(missing_docs)]

mod build;
mod json;
mod model;
mod read;
mod words;

use catalogue::Catalogue;
use policy::{parse_policy, Diagnostic, Policy, PolicyType};

pub use json::to_json;
pub use model::{Access, Coverage, Explanation, Lang, Line, LineKind, Location, Piece, ServiceRow};

/// Parses `text` as a policy of `kind` and reads it aloud in `lang`.
/// A policy IAM would refuse gives its errors instead (the same
/// diagnostics as [`policy::parse_policy`]).
pub fn explain(text: &str, kind: PolicyType, lang: Lang, catalogue: Option<&Catalogue>) -> Result<Explanation, Vec<Diagnostic>> {
    let parsed = parse_policy(text, kind);
    match parsed.policy {
        Some(p) => Ok(explain_policy(&p, text, lang, catalogue)),
        None => Err(parsed.diagnostics.into_iter().filter(Diagnostic::is_error).collect()),
    }
}

/// Reads a parsed policy aloud in `lang`; `text` is the text its spans
/// index (the policy's own text, or the scenario file for a policy given
/// as an object inside one).
pub fn explain_policy(policy: &Policy, text: &str, lang: Lang, catalogue: Option<&Catalogue>) -> Explanation {
    build::build(policy, text, lang, catalogue)
}
