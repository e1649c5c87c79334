//! The exercises (the `exercises/` files, compiled in) and their lookup by
//! name or number, for `?exercise=`. The page's exercise index, checklist
//! and hints build on this list and on `sts::exercise` (the goals judged
//! per keystroke); the reference solutions stay with `roleplay check` and
//! are not compiled into the page.

/// An exercise: its file name without `.json`, and its text as shipped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExerciseFile {
    pub name: &'static str,
    pub text: &'static str,
}

pub const EXERCISES: &[ExerciseFile] = &[
    ExerciseFile { name: "01-trust-the-right-account", text: include_str!("../../../exercises/01-trust-the-right-account.json") },
    ExerciseFile { name: "02-cross-account-both-sides", text: include_str!("../../../exercises/02-cross-account-both-sides.json") },
    ExerciseFile { name: "03-narrow-root-to-one-user", text: include_str!("../../../exercises/03-narrow-root-to-one-user.json") },
    ExerciseFile { name: "04-passrole-to-lambda-only", text: include_str!("../../../exercises/04-passrole-to-lambda-only.json") },
    ExerciseFile { name: "05-chaining-under-one-hour", text: include_str!("../../../exercises/05-chaining-under-one-hour.json") },
    ExerciseFile { name: "06-access-until-a-date", text: include_str!("../../../exercises/06-access-until-a-date.json") },
    ExerciseFile { name: "07-require-mfa-and-external-id", text: include_str!("../../../exercises/07-require-mfa-and-external-id.json") },
    ExerciseFile { name: "08-github-oidc-one-branch", text: include_str!("../../../exercises/08-github-oidc-one-branch.json") },
];

/// The exercise called `name`: the file name without `.json`, with or
/// without its number (`01-trust-the-right-account` or
/// `trust-the-right-account`), or its number alone (`1`, `01`).
pub fn find(name: &str) -> Option<ExerciseFile> {
    let name = name.trim().trim_end_matches(".json");
    EXERCISES.iter().copied().find(|e| crate::presets::named(e.name, name))
}

/// An exercise's place in the index, from 1 (its number).
pub fn number(e: &ExerciseFile) -> Option<usize> {
    EXERCISES.iter().position(|x| x.name == e.name).map(|i| i + 1)
}
