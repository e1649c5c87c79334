//! Share-link payload codec for `#s=<payload>` URLs.
//!
//! # Format
//!
//! `payload = base64url(deflate_raw(utf8(scenario_json)))`
//!
//! * `deflate_raw` is plain RFC 1951 DEFLATE with no zlib/gzip wrapper, i.e. exactly what the browser's
//!   `CompressionStream("deflate-raw")` and Node's `zlib.deflateRawSync` produce and consume.
//! * `base64url` is RFC 4648 §5 (`-` and `_`), written without `=` padding so the payload needs no URL escaping.
//!   The decoder is lenient: it also accepts padding, the standard alphabet (`+` `/`) and ASCII whitespace
//!   (links often get wrapped or mangled by chat clients).
//!
//! [`encode`] uses LZ77 (hash chains, 32 KiB window, bounded chain length, one-step lazy matching) followed by a single
//! final block, choosing whichever of dynamic Huffman, fixed Huffman or stored is smallest.
//!
//! [`decode`] is a complete, strict inflater (stored, fixed and dynamic blocks, any number of blocks). It never panics,
//! runs in time linear in input + output, and refuses to produce more than [`MAX_DECODED`] bytes, so a hostile link
//! (a "zip bomb") cannot exhaust memory.

use std::fmt;

/// Largest decompressed scenario accepted by [`decode`], in bytes (256 KiB).
pub const MAX_DECODED: usize = 262_144;

/// Largest compressed size worth inflating. Even stored blocks only add 5 bytes per 65 535, so anything much bigger
/// than [`MAX_DECODED`] cannot be a legitimate payload; refusing it early bounds the base64 buffer too.
const MAX_COMPRESSED: usize = MAX_DECODED + MAX_DECODED / 64 + 1024;

/// Why a share payload could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Not base64/base64url: `offset` is the character offset in the payload.
    Base64 { offset: usize },
    /// Corrupt DEFLATE stream: `offset` is the byte offset in the compressed data.
    Deflate { offset: usize, reason: &'static str },
    /// The decompressed text (or the compressed data) exceeds [`MAX_DECODED`].
    TooLarge,
    /// The decompressed bytes are not UTF-8: `offset` is the byte offset in the decompressed text.
    NotUtf8 { offset: usize },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Base64 { offset } => write!(f, "The share link is not valid base64 at character {offset} of the payload."),
            Self::Deflate { offset, reason } => {
                write!(f, "The share link's compressed data is corrupt at byte {offset}: {reason}.")
            }
            Self::TooLarge => write!(f, "The shared scenario is larger than the {} KiB limit.", MAX_DECODED / 1024),
            Self::NotUtf8 { offset } => write!(f, "The shared scenario is not valid UTF-8 text at byte {offset} after decompression."),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Compresses `text` with raw DEFLATE (RFC 1951, what the browser's `CompressionStream("deflate-raw")`
/// produces/consumes) and encodes it as unpadded base64url (RFC 4648 §5).
///
/// ```
/// use playground::share::{decode, encode};
///
/// let scenario = r#"{"Scenario": 1, "Title": "ロール", "Steps": [{"Advance": 60}, {"Advance": 60}]}"#;
/// let payload = encode(scenario);
/// // Safe in a URL fragment as it is: no `+`, `/`, `=` or other escapes needed.
/// assert!(payload.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
/// assert_eq!(decode(&payload).as_deref(), Ok(scenario));
/// ```
pub fn encode(text: &str) -> String {
    base64url(&deflate(text.as_bytes()))
}

/// Decodes a payload made by [`encode`] or by any standard raw-DEFLATE compressor followed by base64 or base64url
/// (padded or not; ASCII whitespace is ignored).
///
/// ```
/// use playground::share::{decode, encode, DecodeError};
///
/// let payload = encode("{\"Scenario\": 1}");
/// // A link wrapped by a chat client still decodes.
/// let (head, tail) = payload.split_at(payload.len() / 2);
/// assert_eq!(decode(&format!("{head}\n  {tail}")).as_deref(), Ok("{\"Scenario\": 1}"));
/// // A mangled one says where it broke.
/// assert_eq!(decode("ab*cd"), Err(DecodeError::Base64 { offset: 2 }));
/// ```
pub fn decode(payload: &str) -> Result<String, DecodeError> {
    let compressed = unbase64(payload)?;
    let bytes = inflate(&compressed)?;
    String::from_utf8(bytes).map_err(|e| DecodeError::NotUtf8 { offset: e.utf8_error().valid_up_to() })
}

// ---------------------------------------------------------------------------------------------------------------------
// Base64
// ---------------------------------------------------------------------------------------------------------------------

fn b64_char(v: u32) -> char {
    let c = match v & 63 {
        v @ 0..=25 => b'A' + v as u8,
        v @ 26..=51 => b'a' + (v - 26) as u8,
        v @ 52..=61 => b'0' + (v - 52) as u8,
        62 => b'-',
        _ => b'_',
    };
    char::from(c)
}

fn b64_value(c: char) -> Option<u32> {
    Some(match c {
        'A'..='Z' => c as u32 - 'A' as u32,
        'a'..='z' => c as u32 - 'a' as u32 + 26,
        '0'..='9' => c as u32 - '0' as u32 + 52,
        '-' | '+' => 62,
        '_' | '/' => 63,
        _ => return None,
    })
}

fn base64url(data: &[u8]) -> String {
    let mut s = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        // Pack up to three bytes big-endian into 24 bits; a partial group of n bytes yields n + 1 characters.
        let group = chunk.iter().zip([16u32, 8, 0]).fold(0u32, |acc, (&b, shift)| acc | u32::from(b) << shift);
        for shift in [18u32, 12, 6, 0].into_iter().take(chunk.len() + 1) {
            s.push(b64_char(group >> shift));
        }
    }
    s
}

fn unbase64(payload: &str) -> Result<Vec<u8>, DecodeError> {
    let mut out = Vec::with_capacity((payload.len() / 4 * 3 + 3).min(MAX_COMPRESSED));
    let (mut acc, mut nbits, mut ndata, mut npad) = (0u32, 0u32, 0usize, 0usize);
    let (mut last_data, mut first_pad) = (0usize, 0usize);
    for (offset, c) in payload.chars().enumerate() {
        if c.is_ascii_whitespace() {
            continue;
        }
        if c == '=' {
            if npad == 0 {
                first_pad = offset;
            }
            npad += 1;
            if npad > 2 {
                return Err(DecodeError::Base64 { offset });
            }
            continue;
        }
        let value = b64_value(c).ok_or(DecodeError::Base64 { offset })?;
        if npad > 0 {
            return Err(DecodeError::Base64 { offset }); // data after padding
        }
        acc = (acc << 6) | value;
        nbits += 6;
        ndata += 1;
        last_data = offset;
        if nbits >= 8 {
            nbits -= 8;
            out.push((acc >> nbits) as u8);
            acc &= (1 << nbits) - 1;
            if out.len() > MAX_COMPRESSED {
                return Err(DecodeError::TooLarge);
            }
        }
    }
    if ndata % 4 == 1 {
        return Err(DecodeError::Base64 { offset: last_data }); // a lone trailing character carries < 8 bits
    }
    if npad > 0 && (ndata + npad) % 4 != 0 {
        return Err(DecodeError::Base64 { offset: first_pad });
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------------------------------
// DEFLATE tables (RFC 1951 §3.2.5 and §3.2.7)
// ---------------------------------------------------------------------------------------------------------------------

const LEN_BASE: [u16; 29] =
    [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LEN_EXTRA: [u8; 29] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385,
    24577,
];
const DIST_EXTRA: [u8; 30] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
/// Order in which code-length code lengths are transmitted.
const CL_ORDER: [usize; 19] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
/// Number of literal/length symbols (286 and 287 exist in the fixed code but are invalid) and distance symbols.
const NUM_LIT: usize = 286;
const NUM_DIST: usize = 30;

/// Code lengths of the fixed literal/length code (§3.2.6); the fixed distance code is 5 bits for every symbol.
fn fixed_lit_lengths() -> [u8; 288] {
    let mut lens = [8u8; 288];
    for (sym, len) in lens.iter_mut().enumerate() {
        *len = match sym {
            0..=143 => 8,
            144..=255 => 9,
            256..=279 => 7,
            _ => 8,
        };
    }
    lens
}

/// Length/distance symbol index for a value: the last table entry whose base is `<= value`, plus the extra bits.
fn code_for(value: u16, base: &[u16], extra: &[u8]) -> (usize, u32, u32) {
    let idx = base.iter().rposition(|&b| b <= value).unwrap_or(0);
    let b = base.get(idx).copied().unwrap_or(0);
    let e = extra.get(idx).copied().unwrap_or(0);
    (idx, u32::from(value.saturating_sub(b)), u32::from(e))
}

// ---------------------------------------------------------------------------------------------------------------------
// Encoder: LZ77
// ---------------------------------------------------------------------------------------------------------------------

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
struct BitWriter {
    out: Vec<u8>,
    acc: u64,
    nbits: u32,
}

impl BitWriter {
    fn put(&mut self, bits: u32, count: u32) {
        self.acc |= u64::from(bits) << self.nbits;
        self.nbits += count;
        while self.nbits >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.nbits -= 8;
        }
    }

    fn align(&mut self) {
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
fn deflate(data: &[u8]) -> Vec<u8> {
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

// ---------------------------------------------------------------------------------------------------------------------
// Decoder (inflate)
// ---------------------------------------------------------------------------------------------------------------------

/// Canonical Huffman decoding table in the style of zlib's `puff.c`: the number of codes of each length and the
/// symbols ordered by (length, symbol). Decoding walks at most 15 lengths per symbol.
struct Huffman {
    count: [u16; 16],
    symbol: Vec<u16>,
}

impl Huffman {
    /// Builds the table; rejects over-subscribed codes. Incomplete codes are accepted here and checked by the caller.
    fn new(lens: &[u8]) -> Result<Self, &'static str> {
        let mut count = [0u16; 16];
        for &l in lens {
            *count.get_mut(usize::from(l)).ok_or("invalid code length")? += 1;
        }
        let mut left = 1i32;
        for &c in count.iter().skip(1) {
            left = (left << 1) - i32::from(c);
            if left < 0 {
                return Err("over-subscribed Huffman code");
            }
        }
        // A stable sort by length keeps symbols of equal length in increasing order, as canonical codes require.
        let mut symbol: Vec<u16> = (0u16..).zip(lens).filter(|&(_, &l)| l > 0).map(|(s, _)| s).collect();
        symbol.sort_by_key(|&s| lens.get(usize::from(s)).copied().unwrap_or(0));
        Ok(Self { count, symbol })
    }

    /// True if the code uses the whole code space, or is the single one-bit code the RFC allows (or empty).
    fn acceptable(&self) -> bool {
        self.unused() == 0 || self.count.iter().skip(2).all(|&c| c == 0)
    }

    /// Code space left unused, in units of 2^-15 (0 for a complete code).
    fn unused(&self) -> i32 {
        self.count.iter().skip(1).fold(1i32, |left, &c| (left << 1) - i32::from(c))
    }
}

struct Inflater<'a> {
    data: &'a [u8],
    /// Position in `data`, in bits.
    bit: usize,
    out: Vec<u8>,
}

impl Inflater<'_> {
    fn err(&self, reason: &'static str) -> DecodeError {
        DecodeError::Deflate { offset: (self.bit / 8).min(self.data.len()), reason }
    }

    fn bits(&mut self, n: u32) -> Result<u32, DecodeError> {
        let mut v = 0;
        for i in 0..n {
            let byte = self.data.get(self.bit / 8).copied().ok_or_else(|| self.err("unexpected end of data"))?;
            v |= u32::from((byte >> (self.bit % 8)) & 1) << i;
            self.bit += 1;
        }
        Ok(v)
    }

    /// Reads one Huffman-coded symbol (the code's bits arrive most significant first).
    fn symbol(&mut self, h: &Huffman) -> Result<usize, DecodeError> {
        let (mut code, mut first, mut index) = (0i32, 0i32, 0i32);
        for &count in h.count.iter().skip(1) {
            code |= self.bits(1)? as i32;
            let count = i32::from(count);
            if code - first < count {
                let i = usize::try_from(index + code - first).unwrap_or(usize::MAX);
                return h.symbol.get(i).map(|&s| usize::from(s)).ok_or_else(|| self.err("invalid Huffman code"));
            }
            index += count;
            first = (first + count) << 1;
            code <<= 1;
        }
        Err(self.err("invalid Huffman code"))
    }

    /// Makes room for `n` more output bytes, enforcing [`MAX_DECODED`] and never over-allocating past it.
    fn reserve(&mut self, n: usize) -> Result<(), DecodeError> {
        let len = self.out.len();
        if len + n > MAX_DECODED {
            return Err(DecodeError::TooLarge);
        }
        if self.out.capacity() - len < n {
            let target = (self.out.capacity() * 2).max(len + n).clamp(4096, MAX_DECODED);
            self.out.reserve_exact(target - len);
        }
        Ok(())
    }

    fn stored(&mut self) -> Result<(), DecodeError> {
        self.bit = self.bit.div_ceil(8) * 8;
        let len = self.bits(16)?;
        if self.bits(16)? != !len & 0xFFFF {
            return Err(self.err("stored block length does not match its complement"));
        }
        let len = len as usize;
        let start = self.bit / 8;
        let chunk = self.data.get(start..start + len).ok_or_else(|| self.err("stored block runs past the end of data"))?;
        self.reserve(len)?;
        self.out.extend_from_slice(chunk);
        self.bit += 8 * len;
        Ok(())
    }

    fn dynamic_tables(&mut self) -> Result<(Huffman, Huffman), DecodeError> {
        let nlen = self.bits(5)? as usize + 257;
        let ndist = self.bits(5)? as usize + 1;
        let ncode = self.bits(4)? as usize + 4;
        if nlen > NUM_LIT || ndist > NUM_DIST {
            return Err(self.err("too many length or distance symbols"));
        }
        let mut cl = [0u8; 19];
        for &i in CL_ORDER.iter().take(ncode) {
            let v = self.bits(3)? as u8;
            if let Some(slot) = cl.get_mut(i) {
                *slot = v;
            }
        }
        let clh = Huffman::new(&cl).map_err(|r| self.err(r))?;
        if clh.unused() != 0 {
            return Err(self.err("incomplete code-length code"));
        }
        let mut lens = [0u8; NUM_LIT + NUM_DIST];
        let total = nlen + ndist;
        let mut i = 0;
        while i < total {
            let (value, repeat) = match self.symbol(&clh)? {
                sym @ 0..=15 => (sym as u8, 1),
                16 => {
                    let prev = i.checked_sub(1).and_then(|p| lens.get(p)).copied();
                    let prev = prev.ok_or_else(|| self.err("length repeat with no previous length"))?;
                    (prev, 3 + self.bits(2)? as usize)
                }
                17 => (0, 3 + self.bits(3)? as usize),
                _ => (0, 11 + self.bits(7)? as usize),
            };
            let run = lens.get_mut(i..i + repeat).filter(|_| i + repeat <= total);
            run.ok_or_else(|| self.err("code length repeat runs past the last symbol"))?.fill(value);
            i += repeat;
        }
        let (lit, rest) = lens.split_at_checked(nlen).unwrap_or_default();
        let dist = rest.get(..ndist).unwrap_or_default();
        if lit.get(256).is_none_or(|&l| l == 0) {
            return Err(self.err("missing end-of-block code"));
        }
        let lit = Huffman::new(lit).map_err(|r| self.err(r))?;
        let dist = Huffman::new(dist).map_err(|r| self.err(r))?;
        if !lit.acceptable() || !dist.acceptable() {
            return Err(self.err("incomplete literal/length or distance code"));
        }
        Ok((lit, dist))
    }

    /// Decodes one Huffman-compressed block's data up to and including end-of-block.
    fn codes(&mut self, lit: &Huffman, dist: &Huffman) -> Result<(), DecodeError> {
        loop {
            let sym = self.symbol(lit)?;
            if let Ok(byte) = u8::try_from(sym) {
                self.reserve(1)?;
                self.out.push(byte);
                continue;
            }
            if sym == 256 {
                return Ok(());
            }
            let i = sym - 257;
            let (Some(&lb), Some(&le)) = (LEN_BASE.get(i), LEN_EXTRA.get(i)) else {
                return Err(self.err("invalid length symbol"));
            };
            let len = usize::from(lb) + self.bits(u32::from(le))? as usize;
            let d = self.symbol(dist)?;
            let (Some(&db), Some(&de)) = (DIST_BASE.get(d), DIST_EXTRA.get(d)) else {
                return Err(self.err("invalid distance symbol"));
            };
            let distance = usize::from(db) + self.bits(u32::from(de))? as usize;
            let start = self.out.len().checked_sub(distance).ok_or_else(|| self.err("distance reaches before the start of the output"))?;
            self.reserve(len)?;
            // Byte by byte, since the source may overlap the bytes being written (distance < length).
            for k in start..start + len {
                let b = self.out.get(k).copied().ok_or_else(|| self.err("invalid back-reference"))?;
                self.out.push(b);
            }
        }
    }
}

/// Inflates a raw DEFLATE stream. Bytes after the final block are ignored, as zlib does.
fn inflate(data: &[u8]) -> Result<Vec<u8>, DecodeError> {
    let mut s = Inflater { data, bit: 0, out: Vec::new() };
    loop {
        let last = s.bits(1)?;
        match s.bits(2)? {
            0 => s.stored()?,
            1 => {
                let lit = Huffman::new(&fixed_lit_lengths()).map_err(|r| s.err(r))?;
                let dist = Huffman::new(&[5; NUM_DIST]).map_err(|r| s.err(r))?;
                s.codes(&lit, &dist)?;
            }
            2 => {
                let (lit, dist) = s.dynamic_tables()?;
                s.codes(&lit, &dist)?;
            }
            _ => return Err(s.err("invalid block type")),
        }
        if last == 1 {
            return Ok(s.out);
        }
    }
}

#[cfg(test)]
#[path = "share_tests.rs"]
mod tests;
