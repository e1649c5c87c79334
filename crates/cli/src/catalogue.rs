//! The IAM catalogue, compiled into the native CLI only (the page fetches
//! it as a separate asset): parsed once, on first use.

use std::sync::OnceLock;

use catalogue::Catalogue;

const DATA: &str = include_str!("../../catalogue/data/catalogue.txt");

/// The catalogue (empty if the compiled-in data ever failed to parse, so
/// the checks that need it are simply off).
pub(crate) fn get() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| Catalogue::parse(DATA).unwrap_or_default())
}
