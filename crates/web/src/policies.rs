//! The policy editors around the step on screen: ① the caller's identity
//! policies, ③ the role's trust policy, and a tabbed third pane (⑤ the
//! role's permissions, boundaries, session, resource and SCPs, or the
//! whole document), each marked with what decided the step.

use playground::cast::{Extra, Who};
use playground::doc::Slot;
use playground::i18n::Words;
use playground::marks::{self, Pane};
use playground::state::Tab;
use playground::{Action, State};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::editor::Editor;
use crate::model::{send, send_with, value, Handle};
use crate::people::{role_name, who_label};
use crate::raw::Raw;

/// Where an editor's caret goes (line, column, nonce), e.g. from a statement link.
pub type Focus = Option<(u32, u32, u64)>;

/// One policy of the document, edited in place.
fn policy_editor(s: &State, m: &Handle, slot: &Slot, pane: Pane, testid: &'static str, label: String, focus: Focus) -> Html {
    let marks = marks::marks(s, slot, pane);
    let oninput = {
        let (path, exists, name) = (slot.path.clone(), slot.exists, slot.name.clone());
        send_with(m, move |text: String| Some(Action::EditPolicy { path: path.clone(), exists, name: name.clone(), text }))
    };
    // An exercise that lets the learner edit only other policies locks this one.
    let readonly = s.exercise.as_ref().is_some_and(|e| e.locked(&slot.path));
    html! {
        <Editor testid={testid} label={label} text={AttrValue::from(slot.text.clone())} {marks} {oninput} {focus} {readonly}
            placeholder={AttrValue::from(s.lang.words().new_policy_hint)} after={in_words(s, slot, testid)} />
    }
}

/// The policy read aloud under its editor (the helper worker's markup, for
/// the text on screen): `words-<editor>`.
fn in_words(s: &State, slot: &Slot, testid: &str) -> Option<AttrValue> {
    let pw = s.assist.as_ref().filter(|_| s.assist_fresh).and_then(|a| a.words_of(&slot.path.to_string()))?;
    let items = if s.lang == playground::Lang::Ja { &pw.ja } else { &pw.en };
    let id = format!("words-{}", testid.trim_start_matches("editor-"));
    let mut h = Raw::default();
    h.open("details", &[("class", "words"), ("data-testid", &id)]).el("summary", &[], s.lang.words().in_words).open("ul", &[]);
    h.0.push_str(items);
    h.close("ul").close("details");
    Some(AttrValue::from(h.0))
}

/// The name of the policy shown, or a choice when there are several (emits an index).
fn slot_picker(slots: &[Slot], sel: usize, on: Callback<usize>, label: &str) -> Html {
    if slots.len() < 2 {
        return html! { <span class="policy-name">{ slots.first().map(|x| x.name.clone()).unwrap_or_default() }</span> };
    }
    let mut h = Raw::default();
    for (i, x) in slots.iter().enumerate() {
        h.option(&i.to_string(), i == sel, &x.name);
    }
    let options = h.html();
    let onchange = Callback::from(move |e: Event| {
        if let Some(v) = value(&e) {
            on.emit(v.parse().unwrap_or(0));
        }
    });
    html! {
        <select class="policy-pick" aria-label={label.to_string()} {onchange}>
            { options }
        </select>
    }
}

/// ① The caller's identity policies (none for a service or a federated caller).
pub fn identity_editor(s: &State, w: &Words, m: &Handle, focus: Focus) -> Html {
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
    let pick = send_with(m, |i| Some(Action::SelectIdentity(i)));
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

/// ③ The role's trust policy.
pub fn trust_editor(s: &State, w: &Words, m: &Handle, focus: Focus) -> Html {
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

/// The tabs: ⑤ the role's permissions, the other policies, the whole document.
pub fn third_editor(s: &State, w: &Words, m: &Handle, focus: Focus) -> Html {
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
        let selected = tab == t;
        html! {
            <button type="button" role="tab" aria-selected={selected.to_string()} aria-controls="third-panel"
                tabindex={if selected { "0" } else { "-1" }} class={classes!("tab", selected.then_some("selected"))}
                data-testid={testid} onclick={send::<MouseEvent>(m, Action::SelectTab(t))}>{ label }</button>
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
                let pick = send_with(m, |i| Some(Action::SelectPermissions(i)));
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

/// The whole scenario document, marked with load errors and warnings.
fn raw_editor(s: &State, w: &Words, m: &Handle) -> Html {
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
            tag: None,
            message: format!("{}: {}", e.path, e.message),
        })
        .collect();
    let oninput = send_with(m, |t: String| Some(Action::EditRaw(t)));
    html! { <Editor testid="editor-raw" label={w.raw_title} text={AttrValue::from(s.text.clone())} {marks} {oninput} /> }
}

fn raw_pane(s: &State, w: &Words, m: &Handle) -> Html {
    html! {
        <div class="pane third wide">
            <div class="pane-head"><h3>{ w.raw_title }</h3></div>
            { raw_editor(s, w, m) }
        </div>
    }
}
