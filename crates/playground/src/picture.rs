//! What the diagram draws at the step on screen: who calls (a user, a role
//! session, a service, an EC2 instance through its instance profile, a
//! web-identity or SAML caller), which STS call, the role, the resource and
//! the accounts each is in; or, for a call that passes a role to a
//! service, that picture instead. The web crate only lays it out.

use sts::report::StepReport;
use sts::scenario::{CallerSpec, StepKind};

use crate::cast::Who;
use crate::reasons::{account_of, provider_name, short};
use crate::state::State;
use crate::walk::{FlowState, Phase};

/// Which picture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Caller → STS → role, then ⑤ on the resource.
    Assume,
    /// A call with the caller's own long-term credentials: no role, no STS.
    Own,
    /// A call that hands a role to a service (`iam:PassRole`).
    PassRole,
}

/// Who the caller box shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallerKind {
    User,
    Session,
    Service,
    /// EC2 through an instance profile: the credentials reach the instance's
    /// applications from the instance metadata service (IMDS).
    Ec2,
    Federated,
    Nobody,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picture {
    pub mode: Mode,
    pub caller_kind: CallerKind,
    /// The caller's name: user, `Role/session`, function, instance ID,
    /// service or identity provider (whole: the drawing wraps it).
    pub caller: String,
    pub caller_account: Option<String>,
    /// EC2: the instance profile's name.
    pub instance_profile: Option<String>,
    /// The STS call: `AssumeRole`, `AssumeRoleWithWebIdentity`, ...
    pub call: String,
    pub role: String,
    pub role_arn: String,
    pub role_account: Option<String>,
    /// The resource of a call, shown whole (`bucket/key`, `instance/i-…`).
    pub resource: String,
    pub resource_arn: String,
    pub resource_account: Option<String>,
    /// The call's action (`s3:GetObject`).
    pub action: String,
    /// PassRole: the service the role is handed to, and the check's state.
    pub passed_to: Option<String>,
    pub pass_state: FlowState,
    /// The caller wears the role's hat.
    pub hat: bool,
}

/// A resource as the diagram names it: `bucket/key` for S3, the resource
/// part of any other ARN (`instance/i-0123…`), or `*`.
pub fn resource_name(arn: &str) -> String {
    if let Some(path) = arn.strip_prefix("arn:aws:s3:::") {
        return path.to_string();
    }
    match arn.splitn(6, ':').nth(5) {
        Some(r) if arn.starts_with("arn:") => r.to_string(),
        _ => arn.to_string(),
    }
}

/// Splits a name into lines of at most `width` characters, breaking after
/// `_ - / . : @ ,` or before a capital that follows a small letter, and
/// inside a word only when nothing else fits. Nothing is cut off.
pub fn wrap(name: &str, width: usize) -> Vec<String> {
    let width = width.max(4);
    // Pieces that may not be broken (unless longer than a line).
    let mut pieces: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut prev: Option<char> = None;
    for c in name.chars() {
        if prev.is_some_and(|p| p.is_ascii_lowercase()) && c.is_ascii_uppercase() && !cur.is_empty() {
            pieces.push(std::mem::take(&mut cur));
        }
        cur.push(c);
        if "_-/.:@,".contains(c) {
            pieces.push(std::mem::take(&mut cur));
        }
        prev = Some(c);
    }
    if !cur.is_empty() {
        pieces.push(cur);
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for p in pieces {
        let n = line.chars().count();
        let m = p.chars().count();
        if n + m <= width {
            line.push_str(&p);
            continue;
        }
        if !line.is_empty() && m <= width {
            lines.push(std::mem::take(&mut line));
        }
        // A piece longer than a line fills the line and goes on on the next.
        for c in p.chars() {
            if line.chars().count() == width {
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The session name an AssumeRole report issued (or asked for).
fn session_name(r: Option<&StepReport>) -> Option<String> {
    r.and_then(|r| r.assumed_role_user.as_ref()).map(|u| short(&u.arn).to_string())
}

/// The picture at the state's cursor.
pub fn picture(s: &State) -> Picture {
    let view = s.derived.view.as_ref();
    let scenario = s.derived.scenario.as_ref();
    let cast = s.derived.cast.as_ref();
    let doc = s.derived.doc.as_ref();
    let flow = view.map_or([FlowState::Pending; 5], |v| v.flow);
    let phase = view.and_then(|v| v.phase);
    let focus_report = view.and_then(|v| v.report.as_ref()).filter(|r| r.flow.is_none() && r.advance.is_none());
    let assume_report = view.and_then(|v| v.assume.as_ref()).map(|(_, r)| r);
    let focus_step = view.and_then(|v| v.focus).and_then(|f| scenario?.steps.get(f));
    let passed = match focus_step.map(|st| &st.kind) {
        Some(StepKind::Call(c)) => c.passed_role.and_then(|k| scenario?.roles.get(k)),
        _ => None,
    };
    let own = focus_step.is_some_and(|st| matches!(&st.kind, StepKind::Call(c) if matches!(c.caller, CallerSpec::User(_))));
    let mode = match (passed, own) {
        (Some(_), _) => Mode::PassRole,
        (None, true) => Mode::Own,
        (None, false) => Mode::Assume,
    };

    let who = cast.map_or(&Who::Nobody, |c| &c.who);
    let arn_of = |list: &str, i: usize| doc.and_then(|d| crate::cast::entity_arn(d, list, i));
    let the_step = cast.and_then(|c| c.step).and_then(|k| scenario?.steps.get(k));
    let profile = match the_step.map(|st| &st.kind) {
        Some(StepKind::Assume(a)) => a.instance_profile.and_then(|k| scenario?.instance_profiles.get(k)).map(|p| p.name.clone()),
        _ => None,
    };
    // A session an EC2 instance holds is the instance's.
    let ec2_session = matches!(who, Who::Session(_))
        && matches!(the_step.map(|st| &st.kind), Some(StepKind::Assume(a)) if matches!(&a.caller, CallerSpec::Service(x) if x.starts_with("ec2.")));
    let (caller_kind, caller, caller_account) = match who {
        Who::User(i) => {
            let a = arn_of(sts::schema::key::USERS, *i).unwrap_or_default();
            (CallerKind::User, short(&a).to_string(), account_of(&a).map(str::to_string))
        }
        Who::UnknownUser(a) => (CallerKind::User, short(a).to_string(), account_of(a).map(str::to_string)),
        Who::Session(k) => {
            let issued = view.and_then(|v| {
                v.happenings.iter().rev().find_map(|h| match h {
                    crate::walk::Happening::Step { report: r, .. } | crate::walk::Happening::Reassume { report: r, .. } if r.step == *k => {
                        r.assumed_role_user.as_ref().map(|u| u.arn.clone())
                    }
                    _ => None,
                })
            });
            let label = match &issued {
                Some(arn) => arn.split_once(":assumed-role/").map_or_else(|| arn.clone(), |(_, rest)| rest.to_string()),
                None => doc.map(|d| crate::cast::session_label(d, *k)).unwrap_or_default(),
            };
            let acct = issued.as_deref().and_then(account_of).map(str::to_string);
            if ec2_session {
                (CallerKind::Ec2, label.rsplit('/').next().unwrap_or(&label).to_string(), acct)
            } else {
                (CallerKind::Session, label, acct)
            }
        }
        Who::Service(x) if x.starts_with("ec2.") => (CallerKind::Ec2, session_name(assume_report).unwrap_or_else(|| x.clone()), None),
        Who::Service(x) if x.starts_with("lambda.") || x.starts_with("ecs") => {
            (CallerKind::Service, session_name(assume_report).unwrap_or_else(|| x.clone()), None)
        }
        Who::Service(x) => (CallerKind::Service, x.clone(), None),
        Who::Federated(p) => (CallerKind::Federated, provider_name(p).to_string(), None),
        Who::Nobody => (CallerKind::Nobody, String::new(), None),
    };
    let call = assume_report.and_then(|r| r.action.as_deref()).or_else(|| match the_step.map(|st| &st.kind) {
        Some(StepKind::Assume(a)) => Some(a.kind.action()),
        _ => None,
    });
    let call = call.unwrap_or("sts:AssumeRole").trim_start_matches("sts:").to_string();
    let role_arn = match passed {
        Some(r) => r.arn.clone(),
        None => cast.and_then(|c| c.role).and_then(|r| arn_of(sts::schema::key::ROLES, r)).unwrap_or_default(),
    };
    let resource_arn = focus_report.and_then(|r| r.resource.clone()).unwrap_or_default();
    let resource_account = scenario.and_then(|sc| {
        let bucket = resource_arn.strip_prefix("arn:aws:s3:::").map(|p| format!("arn:aws:s3:::{}", p.split('/').next().unwrap_or(p)));
        sc.resources.iter().find(|r| r.arn == resource_arn || Some(&r.arn) == bucket.as_ref()).map(|r| r.account.clone())
    });
    let resource_account = resource_account.or_else(|| account_of(&resource_arn).map(str::to_string)).or_else(|| {
        // An ARN without an account (S3) that is not listed: the caller's.
        (!resource_arn.is_empty() && resource_arn != "*").then(|| caller_account.clone()).flatten()
    });
    let pass_check = focus_report.and_then(|r| r.checks.as_ref()).and_then(|cs| {
        let mine: Vec<_> = cs.iter().filter(|c| c.action.as_deref() == Some("iam:PassRole")).collect();
        (!mine.is_empty()).then(|| mine.iter().all(|c| c.decision == policy::Decision::Allow))
    });
    let session_caller = matches!(who, Who::Session(_));
    let hat = mode == Mode::Assume
        && (session_caller || (flow[3] == FlowState::Allowed && matches!(phase, Some(Phase::Act | Phase::Issue | Phase::Clock))));
    Picture {
        mode,
        caller_kind,
        caller,
        caller_account,
        instance_profile: profile,
        call,
        role: short(&role_arn).to_string(),
        role_account: account_of(&role_arn).map(str::to_string),
        role_arn,
        resource: if resource_arn.is_empty() { "*".to_string() } else { resource_name(&resource_arn) },
        resource_arn,
        resource_account,
        action: focus_report.and_then(|r| r.action.clone()).unwrap_or_default(),
        passed_to: match focus_step.map(|st| &st.kind) {
            Some(StepKind::Call(c)) if passed.is_some() => Some(sts_passed_to(&c.action)),
            _ => None,
        },
        pass_state: match pass_check {
            Some(true) => FlowState::Allowed,
            Some(false) => FlowState::Denied,
            None => FlowState::Pending,
        },
        hat,
    }
}

/// The service a passed role is handed to (as `iam:PassedToService`).
fn sts_passed_to(action: &str) -> String {
    let service = action.split(':').next().unwrap_or("").to_ascii_lowercase();
    match service.as_str() {
        "ecs" => "ecs-tasks.amazonaws.com".into(),
        "states" => "states.amazonaws.com".into(),
        other => format!("{other}.amazonaws.com"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_wrap_instead_of_being_cut() {
        assert_eq!(wrap("test_EC2ReadOnlyAccess_Role", 18), ["test_EC2ReadOnly", "Access_Role"]);
        assert_eq!(
            wrap("example-deploy-artifacts/example-repo/build-1234.zip", 22),
            ["example-deploy-", "artifacts/example-", "repo/build-1234.zip"]
        );
        assert_eq!(wrap("i-0123456789abcdef0", 12), ["i-0123456789", "abcdef0"]);
        for (name, w) in
            [("test_EC2ReadOnlyAccess_Role", 10), ("log-group:/aws/lambda/hello-function:log-stream:2026/11/22/8f3c2a1b9d4e4f6a", 22)]
        {
            let lines = wrap(name, w);
            assert_eq!(lines.concat(), name, "nothing is cut");
            assert!(lines.iter().all(|l| l.chars().count() <= w), "{lines:?}");
        }
    }

    #[test]
    fn resources_are_named_by_their_resource_part() {
        assert_eq!(resource_name("arn:aws:s3:::example-app-assets/config/app.json"), "example-app-assets/config/app.json");
        assert_eq!(resource_name("arn:aws:ec2:us-east-1:111111111111:instance/i-0abc"), "instance/i-0abc");
        assert_eq!(resource_name("*"), "*");
    }
}
