//! The AssumeRole phases ①–④ in words (and their web-identity and SAML
//! forms, whose callers are not services).

use policy::{Effect, Grant, Reason};
use sts::report::{Outcome, StepReport, Unmet};

use super::words::{duration_text, explanation_text, not_applied_text, pick, provider_name, short, tr, who_name};
use super::{capitalize, first_statement, join, Sentence, StatementLink};
use crate::i18n::Lang;
use crate::walk::{FlowState, Phase};

/// Who asked STS, as the sentences need it.
enum Asker<'a> {
    /// A user or a role session (named by [`who_name`]).
    Person,
    /// An AWS service principal (`lambda.amazonaws.com`).
    Service(&'a str),
    /// A web identity or SAML provider's user, holding its token.
    Federated(&'a str),
}

fn asker(r: &StepReport) -> Asker<'_> {
    let p = r.principal.as_deref().unwrap_or("");
    if r.action.as_deref().is_some_and(|a| a.starts_with("sts:AssumeRoleWith")) {
        Asker::Federated(p)
    } else if p.ends_with(".amazonaws.com") || p.ends_with(".amazonaws.com.cn") {
        Asker::Service(p)
    } else {
        Asker::Person
    }
}

/// The session name and where it comes from, for ②.
fn session_name(lang: Lang, r: &StepReport) -> String {
    let Some(n) = r.assumed_role_user.as_ref().map(|u| short(&u.arn).to_string()) else { return String::new() };
    let chosen = match asker(r) {
        Asker::Service(s) if s.starts_with("ec2.") => Some(["the instance ID", "インスタンス ID"]),
        Asker::Service(s) if s.starts_with("lambda.") => Some(["the function's name", "関数名"]),
        Asker::Service(s) if s.starts_with("ecs") => Some(["a task ID", "タスク ID"]),
        Asker::Service(_) => Some(["made up", "仮の名前"]),
        _ => None,
    };
    let t = match (r.action.as_deref() == Some("sts:AssumeRoleWithSAML"), chosen) {
        (true, _) => [
            " (session name \"{0}\" from the SAML assertion's RoleSessionName attribute, not a parameter)",
            " (ロールセッション名 \"{0}\" は SAML アサーションの RoleSessionName 属性の値で、パラメータではありません)",
        ],
        (false, Some(_)) => [
            " (RoleSessionName \"{0}\": {1}, roleplay's choice, as AWS does not document it)",
            " (ロールセッション名 \"{0}\" は{1}です。AWS は文書化していないので roleplay の選択です)",
        ],
        (false, None) => [" (RoleSessionName \"{0}\")", " (ロールセッション名 \"{0}\")"],
    };
    tr(lang, t, &[&n, chosen.map_or("", |c| pick(lang, c))])
}

/// "(its 2 conditions hold)" for an allowing statement with conditions.
fn conditions(lang: Lang, n: usize, clause: bool) -> String {
    let t = match (n, clause) {
        (0, _) => return String::new(),
        (1, true) => [" (its 1 condition holds)", " (1 個の条件も満たされています)"],
        (_, true) => [" (its {0} conditions hold)", " ({0} 個の条件も満たされています)"],
        (1, false) => [", and its 1 condition holds for this request", "、1 個の条件もこのリクエストで満たされています"],
        (_, false) => [", and its {0} conditions hold for this request", "、{0} 個の条件もこのリクエストで満たされています"],
    };
    tr(lang, t, &[&n.to_string()])
}

/// The sentence for flow step `phase` of an AssumeRole report.
pub fn assume_sentence(lang: Lang, phase: Phase, state: FlowState, r: &StepReport) -> Option<Sentence> {
    let checks = r.checks.as_deref().unwrap_or(&[]);
    let action = r.action.as_deref().unwrap_or("sts:AssumeRole");
    let who = who_name(r);
    let role = r.resource.as_deref().map(short).unwrap_or("");
    let trust_side = || checks.iter().filter(|c| c.is_resource_side());
    let s = match (phase, state) {
        (Phase::Identity, FlowState::Skipped) => Sentence::new(
            match asker(r) {
                Asker::Federated(p) => tr(
                    lang,
                    [
                        "The caller signed in with {0} and holds its token: it has no IAM identity-based policy, so STS checks only the role's trust policy (the token's claims are its condition keys).",
                        "呼び出し元は {0} でサインインし、そのトークンを持っています。IAM のアイデンティティベースのポリシーはないので、STS はロールの信頼ポリシーだけを確認します (トークンのクレームは条件キーになります)。",
                    ],
                    &[provider_name(p)],
                ),
                Asker::Service(svc) => tr(
                    lang,
                    [
                        "{0} is an AWS service: it has no identity-based policy, so STS goes straight to the role's trust policy.",
                        "{0} は AWS のサービスで、アイデンティティベースのポリシーはありません。STS はそのままロールの信頼ポリシーを確認します。",
                    ],
                    &[svc],
                ),
                Asker::Person => return None,
            },
            None,
        ),
        (Phase::Identity, FlowState::Allowed) => {
            let l = StatementLink::new(&first_statement(checks.iter().filter(|c| !c.is_resource_side()), Effect::Allow)?.statement);
            let text = tr(
                lang,
                ["Statement {0} of {1}'s policy {2} allows {3} on {4}{5}.", "{1} のポリシー {2} のステートメント {0} が、{4} への {3} を許可しています{5}。"],
                &[&l.label(), &who, &l.policy_name, action, role, &conditions(lang, l.conditions, true)],
            );
            Sentence::new(text, Some(l))
        }
        (Phase::Identity, FlowState::NotNeeded) => {
            let m = first_statement(trust_side(), Effect::Allow);
            let how = match m.map(|m| m.grant) {
                Some(Grant::Anyone) => pick(lang, ["trusts everyone (\"*\")", "すべてのプリンシパル (\"*\") を信頼しています"]).to_string(),
                Some(Grant::Role) => tr(lang, ["names {0}'s role", "{0} のロールを指定しています"], &[&who]),
                _ => tr(lang, ["names {0} itself", "{0} 自身を指定しています"], &[&who]),
            };
            Sentence::new(
                tr(
                    lang,
                    [
                        "Not needed: no identity-based policy of {0} allows {1}, and none has to. {0} is in the role's own account and the trust policy {2}, which is enough on its own there (the exception for the same account).",
                        "不要です。{0} のアイデンティティベースのポリシーは {1} を許可していませんが、許可は必要ありません。{0} はロールと同じアカウントにあり、信頼ポリシーが{2}。同じアカウント内ではそれだけで足ります (同一アカウントの例外)。",
                    ],
                    &[&who, action, &how],
                ),
                m.map(|m| StatementLink::new(&m.statement)),
            )
        }
        (Phase::Identity, FlowState::Denied) => identity_denied(lang, r, &who, role, action),
        (Phase::Request, FlowState::Sent) => {
            let (t, caller) = match asker(r) {
                Asker::Federated(p) => (
                    [
                        "The holder of a token from {0} calls {1} for {2}{3}.",
                        "{0} のトークンを持つ呼び出し元が、{2} に対する {1} を呼び出します{3}。",
                    ],
                    provider_name(p).to_string(),
                ),
                Asker::Service(svc) => (["{0} sends {1} for {2}{3} to STS.", "{0} が {2} に対する {1} を STS に送ります{3}。"], svc.to_string()),
                Asker::Person => (["{0} sends {1} for {2}{3} to STS.", "{0} が {2} に対する {1} を STS に送ります{3}。"], who.clone()),
            };
            Sentence::new(tr(lang, t, &[&caller, action, role, &session_name(lang, r)]), None)
        }
        (Phase::Request, FlowState::Rejected | FlowState::Error) => {
            let base = pick(
                lang,
                if state == FlowState::Rejected {
                    ["STS rejects the request itself, before looking at any policy.", "STS は、どのポリシーも評価する前にリクエスト自体を却下します。"]
                } else {
                    [
                        "The caller's credentials do not work, so STS does not take the request.",
                        "呼び出し元の認証情報が使えないので、STS はリクエストを受け付けません。",
                    ]
                },
            );
            let text = match &r.explanation {
                Some(e) => join(lang, base, &explanation_text(lang, e)),
                None => base.to_string(),
            };
            Sentence::new(text, None)
        }
        (Phase::Trust, FlowState::Allowed) => {
            let l = first_statement(trust_side(), Effect::Allow).map(|m| StatementLink::new(&m.statement));
            let (label, n) = l.as_ref().map(|l| (l.label(), l.conditions)).unwrap_or_default();
            let text = tr(
                lang,
                ["Statement {0} of {1}'s trust policy trusts the caller{2}.", "{1} の信頼ポリシーのステートメント {0} が呼び出し元を信頼しています{2}。"],
                &[&label, role, &conditions(lang, n, false)],
            );
            Sentence::new(text, l)
        }
        (Phase::Trust, FlowState::Denied) => {
            if let Some(m) = first_statement(trust_side(), Effect::Deny).filter(|_| r.outcome == Some(Outcome::ExplicitDeny)) {
                let l = StatementLink::new(&m.statement);
                let text = tr(
                    lang,
                    ["Statement {0} of the trust policy explicitly denies the caller.", "信頼ポリシーのステートメント {0} が呼び出し元を明示的に拒否しています。"],
                    &[&l.label()],
                );
                Sentence::new(text, Some(l))
            } else {
                let misses = || trust_side().flat_map(|c| c.not_applied.iter());
                let why = misses().find(|n| n.reason == Unmet::Condition).or_else(|| misses().find(|n| n.reason == Unmet::Principal));
                let base = tr(
                    lang,
                    ["{0}'s trust policy does not trust {1}: implicit deny.", "{0} の信頼ポリシーは {1} を信頼していません (暗黙的な拒否)。"],
                    &[role, &who],
                );
                let text = match why {
                    Some(n) => join(lang, &base, &capitalize(&not_applied_text(lang, n, r.principal.as_deref()), lang)),
                    None => base,
                };
                Sentence::new(text, why.map(|n| StatementLink::new(&n.statement)))
            }
        }
        (Phase::Issue, FlowState::Allowed) => {
            let c = r.credentials.as_ref()?;
            let arn = r.assumed_role_user.as_ref().map(|u| u.arn.as_str()).unwrap_or_default();
            let secs = policy::time::parse_datetime(&c.expiration).zip(r.event.as_ref().map(sts::event::Event::time)).map(|(e, t)| e - t);
            let mut d = secs.map(|s| duration_text(lang, s)).unwrap_or_default();
            // AWS documents no duration for the sessions services hold.
            if matches!(asker(r), Asker::Service(_)) {
                d.push_str(pick(lang, [", roleplay's choice for a service's session", "。サービスのセッションの長さは roleplay の選択です"]));
            }
            let text = tr(
                lang,
                [
                    "STS issues {0} (valid {1}, until {2}). The caller now wears the role's hat as {3}.",
                    "STS が {0} を発行します (有効期間 {1}、{2} まで)。呼び出し元は {3} としてロールの帽子をかぶります。",
                ],
                &[&c.access_key_id, &d, &c.expiration, arn],
            );
            Sentence::new(text, None)
        }
        _ => return None,
    };
    Some(s)
}

fn identity_denied(lang: Lang, r: &StepReport, who: &str, role: &str, action: &str) -> Sentence {
    let checks = r.checks.as_deref().unwrap_or(&[]);
    let caller_side = || checks.iter().filter(|c| !c.is_resource_side());
    if let Some(m) = first_statement(caller_side(), Effect::Deny).filter(|_| r.outcome == Some(Outcome::ExplicitDeny)) {
        let l = StatementLink::new(&m.statement);
        let text = tr(
            lang,
            [
                "Statement {0} of {1} explicitly denies {2}: an explicit deny beats every allow.",
                "{1} のステートメント {0} が {2} を明示的に拒否しています。明示的な拒否はどの許可よりも優先されます。",
            ],
            &[&l.label(), &l.policy_name, action],
        );
        return Sentence::new(text, Some(l));
    }
    let t = match r.reasons.iter().find(|x| matches!(**x, Reason::ScpNoAllow | Reason::BoundaryNoAllow | Reason::SessionNoAllow)) {
        Some(Reason::ScpNoAllow) => [
            "No service control policy of {0}'s account allows {1}: implicit deny.",
            "{0} のアカウントのサービスコントロールポリシー (SCP) が {1} を許可していません (暗黙的な拒否)。",
        ],
        Some(Reason::BoundaryNoAllow) => [
            "{0}'s permissions boundary does not allow {1}: implicit deny.",
            "{0} のアクセス許可の境界が {1} を許可していません (暗黙的な拒否)。",
        ],
        Some(_) => {
            ["The session policy does not allow {1}: implicit deny.", "セッションポリシーが {1} を許可していません (暗黙的な拒否)。"]
        }
        None => [
            "No statement in {0}'s identity policies allows {1} on {2}: implicit deny.",
            "{0} のアイデンティティベースのポリシーに、{2} への {1} を許可するステートメントがありません (暗黙的な拒否)。",
        ],
    };
    let text = tr(lang, t, &[who, action, role]);
    let why = caller_side().flat_map(|c| c.not_applied.iter()).find(|n| n.reason == Unmet::Condition);
    let text = match why {
        Some(n) => join(lang, &text, &capitalize(&not_applied_text(lang, n, None), lang)),
        None => text,
    };
    Sentence::new(text, why.map(|n| StatementLink::new(&n.statement)))
}
