//! An exercise on screen: which one, its text as shipped (what the goals
//! are judged against, by the helper worker), its hints, and the learner's
//! progress (hints shown, solved once), kept per exercise in local storage.

use std::rc::Rc;

use policy::path::JsonPath;
use sts::scenario::ExerciseSpec;

use crate::store::{Progress, Store};

/// The exercise the scenario on screen came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExerciseView {
    /// Its file name without `.json`.
    pub name: String,
    /// Its place in the index, from 1.
    pub number: usize,
    /// Its title (English, Japanese).
    pub title: (String, String),
    /// Its text as shipped.
    pub shipped: Rc<str>,
    /// Its hints (English, Japanese), revealed one at a time.
    pub hints: Vec<(String, String)>,
    pub progress: Progress,
    /// What the learner may edit (its `EditOnly` goals), when it says.
    pub editable: Option<Vec<JsonPath>>,
}

impl ExerciseView {
    /// The exercise `name` with its shipped `text` and the progress kept in
    /// `store`; `None` when `name` is no exercise.
    pub fn open(name: &str, text: &str, store: &dyn Store) -> Option<ExerciseView> {
        let file = crate::exercises::find(name)?;
        let spec = sts::load(text).ok().and_then(|s| s.exercise);
        Some(ExerciseView {
            name: file.name.to_string(),
            number: crate::exercises::number(&file).unwrap_or(0),
            title: (file.en.to_string(), file.ja.to_string()),
            shipped: Rc::from(text),
            hints: spec.as_ref().map(hints).unwrap_or_default(),
            progress: Progress::read(store, file.name),
            editable: spec.as_ref().and_then(ExerciseSpec::editable),
        })
    }

    /// An exercise that came by a share link (one made in trainer mode):
    /// `key` names it (the link's fingerprint, for its progress), its
    /// number is 0 (it is in no index); `None` when `text` is no exercise.
    pub fn shared(key: &str, text: &str, store: &dyn Store) -> Option<ExerciseView> {
        let s = sts::load(text).ok()?;
        let e = s.exercise?;
        let name = format!("shared-{key}");
        Some(ExerciseView {
            number: 0,
            title: (s.title.en.clone(), s.title.ja.unwrap_or(s.title.en)),
            shipped: Rc::from(text),
            hints: hints(&e),
            progress: Progress::read(store, &name),
            editable: e.editable(),
            name,
        })
    }

    /// Whether the policy at `path` is locked: the exercise lets the
    /// learner edit only other parts (`EditOnly`; a path allows all below it).
    pub fn locked(&self, path: &JsonPath) -> bool {
        self.editable.as_ref().is_some_and(|e| !e.iter().any(|p| path.starts_with(p)))
    }

    /// One more hint shown (up to the last).
    pub fn next_hint(&mut self) {
        self.progress.hints = (self.progress.hints + 1).min(self.hints.len());
    }
}

fn hints(e: &ExerciseSpec) -> Vec<(String, String)> {
    e.hints.iter().map(|h| (h.en.clone(), h.ja.clone().unwrap_or_else(|| h.en.clone()))).collect()
}
