//! The built `roleplay` binary, run as a user would: every argument form,
//! where help and errors go, and the exit status.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};

#[path = "support/run.rs"]
mod run;
use run::*;

fn roleplay(args: &[&str]) -> Out {
    roleplay_in(None, args, None)
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn preset() -> String {
    repo().join("scenarios/01-cross-account-switch-role.json").display().to_string()
}

/// A fresh directory for one test (removed when dropped).
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let d = std::env::temp_dir().join(format!("roleplay-cli-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).expect("temp dir");
        TempDir(d)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Exit 0, the output on stdout, nothing on stderr.
fn assert_ok(o: &Out, what: &str) {
    assert_eq!(o.code, 0, "{what}: {}", o.stderr);
    assert!(!o.stdout.is_empty(), "{what}: empty stdout");
}

/// Exit 2, nothing on stdout, a one-line error naming the command and then
/// the usage hint on stderr.
fn assert_usage_error(o: &Out, prefix: &str, message: &str) {
    assert_eq!(o.code, 2, "stderr: {}", o.stderr);
    assert_eq!(o.stdout, "");
    let lines: Vec<&str> = o.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{}", o.stderr);
    assert_eq!(lines[0], format!("{prefix}: {message}"));
    assert!(lines[1].starts_with(&format!("usage: {prefix}")), "{}", lines[1]);
    assert!(lines[1].ends_with(&format!("(more: `{prefix} --help`)")), "{}", lines[1]);
}

#[test]
fn option_values_with_a_space_or_an_equals_sign() {
    let p = preset();
    let en = roleplay(&["run", &p]);
    assert_ok(&en, "run");
    assert!(en.stdout.starts_with("Switch role across accounts\n"), "{}", en.stdout);
    assert!(!en.stdout.contains('\u{1b}'), "no colour when stdout is not a terminal");

    let ja = roleplay(&["run", &p, "--lang", "ja"]);
    assert_ok(&ja, "--lang ja");
    assert_ne!(ja.stdout, en.stdout);
    assert!(ja.stdout.starts_with("アカウントをまたいでスイッチロール\n"), "{}", ja.stdout);
    for args in [
        &["run", &p, "--lang=ja"][..],
        &["run", "--lang=ja", &p],
        &["run", "--lang", "ja", "--color=never", &p],
        &["run", "--colour", "never", &p, "--lang=ja"],
    ] {
        assert_eq!(roleplay(args).stdout, ja.stdout, "{args:?}");
    }
    for args in [&["run", &p, "--lang=en"][..], &["run", "--color=never", &p], &["run", &p, "--color", "auto"]] {
        assert_eq!(roleplay(args).stdout, en.stdout, "{args:?}");
    }

    let always = roleplay(&["run", &p, "--color=always"]);
    assert_ok(&always, "--color=always");
    assert!(always.stdout.contains('\u{1b}'));
    assert_eq!(roleplay(&["run", "--color", "always", &p]).stdout, always.stdout);
}

#[test]
fn json_output_and_standard_input() {
    let p = preset();
    let json = roleplay(&["run", &p, "--json"]);
    assert_ok(&json, "--json");
    assert!(json.stdout.starts_with("{\n  \"Steps\": [\n"), "{}", json.stdout);
    assert!(json.stdout.ends_with("}\n"));
    // Language and colour do not change the JSON.
    assert_eq!(roleplay(&["run", "--json", "--lang=ja", "--color=always", &p]).stdout, json.stdout);

    let text = std::fs::read_to_string(&p).unwrap();
    let piped = roleplay_in(None, &["run", "-", "--json"], Some(&text));
    assert_ok(&piped, "run -");
    assert_eq!(piped.stdout, json.stdout);
    let checked = roleplay_in(None, &["check", "-"], Some(&text));
    assert_eq!(checked.code, 0, "{}", checked.stderr);
    assert_eq!(checked.stdout, "5 passed, 0 failed\n");
}

#[test]
fn help_goes_to_stdout_and_exits_zero() {
    for (args, head) in [
        (&["--help"][..], "roleplay — "),
        (&["-h"], "roleplay — "),
        (&["help"], "roleplay — "),
        (&["run", "--help"], "roleplay run — "),
        (&["run", "-h"], "roleplay run — "),
        (&["run", "some.json", "--json", "--help"], "roleplay run — "),
        (&["help", "run"], "roleplay run — "),
        (&["check", "--help"], "roleplay check — "),
        (&["check", "-h"], "roleplay check — "),
        (&["check", "scenarios", "--help"], "roleplay check — "),
        (&["help", "check"], "roleplay check — "),
    ] {
        let o = roleplay(args);
        assert_ok(&o, &format!("{args:?}"));
        assert!(o.stdout.starts_with(head), "{args:?}: {}", o.stdout);
        assert!(o.stdout.contains("usage: ") || o.stdout.contains("usage:\n"), "{args:?}");
        assert_eq!(o.stderr, "", "{args:?}");
    }
    let v = roleplay(&["--version"]);
    assert_ok(&v, "--version");
    assert_eq!(v.stdout, format!("roleplay {}\n", env!("CARGO_PKG_VERSION")));
    assert_eq!(roleplay(&["-V"]).stdout, v.stdout);
}

#[test]
fn no_command_prints_the_usage_on_stderr() {
    let o = roleplay(&[]);
    assert_eq!(o.code, 2);
    assert_eq!(o.stdout, "");
    assert!(o.stderr.starts_with("roleplay — "), "{}", o.stderr);
    assert_eq!(o.stderr, roleplay(&["--help"]).stdout);
}

#[test]
fn double_dash_ends_options_so_a_file_may_start_with_a_dash() {
    let dir = TempDir::new("dash");
    std::fs::copy(preset(), dir.0.join("-x.json")).unwrap();
    let want = roleplay(&["run", &preset(), "--json"]).stdout;

    let o = roleplay_in(Some(&dir.0), &["run", "--json", "--", "-x.json"], None);
    assert_ok(&o, "run -- -x.json");
    assert_eq!(o.stdout, want);
    let o = roleplay_in(Some(&dir.0), &["check", "--", "-x.json"], None);
    assert_eq!((o.code, o.stdout.as_str()), (0, "5 passed, 0 failed\n"), "{}", o.stderr);

    let o = roleplay_in(Some(&dir.0), &["run", "-x.json"], None);
    assert_usage_error(&o, "roleplay run", "unknown option `-x` (a file whose name starts with `-` goes after `--`)");
    // After `--`, `--help` is a file name.
    let o = roleplay_in(Some(&dir.0), &["check", "--", "--help"], None);
    assert_eq!(o.code, 2);
    assert!(o.stderr.starts_with("roleplay: --help: "), "{}", o.stderr);
}

#[test]
fn mistakes_get_one_line_and_the_usage_hint() {
    let p = preset();
    for (args, prefix, message) in [
        (
            &["frob"][..],
            "roleplay",
            "unknown command `frob` (the commands are `run`, `check`, `lint`, `bench`, `explain`, `import` and `export`)",
        ),
        (&["--lang=ja", "run", &p], "roleplay", "unknown option `--lang`"),
        (&["run"], "roleplay run", "missing FILE (a scenario file, or `-` for standard input)"),
        (&["run", &p, "--jsn"], "roleplay run", "unknown option `--jsn`"),
        (&["run", &p, "-j"], "roleplay run", "unknown option `-j` (a file whose name starts with `-` goes after `--`)"),
        (&["run", &p, "--json=yes"], "roleplay run", "`--json` takes no value (got `--json=yes`)"),
        (&["run", &p, "--lang", "de"], "roleplay run", "`--lang` takes `en` or `ja`, not `de`"),
        (&["run", &p, "--lang=fr"], "roleplay run", "`--lang` takes `en` or `ja`, not `fr`"),
        (&["run", &p, "--lang"], "roleplay run", "`--lang` takes `en` or `ja`"),
        (&["run", &p, "--color=sometimes"], "roleplay run", "`--color` takes `auto`, `always` or `never`, not `sometimes`"),
        (&["run", &p, "--color"], "roleplay run", "`--color` takes `auto`, `always` or `never`"),
        (&["run", &p, &p], "roleplay run", &format!("one FILE at a time (got also `{p}`)")),
        (&["check"], "roleplay check", "give at least one FILE or DIR"),
        (&["check", "--json", &p], "roleplay check", "unknown option `--json`"),
    ] {
        assert_usage_error(&roleplay(args), prefix, message);
    }
}

#[test]
fn exit_status_zero_one_two() {
    let dir = TempDir::new("exit");
    let wrong = std::fs::read_to_string(preset()).unwrap().replacen("\"Expect\": \"allowed\"", "\"Expect\": \"implicitDeny\"", 1);
    assert!(wrong.contains("\"Expect\": \"implicitDeny\""));
    std::fs::write(dir.0.join("wrong.json"), &wrong).unwrap();
    std::fs::write(dir.0.join("bad.json"), "{\"Scenario\": 2, \"Steps\": []}").unwrap();

    let o = roleplay_in(Some(&dir.0), &["check", "wrong.json"], None);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert_eq!(o.stdout, "wrong.json: step 0: expected implicitDeny, got allowed\n4 passed, 1 failed\n");

    let o = roleplay_in(Some(&dir.0), &["run", "bad.json"], None);
    assert_eq!(o.code, 2);
    assert_eq!(o.stdout, "");
    assert_eq!(
        o.stderr,
        "bad.json:1:14: $.Scenario: unsupported scenario version `2`: this roleplay reads version 1\n\
         bad.json: the scenario was not run (1 error)\n"
    );
    // A file that does not load is counted and reported; the others still run.
    let o = roleplay_in(Some(&dir.0), &["check", "bad.json", "wrong.json"], None);
    assert_eq!(o.code, 2);
    assert_eq!(o.stdout, "wrong.json: step 0: expected implicitDeny, got allowed\n4 passed, 2 failed\n");

    let o = roleplay_in(Some(&dir.0), &["run", "missing.json"], None);
    assert_eq!(o.code, 2);
    assert!(o.stderr.starts_with("roleplay: missing.json: cannot read: "), "{}", o.stderr);
    // A directory is searched for *.json.
    let o = roleplay(&["check", &repo().join("scenarios").display().to_string()]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stdout.ends_with(" passed, 0 failed\n"), "{}", o.stdout);
}

// ---- roleplay lint and fixes ------------------------------------------------------

#[test]
fn lint_prints_each_finding_under_its_line_and_exits_by_type() {
    let demo = repo().join("docs/examples/lint-demo.json").display().to_string();
    let o = roleplay(&["lint", &demo]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stdout.contains("ERROR INVALID_ACTION: the action `sts:AssumeRoles` does not exist: did you mean `sts:AssumeRole`?"),
        "{}",
        o.stdout
    );
    assert!(
        o.stdout
            .contains("    6 |       \"Action\": [\"sts:AssumeRoles\", \"s3:GetObjects\"],\n      |                  ^^^^^^^^^^^^^^^^^\n"),
        "{}",
        o.stdout
    );
    assert!(o.stdout.ends_with("4 findings (2 errors, 2 security warnings, 0 warnings, 0 suggestions)\n"), "{}", o.stdout);
    let ja = roleplay(&["lint", &demo, "--lang=ja"]);
    assert!(ja.stdout.contains("`sts:AssumeRole` の誤りではありませんか？"), "{}", ja.stdout);
    // Only suggestions: exit 0.
    let o = roleplay(&["lint", &preset()]);
    assert_eq!(o.code, 0, "{}", o.stdout);
    assert!(o.stdout.contains("SUGGESTION WHOLE_ACCOUNT_PRINCIPAL"), "{}", o.stdout);
    // Cannot be read: exit 2.
    let o = roleplay(&["lint", "/nonexistent/roleplay.json"]);
    assert_eq!(o.code, 2);
}

#[test]
fn lint_json_and_a_bare_policy() {
    let o = roleplay_in(
        None,
        &["lint", "-", "--kind", "identity", "--json"],
        Some(r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}}"#),
    );
    assert_eq!(o.code, 1, "{}", o.stderr);
    let v: serde_json::Value = serde_json::from_str(&o.stdout).expect("json");
    let f = &v["Findings"][0];
    assert_eq!(f["FindingType"], "SECURITY_WARNING");
    assert_eq!(f["IssueCode"], "PASS_ROLE_WITH_STAR_IN_RESOURCE");
    assert_eq!(f["Policy"], serde_json::Value::Null);
    assert_eq!(f["Locations"][0]["StartPosition"]["Line"], 1);
    let clean = roleplay_in(
        None,
        &["lint", "-", "--kind=trust"],
        Some(
            r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}}"#,
        ),
    );
    assert_eq!(
        (clean.code, clean.stdout.as_str()),
        (0, "<stdin>: 0 findings (0 errors, 0 security warnings, 0 warnings, 0 suggestions)\n")
    );
    assert_usage_error(
        &roleplay(&["lint", "x.json", "--kind", "user"]),
        "roleplay lint",
        "`--kind` takes `identity`, `trust`, `resource`, `boundary`, `scp` or `session`, not `user`",
    );
}

#[test]
fn run_shows_fixes_under_denied_steps() {
    let o = roleplay(&["run", &preset(), "--color=never"]);
    assert_ok(&o, "run");
    assert!(o.stdout.contains("  ✎ how to fix:\n    1. user_B's own identity-based policy must also say yes: add an inline policy `AllowThisRequest` that allows `sts:AssumeRole` on `arn:aws:iam::111111111111:role/test_EC2ReadOnlyAccess_Role`."), "{}", o.stdout);
    let json = roleplay(&["run", &preset(), "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).expect("json");
    let fix = &v["Steps"][4]["Fixes"][0];
    assert_eq!(fix["Edits"][0]["Policy"], serde_json::Value::Null);
    assert_eq!(fix["Edits"][0]["Path"], "$.Users[1]");
    assert!(fix["Reason"]["ja"].as_str().unwrap_or("").contains("アイデンティティベースのポリシー"));
    assert!(v["Steps"][0].get("Fixes").is_none());
}

/// Issue 11: the trace says what the page says — ② is a request that was
/// sent, a phase never reached says so, a federated caller is not called a
/// service, and roleplay's explanation stands beside AWS's message.
#[test]
fn the_trace_tells_the_flow_as_it_happened() {
    let out = roleplay(&["run", &preset(), "--color", "never"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("② AssumeRole request: sent RoleSessionName=user_A"), "{}", out.stdout);
    assert!(!out.stdout.contains("② AssumeRole request: allowed"), "② is a request, not a decision");
    // Step 4 (user_B) is denied at ①: no credentials.
    assert!(out.stdout.contains("④ temporary credentials: not reached"), "{}", out.stdout);

    let oidc = repo().join("scenarios/15-github-actions-oidc.json").display().to_string();
    let out = roleplay(&["run", &oidc, "--color", "never"]);
    assert!(!out.stdout.contains("a service principal has no identity policy"), "{}", out.stdout);
    assert!(out.stdout.contains("a federated caller (holding the identity provider's token) has no identity policy"), "{}", out.stdout);

    let expiry = repo().join("scenarios/08-time-limited-access.json").display().to_string();
    let out = roleplay(&["run", &expiry, "--color", "never"]);
    assert!(out.stdout.contains("ExpiredToken: The security token included in the request is expired\n"), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("(roleplay: the credentials of step 2 expired at 2026-11-22T13:00:00Z; the same AssumeRole made now: implicitDeny)"),
        "{}",
        out.stdout
    );
}
