//! Table-driven tests of `parse_policy` on whole documents: policies from the
//! AWS IAM documentation that must parse, and malformed ones, each checked
//! for its diagnostic's message, JSON path and line/column.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use policy::{parse_policy, Diagnostic, Effect, LineIndex, Parsed, PolicyType, Position, Principal, Severity, Version};

/// One diagnostic a document must produce.
#[derive(Clone, Copy, Debug)]
struct Want {
    severity: Severity,
    /// For warnings, the lint code (errors are all `MalformedPolicyDocument`).
    code: &'static str,
    /// A substring of the message.
    message: &'static str,
    /// The exact JSON path.
    path: &'static str,
    /// 1-based line and column of the span's start.
    at: (u32, u32),
    /// A substring of the help, when there must be one.
    help: Option<&'static str>,
}

const fn err(message: &'static str, path: &'static str, line: u32, column: u32) -> Want {
    Want { severity: Severity::Error, code: "MalformedPolicyDocument", message, path, at: (line, column), help: None }
}

const fn warn(code: &'static str, message: &'static str, path: &'static str, line: u32, column: u32) -> Want {
    Want { severity: Severity::Warning, code, message, path, at: (line, column), help: None }
}

impl Want {
    const fn help(self, help: &'static str) -> Want {
        Want { help: Some(help), ..self }
    }
}

fn describe(text: &str, d: &Diagnostic) -> String {
    let p = LineIndex::new(text).position(text, d.span.start);
    format!("{:?} {} `{}` at {}:{}: {} (help: {:?})", d.severity, d.code, d.path, p.line, p.column, d.message, d.help)
}

fn matches(text: &str, lines: &LineIndex, d: &Diagnostic, w: &Want) -> bool {
    let p = lines.position(text, d.span.start);
    d.severity == w.severity
        && d.code == w.code
        && d.message.contains(w.message)
        && d.path == w.path
        && (p.line, p.column) == w.at
        && w.help.is_none_or(|h| d.help.as_deref().is_some_and(|dh| dh.contains(h)))
}

/// Parses `text` as a `kind` policy and checks that every wanted
/// diagnostic is there, that there are no other errors, and that the policy
/// is returned exactly when there are no errors. Warnings not listed are
/// allowed.
fn check(text: &str, kind: PolicyType, expected: &[Want]) -> Parsed {
    let parsed = parse_policy(text, kind);
    let lines = LineIndex::new(text);
    let all = || parsed.diagnostics.iter().map(|d| format!("  {}", describe(text, d))).collect::<Vec<_>>().join("\n");
    for w in expected {
        assert!(
            parsed.diagnostics.iter().any(|d| matches(text, &lines, d, w)),
            "missing {w:?}\n--- policy ({kind:?}):\n{text}\n--- diagnostics:\n{}",
            all()
        );
    }
    let unexpected: Vec<String> =
        parsed.errors().filter(|d| !expected.iter().any(|w| matches(text, &lines, d, w))).map(|d| describe(text, d)).collect();
    assert!(unexpected.is_empty(), "unexpected errors:\n  {}\n--- policy ({kind:?}):\n{text}", unexpected.join("\n  "));
    let has_errors = expected.iter().any(|w| w.severity == Severity::Error);
    assert_eq!(parsed.policy.is_none(), has_errors, "policy returned iff no errors\n{}", all());
    for d in &parsed.diagnostics {
        let (s, e) = (d.span.start as usize, d.span.end as usize);
        assert!(s <= e && e <= text.len(), "span out of the text: {}", describe(text, d));
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e), "span splits a character: {}", describe(text, d));
        assert!(!d.message.starts_with(|c: char| c.is_ascii_uppercase()), "message not lowercase: {}", d.message);
        assert!(d.path.to_string().starts_with('$'), "path: {}", d.path);
        if d.is_error() {
            assert_eq!(d.code, "MalformedPolicyDocument");
        }
    }
    parsed
}

macro_rules! cases {
    ($($name:ident: $kind:ident, $text:expr => [$($want:expr),* $(,)?];)*) => {
        $(
            #[test]
            fn $name() {
                check($text, PolicyType::$kind, &[$($want),*]);
            }
        )*
    };
}

// ---------------------------------------------------------------------------
// Valid documents (from the AWS IAM, STS, S3 and Organizations user guides).
// ---------------------------------------------------------------------------

cases! {
    identity_statement_array_2012: Identity, r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ListObjectsInBucket",
      "Effect": "Allow",
      "Action": ["s3:ListBucket"],
      "Resource": ["arn:aws:s3:::bucket-name"]
    },
    {
      "Sid": "AllObjectActions",
      "Effect": "Allow",
      "Action": "s3:*Object",
      "Resource": ["arn:aws:s3:::bucket-name/*"]
    }
  ]
}"# => [];

    identity_statement_object_2008: Identity, r#"{
  "Version": "2008-10-17",
  "Statement": {
    "Effect": "Allow",
    "Action": "dynamodb:*",
    "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/Books"
  }
}"# => [];

    identity_with_id_element: Identity, r#"{
  "Version": "2012-10-17",
  "Id": "cd3ad3d9-2776-4ef1-a904-4c229d1642ee",
  "Statement": [{"Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*"}]
}"# => [];

    identity_not_action_mfa: Identity, r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "DenyAllExceptListedIfNoMFA",
      "Effect": "Deny",
      "NotAction": [
        "iam:CreateVirtualMFADevice",
        "iam:EnableMFADevice",
        "iam:GetUser",
        "iam:ListMFADevices",
        "iam:ListVirtualMFADevices",
        "iam:ResyncMFADevice",
        "sts:GetSessionToken"
      ],
      "Resource": "*",
      "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}
    }
  ]
}"# => [];

    identity_not_resource: Identity, r#"{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Allow",
    "Action": "s3:*",
    "NotResource": [
      "arn:aws:s3:::HRBucket/Payroll",
      "arn:aws:s3:::HRBucket/Payroll/*"
    ]
  }
}"# => [];

    identity_policy_variables: Identity, r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Action": ["s3:ListBucket"],
      "Effect": "Allow",
      "Resource": ["arn:aws:s3:::amzn-s3-demo-bucket"],
      "Condition": {"StringLike": {"s3:prefix": ["${aws:username}/*"]}}
    },
    {
      "Action": ["s3:GetObject", "s3:PutObject"],
      "Effect": "Allow",
      "Resource": ["arn:aws:s3:::amzn-s3-demo-bucket/${aws:username}/*"]
    }
  ]
}"# => [];

    identity_ip_and_date_conditions: Identity, r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Deny",
      "Action": "*",
      "Resource": "*",
      "Condition": {
        "NotIpAddress": {"aws:SourceIp": ["192.0.2.0/24", "203.0.113.0/24"]},
        "Bool": {"aws:ViaAWSService": "false"}
      }
    },
    {
      "Effect": "Allow",
      "Action": "ec2:*",
      "Resource": "*",
      "Condition": {
        "DateGreaterThan": {"aws:CurrentTime": "2020-04-01T00:00:00Z"},
        "DateLessThan": {"aws:CurrentTime": "2020-06-30T23:59:59Z"}
      }
    }
  ]
}"# => [];

    identity_numeric_and_tag_conditions: Identity, r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["ec2:StartInstances", "ec2:StopInstances"],
      "Resource": "arn:aws:ec2:*:*:instance/*",
      "Condition": {
        "StringEquals": {"aws:ResourceTag/Project": "${aws:PrincipalTag/Project}"},
        "NumericLessThanEquals": {"aws:MultiFactorAuthAge": "3600"}
      }
    }
  ]
}"# => [];

    identity_pass_role: Identity, r#"{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Action": "iam:PassRole",
    "Resource": "arn:aws:iam::111122223333:role/EC2-roles-for-XYZ-*",
    "Condition": {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}
  }]
}"# => [];

    identity_empty_condition_block_is_allowed: Identity, r#"{
  "Version": "2012-10-17",
  "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {}}
}"# => [];

    identity_without_version_warns: Identity, r#"{
  "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}
}"# => [warn("missing-version", "the policy has no `Version`", "$", 1, 1)];

    trust_service_lambda: Trust, r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {"Service": "lambda.amazonaws.com"},
      "Action": "sts:AssumeRole"
    }
  ]
}"# => [];

    trust_several_services: Trust, r#"{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Allow",
    "Principal": {"Service": ["ec2.amazonaws.com", "lambda.amazonaws.com"]},
    "Action": ["sts:AssumeRole", "sts:TagSession"]
  }
}"# => [];

    trust_account_id_with_external_id: Trust, r#"{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Allow",
    "Principal": {"AWS": "123456789012"},
    "Action": "sts:AssumeRole",
    "Condition": {"StringEquals": {"sts:ExternalId": "Unique ID Assigned by Example Corp"}}
  }
}"# => [];

    trust_account_root_with_mfa: Trust, r#"{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
    "Action": "sts:AssumeRole",
    "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}
  }
}"# => [];

    trust_user_role_and_session_arns: Trust, r#"{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Allow",
    "Principal": {
      "AWS": [
        "arn:aws:iam::123456789012:user/user-name",
        "arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/Bob",
        "arn:aws:iam::123456789012:role/role-name",
        "arn:aws:sts::123456789012:assumed-role/role-name/role-session-name",
        "arn:aws:iam::444455556666:root",
        "444455556666"
      ]
    },
    "Action": "sts:AssumeRole"
  }
}"# => [];

    trust_saml_federation: Trust, r#"{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/ExampleOrgSSOProvider"},
    "Action": "sts:AssumeRoleWithSAML",
    "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}
  }]
}"# => [];

    trust_cognito_web_identity: Trust, r#"{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": {"Federated": "cognito-identity.amazonaws.com"},
    "Action": ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"],
    "Condition": {
      "StringEquals": {"cognito-identity.amazonaws.com:aud": "us-east-1:12345678-abcd-abcd-abcd-123456789012"},
      "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "unauthenticated"}
    }
  }]
}"# => [];

    trust_oidc_provider: Trust, r#"{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"},
    "Action": "sts:AssumeRoleWithWebIdentity",
    "Condition": {"StringEquals": {"oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub": "system:serviceaccount:default:my-sa"}}
  }]
}"# => [];

    trust_web_identity_providers_by_name: Trust, r#"{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Principal": {"Federated": "accounts.google.com"}, "Action": "sts:AssumeRoleWithWebIdentity"},
    {"Effect": "Allow", "Principal": {"Federated": "www.amazon.com"}, "Action": "sts:AssumeRoleWithWebIdentity"},
    {"Effect": "Allow", "Principal": {"Federated": "graph.facebook.com"}, "Action": "sts:AssumeRoleWithWebIdentity"}
  ]
}"# => [];

    trust_sts_wildcard_and_any_case: Trust, r#"{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}},
    {"Effect": "Deny", "Principal": "*", "Action": "STS:AssumeRole", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
  ]
}"# => [];

    resource_public_read_principal_star: Resource, r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "PublicRead",
      "Effect": "Allow",
      "Principal": "*",
      "Action": ["s3:GetObject", "s3:GetObjectVersion"],
      "Resource": ["arn:aws:s3:::DOC-EXAMPLE-BUCKET/*"]
    }
  ]
}"# => [];

    resource_aws_star_with_source_ip: Resource, r#"{
  "Version": "2012-10-17",
  "Id": "S3PolicyId1",
  "Statement": [
    {
      "Sid": "IPAllow",
      "Effect": "Deny",
      "Principal": {"AWS": "*"},
      "Action": "s3:*",
      "Resource": ["arn:aws:s3:::amzn-s3-demo-bucket", "arn:aws:s3:::amzn-s3-demo-bucket/*"],
      "Condition": {"NotIpAddress": {"aws:SourceIp": ["192.0.2.0/24", "2001:DB8:1234:5678::/64"]}}
    }
  ]
}"# => [];

    resource_canonical_user: Resource, r#"{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Allow",
    "Principal": {"CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"},
    "Action": "s3:GetObject",
    "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"
  }
}"# => [];

    resource_not_principal_with_deny: Resource, r#"{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Deny",
    "NotPrincipal": {"AWS": [
      "arn:aws:iam::444455556666:user/Bob",
      "arn:aws:iam::444455556666:root"
    ]},
    "Action": "s3:*",
    "Resource": ["arn:aws:s3:::BUCKETNAME", "arn:aws:s3:::BUCKETNAME/*"]
  }]
}"# => [];

    resource_service_principal_cloudtrail: Resource, r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "AWSCloudTrailAclCheck20150319",
      "Effect": "Allow",
      "Principal": {"Service": "cloudtrail.amazonaws.com"},
      "Action": "s3:GetBucketAcl",
      "Resource": "arn:aws:s3:::amzn-s3-demo-bucket",
      "Condition": {"StringEquals": {"aws:SourceArn": "arn:aws:cloudtrail:us-east-2:111122223333:trail/myTrail"}}
    },
    {
      "Sid": "AWSCloudTrailWrite20150319",
      "Effect": "Allow",
      "Principal": {"Service": "cloudtrail.amazonaws.com"},
      "Action": "s3:PutObject",
      "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/AWSLogs/111122223333/*",
      "Condition": {"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceAccount": "111122223333"}}
    }
  ]
}"# => [];

    resource_federated_user_and_mixed_principals: Resource, r#"{
  "Version": "2012-10-17",
  "Statement": {
    "Sid": "Cross account and federated",
    "Effect": "Allow",
    "Principal": {
      "AWS": ["arn:aws:sts::111122223333:federated-user/Bob", "111122223333"],
      "Service": "ec2.amazonaws.com"
    },
    "Action": "sqs:SendMessage",
    "Resource": "arn:aws:sqs:us-east-2:444455556666:queue1"
  }
}"# => [];

    scp_deny_outside_regions: Scp, r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "DenyAllOutsideEU",
      "Effect": "Deny",
      "NotAction": ["cloudfront:*", "iam:*", "route53:*", "support:*", "sts:*"],
      "Resource": "*",
      "Condition": {
        "StringNotEquals": {"aws:RequestedRegion": ["eu-central-1", "eu-west-1"]},
        "ArnNotLike": {"aws:PrincipalARN": ["arn:aws:iam::*:role/Role1AllowedToBypassThisSCP"]}
      }
    }
  ]
}"# => [];

    boundary_and_session_like_identity: Boundary, r#"{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": ["s3:*", "cloudwatch:*", "ec2:*"], "Resource": "*"},
    {"Effect": "Deny", "Action": "iam:*", "Resource": "*"}
  ]
}"# => [];

    session_policy: Session, r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}"# => [];

    bom_and_crlf_are_accepted: Identity, "\u{feff}{\r\n  \"Version\": \"2012-10-17\",\r\n  \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}\r\n}\r\n" => [];
}

// ---------------------------------------------------------------------------
// Malformed documents.
// ---------------------------------------------------------------------------

cases! {
    unknown_element_with_did_you_mean: Identity, r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Actions": "s3:GetObject",
      "Resource": "*"
    }
  ]
}"# => [
        err("unknown element `Actions` in a statement", "$.Statement[0].Actions", 6, 7).help("did you mean `Action`?"),
        err("the statement has no `Action` or `NotAction`", "$.Statement[0]", 4, 5),
    ];

    unknown_lowercase_element: Identity, r#"{
  "Version": "2012-10-17",
  "Statement": {"effect": "Allow", "Action": "s3:*", "Resource": "*"}
}"# => [
        err("unknown element `effect` in a statement", "$.Statement.effect", 3, 17).help("did you mean `Effect`?"),
        err("the statement has no `Effect`", "$.Statement", 3, 16),
    ];

    unknown_element_without_suggestion_lists_the_known_ones: Identity, r#"{
  "Version": "2012-10-17",
  "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Comment": "x"}
}"# => [
        err("unknown element `Comment` in a statement", "$.Statement.Comment", 3, 71).help("`Sid`, `Effect`"),
    ];

    unknown_top_level_element: Identity, r#"{
  "Version": "2012-10-17",
  "Statements": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]
}"# => [
        err("unknown element `Statements` in a policy document", "$.Statements", 3, 3).help("did you mean `Statement`?"),
        err("the policy has no `Statement`", "$", 1, 1),
    ];

    effect_is_case_sensitive: Identity, r#"{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "allow",
    "Action": "s3:GetObject",
    "Resource": "*"
  }
}"# => [err("`Effect` must be `Allow` or `Deny`, not `allow`", "$.Statement.Effect", 4, 15).help("case-sensitive")];

    effect_must_be_a_string: Identity, r#"{
  "Version": "2012-10-17",
  "Statement": {"Effect": true, "Action": "s3:*", "Resource": "*"}
}"# => [err("`Effect` must be the string `Allow` or `Deny`, not a boolean", "$.Statement.Effect", 3, 27)];

    effect_other_word: Identity, r#"{
  "Version": "2012-10-17",
  "Statement": {"Effect": "Permit", "Action": "s3:*", "Resource": "*"}
}"# => [err("`Effect` must be `Allow` or `Deny`, not `Permit`", "$.Statement.Effect", 3, 27)];

    missing_statement: Identity, r#"{
  "Version": "2012-10-17"
}"# => [err("the policy has no `Statement`", "$", 1, 1)];

    empty_statement_array: Identity, r#"{
  "Version": "2012-10-17",
  "Statement": []
}"# => [err("`Statement` is empty", "$.Statement", 3, 16)];

    statement_is_a_string: Identity, r#"{
  "Version": "2012-10-17",
  "Statement": "Allow s3:*"
}"# => [err("`Statement` must be an object or an array of objects, not a string", "$.Statement", 3, 16)];

    statement_entry_is_not_an_object: Identity, r#"{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
    "s3:GetObject"
  ]
}"# => [err("a statement must be a JSON object, not a string", "$.Statement[1]", 5, 5)];

    policy_is_not_an_object: Identity, r#"[{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]"# => [
        err("a policy document must be a JSON object, not an array", "$", 1, 1),
    ];

    missing_effect_and_action: Identity, r#"{
  "Version": "2012-10-17",
  "Statement": [{
    "Resource": "*"
  }]
}"# => [
        err("the statement has no `Effect`; it must be `Allow` or `Deny`", "$.Statement[0]", 3, 17),
        err("the statement has no `Action` or `NotAction`", "$.Statement[0]", 3, 17),
    ];

    missing_resource_in_identity_policy: Identity, r#"{
  "Version": "2012-10-17",
  "Statement": {"Effect": "Allow", "Action": "s3:ListAllMyBuckets"}
}"# => [err("the statement has no `Resource` or `NotResource`", "$.Statement", 3, 16).help("\"Resource\": \"*\"")];

    principal_in_identity_policy: Identity, r#"{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Allow",
    "Principal": {"AWS": "123456789012"},
    "Action": "s3:*",
    "Resource": "*"
  }
}"# => [err("`Principal` is not allowed in an identity-based policy", "$.Statement.Principal", 5, 5)];

    not_principal_in_permissions_boundary: Boundary, r#"{
  "Version": "2012-10-17",
  "Statement": {"Effect": "Deny", "NotPrincipal": {"AWS": "123456789012"}, "Action": "s3:*", "Resource": "*"}
}"# => [err("`NotPrincipal` is not allowed in a permissions boundary", "$.Statement.NotPrincipal", 3, 35)];

    principal_in_scp: Scp, r#"{
  "Version": "2012-10-17",
  "Statement": {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}
}"# => [err("`Principal` is not allowed in a service control policy", "$.Statement.Principal", 3, 35)];

    not_principal_with_allow: Resource, r#"{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Allow",
    "NotPrincipal": {"AWS": "arn:aws:iam::444455556666:user/Bob"},
    "Action": "s3:GetObject",
    "Resource": "arn:aws:s3:::bucket/*"
  }
}"# => [warn("allow-with-not-principal", "allows every principal except the ones listed", "$.Statement.NotPrincipal", 5, 21)
        .help("aws:PrincipalArn")];

    // A trust policy refuses NotPrincipal whatever the effect: one error, not two.
    not_principal_with_allow_in_trust_policy: Trust, r#"{
  "Version": "2012-10-17",
  "Statement": {"Effect": "Allow", "NotPrincipal": {"AWS": "123456789012"}, "Action": "sts:AssumeRole"}
}"# => [err("`NotPrincipal` is not supported in a role trust policy", "$.Statement.NotPrincipal", 3, 52)];

    not_principal_in_trust_policy: Trust, r#"{
  "Version": "2012-10-17",
  "Statement": {"Effect": "Deny", "NotPrincipal": {"AWS": "123456789012"}, "Action": "sts:AssumeRole"}
}"# => [err("`NotPrincipal` is not supported in a role trust policy", "$.Statement.NotPrincipal", 3, 51)];

    principal_and_not_principal: Resource, r#"{
  "Version": "2012-10-17",
  "Statement": {"Effect": "Deny", "Principal": "*", "NotPrincipal": "*", "Action": "s3:*", "Resource": "*"}
}"# => [err("a statement cannot have both `Principal` and `NotPrincipal`", "$.Statement.NotPrincipal", 3, 53)];

    missing_principal_in_trust_policy: Trust, r#"{
  "Version": "2012-10-17",
  "Statement": {"Effect": "Allow", "Action": "sts:AssumeRole"}
}"# => [err("the statement has no `Principal`", "$.Statement", 3, 16).help("lambda.amazonaws.com")];

    missing_principal_in_bucket_policy: Resource, r#"{
  "Version": "2012-10-17",
  "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}
}"# => [err("the statement has no `Principal`", "$.Statement", 3, 16)];

    principal_given_as_an_arn_string: Trust, r#"{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Allow",
    "Principal": "arn:aws:iam::123456789012:root",
    "Action": "sts:AssumeRole"
  }
}"# => [err("`Principal` must be `\"*\"` or an object such as {\"AWS\": \"arn:aws:iam::123456789012:root\"}", "$.Statement.Principal", 5, 18)];

    principal_is_empty: Resource, r#"{
  "Version": "2012-10-17",
  "Statement": {"Effect": "Allow", "Principal": {}, "Action": "s3:*", "Resource": "*"}
}"# => [err("`Principal` is empty", "$.Statement.Principal", 3, 49)];

    principal_key_is_case_sensitive: Trust, r#"{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Allow",
    "Principal": {"aws": "123456789012"},
    "Action": "sts:AssumeRole"
  }
}"# => [err("unknown element `aws` in a principal", "$.Statement.Principal.aws", 5, 19).help("did you mean `AWS`?")];

    principal_partial_wildcard: Resource, r#"{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::*:user/x"},
    "Action": "s3:GetObject",
    "Resource": "arn:aws:s3:::b/*"
  }
}"# => [err("wildcards cannot match part of a principal", "$.Statement.Principal.AWS", 5, 26)];

    principal_role_wildcard_in_array: Trust, r#"{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Allow",
    "Principal": {"AWS": ["123456789012", "arn:aws:iam::123456789012:role/*"]},
    "Action": "sts:AssumeRole"
  }
}"# => [err("invalid principal in policy: \"AWS\": \"arn:aws:iam::123456789012:role/*\": wildcards", "$.Statement.Principal.AWS[1]", 5, 43)];

    principal_short_account_id: Trust, r#"{
  "Version": "2012-10-17",
  "Statement": {"Effect": "Allow", "Principal": {"AWS": "12345"}, "Action": "sts:AssumeRole"}
}"# => [err("invalid principal in policy: \"AWS\": \"12345\": `12345` is not an ARN", "$.Statement.Principal.AWS", 3, 57)];

    // AWS rejects principal ARNs whose account is not a 12-digit account ID
    // ("Invalid principal in policy").
    principal_root_with_short_account: Trust, r#"{
  "Version": "2012-10-17",
  "Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::12345:root"}, "Action": "sts:AssumeRole"}
}"# => [err("invalid principal in policy: \"AWS\": \"arn:aws:iam::12345:root\"", "$.Statement.Principal.AWS", 3, 57)];

    principal_root_without_account: Trust, r#"{
  "Version": "2012-10-17",
  "Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam:::root"}, "Action": "sts:AssumeRole"}
}"# => [err("invalid principal in policy: \"AWS\": \"arn:aws:iam:::root\"", "$.Statement.Principal.AWS", 3, 57)];

    principal_user_with_non_numeric_account: Resource, r#"{
  "Version": "2012-10-17",
  "Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::abc:user/x"}, "Action": "s3:*", "Resource": "*"}
}"# => [err("invalid principal in policy: \"AWS\": \"arn:aws:iam::abc:user/x\"", "$.Statement.Principal.AWS", 3, 57)];

    principal_group_arn: Resource, r#"{
  "Version": "2012-10-17",
  "Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:group/Admins"}, "Action": "s3:*", "Resource": "*"}
}"# => [err("expected an account ID, `arn:…:root`, or a user, role or assumed-role ARN", "$.Statement.Principal.AWS", 3, 57)];

    principal_non_iam_arn: Resource, r#"{
  "Version": "2012-10-17",
  "Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:s3:::bucket"}, "Action": "s3:*", "Resource": "*"}
}"# => [err("an AWS principal is an IAM or STS ARN, not an `s3` ARN", "$.Statement.Principal.AWS", 3, 57)];

    principal_service_wildcard: Trust, r#"{
  "Version": "2012-10-17",
  "Statement": {"Effect": "Allow", "Principal": {"Service": "*.amazonaws.com"}, "Action": "sts:AssumeRole"}
}"# => [err("a service principal is a name such as `lambda.amazonaws.com`", "$.Statement.Principal.Service", 3, 61)];

    unknown_condition_operator: Identity, r#"{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Allow",
    "Action": "s3:GetObject",
    "Resource": "*",
    "Condition": {
      "StringEqual": {"aws:username": "alice"}
    }
  }
}"# => [err("unknown condition operator `StringEqual`", "$.Statement.Condition.StringEqual", 8, 7).help("did you mean `StringEquals`?")];

    condition_key_in_operator_position: Identity, r#"{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Allow",
    "Action": "s3:GetObject",
    "Resource": "*",
    "Condition": {"aws:SourceIp": "192.0.2.0/24"}
  }
}"# => [err("unknown condition operator `aws:SourceIp`", "$.Statement.Condition[\"aws:SourceIp\"]", 7, 19).help("the operator comes first")];

    condition_is_not_an_object: Identity, r#"{
  "Version": "2012-10-17",
  "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": "aws:SecureTransport"}
}"# => [err("`Condition` must be an object, not a string", "$.Statement.Condition", 3, 84)];

    condition_numeric_value_is_not_a_number: Identity, r#"{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Allow",
    "Action": "s3:*",
    "Resource": "*",
    "Condition": {"NumericLessThan": {"s3:max-keys": "ten"}}
  }
}"# => [err("`NumericLessThan` compares numbers, and `ten` is not a number", "$.Statement.Condition.NumericLessThan[\"s3:max-keys\"]", 7, 54)];

    condition_bool_value: Identity, r#"{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Deny",
    "Action": "s3:*",
    "Resource": "*",
    "Condition": {"Bool": {"aws:SecureTransport": "no"}}
  }
}"# => [err("`Bool` takes `true` or `false`, not `no`", "$.Statement.Condition.Bool[\"aws:SecureTransport\"]", 7, 51)];

    bad_version: Identity, r#"{
  "Version": "2012-10-18",
  "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}
}"# => [err("`Version` must be `2012-10-17` or `2008-10-17`", "$.Version", 2, 14).help("2012-10-17")];

    version_as_a_number: Identity, r#"{
  "Version": 2012,
  "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}
}"# => [err("`Version` must be `2012-10-17` or `2008-10-17`, not `2012`", "$.Version", 2, 14)];

    version_with_a_different_format: Identity, r#"{"Version": "10/17/2012", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}"# => [
        err("`Version` must be `2012-10-17` or `2008-10-17`", "$.Version", 1, 13),
    ];

    id_must_be_a_string: Identity, r#"{
  "Version": "2012-10-17",
  "Id": 42,
  "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}
}"# => [err("`Id` must be a string, not a number", "$.Id", 3, 9)];

    duplicate_key_in_statement: Identity, r#"{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Allow",
    "Action": "s3:GetObject",
    "Effect": "Deny",
    "Resource": "*"
  }
}"# => [err("duplicate key `Effect` in a statement", "$.Statement.Effect", 6, 5)];

    sid_must_be_alphanumeric_in_iam: Identity, r#"{
  "Version": "2012-10-17",
  "Statement": {"Sid": "Allow_Read", "Effect": "Allow", "Action": "s3:*", "Resource": "*"}
}"# => [err("`Sid` `Allow_Read` must be alphanumeric", "$.Statement.Sid", 3, 24)];

    action_and_not_action: Identity, r#"{
  "Version": "2012-10-17",
  "Statement": {"Effect": "Allow", "Action": "s3:*", "NotAction": "iam:*", "Resource": "*"}
}"# => [err("a statement cannot have both `Action` and `NotAction`", "$.Statement.NotAction", 3, 54)];

    resource_and_not_resource: Identity, r#"{
  "Version": "2012-10-17",
  "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "NotResource": "arn:aws:s3:::b"}
}"# => [err("a statement cannot have both `Resource` and `NotResource`", "$.Statement.NotResource", 3, 71)];

    action_without_service_prefix: Identity, r#"{
  "Version": "2012-10-17",
  "Statement": {"Effect": "Allow", "Action": ["s3:GetObject", "PutObject"], "Resource": "*"}
}"# => [err("action `PutObject` must be prefaced by a service prefix", "$.Statement.Action[1]", 3, 63)];

    action_with_empty_name: Identity, r#"{
  "Version": "2012-10-17",
  "Statement": {"Effect": "Allow", "Action": "s3:", "Resource": "*"}
}"# => [err("`s3:` is not a valid action", "$.Statement.Action", 3, 46)];

    empty_action_list: Identity, r#"{
  "Version": "2012-10-17",
  "Statement": {"Effect": "Allow", "Action": [], "Resource": "*"}
}"# => [err("`Action` is an empty list", "$.Statement.Action", 3, 46)];

    action_entry_not_a_string: Identity, r#"{
  "Version": "2012-10-17",
  "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": ["arn:aws:s3:::b", 5]}
}"# => [err("each entry of `Resource` must be a string, not a number", "$.Statement.Resource[1]", 3, 85)];

    resource_not_an_arn: Identity, r#"{
  "Version": "2012-10-17",
  "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "my-bucket"}
}"# => [err("resource `my-bucket` must be in ARN format or `*`", "$.Statement.Resource", 3, 66)];

    duplicate_sid: Identity, r#"{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
    {"Sid": "Read", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}
  ]
}"# => [err("duplicate `Sid` `Read`", "$.Statement[1].Sid", 5, 13)];

    resource_in_trust_policy: Trust, r#"{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Allow",
    "Principal": {"Service": "ec2.amazonaws.com"},
    "Action": "sts:AssumeRole",
    "Resource": "arn:aws:iam::123456789012:role/r"
  }
}"# => [err("a role trust policy cannot have `Resource`", "$.Statement.Resource", 7, 5)];

    not_resource_in_trust_policy: Trust, r#"{
  "Version": "2012-10-17",
  "Statement": {"Effect": "Allow", "Principal": {"AWS": "123456789012"}, "Action": "sts:AssumeRole", "NotResource": "*"}
}"# => [err("a role trust policy cannot have `NotResource`", "$.Statement.NotResource", 3, 102)];

    non_sts_action_in_trust_policy: Trust, r#"{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Allow",
    "Principal": {"Service": "ec2.amazonaws.com"},
    "Action": ["sts:AssumeRole", "s3:GetObject"]
  }
}"# => [err("a role trust policy can only allow `sts:` actions such as `sts:AssumeRole`, not `s3:GetObject`", "$.Statement.Action[1]", 6, 34)];

    invalid_json_trailing_comma: Identity, r#"{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
  ]
}"# => [err("the policy is not valid JSON: trailing comma before `]`", "$", 4, 59)];

    invalid_json_missing_comma: Identity, r#"{
  "Version": "2012-10-17"
  "Statement": []
}"# => [err("the policy is not valid JSON: expected `,` or `}` after an object member", "$", 3, 3)];

    invalid_json_unquoted_value: Identity, r#"{
  "Version": "2012-10-17",
  "Statement": {"Effect": Allow, "Action": "s3:*", "Resource": "*"}
}"# => [err("the policy is not valid JSON: invalid literal `Allow`", "$", 3, 27)];

    invalid_json_truncated: Identity, r#"{"Version": "2012-10-17","# => [
        err("the policy is not valid JSON: unexpected end of input", "$", 1, 26),
    ];

    invalid_json_empty_text: Identity, "" => [err("the policy is not valid JSON: unexpected end of input: expected a value", "$", 1, 1)];

    invalid_json_comment: Identity, r#"{
  // read-only
  "Version": "2012-10-17"
}"# => [err("the policy is not valid JSON: comments are not allowed", "$", 2, 3)];

    invalid_json_columns_count_characters: Identity, "{\n  \"Id\": \"日本語のポリシー\" \"Version\": \"2012-10-17\"\n}" => [
        err("the policy is not valid JSON: expected `,` or `}` after an object member", "$", 2, 20),
    ];

    errors_after_multibyte_text_count_characters: Resource, r#"{
  "Version": "2012-10-17",
  "Statement": {"Sid": "読み取り", "Effect": "allow", "Principal": "*", "Action": "s3:*", "Resource": "*"}
}"# => [err("`Effect` must be `Allow` or `Deny`, not `allow`", "$.Statement.Effect", 3, 42)];

    every_problem_is_reported: Identity, r#"{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": "s3:GetObject"},
    {"Effect": "Permit", "Action": "s3:GetObject", "Resource": "*"},
    {"Effect": "Allow", "Action": "GetObject", "Resource": "bucket"}
  ]
}"# => [
        err("the statement has no `Resource` or `NotResource`", "$.Statement[0]", 4, 5),
        err("`Effect` must be `Allow` or `Deny`, not `Permit`", "$.Statement[1].Effect", 5, 16),
        err("action `GetObject` must be prefaced by a service prefix", "$.Statement[2].Action", 6, 35),
        err("resource `bucket` must be in ARN format or `*`", "$.Statement[2].Resource", 6, 60),
    ];
}

// ---------------------------------------------------------------------------
// The typed result.
// ---------------------------------------------------------------------------

fn pos(line: u32, column: u32) -> Position {
    Position { line, column }
}

#[test]
fn statement_positions_and_indexes() {
    let text = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "First",
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "*"
    },
    {"Sid": "Second", "Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}
  ]
}"#;
    let parsed = check(text, PolicyType::Identity, &[]);
    let policy = parsed.policy.unwrap();
    assert_eq!(policy.version, Version::V2012_10_17);
    assert_eq!(policy.kind, PolicyType::Identity);
    assert_eq!(policy.statements.len(), 2);
    let (a, b) = (&policy.statements[0], &policy.statements[1]);
    assert_eq!((a.index, a.sid.as_deref(), a.effect), (0, Some("First"), Effect::Allow));
    assert_eq!((a.start, a.end), (pos(4, 5), pos(9, 5)));
    assert!(text[a.span.start as usize..a.span.end as usize].starts_with('{'));
    assert!(text[a.span.start as usize..a.span.end as usize].ends_with('}'));
    assert_eq!((b.index, b.sid.as_deref(), b.effect), (1, Some("Second"), Effect::Deny));
    assert_eq!((b.start, b.end), (pos(10, 5), pos(10, 85)));
    assert_eq!(policy.span.start, 0);
    assert_eq!(policy.span.end as usize, text.len());
}

#[test]
fn single_statement_object_has_index_zero() {
    let text = "{\"Version\": \"2008-10-17\",\n \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}}";
    let policy = check(text, PolicyType::Identity, &[]).policy.unwrap();
    assert_eq!(policy.version, Version::V2008_10_17);
    let s = &policy.statements[0];
    assert_eq!((s.index, s.sid.as_deref()), (0, None));
    assert_eq!((s.start, s.end), (pos(2, 15), pos(2, 68)));
    assert!(!s.action.negated);
    assert!(s.principal.is_none());
}

#[test]
fn missing_version_is_reported_as_missing() {
    let policy = check(
        r#"{"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}"#,
        PolicyType::Identity,
        &[warn("missing-version", "2008-10-17", "$", 1, 1)],
    )
    .policy
    .unwrap();
    assert_eq!(policy.version, Version::Missing);
}

#[test]
fn not_action_and_not_resource_are_negated() {
    let text =
        r#"{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "NotAction": ["iam:*", "sts:*"], "NotResource": "arn:aws:s3:::b/*"}}"#;
    let policy = check(text, PolicyType::Identity, &[]).policy.unwrap();
    let s = &policy.statements[0];
    assert!(s.action.negated);
    assert_eq!(s.action.items.len(), 2);
    let r = s.resource.as_ref().unwrap();
    assert!(r.negated);
    assert_eq!(&text[r.span.start as usize..r.span.end as usize], "\"arn:aws:s3:::b/*\"");
}

#[test]
fn principal_forms_are_classified() {
    let text = r#"{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Allow",
    "Principal": {
      "AWS": [
        "*",
        "111122223333",
        "arn:aws:iam::444455556666:root",
        "arn:aws:iam::111122223333:user/alice",
        "arn:aws:iam::111122223333:role/path/r",
        "arn:aws:sts::111122223333:assumed-role/r/session",
        "arn:aws:sts::111122223333:federated-user/bob"
      ],
      "Service": "lambda.amazonaws.com",
      "Federated": "arn:aws:iam::111122223333:saml-provider/Okta",
      "CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
    },
    "Action": "sts:AssumeRole"
  }
}"#;
    let policy = check(text, PolicyType::Trust, &[]).policy.unwrap();
    let p = policy.statements[0].principal.as_ref().unwrap();
    assert!(!p.negated);
    let got: Vec<Principal> = p.entries.iter().map(|e| e.value.clone()).collect();
    assert_eq!(
        got,
        vec![
            Principal::Anyone,
            Principal::Account("111122223333".into()),
            Principal::Account("444455556666".into()),
            Principal::User("arn:aws:iam::111122223333:user/alice".into()),
            Principal::Role("arn:aws:iam::111122223333:role/path/r".into()),
            Principal::AssumedRole("arn:aws:sts::111122223333:assumed-role/r/session".into()),
            Principal::OtherArn("arn:aws:sts::111122223333:federated-user/bob".into()),
            Principal::Service("lambda.amazonaws.com".into()),
            Principal::Federated("arn:aws:iam::111122223333:saml-provider/Okta".into()),
            Principal::CanonicalUser("79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be".into()),
        ]
    );
    // Each entry's span is its string in the text.
    for e in &p.entries {
        let s = &text[e.span.start as usize..e.span.end as usize];
        assert!(s.starts_with('"') && s.ends_with('"'), "{s}");
    }
    let star = check(
        r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}}"#,
        PolicyType::Resource,
        &[],
    );
    let p = star.policy.unwrap().statements[0].principal.clone().unwrap();
    assert_eq!(p.entries.iter().map(|e| e.value.clone()).collect::<Vec<_>>(), vec![Principal::Anyone]);
}

#[test]
fn not_principal_is_negated() {
    let text = r#"{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::444455556666:user/Bob"}, "Action": "s3:*", "Resource": "*"}}"#;
    let policy = check(text, PolicyType::Resource, &[]).policy.unwrap();
    let p = policy.statements[0].principal.as_ref().unwrap();
    assert!(p.negated);
    assert_eq!(p.entries[0].value, Principal::User("arn:aws:iam::444455556666:user/Bob".into()));
}

#[test]
fn the_same_document_differs_by_policy_type() {
    let identity =
        r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}}"#;
    check(identity, PolicyType::Identity, &[]);
    check(identity, PolicyType::Boundary, &[]);
    check(identity, PolicyType::Scp, &[]);
    check(identity, PolicyType::Session, &[]);
    check(identity, PolicyType::Resource, &[err("the statement has no `Principal`", "$.Statement", 1, 40)]);
    check(
        identity,
        PolicyType::Trust,
        &[
            err("the statement has no `Principal`", "$.Statement", 1, 40),
            err("a role trust policy can only allow `sts:` actions", "$.Statement.Action", 1, 70),
            err("a role trust policy cannot have `Resource`", "$.Statement.Resource", 1, 86),
        ],
    );
}

#[test]
fn errors_are_all_reported_with_their_own_paths() {
    // Duplicate Sids are also found when another statement is malformed.
    let text = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "A", "Effect": "Allow", "Action": "s3:*", "Resource": "*"},
    {"Sid": "A", "Effect": "Allow", "Action": "s3:*"}
  ]
}"#;
    check(
        text,
        PolicyType::Identity,
        &[
            err("the statement has no `Resource` or `NotResource`", "$.Statement[1]", 5, 5),
            err("duplicate `Sid` `A`", "$.Statement[1].Sid", 5, 13),
        ],
    );
}
