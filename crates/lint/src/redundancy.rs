//! Redundancy: statements that add nothing to another, actions and
//! resources already covered in the same statement, and `Allow`s that an
//! unconditional `Deny` of the same policy always overrides.

use policy::issue::IssueCode;
use policy::json::Value;
use policy::pattern::Pattern;
use policy::{Effect, Item, NoVars, PatternList, Statement};

use crate::check::{raw_statements, Cx};

/// Whether pattern `a` matches everything pattern `b` matches (a sound,
/// partial test: `b` literal and matched by `a`, `a` is `*`, or `a` is
/// `prefix*` and `b` starts with the prefix).
fn covers(a: &Pattern, b: &Pattern, fold: bool) -> bool {
    let (sa, sb) = (a.source(), b.source());
    if a.has_variables() || b.has_variables() {
        return sa == sb;
    }
    if sa == "*" {
        return true;
    }
    if !b.has_wildcards() {
        return a.is_match(sb, &NoVars);
    }
    let Some(prefix) = sa.strip_suffix('*') else { return if fold { sa.eq_ignore_ascii_case(sb) } else { sa == sb } };
    if prefix.contains(['*', '?']) {
        return false;
    }
    let starts = if fold { sb.get(..prefix.len()).is_some_and(|p| p.eq_ignore_ascii_case(prefix)) } else { sb.starts_with(prefix) };
    // In an ARN a trailing `*` spans the rest only past the fifth `:`.
    starts && (fold || prefix.matches(':').count() >= 5 || !sb.get(prefix.len()..).unwrap_or("").contains(':'))
}

fn list_covers(a: &PatternList, b: &PatternList, fold: bool) -> bool {
    !a.negated && !b.negated && b.items.iter().all(|bi| a.items.iter().any(|ai| covers(&ai.value, &bi.value, fold)))
}

/// The statement's text without its `Sid`, for comparing principals and conditions.
fn member_text(raw: Option<&&Value>, key: &str) -> String {
    raw.and_then(|r| r.get(key)).map(Value::to_json_text).unwrap_or_default()
}

/// A statement's `Principal`, `NotPrincipal` and `Condition` as text, computed once.
#[derive(Default)]
struct Terms {
    principal: String,
    not_principal: String,
    condition: String,
}

fn terms(raw: Option<&&Value>) -> Terms {
    Terms {
        principal: member_text(raw, "Principal"),
        not_principal: member_text(raw, "NotPrincipal"),
        condition: member_text(raw, "Condition"),
    }
}

/// Whether `a` grants or denies everything `b` does, on the same terms.
fn subsumes(a: &Statement, b: &Statement, ta: &Terms, tb: &Terms) -> bool {
    a.effect == b.effect
        && ta.principal == tb.principal
        && ta.not_principal == tb.not_principal
        && (a.condition.is_empty() || ta.condition == tb.condition)
        && list_covers(&a.action, &b.action, true)
        && match (&a.resource, &b.resource) {
            (Some(x), Some(y)) => list_covers(x, y, false),
            (None, None) => true,
            _ => false,
        }
}

pub(crate) fn check(cx: &mut Cx<'_, '_, '_>) {
    let raws = raw_statements(cx.raw);
    let statements = &cx.policy.statements;
    let all_terms: Vec<Terms> = statements.iter().map(|st| terms(raws.get(st.index))).collect();
    let none = Terms::default();
    let t = |k: usize| all_terms.get(k).unwrap_or(&none);
    for (j, b) in statements.iter().enumerate() {
        let other =
            statements.iter().enumerate().find(|(i, a)| *i != j && subsumes(a, b, t(*i), t(j)) && (!subsumes(b, a, t(j), t(*i)) || *i < j));
        if let Some((_, a)) = other {
            let label = label(a);
            cx.add(
                IssueCode::RedundantStatement,
                b.span,
                format!("this statement is redundant: statement {label} already provides everything it does; you can remove it without affecting the permissions the policy grants"),
                format!("このステートメントは冗長です。ステートメント {label} がすでに同じ内容を提供しているため、ポリシーの許可に影響を与えずに削除できます。"),
            );
            continue;
        }
        if b.effect == Effect::Allow {
            let deny = statements.iter().find(|a| {
                a.effect == Effect::Deny
                    && a.condition.is_empty()
                    && (a.principal.is_none() || member_text(raws.get(a.index), "Principal").contains("\"*\""))
                    && b.principal.is_none() == a.principal.is_none()
                    && list_covers(&a.action, &b.action, true)
                    && match (&a.resource, &b.resource) {
                        (Some(x), Some(y)) => list_covers(x, y, false),
                        (None, None) => true,
                        _ => false,
                    }
            });
            if let Some(a) = deny {
                let label = label(a);
                cx.add(
                    IssueCode::AllowOverriddenByDeny,
                    b.span,
                    format!("this `Allow` never takes effect: the `Deny` statement {label} of the same policy covers all of it with no condition, and an explicit deny overrides any allow"),
                    format!("この `Allow` は効果がありません。同じポリシーの `Deny` ステートメント {label} が条件なしですべてを対象にしており、明示的な拒否はどの許可よりも優先されます。"),
                );
            }
        }
        redundant_items(cx, &b.action.items, !b.action.negated, true, IssueCode::RedundantAction);
        if let Some(r) = &b.resource {
            redundant_items(cx, &r.items, !r.negated, false, IssueCode::RedundantResource);
        }
    }
}

fn label(st: &Statement) -> String {
    match &st.sid {
        Some(sid) => format!("`{sid}`"),
        None => format!("#{}", st.index),
    }
}

fn redundant_items(cx: &mut Cx<'_, '_, '_>, items: &[Item<Pattern>], positive: bool, fold: bool, issue: IssueCode) {
    if !positive {
        return;
    }
    for (j, b) in items.iter().enumerate() {
        let by = items
            .iter()
            .enumerate()
            .find(|(i, a)| *i != j && covers(&a.value, &b.value, fold) && (!covers(&b.value, &a.value, fold) || *i < j));
        if let Some((_, a)) = by {
            let (what_en, what_ja) =
                if issue == IssueCode::RedundantAction { ("action", "アクション") } else { ("resource", "リソース") };
            cx.add(
                issue,
                b.span,
                format!(
                    "the {what_en} `{}` is redundant: `{}` in the same statement already covers it",
                    b.value.source(),
                    a.value.source()
                ),
                format!("{what_ja} `{}` は冗長です。同じステートメントの `{}` がすでに含んでいます。", b.value.source(), a.value.source()),
            );
        }
    }
}
