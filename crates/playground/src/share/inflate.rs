//! The decoder: a strict inflater (stored, fixed and dynamic blocks), linear
//! in input + output, never more than `MAX_DECODED` bytes.

use super::tables::*;
use super::{DecodeError, MAX_DECODED};

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
        // By length, then symbol: symbols of equal length in increasing order, as canonical codes require.
        let mut symbol: Vec<u16> = (0u16..).zip(lens).filter(|&(_, &l)| l > 0).map(|(s, _)| s).collect();
        symbol.sort_unstable_by_key(|&s| (lens.get(usize::from(s)).copied().unwrap_or(0), s));
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
pub(super) fn inflate(data: &[u8]) -> Result<Vec<u8>, DecodeError> {
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
