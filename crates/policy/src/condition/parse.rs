//! Reading a `Condition` element: operators, keys and values are checked
//! and compiled once into [`ConditionEntry`]s; problems become diagnostics
//! (errors AWS rejects, warnings for what is legal but likely a mistake).

use std::collections::BTreeMap;

use super::*;
use crate::diagnostic::{Diagnostic, MAX_DIAGNOSTICS};
use crate::fuzzy::closest;
use crate::ip::Cidr;
use crate::issue::IssueCode;
use crate::json::{Kind, Value};
use crate::path::JsonPath;
use crate::pattern::{Flavor, Pattern};
use crate::span::Span;
use crate::time::parse_datetime;

use super::number::parse_number;

/// `true` / `false`, any case.
pub(super) fn parse_bool(s: &str) -> Option<bool> {
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

/// A valid operator close to `text`, for "did you mean".
pub(super) fn suggest_operator(text: &str) -> Option<String> {
    let (qualifier, rest) = match text.split_once(':') {
        Some((q, r)) => (Some(closest(q, ["ForAllValues", "ForAnyValue"])?), r),
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
    issue: IssueCode,
    message: String,
    help: Option<String>,
}

fn problem(issue: IssueCode, message: String, help: Option<&str>) -> Problem {
    Problem { issue, message, help: help.map(str::to_string) }
}

/// Compiles one value (already as text) for `op`.
fn compile_value(op: &Operator, op_text: &str, text: &str, variables: bool) -> Result<CondValue, Problem> {
    let pattern = |flavor: Flavor, fold: bool| {
        Pattern::compile(text, flavor, fold, variables).map(CondValue::Pattern).map_err(|e| {
            problem(
                IssueCode::InvalidPolicyVariable,
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
                IssueCode::TypeMismatchNumber,
                format!("`{op_text}` compares numbers, and `{text}` is not a number"),
                Some("write a number such as `3600` or `\"3600\"`"),
            )
        }),
        Family::Date(_) => parse_datetime(text).map(CondValue::Date).ok_or_else(|| {
            problem(
                IssueCode::TypeMismatchDate,
                format!("`{op_text}` compares dates, and `{text}` is not a date and time"),
                Some("write an ISO 8601 date and time such as `2026-11-22T09:00:00Z`, a date such as `2026-11-22`, or epoch seconds"),
            )
        }),
        Family::Bool => parse_bool(text)
            .map(CondValue::Bool)
            .ok_or_else(|| problem(IssueCode::TypeMismatchBoolean, format!("`{op_text}` takes `true` or `false`, not `{text}`"), None)),
        Family::Null => parse_bool(text).map(CondValue::Bool).ok_or_else(|| {
            problem(
                IssueCode::TypeMismatchBoolean,
                format!("`{op_text}` takes `true` (the key is absent) or `false` (the key is present), not `{text}`"),
                None,
            )
        }),
        Family::Binary => {
            if is_base64(text) {
                Ok(CondValue::Binary(text.to_string()))
            } else {
                Err(problem(
                    IssueCode::TypeMismatchString,
                    format!("`{op_text}` compares base64-encoded data, and `{text}` is not base64"),
                    None,
                ))
            }
        }
        Family::Ip => Cidr::parse(text).map(CondValue::Cidr).map_err(|e| problem(IssueCode::TypeMismatchIpRange, e, None)),
    }
}

/// Parses a `Condition` element (`value`, at JSON path `path`). Errors and
/// warnings go to `diags`; the block keeps every entry it could read
/// (with only its valid values). `variables`: whether `${…}` in values is
/// a policy variable (policy version `2012-10-17`).
pub fn parse_condition(value: &Value, path: &JsonPath, variables: bool, diags: &mut Vec<Diagnostic>) -> ConditionBlock {
    let mut block = ConditionBlock { entries: Vec::new(), span: value.span };
    let Kind::Object(ops) = &value.kind else {
        diags.push(
            Diagnostic::error(
                IssueCode::DataTypeMismatch,
                path,
                value.span,
                format!("`Condition` must be an object, not {}", value.kind_name()),
            )
            .with_help("e.g. \"Condition\": {\"StringEquals\": {\"aws:username\": \"alice\"}}"),
        );
        return block;
    };
    let mut seen_ops: BTreeMap<String, usize> = BTreeMap::new();
    for om in ops {
        let op_path = path.key(&om.key);
        if seen_ops.insert(om.key.clone(), 0).is_some() {
            diags.push(
                Diagnostic::warning(
                    "duplicate-condition-operator",
                    IssueCode::DuplicateConditionOperator,
                    &op_path,
                    om.key_span,
                    format!("duplicate condition operator `{}`", om.key),
                )
                .with_help("many JSON readers keep only the last one; merge the keys into one block (both are required here)"),
            );
        }
        let Some(op) = Operator::parse(&om.key) else {
            // "Did you mean" only while the diagnostics are still listed.
            diags.push(if diags.len() < MAX_DIAGNOSTICS {
                unknown_operator(&om.key, &op_path, om.key_span)
            } else {
                Diagnostic::error(
                    IssueCode::InvalidConditionOperator,
                    &op_path,
                    om.key_span,
                    format!("unknown condition operator `{}`", om.key),
                )
            });
            continue;
        };
        let Kind::Object(keys) = &om.value.kind else {
            diags.push(
                Diagnostic::error(
                    IssueCode::DataTypeMismatch,
                    &op_path,
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
                IssueCode::EmptyObjectCondition,
                &op_path,
                om.value.span,
                format!("`{}` has no condition keys, so it checks nothing", om.key),
            ));
        }
        let lower: Vec<String> = keys.iter().map(|k| k.key.to_ascii_lowercase()).collect();
        let mut seen_keys: BTreeMap<String, usize> = BTreeMap::new();
        for (km, lc) in keys.iter().zip(&lower) {
            let key_path = op_path.key(&km.key);
            let key_lc = lc.clone();
            if seen_keys.insert(lc.clone(), 0).is_some() {
                diags.push(
                    Diagnostic::warning(
                        "duplicate-condition-key",
                        IssueCode::DuplicateKeysWithDifferentCase,
                        &key_path,
                        km.key_span,
                        format!("duplicate condition key `{}` under `{}`", km.key, om.key),
                    )
                    .with_help("condition keys are case-insensitive; list all values in one array (both entries are required here)"),
                );
            }
            if km.key.is_empty() {
                diags.push(Diagnostic::error(
                    IssueCode::InvalidConditionKeyFormat,
                    &key_path,
                    km.key_span,
                    "a condition key cannot be empty",
                ));
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
            // An element's path is built only for a diagnostic: a long key
            // with many values must not be copied once per value.
            let items: Vec<(&Value, Option<usize>)> = match &km.value.kind {
                Kind::Array(items) => {
                    if items.is_empty() {
                        diags.push(Diagnostic::error(
                            IssueCode::EmptyArrayCondition,
                            &key_path,
                            km.value.span,
                            format!("the values of `{}` are an empty list; give at least one value", km.key),
                        ));
                    }
                    items.iter().enumerate().map(|(k, it)| (it, Some(k))).collect()
                }
                _ => vec![(&km.value, None)],
            };
            for (item, index) in items {
                let item_path = || index.map_or_else(|| key_path.clone(), |k| key_path.index(k));
                let text = match &item.kind {
                    Kind::String(s) => s.clone(),
                    Kind::Number(raw) => raw.clone(),
                    Kind::Bool(b) => b.to_string(),
                    _ => {
                        diags.push(Diagnostic::error(
                            IssueCode::DataTypeMismatch,
                            &item_path(),
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
                        let mut d = Diagnostic::error(p.issue, &item_path(), item.span, p.message);
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

pub(super) fn unknown_operator(text: &str, path: &JsonPath, span: Span) -> Diagnostic {
    let base = text.rsplit(':').next().unwrap_or(text);
    let issue = if base == "NullIfExists" { IssueCode::NullWithIfExists } else { IssueCode::InvalidConditionOperator };
    let d = Diagnostic::error(issue, path, span, format!("unknown condition operator `{text}`"));
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
fn lint_key(op: &Operator, op_text: &str, key: &str, key_lc: &str, path: &JsonPath, span: Span, diags: &mut Vec<Diagnostic>) {
    if op.kind == OpKind::Null {
        return;
    }
    match op.qualifier {
        SetQualifier::None if MULTI_VALUED_KEYS.contains(&key_lc) => diags.push(
            Diagnostic::warning(
                "missing-set-operator",
                IssueCode::MissingQualifier,
                path,
                span,
                format!("`{key}` is a multivalued key, but `{op_text}` has no `ForAllValues:` or `ForAnyValue:`"),
            )
            .with_help(format!(
                "write `ForAnyValue:{op_text}` (some request value must match) or `ForAllValues:{op_text}` (every request value must match)"
            )),
        ),
        SetQualifier::ForAllValues | SetQualifier::ForAnyValue if is_single_valued(key_lc) => {
            let issue = if op.qualifier == SetQualifier::ForAllValues {
                IssueCode::ForallvaluesWithSingleValuedKey
            } else {
                IssueCode::ForanyvalueWithSingleValuedKey
            };
            let mut d = Diagnostic::warning(
                "set-operator-on-single-valued-key",
                issue,
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
fn lint_value(op: &Operator, op_text: &str, text: &str, path: &dyn Fn() -> JsonPath, span: Span, diags: &mut Vec<Diagnostic>) {
    let family = op.kind.family();
    if matches!(family, Family::String | Family::StringIgnoreCase) && text.replace("${*}", "").contains('*') {
        let like = if op.is_negated() { "StringNotLike" } else { "StringLike" };
        diags.push(
            Diagnostic::warning(
                "wildcard-in-equals",
                IssueCode::WildcardWithoutLikeOperator,
                &path(),
                span,
                format!("`{op_text}` compares text exactly, so `*` in `{text}` is not a wildcard"),
            )
            .with_help(format!("use `{like}` to match with `*` and `?`")),
        );
    }
}
