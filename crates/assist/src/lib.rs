//! What the page's helper worker answers: for a scenario text, every lint
//! finding ([`lint::lint_scenario`], with the IAM catalogue once it has
//! arrived) and every verified fix ([`lint::fix::fixes`]) with the text it
//! leads to. Requests and answers are JSON strings (see [`answer`]); this
//! library is the worker's whole logic, tested natively. `main.rs` is the
//! worker shell: it fetches `catalogue.txt` (the single file inlines it),
//! listens for messages and posts answers back.

pub mod complete;
pub mod trainer;
pub mod words;

/// What the worker posts once it listens (the page then sends its last
/// request again: one sent while the worker was loading was lost).
pub const READY: &str = "{\"Kind\":\"ready\"}";

use catalogue::Catalogue;
use lint::fix::{self, Edit};
use lint::{Finding, Lang};
use policy::json::{self, Kind};
use serde_json::{json, Value};
use sts::exercise::Attempt;

/// The answer to one request: `{"Id": N, "Text": "<scenario>"}` →
/// `{"Kind": "assist", "Id": N, "For": "<fingerprint of the text>", "Catalogue": bool,
/// "Findings": [...], "Fixes": [...]}`.
///
/// A finding: `FindingType`, `IssueCode`, `Policy` (its JSON path in the
/// scenario, or null), `InPolicyText` (whether positions index the policy's
/// own text), `Start`/`End` (`[line, column]`, 1-based), `Message`
/// (`{"en", "ja"}`). A fix: `Step`, `Reason` (`{"en", "ja"}`), `Edits`
/// (each `Policy`, `Before`, `After`: the text replaced and its
/// replacement) and `Text`, the whole scenario with the fix applied (what
/// "Apply" puts on screen). A request that is not this shape gets
/// `{"Error": "..."}`.
pub fn answer(request: &str, cat: &Catalogue, has_catalogue: bool) -> String {
    match first_answer(request, cat, has_catalogue) {
        (_, Some(later)) => later.answer(),
        (first, None) => first,
    }
}

/// The answer in two parts, as the worker sends it: first the findings
/// (`"Fixes": null`, quick: one lint pass), then — by [`Later::answer`] —
/// the whole answer with the fixes (each verified by running the scenario
/// again, so slower). Completion requests and bad requests are answered
/// at once (`None`).
pub fn first_answer(request: &str, cat: &Catalogue, has_catalogue: bool) -> (String, Option<Later>) {
    let bad = || json!({"Error": "a request is {\"Id\": N, \"Text\": \"...\"}"}).to_string();
    // One parse of the request says what it asks for.
    let Ok(v) = json::parse(request) else { return (bad(), None) };
    if v.get("Complete").is_some() {
        return (read_completion(&v).map_or_else(bad, |c| completion_answer(c, cat)), None);
    }
    if let Some(account) = v.get("ImportAccount").and_then(json::Value::as_str) {
        return (import_answer(account), None);
    }
    if v.get("Trainer").is_some() {
        return (serde_json::from_str::<Value>(request).map_or_else(|_| bad(), |r| trainer::trainer_answer(&r, cat)), None);
    }
    let Some((id, text, exercise)) = read_request(&v) else { return (bad(), None) };
    // The text is linted, parsed, loaded and run once: the findings, the
    // goals, the words and the CLI all read the same.
    let linted = lint::lint_scenario(&text, cat);
    let doc = sts::scenario::parse_document(&text).ok();
    let scenario = doc.as_ref().and_then(|d| sts::scenario::load_document(&text, d).ok());
    let report = scenario.as_ref().map(sts::run);
    let attempt = Attempt {
        text: &text,
        doc: doc.as_ref(),
        scenario: scenario.as_ref(),
        reports: report.as_ref().map_or(&[], |r| r.steps.as_slice()),
    };
    let goals = exercise.and_then(|shipped| goals(&shipped, &attempt, &linted));
    let words = doc.as_ref().map(|d| words::words(&text, d, has_catalogue.then_some(cat))).unwrap_or_default();
    let cli = match (&scenario, &report) {
        (Some(s), Some(r)) => cli(s, r, doc.as_ref()),
        _ => Vec::new(),
    };
    let findings = linted.iter().map(finding_json).collect();
    let later = Later { id, text, findings, goals, words, cli, has_catalogue };
    (later.json(Value::Null), Some(later))
}

/// The second part of an answer: the fixes.
pub struct Later {
    id: u64,
    text: String,
    findings: Vec<Value>,
    /// `(Goals, Solved)` when the request named an exercise.
    goals: Option<(Value, bool)>,
    /// Each policy in words (`Words`).
    words: Vec<Value>,
    /// Each step as the AWS CLI runs it (`Cli`).
    cli: Vec<Value>,
    has_catalogue: bool,
}

impl Later {
    fn json(&self, fixes: Value) -> String {
        let mut v = json!({
            "Kind": "assist",
            "Id": self.id,
            "For": format!("{:016x}", sts::scenario::fingerprint(&self.text)),
            "Catalogue": self.has_catalogue,
            "Findings": self.findings,
            "Fixes": fixes,
            "Words": self.words,
            "Cli": self.cli,
        });
        if let (Some((goals, solved)), Some(m)) = (&self.goals, v.as_object_mut()) {
            m.insert("Goals".into(), goals.clone());
            m.insert("Solved".into(), Value::Bool(*solved));
        }
        v.to_string()
    }

    /// The whole answer, fixes included.
    pub fn answer(self) -> String {
        let text = &self.text;
        let tree = json::parse(text).ok();
        let mut fixes = Vec::new();
        for sf in fix::fixes(text) {
            for f in &sf.fixes {
                let Some(after) = fix::apply(text, &f.edits) else { continue };
                let edits: Vec<Value> = f
                    .edits
                    .iter()
                    .map(|e| {
                        json!({
                            "Policy": e.policy.as_ref().map(ToString::to_string),
                            "Before": tree.as_ref().and_then(|t| replaced(text, t, e)).unwrap_or_default(),
                            "After": e.replacement,
                        })
                    })
                    .collect();
                fixes.push(json!({
                    "Step": sf.step,
                    "Reason": {"en": f.reason.get(Lang::En), "ja": f.reason.get(Lang::Ja)},
                    "Edits": edits,
                    "Text": after,
                }));
            }
        }
        self.json(Value::Array(fixes))
    }
}

/// A completion request: `{"Id": N, "Editor": "…", "Complete": {"Text":
/// "<policy>", "Caret": <byte offset>}}`.
struct CompletionRequest {
    id: u64,
    editor: String,
    text: String,
    caret: usize,
}

fn read_completion(v: &json::Value) -> Option<CompletionRequest> {
    let c = v.get("Complete")?;
    Some(CompletionRequest {
        id: v.get("Id")?.as_number_str()?.parse().ok()?,
        editor: v.get("Editor").and_then(json::Value::as_str).unwrap_or_default().to_string(),
        text: c.get("Text")?.as_str()?.to_string(),
        caret: c.get("Caret")?.as_number_str()?.parse().ok()?,
    })
}

/// `{"Kind": "completion", "Id", "Editor", "Completion": {"From": <byte offset>, "Items":
/// [{"Insert", "Detail"}]}}` (`Completion` null when nothing fits).
fn completion_answer(c: CompletionRequest, cat: &Catalogue) -> String {
    let completion = complete::complete(&c.text, c.caret, cat).map(|k| {
        let items: Vec<Value> = k.items.iter().map(|i| json!({"Insert": i.insert, "Detail": i.detail})).collect();
        json!({"From": k.from, "Items": items})
    });
    json!({"Kind": "completion", "Id": c.id, "Editor": c.editor, "Completion": completion}).to_string()
}

/// `[{"Step", "Command", "Html"}]`: each step's AWS CLI command (when one
/// can be typed) and, as markup the page shows as it is, the command and
/// what the AWS CLI would print, from `bridge`.
fn cli(s: &sts::Scenario, report: &sts::Report, tree: Option<&json::Value>) -> Vec<Value> {
    bridge::steps(s, report, tree)
        .into_iter()
        .map(|st| {
            let response = match &st.response {
                bridge::Response::Json(v) => serde_json::to_string_pretty(v).unwrap_or_default(),
                bridge::Response::Error(line) => line.clone(),
                bridge::Response::NotSimulated | bridge::Response::None => String::new(),
            };
            let mut html = String::new();
            if let Some(c) = &st.command {
                html.push_str(&format!("<pre class=\"cli-command\" data-testid=\"cli-command\">{}</pre>", esc(c)));
                if !response.is_empty() {
                    html.push_str(&format!("<pre class=\"cli-response\" data-testid=\"cli-response\">{}</pre>", esc(&response)));
                }
            }
            json!({"Step": st.step, "Command": st.command, "Html": html})
        })
        .collect()
}

/// `{"ImportAccount": "<aws iam get-account-authorization-details output>"}`
/// → `{"Kind": "imported", "Scenario": "<text>" | null, "Notes": [{"en",
/// "ja"}], "Errors": ["line:column: path: message"]}` (`bridge::import`,
/// entirely here: nothing of the account leaves the page).
fn import_answer(account: &str) -> String {
    match bridge::import(account) {
        Ok(i) => {
            let notes: Vec<Value> = i.notes.iter().map(|n| json!({"en": n.en, "ja": n.ja})).collect();
            json!({"Kind": "imported", "Scenario": i.scenario, "Notes": notes, "Errors": []}).to_string()
        }
        Err(errors) => {
            let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
            json!({"Kind": "imported", "Scenario": null, "Notes": [], "Errors": errors}).to_string()
        }
    }
}

/// `& < > "` escaped, for markup the page inserts as it is.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

fn read_request(v: &json::Value) -> Option<(u64, String, Option<String>)> {
    let id = v.get("Id")?.as_number_str()?.parse().ok()?;
    let text = v.get("Text")?.as_str()?.to_string();
    let exercise = v.get("Exercise").and_then(json::Value::as_str).map(str::to_string);
    Some((id, text, exercise))
}

/// The exercise's goals judged against the attempt, `NoFindings` goals
/// with the findings already made: `[{"Met", "Label": {"en", "ja"},
/// "Detail": …}]` and whether all are met; `None` when `shipped` is no
/// exercise.
fn goals(shipped: &str, attempt: &Attempt<'_>, linted: &[Finding]) -> Option<(Value, bool)> {
    let exercise = sts::exercise::Exercise::new(shipped).ok()?;
    let judged = exercise.evaluate(attempt, &lint::Linted(linted));
    let words = |t: &sts::scenario::Text| json!({"en": t.en, "ja": t.ja.as_deref().unwrap_or(&t.en)});
    let goals: Vec<Value> =
        judged.goals.iter().map(|g| json!({"Met": g.met, "Label": words(&g.label), "Detail": g.detail.as_ref().map(words)})).collect();
    Some((Value::Array(goals), judged.solved))
}

fn finding_json(f: &Finding) -> Value {
    let first = f.locations.first();
    let pos = |p: Option<policy::Position>| p.map_or(json!([1, 1]), |p| json!([p.line, p.column]));
    json!({
        "FindingType": f.finding_type.as_str(),
        "IssueCode": f.issue.as_str(),
        "Policy": f.policy.as_ref().map(ToString::to_string),
        "InPolicyText": f.in_policy_text,
        "Start": pos(first.map(|l| l.start)),
        "End": pos(first.map(|l| l.end)),
        "Message": {"en": f.message.get(Lang::En), "ja": f.message.get(Lang::Ja)},
    })
}

/// The text an edit replaces (empty for an insertion).
fn replaced(file: &str, tree: &json::Value, e: &Edit) -> Option<String> {
    let range = e.span.start as usize..e.span.end as usize;
    if !e.in_policy_text {
        return file.get(range).map(str::to_string);
    }
    let policy = e.policy.as_ref()?.lookup(tree)?;
    match &policy.kind {
        Kind::String(s) => s.get(range).map(str::to_string),
        _ => None,
    }
}
