//! A [`World`] as a CloudFormation template (JSON) that creates the same
//! IAM in a sandbox account, and that template read back.
//!
//! Resources (CloudFormation Template Reference): `AWS::IAM::ManagedPolicy`
//! for customer managed policies and permissions boundaries (`Ref` returns
//! the policy's ARN), `AWS::IAM::Group`, `AWS::IAM::User` (`Groups` by
//! `Ref`, which returns the group's name), `AWS::IAM::Role`
//! (`AssumeRolePolicyDocument`, `Policies`, `ManagedPolicyArns`,
//! `MaxSessionDuration`, `PermissionsBoundary`, `Tags`) and
//! `AWS::IAM::InstanceProfile` (`Roles` by `Ref`, the role's name). AWS
//! managed policies are attached by their ARN; the documents the scenario
//! simulated for them are kept under `Metadata.Roleplay`. Account IDs become
//! `${AWS::AccountId}` or parameters ([`crate::accounts`]). A role whose
//! trust policy names a user or role of the template `DependsOn` it, since
//! IAM checks that a principal exists when the policy is saved.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Map, Value};

use crate::accounts::{resolve, Accounts};
use crate::details::boundary_policies;
use crate::report::{Note, NoteKind};
use crate::world::{account_of, iam_arn, path_and_name, Group, InstanceProfile, Policy, Role, User, World};

/// A logical ID: `prefix` and the name's letters and digits, CamelCased,
/// made unique with a number.
fn logical_id(prefix: &str, name: &str, taken: &mut BTreeSet<String>) -> String {
    let mut base = String::from(prefix);
    for part in name.split(|c: char| !c.is_ascii_alphanumeric()).filter(|p| !p.is_empty()) {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            base.push(first.to_ascii_uppercase());
            base.extend(chars);
        }
    }
    let mut id = base.clone();
    let mut n = 2;
    while !taken.insert(id.clone()) {
        id = format!("{base}{n}");
        n += 1;
    }
    id
}

/// Why a world cannot be one template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportError {
    /// Lowercase, names in backticks.
    pub message: String,
}

/// A template and what it does not carry.
#[derive(Clone, Debug)]
pub struct Template {
    /// The template (JSON).
    pub template: Value,
    /// What was left out or changed, in both languages.
    pub notes: Vec<Note>,
}

struct Ids {
    users: BTreeMap<String, String>,
    groups: BTreeMap<String, String>,
    roles: BTreeMap<String, String>,
    policies: BTreeMap<String, String>,
}

fn tags(t: &[(String, String)]) -> Vec<Value> {
    t.iter().map(|(k, v)| json!({"Key": k, "Value": v})).collect()
}

/// Every string a template writes that may name an account: the documents.
fn documents(w: &World) -> Vec<&Value> {
    let mut out: Vec<&Value> = Vec::new();
    fn pol(p: &Policy) -> &Value {
        &p.document
    }
    out.extend(w.users.iter().flat_map(|u| u.policies.iter().map(pol).chain(u.boundary.iter())));
    out.extend(w.groups.iter().flat_map(|g| g.policies.iter().map(pol)));
    out.extend(w.roles.iter().flat_map(|r| std::iter::once(&r.trust).chain(r.policies.iter().map(pol)).chain(r.boundary.iter())));
    out
}

/// The world as a template. `title` goes into the description; the notes
/// say what a template cannot hold.
pub fn template(w: &World, title: &str) -> Result<Template, ExportError> {
    let acc = Accounts::collect(&w.account, documents(w));
    let mut notes = Vec::new();
    let mut taken = BTreeSet::new();
    let mut resources = Map::new();
    let mut ids = Ids { users: BTreeMap::new(), groups: BTreeMap::new(), roles: BTreeMap::new(), policies: BTreeMap::new() };
    // Customer managed policies, once each; AWS managed ones by ARN.
    let mut customer: BTreeMap<String, (Value, String)> = BTreeMap::new();
    let mut aws: BTreeMap<String, (Value, String)> = BTreeMap::new();
    let owners = w
        .users
        .iter()
        .map(|u| (&u.arn, &u.policies))
        .chain(w.groups.iter().map(|g| (&g.arn, &g.policies)))
        .chain(w.roles.iter().map(|r| (&r.arn, &r.policies)));
    for (owner, policies) in owners {
        for p in policies {
            let Some(arn) = &p.arn else { continue };
            let table = if arn.contains(":iam::aws:") { &mut aws } else { &mut customer };
            match table.get(arn) {
                Some((doc, first)) if *doc != p.document => {
                    return Err(ExportError {
                        message: format!(
                        "the managed policy `{arn}` has one document on `{first}` and another on `{owner}`; a template can create only one"
                    ),
                    })
                }
                Some(_) => {}
                None => {
                    table.insert(arn.clone(), (p.document.clone(), owner.clone()));
                }
            }
        }
    }
    for (arn, (doc, _)) in &customer {
        let (path, name) = path_and_name(arn);
        let id = logical_id("Policy", &name, &mut taken);
        resources.insert(
            id.clone(),
            json!({"Type": "AWS::IAM::ManagedPolicy", "Properties": {"ManagedPolicyName": name, "Path": path, "PolicyDocument": acc.sub(doc)}}),
        );
        if account_of(arn) != w.account {
            notes.push(Note::new(
                NoteKind::Info,
                format!("the managed policy `{arn}` names another account; the template creates it in the account it is deployed to"),
                format!("管理ポリシー {arn} は別のアカウントのものですが、テンプレートはデプロイ先のアカウントに作成します"),
            ));
        }
        ids.policies.insert(arn.clone(), id);
    }
    let boundaries = boundary_policies(w);
    let bounded = w.users.iter().map(|u| (&u.arn, &u.boundary)).chain(w.roles.iter().map(|r| (&r.arn, &r.boundary)));
    for (owner, doc) in bounded {
        if let (Some(doc), Some((name, parn))) = (doc, boundaries.get(owner)) {
            let id = logical_id("Boundary", &name.replace("-boundary", ""), &mut taken);
            resources.insert(
                id.clone(),
                json!({"Type": "AWS::IAM::ManagedPolicy", "Properties": {"ManagedPolicyName": name, "Path": "/", "Description": format!("Permissions boundary of {}", path_and_name(owner).1), "PolicyDocument": acc.sub(doc)}}),
            );
            ids.policies.insert(parn.clone(), id);
        }
    }
    let managed_arns = |policies: &[Policy], ids: &Ids| -> Vec<Value> {
        policies
            .iter()
            .filter_map(|p| p.arn.as_ref())
            .map(|a| match ids.policies.get(a) {
                Some(id) => json!({"Ref": id}),
                None => json!(a),
            })
            .collect()
    };
    let inline = |policies: &[Policy]| -> Vec<Value> {
        policies.iter().filter(|p| p.arn.is_none()).map(|p| json!({"PolicyName": p.name, "PolicyDocument": acc.sub(&p.document)})).collect()
    };
    let boundary_ref = |arn: &str, ids: &Ids| boundaries.get(arn).and_then(|(_, p)| ids.policies.get(p)).map(|id| json!({"Ref": id}));
    let props = |o: &mut Map<String, Value>, key: &str, v: Vec<Value>| {
        if !v.is_empty() {
            o.insert(key.into(), Value::Array(v));
        }
    };
    for Group { arn, policies } in &w.groups {
        let (path, name) = path_and_name(arn);
        let id = logical_id("Group", &name, &mut taken);
        let mut o = Map::new();
        o.insert("GroupName".into(), json!(name));
        o.insert("Path".into(), json!(path));
        props(&mut o, "Policies", inline(policies));
        props(&mut o, "ManagedPolicyArns", managed_arns(policies, &ids));
        resources.insert(id.clone(), json!({"Type": "AWS::IAM::Group", "Properties": o}));
        ids.groups.insert(arn.clone(), id);
    }
    for User { arn, policies, groups, boundary: _, tags: t } in &w.users {
        let (path, name) = path_and_name(arn);
        let id = logical_id("User", &name, &mut taken);
        let mut o = Map::new();
        o.insert("UserName".into(), json!(name));
        o.insert("Path".into(), json!(path));
        let mut group_refs = Vec::new();
        for g in groups {
            match ids.groups.get(g) {
                Some(gid) => group_refs.push(json!({"Ref": gid})),
                None => notes.push(Note::new(
                    NoteKind::Skipped,
                    format!("user {name}: the group `{g}` is not in this account, so the membership is left out"),
                    format!("ユーザー {name}: グループ {g} はこのアカウントにないため、所属は含めていません"),
                )),
            }
        }
        props(&mut o, "Groups", group_refs);
        props(&mut o, "Policies", inline(policies));
        props(&mut o, "ManagedPolicyArns", managed_arns(policies, &ids));
        if let Some(b) = boundary_ref(arn, &ids) {
            o.insert("PermissionsBoundary".into(), b);
        }
        props(&mut o, "Tags", tags(t));
        resources.insert(id.clone(), json!({"Type": "AWS::IAM::User", "Properties": o}));
        ids.users.insert(arn.clone(), id);
    }
    // Role ids first: a trust policy may name a role listed after it.
    for r in &w.roles {
        let id = logical_id("Role", &path_and_name(&r.arn).1, &mut taken);
        ids.roles.insert(r.arn.clone(), id);
    }
    let mut depends: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for r in &w.roles {
        let me = ids.roles.get(&r.arn).cloned().unwrap_or_default();
        let mut named = Vec::new();
        strings(&r.trust, &mut named);
        let mut deps: Vec<String> = Vec::new();
        for s in named {
            let target = ids.users.get(s).or_else(|| ids.roles.get(s));
            if let Some(t) = target {
                if *t != me && !deps.contains(t) && !reaches(&depends, t, &me) {
                    deps.push(t.clone());
                }
            }
        }
        depends.insert(me, deps);
    }
    for Role { arn, trust, policies, boundary: _, tags: t, max_session_duration, description } in &w.roles {
        let (path, name) = path_and_name(arn);
        let id = ids.roles.get(arn).cloned().unwrap_or_default();
        let mut o = Map::new();
        o.insert("RoleName".into(), json!(name));
        o.insert("Path".into(), json!(path));
        if let Some(d) = description {
            o.insert("Description".into(), json!(d));
        }
        o.insert("AssumeRolePolicyDocument".into(), acc.sub(trust));
        if let Some(m) = max_session_duration {
            o.insert("MaxSessionDuration".into(), json!(m));
        }
        props(&mut o, "Policies", inline(policies));
        props(&mut o, "ManagedPolicyArns", managed_arns(policies, &ids));
        if let Some(b) = boundary_ref(arn, &ids) {
            o.insert("PermissionsBoundary".into(), b);
        }
        props(&mut o, "Tags", tags(t));
        let mut res = json!({"Type": "AWS::IAM::Role", "Properties": o});
        if let (Some(deps), Some(obj)) = (depends.get(&id).filter(|d| !d.is_empty()), res.as_object_mut()) {
            obj.insert("DependsOn".into(), json!(deps));
        }
        resources.insert(id, res);
    }
    for InstanceProfile { arn, roles } in &w.instance_profiles {
        let (path, name) = path_and_name(arn);
        let id = logical_id("InstanceProfile", &name, &mut taken);
        let refs: Vec<Value> = roles.iter().filter_map(|r| ids.roles.get(r)).map(|rid| json!({"Ref": rid})).collect();
        resources.insert(
            id,
            json!({"Type": "AWS::IAM::InstanceProfile", "Properties": {"InstanceProfileName": name, "Path": path, "Roles": refs}}),
        );
    }
    if !aws.is_empty() {
        notes.push(Note::new(
            NoteKind::Info,
            "AWS managed policies are attached by their ARN: a deployment gets AWS's current version, not necessarily the document the scenario simulated (kept under Metadata.Roleplay.AwsManagedPolicies)",
            "AWS 管理ポリシーは ARN でアタッチします。デプロイ時には AWS の現在のバージョンが使われ、シナリオでシミュレートした内容 (Metadata.Roleplay.AwsManagedPolicies に保存) と同じとは限りません",
        ));
    }
    if !acc.others.is_empty() {
        let list: Vec<&str> = acc.others.keys().map(String::as_str).collect();
        notes.push(Note::new(
            NoteKind::Info,
            format!("other accounts ({}) are template parameters with those IDs as defaults; IAM checks that principals exist, so set them to accounts you own", list.join(", ")),
            format!("ほかのアカウント ({}) はテンプレートのパラメータで、既定値はその ID です。IAM はプリンシパルの存在を確認するため、自分のアカウントに設定してください", list.join("、")),
        ));
    }
    let mut meta = Map::new();
    meta.insert("Account".into(), json!(w.account));
    meta.insert("Scenario".into(), json!(title));
    if !aws.is_empty() {
        let docs: Vec<Value> = aws.iter().map(|(arn, (doc, _))| json!({"PolicyArn": arn, "PolicyDocument": doc})).collect();
        meta.insert("AwsManagedPolicies".into(), Value::Array(docs));
    }
    let mut t = Map::new();
    t.insert("AWSTemplateFormatVersion".into(), json!("2010-09-09"));
    t.insert(
        "Description".into(),
        json!(format!("roleplay: {title}. The IAM of account {} (users, groups, roles, instance profiles, policies). Deploy with --capabilities CAPABILITY_NAMED_IAM.", w.account)),
    );
    t.insert("Metadata".into(), json!({ "Roleplay": meta }));
    let params = acc.parameters();
    if !params.is_empty() {
        t.insert("Parameters".into(), Value::Object(params));
    }
    t.insert("Resources".into(), Value::Object(resources));
    Ok(Template { template: Value::Object(t), notes })
}

/// Every string in `v`.
fn strings<'v>(v: &'v Value, out: &mut Vec<&'v str>) {
    match v {
        Value::String(s) => out.push(s),
        Value::Array(items) => items.iter().for_each(|i| strings(i, out)),
        Value::Object(m) => m.values().for_each(|i| strings(i, out)),
        _ => {}
    }
}

/// Whether `from` already depends, directly or not, on `to`.
fn reaches(deps: &BTreeMap<String, Vec<String>>, from: &str, to: &str) -> bool {
    let mut stack = vec![from.to_string()];
    let mut seen = BTreeSet::new();
    while let Some(n) = stack.pop() {
        if n == to {
            return true;
        }
        if seen.insert(n.clone()) {
            stack.extend(deps.get(&n).into_iter().flatten().cloned());
        }
    }
    false
}

/// A template this module wrote, read back into the world it creates when
/// deployed in its own account with the parameters' defaults. Only the
/// shapes [`template`] writes are understood.
pub fn world_from_template(t: &Value) -> Result<World, ExportError> {
    let err = |m: &str| ExportError { message: m.to_string() };
    let meta =
        t.pointer("/Metadata/Roleplay").ok_or_else(|| err("the template has no `Metadata.Roleplay`: it was not written by roleplay"))?;
    let account = meta.get("Account").and_then(Value::as_str).ok_or_else(|| err("`Metadata.Roleplay.Account` is missing"))?.to_string();
    let mut vars = BTreeMap::new();
    if let Some(Value::Object(params)) = t.get("Parameters") {
        for (name, p) in params {
            if let Some(d) = p.get("Default").and_then(Value::as_str) {
                vars.insert(name.clone(), d.to_string());
            }
        }
    }
    vars.insert("AWS::AccountId".to_string(), account.clone());
    let resources = resolve(t.get("Resources").ok_or_else(|| err("the template has no `Resources`"))?, &vars);
    let resources = resources.as_object().ok_or_else(|| err("`Resources` is not an object"))?;
    let aws_docs: BTreeMap<String, Value> = meta
        .get("AwsManagedPolicies")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|p| Some((p.get("PolicyArn")?.as_str()?.to_string(), p.get("PolicyDocument")?.clone())))
        .collect();
    let prop = |r: &Value, k: &str| r.pointer(&format!("/Properties/{k}")).cloned();
    let s = |v: Option<Value>| v.and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
    let path_of = |r: &Value| {
        let p = s(prop(r, "Path"));
        if p.is_empty() {
            "/".to_string()
        } else {
            p
        }
    };
    // What each logical ID's `Ref` stands for.
    let mut arn_of: BTreeMap<String, String> = BTreeMap::new();
    let mut docs: BTreeMap<String, Value> = BTreeMap::new();
    for (id, r) in resources {
        let ty = r.get("Type").and_then(Value::as_str).unwrap_or_default();
        let (kind, name_key) = match ty {
            "AWS::IAM::ManagedPolicy" => ("policy", "ManagedPolicyName"),
            "AWS::IAM::Group" => ("group", "GroupName"),
            "AWS::IAM::User" => ("user", "UserName"),
            "AWS::IAM::Role" => ("role", "RoleName"),
            "AWS::IAM::InstanceProfile" => ("instance-profile", "InstanceProfileName"),
            other => return Err(err(&format!("the resource `{id}` has the type `{other}`, which roleplay does not write"))),
        };
        let arn = iam_arn(&account, kind, &path_of(r), &s(prop(r, name_key)));
        if kind == "policy" {
            docs.insert(arn.clone(), prop(r, "PolicyDocument").unwrap_or(Value::Null));
        }
        arn_of.insert(id.clone(), arn);
    }
    let deref = |v: &Value| -> String {
        match v.get("Ref").and_then(Value::as_str) {
            Some(id) => arn_of.get(id).cloned().unwrap_or_default(),
            None => v.as_str().unwrap_or_default().to_string(),
        }
    };
    let list = |r: &Value, k: &str| prop(r, k).and_then(|v| v.as_array().cloned()).unwrap_or_default();
    let policies = |r: &Value| -> Vec<Policy> {
        let mut out: Vec<Policy> = list(r, "Policies")
            .iter()
            .map(|p| Policy {
                name: s(p.get("PolicyName").cloned()),
                arn: None,
                document: p.get("PolicyDocument").cloned().unwrap_or(Value::Null),
            })
            .collect();
        for m in list(r, "ManagedPolicyArns") {
            let arn = deref(&m);
            let document = docs.get(&arn).or_else(|| aws_docs.get(&arn)).cloned().unwrap_or(Value::Null);
            out.push(Policy { name: path_and_name(&arn).1, arn: Some(arn), document });
        }
        out
    };
    let boundary = |r: &Value| prop(r, "PermissionsBoundary").map(|b| deref(&b)).and_then(|a| docs.get(&a).cloned());
    let tags = |r: &Value| -> Vec<(String, String)> {
        list(r, "Tags").iter().map(|t| (s(t.get("Key").cloned()), s(t.get("Value").cloned()))).collect()
    };
    let mut w = World { account: account.clone(), ..World::default() };
    for (id, r) in resources {
        let arn = arn_of.get(id).cloned().unwrap_or_default();
        match r.get("Type").and_then(Value::as_str).unwrap_or_default() {
            "AWS::IAM::Group" => w.groups.push(Group { arn, policies: policies(r) }),
            "AWS::IAM::User" => w.users.push(User {
                arn,
                policies: policies(r),
                groups: list(r, "Groups").iter().map(&deref).collect(),
                boundary: boundary(r),
                tags: tags(r),
            }),
            "AWS::IAM::Role" => w.roles.push(Role {
                arn,
                trust: prop(r, "AssumeRolePolicyDocument").unwrap_or(Value::Null),
                policies: policies(r),
                boundary: boundary(r),
                tags: tags(r),
                max_session_duration: prop(r, "MaxSessionDuration").and_then(|v| v.as_i64()),
                description: prop(r, "Description").and_then(|v| v.as_str().map(str::to_string)),
            }),
            "AWS::IAM::InstanceProfile" => {
                w.instance_profiles.push(InstanceProfile { arn, roles: list(r, "Roles").iter().map(&deref).collect() })
            }
            _ => {}
        }
    }
    Ok(w)
}
