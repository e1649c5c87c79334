//! One sentence in plain language for the decision at each flow step, the
//! statement that decided it, and — kept apart from roleplay's words —
//! AWS's own error code and message, exactly as AWS words them.
//!
//! `assume` words the AssumeRole phases ①–④, `call` a call made with
//! credentials (⑤), `words` the pieces they share.

mod assume;
mod call;
mod words;

use policy::PolicySource;
use sts::report::{CheckReport, ErrorCode, MatchedStatement, Outcome, StatementRef, StepReport};

pub use assume::assume_sentence;
pub use call::call_sentence;
pub use words::{account_of, clock_text, countdown, duration_text, explanation_text, fill, not_applied_text, provider_name, short, tr};

use crate::i18n::Lang;
use crate::walk::{FlowState, Phase, View};

/// A statement a sentence points at (to highlight and jump to).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatementLink {
    pub policy_type: PolicySource,
    pub policy_name: String,
    pub sid: Option<String>,
    pub index: usize,
    pub start: (u32, u32),
    pub end: (u32, u32),
    /// Condition entries in the statement (all of them held if it matched).
    pub conditions: usize,
}

impl StatementLink {
    pub fn new(s: &StatementRef) -> Self {
        StatementLink {
            policy_type: s.policy_type,
            policy_name: s.policy_name.clone(),
            sid: s.sid.clone(),
            index: s.index,
            start: (s.start_position.line, s.start_position.column),
            end: (s.end_position.line, s.end_position.column),
            conditions: s.conditions,
        }
    }

    /// `"Sid"` or `#2`.
    pub fn label(&self) -> String {
        match &self.sid {
            Some(s) if !s.is_empty() => format!("\"{s}\""),
            _ => format!("#{}", self.index),
        }
    }
}

/// AWS's answer, exactly as AWS words it, with roleplay's remark about it
/// (never inside it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AwsMessage {
    pub code: ErrorCode,
    pub message: String,
    /// roleplay's remark on the message (e.g. that AWS gives no reason).
    pub remark: Option<String>,
}

/// roleplay's sentence for a phase, the statement it points at, and, on
/// the phase where the request ended, AWS's own message beside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub text: String,
    pub statement: Option<StatementLink>,
    pub aws: Option<AwsMessage>,
}

impl Sentence {
    pub(crate) fn new(text: String, statement: Option<StatementLink>) -> Self {
        Sentence { text, statement, aws: None }
    }
}

fn first_statement<'a>(checks: impl Iterator<Item = &'a CheckReport>, effect: policy::Effect) -> Option<&'a MatchedStatement> {
    checks.flat_map(|c| c.matched_statements.iter()).find(|m| m.effect == effect)
}

/// Two sentences: a space between them in English, none in Japanese.
fn join(lang: Lang, a: &str, b: &str) -> String {
    match lang {
        Lang::En => format!("{a} {b}"),
        Lang::Ja => format!("{a}{b}"),
    }
}

/// A clause as a sentence of its own (capital and full stop; `。` in Japanese).
fn capitalize(s: &str, lang: Lang) -> String {
    if lang == Lang::Ja {
        return format!("{s}。");
    }
    let mut c = s.chars();
    match c.next() {
        // ASCII capitals: the English sentences start with a word of
        // roleplay's (Unicode's case tables would add 12 KB to the page).
        Some(f) => format!("{}{}.", f.to_ascii_uppercase(), c.as_str()),
        None => String::new(),
    }
}

/// The outcome flow step `phase` stands for in `v`: ⑤ the call's own,
/// ①–④ that of the AssumeRole drawn.
pub fn flow_outcome(v: &View, phase: Phase) -> Option<Outcome> {
    match phase {
        Phase::Act => v.report.as_ref().filter(|_| v.again.is_none()).and_then(|r| r.outcome),
        _ => v.assume.as_ref().and_then(|(_, r)| r.outcome),
    }
}

/// The phase ①–④ at which an AssumeRole request ended, if it failed.
fn ending_phase(r: &StepReport) -> Option<Phase> {
    let fl = r.flow?;
    let st = |i: usize| fl.get(i).copied().map(FlowState::from);
    if matches!(st(1), Some(FlowState::Rejected | FlowState::Error)) {
        Some(Phase::Request)
    } else if st(2) == Some(FlowState::Denied) {
        Some(Phase::Trust)
    } else if st(0) == Some(FlowState::Denied) {
        Some(Phase::Identity)
    } else {
        None
    }
}

/// AWS's code and message of a failed request, with roleplay's remark
/// where AWS's message says less than roleplay knows.
fn aws_message(lang: Lang, r: &StepReport) -> Option<AwsMessage> {
    let (code, message) = (r.error_code?, r.message.clone()?);
    // The S3 remark is for S3's own unexplained denials, not for a rule
    // outside policies (whose sentence says why).
    let unexplained = code == ErrorCode::AccessDenied
        && r.rule.is_none()
        && r.action.as_deref().is_some_and(|a| a.to_ascii_lowercase().starts_with("s3:"))
        && r.outcome.is_some_and(Outcome::is_denied)
        && !message.contains(" because no ")
        && !message.contains(" with an explicit deny");
    let remark = unexplained.then(|| {
        words::pick(
            lang,
            [
                "AWS gives no reason here: S3 adds one only to requests within an account or organization. roleplay's reason is above.",
                "ここでは AWS は理由を示しません。S3 が理由を加えるのは同じアカウントまたは組織内のリクエストだけです。roleplay の説明は上のとおりです。",
            ],
        )
        .to_string()
    });
    Some(AwsMessage { code, message, remark })
}

/// The sentence for flow step `phase` as `v` shows it: `None` while it is
/// undecided (or ⑤ of an AssumeRole).
pub fn flow_sentence(lang: Lang, v: &View, phase: Phase) -> Option<Sentence> {
    let state = *v.flow.get(phase.number().checked_sub(1)?)?;
    match phase {
        Phase::Act => {
            let r = v.report.as_ref().filter(|r| r.flow.is_none() && r.advance.is_none() && v.again.is_none())?;
            state.is_decided().then(|| {
                let mut x = call_sentence(lang, r);
                x.aws = aws_message(lang, r);
                x
            })
        }
        _ if state.is_decided() || state == FlowState::Skipped => {
            let (_, r) = v.assume.as_ref()?;
            let mut x = assume_sentence(lang, phase, state, r)?;
            if ending_phase(r) == Some(phase) {
                x.aws = aws_message(lang, r);
            }
            Some(x)
        }
        _ => None,
    }
}
