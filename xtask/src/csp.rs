//! The page's Content-Security-Policy, applied to what Trunk built.
//!
//! `web/index.html` carries the policy of the served site: scripts, styles
//! and the service worker only from the site itself, WebAssembly compiled
//! from them (`'wasm-unsafe-eval'`), requests only to the site
//! (`connect-src 'self'`), nothing else. Trunk writes its loader as an
//! inline module script, which that policy forbids, so [`externalize_loader`]
//! moves it into a file of its own (named by a hash of its text, like
//! Trunk's files). The single file `dist/roleplay.html` cannot load
//! anything, so its policy ([`single_file_policy`]) allows exactly its one
//! inline script and its one inline style by their SHA-256 hashes, and the
//! helper worker that script starts from a `blob:` URL of its inert text.

/// The policy of the single file, given the text of its inline script and
/// inline style.
pub fn single_file_policy(script: &str, style: &str) -> String {
    format!(
        "default-src 'none'; script-src 'sha256-{}' 'wasm-unsafe-eval'; style-src 'sha256-{}'; img-src data:; connect-src 'self'; worker-src blob:; base-uri 'none'; form-action 'none'",
        base64(&sha256(script.as_bytes())),
        base64(&sha256(style.as_bytes()))
    )
}

/// Replaces the `content` of the page's CSP `<meta>` with `policy` (the
/// minifier may write its attributes in any order, quoted or not).
pub fn set_policy(html: &mut String, policy: &str) -> Result<(), String> {
    let at = html.find("http-equiv=Content-Security-Policy").or_else(|| html.find("http-equiv=\"Content-Security-Policy\""));
    let at = at.ok_or("no Content-Security-Policy <meta> in dist/index.html")?;
    let start = html.get(..at).and_then(|s| s.rfind("<meta")).ok_or("the CSP is not in a <meta>")?;
    let end = at + html.get(at..).and_then(|s| s.find('>')).ok_or("unterminated CSP <meta>")? + 1;
    html.replace_range(start..end, &format!("<meta http-equiv=Content-Security-Policy content=\"{policy}\">"));
    Ok(())
}

/// Moves Trunk's inline loader (`<script type=module>…</script>`) into
/// `<dir>/boot-<hash>.js` and loads it from there; drops Trunk's build-time
/// `nonce` attributes (a nonce fixed at build time protects nothing).
/// Returns the new file's name.
pub fn externalize_loader(html: &mut String, dir: &str) -> Result<String, String> {
    strip_nonces(html);
    for open in ["<script type=module>", "<script type=\"module\">"] {
        let Some(a) = html.find(open) else { continue };
        let body_start = a + open.len();
        let body_end = body_start + html.get(body_start..).and_then(|s| s.find("</script>")).ok_or("unterminated loader script")?;
        let body = html.get(body_start..body_end).unwrap_or_default().to_string();
        let name = format!("boot-{:016x}.js", fnv1a(body.as_bytes()));
        std::fs::write(format!("{dir}/{name}"), &body).map_err(|e| format!("{dir}/{name}: {e}"))?;
        html.replace_range(a..body_end + "</script>".len(), &format!("<script type=module src=\"./{name}\"></script>"));
        return Ok(name);
    }
    Err("no inline loader script in dist/index.html".into())
}

fn strip_nonces(html: &mut String) {
    while let Some(a) = html.find(" nonce=") {
        let value = a + " nonce=".len();
        let rest = html.get(value..).unwrap_or_default();
        let len = if let Some(r) = rest.strip_prefix('"') {
            r.find('"').map_or(rest.len(), |k| k + 2)
        } else {
            rest.find([' ', '>']).unwrap_or(rest.len())
        };
        html.replace_range(a..value + len, "");
    }
}

fn fnv1a(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding.
pub fn base64(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [chunk.first().copied().unwrap_or(0), chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18u32, 12, 6, 0].iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(B64.get(((n >> shift) & 63) as usize).copied().unwrap_or(b'A')));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// SHA-256 (FIPS 180-4), for the CSP hashes of the single file's inline
/// script and style.
pub fn sha256(data: &[u8]) -> [u8; 32] {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be,
        0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa,
        0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85,
        0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3,
        0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f,
        0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];
    let mut h: [u32; 8] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    let mut msg = data.to_vec();
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&((data.len() as u64).wrapping_mul(8)).to_be_bytes());
    for block in msg.chunks_exact(64) {
        let mut w = [0u32; 64];
        for (i, word) in block.chunks_exact(4).enumerate() {
            if let (Some(slot), [a, b, c, d]) = (w.get_mut(i), word) {
                *slot = u32::from_be_bytes([*a, *b, *c, *d]);
            }
        }
        for i in 16..64 {
            let at = |k: usize| w.get(k).copied().unwrap_or(0);
            let s0 = at(i - 15).rotate_right(7) ^ at(i - 15).rotate_right(18) ^ (at(i - 15) >> 3);
            let s1 = at(i - 2).rotate_right(17) ^ at(i - 2).rotate_right(19) ^ (at(i - 2) >> 10);
            let v = at(i - 16).wrapping_add(s0).wrapping_add(at(i - 7)).wrapping_add(s1);
            if let Some(slot) = w.get_mut(i) {
                *slot = v;
            }
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for (k, wi) in K.iter().zip(w.iter()) {
            let t1 = hh
                .wrapping_add(e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25))
                .wrapping_add((e & f) ^ (!e & g))
                .wrapping_add(*k)
                .wrapping_add(*wi);
            let t2 = (a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22)).wrapping_add((a & b) ^ (a & c) ^ (b & c));
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (slot, v) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *slot = slot.wrapping_add(v);
        }
    }
    let mut out = [0u8; 32];
    for (chunk, v) in out.chunks_exact_mut(4).zip(h) {
        chunk.copy_from_slice(&v.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_matches_the_standard_vectors() {
        let hex = |d: [u8; 32]| d.iter().map(|b| format!("{b:02x}")).collect::<String>();
        assert_eq!(hex(sha256(b"")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assert_eq!(hex(sha256(b"abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        let long = b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
        assert_eq!(hex(sha256(long)), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
        // The CSP form: base64 of the digest.
        assert_eq!(base64(&sha256(b"abc")), "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
    }

    #[test]
    fn the_loader_moves_into_a_file_and_the_policy_is_replaced() {
        let mut html = String::from(
            "<meta http-equiv=Content-Security-Policy content=\"default-src 'none'\"><script type=module nonce=\"{{__TRUNK NONCE__}}\">import x from './a.js';</script><link rel=modulepreload nonce=abc href=./a.js>",
        );
        strip_nonces(&mut html);
        assert!(!html.contains("nonce"), "{html}");
        assert_eq!(set_policy(&mut html, "script-src 'sha256-x'"), Ok(()));
        assert!(html.starts_with("<meta http-equiv=Content-Security-Policy content=\"script-src 'sha256-x'\">"), "{html}");
        // Minified: attributes in another order, the viewport's content after.
        let mut min = String::from(
            "<meta content=\"default-src 'none'\" http-equiv=Content-Security-Policy><meta content=\"width=device-width\" name=viewport>",
        );
        assert_eq!(set_policy(&mut min, "x"), Ok(()));
        assert_eq!(min, "<meta http-equiv=Content-Security-Policy content=\"x\"><meta content=\"width=device-width\" name=viewport>");
    }
}
