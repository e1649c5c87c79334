//! One sentence in plain language for the decision at each flow step, and
//! the statement that decided it.

use policy::time::format_iso8601;
use policy::{CheckKind, Decision, Effect, PolicySource, Reason};
use sts::report::{CheckReport, ErrorCode, MatchedStatement, NotApplied, Outcome, StatementRef, StepReport, Unmet};
use sts::rules::Verdict;

use crate::i18n::Lang;
use crate::walk::{FlowState, Phase, View};

/// A statement a sentence points at (to highlight and jump to).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatementLink {
    pub policy_type: PolicySource,
    pub policy_name: String,
    pub sid: Option<String>,
    pub index: usize,
    pub start: (u32, u32),
    pub end: (u32, u32),
    /// Condition entries in the statement (all of them held if it matched).
    pub conditions: usize,
}

impl StatementLink {
    pub fn new(s: &StatementRef) -> Self {
        StatementLink {
            policy_type: s.policy_type,
            policy_name: s.policy_name.clone(),
            sid: s.sid.clone(),
            index: s.index,
            start: (s.start_position.line, s.start_position.column),
            end: (s.end_position.line, s.end_position.column),
            conditions: s.conditions,
        }
    }

    /// `"Sid"` or `#2`.
    pub fn label(&self) -> String {
        match &self.sid {
            Some(s) if !s.is_empty() => format!("\"{s}\""),
            _ => format!("#{}", self.index),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub text: String,
    pub statement: Option<StatementLink>,
}

fn pick(lang: Lang, en: String, ja: String) -> String {
    match lang {
        Lang::En => en,
        Lang::Ja => ja,
    }
}

/// The last segment of an ARN (`user/alice` → `alice`).
pub fn short(arn: &str) -> &str {
    arn.rsplit(['/', ':']).next().unwrap_or(arn)
}

fn first_statement<'a>(checks: impl Iterator<Item = &'a CheckReport>, effect: Effect) -> Option<&'a MatchedStatement> {
    checks.flat_map(|c| c.matched_statements.iter()).find(|m| m.effect == effect)
}

fn duration_text(lang: Lang, secs: i64) -> String {
    let (h, m) = (secs / 3600, (secs % 3600) / 60);
    match (lang, h, m) {
        (Lang::En, 0, m) => format!("{m} min"),
        (Lang::En, h, 0) => format!("{h} h"),
        (Lang::En, h, m) => format!("{h} h {m} min"),
        (Lang::Ja, 0, m) => format!("{m} 分"),
        (Lang::Ja, h, 0) => format!("{h} 時間"),
        (Lang::Ja, h, m) => format!("{h} 時間 {m} 分"),
    }
}

pub fn not_applied_text(lang: Lang, n: &NotApplied) -> String {
    let label = StatementLink::new(&n.statement).label();
    match n.reason {
        Unmet::Condition => {
            let key = n.condition_key.as_deref().unwrap_or("");
            let op = n.operator.as_deref().unwrap_or("");
            let want = n.policy_values.join(", ");
            let got = match &n.request_values {
                Some(Some(v)) if !v.is_empty() => v.join(", "),
                _ => pick(lang, "nothing (the key is absent)".into(), "キーなし".into()),
            };
            pick(
                lang,
                format!("statement {label} matches, but its condition {op} {key} [{want}] is false: the request has {got}"),
                format!("ステートメント {label} は一致しますが、条件 {op} {key} [{want}] が偽です (リクエストの値: {got})"),
            )
        }
        Unmet::Principal => pick(
            lang,
            format!("statement {label} names another principal"),
            format!("ステートメント {label} は別のプリンシパルを指定しています"),
        ),
        Unmet::Action => {
            pick(lang, format!("statement {label} is for other actions"), format!("ステートメント {label} の対象は別のアクションです"))
        }
        _ => pick(lang, format!("statement {label} is for other resources"), format!("ステートメント {label} の対象は別のリソースです")),
    }
}

/// Who made the request: `alice`, or for a role session `RoleA/alice`
/// (the session wears RoleA's hat, so it is not alice acting).
fn who_name(r: &StepReport) -> String {
    match r.principal.as_deref() {
        Some(p) => match p.split_once(":assumed-role/") {
            Some((_, rest)) => rest.to_string(),
            None => short(p).to_string(),
        },
        None => String::new(),
    }
}

/// The sentence for flow step `phase` of an AssumeRole report.
pub fn assume_sentence(lang: Lang, phase: Phase, state: FlowState, r: &StepReport, service: Option<&str>) -> Option<Sentence> {
    let checks = r.checks.as_deref().unwrap_or(&[]);
    let action = r.action.as_deref().unwrap_or("sts:AssumeRole");
    let who = who_name(r);
    let role = r.resource.as_deref().map(short).unwrap_or("");
    let caller_side = || checks.iter().filter(|c| !c.is_resource_side());
    let trust_side = || checks.iter().filter(|c| c.is_resource_side());
    let explicit = r.outcome == Some(Outcome::ExplicitDeny);
    let s = match (phase, state) {
        (Phase::Identity, FlowState::Skipped) => {
            let svc = service.unwrap_or("");
            Sentence {
                text: pick(
                    lang,
                    format!("{svc} has no identity policy: STS goes straight to the role's trust policy."),
                    format!("{svc} にはアイデンティティベースのポリシーがありません。STS はそのままロールの信頼ポリシーを確認します。"),
                ),
                statement: None,
            }
        }
        (Phase::Identity, FlowState::Allowed) => match first_statement(caller_side(), Effect::Allow) {
            Some(m) => {
                let l = StatementLink::new(&m.statement);
                let conds = match (l.conditions, lang) {
                    (0, _) => String::new(),
                    (n, Lang::En) => format!(" (its {n} condition{} hold{})", if n == 1 { "" } else { "s" }, if n == 1 { "s" } else { "" }),
                    (n, Lang::Ja) => format!(" ({n} 個の条件も満たされています)"),
                };
                Sentence {
                    text: pick(
                        lang,
                        format!("Statement {} of {}'s policy {} allows {action} on {role}{conds}.", l.label(), who, l.policy_name),
                        format!("{} のポリシー {} のステートメント {} が、{role} への {action} を許可しています{conds}。", who, l.policy_name, l.label()),
                    ),
                    statement: Some(l),
                }
            }
            None => Sentence {
                text: pick(
                    lang,
                    format!("No identity policy of {who} allows it, but none is needed: the trust policy names {who} itself in the role's own account."),
                    format!("{who} のアイデンティティベースのポリシーに許可はありませんが、{who} はロールと同じアカウントにあり、信頼ポリシーが {who} 自身を指定しているため、その許可は不要です。"),
                ),
                statement: first_statement(trust_side(), Effect::Allow).map(|m| StatementLink::new(&m.statement)),
            },
        },
        (Phase::Identity, FlowState::Denied) => {
            if let Some(m) = first_statement(caller_side(), Effect::Deny).filter(|_| explicit) {
                let l = StatementLink::new(&m.statement);
                Sentence {
                    text: pick(
                        lang,
                        format!("Statement {} of {} explicitly denies {action}: an explicit deny beats every allow.", l.label(), l.policy_name),
                        format!("{} のステートメント {} が {action} を明示的に拒否しています。明示的な拒否はどの許可よりも優先されます。", l.policy_name, l.label()),
                    ),
                    statement: Some(l),
                }
            } else {
                let limited = r.reasons.iter().find(|x| matches!(**x, Reason::ScpNoAllow | Reason::BoundaryNoAllow | Reason::SessionNoAllow));
                let text = match limited.copied() {
                    Some(Reason::ScpNoAllow) => pick(
                        lang,
                        format!("No service control policy of {who}'s account allows {action}: implicit deny."),
                        format!("{who} のアカウントのサービスコントロールポリシー (SCP) が {action} を許可していません (暗黙的な拒否)。"),
                    ),
                    Some(Reason::BoundaryNoAllow) => pick(
                        lang,
                        format!("{who}'s permissions boundary does not allow {action}: implicit deny."),
                        format!("{who} のアクセス許可の境界が {action} を許可していません (暗黙的な拒否)。"),
                    ),
                    Some(_) => pick(
                        lang,
                        format!("The session policy does not allow {action}: implicit deny."),
                        format!("セッションポリシーが {action} を許可していません (暗黙的な拒否)。"),
                    ),
                    None => pick(
                        lang,
                        format!("No statement in {who}'s identity policies allows {action} on {role}: implicit deny."),
                        format!("{who} のアイデンティティベースのポリシーに、{role} への {action} を許可するステートメントがありません (暗黙的な拒否)。"),
                    ),
                };
                let why = caller_side().flat_map(|c| c.not_applied.iter()).find(|n| n.reason == Unmet::Condition);
                let text = match why {
                    Some(n) => join(lang, &text, &capitalize(&not_applied_text(lang, n), lang)),
                    None => text,
                };
                Sentence { text, statement: why.map(|n| StatementLink::new(&n.statement)) }
            }
        }
        (Phase::Request, FlowState::Error) => Sentence {
            text: pick(
                lang,
                format!(
                    "STS rejects the request before looking at any policy: {} — {}",
                    r.error_code.map_or("", ErrorCode::as_str),
                    r.message.as_deref().unwrap_or("")
                ),
                format!(
                    "STS はポリシーを評価する前にエラーを返します: {} — {}",
                    r.error_code.map_or("", ErrorCode::as_str),
                    r.message.as_deref().unwrap_or("")
                ),
            ),
            statement: None,
        },
        (Phase::Request, _) => {
            let name = r.assumed_role_user.as_ref().map(|u| short(&u.arn).to_string());
            let caller = if who.is_empty() { service.unwrap_or("").to_string() } else { who.clone() };
            let name = name.map(|n| format!(" (RoleSessionName \"{n}\")")).unwrap_or_default();
            Sentence {
                text: pick(
                    lang,
                    format!("{caller} sends {action} for {role}{name} to STS."),
                    format!("{caller} が {role} に対する {action}{name} を STS に送ります。"),
                ),
                statement: None,
            }
        }
        (Phase::Trust, FlowState::Allowed) => {
            let m = first_statement(trust_side(), Effect::Allow);
            let l = m.map(|m| StatementLink::new(&m.statement));
            let label = l.as_ref().map(StatementLink::label).unwrap_or_default();
            let text = match l.as_ref().map_or(0, |l| l.conditions) {
                0 => pick(
                    lang,
                    format!("Statement {label} of {role}'s trust policy trusts the caller."),
                    format!("{role} の信頼ポリシーのステートメント {label} が呼び出し元を信頼しています。"),
                ),
                n => pick(
                    lang,
                    format!("Statement {label} of {role}'s trust policy trusts the caller, and its {n} condition{} hold{} for this request.", if n == 1 { "" } else { "s" }, if n == 1 { "s" } else { "" }),
                    format!("{role} の信頼ポリシーのステートメント {label} が呼び出し元を信頼しており、{n} 個の条件もこのリクエストで満たされています。"),
                ),
            };
            Sentence { text, statement: l }
        }
        (Phase::Trust, FlowState::Denied) => {
            if let Some(m) = first_statement(trust_side(), Effect::Deny).filter(|_| explicit) {
                let l = StatementLink::new(&m.statement);
                Sentence {
                    text: pick(
                        lang,
                        format!("Statement {} of the trust policy explicitly denies the caller.", l.label()),
                        format!("信頼ポリシーのステートメント {} が呼び出し元を明示的に拒否しています。", l.label()),
                    ),
                    statement: Some(l),
                }
            } else {
                let why = trust_side().flat_map(|c| c.not_applied.iter()).find(|n| n.reason == Unmet::Condition);
                let base = pick(
                    lang,
                    format!("{role}'s trust policy does not trust {who}: implicit deny."),
                    format!("{role} の信頼ポリシーは {who} を信頼していません (暗黙的な拒否)。"),
                );
                let text = match why {
                    Some(n) => join(lang, &base, &capitalize(&not_applied_text(lang, n), lang)),
                    None => base,
                };
                Sentence { text, statement: why.map(|n| StatementLink::new(&n.statement)) }
            }
        }
        (Phase::Issue, FlowState::Allowed) => {
            let c = r.credentials.as_ref()?;
            let arn = r.assumed_role_user.as_ref().map(|u| u.arn.clone()).unwrap_or_default();
            let secs = policy::time::parse_datetime(&c.expiration).zip(r.event.as_ref().and_then(|e| event_time(e))).map(|(e, t)| e - t);
            let d = secs.map(|s| duration_text(lang, s)).unwrap_or_default();
            Sentence {
                text: pick(
                    lang,
                    format!("STS issues {} (valid {d}, until {}). The caller now wears the role's hat as {arn}.", c.access_key_id, c.expiration),
                    format!("STS が {} を発行します (有効期間 {d}、{} まで)。呼び出し元は {arn} としてロールの帽子をかぶります。", c.access_key_id, c.expiration),
                ),
                statement: None,
            }
        }
        _ => return None,
    };
    Some(s)
}

fn event_time(e: &serde_json::Value) -> Option<i64> {
    e.get("eventTime").and_then(|v| v.as_str()).and_then(policy::time::parse_datetime)
}

/// Two sentences: a space between them in English, none in Japanese.
fn join(lang: Lang, a: &str, b: &str) -> String {
    match lang {
        Lang::En => format!("{a} {b}"),
        Lang::Ja => format!("{a}{b}"),
    }
}

fn capitalize(s: &str, lang: Lang) -> String {
    if lang == Lang::Ja {
        return format!("{s}。");
    }
    let mut c = s.chars();
    match c.next() {
        Some(f) => format!("{}{}.", f.to_uppercase(), c.as_str()),
        None => String::new(),
    }
}

/// The sentence for a call made with credentials: ⑤ with a role session,
/// or a user's call with its own long-term credentials.
pub fn call_sentence(lang: Lang, r: &StepReport) -> Sentence {
    // A rule AWS applies outside the policies: it decided, or it says how
    // the policies decided.
    match r.rule {
        Some(rule) if rule.verdict() != Verdict::Note => Sentence { text: rule.explain(lang.code()).to_string(), statement: None },
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
    match (r.outcome, r.error_code) {
        (Some(Outcome::Allowed), _) => {
            let l = first_statement(checks.iter(), Effect::Allow).map(|m| StatementLink::new(&m.statement));
            let (label, name) = l.as_ref().map(|l| (l.label(), l.policy_name.clone())).unwrap_or_default();
            let text = if with_role {
                pick(
                    lang,
                    format!("Statement {label} of the role's policy {name} allows {action}."),
                    format!("ロールのポリシー {name} のステートメント {label} が {action} を許可しています。"),
                )
            } else {
                pick(lang, format!("Statement {label} of {name} allows {action} for {who}."), format!("{name} のステートメント {label} が {who} に {action} を許可しています。"))
            };
            Sentence { text, statement: l }
        }
        (Some(Outcome::ExplicitDeny), _) => {
            let l = first_statement(checks.iter(), Effect::Deny).map(|m| StatementLink::new(&m.statement));
            let (label, name) = l.as_ref().map(|l| (l.label(), l.policy_name.clone())).unwrap_or_default();
            Sentence {
                text: pick(
                    lang,
                    format!("Statement {label} of {name} explicitly denies {action}: an explicit deny beats every allow."),
                    format!("{name} のステートメント {label} が {action} を明示的に拒否しています。明示的な拒否はどの許可よりも優先されます。"),
                ),
                statement: l,
            }
        }
        (Some(Outcome::ImplicitDeny), _) => {
            let denied_extra = checks.iter().find(|c| c.action.is_some() && c.decision != Decision::Allow).and_then(|c| c.action.clone());
            let text = match (denied_extra, with_role) {
                (Some(extra), _) => pick(
                    lang,
                    format!("{action} itself is allowed, but it also needs {extra}, which nothing allows: implicit deny."),
                    format!("{action} 自体は許可されていますが、{extra} も必要で、それを許可するものがありません (暗黙的な拒否)。"),
                ),
                (None, with_role) => {
                    let allowed = |k: CheckKind| checks.iter().any(|c| c.check == k && c.decision == Decision::Allow && c.action.is_none());
                    let whose = if with_role {
                        pick(lang, "The role's permission policy".into(), "ロールの許可ポリシー".into())
                    } else {
                        pick(lang, format!("{who}'s identity policy"), format!("{who} のアイデンティティベースのポリシー"))
                    };
                    match r.reasons.first().copied() {
                        Some(Reason::BoundaryNoAllow) => pick(
                            lang,
                            format!("{whose} allows {action}, but the permissions boundary does not: a boundary caps what identity policies can grant (implicit deny)."),
                            format!("{whose}は {action} を許可していますが、アクセス許可の境界が許可していません。境界はアイデンティティベースのポリシーで付与できる権限の上限です (暗黙的な拒否)。"),
                        ),
                        Some(Reason::SessionNoAllow) => pick(
                            lang,
                            format!("{whose} allows {action}, but the session policy passed with AssumeRole does not: a session gets only what both allow (implicit deny)."),
                            format!("{whose}は {action} を許可していますが、AssumeRole で渡したセッションポリシーが許可していません。セッションが使えるのは両方が許可する権限だけです (暗黙的な拒否)。"),
                        ),
                        Some(Reason::ScpNoAllow) => pick(
                            lang,
                            format!("No service control policy of the account allows {action}: implicit deny."),
                            format!("アカウントのサービスコントロールポリシー (SCP) が {action} を許可していません (暗黙的な拒否)。"),
                        ),
                        Some(Reason::ResourceNoAllow) if allowed(CheckKind::Identity) => pick(
                            lang,
                            format!("{whose} allows {action}, but the resource is in another account and its resource policy does not allow {who}: across accounts both sides must allow (implicit deny)."),
                            format!("{whose}は {action} を許可していますが、リソースは別のアカウントにあり、そのリソースベースのポリシーが {who} を許可していません。アカウントをまたぐ場合は双方の許可が必要です (暗黙的な拒否)。"),
                        ),
                        Some(Reason::IdentityNoAllow) if allowed(CheckKind::Resource) => pick(
                            lang,
                            format!("The resource policy allows {who}, but across accounts {who}'s own identity policies must allow {action} too, and none does (implicit deny)."),
                            format!("リソースベースのポリシーは {who} を許可していますが、アカウントをまたぐ場合は {who} 自身のアイデンティティベースのポリシーでも {action} の許可が必要で、それがありません (暗黙的な拒否)。"),
                        ),
                        _ if with_role => pick(
                            lang,
                            format!("No statement in the role's policies allows {action}: the caller's own permissions were set aside when it put on the role's hat."),
                            format!("ロールのポリシーに {action} を許可するステートメントがありません。ロールの帽子をかぶっている間、呼び出し元自身の権限は使えません。"),
                        ),
                        _ => pick(
                            lang,
                            format!("No statement in {who}'s policies allows {action}: implicit deny."),
                            format!("{who} のポリシーに {action} を許可するステートメントがありません (暗黙的な拒否)。"),
                        ),
                    }
                }
            };
            let why = checks.iter().flat_map(|c| c.not_applied.iter()).find(|n| n.reason == Unmet::Condition);
            let text = match why {
                Some(n) => join(lang, &text, &capitalize(&not_applied_text(lang, n), lang)),
                None => text,
            };
            Sentence { text, statement: why.map(|n| StatementLink::new(&n.statement)) }
        }
        (_, Some(ErrorCode::ExpiredToken)) => Sentence {
            text: pick(
                lang,
                "The session's credentials have expired: every request made with them fails with ExpiredToken. Assume the role again for fresh ones (the right to assume it has not expired).".into(),
                "セッションの認証情報の有効期限が切れています。これを使うリクエストはすべて ExpiredToken で失敗します。もう一度ロールを引き受ければ新しい認証情報を受け取れます (引き受ける権利は失効していません)。".into(),
            ),
            statement: None,
        },
        (_, code) => Sentence {
            text: format!("{} — {}", code.map_or("error", ErrorCode::as_str), r.message.as_deref().unwrap_or("")),
            statement: None,
        },
    }
}

/// The outcome flow step `phase` stands for in `v`: ⑤ the call's own,
/// ①–④ that of the AssumeRole drawn.
pub fn flow_outcome(v: &View, phase: Phase) -> Option<Outcome> {
    match phase {
        Phase::Act => v.report.as_ref().and_then(|r| r.outcome),
        _ => v.assume.as_ref().and_then(|(_, r)| r.outcome),
    }
}

/// The sentence for flow step `phase` as `v` shows it: `None` while it is
/// undecided (or ⑤ of an AssumeRole). `service` names a service caller.
pub fn flow_sentence(lang: Lang, v: &View, phase: Phase, service: Option<&str>) -> Option<Sentence> {
    let state = *v.flow.get(phase.number().checked_sub(1)?)?;
    match phase {
        Phase::Act => {
            let r = v.report.as_ref().filter(|r| r.flow.is_none() && r.advance.is_none())?;
            state.is_decided().then(|| call_sentence(lang, r))
        }
        _ if state.is_decided() || state == FlowState::Skipped => {
            v.assume.as_ref().and_then(|(_, r)| assume_sentence(lang, phase, state, r, service))
        }
        _ => None,
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
