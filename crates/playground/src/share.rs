//! TEMPORARY (replaced by the deflate codec before commit).
pub const MAX_DECODED: usize = 262_144;
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError;
impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "bad")
    }
}
pub fn encode(text: &str) -> String {
    text.bytes().map(|b| format!("{b:02x}")).collect()
}
pub fn decode(p: &str) -> Result<String, DecodeError> {
    let b: Result<Vec<u8>, _> = (0..p.len() / 2).map(|i| u8::from_str_radix(p.get(2 * i..2 * i + 2).unwrap_or(""), 16)).collect();
    String::from_utf8(b.map_err(|_| DecodeError)?).map_err(|_| DecodeError)
}
