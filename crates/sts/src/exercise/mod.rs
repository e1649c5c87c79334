//! Exercises that check themselves: a scenario with an `Exercise` block
//! (goals and hints, `docs/scenario-format.md#exercises`) is shipped
//! failing its goals, and the learner edits it until every goal is met.
//!
//! [`Exercise`] is made once from the exercise as shipped (its goals, their
//! labels, the original document for `EditOnly`); [`Exercise::evaluate`]
//! then judges the learner's current document, cheaply enough for every
//! keystroke: the page hands over what it already parsed, loaded and ran
//! ([`Attempt`]); the only new work is one pass over the document for
//! `EditOnly`, one over the policies for `NoWildcardPrincipal`, and the
//! [`Linter`] for `NoFindings`.
//!
//! ```
//! use sts::exercise::{Exercise, LoaderWarnings};
//! let shipped = r#"{"Scenario": 1,
//!   "Users": [{"Arn": "arn:aws:iam::111111111111:user/alice"}],
//!   "Steps": [{"Action": "s3:ListAllMyBuckets", "Caller": {"AWS": "arn:aws:iam::111111111111:user/alice"}, "Expect": "allowed"}],
//!   "Exercise": {"Goals": [{"Step": 0}], "Hints": [{"en": "Give alice a policy.", "ja": "alice にポリシーを付けます。"}]}}"#;
//! let ex = Exercise::new(shipped).map_err(|e| format!("{e:?}"))?;
//! assert_eq!(ex.labels()[0].en, "Step 0 (s3:ListAllMyBuckets by alice): allowed");
//! assert!(!ex.evaluate_text(shipped, &LoaderWarnings).solved);
//! let solved = shipped.replace(r#"user/alice"}]"#, r#"user/alice", "Policies": [{"PolicyName": "s3",
//!   "PolicyDocument": {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}}]}]"#);
//! assert!(ex.evaluate_text(&solved, &LoaderWarnings).solved);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod edits;
mod labels;

use policy::json::Value;
use policy::path::JsonPath;
use policy::Principal;

use crate::report::StepReport;
use crate::scenario::{ExerciseSpec, FindingType, GoalKind, GoalSpec, LoadError, Scenario, Text};

/// A finding of a linter, as a `NoFindings` goal needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LintFinding {
    /// Its type (`ERROR`, `SECURITY_WARNING`, …).
    pub finding_type: FindingType,
    /// Its issue code, e.g. `PASS_ROLE_WITH_STAR_IN_RESOURCE`.
    pub code: String,
    /// The policy it is in, when it is in one.
    pub path: Option<JsonPath>,
    /// What is wrong, in English and Japanese.
    pub message: Text,
}

/// What finds problems in a scenario's policies for `NoFindings` goals.
/// The `lint` crate (IAM Access Analyzer's checks) is the real one; this
/// crate cannot depend on it (it depends on this one), so the caller hands
/// it in. [`LoaderWarnings`] stands in where there is none.
pub trait Linter {
    /// Every finding in the scenario `text`, which loaded as `scenario`.
    fn findings(&self, text: &str, scenario: &Scenario) -> Vec<LintFinding>;
}

/// The findings the loader itself makes: a scenario that does not load
/// fails every goal anyway, and the policy warnings it loads with
/// (`missing-version`, `wildcard-in-equals`, …) are of type `WARNING`. It
/// finds no `SECURITY_WARNING`: with it, `{"NoFindings": ["ERROR",
/// "SECURITY_WARNING"]}` is met by every scenario that loads.
#[derive(Clone, Copy, Debug, Default)]
pub struct LoaderWarnings;

impl Linter for LoaderWarnings {
    fn findings(&self, _text: &str, scenario: &Scenario) -> Vec<LintFinding> {
        scenario
            .warnings
            .iter()
            .map(|w| LintFinding {
                finding_type: FindingType::Warning,
                code: w.code.to_string(),
                path: Some(w.path.clone()),
                message: Text { en: w.message.clone(), ja: None },
            })
            .collect()
    }
}

/// The learner's current scenario, as the caller already has it.
#[derive(Clone, Copy, Debug)]
pub struct Attempt<'a> {
    /// The text.
    pub text: &'a str,
    /// Its JSON tree (`None`: the text is not JSON).
    pub doc: Option<&'a Value>,
    /// The loaded scenario (`None`: it does not load).
    pub scenario: Option<&'a Scenario>,
    /// The report of every step of its run.
    pub reports: &'a [StepReport],
}

/// One goal, met or not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoalStatus {
    /// Whether it holds for the attempt.
    pub met: bool,
    /// The goal in words.
    pub label: Text,
    /// For an unmet goal, why (what happened instead, what changed).
    pub detail: Option<Text>,
}

/// Every goal of an exercise judged against one attempt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evaluation {
    /// In the order of `Goals` (the page's `goal-1`, `goal-2`, …).
    pub goals: Vec<GoalStatus>,
    /// Every goal is met.
    pub solved: bool,
}

/// A reference solution, checked ([`Exercise::check_solution`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SolutionCheck {
    /// The exercise's goals, judged against the solution.
    pub goals: Evaluation,
    /// How many of the solution's steps meet their `Expect`.
    pub expects_met: usize,
    /// The steps that do not.
    pub mismatches: Vec<crate::report::Mismatch>,
}

impl Evaluation {
    /// How many goals are met.
    pub fn met(&self) -> usize {
        self.goals.iter().filter(|g| g.met).count()
    }
}

/// An exercise as shipped: its goals with their labels, its hints, and the
/// document `EditOnly` compares against.
#[derive(Clone, Debug)]
pub struct Exercise {
    spec: ExerciseSpec,
    labels: Vec<Text>,
    original: Value,
}

impl Exercise {
    /// The exercise in `text` (a scenario with an `Exercise` block), or its
    /// load errors (one error, at `$`, when it has no `Exercise`).
    pub fn new(text: &str) -> Result<Exercise, Vec<LoadError>> {
        let doc = crate::scenario::parse_document(text).map_err(|e| vec![e])?;
        let s = crate::scenario::load_document(text, &doc)?;
        match Exercise::from_loaded(&doc, &s) {
            Some(ex) => Ok(ex),
            None => {
                let lines = policy::LineIndex::new(text);
                let (position, end) = lines.range(text, doc.span);
                Err(vec![LoadError {
                    path: JsonPath::root(),
                    message: "the scenario has no `Exercise`: it is not an exercise".into(),
                    help: Some("an exercise has `\"Exercise\": {\"Goals\": [...]}`".into()),
                    position,
                    end,
                    policy_position: None,
                    code: "InvalidScenario",
                    severity: policy::Severity::Error,
                }])
            }
        }
    }

    /// The exercise of a scenario already loaded from `doc` (`None` when it
    /// has no `Exercise`).
    pub fn from_loaded(doc: &Value, s: &Scenario) -> Option<Exercise> {
        let spec = s.exercise.clone()?;
        let labels = spec.goals.iter().map(|g| g.label.clone().unwrap_or_else(|| labels::default_label(s, doc, &g.kind))).collect();
        Some(Exercise { spec, labels, original: doc.clone() })
    }

    /// The goals.
    pub fn goals(&self) -> &[GoalSpec] {
        &self.spec.goals
    }

    /// Each goal in words, in the order of [`Exercise::goals`].
    pub fn labels(&self) -> &[Text] {
        &self.labels
    }

    /// The hints, to reveal one at a time.
    pub fn hints(&self) -> &[Text] {
        &self.spec.hints
    }

    /// The paths the learner may change, when a goal says so (`None`: any).
    /// The page locks the other editors.
    pub fn editable(&self) -> Option<Vec<JsonPath>> {
        self.spec.editable()
    }

    /// Parses, loads and runs `text`, then [`Exercise::evaluate`]s it.
    pub fn evaluate_text(&self, text: &str, linter: &dyn Linter) -> Evaluation {
        let doc = crate::scenario::parse_document(text).ok();
        let scenario = doc.as_ref().and_then(|d| crate::scenario::load_document(text, d).ok());
        let reports = scenario.as_ref().map(|s| crate::run(s).steps).unwrap_or_default();
        self.evaluate(&Attempt { text, doc: doc.as_ref(), scenario: scenario.as_ref(), reports: &reports }, linter)
    }

    /// What `roleplay check` asks of a reference solution (`text`, loaded
    /// as `solution`): every goal met, and every step's `Expect` (the run
    /// is made once for both). The CLI and the page's trainer mode report
    /// from it.
    pub fn check_solution(&self, text: &str, solution: &Scenario, linter: &dyn Linter) -> SolutionCheck {
        let doc = crate::scenario::parse_document(text).ok();
        let report = crate::run(solution);
        let (expects_met, mismatches) = crate::check_expectations(solution, &report);
        let goals = self.evaluate(&Attempt { text, doc: doc.as_ref(), scenario: Some(solution), reports: &report.steps }, linter);
        SolutionCheck { goals, expects_met, mismatches }
    }

    /// Every goal judged against `attempt`.
    pub fn evaluate(&self, attempt: &Attempt<'_>, linter: &dyn Linter) -> Evaluation {
        let mut findings: Option<Vec<LintFinding>> = None;
        let goals: Vec<GoalStatus> = self
            .spec
            .goals
            .iter()
            .zip(&self.labels)
            .map(|(g, label)| {
                let detail = self.unmet(&g.kind, attempt, linter, &mut findings);
                GoalStatus { met: detail.is_none(), label: label.clone(), detail }
            })
            .collect();
        let solved = !goals.is_empty() && goals.iter().all(|g| g.met);
        Evaluation { goals, solved }
    }

    /// `None` when the goal is met, else why not.
    fn unmet(&self, kind: &GoalKind, a: &Attempt<'_>, linter: &dyn Linter, findings: &mut Option<Vec<LintFinding>>) -> Option<Text> {
        let not_json = || labels::text("the scenario is not valid JSON".into(), "シナリオが正しい JSON ではありません".into());
        let not_loaded =
            || labels::text("the scenario does not load (see its errors)".into(), "シナリオを読み込めません (エラーを参照)".into());
        if let GoalKind::EditOnly { paths } = kind {
            let Some(doc) = a.doc else { return Some(not_json()) };
            let changed = edits::first_change(&self.original, doc, paths)?;
            let (en, ja) = labels::path_words(&self.original, &changed);
            return Some(labels::text(format!("changed: {en}"), format!("変更箇所: {ja}")));
        }
        let Some(s) = a.scenario else {
            return Some(if a.doc.is_some() { not_loaded() } else { not_json() });
        };
        match kind {
            GoalKind::Step { step, expect } => {
                let r = a.reports.get(*step);
                (!r.is_some_and(|r| r.meets(expect))).then(|| labels::got(r))
            }
            GoalKind::StaysDenied { step } => {
                let r = a.reports.get(*step);
                (!r.and_then(|r| r.outcome).is_some_and(|o| o.is_denied())).then(|| labels::got(r))
            }
            GoalKind::NoWildcardPrincipal => wildcard_principal(s)
                .map(|path| labels::text(format!("`*` in the Principal of `{path}`"), format!("`{path}` の Principal に `*` があります"))),
            GoalKind::NoFindings { types } => {
                let all = findings.get_or_insert_with(|| linter.findings(a.text, s));
                all.iter().find(|f| types.contains(&f.finding_type)).map(|f| {
                    let at = f.path.as_ref().map(|p| format!(" (`{p}`)")).unwrap_or_default();
                    let ja = f.message.ja.as_deref().unwrap_or(&f.message.en);
                    labels::text(
                        format!("{} {}{at}: {}", f.finding_type.as_str(), f.code, f.message.en),
                        format!("{} {}{at}: {ja}", f.finding_type.as_str(), f.code),
                    )
                })
            }
            GoalKind::EditOnly { .. } => None,
        }
    }
}

/// The first policy with `*` in a `Principal` (trust policies and
/// resource-based policies are the ones with principals).
fn wildcard_principal(s: &Scenario) -> Option<&JsonPath> {
    let docs = s.roles.iter().map(|r| &r.trust).chain(s.resources.iter().filter_map(|r| r.policy.as_ref()));
    for d in docs {
        let wild = d.policy.statements.iter().filter_map(|st| st.principal.as_ref()).filter(|p| !p.negated).any(|p| {
            p.entries.iter().any(|e| match &e.value {
                Principal::Anyone => true,
                Principal::Service(x) | Principal::Federated(x) | Principal::OtherArn(x) | Principal::CanonicalUser(x) => x.contains('*'),
                Principal::Account(x) | Principal::User(x) | Principal::Role(x) | Principal::AssumedRole(x) => x.contains('*'),
            })
        });
        if wild {
            return Some(&d.path);
        }
    }
    None
}

/// The finding types of a goal in words (`ERROR, SECURITY_WARNING`).
pub fn finding_types(types: &[FindingType]) -> String {
    labels::finding_types(types)
}

#[cfg(test)]
mod tests;
