//! Unit tests of `catalogue.rs`.
use super::*;
use crate::parse::SAMPLE;
use crate::ValueType;

fn sample() -> Catalogue {
    Catalogue::parse(SAMPLE).unwrap_or_default()
}

fn names<'c>(actions: impl Iterator<Item = Action<'c>>) -> Vec<String> {
    actions.map(Action::full_name).collect()
}

#[test]
fn lookups_ignore_case() {
    let cat = sample();
    assert_eq!(cat.services().len(), 2);
    assert_eq!(cat.service("IAM").map(Service::name), Some("AWS Identity and Access Management"));
    assert_eq!(cat.find_action("IAM:passrole").map(Action::full_name).as_deref(), Some("iam:PassRole"));
    assert_eq!(cat.action("s3", "GETOBJECT").map(Action::access_level), Some(AccessLevel::Read));
    assert!(cat.find_action("iam:PassRoles").is_none());
    assert!(cat.find_action("PassRole").is_none());
    assert!(cat.service("ec2").is_none());
    let levels: Vec<AccessLevel> = cat.actions().map(Action::access_level).collect();
    use AccessLevel::*;
    assert_eq!(levels, [Write, Tagging, Read, List, Write]);
}

#[test]
fn wildcards_name_actions() {
    let cat = sample();
    assert_eq!(names(cat.actions_matching("s3:*")), ["s3:GetObject", "s3:ListAllMyBuckets", "s3:PutObject"]);
    assert_eq!(names(cat.actions_matching("S3:*object")), ["s3:GetObject", "s3:PutObject"]);
    assert_eq!(names(cat.actions_matching("*:*Role")), ["iam:PassRole", "iam:TagRole"]);
    assert_eq!(names(cat.actions_matching("i?m:?assRole")), ["iam:PassRole"]);
    assert_eq!(names(cat.actions_matching("iam:PassRole")), ["iam:PassRole"]);
    assert_eq!(cat.actions_matching("*").count(), 5);
    assert_eq!(cat.actions_matching("**").count(), 5);
    assert_eq!(cat.actions_matching("*:*").count(), 5);
    for none in ["", "s3", "s3:", "s3:Get", "ec2:*", "iam:PassRole*x", ":*", "*:"] {
        assert_eq!(cat.actions_matching(none).count(), 0, "{none:?}");
    }
}

#[test]
fn completion_ranges() {
    let cat = sample();
    let s3 = cat.service("s3");
    let got: Vec<&str> = s3.iter().flat_map(|s| s.actions_with_prefix("p")).map(Action::name).collect();
    assert_eq!(got, ["PutObject"]);
    assert_eq!(s3.map(|s| s.actions_with_prefix("").len()), Some(3));
    assert_eq!(s3.map(|s| s.actions_with_prefix("x").len()), Some(0));
    let services: Vec<&str> = cat.services_with_prefix("I").map(Service::prefix).collect();
    assert_eq!(services, ["iam"]);
    let keys: Vec<&str> = cat.condition_keys_with_prefix("iam:").map(ConditionKey::name).collect();
    assert_eq!(keys, ["iam:PassedToService", "iam:ResourceTag/${TagKey}"]);
    let iam_keys: Vec<&str> = cat.service("iam").into_iter().flat_map(Service::condition_keys).map(ConditionKey::name).collect();
    assert_eq!(iam_keys, keys);
    let globals: Vec<&str> = cat.global_condition_keys().map(ConditionKey::name).collect();
    assert_eq!(globals, ["aws:RequestTag/${TagKey}", "aws:SourceIp", "aws:TagKeys"]);
}

#[test]
fn condition_keys_and_templates() {
    let cat = sample();
    let ip = cat.condition_key("AWS:SOURCEIP");
    assert_eq!(ip.map(|k| k.key_type().to_string()).as_deref(), Some("IPAddress"));
    let tags = cat.condition_key("aws:TagKeys").map(ConditionKey::key_type);
    assert_eq!(tags, Some(KeyType { value: ValueType::String, multivalued: true }));
    assert_eq!(tags.map(|t| t.to_string()).as_deref(), Some("ArrayOfString"));
    let tag = cat.condition_key("aws:RequestTag/Team");
    assert_eq!(tag.map(ConditionKey::name), Some("aws:RequestTag/${TagKey}"));
    assert!(tag.is_some_and(|k| k.is_template() && k.is_global()));
    let object_tag = cat.condition_key("s3:existingobjecttag/Owner");
    assert_eq!(object_tag.map(ConditionKey::name), Some("s3:ExistingObjectTag/<key>"));
    assert!(cat.condition_key("aws:RequestTag/").is_none());
    assert!(cat.condition_key("aws:RequestTag").is_none());
    assert!(cat.condition_key("aws:SourceIpx").is_none());
}

#[test]
fn keys_per_action() {
    let cat = sample();
    let keys: Vec<&str> = cat.keys_for_action("iam:PassRole").unwrap_or_default().into_iter().map(ConditionKey::name).collect();
    // Its own key, and the role resource type's.
    assert_eq!(keys, ["iam:PassedToService", "iam:ResourceTag/${TagKey}"]);
    let pass = cat.find_action("iam:PassRole");
    assert!(pass.is_some_and(|a| a.supports_condition_key("iam:passedtoservice")));
    assert!(pass.is_some_and(|a| a.supports_condition_key("iam:ResourceTag/Team")));
    assert!(pass.is_some_and(|a| a.supports_condition_key("aws:SourceIp")));
    assert!(pass.is_some_and(|a| !a.supports_condition_key("s3:ExistingObjectTag/Owner")));
    assert!(pass.is_some_and(|a| !a.supports_condition_key("iam:Unknown")));
    let get = cat.find_action("s3:GetObject");
    assert!(get.is_some_and(|a| a.supports_condition_key("s3:ExistingObjectTag/Owner")));
    assert!(cat.keys_for_action("s3:Nope").is_none());
}

#[test]
fn resource_types() {
    let cat = sample();
    let rows: Vec<(String, bool)> = cat
        .resource_types_for("iam:PassRole")
        .into_iter()
        .flatten()
        .map(|r| (r.resource_type().arn_template().to_string(), r.required()))
        .collect();
    assert_eq!(rows, [("arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}".to_string(), true)]);
    assert!(cat.find_action("s3:PutObject").is_some_and(Action::is_wildcard_only));
    let fits = |arn: &str| -> Vec<&str> { cat.resource_types_matching(arn).into_iter().map(ResourceType::name).collect() };
    assert_eq!(fits("arn:aws:s3:::bucket/*"), ["object"]);
    assert_eq!(fits("arn:aws:s3:::bucket"), ["bucket"]);
    assert_eq!(fits("arn:aws:s3:::*"), ["bucket", "object"]);
    assert_eq!(fits("arn:aws:iam::111122223333:user/alice"), ["user"]);
    assert_eq!(fits("arn:aws:*:::*"), ["bucket", "object"]);
    assert_eq!(fits("*"), ["role", "user", "bucket", "object"]);
    assert!(fits("arn:aws:ec2:::x").is_empty());
    assert!(fits("nonsense").is_empty());
}

#[test]
fn odd_inputs_never_panic() {
    let cat = sample();
    let long = "é*?".repeat(3000);
    for text in ["", ":", "::", "*", "?", "*:", ":*", "é:ü", "\u{0}", "s3:\u{e9}", "arn:", "arn:::::", long.as_str()] {
        let _ = cat.service(text);
        let _ = cat.find_action(text);
        let _ = cat.actions_matching(text).count();
        let _ = cat.condition_key(text);
        let _ = cat.closest_action(text);
        let _ = cat.closest_service(text);
        let _ = cat.closest_condition_key(text);
        let _ = cat.resource_types_matching(text);
        let _ = cat.services_with_prefix(text).count();
        let _ = cat.condition_keys_with_prefix(text).count();
        for a in cat.actions() {
            let _ = a.supports_condition_key(text);
        }
    }
    let empty = Catalogue::default();
    assert!(empty.closest_action("sts:AssumeRole").is_none());
    assert_eq!(empty.actions_matching("*").count(), 0);
}

#[test]
fn did_you_mean() {
    let cat = sample();
    let action = |text: &str| cat.closest_action(text).map(Action::full_name);
    assert_eq!(action("iam:PassRoles").as_deref(), Some("iam:PassRole"));
    assert_eq!(action("iam:PassRole").as_deref(), Some("iam:PassRole"));
    assert_eq!(action("iamm:PasRole").as_deref(), Some("iam:PassRole"));
    assert_eq!(action("s3:GetObjects").as_deref(), Some("s3:GetObject"));
    // Unknown service, known name: searched everywhere.
    assert_eq!(action("ec2:TagRole").as_deref(), Some("iam:TagRole"));
    assert_eq!(action("GetObjekt").as_deref(), Some("s3:GetObject"));
    assert_eq!(action("s3:CompletelyDifferent"), None);
    assert_eq!(action(""), None);
    assert_eq!(cat.closest_service("s4").map(Service::prefix), Some("s3"));
    assert_eq!(cat.closest_service("ima").map(Service::prefix), Some("iam"));
    assert_eq!(cat.closest_service("lambda").map(Service::prefix), None);
    let key = |text: &str| cat.closest_condition_key(text).map(ConditionKey::name);
    assert_eq!(key("aws:SourceIP4"), Some("aws:SourceIp"));
    assert_eq!(key("aws:RequestTags/Team"), Some("aws:RequestTag/${TagKey}"));
    assert_eq!(key("aws:TagKey"), Some("aws:TagKeys"));
    assert_eq!(key("nothing:like:it"), None);
}
