//! `Source` (extension): where a scenario's expectations come from — an
//! AWS documentation page and the sentence they rest on, or roleplay's own
//! simulation choice where AWS documents nothing. Checked for shape only;
//! the simulation never reads it.

use policy::json::{Kind, Value};
use policy::path::JsonPath;

use super::load::{get, Loader};
use crate::schema::key::{CHOICE, QUOTE, URL};
use crate::schema::SOURCE_KEYS;

impl Loader<'_> {
    /// A `Source`: one entry or a non-empty list of them.
    pub(super) fn source(&mut self, v: &Value, path: &JsonPath) {
        match &v.kind {
            Kind::Array(items) if items.is_empty() => {
                self.err(path, v.span, "`Source` lists at least one page and sentence (or a `Choice`)");
            }
            Kind::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.source_entry(item, &path.index(i));
                }
            }
            _ => self.source_entry(v, path),
        }
    }

    fn source_entry(&mut self, v: &Value, path: &JsonPath) {
        let Some(members) = self.object(v, path, SOURCE_KEYS, "a source") else { return };
        let text = |key: &str| get(members, key).map(|m| m.value.as_str().filter(|s| !s.trim().is_empty()));
        let ok = match (text(URL), text(QUOTE), text(CHOICE)) {
            (Some(Some(u)), Some(Some(_)), None) => u.starts_with("https://"),
            (None, None, Some(Some(_))) => true,
            _ => false,
        };
        if !ok {
            let e = self.err(path, v.span, "a source is `{\"Url\": \"https://…\", \"Quote\": \"…\"}` (AWS's page and sentence) or `{\"Choice\": \"…\"}`, with texts that are not empty");
            e.help = Some("`Choice` says why roleplay decides this where AWS documents nothing".into());
        }
    }
}
