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
    pub partition: String,
    pub service: String,
    pub region: String,
    pub account: String,
    pub resource: String,
}

/// Why a string is not an ARN (a lowercase message quoting the input).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArnError {
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
    User { path: &'a str, name: &'a str },
    Role { path: &'a str, name: &'a str },
    /// `arn:aws:sts::123456789012:assumed-role/ROLE/SESSION`.
    AssumedRole { role_name: &'a str, session: &'a str },
    /// `arn:aws:sts::123456789012:federated-user/NAME`.
    FederatedUser { name: &'a str },
    Group { path: &'a str, name: &'a str },
    InstanceProfile { path: &'a str, name: &'a str },
    /// A managed policy (its name: the text after the last `/`).
    Policy { name: &'a str },
    /// `oidc-provider/HOST` (the host may contain `/`, e.g. an EKS issuer).
    OidcProvider { host: &'a str },
    SamlProvider { name: &'a str },
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
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn arn(s: &str) -> Arn {
        Arn::parse(s).unwrap_or_else(|e| panic!("{e}"))
    }

    fn kind(s: &str) -> IamKind<'static> {
        // Leak for test convenience: the kind borrows from the ARN.
        let a: &'static Arn = Box::leak(Box::new(arn(s)));
        a.iam_kind()
    }

    #[test]
    fn parses_parts_and_round_trips() {
        let a = arn("arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/Bob");
        assert_eq!(
            a,
            Arn {
                partition: "aws".into(),
                service: "iam".into(),
                region: "".into(),
                account: "123456789012".into(),
                resource: "user/division_abc/subdivision_xyz/Bob".into(),
            }
        );
        for s in [
            "arn:aws:iam::123456789012:root",
            "arn:aws:s3:::amzn-s3-demo-bucket/my_corporate_analytics/*",
            "arn:aws-cn:ec2:cn-north-1:123456789012:instance/i-0abcd",
            "arn:aws-us-gov:sns:us-gov-west-1:123456789012:topic",
            "arn:aws:lambda:us-east-1:123456789012:function:my-function:1",
            "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/f:*",
            "arn:aws:iam::aws:policy/AdministratorAccess",
        ] {
            assert_eq!(arn(s).to_string(), s);
            assert_eq!(s.parse::<Arn>().unwrap(), arn(s));
        }
        let l = arn("arn:aws:lambda:us-east-1:123456789012:function:my-function:1");
        assert_eq!((l.region.as_str(), l.resource.as_str()), ("us-east-1", "function:my-function:1"));
    }

    #[test]
    fn resource_types() {
        assert_eq!(arn("arn:aws:iam::123456789012:user/Bob").resource_type(), "user");
        assert_eq!(arn("arn:aws:lambda:us-east-1:123456789012:function:f").resource_type(), "function");
        assert_eq!(arn("arn:aws:s3:::bucket").resource_type(), "bucket");
        assert_eq!(arn("arn:aws:iam::123456789012:root").resource_type(), "root");
    }

    #[test]
    fn errors() {
        let e = |s: &str| Arn::parse(s).unwrap_err().message;
        assert_eq!(e("foo"), "`foo` is not an ARN: it must start with `arn:`");
        assert_eq!(e(""), "`` is not an ARN: it must start with `arn:`");
        assert_eq!(e("ARN:aws:iam::1:root"), "`ARN:aws:iam::1:root` is not an ARN: it must start with `arn:`");
        assert_eq!(e("arn:aws:iam"), "`arn:aws:iam` is not a complete ARN: expected `arn:partition:service:region:account:resource`");
        assert!(e("arn:aws:iam::123456789012").contains("not a complete ARN"));
        assert!(e("arn::iam::123456789012:root").contains("the partition is empty"));
        assert!(e("arn:AWS:iam::123456789012:root").contains("`AWS` is not a partition"));
        assert!(e("arn:aws:::123456789012:root").contains("the service is empty"));
        assert!(e("arn:aws:i*m::123456789012:root").contains("`i*m` is not a service prefix"));
        assert!(e("arn:aws:iam::123456789012:").contains("the resource is empty"));
    }

    #[test]
    fn account_ids() {
        assert!(is_account_id("123456789012"));
        assert!(!is_account_id("12345678901"));
        assert!(!is_account_id("1234567890123"));
        assert!(!is_account_id("12345678901a"));
        assert!(!is_account_id("１２３４５６７８９０１２"));
        assert!(!is_account_id(""));
    }

    #[test]
    fn iam_kinds_from_the_identifiers_page() {
        use IamKind::*;
        assert_eq!(kind("arn:aws:iam::123456789012:root"), Root);
        assert_eq!(kind("arn:aws:iam::123456789012:user/JohnDoe"), User { path: "/", name: "JohnDoe" });
        assert_eq!(
            kind("arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/JaneDoe"),
            User { path: "/division_abc/subdivision_xyz/", name: "JaneDoe" }
        );
        assert_eq!(kind("arn:aws:iam::123456789012:group/Developers"), Group { path: "/", name: "Developers" });
        assert_eq!(
            kind("arn:aws:iam::123456789012:group/division_abc/subdivision_xyz/product_A/Developers"),
            Group { path: "/division_abc/subdivision_xyz/product_A/", name: "Developers" }
        );
        assert_eq!(kind("arn:aws:iam::123456789012:role/S3Access"), Role { path: "/", name: "S3Access" });
        assert_eq!(
            kind("arn:aws:iam::123456789012:role/application_abc/component_xyz/RDSAccess"),
            Role { path: "/application_abc/component_xyz/", name: "RDSAccess" }
        );
        assert_eq!(
            kind("arn:aws:iam::123456789012:role/aws-service-role/access-analyzer.amazonaws.com/AWSServiceRoleForAccessAnalyzer"),
            Role { path: "/aws-service-role/access-analyzer.amazonaws.com/", name: "AWSServiceRoleForAccessAnalyzer" }
        );
        assert_eq!(
            kind("arn:aws:iam::123456789012:role/service-role/QuickSightAction"),
            Role { path: "/service-role/", name: "QuickSightAction" }
        );
        assert_eq!(kind("arn:aws:iam::123456789012:policy/UsersManageOwnCredentials"), Policy { name: "UsersManageOwnCredentials" });
        assert_eq!(
            kind("arn:aws:iam::123456789012:policy/division_abc/subdivision_xyz/UsersManageOwnCredentials"),
            Policy { name: "UsersManageOwnCredentials" }
        );
        assert_eq!(kind("arn:aws:iam::aws:policy/AdministratorAccess"), Policy { name: "AdministratorAccess" });
        assert_eq!(kind("arn:aws:iam::123456789012:instance-profile/Webserver"), InstanceProfile { path: "/", name: "Webserver" });
        assert_eq!(
            kind("arn:aws:sts::123456789012:federated-user/JohnDoe"),
            FederatedUser { name: "JohnDoe" }
        );
        assert_eq!(
            kind("arn:aws:sts::123456789012:assumed-role/Accounting-Role/JaneDoe"),
            AssumedRole { role_name: "Accounting-Role", session: "JaneDoe" }
        );
        assert_eq!(kind("arn:aws:iam::123456789012:saml-provider/ADFSProvider"), SamlProvider { name: "ADFSProvider" });
        assert_eq!(kind("arn:aws:iam::123456789012:oidc-provider/GoogleProvider"), OidcProvider { host: "GoogleProvider" });
        assert_eq!(
            kind("arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B7"),
            OidcProvider { host: "oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B7" }
        );
        // Other resource types and services.
        assert_eq!(kind("arn:aws:iam::123456789012:mfa/JaneDoeMFA"), Other);
        assert_eq!(kind("arn:aws:iam::123456789012:server-certificate/ProdServerCert"), Other);
        assert_eq!(kind("arn:aws:s3:::bucket/user/x"), Other);
        assert_eq!(kind("arn:aws:sts::123456789012:root"), Other);
        assert_eq!(kind("arn:aws:iam::123456789012:assumed-role/R/S"), Other);
        assert_eq!(kind("arn:aws:sts::123456789012:user/Bob"), Other);
        assert_eq!(kind("arn:aws:iam::123456789012:rootx"), Other);
    }

    #[test]
    fn empty_names_are_other() {
        for s in [
            "arn:aws:iam::123456789012:user/",
            "arn:aws:iam::123456789012:user/path/",
            "arn:aws:iam::123456789012:role/",
            "arn:aws:iam::123456789012:group//",
            "arn:aws:iam::123456789012:policy/",
            "arn:aws:iam::123456789012:oidc-provider/",
            "arn:aws:iam::123456789012:saml-provider/",
            "arn:aws:iam::123456789012:user",
            "arn:aws:sts::123456789012:assumed-role/",
            "arn:aws:sts::123456789012:assumed-role/R",
            "arn:aws:sts::123456789012:assumed-role/R/",
            "arn:aws:sts::123456789012:assumed-role//S",
            "arn:aws:sts::123456789012:assumed-role/R/S/T",
            "arn:aws:sts::123456789012:federated-user/",
        ] {
            assert_eq!(kind(s), IamKind::Other, "{s}");
        }
    }

    #[test]
    fn helpers() {
        assert_eq!(arn("arn:aws:iam::123456789012:role/p/R").role_name(), Some("R"));
        assert_eq!(arn("arn:aws:sts::123456789012:assumed-role/R/S").role_name(), Some("R"));
        assert_eq!(arn("arn:aws:sts::123456789012:assumed-role/R/S").name(), Some("S"));
        assert_eq!(arn("arn:aws:iam::123456789012:user/Bob").role_name(), None);
        assert_eq!(arn("arn:aws:iam::123456789012:root").name(), None);
    }

    use proptest::prelude::*;

    proptest! {
        #[test]
        fn never_panics_and_round_trips(s in "(arn:)?[a-z:/*-]{0,30}") {
            if let Ok(a) = Arn::parse(&s) {
                prop_assert_eq!(a.to_string(), s.clone());
                let _ = a.iam_kind();
                let _ = a.resource_type();
            }
        }

        #[test]
        fn never_panics_on_anything(s in "\\PC{0,40}") {
            if let Ok(a) = Arn::parse(&s) {
                let _ = (a.iam_kind(), a.name(), a.role_name());
            }
            let _ = is_account_id(&s);
        }

        #[test]
        fn iam_paths_are_slices_of_the_resource(
            ty in prop_oneof![Just("user"), Just("role"), Just("group"), Just("instance-profile")],
            segs in prop::collection::vec("[a-z]{0,3}", 1..5),
        ) {
            let s = format!("arn:aws:iam::123456789012:{ty}/{}", segs.join("/"));
            let a = Arn::parse(&s).unwrap();
            let (path, name) = match a.iam_kind() {
                IamKind::User { path, name } | IamKind::Role { path, name }
                | IamKind::Group { path, name } | IamKind::InstanceProfile { path, name } => (path, name),
                IamKind::Other => {
                    prop_assert!(segs.last().unwrap().is_empty());
                    return Ok(());
                }
                k => panic!("{k:?}"),
            };
            prop_assert!(path.starts_with('/') && path.ends_with('/'));
            prop_assert_eq!(format!("{ty}{path}{name}"), a.resource.clone());
        }
    }
}
