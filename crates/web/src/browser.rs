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

/// In markup with one delegated click handler: the value of `attr` on the
/// clicked element or the nearest ancestor that has it.
pub fn clicked(e: &web_sys::MouseEvent, attr: &str) -> Option<String> {
    e.target()?.dyn_into::<web_sys::Element>().ok()?.closest(&format!("[{attr}]")).ok()??.get_attribute(attr)
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
    // Absent where the browser keeps no storage for the page (a
    // third-party frame with storage blocked): then there is nothing to do.
    let navigator = w.navigator();
    let present = js_sys::Reflect::get(&navigator, &"serviceWorker".into()).is_ok_and(|v| !v.is_undefined() && !v.is_null());
    if present {
        let _ = navigator.service_worker().register("./sw.js");
    }
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
    data_file("presets.json", "roleplay-presets").await
}

/// The exercises as shipped (`exercises.json`), likewise.
pub async fn exercises_json() -> Result<String, String> {
    data_file("exercises.json", "roleplay-exercises").await
}

/// A data file of the site: inline in the single file (a JSON script
/// element `inline_id`), else fetched.
async fn data_file(name: &str, inline_id: &str) -> Result<String, String> {
    let w = window().ok_or("no window")?;
    if let Some(el) = w.document().and_then(|d| d.get_element_by_id(inline_id)) {
        return el.text_content().ok_or_else(|| format!("the inline {name} is empty"));
    }
    let why = |e: wasm_bindgen::JsValue| {
        e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).or_else(|| e.as_string()).unwrap_or_else(|| "failed".into())
    };
    let resp = wasm_bindgen_futures::JsFuture::from(w.fetch_with_str(name)).await.map_err(why)?;
    let resp: web_sys::Response = resp.dyn_into().map_err(|_| "not a response".to_string())?;
    if !resp.ok() {
        return Err(format!("{name}: HTTP {}", resp.status()));
    }
    let text = wasm_bindgen_futures::JsFuture::from(resp.text().map_err(why)?).await.map_err(why)?;
    text.as_string().ok_or_else(|| format!("{name} is not text"))
}

/// What a request to the helper worker asks for; its answer goes where
/// [`on_answer`] said for the same kind.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    Findings = 0,
    Completion = 1,
    Import = 2,
    Trainer = 3,
}

impl Ask {
    /// The kind of a worker answer, by its `Kind`.
    fn of(answer: &str) -> Ask {
        if playground::assist::is_completion(answer) {
            Ask::Completion
        } else if playground::trainer::is_trainer(answer) {
            Ask::Trainer
        } else if playground::assist::is_import(answer) {
            Ask::Import
        } else {
            Ask::Findings
        }
    }
}

/// Where one kind of the helper's answers goes.
type Sink = std::cell::RefCell<Option<std::rc::Rc<dyn Fn(String)>>>;

thread_local! {
    static HELPER: std::cell::RefCell<Option<web_sys::Worker>> = const { std::cell::RefCell::new(None) };
    /// By kind ([`Ask`] as an index).
    static SINKS: [Sink; 4] = const { [const { std::cell::RefCell::new(None) }; 4] };
    /// Until the worker says it listens, the last request of each kind:
    /// sent again then (what was sent while it loaded found no handler).
    static WAITING: std::cell::RefCell<Option<Vec<(Ask, String)>>> = const { std::cell::RefCell::new(Some(Vec::new())) };
}

/// Where the helper worker's answers of this kind go.
pub fn on_answer(kind: Ask, f: impl Fn(String) + 'static) {
    SINKS.with(|s| {
        if let Some(sink) = s.get(kind as usize) {
            *sink.borrow_mut() = Some(std::rc::Rc::new(f));
        }
    });
}

/// Sends `message` to the helper worker (`assist_loader.js`, started on
/// first use; in the single file, from its inlined copy). False when there
/// is no worker here (a browser that refuses it).
pub fn ask_helper(message: &str, kind: Ask) -> bool {
    HELPER.with(|h| {
        let mut h = h.borrow_mut();
        if h.is_none() {
            // The single file starts it from the `blob:` URL its script made.
            let inline = window().and_then(|w| js_sys::Reflect::get(&w, &"roleplayAssist".into()).ok()).and_then(|v| v.as_string());
            let single_file = window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("roleplay-presets")).is_some();
            let url = match inline {
                Some(url) => url,
                None if single_file => return false,
                None => "./assist_loader.js".to_string(),
            };
            let Ok(worker) = web_sys::Worker::new(&url) else { return false };
            let cb = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                let Some(text) = e.data().as_string() else { return };
                if text == "{\"Kind\":\"ready\"}" {
                    let waiting = WAITING.with(|w| w.borrow_mut().take()).unwrap_or_default();
                    if let Some(w) = HELPER.with(|h| h.borrow().clone()) {
                        for (_, m) in waiting {
                            let _ = w.post_message(&wasm_bindgen::JsValue::from_str(&m));
                        }
                    }
                    return;
                }
                let sink = SINKS.with(|s| s.get(Ask::of(&text) as usize).and_then(|s| s.borrow().clone()));
                if let Some(f) = sink {
                    f(text);
                }
            });
            worker.set_onmessage(Some(cb.as_ref().unchecked_ref()));
            cb.forget();
            *h = Some(worker);
        }
        WAITING.with(|w| {
            if let Some(list) = w.borrow_mut().as_mut() {
                list.retain(|(k, _)| *k != kind);
                list.push((kind, message.to_string()));
            }
        });
        h.as_ref().is_some_and(|w| w.post_message(&wasm_bindgen::JsValue::from_str(message)).is_ok())
    })
}

/// Replaces the textarea's selection `from..to` (UTF-16 units) with
/// `text` as typing would (one step of the browser's undo; an `input`
/// event follows).
pub fn insert_text(el: &web_sys::HtmlTextAreaElement, from: u32, to: u32, text: &str) {
    let _ = el.focus();
    let _ = el.set_selection_range(from, to);
    let doc = window().and_then(|w| w.document()).and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok());
    let done = doc.is_some_and(|d| d.exec_command_with_show_ui_and_value("insertText", false, text).unwrap_or(false));
    if !done {
        let _ = el.set_range_text_with_start_and_end_and_mode(text, from, to, "end");
        if let Ok(e) = web_sys::Event::new("input") {
            let _ = el.dispatch_event(&e);
        }
    }
}

/// `bytes` compressed with the browser's own raw DEFLATE
/// (`CompressionStream("deflate-raw")`): what a share link carries, made
/// without a compressor in the WebAssembly.
pub async fn deflate_raw(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let why = |e: wasm_bindgen::JsValue| {
        e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).or_else(|| e.as_string()).unwrap_or_else(|| "failed".into())
    };
    let cs = CompressionStream::new("deflate-raw").map_err(why)?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(why)?;
    let pair = web_sys::ReadableWritablePair::new(&cs.readable(), &cs.writable());
    let stream = blob.stream().pipe_through(&pair);
    let resp = web_sys::Response::new_with_opt_readable_stream(Some(&stream)).map_err(why)?;
    let buf = wasm_bindgen_futures::JsFuture::from(resp.array_buffer().map_err(why)?).await.map_err(why)?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

/// `bytes` (raw DEFLATE) inflated with the browser's own
/// `DecompressionStream`, read chunk by chunk and abandoned past `limit`
/// bytes (a hostile link cannot exhaust memory).
pub async fn inflate_raw(bytes: &[u8], limit: usize) -> Result<Vec<u8>, String> {
    let why = |e: wasm_bindgen::JsValue| {
        e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).or_else(|| e.as_string()).unwrap_or_else(|| "failed".into())
    };
    let ds = DecompressionStream::new("deflate-raw").map_err(why)?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(why)?;
    let pair = web_sys::ReadableWritablePair::new(&ds.readable(), &ds.writable());
    let reader: web_sys::ReadableStreamDefaultReader = blob.stream().pipe_through(&pair).get_reader().unchecked_into();
    let mut out = Vec::new();
    loop {
        let chunk = wasm_bindgen_futures::JsFuture::from(reader.read()).await.map_err(why)?;
        let done = js_sys::Reflect::get(&chunk, &"done".into()).ok().and_then(|d| d.as_bool()).unwrap_or(true);
        if done {
            return Ok(out);
        }
        let value = js_sys::Reflect::get(&chunk, &"value".into()).map_err(why)?;
        out.extend(js_sys::Uint8Array::new(&value).to_vec());
        if out.len() > limit {
            let _ = reader.cancel();
            return Err(format!("larger than {} KiB", limit / 1024));
        }
    }
}

// `CompressionStream` and `DecompressionStream` (Compression Streams API,
// in every current browser), declared here: web-sys has them only behind
// its unstable-APIs flag.
#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    type CompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<CompressionStream, wasm_bindgen::JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &CompressionStream) -> web_sys::ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &CompressionStream) -> web_sys::WritableStream;

    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, wasm_bindgen::JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &DecompressionStream) -> web_sys::ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &DecompressionStream) -> web_sys::WritableStream;
}

/// The text of a share link's payload, or why there is none (the page's
/// half of `playground::share::decode`, inflating in the browser).
pub async fn share_text(payload: &str) -> Result<String, String> {
    use playground::share::{self, DecodeError, MAX_DECODED};
    let compressed = share::unbase64(payload).map_err(|e| e.to_string())?;
    let bytes = inflate_raw(&compressed, MAX_DECODED).await.map_err(|why| {
        if why.starts_with("larger") {
            DecodeError::TooLarge.to_string()
        } else {
            format!("The share link's compressed data is corrupt: {why}.")
        }
    })?;
    share::text(bytes).map_err(|e| e.to_string())
}

/// Tells the page that embeds this one that exercise `name` (number
/// `number`) is solved: `postMessage({type: "roleplay", event:
/// "exercise-solved", exercise, number}, "*")` to the parent frame.
pub fn tell_host(name: &str, number: usize) {
    let Some(w) = window() else { return };
    let Ok(Some(parent)) = w.parent() else { return };
    if parent == w {
        return;
    }
    let msg = js_sys::Object::new();
    for (k, v) in [("type", "roleplay"), ("event", "exercise-solved"), ("exercise", name)] {
        let _ = js_sys::Reflect::set(&msg, &k.into(), &v.into());
    }
    let _ = js_sys::Reflect::set(&msg, &"number".into(), &wasm_bindgen::JsValue::from(u32::try_from(number).unwrap_or(0)));
    let _ = parent.post_message(&msg, "*");
}

/// Opens `search` (`?exercise=…`) in place of this page.
pub fn navigate(search: &str) {
    if let Some(l) = window().map(|w| w.location()) {
        let _ = l.set_search(search);
    }
}
