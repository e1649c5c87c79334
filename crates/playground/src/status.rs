//! Where the walk is, in words the page shows beside the flow: the title
//! of each flow step for this caller (a user, a service, a web-identity or
//! SAML caller, or a call with the caller's own credentials), the word for
//! each state, the screen-reader status line and the one-line verdict
//! pinned above the editors.

use sts::report::Outcome;

use crate::cast::Who;
use crate::i18n::{Lang, Words};
use crate::reasons;
use crate::state::State;
use crate::walk::{FlowState, Phase, View};

/// Who asks STS in the picture on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Asker {
    /// A user or a role session.
    Person,
    /// An AWS service principal.
    Service,
    /// A web-identity or SAML provider's user, holding its token.
    Federated,
}

pub fn asker(s: &State) -> Asker {
    match s.derived.cast.as_ref().map(|c| &c.who) {
        Some(Who::Service(_)) => Asker::Service,
        Some(Who::Federated(_)) => Asker::Federated,
        _ => Asker::Person,
    }
}

/// The step on screen is a call with the caller's own credentials (no role).
pub fn own_call(v: &View) -> bool {
    let is_call = v.report.as_ref().is_some_and(|r| r.flow.is_none() && r.advance.is_none());
    is_call && v.flow[0] == FlowState::Skipped && v.flow[1] == FlowState::Skipped
}

/// The titles of ①–⑤ for the picture on screen.
pub fn phase_titles(s: &State) -> [String; 5] {
    let w = s.lang.words();
    let view = s.derived.view.as_deref();
    let planned = || match s.derived.cast.as_ref()?.step.and_then(|k| s.derived.scenario.as_ref()?.steps.get(k)).map(|st| &st.kind) {
        Some(sts::scenario::StepKind::Assume(a)) => Some(a.kind.action().to_string()),
        _ => None,
    };
    let action = view.and_then(|v| v.assume.as_ref()).and_then(|(_, r)| r.action.clone()).or_else(planned).unwrap_or_default();
    let base = match asker(s) {
        Asker::Person => w.phases,
        Asker::Service => w.phases_service,
        Asker::Federated => w.phases_federated,
    };
    let mut out = base.map(|t| t.replace("{action}", &action));
    if view.is_some_and(own_call) {
        out[4] = w.act_own.to_string();
    }
    out
}

/// A flow state as a word, with the kind of denial.
pub fn state_word(w: &Words, st: FlowState, outcome: Option<Outcome>) -> String {
    match (st, outcome) {
        (FlowState::Denied, Some(Outcome::ExplicitDeny)) => w.denied_explicit.to_string(),
        (FlowState::Denied, Some(Outcome::ImplicitDeny)) => w.denied_implicit.to_string(),
        _ => {
            let i = FlowState::ALL.iter().position(|x| *x == st).unwrap_or(0);
            w.states.get(i).copied().unwrap_or("").to_string()
        }
    }
}

/// The phase whose verdict is on screen, and its state.
fn current(v: &View) -> Option<(Phase, FlowState)> {
    let phase = v.phase.filter(|p| *p != Phase::Clock)?;
    let phase = match &v.again {
        // An "assume again" made now: where it ended (or ④ if it worked).
        Some((_, r)) => {
            let st = |i: usize| r.flow.and_then(|f| f.get(i).copied()).map(FlowState::from);
            [Phase::Request, Phase::Trust, Phase::Identity]
                .into_iter()
                .find(|p| matches!(st(p.number() - 1), Some(FlowState::Denied | FlowState::Rejected | FlowState::Error)))
                .unwrap_or(Phase::Issue)
        }
        None => phase,
    };
    Some((phase, *v.flow.get(phase.number().checked_sub(1)?)?))
}

/// One line for the step on screen: the phase, its state and roleplay's
/// sentence (what the pinned verdict and the screen-reader status say).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// The scenario step.
    pub step: usize,
    /// ①–⑤ as 1–5.
    pub phase: usize,
    pub title: String,
    pub state: FlowState,
    pub word: String,
    pub sentence: String,
}

pub fn verdict(s: &State) -> Option<Verdict> {
    let v = s.derived.view.as_ref()?;
    let (phase, state) = current(v)?;
    let w = s.lang.words();
    let i = phase.number().checked_sub(1)?;
    let title = phase_titles(s).get(i).cloned().unwrap_or_default();
    let outcome = reasons::flow_outcome(v, phase);
    let sentence = reasons::flow_sentence(s.lang, v, phase).map(|x| x.text).unwrap_or_default();
    let step = v.again.as_ref().map(|(k, _)| *k).or(v.focus)?;
    Some(Verdict { step, phase: phase.number(), title, state, word: state_word(w, state, outcome), sentence })
}

/// What just happened, for screen readers: where the walk is, the phase
/// and its state, and why — the state word left out when the sentence
/// already says it, and Japanese punctuation in Japanese.
pub fn status_text(s: &State) -> String {
    let Some(v) = s.derived.view.as_ref() else { return String::new() };
    let Some(d) = verdict(s) else { return String::new() };
    let w = s.lang.words();
    let (gap, end) = match s.lang {
        Lang::En => (" ", "."),
        Lang::Ja => ("", "。"),
    };
    let mut parts = vec![format!("{} {}/{}{end}", w.position, v.cursor, v.frame_count)];
    if let Some((k, _)) = &v.again {
        parts.push(format!("{}{end}", w.again.replace("{k}", &k.to_string())));
    }
    if d.sentence.contains(&d.word) {
        parts.push(format!("{}{end}", d.title));
    } else {
        parts.push(format!(
            "{}{}{}{end}",
            d.title,
            w.colon.trim_end(),
            if s.lang == Lang::En { format!(" {}", d.word) } else { d.word.clone() }
        ));
    }
    if !d.sentence.is_empty() {
        parts.push(d.sentence);
    }
    parts.join(gap)
}
