//! DEFLATE's tables (RFC 1951 §3.2.5 and §3.2.7), shared by both directions.

pub(super) const LEN_BASE: [u16; 29] =
    [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
pub(super) const LEN_EXTRA: [u8; 29] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
pub(super) const DIST_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385,
    24577,
];
pub(super) const DIST_EXTRA: [u8; 30] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
/// Order in which code-length code lengths are transmitted.
pub(super) const CL_ORDER: [usize; 19] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
/// Number of literal/length symbols (286 and 287 exist in the fixed code but are invalid) and distance symbols.
pub(super) const NUM_LIT: usize = 286;
pub(super) const NUM_DIST: usize = 30;

/// Code lengths of the fixed literal/length code (§3.2.6); the fixed distance code is 5 bits for every symbol.
pub(super) fn fixed_lit_lengths() -> [u8; 288] {
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
pub(super) fn code_for(value: u16, base: &[u16], extra: &[u8]) -> (usize, u32, u32) {
    let idx = base.iter().rposition(|&b| b <= value).unwrap_or(0);
    let b = base.get(idx).copied().unwrap_or(0);
    let e = extra.get(idx).copied().unwrap_or(0);
    (idx, u32::from(value.saturating_sub(b)), u32::from(e))
}

// ---------------------------------------------------------------------------------------------------------------------
// Encoder: LZ77
// ---------------------------------------------------------------------------------------------------------------------
