//! Presets and exercises named in the address: by file name, by name
//! without its number, or by the number alone (`?preset=4`, `?preset=04`,
//! `?exercise=1`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeMap;

use playground::exercises::{self, EXERCISES};
use playground::presets;
use playground::state::Source;
use playground::url::{self, Params};
use playground::{Lang, State};
use sts::exercise::{Exercise, LoaderWarnings};

fn preset_name(wanted: &str) -> Option<&'static str> {
    presets::find(wanted).map(|p| p.name)
}

fn exercise_name(wanted: &str) -> Option<&'static str> {
    exercises::find(wanted).map(|e| e.name)
}

#[test]
fn a_preset_by_its_number() {
    for wanted in ["4", "04", "004", " 4 ", "04-lambda-service-role", "lambda-service-role", "04-lambda-service-role.json"] {
        assert_eq!(preset_name(wanted), Some("04-lambda-service-role"), "{wanted:?}");
    }
    assert_eq!(preset_name("18"), Some("18-long-term-and-temporary-credentials"));
    assert_eq!(preset_name("1"), Some("01-cross-account-switch-role"));
    for wanted in ["0", "00", "19", "99", "4x", "-4", "+4", "", "04-"] {
        assert_eq!(preset_name(wanted), None, "{wanted:?}");
    }
    assert_eq!(preset_name("blank"), Some(presets::BLANK));
}

#[test]
fn an_exercise_by_its_name_or_number() {
    for wanted in ["1", "01", "01-trust-the-right-account", "trust-the-right-account"] {
        assert_eq!(exercise_name(wanted), Some("01-trust-the-right-account"), "{wanted:?}");
    }
    assert_eq!(exercise_name("8"), Some("08-github-oidc-one-branch"));
    for wanted in ["0", "9", "blank", "01-trust-the-right-account.solution", ""] {
        assert_eq!(exercise_name(wanted), None, "{wanted:?}");
    }
    let third = exercises::find("3").unwrap();
    assert_eq!(exercises::number(&third), Some(3));
}

#[test]
fn the_address_carries_an_exercise() {
    let p = url::parse("?exercise=1&lang=ja", "");
    assert_eq!(p.exercise.as_deref(), Some("1"));
    assert_eq!(p.lang, Some(Lang::Ja));
    assert_eq!(url::parse("?exercise=trust-the-right-account", "").exercise.as_deref(), Some("trust-the-right-account"));
    assert_eq!(url::parse("?exercise=", "").exercise, None);
    assert_eq!(url::parse("?preset=04", "").preset.as_deref(), Some("04"));
}

#[test]
fn the_page_opens_a_preset_by_its_number() {
    let params = Params { preset: Some("4".into()), lang: Some(Lang::En), ..Params::default() };
    let s = State::boot(&params, &BTreeMap::new(), &[]);
    assert_eq!(s.source, Source::Preset("04-lambda-service-role".into()));
    assert!(s.notice.is_none());
}

#[test]
fn every_exercise_file_is_listed_and_fails_as_shipped() {
    let mut files: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../../exercises"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".json") && !n.ends_with(".solution.json"))
        .map(|n| n.trim_end_matches(".json").to_string())
        .collect();
    files.sort();
    let names: Vec<String> = EXERCISES.iter().map(|e| e.name.to_string()).collect();
    assert_eq!(names, files);
    assert!(EXERCISES.len() >= 8);
    for e in EXERCISES {
        let ex = Exercise::new(e.text()).unwrap_or_else(|err| panic!("{}: {err:?}", e.name));
        let judged = ex.evaluate_text(e.text(), &LoaderWarnings);
        assert!(!judged.solved, "{} is solved as shipped", e.name);
        assert!(!ex.hints().is_empty(), "{}: no hints", e.name);
        for (label, hint) in ex.labels().iter().zip(ex.hints()) {
            assert!(label.ja.is_some() && hint.ja.is_some(), "{}: a label or hint without Japanese", e.name);
        }
    }
}
