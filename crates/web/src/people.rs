//! Who is who around the step on screen: the people form (caller, role,
//! session name, duration, external ID, MFA, a new user) and the labels of
//! callers and roles the editors show.

use playground::cast::{people_form, CallerField, Field, Who};
use playground::reasons;
use playground::{Action, State};
use yew::prelude::*;

use crate::model::{checked, send_with, value, ModelProps};
use crate::raw::Raw;

/// The account ID in an ARN.
pub fn account_of(arn: &str) -> &str {
    arn.split(':').nth(4).unwrap_or("")
}

/// The caller, as the identity pane names it.
pub fn who_label(s: &State, who: &Who) -> String {
    let w = s.lang.words();
    let doc = s.derived.doc.as_ref();
    match who {
        Who::User(i) => doc
            .and_then(|d| playground::cast::entity_arn(d, sts::schema::key::USERS, *i))
            .map(|a| format!("{} ({})", reasons::short(&a), account_of(&a)))
            .unwrap_or_default(),
        Who::UnknownUser(a) => a.clone(),
        Who::Service(x) | Who::Federated(x) => x.clone(),
        Who::Session(k) => {
            format!(
                "{}: {}",
                w.session_of_step.replace("{k}", &k.to_string()),
                doc.map(|d| playground::cast::session_label(d, *k)).unwrap_or_default()
            )
        }
        Who::Nobody => String::new(),
    }
}

/// The role, as the trust pane names it.
pub fn role_name(s: &State, role: Option<usize>) -> String {
    role.and_then(|r| playground::cast::entity_arn(s.derived.doc.as_ref()?, sts::schema::key::ROLES, r))
        .map(|a| format!("{} ({})", reasons::short(&a), account_of(&a)))
        .unwrap_or_default()
}

#[function_component(People)]
pub fn people(p: &ModelProps) -> Html {
    let m = &p.model;
    let s = &m.0;
    let w = s.lang.words();
    let (new_account, new_name) = (use_node_ref(), use_node_ref());
    let Some(cast) = &s.derived.cast else { return html! {} };
    let Some(doc) = &s.derived.doc else { return html! {} };
    let Some(form) = people_form(doc, cast) else { return html! {} };
    let step = form.step;
    let role_account = account_of(&form.role_arn).to_string();
    let field = |f: fn(String) -> Field| send_with(m, move |e: Event| value(&e).map(|v| Action::SetField(f(v))));
    let select_field = |f: fn(String) -> Option<Field>| send_with(m, move |e: Event| value(&e).and_then(f).map(Action::SetField));
    let caller_value = form.caller.as_ref().map(CallerField::option_value).unwrap_or_default();
    let (users, roles, earlier, services, role_arn, mfa) =
        (&form.users, &form.roles, &form.earlier, &form.services, &form.role_arn, form.mfa);
    let on_mfa = send_with(m, |e: Event| checked(&e).map(|c| Action::SetField(Field::Mfa(c))));
    // The new user's fields keep what is typed until the form is sent.
    let add_user = {
        let (a, n) = (new_account.clone(), new_name.clone());
        send_with(m, move |e: SubmitEvent| {
            e.prevent_default();
            let text = |r: &NodeRef| r.cast::<web_sys::HtmlInputElement>().map(|i| i.value()).unwrap_or_default();
            let account: String = text(&a).chars().filter(char::is_ascii_digit).collect();
            let name = text(&n).trim().to_string();
            (account.len() == 12 && !name.is_empty()).then_some(Action::SetField(Field::NewUser { account, name }))
        })
    };
    // The options only show something: markup text inside the selects
    // (which stay elements of their own, keeping focus).
    let caller_options = {
        let mut h = Raw::default();
        let option = |h: &mut Raw, v: String, label: &str| {
            h.el("option", &[("value", &v), ("selected", if v == caller_value { "selected" } else { "" })], label);
        };
        h.open("optgroup", &[("label", "IAM")]);
        for a in users {
            let same = if account_of(a) == role_account { w.same_account } else { w.other_account };
            option(&mut h, format!("AWS|{a}"), &format!("{} — {} ({same})", reasons::short(a), account_of(a)));
        }
        h.close("optgroup").open("optgroup", &[("label", w.service)]);
        for x in services {
            option(&mut h, format!("Service|{x}"), x);
        }
        h.close("optgroup");
        if !earlier.is_empty() {
            h.open("optgroup", &[("label", "STS")]);
            for k in earlier {
                option(&mut h, format!("Session|{k}"), &w.session_of_step.replace("{k}", &k.to_string()));
            }
            h.close("optgroup");
        }
        h.html()
    };
    let role_options = {
        let mut h = Raw::default();
        for a in roles {
            h.el(
                "option",
                &[("value", a), ("selected", if a == role_arn { "selected" } else { "" })],
                &format!("{} ({})", reasons::short(a), account_of(a)),
            );
        }
        h.html()
    };
    html! {
        <section class="people" aria-label={w.people_title} data-testid="people">
            <h3>{ w.people_title }{ format!(" (#{step})") }</h3>
            <div class="form-grid">
                <label class="field">
                    <span>{ w.who_calls }</span>
                    <select data-testid="people-caller" onchange={select_field(|v| CallerField::from_option_value(&v).map(Field::Caller))}>
                        { caller_options }
                    </select>
                </label>
                <label class="field">
                    <span>{ w.role }</span>
                    <select data-testid="people-role" onchange={select_field(|v| Some(Field::RoleArn(v)))}>
                        { role_options }
                    </select>
                </label>
                <label class="field">
                    <span>{ w.session_name }</span>
                    <input data-testid="people-session-name" type="text" value={form.session_name.clone()} onchange={field(Field::SessionName)} />
                </label>
                <label class="field">
                    <span>{ w.duration }</span>
                    <input data-testid="people-duration" type="number" min="900" max="43200" step="900" placeholder="3600" value={form.duration.clone()} onchange={field(Field::Duration)} />
                </label>
                <label class="field">
                    <span>{ w.external_id }</span>
                    <input data-testid="people-external-id" type="text" value={form.external_id.clone()} onchange={field(Field::ExternalId)} />
                </label>
                <label class="field check">
                    <input data-testid="people-mfa" type="checkbox" checked={mfa} onchange={on_mfa} />
                    <span>{ w.mfa }</span>
                </label>
            </div>
            <form class="add-user" onsubmit={add_user}>
                <span>{ w.add_user }{ ":" }</span>
                <label class="field inline"><span>{ w.account }</span>
                    <input ref={new_account} type="text" inputmode="numeric" pattern="[0-9]{12}" size="14" value="222222222222" data-testid="new-user-account" />
                </label>
                <label class="field inline"><span>{ w.user_name }</span>
                    <input ref={new_name} type="text" size="12" data-testid="new-user-name" />
                </label>
                <button type="submit" data-testid="new-user-add">{ w.add }</button>
            </form>
        </section>
    }
}
