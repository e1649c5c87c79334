//! The human form of `roleplay run`: a readable, optionally coloured trace.

use std::fmt::Write as _;

use policy::{CheckKind, Effect};
use sts::report::{reason_code, CheckReport, ErrorCode, Explanation, Outcome, PhaseState, StatementRef, StepReport, Unmet};
use sts::scenario::{AssumeKind, CallerSpec, StepKind};
use sts::{Report, Scenario};

struct Style {
    on: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn bold(&self, s: &str) -> String {
        self.paint("1", s)
    }
    fn dim(&self, s: &str) -> String {
        self.paint("2", s)
    }
    fn outcome(&self, o: Outcome) -> String {
        let code = match o {
            Outcome::Allowed => "1;32",
            Outcome::ExplicitDeny => "1;31",
            Outcome::ImplicitDeny => "1;33",
            Outcome::Error => "1;35",
        };
        self.paint(code, o.as_str())
    }
}

struct Words {
    clock: &'static str,
    identity: &'static str,
    request: &'static str,
    trust: &'static str,
    issued: &'static str,
    acts: &'static str,
    skipped_service: &'static str,
    skipped_federated: &'static str,
    saml_name: &'static str,
    explain: &'static str,
    expired_at: &'static str,
    no_credentials: &'static str,
    max_duration: &'static str,
    duplicate_tag: &'static str,
    policy_length: &'static str,
    not_applied: &'static str,
    refreshed: &'static str,
    refresh_denied: &'static str,
    expires: &'static str,
    summary: &'static str,
    session_of: &'static str,
    session_of_after: &'static str,
    refreshed_of: [&'static str; 2],
    original_of: [&'static str; 2],
    no_statement: &'static str,
    states: [&'static str; 9],
}

const EN: Words = Words {
    clock: "clock",
    identity: "identity policy check",
    request: "AssumeRole request",
    trust: "trust policy check",
    issued: "temporary credentials",
    acts: "acts with the role's permissions (its own are set aside)",
    skipped_service: "skipped: a service principal has no identity policy",
    skipped_federated: "skipped: a federated caller (holding the identity provider's token) has no identity policy",
    saml_name: "session name from the SAML assertion's RoleSessionName attribute:",
    explain: "roleplay",
    expired_at: "the credentials of step {k} expired at {at}; the same AssumeRole made now:",
    no_credentials: "step {k} issued no credentials",
    max_duration: "the role's MaxSessionDuration is {n} seconds",
    duplicate_tag: "the duplicate key is `{key}`",
    policy_length: "the session policy has {n} characters (whitespace counted), over AWS's {limit}; the packed-size limit (PackedPolicyTooLarge) is not simulated",
    not_applied: "did not apply",
    refreshed: "refreshed the credentials of step",
    refresh_denied: "could not refresh the credentials of step",
    expires: "expires",
    summary: "steps",
    session_of: "session of step",
    session_of_after: "",
    refreshed_of: ["refreshed credentials of step", ""],
    original_of: ["original credentials of step", ""],
    no_statement: "no statement in these policies allows it",
    states: ["allowed", "denied", "error", "skipped", "issued", "not needed (same account)", "sent", "rejected", "not reached"],
};

const JA: Words = Words {
    clock: "時刻",
    identity: "アイデンティティベースのポリシーの確認",
    request: "AssumeRole リクエスト",
    trust: "信頼ポリシーの確認",
    issued: "一時的な認証情報",
    acts: "ロールの許可ポリシーで操作（自分の権限は使わない）",
    skipped_service: "省略: サービスプリンシパルにはアイデンティティベースのポリシーがない",
    skipped_federated: "省略: フェデレーションの呼び出し元 (ID プロバイダーのトークンを持つ) にはアイデンティティベースのポリシーがない",
    saml_name: "SAML アサーションの RoleSessionName 属性によるロールセッション名:",
    explain: "roleplay",
    expired_at: "ステップ {k} の認証情報は {at} に期限切れ。同じ AssumeRole を今行うと:",
    no_credentials: "ステップ {k} は認証情報を発行していない",
    max_duration: "ロールの MaxSessionDuration は {n} 秒",
    duplicate_tag: "重複したキーは `{key}`",
    policy_length: "セッションポリシーは {n} 文字 (空白を含む) で AWS の上限 {limit} 文字を超えている。パック後のサイズの上限 (PackedPolicyTooLarge) はシミュレーションしない",
    not_applied: "適用されなかった",
    refreshed: "認証情報を自動更新: ステップ",
    refresh_denied: "認証情報を更新できなかった: ステップ",
    expires: "有効期限",
    summary: "ステップ",
    session_of: "ステップ",
    session_of_after: " のセッション",
    refreshed_of: ["ステップ", " の更新された認証情報"],
    original_of: ["ステップ", " が発行した元の認証情報"],
    no_statement: "これを許可するステートメントがない",
    states: ["許可", "拒否", "エラー", "省略", "発行", "不要 (同じアカウント)", "送信", "却下", "未到達"],
};

pub fn render(s: &Scenario, r: &Report, fixes: &[lint::fix::StepFixes], lang: &str, color: bool) -> String {
    let st = Style { on: color };
    let w = if lang == "ja" { &JA } else { &EN };
    let mut out = String::new();
    let _ = writeln!(out, "{}", st.bold(s.title.get(lang)));
    if let Some(d) = &s.description {
        let _ = writeln!(out, "{}", st.dim(d.get(lang)));
    }
    let _ = writeln!(out, "{} {}", w.clock, policy::time::format_iso8601(s.clock));
    for (step, rep) in s.steps.iter().zip(&r.steps) {
        out.push('\n');
        match &step.kind {
            StepKind::Advance(n) => {
                let _ = writeln!(out, "{} +{n}s → {}", st.bold(&format!("[{}] ⏱", rep.step)), rep.clock.as_deref().unwrap_or(""));
                for f in &rep.refreshes {
                    if f.outcome == Outcome::Allowed {
                        let _ = writeln!(
                            out,
                            "    ↻ {} {} at {}: {} ({} {}){}",
                            w.refreshed,
                            f.session,
                            f.at,
                            f.access_key_id.as_deref().unwrap_or(""),
                            w.expires,
                            f.expiration.as_deref().unwrap_or(""),
                            if f.more > 0 { format!(" … +{}", f.more) } else { String::new() }
                        );
                    } else {
                        let _ = writeln!(out, "    ↻ {} {} at {}: {}", w.refresh_denied, f.session, f.at, st.outcome(f.outcome));
                    }
                }
            }
            StepKind::Assume(a) => {
                let who = caller_text(&a.caller, rep, r, w);
                let _ = writeln!(
                    out,
                    "{} {}  {} → {}",
                    st.bold(&format!("[{}]", rep.step)),
                    st.bold(rep.action.as_deref().unwrap_or("")),
                    who,
                    rep.resource.as_deref().unwrap_or("")
                );
                note(&mut out, step.note.as_ref(), lang, &st);
                let flow = rep.flow.unwrap_or([PhaseState::Pending; 4]);
                let [f1, f2, f3, f4] = flow;
                let idc: Vec<&CheckReport> = rep.checks.iter().flatten().filter(|c| c.check != CheckKind::Trust).collect();
                if f1 == PhaseState::Skipped {
                    let why = if matches!(a.caller, CallerSpec::Federated(_)) { w.skipped_federated } else { w.skipped_service };
                    let _ = writeln!(out, "  ① {}: {}", w.identity, st.dim(why));
                } else {
                    let _ = writeln!(out, "  ① {}: {}", w.identity, phase(&st, w, f1));
                    for c in &idc {
                        check_lines(&mut out, c, &st, w);
                    }
                }
                let mut req = String::new();
                let name = rep.assumed_role_user.as_ref().and_then(|u| u.arn.rsplit('/').next()).or(a.session_name.as_deref());
                match (name, a.kind) {
                    // AssumeRoleWithSAML has no RoleSessionName parameter.
                    (Some(n), AssumeKind::WithSaml) => {
                        let _ = write!(req, "({} {n}) ", w.saml_name);
                    }
                    (Some(n), _) => {
                        let _ = write!(req, "RoleSessionName={n} ");
                    }
                    (None, _) => {}
                }
                let _ = write!(req, "DurationSeconds={}", a.duration.unwrap_or(3600));
                if a.external_id.is_some() {
                    req.push_str(" ExternalId=…");
                }
                if a.policy.is_some() {
                    req.push_str(" Policy=…");
                }
                if !a.tags.is_empty() {
                    let _ = write!(req, " Tags={}", a.tags.len());
                }
                let _ = writeln!(out, "  ② {}: {} {}", w.request, phase(&st, w, f2), st.dim(&req));
                if matches!(f2, PhaseState::Error | PhaseState::Rejected) {
                    outcome_line(&mut out, rep, &st, w);
                    fix_lines(&mut out, fixes, rep.step, lang, &st);
                    continue;
                }
                let _ = writeln!(out, "  ③ {}: {}", w.trust, phase(&st, w, f3));
                for c in rep.checks.iter().flatten().filter(|c| c.check == CheckKind::Trust) {
                    check_lines(&mut out, c, &st, w);
                }
                if let (Some(c), Some(u)) = (&rep.credentials, &rep.assumed_role_user) {
                    let issued = if f4 == PhaseState::Allowed { st.paint("32", w.states[4]) } else { phase(&st, w, f4) };
                    let _ = writeln!(out, "  ④ {}: {}", w.issued, issued);
                    let _ = writeln!(out, "       AccessKeyId     {}", c.access_key_id);
                    let _ = writeln!(out, "       SecretAccessKey {}…", c.secret_access_key.chars().take(4).collect::<String>());
                    let _ = writeln!(out, "       SessionToken    {}…", c.session_token.chars().take(24).collect::<String>());
                    let _ = writeln!(out, "       Expiration      {}", c.expiration);
                    let _ = writeln!(out, "       AssumedRoleUser {}", u.arn);
                } else {
                    let _ = writeln!(out, "  ④ {}: {}", w.issued, phase(&st, w, f4));
                }
                outcome_line(&mut out, rep, &st, w);
                fix_lines(&mut out, fixes, rep.step, lang, &st);
            }
            StepKind::SessionToken(t) => {
                session_token(&mut out, s, t, rep, step.note.as_ref(), lang, &st);
                outcome_line(&mut out, rep, &st, w);
            }
            StepKind::Call(c) => {
                let who = caller_text(&c.caller, rep, r, w);
                // A role session's call is ⑤; a user's own temporary
                // credentials (GetSessionToken) keep the user's permissions.
                let role_session =
                    c.caller.session_step().is_some_and(|k| matches!(s.steps.get(k).map(|x| &x.kind), Some(StepKind::Assume(_))));
                let fifth = if role_session { "⑤ " } else { "" };
                let _ = writeln!(
                    out,
                    "{} {}{}  {} on {}",
                    st.bold(&format!("[{}]", rep.step)),
                    fifth,
                    st.bold(rep.action.as_deref().unwrap_or("")),
                    who,
                    rep.resource.as_deref().unwrap_or("*")
                );
                note(&mut out, step.note.as_ref(), lang, &st);
                if role_session && rep.error_code != Some(ErrorCode::ExpiredToken) {
                    let _ = writeln!(out, "  {}", st.dim(w.acts));
                }
                for ch in rep.checks.iter().flatten() {
                    check_lines(&mut out, ch, &st, w);
                }
                if let Some(rule) = rep.rule {
                    let _ = writeln!(out, "  ⚑ {} {}", rule.explain(lang), st.dim(&format!("({})", rule.source())));
                }
                outcome_line(&mut out, rep, &st, w);
                fix_lines(&mut out, fixes, rep.step, lang, &st);
            }
        }
    }
    let n = r.steps.len();
    let _ = writeln!(out, "\n{n} {}", w.summary);
    out
}

/// The verified fixes of a denied or failed step, best first.
fn fix_lines(out: &mut String, fixes: &[lint::fix::StepFixes], step: usize, lang: &str, st: &Style) {
    let Some(sf) = fixes.iter().find(|f| f.step == step) else { return };
    let l = if lang == "ja" { lint::Lang::Ja } else { lint::Lang::En };
    let title = if lang == "ja" { "修正案" } else { "how to fix" };
    if sf.fixes.is_empty() {
        return;
    }
    let _ = writeln!(out, "  {}", st.bold(&format!("✎ {title}:")));
    for (n, f) in sf.fixes.iter().enumerate() {
        let _ = writeln!(out, "    {}. {}", n + 1, f.reason.get(l));
        for e in &f.edits {
            let at = match (&e.policy, e.in_policy_text) {
                (Some(p), true) => format!("{} {}:{}", p, e.start.line, e.start.column),
                _ => format!("{} (line {}:{})", e.path, e.start.line, e.start.column),
            };
            let verb = if e.span.is_empty() { "insert" } else { "replace with" };
            let _ = writeln!(out, "       {} {verb} {}", st.dim(&at), e.replacement);
        }
    }
}

/// An `sts:GetSessionToken` step: the user and the long-term key it is
/// called with, the request, and the temporary credentials it returned.
fn session_token(
    out: &mut String,
    s: &Scenario,
    t: &sts::scenario::SessionTokenStep,
    rep: &StepReport,
    n: Option<&sts::scenario::Text>,
    lang: &str,
    st: &Style,
) {
    let ja = lang == "ja";
    let key = sts::long_term_key(s, t.user).map(|k| k.access_key_id);
    let _ = writeln!(
        out,
        "{} {}  {} ({} {})",
        st.bold(&format!("[{}]", rep.step)),
        st.bold(rep.action.as_deref().unwrap_or("")),
        rep.principal.as_deref().unwrap_or(""),
        if ja { "長期的なアクセスキー" } else { "long-term access key" },
        key.unwrap_or_default()
    );
    note(out, n, lang, st);
    let mut req = format!("DurationSeconds={}", t.duration.unwrap_or(43_200));
    if let Some(sn) = &t.serial_number {
        let _ = write!(req, " SerialNumber={sn} TokenCode=…");
    }
    let state = match rep.outcome {
        Some(Outcome::Error) => st.paint("35", if ja { "エラー" } else { "error" }),
        _ => st.paint("32", if ja { "許可" } else { "allowed" }),
    };
    let what = if ja {
        "GetSessionToken リクエスト (ポリシーは評価されない)"
    } else {
        "GetSessionToken request (no policy decides)"
    };
    let _ = writeln!(out, "  {what}: {state} {}", st.dim(&req));
    if let Some(c) = &rep.credentials {
        let _ = writeln!(out, "  {}:", if ja { "一時的な認証情報" } else { "temporary credentials" });
        let _ = writeln!(out, "       AccessKeyId     {}", c.access_key_id);
        let _ = writeln!(out, "       SecretAccessKey {}…", c.secret_access_key.chars().take(4).collect::<String>());
        let _ = writeln!(out, "       SessionToken    {}…", c.session_token.chars().take(24).collect::<String>());
        let _ = writeln!(out, "       Expiration      {}", c.expiration);
    }
}

fn note(out: &mut String, n: Option<&sts::scenario::Text>, lang: &str, st: &Style) {
    if let Some(n) = n {
        let _ = writeln!(out, "  {}", st.dim(&format!("» {}", n.get(lang))));
    }
}

fn phase(st: &Style, w: &Words, s: PhaseState) -> String {
    let [allowed, denied, error, skipped, _, not_needed, sent, rejected, not_reached] = w.states;
    match s {
        PhaseState::Allowed => st.paint("32", allowed),
        PhaseState::Denied => st.paint("31", denied),
        PhaseState::Error => st.paint("35", error),
        PhaseState::Rejected => st.paint("35", rejected),
        PhaseState::Sent => sent.to_string(),
        PhaseState::NotNeeded => st.dim(not_needed),
        PhaseState::Skipped => st.dim(skipped),
        PhaseState::Pending | PhaseState::NotReached => st.dim(not_reached),
    }
}

/// roleplay's explanation beside AWS's message, in words.
fn explanation(e: &Explanation, w: &Words) -> String {
    match e {
        Explanation::ExpiredToken { session, expired_at, assume_again } => {
            format!("{} {}", w.expired_at.replace("{k}", &session.to_string()).replace("{at}", expired_at), assume_again.as_str())
        }
        Explanation::NoCredentials { session } => w.no_credentials.replace("{k}", &session.to_string()),
        Explanation::MaxSessionDuration { max_session_duration } => w.max_duration.replace("{n}", &max_session_duration.to_string()),
        Explanation::DuplicateTagKey { key } => w.duplicate_tag.replace("{key}", key),
        Explanation::SessionPolicyLength { characters, limit } => {
            w.policy_length.replace("{n}", &characters.to_string()).replace("{limit}", &limit.to_string())
        }
    }
}

fn caller_text(c: &CallerSpec, rep: &StepReport, r: &Report, w: &Words) -> String {
    let p = rep.principal.clone().unwrap_or_default();
    let Some(n) = c.session_step() else {
        return match c {
            CallerSpec::Service(s) | CallerSpec::Federated(s) => s.clone(),
            _ => p,
        };
    };
    // Which credentials: those step N issued, or a service's refreshed ones
    // (the key the request's event shows).
    let issued = r.steps.get(n).and_then(|x| x.credentials.as_ref()).map(|c| c.access_key_id.as_str());
    let used = rep.event.as_ref().and_then(|e| e.access_key_id());
    let which = match (c, used, issued) {
        (CallerSpec::OriginalSession(_), used, issued) => {
            format!("{} {n}{} ({})", w.original_of[0], w.original_of[1], used.or(issued).unwrap_or(""))
        }
        (_, Some(used), Some(issued)) if used != issued => format!("{} {n}{} ({used})", w.refreshed_of[0], w.refreshed_of[1]),
        _ => format!("{} {n}{}", w.session_of, w.session_of_after),
    };
    if p.is_empty() {
        format!("({which})")
    } else {
        format!("{p} ({which})")
    }
}

fn check_lines(out: &mut String, c: &CheckReport, st: &Style, w: &Words) {
    let label = match &c.action {
        Some(a) => format!("{} ({a})", c.check.as_str()),
        None => c.check.as_str().to_string(),
    };
    let _ = writeln!(out, "     {:<10} {}", label, st.outcome(Outcome::of(c.decision)));
    for m in &c.matched_statements {
        let s = &m.statement;
        let _ = writeln!(
            out,
            "       {} {} (line {}:{}–{}:{})",
            if m.effect == Effect::Deny { "✗" } else { "✓" },
            statement_label(s),
            s.start_position.line,
            s.start_position.column,
            s.end_position.line,
            s.end_position.column
        );
    }
    if c.decision == policy::Decision::ImplicitDeny && c.matched_statements.is_empty() && c.not_applied.is_empty() {
        let _ = writeln!(out, "       {} {}", st.dim("·"), st.dim(w.no_statement));
    }
    for n in &c.not_applied {
        let why = match n.reason {
            Unmet::Condition => format!(
                "condition {} `{}` {:?} is false for the request's {}",
                n.operator.as_deref().unwrap_or(""),
                n.condition_key.as_deref().unwrap_or(""),
                n.policy_values,
                match &n.request_values {
                    Some(Some(v)) => format!("{v:?}"),
                    _ => "(absent)".to_string(),
                }
            ),
            other => format!("{} does not match", other.as_str()),
        };
        let _ = writeln!(
            out,
            "       {} {} (line {}): {} — {}",
            st.dim("·"),
            statement_label(&n.statement),
            n.statement.start_position.line,
            st.dim(w.not_applied),
            why
        );
    }
}

/// `type name#index "sid"`, e.g. `trust AssumeRolePolicyDocument#0 "Trust"`.
fn statement_label(s: &StatementRef) -> String {
    let sid = s.sid.as_deref().map(|x| format!(" \"{x}\"")).unwrap_or_default();
    format!("{} {}#{}{sid}", s.policy_type.as_str(), s.policy_name, s.index)
}

fn outcome_line(out: &mut String, rep: &StepReport, st: &Style, w: &Words) {
    let o = rep.outcome.map_or_else(|| "none".to_string(), |o| st.outcome(o));
    let mut line = format!("  → {o}");
    if !rep.reasons.is_empty() {
        let codes: Vec<&str> = rep.reasons.iter().map(|r| reason_code(*r)).collect();
        let _ = write!(line, " {}", st.dim(&format!("[{}]", codes.join(", "))));
    }
    let _ = writeln!(out, "{line}");
    if let (Some(code), Some(msg)) = (&rep.error_code, &rep.message) {
        let _ = writeln!(out, "    {}: {}", st.bold(code.as_str()), msg);
    }
    if let Some(e) = &rep.explanation {
        let _ = writeln!(out, "    {}", st.dim(&format!("({}: {})", w.explain, explanation(e, w))));
    }
    if let Some(ev) = &rep.event {
        let t = ev.pointer("/userIdentity/type").and_then(|v| v.as_str()).unwrap_or("");
        let name = ev.get("eventName").and_then(|v| v.as_str()).unwrap_or("");
        let arn = ev
            .pointer("/userIdentity/arn")
            .or_else(|| ev.pointer("/userIdentity/invokedBy"))
            .or_else(|| ev.pointer("/userIdentity/identityProvider"))
            .and_then(|v| v.as_str())
            .unwrap_or("");
        let _ = writeln!(out, "    {}", st.dim(&format!("CloudTrail: {name} by {t} {arn}")));
    }
}
