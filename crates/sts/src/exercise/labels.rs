//! Goals and their results in words, English and Japanese: the label a goal
//! gets when its author wrote none, and why an unmet goal is unmet.

use policy::json::Value;
use policy::path::{JsonPath, Seg};

use crate::report::{ErrorCode, Outcome, StepReport};
use crate::scenario::{CallerSpec, Expect, FindingType, GoalKind, Scenario, StepKind, Text};
use crate::schema::{key, policy_field_kind};

pub(super) fn text(en: String, ja: String) -> Text {
    Text { en, ja: Some(ja) }
}

/// The last part of an ARN's resource (`user/path/alice` → `alice`).
fn short(arn: &str) -> &str {
    arn.rsplit(['/', ':']).next().unwrap_or(arn)
}

/// `sts:AssumeRole by user_A` / `user_A の sts:AssumeRole`.
fn step_words(s: &Scenario, step: usize) -> (String, String) {
    let Some(st) = s.steps.get(step) else { return (String::new(), String::new()) };
    let (action, who_en, who_ja) = match &st.kind {
        StepKind::Assume(a) => (a.kind.action().to_string(), caller(s, &a.caller, "en"), caller(s, &a.caller, "ja")),
        StepKind::Call(c) => (c.action.clone(), caller(s, &c.caller, "en"), caller(s, &c.caller, "ja")),
        StepKind::SessionToken(t) => {
            let u = s.users.get(t.user).map(|u| u.name.clone()).unwrap_or_default();
            (crate::scenario::GET_SESSION_TOKEN.to_string(), u.clone(), u)
        }
        StepKind::Advance(n) => return (format!("+{n} s"), format!("+{n} 秒")),
    };
    (format!("{action} by {who_en}"), format!("{who_ja} の {action}"))
}

fn caller(s: &Scenario, c: &CallerSpec, lang: &str) -> String {
    match (c, lang) {
        (CallerSpec::User(u), _) => s.users.get(*u).map(|u| u.name.clone()).unwrap_or_default(),
        (CallerSpec::Session(n), "ja") => format!("ステップ {n} のセッション"),
        (CallerSpec::Session(n), _) => format!("the session of step {n}"),
        (CallerSpec::OriginalSession(n), "ja") => format!("ステップ {n} が発行した元の認証情報"),
        (CallerSpec::OriginalSession(n), _) => format!("the original credentials of step {n}"),
        (CallerSpec::Service(x) | CallerSpec::Federated(x), _) => short(x).to_string(),
    }
}

/// An outcome and its error code, as a learner reads it.
pub(super) fn outcome(o: Option<Outcome>, code: Option<&str>) -> (String, String) {
    let (en, ja) = match o {
        Some(Outcome::Allowed) => ("allowed", "許可"),
        Some(Outcome::ExplicitDeny) => ("explicit deny", "明示的な拒否"),
        Some(Outcome::ImplicitDeny) => ("implicit deny", "暗黙的な拒否"),
        Some(Outcome::Error) => ("error", "エラー"),
        None => ("no outcome", "結果なし"),
    };
    match code {
        // A denial's code is always AccessDenied: say only the kind of deny.
        Some(c) if o == Some(Outcome::Error) || c != ErrorCode::AccessDenied.as_str() => (format!("{en} ({c})"), format!("{ja} ({c})")),
        _ => (en.to_string(), ja.to_string()),
    }
}

pub(super) fn got(r: Option<&StepReport>) -> Text {
    let (en, ja) = outcome(r.and_then(|r| r.outcome), r.and_then(|r| r.error_code).map(ErrorCode::as_str));
    text(format!("now: {en}"), format!("現在: {ja}"))
}

/// What a policy field is, in words: `the trust policy of deploy-role`.
fn field_words(doc: &Value, path: &JsonPath) -> (String, String) {
    let fallback = (format!("`{path}`"), format!("`{path}`"));
    let Some(kind) = policy_field_kind(path) else { return fallback };
    let Some(entity_path) = path.segments().get(..2).map(|s| JsonPath::from_segments(s.to_vec())) else { return fallback };
    let entity = entity_path.lookup(doc);
    let name = entity.and_then(|e| e.get(key::ARN)).and_then(Value::as_str).map(short).map(str::to_string);
    let step = match path.segments().get(1) {
        Some(Seg::Index(i)) => *i,
        _ => 0,
    };
    if kind.inline {
        let policy_name = path
            .parent()
            .and_then(|p| p.lookup(doc))
            .and_then(|p| p.get(key::POLICY_NAME))
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let owner = name.unwrap_or_default();
        return (format!("the policy {policy_name} of {owner}"), format!("{owner} のポリシー {policy_name}"));
    }
    match (kind.field, name) {
        (key::ASSUME_ROLE_POLICY_DOCUMENT, Some(n)) => (format!("the trust policy of {n}"), format!("{n} の信頼ポリシー")),
        (key::PERMISSIONS_BOUNDARY, Some(n)) => (format!("the permissions boundary of {n}"), format!("{n} のアクセス許可の境界")),
        (key::POLICY, Some(n)) if kind.list == key::RESOURCES => {
            (format!("the resource policy of {n}"), format!("{n} のリソースベースのポリシー"))
        }
        (key::POLICY, _) if kind.list == key::STEPS => {
            (format!("the session policy of step {step}"), format!("ステップ {step} のセッションポリシー"))
        }
        (key::POLICY_DOCUMENT, _) if kind.list == key::SERVICE_CONTROL_POLICIES => {
            let n = entity.and_then(|e| e.get(key::POLICY_NAME)).and_then(Value::as_str).unwrap_or("SCP").to_string();
            (format!("the SCP {n}"), format!("SCP {n}"))
        }
        _ => fallback,
    }
}

/// What a path is, in words: a policy field by its owner, a step's field
/// by its step, anything else by its path.
pub(super) fn path_words(doc: &Value, path: &JsonPath) -> (String, String) {
    if policy_field_kind(path).is_some() {
        return field_words(doc, path);
    }
    match path.segments() {
        [Seg::Key(list), Seg::Index(i), Seg::Key(k)] if list == key::STEPS => (format!("{k} of step {i}"), format!("ステップ {i} の {k}")),
        _ => (format!("`{path}`"), format!("`{path}`")),
    }
}

/// The label of a goal whose author wrote none, from the exercise as shipped.
pub(super) fn default_label(s: &Scenario, doc: &Value, kind: &GoalKind) -> Text {
    match kind {
        GoalKind::Step { step, expect } => {
            let (we, wj) = step_words(s, *step);
            let (oe, oj) = expected(expect);
            text(format!("Step {step} ({we}): {oe}"), format!("ステップ {step} ({wj}): {oj}"))
        }
        GoalKind::StaysDenied { step } => {
            let (we, wj) = step_words(s, *step);
            text(format!("Step {step} ({we}) is denied (least privilege)"), format!("ステップ {step} ({wj}) は拒否される (最小権限)"))
        }
        GoalKind::NoWildcardPrincipal => text("No `*` in any Principal".into(), "どの Principal にも `*` を使わない".into()),
        GoalKind::NoFindings { types } => {
            let names: Vec<&str> = types.iter().map(|t| t.as_str()).collect();
            text(format!("No finding of type {}", names.join(" or ")), format!("{} の検出結果がない", names.join(" または ")))
        }
        GoalKind::EditOnly { paths } => {
            let words: Vec<(String, String)> = paths.iter().map(|p| path_words(doc, p)).collect();
            let en: Vec<&str> = words.iter().map(|w| w.0.as_str()).collect();
            let ja: Vec<&str> = words.iter().map(|w| w.1.as_str()).collect();
            text(format!("Edit only {}", list(&en, ", ", " and ")), format!("{}だけを編集する", list(&ja, "、", "、")))
        }
    }
}

/// `a, b and c` (`a、b、c` in Japanese).
fn list(items: &[&str], sep: &str, last: &str) -> String {
    match items.split_last() {
        Some((tail, [])) => (*tail).to_string(),
        Some((tail, head)) => format!("{}{last}{tail}", head.join(sep)),
        None => String::new(),
    }
}

fn expected(e: &Expect) -> (String, String) {
    outcome(Some(e.outcome), e.error_code.as_deref())
}

pub(super) fn finding_types(types: &[FindingType]) -> String {
    types.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(", ")
}
