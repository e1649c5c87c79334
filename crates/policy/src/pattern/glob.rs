//! The greedy two-pointer glob matcher and its byte-level helpers.

use super::{Elem, R};

pub(super) fn eq(a: &[u8], b: &[u8], fold: bool) -> bool {
    // Folded patterns are lower-case, and so is the text callers usually
    // pass: try the exact comparison first.
    a == b || (fold && a.eq_ignore_ascii_case(b))
}

/// Whether `lit` occurs in `text` at byte `at`.
fn lit_at(text: &[u8], at: usize, lit: &[u8], fold: bool) -> bool {
    text.get(at..at.saturating_add(lit.len())).is_some_and(|w| eq(w, lit, fold))
}

/// Byte length of the character starting at `at`, if any.
fn char_len_at(text: &str, at: usize) -> Option<usize> {
    text.get(at..).and_then(|s| s.chars().next()).map(char::len_utf8)
}

/// The first offset `>= from` where `lit` occurs in `text`.
pub(super) fn find_from(text: &str, from: usize, lit: &str, fold: bool) -> Option<usize> {
    let hay = text.get(from..)?;
    if !fold {
        return hay.find(lit).map(|k| k + from);
    }
    let (h, l) = (hay.as_bytes(), lit.as_bytes());
    // Only char boundaries can start a match of a valid UTF-8 literal.
    hay.char_indices().map(|(k, _)| k).find(|&k| lit_at(h, k, l, true)).map(|k| k + from)
}

/// The greedy two-pointer glob matcher. Treats every `*` and `?` as
/// matching any character: callers use it where that is the semantics
/// (Glob flavor, the ARN resource part, a single colon-free ARN segment).
/// Each step either advances in the pattern or moves the last star's
/// start forward, so it runs in O(len(text) × len(pattern)).
pub(super) fn glob<E: Elem>(p: &[E], text: &str, fold: bool) -> bool {
    let t = text.as_bytes();
    let (mut pi, mut ti) = (0usize, 0usize);
    // (pattern index after the last star, text offset it currently starts at)
    let mut star: Option<(usize, usize)> = None;
    loop {
        match p.get(pi).map(Elem::el) {
            Some(R::Star(_)) => {
                if pi + 1 == p.len() {
                    return true;
                }
                // Jump straight to the next place the following literal
                // occurs (positions before it cannot match).
                if let Some(R::Lit(s)) = p.get(pi + 1).map(Elem::el) {
                    match find_from(text, ti, s, fold) {
                        Some(k) => ti = k,
                        None => return false,
                    }
                }
                star = Some((pi + 1, ti));
                pi += 1;
                continue;
            }
            Some(R::Lit(s)) if lit_at(t, ti, s.as_bytes(), fold) => {
                ti += s.len();
                pi += 1;
                continue;
            }
            Some(R::Sep) if t.get(ti) == Some(&b':') => {
                ti += 1;
                pi += 1;
                continue;
            }
            Some(R::Any(_)) => {
                if let Some(n) = char_len_at(text, ti) {
                    ti += n;
                    pi += 1;
                    continue;
                }
            }
            None if ti == t.len() => return true,
            _ => {}
        }
        // Mismatch: let the last star swallow one more character.
        let Some((sp, st)) = star else { return false };
        let Some(n) = char_len_at(text, st) else { return false };
        let mut next = st + n;
        if let Some(R::Lit(s)) = p.get(sp).map(Elem::el) {
            match find_from(text, next, s, fold) {
                Some(k) => next = k,
                None => return false,
            }
        }
        star = Some((sp, next));
        pi = sp;
        ti = next;
    }
}
