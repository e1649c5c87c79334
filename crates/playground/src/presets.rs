//! The preset scenarios (the `scenarios/` files, compiled in) and the
//! blank scenario a learner can start from. `?preset=` names one by file
//! name, by name without its number, or by its number alone.

/// A preset: its file name without `.json`, and its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preset {
    pub name: &'static str,
    pub text: &'static str,
}

pub const PRESETS: &[Preset] = &[
    Preset { name: "01-cross-account-switch-role", text: include_str!("../../../scenarios/01-cross-account-switch-role.json") },
    Preset { name: "02-narrowed-trust", text: include_str!("../../../scenarios/02-narrowed-trust.json") },
    Preset { name: "03-same-account-trust", text: include_str!("../../../scenarios/03-same-account-trust.json") },
    Preset { name: "04-lambda-service-role", text: include_str!("../../../scenarios/04-lambda-service-role.json") },
    Preset { name: "05-ec2-instance-profile", text: include_str!("../../../scenarios/05-ec2-instance-profile.json") },
    Preset { name: "06-passrole", text: include_str!("../../../scenarios/06-passrole.json") },
    Preset { name: "07-role-chaining", text: include_str!("../../../scenarios/07-role-chaining.json") },
    Preset { name: "08-time-limited-access", text: include_str!("../../../scenarios/08-time-limited-access.json") },
    Preset { name: "09-expired-credentials", text: include_str!("../../../scenarios/09-expired-credentials.json") },
    Preset { name: "10-explicit-deny", text: include_str!("../../../scenarios/10-explicit-deny.json") },
    Preset { name: "11-session-policy", text: include_str!("../../../scenarios/11-session-policy.json") },
    Preset { name: "12-permissions-boundary", text: include_str!("../../../scenarios/12-permissions-boundary.json") },
    Preset { name: "13-cross-account-bucket-policy", text: include_str!("../../../scenarios/13-cross-account-bucket-policy.json") },
    Preset { name: "14-external-id-and-mfa", text: include_str!("../../../scenarios/14-external-id-and-mfa.json") },
    Preset { name: "15-github-actions-oidc", text: include_str!("../../../scenarios/15-github-actions-oidc.json") },
    Preset { name: "16-one-role-many-people", text: include_str!("../../../scenarios/16-one-role-many-people.json") },
    Preset { name: "17-single-sign-on-saml", text: include_str!("../../../scenarios/17-single-sign-on-saml.json") },
    Preset {
        name: "18-long-term-and-temporary-credentials",
        text: include_str!("../../../scenarios/18-long-term-and-temporary-credentials.json"),
    },
];

/// Name of the blank scenario in `?preset=`.
pub const BLANK: &str = "blank";

/// A role and a user with nothing allowed yet: the learner writes the
/// identity policy and the trust policy.
pub const BLANK_TEXT: &str = r#"{
  "Scenario": 1,
  "Title": {"en": "Blank scenario", "ja": "空のシナリオ"},
  "Clock": "2026-11-22T09:00:00Z",
  "Users": [
    {
      "Arn": "arn:aws:iam::111111111111:user/alice",
      "Policies": [
        {
          "PolicyName": "AliceIdentityPolicy",
          "PolicyDocument": "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n  ]\n}"
        }
      ]
    }
  ],
  "Roles": [
    {
      "Arn": "arn:aws:iam::111111111111:role/MyRole",
      "AssumeRolePolicyDocument": "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n  ]\n}",
      "Policies": [
        {
          "PolicyName": "MyRolePermissions",
          "PolicyDocument": "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"s3:ListAllMyBuckets\",\n      \"Resource\": \"*\"\n    }\n  ]\n}"
        }
      ]
    }
  ],
  "Steps": [
    {
      "Action": "sts:AssumeRole",
      "Caller": {"AWS": "arn:aws:iam::111111111111:user/alice"},
      "RoleArn": "arn:aws:iam::111111111111:role/MyRole",
      "RoleSessionName": "alice"
    },
    {"Action": "s3:ListAllMyBuckets", "Caller": {"Session": 0}, "Resource": "*"}
  ]
}
"#;

/// A preset's title in `lang`, parsed once per program (the preset menu
/// is redrawn often).
pub fn title(p: &Preset, lang: crate::Lang) -> String {
    static TITLES: std::sync::OnceLock<Vec<(&'static str, String, String)>> = std::sync::OnceLock::new();
    let titles = TITLES.get_or_init(|| {
        PRESETS
            .iter()
            .map(|q| {
                let doc = policy::json::parse(q.text).ok();
                let title = |lang| doc.as_ref().map(|d| crate::doc::title(d, lang)).unwrap_or_default();
                (q.name, title("en"), title("ja"))
            })
            .collect()
    });
    let found = titles.iter().find(|(n, _, _)| *n == p.name);
    match (found, lang) {
        (Some((_, _, ja)), crate::Lang::Ja) => ja.clone(),
        (Some((_, en, _)), _) => en.clone(),
        (None, _) => p.name.to_string(),
    }
}

/// The preset called `name`: the file name without `.json`, with or
/// without its number (`01-cross-account-switch-role` or
/// `cross-account-switch-role`), its number alone (`1`, `01`), or `blank`.
pub fn find(name: &str) -> Option<Preset> {
    let name = name.trim().trim_end_matches(".json");
    if name == BLANK {
        return Some(Preset { name: BLANK, text: BLANK_TEXT });
    }
    PRESETS.iter().copied().find(|p| named(p.name, name))
}

/// Whether a numbered file name (`04-lambda-service-role`) is what `wanted`
/// asks for: the whole name, the name without its number, or the number
/// alone with or without leading zeros (`4`, `04`).
pub(crate) fn named(file: &str, wanted: &str) -> bool {
    let Some((number, rest)) = file.split_once('-') else { return file == wanted };
    if file == wanted || rest == wanted {
        return true;
    }
    let as_number = |s: &str| (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.trim_start_matches('0').to_string());
    matches!((as_number(number), as_number(wanted)), (Some(a), Some(b)) if a == b)
}
