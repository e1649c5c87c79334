//! `roleplay export --format cloudformation`: the template creates the same
//! IAM in a sandbox account. Resource types and properties as the
//! CloudFormation Template Reference documents them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::Path;

use bridge::{export_cloudformation, import, ExportFailure, NoteKind};
use serde_json::{json, Value};

fn file(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(rel)).unwrap()
}

fn template(rel: &str, account: Option<&str>) -> Value {
    export_cloudformation(&file(rel), account).unwrap_or_else(|e| panic!("{rel}: {e:?}")).document
}

fn of_type<'t>(t: &'t Value, ty: &str) -> Vec<(&'t String, &'t Value)> {
    t["Resources"].as_object().unwrap().iter().filter(|(_, r)| r["Type"] == ty).collect()
}

#[test]
fn roles_with_trust_policies_inline_policies_and_max_session_duration() {
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-role.html:
    // "AssumeRolePolicyDocument" : Json, "MaxSessionDuration" : Integer,
    // "Path" : String, "Policies" : [ Policy, ... ], "RoleName" : String.
    let t = template("scenarios/07-role-chaining.json", Some("111111111111"));
    assert_eq!(t["AWSTemplateFormatVersion"], "2010-09-09");
    let role = &t["Resources"]["RoleRoleA"];
    assert_eq!(role["Type"], "AWS::IAM::Role");
    let p = &role["Properties"];
    assert_eq!(p["RoleName"], "RoleA");
    assert_eq!(p["Path"], "/");
    assert_eq!(p["MaxSessionDuration"], 43200);
    assert_eq!(p["Policies"][0]["PolicyName"], "JumpToRoleB");
    assert_eq!(p["Policies"][0]["PolicyDocument"]["Statement"][0]["Sid"], "AllowAssumeRoleB");
    // Another account is a parameter, the template's own is AWS::AccountId
    // (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-sub.html).
    assert_eq!(
        p["AssumeRolePolicyDocument"]["Statement"][0]["Principal"]["AWS"],
        json!({"Fn::Sub": "arn:aws:iam::${Account222222222222}:root"})
    );
    assert_eq!(t["Parameters"]["Account222222222222"]["Default"], "222222222222");
    assert_eq!(
        p["Policies"][0]["PolicyDocument"]["Statement"][0]["Resource"],
        json!({"Fn::Sub": "arn:aws:iam::${AWS::AccountId}:role/RoleB"})
    );
    // RoleB trusts RoleA: IAM checks a principal exists when the trust
    // policy is saved, so RoleB is created after RoleA.
    assert_eq!(t["Resources"]["RoleRoleB"]["DependsOn"], json!(["RoleRoleA"]));
    assert!(t["Description"].as_str().unwrap().contains("CAPABILITY_NAMED_IAM"));
}

#[test]
fn users_groups_and_instance_profiles_reference_each_other() {
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-user.html:
    // "Groups" : [ String, ... ] (group names; Ref of an AWS::IAM::Group
    // returns its name), "Policies", "ManagedPolicyArns", "PermissionsBoundary".
    let t = template("scenarios/10-explicit-deny.json", Some("222222222222"));
    let user = &t["Resources"]["UserUserA"]["Properties"];
    assert_eq!(user["UserName"], "user_A");
    assert_eq!(user["Groups"], json!([{"Ref": "GroupDevelopers"}]));
    assert_eq!(user["Policies"].as_array().unwrap().len(), 2);
    assert_eq!(t["Resources"]["GroupDevelopers"]["Properties"]["GroupName"], "Developers");
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-instanceprofile.html:
    // "Roles" : [ String, ... ] (role names; Ref of a role returns its name).
    let t = template("scenarios/05-ec2-instance-profile.json", None);
    let profiles = of_type(&t, "AWS::IAM::InstanceProfile");
    assert_eq!(profiles.len(), 1);
    assert_eq!(
        profiles[0].1["Properties"],
        json!({"InstanceProfileName": "web-server-profile", "Path": "/", "Roles": [{"Ref": "RoleWebServerRole"}]})
    );
    // A trust policy naming a user of the template depends on it.
    let t = template("scenarios/03-same-account-trust.json", None);
    assert_eq!(t["Resources"]["RoleAppOperatorRole"]["DependsOn"], json!(["UserOpsUser"]));
}

#[test]
fn a_permissions_boundary_is_a_managed_policy_resource() {
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-managedpolicy.html:
    // "When you pass the logical ID of this resource to the intrinsic Ref
    // function, Ref returns the ARN."; the role's PermissionsBoundary is
    // "The ARN of the policy used to set the permissions boundary".
    let t = template("scenarios/12-permissions-boundary.json", Some("111111111111"));
    let b = &t["Resources"]["BoundaryDelegatedAdminRole"];
    assert_eq!(b["Type"], "AWS::IAM::ManagedPolicy");
    assert_eq!(b["Properties"]["ManagedPolicyName"], "delegated-admin-role-boundary");
    assert_eq!(b["Properties"]["PolicyDocument"]["Statement"][0]["Sid"], "S3AndEC2DescribeOnly");
    assert_eq!(t["Resources"]["RoleDelegatedAdminRole"]["Properties"]["PermissionsBoundary"], json!({"Ref": "BoundaryDelegatedAdminRole"}));
}

#[test]
fn managed_policies_customer_as_resources_aws_by_arn() {
    let im = import(include_str!("data/authorization-details.json")).unwrap();
    let x = export_cloudformation(&im.scenario, None).unwrap();
    let t = &x.document;
    let devs = &t["Resources"]["GroupDevelopers"]["Properties"];
    assert_eq!(devs["ManagedPolicyArns"], json!([{"Ref": "PolicyAppDynamodbAccess"}]));
    assert_eq!(t["Resources"]["PolicyAppDynamodbAccess"]["Properties"]["ManagedPolicyName"], "app-dynamodb-access");
    assert_eq!(t["Resources"]["GroupAdmins"]["Properties"]["ManagedPolicyArns"], json!(["arn:aws:iam::aws:policy/AdministratorAccess"]));
    assert_eq!(t["Metadata"]["Roleplay"]["AwsManagedPolicies"][0]["PolicyArn"], "arn:aws:iam::aws:policy/AdministratorAccess");
    assert!(x.notes.iter().any(|n| n.kind == NoteKind::Info && n.en.starts_with("AWS managed policies are attached by their ARN")));
    // A user's path stays.
    assert_eq!(t["Resources"]["UserBob"]["Properties"]["Path"], "/engineering/");
    // Policy variables are escaped inside Fn::Sub, never substituted.
    let doc = r#"{"Scenario": 1, "Users": [{"Arn": "arn:aws:iam::111111111111:user/u", "Policies": [{"PolicyName": "home",
        "PolicyDocument": {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "iam:GetUser", "Resource": "arn:aws:iam::111111111111:user/${aws:username}"}}}]}], "Steps": []}"#;
    let t = export_cloudformation(doc, None).unwrap().document;
    assert_eq!(
        t["Resources"]["UserU"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"]["Resource"],
        json!({"Fn::Sub": "arn:aws:iam::${AWS::AccountId}:user/${!aws:username}"})
    );
}

#[test]
fn what_a_template_cannot_hold_is_said() {
    let x = export_cloudformation(&file("scenarios/13-cross-account-bucket-policy.json"), Some("222222222222")).unwrap();
    let en: Vec<&str> = x.notes.iter().map(|n| n.en.as_str()).collect();
    assert!(en.contains(&"not exported: 1 resource with their resource-based policies (they are not IAM entities)"), "{en:#?}");
    assert!(en.iter().any(|n| n.starts_with("not exported: 6 steps (steps are not infrastructure;")), "{en:#?}");
    assert!(en.iter().any(|n| n.starts_with("only account 222222222222 is exported")), "{en:#?}");
    match export_cloudformation(&file("scenarios/13-cross-account-bucket-policy.json"), None) {
        Err(ExportFailure::ChooseAccount(a)) => assert_eq!(a, ["111111111111", "222222222222"]),
        other => panic!("{other:?}"),
    }
    match export_cloudformation(&file("scenarios/01-cross-account-switch-role.json"), Some("999999999999")) {
        Err(ExportFailure::NoSuchAccount(a, _)) => assert_eq!(a, "999999999999"),
        other => panic!("{other:?}"),
    }
    assert!(matches!(export_cloudformation("{}", None), Err(ExportFailure::Load(_))));
    match export_cloudformation(r#"{"Scenario": 1, "Steps": []}"#, None) {
        Err(ExportFailure::Export(e)) => assert_eq!(e.message, "the scenario has no user, group, role or instance profile to export"),
        other => panic!("{other:?}"),
    }
}
