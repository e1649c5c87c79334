//! What the page keeps in local storage, and reading it back whatever
//! happened to it.
//!
//! Keys: `roleplay.v1.current` names the entry of the scenario on screen;
//! `roleplay.v1.scenario.<source>` holds each scenario's [`Saved`] state;
//! `roleplay.v1.last-good` is a copy of the last entry written, kept in
//! case that entry is later damaged; `roleplay.v1.lang` the language.
//!
//! Storage can refuse writes (full, private mode, disabled) and can hold
//! anything (another version, an extension, a hand edit). Reading never
//! fails: [`Saved::from_json`] accepts older and partial shapes and clamps
//! numbers to what the page can replay; [`restore`] falls back from a
//! damaged current entry to the last good copy, and only then to nothing.

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
pub const LAST_GOOD_KEY: &str = "roleplay.v1.last-good";
pub(crate) const SCENARIO_KEY_PREFIX: &str = "roleplay.v1.scenario.";

/// Where the scenario on screen came from (and where its edits are kept).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Preset(String),
    /// A share link, by a fingerprint of its payload.
    Shared(String),
    /// An imported file, by its file name.
    Imported(String),
    /// An exercise, by its file name.
    Exercise(String),
}

impl Source {
    pub fn storage_key(&self) -> String {
        match self {
            Source::Preset(n) => format!("{SCENARIO_KEY_PREFIX}preset:{n}"),
            Source::Shared(id) => format!("{SCENARIO_KEY_PREFIX}shared:{id}"),
            Source::Imported(_) => format!("{SCENARIO_KEY_PREFIX}imported"),
            Source::Exercise(n) => format!("{SCENARIO_KEY_PREFIX}exercise:{n}"),
        }
    }

    pub fn preset(&self) -> Option<&str> {
        match self {
            Source::Preset(n) => Some(n),
            _ => None,
        }
    }
}

/// Interventions kept at most (the clock controls merge their moves, so a
/// learner makes far fewer; more means damaged storage).
const MAX_INTERVENTIONS: usize = 1_000;
/// The longest clock move one intervention replays (ten years, as the
/// clock controls allow).
pub const MAX_INTERVENTION_SECS: i64 = 10 * 365 * 86_400;

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
            Source::Exercise(n) => ("exercise", n),
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

    /// The inverse of [`Saved::to_json`], lenient: a missing or damaged
    /// cursor is 0, damaged interventions are dropped and clock moves are
    /// clamped to what the clock controls allow; an entry that is a bare
    /// scenario document (as typed, not wrapped) is kept as an imported
    /// scenario. `None` when nothing of a scenario can be read.
    pub fn from_json(text: &str) -> Option<Saved> {
        let v = policy::json::parse(text).ok()?;
        if v.get("Scenario").is_some() && v.get("text").is_none() {
            let source = Source::Imported("scenario.json".into());
            return Some(Saved { source, text: text.to_string(), cursor: 0, interventions: Vec::new() });
        }
        let num = |v: &Value, k: &str| v.get(k).and_then(Value::as_number_str).and_then(|n| n.parse::<usize>().ok());
        let src = v.get("source")?;
        let name = src.get("name")?.as_str()?.to_string();
        let source = match src.get("kind")?.as_str()? {
            "preset" => Source::Preset(name),
            "shared" => Source::Shared(name),
            "imported" => Source::Imported(name),
            "exercise" => Source::Exercise(name),
            _ => return None,
        };
        let interventions = v
            .get("interventions")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|iv| match iv.get("kind")?.as_str()? {
                        "advance" => {
                            let secs: i64 = iv.get("secs")?.as_number_str()?.parse().ok()?;
                            Some(Intervention::Advance { at: num(iv, "at")?, secs: secs.clamp(0, MAX_INTERVENTION_SECS) })
                        }
                        "reassume" => Some(Intervention::Reassume { at: num(iv, "at")?, step: num(iv, "step")? }),
                        _ => None,
                    })
                    .take(MAX_INTERVENTIONS)
                    .collect()
            })
            .unwrap_or_default();
        Some(Saved { source, text: v.get("text")?.as_str()?.to_string(), cursor: num(&v, "cursor").unwrap_or(0), interventions })
    }
}

/// The saved state of the scenario last on screen: the current entry, or
/// when it is missing or damaged the last good copy. The flag says the copy
/// was used.
pub fn restore(store: &dyn Store) -> Option<(Saved, bool)> {
    let current = store.get(CURRENT_KEY).and_then(|k| store.get(&k)).and_then(|t| Saved::from_json(&t));
    match current {
        Some(s) => Some((s, false)),
        None => store.get(LAST_GOOD_KEY).and_then(|t| Saved::from_json(&t)).map(|s| (s, true)),
    }
}

/// Writes `saved` (and the language) to `store`: the scenario's entry, the
/// current key, and the last good copy. False when the store refused the
/// entry (full or disabled); the previous copy then stays as it was.
pub fn save(store: &mut dyn Store, saved: &Saved, lang: &str) -> bool {
    let key = saved.source.storage_key();
    let json = saved.to_json();
    let ok = store.set(&key, &json);
    let current = store.set(CURRENT_KEY, &key);
    if ok {
        // A second copy, in case the entry is damaged later; when it does
        // not fit, the older copy would be misleading, so it goes.
        if !store.set(LAST_GOOD_KEY, &json) {
            store.remove(LAST_GOOD_KEY);
        }
    }
    let lang_ok = store.set(LANG_KEY, lang);
    ok && current && lang_ok
}

/// A learner's progress on one exercise: the hints shown and whether it
/// was ever solved (kept under `roleplay.v1.progress.<name>` as
/// `{"hints": N, "solved": bool}`; anything else reads as no progress).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub hints: usize,
    pub solved: bool,
}

/// Where an exercise's progress is kept.
pub fn progress_key(exercise: &str) -> String {
    format!("roleplay.v1.progress.{exercise}")
}

impl Progress {
    /// The progress kept for `exercise` (none when missing or damaged).
    pub fn read(store: &dyn Store, exercise: &str) -> Progress {
        let Some(v) = store.get(&progress_key(exercise)).and_then(|t| policy::json::parse(&t).ok()) else { return Progress::default() };
        let hints = v.get("hints").and_then(Value::as_number_str).and_then(|n| n.parse::<usize>().ok()).unwrap_or(0).min(100);
        let solved = matches!(v.get("solved").map(|b| &b.kind), Some(Kind::Bool(true)));
        Progress { hints, solved }
    }

    /// Keeps it; false when the store refused.
    pub fn write(self, store: &mut dyn Store, exercise: &str) -> bool {
        let v = Value::new(Kind::Object(vec![
            member("hints", Value::new(Kind::Number(self.hints.to_string()))),
            member("solved", Value::new(Kind::Bool(self.solved))),
        ]));
        store.set(&progress_key(exercise), &v.to_json_text())
    }
}
