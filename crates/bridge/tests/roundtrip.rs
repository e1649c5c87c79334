//! Import and export round-trip: an authorization-details document →
//! import → export as a CloudFormation template → the template read back as
//! the details document of the account it creates → import gives the same
//! scenario.
//!
//! "The same scenario" (docs/bridge.md): the same text, which `import`
//! writes in one canonical form — entities sorted by ARN (paths kept),
//! inline policies before attached managed ones in their order, group
//! memberships, tags, trust, permission and boundary documents (member
//! order kept), instance profiles. Layout and IDs play no part; nothing
//! the document does not carry (MaxSessionDuration, role descriptions,
//! boundary ARNs) is compared.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};

use bridge::{details_from_template, export_authorization_details, export_cloudformation, import};
use serde_json::Value;

fn presets() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "json")).collect();
    files.sort();
    files
}

/// details → import → template → details → import: both imports' scenarios.
fn round_trip(details: &str) -> (String, String) {
    let first = import(details).unwrap_or_else(|e| panic!("{e:?}"));
    let template = export_cloudformation(&first.scenario, None).unwrap_or_else(|e| panic!("{e:?}"));
    let back = details_from_template(&template.document, "2026-01-01T00:00:00Z").unwrap();
    let second = import(&back.to_string()).unwrap_or_else(|e| panic!("{e:?}"));
    (first.scenario, second.scenario)
}

#[test]
fn a_realistic_document_round_trips() {
    let (a, b) = round_trip(include_str!("data/authorization-details.json"));
    assert_eq!(a, b);
}

#[test]
fn every_account_of_every_preset_round_trips() {
    let mut accounts = 0;
    for file in presets() {
        let text = std::fs::read_to_string(&file).unwrap();
        let doc: Value = serde_json::from_str(&text).unwrap();
        let mut ids: Vec<String> = ["Users", "Groups", "Roles", "InstanceProfiles"]
            .iter()
            .flat_map(|k| doc[*k].as_array().cloned().unwrap_or_default())
            .map(|e| e["Arn"].as_str().unwrap().split(':').nth(4).unwrap().to_string())
            .collect();
        ids.sort();
        ids.dedup();
        for account in ids {
            accounts += 1;
            let details = export_authorization_details(&text, Some(&account)).unwrap_or_else(|e| panic!("{}: {e:?}", file.display()));
            let (a, b) = round_trip(&details.document.to_string());
            assert_eq!(a, b, "{} account {account}", file.display());
            // And the first import is the preset's world: same entities,
            // same policies, as documents.
            let imported: Value = serde_json::from_str(&a).unwrap();
            for kind in ["Users", "Groups", "Roles", "InstanceProfiles"] {
                let mut want: Vec<String> = doc[kind]
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
                    .iter()
                    .map(|e| e["Arn"].as_str().unwrap().to_string())
                    .filter(|a| a.split(':').nth(4) == Some(account.as_str()))
                    .collect();
                want.sort();
                let got: Vec<String> =
                    imported[kind].as_array().cloned().unwrap_or_default().iter().map(|e| e["Arn"].as_str().unwrap().to_string()).collect();
                assert_eq!(got, want, "{} {kind}", file.display());
            }
        }
    }
    assert!(accounts >= 20, "{accounts}");
}
