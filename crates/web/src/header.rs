//! The top of the page: the scenario picker, revert, share, export,
//! import and the language switch; in an embed, a slim bar instead.

use playground::presets::{self, PRESETS};
use playground::state::{Notice, Source};
use playground::{Action, Lang};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::browser;
use crate::model::{open_preset, send, send_with, value, ModelProps};
use crate::raw::Raw;

#[function_component(Header)]
pub fn header(p: &ModelProps) -> Html {
    let model = &p.model;
    let s = &model.0;
    let w = s.lang.words();
    let file = use_node_ref();

    let onpreset = send_with(model, |e: Event| value(&e).map(open_preset));
    let share = use_share_link(model);
    let onshare = {
        let (share, m) = (share.clone(), model.clone());
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            let m = m.clone();
            share.fresh(move |link| {
                browser::copy_to_clipboard(&link);
                m.dispatch(Action::Notice(Some(Notice::Copied)));
            });
        })
    };
    let onexport = {
        let text = s.text.clone();
        let name = match &s.source {
            Source::Preset(n) => format!("{n}.json"),
            Source::Imported(n) => n.clone(),
            Source::Shared(_) => "shared-scenario.json".into(),
            Source::Exercise(n) => format!("{n}.json"),
        };
        Callback::from(move |_| browser::download(&name, &text))
    };
    let onimport_click = {
        let file = file.clone();
        Callback::from(move |_| {
            if let Some(i) = file.cast::<web_sys::HtmlInputElement>() {
                i.click();
            }
        })
    };
    let onfile = {
        // Bytes, decoded as the CLI decodes files: a file that is not UTF-8
        // is refused with where it stops being text (nothing on screen is lost).
        let import = send_with(model, |(name, text): (String, Result<String, String>)| {
            Some(match text {
                // An AWS account's `get-account-authorization-details`:
                // the helper worker turns it into a scenario, here in the
                // page (nothing leaves it).
                Ok(text) if playground::assist::is_account_details(&text) => {
                    if import_account(&text) {
                        return None;
                    }
                    Action::Notice(Some(Notice::AccountNeedsWorker))
                }
                Ok(text) => Action::Import { name, text },
                Err(e) => Action::Notice(Some(Notice::ImportBad(e))),
            })
        });
        Callback::from(move |e: Event| {
            let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
            let Some(f) = input.files().and_then(|l| l.get(0)) else { return };
            let name = f.name();
            let import = import.clone();
            let bytes = wasm_bindgen_futures::JsFuture::from(f.array_buffer());
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(buf) = bytes.await {
                    let bytes = js_sys::Uint8Array::new(&buf).to_vec();
                    import.emit((name, sts::scenario::decode_utf8(&bytes).map(str::to_owned).map_err(|e| e.to_string())));
                }
            });
            input.set_value("");
        })
    };
    let current = s.source.preset().unwrap_or("").to_string();
    let options = {
        let mut h = Raw::default();
        if !matches!(s.source, Source::Preset(_)) {
            h.el("option", &[("value", ""), ("selected", "selected"), ("disabled", "disabled")], &s.title());
        }
        for p in PRESETS {
            h.option(p.name, current == p.name, &format!("{} · {}", p.name.get(..2).unwrap_or(""), presets::title(p, s.lang)));
        }
        h.option(presets::BLANK, current == presets::BLANK, w.blank);
        h.html()
    };
    // The exercise index: each with ✓ once solved here; choosing one opens
    // it (`?exercise=N`, which loads the exercises first).
    let exercise_options = {
        let mut h = Raw::default();
        let current = s.exercise.as_ref().map(|e| e.number);
        if current.is_none() {
            h.el("option", &[("value", ""), ("selected", "selected"), ("disabled", "disabled")], &format!("{}…", w.exercises_menu));
        }
        for (i, e) in playground::exercises::EXERCISES.iter().enumerate() {
            let solved = s.solved.get(i).copied().unwrap_or(false);
            let title = presets::title(e, s.lang);
            let label = format!("{} · {title}{}", i + 1, if solved { " ✓" } else { "" });
            h.option(&(i + 1).to_string(), current == Some(i + 1), &label);
        }
        h.html()
    };
    let onexercise = {
        let lang = s.lang;
        let embed = s.embed;
        Callback::from(move |e: Event| {
            if let Some(n) = value(&e) {
                browser::navigate(&playground::url::search(Some(("exercise", &n)), Some(lang), embed));
            }
        })
    };
    let edited = s.original().is_some_and(|o| o != s.text);
    html! {
        <header class="top">
            <div class="brand">
                <span class="logo" aria-hidden="true">{ crate::diagram::hat_icon() }</span>
                <div>
                    <h1>{ w.app_title }</h1>
                    <p class="tagline">{ w.tagline }</p>
                </div>
            </div>
            <div class="toolbar">
                <label class="field">
                    <span>{ w.scenario }</span>
                    <select data-testid="preset-select" onchange={onpreset} onkeydown={no_sideways()} aria-label={w.scenario}>
                        { options }
                    </select>
                </label>
                <label class="field">
                    <span>{ w.exercises_menu }</span>
                    <select data-testid="exercise-select" onchange={onexercise} onkeydown={no_sideways()} aria-label={w.exercises_menu}>
                        { exercise_options }
                    </select>
                </label>
                if edited && !s.confirm_revert {
                    <button type="button" class="ghost" data-testid="revert" onclick={send(model, Action::AskRevert)}>{ w.revert }</button>
                }
                if s.confirm_revert {
                    <span class="confirm" role="group" aria-label={w.revert} data-testid="revert-confirm">
                        <span>{ w.revert_ask }</span>
                        <button type="button" class="danger" data-testid="revert-yes" onclick={send(model, Action::Revert)}>{ w.revert_yes }</button>
                        <button type="button" data-testid="revert-no" onclick={send(model, Action::CancelRevert)}>{ w.revert_no }</button>
                    </span>
                }
                <a class="button" data-testid="share-link" href={share.href()} onclick={onshare}
                    onpointerenter={share.refresh()} onfocus={share.refresh()} oncontextmenu={share.refresh()}>{ w.share }</a>
                <button type="button" data-testid="export" onclick={onexport}>{ "↓ " }{ w.export }</button>
                <button type="button" data-testid="import" onclick={onimport_click.clone()}>{ "↑ " }{ w.import }</button>
                <button type="button" class="ghost" data-testid="import-account" title={w.import_account_hint} onclick={onimport_click}>{ "↑ " }{ w.import_account }</button>
                <input ref={file} type="file" accept=".json,application/json" class="hidden" tabindex="-1" aria-hidden="true" onchange={onfile} data-testid="import-file" />
                <button type="button" data-testid="lang-toggle" lang={s.lang.other().code()}
                    aria-label={format!("{} / {}", w.switch_language, Lang::En.words().switch_language)}
                    onclick={send(model, Action::ToggleLang)}>
                    { w.switch_language }
                </button>
            </div>
        </header>
    }
}

/// Sends an account's authorization details to the helper worker; false
/// when the browser refused to start it, which the caller says.
fn import_account(text: &str) -> bool {
    browser::ask_helper(&playground::assist::import_request(text), browser::Ask::Import)
}

/// ← and → on the focused scenario picker: Chromium would step the closed
/// list to another preset (and load it); the arrows are for the flow.
fn no_sideways() -> Callback<KeyboardEvent> {
    Callback::from(|e: KeyboardEvent| {
        if matches!(e.key().as_str(), "ArrowLeft" | "ArrowRight") {
            e.prevent_default();
        }
    })
}

#[function_component(EmbedBar)]
pub fn embed_bar(p: &ModelProps) -> Html {
    let s = &p.model.0;
    let w = s.lang.words();
    let full = use_share_link(&p.model);
    html! {
        <header class="embed-bar">
            <span class="logo" aria-hidden="true">{ crate::diagram::hat_icon() }</span>
            <h1 class="embed-title">{ s.title() }</h1>
            <a href={full.href()} target="_blank" rel="noopener" class="open-full"
                onpointerenter={full.refresh()} onfocus={full.refresh()} oncontextmenu={full.refresh()}>{ w.open_full }{ " ⇗" }</a>
            <button type="button" data-testid="lang-toggle" onclick={send(&p.model, Action::ToggleLang)}>
                { w.switch_language }
            </button>
        </header>
    }
}

/// The share link of the scenario on screen. The browser compresses the
/// document (`CompressionStream`, raw DEFLATE: no compressor in the
/// WebAssembly), off the keystroke: a moment after the learner stops
/// typing, and at once when the link is pointed at, focused or clicked.
#[derive(Clone)]
pub(crate) struct ShareLink {
    href: UseStateHandle<String>,
    model: crate::model::Handle,
}

impl ShareLink {
    /// The link for `text` with `suffix` (where the walk is).
    pub(crate) async fn compute(text: String, suffix: String) -> Option<String> {
        let compressed = browser::deflate_raw(text.as_bytes()).await.ok()?;
        let payload = playground::share::base64url(&compressed);
        Some(format!("{}#s={payload}{suffix}", browser::base_url()))
    }

    /// Brings the link up to date, then hands it to `then`.
    fn fresh(&self, then: impl FnOnce(String) + 'static) {
        let (href, text, suffix) = (self.href.clone(), self.model.0.text.clone(), self.model.0.share_suffix());
        wasm_bindgen_futures::spawn_local(async move {
            if let Some(link) = Self::compute(text, suffix).await {
                if *href != link {
                    href.set(link.clone());
                }
                then(link);
            }
        });
    }

    /// The link as last computed.
    fn href(&self) -> String {
        (*self.href).clone()
    }

    /// A callback that brings the link up to date.
    fn refresh<E: 'static>(&self) -> Callback<E> {
        let me = self.clone();
        Callback::from(move |_| me.fresh(|_| {}))
    }
}

#[hook]
fn use_share_link(model: &crate::model::Handle) -> ShareLink {
    let href = use_state(browser::base_url);
    let link = ShareLink { href, model: model.clone() };
    {
        let link = link.clone();
        let key = (model.0.text.clone(), model.0.cursor, model.0.interventions.len());
        use_effect_with(key, move |_| {
            let timer = gloo::timers::callback::Timeout::new(SHARE_DELAY_MS, move || link.fresh(|_| {}));
            move || drop(timer)
        });
    }
    link
}

/// How long after the last change the share link is recompressed.
const SHARE_DELAY_MS: u32 = 400;
