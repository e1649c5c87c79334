//! The `Condition` element: operators, keys and values, parsed once into
//! typed, precompiled entries, then evaluated against a request [`Context`].
//!
//! ```json
//! "Condition": {
//!   "StringEquals": {"aws:PrincipalTag/team": "${aws:ResourceTag/team}"},
//!   "ForAnyValue:StringLike": {"aws:TagKeys": ["env", "cost-*"]},
//!   "IpAddressIfExists": {"aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"]}
//! }
//! ```
//!
//! Every operator/key pair becomes one [`ConditionEntry`]. Entries are
//! ANDed; the values of one entry are ORed. Semantics follow the IAM User
//! Guide (“condition operators”, “multivalued context keys”):
//!
//! - Keys are looked up case-insensitively; values compare case-sensitively
//!   except for `…IgnoreCase` (and `Bool`, which accepts `True`/`TRUE`).
//! - A key missing from the request (or with no values) makes a positive
//!   operator false and a negated one (`StringNotEquals`, `StringNotLike`,
//!   `NumericNotEquals`, `DateNotEquals`, `NotIpAddress`, `ArnNotEquals`,
//!   `ArnNotLike`, `StringNotEqualsIgnoreCase`) true; `…IfExists` makes it
//!   true; `ForAllValues:` makes it true and `ForAnyValue:` false (the set
//!   qualifier wins over `IfExists`, as AWS evaluates it).
//! - `Null: true` holds when the key is missing, `Null: false` when present.
//! - Without a set qualifier, a positive operator holds when any request
//!   value matches any policy value, a negated one when no request value
//!   matches any policy value. `ForAnyValue:` holds when some request value
//!   matches (for negated operators: matches none of the policy values);
//!   `ForAllValues:` when every request value does.
//! - `ArnEquals` behaves exactly like `ArnLike` (and `ArnNotEquals` like
//!   `ArnNotLike`): wildcards work segment by segment in both, as AWS
//!   documents.
//! - Policy variables (`${aws:username}`) are resolved from the request in
//!   string and ARN values (policy version `2012-10-17` only). With
//!   `StringEqualsIgnoreCase` and a variable, case folding is ASCII only.

use std::fmt;

use crate::context::{Context, ContextValue};
use crate::ip::{parse_ip, Cidr};
use crate::pattern::Pattern;
use crate::span::Span;
use crate::time::parse_datetime;

/// `ForAllValues:` / `ForAnyValue:` in front of an operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum SetQualifier {
    /// No qualifier: the operator compares single values.
    #[default]
    None,
    /// `ForAllValues:`: every request value must match.
    ForAllValues,
    /// `ForAnyValue:`: some request value must match.
    ForAnyValue,
}

impl SetQualifier {
    /// The prefix as written, with its colon (`ForAllValues:`); empty for none.
    pub fn prefix(self) -> &'static str {
        match self {
            SetQualifier::None => "",
            SetQualifier::ForAllValues => "ForAllValues:",
            SetQualifier::ForAnyValue => "ForAnyValue:",
        }
    }
}

/// A condition operator without qualifier and `IfExists`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OpKind {
    /// `StringEquals`.
    StringEquals,
    /// `StringNotEquals`.
    StringNotEquals,
    /// `StringEqualsIgnoreCase`.
    StringEqualsIgnoreCase,
    /// `StringNotEqualsIgnoreCase`.
    StringNotEqualsIgnoreCase,
    /// `StringLike`.
    StringLike,
    /// `StringNotLike`.
    StringNotLike,
    /// `NumericEquals`.
    NumericEquals,
    /// `NumericNotEquals`.
    NumericNotEquals,
    /// `NumericLessThan`.
    NumericLessThan,
    /// `NumericLessThanEquals`.
    NumericLessThanEquals,
    /// `NumericGreaterThan`.
    NumericGreaterThan,
    /// `NumericGreaterThanEquals`.
    NumericGreaterThanEquals,
    /// `DateEquals`.
    DateEquals,
    /// `DateNotEquals`.
    DateNotEquals,
    /// `DateLessThan`.
    DateLessThan,
    /// `DateLessThanEquals`.
    DateLessThanEquals,
    /// `DateGreaterThan`.
    DateGreaterThan,
    /// `DateGreaterThanEquals`.
    DateGreaterThanEquals,
    /// `Bool`.
    Bool,
    /// `BinaryEquals`.
    BinaryEquals,
    /// `IpAddress`.
    IpAddress,
    /// `NotIpAddress`.
    NotIpAddress,
    /// `ArnEquals`.
    ArnEquals,
    /// `ArnLike`.
    ArnLike,
    /// `ArnNotEquals`.
    ArnNotEquals,
    /// `ArnNotLike`.
    ArnNotLike,
    /// `Null`.
    Null,
}

/// How numbers and dates compare (the negated `…NotEquals` use `Eq`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cmp {
    Eq,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Cmp {
    fn holds<T: PartialOrd>(self, request: T, policy: T) -> bool {
        match self {
            Cmp::Eq => request == policy,
            Cmp::Lt => request < policy,
            Cmp::Le => request <= policy,
            Cmp::Gt => request > policy,
            Cmp::Ge => request >= policy,
        }
    }
}

/// What an operator compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    String,
    StringIgnoreCase,
    StringLike,
    Numeric(Cmp),
    Date(Cmp),
    Bool,
    Binary,
    Ip,
    Arn,
    Null,
}

impl OpKind {
    /// Every operator, in the order of the IAM User Guide.
    pub const ALL: [OpKind; 27] = [
        OpKind::StringEquals,
        OpKind::StringNotEquals,
        OpKind::StringEqualsIgnoreCase,
        OpKind::StringNotEqualsIgnoreCase,
        OpKind::StringLike,
        OpKind::StringNotLike,
        OpKind::NumericEquals,
        OpKind::NumericNotEquals,
        OpKind::NumericLessThan,
        OpKind::NumericLessThanEquals,
        OpKind::NumericGreaterThan,
        OpKind::NumericGreaterThanEquals,
        OpKind::DateEquals,
        OpKind::DateNotEquals,
        OpKind::DateLessThan,
        OpKind::DateLessThanEquals,
        OpKind::DateGreaterThan,
        OpKind::DateGreaterThanEquals,
        OpKind::Bool,
        OpKind::BinaryEquals,
        OpKind::IpAddress,
        OpKind::NotIpAddress,
        OpKind::ArnEquals,
        OpKind::ArnLike,
        OpKind::ArnNotEquals,
        OpKind::ArnNotLike,
        OpKind::Null,
    ];

    /// The operator's name as AWS spells it.
    pub fn name(self) -> &'static str {
        match self {
            OpKind::StringEquals => "StringEquals",
            OpKind::StringNotEquals => "StringNotEquals",
            OpKind::StringEqualsIgnoreCase => "StringEqualsIgnoreCase",
            OpKind::StringNotEqualsIgnoreCase => "StringNotEqualsIgnoreCase",
            OpKind::StringLike => "StringLike",
            OpKind::StringNotLike => "StringNotLike",
            OpKind::NumericEquals => "NumericEquals",
            OpKind::NumericNotEquals => "NumericNotEquals",
            OpKind::NumericLessThan => "NumericLessThan",
            OpKind::NumericLessThanEquals => "NumericLessThanEquals",
            OpKind::NumericGreaterThan => "NumericGreaterThan",
            OpKind::NumericGreaterThanEquals => "NumericGreaterThanEquals",
            OpKind::DateEquals => "DateEquals",
            OpKind::DateNotEquals => "DateNotEquals",
            OpKind::DateLessThan => "DateLessThan",
            OpKind::DateLessThanEquals => "DateLessThanEquals",
            OpKind::DateGreaterThan => "DateGreaterThan",
            OpKind::DateGreaterThanEquals => "DateGreaterThanEquals",
            OpKind::Bool => "Bool",
            OpKind::BinaryEquals => "BinaryEquals",
            OpKind::IpAddress => "IpAddress",
            OpKind::NotIpAddress => "NotIpAddress",
            OpKind::ArnEquals => "ArnEquals",
            OpKind::ArnLike => "ArnLike",
            OpKind::ArnNotEquals => "ArnNotEquals",
            OpKind::ArnNotLike => "ArnNotLike",
            OpKind::Null => "Null",
        }
    }

    /// The operator named exactly `name` (case-sensitive).
    pub fn from_name(name: &str) -> Option<OpKind> {
        OpKind::ALL.iter().copied().find(|k| k.name() == name)
    }

    /// Whether the operator holds when the request value matches none of
    /// the policy values (and when the key is missing).
    pub fn is_negated(self) -> bool {
        matches!(
            self,
            OpKind::StringNotEquals
                | OpKind::StringNotEqualsIgnoreCase
                | OpKind::StringNotLike
                | OpKind::NumericNotEquals
                | OpKind::DateNotEquals
                | OpKind::NotIpAddress
                | OpKind::ArnNotEquals
                | OpKind::ArnNotLike
        )
    }

    fn family(self) -> Family {
        use OpKind::*;
        match self {
            StringEquals | StringNotEquals => Family::String,
            StringEqualsIgnoreCase | StringNotEqualsIgnoreCase => Family::StringIgnoreCase,
            StringLike | StringNotLike => Family::StringLike,
            NumericEquals | NumericNotEquals => Family::Numeric(Cmp::Eq),
            NumericLessThan => Family::Numeric(Cmp::Lt),
            NumericLessThanEquals => Family::Numeric(Cmp::Le),
            NumericGreaterThan => Family::Numeric(Cmp::Gt),
            NumericGreaterThanEquals => Family::Numeric(Cmp::Ge),
            DateEquals | DateNotEquals => Family::Date(Cmp::Eq),
            DateLessThan => Family::Date(Cmp::Lt),
            DateLessThanEquals => Family::Date(Cmp::Le),
            DateGreaterThan => Family::Date(Cmp::Gt),
            DateGreaterThanEquals => Family::Date(Cmp::Ge),
            Bool => Family::Bool,
            BinaryEquals => Family::Binary,
            IpAddress | NotIpAddress => Family::Ip,
            ArnEquals | ArnLike | ArnNotEquals | ArnNotLike => Family::Arn,
            Null => Family::Null,
        }
    }
}

/// A full condition operator: `ForAnyValue:StringLikeIfExists`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Operator {
    /// The operator without qualifier and `IfExists`.
    pub kind: OpKind,
    /// `ForAllValues:` / `ForAnyValue:`.
    pub qualifier: SetQualifier,
    /// `…IfExists`.
    pub if_exists: bool,
}

impl Operator {
    /// Parses an operator as written in a policy. Case-sensitive, like AWS:
    /// `ForAllValues:StringLike`, `StringEqualsIfExists`. `Null` cannot
    /// take `IfExists`.
    pub fn parse(text: &str) -> Option<Operator> {
        let (qualifier, rest) = if let Some(r) = text.strip_prefix("ForAllValues:") {
            (SetQualifier::ForAllValues, r)
        } else if let Some(r) = text.strip_prefix("ForAnyValue:") {
            (SetQualifier::ForAnyValue, r)
        } else {
            (SetQualifier::None, text)
        };
        if let Some(kind) = OpKind::from_name(rest) {
            return Some(Operator { kind, qualifier, if_exists: false });
        }
        let kind = OpKind::from_name(rest.strip_suffix("IfExists")?)?;
        (kind != OpKind::Null).then_some(Operator { kind, qualifier, if_exists: true })
    }

    /// Whether the operator holds when no request value matches.
    pub fn is_negated(&self) -> bool {
        self.kind.is_negated()
    }

    /// The operator as AWS spells it, e.g. `ForAnyValue:StringLikeIfExists`.
    pub fn name(&self) -> String {
        format!("{}{}{}", self.qualifier.prefix(), self.kind.name(), if self.if_exists { "IfExists" } else { "" })
    }
}

impl fmt::Display for Operator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

/// One policy value, precompiled for its operator.
#[derive(Clone, Debug)]
pub enum CondValue {
    /// `StringEquals`/`StringNotEquals`: the text; `…IgnoreCase`: the text
    /// lower-cased.
    String(String),
    /// `StringLike`, all `Arn…` operators, and string values with policy
    /// variables.
    Pattern(Pattern),
    /// `Numeric…`.
    Number(f64),
    /// `Date…`: epoch seconds.
    Date(i64),
    /// `Bool`, and `Null` (`true`: the key must be missing).
    Bool(bool),
    /// `IpAddress` / `NotIpAddress`.
    Cidr(Cidr),
    /// `BinaryEquals`: the base64 text.
    Binary(String),
}

/// One operator/key pair of a `Condition` block, with its values.
#[derive(Clone, Debug)]
pub struct ConditionEntry {
    /// The operator, parsed.
    pub(crate) operator: Operator,
    /// The operator as written.
    pub operator_text: String,
    /// Where the operator is written.
    pub operator_span: Span,
    /// The condition key as written.
    pub key: String,
    /// The key lower-cased (context lookups are case-insensitive).
    pub key_lc: String,
    /// Where the key is written.
    pub key_span: Span,
    /// Valid values only, compiled for the operator; `raw_values` and
    /// `value_spans` run in parallel.
    pub(crate) values: Vec<CondValue>,
    /// The values as text (numbers as written, booleans as `true`/`false`).
    pub raw_values: Vec<String>,
    /// Where each value is written.
    pub value_spans: Vec<Span>,
    /// From the key to the end of its value.
    pub span: Span,
}

/// The parsed `Condition` element: entries ANDed together.
#[derive(Clone, Debug, Default)]
pub struct ConditionBlock {
    /// One entry per operator/key pair, in document order.
    pub entries: Vec<ConditionEntry>,
    /// The element's value.
    pub span: Span,
}

impl ConditionBlock {
    /// Whether the statement has no conditions (it then always holds).
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The index of the first entry that does not hold, or `None` when the
    /// whole block holds (an empty block always does).
    pub fn first_failure(&self, ctx: &Context) -> Option<usize> {
        self.entries.iter().position(|e| !e.evaluate(ctx))
    }

    /// Whether every entry holds.
    pub fn evaluate(&self, ctx: &Context) -> bool {
        self.first_failure(ctx).is_none()
    }
}

/// A request value converted once for the operator's family.
enum Req<'a> {
    Text(&'a str),
    Number(Option<f64>),
    Date(Option<i64>),
    Bool(Option<bool>),
    Ip(Option<(bool, u128)>),
}

impl ConditionEntry {
    /// The operator, parsed.
    pub fn operator(&self) -> Operator {
        self.operator
    }

    /// The values as numbers (for `Numeric…`) or epoch seconds (for
    /// `Date…`), in order; `None` for other operators.
    pub fn ordered_values(&self) -> Option<Vec<f64>> {
        match self.operator.kind.family() {
            Family::Numeric(_) | Family::Date(_) => Some(
                self.values
                    .iter()
                    .filter_map(|v| match v {
                        CondValue::Number(n) => Some(*n),
                        CondValue::Date(d) => Some(*d as f64),
                        _ => None,
                    })
                    .collect(),
            ),
            _ => None,
        }
    }

    /// What the request has for this entry's key: `None` when missing.
    fn lookup<'c>(&self, ctx: &'c Context) -> Option<&'c ContextValue> {
        ctx.get_lower(&self.key_lc)
    }

    /// The request's values for the key (`None` when the key is missing),
    /// for explanations.
    pub fn request_values(&self, ctx: &Context) -> Option<Vec<String>> {
        self.lookup(ctx).map(|v| v.values.clone())
    }

    /// Whether this entry holds for the request.
    pub fn evaluate(&self, ctx: &Context) -> bool {
        let op = self.operator;
        let present = self.lookup(ctx).filter(|v| !v.values.is_empty());
        if op.kind == OpKind::Null {
            let missing = present.is_none();
            return self.values.iter().any(|v| matches!(v, CondValue::Bool(b) if *b == missing));
        }
        let Some(req) = present else {
            return match op.qualifier {
                SetQualifier::ForAllValues => true,
                SetQualifier::ForAnyValue => false,
                SetQualifier::None => op.if_exists || op.is_negated(),
            };
        };
        let negated = op.is_negated();
        let matches = |r: &String| self.matches_any(r, ctx);
        match op.qualifier {
            SetQualifier::None => req.values.iter().any(matches) != negated,
            SetQualifier::ForAnyValue => req.values.iter().any(|r| matches(r) != negated),
            SetQualifier::ForAllValues => req.values.iter().all(|r| matches(r) != negated),
        }
    }

    /// Whether one request value matches any policy value, by the positive
    /// form of the operator.
    fn matches_any(&self, r: &str, ctx: &Context) -> bool {
        let family = self.operator.kind.family();
        let req = match family {
            Family::Numeric(_) => Req::Number(parse_number(r)),
            Family::Date(_) => Req::Date(parse_datetime(r)),
            Family::Bool | Family::Null => Req::Bool(parse_bool(r)),
            Family::Ip => Req::Ip(parse_ip(r)),
            _ => Req::Text(r),
        };
        self.values.iter().any(|v| match (v, &req, family) {
            (CondValue::Pattern(p), Req::Text(t), _) => p.is_match(t, ctx),
            (CondValue::String(s), Req::Text(t), Family::StringIgnoreCase) => t.chars().flat_map(char::to_lowercase).eq(s.chars()),
            (CondValue::String(s), Req::Text(t), _) => s == t,
            (CondValue::Binary(s), Req::Text(t), _) => s == t,
            (CondValue::Number(n), Req::Number(Some(x)), Family::Numeric(cmp)) => cmp.holds(*x, *n),
            (CondValue::Date(d), Req::Date(Some(x)), Family::Date(cmp)) => cmp.holds(*x, *d),
            (CondValue::Bool(b), Req::Bool(Some(x)), _) => b == x,
            (CondValue::Cidr(c), Req::Ip(Some((v6, bits))), _) => c.contains_addr(*v6, *bits),
            _ => false,
        })
    }
}

mod number;
mod parse;
pub use number::parse_number;
use parse::parse_bool;
pub use parse::parse_condition;

#[cfg(test)]
mod props;
#[cfg(test)]
mod tests;
