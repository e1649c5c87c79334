//! A scenario loaded once, for embeddings that ask many questions of the
//! same world (a course page, a test suite): [`World::load`] parses and
//! compiles it, then [`World::run`], [`World::outcomes`] or
//! [`World::authorize`] reuse it.

use std::cell::OnceCell;

use policy::CallerKind;
use serde_json::{json, Map, Value};

use super::load_error_json;
use crate::report::{Outcome, Report};
use crate::scenario::{load_step, Scenario, StepKind};
use crate::sim::Snapshot;
use crate::{Evaluation, Simulator};

/// A loaded scenario.
#[derive(Debug)]
pub struct World {
    scenario: Scenario,
    /// The simulator's state after the scenario's steps, once asked for.
    end: OnceCell<Snapshot>,
}

fn internal(e: impl std::fmt::Display) -> Value {
    json!([{"code": "InternalError", "severity": "error", "message": e.to_string()}])
}

impl World {
    /// Loads a scenario: the world, or every load error (as `api::run` gives them).
    pub fn load(text: &str) -> Result<World, Value> {
        let scenario = crate::load(text).map_err(|errors| Value::Array(errors.iter().map(load_error_json).collect()))?;
        Ok(World { scenario, end: OnceCell::new() })
    }

    /// The loaded scenario.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// Runs the scenario's steps: the typed report.
    pub fn report(&self) -> Report {
        crate::run(&self.scenario)
    }

    /// Runs the scenario's steps: the report as `roleplay run --json` prints it.
    pub fn run(&self) -> Result<Value, Value> {
        serde_json::to_value(self.report()).map_err(internal)
    }

    /// Runs the scenario's steps: the report as JSON text (compact).
    pub fn run_json(&self) -> String {
        serde_json::to_string(&self.report()).unwrap_or_default()
    }

    /// Runs the scenario's steps and keeps only each step's `Outcome`
    /// (`None` for a clock step): the cheapest answer to hand over.
    pub fn outcomes(&self) -> Vec<Option<Outcome>> {
        let mut sim = Simulator::new(&self.scenario).decisions_only();
        (0..self.scenario.steps.len()).map(|i| sim.step(i).outcome).collect()
    }

    /// Makes one more request after the scenario's steps (at the clock they
    /// left, with the sessions they issued): `request` is a step object, as
    /// in the scenario (`{"Action", "Caller", "Resource", "Context"}`, or an
    /// AssumeRole with `RoleArn`). Its report, or the errors that keep it
    /// from running.
    pub fn authorize(&self, request: &str) -> Result<Value, Value> {
        let step = load_step(&self.scenario, request).map_err(|errors| Value::Array(errors.iter().map(load_error_json).collect()))?;
        if matches!(step.kind, StepKind::Advance(_)) {
            return Err(json!([{"code": "InvalidArgument", "severity": "error", "path": "$",
                "message": "`authorize` takes a request, not a clock step"}]));
        }
        let end = self.end.get_or_init(|| {
            let mut sim = Simulator::new(&self.scenario);
            for i in 0..self.scenario.steps.len() {
                sim.step(i);
            }
            sim.snapshot()
        });
        let mut sim = Simulator::resume(&self.scenario, end.clone());
        let report = sim.run_step(self.scenario.steps.len(), &step);
        serde_json::to_value(report).map_err(internal)
    }

    /// Every step's main authorization as it was asked ([`Evaluation`]):
    /// the request, its full context and its policies by their JSON path
    /// in the scenario.
    pub fn evaluations(&self) -> Vec<Evaluation> {
        let mut sim = Simulator::new(&self.scenario).recording();
        for i in 0..self.scenario.steps.len() {
            sim.step(i);
        }
        sim.evaluations().to_vec()
    }

    /// [`World::evaluations`] as JSON: `[{"Step", "Action", "Resource",
    /// "ResourceAccount", "Caller": {"Kind", "Arn", "Account", "RoleArn"},
    /// "Context": {key: value or [values]}, "Scps", "Identity", "Boundary",
    /// "Session", "ResourcePolicy", "Trust", "Decision"}]`.
    pub fn requests(&self) -> Value {
        let path = |p: &policy::path::JsonPath| json!(p.to_string());
        let paths = |v: &[policy::path::JsonPath]| Value::Array(v.iter().map(path).collect());
        let list = self
            .evaluations()
            .iter()
            .map(|e| {
                let context: Map<String, Value> = e
                    .context
                    .iter()
                    .map(|(k, v)| (k.clone(), if v.multi { json!(v.values) } else { json!(v.first().unwrap_or_default()) }))
                    .collect();
                let kind = match e.caller.kind {
                    CallerKind::User => "User",
                    CallerKind::AssumedRole => "AssumedRole",
                    CallerKind::Service => "Service",
                    CallerKind::Federated => "Federated",
                    CallerKind::Root => "Root",
                    CallerKind::Anonymous => "Anonymous",
                };
                json!({
                    "Step": e.step,
                    "Action": e.action,
                    "Resource": e.resource,
                    "ResourceAccount": e.resource_account,
                    "Caller": {"Kind": kind, "Arn": e.caller.arn, "Account": e.caller.account, "RoleArn": e.caller.role_arn},
                    "Context": context,
                    "Scps": paths(&e.scps),
                    "Identity": paths(&e.identity),
                    "Boundary": e.boundary.as_ref().map(path),
                    "Session": paths(&e.session),
                    "ResourcePolicy": e.resource_policy.as_ref().map(path),
                    "Trust": e.trust,
                    "Decision": e.decision.as_str(),
                })
            })
            .collect();
        Value::Array(list)
    }
}
