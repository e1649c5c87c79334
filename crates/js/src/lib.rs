//! The JavaScript API: a thin wasm-bindgen wrapper over `sts::api`.
//!
//! Every function takes a scenario or policy as JSON text or as a plain
//! JavaScript object, and returns plain objects shaped exactly like the
//! scenario contract (`roleplay run --json`). Failures throw an array of
//! located errors `{code, severity, message, help, path, line, column}`.
//!
//! ```js
//! import init, { run, check, checkPolicy } from "./roleplay.js";
//! const report = run(scenarioText);     // {Steps: [...]}
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

/// The engine's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
