//! Malformed policies `parse_policy` must refuse, each checked for its
//! diagnostic's message, JSON path and line/column.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use policy::PolicyType;

#[macro_use]
#[path = "support/want.rs"]
mod want;
use want::*;

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
