//! A call step as an AWS CLI command: `aws SERVICE OPERATION` with the
//! resource as the operation's parameters where roleplay knows them.
//!
//! An IAM action is usually named like its API operation, which the CLI
//! spells in kebab case (`DescribeInstances` → `describe-instances`). Where
//! they differ, the permission is the one the operation needs (Amazon S3
//! User Guide: `ListObjectsV2` requires `s3:ListBucket`, `ListBuckets`
//! requires `s3:ListAllMyBuckets`). S3's object commands are under
//! `aws s3api`.

use policy::arn::Arn;

use super::shell::Cmd;

/// `DescribeInstances` → `describe-instances` (botocore's rule: a word
/// starts at each capital that follows a lower-case letter or a digit, and
/// at the last capital of a run that a lower-case letter follows).
pub fn kebab(op: &str) -> String {
    let chars: Vec<char> = op.chars().collect();
    let mut out = String::new();
    for (i, c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|j| chars.get(j));
        let next = chars.get(i + 1);
        let starts = c.is_ascii_uppercase()
            && match prev {
                Some(p) if p.is_ascii_lowercase() || p.is_ascii_digit() => true,
                Some(p) if p.is_ascii_uppercase() => next.is_some_and(|n| n.is_ascii_lowercase()),
                _ => false,
            };
        if starts && !out.is_empty() {
            out.push('-');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// The CLI's name for a service prefix.
fn cli_service(prefix: &str) -> &str {
    match prefix {
        "s3" => "s3api",
        "states" => "stepfunctions",
        "elasticloadbalancing" => "elbv2",
        "monitoring" => "cloudwatch",
        other => other,
    }
}

/// The last `/`-separated part of an S3 key, as a local file name.
fn file_name(key: &str) -> String {
    let f = key.rsplit('/').next().unwrap_or_default();
    if f.is_empty() {
        "out".to_string()
    } else {
        f.to_string()
    }
}

/// The command for `action` on `resource`, and the API operation it calls
/// (for the error line). `passed_role` is the role handed to the service.
/// `known` is false when the resource could not be turned into parameters.
pub struct Call {
    pub cmd: Cmd,
    pub operation: String,
    pub known: bool,
}

pub fn call(action: &str, resource: &str, passed_role: Option<&str>) -> Call {
    let (prefix, name) = action.split_once(':').unwrap_or(("", action));
    let prefix = prefix.to_ascii_lowercase();
    let arn = Arn::parse(resource).ok();
    let mut operation = name.to_string();
    let mut known = resource == "*";
    let head = |op: &str| Cmd::new(&["aws", cli_service(&prefix), op]);
    let mut cmd = head(&kebab(name));
    if prefix == "s3" {
        let (bucket, key) = match &arn {
            Some(a) => match a.resource.split_once('/') {
                Some((b, k)) => (Some(a.resource.get(..b.len()).unwrap_or(b).to_string()), Some(k.to_string())),
                None => (Some(a.resource.clone()), None),
            },
            None => (None, None),
        };
        let lower = name.to_ascii_lowercase();
        let (op, cli) = match lower.as_str() {
            "listbucket" => ("ListObjectsV2", "list-objects-v2"),
            "listallmybuckets" => ("ListBuckets", "list-buckets"),
            _ => (name, ""),
        };
        operation = op.to_string();
        let sub = if cli.is_empty() { kebab(name) } else { cli.to_string() };
        cmd = head(&sub);
        if let Some(b) = &bucket {
            cmd = cmd.opt("--bucket", &[b]);
            known = true;
        }
        if let Some(k) = &key {
            cmd = cmd.opt("--key", &[k]);
            match lower.as_str() {
                "getobject" => cmd = cmd.arg(&file_name(k)),
                "putobject" => cmd = cmd.opt("--body", &[&file_name(k)]),
                _ => {}
            }
        }
        return Call { cmd, operation, known };
    }
    if let Some(a) = &arn {
        let res = a.resource.as_str();
        let after = |p: &str| res.strip_prefix(p).map(|r| r.rsplit('/').next().unwrap_or(r).to_string());
        let param: Option<(&str, String)> = match (a.service.as_str(), res) {
            ("iam", r) if r.starts_with("role/") => after("role/").map(|n| ("--role-name", n)),
            ("iam", r) if r.starts_with("user/") => after("user/").map(|n| ("--user-name", n)),
            ("iam", r) if r.starts_with("group/") => after("group/").map(|n| ("--group-name", n)),
            ("iam", r) if r.starts_with("policy/") => Some(("--policy-arn", resource.to_string())),
            ("lambda", r) if r.starts_with("function:") => {
                r.strip_prefix("function:").map(|n| ("--function-name", n.split(':').next().unwrap_or(n).to_string()))
            }
            ("dynamodb", r) if r.starts_with("table/") => {
                r.strip_prefix("table/").map(|n| ("--table-name", n.split('/').next().unwrap_or(n).to_string()))
            }
            ("ec2", r) if r.starts_with("instance/") => after("instance/").map(|n| ("--instance-ids", n)),
            ("logs", r) if r.starts_with("log-group:") => {
                r.strip_prefix("log-group:").map(|n| ("--log-group-name", n.split(':').next().unwrap_or(n).to_string()))
            }
            ("sns", _) => Some(("--topic-arn", resource.to_string())),
            ("kms", _) => Some(("--key-id", resource.to_string())),
            ("secretsmanager", _) => Some(("--secret-id", resource.to_string())),
            ("sqs", r) => Some(("--queue-url", format!("https://sqs.{}.amazonaws.com/{}/{r}", a.region, a.account))),
            _ => None,
        };
        if let Some((flag, value)) = param {
            if !value.contains(['*', '?']) {
                cmd = cmd.opt(flag, &[&value]);
                known = true;
            }
        }
    }
    if let Some(role) = passed_role {
        match (prefix.as_str(), name.to_ascii_lowercase().as_str()) {
            ("lambda", "createfunction") => {
                cmd = cmd
                    .opt("--runtime", &["python3.12"])
                    .opt("--handler", &["app.handler"])
                    .opt("--zip-file", &["fileb://function.zip"])
                    .opt("--role", &[role]);
            }
            ("ec2", "runinstances") => {
                let profile = role.replace(":role/", ":instance-profile/");
                cmd = cmd.opt("--image-id", &["ami-0123456789abcdef0"]).opt("--iam-instance-profile", &[&format!("Arn={profile}")]);
            }
            _ => cmd = cmd.opt("--role-arn", &[role]),
        }
    }
    Call { cmd, operation, known }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_in_kebab_case_as_the_cli_spells_them() {
        assert_eq!(kebab("DescribeInstances"), "describe-instances");
        assert_eq!(kebab("ListObjectsV2"), "list-objects-v2");
        assert_eq!(kebab("GetObjectACL"), "get-object-acl");
        assert_eq!(kebab("CreateDBInstance"), "create-db-instance");
        assert_eq!(kebab("PutItem"), "put-item");
    }

    #[test]
    fn resources_become_parameters() {
        let r = |a: &str, res: &str| call(a, res, None).cmd.render();
        assert_eq!(
            r("s3:GetObject", "arn:aws:s3:::example-reports/2026/q1.csv"),
            "aws s3api get-object --bucket example-reports --key 2026/q1.csv q1.csv"
        );
        assert_eq!(r("s3:ListBucket", "arn:aws:s3:::example-app-assets"), "aws s3api list-objects-v2 --bucket example-app-assets");
        assert_eq!(r("s3:ListAllMyBuckets", "*"), "aws s3api list-buckets");
        assert_eq!(r("s3:PutObject", "arn:aws:s3:::b/k/x.zip"), "aws s3api put-object --bucket b --key k/x.zip --body x.zip");
        assert_eq!(r("ec2:DescribeInstances", "*"), "aws ec2 describe-instances");
        assert_eq!(
            r("dynamodb:PutItem", "arn:aws:dynamodb:us-east-1:111111111111:table/Orders"),
            "aws dynamodb put-item --table-name Orders"
        );
        assert_eq!(r("iam:CreateRole", "arn:aws:iam::111111111111:role/app/new"), "aws iam create-role --role-name new");
        assert_eq!(call("ec2:RunInstances", "*", None).operation, "RunInstances");
        assert_eq!(call("s3:ListBucket", "arn:aws:s3:::b", None).operation, "ListObjectsV2");
        assert!(!call("cloudwatch:GetDashboard", "arn:aws:cloudwatch::111111111111:dashboard/d", None).known);
    }
}
