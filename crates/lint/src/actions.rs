//! Catalogue checks on `Action` and `Resource`: services and actions that
//! do not exist ("did you mean"), wildcards that match nothing, and
//! resources that none of the statement's actions can act on.

use catalogue::{Action, ResourceType};
use policy::issue::IssueCode;
use policy::{Item, PatternList, PolicyType, Statement};

use crate::check::Cx;

/// At most this many actions of a wildcard are looked at for the resource
/// check (`s3:*` has a few hundred; `*` is skipped altogether).
const MAX_ACTIONS: usize = 2_000;

pub(crate) fn check(cx: &mut Cx<'_, '_, '_>) {
    if !cx.has_catalogue() {
        return;
    }
    for st in &cx.policy.statements {
        for item in &st.action.items {
            check_action(cx, item);
        }
        if cx.kind != PolicyType::Trust {
            check_resources(cx, st);
        }
    }
}

fn has_wildcard(s: &str) -> bool {
    s.contains(['*', '?'])
}

fn check_action(cx: &mut Cx<'_, '_, '_>, item: &Item<policy::pattern::Pattern>) {
    let text = item.value.source();
    if text == "*" {
        return;
    }
    let Some((service, name)) = text.split_once(':') else { return };
    // A text already found valid needs no second look (an invalid one is
    // reported at each place it is written).
    if cx.seen_actions.contains(text) {
        return;
    }
    let valid = if has_wildcard(text) { cx.cat.actions_matching(text).next().is_some() } else { cx.cat.find_action(text).is_some() };
    if valid {
        cx.seen_actions.insert(text.to_string());
        return;
    }
    if !has_wildcard(service) && cx.cat.service(service).is_none() {
        let hint = cx.cat.closest_service(service).map(|s| s.prefix().to_string());
        let (en, ja) = match &hint {
            Some(h) => (
                format!("the service `{service}` in `{text}` does not exist: did you mean `{h}`?"),
                format!("`{text}` のサービス `{service}` は存在しません。`{h}` の誤りではありませんか？"),
            ),
            None => {
                (format!("the service `{service}` in `{text}` does not exist"), format!("`{text}` のサービス `{service}` は存在しません。"))
            }
        };
        cx.add(IssueCode::InvalidServiceInAction, item.span, en, ja);
        return;
    }
    if has_wildcard(text) {
        if cx.cat.actions_matching(text).next().is_none() {
            cx.add(
                IssueCode::InvalidAction,
                item.span,
                format!("`{text}` matches no action: no action of `{service}` fits this wildcard"),
                format!("`{text}` に一致するアクションはありません。このワイルドカードに合う `{service}` のアクションがありません。"),
            );
        }
        return;
    }
    if cx.cat.find_action(text).is_none() {
        let hint = cx.cat.closest_action(text).map(|a| a.full_name());
        let (en, ja) = match &hint {
            Some(h) => (
                format!("the action `{text}` does not exist: did you mean `{h}`?"),
                format!("アクション `{text}` は存在しません。`{h}` の誤りではありませんか？"),
            ),
            None => (
                format!("the action `{text}` does not exist (`{name}` is not an action of `{service}`)"),
                format!("アクション `{text}` は存在しません（`{name}` は `{service}` のアクションではありません）。"),
            ),
        };
        cx.add(IssueCode::InvalidAction, item.span, en, ja);
    }
}

/// The actions a statement's `Action` names, when that is a manageable
/// list of known actions (not `*`, not `NotAction`, nothing unknown).
pub(crate) fn known_actions<'c>(cx: &Cx<'c, '_, '_>, list: &PatternList) -> Option<Vec<Action<'c>>> {
    if list.negated {
        return None;
    }
    let mut out = Vec::new();
    for item in &list.items {
        let text = item.value.source();
        let service = text.split_once(':').map(|(s, _)| s)?;
        if text == "*" || has_wildcard(service) {
            return None;
        }
        if has_wildcard(text) {
            out.extend(cx.cat.actions_matching(text).take(MAX_ACTIONS));
        } else {
            out.push(cx.cat.find_action(text)?);
        }
        if out.len() > MAX_ACTIONS {
            return None;
        }
    }
    (!out.is_empty()).then_some(out)
}

fn check_resources(cx: &mut Cx<'_, '_, '_>, st: &Statement) {
    let Some(resources) = &st.resource else { return };
    if resources.negated {
        return;
    }
    let signature: String = st.action.items.iter().map(|i| i.value.source()).collect::<Vec<_>>().join(",");
    let computed = match cx.types.get(&signature) {
        Some(c) => c.clone(),
        None => {
            let c = known_actions(cx, &st.action).map(|actions| {
                let mut types: Vec<ResourceType<'_>> = actions.iter().flat_map(|a| a.resource_types().map(|r| r.resource_type())).collect();
                types.sort_by_key(|t| t.index());
                types.dedup_by_key(|t| t.index());
                let names: Vec<String> = actions.iter().take(4).map(|a| a.full_name()).collect();
                (types, actions.iter().all(|a| a.is_wildcard_only()), names)
            });
            cx.types.insert(signature.clone(), c.clone());
            c
        }
    };
    let Some((types, wildcard_only, names)) = computed else { return };
    for item in &resources.items {
        let arn = item.value.source();
        let service = arn.split(':').nth(2).unwrap_or("");
        if arn == "*" || arn.split(':').count() < 6 || has_wildcard(service) || service.contains("${") {
            continue;
        }
        let key = (arn.to_string(), signature.clone());
        let fits = match cx.fits.get(&key) {
            Some(f) => *f,
            None => {
                let f = types.iter().any(|t| t.matches_arn(arn));
                cx.fits.insert(key, f);
                f
            }
        };
        if fits {
            continue;
        }
        let shown = names.iter().take(3).cloned().collect::<Vec<_>>().join("`, `") + if names.len() > 3 { "`, …" } else { "`" };
        let (en, ja) = if wildcard_only {
            (
                format!("`{arn}` can never match: `{shown} support only `\"Resource\": \"*\"` (they have no resource types)"),
                format!("`{arn}` は一致しません。`{shown} は `\"Resource\": \"*\"` だけをサポートします（リソースタイプがありません）。"),
            )
        } else {
            let templates: Vec<&str> = types.iter().take(3).map(|t| t.arn_template()).collect();
            (
                format!("`{arn}` is not a resource that `{shown} can act on; their resources look like `{}`", templates.join("`, `")),
                format!(
                    "`{arn}` は `{shown} が対象にできるリソースではありません。対象のリソースは `{}` の形式です。",
                    templates.join("`, `")
                ),
            )
        };
        cx.add(IssueCode::ResourceMatchesNoAction, item.span, en, ja);
    }
}
