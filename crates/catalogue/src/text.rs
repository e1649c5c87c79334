//! Small text helpers: IAM's case-insensitive order and one string arena.

use core::cmp::Ordering;

/// Byte order of the ASCII-lowercased strings: the order of the data file
/// and of every binary search (IAM names are ASCII; other bytes compare as
/// they are).
pub(crate) fn cmp_ignore_case(a: &str, b: &str) -> Ordering {
    a.bytes().map(|c| c.to_ascii_lowercase()).cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
}

/// Whether `text` starts with `prefix`, ignoring ASCII case.
pub(crate) fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.as_bytes().get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// `text` split at every `sep` (an ASCII byte), like `str::split` but
/// cheaper for the short fields of the data file.
pub(crate) fn split_at_byte(text: &str, sep: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    core::iter::from_fn(move || {
        let r = rest?;
        match r.bytes().position(|b| b == sep) {
            Some(at) => {
                rest = r.get(at + 1..);
                r.get(..at)
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// A string stored in a [`Strings`] arena.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Str {
    start: usize,
    end: usize,
}

impl Str {
    pub(crate) const EMPTY: Str = Str { start: 0, end: 0 };

    pub(crate) fn len(self) -> usize {
        self.end - self.start
    }
}

/// Every name of the catalogue in one buffer (one allocation instead of
/// tens of thousands).
#[derive(Debug, Default)]
pub(crate) struct Strings {
    buf: String,
}

impl Strings {
    pub(crate) fn with_capacity(bytes: usize) -> Self {
        Strings { buf: String::with_capacity(bytes) }
    }

    /// Appends the concatenation of `parts`.
    pub(crate) fn push(&mut self, parts: &[&str]) -> Str {
        let start = self.buf.len();
        for part in parts {
            self.buf.push_str(part);
        }
        Str { start, end: self.buf.len() }
    }

    pub(crate) fn get(&self, s: Str) -> &str {
        self.buf.get(s.start..s.end).unwrap_or_default()
    }

    pub(crate) fn shrink(&mut self) {
        self.buf.shrink_to_fit();
    }
}

/// A range of indices into one of the catalogue's tables.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Span {
    pub(crate) start: usize,
    pub(crate) end: usize,
}

impl Span {
    pub(crate) fn range(self) -> core::ops::Range<usize> {
        self.start..self.end
    }

    pub(crate) fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_ignores_ascii_case() {
        assert_eq!(cmp_ignore_case("AssumeRole", "assumerole"), Ordering::Equal);
        assert_eq!(cmp_ignore_case("AssumeRole", "AssumeRoleWithSAML"), Ordering::Less);
        assert_eq!(cmp_ignore_case("b", "A"), Ordering::Greater);
        assert!(starts_with_ignore_case("GetObjectAcl", "getobject"));
        assert!(!starts_with_ignore_case("Get", "getobject"));
        // A prefix that ends inside a multi-byte character is simply not a prefix.
        assert!(!starts_with_ignore_case("é", "\u{e9}x"));
    }

    #[test]
    fn splits_like_str_split() {
        for text in ["", "a", "a\tb", "\t", "a\t\tb\t", "é\tü"] {
            assert_eq!(split_at_byte(text, b'\t').collect::<Vec<_>>(), text.split('\t').collect::<Vec<_>>());
        }
    }

    #[test]
    fn arena_round_trips() {
        let mut s = Strings::default();
        let a = s.push(&["arn:", "aws"]);
        let b = s.push(&[]);
        assert_eq!(s.get(a), "arn:aws");
        assert_eq!(s.get(b), "");
        assert_eq!(a.len(), 7);
    }
}
