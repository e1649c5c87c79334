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
    // The exercises come in their own file, exercises.json.
    let mut ex = serde_json::Map::new();
    for e in playground::exercises::EXERCISES {
        ex.insert(e.name.into(), serde_json::Value::String(e.text().into()));
    }
    assert!(full.exercise_text("01-trust-the-right-account").is_none());
    let full = full.with_exercises(&serde_json::Value::Object(ex).to_string()).unwrap();
    assert_eq!(full, Library::bundled());
    assert!(full.with_exercises("{\"01-cross-account-switch-role\": \"x\"}").is_err(), "a preset is not an exercise");
    assert!(lib.with_bundle("{\"99-no-such\": \"{}\"}").unwrap_err().contains("99-no-such"));
    assert!(lib.with_bundle("[1]").is_err());
    assert!(lib.with_bundle("{\"01-cross-account-switch-role\": 1}").is_err());
    assert!(lib.with_bundle("{").is_err());
}

#[test]
fn a_preset_in_the_address_waits_for_its_text_then_opens() {
    let params = Params { preset: Some("4".into()), ..Params::default() };
    let mut s = State::boot_with(&params, &BTreeMap::new(), &[], Rc::new(Library::embedded()), None);
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
    let mut s = State::boot_with(&Params::default(), &BTreeMap::new(), &[], Rc::new(Library::embedded()), None);
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
    let mut s = State::boot_with(&Params::default(), &store, &[], Rc::new(Library::bundled()), None);
    s.apply(Action::LoadPreset { name: "05-ec2-instance-profile".into(), saved: None });
    s.apply(Action::EditRaw(s.text.replacen("\"Scenario\": 1", "\"Scenario\": 1 ", 1)));
    assert!(s.save(&mut store));
    let again = State::boot_with(&Params::default(), &store, &[], Rc::new(Library::embedded()), None);
    assert_eq!(again.text, s.text, "the saved text comes back without the bundle");
    assert!(again.original().is_none());
}

/// The helper worker's answer as the page reads it (the shape
/// `crates/assist` writes), kept only while it is for the text on screen.
#[test]
fn an_answer_is_used_for_its_own_text_and_a_fix_can_be_applied_and_undone() {
    use playground::assist::{self, Assist};
    let mut s = State::boot_with(&Params::default(), &BTreeMap::new(), &[], Rc::new(Library::bundled()), None);
    let original = s.text.clone();
    let fixed = original.replacen("\"Scenario\": 1", "\"Scenario\": 1 ", 1);
    let answer = serde_json::json!({
        "Id": 1,
        "For": assist::fingerprint(&s.text),
        "Catalogue": true,
        "Findings": [{"FindingType": "SECURITY_WARNING", "IssueCode": "ROLE_TRUST_POLICY_ALLOWS_ALL_PRINCIPALS",
            "Policy": "$.Roles[0].AssumeRolePolicyDocument", "InPolicyText": true, "Start": [7, 9], "End": [7, 11],
            "Message": {"en": "everyone", "ja": "全員"}}],
        "Fixes": [{"Step": 0, "Reason": {"en": "r", "ja": "理由"}, "Edits": [{"Policy": null, "Before": "a", "After": "b"}], "Text": fixed}],
    })
    .to_string();
    let a = Assist::parse(&answer).unwrap();
    assert!(a.catalogue && a.fits(&s.text));
    assert_eq!(a.findings[0].start, (7, 9));
    assert_eq!(a.fixes_of(0).count(), 1);
    assert!(Assist::parse("{\"Error\": \"no\"}").is_err());
    assert!(assist::request(3, "x\"y", None).contains("\"x\\\"y\""));
    s.apply(Action::Assisted(Rc::new(a)));
    assert!(s.assist_fresh);
    // The finding is marked in the trust policy's editor, with its type and code.
    let cast = s.derived.cast.clone().unwrap();
    let trust = cast.trust.as_ref().unwrap();
    let marks = playground::marks::marks(&s, trust, playground::marks::Pane::Trust);
    let m = marks.iter().find(|m| m.tag.is_some()).unwrap();
    assert_eq!(m.tag.as_ref().unwrap().1, "ROLE_TRUST_POLICY_ALLOWS_ALL_PRINCIPALS");
    assert_eq!(m.kind, playground::highlight::MarkKind::Security);
    s.apply(Action::ApplyFix(0));
    assert_eq!(s.text, fixed);
    assert!(!s.assist_fresh, "the answer was for the text before");
    assert!(s.undo.is_some());
    s.apply(Action::UndoFix);
    assert_eq!(s.text, original);
    assert!(s.assist_fresh, "back to the text the answer is for");
    // A fix of a stale answer is not applied.
    s.apply(Action::EditRaw(fixed.clone()));
    s.apply(Action::ApplyFix(0));
    assert!(s.undo.is_none());
}

/// Completion answers are read against the text asked about; offsets move
/// between the textarea's UTF-16 units and the engine's bytes.
#[test]
fn completion_offsets_and_answers() {
    use playground::assist::{byte_offset, completion_request, is_completion, parse_completion, utf16_offset};
    let text = "{\"ロール\": \"s3:Ge\"}";
    // `ロ` is one UTF-16 unit and three bytes.
    let caret16 = utf16_offset(text, text.find("Ge").unwrap() + 2);
    assert_eq!(byte_offset(text, caret16), text.find("Ge").unwrap() + 2);
    assert_eq!(byte_offset(text, 9_999), text.len());
    let req = completion_request(5, "editor-identity", text, caret16);
    let v: serde_json::Value = serde_json::from_str(&req).unwrap();
    assert_eq!(v["Complete"]["Caret"], text.find("Ge").unwrap() + 2);
    let from = text.find("s3:").unwrap();
    let answer = serde_json::json!({"Kind": "completion", "Id": 5, "Editor": "editor-identity",
        "Completion": {"From": from, "Items": [{"Insert": "s3:GetObject", "Detail": "Read"}]}})
    .to_string();
    assert!(is_completion(&answer));
    let c = parse_completion(&answer, text).unwrap();
    assert_eq!((c.id, c.editor.as_str(), c.from), (5, "editor-identity", utf16_offset(text, from)));
    assert_eq!(c.items, [("s3:GetObject".to_string(), "Read".to_string())]);
    assert!(parse_completion("{\"Kind\":\"completion\",\"Id\":1,\"Completion\":null}", text).is_none());
    assert!(!is_completion("{\"Kind\":\"assist\"}"));
}

/// `?exercise=N` opens the exercise with its hints; the hints shown and
/// "solved" (when the worker says every goal is met for the text on
/// screen) are kept per exercise.
#[test]
fn an_exercise_keeps_its_hints_and_solved_mark() {
    use playground::assist::{self, Assist};
    use playground::store::Progress;
    let params = Params { exercise: Some("1".into()), ..Params::default() };
    let mut store = BTreeMap::new();
    let mut s = State::boot(&params, &store, &[]);
    assert_eq!(s.source, Source::Exercise("01-trust-the-right-account".into()));
    let e = s.exercise.clone().unwrap();
    assert_eq!((e.number, e.progress), (1, Progress::default()));
    assert!(e.hints.len() >= 3);
    s.apply(Action::NextHint);
    // An answer for another text does not solve it; one for this text does.
    let answer = |text: &str| {
        Assist::parse(&serde_json::json!({"For": assist::fingerprint(text), "Goals": [{"Met": true, "Label": {"en": "g", "ja": "g"}}], "Solved": true}).to_string()).unwrap()
    };
    s.apply(Action::Assisted(Rc::new(answer("something else"))));
    assert!(!s.exercise.as_ref().unwrap().progress.solved);
    assert_eq!(s.solved.len(), playground::exercises::EXERCISES.len());
    assert!(!s.solved[0]);
    s.apply(Action::Assisted(Rc::new(answer(&s.text.clone()))));
    assert!(s.exercise.as_ref().unwrap().progress.solved);
    assert!(s.solved[0], "the index's ✓ follows");
    assert!(s.save(&mut store));
    assert_eq!(Progress::read(&store, "01-trust-the-right-account"), Progress { hints: 1, solved: true });
    let again = State::boot(&params, &store, &[]);
    assert!(again.solved[0] && !again.solved[1], "read from the store at boot");
    assert_eq!(again.exercise.unwrap().progress, Progress { hints: 1, solved: true });
    // Unknown, and damaged progress reads as none.
    let none = State::boot(&Params { exercise: Some("99".into()), ..Params::default() }, &BTreeMap::new(), &[]);
    assert_eq!(none.notice, Some(Notice::UnknownExercise("99".into())));
    store.insert("roleplay.v1.progress.01-trust-the-right-account".into(), "{".into());
    assert_eq!(Progress::read(&store, "01-trust-the-right-account"), Progress::default());
}
