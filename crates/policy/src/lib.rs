//! The roleplay IAM policy engine.
//!
//! Text goes through named stages: [`json`] (JSON with source spans) →
//! [`parse`] (typed [`ast`], every node with its span, all errors collected)
//! → [`eval`] (one policy against one request) → [`authorize`] (AWS's policy
//! evaluation logic across policy types and accounts). Matching primitives
//! ([`pattern`], [`arn`], [`ip`], [`time`]) run in time linear in their
//! input. The crate has no I/O, no clock and no dependencies.

pub mod arn;
pub mod condition;
pub mod context;
pub mod ip;
pub mod json;
pub mod pattern;
pub mod span;
pub mod time;

pub use context::{Context, ContextValue, Vars};
pub use span::{LineIndex, Position, Span};
pub mod diagnostic;
pub mod fuzzy;
pub mod path;
pub use diagnostic::{Diagnostic, Severity};
pub mod ast;
pub mod authorize;
pub mod eval;
pub mod parse;

pub use ast::{Effect, Policy, PolicyType, Statement};
pub use authorize::{authorize, Authorization, Check, CheckKind, Decision, NamedPolicy, PolicySet, PolicySource, Reason};
pub use eval::{Caller, CallerKind, Grant, Miss, Request};
pub use parse::{parse_policy, parse_policy_value, Parsed};
