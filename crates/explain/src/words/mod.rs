//! The sentences in each language. Every phrase is a method of [`Words`],
//! so a language that misses one does not compile.
//!
//! The wording says what AWS documents and no more: `:root` is "any
//! identity in account … whose own policies allow it" (the account
//! delegates to its identity-based policies), a condition that also holds
//! without its key says so, and every condition, action and principal is
//! shown as written next to its words.

mod en;
mod ja;

use catalogue::AccessLevel;
use policy::{Effect, PolicyType};

use crate::model::{Lang, Location, Piece, ServiceRow};
use crate::read::actions::{ActionItem, TrustVerb};
use crate::read::condition::Cond;
use crate::read::who::Who;

/// A sentence under construction: pieces, some linked to the policy.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Sentence(pub Vec<Piece>);

impl Sentence {
    /// A sentence of one unlinked text.
    pub(crate) fn lit(text: impl Into<String>) -> Sentence {
        Sentence(vec![Piece { text: text.into(), at: None }])
    }

    /// A sentence of one piece linked to `at`.
    pub(crate) fn linked(text: impl Into<String>, at: Option<Location>) -> Sentence {
        Sentence(vec![Piece { text: text.into(), at }])
    }

    /// Appends unlinked text.
    pub(crate) fn push(&mut self, text: &str) -> &mut Self {
        if !text.is_empty() {
            self.0.push(Piece { text: text.to_string(), at: None });
        }
        self
    }

    /// Appends a sentence.
    pub(crate) fn append(&mut self, other: Sentence) -> &mut Self {
        self.0.extend(other.0);
        self
    }

    /// Joins `items`: `sep` between all but the last two, `last` between those.
    pub(crate) fn join(items: Vec<Sentence>, sep: &str, last: &str) -> Sentence {
        let n = items.len();
        let mut out = Sentence::default();
        for (i, s) in items.into_iter().enumerate() {
            if i > 0 {
                out.push(if i + 1 == n { last } else { sep });
            }
            out.append(s);
        }
        out
    }

    /// Merges neighbouring unlinked pieces (for tidy output).
    pub(crate) fn tidy(self) -> Vec<Piece> {
        let mut out: Vec<Piece> = Vec::new();
        for p in self.0 {
            match out.last_mut() {
                Some(last) if last.at.is_none() && p.at.is_none() => last.text.push_str(&p.text),
                _ => out.push(p),
            }
        }
        out
    }
}

/// Every phrase the explanations use, in one language.
pub(crate) trait Words {
    /// What this kind of policy does, as the first line.
    fn kind_note(&self, kind: PolicyType) -> &'static str;
    /// One principal; `except` inside `NotPrincipal` (where an account is
    /// just that account, not a delegation to its identities).
    fn who(&self, w: &Who, except: bool) -> String;
    /// One STS operation a trust policy allows or denies.
    fn trust_verb(&self, v: &TrustVerb) -> String;
    /// One `Action` value outside trust policies.
    fn action_item(&self, a: &ActionItem) -> String;
    /// `"Resource": "*"`.
    fn all_resources(&self) -> &'static str;
    /// One condition entry.
    fn condition(&self, c: &Cond) -> String;
    /// After resources that hold policy variables (`vars`), or `${…}` that
    /// is literal text because the policy has no `Version` 2012-10-17.
    fn resource_variables(&self, vars: &[&str], literal: bool) -> String;
    /// "A, B or C".
    fn list_or(&self, items: Vec<Sentence>) -> Sentence;
    /// "A, B and C".
    fn list_and(&self, items: Vec<Sentence>) -> Sentence;
    /// Conditions that must all hold.
    fn all_of(&self, conditions: Vec<Sentence>) -> Sentence;
    /// `NotPrincipal`: everyone except these.
    fn not_principal(&self, who: Sentence) -> Sentence;
    /// `NotAction` outside trust policies.
    fn not_action(&self, actions: Sentence) -> Sentence;
    /// `NotAction` in a trust policy.
    fn trust_not_action(&self, actions: Sentence) -> Sentence;
    /// `NotResource`.
    fn not_resource(&self, resources: Sentence) -> Sentence;
    /// A trust policy statement.
    fn trust_statement(&self, effect: Effect, who: Sentence, verbs: Sentence, conditions: Vec<Sentence>) -> Sentence;
    /// Any other statement; `who` for resource-based policies.
    fn permission_statement(
        &self,
        effect: Effect,
        who: Option<Sentence>,
        actions: Sentence,
        resources: Sentence,
        conditions: Vec<Sentence>,
    ) -> Sentence;
    /// An access level as the console names it.
    fn access_level(&self, level: AccessLevel) -> &'static str;
    /// One summary row.
    fn summary_row(&self, row: &ServiceRow) -> String;
}

/// Japanese spacing: a space between Japanese text and the glue around it
/// stays only where one side is ASCII (`user_A の`, but `リソースに対する`).
/// Only unlinked glue is touched; linked pieces keep their words.
pub(crate) fn ja_spacing(mut pieces: Vec<Piece>) -> Vec<Piece> {
    for i in 0..pieces.len() {
        let prev_last = i.checked_sub(1).and_then(|j| pieces.get(j)).and_then(|p| p.text.chars().last());
        let next_first = pieces.get(i + 1).and_then(|p| p.text.chars().next());
        let Some(p) = pieces.get_mut(i) else { continue };
        if p.at.is_some() {
            continue;
        }
        let chars: Vec<char> = p.text.chars().collect();
        let mut out = String::with_capacity(p.text.len());
        for (k, c) in chars.iter().enumerate() {
            if *c == ' ' {
                let before = if k == 0 { prev_last } else { chars.get(k - 1).copied() };
                let after = chars.get(k + 1).copied().or(next_first);
                if before.is_some_and(|b| !b.is_ascii()) && after.is_some_and(|a| !a.is_ascii()) {
                    continue;
                }
            }
            out.push(*c);
        }
        p.text = out;
    }
    pieces
}

/// The words of `lang`.
pub(crate) fn words(lang: Lang) -> &'static dyn Words {
    match lang {
        Lang::En => &en::En,
        Lang::Ja => &ja::Ja,
    }
}

/// How a condition value is shown: strings quoted, numbers, dates, IP
/// ranges and booleans as written.
pub(crate) fn shown_value(c: &Cond, v: &str) -> String {
    use crate::read::condition::Op;
    match c.operator.op {
        Op::Num(_) | Op::Date(_) | Op::Bool | Op::Ip | Op::Null => v.to_string(),
        _ => format!("\"{v}\""),
    }
}

/// A short description of well-known condition keys, in each language:
/// `(en, ja)`. Tag keys keep their tag name.
pub(crate) fn key_description(key: &str) -> Option<(String, String)> {
    let lower = key.to_ascii_lowercase();
    let fixed: &[(&str, &str, &str)] = &[
        ("aws:sourceip", "the caller's IP address", "呼び出し元の IP アドレス"),
        ("aws:currenttime", "the time of the request", "リクエストの日時"),
        ("aws:epochtime", "the time of the request in epoch seconds", "リクエストの日時 (エポック秒)"),
        ("aws:multifactorauthage", "the seconds since the caller authenticated with MFA", "MFA 認証からの経過秒数"),
        ("aws:principalarn", "the caller's ARN", "呼び出し元の ARN"),
        ("aws:principalaccount", "the caller's account", "呼び出し元のアカウント"),
        ("aws:principalorgid", "the caller's organization", "呼び出し元の組織"),
        ("aws:principaltype", "the caller's type", "呼び出し元の種類"),
        ("aws:username", "the caller's user name", "呼び出し元のユーザー名"),
        ("aws:userid", "the caller's unique ID", "呼び出し元の一意の ID"),
        ("aws:requestedregion", "the Region requested", "リクエスト先のリージョン"),
        ("aws:resourceaccount", "the resource's account", "リソースのアカウント"),
        ("aws:sourcevpc", "the VPC the request comes through", "リクエストが経由する VPC"),
        ("aws:sourcevpce", "the VPC endpoint the request comes through", "リクエストが経由する VPC エンドポイント"),
        ("aws:sourcearn", "the ARN of the resource making a service-to-service request", "サービス間リクエストの送信元リソースの ARN"),
        (
            "aws:sourceaccount",
            "the account of the resource making a service-to-service request",
            "サービス間リクエストの送信元リソースのアカウント",
        ),
        ("aws:tagkeys", "the tag keys in the request", "リクエストのタグキー"),
        ("aws:sourceidentity", "the session's source identity", "セッションのソースアイデンティティ"),
        ("sts:externalid", "the external ID", "外部 ID"),
        ("sts:rolesessionname", "the role session name", "ロールセッション名"),
        ("sts:sourceidentity", "the source identity requested", "リクエストされたソースアイデンティティ"),
        ("iam:passedtoservice", "the service the role is passed to", "ロールを渡す先のサービス"),
        ("iam:associatedresourcearn", "the resource the passed role will be used with", "渡したロールが使われるリソース"),
        ("saml:aud", "the SAML assertion's audience (its endpoint URL)", "SAML アサーションのオーディエンス (エンドポイント URL)"),
        ("saml:sub", "the SAML assertion's subject", "SAML アサーションのサブジェクト"),
        ("saml:iss", "the SAML assertion's issuer", "SAML アサーションの発行者"),
    ];
    if let Some((_, en, ja)) = fixed.iter().find(|(k, _, _)| *k == lower) {
        return Some((en.to_string(), ja.to_string()));
    }
    let tagged: &[(&str, &str, &str)] = &[
        ("aws:principaltag/", "the caller's tag", "呼び出し元のタグ"),
        ("aws:requesttag/", "the tag in the request", "リクエストのタグ"),
        ("aws:resourcetag/", "the resource's tag", "リソースのタグ"),
    ];
    for (prefix, en, ja) in tagged {
        if lower.starts_with(prefix) {
            let tag = key.get(prefix.len()..).unwrap_or_default();
            return Some((format!("{en} {tag}"), format!("{ja} {tag}")));
        }
    }
    // An OIDC provider's claims: `token.actions.githubusercontent.com:sub`.
    let (provider, claim) = key.rsplit_once(':')?;
    if !provider.contains('.') {
        return None;
    }
    match claim {
        "sub" => Some(("the token's subject".into(), "トークンのサブジェクト".into())),
        "aud" => Some(("the token's audience".into(), "トークンのオーディエンス".into())),
        "amr" => Some(("the token's authentication methods".into(), "トークンの認証方法".into())),
        _ => None,
    }
}
