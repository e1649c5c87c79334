//! How the page starts: from the address (a share link, an exercise, a
//! preset), then the learner's saved work, then the first preset; and
//! opening a scenario with the edits kept for it.

use std::rc::Rc;

use crate::doc;
use crate::exercise::ExerciseView;
use crate::i18n::Lang;
use crate::presets::{self, Library};
use crate::share;
use crate::state::{Action, Notice, State};
use crate::store::{self, Saved, Source, Store, LANG_KEY};
use crate::url::Params;
use crate::walk;

impl State {
    /// The page at start: the address, then saved work, then the first
    /// preset, with the preset texts this build holds.
    pub fn boot(params: &Params, store: &dyn Store, browser_langs: &[String]) -> Self {
        let shared = params.share.as_deref().map(|p| share::decode(p).map_err(|e| e.to_string()));
        Self::boot_with(params, store, browser_langs, Library::shared(), shared)
    }

    /// [`State::boot`] with the preset texts known so far, and the share
    /// link's text already decoded (the page inflates it with the
    /// browser's own `DecompressionStream`). A preset named by the address
    /// whose text is not among them waits in `pending`.
    pub fn boot_with(
        params: &Params,
        store: &dyn Store,
        browser_langs: &[String],
        library: Rc<Library>,
        shared: Option<Result<String, String>>,
    ) -> Self {
        let lang = params
            .lang
            .or_else(|| store.get(LANG_KEY).and_then(|l| Lang::parse(&l)))
            .unwrap_or_else(|| Lang::from_browser(browser_langs.iter().map(String::as_str)));
        let mut notice = None;
        let mut st = None;
        let mut pending = None;
        if let (Some(payload), Some(shared)) = (&params.share, shared) {
            match shared {
                Ok(text) => {
                    let key = format!("{:016x}", sts::scenario::fingerprint(payload));
                    let source = Source::Shared(key.clone());
                    let mut s = Self::open(lang, source.clone(), doc::normalize(&text), Self::saved_for(&source, store), &mut notice);
                    // An exercise made in trainer mode and shared as a link.
                    s.exercise = ExerciseView::shared(&key, &text, store);
                    // The link's world: the clock moves and "assume again"s,
                    // then where the walk was.
                    if notice.is_none() {
                        if let Some(ivs) = &params.share_interventions {
                            s.interventions = walk::parse_interventions(ivs);
                            s.refresh();
                        }
                        if let Some(c) = params.share_cursor {
                            s.apply(Action::GoTo(c));
                        }
                    }
                    st = Some(s);
                }
                Err(e) => notice = Some(Notice::ShareBad(e)),
            }
        }
        if st.is_none() {
            if let Some(name) = params.exercise.as_deref() {
                let found = crate::exercises::find(name).and_then(|e| Some((e.name, library.exercise_text(e.name)?)));
                match found {
                    Some((name, text)) => {
                        let source = Source::Exercise(name.to_string());
                        let saved = Self::saved_for(&source, store);
                        let mut s = Self::open(lang, source, doc::normalize(text), saved, &mut notice);
                        s.exercise = ExerciseView::open(name, text, store);
                        st = Some(s);
                    }
                    None => notice = Some(Notice::UnknownExercise(name.to_string())),
                }
            }
        }
        if st.is_none() {
            if let Some(name) = params.preset.as_deref() {
                match presets::find(name) {
                    Some(p) => {
                        let source = Source::Preset(p.name.to_string());
                        let saved = Self::saved_for(&source, store);
                        match library.text(p.name) {
                            Some(text) => st = Some(Self::open(lang, source, doc::normalize(text), saved, &mut notice)),
                            None => pending = Some((p.name.to_string(), saved)),
                        }
                    }
                    None => notice = Some(Notice::UnknownPreset(name.to_string())),
                }
            }
        }
        if st.is_none() {
            // The scenario last on screen (from the last good copy if its
            // entry is damaged: say so).
            if let Some((saved, from_copy)) = store::restore(store) {
                let mut s = State::new(lang, saved.source, saved.text);
                s.cursor = saved.cursor;
                s.interventions = saved.interventions;
                s.refresh();
                st = Some(s);
                if from_copy && notice.is_none() {
                    notice = Some(Notice::Restored);
                }
            }
        }
        let mut s = st.unwrap_or_else(|| {
            let first = presets::PRESETS.first().and_then(|p| Some((p.name, library.text(p.name)?)));
            let (name, text) = first.unwrap_or((presets::BLANK, presets::BLANK_TEXT));
            State::new(lang, Source::Preset(name.to_string()), doc::normalize(text))
        });
        s.library = library;
        s.pending = pending;
        s.solved = crate::exercises::EXERCISES.iter().map(|e| crate::store::Progress::read(store, e.name).solved).collect();
        // A share link that failed says so; a restored preset says so; a
        // browser that blocks storage here (an embedded frame's third-party
        // storage) gets one quiet note.
        if notice.is_none() && !store.available() {
            notice = Some(Notice::StorageBlocked);
        }
        if notice.is_some() {
            s.notice = notice;
        }
        s.embed = params.embed;
        if let Some(n) = params.step {
            s.apply(Action::GoToPhase(n));
        }
        s
    }

    /// A scenario from a preset or a link, or the learner's saved edits of it.
    pub(crate) fn open(lang: Lang, source: Source, text: String, saved: Option<Saved>, notice: &mut Option<Notice>) -> Self {
        match saved.filter(|s| s.source == source) {
            Some(saved) if saved.text != text => {
                let mut s = State::new(lang, source, saved.text);
                s.cursor = saved.cursor;
                s.interventions = saved.interventions;
                s.refresh();
                if notice.is_none() {
                    *notice = Some(Notice::Restored);
                }
                s
            }
            Some(saved) => {
                let mut s = State::new(lang, source, text);
                s.cursor = saved.cursor;
                s.interventions = saved.interventions;
                s.refresh();
                s
            }
            None => State::new(lang, source, text),
        }
    }

    /// What `store` keeps of the learner's edits of preset `name`.
    pub fn saved_preset(name: &str, store: &dyn Store) -> Option<Saved> {
        let p = presets::find(name)?;
        Self::saved_for(&Source::Preset(p.name.to_string()), store)
    }

    pub(crate) fn saved_for(source: &Source, store: &dyn Store) -> Option<Saved> {
        store.get(&source.storage_key()).and_then(|t| Saved::from_json(&t))
    }
}
