//! Lists the preset scenarios (`scenarios/*.json`) and the exercises
//! (`exercises/*.json`) for the page: each one's name and its titles in
//! English and Japanese go into the WebAssembly (the menus), their texts do
//! not — the page loads them from `presets.json` / `exercises.json` when
//! asked (see `presets.rs`). Native builds (tests, examples) also get every
//! text compiled in.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    index("scenarios", "presets", |_| true);
    // The exercises as shipped (their reference solutions stay with `roleplay check`).
    index("exercises", "exercises", |name| !name.ends_with(".solution"));
}

/// Writes `<what>_index.rs` (names and titles) and `<what>_texts.rs`
/// (`include_str!` of each file, for native builds) for `dir/*.json`.
fn index(dir: &str, what: &str, keep: impl Fn(&str) -> bool) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(dir);
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<std::path::PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "json")).collect(),
        Err(e) => fail(&format!("{}: {e}", dir.display())),
    };
    files.retain(|p| p.file_stem().is_some_and(|s| keep(&s.to_string_lossy())));
    files.sort();
    let (mut index, mut texts) = (String::from("&[\n"), String::from("&[\n"));
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
        let title = |lang: &str| match doc.get("Title") {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(t) => t.get(lang).or_else(|| t.get("en")).and_then(|v| v.as_str()).unwrap_or(&name).to_string(),
            None => name.clone(),
        };
        let _ = writeln!(index, "    Entry {{ name: {name:?}, en: {:?}, ja: {:?} }},", title("en"), title("ja"));
        let _ = writeln!(texts, "    ({name:?}, include_str!({:?})),", path.display().to_string());
    }
    index.push(']');
    texts.push(']');
    let out = std::env::var("OUT_DIR").unwrap_or_else(|e| fail(&format!("OUT_DIR: {e}")));
    for (file, body) in [(format!("{what}_index.rs"), &index), (format!("{what}_texts.rs"), &texts)] {
        if let Err(e) = std::fs::write(Path::new(&out).join(&file), body) {
            fail(&format!("{file}: {e}"));
        }
    }
}

fn fail(message: &str) -> ! {
    eprintln!("playground build script: {message}");
    std::process::exit(1)
}
