//! Bit-parallel NFA simulation: the general matcher, used for patterns
//! with `?` and when a policy variable's value puts a `:` in the ARN
//! prefix (and by the tests as a second opinion).
//!
//! The pattern is flattened to one element per character (`*`, `?`, or a
//! character). State bit `i` means "the first `i` elements have matched";
//! a text character moves every state at once, 64 to a machine word
//! (Shift-And, with a self-loop on stars), so a match costs
//! O(len(text) × len(pattern) / 64) and never backtracks (plus one scan of
//! the pattern for each non-ASCII character the table does not keep).

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
/// ASCII characters the pattern names have their masks made up front.
/// Other characters' masks are made when the text first shows them (a scan
/// of the pattern) and kept, up to [`CACHED`] of them, the oldest replaced
/// first: Japanese text repeats its characters, so scans stay rare.
struct Table {
    p: Vec<Ch>,
    ascii: Vec<Option<Bits>>,
    cached: Vec<(char, Bits)>,
    /// Where the next character goes once `cached` is full.
    next_slot: usize,
    /// `?`s (and stars) that accept `:`, and those that accept any other character.
    any_colon: Bits,
    any_other: Bits,
    stars_colon: Bits,
    stars_other: Bits,
    words: usize,
}

/// Non-ASCII characters whose masks are kept.
const CACHED: usize = 64;

impl Table {
    fn new(p: Vec<Ch>, words: usize) -> Table {
        let none = vec![0; words];
        let mut t = Table {
            p: Vec::new(),
            ascii: vec![None; 128],
            cached: Vec::new(),
            next_slot: 0,
            any_colon: none.clone(),
            any_other: none.clone(),
            stars_colon: none.clone(),
            stars_other: none,
            words,
        };
        for (i, e) in p.iter().enumerate() {
            match *e {
                Ch::Char(c) => {
                    if let Some(slot) = t.ascii.get_mut(c as usize) {
                        set(slot.get_or_insert_with(|| vec![0; words]), i);
                    }
                }
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
        t.p = p;
        t
    }

    /// Where the mask of `c` is (made now for a character not seen yet).
    fn find(&mut self, c: char) -> Mask {
        if c.is_ascii() {
            return if self.ascii.get(c as usize).is_some_and(Option::is_some) { Mask::Ascii(c as usize) } else { Mask::Zero };
        }
        if let Some(k) = self.cached.iter().position(|(x, _)| *x == c) {
            return Mask::Cached(k);
        }
        let mut m = vec![0; self.words];
        for (i, e) in self.p.iter().enumerate() {
            if *e == Ch::Char(c) {
                set(&mut m, i);
            }
        }
        if self.cached.len() < CACHED {
            self.cached.push((c, m));
            return Mask::Cached(self.cached.len() - 1);
        }
        let k = self.next_slot;
        self.next_slot = (k + 1) % CACHED;
        if let Some(slot) = self.cached.get_mut(k) {
            *slot = (c, m);
        }
        Mask::Cached(k)
    }

    fn mask(&self, m: Mask) -> Option<&Bits> {
        match m {
            Mask::Ascii(k) => self.ascii.get(k).and_then(Option::as_ref),
            Mask::Cached(k) => self.cached.get(k).map(|(_, m)| m),
            Mask::Zero => None,
        }
    }
}

/// Where a character's mask is kept.
#[derive(Clone, Copy)]
enum Mask {
    Ascii(usize),
    Cached(usize),
    Zero,
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

fn simulate(p: Vec<Ch>, text: &str, fold: bool) -> bool {
    let m = p.len();
    let words = (m + 1).div_ceil(64);
    let mut table = Table::new(p, words);
    let none: Bits = vec![0; words];
    let mut cur: Bits = vec![0; words];
    set(&mut cur, 0);
    close(&mut cur, &table.stars_other);
    let mut next: Bits = vec![0; words];
    for c in text.chars() {
        let c = if fold { c.to_ascii_lowercase() } else { c };
        let found = table.find(c);
        let chars = table.mask(found).unwrap_or(&none);
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
    simulate(flatten(p, fold, false), text, fold)
}

/// Whether `text` matches `p`, every wildcard matching any character.
pub(super) fn nfa_free<E: Elem>(p: &[E], text: &str, fold: bool) -> bool {
    simulate(flatten(p, fold, true), text, fold)
}
