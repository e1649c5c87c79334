//! `roleplay import` and `roleplay export`: the bridge to real AWS.

use bridge::{ExportFailure, Note};

use crate::args::{self, ExportFormat, Lang};
use crate::{display_name, print_load_errors, print_out, read_input};

fn lang(l: Lang) -> &'static str {
    l.as_str()
}

fn print_notes(notes: &[Note], lang: &str) {
    for n in notes {
        eprintln!("roleplay: note: {}", n.text(lang));
    }
}

fn pretty(v: &serde_json::Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}

/// `roleplay import FILE`: the scenario on stdout, the notes on stderr.
pub fn import(i: &args::Import) -> u8 {
    let name = display_name(&i.input);
    let text = match read_input(&i.input) {
        Ok(t) => t,
        Err(e) => {
            crate::print_read_error(&i.input, e);
            return 2;
        }
    };
    match bridge::import(&text) {
        Ok(imported) => {
            print_notes(&imported.notes, "en");
            print_out(&imported.scenario);
            0
        }
        Err(errors) => {
            for e in &errors {
                eprintln!("{name}:{e}");
            }
            let n = errors.len();
            eprintln!("{name}: nothing was imported ({n} error{})", if n == 1 { "" } else { "s" });
            2
        }
    }
}

/// `roleplay export FILE --format …`.
pub fn export(e: &args::Export) -> u8 {
    let name = display_name(&e.input);
    let text = match read_input(&e.input) {
        Ok(t) => t,
        Err(err) => {
            crate::print_read_error(&e.input, err);
            return 2;
        }
    };
    let result = match e.format {
        ExportFormat::CloudFormation => bridge::export_cloudformation(&text, e.account.as_deref()),
        ExportFormat::AuthorizationDetails => bridge::export_authorization_details(&text, e.account.as_deref()),
        ExportFormat::AwsCli | ExportFormat::AwsConfig => {
            let text = if e.format == ExportFormat::AwsCli {
                bridge::aws_cli_text(&text, lang(e.lang))
            } else {
                bridge::aws_config_text(&text, lang(e.lang))
            };
            return match text {
                Ok(t) => {
                    print_out(&t);
                    0
                }
                Err(errors) => {
                    print_load_errors(&e.input, &errors);
                    2
                }
            };
        }
    };
    match result {
        Ok(x) => {
            print_notes(&x.notes, lang(e.lang));
            print_out(&pretty(&x.document));
            0
        }
        Err(ExportFailure::Load(errors)) => {
            print_load_errors(&e.input, &errors);
            2
        }
        Err(ExportFailure::ChooseAccount(accounts)) => {
            eprintln!(
                "roleplay export: {name}: the scenario's IAM is in {} accounts ({}): choose one with `--account`",
                accounts.len(),
                accounts.join(", ")
            );
            2
        }
        Err(ExportFailure::NoSuchAccount(a, accounts)) => {
            eprintln!(
                "roleplay export: {name}: no user, group, role or instance profile is in account `{a}` (the scenario's accounts: {})",
                accounts.join(", ")
            );
            2
        }
        Err(ExportFailure::Export(err)) => {
            eprintln!("roleplay export: {name}: {}", err.message);
            2
        }
    }
}
