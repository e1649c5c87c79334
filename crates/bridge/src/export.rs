//! A scenario as real AWS shapes it: one account's IAM as a CloudFormation
//! template or as an authorization-details document.

use serde_json::Value;

use crate::cloudformation::{self, ExportError};
use crate::report::{count, Note, NoteKind};
use crate::scenario::{beyond, worlds};
use crate::world::World;

/// What an export wrote, and what it could not carry.
#[derive(Clone, Debug)]
pub struct Export {
    /// The account exported.
    pub account: String,
    /// The template or document.
    pub document: Value,
    /// What was left out or changed, in both languages.
    pub notes: Vec<Note>,
}

/// Why a scenario could not be exported.
#[derive(Clone, Debug)]
pub enum ExportFailure {
    /// The scenario does not load (located errors).
    Load(Vec<sts::LoadError>),
    /// The scenario's IAM is in several accounts and none was chosen: the
    /// accounts to choose from.
    ChooseAccount(Vec<String>),
    /// The chosen account has no user, group, role or instance profile:
    /// the accounts that do.
    NoSuchAccount(String, Vec<String>),
    /// The world cannot be written (a managed policy with two documents).
    Export(ExportError),
}

/// The one account to export.
fn pick(text: &str, account: Option<&str>) -> Result<(World, Vec<Note>, String), ExportFailure> {
    let scenario = sts::load(text).map_err(ExportFailure::Load)?;
    let doc: Value = serde_json::from_str(text).map_err(|e| ExportFailure::Export(ExportError { message: e.to_string() }))?;
    let all = worlds(&doc);
    let accounts: Vec<String> = all.iter().map(|w| w.account.clone()).collect();
    let world = match account {
        Some(a) => {
            all.iter().find(|w| w.account == a).cloned().ok_or_else(|| ExportFailure::NoSuchAccount(a.to_string(), accounts.clone()))?
        }
        None => match all.as_slice() {
            [one] => one.clone(),
            [] => {
                return Err(ExportFailure::Export(ExportError {
                    message: "the scenario has no user, group, role or instance profile to export".into(),
                }))
            }
            _ => return Err(ExportFailure::ChooseAccount(accounts)),
        },
    };
    let mut notes = Vec::new();
    let others: Vec<&String> = accounts.iter().filter(|a| **a != world.account).collect();
    if !others.is_empty() {
        let list: Vec<&str> = others.iter().map(|s| s.as_str()).collect();
        notes.push(Note::new(
            NoteKind::NotCarried,
            format!(
                "only account {} is exported; the scenario's other accounts ({}) need an export of their own (--account)",
                world.account,
                list.join(", ")
            ),
            format!(
                "エクスポートしたのはアカウント {} だけです。シナリオのほかのアカウント ({}) は別にエクスポートしてください (--account)",
                world.account,
                list.join("、")
            ),
        ));
    }
    let b = beyond(&doc);
    if b.resources > 0 {
        notes.push(Note::new(
            NoteKind::NotCarried,
            format!("not exported: {} with their resource-based policies (they are not IAM entities)", count(b.resources, "resource")),
            format!(
                "リソース {} 件 (とそのリソースベースのポリシー) はエクスポートしていません: IAM エンティティではないため",
                b.resources
            ),
        ));
    }
    if b.scps > 0 {
        notes.push(Note::new(
            NoteKind::NotCarried,
            format!("not exported: {} (SCPs belong to AWS Organizations' management account)", count(b.scps, "service control policy")),
            format!(
                "サービスコントロールポリシー {} 件はエクスポートしていません: SCP は AWS Organizations の管理アカウントのものです",
                b.scps
            ),
        ));
    }
    if b.steps > 0 {
        notes.push(Note::new(
            NoteKind::NotCarried,
            format!(
                "not exported: {} (steps are not infrastructure; `roleplay export --format aws-cli` prints them as AWS CLI commands)",
                count(b.steps, "step")
            ),
            format!(
                "{} 個のステップはインフラではありません: `roleplay export --format aws-cli` で AWS CLI のコマンドとして表示できます",
                b.steps
            ),
        ));
    }
    Ok((world, notes, scenario.title.en.clone()))
}

/// One account of the scenario `text` as a CloudFormation template (JSON).
/// `account` may be left out when the scenario's IAM is in one account.
pub fn export_cloudformation(text: &str, account: Option<&str>) -> Result<Export, ExportFailure> {
    let (world, mut notes, title) = pick(text, account)?;
    let t = cloudformation::template(&world, &title).map_err(ExportFailure::Export)?;
    notes.extend(t.notes);
    Ok(Export { account: world.account, document: t.template, notes })
}

/// One account of the scenario `text` as `aws iam
/// get-account-authorization-details` prints it.
pub fn export_authorization_details(text: &str, account: Option<&str>) -> Result<Export, ExportFailure> {
    let (world, mut notes, _) = pick(text, account)?;
    let date = sts::load(text).map(|s| policy::time::format_iso8601(s.clock)).unwrap_or_default();
    if world.roles.iter().any(|r| r.max_session_duration.is_some() || r.description.is_some()) {
        notes.push(Note::new(
            NoteKind::NotCarried,
            "a role's MaxSessionDuration and Description are not part of the document (AWS's RoleDetail has neither)",
            "ロールの MaxSessionDuration と Description はドキュメントに含まれません (AWS の RoleDetail にはどちらもありません)",
        ));
    }
    Ok(Export { account: world.account.clone(), document: crate::details::authorization_details(&world, &date), notes })
}

/// A template written by [`export_cloudformation`], read back as the
/// authorization-details document of the account it creates (deployed with
/// the parameters' defaults). Dates are `date`.
pub fn details_from_template(template: &Value, date: &str) -> Result<Value, ExportError> {
    let w = cloudformation::world_from_template(template)?;
    Ok(crate::details::authorization_details(&w, date))
}
