//! What the helper worker spends on one edit of a preset, natively: the
//! whole first answer (findings, goals, each policy in words, the steps
//! with the AWS CLI), the findings alone, and the fixes after. Prints figures.

use std::time::Instant;

fn main() {
    let cat = catalogue::Catalogue::parse(include_str!("../../catalogue/data/catalogue.txt")).unwrap_or_default();
    for name in ["01-cross-account-switch-role", "11-session-policy", "16-one-role-many-people"] {
        let Ok(text) = std::fs::read_to_string(format!("scenarios/{name}.json")) else { continue };
        let request = serde_json::json!({"Id": 1, "Text": text}).to_string();
        let n = 50u32;
        let t = Instant::now();
        for _ in 0..n {
            std::hint::black_box(lint::lint_scenario(&text, &cat));
        }
        let lint = t.elapsed().as_secs_f64() * 1e3 / f64::from(n);
        let t = Instant::now();
        let mut later = None;
        for _ in 0..n {
            later = assist::first_answer(&request, &cat, true).1;
        }
        let first = t.elapsed().as_secs_f64() * 1e3 / f64::from(n);
        let t = Instant::now();
        if let Some(l) = later {
            std::hint::black_box(l.answer());
        }
        let fixes = t.elapsed().as_secs_f64() * 1e3;
        println!("{name:<32} findings {lint:.2} ms, first answer (findings, goals, words, CLI) {first:.2} ms, fixes {fixes:.2} ms");
    }
}
