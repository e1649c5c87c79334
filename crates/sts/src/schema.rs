//! The scenario format's names, spelled once: every key the loader reads,
//! the keys each kind of object may hold, and which fields hold policies.
//! The loader validates against these lists, and the playground finds the
//! people and policies of a document with them (`docs/scenario-format.md`
//! describes each field).
//!
//! ```
//! use sts::schema::{self, key};
//! assert!(schema::ROLE_KEYS.contains(&key::ASSUME_ROLE_POLICY_DOCUMENT));
//! let doc = policy::json::parse(r#"{"Roles": [{"Arn": "arn:aws:iam::111111111111:role/R",
//!   "AssumeRolePolicyDocument": {"Statement": []}, "Policies": [{"PolicyName": "P", "PolicyDocument": "{}"}]}]}"#).map_err(|e| format!("{e:?}"))?;
//! let paths: Vec<String> = schema::policy_fields(&doc).iter().map(|f| f.path.to_string()).collect();
//! assert_eq!(paths, ["$.Roles[0].AssumeRolePolicyDocument", "$.Roles[0].Policies[0].PolicyDocument"]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use policy::json::Value;
use policy::path::JsonPath;
use policy::{PolicySource, PolicyType};

/// Every key of the format.
pub mod key {
    #![allow(missing_docs)]
    // The document.
    /// An editor's JSON Schema reference (ignored by the loader).
    pub const SCHEMA: &str = "$schema";
    pub const SCENARIO: &str = "Scenario";
    pub const TITLE: &str = "Title";
    pub const DESCRIPTION: &str = "Description";
    pub const CLOCK: &str = "Clock";
    pub const USERS: &str = "Users";
    pub const GROUPS: &str = "Groups";
    pub const ROLES: &str = "Roles";
    pub const INSTANCE_PROFILES: &str = "InstanceProfiles";
    pub const RESOURCES: &str = "Resources";
    pub const SERVICE_CONTROL_POLICIES: &str = "ServiceControlPolicies";
    pub const STEPS: &str = "Steps";
    /// An exercise's goals, hints and options (extension).
    pub const EXERCISE: &str = "Exercise";
    /// Where a scenario's expectations come from (extension).
    pub const SOURCE: &str = "Source";
    pub const URL: &str = "Url";
    pub const QUOTE: &str = "Quote";
    pub const CHOICE: &str = "Choice";
    // Entities.
    pub const ARN: &str = "Arn";
    pub const POLICIES: &str = "Policies";
    pub const POLICY_NAME: &str = "PolicyName";
    pub const POLICY_DOCUMENT: &str = "PolicyDocument";
    /// A managed policy's ARN on an entry of `Policies` (extension).
    pub const POLICY_ARN: &str = "PolicyArn";
    pub const PERMISSIONS_BOUNDARY: &str = "PermissionsBoundary";
    pub const TAGS: &str = "Tags";
    pub const KEY: &str = "Key";
    pub const VALUE: &str = "Value";
    pub const ASSUME_ROLE_POLICY_DOCUMENT: &str = "AssumeRolePolicyDocument";
    pub const MAX_SESSION_DURATION: &str = "MaxSessionDuration";
    pub const ACCOUNT: &str = "Account";
    pub const POLICY: &str = "Policy";
    pub const TARGET: &str = "Target";
    // Steps.
    pub const ACTION: &str = "Action";
    pub const CALLER: &str = "Caller";
    pub const ROLE_ARN: &str = "RoleArn";
    pub const ROLE_SESSION_NAME: &str = "RoleSessionName";
    pub const DURATION_SECONDS: &str = "DurationSeconds";
    pub const EXTERNAL_ID: &str = "ExternalId";
    pub const SOURCE_IDENTITY: &str = "SourceIdentity";
    pub const CONTEXT: &str = "Context";
    pub const INSTANCE_PROFILE_ARN: &str = "InstanceProfileArn";
    pub const FUNCTION_NAME: &str = "FunctionName";
    pub const RESOURCE: &str = "Resource";
    pub const PASSED_ROLE: &str = "PassedRole";
    pub const ADVANCE: &str = "Advance";
    pub const EXPECT: &str = "Expect";
    pub const NOTE: &str = "Note";
    pub const OUTCOME: &str = "Outcome";
    pub const ERROR_CODE: &str = "ErrorCode";
    /// `sts:GetSessionToken`: the MFA device (extension step).
    pub const SERIAL_NUMBER: &str = "SerialNumber";
    /// `sts:GetSessionToken`: the code the MFA device shows.
    pub const TOKEN_CODE: &str = "TokenCode";
    // Exercises (extension).
    pub const GOALS: &str = "Goals";
    pub const HINTS: &str = "Hints";
    pub const LABEL: &str = "Label";
    pub const STEP: &str = "Step";
    pub const STAYS_DENIED: &str = "StaysDenied";
    pub const NO_WILDCARD_PRINCIPAL: &str = "NoWildcardPrincipal";
    pub const NO_FINDINGS: &str = "NoFindings";
    pub const EDIT_ONLY: &str = "EditOnly";
    pub const MESSAGE: &str = "Message";
    // Callers.
    pub const AWS: &str = "AWS";
    pub const SERVICE: &str = "Service";
    pub const SESSION: &str = "Session";
    pub const ORIGINAL: &str = "Original";
    pub const FEDERATED: &str = "Federated";
    // Bilingual texts.
    pub const EN: &str = "en";
    pub const JA: &str = "ja";
}

use key::*;

/// Keys of the document.
pub const TOP_KEYS: &[&str] = &[
    SCHEMA,
    SCENARIO,
    TITLE,
    DESCRIPTION,
    SOURCE,
    CLOCK,
    USERS,
    GROUPS,
    ROLES,
    INSTANCE_PROFILES,
    RESOURCES,
    SERVICE_CONTROL_POLICIES,
    STEPS,
    EXERCISE,
];
/// Keys of a user.
pub const USER_KEYS: &[&str] = &[ARN, POLICIES, GROUPS, PERMISSIONS_BOUNDARY, TAGS];
/// Keys of a group.
pub const GROUP_KEYS: &[&str] = &[ARN, POLICIES];
/// Keys of a role.
pub const ROLE_KEYS: &[&str] = &[ARN, ASSUME_ROLE_POLICY_DOCUMENT, POLICIES, MAX_SESSION_DURATION, PERMISSIONS_BOUNDARY, TAGS, DESCRIPTION];
/// Keys of an instance profile.
pub const PROFILE_KEYS: &[&str] = &[ARN, ROLES];
/// Keys of a resource.
pub const RESOURCE_KEYS: &[&str] = &[ARN, ACCOUNT, POLICY];
/// Keys of a service control policy.
pub const SCP_KEYS: &[&str] = &[TARGET, POLICY_NAME, POLICY_DOCUMENT];
/// Keys of an entry of `Policies` (an inline policy, or with `PolicyArn` an
/// attached managed policy).
pub const INLINE_KEYS: &[&str] = &[POLICY_NAME, POLICY_DOCUMENT, POLICY_ARN];
/// Keys of a tag.
pub const TAG_KEYS: &[&str] = &[KEY, VALUE];
/// Keys of an AssumeRole step.
pub const ASSUME_KEYS: &[&str] = &[
    ACTION,
    CALLER,
    ROLE_ARN,
    ROLE_SESSION_NAME,
    DURATION_SECONDS,
    EXTERNAL_ID,
    POLICY,
    SOURCE_IDENTITY,
    TAGS,
    CONTEXT,
    INSTANCE_PROFILE_ARN,
    FUNCTION_NAME,
    EXPECT,
    NOTE,
    SOURCE,
];
/// Keys of any other call.
pub const CALL_KEYS: &[&str] = &[ACTION, CALLER, RESOURCE, PASSED_ROLE, CONTEXT, EXPECT, NOTE, SOURCE];
/// Keys of an `sts:GetSessionToken` step (extension).
pub const SESSION_TOKEN_KEYS: &[&str] = &[ACTION, CALLER, DURATION_SECONDS, SERIAL_NUMBER, TOKEN_CODE, EXPECT, NOTE, SOURCE];
/// Keys of a clock step.
pub const CLOCK_KEYS: &[&str] = &[ADVANCE, EXPECT, NOTE, SOURCE];
/// The one key of a caller.
pub const CALLER_KEYS: &[&str] = &[AWS, SERVICE, SESSION, FEDERATED, ORIGINAL];
/// Keys of an expectation object.
pub const EXPECT_KEYS: &[&str] = &[OUTCOME, ERROR_CODE, MESSAGE];
/// Keys of a source: AWS's page and sentence, or roleplay's choice.
pub const SOURCE_KEYS: &[&str] = &[URL, QUOTE, CHOICE];
/// The outcomes an `Expect` can name (the contract's spelling).
pub const OUTCOMES: &[&str] = &["allowed", "explicitDeny", "implicitDeny", "error"];
/// Keys of `Exercise` (extension).
pub const EXERCISE_KEYS: &[&str] = &[GOALS, HINTS];
/// The keys that say what kind a goal is (a goal has exactly one).
pub const GOAL_KINDS: &[&str] = &[STEP, STAYS_DENIED, NO_WILDCARD_PRINCIPAL, NO_FINDINGS, EDIT_ONLY];
/// Keys of a goal: its kind, the `Expect` of a `Step` goal, a `Label`.
pub const GOAL_KEYS: &[&str] = &[STEP, STAYS_DENIED, NO_WILDCARD_PRINCIPAL, NO_FINDINGS, EDIT_ONLY, EXPECT, LABEL];
/// The finding types a `NoFindings` goal can name (IAM Access Analyzer's).
pub const FINDING_TYPES: &[&str] = &["ERROR", "SECURITY_WARNING", "WARNING", "SUGGESTION"];
/// Keys of a bilingual text object.
pub const TEXT_KEYS: &[&str] = &[EN, JA];

/// A field that holds one policy document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PolicyFieldKind {
    /// The list at the top of the document (`Roles`, `Steps`, ...).
    pub list: &'static str,
    /// The key in each entry (`AssumeRolePolicyDocument`), or
    /// `PolicyDocument` of each entry of its `Policies` when `inline`.
    pub field: &'static str,
    /// The entry's `Policies[j].PolicyDocument`, not a field of its own.
    pub inline: bool,
    /// How the policy is validated.
    pub kind: PolicyType,
    /// Where it comes from in an evaluation.
    pub source: PolicySource,
}

const fn field(list: &'static str, field: &'static str, kind: PolicyType, source: PolicySource) -> PolicyFieldKind {
    PolicyFieldKind { list, field, inline: false, kind, source }
}

const fn inline(list: &'static str, source: PolicySource) -> PolicyFieldKind {
    PolicyFieldKind { list, field: POLICY_DOCUMENT, inline: true, kind: PolicyType::Identity, source }
}

/// Every field that holds a policy, in document order of the lists.
pub const POLICY_FIELDS: &[PolicyFieldKind] = &[
    inline(USERS, PolicySource::User),
    field(USERS, PERMISSIONS_BOUNDARY, PolicyType::Boundary, PolicySource::Boundary),
    inline(GROUPS, PolicySource::Group),
    field(ROLES, ASSUME_ROLE_POLICY_DOCUMENT, PolicyType::Trust, PolicySource::Trust),
    inline(ROLES, PolicySource::Role),
    field(ROLES, PERMISSIONS_BOUNDARY, PolicyType::Boundary, PolicySource::Boundary),
    field(RESOURCES, POLICY, PolicyType::Resource, PolicySource::Resource),
    field(SERVICE_CONTROL_POLICIES, POLICY_DOCUMENT, PolicyType::Scp, PolicySource::Scp),
    field(STEPS, POLICY, PolicyType::Session, PolicySource::Session),
];

/// One policy found in a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyField {
    /// Where it is.
    pub path: JsonPath,
    /// What kind of field it is.
    pub kind: PolicyFieldKind,
}

/// Every policy present in a document (object or string form), entity by
/// entity. Anything not shaped like a scenario is skipped, not an error.
pub fn policy_fields(doc: &Value) -> Vec<PolicyField> {
    let mut out = Vec::new();
    for list in [USERS, GROUPS, ROLES, RESOURCES, SERVICE_CONTROL_POLICIES, STEPS] {
        let entries = doc.get(list).and_then(Value::as_array).unwrap_or_default();
        for (i, entry) in entries.iter().enumerate() {
            let at = JsonPath::root().key(list).index(i);
            for kind in POLICY_FIELDS.iter().filter(|k| k.list == list) {
                if kind.inline {
                    let inl = entry.get(POLICIES).and_then(Value::as_array).unwrap_or_default();
                    for (j, p) in inl.iter().enumerate() {
                        if p.get(POLICY_DOCUMENT).is_some() {
                            out.push(PolicyField { path: at.key(POLICIES).index(j).key(POLICY_DOCUMENT), kind: *kind });
                        }
                    }
                } else if entry.get(kind.field).is_some() {
                    out.push(PolicyField { path: at.key(kind.field), kind: *kind });
                }
            }
        }
    }
    out
}

/// The policy field kind of a path, if it names one.
pub fn policy_field_kind(path: &JsonPath) -> Option<PolicyFieldKind> {
    use policy::path::Seg;
    match path.segments() {
        [Seg::Key(list), Seg::Index(_), Seg::Key(p), Seg::Index(_), Seg::Key(d)] if p == POLICIES && d == POLICY_DOCUMENT => {
            POLICY_FIELDS.iter().find(|k| k.inline && k.list == list).copied()
        }
        [Seg::Key(list), Seg::Index(_), Seg::Key(f)] => POLICY_FIELDS.iter().find(|k| !k.inline && k.list == list && k.field == f).copied(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_key_is_known_to_its_object() {
        for k in POLICY_FIELDS {
            let keys = match k.list {
                USERS => USER_KEYS,
                GROUPS => GROUP_KEYS,
                ROLES => ROLE_KEYS,
                RESOURCES => RESOURCE_KEYS,
                SERVICE_CONTROL_POLICIES => SCP_KEYS,
                STEPS => ASSUME_KEYS,
                _ => &[],
            };
            let needed = if k.inline { POLICIES } else { k.field };
            assert!(keys.contains(&needed), "{} of {}", needed, k.list);
        }
    }

    #[test]
    fn kinds_of_paths() {
        let p = |s: &str| JsonPath::parse(s).unwrap_or_default();
        assert_eq!(policy_field_kind(&p("$.Roles[2].AssumeRolePolicyDocument")).map(|k| k.kind), Some(PolicyType::Trust));
        assert_eq!(policy_field_kind(&p("$.Users[0].Policies[1].PolicyDocument")).map(|k| k.source), Some(PolicySource::User));
        assert_eq!(policy_field_kind(&p("$.Steps[3].Policy")).map(|k| k.kind), Some(PolicyType::Session));
        assert_eq!(policy_field_kind(&p("$.Steps[3].RoleArn")), None);
        assert_eq!(policy_field_kind(&p("$.Roles[0]")), None);
    }
}
