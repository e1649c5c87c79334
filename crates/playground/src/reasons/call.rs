//! ⑤ and any other call made with credentials: the role's session, or a
//! user's own long-term credentials.

use policy::{CheckKind, Decision, Effect, Reason};
use sts::report::{Outcome, StepReport, Unmet};
use sts::rules::Verdict;

use super::words::{account_of, explanation_text, not_applied_text, pick, tr, who_name};
use super::{capitalize, first_statement, join, Sentence, StatementLink};
use crate::i18n::Lang;

/// The sentence for a call made with credentials: ⑤ with a role session,
/// or a user's call with its own long-term credentials.
pub fn call_sentence(lang: Lang, r: &StepReport) -> Sentence {
    // A rule AWS applies outside the policies: it decided, or it says how
    // the policies decided.
    match r.rule {
        Some(rule) if rule.verdict() != Verdict::Note => Sentence::new(rule.explain(lang.code()).to_string(), None),
        Some(rule) => {
            let s = policy_sentence(lang, r);
            Sentence { text: join(lang, &s.text, rule.explain(lang.code())), ..s }
        }
        None => policy_sentence(lang, r),
    }
}

/// The sentence for a call the policies decided.
fn policy_sentence(lang: Lang, r: &StepReport) -> Sentence {
    let with_role = r.principal.as_deref().is_some_and(|p| p.contains(":assumed-role/"));
    let checks = r.checks.as_deref().unwrap_or(&[]);
    let action = r.action.as_deref().unwrap_or("");
    let who = who_name(r);
    match r.outcome {
        Some(Outcome::Allowed | Outcome::ExplicitDeny) => {
            let allowed = r.outcome == Some(Outcome::Allowed);
            let l = first_statement(checks.iter(), if allowed { Effect::Allow } else { Effect::Deny })
                .map(|m| StatementLink::new(&m.statement));
            let (label, name) = l.as_ref().map(|l| (l.label(), l.policy_name.clone())).unwrap_or_default();
            let t = match (allowed, with_role) {
                (true, true) => [
                    "Statement {0} of the role's policy {1} allows {2}.",
                    "ロールのアクセス許可ポリシー {1} のステートメント {0} が {2} を許可しています。",
                ],
                (true, false) => ["Statement {0} of {1} allows {2} for {3}.", "{1} のステートメント {0} が {3} に {2} を許可しています。"],
                (false, _) => [
                    "Statement {0} of {1} explicitly denies {2}: an explicit deny beats every allow.",
                    "{1} のステートメント {0} が {2} を明示的に拒否しています。明示的な拒否はどの許可よりも優先されます。",
                ],
            };
            Sentence::new(tr(lang, t, &[&label, &name, action, &who]), l)
        }
        Some(Outcome::ImplicitDeny) => implicit_deny(lang, r, with_role, &who, action),
        // The request failed before any policy: roleplay's explanation (AWS's
        // message is shown beside it, unchanged).
        _ => {
            let text = match &r.explanation {
                Some(e) => explanation_text(lang, e),
                None => pick(
                    lang,
                    ["The request failed before any policy was evaluated.", "ポリシーが評価される前にリクエストが失敗しました。"],
                )
                .to_string(),
            };
            Sentence::new(text, None)
        }
    }
}

fn implicit_deny(lang: Lang, r: &StepReport, with_role: bool, who: &str, action: &str) -> Sentence {
    let checks = r.checks.as_deref().unwrap_or(&[]);
    let denied_extra = checks.iter().find(|c| c.action.is_some() && c.decision != Decision::Allow).and_then(|c| c.action.clone());
    let allowed = |k: CheckKind| checks.iter().any(|c| c.check == k && c.decision == Decision::Allow && c.action.is_none());
    let whose = if with_role {
        pick(lang, ["The role's permission policy", "ロールのアクセス許可ポリシー"]).to_string()
    } else {
        tr(lang, ["{0}'s identity policy", "{0} のアイデンティティベースのポリシー"], &[who])
    };
    // A KMS key in the caller's own account must be allowed by its key
    // policy too; anything else refused by a resource policy is in another
    // account.
    let resource = r.resource.as_deref().unwrap_or("");
    let own_key = resource.starts_with("arn:aws:kms:")
        && account_of(resource).is_some()
        && account_of(resource) == r.principal.as_deref().and_then(account_of);
    let t = match (&denied_extra, r.reasons.first().copied()) {
        (Some(_), _) => [
            "{1} itself is allowed, but it also needs {3}, which nothing allows: implicit deny.",
            "{1} 自体は許可されていますが、{3} も必要で、それを許可するものがありません (暗黙的な拒否)。",
        ],
        (None, Some(Reason::BoundaryNoAllow)) => [
            "{0} allows {1}, but the permissions boundary does not: a boundary caps what identity policies can grant (implicit deny).",
            "{0}は {1} を許可していますが、アクセス許可の境界が許可していません。境界はアイデンティティベースのポリシーで付与できる権限の上限です (暗黙的な拒否)。",
        ],
        (None, Some(Reason::SessionNoAllow)) => [
            "{0} allows {1}, but the session policy passed with AssumeRole does not: a session gets only what both allow (implicit deny).",
            "{0}は {1} を許可していますが、AssumeRole で渡したセッションポリシーが許可していません。セッションが使えるのは両方が許可する権限だけです (暗黙的な拒否)。",
        ],
        (None, Some(Reason::ScpNoAllow)) => [
            "No service control policy of the account allows {1}: implicit deny.",
            "アカウントのサービスコントロールポリシー (SCP) が {1} を許可していません (暗黙的な拒否)。",
        ],
        (None, Some(Reason::ResourceNoAllow)) if allowed(CheckKind::Identity) && own_key => [
            "{0} allows {1}, but the key policy does not allow {2}: IAM policies alone cannot grant access to a KMS key, even in its own account (implicit deny).",
            "{0}は {1} を許可していますが、キーポリシーが {2} を許可していません。KMS キーへのアクセスは、同じアカウント内でも IAM ポリシーだけでは許可できません (暗黙的な拒否)。",
        ],
        (None, Some(Reason::ResourceNoAllow)) if allowed(CheckKind::Identity) => [
            "{0} allows {1}, but the resource is in another account and its resource policy does not allow {2}: across accounts both sides must allow (implicit deny).",
            "{0}は {1} を許可していますが、リソースは別のアカウントにあり、そのリソースベースのポリシーが {2} を許可していません。アカウントをまたぐ場合は双方の許可が必要です (暗黙的な拒否)。",
        ],
        (None, Some(Reason::IdentityNoAllow)) if allowed(CheckKind::Resource) => [
            "The resource policy allows {2}, but across accounts {2}'s own identity policies must allow {1} too, and none does (implicit deny).",
            "リソースベースのポリシーは {2} を許可していますが、アカウントをまたぐ場合は {2} 自身のアイデンティティベースのポリシーでも {1} の許可が必要で、それがありません (暗黙的な拒否)。",
        ],
        _ if with_role => [
            "No statement in the role's policies allows {1}: the caller's own permissions were set aside when it put on the role's hat.",
            "ロールのポリシーに {1} を許可するステートメントがありません。ロールの帽子をかぶっている間、呼び出し元自身の権限は使えません。",
        ],
        _ => ["No statement in {2}'s policies allows {1}: implicit deny.", "{2} のポリシーに {1} を許可するステートメントがありません (暗黙的な拒否)。"],
    };
    let text = tr(lang, t, &[&whose, action, who, denied_extra.as_deref().unwrap_or("")]);
    let why = checks.iter().flat_map(|c| c.not_applied.iter()).find(|n| n.reason == Unmet::Condition);
    let text = match why {
        Some(n) => join(lang, &text, &capitalize(&not_applied_text(lang, n, r.principal.as_deref()), lang)),
        None => text,
    };
    Sentence::new(text, why.map(|n| StatementLink::new(&n.statement)))
}
