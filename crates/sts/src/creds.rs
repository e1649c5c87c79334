//! Fake but well-formed, deterministic identifiers and credentials.
//!
//! Everything is derived from the scenario's fingerprint and a counter with
//! SplitMix64, so the same scenario always prints the same keys (output can
//! be compared byte for byte) and no OS randomness is needed.

const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// A deterministic stream of pseudo-random numbers.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64, salt: &str) -> Self {
        let mut h = seed ^ 0x9e37_79b9_7f4a_7c15;
        for b in salt.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        Rng(h)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn pick(&mut self, alphabet: &[u8], n: usize) -> String {
        let len = alphabet.len() as u64;
        let bytes: Vec<u8> = (0..n).map(|_| alphabet.get((self.next_u64() % len) as usize).copied().unwrap_or(b'A')).collect();
        // The alphabets are ASCII.
        String::from_utf8(bytes).unwrap_or_default()
    }
}

/// An access key ID for temporary credentials: `ASIA` + 16 of `A-Z2-7`.
pub fn access_key_id(rng: &mut Rng) -> String {
    let mut out = String::with_capacity(20);
    out.push_str("ASIA");
    out.push_str(&rng.pick(BASE32, 16));
    out
}

/// A 40-character secret access key.
pub fn secret_access_key(rng: &mut Rng) -> String {
    rng.pick(BASE64, 40)
}

/// A session token shaped like STS's (`IQoJb3JpZ2luX2Vj…`, base64).
pub fn session_token(rng: &mut Rng) -> String {
    format!("IQoJb3JpZ2luX2VjE{}", rng.pick(BASE64, 219))
}

/// A unique ID: `AIDA` (user) or `AROA` (role) + 17 of `A-Z2-7`.
pub fn unique_id(prefix: &str, seed: u64, arn: &str) -> String {
    let mut rng = Rng::new(seed, arn);
    format!("{prefix}{}", rng.pick(BASE32, 17))
}

/// An IAM user's long-term access key ID: `AKIA` + 16 of `A-Z2-7`, the
/// same for the same scenario and user (it is the `accessKeyId` of the
/// user's events).
pub fn user_access_key_id(seed: u64, arn: &str) -> String {
    unique_id("AKIA", seed, arn).chars().take(20).collect()
}

/// The secret of that key: 40 base64 characters.
pub fn user_secret_access_key(seed: u64, arn: &str) -> String {
    let mut rng = Rng::new(seed, &format!("secret:{arn}"));
    secret_access_key(&mut rng)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_well_formed_and_deterministic() {
        let mut a = Rng::new(42, "x");
        let mut b = Rng::new(42, "x");
        let k = access_key_id(&mut a);
        assert_eq!(k, access_key_id(&mut b));
        assert_eq!(k.len(), 20);
        assert!(k.starts_with("ASIA"));
        assert!(k[4..].bytes().all(|c| c.is_ascii_uppercase() || (b'2'..=b'7').contains(&c)));
        assert_ne!(k, access_key_id(&mut a), "the next key differs");
        assert_eq!(secret_access_key(&mut a).len(), 40);
        let id = unique_id("AROA", 1, "arn:aws:iam::111111111111:role/r");
        assert_eq!(id.len(), 21);
        assert_ne!(id, unique_id("AROA", 1, "arn:aws:iam::111111111111:role/s"));
    }
}
