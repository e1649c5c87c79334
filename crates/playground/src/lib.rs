//! The playground's logic, with no browser in it: the state and its
//! reducer ([`state`]), the walk through the AssumeRole flow ([`walk`]),
//! the people and policies on screen ([`cast`]), the helper worker's
//! findings and fixes ([`assist`]), edits of the scenario
//! document ([`doc`]), plain-language reasons ([`reasons`]), English and
//! Japanese ([`i18n`]), the words for where the walk is ([`status`]), what
//! local storage keeps ([`store`]), the address ([`url`]), share links
//! ([`share`]), JSON colouring ([`highlight`]), the presets ([`presets`])
//! and the exercises ([`exercises`]).
//! The Yew crate `web` draws this; everything here is tested natively.

pub mod assist;
mod boot;
pub mod cast;
pub mod doc;
pub mod exercise;
pub mod exercises;
pub mod highlight;
pub mod i18n;
pub mod marks;
pub mod picture;
pub mod presets;
pub mod reasons;
pub mod share;
pub mod state;
pub mod status;
pub mod store;
pub mod trainer;
pub mod url;
pub mod walk;

pub use i18n::Lang;
pub use state::{Action, State, Store};
