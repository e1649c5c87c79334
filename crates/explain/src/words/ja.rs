//! 日本語。

use catalogue::AccessLevel;
use policy::{Effect, PolicyType};

use super::{key_description, shown_value, Sentence, Words};
use crate::model::{Access, Coverage, ServiceRow};
use crate::read::actions::{ActionItem, TrustVerb};
use crate::read::condition::{variables, Cmp, Cond, Op, Set};
use crate::read::who::Who;

pub(crate) struct Ja;

fn subject(key: &str) -> String {
    match key_description(key) {
        Some((_, ja)) => format!("{ja} ({key})"),
        None => key.to_string(),
    }
}

fn join(v: &[String], sep: &str, last: &str) -> String {
    let mut out = String::new();
    for (i, s) in v.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == v.len() { last } else { sep });
        }
        out.push_str(s);
    }
    out
}

fn or_list(v: &[String]) -> String {
    join(v, "、", " または ")
}

fn plain_list(v: &[String]) -> String {
    join(v, "、", "、")
}

fn positive(op: Op, v: &str) -> String {
    match op {
        Op::Str | Op::Bool | Op::Date(Cmp::Eq) => format!("{v} である"),
        Op::StrIgnoreCase => format!("{v} である (大文字と小文字を区別しない)"),
        Op::Like | Op::Arn => format!("{v} に一致する"),
        Op::Num(Cmp::Eq) => format!("{v} に等しい"),
        Op::Num(Cmp::Lt) => format!("{v} 未満である"),
        Op::Num(Cmp::Le) => format!("{v} 以下である"),
        Op::Num(Cmp::Gt) => format!("{v} より大きい"),
        Op::Num(Cmp::Ge) => format!("{v} 以上である"),
        Op::Date(Cmp::Lt) => format!("{v} より前である"),
        Op::Date(Cmp::Le) => format!("{v} 以前である"),
        Op::Date(Cmp::Gt) => format!("{v} より後である"),
        Op::Date(Cmp::Ge) => format!("{v} 以降である"),
        Op::Binary => format!("バイナリ値 (base64) {v} である"),
        Op::Ip => format!("{v} の範囲内である"),
        Op::Null => String::new(),
    }
}

fn negative(op: Op, vals: &[String]) -> String {
    let one = vals.len() == 1;
    let v = plain_list(vals);
    match (op, one) {
        (Op::Str | Op::Date(_), true) => format!("{v} ではない"),
        (Op::Str | Op::Date(_), false) => format!("{v} のいずれでもない"),
        (Op::StrIgnoreCase, true) => format!("{v} ではない (大文字と小文字を区別しない)"),
        (Op::StrIgnoreCase, false) => format!("{v} のいずれでもない (大文字と小文字を区別しない)"),
        (Op::Like | Op::Arn, true) => format!("{v} に一致しない"),
        (Op::Like | Op::Arn, false) => format!("{v} のいずれにも一致しない"),
        (Op::Num(_), true) => format!("{v} に等しくない"),
        (Op::Num(_), false) => format!("{v} のいずれとも等しくない"),
        (Op::Ip, true) => format!("{v} の範囲外である"),
        (Op::Ip, false) => format!("{v} のいずれの範囲にも含まれない"),
        (Op::Bool | Op::Binary | Op::Null, _) => format!("{v} に一致しない"),
    }
}

fn special(c: &Cond) -> Option<String> {
    let o = c.operator;
    if o.op != Op::Bool || o.set != Set::None || o.if_exists || c.values.len() != 1 {
        return None;
    }
    let v = c.values.first()?.to_ascii_lowercase();
    let key = c.key.to_ascii_lowercase();
    match (key.as_str(), v.as_str()) {
        ("aws:multifactorauthpresent", "true") => Some(format!("MFA でサインインしている ({} が true)", c.key)),
        ("aws:securetransport", "true") => Some(format!("リクエストが TLS で送信されている ({} が true)", c.key)),
        ("aws:securetransport", "false") => Some(format!("リクエストが TLS で送信されていない ({} が false)", c.key)),
        _ => None,
    }
}

/// 条件の節を「場合」につなぐ (英数字や括弧で終わるときは空白を入れる)。
fn case_suffix(conditions: &Sentence, tail: &str) -> String {
    let last = conditions.0.last().and_then(|p| p.text.chars().last());
    match last {
        Some(c) if c.is_ascii() => format!(" {tail}"),
        _ => tail.to_string(),
    }
}

impl Words for Ja {
    fn kind_note(&self, kind: PolicyType) -> &'static str {
        match kind {
            PolicyType::Trust => {
                "信頼ポリシー: このロールを引き受けられるのはだれかを定めます。別のアカウントのプリンシパルは、自身の ID ベースのポリシーでも許可されている必要があります。"
            }
            PolicyType::Identity => "ID ベースのポリシー: アタッチ先のユーザー、グループ、ロールが何をできるかを定めます。",
            PolicyType::Resource => "リソースベースのポリシー: このリソースに対してだれが何をできるかを定めます。",
            PolicyType::Boundary => {
                "アクセス許可の境界: それ自体では何も許可しません。ユーザーやロールができるのは、ID ベースのポリシーとこの境界の両方で許可されていることだけです。"
            }
            PolicyType::Scp => {
                "サービスコントロールポリシー (SCP): それ自体では何も許可しません。アカウントのユーザーとロールに許可できる範囲を制限します。"
            }
            PolicyType::Session => {
                "セッションポリシー: それ自体では何も許可しません。セッションができるのは、ロールのポリシーとこのポリシーの両方で許可されていることだけです。"
            }
        }
    }

    fn who(&self, w: &Who, except: bool) -> String {
        match w {
            Who::Account { account } if except => format!("アカウント {account}"),
            Who::Anyone => "すべてのプリンシパル (\"*\": 匿名のプリンシパルを含む)".into(),
            Who::Account { account } => format!("アカウント {account} 内で、自身のポリシーで許可されている任意の ID"),
            Who::User { account, name } => format!("アカウント {account} の IAM ユーザー {name}"),
            Who::Role { account, name } => format!("アカウント {account} のロール {name} (そのすべてのセッション)"),
            Who::Session { account, role, session } => format!("アカウント {account} のロール {role} のセッション {session}"),
            Who::Arn { arn } => format!("プリンシパル {arn}"),
            Who::Service { name } => format!("AWS サービス {name}"),
            Who::Oidc { account, host } => format!("OIDC ID プロバイダー {host} (アカウント {account}) のユーザー"),
            Who::Saml { account, name } => format!("SAML ID プロバイダー {name} (アカウント {account}) のユーザー"),
            Who::WebIdentity { name } => format!("ウェブ ID プロバイダー {name} のユーザー"),
            Who::CanonicalUser { id } => format!("S3 の正規ユーザー {id}"),
        }
    }

    fn trust_verb(&self, v: &TrustVerb) -> String {
        match v {
            TrustVerb::AssumeRole => "このロールを引き受けること (sts:AssumeRole)".into(),
            TrustVerb::WithWebIdentity => "ウェブ ID トークンでこのロールを引き受けること (sts:AssumeRoleWithWebIdentity)".into(),
            TrustVerb::WithSaml => "SAML アサーションでこのロールを引き受けること (sts:AssumeRoleWithSAML)".into(),
            TrustVerb::TagSession => "セッションタグを渡すこと (sts:TagSession)".into(),
            TrustVerb::SetSourceIdentity => "ソースアイデンティティを設定すること (sts:SetSourceIdentity)".into(),
            TrustVerb::SetContext => "セッションコンテキストを設定すること (sts:SetContext)".into(),
            TrustVerb::AnySts => "このロールに対する任意の STS アクション (sts:*)".into(),
            TrustVerb::Any => "このロールに対する任意のアクション (*)".into(),
            TrustVerb::Other(a) => format!("{a} の呼び出し"),
        }
    }

    fn action_item(&self, a: &ActionItem) -> String {
        match a {
            ActionItem::All => "すべてのサービスのすべてのアクション (*)".into(),
            ActionItem::Service { prefix, name } => match name {
                Some(n) => format!("{n} のすべてのアクション ({prefix}:*)"),
                None => format!("{prefix} のすべてのアクション ({prefix}:*)"),
            },
            ActionItem::Exact { text, level } => match level {
                None => text.clone(),
                Some(Some(l)) => format!("{text} ({})", self.access_level(*l)),
                Some(None) => format!("{text} (カタログにないアクション)"),
            },
            ActionItem::Pattern { text, matched } => match matched {
                None => text.clone(),
                Some((0, _)) => format!("{text} (カタログにあるどのアクションにも一致しない)"),
                Some((n, levels)) => {
                    let ls: Vec<String> = levels.iter().map(|l| self.access_level(*l).to_string()).collect();
                    format!("{text} ({n} 件のアクション: {})", plain_list(&ls))
                }
            },
        }
    }

    fn all_resources(&self) -> &'static str {
        "すべてのリソース"
    }

    fn condition(&self, c: &Cond) -> String {
        if let Some(op) = &c.unknown_operator {
            return format!("{} に対する {op} が {}", c.key, plain_list(&c.values));
        }
        if let Some(s) = special(c) {
            return s;
        }
        let o = c.operator;
        let vals: Vec<String> = c.values.iter().map(|v| shown_value(c, v)).collect();
        let subj = subject(&c.key);
        let mut out = if o.op == Op::Null {
            let states: Vec<String> = c
                .values
                .iter()
                .map(|v| if v.eq_ignore_ascii_case("true") { "リクエストにない" } else { "リクエストにある" }.into())
                .collect();
            format!("{subj} が{}", or_list(&states))
        } else {
            let pred = if o.negated { negative(o.op, &vals) } else { positive(o.op, &or_list(&vals)) };
            // A space between Japanese and a value, none between Japanese words.
            let gap = if pred.starts_with(|c: char| c.is_ascii()) { " " } else { "" };
            match (o.set, o.negated) {
                (Set::None, _) => format!("{subj} が{gap}{pred}"),
                (Set::Any, _) => format!("{subj} の値の少なくとも 1 つが{gap}{pred}"),
                (Set::All, false) => format!("{subj} のすべての値が{gap}{pred}"),
                (Set::All, true) => format!("{subj} のどの値も{gap}{pred}"),
            }
        };
        if o.holds_without_key() {
            out.push_str(&format!(" (リクエストに {} がない場合も含む)", c.key));
        }
        let vars: Vec<String> = c.values.iter().filter(|v| c.has_variable(v)).flat_map(|v| variables(v)).map(str::to_string).collect();
        if !vars.is_empty() {
            out.push_str(&format!(" ({} にはリクエストの値が入る)", plain_list(&vars)));
        }
        out
    }

    fn resource_variables(&self, vars: &[&str], literal: bool) -> String {
        if literal {
            " (ここでの ${…} はただの文字列です。ポリシー変数には \"Version\": \"2012-10-17\" が必要です)".into()
        } else {
            let vars: Vec<String> = vars.iter().map(|s| s.to_string()).collect();
            format!(" ({} にはリクエストの値が入ります)", plain_list(&vars))
        }
    }

    fn list_or(&self, items: Vec<Sentence>) -> Sentence {
        Sentence::join(items, "、", " または ")
    }

    fn list_and(&self, items: Vec<Sentence>) -> Sentence {
        Sentence::join(items, "、", "、")
    }

    fn all_of(&self, conditions: Vec<Sentence>) -> Sentence {
        Sentence::join(conditions, "、かつ ", "、かつ ")
    }

    fn not_principal(&self, who: Sentence) -> Sentence {
        let mut s = who;
        s.push(" 以外のすべてのプリンシパル");
        s
    }

    fn not_action(&self, actions: Sentence) -> Sentence {
        let mut s = actions;
        s.push(" 以外のすべてのアクション");
        s
    }

    fn trust_not_action(&self, actions: Sentence) -> Sentence {
        let mut s = actions;
        s.push(" 以外のすべてのアクション");
        s
    }

    fn not_resource(&self, resources: Sentence) -> Sentence {
        let mut s = resources;
        s.push(" 以外のすべてのリソース");
        s
    }

    fn trust_statement(&self, effect: Effect, who: Sentence, verbs: Sentence, conditions: Vec<Sentence>) -> Sentence {
        let mut s = Sentence::default();
        if !conditions.is_empty() {
            let c = self.all_of(conditions);
            let tail = case_suffix(&c, if effect == Effect::Allow { "場合に限り、" } else { "場合、" });
            s.append(c).push(&tail);
        }
        match effect {
            Effect::Allow => {
                s.append(who).push(" に、").append(verbs).push(" を許可します。");
            }
            Effect::Deny => {
                s.append(who).push(" に対して、").append(verbs).push(" を拒否します。明示的な拒否はあらゆる許可より優先されます。");
            }
        }
        s
    }

    fn permission_statement(
        &self,
        effect: Effect,
        who: Option<Sentence>,
        actions: Sentence,
        resources: Sentence,
        conditions: Vec<Sentence>,
    ) -> Sentence {
        let mut s = Sentence::default();
        if !conditions.is_empty() {
            let c = self.all_of(conditions);
            let tail = case_suffix(&c, if effect == Effect::Allow { "場合に限り、" } else { "場合、" });
            s.append(c).push(&tail);
        }
        if let Some(w) = who {
            s.append(w).push(if effect == Effect::Allow { " に、" } else { " に対して、" });
        }
        s.append(resources).push(" に対する ").append(actions);
        s.push(match effect {
            Effect::Allow => " を許可します。",
            Effect::Deny => " を拒否します。明示的な拒否はあらゆる許可より優先されます。",
        });
        s
    }

    fn access_level(&self, level: AccessLevel) -> &'static str {
        match level {
            AccessLevel::List => "リスト",
            AccessLevel::Read => "読み取り",
            AccessLevel::Write => "書き込み",
            AccessLevel::PermissionsManagement => "アクセス許可の管理",
            AccessLevel::Tagging => "タグ付け",
        }
    }

    fn summary_row(&self, row: &ServiceRow) -> String {
        let effect = match row.effect {
            Effect::Allow => "許可",
            Effect::Deny => "拒否",
        };
        let service = match (&row.access, &row.name) {
            (Access::AllExcept, _) => format!("{} 以外のすべてのサービス", plain_list(&row.actions)),
            (_, _) if row.service == "*" => "すべてのサービス".to_string(),
            (_, Some(n)) => format!("{n} ({})", row.service),
            (_, None) => row.service.clone(),
        };
        let access = match &row.access {
            Access::Unknown => plain_list(&row.actions),
            Access::Full | Access::AllExcept => "フルアクセス".into(),
            Access::None => "カタログにあるアクションなし".into(),
            Access::Levels(levels) => {
                let pick = |c: Coverage| -> Vec<String> {
                    levels.iter().filter(|(_, k)| *k == c).map(|(l, _)| self.access_level(*l).to_string()).collect()
                };
                let mut parts = Vec::new();
                let full = pick(Coverage::Full);
                if !full.is_empty() {
                    parts.push(format!("フル: {}", plain_list(&full)));
                }
                let limited = pick(Coverage::Limited);
                if !limited.is_empty() {
                    parts.push(format!("制限: {}", plain_list(&limited)));
                }
                parts.join(" · ")
            }
        };
        let mut out = format!("{effect} — {service}: {access}");
        out.push_str(if row.all_resources { " · すべてのリソース" } else { " · 特定のリソース" });
        if row.conditions {
            out.push_str(" · 条件あり");
        }
        if !row.unrecognized.is_empty() {
            out.push_str(&format!(" · カタログにない: {}", plain_list(&row.unrecognized)));
        }
        out
    }
}
