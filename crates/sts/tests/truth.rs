//! Issue 11: nothing in the report says more than AWS does. AWS's wording
//! where AWS documents it (each test cites the page), roleplay's own
//! explanation beside it in `Explanation`, and flow states that describe
//! what happened (`notNeeded`, `sent`, `rejected`, `notReached`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use serde_json::{json, Value};

const ROLE: &str = "arn:aws:iam::111111111111:role/target-role";
const DEV_USER: &str = "arn:aws:iam::222222222222:user/user_A";
const PROD_USER: &str = "arn:aws:iam::111111111111:user/ops_user";

fn allow(action: &str, resource: &str) -> Value {
    json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": action, "Resource": resource}]})
}

#[path = "support/world.rs"]
mod world;
use world::{role, run, trust, user, world};

fn load_errors(doc: &Value) -> Vec<String> {
    match sts::run_text(&serde_json::to_string_pretty(doc).unwrap()) {
        Ok(_) => Vec::new(),
        Err(e) => e.iter().map(|e| e.message.clone()).collect(),
    }
}

fn assume(caller: Value) -> Value {
    json!({"Action": "sts:AssumeRole", "Caller": caller, "RoleArn": ROLE, "RoleSessionName": "alice"})
}

fn flow(step: &Value) -> Vec<&str> {
    step["Flow"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect()
}

// ---------------------------------------------------------------- flow states

#[test]
fn a_same_account_trust_naming_the_user_needs_no_identity_allow() {
    // "When a resource-based policy grants access to a principal in the same
    // account, no additional identity-based policy is required." (AssumeRole,
    // https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html)
    let doc =
        world(vec![user(PROD_USER, &[])], vec![role(ROLE, trust(json!({"AWS": PROD_USER})), &[])], vec![assume(json!({"AWS": PROD_USER}))]);
    let out = run(&doc);
    let s = &out["Steps"][0];
    assert_eq!(s["Outcome"], "allowed");
    assert_eq!(flow(s), ["notNeeded", "sent", "allowed", "allowed"], "① is an exception, not a ✓");
}

#[test]
fn an_identity_allow_in_the_same_account_is_still_allowed() {
    let doc = world(
        vec![user(PROD_USER, &[allow("sts:AssumeRole", ROLE)])],
        vec![role(ROLE, trust(json!({"AWS": PROD_USER})), &[])],
        vec![assume(json!({"AWS": PROD_USER}))],
    );
    assert_eq!(flow(&run(&doc)["Steps"][0]), ["allowed", "sent", "allowed", "allowed"]);
}

#[test]
fn the_request_is_sent_even_when_the_identity_policy_denies_and_later_phases_are_not_reached() {
    let doc = world(
        vec![user(DEV_USER, &[])],
        vec![role(ROLE, trust(json!({"AWS": "arn:aws:iam::222222222222:root"})), &[])],
        vec![assume(json!({"AWS": DEV_USER}))],
    );
    let out = run(&doc);
    assert_eq!(flow(&out["Steps"][0]), ["denied", "sent", "allowed", "notReached"], "② is a request, not a decision");
}

#[test]
fn a_trust_denial_leaves_the_credentials_not_reached() {
    let doc = world(
        vec![user(DEV_USER, &[allow("sts:AssumeRole", ROLE)])],
        vec![role(ROLE, trust(json!({"AWS": "arn:aws:iam::333333333333:root"})), &[])],
        vec![assume(json!({"AWS": DEV_USER}))],
    );
    assert_eq!(flow(&run(&doc)["Steps"][0]), ["allowed", "sent", "denied", "notReached"]);
}

#[test]
fn a_rejected_request_reaches_no_policy() {
    let mut step = assume(json!({"AWS": DEV_USER}));
    step["DurationSeconds"] = json!(600);
    let doc =
        world(vec![user(DEV_USER, &[allow("sts:AssumeRole", ROLE)])], vec![role(ROLE, trust(json!({"AWS": DEV_USER})), &[])], vec![step]);
    let s = &run(&doc)["Steps"][0];
    assert_eq!(s["ErrorCode"], "ValidationError");
    assert_eq!(flow(s), ["notReached", "rejected", "notReached", "notReached"]);
}

#[test]
fn expired_caller_credentials_are_an_error_not_a_rejected_request() {
    let doc = world(
        vec![user(DEV_USER, &[allow("sts:AssumeRole", "*")])],
        vec![role(
            ROLE,
            trust(json!({"AWS": ["arn:aws:iam::222222222222:root", "arn:aws:iam::111111111111:root"]})),
            &[allow("sts:AssumeRole", "*")],
        )],
        vec![
            assume(json!({"AWS": DEV_USER})),
            json!({"Advance": 3600}),
            json!({"Action": "sts:AssumeRole", "Caller": {"Session": 0}, "RoleArn": ROLE, "RoleSessionName": "again"}),
        ],
    );
    let s = &run(&doc)["Steps"][2];
    assert_eq!(s["ErrorCode"], "ExpiredToken");
    assert_eq!(flow(s), ["notReached", "error", "notReached", "notReached"]);
}

// ------------------------------------------------------- AWS's words, exactly

/// `Message` of step `i`.
fn message(out: &Value, i: usize) -> String {
    out["Steps"][i]["Message"].as_str().unwrap_or("").to_string()
}

#[test]
fn trust_policy_denials_carry_the_reason_aws_gives() {
    // "User: arn:aws:iam::123456789012:user/John is not authorized to perform:
    // sts:AssumeRole because no role trust policy allows the sts:AssumeRole
    // action" and "... with an explicit deny in the role trust policy"
    // (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html).
    let deny = json!({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::222222222222:root"}, "Action": "sts:AssumeRole"},
        {"Effect": "Deny", "Principal": {"AWS": DEV_USER}, "Action": "sts:AssumeRole"}]});
    let doc = world(
        vec![user(DEV_USER, &[allow("sts:AssumeRole", "*")])],
        vec![
            role(ROLE, trust(json!({"AWS": "arn:aws:iam::333333333333:root"})), &[]),
            role("arn:aws:iam::111111111111:role/denying-role", deny, &[]),
        ],
        vec![
            assume(json!({"AWS": DEV_USER})),
            json!({"Action": "sts:AssumeRole", "Caller": {"AWS": DEV_USER}, "RoleArn": "arn:aws:iam::111111111111:role/denying-role", "RoleSessionName": "alice"}),
        ],
    );
    let out = run(&doc);
    assert!(message(&out, 0).ends_with("because no role trust policy allows the sts:AssumeRole action"), "{}", message(&out, 0));
    assert!(message(&out, 1).ends_with("with an explicit deny in the role trust policy"), "{}", message(&out, 1));
}

#[test]
fn cross_account_s3_denials_carry_no_reason() {
    // S3 adds the policy type to access-denied messages only for requests
    // within the same account or organization ("Amazon S3 は、同じ AWS
    // アカウント、または同じ AWS Organizations の組織のリソースに対して行われた
    // リクエストのアクセス拒否 (HTTP 403 Forbidden) エラーに追加コンテキストを含める",
    // https://docs.aws.amazon.com/ja_jp/AmazonS3/latest/userguide/troubleshoot-403-errors.html).
    let bucket_policy = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::333333333333:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::shared/*"}]});
    let mut doc = world(
        vec![user(DEV_USER, &[allow("s3:GetObject", "*")]), user("arn:aws:iam::111111111111:user/local", &[])],
        vec![],
        vec![
            json!({"Action": "s3:GetObject", "Caller": {"AWS": DEV_USER}, "Resource": "arn:aws:s3:::shared/a.csv"}),
            json!({"Action": "s3:GetObject", "Caller": {"AWS": "arn:aws:iam::111111111111:user/local"}, "Resource": "arn:aws:s3:::shared/a.csv"}),
        ],
    );
    doc["Resources"] = json!([{"Arn": "arn:aws:s3:::shared", "Account": "111111111111", "Policy": bucket_policy}]);
    let out = run(&doc);
    assert_eq!(
        message(&out, 0),
        "User: arn:aws:iam::222222222222:user/user_A is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::shared/a.csv"
    );
    assert_eq!(out["Steps"][0]["Reasons"], json!(["ResourceNoAllow"]), "roleplay's explanation stays in Reasons");
    assert!(
        message(&out, 1).ends_with("because no identity-based policy allows the s3:GetObject action"),
        "same account: {}",
        message(&out, 1)
    );
}

#[test]
fn expired_credentials_get_aws_s_message_and_roleplay_s_explanation_beside_it() {
    // 08's shape: the trust policy allows only until 12:00. At 13:00 the
    // session has expired and assuming the role again would be denied.
    let windowed = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::222222222222:root"},
        "Action": "sts:AssumeRole", "Condition": {"DateLessThan": {"aws:CurrentTime": "2026-11-22T12:00:00Z"}}}]});
    let doc = world(
        vec![user(DEV_USER, &[allow("sts:AssumeRole", ROLE)])],
        vec![role(ROLE, windowed, &[allow("ec2:Describe*", "*")])],
        vec![
            assume(json!({"AWS": DEV_USER})),
            json!({"Advance": 3600}),
            json!({"Action": "ec2:DescribeInstances", "Caller": {"Session": 0}, "Resource": "*"}),
            json!({"Advance": 7200}),
            json!({"Action": "ec2:DescribeInstances", "Caller": {"Session": 0}, "Resource": "*"}),
        ],
    );
    let out = run(&doc);
    assert_eq!(message(&out, 2), "The security token included in the request is expired");
    assert_eq!(
        out["Steps"][2]["Explanation"],
        json!({"Kind": "expiredToken", "ExpiredAt": "2026-11-22T10:00:00Z", "Session": 0, "AssumeAgain": "allowed"})
    );
    assert_eq!(out["Steps"][4]["Explanation"]["AssumeAgain"], "implicitDeny", "after the window a new AssumeRole is denied");
    assert_eq!(out["Steps"][4]["Principal"], "arn:aws:sts::111111111111:assumed-role/target-role/alice", "the row names who called");
}

#[test]
fn a_session_that_was_never_issued_gets_aws_s_message_only() {
    let doc = world(
        vec![user(DEV_USER, &[])],
        vec![role(ROLE, trust(json!({"AWS": "arn:aws:iam::222222222222:root"})), &[])],
        vec![assume(json!({"AWS": DEV_USER})), json!({"Action": "ec2:DescribeInstances", "Caller": {"Session": 0}, "Resource": "*"})],
    );
    let out = run(&doc);
    assert_eq!(message(&out, 1), "The security token included in the request is invalid.");
    assert_eq!(out["Steps"][1]["Explanation"], json!({"Kind": "noCredentials", "Session": 0}));
}

#[test]
fn max_session_duration_message_is_aws_s_and_the_figure_is_beside_it() {
    let mut step = assume(json!({"AWS": DEV_USER}));
    step["DurationSeconds"] = json!(7200);
    let doc =
        world(vec![user(DEV_USER, &[allow("sts:AssumeRole", ROLE)])], vec![role(ROLE, trust(json!({"AWS": DEV_USER})), &[])], vec![step]);
    let out = run(&doc);
    assert_eq!(message(&out, 0), "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
    assert_eq!(out["Steps"][0]["Explanation"], json!({"Kind": "maxSessionDuration", "MaxSessionDuration": 3600}));
}

#[test]
fn duplicate_tag_keys_message_is_aws_s_and_the_key_is_beside_it() {
    let mut step = assume(json!({"AWS": DEV_USER}));
    step["Tags"] = json!([{"Key": "team", "Value": "a"}, {"Key": "Team", "Value": "b"}]);
    let doc = world(vec![user(DEV_USER, &[allow("sts:*", "*")])], vec![role(ROLE, trust(json!({"AWS": DEV_USER})), &[])], vec![step]);
    let out = run(&doc);
    assert_eq!(message(&out, 0), "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
    assert_eq!(out["Steps"][0]["Explanation"], json!({"Kind": "duplicateTagKey", "Key": "Team"}));
}

#[test]
fn a_principal_that_does_not_match_says_what_the_trust_policy_names() {
    let doc = world(
        vec![user(DEV_USER, &[allow("sts:AssumeRole", ROLE)])],
        vec![role(ROLE, trust(json!({"AWS": "arn:aws:iam::333333333333:root"})), &[])],
        vec![assume(json!({"AWS": DEV_USER}))],
    );
    let out = run(&doc);
    let trust = out["Steps"][0]["Checks"].as_array().unwrap().iter().find(|c| c["Check"] == "trust").unwrap().clone();
    let na = &trust["NotApplied"][0];
    assert_eq!(na["Reason"], "principal");
    assert_eq!(na["PolicyValues"], json!(["333333333333"]), "the account the trust policy names");
}

// ------------------------------------------------------ session policy size

/// A session policy of exactly `n` characters, whitespace included.
fn session_policy_of(n: usize) -> String {
    let head = r#"{"Version": "2012-10-17", "Statement": {"Sid": "S"#;
    let tail = r#"", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}"#;
    let pad = n - head.len() - tail.len();
    format!("{head}{}{tail}", "x".repeat(pad))
}

#[test]
fn session_policy_plaintext_counts_every_character_up_to_2048() {
    // "The plaintext that you use for both inline and managed session policies
    // can't exceed 2,048 characters." (AssumeRole,
    // https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html)
    // The packed size (PackedPolicyTooLarge) is a separate limit roleplay
    // does not simulate, so no PackedPolicySize is reported.
    let steps: Vec<Value> = [2048, 2049]
        .iter()
        .map(|&n| {
            let mut s = assume(json!({"AWS": DEV_USER}));
            s["Policy"] = json!(session_policy_of(n));
            s
        })
        .collect();
    let doc = world(vec![user(DEV_USER, &[allow("sts:AssumeRole", ROLE)])], vec![role(ROLE, trust(json!({"AWS": DEV_USER})), &[])], steps);
    let out = run(&doc);
    assert_eq!(out["Steps"][0]["Outcome"], "allowed");
    assert!(out["Steps"][0].get("PackedPolicySize").is_none(), "no invented packed percentage");
    assert_eq!(out["Steps"][1]["ErrorCode"], "ValidationError");
    assert!(
        message(&out, 1).ends_with("at 'policy' failed to satisfy constraint: Member must have length less than or equal to 2048"),
        "{}",
        message(&out, 1)
    );
    assert_eq!(out["Steps"][1]["Explanation"], json!({"Kind": "sessionPolicyLength", "Characters": 2049, "Limit": 2048}));
}

#[test]
fn whitespace_counts_in_the_session_policy_plaintext() {
    let compact = session_policy_of(2040);
    let spaced = compact.replacen(", ", ",          ", 1);
    assert!(spaced.chars().count() > 2048);
    let mut s = assume(json!({"AWS": DEV_USER}));
    s["Policy"] = json!(spaced);
    let doc =
        world(vec![user(DEV_USER, &[allow("sts:AssumeRole", ROLE)])], vec![role(ROLE, trust(json!({"AWS": DEV_USER})), &[])], vec![s]);
    assert_eq!(run(&doc)["Steps"][0]["ErrorCode"], "ValidationError");
}

// -------------------------------------------------------- services' sessions

fn service_world(service: &str, extra: Value) -> Value {
    let mut step = json!({"Action": "sts:AssumeRole", "Caller": {"Service": service}, "RoleArn": ROLE});
    if let (Some(o), Some(e)) = (step.as_object_mut(), extra.as_object()) {
        o.extend(e.clone());
    }
    world(vec![], vec![role(ROLE, trust(json!({"Service": service})), &[allow("sts:AssumeRole", "*")])], vec![step])
}

fn session_name(out: &Value) -> String {
    out["Steps"][0]["AssumedRoleUser"]["Arn"].as_str().unwrap().rsplit('/').next().unwrap().to_string()
}

#[test]
fn a_lambda_session_is_named_after_its_function() {
    let out = run(&service_world("lambda.amazonaws.com", json!({"FunctionName": "hello-function"})));
    assert_eq!(session_name(&out), "hello-function");
}

#[test]
fn function_name_is_only_for_a_lambda_caller() {
    let errs = load_errors(&service_world("ec2.amazonaws.com", json!({"FunctionName": "hello-function"})));
    assert!(errs.iter().any(|e| e.contains("FunctionName")), "{errs:?}");
}

#[test]
fn an_ecs_task_session_is_named_after_a_task_id() {
    let name = session_name(&run(&service_world("ecs-tasks.amazonaws.com", json!({}))));
    assert_eq!(name.len(), 32, "{name}");
    assert!(name.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()), "{name}");
}

#[test]
fn an_ec2_instance_session_is_not_role_chaining() {
    // "AWS does not treat using roles to grant permissions to applications
    // that run on EC2 instances as role chaining."
    // (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html)
    let other = "arn:aws:iam::111111111111:role/other-role";
    let mut doc = service_world("ec2.amazonaws.com", json!({}));
    doc["Roles"].as_array_mut().unwrap().push(json!({"Arn": other, "MaxSessionDuration": 7200,
        "AssumeRolePolicyDocument": trust(json!({"AWS": ROLE}))}));
    doc["Steps"].as_array_mut().unwrap().push(
        json!({"Action": "sts:AssumeRole", "Caller": {"Session": 0}, "RoleArn": other, "RoleSessionName": "app", "DurationSeconds": 7200}),
    );
    assert_eq!(run(&doc)["Steps"][1]["Outcome"], "allowed");
}

fn saml_world(session_name: Option<&str>) -> Value {
    let idp = "arn:aws:iam::111111111111:saml-provider/ExampleIdP";
    let t = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": idp}, "Action": "sts:AssumeRoleWithSAML"}]});
    let mut step = json!({"Action": "sts:AssumeRoleWithSAML", "Caller": {"Federated": idp}, "RoleArn": ROLE});
    if let Some(n) = session_name {
        step["RoleSessionName"] = json!(n);
    }
    world(vec![], vec![role(ROLE, t, &[])], vec![step])
}

#[test]
fn saml_has_no_role_session_name_parameter() {
    // AssumeRoleWithSAML requires RoleArn, PrincipalArn and SAMLAssertion;
    // the session name is the assertion's
    // https://aws.amazon.com/SAML/Attributes/RoleSessionName attribute
    // (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_saml_assertions.html),
    // so a missing one is the scenario's mistake, not a `Value null at
    // 'roleSessionName'` from a parameter that does not exist. CloudTrail
    // still records it, with the provider as `principalArn` (the IAM User
    // Guide's example AssumeRoleWithSAML record).
    let out = run(&saml_world(Some("alice@example.com")));
    let params = &out["Steps"][0]["Event"]["requestParameters"];
    assert_eq!(params["roleSessionName"], "alice@example.com");
    assert_eq!(params["principalArn"], "arn:aws:iam::111111111111:saml-provider/ExampleIdP");
    assert_eq!(session_name(&out), "alice@example.com");
    let errs = load_errors(&saml_world(None));
    assert!(errs.iter().any(|e| e.contains("RoleSessionName") && e.contains("SAML")), "{errs:?}");
}

#[test]
fn a_broken_role_is_one_error_not_one_per_step_that_names_it() {
    let bad =
        json!({"Version": "2012-10-17", "Statement": [{"Effect": "Alow", "Principal": {"AWS": DEV_USER}, "Action": "sts:AssumeRole"}]});
    let doc = world(
        vec![user(DEV_USER, &[allow("sts:AssumeRole", ROLE)])],
        vec![role(ROLE, bad, &[])],
        vec![
            assume(json!({"AWS": DEV_USER})),
            json!({"Action": "ec2:DescribeInstances", "Caller": {"Session": 0}, "Resource": "*"}),
            assume(json!({"AWS": DEV_USER})),
        ],
    );
    let errs = load_errors(&doc);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(errs[0].contains("`Effect` must be `Allow` or `Deny`"), "{errs:?}");
}
