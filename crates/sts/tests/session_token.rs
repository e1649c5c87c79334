//! `sts:GetSessionToken`: an IAM user's own temporary credentials, checked
//! against the STS API Reference
//! (<https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html>,
//! quoted at each test) and the long-term key beside them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use serde_json::{json, Value};

const ALICE: &str = "arn:aws:iam::111111111111:user/alice";
const ADMIN: &str = "arn:aws:iam::111111111111:role/admin";
const MFA: &str = "arn:aws:iam::111111111111:mfa/alice";

fn scenario(alice_policy: Value, steps: Vec<Value>) -> Value {
    json!({
        "Scenario": 1,
        "Clock": "2026-11-22T09:00:00Z",
        "Users": [{"Arn": ALICE, "Policies": [{"PolicyName": "alice", "PolicyDocument": alice_policy}]}],
        "Roles": [{"Arn": ADMIN, "MaxSessionDuration": 43200, "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": {"AWS": "111111111111"}, "Action": "sts:AssumeRole",
            "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}]}}],
        "Steps": steps,
    })
}

fn allow_all() -> Value {
    json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})
}

fn gst(extra: Value) -> Value {
    let mut v = json!({"Action": "sts:GetSessionToken", "Caller": {"AWS": ALICE}});
    for (k, x) in extra.as_object().unwrap() {
        v[k] = x.clone();
    }
    v
}

fn with_mfa() -> Value {
    gst(json!({"SerialNumber": MFA, "TokenCode": "123456"}))
}

fn call(action: &str, caller: Value) -> Value {
    json!({"Action": action, "Caller": caller, "Resource": "*"})
}

fn run(doc: &Value) -> Value {
    let text = serde_json::to_string_pretty(doc).unwrap();
    let report = sts::run_text(&text).unwrap_or_else(|e| panic!("{e:?}"));
    serde_json::from_str(&sts::report_json(&report)).unwrap()
}

fn outcome(out: &Value, i: usize) -> String {
    let s = &out["Steps"][i];
    match s["ErrorCode"].as_str() {
        Some(c) if s["Outcome"] == "error" => format!("error:{c}"),
        _ => s["Outcome"].as_str().unwrap_or("none").to_string(),
    }
}

#[test]
fn durations_are_the_api_reference_s() {
    // "This duration can range from 900 seconds (15 minutes) up to a maximum
    // of 129,600 seconds (36 hours), with a default of 43,200 seconds (12 hours)."
    let out = run(&scenario(
        allow_all(),
        vec![
            gst(json!({})),
            gst(json!({"DurationSeconds": 900})),
            gst(json!({"DurationSeconds": 129600})),
            gst(json!({"DurationSeconds": 899})),
            gst(json!({"DurationSeconds": 129601})),
        ],
    ));
    assert_eq!(out["Steps"][0]["Credentials"]["Expiration"], "2026-11-22T21:00:00Z", "default 43,200 s");
    assert_eq!(out["Steps"][1]["Credentials"]["Expiration"], "2026-11-22T09:15:00Z");
    assert_eq!(out["Steps"][2]["Credentials"]["Expiration"], "2026-11-23T21:00:00Z", "36 hours");
    assert_eq!(outcome(&out, 3), "error:ValidationError");
    assert!(out["Steps"][3]["Message"].as_str().unwrap().contains("greater than or equal to 900"));
    assert_eq!(outcome(&out, 4), "error:ValidationError");
    assert!(out["Steps"][4]["Message"].as_str().unwrap().contains("less than or equal to 129600"));
    assert!(out["Steps"][4]["Credentials"].is_null());
}

#[test]
fn no_policy_decides_get_session_token() {
    // "No permissions are required for users to perform this operation. [...]
    // You cannot use policies to control authentication operations."
    let deny = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "sts:GetSessionToken", "Resource": "*"}]});
    let out = run(&scenario(deny, vec![gst(json!({}))]));
    let step = &out["Steps"][0];
    assert_eq!(step["Outcome"], "allowed");
    assert!(step["Checks"].is_null(), "no policy check is made: {step}");
    assert!(step["AssumedRoleUser"].is_null(), "a user's session is not an assumed role");
    let key = step["Credentials"]["AccessKeyId"].as_str().unwrap();
    assert!(key.starts_with("ASIA") && key.len() == 20, "{key}");
    assert!(step["Credentials"]["SessionToken"].as_str().unwrap().len() > 100);
}

#[test]
fn the_long_term_key_is_akia_and_signs_the_request() {
    // IAM identifiers: "AKIA | Access key"; "ASIA | Temporary (AWS STS) access
    // key IDs use this prefix" (reference_identifiers.html#identifiers-prefixes).
    let doc = scenario(allow_all(), vec![gst(json!({})), call("s3:ListAllMyBuckets", json!({"Session": 0}))]);
    let text = serde_json::to_string_pretty(&doc).unwrap();
    let s = sts::load(&text).unwrap();
    let key = sts::long_term_key(&s, 0).unwrap();
    assert!(key.access_key_id.starts_with("AKIA") && key.access_key_id.len() == 20, "{key:?}");
    assert_eq!(key.secret_access_key.len(), 40);
    assert_eq!(sts::Simulator::new(&s).long_term_key(0), Some(key.clone()));
    let out = run(&doc);
    let ev = &out["Steps"][0]["Event"];
    assert_eq!(ev["eventName"], "GetSessionToken");
    assert_eq!(ev["eventSource"], "sts.amazonaws.com");
    assert_eq!(ev["userIdentity"]["type"], "IAMUser");
    assert_eq!(ev["userIdentity"]["accessKeyId"], key.access_key_id.as_str(), "called with the long-term key");
    assert!(ev["userIdentity"]["sessionContext"].is_null());
    assert_eq!(ev["requestParameters"], json!({"durationSeconds": 43200}));
    assert_eq!(ev["responseElements"]["credentials"]["accessKeyId"], out["Steps"][0]["Credentials"]["AccessKeyId"]);
    // A call with the temporary credentials is still the user's, signed with ASIA….
    let ev = &out["Steps"][1]["Event"];
    assert_eq!(ev["userIdentity"]["type"], "IAMUser");
    assert_eq!(ev["userIdentity"]["arn"], ALICE);
    assert_eq!(ev["userIdentity"]["accessKeyId"], out["Steps"][0]["Credentials"]["AccessKeyId"]);
    assert_eq!(ev["userIdentity"]["sessionContext"]["attributes"]["mfaAuthenticated"], "false");
}

#[test]
fn the_credentials_have_the_user_s_permissions() {
    // "The temporary credentials have the same permissions as the IAM user."
    let only_s3 = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]});
    let out = run(&scenario(
        only_s3,
        vec![gst(json!({})), call("s3:ListAllMyBuckets", json!({"Session": 0})), call("ec2:DescribeInstances", json!({"Session": 0}))],
    ));
    assert_eq!(outcome(&out, 1), "allowed");
    assert_eq!(out["Steps"][1]["Principal"], ALICE);
    assert_eq!(outcome(&out, 2), "implicitDeny");
}

#[test]
fn iam_needs_mfa_and_sts_allows_only_assume_role_and_get_caller_identity() {
    // "You cannot call any IAM API operations unless MFA authentication
    // information is included in the request. You cannot call any STS API
    // except AssumeRole or GetCallerIdentity."
    let out = run(&scenario(
        allow_all(),
        vec![
            gst(json!({})),
            call("iam:ListUsers", json!({"Session": 0})),
            with_mfa(),
            call("iam:ListUsers", json!({"Session": 2})),
            call("sts:GetFederationToken", json!({"Session": 2})),
            call("sts:DecodeAuthorizationMessage", json!({"Session": 0})),
            call("sts:GetCallerIdentity", json!({"Session": 0})),
            json!({"Action": "sts:AssumeRole", "Caller": {"Session": 0}, "RoleArn": ADMIN, "RoleSessionName": "alice"}),
        ],
    ));
    assert_eq!(outcome(&out, 1), "error:InvalidClientTokenId", "IAM without MFA");
    assert_eq!(out["Steps"][1]["Message"], "The security token included in the request is invalid.");
    assert!(out["Steps"][1]["Event"].is_null(), "a refused token leaves no event (as for expired credentials)");
    assert_eq!(outcome(&out, 3), "allowed", "IAM with MFA");
    assert_eq!(outcome(&out, 4), "error:InvalidClientTokenId");
    assert_eq!(outcome(&out, 5), "error:InvalidClientTokenId");
    assert_eq!(outcome(&out, 6), "allowed", "GetCallerIdentity is not refused");
    // AssumeRole is allowed to these credentials, but the trust policy wants MFA.
    assert_eq!(outcome(&out, 7), "implicitDeny");
}

#[test]
fn mfa_through_get_session_token_reaches_the_role() {
    // IAM User Guide, Permissions for GetSessionToken: "If the user is
    // successfully authenticated with an MFA device, the credentials returned
    // by the GetSessionToken API operation include the MFA context."
    let out = run(&scenario(
        allow_all(),
        vec![
            json!({"Action": "sts:AssumeRole", "Caller": {"AWS": ALICE}, "RoleArn": ADMIN, "RoleSessionName": "alice"}),
            with_mfa(),
            json!({"Advance": 600}),
            json!({"Action": "sts:AssumeRole", "Caller": {"Session": 1}, "RoleArn": ADMIN, "RoleSessionName": "alice", "DurationSeconds": 7200}),
            call("ec2:StopInstances", json!({"Session": 3})),
        ],
    ));
    assert_eq!(outcome(&out, 0), "implicitDeny", "long-term keys carry no MFA");
    assert_eq!(outcome(&out, 1), "allowed");
    assert_eq!(out["Steps"][1]["Event"]["requestParameters"], json!({"durationSeconds": 43200, "serialNumber": MFA}));
    // Not role chaining: a user's session assuming a role may ask for more than an hour.
    assert_eq!(outcome(&out, 3), "allowed");
    assert_eq!(out["Steps"][3]["Credentials"]["Expiration"], "2026-11-22T11:10:00Z");
    assert_eq!(out["Steps"][3]["Event"]["userIdentity"]["sessionContext"]["attributes"]["mfaAuthenticated"], "true");
    assert_eq!(out["Steps"][4]["Event"]["userIdentity"]["sessionContext"]["attributes"]["mfaAuthenticated"], "true");
}

#[test]
fn mfa_age_counts_from_the_get_session_token_call() {
    let old_mfa = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:StopInstances", "Resource": "*",
        "Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}}}]});
    let out = run(&scenario(
        old_mfa,
        vec![
            with_mfa(),
            call("ec2:StopInstances", json!({"Session": 0})),
            json!({"Advance": 3600}),
            call("ec2:StopInstances", json!({"Session": 0})),
        ],
    ));
    assert_eq!(outcome(&out, 1), "allowed");
    assert_eq!(outcome(&out, 3), "implicitDeny");
    assert_eq!(out["Steps"][3]["Checks"][0]["NotApplied"][0]["RequestValues"], json!(["3600"]));
}

#[test]
fn the_credentials_expire() {
    let out = run(&scenario(
        allow_all(),
        vec![gst(json!({"DurationSeconds": 900})), json!({"Advance": 900}), call("s3:ListAllMyBuckets", json!({"Session": 0}))],
    ));
    assert_eq!(outcome(&out, 2), "error:ExpiredToken");
}

#[test]
fn serial_number_and_token_code_are_checked_like_the_api() {
    // The API's model: serialNumberType 9–256 of [\w+=/:,.@-]*, tokenCodeType six of [\d]*.
    let out = run(&scenario(
        allow_all(),
        vec![
            gst(json!({"SerialNumber": "GAHT12345678", "TokenCode": "000000"})),
            gst(json!({"SerialNumber": "short", "TokenCode": "123456"})),
            gst(json!({"SerialNumber": MFA, "TokenCode": "12345"})),
            gst(json!({"SerialNumber": MFA, "TokenCode": "12345a"})),
            gst(json!({"SerialNumber": "arn:aws:iam::111111111111:mfa/a lice", "TokenCode": "123456"})),
        ],
    ));
    assert_eq!(outcome(&out, 0), "allowed", "a hardware device's serial number");
    for i in 1..5 {
        assert_eq!(outcome(&out, i), "error:ValidationError", "step {i}");
    }
    assert!(out["Steps"][1]["Message"].as_str().unwrap().contains("'serialNumber'"));
    assert!(out["Steps"][3]["Message"].as_str().unwrap().contains("'tokenCode'"));
}

fn load_errors(doc: &Value) -> Vec<String> {
    let text = serde_json::to_string_pretty(doc).unwrap();
    sts::load(&text).err().unwrap_or_default().iter().map(|e| format!("{}: {}", e.path, e.message)).collect()
}

#[test]
fn only_a_user_s_long_term_credentials_call_it() {
    // "The GetSessionToken operation must be called by using the long-term
    // Amazon Web Services security credentials of an IAM user."
    let e = load_errors(&scenario(
        allow_all(),
        vec![
            json!({"Action": "sts:AssumeRole", "Caller": {"AWS": ALICE}, "RoleArn": ADMIN, "RoleSessionName": "alice"}),
            json!({"Action": "sts:GetSessionToken", "Caller": {"Session": 0}}),
        ],
    ));
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].starts_with("$.Steps[1].Caller: `sts:GetSessionToken` is called by an IAM user"), "{e:?}");
    let e = load_errors(&scenario(allow_all(), vec![gst(json!({"SerialNumber": MFA}))]));
    assert!(e[0].contains("`TokenCode` is missing"), "{e:?}");
    let e = load_errors(&scenario(allow_all(), vec![gst(json!({"Context": {"aws:SourceIp": "203.0.113.10"}}))]));
    assert!(e[0].starts_with("$.Steps[0].Context: unknown key `Context`"), "{e:?}");
    // Its credentials are a session a later step may name.
    assert!(load_errors(&scenario(allow_all(), vec![gst(json!({})), call("s3:ListAllMyBuckets", json!({"Session": 0}))])).is_empty());
}
