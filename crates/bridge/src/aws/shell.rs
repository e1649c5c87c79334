//! A command line as a POSIX shell reads it: arguments quoted only when
//! they need it, long commands broken with `\` as AWS's examples show them.

/// `arg` as one shell word: as is when it holds only safe characters, else
/// in single quotes (a `'` inside written `'\''`).
pub fn quote(arg: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || "_@%+=:,./-".contains(c);
    if !arg.is_empty() && arg.chars().all(safe) {
        arg.to_string()
    } else {
        format!("'{}'", arg.replace('\'', r"'\''"))
    }
}

/// A command: words that stay on the first line (`aws sts assume-role`),
/// then options with their values, one option per line when the whole is
/// longer than 80 characters.
#[derive(Clone, Debug, Default)]
pub struct Cmd {
    head: Vec<String>,
    options: Vec<(String, Vec<String>)>,
    tail: Vec<String>,
}

impl Cmd {
    pub fn new(head: &[&str]) -> Cmd {
        Cmd { head: head.iter().map(|s| s.to_string()).collect(), options: Vec::new(), tail: Vec::new() }
    }

    /// `--name value…` (values quoted as needed).
    pub fn opt(mut self, name: &str, values: &[&str]) -> Cmd {
        self.options.push((name.to_string(), values.iter().map(|v| quote(v)).collect()));
        self
    }

    /// `--name value…` whose values are written as given (`"$TOKEN"`).
    pub fn raw(mut self, name: &str, values: &[&str]) -> Cmd {
        self.options.push((name.to_string(), values.iter().map(|v| v.to_string()).collect()));
        self
    }

    /// A positional argument, written after every option (`get-object`'s
    /// outfile).
    pub fn arg(mut self, value: &str) -> Cmd {
        self.tail.push(quote(value));
        self
    }

    pub fn render(&self) -> String {
        let mut parts: Vec<String> =
            self.options.iter().map(|(n, v)| if v.is_empty() { n.clone() } else { format!("{n} {}", v.join(" ")) }).collect();
        parts.extend(self.tail.iter().cloned());
        let one = format!("{} {}", self.head.join(" "), parts.join(" "));
        if one.trim_end().chars().count() <= 80 {
            return one.trim_end().to_string();
        }
        let mut out = self.head.join(" ");
        for p in parts {
            out.push_str(" \\\n    ");
            out.push_str(&p);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_only_where_needed() {
        assert_eq!(quote("arn:aws:iam::111111111111:role/R"), "arn:aws:iam::111111111111:role/R");
        assert_eq!(quote("Key=a,Value=b"), "Key=a,Value=b");
        assert_eq!(quote("{\"a\": 1}"), "'{\"a\": 1}'");
        assert_eq!(quote("it's"), r"'it'\''s'");
        assert_eq!(quote(""), "''");
    }

    #[test]
    fn long_commands_break_with_backslashes() {
        let short = Cmd::new(&["aws", "sts", "get-caller-identity"]).opt("--profile", &["p"]).render();
        assert_eq!(short, "aws sts get-caller-identity --profile p");
        let long = Cmd::new(&["aws", "sts", "assume-role"])
            .opt("--role-arn", &["arn:aws:iam::123456789012:role/xaccounts3access"])
            .opt("--role-session-name", &["s3-access-example"])
            .render();
        assert_eq!(
            long,
            "aws sts assume-role \\\n    --role-arn arn:aws:iam::123456789012:role/xaccounts3access \\\n    --role-session-name s3-access-example"
        );
    }
}
