//! The preset texts the page loads lazily (`presets.json`): a preset asked
//! for before its text arrives waits, then opens; a failed load says so
//! and keeps the scenario on screen.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::collections::BTreeMap;
use std::rc::Rc;

use playground::presets::{self, Library, PRESETS};
use playground::state::{Notice, Source};
use playground::url::Params;
use playground::{Action, State};

/// `presets.json` as the build writes it: an object from name to text.
fn bundle(names: &[&str]) -> String {
    let mut m = serde_json::Map::new();
    for p in PRESETS.iter().filter(|p| names.is_empty() || names.contains(&p.name)) {
        m.insert(p.name.into(), serde_json::Value::String(p.text().into()));
    }
    serde_json::Value::Object(m).to_string()
}

#[test]
fn the_page_holds_the_first_preset_and_learns_the_rest_from_the_bundle() {
    let lib = Library::embedded();
    assert_eq!(lib.text(PRESETS[0].name), Some(PRESETS[0].text()));
    assert!(lib.text(PRESETS[3].name).is_none());
    assert!(lib.text(presets::BLANK).is_some());
    assert!(!lib.complete());
    let full = lib.with_bundle(&bundle(&[])).unwrap();
    assert!(full.complete());
    assert_eq!(full, Library::bundled());
    assert!(lib.with_bundle("{\"99-no-such\": \"{}\"}").unwrap_err().contains("99-no-such"));
    assert!(lib.with_bundle("[1]").is_err());
    assert!(lib.with_bundle("{\"01-cross-account-switch-role\": 1}").is_err());
    assert!(lib.with_bundle("{").is_err());
}

#[test]
fn a_preset_in_the_address_waits_for_its_text_then_opens() {
    let params = Params { preset: Some("4".into()), ..Params::default() };
    let mut s = State::boot_with(&params, &BTreeMap::new(), &[], Rc::new(Library::embedded()));
    assert_eq!(s.pending.as_ref().map(|(n, _)| n.as_str()), Some("04-lambda-service-role"));
    // Meanwhile the first preset is on screen (the page waits for the
    // texts before its first render when the address names one).
    assert_eq!(s.source, Source::Preset(PRESETS[0].name.into()));
    s.apply(Action::Library(Ok(Rc::new(Library::embedded().with_bundle(&bundle(&["04-lambda-service-role"])).unwrap()))));
    assert_eq!(s.source, Source::Preset("04-lambda-service-role".into()));
    assert!(s.pending.is_none());
    assert!(s.derived.errors.is_empty() && s.derived.scenario.is_some());
    // The text known, revert has an original to go back to.
    assert_eq!(s.original().as_deref(), Some(s.text.as_str()));
}

#[test]
fn a_preset_chosen_from_the_menu_waits_and_a_failed_load_keeps_the_screen() {
    let mut s = State::boot_with(&Params::default(), &BTreeMap::new(), &[], Rc::new(Library::embedded()));
    let before = s.text.clone();
    s.apply(Action::LoadPreset { name: "07-role-chaining".into(), saved: None });
    assert_eq!(s.pending.as_ref().map(|(n, _)| n.as_str()), Some("07-role-chaining"));
    assert_eq!(s.text, before, "nothing changes until the text arrives");
    s.apply(Action::Library(Err("offline".into())));
    assert!(s.pending.is_none());
    assert_eq!(s.notice, Some(Notice::PresetsUnavailable("offline".into())));
    assert_eq!(s.text, before);
    // Once loaded (a later try), the library stays for every other preset.
    s.apply(Action::LoadPreset { name: "07-role-chaining".into(), saved: None });
    s.apply(Action::Library(Ok(Rc::new(Library::bundled()))));
    assert_eq!(s.source, Source::Preset("07-role-chaining".into()));
    s.apply(Action::LoadPreset { name: "9".into(), saved: None });
    assert_eq!(s.source, Source::Preset("09-expired-credentials".into()));
    assert!(s.pending.is_none());
    s.apply(Action::Import { name: "x.json".into(), text: "{}".into() });
    assert!(s.library.complete(), "opening another scenario keeps the texts");
}

#[test]
fn a_saved_preset_without_its_text_has_no_original_yet() {
    let mut store = BTreeMap::new();
    let mut s = State::boot_with(&Params::default(), &store, &[], Rc::new(Library::bundled()));
    s.apply(Action::LoadPreset { name: "05-ec2-instance-profile".into(), saved: None });
    s.apply(Action::EditRaw(s.text.replacen("\"Scenario\": 1", "\"Scenario\": 1 ", 1)));
    assert!(s.save(&mut store));
    let again = State::boot_with(&Params::default(), &store, &[], Rc::new(Library::embedded()));
    assert_eq!(again.text, s.text, "the saved text comes back without the bundle");
    assert!(again.original().is_none());
}
