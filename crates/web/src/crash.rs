//! What the page does if the WebAssembly panics.
//!
//! On `wasm32-unknown-unknown` a panic cannot unwind: after the panic hook
//! runs, the module traps (`unreachable`) and the call that panicked ends
//! with a JavaScript exception. Rust state on the way (a `RefCell` borrowed
//! by the reducer, a half-made render) is left as it was, so the page must
//! not be trusted after that. The hook therefore builds, with plain DOM
//! calls (no Yew, no state), a dialog over the page: what went wrong, and
//! two ways back — *reload your last good state* (a reload: the page saves
//! only states that rendered, so storage holds the last good one) and
//! *start over* (storage cleared first). Everything behind it is made
//! inert. Its look is in `style.css`: the page's Content-Security-Policy
//! allows no inline style.
//!
//! Debug builds (the e2e test's) also panic on Ctrl+Alt+Shift+F12, so the
//! test can check all of this for real; release builds have no trigger.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::browser::window;

/// Installs the panic hook (and, in debug builds, the trigger). Through
/// Yew, which would otherwise put its own hook (a console message only) in
/// place when the app is rendered.
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| {
        let message = match (info.payload().downcast_ref::<&str>(), info.payload().downcast_ref::<String>()) {
            (Some(s), _) => (*s).to_string(),
            (_, Some(s)) => s.clone(),
            _ => String::from("panic"),
        };
        let place = info.location().map(|l| format!(" ({}:{})", l.file(), l.line())).unwrap_or_default();
        let detail = format!("{message}{place}");
        web_sys::console::error_1(&format!("roleplay: panic: {detail}").into());
        show(&detail);
    }));
    if cfg!(debug_assertions) {
        debug_trigger();
    }
}

/// The dialog's words, in the page's language (`<html lang>`).
struct Words {
    title: &'static str,
    body: &'static str,
    reload: &'static str,
    start_over: &'static str,
}

const EN: Words = Words {
    title: "Something went wrong",
    body: "The playground stopped because of an error in its own code, not in your scenario. Your work up to the last change that showed correctly is saved in this browser.",
    reload: "Reload your last good state",
    start_over: "Start over (forget saved work)",
};

const JA: Words = Words {
    title: "問題が発生しました",
    body: "プレイグラウンド自身のコードのエラーで停止しました (シナリオの問題ではありません)。正しく表示できた最後の変更までの作業は、このブラウザーに保存されています。",
    reload: "最後の正常な状態を再読み込み",
    start_over: "最初からやり直す (保存した作業を消去)",
};

/// Shows the dialog (once); every step tolerates a missing DOM.
pub fn show(detail: &str) {
    let Some(doc) = window().and_then(|w| w.document()) else { return };
    if doc.get_element_by_id("crash").is_some() {
        return;
    }
    let Some(body) = doc.body() else { return };
    let lang = doc.document_element().and_then(|e| e.get_attribute("lang")).unwrap_or_default();
    let w = if lang == "ja" { &JA } else { &EN };
    // Everything already on the page stops taking input.
    let children = body.children();
    for i in 0..children.length() {
        if let Some(el) = children.item(i) {
            let _ = el.set_attribute("inert", "");
        }
    }
    let Ok(dialog) = doc.create_element("div") else { return };
    dialog.set_id("crash");
    dialog.set_class_name("crash");
    for (k, v) in [("role", "alertdialog"), ("aria-modal", "true"), ("aria-labelledby", "crash-title"), ("data-testid", "crash")] {
        let _ = dialog.set_attribute(k, v);
    }
    let escaped = detail.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    dialog.set_inner_html(&format!(
        "<h2 id=crash-title class=crash-title>{}</h2><p>{}</p><pre class=crash-detail>{escaped}</pre>\
         <button type=button id=crash-reload data-testid=crash-reload>{}</button>\
         <button type=button id=crash-start-over data-testid=crash-start-over>{}</button>",
        w.title, w.body, w.reload, w.start_over
    ));
    // Either button reloads the page; "start over" forgets saved work first.
    let onclick = Closure::<dyn FnMut(web_sys::Event)>::new(|e: web_sys::Event| {
        let Some(id) = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).map(|el| el.id()) else { return };
        let Some(w) = window() else { return };
        match id.as_str() {
            "crash-start-over" => forget_saved_work(&w),
            "crash-reload" => {}
            _ => return,
        }
        let _ = w.location().reload();
    });
    let _ = dialog.add_event_listener_with_callback("click", onclick.as_ref().unchecked_ref());
    // The page is about to be reloaded: the listener may live until then.
    onclick.forget();
    let _ = body.append_child(&dialog);
    if let Some(b) = doc.get_element_by_id("crash-reload").and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = b.focus();
    }
}

/// Removes every `roleplay.` key from local storage.
fn forget_saved_work(w: &web_sys::Window) {
    let Some(storage) = w.local_storage().ok().flatten() else { return };
    let n = storage.length().unwrap_or(0);
    let keys: Vec<String> = (0..n).filter_map(|i| storage.key(i).ok().flatten()).filter(|k| k.starts_with("roleplay.")).collect();
    for k in keys {
        let _ = storage.remove_item(&k);
    }
}

/// Debug builds: Ctrl+Alt+Shift+F12 panics inside the WebAssembly.
fn debug_trigger() {
    let Some(doc) = window().and_then(|w| w.document()) else { return };
    let listener = Closure::<dyn FnMut(web_sys::KeyboardEvent)>::new(|e: web_sys::KeyboardEvent| {
        if e.ctrl_key() && e.alt_key() && e.shift_key() && e.key() == "F12" {
            #[expect(clippy::panic, reason = "the debug-only trigger of the e2e crash test")]
            {
                panic!("debug trigger: Ctrl+Alt+Shift+F12");
            }
        }
    });
    let _ = doc.add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
    listener.forget();
}
