//! What the page keeps in local storage: the [`Store`] trait (local
//! storage in the page, a map in tests), the keys, where a scenario came
//! from ([`Source`]) and what is kept for it ([`Saved`]).

use std::collections::BTreeMap;

use policy::json::{Kind, Value};

use crate::doc::member;
use crate::walk::Intervention;

/// Local storage, or a map in tests. Writes may fail (quota, private mode).
pub trait Store {
    fn get(&self, key: &str) -> Option<String>;
    fn set(&mut self, key: &str, value: &str) -> bool;
    fn remove(&mut self, key: &str);
    /// Whether there is a store at all (a browser may block it, as many do
    /// for an embedded frame's third-party storage).
    fn available(&self) -> bool {
        true
    }
}

impl Store for BTreeMap<String, String> {
    fn get(&self, key: &str) -> Option<String> {
        BTreeMap::get(self, key).cloned()
    }
    fn set(&mut self, key: &str, value: &str) -> bool {
        self.insert(key.to_string(), value.to_string());
        true
    }
    fn remove(&mut self, key: &str) {
        BTreeMap::remove(self, key);
    }
}

pub const LANG_KEY: &str = "roleplay.v1.lang";
pub const CURRENT_KEY: &str = "roleplay.v1.current";
const SCENARIO_KEY_PREFIX: &str = "roleplay.v1.scenario.";

/// Where the scenario on screen came from (and where its edits are kept).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Preset(String),
    /// A share link, by a fingerprint of its payload.
    Shared(String),
    /// An imported file, by its file name.
    Imported(String),
}

impl Source {
    pub fn storage_key(&self) -> String {
        match self {
            Source::Preset(n) => format!("{SCENARIO_KEY_PREFIX}preset:{n}"),
            Source::Shared(id) => format!("{SCENARIO_KEY_PREFIX}shared:{id}"),
            Source::Imported(_) => format!("{SCENARIO_KEY_PREFIX}imported"),
        }
    }

    pub fn preset(&self) -> Option<&str> {
        match self {
            Source::Preset(n) => Some(n),
            _ => None,
        }
    }
}

/// What is kept in local storage for one scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Saved {
    pub source: Source,
    pub text: String,
    pub cursor: usize,
    pub interventions: Vec<Intervention>,
}

impl Saved {
    /// `{"source": {"kind", "name"}, "text", "cursor", "interventions": [...]}`
    /// (written and read with the engine's JSON: one JSON parser in the page).
    pub fn to_json(&self) -> String {
        let (kind, name) = match &self.source {
            Source::Preset(n) => ("preset", n),
            Source::Shared(n) => ("shared", n),
            Source::Imported(n) => ("imported", n),
        };
        let obj = |members: Vec<(&str, Value)>| Value::new(Kind::Object(members.into_iter().map(|(k, v)| member(k, v)).collect()));
        let num = |n: &dyn std::fmt::Display| Value::new(Kind::Number(n.to_string()));
        let ivs: Vec<Value> = self
            .interventions
            .iter()
            .map(|iv| match iv {
                Intervention::Advance { at, secs } => obj(vec![("kind", Value::string("advance")), ("at", num(at)), ("secs", num(secs))]),
                Intervention::Reassume { at, step } => obj(vec![("kind", Value::string("reassume")), ("at", num(at)), ("step", num(step))]),
            })
            .collect();
        obj(vec![
            ("source", obj(vec![("kind", Value::string(kind)), ("name", Value::string(name.as_str()))])),
            ("text", Value::string(self.text.as_str())),
            ("cursor", num(&self.cursor)),
            ("interventions", Value::new(Kind::Array(ivs))),
        ])
        .to_json_text()
    }

    /// The inverse of [`Saved::to_json`]; `None` for anything else.
    pub fn from_json(text: &str) -> Option<Saved> {
        let v = policy::json::parse(text).ok()?;
        let num = |v: &Value, k: &str| v.get(k).and_then(Value::as_number_str).and_then(|n| n.parse::<usize>().ok());
        let src = v.get("source")?;
        let name = src.get("name")?.as_str()?.to_string();
        let source = match src.get("kind")?.as_str()? {
            "preset" => Source::Preset(name),
            "shared" => Source::Shared(name),
            "imported" => Source::Imported(name),
            _ => return None,
        };
        let interventions = v
            .get("interventions")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|iv| match iv.get("kind")?.as_str()? {
                        "advance" => {
                            Some(Intervention::Advance { at: num(iv, "at")?, secs: iv.get("secs")?.as_number_str()?.parse().ok()? })
                        }
                        "reassume" => Some(Intervention::Reassume { at: num(iv, "at")?, step: num(iv, "step")? }),
                        _ => None,
                    })
                    .collect()
            })
            .unwrap_or_default();
        Some(Saved { source, text: v.get("text")?.as_str()?.to_string(), cursor: num(&v, "cursor").unwrap_or(0), interventions })
    }
}
