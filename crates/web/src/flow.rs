//! Where the walk is, in words: the five steps of the flow with their
//! states and reasons (linking the deciding statement), the narration of
//! the step on screen, and a status line for screen readers.

use playground::i18n::Words;
use playground::reasons::{self, StatementLink};
use playground::walk::{FlowState, Phase};
use playground::State;
use sts::report::{ErrorCode, Outcome};
use yew::prelude::*;

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

/// A flow state as a word, with the kind of denial.
pub fn state_word(w: &Words, st: FlowState, outcome: Option<Outcome>) -> String {
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
        (FlowState::Denied, Some(Outcome::ExplicitDeny)) => format!("{base} ({})", w.explicit_deny),
        (FlowState::Denied, Some(Outcome::ImplicitDeny)) => format!("{base} ({})", w.implicit_deny),
        _ => base.to_string(),
    }
}

/// The five steps ①–⑤; a statement link emits its statement to `jump`.
pub fn flow_list(s: &State, w: &Words, jump: &Callback<StatementLink>) -> Html {
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
                                    <button type="button" class="linkish" onclick={{ let l = l.clone(); jump.reform(move |_: MouseEvent| l.clone()) }}>
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
pub fn status(s: &State, w: &Words) -> Html {
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

/// The step on screen: its action, its note once shown, and whether the
/// learner's changes made it end otherwise than the scenario says.
pub fn narration(s: &State) -> Html {
    let Some(v) = &s.derived.view else { return html! {} };
    let Some(f) = v.focus else { return html! {} };
    let Some(step) = s.derived.scenario.as_ref().and_then(|x| x.steps.get(f)) else { return html! {} };
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
    let diverged_class = diverged.as_ref().map(|_| "script");
    let action = v.report.as_ref().and_then(|r| r.action.clone()).or_else(|| v.report.as_ref().and_then(|r| r.clock.clone()));
    html! {
        <div class="narration" data-testid="narration" data-step={f.to_string()} data-outcome={outcome.map_or("", Outcome::as_str)}
             data-error-code={v.report.as_ref().and_then(|r| r.error_code).map_or("", ErrorCode::as_str)} data-complete={v.complete.to_string()}>
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
