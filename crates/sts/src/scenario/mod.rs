//! Scenario document → typed, validated [`Scenario`].
//!
//! The document is parsed once with the engine's span-keeping JSON parser
//! ([`parse_document`]); [`load_document`] then reads it so that every error
//! names the JSON path of the offending value and its line and column in
//! the file and, inside a policy, the line and column in that policy's
//! text. All errors are collected, not just the first. The format's key
//! names come from [`crate::schema`].

mod entities;
mod error;
mod exercise;
mod hints;
mod load;
mod model;
mod policies;
pub(crate) mod quota;
mod session_token;
mod source;
mod steps;

pub use error::total_errors;
pub use error::LoadError;
pub use exercise::{ExerciseSpec, FindingType, GoalKind, GoalSpec};
pub use load::{decode_utf8, fingerprint, load, load_document, load_step, parse_document};
pub use model::*;
pub use quota::{
    DEFAULT_CLOCK, FORMAT_VERSION, MAX_ADVANCE, MAX_CLOCK, MAX_DOCUMENT_BYTES, MAX_ERRORS, MAX_STEPS, MAX_STRING_CHARS,
    SESSION_POLICY_QUOTA, TOO_MANY_ERRORS, TOO_MANY_WARNINGS,
};
pub use session_token::GET_SESSION_TOKEN;
