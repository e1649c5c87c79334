//! The bridge to real AWS.
#![warn(missing_docs)]

mod accounts;
pub mod aws;
mod cloudformation;
mod details;
mod export;
mod import;
mod report;
mod scenario;
mod world;

pub use aws::profiles::{config_text, profiles, Profile, Profiles};
pub use aws::{steps, steps_text, Response, StepCli};
pub use cloudformation::ExportError;
pub use export::{details_from_template, export_authorization_details, export_cloudformation, Export, ExportFailure};
pub use import::{import, Imported};
pub use report::{InputError, Note, NoteKind};
pub use world::{Group, InstanceProfile, Policy, Role, User, World};

/// The scenario `text` step by step as AWS CLI commands and what AWS
/// prints, as text with comments in `lang` (`en` or `ja`).
pub fn aws_cli_text(text: &str, lang: &str) -> Result<String, Vec<sts::LoadError>> {
    let scenario = sts::load(text)?;
    let report = sts::run(&scenario);
    let doc = policy::json::parse(text).ok();
    Ok(steps_text(&scenario, &steps(&scenario, &report, doc.as_ref()), lang))
}

/// The `~/.aws/config` profiles of the scenario `text`, comments in `lang`.
pub fn aws_config_text(text: &str, lang: &str) -> Result<String, Vec<sts::LoadError>> {
    let scenario = sts::load(text)?;
    let report = sts::run(&scenario);
    Ok(config_text(&profiles(&scenario, Some(&report)), scenario.title.get(lang), lang))
}
