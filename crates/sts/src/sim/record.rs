//! What each step's main authorization was given, kept on request
//! ([`Simulator::recording`]): the request, its full context and its
//! policies by their JSON path in the scenario. Another engine can then be
//! asked the very same question (tools/bench-compare does).

use policy::path::JsonPath;
use policy::{Caller, ContextValue, Decision, NamedPolicy, Policy, PolicySet, Request};

use super::Simulator;
use crate::scenario::{Scenario, SessionPolicy, StepKind};

/// One authorization as it was asked: the request, its context and the
/// policies that took part (by their path in the scenario), and the
/// policies' decision (before any rule outside policies).
#[derive(Clone, Debug)]
pub struct Evaluation {
    /// The step.
    pub step: usize,
    /// The action.
    pub action: String,
    /// The resource (the role, for AssumeRole).
    pub resource: String,
    /// The account that owns the resource.
    pub resource_account: Option<String>,
    /// Who asked.
    pub caller: Caller,
    /// Every condition key of the request, sorted by key.
    pub context: Vec<(String, ContextValue)>,
    /// The caller's account's SCPs.
    pub scps: Vec<JsonPath>,
    /// The caller's identity-based policies.
    pub identity: Vec<JsonPath>,
    /// The caller's permissions boundary.
    pub boundary: Option<JsonPath>,
    /// The session policy of a role session.
    pub session: Vec<JsonPath>,
    /// The resource's policy, or the role's trust policy for AssumeRole.
    pub resource_policy: Option<JsonPath>,
    /// `resource_policy` is a trust policy.
    pub trust: bool,
    /// What the policies decided.
    pub decision: Decision,
}

/// The path in `s` of the policy `p` points at.
fn path_of(s: &Scenario, p: &Policy) -> Option<JsonPath> {
    let same = |d: &crate::scenario::PolicyDoc| std::ptr::eq(&d.policy, p).then(|| d.path.clone());
    let users = s.users.iter().flat_map(|u| u.policies.iter().chain(u.boundary.as_ref()));
    let groups = s.groups.iter().flat_map(|g| g.policies.iter());
    let roles = s.roles.iter().flat_map(|r| std::iter::once(&r.trust).chain(r.policies.iter()).chain(r.boundary.as_ref()));
    let resources = s.resources.iter().filter_map(|r| r.policy.as_ref());
    let scps = s.scps.iter().map(|x| &x.policy);
    let sessions = s.steps.iter().filter_map(|st| match &st.kind {
        StepKind::Assume(a) => match &a.policy {
            Some(SessionPolicy::Parsed(d)) => Some(d),
            _ => None,
        },
        _ => None,
    });
    users.chain(groups).chain(roles).chain(resources).chain(scps).chain(sessions).find_map(same)
}

/// What the recording simulator keeps for one authorization.
pub(super) type Recorder = fn(&Scenario, usize, &Request, &PolicySet, Decision) -> Evaluation;

/// The recorder [`Simulator::recording`] installs (only a recording
/// simulator refers to it, so a build that never records leaves it out).
pub(super) fn evaluation(s: &Scenario, i: usize, req: &Request, set: &PolicySet, decision: Decision) -> Evaluation {
    let paths = |v: &[NamedPolicy]| v.iter().filter_map(|n| path_of(s, n.policy)).collect::<Vec<_>>();
    Evaluation {
        step: i,
        action: req.action.to_string(),
        resource: req.resource.to_string(),
        resource_account: set.resource_account.map(str::to_string),
        caller: req.caller.clone(),
        context: req.context.iter().map(|(k, v)| (k.to_string(), v.clone())).collect(),
        scps: paths(&set.scps),
        identity: paths(&set.identity),
        boundary: set.boundary.as_ref().and_then(|b| path_of(s, b.policy)),
        session: paths(&set.session),
        resource_policy: set.resource.as_ref().and_then(|r| path_of(s, r.policy)),
        trust: set.trust,
        decision,
    }
}

impl Simulator<'_> {
    /// Keeps the main authorization of step `i`, when recording.
    pub(super) fn note_evaluation(&mut self, i: usize, req: &Request, set: &PolicySet, decision: Decision) {
        if let Some((record, list)) = &mut self.record {
            list.push(record(self.s, i, req, set, decision));
        }
    }
}
