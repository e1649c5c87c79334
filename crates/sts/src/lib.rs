//! A simulated AWS world built from a scenario, and a run of its steps.
//!
//! [`load`] turns the scenario JSON (the project's contract,
//! `docs/scenario-format.md`) into a validated [`Scenario`]; [`run`] runs
//! its steps on a simulated clock and returns a [`Report`] that serialises
//! to exactly the contract's `run --json` output. No I/O, no system clock,
//! no randomness: the same scenario always gives the same report.
//!
//! Public modules are vocabularies: [`scenario`] (the typed input),
//! [`report`] (the typed output), [`rules`] (what AWS enforces outside
//! every policy), [`schema`] (the format's key names), [`exercise`] (goals
//! judged against a learner's edit) and [`api`] (JSON in, JSON out, for
//! embeddings). The simulator itself is
//! reached through [`run`] and [`Simulator`].
#![warn(missing_docs)]

pub mod api;
pub mod event;
pub mod exercise;
pub mod report;
pub mod rules;
pub mod scenario;
pub mod schema;

mod creds;
mod sim;

pub use report::{check_expectations, Mismatch, Report, StepReport};
pub use scenario::{load, LoadError, Scenario};
pub use sim::{long_term_key, run, Evaluation, LongTermKey, Session, Simulator, UserSession};

/// Loads and runs a scenario given as JSON text.
pub fn run_text(text: &str) -> Result<Report, Vec<LoadError>> {
    let s = load(text)?;
    Ok(run(&s))
}

/// The report as the contract's JSON text (pretty-printed).
pub fn report_json(r: &Report) -> String {
    serde_json::to_string_pretty(r).unwrap_or_else(|e| format!("{{\"Error\": \"{e}\"}}"))
}
