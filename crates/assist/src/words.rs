//! Each policy of the scenario read aloud (the `explain` crate), in
//! English and Japanese, for the page's "in words" beside every editor.

use catalogue::Catalogue;
use explain::{Lang, LineKind};
use policy::json::{Kind, Value as Tree};
use serde_json::{json, Value};
use sts::schema;

/// `[{"Policy": "<JSON path>", "en": "<li>…</li>…", "ja": "…"}]` for every
/// policy of the scenario `text` that IAM would accept (a policy with
/// errors has its findings instead): the lines as list items, escaped,
/// a statement line led by a link to the line it starts on (`data-at`,
/// which puts the editor's caret on the statement) — markup the page puts
/// under the editor as it is (so the page's WebAssembly carries no reader
/// of it).
pub fn words(text: &str, doc: &Tree, cat: Option<&Catalogue>) -> Vec<Value> {
    let mut out = Vec::new();
    for f in schema::policy_fields(doc) {
        let Some(v) = f.path.lookup(doc) else { continue };
        let own = match &v.kind {
            Kind::String(s) => s.as_str(),
            _ => text.get(v.span.start as usize..v.span.end as usize).unwrap_or_default(),
        };
        let (Ok(en), Ok(ja)) = (explain::explain(own, f.kind.kind, Lang::En, cat), explain::explain(own, f.kind.kind, Lang::Ja, cat))
        else {
            continue;
        };
        let items = |x: &explain::Explanation, line_word: &str| -> String {
            let mut h = String::new();
            for l in &x.lines {
                h.push_str("<li>");
                // Statement lines point into the policy's own text.
                if let (LineKind::Statement, Some(at), Kind::String(_)) = (l.kind, l.at, &v.kind) {
                    h.push_str(&format!(
                        "<button type=\"button\" class=\"linkish words-line\" data-at=\"{}:{}\">{line_word} {}</button>",
                        at.start.line, at.start.column, at.start.line
                    ));
                }
                h.push_str(&crate::esc(&l.text()));
                h.push_str("</li>");
            }
            h
        };
        out.push(json!({"Policy": f.path.to_string(), "en": items(&en, "line"), "ja": items(&ja, "行")}));
    }
    out
}
