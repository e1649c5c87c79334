//! Every step as the AWS CLI command that makes the same request and what
//! AWS prints; the matching `~/.aws/config` profiles. Each shape encoded
//! here is AWS's, quoted from its documentation where it is tested.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::Path;

use bridge::{profiles, steps, Response, StepCli};
use serde_json::{json, Value};

fn file(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(rel)).unwrap()
}

fn cli(rel: &str) -> Vec<StepCli> {
    let text = file(rel);
    let s = sts::load(&text).unwrap();
    let r = sts::run(&s);
    let doc = policy::json::parse(&text).unwrap();
    steps(&s, &r, Some(&doc))
}

fn json_of(st: &StepCli) -> &Value {
    match &st.response {
        Response::Json(v) => v,
        other => panic!("step {}: {other:?}", st.step),
    }
}

fn keys(v: &Value) -> Vec<&str> {
    v.as_object().unwrap().keys().map(String::as_str).collect()
}

#[test]
fn assume_role_its_response_and_get_caller_identity_after_switching() {
    let s = cli("scenarios/01-cross-account-switch-role.json");
    // https://docs.aws.amazon.com/cli/latest/reference/sts/assume-role.html
    // (example): "aws sts assume-role --role-arn
    // arn:aws:iam::123456789012:role/xaccounts3access --role-session-name
    // s3-access-example".
    assert_eq!(
        s[0].command.as_deref(),
        Some("aws sts assume-role \\\n    --role-arn arn:aws:iam::111111111111:role/test_EC2ReadOnlyAccess_Role \\\n    --role-session-name user_A \\\n    --profile user_A")
    );
    // https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html,
    // response elements: Credentials, AssumedRoleUser, PackedPolicySize ("A
    // percentage value that indicates the packed size of the session policies
    // and session tags combined passed in the request") — so absent when
    // none were passed.
    let v = json_of(&s[0]);
    assert_eq!(keys(v), ["Credentials", "AssumedRoleUser"]);
    assert_eq!(keys(&v["Credentials"]), ["AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"]);
    assert_eq!(keys(&v["AssumedRoleUser"]), ["AssumedRoleId", "Arn"]);
    assert!(v["Credentials"]["AccessKeyId"].as_str().unwrap().starts_with("ASIA"));
    // AWS CLI version 2 prints timestamps in ISO 8601 (its default
    // cli_timestamp_format, https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html),
    // as its own example output of assume-role-with-web-identity shows it:
    // "Expiration": "2020-05-19T18:06:10+00:00"
    // (https://docs.aws.amazon.com/cli/latest/reference/sts/assume-role-with-web-identity.html).
    assert_eq!(v["Credentials"]["Expiration"], "2026-11-22T10:00:00+00:00");
    // https://docs.aws.amazon.com/cli/latest/reference/sts/get-caller-identity.html,
    // example output: {"UserId": "AIDASAMPLEUSERID", "Account":
    // "123456789012", "Arn": "arn:aws:iam::123456789012:user/DevAdmin"}.
    let (cmd, who) = s[0].caller_identity.as_ref().unwrap();
    assert_eq!(cmd, "aws sts get-caller-identity --profile test_EC2ReadOnlyAccess_Role");
    assert_eq!(keys(who), ["UserId", "Account", "Arn"]);
    assert_eq!(who["Account"], "111111111111");
    assert_eq!(who["Arn"], "arn:aws:sts::111111111111:assumed-role/test_EC2ReadOnlyAccess_Role/user_A");
    assert_eq!(who["UserId"], v["AssumedRoleUser"]["AssumedRoleId"]);
    // The session's calls run with the role profile.
    assert_eq!(s[1].command.as_deref(), Some("aws ec2 describe-instances --profile test_EC2ReadOnlyAccess_Role"));
    assert_eq!(s[1].response, Response::NotSimulated);
    // The AWS CLI's error line is botocore's ClientError.MSG_TEMPLATE
    // (https://github.com/boto/botocore/blob/develop/botocore/exceptions.py):
    // "An error occurred ({error_code}) when calling the {operation_name}
    // operation{retry_info}: {error_message}". s3:ListAllMyBuckets is the
    // permission of the ListBuckets operation
    // (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBuckets.html).
    assert_eq!(
        s[2].response,
        Response::Error("An error occurred (AccessDenied) when calling the ListBuckets operation: User: arn:aws:sts::111111111111:assumed-role/test_EC2ReadOnlyAccess_Role/user_A is not authorized to perform: s3:ListAllMyBuckets on resource: * because no identity-based policy allows the s3:ListAllMyBuckets action".into())
    );
    assert_eq!(s[2].command.as_deref(), Some("aws s3api list-buckets --profile test_EC2ReadOnlyAccess_Role"));
    assert_eq!(s[3].profile.as_deref(), Some("user_A"));
    assert!(
        matches!(&s[4].response, Response::Error(e) if e.starts_with("An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:iam::222222222222:user/user_B"))
    );
    assert!(s[4].caller_identity.is_none());
}

#[test]
fn external_id_mfa_duration_session_policy_and_tags_become_options() {
    let s = cli("scenarios/14-external-id-and-mfa.json");
    let c2 = s[2].command.as_deref().unwrap();
    assert!(c2.contains("--external-id Example-7f3a9c2e41b5"), "{c2}");
    // https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html,
    // SerialNumber: "The value is either the
    // serial number for a hardware device (such as GAHT12345678) or an Amazon
    // Resource Name (ARN) for a virtual device (such as
    // arn:aws:iam::123456789012:mfa/user)."
    let c6 = s[6].command.as_deref().unwrap();
    assert!(c6.contains("--serial-number arn:aws:iam::222222222222:mfa/user_A \\\n    --token-code 123456"), "{c6}");
    let s = cli("scenarios/07-role-chaining.json");
    assert!(s[0].command.as_deref().unwrap().contains("--duration-seconds 7200"));
    // A chained AssumeRole runs with the first role's profile.
    assert!(s[2].command.as_deref().unwrap().ends_with("--profile RoleA"), "{:?}", s[2].command);
    let s = cli("scenarios/11-session-policy.json");
    let c0 = s[0].command.as_deref().unwrap();
    assert!(c0.contains(r#"--policy '{"Version":"2012-10-17","Statement":[{"Sid":"ReadReportsOnly","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-reports/*"}]}'"#), "{c0}");
    // AWS's answer has PackedPolicySize too ("A percentage value that
    // indicates the packed size of the session policies and session tags
    // combined", API_AssumeRole.html); roleplay does not simulate packing, so
    // it prints none and says so.
    assert_eq!(keys(json_of(&s[0])), ["Credentials", "AssumedRoleUser"]);
    assert!(s[0].note.as_ref().is_some_and(|n| n.en.contains("PackedPolicySize")), "{:?}", s[0].note);
    // https://docs.aws.amazon.com/cli/latest/reference/sts/assume-role.html,
    // --tags shorthand syntax: "Key=string,Value=string ...".
    let s = cli("tests/scenarios/session-tags-tagkeys.json");
    let tagged = s.iter().filter_map(|x| x.command.as_deref()).find(|c| c.contains("Key=Owner")).unwrap();
    assert!(tagged.contains("--tags Key=Project,Value=apollo Key=Owner,Value=alice"), "{tagged}");
}

#[test]
fn s3_object_calls_name_bucket_key_and_the_file() {
    let s = cli("scenarios/11-session-policy.json");
    assert_eq!(
        s[1].command.as_deref(),
        Some("aws s3api get-object \\\n    --bucket example-reports \\\n    --key 2026/q3.csv \\\n    --profile data-analyst-role \\\n    q3.csv")
    );
}

#[test]
fn web_identity_and_saml_need_no_profile_and_answer_their_own_fields() {
    let s = cli("scenarios/15-github-actions-oidc.json");
    let c = s[0].command.as_deref().unwrap();
    assert!(
        c.starts_with("aws sts assume-role-with-web-identity \\\n    --role-arn arn:aws:iam::111111111111:role/github-actions-deploy-role"),
        "{c}"
    );
    assert!(c.contains("--web-identity-token \"$(cat /path/to/web-identity-token)\"") && !c.contains("--profile"), "{c}");
    // https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html,
    // response elements:
    // SubjectFromWebIdentityToken ("the token's sub (Subject) claim"),
    // Provider ("For OpenID Connect ID tokens, this contains the value of the
    // iss field"), Audience.
    let v = json_of(&s[0]);
    assert_eq!(keys(v), ["Credentials", "SubjectFromWebIdentityToken", "AssumedRoleUser", "Provider", "Audience"]);
    assert_eq!(v["Provider"], "https://token.actions.githubusercontent.com");
    assert_eq!(v["Audience"], "sts.amazonaws.com");
    let s = cli("tests/scenarios/web-identity-and-saml.json");
    let c = s[0].command.as_deref().unwrap();
    assert!(
        c.contains("--principal-arn arn:aws:iam::111111111111:saml-provider/ExampleIdP \\\n    --saml-assertion file://saml-response.b64"),
        "{c}"
    );
    assert_eq!(json_of(&s[0])["Audience"], "https://signin.aws.amazon.com/saml");
    assert!(s[1].note.as_ref().unwrap().en.contains("AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN"));
}

#[test]
fn a_service_assumes_for_itself_and_clock_steps_send_nothing() {
    let s = cli("scenarios/05-ec2-instance-profile.json");
    assert_eq!(s[0].command, None);
    assert!(s[0].note.as_ref().unwrap().en.contains("instance profile web-server-profile"));
    assert_eq!(s[1].command.as_deref(), Some("aws s3api get-object --bucket example-app-assets --key config/app.json app.json"));
    assert!(s[1].note.as_ref().unwrap().en.contains("without a profile"));
    let clock = s.iter().find(|x| x.note.as_ref().is_some_and(|n| n.en.starts_with("the clock moves"))).unwrap();
    assert_eq!((clock.command.as_ref(), &clock.response), (None, &Response::None));
    assert!(clock.note.as_ref().unwrap().ja.starts_with("時計が"));
}

#[test]
fn every_preset_step_has_its_command_or_says_why_not() {
    for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "json") {
            continue;
        }
        let rel = format!("scenarios/{}", path.file_name().unwrap().to_string_lossy());
        for st in cli(&rel) {
            assert!(st.command.is_some() || st.note.is_some(), "{rel} step {}", st.step);
            if let Some(c) = &st.command {
                assert!(c.starts_with("aws "), "{rel}: {c}");
            }
        }
    }
}

fn config(rel: &str, lang: &str) -> String {
    bridge::aws_config_text(&file(rel), lang).unwrap()
}

#[test]
fn config_profiles_for_the_roles() {
    // https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-role.html:
    // "[profile
    // marketingadmin] role_arn = arn:aws:iam::123456789012:role/marketingadminrole
    // source_profile = user1"; mfa_serial, external_id, duration_seconds and
    // role_session_name are settings of the same profile.
    let c = config("scenarios/14-external-id-and-mfa.json", "en");
    assert!(c.contains("[profile third-party-audit-role]\nrole_arn = arn:aws:iam::111111111111:role/third-party-audit-role\nsource_profile = partner_auditor\nexternal_id = Example-7f3a9c2e41b5\nrole_session_name = partner-audit\n"), "{c}");
    assert!(c.contains("[profile break-glass-admin-role]\nrole_arn = arn:aws:iam::111111111111:role/break-glass-admin-role\nsource_profile = user_A\nmfa_serial = arn:aws:iam::222222222222:mfa/user_A\nrole_session_name = user_A\n"), "{c}");
    // A denied attempt is no way to assume the role: no profile for it.
    assert_eq!(c.matches("[profile third-party-audit-role").count(), 1, "{c}");
    // Chaining: the second role's source_profile is the first role's profile.
    let c = config("scenarios/07-role-chaining.json", "en");
    assert!(
        c.contains("[profile RoleB]\nrole_arn = arn:aws:iam::111111111111:role/RoleB\nsource_profile = RoleA\nduration_seconds = 3600\n"),
        "{c}"
    );
    // Web identity: the same page's "Assume role with web identity" section
    // configures role_arn with web_identity_token_file (the path to the
    // provider's token) and role_session_name.
    let c = config("scenarios/15-github-actions-oidc.json", "ja");
    assert!(c.contains("[profile github-actions-deploy-role]\nrole_arn = arn:aws:iam::111111111111:role/github-actions-deploy-role\nweb_identity_token_file = /path/to/web-identity-token\nrole_session_name = GitHubActions\n"), "{c}");
    assert!(c.starts_with("# シナリオ「"), "{c}");
    // Services need none.
    let c = config("scenarios/04-lambda-service-role.json", "en");
    assert!(c.contains("# step 0: lambda.amazonaws.com assumes hello-function-role itself; no profile is needed"), "{c}");
}

#[test]
fn profile_names_are_unique_and_shared_by_steps_and_config() {
    let text = file("scenarios/07-role-chaining.json");
    let s = sts::load(&text).unwrap();
    let r = sts::run(&s);
    let p = profiles(&s, Some(&r));
    let mut names: Vec<&str> = p.profiles.iter().map(|x| x.name.as_str()).collect();
    let n = names.len();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), n);
    let st = steps(&s, &r, None);
    for x in &st {
        if let Some(prof) = &x.profile {
            assert!(names.contains(&prof.as_str()), "{prof}");
        }
    }
    assert_eq!(json!(p.sessions.get(&0)), json!("RoleA"));
}
