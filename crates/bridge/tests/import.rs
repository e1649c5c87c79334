//! `aws iam get-account-authorization-details` → a scenario, with a
//! realistic document modelled on AWS's documented example output (the AWS
//! CLI reference's example,
//! https://docs.aws.amazon.com/cli/latest/reference/iam/get-account-authorization-details.html: a
//! `RoleDetailList` with an EC2 role and its instance profile, groups whose
//! `AttachedManagedPolicies` is a single object, users with `GroupList`,
//! `Policies` with `PolicyVersionList`) and the API's response elements
//! (`UserDetail`, `GroupDetail`, `RoleDetail`, `ManagedPolicyDetail`;
//! https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use bridge::{import, NoteKind};
use serde_json::{json, Value};

const DOC: &str = include_str!("data/authorization-details.json");

fn scenario(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

fn policy_names(entity: &Value) -> Vec<String> {
    entity["Policies"].as_array().map(|a| a.iter().map(|p| p["PolicyName"].as_str().unwrap().to_string()).collect()).unwrap_or_default()
}

#[test]
fn a_realistic_document_becomes_a_scenario_that_loads() {
    let im = import(DOC).unwrap();
    let s = scenario(&im.scenario);
    assert_eq!(s["Title"]["en"], "Account 123456789012 (imported)");
    assert_eq!(s["Steps"], json!([]));
    // Users sorted by ARN, paths kept.
    let users: Vec<&str> = s["Users"].as_array().unwrap().iter().map(|u| u["Arn"].as_str().unwrap()).collect();
    assert_eq!(
        users,
        ["arn:aws:iam::123456789012:user/alice", "arn:aws:iam::123456789012:user/carol", "arn:aws:iam::123456789012:user/engineering/bob"]
    );
    let bob = &s["Users"][2];
    assert_eq!(bob["Groups"], json!(["arn:aws:iam::123456789012:group/Developers"]));
    assert_eq!(bob["Tags"], json!([{"Key": "team", "Value": "payments"}]));
    assert_eq!(policy_names(bob), ["DenyIamAndBilling"]);
    // The boundary is the managed policy's default version, as a document.
    let boundary: Value = serde_json::from_str(bob["PermissionsBoundary"].as_str().unwrap()).unwrap();
    assert_eq!(boundary["Statement"][0]["NotAction"], json!(["iam:*", "organizations:*"]));
    // A group's AttachedManagedPolicies given as one object is read as a list of one.
    let admins = &s["Groups"][0];
    assert_eq!(admins["Policies"][0]["PolicyArn"], "arn:aws:iam::aws:policy/AdministratorAccess");
    // Managed policies: the default version (v2), attached with PolicyArn.
    let devs = &s["Groups"][1];
    assert_eq!(policy_names(devs), ["DeployAndDebug", "app-dynamodb-access"]);
    let dynamo: Value = serde_json::from_str(devs["Policies"][1]["PolicyDocument"].as_str().unwrap()).unwrap();
    assert_eq!(dynamo["Statement"][0]["Action"], json!(["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"]));
    // Roles: trust policy, path, tags; the instance profile from InstanceProfileList.
    let roles: Vec<&str> = s["Roles"].as_array().unwrap().iter().map(|r| r["Arn"].as_str().unwrap()).collect();
    assert_eq!(roles, ["arn:aws:iam::123456789012:role/app/deploy-role", "arn:aws:iam::123456789012:role/web-server"]);
    assert_eq!(s["Roles"][0]["Tags"], json!([{"Key": "owner", "Value": "platform"}]));
    assert!(s["Roles"][0].get("MaxSessionDuration").is_none());
    assert_eq!(
        s["InstanceProfiles"],
        json!([{"Arn": "arn:aws:iam::123456789012:instance-profile/web-server", "Roles": ["arn:aws:iam::123456789012:role/web-server"]}])
    );
    sts::load(&im.scenario).unwrap();
}

#[test]
fn the_report_says_what_was_not_imported() {
    let im = import(DOC).unwrap();
    let text: Vec<&str> = im.notes.iter().map(|n| n.en.as_str()).collect();
    let has = |kind: NoteKind, part: &str| im.notes.iter().any(|n| n.kind == kind && n.en.contains(part));
    assert!(has(NoteKind::Skipped, "the AWS managed policy `arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess` (attached to role web-server) is not in the document's `Policies`"), "{text:#?}");
    assert!(
        has(NoteKind::Skipped, "the AWS managed policy `arn:aws:iam::aws:policy/ReadOnlyAccess` (attached to user carol)"),
        "{text:#?}"
    );
    assert!(has(NoteKind::Skipped, "user carol: the group `Auditors` is not in `GroupDetailList`"), "{text:#?}");
    assert!(has(NoteKind::Info, "not imported: 1 managed policy in `Policies`, attached to no user, group or role here"), "{text:#?}");
    assert!(has(NoteKind::Info, "permissions boundaries are imported as their documents"), "{text:#?}");
    assert!(has(NoteKind::NotCarried, "MaxSessionDuration is not in the document"), "{text:#?}");
    assert!(has(NoteKind::NotCarried, "service control policies (AWS Organizations), resource-based policies"), "{text:#?}");
    // Every note in both languages.
    assert!(im.notes.iter().all(|n| !n.ja.is_empty() && !n.ja.is_ascii()));
    assert!(!has(NoteKind::Skipped, "IsTruncated"));
}

#[test]
fn a_truncated_page_is_reported() {
    // https://docs.aws.amazon.com/cli/latest/reference/iam/get-account-authorization-details.html:
    // "get-account-authorization-details is a paginated
    // operation. Multiple API calls may be issued in order to retrieve the
    // entire data set of results. You can disable pagination by providing
    // the --no-paginate argument."
    let doc = DOC.replace("\"IsTruncated\": false", "\"IsTruncated\": true, \"Marker\": \"EXAMPLEmarker\"");
    let im = import(&doc).unwrap();
    assert!(im.notes.iter().any(|n| n.kind == NoteKind::Skipped && n.en.contains("`IsTruncated` is true")));
}

/// RFC 3986 percent-encoding of everything but unreserved characters.
fn url_encode(s: &str) -> String {
    s.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"-._~".contains(&b) { char::from(b).to_string() } else { format!("%{b:02X}") })
        .collect()
}

fn encode_documents(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                if ["PolicyDocument", "AssumeRolePolicyDocument", "Document"].contains(&k.as_str()) && x.is_object() {
                    *x = json!(url_encode(&x.to_string()));
                } else {
                    encode_documents(x);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(encode_documents),
        _ => {}
    }
}

#[test]
fn url_encoded_documents_as_the_api_returns_them_read_the_same() {
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html:
    // "Policies returned by this operation are URL-encoded compliant with RFC 3986."
    let mut raw: Value = serde_json::from_str(DOC).unwrap();
    encode_documents(&mut raw);
    let encoded = serde_json::to_string(&raw).unwrap();
    assert!(encoded.contains("\"AssumeRolePolicyDocument\":\"%7B%22Version%22"), "{}", &encoded[..400]);
    assert_eq!(import(&encoded).unwrap().scenario, import(DOC).unwrap().scenario);
    // A document as a plain JSON string reads the same too.
    let mut plain: Value = serde_json::from_str(DOC).unwrap();
    plain["UserDetailList"][1]["UserPolicyList"][0]["PolicyDocument"] =
        json!(plain["UserDetailList"][1]["UserPolicyList"][0]["PolicyDocument"].to_string());
    assert_eq!(import(&plain.to_string()).unwrap().scenario, import(DOC).unwrap().scenario);
}

#[test]
fn the_imported_account_answers_can_this_user_assume_that_role() {
    let im = import(DOC).unwrap();
    let mut s = scenario(&im.scenario);
    let bob = "arn:aws:iam::123456789012:user/engineering/bob";
    s["Steps"] = json!([
        {"Action": "iam:CreateUser", "Caller": {"AWS": "arn:aws:iam::123456789012:user/alice"}, "Resource": "*", "Expect": "allowed"},
        {"Action": "iam:CreateUser", "Caller": {"AWS": bob}, "Resource": "*", "Expect": "explicitDeny"},
        {"Action": "sts:AssumeRole", "Caller": {"AWS": bob}, "RoleArn": "arn:aws:iam::123456789012:role/app/deploy-role", "RoleSessionName": "bob", "Expect": "implicitDeny"},
        {"Action": "sts:AssumeRole", "Caller": {"AWS": bob}, "RoleArn": "arn:aws:iam::123456789012:role/app/deploy-role", "RoleSessionName": "bob",
         "Context": {"aws:MultiFactorAuthPresent": true}, "Expect": "allowed"},
        {"Action": "s3:GetObject", "Caller": {"AWS": "arn:aws:iam::123456789012:user/carol"}, "Resource": "arn:aws:s3:::any/x", "Expect": "implicitDeny"}
    ]);
    let scenario = sts::load(&s.to_string()).unwrap();
    let report = sts::run(&scenario);
    let (passed, failed) = sts::check_expectations(&scenario, &report);
    assert_eq!((passed, failed), (5, vec![]));
}

fn errors(text: &str) -> Vec<String> {
    match import(text) {
        Ok(_) => panic!("imported: {text}"),
        Err(e) => e.iter().map(|e| e.to_string()).collect(),
    }
}

#[test]
fn bad_input_is_located_by_path_line_and_column() {
    assert_eq!(errors("{\"UserDetailList\": [\n  {\"Arn\": 1}]}"), ["2:11: $.UserDetailList[0].Arn: `Arn` must be a string, not a number"]);
    assert_eq!(errors("[]"), ["1:1: $: the document must be an object, not an array"]);
    assert_eq!(
        errors("{\"Users\": []}"),
        ["1:1: $: this is not the output of `aws iam get-account-authorization-details`: it has none of `UserDetailList`, `GroupDetailList`, `RoleDetailList`, `Policies`"]
    );
    assert_eq!(errors("{\"UserDetailList\": 5}"), ["1:20: $.UserDetailList: `UserDetailList` must be a list, not a number"]);
    assert_eq!(
        errors("{\"UserDetailList\": [{\"Arn\": \"arn:aws:iam::123456789012:role/r\"}]}"),
        ["1:29: $.UserDetailList[0].Arn: `arn:aws:iam::123456789012:role/r` is not an IAM user ARN (`arn:aws:iam::ACCOUNT:user/NAME`)"]
    );
    assert_eq!(
        errors("{\"RoleDetailList\": [{\"Arn\": \"arn:aws:iam::123456789012:role/r\", \"AssumeRolePolicyDocument\": \"%7B%2\"}]}"),
        ["1:93: $.RoleDetailList[0].AssumeRolePolicyDocument: the policy document is a string but neither JSON nor URL-encoded JSON"]
    );
    let e = errors("{\"UserDetailList\": [");
    assert!(e[0].starts_with("1:21: $: the file is not valid JSON"), "{e:?}");
}

#[test]
fn a_policy_the_engine_refuses_is_skipped_and_said() {
    let doc = r#"{"UserDetailList": [{"Arn": "arn:aws:iam::123456789012:user/u", "UserPolicyList": [
        {"PolicyName": "bad", "PolicyDocument": {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject"}}}]}]}"#;
    let im = import(doc).unwrap();
    assert!(
        im.notes.iter().any(|n| n.kind == NoteKind::Skipped && n.en.starts_with("user u: the inline policy `bad` was not imported:")),
        "{:?}",
        im.notes
    );
    assert!(!im.scenario.contains("\"bad\""));
}

#[test]
fn no_input_makes_it_panic() {
    // Every prefix of the document, and the document with bytes changed.
    let bytes = DOC.as_bytes();
    for end in (0..bytes.len()).step_by(97) {
        if let Ok(prefix) = std::str::from_utf8(&bytes[..end]) {
            let _ = import(prefix);
        }
    }
    let mut rng: u64 = 0x1234_5678;
    for _ in 0..300 {
        let mut b = bytes.to_vec();
        for _ in 0..4 {
            rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let i = (rng >> 33) as usize % b.len();
            b[i] = b"{}[]\",:0a%\\ "[(rng >> 20) as usize % 12];
        }
        if let Ok(s) = std::str::from_utf8(&b) {
            let _ = import(s);
        }
    }
    let deep = "[".repeat(100_000);
    assert!(import(&deep).is_err());
}
