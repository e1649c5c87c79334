//! The playground's logic, with no browser in it: the state and its
//! reducer ([`state`]), the walk through the AssumeRole flow ([`walk`]),
//! the people and policies on screen ([`cast`]), edits of the scenario
//! document ([`doc`]), what local storage keeps ([`store`]), plain-language reasons ([`reasons`]), English and
//! Japanese ([`i18n`]), the address ([`url`]), share links ([`share`]),
//! JSON colouring ([`highlight`]) and the presets ([`presets`]).
//! The Yew crate `web` draws this; everything here is tested natively.

pub mod cast;
pub mod doc;
pub mod highlight;
pub mod i18n;
pub mod marks;
pub mod presets;
pub mod reasons;
pub mod share;
pub mod state;
pub mod store;
pub mod url;
pub mod walk;

pub use i18n::Lang;
pub use state::{Action, State, Store};
