//! The reducer around `playground::State`, pure as in Yew's todomvc: it
//! touches neither local storage nor anything else of the browser (saving
//! is an effect in `app`). Also the one way components build callbacks:
//! [`send`] and [`send_with`] turn events and values into actions.

use std::rc::Rc;

use playground::presets;
use playground::state::Source;
use playground::{Action, State, Store};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::browser::WebStore;

/// What the reducer is sent: an action, or opening a preset together with
/// what local storage held for it when it was picked (read by the event
/// handler, so that `reduce` reads no storage either).
#[derive(Clone)]
pub enum Msg {
    Act(Action),
    Open { name: String, saved: Snapshot },
}

/// One entry of local storage, read at the edge: all that opening a preset
/// looks up. Read-only (a plain map would cost the page its B-tree code).
#[derive(Clone, Default)]
pub struct Snapshot(Option<(String, String)>);

impl Store for Snapshot {
    fn get(&self, key: &str) -> Option<String> {
        self.0.as_ref().filter(|(k, _)| k == key).map(|(_, v)| v.clone())
    }
    fn set(&mut self, _key: &str, _value: &str) -> bool {
        false
    }
    fn remove(&mut self, _key: &str) {}
}

impl From<Action> for Msg {
    fn from(a: Action) -> Self {
        Msg::Act(a)
    }
}

impl Msg {
    /// Opens preset `name` with the learner's saved edits of it, if any.
    pub fn open(name: String) -> Self {
        let key = presets::find(&name).map(|p| Source::Preset(p.name.to_string()).storage_key());
        let saved = Snapshot(key.and_then(|k| WebStore.get(&k).map(|v| (k, v))));
        Msg::Open { name, saved }
    }
}

/// The page's state as a Yew reducer.
#[derive(Clone)]
pub struct Model(pub State);

impl PartialEq for Model {
    fn eq(&self, _other: &Self) -> bool {
        false
    }
}

impl Reducible for Model {
    type Action = Msg;
    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut s = self.0.clone();
        match msg {
            Msg::Open { name, saved } => s.apply_with(Action::LoadPreset(name), &saved),
            // Without a snapshot of storage a preset opens as shipped.
            Msg::Act(a @ (Action::LoadPreset(_) | Action::Import { .. })) => s.apply_with(a, &Snapshot::default()),
            Msg::Act(a) => s.apply(a),
        }
        Rc::new(Model(s))
    }
}

pub type Handle = UseReducerHandle<Model>;

/// Components that read the whole state and send actions.
#[derive(Properties, PartialEq)]
pub struct ModelProps {
    pub model: Handle,
}

/// A callback that sends `msg` whatever the event (a click).
pub fn send<E: 'static>(m: &Handle, msg: impl Into<Msg>) -> Callback<E> {
    let (m, msg) = (m.clone(), msg.into());
    Callback::from(move |_| m.dispatch(msg.clone()))
}

/// A callback that turns its event or value into an action, or into
/// nothing (`None`, e.g. an event from an unexpected element).
pub fn send_with<E: 'static, M: Into<Msg>>(m: &Handle, f: impl Fn(E) -> Option<M> + 'static) -> Callback<E> {
    let m = m.clone();
    Callback::from(move |e| {
        if let Some(msg) = f(e) {
            m.dispatch(msg.into());
        }
    })
}

/// The value of the `<input>` or `<select>` an event came from.
pub fn value(e: &Event) -> Option<String> {
    let t = e.target()?;
    if let Some(i) = t.dyn_ref::<web_sys::HtmlInputElement>() {
        return Some(i.value());
    }
    t.dyn_ref::<web_sys::HtmlSelectElement>().map(web_sys::HtmlSelectElement::value)
}

/// Whether the checkbox an event came from is ticked.
pub fn checked(e: &Event) -> Option<bool> {
    e.target()?.dyn_ref::<web_sys::HtmlInputElement>().map(web_sys::HtmlInputElement::checked)
}
