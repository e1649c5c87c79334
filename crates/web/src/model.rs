//! The reducer around `playground::State`; saving to local storage is the
//! only side effect, made after each change of the document or the walk.

use std::rc::Rc;

use playground::state::Notice;
use playground::{Action, State};
use yew::prelude::*;

use crate::browser::WebStore;

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
        let persist = !matches!(action, Action::RevealSecret(_) | Action::Notice(_) | Action::Play | Action::Pause);
        match action {
            a @ (Action::LoadPreset(_) | Action::Import { .. }) => s.apply_with(a, &WebStore),
            a => s.apply(a),
        }
        if persist && !s.save(&mut WebStore) && s.notice.is_none() {
            s.notice = Some(Notice::StorageFull);
        }
        Rc::new(Model(s))
    }
}

/// Components that read the whole state and send actions.
#[derive(Properties, PartialEq)]
pub struct ModelProps {
    pub model: UseReducerHandle<Model>,
}
