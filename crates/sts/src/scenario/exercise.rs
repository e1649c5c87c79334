//! `Exercise` (extension): the goals that turn a scenario into an exercise,
//! and its hints. This file holds their typed form and reads them from the
//! document with located errors; judging a learner's edit against them is
//! [`crate::exercise`].

use policy::json::{Kind, Value};
use policy::path::JsonPath;

use super::load::{get, Loader};
use super::*;
use crate::schema::key::*;
use crate::schema::{EXERCISE_KEYS, FINDING_TYPES, GOAL_KEYS, GOAL_KINDS};

/// The `Exercise` block: what the learner must achieve, and hints.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExerciseSpec {
    /// `Goals`, in order (the page numbers them from 1).
    pub goals: Vec<GoalSpec>,
    /// `Hints`, revealed one at a time.
    pub hints: Vec<Text>,
}

impl ExerciseSpec {
    /// The paths the learner may change, when an `EditOnly` goal says so
    /// (`None`: any); a path allows everything below it.
    pub fn editable(&self) -> Option<Vec<JsonPath>> {
        let mut out: Option<Vec<JsonPath>> = None;
        for g in &self.goals {
            if let GoalKind::EditOnly { paths } = &g.kind {
                out.get_or_insert_with(Vec::new).extend(paths.iter().cloned());
            }
        }
        out
    }
}

/// One goal and how it is shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoalSpec {
    /// What must hold.
    pub kind: GoalKind,
    /// `Label`: the author's words for the goal (else one is made up).
    pub label: Option<Text>,
}

/// What a goal asks of the learner's scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GoalKind {
    /// `{"Step": N}`: step N meets an `Expect` — the goal's own, else the
    /// step's in the exercise as shipped.
    Step {
        /// The step, from 0.
        step: usize,
        /// What it must do.
        expect: Expect,
    },
    /// `{"StaysDenied": N}`: step N must still be refused (`explicitDeny`
    /// or `implicitDeny`): least privilege, the fix must not open too much.
    StaysDenied {
        /// The step, from 0.
        step: usize,
    },
    /// `{"NoWildcardPrincipal": true}`: no `Principal` anywhere is `*` or
    /// holds `*`.
    NoWildcardPrincipal,
    /// `{"NoFindings": ["ERROR", "SECURITY_WARNING"]}`: no finding of these
    /// types in the scenario's policies (needs a [`crate::exercise::Linter`]).
    NoFindings {
        /// The finding types that must not occur.
        types: Vec<FindingType>,
    },
    /// `{"EditOnly": ["$.Roles[0].AssumeRolePolicyDocument"]}`: everything
    /// outside these paths must stay as the exercise shipped it.
    EditOnly {
        /// The values the learner may change.
        paths: Vec<JsonPath>,
    },
}

/// IAM Access Analyzer's finding types, as a `NoFindings` goal names them.
pub use policy::issue::FindingType;

impl Loader<'_> {
    pub(super) fn exercise(&mut self, v: &Value, root: &Value, s: &Scenario) -> Option<ExerciseSpec> {
        let path = JsonPath::root().key(EXERCISE);
        let members = self.object(v, &path, EXERCISE_KEYS, "an exercise")?;
        let mut goals = Vec::new();
        match get(members, GOALS) {
            None => {
                let e = self.err(&path, v.span, "an exercise needs `Goals`: what the learner must achieve");
                e.help = Some("for example `\"Goals\": [{\"Step\": 0}]`: step 0 must meet its `Expect`".into());
            }
            Some(m) => {
                let gp = path.key(GOALS);
                let items = self.objects(&m.value, &gp, GOAL_KEYS, "a goal");
                if items.is_empty() && matches!(m.value.kind, Kind::Array(_)) {
                    self.err(&gp, m.value.span, "`Goals` is empty: an exercise has at least one goal");
                }
                for (p, item, gm) in items {
                    if let Some(g) = self.goal(&p, item, gm, root, s) {
                        goals.push(g);
                    }
                }
            }
        }
        let hints = match get(members, HINTS) {
            Some(m) => {
                let hp = path.key(HINTS);
                self.array(&m.value, &hp)
                    .unwrap_or_default()
                    .iter()
                    .enumerate()
                    .filter_map(|(i, h)| self.text(h, &hp.index(i)))
                    .collect::<Vec<_>>()
            }
            None => Vec::new(),
        };
        Some(ExerciseSpec { goals, hints })
    }

    fn goal(&mut self, p: &JsonPath, item: &Value, gm: &[policy::json::Member], root: &Value, s: &Scenario) -> Option<GoalSpec> {
        let kinds: Vec<&policy::json::Member> = gm.iter().filter(|m| GOAL_KINDS.contains(&m.key.as_str())).collect();
        let [k] = kinds.as_slice() else {
            let e =
                self.err(p, item.span, "a goal has exactly one of `Step`, `StaysDenied`, `NoWildcardPrincipal`, `NoFindings`, `EditOnly`");
            e.help = Some("write two goals as two entries of `Goals`".into());
            return None;
        };
        let kp = p.key(&k.key);
        let label = get(gm, LABEL).and_then(|m| self.text(&m.value, &p.key(LABEL)));
        let expect_m = get(gm, EXPECT);
        if expect_m.is_some() && k.key != STEP {
            self.err(&p.key(EXPECT), item.span, format!("`Expect` belongs to a `Step` goal, not to `{}`", k.key));
            return None;
        }
        let kind = match k.key.as_str() {
            STEP | STAYS_DENIED => {
                let n = self.integer(&k.value, &kp)?;
                let step = usize::try_from(n).ok().filter(|&n| n < s.steps.len());
                let Some(step) = step else {
                    let e = self.err(&kp, k.value.span, format!("there is no step {n}"));
                    e.help = Some(format!("steps count from 0; this scenario has {}", s.steps.len()));
                    return None;
                };
                let st = s.steps.get(step)?;
                if matches!(st.kind, StepKind::Advance(_)) {
                    self.err(&kp, k.value.span, format!("step {step} moves the clock: it has no outcome to aim for"));
                    return None;
                }
                if k.key == STAYS_DENIED {
                    GoalKind::StaysDenied { step }
                } else {
                    let own = expect_m.and_then(|m| self.expectation(&m.value, &p.key(EXPECT)));
                    match own.or_else(|| st.expect.clone()) {
                        Some(expect) => GoalKind::Step { step, expect },
                        None => {
                            let e =
                                self.err(p, item.span, format!("step {step} has no `Expect`, so the goal does not say what it must do"));
                            e.help = Some("give the goal an `Expect`, or the step one".into());
                            return None;
                        }
                    }
                }
            }
            NO_WILDCARD_PRINCIPAL => {
                if k.value.as_bool() != Some(true) {
                    self.err(&kp, k.value.span, "`NoWildcardPrincipal` is `true` (leave the goal out to allow `*`)");
                    return None;
                }
                GoalKind::NoWildcardPrincipal
            }
            NO_FINDINGS => {
                let items = self.array(&k.value, &kp)?;
                let mut types = Vec::new();
                for (i, t) in items.iter().enumerate() {
                    let tp = kp.index(i);
                    let name = self.string(t, &tp)?;
                    match FindingType::parse(&name) {
                        Some(ft) if !types.contains(&ft) => types.push(ft),
                        Some(_) => {
                            self.err(&tp, t.span, format!("`{name}` is listed twice"));
                        }
                        None => {
                            let e = self.err(&tp, t.span, format!("unknown finding type `{name}`"));
                            e.help =
                                Some(format!("one of {}", FINDING_TYPES.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ")));
                        }
                    }
                }
                if types.is_empty() {
                    self.err(&kp, k.value.span, "`NoFindings` names at least one finding type, such as `ERROR`");
                    return None;
                }
                GoalKind::NoFindings { types }
            }
            _ => {
                let items = self.array(&k.value, &kp)?;
                let mut paths = Vec::new();
                for (i, t) in items.iter().enumerate() {
                    let tp = kp.index(i);
                    let text = self.string(t, &tp)?;
                    let Some(jp) = JsonPath::parse(&text) else {
                        let e = self.err(&tp, t.span, format!("`{text}` is not a JSON path"));
                        e.help = Some("for example `$.Roles[0].AssumeRolePolicyDocument`".into());
                        continue;
                    };
                    // The value may be new (a key the learner adds), but
                    // what holds it must be there.
                    let holder = jp.parent().unwrap_or_else(JsonPath::root);
                    if jp.is_root() || holder.lookup(root).is_none() {
                        let e = self.err(&tp, t.span, format!("`{text}` is not in the scenario"));
                        e.help = Some("a path such as `$.Roles[0].AssumeRolePolicyDocument`, into this document".into());
                        continue;
                    }
                    paths.push(jp);
                }
                if paths.is_empty() {
                    self.err(&kp, k.value.span, "`EditOnly` names at least one path the learner may change");
                    return None;
                }
                GoalKind::EditOnly { paths }
            }
        };
        Some(GoalSpec { kind, label })
    }
}
