//! The playground page: a thin Yew shell over the `playground` crate.
//! `model` is the reducer and the helpers that turn events into actions;
//! `app` the page (effects and layout); one module per part of the page
//! (`header`, `controls`, `flow`, `token`, `policies`, `people`, `events`,
//! `notice`, `exercise`, `fixes`, `trainer`); `editor` the policy editor, `diagram` the flow picture,
//! `raw` markup written as text for parts without handlers, `browser` the
//! few browser calls, `crash` the dialog a panic leaves.

pub mod app;
pub mod browser;
mod complete;
mod controls;
pub mod crash;
pub mod diagram;
pub mod editor;
mod events;
mod exercise;
mod fixes;
mod flow;
mod header;
pub mod model;
mod notice;
mod people;
mod policies;
mod raw;
mod token;
mod trainer;

/// Mounts the page on `<body>`, in place of the loading note (after
/// installing the panic dialog, see [`crash`]). An address naming a preset
/// whose text the WebAssembly does not hold waits for `presets.json`
/// first, so the page opens on that preset.
pub fn start() {
    crash::install();
    let library = playground::presets::Library::shared();
    let (search, hash) = browser::location();
    let params = playground::url::parse(&search, &hash);
    let wanted = params.preset.as_deref().and_then(playground::presets::find);
    let missing = params.share.is_none() && wanted.is_some_and(|p| library.text(p.name).is_none());
    wasm_bindgen_futures::spawn_local(async move {
        // A share link is inflated by the browser; a failed preset load
        // opens the page anyway (the preset then waits, the page tries
        // again and says why it cannot).
        let shared = match &params.share {
            Some(payload) => Some(browser::share_text(payload).await),
            None => None,
        };
        let mut library = if missing {
            browser::presets_json().await.ok().and_then(|t| library.with_bundle(&t).ok()).map_or(library, std::rc::Rc::new)
        } else {
            library
        };
        // An exercise in the address: its text first (a failed load says so
        // and opens the last scenario).
        if params.exercise.is_some() {
            if let Some(with) = browser::exercises_json().await.ok().and_then(|t| library.with_exercises(&t).ok()) {
                library = std::rc::Rc::new(with);
            }
        }
        mount(app::AppProps { library, shared });
    });
}

fn mount(props: app::AppProps) {
    if let Some(boot) = browser::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
        boot.remove();
    }
    yew::Renderer::<app::App>::with_props(props).render();
}

/// Mounts the page inside `root` (tests, or a host page that embeds it).
pub fn start_in(root: web_sys::Element) {
    crash::install();
    let library = playground::presets::Library::shared();
    yew::Renderer::<app::App>::with_root_and_props(root, app::AppProps { library, shared: None }).render();
}
