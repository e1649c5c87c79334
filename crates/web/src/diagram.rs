//! The picture of the flow (from `playground::picture`): caller, STS, role
//! and resource inside their accounts, and the five steps between them,
//! each drawn with its state (colour *and* an icon and a word, never colour
//! alone). Long names wrap instead of being cut. Two layouts: side by side,
//! and stacked for phones, where every text stays at least 12 px.
//!
//! The SVG is written as text (every name escaped) rather than built with
//! `html!`: it has no event handlers, and text keeps the WebAssembly small.

use std::fmt::Write as _;

use playground::i18n::Words;
use playground::picture::{self, wrap, CallerKind, Mode, Picture};
use playground::walk::{FlowState, Phase};
use playground::State;
use yew::prelude::*;

use crate::raw::esc;

const HAT: &str = r#"<path d="M2 24 Q18 30 34 24 L34 21 Q18 26 2 21 Z" class="hat-brim"/><path d="M9 22 L10 4 Q18 1 26 4 L27 22 Q18 25 9 22 Z" class="hat-top"/><path d="M9.6 15 Q18 18 26.4 15 L26.6 18.5 Q18 21.5 9.4 18.5 Z" class="hat-band"/>"#;

/// The hat as an inline icon for text (no emoji font needed).
pub fn hat_icon() -> Html {
    Html::from_html_unchecked(AttrValue::from(format!(r#"<svg class="hat-icon" viewBox="0 0 36 30" aria-hidden="true">{HAT}</svg>"#)))
}

fn icon(s: FlowState) -> &'static str {
    match s {
        FlowState::Pending | FlowState::NotReached => "",
        FlowState::Active => "›",
        FlowState::Allowed => "✓",
        FlowState::Denied => "✗",
        FlowState::Error | FlowState::Rejected => "!",
        FlowState::Skipped | FlowState::NotNeeded => "–",
        FlowState::Sent => "→",
    }
}

#[derive(Clone, Copy)]
struct Rect {
    x: i32,
    y: i32,
    w: i32,
    h: i32,
}

impl Rect {
    fn bottom(self) -> i32 {
        self.y + self.h
    }
    fn right(self) -> i32 {
        self.x + self.w
    }
    fn cx(self) -> i32 {
        self.x + self.w / 2
    }
}

/// Font sizes (user units), line height and characters per line.
struct Type {
    kind: i32,
    name: i32,
    line: i32,
    sub: i32,
    chars: usize,
}

/// A box's text: its kind, its name (wrapped), an optional line under it.
struct Label {
    kind: String,
    lines: Vec<String>,
    sub: Option<String>,
}

impl Label {
    fn new(kind: &str, name: &str, sub: Option<String>, chars: usize) -> Self {
        Label { kind: kind.to_string(), lines: if name.is_empty() { Vec::new() } else { wrap(name, chars) }, sub }
    }
    fn height(&self, t: &Type) -> i32 {
        let n = i32::try_from(self.lines.len()).unwrap_or(1).max(1);
        28 + n * t.line + if self.sub.is_some() { t.line } else { 0 }
    }
}

/// The SVG being written.
struct Svg {
    out: String,
    t: Type,
}

impl Svg {
    fn node(&mut self, class: &str, r: Rect, label: &Label, title: &str) {
        let t = &self.t;
        let o = &mut self.out;
        let _ = write!(
            o,
            r#"<g class="node {class}"><title>{}</title><rect x="{}" y="{}" width="{}" height="{}" rx="12"/><text x="{}" y="{}" text-anchor="middle" class="node-kind" font-size="{}">{}</text><text x="{}" y="{}" text-anchor="middle" class="node-name" font-size="{}">"#,
            esc(title),
            r.x,
            r.y,
            r.w,
            r.h,
            r.cx(),
            r.y + 20,
            t.kind,
            esc(&label.kind),
            r.cx(),
            r.y + 26,
            t.name
        );
        for l in &label.lines {
            let _ = write!(o, r#"<tspan x="{}" dy="{}">{}</tspan>"#, r.cx(), t.line, esc(l));
        }
        o.push_str("</text>");
        if let Some(sub) = &label.sub {
            let y = r.y + 28 + i32::try_from(label.lines.len()).unwrap_or(0) * t.line + t.sub;
            let _ = write!(
                o,
                r#"<text x="{}" y="{y}" text-anchor="middle" class="node-sub" font-size="{}">{}</text>"#,
                r.cx(),
                t.sub,
                esc(sub)
            );
        }
        o.push_str("</g>");
    }

    fn marker(&mut self, label: &str, x: i32, y: i32, st: FlowState, current: bool, width: i32) {
        let _ = write!(
            self.out,
            r#"<g class="mk {}{}" transform="translate({x},{y})"><rect x="{}" y="-13" width="{width}" height="26" rx="13"/><text text-anchor="middle" dy="5">{label}{}</text></g>"#,
            st.as_str(),
            if current { " current" } else { "" },
            -width / 2,
            icon(st)
        );
    }

    fn phase(&mut self, n: usize, x: i32, y: i32, st: FlowState, current: bool) {
        self.marker(["①", "②", "③", "④", "⑤"].get(n).copied().unwrap_or(""), x, y, st, current, 44);
    }

    /// An arrow through `points`.
    fn edge(&mut self, points: &[(i32, i32)], st: FlowState) {
        self.out.push_str("<path d=\"");
        for (i, (x, y)) in points.iter().enumerate() {
            let _ = write!(self.out, "{}{x} {y} ", if i == 0 { "M" } else { "L" });
        }
        let _ = write!(self.out, r#"" class="edge {}" fill="none" marker-end="url(#arrow)"/>"#, st.as_str());
    }

    fn label(&mut self, x: i32, y: i32, start: bool, text: &str) {
        let _ = write!(
            self.out,
            r#"<text x="{x}" y="{y}" text-anchor="{}" class="edge-label" font-size="{}">{}</text>"#,
            if start { "start" } else { "middle" },
            self.t.sub,
            esc(text)
        );
    }

    /// A dashed box around the nodes of one account, with the account above.
    fn account(&mut self, w: &Words, account: &str, boxes: &[Rect], note: Option<&str>) {
        let (Some(x), Some(y), Some(r), Some(b)) = (
            boxes.iter().map(|b| b.x).min(),
            boxes.iter().map(|b| b.y).min(),
            boxes.iter().map(|b| b.right()).max(),
            boxes.iter().map(|b| b.bottom()).max(),
        ) else {
            return;
        };
        let label = match note {
            Some(n) => format!("{} {account} ({n})", w.account),
            None => format!("{} {account}", w.account),
        };
        let _ = write!(
            self.out,
            r#"<g class="account"><rect x="{}" y="{}" width="{}" height="{}" rx="14"/><text x="{}" y="{}" class="account-label" font-size="{}">{}</text></g>"#,
            x - 8,
            y - 22,
            r - x + 16,
            b - y + 30,
            x - 2,
            y - 8,
            self.t.sub,
            esc(&label)
        );
    }
}

/// The picture at the state's cursor; `narrow` stacks it for phones.
pub fn diagram(s: &State, narrow: bool) -> Html {
    let w = s.lang.words();
    let p = picture::picture(s);
    let view = s.derived.view.as_ref();
    let flow = view.map_or([FlowState::Pending; 5], |v| v.flow);
    let phase = view.and_then(|v| v.phase);
    let cur = |ph: Phase| phase == Some(ph);
    let t = if narrow {
        Type { kind: 14, name: 15, line: 18, sub: 13, chars: 28 }
    } else {
        Type { kind: 13, name: 14, line: 17, sub: 12, chars: 19 }
    };

    let caller_kind = match p.caller_kind {
        CallerKind::Ec2 => w.instance,
        CallerKind::Federated => w.federated_caller,
        CallerKind::Service => w.service,
        _ => w.caller,
    };
    let caller_sub = match (p.caller_kind, &p.instance_profile) {
        (CallerKind::Ec2, Some(ip)) => Some(format!("{}: {ip}", w.instance_profile)),
        _ if p.hat => Some(w.hat_on.to_string()),
        _ => None,
    };
    let caller = Label::new(caller_kind, &p.caller, caller_sub, t.chars);
    let sts = Label::new(w.sts, &p.call, None, if narrow { t.chars } else { 14 });
    let role = Label::new(w.role, &p.role, p.passed_to.as_ref().map(|svc| format!("{} {svc}", w.to_service)), t.chars);
    let resource = Label::new(w.resource, &p.resource, None, t.chars + 1);
    let (vw, [c, st, r, res]) = layout(&p, narrow, &t, [&caller, &sts, &role, &resource]);
    let vh = [c, r, res, st].iter().map(|b| b.bottom()).max().unwrap_or(200) + 16;

    // Accounts: one box when caller, role and resource share one; else one each.
    let mut groups: Vec<(String, Vec<Rect>)> = Vec::new();
    let mut add = |acct: &Option<String>, b: Rect| {
        if let Some(a) = acct {
            match groups.iter_mut().find(|(x, _)| x == a) {
                Some((_, v)) => v.push(b),
                None => groups.push((a.clone(), vec![b])),
            }
        }
    };
    add(&p.caller_account, c);
    if p.mode != Mode::Own {
        add(&p.role_account, r);
    }
    if !p.resource_arn.is_empty() && p.resource_arn != "*" {
        add(&p.resource_account, res);
    }
    let same = groups.len() == 1 && groups.first().is_some_and(|(_, b)| b.len() > 1);

    let mut svg = Svg { out: String::with_capacity(4096), t };
    let _ = write!(
        svg.out,
        r#"<svg viewBox="0 0 {vw} {vh}" role="img" aria-label="{}"><defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" class="arrowhead"/></marker></defs>"#,
        esc(&aria(w, &p, &flow, &groups))
    );
    for (a, b) in &groups {
        svg.account(w, a, b, same.then_some(w.same_account_short));
    }
    let (sx, sy, start) = if narrow { (res.x + 8, res.y - 10, true) } else { ((c.right() + res.x) / 2, res.y + 18, false) };
    match p.mode {
        Mode::Own => {
            svg.node("caller", c, &caller, &p.caller);
            svg.node("resource", res, &resource, &p.resource_arn);
            svg.edge(&own_path(c, res, narrow), flow[4]);
            svg.label(sx, sy, start, &p.action);
            let (x, y) = if narrow { (c.x + 20, (c.bottom() + res.y) / 2) } else { (c.cx(), res.y + res.h / 2) };
            svg.phase(4, x, y, flow[4], cur(Phase::Act));
        }
        Mode::PassRole => {
            svg.node("caller", c, &caller, &p.caller);
            svg.node("role passed", r, &role, &p.role_arn);
            svg.node("resource", res, &resource, &p.resource_arn);
            svg.edge(&straight(c, r, narrow), p.pass_state);
            let (px, py) = if narrow { (r.x + 8, r.y - 10) } else { ((c.right() + r.x) / 2, r.y + 18) };
            svg.label(px, py, narrow, &format!("iam:PassRole — {}", w.passes_role));
            svg.edge(&own_path(c, res, narrow), flow[4]);
            svg.label(sx, sy, start, &p.action);
            let (mx, my) = if narrow { (c.x + 20, (c.bottom() + r.y) / 2) } else { ((c.right() + r.x) / 2, r.y + r.h / 2) };
            svg.marker("Pass", mx, my, p.pass_state, false, 60);
            let (x, y) = if narrow { (c.x + 20, (r.bottom() + res.y) / 2) } else { (c.cx(), res.y + res.h / 2) };
            svg.phase(4, x, y, flow[4], cur(Phase::Act));
        }
        Mode::Assume => {
            svg.node(if p.hat { "caller hatted" } else { "caller" }, c, &caller, &p.caller);
            if p.hat {
                let _ = write!(svg.out, r#"<g transform="translate({},{}) scale(0.85)" class="hat">{HAT}</g>"#, c.right() - 38, c.y + 4);
            }
            svg.node("sts", st, &sts, &format!("sts:{}", p.call));
            svg.node("role", r, &role, &p.role_arn);
            let _ = write!(svg.out, r#"<g transform="translate({},{}) scale(0.8)" class="hat small">{HAT}</g>"#, r.x + 6, r.y + 6);
            svg.node("resource", res, &resource, &p.resource_arn);
            assume_edges(&mut svg, c, st, r, res, &flow, narrow);
            if p.caller_kind == CallerKind::Ec2 {
                // The credentials reach the instance's applications from the
                // instance metadata service, on the ④ edge.
                let (x, y) =
                    if narrow { (st.right() - 20, (c.bottom() + st.y) / 2 + 14) } else { ((c.right() + st.x) / 2 - 24, st.bottom() + 30) };
                let _ = write!(
                    svg.out,
                    r#"<g class="imds"><rect x="{x}" y="{y}" width="48" height="24" rx="6"/><text x="{}" y="{}" text-anchor="middle" font-size="{}">{}</text></g>"#,
                    x + 24,
                    y + 17,
                    svg.t.sub,
                    esc(w.imds)
                );
            }
            svg.label(sx, sy, start, &p.action);
            for (i, (x, y)) in marker_positions(c, st, r, res, narrow).into_iter().enumerate() {
                let ph = Phase::FLOW.get(i).copied().unwrap_or(Phase::Act);
                svg.phase(i, x, y, flow.get(i).copied().unwrap_or(FlowState::Pending), cur(ph));
            }
        }
    }
    svg.out.push_str("</svg>");
    let mode = match p.mode {
        Mode::Assume => "assume",
        Mode::Own => "own",
        Mode::PassRole => "passrole",
    };
    html! {
        <figure class={classes!("diagram", narrow.then_some("narrow"))} data-testid="diagram" data-mode={mode}
            data-accounts={groups.len().to_string()}>
            { Html::from_html_unchecked(AttrValue::from(svg.out)) }
        </figure>
    }
}

/// The picture in words, for screen readers.
fn aria(w: &Words, p: &Picture, flow: &[FlowState; 5], groups: &[(String, Vec<Rect>)]) -> String {
    let summary =
        Phase::FLOW.iter().zip(flow.iter()).map(|(ph, st)| format!("{} {}", ph.number(), st.as_str())).collect::<Vec<_>>().join(", ");
    let accts = groups.iter().map(|(a, _)| a.as_str()).collect::<Vec<_>>().join(", ");
    format!("{}: {} → {} → {}; {}: {accts}; {summary}", w.diagram_label, p.caller, p.call, p.role, w.account)
}

/// Where the four boxes go: side by side (640 wide) or stacked (360 wide).
fn layout(p: &Picture, narrow: bool, t: &Type, labels: [&Label; 4]) -> (i32, [Rect; 4]) {
    let [caller, sts, role, resource] = labels.map(|l| l.height(t));
    let top = 44;
    if narrow {
        let (x, wd, gap) = (56, 288, 58);
        let c = Rect { x, y: top, w: wd, h: caller };
        let none = Rect { x, y: c.bottom(), w: 0, h: 0 };
        let (st, r) = match p.mode {
            Mode::Assume => {
                let st = Rect { x: x + 40, y: c.bottom() + gap, w: wd - 80, h: sts };
                (st, Rect { x, y: st.bottom() + gap, w: wd, h: role })
            }
            Mode::PassRole => (none, Rect { x, y: c.bottom() + gap, w: wd, h: role }),
            Mode::Own => (none, none),
        };
        let res = Rect { x, y: r.bottom().max(c.bottom()) + gap, w: wd, h: resource };
        (360, [c, st, r, res])
    } else {
        let c = Rect { x: 14, y: top, w: 176, h: caller.max(84) };
        let st = Rect { x: 256, y: top + 8, w: 130, h: sts.max(62) };
        let r = Rect { x: 452, y: top, w: 176, h: role.max(84) };
        let res = Rect { x: 452, y: r.bottom().max(c.bottom()) + 44, w: 176, h: resource.max(62) };
        (640, [c, st, r, res])
    }
}

fn straight(a: Rect, b: Rect, narrow: bool) -> [(i32, i32); 2] {
    if narrow {
        [(a.x + 40, a.bottom()), (b.x + 40, b.y - 2)]
    } else {
        [(a.right(), a.y + 30), (b.x - 2, b.y + 30)]
    }
}

/// ⑤: from the caller down to the resource.
fn own_path(c: Rect, res: Rect, narrow: bool) -> [(i32, i32); 3] {
    if narrow {
        [(c.x + 16, c.bottom()), (c.x - 30, c.bottom() + 20), (res.x - 2, res.y + 20)]
    } else {
        [(c.cx(), c.bottom()), (c.cx(), res.y + res.h / 2), (res.x - 2, res.y + res.h / 2)]
    }
}

fn assume_edges(svg: &mut Svg, c: Rect, st: Rect, r: Rect, res: Rect, flow: &[FlowState; 5], narrow: bool) {
    let edges: [&[(i32, i32)]; 4] = if narrow {
        [
            &[(st.x + 30, c.bottom()), (st.x + 30, st.y - 2)],
            &[(st.cx(), st.bottom()), (st.cx(), r.y - 2)],
            &[(st.right() - 30, st.y), (st.right() - 30, c.bottom() + 2)],
            &[(c.x, c.y + 20), (c.x - 34, c.y + 20), (c.x - 34, res.y + 20), (res.x - 2, res.y + 20)],
        ]
    } else {
        [
            &[(c.right(), st.y + 14), (st.x - 2, st.y + 14)],
            &[(st.right(), st.y + st.h / 2), (r.x - 2, st.y + st.h / 2)],
            &[(st.x, st.bottom() - 12), (c.right() + 2, st.bottom() - 12)],
            &[(c.cx(), c.bottom()), (c.cx(), res.y + res.h / 2), (res.x - 2, res.y + res.h / 2)],
        ]
    };
    for (pts, st) in edges.iter().zip(flow.iter().skip(1)) {
        svg.edge(pts, *st);
    }
}

fn marker_positions(c: Rect, st: Rect, r: Rect, res: Rect, narrow: bool) -> [(i32, i32); 5] {
    if narrow {
        [
            (c.cx(), c.bottom() + 16),
            (st.x + 6, (c.bottom() + st.y) / 2),
            (st.cx() + 30, (st.bottom() + r.y) / 2),
            (st.right() - 6, (c.bottom() + st.y) / 2),
            (c.x - 34, (r.y + res.y) / 2),
        ]
    } else {
        [
            (c.x + 30, c.bottom() + 18),
            ((c.right() + st.x) / 2, st.y - 4),
            ((st.right() + r.x) / 2, st.y + st.h / 2 - 20),
            ((c.right() + st.x) / 2, st.bottom() + 10),
            (c.cx() + 60, res.y + res.h / 2),
        ]
    }
}
