//! "Did you mean" help for ARNs that name nothing in the scenario.

use policy::fuzzy::did_you_mean;

use super::Scenario;

fn hint(arn: &str, known: &[&str], what: &str) -> String {
    if let Some(h) = did_you_mean(arn, known) {
        return format!("did you mean `{h}`?");
    }
    match known {
        [] => format!("the scenario has no {what}s; add one under `{}s`", capitalise(what)),
        _ => format!("known {what}s: {}", known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

pub(super) fn user_hint(s: &Scenario, arn: &str) -> String {
    let known: Vec<&str> = s.users.iter().map(|u| u.arn.as_str()).collect();
    hint(arn, &known, "user")
}

pub(super) fn role_hint(s: &Scenario, arn: &str) -> String {
    let known: Vec<&str> = s.roles.iter().map(|r| r.arn.as_str()).collect();
    hint(arn, &known, "role")
}
