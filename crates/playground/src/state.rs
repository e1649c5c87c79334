//! The page's state and everything that changes it ([`Action`]), as a
//! reducer (Yew's `todomvc` shape): the Yew shell dispatches actions and
//! draws [`State`]; nothing here touches the browser. Storage goes through
//! the small [`Store`] trait (`store.rs`: local storage in the page, a map
//! in tests).

use std::rc::Rc;

use policy::json::Value;
use policy::path::JsonPath;
use sts::report::StepReport;
use sts::{LoadError, Scenario};

use crate::cast::{self, Cast, Field};
use crate::doc;
use crate::i18n::Lang;
use crate::presets;
use crate::share;
use crate::walk::{self, Frame, Intervention, Phase, View};

use crate::assist::Assist;
use crate::exercise::ExerciseView;
use crate::presets::Library;
use crate::store;
pub use crate::store::{Saved, Source, Store, CURRENT_KEY, LANG_KEY, LAST_GOOD_KEY};

/// A message at the top of the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    ShareBad(String),
    Restored,
    ImportBad(String),
    StorageFull,
    /// Storage is blocked here: a quiet note, not an error.
    StorageBlocked,
    Copied,
    /// `?preset=` named no preset.
    UnknownPreset(String),
    /// `?exercise=` named no exercise (or its text could not be loaded).
    UnknownExercise(String),
    /// An AWS account was imported: what was left out (English, Japanese).
    AccountImported(Vec<(String, String)>),
    /// Importing an account needs the helper worker (the served site).
    AccountNeedsWorker,
    /// The preset texts (`presets.json`) could not be loaded: why.
    PresetsUnavailable(String),
}

/// Which policy the third editor column shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Permissions,
    /// Index into [`Cast::extras`].
    Extra(usize),
    /// The whole scenario document.
    Raw,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    SetLang(Lang),
    ToggleLang,
    /// Open a preset, with the learner's saved edits of it (read from
    /// storage by the caller: see [`State::saved_preset`]). A preset whose
    /// text is not loaded yet waits in [`State::pending`].
    LoadPreset {
        name: String,
        saved: Option<Saved>,
    },
    /// The preset texts arrived (then a waiting preset opens), or could
    /// not be loaded (the waiting preset is dropped, with a notice).
    Library(Result<Rc<Library>, String>),
    /// The helper worker's findings and fixes (kept while they are for
    /// the text on screen).
    Assisted(Rc<Assist>),
    /// Put fix `n` of [`State::assist`] on screen (the text before it is
    /// kept for [`Action::UndoFix`]).
    ApplyFix(usize),
    /// Back to the text before the last applied fix.
    UndoFix,
    /// Show the exercise's next hint.
    NextHint,
    /// An AWS account's authorization details, made a scenario by the
    /// helper worker: its text, and what was not imported.
    ImportAccount {
        text: String,
        notes: Vec<(String, String)>,
    },
    /// Ask before reverting (the learner's edits would be lost).
    AskRevert,
    /// Keep the edits after all.
    CancelRevert,
    /// Revert the scenario on screen to its preset (or shared) original.
    Revert,
    Import {
        name: String,
        text: String,
    },
    /// Type into a policy editor (the slot's path in the document).
    EditPolicy {
        path: JsonPath,
        exists: bool,
        name: String,
        text: String,
    },
    /// Type into the whole-document editor.
    EditRaw(String),
    SetField(Field),
    Next,
    Prev,
    Restart,
    /// Jump to frame `n` (0 = before the first).
    GoTo(usize),
    /// Jump to flow step `n` (1–5) of the first AssumeRole (`?step=N`).
    GoToPhase(usize),
    Advance(i64),
    Play,
    Pause,
    SetSpeed(u32),
    /// Real milliseconds passed while playing.
    Tick(u32),
    AssumeAgain,
    RevealSecret(bool),
    SelectIdentity(usize),
    SelectPermissions(usize),
    SelectTab(Tab),
    Notice(Option<Notice>),
}

pub const SPEEDS: [u32; 6] = [1, 10, 60, 300, 900, 3600];

/// What the document yields once loaded and run.
#[derive(Clone, Debug, Default)]
pub struct Derived {
    /// The JSON document, parsed once per change (`None` when the text is
    /// not JSON).
    pub doc: Option<Rc<Value>>,
    pub scenario: Option<Rc<Scenario>>,
    pub errors: Vec<LoadError>,
    /// Shared, not copied: the reducer copies the state at every action.
    pub reports: Rc<Vec<StepReport>>,
    pub frames: Rc<Vec<Frame>>,
    pub view: Option<Rc<View>>,
    pub cast: Option<Rc<Cast>>,
    /// The scenario, reports, frames and view are the last good walk's,
    /// kept (greyed on the page) while the text does not load.
    pub stale: bool,
}

#[derive(Clone, Debug)]
pub struct State {
    pub lang: Lang,
    pub source: Source,
    pub text: String,
    pub cursor: usize,
    pub interventions: Vec<Intervention>,
    pub playing: bool,
    pub speed: u32,
    /// Milliseconds of play not yet turned into simulated seconds.
    pub tick_rest: u64,
    pub reveal_secret: bool,
    pub identity_sel: usize,
    pub permissions_sel: usize,
    pub tab: Tab,
    pub notice: Option<Notice>,
    /// "Revert to the original" was pressed and waits for a yes or no.
    pub confirm_revert: bool,
    pub embed: bool,
    /// The last step on screen, kept while the document does not load.
    pub last_focus: Option<usize>,
    /// The preset texts known so far.
    pub library: Rc<Library>,
    /// A preset asked for whose text is not loaded yet, with the saved
    /// edits to open it with: the page loads `presets.json` while it waits.
    pub pending: Option<(String, Option<Saved>)>,
    /// The helper worker's last answer, and whether it is for the text on
    /// screen (`assist_fresh`, kept up to date by [`State::refresh`]).
    pub assist: Option<Rc<Assist>>,
    pub assist_fresh: bool,
    /// The text before the last applied fix, while "undo" is offered.
    pub undo: Option<String>,
    /// The exercise on screen, when the scenario is one.
    pub exercise: Option<ExerciseView>,
    /// Which exercises of the index were ever solved here, in index order
    /// (read from the store once, at boot; kept as the one on screen is
    /// solved), for the index's ✓.
    pub solved: Vec<bool>,
    pub derived: Derived,
}

impl State {
    pub fn new(lang: Lang, source: Source, text: String) -> Self {
        let mut s = State {
            lang,
            source,
            text,
            cursor: 0,
            interventions: Vec::new(),
            playing: false,
            speed: 60,
            tick_rest: 0,
            reveal_secret: false,
            identity_sel: 0,
            permissions_sel: 0,
            tab: Tab::Permissions,
            notice: None,
            confirm_revert: false,
            embed: false,
            last_focus: None,
            library: Library::shared(),
            pending: None,
            assist: None,
            assist_fresh: false,
            undo: None,
            exercise: None,
            solved: Vec::new(),
            derived: Derived::default(),
        };
        s.refresh();
        s
    }

    /// What to keep in local storage (under [`Source::storage_key`]).
    pub fn saved(&self) -> Saved {
        Saved { source: self.source.clone(), text: self.text.clone(), cursor: self.cursor, interventions: self.interventions.clone() }
    }

    /// Writes the state to the store (see [`store::save`]); false when the
    /// store refused.
    pub fn save(&self, store: &mut dyn Store) -> bool {
        let progress = self.exercise.as_ref().is_none_or(|e| e.progress.write(store, &e.name));
        store::save(store, &self.saved(), self.lang.code()) && progress
    }

    /// The original text of the source (preset or shared link), if known.
    pub fn original(&self) -> Option<String> {
        match &self.source {
            Source::Preset(n) => self.library.text(n).map(doc::normalize),
            _ => None,
        }
    }

    /// The share link fragment: the scenario, where the walk is, and the
    /// learner's clock moves and "assume again"s (a trainer can share an
    /// expired state).
    pub fn share_fragment(&self) -> String {
        format!("#s={}{}", share::encode(&self.text), self.share_suffix())
    }

    /// What follows the payload in [`State::share_fragment`]: where the
    /// walk is and the interventions. (The page compresses the text with
    /// the browser's own raw DEFLATE, so its WebAssembly has no compressor,
    /// and writes `#s=` + `share::base64url(…)` + this.)
    pub fn share_suffix(&self) -> String {
        let at = if self.cursor > 0 { format!("&c={}", self.cursor) } else { String::new() };
        let ivs =
            if self.interventions.is_empty() { String::new() } else { format!("&i={}", walk::interventions_text(&self.interventions)) };
        format!("{at}{ivs}")
    }

    /// The scenario's title (also while it does not load, if it is JSON).
    pub fn title(&self) -> String {
        self.derived.doc.as_ref().map(|d| doc::title(d, self.lang.code())).unwrap_or_default()
    }

    /// Re-derives everything from the text, the cursor and interventions.
    /// While the text does not load, the last good walk stays (marked
    /// `stale`) beside the errors, so one typo does not empty the page.
    pub fn refresh(&mut self) {
        self.assist_fresh = self.assist.as_ref().is_some_and(|a| a.fits(&self.text));
        let (doc, loaded) = match sts::scenario::parse_document(&self.text) {
            Ok(root) => {
                let loaded = sts::scenario::load_document(&self.text, &root);
                (Some(root), loaded)
            }
            Err(e) => (None, Err(vec![e])),
        };
        let (scenario, errors) = match loaded {
            Ok(s) => (Some(Rc::new(s)), Vec::new()),
            Err(e) => (None, e),
        };
        let (reports, frames) = match &scenario {
            Some(s) => {
                let reports = walk::run(s, &self.interventions);
                let frames = walk::frames(s, &reports);
                (Rc::new(reports), Rc::new(frames))
            }
            None => (Rc::default(), Rc::default()),
        };
        let doc = doc.map(Rc::new);
        let kept = std::mem::take(&mut self.derived);
        self.derived = match scenario {
            None if kept.scenario.is_some() => Derived { doc, errors, cast: None, stale: true, ..kept },
            _ => Derived { doc, scenario, errors, reports, frames, view: None, cast: None, stale: false },
        };
        self.rederive_view();
    }

    /// The view at the cursor and the people around it (after the text,
    /// the interventions or the cursor changed).
    fn rederive_view(&mut self) {
        let d = &mut self.derived;
        d.view = d.scenario.as_ref().map(|s| Rc::new(walk::view(s, &self.interventions, &d.frames, self.cursor)));
        // While the document does not load, the editors stay on the last step shown.
        if let Some(v) = &d.view {
            self.last_focus = v.focus;
        }
        let focus = self.last_focus;
        d.cast = d.doc.as_ref().map(|doc| Rc::new(cast::cast(doc, focus)));
    }

    /// Lint findings of the loaded scenario.
    pub fn warnings(&self) -> &[LoadError] {
        if self.derived.stale {
            return &[];
        }
        self.derived.scenario.as_ref().map_or(&[], |s| s.warnings.as_slice())
    }

    pub fn frame_count(&self) -> usize {
        self.derived.frames.len()
    }

    /// Applies one action.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::SetLang(l) => self.lang = l,
            Action::ToggleLang => self.lang = self.lang.other(),
            Action::LoadPreset { name, saved } => {
                let Some(p) = presets::find(&name) else { return };
                let Some(text) = self.library.text(p.name) else {
                    self.pending = Some((p.name.to_string(), saved));
                    return;
                };
                let mut notice = None;
                let next = Self::open(self.lang, Source::Preset(p.name.to_string()), doc::normalize(text), saved, &mut notice);
                self.replace(next);
                self.notice = notice;
            }
            Action::Library(Ok(library)) => {
                self.library = library;
                if let Some((name, saved)) = self.pending.take() {
                    self.apply(Action::LoadPreset { name, saved });
                }
            }
            Action::Assisted(a) => {
                self.assist_fresh = a.fits(&self.text);
                if let Some(e) = self.exercise.as_mut().filter(|_| self.assist_fresh && a.solved) {
                    e.progress.solved = true;
                    if let Some(mark) = e.number.checked_sub(1).and_then(|i| self.solved.get_mut(i)) {
                        *mark = true;
                    }
                }
                self.assist = Some(a);
            }
            Action::ImportAccount { text, notes } => {
                self.apply(Action::Import { name: "account.json".into(), text });
                if self.notice.is_none() {
                    self.notice = Some(Notice::AccountImported(notes));
                }
            }
            Action::NextHint => {
                if let Some(e) = &mut self.exercise {
                    e.next_hint();
                }
            }
            Action::ApplyFix(n) => {
                let Some(text) =
                    self.assist.as_ref().filter(|_| self.assist_fresh).and_then(|a| a.fixes.as_ref()?.get(n)).map(|f| f.text.clone())
                else {
                    return;
                };
                self.undo = Some(std::mem::replace(&mut self.text, text));
                self.refresh();
            }
            Action::UndoFix => {
                if let Some(t) = self.undo.take() {
                    self.text = t;
                    self.refresh();
                }
            }
            Action::Library(Err(why)) => {
                self.pending = None;
                self.notice = Some(Notice::PresetsUnavailable(why));
            }
            Action::Import { name, text } => {
                let normalized = doc::normalize(&text);
                self.replace(State::new(self.lang, Source::Imported(name), normalized));
                if let Some(e) = self.derived.errors.first() {
                    self.notice = Some(Notice::ImportBad(format!("{}: {}", e.path, e.message)));
                }
            }
            Action::AskRevert => self.confirm_revert = self.original().is_some_and(|o| o != self.text),
            Action::CancelRevert => self.confirm_revert = false,
            Action::Revert => {
                self.confirm_revert = false;
                if let Some(t) = self.original() {
                    self.reset_to(t);
                    // Notices about the edits (restored, a bad import) no longer hold.
                    self.notice = None;
                }
            }
            Action::EditPolicy { path, exists, name, text } => {
                let slot = doc::Slot { path, name, text: String::new(), exists };
                if let Ok(t) = doc::set_policy(&self.text, self.derived.doc.as_deref(), &slot, &text) {
                    self.text = t;
                    self.refresh();
                }
            }
            Action::EditRaw(t) => {
                self.undo = None;
                self.text = t;
                self.refresh();
            }
            Action::SetField(f) => {
                if let Some(step) = self.derived.cast.as_ref().and_then(|c| c.step) {
                    if let Ok(t) = cast::set_field(&self.text, step, &f) {
                        self.text = t;
                        self.refresh();
                    }
                }
            }
            Action::Next => self.go(self.cursor.min(self.frame_count()) + 1),
            Action::Prev => self.go(self.cursor.min(self.frame_count()).saturating_sub(1)),
            Action::Restart => {
                self.interventions.clear();
                self.playing = false;
                self.go(0);
            }
            Action::GoTo(n) => self.go(n),
            Action::GoToPhase(n) => {
                let target = if n == 0 {
                    Some(0)
                } else {
                    let first_assume =
                        self.derived.frames.iter().find(|f| f.phase != Phase::Clock && f.phase != Phase::Act).map(|f| f.step);
                    self.derived
                        .frames
                        .iter()
                        .position(|f| {
                            (Some(f.step) == first_assume && f.phase.number() >= n)
                                || (n == 5 && f.phase == Phase::Act && first_assume.is_none_or(|a| f.step > a))
                        })
                        .map(|i| i + 1)
                };
                if let Some(t) = target {
                    self.go(t);
                }
            }
            Action::Advance(secs) => self.advance(secs),
            Action::Play => self.playing = true,
            Action::Pause => self.playing = false,
            Action::SetSpeed(s) => self.speed = if SPEEDS.contains(&s) { s } else { 60 },
            Action::Tick(ms) => {
                if self.playing {
                    let total = self.tick_rest + u64::from(ms) * u64::from(self.speed);
                    let secs = total / 1000;
                    self.tick_rest = total % 1000;
                    if secs > 0 {
                        self.advance(i64::try_from(secs).unwrap_or(i64::MAX));
                    }
                }
            }
            Action::AssumeAgain => {
                let step = self.derived.view.as_ref().and_then(|v| v.assume.as_ref().map(|(k, _)| *k));
                if let (Some(step), Some(v)) = (step, self.derived.view.as_ref()) {
                    let at = v.anchor;
                    self.interventions.push(Intervention::Reassume { at, step });
                    self.reveal_secret = false;
                    self.refresh_keep_cursor();
                }
            }
            Action::RevealSecret(b) => self.reveal_secret = b,
            Action::SelectIdentity(i) => self.identity_sel = i,
            Action::SelectPermissions(i) => {
                self.permissions_sel = i;
                self.tab = Tab::Permissions;
            }
            Action::SelectTab(t) => self.tab = t,
            Action::Notice(n) => self.notice = n,
        }
    }

    /// Another scenario on screen, in the same page: embedded or not, with
    /// the preset texts already loaded.
    fn replace(&mut self, next: State) {
        let (embed, library) = (self.embed, self.library.clone());
        *self = next;
        self.embed = embed;
        self.library = library;
    }

    fn reset_to(&mut self, text: String) {
        self.text = text;
        self.interventions.clear();
        self.cursor = 0;
        self.playing = false;
        self.refresh();
    }

    fn go(&mut self, n: usize) {
        self.cursor = n.min(self.frame_count());
        self.reveal_secret = false;
        if self.derived.scenario.is_some() {
            self.rederive_view();
        }
    }

    fn refresh_keep_cursor(&mut self) {
        self.refresh();
        // Interventions can change which phases exist (a date condition
        // that now fails): stay within the frames.
        self.cursor = self.cursor.min(self.frame_count());
    }

    fn advance(&mut self, secs: i64) {
        if secs <= 0 {
            return;
        }
        let Some(at) = self.derived.view.as_ref().map(|v| v.anchor) else { return };
        match self.interventions.last_mut() {
            Some(Intervention::Advance { at: a, secs: s }) if *a == at => *s = s.saturating_add(secs).min(10 * 365 * 86_400),
            _ => self.interventions.push(Intervention::Advance { at, secs }),
        }
        self.refresh_keep_cursor();
    }
}
