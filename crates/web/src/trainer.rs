//! Trainer mode (`data-testid="trainer"`): the scenario on screen made into
//! an exercise, as Learn Git Branching's level builder makes a level. Keep
//! the learner's start, fix the scenario (it becomes the solution), pick
//! goals from what happens now, what the learner may edit, a title and
//! hints in both languages; the helper worker builds and checks the files
//! (`playground::trainer`, `assist::trainer`). The panel is the worker's
//! markup (its words are not in this WebAssembly) with one delegated click
//! handler (`data-act`); the form is read when a button is pressed, and
//! nothing but the summary is drawn, or asked for, while it is closed.
//! Its state is one cell of the page's component (no component of its own:
//! each costs the first load kilobytes).

use std::cell::RefCell;
use std::rc::Rc;

use playground::trainer::{self, Built};
use playground::{Lang, State};
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use crate::browser;
use crate::header::ShareLink;

/// What the panel holds between renders.
#[derive(Default)]
pub struct Panel {
    open: bool,
    /// The kept start.
    start: Option<String>,
    /// What the panel was last asked for (language, kept, text).
    asked: String,
    built: Built,
    status: String,
    link: String,
}

/// The panel's cell, a way to redraw, and its form.
#[derive(Clone)]
pub struct TrainerHooks {
    panel: Rc<RefCell<Panel>>,
    redraw: UseForceUpdateHandle,
    form: NodeRef,
}

#[hook]
pub fn use_trainer() -> TrainerHooks {
    let panel = use_mut_ref(Panel::default);
    let redraw = use_force_update();
    let form = use_node_ref();
    let hooks = TrainerHooks { panel, redraw, form };
    // The worker's answers: the panel, or a built exercise to deliver.
    let registered = use_mut_ref(|| false);
    if !std::mem::replace(&mut *registered.borrow_mut(), true) {
        let h = hooks.clone();
        browser::on_answer(browser::Ask::Trainer, move |text| {
            let Some(b) = trainer::parse_answer(&text) else { return };
            h.panel.borrow_mut().status.clone_from(&b.status);
            match b.want.as_str() {
                "form" => h.panel.borrow_mut().built = b,
                _ if b.file.is_empty() => {}
                "link" => {
                    let h = h.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        if let Some(href) = ShareLink::compute(b.file, String::new()).await {
                            browser::copy_to_clipboard(&href);
                            h.panel.borrow_mut().link = href;
                            h.redraw.force_update();
                        }
                    });
                }
                _ => browser::download(&b.name, &b.file),
            }
            h.redraw.force_update();
        });
    }
    hooks
}

/// Asks the worker for the panel (`form`) or to build the exercise
/// (`want`) from the kept start, `text` and the form's fields (`form`, or
/// none): the request `assist::trainer` reads, made by the browser's own
/// JSON writer.
fn ask(p: &Panel, text: &str, lang: Lang, form: Option<&NodeRef>, want: &str) {
    let fields = form.map_or_else(js_sys::Object::new, read_form);
    let set = |k: &str, v: &JsValue| {
        let _ = js_sys::Reflect::set(&fields, &k.into(), v);
    };
    set("Want", &want.into());
    set("Lang", &lang.code().into());
    set("Current", &text.into());
    set("Start", &p.start.as_deref().map_or(JsValue::NULL, JsValue::from));
    let request = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&request, &"Trainer".into(), &fields);
    if let Some(json) = js_sys::JSON::stringify(&request).ok().and_then(|j| j.as_string()) {
        browser::ask_helper(&json, browser::Ask::Trainer);
    }
}

/// The trainer panel.
pub fn trainer_panel(s: &State, t: &TrainerHooks) -> Html {
    let ontoggle = {
        let t = t.clone();
        Callback::from(move |e: Event| {
            t.panel.borrow_mut().open =
                e.target().and_then(|x| x.dyn_into::<web_sys::Element>().ok()).is_some_and(|d| d.has_attribute("open"));
            t.redraw.force_update();
        })
    };
    let summary = html! { <summary>{ s.lang.words().trainer_title }</summary> };
    let mut p = t.panel.borrow_mut();
    if !p.open {
        p.asked.clear();
        return html! { <details class="trainer" data-testid="trainer" {ontoggle}>{ summary }</details> };
    }
    // The panel for the scenario on screen, asked for again when it changes.
    let key = [s.lang.code(), if p.start.is_some() { "k" } else { "-" }, &s.text].concat();
    if p.asked != key {
        // With what is ticked, so the choices drawn again keep it.
        ask(&p, &s.text, s.lang, Some(&t.form), "form");
        p.asked = key;
    }
    let onclick = {
        let (t, text, lang) = (t.clone(), s.text.clone(), s.lang);
        Callback::from(move |e: MouseEvent| {
            let act = browser::clicked(&e, "data-act");
            let mut p = t.panel.borrow_mut();
            match act.as_deref() {
                Some("keep") => {
                    p.start = Some(text.clone());
                    p.asked.clear();
                    drop(p);
                    t.redraw.force_update();
                }
                Some(want) => ask(&p, &text, lang, Some(&t.form), want),
                None => {}
            }
        })
    };
    let raw = |m: &str| Html::from_html_unchecked(AttrValue::from(m.to_string()));
    html! {
        <details class="trainer" data-testid="trainer" open=true {ontoggle}>
            { summary }
            <div class="trainer-form" ref={t.form.clone()} {onclick}>
                <div>{ raw(&p.built.head) }</div>
                <div aria-live="polite">{ raw(&p.status) }</div>
                <div>{ raw(&p.built.choices) }</div>
                <div>{ raw(&p.built.fields) }</div>
            </div>
            if !p.link.is_empty() {
                <p class="small-note"><a data-testid="trainer-link-url" href={p.link.clone()}>{ p.link.clone() }</a></p>
            }
        </details>
    }
}

/// The form's fields as the request has them: the ticked goals (JSON
/// texts) and policies, the titles and the hints as typed.
fn read_form(form: &NodeRef) -> js_sys::Object {
    let out = js_sys::Object::new();
    let (goals, edit) = (js_sys::Array::new(), js_sys::Array::new());
    if let Some(el) = form.cast::<web_sys::Element>() {
        let inputs = el.get_elements_by_tag_name("input");
        for i in 0..inputs.length() {
            let Some(input) = inputs.item(i).and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok()) else { continue };
            let (name, value) = (input.name(), JsValue::from(input.value()));
            match name.as_str() {
                "goal" | "edit" if !input.checked() => {}
                "goal" => drop(goals.push(&value)),
                "edit" => drop(edit.push(&value)),
                _ => drop(js_sys::Reflect::set(&out, &name.into(), &value)),
            }
        }
        let areas = el.get_elements_by_tag_name("textarea");
        for i in 0..areas.length() {
            if let Some(area) = areas.item(i).and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) {
                let _ = js_sys::Reflect::set(&out, &area.name().into(), &area.value().into());
            }
        }
    }
    let _ = js_sys::Reflect::set(&out, &"Goals".into(), &goals);
    let _ = js_sys::Reflect::set(&out, &"EditOnly".into(), &edit);
    out
}
