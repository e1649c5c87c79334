//! What each editor marks: load errors and lint findings inside its policy,
//! and the statements that decided the step on screen.

use policy::{Decision, Effect, PolicySource};
use sts::report::{CheckReport, Unmet};
use sts::LoadError;

use crate::cast::{Cast, Extra, Who};
use crate::doc::Slot;
use crate::highlight::{token_end, Mark, MarkKind};
use crate::reasons;
use crate::state::State;

/// Which editor a slot is shown in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    Identity,
    Trust,
    Permissions,
    Extra(Extra),
}

fn problem(e: &LoadError, slot: &Slot, kind: MarkKind) -> Option<Mark> {
    if !e.path.starts_with(&slot.path) {
        return None;
    }
    let message = match &e.help {
        Some(h) => format!("{} ({h})", e.message),
        None => e.message.clone(),
    };
    let (line, column) = e.policy_position.map_or((1, 1), |p| (p.line, p.column));
    Some(Mark { start: (line, column), end: token_end(&slot.text, line, column), kind, message, tag: None })
}

/// Whether a statement of this policy type and name is shown in `pane`.
fn shows(pane: Pane, slot: &Slot, who: Option<&Who>, policy_type: PolicySource, policy_name: &str) -> bool {
    let named = policy_name == slot.name;
    match pane {
        Pane::Trust => policy_type == PolicySource::Trust,
        Pane::Identity => match who {
            Some(Who::Session(_)) => policy_type == PolicySource::Role && named,
            _ => matches!(policy_type, PolicySource::User | PolicySource::Group) && named,
        },
        Pane::Permissions => policy_type == PolicySource::Role && named,
        Pane::Extra(Extra::RoleBoundary | Extra::UserBoundary) => policy_type == PolicySource::Boundary,
        Pane::Extra(Extra::SessionPolicy) => policy_type == PolicySource::Session,
        Pane::Extra(Extra::ResourcePolicy) => policy_type == PolicySource::Resource,
        Pane::Extra(Extra::Scp) => policy_type == PolicySource::Scp && named,
    }
}

/// Which editor shows a statement of this policy (a reason's link): the
/// pane, and the index of the policy among that pane's choices.
pub fn locate(cast: &Cast, policy_type: PolicySource, policy_name: &str) -> Option<(Pane, usize)> {
    let who = Some(&cast.who);
    let fits = |pane: Pane| move |slot: &Slot| shows(pane, slot, who, policy_type, policy_name);
    if let Some(t) = &cast.trust {
        if fits(Pane::Trust)(t) {
            return Some((Pane::Trust, 0));
        }
    }
    if let Some(i) = cast.identity.iter().position(fits(Pane::Identity)) {
        return Some((Pane::Identity, i));
    }
    if let Some(i) = cast.permissions.iter().position(fits(Pane::Permissions)) {
        return Some((Pane::Permissions, i));
    }
    cast.extras.iter().enumerate().find(|(_, (k, slot))| fits(Pane::Extra(*k))(slot)).map(|(i, (k, _))| (Pane::Extra(*k), i))
}

/// The marks of one editor.
pub fn marks(state: &State, slot: &Slot, pane: Pane) -> Vec<Mark> {
    let d = &state.derived;
    let mut out: Vec<Mark> = d.errors.iter().filter_map(|e| problem(e, slot, MarkKind::Error)).collect();
    match state.assist.as_ref().filter(|_| state.assist_fresh) {
        // The helper's findings include the parser's warnings, and its
        // errors where the loader's are already marked.
        Some(a) => {
            let at = slot.path.to_string();
            for f in a.findings.iter().filter(|f| f.in_policy_text && f.policy.as_deref() == Some(at.as_str())) {
                if out.iter().any(|m| m.start == f.start) {
                    continue;
                }
                let kind = match f.finding_type.as_str() {
                    "ERROR" => MarkKind::Error,
                    "SECURITY_WARNING" => MarkKind::Security,
                    "SUGGESTION" => MarkKind::Suggestion,
                    _ => MarkKind::Warning,
                };
                let message = if state.lang == crate::Lang::Ja { &f.ja } else { &f.en };
                let end = if f.end >= f.start { f.end } else { token_end(&slot.text, f.start.0, f.start.1) };
                out.push(Mark {
                    start: f.start,
                    end,
                    kind,
                    message: format!("{}: {message}", f.code),
                    tag: Some((f.finding_type.clone(), f.code.clone())),
                });
            }
        }
        None => out.extend(state.warnings().iter().filter_map(|e| problem(e, slot, MarkKind::Warning))),
    }

    let Some(view) = &d.view else { return out };
    let Some(report) = &view.report else { return out };
    let who = d.cast.as_ref().map(|c| &c.who);
    let is_assume = report.flow.is_some();
    let checks: &[CheckReport] = report.checks.as_deref().unwrap_or(&[]);
    // Only decisions already on screen.
    let visible = |c: &CheckReport| {
        if !is_assume {
            return view.flow[4].is_decided();
        }
        if c.is_resource_side() {
            view.flow[2].is_decided()
        } else {
            view.flow[0].is_decided()
        }
    };
    // In a chained AssumeRole the role policies shown as "identity" are
    // the first role's; a ⑤ call's role policies are the permissions.
    let pane_fits = |pane: Pane| match (pane, is_assume) {
        (Pane::Permissions, true) => false,
        (Pane::Identity, false) => !matches!(who, Some(Who::Session(_))),
        _ => true,
    };
    if !pane_fits(pane) {
        return out;
    }
    for c in checks.iter().filter(|c| visible(c)) {
        for m in &c.matched_statements {
            if shows(pane, slot, who, m.statement.policy_type, &m.statement.policy_name) {
                let kind = if m.effect == Effect::Deny { MarkKind::Deny } else { MarkKind::Allow };
                let s = &m.statement;
                out.push(Mark {
                    start: (s.start_position.line, s.start_position.column),
                    end: (s.end_position.line, s.end_position.column),
                    kind,
                    message: String::new(),
                    tag: None,
                });
            }
        }
        if c.decision != Decision::Allow {
            for n in c.not_applied.iter().filter(|n| n.reason == Unmet::Condition) {
                if shows(pane, slot, who, n.statement.policy_type, &n.statement.policy_name) {
                    let s = &n.statement;
                    out.push(Mark {
                        start: (s.start_position.line, s.start_position.column),
                        end: (s.end_position.line, s.end_position.column),
                        kind: MarkKind::Deny,
                        message: reasons::not_applied_text(state.lang, n, None),
                        tag: None,
                    });
                }
            }
        }
    }
    out
}
