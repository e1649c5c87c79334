//! The playground page: a thin Yew shell over the `playground` crate.
//! `model` is the reducer and the helpers that turn events into actions;
//! `app` the page (effects and layout); one module per part of the page
//! (`header`, `controls`, `flow`, `token`, `policies`, `people`, `events`,
//! `notice`); `editor` the policy editor, `diagram` the flow picture,
//! `raw` markup written as text for parts without handlers, `browser` the
//! few browser calls.

pub mod app;
pub mod browser;
mod controls;
pub mod diagram;
pub mod editor;
mod events;
mod flow;
mod header;
pub mod model;
mod notice;
mod people;
mod policies;
mod raw;
mod token;

/// Mounts the page on `<body>`, in place of the loading note.
pub fn start() {
    if let Some(boot) = browser::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
        boot.remove();
    }
    yew::Renderer::<app::App>::new().render();
}

/// Mounts the page inside `root` (tests, or a host page that embeds it).
pub fn start_in(root: web_sys::Element) {
    yew::Renderer::<app::App>::with_root(root).render();
}
