//! `roleplay explain` as a user runs it: every policy of a scenario by its
//! path, a bare policy with its kind guessed or given, both languages,
//! JSON, and a policy that does not parse.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};

#[path = "support/run.rs"]
mod run;
use run::*;

fn roleplay(args: &[&str], stdin: Option<&str>) -> Out {
    roleplay_with(args, stdin)
}

fn preset(name: &str) -> String {
    let p: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios").join(name);
    p.display().to_string()
}

#[test]
fn help_for_the_new_commands() {
    for (cmd, head) in [("explain", "roleplay explain — "), ("import", "roleplay import — "), ("export", "roleplay export — ")] {
        for args in [vec![cmd, "--help"], vec!["help", cmd]] {
            let o = roleplay(&args, None);
            assert_eq!(o.code, 0, "{args:?}");
            assert!(o.stdout.starts_with(head), "{args:?}: {}", o.stdout);
            assert!(o.stdout.contains("usage: "), "{args:?}");
        }
    }
    let main = roleplay(&["--help"], None);
    assert!(main.stdout.contains("roleplay explain FILE") && main.stdout.contains("roleplay import FILE"), "{}", main.stdout);
}

#[test]
fn every_policy_of_a_scenario_by_its_path_in_both_languages() {
    let p = preset("14-external-id-and-mfa.json");
    let en = roleplay(&["explain", &p], None);
    assert_eq!(en.code, 0, "{}", en.stderr);
    assert!(
        en.stdout.starts_with(
            "$.Users[0].Policies[0].PolicyDocument — policy AllowAssumeCustomerRoles of arn:aws:iam::333333333333:user/partner_auditor\n"
        ),
        "{}",
        en.stdout
    );
    assert!(en
        .stdout
        .contains("$.Roles[1].AssumeRolePolicyDocument — trust policy of arn:aws:iam::111111111111:role/break-glass-admin-role\n"));
    assert!(en.stdout.contains(
        "  [0 \"TrustDevelopmentAccountWithMFA\", line 4:5–16:5] Lets any identity in account 222222222222 whose own policies allow it assume this role (sts:AssumeRole), only when signed in with MFA (aws:MultiFactorAuthPresent is true).\n"
    ), "{}", en.stdout);
    assert!(en.stdout.contains("    · Allow — All services: Full access · all resources\n"), "{}", en.stdout);
    let ja = roleplay(&["explain", &p, "--lang=ja"], None);
    assert_eq!(ja.code, 0);
    assert!(ja
        .stdout
        .contains("$.Roles[1].AssumeRolePolicyDocument — arn:aws:iam::111111111111:role/break-glass-admin-role の信頼ポリシー\n"));
    assert!(ja.stdout.contains("MFA でサインインしている (aws:MultiFactorAuthPresent が true) 場合に限り、"), "{}", ja.stdout);
}

#[test]
fn json_for_a_scenario_names_each_policy_and_where_positions_point() {
    let out = roleplay(&["explain", &preset("01-cross-account-switch-role.json"), "--json"], None);
    assert_eq!(out.code, 0);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let policies = v["Policies"].as_array().unwrap();
    assert_eq!(policies.len(), 4);
    let trust = &policies[2];
    assert_eq!(trust["Path"], "$.Roles[0].AssumeRolePolicyDocument");
    assert_eq!(trust["Kind"], "trust");
    assert_eq!(trust["PositionsIn"], "policy");
    let st = &trust["Lines"][1];
    assert_eq!(st["Kind"], "statement");
    assert_eq!(st["Sid"], "TrustDevelopmentAccount");
    assert_eq!(st["Start"], serde_json::json!({"Line": 4, "Column": 5}));
    assert_eq!(st["Links"][0]["Text"], "any identity in account 222222222222 whose own policies allow it");
    assert_eq!(st["Links"][0]["Start"], serde_json::json!({"Line": 8, "Column": 16}));
}

#[test]
fn a_bare_policy_with_its_kind_guessed_or_given() {
    let trust = r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}}"#;
    let out = roleplay(&["explain", "-"], Some(trust));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "Trust policy: who may assume this role. A principal in another account also needs its own identity-based policies to allow it.\n\
         [0, line 1:40–1:133] Lets the AWS service ec2.amazonaws.com assume this role (sts:AssumeRole).\n"
    );
    let boundary = r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}"#;
    let out = roleplay(&["explain", "-", "--kind", "boundary", "--lang", "ja"], Some(boundary));
    assert_eq!(out.code, 0);
    assert!(out.stdout.starts_with("アクセス許可の境界: それ自体では何も許可しません。"), "{}", out.stdout);
    assert!(out.stdout.contains("  · 許可 — Amazon S3 (s3): フルアクセス · すべてのリソース\n"), "{}", out.stdout);
}

#[test]
fn a_policy_that_does_not_parse_is_located_and_exits_two() {
    let out = roleplay(
        &["explain", "-", "--kind=identity"],
        Some("{\"Statement\": {\"Effect\": \"Alow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}}"),
    );
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "");
    assert!(out.stderr.starts_with("<stdin>:1:26: $.Statement.Effect: `Effect` must be `Allow` or `Deny`, not `Alow`"), "{}", out.stderr);
    let out = roleplay(&["explain", "-"], Some("{"));
    assert_eq!(out.code, 2);
    assert!(out.stderr.starts_with("<stdin>:1:2: the file is not valid JSON"), "{}", out.stderr);
    let out = roleplay(&["explain", "-", "--kind", "role"], Some("{}"));
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .starts_with("roleplay explain: `--kind` takes `identity`, `trust`, `resource`, `boundary`, `scp` or `session`, not `role`"),
        "{}",
        out.stderr
    );
}
