//! The page in a real browser (headless Chromium via wasm-bindgen-test):
//! it mounts, walks the flow, switches language and keeps work in local
//! storage.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::Duration;

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn doc() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn by_testid(id: &str) -> Option<web_sys::Element> {
    doc().query_selector(&format!("[data-testid=\"{id}\"]")).unwrap()
}

fn state(id: &str) -> String {
    by_testid(id).and_then(|e| e.get_attribute("data-state")).unwrap_or_default()
}

async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(30)).await;
}

async fn click(id: &str) {
    by_testid(id).unwrap_or_else(|| panic!("no {id}")).dyn_into::<web_sys::HtmlElement>().unwrap().click();
    settle().await;
}

async fn mount() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    // A known preset and language, whatever the test page's address.
    web_sys::window()
        .unwrap()
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("?preset=01-cross-account-switch-role&lang=en"))
        .unwrap();
    if by_testid("flow-step-1").is_none() {
        let root = doc().create_element("div").unwrap();
        doc().body().unwrap().append_child(&root).unwrap();
        web::start_in(root);
    }
    settle().await;
}

#[wasm_bindgen_test]
async fn walks_the_cross_account_flow_and_expires() {
    mount().await;
    click("step-reset").await;
    assert_eq!(state("flow-step-1"), "active");
    assert!(by_testid("token").is_none());
    for _ in 0..4 {
        click("step-next").await;
    }
    assert_eq!(state("flow-step-1"), "allowed");
    assert_eq!(state("flow-step-3"), "allowed");
    assert_eq!(state("flow-step-4"), "allowed");
    assert_eq!(state("flow-step-5"), "active");
    assert_eq!(state("token"), "valid");
    assert_eq!(by_testid("token-expiration").unwrap().text_content().unwrap(), "2026-11-22T10:00:00Z");
    assert!(by_testid("token-access-key").unwrap().text_content().unwrap().starts_with("ASIA"));

    click("clock-advance").await;
    assert_eq!(state("token"), "expired");
    click("step-next").await;
    assert_eq!(state("flow-step-5"), "error");

    click("assume-again").await;
    assert_eq!(state("token"), "valid");
    assert_eq!(by_testid("token-expiration").unwrap().text_content().unwrap(), "2026-11-22T11:00:00Z");
}

#[wasm_bindgen_test]
async fn switches_language_and_remembers_it() {
    mount().await;
    let html = doc().document_element().unwrap();
    click("lang-toggle").await;
    let lang = html.get_attribute("lang").unwrap();
    let title = by_testid("flow-step-2").unwrap().text_content().unwrap();
    let stored = web_sys::window().unwrap().local_storage().unwrap().unwrap().get_item("roleplay.v1.lang").unwrap();
    assert_eq!(stored.as_deref(), Some(lang.as_str()));
    if lang == "ja" {
        assert!(title.contains("STS にロールを要求"), "{title}");
    } else {
        assert!(title.contains("asks STS for the role"), "{title}");
    }
    click("lang-toggle").await;
    assert_ne!(html.get_attribute("lang").unwrap(), lang);
}

#[wasm_bindgen_test]
async fn typing_in_the_trust_policy_changes_the_decision() {
    mount().await;
    click("step-reset").await;
    for _ in 0..3 {
        click("step-next").await;
    }
    assert_eq!(state("flow-step-3"), "allowed");
    let area: web_sys::HtmlTextAreaElement = by_testid("editor-trust").unwrap().dyn_into().unwrap();
    let original = area.value();
    area.set_value(&original.replace("222222222222", "333333333333"));
    let ev = web_sys::InputEvent::new("input").unwrap();
    area.dispatch_event(&ev).unwrap();
    settle().await;
    assert_eq!(state("flow-step-3"), "denied");
    // The caret did not lose the text: the textarea holds what was typed.
    assert!(area.value().contains("333333333333:root"));
    area.set_value(&original);
    area.dispatch_event(&web_sys::InputEvent::new("input").unwrap()).unwrap();
    settle().await;
    assert_eq!(state("flow-step-3"), "allowed");
}
