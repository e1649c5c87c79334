//! Unit tests of `arn`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
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
    assert_eq!(kind("arn:aws:sts::123456789012:federated-user/JohnDoe"), FederatedUser { name: "JohnDoe" });
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
