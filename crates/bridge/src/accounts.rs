//! Account IDs in a template: the scenario's own account becomes
//! `${AWS::AccountId}` and every other account a template parameter, so the
//! template deploys into any sandbox account and a trainer can point the
//! other accounts at their own. Only whole account IDs and the account part
//! of ARNs are replaced; every other `${` is escaped as `${!` (CloudFormation
//! User Guide, `Fn::Sub`: "To write a dollar sign and curly braces (${})
//! literally, add an exclamation point (!) after the open curly brace").

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

fn is_account(s: &str) -> bool {
    s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit())
}

/// The account ID a string names: the whole string, or an ARN's account part.
/// Returns the byte range of the account in `s`.
fn account_in(s: &str) -> Option<(usize, usize)> {
    if is_account(s) {
        return Some((0, s.len()));
    }
    if !s.starts_with("arn:") {
        return None;
    }
    // arn:partition:service:region:ACCOUNT:resource
    let mut start = 0;
    for (i, part) in s.splitn(6, ':').enumerate() {
        if i == 4 {
            return (is_account(part) && s.len() > start + part.len()).then_some((start, start + part.len()));
        }
        start += part.len() + 1;
    }
    None
}

/// The accounts of a template: its own and the others, each with its
/// parameter name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Accounts {
    /// The account the template is for (`AWS::AccountId` when deployed).
    pub home: String,
    /// Other account → its parameter's logical name.
    pub others: BTreeMap<String, String>,
}

impl Accounts {
    /// The accounts named in `values` (policy documents, ARNs) besides `home`.
    pub fn collect<'v>(home: &str, values: impl IntoIterator<Item = &'v Value>) -> Accounts {
        let mut others = BTreeMap::new();
        fn walk(v: &Value, home: &str, out: &mut BTreeMap<String, String>) {
            match v {
                Value::String(s) => {
                    if let Some((a, b)) = account_in(s) {
                        let acct = s.get(a..b).unwrap_or_default();
                        if acct != home {
                            out.insert(acct.to_string(), format!("Account{acct}"));
                        }
                    }
                }
                Value::Array(items) => items.iter().for_each(|i| walk(i, home, out)),
                Value::Object(m) => m.values().for_each(|i| walk(i, home, out)),
                _ => {}
            }
        }
        for v in values {
            walk(v, home, &mut others);
        }
        Accounts { home: home.to_string(), others }
    }

    /// `value` with account IDs replaced by `Fn::Sub` references (strings
    /// without one are left as they are).
    pub fn sub(&self, value: &Value) -> Value {
        match value {
            Value::String(s) => self.sub_str(s),
            Value::Array(items) => Value::Array(items.iter().map(|i| self.sub(i)).collect()),
            Value::Object(m) => Value::Object(m.iter().map(|(k, v)| (k.clone(), self.sub(v))).collect()),
            other => other.clone(),
        }
    }

    /// One string: `{"Fn::Sub": "…${AWS::AccountId}…"}` when it names an
    /// account, else the string.
    pub fn sub_str(&self, s: &str) -> Value {
        let Some((a, b)) = account_in(s) else { return json!(s) };
        let acct = s.get(a..b).unwrap_or_default();
        let var = if acct == self.home {
            "AWS::AccountId".to_string()
        } else {
            match self.others.get(acct) {
                Some(p) => p.clone(),
                None => return json!(s),
            }
        };
        let escape = |t: &str| t.replace("${", "${!");
        let text = format!("{}${{{var}}}{}", escape(s.get(..a).unwrap_or_default()), escape(s.get(b..).unwrap_or_default()));
        json!({ "Fn::Sub": text })
    }

    /// The template's `Parameters`: one per other account, defaulting to it.
    pub fn parameters(&self) -> Map<String, Value> {
        self.others
            .iter()
            .map(|(acct, name)| {
                let p = json!({
                    "Type": "String",
                    "Default": acct,
                    "AllowedPattern": "^[0-9]{12}$",
                    "Description": format!("Stands for account {acct} of the scenario; set it to an account of your own.")
                });
                (name.clone(), p)
            })
            .collect()
    }

    /// What each variable stands for when deployed as exported: the home
    /// account and each parameter's default.
    #[cfg(test)]
    pub fn variables(&self) -> BTreeMap<String, String> {
        let mut v: BTreeMap<String, String> = self.others.iter().map(|(acct, name)| (name.clone(), acct.clone())).collect();
        v.insert("AWS::AccountId".into(), self.home.clone());
        v
    }
}

/// `value` with every `{"Fn::Sub": "…"}` replaced by its text, variables
/// from `vars` (unknown ones kept as written) and `${!` read as `${`.
pub fn resolve(value: &Value, vars: &BTreeMap<String, String>) -> Value {
    match value {
        Value::Object(m) if m.len() == 1 && m.contains_key("Fn::Sub") => match m.get("Fn::Sub") {
            Some(Value::String(s)) => json!(resolve_str(s, vars)),
            _ => value.clone(),
        },
        Value::Array(items) => Value::Array(items.iter().map(|i| resolve(i, vars)).collect()),
        Value::Object(m) => Value::Object(m.iter().map(|(k, v)| (k.clone(), resolve(v, vars))).collect()),
        other => other.clone(),
    }
}

fn resolve_str(s: &str, vars: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("${") {
        out.push_str(rest.get(..i).unwrap_or_default());
        let after = rest.get(i + 2..).unwrap_or_default();
        if let Some(lit) = after.strip_prefix('!') {
            out.push_str("${");
            rest = lit;
            continue;
        }
        match after.find('}') {
            Some(end) => {
                let name = after.get(..end).unwrap_or_default();
                match vars.get(name) {
                    Some(v) => out.push_str(v),
                    None => {
                        out.push_str("${");
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = after.get(end + 1..).unwrap_or_default();
            }
            None => {
                out.push_str("${");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn accounts_in_arns_and_alone_become_variables_and_come_back() {
        let policy = json!({"Statement": [{"Principal": {"AWS": ["arn:aws:iam::222222222222:root", "333333333333"]},
            "Resource": "arn:aws:s3:::b/${aws:username}/111111111111",
            "Condition": {"StringEquals": {"aws:PrincipalArn": "arn:aws:iam::111111111111:role/${aws:username}"}}}]});
        let acc = Accounts::collect("111111111111", [&policy]);
        assert_eq!(acc.others.keys().collect::<Vec<_>>(), ["222222222222", "333333333333"]);
        let subbed = acc.sub(&policy);
        let st = &subbed["Statement"][0];
        assert_eq!(st["Principal"]["AWS"][0], json!({"Fn::Sub": "arn:aws:iam::${Account222222222222}:root"}));
        assert_eq!(st["Principal"]["AWS"][1], json!({"Fn::Sub": "${Account333333333333}"}));
        // An account in the resource part is not an ARN's account: left alone.
        assert_eq!(st["Resource"], json!("arn:aws:s3:::b/${aws:username}/111111111111"));
        assert_eq!(
            st["Condition"]["StringEquals"]["aws:PrincipalArn"],
            json!({"Fn::Sub": "arn:aws:iam::${AWS::AccountId}:role/${!aws:username}"})
        );
        assert_eq!(resolve(&subbed, &acc.variables()), policy);
    }
}
