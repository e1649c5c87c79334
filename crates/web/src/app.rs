//! The page: the [`App`] component, which owns the reducer ([`Model`]),
//! runs the effects (saving, the clock, the address, keys) and lays out the
//! components of the other modules. Components read the state and send
//! actions (`model::send`); nothing here decides anything.

use std::rc::Rc;

use gloo::timers::callback::Interval;
use playground::marks::{self, Pane};
use playground::presets::Library;
use playground::reasons::StatementLink;
use playground::state::{Notice, Source, Tab};
use playground::url;
use playground::{Action, State, Store};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::browser::{self, WebStore};
use crate::controls::{step_strip, StepControls};
use crate::diagram::diagram;
use crate::events::events;
use crate::exercise::exercise_panel;
use crate::fixes::{cli_panel, fixes_panel};
use crate::flow::{flow_list, narration, status, verdict};
use crate::header::{EmbedBar, Header};
pub use crate::model::Model;
use crate::model::{send, send_with};
use crate::notice::{load_errors, notice};
use crate::people::People;
use crate::policies::{identity_editor, third_editor, trust_editor};
use crate::token::token_card;

/// The state the page opens with: the address, saved work, the browser's
/// languages, the preset texts loaded so far (saving it is the effect in
/// [`App`], as after every change).
pub fn boot(props: &AppProps) -> State {
    let (search, hash) = browser::location();
    let params = url::parse(&search, &hash);
    State::boot_with(&params, &WebStore, &browser::browser_languages(), props.library.clone(), props.shared.clone())
}

/// What the page starts with besides the address and storage.
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The preset texts known at start.
    pub library: Rc<Library>,
    /// The share link's text (or why it has none), inflated before start.
    pub shared: Option<Result<String, String>>,
}

/// A request to put the caret somewhere in an editor (a statement link).
#[derive(Clone, Copy, PartialEq)]
struct Jump {
    pane: JumpPane,
    line: u32,
    column: u32,
    nonce: u64,
}

#[derive(Clone, Copy, PartialEq)]
enum JumpPane {
    Identity,
    Trust,
    Third,
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let model = use_reducer(|| Model(boot(props)));
    let jump = use_state(|| None::<Jump>);
    let trainer = crate::trainer::use_trainer();
    let s = &model.0;
    let w = s.lang.words();

    // Saved work follows what is saved (the document, the walk, the
    // language); on mount this also keeps what the address opened (e.g.
    // `?step=3`), which the address is then rewritten without. A full
    // store says so, unless another notice is up. (A store the browser
    // blocks was noted once, quietly, at boot.)
    {
        let m = model.clone();
        use_effect_with((s.saved(), s.lang, s.exercise.as_ref().map(|e| e.progress)), move |_| {
            let mut store = WebStore;
            if store.available() && !m.0.save(&mut store) && m.0.notice.is_none() {
                m.dispatch(Action::Notice(Some(Notice::StorageFull)));
            }
        });
    }
    // On a phone the flow is below the buttons: at each step, the current
    // step is brought into view.
    {
        use_effect_with(s.cursor, move |_| {
            if browser::is_narrow() {
                browser::scroll_into_view("[data-testid^=\"flow-step-\"][aria-current=\"step\"]");
            }
        });
    }
    // The clock plays in real time × speed.
    {
        let d = model.dispatcher();
        use_effect_with(s.playing, move |playing| {
            let timer = playing.then(|| Interval::new(250, move || d.dispatch(Action::Tick(250))));
            move || drop(timer)
        });
    }
    // The address reopens this scenario in this language; <html lang>.
    {
        let opened = match &s.source {
            Source::Preset(n) => Some(("preset", n.clone())),
            Source::Exercise(n) => Some(("exercise", n.clone())),
            _ => None,
        };
        let shared = matches!(s.source, Source::Shared(_));
        let lang = s.lang;
        let embed = s.embed;
        let title = format!("{} — {}", s.title(), w.app_title);
        use_effect_with((opened, shared, lang, embed, title), move |(opened, shared, lang, embed, title)| {
            browser::set_document_lang(lang.code(), title);
            if !shared {
                browser::replace_url(&url::search(opened.as_ref().map(|(k, n)| (*k, n.as_str())), Some(*lang), *embed));
            }
        });
    }
    // The helper worker (loaded on first use, after first paint) lints the
    // text on screen and proposes verified fixes; its answer for an older
    // text is ignored by the reducer.
    {
        let d = model.dispatcher();
        // Embedded, a solved exercise tells the host page (a course page
        // can record completion): `{type: "roleplay", event:
        // "exercise-solved", exercise, number}`, when it becomes solved.
        let told = (s.embed, s.exercise.as_ref().map(|e| (e.name.clone(), e.number)));
        let exercise = s.exercise.as_ref().map(|e| Rc::clone(&e.shipped));
        let was_solved = use_mut_ref(|| false);
        use_effect_with((s.text.clone(), exercise), move |text| {
            let mine = text.0.clone();
            browser::on_answer(browser::Ask::Findings, move |answer| {
                if let Ok(a) = playground::assist::Assist::parse(&answer) {
                    if let (true, Some((name, number)), true) = (told.0, &told.1, a.fits(&mine)) {
                        let before = std::mem::replace(&mut *was_solved.borrow_mut(), a.solved);
                        if a.solved && !before {
                            browser::tell_host(name, *number);
                        }
                    }
                    d.dispatch(Action::Assisted(Rc::new(a)));
                }
            });
            browser::ask_helper(&playground::assist::request(0, &text.0, text.1.as_deref()), browser::Ask::Findings);
        });
    }
    // A preset asked for before its text is here: load the texts, then it
    // opens (or the page says why it cannot).
    {
        let d = model.dispatcher();
        let library = s.library.clone();
        use_effect_with(s.pending.as_ref().map(|(name, _)| name.clone()), move |pending| {
            if pending.is_some() {
                wasm_bindgen_futures::spawn_local(async move {
                    let loaded = browser::presets_json().await.and_then(|t| library.with_bundle(&t));
                    d.dispatch(Action::Library(loaded.map(Rc::new)));
                });
            }
        });
    }
    // Presenters' clickers and the arrow keys walk the flow (not while
    // typing in an editor or a form field).
    {
        let d = model.dispatcher();
        use_effect_with((), move |_| {
            browser::register_sw();
            // Imported accounts come back from the worker as scenarios.
            let di = d.clone();
            browser::on_answer(browser::Ask::Import, move |answer| {
                di.dispatch(match playground::assist::parse_import(&answer) {
                    Ok((text, notes)) => Action::ImportAccount { text, notes },
                    Err(e) => Action::Notice(Some(Notice::ImportBad(e))),
                });
            });
            let listener = browser::window().and_then(|w| w.document()).map(|doc| {
                let opts = gloo::events::EventListenerOptions::enable_prevent_default();
                gloo::events::EventListener::new_with_options(&doc, "keydown", opts, move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                    if e.alt_key() || e.ctrl_key() || e.meta_key() {
                        return;
                    }
                    let typing = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|el| {
                        matches!(el.tag_name().as_str(), "TEXTAREA" | "INPUT" | "SELECT")
                            || el.get_attribute("role").as_deref() == Some("tab")
                    });
                    if typing || e.default_prevented() {
                        return;
                    }
                    let action = match e.key().as_str() {
                        "ArrowRight" | "PageDown" => Some(Action::Next),
                        "ArrowLeft" | "PageUp" => Some(Action::Prev),
                        "Home" => Some(Action::GoTo(0)),
                        _ => None,
                    };
                    if let Some(a) = action {
                        e.prevent_default();
                        d.dispatch(a);
                    }
                })
            });
            move || drop(listener)
        });
    }

    // A statement link shows its policy and puts the caret on the statement.
    let statement_jump = {
        let jump = jump.clone();
        let m = model.clone();
        send_with(&model, move |link: StatementLink| {
            let (at, i) = m.0.derived.cast.as_ref().and_then(|c| marks::locate(c, link.policy_type, &link.policy_name))?;
            let (pane, select) = match at {
                Pane::Trust => (JumpPane::Trust, None),
                Pane::Identity => (JumpPane::Identity, Some(Action::SelectIdentity(i))),
                Pane::Permissions => (JumpPane::Third, Some(Action::SelectPermissions(i))),
                Pane::Extra(_) => (JumpPane::Third, Some(Action::SelectTab(Tab::Extra(i)))),
            };
            let nonce = jump.as_ref().map_or(1, |j| j.nonce + 1);
            jump.set(Some(Jump { pane, line: link.start.0, column: link.start.1, nonce }));
            select
        })
    };
    let focus_for = |p: JumpPane| jump.as_ref().filter(|j| j.pane == p).map(|j| (j.line, j.column, j.nonce));

    let embed = s.embed;
    html! {
        <div class={classes!("app", embed.then_some("embed"))} lang={s.lang.code()}>
            if !embed {
                <Header model={model.clone()} />
            } else {
                <EmbedBar model={model.clone()} />
            }
            { notice(s, w, send(&model, Action::Notice(None))) }
            <main>
                <section class={classes!("stage", s.derived.stale.then_some("stale-walk"))} aria-label={w.flow_title}>
                    if !embed {
                        <div class="stage-top">
                            <h2 class="scenario-title">{ s.title() }</h2>
                            if let Some(d) = s.derived.scenario.as_ref().and_then(|x| x.description.as_ref()) {
                                <p class="description">{ d.get(s.lang.code()) }</p>
                            }
                        </div>
                    }
                    <div class="stage-grid">
                        <div class="stage-left">
                            // Side by side, or stacked on a phone (as wide as the
                            // window is now: the next change redraws it).
                            { diagram(s, browser::is_narrow()) }
                            <StepControls model={model.clone()} />
                            { narration(s) }
                            { step_strip(s, w, &model) }
                        </div>
                        <div class="stage-right">
                            { flow_list(s, w, &statement_jump) }
                            { token_card(s, w, &model) }
                        </div>
                    </div>
                    { status(s) }
                </section>
                { load_errors(s, w) }
                <div class="work">
                    { exercise_panel(s, w, &model) }
                    { verdict(s, w) }
                    { fixes_panel(s, w, &model) }
                    { cli_panel(s, w) }
                    <section class="editors" aria-label={w.policy_select}>
                        { identity_editor(s, w, &model, focus_for(JumpPane::Identity)) }
                        { trust_editor(s, w, &model, focus_for(JumpPane::Trust)) }
                        { third_editor(s, w, &model, focus_for(JumpPane::Third)) }
                    </section>
                </div>
                if !embed {
                    <div class="lower">
                        <People model={model.clone()} />
                        { events(s, w) }
                        { crate::trainer::trainer_panel(s, &trainer) }
                    </div>
                }
            </main>
            if !embed {
                <footer>
                    <span>{ "roleplay " }{ env!("CARGO_PKG_VERSION") }</span>
                    <span>{ " · " }{ w.offline_ready }</span>
                </footer>
            }
        </div>
    }
}
