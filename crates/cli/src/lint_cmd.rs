//! `roleplay lint`: findings under their source lines, or as JSON.

use lint::{findings_json, Finding, FindingType, Lang, PolicyContext};
use policy::path::JsonPath;

use crate::args::{self, Input};
use crate::{display_name, print_out, read_input};

fn lang(l: args::Lang) -> Lang {
    match l {
        args::Lang::En => Lang::En,
        args::Lang::Ja => Lang::Ja,
    }
}

pub(crate) fn run(a: &args::Lint) -> u8 {
    let text = match read_input(&a.input) {
        Ok(t) => t,
        Err(e) => {
            crate::print_read_error(&a.input, e);
            return 2;
        }
    };
    let cat = crate::catalogue::get();
    let findings = match a.kind {
        Some(kind) => lint::lint_policy(&text, kind, cat, &PolicyContext::default()),
        None => lint::lint_scenario(&text, cat),
    };
    let lang = lang(a.lang);
    let out = if a.json {
        let mut s = serde_json::to_string_pretty(&findings_json(&findings, lang)).unwrap_or_default();
        s.push('\n');
        s
    } else {
        render(&a.input, &text, &findings, lang)
    };
    print_out(&out);
    u8::from(findings.iter().any(Finding::is_blocking))
}

/// The text the finding's positions index: the file, or a policy given
/// as a JSON string.
fn source_of<'t>(text: &'t str, doc: Option<&'t policy::json::Value>, f: &Finding) -> Option<&'t str> {
    if !f.in_policy_text {
        return Some(text);
    }
    match (&f.policy, doc) {
        (Some(p), Some(doc)) => p.lookup(doc)?.as_str(),
        _ => Some(text),
    }
}

fn render(input: &Input, text: &str, findings: &[Finding], lang: Lang) -> String {
    let name = display_name(input);
    let doc = policy::json::parse(text).ok();
    let mut out = String::new();
    for f in findings {
        let Some(loc) = f.locations.first() else { continue };
        let at = match (&f.policy, f.in_policy_text) {
            (Some(_), true) => format!("{name}: {} (line {}, column {} of the policy)", loc.path, loc.start.line, loc.start.column),
            _ if loc.path == JsonPath::root() && f.policy.is_none() => format!("{name}:{}:{}", loc.start.line, loc.start.column),
            _ => format!("{name}:{}:{}: {}", loc.start.line, loc.start.column, loc.path),
        };
        out.push_str(&format!("{at}: {} {}: {}\n", f.finding_type.as_str(), f.issue.as_str(), f.message.get(lang)));
        if let Some(src) = source_of(text, doc.as_ref(), f) {
            out.push_str(&excerpt(src, loc.start.line, loc.start.column, loc.end.line, loc.end.column));
        }
    }
    let count = |t: FindingType| findings.iter().filter(|f| f.finding_type == t).count();
    let (e, s, w, g) =
        (count(FindingType::Error), count(FindingType::SecurityWarning), count(FindingType::Warning), count(FindingType::Suggestion));
    out.push_str(&match lang {
        Lang::En => format!(
            "{name}: {} finding{} ({e} error{}, {s} security warning{}, {w} warning{}, {g} suggestion{})\n",
            findings.len(),
            plural(findings.len()),
            plural(e),
            plural(s),
            plural(w),
            plural(g)
        ),
        Lang::Ja => format!("{name}: 検出結果 {} 件（エラー {e}、セキュリティ警告 {s}、一般的な警告 {w}、提案 {g}）\n", findings.len()),
    });
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The source line with a caret under the finding (to the end of the line
/// when the finding spans several lines).
fn excerpt(src: &str, line: u32, col: u32, end_line: u32, end_col: u32) -> String {
    let Some(text) = src.lines().nth(line.saturating_sub(1) as usize) else { return String::new() };
    let width = text.chars().count() as u32;
    let last = if end_line == line { end_col.max(col) } else { width.max(col) };
    let gutter = format!("{line:>5} | ");
    let pad: String = " ".repeat(gutter.chars().count().saturating_sub(2));
    let lead: String = text.chars().take(col.saturating_sub(1) as usize).map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
    let marks = "^".repeat((last + 1).saturating_sub(col).max(1) as usize);
    format!("{gutter}{text}\n{pad}| {lead}{marks}\n")
}
