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
use crate::diagnostic::Diagnostic;
use crate::ip::{parse_ip, Cidr};
use crate::json::{Kind, Value};
use crate::pattern::{Flavor, Pattern};
use crate::span::Span;
use crate::time::parse_datetime;

/// `ForAllValues:` / `ForAnyValue:` in front of an operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum SetQualifier {
    #[default]
    None,
    ForAllValues,
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
    StringEquals,
    StringNotEquals,
    StringEqualsIgnoreCase,
    StringNotEqualsIgnoreCase,
    StringLike,
    StringNotLike,
    NumericEquals,
    NumericNotEquals,
    NumericLessThan,
    NumericLessThanEquals,
    NumericGreaterThan,
    NumericGreaterThanEquals,
    DateEquals,
    DateNotEquals,
    DateLessThan,
    DateLessThanEquals,
    DateGreaterThan,
    DateGreaterThanEquals,
    Bool,
    BinaryEquals,
    IpAddress,
    NotIpAddress,
    ArnEquals,
    ArnLike,
    ArnNotEquals,
    ArnNotLike,
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
    pub kind: OpKind,
    pub qualifier: SetQualifier,
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
    pub operator: Operator,
    /// The operator as written.
    pub operator_text: String,
    pub operator_span: Span,
    /// The condition key as written.
    pub key: String,
    /// The key lower-cased (context lookups are case-insensitive).
    pub key_lc: String,
    pub key_span: Span,
    /// Valid values only; `raw_values` and `value_spans` run in parallel.
    pub values: Vec<CondValue>,
    /// The values as text (numbers as written, booleans as `true`/`false`).
    pub raw_values: Vec<String>,
    pub value_spans: Vec<Span>,
    /// From the key to the end of its value.
    pub span: Span,
}

/// The parsed `Condition` element: entries ANDed together.
#[derive(Clone, Debug, Default)]
pub struct ConditionBlock {
    pub entries: Vec<ConditionEntry>,
    pub span: Span,
}

impl ConditionBlock {
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

/// A decimal number: `-?digits(.digits)?([eE][+-]?digits)?`; no `inf`,
/// `NaN`, `+`, `.5` or spaces.
pub fn parse_number(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    if b.is_empty() || b.len() > 64 {
        return None;
    }
    let mut i = usize::from(b.first() == Some(&b'-'));
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i > start
    };
    if !digits(&mut i) {
        return None;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if !digits(&mut i) {
            return None;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !digits(&mut i) {
            return None;
        }
    }
    if i != b.len() {
        return None;
    }
    s.parse::<f64>().ok().filter(|f| f.is_finite())
}

/// `true` / `false`, any case.
fn parse_bool(s: &str) -> Option<bool> {
    if s.eq_ignore_ascii_case("true") {
        Some(true)
    } else if s.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// Standard base64 (`A–Z a–z 0–9 + /`, up to two `=` of padding at the end).
fn is_base64(s: &str) -> bool {
    let body = s.trim_end_matches('=');
    s.len() - body.len() <= 2 && body.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
}

/// Global keys that always have a single value (a set qualifier on them
/// is a mistake, and `ForAllValues:` on them is true when they are missing).
const SINGLE_VALUED_KEYS: &[&str] = &[
    "aws:currenttime",
    "aws:epochtime",
    "aws:multifactorauthage",
    "aws:multifactorauthpresent",
    "aws:principalaccount",
    "aws:principalarn",
    "aws:principalisawsservice",
    "aws:principalorgid",
    "aws:principaltype",
    "aws:referer",
    "aws:requestedregion",
    "aws:resourceaccount",
    "aws:resourceorgid",
    "aws:securetransport",
    "aws:sourceaccount",
    "aws:sourcearn",
    "aws:sourceip",
    "aws:sourcevpc",
    "aws:sourcevpce",
    "aws:tokenissuetime",
    "aws:useragent",
    "aws:userid",
    "aws:username",
    "aws:viaawsservice",
    "aws:vpcsourceip",
    "sts:externalid",
    "sts:rolesessionname",
    "sts:sourceidentity",
];
const SINGLE_VALUED_PREFIXES: &[&str] = &["aws:principaltag/", "aws:resourcetag/", "aws:requesttag/"];

/// Global keys that hold a set of values.
const MULTI_VALUED_KEYS: &[&str] =
    &["aws:calledvia", "aws:principalorgpaths", "aws:principalservicenameslist", "aws:resourceorgpaths", "aws:tagkeys"];

fn is_single_valued(key_lc: &str) -> bool {
    SINGLE_VALUED_KEYS.contains(&key_lc) || SINGLE_VALUED_PREFIXES.iter().any(|p| key_lc.starts_with(p))
}


use crate::parse::{child, closest};

/// A valid operator close to `text`, for "did you mean".
fn suggest_operator(text: &str) -> Option<String> {
    let (qualifier, rest) = match text.split_once(':') {
        Some((q, r)) => (Some(closest(q, ["ForAllValues", "ForAnyValue"].into_iter())?), r),
        None => (None, text),
    };
    let rest = rest.trim();
    let lower = rest.to_ascii_lowercase();
    // `IfExists`, also misspelled (`IfExist`, `Ifexits`).
    let (base, if_exists) = match lower.rfind("ifex") {
        Some(at) if at > 0 => (rest.get(..at).unwrap_or(rest), true),
        _ => (rest, false),
    };
    let kind = closest(base, OpKind::ALL.iter().map(|k| k.name())).and_then(OpKind::from_name)?;
    if kind == OpKind::Null && if_exists {
        return None;
    }
    let op = Operator {
        kind,
        qualifier: match qualifier {
            Some("ForAllValues") => SetQualifier::ForAllValues,
            Some(_) => SetQualifier::ForAnyValue,
            None => SetQualifier::None,
        },
        if_exists,
    };
    let name = op.name();
    (name != text).then_some(name)
}

/// Why a value does not suit its operator: message and optional help.
struct Problem {
    message: String,
    help: Option<String>,
}

fn problem(message: String, help: Option<&str>) -> Problem {
    Problem { message, help: help.map(str::to_string) }
}

/// Compiles one value (already as text) for `op`.
fn compile_value(op: &Operator, op_text: &str, text: &str, variables: bool) -> Result<CondValue, Problem> {
    let pattern = |flavor: Flavor, fold: bool| {
        Pattern::compile(text, flavor, fold, variables)
            .map(CondValue::Pattern)
            .map_err(|e| problem(format!("invalid policy variable in `{text}`: {}", e.message), Some("write variables as `${aws:username}` or `${aws:PrincipalTag/team, 'default'}`")))
    };
    let has_var = variables && text.contains("${");
    match op.kind.family() {
        Family::String if has_var => pattern(Flavor::Literal, false),
        Family::String => Ok(CondValue::String(text.to_string())),
        Family::StringIgnoreCase if has_var => pattern(Flavor::Literal, true),
        Family::StringIgnoreCase => Ok(CondValue::String(text.chars().flat_map(char::to_lowercase).collect())),
        Family::StringLike => pattern(Flavor::Glob, false),
        Family::Arn => pattern(Flavor::Arn, false),
        Family::Numeric(_) => parse_number(text).map(CondValue::Number).ok_or_else(|| {
            problem(format!("`{op_text}` compares numbers, and `{text}` is not a number"), Some("write a number such as `3600` or `\"3600\"`"))
        }),
        Family::Date(_) => parse_datetime(text).map(CondValue::Date).ok_or_else(|| {
            problem(
                format!("`{op_text}` compares dates, and `{text}` is not a date and time"),
                Some("write an ISO 8601 date and time such as `2026-11-22T09:00:00Z`, a date such as `2026-11-22`, or epoch seconds"),
            )
        }),
        Family::Bool => parse_bool(text)
            .map(CondValue::Bool)
            .ok_or_else(|| problem(format!("`{op_text}` takes `true` or `false`, not `{text}`"), None)),
        Family::Null => parse_bool(text).map(CondValue::Bool).ok_or_else(|| {
            problem(
                format!("`{op_text}` takes `true` (the key is absent) or `false` (the key is present), not `{text}`"),
                None,
            )
        }),
        Family::Binary => {
            if is_base64(text) {
                Ok(CondValue::Binary(text.to_string()))
            } else {
                Err(problem(format!("`{op_text}` compares base64-encoded data, and `{text}` is not base64"), None))
            }
        }
        Family::Ip => Cidr::parse(text).map(CondValue::Cidr).map_err(|e| problem(e, None)),
    }
}

/// Parses a `Condition` element (`value`, at JSON path `path`). Errors and
/// warnings go to `diags`; the block keeps every entry it could read
/// (with only its valid values). `variables`: whether `${…}` in values is
/// a policy variable (policy version `2012-10-17`).
pub fn parse_condition(value: &Value, path: &str, variables: bool, diags: &mut Vec<Diagnostic>) -> ConditionBlock {
    let mut block = ConditionBlock { entries: Vec::new(), span: value.span };
    let Kind::Object(ops) = &value.kind else {
        diags.push(
            Diagnostic::error(path, value.span, format!("`Condition` must be an object, not {}", value.kind_name()))
                .with_help("e.g. \"Condition\": {\"StringEquals\": {\"aws:username\": \"alice\"}}"),
        );
        return block;
    };
    for (i, om) in ops.iter().enumerate() {
        let op_path = child(path, &om.key);
        if ops.iter().take(i).any(|o| o.key == om.key) {
            diags.push(
                Diagnostic::warning(
                    "duplicate-condition-operator",
                    op_path.as_str(),
                    om.key_span,
                    format!("duplicate condition operator `{}`", om.key),
                )
                .with_help("many JSON readers keep only the last one; merge the keys into one block (both are required here)"),
            );
        }
        let Some(op) = Operator::parse(&om.key) else {
            diags.push(unknown_operator(&om.key, &op_path, om.key_span));
            continue;
        };
        let Kind::Object(keys) = &om.value.kind else {
            diags.push(
                Diagnostic::error(
                    op_path.as_str(),
                    om.value.span,
                    format!("the value of `{}` must be an object from condition key to value, not {}", om.key, om.value.kind_name()),
                )
                .with_help(format!("e.g. \"{}\": {{\"aws:username\": \"alice\"}}", om.key)),
            );
            continue;
        };
        if keys.is_empty() {
            diags.push(Diagnostic::warning(
                "empty-condition-operator",
                op_path.as_str(),
                om.value.span,
                format!("`{}` has no condition keys, so it checks nothing", om.key),
            ));
        }
        for (j, km) in keys.iter().enumerate() {
            let key_path = child(&op_path, &km.key);
            let key_lc = km.key.to_ascii_lowercase();
            if keys.iter().take(j).any(|o| o.key.eq_ignore_ascii_case(&km.key)) {
                diags.push(
                    Diagnostic::warning(
                        "duplicate-condition-key",
                        key_path.as_str(),
                        km.key_span,
                        format!("duplicate condition key `{}` under `{}`", km.key, om.key),
                    )
                    .with_help("condition keys are case-insensitive; list all values in one array (both entries are required here)"),
                );
            }
            if km.key.is_empty() {
                diags.push(Diagnostic::error(key_path.as_str(), km.key_span, "a condition key cannot be empty"));
                continue;
            }
            lint_key(&op, &om.key, &km.key, &key_lc, &key_path, km.key_span, diags);
            let mut entry = ConditionEntry {
                operator: op,
                operator_text: om.key.clone(),
                operator_span: om.key_span,
                key: km.key.clone(),
                key_lc,
                key_span: km.key_span,
                values: Vec::new(),
                raw_values: Vec::new(),
                value_spans: Vec::new(),
                span: km.key_span.cover(km.value.span),
            };
            let items: Vec<(&Value, String)> = match &km.value.kind {
                Kind::Array(items) => {
                    if items.is_empty() {
                        diags.push(Diagnostic::error(
                            key_path.as_str(),
                            km.value.span,
                            format!("the values of `{}` are an empty list; give at least one value", km.key),
                        ));
                    }
                    items.iter().enumerate().map(|(k, it)| (it, format!("{key_path}[{k}]"))).collect()
                }
                _ => vec![(&km.value, key_path.clone())],
            };
            for (item, item_path) in items {
                let text = match &item.kind {
                    Kind::String(s) => s.clone(),
                    Kind::Number(raw) => raw.clone(),
                    Kind::Bool(b) => b.to_string(),
                    _ => {
                        diags.push(Diagnostic::error(
                            item_path.as_str(),
                            item.span,
                            format!(
                                "a value of `{}` must be a string, a number or a boolean (or an array of them), not {}",
                                km.key,
                                item.kind_name()
                            ),
                        ));
                        continue;
                    }
                };
                match compile_value(&op, &om.key, &text, variables) {
                    Ok(v) => {
                        lint_value(&op, &om.key, &text, &item_path, item.span, diags);
                        entry.values.push(v);
                        entry.raw_values.push(text);
                        entry.value_spans.push(item.span);
                    }
                    Err(p) => {
                        let mut d = Diagnostic::error(item_path.as_str(), item.span, p.message);
                        d.help = p.help;
                        diags.push(d);
                    }
                }
            }
            block.entries.push(entry);
        }
    }
    block
}

fn unknown_operator(text: &str, path: &str, span: Span) -> Diagnostic {
    let d = Diagnostic::error(path, span, format!("unknown condition operator `{text}`"));
    let base = text.rsplit(':').next().unwrap_or(text);
    if base == "NullIfExists" {
        return d.with_help("`Null` already checks whether the key exists and cannot take `IfExists`; use `Null`");
    }
    if let Some(s) = suggest_operator(text) {
        return d.with_help(format!("did you mean `{s}`?"));
    }
    if text.contains(':') && !text.starts_with("For") {
        return d.with_help(format!(
            "`{text}` looks like a condition key; the operator comes first: \"Condition\": {{\"StringEquals\": {{\"{text}\": \"…\"}}}}"
        ));
    }
    d.with_help("condition operators include `StringEquals`, `StringLike`, `NumericLessThan`, `DateGreaterThan`, `Bool`, `IpAddress`, `ArnLike` and `Null`, optionally with `ForAllValues:`/`ForAnyValue:` in front or `IfExists` after")
}

/// Warnings about the key's valuedness and the operator's qualifier.
fn lint_key(op: &Operator, op_text: &str, key: &str, key_lc: &str, path: &str, span: Span, diags: &mut Vec<Diagnostic>) {
    if op.kind == OpKind::Null {
        return;
    }
    match op.qualifier {
        SetQualifier::None if MULTI_VALUED_KEYS.contains(&key_lc) => diags.push(
            Diagnostic::warning(
                "missing-set-operator",
                path,
                span,
                format!("`{key}` is a multivalued key, but `{op_text}` has no `ForAllValues:` or `ForAnyValue:`"),
            )
            .with_help(format!(
                "write `ForAnyValue:{op_text}` (some request value must match) or `ForAllValues:{op_text}` (every request value must match)"
            )),
        ),
        SetQualifier::ForAllValues | SetQualifier::ForAnyValue if is_single_valued(key_lc) => {
            let mut d = Diagnostic::warning(
                "set-operator-on-single-valued-key",
                path,
                span,
                format!("`{}` is meant for multivalued keys, but `{key}` is single-valued", op.qualifier.prefix()),
            );
            d.help = Some(if op.qualifier == SetQualifier::ForAllValues {
                format!("`ForAllValues:` is also true when `{key}` is missing; use `{}` without the qualifier", strip_qualifier(op))
            } else {
                format!("use `{}` without the qualifier", strip_qualifier(op))
            });
            diags.push(d);
        }
        _ => {}
    }
}

fn strip_qualifier(op: &Operator) -> String {
    Operator { qualifier: SetQualifier::None, ..*op }.name()
}

/// Warnings about a valid value.
fn lint_value(op: &Operator, op_text: &str, text: &str, path: &str, span: Span, diags: &mut Vec<Diagnostic>) {
    let family = op.kind.family();
    if matches!(family, Family::String | Family::StringIgnoreCase) && text.replace("${*}", "").contains('*') {
        let like = if op.is_negated() { "StringNotLike" } else { "StringLike" };
        diags.push(
            Diagnostic::warning(
                "wildcard-in-equals",
                path,
                span,
                format!("`{op_text}` compares text exactly, so `*` in `{text}` is not a wildcard"),
            )
            .with_help(format!("use `{like}` to match with `*` and `?`")),
        );
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use proptest::prelude::*;

    const PATH: &str = "$.Statement[0].Condition";

    fn parse_text(text: &str) -> (ConditionBlock, Vec<Diagnostic>) {
        let v = crate::json::parse(text).unwrap_or_else(|e| panic!("bad test JSON {text}: {e:?}"));
        let mut diags = Vec::new();
        let b = parse_condition(&v, PATH, true, &mut diags);
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
            (r#"{"StringNotEquals": {"aws:ResourceTag/team": "${aws:PrincipalTag/team}"}}"#, "aws:PrincipalTag/team=blue; aws:ResourceTag/team=red", true),
            (r#"{"StringEqualsIgnoreCase": {"aws:ResourceTag/team": "${aws:PrincipalTag/team}"}}"#, "aws:PrincipalTag/team=Blue; aws:ResourceTag/team=bLUE", true),
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
            (r#"{"StringEquals": {"aws:username": "alice", "aws:RequestedRegion": ["us-east-1", "eu-west-1"]}}"#, "aws:username=alice; aws:RequestedRegion=eu-west-1", true),
            (r#"{"StringEquals": {"aws:username": "alice", "aws:RequestedRegion": ["us-east-1", "eu-west-1"]}}"#, "aws:username=alice; aws:RequestedRegion=ap-northeast-1", false),
            (r#"{"StringEquals": {"aws:username": "alice"}, "Bool": {"aws:SecureTransport": "true"}}"#, "aws:username=alice; aws:SecureTransport=true", true),
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
            (r#"{"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:123456789012:my-topic"}}"#, "aws:SourceArn=arn:aws:sns:us-east-1:123456789012:my-topic", true),
            (r#"{"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:123456789012:my-topic"}}"#, "aws:SourceArn=arn:aws:sns:us-east-1:111122223333:my-topic", false),
            (r#"{"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:123456789012:my-topic"}}"#, "aws:SourceArn=arn:aws:sns:us:east:123456789012:my-topic", false),
            (r#"{"ArnEquals": {"aws:SourceArn": "arn:aws:sns:*:123456789012:my-topic"}}"#, "aws:SourceArn=arn:aws:sns:us-east-1:123456789012:my-topic", true),
            (r#"{"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/admin-*"}}"#, "aws:PrincipalArn=arn:aws:iam::123456789012:role/admin-ops", true),
            (r#"{"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/admin-*"}}"#, "aws:PrincipalArn=arn:aws:iam::123456789012:role/dev", true),
            (r#"{"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/admin-*"}}"#, "", true),
            (r#"{"ArnNotEquals": {"aws:PrincipalArn": "arn:aws:iam::123456789012:role/admin"}}"#, "aws:PrincipalArn=arn:aws:iam::123456789012:role/admin", false),
            (r#"{"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::123456789012:user/${aws:username}"}}"#, "aws:username=bob; aws:PrincipalArn=arn:aws:iam::123456789012:user/bob", true),
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
        let b = parse_condition(&v, PATH, false, &mut diags);
        assert!(diags.is_empty());
        assert!(b.evaluate(&ctx("aws:ResourceTag/team=${aws:PrincipalTag/team}; aws:PrincipalTag/team=x")));
        assert!(!b.evaluate(&ctx("aws:ResourceTag/team=x; aws:PrincipalTag/team=x")));
    }

    #[test]
    fn first_failure_reports_the_entry() {
        let b = block(r#"{"StringEquals": {"aws:username": "alice", "aws:RequestedRegion": "us-east-1"}, "Bool": {"aws:SecureTransport": "true"}}"#);
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
        for bad in ["stringequals", "StringEqual", "forallvalues:StringEquals", "ForAllValues:", "IfExists", "StringEqualsIfexists", "NullIfExists", "", "ForAnyValue:ForAllValues:StringEquals", " StringEquals"] {
            assert_eq!(Operator::parse(bad), None, "{bad}");
        }
        assert!(Operator::parse("NotIpAddressIfExists").is_some_and(|o| o.is_negated()));
        assert!(!Operator::parse("IpAddress").is_some_and(|o| o.is_negated()));
        let negated: Vec<_> = OpKind::ALL.iter().filter(|k| k.is_negated()).map(|k| k.name()).collect();
        assert_eq!(
            negated,
            ["StringNotEquals", "StringNotEqualsIgnoreCase", "StringNotLike", "NumericNotEquals", "DateNotEquals", "NotIpAddress", "ArnNotEquals", "ArnNotLike"]
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
        assert_eq!((e.path.as_str(), e.message.as_str()), (PATH, "`Condition` must be an object, not a string"));

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
        assert_eq!(child("$", "StringEquals"), "$.StringEquals");
        assert_eq!(child("$", "aws:username"), r#"$["aws:username"]"#);
        assert_eq!(child("$", "a\"b\\c\n"), r#"$["a\"b\\c\n"]"#);
        assert_eq!(child("$", ""), r#"$[""]"#);
    }

    // --- properties ---------------------------------------------------

    fn v(kind: Kind) -> Value {
        Value { kind, span: Span::default() }
    }

    fn member(key: String, value: Value) -> crate::json::Member {
        crate::json::Member { key, key_span: Span::default(), value }
    }

    fn arb_scalar() -> impl Strategy<Value = Value> {
        prop_oneof![
            "\\PC{0,24}".prop_map(|s| v(Kind::String(s))),
            prop::sample::select(vec![
                "true", "false", "TRUE", "3600", "-1.5e3", "2026-11-22T09:00:00Z", "2026-11-22", "1795338000",
                "203.0.113.0/24", "::ffff:1.2.3.4", "2001:db8::/32", "arn:aws:iam::*:role/*", "${aws:username}",
                "${aws:PrincipalTag/team, 'x'}", "home/${aws:username}/*", "*", "?", "${", "", "QUJD",
            ])
            .prop_map(|s| v(Kind::String(s.to_string()))),
            "-?[0-9]{1,20}(\\.[0-9]{0,5})?(e-?[0-9]{1,4})?".prop_map(|s| v(Kind::Number(s))),
            any::<bool>().prop_map(|b| v(Kind::Bool(b))),
            Just(v(Kind::Null)),
        ]
    }

    fn arb_values() -> impl Strategy<Value = Value> {
        prop_oneof![
            arb_scalar(),
            prop::collection::vec(arb_scalar(), 0..4).prop_map(|a| v(Kind::Array(a))),
            prop::collection::vec(prop::collection::vec(arb_scalar(), 0..2).prop_map(|a| v(Kind::Array(a))), 0..2)
                .prop_map(|a| v(Kind::Array(a))),
            Just(v(Kind::Object(Vec::new()))),
        ]
    }

    fn arb_operator() -> impl Strategy<Value = String> {
        let known = (prop::sample::select(OpKind::ALL.to_vec()), 0..3usize, any::<bool>()).prop_map(|(k, q, ie)| {
            let q = ["", "ForAllValues:", "ForAnyValue:"][q];
            format!("{q}{}{}", k.name(), if ie { "IfExists" } else { "" })
        });
        prop_oneof![4 => known, 1 => "\\PC{0,30}"]
    }

    fn arb_condition() -> impl Strategy<Value = Value> {
        let keys = prop_oneof![
            prop::sample::select(vec!["aws:username", "aws:TagKeys", "aws:SourceIp", "aws:CurrentTime", "k", ""]).prop_map(str::to_string),
            "\\PC{0,12}",
        ];
        let entry = (keys, arb_values()).prop_map(|(k, val)| member(k, val));
        let op = (arb_operator(), prop_oneof![
            4 => prop::collection::vec(entry, 0..3).prop_map(|ms| v(Kind::Object(ms))),
            1 => arb_values(),
        ])
        .prop_map(|(k, val)| member(k, val));
        prop_oneof![
            8 => prop::collection::vec(op, 0..4).prop_map(|ms| v(Kind::Object(ms))),
            1 => arb_values(),
        ]
    }

    fn arb_context() -> impl Strategy<Value = Context> {
        let value = prop_oneof![
            "\\PC{0,16}",
            prop::sample::select(vec!["alice", "true", "3600", "2026-11-22T09:00:00Z", "203.0.113.9", "2001:db8::1", "arn:aws:iam::123456789012:role/x"])
                .prop_map(str::to_string),
        ];
        let key = prop::sample::select(vec!["aws:username", "AWS:TagKeys", "aws:SourceIp", "aws:currenttime", "k", ""]);
        prop::collection::vec((key, prop::collection::vec(value, 0..3), any::<bool>()), 0..4).prop_map(|entries| {
            let mut c = Context::new();
            for (k, vs, multi) in entries {
                c.insert(k, ContextValue { values: vs, multi });
            }
            c
        })
    }

    proptest! {
        #[test]
        fn never_panics_on_arbitrary_conditions(cond in arb_condition(), c in arb_context(), variables in any::<bool>()) {
            let mut diags = Vec::new();
            let b = parse_condition(&cond, PATH, variables, &mut diags);
            let _ = b.first_failure(&c);
            for e in &b.entries {
                prop_assert_eq!(e.values.len(), e.raw_values.len());
                prop_assert_eq!(e.values.len(), e.value_spans.len());
                let _ = e.request_values(&c);
            }
            for d in &diags {
                prop_assert!(!d.message.is_empty() && d.path.starts_with(PATH));
            }
        }

        #[test]
        fn never_panics_on_operator_text(s in "\\PC{0,60}") {
            let _ = Operator::parse(&s);
            let _ = suggest_operator(&s);
            let _ = unknown_operator(&s, PATH, Span::default());
        }

        /// With the key present and no qualifier, a negated operator is
        /// exactly the opposite of its positive form.
        #[test]
        fn negation_is_complement(
            pair in prop::sample::select(vec![
                ("StringEquals", "StringNotEquals"), ("StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase"),
                ("StringLike", "StringNotLike"), ("NumericEquals", "NumericNotEquals"), ("DateEquals", "DateNotEquals"),
                ("IpAddress", "NotIpAddress"), ("ArnLike", "ArnNotLike"), ("ArnEquals", "ArnNotEquals"),
            ]),
            vals in prop::collection::vec(prop::sample::select(vec!["a", "A*", "1", "2026-11-22", "10.0.0.0/8", "arn:aws:s3:::*", "${aws:username}"]), 1..3),
            req in prop::collection::vec(prop::sample::select(vec!["a", "Ab", "1", "1.0", "2026-11-22T00:00:00Z", "10.1.2.3", "arn:aws:s3:::b", "x"]), 1..3),
            multi in any::<bool>(),
        ) {
            let mk = |op: &str| {
                let vals = vals.iter().map(|s| v(Kind::String(s.to_string()))).collect();
                let cond = v(Kind::Object(vec![member(op.to_string(), v(Kind::Object(vec![member("k".into(), v(Kind::Array(vals)))])))]));
                parse_condition(&cond, PATH, true, &mut Vec::new())
            };
            let mut c = Context::new();
            c.insert("k", ContextValue { values: req.iter().map(|s| s.to_string()).collect(), multi });
            c.set("aws:username", "a");
            let (pos, neg) = (mk(pair.0), mk(pair.1));
            // Only compare when every value compiled for both.
            if pos.entries[0].values.len() == vals.len() && neg.entries[0].values.len() == vals.len() {
                prop_assert_eq!(pos.evaluate(&c), !neg.evaluate(&c));
            }
        }
    }
}
