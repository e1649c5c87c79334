//! Amazon Resource Names: `arn:partition:service:region:account:resource`.
//!
//! [`Arn::parse`] splits an ARN into its six parts (the resource part may
//! itself contain `:` and `/`), and [`Arn::iam_kind`] tells which IAM or STS
//! identity an ARN names (`user/…`, `role/…`, `assumed-role/ROLE/SESSION`,
//! …), borrowing the path and name from the ARN. Parsing is linear and never
//! panics.

use std::fmt;
use std::str::FromStr;

/// A parsed ARN. Region and account may be empty (`arn:aws:s3:::bucket`,
/// `arn:aws:iam::aws:policy/…` has the account `aws`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Arn {
    /// `aws`, `aws-cn`, `aws-us-gov`, ...
    pub partition: String,
    /// The service namespace: `iam`, `sts`, `s3`, ...
    pub service: String,
    /// Empty for global services (IAM, STS's global endpoint, S3 buckets).
    pub region: String,
    /// The 12-digit account that owns the resource; may be empty or `aws`.
    pub account: String,
    /// Everything after the fifth `:` (`role/path/name`, `bucket/key`).
    pub resource: String,
}

/// Why a string is not an ARN (a lowercase message quoting the input).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArnError {
    /// What is wrong, quoting the input in backticks.
    pub message: String,
}

impl fmt::Display for ArnError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ArnError {}

/// What an IAM or STS ARN names; paths and names borrow from the ARN.
///
/// A path is everything between the first and the last `/` of the resource,
/// slashes included (`/` when there is none): for
/// `user/division_abc/subdivision_xyz/Bob` the path is
/// `/division_abc/subdivision_xyz/` and the name `Bob`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IamKind<'a> {
    /// `arn:aws:iam::123456789012:root`: the account.
    Root,
    /// `user/PATH/NAME`: an IAM user.
    User {
        /// The user's path.
        path: &'a str,
        /// The user name.
        name: &'a str,
    },
    /// `role/PATH/NAME`: an IAM role.
    Role {
        /// The role's path.
        path: &'a str,
        /// The role name.
        name: &'a str,
    },
    /// `arn:aws:sts::123456789012:assumed-role/ROLE/SESSION`.
    AssumedRole {
        /// The assumed role's name (an assumed-role ARN has no path).
        role_name: &'a str,
        /// The role session name given to AssumeRole.
        session: &'a str,
    },
    /// `arn:aws:sts::123456789012:federated-user/NAME`.
    FederatedUser {
        /// The name given to GetFederationToken.
        name: &'a str,
    },
    /// `group/PATH/NAME`: an IAM group (never a principal).
    Group {
        /// The group's path.
        path: &'a str,
        /// The group name.
        name: &'a str,
    },
    /// `instance-profile/PATH/NAME`: an EC2 instance profile.
    InstanceProfile {
        /// The instance profile's path.
        path: &'a str,
        /// The instance profile name.
        name: &'a str,
    },
    /// A managed policy (its name: the text after the last `/`).
    Policy {
        /// The policy name.
        name: &'a str,
    },
    /// `oidc-provider/HOST` (the host may contain `/`, e.g. an EKS issuer).
    OidcProvider {
        /// The issuer host and path.
        host: &'a str,
    },
    /// `saml-provider/NAME`: a SAML identity provider.
    SamlProvider {
        /// The provider name.
        name: &'a str,
    },
    /// Anything else (another service, an IAM resource type not listed
    /// here, an empty name).
    Other,
}

const SHAPE: &str = "expected `arn:partition:service:region:account:resource`";

impl Arn {
    /// Parses `s`. The partition and the service must be non-empty
    /// lowercase letters, digits and `-`; the resource must be non-empty.
    pub fn parse(s: &str) -> Result<Arn, ArnError> {
        let err = |message: String| Err(ArnError { message });
        let Some(body) = s.strip_prefix("arn:") else {
            return err(format!("`{s}` is not an ARN: it must start with `arn:`"));
        };
        let mut parts = body.splitn(5, ':');
        let (Some(partition), Some(service), Some(region), Some(account), Some(resource)) =
            (parts.next(), parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return err(format!("`{s}` is not a complete ARN: {SHAPE}"));
        };
        let name_ok = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if partition.is_empty() {
            return err(format!("`{s}` is not a valid ARN: the partition is empty (e.g. `aws`, `aws-cn`, `aws-us-gov`)"));
        }
        if !name_ok(partition) {
            return err(format!("`{s}` is not a valid ARN: `{partition}` is not a partition such as `aws`, `aws-cn` or `aws-us-gov`"));
        }
        if service.is_empty() {
            return err(format!("`{s}` is not a valid ARN: the service is empty (e.g. `iam`, `s3`)"));
        }
        if !name_ok(service) {
            return err(format!("`{s}` is not a valid ARN: `{service}` is not a service prefix such as `iam` or `s3`"));
        }
        if resource.is_empty() {
            return err(format!("`{s}` is not a valid ARN: the resource is empty; {SHAPE}"));
        }
        Ok(Arn {
            partition: partition.to_string(),
            service: service.to_string(),
            region: region.to_string(),
            account: account.to_string(),
            resource: resource.to_string(),
        })
    }

    /// The resource type: the resource up to its first `/` or `:`
    /// (`user` in `user/Bob`, `function` in `function:f:1`); the whole
    /// resource when it has neither (`bucket` in `arn:aws:s3:::bucket`).
    pub fn resource_type(&self) -> &str {
        let r = self.resource.as_str();
        r.split(['/', ':']).next().unwrap_or(r)
    }

    /// What IAM or STS identity this ARN names.
    pub fn iam_kind(&self) -> IamKind<'_> {
        let r = self.resource.as_str();
        match self.service.as_str() {
            "iam" => iam_kind(r),
            "sts" => sts_kind(r),
            _ => IamKind::Other,
        }
    }

    /// The role name of a role ARN or of an assumed-role (session) ARN.
    pub fn role_name(&self) -> Option<&str> {
        match self.iam_kind() {
            IamKind::Role { name, .. } => Some(name),
            IamKind::AssumedRole { role_name, .. } => Some(role_name),
            _ => None,
        }
    }

    /// The name of a user, role, group, instance profile, policy, SAML
    /// provider or federated user; the session name of an assumed role.
    pub fn name(&self) -> Option<&str> {
        match self.iam_kind() {
            IamKind::User { name, .. }
            | IamKind::Role { name, .. }
            | IamKind::Group { name, .. }
            | IamKind::InstanceProfile { name, .. }
            | IamKind::Policy { name }
            | IamKind::SamlProvider { name }
            | IamKind::FederatedUser { name } => Some(name),
            IamKind::AssumedRole { session, .. } => Some(session),
            IamKind::OidcProvider { host } => Some(host),
            IamKind::Root | IamKind::Other => None,
        }
    }
}

/// `(path, name)` of `type/path…/name`, given the resource and the offset
/// of its first `/`: the path keeps its slashes, `/` when there is none.
fn path_and_name(resource: &str, first_slash: usize) -> Option<(&str, &str)> {
    let last_slash = resource.rfind('/')?;
    let path = resource.get(first_slash..=last_slash)?;
    let name = resource.get(last_slash + 1..)?;
    (!name.is_empty()).then_some((path, name))
}

fn iam_kind(r: &str) -> IamKind<'_> {
    if r == "root" {
        return IamKind::Root;
    }
    let Some((ty, rest)) = r.split_once('/') else { return IamKind::Other };
    let first = ty.len();
    let with_path = |make: for<'x> fn(&'x str, &'x str) -> IamKind<'x>| match path_and_name(r, first) {
        Some((path, name)) => make(path, name),
        None => IamKind::Other,
    };
    match ty {
        "user" => with_path(|path, name| IamKind::User { path, name }),
        "role" => with_path(|path, name| IamKind::Role { path, name }),
        "group" => with_path(|path, name| IamKind::Group { path, name }),
        "instance-profile" => with_path(|path, name| IamKind::InstanceProfile { path, name }),
        "policy" => with_path(|_, name| IamKind::Policy { name }),
        "oidc-provider" if !rest.is_empty() && !rest.starts_with('/') => IamKind::OidcProvider { host: rest },
        "saml-provider" if !rest.is_empty() && !rest.contains('/') => IamKind::SamlProvider { name: rest },
        _ => IamKind::Other,
    }
}

fn sts_kind(r: &str) -> IamKind<'_> {
    let Some((ty, rest)) = r.split_once('/') else { return IamKind::Other };
    match ty {
        "assumed-role" => match rest.split_once('/') {
            Some((role_name, session)) if !role_name.is_empty() && !session.is_empty() && !session.contains('/') => {
                IamKind::AssumedRole { role_name, session }
            }
            _ => IamKind::Other,
        },
        "federated-user" if !rest.is_empty() && !rest.contains('/') => IamKind::FederatedUser { name: rest },
        _ => IamKind::Other,
    }
}

impl fmt::Display for Arn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "arn:{}:{}:{}:{}:{}", self.partition, self.service, self.region, self.account, self.resource)
    }
}

impl FromStr for Arn {
    type Err = ArnError;
    fn from_str(s: &str) -> Result<Arn, ArnError> {
        Arn::parse(s)
    }
}

/// Whether `s` is an AWS account ID: exactly 12 ASCII digits.
pub fn is_account_id(s: &str) -> bool {
    s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
#[path = "arn_tests.rs"]
mod tests;
