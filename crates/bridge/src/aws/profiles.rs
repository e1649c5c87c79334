//! `~/.aws/config` profiles for a scenario: one per IAM user (whose keys go
//! in `~/.aws/credentials`) and one per way a role is assumed in the steps
//! (`role_arn` with `source_profile`, `mfa_serial`, `external_id`,
//! `duration_seconds`, `role_session_name`; `web_identity_token_file` for a
//! web identity), so that `--profile ROLE` makes the AWS CLI assume the role
//! as the step does. AWS CLI User Guide, "Use an IAM role in the AWS CLI":
//! "You can configure the AWS Command Line Interface (AWS CLI) to use an IAM
//! role by defining a profile for the role in the ~/.aws/config file."

use std::collections::BTreeMap;

use policy::Principal;
use sts::scenario::{AssumeKind, CallerSpec, Scenario, StepKind};

use crate::report::{Note, NoteKind};

/// One `[profile NAME]` section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Profile {
    /// The profile's name (`--profile NAME`).
    pub name: String,
    /// `key = value` lines, in the order written.
    pub settings: Vec<(String, String)>,
    /// What the profile stands for, in both languages.
    pub comment: Note,
}

/// The profiles of a scenario, and which profile each user and each
/// AssumeRole step's session uses.
#[derive(Clone, Debug, Default)]
pub struct Profiles {
    /// Every profile, users first, then roles in step order.
    pub profiles: Vec<Profile>,
    /// The profile of each user (by index in the scenario).
    pub users: Vec<String>,
    /// The profile that assumes the role as step N does (by step).
    pub sessions: BTreeMap<usize, String>,
    /// Roles no profile can stand for (assumed by services, or via SAML),
    /// with why.
    pub without: Vec<Note>,
}

/// The MFA device of a user as the CLI's `mfa_serial`/`--serial-number`
/// take it: `arn:aws:iam::ACCOUNT:mfa/NAME` (the device is shown named
/// after the user).
pub fn mfa_serial(account: &str, user: &str) -> String {
    format!("arn:aws:iam::{account}:mfa/{user}")
}

/// Whether a request's context says it is signed in with MFA.
pub fn has_mfa(context: &[(String, policy::ContextValue)]) -> bool {
    context
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("aws:MultiFactorAuthPresent") && v.values.iter().any(|x| x.eq_ignore_ascii_case("true")))
}

fn unique(name: &str, taken: &[String]) -> String {
    if !taken.iter().any(|t| t == name) {
        return name.to_string();
    }
    (2..).map(|n| format!("{name}-{n}")).find(|c| !taken.iter().any(|t| t == c)).unwrap_or_else(|| name.to_string())
}

/// The profiles of `s`: with its report `r`, only AssumeRole steps that
/// issued credentials get a profile (a denied attempt is no way to assume
/// the role); without a report every AssumeRole step does.
pub fn profiles(s: &Scenario, r: Option<&sts::Report>) -> Profiles {
    let mut out = Profiles::default();
    let mut taken: Vec<String> = Vec::new();
    for u in &s.users {
        let clash = s.users.iter().filter(|o| o.name == u.name).count() > 1;
        let name = unique(&if clash { format!("{}-{}", u.name, u.account) } else { u.name.clone() }, &taken);
        taken.push(name.clone());
        out.users.push(name.clone());
        out.profiles.push(Profile {
            name: name.clone(),
            settings: Vec::new(),
            comment: Note::new(
                NoteKind::Info,
                format!("IAM user {}: its long-term access keys go in ~/.aws/credentials (aws configure --profile {name})", u.arn),
                format!("IAM ユーザー {}: 長期的なアクセスキーは ~/.aws/credentials に (aws configure --profile {name})", u.arn),
            ),
        });
    }
    let mut by_settings: BTreeMap<Vec<(String, String)>, String> = BTreeMap::new();
    for (i, step) in s.steps.iter().enumerate() {
        let StepKind::Assume(a) = &step.kind else { continue };
        let Some(role) = s.roles.get(a.role) else { continue };
        if r.and_then(|r| r.steps.get(i)).is_some_and(|rep| rep.credentials.is_none()) {
            continue;
        }
        let mut settings = vec![("role_arn".to_string(), role.arn.clone())];
        let (source, who) = match (&a.caller, a.kind) {
            (CallerSpec::User(u), _) => (out.users.get(*u).cloned(), s.users.get(*u).map(|u| u.name.clone())),
            (CallerSpec::Session(j) | CallerSpec::OriginalSession(j), _) => (out.sessions.get(j).cloned(), out.sessions.get(j).cloned()),
            (CallerSpec::Federated(_), AssumeKind::WithWebIdentity) => {
                settings.push(("web_identity_token_file".into(), "/path/to/web-identity-token".into()));
                (None, None)
            }
            (CallerSpec::Service(svc), _) => {
                out.without.push(Note::new(
                    NoteKind::Info,
                    format!("step {i}: {svc} assumes {} itself; no profile is needed", role.name),
                    format!("ステップ {i}: {svc} が {} を自分で引き受けるため、プロファイルは不要です", role.name),
                ));
                continue;
            }
            (CallerSpec::Federated(p), _) => {
                out.without.push(Note::new(
                    NoteKind::Info,
                    format!("step {i}: {p} signs in with SAML; the AWS CLI has no profile setting for a SAML assertion (use the credentials of assume-role-with-saml)"),
                    format!("ステップ {i}: {p} は SAML でサインインします。AWS CLI には SAML アサーション用のプロファイル設定がありません (assume-role-with-saml の認証情報を使います)"),
                ));
                continue;
            }
        };
        match &source {
            Some(p) => settings.push(("source_profile".into(), p.clone())),
            None if a.kind == AssumeKind::WithWebIdentity => {}
            None => continue,
        }
        if let CallerSpec::User(u) = &a.caller {
            if has_mfa(&a.context) {
                if let Some(user) = s.users.get(*u) {
                    settings.push(("mfa_serial".into(), mfa_serial(&user.account, &user.name)));
                }
            }
        }
        if let Some(x) = &a.external_id {
            settings.push(("external_id".into(), x.clone()));
        }
        if let Some(d) = a.duration {
            settings.push(("duration_seconds".into(), d.to_string()));
        }
        if let Some(n) = &a.session_name {
            settings.push(("role_session_name".into(), n.clone()));
        }
        if let Some(name) = by_settings.get(&settings) {
            out.sessions.insert(i, name.clone());
            continue;
        }
        let base = if taken.contains(&role.name) {
            format!("{}-{}", role.name, who.clone().unwrap_or_else(|| format!("step{i}")))
        } else {
            role.name.clone()
        };
        let name = unique(&base, &taken);
        taken.push(name.clone());
        by_settings.insert(settings.clone(), name.clone());
        out.sessions.insert(i, name.clone());
        let by = who.unwrap_or_else(|| "a web identity".into());
        out.profiles.push(Profile {
            name: name.clone(),
            settings,
            comment: Note::new(
                NoteKind::Info,
                format!("step {i}: {by} assumes {}; --profile {name} makes the AWS CLI do the same", role.name),
                format!("ステップ {i}: {by} が {} を引き受けます。--profile {name} で AWS CLI が同じことをします", role.name),
            ),
        });
    }
    // Roles no step assumes: a profile for a user the trust policy names.
    for role in &s.roles {
        if out.profiles.iter().any(|p| p.settings.first().is_some_and(|(k, v)| k == "role_arn" && *v == role.arn)) {
            continue;
        }
        let mut source = None;
        for st in &role.trust.policy.statements {
            for e in st.principal.iter().flat_map(|p| &p.entries) {
                let found = match &e.value {
                    Principal::User(arn) => s.user_index(arn),
                    Principal::Account(acct) => s.users.iter().position(|u| &u.account == acct),
                    _ => None,
                };
                if source.is_none() {
                    source = found;
                }
            }
        }
        let Some(u) = source else { continue };
        let Some(user_profile) = out.users.get(u).cloned() else { continue };
        let name = unique(&role.name, &taken);
        taken.push(name.clone());
        out.profiles.push(Profile {
            name,
            settings: vec![("role_arn".into(), role.arn.clone()), ("source_profile".into(), user_profile.clone())],
            comment: Note::new(
                NoteKind::Info,
                format!("{}: no step assumes it; its trust policy lets in {user_profile}", role.name),
                format!("{}: これを引き受けるステップはありませんが、信頼ポリシーが {user_profile} を許可しています", role.name),
            ),
        });
    }
    out
}

/// The profiles as the text of `~/.aws/config`, comments in `lang`.
pub fn config_text(p: &Profiles, title: &str, lang: &str) -> String {
    let ja = lang == "ja";
    let mut out = if ja {
        format!("# シナリオ「{title}」の ~/.aws/config (roleplay export --format aws-config)\n# IAM ユーザーのアクセスキーは ~/.aws/credentials に書きます。\n")
    } else {
        format!("# ~/.aws/config for the scenario \"{title}\" (roleplay export --format aws-config)\n# The IAM users' access keys go in ~/.aws/credentials.\n")
    };
    for prof in &p.profiles {
        out.push('\n');
        out.push_str(&format!("# {}\n[profile {}]\n", prof.comment.text(lang), prof.name));
        for (k, v) in &prof.settings {
            out.push_str(&format!("{k} = {v}\n"));
        }
    }
    for n in &p.without {
        out.push_str(&format!("\n# {}\n", n.text(lang)));
    }
    out
}
