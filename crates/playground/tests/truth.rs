//! Issue 11 on the page's logic: every state and sentence on screen is
//! true (and says no more than AWS does), the walk survives a typo, share
//! links carry the learner's world, and the Japanese uses one name per thing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeMap;

use playground::presets::PRESETS;
use playground::reasons::{self, flow_sentence, Sentence};
use playground::state::{Notice, Source};
use playground::status;
use playground::url::{self, Params};
use playground::walk::{FlowState, Phase};
use playground::{Action, Lang, State};

fn preset_in(name: &str, lang: Lang) -> State {
    let params = Params { preset: Some(name.into()), lang: Some(lang), ..Params::default() };
    State::boot(&params, &BTreeMap::new(), &[])
}

fn preset(name: &str) -> State {
    preset_in(name, Lang::En)
}

fn corpus(name: &str) -> State {
    let text = std::fs::read_to_string(format!("{}/../../tests/scenarios/{name}.json", env!("CARGO_MANIFEST_DIR"))).unwrap();
    State::new(Lang::En, Source::Imported(name.into()), playground::doc::normalize(&text))
}

fn flow(s: &State) -> [&'static str; 5] {
    s.derived.view.as_ref().unwrap().flow.map(FlowState::as_str)
}

/// Walks to the end of step `step`.
fn finish(s: &mut State, step: usize) {
    loop {
        let v = s.derived.view.as_ref().unwrap();
        if v.focus == Some(step) && v.complete {
            return;
        }
        assert!(s.cursor < s.frame_count(), "never finished step {step}");
        s.apply(Action::Next);
    }
}

fn sentence(s: &State, phase: Phase) -> Sentence {
    flow_sentence(s.lang, s.derived.view.as_ref().unwrap(), phase).unwrap_or_else(|| panic!("no sentence for {phase:?}: {:?}", flow(s)))
}

fn edit_trust(s: &mut State, from: &str, to: &str) {
    let slot = s.derived.cast.as_ref().unwrap().trust.clone().unwrap();
    let text = slot.text.replace(from, to);
    assert_ne!(text, slot.text, "`{from}` is not in the trust policy");
    s.apply(Action::EditPolicy { path: slot.path, exists: true, name: slot.name, text });
}

// ------------------------------------------------------------ 1. flow states

#[test]
fn same_account_trust_naming_the_user_is_not_needed_not_allowed() {
    let mut s = preset("03-same-account-trust");
    s.apply(Action::Next);
    assert_eq!(flow(&s)[0], "notNeeded", "not a green ✓ under 'Identity policy allows'");
    let x = sentence(&s, Phase::Identity);
    assert!(x.text.contains("Not needed") && x.text.contains("names ops_user itself"), "{}", x.text);
    let w = Lang::En.words();
    assert_eq!(status::state_word(w, FlowState::NotNeeded, None), "not needed (same account)");
}

#[test]
fn a_star_trust_is_not_called_naming_the_caller() {
    let mut s = corpus("principal-star-principal-account");
    finish(&mut s, 4);
    assert_eq!(flow(&s)[0], "notNeeded");
    let x = sentence(&s, Phase::Identity);
    assert!(x.text.contains("trusts everyone (\"*\")") && !x.text.contains("itself"), "{}", x.text);
}

#[test]
fn the_request_is_sent_not_allowed_even_after_a_denied_identity_check() {
    let mut s = preset("01-cross-account-switch-role");
    finish(&mut s, 4);
    assert_eq!(flow(&s), ["denied", "sent", "allowed", "notReached", "notReached"], "01 at its end");
}

#[test]
fn phases_never_reached_say_so_once_the_step_is_over() {
    for (name, step, want) in [
        ("07-role-chaining", 1, ["notReached", "rejected", "notReached", "notReached", "notReached"]),
        ("11-session-policy", 8, ["notReached", "rejected", "notReached", "notReached", "notReached"]),
        ("14-external-id-and-mfa", 0, ["allowed", "sent", "denied", "notReached", "notReached"]),
    ] {
        let mut s = preset(name);
        finish(&mut s, step);
        assert_eq!(flow(&s), want, "{name} #{step}");
    }
    // While the step is being walked, what comes later still waits.
    let mut s = preset("14-external-id-and-mfa");
    s.apply(Action::Next);
    assert_eq!(flow(&s)[3], "pending");
}

#[test]
fn a_call_with_credentials_that_were_never_issued_shows_the_credentials_not_reached() {
    let mut s = preset("01-cross-account-switch-role");
    s.apply(Action::GoToPhase(3));
    edit_trust(&mut s, "222222222222", "333333333333");
    finish(&mut s, 1);
    let v = s.derived.view.as_ref().unwrap();
    assert_eq!(v.report.as_ref().unwrap().error_code.map(|c| c.as_str()), Some("InvalidClientTokenId"));
    assert_eq!(flow(&s), ["allowed", "sent", "denied", "notReached", "error"], "④ does not wait while ⑤ fails");
}

#[test]
fn web_identity_callers_are_not_services() {
    let mut s = preset("15-github-actions-oidc");
    let titles = status::phase_titles(&s);
    assert!(titles[1].contains("calls sts:AssumeRoleWithWebIdentity"), "{titles:?}");
    assert!(!titles.iter().any(|t| t.contains("service")), "{titles:?}");
    finish(&mut s, 0);
    let one = sentence(&s, Phase::Identity).text;
    assert!(one.contains("token.actions.githubusercontent.com") && !one.contains("service"), "{one}");
    let two = sentence(&s, Phase::Request).text;
    assert!(two.contains("holder of a token from token.actions.githubusercontent.com"), "{two}");
    let p = playground::picture::picture(&s);
    assert_eq!(p.call, "AssumeRoleWithWebIdentity", "the diagram names the call");
    assert_eq!(p.caller, "token.actions.githubusercontent.com");
}

#[test]
fn the_expiry_sentence_says_whether_assuming_again_would_work() {
    // 08: the maintenance window closed before the session expired.
    let mut s = preset("08-time-limited-access");
    finish(&mut s, 8);
    let x = sentence(&s, Phase::Act);
    assert!(x.text.contains("would be denied"), "{}", x.text);
    assert!(!x.text.contains("has not expired"), "{}", x.text);
    // 09: nothing stands in the way of assuming again.
    let mut s = preset("09-expired-credentials");
    finish(&mut s, 5);
    assert!(sentence(&s, Phase::Act).text.contains("would be allowed"));
}

#[test]
fn a_principal_that_does_not_match_gets_a_reason() {
    let mut s = preset("01-cross-account-switch-role");
    s.apply(Action::GoToPhase(3));
    edit_trust(&mut s, "222222222222", "333333333333");
    let x = sentence(&s, Phase::Trust);
    assert!(x.text.contains("names account 333333333333; user_A is in 222222222222"), "{}", x.text);
    let mut s = preset("02-narrowed-trust");
    finish(&mut s, 2);
    let x = sentence(&s, Phase::Trust);
    assert!(x.text.contains("not user_B"), "{}", x.text);
}

#[test]
fn the_screen_reader_status_names_the_right_actor() {
    let mut s = preset("01-cross-account-switch-role");
    finish(&mut s, 3);
    let text = status::status_text(&s);
    assert!(text.contains("own permissions"), "{text}");
    assert!(!text.contains("Act with the role's permissions"), "{text}");
}

#[test]
fn a_denied_assume_again_is_narrated_and_act_is_not_shown_allowed_beside_it() {
    // 08: after the reboot (10:30) the learner moves the clock past the
    // window (12:30) while the session still works, and assumes again.
    let mut s = preset("08-time-limited-access");
    finish(&mut s, 3);
    s.apply(Action::Advance(7200));
    s.apply(Action::AssumeAgain);
    let v = s.derived.view.as_ref().unwrap();
    let (k, r) = v.again.clone().expect("the assume again is on screen");
    assert_eq!((k, r.outcome.map(|o| o.as_str())), (2, Some("implicitDeny")));
    assert_eq!(flow(&s)[2], "denied");
    assert_ne!(flow(&s)[4], "allowed", "⑤ is not shown allowed beside a denied ③");
    let text = status::status_text(&s);
    assert!(text.contains("Assume again (step 2)"), "{text}");
    // The next call still uses the old session: its picture is the request
    // that issued it, not the refused one.
    finish(&mut s, 6);
    let v = s.derived.view.as_ref().unwrap();
    assert!(!(v.flow[2] == FlowState::Denied && v.flow[4] == FlowState::Allowed), "{:?}", v.flow);
}

// ------------------------------------------------ 2. nothing AWS does not say

#[test]
fn aws_words_stay_aws_s_and_roleplay_s_explanation_is_beside_them() {
    let mut s = preset("09-expired-credentials");
    finish(&mut s, 5);
    let x = sentence(&s, Phase::Act);
    let aws = x.aws.clone().unwrap();
    assert_eq!(aws.message, "The security token included in the request is expired");
    assert!(!x.text.contains(&aws.message), "{}", x.text);
    assert!(x.text.contains("expired at 2026-11-22T09:15:00Z"), "{}", x.text);
    // Across accounts S3 gives no reason: shown so, with roleplay's own.
    let mut s = preset("13-cross-account-bucket-policy");
    finish(&mut s, 2);
    let x = sentence(&s, Phase::Act);
    let aws = x.aws.unwrap();
    assert!(!aws.message.contains("because"), "{}", aws.message);
    assert!(aws.remark.unwrap().contains("AWS gives no reason"));
    assert!(x.text.contains("resource policy does not allow"), "{}", x.text);
}

#[test]
fn session_policy_length_is_counted_as_aws_counts_it() {
    let mut s = preset("11-session-policy");
    finish(&mut s, 8);
    let x = sentence(&s, Phase::Request);
    assert!(x.text.contains("3599 characters, whitespace included; AWS allows 2048"), "{}", x.text);
    assert!(x.text.contains("packed size is not simulated"), "{}", x.text);
    assert!(!x.text.contains('%'), "no invented packed percentage: {}", x.text);
}

#[test]
fn refresh_timing_is_labelled_as_roleplay_s() {
    for w in [Lang::En.words(), Lang::Ja.words()] {
        assert!(w.refreshed_by.contains("AWS") && w.refreshed_by.contains("5"), "{}", w.refreshed_by);
        assert!(w.refreshed_by_ec2.contains("5"), "{}", w.refreshed_by_ec2);
    }
    assert!(Lang::En.words().refreshed_by.contains("AWS documents no timing"));
    assert!(Lang::En.words().refreshed_by_ec2.contains("at least 5 minutes"));
}

#[test]
fn service_session_names_are_labelled_as_roleplay_s_choice() {
    let mut s = preset("04-lambda-service-role");
    finish(&mut s, 0);
    let x = sentence(&s, Phase::Request).text;
    assert!(x.contains("\"hello-function\": the function's name, roleplay's choice"), "{x}");
    let x = sentence(&s, Phase::Issue).text;
    assert!(x.contains("roleplay's choice for a service's session"), "{x}");
    let mut s = corpus("web-identity-and-saml");
    finish(&mut s, 0);
    let x = sentence(&s, Phase::Request).text;
    assert!(x.contains("from the SAML assertion's RoleSessionName attribute"), "{x}");
}

#[test]
fn a_same_account_key_policy_is_not_another_account() {
    let mut s = corpus("kms-key-policy-must-allow");
    let n = s.derived.scenario.as_ref().unwrap().steps.len();
    let mut seen = 0;
    for i in 0..n {
        finish(&mut s, i);
        let v = s.derived.view.as_ref().unwrap();
        if v.report.as_ref().is_some_and(|r| r.reasons.contains(&policy::Reason::ResourceNoAllow)) {
            let x = sentence(&s, Phase::Act).text;
            assert!(!x.contains("another account"), "step {i}: {x}");
            assert!(x.contains("key policy"), "step {i}: {x}");
            seen += 1;
        }
    }
    assert!(seen > 0);
}

// ----------------------------------------------- 4. interactions keep promises

#[test]
fn one_typo_keeps_the_last_good_walk_with_the_one_root_error() {
    let mut s = preset("01-cross-account-switch-role");
    s.apply(Action::GoToPhase(3));
    let (cursor, total) = (s.cursor, s.frame_count());
    edit_trust(&mut s, "\"Effect\": \"Allow\"", "\"Effect\": \"Allow\",,");
    assert_eq!(s.derived.errors.len(), 1, "{:?}", s.derived.errors.iter().map(|e| &e.message).collect::<Vec<_>>());
    assert!(s.derived.stale);
    assert_eq!((s.cursor, s.frame_count()), (cursor, total), "not Progress 0/0");
    assert_eq!(flow(&s)[2], "allowed", "the walk before the typo");
    edit_trust(&mut s, "\"Effect\": \"Allow\",,", "\"Effect\": \"Allow\"");
    assert!(!s.derived.stale && s.derived.errors.is_empty());
}

#[test]
fn share_links_keep_clock_moves_and_assume_again() {
    let mut s = preset("01-cross-account-switch-role");
    finish(&mut s, 0);
    s.apply(Action::Advance(3600));
    assert!(s.derived.view.as_ref().unwrap().token.as_ref().unwrap().expired);
    let fragment = s.share_fragment();
    assert!(fragment.contains("&i=a1.3600"), "{fragment}");
    let opened = State::boot(&url::parse("", &fragment), &BTreeMap::new(), &[]);
    assert_eq!(opened.interventions, s.interventions);
    assert!(opened.derived.view.as_ref().unwrap().token.as_ref().unwrap().expired, "the trainer's expired state");
    s.apply(Action::AssumeAgain);
    let again = State::boot(&url::parse("", &s.share_fragment()), &BTreeMap::new(), &[]);
    assert_eq!(again.interventions.len(), 2);
    assert!(!again.derived.view.as_ref().unwrap().token.as_ref().unwrap().expired);
}

#[test]
fn revert_asks_first_and_clears_stale_notices() {
    let mut s = preset("01-cross-account-switch-role");
    s.apply(Action::GoToPhase(3));
    edit_trust(&mut s, "222222222222", "333333333333");
    s.notice = Some(Notice::Restored);
    let edited = s.text.clone();
    s.apply(Action::AskRevert);
    assert!(s.confirm_revert);
    assert_eq!(s.text, edited, "nothing lost before the answer");
    s.apply(Action::CancelRevert);
    assert!(!s.confirm_revert && s.text == edited);
    s.apply(Action::AskRevert);
    s.apply(Action::Revert);
    assert_eq!(Some(s.text.clone()), s.original());
    assert_eq!(s.notice, None);
}

#[test]
fn durations_read_as_hours() {
    assert_eq!(reasons::duration_text(Lang::En, 21600), "6 h");
    assert_eq!(reasons::duration_text(Lang::En, 5400), "1 h 30 min");
    assert_eq!(reasons::duration_text(Lang::Ja, 21600), "6 時間");
    assert_eq!(reasons::duration_text(Lang::En, 45), "45 s");
}

// ------------------------------------------------------------- 6. Japanese

/// Every Japanese text of the presets.
fn preset_ja() -> Vec<(String, String)> {
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    match (k.as_str(), x) {
                        ("ja", serde_json::Value::String(t)) => out.push(t.clone()),
                        _ => walk(x, out),
                    }
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for p in PRESETS {
        let mut texts = Vec::new();
        walk(&serde_json::from_str(p.text()).unwrap(), &mut texts);
        out.extend(texts.into_iter().map(|t| (p.name.to_string(), t)));
    }
    out
}

fn bare_permission_policy(t: &str) -> bool {
    t.match_indices("許可ポリシー").any(|(i, _)| !t[..i].ends_with("アクセス"))
}

#[test]
fn japanese_names_each_policy_one_way() {
    let w = Lang::Ja.words();
    assert!(w.permissions_title.contains("アクセス許可ポリシー"));
    assert!(w.identity_title.contains("アイデンティティベースのポリシー"));
    assert_eq!(w.session_name, "ロールセッション名");
    for (name, t) in preset_ja() {
        assert!(!bare_permission_policy(&t), "{name}: 許可ポリシー without アクセス: {t}");
        // In prose ロールセッション名; the condition key `sts:RoleSessionName`
        // and the SAML attribute's name are identifiers, not prose.
        let prose: String = t.replace("sts:RoleSessionName", "").split('`').step_by(2).collect();
        assert!(!prose.contains("RoleSessionName"), "{name}: {t}");
    }
    // Every preset that says スイッチロール also gives the console's term.
    for p in PRESETS {
        if p.text().contains("スイッチロール") {
            assert!(p.text().contains("「ロールの切り替え」"), "{}", p.name);
        }
    }
}

#[test]
fn japanese_screen_reader_text_has_japanese_punctuation_and_no_repeats() {
    for p in PRESETS {
        let mut s = preset_in(p.name, Lang::Ja);
        while s.cursor < s.frame_count() {
            s.apply(Action::Next);
            let t = status::status_text(&s);
            assert!(!t.contains(". ") && !t.ends_with('.'), "{}: ASCII period: {t}", p.name);
            for word in ["暗黙的な拒否", "明示的な拒否"] {
                assert!(t.matches(word).count() <= 1, "{}: {word} twice: {t}", p.name);
            }
            let mut depth = 0;
            for c in t.chars() {
                match c {
                    '(' | '（' => {
                        depth += 1;
                        assert!(depth < 2, "{}: nested brackets: {t}", p.name);
                    }
                    ')' | '）' => depth -= 1,
                    _ => {}
                }
            }
            for x in Phase::FLOW {
                if let Some(sentence) = flow_sentence(Lang::Ja, s.derived.view.as_ref().unwrap(), x) {
                    assert!(!bare_permission_policy(&sentence.text), "{}: {}", p.name, sentence.text);
                }
            }
        }
    }
}
