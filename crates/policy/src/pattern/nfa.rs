//! Position-set NFA simulation: the general matcher, used when a policy
//! variable's value puts a `:` in the ARN prefix (and by the tests as a
//! second opinion).

use super::{Elem, R};

/// One character-level pattern element, for the NFA simulation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ch {
    Char(char),
    /// `?`; `true` when it may match `:`.
    Any(bool),
    /// `*`; `true` when it may match `:`.
    Star(bool),
    /// Matches no character.
    Never,
}

fn flatten<E: Elem>(p: &[E]) -> Vec<Ch> {
    let mut out = Vec::new();
    for e in p {
        match e.el() {
            R::Lit(s) => out.extend(s.chars().map(Ch::Char)),
            R::Sep => out.push(Ch::Char(':')),
            R::Any(c) => out.push(Ch::Any(c)),
            R::Star(c) => out.push(Ch::Star(c)),
            R::Never => out.push(Ch::Never),
        }
    }
    out
}

/// Position-set NFA simulation: the general, always-correct matcher for
/// any mix of colon-restricted and free wildcards. O(len(text) ×
/// len(pattern)) time, O(len(pattern)) space.
pub(super) fn nfa<E: Elem>(p: &[E], text: &str, fold: bool) -> bool {
    let p = flatten(p);
    let m = p.len();
    let mut cur = vec![false; m + 1];
    let mut next = vec![false; m + 1];
    if let Some(s) = cur.first_mut() {
        *s = true;
    }
    close(&p, &mut cur);
    for c in text.chars() {
        next.iter_mut().for_each(|s| *s = false);
        for (i, e) in p.iter().enumerate() {
            if !cur.get(i).copied().unwrap_or(false) {
                continue;
            }
            let target = match *e {
                Ch::Char(x) => (x == c || (fold && x.eq_ignore_ascii_case(&c))).then_some(i + 1),
                Ch::Any(free) => (free || c != ':').then_some(i + 1),
                Ch::Star(free) => (free || c != ':').then_some(i),
                Ch::Never => None,
            };
            if let Some(s) = target.and_then(|k| next.get_mut(k)) {
                *s = true;
            }
        }
        close(&p, &mut next);
        std::mem::swap(&mut cur, &mut next);
        if !cur.iter().any(|&s| s) {
            return false;
        }
    }
    cur.get(m).copied().unwrap_or(false)
}

/// Epsilon closure: a star may match nothing.
fn close(p: &[Ch], set: &mut [bool]) {
    for (i, e) in p.iter().enumerate() {
        if matches!(e, Ch::Star(_)) && set.get(i).copied().unwrap_or(false) {
            if let Some(s) = set.get_mut(i + 1) {
                *s = true;
            }
        }
    }
}
