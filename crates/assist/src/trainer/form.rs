//! The trainer panel's markup, in English or Japanese: the goals the
//! scenario on screen offers (each step with the outcome it has now, the
//! two constraints) and the policies the learner may be limited to, each
//! labelled as an exercise labels its goals, ticked as the trainer left
//! them; the title, task and hint fields;
//! the buttons (`data-act`); and the status line. Escaped here: the page
//! inserts it as it is.

use serde_json::{json, Value};
use sts::exercise::Exercise;

use super::with_members;
use crate::esc;

/// `{"Kind": "trainer", "Want": "form", "Head", "Choices", "Fields", "Status"}`.
pub fn form_answer(r: &Value, ja: bool) -> String {
    let current = r["Current"].as_str().unwrap_or_default();
    let kept = r["Start"].is_string();
    // What was ticked stays ticked when the choices are drawn again.
    let ticked: Vec<&str> =
        ["Goals", "EditOnly"].iter().flat_map(|k| r[k].as_array().into_iter().flatten()).filter_map(Value::as_str).collect();
    let (choices, loads) = match choices(current, ja, &ticked) {
        Some(c) => (c, true),
        None => (String::new(), false),
    };
    let status = if !loads {
        line(
            "small-note",
            pick(
                ja,
                "Fix the scenario's errors first: goals come from what it does now.",
                "先にシナリオのエラーを直してください。目標は現在の結果から選びます。",
            ),
        )
    } else if kept {
        line(
            "small-note",
            pick(
                ja,
                "Start kept. Now fix the scenario: what is on screen becomes the solution.",
                "開始時点を保存しました。シナリオを直してください。画面のシナリオが解答になります。",
            ),
        )
    } else {
        line(
            "small-note",
            pick(
                ja,
                "No start kept yet: the exercise would start from the scenario on screen.",
                "開始時点はまだ保存していません。このままでは画面のシナリオから始まる演習になります。",
            ),
        )
    };
    json!({"Kind": "trainer", "Want": "form", "Head": intro(ja), "Choices": choices, "Fields": fields(ja), "Status": status}).to_string()
}

/// The status after a build: what keeps it from being an exercise, or
/// that it checks.
pub fn status(problems: &[Value], ja: bool) -> String {
    if problems.is_empty() {
        return format!(
            "<p class=\"ok\" data-testid=\"trainer-ready\">✓ {}</p>",
            pick(
                ja,
                "Checked: the start fails a goal and the solution meets every goal.",
                "確認済み: 開始時点は目標を満たさず、解答はすべての目標を満たします。"
            )
        );
    }
    let mut h = String::from("<ul class=\"problems\" data-testid=\"trainer-problems\">");
    for p in problems {
        let text = p[if ja { "ja" } else { "en" }].as_str().unwrap_or_default();
        h.push_str(&format!("<li class=\"m-err\">{}</li>", esc(text)));
    }
    h.push_str("</ul>");
    h
}

fn pick<'a>(ja: bool, en: &'a str, jp: &'a str) -> &'a str {
    if ja {
        jp
    } else {
        en
    }
}

fn line(class: &str, text: &str) -> String {
    format!("<p class=\"{class}\">{}</p>", esc(text))
}

/// The goal and lock checkboxes, labelled by an exercise made of every
/// candidate (so each reads as the learner will see it); `None` when the
/// scenario does not load.
fn choices(current: &str, ja: bool, ticked: &[&str]) -> Option<String> {
    let tree = sts::scenario::parse_document(current).ok()?;
    let scenario = sts::scenario::load_document(current, &tree).ok()?;
    let report = sts::run(&scenario);
    let mut goals: Vec<Value> = report
        .steps
        .iter()
        .filter(|r| r.action.is_some())
        .filter_map(|r| Some(json!({"Step": r.step, "Expect": r.outcome?.as_str()})))
        .collect();
    let steps = goals.len();
    goals.push(json!({"NoWildcardPrincipal": true}));
    goals.push(json!({"NoFindings": ["ERROR", "SECURITY_WARNING"]}));
    let paths: Vec<String> = sts::schema::policy_fields(&tree).iter().map(|f| f.path.to_string()).collect();
    let locks = goals.len();
    goals.extend(paths.iter().map(|p| json!({"EditOnly": [p]})));
    let all = with_members(current, &[("Exercise", json!({ "Goals": goals }))])?;
    let exercise = Exercise::new(&all).ok()?;
    let labels = exercise.labels();
    let label = |i: usize| labels.get(i).map_or("", |t| if ja { t.ja.as_deref().unwrap_or(&t.en) } else { t.en.as_str() }).to_string();
    let mut h = format!("<fieldset><legend>{}</legend>", pick(ja, "Goals (from what happens now)", "目標 (現在の結果から)"));
    let check = |value: &str| if ticked.contains(&value) { " checked" } else { "" };
    for (i, g) in goals.iter().enumerate().take(locks) {
        let testid = if i < steps { format!("trainer-goal-{}", i + 1) } else { format!("trainer-rule-{}", i - steps + 1) };
        let value = g.to_string();
        h.push_str(&format!(
            "<label><input type=\"checkbox\" name=\"goal\" value=\"{}\" data-testid=\"{testid}\"{}> {}</label>",
            esc(&value),
            check(&value),
            esc(&label(i))
        ));
    }
    h.push_str(&format!(
        "</fieldset><fieldset><legend>{}</legend>",
        pick(
            ja,
            "Lock: the learner may edit only what is ticked (nothing ticked: anything)",
            "ロック: 学習者はチェックしたものだけを編集できます (チェックなし: すべて)"
        )
    ));
    for (k, p) in paths.iter().enumerate() {
        h.push_str(&format!(
            "<label><input type=\"checkbox\" name=\"edit\" value=\"{}\" data-testid=\"trainer-lock-{}\"{}> {} <code>{}</code></label>",
            esc(p),
            k + 1,
            check(p),
            esc(&label(locks + k)),
            esc(p)
        ));
    }
    h.push_str("</fieldset>");
    Some(h)
}

/// The title, task and hint fields and the buttons: the same markup for a
/// language, so what the trainer typed is never redrawn away.
fn fields(ja: bool) -> String {
    let mut h = String::new();
    for (name, id, en, jp) in
        [("TitleEn", "title-en", "Title (English)", "タイトル (英語)"), ("TitleJa", "title-ja", "Title (Japanese)", "タイトル (日本語)")]
    {
        h.push_str(&format!("<label>{}<input name=\"{name}\" data-testid=\"trainer-{id}\"></label>", pick(ja, en, jp)));
    }
    for (name, id, en, jp) in [
        ("TaskEn", "task-en", "The task the learner reads (English)", "学習者が読む課題 (英語)"),
        ("TaskJa", "task-ja", "The task the learner reads (Japanese)", "学習者が読む課題 (日本語)"),
        ("HintsEn", "hints-en", "Hints, one per line (English)", "ヒント、1 行に 1 つ (英語)"),
        ("HintsJa", "hints-ja", "Hints, one per line (Japanese)", "ヒント、1 行に 1 つ (日本語)"),
    ] {
        h.push_str(&format!(
            "<label>{}<textarea name=\"{name}\" rows=\"2\" data-testid=\"trainer-{id}\"></textarea></label>",
            pick(ja, en, jp)
        ));
    }
    h.push_str("<div class=\"token-actions\">");
    for (act, id, class, en, jp) in [
        ("exercise", "export", " class=\"primary\"", "Download exercise", "演習をダウンロード"),
        ("solution", "solution", "", "Download solution", "解答をダウンロード"),
        ("link", "link", "", "Copy exercise link", "演習のリンクをコピー"),
    ] {
        h.push_str(&format!(
            "<button type=\"button\"{class} data-act=\"{act}\" data-testid=\"trainer-{id}\">{}</button>",
            pick(ja, en, jp)
        ));
    }
    h.push_str("</div>");
    h
}

/// What the panel says first, with the button that keeps the start.
fn intro(ja: bool) -> String {
    format!(
        "<p class=\"small-note\">{}</p><button type=\"button\" data-act=\"keep\" data-testid=\"trainer-keep\">{}</button>",
        esc(pick(
            ja,
            "1. Set up the scenario the learner starts from, and keep it. 2. Fix it as the learner should: the scenario on screen becomes the solution. 3. Pick goals from what happens now, what the learner may edit, a title and hints. 4. Download the exercise and its solution (roleplay check verifies them together) or copy a link that opens it as an exercise.",
            "1. 学習者が始める状態のシナリオを用意して、開始時点として保存します。2. 学習者がするはずの修正をします。画面のシナリオが解答になります。3. 現在の結果から目標を選び、学習者が編集してよいもの、タイトル、ヒントを決めます。4. 演習と解答をダウンロードする (roleplay check で一緒に検証できます) か、演習として開くリンクをコピーします。",
        )),
        pick(ja, "Keep as the learner's start", "学習者の開始時点にする")
    )
}
