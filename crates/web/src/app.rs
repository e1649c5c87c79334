//! The page: one reducer (`playground::State`) and the components that
//! draw it. Components only read the state and dispatch actions.

use std::rc::Rc;

use gloo::timers::callback::Interval;
use playground::cast::{Extra, Field, Who};
use playground::doc::Slot;
use playground::i18n::Words;
use playground::marks::{self, Pane};
use playground::presets::{self, PRESETS};
use playground::reasons::{self, StatementLink};
use playground::state::{Notice, Source, Tab, SPEEDS};
use playground::url;
use playground::walk::{FlowState, Happening, Phase};
use playground::{Action, Lang, State};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::browser::{self, WebStore};
use crate::diagram::diagram;
use crate::editor::Editor;

/// The reducer around `playground::State`; saving to local storage is the
/// only side effect, made after each change of the document or the walk.
#[derive(Clone)]
pub struct Model(pub State);

impl PartialEq for Model {
    fn eq(&self, _other: &Self) -> bool {
        false
    }
}

impl Reducible for Model {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = self.0.clone();
        let persist = !matches!(action, Action::RevealSecret(_) | Action::Notice(_) | Action::Play | Action::Pause);
        match action {
            a @ (Action::LoadPreset(_) | Action::Import { .. }) => s.apply_with(a, &WebStore),
            a => s.apply(a),
        }
        if persist && !s.save(&mut WebStore) && s.notice.is_none() {
            s.notice = Some(Notice::StorageFull);
        }
        Rc::new(Model(s))
    }
}

pub fn boot() -> State {
    let (search, hash) = browser::location();
    let params = url::parse(&search, &hash);
    let mut s = State::boot(&params, &WebStore, &browser::browser_languages());
    // Keep what the address opened (e.g. `?step=3`): the address is
    // rewritten without it, and a reload must come back to the same place.
    if !s.save(&mut WebStore) {
        s.notice = s.notice.take().or(Some(Notice::StorageFull));
    }
    s
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
pub fn app() -> Html {
    let model = use_reducer(|| Model(boot()));
    let jump = use_state(|| None::<Jump>);
    let s = &model.0;
    let w = s.lang.words();

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
        let preset = s.source.preset().map(str::to_string);
        let shared = matches!(s.source, Source::Shared(_));
        let lang = s.lang;
        let embed = s.embed;
        let title = format!("{} — {}", s.title(), w.app_title);
        use_effect_with((preset, shared, lang, embed, title), move |(preset, shared, lang, embed, title)| {
            browser::set_document_lang(lang.code(), title);
            if !shared {
                browser::replace_url(&url::search(preset.as_deref(), Some(*lang), *embed));
            }
        });
    }
    use_effect_with((), |_| browser::register_sw());
    // Presenters' clickers and the arrow keys walk the flow (not while
    // typing in an editor or a form field).
    {
        let d = model.dispatcher();
        use_effect_with((), move |_| {
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

    let dispatch = |a: Action| {
        let m = model.clone();
        Callback::from(move |_| m.dispatch(a.clone()))
    };
    let statement_jump = {
        let jump = jump.clone();
        let model = model.clone();
        Callback::from(move |link: StatementLink| {
            let Some((at, i)) = model.0.derived.cast.as_ref().and_then(|c| marks::locate(c, link.policy_type, &link.policy_name)) else {
                return;
            };
            let pane = match at {
                Pane::Trust => JumpPane::Trust,
                Pane::Identity => {
                    model.dispatch(Action::SelectIdentity(i));
                    JumpPane::Identity
                }
                Pane::Permissions => {
                    model.dispatch(Action::SelectPermissions(i));
                    JumpPane::Third
                }
                Pane::Extra(_) => {
                    model.dispatch(Action::SelectTab(Tab::Extra(i)));
                    JumpPane::Third
                }
            };
            let nonce = jump.as_ref().map_or(1, |j| j.nonce + 1);
            jump.set(Some(Jump { pane, line: link.start.0, column: link.start.1, nonce }));
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
            { notice(s, w, dispatch(Action::Notice(None))) }
            <main>
                <section class="stage" aria-label={w.flow_title}>
                    <div class="stage-top">
                        <h2 class="scenario-title">{ s.title() }</h2>
                        if !embed {
                            if let Some(d) = s.derived.scenario.as_ref().and_then(|x| x.description.as_ref()) {
                                <p class="description">{ d.get(s.lang.code()) }</p>
                            }
                        }
                    </div>
                    <div class="stage-grid">
                        <div class="stage-left">
                            { diagram(s) }
                            <StepControls model={model.clone()} />
                            { narration(s) }
                            { step_strip(s, w, &model) }
                        </div>
                        <div class="stage-right">
                            { flow_list(s, w, &statement_jump) }
                            { token_card(s, w, &model) }
                        </div>
                    </div>
                    { status(s, w) }
                </section>
                { load_errors(s, w) }
                <section class="editors" aria-label={w.policy_select}>
                    { identity_editor(s, w, &model, focus_for(JumpPane::Identity)) }
                    { trust_editor(s, w, &model, focus_for(JumpPane::Trust)) }
                    { third_editor(s, w, &model, focus_for(JumpPane::Third)) }
                </section>
                if !embed {
                    <div class="lower">
                        <People model={model.clone()} />
                        { events(s, w) }
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

fn notice(s: &State, w: &Words, dismiss: Callback<MouseEvent>) -> Html {
    let Some(n) = &s.notice else { return html! {} };
    let (class, text) = match n {
        Notice::ShareBad(e) => ("warn", w.share_bad.replace("{error}", e)),
        Notice::Restored => ("info", w.restored.to_string()),
        Notice::ImportBad(e) => ("warn", w.import_bad.replace("{error}", e)),
        Notice::StorageFull => ("warn", w.storage_full.to_string()),
        Notice::Copied => ("info", w.copied.to_string()),
        Notice::UnknownPreset(n) => ("warn", w.unknown_preset.replace("{name}", n)),
    };
    html! {
        <div class={classes!("notice", class)} role="status" data-testid="notice">
            <span>{ text }</span>
            <button type="button" class="ghost" onclick={dismiss} aria-label={w.dismiss}>{ "×" }</button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ModelProps {
    model: UseReducerHandle<Model>,
}

#[function_component(Header)]
fn header(p: &ModelProps) -> Html {
    let model = &p.model;
    let s = &model.0;
    let w = s.lang.words();
    let file = use_node_ref();
    let reader = use_mut_ref(|| None::<gloo::file::callbacks::FileReader>);

    let onpreset = {
        let m = model.clone();
        Callback::from(move |e: Event| {
            if let Some(sel) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()) {
                m.dispatch(Action::LoadPreset(sel.value()));
            }
        })
    };
    let share_href = format!("{}{}", browser::base_url(), s.share_fragment());
    let onshare = {
        let m = model.clone();
        let href = share_href.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            browser::copy_to_clipboard(&href);
            m.dispatch(Action::Notice(Some(Notice::Copied)));
        })
    };
    let onexport = {
        let text = s.text.clone();
        let name = match &s.source {
            Source::Preset(n) => format!("{n}.json"),
            Source::Imported(n) => n.clone(),
            Source::Shared(_) => "shared-scenario.json".into(),
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
        let m = model.clone();
        let reader = reader.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
            let Some(f) = input.files().and_then(|l| l.get(0)) else { return };
            let name = f.name();
            let m = m.clone();
            let task = gloo::file::callbacks::read_as_text(&gloo::file::File::from(f), move |r| {
                if let Ok(text) = r {
                    m.dispatch(Action::Import { name, text });
                }
            });
            *reader.borrow_mut() = Some(task);
            input.set_value("");
        })
    };
    let current = s.source.preset().unwrap_or("").to_string();
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
                    <select data-testid="preset-select" onchange={onpreset} aria-label={w.scenario}>
                        if !matches!(s.source, Source::Preset(_)) {
                            <option value="" selected=true disabled=true>{ s.title() }</option>
                        }
                        { for PRESETS.iter().map(|p| {
                            let title = presets::title(p, s.lang);
                            html! { <option value={p.name} selected={current == p.name}>{ format!("{} · {}", p.name.get(..2).unwrap_or(""), title) }</option> }
                        }) }
                        <option value={presets::BLANK} selected={current == presets::BLANK}>{ w.blank }</option>
                    </select>
                </label>
                if edited {
                    <button type="button" class="ghost" data-testid="revert" onclick={{ let m = model.clone(); Callback::from(move |_| m.dispatch(Action::Revert)) }}>{ w.revert }</button>
                }
                <a class="button" data-testid="share-link" href={share_href} onclick={onshare}>{ w.share }</a>
                <button type="button" data-testid="export" onclick={onexport}>{ "↓ " }{ w.export }</button>
                <button type="button" data-testid="import" onclick={onimport_click}>{ "↑ " }{ w.import }</button>
                <input ref={file} type="file" accept=".json,application/json" class="hidden" tabindex="-1" aria-hidden="true" onchange={onfile} data-testid="import-file" />
                <button type="button" data-testid="lang-toggle" lang={s.lang.other().code()}
                    aria-label={format!("{} / {}", w.switch_language, Lang::En.words().switch_language)}
                    onclick={{ let m = model.clone(); Callback::from(move |_| m.dispatch(Action::ToggleLang)) }}>
                    { w.switch_language }
                </button>
            </div>
        </header>
    }
}

#[function_component(EmbedBar)]
fn embed_bar(p: &ModelProps) -> Html {
    let s = &p.model.0;
    let w = s.lang.words();
    let full = format!("{}{}", browser::base_url(), s.share_fragment());
    html! {
        <header class="embed-bar">
            <span class="logo" aria-hidden="true">{ crate::diagram::hat_icon() }</span>
            <a href={full} target="_blank" rel="noopener" class="open-full">{ w.open_full }{ " ↗" }</a>
            <button type="button" data-testid="lang-toggle" onclick={{ let m = p.model.clone(); Callback::from(move |_| m.dispatch(Action::ToggleLang)) }}>
                { w.switch_language }
            </button>
        </header>
    }
}

#[function_component(StepControls)]
fn step_controls(p: &ModelProps) -> Html {
    let m = &p.model;
    let s = &m.0;
    let w = s.lang.words();
    let total = s.frame_count();
    let cursor = s.cursor.min(total);
    let d = |a: Action| {
        let m = m.clone();
        Callback::from(move |_: MouseEvent| m.dispatch(a.clone()))
    };
    let onspeed = {
        let m = m.clone();
        Callback::from(move |e: Event| {
            if let Some(sel) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()) {
                m.dispatch(Action::SetSpeed(sel.value().parse().unwrap_or(60)));
            }
        })
    };
    let now = s.derived.view.as_ref().map(|v| v.now);
    html! {
        <div class="controls">
            <div class="step-buttons" role="group" aria-label={w.position}>
                <button type="button" data-testid="step-reset" onclick={d(Action::Restart)} disabled={cursor == 0 && s.interventions.is_empty()}>{ "⟲ " }{ w.restart }</button>
                // aria-disabled, not disabled: the button keeps keyboard focus at either end.
                <button type="button" data-testid="step-prev" onclick={d(Action::Prev)} aria-disabled={(cursor == 0).to_string()}>{ "◀ " }{ w.prev }</button>
                <button type="button" class="primary" data-testid="step-next" onclick={d(Action::Next)} aria-disabled={(cursor >= total).to_string()}>{ w.next }{ " ▶" }</button>
                <span class="position" data-testid="position" data-cursor={cursor.to_string()} data-total={total.to_string()}>{ format!("{} {cursor} / {total}", w.position) }</span>
            </div>
            <p class="hint" aria-live="polite">
                { if total == 0 { "" } else if cursor == 0 { w.start_hint } else if cursor >= total { w.done_hint } else { "" } }
            </p>
            <div class="clock" role="group" aria-label={w.clock}>
                <span class="clock-now" data-testid="clock">{ now.map(reasons::clock_text).unwrap_or_default() }</span>
                if s.playing {
                    <button type="button" data-testid="clock-pause" onclick={d(Action::Pause)} aria-pressed="true">{ "❚❚ " }{ w.pause }</button>
                } else {
                    <button type="button" data-testid="clock-play" onclick={d(Action::Play)} aria-pressed="false" disabled={now.is_none()}>{ "▶ " }{ w.play }</button>
                }
                <label class="field inline">
                    <span>{ w.speed }</span>
                    <select data-testid="clock-speed" onchange={onspeed}>
                        { for SPEEDS.iter().map(|sp| html! { <option value={sp.to_string()} selected={*sp == s.speed}>{ format!("×{sp}") }</option> }) }
                    </select>
                </label>
                <button type="button" data-testid="clock-advance" onclick={d(Action::Advance(3600))} disabled={now.is_none()}>{ w.advance_hour }</button>
            </div>
        </div>
    }
}

/// The scenario's steps as chips: the outcome of each one already shown,
/// the one on screen marked; a click jumps to the end of that step.
fn step_strip(s: &State, w: &Words, m: &UseReducerHandle<Model>) -> Html {
    let Some(sc) = &s.derived.scenario else { return html! {} };
    let view = s.derived.view.as_ref();
    let focus = view.and_then(|v| v.focus);
    let complete = view.is_some_and(|v| v.complete);
    html! {
        <nav class="steps" aria-label={w.steps_title}>
            <ol>
                { for sc.steps.iter().enumerate().map(|(i, _)| {
                    let r = s.derived.reports.get(i);
                    let shown = focus.is_some_and(|f| i < f || (i == f && complete));
                    let label = r.and_then(|r| r.action.clone().or_else(|| r.advance.map(|a| format!("+{a} s")))).unwrap_or_default();
                    let outcome = r.and_then(|r| r.outcome).filter(|_| shown);
                    let icon = match outcome {
                        Some("allowed") => "✓",
                        Some("error") => "⚠",
                        Some(_) => "✗",
                        None => "",
                    };
                    let target = s.derived.frames.iter().rposition(|f| f.step == i).map_or(0, |p| p + 1);
                    let onclick = { let m = m.clone(); Callback::from(move |_| m.dispatch(Action::GoTo(target))) };
                    html! {
                        <li>
                            <button type="button" class={classes!("chip", outcome, (focus == Some(i)).then_some("current"))}
                                aria-current={(focus == Some(i)).then_some("step")} data-testid={format!("step-chip-{i}")} {onclick}>
                                <span class="chip-no">{ format!("#{i}") }</span>{ " " }{ label }{ if icon.is_empty() { String::new() } else { format!(" {icon}") } }
                            </button>
                        </li>
                    }
                }) }
            </ol>
        </nav>
    }
}

fn state_icon(st: FlowState) -> &'static str {
    match st {
        FlowState::Pending => "○",
        FlowState::Active => "➜",
        FlowState::Allowed => "✓",
        FlowState::Denied => "✗",
        FlowState::Error => "⚠",
        FlowState::Skipped => "–",
    }
}

fn state_word(w: &Words, st: FlowState, outcome: Option<&str>) -> String {
    let i = match st {
        FlowState::Pending => 0,
        FlowState::Active => 1,
        FlowState::Allowed => 2,
        FlowState::Denied => 3,
        FlowState::Error => 4,
        FlowState::Skipped => 5,
    };
    let base = w.states.get(i).copied().unwrap_or("");
    match (st, outcome) {
        (FlowState::Denied, Some("explicitDeny")) => format!("{base} ({})", w.explicit_deny),
        (FlowState::Denied, Some("implicitDeny")) => format!("{base} ({})", w.implicit_deny),
        _ => base.to_string(),
    }
}

fn flow_list(s: &State, w: &Words, jump: &Callback<StatementLink>) -> Html {
    let view = s.derived.view.as_ref();
    let flow = view.map_or([FlowState::Pending; 5], |v| v.flow);
    let current = view.and_then(|v| v.phase);
    let service = s.derived.cast.as_ref().and_then(|c| c.service());
    let titles = if service.is_some() { &w.phases_service } else { &w.phases };
    let assume = view.and_then(|v| v.assume.as_ref());
    let focus_report = view.and_then(|v| v.report.as_ref());
    let is_call = focus_report.is_some_and(|r| r.flow.is_none() && r.advance.is_none());
    // A clock step keeps the picture of the request before it; a call made
    // with an earlier session shows that AssumeRole's ①–④ as history.
    let stale = current == Some(Phase::Clock);
    let earlier = match (assume, view.and_then(|v| v.focus)) {
        (Some((k, _)), Some(f)) if *k != f => Some(*k),
        _ => None,
    };
    let own = is_call && flow[0] == FlowState::Skipped && flow[1] == FlowState::Skipped;
    html! {
        <>
        if stale {
            <p class="stale-note" data-testid="stale">{ "⏱ " }{ w.stale }</p>
        }
        <ol class={classes!("flow", stale.then_some("stale"))} aria-label={w.flow_title} data-testid="flow">
            { for Phase::FLOW.iter().enumerate().map(|(i, phase)| {
                let st = flow.get(i).copied().unwrap_or(FlowState::Pending);
                let is_current = current == Some(*phase);
                let outcome = view.and_then(|v| reasons::flow_outcome(v, *phase));
                let sentence = view.and_then(|v| reasons::flow_sentence(s.lang, v, *phase, service));
                let link = sentence.as_ref().and_then(|x| x.statement.clone());
                let history = earlier.filter(|_| i < 4);
                let title = if own && i == 4 { w.act_own } else { titles.get(i).copied().unwrap_or("") };
                html! {
                    <li class={classes!("flow-step", st.as_str(), is_current.then_some("current"), history.is_some().then_some("earlier"))}
                        data-testid={format!("flow-step-{}", i + 1)} data-state={st.as_str()}
                        aria-current={is_current.then_some("step")}>
                        <div class="flow-head">
                            <span class="badge" aria-hidden="true">{ state_icon(st) }</span>
                            <span class="flow-title">{ title }</span>
                            if let Some(k) = history {
                                <span class="earlier-tag">{ w.earlier.replace("{k}", &k.to_string()) }</span>
                            }
                            <span class="state-word">{ state_word(w, st, outcome) }</span>
                        </div>
                        if let Some(x) = sentence {
                            <p class="reason" data-testid={format!("reason-{}", i + 1)}>
                                { x.text }
                                if let Some(l) = link {
                                    { " " }
                                    <button type="button" class="linkish" onclick={{ let j = jump.clone(); let l = l.clone(); Callback::from(move |_| j.emit(l.clone())) }}>
                                        { format!("{}: {} {}", w.decided_by, l.policy_name, l.label()) }
                                    </button>
                                }
                            </p>
                        }
                    </li>
                }
            }) }
        </ol>
        </>
    }
}

/// What just happened, for screen readers (a polite live region).
fn status(s: &State, w: &Words) -> Html {
    let text = s
        .derived
        .view
        .as_ref()
        .and_then(|v| {
            let phase = v.phase?;
            let i = phase.number().checked_sub(1)?;
            let st = *v.flow.get(i)?;
            let service = s.derived.cast.as_ref().and_then(|c| c.service());
            let sentence = reasons::flow_sentence(s.lang, v, phase, service).map(|x| x.text);
            let outcome = reasons::flow_outcome(v, phase);
            Some(format!(
                "{} {}/{}: {}: {}. {}",
                w.position,
                v.cursor,
                v.frame_count,
                w.phases.get(i).copied().unwrap_or(""),
                state_word(w, st, outcome),
                sentence.unwrap_or_default()
            ))
        })
        .unwrap_or_default();
    html! { <p class="sr-only" role="status" aria-live="polite" data-testid="status">{ text }</p> }
}

fn narration(s: &State) -> Html {
    let Some(v) = &s.derived.view else { return html! {} };
    let Some(f) = v.focus else { return html! {} };
    let Some(step) = s.derived.scenario.as_ref().and_then(|x| x.steps.get(f)) else { return html! {} };
    let outcome = v.report.as_ref().and_then(|r| r.outcome);
    let w = s.lang.words();
    let diverged = step.expect.as_ref().filter(|_| v.complete).and_then(|e| {
        let got = outcome.unwrap_or("");
        let code = v.report.as_ref().and_then(|r| r.error_code.as_deref());
        let same = e.outcome == got && e.error_code.as_deref().is_none_or(|c| Some(c) == code);
        (!same).then(|| {
            let show = |o: &str, c: Option<&str>| c.map_or_else(|| o.to_string(), |c| format!("{o} ({c})"));
            w.diverged.replace("{expected}", &show(&e.outcome, e.error_code.as_deref())).replace("{actual}", &show(got, code))
        })
    });
    let diverged_class = diverged.as_ref().map(|_| "script");
    let action = v.report.as_ref().and_then(|r| r.action.clone()).or_else(|| v.report.as_ref().and_then(|r| r.clock.clone()));
    html! {
        <div class="narration" data-testid="narration" data-step={f.to_string()} data-outcome={outcome.unwrap_or("").to_string()}
             data-error-code={v.report.as_ref().and_then(|r| r.error_code.clone()).unwrap_or_default()} data-complete={v.complete.to_string()}>
            <span class="step-no">{ format!("#{f}") }</span>
            <code>{ action.unwrap_or_default() }</code>
            // The scenario's note tells the outcome: only once it is shown,
            // and marked when the learner's changes made the step end otherwise.
            if let Some(d) = diverged {
                <p class="diverged" data-testid="diverged">{ d }</p>
            }
            if let Some(n) = step.note.as_ref().filter(|_| v.complete) {
                <p class={classes!(diverged_class)}>{ n.get(s.lang.code()) }</p>
            }
        </div>
    }
}

fn token_card(s: &State, w: &Words, m: &UseReducerHandle<Model>) -> Html {
    let Some(v) = &s.derived.view else { return html! {} };
    let Some(t) = &v.token else { return html! {} };
    let left = t.expiration - v.now;
    let total = t.duration.max(1);
    let pct = (left.clamp(0, total) * 100) / total;
    let state = if t.expired { "expired" } else { "valid" };
    let secret = if s.reveal_secret { t.secret_access_key.clone() } else { "•".repeat(40) };
    let token_short = {
        let n = t.session_token.chars().count();
        let head: String = t.session_token.chars().take(16).collect();
        let tail: String = t.session_token.chars().skip(n.saturating_sub(8)).collect();
        format!("{head}…{tail}")
    };
    let reveal = {
        let m = m.clone();
        let on = !s.reveal_secret;
        Callback::from(move |_| m.dispatch(Action::RevealSecret(on)))
    };
    let again = {
        let m = m.clone();
        Callback::from(move |_| m.dispatch(Action::AssumeAgain))
    };
    let exp_iso = policy::time::format_iso8601(t.expiration);
    let label = format!("{}: {} {}, {}", w.token_title, t.access_key_id, if t.expired { w.expired } else { w.valid }, exp_iso);
    html! {
        <section class={classes!("token", state)} data-testid="token" data-state={state} aria-label={label} aria-live="polite">
            <header>
                <h3>{ w.token_title }</h3>
                <span class={classes!("pill", state)}>{ if t.expired { format!("✗ {}", w.expired) } else { format!("✓ {}", w.valid) } }</span>
            </header>
            <dl>
                <dt>{ "AccessKeyId" }</dt><dd><code data-testid="token-access-key">{ &t.access_key_id }</code></dd>
                <dt>{ "SecretAccessKey" }</dt>
                <dd>
                    <code class="secret" data-testid="token-secret">{ secret }</code>
                    <button type="button" class="ghost small" onclick={reveal} aria-pressed={s.reveal_secret.to_string()} data-testid="token-reveal">
                        { if s.reveal_secret { w.hide } else { w.show } }
                    </button>
                </dd>
                <dt>{ "SessionToken" }</dt><dd><code title={t.session_token.clone()}>{ token_short }</code></dd>
                <dt>{ "AssumedRoleUser" }</dt><dd><code class="wrap">{ &t.arn }</code></dd>
                <dt>{ "Expiration" }</dt><dd><time data-testid="token-expiration" datetime={exp_iso.clone()}>{ exp_iso.clone() }</time></dd>
            </dl>
            <div class="countdown" role="timer" aria-label={w.expires_in}>
                <div class="bar"><div class="fill" style={format!("width:{pct}%")}></div></div>
                <span data-testid="token-countdown">{ if t.expired { format!("{} {}", w.expired_ago, reasons::countdown(-left)) } else { format!("{} {}", w.expires_in, reasons::countdown(left)) } }</span>
            </div>
            if let Some(svc) = &t.service {
                <p class="small-note">{ "↻ " }{ w.refreshed_by.replace("{service}", svc) }</p>
            }
            if t.chained {
                <p class="small-note">{ w.chained_note }</p>
            }
            <button type="button" data-testid="assume-again" onclick={again} class={classes!(t.expired.then_some("primary"))}>{ "↺ " }{ w.assume_again }</button>
        </section>
    }
}

fn load_errors(s: &State, w: &Words) -> Html {
    if s.derived.errors.is_empty() {
        return html! {};
    }
    html! {
        <section class="load-errors" role="alert" data-testid="load-errors">
            <p><strong>{ w.cannot_run }</strong></p>
            <ul>
                { for s.derived.errors.iter().take(20).map(|e| html! {
                    <li>
                        <code>{ &e.path }</code>
                        { format!(" ({} {}, {} {}", w.line, e.position.line, w.column, e.position.column) }
                        { e.policy_position.map(|p| format!("; policy {}:{}", p.line, p.column)).unwrap_or_default() }
                        { "): " }{ &e.message }
                        if let Some(h) = &e.help { <span class="help">{ format!(" — {}: {h}", w.help) }</span> }
                    </li>
                }) }
            </ul>
        </section>
    }
}

fn policy_editor(
    s: &State,
    m: &UseReducerHandle<Model>,
    slot: &Slot,
    pane: Pane,
    testid: &'static str,
    label: String,
    focus: Option<(u32, u32, u64)>,
) -> Html {
    let marks = marks::marks(s, slot, pane);
    let oninput = {
        let m = m.clone();
        let (path, exists, name) = (slot.path.clone(), slot.exists, slot.name.clone());
        Callback::from(move |text: String| m.dispatch(Action::EditPolicy { path: path.clone(), exists, name: name.clone(), text }))
    };
    html! {
        <Editor testid={testid} label={label} text={AttrValue::from(slot.text.clone())} {marks} {oninput} {focus}
            placeholder={AttrValue::from(s.lang.words().new_policy_hint)} />
    }
}

fn slot_picker(slots: &[Slot], sel: usize, on: Callback<usize>, label: &str) -> Html {
    if slots.len() < 2 {
        return html! { <span class="policy-name">{ slots.first().map(|x| x.name.clone()).unwrap_or_default() }</span> };
    }
    let onchange = Callback::from(move |e: Event| {
        if let Some(sel) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()) {
            on.emit(sel.value().parse().unwrap_or(0));
        }
    });
    html! {
        <select class="policy-pick" aria-label={label.to_string()} {onchange}>
            { for slots.iter().enumerate().map(|(i, x)| html! { <option value={i.to_string()} selected={i == sel}>{ &x.name }</option> }) }
        </select>
    }
}

fn identity_editor(s: &State, w: &Words, m: &UseReducerHandle<Model>, focus: Option<(u32, u32, u64)>) -> Html {
    let Some(cast) = &s.derived.cast else { return html! { <div class="pane" /> } };
    let title = if matches!(cast.who, Who::Session(_)) { w.identity_of_session } else { w.identity_title };
    let who = who_label(s, &cast.who);
    let body = if cast.identity.is_empty() {
        let text = match cast.who {
            Who::Service(_) | Who::Federated(_) => w.no_identity_service,
            _ => "",
        };
        html! { <textarea data-testid="editor-identity" class="empty-note" readonly=true aria-label={title} value={text} /> }
    } else {
        let sel = s.identity_sel.min(cast.identity.len() - 1);
        match cast.identity.get(sel) {
            Some(slot) => policy_editor(s, m, slot, Pane::Identity, "editor-identity", format!("{title} — {}", slot.name), focus),
            None => html! {},
        }
    };
    let pick = {
        let m = m.clone();
        Callback::from(move |i| m.dispatch(Action::SelectIdentity(i)))
    };
    html! {
        <div class="pane identity">
            <div class="pane-head">
                <h3>{ "① " }{ title }</h3>
                <span class="who">{ who }</span>
                { slot_picker(&cast.identity, s.identity_sel, pick, w.policy_select) }
            </div>
            { body }
        </div>
    }
}

fn trust_editor(s: &State, w: &Words, m: &UseReducerHandle<Model>, focus: Option<(u32, u32, u64)>) -> Html {
    let Some(cast) = &s.derived.cast else { return html! { <div class="pane" /> } };
    let role = role_name(s, cast.role);
    html! {
        <div class="pane trust">
            <div class="pane-head">
                <h3>{ "③ " }{ w.trust_title }</h3>
                <span class="who">{ crate::diagram::hat_icon() }{ " " }{ role }</span>
            </div>
            if let Some(slot) = &cast.trust {
                { policy_editor(s, m, slot, Pane::Trust, "editor-trust", w.trust_title.to_string(), focus) }
            } else {
                <textarea data-testid="editor-trust" class="empty-note" readonly=true aria-label={w.trust_title} value={w.no_role} />
            }
        </div>
    }
}

fn third_editor(s: &State, w: &Words, m: &UseReducerHandle<Model>, focus: Option<(u32, u32, u64)>) -> Html {
    let Some(cast) = &s.derived.cast else {
        // The document is not JSON: only the whole-document editor helps.
        return raw_pane(s, w, m);
    };
    let tab = match s.tab {
        Tab::Extra(i) if i >= cast.extras.len() => Tab::Permissions,
        // No role in the scenario (e.g. a bucket policy lesson): show the
        // first other policy rather than an empty permissions tab.
        Tab::Permissions if cast.role.is_none() && !cast.extras.is_empty() => Tab::Extra(0),
        t => t,
    };
    let tab_button = |t: Tab, label: String, testid: String| {
        let m = m.clone();
        let selected = tab == t;
        html! {
            <button type="button" role="tab" aria-selected={selected.to_string()} aria-controls="third-panel"
                tabindex={if selected { "0" } else { "-1" }} class={classes!("tab", selected.then_some("selected"))}
                data-testid={testid} onclick={Callback::from(move |_| m.dispatch(Action::SelectTab(t)))}>{ label }</button>
        }
    };
    let extra_title = |k: Extra| {
        let i = match k {
            Extra::RoleBoundary => 0,
            Extra::UserBoundary => 1,
            Extra::SessionPolicy => 2,
            Extra::ResourcePolicy => 3,
            Extra::Scp => 4,
        };
        w.extra_titles.get(i).copied().unwrap_or("")
    };
    let body = match tab {
        Tab::Permissions => {
            if cast.permissions.is_empty() {
                html! { <textarea data-testid="editor-permissions" class="empty-note" readonly=true aria-label={w.permissions_title} value={w.no_role} /> }
            } else {
                let sel = s.permissions_sel.min(cast.permissions.len() - 1);
                let Some(slot) = cast.permissions.get(sel) else { return html! {} };
                let pick = {
                    let m = m.clone();
                    Callback::from(move |i| m.dispatch(Action::SelectPermissions(i)))
                };
                html! {
                    <>
                        <div class="sub-head">{ slot_picker(&cast.permissions, sel, pick, w.policy_select) }</div>
                        { policy_editor(s, m, slot, Pane::Permissions, "editor-permissions", format!("{} — {}", w.permissions_title, slot.name), focus) }
                    </>
                }
            }
        }
        Tab::Extra(i) => match cast.extras.get(i) {
            Some((k, slot)) => {
                let title = match k {
                    Extra::Scp => format!("{} — {}", extra_title(*k), slot.name),
                    _ => extra_title(*k).to_string(),
                };
                policy_editor(s, m, slot, Pane::Extra(*k), "editor-extra", title, focus)
            }
            None => html! {},
        },
        Tab::Raw => raw_editor(s, w, m),
    };
    html! {
        <div class="pane third">
            <div class="pane-head tabs" role="tablist" onkeydown={tabs_keys()}>
                { tab_button(Tab::Permissions, format!("⑤ {}", w.permissions_title), "tab-permissions".into()) }
                { for cast.extras.iter().enumerate().map(|(i, (k, slot))| tab_button(Tab::Extra(i), if *k == Extra::Scp { format!("SCP {}", slot.name) } else { extra_title(*k).to_string() }, format!("tab-extra-{i}"))) }
                { tab_button(Tab::Raw, format!("{{ }} {}", w.raw_title), "tab-raw".into()) }
            </div>
            <div id="third-panel" role="tabpanel">{ body }</div>
        </div>
    }
}

/// The ARIA tabs keys: ←/→ (and Home/End) move to another tab and select it.
fn tabs_keys() -> Callback<KeyboardEvent> {
    Callback::from(|e: KeyboardEvent| {
        let Some(tab) = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
        let Some(list) = tab.parent_element() else { return };
        let next = match e.key().as_str() {
            "ArrowRight" => tab.next_element_sibling().or_else(|| list.first_element_child()),
            "ArrowLeft" => tab.previous_element_sibling().or_else(|| list.last_element_child()),
            "Home" => list.first_element_child(),
            "End" => list.last_element_child(),
            _ => return,
        };
        e.prevent_default();
        if let Some(el) = next.and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = el.focus();
            el.click();
        }
    })
}

fn raw_editor(s: &State, w: &Words, m: &UseReducerHandle<Model>) -> Html {
    let marks: Vec<playground::highlight::Mark> = s
        .derived
        .errors
        .iter()
        .map(|e| (e, playground::highlight::MarkKind::Error))
        .chain(s.warnings().iter().map(|e| (e, playground::highlight::MarkKind::Warning)))
        .map(|(e, kind)| playground::highlight::Mark {
            start: (e.position.line, e.position.column),
            end: if e.end.line == e.position.line && e.end.column > e.position.column {
                (e.end.line, e.end.column)
            } else {
                playground::highlight::token_end(&s.text, e.position.line, e.position.column)
            },
            kind,
            message: format!("{}: {}", e.path, e.message),
        })
        .collect();
    let oninput = {
        let m = m.clone();
        Callback::from(move |t: String| m.dispatch(Action::EditRaw(t)))
    };
    html! { <Editor testid="editor-raw" label={w.raw_title} text={AttrValue::from(s.text.clone())} {marks} {oninput} /> }
}

fn raw_pane(s: &State, w: &Words, m: &UseReducerHandle<Model>) -> Html {
    html! {
        <div class="pane third wide">
            <div class="pane-head"><h3>{ w.raw_title }</h3></div>
            { raw_editor(s, w, m) }
        </div>
    }
}

fn account_of(arn: &str) -> &str {
    arn.split(':').nth(4).unwrap_or("")
}

fn who_label(s: &State, who: &Who) -> String {
    let w = s.lang.words();
    let doc = s.derived.doc.as_ref();
    match who {
        Who::User(i) => doc
            .and_then(|d| playground::cast::entity_arn(d, "Users", *i))
            .map(|a| format!("{} ({})", reasons::short(&a), account_of(&a)))
            .unwrap_or_default(),
        Who::UnknownUser(a) => a.clone(),
        Who::Service(x) | Who::Federated(x) => format!("⚙ {x}"),
        Who::Session(k) => {
            format!(
                "{}: {}",
                w.session_of_step.replace("{k}", &k.to_string()),
                doc.map(|d| playground::cast::session_label(d, *k)).unwrap_or_default()
            )
        }
        Who::Nobody => String::new(),
    }
}

fn role_name(s: &State, role: Option<usize>) -> String {
    role.and_then(|r| playground::cast::entity_arn(s.derived.doc.as_ref()?, "Roles", r))
        .map(|a| format!("{} ({})", reasons::short(&a), account_of(&a)))
        .unwrap_or_default()
}

#[function_component(People)]
fn people(p: &ModelProps) -> Html {
    let m = &p.model;
    let s = &m.0;
    let w = s.lang.words();
    let new_account = use_state(|| "222222222222".to_string());
    let new_name = use_state(String::new);
    let Some(cast) = &s.derived.cast else { return html! {} };
    let Some(step) = cast.step else { return html! {} };
    let Some(doc) = &s.derived.doc else { return html! {} };
    let st = doc.get("Steps").and_then(|x| x.get(step));
    let get =
        |k: &str| st.and_then(|x| x.get(k)).map(|v| v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string())).unwrap_or_default();
    let role_arn = get("RoleArn");
    let role_account = account_of(&role_arn).to_string();
    let field = |f: fn(String) -> Field| {
        let m = m.clone();
        Callback::from(move |e: Event| {
            if let Some(i) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                m.dispatch(Action::SetField(f(i.value())));
            }
        })
    };
    let select_field = |f: fn(String) -> Option<Field>| {
        let m = m.clone();
        Callback::from(move |e: Event| {
            if let Some(i) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()) {
                if let Some(f) = f(i.value()) {
                    m.dispatch(Action::SetField(f));
                }
            }
        })
    };
    let users: Vec<String> = doc
        .get("Users")
        .and_then(|u| u.as_array())
        .map(|u| u.iter().filter_map(|x| x.get("Arn").and_then(|a| a.as_str()).map(str::to_string)).collect())
        .unwrap_or_default();
    let roles: Vec<String> = doc
        .get("Roles")
        .and_then(|u| u.as_array())
        .map(|u| u.iter().filter_map(|x| x.get("Arn").and_then(|a| a.as_str()).map(str::to_string)).collect())
        .unwrap_or_default();
    let earlier: Vec<usize> = doc
        .get("Steps")
        .and_then(|x| x.as_array())
        .map(|a| a.iter().take(step).enumerate().filter(|(_, x)| x.get("RoleArn").is_some()).map(|(i, _)| i).collect())
        .unwrap_or_default();
    let caller_value = match &cast.who {
        Who::User(i) => users.get(*i).map(|a| format!("AWS|{a}")).unwrap_or_default(),
        Who::UnknownUser(a) => format!("AWS|{a}"),
        Who::Service(x) => format!("Service|{x}"),
        Who::Session(k) => format!("Session|{k}"),
        Who::Federated(x) => format!("Federated|{x}"),
        Who::Nobody => String::new(),
    };
    let mut services = vec!["lambda.amazonaws.com".to_string(), "ec2.amazonaws.com".to_string(), "ecs-tasks.amazonaws.com".to_string()];
    if let Who::Service(x) = &cast.who {
        if !services.contains(x) {
            services.push(x.clone());
        }
    }
    let mfa = st
        .and_then(|x| x.get("Context"))
        .and_then(|c| c.get("aws:MultiFactorAuthPresent"))
        .is_some_and(|v| v == &serde_json::Value::Bool(true));
    let on_mfa = {
        let m = m.clone();
        Callback::from(move |e: Event| {
            if let Some(i) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                m.dispatch(Action::SetField(Field::Mfa(i.checked())));
            }
        })
    };
    let add_user = {
        let m = m.clone();
        let (a, n) = (new_account.clone(), new_name.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let account: String = a.chars().filter(char::is_ascii_digit).collect();
            let name = n.trim().to_string();
            if account.len() == 12 && !name.is_empty() {
                m.dispatch(Action::SetField(Field::NewUser { account, name }));
            }
        })
    };
    let text_input = |st: UseStateHandle<String>| {
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                st.set(i.value());
            }
        })
    };
    html! {
        <section class="people" aria-label={w.people_title} data-testid="people">
            <h3>{ w.people_title }{ format!(" (#{step})") }</h3>
            <div class="form-grid">
                <label class="field">
                    <span>{ w.who_calls }</span>
                    <select data-testid="people-caller" onchange={select_field(|v| {
                        let (k, x) = v.split_once('|')?;
                        let val = match k {
                            "Session" => serde_json::json!({"Session": x.parse::<u64>().ok()?}),
                            other => serde_json::json!({ other: x }),
                        };
                        Some(Field::Caller(val))
                    })}>
                        <optgroup label="IAM">
                            { for users.iter().map(|a| {
                                let same = account_of(a) == role_account;
                                let v = format!("AWS|{a}");
                                html! { <option value={v.clone()} selected={v == caller_value}>{ format!("{} — {} ({})", reasons::short(a), account_of(a), if same { w.same_account } else { w.other_account }) }</option> }
                            }) }
                        </optgroup>
                        <optgroup label={w.service}>
                            { for services.iter().map(|x| { let v = format!("Service|{x}"); html! { <option value={v.clone()} selected={v == caller_value}>{ format!("⚙ {x}") }</option> } }) }
                        </optgroup>
                        if !earlier.is_empty() {
                            <optgroup label="STS">
                                { for earlier.iter().map(|k| { let v = format!("Session|{k}"); html! { <option value={v.clone()} selected={v == caller_value}>{ w.session_of_step.replace("{k}", &k.to_string()) }</option> } }) }
                            </optgroup>
                        }
                    </select>
                </label>
                <label class="field">
                    <span>{ w.role }</span>
                    <select data-testid="people-role" onchange={select_field(|v| Some(Field::RoleArn(v)))}>
                        { for roles.iter().map(|a| html! { <option value={a.clone()} selected={*a == role_arn}>{ format!("{} ({})", reasons::short(a), account_of(a)) }</option> }) }
                    </select>
                </label>
                <label class="field">
                    <span>{ w.session_name }</span>
                    <input data-testid="people-session-name" type="text" value={get("RoleSessionName")} onchange={field(Field::SessionName)} />
                </label>
                <label class="field">
                    <span>{ w.duration }</span>
                    <input data-testid="people-duration" type="number" min="900" max="43200" step="900" placeholder="3600" value={get("DurationSeconds")} onchange={field(Field::Duration)} />
                </label>
                <label class="field">
                    <span>{ w.external_id }</span>
                    <input data-testid="people-external-id" type="text" value={get("ExternalId")} onchange={field(Field::ExternalId)} />
                </label>
                <label class="field check">
                    <input data-testid="people-mfa" type="checkbox" checked={mfa} onchange={on_mfa} />
                    <span>{ w.mfa }</span>
                </label>
            </div>
            <form class="add-user" onsubmit={add_user}>
                <span>{ w.add_user }{ ":" }</span>
                <label class="field inline"><span>{ w.account }</span>
                    <input type="text" inputmode="numeric" pattern="[0-9]{12}" size="14" value={(*new_account).clone()} oninput={text_input(new_account.clone())} data-testid="new-user-account" />
                </label>
                <label class="field inline"><span>{ w.user_name }</span>
                    <input type="text" size="12" value={(*new_name).clone()} oninput={text_input(new_name.clone())} data-testid="new-user-name" />
                </label>
                <button type="submit" data-testid="new-user-add">{ w.add }</button>
            </form>
        </section>
    }
}

fn events(s: &State, w: &Words) -> Html {
    let items: &[Happening] = s.derived.view.as_ref().map_or(&[], |v| v.happenings.as_slice());
    let refresh_row = |f: &sts::report::Refresh| -> Html {
        let result = if f.outcome == "allowed" {
            let more = if f.more > 0 { format!(" (+{})", f.more) } else { String::new() };
            format!("{} {}{more}", w.refreshed, f.access_key_id.clone().unwrap_or_default())
        } else {
            w.refresh_failed.to_string()
        };
        html! {
            <tr class="refresh"><td>{ f.at.clone() }</td><td>{ "↻ AssumeRole" }</td>
                <td>{ w.session_of_step.replace("{k}", &f.session.to_string()) }</td><td>{ result }</td></tr>
        }
    };
    let row = |h: &Happening| -> Html {
        match h {
            Happening::Step(r) | Happening::Reassume { report: r, .. } => {
                let again = matches!(h, Happening::Reassume { .. });
                if let Some(clock) = &r.clock {
                    return html! { <tr class="clock-row"><td>{ clock.clone() }</td><td colspan="3">{ format!("+{} s", r.advance.unwrap_or(0)) }</td></tr> };
                }
                let ev = r.event.as_ref();
                let time = ev.and_then(|e| e.get("eventTime")).and_then(|v| v.as_str()).unwrap_or("").to_string();
                // A request refused before any event (an expired token) still
                // shows what was attempted and by whom.
                let name = ev
                    .and_then(|e| e.get("eventName"))
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
                    .or_else(|| r.action.as_deref().map(|a| a.split_once(':').map_or(a, |(_, n)| n).to_string()))
                    .unwrap_or_default();
                let arn = ev
                    .and_then(|e| {
                        e.pointer("/userIdentity/arn")
                            .or_else(|| e.pointer("/userIdentity/invokedBy"))
                            .or_else(|| e.pointer("/userIdentity/identityProvider"))
                    })
                    .and_then(|v| v.as_str())
                    .or(r.principal.as_deref())
                    .unwrap_or("")
                    .to_string();
                let result = match (r.outcome, &r.error_code) {
                    (Some("allowed"), _) => format!("✓ {}", state_word(w, FlowState::Allowed, None)),
                    (Some(o), Some(c)) => format!("✗ {c} ({})", state_word(w, FlowState::from_sts(o), Some(o))),
                    (Some(o), None) => o.to_string(),
                    _ => String::new(),
                };
                let json = ev.map(|e| serde_json::to_string_pretty(e).unwrap_or_default()).unwrap_or_default();
                html! {
                    <tr class={classes!(r.outcome.unwrap_or(""))}>
                        <td><time>{ time }</time></td>
                        <td>
                            <details>
                                <summary>{ name }{ if again { format!(" ({})", w.assumed_again) } else { String::new() } }</summary>
                                <pre class="event-json">{ json }</pre>
                            </details>
                        </td>
                        <td><code class="wrap">{ arn }</code></td>
                        <td>{ result }</td>
                    </tr>
                }
            }
            Happening::Refresh(f) => refresh_row(f),
            Happening::Clock { secs, now, refreshes } => html! {
                <>
                    <tr class="clock-row"><td>{ policy::time::format_iso8601(*now) }</td><td colspan="3">{ format!("{} +{secs} s", w.clock_moved) }</td></tr>
                    { for refreshes.iter().map(refresh_row) }
                </>
            },
        }
    };
    html! {
        <section class="events" aria-label={w.events_title} data-testid="events">
            <h3>{ w.events_title }</h3>
            if items.is_empty() {
                <p class="muted">{ w.no_events }</p>
            } else {
                <table>
                    <thead><tr><th>{ w.time }</th><th>{ w.event }</th><th>{ w.identity }</th><th>{ w.result }</th></tr></thead>
                    <tbody>{ for items.iter().map(row) }</tbody>
                </table>
            }
        </section>
    }
}
