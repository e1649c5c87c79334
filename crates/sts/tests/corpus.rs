//! The corpus (`tests/scenarios/`) against AWS's words, not only against
//! the engine: every file names its sources (an AWS page and the sentence
//! its expectations rest on), the steps that rest on no sentence are marked
//! as roleplay's choices and listed in `docs/scenario-format.md`, and every
//! `Expect.Message` is AWS's own documented wording.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn corpus() -> Vec<(String, String, Value)> {
    let dir = root().join("tests/scenarios");
    let mut out: Vec<(String, String, Value)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let v: Value = serde_json::from_str(&text).unwrap();
            (p.file_name().unwrap().to_string_lossy().to_string(), text, v)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(out.len() >= 30, "corpus files: {}", out.len());
    out
}

fn entries(v: &Value) -> Vec<&Value> {
    match v {
        Value::Array(a) => a.iter().collect(),
        Value::Null => Vec::new(),
        other => vec![other],
    }
}

#[test]
fn every_corpus_file_names_aws_pages_and_sentences() {
    for (name, _, doc) in corpus() {
        let sources = entries(&doc["Source"]);
        let quoted: Vec<&&Value> = sources.iter().filter(|e| e.get("Url").is_some()).collect();
        assert!(!quoted.is_empty(), "{name}: no AWS page and sentence in `Source`");
        for e in quoted {
            let url = e["Url"].as_str().unwrap();
            assert!(
                // AWS's documentation, its site, or its own Knowledge Center articles.
                url.starts_with("https://docs.aws.amazon.com/")
                    || url.starts_with("https://aws.amazon.com/")
                    || url.starts_with("https://repost.aws/knowledge-center/"),
                "{name}: {url} is not an AWS page"
            );
            assert!(e["Quote"].as_str().is_some_and(|q| q.len() > 20), "{name}: {url} needs the sentence itself");
        }
    }
}

/// `(file, step)` of every step whose `Source` is a `Choice`.
fn choices_in_corpus() -> BTreeSet<(String, usize)> {
    let mut out = BTreeSet::new();
    for (name, _, doc) in corpus() {
        for (i, step) in doc["Steps"].as_array().unwrap().iter().enumerate() {
            if entries(&step["Source"]).iter().any(|e| e.get("Choice").is_some()) {
                out.insert((name.clone(), i));
            }
        }
    }
    out
}

/// The rows of the table in `docs/scenario-format.md`'s "Sources and
/// simulation choices" section.
fn choices_in_docs() -> BTreeSet<(String, usize)> {
    let doc = std::fs::read_to_string(root().join("docs/scenario-format.md")).unwrap();
    let start = doc.find("| Corpus file | Step |").expect("the table of simulation choices");
    let mut out = BTreeSet::new();
    for line in doc[start..].lines().skip(2).take_while(|l| l.starts_with('|')) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let file = cells[1].trim_matches('`').to_string();
        for n in cells[2].split(',') {
            out.insert((file.clone(), n.trim().parse::<usize>().unwrap()));
        }
    }
    out
}

#[test]
fn simulation_choices_are_marked_and_listed_in_the_docs() {
    let marked = choices_in_corpus();
    assert!(!marked.is_empty());
    assert_eq!(marked, choices_in_docs(), "the corpus's `Choice` steps and the docs' table differ");
}

#[test]
fn expected_messages_are_aws_s_documented_words() {
    let mut checked = 0;
    for (name, _, doc) in corpus() {
        let quotes: Vec<&str> = entries(&doc["Source"]).iter().filter_map(|e| e["Quote"].as_str()).collect();
        for (i, step) in doc["Steps"].as_array().unwrap().iter().enumerate() {
            let Some(m) = step["Expect"]["Message"].as_str() else { continue };
            if entries(&step["Source"]).iter().any(|e| e.get("Choice").is_some()) {
                continue;
            }
            // Quotes may show the action as a placeholder ("the action
            // action") or another action; the wording around it is AWS's.
            let fits = |q: &str| {
                q.contains(m) || {
                    let (head, tail) = m.split_once("sts:AssumeRole").unwrap_or((m, ""));
                    q.contains(head.trim_end()) && q.contains(tail.trim_start())
                }
            };
            assert!(quotes.iter().any(|q| fits(q)), "{name} step {i}: `{m}` is not in the file's quoted AWS sentences");
            checked += 1;
        }
    }
    assert!(checked >= 3, "messages compared with AWS's words: {checked}");
}

#[test]
fn every_corpus_expectation_is_met() {
    for (name, text, _) in corpus() {
        let s = sts::load(&text).unwrap_or_else(|e| panic!("{name}: {}", e[0]));
        let r = sts::run(&s);
        let (passed, failed) = sts::check_expectations(&s, &r);
        assert!(failed.is_empty(), "{name}: {failed:?}");
        assert!(passed > 0, "{name}");
    }
}
