//! The ARN segment matcher: in the first five segments of an ARN
//! (`arn:partition:service:region:account:`) a wildcard stays within its
//! segment; the resource part after them is a plain glob.

use super::glob::glob;
use super::{Elem, ARN_PREFIX_SEGMENTS, R};

/// Number of tokens that belong to the ARN prefix (the first five
/// segments): everything up to the fifth `Sep`, or the whole pattern.
pub(super) fn prefix_len<E: Elem>(toks: &[E]) -> usize {
    let mut seps = 0;
    for (i, t) in toks.iter().enumerate() {
        if t.el() == R::Sep {
            seps += 1;
            if seps == ARN_PREFIX_SEGMENTS {
                return i;
            }
        }
    }
    toks.len()
}

/// The Arn-flavor matcher for patterns whose prefix literals hold no `:`
/// other than the separators: pattern segment `i` (of the first five)
/// must match text segment `i` exactly, since nothing else there can
/// match a colon; the resource part is then a plain glob.
pub(super) fn arn_match<E: Elem>(p: &[E], text: &str, fold: bool) -> bool {
    let plen = prefix_len(p);
    let (prefix, resource) = match p.get(plen..) {
        // `plen` is a `Sep` (the fifth) when the pattern has a resource part.
        Some([_, resource @ ..]) => (p.get(..plen).unwrap_or_default(), Some(resource)),
        _ => (p, None),
    };
    let mut rest = text;
    let mut segs = prefix.split(|t| t.el() == R::Sep).peekable();
    while let Some(seg) = segs.next() {
        let last = segs.peek().is_none() && resource.is_none();
        let (head, tail) = match find_colon(rest) {
            Some(k) => (rest.get(..k).unwrap_or_default(), rest.get(k + 1..)),
            None => (rest, None),
        };
        if last {
            // The pattern ends in this segment. Unless it ends with a
            // colon-spanning `*` (which swallows the rest of the text),
            // the text must end here too.
            let spans = matches!(seg.last().map(Elem::el), Some(R::Star(true)));
            return (spans || tail.is_none()) && glob(seg, head, fold);
        }
        let Some(tail) = tail else { return false };
        if !glob(seg, head, fold) {
            return false;
        }
        rest = tail;
    }
    match resource {
        Some(r) => glob(r, rest, fold),
        // Unreachable: the loop returns at the last segment.
        None => false,
    }
}

/// The offset of the first `:` in `s`. ARN segments are short, and for
/// them a plain byte scan beats setting up a searcher; long texts get
/// `memchr`.
fn find_colon(s: &str) -> Option<usize> {
    const SHORT: usize = 32;
    let b = s.as_bytes();
    match b.iter().take(SHORT).position(|&c| c == b':') {
        Some(k) => Some(k),
        None if b.len() > SHORT => s.get(SHORT..).and_then(|t| t.find(':')).map(|k| k + SHORT),
        None => None,
    }
}
