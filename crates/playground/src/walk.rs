//! The walk through a scenario: which frame the learner is looking at, the
//! state of the five flow steps ①–⑤ there, and what the simulated world
//! looks like at that moment (clock, token, CloudTrail events).
//!
//! A scenario step becomes one or more *frames*: an AssumeRole step one frame
//! per phase it reached (① identity check, ② request, ③ trust check, ④ token),
//! any other call one frame (⑤), a clock step one frame. `step-next` moves
//! one frame. Cursor 0 is before the first frame.
//!
//! The learner can also move the clock or assume a role again outside the
//! scenario's own steps: these [`Intervention`]s are anchored *before* a
//! scenario step (anchor `a` runs before step `a`; anchor `n` after the last)
//! so that walking back and forth replays them at the same place.

use sts::report::{Outcome, PhaseState, Refresh, StepReport};
use sts::scenario::{CallerSpec, StepKind};
use sts::Scenario;
use sts::Simulator;

/// What the learner did to the world outside the scenario's steps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Intervention {
    /// The clock moved forward by `secs` (the clock controls).
    Advance { at: usize, secs: i64 },
    /// "Assume again": AssumeRole step `step` made again, now.
    Reassume { at: usize, step: usize },
}

impl Intervention {
    pub fn anchor(&self) -> usize {
        match self {
            Intervention::Advance { at, .. } | Intervention::Reassume { at, .. } => *at,
        }
    }
}

/// The interventions as a share link carries them: `a0.3600` (the clock
/// moved 3600 s before step 0), `r4.2` (step 2 assumed again before step
/// 4), joined by `-`.
pub fn interventions_text(ivs: &[Intervention]) -> String {
    let mut out = String::new();
    for iv in ivs {
        let (kind, at, n) = match iv {
            Intervention::Advance { at, secs } => ('a', *at, u64::try_from(*secs).unwrap_or(0)),
            Intervention::Reassume { at, step } => ('r', *at, *step as u64),
        };
        if !out.is_empty() {
            out.push('-');
        }
        out.push(kind);
        out.push_str(&at.to_string());
        out.push('.');
        out.push_str(&n.to_string());
    }
    out
}

/// The inverse of [`interventions_text`]; anything malformed is skipped.
/// At most 500 (a link is not a place for more).
pub fn parse_interventions(s: &str) -> Vec<Intervention> {
    const MAX_SECS: u64 = 10 * 365 * 86_400;
    let num = |t: &str| t.parse::<u64>().ok();
    s.split('-')
        .filter_map(|t| {
            let (at, n) = t.get(1..)?.split_once('.')?;
            let (at, n) = (usize::try_from(num(at)?).ok()?, num(n)?);
            match t.as_bytes().first() {
                Some(b'a') if (1..=MAX_SECS).contains(&n) => Some(Intervention::Advance { at, secs: i64::try_from(n).ok()? }),
                Some(b'r') => Some(Intervention::Reassume { at, step: usize::try_from(n).ok()? }),
                _ => None,
            }
        })
        .take(500)
        .collect()
}

/// One of the five flow steps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Phase {
    Identity,
    Request,
    Trust,
    Issue,
    Act,
    /// A clock step of the scenario (no flow step of its own).
    Clock,
}

impl Phase {
    pub const FLOW: [Phase; 5] = [Phase::Identity, Phase::Request, Phase::Trust, Phase::Issue, Phase::Act];

    /// 1–5 for the flow steps, 0 for a clock step.
    pub fn number(self) -> usize {
        match self {
            Phase::Identity => 1,
            Phase::Request => 2,
            Phase::Trust => 3,
            Phase::Issue => 4,
            Phase::Act => 5,
            Phase::Clock => 0,
        }
    }
}

/// The `data-state` of a flow step: the report's phase states
/// ([`PhaseState`]), plus `pending` (not shown yet) and `active` (next).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FlowState {
    Pending,
    Active,
    Allowed,
    Denied,
    Error,
    Skipped,
    /// ①: no identity allow was needed (same account, trust names the caller).
    NotNeeded,
    /// ②: the request was sent to STS.
    Sent,
    /// ②: STS rejected the request's parameters.
    Rejected,
    /// The step is over and never got to this phase.
    NotReached,
}

impl FlowState {
    /// Every state, in the order of [`crate::i18n::Words::states`].
    pub const ALL: [FlowState; 10] = [
        FlowState::Pending,
        FlowState::Active,
        FlowState::Allowed,
        FlowState::Denied,
        FlowState::Error,
        FlowState::Skipped,
        FlowState::NotNeeded,
        FlowState::Sent,
        FlowState::Rejected,
        FlowState::NotReached,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FlowState::Pending => "pending",
            FlowState::Active => "active",
            FlowState::Allowed => "allowed",
            FlowState::Denied => "denied",
            FlowState::Error => "error",
            FlowState::Skipped => "skipped",
            FlowState::NotNeeded => "notNeeded",
            FlowState::Sent => "sent",
            FlowState::Rejected => "rejected",
            FlowState::NotReached => "notReached",
        }
    }

    /// A phase that happened (it gets a frame of the walk).
    pub fn is_decided(self) -> bool {
        matches!(
            self,
            FlowState::Allowed | FlowState::Denied | FlowState::Error | FlowState::NotNeeded | FlowState::Sent | FlowState::Rejected
        )
    }
}

impl From<PhaseState> for FlowState {
    fn from(s: PhaseState) -> Self {
        match s {
            PhaseState::Allowed => FlowState::Allowed,
            PhaseState::Denied => FlowState::Denied,
            PhaseState::Error => FlowState::Error,
            PhaseState::Skipped => FlowState::Skipped,
            PhaseState::Pending => FlowState::Pending,
            PhaseState::NotNeeded => FlowState::NotNeeded,
            PhaseState::Sent => FlowState::Sent,
            PhaseState::Rejected => FlowState::Rejected,
            PhaseState::NotReached => FlowState::NotReached,
        }
    }
}

impl From<Outcome> for FlowState {
    fn from(o: Outcome) -> Self {
        match o {
            Outcome::Allowed => FlowState::Allowed,
            Outcome::ExplicitDeny | Outcome::ImplicitDeny => FlowState::Denied,
            Outcome::Error => FlowState::Error,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Frame {
    pub step: usize,
    pub phase: Phase,
}

/// Everything that happened, in order, for the event list.
#[derive(Clone, Debug)]
pub enum Happening {
    /// A scenario step (its report carries the CloudTrail-like event), made
    /// at `at` (a request refused before any event still has a time).
    Step { report: StepReport, at: i64 },
    /// "Assume again" of step `of`, made at `at`.
    Reassume { of: usize, report: StepReport, at: i64 },
    /// A service refreshed the credentials it holds.
    Refresh(Refresh),
    /// The learner's clock moved (and services refreshed on the way).
    Clock { secs: i64, now: i64, refreshes: Vec<Refresh> },
}

/// The credentials on the token card.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// The AssumeRole step that issued them.
    pub step: usize,
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: String,
    pub arn: String,
    pub assumed_role_id: String,
    pub issued_at: i64,
    pub expiration: i64,
    pub duration: i64,
    /// The service holding (and refreshing) them.
    pub service: Option<String>,
    pub chained: bool,
    pub expired: bool,
    /// The long-term access key (`AKIA…`) of the IAM user who asked for
    /// them, shown beside them: no session token, no expiration.
    pub caller_key: Option<String>,
}

/// The frames of a whole run (every step's report).
pub fn frames(s: &Scenario, reports: &[StepReport]) -> Vec<Frame> {
    let mut out = Vec::new();
    for (i, step) in s.steps.iter().enumerate() {
        match &step.kind {
            StepKind::Advance(_) => out.push(Frame { step: i, phase: Phase::Clock }),
            // GetSessionToken is one request, drawn like a call (the page's
            // token card for it comes with the page work on credentials).
            StepKind::Call(_) | StepKind::SessionToken(_) => out.push(Frame { step: i, phase: Phase::Act }),
            StepKind::Assume(_) => {
                let flow = reports.get(i).and_then(|r| r.flow).unwrap_or([PhaseState::Pending; 4]);
                let before = out.len();
                for (state, phase) in flow.iter().zip(Phase::FLOW) {
                    if FlowState::from(*state).is_decided() {
                        out.push(Frame { step: i, phase });
                    }
                }
                if out.len() == before {
                    out.push(Frame { step: i, phase: Phase::Request });
                }
            }
        }
    }
    out
}

/// A full run with the learner's interventions in place.
pub fn run(s: &Scenario, interventions: &[Intervention]) -> Vec<StepReport> {
    let mut reports = Vec::with_capacity(s.steps.len());
    replay(s, interventions, s.steps.len(), s.steps.len(), |h| {
        if let Happening::Step { report, .. } = h {
            reports.push(report);
        }
    });
    reports
}

/// Replays the scenario with the learner's interventions: for each anchor
/// `i` up to `until`, the interventions anchored there, then step `i` if
/// `i < steps`. Every happening goes to `on`, in order; returns the world.
fn replay<'s>(s: &'s Scenario, interventions: &[Intervention], until: usize, steps: usize, mut on: impl FnMut(Happening)) -> Simulator<'s> {
    let mut sim = Simulator::new(s);
    for i in 0..=until.min(s.steps.len()) {
        for iv in interventions.iter().filter(|iv| iv.anchor() == i) {
            on(apply(&mut sim, iv));
        }
        if i < steps.min(s.steps.len()) {
            let at = sim.now();
            on(Happening::Step { report: sim.step(i), at });
        }
    }
    sim
}

fn apply(sim: &mut Simulator<'_>, iv: &Intervention) -> Happening {
    match iv {
        Intervention::Advance { secs, .. } => {
            let refreshes = sim.advance_clock(*secs);
            Happening::Clock { secs: *secs, now: sim.now(), refreshes }
        }
        Intervention::Reassume { step, .. } => {
            let at = sim.now();
            Happening::Reassume { of: *step, report: sim.step(*step), at }
        }
    }
}

/// What the page shows at one cursor position.
#[derive(Clone, Debug)]
pub struct View {
    pub cursor: usize,
    pub frame_count: usize,
    /// The scenario step on screen (`None` before the first frame).
    pub focus: Option<usize>,
    /// The frame's phase (`None` before the first frame).
    pub phase: Option<Phase>,
    /// `data-state` of ①–⑤.
    pub flow: [FlowState; 5],
    /// The report of the focus step (or of its latest "assume again").
    pub report: Option<StepReport>,
    /// The AssumeRole step whose ①–④ are drawn, and its (latest) report.
    pub assume: Option<(usize, StepReport)>,
    pub token: Option<Token>,
    /// The simulated clock, seconds since the epoch.
    pub now: i64,
    /// Everything that happened up to here, in order.
    pub happenings: Vec<Happening>,
    /// Where a new intervention made now belongs.
    pub anchor: usize,
    /// The focus step has been shown completely (its last frame).
    pub complete: bool,
    /// An "assume again" made after the focus step, at this moment (the
    /// AssumeRole step it repeated, and its report): the flow shows it.
    pub again: Option<(usize, StepReport)>,
}

/// The view at `cursor` (clamped to the frames).
pub fn view(s: &Scenario, interventions: &[Intervention], frames: &[Frame], cursor: usize) -> View {
    let cursor = cursor.min(frames.len());
    let frame = cursor.checked_sub(1).and_then(|c| frames.get(c)).copied();
    let next = frames.get(cursor).copied();
    let focus = frame.map(|f| f.step);
    let complete = match (frame, next) {
        (Some(f), Some(n)) => n.step != f.step,
        (Some(_), None) => true,
        (None, _) => false,
    };
    let anchor = match focus {
        None => 0,
        Some(f) if complete => f + 1,
        Some(f) => f,
    };

    // Replay the world up to the focus step (and the interventions that
    // belong at the anchor).
    let mut happenings = Vec::new();
    let mut latest: Vec<Option<StepReport>> = vec![None; s.steps.len()];
    let mut report = None;
    let mut reassumed = false;
    let mut focus_done = false;
    let mut again_now = None;
    let sim = replay(s, interventions, anchor, focus.map_or(0, |f| f + 1), |h| {
        let (of, r, again) = match &h {
            Happening::Step { report: r, .. } => (r.step, r, false),
            Happening::Reassume { of, report, .. } => (*of, report, true),
            _ => {
                happenings.push(h);
                return;
            }
        };
        // The picture of a session is the request that issued the
        // credentials in use: a refused "assume again" issued none.
        if !again || r.credentials.is_some() {
            if let Some(slot) = latest.get_mut(of) {
                *slot = Some(r.clone());
            }
        }
        if Some(of) == focus {
            report = Some(r.clone());
            reassumed |= again;
        }
        if again && focus_done {
            again_now = Some((of, r.clone()));
        }
        focus_done |= !again && Some(of) == focus;
        if !again {
            happenings.extend(r.refreshes.iter().cloned().map(Happening::Refresh));
        }
        // The focus step enters the list once it has been shown completely.
        if again || Some(of) != focus || complete {
            happenings.push(h);
        }
    });
    let now = sim.now();

    let step_kind = |i: usize| s.steps.get(i).map(|st| &st.kind);
    let mut flow = [FlowState::Pending; 5];
    let mut assume = None;
    let set = |flow: &mut [FlowState; 5], r: &StepReport| {
        if let Some(fl) = r.flow {
            for (slot, st) in flow.iter_mut().zip(fl) {
                *slot = FlowState::from(st);
            }
        }
    };
    match frame {
        None => {
            // Before anything: the first frame is up next.
            if let Some(n) = next {
                if let Some(StepKind::Assume(a)) = step_kind(n.step) {
                    if matches!(a.caller, CallerSpec::Service(_) | CallerSpec::Federated(_)) {
                        flow[0] = FlowState::Skipped;
                    }
                }
                if let Some(slot) = flow.get_mut(n.phase.number().wrapping_sub(1)) {
                    *slot = FlowState::Active;
                }
            }
        }
        Some(f) => match step_kind(f.step) {
            Some(StepKind::Assume(_)) => {
                if let Some(r) = &report {
                    set(&mut flow, r);
                    // Hide the decisions not reached yet (an "assume again"
                    // happened all at once: nothing to hide).
                    let reached: Vec<Phase> = frames.iter().take(cursor).filter(|x| x.step == f.step).map(|x| x.phase).collect();
                    let over = complete || reassumed;
                    for (slot, phase) in flow.iter_mut().zip(Phase::FLOW) {
                        let unseen = slot.is_decided() && !reached.contains(&phase);
                        // "Not reached" is known only once the step is over.
                        if (unseen || *slot == FlowState::NotReached) && !over {
                            *slot = FlowState::Pending;
                        }
                    }
                    // A request that issued no credentials never acts: ⑤ too.
                    if over && r.credentials.is_none() {
                        flow[4] = FlowState::NotReached;
                    }
                    assume = Some((f.step, r.clone()));
                }
                activate_next(&mut flow, f, next, s);
            }
            Some(StepKind::Call(c)) => {
                if let Some(k) = c.caller.session_step() {
                    if let Some(Some(r)) = latest.get(k) {
                        set(&mut flow, r);
                        assume = Some((k, r.clone()));
                    }
                } else {
                    for slot in flow.iter_mut().take(4) {
                        *slot = FlowState::Skipped;
                    }
                }
                flow[4] = report.as_ref().and_then(|r| r.outcome).map_or(FlowState::Pending, FlowState::from);
            }
            Some(StepKind::SessionToken(_)) => {
                for slot in flow.iter_mut().take(4) {
                    *slot = FlowState::Skipped;
                }
                flow[4] = report.as_ref().and_then(|r| r.outcome).map_or(FlowState::Pending, FlowState::from);
            }
            Some(StepKind::Advance(_)) | None => {
                // A clock step keeps the picture of the frame before it.
                let before = view_flow_before(s, interventions, frames, cursor);
                flow = before.0;
                assume = before.1;
            }
        },
    }

    // An "assume again" made after the step on screen is the latest
    // request: the flow shows it whole (it happened all at once), and ⑤
    // waits for the next call (or was never reached, when it was refused).
    if let (Some((k, r)), Some(_)) = (&again_now, frame) {
        if let Some(fl) = r.flow {
            for (slot, st) in flow.iter_mut().zip(fl) {
                *slot = FlowState::from(st);
            }
        }
        flow[4] = if r.credentials.is_some() { FlowState::Pending } else { FlowState::NotReached };
        assume = Some((*k, r.clone()));
    }

    // The token card: the session of the drawn AssumeRole once issued.
    let token = assume.as_ref().and_then(|(k, r)| {
        // Shown once ④ has been walked past, and kept (expired) when an
        // "assume again" is refused, so the learner can try again.
        let walked_past = frames.iter().take(cursor).any(|f| f.step == *k && f.phase == Phase::Issue);
        let issued_shown = (flow[3] == FlowState::Allowed && r.credentials.is_some()) || walked_past;
        if !issued_shown {
            return None;
        }
        sim.session(*k).map(|sess| Token {
            step: *k,
            access_key_id: sess.access_key_id.clone(),
            secret_access_key: sess.secret_access_key.clone(),
            session_token: sess.session_token.clone(),
            arn: sess.arn.clone(),
            assumed_role_id: sess.assumed_role_id.clone(),
            issued_at: sess.issued_at,
            expiration: sess.expiration,
            duration: sess.duration,
            service: sess.service.clone(),
            chained: sess.chained,
            expired: now >= sess.expiration,
            caller_key: match s.steps.get(*k).map(|st| &st.kind) {
                Some(StepKind::Assume(a)) => match a.caller {
                    CallerSpec::User(u) => sts::long_term_key(s, u).map(|key| key.access_key_id),
                    _ => None,
                },
                _ => None,
            },
        })
    });

    View {
        cursor,
        frame_count: frames.len(),
        focus,
        phase: frame.map(|f| f.phase),
        flow,
        report,
        assume,
        token,
        now,
        happenings,
        anchor,
        complete,
        again: again_now.filter(|_| frame.is_some()),
    }
}

/// Marks the next frame's phase as active when it belongs to the same
/// picture (the same AssumeRole, or the ⑤ call that uses its session).
fn activate_next(flow: &mut [FlowState; 5], f: Frame, next: Option<Frame>, s: &Scenario) {
    let Some(n) = next else { return };
    let same = n.step == f.step
        || matches!(s.steps.get(n.step).map(|x| &x.kind), Some(StepKind::Call(c)) if c.caller.session_step() == Some(f.step));
    if !same {
        return;
    }
    if let Some(slot) = flow.get_mut(n.phase.number().wrapping_sub(1)) {
        if !slot.is_decided() {
            *slot = FlowState::Active;
        }
    }
}

fn view_flow_before(
    s: &Scenario,
    interventions: &[Intervention],
    frames: &[Frame],
    cursor: usize,
) -> ([FlowState; 5], Option<(usize, StepReport)>) {
    // Walk back over clock frames to the last frame with a picture.
    let mut c = cursor.saturating_sub(1);
    while c > 0 && frames.get(c - 1).is_some_and(|f| f.phase == Phase::Clock) {
        c -= 1;
    }
    if c == 0 {
        return ([FlowState::Pending; 5], None);
    }
    let v = view(s, interventions, frames, c);
    let mut flow = v.flow;
    for x in &mut flow {
        if *x == FlowState::Active {
            *x = FlowState::Pending;
        }
    }
    (flow, v.assume)
}
