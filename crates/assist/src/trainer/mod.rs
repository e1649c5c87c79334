//! Trainer mode: the scenario on screen made into an exercise, as Learn
//! Git Branching's level builder makes a level. The trainer keeps the
//! learner's start (a scenario text), makes the scenario on screen the
//! solution, and picks goals from its outcomes, the policies the learner
//! may edit (`EditOnly`), a title, the task and hints in both languages. This
//! builds the exercise file and its reference solution (both the trainer's
//! own texts with a `Title` and an `Exercise` block set, nothing else
//! rewritten) and checks them as `roleplay check` does: the start must
//! fail a goal, the solution must meet every one.
//!
//! It also writes the page's trainer panel (the page's WebAssembly holds
//! none of its words): the choices, the fields, and the status line.
//!
//! Request (the form as the page reads it): `{"Trainer": {"Want":
//! "form"|"exercise"|"solution"|"link", "Lang": "en"|"ja", "Start":
//! text|null, "Current": text, "Goals": [goal as JSON text], "EditOnly":
//! [path], "TitleEn", "TitleJa", "TaskEn", "TaskJa" (the `Description`),
//! "HintsEn", "HintsJa" (one hint per line, paired by line)}}`; a null `Start` is the current text. Answer:
//! `{"Kind": "trainer", "Want", "Name" (the file name), "File" (what to
//! deliver: the exercise, or the solution; empty while there are
//! problems), "Exercise", "Solution", "Problems": [{"en","ja"}], "Status":
//! markup}`, and for `form` `"Head"`, `"Choices"` and `"Fields"` (markup:
//! the choices change with the scenario, the head and the fields only with
//! the language, so what the trainer typed stays).

use catalogue::Catalogue;
use policy::json::{self, Kind};
use serde_json::{json, Map, Value};

mod form;

/// The answer to a trainer request (see the module's documentation).
pub fn trainer_answer(request: &Value, cat: &Catalogue) -> String {
    let r = &request["Trainer"];
    let ja = r["Lang"] == "ja";
    if r["Want"] == "form" {
        return form::form_answer(r, ja);
    }
    let current = r["Current"].as_str().unwrap_or_default();
    let start = r["Start"].as_str().unwrap_or(current);
    let text = |k: &str| r[k].as_str().unwrap_or_default().trim().to_string();
    let mut goals: Vec<Value> =
        r["Goals"].as_array().into_iter().flatten().filter_map(|g| serde_json::from_str(g.as_str()?).ok()).collect();
    // "Edit only …" alone asks nothing of the learner.
    let none_picked = goals.is_empty();
    let edit_only: Vec<Value> = r["EditOnly"].as_array().cloned().unwrap_or_default();
    if !edit_only.is_empty() {
        goals.push(json!({ "EditOnly": edit_only }));
    }
    let mut block = Map::new();
    block.insert("Goals".into(), Value::Array(goals));
    let hints = hints(&text("HintsEn"), &text("HintsJa"));
    if !hints.is_empty() {
        block.insert("Hints".into(), Value::Array(hints));
    }
    // The title and the task the learner reads (`Description`) replace the
    // scenario's own when given; then the `Exercise` block.
    let title = (text("TitleEn"), text("TitleJa"));
    let mut members = Vec::new();
    for (key, (en, ja)) in [("Title", title.clone()), ("Description", (text("TaskEn"), text("TaskJa")))] {
        if !en.is_empty() {
            let mut t = Map::new();
            t.insert("en".into(), json!(en));
            if !ja.is_empty() {
                t.insert("ja".into(), json!(ja));
            }
            members.push((key, Value::Object(t)));
        }
    }
    members.push(("Exercise", Value::Object(block)));
    let mut problems = Vec::new();
    let (exercise, solution) = match (with_members(start, &members), with_members(current, &members)) {
        (Some(e), Some(s)) => (e, s),
        _ => {
            problems.push(words(
                "The scenario must be a JSON object that loads: fix its errors first.",
                "シナリオが読み込める JSON オブジェクトである必要があります。先にエラーを直してください。",
            ));
            (String::new(), String::new())
        }
    };
    if none_picked && problems.is_empty() {
        problems.push(words("Pick at least one goal.", "目標を 1 つ以上選んでください。"));
    }
    if problems.is_empty() {
        check(&exercise, &solution, cat, &mut problems);
    }
    let status = form::status(&problems, ja);
    let want_solution = r["Want"] == "solution";
    let file = match (problems.is_empty(), want_solution) {
        (false, _) => "",
        (true, true) => solution.as_str(),
        (true, false) => exercise.as_str(),
    };
    json!({
        "Kind": "trainer",
        "Want": r["Want"],
        "Name": file_name(&title.0, want_solution),
        "File": file,
        "Exercise": exercise,
        "Solution": solution,
        "Problems": problems,
        "Status": status,
    })
    .to_string()
}

/// The hints, one per line in each language, paired by line (a line
/// without its other language has the one it has in both).
fn hints(en: &str, ja: &str) -> Vec<Value> {
    let lines = |t: &str| t.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect::<Vec<_>>();
    let (en, ja) = (lines(en), lines(ja));
    (0..en.len().max(ja.len()))
        .map(|i| {
            let e = en.get(i).or(ja.get(i)).cloned().unwrap_or_default();
            let j = ja.get(i).or(en.get(i)).cloned().unwrap_or_default();
            json!({ "en": e, "ja": j })
        })
        .collect()
}

/// A file name for the exercise: its English title in lower case with
/// dashes (`exercise` when there is none), then `.json` or
/// `.solution.json`.
pub fn file_name(title: &str, solution: bool) -> String {
    let mut slug = String::new();
    for c in title.trim().chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug = if slug.is_empty() { "exercise" } else { slug };
    format!("{slug}{}", if solution { ".solution.json" } else { ".json" })
}

/// `roleplay check`'s exercise checks: the start fails a goal; the
/// solution loads, meets every goal and every step's `Expect`
/// ([`sts::exercise::Exercise::check_solution`], as the CLI checks).
fn check(exercise: &str, solution: &str, cat: &Catalogue, problems: &mut Vec<Value>) {
    let (ex, sol) = match (sts::exercise::Exercise::new(exercise), sts::load(solution)) {
        (Ok(ex), Ok(sol)) => (ex, sol),
        (ex, sol) => {
            let errors = ex.err().into_iter().chain(sol.err()).flatten();
            for e in errors.take(3) {
                let at = e.to_string();
                problems.push(words(&format!("The exercise does not load: {at}"), &format!("演習を読み込めません: {at}")));
            }
            return;
        }
    };
    let linter = lint::ExerciseLinter(cat);
    if ex.evaluate_text(exercise, &linter).solved {
        problems.push(words(
            "Every goal is already met at the start: keep a start the learner must fix (\"Keep as the start\" before you fix it).",
            "開始時点ですべての目標が達成されています。学習者が直すべき状態を開始時点にしてください (直す前に「開始時点にする」)。",
        ));
    }
    let checked = ex.check_solution(solution, &sol, &linter);
    for g in checked.goals.goals.iter().filter(|g| !g.met) {
        let (en, ja) = (&g.label.en, g.label.ja.as_deref().unwrap_or(&g.label.en));
        problems.push(words(
            &format!("The scenario on screen (the solution) does not meet: {en}"),
            &format!("画面のシナリオ (解答) が満たしていない目標: {ja}"),
        ));
    }
    for m in checked.mismatches {
        let (n, want, got) = (m.step, m.expected, m.actual);
        problems.push(words(
            &format!("Step {n} of the solution expects {want} but ends {got}: change its Expect, or the scenario."),
            &format!("解答のステップ {n} は {want} を期待していますが、結果は {got} です。Expect かシナリオを直してください。"),
        ));
    }
}

fn words(en: &str, ja: &str) -> Value {
    json!({ "en": en, "ja": ja })
}

/// `text` (a JSON object) with these top-level members set: an existing
/// member's value is replaced in place, a new one is added before the
/// closing brace; everything else stays as the trainer wrote it. `None`
/// when `text` is no JSON object.
pub fn with_members(text: &str, members: &[(&str, Value)]) -> Option<String> {
    let mut out = text.to_string();
    for (key, value) in members {
        let tree = json::parse(&out).ok()?;
        let Kind::Object(list) = &tree.kind else { return None };
        let pretty = indent(&serde_json::to_string_pretty(value).ok()?, "  ");
        match list.iter().find(|m| m.key == *key) {
            Some(m) => out.replace_range(m.value.span.start as usize..m.value.span.end as usize, &pretty),
            None => {
                let close = tree.span.end.checked_sub(1)? as usize;
                let body_end = out.get(..close)?.trim_end().len();
                let sep = if list.is_empty() { "" } else { "," };
                out.replace_range(body_end..close, &format!("{sep}\n  {}: {pretty}\n", json!(key)));
            }
        }
    }
    Some(out)
}

/// Every line after the first indented by `by`.
fn indent(text: &str, by: &str) -> String {
    text.replace('\n', &format!("\n{by}"))
}
