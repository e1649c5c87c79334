//! "How to fix": for each step that ended `implicitDeny`, `explicitDeny`
//! or `error`, the smallest concrete edits of the scenario that make it
//! succeed, in the policy (or request) that said no.
//!
//! Every proposal is verified by running the scenario with it applied: it
//! must flip that step to `allowed` and change no other step's outcome
//! unless its reason says so ([`Fix::also_changes`]). Proposals never
//! widen with `*`: they name the exact caller, action, resource or value.
//! They are ranked least-privilege first: a change of the request (pass
//! the external ID, sign in with MFA, ask for a shorter session) before a
//! new permission for exactly this request, before adding to a list,
//! before widening a condition, before narrowing or removing a `Deny`.

mod edit;
mod propose;
mod session;

pub use edit::{apply, Edit};

use policy::path::JsonPath;
use serde_json::{json, Map, Value};
use sts::report::Outcome;

use crate::finding::Text;

/// One proposed fix: edits applied together, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// The step it makes succeed.
    pub step: usize,
    /// The edits (usually one; a cross-account fix may need both sides).
    pub edits: Vec<Edit>,
    /// What it does and why, for a learner.
    pub reason: Text,
    /// Other steps whose outcome it also changes (said in `reason`).
    pub also_changes: Vec<usize>,
    /// Least privilege first (0 best); fixes are sorted by it.
    pub rank: u8,
}

/// The fixes proposed for one step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepFixes {
    /// The step.
    pub step: usize,
    /// Its fixes, best first (empty when none could be verified).
    pub fixes: Vec<Fix>,
}

impl Fix {
    /// The `Fixes` entry of `run --json`: `Edits` (each with `Policy`,
    /// `Path`, `StartPosition`, `EndPosition`, `Replacement`), `Reason`
    /// as `{"en", "ja"}` (like a step's `Note`), and `AlsoChanges` when
    /// other steps change too.
    pub fn to_json(&self) -> Value {
        let pos = |p: policy::Position| json!({"Line": p.line, "Column": p.column});
        let edits: Vec<Value> = self
            .edits
            .iter()
            .map(|e| {
                json!({
                    "Policy": e.policy.as_ref().map(JsonPath::to_string),
                    "Path": e.path.to_string(),
                    "StartPosition": pos(e.start),
                    "EndPosition": pos(e.end),
                    "Replacement": e.replacement,
                })
            })
            .collect();
        let mut m = Map::new();
        m.insert("Edits".into(), Value::Array(edits));
        m.insert("Reason".into(), json!({"en": self.reason.en, "ja": self.reason.ja}));
        if !self.also_changes.is_empty() {
            m.insert("AlsoChanges".into(), json!(self.also_changes));
        }
        Value::Object(m)
    }
}

/// The outcome of every step of a scenario text (`None` for clock steps),
/// or `None` when it does not load.
fn outcomes(text: &str) -> Option<Vec<Option<Outcome>>> {
    let s = sts::load(text).ok()?;
    Some(sts::run(&s).steps.iter().map(|r| r.outcome).collect())
}

/// Fixes for every denied or failed step of a scenario (empty when it
/// does not load). Steps are in order; a step with no verified fix is
/// listed with an empty list.
pub fn fixes(text: &str) -> Vec<StepFixes> {
    let Ok(scenario) = sts::load(text) else { return Vec::new() };
    let report = sts::run(&scenario);
    let Ok(tree) = policy::json::parse(text) else { return Vec::new() };
    let before: Vec<Option<Outcome>> = report.steps.iter().map(|r| r.outcome).collect();
    let cx = propose::Cx { text, tree: &tree, scenario: &scenario, report: &report };
    let mut out = Vec::new();
    for (i, r) in report.steps.iter().enumerate() {
        if !matches!(r.outcome, Some(Outcome::ImplicitDeny | Outcome::ExplicitDeny | Outcome::Error)) {
            continue;
        }
        let mut verified: Vec<Fix> = Vec::new();
        for mut fix in cx.candidates(i) {
            if verified.iter().any(|f| f.edits == fix.edits) {
                continue;
            }
            let Some(new_text) = apply(text, &fix.edits) else { continue };
            let Some(after) = outcomes(&new_text) else { continue };
            if after.get(i).copied().flatten() != Some(Outcome::Allowed) {
                continue;
            }
            fix.also_changes = (0..before.len()).filter(|&k| k != i && before.get(k) != after.get(k)).collect();
            if !fix.also_changes.is_empty() {
                let steps: Vec<String> = fix.also_changes.iter().map(usize::to_string).collect();
                let list = steps.join(", ");
                fix.reason.en.push_str(&format!(" This also changes the outcome of step {list}."));
                fix.reason.ja.push_str(&format!("この修正はステップ {list} の結果も変えます。"));
            }
            verified.push(fix);
        }
        verified.sort_by_key(|f| (f.rank, !f.also_changes.is_empty()));
        out.push(StepFixes { step: i, fixes: verified });
    }
    out
}
