//! "How to fix": the helper worker's verified proposals for the step on
//! screen when it ends denied or in an error, each a diff with "Apply"
//! (hooks `fix-N` and `fix-apply-N`, N from 1, best first), and "undo"
//! after one is applied. Markup text (see `raw.rs`) with one delegated
//! click handler.

use playground::i18n::Words;
use playground::{Action, Lang, State};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::model::{send_with, Handle};
use crate::raw::Raw;

/// The proposals for the step on screen, or the undo line after a fix.
pub fn fixes_panel(s: &State, w: &Words, m: &Handle) -> Html {
    let mut h = Raw::default();
    if s.undo.is_some() {
        h.open("section", &[("class", "fixes"), ("data-testid", "fix-applied"), ("aria-live", "polite")]);
        h.el("span", &[], &format!("{} ", w.fix_applied));
        h.el(
            "button",
            &[("type", "button"), ("class", "ghost small"), ("data-testid", "fix-undo"), ("data-undo", "1")],
            &format!("↶ {}", w.fix_undo),
        );
        h.close("section");
    } else {
        let Some(a) = s.assist.as_ref().filter(|_| s.assist_fresh) else { return html! {} };
        let Some(step) = s.derived.view.as_ref().and_then(|v| v.focus) else { return html! {} };
        let fixes: Vec<_> = a.fixes_of(step).collect();
        if fixes.is_empty() {
            return html! {};
        }
        let title = w.fix_title.replace("{n}", &step.to_string());
        h.open("section", &[("class", "fixes"), ("data-testid", "fixes"), ("aria-label", &title)]);
        h.el("h3", &[], &title).open("ol", &[]);
        for (k, (i, f)) in fixes.iter().enumerate() {
            h.open("li", &[("data-testid", &format!("fix-{}", k + 1))]);
            h.el("span", &[], if s.lang == Lang::Ja { &f.ja } else { &f.en });
            for e in &f.edits {
                h.open("div", &[("class", "fix-diff")]);
                h.el("span", &[("class", "fix-where")], e.policy.as_deref().unwrap_or(w.fix_request));
                if !e.before.is_empty() {
                    h.el("del", &[], &e.before);
                }
                h.el("ins", &[], &e.after).close("div");
            }
            let attrs =
                [("type", "button"), ("class", "small"), ("data-testid", &format!("fix-apply-{}", k + 1)), ("data-fix", &i.to_string())];
            h.el("button", &attrs, w.fix_apply).close("li");
        }
        h.close("ol").el("p", &[("class", "small-note")], w.fix_note).close("section");
    }
    let onclick = send_with(m, |e: MouseEvent| {
        let el = e.target()?.dyn_into::<web_sys::Element>().ok()?.closest("button").ok()??;
        if el.has_attribute("data-undo") {
            return Some(Action::UndoFix);
        }
        el.get_attribute("data-fix")?.parse().ok().map(Action::ApplyFix)
    });
    html! { <div class="fixes-frame" {onclick}>{ h.html() }</div> }
}

/// The step on screen as the AWS CLI runs it (`cli-command`) and what the
/// AWS CLI would print, from the helper worker; "copy" puts the command on
/// the clipboard.
pub fn cli_panel(s: &State, w: &Words) -> Html {
    let Some(a) = s.assist.as_ref().filter(|_| s.assist_fresh) else { return html! {} };
    let Some(step) = s.derived.view.as_ref().and_then(|v| v.focus) else { return html! {} };
    let Some((_, Some(command), markup)) = a.cli.iter().find(|(i, _, _)| *i == step) else { return html! {} };
    let mut h = Raw::default();
    h.open("details", &[("class", "cli"), ("data-testid", "cli")]);
    h.el("summary", &[], &w.cli_title.replace("{n}", &step.to_string()));
    // The worker's markup: the command and what the AWS CLI prints, escaped.
    h.0.push_str(markup);
    h.close("details");
    let copy = {
        let command = command.clone();
        Callback::from(move |_: MouseEvent| crate::browser::copy_to_clipboard(&command))
    };
    html! {
        <div class="cli-frame">
            { h.html() }
            <button type="button" class="ghost small" data-testid="cli-copy" onclick={copy}>{ w.cli_copy }</button>
        </div>
    }
}
