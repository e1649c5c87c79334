//! What the page tells the learner outside the flow: a dismissable notice
//! at the top (a restored edit, a bad link, a full store…) and the list of
//! reasons the scenario cannot run.

use playground::i18n::Words;
use playground::state::Notice;
use playground::State;
use yew::prelude::*;

use crate::raw::Raw;

/// The notice, if any; `dismiss` closes it.
pub fn notice(s: &State, w: &Words, dismiss: Callback<MouseEvent>) -> Html {
    let Some(n) = &s.notice else { return html! {} };
    let (class, text) = match n {
        Notice::ShareBad(e) => ("warn", w.share_bad.replace("{error}", e)),
        Notice::Restored => ("info", w.restored.to_string()),
        Notice::ImportBad(e) => ("warn", w.import_bad.replace("{error}", e)),
        Notice::StorageFull => ("warn", w.storage_full.to_string()),
        Notice::StorageBlocked => ("quiet", w.storage_blocked.to_string()),
        Notice::Copied => ("info", w.copied.to_string()),
        Notice::UnknownPreset(n) => ("warn", w.unknown_preset.replace("{name}", n)),
        Notice::UnknownExercise(n) => ("warn", w.unknown_exercise.replace("{name}", n)),
        Notice::PresetsUnavailable(why) => ("warn", w.presets_unavailable.replace("{why}", why)),
        Notice::AccountNeedsWorker => ("warn", w.account_needs_worker.to_string()),
        Notice::AccountImported(notes) => {
            let ja = s.lang == playground::Lang::Ja;
            let listed: Vec<&str> = notes.iter().take(5).map(|(en, jp)| if ja { jp.as_str() } else { en.as_str() }).collect();
            let more = notes.len().saturating_sub(listed.len());
            let mut text = w.account_imported.replace("{n}", &notes.len().to_string());
            if !listed.is_empty() {
                text.push(' ');
                text.push_str(&listed.join(" · "));
            }
            if more > 0 {
                text.push_str(&format!(" (+{more})"));
            }
            ("info", text)
        }
    };
    html! {
        <div class={classes!("notice", class)} role="status" data-testid="notice">
            <span>{ text }</span>
            <button type="button" class="ghost" onclick={dismiss} aria-label={w.dismiss}>{ "×" }</button>
        </div>
    }
}

/// Why the document does not load, each with where (at most 20, then how
/// many more the loader found), as markup text (no handlers).
pub fn load_errors(s: &State, w: &Words) -> Html {
    const SHOWN: usize = 20;
    if s.derived.errors.is_empty() {
        return Html::default();
    }
    let mut h = Raw::default();
    h.open("section", &[("class", "load-errors"), ("role", "alert"), ("data-testid", "load-errors")]);
    h.open("p", &[]).el("strong", &[], w.cannot_run).close("p");
    if s.derived.stale {
        h.el("p", &[("class", "last-good"), ("data-testid", "last-good")], w.last_good);
    }
    h.open("ul", &[]);
    for e in s.derived.errors.iter().take(SHOWN) {
        h.open("li", &[]).el("code", &[], &e.path.to_string());
        let inner = e.policy_position.map(|p| format!("; policy {}:{}", p.line, p.column)).unwrap_or_default();
        h.text(&format!(" ({} {}, {} {}{inner}): {}", w.line, e.position.line, w.column, e.position.column, e.message));
        if let Some(help) = &e.help {
            h.el("span", &[("class", "help")], &format!(" — {}: {help}", w.help));
        }
        h.close("li");
    }
    let more = sts::scenario::total_errors(&s.derived.errors).saturating_sub(SHOWN);
    if more > 0 {
        h.el("li", &[("class", "more")], &format!("… (+{more})"));
    }
    h.close("ul").close("section");
    h.html()
}
