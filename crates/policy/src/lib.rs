//! The roleplay IAM policy engine.
//!
//! Text goes through named stages: [`json`] (JSON with source spans) →
//! [`parse_policy`] (a typed [`Policy`], every node with its span, all
//! problems collected as [`Diagnostic`]s) → [`Policy::evaluate`] (one policy
//! against one [`Request`]) → [`authorize()`] (AWS's policy evaluation logic
//! across policy types and accounts, with its reasons as plain data).
//! Matching primitives ([`pattern`], [`arn`], [`ip`], [`time`]) run in time linear
//! in their input. The crate has no I/O, no clock and no dependencies.
//!
//! The public modules are reusable primitives with their own vocabulary;
//! everything else is reached through the re-exports below.
#![warn(missing_docs)]

pub mod arn;
pub mod fuzzy;
pub mod ip;
pub mod issue;
pub mod json;
pub mod path;
pub mod pattern;
pub mod time;

mod ast;
mod authorize;
mod condition;
mod context;
mod diagnostic;
mod eval;
mod parse;
mod span;

pub use ast::{Effect, Item, PatternList, Policy, PolicyType, Principal, PrincipalSpec, Statement, Version};
pub use authorize::{authorize, Authorization, Check, CheckKind, Decision, NamedPolicy, PolicySet, PolicySource, Reason};
pub use condition::{ConditionBlock, ConditionEntry, OpKind, Operator, SetQualifier};
pub use context::{Context, ContextValue, NoVars, Vars};
pub use diagnostic::{Diagnostic, Severity, MAX_DIAGNOSTICS};
pub use eval::{Caller, CallerKind, Grant, Hit, Miss, PolicyResult, Request};
pub use parse::{non_whitespace_len, parse_policy, parse_policy_value, Parsed, TOO_MANY_DIAGNOSTICS};
pub use span::{LineIndex, Position, Span};
