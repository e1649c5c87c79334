//! What the catalogue knows, as cheap handles into its tables.
//!
//! Every handle ([`Service`], [`Action`], [`ResourceType`],
//! [`ActionResource`], [`ConditionKey`]) is `Copy`, borrows the
//! [`Catalogue`] and is only ever made from an index that exists, so its
//! accessors cannot fail.

use core::fmt;

use crate::catalogue::{ActionRec, Catalogue, KeyRec, ResourceTypeRec, RowRec, ServiceRec};
use crate::text::{cmp_ignore_case, starts_with_ignore_case, Span};
use crate::wildcard;

/// How much an action lets a principal do, as the Service Authorization
/// Reference classifies it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AccessLevel {
    /// Lists resources (`s3:ListAllMyBuckets`).
    List,
    /// Reads resources or their attributes (`s3:GetObject`).
    Read,
    /// Creates, changes or deletes resources (`sts:AssumeRole`).
    Write,
    /// Changes permissions (`iam:PutRolePolicy`, `s3:PutBucketPolicy`).
    PermissionsManagement,
    /// Changes only tags (`iam:TagRole`).
    Tagging,
}

impl AccessLevel {
    /// AWS's wording: `List`, `Read`, `Write`, `Permissions management`, `Tagging`.
    pub fn as_str(self) -> &'static str {
        match self {
            AccessLevel::List => "List",
            AccessLevel::Read => "Read",
            AccessLevel::Write => "Write",
            AccessLevel::PermissionsManagement => "Permissions management",
            AccessLevel::Tagging => "Tagging",
        }
    }

    pub(crate) fn from_code(code: &str) -> Option<AccessLevel> {
        Some(match code {
            "L" => AccessLevel::List,
            "R" => AccessLevel::Read,
            "W" => AccessLevel::Write,
            "P" => AccessLevel::PermissionsManagement,
            "T" => AccessLevel::Tagging,
            _ => return None,
        })
    }
}

impl fmt::Display for AccessLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The type of one value of a condition key, which decides the condition
/// operators that fit it (`StringEquals`, `ArnLike`, `DateGreaterThan`, …).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ValueType {
    /// `String`.
    String,
    /// `ARN`.
    Arn,
    /// `Bool`.
    Bool,
    /// `Numeric`.
    Numeric,
    /// `Date`.
    Date,
    /// `IPAddress`.
    IpAddress,
    /// `Binary`.
    Binary,
}

impl ValueType {
    /// AWS's spelling: `String`, `ARN`, `Bool`, `Numeric`, `Date`, `IPAddress`, `Binary`.
    pub fn as_str(self) -> &'static str {
        match self {
            ValueType::String => "String",
            ValueType::Arn => "ARN",
            ValueType::Bool => "Bool",
            ValueType::Numeric => "Numeric",
            ValueType::Date => "Date",
            ValueType::IpAddress => "IPAddress",
            ValueType::Binary => "Binary",
        }
    }
}

/// A condition key's type: the value type, and whether the request may
/// carry several values (`ArrayOfString`, …), which is what
/// `ForAllValues:`/`ForAnyValue:` are for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct KeyType {
    /// The type of each value.
    pub value: ValueType,
    /// `true` for the `ArrayOf…` types (multivalued keys).
    pub multivalued: bool,
}

impl KeyType {
    /// The data file's one-letter code: upper case single-valued, lower case `ArrayOf…`.
    pub(crate) fn from_code(code: u8) -> Option<KeyType> {
        let value = match code.to_ascii_uppercase() {
            b'S' => ValueType::String,
            b'A' => ValueType::Arn,
            b'B' => ValueType::Bool,
            b'N' => ValueType::Numeric,
            b'D' => ValueType::Date,
            b'I' => ValueType::IpAddress,
            b'Y' => ValueType::Binary,
            _ => return None,
        };
        Some(KeyType { value, multivalued: code.is_ascii_lowercase() })
    }
}

impl fmt::Display for KeyType {
    /// AWS's spelling: `String`, `ArrayOfString`, `IPAddress`, …
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.multivalued {
            f.write_str("ArrayOf")?;
        }
        f.write_str(self.value.as_str())
    }
}

macro_rules! handle {
    ($(#[$doc:meta])* $name:ident, $rec:ty, $table:ident, $show:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy)]
        pub struct $name<'c> {
            pub(crate) cat: &'c Catalogue,
            pub(crate) index: usize,
            pub(crate) rec: &'c $rec,
        }

        impl<'c> $name<'c> {
            pub(crate) fn at(cat: &'c Catalogue, index: usize) -> Option<Self> {
                cat.$table.get(index).map(|rec| $name { cat, index, rec })
            }

            /// Position in the catalogue's table: stable for one data file, a
            /// cheap key for maps and sets.
            pub fn index(self) -> usize {
                self.index
            }
        }

        impl PartialEq for $name<'_> {
            fn eq(&self, other: &Self) -> bool {
                core::ptr::eq(self.cat, other.cat) && self.index == other.index
            }
        }

        impl Eq for $name<'_> {}

        impl fmt::Debug for $name<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), self.$show())
            }
        }
    };
}

handle!(
    /// A service prefix (`s3`) and the service's name.
    Service, ServiceRec, services, prefix
);
handle!(
    /// One action of one service (`sts:AssumeRole`).
    Action, ActionRec, actions, full_name
);
handle!(
    /// A resource type of one service, with its ARN template.
    ResourceType, ResourceTypeRec, resource_types, name
);
handle!(
    /// A condition key: global (`aws:SourceIp`) or a service's own
    /// (`iam:PassedToService`), possibly a template (`aws:RequestTag/${TagKey}`).
    ConditionKey, KeyRec, keys, name
);

impl<'c> Service<'c> {
    /// The prefix used in actions and condition keys: `s3`, `sts`.
    pub fn prefix(self) -> &'c str {
        self.cat.str(self.rec.prefix)
    }

    /// The service's name: `AWS Security Token Service`.
    pub fn name(self) -> &'c str {
        self.cat.str(self.rec.name)
    }

    /// Every action of the service, in case-insensitive name order.
    pub fn actions(self) -> Actions<'c> {
        Actions { cat: self.cat, range: self.rec.actions }
    }

    /// The service's action called `name`, ignoring case as IAM does.
    pub fn action(self, name: &str) -> Option<Action<'c>> {
        let slice = self.cat.actions.get(self.rec.actions.range())?;
        let found = slice.binary_search_by(|a| cmp_ignore_case(self.cat.str(a.name), name)).ok()?;
        Action::at(self.cat, self.rec.actions.start + found)
    }

    /// The actions whose name starts with `prefix` (ignoring case), in
    /// order: what completion offers after `"Action": "s3:Get`.
    pub fn actions_with_prefix(self, prefix: &str) -> Actions<'c> {
        let cat = self.cat;
        let range = self.rec.actions;
        let slice = cat.actions.get(range.range()).unwrap_or_default();
        let start = slice.partition_point(|a| cmp_ignore_case(cat.str(a.name), prefix).is_lt());
        let len = slice.get(start..).unwrap_or_default().partition_point(|a| starts_with_ignore_case(cat.str(a.name), prefix));
        Actions { cat, range: Span { start: range.start + start, end: range.start + start + len } }
    }

    /// The service's resource types, in case-insensitive name order.
    pub fn resource_types(self) -> impl ExactSizeIterator<Item = ResourceType<'c>> + 'c {
        let (cat, start) = (self.cat, self.rec.resource_types.start);
        let slice = cat.resource_types.get(self.rec.resource_types.range()).unwrap_or_default();
        slice.iter().enumerate().map(move |(k, rec)| ResourceType { cat, index: start + k, rec })
    }

    /// The resource type called `name` (ignoring case).
    pub fn resource_type(self, name: &str) -> Option<ResourceType<'c>> {
        let slice = self.cat.resource_types.get(self.rec.resource_types.range())?;
        let found = slice.binary_search_by(|r| cmp_ignore_case(self.cat.str(r.name), name)).ok()?;
        ResourceType::at(self.cat, self.rec.resource_types.start + found)
    }

    /// Condition keys spelled with this service's prefix (`s3:…`): the
    /// service-specific keys.
    pub fn condition_keys(self) -> impl Iterator<Item = ConditionKey<'c>> + 'c {
        let prefix = self.prefix();
        self.cat.condition_keys_with_prefix(prefix).filter(move |k| k.name().as_bytes().get(prefix.len()) == Some(&b':'))
    }
}

impl<'c> Action<'c> {
    /// The action's name as AWS spells it: `AssumeRole`.
    pub fn name(self) -> &'c str {
        self.cat.str(self.rec.name)
    }

    /// `service:Name`, as written in a policy: `sts:AssumeRole`.
    pub fn full_name(self) -> String {
        format!("{}:{}", self.service().prefix(), self.name())
    }

    /// The service the action belongs to.
    pub fn service(self) -> Service<'c> {
        Service { cat: self.cat, index: self.rec.service, rec: self.cat.service_rec(self.rec.service) }
    }

    /// The action's access level.
    pub fn access_level(self) -> AccessLevel {
        self.rec.level
    }

    /// The resource types the action can be limited to (the Service
    /// Authorization Reference's "Resource types" column). Empty when the
    /// action supports only `"Resource": "*"`.
    pub fn resource_types(self) -> impl ExactSizeIterator<Item = ActionResource<'c>> + 'c {
        let cat = self.cat;
        cat.rows.get(self.rec.rows.range()).unwrap_or_default().iter().map(move |rec| ActionResource { cat, rec })
    }

    /// Whether the action supports only `"Resource": "*"` (it has no resource types).
    pub fn is_wildcard_only(self) -> bool {
        self.rec.rows.len() == 0
    }

    /// The condition keys listed for the action itself (not per resource type).
    pub fn own_condition_keys(self) -> Keys<'c> {
        self.cat.keyset(self.rec.keys)
    }

    /// Every condition key the action supports besides the global ones: its
    /// own, those listed for it per resource type, and those of its
    /// resource types. Sorted by name, without repeats.
    pub fn condition_keys(self) -> Vec<ConditionKey<'c>> {
        let mut ids: Vec<usize> = self.own_condition_keys().map(|k| k.index).collect();
        for row in self.resource_types() {
            ids.extend(row.condition_keys().map(|k| k.index));
            ids.extend(row.resource_type().condition_keys().map(|k| k.index));
        }
        ids.sort_unstable();
        ids.dedup();
        ids.into_iter().filter_map(|i| ConditionKey::at(self.cat, i)).collect()
    }

    /// Whether a condition on `key` can apply to this action: the key is
    /// global (`aws:…` and the other keys AWS documents as global), or one
    /// of [`condition_keys`](Self::condition_keys), templates included
    /// (`s3:ExistingObjectTag/Team` fits `s3:ExistingObjectTag/<key>`).
    ///
    /// ```
    /// # let cat = catalogue::Catalogue::parse(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/catalogue.txt")))?;
    /// let pass_role = cat.find_action("iam:PassRole").ok_or("no PassRole")?;
    /// assert!(pass_role.supports_condition_key("iam:PassedToService"));
    /// assert!(pass_role.supports_condition_key("aws:SourceIp"));
    /// assert!(!pass_role.supports_condition_key("s3:prefix"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn supports_condition_key(self, key: &str) -> bool {
        if self.cat.condition_key(key).is_some_and(|k| k.is_global()) {
            return true;
        }
        self.condition_keys().into_iter().any(|k| k.matches(key))
    }
}

/// One resource type an action accepts, and how.
#[derive(Clone, Copy)]
pub struct ActionResource<'c> {
    cat: &'c Catalogue,
    rec: &'c RowRec,
}

impl<'c> ActionResource<'c> {
    /// The resource type.
    pub fn resource_type(self) -> ResourceType<'c> {
        ResourceType { cat: self.cat, index: self.rec.resource_type, rec: self.cat.resource_type_rec(self.rec.resource_type) }
    }

    /// Whether the reference marks it required (`*`): a statement that names
    /// resources for this action must name one of this type.
    pub fn required(self) -> bool {
        self.rec.required
    }

    /// Condition keys listed for the action on this resource type.
    pub fn condition_keys(self) -> Keys<'c> {
        self.cat.keyset(self.rec.keys)
    }
}

impl fmt::Debug for ActionResource<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ActionResource({}{})", self.resource_type().name(), if self.required() { "*" } else { "" })
    }
}

impl<'c> ResourceType<'c> {
    /// The resource type's name: `role`, `object`.
    pub fn name(self) -> &'c str {
        self.cat.str(self.rec.name)
    }

    /// The ARN template: `arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}`.
    pub fn arn_template(self) -> &'c str {
        self.cat.str(self.rec.arn)
    }

    /// The service the resource type belongs to.
    pub fn service(self) -> Service<'c> {
        Service { cat: self.cat, index: self.rec.service, rec: self.cat.service_rec(self.rec.service) }
    }

    /// Condition keys about resources of this type (`aws:ResourceTag/${TagKey}`).
    pub fn condition_keys(self) -> Keys<'c> {
        self.cat.keyset(self.rec.keys)
    }

    /// Whether `arn` (an ARN or a `Resource` pattern) can name a resource of
    /// this type; see [`arn_matches_resource_type`](crate::arn_matches_resource_type).
    pub fn matches_arn(self, arn: &str) -> bool {
        crate::arn::arn_matches_resource_type(arn, self.arn_template())
    }
}

impl<'c> ConditionKey<'c> {
    /// The key as AWS spells it; a template keeps its placeholder
    /// (`aws:RequestTag/${TagKey}`, `s3:ExistingObjectTag/<key>`).
    pub fn name(self) -> &'c str {
        self.cat.str(self.rec.name)
    }

    /// The key's type.
    pub fn key_type(self) -> KeyType {
        self.rec.kind
    }

    /// Whether AWS documents the key as global: usable with every action
    /// (`aws:SourceIp`, `aws:PrincipalTag/${TagKey}`, and the few
    /// cross-service keys such as `ec2:SourceInstanceARN`).
    pub fn is_global(self) -> bool {
        self.rec.global
    }

    /// Whether the name has a placeholder that a policy fills in
    /// (`aws:RequestTag/${TagKey}` stands for `aws:RequestTag/Team`, …).
    pub fn is_template(self) -> bool {
        self.rec.pattern.is_some()
    }

    /// Whether `key`, as written in a policy, is this key (ignoring case; a
    /// template's placeholder stands for one or more characters).
    pub fn matches(self, key: &str) -> bool {
        match self.rec.pattern {
            Some(pattern) => wildcard::matches(self.cat.str(pattern), key),
            None => self.name().eq_ignore_ascii_case(key),
        }
    }
}

/// Actions in catalogue order (see [`Service::actions`]).
#[derive(Clone, Debug)]
pub struct Actions<'c> {
    pub(crate) cat: &'c Catalogue,
    pub(crate) range: Span,
}

impl<'c> Iterator for Actions<'c> {
    type Item = Action<'c>;

    fn next(&mut self) -> Option<Action<'c>> {
        while self.range.start < self.range.end {
            let i = self.range.start;
            self.range.start += 1;
            if let Some(a) = Action::at(self.cat, i) {
                return Some(a);
            }
        }
        None
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.range.len(), Some(self.range.len()))
    }
}

impl ExactSizeIterator for Actions<'_> {}

/// A list of condition keys (an action's, a resource type's).
#[derive(Clone, Debug)]
pub struct Keys<'c> {
    pub(crate) cat: &'c Catalogue,
    pub(crate) ids: core::slice::Iter<'c, usize>,
}

impl<'c> Iterator for Keys<'c> {
    type Item = ConditionKey<'c>;

    fn next(&mut self) -> Option<ConditionKey<'c>> {
        self.ids.by_ref().find_map(|&i| ConditionKey::at(self.cat, i))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, Some(self.ids.len()))
    }
}
