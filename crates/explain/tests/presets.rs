//! Every policy of every preset (`scenarios/*.json`) read aloud in both
//! languages: each explains without error, every statement has its
//! sentence with its place in the policy, every policy but a trust policy
//! has its summary, and the key sentences of each preset say what the
//! lesson needs them to say — in English and in Japanese.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};

use catalogue::Catalogue;
use explain::{Explanation, Lang, LineKind};
use policy::path::JsonPath;
use policy::{parse_policy_value, LineIndex, PolicyType};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn catalogue() -> Catalogue {
    let text = std::fs::read_to_string(repo().join("crates/catalogue/data/catalogue.txt")).unwrap();
    Catalogue::parse(&text).unwrap()
}

/// Every policy of a scenario file: its path and its explanation.
fn explain_all(file: &Path, lang: Lang, cat: &Catalogue) -> Vec<(String, PolicyType, Explanation)> {
    let text = std::fs::read_to_string(file).unwrap();
    let doc = policy::json::parse(&text).unwrap();
    let lines = LineIndex::new(&text);
    sts::schema::policy_fields(&doc)
        .into_iter()
        .map(|f| {
            let v = f.path.lookup(&doc).unwrap();
            let kind = f.kind.kind;
            let e = match v.as_str() {
                Some(s) => explain::explain(s, kind, lang, Some(cat)).unwrap_or_else(|e| panic!("{}: {e:?}", f.path)),
                None => {
                    let parsed = parse_policy_value(v, &JsonPath::root(), kind, &text, &lines);
                    explain::explain_policy(&parsed.policy.unwrap(), &text, lang, Some(cat))
                }
            };
            (f.path.to_string(), kind, e)
        })
        .collect()
}

fn presets() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join("scenarios"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 15, "{files:?}");
    files
}

/// (preset file prefix, policy path, English, Japanese): a sentence (or
/// summary row) of that policy must contain each text.
const KEY: &[(&str, &str, &str, &str)] = &[
    (
        "01",
        "$.Roles[0].AssumeRolePolicyDocument",
        "Lets any identity in account 222222222222 whose own policies allow it assume this role (sts:AssumeRole).",
        "アカウント 222222222222 内で、自身のポリシーで許可されている任意の ID に、このロールを引き受けること (sts:AssumeRole) を許可します。",
    ),
    ("01", "$.Roles[0].Policies[0].PolicyDocument", "Allow — Amazon EC2 (ec2): Limited: List · all resources", "許可 — Amazon EC2 (ec2): 制限: リスト · すべてのリソース"),
    ("01", "$.Users[0].Policies[1].PolicyDocument", "Allows every Amazon S3 action (s3:*) on all resources.", "すべてのリソースに対する Amazon S3 のすべてのアクション (s3:*) を許可します。"),
    (
        "02",
        "$.Roles[0].AssumeRolePolicyDocument",
        "Lets the IAM user user_A of account 222222222222 or the IAM user user_C of account 222222222222 assume this role",
        "アカウント 222222222222 の IAM ユーザー user_A またはアカウント 222222222222 の IAM ユーザー user_C に、このロールを引き受けること",
    ),
    ("03", "$.Roles[0].AssumeRolePolicyDocument", "Lets the IAM user ops_user of account 111111111111 assume this role", "アカウント 111111111111 の IAM ユーザー ops_user に、"),
    (
        "03",
        "$.Roles[1].AssumeRolePolicyDocument",
        "Lets any identity in account 111111111111 whose own policies allow it assume this role",
        "アカウント 111111111111 内で、自身のポリシーで許可されている任意の ID に",
    ),
    ("04", "$.Roles[0].AssumeRolePolicyDocument", "Lets the AWS service lambda.amazonaws.com assume this role (sts:AssumeRole).", "AWS サービス lambda.amazonaws.com に、このロールを引き受けること (sts:AssumeRole) を許可します。"),
    ("04", "$.Roles[0].Policies[0].PolicyDocument", "Allow — Amazon CloudWatch Logs (logs): Limited: Write · specific resources", "許可 — Amazon CloudWatch Logs (logs): 制限: 書き込み · 特定のリソース"),
    ("05", "$.Roles[0].AssumeRolePolicyDocument", "Lets the AWS service ec2.amazonaws.com assume this role", "AWS サービス ec2.amazonaws.com に、このロールを引き受けること"),
    ("05", "$.Roles[0].Policies[0].PolicyDocument", "Allows s3:GetObject (Read) on arn:aws:s3:::example-app-assets/*.", "arn:aws:s3:::example-app-assets/* に対する s3:GetObject (読み取り) を許可します。"),
    (
        "06",
        "$.Users[1].Policies[0].PolicyDocument",
        "Allows iam:PassRole (Write) on arn:aws:iam::111111111111:role/lambda-app-role, only when the service the role is passed to (iam:PassedToService) is \"lambda.amazonaws.com\".",
        "ロールを渡す先のサービス (iam:PassedToService) が \"lambda.amazonaws.com\" である場合に限り、arn:aws:iam::111111111111:role/lambda-app-role に対する iam:PassRole (書き込み) を許可します。",
    ),
    ("06", "$.Roles[1].Policies[0].PolicyDocument", "Allow — All services: Full access · all resources", "許可 — すべてのサービス: フルアクセス · すべてのリソース"),
    ("07", "$.Roles[1].AssumeRolePolicyDocument", "Lets the role RoleA of account 111111111111 (any of its sessions) assume this role", "アカウント 111111111111 のロール RoleA (そのすべてのセッション) に、"),
    (
        "08",
        "$.Roles[0].AssumeRolePolicyDocument",
        "only when the time of the request (aws:CurrentTime) is after 2026-11-22T09:00:00Z and the time of the request (aws:CurrentTime) is before 2026-11-22T12:00:00Z.",
        "リクエストの日時 (aws:CurrentTime) が 2026-11-22T09:00:00Z より後である、かつリクエストの日時 (aws:CurrentTime) が 2026-11-22T12:00:00Z より前である場合に限り、",
    ),
    ("09", "$.Roles[0].Policies[0].PolicyDocument", "Allows s3:GetObject (Read) on arn:aws:s3:::example-reports/*.", "arn:aws:s3:::example-reports/* に対する s3:GetObject (読み取り) を許可します。"),
    (
        "10",
        "$.Users[0].Policies[0].PolicyDocument",
        "Denies every Amazon S3 action (s3:*) on arn:aws:s3:::example-finance-bucket and arn:aws:s3:::example-finance-bucket/*. An explicit deny overrides any allow.",
        "を拒否します。明示的な拒否はあらゆる許可より優先されます。",
    ),
    ("10", "$.Roles[0].Policies[1].PolicyDocument", "Deny — AWS Identity and Access Management (IAM) (iam): Limited: Write, Permissions management", "拒否 — AWS Identity and Access Management (IAM) (iam): 制限: 書き込み、アクセス許可の管理"),
    (
        "11",
        "$.Steps[0].Policy",
        "Session policy: it grants nothing by itself; the session may do only what both the role's policies and this policy allow.",
        "セッションポリシー: それ自体では何も許可しません。",
    ),
    ("11", "$.Steps[0].Policy", "Allows s3:GetObject (Read) on arn:aws:s3:::example-reports/*.", "arn:aws:s3:::example-reports/* に対する s3:GetObject (読み取り) を許可します。"),
    (
        "12",
        "$.Roles[0].PermissionsBoundary",
        "Permissions boundary: it grants nothing by itself; the user or role may do only what both its identity-based policies and this boundary allow.",
        "アクセス許可の境界: それ自体では何も許可しません。",
    ),
    ("12", "$.Users[1].PermissionsBoundary", "Allow — Amazon S3 (s3): Full: List · Limited: Read · all resources", "許可 — Amazon S3 (s3): フル: リスト · 制限: 読み取り · すべてのリソース"),
    (
        "13",
        "$.Resources[0].Policy",
        "Allows the IAM user user_A of account 222222222222, the IAM user user_B of account 222222222222 or the IAM user prod_analyst of account 111111111111 to perform s3:GetObject (Read) and s3:ListBucket (List)",
        "アカウント 222222222222 の IAM ユーザー user_A、アカウント 222222222222 の IAM ユーザー user_B またはアカウント 111111111111 の IAM ユーザー prod_analyst に、",
    ),
    (
        "14",
        "$.Roles[0].AssumeRolePolicyDocument",
        "Lets any identity in account 333333333333 whose own policies allow it assume this role (sts:AssumeRole), only when the external ID (sts:ExternalId) is \"Example-7f3a9c2e41b5\".",
        "外部 ID (sts:ExternalId) が \"Example-7f3a9c2e41b5\" である場合に限り、アカウント 333333333333 内で、自身のポリシーで許可されている任意の ID に、",
    ),
    (
        "14",
        "$.Roles[1].AssumeRolePolicyDocument",
        "Lets any identity in account 222222222222 whose own policies allow it assume this role (sts:AssumeRole), only when signed in with MFA (aws:MultiFactorAuthPresent is true).",
        "MFA でサインインしている (aws:MultiFactorAuthPresent が true) 場合に限り、アカウント 222222222222 内で、自身のポリシーで許可されている任意の ID に、このロールを引き受けること (sts:AssumeRole) を許可します。",
    ),
    (
        "15",
        "$.Roles[0].AssumeRolePolicyDocument",
        "Lets users of the OIDC identity provider token.actions.githubusercontent.com (account 111111111111) assume this role with a web identity token (sts:AssumeRoleWithWebIdentity), only when the token's audience (token.actions.githubusercontent.com:aud) is \"sts.amazonaws.com\" and the token's subject (token.actions.githubusercontent.com:sub) matches \"repo:example-org/example-repo:*\".",
        "トークンのオーディエンス (token.actions.githubusercontent.com:aud) が \"sts.amazonaws.com\" である、かつトークンのサブジェクト (token.actions.githubusercontent.com:sub) が \"repo:example-org/example-repo:*\" に一致する場合に限り、OIDC ID プロバイダー token.actions.githubusercontent.com (アカウント 111111111111) のユーザーに、ウェブ ID トークンでこのロールを引き受けること (sts:AssumeRoleWithWebIdentity) を許可します。",
    ),
    (
        "16",
        "$.Roles[0].AssumeRolePolicyDocument",
        "set a source identity (sts:SetSourceIdentity), only when the role session name (sts:RoleSessionName) is \"${aws:username}\" (${aws:username} taken from the request)",
        "ロールセッション名 (sts:RoleSessionName) が \"${aws:username}\" である (${aws:username} にはリクエストの値が入る)",
    ),
    ("16", "$.Users[1].Policies[0].PolicyDocument", "Allows sts:AssumeRole (Write) and sts:SetSourceIdentity (Write) on arn:aws:iam::111111111111:role/support-role.", "arn:aws:iam::111111111111:role/support-role に対する sts:AssumeRole (書き込み)、sts:SetSourceIdentity (書き込み) を許可します。"),
    (
        "17",
        "$.Roles[0].AssumeRolePolicyDocument",
        "Lets users of the SAML identity provider ExampleCorpIdP (account 111111111111) assume this role with a SAML assertion (sts:AssumeRoleWithSAML), only when the SAML assertion's audience (its endpoint URL) (SAML:aud) is \"https://signin.aws.amazon.com/saml\".",
        "SAML アサーションのオーディエンス (エンドポイント URL) (SAML:aud) が \"https://signin.aws.amazon.com/saml\" である場合に限り、SAML ID プロバイダー ExampleCorpIdP (アカウント 111111111111) のユーザーに、SAML アサーションでこのロールを引き受けること (sts:AssumeRoleWithSAML) を許可します。",
    ),
    (
        "18",
        "$.Users[0].Policies[0].PolicyDocument",
        "Allows ec2:StopInstances (Write) and ec2:StartInstances (Write) on all resources, only when signed in with MFA (aws:MultiFactorAuthPresent is true).",
        "MFA でサインインしている (aws:MultiFactorAuthPresent が true) 場合に限り、すべてのリソースに対する ec2:StopInstances (書き込み)、ec2:StartInstances (書き込み) を許可します。",
    ),
];

#[test]
fn every_preset_policy_reads_aloud_in_both_languages() {
    let cat = catalogue();
    let mut policies = 0;
    for file in presets() {
        for lang in [Lang::En, Lang::Ja] {
            for (path, kind, e) in explain_all(&file, lang, &cat) {
                policies += 1;
                let whose = format!("{} {path} ({lang:?})", file.display());
                assert_eq!(e.lines.first().map(|l| l.kind), Some(LineKind::Note), "{whose}");
                let statements: Vec<_> = e.lines_of(LineKind::Statement).collect();
                assert!(!statements.is_empty(), "{whose}: no statement line");
                for l in &statements {
                    let at = l.at.unwrap_or_else(|| panic!("{whose}: a statement line without its place"));
                    assert!(at.start.line >= 1 && at.end >= at.start, "{whose}: {at:?}");
                    let text = l.text();
                    assert!(text.ends_with('。') || text.ends_with('.'), "{whose}: {text}");
                    assert!(l.pieces.iter().any(|p| p.at.is_some()), "{whose}: nothing linked in {text}");
                }
                if kind == PolicyType::Trust {
                    assert!(e.summary.is_empty(), "{whose}");
                } else {
                    assert!(!e.summary.is_empty(), "{whose}: no summary");
                    assert_eq!(e.lines_of(LineKind::Summary).count(), e.summary.len(), "{whose}");
                }
                // The two languages differ in every sentence but say the same things.
                if lang == Lang::Ja {
                    assert!(statements.iter().all(|l| !l.text().is_ascii()), "{whose}");
                }
            }
        }
    }
    assert!(policies > 100, "{policies}");
}

#[test]
fn the_key_sentences_of_every_preset_in_english_and_japanese() {
    let cat = catalogue();
    for file in presets() {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let keys: Vec<_> = KEY.iter().filter(|(p, ..)| name.starts_with(p)).collect();
        assert!(!keys.is_empty(), "{name}: no key sentence is checked");
        for lang in [Lang::En, Lang::Ja] {
            let all = explain_all(&file, lang, &cat);
            for (_, path, en, ja) in &keys {
                let want = if lang == Lang::En { en } else { ja };
                let (_, _, e) = all.iter().find(|(p, ..)| p == path).unwrap_or_else(|| panic!("{name}: no policy at {path}"));
                assert!(e.text().contains(want), "{name} {path} ({lang:?}): want\n  {want}\ngot\n{}", e.text());
            }
        }
    }
}

#[test]
fn without_the_catalogue_access_levels_are_simply_not_shown() {
    let text =
        r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["ec2:Describe*", "s3:GetObject"], "Resource": "*"}]}"#;
    let e = explain::explain(text, PolicyType::Identity, Lang::En, None).unwrap();
    assert_eq!(e.summary.len(), 2);
    assert!(e.summary.iter().all(|r| r.access == explain::Access::Unknown && r.name.is_none()));
    let t = e.text();
    assert!(t.contains("Allow — ec2: ec2:Describe* · all resources"), "{t}");
    assert!(t.contains("Allows ec2:Describe* and s3:GetObject on all resources."), "{t}");
    assert!(!t.contains("Read") && !t.contains("List"), "{t}");
}
