//! `roleplay import` and `roleplay export` as a user runs them: output on
//! stdout, notes and errors on stderr, exit status 0 or 2.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::Path;

#[path = "support/run.rs"]
mod run;
use run::*;

fn roleplay(args: &[&str], stdin: Option<&str>) -> Out {
    roleplay_with(args, stdin)
}

fn repo(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(rel).display().to_string()
}

#[test]
fn import_prints_a_scenario_that_runs_and_the_notes_apart() {
    let out = roleplay(&["import", &repo("crates/bridge/tests/data/authorization-details.json")], None);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.starts_with("{\n  \"Scenario\": 1,\n"), "{}", out.stdout);
    assert!(out.stderr.lines().all(|l| l.starts_with("roleplay: note: ")), "{}", out.stderr);
    assert!(out.stderr.contains("AmazonS3ReadOnlyAccess"));
    let run = roleplay(&["run", "-", "--json"], Some(&out.stdout));
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn import_of_bad_input_is_located_and_exits_two() {
    let out = roleplay(&["import", "-"], Some("{\"RoleDetailList\": [{\"Arn\": 7}]}"));
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "<stdin>:1:29: $.RoleDetailList[0].Arn: `Arn` must be a string, not a number\n<stdin>: nothing was imported (1 error)\n"
    );
}

#[test]
fn export_formats_and_the_round_trip_through_the_cli() {
    let p = repo("scenarios/12-permissions-boundary.json");
    let t = roleplay(&["export", &p, "--format", "cloudformation", "--account", "111111111111"], None);
    assert_eq!(t.code, 0, "{}", t.stderr);
    let template: serde_json::Value = serde_json::from_str(&t.stdout).unwrap();
    assert_eq!(template["Resources"]["RoleDelegatedAdminRole"]["Type"], "AWS::IAM::Role");
    let d = roleplay(&["export", &p, "--format=authorization-details", "--account=111111111111"], None);
    assert_eq!(d.code, 0);
    let imported = roleplay(&["import", "-"], Some(&d.stdout));
    assert_eq!(imported.code, 0, "{}", imported.stderr);
    let again = roleplay(&["export", "-", "--format", "cloudformation"], Some(&imported.stdout));
    assert_eq!(again.code, 0, "{}", again.stderr);
    let c = roleplay(&["export", &repo("scenarios/01-cross-account-switch-role.json"), "--format", "aws-cli", "--lang", "ja"], None);
    assert_eq!(c.code, 0);
    assert!(
        c.stdout.contains("$ aws sts assume-role \\\n    --role-arn arn:aws:iam::111111111111:role/test_EC2ReadOnlyAccess_Role"),
        "{}",
        c.stdout
    );
    assert!(c.stdout.starts_with("# 「アカウントをまたいでスイッチロール」の各ステップを AWS CLI で"), "{}", c.stdout);
    let cfg = roleplay(&["export", &repo("scenarios/01-cross-account-switch-role.json"), "--format", "aws-config"], None);
    assert!(cfg.stdout.contains("[profile test_EC2ReadOnlyAccess_Role]\nrole_arn = arn:aws:iam::111111111111:role/test_EC2ReadOnlyAccess_Role\nsource_profile = user_A\n"), "{}", cfg.stdout);
}

#[test]
fn export_usage_and_account_errors() {
    let p = repo("scenarios/01-cross-account-switch-role.json");
    let out = roleplay(&["export", &p], None);
    assert_eq!(out.code, 2);
    assert!(out.stderr.starts_with("roleplay export: say which `--format`: `cloudformation`, `aws-cli`, `aws-config` or `authorization-details`\nusage: roleplay export FILE --format"), "{}", out.stderr);
    let out = roleplay(&["export", &p, "--format", "cloudformation"], None);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.ends_with("the scenario's IAM is in 2 accounts (111111111111, 222222222222): choose one with `--account`\n"),
        "{}",
        out.stderr
    );
    let out = roleplay(&["export", &p, "--format", "cloudformation", "--account", "12"], None);
    assert_eq!(out.code, 2);
    assert!(out.stderr.starts_with("roleplay export: `--account` takes a 12-digit account ID, not `12`"), "{}", out.stderr);
    let out = roleplay(&["export", &p, "--format", "terraform"], None);
    assert!(
        out.stderr.starts_with(
            "roleplay export: `--format` takes `cloudformation`, `aws-cli`, `aws-config` or `authorization-details`, not `terraform`"
        ),
        "{}",
        out.stderr
    );
}
