//! Trainer mode, the page's half: the helper worker's answer read back,
//! and a shared exercise link opening as an exercise.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::collections::BTreeMap;

use playground::trainer;
use playground::url::Params;
use playground::{Lang, State};

#[test]
fn answers_are_read_back() {
    let a = r#"{"Kind":"trainer","Want":"solution","Name":"x.solution.json","File":"{ }","Exercise":"{}","Solution":"{ }","Problems":[],"Status":"<p>ok</p>"}"#;
    assert!(trainer::is_trainer(a));
    assert!(!trainer::is_trainer(r#"{"Kind":"assist"}"#));
    let b = trainer::parse_answer(a).unwrap();
    assert_eq!((b.want.as_str(), b.name.as_str(), b.file.as_str(), b.status.as_str()), ("solution", "x.solution.json", "{ }", "<p>ok</p>"));
    assert_eq!(b.head, "", "only a form answer has the panel");
    assert_eq!(trainer::parse_answer("not json"), None);
}

#[test]
fn a_shared_exercise_opens_as_an_exercise_with_its_hints() {
    let text = include_str!("../../../exercises/01-trust-the-right-account.json");
    let params = Params { share: Some(playground::share::encode(text)), lang: Some(Lang::En), ..Params::default() };
    let s = State::boot(&params, &BTreeMap::new(), &[]);
    let e = s.exercise.as_ref().expect("an exercise");
    assert_eq!(e.number, 0, "in no index");
    assert!(e.name.starts_with("shared-"));
    assert_eq!(e.title.0, "Trust the right account");
    assert!(!e.hints.is_empty());
    assert_eq!(&*e.shipped, text);
    // A shared scenario that is no exercise is not one.
    let preset = include_str!("../../../scenarios/01-cross-account-switch-role.json");
    let params = Params { share: Some(playground::share::encode(preset)), ..Params::default() };
    assert!(State::boot(&params, &BTreeMap::new(), &[]).exercise.is_none());
}

/// An exercise that lets the learner edit only some policies locks the
/// others (`EditOnly`; the page draws them read-only).
#[test]
fn an_exercise_locks_the_policies_it_does_not_let_the_learner_edit() {
    use policy::path::JsonPath;
    let s = State::boot(&Params { exercise: Some("1".into()), ..Params::default() }, &BTreeMap::new(), &[]);
    let e = s.exercise.as_ref().unwrap();
    let path = |p: &str| JsonPath::parse(p).unwrap();
    assert!(!e.locked(&path("$.Roles[0].AssumeRolePolicyDocument")), "exercise 1 is about the trust policy");
    assert!(e.locked(&path("$.Users[0].Policies[0].PolicyDocument")));
    assert!(e.locked(&path("$.Roles[0].Policies[0].PolicyDocument")));
    // Without an `EditOnly` goal nothing is locked.
    let text = include_str!("../../../exercises/01-trust-the-right-account.json");
    let open = text.replacen("{\"EditOnly\": [\"$.Roles[0].AssumeRolePolicyDocument\"]}", "{\"NoWildcardPrincipal\": true}", 1);
    assert_ne!(open, text, "the exercise's EditOnly goal as written");
    let params = Params { share: Some(playground::share::encode(&open)), ..Params::default() };
    let shared = State::boot(&params, &BTreeMap::new(), &[]);
    assert!(!shared.exercise.unwrap().locked(&path("$.Users[0].Policies[0].PolicyDocument")));
}
