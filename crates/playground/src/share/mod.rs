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

mod deflate;
mod inflate;
mod tables;

use deflate::deflate;
use inflate::inflate;

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
    text(bytes)
}

/// Decompressed bytes as the scenario's text (the second half of [`decode`]).
pub fn text(bytes: Vec<u8>) -> Result<String, DecodeError> {
    if bytes.len() > MAX_DECODED {
        return Err(DecodeError::TooLarge);
    }
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

/// base64url without padding, as [`encode`] writes it (for a payload
/// compressed elsewhere, such as by the browser's `CompressionStream`).
pub fn base64url(data: &[u8]) -> String {
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

/// The compressed bytes of a payload (the first half of [`decode`], for a
/// page that inflates with the browser's own `DecompressionStream`).
pub fn unbase64(payload: &str) -> Result<Vec<u8>, DecodeError> {
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

#[cfg(test)]
mod tests;
