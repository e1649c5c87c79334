//! Bit-parallel NFA simulation: the general matcher, used for patterns
//! with `?` and when a policy variable's value puts a `:` in the ARN
//! prefix (and by the tests as a second opinion).
//!
//! The pattern is flattened to one element per character (`*`, `?`, or a
//! character). State bit `i` means "the first `i` elements have matched";
//! a text character moves every state at once, 64 to a machine word
//! (Shift-And, with a self-loop on stars), so a match costs
//! O(len(text) × len(pattern) / 64) and never backtracks.

use std::collections::BTreeMap;

use super::{Elem, R};

/// One character-level pattern element.
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

/// The elements of `p`, one per character (lower-cased when folding), with
/// runs of stars merged into one (which may match `:` if any of them may:
/// together they match any text the freer one matches). With `all_free`,
/// every wildcard may match `:`.
fn flatten<E: Elem>(p: &[E], fold: bool, all_free: bool) -> Vec<Ch> {
    let mut out: Vec<Ch> = Vec::new();
    for e in p {
        match e.el() {
            R::Lit(s) => out.extend(s.chars().map(|c| Ch::Char(if fold { c.to_ascii_lowercase() } else { c }))),
            R::Sep => out.push(Ch::Char(':')),
            R::Any(c) => out.push(Ch::Any(c || all_free)),
            R::Star(c) => match out.last_mut() {
                Some(Ch::Star(prev)) => *prev |= c || all_free,
                _ => out.push(Ch::Star(c || all_free)),
            },
            R::Never => out.push(Ch::Never),
        }
    }
    out
}

/// A set of states, one bit each.
type Bits = Vec<u64>;

fn set(bits: &mut Bits, i: usize) {
    if let Some(w) = bits.get_mut(i / 64) {
        *w |= 1 << (i % 64);
    }
}

fn get(bits: &Bits, i: usize) -> bool {
    bits.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 == 1)
}

/// The states each character advances (`i` → `i + 1`): the pattern
/// positions holding that character, plus the `?`s that accept it.
///
/// Masks are kept for every ASCII character the pattern names and for its
/// [`CACHED`] most frequent other characters; any other character has few
/// positions (fewer than 1/`CACHED` of the pattern), so its mask is made
/// when it is read. Memory stays O(len(pattern) × [`CACHED`] / 64) and each
/// text character costs O(len(pattern) / 64).
struct Table {
    positions: BTreeMap<char, Vec<usize>>,
    ascii: Vec<Option<Bits>>,
    cached: BTreeMap<char, Bits>,
    /// `?`s (and stars) that accept `:`, and those that accept any other character.
    any_colon: Bits,
    any_other: Bits,
    stars_colon: Bits,
    stars_other: Bits,
    words: usize,
}

/// Non-ASCII characters whose masks are made up front.
const CACHED: usize = 256;

impl Table {
    fn new(p: &[Ch], words: usize) -> Table {
        let mut t = Table {
            positions: BTreeMap::new(),
            ascii: vec![None; 128],
            cached: BTreeMap::new(),
            any_colon: vec![0; words],
            any_other: vec![0; words],
            stars_colon: vec![0; words],
            stars_other: vec![0; words],
            words,
        };
        for (i, e) in p.iter().enumerate() {
            match *e {
                Ch::Char(c) => t.positions.entry(c).or_default().push(i),
                Ch::Any(free) => {
                    set(&mut t.any_other, i);
                    if free {
                        set(&mut t.any_colon, i);
                    }
                }
                Ch::Star(free) => {
                    set(&mut t.stars_other, i);
                    if free {
                        set(&mut t.stars_colon, i);
                    }
                }
                Ch::Never => {}
            }
        }
        let mut frequent: Vec<(&char, &Vec<usize>)> = t.positions.iter().filter(|(c, _)| !c.is_ascii()).collect();
        frequent.sort_by_key(|(_, at)| std::cmp::Reverse(at.len()));
        let cached: BTreeMap<char, Bits> = frequent.iter().take(CACHED).map(|(c, at)| (**c, t.mask(at))).collect();
        let ascii: Vec<Option<Bits>> = (0u8..128).map(|b| t.positions.get(&char::from(b)).map(|at| t.mask(at))).collect();
        t.cached = cached;
        t.ascii = ascii;
        t
    }

    fn mask(&self, at: &[usize]) -> Bits {
        let mut m = vec![0; self.words];
        for &i in at {
            set(&mut m, i);
        }
        m
    }

    /// The positions `c` advances, as a mask (made now for a rare character).
    fn chars(&self, c: char) -> Option<std::borrow::Cow<'_, Bits>> {
        let m = match self.ascii.get(c as usize) {
            Some(slot) => slot.as_ref(),
            None => self.cached.get(&c),
        };
        match m {
            Some(m) => Some(std::borrow::Cow::Borrowed(m)),
            None => self.positions.get(&c).map(|at| std::borrow::Cow::Owned(self.mask(at))),
        }
    }
}

/// `set |= set & stars` moved one state on: a star may match nothing.
fn close(bits: &mut Bits, stars: &Bits) {
    let mut carry = 0u64;
    for (w, s) in bits.iter_mut().zip(stars) {
        let moved = *w & s;
        let out = moved >> 63;
        *w |= (moved << 1) | carry;
        carry = out;
    }
}

fn simulate(p: &[Ch], text: &str, fold: bool) -> bool {
    let m = p.len();
    let words = (m + 1).div_ceil(64);
    let table = Table::new(p, words);
    let none: Bits = vec![0; words];
    let mut cur: Bits = vec![0; words];
    set(&mut cur, 0);
    close(&mut cur, &table.stars_other);
    let mut next: Bits = vec![0; words];
    for c in text.chars() {
        let c = if fold { c.to_ascii_lowercase() } else { c };
        let chars = table.chars(c);
        let chars = chars.as_deref().unwrap_or(&none);
        let (any, stay) = if c == ':' { (&table.any_colon, &table.stars_colon) } else { (&table.any_other, &table.stars_other) };
        let mut carry = 0u64;
        let mut alive = 0u64;
        for ((((n, &cw), &ch), &an), &st) in next.iter_mut().zip(&cur).zip(chars).zip(any).zip(stay) {
            let moved = cw & (ch | an);
            *n = (moved << 1) | carry | (cw & st);
            carry = moved >> 63;
            alive |= *n;
        }
        if alive == 0 {
            return false;
        }
        // A star may match nothing, whatever character comes next.
        close(&mut next, &table.stars_other);
        std::mem::swap(&mut cur, &mut next);
    }
    get(&cur, m)
}

/// Whether `text` matches `p`, honouring which wildcards may match `:`.
pub(super) fn nfa<E: Elem>(p: &[E], text: &str, fold: bool) -> bool {
    simulate(&flatten(p, fold, false), text, fold)
}

/// Whether `text` matches `p`, every wildcard matching any character.
pub(super) fn nfa_free<E: Elem>(p: &[E], text: &str, fold: bool) -> bool {
    simulate(&flatten(p, fold, true), text, fold)
}
