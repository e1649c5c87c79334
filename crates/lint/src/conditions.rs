//! Conditions that cannot do what they say: blocks that can never all
//! hold, `…IfExists` on keys AWS always sends, `Null` with a set
//! qualifier, an empty `Condition`, `aws:SourceIp` limited to private
//! addresses.

use policy::issue::IssueCode;
use policy::json::Kind;
use policy::{ConditionEntry, OpKind, SetQualifier, Statement};

use crate::check::{raw_statements, Cx};

/// Global keys the IAM User Guide documents as "always included in the
/// request context" (or "for all requests, including anonymous requests")
/// (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html>).
pub(crate) const ALWAYS_PRESENT: &[&str] = &[
    "aws:currenttime",
    "aws:epochtime",
    "aws:requestedregion",
    "aws:securetransport",
    "aws:useragent",
    "aws:viaawsservice",
    "aws:principalaccount",
    "aws:principaltype",
    "aws:userid",
];

pub(crate) fn always_present(key_lc: &str) -> bool {
    ALWAYS_PRESENT.contains(&key_lc)
}

pub(crate) fn check(cx: &mut Cx<'_, '_, '_>) {
    let raws = raw_statements(cx.raw);
    for st in &cx.policy.statements {
        if let Some(Kind::Object(members)) = raws.get(st.index).and_then(|r| r.get("Condition")).map(|c| &c.kind) {
            if members.is_empty() {
                cx.add(
                    IssueCode::EmptyObjectCondition,
                    st.condition.span,
                    "this condition block is empty and does not affect the policy: remove `Condition` or specify conditions".into(),
                    "この条件ブロックは空で、ポリシーに影響しません。`Condition` を削除するか、条件を指定してください。".into(),
                );
            }
        }
        for e in &st.condition.entries {
            let op = e.operator();
            if op.if_exists && always_present(&e.key_lc) {
                cx.add(
                    IssueCode::IfExistsOnAlwaysPresentKey,
                    e.operator_span,
                    format!(
                        "`{}` is always included in the request context, so `IfExists` changes nothing: use `{}`",
                        e.key,
                        op.name().replace("IfExists", "")
                    ),
                    format!(
                        "`{}` は常にリクエストコンテキストに含まれるため、`IfExists` は何も変えません。`{}` を使用してください。",
                        e.key,
                        op.name().replace("IfExists", "")
                    ),
                );
            }
            if op.kind == OpKind::Null && op.qualifier != SetQualifier::None {
                cx.add(
                    IssueCode::NullWithQualifier,
                    e.operator_span,
                    format!("`{}`: avoid the `Null` operator with `ForAllValues:` or `ForAnyValue:`, which make it always true or always false", e.operator_text),
                    format!("`{}`: `Null` 演算子を `ForAllValues:` や `ForAnyValue:` と組み合わせないでください。常に true または常に false になります。", e.operator_text),
                );
            }
            private_source_ip(cx, e);
        }
        never_matches(cx, st);
    }
}

/// Whether an entry requires its key to be present with some value.
fn requires_key(e: &ConditionEntry) -> bool {
    let op = e.operator();
    op.kind != OpKind::Null && !op.if_exists && !op.is_negated() && op.qualifier != SetQualifier::ForAllValues
}

/// A bound and whether it is strict.
type Bound = Option<(f64, bool)>;

/// The `(lower, upper)` bounds that a numeric or date entry puts on a
/// single-valued key (its values are ORed).
fn bounds(e: &ConditionEntry) -> Option<(Bound, Bound)> {
    let op = e.operator();
    if op.qualifier != SetQualifier::None {
        return None;
    }
    let values = e.ordered_values()?;
    let min = values.iter().copied().reduce(f64::min)?;
    let max = values.iter().copied().reduce(f64::max)?;
    use OpKind::*;
    Some(match op.kind {
        NumericLessThan | DateLessThan => (None, Some((max, true))),
        NumericLessThanEquals | DateLessThanEquals => (None, Some((max, false))),
        NumericGreaterThan | DateGreaterThan => (Some((min, true)), None),
        NumericGreaterThanEquals | DateGreaterThanEquals => (Some((min, false)), None),
        _ => return None,
    })
}

fn never_matches(cx: &mut Cx<'_, '_, '_>, st: &Statement) {
    let entries = &st.condition.entries;
    for (i, e) in entries.iter().enumerate() {
        let op = e.operator();
        // `Null: true` on a key that is always present, or on a key that
        // another entry requires.
        if op.kind == OpKind::Null && op.qualifier == SetQualifier::None && e.raw_values.iter().all(|v| v.eq_ignore_ascii_case("true")) {
            let other = entries.iter().find(|o| o.key_lc == e.key_lc && requires_key(o));
            if always_present(&e.key_lc) || other.is_some() {
                let why_en = match other {
                    Some(o) => format!("`{}` also requires `{}` to be present", o.operator_text, o.key),
                    None => format!("AWS always includes `{}` in the request context", e.key),
                };
                let why_ja = match other {
                    Some(o) => format!("`{}` は `{}` が存在することも要求しています", o.operator_text, o.key),
                    None => format!("AWS は `{}` を常にリクエストコンテキストに含めます", e.key),
                };
                report(cx, st, e, &why_en, &why_ja);
                return;
            }
        }
        // A lower bound at or above an upper bound on the same key.
        if let Some((Some((lo, lo_strict)), None)) = bounds(e) {
            let absent_ok = op.if_exists && !always_present(&e.key_lc);
            for o in entries.iter().skip(i + 1).chain(entries.iter().take(i)) {
                if o.key_lc != e.key_lc {
                    continue;
                }
                let o_absent_ok = o.operator().if_exists && !always_present(&o.key_lc);
                if let Some((None, Some((hi, hi_strict)))) = bounds(o) {
                    let empty = lo > hi || (lo == hi && (lo_strict || hi_strict));
                    if empty && !absent_ok && !o_absent_ok {
                        let en = format!("no value is both `{}` and `{}`", show(e), show(o));
                        let ja = format!("`{}` と `{}` の両方を満たす値はありません", show(e), show(o));
                        report(cx, st, o, &en, &ja);
                        return;
                    }
                }
            }
        }
        // `StringEquals` a value and `StringNotEquals` the same values.
        if op.kind == OpKind::StringEquals && op.qualifier == SetQualifier::None && !op.if_exists {
            let contradicted = entries.iter().find(|o| {
                let oo = o.operator();
                o.key_lc == e.key_lc
                    && oo.kind == OpKind::StringNotEquals
                    && oo.qualifier == SetQualifier::None
                    && e.raw_values.iter().all(|v| o.raw_values.contains(v))
            });
            if let Some(o) = contradicted {
                let en = format!("`{}` requires one of the values that `{}` excludes", show(e), show(o));
                let ja = format!("`{}` は `{}` が除外する値を要求しています", show(e), show(o));
                report(cx, st, o, &en, &ja);
                return;
            }
        }
    }
}

fn show(e: &ConditionEntry) -> String {
    format!("{} {} {}", e.operator_text, e.key, e.raw_values.join("|"))
}

fn report(cx: &mut Cx<'_, '_, '_>, st: &Statement, e: &ConditionEntry, why_en: &str, why_ja: &str) {
    let (en_effect, ja_effect) = match st.effect {
        policy::Effect::Allow => ("this statement never allows anything", "このステートメントは何も許可しません"),
        policy::Effect::Deny => ("this statement never denies anything", "このステートメントは何も拒否しません"),
    };
    cx.add(
        IssueCode::ConditionNeverMatches,
        e.key_span,
        format!("the conditions of this statement can never all hold ({why_en}), so {en_effect}"),
        format!("このステートメントの条件がすべて満たされることはありません（{why_ja}）。そのため{ja_effect}。"),
    );
}

/// Whether a CIDR block or address lies in the private IPv4 ranges
/// (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16).
fn is_private_v4(text: &str) -> bool {
    let (addr, bits) = match text.split_once('/') {
        Some((a, b)) => (a, b.parse::<u32>().ok()),
        None => (text, Some(32)),
    };
    let Some(bits) = bits else { return false };
    let parts: Vec<u32> = addr.split('.').filter_map(|p| p.parse::<u32>().ok()).collect();
    let [a, b, ..] = parts.as_slice() else { return false };
    if parts.len() != 4 {
        return false;
    }
    (*a == 10 && bits >= 8) || (*a == 172 && (16..32).contains(b) && bits >= 12) || (*a == 192 && *b == 168 && bits >= 16)
}

fn private_source_ip(cx: &mut Cx<'_, '_, '_>, e: &ConditionEntry) {
    let op = e.operator();
    if e.key_lc != "aws:sourceip" || op.kind != OpKind::IpAddress || e.raw_values.is_empty() {
        return;
    }
    if e.raw_values.iter().all(|v| is_private_v4(v)) {
        cx.add(
            IssueCode::PrivateIpAddress,
            e.key_span,
            "`aws:SourceIp` works only for public IP address ranges: these values are all private addresses, so the condition never matches; use `aws:VpcSourceIp` for private addresses".into(),
            "`aws:SourceIp` はパブリック IP アドレス範囲でのみ機能します。値がすべてプライベートアドレスのため、条件は一致しません。プライベートアドレスには `aws:VpcSourceIp` を使用してください。".into(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::is_private_v4;

    #[test]
    fn private_ranges() {
        assert!(is_private_v4("10.1.2.3"));
        assert!(is_private_v4("172.16.0.0/12"));
        assert!(is_private_v4("192.168.0.0/24"));
        assert!(!is_private_v4("203.0.113.0/24"));
        assert!(!is_private_v4("172.32.0.0/16"));
        assert!(!is_private_v4("10.0.0.0/7"));
    }
}
