//! Unit tests of `condition`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
use super::*;
use crate::diagnostic::{Diagnostic, Severity};
use crate::path::JsonPath;

const PATH: &str = "$.Statement[0].Condition";

pub(super) fn path() -> JsonPath {
    JsonPath::parse(PATH).unwrap()
}

fn parse_text(text: &str) -> (ConditionBlock, Vec<Diagnostic>) {
    let v = crate::json::parse(text).unwrap_or_else(|e| panic!("bad test JSON {text}: {e:?}"));
    let mut diags = Vec::new();
    let b = parse_condition(&v, &path(), true, &mut diags);
    (b, diags)
}

fn block(text: &str) -> ConditionBlock {
    let (b, diags) = parse_text(text);
    let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{text}: {errors:?}");
    b
}

/// `key=value; key2=[a,b]; key3=[]` (brackets: a multivalued key).
fn ctx(spec: &str) -> Context {
    let mut c = Context::new();
    for part in spec.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let (k, v) = part.split_once('=').unwrap();
        if let Some(list) = v.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
            let vs = list.split(',').filter(|s| !s.is_empty()).map(str::to_string).collect();
            c.insert(k, ContextValue::multi(vs));
        } else {
            c.set(k, v);
        }
    }
    c
}

const MFA: &str = r#"{"Bool": {"aws:MultiFactorAuthPresent": "true"}}"#;
const MFA_IF_EXISTS: &str = r#"{"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}"#;
const EXTERNAL_ID: &str = r#"{"StringEquals": {"sts:ExternalId": "Unique-ID-1234"}}"#;
const SOURCE_IP: &str = r#"{"IpAddress": {"aws:SourceIp": ["192.0.2.0/24", "203.0.113.0/24", "2001:DB8:1234:5678::/64"]}}"#;
const NOT_SOURCE_IP: &str = r#"{"NotIpAddress": {"aws:SourceIp": ["192.0.2.0/24", "203.0.113.0/24", "2001:DB8:1234:5678::/64"]}}"#;
const WINDOW: &str = r#"{"DateGreaterThan": {"aws:CurrentTime": "2026-11-01T00:00:00Z"},
                         "DateLessThan": {"aws:CurrentTime": "2026-11-30T23:59:59Z"}}"#;
const TEAM: &str = r#"{"StringEquals": {"aws:ResourceTag/team": "${aws:PrincipalTag/team}"}}"#;
const HOME: &str = r#"{"StringLike": {"s3:prefix": ["", "home/", "home/${aws:username}/*"]}}"#;
const ALL_TAGS: &str = r#"{"ForAllValues:StringEquals": {"aws:TagKeys": ["environment", "cost-center"]}}"#;
const ANY_TAG: &str = r#"{"ForAnyValue:StringEquals": {"aws:TagKeys": ["environment", "cost-center"]}}"#;

#[test]
fn aws_documentation_examples() {
    let cases: &[(&str, &str, bool)] = &[
        // aws:MultiFactorAuthPresent with Bool and BoolIfExists.
        (MFA, "aws:MultiFactorAuthPresent=true", true),
        (MFA, "aws:MultiFactorAuthPresent=TRUE", true),
        (MFA, "aws:MultiFactorAuthPresent=false", false),
        (MFA, "", false),
        (MFA, "aws:MultiFactorAuthPresent=yes", false),
        (r#"{"Bool": {"aws:MultiFactorAuthPresent": true}}"#, "AWS:multifactorauthpresent=true", true),
        (MFA_IF_EXISTS, "", true),
        (MFA_IF_EXISTS, "aws:MultiFactorAuthPresent=false", true),
        (MFA_IF_EXISTS, "aws:MultiFactorAuthPresent=true", false),
        (r#"{"Null": {"aws:MultiFactorAuthPresent": "true"}}"#, "", true),
        (r#"{"Null": {"aws:MultiFactorAuthPresent": "true"}}"#, "aws:MultiFactorAuthPresent=false", false),
        (r#"{"Null": {"aws:MultiFactorAuthPresent": false}}"#, "aws:MultiFactorAuthPresent=false", true),
        (r#"{"Null": {"aws:MultiFactorAuthPresent": false}}"#, "", false),
        (r#"{"Null": {"aws:TagKeys": "true"}}"#, "aws:TagKeys=[]", true),
        (r#"{"Null": {"aws:TagKeys": "false"}}"#, "aws:TagKeys=[a]", true),
        // sts:ExternalId.
        (EXTERNAL_ID, "sts:ExternalId=Unique-ID-1234", true),
        (EXTERNAL_ID, "STS:EXTERNALID=Unique-ID-1234", true),
        (EXTERNAL_ID, "sts:ExternalId=unique-id-1234", false),
        (EXTERNAL_ID, "", false),
        (r#"{"StringEqualsIgnoreCase": {"sts:ExternalId": "Unique-ID-1234"}}"#, "sts:ExternalId=UNIQUE-id-1234", true),
        (r#"{"StringEqualsIgnoreCase": {"sts:ExternalId": "Straße"}}"#, "sts:ExternalId=STRASSE", false),
        (r#"{"StringEqualsIgnoreCase": {"sts:ExternalId": "ÉTÉ"}}"#, "sts:ExternalId=été", true),
        (r#"{"StringNotEqualsIgnoreCase": {"sts:ExternalId": "abc"}}"#, "sts:ExternalId=ABC", false),
        (r#"{"StringNotEquals": {"sts:ExternalId": "Unique-ID-1234"}}"#, "", true),
        (r#"{"StringNotEquals": {"sts:ExternalId": "Unique-ID-1234"}}"#, "sts:ExternalId=Unique-ID-1234", false),
        (r#"{"StringNotEquals": {"sts:ExternalId": "Unique-ID-1234"}}"#, "sts:ExternalId=other", true),
        // aws:SourceIp, IPv4 and IPv6.
        (SOURCE_IP, "aws:SourceIp=203.0.113.7", true),
        (SOURCE_IP, "aws:SourceIp=192.0.2.255", true),
        (SOURCE_IP, "aws:SourceIp=198.51.100.1", false),
        (SOURCE_IP, "aws:SourceIp=2001:db8:1234:5678::99", true),
        (SOURCE_IP, "aws:SourceIp=2001:db8:1234:5679::1", false),
        (SOURCE_IP, "aws:SourceIp=::ffff:203.0.113.9", true),
        (SOURCE_IP, "aws:SourceIp=not-an-ip", false),
        (SOURCE_IP, "", false),
        (NOT_SOURCE_IP, "aws:SourceIp=198.51.100.1", true),
        (NOT_SOURCE_IP, "aws:SourceIp=203.0.113.7", false),
        (NOT_SOURCE_IP, "aws:SourceIp=2001:db8:1234:5678::1", false),
        (NOT_SOURCE_IP, "aws:SourceIp=2001:db8::1", true),
        (NOT_SOURCE_IP, "", true),
        (r#"{"IpAddressIfExists": {"aws:SourceIp": "203.0.113.0/24"}}"#, "", true),
        // aws:CurrentTime window.
        (WINDOW, "aws:CurrentTime=2026-11-22T09:00:00Z", true),
        (WINDOW, "aws:CurrentTime=2026-11-22T18:00:00+09:00", true),
        (WINDOW, "aws:CurrentTime=1795338000", true),
        (WINDOW, "aws:CurrentTime=2026-12-01T00:00:00Z", false),
        (WINDOW, "aws:CurrentTime=2026-10-31T23:59:59Z", false),
        (WINDOW, "aws:CurrentTime=2026-11-01T00:00:00Z", false),
        (WINDOW, "aws:CurrentTime=soon", false),
        (WINDOW, "", false),
        (r#"{"DateLessThanEquals": {"aws:CurrentTime": "2026-11-30"}}"#, "aws:CurrentTime=2026-11-30T00:00:00Z", true),
        (r#"{"DateLessThan": {"aws:CurrentTime": "2026-11-30"}}"#, "aws:CurrentTime=2026-11-30T00:00:00Z", false),
        (r#"{"DateEquals": {"aws:CurrentTime": 1795338000}}"#, "aws:CurrentTime=2026-11-22T09:00:00.5Z", true),
        (r#"{"DateNotEquals": {"aws:CurrentTime": 1795338000}}"#, "aws:CurrentTime=2026-11-22T09:00:00Z", false),
        (r#"{"DateGreaterThanEquals": {"aws:TokenIssueTime": "2026-11-22T09:00Z"}}"#, "aws:TokenIssueTime=2026-11-22T09:00:00Z", true),
        // Policy variables: aws:PrincipalTag/team.
        (TEAM, "aws:PrincipalTag/team=blue; aws:ResourceTag/team=blue", true),
        (TEAM, "aws:PrincipalTag/Team=blue; aws:ResourceTag/TEAM=blue", true),
        (TEAM, "aws:PrincipalTag/team=blue; aws:ResourceTag/team=red", false),
        (TEAM, "aws:ResourceTag/team=blue", false),
        (TEAM, "aws:PrincipalTag/team=blue", false),
        (TEAM, "aws:PrincipalTag/team=*; aws:ResourceTag/team=red", false),
        (
            r#"{"StringNotEquals": {"aws:ResourceTag/team": "${aws:PrincipalTag/team}"}}"#,
            "aws:PrincipalTag/team=blue; aws:ResourceTag/team=red",
            true,
        ),
        (
            r#"{"StringEqualsIgnoreCase": {"aws:ResourceTag/team": "${aws:PrincipalTag/team}"}}"#,
            "aws:PrincipalTag/team=Blue; aws:ResourceTag/team=bLUE",
            true,
        ),
        (HOME, "aws:username=alice; s3:prefix=home/alice/docs", true),
        (HOME, "aws:username=alice; s3:prefix=home/bob/docs", false),
        (HOME, "aws:username=alice; s3:prefix=home/", true),
        (HOME, "aws:username=alice; s3:prefix=", true),
        (HOME, "s3:prefix=home/alice/docs", false),
        // ForAllValues / ForAnyValue with aws:TagKeys.
        (ALL_TAGS, "aws:TagKeys=[environment]", true),
        (ALL_TAGS, "aws:TagKeys=[environment,cost-center]", true),
        (ALL_TAGS, "aws:TagKeys=[environment,owner]", false),
        (ALL_TAGS, "aws:TagKeys=[]", true),
        (ALL_TAGS, "", true),
        (ANY_TAG, "aws:TagKeys=[owner,cost-center]", true),
        (ANY_TAG, "aws:TagKeys=[owner]", false),
        (ANY_TAG, "aws:TagKeys=[]", false),
        (ANY_TAG, "", false),
        (r#"{"ForAnyValue:StringNotEquals": {"aws:TagKeys": "environment"}}"#, "aws:TagKeys=[environment,owner]", true),
        (r#"{"ForAnyValue:StringNotEquals": {"aws:TagKeys": "environment"}}"#, "aws:TagKeys=[environment]", false),
        (r#"{"ForAnyValue:StringNotEquals": {"aws:TagKeys": "environment"}}"#, "", false),
        (r#"{"ForAllValues:StringNotEquals": {"aws:TagKeys": ["a", "b"]}}"#, "aws:TagKeys=[c,d]", true),
        (r#"{"ForAllValues:StringNotEquals": {"aws:TagKeys": ["a", "b"]}}"#, "aws:TagKeys=[c,a]", false),
        (r#"{"ForAllValues:StringLike": {"aws:TagKeys": ["env*", "cost-?"]}}"#, "aws:TagKeys=[environment,cost-1]", true),
        (r#"{"ForAllValues:StringLike": {"aws:TagKeys": ["env*", "cost-?"]}}"#, "aws:TagKeys=[environment,cost-10]", false),
        (r#"{"ForAnyValue:StringEqualsIfExists": {"aws:TagKeys": "a"}}"#, "", false),
        (r#"{"ForAllValues:StringEqualsIfExists": {"aws:TagKeys": "a"}}"#, "", true),
        // Without a qualifier a set behaves like ForAnyValue (none, when negated).
        (r#"{"StringEquals": {"aws:TagKeys": "environment"}}"#, "aws:TagKeys=[owner,environment]", true),
        (r#"{"StringNotEquals": {"aws:TagKeys": "environment"}}"#, "aws:TagKeys=[owner,environment]", false),
        (r#"{"StringNotEquals": {"aws:TagKeys": "environment"}}"#, "aws:TagKeys=[owner]", true),
        // StringLike with `*` and `?`.
        (r#"{"StringLike": {"s3:prefix": "file-?.txt"}}"#, "s3:prefix=file-1.txt", true),
        (r#"{"StringLike": {"s3:prefix": "file-?.txt"}}"#, "s3:prefix=file-10.txt", false),
        (r#"{"StringLike": {"aws:userid": "AIDA*:*"}}"#, "aws:userid=AIDAEXAMPLE:session", true),
        (r#"{"StringNotLike": {"aws:userid": "AIDA*"}}"#, "aws:userid=AROAEXAMPLE:session", true),
        (r#"{"StringNotLike": {"aws:userid": "AIDA*"}}"#, "aws:userid=AIDAEXAMPLE", false),
        (r#"{"StringNotLike": {"aws:userid": "AIDA*"}}"#, "", true),
        (r#"{"StringEquals": {"s3:prefix": "a*"}}"#, "s3:prefix=abc", false),
        (r#"{"StringEquals": {"s3:prefix": "a*"}}"#, "s3:prefix=a*", true),
        // Several keys ANDed, several values ORed.
        (
            r#"{"StringEquals": {"aws:username": "alice", "aws:RequestedRegion": ["us-east-1", "eu-west-1"]}}"#,
            "aws:username=alice; aws:RequestedRegion=eu-west-1",
            true,
        ),
        (
            r#"{"StringEquals": {"aws:username": "alice", "aws:RequestedRegion": ["us-east-1", "eu-west-1"]}}"#,
            "aws:username=alice; aws:RequestedRegion=ap-northeast-1",
            false,
        ),
        (
            r#"{"StringEquals": {"aws:username": "alice"}, "Bool": {"aws:SecureTransport": "true"}}"#,
            "aws:username=alice; aws:SecureTransport=true",
            true,
        ),
        (r#"{"StringEquals": {"aws:username": "alice"}, "Bool": {"aws:SecureTransport": "true"}}"#, "aws:username=alice", false),
        (r#"{"StringNotEquals": {"aws:username": ["alice", "bob"]}}"#, "aws:username=bob", false),
        (r#"{"StringNotEquals": {"aws:username": ["alice", "bob"]}}"#, "aws:username=carol", true),
        ("{}", "", true),
        // Numbers.
        (r#"{"NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}}"#, "aws:MultiFactorAuthAge=120", true),
        (r#"{"NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}}"#, "aws:MultiFactorAuthAge=3600", false),
        (r#"{"NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}}"#, "aws:MultiFactorAuthAge=abc", false),
        (r#"{"NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}}"#, "", false),
        (r#"{"NumericLessThanEquals": {"aws:MultiFactorAuthAge": 3600}}"#, "aws:MultiFactorAuthAge=3600.0", true),
        (r#"{"NumericGreaterThan": {"aws:MultiFactorAuthAge": 3600}}"#, "aws:MultiFactorAuthAge=3600.5", true),
        (r#"{"NumericGreaterThanEquals": {"s3:max-keys": "10"}}"#, "s3:max-keys=9", false),
        (r#"{"NumericEquals": {"s3:max-keys": "10"}}"#, "s3:max-keys=1e1", true),
        (r#"{"NumericNotEquals": {"s3:max-keys": ["10", "20"]}}"#, "s3:max-keys=20", false),
        (r#"{"NumericNotEquals": {"s3:max-keys": ["10", "20"]}}"#, "s3:max-keys=15", true),
        (r#"{"NumericLessThanIfExists": {"aws:MultiFactorAuthAge": 3600}}"#, "", true),
        // ARNs: segment-wise, ArnEquals like ArnLike.
        (
            r#"{"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:123456789012:my-topic"}}"#,
            "aws:SourceArn=arn:aws:sns:us-east-1:123456789012:my-topic",
            true,
        ),
        (
            r#"{"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:123456789012:my-topic"}}"#,
            "aws:SourceArn=arn:aws:sns:us-east-1:111122223333:my-topic",
            false,
        ),
        (
            r#"{"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:123456789012:my-topic"}}"#,
            "aws:SourceArn=arn:aws:sns:us:east:123456789012:my-topic",
            false,
        ),
        (
            r#"{"ArnEquals": {"aws:SourceArn": "arn:aws:sns:*:123456789012:my-topic"}}"#,
            "aws:SourceArn=arn:aws:sns:us-east-1:123456789012:my-topic",
            true,
        ),
        (
            r#"{"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/admin-*"}}"#,
            "aws:PrincipalArn=arn:aws:iam::123456789012:role/admin-ops",
            true,
        ),
        (
            r#"{"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/admin-*"}}"#,
            "aws:PrincipalArn=arn:aws:iam::123456789012:role/dev",
            true,
        ),
        (r#"{"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/admin-*"}}"#, "", true),
        (
            r#"{"ArnNotEquals": {"aws:PrincipalArn": "arn:aws:iam::123456789012:role/admin"}}"#,
            "aws:PrincipalArn=arn:aws:iam::123456789012:role/admin",
            false,
        ),
        (
            r#"{"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::123456789012:user/${aws:username}"}}"#,
            "aws:username=bob; aws:PrincipalArn=arn:aws:iam::123456789012:user/bob",
            true,
        ),
        // Binary.
        (r#"{"BinaryEquals": {"key": "QmluYXJ5VmFsdWVJbkJhc2U2NA=="}}"#, "key=QmluYXJ5VmFsdWVJbkJhc2U2NA==", true),
        (r#"{"BinaryEquals": {"key": "QmluYXJ5VmFsdWVJbkJhc2U2NA=="}}"#, "key=QmluYXJ5", false),
    ];
    for (i, (cond, context, expected)) in cases.iter().enumerate() {
        let b = block(cond);
        let c = ctx(context);
        assert_eq!(b.first_failure(&c).is_none(), *expected, "case {i}: {cond} with `{context}`");
    }
}

#[test]
fn without_variables_dollar_braces_are_text() {
    let v = crate::json::parse(TEAM).unwrap();
    let mut diags = Vec::new();
    let b = parse_condition(&v, &path(), false, &mut diags);
    assert!(diags.is_empty());
    assert!(b.evaluate(&ctx("aws:ResourceTag/team=${aws:PrincipalTag/team}; aws:PrincipalTag/team=x")));
    assert!(!b.evaluate(&ctx("aws:ResourceTag/team=x; aws:PrincipalTag/team=x")));
}

#[test]
fn first_failure_reports_the_entry() {
    let b = block(
        r#"{"StringEquals": {"aws:username": "alice", "aws:RequestedRegion": "us-east-1"}, "Bool": {"aws:SecureTransport": "true"}}"#,
    );
    assert_eq!(b.entries.len(), 3);
    assert_eq!(b.first_failure(&ctx("aws:username=alice; aws:RequestedRegion=us-east-1; aws:SecureTransport=true")), None);
    assert_eq!(b.first_failure(&ctx("aws:username=bob; aws:RequestedRegion=us-east-1")), Some(0));
    assert_eq!(b.first_failure(&ctx("aws:username=alice; aws:RequestedRegion=eu-west-1")), Some(1));
    assert_eq!(b.first_failure(&ctx("aws:username=alice; aws:RequestedRegion=us-east-1")), Some(2));
    let e = &b.entries[2];
    assert_eq!(e.request_values(&ctx("aws:username=alice")), None);
    assert_eq!(e.request_values(&ctx("AWS:SECURETRANSPORT=false")), Some(vec!["false".to_string()]));
    assert!(!b.is_empty());
    assert!(block("{}").is_empty());
}

#[test]
fn entries_keep_text_and_spans() {
    let text = r#"{"ForAnyValue:StringLike": {"aws:TagKeys": ["env*", 42, true]}}"#;
    let b = block(text);
    let e = &b.entries[0];
    assert_eq!(e.operator, Operator { kind: OpKind::StringLike, qualifier: SetQualifier::ForAnyValue, if_exists: false });
    assert_eq!(e.operator_text, "ForAnyValue:StringLike");
    assert_eq!(e.key, "aws:TagKeys");
    assert_eq!(e.key_lc, "aws:tagkeys");
    assert_eq!(e.raw_values, ["env*", "42", "true"]);
    let slice = |s: Span| &text[s.start as usize..s.end as usize];
    assert_eq!(slice(e.operator_span), "\"ForAnyValue:StringLike\"");
    assert_eq!(slice(e.key_span), "\"aws:TagKeys\"");
    assert_eq!(e.value_spans.iter().map(|s| slice(*s)).collect::<Vec<_>>(), ["\"env*\"", "42", "true"]);
    assert_eq!(slice(e.span), r#""aws:TagKeys": ["env*", 42, true]"#);
    assert_eq!(b.span, Span::new(0, text.len() as u32));
}

#[test]
fn operators_parse_case_sensitively() {
    for kind in OpKind::ALL {
        for q in [SetQualifier::None, SetQualifier::ForAllValues, SetQualifier::ForAnyValue] {
            for if_exists in [false, true] {
                let op = Operator { kind, qualifier: q, if_exists };
                let parsed = Operator::parse(&op.name());
                if kind == OpKind::Null && if_exists {
                    assert_eq!(parsed, None);
                } else {
                    assert_eq!(parsed, Some(op), "{}", op.name());
                    assert_eq!(op.to_string(), op.name());
                }
            }
        }
    }
    assert_eq!(
        Operator::parse("ForAllValues:StringLikeIfExists"),
        Some(Operator { kind: OpKind::StringLike, qualifier: SetQualifier::ForAllValues, if_exists: true })
    );
    for bad in [
        "stringequals",
        "StringEqual",
        "forallvalues:StringEquals",
        "ForAllValues:",
        "IfExists",
        "StringEqualsIfexists",
        "NullIfExists",
        "",
        "ForAnyValue:ForAllValues:StringEquals",
        " StringEquals",
    ] {
        assert_eq!(Operator::parse(bad), None, "{bad}");
    }
    assert!(Operator::parse("NotIpAddressIfExists").is_some_and(|o| o.is_negated()));
    assert!(!Operator::parse("IpAddress").is_some_and(|o| o.is_negated()));
    let negated: Vec<_> = OpKind::ALL.iter().filter(|k| k.is_negated()).map(|k| k.name()).collect();
    assert_eq!(
        negated,
        [
            "StringNotEquals",
            "StringNotEqualsIgnoreCase",
            "StringNotLike",
            "NumericNotEquals",
            "DateNotEquals",
            "NotIpAddress",
            "ArnNotEquals",
            "ArnNotLike"
        ]
    );
}

fn errors(text: &str) -> Vec<Diagnostic> {
    parse_text(text).1.into_iter().filter(|d| d.severity == Severity::Error).collect()
}

fn warnings(text: &str) -> Vec<Diagnostic> {
    parse_text(text).1.into_iter().filter(|d| d.severity == Severity::Warning).collect()
}

fn one_error(text: &str) -> Diagnostic {
    let mut es = errors(text);
    assert_eq!(es.len(), 1, "{text}: {es:?}");
    let e = es.remove(0);
    assert_eq!(e.code, crate::diagnostic::MALFORMED);
    e
}

#[test]
fn unknown_operators_suggest_the_right_one() {
    let text = r#"{"StringEqual": {"aws:username": "alice"}}"#;
    let e = one_error(text);
    assert_eq!(e.message, "unknown condition operator `StringEqual`");
    assert_eq!(e.help.as_deref(), Some("did you mean `StringEquals`?"));
    assert_eq!(e.path, "$.Statement[0].Condition.StringEqual");
    assert_eq!(&text[e.span.start as usize..e.span.end as usize], "\"StringEqual\"");
    let help = |op: &str| one_error(&format!(r#"{{"{op}": {{"aws:username": "alice"}}}}"#)).help.unwrap_or_default();
    assert_eq!(help("stringequals"), "did you mean `StringEquals`?");
    assert_eq!(help("ForAllValues:StringEqual"), "did you mean `ForAllValues:StringEquals`?");
    assert_eq!(help("ForAllValue:StringEquals"), "did you mean `ForAllValues:StringEquals`?");
    assert_eq!(help("forAnyValue:stringlike"), "did you mean `ForAnyValue:StringLike`?");
    assert_eq!(help("StringEqualsIfexists"), "did you mean `StringEqualsIfExists`?");
    assert_eq!(help("DateGreaterThanEqual"), "did you mean `DateGreaterThanEquals`?");
    assert_eq!(help("IPAddress"), "did you mean `IpAddress`?");
    assert_eq!(help("ArnLikeIfExist"), "did you mean `ArnLikeIfExists`?");
    assert_eq!(help("NumericLessThanIfExits"), "did you mean `NumericLessThanIfExists`?");
    assert!(help("NullIfExists").contains("cannot take `IfExists`"));
    assert!(help("aws:SourceIp").contains("looks like a condition key"));
    assert!(help("Whatever").contains("condition operators include"));
    let e = one_error(r#"{"ForAllValues:StringEqual": {"aws:TagKeys": "a"}}"#);
    assert_eq!(e.path, r#"$.Statement[0].Condition["ForAllValues:StringEqual"]"#);
}

#[test]
fn structural_errors_have_paths_and_spans() {
    let e = one_error(r#""StringEquals""#);
    assert_eq!((e.path.to_string().as_str(), e.message.as_str()), (PATH, "`Condition` must be an object, not a string"));

    let text = r#"{"StringEquals": "alice"}"#;
    let e = one_error(text);
    assert_eq!(e.path, "$.Statement[0].Condition.StringEquals");
    assert_eq!(e.message, "the value of `StringEquals` must be an object from condition key to value, not a string");
    assert_eq!(&text[e.span.start as usize..e.span.end as usize], "\"alice\"");

    let text = r#"{"StringEquals": {"aws:username": []}}"#;
    let e = one_error(text);
    assert_eq!(e.path, r#"$.Statement[0].Condition.StringEquals["aws:username"]"#);
    assert_eq!(e.message, "the values of `aws:username` are an empty list; give at least one value");
    assert_eq!(&text[e.span.start as usize..e.span.end as usize], "[]");

    let es = errors(r#"{"StringEquals": {"aws:username": ["a", ["b"], {"c": 1}, null]}}"#);
    assert_eq!(es.len(), 3);
    assert_eq!(es[0].path, r#"$.Statement[0].Condition.StringEquals["aws:username"][1]"#);
    assert!(es[0].message.ends_with("not an array"));
    assert!(es[1].message.ends_with("not an object"));
    assert!(es[2].message.ends_with("not null"));
    let e = one_error(r#"{"StringEquals": {"aws:username": {"a": "b"}}}"#);
    assert_eq!(e.path, r#"$.Statement[0].Condition.StringEquals["aws:username"]"#);

    let e = one_error(r#"{"StringEquals": {"": "x"}}"#);
    assert_eq!(e.message, "a condition key cannot be empty");
}

#[test]
fn value_type_errors() {
    let text = r#"{"NumericLessThan": {"aws:MultiFactorAuthAge": ["3600", "abc"]}}"#;
    let e = one_error(text);
    assert_eq!(e.path, r#"$.Statement[0].Condition.NumericLessThan["aws:MultiFactorAuthAge"][1]"#);
    assert_eq!(e.message, "`NumericLessThan` compares numbers, and `abc` is not a number");
    assert_eq!(&text[e.span.start as usize..e.span.end as usize], "\"abc\"");
    for (cond, needle) in [
        (r#"{"NumericEquals": {"k": true}}"#, "`true` is not a number"),
        (r#"{"NumericEquals": {"k": "NaN"}}"#, "`NaN` is not a number"),
        (r#"{"NumericEquals": {"k": " 1"}}"#, "` 1` is not a number"),
        (r#"{"DateGreaterThan": {"aws:CurrentTime": "yesterday"}}"#, "`yesterday` is not a date and time"),
        (r#"{"DateLessThan": {"aws:CurrentTime": "2026-02-30T00:00:00Z"}}"#, "is not a date and time"),
        (r#"{"IpAddress": {"aws:SourceIp": "10.0.0.0/33"}}"#, "the prefix length `33` must be a number from 0 to 32"),
        (r#"{"NotIpAddress": {"aws:SourceIp": "office"}}"#, "`office` is not a valid IP address or CIDR block"),
        (r#"{"Bool": {"aws:SecureTransport": "yes"}}"#, "`Bool` takes `true` or `false`, not `yes`"),
        (r#"{"Bool": {"aws:SecureTransport": 1}}"#, "not `1`"),
        (r#"{"Null": {"aws:TagKeys": "maybe"}}"#, "`Null` takes `true` (the key is absent) or `false` (the key is present), not `maybe`"),
        (r#"{"BinaryEquals": {"k": "not base64!"}}"#, "is not base64"),
        (r#"{"StringEquals": {"aws:username": "${aws:username"}}"#, "invalid policy variable in `${aws:username`"),
        (r#"{"StringLike": {"s3:prefix": "home/${}/x"}}"#, "invalid policy variable"),
        (r#"{"ArnLike": {"aws:SourceArn": "arn:aws:s3:::${"}}"#, "invalid policy variable"),
    ] {
        let e = one_error(cond);
        assert!(e.message.contains(needle), "{cond}: {}", e.message);
        assert!(e.message.chars().next().is_some_and(|c| !c.is_uppercase()), "{}", e.message);
    }
    // A bad value is dropped; the good ones stay, in step with their text.
    let (b, _) = parse_text(r#"{"NumericLessThan": {"k": ["1", "x", 3]}}"#);
    assert_eq!(b.entries[0].values.len(), 2);
    assert_eq!(b.entries[0].raw_values, ["1", "3"]);
    assert_eq!(b.entries[0].value_spans.len(), 2);
}

#[test]
fn valid_conditions_have_no_diagnostics() {
    for text in [MFA, MFA_IF_EXISTS, EXTERNAL_ID, SOURCE_IP, NOT_SOURCE_IP, WINDOW, TEAM, HOME, ALL_TAGS, ANY_TAG, "{}"] {
        let (_, diags) = parse_text(text);
        assert!(diags.is_empty(), "{text}: {diags:?}");
    }
}

#[test]
fn lint_warnings() {
    let ws = warnings(r#"{"StringEquals": {"aws:username": "a"}, "StringEquals": {"aws:username": "b"}}"#);
    assert_eq!(ws.len(), 1);
    assert_eq!(ws[0].code, "duplicate-condition-operator");
    assert_eq!(ws[0].path, "$.Statement[0].Condition.StringEquals");

    let ws = warnings(r#"{"StringEquals": {"aws:username": "a", "AWS:UserName": "b"}}"#);
    assert_eq!(ws.iter().map(|w| w.code).collect::<Vec<_>>(), ["duplicate-condition-key"]);
    assert_eq!(ws[0].path, r#"$.Statement[0].Condition.StringEquals["AWS:UserName"]"#);

    let ws = warnings(r#"{"StringEquals": {"s3:prefix": "home/*"}}"#);
    assert_eq!(ws.iter().map(|w| w.code).collect::<Vec<_>>(), ["wildcard-in-equals"]);
    assert_eq!(ws[0].help.as_deref(), Some("use `StringLike` to match with `*` and `?`"));
    assert!(warnings(r#"{"StringEquals": {"s3:prefix": "home/${*}"}}"#).is_empty());
    assert!(warnings(r#"{"StringLike": {"s3:prefix": "home/*"}}"#).is_empty());

    let ws = warnings(r#"{"ForAllValues:StringEquals": {"aws:username": "alice"}}"#);
    assert_eq!(ws.iter().map(|w| w.code).collect::<Vec<_>>(), ["set-operator-on-single-valued-key"]);
    assert!(ws[0].help.as_deref().unwrap_or_default().contains("use `StringEquals` without the qualifier"));
    let ws = warnings(r#"{"ForAnyValue:StringEquals": {"aws:PrincipalTag/team": "blue"}}"#);
    assert_eq!(ws.iter().map(|w| w.code).collect::<Vec<_>>(), ["set-operator-on-single-valued-key"]);

    let ws = warnings(r#"{"StringEquals": {"aws:TagKeys": "env"}}"#);
    assert_eq!(ws.iter().map(|w| w.code).collect::<Vec<_>>(), ["missing-set-operator"]);
    assert!(warnings(r#"{"Null": {"aws:TagKeys": "true"}}"#).is_empty());

    let ws = warnings(r#"{"StringEquals": {}}"#);
    assert_eq!(ws.iter().map(|w| w.code).collect::<Vec<_>>(), ["empty-condition-operator"]);
    for w in ws {
        assert!(w.message.chars().next().is_some_and(|c| !c.is_uppercase()));
    }
}

#[test]
fn number_grammar() {
    assert_eq!(parse_number("3600"), Some(3600.0));
    assert_eq!(parse_number("-1.5e3"), Some(-1500.0));
    assert_eq!(parse_number("1E+2"), Some(100.0));
    for bad in ["", "-", "+1", ".5", "1.", "1e", "inf", "NaN", "1 ", "0x10", "1e999", "１"] {
        assert_eq!(parse_number(bad), None, "{bad}");
    }
}

#[test]
fn child_paths() {
    assert_eq!(JsonPath::root().key("StringEquals").to_string(), "$.StringEquals");
    assert_eq!(JsonPath::root().key("aws:username").to_string(), r#"$["aws:username"]"#);
    assert_eq!(JsonPath::root().key("a\"b\\c\n").to_string(), r#"$["a\"b\\c\n"]"#);
    assert_eq!(JsonPath::root().key("").to_string(), r#"$[""]"#);
}
