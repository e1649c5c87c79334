//! Every condition operator family in words, in English and Japanese, each
//! condition linked to where it is written. What the sentences say about
//! missing keys follows the IAM User Guide ("Condition operators", "Single-
//! valued vs. multivalued context keys"); each rule is quoted where it is
//! tested.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use explain::{explain, Lang, LineKind};
use policy::PolicyType;

/// The statement sentence of an identity policy allowing `s3:GetObject`
/// under `condition` (a JSON object), in `lang`; and the text each linked
/// condition piece points at.
fn sentence(condition: &str, lang: Lang, version: bool) -> (String, Vec<String>) {
    let v = if version { r#""Version": "2012-10-17", "# } else { "" };
    let text = format!(r#"{{{v}"Statement": {{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {condition}}}}}"#);
    let e = explain(&text, PolicyType::Identity, lang, None).unwrap_or_else(|d| panic!("{text}: {d:?}"));
    let line = e.lines_of(LineKind::Statement).next().unwrap();
    let linked: Vec<String> = line
        .pieces
        .iter()
        .filter_map(|p| p.at)
        .map(|a| text.get(a.span.start as usize..a.span.end as usize).unwrap().to_string())
        .collect();
    (line.text(), linked)
}

/// The condition reads `en` in English and `ja` in Japanese, and its piece
/// links to the condition as written.
fn check(condition: &str, en: &str, ja: &str) {
    for (lang, want) in [(Lang::En, en), (Lang::Ja, ja)] {
        let (got, linked) = sentence(condition, lang, true);
        assert!(got.contains(want), "{condition} ({lang:?}):\n  want {want}\n  got  {got}");
        let key = condition.split('"').nth(3).unwrap();
        assert!(linked.iter().any(|l| l.starts_with(&format!("\"{key}\""))), "{condition}: links {linked:?}");
    }
}

#[test]
fn string_operators() {
    check(
        r#"{"StringEquals": {"aws:username": "alice"}}"#,
        "only when the caller's user name (aws:username) is \"alice\".",
        "呼び出し元のユーザー名 (aws:username) が \"alice\" である場合に限り、",
    );
    check(
        r#"{"StringEquals": {"aws:PrincipalTag/team": ["red", "blue", "green"]}}"#,
        "the caller's tag team (aws:PrincipalTag/team) is \"red\", \"blue\" or \"green\".",
        "呼び出し元のタグ team (aws:PrincipalTag/team) が \"red\"、\"blue\" または \"green\" である場合",
    );
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html:
    // "If the policy condition requires that the key is not matched, such as
    // StringNotLike or ArnNotLike, and the right key is not present, the
    // condition is true."
    check(
        r#"{"StringNotEquals": {"aws:PrincipalOrgID": "o-abc123"}}"#,
        "the caller's organization (aws:PrincipalOrgID) is not \"o-abc123\" (or the request has no aws:PrincipalOrgID)",
        "呼び出し元の組織 (aws:PrincipalOrgID) が \"o-abc123\" ではない (リクエストに aws:PrincipalOrgID がない場合も含む)",
    );
    check(
        r#"{"StringNotEquals": {"aws:RequestedRegion": ["us-east-1", "eu-west-1"]}}"#,
        "the Region requested (aws:RequestedRegion) is none of \"us-east-1\", \"eu-west-1\" (or the request has no aws:RequestedRegion)",
        "リクエスト先のリージョン (aws:RequestedRegion) が \"us-east-1\"、\"eu-west-1\" のいずれでもない",
    );
    check(
        r#"{"StringEqualsIgnoreCase": {"aws:PrincipalTag/dept": "Finance"}}"#,
        "is \"Finance\" (ignoring case)",
        "が \"Finance\" である (大文字と小文字を区別しない)",
    );
    check(
        r#"{"StringNotEqualsIgnoreCase": {"aws:PrincipalTag/dept": "Finance"}}"#,
        "is not \"Finance\" (ignoring case) (or the request has no aws:PrincipalTag/dept)",
        "が \"Finance\" ではない (大文字と小文字を区別しない) (リクエストに aws:PrincipalTag/dept がない場合も含む)",
    );
    check(
        r#"{"StringLike": {"s3:prefix": ["home/*", "public/?"]}}"#,
        "s3:prefix matches \"home/*\" or \"public/?\".",
        "s3:prefix が \"home/*\" または \"public/?\" に一致する場合に限り、",
    );
    check(
        r#"{"StringNotLike": {"s3:prefix": "private/*"}}"#,
        "s3:prefix does not match \"private/*\" (or the request has no s3:prefix)",
        "s3:prefix が \"private/*\" に一致しない (リクエストに s3:prefix がない場合も含む)",
    );
}

#[test]
fn numeric_operators() {
    let cases = [
        ("NumericEquals", "equals 3600", "3600 に等しい"),
        ("NumericNotEquals", "does not equal 3600 (or the request has no aws:MultiFactorAuthAge)", "3600 に等しくない (リクエストに"),
        ("NumericLessThan", "is less than 3600", "3600 未満である"),
        ("NumericLessThanEquals", "is at most 3600", "3600 以下である"),
        ("NumericGreaterThan", "is greater than 3600", "3600 より大きい"),
        ("NumericGreaterThanEquals", "is at least 3600", "3600 以上である"),
    ];
    for (op, en, ja) in cases {
        check(
            &format!(r#"{{"{op}": {{"aws:MultiFactorAuthAge": "3600"}}}}"#),
            &format!("the seconds since the caller authenticated with MFA (aws:MultiFactorAuthAge) {en}"),
            &format!("MFA 認証からの経過秒数 (aws:MultiFactorAuthAge) が {ja}"),
        );
    }
}

#[test]
fn date_operators() {
    let cases = [
        ("DateEquals", "is 2026-12-31T23:59:59Z", "2026-12-31T23:59:59Z である"),
        ("DateNotEquals", "is not 2026-12-31T23:59:59Z (or the request has no aws:CurrentTime)", "2026-12-31T23:59:59Z ではない"),
        ("DateLessThan", "is before 2026-12-31T23:59:59Z", "2026-12-31T23:59:59Z より前である"),
        ("DateLessThanEquals", "is at or before 2026-12-31T23:59:59Z", "2026-12-31T23:59:59Z 以前である"),
        ("DateGreaterThan", "is after 2026-12-31T23:59:59Z", "2026-12-31T23:59:59Z より後である"),
        ("DateGreaterThanEquals", "is at or after 2026-12-31T23:59:59Z", "2026-12-31T23:59:59Z 以降である"),
    ];
    for (op, en, ja) in cases {
        check(
            &format!(r#"{{"{op}": {{"aws:CurrentTime": "2026-12-31T23:59:59Z"}}}}"#),
            &format!("the time of the request (aws:CurrentTime) {en}"),
            &format!("リクエストの日時 (aws:CurrentTime) が {ja}"),
        );
    }
    // Epoch seconds are dates too, shown as written.
    check(
        r#"{"DateGreaterThan": {"aws:TokenIssueTime": "1798761600"}}"#,
        "aws:TokenIssueTime is after 1798761600",
        "aws:TokenIssueTime が 1798761600 より後である",
    );
}

#[test]
fn bool_and_binary() {
    check(
        r#"{"Bool": {"aws:MultiFactorAuthPresent": "true"}}"#,
        "only when signed in with MFA (aws:MultiFactorAuthPresent is true).",
        "MFA でサインインしている (aws:MultiFactorAuthPresent が true) 場合に限り、",
    );
    check(
        r#"{"Bool": {"aws:SecureTransport": "true"}}"#,
        "the request is sent over TLS (aws:SecureTransport is true)",
        "リクエストが TLS で送信されている (aws:SecureTransport が true)",
    );
    check(
        r#"{"Bool": {"aws:SecureTransport": "false"}}"#,
        "the request is not sent over TLS (aws:SecureTransport is false)",
        "リクエストが TLS で送信されていない (aws:SecureTransport が false)",
    );
    // `false` is a value like any other: a request without the key (long-term
    // credentials carry no aws:MultiFactorAuthPresent) does not match it.
    check(
        r#"{"Bool": {"aws:MultiFactorAuthPresent": "false"}}"#,
        "only when aws:MultiFactorAuthPresent is false.",
        "aws:MultiFactorAuthPresent が false である場合に限り、",
    );
    check(r#"{"Bool": {"aws:ViaAWSService": true}}"#, "aws:ViaAWSService is true", "aws:ViaAWSService が true である");
    check(
        r#"{"BinaryEquals": {"key": "QmluYXJ5VmFsdWVJbkJhc2U2NA=="}}"#,
        "key is the binary (base64) value \"QmluYXJ5VmFsdWVJbkJhc2U2NA==\"",
        "key がバイナリ値 (base64) \"QmluYXJ5VmFsdWVJbkJhc2U2NA==\" である",
    );
}

#[test]
fn ip_address_operators() {
    check(
        r#"{"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "2001:DB8:1234:5678::/64"]}}"#,
        "the caller's IP address (aws:SourceIp) is in 203.0.113.0/24 or 2001:DB8:1234:5678::/64.",
        "呼び出し元の IP アドレス (aws:SourceIp) が 203.0.113.0/24 または 2001:DB8:1234:5678::/64 の範囲内である場合に限り、",
    );
    check(
        r#"{"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}"#,
        "the caller's IP address (aws:SourceIp) is not in 203.0.113.0/24 (or the request has no aws:SourceIp)",
        "呼び出し元の IP アドレス (aws:SourceIp) が 203.0.113.0/24 の範囲外である (リクエストに aws:SourceIp がない場合も含む)",
    );
    check(
        r#"{"NotIpAddress": {"aws:SourceIp": ["192.0.2.0/24", "203.0.113.0/24"]}}"#,
        "is in none of 192.0.2.0/24, 203.0.113.0/24",
        "192.0.2.0/24、203.0.113.0/24 のいずれの範囲にも含まれない",
    );
}

#[test]
fn arn_operators() {
    let arn = "arn:aws:iam::111111111111:role/*";
    check(
        &format!(r#"{{"ArnEquals": {{"aws:PrincipalArn": "{arn}"}}}}"#),
        &format!("the caller's ARN (aws:PrincipalArn) matches \"{arn}\""),
        &format!("呼び出し元の ARN (aws:PrincipalArn) が \"{arn}\" に一致する"),
    );
    check(
        &format!(r#"{{"ArnLike": {{"aws:SourceArn": "{arn}"}}}}"#),
        "the ARN of the resource making a service-to-service request (aws:SourceArn) matches",
        "サービス間リクエストの送信元リソースの ARN (aws:SourceArn) が",
    );
    check(
        &format!(r#"{{"ArnNotEquals": {{"aws:PrincipalArn": "{arn}"}}}}"#),
        &format!("does not match \"{arn}\" (or the request has no aws:PrincipalArn)"),
        &format!("\"{arn}\" に一致しない (リクエストに aws:PrincipalArn がない場合も含む)"),
    );
    check(
        &format!(r#"{{"ArnNotLike": {{"aws:PrincipalArn": ["{arn}", "arn:aws:iam::*:user/x"]}}}}"#),
        "matches none of",
        "のいずれにも一致しない",
    );
}

#[test]
fn null_checks_presence() {
    check(
        r#"{"Null": {"aws:TokenIssueTime": "true"}}"#,
        "aws:TokenIssueTime is absent from the request",
        "aws:TokenIssueTime がリクエストにない",
    );
    check(
        r#"{"Null": {"aws:TokenIssueTime": "false"}}"#,
        "aws:TokenIssueTime is present in the request",
        "aws:TokenIssueTime がリクエストにある",
    );
}

#[test]
fn if_exists_also_holds_without_the_key() {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IfExists:
    // "If the key is not present, evaluate the condition element as true."
    check(
        r#"{"StringEqualsIfExists": {"ec2:InstanceType": ["t3.micro", "t3.small"]}}"#,
        "ec2:InstanceType is \"t3.micro\" or \"t3.small\" (or the request has no ec2:InstanceType)",
        "ec2:InstanceType が \"t3.micro\" または \"t3.small\" である (リクエストに ec2:InstanceType がない場合も含む)",
    );
    check(
        r#"{"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}"#,
        "aws:MultiFactorAuthPresent is false (or the request has no aws:MultiFactorAuthPresent)",
        "aws:MultiFactorAuthPresent が false である (リクエストに aws:MultiFactorAuthPresent がない場合も含む)",
    );
}

#[test]
fn set_operators_on_multivalued_keys() {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html:
    // ForAllValues "also returns true if there are no context keys in the
    // request"; ForAnyValue returns false when there is none.
    check(
        r#"{"ForAllValues:StringEquals": {"aws:TagKeys": ["env", "team"]}}"#,
        "every value of the tag keys in the request (aws:TagKeys) is \"env\" or \"team\" (or the request has no aws:TagKeys)",
        "リクエストのタグキー (aws:TagKeys) のすべての値が \"env\" または \"team\" である (リクエストに aws:TagKeys がない場合も含む)",
    );
    check(
        r#"{"ForAnyValue:StringEquals": {"aws:TagKeys": "env"}}"#,
        "at least one value of the tag keys in the request (aws:TagKeys) is \"env\".",
        "リクエストのタグキー (aws:TagKeys) の値の少なくとも 1 つが \"env\" である場合に限り、",
    );
    check(
        r#"{"ForAllValues:StringNotLike": {"aws:TagKeys": "secret*"}}"#,
        "no value of the tag keys in the request (aws:TagKeys) matches \"secret*\" (or the request has no aws:TagKeys)",
        "リクエストのタグキー (aws:TagKeys) のどの値も \"secret*\" に一致しない",
    );
    check(
        r#"{"ForAnyValue:StringNotEquals": {"aws:TagKeys": ["env", "team"]}}"#,
        "at least one value of the tag keys in the request (aws:TagKeys) is none of \"env\", \"team\".",
        "リクエストのタグキー (aws:TagKeys) の値の少なくとも 1 つが \"env\"、\"team\" のいずれでもない場合に限り",
    );
    // The set qualifier decides before IfExists: ForAnyValue is false without the key.
    check(
        r#"{"ForAnyValue:StringEqualsIfExists": {"aws:TagKeys": "env"}}"#,
        "at least one value of the tag keys in the request (aws:TagKeys) is \"env\".",
        "の値の少なくとも 1 つが \"env\" である場合に限り",
    );
}

#[test]
fn policy_variables_take_the_requests_values() {
    check(
        r#"{"StringEquals": {"aws:PrincipalTag/team": "${aws:ResourceTag/team}"}}"#,
        "is \"${aws:ResourceTag/team}\" (${aws:ResourceTag/team} taken from the request)",
        "が \"${aws:ResourceTag/team}\" である (${aws:ResourceTag/team} にはリクエストの値が入る)",
    );
    // Without "Version": "2012-10-17" a variable is literal text.
    let (en, _) = sentence(r#"{"StringLike": {"s3:prefix": "home/${aws:username}/*"}}"#, Lang::En, false);
    assert!(en.contains("s3:prefix matches \"home/${aws:username}/*\"."), "{en}");
    let text = r#"{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:username}/*"}}"#;
    let e = explain(text, PolicyType::Identity, Lang::En, None).unwrap();
    assert!(e.text().contains("(${…} is literal text here: policy variables need \"Version\": \"2012-10-17\")"), "{}", e.text());
}

#[test]
fn several_conditions_all_hold() {
    let c = r#"{"Bool": {"aws:MultiFactorAuthPresent": "true"}, "StringEquals": {"sts:ExternalId": "x-123"}}"#;
    let (en, linked) = sentence(c, Lang::En, true);
    assert!(
        en.ends_with(
            "only when signed in with MFA (aws:MultiFactorAuthPresent is true) and the external ID (sts:ExternalId) is \"x-123\"."
        ),
        "{en}"
    );
    assert_eq!(linked.len(), 4, "{linked:?}"); // the action, the resource, two conditions
    let (ja, _) = sentence(c, Lang::Ja, true);
    assert!(
        ja.starts_with(
            "MFA でサインインしている (aws:MultiFactorAuthPresent が true)、かつ外部 ID (sts:ExternalId) が \"x-123\" である場合に限り、"
        ),
        "{ja}"
    );
}

fn statement(text: &str, kind: PolicyType, lang: Lang) -> String {
    let e = explain(text, kind, lang, None).unwrap_or_else(|d| panic!("{text}: {d:?}"));
    e.lines_of(LineKind::Statement).map(|l| l.text()).collect::<Vec<_>>().join("\n")
}

#[test]
fn not_action_not_resource_not_principal_and_deny() {
    let p = r#"{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "NotAction": ["iam:*", "sts:GetSessionToken"], "NotResource": "arn:aws:s3:::open/*"}}"#;
    assert_eq!(
        statement(p, PolicyType::Identity, Lang::En),
        "Denies every action except every action of iam (iam:*) and sts:GetSessionToken on every resource except arn:aws:s3:::open/*. An explicit deny overrides any allow."
    );
    assert_eq!(
        statement(p, PolicyType::Identity, Lang::Ja),
        "arn:aws:s3:::open/* 以外のすべてのリソースに対する iam のすべてのアクション (iam:*)、sts:GetSessionToken 以外のすべてのアクションを拒否します。明示的な拒否はあらゆる許可より優先されます。"
    );
    let b = r#"{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "NotPrincipal": {"AWS": ["arn:aws:iam::111111111111:role/reader", "111111111111"]}, "Action": "s3:*", "Resource": "*"}}"#;
    assert_eq!(
        statement(b, PolicyType::Resource, Lang::En),
        "Denies everyone except the role reader of account 111111111111 (any of its sessions) and the account 111111111111 permission to perform every action of s3 (s3:*) on all resources. An explicit deny overrides any allow."
    );
    let t = r#"{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole", "Condition": {"StringNotEquals": {"aws:PrincipalOrgID": "o-abc123"}}}}"#;
    assert_eq!(
        statement(t, PolicyType::Trust, Lang::En),
        "Denies everyone (\"*\": every principal, anonymous ones included) permission to assume this role (sts:AssumeRole), when the caller's organization (aws:PrincipalOrgID) is not \"o-abc123\" (or the request has no aws:PrincipalOrgID). An explicit deny overrides any allow."
    );
    assert_eq!(
        statement(t, PolicyType::Trust, Lang::Ja),
        "呼び出し元の組織 (aws:PrincipalOrgID) が \"o-abc123\" ではない (リクエストに aws:PrincipalOrgID がない場合も含む) 場合、すべてのプリンシパル (\"*\": 匿名のプリンシパルを含む) に対して、このロールを引き受けること (sts:AssumeRole) を拒否します。明示的な拒否はあらゆる許可より優先されます。"
    );
}

#[test]
fn trust_principals_in_words() {
    let t = r#"{"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111111111111:saml-provider/ExampleIdP"}, "Action": "sts:AssumeRoleWithSAML",
       "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}},
      {"Effect": "Allow", "Principal": {"AWS": "arn:aws:sts::222222222222:assumed-role/RoleA/alice"}, "Action": ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"]},
      {"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": "sts:AssumeRoleWithWebIdentity"}]}"#;
    let en = statement(t, PolicyType::Trust, Lang::En);
    assert!(en.contains("Lets users of the SAML identity provider ExampleIdP (account 111111111111) assume this role with a SAML assertion (sts:AssumeRoleWithSAML), only when the SAML assertion's audience (its endpoint URL) (SAML:aud) is \"https://signin.aws.amazon.com/saml\"."), "{en}");
    assert!(en.contains("Lets the session alice of the role RoleA of account 222222222222 assume this role (sts:AssumeRole), pass session tags (sts:TagSession) and set a source identity (sts:SetSourceIdentity)."), "{en}");
    assert!(
        en.contains("Lets users of the web identity provider cognito-identity.amazonaws.com assume this role with a web identity token"),
        "{en}"
    );
    let ja = statement(t, PolicyType::Trust, Lang::Ja);
    assert!(ja.contains("SAML ID プロバイダー ExampleIdP (アカウント 111111111111) のユーザーに、SAML アサーションでこのロールを引き受けること (sts:AssumeRoleWithSAML) を許可します。"), "{ja}");
    assert!(ja.contains("アカウント 222222222222 のロール RoleA のセッション alice に、このロールを引き受けること (sts:AssumeRole)、セッションタグを渡すこと (sts:TagSession)、ソースアイデンティティを設定すること (sts:SetSourceIdentity) を許可します。"), "{ja}");
}
