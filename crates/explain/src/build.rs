//! Assembles the lines of an explanation: the note on the policy's kind,
//! the summary rows, and one sentence per statement whose pieces link to
//! the principals, actions, resources and conditions they put in words.

use catalogue::Catalogue;
use policy::{LineIndex, Policy, PolicyType, Span, Statement};

use crate::model::{Explanation, Lang, Line, LineKind, Location, Piece};
use crate::read::actions::{ActionItem, TrustVerb};
use crate::read::condition::{variables, Cond};
use crate::read::summary;
use crate::read::who::Who;
use crate::words::{ja_spacing, words, Sentence, Words};

struct Ctx<'a> {
    text: &'a str,
    lines: LineIndex,
    w: &'static dyn Words,
    cat: Option<&'a Catalogue>,
    variables: bool,
}

impl Ctx<'_> {
    fn at(&self, span: Span) -> Option<Location> {
        Some(Location::of(span, self.text, &self.lines))
    }

    fn who(&self, st: &Statement) -> Option<Sentence> {
        let p = st.principal.as_ref()?;
        let items: Vec<Sentence> =
            p.entries.iter().map(|i| Sentence::linked(self.w.who(&Who::of(&i.value), p.negated), self.at(i.span))).collect();
        Some(if p.negated { self.w.not_principal(self.w.list_and(items)) } else { self.w.list_or(items) })
    }

    fn conditions(&self, st: &Statement) -> Vec<Sentence> {
        st.condition.entries.iter().map(|e| Sentence::linked(self.w.condition(&Cond::of(e, self.variables)), self.at(e.span))).collect()
    }

    fn trust(&self, st: &Statement) -> Sentence {
        let verbs: Vec<Sentence> = st
            .action
            .items
            .iter()
            .map(|i| Sentence::linked(self.w.trust_verb(&TrustVerb::of(i.value.source())), self.at(i.span)))
            .collect();
        let verbs = if st.action.negated { self.w.trust_not_action(self.w.list_and(verbs)) } else { self.w.list_and(verbs) };
        self.w.trust_statement(st.effect, self.who(st).unwrap_or_default(), verbs, self.conditions(st))
    }

    fn permissions(&self, st: &Statement) -> Sentence {
        let actions: Vec<Sentence> = st
            .action
            .items
            .iter()
            .map(|i| Sentence::linked(self.w.action_item(&ActionItem::of(i.value.source(), self.cat)), self.at(i.span)))
            .collect();
        let actions = if st.action.negated { self.w.not_action(self.w.list_and(actions)) } else { self.w.list_and(actions) };
        let resources = match &st.resource {
            None => Sentence::lit(self.w.all_resources()),
            Some(r) => {
                let items: Vec<Sentence> = r
                    .items
                    .iter()
                    .map(|i| {
                        let src = i.value.source();
                        let text = if src == "*" { self.w.all_resources().to_string() } else { src.to_string() };
                        Sentence::linked(text, self.at(i.span))
                    })
                    .collect();
                let mut list = if r.negated { self.w.not_resource(self.w.list_and(items)) } else { self.w.list_and(items) };
                let mut vars: Vec<&str> = Vec::new();
                let mut literal = false;
                for i in &r.items {
                    let src = i.value.source();
                    if self.variables {
                        for v in variables(src) {
                            if !vars.contains(&v) {
                                vars.push(v);
                            }
                        }
                    } else if src.contains("${") {
                        literal = true;
                    }
                }
                if literal || !vars.is_empty() {
                    list.push(&self.w.resource_variables(&vars, literal));
                }
                list
            }
        };
        self.w.permission_statement(st.effect, self.who(st), actions, resources, self.conditions(st))
    }
}

/// Reads `policy` aloud; `text` is the source its spans index.
pub(crate) fn build(policy: &Policy, text: &str, lang: Lang, cat: Option<&Catalogue>) -> Explanation {
    let cx = Ctx { text, lines: LineIndex::new(text), w: words(lang), cat, variables: policy.version.variables() };
    let line = |kind, statements, pieces| Line { kind, statements, sid: None, at: None, pieces };
    let mut lines = vec![line(LineKind::Note, Vec::new(), vec![Piece { text: cx.w.kind_note(policy.kind).to_string(), at: None }])];
    let summary = if policy.kind == PolicyType::Trust { Vec::new() } else { summary::rows(policy, cat) };
    for row in &summary {
        lines.push(line(LineKind::Summary, row.statements.clone(), vec![Piece { text: cx.w.summary_row(row), at: None }]));
    }
    for st in &policy.statements {
        let sentence = if policy.kind == PolicyType::Trust { cx.trust(st) } else { cx.permissions(st) };
        lines.push(Line {
            kind: LineKind::Statement,
            statements: vec![st.index],
            sid: st.sid.clone(),
            at: cx.at(st.span),
            pieces: if lang == Lang::Ja { ja_spacing(sentence.tidy()) } else { sentence.tidy() },
        });
    }
    Explanation { kind: policy.kind, lang, summary, lines }
}
