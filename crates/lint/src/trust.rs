//! Role trust policies: who may become a principal in the account.

use policy::issue::IssueCode;
use policy::pattern::Pattern;
use policy::{Effect, NoVars, Principal, Statement};

use crate::check::Cx;

/// Condition keys that narrow who can use a statement (the caller's
/// identity, account, organization, network, or the third party's
/// external ID).
const NARROWING_KEYS: &[&str] = &[
    "aws:principalarn",
    "aws:principalaccount",
    "aws:principalorgid",
    "aws:principalorgpaths",
    "aws:userid",
    "aws:username",
    "aws:sourceip",
    "aws:sourcevpc",
    "aws:sourcevpce",
    "aws:sourceaccount",
    "aws:sourcearn",
    "aws:sourceorgid",
    "aws:sourceorgpaths",
    "sts:externalid",
];

/// Service principals whose own documentation recommends
/// `aws:SourceArn`/`aws:SourceAccount` in the trust policy of the roles
/// they assume, against the cross-service confused deputy problem.
const SOURCE_CONDITION_SERVICES: &[(&str, &str)] = &[
    // IAM User Guide, "The confused deputy problem": "In the following role
    // trust policy example, you can use the aws:SourceArn condition key to
    // restrict access to the service role based on the incident record's ARN."
    ("ssm-incidents.amazonaws.com", "https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html"),
    // Amazon Personalize Developer Guide: "To prevent the confused deputy
    // problem in roles assumed by Amazon Personalize, in the role's trust
    // policy set the value of aws:SourceArn to arn:aws:personalize:region:accountNumber:*."
    ("personalize.amazonaws.com", "https://docs.aws.amazon.com/personalize/latest/dg/cross-service-confused-deputy-prevention.html"),
];

fn has_condition_on(st: &Statement, keys: &[&str]) -> bool {
    st.condition.entries.iter().any(|e| keys.contains(&e.key_lc.as_str()))
}

/// Whether some `Action` item of the statement covers `action`.
fn covers(st: &Statement, action: &str) -> bool {
    if st.action.negated {
        return !st.action.items.iter().any(|i| i.value.is_match(action, &NoVars));
    }
    st.action.items.iter().any(|i| i.value.is_match(action, &NoVars))
}

/// The account a principal names, if it names one.
fn account_of(p: &Principal) -> Option<&str> {
    match p {
        Principal::Account(a) => Some(a),
        Principal::User(arn) | Principal::Role(arn) | Principal::AssumedRole(arn) | Principal::OtherArn(arn) => arn.split(':').nth(4),
        _ => None,
    }
}

pub(crate) fn check(cx: &mut Cx<'_, '_, '_>) {
    for st in &cx.policy.statements {
        if st.effect != Effect::Allow {
            continue;
        }
        let Some(spec) = &st.principal else { continue };
        if spec.negated {
            continue;
        }
        for entry in &spec.entries {
            match &entry.value {
                Principal::Anyone if !has_condition_on(st, NARROWING_KEYS) => {
                    cx.add(
                            IssueCode::RoleTrustPolicyAllowsAllPrincipals,
                            entry.span,
                            "anyone in any AWS account may assume this role: a wildcard principal in a role trust policy lets every principal become a principal in your account; name the principals or accounts, or narrow them with a condition such as `aws:PrincipalAccount` or `aws:PrincipalOrgID`".into(),
                            "どの AWS アカウントの誰でもこのロールを引き受けられます。信頼ポリシーのワイルドカードのプリンシパルは、すべてのプリンシパルがあなたのアカウントのプリンシパルになることを許します。プリンシパルやアカウントを指定するか、`aws:PrincipalAccount` や `aws:PrincipalOrgID` などの条件で絞り込んでください。".into(),
                        );
                }
                Principal::Federated(provider) => federated(cx, st, entry.span, provider),
                Principal::Account(account) => {
                    cx.add(
                        IssueCode::WholeAccountPrincipal,
                        entry.span,
                        format!("this trusts the whole account {account}: every identity in that account whose own identity-based policy allows `sts:AssumeRole` on this role can assume it (`:root` does not mean only the root user); to trust one user or role, name its ARN"),
                        format!("これはアカウント {account} 全体を信頼します。そのアカウントの、自身のアイデンティティベースのポリシーがこのロールへの `sts:AssumeRole` を許可しているすべてのアイデンティティが引き受けられます（`:root` はルートユーザーだけを意味しません）。特定のユーザーやロールだけを信頼するには、その ARN を指定してください。"),
                    );
                }
                Principal::Service(service) => {
                    if let Some((_, url)) = SOURCE_CONDITION_SERVICES.iter().find(|(s, _)| s.eq_ignore_ascii_case(service)) {
                        if !has_condition_on(st, &["aws:sourcearn", "aws:sourceaccount"]) {
                            cx.add(
                                IssueCode::ServicePrincipalWithoutSourceCondition,
                                entry.span,
                                format!("AWS recommends `aws:SourceArn` or `aws:SourceAccount` in the trust policy of roles that `{service}` assumes, so that only your own resources can make it act with this role (the confused deputy problem; {url})"),
                                format!("AWS は、`{service}` が引き受けるロールの信頼ポリシーに `aws:SourceArn` または `aws:SourceAccount` を入れることを推奨しています。自分のリソースだけがこのロールでサービスを動かせるようにするためです（混乱した代理問題。{url}）。"),
                            );
                        }
                    }
                }
                _ => {}
            }
            if let (Some(theirs), Some(ours)) = (account_of(&entry.value), cx.ctx.owner_account.as_deref()) {
                if theirs != ours && !has_condition_on(st, &["sts:externalid"]) {
                    cx.add(
                        IssueCode::CrossAccountTrustWithoutExternalId,
                        entry.span,
                        format!("this trusts account {theirs}, another account than the role's ({ours}): if that account belongs to a third party that acts for several customers, AWS recommends requiring an external ID (`\"Condition\": {{\"StringEquals\": {{\"sts:ExternalId\": \"…\"}}}}`) against the confused deputy problem"),
                        format!("ロールのアカウント（{ours}）とは別のアカウント {theirs} を信頼しています。そのアカウントが複数の顧客のために動くサードパーティーのものであれば、AWS は混乱した代理問題への対策として外部 ID（`\"Condition\": {{\"StringEquals\": {{\"sts:ExternalId\": \"…\"}}}}`）を要求することを推奨しています。"),
                    );
                }
            }
        }
    }
}

/// OIDC provider, SAML provider, or neither (malformed).
enum Provider {
    Oidc,
    Saml,
    Malformed,
}

fn provider_kind(p: &str) -> Provider {
    if let Some(rest) = p.strip_prefix("arn:") {
        let resource = rest.splitn(5, ':').nth(4).unwrap_or("");
        let service = rest.split(':').nth(1).unwrap_or("");
        return match (service, resource.split_once('/').map(|(t, _)| t)) {
            ("iam", Some("saml-provider")) => Provider::Saml,
            ("iam", Some("oidc-provider")) => Provider::Oidc,
            _ => Provider::Malformed,
        };
    }
    if p.contains('.') {
        Provider::Oidc
    } else {
        Provider::Malformed
    }
}

fn federated(cx: &mut Cx<'_, '_, '_>, st: &Statement, span: policy::Span, provider: &str) {
    let (needed, other) = match provider_kind(provider) {
        Provider::Malformed => {
            cx.add(
                IssueCode::InvalidFederatedPrincipalSyntaxInRoleTrustPolicy,
                span,
                format!("`{provider}` is not an identity provider: a federated principal is an OIDC provider's domain name (`accounts.google.com`), an OIDC provider ARN (`arn:aws:iam::111122223333:oidc-provider/…`) or a SAML provider ARN (`arn:aws:iam::111122223333:saml-provider/…`)"),
                format!("`{provider}` は ID プロバイダーではありません。フェデレーションプリンシパルは、OIDC プロバイダーのドメイン名（`accounts.google.com`）、OIDC プロバイダーの ARN（`arn:aws:iam::111122223333:oidc-provider/…`）、SAML プロバイダーの ARN（`arn:aws:iam::111122223333:saml-provider/…`）のいずれかです。"),
            );
            return;
        }
        Provider::Oidc => ("sts:AssumeRoleWithWebIdentity", "OIDC"),
        Provider::Saml => ("sts:AssumeRoleWithSAML", "SAML"),
    };
    if covers(st, needed) {
        return;
    }
    let written: Vec<&str> = st.action.items.iter().map(|i| Pattern::source(&i.value)).collect();
    let written = written.join("`, `");
    cx.add(
        IssueCode::MismatchedActionForPrincipal,
        span,
        format!("`{written}` is invalid with the {other} provider `{provider}`: use an OIDC provider principal with `sts:AssumeRoleWithWebIdentity`, a SAML provider principal with `sts:AssumeRoleWithSAML`; add `{needed}` to `Action`"),
        format!("`{written}` は {other} プロバイダー `{provider}` とは使えません。OIDC プロバイダーのプリンシパルには `sts:AssumeRoleWithWebIdentity`、SAML プロバイダーのプリンシパルには `sts:AssumeRoleWithSAML` を使用します。`Action` に `{needed}` を追加してください。"),
    );
}
