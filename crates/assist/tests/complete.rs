//! Completion at the caret of a half-typed policy, from the IAM catalogue.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use assist::complete::complete;
use catalogue::Catalogue;

fn cat() -> Catalogue {
    Catalogue::parse(include_str!("../../catalogue/data/catalogue.txt")).unwrap()
}

/// The items offered where `|` is (the `|` removed), and the text they replace.
fn at(marked: &str, cat: &Catalogue) -> Option<(String, Vec<String>)> {
    let caret = marked.find('|').unwrap();
    let text = marked.replacen('|', "", 1);
    let c = complete(&text, caret, cat)?;
    Some((text[c.from..caret].to_string(), c.items.into_iter().map(|i| i.insert).collect()))
}

#[test]
fn actions_after_action() {
    let cat = cat();
    let (typed, items) = at(r#"{"Statement": [{"Effect": "Allow", "Action": "sts:AssumeR|"#, &cat).unwrap();
    assert_eq!(typed, "sts:AssumeR");
    assert!(items.contains(&"sts:AssumeRole".to_string()) && items.contains(&"sts:AssumeRoleWithSAML".to_string()), "{items:?}");
    assert!(items.iter().all(|i| i.starts_with("sts:AssumeR")));
    // In a list, and a service prefix first.
    let (_, items) = at(r#"{"Statement": {"Action": ["s3:GetObject", "ss|"]}}"#, &cat).unwrap();
    assert!(items.iter().all(|i| i.starts_with("ss") && i.ends_with(':')), "{items:?}");
    assert!(items.contains(&"ssm:".to_string()));
    // Case is ignored, as IAM ignores it in action names.
    let (_, items) = at(r#"{"Statement": {"Action": "STS:assumerole|"}}"#, &cat).unwrap();
    assert_eq!(items.first().map(String::as_str), Some("sts:AssumeRole"));
}

#[test]
fn operators_and_keys_in_a_condition() {
    let cat = cat();
    let (typed, items) = at(r#"{"Statement": {"Action": "sts:AssumeRole", "Condition": {"StringEq|"#, &cat).unwrap();
    assert_eq!(typed, "StringEq");
    assert!(items.contains(&"StringEquals".to_string()) && items.contains(&"StringEqualsIgnoreCaseIfExists".to_string()));
    let (_, items) = at(r#"{"Statement": {"Condition": {"Bool": {"x": "y"}, "ForAll|"#, &cat).unwrap();
    assert!(items.iter().all(|i| i.starts_with("ForAllValues:")), "{items:?}");
    // Keys: the statement's actions' own keys first, then the global ones.
    let (typed, items) = at(r#"{"Statement": {"Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:Ext|"#, &cat).unwrap();
    assert_eq!(typed, "sts:Ext");
    assert_eq!(items, ["sts:ExternalId"]);
    let (_, items) = at(r#"{"Statement": {"Condition": {"Bool": {"aws:MultiFactorAuthP|"#, &cat).unwrap();
    assert_eq!(items, ["aws:MultiFactorAuthPresent"]);
}

#[test]
fn arn_templates_for_the_statements_actions() {
    let cat = cat();
    let (typed, items) = at(r#"{"Statement": {"Action": "iam:PassRole", "Resource": "arn:aws:iam::|"#, &cat).unwrap();
    assert_eq!(typed, "arn:aws:iam::");
    assert!(items.contains(&"arn:aws:iam::${Account}:role/${RoleNameWithPath}".to_string()), "{items:?}");
    // Nothing is offered where completion knows nothing, nor in a value
    // already closed.
    assert!(at(r#"{"Statement": {"Effect": "Al|"#, &cat).is_none());
    assert!(at(r#"{"Statement": {"Action": "sts:AssumeRole"|"#, &cat).is_none());
    assert!(at(r#"{"Version": "2012|"#, &cat).is_none());
    // An unknown service offers nothing; a caret past the text is refused.
    assert!(at(r#"{"Action": "nosuchservice:Get|"#, &cat).is_none());
    assert!(complete("{}", 99, &cat).is_none());
}

#[test]
fn a_megabyte_before_the_caret_is_read_once() {
    let cat = cat();
    let mut text = String::from(r#"{"Statement": ["#);
    for _ in 0..20_000 {
        text.push_str(r#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},"#);
    }
    text.push_str(r#"{"Action": "sts:AssumeRo|"#);
    let (_, items) = at(&text, &cat).unwrap();
    assert!(items.contains(&"sts:AssumeRole".to_string()));
}
