//! A condition entry as the test it makes: which family of operator, which
//! comparison, negated or not, `…IfExists`, `ForAllValues:`/`ForAnyValue:`.
//!
//! The operator is read from its text, which the policy parser has already
//! accepted (`policy` keeps its parsed operator crate-private), with the same
//! grammar: an optional set qualifier, the operator name, an optional
//! `IfExists` (never on `Null`).

use policy::{ConditionEntry, Span};

/// How numbers and dates compare.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Cmp {
    Eq,
    Lt,
    Le,
    Gt,
    Ge,
}

/// What an operator compares, and how.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Op {
    /// `StringEquals`, `StringNotEquals`.
    Str,
    /// `StringEqualsIgnoreCase`, `StringNotEqualsIgnoreCase`.
    StrIgnoreCase,
    /// `StringLike`, `StringNotLike`.
    Like,
    /// `Numeric…`.
    Num(Cmp),
    /// `Date…`.
    Date(Cmp),
    /// `Bool`.
    Bool,
    /// `BinaryEquals`.
    Binary,
    /// `IpAddress`, `NotIpAddress`.
    Ip,
    /// `ArnEquals`, `ArnLike`, `ArnNotEquals`, `ArnNotLike`.
    Arn,
    /// `Null`.
    Null,
}

/// `ForAllValues:` / `ForAnyValue:`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Set {
    None,
    All,
    Any,
}

/// A parsed operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Operator {
    pub op: Op,
    /// Holds when no request value matches (`StringNotEquals`, `NotIpAddress`, …).
    pub negated: bool,
    pub if_exists: bool,
    pub set: Set,
}

const NAMES: &[(&str, Op, bool)] = &[
    ("StringEquals", Op::Str, false),
    ("StringNotEquals", Op::Str, true),
    ("StringEqualsIgnoreCase", Op::StrIgnoreCase, false),
    ("StringNotEqualsIgnoreCase", Op::StrIgnoreCase, true),
    ("StringLike", Op::Like, false),
    ("StringNotLike", Op::Like, true),
    ("NumericEquals", Op::Num(Cmp::Eq), false),
    ("NumericNotEquals", Op::Num(Cmp::Eq), true),
    ("NumericLessThan", Op::Num(Cmp::Lt), false),
    ("NumericLessThanEquals", Op::Num(Cmp::Le), false),
    ("NumericGreaterThan", Op::Num(Cmp::Gt), false),
    ("NumericGreaterThanEquals", Op::Num(Cmp::Ge), false),
    ("DateEquals", Op::Date(Cmp::Eq), false),
    ("DateNotEquals", Op::Date(Cmp::Eq), true),
    ("DateLessThan", Op::Date(Cmp::Lt), false),
    ("DateLessThanEquals", Op::Date(Cmp::Le), false),
    ("DateGreaterThan", Op::Date(Cmp::Gt), false),
    ("DateGreaterThanEquals", Op::Date(Cmp::Ge), false),
    ("Bool", Op::Bool, false),
    ("BinaryEquals", Op::Binary, false),
    ("IpAddress", Op::Ip, false),
    ("NotIpAddress", Op::Ip, true),
    ("ArnEquals", Op::Arn, false),
    ("ArnLike", Op::Arn, false),
    ("ArnNotEquals", Op::Arn, true),
    ("ArnNotLike", Op::Arn, true),
    ("Null", Op::Null, false),
];

impl Operator {
    /// Reads an operator as written (`ForAnyValue:StringLikeIfExists`).
    pub(crate) fn parse(text: &str) -> Option<Operator> {
        let (set, rest) = if let Some(r) = text.strip_prefix("ForAllValues:") {
            (Set::All, r)
        } else if let Some(r) = text.strip_prefix("ForAnyValue:") {
            (Set::Any, r)
        } else {
            (Set::None, text)
        };
        let find = |name: &str| NAMES.iter().find(|(n, _, _)| *n == name).map(|(_, op, neg)| (*op, *neg));
        if let Some((op, negated)) = find(rest) {
            return Some(Operator { op, negated, if_exists: false, set });
        }
        let (op, negated) = find(rest.strip_suffix("IfExists")?)?;
        (op != Op::Null).then_some(Operator { op, negated, if_exists: true, set })
    }

    /// Whether the condition holds for a request without the key: the
    /// IAM User Guide's rules (a negated operator, `…IfExists` and
    /// `ForAllValues:` hold; the set qualifier decides before `IfExists`).
    pub(crate) fn holds_without_key(self) -> bool {
        match (self.op, self.set) {
            (Op::Null, _) => false,
            (_, Set::All) => true,
            (_, Set::Any) => false,
            (_, Set::None) => self.if_exists || self.negated,
        }
    }
}

/// One condition entry, ready to be put in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Cond {
    pub key: String,
    pub operator: Operator,
    /// The operator as written, when it did not parse (never for a policy
    /// the parser accepted).
    pub unknown_operator: Option<String>,
    pub values: Vec<String>,
    /// `${…}` in values are policy variables (`Version` `2012-10-17`).
    pub variables: bool,
    pub span: Span,
}

impl Cond {
    pub(crate) fn of(e: &ConditionEntry, variables: bool) -> Cond {
        let parsed = Operator::parse(&e.operator_text);
        Cond {
            key: e.key.clone(),
            operator: parsed.unwrap_or(Operator { op: Op::Str, negated: false, if_exists: false, set: Set::None }),
            unknown_operator: parsed.is_none().then(|| e.operator_text.clone()),
            values: e.raw_values.clone(),
            variables,
            span: e.span,
        }
    }

    /// Whether a value holds a policy variable.
    pub(crate) fn has_variable(&self, v: &str) -> bool {
        self.variables && has_variable(v)
    }
}

/// Whether `s` holds `${…}` (not counting the escapes `${*}`, `${?}`, `${$}`).
pub(crate) fn has_variable(s: &str) -> bool {
    !variables(s).is_empty()
}

/// The policy variables in `s`, as written (`${aws:username}`), without
/// repeats and without the escapes `${*}`, `${?}`, `${$}`.
pub(crate) fn variables(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find("${") {
        let from = rest.get(i..).unwrap_or_default();
        let Some(end) = from.find('}') else { break };
        let var = from.get(..=end).unwrap_or_default();
        let name = var.get(2..var.len().saturating_sub(1)).unwrap_or_default();
        if !matches!(name, "*" | "?" | "$" | "") && !out.contains(&var) {
            out.push(var);
        }
        rest = from.get(end + 1..).unwrap_or_default();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_parse_like_the_policy_grammar() {
        let op = |s: &str| Operator::parse(s);
        assert_eq!(op("StringEquals"), Some(Operator { op: Op::Str, negated: false, if_exists: false, set: Set::None }));
        assert_eq!(op("ForAnyValue:StringNotLikeIfExists"), Some(Operator { op: Op::Like, negated: true, if_exists: true, set: Set::Any }));
        assert_eq!(op("DateLessThanEquals").map(|o| o.op), Some(Op::Date(Cmp::Le)));
        assert_eq!(op("NotIpAddressIfExists").map(|o| (o.op, o.negated, o.if_exists)), Some((Op::Ip, true, true)));
        assert_eq!(op("NullIfExists"), None);
        assert_eq!(op("stringequals"), None);
        assert_eq!(op("ForAllValues:"), None);
    }

    #[test]
    fn which_conditions_hold_without_their_key() {
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html:
        // "If the key that you specify
        // in a policy condition is not present in the request context, the
        // values do not match and the condition is false. If the policy
        // condition requires that the key is not matched, such as
        // StringNotLike or ArnNotLike, and the right key is not present, the
        // condition is true."
        let holds = |s: &str| Operator::parse(s).map(Operator::holds_without_key);
        assert_eq!(holds("StringEquals"), Some(false));
        assert_eq!(holds("StringNotLike"), Some(true));
        assert_eq!(holds("ArnNotLike"), Some(true));
        assert_eq!(holds("StringEqualsIfExists"), Some(true));
        assert_eq!(holds("ForAllValues:StringEquals"), Some(true));
        assert_eq!(holds("ForAnyValue:StringEqualsIfExists"), Some(false));
        assert_eq!(holds("Null"), Some(false));
    }

    #[test]
    fn variables_are_dollar_braces_but_not_the_escapes() {
        assert!(has_variable("arn:aws:s3:::b/${aws:username}/*"));
        assert!(!has_variable("literal ${*} and ${?} and ${$}"));
        assert!(!has_variable("no ${ end"));
        assert!(!has_variable("plain"));
        assert_eq!(variables("${aws:username}/x/${aws:username}/${aws:userid}"), ["${aws:username}", "${aws:userid}"]);
    }
}
