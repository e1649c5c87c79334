//! The helper worker (built by Trunk as a Web Worker, loaded by the page
//! after first paint): fetches the IAM catalogue, then answers each
//! message with [`assist::answer`]. Messages that arrive before the
//! catalogue are answered without it, and the latest of them again once
//! it is here, so findings never wait on the download.

#[cfg(target_arch = "wasm32")]
mod worker {
    use std::cell::RefCell;

    use catalogue::Catalogue;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    thread_local! {
        static CATALOGUE: RefCell<Option<Catalogue>> = const { RefCell::new(None) };
        static LAST: RefCell<Option<String>> = const { RefCell::new(None) };
    }

    fn scope() -> Option<web_sys::DedicatedWorkerGlobalScope> {
        js_sys::global().dyn_into().ok()
    }

    fn post(text: &str) {
        if let Some(s) = scope() {
            let _ = s.post_message(&JsValue::from_str(text));
        }
    }

    /// The findings at once, then the fixes (slower: each is verified).
    fn reply(request: &str) {
        let (first, later) = CATALOGUE.with(|c| match c.borrow().as_ref() {
            Some(cat) => assist::first_answer(request, cat, true),
            None => assist::first_answer(request, &Catalogue::default(), false),
        });
        post(&first);
        if let Some(later) = later {
            post(&later.answer());
        }
    }

    /// The catalogue: a global set before this started (the single file,
    /// which has no `catalogue.txt` to fetch), or else fetched.
    async fn catalogue() -> Option<Catalogue> {
        let s = scope()?;
        if let Some(text) = js_sys::Reflect::get(&s, &"roleplay_catalogue".into()).ok().and_then(|v| v.as_string()) {
            return Catalogue::parse(&text).ok();
        }
        let resp = wasm_bindgen_futures::JsFuture::from(s.fetch_with_str("catalogue.txt")).await.ok()?;
        let resp: web_sys::Response = resp.dyn_into().ok()?;
        if !resp.ok() {
            return None;
        }
        let text = wasm_bindgen_futures::JsFuture::from(resp.text().ok()?).await.ok()?.as_string()?;
        Catalogue::parse(&text).ok()
    }

    pub fn start() {
        let Some(s) = scope() else { return };
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|e: web_sys::MessageEvent| {
            let Some(request) = e.data().as_string() else { return };
            reply(&request);
            LAST.with(|l| *l.borrow_mut() = Some(request));
        });
        s.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        // Messages sent while the WebAssembly was loading found no handler:
        // the page sends its last one again on this.
        post(assist::READY);
        wasm_bindgen_futures::spawn_local(async {
            if let Some(cat) = catalogue().await {
                CATALOGUE.with(|c| *c.borrow_mut() = Some(cat));
                if let Some(request) = LAST.with(|l| l.borrow_mut().take()) {
                    reply(&request);
                }
            }
        });
    }
}

fn main() {
    #[cfg(target_arch = "wasm32")]
    worker::start();
}
