//! Identity-based policies: `iam:PassRole` that lets a principal hand any
//! role to any service, and `Allow` with `NotAction`/`NotResource`.

use policy::issue::IssueCode;
use policy::{Effect, NoVars, PolicyType, Statement};

use crate::check::Cx;

const PASS_ROLE: &str = "iam:PassRole";

fn has_passed_to_service(st: &Statement) -> bool {
    st.condition.entries.iter().any(|e| e.key_lc == "iam:passedtoservice")
}

pub(crate) fn check(cx: &mut Cx<'_, '_, '_>) {
    for st in &cx.policy.statements {
        if st.effect == Effect::Allow {
            pass_role(cx, st);
        }
    }
}

fn pass_role(cx: &mut Cx<'_, '_, '_>, st: &Statement) {
    let Some(resources) = &st.resource else { return };
    // Which `Action` item grants iam:PassRole, and whether it is a wildcard.
    let (span, star_action, not_action) = if st.action.negated {
        if st.action.items.iter().any(|i| i.value.is_match(PASS_ROLE, &NoVars)) {
            return;
        }
        (st.action.span, false, true)
    } else {
        match st.action.items.iter().find(|i| i.value.is_match(PASS_ROLE, &NoVars)) {
            Some(i) => (i.span, i.value.has_wildcards(), false),
            None => return,
        }
    };
    let star_resource = !resources.negated && resources.items.iter().any(|r| r.value.source().contains('*'));
    let scoped = has_passed_to_service(st);
    let issue = match (not_action, star_action, resources.negated, star_resource) {
        (true, _, true, _) => Some(IssueCode::PassRoleWithNotActionAndNotResource),
        (true, _, false, true) => Some(IssueCode::PassRoleWithStarInResourceAndNotAction),
        (false, true, true, _) => Some(IssueCode::PassRoleWithStarInActionAndNotResource),
        (false, false, true, _) => Some(IssueCode::PassRoleWithNotResource),
        (false, true, false, true) if !scoped => Some(IssueCode::PassRoleWithStarInActionAndResource),
        (false, false, false, true) if !scoped => Some(IssueCode::PassRoleWithStarInResource),
        _ => None,
    };
    if let Some(issue) = issue {
        let (en, ja) = pass_role_words(issue);
        let at = if resources.negated || star_resource { resources.span } else { span };
        cx.add(issue, at, en.into(), ja.into());
        return;
    }
    if !star_action && !not_action && !resources.negated && !scoped {
        cx.add(
            IssueCode::PassRoleWithoutPassedToService,
            span,
            "`iam:PassRole` lets the principal hand these roles to any service: you can reduce the permission to a single service with the `iam:PassedToService` condition key, e.g. `\"Condition\": {\"StringEquals\": {\"iam:PassedToService\": \"lambda.amazonaws.com\"}}`".into(),
            "`iam:PassRole` により、このプリンシパルはこれらのロールを任意のサービスに渡せます。`iam:PassedToService` 条件キーで 1 つのサービスに絞り込めます（例: `\"Condition\": {\"StringEquals\": {\"iam:PassedToService\": \"lambda.amazonaws.com\"}}`）。".into(),
        );
    }
}

fn pass_role_words(issue: IssueCode) -> (&'static str, &'static str) {
    match issue {
        IssueCode::PassRoleWithNotActionAndNotResource => (
            "using `NotAction` with `NotResource` can be overly permissive because it can allow `iam:PassRole` permissions on multiple resources: specify resource ARNs instead",
            "`NotAction` と `NotResource` を併用すると、複数のリソースに対する `iam:PassRole` を許可できるため、過剰な許可になる可能性があります。代わりにリソース ARN を指定してください。",
        ),
        IssueCode::PassRoleWithStarInResourceAndNotAction => (
            "using a resource with wildcards (*) and `NotAction` can be overly permissive because it allows `iam:PassRole` permissions on all resources: specify resource ARNs or add the `iam:PassedToService` condition key",
            "ワイルドカード (*) を含むリソースと `NotAction` を併用すると、すべてのリソースに対する `iam:PassRole` を許可するため、過剰な許可になる可能性があります。リソース ARN を指定するか、`iam:PassedToService` 条件キーを追加してください。",
        ),
        IssueCode::PassRoleWithStarInActionAndNotResource => (
            "using an action with a wildcard (*) and `NotResource` can be overly permissive because it can allow `iam:PassRole` permissions on multiple resources: specify resource ARNs instead",
            "ワイルドカード (*) を含むアクションと `NotResource` を併用すると、複数のリソースに対する `iam:PassRole` を許可できるため、過剰な許可になる可能性があります。代わりにリソース ARN を指定してください。",
        ),
        IssueCode::PassRoleWithNotResource => (
            "using the `iam:PassRole` action with `NotResource` can be overly permissive because it can allow `iam:PassRole` permissions on multiple resources: specify resource ARNs instead",
            "`iam:PassRole` アクションを `NotResource` と併用すると、複数のリソースに対する `iam:PassRole` を許可できるため、過剰な許可になる可能性があります。代わりにリソース ARN を指定してください。",
        ),
        IssueCode::PassRoleWithStarInActionAndResource => (
            "using wildcards (*) in the action and the resource can be overly permissive because it allows `iam:PassRole` permissions on all resources: specify resource ARNs or add the `iam:PassedToService` condition key",
            "アクションとリソースの両方にワイルドカード (*) を使用すると、すべてのリソースに対する `iam:PassRole` を許可するため、過剰な許可になる可能性があります。リソース ARN を指定するか、`iam:PassedToService` 条件キーを追加してください。",
        ),
        _ => (
            "using the `iam:PassRole` action with wildcards (*) in the resource can be overly permissive because it allows `iam:PassRole` permissions on multiple resources: specify resource ARNs or add the `iam:PassedToService` condition key",
            "`iam:PassRole` アクションをリソースのワイルドカード (*) と併用すると、複数のリソースに対する `iam:PassRole` を許可するため、過剰な許可になる可能性があります。リソース ARN を指定するか、`iam:PassedToService` 条件キーを追加してください。",
        ),
    }
}

/// `"Effect": "Allow"` with `NotAction` or `NotResource` (every policy type
/// that has them; SCPs reject `NotAction` with `Allow` themselves).
pub(crate) fn check_not_elements(cx: &mut Cx<'_, '_, '_>) {
    if cx.kind == PolicyType::Scp {
        return;
    }
    for st in &cx.policy.statements {
        if st.effect != Effect::Allow {
            continue;
        }
        if st.action.negated {
            cx.add(
                IssueCode::AllowWithNotAction,
                st.action.span,
                "`NotAction` with `\"Effect\": \"Allow\"` allows every action that is not listed, of every service that applies to the resource, and could grant more permissions than you intended: list the actions to allow in `Action`".into(),
                "`\"Effect\": \"Allow\"` と `NotAction` の組み合わせは、リソースに適用できるすべてのサービスの、記載されていないすべてのアクションを許可し、意図より多くの許可を与える可能性があります。許可するアクションを `Action` に列挙してください。".into(),
            );
        }
        if let Some(r) = &st.resource {
            if r.negated {
                cx.add(
                    IssueCode::AllowWithNotResource,
                    r.span,
                    "`NotResource` with `\"Effect\": \"Allow\"` allows all resources of the statement's services that are not listed, and could grant more permissions than you intended: list the resources to allow in `Resource`".into(),
                    "`\"Effect\": \"Allow\"` と `NotResource` の組み合わせは、ステートメントのサービスの、記載されていないすべてのリソースを許可し、意図より多くの許可を与える可能性があります。許可するリソースを `Resource` に列挙してください。".into(),
                );
            }
        }
    }
}
