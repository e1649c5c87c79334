//! Walking the flow: back, next and restart, the position, the clock
//! (play, speed, +1 hour), and the strip of the scenario's steps.

use playground::i18n::Words;
use playground::reasons;
use playground::state::SPEEDS;
use playground::{Action, State};
use sts::report::Outcome;
use yew::prelude::*;

use crate::model::{send, send_with, value, Handle, ModelProps};
use crate::raw::Raw;

#[function_component(StepControls)]
pub fn step_controls(p: &ModelProps) -> Html {
    let m = &p.model;
    let s = &m.0;
    let w = s.lang.words();
    let total = s.frame_count();
    let cursor = s.cursor.min(total);
    let d = |a: Action| send::<MouseEvent>(m, a);
    let onspeed = send_with(m, |e: Event| value(&e).map(|v| Action::SetSpeed(v.parse().unwrap_or(60))));
    let now = s.derived.view.as_ref().map(|v| v.now);
    let speeds = {
        let mut h = Raw::default();
        for sp in SPEEDS {
            h.option(&sp.to_string(), sp == s.speed, &format!("×{sp}"));
        }
        h.html()
    };
    html! {
        <div class="controls">
            <div class="step-buttons" role="group" aria-label={w.position}>
                <button type="button" data-testid="step-reset" onclick={d(Action::Restart)} disabled={cursor == 0 && s.interventions.is_empty()}>{ "⟲ " }{ w.restart }</button>
                // aria-disabled, not disabled: the button keeps keyboard focus at either end.
                <button type="button" data-testid="step-prev" onclick={d(Action::Prev)} aria-disabled={(cursor == 0).to_string()}>{ "◂ " }{ w.prev }</button>
                <button type="button" class="primary" data-testid="step-next" onclick={d(Action::Next)} aria-disabled={(cursor >= total).to_string()}>{ w.next }{ " ▸" }</button>
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
                    <button type="button" data-testid="clock-play" onclick={d(Action::Play)} aria-pressed="false" disabled={now.is_none()}>{ "► " }{ w.play }</button>
                }
                <label class="field inline">
                    <span>{ w.speed }</span>
                    <select data-testid="clock-speed" onchange={onspeed}>
                        { speeds }
                    </select>
                </label>
                <button type="button" data-testid="clock-advance" onclick={d(Action::Advance(3600))} disabled={now.is_none()}>{ w.advance_hour }</button>
            </div>
        </div>
    }
}

/// The scenario's steps as chips: the outcome of each one already shown,
/// the one on screen marked; a click jumps to the end of that step.
pub fn step_strip(s: &State, w: &Words, m: &Handle) -> Html {
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
                    let label = r.and_then(|r| r.action.clone().or_else(|| r.advance.map(|a| format!("+{}", reasons::duration_text(s.lang, a))))).unwrap_or_default();
                    let outcome = r.and_then(|r| r.outcome).filter(|_| shown);
                    let icon = match outcome {
                        Some(Outcome::Allowed) => "✓",
                        Some(Outcome::Error) => "!",
                        Some(_) => "✗",
                        None => "",
                    };
                    let target = s.derived.frames.iter().rposition(|f| f.step == i).map_or(0, |p| p + 1);
                    let onclick = send(m, Action::GoTo(target));
                    html! {
                        <li>
                            <button type="button" class={classes!("chip", outcome.map(Outcome::as_str), (focus == Some(i)).then_some("current"))}
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
