//! Small pieces of wording the sentences share: templates in both
//! languages, names from ARNs, who called, a statement that did not apply,
//! durations, the clock, and roleplay's explanation of an error beside
//! AWS's message.
//!
//! Sentences are templates with `{0}`, `{1}`… filled in ([`tr`]): one
//! call per sentence rather than a `format!` per language keeps the
//! WebAssembly small.

use policy::time::format_iso8601;
use sts::report::{Explanation, NotApplied, Outcome, StepReport, Unmet};

use super::StatementLink;
use crate::i18n::Lang;

/// `template` with `{0}`, `{1}`… replaced by `args` (in one pass; a
/// placeholder without an argument stays as written).
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + args.iter().map(|a| a.len()).sum::<usize>());
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        let (head, tail) = rest.split_at(i);
        out.push_str(head);
        let n = tail.get(1..2).and_then(|d| d.parse::<usize>().ok());
        match (n, tail.get(2..3), n.and_then(|n| args.get(n))) {
            (Some(_), Some("}"), Some(a)) => {
                out.push_str(a);
                rest = tail.get(3..).unwrap_or("");
            }
            _ => {
                out.push('{');
                rest = tail.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    out
}

/// The template of `lang` (`[English, Japanese]`), filled.
pub fn tr(lang: Lang, t: [&str; 2], args: &[&str]) -> String {
    fill(if lang == Lang::Ja { t[1] } else { t[0] }, args)
}

/// The text of `lang`.
pub(super) fn pick(lang: Lang, t: [&str; 2]) -> &str {
    if lang == Lang::Ja {
        t[1]
    } else {
        t[0]
    }
}

/// The last segment of an ARN (`user/alice` → `alice`).
pub fn short(arn: &str) -> &str {
    arn.rsplit(['/', ':']).next().unwrap_or(arn)
}

/// The 12-digit account of an ARN (the fifth `:` field), if it has one.
pub fn account_of(arn: &str) -> Option<&str> {
    arn.split(':').nth(4).filter(|a| a.len() == 12 && a.bytes().all(|b| b.is_ascii_digit()))
}

/// A principal as a name: `alice`, or for a role session `RoleA/alice`
/// (the session wears RoleA's hat, so it is not alice acting).
fn name_of(p: &str) -> String {
    match p.split_once(":assumed-role/") {
        Some((_, rest)) => rest.to_string(),
        None => short(p).to_string(),
    }
}

/// Who made the request.
pub(super) fn who_name(r: &StepReport) -> String {
    r.principal.as_deref().map(name_of).unwrap_or_default()
}

/// An identity provider as a learner knows it: `token.actions.githubusercontent.com`
/// for an OIDC provider ARN, `ExampleIdP` for a SAML provider ARN.
pub fn provider_name(p: &str) -> &str {
    p.split_once(":oidc-provider/").or_else(|| p.split_once(":saml-provider/")).map_or(p, |(_, n)| n)
}

/// `1 h 30 min`, `6 h`, `45 min`, `30 s`.
pub fn duration_text(lang: Lang, secs: i64) -> String {
    let units = pick(lang, [" h| min| s", " 時間| 分| 秒"]);
    let parts: Vec<String> = [secs / 3600, (secs % 3600) / 60, secs % 60]
        .iter()
        .zip(units.split('|'))
        .filter(|(n, _)| **n != 0)
        .map(|(n, u)| format!("{n}{u}"))
        .collect();
    if parts.is_empty() {
        format!("0{}", units.rsplit('|').next().unwrap_or(""))
    } else {
        parts.join(" ")
    }
}

/// The clock as the page shows it: `2026-11-22 09:00:00 UTC`.
pub fn clock_text(t: i64) -> String {
    format_iso8601(t).replace('T', " ").replace('Z', " UTC")
}

/// `1:02:03` (or `-0:00:10` once past).
pub fn countdown(secs: i64) -> String {
    let sign = if secs < 0 { "-" } else { "" };
    let s = secs.unsigned_abs();
    format!("{sign}{}:{:02}:{:02}", s / 3600, (s % 3600) / 60, s % 60)
}

/// Why a statement did not apply. `caller` (the request's principal ARN)
/// lets a principal mismatch say who the caller is.
pub fn not_applied_text(lang: Lang, n: &NotApplied, caller: Option<&str>) -> String {
    let label = StatementLink::new(&n.statement).label();
    match n.reason {
        Unmet::Condition => {
            let got = match &n.request_values {
                Some(Some(v)) if !v.is_empty() => v.join(", "),
                _ => pick(lang, ["nothing (the key is absent)", "キーなし"]).to_string(),
            };
            tr(
                lang,
                [
                    "statement {0} matches, but its condition {1} {2} [{3}] is false: the request has {4}",
                    "ステートメント {0} は一致しますが、条件 {1} {2} [{3}] が偽です (リクエストの値: {4})",
                ],
                &[&label, n.operator.as_deref().unwrap_or(""), n.condition_key.as_deref().unwrap_or(""), &n.policy_values.join(", "), &got],
            )
        }
        Unmet::Principal => principal_text(lang, &label, &n.policy_values, caller),
        Unmet::Action => tr(lang, ["statement {0} is for other actions", "ステートメント {0} の対象は別のアクションです"], &[&label]),
        Unmet::Resource => tr(lang, ["statement {0} is for other resources", "ステートメント {0} の対象は別のリソースです"], &[&label]),
    }
}

/// `statement "Trust" names account 333333333333; user_B is in 222222222222`.
fn principal_text(lang: Lang, label: &str, named: &[String], caller: Option<&str>) -> String {
    let is_account = |v: &&String| v.len() == 12 && v.bytes().all(|b| b.is_ascii_digit());
    let accounts: Vec<&str> = named.iter().filter(is_account).map(String::as_str).collect();
    let others: Vec<&str> = named.iter().filter(|v| !is_account(v)).map(String::as_str).collect();
    let mut what = Vec::new();
    if !accounts.is_empty() {
        what.push(tr(lang, ["account {0}", "アカウント {0}"], &[&accounts.join(", ")]));
    }
    if !others.is_empty() {
        what.push(others.join(", "));
    }
    let what = what.join(pick(lang, [" and ", "、"]));
    let who = caller.map(name_of).unwrap_or_default();
    let t = match caller.and_then(account_of) {
        // Only accounts named: say which account the caller is in.
        Some(_) if others.is_empty() => {
            ["statement {0} names {1}; {2} is in {3}", "ステートメント {0} が指定しているのは {1} です。{2} はアカウント {3} にいます"]
        }
        _ if caller.is_some() => ["statement {0} names {1}, not {2}", "ステートメント {0} が指定しているのは {1} で、{2} ではありません"],
        _ => ["statement {0} names {1}", "ステートメント {0} が指定しているのは {1} です"],
    };
    tr(lang, t, &[label, &what, &who, caller.and_then(account_of).unwrap_or("")])
}

/// What the same request made again now would get.
fn would_be(lang: Lang, o: Outcome) -> &'static str {
    pick(
        lang,
        match o {
            Outcome::Allowed => ["would be allowed: the same request gets fresh credentials", "許可され、新しい認証情報を受け取れます"],
            Outcome::ImplicitDeny => [
                "would be denied (implicit deny): what was allowed then is not allowed now",
                "拒否されます (暗黙的な拒否)。以前は許可されていた要求が、今は許可されません",
            ],
            Outcome::ExplicitDeny => ["would be denied (explicit deny)", "拒否されます (明示的な拒否)"],
            Outcome::Error => ["would fail too", "これも失敗します"],
        },
    )
}

/// roleplay's explanation of an error, in words: what it knows beyond
/// AWS's message (which is shown beside it, unchanged).
pub fn explanation_text(lang: Lang, e: &Explanation) -> String {
    match e {
        Explanation::ExpiredToken { session, expired_at, assume_again } => tr(
            lang,
            [
                "The credentials from step {0} expired at {1}: every request made with them fails. Assuming the role again now {2}.",
                "ステップ {0} の認証情報は {1} に期限切れになりました。これを使うリクエストはすべて失敗します。今もう一度ロールを引き受けると{2}。",
            ],
            &[&session.to_string(), expired_at, would_be(lang, *assume_again)],
        ),
        Explanation::NoCredentials { session } => tr(
            lang,
            [
                "Step {0} issued no credentials, so there is no such token.",
                "ステップ {0} は認証情報を発行していないので、そのトークンは存在しません。",
            ],
            &[&session.to_string()],
        ),
        Explanation::MaxSessionDuration { max_session_duration } => tr(
            lang,
            ["The role's MaxSessionDuration is {0} ({1} seconds).", "ロールの MaxSessionDuration は {0} ({1} 秒) です。"],
            &[&duration_text(lang, *max_session_duration), &max_session_duration.to_string()],
        ),
        Explanation::DuplicateTagKey { key } => tr(
            lang,
            ["The key {0} repeats an earlier key: tag keys ignore case.", "キー {0} は前のキーと重複しています (タグキーは大文字と小文字を区別しません)。"],
            &[key],
        ),
        Explanation::SessionPolicyLength { characters, limit } => tr(
            lang,
            [
                "The session policy's plaintext has {0} characters, whitespace included; AWS allows {1}. (AWS's separate limit on the packed size is not simulated.)",
                "セッションポリシーの平文は空白を含めて {0} 文字で、AWS の上限は {1} 文字です (パック後のサイズに対する別の上限はシミュレーションしていません)。",
            ],
            &[&characters.to_string(), &limit.to_string()],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_fill_in_order_and_keep_what_is_not_a_placeholder() {
        assert_eq!(fill("{1} then {0}", &["a", "b"]), "b then a");
        assert_eq!(fill("{\"*\"} {9} {x", &["a"]), "{\"*\"} {9} {x");
        assert_eq!(tr(Lang::Ja, ["{0} en", "{0} ja"], &["x"]), "x ja");
        assert_eq!(duration_text(Lang::En, 3661), "1 h 1 min 1 s");
        assert_eq!(duration_text(Lang::Ja, 0), "0 秒");
    }
}
