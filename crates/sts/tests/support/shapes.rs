//! Generated hostile scenarios of about `size` bytes each, in the shapes a
//! learner's paste or a mutated file takes: everything on one long line,
//! thousands of steps naming an unknown role, deep nesting, huge strings,
//! many policies, thousands of duplicate keys. Shared (by `#[path]`) by
//! `tests/hostile.rs`, the CLI's hostile test and `examples/bench_hostile.rs`.
//! Every shape is deterministic: the same size gives the same text.
#![allow(dead_code, reason = "each includer uses some of the shapes")]

/// One generated input: a name for figures and messages, and its text.
pub struct Shape {
    pub name: &'static str,
    pub text: String,
    /// Whether the scenario is valid (it runs) or must be rejected.
    pub valid: bool,
}

const USER: &str = "arn:aws:iam::111111111111:user/alice";
const ROLE: &str = "arn:aws:iam::111111111111:role/reader";

fn trust() -> String {
    format!(r#"{{"Version":"2012-10-17","Statement":{{"Effect":"Allow","Principal":{{"AWS":"{USER}"}},"Action":"sts:AssumeRole"}}}}"#)
}

/// `{"Scenario":1,<world>,"Steps":[<step>,<step>,…]}` with as many steps as
/// fit in `size` bytes (at most `max` of them), joined by `sep`.
fn with_steps(world: &str, size: usize, max: usize, sep: &str, step: impl Fn(usize) -> String) -> String {
    let mut out = format!(r#"{{"Scenario":1,{world},"Steps":["#);
    let mut i = 0;
    while out.len() < size && i < max {
        if i > 0 {
            out.push(',');
            out.push_str(sep);
        }
        out.push_str(&step(i));
        i += 1;
    }
    out.push_str("]}");
    out
}

fn one_user_one_role() -> String {
    format!(r#""Users":[{{"Arn":"{USER}"}}],"Roles":[{{"Arn":"{ROLE}","AssumeRolePolicyDocument":{}}}]"#, json_string(&trust()))
}

/// `s` as a JSON string literal (quotes and backslashes escaped).
pub fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Every shape at about `size` bytes.
pub fn all(size: usize) -> Vec<Shape> {
    vec![
        long_line_unknown_roles(size),
        many_steps_unknown_role(size),
        deep_nesting(size),
        deep_values(size),
        huge_string(size),
        long_strings(size),
        huge_policy(size),
        many_policies(size),
        many_users_and_steps(size),
        duplicate_keys(size),
        policy_errors_one_line(size),
        unknown_keys_everywhere(size),
    ]
}

/// One line: thousands of AssumeRole steps, each naming a role that does
/// not exist (one located error per step, all on line 1).
pub fn long_line_unknown_roles(size: usize) -> Shape {
    let text = with_steps(&one_user_one_role(), size, 9_999, "", |i| {
        format!(
            r#"{{"Action":"sts:AssumeRole","Caller":{{"AWS":"{USER}"}},"RoleArn":"arn:aws:iam::111111111111:role/missing-{i}","RoleSessionName":"s{i}"}}"#
        )
    });
    Shape { name: "one long line, unknown roles", text, valid: false }
}

/// Pretty-printed, 300 roles, and steps naming near-misses of them ("did
/// you mean" has 300 candidates for every error).
pub fn many_steps_unknown_role(size: usize) -> Shape {
    let roles: Vec<String> = (0..300)
        .map(|r| {
            format!(
                "\n    {{\"Arn\": \"arn:aws:iam::111111111111:role/team-{r:03}-reader\", \"AssumeRolePolicyDocument\": {}}}",
                json_string(&trust())
            )
        })
        .collect();
    let world = format!("\n  \"Users\": [{{\"Arn\": \"{USER}\"}}],\n  \"Roles\": [{}\n  ]", roles.join(","));
    let text = with_steps(&world, size, 9_999, "\n    ", |i| {
        format!(
            "{{\n      \"Action\": \"sts:AssumeRole\",\n      \"Caller\": {{\"AWS\": \"{USER}\"}},\n      \"RoleArn\": \"arn:aws:iam::111111111111:role/team-{:03}-raeder\"\n    }}",
            i % 300
        )
    });
    Shape { name: "many steps, unknown role (300 roles)", text, valid: false }
}

/// An array nested a million levels deep.
pub fn deep_nesting(size: usize) -> Shape {
    let mut text = String::from(r#"{"Scenario":1,"Steps":"#);
    text.push_str(&"[".repeat(size));
    Shape { name: "deep nesting", text, valid: false }
}

/// Thousands of values nested just under the depth limit (each step's
/// `Context` value is an array 120 levels deep).
pub fn deep_values(size: usize) -> Shape {
    let deep = format!("{}1{}", "[".repeat(120), "]".repeat(120));
    let text = with_steps(&one_user_one_role(), size, 9_999, "\n", |_| {
        format!(r#"{{"Action":"s3:ListAllMyBuckets","Caller":{{"AWS":"{USER}"}},"Context":{{"k":{deep}}}}}"#)
    });
    Shape { name: "deep values", text, valid: false }
}

/// A scenario whose title is one string of `size` bytes, escapes and
/// Japanese included (over the 65,536-character limit for a string).
pub fn huge_string(size: usize) -> Shape {
    let unit = "ロール\\u00e9\\n\\\"x\\\\ ";
    let title: String = unit.repeat(size / unit.len());
    let text = format!(
        r#"{{"Scenario":1,"Title":{{"en":"{title}","ja":"x"}},{},"Steps":[{{"Action":"sts:AssumeRole","Caller":{{"AWS":"{USER}"}},"RoleArn":"{ROLE}","RoleSessionName":"s"}}]}}"#,
        one_user_one_role()
    );
    Shape { name: "huge string", text, valid: false }
}

/// A valid scenario of long strings just under the limit: clock steps with
/// 60,000-character notes, escapes and Japanese included.
pub fn long_strings(size: usize) -> Shape {
    let unit = "ロール\\u00e9\\n ";
    let note = unit.repeat(60_000 / 6);
    let text = with_steps(&one_user_one_role(), size, 9_999, "\n", |_| format!(r#"{{"Advance":1,"Note":{{"en":"{note}"}}}}"#));
    Shape { name: "long strings (valid)", text, valid: true }
}

/// A trust policy given as one string of `size` bytes: thousands of
/// statements, far over the 2,048-character quota.
pub fn huge_policy(size: usize) -> Shape {
    let stmt = format!(r#"{{"Effect":"Allow","Principal":{{"AWS":"{USER}"}},"Action":"sts:AssumeRole"}}"#);
    let n = size / (stmt.len() + 1);
    let policy = format!(r#"{{"Version":"2012-10-17","Statement":[{}]}}"#, vec![stmt; n].join(","));
    let text = format!(
        r#"{{"Scenario":1,"Users":[{{"Arn":"{USER}"}}],"Roles":[{{"Arn":"{ROLE}","AssumeRolePolicyDocument":{}}}],"Steps":[]}}"#,
        json_string(&policy)
    );
    Shape { name: "huge policy string", text, valid: false }
}

/// A valid scenario with thousands of users, each with an inline policy in
/// string form, and a step per user.
pub fn many_policies(size: usize) -> Shape {
    let mut users = Vec::new();
    let mut steps = Vec::new();
    let mut len = 0;
    let mut i = 0;
    while len < size && i < 9_999 {
        let policy = format!(
            "{{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {{\"Sid\": \"Read{i}\", \"Effect\": \"Allow\", \"Action\": [\"s3:Get*\", \"s3:List*\"], \"Resource\": \"arn:aws:s3:::bucket-{i}/*\"}},\n    {{\"Effect\": \"Deny\", \"Action\": \"s3:Delete*\", \"Resource\": \"*\", \"Condition\": {{\"StringNotEquals\": {{\"aws:username\": \"u{i}\"}}}}}}\n  ]\n}}"
        );
        let user = format!(
            "{{\"Arn\": \"arn:aws:iam::111111111111:user/u{i}\", \"Policies\": [{{\"PolicyName\": \"p\", \"PolicyDocument\": {}}}]}}",
            json_string(&policy)
        );
        let step = format!(
            "{{\"Action\": \"s3:GetObject\", \"Caller\": {{\"AWS\": \"arn:aws:iam::111111111111:user/u{i}\"}}, \"Resource\": \"arn:aws:s3:::bucket-{}/k\"}}",
            i / 2 * 2
        );
        len += user.len() + step.len() + 4;
        users.push(user);
        steps.push(step);
        i += 1;
    }
    let text = format!("{{\"Scenario\": 1,\n\"Users\": [\n{}\n],\n\"Steps\": [\n{}\n]}}", users.join(",\n"), steps.join(",\n"));
    Shape { name: "many policies (valid)", text, valid: true }
}

/// A valid scenario: thousands of users and as many steps, each step
/// assuming the one role as a different user (lookups by ARN, every step
/// evaluated).
pub fn many_users_and_steps(size: usize) -> Shape {
    let n = (size / 230).min(9_999);
    let users: Vec<String> = (0..n).map(|i| format!(r#"{{"Arn":"arn:aws:iam::222222222222:user/u{i}"}}"#)).collect();
    let trust = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"222222222222"},"Action":"sts:AssumeRole"}}"#;
    let world =
        format!(r#""Users":[{}],"Roles":[{{"Arn":"{ROLE}","AssumeRolePolicyDocument":{}}}]"#, users.join(",\n"), json_string(trust));
    let text = with_steps(&world, size, n, "\n", |i| {
        format!(
            r#"{{"Action":"sts:AssumeRole","Caller":{{"AWS":"arn:aws:iam::222222222222:user/u{}"}},"RoleArn":"{ROLE}","RoleSessionName":"s{i}"}}"#,
            n - 1 - i
        )
    });
    Shape { name: "many users and steps (valid)", text, valid: true }
}

/// One object with tens of thousands of members, every key repeated.
pub fn duplicate_keys(size: usize) -> Shape {
    let mut text = String::from(r#"{"Scenario":1,"Steps":[],"Users":[{"Arn":"arn:aws:iam::111111111111:user/a""#);
    let mut i = 0;
    while text.len() < size {
        text.push_str(&format!(r#","Tags":[],"Tag{}":1"#, i % 50));
        i += 1;
    }
    text.push_str("}]}");
    Shape { name: "duplicate keys", text, valid: false }
}

/// Roles whose trust policies are strings just under the length limit,
/// each on one line with hundreds of statements, every statement with a
/// wrong `Effect` and an unknown element; the whole scenario on one line.
pub fn policy_errors_one_line(size: usize) -> Shape {
    let stmt = r#"{"Effect":"allow","Principal":"*","Action":"sts:AssumeRole","Conditon":{}}"#;
    let policy = format!(r#"{{"Version":"2012-10-17","Statement":[{}]}}"#, vec![stmt; 60_000 / (stmt.len() + 1)].join(","));
    let role = |i: usize| format!(r#"{{"Arn":"arn:aws:iam::111111111111:role/r{i}","AssumeRolePolicyDocument":{}}}"#, json_string(&policy));
    let roles: Vec<String> = (0..size / (policy.len() + 80)).map(role).collect();
    let text = format!(r#"{{"Scenario":1,"Roles":[{}],"Steps":[]}}"#, roles.join(","));
    Shape { name: "policy errors on one line", text, valid: false }
}

/// Tens of thousands of misspelt keys in steps, each needing "did you mean".
pub fn unknown_keys_everywhere(size: usize) -> Shape {
    let text = with_steps(&one_user_one_role(), size, 9_999, "", |i| {
        format!(
            r#"{{"Action":"sts:AssumeRole","Caller":{{"AWS":"{USER}"}},"RoleArn":"{ROLE}","RoleSesionName":"s{i}","DurationSecond":900,"ExternalID":"x","Contxt":{{}},"Polcy":""}}"#
        )
    });
    Shape { name: "unknown keys everywhere", text, valid: false }
}
