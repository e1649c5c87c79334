//! The reducer around `playground::State`, pure as in Yew's todomvc: it
//! touches neither local storage nor anything else of the browser (saving
//! is an effect in `app`). Also the one way components build callbacks:
//! [`send`] and [`send_with`] turn events and values into actions.

use std::rc::Rc;

use playground::{Action, State};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::browser::WebStore;

/// Opens preset `name` with the learner's saved edits of it, read from
/// local storage here, at the edge (the reducer reads no storage).
pub fn open_preset(name: String) -> Action {
    let saved = State::saved_preset(&name, &WebStore);
    Action::LoadPreset { name, saved }
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
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = self.0.clone();
        s.apply(action);
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
pub fn send<E: 'static>(m: &Handle, action: Action) -> Callback<E> {
    let m = m.clone();
    Callback::from(move |_| m.dispatch(action.clone()))
}

/// A callback that turns its event or value into an action, or into
/// nothing (`None`, e.g. an event from an unexpected element).
pub fn send_with<E: 'static>(m: &Handle, f: impl Fn(E) -> Option<Action> + 'static) -> Callback<E> {
    let m = m.clone();
    Callback::from(move |e| {
        if let Some(a) = f(e) {
            m.dispatch(a);
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
