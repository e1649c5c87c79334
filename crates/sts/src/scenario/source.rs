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
        let text = |l: &mut Self, key: &str| {
            let m = get(members, key)?;
            let s = l.string(&m.value, &path.key(key))?;
            if s.trim().is_empty() {
                l.err(&path.key(key), m.value.span, format!("`{key}` is empty"));
            }
            Some((s, m.value.span))
        };
        let url = text(self, URL);
        let quote = text(self, QUOTE);
        let choice = text(self, CHOICE);
        match (url, quote, choice) {
            (Some((u, span)), Some(_), None) => {
                if !u.starts_with("https://") {
                    self.err(&path.key(URL), span, format!("`{u}` is not an https:// address"));
                }
            }
            (None, None, Some(_)) => {}
            _ => {
                let e = self.err(path, v.span, "a source is `{\"Url\", \"Quote\"}` (AWS's page and sentence) or `{\"Choice\"}`");
                e.help = Some("`Choice` says why roleplay decides this where AWS documents nothing".into());
            }
        }
    }
}
