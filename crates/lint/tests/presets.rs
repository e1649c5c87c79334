//! Every preset linted (no ERROR finding unless the preset teaches one on
//! purpose) and every denied or failed preset step given a verified fix
//! (unless none exists by design); then one small scenario per fix kind.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::PathBuf;

use lint::fix::{apply, fixes};
use lint::{FindingType, IssueCode};
use sts::report::Outcome;

fn presets() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    out.sort();
    out
}

fn cat() -> catalogue::Catalogue {
    catalogue::Catalogue::parse(include_str!("../../catalogue/data/catalogue.txt")).unwrap()
}

fn outcomes(text: &str) -> Vec<Option<Outcome>> {
    sts::run(&sts::load(text).unwrap()).steps.iter().map(|r| r.outcome).collect()
}

#[test]
fn presets_have_no_error_findings_except_the_one_they_teach() {
    let cat = cat();
    let presets = presets();
    assert!(presets.len() >= 15);
    for (name, text) in &presets {
        let errors: Vec<(IssueCode, String)> = lint::lint_scenario(text, &cat)
            .iter()
            .filter(|f| f.finding_type == FindingType::Error)
            .map(|f| (f.issue, f.locations[0].path.to_string()))
            .collect();
        let expected: Vec<(IssueCode, String)> = match name.as_str() {
            // Step 8 shows PackedPolicyTooLarge on purpose.
            "11-session-policy.json" => vec![(IssueCode::PolicySizeExceedsSessionPolicyQuota, "$.Steps[8].Policy".into())],
            _ => Vec::new(),
        };
        assert_eq!(errors, expected, "{name}");
    }
}

/// Steps with no fix by design: an expired chained session (already at the
/// one-hour cap) and an oversized session policy (a lint finding, not a grant).
const NO_FIX: &[(&str, usize)] = &[("07-role-chaining.json", 6), ("11-session-policy.json", 8)];

#[test]
fn every_denied_or_failed_preset_step_has_a_verified_fix() {
    let mut checked = 0;
    for (name, text) in presets() {
        let before = outcomes(&text);
        let report = sts::run(&sts::load(&text).unwrap());
        let all = fixes(&text);
        for (i, o) in before.iter().enumerate() {
            if !matches!(o, Some(Outcome::ImplicitDeny | Outcome::ExplicitDeny | Outcome::Error)) {
                continue;
            }
            let sf = all.iter().find(|f| f.step == i).unwrap_or_else(|| panic!("{name} step {i}: not listed"));
            if NO_FIX.contains(&(name.as_str(), i)) {
                assert!(sf.fixes.is_empty(), "{name} step {i}: {:?}", sf.fixes);
                continue;
            }
            assert!(!sf.fixes.is_empty(), "{name} step {i}: no fix");
            for f in &sf.fixes {
                let after = outcomes(&apply(&text, &f.edits).unwrap());
                assert_eq!(after[i], Some(Outcome::Allowed), "{name} step {i}: {}", f.reason.en);
                let changed: Vec<usize> = (0..before.len()).filter(|&k| k != i && before[k] != after[k]).collect();
                assert_eq!(changed, f.also_changes, "{name} step {i}");
                // Never `*` where the request names something narrower.
                let resource = report.steps[i].resource.clone().unwrap_or_default();
                for e in &f.edits {
                    assert!(!e.replacement.contains("\"*\"") || resource == "*", "{name} step {i} widens with *: {}", e.replacement);
                }
                assert!(!f.reason.en.is_empty() && !f.reason.ja.is_empty());
            }
            let ranks: Vec<u8> = sf.fixes.iter().map(|f| f.rank).collect();
            assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{name} step {i}: ranked {ranks:?}");
            checked += 1;
        }
    }
    assert!(checked >= 38, "{checked}");
}

// ---- one scenario per fix kind ------------------------------------------------------

fn scenario(users: &str, roles: &str, steps: &str) -> String {
    format!(r#"{{"Scenario": 1, "Clock": "2026-11-22T09:00:00Z", "Users": [{users}], "Roles": [{roles}], "Steps": [{steps}]}}"#)
}

const USER_A: &str = r#"{"Arn": "arn:aws:iam::222222222222:user/user_A", "Policies": [{"PolicyName": "Own", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}]}}]}"#;

fn role(trust: &str) -> String {
    format!(r#"{{"Arn": "arn:aws:iam::111111111111:role/R", "AssumeRolePolicyDocument": {trust}}}"#)
}

const ASSUME: &str = r#"{"Action": "sts:AssumeRole", "Caller": {"AWS": "arn:aws:iam::222222222222:user/user_A"}, "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "alice"}"#;

/// The best fix of `step` (verified), and the scenario with it applied.
fn best(text: &str, step: usize) -> (lint::fix::Fix, String) {
    let all = fixes(text);
    let f = all.iter().find(|f| f.step == step).and_then(|f| f.fixes.first()).cloned().unwrap_or_else(|| panic!("no fix: {all:#?}"));
    let after = apply(text, &f.edits).unwrap();
    assert_eq!(outcomes(&after)[step], Some(Outcome::Allowed));
    (f, after)
}

#[test]
fn cross_account_fix_edits_both_sides() {
    // IAM User Guide, cross-account policy evaluation: the identity-based policy and the
    // trust (resource-based) policy must both allow.
    let trust = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::333333333333:root"}, "Action": "sts:AssumeRole"}]}"#;
    let text = scenario(USER_A, &role(trust), ASSUME);
    let (f, after) = best(&text, 0);
    assert_eq!(f.edits.len(), 2, "{f:#?}");
    assert!(
        f.reason.en.contains("does not trust user_A") && f.reason.en.contains("user_A's own identity-based policy must also say yes"),
        "{}",
        f.reason.en
    );
    assert!(after.contains(r#""Action":"sts:AssumeRole","Resource":"arn:aws:iam::111111111111:role/R""#));
    assert!(after.contains("arn:aws:iam::222222222222:user/user_A\"]"), "{after}");
}

#[test]
fn external_id_and_mfa_are_request_side_fixes() {
    let trust = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::222222222222:user/user_A"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "Unique-7f3a"}}}]}"#;
    let user = USER_A.replace(
        r#""Action": "s3:ListAllMyBuckets", "Resource": "*""#,
        r#""Action": "sts:AssumeRole", "Resource": "arn:aws:iam::111111111111:role/R""#,
    );
    let (f, after) = best(&scenario(&user, &role(trust), ASSUME), 0);
    assert_eq!(f.rank, 0);
    assert!(after.contains(r#""ExternalId": "Unique-7f3a""#), "{after}");
    let mfa = trust.replace(r#""StringEquals": {"sts:ExternalId": "Unique-7f3a"}"#, r#""Bool": {"aws:MultiFactorAuthPresent": "true"}"#);
    let (f, after) = best(&scenario(&user, &role(&mfa), ASSUME), 0);
    assert!(f.reason.en.contains("sign in with MFA"));
    assert!(after.contains(r#""aws:MultiFactorAuthPresent":true"#), "{after}");
}

#[test]
fn time_window_fix_moves_the_bound() {
    let trust = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::222222222222:user/user_A"}, "Action": "sts:AssumeRole", "Condition": {"DateLessThan": {"aws:CurrentTime": "2026-11-22T08:00:00Z"}}}]}"#;
    let user = USER_A.replace(
        r#""Action": "s3:ListAllMyBuckets", "Resource": "*""#,
        r#""Action": "sts:AssumeRole", "Resource": "arn:aws:iam::111111111111:role/R""#,
    );
    let (f, after) = best(&scenario(&user, &role(trust), ASSUME), 0);
    assert!(after.contains(r#""aws:CurrentTime": "2026-11-22T10:00:00Z""#), "{after}");
    assert!(f.reason.en.contains("outside the time window"));
}

#[test]
fn explicit_deny_is_narrowed_before_it_is_removed() {
    let user = r#"{"Arn": "arn:aws:iam::222222222222:user/user_A", "Policies": [{"PolicyName": "P", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
      {"Sid": "NoDeletes", "Effect": "Deny", "Action": ["s3:DeleteObject", "s3:DeleteBucket"], "Resource": "*"}]}}]}"#;
    let call =
        r#"{"Action": "s3:DeleteObject", "Caller": {"AWS": "arn:aws:iam::222222222222:user/user_A"}, "Resource": "arn:aws:s3:::b/k"}"#;
    let text = scenario(
        user,
        &role(r#"{"Statement": {"Effect": "Allow", "Principal": {"AWS": "111111111111"}, "Action": "sts:AssumeRole"}}"#),
        call,
    );
    let all = fixes(&text);
    let ranks: Vec<u8> = all[0].fixes.iter().map(|f| f.rank).collect();
    assert_eq!(ranks, [4, 5]);
    let (_, after) = best(&text, 0);
    assert!(after.contains(r#""Action": ["s3:DeleteBucket"]"#), "{after}");
}

#[test]
fn pass_role_fix_is_scoped_to_the_service() {
    let user = r#"{"Arn": "arn:aws:iam::111111111111:user/dev", "Policies": [{"PolicyName": "P", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "lambda:CreateFunction", "Resource": "*"}]}}]}"#;
    let roles = r#"{"Arn": "arn:aws:iam::111111111111:role/app", "AssumeRolePolicyDocument": {"Statement": {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}}}"#;
    let call = r#"{"Action": "lambda:CreateFunction", "Caller": {"AWS": "arn:aws:iam::111111111111:user/dev"}, "Resource": "arn:aws:lambda:us-east-1:111111111111:function:f", "PassedRole": "arn:aws:iam::111111111111:role/app"}"#;
    let (f, after) = best(&scenario(user, roles, call), 0);
    assert!(after.contains(r#""Action":"iam:PassRole","Resource":"arn:aws:iam::111111111111:role/app","Condition":{"StringEquals":{"iam:PassedToService":"lambda.amazonaws.com"}}"#), "{after}");
    assert!(f.reason.en.contains("iam:PassedToService"));
}

#[test]
fn chained_duration_is_shortened() {
    let trust = r#"{"Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:root"}, "Action": "sts:AssumeRole"}}"#;
    let a = format!(
        r#"{{"Arn": "arn:aws:iam::111111111111:role/A", "AssumeRolePolicyDocument": {trust}, "Policies": [{{"PolicyName": "p", "PolicyDocument": {{"Statement": {{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}}}}}}], "MaxSessionDuration": 7200}}"#
    );
    let b = format!(r#"{{"Arn": "arn:aws:iam::111111111111:role/B", "AssumeRolePolicyDocument": {trust}, "MaxSessionDuration": 7200}}"#);
    let user = r#"{"Arn": "arn:aws:iam::111111111111:user/u", "Policies": [{"PolicyName": "p", "PolicyDocument": {"Statement": {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}}}]}"#;
    let steps = r#"{"Action": "sts:AssumeRole", "Caller": {"AWS": "arn:aws:iam::111111111111:user/u"}, "RoleArn": "arn:aws:iam::111111111111:role/A", "RoleSessionName": "s1"},
      {"Action": "sts:AssumeRole", "Caller": {"Session": 0}, "RoleArn": "arn:aws:iam::111111111111:role/B", "RoleSessionName": "s1", "DurationSeconds": 7200}"#;
    let (f, after) = best(&scenario(user, &format!("{a}, {b}"), steps), 1);
    assert_eq!(f.rank, 0);
    assert!(after.contains(r#""DurationSeconds": 3600"#), "{after}");
}

#[test]
fn boundary_fix_adds_to_the_boundary() {
    let user = r#"{"Arn": "arn:aws:iam::111111111111:user/u", "Policies": [{"PolicyName": "p", "PolicyDocument": {"Statement": {"Effect": "Allow", "Action": "iam:CreateUser", "Resource": "*"}}}],
      "PermissionsBoundary": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}}"#;
    let call = r#"{"Action": "iam:CreateUser", "Caller": {"AWS": "arn:aws:iam::111111111111:user/u"}, "Resource": "arn:aws:iam::111111111111:user/new"}"#;
    let (f, after) = best(
        &scenario(
            user,
            &role(r#"{"Statement": {"Effect": "Allow", "Principal": {"AWS": "111111111111"}, "Action": "sts:AssumeRole"}}"#),
            call,
        ),
        0,
    );
    assert!(f.reason.en.starts_with("the permissions boundary must also say yes"), "{}", f.reason.en);
    assert!(after.contains(r#"{"Effect":"Allow","Action":"iam:CreateUser","Resource":"arn:aws:iam::111111111111:user/new"}"#), "{after}");
}
