//! A finding in Access Analyzer's shape, and its JSON.

use policy::issue::{FindingType, IssueCode};
use policy::path::JsonPath;
use policy::{Position, Span};
use serde_json::{json, Map, Value};

/// The language of messages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Japanese.
    Ja,
}

impl Lang {
    /// `en` or `ja`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }
}

/// A text in English and Japanese.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text {
    /// English.
    pub en: String,
    /// Japanese.
    pub ja: String,
}

impl Text {
    /// The two texts.
    pub fn new(en: impl Into<String>, ja: impl Into<String>) -> Self {
        Text { en: en.into(), ja: ja.into() }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Ja => &self.ja,
        }
    }
}

/// Where a finding is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// JSON path of the offending value in the scenario (or in the bare policy).
    pub path: JsonPath,
    /// Its bytes in the text the positions index.
    pub span: Span,
    /// Its first character (1-based line and column).
    pub start: Position,
    /// Its last character.
    pub end: Position,
}

/// One finding: what is wrong, how serious, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// `ERROR`, `SECURITY_WARNING`, `WARNING` or `SUGGESTION`.
    pub finding_type: FindingType,
    /// Access Analyzer's issue code, or roleplay's own in the same style.
    pub issue: IssueCode,
    /// The JSON path of the policy in the scenario; `None` for a bare policy
    /// or a problem outside any policy.
    pub policy: Option<JsonPath>,
    /// Whether the positions index the policy's own text (a policy given as
    /// a JSON string); otherwise they index the file.
    pub in_policy_text: bool,
    /// Where (at least one location).
    pub locations: Vec<Location>,
    /// What is wrong and what to do, in English and Japanese.
    pub message: Text,
}

impl Finding {
    /// Whether the finding makes `roleplay lint` exit 1 (`ERROR` or `SECURITY_WARNING`).
    pub fn is_blocking(&self) -> bool {
        matches!(self.finding_type, FindingType::Error | FindingType::SecurityWarning)
    }

    /// The finding as the `--json` output's object (message in `lang`).
    pub fn to_json(&self, lang: Lang) -> Value {
        let pos = |p: Position| json!({"Line": p.line, "Column": p.column});
        let locations: Vec<Value> = self
            .locations
            .iter()
            .map(|l| json!({"Path": l.path.to_string(), "StartPosition": pos(l.start), "EndPosition": pos(l.end)}))
            .collect();
        let mut m = Map::new();
        m.insert("FindingType".into(), Value::from(self.finding_type.as_str()));
        m.insert("IssueCode".into(), Value::from(self.issue.as_str()));
        m.insert("Policy".into(), self.policy.as_ref().map_or(Value::Null, |p| Value::from(p.to_string())));
        m.insert("Locations".into(), Value::Array(locations));
        m.insert("Message".into(), Value::from(self.message.get(lang)));
        Value::Object(m)
    }
}

/// `{"Findings": [...]}`, the `roleplay lint --json` document.
pub fn findings_json(findings: &[Finding], lang: Lang) -> Value {
    json!({"Findings": findings.iter().map(|f| f.to_json(lang)).collect::<Vec<_>>()})
}
