//! `aws iam get-account-authorization-details` → a scenario.
//!
//! The document's `UserDetailList`, `GroupDetailList`, `RoleDetailList`
//! (trust policies, instance profiles) and `Policies` (managed policies, of
//! which the default version counts) become the scenario's users, groups,
//! roles and instance profiles with their inline policies, attached managed
//! policies (`PolicyArn` entries), permissions boundaries and tags. What the
//! document does not hold, or what could not be read, is said in the notes.

mod read;

use std::collections::{BTreeMap, BTreeSet};

use policy::arn::{is_account_id, Arn, IamKind};
use policy::json::Value;
use policy::path::JsonPath;
use policy::{parse_policy, PolicyType};
use serde_json::json;

use crate::report::{count, InputError, Note, NoteKind};
use crate::world::{self, InstanceProfile, Policy, Role, User, World};
use read::Reader;

/// A real account's IAM as a scenario.
#[derive(Clone, Debug)]
pub struct Imported {
    /// The scenario's text (pretty-printed JSON, policies as strings, no
    /// steps yet), which loads.
    pub scenario: String,
    /// The account as read.
    pub world: World,
    /// What was not imported, and why; in both languages.
    pub notes: Vec<Note>,
}

/// A managed policy of the document: its default version, and whether
/// anything here uses it.
struct Managed {
    document: Option<serde_json::Value>,
    used: bool,
}

/// What an ARN must name.
fn check_arn(r: &mut Reader, arn: &str, path: &JsonPath, span: policy::Span, kind: &str) -> bool {
    let ok = Arn::parse(arn).ok().is_some_and(|a| {
        a.service == "iam"
            && is_account_id(&a.account)
            && matches!(
                (kind, a.iam_kind()),
                ("user", IamKind::User { .. })
                    | ("group", IamKind::Group { .. })
                    | ("role", IamKind::Role { .. })
                    | ("instance-profile", IamKind::InstanceProfile { .. })
            )
    });
    if !ok {
        r.err(path, span, format!("`{arn}` is not an IAM {kind} ARN (`arn:aws:iam::ACCOUNT:{kind}/NAME`)"));
    }
    ok
}

/// Whether `doc` is a policy IAM and roleplay accept as `kind`; else a note
/// that `what` was not imported.
fn valid(r: &mut Reader, doc: &serde_json::Value, kind: PolicyType, what: &str, what_ja: &str) -> bool {
    let text = world::document_text(doc);
    let parsed = parse_policy(&text, kind);
    let first = parsed.errors().next().cloned();
    match first {
        None => true,
        Some(d) => {
            r.notes.push(Note::new(
                NoteKind::Skipped,
                format!("{what} was not imported: {} ({} of the policy)", d.message, d.path),
                format!("{what_ja}はインポートしませんでした: {} (ポリシーの {})", d.message, d.path),
            ));
            false
        }
    }
}

struct Import<'a> {
    r: Reader<'a>,
    managed: BTreeMap<String, Managed>,
    /// Attached managed policies the document has no text for: ARN → holders.
    missing: BTreeMap<String, Vec<String>>,
}

impl Import<'_> {
    fn managed_policies(&mut self, root: &Value) {
        for (p, item) in self.r.list(root, "Policies", &JsonPath::root()) {
            if !self.r.object(item, &p, "a managed policy") {
                continue;
            }
            let Some(arn) = self.r.string(item, "Arn", &p, Some("a managed policy")) else { continue };
            let default = self.r.string(item, "DefaultVersionId", &p, None);
            let mut document = None;
            for (vp, v) in self.r.list(item, "PolicyVersionList", &p) {
                let is_default = v.get("IsDefaultVersion").and_then(Value::as_bool) == Some(true)
                    || (default.is_some() && v.get("VersionId").and_then(Value::as_str) == default.as_deref());
                if is_default && document.is_none() {
                    if let Some(d) = v.get("Document") {
                        document = self.r.document(d, &vp.key("Document"));
                    }
                }
            }
            self.managed.entry(arn).or_insert(Managed { document, used: false });
        }
    }

    /// The policies of an entity: `inline_key` (`UserPolicyList`, …) and
    /// `AttachedManagedPolicies`. `who` names it in notes.
    fn policies(&mut self, item: &Value, p: &JsonPath, inline_key: &str, who: (&str, &str)) -> Vec<Policy> {
        let mut out = Vec::new();
        for (ip, pol) in self.r.list(item, inline_key, p) {
            if !self.r.object(pol, &ip, "an inline policy") {
                continue;
            }
            let name = self.r.string(pol, "PolicyName", &ip, Some("an inline policy"));
            let doc = match pol.get("PolicyDocument") {
                Some(d) => self.r.document(d, &ip.key("PolicyDocument")),
                None => {
                    self.r.err(&ip, pol.span, "an inline policy has no `PolicyDocument`");
                    None
                }
            };
            if let (Some(name), Some(document)) = (name, doc) {
                let what = format!("{}: the inline policy `{name}`", who.0);
                let what_ja = format!("{}: インラインポリシー {name} ", who.1);
                if valid(&mut self.r, &document, PolicyType::Identity, &what, &what_ja) {
                    out.push(Policy { name, arn: None, document });
                }
            }
        }
        for (mp, m) in self.r.list(item, "AttachedManagedPolicies", p) {
            if !self.r.object(m, &mp, "an attached managed policy") {
                continue;
            }
            let Some(arn) = self.r.string(m, "PolicyArn", &mp, Some("an attached managed policy")) else { continue };
            match self.managed.get_mut(&arn) {
                Some(Managed { document: Some(document), used }) => {
                    *used = true;
                    let document = document.clone();
                    let what = format!("{}: the managed policy `{arn}`", who.0);
                    let what_ja = format!("{}: 管理ポリシー {arn} ", who.1);
                    if valid(&mut self.r, &document, PolicyType::Identity, &what, &what_ja) {
                        // The scenario names a managed policy by the name in its ARN.
                        out.push(Policy { name: world::path_and_name(&arn).1, arn: Some(arn), document });
                    }
                }
                _ => self.missing.entry(arn).or_default().push(who.0.to_string()),
            }
        }
        out
    }

    fn boundary(&mut self, item: &Value, p: &JsonPath, who: (&str, &str)) -> Option<serde_json::Value> {
        let b = item.get("PermissionsBoundary")?;
        let bp = p.key("PermissionsBoundary");
        b.as_object()?;
        let arn = self.r.string(b, "PermissionsBoundaryArn", &bp, Some("a permissions boundary"))?;
        match self.managed.get_mut(&arn) {
            Some(Managed { document: Some(d), used, .. }) => {
                *used = true;
                let d = d.clone();
                let what = format!("{}: the permissions boundary `{arn}`", who.0);
                let what_ja = format!("{}: アクセス許可の境界 {arn} ", who.1);
                valid(&mut self.r, &d, PolicyType::Boundary, &what, &what_ja).then_some(d)
            }
            _ => {
                self.r.notes.push(Note::new(
                    NoteKind::Skipped,
                    format!("{}: the permissions boundary `{arn}` is not in the document's `Policies`, so in the scenario it has no boundary (it may do more than in AWS)", who.0),
                    format!("{}: アクセス許可の境界 {arn} がドキュメントの Policies にないため、シナリオでは境界なしになります (AWS よりも多くの操作ができる場合があります)", who.1),
                ));
                None
            }
        }
    }

    fn tags(&mut self, item: &Value, p: &JsonPath) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (tp, t) in self.r.list(item, "Tags", p) {
            let k = self.r.string(t, "Key", &tp, Some("a tag"));
            let v = self.r.string(t, "Value", &tp, Some("a tag"));
            if let (Some(k), Some(v)) = (k, v) {
                out.push((k, v));
            }
        }
        out
    }
}

fn who_user(arn: &str) -> (String, String) {
    let name = world::path_and_name(arn).1;
    (format!("user {name}"), format!("ユーザー {name}"))
}

/// Reads the output of `aws iam get-account-authorization-details` (JSON,
/// policy documents as objects or URL-encoded strings) into a scenario.
/// Any problem in the input is an error with its JSON path, line and
/// column; nothing panics.
pub fn import(text: &str) -> Result<Imported, Vec<InputError>> {
    let root = match policy::json::parse(text) {
        Ok(v) => v,
        Err(e) => {
            let r = Reader::new(text);
            return Err(vec![r.located(&JsonPath::root(), e.span, format!("the file is not valid JSON: {}", e.message))]);
        }
    };
    let mut im = Import { r: Reader::new(text), managed: BTreeMap::new(), missing: BTreeMap::new() };
    let top = JsonPath::root();
    if !im.r.object(&root, &top, "the document") {
        return Err(im.r.errors);
    }
    let lists = ["UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"];
    if !lists.iter().any(|k| root.get(k).is_some()) {
        im.r.err(&top, root.span, "this is not the output of `aws iam get-account-authorization-details`: it has none of `UserDetailList`, `GroupDetailList`, `RoleDetailList`, `Policies`");
        return Err(im.r.errors);
    }
    im.managed_policies(&root);
    let mut w = World::default();
    let mut group_arns: BTreeMap<String, String> = BTreeMap::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut duplicate = |r: &mut Reader, arn: &str| -> bool {
        if seen.insert(arn.to_string()) {
            return false;
        }
        r.notes.push(Note::new(
            NoteKind::Skipped,
            format!("`{arn}` is listed twice; the first is imported"),
            format!("{arn} が 2 回出てくるため、最初のものをインポートしました"),
        ));
        true
    };
    for (p, g) in im.r.list(&root, "GroupDetailList", &top) {
        if !im.r.object(g, &p, "a group") {
            continue;
        }
        let Some(arn) = im.r.string(g, "Arn", &p, Some("a group")) else { continue };
        if !check_arn(&mut im.r, &arn, &p.key("Arn"), g.get("Arn").map_or(g.span, |v| v.span), "group") || duplicate(&mut im.r, &arn) {
            continue;
        }
        let name = im.r.string(g, "GroupName", &p, None).unwrap_or_else(|| world::path_and_name(&arn).1);
        group_arns.insert(name.clone(), arn.clone());
        let policies = im.policies(g, &p, "GroupPolicyList", (&format!("group {name}"), &format!("グループ {name}")));
        w.groups.push(world::Group { arn, policies });
    }
    for (p, u) in im.r.list(&root, "UserDetailList", &top) {
        if !im.r.object(u, &p, "a user") {
            continue;
        }
        let Some(arn) = im.r.string(u, "Arn", &p, Some("a user")) else { continue };
        if !check_arn(&mut im.r, &arn, &p.key("Arn"), u.get("Arn").map_or(u.span, |v| v.span), "user") || duplicate(&mut im.r, &arn) {
            continue;
        }
        let (who, who_ja) = who_user(&arn);
        let mut groups = Vec::new();
        for (gp, g) in im.r.list(u, "GroupList", &p) {
            match g.as_str() {
                Some(name) => match group_arns.get(name) {
                    Some(a) => groups.push(a.clone()),
                    None => im.r.notes.push(Note::new(
                        NoteKind::Skipped,
                        format!("{who}: the group `{name}` is not in `GroupDetailList`, so the membership was not imported"),
                        format!("{who_ja}: グループ {name} が GroupDetailList にないため、所属はインポートしませんでした"),
                    )),
                },
                None => im.r.err(&gp, g.span, format!("a group name must be a string, not {}", g.kind_name())),
            }
        }
        let policies = im.policies(u, &p, "UserPolicyList", (&who, &who_ja));
        let boundary = im.boundary(u, &p, (&who, &who_ja));
        let tags = im.tags(u, &p);
        w.users.push(User { arn, policies, groups, boundary, tags });
    }
    let mut profiles: BTreeMap<String, InstanceProfile> = BTreeMap::new();
    for (p, r) in im.r.list(&root, "RoleDetailList", &top) {
        if !im.r.object(r, &p, "a role") {
            continue;
        }
        let Some(arn) = im.r.string(r, "Arn", &p, Some("a role")) else { continue };
        if !check_arn(&mut im.r, &arn, &p.key("Arn"), r.get("Arn").map_or(r.span, |v| v.span), "role") || duplicate(&mut im.r, &arn) {
            continue;
        }
        let name = world::path_and_name(&arn).1;
        let (who, who_ja) = (format!("role {name}"), format!("ロール {name}"));
        let trust = match r.get("AssumeRolePolicyDocument") {
            Some(d) => im.r.document(d, &p.key("AssumeRolePolicyDocument")),
            None => {
                im.r.err(&p, r.span, "a role has no `AssumeRolePolicyDocument`");
                None
            }
        };
        let Some(trust) = trust else { continue };
        if !valid(&mut im.r, &trust, PolicyType::Trust, &format!("{who} (its trust policy)"), &format!("{who_ja} (信頼ポリシー) ")) {
            continue;
        }
        for (ipp, ip) in im.r.list(r, "InstanceProfileList", &p) {
            let Some(parn) = im.r.string(ip, "Arn", &ipp, Some("an instance profile")) else { continue };
            if check_arn(&mut im.r, &parn, &ipp.key("Arn"), ip.get("Arn").map_or(ip.span, |v| v.span), "instance-profile") {
                let e = profiles.entry(parn.clone()).or_insert_with(|| InstanceProfile { arn: parn, roles: Vec::new() });
                if !e.roles.contains(&arn) {
                    e.roles.push(arn.clone());
                }
            }
        }
        let policies = im.policies(r, &p, "RolePolicyList", (&who, &who_ja));
        let boundary = im.boundary(r, &p, (&who, &who_ja));
        let tags = im.tags(r, &p);
        // Not in AWS's RoleDetail, but read when present (roleplay's own
        // documents from other tools may carry them).
        let max_session_duration = r
            .get("MaxSessionDuration")
            .and_then(Value::as_number_str)
            .and_then(|n| n.parse::<i64>().ok())
            .filter(|m| (3601..=43200).contains(m));
        let description = r.get("Description").and_then(Value::as_str).map(str::to_string);
        w.roles.push(Role { arn, trust, policies, boundary, tags, max_session_duration, description });
    }
    w.instance_profiles = profiles.into_values().collect();
    if !im.r.errors.is_empty() {
        return Err(im.r.errors);
    }
    let Import { r, managed, missing } = im;
    let mut notes = r.notes;
    finish_notes(&root, &w, &managed, &missing, &mut notes);
    w.account = majority_account(&w);
    w.sort();
    let scenario = scenario_text(&w);
    if let Err(errors) = sts::load(&scenario) {
        return Err(errors
            .iter()
            .map(|e| InputError {
                message: format!("the imported scenario does not load: {}", e.message),
                path: e.path.clone(),
                line: e.position.line,
                column: e.position.column,
            })
            .collect());
    }
    Ok(Imported { scenario, world: w, notes })
}

fn majority_account(w: &World) -> String {
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    let arns = w.users.iter().map(|u| &u.arn).chain(w.groups.iter().map(|g| &g.arn)).chain(w.roles.iter().map(|r| &r.arn));
    for a in arns {
        *count.entry(world::account_of(a)).or_default() += 1;
    }
    count.into_iter().max_by_key(|(_, n)| *n).map(|(a, _)| a).unwrap_or_default()
}

fn finish_notes(
    root: &Value,
    w: &World,
    managed: &BTreeMap<String, Managed>,
    missing: &BTreeMap<String, Vec<String>>,
    notes: &mut Vec<Note>,
) {
    for (arn, holders) in missing {
        let aws = arn.contains(":iam::aws:");
        let (kind, kind_ja) = if aws { ("AWS managed policy", "AWS 管理ポリシー") } else { ("managed policy", "管理ポリシー") };
        notes.push(Note::new(
            NoteKind::Skipped,
            format!(
                "the {kind} `{arn}` (attached to {}) is not in the document's `Policies`, so its permissions were not imported",
                holders.join(", ")
            ),
            format!(
                "{kind_ja} {arn} ({} にアタッチ) がドキュメントの Policies にないため、その権限はインポートしていません",
                holders.join("、")
            ),
        ));
    }
    let unused: Vec<&String> = managed.iter().filter(|(_, m)| !m.used).map(|(a, _)| a).collect();
    if !unused.is_empty() {
        notes.push(Note::new(
            NoteKind::Info,
            format!("not imported: {} in `Policies`, attached to no user, group or role here", count(unused.len(), "managed policy")),
            format!("Policies にある管理ポリシーのうち {} 件は、どのユーザー、グループ、ロールにもアタッチされていないためインポートしていません", unused.len()),
        ));
    }
    if w.users.iter().any(|u| u.boundary.is_some()) || w.roles.iter().any(|r| r.boundary.is_some()) {
        notes.push(Note::new(
            NoteKind::Info,
            "permissions boundaries are imported as their documents (a scenario keeps no boundary ARN)",
            "アクセス許可の境界はポリシードキュメントとしてインポートしました (シナリオには境界の ARN を保持しません)",
        ));
    }
    if root.get("IsTruncated").and_then(Value::as_bool) == Some(true) {
        notes.push(Note::new(
            NoteKind::Skipped,
            "the document is one page of several (`IsTruncated` is true): whatever is on the other pages is missing; the AWS CLI fetches every page unless `--max-items` or `--no-paginate` stops it",
            "ドキュメントは複数ページのうちの 1 ページです (IsTruncated が true): 残りのページの内容はありません。AWS CLI は --max-items や --no-paginate を指定しない限りすべてのページを取得します",
        ));
    }
    if !w.roles.is_empty() {
        notes.push(Note::new(
            NoteKind::NotCarried,
            "each role's MaxSessionDuration is not in the document: the scenario uses 3600 seconds (`aws iam get-role` shows the real value)",
            "各ロールの MaxSessionDuration はドキュメントにないため、シナリオでは 3600 秒としています (実際の値は aws iam get-role で確認できます)",
        ));
    }
    notes.push(Note::new(
        NoteKind::NotCarried,
        "not in the document, so not in the scenario: service control policies (AWS Organizations), resource-based policies (bucket policies, key policies, …), identity providers, access keys and MFA devices",
        "ドキュメントにないためシナリオにもないもの: サービスコントロールポリシー (AWS Organizations)、リソースベースのポリシー (バケットポリシー、キーポリシーなど)、ID プロバイダー、アクセスキー、MFA デバイス",
    ));
}

/// The scenario: entities, a bilingual title and description, no steps.
fn scenario_text(w: &World) -> String {
    let (u, g, r, p) = (w.users.len(), w.groups.len(), w.roles.len(), w.instance_profiles.len());
    let mut doc = serde_json::Map::new();
    doc.insert("Scenario".into(), json!(1));
    doc.insert(
        "Title".into(),
        json!({"en": format!("Account {} (imported)", w.account), "ja": format!("アカウント {} (インポート)", w.account)}),
    );
    doc.insert(
        "Description".into(),
        json!({
            "en": format!(
                "Imported by `roleplay import` from the output of `aws iam get-account-authorization-details`: {}, {}, {}, {}. Add steps to ask what they can do.",
                count(u, "user"), count(g, "group"), count(r, "role"), count(p, "instance profile")
            ),
            "ja": format!("`roleplay import` で `aws iam get-account-authorization-details` の出力から取り込みました: ユーザー {u}、グループ {g}、ロール {r}、インスタンスプロファイル {p}。ステップを追加して、何ができるかを確かめてください。"),
        }),
    );
    doc.extend(w.scenario_entities());
    doc.insert("Steps".into(), json!([]));
    let mut text = serde_json::to_string_pretty(&serde_json::Value::Object(doc)).unwrap_or_default();
    text.push('\n');
    text
}
