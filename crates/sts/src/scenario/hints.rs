//! "Did you mean" help for ARNs that name nothing in the scenario.
//!
//! Bounded: the loader asks only for the errors it lists, a hint compares
//! against the scenario's names only while the load's [`FUZZY_BUDGET`](super::quota::FUZZY_BUDGET) of
//! names lasts, and the list of known names shown instead is cut short.

use policy::fuzzy::did_you_mean;

use super::Scenario;

/// Known names listed in a hint at most.
const SHOWN: usize = 5;

fn hint(arn: &str, known: &[&str], what: &str, budget: &mut usize) -> String {
    if known.len() <= *budget {
        *budget -= known.len();
        if let Some(h) = did_you_mean(arn, known) {
            return format!("did you mean `{h}`?");
        }
    }
    let shown: Vec<String> = known.iter().take(SHOWN).map(|k| format!("`{k}`")).collect();
    match known.len() {
        0 => format!("the scenario has no {what}s; add one under `{}s`", capitalise(what)),
        n if n <= SHOWN => format!("known {what}s: {}", shown.join(", ")),
        n => format!("known {what}s: {} and {} more", shown.join(", "), n - SHOWN),
    }
}

/// `s` with its first letter in capitals (ASCII: the hints are English;
/// Unicode's case tables would add 12 KB to the page's WebAssembly).
fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => std::iter::once(f.to_ascii_uppercase()).chain(c).collect(),
        None => String::new(),
    }
}

pub(super) fn user_hint(s: &Scenario, arn: &str, budget: &mut usize) -> String {
    let known: Vec<&str> = s.users.iter().map(|u| u.arn.as_str()).collect();
    hint(arn, &known, "user", budget)
}

pub(super) fn role_hint(s: &Scenario, arn: &str, budget: &mut usize) -> String {
    let known: Vec<&str> = s.roles.iter().map(|r| r.arn.as_str()).collect();
    hint(arn, &known, "role", budget)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::quota::FUZZY_BUDGET;

    #[test]
    fn hints_suggest_within_the_budget_and_list_a_few_names_after() {
        let known = ["arn:aws:iam::1:role/a", "arn:aws:iam::1:role/b"];
        let mut budget = FUZZY_BUDGET;
        assert_eq!(hint("arn:aws:iam::1:role/c", &known, "role", &mut budget), "did you mean `arn:aws:iam::1:role/a`?");
        assert_eq!(budget, FUZZY_BUDGET - 2);
        let mut spent = 1;
        assert_eq!(
            hint("arn:aws:iam::1:role/c", &known, "role", &mut spent),
            "known roles: `arn:aws:iam::1:role/a`, `arn:aws:iam::1:role/b`"
        );
        let many: Vec<String> = (0..8).map(|i| format!("r{i}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        assert_eq!(hint("zzzzzz", &many, "role", &mut budget), "known roles: `r0`, `r1`, `r2`, `r3`, `r4` and 3 more");
        assert_eq!(hint("x", &[], "user", &mut budget), "the scenario has no users; add one under `Users`");
    }
}
