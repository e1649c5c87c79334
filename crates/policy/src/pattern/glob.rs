//! The glob matcher: the greedy two-pointer algorithm, within a budget of
//! work linear in its input; past the budget, `*`-only patterns by a
//! leftmost substring search of each piece and patterns with `?` by the
//! bit-parallel NFA. Also byte-level helpers.

use std::borrow::Cow;

use super::nfa::nfa_free;
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

/// `s`, lower-cased (ASCII) when folding and it has upper-case letters.
/// Byte offsets stay the same.
fn folded(s: &str, fold: bool) -> Cow<'_, str> {
    if fold && s.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

/// The first offset `>= from` where `lit` occurs in `text`, in linear time
/// (the standard library's two-way search; on lower-cased copies when
/// folding).
pub(super) fn find_from(text: &str, from: usize, lit: &str, fold: bool) -> Option<usize> {
    let hay = text.get(from..)?;
    folded(hay, fold).find(folded(lit, fold).as_ref()).map(|k| k + from)
}

/// [`find_from`] without copying: a scan comparing at each character when
/// folding. Adds the bytes it looks at to `work`.
fn scan_from(text: &str, from: usize, lit: &str, fold: bool, work: &mut usize) -> Option<usize> {
    let hay = text.get(from..)?;
    let found = if fold {
        let (h, l) = (hay.as_bytes(), lit.as_bytes());
        // Only char boundaries can start a match of a valid UTF-8 literal.
        hay.char_indices().map(|(k, _)| k).find(|&k| lit_at(h, k, l, true))
    } else {
        hay.find(lit)
    };
    *work += found.unwrap_or(hay.len()) + lit.len();
    found.map(|k| k + from)
}

/// The glob matcher. Treats every `*` and `?` as matching any character:
/// callers use it where that is the semantics (Glob flavor, the ARN
/// resource part, a single colon-free ARN segment).
///
/// The greedy two-pointer algorithm answers almost every pattern in a few
/// steps, but a long literal after a `*` against a long run of text that
/// nearly matches costs O(len(text) × len(pattern)). So it stops once its
/// work passes a budget linear in the input, and the linear matchers
/// answer instead: [`pieces`] for patterns of literals and `*`,
/// O(len(text) + len(pattern)); the bit-parallel NFA for patterns with `?`,
/// O(len(text) × len(pattern) / 64).
pub(super) fn glob<E: Elem>(p: &[E], text: &str, fold: bool) -> bool {
    let budget = 4 * (text.len() + p.len()) + 256;
    if let Some(answer) = greedy(p, text, fold, budget) {
        return answer;
    }
    if p.iter().any(|e| matches!(e.el(), R::Any(_))) {
        nfa_free(p, text, fold)
    } else {
        pieces(p, text, fold)
    }
}

/// The greedy two-pointer matcher: remembers only the last star, and on a
/// mismatch lets it swallow one more character. `None` once it has looked
/// at more than `budget` bytes.
fn greedy<E: Elem>(p: &[E], text: &str, fold: bool, budget: usize) -> Option<bool> {
    let t = text.as_bytes();
    let (mut pi, mut ti) = (0usize, 0usize);
    let mut work = 0usize;
    // (pattern index after the last star, text offset it currently starts at)
    let mut star: Option<(usize, usize)> = None;
    loop {
        work += 1;
        if work > budget {
            return None;
        }
        match p.get(pi).map(Elem::el) {
            Some(R::Star(_)) => {
                if pi + 1 == p.len() {
                    return Some(true);
                }
                // Jump straight to the next place the following literal
                // occurs (positions before it cannot match).
                if let Some(R::Lit(s)) = p.get(pi + 1).map(Elem::el) {
                    match scan_from(text, ti, s, fold, &mut work) {
                        Some(k) => ti = k,
                        None => return Some(false),
                    }
                }
                star = Some((pi + 1, ti));
                pi += 1;
                continue;
            }
            Some(R::Lit(s)) if lit_at(t, ti, s.as_bytes(), fold) => {
                work += s.len();
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
            None if ti == t.len() => return Some(true),
            _ => {}
        }
        // Mismatch: let the last star swallow one more character.
        let Some((sp, st)) = star else { return Some(false) };
        let Some(n) = char_len_at(text, st) else { return Some(false) };
        let mut next = st + n;
        if let Some(R::Lit(s)) = p.get(sp).map(Elem::el) {
            match scan_from(text, next, s, fold, &mut work) {
                Some(k) => next = k,
                None => return Some(false),
            }
        }
        star = Some((sp, next));
        pi = sp;
        ti = next;
    }
}

/// A pattern of literals and stars (no `?`), as literal pieces between
/// stars: the first piece must start the text, the last must end it, and
/// each one between is found at its leftmost place after the previous one
/// (leftmost leaves the most room for the rest, so this never goes back).
/// Each search is linear, so the match is O(len(text) + len(pattern)).
fn pieces<E: Elem>(p: &[E], text: &str, fold: bool) -> bool {
    let mut pieces: Vec<String> = vec![String::new()];
    for e in p {
        match e.el() {
            R::Lit(s) => pieces.last_mut().map_or((), |piece| piece.push_str(&folded(s, fold))),
            R::Sep => pieces.last_mut().map_or((), |piece| piece.push(':')),
            R::Star(_) => pieces.push(String::new()),
            R::Any(_) | R::Never => return false,
        }
    }
    let text = folded(text, fold);
    let text = text.as_ref();
    let (first, rest) = match pieces.split_first() {
        Some((first, rest)) => (first.as_str(), rest),
        None => return text.is_empty(),
    };
    let Some((last, middle)) = rest.split_last() else { return text == first };
    if text.len() < first.len() + last.len() || !text.starts_with(first) || !text.ends_with(last.as_str()) {
        return false;
    }
    let end = text.len() - last.len();
    let mut at = first.len();
    for piece in middle {
        match text.get(at..end).and_then(|window| window.find(piece.as_str())) {
            Some(k) => at += k + piece.len(),
            None => return false,
        }
    }
    true
}

#[cfg(test)]
pub(super) fn pieces_for_tests<E: Elem>(p: &[E], text: &str, fold: bool) -> bool {
    if p.iter().any(|e| matches!(e.el(), R::Any(_))) {
        nfa_free(p, text, fold)
    } else {
        pieces(p, text, fold)
    }
}
