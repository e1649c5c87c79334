//! "Did you mean": a bounded edit distance.
//!
//! Optimal string alignment distance (insert, delete, substitute, swap two
//! neighbours), ignoring ASCII case, computed row by row and abandoned as
//! soon as a whole row exceeds the bound. Callers filter candidates by
//! length first (a length difference above the bound can never fit), so a
//! search over every action of the catalogue touches few cells.

/// The largest distance worth suggesting for a word of `len` bytes: one
/// typo per four characters, at least one and at most four.
pub(crate) fn bound(len: usize) -> usize {
    (len / 4).clamp(1, 4)
}

const FAR: usize = usize::MAX / 4;

/// Reusable rows for [`Distance::within`].
#[derive(Debug, Default)]
pub(crate) struct Distance {
    before: Vec<usize>,
    prev: Vec<usize>,
    cur: Vec<usize>,
}

impl Distance {
    /// The distance between `a` and `b` if it is at most `max`.
    pub(crate) fn within(&mut self, a: &[u8], b: &[u8], max: usize) -> Option<usize> {
        if a.len().abs_diff(b.len()) > max {
            return None;
        }
        if max == 0 {
            return a.eq_ignore_ascii_case(b).then_some(0);
        }
        // Only the first row needs all its values. Later rows are computed
        // in the band of cells that can still be within `max` (|i - j| ≤
        // max), with the cell just outside each end set far, so that no
        // row ever reads a stale cell; `before` is first read on the
        // second row.
        let m = b.len();
        for row in [&mut self.before, &mut self.prev, &mut self.cur] {
            if row.len() < m + 2 {
                row.resize(m + 2, FAR);
            }
        }
        for (j, cell) in self.prev.iter_mut().take(m + 1).enumerate() {
            *cell = j;
        }
        let mut last_a: Option<u8> = None;
        for (i, &ca) in a.iter().enumerate() {
            let ca = ca.to_ascii_lowercase();
            let row = i + 1;
            let (lo, hi) = (row.saturating_sub(max).max(1), (row + max).min(m));
            if let Some(first) = self.cur.first_mut() {
                *first = row;
            }
            if lo >= 2 {
                if let Some(edge) = self.cur.get_mut(lo - 1) {
                    *edge = FAR;
                }
            }
            if let Some(edge) = self.cur.get_mut(hi + 1) {
                *edge = FAR;
            }
            let mut row_min = row;
            for c in lo..=hi {
                let Some(cb) = b.get(c - 1).map(u8::to_ascii_lowercase) else { break };
                let cost = usize::from(ca != cb);
                let up = self.prev.get(c).copied().unwrap_or(FAR);
                let left = self.cur.get(c - 1).copied().unwrap_or(FAR);
                let diagonal = self.prev.get(c - 1).copied().unwrap_or(FAR);
                let mut value = (up + 1).min(left + 1).min(diagonal + cost);
                let last_b = c.checked_sub(2).and_then(|k| b.get(k)).map(u8::to_ascii_lowercase);
                if last_a == Some(cb) && last_b == Some(ca) {
                    let swap = c.checked_sub(2).and_then(|k| self.before.get(k)).copied().unwrap_or(FAR);
                    value = value.min(swap + 1);
                }
                if let Some(cell) = self.cur.get_mut(c) {
                    *cell = value;
                }
                row_min = row_min.min(value);
            }
            if row_min > max {
                return None;
            }
            last_a = Some(ca);
            // before ← prev ← cur; the old `before` becomes the next `cur`.
            core::mem::swap(&mut self.before, &mut self.prev);
            core::mem::swap(&mut self.prev, &mut self.cur);
        }
        self.prev.get(b.len()).copied().filter(|d| *d <= max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(a: &str, b: &str) -> Option<usize> {
        Distance::default().within(a.as_bytes(), b.as_bytes(), 10)
    }

    /// Plain recursive OSA distance for the tables below.
    fn reference(a: &[u8], b: &[u8]) -> usize {
        let n = a.len();
        let m = b.len();
        let mut t = vec![vec![0usize; m + 1]; n + 1];
        for (i, row) in t.iter_mut().enumerate() {
            if let Some(c) = row.first_mut() {
                *c = i;
            }
        }
        if let Some(row) = t.first_mut() {
            for (j, c) in row.iter_mut().enumerate() {
                *c = j;
            }
        }
        let at = |t: &Vec<Vec<usize>>, i: usize, j: usize| t.get(i).and_then(|r| r.get(j)).copied().unwrap_or(FAR);
        let lower = |s: &[u8], i: usize| s.get(i).map(u8::to_ascii_lowercase);
        for i in 1..=n {
            for j in 1..=m {
                let cost = usize::from(lower(a, i - 1) != lower(b, j - 1));
                let mut v = (at(&t, i - 1, j) + 1).min(at(&t, i, j - 1) + 1).min(at(&t, i - 1, j - 1) + cost);
                if i > 1 && j > 1 && lower(a, i - 1) == lower(b, j - 2) && lower(a, i - 2) == lower(b, j - 1) {
                    v = v.min(at(&t, i - 2, j - 2) + 1);
                }
                if let Some(c) = t.get_mut(i).and_then(|r| r.get_mut(j)) {
                    *c = v;
                }
            }
        }
        at(&t, n, m)
    }

    #[test]
    fn distances() {
        assert_eq!(d("AssumeRoles", "assumerole"), Some(1));
        assert_eq!(d("AssmueRole", "AssumeRole"), Some(1));
        assert_eq!(d("GetObjects", "GetObject"), Some(1));
        assert_eq!(d("", "abc"), Some(3));
        assert_eq!(d("abc", ""), Some(3));
        assert_eq!(d("kitten", "sitting"), Some(3));
        assert_eq!(d("same", "SAME"), Some(0));
        assert_eq!(Distance::default().within(b"abcdef", b"uvwxyz", 2), None);
        assert_eq!(Distance::default().within(b"a", b"abcd", 2), None);
    }

    #[test]
    fn agrees_with_reference_and_bound() {
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "abc",
            "acb",
            "bca",
            "sts",
            "s3",
            "ec2",
            "AssumeRole",
            "assumerolle",
            "PassRole",
            "AssumeRoleWithSAML",
            "AssumeRoleWithWebIdentity",
            "GetObjectAcl",
            "PutObjectAcl",
            "GetObjcetAcl",
            "abcdefghij",
            "bacdefghji",
            "aaaaaaaaab",
            "baaaaaaaaa",
        ];
        let mut rows = Distance::default();
        for a in words {
            for b in words {
                let full = reference(a.as_bytes(), b.as_bytes());
                for max in 0..7 {
                    let got = rows.within(a.as_bytes(), b.as_bytes(), max);
                    assert_eq!(got, (full <= max).then_some(full), "{a:?} {b:?} max {max}");
                }
            }
        }
    }

    #[test]
    fn bounds() {
        assert_eq!(bound(2), 1);
        assert_eq!(bound(11), 2);
        assert_eq!(bound(40), 4);
    }
}
