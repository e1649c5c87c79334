//! The picture of the flow: caller, STS, role, resource, and the five
//! steps between them, each drawn with its state (colour *and* an icon and
//! a word, never colour alone).

use playground::cast::Who;
use playground::reasons::short;
use playground::walk::{FlowState, Phase};
use playground::State;
use yew::prelude::*;

/// The role's hat, drawn (no emoji font needed), 36×28 units.
fn hat_path() -> Html {
    html! {
        <>
            <path d="M2 24 Q18 30 34 24 L34 21 Q18 26 2 21 Z" class="hat-brim" />
            <path d="M9 22 L10 4 Q18 1 26 4 L27 22 Q18 25 9 22 Z" class="hat-top" />
            <path d="M9.6 15 Q18 18 26.4 15 L26.6 18.5 Q18 21.5 9.4 18.5 Z" class="hat-band" />
        </>
    }
}

/// The hat as an inline icon for text.
pub fn hat_icon() -> Html {
    html! { <svg class="hat-icon" viewBox="0 0 36 30" aria-hidden="true">{ hat_path() }</svg> }
}

/// A resource ARN short enough for its box, keeping what identifies it:
/// `my-bucket/…/file.csv` for S3, the last part of the ARN otherwise.
fn short_resource(r: &str) -> String {
    if let Some(path) = r.strip_prefix("arn:aws:s3:::") {
        let parts: Vec<&str> = path.split('/').collect();
        return match parts.as_slice() {
            [bucket] => fit(bucket, 22),
            [bucket, file] => fit(&format!("{}/{}", fit(bucket, 12), file), 22),
            [bucket, .., file] => fit(&format!("{}/…/{}", fit(bucket, 10), file), 22),
            [] => String::new(),
        };
    }
    fit(short(r), 22)
}

/// Shortens a name to fit a box of the diagram.
fn fit(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    let head: String = s.chars().take(n.saturating_sub(1)).collect();
    format!("{head}…")
}

fn icon(s: FlowState) -> &'static str {
    match s {
        FlowState::Pending => "",
        FlowState::Active => "…",
        FlowState::Allowed => "✓",
        FlowState::Denied => "✗",
        FlowState::Error => "!",
        FlowState::Skipped => "–",
    }
}

fn marker(n: usize, x: i32, y: i32, st: FlowState, current: bool) -> Html {
    let label = format!("{}{}", ["①", "②", "③", "④", "⑤"].get(n).copied().unwrap_or(""), icon(st));
    html! {
        <g class={classes!("mk", st.as_str(), current.then_some("current"))} transform={format!("translate({x},{y})")}>
            <rect x="-22" y="-13" width="44" height="26" rx="13" />
            <text text-anchor="middle" dy="5">{ label }</text>
        </g>
    }
}

/// The picture at the state's cursor (a plain function: it is redrawn with
/// the page, and comparing states would cost more than drawing).
pub fn diagram(s: &State) -> Html {
    let w = s.lang.words();
    let view = s.derived.view.as_ref();
    let flow = view.map_or([FlowState::Pending; 5], |v| v.flow);
    let phase = view.and_then(|v| v.phase);
    let cur = |ph: Phase| phase == Some(ph);
    let cast = s.derived.cast.as_ref();
    let caller = match cast.map(|c| &c.who) {
        Some(Who::User(i)) => s
            .derived
            .doc
            .as_ref()
            .and_then(|d| playground::cast::entity_arn(d, "Users", *i))
            .map(|a| short(&a).to_string())
            .unwrap_or_default(),
        Some(Who::UnknownUser(a)) => short(a).to_string(),
        Some(Who::Service(x) | Who::Federated(x)) => format!("⚙ {}", x.split('.').next().unwrap_or(x)),
        Some(Who::Session(k)) => s.derived.doc.as_ref().map(|d| playground::cast::session_label(d, *k)).unwrap_or_default(),
        _ => String::new(),
    };
    let role = cast
        .and_then(|c| c.role)
        .and_then(|r| playground::cast::entity_arn(s.derived.doc.as_ref()?, "Roles", r))
        .map(|a| short(&a).to_string())
        .unwrap_or_default();
    let resource = view
        .and_then(|v| v.report.as_ref())
        .filter(|r| r.flow.is_none())
        .and_then(|r| r.resource.clone())
        .map(|r| short_resource(&r))
        .unwrap_or_else(|| "*".into());
    let action = view.and_then(|v| v.report.as_ref()).filter(|r| r.flow.is_none()).and_then(|r| r.action.clone()).unwrap_or_default();
    // The caller wears the role's hat once it holds the role's session
    // (a chained caller already wears the first role's).
    let session_caller = matches!(cast.map(|c| &c.who), Some(Who::Session(_)));
    let hat = session_caller || (flow[3] == FlowState::Allowed && matches!(phase, Some(Phase::Act | Phase::Issue | Phase::Clock)));
    // A call with the caller's own credentials involves no role.
    let no_role = flow[0] == FlowState::Skipped && flow[1] == FlowState::Skipped && phase == Some(Phase::Act);
    let role_arn =
        cast.and_then(|c| c.role).and_then(|r| playground::cast::entity_arn(s.derived.doc.as_ref()?, "Roles", r)).unwrap_or_default();
    let resource_full =
        view.and_then(|v| v.report.as_ref()).filter(|r| r.flow.is_none()).and_then(|r| r.resource.clone()).unwrap_or_default();
    let summary =
        Phase::FLOW.iter().zip(flow.iter()).map(|(ph, st)| format!("{} {}", ph.number(), st.as_str())).collect::<Vec<_>>().join(", ");
    let aria = format!("{}: {caller} → STS → {role}; {summary}", w.diagram_label);
    html! {
        <figure class="diagram" data-testid="diagram">
            <svg viewBox="0 0 640 250" role="img" aria-label={aria}>
                <defs>
                    <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M 0 0 L 10 5 L 0 10 z" class="arrowhead" />
                    </marker>
                </defs>
                // Caller
                <g class={classes!("node", "caller", hat.then_some("hatted"))}>
                    <rect x="10" y="30" width="170" height="74" rx="12" />
                    <text x="95" y="56" text-anchor="middle" class="node-kind">{ w.caller }</text>
                    <text x="95" y="82" text-anchor="middle" class="node-name">{ fit(&caller, 18) }</text>
                    if hat {
                        <g transform="translate(140,34) scale(0.85)" class="hat">{ hat_path() }</g>
                        <text x="95" y="98" text-anchor="middle" class="node-sub">{ w.hat_on }</text>
                    }
                </g>
                // STS
                <g class="node sts">
                    <rect x="250" y="30" width="130" height="74" rx="12" />
                    <text x="315" y="62" text-anchor="middle" class="node-kind">{ w.sts }</text>
                    <text x="315" y="84" text-anchor="middle" class="node-name">{ "AssumeRole" }</text>
                </g>
                // Role
                <g class={classes!("node", "role", no_role.then_some("dim"))}>
                    <title>{ role_arn }</title>
                    <rect x="450" y="30" width="180" height="74" rx="12" />
                    <g transform="translate(456,36) scale(0.8)" class="hat small">{ hat_path() }</g>
                    <text x="540" y="56" text-anchor="middle" class="node-kind">{ w.role }</text>
                    <text x="540" y="82" text-anchor="middle" class="node-name">{ fit(&role, 20) }</text>
                </g>
                // Resource
                <g class="node resource">
                    <title>{ resource_full }</title>
                    <rect x="450" y="170" width="180" height="64" rx="12" />
                    <text x="540" y="194" text-anchor="middle" class="node-kind">{ w.resource }</text>
                    <text x="540" y="218" text-anchor="middle" class="node-name">{ fit(&resource, 22) }</text>
                </g>
                // ② request, ④ credentials back
                <line x1="180" y1="52" x2="248" y2="52" class={classes!("edge", flow[1].as_str())} marker-end="url(#arrow)" />
                <line x1="250" y1="84" x2="182" y2="84" class={classes!("edge", flow[3].as_str())} marker-end="url(#arrow)" />
                // ③ trust check
                <line x1="380" y1="67" x2="448" y2="67" class={classes!("edge", flow[2].as_str())} marker-end="url(#arrow)" />
                // ⑤ act on the resource
                <path d="M 95 104 L 95 202 L 448 202" class={classes!("edge", flow[4].as_str())} fill="none" marker-end="url(#arrow)" />
                <text x="270" y="194" text-anchor="middle" class="edge-label">{ action }</text>
                { marker(0, 40, 128, flow[0], cur(Phase::Identity)) }
                { marker(1, 215, 30, flow[1], cur(Phase::Request)) }
                { marker(2, 414, 45, flow[2], cur(Phase::Trust)) }
                { marker(3, 215, 106, flow[3], cur(Phase::Issue)) }
                { marker(4, 160, 202, flow[4], cur(Phase::Act)) }
            </svg>
        </figure>
    }
}
