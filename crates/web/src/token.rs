//! The temporary credentials on screen: keys (the secret hidden until
//! asked), expiry with a countdown, and "assume again".

use playground::i18n::Words;
use playground::reasons;
use playground::{Action, State};
use yew::prelude::*;

use crate::model::{send, Handle};
use crate::raw::Raw;

/// A line of the card: its name, the element and its attributes, the value.
type Row<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)], &'a str);

/// The lines of a card's `<dl>`.
fn terms(h: &mut Raw, rows: &[Row]) {
    for (dt, tag, attrs, value) in rows {
        h.el("dt", &[], dt).open("dd", &[]).el(tag, attrs, value).close("dd");
    }
}

/// The token card, while the step on screen has a session.
pub fn token_card(s: &State, w: &Words, m: &Handle) -> Html {
    let Some(v) = &s.derived.view else { return html! {} };
    let Some(t) = &v.token else { return html! {} };
    let left = t.expiration - v.now;
    let total = t.duration.max(1);
    let pct = (left.clamp(0, total) * 100) / total;
    let state = if t.expired { "expired" } else { "valid" };
    let secret = if s.reveal_secret { t.secret_access_key.clone() } else { "•".repeat(40) };
    let token_short = {
        let n = t.session_token.chars().count();
        let head: String = t.session_token.chars().take(16).collect();
        let tail: String = t.session_token.chars().skip(n.saturating_sub(8)).collect();
        format!("{head}…{tail}")
    };
    let reveal = send(m, Action::RevealSecret(!s.reveal_secret));
    let again = send(m, Action::AssumeAgain);
    let exp_iso = policy::time::format_iso8601(t.expiration);
    let label = format!("{}: {} {}, {}", w.token_title, t.access_key_id, if t.expired { w.expired } else { w.valid }, exp_iso);
    // What only shows something is markup text; the two buttons stay
    // elements of their own (they keep focus across renders).
    let mut h = Raw::default();
    h.open("header", &[]).el("h3", &[], w.token_title);
    let pill = if t.expired { format!("✗ {}", w.expired) } else { format!("✓ {}", w.valid) };
    h.el("span", &[("class", &format!("pill {state}"))], &pill).close("header").open("dl", &[]);
    let rows: [Row; 5] = [
        ("AccessKeyId", "code", &[("data-testid", "token-access-key")], &t.access_key_id),
        ("SecretAccessKey", "code", &[("class", "secret"), ("data-testid", "token-secret")], &secret),
        ("SessionToken", "code", &[("title", &t.session_token)], &token_short),
        ("AssumedRoleUser", "code", &[("class", "wrap")], &t.arn),
        ("Expiration", "time", &[("data-testid", "token-expiration"), ("datetime", &exp_iso)], &exp_iso),
    ];
    terms(&mut h, &rows);
    h.close("dl").open("div", &[("class", "countdown"), ("role", "timer"), ("aria-label", w.expires_in)]);
    // An SVG bar: its width is an attribute, not an inline style (which the
    // page's Content-Security-Policy forbids).
    let svg = [("class", "bar"), ("viewBox", "0 0 100 8"), ("preserveAspectRatio", "none"), ("aria-hidden", "true")];
    h.open("svg", &svg).el("rect", &[("class", "fill"), ("width", &pct.to_string()), ("height", "8")], "").close("svg");
    h.el("span", &[("data-testid", "token-countdown")], &countdown_text(w, t.expired, left)).close("div");
    if let Some(svc) = &t.service {
        let note = if svc.starts_with("ec2.") { w.refreshed_by_ec2.to_string() } else { w.refreshed_by.replace("{service}", svc) };
        h.el("p", &[("class", "small-note"), ("data-testid", "token-refresh")], &format!("↻ {note}"));
    }
    if t.chained {
        h.el("p", &[("class", "small-note")], w.chained_note);
    }
    // The long-term key of the user who asked, for comparison (AKIA: no
    // session token, no expiration).
    if let Some(key) = &t.caller_key {
        h.open("section", &[("class", "long-term"), ("data-testid", "token-long-term")]).el("h4", &[], w.long_term_title).open("dl", &[]);
        let rows: [Row; 3] = [
            ("AccessKeyId", "code", &[("data-testid", "long-term-access-key")], key),
            ("SessionToken", "span", &[], w.long_term_none),
            ("Expiration", "span", &[("data-testid", "long-term-expiration")], w.long_term_never),
        ];
        terms(&mut h, &rows);
        h.close("dl").el("p", &[("class", "small-note")], w.long_term_note).close("section");
    }
    html! {
        <section class={classes!("token", state)} data-testid="token" data-state={state} aria-label={label} aria-live="polite">
            { h.html() }
            <div class="token-actions">
                <button type="button" class="ghost small" onclick={reveal} aria-pressed={s.reveal_secret.to_string()} data-testid="token-reveal">
                    { if s.reveal_secret { w.hide } else { w.show } }{ " SecretAccessKey" }
                </button>
                <button type="button" data-testid="assume-again" onclick={again} class={classes!(t.expired.then_some("primary"))}>{ "↺ " }{ w.assume_again }</button>
            </div>
        </section>
    }
}

/// "expires in 0:59:59"; once past, "expired" — and how long ago only when
/// it is not this very second.
fn countdown_text(w: &Words, expired: bool, left: i64) -> String {
    match (expired, left) {
        (false, l) => format!("{} {}", w.expires_in, reasons::countdown(l)),
        (true, 0) => w.expired.to_string(),
        (true, l) => w.expired_ago.replace("{t}", &reasons::countdown(-l)),
    }
}
