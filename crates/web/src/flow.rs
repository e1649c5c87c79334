//! Where the walk is, in words: the five steps of the flow with their
//! states and reasons (linking the deciding statement, with AWS's own
//! message kept apart from roleplay's words), the narration of the step on
//! screen, the one-line verdict pinned above the editors, and a status
//! line for screen readers.

use playground::i18n::Words;
use playground::reasons::{self, AwsMessage, StatementLink};
use playground::status::{self, state_word};
use playground::walk::{FlowState, Phase};
use playground::State;
use sts::report::{ErrorCode, Outcome};
use yew::prelude::*;

use crate::raw::Raw;

/// Each state's mark: an icon as well as a colour and a word (never an
/// emoji, which would need an emoji font).
pub fn state_icon(st: FlowState) -> &'static str {
    match st {
        FlowState::Pending => "○",
        FlowState::Active => "›",
        FlowState::Allowed => "✓",
        FlowState::Denied => "✗",
        FlowState::Error | FlowState::Rejected => "!",
        FlowState::Skipped | FlowState::NotNeeded => "–",
        FlowState::Sent => "→",
        FlowState::NotReached => "·",
    }
}

/// AWS's answer, as AWS words it, with roleplay's remark beside it.
fn aws_block(h: &mut Raw, w: &Words, a: &AwsMessage, n: usize) {
    h.open("div", &[("class", "aws"), ("data-testid", &format!("aws-{n}"))]).open("p", &[("class", "aws-message")]);
    h.el("span", &[("class", "aws-label")], w.aws_says).text(" ").el("code", &[], a.code.as_str()).text(": ");
    h.el("q", &[("lang", "en"), ("data-testid", &format!("aws-message-{n}"))], &a.message).close("p");
    if let Some(r) = &a.remark {
        h.el("p", &[("class", "remark"), ("data-testid", &format!("aws-remark-{n}"))], r);
    }
    h.close("div");
}

/// The five steps ①–⑤; a statement link emits its statement to `jump`.
/// The list is markup text; its statement links are handled by one
/// listener on the list (`data-link` is the link's index).
pub fn flow_list(s: &State, w: &Words, jump: &Callback<StatementLink>) -> Html {
    let view = s.derived.view.as_ref();
    let flow = view.map_or([FlowState::Pending; 5], |v| v.flow);
    let current = view.and_then(|v| v.phase);
    let titles = status::phase_titles(s);
    let assume = view.and_then(|v| v.assume.as_ref());
    // A clock step keeps the picture of the request before it; a call made
    // with an earlier session shows that AssumeRole's ①–④ as history.
    let stale = current == Some(Phase::Clock);
    let earlier = match (assume, view.and_then(|v| v.focus)) {
        (Some((k, _)), Some(f)) if *k != f && view.is_some_and(|v| v.again.is_none()) => Some(*k),
        _ => None,
    };
    let mut links: Vec<StatementLink> = Vec::new();
    let mut h = Raw::default();
    for (i, phase) in Phase::FLOW.iter().enumerate() {
        let st = flow.get(i).copied().unwrap_or(FlowState::Pending);
        let is_current = current == Some(*phase);
        let outcome = view.and_then(|v| reasons::flow_outcome(v, *phase));
        let sentence = view.and_then(|v| reasons::flow_sentence(s.lang, v, *phase));
        let history = earlier.filter(|_| i < 4);
        let class = format!(
            "flow-step {}{}{}",
            st.as_str(),
            if is_current { " current" } else { "" },
            if history.is_some() { " earlier" } else { "" }
        );
        h.open(
            "li",
            &[
                ("class", &class),
                ("data-testid", &format!("flow-step-{}", i + 1)),
                ("data-state", st.as_str()),
                ("aria-current", if is_current { "step" } else { "" }),
            ],
        );
        h.open("div", &[("class", "flow-head")]).el("span", &[("class", "badge"), ("aria-hidden", "true")], state_icon(st));
        h.el("span", &[("class", "flow-title")], titles.get(i).map_or("", String::as_str));
        if let Some(k) = history {
            h.el("span", &[("class", "earlier-tag")], &w.earlier.replace("{k}", &k.to_string()));
        }
        h.el("span", &[("class", "state-word")], &state_word(w, st, outcome)).close("div");
        if let Some(x) = sentence {
            h.open("p", &[("class", "reason"), ("data-testid", &format!("reason-{}", i + 1))]).text(&x.text);
            if let Some(l) = x.statement {
                h.text(" ");
                h.el(
                    "button",
                    &[("type", "button"), ("class", "linkish"), ("data-link", &links.len().to_string())],
                    &format!("{}: {} {}", w.decided_by, l.policy_name, l.label()),
                );
                links.push(l);
            }
            h.close("p");
            if let Some(a) = &x.aws {
                aws_block(&mut h, w, a, i + 1);
            }
        }
        h.close("li");
    }
    let onclick = {
        let jump = jump.clone();
        Callback::from(move |e: MouseEvent| {
            let link = crate::browser::clicked(&e, "data-link").and_then(|n| n.parse::<usize>().ok()).and_then(|n| links.get(n).cloned());
            if let Some(l) = link {
                jump.emit(l);
            }
        })
    };
    html! {
        <>
        if stale {
            <p class="stale-note" data-testid="stale">{ w.stale }</p>
        }
        <ol class={classes!("flow", stale.then_some("stale"))} aria-label={w.flow_title} data-testid="flow" {onclick}>
            { h.html() }
        </ol>
        </>
    }
}

/// The step's verdict in one line, pinned above the editors so that an
/// edit and its effect are on one screen (markup text: no handlers).
pub fn verdict(s: &State, w: &Words) -> Html {
    let view = s.derived.view.as_ref();
    let flow = view.map_or([FlowState::Pending; 5], |v| v.flow);
    let d = status::verdict(s);
    let phase = d.as_ref().map(|d| d.phase.to_string()).unwrap_or_default();
    let mut h = Raw::default();
    h.open(
        "div",
        &[
            ("class", if s.derived.errors.is_empty() { "verdict" } else { "verdict stale" }),
            ("data-testid", "verdict"),
            ("aria-label", w.verdict_label),
            ("data-state", d.as_ref().map_or("", |d| d.state.as_str())),
            ("data-phase", &phase),
        ],
    );
    h.open("span", &[("class", "verdict-flow"), ("aria-hidden", "true")]);
    for (n, st) in ["①", "②", "③", "④", "⑤"].iter().zip(flow) {
        h.el("span", &[("class", &format!("vchip {}", st.as_str()))], &format!("{n}{}", state_icon(st)));
    }
    h.close("span");
    match d {
        Some(d) => {
            h.el("span", &[("class", "verdict-step")], &format!("#{}", d.step));
            h.el("span", &[("class", "verdict-title")], &d.title);
            h.el("span", &[("class", &format!("state-word {}", d.state.as_str()))], &d.word);
            h.el("span", &[("class", "verdict-text"), ("title", &d.sentence)], &d.sentence);
        }
        None => {
            h.el("span", &[("class", "verdict-text")], if view.is_some() { w.start_hint } else { "" });
        }
    }
    h.close("div");
    h.html()
}

/// What just happened, for screen readers (a polite live region).
pub fn status(s: &State) -> Html {
    html! { <p class="sr-only" role="status" aria-live="polite" data-testid="status">{ status::status_text(s) }</p> }
}

/// The step on screen: its action, its note once shown, an "assume again"
/// made now, and whether the learner's changes made the step end otherwise
/// than the scenario says (markup text: no handlers).
pub fn narration(s: &State) -> Html {
    let Some(v) = &s.derived.view else { return Html::default() };
    let Some(f) = v.focus else { return Html::default() };
    let Some(step) = s.derived.scenario.as_ref().and_then(|x| x.steps.get(f)) else { return Html::default() };
    let outcome = v.report.as_ref().and_then(|r| r.outcome);
    let w = s.lang.words();
    let diverged = step.expect.as_ref().filter(|_| v.complete).and_then(|e| {
        let report = v.report.as_ref()?;
        (!report.meets(e)).then(|| {
            let show = |o: &str, c: Option<&str>| c.map_or_else(|| o.to_string(), |c| format!("{o} ({c})"));
            let got = outcome.map_or("", Outcome::as_str);
            let code = report.error_code.map(ErrorCode::as_str);
            w.diverged.replace("{expected}", &show(e.outcome.as_str(), e.error_code.as_deref())).replace("{actual}", &show(got, code))
        })
    });
    let action = v.report.as_ref().and_then(|r| r.action.clone().or_else(|| r.clock.clone())).unwrap_or_default();
    let mut h = Raw::default();
    h.open(
        "div",
        &[
            ("class", "narration"),
            ("data-testid", "narration"),
            ("data-step", &f.to_string()),
            ("data-outcome", outcome.map_or("", Outcome::as_str)),
            ("data-error-code", v.report.as_ref().and_then(|r| r.error_code).map_or("", ErrorCode::as_str)),
            ("data-complete", if v.complete { "true" } else { "false" }),
        ],
    );
    h.el("span", &[("class", "step-no")], &format!("#{f}")).el("code", &[], &action);
    // The scenario's note tells the outcome: only once it is shown, and
    // marked when the learner's changes made the step end otherwise.
    if let Some(d) = &diverged {
        h.el("p", &[("class", "diverged"), ("data-testid", "diverged")], d);
    }
    if let Some(n) = step.note.as_ref().filter(|_| v.complete) {
        h.el("p", &[("class", if diverged.is_some() { "script" } else { "" })], n.get(s.lang.code()));
    }
    if let Some((k, r)) = &v.again {
        let o = r.outcome;
        let st = o.map_or(FlowState::Error, FlowState::from);
        let sentence = status::verdict(s).map(|d| d.sentence).unwrap_or_default();
        let text = format!("{}: {} — {sentence}", w.again.replace("{k}", &k.to_string()), state_word(w, st, o));
        let class = format!("again {}", o.map_or("", Outcome::as_str));
        h.el(
            "p",
            &[("class", &class), ("data-testid", "again"), ("data-step", &k.to_string()), ("data-outcome", o.map_or("", Outcome::as_str))],
            &text,
        );
    }
    h.close("div");
    h.html()
}
