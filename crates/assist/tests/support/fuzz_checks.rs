//! The checks of the `assist` fuzz target (`fuzz/fuzz_targets/assist.rs`),
//! which the stable suite (`tests/fuzz_regressions.rs`) also runs on every
//! input saved in `fuzz/regressions/assist/`: the lint and fix machinery
//! and completion, on any text.

use catalogue::Catalogue;

/// The catalogue, parsed once per process.
pub fn catalogue() -> &'static Catalogue {
    static CAT: std::sync::OnceLock<Catalogue> = std::sync::OnceLock::new();
    CAT.get_or_init(|| Catalogue::parse(include_str!("../../../catalogue/data/catalogue.txt")).unwrap_or_default())
}

/// Any bytes as a scenario text (lossy UTF-8) and a caret: the worker's
/// answer never panics, is JSON, and names the text it is for; every
/// finding's place is a line and column inside its text; every fix leads
/// to a text that loads; completion at the caret never panics and replaces
/// only text before the caret; trainer mode's panel and build never panic,
/// and what it builds from a text is still JSON.
pub fn assist(data: &[u8]) {
    let (caret_bytes, rest) = data.split_at(data.len().min(2));
    let text = String::from_utf8_lossy(rest).into_owned();
    let caret = caret_bytes.iter().fold(0usize, |a, &b| a * 256 + usize::from(b)) % (text.len() + 1);
    let cat = catalogue();
    let request = serde_json::json!({"Id": 1, "Text": text}).to_string();
    let answer: serde_json::Value = serde_json::from_str(&assist::answer(&request, cat, true)).unwrap_or_default();
    assert_eq!(answer["For"], format!("{:016x}", sts::scenario::fingerprint(&text)), "{answer}");
    for f in answer["Findings"].as_array().map(Vec::as_slice).unwrap_or_default() {
        let line = f["Start"][0].as_u64().unwrap_or(0);
        assert!(line >= 1, "{f}");
        if f["InPolicyText"] == false {
            assert!(line as usize <= text.lines().count().max(1) + 1, "{f}");
        }
    }
    for fix in answer["Fixes"].as_array().map(Vec::as_slice).unwrap_or_default() {
        assert!(sts::load(fix["Text"].as_str().unwrap_or_default()).is_ok(), "{fix}");
    }
    for want in ["form", "exercise"] {
        let request = serde_json::json!({"Trainer": {"Want": want, "Lang": "ja", "Start": text, "Current": text,
            "Goals": ["{\"Step\":0}", "{\"NoWildcardPrincipal\":true}", text], "EditOnly": ["$.Roles[0].AssumeRolePolicyDocument"],
            "TitleEn": text, "TitleJa": text, "HintsEn": text, "HintsJa": text}});
        let a: serde_json::Value = serde_json::from_str(&assist::trainer::trainer_answer(&request, cat)).unwrap_or_default();
        assert_eq!(a["Kind"], "trainer", "{a}");
        for built in [&a["Exercise"], &a["Solution"]] {
            let built = built.as_str().unwrap_or_default();
            assert!(built.is_empty() || policy::json::parse(built).is_ok(), "{built}");
        }
    }
    if text.is_char_boundary(caret) {
        if let Some(c) = assist::complete::complete(&text, caret, cat) {
            assert!(c.from <= caret && text.is_char_boundary(c.from));
            assert!(!c.items.is_empty() && c.items.len() <= assist::complete::MAX_ITEMS);
        }
    }
}
