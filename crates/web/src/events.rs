//! The CloudTrail-like event history up to the step on screen (with
//! credential refreshes and the learner's clock moves), written as markup
//! text (it has no event handlers).

use playground::i18n::Words;
use playground::reasons::duration_text;
use playground::status::state_word;
use playground::walk::{FlowState, Happening};
use playground::State;
use policy::time::format_iso8601;
use sts::report::{Outcome, Refresh};
use yew::Html;

use crate::raw::Raw;

fn refresh_row(h: &mut Raw, w: &Words, f: &Refresh) {
    let result = if f.outcome == Outcome::Allowed {
        let more = if f.more > 0 { format!(" (+{})", f.more) } else { String::new() };
        format!("{} {}{more}", w.refreshed, f.access_key_id.as_deref().unwrap_or_default())
    } else {
        w.refresh_failed.to_string()
    };
    h.open("tr", &[("class", "refresh")]).el("td", &[], &f.at).el("td", &[], "↻ AssumeRole");
    h.el("td", &[], &w.session_of_step.replace("{k}", &f.session.to_string())).el("td", &[], &result).close("tr");
}

fn clock_row(h: &mut Raw, at: &str, what: &str) {
    h.open("tr", &[("class", "clock-row")]).el("td", &[], at).el("td", &[("colspan", "3")], what).close("tr");
}

/// The events table.
pub fn events(s: &State, w: &Words) -> Html {
    let items: &[Happening] = s.derived.view.as_ref().map_or(&[], |v| v.happenings.as_slice());
    let lang = s.lang;
    let mut h = Raw::default();
    h.open("section", &[("class", "events"), ("aria-label", w.events_title), ("data-testid", "events")]).el("h3", &[], w.events_title);
    if items.is_empty() {
        h.el("p", &[("class", "muted")], w.no_events);
        h.close("section");
        return h.html();
    }
    h.open("table", &[]).open("thead", &[]).open("tr", &[]);
    for t in [w.time, w.event, w.identity, w.result] {
        h.el("th", &[], t);
    }
    h.close("tr").close("thead").open("tbody", &[]);
    for item in items {
        match item {
            Happening::Step { report: r, at } | Happening::Reassume { report: r, at, .. } => {
                if let Some(clock) = &r.clock {
                    clock_row(&mut h, clock, &format!("+{}", duration_text(lang, r.advance.unwrap_or(0))));
                    continue;
                }
                let ev = r.event.as_ref();
                // A request refused before any event (expired credentials)
                // still shows when it was made, what was attempted and by whom.
                let time = format_iso8601(ev.map_or(*at, sts::event::Event::time));
                let mut name = ev
                    .map(|e| e.name().to_string())
                    .or_else(|| r.action.as_deref().map(|a| a.split_once(':').map_or(a, |(_, n)| n).to_string()))
                    .unwrap_or_default();
                if matches!(item, Happening::Reassume { .. }) {
                    name = format!("{name} ({})", w.assumed_again);
                }
                let arn = ev.map(sts::event::Event::who).or(r.principal.as_deref()).unwrap_or("");
                let result = match (r.outcome, &r.error_code) {
                    (Some(Outcome::Allowed), _) => format!("✓ {}", state_word(w, FlowState::Allowed, None)),
                    (Some(o), Some(c)) if o.is_denied() => format!("✗ {} · {}", c.as_str(), state_word(w, FlowState::Denied, Some(o))),
                    (Some(_), Some(c)) => format!("! {}", c.as_str()),
                    (Some(o), None) => o.as_str().to_string(),
                    _ => String::new(),
                };
                h.open("tr", &[("class", r.outcome.map_or("", Outcome::as_str))]);
                h.open("td", &[]).el("time", &[], &time).close("td").open("td", &[]);
                match ev {
                    Some(e) => {
                        let json = e.pretty();
                        h.open("details", &[]).el("summary", &[], &name).el("pre", &[("class", "event-json")], json).close("details");
                    }
                    None => {
                        h.text(&name);
                    }
                }
                h.close("td").open("td", &[]).el("code", &[("class", "wrap")], arn).close("td").el("td", &[], &result).close("tr");
            }
            Happening::Refresh(f) => refresh_row(&mut h, w, f),
            Happening::Clock { secs, now, refreshes } => {
                clock_row(&mut h, &format_iso8601(*now), &format!("{} +{}", w.clock_moved, duration_text(lang, *secs)));
                for f in refreshes {
                    refresh_row(&mut h, w, f);
                }
            }
        }
    }
    h.close("tbody").close("table").close("section");
    h.html()
}
