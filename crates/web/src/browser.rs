//! The few things the page asks of the browser: local storage, the
//! address, the clipboard, downloads. Every call tolerates failure (private
//! mode, `file://`, a blocked API): the page keeps working without them.

use playground::Store;
use wasm_bindgen::JsCast;

pub fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// Local storage (absent or refusing: nothing is kept, nothing breaks).
pub struct WebStore;

impl WebStore {
    fn storage() -> Option<web_sys::Storage> {
        window()?.local_storage().ok().flatten()
    }
}

impl Store for WebStore {
    fn get(&self, key: &str) -> Option<String> {
        Self::storage()?.get_item(key).ok().flatten()
    }
    fn set(&mut self, key: &str, value: &str) -> bool {
        Self::storage().is_some_and(|s| s.set_item(key, value).is_ok())
    }
    fn remove(&mut self, key: &str) {
        if let Some(s) = Self::storage() {
            let _ = s.remove_item(key);
        }
    }
    fn available(&self) -> bool {
        Self::storage().is_some()
    }
}

/// A phone-sized window (as the stylesheet's 599 px query): the current
/// step is brought into view after a step.
pub fn is_narrow() -> bool {
    window().and_then(|w| w.inner_width().ok()).and_then(|v| v.as_f64()).is_some_and(|x| x < 600.0)
}

/// Scrolls the first element matching `selector` into view, if needed.
pub fn scroll_into_view(selector: &str) {
    let Some(el) = window().and_then(|w| w.document()).and_then(|d| d.query_selector(selector).ok().flatten()) else { return };
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
    el.scroll_into_view_with_scroll_into_view_options(&opts);
}

/// `location.search` and `location.hash`.
pub fn location() -> (String, String) {
    let Some(loc) = window().map(|w| w.location()) else { return Default::default() };
    (loc.search().unwrap_or_default(), loc.hash().unwrap_or_default())
}

/// The page's address without query or fragment (works from any sub-path
/// and from `file://`).
pub fn base_url() -> String {
    let Some(loc) = window().map(|w| w.location()) else { return String::new() };
    let href = loc.href().unwrap_or_default();
    let end = href.find(['?', '#']).unwrap_or(href.len());
    href.get(..end).unwrap_or_default().to_string()
}

pub fn browser_languages() -> Vec<String> {
    let Some(nav) = window().map(|w| w.navigator()) else { return Vec::new() };
    let mut out: Vec<String> = nav.languages().iter().filter_map(|v| v.as_string()).collect();
    if out.is_empty() {
        out.extend(nav.language());
    }
    out
}

/// Rewrites the address without reloading (query and fragment).
pub fn replace_url(search_and_hash: &str) {
    let Some(w) = window() else { return };
    let Ok(history) = w.history() else { return };
    let path = w.location().pathname().unwrap_or_default();
    let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("{path}{search_and_hash}")));
}

pub fn set_document_lang(code: &str, title: &str) {
    let Some(doc) = window().and_then(|w| w.document()) else { return };
    if let Some(root) = doc.document_element() {
        let _ = root.set_attribute("lang", code);
    }
    doc.set_title(title);
}

pub fn copy_to_clipboard(text: &str) {
    if let Some(w) = window() {
        // A promise; refusal (no permission, `file://`) is harmless.
        let _ = w.navigator().clipboard().write_text(text);
    }
}

/// Offers `text` as a download called `name`.
pub fn download(name: &str, text: &str) {
    let Some(doc) = window().and_then(|w| w.document()) else { return };
    let parts = js_array(text);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("application/json");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Some(a) = doc.create_element("a").ok().and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok()) {
        a.set_href(&url);
        a.set_download(name);
        if let Some(body) = doc.body() {
            let _ = body.append_child(&a);
            a.click();
            let _ = body.remove_child(&a);
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

fn js_array(text: &str) -> js_sys::Array {
    let arr = js_sys::Array::new();
    arr.push(&wasm_bindgen::JsValue::from_str(text));
    arr
}

/// Registers the service worker (only over http(s): not from `file://`).
pub fn register_sw() {
    let Some(w) = window() else { return };
    let proto = w.location().protocol().unwrap_or_default();
    if proto != "http:" && proto != "https:" {
        return;
    }
    let container = w.navigator().service_worker();
    let _ = container.register("./sw.js");
}

/// Focuses a textarea with the caret at a 1-based line and column.
pub fn focus_position(el: &web_sys::HtmlTextAreaElement, line: u32, column: u32) {
    let value = el.value();
    let mut off: usize = 0;
    for (i, l) in value.split('\n').enumerate() {
        if i + 1 >= line as usize {
            off += l.chars().take(column.saturating_sub(1) as usize).map(char::len_utf16).sum::<usize>();
            break;
        }
        off += l.encode_utf16().count() + 1;
    }
    let _ = el.focus();
    let off = u32::try_from(off).unwrap_or(u32::MAX);
    let _ = el.set_selection_range(off, off);
}

/// The message of the marked text under the pointer, if any.
pub fn message_at(x: f32, y: f32) -> String {
    let Some(doc) = window().and_then(|w| w.document()) else { return String::new() };
    for e in doc.elements_from_point(x, y).iter() {
        if let Ok(el) = e.dyn_into::<web_sys::Element>() {
            if let Some(m) = el.get_attribute("data-msg") {
                return m;
            }
        }
    }
    String::new()
}

/// The preset texts (`presets.json`, an object from name to text): from
/// the single file, which carries them inline, or from the site (cached by
/// the service worker for offline use).
pub async fn presets_json() -> Result<String, String> {
    let w = window().ok_or("no window")?;
    if let Some(el) = w.document().and_then(|d| d.get_element_by_id("roleplay-presets")) {
        return el.text_content().ok_or_else(|| "the inline presets are empty".to_string());
    }
    let why = |e: wasm_bindgen::JsValue| {
        e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).or_else(|| e.as_string()).unwrap_or_else(|| "failed".into())
    };
    let resp = wasm_bindgen_futures::JsFuture::from(w.fetch_with_str("presets.json")).await.map_err(why)?;
    let resp: web_sys::Response = resp.dyn_into().map_err(|_| "not a response".to_string())?;
    if !resp.ok() {
        return Err(format!("presets.json: HTTP {}", resp.status()));
    }
    let text = wasm_bindgen_futures::JsFuture::from(resp.text().map_err(why)?).await.map_err(why)?;
    text.as_string().ok_or_else(|| "presets.json is not text".to_string())
}

thread_local! {
    static HELPER: std::cell::RefCell<Option<web_sys::Worker>> = const { std::cell::RefCell::new(None) };
}

/// Sends `message` to the helper worker (`assist_loader.js`, started on
/// first use; its answers go to `on_answer`). False when there is no
/// worker here (the single file, or a browser that refuses it).
pub fn ask_helper(message: &str, on_answer: impl Fn(String) + 'static) -> bool {
    HELPER.with(|h| {
        let mut h = h.borrow_mut();
        if h.is_none() {
            // Not in the single file: it has no files to load a worker from.
            if window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("roleplay-presets")).is_some() {
                return false;
            }
            let Ok(worker) = web_sys::Worker::new("./assist_loader.js") else { return false };
            let cb = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                if let Some(text) = e.data().as_string() {
                    on_answer(text);
                }
            });
            worker.set_onmessage(Some(cb.as_ref().unchecked_ref()));
            cb.forget();
            *h = Some(worker);
        }
        h.as_ref().is_some_and(|w| w.post_message(&wasm_bindgen::JsValue::from_str(message)).is_ok())
    })
}
