//! Condition keys against the catalogue: keys that do not exist (global
//! or per service, "did you mean"), keys that none of the statement's
//! actions supports, and operators whose type does not fit the key's.

use catalogue::ValueType;
use policy::issue::IssueCode;
use policy::{ConditionEntry, OpKind, Statement};

use crate::actions::known_actions;
use crate::check::Cx;

pub(crate) fn check(cx: &mut Cx<'_, '_, '_>) {
    if !cx.has_catalogue() {
        return;
    }
    for st in &cx.policy.statements {
        for e in &st.condition.entries {
            check_key(cx, st, e);
        }
    }
}

/// An identity provider's key (`token.actions.githubusercontent.com:sub`,
/// `accounts.google.com:aud`): IAM takes these from the provider, and the
/// catalogue lists only some of them.
fn is_provider_key(prefix: &str) -> bool {
    prefix.contains(['.', '/'])
}

fn check_key(cx: &mut Cx<'_, '_, '_>, st: &Statement, e: &ConditionEntry) {
    let key = e.key.as_str();
    let Some((prefix, _)) = key.split_once(':') else {
        cx.add(
            IssueCode::InvalidConditionKeyFormat,
            e.key_span,
            format!("`{key}` is not a condition key: keys are written `service:name`, e.g. `aws:SourceIp`"),
            format!("`{key}` は条件キーではありません。条件キーは `aws:SourceIp` のように `サービス:名前` の形式で書きます。"),
        );
        return;
    };
    let found = match cx.keys.get(&e.key_lc) {
        Some(k) => *k,
        None => {
            let k = cx.cat.condition_key(key);
            cx.keys.insert(e.key_lc.clone(), k);
            k
        }
    };
    let Some(known) = found else {
        if is_provider_key(prefix) {
            return;
        }
        let hint = cx.cat.closest_condition_key(key).map(|k| k.name().to_string());
        let did = |h: &Option<String>| h.as_ref().map(|h| format!(": did you mean `{h}`?")).unwrap_or_default();
        let did_ja = |h: &Option<String>| h.as_ref().map(|h| format!("`{h}` の誤りではありませんか？")).unwrap_or_default();
        let (issue, en, ja) = if prefix.eq_ignore_ascii_case("aws") {
            (
                IssueCode::InvalidGlobalConditionKey,
                format!("the global condition key `{key}` does not exist{}", did(&hint)),
                format!("グローバル条件キー `{key}` は存在しません。{}", did_ja(&hint)),
            )
        } else if cx.cat.service(prefix).is_none() {
            (
                IssueCode::InvalidService,
                format!("the service `{prefix}` of the condition key `{key}` does not exist{}", did(&hint)),
                format!("条件キー `{key}` のサービス `{prefix}` は存在しません。{}", did_ja(&hint)),
            )
        } else {
            (
                IssueCode::InvalidServiceConditionKey,
                format!("the condition key `{key}` does not exist in the service `{prefix}`{}", did(&hint)),
                format!("条件キー `{key}` はサービス `{prefix}` にありません。{}", did_ja(&hint)),
            )
        };
        cx.add(issue, e.key_span, en, ja);
        return;
    };
    check_type(cx, e, known.key_type().value);
    if known.is_global() {
        return;
    }
    let Some(actions) = known_actions(cx, &st.action) else { return };
    if actions.iter().any(|a| a.supports_condition_key(key)) {
        return;
    }
    let names: Vec<String> = actions.iter().take(3).map(|a| a.full_name()).collect();
    let more = if actions.len() > 3 { ", …" } else { "" };
    let shown = format!("`{}`{more}", names.join("`, `"));
    cx.add(
        IssueCode::UnsupportedActionForConditionKey,
        e.key_span,
        format!("none of the statement's actions ({shown}) supports the condition key `{key}`: the request never has this key, so the condition is never evaluated as you expect"),
        format!("このステートメントのアクション（{shown}）はどれも条件キー `{key}` をサポートしていません。リクエストにこのキーが含まれないため、条件は期待どおりに評価されません。"),
    );
}

/// The operator type AWS names for a key type.
fn operator_type(v: ValueType) -> &'static str {
    match v {
        ValueType::String => "String",
        ValueType::Arn => "ARN",
        ValueType::Bool => "Boolean",
        ValueType::Numeric => "Numeric",
        ValueType::Date => "Date",
        ValueType::IpAddress => "IP address",
        ValueType::Binary => "Binary",
    }
}

/// What an operator compares, as a key type (`None`: `Null`, which fits every key).
fn compared(kind: OpKind) -> Option<ValueType> {
    use OpKind::*;
    Some(match kind {
        StringEquals | StringNotEquals | StringEqualsIgnoreCase | StringNotEqualsIgnoreCase | StringLike | StringNotLike => {
            ValueType::String
        }
        NumericEquals | NumericNotEquals | NumericLessThan | NumericLessThanEquals | NumericGreaterThan | NumericGreaterThanEquals => {
            ValueType::Numeric
        }
        DateEquals | DateNotEquals | DateLessThan | DateLessThanEquals | DateGreaterThan | DateGreaterThanEquals => ValueType::Date,
        Bool => ValueType::Bool,
        BinaryEquals => ValueType::Binary,
        IpAddress | NotIpAddress => ValueType::IpAddress,
        ArnEquals | ArnLike | ArnNotEquals | ArnNotLike => ValueType::Arn,
        Null => return None,
    })
}

/// Whether an operator comparing `op` values suits a key of type `key`:
/// string operators suit string, ARN and IP keys (they compare the text),
/// ARN operators suit ARN and string keys, numbers and dates go together
/// (`aws:EpochTime` is compared either way); the rest must be equal.
fn fits(op: ValueType, key: ValueType) -> bool {
    use ValueType as V;
    op == key
        || matches!(
            (op, key),
            (V::String, V::Arn) | (V::String, V::IpAddress) | (V::Arn, V::String) | (V::Numeric, V::Date) | (V::Date, V::Numeric)
        )
}

fn check_type(cx: &mut Cx<'_, '_, '_>, e: &ConditionEntry, key_type: ValueType) {
    let op = e.operator();
    let Some(op_type) = compared(op.kind) else { return };
    if fits(op_type, key_type) {
        return;
    }
    let want = operator_type(key_type);
    cx.add(
        IssueCode::TypeMismatch,
        e.operator_span,
        format!(
            "`{}` compares {} values, but `{}` is a {want} key: use a {want} condition operator",
            e.operator_text,
            operator_type(op_type),
            e.key
        ),
        format!(
            "`{}` は {} の値を比較しますが、`{}` は {want} 型のキーです。{want} の条件演算子を使用してください。",
            e.operator_text,
            operator_type(op_type),
            e.key
        ),
    );
}
