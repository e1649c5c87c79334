//! The JavaScript API: a thin wasm-bindgen wrapper over `sts::api`.
//!
//! Every function takes a scenario or policy as JSON text or as a plain
//! JavaScript object, and returns plain objects shaped exactly like the
//! scenario contract (`roleplay run --json`). Failures throw an array of
//! located errors `{code, severity, message, help, path, line, column}`.
//!
//! ```js
//! import init, { run, check, checkPolicy, load } from "./roleplay.js";
//! const report = run(scenarioText);     // {Steps: [...]}
//! const world = load(scenarioText);     // parsed and compiled once
//! world.run(); world.authorize({Action, Caller, Resource, Context}); world.free();
//! ```

use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;

fn to_js(v: &Value) -> JsValue {
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    v.serialize(&ser).unwrap_or_else(|e| JsValue::from_str(&e.to_string()))
}

/// A scenario or policy given as text, or as an object (then serialised).
fn text_of(input: JsValue) -> Result<String, JsValue> {
    if let Some(s) = input.as_string() {
        return Ok(s);
    }
    let v: Value = serde_wasm_bindgen::from_value(input).map_err(|e| {
        to_js(&serde_json::json!([{"code": "InvalidArgument", "severity": "error", "path": "$",
            "message": format!("expected JSON text or a plain object: {e}")}]))
    })?;
    serde_json::to_string_pretty(&v).map_err(|e| JsValue::from_str(&e.to_string()))
}

fn result(r: Result<Value, Value>) -> Result<JsValue, JsValue> {
    match r {
        Ok(v) => Ok(to_js(&v)),
        Err(e) => Err(to_js(&e)),
    }
}

/// Runs a scenario; returns the contract's report `{Steps: [...]}`.
#[wasm_bindgen]
pub fn run(scenario: JsValue) -> Result<JsValue, JsValue> {
    result(sts::api::run(&text_of(scenario)?))
}

/// Runs a scenario and compares its `Expect`s: `{passed, failed, mismatches}`.
#[wasm_bindgen]
pub fn check(scenario: JsValue) -> Result<JsValue, JsValue> {
    result(sts::api::check(&text_of(scenario)?))
}

/// Validates one policy of the given type (`identity`, `resource`,
/// `trust`, `boundary`, `scp`, `session`): `{valid, size, diagnostics, statements}`.
#[wasm_bindgen(js_name = checkPolicy)]
pub fn check_policy(policy: JsValue, kind: &str) -> Result<JsValue, JsValue> {
    result(sts::api::check_policy(&text_of(policy)?, kind))
}

/// A scenario loaded once (`load(text)`): run it or ask it questions as
/// often as needed, then `free()` it.
#[wasm_bindgen]
pub struct World(sts::api::World);

/// Loads a scenario once (parsed and compiled); throws its load errors.
#[wasm_bindgen]
pub fn load(scenario: JsValue) -> Result<World, JsValue> {
    sts::api::World::load(&text_of(scenario)?).map(World).map_err(|e| to_js(&e))
}

#[wasm_bindgen]
impl World {
    /// Runs the steps: the contract's report `{Steps: [...]}`, as `run()`
    /// (serialized straight into JavaScript objects).
    pub fn run(&self) -> Result<JsValue, JsValue> {
        let ser = serde_wasm_bindgen::Serializer::json_compatible();
        self.0.report().serialize(&ser).map_err(|e| JsValue::from_str(&e.to_string()))
    }

    /// Runs the steps: the report as JSON text (`JSON.parse` gives `run()`'s object).
    #[wasm_bindgen(js_name = runJson)]
    pub fn run_json(&self) -> String {
        self.0.run_json()
    }

    /// Runs the steps and gives only each step's outcome (`"allowed"`, …,
    /// or `null` for a clock step).
    pub fn outcomes(&self) -> Vec<JsValue> {
        self.0.outcomes().into_iter().map(|o| o.map_or(JsValue::NULL, |o| JsValue::from_str(o.as_str()))).collect()
    }

    /// One more request after the steps, as a step object (`{Action,
    /// Caller, Resource, Context}`): its report; throws located errors.
    pub fn authorize(&self, request: JsValue) -> Result<JsValue, JsValue> {
        result(self.0.authorize(&text_of(request)?))
    }

    /// What each step's main authorization was given: request, full
    /// context, policies by JSON path, decision.
    pub fn requests(&self) -> JsValue {
        to_js(&self.0.requests())
    }
}

/// The engine's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
