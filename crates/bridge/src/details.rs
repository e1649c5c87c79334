//! A [`World`] as `aws iam get-account-authorization-details` prints it:
//! `UserDetailList`, `GroupDetailList`, `RoleDetailList` (with each role's
//! `InstanceProfileList`), `Policies` (each managed policy with its default
//! version `v1`), policy documents as JSON objects (the AWS CLI decodes the
//! API's URL-encoded text). IDs are fake but stable (`AIDA…`, `AGPA…`,
//! `AROA…`, `AIPA…`, `ANPA…`); dates are the scenario's clock.
//!
//! A scenario keeps a permissions boundary as a document without an ARN:
//! it becomes the customer managed policy `NAME-boundary` (a number added
//! when that name is taken), as in the CloudFormation export.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use crate::world::{fake_id, iam_arn, path_and_name, Policy, World};

/// A managed policy the document lists, with what it is attached to.
struct Listed {
    document: Value,
    attachments: usize,
    boundary_uses: usize,
}

/// The customer managed policy that stands for each boundary, by the ARN
/// of the user or role it bounds: `(policy name, policy ARN)`.
pub(crate) fn boundary_policies(w: &World) -> BTreeMap<String, (String, String)> {
    let mut taken: Vec<String> = Vec::new();
    for p in w
        .users
        .iter()
        .flat_map(|u| &u.policies)
        .chain(w.groups.iter().flat_map(|g| &g.policies))
        .chain(w.roles.iter().flat_map(|r| &r.policies))
    {
        if let Some(arn) = &p.arn {
            if !arn.contains(":iam::aws:") {
                taken.push(path_and_name(arn).1);
            }
        }
    }
    let mut out = BTreeMap::new();
    let bounded = w
        .users
        .iter()
        .filter(|u| u.boundary.is_some())
        .map(|u| &u.arn)
        .chain(w.roles.iter().filter(|r| r.boundary.is_some()).map(|r| &r.arn));
    for arn in bounded {
        let base = format!("{}-boundary", path_and_name(arn).1);
        let mut name = base.clone();
        let mut n = 2;
        while taken.contains(&name) {
            name = format!("{base}-{n}");
            n += 1;
        }
        taken.push(name.clone());
        out.insert(arn.clone(), (name.clone(), iam_arn(&w.account, "policy", "/", &name)));
    }
    out
}

fn inline(policies: &[Policy]) -> Vec<Value> {
    policies.iter().filter(|p| p.arn.is_none()).map(|p| json!({"PolicyName": p.name, "PolicyDocument": p.document})).collect()
}

fn attached(policies: &[Policy]) -> Vec<Value> {
    policies.iter().filter_map(|p| p.arn.as_ref().map(|a| json!({"PolicyName": path_and_name(a).1, "PolicyArn": a}))).collect()
}

fn tags(t: &[(String, String)]) -> Vec<Value> {
    t.iter().map(|(k, v)| json!({"Key": k, "Value": v})).collect()
}

/// The account as `get-account-authorization-details` output; `date` is
/// every `CreateDate` (ISO 8601).
pub fn authorization_details(w: &World, date: &str) -> Value {
    let boundaries = boundary_policies(w);
    let mut listed: BTreeMap<String, Listed> = BTreeMap::new();
    let mut list = |policies: &[Policy]| {
        for p in policies {
            if let Some(arn) = &p.arn {
                listed
                    .entry(arn.clone())
                    .or_insert(Listed { document: p.document.clone(), attachments: 0, boundary_uses: 0 })
                    .attachments += 1;
            }
        }
    };
    w.users.iter().for_each(|u| list(&u.policies));
    w.groups.iter().for_each(|g| list(&g.policies));
    w.roles.iter().for_each(|r| list(&r.policies));
    let bounded = w.users.iter().map(|u| (&u.arn, &u.boundary)).chain(w.roles.iter().map(|r| (&r.arn, &r.boundary)));
    for (arn, doc) in bounded {
        if let (Some(doc), Some((_, parn))) = (doc, boundaries.get(arn)) {
            listed.entry(parn.clone()).or_insert(Listed { document: doc.clone(), attachments: 0, boundary_uses: 0 }).boundary_uses += 1;
        }
    }
    let boundary = |arn: &str| boundaries.get(arn).map(|(_, p)| json!({"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": p}));
    let group_name = |arn: &str| path_and_name(arn).1;
    let users: Vec<Value> = w
        .users
        .iter()
        .map(|u| {
            let (path, name) = path_and_name(&u.arn);
            let mut o = Map::new();
            o.insert("Path".into(), json!(path));
            o.insert("UserName".into(), json!(name));
            o.insert("UserId".into(), json!(fake_id("AIDA", &u.arn)));
            o.insert("Arn".into(), json!(u.arn));
            o.insert("CreateDate".into(), json!(date));
            o.insert("UserPolicyList".into(), Value::Array(inline(&u.policies)));
            o.insert("GroupList".into(), json!(u.groups.iter().map(|g| group_name(g)).collect::<Vec<_>>()));
            o.insert("AttachedManagedPolicies".into(), Value::Array(attached(&u.policies)));
            if let Some(b) = boundary(&u.arn) {
                o.insert("PermissionsBoundary".into(), b);
            }
            o.insert("Tags".into(), Value::Array(tags(&u.tags)));
            Value::Object(o)
        })
        .collect();
    let groups: Vec<Value> = w
        .groups
        .iter()
        .map(|g| {
            let (path, name) = path_and_name(&g.arn);
            json!({"Path": path, "GroupName": name, "GroupId": fake_id("AGPA", &g.arn), "Arn": g.arn, "CreateDate": date,
                   "GroupPolicyList": inline(&g.policies), "AttachedManagedPolicies": attached(&g.policies)})
        })
        .collect();
    let role_summary = |arn: &str| -> Value {
        let (path, name) = path_and_name(arn);
        let trust = w.roles.iter().find(|r| r.arn == arn).map(|r| r.trust.clone()).unwrap_or(Value::Null);
        json!({"Path": path, "RoleName": name, "RoleId": fake_id("AROA", arn), "Arn": arn, "CreateDate": date, "AssumeRolePolicyDocument": trust})
    };
    let roles: Vec<Value> = w
        .roles
        .iter()
        .map(|r| {
            let (path, name) = path_and_name(&r.arn);
            let profiles: Vec<Value> = w
                .instance_profiles
                .iter()
                .filter(|p| p.roles.contains(&r.arn))
                .map(|p| {
                    let (ppath, pname) = path_and_name(&p.arn);
                    json!({"Path": ppath, "InstanceProfileName": pname, "InstanceProfileId": fake_id("AIPA", &p.arn), "Arn": p.arn,
                           "CreateDate": date, "Roles": p.roles.iter().map(|a| role_summary(a)).collect::<Vec<_>>()})
                })
                .collect();
            let mut o = Map::new();
            o.insert("Path".into(), json!(path));
            o.insert("RoleName".into(), json!(name));
            o.insert("RoleId".into(), json!(fake_id("AROA", &r.arn)));
            o.insert("Arn".into(), json!(r.arn));
            o.insert("CreateDate".into(), json!(date));
            o.insert("AssumeRolePolicyDocument".into(), r.trust.clone());
            o.insert("InstanceProfileList".into(), Value::Array(profiles));
            o.insert("RolePolicyList".into(), Value::Array(inline(&r.policies)));
            o.insert("AttachedManagedPolicies".into(), Value::Array(attached(&r.policies)));
            if let Some(b) = boundary(&r.arn) {
                o.insert("PermissionsBoundary".into(), b);
            }
            o.insert("Tags".into(), Value::Array(tags(&r.tags)));
            o.insert("RoleLastUsed".into(), json!({}));
            Value::Object(o)
        })
        .collect();
    let policies: Vec<Value> = listed
        .into_iter()
        .map(|(arn, l)| {
            let (path, name) = path_and_name(&arn);
            json!({"PolicyName": name, "PolicyId": fake_id("ANPA", &arn), "Arn": arn, "Path": path, "DefaultVersionId": "v1",
                   "AttachmentCount": l.attachments, "PermissionsBoundaryUsageCount": l.boundary_uses, "IsAttachable": true,
                   "CreateDate": date, "UpdateDate": date,
                   "PolicyVersionList": [{"Document": l.document, "VersionId": "v1", "IsDefaultVersion": true, "CreateDate": date}]})
        })
        .collect();
    json!({"UserDetailList": users, "GroupDetailList": groups, "RoleDetailList": roles, "Policies": policies, "IsTruncated": false})
}
