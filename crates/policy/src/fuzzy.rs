//! "Did you mean …?": the closest known word to a misspelt one.
//!
//! Case-insensitive edit distance (Levenshtein), bounded: a candidate is
//! suggested only within distance `max(2, len / 4)`, and words longer than
//! [`MAX_LEN`] characters are never compared, so a suggestion costs at most
//! `candidates × MAX_LEN²` steps whatever the input (common prefixes and
//! suffixes are skipped first, so similar ARNs cost far less). Callers that
//! may ask many times bound how often they ask.
//!
//! ```
//! use policy::fuzzy::did_you_mean;
//! assert_eq!(did_you_mean("Efect", &["Sid", "Effect", "Action"]), Some("Effect"));
//! assert_eq!(did_you_mean("Banana", &["Sid", "Effect", "Action"]), None);
//! ```

/// Words longer than this (in characters) get no suggestion.
pub const MAX_LEN: usize = 64;

/// The closest of `candidates` to `word`, if one is close enough.
pub fn did_you_mean<'c>(word: &str, candidates: &[&'c str]) -> Option<&'c str> {
    closest(word, candidates.iter().copied())
}

/// [`did_you_mean`] over any sequence of candidates (the first of equally
/// close candidates wins).
pub fn closest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let w: Vec<char> = word.chars().flat_map(char::to_lowercase).collect();
    if w.len() > MAX_LEN {
        return None;
    }
    let bound = 2.max(w.len() / 4);
    let mut best: Option<(usize, &str)> = None;
    let mut row = Vec::with_capacity(MAX_LEN + 1);
    let mut prev = Vec::with_capacity(MAX_LEN + 1);
    for c in candidates {
        let limit = best.map_or(bound, |(d, _)| d.saturating_sub(1)).min(bound);
        let cand: Vec<char> = c.chars().flat_map(char::to_lowercase).collect();
        if cand.len().abs_diff(w.len()) > limit || cand.len() > MAX_LEN {
            continue;
        }
        let (a, b) = trim_common(&w, &cand);
        if let Some(d) = distance_within(a, b, limit, &mut prev, &mut row) {
            best = Some((d, c));
            if d == 0 {
                break;
            }
        }
    }
    best.map(|(_, c)| c)
}

/// The edit distance between `a` and `b` (case-insensitive), or `None` when
/// either is longer than [`MAX_LEN`].
pub fn edit_distance(a: &str, b: &str) -> Option<usize> {
    let a: Vec<char> = a.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = b.chars().flat_map(char::to_lowercase).collect();
    if a.len() > MAX_LEN || b.len() > MAX_LEN {
        return None;
    }
    let (a, b) = trim_common(&a, &b);
    distance_within(a, b, usize::MAX, &mut Vec::new(), &mut Vec::new())
}

/// `a` and `b` without their common prefix and suffix, which do not change
/// the distance: ARNs that share `arn:aws:iam::111111111111:role/` then
/// cost only their differing tails.
fn trim_common<'x>(a: &'x [char], b: &'x [char]) -> (&'x [char], &'x [char]) {
    let pre = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (a.get(pre..).unwrap_or_default(), b.get(pre..).unwrap_or_default());
    let suf = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    (a.get(..a.len() - suf).unwrap_or_default(), b.get(..b.len() - suf).unwrap_or_default())
}

/// Levenshtein distance if it is at most `limit` (rows stop early once every
/// entry exceeds it).
fn distance_within(a: &[char], b: &[char], limit: usize, prev: &mut Vec<usize>, cur: &mut Vec<usize>) -> Option<usize> {
    prev.clear();
    prev.extend(0..=b.len());
    cur.clear();
    cur.resize(b.len() + 1, 0);
    for (i, ca) in a.iter().enumerate() {
        if let Some(c0) = cur.first_mut() {
            *c0 = i + 1;
        }
        let mut row_min = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev.get(j).copied().unwrap_or(usize::MAX).saturating_add(usize::from(ca != cb));
            let del = prev.get(j + 1).copied().unwrap_or(usize::MAX).saturating_add(1);
            let ins = cur.get(j).copied().unwrap_or(usize::MAX).saturating_add(1);
            let v = sub.min(del).min(ins);
            row_min = row_min.min(v);
            if let Some(slot) = cur.get_mut(j + 1) {
                *slot = v;
            }
        }
        if row_min > limit {
            return None;
        }
        std::mem::swap(prev, cur);
    }
    prev.last().copied().filter(|d| *d <= limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("kitten", "sitting"), Some(3));
        assert_eq!(edit_distance("", "abc"), Some(3));
        assert_eq!(edit_distance("Effect", "effect"), Some(0));
        assert_eq!(edit_distance(&"a".repeat(65), "a"), None);
    }

    #[test]
    fn suggestions() {
        let keys = ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"];
        assert_eq!(did_you_mean("Actions", &keys), Some("Action"));
        assert_eq!(did_you_mean("principal", &keys), Some("Principal"));
        assert_eq!(did_you_mean("Resorce", &keys), Some("Resource"));
        assert_eq!(did_you_mean("Conditon", &keys), Some("Condition"));
        assert_eq!(did_you_mean("Version", &keys), None);
        assert_eq!(did_you_mean("xyz", &[]), None);
        // The closest wins, not the first within the bound.
        assert_eq!(did_you_mean("NotActio", &keys), Some("NotAction"));
    }

    #[test]
    fn long_words_are_not_compared() {
        let long = "x".repeat(10_000);
        assert_eq!(did_you_mean(&long, &["x"]), None);
        assert_eq!(did_you_mean("x", &[long.as_str()]), None);
    }
}
