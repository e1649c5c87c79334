//! The CloudTrail-like event history up to the step on screen (with
//! credential refreshes and the learner's clock moves).

use playground::i18n::Words;
use playground::walk::{FlowState, Happening};
use playground::State;
use sts::report::Outcome;
use yew::prelude::*;

use crate::flow::state_word;

/// The events table.
pub fn events(s: &State, w: &Words) -> Html {
    let items: &[Happening] = s.derived.view.as_ref().map_or(&[], |v| v.happenings.as_slice());
    let refresh_row = |f: &sts::report::Refresh| -> Html {
        let result = if f.outcome == Outcome::Allowed {
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
                    (Some(Outcome::Allowed), _) => format!("✓ {}", state_word(w, FlowState::Allowed, None)),
                    (Some(o), Some(c)) => format!("✗ {} ({})", c.as_str(), state_word(w, FlowState::from(o), Some(o))),
                    (Some(o), None) => o.as_str().to_string(),
                    _ => String::new(),
                };
                let json = ev.map(|e| serde_json::to_string_pretty(e).unwrap_or_default()).unwrap_or_default();
                html! {
                    <tr class={classes!(r.outcome.map(Outcome::as_str))}>
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
