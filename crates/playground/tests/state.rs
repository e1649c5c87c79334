//! The playground's logic end to end, natively: presets walked frame by
//! frame against their `Expect`s, edits, the clock, "assume again",
//! storage, share links, the address and the editor colouring.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeMap;

use playground::cast::{Field, Who};
use playground::doc;
use playground::highlight::{self, Mark, MarkKind};
use playground::presets::{self, PRESETS};
use playground::state::{Notice, Source, Store, LANG_KEY};
use playground::url::{self, Params};
use playground::walk::{FlowState, Phase};
use playground::{Action, Lang, State};
use policy::path::JsonPath;
use policy::PolicySource;
use sts::report::{ErrorCode, Outcome};

fn preset(name: &str) -> State {
    let params = Params { preset: Some(name.into()), lang: Some(Lang::En), ..Params::default() };
    State::boot(&params, &BTreeMap::new(), &[])
}

fn flow(s: &State) -> [&'static str; 5] {
    s.derived.view.as_ref().unwrap().flow.map(FlowState::as_str)
}

fn walk_to(s: &mut State, phase: Phase) {
    while s.derived.view.as_ref().unwrap().phase != Some(phase) {
        assert!(s.cursor < s.frame_count(), "never reached {phase:?}");
        s.apply(Action::Next);
    }
}

#[test]
fn every_scenario_file_is_a_preset() {
    let mut files: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../../scenarios"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".json"))
        .map(|n| n.trim_end_matches(".json").to_string())
        .collect();
    files.sort();
    let names: Vec<String> = PRESETS.iter().map(|p| p.name.to_string()).collect();
    assert_eq!(names, files);
    assert_eq!(presets::find("cross-account-switch-role").unwrap().name, "01-cross-account-switch-role");
    assert!(presets::find("blank").is_some());
    assert!(presets::find("no-such").is_none());
    let first = presets::find("01-cross-account-switch-role").unwrap();
    assert_eq!(presets::title(&first, Lang::En), "Switch role across accounts");
    assert_eq!(presets::title(&first, Lang::Ja), "アカウントをまたいでスイッチロール");
}

#[test]
fn walking_every_preset_meets_its_expectations() {
    for p in PRESETS {
        let mut s = preset(p.name);
        assert!(s.derived.errors.is_empty(), "{}: {:?}", p.name, s.derived.errors);
        let scenario = s.derived.scenario.clone().unwrap();
        let mut checked = 0;
        while s.cursor < s.frame_count() {
            s.apply(Action::Next);
            let v = s.derived.view.as_ref().unwrap();
            for st in v.flow {
                assert!(FlowState::ALL.contains(&st));
            }
            // ⑤ is never shown allowed beside a denied ③.
            assert!(!(v.flow[2] == FlowState::Denied && v.flow[4] == FlowState::Allowed), "{} {:?}", p.name, v.flow);
            let (Some(f), true) = (v.focus, v.complete) else { continue };
            let Some(expect) = &scenario.steps[f].expect else { continue };
            let r = v.report.as_ref().unwrap();
            assert_eq!(r.outcome, Some(expect.outcome), "{} step {f}", p.name);
            if let Some(code) = &expect.error_code {
                assert_eq!(r.error_code.map(ErrorCode::as_str), Some(code.as_str()), "{} step {f}", p.name);
            }
            // The flow agrees with the outcome; once the step is over nothing
            // of it still waits: what it never got to is "not reached".
            if r.flow.is_some() {
                assert!(!v.flow[..4].contains(&FlowState::Pending), "{} step {f}: {:?}", p.name, v.flow);
                assert!([FlowState::Sent, FlowState::Rejected, FlowState::Error].contains(&v.flow[1]), "② is a request: {:?}", v.flow);
            }
            match (r.flow.is_some(), r.outcome) {
                (true, Some(Outcome::Allowed)) => assert_eq!(v.flow[3], FlowState::Allowed),
                (true, Some(Outcome::Error)) => {
                    assert!(matches!(v.flow[1], FlowState::Error | FlowState::Rejected), "{} step {f}: {:?}", p.name, v.flow);
                    assert_eq!(&v.flow[2..], [FlowState::NotReached; 3], "{} step {f}", p.name);
                }
                (true, _) => assert!(v.flow[0] == FlowState::Denied || v.flow[2] == FlowState::Denied, "{} step {f}", p.name),
                (false, Some(o)) => assert_eq!(v.flow[4], FlowState::from(o), "{} step {f}", p.name),
                (false, None) => {}
            }
            checked += 1;
        }
        let expected = scenario.steps.iter().filter(|st| st.expect.is_some()).count();
        assert_eq!(checked, expected, "{}", p.name);
    }
}

#[test]
fn the_flow_lights_up_phase_by_phase() {
    let mut s = preset("01-cross-account-switch-role");
    assert_eq!(flow(&s), ["active", "pending", "pending", "pending", "pending"]);
    s.apply(Action::Next);
    assert_eq!(flow(&s), ["allowed", "active", "pending", "pending", "pending"]);
    assert!(s.derived.view.as_ref().unwrap().token.is_none());
    s.apply(Action::Next);
    s.apply(Action::Next);
    assert_eq!(flow(&s), ["allowed", "sent", "allowed", "active", "pending"]);
    s.apply(Action::Next);
    assert_eq!(flow(&s), ["allowed", "sent", "allowed", "allowed", "active"]);
    let t = s.derived.view.as_ref().unwrap().token.clone().unwrap();
    assert!(t.access_key_id.starts_with("ASIA") && !t.expired);
    assert_eq!(t.arn, "arn:aws:sts::111111111111:assumed-role/test_EC2ReadOnlyAccess_Role/user_A");
    // Beside them, user_A's own long-term key: "AKIA" is an access key,
    // "ASIA" a temporary (AWS STS) one (IAM User Guide, "Unique
    // identifiers": https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-prefixes).
    let key = t.caller_key.as_deref().unwrap();
    assert!(key.starts_with("AKIA") && key.len() == 20, "{key}");
    s.apply(Action::Next);
    assert_eq!(flow(&s), ["allowed", "sent", "allowed", "allowed", "allowed"]);
    s.apply(Action::Prev);
    assert_eq!(flow(&s)[4], "active");
    s.apply(Action::Restart);
    assert_eq!(s.cursor, 0);
}

#[test]
fn a_service_skips_the_identity_check() {
    let mut s = preset("04-lambda-service-role");
    assert_eq!(flow(&s)[0], "skipped");
    assert!(matches!(s.derived.cast.as_ref().unwrap().who, Who::Service(_)));
    s.apply(Action::Next);
    assert_eq!(s.derived.view.as_ref().unwrap().phase, Some(Phase::Request));
}

#[test]
fn expiry_then_assume_again() {
    let mut s = preset("01-cross-account-switch-role");
    walk_to(&mut s, Phase::Issue);
    let before = s.derived.view.as_ref().unwrap().token.clone().unwrap();
    s.apply(Action::Advance(3600));
    assert!(s.derived.view.as_ref().unwrap().token.as_ref().unwrap().expired);
    s.apply(Action::Next);
    let v = s.derived.view.as_ref().unwrap();
    assert_eq!(v.flow[4], FlowState::Error);
    assert_eq!(v.report.as_ref().unwrap().error_code, Some(ErrorCode::ExpiredToken));
    s.apply(Action::AssumeAgain);
    let t = s.derived.view.as_ref().unwrap().token.clone().unwrap();
    assert!(!t.expired);
    assert_ne!(t.access_key_id, before.access_key_id);
    assert_eq!(t.expiration, before.expiration + 3600);
    // The clock and the new token replay when walking back and forth.
    s.apply(Action::Prev);
    s.apply(Action::Next);
    assert_eq!(s.derived.view.as_ref().unwrap().token.as_ref().unwrap().access_key_id, t.access_key_id);
}

#[test]
fn assume_again_is_refused_once_the_date_window_closed() {
    // Preset 08 trusts the account only between 09:00 and 12:00.
    let mut s = preset("08-time-limited-access");
    let mut found = false;
    while s.cursor < s.frame_count() {
        s.apply(Action::Next);
        if s.derived.view.as_ref().unwrap().token.is_some() {
            found = true;
            break;
        }
    }
    assert!(found, "a token is issued inside the window");
    s.apply(Action::Advance(5 * 3600));
    s.apply(Action::AssumeAgain);
    let v = s.derived.view.as_ref().unwrap();
    let (_, r) = v.assume.as_ref().unwrap();
    assert_eq!(r.outcome, Some(Outcome::ImplicitDeny), "the right to assume has a date limit; the credentials only expire");
    assert_eq!(v.flow[2], FlowState::Denied);
    assert!(v.token.as_ref().unwrap().expired, "the old credentials stay expired");
}

#[test]
fn playing_the_clock_moves_it_at_speed() {
    let mut s = preset("01-cross-account-switch-role");
    walk_to(&mut s, Phase::Issue);
    let now = s.derived.view.as_ref().unwrap().now;
    s.apply(Action::SetSpeed(3600));
    s.apply(Action::Tick(250)); // paused: nothing
    assert_eq!(s.derived.view.as_ref().unwrap().now, now);
    s.apply(Action::Play);
    for _ in 0..4 {
        s.apply(Action::Tick(250));
    }
    assert_eq!(s.derived.view.as_ref().unwrap().now, now + 3600);
    assert_eq!(s.interventions.len(), 1, "ticks merge into one clock move");
    assert!(s.derived.view.as_ref().unwrap().token.as_ref().unwrap().expired);
}

#[test]
fn a_service_refreshes_its_credentials() {
    let mut s = preset("04-lambda-service-role");
    walk_to(&mut s, Phase::Issue);
    let token = s.derived.view.as_ref().unwrap().token.clone().unwrap();
    // A service has no long-term key of its own to compare with.
    assert_eq!(token.caller_key, None);
    let key = token.access_key_id;
    s.apply(Action::Advance(3 * 3600));
    let v = s.derived.view.as_ref().unwrap();
    let t = v.token.as_ref().unwrap();
    assert!(!t.expired, "Lambda refreshes before expiry");
    assert_ne!(t.access_key_id, key);
    let refreshes: usize = v
        .happenings
        .iter()
        .map(|h| match h {
            playground::walk::Happening::Clock { refreshes, .. } => refreshes.len(),
            _ => 0,
        })
        .sum();
    assert!(refreshes >= 3, "{refreshes}");
}

#[test]
fn editing_the_trust_policy_changes_the_decision() {
    let mut s = preset("01-cross-account-switch-role");
    walk_to(&mut s, Phase::Trust);
    assert_eq!(flow(&s)[2], "allowed");
    let slot = s.derived.cast.as_ref().unwrap().trust.clone().unwrap();
    let edited = slot.text.replace("222222222222", "333333333333");
    s.apply(Action::EditPolicy { path: slot.path.clone(), exists: true, name: slot.name.clone(), text: edited.clone() });
    assert_eq!(flow(&s)[2], "denied");
    assert_eq!(s.derived.view.as_ref().unwrap().report.as_ref().unwrap().outcome, Some(Outcome::ImplicitDeny));
    // Only the policy's string changed in the document.
    assert!(s.text.contains("333333333333:root"));
    assert_eq!(s.derived.cast.as_ref().unwrap().trust.as_ref().unwrap().text, edited);

    // Broken JSON: located errors, nothing typed is lost, fixing restores.
    let broken = edited.replacen("\"Version\"", "\"Version\" :: ", 1);
    s.apply(Action::EditPolicy { path: slot.path.clone(), exists: true, name: slot.name.clone(), text: broken.clone() });
    assert!(!s.derived.errors.is_empty());
    assert_eq!(s.derived.cast.as_ref().unwrap().trust.as_ref().unwrap().text, broken);
    let marks = playground::marks::marks(&s, s.derived.cast.as_ref().unwrap().trust.as_ref().unwrap(), playground::marks::Pane::Trust);
    let err = marks.iter().find(|m| m.kind == MarkKind::Error).expect("an underlined error");
    assert_eq!(err.start.0, 2, "{err:?}");
    s.apply(Action::EditPolicy { path: slot.path, exists: true, name: slot.name, text: slot.text });
    assert!(s.derived.errors.is_empty());
    assert_eq!(flow(&s)[2], "allowed", "the cursor stayed on ③");
}

#[test]
fn deciding_statements_are_marked() {
    let mut s = preset("01-cross-account-switch-role");
    walk_to(&mut s, Phase::Trust);
    let cast = s.derived.cast.clone().unwrap();
    let trust = playground::marks::marks(&s, cast.trust.as_ref().unwrap(), playground::marks::Pane::Trust);
    assert!(trust.iter().any(|m| m.kind == MarkKind::Allow && m.start.0 == 4), "{trust:?}");
    let identity = playground::marks::marks(&s, &cast.identity[0], playground::marks::Pane::Identity);
    assert!(identity.iter().any(|m| m.kind == MarkKind::Allow));
    // A reason's link finds the editor that shows its statement.
    use playground::marks::{locate, Pane};
    assert_eq!(locate(&cast, PolicySource::Trust, "AssumeRolePolicyDocument"), Some((Pane::Trust, 0)));
    assert_eq!(locate(&cast, PolicySource::User, "S3FullAccessInDevelopment"), Some((Pane::Identity, 1)));
    assert_eq!(locate(&cast, PolicySource::Role, "AmazonEC2ReadOnlyAccess"), Some((Pane::Permissions, 0)));
    assert_eq!(locate(&cast, PolicySource::Scp, "Nothing"), None);
    // Before ① is decided nothing is highlighted.
    s.apply(Action::Restart);
    let identity = playground::marks::marks(&s, &cast.identity[0], playground::marks::Pane::Identity);
    assert!(identity.is_empty());
}

#[test]
fn creating_a_missing_identity_policy() {
    let mut s = preset("01-cross-account-switch-role");
    // Step 4: user_B, who has no policies.
    while s.derived.view.as_ref().unwrap().focus != Some(4) {
        s.apply(Action::Next);
    }
    let cast = s.derived.cast.clone().unwrap();
    assert_eq!(cast.who, Who::User(1));
    assert!(!cast.identity[0].exists);
    assert_eq!(s.derived.view.as_ref().unwrap().report.as_ref().unwrap().outcome, Some(Outcome::ImplicitDeny));
    let policy = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}"#;
    let slot = &cast.identity[0];
    s.apply(Action::EditPolicy { path: slot.path.clone(), exists: false, name: slot.name.clone(), text: policy.into() });
    assert!(s.derived.errors.is_empty(), "{:?}", s.derived.errors);
    assert_eq!(s.derived.view.as_ref().unwrap().report.as_ref().unwrap().outcome, Some(Outcome::Allowed));
}

#[test]
fn the_people_form_edits_the_step() {
    let mut s = preset("01-cross-account-switch-role");
    s.apply(Action::SetField(Field::SessionName("bad name!".into())));
    walk_to(&mut s, Phase::Request);
    let r = s.derived.view.as_ref().unwrap().report.clone().unwrap();
    assert_eq!(r.error_code, Some(ErrorCode::ValidationError));
    assert_eq!(flow(&s)[1], "rejected", "STS rejected the request's parameter");
    s.apply(Action::SetField(Field::SessionName("ok-name".into())));
    s.apply(Action::SetField(Field::Duration("7200".into())));
    let r = s.derived.view.as_ref().unwrap().report.clone().unwrap();
    assert_eq!(r.error_code, Some(ErrorCode::ValidationError), "the role allows at most 3600 s");
    s.apply(Action::SetField(Field::Duration(String::new())));
    s.apply(Action::SetField(Field::NewUser { account: "333333333333".into(), name: "mallory".into() }));
    let v = s.derived.view.as_ref().unwrap();
    assert_eq!(v.report.as_ref().unwrap().outcome, Some(Outcome::ImplicitDeny));
    assert!(s.text.contains("arn:aws:iam::333333333333:user/mallory"));
    s.apply(Action::SetField(Field::Mfa(true)));
    assert!(s.text.contains("aws:MultiFactorAuthPresent"));
    s.apply(Action::SetField(Field::Mfa(false)));
    assert!(!s.text.contains("aws:MultiFactorAuthPresent"));
}

#[test]
fn step_parameter_opens_at_a_flow_step() {
    let params = Params { preset: Some("01-cross-account-switch-role".into()), step: Some(3), ..Params::default() };
    let s = State::boot(&params, &BTreeMap::new(), &[]);
    assert_eq!(s.derived.view.as_ref().unwrap().phase, Some(Phase::Trust));
    let params = Params { preset: Some("01-cross-account-switch-role".into()), step: Some(5), ..Params::default() };
    let s = State::boot(&params, &BTreeMap::new(), &[]);
    assert_eq!(s.derived.view.as_ref().unwrap().phase, Some(Phase::Act));
}

#[test]
fn work_survives_a_reload_and_reverts() {
    let mut store = BTreeMap::new();
    let params = Params { preset: Some("02-narrowed-trust".into()), ..Params::default() };
    let mut s = State::boot(&params, &store, &[]);
    s.apply(Action::EditRaw(s.text.replace("Trust only named users", "My own title")));
    s.apply(Action::Next);
    assert!(s.save(&mut store));
    let again = State::boot(&params, &store, &[]);
    assert_eq!(again.text, s.text);
    assert_eq!(again.cursor, 1);
    assert_eq!(again.notice, Some(Notice::Restored));
    // No address at all: the last scenario comes back.
    let plain = State::boot(&Params::default(), &store, &[]);
    assert_eq!(plain.text, s.text);
    let mut reverted = again.clone();
    reverted.apply(Action::Revert);
    assert_eq!(reverted.text, doc::normalize(presets::find("02-narrowed-trust").unwrap().text()));
}

#[test]
fn share_links_round_trip_and_bad_ones_fall_back() {
    let mut store = BTreeMap::new();
    let mut s = preset("03-same-account-trust");
    s.apply(Action::EditRaw(s.text.replacen("\"en\": \"", "\"en\": \"共有テスト ", 1)));
    assert!(s.derived.errors.is_empty(), "{:?}", s.derived.errors);
    s.save(&mut store);
    for _ in 0..3 {
        s.apply(Action::Next);
    }
    let frag = s.share_fragment();
    assert!(frag.ends_with("&c=3"), "the link keeps the walk position");
    let p = url::parse("", &frag);
    let shared = State::boot(&p, &BTreeMap::new(), &[]);
    assert_eq!(shared.text, s.text);
    assert_eq!(shared.cursor, 3);
    assert!(matches!(shared.source, Source::Shared(_)));

    let bad = url::parse("", "#s=%%%not-a-payload");
    let fallback = State::boot(&bad, &store, &[]);
    assert!(matches!(fallback.notice, Some(Notice::ShareBad(_))));
    assert_eq!(fallback.text, s.text, "the saved work is shown instead");
}

#[test]
fn language_from_address_storage_or_browser() {
    let mut store = BTreeMap::new();
    assert_eq!(State::boot(&Params::default(), &store, &["ja-JP".into(), "en".into()]).lang, Lang::Ja);
    assert_eq!(State::boot(&Params::default(), &store, &["de".into(), "en-GB".into()]).lang, Lang::En);
    store.set(LANG_KEY, "ja");
    assert_eq!(State::boot(&Params::default(), &store, &["en".into()]).lang, Lang::Ja);
    let p = Params { lang: Some(Lang::En), ..Params::default() };
    assert_eq!(State::boot(&p, &store, &["ja".into()]).lang, Lang::En);
    let mut s = State::boot(&p, &store, &[]);
    s.apply(Action::ToggleLang);
    s.save(&mut store);
    assert_eq!(Store::get(&store, LANG_KEY).as_deref(), Some("ja"));
}

#[test]
fn denial_reasons_name_the_policy_that_said_no() {
    use playground::reasons::call_sentence;
    // (preset, step, words the sentence must contain)
    for (name, step, words) in [
        ("12-permissions-boundary", 2, "permissions boundary"),
        ("13-cross-account-bucket-policy", 2, "resource policy does not allow"),
        ("13-cross-account-bucket-policy", 3, "own identity policies must allow"),
        ("11-session-policy", 2, "session policy"),
        ("01-cross-account-switch-role", 2, "set aside"),
    ] {
        let s = preset(name);
        let r = &s.derived.reports[step];
        let text = call_sentence(Lang::En, r).text;
        assert!(text.contains(words), "{name} step {step}: {text}");
        let ja = call_sentence(Lang::Ja, r).text;
        assert!(!ja.contains(". "), "{ja}");
    }
}

#[test]
fn trust_sentences_say_whether_conditions_were_checked() {
    use playground::reasons::assume_sentence;
    let mut plain = preset("01-cross-account-switch-role");
    walk_to(&mut plain, Phase::Trust);
    let r = plain.derived.view.as_ref().unwrap().report.clone().unwrap();
    let text = assume_sentence(Lang::En, Phase::Trust, FlowState::Allowed, &r).unwrap().text;
    assert!(text.ends_with("trusts the caller."), "{text}");
    // Preset 14's trust policy requires an ExternalId (a condition).
    let s = preset("14-external-id-and-mfa");
    let (i, r) = s.derived.reports.iter().enumerate().find(|(_, r)| r.outcome == Some(Outcome::Allowed) && r.flow.is_some()).unwrap();
    let text = assume_sentence(Lang::En, Phase::Trust, FlowState::Allowed, r).unwrap().text;
    assert!(text.contains("condition") && text.contains("hold"), "step {i}: {text}");
}

#[test]
fn a_direct_call_is_about_the_user_who_makes_it() {
    let mut s = preset("12-permissions-boundary");
    let f = s.derived.scenario.as_ref().unwrap().steps.len() - 1;
    while s.derived.view.as_ref().unwrap().focus != Some(f) {
        s.apply(Action::Next);
    }
    let cast = s.derived.cast.as_ref().unwrap();
    let Who::User(u) = cast.who else { panic!("{:?}", cast.who) };
    let arn = doc::get(s.derived.doc.as_ref().unwrap(), &JsonPath::root().key("Users").index(u).key("Arn"))
        .unwrap()
        .as_str()
        .unwrap()
        .to_string();
    let caller = doc::get(s.derived.doc.as_ref().unwrap(), &JsonPath::root().key("Steps").index(f).key("Caller").key("AWS"))
        .unwrap()
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(arn, caller);
    assert_eq!(cast.step, None, "no AssumeRole to edit in the people form");
}

#[test]
fn an_unknown_preset_says_so_and_falls_back() {
    let p = Params { preset: Some("no-such-preset".into()), ..Params::default() };
    let s = State::boot(&p, &BTreeMap::new(), &[]);
    assert_eq!(s.notice, Some(Notice::UnknownPreset("no-such-preset".into())));
    assert_eq!(s.source, Source::Preset(PRESETS[0].name.into()));
}

#[test]
fn address_parameters() {
    let p = url::parse("?preset=06-passrole&lang=ja&step=3&embed=1", "#s=abc");
    assert_eq!(p.preset.as_deref(), Some("06-passrole"));
    assert_eq!(p.lang, Some(Lang::Ja));
    assert_eq!(p.step, Some(3));
    assert!(p.embed);
    assert_eq!(p.share.as_deref(), Some("abc"));
    let p = url::parse("?step=99&lang=fr&embed=0&preset=a%20b", "");
    assert_eq!(p.step, Some(5));
    assert_eq!(p.lang, None);
    assert!(!p.embed);
    assert_eq!(p.preset.as_deref(), Some("a b"));
    assert_eq!(url::search(Some(("preset", "01-x")), Some(Lang::Ja), true), "?preset=01-x&lang=ja&embed=1");
    assert_eq!(url::search(None, None, false), "");
}

#[test]
fn object_policies_become_strings_and_splices_keep_layout() {
    let text = r#"{"Scenario": 1, "Roles": [{"Arn": "arn:aws:iam::111111111111:role/R", "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": []}}], "Steps": []}"#;
    let n = doc::normalize(text);
    let v: serde_json::Value = serde_json::from_str(&n).unwrap();
    assert!(v["Roles"][0]["AssumeRolePolicyDocument"].is_string());
    let untouched = r#"{ "Scenario": 1,   "X": "a",  "Steps": [] }"#;
    assert_eq!(doc::normalize(untouched), untouched);
    let root = policy::json::parse(untouched).unwrap();
    let spliced = doc::splice_string(untouched, &root, &JsonPath::root().key("X"), "b\n\"c\"").unwrap();
    assert_eq!(spliced, r#"{ "Scenario": 1,   "X": "b\n\"c\"",  "Steps": [] }"#);
    assert!(doc::splice_string(untouched, &root, &JsonPath::root().key("Scenario"), "x").is_none(), "not a string");
    let p = |s: &str| JsonPath::parse(s).unwrap();
    assert!(p("$.Roles[0].AssumeRolePolicyDocument.Statement[0]").starts_with(&p("$.Roles[0].AssumeRolePolicyDocument")));
    assert!(!p("$.Roles[0].AssumeRolePolicyDocumentX").starts_with(&p("$.Roles[0].AssumeRolePolicyDocument")));
}

#[test]
fn colouring_keeps_the_text_and_places_marks() {
    let text = "{\n  \"Effect\": \"Alow\",\n  \"N\": [1, true]\n}";
    let marks =
        vec![Mark { start: (2, 13), end: highlight::token_end(text, 2, 13), kind: MarkKind::Error, message: "bad".into(), tag: None }];
    let lines = highlight::render(text, &marks);
    assert_eq!(lines.len(), 4);
    let joined: Vec<String> = lines.iter().map(|l| l.iter().map(|p| p.text.as_str()).collect()).collect();
    assert_eq!(joined.join("\n"), text);
    let err: Vec<_> = lines[1].iter().filter(|p| p.class.contains("m-err")).collect();
    assert_eq!(err.len(), 1);
    assert_eq!(err[0].text, "\"Alow\"");
    assert_eq!(err[0].title.as_deref(), Some("bad"));
    assert!(lines[1].iter().any(|p| p.class == "t-key" && p.text == "\"Effect\""));
    assert!(lines[2].iter().any(|p| p.class == "t-lit" && p.text == "true"));
    // Any text at all renders (unterminated string, stray bytes).
    let odd = "{\"a\n\u{0}\\";
    let joined: String =
        highlight::render(odd, &[]).iter().map(|l| l.iter().map(|p| p.text.clone()).collect::<String>()).collect::<Vec<_>>().join("\n");
    assert_eq!(joined, odd);
}

#[test]
fn imports_keep_what_was_typed_and_say_why() {
    let mut s = preset("01-cross-account-switch-role");
    s.apply(Action::Import { name: "mine.json".into(), text: "{\"Scenario\": 1, \"Steps\": [".into() });
    assert_eq!(s.text, "{\"Scenario\": 1, \"Steps\": [");
    assert!(matches!(s.notice, Some(Notice::ImportBad(_))));
    assert!(s.derived.view.is_none());
}

/// The tree printer lays documents out exactly as `serde_json`'s pretty
/// printer did before the page parsed with one parser, so that saved work
/// and share links made earlier still compare equal to their presets.
#[test]
fn normalized_documents_keep_their_layout() {
    fn serde_normalize(text: &str) -> String {
        let mut v: serde_json::Value = serde_json::from_str(text).unwrap();
        let fields = sts::schema::policy_fields(&policy::json::parse(text).unwrap());
        for f in fields {
            let ptr: String = f
                .path
                .segments()
                .iter()
                .map(|s| match s {
                    policy::path::Seg::Key(k) => format!("/{k}"),
                    policy::path::Seg::Index(i) => format!("/{i}"),
                })
                .collect();
            let slot = v.pointer_mut(&ptr).unwrap();
            if slot.is_object() {
                *slot = serde_json::Value::String(serde_json::to_string_pretty(slot).unwrap());
            }
        }
        serde_json::to_string_pretty(&v).unwrap()
    }
    let mut files: Vec<_> = std::fs::read_dir("../../tests/scenarios").unwrap().map(|e| e.unwrap().path()).collect();
    files.extend(
        std::fs::read_dir("../../scenarios").unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "json")),
    );
    assert!(files.len() > 40);
    let mut changed = 0;
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let n = doc::normalize(&text);
        if n != text {
            changed += 1;
            assert_eq!(n, serde_normalize(&text), "{}", f.display());
        }
    }
    assert!(changed > 0, "some files have object-form policies");
}
