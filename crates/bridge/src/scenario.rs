//! A scenario's IAM, account by account: the [`World`]s that export writes.
//! The scenario is loaded (so it is valid) before it is read here.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::world::{account_of, Group, InstanceProfile, Policy, Role, User, World};

/// A policy field: a string holding the document, or the document.
fn document(v: &Value) -> Value {
    match v {
        Value::String(s) => serde_json::from_str(s).unwrap_or(Value::Null),
        other => other.clone(),
    }
}

fn policies(entry: &Value) -> Vec<Policy> {
    let list = entry.get("Policies").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    list.iter()
        .map(|p| Policy {
            name: p.get("PolicyName").and_then(Value::as_str).unwrap_or_default().to_string(),
            arn: p.get("PolicyArn").and_then(Value::as_str).map(str::to_string),
            document: p.get("PolicyDocument").map(document).unwrap_or(Value::Null),
        })
        .collect()
}

fn tags(entry: &Value) -> Vec<(String, String)> {
    let list = entry.get("Tags").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    list.iter()
        .map(|t| {
            let s = |k: &str| t.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
            (s("Key"), s("Value"))
        })
        .collect()
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array).map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect()).unwrap_or_default()
}

fn list<'v>(doc: &'v Value, key: &str) -> &'v [Value] {
    doc.get(key).and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default()
}

fn world<'m>(by: &'m mut BTreeMap<String, World>, arn: &str) -> &'m mut World {
    let account = account_of(arn);
    by.entry(account.clone()).or_insert_with(|| World { account, ..World::default() })
}

/// The scenario document's IAM entities, one [`World`] per account, in
/// account order. `doc` is a scenario that loads.
pub fn worlds(doc: &Value) -> Vec<World> {
    let mut by: BTreeMap<String, World> = BTreeMap::new();
    for u in list(doc, "Users") {
        let arn = u.get("Arn").and_then(Value::as_str).unwrap_or_default();
        world(&mut by, arn).users.push(User {
            arn: arn.to_string(),
            policies: policies(u),
            groups: strings(u.get("Groups")),
            boundary: u.get("PermissionsBoundary").map(document),
            tags: tags(u),
        });
    }
    for g in list(doc, "Groups") {
        let arn = g.get("Arn").and_then(Value::as_str).unwrap_or_default();
        world(&mut by, arn).groups.push(Group { arn: arn.to_string(), policies: policies(g) });
    }
    for r in list(doc, "Roles") {
        let arn = r.get("Arn").and_then(Value::as_str).unwrap_or_default();
        world(&mut by, arn).roles.push(Role {
            arn: arn.to_string(),
            trust: r.get("AssumeRolePolicyDocument").map(document).unwrap_or(Value::Null),
            policies: policies(r),
            boundary: r.get("PermissionsBoundary").map(document),
            tags: tags(r),
            max_session_duration: r.get("MaxSessionDuration").and_then(Value::as_i64).filter(|m| *m != 3600),
            description: r.get("Description").and_then(Value::as_str).map(str::to_string),
        });
    }
    for p in list(doc, "InstanceProfiles") {
        let arn = p.get("Arn").and_then(Value::as_str).unwrap_or_default();
        world(&mut by, arn).instance_profiles.push(InstanceProfile { arn: arn.to_string(), roles: strings(p.get("Roles")) });
    }
    by.into_values().collect()
}

/// What a scenario holds beyond IAM identities, which a template or a
/// details document cannot carry: counts of resources (with their
/// policies), SCPs and steps.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Beyond {
    /// `Resources` (and the resource-based policies among them).
    pub resources: usize,
    /// `ServiceControlPolicies`.
    pub scps: usize,
    /// `Steps`.
    pub steps: usize,
}

/// Counts what [`worlds`] leaves out.
pub fn beyond(doc: &Value) -> Beyond {
    Beyond { resources: list(doc, "Resources").len(), scps: list(doc, "ServiceControlPolicies").len(), steps: list(doc, "Steps").len() }
}
