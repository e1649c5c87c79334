//! Numbers in numeric conditions (`NumericLessThan`, …): the decimal
//! syntax IAM accepts, read without the standard library's float parser.

/// A decimal number: `-?digits(.digits)?([eE][+-]?digits)?`; no `inf`,
/// `NaN`, `+`, `.5` or spaces.
pub fn parse_number(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    if b.is_empty() || b.len() > 64 {
        return None;
    }
    let mut i = usize::from(b.first() == Some(&b'-'));
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i > start
    };
    if !digits(&mut i) {
        return None;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if !digits(&mut i) {
            return None;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !digits(&mut i) {
            return None;
        }
    }
    if i != b.len() {
        return None;
    }
    decimal_to_f64(b).filter(|f| f.is_finite())
}

/// The value of a decimal number already checked by [`parse_number`],
/// without the standard library's float parser (whose tables would add
/// about 10 KB to the page's WebAssembly). Exact — the nearest `f64` —
/// when the significant digits fit in 2^53 and the decimal exponent is
/// within ±22 (every number a policy is likely to hold: `3600`, `1.5`,
/// `0.25`); otherwise within a few units in the last place, and always the
/// same value for the same text, so comparisons stay consistent.
fn decimal_to_f64(b: &[u8]) -> Option<f64> {
    let negative = b.first() == Some(&b'-');
    let (mut mantissa, mut exp10, mut seen_dot) = (0u64, 0i64, false);
    let mut i = usize::from(negative);
    while let Some(&c) = b.get(i) {
        match c {
            b'0'..=b'9' => {
                if mantissa < 1_000_000_000_000_000_000 {
                    mantissa = mantissa * 10 + u64::from(c - b'0');
                    if seen_dot {
                        exp10 -= 1;
                    }
                } else if !seen_dot {
                    // Digits past 19 significant ones only scale the value.
                    exp10 += 1;
                }
            }
            b'.' => seen_dot = true,
            b'e' | b'E' => {
                let rest = std::str::from_utf8(b.get(i + 1..)?).ok()?;
                let rest = rest.strip_prefix('+').unwrap_or(rest);
                // At most 64 characters in all, so this fits; a huge
                // exponent is infinity or zero either way.
                exp10 += rest.parse::<i64>().ok()?.clamp(-10_000, 10_000);
                break;
            }
            _ => return None,
        }
        i += 1;
    }
    let m = mantissa as f64;
    let value = if mantissa == 0 {
        0.0
    } else if mantissa < (1 << 53) && (0..=22).contains(&exp10) {
        m * 10f64.powi(exp10 as i32)
    } else if mantissa < (1 << 53) && (-22..0).contains(&exp10) {
        m / 10f64.powi(-exp10 as i32)
    } else if exp10 < -300 {
        // Two steps, so the intermediate power stays a normal number.
        m / 10f64.powi(300) / 10f64.powi((-exp10 - 300).min(400) as i32)
    } else {
        m * 10f64.powi(exp10.clamp(-400, 400) as i32)
    };
    Some(if negative { -value } else { value })
}

#[cfg(test)]
#[path = "number_tests.rs"]
mod tests;
