//! What every finding-family test needs: the catalogue, a statement
//! linted as a policy of a kind, and the both-ways check.
#![allow(dead_code)]

use lint::{lint_policy, FindingType, IssueCode, PolicyContext};
use policy::PolicyType;

pub const AA: &str = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html";

pub fn cat() -> &'static catalogue::Catalogue {
    use std::sync::OnceLock;
    static CAT: OnceLock<catalogue::Catalogue> = OnceLock::new();
    CAT.get_or_init(|| catalogue::Catalogue::parse(include_str!("../../../catalogue/data/catalogue.txt")).unwrap())
}

/// The findings of one statement (wrapped into a policy with a `Version`).
pub fn lint_in(statement: &str, kind: PolicyType, owner: Option<&str>) -> Vec<lint::Finding> {
    let text = format!("{{\"Version\": \"2012-10-17\", \"Statement\": [{statement}]}}");
    lint_policy(&text, kind, cat(), &PolicyContext { owner_account: owner.map(str::to_string) })
}

pub fn codes(statement: &str, kind: PolicyType) -> Vec<IssueCode> {
    lint_in(statement, kind, None).iter().map(|f| f.issue).collect()
}

/// `statement` gets `code` (of type `ty`), and `fixed` does not.
pub fn check(code: IssueCode, ty: FindingType, kind: PolicyType, statement: &str, fixed: &str, cite: &str) {
    let found = lint_in(statement, kind, None);
    let f = found.iter().find(|f| f.issue == code).unwrap_or_else(|| panic!("{code:?} not found in {statement}: {found:#?} ({cite})"));
    assert_eq!(f.finding_type, ty, "{code:?}");
    assert!(!f.message.en.is_empty() && !f.message.ja.is_empty());
    assert!(f.message.ja.chars().any(|c| c > '\u{3000}'), "Japanese message: {}", f.message.ja);
    let after = codes(fixed, kind);
    assert!(!after.contains(&code), "{code:?} still found in {fixed}: {after:?} ({cite})");
}
