//! The policy read as typed phrases, before any language: who a principal
//! names, what an action value names, what test a condition makes, and the
//! console-like summary.

pub(crate) mod actions;
pub(crate) mod condition;
pub(crate) mod summary;
pub(crate) mod who;
