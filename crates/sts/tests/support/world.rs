//! Scenario documents built in code, and run, for the simulator's test
//! files (`sim.rs`, `truth.rs`).
#![allow(dead_code, clippy::unwrap_used, clippy::panic)]

use serde_json::{json, Value};

pub fn trust(principal: Value) -> Value {
    json!({"Version": "2012-10-17", "Statement": [{"Sid": "Trust", "Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"}]})
}

pub fn user(arn: &str, policies: &[Value]) -> Value {
    let ps: Vec<Value> = policies.iter().enumerate().map(|(i, p)| json!({"PolicyName": format!("p{i}"), "PolicyDocument": p})).collect();
    json!({"Arn": arn, "Policies": ps})
}

pub fn role(arn: &str, trust: Value, policies: &[Value]) -> Value {
    let ps: Vec<Value> = policies.iter().enumerate().map(|(i, p)| json!({"PolicyName": format!("r{i}"), "PolicyDocument": p})).collect();
    json!({"Arn": arn, "AssumeRolePolicyDocument": trust, "Policies": ps})
}

pub fn world(users: Vec<Value>, roles: Vec<Value>, steps: Vec<Value>) -> Value {
    json!({"Scenario": 1, "Clock": "2026-11-22T09:00:00Z", "Users": users, "Roles": roles, "Steps": steps})
}

pub fn run(doc: &Value) -> Value {
    let text = serde_json::to_string_pretty(doc).unwrap();
    let report = match sts::run_text(&text) {
        Ok(r) => r,
        Err(e) => panic!("load failed: {}", e.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n")),
    };
    serde_json::from_str(&sts::report_json(&report)).unwrap()
}
