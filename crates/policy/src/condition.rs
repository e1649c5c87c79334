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
        Pattern::compile(text, flavor, fold, variables).map(CondValue::Pattern).map_err(|e| {
            problem(
                format!("invalid policy variable in `{text}`: {}", e.message),
                Some("write variables as `${aws:username}` or `${aws:PrincipalTag/team, 'default'}`"),
            )
        })
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
            problem(
                format!("`{op_text}` compares numbers, and `{text}` is not a number"),
                Some("write a number such as `3600` or `\"3600\"`"),
            )
        }),
        Family::Date(_) => parse_datetime(text).map(CondValue::Date).ok_or_else(|| {
            problem(
                format!("`{op_text}` compares dates, and `{text}` is not a date and time"),
                Some("write an ISO 8601 date and time such as `2026-11-22T09:00:00Z`, a date such as `2026-11-22`, or epoch seconds"),
            )
        }),
        Family::Bool => {
            parse_bool(text).map(CondValue::Bool).ok_or_else(|| problem(format!("`{op_text}` takes `true` or `false`, not `{text}`"), None))
        }
        Family::Null => parse_bool(text).map(CondValue::Bool).ok_or_else(|| {
            problem(format!("`{op_text}` takes `true` (the key is absent) or `false` (the key is present), not `{text}`"), None)
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
#[path = "condition_tests.rs"]
mod tests;
