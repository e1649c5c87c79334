//! The encoder: LZ77 (hash chains, 32 KiB window, bounded chains, one-step lazy
//! matching) and one final block, whichever of dynamic Huffman, fixed Huffman or
//! stored is smallest.

use super::tables::*;

const WINDOW: usize = 32 * 1024;
const WMASK: usize = WINDOW - 1;
const HASH_BITS: u32 = 15;
const MIN_MATCH: usize = 3;
const MAX_MATCH: usize = 258;
/// Candidates examined per position: bounds the work per byte, so compression is linear-time.
const MAX_CHAIN: usize = 128;
/// Matches at least this long are taken without trying a lazy match at the next position.
const LAZY_LIMIT: usize = 32;
/// A length-3 match farther than this costs more bits than three literals (same heuristic as zlib).
const TOO_FAR: usize = 4096;

#[derive(Clone, Copy)]
enum Token {
    Lit(u8),
    Match { len: u16, dist: u16 },
}

/// Hash-chain match finder. `head[h]` / `prev[pos & WMASK]` hold `position + 1` (0 means "none").
struct Matcher<'a> {
    data: &'a [u8],
    head: Vec<usize>,
    prev: Vec<usize>,
    inserted: usize,
}

impl<'a> Matcher<'a> {
    fn new(data: &'a [u8]) -> Self {
        Self { data, head: vec![0; 1 << HASH_BITS], prev: vec![0; WINDOW], inserted: 0 }
    }

    fn hash(&self, pos: usize) -> Option<usize> {
        let &[a, b, c] = self.data.get(pos..pos + MIN_MATCH)? else { return None };
        let v = u32::from(a) | u32::from(b) << 8 | u32::from(c) << 16;
        Some((v.wrapping_mul(0x9E37_79B1) >> (32 - HASH_BITS)) as usize)
    }

    /// Adds every position below `end` to the hash chains.
    fn insert_upto(&mut self, end: usize) {
        while self.inserted < end {
            let pos = self.inserted;
            if let Some(h) = self.hash(pos) {
                if let (Some(head), Some(prev)) = (self.head.get_mut(h), self.prev.get_mut(pos & WMASK)) {
                    *prev = *head;
                    *head = pos + 1;
                }
            }
            self.inserted += 1;
        }
    }

    /// Longest earlier match for the data at `pos` (which must not be inserted yet): `(length, distance)`.
    fn find(&self, pos: usize) -> (usize, usize) {
        let max = MAX_MATCH.min(self.data.len().saturating_sub(pos));
        let (Some(h), Some(cur)) = (self.hash(pos), self.data.get(pos..pos + max)) else { return (0, 0) };
        let mut best = (0, 0);
        let mut cand = self.head.get(h).copied().unwrap_or(0);
        for _ in 0..MAX_CHAIN {
            let Some(c) = cand.checked_sub(1).filter(|&c| c < pos && pos - c <= WINDOW) else { break };
            // Cheap rejection: a better match must agree at index best.0.
            if best.0 == 0 || self.data.get(c + best.0) == cur.get(best.0) {
                let len = self.data.get(c..).unwrap_or_default().iter().zip(cur).take_while(|(a, b)| a == b).count();
                if len > best.0 {
                    best = (len, pos - c);
                    if len >= max {
                        break;
                    }
                }
            }
            let next = self.prev.get(c & WMASK).copied().unwrap_or(0);
            if next >= cand {
                break; // chains only go backwards; anything else is a stale slot
            }
            cand = next;
        }
        if best.0 < MIN_MATCH || (best.0 == MIN_MATCH && best.1 > TOO_FAR) {
            (0, 0)
        } else {
            best
        }
    }
}

/// Greedy LZ77 parse with one-step lazy evaluation.
fn lz77(data: &[u8]) -> Vec<Token> {
    let mut m = Matcher::new(data);
    let mut tokens = Vec::with_capacity(data.len() / 3 + 16);
    let mut pos = 0;
    let mut pending = None;
    while let Some(&byte) = data.get(pos) {
        m.insert_upto(pos);
        let (len, dist) = pending.take().unwrap_or_else(|| m.find(pos));
        if len >= MIN_MATCH {
            if len < LAZY_LIMIT {
                m.insert_upto(pos + 1);
                let next = m.find(pos + 1);
                if next.0 > len {
                    tokens.push(Token::Lit(byte));
                    pos += 1;
                    pending = Some(next);
                    continue;
                }
            }
            tokens.push(Token::Match { len: len as u16, dist: dist as u16 });
            pos += len;
        } else {
            tokens.push(Token::Lit(byte));
            pos += 1;
        }
    }
    tokens
}

// ---------------------------------------------------------------------------------------------------------------------
// Encoder: Huffman codes and bit output
// ---------------------------------------------------------------------------------------------------------------------

/// Picks the lighter of the next unused leaf (`leaves[*nl]`, `*nl < n`) and internal node (`*ni < k`).
fn pick(weight: &[u64], n: usize, k: usize, nl: &mut usize, ni: &mut usize) -> usize {
    let leaf = weight.get(*nl).filter(|_| *nl < n);
    let node = weight.get(*ni).filter(|_| *ni < k);
    let take_leaf = match (leaf, node) {
        (Some(a), Some(b)) => a <= b,
        (l, _) => l.is_some(),
    };
    let slot = if take_leaf { nl } else { ni };
    *slot += 1;
    *slot - 1
}

/// Optimal (unlimited) Huffman code lengths via the two-queue method. Symbols with weight 0 get length 0.
fn huffman_lengths(freqs: &[u64]) -> Vec<u8> {
    let mut leaves: Vec<(u64, usize)> = freqs.iter().enumerate().filter(|&(_, &w)| w > 0).map(|(s, &w)| (w, s)).collect();
    leaves.sort_unstable();
    let n = leaves.len();
    let mut lens = vec![0u8; freqs.len()];
    if n < 2 {
        for &(_, s) in &leaves {
            if let Some(l) = lens.get_mut(s) {
                *l = 1;
            }
        }
        return lens;
    }
    // Nodes 0..n are the sorted leaves, n..2n-1 internal nodes created in non-decreasing weight order.
    let mut weight: Vec<u64> = leaves.iter().map(|l| l.0).collect();
    let mut parent = vec![0usize; 2 * n - 1];
    let (mut nl, mut ni) = (0, n);
    for k in n..2 * n - 1 {
        let a = pick(&weight, n, k, &mut nl, &mut ni);
        let b = pick(&weight, n, k, &mut nl, &mut ni);
        weight.push(weight.get(a).copied().unwrap_or(0) + weight.get(b).copied().unwrap_or(0));
        for child in [a, b] {
            if let Some(p) = parent.get_mut(child) {
                *p = k;
            }
        }
    }
    // Parents have larger indices than children, so one backwards pass computes every depth.
    let mut depth = vec![0u32; 2 * n - 1];
    for i in (0..2 * n - 2).rev() {
        let d = parent.get(i).and_then(|&p| depth.get(p)).copied().unwrap_or(0) + 1;
        if let Some(slot) = depth.get_mut(i) {
            *slot = d;
        }
    }
    for (&(_, s), &d) in leaves.iter().zip(&depth) {
        if let Some(l) = lens.get_mut(s) {
            *l = u8::try_from(d).unwrap_or(u8::MAX);
        }
    }
    lens
}

/// Huffman code lengths limited to `limit` bits. At least two symbols always get a code, so the code is complete
/// (some decoders reject the incomplete one-symbol code). If the optimal code is too deep, frequencies are halved
/// (keeping them non-zero) until it fits; with all weights equal to 1 the depth is ceil(log2 n) <= limit, so this ends.
fn limited_lengths(freqs: &[u32], limit: u8) -> Vec<u8> {
    let mut f: Vec<u64> = freqs.iter().map(|&x| u64::from(x)).collect();
    let mut used = f.iter().filter(|&&x| x > 0).count();
    for x in f.iter_mut() {
        if used < 2 && *x == 0 {
            *x = 1;
            used += 1;
        }
    }
    loop {
        let lens = huffman_lengths(&f);
        if lens.iter().all(|&l| l <= limit) {
            return lens;
        }
        for x in f.iter_mut().filter(|x| **x > 0) {
            *x = x.div_ceil(2);
        }
    }
}

/// Canonical codes (§3.2.2) for `lens`, bit-reversed because DEFLATE sends Huffman codes most significant bit first.
fn canonical_codes(lens: &[u8]) -> Vec<u16> {
    let mut count = [0u16; 16];
    for &l in lens.iter().filter(|&&l| l > 0) {
        if let Some(c) = count.get_mut(usize::from(l)) {
            *c += 1;
        }
    }
    let mut next = [0u16; 16];
    let mut code = 0u16;
    for (bits, slot) in next.iter_mut().enumerate().skip(1) {
        code = (code + count.get(bits - 1).copied().unwrap_or(0)) << 1;
        *slot = code;
    }
    lens.iter()
        .map(|&l| match next.get_mut(usize::from(l)) {
            Some(c) if l > 0 => {
                *c += 1;
                (*c - 1).reverse_bits() >> (16 - l)
            }
            _ => 0,
        })
        .collect()
}

/// LSB-first bit writer.
#[derive(Default)]
pub(super) struct BitWriter {
    pub(super) out: Vec<u8>,
    acc: u64,
    nbits: u32,
}

impl BitWriter {
    pub(super) fn put(&mut self, bits: u32, count: u32) {
        self.acc |= u64::from(bits) << self.nbits;
        self.nbits += count;
        while self.nbits >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.nbits -= 8;
        }
    }

    pub(super) fn align(&mut self) {
        if self.nbits > 0 {
            self.put(0, 8 - self.nbits);
        }
    }
}

/// A Huffman code ready for writing: lengths plus bit-reversed canonical codes.
struct Code {
    lens: Vec<u8>,
    codes: Vec<u16>,
}

impl Code {
    fn new(lens: Vec<u8>) -> Self {
        let codes = canonical_codes(&lens);
        Self { lens, codes }
    }

    fn len(&self, sym: usize) -> u32 {
        u32::from(self.lens.get(sym).copied().unwrap_or(0))
    }

    fn put(&self, w: &mut BitWriter, sym: usize) {
        w.put(u32::from(self.codes.get(sym).copied().unwrap_or(0)), self.len(sym));
    }

    /// Bits needed to send symbols with frequencies `freqs` (with their extra bits).
    fn cost(&self, freqs: &[u32], extra: impl Fn(usize) -> u32) -> u64 {
        freqs.iter().enumerate().map(|(s, &f)| u64::from(f) * u64::from(self.len(s) + extra(s))).sum()
    }
}

fn lit_extra(sym: usize) -> u32 {
    sym.checked_sub(257).and_then(|i| LEN_EXTRA.get(i)).map_or(0, |&e| u32::from(e))
}

fn dist_extra(sym: usize) -> u32 {
    DIST_EXTRA.get(sym).map_or(0, |&e| u32::from(e))
}

/// Run-length encodes code lengths with symbols 16 (repeat previous 3-6), 17 (3-10 zeros), 18 (11-138 zeros).
/// Returns `(symbol, extra bits value)` pairs.
fn rle_lengths(lens: &[u8]) -> Vec<(u8, u8)> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&l) = lens.get(i) {
        let mut run = lens.get(i..).unwrap_or_default().iter().take_while(|&&x| x == l).count();
        i += run;
        if l == 0 {
            while run >= 11 {
                let r = run.min(138);
                out.push((18, (r - 11) as u8));
                run -= r;
            }
            if run >= 3 {
                out.push((17, (run - 3) as u8));
                run = 0;
            }
        } else {
            out.push((l, 0));
            run -= 1;
            while run >= 3 {
                let r = run.min(6);
                out.push((16, (r - 3) as u8));
                run -= r;
            }
        }
        out.extend(std::iter::repeat_n((l, 0), run));
    }
    out
}

fn cl_extra_bits(sym: u8) -> u32 {
    match sym {
        16 => 2,
        17 => 3,
        18 => 7,
        _ => 0,
    }
}

/// Writes the tokens (and end-of-block) with the given codes.
fn write_tokens(w: &mut BitWriter, tokens: &[Token], lit: &Code, dist: &Code) {
    for &t in tokens {
        match t {
            Token::Lit(b) => lit.put(w, usize::from(b)),
            Token::Match { len, dist: d } => {
                let (li, lv, lb) = code_for(len, &LEN_BASE, &LEN_EXTRA);
                lit.put(w, 257 + li);
                w.put(lv, lb);
                let (di, dv, db) = code_for(d, &DIST_BASE, &DIST_EXTRA);
                dist.put(w, di);
                w.put(dv, db);
            }
        }
    }
    lit.put(w, 256);
}

/// Raw DEFLATE of `data` as one final block (or, when storing, as many ≤ 65 535-byte stored blocks as needed).
pub(super) fn deflate(data: &[u8]) -> Vec<u8> {
    let tokens = lz77(data);
    let mut lit_freq = [0u32; NUM_LIT];
    let mut dist_freq = [0u32; NUM_DIST];
    let bump = |table: &mut [u32], i: usize| {
        if let Some(f) = table.get_mut(i) {
            *f += 1;
        }
    };
    for &t in &tokens {
        match t {
            Token::Lit(b) => bump(&mut lit_freq, usize::from(b)),
            Token::Match { len, dist } => {
                bump(&mut lit_freq, 257 + code_for(len, &LEN_BASE, &LEN_EXTRA).0);
                bump(&mut dist_freq, code_for(dist, &DIST_BASE, &DIST_EXTRA).0);
            }
        }
    }
    bump(&mut lit_freq, 256);

    // Dynamic block: codes, header size, total size.
    let dyn_lit = Code::new(limited_lengths(&lit_freq, 15));
    let dyn_dist = Code::new(limited_lengths(&dist_freq, 15));
    let hlit = dyn_lit.lens.iter().rposition(|&l| l > 0).map_or(0, |p| p + 1).max(257);
    let hdist = dyn_dist.lens.iter().rposition(|&l| l > 0).map_or(0, |p| p + 1).max(1);
    let all_lens: Vec<u8> = dyn_lit.lens.iter().take(hlit).chain(dyn_dist.lens.iter().take(hdist)).copied().collect();
    let rle = rle_lengths(&all_lens);
    let mut cl_freq = [0u32; 19];
    for &(s, _) in &rle {
        bump(&mut cl_freq, usize::from(s));
    }
    let cl = Code::new(limited_lengths(&cl_freq, 7));
    let hclen = CL_ORDER.iter().rposition(|&s| cl.len(s) > 0).map_or(0, |p| p + 1).max(4);
    let header_bits = 14 + 3 * hclen as u64 + rle.iter().map(|&(s, _)| u64::from(cl.len(usize::from(s)) + cl_extra_bits(s))).sum::<u64>();
    let dyn_bits = 3 + header_bits + dyn_lit.cost(&lit_freq, lit_extra) + dyn_dist.cost(&dist_freq, dist_extra);

    let fix_lit = Code::new(fixed_lit_lengths().to_vec());
    let fix_dist = Code::new(vec![5; NUM_DIST]);
    let fix_bits = 3 + fix_lit.cost(&lit_freq, lit_extra) + fix_dist.cost(&dist_freq, dist_extra);

    let stored_bits = 40 * data.len().div_ceil(65_535).max(1) as u64 + 8 * data.len() as u64;

    let mut w = BitWriter::default();
    if stored_bits <= dyn_bits.min(fix_bits) {
        let mut chunks = data.chunks(65_535).peekable();
        if chunks.peek().is_none() {
            w.put(1, 3);
            w.align();
            w.put(0xFFFF_0000, 32);
        }
        while let Some(chunk) = chunks.next() {
            w.put(u32::from(chunks.peek().is_none()), 3); // BFINAL on the last chunk, BTYPE = 00
            w.align();
            let len = chunk.len() as u32;
            w.put(len | (!len & 0xFFFF) << 16, 32);
            w.out.extend_from_slice(chunk);
        }
    } else if dyn_bits < fix_bits {
        w.put(0b101, 3); // BFINAL = 1, BTYPE = 10
        w.put((hlit - 257) as u32, 5);
        w.put((hdist - 1) as u32, 5);
        w.put((hclen - 4) as u32, 4);
        for &s in CL_ORDER.iter().take(hclen) {
            w.put(cl.len(s), 3);
        }
        for &(s, extra) in &rle {
            cl.put(&mut w, usize::from(s));
            w.put(u32::from(extra), cl_extra_bits(s));
        }
        write_tokens(&mut w, &tokens, &dyn_lit, &dyn_dist);
    } else {
        w.put(0b011, 3); // BFINAL = 1, BTYPE = 01
        write_tokens(&mut w, &tokens, &fix_lit, &fix_dist);
    }
    w.align();
    w.out
}
