//! The temporary credentials on screen: keys (the secret hidden until
//! asked), expiry with a countdown, and "assume again".

use playground::i18n::Words;
use playground::reasons;
use playground::{Action, State};
use yew::prelude::*;

use crate::model::{send, Handle};

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
    html! {
        <section class={classes!("token", state)} data-testid="token" data-state={state} aria-label={label} aria-live="polite">
            <header>
                <h3>{ w.token_title }</h3>
                <span class={classes!("pill", state)}>{ if t.expired { format!("✗ {}", w.expired) } else { format!("✓ {}", w.valid) } }</span>
            </header>
            <dl>
                <dt>{ "AccessKeyId" }</dt><dd><code data-testid="token-access-key">{ &t.access_key_id }</code></dd>
                <dt>{ "SecretAccessKey" }</dt>
                <dd>
                    <code class="secret" data-testid="token-secret">{ secret }</code>
                    <button type="button" class="ghost small" onclick={reveal} aria-pressed={s.reveal_secret.to_string()} data-testid="token-reveal">
                        { if s.reveal_secret { w.hide } else { w.show } }
                    </button>
                </dd>
                <dt>{ "SessionToken" }</dt><dd><code title={t.session_token.clone()}>{ token_short }</code></dd>
                <dt>{ "AssumedRoleUser" }</dt><dd><code class="wrap">{ &t.arn }</code></dd>
                <dt>{ "Expiration" }</dt><dd><time data-testid="token-expiration" datetime={exp_iso.clone()}>{ exp_iso.clone() }</time></dd>
            </dl>
            <div class="countdown" role="timer" aria-label={w.expires_in}>
                // An SVG bar: its width is an attribute, not an inline style
                // (which the page's Content-Security-Policy forbids).
                <svg class="bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true">
                    <rect class="fill" width={pct.to_string()} height="8" />
                </svg>
                <span data-testid="token-countdown">{ if t.expired { format!("{} {}", w.expired_ago, reasons::countdown(-left)) } else { format!("{} {}", w.expires_in, reasons::countdown(left)) } }</span>
            </div>
            if let Some(svc) = &t.service {
                <p class="small-note">{ "↻ " }{ w.refreshed_by.replace("{service}", svc) }</p>
            }
            if t.chained {
                <p class="small-note">{ w.chained_note }</p>
            }
            <button type="button" data-testid="assume-again" onclick={again} class={classes!(t.expired.then_some("primary"))}>{ "↺ " }{ w.assume_again }</button>
        </section>
    }
}
