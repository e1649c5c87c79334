//! One account's IAM as the bridge sees it: users, groups, roles, instance
//! profiles and their policies as JSON documents. Import builds it from an
//! authorization-details document and writes it as a scenario; export reads
//! it from a scenario and writes a template or a details document. Every
//! format goes through this one shape, so a round trip compares like with
//! like.

use policy::arn::{Arn, IamKind};
use serde_json::{json, Map, Value};

/// A policy of a user, group or role: inline, or a managed policy attached
/// to it (`arn`).
#[derive(Clone, Debug, PartialEq)]
pub struct Policy {
    /// `PolicyName` (a managed policy's name in its ARN).
    pub name: String,
    /// The managed policy's ARN; `None` for an inline policy.
    pub arn: Option<String>,
    /// The policy document as JSON.
    pub document: Value,
}

/// An IAM user.
#[derive(Clone, Debug, PartialEq)]
pub struct User {
    /// `arn:aws:iam::ACCOUNT:user/[PATH/]NAME`.
    pub arn: String,
    /// Inline and attached managed policies, inline ones first.
    pub policies: Vec<Policy>,
    /// The ARNs of the groups the user is in.
    pub groups: Vec<String>,
    /// The permissions boundary's document.
    pub boundary: Option<Value>,
    /// `(Key, Value)` tags.
    pub tags: Vec<(String, String)>,
}

/// An IAM group.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// `arn:aws:iam::ACCOUNT:group/[PATH/]NAME`.
    pub arn: String,
    /// Inline and attached managed policies.
    pub policies: Vec<Policy>,
}

/// An IAM role.
#[derive(Clone, Debug, PartialEq)]
pub struct Role {
    /// `arn:aws:iam::ACCOUNT:role/[PATH/]NAME`.
    pub arn: String,
    /// The trust policy.
    pub trust: Value,
    /// Inline and attached managed policies.
    pub policies: Vec<Policy>,
    /// The permissions boundary's document.
    pub boundary: Option<Value>,
    /// `(Key, Value)` tags.
    pub tags: Vec<(String, String)>,
    /// `MaxSessionDuration` when not the default 3600.
    pub max_session_duration: Option<i64>,
    /// The role's description.
    pub description: Option<String>,
}

/// An EC2 instance profile.
#[derive(Clone, Debug, PartialEq)]
pub struct InstanceProfile {
    /// `arn:aws:iam::ACCOUNT:instance-profile/[PATH/]NAME`.
    pub arn: String,
    /// The ARN of its role (an instance profile holds at most one).
    pub roles: Vec<String>,
}

/// The IAM of one account.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct World {
    /// The 12-digit account.
    pub account: String,
    /// Users, by ARN.
    pub users: Vec<User>,
    /// Groups, by ARN.
    pub groups: Vec<Group>,
    /// Roles, by ARN.
    pub roles: Vec<Role>,
    /// Instance profiles, by ARN.
    pub instance_profiles: Vec<InstanceProfile>,
}

/// The path (`/` or `/a/b/`) and name of an IAM ARN (user, group, role,
/// instance profile, policy).
pub fn path_and_name(arn: &str) -> (String, String) {
    let Ok(a) = Arn::parse(arn) else { return ("/".into(), arn.to_string()) };
    match a.iam_kind() {
        IamKind::User { path, name }
        | IamKind::Role { path, name }
        | IamKind::Group { path, name }
        | IamKind::InstanceProfile { path, name } => (path.to_string(), name.to_string()),
        _ => {
            // A policy ARN: `policy/PATH/NAME`.
            let rest = a.resource.split_once('/').map(|(_, r)| r).unwrap_or_default();
            match rest.rsplit_once('/') {
                Some((p, n)) => (format!("/{p}/"), n.to_string()),
                None => ("/".into(), rest.to_string()),
            }
        }
    }
}

/// The account of an ARN.
pub fn account_of(arn: &str) -> String {
    Arn::parse(arn).map(|a| a.account).unwrap_or_default()
}

/// An IAM ARN of `kind` (`user`, `role`, …) in `account`.
pub fn iam_arn(account: &str, kind: &str, path: &str, name: &str) -> String {
    let path = if path.is_empty() { "/" } else { path };
    format!("arn:aws:iam::{account}:{kind}{path}{name}")
}

/// A policy document as the scenario's string form: two-space indents,
/// members in their order.
pub fn document_text(doc: &Value) -> String {
    serde_json::to_string_pretty(doc).unwrap_or_else(|_| doc.to_string())
}

fn policies_json(policies: &[Policy]) -> Vec<Value> {
    policies
        .iter()
        .map(|p| {
            let mut o = Map::new();
            o.insert("PolicyName".into(), json!(p.name));
            if let Some(arn) = &p.arn {
                o.insert("PolicyArn".into(), json!(arn));
            }
            o.insert("PolicyDocument".into(), json!(document_text(&p.document)));
            Value::Object(o)
        })
        .collect()
}

fn tags_json(tags: &[(String, String)]) -> Vec<Value> {
    tags.iter().map(|(k, v)| json!({"Key": k, "Value": v})).collect()
}

impl World {
    /// The world as a scenario's entities (`Users`, `Groups`, `Roles`,
    /// `InstanceProfiles`; lists left out when empty), policies as strings.
    pub fn scenario_entities(&self) -> Map<String, Value> {
        let mut out = Map::new();
        let users: Vec<Value> = self
            .users
            .iter()
            .map(|u| {
                let mut o = Map::new();
                o.insert("Arn".into(), json!(u.arn));
                if !u.policies.is_empty() {
                    o.insert("Policies".into(), Value::Array(policies_json(&u.policies)));
                }
                if !u.groups.is_empty() {
                    o.insert("Groups".into(), json!(u.groups));
                }
                if let Some(b) = &u.boundary {
                    o.insert("PermissionsBoundary".into(), json!(document_text(b)));
                }
                if !u.tags.is_empty() {
                    o.insert("Tags".into(), Value::Array(tags_json(&u.tags)));
                }
                Value::Object(o)
            })
            .collect();
        let groups: Vec<Value> = self
            .groups
            .iter()
            .map(|g| {
                let mut o = Map::new();
                o.insert("Arn".into(), json!(g.arn));
                if !g.policies.is_empty() {
                    o.insert("Policies".into(), Value::Array(policies_json(&g.policies)));
                }
                Value::Object(o)
            })
            .collect();
        let roles: Vec<Value> = self
            .roles
            .iter()
            .map(|r| {
                let mut o = Map::new();
                o.insert("Arn".into(), json!(r.arn));
                if let Some(d) = &r.description {
                    o.insert("Description".into(), json!(d));
                }
                o.insert("AssumeRolePolicyDocument".into(), json!(document_text(&r.trust)));
                if !r.policies.is_empty() {
                    o.insert("Policies".into(), Value::Array(policies_json(&r.policies)));
                }
                if let Some(m) = r.max_session_duration {
                    o.insert("MaxSessionDuration".into(), json!(m));
                }
                if let Some(b) = &r.boundary {
                    o.insert("PermissionsBoundary".into(), json!(document_text(b)));
                }
                if !r.tags.is_empty() {
                    o.insert("Tags".into(), Value::Array(tags_json(&r.tags)));
                }
                Value::Object(o)
            })
            .collect();
        let profiles: Vec<Value> = self.instance_profiles.iter().map(|p| json!({"Arn": p.arn, "Roles": p.roles})).collect();
        for (key, list) in [("Users", users), ("Groups", groups), ("Roles", roles), ("InstanceProfiles", profiles)] {
            if !list.is_empty() {
                out.insert(key.into(), Value::Array(list));
            }
        }
        out
    }

    /// Sorts every list by ARN (users, groups, roles, instance profiles),
    /// so the same account always reads the same.
    pub fn sort(&mut self) {
        self.users.sort_by(|a, b| a.arn.cmp(&b.arn));
        self.groups.sort_by(|a, b| a.arn.cmp(&b.arn));
        self.roles.sort_by(|a, b| a.arn.cmp(&b.arn));
        self.instance_profiles.sort_by(|a, b| a.arn.cmp(&b.arn));
    }
}

/// A fake but well-formed unique ID (`AIDA…`, `AROA…`, `AGPA…`, `AIPA…`,
/// `ANPA…`): the prefix and 17 characters of `A-Z2-7`, derived from `seed`
/// (an FNV-1a hash stretched with SplitMix64), so the same ARN always gets
/// the same ID.
pub fn fake_id(prefix: &str, seed: &str) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in seed.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    let mut out = String::from(prefix);
    for _ in 0..17 {
        h = h.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = h;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        let i = usize::try_from(z % 32).unwrap_or(0);
        out.push(char::from(*ALPHABET.get(i).unwrap_or(&b'A')));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_names_of_iam_arns() {
        assert_eq!(path_and_name("arn:aws:iam::111111111111:user/user_A"), ("/".into(), "user_A".into()));
        assert_eq!(path_and_name("arn:aws:iam::111111111111:role/app/team/deployer"), ("/app/team/".into(), "deployer".into()));
        assert_eq!(
            path_and_name("arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"),
            ("/job-function/".into(), "ViewOnlyAccess".into())
        );
        assert_eq!(path_and_name("arn:aws:iam::111111111111:policy/P"), ("/".into(), "P".into()));
        assert_eq!(iam_arn("111111111111", "role", "/app/", "r"), "arn:aws:iam::111111111111:role/app/r");
    }

    #[test]
    fn fake_ids_are_stable_and_well_formed() {
        let a = fake_id("AIDA", "arn:aws:iam::111111111111:user/a");
        assert_eq!(a, fake_id("AIDA", "arn:aws:iam::111111111111:user/a"));
        assert_ne!(a, fake_id("AIDA", "arn:aws:iam::111111111111:user/b"));
        assert_eq!(a.len(), 21);
        assert!(a.bytes().skip(4).all(|b| b.is_ascii_uppercase() || (b'2'..=b'7').contains(&b)), "{a}");
    }
}
