//! STS simulation tests: whole scenarios in, the contract's output out.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use serde_json::{json, Value};

const DEV: &str = "222222222222";
const PROD: &str = "111111111111";
const ROLE: &str = "arn:aws:iam::111111111111:role/test_EC2ReadOnlyAccess_Role";
const USER_A: &str = "arn:aws:iam::222222222222:user/user_A";
const USER_B: &str = "arn:aws:iam::222222222222:user/user_B";

fn allow(action: &str, resource: &str) -> Value {
    json!({"Version": "2012-10-17", "Statement": [{"Sid": "Allow", "Effect": "Allow", "Action": action, "Resource": resource}]})
}

#[path = "support/world.rs"]
mod world;
use world::{role, run, trust, user, world};

fn outcomes(out: &Value) -> Vec<String> {
    out["Steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let o = s["Outcome"].as_str().unwrap_or("clock");
            match s["ErrorCode"].as_str() {
                Some(c) if o == "error" => format!("error:{c}"),
                _ => o.to_string(),
            }
        })
        .collect()
}

fn assume(caller: Value) -> Value {
    json!({"Action": "sts:AssumeRole", "Caller": caller, "RoleArn": ROLE, "RoleSessionName": "alice"})
}

fn cross_account(trust_principal: Value) -> Value {
    world(
        vec![user(USER_A, &[allow("sts:AssumeRole", ROLE)]), user(USER_B, &[])],
        vec![role(ROLE, trust(trust_principal), &[allow("ec2:Describe*", "*")])],
        vec![
            assume(json!({"AWS": USER_A})),
            json!({"Action": "ec2:DescribeInstances", "Caller": {"Session": 0}, "Resource": "*"}),
            json!({"Action": "s3:ListAllMyBuckets", "Caller": {"Session": 0}, "Resource": "*"}),
            assume(json!({"AWS": USER_B})),
        ],
    )
}

#[test]
fn trusting_the_account_delegates_to_its_identity_policies() {
    let out = run(&cross_account(json!({"AWS": format!("arn:aws:iam::{DEV}:root")})));
    assert_eq!(outcomes(&out), ["allowed", "allowed", "implicitDeny", "implicitDeny"]);
    let s0 = &out["Steps"][0];
    let checks: Vec<&str> = s0["Checks"].as_array().unwrap().iter().map(|c| c["Check"].as_str().unwrap()).collect();
    assert_eq!(checks, ["identity", "trust"]);
    assert_eq!(s0["Checks"][1]["MatchedStatements"][0]["Sid"], "Trust");
    assert_eq!(s0["AssumedRoleUser"]["Arn"], format!("arn:aws:sts::{PROD}:assumed-role/test_EC2ReadOnlyAccess_Role/alice"));
    let id = s0["AssumedRoleUser"]["AssumedRoleId"].as_str().unwrap();
    assert!(id.starts_with("AROA") && id.ends_with(":alice"), "{id}");
    let key = s0["Credentials"]["AccessKeyId"].as_str().unwrap();
    assert!(
        key.starts_with("ASIA") && key.len() == 20 && key[4..].bytes().all(|b| b.is_ascii_uppercase() || (b'2'..=b'7').contains(&b)),
        "{key}"
    );
    assert_eq!(s0["Credentials"]["Expiration"], "2026-11-22T10:00:00Z");
    // The hat: the session acts with the role's permissions only.
    let msg = out["Steps"][2]["Message"].as_str().unwrap();
    assert!(
        msg.starts_with(&format!(
            "User: arn:aws:sts::{PROD}:assumed-role/test_EC2ReadOnlyAccess_Role/alice is not authorized to perform: s3:ListAllMyBuckets"
        )),
        "{msg}"
    );
    // user_B has no identity allow: denied at ①.
    let msg = out["Steps"][3]["Message"].as_str().unwrap();
    assert!(msg.contains("because no identity-based policy allows the sts:AssumeRole action"), "{msg}");
    assert_eq!(out["Steps"][3]["ErrorCode"], "AccessDenied");
    // CloudTrail record of the session's call.
    let ev = &out["Steps"][1]["Event"];
    assert_eq!(ev["userIdentity"]["type"], "AssumedRole");
    assert_eq!(ev["userIdentity"]["sessionContext"]["sessionIssuer"]["arn"], ROLE);
}

#[test]
fn a_bare_account_id_means_the_same_as_root() {
    let out = run(&cross_account(json!({"AWS": DEV})));
    assert_eq!(outcomes(&out), ["allowed", "allowed", "implicitDeny", "implicitDeny"]);
}

#[test]
fn naming_the_user_narrows_the_trust() {
    let mut doc = cross_account(json!({"AWS": USER_A}));
    // user_B now has an identity allow, but the trust policy does not name them.
    doc["Users"][1] = user(USER_B, &[allow("sts:AssumeRole", "*")]);
    let out = run(&doc);
    assert_eq!(outcomes(&out), ["allowed", "allowed", "implicitDeny", "implicitDeny"]);
    let trust_check = out["Steps"][3]["Checks"].as_array().unwrap().iter().find(|c| c["Check"] == "trust").unwrap().clone();
    assert_eq!(trust_check["Decision"], "implicitDeny");
    assert_eq!(trust_check["NotApplied"][0]["Reason"], "principal");
    assert_eq!(out["Steps"][3]["Reasons"][0], "TrustNoAllow");
}

#[test]
fn same_account_user_named_in_trust_needs_no_identity_allow() {
    let me = "arn:aws:iam::111111111111:user/carol";
    let other = "arn:aws:iam::111111111111:role/AccountTrust";
    let doc = world(
        vec![user(me, &[])],
        vec![role(ROLE, trust(json!({"AWS": me})), &[]), role(other, trust(json!({"AWS": PROD})), &[])],
        vec![
            assume(json!({"AWS": me})),
            json!({"Action": "sts:AssumeRole", "Caller": {"AWS": me}, "RoleArn": other, "RoleSessionName": "carol"}),
        ],
    );
    let out = run(&doc);
    assert_eq!(outcomes(&out), ["allowed", "implicitDeny"]);
    assert_eq!(out["Steps"][0]["Reasons"][0], "AllowedByResourcePolicy");
    // ① was not needed ("When a resource-based policy grants access to a
    // principal in the same account, no additional identity-based policy is
    // required", API_AssumeRole); ② is the request, sent.
    assert_eq!(out["Steps"][0]["Flow"], json!(["notNeeded", "sent", "allowed", "allowed"]));
    assert_eq!(out["Steps"][1]["Flow"][0], "denied");
}

#[test]
fn explicit_deny_in_identity_policy_wins() {
    let deny =
        json!({"Version": "2012-10-17", "Statement": [{"Sid": "No", "Effect": "Deny", "Action": "sts:AssumeRole", "Resource": "*"}]});
    let doc = world(
        vec![user(USER_A, &[allow("sts:AssumeRole", ROLE), deny])],
        vec![role(ROLE, trust(json!({"AWS": USER_A})), &[])],
        vec![assume(json!({"AWS": USER_A}))],
    );
    let out = run(&doc);
    assert_eq!(outcomes(&out), ["explicitDeny"]);
    let msg = out["Steps"][0]["Message"].as_str().unwrap();
    assert!(msg.ends_with("with an explicit deny in an identity-based policy"), "{msg}");
    assert_eq!(out["Steps"][0]["Checks"][0]["MatchedStatements"][0]["Sid"], "No");
}

#[test]
fn credentials_expire_but_the_right_to_assume_does_not() {
    let mut doc = cross_account(json!({"AWS": USER_A}));
    doc["Steps"] = json!([
        {"Action": "sts:AssumeRole", "Caller": {"AWS": USER_A}, "RoleArn": ROLE, "RoleSessionName": "alice", "DurationSeconds": 900},
        {"Action": "ec2:DescribeInstances", "Caller": {"Session": 0}},
        {"Advance": 899},
        {"Action": "ec2:DescribeInstances", "Caller": {"Session": 0}},
        {"Advance": 1},
        {"Action": "ec2:DescribeInstances", "Caller": {"Session": 0}},
        {"Action": "sts:AssumeRole", "Caller": {"AWS": USER_A}, "RoleArn": ROLE, "RoleSessionName": "alice"},
        {"Action": "ec2:DescribeInstances", "Caller": {"Session": 6}}
    ]);
    let out = run(&doc);
    assert_eq!(outcomes(&out), ["allowed", "allowed", "clock", "allowed", "clock", "error:ExpiredToken", "allowed", "allowed"]);
    assert_eq!(out["Steps"][2]["Clock"], "2026-11-22T09:14:59Z");
    assert_ne!(out["Steps"][0]["Credentials"]["AccessKeyId"], out["Steps"][6]["Credentials"]["AccessKeyId"]);
}

#[test]
fn service_credentials_are_refreshed_before_they_expire() {
    let lambda_role = "arn:aws:iam::111111111111:role/lambda-basic";
    let doc = world(
        vec![],
        vec![role(lambda_role, trust(json!({"Service": "lambda.amazonaws.com"})), &[allow("logs:PutLogEvents", "*")])],
        vec![
            json!({"Action": "sts:AssumeRole", "Caller": {"Service": "lambda.amazonaws.com"}, "RoleArn": lambda_role}),
            json!({"Advance": 3 * 3600}),
            json!({"Action": "logs:PutLogEvents", "Caller": {"Session": 0}, "Resource": "*"}),
        ],
    );
    let out = run(&doc);
    assert_eq!(outcomes(&out), ["allowed", "clock", "allowed"]);
    assert_eq!(out["Steps"][0]["Flow"][0], "skipped");
    let checks: Vec<&str> = out["Steps"][0]["Checks"].as_array().unwrap().iter().map(|c| c["Check"].as_str().unwrap()).collect();
    assert_eq!(checks, ["trust"], "a service skips the identity check");
    let refreshes = out["Steps"][1]["Refreshes"].as_array().unwrap();
    assert_eq!(refreshes.len(), 3, "{refreshes:?}");
    assert_eq!(refreshes[0]["At"], "2026-11-22T09:55:00Z");
    assert_eq!(refreshes[0]["Expiration"], "2026-11-22T10:55:00Z");
}

#[test]
fn role_chaining_is_capped_at_one_hour() {
    let b = "arn:aws:iam::111111111111:role/B";
    let mut doc = cross_account(json!({"AWS": USER_A}));
    doc["Roles"][0]["MaxSessionDuration"] = json!(43200);
    doc["Roles"][0]["Policies"] = json!([{"PolicyName": "chain", "PolicyDocument": allow("sts:AssumeRole", b)}]);
    doc["Roles"].as_array_mut().unwrap().push(role(b, trust(json!({"AWS": ROLE})), &[allow("s3:*", "*")]));
    doc["Steps"] = json!([
        {"Action": "sts:AssumeRole", "Caller": {"AWS": USER_A}, "RoleArn": ROLE, "RoleSessionName": "aa", "DurationSeconds": 7200},
        {"Action": "sts:AssumeRole", "Caller": {"Session": 0}, "RoleArn": b, "RoleSessionName": "bb", "DurationSeconds": 7200},
        {"Action": "sts:AssumeRole", "Caller": {"Session": 0}, "RoleArn": b, "RoleSessionName": "bbb", "DurationSeconds": 3600},
        {"Action": "s3:ListAllMyBuckets", "Caller": {"Session": 2}},
        {"Action": "s3:ListAllMyBuckets", "Caller": {"Session": 1}}
    ]);
    let out = run(&doc);
    assert_eq!(outcomes(&out), ["allowed", "error:ValidationError", "allowed", "allowed", "error:InvalidClientTokenId"]);
    assert!(out["Steps"][1]["Message"].as_str().unwrap().contains("1 hour session limit for roles assumed by role chaining"));
}

#[test]
fn request_validation_matches_the_api() {
    let cases: &[(Value, &str)] = &[
        (json!({"RoleSessionName": "a"}), "ValidationError"),
        (json!({"RoleSessionName": "x".repeat(65)}), "ValidationError"),
        (json!({"RoleSessionName": "alice smith"}), "ValidationError"),
        (json!({"RoleSessionName": "alice+=,.@-_1"}), "ok"),
        (json!({"DurationSeconds": 899}), "ValidationError"),
        (json!({"DurationSeconds": 900}), "ok"),
        (json!({"DurationSeconds": 3601}), "ValidationError"),
        (json!({"ExternalId": "x"}), "ValidationError"),
        (json!({"Policy": "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\"}}"}), "MalformedPolicyDocument"),
    ];
    for (extra, want) in cases {
        let mut step = json!({"Action": "sts:AssumeRole", "Caller": {"AWS": USER_A}, "RoleArn": ROLE, "RoleSessionName": "alice"});
        for (k, v) in extra.as_object().unwrap() {
            step[k] = v.clone();
        }
        let mut doc = cross_account(json!({"AWS": USER_A}));
        doc["Steps"] = json!([step]);
        let out = run(&doc);
        let got = &out["Steps"][0];
        let code = got["ErrorCode"].as_str().unwrap_or("ok");
        assert_eq!(code, *want, "{extra}: {got}");
    }
}

#[test]
fn session_tags_need_tag_session_in_the_trust_policy() {
    let tags: Vec<Value> = (0..2).map(|i| json!({"Key": format!("k{i}"), "Value": "v"})).collect();
    let mut doc = cross_account(json!({"AWS": USER_A}));
    doc["Users"][0] = user(USER_A, &[allow("sts:*", "*")]);
    doc["Steps"] = json!([{"Action": "sts:AssumeRole", "Caller": {"AWS": USER_A}, "RoleArn": ROLE, "RoleSessionName": "aa", "Tags": tags}]);
    let out = run(&doc);
    assert_eq!(outcomes(&out), ["implicitDeny"]);
    assert!(out["Steps"][0]["Message"].as_str().unwrap().contains("sts:TagSession"));
    let t = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": USER_A}, "Action": ["sts:AssumeRole", "sts:TagSession"]}]});
    doc["Roles"][0]["AssumeRolePolicyDocument"] = t;
    assert_eq!(outcomes(&run(&doc)), ["allowed"]);
    let many: Vec<Value> = (0..51).map(|i| json!({"Key": format!("k{i}"), "Value": "v"})).collect();
    doc["Steps"][0]["Tags"] = json!(many);
    assert_eq!(outcomes(&run(&doc)), ["error:ValidationError"]);
}

#[test]
fn pass_role_is_needed_to_hand_a_role_to_lambda() {
    let fn_role = "arn:aws:iam::111111111111:role/fn";
    let dev = "arn:aws:iam::111111111111:user/dev";
    let ops = "arn:aws:iam::111111111111:user/ops";
    let pass = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": fn_role,
        "Condition": {"StringEquals": {"iam:PassedToService": "lambda.amazonaws.com"}}}]});
    let doc = world(
        vec![user(dev, &[allow("lambda:CreateFunction", "*")]), user(ops, &[allow("lambda:CreateFunction", "*"), pass])],
        vec![role(fn_role, trust(json!({"Service": "lambda.amazonaws.com"})), &[])],
        vec![
            json!({"Action": "lambda:CreateFunction", "Caller": {"AWS": dev}, "Resource": "arn:aws:lambda:us-east-1:111111111111:function:f", "PassedRole": fn_role}),
            json!({"Action": "lambda:CreateFunction", "Caller": {"AWS": ops}, "Resource": "arn:aws:lambda:us-east-1:111111111111:function:f", "PassedRole": fn_role}),
        ],
    );
    let out = run(&doc);
    assert_eq!(outcomes(&out), ["implicitDeny", "allowed"]);
    let msg = out["Steps"][0]["Message"].as_str().unwrap();
    assert!(msg.contains("iam:PassRole on resource: arn:aws:iam::111111111111:role/fn"), "{msg}");
    let pass_check = out["Steps"][1]["Checks"].as_array().unwrap().iter().find(|c| c["Action"] == "iam:PassRole").unwrap().clone();
    assert_eq!(pass_check["Decision"], "allowed");
}

#[test]
fn cross_account_bucket_policy_needs_both_sides() {
    let bucket = "arn:aws:s3:::shared";
    let bp = json!({"Version": "2012-10-17", "Statement": [{"Sid": "Dev", "Effect": "Allow", "Principal": {"AWS": USER_A}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::shared/*"}]});
    let mut doc = world(
        vec![user(USER_A, &[allow("s3:GetObject", "*")]), user(USER_B, &[allow("s3:GetObject", "*")])],
        vec![],
        vec![
            json!({"Action": "s3:GetObject", "Caller": {"AWS": USER_A}, "Resource": "arn:aws:s3:::shared/report.csv"}),
            json!({"Action": "s3:GetObject", "Caller": {"AWS": USER_B}, "Resource": "arn:aws:s3:::shared/report.csv"}),
        ],
    );
    doc["Resources"] = json!([{"Arn": bucket, "Account": PROD, "Policy": bp}]);
    let out = run(&doc);
    assert_eq!(outcomes(&out), ["allowed", "implicitDeny"]);
    assert_eq!(out["Steps"][0]["Reasons"][0], "AllowedByBothSides");
    // Across accounts S3 gives no reason (its enhanced access-denied
    // messages are for same-account and same-organization requests,
    // AmazonS3/latest/userguide/troubleshoot-403-errors.html); roleplay's
    // reason is in `Reasons`.
    assert!(out["Steps"][1]["Message"].as_str().unwrap().ends_with("on resource: arn:aws:s3:::shared/report.csv"));
    assert_eq!(out["Steps"][1]["Reasons"], json!(["ResourceNoAllow"]));
}

#[test]
fn output_is_deterministic_and_positions_point_into_string_policies() {
    let policy_text = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"A\",\n      \"Effect\": \"Allow\",\n      \"Action\": \"sts:AssumeRole\",\n      \"Resource\": \"*\"\n    }\n  ]\n}";
    let mut doc = cross_account(json!({"AWS": DEV}));
    doc["Users"][0]["Policies"][0]["PolicyDocument"] = json!(policy_text);
    let a = run(&doc);
    let b = run(&doc);
    assert_eq!(a, b);
    let m = &a["Steps"][0]["Checks"][0]["MatchedStatements"][0];
    assert_eq!(m["StartPosition"], json!({"Line": 4, "Column": 5}));
    assert_eq!(m["EndPosition"], json!({"Line": 9, "Column": 5}));
    assert_eq!(m["PolicyType"], "user");
}

fn load_errors(doc: &str) -> Vec<sts::LoadError> {
    match sts::load(doc) {
        Ok(_) => panic!("expected load errors for {doc}"),
        Err(e) => e,
    }
}

#[test]
fn load_errors_say_where() {
    let e = load_errors("{\"Scenario\": 1,\n \"Steps\": [\n  {\"Action\": \"sts:AssumeRole\", \"Caller\": {\"AWS\": \"arn:aws:iam::1:user/x\"}, \"RoleArn\": \"arn:aws:iam::111111111111:role/r\"}]}");
    assert!(e.iter().any(|e| e.path == "$.Steps[0].Caller.AWS" && e.message.contains("unknown user") && e.position.line == 3), "{e:?}");
    assert!(e.iter().any(|e| e.path == "$.Steps[0].RoleArn" && e.message.contains("unknown role")), "{e:?}");

    let e = load_errors("{\"Scenario\": 1, \"Steps\": [], \"Roles\": [{\"Arn\": \"arn:aws:iam::111111111111:role/r\", \"AssumeRolePolicyDocument\": \"{\\n  \\\"Version\\\": \\\"2012-10-17\\\",\\n  \\\"Statement\\\": {\\\"Effect\\\": \\\"allow\\\", \\\"Principal\\\": \\\"*\\\", \\\"Action\\\": \\\"sts:AssumeRole\\\"}}\"}]}");
    let pe = e.iter().find(|e| e.path.to_string().starts_with("$.Roles[0].AssumeRolePolicyDocument")).unwrap_or_else(|| panic!("{e:?}"));
    assert_eq!(pe.code, "MalformedPolicyDocument");
    assert_eq!(pe.path, "$.Roles[0].AssumeRolePolicyDocument.Statement.Effect");
    assert_eq!(pe.policy_position.map(|p| p.line), Some(3), "{pe:?}");

    let e = load_errors("{\"Scenario\": 2, \"Steps\": []}");
    assert!(e[0].message.contains("unsupported scenario version"), "{e:?}");
    let e = load_errors("{\"Scenario\": 1, \"Step\": []}");
    assert!(e.iter().any(|e| e.help.as_deref() == Some("did you mean `Steps`?")), "{e:?}");
    let e = load_errors("{\"Scenario\": 1, \"Steps\": [{\"Action\": \"s3:GetObject\", \"Caller\": {\"Session\": 0}}]}");
    assert!(e[0].message.contains("does not name an earlier AssumeRole step"), "{e:?}");
    let e = load_errors("{\"Scenario\": 1,\n\"Steps\": [,]}");
    assert_eq!(e[0].position.line, 2, "{e:?}");
    let e = load_errors("{\"Scenario\": 1, \"Steps\": [], \"Roles\": [{\"Arn\": \"arn:aws:iam::111111111111:role/r\", \"MaxSessionDuration\": 60, \"AssumeRolePolicyDocument\": {\"Version\": \"2012-10-17\", \"Statement\": []}}]}");
    assert!(e.iter().any(|e| e.path == "$.Roles[0].MaxSessionDuration"), "{e:?}");
}

#[test]
fn quotas_count_non_whitespace_characters() {
    let big: Vec<String> = (0..120).map(|i| format!("s3:GetObjectVersion{i:04}")).collect();
    let p = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": big, "Resource": "*"}]});
    let doc = world(vec![user(USER_A, &[p])], vec![], vec![]);
    let e = load_errors(&doc.to_string());
    assert!(e.iter().any(|e| e.code == "LimitExceeded" && e.message.contains("quota is 2048")), "{e:?}");
}

#[test]
fn huge_clock_jumps_with_service_sessions_stay_instant() {
    let r = "arn:aws:iam::111111111111:role/fn";
    let mut steps: Vec<Value> = (0..4)
        .map(|_| json!({"Action": "sts:AssumeRole", "Caller": {"Service": "lambda.amazonaws.com"}, "RoleArn": r, "DurationSeconds": 900}))
        .collect();
    steps.extend((0..5).map(|_| json!({"Advance": 3_153_600_000_i64})));
    steps.push(json!({"Action": "logs:PutLogEvents", "Caller": {"Session": 0}}));
    let doc = world(vec![], vec![role(r, trust(json!({"Service": "lambda.amazonaws.com"})), &[allow("logs:*", "*")])], steps);
    let out = run(&doc);
    assert_eq!(outcomes(&out)[9], "allowed", "the refreshed session still works 500 years later");
    let refreshes = out["Steps"][4]["Refreshes"].as_array().unwrap();
    let total: u64 = refreshes.iter().map(|r| 1 + r["More"].as_u64().unwrap_or(0)).sum();
    // 100 years of 10-minute refresh periods, for each of the 4 sessions.
    assert_eq!(total, 4 * (3_153_600_000 / 600));
}

#[test]
fn lint_warnings_are_located_and_do_not_stop_the_run() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/wildcard-in-equals.json")).unwrap();
    let s = sts::load(&text).unwrap();
    let w = &s.warnings[0];
    assert_eq!((w.code, w.severity.as_str()), ("wildcard-in-equals", "warning"));
    assert_eq!(w.path, "$.Users[0].Policies[0].PolicyDocument.Statement[0].Condition.StringEquals[\"aws:username\"]");
    assert_eq!(w.policy_position.map(|p| (p.line, p.column)), Some((4, 52)));
    let out: Value = serde_json::from_str(&sts::report_json(&sts::run(&s))).unwrap();
    assert_eq!(out["Warnings"][0]["Code"], "wildcard-in-equals");
    assert_eq!(out["Steps"][0]["Outcome"], "implicitDeny");
}

#[test]
fn a_schema_reference_for_editors_is_ignored_but_must_be_a_string() {
    let ok = r#"{"$schema": "../docs/scenario.schema.json", "Scenario": 1, "Steps": []}"#;
    assert!(sts::load(ok).is_ok());
    let e = load_errors(r#"{"$schema": 1, "Scenario": 1, "Steps": []}"#);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].path.to_string(), "$[\"$schema\"]");
    assert!(e[0].message.contains("expected a string"), "{}", e[0].message);
}

#[test]
fn iam_entity_arns_need_a_twelve_digit_account() {
    let e = load_errors(r#"{"Scenario": 1, "Users": [{"Arn": "arn:aws:iam::abc:user/x"}], "Steps": []}"#);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].path.to_string(), "$.Users[0].Arn");
    assert!(e[0].message.contains("12-digit account"), "{}", e[0].message);
}
