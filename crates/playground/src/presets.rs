//! The preset scenarios (the `scenarios/` files) and the blank scenario a
//! learner can start from. `?preset=` names one by file name, by name
//! without its number, or by its number alone.
//!
//! The page's WebAssembly holds only each preset's name and titles (the
//! menu) and the first preset's text (what a first visit opens); the
//! other texts are a lazily loaded asset, `presets.json` (an object from
//! name to text), which the page fetches the first time it needs one — or
//! reads from the single file, which carries it inline. A [`Library`] is
//! the texts known so far. Native builds (tests, examples) know them all.

use std::collections::BTreeMap;

/// A preset or an exercise: its file name without `.json`, and its titles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub name: &'static str,
    pub en: &'static str,
    pub ja: &'static str,
}

/// A preset.
pub type Preset = Entry;

/// Every preset, in file order (generated from `scenarios/` by `build.rs`).
pub const PRESETS: &[Preset] = include!(concat!(env!("OUT_DIR"), "/presets_index.rs"));

/// The first preset's text: the page opens with it on a first visit.
pub const FIRST_TEXT: &str = include_str!("../../../scenarios/01-cross-account-switch-role.json");

/// Every preset's text (native builds only: tests, examples, benchmarks).
#[cfg(not(target_arch = "wasm32"))]
const TEXTS: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/presets_texts.rs"));

/// Every exercise's text (native builds only).
#[cfg(not(target_arch = "wasm32"))]
const EXERCISE_TEXTS: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/exercises_texts.rs"));

#[cfg(not(target_arch = "wasm32"))]
impl Entry {
    /// The preset's or exercise's text as shipped (native builds only).
    pub fn text(&self) -> &'static str {
        if self.name == BLANK {
            return BLANK_TEXT;
        }
        TEXTS.iter().chain(EXERCISE_TEXTS).find(|(n, _)| *n == self.name).map_or("", |(_, t)| t)
    }
}

/// The blank scenario as a menu entry.
pub const BLANK_PRESET: Preset = Preset { name: BLANK, en: "Blank scenario", ja: "空のシナリオ" };

/// Name of the blank scenario in `?preset=`.
pub const BLANK: &str = "blank";

/// A role and a user with nothing allowed yet: the learner writes the
/// identity policy and the trust policy.
pub const BLANK_TEXT: &str = r#"{
  "Scenario": 1,
  "Title": {"en": "Blank scenario", "ja": "空のシナリオ"},
  "Clock": "2026-11-22T09:00:00Z",
  "Users": [
    {
      "Arn": "arn:aws:iam::111111111111:user/alice",
      "Policies": [
        {
          "PolicyName": "AliceIdentityPolicy",
          "PolicyDocument": "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n  ]\n}"
        }
      ]
    }
  ],
  "Roles": [
    {
      "Arn": "arn:aws:iam::111111111111:role/MyRole",
      "AssumeRolePolicyDocument": "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n  ]\n}",
      "Policies": [
        {
          "PolicyName": "MyRolePermissions",
          "PolicyDocument": "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"s3:ListAllMyBuckets\",\n      \"Resource\": \"*\"\n    }\n  ]\n}"
        }
      ]
    }
  ],
  "Steps": [
    {
      "Action": "sts:AssumeRole",
      "Caller": {"AWS": "arn:aws:iam::111111111111:user/alice"},
      "RoleArn": "arn:aws:iam::111111111111:role/MyRole",
      "RoleSessionName": "alice"
    },
    {"Action": "s3:ListAllMyBuckets", "Caller": {"Session": 0}, "Resource": "*"}
  ]
}
"#;

/// A preset's title in `lang`.
pub fn title(p: &Preset, lang: crate::Lang) -> &'static str {
    match lang {
        crate::Lang::Ja => p.ja,
        _ => p.en,
    }
}

/// The preset called `name`: the file name without `.json`, with or
/// without its number (`01-cross-account-switch-role` or
/// `cross-account-switch-role`), its number alone (`1`, `01`), or `blank`.
pub fn find(name: &str) -> Option<Preset> {
    let name = name.trim().trim_end_matches(".json");
    if name == BLANK {
        return Some(BLANK_PRESET);
    }
    PRESETS.iter().copied().find(|p| named(p.name, name))
}

/// The preset texts known so far, by name (the blank one always).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Library {
    texts: BTreeMap<&'static str, String>,
    exercises: BTreeMap<&'static str, String>,
}

impl Default for Library {
    /// In the page, the first preset only; natively, every preset.
    fn default() -> Self {
        #[cfg(target_arch = "wasm32")]
        return Library::embedded();
        #[cfg(not(target_arch = "wasm32"))]
        return Library::bundled();
    }
}

impl Library {
    /// The [`Library::default`] of this thread, made once and shared.
    pub fn shared() -> std::rc::Rc<Library> {
        thread_local! {
            static DEFAULT: std::rc::Rc<Library> = std::rc::Rc::new(Library::default());
        }
        DEFAULT.with(std::rc::Rc::clone)
    }

    /// What the page's WebAssembly holds: the first preset.
    pub fn embedded() -> Self {
        let mut texts = BTreeMap::new();
        if let Some(p) = PRESETS.first() {
            texts.insert(p.name, FIRST_TEXT.to_string());
        }
        Library { texts, exercises: BTreeMap::new() }
    }

    /// Every preset, compiled in (native builds only: tests, examples).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn bundled() -> Self {
        let mut lib = Library::embedded();
        for (name, text) in TEXTS {
            if let Some(p) = PRESETS.iter().find(|p| p.name == *name) {
                lib.texts.insert(p.name, (*text).to_string());
            }
        }
        for e in crate::exercises::EXERCISES {
            lib.exercises.insert(e.name, e.text().to_string());
        }
        lib
    }

    /// The text of preset `name` (as [`find`] spells it), if known.
    pub fn text(&self, name: &str) -> Option<&str> {
        if name == BLANK {
            return Some(BLANK_TEXT);
        }
        self.texts.get(name).map(String::as_str)
    }

    /// Whether every preset's text is known.
    pub fn complete(&self) -> bool {
        PRESETS.iter().all(|p| self.texts.contains_key(p.name))
    }

    /// This library with the texts of `presets.json` added: an object from
    /// preset name to text. Names that are not presets are refused, as is
    /// anything else than that shape (the file is the build's own).
    pub fn with_bundle(&self, json: &str) -> Result<Library, String> {
        let mut lib = self.clone();
        for (p, text) in entries(json, "presets.json", PRESETS)? {
            lib.texts.insert(p.name, text);
        }
        Ok(lib)
    }

    /// The shipped text of exercise `name`, if known.
    pub fn exercise_text(&self, name: &str) -> Option<&str> {
        self.exercises.get(name).map(String::as_str)
    }

    /// This library with the exercises of `exercises.json` added (an
    /// object from exercise name to its text as shipped).
    pub fn with_exercises(&self, json: &str) -> Result<Library, String> {
        let mut lib = self.clone();
        for (e, text) in entries(json, "exercises.json", crate::exercises::EXERCISES)? {
            lib.exercises.insert(e.name, text);
        }
        Ok(lib)
    }
}

/// The entries of a data file (`file`): an object from the name of one of
/// `known` to a text.
fn entries(json: &str, file: &str, known: &[Entry]) -> Result<Vec<(Entry, String)>, String> {
    let v = policy::json::parse(json).map_err(|e| format!("{file} is not JSON: {}", e.message))?;
    let policy::json::Kind::Object(members) = &v.kind else { return Err(format!("{file} is not an object")) };
    let mut out = Vec::with_capacity(members.len());
    for m in members {
        let Some(e) = known.iter().find(|e| e.name == m.key) else {
            return Err(format!("{file} names `{}`, which it should not", m.key));
        };
        let Some(text) = m.value.as_str() else { return Err(format!("{file}: `{}` is not a text", m.key)) };
        out.push((*e, text.to_string()));
    }
    Ok(out)
}

/// Whether a numbered file name (`04-lambda-service-role`) is what `wanted`
/// asks for: the whole name, the name without its number, or the number
/// alone with or without leading zeros (`4`, `04`).
pub(crate) fn named(file: &str, wanted: &str) -> bool {
    let Some((number, rest)) = file.split_once('-') else { return file == wanted };
    if file == wanted || rest == wanted {
        return true;
    }
    let as_number = |s: &str| (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.trim_start_matches('0').to_string());
    matches!((as_number(number), as_number(wanted)), (Some(a), Some(b)) if a == b)
}
