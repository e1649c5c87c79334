//! The exercise on screen: its goals as a checklist that follows the
//! learner's typing (`goal-N` with `data-state` `met|unmet`, judged by the
//! helper worker), whether it is solved (`exercise-solved`, `data-state`
//! `solved|unsolved`), and its hints one at a time (`hint-next`). Markup
//! text with one delegated click handler.

use playground::i18n::Words;
use playground::{Action, Lang, State};
use yew::prelude::*;

use crate::model::{send_with, Handle};
use crate::raw::Raw;

/// The exercise panel, when the scenario on screen is an exercise.
pub fn exercise_panel(s: &State, w: &Words, m: &Handle) -> Html {
    let Some(e) = &s.exercise else { return html! {} };
    let ja = s.lang == Lang::Ja;
    let pick = |en: &str, jp: &str| if ja { jp.to_string() } else { en.to_string() };
    let judged = s.assist.as_ref().filter(|_| s.assist_fresh).and_then(|a| Some((a.goals.as_ref()?, a.solved)));
    let solved = judged.is_some_and(|(_, solved)| solved);
    let mut h = Raw::default();
    h.open(
        "section",
        &[("class", if solved { "exercise solved" } else { "exercise" }), ("data-testid", "exercise"), ("aria-live", "polite")],
    );
    h.open("header", &[]);
    let number = if e.number == 0 { String::new() } else { format!(" {}", e.number) };
    h.el("h3", &[], &format!("{}{number} · {}", w.exercise, pick(&e.title.0, &e.title.1)));
    let state = if solved { "solved" } else { "unsolved" };
    let said = if solved { format!("✓ {}", w.exercise_solved) } else { format!("○ {}", w.exercise_unsolved) };
    h.el("span", &[("class", &format!("pill {state}")), ("data-testid", "exercise-solved"), ("data-state", state)], &said);
    h.close("header");
    match judged {
        Some((goals, _)) => {
            h.open("ol", &[("class", "goals")]);
            for (i, g) in goals.iter().enumerate() {
                let st = if g.met { "met" } else { "unmet" };
                h.open("li", &[("class", st), ("data-testid", &format!("goal-{}", i + 1)), ("data-state", st)]);
                h.el("span", &[("class", "mark"), ("aria-hidden", "true")], if g.met { "✓" } else { "○" });
                h.el("span", &[], &pick(&g.en, &g.ja));
                if let (false, Some((den, dja))) = (g.met, &g.detail) {
                    h.el("small", &[("class", "detail")], &pick(den, dja));
                }
                h.close("li");
            }
            h.close("ol");
        }
        None => {
            h.el("p", &[("class", "small-note")], w.exercise_checking);
        }
    }
    let shown = e.progress.hints.min(e.hints.len());
    if shown > 0 {
        h.open("ol", &[("class", "hints"), ("data-testid", "hints")]);
        for (en, jp) in e.hints.iter().take(shown) {
            h.el("li", &[], &pick(en, jp));
        }
        h.close("ol");
    }
    if shown < e.hints.len() {
        let label = w.hint_next.replace("{n}", &(shown + 1).to_string()).replace("{total}", &e.hints.len().to_string());
        h.el("button", &[("type", "button"), ("class", "ghost small"), ("data-testid", "hint-next"), ("data-hint", "1")], &label);
    }
    h.close("section");
    let onclick = send_with(m, |ev: MouseEvent| crate::browser::clicked(&ev, "data-hint").map(|_| Action::NextHint));
    html! { <div class="exercise-frame" {onclick}>{ h.html() }</div> }
}
