//! Fixes for denied and failed steps.
