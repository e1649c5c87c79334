//! "How to fix": the helper worker's verified proposals for the step on
//! screen when it ends denied or in an error, each a diff with "Apply"
//! (hooks `fix-N` and `fix-apply-N`, N from 1, best first), and "undo"
//! after one is applied.

use playground::i18n::Words;
use playground::{Action, Lang, State};
use yew::prelude::*;

use crate::model::{send, Handle};

/// The proposals for the step on screen, or the undo line after a fix.
pub fn fixes_panel(s: &State, w: &Words, m: &Handle) -> Html {
    if s.undo.is_some() {
        return html! {
            <section class="fixes" data-testid="fix-applied" aria-live="polite">
                <span>{ w.fix_applied }{ " " }</span>
                <button type="button" class="ghost small" data-testid="fix-undo" onclick={send(m, Action::UndoFix)}>{ "↶ " }{ w.fix_undo }</button>
            </section>
        };
    }
    let Some(a) = s.assist.as_ref().filter(|_| s.assist_fresh) else { return html! {} };
    let Some(step) = s.derived.view.as_ref().and_then(|v| v.focus) else { return html! {} };
    let fixes: Vec<_> = a.fixes_of(step).collect();
    if fixes.is_empty() {
        return html! {};
    }
    let ja = s.lang == Lang::Ja;
    html! {
        <section class="fixes" data-testid="fixes" aria-label={w.fix_title.replace("{n}", &step.to_string())}>
            <h3>{ w.fix_title.replace("{n}", &step.to_string()) }</h3>
            <ol>
                { for fixes.iter().enumerate().map(|(k, (i, f))| html! {
                    <li data-testid={format!("fix-{}", k + 1)}>
                        <span>{ if ja { &f.ja } else { &f.en } }</span>
                        { for f.edits.iter().map(|e| html! {
                            <div class="fix-diff">
                                <span class="fix-where">{ e.policy.clone().unwrap_or_else(|| w.fix_request.to_string()) }</span>
                                if !e.before.is_empty() { <del>{ &e.before }</del> }
                                <ins>{ &e.after }</ins>
                            </div>
                        }) }
                        <button type="button" class="small" data-testid={format!("fix-apply-{}", k + 1)} onclick={send(m, Action::ApplyFix(*i))}>
                            { w.fix_apply }
                        </button>
                    </li>
                }) }
            </ol>
            <p class="small-note">{ w.fix_note }</p>
        </section>
    }
}
