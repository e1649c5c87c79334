//! Trainer mode, the page's half: reading the helper worker's answers
//! (`assist::trainer`: the panel's markup, or a built exercise to
//! deliver). The panel's words, its choices and the building and checking
//! of the exercise are the worker's; the page reads the form into the
//! request (`web/src/trainer.rs`).

use policy::json::{self, Value};

/// Whether a worker answer is a trainer answer.
pub fn is_trainer(answer: &str) -> bool {
    answer.starts_with("{\"Kind\":\"trainer\"")
}

/// A trainer answer: what was asked for (`form`, `exercise`, `solution`,
/// `link`); the file to deliver and its name (no file while something
/// keeps it from being an exercise); and markup: the status line, and for
/// `form` the panel's head, choices and fields.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Built {
    pub want: String,
    pub name: String,
    pub file: String,
    pub status: String,
    pub head: String,
    pub choices: String,
    pub fields: String,
}

/// Reads a trainer answer.
pub fn parse_answer(answer: &str) -> Option<Built> {
    let v = json::parse(answer).ok()?;
    let text = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
    Some(Built {
        want: text("Want"),
        name: text("Name"),
        file: text("File"),
        status: text("Status"),
        head: text("Head"),
        choices: text("Choices"),
        fields: text("Fields"),
    })
}
