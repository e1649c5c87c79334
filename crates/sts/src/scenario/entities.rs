//! The world's entities: groups, users, roles, instance profiles,
//! resources and service control policies.

use std::collections::BTreeMap;

use policy::arn::IamKind;
use policy::json::{Member, Value};
use policy::path::JsonPath;
use policy::{PolicySource, PolicyType};

use super::load::{by_arn, get, Loader};
use super::quota::*;
use super::*;
use crate::schema::key::*;
use crate::schema::{GROUP_KEYS, PROFILE_KEYS, RESOURCE_KEYS, ROLE_KEYS, SCP_KEYS, USER_KEYS};

impl Loader<'_> {
    pub(super) fn groups(&mut self, v: &Value) -> Vec<Group> {
        let mut out: Vec<Group> = Vec::new();
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for (p, item, members) in self.objects(v, &JsonPath::root().key(GROUPS), GROUP_KEYS, "a group") {
            let Some((arn, _, name)) = self.iam_entity(
                members,
                item,
                &p,
                |k| match k {
                    IamKind::Group { name, .. } => Some(name),
                    _ => None,
                },
                "an IAM group",
                "arn:aws:iam::111111111111:group/Developers",
            ) else {
                self.refuse(members);
                continue;
            };
            if seen.insert(arn.clone(), 0).is_some() {
                self.err(&p.key(ARN), item.span, format!("group `{arn}` is listed twice"));
            }
            let policies = match get(members, POLICIES) {
                Some(m) => {
                    self.inline_policies(&m.value, &p.key(POLICIES), PolicySource::Group, GROUP_INLINE_QUOTA, &format!("group `{name}`"))
                }
                None => Vec::new(),
            };
            out.push(Group { arn, name, policies });
        }
        out
    }

    /// The `Arn` of an IAM entity of one kind: its ARN, account and name.
    pub(super) fn iam_entity(
        &mut self,
        members: &[Member],
        item: &Value,
        p: &JsonPath,
        name_of: fn(IamKind<'_>) -> Option<&str>,
        what: &str,
        example: &str,
    ) -> Option<(String, String, String)> {
        let (arn, parsed) = self.required_arn(members, item, p)?;
        if !policy::arn::is_account_id(&parsed.account) {
            self.err(&p.key(ARN), item.span, format!("`{arn}` has no account ID: IAM ARNs carry the 12-digit account, as in `{example}`"));
            return None;
        }
        match name_of(parsed.iam_kind()) {
            Some(name) => Some((arn.clone(), parsed.account.clone(), name.to_string())),
            None => {
                self.err(&p.key(ARN), item.span, format!("`{arn}` is not {what} ARN such as `{example}`"));
                None
            }
        }
    }

    pub(super) fn required_arn(&mut self, members: &[Member], item: &Value, p: &JsonPath) -> Option<(String, policy::arn::Arn)> {
        match get(members, ARN) {
            Some(m) => self.arn(&m.value, &p.key(ARN)),
            None => {
                self.err(p, item.span, "missing `Arn`");
                None
            }
        }
    }

    pub(super) fn boundary_and_tags(&mut self, members: &[Member], p: &JsonPath) -> (Option<PolicyDoc>, Vec<Tag>) {
        let boundary = get(members, PERMISSIONS_BOUNDARY).and_then(|m| {
            let bp = p.key(PERMISSIONS_BOUNDARY);
            let d = self.policy(&m.value, &bp, PolicyType::Boundary, "PermissionsBoundary", PolicySource::Boundary);
            self.quota(&d, &m.value, &bp, MANAGED_QUOTA, "the permissions boundary");
            d
        });
        let tags = get(members, TAGS).map(|m| self.tags(&m.value, &p.key(TAGS))).unwrap_or_default();
        (boundary, tags)
    }

    pub(super) fn users(&mut self, v: &Value, groups: &[Group]) -> Vec<User> {
        let mut out: Vec<User> = Vec::new();
        let group_at = by_arn(groups, |g| &g.arn);
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for (p, item, members) in self.objects(v, &JsonPath::root().key(USERS), USER_KEYS, "a user") {
            let Some((arn, account, name)) = self.iam_entity(
                members,
                item,
                &p,
                |k| match k {
                    IamKind::User { name, .. } => Some(name),
                    _ => None,
                },
                "an IAM user",
                "arn:aws:iam::222222222222:user/user_A",
            ) else {
                self.refuse(members);
                continue;
            };
            if seen.insert(arn.clone(), 0).is_some() {
                self.err(&p.key(ARN), item.span, format!("user `{arn}` is listed twice"));
            }
            let owner = format!("user `{name}`");
            let policies = match get(members, POLICIES) {
                Some(m) => self.inline_policies(&m.value, &p.key(POLICIES), PolicySource::User, USER_INLINE_QUOTA, &owner),
                None => Vec::new(),
            };
            let mut gs = Vec::new();
            if let Some(m) = get(members, GROUPS) {
                let gp = p.key(GROUPS);
                if let Some(list) = self.array(&m.value, &gp) {
                    for (j, g) in list.iter().enumerate() {
                        let Some(garn) = self.string(g, &gp.index(j)) else { continue };
                        match group_at.get(&garn).copied() {
                            Some(k) => gs.push(k),
                            None if self.was_refused(&garn) => {}
                            None => {
                                let e = self.err(&gp.index(j), g.span, format!("unknown group `{garn}`"));
                                e.help = Some("list the group under `Groups` at the top of the scenario".into());
                            }
                        }
                    }
                }
            }
            let (boundary, tags) = self.boundary_and_tags(members, &p);
            out.push(User { account, arn, name, policies, groups: gs, boundary, tags });
        }
        out
    }

    pub(super) fn roles(&mut self, v: &Value) -> Vec<Role> {
        let mut out: Vec<Role> = Vec::new();
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for (p, item, members) in self.objects(v, &JsonPath::root().key(ROLES), ROLE_KEYS, "a role") {
            let Some((arn, account, name)) = self.iam_entity(
                members,
                item,
                &p,
                |k| match k {
                    IamKind::Role { name, .. } => Some(name),
                    _ => None,
                },
                "an IAM role",
                "arn:aws:iam::111111111111:role/MyRole",
            ) else {
                self.refuse(members);
                continue;
            };
            if seen.insert(arn.clone(), 0).is_some() {
                self.err(&p.key(ARN), item.span, format!("role `{arn}` is listed twice"));
            }
            let tp = p.key(ASSUME_ROLE_POLICY_DOCUMENT);
            let trust = match get(members, ASSUME_ROLE_POLICY_DOCUMENT) {
                Some(m) => {
                    let d = self.policy(&m.value, &tp, PolicyType::Trust, "AssumeRolePolicyDocument", PolicySource::Trust);
                    self.quota(&d, &m.value, &tp, TRUST_QUOTA, "the trust policy");
                    d
                }
                None => {
                    let e = self.err(&p, item.span, format!("role `{name}` has no `AssumeRolePolicyDocument` (trust policy)"));
                    e.help = Some("every role has a trust policy saying who may assume it".into());
                    None
                }
            };
            let owner = format!("role `{name}`");
            let policies = match get(members, POLICIES) {
                Some(m) => self.inline_policies(&m.value, &p.key(POLICIES), PolicySource::Role, ROLE_INLINE_QUOTA, &owner),
                None => Vec::new(),
            };
            let max_session_duration = match get(members, MAX_SESSION_DURATION) {
                Some(m) => {
                    let mp = p.key(MAX_SESSION_DURATION);
                    match self.integer(&m.value, &mp) {
                        Some(n) if (3600..=43200).contains(&n) => n,
                        Some(n) => {
                            self.err(
                                &mp,
                                m.value.span,
                                format!("`MaxSessionDuration` is {n}; it must be 3600 (1 hour) to 43200 (12 hours) seconds"),
                            );
                            3600
                        }
                        None => 3600,
                    }
                }
                None => 3600,
            };
            let (boundary, tags) = self.boundary_and_tags(members, &p);
            match trust {
                Some(trust) => out.push(Role { account, arn, name, trust, policies, max_session_duration, boundary, tags }),
                None => {
                    self.refused.insert(arn, 0);
                }
            }
        }
        out
    }

    pub(super) fn profiles(&mut self, v: &Value, roles: &[Role]) -> Vec<InstanceProfile> {
        let mut out = Vec::new();
        let role_at = by_arn(roles, |r| &r.arn);
        for (p, item, members) in self.objects(v, &JsonPath::root().key(INSTANCE_PROFILES), PROFILE_KEYS, "an instance profile") {
            let Some((arn, _, name)) = self.iam_entity(
                members,
                item,
                &p,
                |k| match k {
                    IamKind::InstanceProfile { name, .. } => Some(name),
                    _ => None,
                },
                "an instance profile",
                "arn:aws:iam::111111111111:instance-profile/web",
            ) else {
                self.refuse(members);
                continue;
            };
            let mut role = None;
            let mut role_refused = false;
            if let Some(m) = get(members, ROLES) {
                let rp = p.key(ROLES);
                if let Some(list) = self.array(&m.value, &rp) {
                    if list.len() > 1 {
                        let e = self.err(
                            &rp,
                            m.value.span,
                            format!("instance profile `{name}` lists {} roles; an instance profile can contain only one role", list.len()),
                        );
                        e.help = Some("this is a hard AWS limit: create one instance profile per role".into());
                    }
                    for (j, r) in list.iter().enumerate() {
                        let Some(rarn) = self.string(r, &rp.index(j)) else { continue };
                        match role_at.get(&rarn).copied() {
                            Some(k) => role = role.or(Some(k)),
                            None if self.was_refused(&rarn) => role_refused = true,
                            None => {
                                self.err(&rp.index(j), r.span, format!("unknown role `{rarn}`"));
                            }
                        }
                    }
                }
            }
            if role_refused && role.is_none() {
                // Its role was refused: so is the profile, silently.
                self.refused.insert(arn, 0);
                continue;
            }
            out.push(InstanceProfile { arn, name, role });
        }
        out
    }

    pub(super) fn resources(&mut self, v: &Value) -> Vec<Resource> {
        let mut out: Vec<Resource> = Vec::new();
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for (p, item, members) in self.objects(v, &JsonPath::root().key(RESOURCES), RESOURCE_KEYS, "a resource") {
            let Some((arn, parsed)) = self.required_arn(members, item, &p) else { continue };
            let account = match get(members, ACCOUNT) {
                Some(m) => {
                    let ap = p.key(ACCOUNT);
                    match self.string(&m.value, &ap) {
                        Some(a) if policy::arn::is_account_id(&a) => Some(a),
                        Some(a) => {
                            self.err(&ap, m.value.span, format!("`{a}` is not an account ID (12 digits)"));
                            None
                        }
                        None => None,
                    }
                }
                None if !parsed.account.is_empty() => Some(parsed.account.clone()),
                None => {
                    let e = self.err(&p, item.span, format!("resource `{arn}` has no account in its ARN; give its `Account`"));
                    e.help = Some("S3 bucket ARNs such as `arn:aws:s3:::bucket` carry no account ID".into());
                    None
                }
            };
            if seen.insert(arn.clone(), 0).is_some() {
                self.err(&p.key(ARN), item.span, format!("resource `{arn}` is listed twice"));
            }
            let policy = get(members, POLICY)
                .and_then(|m| self.policy(&m.value, &p.key(POLICY), PolicyType::Resource, "ResourcePolicy", PolicySource::Resource));
            if let Some(account) = account {
                out.push(Resource { arn, account, policy });
            }
        }
        out
    }

    pub(super) fn scps(&mut self, v: &Value) -> Vec<Scp> {
        let mut out = Vec::new();
        for (i, (p, item, members)) in
            self.objects(v, &JsonPath::root().key(SERVICE_CONTROL_POLICIES), SCP_KEYS, "a service control policy").into_iter().enumerate()
        {
            let target = match get(members, TARGET) {
                Some(m) => {
                    let tp = p.key(TARGET);
                    match self.string(&m.value, &tp) {
                        Some(t) if policy::arn::is_account_id(&t) => Some(t),
                        Some(t) => {
                            self.err(&tp, m.value.span, format!("`{t}` is not an account ID (12 digits)"));
                            None
                        }
                        None => None,
                    }
                }
                None => {
                    self.err(&p, item.span, "missing `Target` (the account the SCP applies to)");
                    None
                }
            };
            let name =
                get(members, POLICY_NAME).and_then(|m| self.string(&m.value, &p.key(POLICY_NAME))).unwrap_or_else(|| format!("SCP{i}"));
            let doc = match get(members, POLICY_DOCUMENT) {
                Some(m) => {
                    let dp = p.key(POLICY_DOCUMENT);
                    let d = self.policy(&m.value, &dp, PolicyType::Scp, &name, PolicySource::Scp);
                    self.quota(&d, &m.value, &dp, MANAGED_QUOTA, "the service control policy");
                    d
                }
                None => {
                    self.err(&p, item.span, "missing `PolicyDocument`");
                    None
                }
            };
            if let (Some(target), Some(policy)) = (target, doc) {
                out.push(Scp { target, policy });
            }
        }
        out
    }
}
