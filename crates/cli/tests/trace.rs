//! What the human trace says about rules outside policies and about the
//! credentials a `{"Session": N}` step used.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::Path;
use std::process::Command;

fn trace(file: &str, lang: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(file);
    let out = Command::new(env!("CARGO_BIN_EXE_roleplay"))
        .args(["run", "--color", "never", "--lang", lang])
        .arg(path)
        .output()
        .expect("start roleplay");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The lines of step `n` (from its `[n]` header to the next blank line).
fn step(text: &str, n: usize) -> String {
    let head = format!("[{n}]");
    let start = text.find(&head).unwrap_or_else(|| panic!("no step {n} in\n{text}"));
    let rest = &text[start..];
    rest[..rest.find("\n\n").unwrap_or(rest.len())].to_string()
}

#[test]
fn a_denial_by_a_rule_names_the_rule_and_its_aws_page() {
    let en = trace("tests/scenarios/aws-managed-policy-cannot-be-modified.json", "en");
    let s0 = step(&en, 0);
    assert!(s0.contains("⚑ AWS managed policies cannot be modified"), "{s0}");
    assert!(s0.contains("(https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html)"), "{s0}");
    assert!(s0.contains("→ implicitDeny\n"), "{s0}");
    // A request the policies decide on their own names no rule.
    assert!(!step(&en, 3).contains('⚑'));
    let ja = trace("tests/scenarios/aws-managed-policy-cannot-be-modified.json", "ja");
    assert!(step(&ja, 0).contains("⚑ AWS 管理ポリシーは変更できません"), "{ja}");

    let slr = trace("tests/scenarios/service-linked-and-reserved-roles.json", "en");
    assert!(step(&slr, 0).contains("UnmodifiableEntity: Cannot perform the operation on the protected role"), "{slr}");
    let gci = trace("tests/scenarios/get-caller-identity-needs-no-permission.json", "en");
    assert!(step(&gci, 0).contains("⚑ sts:GetCallerIdentity needs no permission"), "{gci}");
    let kms = trace("tests/scenarios/kms-key-without-key-policy.json", "en");
    assert!(step(&kms, 0).contains("default key policy"), "{kms}");
}

#[test]
fn a_session_step_says_which_credentials_it_used() {
    let file = "tests/scenarios/service-credentials-original-and-refreshed.json";
    let en = trace(file, "en");
    let issued = step(&en, 0).lines().find_map(|l| l.trim().strip_prefix("AccessKeyId")).unwrap().trim().to_string();
    let refreshed = step(&en, 2).split("ASIA").nth(1).map(|k| format!("ASIA{}", &k[..16])).unwrap();
    assert!(step(&en, 1).contains("(session of step 0)"), "{en}");
    assert!(step(&en, 3).contains(&format!("(refreshed credentials of step 0 ({refreshed}))")), "{en}");
    assert!(step(&en, 4).contains(&format!("(original credentials of step 0 ({issued}))")), "{en}");
    let expired = step(&en, 6);
    assert!(expired.contains(&format!("(original credentials of step 0 ({issued}))")) && expired.contains("ExpiredToken"), "{expired}");
    let ja = trace(file, "ja");
    assert!(step(&ja, 3).contains(&format!("(ステップ 0 の更新された認証情報 ({refreshed}))")), "{ja}");
    assert!(step(&ja, 4).contains(&format!("(ステップ 0 が発行した元の認証情報 ({issued}))")), "{ja}");
}
