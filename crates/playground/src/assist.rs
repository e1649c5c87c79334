//! What the helper worker (`crates/assist`, loaded after first paint)
//! says about the scenario on screen: lint findings in IAM Access
//! Analyzer's shape and verified "how to fix" proposals. The page sends
//! [`request`]s and reads the answers with [`Assist::parse`]; an answer
//! is used only while it is for the text on screen ([`Assist::fits`]).

use policy::json::{self, Kind, Value};

/// One finding, as the worker sends it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// `ERROR`, `SECURITY_WARNING`, `WARNING` or `SUGGESTION`.
    pub finding_type: String,
    /// Access Analyzer's issue code, or roleplay's own in the same style.
    pub code: String,
    /// The JSON path of the policy in the scenario.
    pub policy: Option<String>,
    /// Whether the positions index the policy's own text.
    pub in_policy_text: bool,
    pub start: (u32, u32),
    pub end: (u32, u32),
    pub en: String,
    pub ja: String,
}

/// One edit of a fix: in which policy, what it replaces and with what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FixEdit {
    pub policy: Option<String>,
    pub before: String,
    pub after: String,
}

/// One verified fix of a denied or failed step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub step: usize,
    pub en: String,
    pub ja: String,
    pub edits: Vec<FixEdit>,
    /// The whole scenario with the fix applied.
    pub text: String,
}

/// One goal of the exercise on screen, judged by the worker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Goal {
    pub met: bool,
    pub en: String,
    pub ja: String,
    /// For an unmet goal, why (English, Japanese).
    pub detail: Option<(String, String)>,
}

/// One policy read aloud: its JSON path and its lines as list items
/// (English, Japanese), markup the worker wrote with every text escaped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyWords {
    pub policy: String,
    pub en: String,
    pub ja: String,
}

/// The worker's answer for one text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Assist {
    /// The fingerprint of the text it is for.
    pub for_text: String,
    /// Whether the IAM catalogue was loaded (catalogue checks ran).
    pub catalogue: bool,
    pub findings: Vec<Finding>,
    /// `None` until the worker has verified them (it sends the findings
    /// first, then the fixes).
    pub fixes: Option<Vec<Fix>>,
    /// The exercise's goals, when the request named one.
    pub goals: Option<Vec<Goal>>,
    /// Every goal is met.
    pub solved: bool,
    /// Each policy in words.
    pub words: Vec<PolicyWords>,
    /// Each step as the AWS CLI runs it: (step, command, the command and
    /// what the AWS CLI prints as markup the worker wrote, escaped).
    pub cli: Vec<(usize, Option<String>, String)>,
}

/// The request for `text` (`id` lets the page count what it sent), with
/// the shipped text of the exercise on screen, whose goals the worker
/// then judges.
pub fn request(id: u64, text: &str, exercise: Option<&str>) -> String {
    let mut members =
        vec![crate::doc::member("Id", Value::new(Kind::Number(id.to_string()))), crate::doc::member("Text", Value::string(text))];
    if let Some(e) = exercise {
        members.push(crate::doc::member("Exercise", Value::string(e)));
    }
    Value::new(Kind::Object(members)).to_json_text()
}

/// The fingerprint an answer names its text by.
pub fn fingerprint(text: &str) -> String {
    format!("{:016x}", sts::scenario::fingerprint(text))
}

impl Assist {
    /// Reads an answer; `Err` says why it is not one.
    pub fn parse(answer: &str) -> Result<Assist, String> {
        let v = json::parse(answer).map_err(|e| e.message)?;
        if let Some(e) = v.get("Error").and_then(Value::as_str) {
            return Err(e.to_string());
        }
        let text = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
        let both = |v: &Value, k: &str| v.get(k).map_or((String::new(), String::new()), |t| (text(t, "en"), text(t, "ja")));
        let pos = |v: &Value, k: &str| {
            let a = v.get(k).and_then(Value::as_array).unwrap_or_default();
            let n = |i: usize| a.get(i).and_then(Value::as_number_str).and_then(|s| s.parse().ok()).unwrap_or(1);
            (n(0), n(1))
        };
        let path = |v: &Value| v.get("Policy").and_then(Value::as_str).map(str::to_string);
        let findings = v
            .get("Findings")
            .and_then(Value::as_array)
            .unwrap_or_default()
            .iter()
            .map(|f| {
                let (en, ja) = both(f, "Message");
                Finding {
                    finding_type: text(f, "FindingType"),
                    code: text(f, "IssueCode"),
                    policy: path(f),
                    in_policy_text: matches!(f.get("InPolicyText").map(|b| &b.kind), Some(Kind::Bool(true))),
                    start: pos(f, "Start"),
                    end: pos(f, "End"),
                    en,
                    ja,
                }
            })
            .collect();
        let fixes = v.get("Fixes").and_then(Value::as_array).map(|list| {
            list.iter()
                .map(|f| {
                    let (en, ja) = both(f, "Reason");
                    let edits = f
                        .get("Edits")
                        .and_then(Value::as_array)
                        .unwrap_or_default()
                        .iter()
                        .map(|e| FixEdit { policy: path(e), before: text(e, "Before"), after: text(e, "After") })
                        .collect();
                    let step = f.get("Step").and_then(Value::as_number_str).and_then(|s| s.parse().ok()).unwrap_or(usize::MAX);
                    Fix { step, en, ja, edits, text: text(f, "Text") }
                })
                .collect()
        });
        let goals = v.get("Goals").and_then(Value::as_array).map(|list| {
            list.iter()
                .map(|g| {
                    let (en, ja) = both(g, "Label");
                    let detail = g.get("Detail").filter(|d| d.get("en").is_some()).map(|_| both(g, "Detail"));
                    Goal { met: matches!(g.get("Met").map(|b| &b.kind), Some(Kind::Bool(true))), en, ja, detail }
                })
                .collect()
        });
        let words = v
            .get("Words")
            .and_then(Value::as_array)
            .unwrap_or_default()
            .iter()
            .map(|p| PolicyWords { policy: text(p, "Policy"), en: text(p, "en"), ja: text(p, "ja") })
            .collect();
        let cli = v
            .get("Cli")
            .and_then(Value::as_array)
            .unwrap_or_default()
            .iter()
            .filter_map(|c| {
                let step = c.get("Step")?.as_number_str()?.parse().ok()?;
                Some((step, c.get("Command").and_then(Value::as_str).map(str::to_string), text(c, "Html")))
            })
            .collect();
        Ok(Assist {
            cli,
            words,
            goals,
            solved: matches!(v.get("Solved").map(|b| &b.kind), Some(Kind::Bool(true))),
            for_text: text(&v, "For"),
            catalogue: matches!(v.get("Catalogue").map(|b| &b.kind), Some(Kind::Bool(true))),
            findings,
            fixes,
        })
    }

    /// Whether this answer is for `text`.
    pub fn fits(&self, text: &str) -> bool {
        self.for_text == fingerprint(text)
    }

    /// The policy at `path` in words, if the worker read it.
    pub fn words_of(&self, path: &str) -> Option<&PolicyWords> {
        self.words.iter().find(|w| w.policy == path)
    }

    /// The fixes of step `step`, best first, with their index in [`Assist::fixes`].
    pub fn fixes_of(&self, step: usize) -> impl Iterator<Item = (usize, &Fix)> {
        self.fixes.iter().flatten().enumerate().filter(move |(_, f)| f.step == step)
    }
}

/// What completion offers at the caret of one editor, as the worker sends it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    pub id: u64,
    /// The editor asked for (its `data-testid`).
    pub editor: String,
    /// Where the text it replaces starts, in UTF-16 units (as the
    /// textarea counts); it ends at the caret.
    pub from: u32,
    /// What may be inserted, with a short note each.
    pub items: Vec<(String, String)>,
}

/// Whether an answer is a completion (otherwise findings and fixes).
pub fn is_completion(answer: &str) -> bool {
    answer.starts_with("{\"Kind\":\"completion\"")
}

/// Whether an answer is an imported account.
pub fn is_import(answer: &str) -> bool {
    answer.starts_with("{\"Kind\":\"imported\"")
}

/// The request that turns an AWS account's
/// `aws iam get-account-authorization-details` output into a scenario.
pub fn import_request(account: &str) -> String {
    Value::new(Kind::Object(vec![crate::doc::member("ImportAccount", Value::string(account))])).to_json_text()
}

/// Whether a file looks like `get-account-authorization-details` output
/// (rather than a scenario).
pub fn is_account_details(text: &str) -> bool {
    json::parse(text).is_ok_and(|v| {
        ["UserDetailList", "RoleDetailList", "GroupDetailList", "Policies"].iter().any(|k| v.get(k).is_some())
            && v.get("Scenario").is_none()
    })
}

/// An imported account: the scenario, what was left out (English,
/// Japanese), or why nothing could be imported.
pub fn parse_import(answer: &str) -> Result<(String, Vec<(String, String)>), String> {
    let v = json::parse(answer).map_err(|e| e.message)?;
    let text = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
    match v.get("Scenario").and_then(Value::as_str) {
        Some(s) => Ok((
            s.to_string(),
            v.get("Notes").and_then(Value::as_array).unwrap_or_default().iter().map(|n| (text(n, "en"), text(n, "ja"))).collect(),
        )),
        None => Err(v
            .get("Errors")
            .and_then(Value::as_array)
            .unwrap_or_default()
            .iter()
            .filter_map(Value::as_str)
            .take(3)
            .collect::<Vec<_>>()
            .join("; ")),
    }
}

/// The byte offset of UTF-16 offset `n` in `text` (the textarea counts in
/// UTF-16 units, the engine in bytes); the end when past it.
pub fn byte_offset(text: &str, n: u32) -> usize {
    let mut units = 0u32;
    for (i, c) in text.char_indices() {
        if units >= n {
            return i;
        }
        units += u32::try_from(c.len_utf16()).unwrap_or(2);
    }
    text.len()
}

/// The UTF-16 offset of byte offset `b` in `text`.
pub fn utf16_offset(text: &str, b: usize) -> u32 {
    let upto = text.get(..b.min(text.len())).unwrap_or(text);
    upto.chars().map(|c| u32::try_from(c.len_utf16()).unwrap_or(2)).sum()
}

/// The request for completion in editor `editor` whose text is `text`,
/// with the caret at UTF-16 offset `caret`.
pub fn completion_request(id: u64, editor: &str, text: &str, caret: u32) -> String {
    let num = |n: String| Value::new(Kind::Number(n));
    let complete = Value::new(Kind::Object(vec![
        crate::doc::member("Text", Value::string(text)),
        crate::doc::member("Caret", num(byte_offset(text, caret).to_string())),
    ]));
    Value::new(Kind::Object(vec![
        crate::doc::member("Id", num(id.to_string())),
        crate::doc::member("Editor", Value::string(editor)),
        crate::doc::member("Complete", complete),
    ]))
    .to_json_text()
}

/// Reads a completion answer for `text` (the text the request sent);
/// `None` when it is not one or offers nothing.
pub fn parse_completion(answer: &str, text: &str) -> Option<Completion> {
    let v = json::parse(answer).ok()?;
    let c = v.get("Completion")?;
    let from: usize = c.get("From")?.as_number_str()?.parse().ok()?;
    let items: Vec<(String, String)> = c
        .get("Items")?
        .as_array()?
        .iter()
        .filter_map(|i| {
            Some((i.get("Insert")?.as_str()?.to_string(), i.get("Detail").and_then(Value::as_str).unwrap_or_default().to_string()))
        })
        .collect();
    (!items.is_empty()).then(|| Completion {
        id: v.get("Id").and_then(Value::as_number_str).and_then(|n| n.parse().ok()).unwrap_or(0),
        editor: v.get("Editor").and_then(Value::as_str).unwrap_or_default().to_string(),
        from: utf16_offset(text, from),
        items,
    })
}
