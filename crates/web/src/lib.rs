//! The playground page: a thin Yew shell over the `playground` crate.
//! `app` holds the reducer and the page's components, `editor` the policy
//! editor, `diagram` the flow picture, `browser` the few browser calls.

pub mod app;
pub mod browser;
pub mod diagram;
pub mod editor;

/// Mounts the page on `<body>`.
pub fn start() {
    yew::Renderer::<app::App>::new().render();
}

/// Mounts the page inside `root` (tests, or a host page that embeds it).
pub fn start_in(root: web_sys::Element) {
    yew::Renderer::<app::App>::with_root(root).render();
}
